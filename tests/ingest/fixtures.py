"""One bilingual sample report, rendered as plain text, Markdown, HTML and DOCX, for reader conformance tests.

The content lives in ``PAGES`` once; each ``render_*`` function writes it in one format with that format's own way
of marking pages (form feeds, Markdown page-break markers, CSS page breaks, Word page breaks), hard-wrapped lines
where the format allows them, and inline emphasis where the format has it.
"""

from __future__ import annotations

import html
import textwrap
from dataclasses import dataclass
from pathlib import Path

EN_INTRO = (
    "This report describes the environmental, social and governance performance of the Group for the year "
    "ended 31 December 2024, prepared with reference to the HKEX ESG Reporting Code."
)
HANT_GHG = (
    "本集團於二零二四年持續推進節能減排，範疇一及範疇二溫室氣體排放總量較上年下降百分之八，並已制定二零三零年減排目標。"
)
HANS_GHG = "本集团二零二四年持续推进节能减排，温室气体排放强度较上年下降百分之八，并完成全部数据中心的能耗监测。"
HANT_PEOPLE = "公司堅持平等僱傭原則，為每一位員工提供公平公正的工作環境，全年未發生使用童工及強制勞工等違規情況。"
EN_PEOPLE = "Employee numbers and diversity indicators below are reported as at the end of the reporting period."
HANT_GOV = "董事會全面負責本集團環境、社會及管治策略及匯報，並每年檢討氣候相關風險與機遇的管理成效。"
EN_GOV = "The Board reviews climate-related risks and opportunities annually and oversees the related targets."
BULLETS = (
    "全體員工中女性比例持續提升",
    "员工培训覆盖率达到百分之百",
    "Zero work-related fatalities in 2024",
)
TABLE = (
    ("Indicator 指標", "2024", "Unit"),
    ("員工總數", "455,405", "persons"),
    ("全體員工中女性比例", "51.93%", "percent"),
    ("範疇一排放 Scope 1", "12,345", "tCO2e"),
)


@dataclass(frozen=True)
class Heading:
    text: str
    level: int


@dataclass(frozen=True)
class Para:
    text: str
    emphasis: str = ""  # NOTE: a substring rendered bold where the format allows, to prove markup is stripped


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    rows: tuple[tuple[str, ...], ...]


Item = Heading | Para | Bullets | Table


PAGES: list[list[Item]] = [
    [
        Heading("Environmental Performance", 1),
        Para(EN_INTRO, emphasis="HKEX ESG Reporting Code"),
        Heading("溫室氣體排放", 2),
        Para(HANT_GHG, emphasis="溫室氣體排放總量"),
        Para(HANS_GHG),
    ],
    [
        Heading("Social Performance 員工", 1),
        Para(HANT_PEOPLE),
        Para(EN_PEOPLE),
        Bullets(BULLETS),
        Table(TABLE),
    ],
    [
        Heading("治理與風險管理", 1),
        Para(HANT_GOV, emphasis="董事會"),
        Para(EN_GOV),
    ],
]

# sentence -> page number it must land on, in every format
KNOWN_SENTENCES: dict[str, int] = {
    EN_INTRO: 1,
    HANT_GHG: 1,
    HANS_GHG: 1,
    HANT_PEOPLE: 2,
    EN_PEOPLE: 2,
    **{item: 2 for item in BULLETS},
    HANT_GOV: 3,
    EN_GOV: 3,
}
HEADINGS = {item.text for page in PAGES for item in page if isinstance(item, Heading)}
TABLE_ROWS = [list(row) for row in TABLE]
FORMATS = ("text", "markdown", "html", "docx")


def _wrap(text: str, width: int = 30) -> list[str]:
    """Hard-wrap like a text export: English at spaces, CJK anywhere."""
    if text.isascii():
        return textwrap.wrap(text, width=width * 2)
    return [text[i : i + width] for i in range(0, len(text), width)]


def render_text(path: Path) -> Path:
    pages = []
    for page in PAGES:
        parts = []
        for item in page:
            if isinstance(item, Heading):
                parts.append(item.text)
            elif isinstance(item, Para):
                parts.append("\n".join(_wrap(item.text)))
            elif isinstance(item, Bullets):
                parts.append("\n".join(f"• {text}" for text in item.items))
            else:
                parts.append("\n".join(" | ".join(row) for row in item.rows))
        pages.append("\n\n".join(parts) + "\n")
    path.write_text("\f".join(pages), encoding="utf-8")
    return path


def render_markdown(path: Path) -> Path:
    pages = []
    for page in PAGES:
        parts = []
        for item in page:
            if isinstance(item, Heading):
                parts.append("#" * item.level + " " + item.text)
            elif isinstance(item, Para):
                text = item.text.replace(item.emphasis, f"**{item.emphasis}**") if item.emphasis else item.text
                parts.append("\n".join(_wrap(text)))
            elif isinstance(item, Bullets):
                parts.append("\n".join(f"- {text}" for text in item.items))
            else:
                header, *body = item.rows
                lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
                lines += ["| " + " | ".join(row) + " |" for row in body]
                parts.append("\n".join(lines))
        pages.append("\n\n".join(parts) + "\n")
    # NOTE: both page-break spellings are exercised: the HTML comment marker and a form feed.
    path.write_text(pages[0] + "\n<!-- pagebreak -->\n\n" + pages[1] + "\f" + pages[2], encoding="utf-8")
    return path


def render_html(path: Path) -> Path:
    sections = []
    for page in PAGES:
        parts = []
        for item in page:
            if isinstance(item, Heading):
                parts.append(f"<h{item.level}>{html.escape(item.text)}</h{item.level}>")
            elif isinstance(item, Para):
                text = html.escape(item.text)
                if item.emphasis:
                    text = text.replace(item.emphasis, f"<strong>{item.emphasis}</strong>")
                parts.append("<p>" + "\n".join(_wrap(text)) + "</p>")
            elif isinstance(item, Bullets):
                parts.append("<ul>" + "".join(f"<li>{html.escape(t)}</li>" for t in item.items) + "</ul>")
            else:
                header, *body = item.rows
                head = "<tr>" + "".join(f"<th>{html.escape(c)}</th>" for c in header) + "</tr>"
                rows = "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in r) + "</tr>" for r in body)
                parts.append(f"<table><thead>{head}</thead><tbody>{rows}</tbody></table>")
        sections.append('<section class="page">\n' + "\n".join(parts) + "\n</section>")
    document = (
        '<!DOCTYPE html>\n<html lang="zh-Hant"><head><meta charset="utf-8"><title>Sample ESG report</title>\n'
        "<style>.page { page-break-before: always; } body { font-family: serif; }</style>\n"
        "<script>document.title = 'not content';</script></head>\n<body>\n" + "\n".join(sections) + "\n</body></html>\n"
    )
    path.write_text(document, encoding="utf-8")
    return path


def render_docx(path: Path) -> Path:
    import docx
    from docx.enum.text import WD_BREAK

    document = docx.Document()
    for number, page in enumerate(PAGES, start=1):
        for index, item in enumerate(page):
            if isinstance(item, Heading):
                paragraph = document.add_heading(item.text, item.level)
                if number == 3 and index == 0:
                    # NOTE: page 2 -> 3 is marked by "page break before" on the heading, not by a break run.
                    paragraph.paragraph_format.page_break_before = True
            elif isinstance(item, Para):
                paragraph = document.add_paragraph()
                before, _, after = item.text.partition(item.emphasis) if item.emphasis else (item.text, "", "")
                paragraph.add_run(before)
                if item.emphasis:
                    paragraph.add_run(item.emphasis).bold = True
                    paragraph.add_run(after)
            elif isinstance(item, Bullets):
                for text in item.items:
                    document.add_paragraph(text, style="List Bullet")
            else:
                table = document.add_table(rows=len(item.rows), cols=len(item.rows[0]))
                for r, row in enumerate(item.rows):
                    for c, cell in enumerate(row):
                        table.cell(r, c).text = cell
        if number == 1:
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    document.save(str(path))
    return path


RENDERERS = {
    "text": (render_text, "report.txt"),
    "markdown": (render_markdown, "report.md"),
    "html": (render_html, "report.html"),
    "docx": (render_docx, "report.docx"),
}


def render(fmt: str, directory: Path) -> Path:
    """Write the sample report in ``fmt`` into ``directory`` and return the file."""
    renderer, name = RENDERERS[fmt]
    return renderer(directory / name)
