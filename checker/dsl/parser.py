"""Parse rule files: a cached LALR parser, a transformer into the typed AST, and human syntax errors."""

from __future__ import annotations

import difflib
import hashlib
from functools import lru_cache
from pathlib import Path
from typing import Any

from lark import (
    Lark,
    Token,
    Transformer,
    UnexpectedCharacters,
    UnexpectedEOF,
    UnexpectedInput,
    UnexpectedToken,
)
from lark.exceptions import VisitError
from lark.grammar import Rule
from lark.lexer import TerminalDef
from lark.tree import Meta

from checker.dsl import ast
from checker.dsl.diagnostics import Diagnostic
from checker.dsl.strings import StringError as _StringError
from checker.dsl.strings import unquote as _unquote

_GRAMMAR = Path(__file__).with_name("grammar.lark")

# Terminal names lark reports -> what a rule author understands.
_TERMINAL_WORDS = {
    "STRING": "a quoted string",
    "NAME": "a name",
    "SYMBOL": "a kebab-case symbol such as workforce-composition",
    "INT": "a whole number",
    "COMPARE": "a comparison such as >=",
    "LBRACE": "'{'",
    "RBRACE": "'}'",
    "LPAR": "'('",
    "RPAR": "')'",
    "LSQB": "'['",
    "RSQB": "']'",
    "COMMA": "','",
    "COLON": "':'",
    "EQUAL": "'='",
    "OPTIONAL": "'optional'",
    "_WHEN": "'when'",
    "$END": "the end of the file",
}


@lru_cache(maxsize=1)
def get_parser() -> Lark:
    """The shared parser, built once per process, and its LALR tables once per grammar.

    NOTE: building the tables from the grammar costs ~0.25 s, paid only when some rule file must be parsed (after
    an edit: see ``pack_cache``). lark can keep the tables in a cache file, but that file is a pickle: one planted
    in a shared cache folder would run code on the next audit. They are stored instead as plain JSON data beside
    the compiled packs (keyed by the grammar, this source and the lark version; ~10 ms to load), which lark's own
    loader turns back into the same parser; a missing or unreadable entry means building them again.
    """
    import lark

    from checker.dsl import pack_cache

    grammar = _GRAMMAR.read_text(encoding="utf-8")
    name = pack_cache.key("lalr", lark.__version__, hashlib.sha256(grammar.encode()).hexdigest())
    stored = pack_cache.load_shared(name)
    if isinstance(stored, dict) and set(stored) == {"data", "memo"}:
        try:
            return Lark.load(stored)
        except Exception:  # NOTE: a foreign or damaged entry only costs the build below
            pass
    parser = Lark(grammar, parser="lalr", strict=True, propagate_positions=True, maybe_placeholders=True)
    data, memo = parser.memo_serialize([TerminalDef, Rule])
    pack_cache.store_shared(name, {"data": data, "memo": memo})
    return parser


def parse_rule_text(text: str, path: str) -> ast.RuleFile:
    """Parse one rule file's text.

    Raises:
        RuleError: rendered with ``path:line:col``, the line, a caret and what was expected.
    """
    try:
        tree = get_parser().parse(text)
    except UnexpectedInput as exc:
        raise syntax_diagnostic(exc, text, path).to_error(text) from None
    try:
        return _ToAst(path).transform(tree)  # type: ignore[no-any-return]
    except _StringError as exc:
        raise exc.diagnostic(path).to_error(text) from None
    except VisitError as exc:
        # NOTE: lark may wrap what a transformer method raises; a located string error is the author's, and is
        # re-raised as a rule error with the source line for the caret.
        if isinstance(exc.orig_exc, _StringError):
            raise exc.orig_exc.diagnostic(path).to_error(text) from None
        raise


def parse_rule_file(path: Path) -> ast.RuleFile:
    """Read and parse a rule file; unreadable or non-UTF-8 files are rule errors too."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise Diagnostic(f"rule files must be UTF-8 (byte {exc.start} is not)", str(path), 1, 1).to_error("") from None
    except OSError as exc:
        raise Diagnostic(f"cannot read rule file: {exc.strerror}", str(path), 1, 1).to_error("") from None
    return parse_rule_text(text, str(path))


def _describe_expected(names: set[str] | frozenset[str]) -> str:
    words = []
    for name in sorted(names):
        if name in _TERMINAL_WORDS:
            words.append(_TERMINAL_WORDS[name])
        elif name.isupper() and name.replace("_", "").isalpha():
            words.append(f"'{name.lower()}'")  # keyword terminals are named after the keyword
        else:
            words.append(name)
    unique = list(dict.fromkeys(words))
    if len(unique) > 8:
        unique = [*unique[:8], "..."]
    return ", ".join(unique)


def syntax_diagnostic(exc: UnexpectedInput, text: str, path: str) -> Diagnostic:
    """Turn a lark exception into a plain-words diagnostic."""
    lines = text.splitlines() or [""]
    line, column = getattr(exc, "line", -1), getattr(exc, "column", -1)
    if line is None or line < 1:
        # NOTE: lark reports end-of-file errors at line -1; point at the end of the last non-blank line.
        line = max((i + 1 for i, t in enumerate(lines) if t.strip()), default=1)
        column = len(lines[line - 1]) + 1
    if isinstance(exc, UnexpectedCharacters):
        position = exc.pos_in_stream or 0
        char = text[position] if position < len(text) else ""
        if char == '"':
            return Diagnostic(
                "missing closing quote",
                path,
                line,
                column,
                help='close the string on the same line, or use """triple quotes""" for text over several lines',
            )
        return Diagnostic(
            f"unexpected character {char!r}",
            path,
            line,
            column,
            help=f"expected {_describe_expected(exc.allowed or set())}",
        )
    if (isinstance(exc, UnexpectedToken) and exc.token.type == "$END") or isinstance(exc, UnexpectedEOF):
        expected: set[str] = set(getattr(exc, "expected", set()) or set())
        line = max((i + 1 for i, t in enumerate(lines) if t.strip()), default=1)
        column = len(lines[line - 1]) + 1
        return Diagnostic(
            "the file ends in the middle of a declaration",
            path,
            line,
            column,
            help=f"expected {_describe_expected(expected)}; is a closing '}}' or quote missing?",
        )
    if isinstance(exc, UnexpectedToken):
        token: Token = exc.token
        found = str(token)
        length = len(found.splitlines()[0]) if found else 1
        keywords = [n.lower() for n in exc.expected if n.isupper() and n.replace("_", "").isalpha()]
        close = difflib.get_close_matches(found.lower(), keywords, n=1)
        return Diagnostic(
            f"unexpected {found!r}",
            path,
            line,
            column,
            end_column=column + length,
            help=(f"did you mean '{close[0]}'? " if close else "") + f"expected {_describe_expected(exc.expected)}",
        )
    return Diagnostic(str(exc).splitlines()[0], path, line, column)  # pragma: no cover - lark has no others


class _ToAst(Transformer[Token, Any]):
    """Parse tree -> frozen AST nodes, each with its span."""

    def __init__(self, path: str) -> None:
        super().__init__()
        self.path = path

    def _span(self, meta: Meta | Token) -> ast.Span:
        if isinstance(meta, Token):
            return ast.Span(
                self.path,
                meta.line or 1,
                meta.column or 1,
                meta.end_line or meta.line or 1,
                meta.end_column or meta.column or 1,
            )
        if getattr(meta, "empty", True):
            return ast.Span(self.path, 1, 1, 1, 1)
        return ast.Span(self.path, meta.line, meta.column, meta.end_line, meta.end_column)

    # NOTE: lark passes `meta` only to methods decorated with v_args(meta=True); __default__ style keeps it
    # explicit: every rule method below receives (children, meta) through `_call_userfunc` override.
    def _call_userfunc(self, tree: Any, new_children: Any = None) -> Any:
        children = new_children if new_children is not None else tree.children
        handler = getattr(self, tree.data, None)
        if handler is None:
            return self.__default__(tree.data, children, tree.meta)  # type: ignore[no-untyped-call]
        return handler(children, tree.meta)

    # ---- tokens
    def STRING(self, token: Token) -> Token:
        return token

    # ---- file
    def start(self, children: list[Any], meta: Meta) -> ast.RuleFile:
        standards = [c for c in children if isinstance(c, ast.StandardHeader)]
        return ast.RuleFile(
            path=self.path,
            standard=standards[0] if standards else None,
            lexicons=tuple(c for c in children if isinstance(c, ast.Lexicon)),
            requirements=tuple(c for c in children if isinstance(c, ast.Requirement)),
            reliefs=tuple(c for c in children if isinstance(c, ast.ReliefDecl)),
        )

    def standard(self, children: list[Any], meta: Meta) -> ast.StandardHeader:
        ident, name, edition, *fields = children
        aliases: list[str] = []
        includes: list[str] = []
        default_year: int | None = None
        effective: str | None = None
        for kind, value in fields:
            if kind == "alias":
                aliases.extend(value)
            elif kind == "include":
                includes.append(value)
            elif kind == "default_year":
                default_year = value
            elif kind == "effective":
                effective = value
        return ast.StandardHeader(
            _unquote(ident),
            _unquote(name),
            _unquote(edition),
            tuple(aliases),
            tuple(includes),
            default_year,
            effective,
            self._span(meta),
        )

    def alias(self, children: list[Any], meta: Meta) -> tuple[str, list[str]]:
        return "alias", [_unquote(c) for c in children]

    def include(self, children: list[Any], meta: Meta) -> tuple[str, str]:
        return "include", _unquote(children[0])

    def default_year(self, children: list[Any], meta: Meta) -> tuple[str, int]:
        return "default_year", int(children[0])

    def effective_from(self, children: list[Any], meta: Meta) -> tuple[str, str]:
        return "effective", _unquote(children[0])

    def lexicon(self, children: list[Any], meta: Meta) -> ast.Lexicon:
        name, *terms, exceptions, contexts = children
        return ast.Lexicon(str(name), tuple(terms), self._span(meta), tuple(exceptions or ()), tuple(contexts or ()))

    def relief_decl(self, children: list[Any], meta: Meta) -> ast.ReliefDecl:
        name, reason, stated = children
        return ast.ReliefDecl(_unquote(name), _unquote(reason), stated, self._span(meta))

    def lexicon_except(self, children: list[Any], meta: Meta) -> list[Any]:
        return list(children)

    def lexicon_context(self, children: list[Any], meta: Meta) -> list[Any]:
        return list(children)

    # ---- terms
    def literal(self, children: list[Any], meta: Meta) -> ast.Literal:
        return ast.Literal(_unquote(children[0]), self._span(children[0]))

    def lexref(self, children: list[Any], meta: Meta) -> ast.LexRef:
        return ast.LexRef(str(children[0]), self._span(children[0]))

    def termlist(self, children: list[Any], meta: Meta) -> ast.TermList:
        return ast.TermList(tuple(children), self._span(meta))

    def number(self, children: list[Any], meta: Meta) -> ast.Number:
        return ast.Number(int(children[0]), self._span(children[0]))

    def keyword_arg(self, children: list[Any], meta: Meta) -> ast.KeywordArg:
        name, value = children
        parsed: str | int = int(value) if value.type == "INT" else str(value)
        return ast.KeywordArg(str(name), parsed, self._span(meta))

    # ---- expressions
    def call(self, children: list[Any], meta: Meta) -> ast.Call:
        name, *args = children
        return ast.Call(str(name), tuple(a for a in args if a is not None), self._span(meta))

    def or_expr(self, children: list[Any], meta: Meta) -> ast.Expr:
        return children[0] if len(children) == 1 else ast.Or(tuple(children), self._span(meta))

    def and_expr(self, children: list[Any], meta: Meta) -> ast.Expr:
        return children[0] if len(children) == 1 else ast.And(tuple(children), self._span(meta))

    def not_expr(self, children: list[Any], meta: Meta) -> ast.Not:
        return ast.Not(children[0], self._span(meta))

    # ---- conditions
    def cond_or(self, children: list[Any], meta: Meta) -> ast.Cond:
        return children[0] if len(children) == 1 else ast.CondAny(tuple(children), self._span(meta))

    def cond_and(self, children: list[Any], meta: Meta) -> ast.Cond:
        return children[0] if len(children) == 1 else ast.CondAll(tuple(children), self._span(meta))

    def cond_negate(self, children: list[Any], meta: Meta) -> ast.CondNot:
        return ast.CondNot(children[0], self._span(meta))

    def cond_tier(self, children: list[Any], meta: Meta) -> ast.CondTier:
        return ast.CondTier(tuple(str(c) for c in children), self._span(meta))

    def cond_year(self, children: list[Any], meta: Meta) -> ast.CondYear:
        op, year = children
        return ast.CondYear(str(op), int(year), self._span(meta))

    def cond_relief(self, children: list[Any], meta: Meta) -> ast.CondRelief:
        return ast.CondRelief(_unquote(children[0]), self._span(meta))

    def profile(self, children: list[Any], meta: Meta) -> tuple[tuple[str, str | int], ...]:
        return tuple(children)

    def profile_item(self, children: list[Any], meta: Meta) -> tuple[str, str | int]:
        name, value = children
        if value.type == "INT":
            return str(name), int(value)
        if value.type == "STRING":
            return str(name), _unquote(value)
        return str(name), str(value)

    # ---- requirement fields: each returns (field name, value, span)
    def requirement(self, children: list[Any], meta: Meta) -> ast.Requirement:
        ident, symbol, *fields = children
        values: dict[str, Any] = {
            "obligations": [],
            "reliefs": [],
            "topic": [],
            "elements": [],
            "examples": [],
            "notes": [],
            "maps_to": [],
            "ignore_under": [],
            "subject": [],
            "hints": [],
            "partials": [],
        }
        spans: dict[str, ast.Span] = {}
        duplicates: list[tuple[str, ast.Span]] = []
        for name, value, span in fields:
            if name in ("obligations", "reliefs", "elements", "examples", "notes", "hints", "partials"):
                values[name].append(value)
            elif name in ("topic", "maps_to", "ignore_under", "subject"):
                values[name].extend(value)
            else:
                if name in values:
                    duplicates.append((name, span))
                values[name] = value
            spans.setdefault(name, span)
        for index, (name, span) in enumerate(duplicates):
            spans[f"duplicate:{name}:{index}"] = span
        return ast.Requirement(
            id=_unquote(ident),
            symbol=str(symbol),
            span=self._span(meta),
            title=values.get("title"),
            cite=values.get("cite"),
            part=values.get("part"),
            aspect=values.get("aspect"),
            lifecycle=values.get("lifecycle"),
            obligations=tuple(values["obligations"]),
            applies=values.get("applies"),
            reliefs=tuple(values["reliefs"]),
            topic=tuple(values["topic"]),
            subject=tuple(values["subject"]),
            scope=values.get("scope"),
            ignore_under=tuple(values["ignore_under"]),
            hints=tuple(values["hints"]),
            partials=tuple(values["partials"]),
            elements=tuple(values["elements"]),
            explain=values.get("explain"),
            examples=tuple(values["examples"]),
            notes=tuple(values["notes"]),
            maps_to=tuple(values["maps_to"]),
            uncheckable=values.get("uncheckable"),
            grants=values.get("grants"),
            field_spans=spans,
        )

    def _text_field(name: str) -> Any:  # type: ignore[misc]
        def handler(self: _ToAst, children: list[Any], meta: Meta) -> tuple[str, str, ast.Span]:
            return name, _unquote(children[0]), self._span(meta)

        return handler

    title = _text_field("title")
    cite = _text_field("cite")
    part = _text_field("part")
    aspect = _text_field("aspect")
    uncheckable = _text_field("uncheckable")

    def note(self, children: list[Any], meta: Meta) -> tuple[str, str, ast.Span]:
        return "notes", _unquote(children[0]), self._span(meta)

    def status_field(self, children: list[Any], meta: Meta) -> tuple[str, str, ast.Span]:
        return "lifecycle", str(children[0]), self._span(meta)

    def obligation(self, children: list[Any], meta: Meta) -> tuple[str, ast.ObligationClause, ast.Span]:
        level, when = children
        span = self._span(meta)
        return "obligations", ast.ObligationClause(str(level), when, self._span(level)), span

    def applies(self, children: list[Any], meta: Meta) -> tuple[str, ast.Cond, ast.Span]:
        return "applies", children[0], self._span(meta)

    def relief(self, children: list[Any], meta: Meta) -> tuple[str, ast.Relief, ast.Span]:
        span = self._span(meta)
        reason = _unquote(children[1]) if children[1] is not None else None
        return "reliefs", ast.Relief(_unquote(children[0]), reason, span), span

    def grants(self, children: list[Any], meta: Meta) -> tuple[str, str, ast.Span]:
        return "grants", _unquote(children[0]), self._span(meta)

    def topic(self, children: list[Any], meta: Meta) -> tuple[str, list[Any], ast.Span]:
        return "topic", list(children), self._span(meta)

    def subject(self, children: list[Any], meta: Meta) -> tuple[str, list[Any], ast.Span]:
        return "subject", list(children), self._span(meta)

    def scope(self, children: list[Any], meta: Meta) -> tuple[str, str, ast.Span]:
        return "scope", str(children[0]), self._span(meta)

    def ignore_under(self, children: list[Any], meta: Meta) -> tuple[str, list[Any], ast.Span]:
        return "ignore_under", list(children), self._span(meta)

    def hint(self, children: list[Any], meta: Meta) -> tuple[str, ast.Hint, ast.Span]:
        span = self._span(meta)
        return "hints", ast.Hint(_unquote(children[0]), children[1], span), span

    def looks_partial(self, children: list[Any], meta: Meta) -> tuple[str, ast.PartialPattern, ast.Span]:
        span = self._span(meta)
        return "partials", ast.PartialPattern(_unquote(children[0]), children[1], span), span

    def element(self, children: list[Any], meta: Meta) -> tuple[str, ast.Element, ast.Span]:
        optional, name, cond, relevant, expr = children
        span = self._span(meta)
        return "elements", ast.Element(_unquote(name), optional is not None, expr, span, cond, relevant), span

    def explain(self, children: list[Any], meta: Meta) -> tuple[str, ast.Expr, ast.Span]:
        return "explain", children[0], self._span(meta)

    def example(self, children: list[Any], meta: Meta) -> tuple[str, ast.Example, ast.Span]:
        status, profile, text = children
        span = self._span(meta)
        return "examples", ast.Example(str(status), profile or (), _unquote(text), self._span(status)), span

    def maps_to(self, children: list[Any], meta: Meta) -> tuple[str, list[str], ast.Span]:
        return "maps_to", [_unquote(c) for c in children], self._span(meta)
