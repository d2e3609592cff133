"""JUnit XML parsed back with ElementTree: one test case per requirement, failures as the gate says."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from checker.config.model import Waiver
from checker.evaluate.waivers import apply_waivers
from checker.report.gate import Gate, evaluate_gate
from checker.report.junit import render
from checker.report.model import AuditResult


def _parse(result: AuditResult) -> ET.Element:
    return ET.fromstring(render([result]))


@pytest.mark.parametrize(
    ("fail_on", "failures"),
    [((), set()), (("missing",), {"X2.2"}), (("missing", "partial"), {"X1.1", "X2.2"})],
    ids=["nothing-fails", "missing", "missing-and-partial"],
)
def test_failures_follow_the_gate(small_result: AuditResult, fail_on: tuple[str, ...], failures: set[str]) -> None:
    root = _parse(evaluate_gate(small_result, Gate(fail_on=fail_on)))
    cases = root.findall("./testsuite/testcase")
    assert len(cases) == 4
    assert {c.get("classname") for c in cases} == {"gapfix-2025"}
    failed = {str(c.get("name")).split()[0] for c in cases if c.find("failure") is not None}
    assert failed == failures
    assert root.get("tests") == "4"
    assert root.get("failures") == str(len(failures))
    suite = root.find("testsuite")
    assert suite is not None and suite.get("failures") == str(len(failures))


def test_failure_message_names_missing_elements_and_quotes_evidence(small_result: AuditResult) -> None:
    root = _parse(evaluate_gate(small_result, Gate(fail_on=("partial",))))
    failure = root.find("./testsuite/testcase/failure")
    assert failure is not None
    assert failure.get("message") == "X1.1 is partial (mandatory); missing: scope 2 emissions"
    assert failure.get("type") == "partial"
    assert "scope 2 emissions: MISSING" in (failure.text or "")
    assert "p. 1: Scope 1 emissions were 1,250 tCO2e" in (failure.text or "")


def test_waived_is_skipped_with_reason(small_result: AuditResult) -> None:
    from datetime import date

    waiver = Waiver(id="X2.2", reason="no programme", owner="CSR", expires=date(2999, 1, 1))
    waived, report = apply_waivers(small_result, [waiver])
    root = _parse(evaluate_gate(waived, Gate(fail_on=("missing",)), report))
    skipped = [c for c in root.iter("testcase") if c.find("skipped") is not None]
    assert [str(c.get("name")).split()[0] for c in skipped] == ["X2.2"]
    element = skipped[0].find("skipped")
    assert element is not None and "no programme" in str(element.get("message"))
    assert root.get("skipped") == "1" and root.get("failures") == "0"


def test_without_a_gate_missing_fails(small_result: AuditResult) -> None:
    root = _parse(small_result)
    failed = [str(c.get("name")).split()[0] for c in root.iter("testcase") if c.find("failure") is not None]
    assert failed == ["X2.2"]
