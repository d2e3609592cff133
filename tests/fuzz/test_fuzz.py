"""Fuzz every reader and the rule language briefly with hypothesis, and replay every crash input ever found.

The long runs (10^5 iterations per reader, 10^4 for the rule language) use atheris offline: scripts/fuzz.py, with
the figures in the README. Here each target gets a short, reproducible run (derandomized) so CI stays fast; an
input that ever raised anything but the project's own user error is kept in crashes/ and replayed forever.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parent))

import targets

BRIEF = settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@st.composite
def mutated(draw: st.DrawFn, seed: bytes) -> bytes:
    """The seed with some bytes replaced, a slice deleted or repeated, and possibly cut short."""
    data = bytearray(seed)
    for _ in range(draw(st.integers(0, 12))):
        if not data:
            break
        data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
    if data and draw(st.booleans()):
        start = draw(st.integers(0, len(data) - 1))
        end = draw(st.integers(start, min(len(data), start + 64)))
        piece = bytes(data[start:end])
        data[start:end] = piece * draw(st.sampled_from([0, 2, 50]))
    if draw(st.booleans()):
        data = data[: draw(st.integers(0, len(data)))]
    return bytes(data)


def _inputs(target: str) -> st.SearchStrategy[bytes]:
    seed = targets.seed(targets.SEED_OF[target])
    if target == "docx":
        members = targets._seed_members()
        names = sorted(members)
        member_mode = st.integers(0, len(names) - 1).flatmap(
            lambda i: mutated(members[names[i]]).map(lambda xml: b"\x01" + bytes([i]) + xml)
        )
        return st.one_of(
            mutated(seed).map(lambda d: b"\x00" + d),
            member_mode,
            st.binary(min_size=3, max_size=8).map(lambda d: b"\x02" + d),
        )
    return st.one_of(mutated(seed), st.binary(max_size=512))


@pytest.mark.parametrize("target", sorted(targets.TARGETS))
def test_fuzz_target_raises_only_user_errors(target: str) -> None:
    @BRIEF
    @given(_inputs(target))
    def run(data: bytes) -> None:
        targets.TARGETS[target](data)

    run()


CRASHES = sorted(targets.CRASHES.glob("*.bin"))


@pytest.mark.parametrize("path", CRASHES, ids=[p.name for p in CRASHES])
def test_every_crash_input_found_by_fuzzing_stays_fixed(path: Path) -> None:
    target = path.name.split("-", 1)[0]
    targets.TARGETS[target](path.read_bytes())


def test_the_crash_corpus_is_not_empty() -> None:
    assert CRASHES, "the regression corpus went missing"
