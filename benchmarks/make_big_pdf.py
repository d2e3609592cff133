"""Generate a 300-page bilingual (English + Traditional Chinese) PDF for the extraction benchmark.

One-column and two-column pages alternate; every 10th page carries a ruled table. Fonts are reportlab's built-in
ones (Helvetica, and the CID font MSung-Light with its CMap patched), so no font files are needed. Note that
MSung-Light is *not embedded*, which is PDFium's slow path (font substitution): expect several times the
per-page cost of a PDF with embedded fonts.

With ``--embed FONT.ttf|.ttc`` the CJK text is drawn in that TrueType font, subset and embedded, as designed
reports are (PDFium's normal path); ``EMBED_DEFAULT`` is the Debian fonts-wqy-zenhei file.

usage: python benchmarks/make_big_pdf.py [--pages 300] [--out benchmarks/out/big.pdf] [--embed FONT]
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import _cidfontdata, pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

ZH = "MSung-Light"
EN = "Helvetica"
W, H = A4
M = 50.0
ZH_PARTS = [
    "本集團",
    "溫室氣體排放",
    "再生能源",
    "供應鏈管理",
    "董事會",
    "氣候相關風險",
    "員工訓練",
    "職業安全衛生",
    "資訊安全",
    "社區投資",
    "淨零目標",
    "生物多樣性",
    "利害關係人",
    "重大主題",
    "持續推動",
    "完成查證",
]
EN_WORDS = [
    "the",
    "Group",
    "reports",
    "Scope",
    "1",
    "and",
    "Scope",
    "2",
    "emissions",
    "renewable",
    "energy",
    "supply",
    "chain",
    "board",
    "oversight",
    "climate",
    "related",
    "risks",
    "employees",
    "training",
    "safety",
    "information",
    "security",
    "community",
    "investment",
    "net-zero",
    "biodiversity",
    "stakeholders",
    "material",
    "topics",
    "assurance",
]


def zh_para(r: random.Random) -> str:
    body = "，".join("".join(r.choice(ZH_PARTS) for _ in range(r.randint(3, 6))) for _ in range(r.randint(4, 8)))
    return (
        f"{body}，累計達{r.randint(100, 999)},{r.randint(100, 999)}人，比例為{r.randint(10, 99)}.{r.randint(10, 99)}%。"
    )


def en_para(r: random.Random) -> str:
    words = [r.choice(EN_WORDS) for _ in range(r.randint(40, 80))]
    return " ".join(words).capitalize() + f", reaching {r.randint(1, 99)},{r.randint(100, 999)} tCO2e."


def wrap(text: str, font: str, size: float, width: float) -> list[str]:
    lines, cur = [], ""
    tokens = text.split(" ") if font == EN else list(text)
    sep = " " if font == EN else ""
    for tok in tokens:
        cand = f"{cur}{sep}{tok}" if cur else tok
        if cur and pdfmetrics.stringWidth(cand, font, size) > width:
            lines.append(cur)
            cur = tok
        else:
            cur = cand
    return [*lines, cur] if cur else lines


def column(c: canvas.Canvas, r: random.Random, x: float, width: float, top: float, bottom: float) -> None:
    y = top
    while True:
        font = r.choice((ZH, EN))
        lines = wrap(zh_para(r) if font == ZH else en_para(r), font, 9.5, width * 0.85)
        if y - len(lines) * 13 < bottom:
            return
        c.setFont(font, 9.5)
        for line in lines:
            c.drawString(x, y, line)
            y -= 13
        y -= 10


def table(c: canvas.Canvas, r: random.Random, top: float) -> float:
    widths, row_h = [200.0, 90.0, 90.0, 90.0], 20.0
    xs = [M]
    for w in widths:
        xs.append(xs[-1] + w)
    rows = 6
    for i in range(rows + 1):
        c.line(xs[0], top - i * row_h, xs[-1], top - i * row_h)
    for x in xs:
        c.line(x, top, x, top - rows * row_h)
    for i in range(rows):
        cells = [r.choice(ZH_PARTS) if i else "指標 Indicator"] + [
            f"{r.randint(1, 999)},{r.randint(100, 999)}" if i else str(2022 + k) for k in range(3)
        ]
        for k, cell in enumerate(cells):
            c.setFont(ZH if k == 0 else EN, 8.5)
            c.drawString(xs[k] + 4, top - i * row_h - 14, cell)
    return top - rows * row_h - 20


EMBED_DEFAULT = Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc")


def build(path: Path, pages: int, seed: int = 7, embed: Path | None = None) -> None:
    global ZH
    if embed is not None:
        from reportlab.pdfbase.ttfonts import TTFont

        ZH = "EmbeddedCJK"
        pdfmetrics.registerFont(TTFont(ZH, str(embed), subfontIndex=0))
    else:
        ZH = "MSung-Light"
        _cidfontdata.defaultUnicodeEncodings[ZH] = ("cht", "UniCNS-UCS2-H")
        pdfmetrics.registerFont(UnicodeCIDFont(ZH))
    r = random.Random(seed)
    c = canvas.Canvas(str(path), pagesize=A4)
    for n in range(1, pages + 1):
        c.setFont(ZH, 8)
        c.drawString(M, H - 28, "ACME 2024 永續報告書 Sustainability Report")
        c.drawCentredString(W / 2, 24, f"第 {n} 頁")
        top = H - M - 10
        c.setFont(ZH, 14)
        c.drawString(M, top, f"{n // 10 + 1}.{n % 10} 章節標題 Section {n}")
        top -= 30
        if n % 10 == 0:
            top = table(c, r, top)
        if n % 2:
            column(c, r, M, W - 2 * M, top, M)
        else:
            half = (W - 2 * M - 20) / 2
            column(c, r, M, half, top, M)
            column(c, r, M + half + 20, half, top, M)
        c.showPage()
    c.save()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "out" / "big.pdf")
    parser.add_argument("--embed", type=Path, default=None, help="a TrueType CJK font to embed")
    args = parser.parse_args()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    build(args.out, args.pages, embed=args.embed)
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.1f} MB, {args.pages} pages)")


if __name__ == "__main__":
    main()
