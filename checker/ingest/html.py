"""HTML via selectolax (lexbor).

Blocks: ``h1``-``h6`` are headings, ``p``/``dt``/``dd``/``pre``/``caption`` paragraphs, ``li`` list items, ``table`` a
table block with its rows. Text that sits directly in a container (``div``, ``blockquote``, ``section``, ``td`` ...)
between child blocks becomes its own paragraph, so no text is dropped and none is duplicated. ``script``, ``style``,
``noscript``, ``template`` and the ``head`` are never read.

Pages: an element whose inline style or a simple ``<style>`` rule (``.page``, ``section``, ``div.page``) says
``page-break-before: always`` / ``break-before: page`` starts a new page, ``page-break-after`` / ``break-after``
ends one, and so does ``<hr class="page-break">``. Like a browser printing the page, a break before the first
content or right after another break adds no blank page. Without such marks the document is one page.

Encoding: byte-order mark, then ``<meta charset>`` (or the XML declaration), then detection as for plain text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from selectolax.lexbor import LexborHTMLParser

from checker.errors import InputError
from checker.ingest.document import BlockKind, Document, DocumentBuilder, SourceInfo
from checker.ingest.encoding import detect_encoding, normalize_label
from checker.ingest.lines import join_wrapped_lines
from checker.ingest.options import ReadOptions
from checker.ingest.paging import Pager

BlockTuple = tuple[BlockKind, str, "int | None", "list[list[str]] | None"]
Emit = Callable[[BlockKind, str, "int | None", "list[list[str]] | None"], None]

_SKIP = {"script", "style", "noscript", "template", "head", "title", "svg", "math", "iframe", "object", "select"}
_HEADINGS = {f"h{n}": n for n in range(1, 7)}
_BLOCKS = {"p": BlockKind.PARAGRAPH, "li": BlockKind.LIST_ITEM, "dt": BlockKind.PARAGRAPH,
           "dd": BlockKind.PARAGRAPH, "pre": BlockKind.PARAGRAPH, "caption": BlockKind.PARAGRAPH,
           "figcaption": BlockKind.PARAGRAPH}  # fmt: skip
_CONTAINERS = {"html", "body", "div", "section", "article", "main", "header", "footer", "nav", "aside", "blockquote",
               "ul", "ol", "dl", "figure", "form", "fieldset", "address", "center", "details", "summary", "hgroup",
               "td", "th", "tr", "thead", "tbody", "tfoot", "legend", "menu"}  # fmt: skip
_PAGE_BREAK_CLASSES = {"page-break", "pagebreak", "new-page"}
_BREAK_BEFORE = re.compile(r"(?:page-)?break-before\s*:\s*(?:always|page|left|right|recto|verso)", re.I)
_BREAK_AFTER = re.compile(r"(?:page-)?break-after\s*:\s*(?:always|page|left|right|recto|verso)", re.I)
_CSS_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
_SIMPLE_SELECTOR = re.compile(r"^([a-z][a-z0-9]*)?(?:\.([\w-]+))?$", re.I)
_DECLARED_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w:.-]+)|<\?xml[^>]+encoding\s*=\s*["']([\w.-]+)""", re.I
)
_MAX_DEPTH = 200
# NOTE: lexbor's tree building is quadratic in nesting depth (200,000 nested <div>s took 108 s), so nesting and
# element counts are checked on the raw tags before it runs. Real reports nest a few dozen levels.
MAX_HTML_DEPTH = 2_000
MAX_HTML_ELEMENTS = 2_000_000
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9:-]*)[^<>]*?(/?)>")
# Elements that never enclose others, or whose end tag is optional (a parser closes them implicitly).
_NOT_NESTING = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
        "p",
        "li",
        "dt",
        "dd",
        "tr",
        "td",
        "th",
        "option",
        "optgroup",
        "thead",
        "tbody",
        "tfoot",
        "colgroup",
        "rp",
        "rt",
        "caption",
    ]
)


def read(data: bytes, source: SourceInfo, options: ReadOptions) -> Document:
    """Read an HTML draft.

    Args:
        data: the file's bytes.
        source: where the bytes came from.
        options: reading options (unused beyond the registry's limits).

    Returns:
        The Document, one page per CSS page-break-separated section.

    Raises:
        InputError: for binary data or an undetectable encoding.
    """
    match = _DECLARED_CHARSET.search(data[:4096])
    declared = (match.group(1) or match.group(2)).decode("ascii") if match else None
    decoded = detect_encoding(data, declared)
    pager = Pager(DocumentBuilder(source))
    if declared and normalize_label(declared) not in (None, decoded.encoding):
        pager.builder.warn(f"declared charset {declared!r} does not fit the content; read as {decoded.encoding}")
    if decoded.replaced:
        pager.builder.warn(f"{decoded.replaced} undecodable byte sequence(s) replaced (read as {decoded.encoding})")
    check_structure(decoded.text)
    tree = LexborHTMLParser(decoded.text)

    def emit(kind: BlockKind, text: str, level: int | None, rows: list[list[str]] | None) -> None:
        pager.add(kind, text, level=level, rows=rows)

    _Walker(emit, lambda: pager.page_break(soft=True), _break_rules(tree)).walk(tree.body or tree.root)
    return pager.finish()


def check_structure(text: str) -> None:
    """Refuse HTML nested deeper than ``MAX_HTML_DEPTH`` or holding more than ``MAX_HTML_ELEMENTS`` tags.

    The depth is estimated from the tags alone (end tags close the nearest open element of their name's depth;
    void and optional-end elements do not nest), which is what matters for the parser's cost.

    Raises:
        InputError: naming the limit.
    """
    depth = deepest = count = 0
    for match in _TAG.finditer(text):
        count += 1
        name = match.group(2).lower()
        if name in _NOT_NESTING or match.group(3):
            continue
        if match.group(1):
            depth = max(0, depth - 1)
            continue
        depth += 1
        if depth > deepest:
            deepest = depth
            if deepest > MAX_HTML_DEPTH:
                raise InputError(f"HTML nested more than {MAX_HTML_DEPTH:,} elements deep; refused (not a report page)")
    if count > MAX_HTML_ELEMENTS:
        raise InputError(f"HTML with {count:,} tags, over the {MAX_HTML_ELEMENTS:,}-tag limit; refused")


def fragment_blocks(html: str) -> list[BlockTuple]:
    """Blocks of an HTML fragment (a raw HTML block inside Markdown), page breaks ignored."""
    blocks: list[BlockTuple] = []
    check_structure(html)
    tree = LexborHTMLParser(html)

    def emit(kind: BlockKind, text: str, level: int | None, rows: list[list[str]] | None) -> None:
        blocks.append((kind, text, level, rows))

    _Walker(emit, lambda: None, (set(), set())).walk(tree.body or tree.root)
    return blocks


Selectors = set[tuple[str, str]]


def _break_rules(tree: LexborHTMLParser) -> tuple[Selectors, Selectors]:
    """Simple selectors (``tag``, ``.class``, ``tag.class``) whose ``<style>`` rules force a page break."""
    before: Selectors = set()
    after: Selectors = set()
    for style in tree.css("style"):
        for selectors, body in _CSS_RULE.findall(style.text(deep=True)):
            targets = [t for t in (before if _BREAK_BEFORE.search(body) else None,
                                   after if _BREAK_AFTER.search(body) else None) if t is not None]  # fmt: skip
            for selector in selectors.split(","):
                match = _SIMPLE_SELECTOR.match(selector.strip())
                if match and (match.group(1) or match.group(2)):
                    for target in targets:
                        target.add(((match.group(1) or "").lower(), match.group(2) or ""))
    return before, after


class _Walker:
    def __init__(self, emit: Emit, page_break: Callable[[], None], rules: tuple[Selectors, Selectors]) -> None:
        self.emit = emit
        self.page_break = page_break
        self.before, self.after = rules
        self.segments: list[str] = [""]  # NOTE: loose inline text; a <br> starts a new segment (a kept newline)

    def walk(self, node: Any) -> None:
        self._children(node, BlockKind.PARAGRAPH, None, 0)
        self._flush(BlockKind.PARAGRAPH, None)

    def _children(self, node: Any, kind: BlockKind, level: int | None, depth: int) -> None:
        for child in node.iter(include_text=True):
            tag = child.tag
            if tag == "-text":
                self.segments[-1] += child.text_content or ""
            elif tag == "br":
                self.segments.append("")
            elif tag in _SKIP or not child.is_element_node:
                continue
            elif depth > _MAX_DEPTH:
                # NOTE: hostile nesting would exhaust the stack; beyond this depth only the text is kept.
                self.segments[-1] += " " + child.text(deep=True, separator=" ")
            else:
                self._element(child, tag, kind, level, depth)

    def _element(self, node: Any, tag: str, kind: BlockKind, level: int | None, depth: int) -> None:
        classes = set((node.attributes.get("class") or "").split())
        style = node.attributes.get("style") or ""
        if tag == "hr":
            if classes & _PAGE_BREAK_CLASSES:
                self._flush(kind, level)
                self.page_break()
            return
        block = tag in _HEADINGS or tag in _BLOCKS or tag in _CONTAINERS or tag == "table"
        if block:
            self._flush(kind, level)
        if _BREAK_BEFORE.search(style) or self._matches(self.before, tag, classes):
            self.page_break()
        if tag == "table":
            self._table(node, depth)
        elif tag in _HEADINGS or tag in _BLOCKS:
            inner_kind = BlockKind.HEADING if tag in _HEADINGS else _BLOCKS[tag]
            inner_level = _HEADINGS.get(tag)
            self._children(node, inner_kind, inner_level, depth + 1)
            self._flush(inner_kind, inner_level)
        else:
            self._children(node, kind, level, depth + 1)
            if block:
                self._flush(kind, level)
        if _BREAK_AFTER.search(style) or self._matches(self.after, tag, classes):
            self.page_break()

    @staticmethod
    def _matches(selectors: Selectors, tag: str, classes: set[str]) -> bool:
        if not selectors:
            return False
        return (tag, "") in selectors or any(("", c) in selectors or (tag, c) in selectors for c in classes)

    def _flush(self, kind: BlockKind, level: int | None) -> None:
        text = "\n".join(_wrapped(segment) for segment in self.segments)
        self.segments = [""]
        if text.strip():
            self.emit(kind, text, level, None)

    def _table(self, node: Any, depth: int) -> None:
        rows: list[list[str]] = []
        for child in node.iter():
            if child.tag == "caption":
                self._children(child, BlockKind.PARAGRAPH, None, depth + 1)
                self._flush(BlockKind.PARAGRAPH, None)
        for row in _rows(node):
            cells = [_cell_text(cell, depth) for cell in row.iter() if cell.tag in ("td", "th")]
            if any(cells):
                rows.append(cells)
        if rows:
            self.emit(BlockKind.TABLE, "\n".join(" | ".join(row) for row in rows), None, rows)


def _rows(table: Any) -> list[Any]:
    """The table's own ``tr`` elements, in order, not those of tables nested in its cells."""
    rows: list[Any] = []
    for child in table.iter():
        if child.tag == "tr":
            rows.append(child)
        elif child.tag in ("thead", "tbody", "tfoot"):
            rows.extend(row for row in child.iter() if row.tag == "tr")
    return rows


def _cell_text(cell: Any, depth: int) -> str:
    """A cell's text on one line: its paragraphs and line breaks become spaces (CJK-aware)."""
    parts: list[tuple[BlockKind, str]] = []
    walker = _Walker(lambda kind, text, level, rows: parts.append((kind, text)), lambda: None, (set(), set()))
    walker._children(cell, BlockKind.PARAGRAPH, None, depth + 1)
    walker._flush(BlockKind.PARAGRAPH, None)
    return join_wrapped_lines([line for _, text in parts for line in text.split("\n")])


def _wrapped(segment: str) -> str:
    # NOTE: HTML source line breaks are layout, not content: between two CJK characters they vanish, elsewhere
    # they are a space, exactly like a wrapped PDF line.
    return join_wrapped_lines(re.sub(r"[ \t\u00a0\u3000]+", " ", segment).split("\n"))
