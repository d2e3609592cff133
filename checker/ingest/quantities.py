"""Typed quantities (numbers with units, currencies and years) parsed from report text.

The scanner works on *folded* text (``normalize.fold``), so it only knows lower-case ASCII and Simplified
spellings; Traditional and full-width input is handled by folding first. ``scan_folded`` is what the indexer
calls on text it has already folded; ``parse_quantities`` folds, scans and maps spans back to the original.

One compiled regex finds every candidate in a single pass: each candidate is anchored on a digit (or on
``百分之``), so the regex engine skips prose quickly. What stands *before* a number (a currency such as
``HK$``, ``FY``, ``二氧化碳当量``, or a context that makes it an identifier, such as ``ISO``, ``Scope``, ``P.``,
``第``) is read afterwards from a short window behind the number, because Python's ``re`` has no
variable-width look-behind and an optional leading group would make the engine try every position.

Conventions:
    - bare ``元`` is RMB (see ``units``); ``$`` alone is money with unknown currency (unit ``"$"``);
    - a year range (``2022–2024``, ``2022年至2024年``, ``FY2022-FY2024``) and a fiscal year (``2023/24``)
      are one YEAR quantity whose value is the *last* year and whose ``year_range`` holds both ends;
    - a 4-digit integer 1990..2100 with no unit, sign or separator is a YEAR; ``N年`` outside that range is a
      duration and stays a NUMBER;
    - identifiers are not quantities at all: KPI codes (``A1.2``), standards (``ISO 14001``), ``Scope 3``,
      page and table references, phone numbers, days and months inside dates.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from typing import NamedTuple

from pydantic import BaseModel, ConfigDict

from checker.ingest.normalize import fold
from checker.ingest.spelled_counts import word_counts
from checker.ingest.units import (
    CURRENCY_ONLY_MULTIPLIERS,
    MULTIPLIERS,
    PREFIX_BY_KEY,
    PREFIX_CURRENCIES,
    SUFFIX_BY_KEY,
    SUFFIX_UNITS,
    UnitKind,
    UnitSpec,
    alternation,
    unit_key,
)

__all__ = ["FISCAL_YEAR_UNIT", "Quantity", "ScanHit", "UnitKind", "parse_quantities", "scan_folded", "years_in"]

YEAR_MIN, YEAR_MAX = 1990, 2100


class Quantity(BaseModel):
    """A number with its kind, canonical unit and span in the original text."""

    model_config = ConfigDict(frozen=True)

    value: float
    """Normalised value: multipliers applied; energy in kWh, water in m3, mass in t, emissions in tCO2e."""
    kind: UnitKind
    unit: str
    """Canonical unit: ``persons``, ``%``, ``t``, ``tCO2e``, ``kWh``, ``m3``, ``HKD``, ``RMB`` ... (``""``: none)."""
    currency: str | None
    span: tuple[int, int]
    """[start, end) in the original text passed to ``parse_quantities``."""
    text: str
    year_range: tuple[int, int] | None = None


class ScanHit(NamedTuple):
    """One quantity found by ``scan_folded``; ``start``/``end`` are in folded coordinates."""

    kind: UnitKind
    value: float
    unit: str
    currency: str | None
    start: int
    end: int
    year_range: tuple[int, int] | None


_Y = r"(?:19|20)\d\d"
_DASH = r"(?:[-‐‑–—~〜]|至|到|to)"
_MULT_RE = rf"(?:{alternation([k for k in MULTIPLIERS if k != '千'])}|千(?![瓦米克焦伏帕卡]))"
_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?: \d{3})+(?:\.\d+)?(?![\d,])|\d+(?:\.\d+)?"
_CN_DIGITS = "零〇一二两三四五六七八九十百点"
_CN_YEAR_DIGITS = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")} | {"零": "0", "○": "0"}

_SCOPE_SEP = r"(?:,|、|and|or|&|及|和|与|/|-|\+)"
_MONTHS = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?"
    r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
# NOTE: standards' designations are identifiers, as ISO's are: the mainland's national and sector standards
# ("GB/T 2589-2020", "GB 8978-1996", "HJ 2.2-2018", "GBZ 2.1") and ASTM / IEEE / BS numbers.
_SKIP_WORDS = (
    "iso|iec|ohsas|gri|sdgs?|kpis?|pages?|table|figure|chapter|annex|appendix|notes?|section|article|tel|phone|fax"
    "|gb(?:/[tz])?|gbz|hj|jjf|jb/t|qc/t|astm|ieee|bs"
)
_SKIP = (
    rf"(?:scope|范围)\s?[123](?:\s?{_SCOPE_SEP}\s?[123])*(?!\d)"  # Scope 1, 2 and 3
    rf"|(?<![a-z])(?:{_SKIP_WORDS})\s?[:.]?\s?[a-z]?\d+(?:[-–:.]\d+)*"  # ISO 14001:2015, GRI 305-1, 通過ISO 14001
    r"|\b(?:p|pp|no|fig)\.\s?\d+(?:\s?[-–]\s?\d+)?"  # P.21, pp. 3-4
    r"|(?:第|表|图|附注|电话|传真)\s?:?\s?\d+(?:[-.]\d+)*"
    r"|#\d+"
    r"|\d+(?::\d+)+"  # times and ratios
    r"|\+\d[\d \-]{6,}\d"  # phone numbers
    r"|(?<![\d.])\d{1,2}月(?:\d{1,2}[日号])?"  # month and day without a year
)
_PREFIX = (
    rf"(?:(?P<cur>{alternation(PREFIX_CURRENCIES, boundary='(?![a-z])')}) ?"
    r"|(?P<co2>二氧化碳当量|co2 ?e|co2当量)[:为约达共计]{0,2} ?"
    r"|(?P<fy>\bfy))?"
)
_TAIL = (
    rf"(?:[ ]?(?:(?P<unit>{alternation(SUFFIX_UNITS)})"
    rf"|(?P<mult>{_MULT_RE})(?:余|多)?(?:[ ]?(?P<unit2>{alternation(SUFFIX_UNITS)}))?))?"
)
# Every alternative starts with one of these characters. NOTE: a leading look-ahead on a character class lets
# the engine reject most positions at once; without it the whole alternation is tried at every character.
_FIRST = "".join(
    sorted(
        {*"0123456789-−+#", "百", "一", "二", "范", "第", "表", "图", "附", "电", "传", *"两三四五六七八九十"}
        | {k[0] for k in PREFIX_CURRENCIES if not ("a" <= k[0] <= "z")}
    )
)

# An alternative may also start at a word: its first two letters (currencies, FY, CO2e, identifier words).
_WORD_STARTS = "|".join(
    re.escape(w)
    for w in sorted(
        {w[:2] for w in _SKIP_WORDS.split("|")}
        | {w[:2] for w in PREFIX_CURRENCIES if "a" <= w[0] <= "z"}
        | {"sc", "fy", "co", "p.", "pp", "no", "fi"}
    )
)

# NOTE: the alternatives are tried in order at each position, so identifiers and specific shapes (ranges,
# dates) come before the generic number; each is a named group so ``lastgroup`` says which one matched.
_MAIN = re.compile(
    rf"(?=[{re.escape(_FIRST)}]|(?<![a-z])(?:{_WORD_STARTS}))(?:(?P<skip>{_SKIP})"
    rf"|(?P<range>(?:\bfy)?(?<![\d.])(?P<y1>{_Y})(?:\s?年度?)?\s?{_DASH}\s?(?:fy)?(?P<y2>{_Y})(?!\d)(?:\s?年度?)?)"
    rf"|(?P<isodate>(?<![\d.])(?P<iy>{_Y})[-/.](?:0?[1-9]|1[0-2])[-/.](?:[0-2]?\d|3[01])(?!\d))"
    rf"|(?P<fiscal>(?:\bfy\s?)?(?<![\d.])(?P<f1>{_Y})[/-](?P<f2>\d\d(?:\d\d)?)(?!\d))"
    rf"|(?P<cndate>(?<![\d.])(?P<cy>{_Y})年\d{{1,2}}月(?:\d{{1,2}}[日号])?)"
    rf"|(?P<dmy>(?<![\d.])\d{{1,2}}[/.]\d{{1,2}}[/.](?P<dy>{_Y})(?!\d))"
    rf"|(?P<cnfiscal>(?P<cf1>[一二][〇零○一二三四五六七八九]{{3}})\s?[/／]\s?(?P<cf2>[〇零○一二三四五六七八九]{{2}})(?=\s?年))"
    rf"|(?P<cnyear>[一二][〇零○一二三四五六七八九]{{3}})(?=\s?年)"
    rf"|(?P<cnpct>百分之(?P<pv>[{_CN_DIGITS}]+|\d+(?:\.\d+)?))"
    # a small count spelled in Chinese numerals before its classifier: 两宗投诉, 三起事故, 十二件; 一 only before 宗 and
    # 例 (一件, 一起 are as often "a" and "together"), never an ordinal (第三起)
    rf"|(?P<cncount>(?<!第)(?:[二两三四五六七八九]?十[一二三四五六七八九]?|[二两三四五六七八九]|一(?=[宗例]))[宗起件例])"
    rf"|(?P<q>{_PREFIX}(?:(?<![a-z\d.%)\]\-‐–])(?P<neg>[-−]))?(?(cur)|(?(fy)|(?<![a-z\d.])))"
    rf"(?P<num>{_NUM})(?!\d)(?:余|多)?{_TAIL}))"
)
# NOTE: "70余名", "5,900多名", "61.3万余元": Chinese puts "more than" between the figure (or its multiplier) and
# its unit.
_ONE = Decimal(1)
_GENERIC_GROUPS = ("num", "unit", "unit2", "mult", "cur", "co2", "fy", "neg")
_MONTH_BEFORE = re.compile(rf"\b(?:{_MONTHS})\.?\s?\Z")
_MONTH_AFTER = re.compile(rf"\s?(?:{_MONTHS})(?![a-z])")
# A unit word that is really the start of another word (5天然气 is natural gas, 3个月 is months).
_BAD_FOLLOW = {"天": "然", "个": "月", "度": "假"}
# Units that need no conversion, currency or look-around check when they follow a plain number.
_FAST_UNITS = {
    key: spec
    for key, spec in SUFFIX_BY_KEY.items()
    if spec.factor == 1 and spec.kind is not UnitKind.YEAR and key not in _BAD_FOLLOW
}


def _cn_number(s: str) -> Decimal | None:
    """Value of a small Chinese numeral (``五十``, ``十五``, ``三十三点三``); digits pass through."""
    if s[0].isdigit():
        return Decimal(s)
    digits = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}
    whole, _, frac = s.partition("点")
    total, current = 0, 0
    for ch in whole:
        if ch in digits:
            current = digits[ch]
        elif ch in "十百":
            total += (current or 1) * (10 if ch == "十" else 100)
            current = 0
        else:
            return None
    total += current
    if not frac:
        return Decimal(total)
    if any(ch not in digits for ch in frac):
        return None
    return Decimal(f"{total}." + "".join(str(digits[ch]) for ch in frac))


FISCAL_YEAR_UNIT = "fiscal year"


def _year_hit(year: int, start: int, end: int, rng: tuple[int, int] | None = None, unit: str = "year") -> ScanHit:
    return ScanHit(UnitKind.YEAR, float(year), unit, None, start, end, rng)


def _special(folded: str, m: re.Match[str], name: str) -> ScanHit | None:
    """The hit for a non-generic alternative (ranges, dates, 百分之), or None when it is only skipped."""
    if name == "range":
        y1, y2 = int(m["y1"]), int(m["y2"])
        if y1 < y2 <= YEAR_MAX:
            return _year_hit(y2, m.start(), m.end(), (y1, y2))
        return None
    if name == "fiscal":
        y1, f2 = int(m["f1"]), m["f2"]
        y2 = int(f2) if len(f2) == 4 else y1 // 100 * 100 + int(f2)
        return _year_hit(y2, m.start(), m.end(), (y1, y2), FISCAL_YEAR_UNIT) if y2 == y1 + 1 else None
    if name in ("isodate", "cndate", "dmy"):
        group = {"isodate": "iy", "cndate": "cy", "dmy": "dy"}[name]
        end = m.end(group) + (1 if name == "cndate" else 0)  # keep 年 with the year
        return _year_hit(int(m[group]), m.start(group), end)
    if name == "cnyear":
        # NOTE: Hong Kong reports write years digit by digit in Chinese numerals: 二〇二五年, 二零二四年.
        year = int("".join(_CN_YEAR_DIGITS[c] for c in m["cnyear"]))
        return _year_hit(year, m.start(), m.end() + 1) if YEAR_MIN <= year <= YEAR_MAX else None
    if name == "cnfiscal":
        # NOTE: and their financial years the same way: 二零二三／二四年度 is the year to March 2024.
        y1 = int("".join(_CN_YEAR_DIGITS[c] for c in m["cf1"]))
        y2 = y1 // 100 * 100 + int("".join(_CN_YEAR_DIGITS[c] for c in m["cf2"]))
        if y2 == y1 + 1 and y1 >= YEAR_MIN and y2 <= YEAR_MAX:
            return _year_hit(y2, m.start(), m.end() + 1, (y1, y2), FISCAL_YEAR_UNIT)
        return None
    if name == "cncount":
        value = _cn_number(m["cncount"][:-1])
        return None if value is None else ScanHit(UnitKind.COUNT, float(value), "count", None, *m.span(), None)
    if name == "cnpct":
        value = _cn_number(m["pv"])
        return None if value is None else ScanHit(UnitKind.PERCENT, float(value), "%", None, *m.span(), None)
    return None  # skip: identifiers, not quantities


def _suffix(surface: str) -> UnitSpec:
    # NOTE: most matched spellings are already keys; only spaced or hyphenated ones need stripping.
    spec = SUFFIX_BY_KEY.get(surface)
    return spec if spec is not None else SUFFIX_BY_KEY[unit_key(surface)]


def _generic(folded: str, m: re.Match[str]) -> ScanHit | None:
    """The hit for a number with optional prefix (currency, FY, 二氧化碳当量), sign, multiplier and unit."""
    num_s, unit_s, unit2, mult_s, cur, co2, fy, neg = m.group(*_GENERIC_GROUPS)
    if unit_s and not (cur or co2 or fy or neg):
        fast = _FAST_UNITS.get(unit_s)
        if fast is not None and unit_s not in _SINGULAR_PERSONS:
            # NOTE: the common case (455,405人, 5 kWh) skips every check below
            value = float(num_s.replace(",", "").replace(" ", ""))
            return ScanHit(fast.kind, value, fast.unit, fast.currency, *m.span(), None)
    unit_s = unit_s or unit2
    start, end = m.span()
    num_end = m.end("num")
    if fy:
        y = int(num_s) if len(num_s) == 4 and num_s.isdigit() else 0
        return _year_hit(y, start, num_end) if YEAR_MIN <= y <= YEAR_MAX else None
    if unit_s in _BAD_FOLLOW and _BAD_FOLLOW[unit_s] == folded[end : end + 1]:
        unit_s, end = None, m.end("mult") if mult_s else num_end
    spec: UnitSpec | None = _suffix(unit_s) if unit_s else None
    if cur:
        currency = PREFIX_BY_KEY[unit_key(cur)]
        if spec is None or spec.kind is not UnitKind.MONEY:
            spec, end = currency, m.end("mult") if mult_s else num_end
        elif spec.unit == "RMB":
            spec = currency  # 港币 5 亿元: the prefix names the currency, 元 only says "money"
    elif mult_s in CURRENCY_ONLY_MULTIPLIERS:
        mult_s, spec, end = None, None, num_end  # 5 m / 5 k without a currency: metres, not millions
    if (
        spec is not None
        and spec.kind is UnitKind.PERSONS
        and unit_s is not None
        and unit_s.strip() in _SINGULAR_PERSONS
        and num_s.replace(",", "") != "1"
        and _NOUN_AFTER.match(folded, end)
    ):
        # NOTE: "8 employee rights", "3 employee benefits": a count takes the plural; a singular noun after a number
        # other than one modifies the next noun (a section number before its title), it counts nothing.
        spec, end = None, num_end
    if spec is None:
        nxt = folded[end : end + 1]
        if end == num_end and nxt.isascii() and nxt.isalpha():
            return None  # 5g, 3rd, 2nd
        if (
            len(num_s) <= 2
            and not mult_s
            and (_MONTH_AFTER.match(folded, end) or _MONTH_BEFORE.search(folded, max(0, start - 12), start))
        ):
            return None  # the day in "31 December 2024" / "December 31, 2024"

    clean = num_s.replace(",", "").replace(" ", "")
    factor = (MULTIPLIERS.get(mult_s) or MULTIPLIERS[unit_key(mult_s)]) if mult_s else _ONE
    if spec is not None and spec.factor != 1:
        factor *= spec.factor
    value = float(clean) if factor == 1 else float(Decimal(clean) * factor)
    if neg:
        value = -value

    if spec is None and co2:
        start = m.start("neg") if neg else m.start("num")  # "吨二氧化碳当量 918.7": the unit before names it
    if spec is None or spec.kind is UnitKind.YEAR:
        if not (mult_s or neg) and len(clean) == 4 and clean == num_s and YEAR_MIN <= value <= YEAR_MAX:
            return _year_hit(int(value), start, end if spec else num_end)
        return ScanHit(UnitKind.NUMBER, value, "", None, start, m.end("mult") if mult_s else num_end, None)
    if co2 and spec.kind is UnitKind.TONNES:
        return ScanHit(UnitKind.TCO2E, value, "tCO2e", None, start, end, None)
    if co2:
        start = m.start("neg") if neg else m.start("num")  # the prefix did not belong to this number
    return ScanHit(spec.kind, value, spec.unit, spec.currency, start, end, None)


_SINGULAR_PERSONS = frozenset({"employee", "worker", "person", "individual"})
_NOUN_AFTER = re.compile(r"[ \t]+[a-z]{3,}")


# NOTE: a table flattened by a PDF export keeps its unit column before the values: "female employees person
# 22,109", "percentage trained % 30.5". A bare number right after such a unit word, itself after a label word,
# takes that unit.
# "Hazardous waste (tonnes) 4.6" and "有害廢棄物（噸） 4.6": the unit in brackets after the label. The unit starts a
# word: "retrofits at 38" has no tonnes in it.
# Emission units before the figure: "（吨二氧化碳当量） 1,466.73", "吨二氧化碳当量 918,707.7", "(tonnes CO2e) 1,234";
# "万吨" before them is ten thousand tonnes.
_CO2_BEFORE = alternation([s for s in SUFFIX_UNITS if SUFFIX_BY_KEY[unit_key(s)].kind is UnitKind.TCO2E], boundary="")
# A unit in brackets, or an emission unit, may follow a label that ends in a digit ("Scope 1 (tCO2e) 1,234",
# "Scope 2 tCO2e 1,234"); a bare "t" or "%" may not.
_UNIT_BEFORE = re.compile(
    rf"(?:[a-z\u4e00-\u9fff)）]\s*|\d\s*(?=[(（]|{_CO2_BEFORE}))"
    r"(?:(?<=[\s(（\d])[(（]\s*|(?<=[\u4e00-\u9fff])[(（]\s*)?"
    rf"(?<![a-z])(?P<mult>万|千|百万)?(?P<u>{_CO2_BEFORE}|persons?|people|headcount|%|tonnes?|tons?|t|kwh|mwh|gwh|gj"
    r"|m3|m³|hours?|hrs|人|吨|噸|千瓦时|千瓦時|兆瓦时|兆瓦時|立方米|小时|小時)\s*[)）]?\s*[:：|]?\s*$"
)


_PERSONS_CELL = re.compile(r"\|\s*(?:人|名|persons?|people|headcount)\s*\|\s*$")


def _unit_before(folded: str, hit: ScanHit) -> ScanHit:
    if hit.kind is not UnitKind.NUMBER:
        return hit
    match = _UNIT_BEFORE.search(folded, max(0, hit.start - 16), hit.start)
    if match is None:
        # NOTE: a headcount table's unit column ("按性别：男 / 女 | 人 | 26,105 / 12,355"): the unit in a cell of its
        # own. Only persons: rules read tonnes, energy and water columns as a label beside a plain number already.
        if _PERSONS_CELL.search(folded, max(0, hit.start - 16), hit.start):
            return ScanHit(UnitKind.PERSONS, hit.value, "persons", None, hit.start, hit.end, None)
        return hit
    spec = SUFFIX_BY_KEY.get(unit_key(match["u"]))
    if spec is None or spec.kind in (UnitKind.YEAR, UnitKind.NUMBER):
        return hit
    if match["mult"] and spec.kind not in (UnitKind.TONNES, UnitKind.TCO2E, UnitKind.WATER, UnitKind.ENERGY):
        return hit  # "千人" before a figure is no multiplier of people in a table's unit column
    value = hit.value * float(spec.factor * (MULTIPLIERS[match["mult"]] if match["mult"] else 1))
    return ScanHit(spec.kind, value, spec.unit, spec.currency, hit.start, hit.end, None)


# NOTE: Chinese reports, and some English ones, give emissions and water in plain tonnes when the clause already
# says what is weighed: "范围一排放为4,029.7吨", "Scope 1 emissions were 4,030 tonnes", "总耗水量为12.6万吨". A tonnes
# figure takes the kind of the nearest subject before it in its clause: greenhouse gas, carbon dioxide or a scope
# make it tCO2e, water drawn or used makes it water (a tonne of water is a cubic metre). Another substance nearer
# the figure (二氧化硫, 柴油, wastewater), a comma or full stop between, or "of coal" after it keeps it tonnes.
_TONNES_SUBJECT = re.compile(
    r"(?P<ghg>温室气体|碳排放|二氧化碳(?!当量)|范围\s?[一二123]|scope\s?[123]|\bghg\b|\bco2\b"
    r"|carbon (?:dioxide )?emissions?)"
    r"|(?P<water>用水|耗水|取水|水资源|新鲜水|自来水|中水|回用水|循环水|冷却水|节水|水耗|water (?:consum|withdraw|use))"
    r"|(?P<other>硫|氮|颗粒|粉尘|废|污水|煤|油|水泥|气(?!体)|sulph|sulf|nox|sox|particulate|waste|coal|diesel|fuel)"
)
_CLAUSE_BREAK = re.compile(r"[，,。；;\n]")
_OF_MATTER = re.compile(r"\s?of (?P<what>water\b)?(?!co2|carbon|ghg|greenhouse)")
_BY_SUBJECT = {"ghg": (UnitKind.TCO2E, "tCO2e"), "water": (UnitKind.WATER, "m3")}


def _tonnes_of_subject(folded: str, hit: ScanHit) -> ScanHit:
    before = folded[max(0, hit.start - 30) : hit.start]
    breaks = list(_CLAUSE_BREAK.finditer(before))
    subjects = list(_TONNES_SUBJECT.finditer(before, breaks[-1].end() if breaks else 0))
    of = _OF_MATTER.match(folded, hit.end)  # "tonnes of coal" names its own substance
    named_after = ("water" if of["what"] else "other") if of is not None else None
    subject = named_after or (subjects[-1].lastgroup if subjects else None)
    if subject not in _BY_SUBJECT:
        return hit
    kind, unit = _BY_SUBJECT[subject]
    return hit._replace(kind=kind, unit=unit)


# Every match of ``_MAIN`` holds a digit or a Chinese numeral (its anchors), starts at most _BEFORE characters
# before its first anchor (a currency, "二氧化碳当量：", "appendix ") and ends, look-aheads included, at most _AFTER
# after its last (a multiplier and the longest unit, "tonnes of carbon dioxide equivalent"); between two anchors it
# holds only a few characters ("2022 年至 2024") or a run of spaces and dashes (a phone number). So text more than
# _BEFORE + _AFTER characters from any anchor can hold no match, and the scan searches only the zones around
# clusters of anchors, each with the same look-behind context and enough look-ahead to decide every match as the
# whole text would: the matches are those of ``_MAIN.finditer(folded)`` (tested on the corpus), at ~2/3 the cost,
# because prose far from any figure is most of a report.
_BEFORE, _AFTER = 24, 64
_ANCHOR = r"\d" + re.escape(_CN_DIGITS + "○〇")
_ZONE = re.compile(rf"[{_ANCHOR}](?:(?:[^{_ANCHOR}]{{0,{_BEFORE + _AFTER}}}|[ \-]+)[{_ANCHOR}])*")


def _matches(folded: str) -> Iterator[re.Match[str]]:
    """``_MAIN.finditer(folded)``, searching only the zones around figures (see ``_ZONE``)."""
    length = len(folded)
    for zone in _ZONE.finditer(folded):
        yield from _MAIN.finditer(folded, max(0, zone.start() - _BEFORE), min(length, zone.end() + _AFTER))


def scan_folded(folded: str) -> list[ScanHit]:
    """Find every quantity in already-folded text.

    Args:
        folded: text folded with ``normalize.fold`` (lower-case, Simplified, NFKC, whitespace collapsed).

    Returns:
        Hits in text order, with spans in folded coordinates.
    """
    hits: list[ScanHit] = []
    for m in _matches(folded):
        name = m.lastgroup
        hit = _generic(folded, m) if name == "q" else _special(folded, m, name or "")
        if hit is not None and hit.kind is UnitKind.NUMBER:
            hit = _unit_before(folded, hit)
        if hit is not None and hit.kind is UnitKind.TONNES:
            hit = _tonnes_of_subject(folded, hit)
        # NOTE: "3.5 Employee Awareness" is a section number before a heading, not three and a half people.
        if hit is not None and not (hit.kind is UnitKind.PERSONS and not float(hit.value).is_integer()):
            if hit.kind is UnitKind.NUMBER and _is_enumerator(folded, hit):
                continue
            hits.append(hit)
    words = [
        ScanHit(UnitKind.COUNT, value, "count", None, start, end, None) for value, start, end in word_counts(folded)
    ]
    if words:
        hits = sorted([*hits, *words], key=lambda h: h.start)
    return hits


# NOTE: a list item's number at the start of a line ("3. 知识产权：", "(2) Complaints", "4、") numbers the item; it
# counts nothing, and a count read from it ("... complaint rate fell 18%.\n3. IP") binds to the wrong subject.
_ENUMERATOR_AFTER = re.compile(r"[.、)）](?!\d)")
_LINE_START = frozenset("\n\f")


def _is_enumerator(folded: str, hit: ScanHit) -> bool:
    if hit.end - hit.start > 2 or not _ENUMERATOR_AFTER.match(folded, hit.end):
        return False
    before = hit.start - 1
    if before >= 0 and folded[before] in "(（":
        before -= 1
    while before >= 0 and folded[before] in " \t":
        before -= 1
    return before < 0 or folded[before] in _LINE_START


def parse_quantities(text: str) -> list[Quantity]:
    """Parse every quantity in ``text`` (English, Traditional or Simplified Chinese).

    Args:
        text: original text; spans in the result index into it.

    Returns:
        Quantities in text order; ``text[q.span[0]:q.span[1]] == q.text`` for each.
    """
    folded = fold(text)
    out = []
    for hit in scan_folded(folded.text):
        start, end = folded.to_original(hit.start, hit.end)
        out.append(
            Quantity(
                value=hit.value,
                kind=hit.kind,
                unit=hit.unit,
                currency=hit.currency,
                span=(start, end),
                text=text[start:end],
                year_range=hit.year_range,
            )
        )
    return out


def years_in(text: str) -> list[int]:
    """Distinct years 1990..2100 mentioned in ``text``, in order of first mention.

    ``2024年``, ``FY2024``, a bare ``2024`` and dates count; a range or fiscal year (``2022–2024``,
    ``2023/24``) contributes both ends (not the years between: a column header names its ends only).

    Args:
        text: original (unfolded) text.

    Returns:
        The years, each once.
    """
    seen: dict[int, None] = {}
    for hit in scan_folded(fold(text).text):
        if hit.kind is not UnitKind.YEAR:
            continue
        years = hit.year_range or (int(hit.value), int(hit.value))
        for year in years:
            if YEAR_MIN <= year <= YEAR_MAX:
                seen.setdefault(year, None)
    return list(seen)
