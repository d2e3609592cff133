"""A draft rendered to PDF gets the verdicts of its Markdown source.

Markdown marks every heading; a PDF marks none, so the reader infers them from size, weight and numbering. When a
sub-heading is lost, everything under it joins the section above: "Workforce at 31 December" no longer heads its
headcount table, and the table's rows stop counting as the workforce. These drafts set their sub-headings the way
many PDFs do: a standard-14 bold face that reports no font weight, or a CJK face only a little larger than the body.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from checker.evaluate.cases import load_case
from checker.evaluate.engine import Auditor
from checker.ingest import read_document
from checker.pipeline import load_standards

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
CASES = {
    "tuning3-insurer-en": ("Helvetica", "Page {n}"),
    "tuning3-education-zh-hant": ("MSung-Light", "第 {n} 頁"),
    "tuning3-metals-zh-hans": ("STSong-Light", "第 {n} 页"),
}

reportlab = pytest.importorskip("reportlab")


@pytest.mark.parametrize("name", sorted(CASES))
def test_pdf_rendering_gets_the_markdown_verdicts(name: str, tmp_path: Path) -> None:
    sys.path.insert(0, str(SAMPLES))
    try:
        import build
    finally:
        sys.path.remove(str(SAMPLES))
    font, footer = CASES[name]
    source = SAMPLES / name / "draft.md"
    pdf = tmp_path / "draft.pdf"
    style = build.CaseStyle(name, font, footer) if font != "Helvetica" else build.CaseStyle(name)
    build.render_pdf(build.split_pages(source.read_text(encoding="utf-8")), style, pdf)

    case, _ = load_case(SAMPLES / name)
    auditor = Auditor(load_standards(case.standards))
    from_markdown = {f.id: f.status for f in auditor.audit(read_document(source), case.profile).findings}
    from_pdf = {f.id: f.status for f in auditor.audit(read_document(pdf), case.profile).findings}
    assert {k: (v, from_pdf.get(k)) for k, v in from_markdown.items() if from_pdf.get(k) != v} == {}
