"""Limits on figures and moments where they enter: at the unit when typed, at the office when a package is read.

Every figure the program keeps is finite and in a range its arithmetic, printing and Qt hold (a share of
1e12/1e-300 was infinite, and printing it stopped the office's export, its window and later imports); every
moment falls in the years a reporting period may have (a package "made" in 9999 stopped a whole batch).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from .numbers import format_number

MAX_FIGURE = 1e12  # the largest result or share a target counts (a province's money in đồng fits)
FIRST_YEAR, LAST_YEAR = 2000, 2100  # the years a Period may have
CLOCK_SKEW = timedelta(days=1)  # a sender's clock may run this far ahead of the office's before a package is refused
LARGE_GAP = timedelta(days=3)  # made and received further apart than this: the board flags the sender's claim


def figure_ok(x) -> bool:
    """A figure as the unit can type one: never negative (the unit's reader takes no sign), at most MAX_FIGURE.
    NaN fails every comparison, infinity the upper one."""
    return x is None or 0 <= x <= MAX_FIGURE


def share_ok(numerator, denominator) -> bool:
    """A fraction whose share (numerator / denominator × 100) stays within MAX_FIGURE; a denominator of 0 or less
    is no fraction. Compared without dividing: 1e12 / 1e-300 is infinite."""
    if denominator is None:
        return True
    if not denominator > 0:
        return False
    return numerator is None or numerator * 100 <= MAX_FIGURE * denominator


def figure_problem(value, numerator, denominator) -> str | None:
    """Why a result's figures cannot be kept (Vietnamese), or None."""
    if not (figure_ok(value) and figure_ok(numerator) and figure_ok(denominator)):
        return f"Số quá lớn hoặc không hợp lệ (tối đa {format_number(MAX_FIGURE)})."
    if not share_ok(numerator, denominator):
        return "Mẫu số quá nhỏ so với tử số: tỷ lệ tính ra quá lớn."
    return None


def moment_ok(moment: datetime) -> bool:
    """In the years a period may have (an offset applied to year 1 or 9999 overflows)."""
    return FIRST_YEAR <= moment.year <= LAST_YEAR


def claim_disagrees(claimed: datetime, received: datetime) -> bool:
    """A package said to be made long before the office received it, or after: the board flags the claim."""
    return received - claimed > LARGE_GAP or claimed - received > timedelta(hours=1)


def aware(moment: datetime) -> datetime:
    """With its offset; a moment written without one is taken as this machine's local time."""
    return moment if moment.tzinfo is not None else moment.astimezone()
