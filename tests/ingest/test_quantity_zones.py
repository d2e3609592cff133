"""The quantity scan searches only the zones around figures: it must find exactly what a whole-text search finds.

``quantities._matches`` skips text far from any digit or Chinese numeral. These tests compare it with
``_MAIN.finditer`` over the whole text, match by match (span, alternative and every group), on generated text
built from the pieces the pattern's alternatives start, end and bridge with, and on the corpus's real reports.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.evaluate.cases import corpus_folder
from checker.ingest import quantities
from checker.ingest.normalize import fold

# NOTE: prefixes, identifiers, units and bridges of the alternatives, and filler of every length around them, so
# that generated text puts pattern pieces at, just inside and just outside the zones' margins.
PIECES = [
    "scope 1",
    "范围2",
    "iso 14001:2015",
    "appendix a3",
    "p. 21",
    "pp. 3-4",
    "第",
    "hk$",
    "mop$",
    "rmb",
    "二氧化碳当量：",
    "co2e ",
    "fy",
    "2022年至2024年",
    "2023/24",
    "2024-12-31",
    "二〇二四",
    "百分之三十",
    "年",
    "+852 ",
    " - - - ",
    "-",
    "−",
    "12,345.6",
    "7",
    " tonnes of carbon dioxide equivalent",
    "万吨",
    "kwh",
    "人",
    "余",
    "%",
    "december",
    ", ",
    "。",
    "\n",
    " ",
]
FILLER = st.integers(min_value=0, max_value=140).map(lambda n: ("report text " * 12)[:n])
TEXTS = st.lists(st.one_of(st.sampled_from(PIECES), FILLER), max_size=30).map("".join)


def _signature(matches: object) -> list[tuple[tuple[int, int], str | None, tuple[str | None, ...]]]:
    return [(m.span(), m.lastgroup, m.groups()) for m in matches]  # type: ignore[attr-defined]


def _assert_same(text: str) -> None:
    assert _signature(quantities._matches(text)) == _signature(quantities._MAIN.finditer(text))


@settings(max_examples=400, deadline=None)
@given(TEXTS)
def test_zones_find_every_match_of_the_whole_text(text: str) -> None:
    _assert_same(text)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "no figures here at all",
        "phone +852 " + "- " * 80 + "1234 5678",  # a bridge of dashes and spaces longer than any margin
        "x" * 200 + "appendix 7" + "y" * 200,
        "hk$" + " " * 30 + "5",  # a prefix too far from its figure in folded text never matches either way
        "二氧化碳当量：918.7" + "。" * 100 + "2024 tonnes of carbon dioxide equivalent",
    ],
)
def test_zone_edges(text: str) -> None:
    _assert_same(fold(text).text)


def _corpus_texts() -> list[object]:
    folder = corpus_folder()
    files = sorted(folder.glob("*/*.txt"))[:12] if folder.is_dir() else []
    return files or [pytest.param(None, marks=pytest.mark.skip(reason="corpus absent"))]


@pytest.mark.parametrize("path", _corpus_texts())
def test_zones_on_real_reports(path: object) -> None:
    assert path is not None
    text = fold(re.sub(r"\s+", " ", path.read_text(encoding="utf-8", errors="replace"))).text  # type: ignore[attr-defined]
    _assert_same(text)
