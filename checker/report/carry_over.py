"""Read a previous gap matrix so that reviewers' status and notes survive a re-audit.

Rows are matched by (standard, requirement id) -- the hidden ``key`` column, else the Standard and ID columns --
never by position, so a reviewer may sort, filter, hide or re-order rows freely. Headers and status words are
read back in any of the three languages, so a workbook written in English can be re-audited in Chinese.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from checker.errors import OutputError
from checker.report import labels
from checker.report.matrix import row_key

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


@dataclass
class PreviousWorkbook:
    """What a previous gapcheck workbook holds that must not be lost."""

    generated_at: str = ""
    entries: dict[str, ReviewEntry] = field(default_factory=dict)
    statuses: dict[str, str] = field(default_factory=dict)  # key -> verdict, for ``gapcheck diff``
    titles: dict[str, str] = field(default_factory=dict)

    @property
    def has_reviewer_edits(self) -> bool:
        """Whether any reviewer status or note was entered."""
        return bool(self.entries)


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
    """Read reviewer entries and verdicts from a gapcheck workbook.

    Raises:
        OutputError: the file is not a readable workbook, or not one gapcheck wrote (no Run Info marker).
    """
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = load_workbook(path, read_only=True, data_only=False)
    except (InvalidFileException, *_READ_ERRORS) as exc:
        raise OutputError(
            f"is not a readable Excel workbook ({type(exc).__name__}); it was left unchanged", path
        ) from exc
    try:
        run_rows = _rows(workbook, labels.SHEET_RUN)
        matrix_rows = _rows(workbook, labels.SHEET_MATRIX)
        carried_rows = _rows(workbook, labels.SHEET_CARRIED)
    except _READ_ERRORS as exc:
        raise OutputError(f"is a damaged workbook ({type(exc).__name__}); it was left unchanged", path) from exc
    finally:
        workbook.close()
    marker = any(labels.WORKBOOK_MARKER in (str(v) for v in row if v is not None) for row in run_rows)
    if not marker:
        raise OutputError(
            "is not a gapcheck workbook (no Run Info marker); it was left unchanged -- "
            "choose another --output, or --force to replace it",
            path,
        )
    previous = PreviousWorkbook(generated_at=_generated_at(run_rows))
    _read_sheet(matrix_rows, previous, current=True)
    _read_sheet(carried_rows, previous, current=False)
    return previous


def _rows(workbook: Any, name: str) -> list[tuple[Any, ...]]:
    if name not in workbook.sheetnames:
        return []
    return [tuple(row) for row in workbook[name].iter_rows(values_only=True)]


def _generated_at(run_rows: list[tuple[Any, ...]]) -> str:
    wanted = {labels.run_label("generated_at", lang) for lang in labels.LANGS}
    for row in run_rows:
        if len(row) >= 2 and str(row[0]) in wanted and row[1] is not None:
            return str(row[1])
    return ""


def _text(row: tuple[Any, ...], column: int | None) -> str:
    if column is None or column >= len(row) or row[column] is None:
        return ""
    return str(row[column]).strip()


def _read_sheet(rows: list[tuple[Any, ...]], previous: PreviousWorkbook, *, current: bool) -> None:
    """Collect entries from the matrix (``current``) or the Carried Over sheet."""
    if not rows:
        return
    columns: dict[str, int] = {}
    for index, value in enumerate(rows[0]):
        if value is None:
            continue
        name = labels.KEY_HEADER if str(value).strip() == labels.KEY_HEADER else labels.field_for_header(str(value))
        if name is not None:
            columns.setdefault(name, index)
    for row in rows[1:]:
        standard, requirement_id = _text(row, columns.get("standard")), _text(row, columns.get("id"))
        key = _text(row, columns.get(labels.KEY_HEADER)) or (
            row_key(standard, requirement_id) if standard and requirement_id else ""
        )
        if not key:
            continue
        if not standard or not requirement_id:
            standard, _, requirement_id = key.partition("|")
        status_text = _text(row, columns.get("status" if current else "previous_status"))
        status = labels.status_for_word(status_text) or status_text
        title = _text(row, columns.get("requirement"))
        if current:
            previous.statuses[key] = status
            previous.titles[key] = title
        reviewer_text = _text(row, columns.get("reviewer_status"))
        note = _text(row, columns.get("reviewer_note"))
        if not reviewer_text and not note:
            continue
        if not current and key in previous.entries:
            continue  # NOTE: the matrix row is the reviewer's latest word on a requirement that came back
        previous.entries[key] = ReviewEntry(
            key=key,
            standard=standard,
            id=requirement_id,
            requirement=title,
            status=status,
            reviewer_status=labels.reviewer_code(reviewer_text) if reviewer_text else "",
            note=note,
            reviewed_in=_text(row, columns.get("carried_from")) or previous.generated_at,
        )
