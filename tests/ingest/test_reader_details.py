"""Format-specific behaviour the conformance sample does not reach: Word pagination marks, merges, styles, markers."""

from __future__ import annotations

from pathlib import Path

import docx
from docx.enum.section import WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from checker.ingest import BlockKind, Document, read_document


def layout(document: Document) -> list[tuple[int, str, str]]:
    return [(block.page, block.kind.value, block.text) for block in document.blocks]


def test_docx_rendered_breaks_split_paragraphs_and_collapse_with_hard_breaks(tmp_path: Path) -> None:
    word = docx.Document()
    paragraph = word.add_paragraph("第一頁的文字")
    paragraph.add_run().element.append(OxmlElement("w:lastRenderedPageBreak"))
    paragraph.add_run("第二頁的文字")
    word.add_paragraph("hard").add_run().add_break(WD_BREAK.PAGE)
    # NOTE: Word also marks the page that follows a hard break as rendered; it must not add a blank page.
    word.add_paragraph().add_run().element.append(OxmlElement("w:lastRenderedPageBreak"))
    word.add_paragraph("third page")
    word.add_section(WD_SECTION.NEW_PAGE)
    word.add_paragraph("fourth page")
    word.add_section(WD_SECTION.CONTINUOUS)
    word.add_paragraph("still fourth")
    path = tmp_path / "paged.docx"
    word.save(str(path))
    assert layout(read_document(path)) == [
        (1, "paragraph", "第一頁的文字"),
        (2, "paragraph", "第二頁的文字"),
        (2, "paragraph", "hard"),
        (3, "paragraph", "third page"),
        (4, "paragraph", "fourth page"),
        (4, "paragraph", "still fourth"),
    ]


def test_docx_merged_cells_are_counted_once(tmp_path: Path) -> None:
    word = docx.Document()
    table = word.add_table(rows=3, cols=3)
    table.cell(0, 0).merge(table.cell(0, 1)).text = "Scope 1 and 2"
    table.cell(0, 2).text = "tCO2e"
    table.cell(1, 0).merge(table.cell(2, 0)).text = "2024"
    table.cell(1, 1).text = "12,345"
    table.cell(1, 2).text = "a"
    table.cell(2, 1).text = "6,789"
    table.cell(2, 2).text = "b"
    path = tmp_path / "merged.docx"
    word.save(str(path))
    (block,) = read_document(path).blocks
    assert block.kind is BlockKind.TABLE
    assert block.rows == [["Scope 1 and 2", "tCO2e"], ["2024", "12,345", "a"], ["", "6,789", "b"]]


def test_docx_localized_and_outline_headings(tmp_path: Path) -> None:
    word = docx.Document()
    localized = word.styles.add_style("標題 1", WD_STYLE_TYPE.PARAGRAPH)
    word.add_paragraph("氣候相關披露", style=localized)
    outlined = word.add_paragraph("Outline level three")
    ppr = outlined._p.get_or_add_pPr()
    level = OxmlElement("w:outlineLvl")
    level.set(qn("w:val"), "2")
    ppr.append(level)
    word.add_paragraph("Report title", style="Title")
    word.add_paragraph("body text")
    path = tmp_path / "styles.docx"
    word.save(str(path))
    blocks = read_document(path).blocks
    assert [(b.kind.value, b.level) for b in blocks] == [
        ("heading", 1),
        ("heading", 3),
        ("heading", 1),
        ("paragraph", None),
    ]


def test_markdown_break_markers_and_trailing_break(tmp_path: Path) -> None:
    path = tmp_path / "r.md"
    path.write_text(
        "# One\n\ntext one\n\\pagebreak\ntext two\n\n\\newpage\n\n## Three\n\ntext *three*\n\f", encoding="utf-8"
    )
    assert layout(read_document(path)) == [
        (1, "heading", "One"),
        (1, "paragraph", "text one"),
        (2, "paragraph", "text two"),
        (3, "heading", "Three"),
        (3, "paragraph", "text three"),
    ]


def test_markdown_bold_title_is_a_sub_heading_but_bold_sentences_and_run_in_titles_are_not(tmp_path: Path) -> None:
    path = tmp_path / "r.md"
    path.write_text(
        "## 氣候相關風險及機遇\n\n**機遇**\n\n- 綠色建築認證\n\n**Opportunities**\n\n"
        "**We saw no material incident this year.**\n\n**Targets.** We cut waste by 5%.\n\n"
        "- **In a list**\n\n**机遇**与风险并存\n",
        encoding="utf-8",
    )
    document = read_document(path)
    assert layout(document) == [
        (1, "heading", "氣候相關風險及機遇"),
        (1, "heading", "機遇"),
        (1, "list_item", "綠色建築認證"),
        (1, "heading", "Opportunities"),
        (1, "paragraph", "We saw no material incident this year."),
        (1, "paragraph", "Targets. We cut waste by 5%."),
        (1, "list_item", "In a list"),
        (1, "paragraph", "机遇与风险并存"),
    ]
    assert [block.level for block in document.blocks if block.kind is BlockKind.HEADING] == [2, 3, 3]
    assert document.blocks[2].section == ["氣候相關風險及機遇", "機遇"]


def test_html_break_after_and_first_break_ignored(tmp_path: Path) -> None:
    path = tmp_path / "r.html"
    path.write_text(
        '<html><body><div style="break-before: page"><p>one</p></div>'
        '<div style="page-break-after: always">two</div><blockquote>three <em>quoted</em></blockquote>'
        "<template><p>hidden</p></template></body></html>",
        encoding="utf-8",
    )
    assert layout(read_document(path)) == [
        (1, "paragraph", "one"),
        (1, "paragraph", "two"),
        (2, "paragraph", "three quoted"),
    ]


def test_text_form_feeds_separate_pages_and_keep_blank_ones(tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    path.write_text("page one\f\fpage three\f", encoding="utf-8")
    document = read_document(path)
    assert [len(page.blocks) for page in document.pages] == [1, 0, 1, 0]
    assert document.text == "page one\f\fpage three\f"


def test_text_title_at_the_margin_ends_an_indented_list(tmp_path: Path) -> None:
    # NOTE: an indented list's wrapped line continues its item; a title set back at the margin with no blank line
    # before it starts the next section
    path = tmp_path / "r.txt"
    path.write_text(
        "Our sites\n\n  • Noise from the dye house,\n    reduced with enclosures.\n  • Runoff from the yard.\n"
        "Packaging\n\nWe used 120 tonnes of cartons.\n",
        encoding="utf-8",
    )
    assert layout(read_document(path)) == [
        (1, "heading", "Our sites"),
        (1, "list_item", "Noise from the dye house, reduced with enclosures."),
        (1, "list_item", "Runoff from the yard."),
        (1, "heading", "Packaging"),
        (1, "paragraph", "We used 120 tonnes of cartons."),
    ]


def test_text_table_cells_and_decimal_lines_are_not_list_items(tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    path.write_text("指標\t2024\n員工總數\t455,405\n\n51.93%\n\n1. first item\n2. second item\n", encoding="utf-8")
    assert layout(read_document(path)) == [
        (1, "table", "指標 | 2024\n員工總數 | 455,405"),
        (1, "paragraph", "51.93%"),
        (1, "list_item", "1. first item"),
        (1, "list_item", "2. second item"),
    ]


def test_text_table_in_columns_of_spaces_is_a_table(tmp_path: Path) -> None:
    # a table as "pdftotext -layout" sets it: its header line leaves the first column blank
    path = tmp_path / "r.txt"
    path.write_text(
        "Headcount at 31 December\n\n"
        "                 Hong Kong   Macau   Total\n"
        "Female           640         52      692\n"
        "Male             588         47      635\n\n"
        "Our people  are  what  we  value  most.\n",
        encoding="utf-8",
    )
    kinds = [(kind, text) for _, kind, text in layout(read_document(path))]
    assert kinds[1] == ("table", "| Hong Kong | Macau | Total\nFemale | 640 | 52 | 692\nMale | 588 | 47 | 635")
    assert kinds[2][0] == "paragraph"  # double spaces in one line of prose make no table


def test_text_table_of_words_in_three_columns_is_a_table(tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    path.write_text(
        "Type         Risk                              Horizon\n"
        "Transition   Stricter disclosure rules         Short\n"
        "Physical     Typhoons and flooding in Macau    Medium to long\n",
        encoding="utf-8",
    )
    [(_, kind, text)] = layout(read_document(path))
    assert kind == "table"
    assert text.splitlines()[2] == "Physical | Typhoons and flooding in Macau | Medium to long"


def test_text_index_in_columns_with_a_long_remark_is_a_table(tmp_path: Path) -> None:
    # an index's last column may carry a whole reason; four lined-up rows of three columns are still a table
    remark = "Not applicable: as a ferry operator we do not sell or ship any products that could be recalled"
    path = tmp_path / "r.txt"
    path.write_text(
        "Provision           Description                                  Page / remark\n"
        "B6.2                Complaints                                   14\n"
        f"Product recalls     Products recalled for safety reasons         {remark}\n"
        "B6.3                Intellectual property                        15\n"
        "Financed emissions  Category 15 of Scope 3                       Not applicable: we have no lending book\n",
        encoding="utf-8",
    )
    [(_, kind, text)] = layout(read_document(path))
    assert kind == "table"
    assert text.splitlines()[2] == f"Product recalls | Products recalled for safety reasons | {remark}"


def test_two_columns_of_long_prose_stay_a_paragraph(tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    long = "We reduced our electricity use at every depot through lighting retrofits and smarter scheduling of shifts"
    path.write_text(f"{long}  and so on.\n{long}  and again.\n", encoding="utf-8")
    [(_, kind, _text)] = layout(read_document(path))
    assert kind == "paragraph"


def test_text_heading_with_a_date_and_a_chapter_in_capitals(tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    path.write_text(
        "OUR PEOPLE\n\n僱員概況（截至2025年12月31日）\n\n"
        "本集團共有僱員1,710名，其中全職僱員1,560名，兼職僱員150名，分佈於香港及廣東各校區。\n",
        encoding="utf-8",
    )
    document = read_document(path)
    headings = [(b.text, b.level) for b in document.blocks if b.kind.value == "heading"]
    assert headings == [("OUR PEOPLE", 1), ("僱員概況（截至2025年12月31日）", 2)]
