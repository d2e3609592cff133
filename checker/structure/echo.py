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
"""

from __future__ import annotations

import re

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
