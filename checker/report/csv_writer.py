"""CSV: the gap matrix, one row per requirement, for spreadsheets and scripts.

UTF-8 with a byte-order mark, because Excel opens a BOM-less UTF-8 CSV as the local code page and turns Chinese
into mojibake. Every text field goes through :func:`checker.report.safe.csv_field` (formula injection).
"""

from __future__ import annotations

import csv
import io

from checker.report.formats import WriteOptions
from checker.report.labels import header
from checker.report.matrix import MATRIX_FIELDS, localized_values, matrix_rows
from checker.report.model import AuditResult
from checker.report.safe import csv_field

BOM = "\ufeff"


def render(results: list[AuditResult], options: WriteOptions | None = None) -> str:
    """All results' matrices in one table, with the draft's path as the first column."""
    lang = (options or WriteOptions()).lang
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")  # NOTE: RFC 4180 line ends; what Excel writes too
    writer.writerow([csv_field(header(f, lang)) for f in ("document", *MATRIX_FIELDS)])
    for result in results:
        for row in matrix_rows(result):
            values: list[object] = [result.document.path, *localized_values(row, lang)]
            writer.writerow([csv_field(v) for v in values])
    return BOM + buffer.getvalue()
