"""The evaluator on small drafts: verdicts, evidence, explanations, applicability, index exclusion, scans."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.dsl.pack import load_pack
from checker.evaluate.engine import Auditor
from checker.evaluate.examples import example_document
from checker.ingest.document import BlockKind, DocumentBuilder, SourceInfo
from checker.report.model import Profile, Status

MINI = Path(__file__).parents[1] / "fixtures" / "mini-rules" / "mini"
SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "samples"


@pytest.fixture(scope="module")
def auditor() -> Auditor:
    return Auditor([load_pack(MINI)])


def verdicts(auditor: Auditor, text: str, profile: Profile | None = None) -> dict[str, Status]:
    result = auditor.audit(example_document(text, "<test>"), profile)
    return {f.id: f.status for f in result.findings}


CASES = [
    (
        "all-disclosed-en",
        "The workforce was 1,200 employees: 640 female; 400 in Hong Kong, 800 in Mainland China.",
        "B1.1",
        Status.COVERED,
    ),
    (
        "all-disclosed-zh-hans",
        "员工总数 1,200 人，其中女性 640 人；香港员工 400 人，中国内地员工 800 人。",
        "B1.1",
        Status.COVERED,
    ),
    ("gender-only-zh-hant", "員工總數 1,200 人，女性佔 53%。", "B1.1", Status.PARTIAL),
    ("bare-mention-is-missing", "Our employees are our greatest asset.", "B1.1", Status.MISSING),
    (
        "explained-omission",
        "A breakdown of employees by region is not material to the Group.",
        "B1.1",
        Status.EXPLAINED,
    ),
    ("mandatory-cannot-be-explained", "Scope 1 emissions data is not applicable to us.", "D.ghg", Status.MISSING),
    ("traditional-and-simplified-alike", "本集團制定私隱政策，並由審計部門監督。", "B6.5", Status.COVERED),
]


@pytest.mark.parametrize(("text", "requirement", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_verdicts(auditor: Auditor, text: str, requirement: str, expected: Status) -> None:
    assert verdicts(auditor, text)[requirement] is expected


def test_not_applicable_by_tier_gives_a_reason(auditor: Auditor) -> None:
    result = auditor.audit(example_document("Nothing here.", "<t>"), Profile(tier="gem"))
    finding = next(f for f in result.findings if f.id == "D.ghg")
    assert finding.status is Status.NOT_APPLICABLE
    assert finding.reason and "gem" in finding.reason


def test_content_index_is_never_evidence(auditor: Auditor) -> None:
    index = """
# HKEX ESG Reporting Guide Content Index

| KPI | Description | Page |
|---|---|---|
| B1.1 | Total workforce 1,200 employees by gender (female) and region (Hong Kong) | 3 |
| B1.2 | Turnover | 4 |
| B6.5 | Privacy policy reviewed by audit | 5 |
| A1.1 | Emissions | 6 |
"""
    found = verdicts(auditor, index)
    assert found["B1.1"] is Status.MISSING
    assert found["B6.5"] is Status.MISSING


def test_evidence_shows_original_wording_and_page(auditor: Auditor) -> None:
    text = "# People\n\n員工總數 1,200 人，女性佔 53%。\n\n<!-- pagebreak -->\n\n本集團制定私隱政策，並由審計部門監督。"
    result = auditor.audit(example_document(text, "<t>"), None)
    privacy = next(f for f in result.findings if f.id == "B6.5")
    assert privacy.pages == [2]
    assert "私隱政策" in privacy.evidence[0].text  # original Traditional text, not the folded 私隐
    workforce = next(f for f in result.findings if f.id == "B1.1")
    assert workforce.missing_elements == ["by region"]
    assert any("1,200 人" in q for e in workforce.evidence for q in e.quantities)


def test_unreadable_pages_give_error_never_silent_missing(auditor: Auditor) -> None:
    builder = DocumentBuilder(SourceInfo(path="scan.pdf", format="pdf", sha256="0", size_bytes=1))
    builder.start_page()
    builder.add_block(BlockKind.PARAGRAPH, "Our privacy policy is reviewed by internal audit each year.")
    builder.end_page()
    builder.start_page()
    builder.end_page(readable=False)
    result = auditor.audit(builder.build())
    statuses = {f.id: f.status for f in result.findings}
    assert statuses["B6.5"] is Status.COVERED
    assert statuses["B1.1"] is Status.ERROR
    assert result.document.unreadable_pages == [2]


def test_every_requirement_is_judged(auditor: Auditor) -> None:
    result = auditor.audit(example_document("Nothing relevant.", "<t>"))
    assert [f.id for f in result.findings] == ["B1.1", "B6.5", "D.ghg"]
    assert result.summary.total == 3


@pytest.mark.skipif(not (SHARED / "cmcc-2024-esg-excerpt.zh-Hant.paged.txt").exists(), reason="shared/ absent")
def test_shared_chapter_acceptance() -> None:
    from checker.ingest import read_document
    from checker.pipeline import load_standards

    result = Auditor(load_standards(["hkex-esg"])).audit(
        read_document(SHARED / "cmcc-2024-esg-excerpt.zh-Hant.paged.txt")
    )
    findings = {f.id: f for f in result.findings}
    assert findings["B1.1"].status is Status.PARTIAL
    assert 21 in findings["B1.1"].pages
    met = {e.name for e in findings["B1.1"].elements if e.met}
    assert not any("age" in name or "employment type" in name for name in met)
    assert findings["B6.5"].status is Status.COVERED
    assert {7, 8} <= set(findings["B6.5"].pages)
    assert findings["B1.2"].status is Status.MISSING


def test_content_index_flattened_into_lines_is_never_evidence(auditor: Auditor) -> None:
    prose = "We describe our approach to sustainability in detail in this report. " * 8
    rows = "\n\n".join(
        f"KPI {code} {text} ... page {page}"
        for code, text, page in [
            ("B1.1", "Total workforce 1,200 employees by gender: female 600, Hong Kong 400", 12),
            ("B1.2", "Employee turnover rate by gender, age group and region", 13),
            ("B2.1", "Number and rate of work-related fatalities", 14),
            ("B6.5", "Privacy policy and how it is implemented and audited", 15),
            ("B7.1", "Concluded legal cases regarding corrupt practices", 16),
            ("B8.1", "Focus areas of contribution", 17),
        ]
    )
    text = (
        f"{prose}\n\nHKEX ESG Reporting Guide Content Index\n\n(b) compliance with relevant laws and regulations "
        f"that have a significant impact on the issuer relating to employment, as described in the relevant section."
        f"\n\n{rows}"
    )
    found = verdicts(auditor, text)
    assert found["B1.1"] is Status.MISSING
    assert found["B6.5"] is Status.MISSING


def test_picture_only_covers_lower_confidence_but_do_not_block_verdicts(auditor: Auditor) -> None:
    builder = DocumentBuilder(SourceInfo(path="designed.pdf", format="pdf", sha256="0", size_bytes=1))
    builder.start_page()
    builder.end_page(readable=False)  # front cover: a photograph
    for text in ("Our privacy policy is reviewed by internal audit each year.", "We value our staff.", "Outlook."):
        builder.start_page()
        builder.add_block(BlockKind.PARAGRAPH, text)
        builder.end_page()
    builder.start_page()
    builder.end_page(readable=False)  # back cover
    result = auditor.audit(builder.build())
    workforce = next(f for f in result.findings if f.id == "B1.1")
    assert workforce.status is Status.MISSING
    assert workforce.confidence == "low" and "no text layer" in workforce.message
    assert result.document.unreadable_pages == [1, 5]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the figures sit in a table about something else; "Scope 1" only in the paragraph after it
        (
            "| Water (tCO2e equivalent not applicable) | 2025 |\n|---|---|\n| Withdrawal | 1,234 tCO2e |\n\n"
            "Scope 1 and Scope 2 are reported in the annual report.",
            Status.MISSING,
        ),
        # a caption right above the table speaks for its figures
        ("Scope 1 and Scope 2 emissions\n\n| Year | 2025 |\n|---|---|\n| Total | 1,234 tCO2e |", Status.COVERED),
        # and the table's own rows do
        ("| Emissions | 2025 |\n|---|---|\n| Scope 1 | 1,234 tCO2e |\n| Scope 2 | 567 tCO2e |", Status.COVERED),
    ],
    ids=["paragraph-after-table", "caption-before-table", "table-rows"],
)
def test_a_table_figure_binds_only_inside_its_table_and_caption(auditor: Auditor, text: str, expected: Status) -> None:
    assert verdicts(auditor, text)["D.ghg"] is expected
