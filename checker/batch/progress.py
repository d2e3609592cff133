"""The batch's progress journal: every finished report is appended and flushed to disk at once.

The combined table is written only when the batch ends; a batch killed before that (``kill -9``, a reboot, the
OOM killer) used to lose everything it had done. Each outcome is now one JSON line in ``<output>.progress.jsonl``,
flushed and synced before the next report is counted, so the next run with the same output resumes after the last
report that finished. The journal is removed once the table is written. A line cut short by the kill is ignored.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from checker.batch.rows import Row

Outcome = tuple[list[Row], Row]


def journal_path(output: Path) -> Path:
    """Where the journal of ``output`` lives."""
    return output.with_name(f"{output.name}.progress.jsonl")


def read_journal(output: Path) -> list[Outcome]:
    """The outcomes a previous, interrupted run recorded for ``output`` (empty when there is no journal)."""
    outcomes: list[Outcome] = []
    try:
        with open(journal_path(output), encoding="utf-8") as handle:
            for line in handle:
                try:
                    record = json.loads(line)
                    rows, summary = record["rows"], record["summary"]
                except (ValueError, KeyError, TypeError):
                    continue  # NOTE: the last line of a killed run may be cut short
                if isinstance(rows, list) and isinstance(summary, dict):
                    outcomes.append((rows, summary))
    except OSError:
        return []
    return outcomes


class Journal:
    """Append-only journal of one batch run (a context manager)."""

    def __init__(self, output: Path, keep: list[Outcome]) -> None:
        """Start a journal for ``output`` holding the outcomes in ``keep`` (those resumed from the last run)."""
        self.path = journal_path(output)
        self._keep = keep
        self._handle: IO[str] | None = None

    def __enter__(self) -> Journal:
        temp = self.path.with_name(self.path.name + ".tmp")
        with open(temp, "w", encoding="utf-8") as handle:
            for outcome in self._keep:
                handle.write(_line(outcome))
        os.replace(temp, self.path)
        self._handle = open(self.path, "a", encoding="utf-8")
        return self

    def record(self, outcome: Outcome) -> None:
        """Append one finished report and make it durable before returning."""
        assert self._handle is not None
        self._handle.write(_line(outcome))
        self._handle.flush()
        os.fsync(self._handle.fileno())

    def __exit__(self, *exc: object) -> None:
        if self._handle is not None:
            self._handle.close()

    def remove(self) -> None:
        """Delete the journal: the table now holds everything."""
        with contextlib.suppress(OSError):
            self.path.unlink()


def follow(outcomes: Iterator[Outcome], journal: Journal) -> Iterator[Outcome]:
    """Pass ``outcomes`` through, recording each in ``journal`` first."""
    for outcome in outcomes:
        journal.record(outcome)
        yield outcome


def _line(outcome: Outcome) -> str:
    rows, summary = outcome
    return json.dumps({"rows": rows, "summary": summary}, ensure_ascii=True) + "\n"
