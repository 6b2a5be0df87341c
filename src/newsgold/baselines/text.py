"""Reading a text for the rule baseline: tokens, lines, sentences, quotations and masked zones.

Every offset is a code point index into the text (Python ``str`` index), end exclusive.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Protocol, TypeVar

from newsgold.baselines.lexicon import ABBREVIATIONS

TOKEN_RE = re.compile(r"(?:[A-Z]\.){2,}|[^\W_]+(?:[’'\-][^\W_]+)*")
URL_RE = re.compile(r"(?:https?://|www\.)\S+")
_SENTENCE_END = re.compile(r"[.!?]+[”\"’)\]*]*(?=\s+[“\"‘(\[*#]*(?P<next>[^\W_]))")
OPENING_QUOTES = '“„«"'
QUOTE_MARKS = '“”„«»"'
_TITLE_WORD = re.compile(r"[^\W\d_][\w’'\-]{3,}")


class _Span(Protocol):
    start: int
    end: int


SpanT = TypeVar("SpanT", bound=_Span)


def longest_first(candidates: list[SpanT]) -> list[SpanT]:
    """Of overlapping candidates keep the longest (the leftmost among equals); in text order."""
    starts: list[int] = []
    kept: list[SpanT] = []
    for span in sorted(candidates, key=lambda s: (s.start - s.end, s.start)):
        i = bisect.bisect_left(starts, span.end)
        if i > 0 and kept[i - 1].end > span.start:
            continue  # the kept span starting last before this one's end overlaps it
        starts.insert(i, span.start)
        kept.insert(i, span)
    return kept


class Intervals:
    """Sorted, non-overlapping spans, asked in logarithmic time which one holds or meets a span."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = sorted(spans)
        self.starts = [s for s, _ in self.spans]

    def overlaps(self, start: int, end: int) -> bool:
        """Whether [start, end) shares a character with one of the spans."""
        i = bisect.bisect_left(self.starts, end) - 1
        return i >= 0 and self.spans[i][1] > start

    def holding(self, offset: int) -> int:
        """The index of the span holding offset, or -1."""
        i = bisect.bisect_right(self.starts, offset) - 1
        return i if i >= 0 and offset < self.spans[i][1] else -1


@dataclass(frozen=True)
class Token:
    """A word: its offsets, its text without a possessive 's, and where it stands."""

    start: int
    end: int
    text: str
    possessive: bool = False
    sentence_start: bool = False

    @property
    def capitalised(self) -> bool:
        """Whether the word starts with a capital letter."""
        return self.text[:1].isupper()

    @property
    def lower(self) -> str:
        """The word in lowercase."""
        return self.text.lower()


@dataclass(frozen=True)
class Line:
    """A line of the text (a paragraph, heading, caption or other zone)."""

    start: int
    end: int
    heading: bool  # starts with a Markdown '#' marker
    bold: bool  # holds '**' markup: a caption or credit line


@dataclass
class Quote:
    """A quotation: offsets of the opening mark and of the closing mark (or the line end)."""

    open: int
    close: int
    closed: bool


@dataclass
class Doc:
    """A text analysed once: lines, sentences, attribution units, quotes, tokens, title zones."""

    text: str
    lines: list[Line] = field(default_factory=list)
    sentences: list[tuple[int, int]] = field(default_factory=list)
    units: list[tuple[int, int]] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    tokens: list[Token] = field(default_factory=list)
    urls: list[tuple[int, int]] = field(default_factory=list)
    title_zones: list[tuple[int, int]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.urls = [(m.start(), m.end()) for m in URL_RE.finditer(self.text)]
        for m in re.finditer(r"[^\n]+", self.text):
            start, end = _trim(self.text, m.start(), m.end())
            if start == end:
                continue
            line = self.text[start:end]
            self.lines.append(Line(start, end, line.startswith("#"), "**" in line))
            quotes = _quotes(self.text, start, end)
            self.quotes.extend(quotes)
            sentences = _sentences(self.text, start, end)
            self.sentences.extend(sentences)
            self.units.extend(_merge_inside_quotes(sentences, quotes))
            self.title_zones.extend(_title_zones(self.text, start, end))
        self._sentence_starts = [s for s, _ in self.sentences]
        self._urls = Intervals(self.urls)
        self._titles = Intervals(self.title_zones)
        self._lines = Intervals([(line.start, line.end) for line in self.lines])
        self._quotes = Intervals([(q.open, q.close + 1) for q in self.quotes])
        self.tokens = self._tokenize()
        self._token_starts = [t.start for t in self.tokens]

    def _tokenize(self) -> list[Token]:
        tokens: list[Token] = []
        for m in TOKEN_RE.finditer(self.text):
            start, end, word = m.start(), m.end(), m.group()
            possessive = len(word) > 2 and word[-2] in "’'" and word[-1] in "sS"
            if possessive:
                end -= 2
                word = word[:-2]
            tokens.append(Token(start, end, word, possessive, self._starts_sentence(start)))
        return tokens

    def _starts_sentence(self, offset: int) -> bool:
        """Whether a word at offset opens a sentence, a quotation or the part after a colon."""
        i = bisect.bisect_right(self._sentence_starts, offset) - 1
        floor = self._sentence_starts[i] if i >= 0 else 0
        j = offset - 1
        while j >= floor and (self.text[j].isspace() or _skippable(self.text[j])):
            j -= 1
        if j < floor:
            return True
        return self.text[j] in ":“„«" or (self.text[j] == '"' and self.quote_opening(j))

    def quote_opening(self, offset: int) -> bool:
        """Whether the quotation mark at offset opens a quotation."""
        return any(q.open == offset for q in self.quotes)

    def in_url(self, start: int, end: int) -> bool:
        """Whether a span touches a URL (names and numbers in URLs are not annotated)."""
        return self._urls.overlaps(start, end)

    def in_title(self, offset: int) -> bool:
        """Whether offset lies in a title-case zone (a headline or a credit in Title Case)."""
        return self._titles.holding(offset) >= 0

    def line_of(self, offset: int) -> Line | None:
        """The line holding offset."""
        i = self._lines.holding(offset)
        return self.lines[i] if i >= 0 else None

    def sentence_of(self, offset: int) -> tuple[int, int]:
        """The sentence holding offset (or the empty range at offset)."""
        i = bisect.bisect_right(self._sentence_starts, offset) - 1
        if i >= 0 and self.sentences[i][0] <= offset <= self.sentences[i][1]:
            return self.sentences[i]
        return (offset, offset)

    def tokens_in(self, start: int, end: int) -> list[Token]:
        """The tokens lying inside [start, end)."""
        lo = bisect.bisect_left(self._token_starts, start)
        hi = bisect.bisect_left(self._token_starts, end)
        return [t for t in self.tokens[lo:hi] if t.end <= end]

    def quote_at(self, offset: int) -> Quote | None:
        """The quotation whose marks enclose offset, if any."""
        i = self._quotes.holding(offset)
        if i < 0:
            return None
        quote = self.quotes[i]
        return quote if quote.open < offset < quote.close else None


def _skippable(char: str) -> bool:
    """Markup, brackets, dashes and symbols (emoji included) that may precede a sentence's word."""
    return char in "#*([-—–" or unicodedata.category(char).startswith("S")


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Narrow [start, end) to exclude surrounding whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def trim(text: str, start: int, end: int, chars: str = "") -> tuple[int, int]:
    """Narrow [start, end) to exclude whitespace and the given characters at both edges."""
    while start < end and (text[start].isspace() or text[start] in chars):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in chars):
        end -= 1
    return start, end


def _quotes(text: str, start: int, end: int) -> list[Quote]:
    """Quotations of one line: curly or guillemet pairs, straight quotes paired in order."""
    found: list[Quote] = []
    opened: int | None = None
    for i in range(start, end):
        char = text[i]
        if char not in QUOTE_MARKS:
            continue
        if opened is None and char in OPENING_QUOTES:
            opened = i
        elif opened is not None and (char in "”»" or char == text[opened] == '"' or char == "“"):
            found.append(Quote(opened, i, True))
            opened = None
    if opened is not None:
        found.append(Quote(opened, end, False))  # a quotation running on past the paragraph
    return found


def _sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence ranges of one line, split after . ! ? (not after abbreviations or initials)."""
    found: list[tuple[int, int]] = []
    begin = start
    for m in _SENTENCE_END.finditer(text, start, end):
        word = re.search(r"([^\W_]+)$", text[begin : m.start()])
        before = word.group(1) if word else ""
        if before in ABBREVIATIONS or (len(before) == 1 and before.isupper()):
            continue
        if m.group("next").islower():
            continue  # "“Why?” she asked": a lowercase word goes on with the sentence
        found.append(_trim(text, begin, m.end()))
        begin = m.end()
    found.append(_trim(text, begin, end))
    return [s for s in found if s[0] < s[1]]


def _merge_inside_quotes(
    sentences: list[tuple[int, int]], quotes: list[Quote]
) -> list[tuple[int, int]]:
    """Join sentences whose boundary falls inside a quotation into one attribution unit."""
    units: list[tuple[int, int]] = []
    for sentence in sentences:
        if units and any(q.open < sentence[0] < q.close for q in quotes):
            units[-1] = (units[-1][0], sentence[1])
        else:
            units.append(sentence)
    return units


def _title_zones(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Headings, bold parts and unpunctuated lines written in Title Case: capitals say little there.

    A part is a stretch of the line between '**' markers; it is in Title Case when at least three
    quarters of its words of four letters or more (and at least three words) are capitalised.
    Running sentences ending in . ! ? are never title zones, however many names they hold.
    """
    zones: list[tuple[int, int]] = []
    line = text[start:end]
    sentence_like = not line.startswith("#") and bool(re.search(r"[.!?][”\"’)]*$", line))
    position = start
    for number, part in enumerate([*re.finditer(r"\*\*", line), None]):
        stop = start + part.start() if part else end
        words = _TITLE_WORD.findall(text[position:stop])
        bold = number % 2 == 1
        titled = len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.75 * len(words)
        if titled and (bold or not sentence_like):
            zones.append((position, stop))
        position = start + part.end() if part else end
    return zones
