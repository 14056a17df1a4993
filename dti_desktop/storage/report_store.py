"""The register of issued documents and the officer's report texts (schema 11)."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime
from typing import TYPE_CHECKING

from ..domain.issued_docs import IssuedDocument
from ..domain.report_texts import SECTIONS, ReportTexts
from .errors import ConflictError, NotFoundError

if TYPE_CHECKING:  # sqlite-utils is imported only when first needed (start-up time)
    import sqlite_utils


def _now() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


def _document(row: dict) -> IssuedDocument:
    return IssuedDocument(row["number"], date.fromisoformat(row["issued_on"]), row["kind"], row["abstract"], row["id"])


def add_document(db: sqlite_utils.Database, doc: IssuedDocument, who: str) -> IssuedDocument:
    """Store a (checked) document; ConflictError when the same number was registered on the same day."""
    try:
        with db.atomic():
            cursor = db.execute(
                "INSERT INTO issued_document (number, issued_on, kind, abstract, added_at, added_by) "
                "VALUES (?, ?, ?, ?, ?, ?)", [doc.number, doc.issued_on.isoformat(), doc.kind, doc.abstract, _now(), who])
    except sqlite3.IntegrityError:
        raise ConflictError(f"Văn bản số {doc.number} ngày {doc.issued_on:%d/%m/%Y} đã có trong sổ.") from None
    return IssuedDocument(doc.number, doc.issued_on, doc.kind, doc.abstract, cursor.lastrowid)


def update_document(db: sqlite_utils.Database, doc: IssuedDocument) -> None:
    try:
        with db.atomic():
            changed = db.execute("UPDATE issued_document SET number = ?, issued_on = ?, kind = ?, abstract = ? "
                                 "WHERE id = ?", [doc.number, doc.issued_on.isoformat(), doc.kind, doc.abstract,
                                                  doc.id]).rowcount
    except sqlite3.IntegrityError:
        raise ConflictError(f"Văn bản số {doc.number} ngày {doc.issued_on:%d/%m/%Y} đã có trong sổ.") from None
    if not changed:
        raise NotFoundError(f"Không có văn bản mã {doc.id} trong sổ.")


def remove_document(db: sqlite_utils.Database, doc_id: int) -> None:
    with db.atomic():
        if not db.execute("DELETE FROM issued_document WHERE id = ?", [doc_id]).rowcount:
            raise NotFoundError(f"Không có văn bản mã {doc_id} trong sổ.")


def documents(db: sqlite_utils.Database, first: date | None = None, last: date | None = None) -> list[IssuedDocument]:
    """The register between two days (inclusive), by date then number."""
    rows = db.query("SELECT * FROM issued_document WHERE issued_on BETWEEN ? AND ? ORDER BY issued_on, id",
                    [(first or date(1900, 1, 1)).isoformat(), (last or date(9999, 12, 31)).isoformat()])
    return [_document(r) for r in rows]


def load_texts(db: sqlite_utils.Database, kind: str, period: str) -> ReportTexts:
    values: dict[str, str] = {}
    tasks: dict[str, str] = {}
    for row in db.query("SELECT section, group_key, text FROM report_text WHERE kind = ? AND period = ?", [kind, period]):
        if row["section"] == "nhiem_vu" and row["group_key"]:
            tasks[row["group_key"]] = row["text"]
        elif row["section"] in SECTIONS:
            values[row["section"]] = row["text"]
    return ReportTexts(**values, tasks=tasks)


def save_texts(db: sqlite_utils.Database, kind: str, period: str, texts: ReportTexts, who: str) -> None:
    """Replace the report's texts with these (a part left empty is removed)."""
    rows = [(s, "", getattr(texts, s)) for s in SECTIONS] + [("nhiem_vu", k, v) for k, v in texts.tasks.items()]
    now = _now()
    with db.atomic():
        db.execute("DELETE FROM report_text WHERE kind = ? AND period = ?", [kind, period])
        db.conn.executemany("INSERT INTO report_text (kind, period, section, group_key, text, updated_at, updated_by) "
                            "VALUES (?, ?, ?, ?, ?, ?, ?)",
                            [(kind, period, s, k, t, now, who) for s, k, t in rows if t.strip()])
