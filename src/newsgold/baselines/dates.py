"""Dates: TIMEX3 expressions found by patterns and normalised against the publication date (DCT).

Rules (docs/baseline.md has the full list and the known limits):
- a weekday alone is the most recent such day on or before the DCT (the DCT itself when it is that
  weekday); in a sentence that speaks of the future before it, the next such day on or after it;
- a month (or month and day) without a year is the most recent one not after the DCT, or in a
  future sentence the next one not before it;
- prepositions stay outside the span, "mid-"/"early"/"late"/"end of" inside it with their mod,
  qualifiers of durations ("nearly five weeks") inside with theirs.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from newsgold.baselines import lexicon as lx
from newsgold.baselines.text import Doc, longest_first
from newsgold.numbers import NUMBER_WORDS_PATTERN, value_of
from newsgold.timex import is_valid


@dataclass
class DateSpan:
    """A temporal expression with its TIMEX3 attributes."""

    start: int
    end: int
    type: str
    value: str
    mod: str | None = None
    relative: bool = False  # normalised against the DCT, so anchored on the creation time
    function: str | None = None


def _alternation(words: Iterable[str]) -> str:
    """A regex alternation of words, longest first so that no word hides a longer one."""
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


_FULL = _alternation(lx.MONTHS)
_MONTH = rf"(?P<month>(?:{_FULL})\b|(?:{_alternation(lx.MONTH_ABBREVIATIONS)})\b\.?)"
_MONTH_FULL = rf"(?P<month>(?:{_FULL})\b)"
_WEEKDAY = rf"(?P<weekday>{_alternation(lx.WEEKDAYS)})"
_WEEKDAY_PREFIX = rf"(?:{_alternation(lx.WEEKDAYS)}),?\s+"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})(?![\d,.]\d|\d)"
_PART = rf"(?:\s+(?P<part>{_alternation(lx.DAY_PARTS)}))?"
_QUALIFIER = rf"(?i:(?P<qualifier>{_alternation(lx.QUALIFIERS)}))"
_NUMBER = (
    rf"(?P<number>\d+(?:\.\d+)?|{NUMBER_WORDS_PATTERN}"
    rf"|(?i:{_alternation(lx.VAGUE_AMOUNTS)}|a|an)(?![\w-]))"
)
_UNIT = r"(?P<unit>(?i:second|minute|hour|day|week|month|year|decade|century|centuries)s?)"

_FUTURE = re.compile(rf"(?i)(?<![\w']){lx.FUTURE_MARKERS}(?![\w])")
_POINT_MOD = re.compile(
    r"(?i:(?:\b(?P<edge>early|late)[\s-]+|\b(?P<mid>mid)(?:-|\s+)"
    r"|\b(?:the\s+)?(?P<part>start|beginning|end|middle)\s+of\s+(?:the\s+)?))$"
)
_EDGE_MODS = {"early": "START", "late": "END", "start": "START", "beginning": "START"}
_EDGE_MODS |= {"end": "END", "middle": "MID", "mid": "MID"}
_MAY_CONTEXT = {"in", "since", "until", "by", "from", "of", "during", "before", "after"}
_MAY_CONTEXT |= {"early", "late", "mid", "last", "next", "this", "through", "to", "and"}
_SET_WORDS = {"once", "twice", "times", "per"}


def _week(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def _month(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def _shift_month(day: dt.date, months: int) -> tuple[int, int]:
    index = day.year * 12 + day.month - 1 + months
    return index // 12, index % 12 + 1


def _amount(number: str) -> str | None:
    """A duration amount as TIMEX3 writes it: "6", "1.5", or "X" for a vague amount."""
    word = " ".join(number.lower().split())
    if word in lx.VAGUE_AMOUNTS:
        return "X"
    value = 1.0 if word in {"a", "an"} else value_of(word)
    if value is None:
        return None
    return str(int(value)) if value == int(value) else f"{value:g}"


class _Finder:
    """Collects candidate expressions of one text; the longest wins where they overlap."""

    def __init__(self, doc: Doc, dct: dt.date) -> None:
        self.doc = doc
        self.text = doc.text
        self.dct = dct
        self.found: list[DateSpan] = []

    def future(self, start: int) -> bool:
        """Whether the sentence speaks of the future before this offset, outside quotations.

        A quotation closed before the expression has its own tense ("“We will stay,” she said
        on Friday": Friday is past), so its words are left out.
        """
        sentence_start, _ = self.doc.sentence_of(start)
        before = list(self.text[sentence_start:start])
        for quote in self.doc.quotes:
            if quote.close < start:
                for i in range(max(quote.open, sentence_start), quote.close + 1):
                    if i < start:
                        before[i - sentence_start] = " "
        return bool(_FUTURE.search("".join(before)))

    def previous_word(self, start: int) -> str:
        """The word before offset, lowercase ("" at the start)."""
        m = re.search(r"([^\W\d_]+)[\s-]*$", self.text[max(0, start - 30) : start])
        return m.group(1).lower() if m else ""

    def add(
        self,
        start: int,
        end: int,
        kind: str,
        value: str | None,
        mod: str | None = None,
        relative: bool = False,
    ) -> None:
        """Keep a candidate whose value is well formed for its type."""
        if value is not None and is_valid(kind, value) and not self.doc.in_url(start, end):
            self.found.append(DateSpan(start, end, kind, value, mod, relative))

    def add_point(self, m: re.Match[str], value: str | None, relative: bool) -> None:
        """Add a point in time, taking a "mid-"/"early"/"end of" before it into span and mod."""
        start, mod = m.start(), None
        prefix = _POINT_MOD.search(self.text[max(0, start - 30) : start])
        if prefix:
            group = next(g for g in ("edge", "mid", "part") if prefix.group(g))
            mod = _EDGE_MODS[prefix.group(group).lower()]
            start = start - (len(prefix.string) - prefix.start(group))
        self.add(start, m.end(), "DATE", value, mod, relative=relative)

    def scan(self, pattern: str, handler: Callable[[re.Match[str]], None]) -> None:
        """Run a handler on every match of a pattern."""
        for m in re.finditer(pattern, self.text):
            handler(m)

    def month_number(self, m: re.Match[str]) -> int:
        name = m.group("month").rstrip(".")
        return lx.MONTHS.get(name) or lx.MONTH_ABBREVIATIONS[name]

    # Handlers, one per kind of expression.

    def iso(self, m: re.Match[str]) -> None:
        self.add(m.start(), m.end(), "DATE", m.group(0))

    def full_date(self, m: re.Match[str]) -> None:
        try:
            day = dt.date(int(m.group("year")), self.month_number(m), int(m.group("day")))
        except ValueError:
            return
        self.add(m.start(), m.end(), "DATE", day.isoformat())

    def month_day(self, m: re.Match[str]) -> None:
        month, day = self.month_number(m), int(m.group("day"))
        now = (self.dct.month, self.dct.day)
        if self.future(m.start()):
            year = self.dct.year if (month, day) >= now else self.dct.year + 1
        else:
            year = self.dct.year if (month, day) <= now else self.dct.year - 1
        try:
            value = dt.date(year, month, day).isoformat()
        except ValueError:
            return
        self.add(m.start(), m.end(), "DATE", value, relative=True)

    def month_year(self, m: re.Match[str]) -> None:
        self.add_point(m, _month(int(m.group("year")), self.month_number(m)), relative=False)

    def month(self, m: re.Match[str]) -> None:
        name = m.group("month")
        previous = self.previous_word(m.start())
        if name in {"May", "March"} and previous not in _MAY_CONTEXT:
            return  # the modal verb "may" and the verb "march" when capitalised
        month = self.month_number(m)
        relation = (m.group("relation") or "").lower()
        if relation == "last":
            year = self.dct.year if month < self.dct.month else self.dct.year - 1
        elif relation == "next":
            year = self.dct.year if month > self.dct.month else self.dct.year + 1
        elif relation == "this":
            year = self.dct.year
        elif self.future(m.start()):
            year = self.dct.year if month >= self.dct.month else self.dct.year + 1
        else:
            year = self.dct.year if month <= self.dct.month else self.dct.year - 1
        self.add_point(m, _month(year, month), relative=True)

    def year(self, m: re.Match[str]) -> None:
        previous = self.previous_word(m.start())
        after = self.text[m.end() : m.end() + 1]
        introduced = (
            previous in lx.YEAR_PREPOSITIONS or after in {"", "\n"} or after in ".,;:)!?”\"'"
        )
        amount = previous in {"than", "nearly", "almost", "least", "most", "some", "roughly"}
        if introduced and not amount:  # "in 2024", "... 2024." but not "more than 2000"
            self.add_point(m, m.group("year"), relative=False)

    def decade(self, m: re.Match[str]) -> None:
        self.add_point(m, m.group("decade")[:3] + "X", relative=False)

    def weekday(self, m: re.Match[str]) -> None:
        if m.group("plural"):
            number = lx.WEEKDAYS[m.group("weekday")] + 1
            self.add(m.start(), m.end(), "SET", f"XXXX-WXX-{number}")
            return
        weekday = lx.WEEKDAYS[m.group("weekday")]
        back = (self.dct.weekday() - weekday) % 7
        ahead = (weekday - self.dct.weekday()) % 7
        relation = (m.group("relation") or "").lower()
        if relation == "last":
            day = self.dct - dt.timedelta(days=back or 7)
        elif relation == "next":
            day = self.dct + dt.timedelta(days=ahead or 7)
        elif relation == "this":
            day = self.dct + dt.timedelta(days=weekday - self.dct.weekday())
        elif self.future(m.start()):
            day = self.dct + dt.timedelta(days=ahead)
        else:
            day = self.dct - dt.timedelta(days=back)
        self._day(m, day)

    def _day(self, m: re.Match[str], day: dt.date) -> None:
        part = m.group("part")
        if part:
            value = f"{day.isoformat()}T{lx.DAY_PARTS[part.lower()]}"
            self.add(m.start(), m.end(), "TIME", value, relative=True)
        else:
            self.add(m.start(), m.end(), "DATE", day.isoformat(), relative=True)

    def relative_day(self, m: re.Match[str]) -> None:
        word = m.group("word").lower()
        if word == "tonight":
            value = f"{self.dct.isoformat()}TNI"
            self.add(m.start(), m.end(), "TIME", value, relative=True)
            return
        shift = {"yesterday": -1, "today": 0, "tomorrow": 1}[word]
        self._day(m, self.dct + dt.timedelta(days=shift))

    def this_part(self, m: re.Match[str]) -> None:
        self._day(m, self.dct)

    def relative_period(self, m: re.Match[str]) -> None:
        relation, unit = m.group("relation").lower(), m.group("unit").lower()
        relation = {"previous": "last", "current": "this", "coming": "next"}.get(relation, relation)
        if relation == "past" or relation == "last" and unit in {"decade", "century"}:
            code = {"week": "W", "month": "M", "year": "Y", "decade": "DE", "century": "CE"}
            if unit in code:
                self.add(m.start(), m.end(), "DURATION", f"P1{code[unit]}")
            return
        step = {"last": -1, "this": 0, "next": 1}[relation]
        dct = self.dct
        if unit == "week":
            value = _week(dct + dt.timedelta(weeks=step))
        elif unit == "weekend":
            sunday = dct + dt.timedelta(days=6 - dct.weekday())
            value = _week(sunday + dt.timedelta(weeks=step)) + "-WE"
        elif unit == "month":
            value = _month(*_shift_month(dct, step))
        elif unit == "year":
            value = f"{dct.year + step:04d}"
        elif unit == "decade":
            value = f"{dct.year // 10 + step:03d}X"
        else:
            value = f"{dct.year // 100 + step:02d}XX"
        self.add_point(m, value, relative=True)

    def duration(self, m: re.Match[str]) -> None:
        unit = m.group("unit").lower().rstrip("s")
        unit = "century" if unit.startswith("centur") else unit
        number = m.group("number")
        article = number.lower() in {"a", "an"}
        if article and unit == "second":
            return  # "a second attack": the ordinal, not a duration
        amount = _amount(number)
        if amount is None:
            return
        qualifier = m.group("qualifier")
        mod = lx.QUALIFIERS[" ".join(qualifier.lower().split())] if qualifier else None
        if m.group("ago"):
            self._ago(m, unit, amount, mod)
            return
        if article and self.previous_word(m.start()) in _SET_WORDS:
            self.add(m.start(), m.end(), "SET", f"P1{lx.TIME_UNITS[unit]}")
            return
        code = lx.TIME_UNITS[unit]
        clock = unit in {"second", "minute", "hour"}
        value = f"PT{amount}{code}" if clock else f"P{amount}{code}"
        self.add(m.start(), m.end(), "DURATION", value, mod)

    def _ago(self, m: re.Match[str], unit: str, amount: str, mod: str | None) -> None:
        dct = self.dct
        if amount == "X" or "." in amount or unit in {"second", "minute", "hour"}:
            value = "PAST_REF"
        else:
            n = int(amount)
            if unit == "day":
                value = (dct - dt.timedelta(days=n)).isoformat()
            elif unit == "week":
                value = _week(dct - dt.timedelta(weeks=n))
            elif unit == "month":
                value = _month(*_shift_month(dct, -n))
            else:
                years = n * {"year": 1, "decade": 10, "century": 100}[unit]
                value = f"{dct.year - years:04d}"
        self.add(m.start(), m.end(), "DATE", value, mod, relative=True)

    def every(self, m: re.Match[str]) -> None:
        unit = m.group("unit").lower()
        self.add(m.start(), m.end(), "SET", f"P1{lx.TIME_UNITS[unit]}")


_PATTERNS: list[tuple[str, str]] = [
    (r"(?<![\w-])\d{4}-\d{2}-\d{2}(?![\w-])", "iso"),
    (rf"\b(?:{_WEEKDAY_PREFIX})?{_MONTH}\s+{_DAY},?\s+{_YEAR}", "full_date"),
    (rf"\b(?:{_WEEKDAY_PREFIX})?{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}", "full_date"),
    (rf"\b{_MONTH}\s+{_DAY}\b(?![,.]?\d|%)", "month_day"),
    (rf"(?<![\d.,])\b{_DAY}\s+(?:of\s+)?{_MONTH}", "month_day"),
    (rf"\b{_MONTH_FULL}\s+(?:of\s+)?{_YEAR}", "month_year"),
    (rf"(?:\b(?P<relation>(?i:last|next|this))\s+)?\b{_MONTH_FULL}", "month"),
    (
        r"(?:(?<=[Mm]id-)|(?<![\w$€£¥.,/-]))(?P<year>1[89]\d{2}|20\d{2})"
        r"(?![\w%/-]|[.,]\d|\s*(?i:percent|per cent))",
        "year",
    ),
    (r"\b(?P<decade>1[89]\d0|20\d0)s\b", "decade"),
    (rf"(?:\b(?P<relation>(?i:last|next|this))\s+)?\b{_WEEKDAY}(?P<plural>s)?\b{_PART}", "weekday"),
    (rf"(?i:\b(?P<word>yesterday|today|tomorrow|tonight)\b){_PART}", "relative_day"),
    (r"(?i:\bthis\s+(?P<part>morning|afternoon|evening)\b)", "this_part"),
    (
        r"(?i:\b(?P<relation>last|next|this|past|coming|previous|current)\s+"
        r"(?P<unit>weekend|week|month|year|decade|century)\b)",
        "relative_period",
    ),
    (
        rf"(?<![\w-])(?:{_QUALIFIER}\s+)?{_NUMBER}[\s-]+{_UNIT}(?:-old)?\b(?P<ago>\s+(?i:ago)\b)?",
        "duration",
    ),
    (r"(?i:\b(?:every|each)\s+(?P<unit>day|week|month|year)\b)", "every"),
]


def find_dates(doc: Doc, dct: dt.date) -> list[DateSpan]:
    """Every temporal expression of a text, non-overlapping, in text order."""
    finder = _Finder(doc, dct)
    for pattern, handler in _PATTERNS:
        finder.scan(pattern, getattr(finder, handler))
    kept = longest_first(finder.found)
    _mark_creation_time(doc, kept, dct)
    return kept


def _mark_creation_time(doc: Doc, dates: list[DateSpan], dct: dt.date) -> None:
    """The first full date in the first five lines equal to the DCT is the creation time."""
    if not doc.lines:
        return
    top = doc.lines[min(4, len(doc.lines) - 1)].end
    for span in dates:
        if span.start >= top:
            return
        if span.type == "DATE" and span.value == dct.isoformat() and not span.relative:
            span.function = "CREATION_TIME"
            return
