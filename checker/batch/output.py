"""The combined tables: read back for resume, written atomically as CSV, Excel (two sheets) or Parquet.

pandas (and openpyxl / pyarrow) are imported here only, so ``gapcheck audit --format json`` never pays for them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from checker.batch.rows import COLUMNS, ERROR, SUMMARY_COLUMNS, Row
from checker.errors import ConfigError
from checker.report.atomic import write_atomic

if TYPE_CHECKING:
    import pandas as pd

FORMATS = {".csv": "csv", ".xlsx": "xlsx", ".parquet": "parquet"}
RESULTS_SHEET = "results"
SUMMARY_SHEET = "summary"


def output_format(path: Path) -> str:
    """``csv``, ``xlsx`` or ``parquet`` from the suffix.

    Raises:
        ConfigError: for any other suffix (bad usage, exit 2).
    """
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise ConfigError(f"cannot tell the table format of {str(path)!r}; use .csv, .xlsx or .parquet")
    return fmt


def summary_path(path: Path) -> Path:
    """The sibling summary file of a CSV / Parquet output: ``<name>.summary.<ext>``."""
    return path.with_name(f"{path.stem}.summary{path.suffix}")


def read_existing(path: Path) -> tuple[pd.DataFrame, pd.DataFrame] | None:
    """The results and summary tables already at ``path``, or None when there are none (or unreadable)."""
    import pandas as pd

    if not path.exists():
        return None
    fmt = output_format(path)
    try:
        if fmt == "xlsx":
            sheets = pd.read_excel(path, sheet_name=None, dtype=str, keep_default_na=False)
            return sheets[RESULTS_SHEET], sheets.get(SUMMARY_SHEET, pd.DataFrame(columns=SUMMARY_COLUMNS))
        side = summary_path(path)
        if fmt == "csv":
            results = pd.read_csv(path, dtype=str, keep_default_na=False)
            summary = pd.read_csv(side, dtype=str, keep_default_na=False) if side.exists() else None
        else:
            results = pd.read_parquet(path)
            summary = pd.read_parquet(side) if side.exists() else None
    except Exception:  # NOTE: an unreadable old table is not fatal: the batch simply redoes everything
        return None
    return results, summary if summary is not None else pd.DataFrame(columns=SUMMARY_COLUMNS)


def done_keys(results: pd.DataFrame) -> set[tuple[str, str]]:
    """(sha256, rules fingerprint) of reports audited without error."""
    if results.empty or "sha256" not in results or "rules_fingerprint" not in results:
        return set()
    ok = results[results["status"].astype(str) != ERROR]
    return set(zip(ok["sha256"].astype(str), ok["rules_fingerprint"].astype(str), strict=True))


def combine(
    rows: list[Row], summaries: list[Row], previous: tuple[pd.DataFrame, pd.DataFrame] | None, redo: set[str]
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """New rows plus the previous tables' rows for reports not redone now (``redo`` = documents audited now)."""
    import pandas as pd

    results = pd.DataFrame(rows, columns=COLUMNS)
    summary = pd.DataFrame(summaries, columns=SUMMARY_COLUMNS)
    if previous is not None:
        old_results, old_summary = previous
        keep = ~old_results["document"].astype(str).isin(redo) if "document" in old_results else None
        if keep is not None:
            results = pd.concat([old_results[keep], results], ignore_index=True)
        if "document" in old_summary:
            kept = old_summary[~old_summary["document"].astype(str).isin(redo)]
            summary = pd.concat([kept, summary], ignore_index=True)
    results = results.sort_values(["document", "standard", "id"], kind="stable", ignore_index=True)
    summary = summary.sort_values(["document"], kind="stable", ignore_index=True)
    return results, summary


def write_tables(path: Path, results: pd.DataFrame, summary: pd.DataFrame) -> None:
    """Write both tables atomically: one workbook with two sheets, or two sibling files."""
    fmt = output_format(path)
    if fmt == "xlsx":

        def excel(tmp: Path) -> None:
            import pandas as pd

            with pd.ExcelWriter(tmp, engine="openpyxl") as writer:
                results.to_excel(writer, sheet_name=RESULTS_SHEET, index=False)
                summary.to_excel(writer, sheet_name=SUMMARY_SHEET, index=False)

        write_atomic(path, excel)
        return
    for table, target in ((summary, summary_path(path)), (results, path)):
        write_atomic(target, _writer(table, fmt))


def _writer(table: pd.DataFrame, fmt: str) -> Callable[[Path], None]:
    def write(tmp: Path) -> None:
        if fmt == "csv":
            table.to_csv(tmp, index=False, encoding="utf-8")
        else:
            # NOTE: all text: resumed rows come back as text, and Parquet wants one type per column
            table.astype(str).to_parquet(tmp, index=False)

    return write
