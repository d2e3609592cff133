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

import datetime
from pathlib import Path, PurePath
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
    review_digest,
)
from checker.report.formats import WriteOptions
from checker.report.labels import header, reviewer_word, status_word
from checker.report.matrix import MATRIX_FIELDS, MatrixRow, localized_values, matrix_rows, row_key
from checker.report.model import AuditResult, Review
from checker.report.output_lock import workbook_lock
from checker.report.reviews import review_for
from checker.report.workbook_state import GENERATED, machine_digest, set_role, sheet_digest, write_state

REVIEW_FIELDS = ("reviewer_status", "reviewer_note", "reviewer", "review_date")
# The matrix in the order a reviewer reads a row: what is asked and the verdict, their sign-off beside it, then the
# machine's reasons. (field, width in characters, wraps). Columns up to the index check are printed, and sized so
# that A4 landscape prints them at about two thirds of full size (A3 at full size); the rest is for the screen.
MATRIX_COLUMNS: tuple[tuple[str, float, bool], ...] = (
    ("standard", 9, False),
    ("id", 7, False),
    ("requirement", 30, True),
    ("obligation", 13, True),
    ("status", 10, True),
    ("reviewer_status", 13, True),
    ("reviewer_note", 24, True),
    ("reviewer", 10, True),
    ("review_date", 11, False),
    ("review_check", 14, True),
    ("elements_missing", 22, True),
    ("evidence", 34, True),
    ("pages", 7, True),
    ("index_check", 18, True),
    # NOTE: not printed, so not wrapped either: a wrapped cell the row height does not allow for would be cut
    # mid-line on screen, a one-line cell shows whole in the formula bar
    ("elements_met", 28, False),
    ("remarks", 48, False),
    ("confidence", 11, False),
    ("part", 6, False),
    ("aspect", 24, False),
)
_PRINTED = [name for name, _w, _r in MATRIX_COLUMNS].index("index_check") + 1
# NOTE: the matrix shows the start of the best passage, the Evidence sheet every passage in full: a 300-character
# Chinese passage would otherwise make its row a third of a printed page
_EVIDENCE_LINES = 8
_CARRIED_FIELDS = (
    "standard",
    "id",
    "requirement",
    "previous_status",
    "reviewer_status",
    "reviewer_note",
    "reviewer",
    "review_date",
)


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
            workbook = build_workbook(results[0], previous, options.lang, options.paper)
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


def build_workbook(result: AuditResult, previous: PreviousWorkbook, lang: str, paper: str = "a4") -> Any:
    """Build the workbook in memory (an ``openpyxl.Workbook``)."""
    from openpyxl import Workbook

    from checker.report.xlsx_layout import page_layout
    from checker.report.xlsx_preserve import copy_added_sheets
    from checker.report.xlsx_sheets import (
        content_index_sheet,
        evidence_sheet,
        index_findings_sheet,
        run_info_sheet,
        summary_sheet,
    )

    workbook = Workbook()
    summary = workbook.active
    summary.title = labels.sheet_name("summary", lang)
    rows = matrix_rows(result)
    current = {row_key(r["standard"], r["id"]) for r in rows}
    carried = sum(1 for key in previous.entries if key in current)
    reviews = {
        key: review_for(entry, row["status"])
        for row in rows
        if (entry := previous.reviews().get(key := row_key(row["standard"], row["id"]))) is not None
    }
    stale = sum(1 for review in reviews.values() if review.stale)
    summary_sheet(summary, result, lang, carried, stale)
    sheets = {"summary": summary, "matrix": workbook.create_sheet(labels.sheet_name("matrix", lang))}
    _matrix_sheet(sheets["matrix"], result, rows, previous, reviews, lang)
    sheets["evidence"] = workbook.create_sheet(labels.sheet_name("evidence", lang))
    evidence_sheet(sheets["evidence"], result, lang)
    sheets["index"] = workbook.create_sheet(labels.sheet_name("index", lang))
    content_index_sheet(sheets["index"], result, lang)
    if result.index_findings:
        sheets["index_findings"] = workbook.create_sheet(labels.sheet_name("index_findings", lang))
        index_findings_sheet(sheets["index_findings"], result, lang)
    orphans = [entry for key, entry in sorted(previous.entries.items()) if key not in current]
    if orphans:
        sheets["carried"] = workbook.create_sheet(labels.sheet_name("carried", lang))
        _carried_sheet(sheets["carried"], orphans, lang)
    sheets["run"] = workbook.create_sheet(labels.sheet_name("run", lang))
    run_info_sheet(sheets["run"], result, lang)
    draft = draft_name(result)
    standard = ", ".join(f"{s.name} ({s.edition})" for s in result.standards)
    for role, ws in sheets.items():
        set_role(ws, role)
        page_layout(
            ws,
            paper=paper,
            draft=draft,
            standard=standard,
            page_of=labels.text("page_of", lang),
            title_rows=None if role == "summary" else "1:1",
        )
    copy_added_sheets(previous, workbook)
    digests = {role: sheet_digest(sheets[role]) for role in GENERATED if role in sheets}
    digests["matrix_machine"] = machine_digest(sheets["matrix"], MACHINE_FIELDS)
    machine = {row_key(r["standard"], r["id"]): r["status"] for r in rows}
    recorded = {
        entry.key: {"digest": review_digest(entry), "verdict": entry.reviewed_verdict or entry.status}
        for entry in previous.reviews().values()
    }
    for key, review in reviews.items():
        recorded[key]["verdict"] = review.reviewed_verdict
    write_state(workbook, {"digests": digests, "machine": machine, "reviews": recorded})
    workbook.active = 1  # NOTE: open on the matrix, where reviewers work
    return workbook


def draft_name(result: AuditResult) -> str:
    """The draft's file name: what a reader of a printed page recognises (never the folder it was audited in)."""
    return PurePath(result.document.path.replace("\\", "/")).name or result.document.path


def _matrix_sheet(
    ws: Any,
    result: AuditResult,
    rows: list[MatrixRow],
    previous: PreviousWorkbook,
    reviews: dict[str, Review],
    lang: str,
) -> None:
    """One row per requirement, the reviewer's columns (with a drop-down), the hidden verdict-reviewed and key."""
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    from checker.report.xlsx_layout import clip_lines, fit_rows, text_width
    from checker.report.xlsx_sheets import index_check_text, page_value
    from checker.report.xlsx_style import STALE_FILL, fill, status_fill, write_table

    extra = previous.extra_headers
    fields = [name for name, _width, _wrap in MATRIX_COLUMNS]
    headers = [header(f, lang) for f in fields] + list(extra) + [header("reviewed_verdict", lang), labels.KEY_HEADER]
    widths = [w for _n, w, _r in MATRIX_COLUMNS] + [20.0] * len(extra) + [14.0, 12.0]
    for name in ("standard", "id"):
        # NOTE: never wrapped (an id broken over two lines misreads), so as wide as the longest one
        column = fields.index(name)
        widths[column] = max([widths[column], *(text_width(str(row[name])) + 2 for row in rows)])
    wraps = [r for _n, _w, r in MATRIX_COLUMNS] + [False] * len(extra) + [False, False]
    omitted = {row_key(i.standard or "", i.id) for i in result.index_findings if i.kind == "omitted"}
    table: list[list[object]] = []
    for row, finding in zip(rows, result.findings, strict=True):
        key = row_key(row["standard"], row["id"])
        entry = previous.entries.get(key)
        review = reviews.get(key)
        values = dict(zip(MATRIX_FIELDS, localized_values(row, lang), strict=True))
        values["pages"] = page_value(finding)
        evidence_width = widths[fields.index("evidence")]
        values["evidence"] = clip_lines(str(values["evidence"]), evidence_width, _EVIDENCE_LINES)
        values["index_check"] = index_check_text(finding, lang, listed=key not in omitted)
        if review is not None:
            values["reviewer_status"] = reviewer_word(review.status, lang)
            values["reviewer_note"] = review.note
            values["reviewer"] = review.reviewer
            values["review_date"] = _date_or_text(review.reviewed_on)
            if review.stale:
                lead = labels.text("stale_review", lang)
                gap = "" if lead.endswith("：") else " "  # NOTE: a full-width colon carries its own space
                values["review_check"] = (
                    f"{lead}{gap}{status_word(review.reviewed_verdict, lang)} → {status_word(row['status'], lang)}"
                )
        added = [entry.extra.get(h) if entry else None for h in extra]
        verdict = status_word(review.reviewed_verdict, lang) if review is not None else None
        table.append([*(values.get(f, "") for f in fields), *added, verdict, key])
    last = write_table(ws, headers, table, widths, wrap_columns=[i for i, r in enumerate(wraps, start=1) if r])
    _restore_comments(ws, rows, previous, headers)
    ws.freeze_panes = "C2"  # NOTE: the header and the standard/id columns stay visible while scrolling
    status_column = fields.index("status") + 1
    for offset, row in enumerate(rows, start=2):
        review = reviews.get(row_key(row["standard"], row["id"]))
        if review is not None and review.stale:
            for column in range(1, len(headers) + 1):
                ws.cell(row=offset, column=column).fill = fill(STALE_FILL)
        ws.cell(row=offset, column=status_column).fill = status_fill(row["status"])
        ws.cell(row=offset, column=fields.index("review_date") + 1).number_format = "yyyy-mm-dd"
    review_column = get_column_letter(fields.index("reviewer_status") + 1)
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
    for column in (len(headers) - 1, len(headers)):
        ws.column_dimensions[get_column_letter(column)].hidden = True
    if len({row["standard"] for row in rows}) <= 1:
        # NOTE: one standard: the page header names it, and the column would take print width from the text
        ws.column_dimensions[get_column_letter(fields.index("standard") + 1)].hidden = True
    if len({row["confidence"] for row in rows}) <= 1:
        # NOTE: a column that says the same of every row tells the reader nothing (README: confidence)
        ws.column_dimensions[get_column_letter(fields.index("confidence") + 1)].hidden = True
    fit_rows(ws, 1, widths, wraps)
    ws.print_area = f"A1:{get_column_letter(_PRINTED)}{max(last, 2)}"


def _date_or_text(value: str) -> object:
    """A review date as a date cell when it is an ISO date (Excel then shows and sorts it as a date)."""
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        return value


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
            e.reviewer,
            _date_or_text(e.reviewed_on),
            e.reviewed_in,
            e.key,
        ]
        for e in entries
    ]
    write_table(ws, headers, table, (15, 8, 44, 16, 20, 40, 14, 12, 24, 12), wrap_columns=(3, 6, 7))
