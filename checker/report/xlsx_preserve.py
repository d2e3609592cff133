"""Move a reviewer's own work from the old workbook into the new one: added sheets, and cell comments.

openpyxl cannot move a sheet between workbooks, so an added sheet is copied cell by cell: values (formulas stay
formulas), styles, number formats, merged cells, column widths, row heights, comments and frozen panes. Charts and
images cannot be copied; ``carry_over`` reports them as lost, which keeps a copy of the old workbook.
"""

from __future__ import annotations

import copy
import datetime
import shutil
from pathlib import Path
from typing import Any

from checker.report.carry_over import PreviousWorkbook


def copy_added_sheets(previous: PreviousWorkbook, workbook: Any) -> None:
    """Append every sheet the reviewer added to the old workbook to ``workbook``, in their order."""
    if previous.workbook is None:
        return
    for title in previous.added_sheets:
        source = previous.workbook[title]
        name = title
        while name in workbook.sheetnames:
            name = f"{name[:28]} (2)"
        target = workbook.create_sheet(name)
        _copy_sheet(source, target)


def _copy_sheet(source: Any, target: Any) -> None:
    from openpyxl.comments import Comment

    for row in source.iter_rows():
        for cell in row:
            if cell.__class__.__name__ == "MergedCell":
                continue
            new = target.cell(row=cell.row, column=cell.column, value=cell.value)
            if cell.has_style:
                new.font = copy.copy(cell.font)
                new.fill = copy.copy(cell.fill)
                new.border = copy.copy(cell.border)
                new.alignment = copy.copy(cell.alignment)
                new.number_format = cell.number_format
                new.protection = copy.copy(cell.protection)
            if cell.comment is not None:
                new.comment = Comment(cell.comment.text, cell.comment.author or "")
    for merged in source.merged_cells.ranges:
        target.merge_cells(str(merged))
    for letter, dimension in source.column_dimensions.items():
        target.column_dimensions[letter].width = dimension.width
        target.column_dimensions[letter].hidden = dimension.hidden
    for number, dimension in source.row_dimensions.items():
        target.row_dimensions[number].height = dimension.height
    target.freeze_panes = source.freeze_panes
    target.sheet_state = source.sheet_state


def add_comment(cell: Any, text: str, author: str) -> None:
    """Put a reviewer's comment back on a cell of the new workbook."""
    from openpyxl.comments import Comment

    cell.comment = Comment(text, author)


def keep_copy(path: Path) -> Path:
    """Copy the old workbook beside the new one, as ``NAME.before-YYYYmmdd-HHMMSS.xlsx``; returns the copy."""
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    backup = path.with_name(f"{path.stem}.before-{stamp}{path.suffix}")
    counter = 2
    while backup.exists():
        backup = path.with_name(f"{path.stem}.before-{stamp}-{counter}{path.suffix}")
        counter += 1
    shutil.copy2(path, backup)
    return backup
