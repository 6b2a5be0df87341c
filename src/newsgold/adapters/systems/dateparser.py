"""dateparser as a dates system: ``search_dates`` against the publication date, values at the
granularity dateparser reports.

Settings, chosen on purpose (docs/benchmarking.md#third-party-systems):

- ``languages=["en"]``: the corpus is English; language detection only adds false readings.
- ``RELATIVE_BASE``: the publication date at midnight, so "Monday" and "last month" resolve
  against the document creation time as the guidelines do.
- ``PREFER_DATES_FROM="current_period"`` (dateparser's default, kept after comparing it with
  ``"past"`` on the validation split: value F1 57.1 against 47.1): dateparser cannot read tense,
  so an unanchored weekday is the one of the publication date's week and "November 11" the one
  of its year; "past" put every date the news announces ("on June 17", in an article of June 9)
  a year early.
- ``RETURN_TIME_AS_PERIOD=True``: a clock time comes back with period ``time``, so it can be told
  from a day.

Each found string is parsed again (``DateDataParser.get_date_data``) for its period, which sets
the value's granularity: year ``2006``, month ``2012-05``, week ``2005-W04``, day ``2005-01-24``,
quarter ``2005-Q4``, time ``2005-01-28T16:00``, part of day ``2005-01-25TAF``. The span is then
narrowed to its shortest run of words that still parses to the same date and period (against
the publication date and against a probe date, so "29, 2005" is not taken for "January 29,
2005" by filling in the month), which drops the prepositions and conjunctions ``search_dates``
keeps ("in 2006 and the" → "2006").
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from newsgold.adapters import require
from newsgold.adapters.systems import EXTRA, System, located, published
from newsgold.scoring.harness import Model

SYSTEM = System(
    name="dateparser",
    distribution="dateparser",
    module="dateparser",
    layers={"dates": ("DATE", "TIME")},
    cannot="durations, sets, mods; entities, figures and claims",
)

# (date, period) as DateDataParser reports it; None when the string does not parse.
Reading = tuple[dt.datetime | None, str | None]
# A string's readings against the publication date and against a probe date (PROBE earlier): two
# strings that read alike against both state the same date, not one filled in from the base.
Parse = Callable[[str], tuple[Reading, Reading]]
PROBE = dt.timedelta(days=400, hours=7)  # another year, month, day, weekday and hour

# Digits alone are a date only as a year or a full numeric date (1/2/2005): "5.5" is not, and
# nothing with a percent sign is ("20%", "20% and 5").
_DIGITS_ONLY = re.compile(r"[^A-Za-z]*")
_NUMERIC_DATE = re.compile(r"\d{4}|\d{1,4}([-/.])\d{1,2}\1\d{1,4}")
_EDGE = " \t\n,;:()[]\"'“”‘’"  # characters a span never starts or ends with
_WORD = re.compile(r"\S+")
_PART_OF_DAY = ((5, "NI"), (12, "MO"), (17, "AF"), (21, "EV"), (24, "NI"))  # (hour before, part)


def part_of_day(hour: int) -> str:
    """The TIMEX3 part of day of an hour (dateparser's morning 6, afternoon 15, evening 19, night 22)."""
    return next(part for limit, part in _PART_OF_DAY if hour < limit)


def timex(when: dt.datetime, period: str, base: dt.datetime) -> tuple[str, str] | None:
    """(type, value) of a reading at the granularity of its period; None for a reading that is
    not a date (a "time" with seconds: dateparser's reading of "1990s" as 1990 seconds ago)."""
    day = when.strftime("%Y-%m-%d")
    if period == "time":
        if when == base:  # "now": the reference time itself
            return "DATE", "PRESENT_REF"
        if when.second or when.microsecond:
            return None
        return "TIME", f"{day}T{when:%H:%M}"
    if period == "part_of_day":
        return "TIME", f"{day}T{part_of_day(when.hour)}"
    values = {
        "year": f"{when.year:04d}",
        "quarter": f"{when.year:04d}-Q{(when.month - 1) // 3 + 1}",
        "month": f"{when.year:04d}-{when.month:02d}",
        "week": "{:04d}-W{:02d}".format(*when.isocalendar()[:2]),
        "day": day,
    }
    return ("DATE", values[period]) if period in values else None


def narrowed(text: str, start: int, end: int, parse: Parse) -> tuple[int, int]:
    """The shortest run of whole words of text[start:end] that parses as the whole does."""
    words = [(start + m.start(), start + m.end()) for m in _WORD.finditer(text[start:end])]
    whole = parse(text[start:end])
    while len(words) > 1 and parse(text[words[1][0] : words[-1][1]]) == whole:
        words = words[1:]
    while len(words) > 1 and parse(text[words[0][0] : words[-2][1]]) == whole:
        words = words[:-1]
    lo, hi = words[0][0], words[-1][1]
    while lo < hi and text[lo] in _EDGE:
        lo += 1
    while hi > lo and text[hi - 1] in _EDGE:
        hi -= 1
    return lo, hi


def to_dates(
    text: str, found: Iterable[tuple[str, Any]], parse: Parse, base: dt.datetime
) -> list[dict[str, Any]]:
    """Dates items from ``search_dates`` output [(string, datetime), ...], in text order.

    Each string is looked up from where the previous one ended (so repeats are read in order;
    one not in the text is a NewsgoldError);
    a string that does not parse to a date at a known granularity, digits that are neither a
    year nor a full numeric date, and anything with a percent sign are left out.
    """
    items: dict[tuple[int, int], dict[str, Any]] = {}
    cursor = 0
    for string, _ in found:
        where = located(text, string, cursor, SYSTEM.name)
        cursor = where[1]
        start, end = narrowed(text, *where, parse)
        span = text[start:end]
        if "%" in span or _DIGITS_ONLY.fullmatch(span) and not _NUMERIC_DATE.fullmatch(span):
            continue
        when, period = parse(span)[0]
        reading = None if when is None or period is None else timex(when, period, base)
        if reading is None or (start, end) in items:
            continue
        items[(start, end)] = {
            "start": start,
            "end": end,
            "text": span,
            "type": reading[0],
            "value": reading[1],
        }
    return sorted(items.values(), key=lambda item: (item["start"], item["end"]))


def settings(base: dt.datetime) -> dict[str, Any]:
    """The dateparser settings of one document (see the module's docstring)."""
    return {
        "RELATIVE_BASE": base,
        "PREFER_DATES_FROM": "current_period",
        "RETURN_TIME_AS_PERIOD": True,
    }


def load() -> Model:
    """The dateparser model: ``model(text, metadata) -> {"dates": [...]}``."""
    require("dateparser", EXTRA, "the dateparser system")
    from dateparser.date import DateDataParser
    from dateparser.search import search_dates

    def model(text: str, metadata: Mapping[str, Any]) -> dict[str, Any]:
        base = published(metadata)
        chosen = settings(base)
        parser = DateDataParser(languages=["en"], settings=chosen)

        probe = DateDataParser(languages=["en"], settings=settings(base - PROBE))

        def parse(string: str) -> tuple[Reading, Reading]:
            ours, other = parser.get_date_data(string), probe.get_date_data(string)
            return (ours.date_obj, ours.period), (other.date_obj, other.period)

        found = search_dates(text, languages=["en"], settings=chosen) or []
        return {"dates": to_dates(text, found, parse, base)}

    return model
