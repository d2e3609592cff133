"""Every example in every rule pack is a test: the rule must give the verdict the example is labelled with."""

from __future__ import annotations

from functools import lru_cache

import pytest

from checker.dsl.pack import RulePack, default_rules_root, load_rule_path
from checker.evaluate.examples import ExampleOutcome, run_examples


@lru_cache(maxsize=1)
def _packs() -> tuple[RulePack, ...]:
    return tuple(load_rule_path(default_rules_root()))


@lru_cache(maxsize=1)
def _outcomes() -> tuple[ExampleOutcome, ...]:
    return tuple(o for pack in _packs() for o in run_examples(pack))


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "outcome" in metafunc.fixturenames:
        outcomes = _outcomes()
        metafunc.parametrize("outcome", outcomes, ids=[o.test_id for o in outcomes])


def test_example_gets_its_labelled_verdict(outcome: ExampleOutcome) -> None:
    assert outcome.actual == outcome.expected, f"{outcome.location}: {outcome.message}"
