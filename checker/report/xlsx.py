"""The Excel gap matrix: the workbook compliance staff review, with their earlier review carried over.

Sheets: Summary, Gap Matrix, Evidence, Content Index, Run Info, and Carried Over (reviewer rows whose requirement
is gone). The workbook is built in memory and written atomically; an existing output is read first so that the
reviewer's work moves into the new workbook (``carry_over``), and a workbook that is open, foreign or damaged is
refused with the old file left exactly as it was.

Never silently lost: the write holds a pid lock beside the workbook (a second audit waits, then stops); just
before the rename the old file's mtime, size and SHA-256 are compared with what was read, and a workbook a
reviewer saved meanwhile is read and merged again; what cannot be carried is named in one line and the old
workbook is kept as a copy beside the new one.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from checker.errors import ConfigError, OutputError, display_path
from checker.report import labels
from checker.report.atomic import write_atomic
from checker.report.carry_over import (
    MACHINE_FIELDS,
    PreviousWorkbook,
    ReviewEntry,
    check_not_open,
    file_fingerprint,
    read_previous,
)
from checker.report.formats import WriteOptions
from checker.report.labels import header, reviewer_word, status_word
from checker.report.matrix import MATRIX_FIELDS, MatrixRow, localized_values, matrix_rows, row_key
from checker.report.model import AuditResult
from checker.report.output_lock import workbook_lock
from checker.report.workbook_state import machine_digest, set_role, sheet_digest, write_state

REVIEW_FIELDS = ("reviewer_status", "reviewer_note")
# Widths in characters, in MATRIX_FIELDS order, then the reviewer columns and the key.
_MATRIX_WIDTHS = (15, 8, 6, 20, 44, 16, 13, 11, 28, 28, 60, 10, 36, 20, 36, 12)
_MATRIX_WRAP = (4, 5, 9, 10, 11, 13, 15)
_CARRIED_FIELDS = ("standard", "id", "requirement", "previous_status", "reviewer_status", "reviewer_note")


def write(results: list[AuditResult], path: Path, options: WriteOptions) -> None:
    """Write the gap matrix of one audited draft to ``path``, carrying over an existing review.

    Raises:
        ConfigError: more than one draft (one workbook holds one draft's review).
        OutputError: the target is open in Excel, not a gapcheck workbook, damaged, holds reviewer edits that
            ``--no-carry-over`` would discard, or cannot be written.
    """
    if len(results) != 1:
        raise ConfigError("an .xlsx gap matrix holds one draft; audit one file per workbook")
    with workbook_lock(path):
        for _attempt in range(3):
            before = file_fingerprint(path)
            previous = _previous(path, options)
            if previous.fingerprint is not None and previous.fingerprint != before:
                continue  # NOTE: saved while we read it: read it again
            workbook = build_workbook(results[0], previous, options.lang)
            kept: list[Path] = []

            def check(
                before: tuple[int, int, str] | None = before,
                previous: PreviousWorkbook = previous,
                kept: list[Path] = kept,
            ) -> None:
                if file_fingerprint(path) != before:
                    raise _Changed
                if previous.lost and before is not None:
                    from checker.report.xlsx_preserve import keep_copy

                    kept.append(keep_copy(path))

            try:
                write_atomic(path, workbook.save, before_replace=check)
            except _Changed:
                continue
            except OSError as exc:
                raise OutputError(
                    f"cannot write the workbook: {exc.strerror or exc}; the old file is unchanged", path
                ) from exc
            _report(path, previous, kept)
            return
    raise OutputError(
        "was changed by someone else while gapcheck wrote it, three times; it was left as they saved it. "
        "Run again when it is closed",
        path,
    )


class _Changed(Exception):
    """The workbook on disk is no longer the one that was read."""


def _report(path: Path, previous: PreviousWorkbook, kept: list[Path]) -> None:
    name = display_path(path)
    if previous.overrides:
        click.echo(
            f"gapcheck: warning: {name}: {previous.overrides} Status cell(s) changed by hand were carried into "
            f"'{labels.header('reviewer_status', 'en')}'",
            err=True,
        )
    if kept:
        click.echo(
            f"gapcheck: warning: {name}: could not carry {'; '.join(previous.lost)} into the new workbook; "
            f"the previous workbook is kept as {display_path(kept[0])}",
            err=True,
        )


def _previous(path: Path, options: WriteOptions) -> PreviousWorkbook:
    """The review to carry over (empty when there is none, or when the user chose not to keep it)."""
    if not path.exists():
        return PreviousWorkbook()
    check_not_open(path)
    if options.carry_over:
        try:
            return read_previous(path)
        except OutputError:
            if options.force:
                return PreviousWorkbook()  # NOTE: --force replaces a foreign or damaged file: the user asked to
            raise
    if options.force:
        return PreviousWorkbook()
    edits = read_previous(path)  # NOTE: a foreign or damaged file is refused here too
    if edits.has_reviewer_edits:
        raise OutputError(
            f"holds {len(edits.entries)} reviewer entries that --no-carry-over would discard; "
            "drop --no-carry-over, or add --force",
            path,
        )
    return PreviousWorkbook()


def build_workbook(result: AuditResult, previous: PreviousWorkbook, lang: str) -> Any:
    """Build the workbook in memory (an ``openpyxl.Workbook``)."""
    from openpyxl import Workbook

    from checker.report.xlsx_preserve import copy_added_sheets
    from checker.report.xlsx_sheets import content_index_sheet, evidence_sheet, run_info_sheet, summary_sheet

    workbook = Workbook()
    summary = workbook.active
    summary.title = labels.sheet_name("summary", lang)
    rows = matrix_rows(result)
    current = {row_key(r["standard"], r["id"]) for r in rows}
    carried = sum(1 for key in previous.entries if key in current)
    summary_sheet(summary, result, lang, carried)
    sheets = {"summary": summary, "matrix": workbook.create_sheet(labels.sheet_name("matrix", lang))}
    _matrix_sheet(sheets["matrix"], rows, previous, lang)
    sheets["evidence"] = workbook.create_sheet(labels.sheet_name("evidence", lang))
    evidence_sheet(sheets["evidence"], result, lang)
    sheets["index"] = workbook.create_sheet(labels.sheet_name("index", lang))
    content_index_sheet(sheets["index"], result, lang)
    orphans = [entry for key, entry in sorted(previous.entries.items()) if key not in current]
    if orphans:
        sheets["carried"] = workbook.create_sheet(labels.sheet_name("carried", lang))
        _carried_sheet(sheets["carried"], orphans, lang)
    sheets["run"] = workbook.create_sheet(labels.sheet_name("run", lang))
    run_info_sheet(sheets["run"], result, lang)
    for role, ws in sheets.items():
        set_role(ws, role)
    copy_added_sheets(previous, workbook)
    digests = {role: sheet_digest(sheets[role]) for role in ("summary", "evidence", "index", "run")}
    digests["matrix_machine"] = machine_digest(sheets["matrix"], MACHINE_FIELDS)
    machine = {row_key(r["standard"], r["id"]): r["status"] for r in rows}
    write_state(workbook, {"digests": digests, "machine": machine})
    workbook.active = 1  # NOTE: open on the matrix, where reviewers work
    return workbook


def _matrix_sheet(ws: Any, rows: list[MatrixRow], previous: PreviousWorkbook, lang: str) -> None:
    """One row per requirement, the reviewer's columns (with a drop-down) and the hidden key."""
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    from checker.report.xlsx_style import status_fill, write_table

    extra = previous.extra_headers
    headers = [header(f, lang) for f in (*MATRIX_FIELDS, *REVIEW_FIELDS)] + list(extra) + [labels.KEY_HEADER]
    table: list[list[object]] = []
    for row in rows:
        key = row_key(row["standard"], row["id"])
        entry = previous.entries.get(key)
        review = [reviewer_word(entry.reviewer_status, lang), entry.note] if entry else ["", ""]
        added = [entry.extra.get(h) if entry else None for h in extra]
        table.append([*localized_values(row, lang), *review, *added, key])
    widths = (*_MATRIX_WIDTHS[:-1], *(20,) * len(extra), _MATRIX_WIDTHS[-1])
    last = write_table(ws, headers, table, widths, wrap_columns=_MATRIX_WRAP)
    _restore_comments(ws, rows, previous, headers)
    ws.freeze_panes = "C2"  # NOTE: the header and the standard/id columns stay visible while scrolling
    status_column = MATRIX_FIELDS.index("status") + 1
    for offset, row in enumerate(rows, start=2):
        ws.cell(row=offset, column=status_column).fill = status_fill(row["status"])
    review_column = get_column_letter(len(MATRIX_FIELDS) + 1)
    choices = ",".join(labels.reviewer_choices(lang))
    validation = DataValidation(
        type="list",
        formula1=f'"{choices}"',
        allow_blank=True,
        showErrorMessage=True,
        errorStyle="warning",  # NOTE: a warning, not a stop: a reviewer may still type their own wording
        promptTitle=header("reviewer_status", lang),
        prompt=labels.text("reviewer_help", lang),
        showInputMessage=True,
    )
    validation.add(f"{review_column}2:{review_column}{max(last, 2) + 500}")
    ws.add_data_validation(validation)
    ws.column_dimensions[get_column_letter(len(headers))].hidden = True


def _restore_comments(ws: Any, rows: list[MatrixRow], previous: PreviousWorkbook, headers: list[str]) -> None:
    """Put the reviewer's cell comments back, on the same requirement's row and the same column."""
    from checker.report.xlsx_preserve import add_comment

    columns: dict[str, int] = {}
    for index, text in enumerate(headers, start=1):
        columns.setdefault(text, index)
        name = labels.field_for_header(text)
        if name is not None:
            columns.setdefault(name, index)
    for offset, row in enumerate(rows, start=2):
        entry = previous.entries.get(row_key(row["standard"], row["id"]))
        for where, (text, author) in entry.comments.items() if entry else ():
            if where in columns:
                add_comment(ws.cell(row=offset, column=columns[where]), text, author)


def _carried_sheet(ws: Any, entries: list[ReviewEntry], lang: str) -> None:
    """Reviewer rows for requirements the rules no longer have: kept, never silently dropped."""
    from checker.report.xlsx_style import write_table

    headers = [header(f, lang) for f in _CARRIED_FIELDS] + [header("carried_from", lang), labels.KEY_HEADER]
    table: list[list[object]] = [
        [
            e.standard,
            e.id,
            e.requirement,
            status_word(e.status, lang),
            reviewer_word(e.reviewer_status, lang),
            e.note,
            e.reviewed_in,
            e.key,
        ]
        for e in entries
    ]
    write_table(ws, headers, table, (15, 8, 44, 16, 20, 40, 24, 12), wrap_columns=(3, 6))
