"""Schema migrations: db/migrations/NNNN_*.sql, applied in order, PRAGMA user_version = NNNN.

Each file runs in one transaction together with its user_version bump, so a
crash mid-migration leaves the previous version intact.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from ..paths import migrations_dir
from .errors import SchemaTooNewError

_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")
# A migration holding this line rebuilds a table: foreign keys are off around its transaction.
FOREIGN_KEYS_OFF = "-- dti: foreign_keys off"


@dataclass(frozen=True)
class Migration:
    """One numbered SQL file (sorted by version; no ordering methods: each generated method costs start-up time)."""

    version: int
    path: Path

    def sql(self) -> str:
        return self.path.read_text(encoding="utf-8")


def available(folder: Path | None = None) -> list[Migration]:
    """All migrations shipped, by version; versions must run 1, 2, 3 … without gaps."""
    folder = folder or migrations_dir()
    found = sorted(
        (Migration(int(m.group(1)), p) for p in folder.iterdir() if (m := _NAME.match(p.name))),
        key=lambda migration: migration.version,
    )
    expected = list(range(1, len(found) + 1))
    if [m.version for m in found] != expected:
        raise RuntimeError(f"migrations in {folder} are not numbered 1..n: {found}")
    return found


def current_version(conn: sqlite3.Connection) -> int:
    return conn.execute("PRAGMA user_version").fetchone()[0]


def latest_version(folder: Path | None = None) -> int:
    return len(available(folder))


def migrate(conn: sqlite3.Connection, folder: Path | None = None, target: int | None = None) -> int:
    """Bring the schema up to `target` (default: latest); return the version reached."""
    migrations = available(folder)
    have = current_version(conn)
    if have > len(migrations):
        raise SchemaTooNewError(
            f"Cơ sở dữ liệu có phiên bản cấu trúc {have}, mới hơn chương trình này "
            f"(tối đa {len(migrations)}). Hãy cài phiên bản DTI Desktop mới hơn."
        )
    goal = len(migrations) if target is None else target
    from ..domain.text import name_key

    conn.create_function("dti_name_key", 1, name_key, deterministic=True)  # for migrations that recompute keys
    for migration in migrations[have:goal]:
        sql = migration.sql()
        # A table rebuilt to change a constraint: foreign keys off around its transaction (they cannot change
        # inside one); the migration checks its own references before it commits.
        rebuild = FOREIGN_KEYS_OFF in sql.splitlines()
        enforced = conn.execute("PRAGMA foreign_keys").fetchone()[0]
        if rebuild:
            conn.execute("PRAGMA foreign_keys = OFF")
        script = f"BEGIN;\n{sql}\nPRAGMA user_version = {migration.version};\nCOMMIT;"
        try:
            conn.executescript(script)
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        finally:
            if rebuild and enforced:
                conn.execute("PRAGMA foreign_keys = ON")
    return current_version(conn)
