"""Document structure: what each block is, where it sits, and whether it may serve as evidence.

Runs after a reader, for every format, and before anything is judged:

1. roles, per block and never per page: tables of contents (``contents``), content indexes and correspondence
   tables (``indexes``), text that restates a standard's requirement (``echo``), highlights pages and reader
   questionnaires (``mentions``), running headers and footers (found by ``checker.ingest.running``);
2. headings where the format marks none, and levels from numbering (``headings``);
3. every block's section path, and every page's printed page number (``labels``).

The result is the same Document with ``role``, ``role_reason``, ``section`` and inferred headings filled in; texts,
pages and spans never change, so evidence offsets stay valid. ``gapcheck extract --format json`` shows all of it.
"""

from __future__ import annotations

import re
from collections import Counter

from checker.ingest.document import Block, BlockKind, BlockRole, Document
from checker.structure.chapters import EDGE_BLOCKS as CHAPTER_EDGE_BLOCKS
from checker.structure.chapters import ChapterTitles, chapter_titles
from checker.structure.contents import contents_blocks
from checker.structure.echo import is_aspect_title, is_requirement_echo
from checker.structure.headings import HeadingGuess, infer_headings, numbering_level, section_paths
from checker.structure.indexes import index_blocks, is_index_title, running_key_text
from checker.structure.labels import printed_labels
from checker.structure.mentions import correspondence_continuation, echo_table, mention_blocks
from checker.structure.response_tables import RESPONSE_TABLE_REASON, is_response_table

# A page header naming an index heads the index's pages; one on more than this many pages (and this share of the
# document) is a navigation bar or the document's own running title. The key is the header's opening characters.
NAVIGATION_MIN_PAGES = 6
NAVIGATION_PAGE_SHARE = 0.4
NAVIGATION_KEY_CHARS = 60
NAVIGATION_MIN_REPEATS = 3
# A chapter title printed as a page header heads its chapter at the outermost level.
CHAPTER_LEVEL = 1
NUMBERED_HEADING_MAX = 100  # a numbered line this short is a heading, not a numbered paragraph

__all__ = ["annotate"]


def annotate(document: Document) -> Document:
    """Fill in every block's role, reason, section path and inferred heading level.

    Args:
        document: a reader's result, with running headers and footers marked.

    Returns:
        A new Document (same texts and spans) sharing ``document``'s folded text.
    """
    blocks = document.blocks
    if not blocks:
        return document
    folded = document.folded()
    ftext = folded.text
    texts = [ftext[folded.to_folded(b.span[0]) : folded.to_folded(b.span[1])] for b in blocks]
    navigation = _repeated_running(blocks, texts)
    live = ["" if b.running or i in navigation else t for i, (b, t) in enumerate(zip(blocks, texts, strict=True))]
    tables = [b.kind is BlockKind.TABLE for b in blocks]
    headings = [b.kind is BlockKind.HEADING for b in blocks]
    echo_reasons = [
        None if b.kind is BlockKind.TABLE else is_requirement_echo(t) for b, t in zip(blocks, live, strict=False)
    ]
    roles: dict[int, tuple[BlockRole, str]] = {}
    index_pages = _index_title_pages(document, texts)
    echoes = [r is not None for r in echo_reasons]
    for i, reason in index_blocks(live, tables, headings, echoes, index_pages, [b.page for b in blocks]).items():
        roles[i] = (BlockRole.CONTENT_INDEX, reason)
    answered: set[int] = set()
    for i, text in enumerate(live):
        if tables[i] and i not in roles and echo_table(text, is_requirement_echo):
            if is_response_table(text):
                answered.add(i)  # NOTE: the disclosure laid out as a table; its restated cells are masked when indexed
            else:
                roles[i] = (BlockRole.CONTENT_INDEX, "correspondence table (rows restate requirements beside answers)")
    anchors = [i for i, (role, reason) in sorted(roles.items()) if reason.startswith("correspondence table")]
    numbered = [len(t) <= NUMBERED_HEADING_MAX and numbering_level(t) is not None for t in live]
    for i in correspondence_continuation(live, anchors, echoes, [b.page for b in blocks], numbered):
        roles.setdefault(
            i, (BlockRole.CONTENT_INDEX, "correspondence table (continued: answers between restated requirements)")
        )
    for i, (role, reason) in mention_blocks(live, headings, [b.page for b in blocks]).items():
        roles.setdefault(i, (BlockRole(role), reason))
    for i, reason in contents_blocks(live, tables).items():
        roles.setdefault(i, (BlockRole.TOC, reason))
    for i, echo in enumerate(echo_reasons):
        if echo is not None and not (headings[i] and is_aspect_title(live[i])):
            roles.setdefault(i, (BlockRole.REQUIREMENT_ECHO, echo))
    for i, block in enumerate(blocks):
        if block.running:
            roles[i] = (BlockRole.RUNNING, "running header or footer")
        elif i in navigation:
            roles[i] = (BlockRole.RUNNING, "the running header's text, placed where a reader did not mark it")
    chapters = _chapter_titles(blocks, live, roles)
    for i in chapters.repeats:
        roles[i] = (BlockRole.RUNNING, "the chapter's title repeated as a page header")
    originals = [b.text for b in blocks]
    guesses = infer_headings(
        originals,
        [b.kind.value for b in blocks],
        [b.level for b in blocks],
        [i not in roles for i in range(len(blocks))],
        numbering_first=document.source.format == "pdf",
        guessed=document.source.format in ("pdf", "text"),
    )
    for i in chapters.headings:
        guesses[i] = HeadingGuess(True, CHAPTER_LEVEL)
    for i, (role, _) in roles.items():
        if role is BlockRole.RUNNING:
            # NOTE: a page header or footer opens no section, even styled as a heading or guessed as one: a running
            # "ACME ESG Report 2024 29" would otherwise head every passage after it until the next real heading
            guesses[i] = HeadingGuess(False, None)
    paths = section_paths(originals, guesses)
    for i in answered:
        roles.setdefault(i, (BlockRole.BODY, RESPONSE_TABLE_REASON))  # NOTE: body, with the reason its cells differ
    labels = printed_labels(document)
    position = 0
    pages = []
    for page, label in zip(document.pages, labels, strict=True):
        new_blocks = []
        for block in page.blocks:
            i = position
            position += 1
            new_blocks.append(_annotated(block, roles.get(i), guesses[i], paths[i]))
        pages.append(page.model_copy(update={"blocks": new_blocks, "label": label}))
    annotated = document.share_folded(document.model_copy(update={"pages": pages}))
    from checker.claims.parse import read_content_index  # NOTE: claims read indexes found here; imported late

    claims = read_content_index(annotated)
    kept = claims if claims.found or claims.topic_rows else None
    return annotated.share_folded(annotated.model_copy(update={"content_index": kept}))


def _chapter_titles(blocks: list[Block], live: list[str], roles: dict[int, tuple[BlockRole, str]]) -> ChapterTitles:
    """Chapter titles printed at the top of their chapter's pages, among the blocks that are still body text."""
    texts = ["" if i in roles else text for i, text in enumerate(live)]
    edge: list[bool] = []
    seen: Counter[int] = Counter()
    for block, text in zip(blocks, texts, strict=True):
        first = bool(text.strip()) and seen[block.page] < CHAPTER_EDGE_BLOCKS
        seen[block.page] += bool(text.strip())
        edge.append(first)
    return chapter_titles(texts, [b.page for b in blocks], edge)


def _repeated_running(blocks: list[Block], texts: list[str]) -> set[int]:
    """Blocks the reader left unmarked that repeat a running header's whole text (a navigation bar, a title).

    NOTE: a page whose layout differs (a data table, an appendix) can push the running header off the band the
    reader recognises it in; the same text is still the header, and must not title what follows it.
    """
    keys = Counter(_header_key(t, whole=True) for b, t in zip(blocks, texts, strict=True) if b.running)
    repeated = {key for key, count in keys.items() if count >= NAVIGATION_MIN_REPEATS and len(key) >= 8}
    # NOTE: a key's words are runs of the block's own text, so a block that holds no key's longest word cannot
    # have one of these keys; only the few that do are keyed (the keys of thousands of blocks cost ~15 ms)
    probes = {max(key.split(" "), key=len) for key in repeated}
    return {
        i
        for i, (b, t) in enumerate(zip(blocks, texts, strict=True))
        if not b.running and any(probe in t for probe in probes) and _header_key(t, whole=True) in repeated
    }


def _index_title_pages(document: Document, texts: list[str]) -> list[str | None]:
    """For every block, the content-index title its page carries as a running header or footer, if any."""
    titles: dict[int, tuple[str, str]] = {}
    position = {id(block): i for i, block in enumerate(document.blocks)}
    for page in document.pages:
        # NOTE: a page header: the running header, or one of the first two blocks when the header does not repeat
        # on enough pages to count as running (it heads the index pages only).
        heads = [b for b in page.blocks if b.running] + [b for b in page.blocks[:2] if not b.running]
        for block in heads:
            text = texts[position[id(block)]]
            title = _leading_index_title(text)
            if title is not None:
                titles[page.number] = (title, _header_key(text))
                break
    # NOTE: a navigation bar printed on every page ("GRI Index | SASB Response | Data Center | Assurance") names
    # the index without heading it: a header that recurs on most of a long document's pages is the document's,
    # not the index's. An index's own page title recurs only over the index's few pages.
    recurrences = Counter(key for _, key in titles.values())
    limit = max(NAVIGATION_MIN_PAGES, NAVIGATION_PAGE_SHARE * len(document.pages))
    kept = {number: title for number, (title, key) in titles.items() if recurrences[key] <= limit}
    return [kept.get(block.page) for block in document.blocks]


_HEADER_SPACES = re.compile(r"[\s|/]+")  # NOTE: compiled once: the key of every block may be needed


def _header_key(text: str, whole: bool = False) -> str:
    key = _HEADER_SPACES.sub(" ", running_key_text(text.strip())).strip()
    return key if whole else key[:NAVIGATION_KEY_CHARS]


_TITLE_END = re.compile(
    r"(?:index|索引|索引表|对照表|对应表|guide|code)(?:\s*[(（]?(?:continued|cont'?d|续)[)）]?)?", re.IGNORECASE
)


def _leading_index_title(text: str) -> str | None:
    """An index title at the top of a page, alone or run into the index's column headings."""
    stripped = text.strip()
    if len(stripped) <= 140 and is_index_title(running_key_text(stripped)):
        return stripped
    for match in _TITLE_END.finditer(stripped[:140]):
        head = stripped[: match.end()]
        if is_index_title(running_key_text(head)):
            return head
    return None


def _annotated(block: Block, role: tuple[BlockRole, str] | None, guess: HeadingGuess, path: tuple[str, ...]) -> Block:
    update: dict[str, object] = {"section": list(path)}
    if role is not None:
        update["role"], update["role_reason"] = role
    if guess.heading and (block.kind is not BlockKind.HEADING or block.level != guess.level):
        update["kind"], update["level"] = BlockKind.HEADING, guess.level
    elif not guess.heading and block.kind is BlockKind.HEADING:
        update["kind"], update["level"] = BlockKind.PARAGRAPH, None  # NOTE: a caption or a data label
    # NOTE: a shallow copy with the new values, unvalidated: ~5,000 blocks in a long report. model_copy (not deep)
    # gives the same fields and fields-set as model_construct did, in half its time (2 us a block against 4).
    return block.model_copy(update=update)
