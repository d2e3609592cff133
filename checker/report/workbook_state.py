"""What gapcheck wrote into a gap-matrix workbook, so that on the next run it can tell what a reviewer changed.

Each generated sheet carries a role in its code name (``gapcheck_summary`` ...), which Excel keeps when a sheet is
renamed, so sheets are found by role, not by title. A very hidden sheet holds, as JSON, a digest of every
generated sheet's cells and comments, a digest of the matrix's machine columns (by row key, so sorting and
filtering are not edits), and the machine verdict of every row. On the next run:

* a generated sheet whose digest differs was edited by hand (a sign-off typed on the Summary, a comment on the
  Evidence sheet): that cannot be carried into a regenerated sheet, so the old workbook is kept as a copy;
* a Status cell that differs from the recorded verdict is a reviewer's override, carried as the reviewer status;
* any sheet without a role is the reviewer's own and is copied into the new workbook.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from typing import Any

from checker.report import labels

STATE_SHEET = "gapcheck-state"
STATE_MARKER = "gapcheck-state/1"
ROLE_PREFIX = "gapcheck_"
ROLES = ("summary", "matrix", "evidence", "index", "index_findings", "carried", "run", "state")
GENERATED = ("summary", "evidence", "index", "index_findings", "run")  # regenerated each run: edits cannot be kept
_CHUNK = 30_000  # NOTE: under Excel's 32,767 characters per cell


def set_role(ws: Any, role: str) -> None:
    """Mark a generated sheet with its role (kept by Excel across renames)."""
    ws.sheet_properties.codeName = ROLE_PREFIX + role


def role_of(ws: Any) -> str | None:
    """The role of a sheet gapcheck generated, or None for a reviewer's own sheet."""
    name = getattr(ws.sheet_properties, "codeName", None) or ""
    role = name[len(ROLE_PREFIX) :] if name.startswith(ROLE_PREFIX) else None
    return role if role in ROLES else None


def _norm(value: object) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return f"b:{int(value)}"
    if isinstance(value, (int, float)):
        return f"n:{float(value)!r}"
    if isinstance(value, (datetime.datetime, datetime.date, datetime.time)):
        return f"d:{value.isoformat()}"
    return f"s:{value}"


def _comment(cell: Any) -> str:
    comment = getattr(cell, "comment", None)
    return f"{comment.text}" if comment is not None else ""


def sheet_digest(ws: Any) -> str:
    """Digest of every non-empty cell value and comment of a sheet, by position."""
    digest = hashlib.sha256()
    for row in ws.iter_rows():
        for cell in row:
            value, note = _norm(cell.value), _comment(cell)
            if value is None and not note:
                continue
            digest.update(f"{cell.row},{cell.column}\0{value}\0{note}\n".encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def header_fields(ws: Any) -> dict[int, str]:
    """1-based column -> field name (or ``key``) for the header row of a matrix-like sheet."""
    fields: dict[int, str] = {}
    for cell in next(ws.iter_rows(min_row=1, max_row=1), ()):
        if cell.value is None:
            continue
        text = str(cell.value).strip()
        name = labels.KEY_HEADER if text == labels.KEY_HEADER else labels.field_for_header(text)
        if name is not None and name not in fields.values():
            fields[cell.column] = name
    return fields


def machine_digest(ws: Any, machine_fields: tuple[str, ...]) -> str:
    """Digest of the values of the matrix's machine-written columns (not Status), by row key, in any row order."""
    fields = header_fields(ws)
    key_column = next((c for c, name in fields.items() if name == labels.KEY_HEADER), None)
    columns = sorted((name, c) for c, name in fields.items() if name in machine_fields)
    items: list[str] = []
    for row in ws.iter_rows(min_row=2):
        key = _norm(row[key_column - 1].value) if key_column and key_column <= len(row) else None
        if key is None:
            continue
        for name, column in columns:
            # NOTE: comments are not edits of the verdict: they are carried cell by cell, like reviewer columns
            value = _norm(row[column - 1].value) if column <= len(row) else None
            if value is not None:
                items.append(f"{key}\0{name}\0{value}")
    return hashlib.sha256("\n".join(sorted(items)).encode("utf-8", "surrogatepass")).hexdigest()


def write_state(workbook: Any, state: dict[str, Any]) -> None:
    """Store ``state`` (JSON-able) in the very hidden state sheet."""
    ws = workbook.create_sheet(STATE_SHEET)
    set_role(ws, "state")
    ws.sheet_state = "veryHidden"
    ws.cell(row=1, column=1, value=STATE_MARKER)
    text = json.dumps(state, ensure_ascii=True, sort_keys=True)
    for index in range(0, len(text), _CHUNK):
        ws.cell(row=2 + index // _CHUNK, column=1, value=text[index : index + _CHUNK])


def read_state(workbook: Any) -> dict[str, Any] | None:
    """The state stored by ``write_state``, or None (an older workbook, or one whose state was damaged)."""
    for ws in workbook.worksheets:
        if ws.cell(row=1, column=1).value != STATE_MARKER:
            continue
        parts = [str(row[0]) for row in ws.iter_rows(min_row=2, max_col=1, values_only=True) if row[0] is not None]
        try:
            state = json.loads("".join(parts))
        except ValueError:
            return None
        return state if isinstance(state, dict) else None
    return None
