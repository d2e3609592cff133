"""The helper processes an audit forks after a draft is read give exactly the audit one process gives.

Two helpers (``checker.evaluate.forked``): one matches the terms and scans the quantities while the structure pass
runs (``index_ahead``), one judges the second half of the requirements (``judge_split``). Their thresholds are
lowered here so that the samples use them; every audit is compared, as JSON, with the audit without helpers:
helpers forced on, a helper that dies, one that sends garbage, and a machine without ``fork``.
"""

from __future__ import annotations

import json
import os
import sys
import threading
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path

import pytest
import yaml

from checker.evaluate import forked, index_ahead, judge_split, text_facts
from checker.evaluate.engine import Auditor
from checker.evaluate.examples import example_document
from checker.evaluate.matcher import TermMatcher
from checker.ingest.document import Document
from checker.pipeline import audit_path, load_standards
from checker.report.json_writer import render

ROOT = Path(__file__).resolve().parents[2]
# NOTE: a Markdown, a PDF and a DOCX draft in English and Chinese; only their drafts and standards are read
DRAFTS = [
    ROOT / "samples" / "hk-bank-zh-hant" / "draft.pdf",
    ROOT / "samples" / "holdout2-hotels-en" / "draft.docx",
    ROOT / "samples" / "gem-small-en" / "draft.md",
]


@cache
def _auditor(standards: tuple[str, ...]) -> Auditor:
    return Auditor(load_standards(list(standards)))


def _standards(draft: Path) -> tuple[str, ...]:
    header = yaml.safe_load((draft.parent / "expected.yaml").read_text(encoding="utf-8"))
    return tuple(header["standards"])


def _audit(draft: Path) -> str:
    result = audit_path(draft, _auditor(_standards(draft)), cache=None)
    data = json.loads(render([result]))
    data.pop("generated_at", None)
    return json.dumps(data, sort_keys=True, ensure_ascii=False)


@pytest.fixture
def forks(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Helpers forced on for drafts of any size; records which helpers started."""
    monkeypatch.setenv("GAPCHECK_HELPERS", "1")
    # NOTE: an idle thread another test left behind would keep the helpers off (the gate is tested below)
    monkeypatch.setattr(threading, "active_count", lambda: 1)
    monkeypatch.setattr(index_ahead, "MIN_CHARS", 0)
    monkeypatch.setattr(judge_split, "MIN_CHARS", 0)
    monkeypatch.setattr(judge_split, "MIN_REQUIREMENTS", 2)
    started: list[str] = []
    for module in (index_ahead, judge_split):
        monkeypatch.setattr(module, "fork_call", _spy(module.__name__.rsplit(".", 1)[1], started, forked.fork_call))
    yield started
    assert index_ahead._pending is None, "every helper was claimed or stopped"


def _spy(name: str, started: list[str], fork: Callable[..., forked.Helper | None]) -> Callable[..., object]:
    def spy(work: Callable[[], bytes]) -> forked.Helper | None:
        helper = fork(work)
        if helper is not None:
            started.append(name)
        return helper

    return spy


@pytest.fixture(scope="module")
def alone() -> dict[Path, str]:
    """Every draft's audit in this process alone."""
    previous = os.environ.get("GAPCHECK_HELPERS")
    os.environ["GAPCHECK_HELPERS"] = "0"
    try:
        return {draft: _audit(draft) for draft in DRAFTS}
    finally:
        if previous is None:
            del os.environ["GAPCHECK_HELPERS"]
        else:
            os.environ["GAPCHECK_HELPERS"] = previous


@pytest.mark.parametrize("draft", DRAFTS, ids=lambda p: p.parent.name)
def test_helpers_give_the_audit_of_one_process(draft: Path, alone: dict[Path, str], forks: list[str]) -> None:
    assert _audit(draft) == alone[draft]
    assert forks == ["index_ahead", "judge_split"]


def _dying(status: int) -> Callable[..., forked.Helper | None]:
    def fork(work: Callable[[], bytes]) -> forked.Helper | None:
        return forked.fork_call(lambda: os._exit(status))

    return fork


def _garbage(work: Callable[[], bytes]) -> forked.Helper | None:
    return forked.fork_call(lambda: b"\x00garbage, not an answer")


def _raising(work: Callable[[], bytes]) -> forked.Helper | None:
    def fail() -> bytes:
        raise RuntimeError("a bug in the helper")

    return forked.fork_call(fail)


@pytest.mark.parametrize(
    "fork", [_dying(0), _dying(9), _garbage, _raising], ids=["exit-0", "exit-9", "garbage", "raises"]
)
@pytest.mark.parametrize("module", [index_ahead, judge_split], ids=["index_ahead", "judge_split"])
def test_a_failed_helper_leaves_its_work_to_the_audit(
    fork: Callable[..., forked.Helper | None],
    module: object,
    alone: dict[Path, str],
    forks: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(module, "fork_call", fork)
    draft = DRAFTS[0]
    assert _audit(draft) == alone[draft]


def test_a_helper_killed_while_it_works(
    alone: dict[Path, str], forks: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def killed(work: Callable[[], bytes]) -> forked.Helper | None:
        return forked.fork_call(lambda: os.kill(os.getpid(), 9) or b"")

    monkeypatch.setattr(index_ahead, "fork_call", killed)
    monkeypatch.setattr(judge_split, "fork_call", killed)
    draft = DRAFTS[1]
    assert _audit(draft) == alone[draft]


def test_without_fork_the_audit_runs_in_one_process(
    alone: dict[Path, str], forks: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delattr(os, "fork")
    draft = DRAFTS[0]
    assert _audit(draft) == alone[draft]
    assert forks == []


def test_when_fork_fails_the_audit_runs_in_one_process(
    alone: dict[Path, str], forks: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse() -> int:
        raise OSError("fork refused: out of processes")

    monkeypatch.setattr(os, "fork", refuse)
    draft = DRAFTS[2]
    assert _audit(draft) == alone[draft]
    assert forks == []


@pytest.mark.parametrize(
    ("env", "threads", "wanted"),
    [
        ({"GAPCHECK_HELPERS": "0"}, False, False),
        ({"GAPCHECK_HELPERS": "1"}, False, True),
        ({"GAPCHECK_HELPERS": "1"}, True, False),
        ({"GAPCHECK_PDF_WORKERS": "1"}, False, False),
        ({}, False, "core free"),
    ],
)
def test_when_helpers_are_wanted(
    env: dict[str, str], threads: bool, wanted: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    from checker.ingest import pdf_parallel

    for name in ("GAPCHECK_HELPERS", "GAPCHECK_PDF_WORKERS"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    monkeypatch.setattr(threading, "active_count", lambda: 2 if threads else 1)
    for free in (True, False):
        monkeypatch.setattr(pdf_parallel, "_core_free", lambda free=free: free)
        assert forked.helpers_wanted() is (free if wanted == "core free" else wanted)


def _helper_setting(monkeypatch: pytest.MonkeyPatch, name: str) -> tuple[TermMatcher, Document]:
    """Helpers forced on for a small draft: its matcher and document."""
    monkeypatch.setenv("GAPCHECK_HELPERS", "1")
    monkeypatch.setattr(threading, "active_count", lambda: 1)
    monkeypatch.setattr(index_ahead, "MIN_CHARS", 0)
    matcher = TermMatcher()
    matcher.register(["emissions"])
    return matcher, example_document("# Emissions\n\nOur emissions fell by 12 t.", name)


def test_an_unclaimed_helper_is_stopped(monkeypatch: pytest.MonkeyPatch) -> None:
    matcher, document = _helper_setting(monkeypatch, "<ahead>")
    with index_ahead.ahead_of_index(matcher):
        index_ahead._start(document, matcher)
        assert index_ahead._pending is not None
        pid = index_ahead._pending[2].pid
    assert index_ahead._pending is None
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # NOTE: reaped, not left a zombie


def test_text_facts_survive_their_encoding() -> None:
    matcher = TermMatcher()
    matcher.register(["emissions", "waste", ("hazardous waste", (), ()), "employ*", "用水"])
    text = "our emissions fell. scope 1 emissions were 12 t. non-hazardous waste: 3 t; 用水 4,500 m3 in 2023-2024."
    facts = text_facts.compute(text, [0, 20], matcher)
    assert facts.quantities and any(facts.hits.values())
    decoded = text_facts.decode(text_facts.encode(facts, matcher), matcher)
    assert decoded == facts
    assert list(decoded.hits) == list(facts.hits)


def test_text_facts_that_do_not_fit_are_refused() -> None:
    matcher = TermMatcher()
    matcher.register(["emissions"])
    facts = text_facts.compute("emissions of 12 t", [0], matcher)
    data = text_facts.encode(facts, matcher)
    assert text_facts.decode(data[:-3], matcher) is None, "truncated"
    assert text_facts.decode(data + b"\x00", matcher) is None, "too long"
    other = TermMatcher()
    other.register(["emissions", "waste"])
    assert text_facts.decode(data, other) is None, "another matcher's terms"


def test_the_text_a_listener_sees_is_the_documents_final_text() -> None:
    from checker.ingest import read_document
    from checker.ingest.registry import text_listener

    seen: list[object] = []
    with text_listener(lambda document: seen.append(document.folded())):
        document = read_document(DRAFTS[0])
    assert len(seen) == 1
    assert seen[0] is document.folded(), "folded once, before the structure pass, and carried to the result"


@pytest.mark.parametrize("prepared", [True, False], ids=["prepared", "not-prepared"])
def test_what_is_prepared_while_pages_are_read_gives_the_same_audit(
    prepared: bool, alone: dict[Path, str], forks: list[str]
) -> None:
    """The automaton, the quantity patterns and the release plans give the same audit wherever they were made.

    ``gapcheck audit`` makes the automaton and the patterns while the extraction workers read, so the helpers
    inherit them, and the release plans while the index waits for its helper; here against a fresh Auditor that
    makes each of them when first needed.
    """
    from checker.cli.audit import _prepare_for_pages

    draft = DRAFTS[0]
    auditor = Auditor(load_standards(list(_standards(draft))))
    if prepared:
        _prepare_for_pages(auditor)
        assert auditor.matcher._automaton is not None
        assert "checker.ingest.quantities" in sys.modules
        assert not auditor._plans, "with a helper, the plans wait for the index helper's run"
    result = audit_path(draft, auditor, cache=None)
    data = json.loads(render([result]))
    data.pop("generated_at", None)
    assert json.dumps(data, sort_keys=True, ensure_ascii=False) == alone[draft]
    assert forks == ["index_ahead", "judge_split"]
    forwards, backwards = judge_split.plan_parts(auditor.judged())
    assert auditor._plans.keys() == {tuple(map(id, forwards)), tuple(map(id, backwards))}


def test_without_helpers_the_plan_is_made_while_pages_are_read(monkeypatch: pytest.MonkeyPatch) -> None:
    from checker.cli.audit import _prepare_for_pages

    monkeypatch.setenv("GAPCHECK_HELPERS", "0")
    auditor = Auditor(load_standards(list(_standards(DRAFTS[2]))))
    _prepare_for_pages(auditor)
    assert auditor._plans.keys() == {tuple(map(id, auditor.judged()))}


def test_a_running_helper_is_known_until_it_is_claimed(monkeypatch: pytest.MonkeyPatch) -> None:
    matcher, document = _helper_setting(monkeypatch, "<running>")
    with index_ahead.ahead_of_index(matcher):
        assert not index_ahead.running()
        index_ahead._start(document, matcher)
        assert index_ahead.running()
        assert index_ahead.claim(document.folded().text, matcher) is not None
        assert not index_ahead.running()
