"""Put an audit result into Chinese before any writer sees it: titles, element names, messages, parts, aspects.

``localize`` is a pure transform of the report model, so every writer (workbook, Markdown, text, CSV, JSON) shows
the same words and none of them needs to know about rule translations. Ids, status codes, obligation codes and the
draft's own evidence text are never touched: they are what machines, carry-over and ``gapcheck diff`` key on.

The engine writes its messages from a few fixed English sentences (``checker/evaluate/engine.py``,
``applicability.py``). They are read back here by those sentences' shapes and written again from the Chinese
templates in ``labels``; a sentence of any other shape, and any word the rule's i18n file lacks, stays English,
so a missing translation degrades one phrase, never the verdict.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from checker.report import labels
from checker.report.i18n_catalog import CHINESE, Catalog, Words
from checker.report.model import AuditResult, ElementResult, Evidence, Finding, StandardInfo, Status

_PAGES = r"(?P<pages>[\d, .]+?)"
_SENTENCES: list[tuple[str, re.Pattern[str]]] = [
    ("covered", re.compile(r"All (?P<n>\d+) element\(s\) disclosed(?: \(pages? " + _PAGES + r"\))?\.")),
    ("explained", re.compile(r"Omission explained on page (?P<page>\d+); not disclosed: (?P<missing>.*)\.")),
    (
        "explained_index",
        re.compile(
            r"Omission explained in the content index \(page (?P<page>\d+)\): (?P<text>.*); "
            r"not disclosed: (?P<missing>.*)\.",
            re.S,
        ),
    ),
    (
        "unreadable",
        re.compile(
            r"Cannot judge: page\(s\) " + _PAGES + r" have no text layer \(scanned\?\); "
            r"not found in the readable pages: (?P<missing>.*)\."
        ),
    ),
    ("partial", re.compile(r"Missing: (?P<missing>.*)\. Found: (?P<met>.*?)(?: \(pages? " + _PAGES + r"\))?\.")),
    ("mentioned", re.compile(r"Topic mentioned \(e\.g\. page (?P<page>\d+)\) but not disclosed: (?P<missing>.*)\.")),
    ("not_disclosed", re.compile(r"Not disclosed: (?P<missing>.*)\.")),
]
_COVER = re.compile(r"(?P<rest>.*) Cover page\(s\) " + _PAGES + r" have no text layer\.", re.S)
_NOTE = re.compile(r"(?P<hint>.*?)(?: \(page (?P<page>\d+)\))?\.", re.S)
_RELIEF = re.compile(
    r"Relief '(?P<name>[^']*)' (?:claimed in the issuer profile|stated in the draft on page (?P<page>\d+)): "
    r"(?P<reason>.*?)(?:; not disclosed: (?P<missing>.*))?\.",
    re.S,
)
_APPLIES = re.compile(r"Applies only when (?P<condition>.*) \(profile: tier (?P<tier>[^,]*), FY(?P<year>[^)]*)\)\.")
_NEEDS_REVIEWER = "Needs a reviewer: "


def localize(result: AuditResult, lang: str, catalog: Catalog) -> AuditResult:
    """``result`` with every rule-authored word in ``lang``; English results are returned unchanged."""
    if lang not in CHINESE:
        return result
    standards = [_standard(s, catalog) for s in result.standards]
    return result.model_copy(
        update={
            "findings": [_finding(f, catalog, lang) for f in result.findings],
            "standards": standards,
            "standard": _standard(result.standard, catalog),
        }
    )


def _standard(info: StandardInfo, catalog: Catalog) -> StandardInfo:
    name = catalog.pack_names.get(info.id)
    return info.model_copy(update={"name": name}) if name else info


def _finding(finding: Finding, catalog: Catalog, lang: str) -> Finding:
    words = catalog.words(finding.standard, finding.id)

    def element(name: str) -> str:
        return words.elements.get(name, name)

    message = translate_message(finding.message, words, lang)
    reason = finding.reason
    if finding.status is Status.ERROR or (reason is not None and reason == finding.message):
        reason = message
    elif finding.status is Status.MANUAL and reason is not None:
        reason = words.uncheckable or reason
    return finding.model_copy(
        update={
            "title": words.title or finding.title,
            "part": catalog.parts.get(finding.part, finding.part) if finding.part else finding.part,
            "aspect": catalog.aspects.get(finding.aspect, finding.aspect) if finding.aspect else finding.aspect,
            "message": message,
            "reason": reason,
            "elements": [_element(e, element) for e in finding.elements],
            "evidence": [_evidence(e, element) for e in finding.evidence],
            "missing_elements": [element(name) for name in finding.missing_elements],
        }
    )


def _element(result: ElementResult, name: Callable[[str], str]) -> ElementResult:
    evidence = [_evidence(e, name) for e in result.evidence]
    return result.model_copy(update={"name": name(result.name), "evidence": evidence})


def _evidence(evidence: Evidence, name: Callable[[str], str]) -> Evidence:
    if evidence.element is None:
        return evidence
    return evidence.model_copy(update={"element": name(evidence.element)})


def translate_message(message: str, words: Words, lang: str) -> str:
    """The engine's English ``message`` in ``lang``, sentence by sentence; unknown sentences stay as written."""
    main, *notes = message.split(" Note: ")
    cover = _COVER.fullmatch(main)
    tail = ""
    if cover is not None:
        main = cover.group("rest")
        tail = labels.message("cover", lang).format(pages=cover.group("pages"))
    out = _main_sentence(main, words, lang) + tail
    for note in notes:
        match = _NOTE.fullmatch(note)
        if match is None:
            out += " Note: " + note
            continue
        page = match.group("page")
        out += labels.message("note", lang).format(
            hint=words.hints.get(match.group("hint"), match.group("hint")),
            page=labels.message("note_page", lang).format(page=page) if page else "",
        )
    return out


def _main_sentence(sentence: str, words: Words, lang: str) -> str:
    separator = labels.message("list_separator", lang)

    def names(joined: str) -> str:
        # NOTE: "Found:" names met elements, or the weak disclosure a looks_partial pattern found
        return separator.join(words.elements.get(name, words.partials.get(name, name)) for name in joined.split("; "))

    relief = _RELIEF.fullmatch(sentence)
    if relief is not None:
        name, page, missing = relief.group("name"), relief.group("page"), relief.group("missing")
        return labels.message("relief_stated" if page else "relief", lang).format(
            name=name,
            page=page,
            reason=words.reliefs.get(name, relief.group("reason")),
            missing=labels.message("relief_missing", lang).format(missing=names(missing)) if missing else "",
        )
    applies = _APPLIES.fullmatch(sentence)
    if applies is not None:
        return labels.message("applies", lang).format(
            condition=_condition(applies.group("condition"), lang),
            tier=_tier(applies.group("tier"), lang),
            year=applies.group("year"),
        )
    if sentence.startswith(_NEEDS_REVIEWER):
        reason = words.uncheckable or sentence.removeprefix(_NEEDS_REVIEWER)
        return labels.message("manual", lang).format(reason=reason)
    for key, pattern in _SENTENCES:
        match = pattern.fullmatch(sentence)
        if match is None:
            continue
        values = match.groupdict()
        fields: dict[str, str] = {k: v for k, v in values.items() if v is not None}
        for list_field in ("missing", "met"):
            if list_field in fields:
                fields[list_field] = names(fields[list_field])
        if key in ("covered", "partial"):
            pages = values.get("pages")
            fields["pages"] = labels.message("on_pages", lang).format(pages=pages) if pages else ""
        return labels.message(key, lang).format(**fields)
    return sentence


_TIER_NAME = r"(?:largecap|main board|gem)"
_COND_TIER = re.compile(rf"issuer tier is (?P<tiers>{_TIER_NAME}(?: or {_TIER_NAME})*)")
_COND_YEAR = re.compile(r"financial year (?P<op>[<>=!]=?) (?P<year>\d{4})")
_COND_RELIEF = re.compile(r"relief '(?P<name>[^']*)' is claimed")


def _tier(name: str, lang: str) -> str:
    key = "tier_" + name.strip().replace(" ", "_")
    word = labels.message(key, lang)
    return name if word == key else word


def _condition(condition: str, lang: str) -> str:
    """A condition from ``applicability.describe`` in ``lang`` (the tiers, years and reliefs it names)."""

    def tiers(match: re.Match[str]) -> str:
        names = [_tier(t, lang) for t in match.group("tiers").split(" or ")]
        return labels.message("cond_tier", lang).format(tiers=labels.message("cond_or", lang).join(names))

    text = _COND_TIER.sub(tiers, condition)
    text = _COND_YEAR.sub(lambda m: labels.message("cond_year", lang).format(op=m["op"], year=m["year"]), text)
    text = _COND_RELIEF.sub(lambda m: labels.message("cond_relief", lang).format(name=m["name"]), text)
    text = text.replace(" and ", labels.message("cond_and", lang)).replace(" or ", labels.message("cond_or", lang))
    # NOTE: describe() writes ``not (...)`` and ``(a or b)``; Chinese text takes full-width parentheses
    return text.replace("not (", labels.message("cond_not", lang) + "(").replace("(", "（").replace(")", "）")
