"""The subject vocabulary knows how Chinese reports name their topics, measured on sentences no one here wrote.

The shared corpus holds 8,471 sentences from mainland issuers' ESG reports, each labelled with one of 36 topics
(``cn_esg_sentence_labels/esgdata.xlsx``, MIT). For the topics that map onto an HKEX subject, the share of the
topic's sentences in which the subject lexicon finds a term is the vocabulary's recall: a sentence the subject
misses is kept as evidence only when it sits under a heading that names the subject. The floors are a little under
the figures measured when this test was written, so a rule edit that loses a common wording fails here.
Skipped where the corpus is absent.
"""

from __future__ import annotations

from functools import cache

import pytest

from checker.dsl import ast
from checker.evaluate.cases import corpus_folder
from checker.evaluate.compile import Compiler
from checker.evaluate.matcher import TermMatcher
from checker.ingest.normalize import fold
from checker.pipeline import load_standards

DATASET = corpus_folder() / "cn_esg_sentence_labels" / "esgdata.xlsx"

# dataset topic -> (subject lexicons, recall floor)
TOPICS = {
    "碳排放": (("emissions_subject",), 0.95),
    "废弃物管理": (("emissions_subject",), 0.85),
    "能源与资源消耗": (("resources_subject",), 0.9),
    "水资源": (("resources_subject", "emissions_subject"), 0.85),
    "生物多样性": (("environment_subject",), 0.85),
    "供应链管理": (("supply_subject",), 0.93),
    "反贪污反洗钱": (("integrity_subject",), 0.95),
    "公益和志愿服务": (("community_subject",), 0.78),
    "农村帮扶": (("community_subject",), 0.83),
    "产品质量": (("product_subject",), 0.82),
    "客户与消费者": (("product_subject",), 0.9),
    "数据安全": (("product_subject",), 0.78),
    "知识产权保护": (("product_subject",), 0.95),
    "应对气候变化": (("cc_subject",), 0.95),
    "员工": (("employment_subject", "safety_subject", "development_subject", "labour_subject"), 0.95),
}


@cache
def _sentences() -> dict[str, list[str]]:
    import pandas as pd

    frame = pd.read_excel(DATASET)
    return {label: list(group.sentences.astype(str)) for label, group in frame.groupby("label")}


@cache
def _matcher() -> tuple[TermMatcher, Compiler]:
    matcher = TermMatcher()
    return matcher, Compiler(load_standards(["hkex-esg-2025"])[0], matcher)


@pytest.mark.skipif(not DATASET.is_file(), reason="the shared corpus is not present")
@pytest.mark.parametrize("topic", sorted(TOPICS))
def test_subject_recall_on_labelled_chinese_sentences(topic: str) -> None:
    lexicons, floor = TOPICS[topic]
    matcher, compiler = _matcher()
    terms = set(compiler.terms(ast.TermList(tuple(ast.LexRef(name, None) for name in lexicons), None)).terms)
    sentences = _sentences()[topic]
    found = sum(
        1 for s in sentences if any(spans and term in terms for term, spans in matcher.find_all(fold(s).text).items())
    )
    assert found / len(sentences) >= floor, f"{topic}: {found}/{len(sentences)}"
