"""Units a data table states once, above its figures: "TONNES", "Unit: GJ", "單位：噸", "(tCO2e)".

A report's data table often prints its unit on a line of its own above the table (or in its caption) and none in the
cells. Read as text, its figures are bare numbers, so an element that asks for tonnes never meets the hazardous-waste
row of a waste table. This pass gives the bare numbers of a data block (a table, or a table flattened into a line of
figures) the unit of the caption just above it, when nothing but other data blocks stands between the two and the
caption is on the same page. A caption is a short line that holds a unit and no figure other than a year; a
table's header row holding one unit is its caption too.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

from checker.evaluate.table_cells import body_column
from checker.ingest.document import BlockKind
from checker.ingest.units import MULTIPLIERS, PREFIX_BY_KEY, SUFFIX_BY_KEY, UnitKind, UnitSpec, unit_key

if TYPE_CHECKING:
    from checker.evaluate.index import BlockInfo, QuantityHit

# NOTE: a caption is short; a sentence that happens to contain "tonnes" is prose, not a caption.
_CAPTION_MAX = 60
_LOOK_BACK = 4
_YEAR = re.compile(r"(?<![\d.])(?:19|20)\d\d(?![\d.])")
_DIGIT = re.compile(r"\d")
# NOTE: digits that name a line item, not a figure: "Scope 1 emissions (tCO2e)", "PM2.5", "m3", "CO2".
_NAMING_DIGITS = re.compile(r"scope\s*\d|范围\s*\d|pm\s*2\.5|pm\s*10|co2|m3|nox|so2|'000")
_UNIT_LABEL = re.compile(r"(?:units?|单位|計量單位|计量单位)\s*[:：]\s*(?P<u>[^,;，；。()（）|]{1,30})")
_PARENTHESISED = re.compile(r"[(（]\s*(?:in\s+)?(?P<u>[^()（）]{1,30}?)\s*[)）]")
_TOKEN = re.compile(r"[a-z0-9³₂%$/'.\-]+|[\u4e00-\u9fff]+")
_NUMERIC_TOKEN = re.compile(r"^[(（]?-?[\d][\d,.]*%?[)）]?$")
# Units that say what is measured. Bare "number", "year" and a lone letter ("t", "m") in running words say nothing.
_NO_UNIT = (UnitKind.NUMBER, UnitKind.YEAR)


def _spec(surface: str) -> UnitSpec | None:
    key = unit_key(surface.strip())
    spec = SUFFIX_BY_KEY.get(key) or _currency(key)
    if spec is None or spec.kind in _NO_UNIT:
        return None
    return spec


_CURRENCIES = "|".join(sorted((re.escape(k) for k in PREFIX_BY_KEY if k != "$"), key=len, reverse=True))
_MULTIPLIER_KEYS = "|".join(sorted((re.escape(unit_key(k)) for k in MULTIPLIERS), key=len, reverse=True))
# NOTE: a money column states its currency and scale once in its header: "Amount (HK$ million)", "(RMB'000)",
# "（港幣百萬元）", "（人民幣萬元）"; its figures are then bare numbers. Hong Kong and mainland tables as often put the
# scale first: "（百萬港元）", "（千港元）", "（百萬元人民幣）", "（萬元）" (元 alone is the yuan, as after a figure).
_CURRENCY_CAPTION = re.compile(rf"^(?P<cur>{_CURRENCIES})(?P<mult>'000|{_MULTIPLIER_KEYS})?元?$")
_SCALE_FIRST_CAPTION = re.compile(
    rf"^(?P<mult>{_MULTIPLIER_KEYS})(?:(?P<cur>{_CURRENCIES})|元(?P<cur_after>{_CURRENCIES})?)$"
)


def _currency(key: str) -> UnitSpec | None:
    match = _CURRENCY_CAPTION.match(key) or _SCALE_FIRST_CAPTION.match(key)
    if match is None:
        return None
    cur = match["cur"] or match.groupdict().get("cur_after")
    currency = PREFIX_BY_KEY[cur] if cur else SUFFIX_BY_KEY["元"]
    mult = match["mult"]
    factor = Decimal(1000) if mult == "'000" else MULTIPLIERS.get(mult, Decimal(1)) if mult else Decimal(1)
    return UnitSpec(currency.kind, currency.unit, currency.factor * factor, currency.currency)


def caption_unit(folded: str, *, explicit_only: bool = False) -> UnitSpec | None:
    """The unit a short caption line states, or None when the line is not such a caption.

    A line naming two different units ("Average hours (%) (h)") heads the columns of a table, one unit each, so it
    gives no unit to the whole table. ``explicit_only`` takes only a bracketed or labelled unit ("(GWh)", "Unit: t").
    """
    line = folded.strip()
    if not line or len(line) > _CAPTION_MAX or _DIGIT.search(_NAMING_DIGITS.sub("", _YEAR.sub("", line))):
        return None
    found: list[UnitSpec] = []
    for pattern in (_UNIT_LABEL, _PARENTHESISED):
        for match in pattern.finditer(line):
            words = match["u"].split()
            # NOTE: "Unit: tonnes CO2e" and "(tonnes of CO2 equivalent)": the longest leading run that is a unit.
            for size in range(len(words), 0, -1):
                spec = _spec(" ".join(words[:size]))
                if spec is not None:
                    found.append(spec)
                    break
    if not found and not explicit_only:
        found = _token_units(_TOKEN.findall(line))
    kinds = {spec.kind for spec in found}
    return found[0] if len(kinds) == 1 else None


def _whole_cell_unit(cell: str) -> UnitSpec | None:
    """The unit a header cell is made of and nothing else ("Category | tCO2e", "類別 | 噸二氧化碳當量").

    NOTE: a cell that is only a unit states it as plainly as brackets do; a longer cell ("Employees", "Scope 3 total")
    names the rows' subject, and a one-letter cell ("t") is too little to go on.
    """
    surface = cell.strip()
    if len(surface) < 2 and surface != "%":
        return None
    return _spec(surface)


def _token_units(tokens: list[str]) -> list[UnitSpec]:
    found: list[UnitSpec] = []
    taken: set[int] = set()
    for size in (3, 2, 1):
        for i in range(len(tokens) - size + 1):
            if taken.intersection(range(i, i + size)):
                continue
            surface = " ".join(tokens[i : i + size])
            # NOTE: a one-letter token ("t", "m") is a unit only inside "Unit:" or brackets, handled above.
            if len(surface) < 2 and surface != "%":
                continue
            spec = _spec(surface)
            if spec is not None:
                found.append(spec)
                taken.update(range(i, i + size))
    return found


def _is_data(folded: str, kind: BlockKind) -> bool:
    if kind is BlockKind.TABLE:
        return True
    if kind is BlockKind.HEADING:
        return False
    tokens = folded.split()
    numeric = sum(1 for t in tokens if _NUMERIC_TOKEN.match(t))
    return numeric >= 3 and numeric * 5 >= len(tokens) * 2


def apply_unit_captions(folded: str, blocks: Sequence[BlockInfo], quantities: list[QuantityHit]) -> list[QuantityHit]:
    """Give bare numbers in data blocks the unit of the caption above them.

    Args:
        folded: the document's folded text.
        blocks: the document's blocks, in order, in folded coordinates.
        quantities: every quantity found in ``folded``, in text order.

    Returns:
        The quantities, with bare numbers of captioned data blocks retyped (value scaled by the unit's factor).
    """
    if not blocks or not quantities:
        return quantities
    starts = [b.start for b in blocks]
    captions = _Captions(folded, blocks)
    retyped: list[QuantityHit] = []
    for quantity in quantities:
        spec = None
        if quantity.kind == UnitKind.NUMBER.value and not quantity.is_year_range:
            i = bisect_right(starts, quantity.start) - 1
            if i >= 0 and quantity.end <= blocks[i].end:
                spec = (
                    captions.column_unit(i, quantity.start)
                    or captions.row_unit(i, quantity.start)
                    or captions.unit_for(i)
                )
        if spec is None:
            retyped.append(quantity)
        else:
            retyped.append(quantity._replace(kind=spec.kind.value, value=quantity.value * float(spec.factor)))
    return retyped


class _Captions:
    """Which blocks are data blocks, and the caption unit of each data block (memoised: a table has many figures)."""

    def __init__(self, folded: str, blocks: Sequence[BlockInfo]) -> None:
        self._folded = folded
        self._blocks = blocks
        self._data: dict[int, bool] = {}
        self._units: dict[int, UnitSpec | None] = {}
        self._columns: dict[int, list[UnitSpec | None] | None] = {}
        self._rows: dict[int, UnitSpec | None] = {}  # NOTE: by row start: a row holds several figures

    def _text(self, i: int) -> str:
        return self._folded[self._blocks[i].start : self._blocks[i].end]

    def is_data(self, i: int) -> bool:
        if i not in self._data:
            self._data[i] = _is_data(self._text(i), self._blocks[i].kind)
        return self._data[i]

    def column_unit(self, i: int, position: int) -> UnitSpec | None:
        """The unit the header cell of the column holding folded ``position`` states, in a table block.

        NOTE: "Effect in 2025 | Amount (HK$ million) | Line item": the unit of one column, stated in its own header
        cell, is that column's; a header that names a unit for a label column ("Energy (GWh) | 2025 | 2024") is the
        whole table's (``unit_for``).
        """
        block = self._blocks[i]
        if block.kind is not BlockKind.TABLE:
            return None
        if i not in self._columns:
            header, _, _ = self._text(i).partition("\n")
            cells = [caption_unit(cell, explicit_only=True) or _whole_cell_unit(cell) for cell in header.split("|")]
            self._columns[i] = cells if any(cells) else None
        units = self._columns[i]
        if units is None:
            return None
        column = body_column(self._folded, block.start, position)
        if column is None:
            return None  # NOTE: a figure in the header row itself is no value of a column
        return units[column] if column < len(units) else None

    def row_unit(self, i: int, position: int) -> UnitSpec | None:
        """The unit a table row's label states for that row's figures ("账面价值（亿元） | 14.8").

        NOTE: a table of mixed rows states each row's unit in its label; the header's unit (``unit_for``) would give
        every row the same one.
        """
        block = self._blocks[i]
        if block.kind is not BlockKind.TABLE:
            return None
        row_start = self._folded.rfind("\n", block.start, position) + 1 or block.start
        if row_start <= block.start:
            return None
        label_end = self._folded.find("|", row_start, position)
        if label_end < 0:
            return None  # NOTE: the figure is in the label cell itself
        if row_start not in self._rows:
            self._rows[row_start] = caption_unit(self._folded[row_start:label_end], explicit_only=True)
        return self._rows[row_start]

    def unit_for(self, i: int) -> UnitSpec | None:
        if i in self._units:
            return self._units[i]
        found: UnitSpec | None = None
        if self._blocks[i].kind is BlockKind.TABLE:
            # NOTE: "Energy type (GWh) | 2025 | 2024": a unit in the header row speaks for the whole table.
            header = self._text(i).split("\n", 1)[0]
            # Only a bracketed or labelled unit: a bare word there ("Employees | 2025") names the rows' subject.
            found = caption_unit(header.replace("|", " "), explicit_only=True)
            if found is None:
                # NOTE: or a corner cell that is a unit and nothing else ("噸二氧化碳當量 | 2025年 | 2024年"):
                # the unit of every figure below the years, as a bracketed one would be
                found = _whole_cell_unit(header.split("|", 1)[0])
        if found is None and self.is_data(i):
            page = self._blocks[i].page
            for j in range(i - 1, max(-1, i - 1 - _LOOK_BACK), -1):
                if self._blocks[j].page != page:
                    break
                if self.is_data(j):
                    continue
                found = caption_unit(self._text(j))
                break
        self._units[i] = found
        return found
