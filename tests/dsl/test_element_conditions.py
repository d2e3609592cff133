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


def _write_pack(folder: Path, name: str, rule: str) -> Path:
    """A pack folder holding the test standard and one rule file."""
    (folder / "pack.rule").write_text(PACK, encoding="utf-8")
    (folder / name).write_text(rule, encoding="utf-8")
    return folder


@pytest.fixture()
def pack(tmp_path: Path) -> Path:
    return _write_pack(tmp_path, "S.1.rule", RULE)


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
    _write_pack(tmp_path, "S.1.rule", RULE.replace("when year >= 2021", "when tier megacap"))
    from checker.dsl.diagnostics import RuleErrors

    with pytest.raises(RuleErrors) as raised:
        load_pack(tmp_path)
    assert "8:34: unknown tier 'megacap'" in str(raised.value)


# ``element "..." if <expr>``: required only where the report shows what makes the element relevant.
RELEVANCE_RULE = """
requirement "S.2" energy-method {
  title "Energy method"
  cite "test"
  obligation recommended
  topic ["energy"]
  scope document
  element "method named" : any(["GHG Protocol", "溫室氣體議定書"])
  element "conversion factors" if near(["diesel", "柴油"], quantity(number, energy), within=sentence) :
      any(["calorific value*", "熱值"])
  example covered "Energy: we follow the GHG Protocol; all our energy is purchased electricity, 900 MWh."
  example partial "Energy: we follow the GHG Protocol. Our vans used 12,000 litres of diesel."
  example covered "能源：本集團參照《溫室氣體議定書》；柴油用量12,000公升，以熱值換算為千瓦時。"
}
"""


@pytest.mark.parametrize(
    ("draft", "status", "optional"),
    [
        ("We follow the GHG Protocol. All our energy is purchased electricity: 900 MWh.", Status.COVERED, True),
        ("We follow the GHG Protocol. Our vans used 12,000 litres of diesel.", Status.PARTIAL, False),
        ("本集团参照《温室气体议定书》。车队柴油用量为12,000升。", Status.PARTIAL, False),
        ("We follow the GHG Protocol. We have no diesel generators.", Status.COVERED, True),
    ],
    ids=["electricity-only", "fuel-figure", "fuel-figure-zh-hans", "fuel-named-without-figure"],
)
def test_an_element_is_required_only_where_the_report_makes_it_relevant(
    tmp_path: Path, draft: str, status: Status, optional: bool
) -> None:
    pack = load_pack(_write_pack(tmp_path, "S.2.rule", RELEVANCE_RULE))
    assert all(o.passed for o in run_examples(pack)), [o.test_id for o in run_examples(pack) if not o.passed]
    finding = Auditor([pack]).audit(example_document(draft, "draft.md"), Profile(financial_year=2025)).findings[0]
    assert finding.status is status
    assert next(e for e in finding.elements if e.name == "conversion factors").optional is optional


def test_a_relevance_condition_naming_an_unknown_lexicon_is_a_located_error(tmp_path: Path) -> None:
    from checker.dsl.diagnostics import RuleErrors

    _write_pack(tmp_path, "S.2.rule", RELEVANCE_RULE.replace('["diesel", "柴油"]', "no_such_fuels"))
    with pytest.raises(RuleErrors) as raised:
        load_pack(tmp_path)
    assert "no_such_fuels" in str(raised.value)


# An element that proves an absence (``not ...``) has no passage: a stated absence elsewhere in the report ("we have
# not yet set a target") must not switch it off, as it does a passage said in that sentence.
ABSENCE_RULE = """
lexicon stated_absence = "have not", "has not", "尚未"
requirement "S.3" solvent-figures {
  title "Solvent figures"
  cite "test"
  obligation recommended
  topic ["solvent*", "溶劑"]
  scope document
  element "solvent figures" : near(["solvent*", "溶劑"], quantity(tonnes), within=sentence)
  element "no solvent left unquantified" if any(["solvent*", "溶劑"]) :
      not (any(["solvent*", "溶劑"]) and not near(["solvent*", "溶劑"], quantity(tonnes), within=sentence))
}
"""


@pytest.mark.parametrize(
    "draft",
    [
        "Our coating line used 12 tonnes of solvents. We have not yet set a water target.",
        "塗裝線全年使用溶劑 12 噸。本集團尚未訂立用水目標。",
        "涂装线全年使用溶剂 12 吨。本集团尚未订立用水目标。",
    ],
    ids=["en", "zh-hant", "zh-hans"],
)
def test_an_absence_proven_is_not_undone_by_a_stated_absence_elsewhere(tmp_path: Path, draft: str) -> None:
    pack = load_pack(_write_pack(tmp_path, "S.3.rule", ABSENCE_RULE))
    finding = Auditor([pack]).audit(example_document(draft, "draft.md"), Profile(financial_year=2025)).findings[0]
    assert finding.status is Status.COVERED, finding.message
    assert next(e for e in finding.elements if e.name == "no solvent left unquantified").met
