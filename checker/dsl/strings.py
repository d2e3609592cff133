r"""Rule-file string literals: gapcheck's own unquoting, so no escape sequence of Python's can crash a rule load.

``ast.literal_eval`` used to unquote strings, and a Windows path in a note (``\U``, ``\x``, ``\N``) or a NUL byte
crashed it. The escapes are now ours and few; everything else is kept as written.
"""

from __future__ import annotations

import textwrap

from lark import Token

from checker.dsl.diagnostics import Diagnostic

# Escapes of single-quoted rule strings. Any other backslash is kept as written, so a Windows path in a note
# (``C:\\Users\\x``) or a regex-looking term stays literal instead of failing.
_ESCAPES = {"\\": "\\", '"': '"', "n": "\n", "t": "\t"}


class StringError(Exception):
    """A string literal that cannot be unquoted, at a line and column of the rule file."""

    def __init__(self, message: str, line: int, column: int) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column

    def diagnostic(self, path: str) -> Diagnostic:
        """The located rule diagnostic for this error in the file at ``path``."""
        return Diagnostic(self.message, path, self.line, self.column, help="remove the character from the string")


def unquote(token: Token | str) -> str:
    """The value of a rule-file string literal.

    Double-quoted strings know four escapes (backslash followed by a quote, a backslash, ``n`` or ``t``); a
    backslash before anything else is kept as written. Triple-quoted strings are raw and dedented. A NUL character
    is refused with its position, in either kind.

    Raises:
        StringError: the string holds a NUL character.
    """
    raw = str(token)
    nul = raw.find("\0")
    if nul >= 0:
        line = getattr(token, "line", None) or 1
        column = getattr(token, "column", None) or 1
        before = raw[:nul]
        if "\n" in before:
            line += before.count("\n")
            column = nul - before.rfind("\n")
        else:
            column += nul
        raise StringError("a NUL character (\\0) is not allowed in a rule string", line, column)
    if raw.startswith('"""'):
        return dedent_block(raw[3:-3])
    body = raw[1:-1]
    if "\\" not in body:
        return body
    out: list[str] = []
    index = 0
    while index < len(body):
        char = body[index]
        if char == "\\" and index + 1 < len(body):
            following = body[index + 1]
            if following in _ESCAPES:
                out.append(_ESCAPES[following])
                index += 2
                continue
        out.append(char)
        index += 1
    return "".join(out)


def dedent_block(text: str) -> str:
    """The body of a triple-quoted string: the common indent of its following lines removed, ends trimmed."""
    # NOTE: the first line follows the opening quotes, so only the following lines share an indent to remove.
    first, _, rest = text.strip("\n").partition("\n")
    return (first.strip() + "\n" + textwrap.dedent(rest)).strip()
