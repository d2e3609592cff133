"""Judging from both ends: whatever the speeds of the two processes, every requirement is judged once, in order.

The judge here is a stand-in that returns one string per requirement and sleeps as told, so the processes meet
early, late or in the middle; the audit-level tests (same JSON with and without helpers, failing helpers) are in
test_helpers.py.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Sequence

import pytest

from checker.evaluate import forked, judge_split

COUNT = 24


@pytest.fixture(autouse=True)
def _helpers_on(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GAPCHECK_HELPERS", "1")
    monkeypatch.setattr(threading, "active_count", lambda: 1)


def _judge(main_delay: float, helper_delay: float, parent: int) -> Callable[..., list[str]]:
    def judge(part: Sequence[int], take: Callable[[int], bool] | None) -> list[str]:
        delay = main_delay if os.getpid() == parent else helper_delay
        out = []
        for number, requirement in enumerate(part):
            if take is not None and not take(number):
                break
            time.sleep(delay)
            out.append(f"finding {requirement} by {'main' if os.getpid() == parent else 'helper'}")
        return out

    return judge


@pytest.mark.parametrize(
    ("main_delay", "helper_delay"),
    [(0.001, 0.001), (0.0, 0.004), (0.004, 0.0), (0.002, 0.0005)],
    ids=["even", "helper-slow", "main-slow", "main-slower"],
)
def test_every_requirement_is_judged_once_in_order(main_delay: float, helper_delay: float) -> None:
    requirements = list(range(COUNT))
    found = judge_split.judge_in_two(requirements, _judge(main_delay, helper_delay, os.getpid()), size=10**6)
    assert [int(f.split()[1]) for f in found] == requirements  # type: ignore[union-attr]
    by = {f.split()[-1] for f in found}  # type: ignore[union-attr]
    if main_delay == helper_delay:
        assert by == {"main", "helper"}, "both processes judged a share"
    if helper_delay > 4 * main_delay:
        assert sum("main" in f for f in found) > COUNT // 2, "the faster process took more"  # type: ignore[operator]


def test_a_helper_that_dies_leaves_the_rest_here(monkeypatch: pytest.MonkeyPatch) -> None:
    def dies_after_two(work: Callable[[], bytes]) -> forked.Helper | None:
        return forked.fork_call(lambda: os._exit(9) if time.sleep(0.01) is None else b"")

    monkeypatch.setattr(judge_split, "fork_call", dies_after_two)
    requirements = list(range(COUNT))
    found = judge_split.judge_in_two(requirements, _judge(0.001, 0.001, os.getpid()), size=10**6)
    assert [int(f.split()[1]) for f in found] == requirements  # type: ignore[union-attr]


def test_the_board_never_leaves_a_gap() -> None:
    # NOTE: the two claims interleaved by hand at the meeting point: both may take one requirement, none is left
    board = judge_split._Board(5)
    assert [board.forwards(n) for n in range(2)] == [True, True]  # this process has 0 and 1
    assert [board.backwards(n) for n in range(2)] == [True, True]  # the helper has 4 and 3
    assert board.forwards(2) is True  # 2: this process first
    assert board.backwards(2) is False  # the helper stops: 2 is taken
    assert board.forwards(3) is False  # this process stops: 3 is the helper's


def test_small_drafts_are_judged_here() -> None:
    calls: list[Sequence[int]] = []

    def judge(part: Sequence[int], take: Callable[[int], bool] | None) -> list[str]:
        calls.append(part)
        assert take is None
        return [str(r) for r in part]

    assert judge_split.judge_in_two(list(range(COUNT)), judge, size=10) == [str(r) for r in range(COUNT)]  # type: ignore[comparison-overlap]
    assert len(calls) == 1
