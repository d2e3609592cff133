"""Meta-tests over the whole registry: ids, file names, citations, examples per verdict, both languages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from checker.dsl import ast
from checker.dsl.pack import default_rules_root, load_rule_path

PACKS = load_rule_path(default_rules_root())
REQUIREMENTS = [(pack, r) for pack in PACKS for r in pack.requirements]
IDS = [f"{pack.id}::{r.id}" for pack, r in REQUIREMENTS]
CJK = re.compile(r"[\u3400-\u9fff]")


def test_every_pack_has_metadata() -> None:
    for pack in PACKS:
        assert pack.name and pack.edition and pack.default_year, pack.id


@pytest.mark.parametrize(("pack", "requirement"), REQUIREMENTS, ids=IDS)
def test_file_is_named_after_its_requirement(pack: object, requirement: ast.Requirement) -> None:
    assert Path(requirement.span.path).name == f"{requirement.id}.rule"


@pytest.mark.parametrize(("pack", "requirement"), REQUIREMENTS, ids=IDS)
def test_rule_documents_itself(pack: object, requirement: ast.Requirement) -> None:
    assert requirement.title and requirement.cite and requirement.part and requirement.aspect
    assert re.fullmatch(r"[a-z][a-z0-9]*(-[a-z0-9]+)+", requirement.symbol)


@pytest.mark.parametrize(("pack", "requirement"), REQUIREMENTS, ids=IDS)
def test_checkable_rule_has_covered_and_missing_examples_in_two_languages(
    pack: object, requirement: ast.Requirement
) -> None:
    if requirement.uncheckable is not None:
        return
    statuses = {e.status for e in requirement.examples}
    # NOTE: the paragraph that grants a relief is explained where the draft states the relief, never covered
    met = "explained" if requirement.grants is not None else "covered"
    assert {met, "missing"} <= statuses, f"{requirement.id}: examples for {sorted(statuses)}"
    required = [e for e in requirement.elements if not e.optional]
    if len(required) > 1:
        assert "partial" in statuses, f"{requirement.id} has {len(required)} elements but no partial example"
    languages = {"zh" if CJK.search(e.text) else "en" for e in requirement.examples}
    assert languages == {"en", "zh"}, f"{requirement.id}: examples only in {languages}"


def test_symbols_are_unique_within_each_pack() -> None:
    for pack in PACKS:
        symbols = [r.symbol for r in pack.requirements]
        assert len(symbols) == len(set(symbols)), pack.id
