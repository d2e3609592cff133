"""Requirement echo: text that restates what a standard asks for, rather than what the issuer does.

Reports quote the standard as section titles ("a) Describe the board's oversight of climate-related risks and
opportunities."), in index rows, and in regulators' correspondence tables ("銀行應揭露…"). A quoted
recommendation is not its answer, so such blocks are never evidence.

Two voices give a requirement away, in every language:
- the imperative addressed to a reporter: "Describe …", "Disclose …", "描述…", "說明…", "揭露…";
- a generic subject with a modal: "Organisations should …", "The issuer shall …", "Banks should …", "銀行應…",
  "發行人須…", "公司應…" (the issuer's own voice says "we", "the Group", "本行", "本集團").
A block in either voice that carries no first-person or issuer reference and no figures is an echo. A second,
pack-aware test (``checker.evaluate.echo``) compares short blocks with the loaded rules' requirement titles.

A third voice names the standard as the one asking, inside the issuer's own paragraph: "Part D asks whether and how
climate-related considerations are factored into executive remuneration", "守則第D部要求發行人披露…". Such a
sentence, with no first person and no figure, is masked on its own (``attributed_requirements``); the rest of its
paragraph stays evidence.
"""

from __future__ import annotations

import re

import ahocorasick

ECHO_MAX_CHARS = 420
# NOTE: an enumerator before the requirement ("a)", "(b)", "1.", "i.", "一、", "（二）", "G-1-1", "KPI A1.1").
_ENUMERATOR = (
    r"^(?:(?:recommended disclosure|disclosure|requirement|kpi|关键绩效指标|建议揭露事项?|建议披露)\s*)?"
    r"(?:[(（]?(?:[a-z]|[ivx]{1,4}|\d{1,2}|[一二三四五六七八九十]{1,3})[)）.、:：]\s*"
    r"|[a-z]{1,3}-\d(?:-\d){0,2}\s+|[ab][1-8](?:\.\d{1,2})?\s+)?"
)
_IMPERATIVE_EN = re.compile(
    _ENUMERATOR
    + r"(?:describe|disclose|discuss|explain|provide (?:a |an )?(?:description|explanation|information|details)"
    r"|report (?:on |the )|state (?:whether|how|the)|set out|identify (?:the|and)|outline the"
    r"|indicate (?:whether|how))\b"
)
_IMPERATIVE_ZH = re.compile(_ENUMERATOR + r"(?:描述|说明|揭露|披露|叙明|阐述|阐明|载明|列明|概述)")
_GENERIC_SUBJECT_EN = re.compile(
    _ENUMERATOR
    + r"(?:the |an? |all )?(?:organi[sz]ations?|compan(?:y|ies)|issuers?|entit(?:y|ies)|reporting entit(?:y|ies)"
    r"|banks?|insurers?|asset (?:managers?|owners?)|preparers?|listed (?:issuers?|companies))"
    r"(?:'s)?\s+(?:should|shall|must|is required to|are required to|is expected to|are expected to"
    r"|are encouraged to|is encouraged to|may wish to|could consider|should consider)\b"
)
_GENERIC_SUBJECT_ZH = re.compile(
    _ENUMERATOR + r"(?<![本我该])(?:银行|公司|企业|发行人|机构|金融机构|组织|上市公司|保险公司|保险业|证券商|投信|事业)"
    # NOTE: 应 as a modal, not the first character of 应对 (respond), 应用 (apply), 应急 (emergency) ...
    r"(?:应当|应(?![对用急收付变答届聘邀运])|须|宜|必须|需(?!求))"
)
# NOTE: an index row or a quoted KPI: a requirement code followed by its description ("KPI B2.1 Number and rate of
# work-related fatalities ...", "A1.1 排放物種類及相關排放數據", "General Disclosure Information on: ...").
_CODE_LEAD = re.compile(
    r"^(?:kpi|关键绩效指标|层面|aspect)?\s*[ab][1-8](?:\.\d{1,2})?(?:\s|[:：.])"
    r"|^(?:general disclosure|一般披露)(?:\s|[:：])"
)
# NOTE: the Code's notes that define its terms under Aspect A1 ("Air emissions include NOx, SOx, and other pollutants
# regulated under national laws and regulations", "Greenhouse gases include carbon dioxide, methane ...", "Hazardous
# wastes are those defined by national regulations"; 廢氣排放包括氮氧化物…, 溫室氣體包括二氧化碳…, 有害廢棄物指國家
# 規例所界定者). Indexes copy them under the A1 row; they define the KPI, they report nothing.
_CODE_NOTE = re.compile(
    r"^(?:notes?\s*\d?\s*[:：.]?\s*|(?:注|附注|备注)\s*\d?\s*[:：]?\s*)?"
    r"(?:air emissions include nox|greenhouse gases include carbon dioxide"
    r"|hazardous wastes? (?:are|is) (?:those )?defined|废气排放包括氮氧化物|温室气体包括二氧化碳|有害废弃物指国家)"
)
# NOTE: the Code's own voice names the reporting company "the issuer" / 發行人 and says what it must do; reports
# call themselves "we", "the Group", "本集團". A bank or investor names the issuers of the bonds it holds
# ("考慮發行人的氣候表現", "高碳發行人債券"), with no duty of disclosure after them.
_ISSUER_WORDING = re.compile(
    r"\bthe issuer'?s?\b[^.;]{0,40}?\b(?:should|shall|must|may|is required|is encouraged|needs? to)\b"
    r"|(?<![本该])发行人[^，。；,;]{0,12}?(?:必须|应当|须|应|需|宜)"
)
_LABEL = re.compile(
    r"^(?:recommended disclosures?|guidance for all sectors|supplemental guidance for|tcfd recommendations?"
    r"|建议揭露事项|所有行业适用指引|补充指引)\b"
)
# NOTE: the issuer's own voice. Any of these means the block speaks about the reporting company.
_FIRST_PERSON = re.compile(
    r"\b(?:we|our|ours|us)\b|本集团|本公司|本行|我们|我行|我司|本银行|本金控|本企业|集团|本报告|本年度|报告期内"
)
_FIGURE = re.compile(r"\d[\d,]*(?:\.\d+)?\s*(?:%|％|tco2e|吨|噸|kwh|mwh|人|万|億|亿|hk\$|rmb|元)")


# NOTE: a section titled by its aspect ("B2 健康與安全", "A1. Emissions", "層面B5：供應鏈管理"): the report's own
# structure, named as the Code names it. The chapter under it is the report's answer, and rules scope by its title.
# The longest aspect name, "A3 The Environment and Natural Resources", runs to 37 characters after its code.
_ASPECT_TITLE = re.compile(r"^(?:aspect|层面)?\s*[ab][1-8](?!\.?\d)\s*[.:：、-]?\s*[^\d\s].{0,44}$")


def is_aspect_title(folded: str) -> bool:
    """Whether a heading is an aspect's code and name, a section title rather than a quoted requirement."""
    text = folded.strip()
    return bool(_ASPECT_TITLE.match(text)) and not _IMPERATIVE_EN.search(text) and "issuer" not in text


def speaks_as_issuer(folded: str) -> bool:
    """Whether text is in the issuer's own voice ("we", "本集團") or reports figures: what an echo never does."""
    return bool(_FIRST_PERSON.search(folded) or _FIGURE.search(folded))


def is_requirement_echo(folded: str) -> str | None:
    """Why a block restates a requirement, or None when it does not.

    Args:
        folded: the block's folded text (lower case, Simplified Chinese).

    Returns:
        A short reason ("imperative requirement wording", ...) or None.
    """
    text = folded.strip()
    if not text or len(text) > ECHO_MAX_CHARS:
        return None
    # NOTE: the anchored voices first (cheap); the exclusions only for a block that has one of them.
    if _LABEL.match(text):
        reason = "requirement echo (a standard's disclosure label)"
    elif _CODE_NOTE.match(text):
        reason = "requirement echo (the Code's note defining its terms)"
    elif _CODE_LEAD.match(text):
        reason = "requirement echo (a requirement code with its description)"
    elif ("issuer" in text or "发行人" in text) and _ISSUER_WORDING.search(text):
        reason = "requirement echo (the standard's wording: 'the issuer')"
    elif _IMPERATIVE_EN.match(text) or _IMPERATIVE_ZH.match(text):
        reason = "requirement echo (imperative requirement wording)"
    elif _GENERIC_SUBJECT_EN.match(text) or _GENERIC_SUBJECT_ZH.match(text):
        reason = "requirement echo (what a reporter should disclose)"
    else:
        return None
    if speaks_as_issuer(text):
        return None
    return reason


# NOTE: the standard as the subject of a verb of asking: "the Code requires", "Part D asks whether", "HKEX expects
# issuers to", "守則第D部要求發行人披露", "聯交所建議發行人". Folded text: lower case, Simplified Chinese. The verbs are
# found first and the standard read back from each (a scan for the standard's names at every word took ~50 ms on a
# 2 MB report), with one automaton pass (a regular expression of the verbs alone took ~40 ms). Not 規定 / 期望: as
# often the nouns "provisions", "expectations" as the verbs.
_ASKING_VERBS = (
    "require",
    "requires",
    "ask",
    "asks",
    "recommend",
    "recommends",
    "calls for",
    "expect",
    "expects",
    "要求",
    "建议",
)
_ASKING = ahocorasick.Automaton()
for _verb in _ASKING_VERBS:
    _ASKING.add_word(_verb, _verb)
_ASKING.make_automaton()
_BY_VERB = re.compile(r"\s+by\b")
_STANDARD_BEFORE_EN = re.compile(
    r"\b(?:the (?:esg (?:reporting )?)?(?:code|guide)|the (?:standard|recommendations|listing rules|exchange)"
    r"|part [abcd]|hkex|appendix c2|ifrs s[12]|issb|tcfd)\b"
    # the verb the standard's own: "the tcfd recommendations require", not "the framework is informed by the tcfd
    # recommendations and requires investment teams to" (the issuer's framework asks its teams)
    r"(?:(?!\b(?:and|which|that|who)\b)[^.;:]){0,24}$"
)
_STANDARD_NAME_EN = re.compile(
    r"code|guide|standard|recommendations|listing rules|exchange|part [abcd]|hkex|c2|ifrs|issb|tcfd"
)
_STANDARD_BEFORE_ZH = re.compile(
    r"(?:守则|指引|联交所|交易所|第[a-d一二三四]部分?|上市规则|附录c2|准则)[^。；，,;]{0,20}$"
)
# NOTE: what is asked follows at once: the issuer in the Code's word, then the disclosure ("要求發行人披露"), or the
# disclosure itself ("要求披露")
_DISCLOSURE_AFTER_ZH = re.compile(r"(?:发行人|上市公司|上市发行人)[^。；，]{0,6}?(?:披露|说明|汇报|阐述|考虑)|披露")
_LOOK_BACK = 80


def attributed_requirements(folded: str) -> list[int]:
    """Where ``folded`` names a standard as asking for a disclosure (the verbs' starts, in order).

    The caller masks the sentence of each when that sentence does not speak as the issuer (``speaks_as_issuer``).
    """
    found: list[int] = []
    for end, verb in _ASKING.iter(folded):
        at = end - len(verb) + 1
        window_start = max(0, at - _LOOK_BACK)
        if verb[0].isascii():
            # NOTE: a whole word, and not the passive's agent ("as required by the Code")
            if (at > 0 and (folded[at - 1].isalnum() or folded[at - 1] == "_")) or (
                end + 1 < len(folded) and (folded[end + 1].isalnum() or folded[end + 1] == "_")
            ):
                continue
            if _BY_VERB.match(folded, end + 1):
                continue
            # NOTE: most verbs have no standard before them; a plain search for the names rules them out cheaply
            if _STANDARD_NAME_EN.search(folded, window_start, at) and _STANDARD_BEFORE_EN.search(
                folded, window_start, at
            ):
                found.append(at)
        elif _STANDARD_BEFORE_ZH.search(folded, window_start, at) and _DISCLOSURE_AFTER_ZH.match(folded, end + 1):
            found.append(at)
    return found
