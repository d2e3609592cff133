"""Words a PDF-to-text export broke at a hyphen and a space are rejoined as the text writes them elsewhere."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.ingest import read_document
from checker.ingest.reflow import join_split_words

CASES = [
    # the whole word occurs elsewhere: rejoined
    ("The Man- aging Board met. Managing risk is its task.", "The Managing Board met. Managing risk is its task."),
    ("the com- mittee; the committee", "the committee; the committee"),
    # the hyphenated form occurs elsewhere: the hyphen was the author's
    ("Anti- corruption policy and anti-corruption training", "Anti-corruption policy and anti-corruption training"),
    # neither form occurs elsewhere: left alone
    ("a low- carbon future", "a low- carbon future"),
    # a dash between words is not a broken word
    ("Scope 1 - direct emissions", "Scope 1 - direct emissions"),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_join_split_words(text: str, expected: str) -> None:
    assert join_split_words(text) == expected


def test_text_reader_matches_rejoined_words(tmp_path: Path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text("Governance\n\nThe Sustainability Com- mittee of the Board met four times.\n\nCommittee duties.\n")
    document = read_document(draft)
    assert "Sustainability Committee of the Board" in document.text
