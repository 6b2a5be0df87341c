"""The resolver: an answer that gives spans as strings, turned into predictions with offsets.

Language models answer with the words they found, not with character offsets. An answer has the
layers of a predictions line with every span written as its ``text`` (``answer_schema`` in
``newsgold.adapters.prompt``)::

    {"entities": [{"text": "Kim Jong Un", "type": "PERSON"}],
     "dates":    [{"text": "Monday", "type": "DATE", "value": "2024-05-06"}],
     "figures":  [{"text": "$5 million", "kind": "MONEY", "value": 5000000, "unit": "USD"}],
     "claims":   [{"text": "<content>", "source": {"text": "he"}, "cue": {"text": "said"}}]}

Each string is looked for in three tiers, the first that finds it deciding:

1. **exact**: the characters as given, as whole words (whitespace runs match any whitespace:
  ``newsgold.formats.anchored.occurrences``);
2. **normalised**: whitespace, quotes (curly or straight), dashes and case folded, zero-width
  characters and soft hyphens ignored, still whole words;
3. **inside a word**: the normalised string anywhere, even glued to letters ("Ford" in
  "Fords"), the last resort, counted apart so a report shows how often it was needed.

Repeated strings land on their occurrences in order of appearance: the k-th mention of a string
in a layer (strings equal but for whitespace count as one) takes the first occurrence after the
one its previous mention took. Within a layer the longest strings are placed first and an
occurrence that clashes with a span already placed is passed over while a free one remains
(entities, dates and figures never overlap in their layer; claims only never coincide), so
"Boeing" skips the "Boeing" inside "Boeing 747". The output keeps the answer's order. A claim's
source and cue take the occurrence nearest the claim's content, preferring one on the content's
own lines (inside it, or the fewest characters away, the earlier on a tie), since "said" recurs
all over an article.

A string the text does not hold (or holds fewer times than the answer repeats it) is
*unresolved*: reported with its document, layer, index and the string quoted, never placed by
guess. The normalised text and its map back to offsets are built once per document, so each
mention costs time linear in the text's length.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from newsgold.errors import NewsgoldError
from newsgold.formats.anchored import occurrences
from newsgold.shown import quoted

LAYERS = ("entities", "dates", "figures", "claims")
CLAIM_PARTS = ("source", "cue")  # a claim's own spans, located near its content
TIERS = ("exact", "normalised", "inside a word")

# What normalisation folds: quotes to straight ones, dashes and minus signs to "-".
_FOLD = {
    **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u0060\u00b4", "'"),
    **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb", '"'),
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d", "-"),
    "\u2026": "...",
}
_IGNORED = frozenset("\u00ad\u200b\u200c\u200d\u2060\ufeff")  # invisible: skipped

Span = tuple[int, int]
_MISSING = "is not in the text (not even with whitespace, quotes, dashes and case folded)"


@dataclass(frozen=True)
class Unresolved:
    """One string of an answer that the document's text does not hold."""

    doc_id: str
    pointer: str  # JSON pointer into the answer: /entities/3, /claims/0/source
    text: str
    reason: str

    def message(self) -> str:
        """``<doc_id>/entities/3: 'Kim Jong-un' is not in the text`` (the string quoted)."""
        return f"{self.doc_id}{self.pointer}: {quoted(self.text)} {self.reason}"


@dataclass
class Resolution:
    """The layers with offsets, what could not be placed, and how each string was found."""

    layers: dict[str, list[dict[str, Any]]]
    unresolved: list[Unresolved] = field(default_factory=list)
    tiers: Counter[str] = field(default_factory=Counter)


def fold(text: str) -> tuple[str, list[int], list[int]]:
    """``text`` normalised, with each normalised character's start and end offset in ``text``.

    Whitespace runs become one space, quotes and dashes their ASCII forms, letters lower case;
    zero-width characters and soft hyphens are dropped. One pass, linear in the text.

    >>> fold("Kim\\u00a0 \\u201cUn\\u201d")[0]
    'kim "un"'
    """
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for index, char in enumerate(text):
        if char in _IGNORED:
            continue
        if char.isspace():
            if out and out[-1] == " " and ends[-1] == index:  # extend the current run
                ends[-1] = index + 1
                continue
            folded = " "
        else:
            folded = _FOLD.get(char, char).lower()
        for piece in folded:
            out.append(piece)
            starts.append(index)
            ends.append(index + 1)
    return "".join(out), starts, ends


def _everywhere(haystack: str, needle: str) -> list[Span]:
    """Every occurrence of needle in haystack, whole word or not, left to right."""
    found: list[Span] = []
    at = haystack.find(needle)
    while at >= 0:
        found.append((at, at + len(needle)))
        at = haystack.find(needle, at + 1)
    return found


class Finder:
    """Where strings occur in one document's text, tier by tier (the folded text built once)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._folded: tuple[str, list[int], list[int]] | None = None
        self._found: dict[str, tuple[list[Span], str]] = {}

    def _fold(self) -> tuple[str, list[int], list[int]]:
        if self._folded is None:
            self._folded = fold(self.text)
        return self._folded

    def find(self, needle: str) -> tuple[list[Span], str]:
        """The occurrences of needle in the first tier that has any, and that tier's name."""
        if needle not in self._found:
            self._found[needle] = self._search(needle)
        return self._found[needle]

    def _search(self, needle: str) -> tuple[list[Span], str]:
        if not needle.strip():
            return [], TIERS[0]
        exact = occurrences(self.text, needle)
        if exact:
            return exact, TIERS[0]
        folded, starts, ends = self._fold()
        wanted = fold(needle)[0].strip()
        if not wanted:
            return [], TIERS[0]
        for tier, spans in (
            (TIERS[1], occurrences(folded, wanted)),
            (TIERS[2], _everywhere(folded, wanted)),
        ):
            if spans:
                return [(starts[s], ends[e - 1]) for s, e in spans], tier
        return [], TIERS[0]


def _distance(span: Span, near: Span) -> int:
    """Characters between two spans (0 when they overlap or touch)."""
    return max(near[0] - span[1], span[0] - near[1], 0)


def _answer_order(miss: Unresolved) -> tuple[int, ...]:
    """Misses in the order of the answer: by layer, then index (``/claims/2/cue`` after 2)."""
    parts = miss.pointer.strip("/").split("/")
    numbers = tuple(int(p) for p in parts[1:] if p.isdigit())
    return (LAYERS.index(parts[0]), *numbers) if parts[0] in LAYERS else (len(LAYERS), *numbers)


def _shape_error(doc_id: str, pointer: str, expected: str, got: Any) -> NewsgoldError:
    shown = quoted(repr(got) if not isinstance(got, str) else got)
    return NewsgoldError(f"expected {expected}, got {shown}", pointer=f"{doc_id}{pointer}")


class _Taken:
    """The spans already placed in one layer, to prefer occurrences that do not clash with them.

    Entities, dates and figures never overlap within their layer, so there any shared character
    clashes; claims nest, so only identical offsets do.
    """

    def __init__(self, length: int, overlap: bool) -> None:
        self.covered = bytearray(length) if overlap else None
        self.spans: set[Span] = set()

    def clashes(self, span: Span) -> bool:
        if self.covered is not None:
            return self.covered.find(1, span[0], span[1]) >= 0
        return span in self.spans

    def add(self, span: Span) -> None:
        if self.covered is not None:
            self.covered[span[0] : span[1]] = b"\x01" * (span[1] - span[0])
        self.spans.add(span)


class _Resolver:
    """One document's resolution: the finder, the k-th-mention counters and what is collected."""

    def __init__(self, text: str, doc_id: str) -> None:
        self.finder = Finder(text)
        self.doc_id = doc_id
        self.seen: Counter[tuple[str, str]] = Counter()
        self.last: dict[tuple[str, str], int] = {}  # the index of the occurrence taken last
        self.result = Resolution({})

    def span(
        self,
        item: Any,
        pointer: str,
        counter: str,
        near: Span | None = None,
        taken: _Taken | None = None,
    ) -> Span | None:
        """Offsets of one answer span ``{"text": ...}``, or None with the miss recorded."""
        needle = item.get("text") if isinstance(item, dict) else None
        if not isinstance(needle, str):
            raise _shape_error(self.doc_id, pointer, "an object with a string 'text'", item)
        key = " ".join(needle.split())  # strings equal but for whitespace find the same spans
        found, tier = self.finder.find(key)
        if near is not None:
            chosen = self._nearest(found, near)
            reason = _MISSING
        else:
            k = self.seen[(counter, key)]
            self.seen[(counter, key)] += 1
            chosen = self._next(found, (counter, key), taken)
            reason = (
                f"occurs {len(found)} time(s) in the text but is mention {k + 1} of it in {counter}"
                if found
                else _MISSING
            )
        if chosen is None:
            self.result.unresolved.append(Unresolved(self.doc_id, pointer, needle, reason))
            return None
        self.result.tiers[tier] += 1
        return chosen

    def _nearest(self, found: list[Span], near: Span) -> Span | None:
        """The occurrence on the lines of ``near`` closest to it, else the closest at all."""
        text = self.finder.text
        lo = text.rfind("\n", 0, near[0]) + 1
        hi = text.find("\n", near[1])
        hi = len(text) if hi < 0 else hi
        return min(
            found,
            key=lambda s: (not (lo <= s[0] and s[1] <= hi), _distance(s, near), s[0]),
            default=None,
        )

    def _next(self, found: list[Span], key: tuple[str, str], taken: _Taken | None) -> Span | None:
        """The first occurrence after the one this string took last that clashes with nothing
        placed in its layer, else the first after it at all (None when there is none)."""
        after = self.last.get(key, -1) + 1
        if after >= len(found):
            return None
        index = after
        if taken is not None:
            free = (i for i in range(after, len(found)) if not taken.clashes(found[i]))
            index = next(free, after)
        self.last[key] = index
        return found[index]

    def placed(self, item: dict[str, Any], span: Span) -> dict[str, Any]:
        """The item with its offsets, its text as the document spells it, other fields kept."""
        start, end = span
        rest = {k: v for k, v in item.items() if k not in ("start", "end", "text")}
        return {"start": start, "end": end, "text": self.finder.text[start:end], **rest}

    def layer(self, name: str, items: Any) -> None:
        """Place one layer's items, longest strings first (a name inside a longer name then
        finds the longer one taken), kept in the answer's order."""
        if not isinstance(items, list):
            raise _shape_error(self.doc_id, f"/{name}", "a list", items)
        for index, item in enumerate(items):  # the shape first: the order below reads "text"
            if not isinstance(item, dict):
                raise _shape_error(self.doc_id, f"/{name}/{index}", "an object", item)
            if not isinstance(item.get("text"), str):
                expected = "an object with a string 'text'"
                raise _shape_error(self.doc_id, f"/{name}/{index}", expected, item)
        taken = _Taken(len(self.finder.text), overlap=name != "claims")
        placed: dict[int, dict[str, Any]] = {}
        for index in sorted(range(len(items)), key=lambda i: -len(items[i]["text"].strip())):
            item, pointer = items[index], f"/{name}/{index}"
            span = self.span(item, pointer, name, taken=taken)
            if span is None:
                continue
            taken.add(span)
            out = self.placed(item, span)
            if name == "claims" and not self.claim_parts(out, pointer, span):
                continue
            placed[index] = out
        self.result.layers[name] = [placed[i] for i in sorted(placed)]
        self.result.unresolved.sort(key=_answer_order)

    def claim_parts(self, claim: dict[str, Any], pointer: str, content: Span) -> bool:
        """Place a claim's source and cue near its content; False if one cannot be placed."""
        ok = True
        for part in CLAIM_PARTS:
            value = claim.get(part)
            if value is None:
                continue
            span = self.span(value, f"{pointer}/{part}", f"claims' {part}s", near=content)
            if span is None:
                ok = False
            else:
                claim[part] = self.placed(value, span)
        return ok


def resolve(answer: Any, text: str, doc_id: str) -> Resolution:
    """Offsets for every string of one document's answer; misses listed, not guessed.

    Layers missing from the answer stay missing (not predicted). A claim whose content, source
    or cue cannot be placed is left out whole and each miss is listed. A wrong shape (a layer
    that is not a list, an item without a string ``text``) raises a NewsgoldError located at the
    document and JSON pointer.
    """
    if not isinstance(answer, dict):
        raise _shape_error(doc_id, "", "a JSON object of layers", answer)
    resolver = _Resolver(text, doc_id)
    for name in LAYERS:
        if name in answer:
            resolver.layer(name, answer[name])
    return resolver.result
