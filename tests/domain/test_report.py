"""Report lines and the figures printed beside them."""

from __future__ import annotations

from dti_desktop.domain.report import SHARE_BANDS, share_bands


def test_share_bands_count_each_unit_once_at_the_edges():
    labels, counts = share_bands([0, 19.99, 20, 39.9, 40, 60, 79.99, 80, 99.9, 100, 100])
    assert labels == [label for _, _, label in SHARE_BANDS] and labels[0] == "Dưới 20%" and labels[-1] == "100%"
    assert counts == [2, 2, 1, 2, 2, 2]


def test_share_bands_of_no_units_are_all_zero():
    assert share_bands([])[1] == [0] * len(SHARE_BANDS)
