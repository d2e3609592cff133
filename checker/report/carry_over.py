"""Read a previous gap matrix so that nothing a reviewer did is lost on a re-audit.

Rows are matched by (standard, requirement id) -- the hidden ``key`` column, else the Standard and ID columns --
never by position, so a reviewer may sort, filter, hide or re-order rows freely. Headers and status words are
read back in any of the three languages, so a workbook written in English can be re-audited in Chinese.

Sheets are found by the role gapcheck gave them (``workbook_state``), so a renamed Gap Matrix is still the matrix.
Carried: reviewer status and note, every column a reviewer added, cell comments on the matrix, a Status cell a
reviewer overwrote (as the reviewer status), and every sheet the reviewer added. What cannot be carried (edits on
the generated sheets, charts or images on an added sheet) is listed in ``lost``; the writer then keeps a copy of
the old workbook beside the new one and says so.
"""

from __future__ import annotations

import dataclasses
import datetime
import hashlib
import os
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from checker.errors import OutputError
from checker.report import labels
from checker.report.matrix import MATRIX_FIELDS, row_key
from checker.report.workbook_state import GENERATED, header_fields, machine_digest, read_state, role_of, sheet_digest

# What openpyxl raises on a damaged or foreign file (it has no single exception type for "not a workbook").
_READ_ERRORS = (zipfile.BadZipFile, KeyError, ValueError, TypeError, IndexError, AttributeError, OSError, SyntaxError)


@dataclass(frozen=True)
class ReviewEntry:
    """A reviewer's verdict on one requirement, as found in a previous workbook."""

    key: str
    standard: str
    id: str
    requirement: str
    status: str  # the machine verdict when the reviewer saw it (a Status value, or the text found)
    reviewer_status: str  # a reviewer code (``agree``) or free text the reviewer typed
    note: str
    reviewed_in: str  # generated_at of the run the reviewer worked on
    reviewer: str = ""
    reviewed_on: str = ""  # ISO date when the cell holds a date, else the text typed
    reviewed_verdict: str = ""  # the machine verdict the review was given against
    extra: dict[str, object] = field(default_factory=dict)  # header of a column the reviewer added -> value
    comments: dict[str, tuple[str, str]] = field(default_factory=dict)  # field or header -> (text, author)


@dataclass
class PreviousWorkbook:
    """What a previous gapcheck workbook holds that must not be lost."""

    generated_at: str = ""
    entries: dict[str, ReviewEntry] = field(default_factory=dict)
    statuses: dict[str, str] = field(default_factory=dict)  # key -> verdict, for ``gapcheck diff``
    titles: dict[str, str] = field(default_factory=dict)
    extra_headers: list[str] = field(default_factory=list)  # columns a reviewer added to the matrix, in order
    added_sheets: list[str] = field(default_factory=list)  # sheets a reviewer added, in order
    lost: list[str] = field(default_factory=list)  # what cannot be carried into the new workbook
    overrides: int = 0  # Status cells a reviewer overwrote, carried as reviewer status
    fingerprint: tuple[int, int, str] | None = None  # (mtime_ns, size, sha256) when read
    workbook: Any = None  # the loaded old workbook (its added sheets are copied from it)

    def reviews(self) -> dict[str, ReviewEntry]:
        """The entries that hold a sign-off (a reviewer status, note, name or date), by row key."""
        return {key: e for key, e in self.entries.items() if review_digest(e)}

    @property
    def has_reviewer_edits(self) -> bool:
        """Whether any reviewer status, note, column or sheet was added."""
        return bool(self.entries or self.added_sheets or self.lost)


def review_digest(entry: ReviewEntry) -> str:
    """A language-neutral digest of the sign-off itself, or "" when the entry holds none.

    The state sheet records it for every review gapcheck wrote, so the next run can tell a review the reviewer
    changed (given against the verdict that workbook showed) from one carried unchanged (still given against the
    verdict recorded with it).
    """
    parts = (entry.reviewer_status, entry.note, entry.reviewer, entry.reviewed_on)
    if not any(parts):
        return ""
    return hashlib.sha256("\0".join(parts).encode("utf-8", "surrogatepass")).hexdigest()[:16]


def file_fingerprint(path: Path) -> tuple[int, int, str] | None:
    """(mtime_ns, size, sha256) of ``path``, or None when it does not exist."""
    try:
        info = os.stat(path)
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise OutputError(f"cannot read the existing workbook ({exc.strerror or exc})", path) from None
    return info.st_mtime_ns, info.st_size, hashlib.sha256(data).hexdigest()


def lock_file(path: Path) -> Path:
    """The lock file Excel (and LibreOffice) keep beside an open workbook."""
    return path.with_name("~$" + path.name)


def check_not_open(path: Path) -> None:
    """Refuse to touch a workbook that is open in Excel.

    Raises:
        OutputError: the Excel lock file ``~$NAME.xlsx`` exists.
    """
    lock = lock_file(path)
    if lock.exists() or path.with_name(f".~lock.{path.name}#").exists():
        raise OutputError("is open in a spreadsheet program (lock file beside it); close it and run again", path)


def read_previous(path: Path) -> PreviousWorkbook:
    """Read everything a reviewer put into a gapcheck workbook.

    Raises:
        OutputError: the file is not a readable workbook, or not one gapcheck wrote (no Run Info marker).
    """
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    fingerprint = file_fingerprint(path)
    try:
        workbook = load_workbook(path, data_only=False)
    except (InvalidFileException, *_READ_ERRORS) as exc:
        raise OutputError(
            f"is not a readable Excel workbook ({type(exc).__name__}); it was left unchanged", path
        ) from exc
    try:
        return _read(workbook, fingerprint, path)
    except _READ_ERRORS as exc:
        raise OutputError(f"is a damaged workbook ({type(exc).__name__}); it was left unchanged", path) from exc


_TITLES = {
    "summary": labels.SHEET_SUMMARY,
    "matrix": labels.SHEET_MATRIX,
    "evidence": labels.SHEET_EVIDENCE,
    "index": labels.SHEET_INDEX,
    "index_findings": labels.SHEET_INDEX_FINDINGS,
    "carried": labels.SHEET_CARRIED,
    "run": labels.SHEET_RUN,
}
# NOTE: the review check and the verdict a review was given against are written by gapcheck, so a hand edit of
# them is an edit of machine columns; Status is left out because overwriting it is a reviewer's override.
MACHINE_FIELDS = (*(f for f in MATRIX_FIELDS if f != "status"), "review_check", "reviewed_verdict")


def _roles(workbook: Any) -> tuple[dict[str, Any], list[Any]]:
    """Generated sheets by role (code name, else the old fixed titles, else the matrix by its key column)."""
    roles: dict[str, Any] = {}
    others: list[Any] = []
    for ws in workbook.worksheets:
        role = role_of(ws)
        if role is not None and role not in roles:
            roles[role] = ws
        else:
            others.append(ws)
    reviewer_sheets: list[Any] = []
    for ws in others:
        role = next((r for r, title in _TITLES.items() if title == ws.title and r not in roles), None)
        if role is None and "matrix" not in roles:
            fields = set(header_fields(ws).values())
            if {labels.KEY_HEADER, "status", "id"} <= fields:
                role = "matrix"
        if role is None and "run" not in roles and _has_marker(ws):
            role = "run"
        if role is not None:
            roles[role] = ws
        else:
            reviewer_sheets.append(ws)
    return roles, reviewer_sheets


def _has_marker(ws: Any) -> bool:
    for row in ws.iter_rows(max_row=40, max_col=3, values_only=True):
        if any(str(v) == labels.WORKBOOK_MARKER for v in row if v is not None):
            return True
    return False


def _read(workbook: Any, fingerprint: tuple[int, int, str] | None, path: Path) -> PreviousWorkbook:
    roles, reviewer_sheets = _roles(workbook)
    run = roles.get("run")
    if run is None or not _has_marker(run):
        raise OutputError(
            "is not a gapcheck workbook (no Run Info marker); it was left unchanged -- "
            "choose another --output, or --force to replace it",
            path,
        )
    state = read_state(workbook) or {}
    run_rows = [tuple(row) for row in run.iter_rows(values_only=True)]
    previous = PreviousWorkbook(generated_at=_generated_at(run_rows), fingerprint=fingerprint, workbook=workbook)
    digests: dict[str, Any] = state["digests"] if isinstance(state.get("digests"), dict) else {}
    for role in GENERATED:
        ws = roles.get(role)
        if ws is not None and digests.get(role) and sheet_digest(ws) != digests[role]:
            previous.lost.append(f"edits on the '{ws.title}' sheet")
    machine: dict[str, Any] = state["machine"] if isinstance(state.get("machine"), dict) else {}
    reviews: dict[str, Any] = state["reviews"] if isinstance(state.get("reviews"), dict) else {}
    matrix = roles.get("matrix")
    if matrix is not None:
        if digests.get("matrix_machine") and machine_digest(matrix, MACHINE_FIELDS) != digests["matrix_machine"]:
            previous.lost.append(f"edits to the machine-written columns of '{matrix.title}'")
        _read_sheet(matrix, previous, machine, reviews, current=True)
    if roles.get("carried") is not None:
        _read_sheet(roles["carried"], previous, machine, reviews, current=False)
    for ws in reviewer_sheets:
        previous.added_sheets.append(ws.title)
        if getattr(ws, "_charts", None) or getattr(ws, "_images", None):
            previous.lost.append(f"charts or images on the added sheet '{ws.title}'")
    return previous


def _generated_at(run_rows: list[tuple[Any, ...]]) -> str:
    wanted = {labels.run_label("generated_at", lang) for lang in labels.LANGS}
    for row in run_rows:
        if len(row) >= 2 and str(row[0]) in wanted and row[1] is not None:
            return str(row[1])
    return ""


def _text(value: object) -> str:
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat(sep=" ")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return "" if value is None else str(value).strip()


def _reviewed_verdict(entry: ReviewEntry, hidden: str, recorded: dict[str, Any]) -> str:
    """The verdict a review was given against.

    A review the reviewer left as gapcheck wrote it keeps the verdict recorded with it; a new or changed review was
    given against the verdict the old workbook showed (``entry.status``).
    """
    if recorded.get("digest") == review_digest(entry):
        kept = labels.status_for_word(hidden) if hidden else None
        return kept or str(recorded.get("verdict") or "") or entry.status
    return entry.status


def _read_sheet(
    ws: Any, previous: PreviousWorkbook, machine: dict[str, Any], reviews: dict[str, Any], *, current: bool
) -> None:
    """Collect entries from the matrix (``current``) or the Carried Over sheet."""
    fields = header_fields(ws)
    columns = {name: column for column, name in fields.items()}
    headers = {cell.column: _text(cell.value) for cell in next(ws.iter_rows(min_row=1, max_row=1), ())}
    extra_columns = {c: h for c, h in headers.items() if h and c not in fields} if current else {}
    for header in extra_columns.values():
        if header not in previous.extra_headers:
            previous.extra_headers.append(header)

    def value(row: tuple[Any, ...], name: str) -> str:
        column = columns.get(name)
        return _text(row[column - 1].value) if column is not None and column <= len(row) else ""

    for row in ws.iter_rows(min_row=2):
        standard, requirement_id = value(row, "standard"), value(row, "id")
        key = value(row, labels.KEY_HEADER) or (
            row_key(standard, requirement_id) if standard and requirement_id else ""
        )
        if not key:
            continue
        if not standard or not requirement_id:
            standard, _, requirement_id = key.partition("|")
        status_text = value(row, "status" if current else "previous_status")
        status = labels.status_for_word(status_text) or status_text
        title = value(row, "requirement")
        reviewer_text, note = value(row, "reviewer_status"), value(row, "reviewer_note")
        if current:
            recorded = str(machine.get(key) or "")
            if status_text and ((recorded and status != recorded) or labels.status_for_word(status_text) is None):
                # NOTE: the reviewer typed over the machine verdict; that is their verdict, never dropped
                previous.overrides += 1
                if reviewer_text:
                    note = f"{note} [Status cell changed by hand to: {status_text}]".strip()
                else:
                    reviewer_text = status_text
                status = recorded or status
            previous.statuses[key] = status
            previous.titles[key] = title
        extra = {
            h: row[c - 1].value for c, h in extra_columns.items() if c <= len(row) and row[c - 1].value is not None
        }
        comments: dict[str, tuple[str, str]] = {}
        for cell in row:
            if getattr(cell, "comment", None) is not None:
                name = fields.get(cell.column) or headers.get(cell.column) or str(cell.column)
                comments[name] = (str(cell.comment.text), str(cell.comment.author or ""))
        if not (reviewer_text or note or extra or comments or value(row, "reviewer") or value(row, "review_date")):
            continue
        if not current and key in previous.entries:
            continue  # NOTE: the matrix row is the reviewer's latest word on a requirement that came back
        carried_from = _text(row[columns["carried_from"] - 1].value) if "carried_from" in columns else ""
        entry = ReviewEntry(
            key=key,
            standard=standard,
            id=requirement_id,
            requirement=title,
            status=status,
            reviewer_status=labels.reviewer_code(reviewer_text) if reviewer_text else "",
            note=note,
            reviewed_in=carried_from or previous.generated_at,
            reviewer=value(row, "reviewer"),
            reviewed_on=value(row, "review_date"),
            extra=extra,
            comments=comments,
        )
        stored = reviews.get(key)
        verdict = _reviewed_verdict(entry, value(row, "reviewed_verdict"), stored if isinstance(stored, dict) else {})
        previous.entries[key] = dataclasses.replace(entry, reviewed_verdict=verdict if review_digest(entry) else "")
