"""Pausing the collector, and freezing what a paused block made in a process that audits one draft."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from checker.ingest import collector


@pytest.fixture
def freezing() -> Iterator[None]:
    collector.freeze_on_resume()
    try:
        yield
    finally:
        collector.freeze_on_resume(False)
        gc.unfreeze()


def test_a_paused_block_resumes_collection() -> None:
    assert gc.isenabled()
    with collector.gc_paused():
        assert not gc.isenabled()
        with collector.gc_paused():
            assert not gc.isenabled()
        assert not gc.isenabled(), "an inner block leaves the outer one paused"
    assert gc.isenabled()


def test_lasting_blocks_are_frozen_only_when_asked(freezing: None) -> None:
    frozen = gc.get_freeze_count()
    with collector.gc_paused(lasting=False):
        made = [[i] for i in range(100)]
    assert gc.get_freeze_count() == frozen, "a block that leaves cyclic garbage is never frozen"
    with collector.gc_paused():
        made = [[i] for i in range(100)]
    assert gc.get_freeze_count() >= frozen + len(made)
    assert gc.isenabled()


def test_no_freezing_by_default() -> None:
    frozen = gc.get_freeze_count()
    with collector.gc_paused():
        made = [[i] for i in range(100)]
    assert made and gc.get_freeze_count() == frozen
