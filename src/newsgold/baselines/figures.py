"""Figures: numbers with their qualifier, unit and kind (guidelines §4).

A figure is a number (digits, words, "1.5 million", a range "10 to 12") widened to the left by a
currency sign and a qualifier ("more than") and to the right by a percent sign, a currency, a unit
of measurement or the noun that says what is counted. Numbers inside dates are left to the dates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsgold.baselines import lexicon as lx
from newsgold.baselines.text import Doc, Intervals, Token, longest_first
from newsgold.numbers import ORDINALS, SCALES, TENS, UNITS, number_spans


@dataclass
class FigureSpan:
    """A numeric expression with its value, range, unit, modifier and kind."""

    start: int
    end: int
    kind: str
    value: float
    value_max: float | None = None
    unit: str | None = None
    modifier: str | None = None


def _alternation(words: list[str] | set[str] | tuple[str, ...]) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


_SYMBOL_BEFORE = re.compile(rf"(?:{_alternation(list(lx.CURRENCY_SYMBOLS))})\s?$")
_CODE_BEFORE = re.compile(rf"\b(?:{_alternation(lx.CURRENCY_CODES)})\s?$")
_QUALIFIER_BEFORE = re.compile(rf"(?i)\b(?:{_alternation(list(lx.QUALIFIERS))})\s+$")
_GLUED_SCALE = re.compile(r"(?:bn|tn|m|k)\b")
_PERCENT_AFTER = re.compile(rf"\s?(?:{_alternation(lx.PERCENT_WORDS)})(?!\w)")
_CODE_AFTER = re.compile(rf"\s(?:{_alternation(lx.CURRENCY_CODES)})\b")
_MONEY_WORD_AFTER = re.compile(rf"\s(?:US\s)?(?P<word>{_alternation(list(lx.CURRENCY_WORDS))})\b")
_MEASURE_AFTER = re.compile(rf"\s?(?P<unit>{_alternation(lx.MEASURES)})(?![\w/²])")
_RANGE_JOIN = re.compile(r"\s*(?:-|–|—|to)\s*$")
_BETWEEN_JOIN = re.compile(r"\s+and\s+$")
_GLUED_NUMBER = re.compile(
    rf"(?<![\w.,])\d+(?:\.\d+)?(?=(?:bn|tn|m|k|{_alternation(lx.MEASURES)})(?![\w/²]))"
)
_ARTICLE_SCALE = re.compile(r"(?i)\ban?\s+(?:hundred|thousand|million|billion)\b")
_ORDINAL_DIGITS = re.compile(r"(?<![\w.,])(\d+)(?:st|nd|rd|th)\b")
_ORDINAL_WORDS = re.compile(rf"(?i)\b(?:{_alternation(list(ORDINALS))})\b")
_ADJECTIVE_ENDINGS = (
    "al", "ive", "ous", "ic", "ful", "less", "able", "ible", "ary", "ern", "ent", "ant", "ing",
    "ed", "est", "ian", "ish", "ese",
)  # fmt: skip
_PRONOUN_ONE_BEFORE = {"the", "this", "that", "no", "any", "every", "each", "which", "a"}
_PRONOUN_ONE_AFTER = {"of", "another", "who", "that", "which", "is", "was", "has", "had"}


def _number(value: float) -> float:
    """A value as an int when it is whole (JSON "10000", not "10000.0")."""
    return int(value) if value == int(value) else value


class _Finder:
    def __init__(self, doc: Doc, blocked: list[tuple[int, int]]) -> None:
        self.doc = doc
        self.text = doc.text
        self.blocked = Intervals(blocked)
        self.found: list[FigureSpan] = []

    def free(self, start: int, end: int) -> bool:
        """Whether a span is outside dates and URLs."""
        return not self.blocked.overlaps(start, end) and not self.doc.in_url(start, end)

    def numbers(self) -> list[tuple[int, int, float]]:
        """Numbers of the text, with "a million" and ranges "10 to 12" merged into one item."""
        found = list(number_spans(self.text))
        found += [(m.start(), m.end(), float(SCALES[m.group().split()[-1].lower()]))
                  for m in _ARTICLE_SCALE.finditer(self.text)]  # fmt: skip
        found += [(m.start(), m.end(), float(m.group())) for m in _GLUED_NUMBER.finditer(self.text)]
        found.sort()
        return found

    def run(self) -> list[FigureSpan]:
        numbers = self.numbers()
        used: set[int] = set()
        for i, (start, end, value) in enumerate(numbers):
            if i in used or not self.free(start, end) or not self.plausible(start, end):
                continue
            value_max: float | None = None
            if i + 1 < len(numbers):
                nstart, nend, nvalue = numbers[i + 1]
                between = self.text[end:nstart]
                after_between = re.search(
                    r"(?i)\bbetween\s+$", self.text[max(0, start - 9) : start]
                )
                joined = len(between) <= 5 and bool(
                    _RANGE_JOIN.match(between) or after_between and _BETWEEN_JOIN.match(between)
                )
                if joined and self.free(nstart, nend):
                    value = self.scaled_low(value, self.text[start:end], self.text[nstart:nend])
                    if nvalue > value:
                        value_max, end = nvalue, nend
                        used.add(i + 1)
            self.widen(start, end, value, value_max)
        self.ordinals()
        return longest_first(self.found)

    @staticmethod
    def scaled_low(low: float, low_text: str, high_text: str) -> float:
        """ "1.5 to 2 million": the low end shares the high end's scale word."""
        words = high_text.lower().split()
        if len(words) > 1 and words[-1] in SCALES and len(low_text.split()) == 1:
            return low * SCALES[words[-1]]
        return low

    def plausible(self, start: int, end: int) -> bool:
        """Rule out pronoun "one", numbers inside names, clock times and codes."""
        word = self.text[start:end]
        before = self.text[max(0, start - 12) : start]
        after = self.text[end : end + 12]
        if re.search(r"\d:$", before) or re.match(r":\d|\s?[ap]\.?m\.?\b", after):
            return False
        if word[:1].isupper() and word[:1].isalpha():
            token = self.doc.tokens_in(start, end)
            sentence_start = bool(token) and token[0].sentence_start
            if not sentence_start and not self.doc.in_title(start):
                return False  # a capitalised number word inside a name ("Group of Seven")
        if word.lower() == "one":
            previous = re.search(r"([A-Za-z]+)\s+$", before)
            following = re.match(r"\s+([A-Za-z]+)", after)
            if previous and previous.group(1).lower() in _PRONOUN_ONE_BEFORE:
                return False
            if not following or following.group(1).lower() in _PRONOUN_ONE_AFTER:
                return False
        return True

    def widen(self, start: int, end: int, value: float, value_max: float | None) -> None:
        """Add the qualifier, currency, percent sign, unit or counted noun around a number."""
        text = self.text
        kind, unit, modifier = "CARDINAL", None, None
        head = text[max(0, start - 20) : start]
        symbol = _SYMBOL_BEFORE.search(head) or _CODE_BEFORE.search(head)
        if symbol:
            code = symbol.group().strip()
            kind, unit = "MONEY", lx.CURRENCY_SYMBOLS.get(code, code)
            start -= len(symbol.group())
            glued = _GLUED_SCALE.match(text, end)
            if glued:
                factor = SCALES[glued.group()]
                value, end = value * factor, glued.end()
                value_max = value_max * factor if value_max is not None else None
        qualifier = _QUALIFIER_BEFORE.search(text[max(0, start - 20) : start])
        if qualifier:
            modifier = lx.QUALIFIERS[" ".join(qualifier.group().lower().split())]
            start -= len(qualifier.group())
        if kind == "CARDINAL":
            kind, unit, end = self.unit_after(end)
        if not self.free(start, end):
            return
        span = FigureSpan(start, end, kind, _number(value), None, unit, modifier)
        span.value_max = _number(value_max) if value_max is not None else None
        self.found.append(span)

    def unit_after(self, end: int) -> tuple[str, str | None, int]:
        """Kind, unit and new end from what follows a number."""
        text = self.text
        for pattern, kind in ((_PERCENT_AFTER, "PERCENT"),):
            m = pattern.match(text, end)
            if m:
                return kind, "%", m.end()
        m = _CODE_AFTER.match(text, end)
        if m:
            return "MONEY", m.group().strip(), m.end()
        m = _MONEY_WORD_AFTER.match(text, end)
        if m:
            return "MONEY", lx.CURRENCY_WORDS[m.group("word")], m.end()
        m = _MEASURE_AFTER.match(text, end)
        if m:
            return "QUANTITY", m.group("unit"), m.end()
        noun = self.counted_noun(end)
        if noun:
            return "CARDINAL", noun.text, noun.end
        return "CARDINAL", None, end

    def counted_noun(self, end: int) -> Token | None:
        """The noun right after a number that says what is counted ("250 sailors")."""
        following = [t for t in self.doc.tokens_in(end, min(len(self.text), end + 80))]
        position = end
        title = self.doc.in_title(end)
        words: list[Token] = []
        for token in following:
            if self.text[position : token.start].strip() or len(words) == 4:
                break
            words.append(token)
            if token.possessive:
                break
            position = token.end
        index = 0
        while index < len(words) - 1 and _is_name_adjective(words[index]) and not title:
            index += 1  # "200 East Sylvanian sailors": the nationality is part of the phrase
        if index >= len(words):
            return None
        first = words[index]
        if not _content_word(first, title):
            return None
        second = words[index + 1] if index + 1 < len(words) else None
        adjective = first.lower.endswith(_ADJECTIVE_ENDINGS) and not first.possessive
        noun_follows = second is not None and _content_word(second, title)
        if adjective and noun_follows and second and not second.lower.endswith(("ed", "ly")):
            return second
        if first.lower.endswith("ed") or first.lower.endswith("ly"):
            return None  # most often a verb or an adverb: "10 died", "10 only"
        return first

    def ordinals(self) -> None:
        """Ordinals: "3rd", and "the third" (an ordinal word after a determiner)."""
        for m in _ORDINAL_DIGITS.finditer(self.text):
            if self.free(m.start(), m.end()):
                self.found.append(FigureSpan(m.start(), m.end(), "ORDINAL", int(m.group(1))))
        for m in _ORDINAL_WORDS.finditer(self.text):
            previous = re.search(r"([A-Za-z]+)\s+$", self.text[max(0, m.start() - 12) : m.start()])
            ranked = previous and previous.group(1).lower() in lx.ORDINAL_DETERMINERS
            if ranked and self.free(m.start(), m.end()):
                value = ORDINALS[m.group().lower()]
                self.found.append(FigureSpan(m.start(), m.end(), "ORDINAL", value))


def _is_name_adjective(token: Token) -> bool:
    """A capitalised nationality-like adjective or compass word ("East", "Sylvanian")."""
    return token.capitalised and (
        token.text in lx.COMPASS_WORDS or token.text.endswith(lx.DEMONYM_SUFFIXES)
    )


def _content_word(token: Token, title: bool) -> bool:
    """A word that can name what is counted: lowercase (or in a title), not a function word."""
    if not token.text.isalpha() and "-" not in token.text:
        return False
    if token.capitalised and not title:
        return False
    lower = token.lower
    number_word = lower in UNITS or lower in TENS or lower in SCALES or lower in ORDINALS
    return not number_word and lower not in lx.FUNCTION_WORDS and lower not in lx.REPORTING_VERBS


def find_figures(doc: Doc, blocked: list[tuple[int, int]]) -> list[FigureSpan]:
    """Every figure of a text outside the blocked spans (the dates), non-overlapping, in order."""
    return _Finder(doc, blocked).run()
