"""Ablations: cut a chapter out of a real report, and the verdicts it supported must turn to missing.

A gap checker earns trust when a gap stays a gap. Each cut (``samples/real/ablations*.yaml``) names a labelled
case, the line ranges (text documents) or page ranges (PDFs) of a chapter, and the requirements whose every
disclosure lies inside it. The harness deletes the ranges, keeping the content index and everything else,
audits the rest, and checks that those requirements come out ``missing``. It also counts how many other
requirements changed verdict: a whole-page cut can take part of another requirement's disclosure with it, so
those are reported, not failed; but none may *gain* (a cut can never add disclosure).
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from checker.errors import InputError
from checker.ingest import read_document
from checker.ingest.document import Document, DocumentBuilder
from checker.report.model import AuditResult
from checker.structure import annotate

# NOTE: how much a verdict discloses, to tell a loss from a gain.
_RANK = {"missing": 0, "error": 0, "partial": 1, "explained": 1, "covered": 2}


class CutRanges(BaseModel):
    """What to delete: 1-based inclusive line ranges of a text document, or physical page ranges of a PDF."""

    model_config = ConfigDict(extra="forbid")

    lines: list[tuple[int, int]] = Field(default_factory=list)
    pages: list[tuple[int, int]] = Field(default_factory=list)

    @model_validator(mode="after")
    def _one_kind(self) -> CutRanges:
        if bool(self.lines) == bool(self.pages):
            raise ValueError("give either lines or pages")
        for start, end in [*self.lines, *self.pages]:
            if start < 1 or end < start:
                raise ValueError(f"bad range [{start}, {end}]")
        return self


class Cut(BaseModel):
    """One ablation."""

    model_config = ConfigDict(extra="forbid")

    case: str
    name: str
    cut: CutRanges
    removes: list[str]
    notes: str | None = None


class CutResult(BaseModel):
    """What one cut did to the verdicts."""

    case: str
    name: str
    removes: dict[str, str]  # requirement -> verdict after the cut (must be "missing")
    changed: dict[str, str]  # other requirements whose verdict changed: "before -> after"
    gained: list[str]  # other requirements that disclose more after the cut (never allowed)

    @property
    def missing_hits(self) -> int:
        """How many of the removed requirements came out missing."""
        return sum(verdict == "missing" for verdict in self.removes.values())


def load_cuts(folder: Path) -> list[Cut]:
    """Every cut in ``folder``'s ``ablations*.yaml`` files.

    Raises:
        InputError: a file that is not valid YAML or does not describe cuts.
    """
    import yaml

    cuts: list[Cut] = []
    for file in sorted(folder.glob("ablations*.yaml")):
        try:
            for item in yaml.safe_load(file.read_text(encoding="utf-8")) or []:
                cuts.append(Cut.model_validate(item))
        except yaml.YAMLError as exc:
            raise InputError(f"invalid YAML: {exc}", file) from exc
        except ValidationError as exc:
            first = exc.errors()[0]
            raise InputError(f"{'.'.join(str(p) for p in first['loc'])}: {first['msg']}", file) from exc
    return cuts


def ablated(draft: Path, ranges: CutRanges) -> Document:
    """The draft read with the ranges deleted."""
    if ranges.lines:
        raw = draft.read_bytes().decode("utf-8", errors="replace").split("\n")
        drop = {n for start, end in ranges.lines for n in range(start, end + 1)}
        kept = "\n".join(line for number, line in enumerate(raw, start=1) if number not in drop)
        with tempfile.TemporaryDirectory(prefix="gapcheck-ablation-") as folder:
            path = Path(folder) / draft.name
            path.write_text(kept, encoding="utf-8")
            return read_document(path)
    drop_pages = {n for start, end in ranges.pages for n in range(start, end + 1)}
    return without_pages(read_document(draft), drop_pages)


def without_pages(document: Document, pages: set[int]) -> Document:
    """``document`` with the blocks of ``pages`` removed (the pages stay, empty, so numbering is unchanged)."""
    builder = DocumentBuilder(document.source)
    for page in document.pages:
        builder.start_page(label=page.label)
        if page.number not in pages:
            for block in page.blocks:
                builder.add_block(block.kind, block.text, level=block.level, rows=block.rows, running=block.running)
        builder.end_page(readable=page.readable or page.number in pages)
    return annotate(builder.build())


def run_cut(cut: Cut, draft: Path, audit: Callable[[Document], AuditResult], before: AuditResult) -> CutResult:
    """Apply one cut and compare the verdicts with the uncut audit ``before``."""
    after = {(f.standard, f.id): f.status.value for f in audit(ablated(draft, cut.cut)).findings}
    previous = {(f.standard, f.id): f.status.value for f in before.findings}
    removes: dict[str, str] = {}
    changed: dict[str, str] = {}
    gained: list[str] = []
    for (standard, requirement), verdict in after.items():
        if requirement in cut.removes:
            removes[requirement] = verdict
            continue
        old = previous.get((standard, requirement), verdict)
        if old != verdict:
            changed[requirement] = f"{old} -> {verdict}"
            if _RANK.get(verdict, 0) > _RANK.get(old, 0):
                gained.append(requirement)
    unknown = set(cut.removes) - set(removes)
    if unknown:
        raise InputError(f"cut {cut.name!r} of {cut.case} removes unknown requirement(s): {', '.join(sorted(unknown))}")
    return CutResult(case=cut.case, name=cut.name, removes=removes, changed=changed, gained=gained)
