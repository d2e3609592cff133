"""Build the PDF fixtures for the PDF reader tests with reportlab, in a temporary directory, with no font files.

Traditional Chinese uses the built-in CID font MSung-Light (after patching reportlab's wrong default CMap for it),
Simplified Chinese uses STSong-Light and English uses Helvetica. Every fixture records the text it draws so tests
compare the reader's output against what was actually put on the page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import _cidfontdata, pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

ZH_HANT = "MSung-Light"
ZH_HANS = "STSong-Light"
LATIN = "Helvetica"
PAGE_W, PAGE_H = A4
MARGIN = 56.0

HEADER = "ACME Holdings 2024 ESG Report 永續報告書"
HANT_SENTENCES = [
    "本集團二零二四年溫室氣體排放總量為一萬二千三百四十五噸二氧化碳當量，較基準年減少百分之八，"
    "並持續推動再生能源採購與能源效率改善計畫。",
    "董事會轄下永續發展委員會每季檢視氣候相關風險與機會，並將淨零目標納入高階主管績效考核。",
]
HANS_SENTENCE = "本集团持续推进绿色低碳发展，可再生能源使用比例达到百分之三十，并完成全部数据中心的节能改造。"
EN_SENTENCE = (
    "The Group reports its Scope 1 and Scope 2 greenhouse gas emissions in accordance with the GHG Protocol, "
    "and its climate-related disclosures follow the recommendations of the TCFD and the ISSB standards."
)
COLUMN_LEFT = "左欄：本公司推動供應鏈永續管理，要求主要供應商簽署行為準則並接受年度稽核評估。"
COLUMN_RIGHT = "右欄：員工訓練總時數達十二萬小時，女性主管比例提升至百分之三十五，職業安全零事故。"
TABLE_ROWS = [
    ["指標 Indicator", "2023", "2024"],
    ["服務客戶數 Customers served", "432,118", "455,405"],
    ["女性員工比例 Female staff", "50.12%", "51.93%"],
    ["用電量 Electricity (MWh)", "1,204.5", "1,187.2"],
]
LIST_ITEMS = [
    "1. 完成溫室氣體盤查並取得第三方查證。",
    "2. Publish a transition plan aligned with IFRS S2.",
    "3. 擴大綠色融資規模至新台幣五十億元。",
]


def patch_cid_fonts() -> None:
    """Register the CID fonts, fixing reportlab's GB CMap default for the Traditional Chinese font."""
    # NOTE: reportlab registers MSung-Light with UniGB-UCS2-H, which maps Traditional characters wrongly.
    _cidfontdata.defaultUnicodeEncodings[ZH_HANT] = ("cht", "UniCNS-UCS2-H")
    registered = set(pdfmetrics.getRegisteredFontNames())
    for name in (ZH_HANT, ZH_HANS):
        if name not in registered:
            pdfmetrics.registerFont(UnicodeCIDFont(name))


def wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """Break ``text`` into lines no wider than ``width``: by word for Latin runs, by character for CJK."""
    lines: list[str] = []
    current = ""
    tokens: list[str] = []
    word = ""
    for ch in text:
        if ch == " " or ord(ch) > 0x2E80:
            if word:
                tokens.append(word)
                word = ""
            tokens.append(ch)
        else:
            word += ch
    if word:
        tokens.append(word)
    for token in tokens:
        candidate = current + token
        if current and pdfmetrics.stringWidth(candidate, font, size) > width:
            lines.append(current.rstrip())
            current = token.lstrip()
        else:
            current = candidate
    if current.strip():
        lines.append(current.rstrip())
    return lines


@dataclass
class Writer:
    """A canvas plus a cursor: draws wrapped paragraphs top-down and records page texts."""

    canvas: canvas.Canvas
    y: float = PAGE_H - MARGIN
    page_texts: list[list[str]] = field(default_factory=lambda: [[]])

    def para(self, text: str, font: str, size: float = 10.5, x: float = MARGIN, width: float = 0.0) -> None:
        """Draw one paragraph and leave a paragraph gap below it."""
        width = width or PAGE_W - 2 * MARGIN
        self.canvas.setFont(font, size)
        for line in wrap(text, font, size, width):
            self.canvas.drawString(x, self.y, line)
            self.y -= size * 1.4
        self.y -= size * 1.2
        self.page_texts[-1].append(text)

    def header_footer(self, number: int) -> None:
        """Draw the running header and the page-number footer."""
        self.canvas.setFont(ZH_HANT, 8)
        self.canvas.drawString(MARGIN, PAGE_H - 30, HEADER)
        self.canvas.drawCentredString(PAGE_W / 2, 28, f"第 {number} 頁")

    def new_page(self) -> None:
        """Finish the page and start the next one."""
        self.canvas.showPage()
        self.y = PAGE_H - MARGIN
        self.page_texts.append([])


def draw_table(c: canvas.Canvas, rows: list[list[str]], top: float, col_widths: list[float]) -> float:
    """Draw a fully ruled grid table with its cell texts; returns the y below it."""
    row_h = 22.0
    x0 = MARGIN
    xs = [x0]
    for w in col_widths:
        xs.append(xs[-1] + w)
    ys = [top - i * row_h for i in range(len(rows) + 1)]
    c.setLineWidth(0.6)
    for y in ys:
        c.line(xs[0], y, xs[-1], y)
    for x in xs:
        c.line(x, ys[0], x, ys[-1])
    for r, row in enumerate(rows):
        for col, cell in enumerate(row):
            font = ZH_HANT if any(ord(ch) > 0x2E80 for ch in cell) else LATIN
            c.setFont(font, 9)
            c.drawString(xs[col] + 4, ys[r] - 15, cell)
    return ys[-1] - 20


def build_report(path: Path, *, encrypt: str | None = None) -> list[list[str]]:
    """Write the six-page bilingual fixture and return the paragraphs drawn on each page.

    Pages: 1 heading + English + Traditional Chinese; 2 two columns; 3 ruled table; 4 image only (no text at all);
    5 Simplified Chinese; 6 list items. Every page but 4 has the running header and a "第 N 頁" footer.
    """
    patch_cid_fonts()
    c = canvas.Canvas(str(path), pagesize=A4, encrypt=encrypt)
    w = Writer(c)
    w.header_footer(1)
    w.para("1.1 氣候策略 Climate Strategy", ZH_HANT, 16)
    w.para(EN_SENTENCE, LATIN)
    for sentence in HANT_SENTENCES:
        w.para(sentence, ZH_HANT)
    w.new_page()

    w.header_footer(2)
    half = (PAGE_W - 2 * MARGIN - 24) / 2
    top = w.y
    w.para(COLUMN_LEFT, ZH_HANT, width=half)
    w.y = top
    w.para(COLUMN_RIGHT, ZH_HANT, x=MARGIN + half + 24, width=half)
    w.new_page()

    w.header_footer(3)
    w.para("2.3 關鍵績效指標 Key Performance Indicators", ZH_HANT, 14)
    w.y = draw_table(c, TABLE_ROWS, w.y, [220.0, 100.0, 100.0])
    w.para("上表數據已經獨立第三方確信。", ZH_HANT)
    w.new_page()

    # NOTE: page 4 imitates a scanned page: one image, no text objects at all.
    scan = Image.new("L", (60, 80), color=200)
    c.drawImage(ImageReader(scan), MARGIN, 200, PAGE_W - 2 * MARGIN, 400)
    w.new_page()

    w.header_footer(5)
    w.para(HANS_SENTENCE, ZH_HANS)
    w.para(EN_SENTENCE, LATIN)
    w.new_page()

    w.header_footer(6)
    w.para("3 未來目標 Targets", ZH_HANT, 16)
    for item in LIST_ITEMS:
        w.para(item, ZH_HANT if item[3] > "\u2e80" else LATIN)
    c.showPage()
    c.save()
    return w.page_texts


def build_pages(path: Path, pages: list[str], font: str = ZH_HANT, size: float = 10.0) -> None:
    """Write one PDF page per entry of ``pages``, lines wrapped to the page width; long pages get taller."""
    patch_cid_fonts()
    c = canvas.Canvas(str(path), pagesize=A4)
    # NOTE: MSung-Light is not embedded, so a viewer lays glyphs out with its own widths; a 20% margin keeps
    # every line inside the page, where PDFium would otherwise drop the characters past the edge.
    width = (PAGE_W - 2 * MARGIN) * 0.8
    for text in pages:
        laid: list[str | None] = []  # NOTE: None marks a blank source line, drawn as a paragraph gap
        for source_line in text.split("\n"):
            laid.extend(wrap(source_line, font, size, width) if source_line.strip() else [None])
        needed = sum(size * (0.8 if line is None else 1.35) for line in laid)
        height = max(PAGE_H, needed + 2 * MARGIN)
        c.setPageSize((PAGE_W, height))
        y = height - MARGIN
        c.setFont(font, size)
        for line in laid:
            if line is None:
                y -= size * 0.8
                continue
            c.drawString(MARGIN, y, line)
            y -= size * 1.35
        c.showPage()
    c.save()
