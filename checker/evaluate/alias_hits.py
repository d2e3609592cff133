"""Term hits at the uses of the issuer's short names: "GCRC" reads as every term its full name holds.

``checker.structure.aliases`` finds the definitions ("the Group Climate Resilience Committee (GCRC)"). Here every
term with a hit inside the full name gets a hit at each later use of the short name, so "GCRC reviews climate
risks quarterly" names a committee and climate as the full name would. Such a hit is as long as the short name,
not as the term, so its length is kept beside it (every other hit is as long as its term).
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from itertools import chain

from checker.evaluate.matcher import Term, TermMatcher
from checker.ingest.normalize import FoldedText
from checker.structure.aliases import alias_uses, find_aliases

# NOTE: a report that defines more short names than this is a glossary or a list of abbreviations; the first ones
# are still read
_MOST_ALIASES = 200


def add_alias_hits(
    original: str, folded: FoldedText, hits: dict[Term, array[int]], matcher: TermMatcher
) -> dict[Term, dict[int, int]]:
    """Add to ``hits`` (folded starts, per term) a hit at every use of a short name; return those hits' lengths.

    The result maps a term to {start: length} for the hits added here; ``hits`` stays sorted per term. A term
    counts for a name only where the report's own hits have it (so a sense the rules except stays excepted).
    """
    lengths: dict[Term, dict[int, int]] = {}
    aliases = find_aliases(original)[:_MOST_ALIASES]
    uses = alias_uses(original, aliases)
    aliases = [alias for alias in aliases if uses[alias.short]]
    if not aliases:
        return lengths
    # NOTE: the names' terms are found in one pass over the names laid end to end, not by searching every term's
    # hits for each name (thousands of terms times dozens of names)
    names: list[tuple[int, int]] = []
    pieces: list[str] = []
    offset = 0
    for alias in aliases:
        start, end = folded.to_folded(alias.name_start), folded.to_folded(alias.name_end)
        names.append((offset, start))
        pieces.append(folded.text[start:end])
        offset += end - start + 1
    # NOTE: each alias's uses in folded coordinates, once, not once for every term of its name
    use_spans = [
        [(folded.to_folded(use), folded.to_folded(use + len(alias.short))) for use in uses[alias.short]]
        for alias in aliases
    ]
    joined = "\n".join(pieces)
    piece_starts = [at for at, _ in names]
    added: dict[Term, list[int]] = {}
    for term, starts_in_names in matcher.find_starts(joined).items():
        if not starts_in_names:
            continue
        own = hits.get(term)
        for local in starts_in_names:
            which = bisect_left(piece_starts, local + 1) - 1
            piece_at, name_start = names[which]
            absolute = name_start + local - piece_at
            k = bisect_left(own, absolute) if own else 0
            if not own or k == len(own) or own[k] != absolute:
                continue  # NOTE: not a hit in the report itself (an excepted sense), so not one for the name
            own_lengths = lengths.setdefault(term, {})
            for start, end in use_spans[which]:
                own_lengths[start] = end - start
            added.setdefault(term, []).extend(start for start, _ in use_spans[which])
    for term, extra in added.items():
        # NOTE: the few added starts laid after the term's own, already sorted: Timsort merges the two runs in
        # linear time (a set of a common term's ~10^4 hits cost several milliseconds a report)
        own = hits[term]
        hits[term] = array(own.typecode, sorted(chain(own, sorted(set(extra)))))
    return lengths
