"""``except`` in a lexicon: the senses of a term that are not its topic, declared once, inherited through names.

Two forms: phrases that contain the term ("equal opportunities"), and terms that give the whole sentence another
sense (``except in sentences with``: "安全隱患" in a sentence about 網絡安全 is a security flaw, not a workplace
hazard).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.dsl.pack import load_pack
from checker.evaluate.examples import run_examples

PACK = 'standard "senses" "senses test" edition "1" {\n  default_year 2025\n}\n'
VOCAB = """
lexicon base_opp = "opportunit*", "機會"
lexicon opp = base_opp except "equal opportunit*", "機會平等"
lexicon named_twice = opp, "prospect*"
lexicon hazard_checks = "安全隱患", "安全检查" except in sentences with security_words
lexicon security_words = "網絡安全", "信息安全"
lexicon safety = "職業安全", hazard_checks
"""
RULE = """
requirement "A1.1" opportunity-test {
  title "Opportunities"
  cite "test"
  obligation comply_or_explain
  topic named_twice
  element "an opportunity" : any(named_twice)
  example missing "We promote equal opportunities for all staff."
  example missing "本集團堅持機會平等。"
  example covered "The low-carbon transition opens new opportunities for our products."
  example covered "我們看到綠色建築帶來的新機會。"
  example covered "We see good prospects in retrofit work."
}

requirement "A1.2" safety-test {
  title "Workplace hazards"
  cite "test"
  obligation comply_or_explain
  topic safety
  element "a hazard check" : any(safety)
  example covered "各廠區每月開展安全檢查，排查安全隱患。"
  example covered "公司每月开展安全检查。"
  example missing "網絡安全團隊每季度進行滲透測試，查找安全隱患並及時整改。"
  example missing "公司定期进行信息安全检查。"
  example missing "资讯系统的安全隐患由信息安全小组每月复核。"
  example covered "职业安全与网络安全并重。"
}
"""


@pytest.fixture()
def pack(tmp_path: Path) -> Path:
    (tmp_path / "pack.rule").write_text(PACK, encoding="utf-8")
    (tmp_path / "vocab").mkdir()
    (tmp_path / "vocab" / "v.rule").write_text(VOCAB, encoding="utf-8")
    (tmp_path / "A1.1.rule").write_text(RULE, encoding="utf-8")
    return tmp_path


def test_exceptions_reach_terms_taken_from_other_lexicons(pack: Path) -> None:
    loaded = load_pack(pack)
    assert loaded.exceptions["opp"]["opportunit*"] == ("equal opportunit*", "機會平等")
    assert loaded.exceptions["named_twice"]["機會"] == ("equal opportunit*", "機會平等")
    assert "prospect*" not in loaded.exceptions["named_twice"]


def test_sentence_contexts_stay_with_their_terms(pack: Path) -> None:
    loaded = load_pack(pack)
    assert loaded.contexts["hazard_checks"]["安全隱患"] == ("網絡安全", "信息安全")
    assert loaded.contexts["safety"]["安全检查"] == ("網絡安全", "信息安全")
    assert "職業安全" not in loaded.contexts["safety"]


def test_an_excepted_sense_is_not_a_hit(pack: Path) -> None:
    outcomes = run_examples(load_pack(pack))
    assert [(o.expected, o.actual) for o in outcomes if not o.passed] == []
