"""The fast paths of folding give exactly what the plain ones did (checker.ingest.normalize)."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from checker.ingest import normalize
from checker.ingest.normalize import _CHANGED_WHITESPACE, _CJK_CLASS, _fold_char, _translator, fold

# NOTE: upper and lower case with and without one-character lower cases (İ, Kelvin sign), casefold != lower (ς, ẞ),
# compatibility forms (², º, ﬁ, full width), Traditional Chinese, whitespace of every kind
CHARS = list("aAzZüÜİıKkςΣσẞß²ºﬁＡ１體台臺中 \t\n\f\u3000\u00a0.,-…")
texts = st.text(alphabet=st.sampled_from(CHARS), max_size=60)

# the pattern before it was rewritten to open with a character class
PLAIN_WHITESPACE = re.compile(rf"\s{{2,}}|[^\S ]|^ | \Z|(?<=[{_CJK_CLASS}]) (?=[{_CJK_CLASS}])")


def _table(text: str) -> tuple[dict[int, str], set[str]]:
    """The translation table and the one-to-one characters of ``text``, as ``fold`` builds them."""
    normalize._fold_han_chars({c for c in set(text) if normalize.is_han(c)})
    table: dict[int, str] = {}
    plain: set[str] = set()
    for ch in set(text):
        folded = ch if ch.isspace() else _fold_char(ch)
        if folded != ch:
            table[ord(ch)] = folded
        if ch.isspace() or (len(folded) == 1 and not folded.isspace()):
            plain.add(ch)
    return table, plain


@settings(max_examples=500, deadline=None)
@given(texts)
def test_translator_is_str_translate(text: str) -> None:
    table, plain = _table(text)
    piece = "".join(c for c in text if c in plain)
    assert _translator(table, plain)(piece) == piece.translate(table)


@settings(max_examples=500, deadline=None)
@given(texts)
def test_whitespace_runs_are_the_plain_patterns(text: str) -> None:
    assert [m.span() for m in _CHANGED_WHITESPACE.finditer(text)] == [m.span() for m in PLAIN_WHITESPACE.finditer(text)]


def test_a_long_text_folds_as_its_short_pieces() -> None:
    # NOTE: only a text of _TRANSLATOR_MIN_CHARS or more takes the translator; a rule term takes the table
    piece = "Scope 3 CO² emissions (ﬁnal) ΣΑΣ Straße İzmir 溫室氣體 ＡＢＣ１２３"
    long = "\n\n".join([piece] * 200)
    assert len(long) >= normalize._TRANSLATOR_MIN_CHARS > len(piece)
    assert fold(long).text == "\n".join([fold(piece).text] * 200)
    latin = "\n\n".join(["Scope 3 CO² emissions were 12 t in FY2024."] * 200)
    assert fold(latin).text == "\n".join(["scope 3 co2 emissions were 12 t in fy2024."] * 200)


def test_latin_text_folds_through_lower_case() -> None:
    table, plain = _table("Scope 3 CO² emissions ﬁnal")
    assert _translator(table, plain)("Scope 3 CO² emissions") == "scope 3 co2 emissions"
    assert fold("Scope 3  CO² emissions\n\nﬁnal").text == "scope 3 co2 emissions\nfinal"


def test_the_slashes_nfkc_keeps_fold_to_a_solidus() -> None:
    # NOTE: a CJK-font PDF gives its full-width solidus back as the division slash; a unit must read the same
    assert fold("排放強度（千克∕平方米）").text == fold("排放強度（千克／平方米）").text == "排放强度(千克/平方米)"
    assert fold("0.21 kg⁄m2").text == "0.21 kg/m2"


def test_hong_kong_and_mainland_forms_t2s_keeps_apart_fold_together() -> None:
    # NOTE: 覆 / 著 / 瞭 / 衞 / 汚 are simplified characters too, so t2s leaves them; a rule term in one script must
    # still match the other (覆核 in a Hong Kong report, 复核 on the Mainland)
    pairs = [("覆核", "复核"), ("回覆", "回复"), ("著重", "着重"), ("瞭解", "了解"), ("衞生", "卫生"), ("汚水", "污水")]
    for hong_kong, mainland in pairs:
        assert fold(hong_kong).text == fold(mainland).text == normalize.fold_term(mainland)
    assert fold("ESG委員會每年覆核目標").text == "esg委员会每年复核目标"
