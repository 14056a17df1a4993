"""The benchmarks' data generator (issue 7): deterministic, and what it makes the program accepts.

Not a timing: the figures come from benchmarks/run.py. This keeps the generator working as the code changes.
"""

from __future__ import annotations

import hashlib
import subprocess
import sys

from tests.helpers import ROOT


def make(folder):
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "make_data.py"), str(folder), "--units", "3",
                    "--months", "2", "--packages", "3"], check=True, capture_output=True)
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted((folder / "packages").iterdir())}


def test_generator_is_deterministic_and_its_packages_import(tmp_path):
    from dti_desktop.services import district
    from dti_desktop.storage.database import open_database

    first, second = make(tmp_path / "a"), make(tmp_path / "b")
    assert len(first) == 3 and first == second  # same seed, same bytes
    db = open_database(tmp_path / "a" / "office" / "dti.sqlite3")
    outcomes = district.import_packages(db, tmp_path / "a" / "office" / "evidence", [tmp_path / "a" / "packages"])
    assert [o.accepted for o in outcomes] == [True] * 3, [o.message for o in outcomes]
    assert db.execute("SELECT count(*) FROM received_entry").fetchone()[0] == 3 * 27
    db.close()


def test_nation_scale_names_are_distinct_valid_unit_names():
    import random

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from make_data import SCALES, unit_names

    from dti_desktop.domain.names import name_problem

    names = unit_names(SCALES["nation"]["units"], random.Random(7))
    assert len(names) == 3321 == len({n for n, _ in names})
    assert all(name_problem(n) is None for n, _ in names[:200])
    assert all(len(n.split()) == 5 for n, _ in names)  # three words a name beyond 306 units
    assert all(len(n.split()) == 4 for n, _ in unit_names(200, random.Random(7)))  # the province's as before
