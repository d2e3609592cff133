"""Render every sample draft (samples/<case>/draft.md) into the format its expected.yaml names.

    python samples/build.py            # all cases
    python samples/build.py hk-bank-zh-hant manufacturer-en

The Markdown subset the drafts use: ``#``/``##``/``###`` headings, paragraphs (one line each, or consecutive
lines), ``- `` bullet lists, GFM pipe tables, and a line holding only ``<!-- pagebreak -->`` between pages.
One Markdown page becomes exactly one page of the output (PDF page, Word page, form-feed page); a page that does
not fit on A4 even at the smallest font size is an error, not a silent overflow.

Output is deterministic: PDFs are written with ``invariant=1`` (no timestamps or random ids), DOCX core
properties carry a fixed date and the zip members a fixed timestamp, so a rebuild changes no bytes.

A case's ``render.yaml``-free settings live in ``CASES`` below: the running header text and the font family.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import sys
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
PAGE_BREAK = re.compile(r"^[ \t]*<!--\s*pagebreak\s*-->[ \t]*$", re.M)
FIXED_TIME = dt.datetime(2025, 3, 1, 9, 0, 0)


@dataclass
class CaseStyle:
    header: str
    font: str = "Helvetica"  # Helvetica | MSung-Light (Traditional) | STSong-Light (Simplified)
    footer: str = "Page {n}"


CASES: dict[str, CaseStyle] = {
    "hk-bank-zh-hant": CaseStyle("海灣銀行有限公司 ｜ 2025 環境、社會及管治報告（虛構）", "MSung-Light", "第 {n} 頁"),
    "manufacturer-en": CaseStyle("Pearl Delta Precision Holdings Limited | ESG Report 2025 (fictional)"),
    "logistics-bilingual": CaseStyle(
        "Kowloon Bay Logistics Group 九龍灣物流集團 | ESG Report 2025 環境、社會及管治報告", "MSung-Light", "- {n} -"
    ),
    "retail-2020-en": CaseStyle("Lantern Street Retail Holdings Limited - ESG Report 2023 (fictional)"),
    "tw-bank-tcfd-zh-hant": CaseStyle("玉山嶺商業銀行 2024 年氣候相關財務揭露報告（虛構）", "MSung-Light", "{n}"),
    "issb-climate-en": CaseStyle("Tidewater Utilities Holdings Limited | Climate-related Disclosures 2024 (fictional)"),
    "holdout-utility-zh-hant": CaseStyle(
        "翠灣能源控股有限公司 ｜ 二〇二五年環境、社會及管治報告（虛構）", "MSung-Light", "第 {n} 頁"
    ),
    "holdout2-pharma-zh-hans": CaseStyle(
        "汀澜制药集团股份有限公司 ｜ 2025年度环境、社会及管治报告（虚构）", "STSong-Light", "第 {n} 页"
    ),
    "tuning4-food-zh-hans": CaseStyle(
        "北岭乳业集团股份有限公司 ｜ 2025年度环境、社会及管治报告（虚构）", "STSong-Light", "第 {n} 页"
    ),
    "tuning5-battery-zh-hans": CaseStyle(
        "澜川动力电池股份有限公司 ｜ 2025年度环境、社会及管治报告（虚构）", "STSong-Light", "第 {n} 页"
    ),
    "tuning5-insurer-tcfd-zh-hant": CaseStyle(
        "瑞嵐人壽保險股份有限公司 2025年氣候相關財務揭露報告（虛構）", "MSung-Light", "- {n} -"
    ),
    "tuning6-coalpower-zh-hans": CaseStyle(
        "晋泓能源集团股份有限公司 ｜ 2025年度环境、社会及管治报告（虚构）", "STSong-Light", "第 {n} 页"
    ),
    "tuning7-software-zh-hans": CaseStyle(
        "云栈科技股份有限公司 ｜ 2025年度环境、社会及管治报告（虚构）", "STSong-Light", "第 {n} 页"
    ),
    "tuning8-gas-s2-zh-hant": CaseStyle(
        "東岬城市燃氣控股有限公司 ｜ 2025年氣候相關披露報告（虛構）", "MSung-Light", "第 {n} 頁"
    ),
    "holdout4-bank-tcfd-zh-hans": CaseStyle(
        "梧川银行股份有限公司 ｜ 2025年度气候相关财务信息披露报告（虚构）", "STSong-Light", "第 {n} 页"
    ),
    "tuning9-water-zh-hans": CaseStyle(
        "泓澄水务集团股份有限公司 ｜ 2025年度环境、社会及管治报告（虚构）", "STSong-Light", "第 {n} 页"
    ),
    "tuning9-steel-s2-zh-hans": CaseStyle(
        "澄岭钢铁集团股份有限公司 ｜ 2025年度气候相关披露报告（虚构）", "STSong-Light", "第 {n} 页"
    ),
    "tuning10-ev-en": CaseStyle(
        "Qingyue New Energy Automobile Co., Ltd. | 2025 ESG Report (fictional)", footer="- {n} -"
    ),
    "tuning10-insurer-s2-en": CaseStyle(
        "Sunhaven Life Holdings Limited | Climate-related Disclosures Report 2025 (fictional)"
    ),
    "tuning11-coalmine-zh-hans": CaseStyle(
        "岚峪煤业集团股份有限公司 ｜ 2025年度环境、社会及管治报告（虚构）", "STSong-Light", "第 {n} 页"
    ),
    "tuning11-electronics-en": CaseStyle(
        "Cresthaven Electronics Holdings Limited | ESG Report 2025 (fictional)", footer="- {n} -"
    ),
    "tuning12-jewellery-en": CaseStyle("Lustrewell Jewellery Holdings Limited | ESG Report 2025 (fictional)"),
    "tuning13-propertydev-zh-hant": CaseStyle(
        "翠朗置業控股有限公司 ｜ 二〇二五年環境、社會及管治報告（虛構）", "MSung-Light", "第 {n} 頁"
    ),
    "tuning13-logistics-zh-hans": CaseStyle(
        "凌程冷链物流股份有限公司 ｜ 2024年度环境、社会及管治报告（虚构）", "STSong-Light", "第{n}页"
    ),
    "tuning14-securities-tcfd-zh-hant": CaseStyle(
        "瀚嵐綜合證券股份有限公司 2025年氣候相關財務揭露報告（虛構）", "MSung-Light", "{n}"
    ),
    "tuning14-pharma-zh-hans": CaseStyle(
        "岷岭药业股份有限公司 ｜ 2025年度环境、社会及管治报告（虚构）", "STSong-Light", "- {n} -"
    ),
    "tuning15-utility-zh-hant": CaseStyle(
        "溱灣水務環境控股有限公司 ｜ 二〇二五年環境、社會及管治報告（虛構）", "MSung-Light", "{n}"
    ),
    "tuning15-chemicals-en": CaseStyle(
        "Zhejiang Qiantai Specialty Chemicals Co., Ltd. | 2025 ESG Report (fictional)", footer="- {n} -"
    ),
    "tuning16-airport-s2-zh-hans": CaseStyle(
        "澄屿空港集团股份有限公司 ｜ 2025年度气候相关披露报告（虚构）", "STSong-Light", "第 {n} 页"
    ),
    "tuning16-textiles-zh-hant": CaseStyle(
        "溢川紡織染整控股有限公司 ｜ 二〇二四年環境、社會及管治報告（虛構）", "MSung-Light", "- {n} -"
    ),
    "tuning17-contractor-zh-hant": CaseStyle(
        "砌峰建設集團控股有限公司 ｜ 二零二三／二四年度環境、社會及管治報告（虛構）", "MSung-Light", "第 {n} 頁"
    ),
    "tuning18-lifeinsurer-tcfd-zh-hant": CaseStyle(
        "晴岳人壽保險股份有限公司 2025年氣候相關財務揭露報告書（虛構）", "MSung-Light", "- {n} -"
    ),
    "tuning19-solar-zh-hans": CaseStyle(
        "晟曜光能科技股份有限公司 ｜ 2025年度环境、社会及管治报告（虚构）", "STSong-Light", "第 {n} 页"
    ),
    "tuning20-citybank-zh-hans": CaseStyle(
        "岑州银行股份有限公司 ｜ 2025年度环境、社会及管治报告（虚构）", "STSong-Light", "第 {n} 页"
    ),
    "tuning21-developer-zh-hant": CaseStyle(
        "沛嵐置業控股有限公司 ｜ 二〇二五年環境、社會及管治報告（虛構）", "MSung-Light", "第 {n} 頁"
    ),
    "tuning21-coalenergy-tcfd-zh-hans": CaseStyle(
        "朔川煤电集团股份有限公司 ｜ 2025年度气候相关财务信息披露报告（虚构）", footer="第 {n} 页"
    ),
    "tuning22-shipping-en": CaseStyle("Halyard Point Shipping Holdings Limited | ESG Report 2025 (fictional)"),
    "tuning22-restaurants-zh-hant": CaseStyle(
        "悅滿堂飲食集團控股有限公司 ｜ 二零二四年環境、社會及管治報告（虛構）", footer="- {n} -"
    ),
    "tuning23-datacentre-en": CaseStyle("Corallis Data Centres Holdings Limited | ESG Report 2025 (fictional)"),
    "tuning23-autodealer-zh-hans": CaseStyle(
        "骏岱汽车服务集团控股有限公司 ｜ 2025年度环境、社会及管治报告（虚构）", footer="第 {n} 页"
    ),
    "tuning24-insurer-tcfd-zh-hant": CaseStyle(
        "澄禾人壽保險股份有限公司 2024年氣候相關財務揭露報告（虛構）", "MSung-Light", "- {n} -"
    ),
    "tuning24-property-en": CaseStyle("Ridgecove Properties Holdings Limited | ESG Report 2025 (fictional)"),
    "tuning25-foodprocessing-en": CaseStyle(
        "Saltwind Foods Holdings Limited | ESG Report 2024 (fictional)", footer="{n}"
    ),
    "tuning25-education-zh-hans": CaseStyle(
        "启衡教育集团有限公司 ｜ 2025年度环境、社会及管治报告（虚构）", "STSong-Light", "第 {n} 页"
    ),
    "tuning26-paper-zh-hans": CaseStyle(
        "澄舟纸业集团股份有限公司 ｜ 2025年度环境、社会及管治报告（虚构）", "STSong-Light", "第 {n} 页"
    ),
    "tuning26-retailbank-tcfd-zh-hant": CaseStyle(
        "碧澄銀行有限公司 2025年氣候相關財務披露報告（虛構）", "MSung-Light", "- {n} -"
    ),
    "tuning27-pigfarming-zh-hans": CaseStyle(
        "岳垣农牧食品集团股份有限公司 ｜ 2025年度环境、社会及管治报告（虚构）", "STSong-Light", "第 {n} 页"
    ),
    "tuning27-cosmetics-zh-hant": CaseStyle(
        "妍澄美妝集團控股有限公司 ｜ 二〇二四年環境、社會及管治報告（虛構）", "MSung-Light", "第 {n} 頁"
    ),
    "tuning28-payments-tcfd-zh-hant": CaseStyle(
        "晴川支付股份有限公司 ｜ 2025年氣候相關財務揭露報告（虛構）", "MSung-Light", "{n}"
    ),
    "tuning29-waterutility-zh-hans": CaseStyle(
        "沅汇水务环境集团股份有限公司 ｜ 2025年度环境、社会及管治报告（虚构）", "STSong-Light", "{n}"
    ),
    "tuning30-mallreit-zh-hant": CaseStyle(
        "匯嶺房地產投資信託基金 ｜ 二〇二五年環境、社會及管治報告（虛構）", "MSung-Light", "第 {n} 頁"
    ),
    "tuning30-garments-en": CaseStyle("Loomcrest Holdings Limited | ESG Report 2024 (fictional)", footer="{n}"),
    "tuning31-shipyard-zh-hans": CaseStyle(
        "岱澜船舶海工股份有限公司 ｜ 2025年度环境、社会及管治报告（虚构）", "STSong-Light", "第 {n} 页"
    ),
    "tuning32-telecom-zh-hant": CaseStyle(
        "嶺峰電訊控股有限公司 ｜ 二〇二五年環境、社會及管治報告（虛構）", "MSung-Light", "第 {n} 頁"
    ),
    "tuning32-logistics-en": CaseStyle(
        "Kestrelgate Logistics Holdings Limited | ESG Report 2024 (fictional)", footer="- {n} -"
    ),
    "tuning33-steel-zh-hans": CaseStyle(
        "峤岳特钢集团股份有限公司 ｜ 2025年度环境、社会及管治报告（虚构）", "STSong-Light", "第 {n} 页"
    ),
    "tuning34-bakery-zh-hant": CaseStyle(
        "穗禾烘焙控股有限公司 ｜ 二〇二四年環境、社會及管治報告（虛構）", "MSung-Light", "{n}"
    ),
    "tuning35-airline-en": CaseStyle(
        "Baylark Aviation Group Holdings Limited | ESG Report 2025 (fictional)", footer="Page {n} of 16"
    ),
    "tuning36-propertyagency-zh-hant": CaseStyle(
        "朗域地產代理集團控股有限公司 ｜ 二〇二五年環境、社會及管治報告（虛構）", "MSung-Light", "第 {n} 頁"
    ),
    "tuning36-seafood-en": CaseStyle(
        "Coralmere Seafood Holdings Limited | ESG Report 2024 (fictional)", footer="p. {n}"
    ),
    "tuning37-wastetoenergy-zh-hans": CaseStyle(
        "垣清环境能源集团股份有限公司 ｜ 2025年度环境、社会及管治报告（虚构）", "STSong-Light", "— {n} —"
    ),
    "tuning37-tollroads-en": CaseStyle(
        "Sunvale Highways Holdings Limited | ESG Report 2025 (fictional)", footer="{n} | Sunvale Highways"
    ),
    "tuning38-packaging-zh-hant": CaseStyle(
        "澔彩印刷包裝集團控股有限公司 ｜ 二〇二五年環境、社會及管治報告（虛構）", "MSung-Light", "第 {n} 頁"
    ),
    "tuning38-meddevices-en": CaseStyle("Aldermoor Medical Holdings Limited | ESG Report 2024 (fictional)"),
    "tuning40-travelplatform-en": CaseStyle(
        "Skylantern Travel Holdings Limited | ESG Report 2025 (fictional)", footer="Skylantern ESG Report 2025 | {n}"
    ),
    "tuning40-tyres-zh-hans": CaseStyle(
        "岳澄轮胎股份有限公司 ｜ 2024年度环境、社会及管治报告（虚构）", "STSong-Light", "第 {n} 页"
    ),
    "tuning39-liftengineering-zh-hant": CaseStyle(
        "騰岳機電工程集團控股有限公司 ｜ 二〇二五年環境、社會及管治報告（虛構）", "MSung-Light", "第 {n} 頁"
    ),
    "tuning39-evcharging-zh-hans": CaseStyle(
        "江衡新能源充换电服务股份有限公司 ｜ 2025年度环境、社会及管治报告（虚构）", "STSong-Light", "第 {n} 页"
    ),
}


# --------------------------------------------------------------------------------------------------- parsing
@dataclass
class MdBlock:
    kind: str  # heading | para | bullet | table
    text: str = ""
    level: int = 0
    rows: list[list[str]] = field(default_factory=list)


def _is_cjk(ch: str) -> bool:
    return ord(ch) > 0x2E7F


def _join(a: str, b: str) -> str:
    if not a:
        return b
    if _is_cjk(a[-1]) or _is_cjk(b[0]):
        return a + b
    return a + " " + b


def _inline(text: str) -> str:
    text = re.sub(r"\*\*(.+?)\*\*", r"\1", text)
    text = re.sub(r"(?<![\w*])\*(\S.*?)\*(?!\w)", r"\1", text)
    return text.replace("\\|", "|")


def _cells(line: str) -> list[str]:
    line = line.strip()
    if line.startswith("|"):
        line = line[1:]
    if line.endswith("|"):
        line = line[:-1]
    return [_inline(c.strip()) for c in re.split(r"(?<!\\)\|", line)]


def parse_page(text: str) -> list[MdBlock]:
    blocks: list[MdBlock] = []
    para: list[str] = []

    def flush() -> None:
        if para:
            joined = ""
            for part in para:
                joined = _join(joined, part)
            blocks.append(MdBlock("para", _inline(joined)))
            para.clear()

    lines = text.splitlines()
    i = 0
    while i < len(lines):
        raw = lines[i]
        line = raw.strip()
        if not line or line.startswith("<!--"):
            flush()
        elif m := re.match(r"^(#{1,3})\s+(.*)$", line):
            flush()
            blocks.append(MdBlock("heading", _inline(m.group(2)), level=len(m.group(1))))
        elif line.startswith("|"):
            flush()
            rows = []
            while i < len(lines) and lines[i].strip().startswith("|"):
                cells = _cells(lines[i])
                if not all(re.fullmatch(r":?-{2,}:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(MdBlock("table", rows=rows))
            continue
        elif re.match(r"^[-*]\s+", line):
            flush()
            blocks.append(MdBlock("bullet", _inline(re.sub(r"^[-*]\s+", "", line))))
        else:
            para.append(line)
        i += 1
    flush()
    return blocks


def split_pages(markdown: str) -> list[list[MdBlock]]:
    return [parse_page(page) for page in PAGE_BREAK.split(markdown)]


# ------------------------------------------------------------------------------------------------------ PDF
_FONTS_READY: set[str] = set()


def _font(name: str) -> str:
    from reportlab.pdfbase import _cidfontdata, pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    if name in ("Helvetica", "Helvetica-Bold") or name in _FONTS_READY:
        return name
    if name == "MSung-Light":
        # NOTE: the UCS-2 CMap makes the text extractable as Unicode (the default UniCNS-UCS2-H is the same CMap
        # name in newer reportlab; patching keeps older versions honest too).
        _cidfontdata.defaultUnicodeEncodings["MSung-Light"] = ("cht", "UniCNS-UCS2-H")
    pdfmetrics.registerFont(UnicodeCIDFont(name))
    _FONTS_READY.add(name)
    return name


def _tokens(text: str) -> list[str]:
    """Break points: every CJK character is its own token; Latin words keep their trailing space."""
    return re.findall(r"[\u2E80-\uFFEF]|[^\s\u2E80-\uFFEF]+\s*|\s+", text)


_NO_LINE_START = set("，。、；：！？）」』〉》,.;:!?)%")


def wrap(text: str, font: str, size: float, width: float) -> list[str]:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    lines: list[str] = []
    current = ""
    for token in _tokens(text):
        candidate = current + token
        if stringWidth(candidate.rstrip(), font, size) <= width or not current.strip():
            current = candidate
            continue
        if token[0] in _NO_LINE_START:  # keep closing punctuation on the line it closes
            current = candidate
            continue
        lines.append(current.rstrip())
        current = token.lstrip()
    if current.strip():
        lines.append(current.rstrip())
    # a single token wider than the line (a long URL or number run): hard-split by character
    out: list[str] = []
    for line in lines:
        # NOTE: closing punctuation may hang one character past the margin, as in CJK typesetting
        while stringWidth(line, font, size) > width + size * 1.1 and len(line) > 1:
            cut = len(line)
            while cut > 1 and stringWidth(line[:cut], font, size) > width:
                cut -= 1
            out.append(line[:cut])
            line = line[cut:]
        out.append(line)
    return out


class PageOverflow(Exception):
    pass


def _col_widths(rows: list[list[str]], font: str, size: float, total: float) -> list[float]:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    ncol = max(len(r) for r in rows)
    natural = [0.0] * ncol
    for row in rows:
        for j, cell in enumerate(row):
            natural[j] = max(natural[j], stringWidth(cell, font, size) + 8)
    floor = total / ncol * 0.45
    want = [max(min(n, total * 0.6), min(floor, n)) for n in natural]
    if sum(want) <= total:
        extra = total - sum(want)
        return [w + extra * (w / sum(want)) for w in want]
    # shrink the widest columns first, never below the floor
    widths = want[:]
    while sum(widths) > total + 0.5:
        k = max(range(ncol), key=lambda j: widths[j])
        over = sum(widths) - total
        widths[k] = max(widths[k] - over, max(floor, widths[k] * 0.8))
        if all(abs(w - floor) < 0.5 or w <= floor for w in widths):
            scale = total / sum(widths)
            widths = [w * scale for w in widths]
    return widths


def _draw_page(c, blocks: list[MdBlock], style: CaseStyle, number: int, base: float, dry: bool) -> None:
    from reportlab.lib.pagesizes import A4

    width, height = A4
    left, right, top, bottom = 56.0, 56.0, 70.0, 62.0
    text_w = width - left - right
    font = _font(style.font)
    bold = "Helvetica-Bold" if font == "Helvetica" else font
    y = height - top
    sizes = {1: base + 6.5, 2: base + 3.0, 3: base + 1.2}
    lead = base * 1.42

    def need(h: float) -> None:
        if y - h < bottom:
            raise PageOverflow

    def text_line(s: str, x: float, yy: float, f: str, sz: float) -> None:
        if not dry:
            c.setFont(f, sz)
            c.drawString(x, yy, s)

    if not dry:
        c.setFont(font, 7.5)
        c.setFillGray(0.35)
        c.drawString(left, height - 38, style.header)
        c.drawRightString(width - right, 34, style.footer.format(n=number))
        c.setStrokeGray(0.6)
        c.line(left, height - 44, width - right, height - 44)
        c.setFillGray(0)
        c.setStrokeGray(0)
    for block in blocks:
        if block.kind == "heading":
            sz = sizes[block.level]
            y -= sz * (0.9 if block.level == 1 else 0.6)
            lines = wrap(block.text, bold, sz, text_w)
            for ln in lines:
                need(sz * 1.3)
                y -= sz * 1.25
                text_line(ln, left, y, bold, sz)
            y -= sz * 0.45
        elif block.kind in ("para", "bullet"):
            indent = 14.0 if block.kind == "bullet" else 0.0
            lines = wrap(block.text, font, base, text_w - indent)
            for k, ln in enumerate(lines):
                need(lead)
                y -= lead
                if k == 0 and block.kind == "bullet":
                    text_line("•", left + 3, y, font, base)
                text_line(ln, left + indent, y, font, base)
            y -= base * 0.55
        elif block.kind == "table":
            tsz = base - 0.8
            tlead = tsz * 1.32
            widths = _col_widths(block.rows, font, tsz, text_w)
            y -= 2
            for r, row in enumerate(block.rows):
                f = bold if r == 0 else font
                wrapped = [wrap(cell, f, tsz, widths[j] - 6) or [""] for j, cell in enumerate(row)]
                row_h = max(len(w) for w in wrapped) * tlead + 5
                need(row_h)
                if not dry:
                    if r == 0:
                        c.setFillGray(0.9)
                        c.rect(left, y - row_h, sum(widths), row_h, stroke=0, fill=1)
                        c.setFillGray(0)
                    c.setLineWidth(0.5)
                    c.line(left, y, left + sum(widths), y)
                    c.line(left, y - row_h, left + sum(widths), y - row_h)
                    x = left
                    for w in widths:
                        c.line(x, y, x, y - row_h)
                        x += w
                    c.line(x, y, x, y - row_h)
                x = left
                for j, cell_lines in enumerate(wrapped):
                    yy = y - 2
                    for ln in cell_lines:
                        yy -= tlead
                        text_line(ln, x + 3, yy + 2, f, tsz)
                    x += widths[j] if j < len(widths) else 0
                y -= row_h
            y -= base * 0.9


def render_pdf(pages: list[list[MdBlock]], style: CaseStyle, out: Path) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1, pageCompression=1)
    c.setTitle(style.header)
    c.setAuthor("gapcheck samples (fictional)")
    c.setCreator("samples/build.py")
    for n, blocks in enumerate(pages, start=1):
        for base in (9.6, 9.0, 8.5, 8.0, 7.5, 7.0, 6.6):
            try:
                _draw_page(None, blocks, style, n, base, dry=True)
                break
            except PageOverflow:
                continue
        else:
            raise SystemExit(f"{out}: page {n} does not fit on one A4 page; shorten it")
        _draw_page(c, blocks, style, n, base, dry=False)
        c.showPage()
    c.save()
    out.write_bytes(buf.getvalue())


# ----------------------------------------------------------------------------------------------------- DOCX
def render_docx(pages: list[list[MdBlock]], style: CaseStyle, out: Path) -> None:
    from docx import Document
    from docx.enum.text import WD_BREAK
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10)
    props = doc.core_properties
    props.author = "gapcheck samples (fictional)"
    props.title = style.header
    props.created = FIXED_TIME
    props.modified = FIXED_TIME
    props.last_modified_by = "samples/build.py"
    props.revision = 1

    section = doc.sections[0]
    header_p = section.header.paragraphs[0]
    header_p.text = style.header
    footer_p = section.footer.paragraphs[0]
    footer_p.add_run("Page ")
    run = footer_p.add_run()
    for tag, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if tag:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), tag)
        else:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        run._r.append(el)

    for n, blocks in enumerate(pages):
        for block in blocks:
            if block.kind == "heading":
                doc.add_heading(block.text, level=block.level)
            elif block.kind == "para":
                doc.add_paragraph(block.text)
            elif block.kind == "bullet":
                doc.add_paragraph(block.text, style="List Bullet")
            elif block.kind == "table":
                ncol = max(len(r) for r in block.rows)
                table = doc.add_table(rows=len(block.rows), cols=ncol)
                table.style = "Table Grid"
                for r, row in enumerate(block.rows):
                    for j in range(ncol):
                        cell = table.cell(r, j)
                        cell.text = row[j] if j < len(row) else ""
                        for p in cell.paragraphs:
                            p.paragraph_format.space_after = Pt(0)
                            for rn in p.runs:
                                rn.font.size = Pt(9 if len(block.rows) <= 25 else 7.5)
                                rn.font.bold = r == 0
        if n < len(pages) - 1:
            doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    buf = io.BytesIO()
    doc.save(buf)
    # NOTE: python-docx stamps zip members with the current time; rewrite them with a fixed one
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    fixed = io.BytesIO()
    with zipfile.ZipFile(fixed, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(
                    rb"<dcterms:(created|modified)([^>]*)>[^<]*<",
                    lambda m: b"<dcterms:" + m.group(1) + m.group(2) + b">2025-03-01T09:00:00Z<",
                    data,
                )
            zi = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6])
            zi.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(zi, data)
    out.write_bytes(fixed.getvalue())


# ----------------------------------------------------------------------------------------------------- text
def render_txt(pages: list[list[MdBlock]], style: CaseStyle, out: Path) -> None:
    """Plain text, no Markdown syntax: headings as lines (level 1 in capitals), bullets with '•', tables as
    space-aligned columns, a form feed between pages, the running header and a page footer on every page."""

    def width(s: str) -> int:
        return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)

    texts = []
    for n, blocks in enumerate(pages, start=1):
        lines = [style.header, ""]
        for block in blocks:
            if block.kind == "heading":
                lines += [block.text.upper() if block.level == 1 else block.text, ""]
            elif block.kind == "para":
                lines += [block.text, ""]
            elif block.kind == "bullet":
                lines.append("  • " + block.text)
            elif block.kind == "table":
                if lines and lines[-1].startswith("  •"):
                    lines.append("")
                ncol = max(len(r) for r in block.rows)
                rows = [r + [""] * (ncol - len(r)) for r in block.rows]
                widths = [max(width(r[j]) for r in rows) for j in range(ncol)]
                for r in rows:
                    lines.append(
                        "   ".join(cell + " " * (widths[j] - width(cell)) for j, cell in enumerate(r)).rstrip()
                    )
                lines.append("")
        if lines[-1].startswith("  •"):
            lines.append("")
        lines.append(style.footer.format(n=n))
        texts.append("\n".join(lines) + "\n")
    out.write_text("\f".join(texts), encoding="utf-8")


# ----------------------------------------------------------------------------------------------------- main
def build(case_dir: Path) -> Path | None:
    expected = yaml.safe_load((case_dir / "expected.yaml").read_text(encoding="utf-8"))
    target = case_dir / expected["draft"]
    if target.name == "draft.md":
        return None
    pages = split_pages((case_dir / "draft.md").read_text(encoding="utf-8"))
    style = CASES.get(case_dir.name, CaseStyle(expected.get("title", case_dir.name)))
    {".pdf": render_pdf, ".docx": render_docx, ".txt": render_txt}[target.suffix](pages, style, target)
    return target


def main(argv: list[str]) -> int:
    names = argv or sorted(p.name for p in HERE.iterdir() if (p / "draft.md").is_file())
    for name in names:
        out = build(HERE / name)
        print(f"{name}: {out.relative_to(HERE) if out else 'draft.md (Markdown is the draft)'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
