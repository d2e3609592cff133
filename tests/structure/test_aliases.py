"""The issuer's short names: which brackets define one, and where its uses are read as the full name."""

from __future__ import annotations

import pytest

from checker.structure.aliases import alias_uses, find_aliases

DEFINED = [
    ("The Group Climate Resilience Committee (GCRC) meets monthly.", "GCRC", "Group Climate Resilience Committee"),
    ('It reports to the Board Risk Committee ("BRC") each quarter.', "BRC", "Board Risk Committee"),
    (
        "The Investment Strategy and Risk Committee (ISRC) sets limits.",
        "ISRC",
        "Investment Strategy and Risk Committee",
    ),
    ("the Executive Committee (ExCo) approved it", "ExCo", "Executive Committee"),
    ("本公司審核委員會（「審委會」）每季開會。", "審委會", "審核委員會"),
    ("公司设立安全生产委员会（以下简称“安委会”），由总经理任主任。", "安委会", "安全生产委员会"),
]


@pytest.mark.parametrize(("text", "short", "name"), DEFINED, ids=[d[1] for d in DEFINED])
def test_a_short_name_built_from_the_name_before_it_is_defined(text: str, short: str, name: str) -> None:
    aliases = {alias.short: text[alias.name_start : alias.name_end] for alias in find_aliases(text)}
    assert aliases == {short: name}


NOT_DEFINED = [
    "Scope 1 emissions were 1,200 tCO2e (2024: 1,310).",
    "See the notes to the accounts (Note 3) for details.",
    "Revenue by segment (HK$ million) is shown below.",
    "Emissions from our regional offices (ABC) fell.",  # letters that are not the name's initials
    "We follow the GHG Protocol (GHG) throughout.",  # a framework every rule names by its letters
    "本基金（「本基金」）由管理人管理。",  # "this fund": it abbreviates no name before it
    "本報告涵蓋截至二零二五年十二月三十一日止財政年度（「本年度」）。",
    "本集团董事会（“董事会”）负责ESG事宜。",  # the same words, no shorter
]


@pytest.mark.parametrize("text", NOT_DEFINED)
def test_brackets_that_define_no_short_name_are_ignored(text: str) -> None:
    assert find_aliases(text) == []


def test_only_uses_after_the_definition_count_as_whole_words() -> None:
    text = "BRC. The Board Risk Committee (BRC) met. BRCs and XBRC are other words; the BRC reviewed climate risk."
    aliases = find_aliases(text)
    uses = alias_uses(text, aliases)
    assert [text[u : u + 3] for u in uses["BRC"]] == ["BRC"]
    assert uses["BRC"] == [text.rindex("BRC")]


def test_a_longer_short_name_is_not_read_as_a_shorter_one() -> None:
    text = (
        "The Group Risk Committee (GRC) and the Group Risk and Capital Management Committee (GRCMC) met. "
        "GRCMC approved."
    )
    uses = alias_uses(text, find_aliases(text))
    assert uses["GRC"] == []
    assert uses["GRCMC"] == [text.rindex("GRCMC")]
