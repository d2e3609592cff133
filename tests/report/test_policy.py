"""The policy file, waivers and the gate: strict validation, fail_on semantics, stale waivers, CLI overrides."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from checker.config.discovery import find_policy_file, load_policy
from checker.config.model import Policy, Waiver
from checker.config.template import POLICY_TEMPLATE
from checker.errors import ConfigError
from checker.evaluate.waivers import apply_waivers
from checker.report.gate import Gate, evaluate_gate
from checker.report.model import AuditResult

TODAY = date(2026, 1, 15)


def _policy(tmp_path: Path, text: str, name: str = "gapcheck.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('standard = ["hkex-esg"]\n', "unknown key 'standard'; did you mean 'standards'?"),
        ("[gate]\nfial_on = []\n", "unknown key 'gate.fial_on'; did you mean 'fail_on'?"),
        ('[profile]\ntier = "main_board"\ncolour = "red"\n', "unknown key 'profile.colour'"),
        (
            '[[waivers]]\nid = "B1.2"\nreason = "r"\nowner = "o"\nexpires = 2026-01-01\nexpiry = 1\n',
            "unknown key 'waivers.0.expiry'; did you mean 'expires'?",
        ),
        ('[gate]\nfail_on = ["absent"]\n', "invalid value for 'gate.fail_on': fail_on 'absent'"),
        ('[gate]\nfail_on = ["missing:optional"]\n', "obligation must be one of"),
        ("[gate]\nmin_coverage = 1.5\n", "invalid value for 'gate.min_coverage'"),
        ('[profile]\ntier = "huge"\n', "invalid value for 'profile.tier'"),
        ('[[waivers]]\nid = "B1.2"\nowner = "o"\nexpires = 2026-01-01\n', "missing key 'waivers.0.reason'"),
        ("standards = [\n", "invalid TOML"),
    ],
    ids=[
        "unknown-top-level-key",
        "misspelt-gate-key",
        "unknown-profile-key",
        "unknown-waiver-key",
        "unknown-fail-on-status",
        "unknown-fail-on-obligation",
        "coverage-above-one",
        "unknown-tier",
        "waiver-without-reason",
        "broken-toml",
    ],
)
def test_invalid_policy_names_key_and_file(tmp_path: Path, text: str, message: str) -> None:
    path = _policy(tmp_path, text)
    with pytest.raises(ConfigError) as info:
        load_policy(path)
    line = info.value.one_line()
    assert message in line
    assert line.startswith(str(path))
    assert "\n" not in line


def test_unknown_key_in_pyproject_is_named_with_its_table(tmp_path: Path) -> None:
    path = _policy(tmp_path, '[project]\nname = "x"\n\n[tool.gapcheck]\nfail_onn = []\n', "pyproject.toml")
    with pytest.raises(ConfigError, match=r"unknown key 'tool\.gapcheck\.fail_onn'"):
        load_policy(path)


def test_template_written_by_init_is_a_valid_policy(tmp_path: Path) -> None:
    policy, _ = load_policy(_policy(tmp_path, POLICY_TEMPLATE))
    assert policy.standards == ["hkex-esg"]
    assert policy.gate.fail_on == ["missing:mandatory", "missing:comply_or_explain", "error"]


def test_discovery_searches_upward_and_prefers_gapcheck_toml(tmp_path: Path) -> None:
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    assert find_policy_file(deep) is None
    _policy(tmp_path, '[project]\nname = "x"\n', "pyproject.toml")
    assert find_policy_file(deep) is None  # a pyproject without [tool.gapcheck] is not a policy
    _policy(tmp_path / "a", "[tool.gapcheck]\nstandards = ['issb-s2']\n", "pyproject.toml")
    assert find_policy_file(deep) == (tmp_path / "a" / "pyproject.toml").resolve()
    assert load_policy(start=deep)[0].standards == ["issb-s2"]
    _policy(tmp_path / "a", "standards = ['tcfd']\n")
    assert find_policy_file(deep) == (tmp_path / "a" / "gapcheck.toml").resolve()


@pytest.mark.parametrize(
    ("fail_on", "failing"),
    [
        ((), []),
        (("missing",), ["X2.2"]),
        (("missing:mandatory",), []),
        (("missing:recommended",), ["X2.2"]),
        (("partial:mandatory",), ["X1.1"]),
        (("partial:comply_or_explain",), []),
        (("partial", "missing"), ["X1.1", "X2.2"]),
        (("error",), []),
    ],
    ids=lambda v: ",".join(v) if isinstance(v, tuple) else None,
)
def test_fail_on_semantics(small_result: AuditResult, fail_on: tuple[str, ...], failing: list[str]) -> None:
    judged = evaluate_gate(small_result, Gate(fail_on=fail_on))
    assert judged.gate is not None
    assert judged.gate["failing"] == [f"gapfix-2025:{i}" for i in failing]
    assert judged.gate["passed"] is (not failing)
    assert len(judged.gate["reasons"]) == len(failing)  # type: ignore[arg-type]


@pytest.mark.parametrize(("minimum", "passed"), [(0.5, True), (0.51, False), (None, True)])
def test_min_coverage(small_result: AuditResult, minimum: float | None, passed: bool) -> None:
    assert small_result.summary.coverage == 0.5
    gate = evaluate_gate(small_result, Gate(fail_on=(), min_coverage=minimum)).gate
    assert gate is not None
    assert gate["passed"] is passed


def _waiver(requirement: str, expires: date = date(2026, 6, 30)) -> Waiver:
    return Waiver(id=requirement, reason="data from FY2026", owner="ESG team", expires=expires)


def test_waiver_turns_a_gap_into_waived_with_its_reason(small_result: AuditResult) -> None:
    waived, report = apply_waivers(small_result, [_waiver("X2.2")], today=TODAY)
    finding = next(f for f in waived.findings if f.id == "X2.2")
    assert finding.status.value == "waived"
    assert finding.reason is not None and "data from FY2026" in finding.reason and "ESG team" in finding.reason
    assert waived.summary.counts["waived"] == 1
    assert waived.summary.coverage == 0.75
    assert report.applied == ["gapfix-2025:X2.2"]
    gate = evaluate_gate(waived, Gate(fail_on=("missing",)), report).gate
    assert gate is not None and gate["passed"] is True and gate["waived"] == ["gapfix-2025:X2.2"]


def test_standard_qualified_waiver(small_result: AuditResult) -> None:
    waived, report = apply_waivers(small_result, [_waiver("gapfix-2025:X1.1"), _waiver("other:X2.2")], today=TODAY)
    assert [f.status.value for f in waived.findings if f.id in ("X1.1", "X2.2")] == ["waived", "missing"]
    assert [w["id"] for w in report.unused] == ["other:X2.2"]


def test_expired_waiver_does_not_apply_and_is_reported(small_result: AuditResult) -> None:
    waived, report = apply_waivers(small_result, [_waiver("X2.2", date(2025, 12, 31))], today=TODAY)
    assert next(f for f in waived.findings if f.id == "X2.2").status.value == "missing"
    assert report.expired == [
        {"id": "X2.2", "owner": "ESG team", "expires": "2025-12-31", "reason": "data from FY2026"}
    ]
    assert report.warnings() == ["waiver for X2.2 expired on 2025-12-31 (owner ESG team): not applied"]
    gate = evaluate_gate(waived, Gate(fail_on=("missing",)), report).gate
    assert gate is not None and gate["passed"] is False and gate["expired_waivers"] == report.expired


def test_unused_waivers_are_reported(small_result: AuditResult) -> None:
    _, report = apply_waivers(small_result, [_waiver("Z9.9"), _waiver("X2.1")], today=TODAY)
    assert [(w["id"], w["why"]) for w in report.unused] == [
        ("Z9.9", "no audited requirement has this id"),
        ("X2.1", "the requirement is covered; the waiver can be removed"),
    ]
    assert len(report.warnings()) == 2


def test_default_policy_gate() -> None:
    assert Policy().gate.fail_on == ["missing:mandatory", "error"]
    assert Policy().gate.min_coverage is None
