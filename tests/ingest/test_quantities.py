from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.ingest.normalize import fold
from checker.ingest.quantities import Quantity, UnitKind, parse_quantities, scan_folded, years_in

K = UnitKind

# (text, kind, value, unit, currency, matched text); each text must hold exactly one quantity.
SINGLE = [
    # --- the currencies of where Hong Kong issuers operate
    ("we spent MOP 171 million", K.MONEY, 171_000_000, "MOP", "MOP", "MOP 171 million"),
    ("capex of EUR 2.5 billion", K.MONEY, 2_500_000_000, "EUR", "EUR", "EUR 2.5 billion"),
    ("a cost of €4 million", K.MONEY, 4_000_000, "EUR", "EUR", "€4 million"),
    ("SGD 3 million of green loans", K.MONEY, 3_000_000, "SGD", "SGD", "SGD 3 million"),
    ("澳門元500萬", K.MONEY, 5_000_000, "MOP", "MOP", "澳門元500萬"),
    # --- English
    ("a workforce of 455,405 persons", K.PERSONS, 455405, "persons", None, "455,405 persons"),
    ("1,024 employees", K.PERSONS, 1024, "persons", None, "1,024 employees"),
    ("we hired 37 people", K.PERSONS, 37, "persons", None, "37 people"),
    ("about 3 000 staff", K.PERSONS, 3000, "persons", None, "3 000 staff"),
    ("women were 51.93% of", K.PERCENT, 51.93, "%", None, "51.93%"),
    ("women were 51.93 % of", K.PERCENT, 51.93, "%", None, "51.93 %"),
    ("down 4.5 per cent", K.PERCENT, 4.5, "%", None, "4.5 per cent"),
    ("change of -5%", K.PERCENT, -5, "%", None, "-5%"),
    ("emitted 12,345 tCO2e", K.TCO2E, 12345, "tCO2e", None, "12,345 tCO2e"),
    ("emitted 12,345 tCO₂e", K.TCO2E, 12345, "tCO2e", None, "12,345 tCO₂e"),
    ("emitted 12.5 tCO2-e", K.TCO2E, 12.5, "tCO2e", None, "12.5 tCO2-e"),
    ("200 tonnes of CO2e", K.TCO2E, 200, "tCO2e", None, "200 tonnes of CO2e"),
    ("350 kgCO2e", K.TCO2E, 0.35, "tCO2e", None, "350 kgCO2e"),
    ("1.2 million tonnes of ore", K.TONNES, 1.2e6, "t", None, "1.2 million tonnes"),
    ("waste of 2,500 kg", K.TONNES, 2.5, "t", None, "2,500 kg"),
    ("donated HK$3.5 million", K.MONEY, 3.5e6, "HKD", "HKD", "HK$3.5 million"),
    ("revenue RMB 2.1 billion", K.MONEY, 2.1e9, "RMB", "RMB", "RMB 2.1 billion"),
    ("US$3m invested", K.MONEY, 3e6, "USD", "USD", "US$3m"),
    ("NT$5,000 paid", K.MONEY, 5000, "TWD", "TWD", "NT$5,000"),
    ("USD 12.5 bn", K.MONEY, 12.5e9, "USD", "USD", "USD 12.5 bn"),
    ("consumed 5,000 kWh", K.ENERGY, 5000, "kWh", None, "5,000 kWh"),
    ("consumed 1.2 GWh", K.ENERGY, 1.2e6, "kWh", None, "1.2 GWh"),
    ("consumed 340 MWh", K.ENERGY, 340000, "kWh", None, "340 MWh"),
    ("consumed 10 GJ", K.ENERGY, 2777.7778, "kWh", None, "10 GJ"),
    ("withdrew 5 m³", K.WATER, 5, "m3", None, "5 m³"),
    ("withdrew 5,600 m3", K.WATER, 5600, "m3", None, "5,600 m3"),
    ("withdrew 20 cubic metres", K.WATER, 20, "m3", None, "20 cubic metres"),
    ("withdrew 3.5 megalitres", K.WATER, 3500, "m3", None, "3.5 megalitres"),
    ("withdrew 3 ML", K.WATER, 3000, "m3", None, "3 ML"),
    ("12 hours of training", K.HOURS, 12, "hours", None, "12 hours"),
    ("8.5 hrs per employee", K.HOURS, 8.5, "hours", None, "8.5 hrs"),
    ("there were 3 lost days", K.DAYS, 3, "days", None, "3 lost days"),
    ("14 days", K.DAYS, 14, "days", None, "14 days"),
    ("received 12 complaints", K.COUNT, 12, "count", None, "12 complaints"),
    ("in FY2024 we", K.YEAR, 2024, "year", None, "FY2024"),
    ("in 2024 we", K.YEAR, 2024, "year", None, "2024"),
    ("as at 31 December 2024", K.YEAR, 2024, "year", None, "2024"),
    ("as at December 31, 2024", K.YEAR, 2024, "year", None, "2024"),
    ("revenue RMB2.1bn", K.MONEY, 2.1e9, "RMB", "RMB", "RMB2.1bn"),
    ("a $5 million grant", K.MONEY, 5e6, "$", None, "$5 million"),  # currency unknown
    ("2024 employees", K.PERSONS, 2024, "persons", None, "2024 employees"),  # the unit wins over "a year"
    ("since 1985", K.NUMBER, 1985, "", None, "1985"),
    ("a 5 m wall", K.NUMBER, 5, "", None, "5"),  # m is million only after a currency
    ("a ratio of 0.75", K.NUMBER, 0.75, "", None, "0.75"),
    ("score 7", K.NUMBER, 7, "", None, "7"),
    # --- Traditional Chinese
    ("員工總數為455,405人", K.PERSONS, 455405, "persons", None, "455,405人"),
    ("新聘３７名員工", K.PERSONS, 37, "persons", None, "３７名員工"),
    ("共120位", K.PERSONS, 120, "persons", None, "120位"),
    ("參與達3,200人次", K.COUNT, 3200, "count", None, "3,200人次"),
    ("女性佔51.93％", K.PERCENT, 51.93, "%", None, "51.93％"),
    ("佔百分之五十", K.PERCENT, 50, "%", None, "百分之五十"),
    ("處理223.4 億條訊息", K.COUNT, 2.234e10, "count", None, "223.4 億條"),
    ("捐款11,716 萬元", K.MONEY, 117160000, "RMB", "RMB", "11,716 萬元"),
    ("投入3,068萬元", K.MONEY, 30680000, "RMB", "RMB", "3,068萬元"),
    ("捐款港幣3億元", K.MONEY, 3e8, "HKD", "HKD", "港幣3億元"),
    ("約500萬港元", K.MONEY, 5e6, "HKD", "HKD", "500萬港元"),
    ("新臺幣500萬元", K.MONEY, 5e6, "TWD", "TWD", "新臺幣500萬元"),
    ("排放5噸二氧化碳當量", K.TCO2E, 5, "tCO2e", None, "5噸二氧化碳當量"),
    ("排放3 公噸CO2e", K.TCO2E, 3, "tCO2e", None, "3 公噸CO2e"),
    ("二氧化碳當量 5.6 萬噸", K.TCO2E, 56000, "tCO2e", None, "二氧化碳當量 5.6 萬噸"),
    ("廢棄物1.2萬噸", K.TONNES, 12000, "t", None, "1.2萬噸"),
    ("耗電5千瓦時", K.ENERGY, 5, "kWh", None, "5千瓦時"),
    ("耗電3,200萬千瓦時", K.ENERGY, 3.2e7, "kWh", None, "3,200萬千瓦時"),
    ("耗電5兆瓦時", K.ENERGY, 5000, "kWh", None, "5兆瓦時"),
    ("用電100度", K.ENERGY, 100, "kWh", None, "100度"),
    ("用水5.6萬立方米", K.WATER, 56000, "m3", None, "5.6萬立方米"),
    ("用水2百萬公升", K.WATER, 2000, "m3", None, "2百萬公升"),
    ("用水300噸水", K.WATER, 300, "m3", None, "300噸水"),
    ("培訓12小時", K.HOURS, 12, "hours", None, "12小時"),
    ("損失5天", K.DAYS, 5, "days", None, "5天"),
    ("損失工作日4日", K.DAYS, 4, "days", None, "4日"),
    ("發生3宗事故", K.COUNT, 3, "count", None, "3宗"),
    ("於2024年度", K.YEAR, 2024, "year", None, "2024年度"),
    ("於2024年12月31日", K.YEAR, 2024, "year", None, "2024年"),
    ("過去3年", K.NUMBER, 3, "", None, "3"),  # a duration, not a calendar year
    ("為期3個月", K.NUMBER, 3, "", None, "3"),  # months, not a count
    ("5天然氣", K.NUMBER, 5, "", None, "5"),  # natural gas, not days
    # --- Simplified Chinese
    ("员工总数为455,405人", K.PERSONS, 455405, "persons", None, "455,405人"),
    ("女性占51.93 %", K.PERCENT, 51.93, "%", None, "51.93 %"),
    ("下降3个百分点", K.PERCENT, 3, "%", None, "3个百分点"),
    ("处理223.4亿条信息", K.COUNT, 2.234e10, "count", None, "223.4亿条"),
    ("捐款11,716万元", K.MONEY, 117160000, "RMB", "RMB", "11,716万元"),
    ("人民币5亿元", K.MONEY, 5e8, "RMB", "RMB", "人民币5亿元"),
    ("约2,000美元", K.MONEY, 2000, "USD", "USD", "2,000美元"),
    ("排放5吨二氧化碳当量", K.TCO2E, 5, "tCO2e", None, "5吨二氧化碳当量"),
    ("二氧化碳当量5.6万吨", K.TCO2E, 56000, "tCO2e", None, "二氧化碳当量5.6万吨"),
    ("耗电5千瓦时", K.ENERGY, 5, "kWh", None, "5千瓦时"),
    ("耗能120吉焦", K.ENERGY, 33333.333, "kWh", None, "120吉焦"),
    ("用水5立方米", K.WATER, 5, "m3", None, "5立方米"),
    ("培训12小时", K.HOURS, 12, "hours", None, "12小时"),
    ("共3家供应商", K.COUNT, 3, "count", None, "3家"),
    ("于2024年", K.YEAR, 2024, "year", None, "2024年"),
    # small counts spelled out before what they count
    ("年內共接獲兩宗客戶投訴", K.COUNT, 2, "count", None, "兩宗"),
    ("年内发生三起轻微工伤事故", K.COUNT, 3, "count", None, "三起"),
    ("共錄得十二宗投訴", K.COUNT, 12, "count", None, "十二宗"),
    ("涉及一宗貪污案件", K.COUNT, 1, "count", None, "一宗"),
    ("We received two customer complaints this year.", K.COUNT, 2, "count", None, "two customer complaints"),
    ("During the year one case was concluded.", K.COUNT, 1, "count", None, "one case"),
    ("The buyer raised two assay disputes this year.", K.COUNT, 2, "count", None, "two assay disputes"),
    ("Three quality claims were received.", K.COUNT, 3, "count", None, "Three quality claims"),
    ("Last year one concluded case was reported.", K.COUNT, 1, "count", None, "one concluded case"),
    ("There were three minor work-related injuries.", K.COUNT, 3, "count", None, "three minor work-related injuries"),
]


@pytest.mark.parametrize(("text", "kind", "value", "unit", "currency", "matched"), SINGLE)
def test_single_quantity(
    text: str, kind: UnitKind, value: float, unit: str, currency: str | None, matched: str
) -> None:
    [q] = parse_quantities(text)
    assert (q.kind, q.unit, q.currency, q.text) == (kind, unit, currency, matched)
    assert q.value == pytest.approx(value, rel=1e-6)
    assert text[q.span[0] : q.span[1]] == q.text


def test_exact_values_with_multipliers() -> None:
    # NOTE: Decimal arithmetic, so 223.4 * 10^8 is not 22340000000.000004.
    assert parse_quantities("223.4億條")[0].value == 22340000000
    assert parse_quantities("11,716 萬元")[0].value == 117160000


RANGES = [
    ("2022–2024", (2022, 2024), "2022–2024"),
    ("2022-2024", (2022, 2024), "2022-2024"),
    ("2022年至2024年", (2022, 2024), "2022年至2024年"),
    ("2022 年至 2024 年", (2022, 2024), "2022 年至 2024 年"),
    ("FY2022-FY2024", (2022, 2024), "FY2022-FY2024"),
    ("from 2019 to 2024", (2019, 2024), "2019 to 2024"),
    ("2023/24 財年", (2023, 2024), "2023/24"),
    # Hong Kong reports write financial years in Chinese numerals as well
    ("二零二三／二四年度", (2023, 2024), "二零二三／二四年"),
    ("二〇二二/二三年度", (2022, 2023), "二〇二二/二三年"),
]


@pytest.mark.parametrize(("text", "year_range", "matched"), RANGES)
def test_year_ranges(text: str, year_range: tuple[int, int], matched: str) -> None:
    [q] = parse_quantities(text)
    assert (q.kind, q.year_range, q.text, q.value) == (K.YEAR, year_range, matched, year_range[1])


NOT_QUANTITIES = [
    "certified to ISO 14001",
    "certified to ISO 14001:2015",
    "Scope 3 emissions",
    "Scope 1 and 2 emissions",
    "範圍3排放",
    "KPI A1.2",
    "B6.5",
    "see P.21",
    "see pp. 21-23",
    "GRI 305-1",
    # national and sector standards are named by number, as ISO's are
    "按《综合能耗计算通则》（GB/T 2589-2020）折算",
    "廢水排放符合《污水綜合排放標準》（GB 8978-1996）",
    "參照HJ 2.2-2018及GBZ 2.1",
    "tested to ASTM D6866",
    "旗下酒店均通過ISO 14001認證",
    "詳見第21頁",
    "見表3",
    "tel: +852 2123 4567",
    "PM2.5",
    "CO2",
    "5G network",
    "the 3rd year",
    "at 10:30",
    "12月31日",
    "SDG 13",
    # a list item's number at the start of a line numbers the item
    "3. 知識產權：我們重視商標保護",
    "2、客户投诉",
    "(4) Complaints handling",
    "（2）供應商管理",
    # a number word that is an article, an ordinal or a phrase counts nothing
    "第三起事故的調查已完成",
    "我們一起努力",
    "one of our suppliers",
    "someone complained",
    "often cases of this kind",
]


@pytest.mark.parametrize("text", NOT_QUANTITIES)
def test_identifiers_are_not_quantities(text: str) -> None:
    assert parse_quantities(text) == []


MULTI = [
    # a headcount table's unit column types the figure after it
    ("按性别：男 / 女 | 人 | 26,105 / 12,355", [(K.PERSONS, 26105), (K.NUMBER, 12355)]),
    ("Female | persons | 734 | 662", [(K.PERSONS, 734), (K.NUMBER, 662)]),
    # ... but a number after a list item's number is still a quantity, and so is a count in running text
    ("2. 本年度共收到37宗投訴", [(K.COUNT, 37)]),
    ("Complaints fell by 18%.\n3. Intellectual property", [(K.PERCENT, 18)]),
    ("50%-60%", [(K.PERCENT, 50), (K.PERCENT, 60)]),
    # Hong Kong's '000 kWh: a unit of its own, not a thousand counted things
    ("外購電力28,450千個千瓦時", [(K.ENERGY, 28_450_000)]),
    ("5,000港元 3,000人", [(K.MONEY, 5000), (K.PERSONS, 3000)]),
    ("Scope 1 and 2 emissions were 12,345 tCO2e in 2024", [(K.TCO2E, 12345), (K.YEAR, 2024)]),
    ("男性100人,女性50人", [(K.PERSONS, 100), (K.PERSONS, 50)]),
    ("2022年、2023年及2024年", [(K.YEAR, 2022), (K.YEAR, 2023), (K.YEAR, 2024)]),
    ("ISO 14001:2015 certified sites: 12 sites", [(K.COUNT, 12)]),
    ("As at 31 December 2024, 1,024 employees", [(K.YEAR, 2024), (K.PERSONS, 1024)]),
    # a section number before its title counts no one; one employee is still one person
    ("Social 8 Employee Rights", [(K.NUMBER, 8)]),
    # "more than" between the figure and its unit
    ("累計70餘名女職工參與，惠及5,900多名職工", [(K.PERSONS, 70), (K.PERSONS, 5900)]),
    ("累计捐赠61.3万余元，开展2.5万余项活动", [(K.MONEY, 613000), (K.COUNT, 25000)]),
    # Hong Kong reports write years digit by digit in Chinese numerals
    (
        "目標於二〇三〇年前較二零二二年降低10%；一九九八年成立",
        [(K.YEAR, 2030), (K.YEAR, 2022), (K.PERCENT, 10), (K.YEAR, 1998)],
    ),
    ("二十年來", []),
    ("Hazardous waste (tonnes) 4.6", [(K.TONNES, 4.6)]),
    # a headcount given by group
    ("2,140 faculty and staff: 1,180 women and 960 men", [(K.PERSONS, 2140), (K.PERSONS, 1180), (K.PERSONS, 960)]),
    # a unit before the figure starts a word: "at" is not "a" and tonnes
    ("retrofits at 38 of 42 stores", [(K.NUMBER, 38), (K.COUNT, 42)]),
    ("有害廢棄物（噸） 12.5", [(K.TONNES, 12.5)]),
    ("1 employee was injured; 8 employees trained", [(K.PERSONS, 1), (K.PERSONS, 8)]),
    # a unit column printed before flattened values gives them their unit
    ("female employees person 22,109", [(K.PERSONS, 22109)]),
    ("percentage trained % 30.5", [(K.PERCENT, 30.5)]),
    # an emission unit before the figure, in brackets or as a flattened unit column, with or without 万
    ("范围二间接排放（吨二氧化碳当量） 2,318.4", [(K.TCO2E, 2318.4)]),
    ("排放總量 公噸二氧化碳當量 96,540.2", [(K.TCO2E, 96540.2)]),
    ("温室气体（万吨二氧化碳当量）：3.6", [(K.TCO2E, 36000)]),
    ("Scope 2 (tonnes CO2e) 815", [(K.TCO2E, 815)]),
    ("Scope 1 tCO2e 1,207", [(K.TCO2E, 1207)]),
    # a bare "t" after a year is no unit column
    ("in 2025 5 sites", [(K.YEAR, 2025), (K.COUNT, 5)]),
    # tonnes whose clause is about greenhouse gas are tCO2e; another substance nearer the figure keeps them tonnes
    ("2025年范围一排放为1,530.8吨，占比12%", [(K.YEAR, 2025), (K.TCO2E, 1530.8), (K.PERCENT, 12)]),
    ("Scope 2 emissions were 7,420 tonnes in the year.", [(K.TCO2E, 7420)]),
    ("二氧化硫排放0.8噸", [(K.TONNES, 0.8)]),
    ("溫室氣體排放及氮氧化物排放3.1噸", [(K.TONNES, 3.1)]),
    ("our Scope 1 boilers burned 52 tonnes of coal", [(K.TONNES, 52)]),
    ("范围一排放源消耗柴油18吨", [(K.TONNES, 18)]),
    ("Scope 1 emissions: 640 tonnes of CO2e", [(K.TCO2E, 640)]),
]


@pytest.mark.parametrize(("text", "expected"), MULTI)
def test_several_quantities(text: str, expected: list[tuple[UnitKind, float]]) -> None:
    got = parse_quantities(text)
    assert [(q.kind, q.value) for q in got] == expected
    assert all(text[q.span[0] : q.span[1]] == q.text for q in got)


def test_scan_folded_spans_are_folded_coordinates() -> None:
    folded = fold("員工 總數 455,405 人").text
    [hit] = scan_folded(folded)
    assert folded[hit.start : hit.end] == "455,405 人"  # a space between a digit and a CJK character stays
    kind, value, unit, currency, _start, _end, year_range = hit  # tuple-compatible for the indexer
    assert (kind, value, unit, currency, year_range) == (K.PERSONS, 455405, "persons", None, None)


def test_quantity_is_frozen() -> None:
    q = parse_quantities("5 kWh")[0]
    assert isinstance(q, Quantity)
    with pytest.raises(ValueError):
        q.value = 6  # type: ignore[misc]


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("2024年", [2024]),
        ("FY2024 and FY2023", [2024, 2023]),
        ("2023/24", [2023, 2024]),
        ("2022–2024", [2022, 2024]),
        ("31 December 2024 and 2024年", [2024]),
        ("2,024 persons in 1985 and 2150", []),
        ("截至2024年12月31日止，2023年同期", [2024, 2023]),
    ],
)
def test_years_in(text: str, years: list[int]) -> None:
    assert years_in(text) == years


# --- properties

UNIT_WORDS: dict[UnitKind, list[tuple[str, float]]] = {
    K.PERSONS: [("persons", 1), ("employees", 1), ("人", 1), ("名", 1), ("位", 1)],
    K.PERCENT: [("%", 1), ("％", 1), ("percent", 1)],
    K.TONNES: [("tonnes", 1), ("t", 1), ("噸", 1), ("公噸", 1), ("吨", 1)],
    K.TCO2E: [("tCO2e", 1), ("tCO₂e", 1), ("噸二氧化碳當量", 1), ("吨二氧化碳当量", 1), ("公噸CO2e", 1)],
    K.ENERGY: [("kWh", 1), ("MWh", 1000), ("GWh", 1e6), ("千瓦時", 1), ("兆瓦时", 1000), ("度", 1)],
    K.WATER: [("m3", 1), ("m³", 1), ("cubic metres", 1), ("立方米", 1), ("megalitres", 1000)],
    K.MONEY: [("元", 1), ("港元", 1), ("港幣", 1), ("人民幣", 1), ("美元", 1), ("新臺幣", 1)],
    K.HOURS: [("hours", 1), ("hrs", 1), ("小時", 1), ("小时", 1)],
    K.DAYS: [("days", 1), ("天", 1), ("lost days", 1)],
    K.COUNT: [("cases", 1), ("宗", 1), ("項", 1), ("條", 1)],
}
ALL_UNITS = [(kind, word, factor) for kind, words in UNIT_WORDS.items() for word, factor in words]


def _grouped(n: int, sep: str) -> str:
    s = str(n)
    head = len(s) % 3 or 3
    return sep.join([s[:head]] + [s[i : i + 3] for i in range(head, len(s), 3)])


@settings(max_examples=300, deadline=None)
@given(
    n=st.integers(min_value=0, max_value=10**12),
    frac=st.one_of(st.none(), st.integers(min_value=1, max_value=99)),
    sep=st.sampled_from([",", "", " ", "\u2009"]),
    space=st.sampled_from(["", " "]),
    unit=st.sampled_from(ALL_UNITS),
    lead=st.sampled_from(["", "Total ", "合計", "共 "]),
)
def test_formatted_number_with_unit(
    n: int, frac: int | None, sep: str, space: str, unit: tuple[UnitKind, str, float], lead: str
) -> None:
    kind, word, factor = unit
    if kind is K.PERSONS:
        frac = None  # a fractional headcount is read as a section number ("3.5 Employee Awareness")
    number = _grouped(n, sep) + (f".{frac:02d}" if frac is not None else "")
    text = f"{lead}{number}{space}{word} in total"
    got = [q for q in parse_quantities(text) if q.kind is not K.NUMBER]
    expected_value = (n + (frac or 0) / 100) * factor
    assert len(got) == 1, (text, got)
    assert got[0].kind is kind
    assert got[0].value == pytest.approx(expected_value, rel=1e-9)
    assert got[0].text == f"{number}{space}{word}"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789,. %-年萬億元人噸tkWhm$HKRMB/:中文abc")), max_size=40))
def test_spans_always_match_text(text: str) -> None:
    for q in parse_quantities(text):
        assert text[q.span[0] : q.span[1]] == q.text
        assert q.text


TRAD_SIMP = [
    ("噸二氧化碳當量", "吨二氧化碳当量"),
    ("萬元", "万元"),
    ("億條", "亿条"),
    ("千瓦時", "千瓦时"),
    ("小時", "小时"),
    ("港幣", "港币"),
    ("萬噸", "万吨"),
    ("百萬公升", "百万公升"),
    ("人民幣", "人民币"),
    ("個工作日", "个工作日"),
]


@settings(max_examples=100, deadline=None)
@given(n=st.integers(min_value=1, max_value=10**9), pair=st.sampled_from(TRAD_SIMP))
def test_traditional_and_simplified_parse_identically(n: int, pair: tuple[str, str]) -> None:
    trad, simp = (parse_quantities(f"共{n:,}{word}") for word in pair)
    assert [(q.kind, q.value, q.unit, q.currency, q.span) for q in trad] == [
        (q.kind, q.value, q.unit, q.currency, q.span) for q in simp
    ]
    assert trad


@pytest.mark.parametrize("text", ["2023/24", "二零二三／二四年度", "FY2023/24"])
def test_a_financial_year_is_one_year_of_a_series(text: str) -> None:
    """A financial year is marked as such (``FISCAL_YEAR_UNIT``): one year of a series, not a two-year span."""
    from checker.evaluate.text_facts import scan
    from checker.ingest.normalize import fold

    [hit] = [h for h in scan(fold(text).text) if h.kind == "year"]
    assert (hit.value, hit.is_year_range) == (2024.0, False)


def test_a_span_of_years_stays_a_period() -> None:
    from checker.evaluate.text_facts import scan
    from checker.ingest.normalize import fold

    [hit] = scan(fold("2026-2030").text)
    assert hit.is_year_range
