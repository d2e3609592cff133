"""The JSON writer writes exactly what the standard library writes of ``model_dump(mode="json")``, whatever the result.

``render`` takes pydantic-core's encoder when it writes the same bytes and the standard library's otherwise: for
floats with an exponent, infinities, NaN and lone surrogates. Each case here compares the two renderings byte for
byte.
"""

from __future__ import annotations

import json
import types
import typing
from collections.abc import Callable

import pytest
from pydantic import BaseModel

from checker.report import json_writer
from checker.report.gate import Gate, evaluate_gate
from checker.report.model import AuditResult, Evidence


def _reference(results: list[AuditResult]) -> str:
    payload = [r.model_dump(mode="json") for r in results]
    return json.dumps(payload[0] if len(payload) == 1 else payload, ensure_ascii=False, indent=2) + "\n"


def _with_message(result: AuditResult, message: str) -> AuditResult:
    finding = result.findings[0].model_copy(update={"message": message})
    return result.model_copy(update={"findings": [finding, *result.findings[1:]]})


def test_a_real_result_is_written_as_the_standard_library_writes_it(small_result: AuditResult) -> None:
    assert json_writer.render([small_result]) == _reference([small_result])


def test_several_results_are_a_list(small_result: AuditResult, audit_text: Callable[[str], AuditResult]) -> None:
    other = audit_text("Scope 1 emissions were 1,234 tCO2e in 2025.\f排放總量為 5.6 噸。")
    rendered = json_writer.render([small_result, other])
    assert rendered == _reference([small_result, other])
    assert isinstance(json.loads(rendered), list)


def test_text_of_every_kind_is_escaped_alike(small_result: AuditResult) -> None:
    text = 'tab\there "quoted" back\\slash \x00\x1f\x7f é 排放 \u2028\u2029 \ufeff 😀 </script>'
    result = _with_message(small_result, text)
    assert json_writer.render([result]) == _reference([result])


@pytest.mark.parametrize("coverage", [0.0, 1.0, 0.5, 0.0001, 0.00005, 1e-7, 3.3e-05])
def test_every_coverage_is_written_alike(small_result: AuditResult, coverage: float) -> None:
    result = small_result.model_copy(update={"summary": small_result.summary.model_copy(update={"coverage": coverage})})
    assert json_writer.render([result]) == _reference([result])


@pytest.mark.parametrize("minimum", [0.8, 0.00001, float("inf"), float("nan")])
def test_the_gate_floats_are_written_alike(small_result: AuditResult, minimum: float) -> None:
    result = evaluate_gate(small_result, Gate(fail_on=("missing:mandatory",), min_coverage=minimum))
    assert json_writer.render([result]) == _reference([result])
    assert json_writer.render([small_result, result]) == _reference([small_result, result])


def test_a_lone_surrogate_is_written_as_before(small_result: AuditResult) -> None:
    result = _with_message(small_result, "broken \ud800 text")
    assert json_writer.render([result]) == _reference([result])


def _floats(model: type[BaseModel], seen: set[type[BaseModel]]) -> list[str]:
    """``Model.field`` for every float or ``object`` a result can hold, through nested models, lists and unions."""
    found: list[str] = []
    if model in seen:
        return found
    seen.add(model)
    hints = typing.get_type_hints(model)
    for name in model.model_fields:
        stack: list[object] = [hints[name]]
        while stack:
            hint = stack.pop()
            if hint is float or hint is object:
                found.append(f"{model.__name__}.{name}")
            elif isinstance(hint, type) and issubclass(hint, BaseModel):
                found += _floats(hint, seen)
            elif isinstance(hint, (types.UnionType, types.GenericAlias)) or typing.get_origin(hint) is not None:
                stack.extend(typing.get_args(hint))
    return found


def test_the_writer_checks_every_float_the_result_can_hold() -> None:
    # NOTE: a new float field must be added to ``json_writer._floats_agree`` (and here) or it may be written with
    # pydantic's exponent format
    assert sorted(_floats(AuditResult, set())) == ["AuditResult.gate", "Summary.coverage"]
    assert _floats(Evidence, set()) == []
