"""``element "..." when <condition>``: an element required only where its condition holds (guidance from a year on)."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.dsl.pack import load_pack
from checker.evaluate.engine import Auditor
from checker.evaluate.examples import example_document, run_examples
from checker.report.model import Profile, Status

PACK = 'standard "years" "element conditions" edition "1" {\n  default_year 2025\n}\n'
RULE = """
requirement "S.1" strategy-effects {
  title "Effects on strategy"
  cite "test"
  obligation recommended
  topic ["strategy"]
  element "effects on strategy" : near(["strategy"], ["affect*", "effect*"], within=sentence)
  element "transition plan" when year >= 2021 : any("transition plan")
  example covered [year=2020] "Climate risk affects our strategy."
  example partial [year=2022] "Climate risk affects our strategy."
  example covered [year=2022] "Climate risk affects our strategy. Our transition plan sets milestones."
}
"""
DRAFT = "Climate risk affects our strategy in the power sector."


@pytest.fixture()
def pack(tmp_path: Path) -> Path:
    (tmp_path / "pack.rule").write_text(PACK, encoding="utf-8")
    (tmp_path / "S.1.rule").write_text(RULE, encoding="utf-8")
    return tmp_path


def test_the_rules_examples_hold(pack: Path) -> None:
    outcomes = run_examples(load_pack(pack))
    assert len(outcomes) == 3 and all(o.passed for o in outcomes), [o.test_id for o in outcomes if not o.passed]


@pytest.mark.parametrize(("year", "status", "optional"), [(2020, Status.COVERED, True), (2021, Status.PARTIAL, False)])
def test_the_element_is_optional_before_its_year(pack: Path, year: int, status: Status, optional: bool) -> None:
    result = Auditor([load_pack(pack)]).audit(example_document(DRAFT, "draft.md"), Profile(financial_year=year))
    finding = result.findings[0]
    assert finding.status is status
    assert next(e for e in finding.elements if e.name == "transition plan").optional is optional


def test_a_bad_condition_is_a_located_error(tmp_path: Path) -> None:
    (tmp_path / "pack.rule").write_text(PACK, encoding="utf-8")
    (tmp_path / "S.1.rule").write_text(RULE.replace("when year >= 2021", "when tier megacap"), encoding="utf-8")
    from checker.dsl.diagnostics import RuleErrors

    with pytest.raises(RuleErrors) as raised:
        load_pack(tmp_path)
    assert "8:34: unknown tier 'megacap'" in str(raised.value)
