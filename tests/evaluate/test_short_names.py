"""A short name the report defines reads as its full name: "the GCRC met quarterly" names the climate committee."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.dsl.pack import load_pack
from checker.evaluate.engine import Auditor
from checker.evaluate.examples import example_document
from checker.report.model import Profile, Status

PACK = 'standard "names" "short names" edition "1" {\n  default_year 2025\n}\n'
RULE = """
requirement "G.1" committee-frequency {
  title "How often the climate committee meets"
  cite "test"
  obligation recommended
  topic ["committee", "委員會"]
  element "committee meets on a stated frequency" :
      near(["climate committee", "climate resilience committee", "氣候委員會", "氣候韌性委員會"],
           ["quarterly", "monthly", "每季", "每月"], within=sentence)
}
"""

CASES = [
    (
        "The Group Climate Resilience Committee (GCRC) was set up in 2024. The GCRC meets quarterly.",
        Status.COVERED,
    ),
    ("集團氣候韌性委員會（「氣韌會」）於二零二四年成立。氣韌會每季召開會議。", Status.COVERED),
    ("集团气候韧性委员会（以下简称“气韧会”）于2024年成立。气韧会每季召开会议。", Status.COVERED),
    # the short name used before it is defined, or a bracket that defines nothing, reads as nothing
    ("The GCRC meets quarterly. The Group Climate Resilience Committee (GCRC) was set up in 2024.", Status.MISSING),
    ("Our climate work started in 2024 (Phase A). Phase A meets quarterly.", Status.MISSING),
]


@pytest.mark.parametrize(("draft", "status"), CASES, ids=["en", "zh-hant", "zh-hans", "used-before", "no-name"])
def test_a_defined_short_name_carries_its_full_names_terms(tmp_path: Path, draft: str, status: Status) -> None:
    (tmp_path / "pack.rule").write_text(PACK, encoding="utf-8")
    (tmp_path / "G.1.rule").write_text(RULE, encoding="utf-8")
    result = Auditor([load_pack(tmp_path)]).audit(example_document(draft, "draft.md"), Profile(financial_year=2025))
    finding = result.findings[0]
    assert finding.status is status


def test_the_evidence_quotes_the_sentence_with_the_short_name(tmp_path: Path) -> None:
    (tmp_path / "pack.rule").write_text(PACK, encoding="utf-8")
    (tmp_path / "G.1.rule").write_text(RULE, encoding="utf-8")
    draft = "The Group Climate Resilience Committee (GCRC) was set up in 2024.\n\nThe GCRC meets quarterly."
    result = Auditor([load_pack(tmp_path)]).audit(example_document(draft, "draft.md"), Profile(financial_year=2025))
    evidence = result.findings[0].elements[0].evidence
    assert evidence and "GCRC meets quarterly" in evidence[0].text
