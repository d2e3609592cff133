"""Unit, multiplier and currency tables for the quantity parser.

Every spelling here is in *folded* form (see ``checker.ingest.normalize.fold``): lower-case ASCII, Simplified
Chinese, NFKC (so ``m³`` is ``m3`` and ``tCO₂e`` is ``tco2e``). Traditional spellings therefore need no entries
of their own: ``噸二氧化碳當量`` folds to ``吨二氧化碳当量`` before the parser sees it.

A space inside an ASCII spelling means "optional space or hyphen" in the text (``t co2 e`` matches ``tco2e``,
``tco2-e`` and ``t co2e``); lookups strip spaces and hyphens, so each unit is listed once per wording, not once
per spacing.

Currency choice for bare ``元``: it is read as RMB. Mainland reports use 元 for RMB, and Hong Kong and Taiwan
reports almost always say 港元 / 新台币 (or HK$ / NT$) at least in the figure itself; when they do not, the
figure is still money, only the currency guess is wrong, and rules ask for "a quantity of kind money", not for
a currency.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum


class UnitKind(str, Enum):
    """What a quantity measures; rules ask for quantities by kind."""

    PERSONS = "persons"
    PERCENT = "percent"
    TONNES = "tonnes"
    TCO2E = "tco2e"
    ENERGY = "energy"
    WATER = "water"
    MONEY = "money"
    HOURS = "hours"
    DAYS = "days"
    COUNT = "count"
    YEAR = "year"
    NUMBER = "number"  # a bare number with no unit


@dataclass(frozen=True)
class UnitSpec:
    """How a unit spelling converts: ``value_in_canonical_unit = number * multiplier * factor``."""

    kind: UnitKind
    unit: str
    factor: Decimal = Decimal(1)
    currency: str | None = None
    # NOTE: CJK count words (个, 次, 项 ...) follow almost every number in Chinese prose; they are still counts.


def _spec(kind: UnitKind, unit: str, factor: str | int = 1, currency: str | None = None) -> UnitSpec:
    return UnitSpec(kind, unit, Decimal(factor), currency)


_KWH_PER_GJ = Decimal(1000) / Decimal("3.6")  # 1 GJ = 10^9 J, 1 kWh = 3.6 * 10^6 J

_P = _spec(UnitKind.PERSONS, "persons")
_PCT = _spec(UnitKind.PERCENT, "%")
_T = _spec(UnitKind.TONNES, "t")
_KG = _spec(UnitKind.TONNES, "t", "0.001")
_CO2 = _spec(UnitKind.TCO2E, "tCO2e")
_KGCO2 = _spec(UnitKind.TCO2E, "tCO2e", "0.001")
_KWH = _spec(UnitKind.ENERGY, "kWh")
_MWH = _spec(UnitKind.ENERGY, "kWh", 1000)
_GWH = _spec(UnitKind.ENERGY, "kWh", 10**6)
_M3 = _spec(UnitKind.WATER, "m3")
_ML = _spec(UnitKind.WATER, "m3", 1000)
_H = _spec(UnitKind.HOURS, "hours")
_D = _spec(UnitKind.DAYS, "days")
_C = _spec(UnitKind.COUNT, "count")
_Y = _spec(UnitKind.YEAR, "year")
_RMB = _spec(UnitKind.MONEY, "RMB", currency="RMB")
_HKD = _spec(UnitKind.MONEY, "HKD", currency="HKD")
_USD = _spec(UnitKind.MONEY, "USD", currency="USD")
_TWD = _spec(UnitKind.MONEY, "TWD", currency="TWD")
# NOTE: issuers listed in Hong Kong also report in the currencies of where they operate: Macau patacas, euros,
# sterling, yen, won, and South-East Asian currencies.
_OTHER_CURRENCIES = {
    code: _spec(UnitKind.MONEY, code.upper(), currency=code.upper())
    for code in (
        "mop",
        "eur",
        "gbp",
        "jpy",
        "krw",
        "sgd",
        "myr",
        "thb",
        "php",
        "idr",
        "vnd",
        "aud",
        "cad",
        "chf",
        "inr",
    )
}

#: Units written after the number. Keys are folded spellings (see module docstring for spaces).
SUFFIX_UNITS: dict[str, UnitSpec] = {
    # persons
    **dict.fromkeys(
        ["persons", "person", "people", "employees", "employee", "staff", "workers", "worker", "individuals"], _P
    ),
    # a headcount given by group: "1,180 women and 960 men", "2,140 faculty and staff"
    **dict.fromkeys(
        [
            "women",
            "men",
            "females",
            "males",
            "female employees",
            "male employees",
            "female staff",
            "male staff",
            "teachers",
            "faculty",
            "faculty members",
            "teaching staff",
            "nurses",
            "doctors",
            "new hires",
        ],
        _P,
    ),
    # NOTE: 人次 (person-times: trainees, visitors, beneficiaries) counts attendances, not people; as persons it
    # made "7,040 萬人次 trained" read as a headcount.
    **dict.fromkeys(["人", "名", "位", "名员工", "位员工", "名雇员", "名职工", "员工", "雇员"], _P),
    **dict.fromkeys(["人次", "person-times", "person times"], _C),
    # percent
    **dict.fromkeys(["%", "percent", "per cent", "pct", "percentage points", "个百分点"], _PCT),
    # tonnes (mass); kilograms are converted because waste tables mix kg and t
    **dict.fromkeys(["t", "tonnes", "tonne", "tons", "ton", "metric tonnes", "metric tons", "吨", "公吨"], _T),
    **dict.fromkeys(["kg", "kilograms", "kilogram", "千克", "公斤"], _KG),
    # tCO2e; plain tCO2 is counted as tCO2e because reports use it for the same line item
    **dict.fromkeys(
        [
            "t co2 e",
            "t co2 eq",
            "t co2",
            "tonnes co2 e",
            "tonnes of co2 e",
            "tonnes co2 eq",
            "tonnes of co2",
            "tonnes of co2 equivalent",
            "tonnes of carbon dioxide equivalent",
            "tons co2 e",
            "tons of co2 e",
            "metric tons co2 e",
            "metric tons of co2 e",
            "metric tonnes co2 e",
            "tonnes co2 equivalent",
            "吨二氧化碳当量",
            "公吨二氧化碳当量",
            "吨co2 e",
            "公吨co2 e",
            "吨co2当量",
            "公吨co2当量",
            "吨二氧化碳",
            "公吨二氧化碳",
            "吨co2",
            "公吨co2",
            # NOTE: folding keeps the space between a Chinese and a Latin character ("公噸 CO2e")
            "吨 co2 e",
            "公吨 co2 e",
            "吨 co2",
            "公吨 co2",
        ],
        _CO2,
    ),
    **dict.fromkeys(["kg co2 e", "kg co2", "千克二氧化碳当量", "公斤二氧化碳当量", "千克co2 e", "公斤co2 e"], _KGCO2),
    **dict.fromkeys(["kt co2 e", "千吨二氧化碳当量"], _spec(UnitKind.TCO2E, "tCO2e", 1000)),
    # energy, all in kWh; 度 is the everyday Chinese word for a kWh of electricity
    **dict.fromkeys(["kwh", "kilowatt hours", "kilowatt hour", "千瓦时", "度", "度电"], _KWH),
    **dict.fromkeys(["mwh", "megawatt hours", "megawatt hour", "兆瓦时"], _MWH),
    # NOTE: Hong Kong tables head energy in "千個千瓦時" ('000 kWh); without it, 千 read as thousand and 個 as a count
    "千个千瓦时": _spec(UnitKind.ENERGY, "kWh", 1000),
    **dict.fromkeys(["gwh", "gigawatt hours", "gigawatt hour", "吉瓦时", "百万千瓦时"], _GWH),
    "twh": _spec(UnitKind.ENERGY, "kWh", 10**9),
    "wh": _spec(UnitKind.ENERGY, "kWh", "0.001"),
    **dict.fromkeys(["gj", "gigajoules", "gigajoule", "吉焦", "千兆焦"], UnitSpec(UnitKind.ENERGY, "kWh", _KWH_PER_GJ)),
    **dict.fromkeys(["mj", "megajoules", "兆焦"], UnitSpec(UnitKind.ENERGY, "kWh", _KWH_PER_GJ / 1000)),
    **dict.fromkeys(["tj", "terajoules", "太焦"], UnitSpec(UnitKind.ENERGY, "kWh", _KWH_PER_GJ * 1000)),
    # water, all in m3; a tonne of water is a cubic metre, and Chinese reports meter water in 吨水
    **dict.fromkeys(
        ["m3", "cubic metres", "cubic meters", "cubic metre", "cubic meter", "cu m", "立方米", "立方公尺", "吨水"],
        _M3,
    ),
    **dict.fromkeys(
        ["megalitres", "megaliters", "megalitre", "megaliter", "ml", "百万公升", "百万升", "千立方米"], _ML
    ),
    **dict.fromkeys(["kilolitres", "kiloliters", "kl", "千升", "千公升", "公秉"], _M3),
    # hours
    **dict.fromkeys(
        ["hours", "hour", "hrs", "hr", "h", "training hours", "man hours", "person hours", "working hours"], _H
    ),
    **dict.fromkeys(["小时", "个小时", "工时", "学时", "人时", "培训小时"], _H),
    # days
    **dict.fromkeys(["days", "day", "lost days", "lost work days", "working days", "work days", "man days"], _D),
    **dict.fromkeys(["天", "日", "工作日", "个工作日", "工日", "损失工作日"], _D),
    # counts
    **dict.fromkeys(
        [
            "cases",
            "case",
            "incidents",
            "incident",
            "suppliers",
            "supplier",
            "complaints",
            "complaint",
            "projects",
            "project",
            "sites",
            "times",
            "items",
            "events",
            "sessions",
            "courses",
            "vehicles",
            "meetings",
            "facilities",
            "stores",
            "audits",
            "grievances",
            "fatalities",
            "injuries",
        ],
        _C,
    ),
    **dict.fromkeys(
        [
            "条",
            "个",
            "项",
            "宗",
            "起",
            "次",
            "家",
            "件",
            "份",
            "张",
            "台",
            "辆",
            "栋",
            "座",
            "所",
            "只",
            "间",
            "场",
            "例",
            "篇",
        ],
        _C,
    ),
    # calendar years (durations such as "3 years" / 过去3年 are filtered out by range in the parser)
    **dict.fromkeys(["年", "年度"], _Y),
    # money written after the number
    **dict.fromkeys(["元", "人民币", "人民币元", "rmb", "cny", "yuan", "renminbi"], _RMB),
    **dict.fromkeys(["港元", "港币", "hkd", "hk dollars", "港币元"], _HKD),
    **dict.fromkeys(["美元", "usd", "us dollars"], _USD),
    **dict.fromkeys(["新台币", "新台币元", "twd", "ntd", "台币"], _TWD),
    **dict.fromkeys(["澳门元", "澳门币", "葡币", "mop"], _OTHER_CURRENCIES["mop"]),
    **dict.fromkeys(["欧元", "eur", "euros"], _OTHER_CURRENCIES["eur"]),
    **dict.fromkeys(["英镑", "gbp"], _OTHER_CURRENCIES["gbp"]),
    **dict.fromkeys(["日元", "jpy"], _OTHER_CURRENCIES["jpy"]),
    **dict.fromkeys(["新加坡元", "新元", "sgd"], _OTHER_CURRENCIES["sgd"]),
}

#: Currency written before the number (``HK$3.5 million``, ``人民币 5 亿元``). ``$`` alone: currency unknown.
PREFIX_CURRENCIES: dict[str, UnitSpec] = {
    **dict.fromkeys(["hk$", "hkd", "港元", "港币"], _HKD),
    **dict.fromkeys(["us$", "usd", "美元"], _USD),
    **dict.fromkeys(["nt$", "twd", "ntd", "新台币"], _TWD),
    **dict.fromkeys(["rmb", "cny", "人民币", "¥", "¥"], _RMB),
    **{code: spec for code, spec in _OTHER_CURRENCIES.items()},
    **dict.fromkeys(["澳门元", "澳门币", "mop$"], _OTHER_CURRENCIES["mop"]),
    **dict.fromkeys(["€", "欧元"], _OTHER_CURRENCIES["eur"]),
    **dict.fromkeys(["£", "英镑"], _OTHER_CURRENCIES["gbp"]),
    **dict.fromkeys(["s$", "sg$"], _OTHER_CURRENCIES["sgd"]),
    **dict.fromkeys(["a$"], _OTHER_CURRENCIES["aud"]),
    "$": _spec(UnitKind.MONEY, "$"),
}

#: Multipliers after the number. ``k`` / ``m`` only count after a currency (checked by the parser).
MULTIPLIERS: dict[str, Decimal] = {
    "thousand": Decimal(10**3),
    "k": Decimal(10**3),
    "million": Decimal(10**6),
    "millions": Decimal(10**6),
    "mn": Decimal(10**6),
    "m": Decimal(10**6),
    "billion": Decimal(10**9),
    "bn": Decimal(10**9),
    "trillion": Decimal(10**12),
    "万亿": Decimal(10**12),
    "千亿": Decimal(10**11),
    "百亿": Decimal(10**10),
    "十亿": Decimal(10**9),
    "亿": Decimal(10**8),
    "千万": Decimal(10**7),
    "百万": Decimal(10**6),
    "十万": Decimal(10**5),
    "万": Decimal(10**4),
    "千": Decimal(10**3),
}
CURRENCY_ONLY_MULTIPLIERS = frozenset({"k", "m"})

_STRIP = re.compile(r"[\s\-‐‑]")


def unit_key(surface: str) -> str:
    """The lookup key of a matched unit or multiplier: spaces and hyphens removed."""
    return _STRIP.sub("", surface)


def alternation(spellings: Iterable[str], *, boundary: str = "(?![a-z0-9])") -> str:
    """A regex alternation of ``spellings``, longest first so the longest spelling wins.

    Args:
        spellings: folded spellings; a space means "optional whitespace or hyphen".
        boundary: appended to spellings that end in an ASCII letter or digit, so ``t`` does not match the
            start of ``the``; currencies before a number use ``(?![a-z])`` so ``rmb2.1bn`` still matches.

    Returns:
        A non-capturing group.
    """
    parts = []
    for s in sorted(spellings, key=len, reverse=True):
        body = r"[\s\-‐]?".join(re.escape(piece) for piece in s.split(" "))
        if s[-1].isascii() and s[-1].isalnum():
            body += boundary
        parts.append(body)
    return "(?:" + "|".join(parts) + ")"


# Lookups are by stripped key; build them once so the parser does one dict access per match.
SUFFIX_BY_KEY: dict[str, UnitSpec] = {unit_key(k): v for k, v in SUFFIX_UNITS.items()}
PREFIX_BY_KEY: dict[str, UnitSpec] = {unit_key(k): v for k, v in PREFIX_CURRENCIES.items()}
