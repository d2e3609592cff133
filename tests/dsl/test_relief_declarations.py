"""Relief declarations in the rule language: declared once, referenced by name, validated with file:line:col."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.dsl.diagnostics import RuleErrors
from checker.dsl.pack import load_pack

HEADER = 'standard "relief-test" "Relief test" edition "2025" { default_year 2025 }\n'
DECLARED = """
lexicon scope3 = "Scope 3", "範疇三"
lexicon relief_words = "first-year relief", "過渡性豁免"
relief "scope3-first-year" "Scope 3 need not be disclosed in the first year"
  stated: near(scope3, relief_words, within=sentence)
relief "no-statement" "A relief only the profile can claim"
"""
REQUIREMENT = """
requirement "X1" scope3-total {{
  title "Scope 3"
  cite  "test"
  obligation comply_or_explain
  {field}
  element "Scope 3 total" : {element}
  example missing "Nothing here."
}}
"""


def _pack(tmp_path: Path, field: str, element: str = "any(scope3)", declared: str = DECLARED) -> Path:
    pack = tmp_path / "relief-test"
    pack.mkdir()
    (pack / "pack.rule").write_text(HEADER, encoding="utf-8")
    (pack / "reliefs.rule").write_text(declared, encoding="utf-8")
    (pack / "X1.rule").write_text(REQUIREMENT.format(field=field, element=element), encoding="utf-8")
    return pack


def test_a_requirement_takes_the_declared_reason(tmp_path: Path) -> None:
    pack = load_pack(_pack(tmp_path, 'relief "scope3-first-year"'))
    assert pack.by_id["X1"].reliefs[0].reason == "Scope 3 need not be disclosed in the first year"
    assert pack.reliefs["scope3-first-year"].stated is not None


def test_a_requirement_may_give_its_own_reason(tmp_path: Path) -> None:
    pack = load_pack(_pack(tmp_path, 'relief "scope3-first-year" "the Code\'s own words"'))
    assert pack.by_id["X1"].reliefs[0].reason == "the Code's own words"


BAD = [
    ('relief "scope3-first-yaer"', "any(scope3)", DECLARED, "unknown relief 'scope3-first-yaer'", "did you mean"),
    ('applies when relief "nope"', "any(scope3)", DECLARED, "unknown relief 'nope'", None),
    ('grants "no-statement"', 'stated("no-statement")', DECLARED, "has no 'stated:' expression", None),
    ("", 'stated("missing-one")', DECLARED, "unknown relief 'missing-one'", None),
    ("", "stated(scope3)", DECLARED, "takes the quoted name of a declared relief", None),
    ("", "any(scope3)", DECLARED + 'relief "no-statement" "again"\n', "relief 'no-statement' is declared twice", None),
    (
        "",
        "any(scope3)",
        DECLARED + 'relief "loop" "x"\n  stated: stated("scope3-first-year")\n',
        "cannot be used inside a relief's own 'stated:' expression",
        None,
    ),
]


@pytest.mark.parametrize(("field", "element", "declared", "message", "help"), BAD, ids=[b[3] for b in BAD])
def test_relief_mistakes_are_rule_errors(
    tmp_path: Path, field: str, element: str, declared: str, message: str, help: str | None
) -> None:
    with pytest.raises(RuleErrors) as caught:
        load_pack(_pack(tmp_path, field, element, declared))
    problems = caught.value.diagnostics
    assert any(message in p.message for p in problems), [p.message for p in problems]
    problem = next(p for p in problems if message in p.message)
    assert problem.path.endswith(".rule") and problem.line >= 1
    if help is not None:
        assert help in (problem.help or "")
    assert caught.value.exit_code == 2
