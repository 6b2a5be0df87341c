"""Microsoft Recognizers-Text (``recognizers-text-date-time``) as a dates system.

Its English datetimeV2 model is run on the whole text with the publication date as reference
time. Each result has an inclusive character range, a type (``datetimeV2.date``, ``daterange``,
``duration``, ``set``, ...) and resolutions carrying a TIMEX value; mapping them:

- type: date, daterange → DATE; time, timerange, datetime, datetimerange → TIME (a reference
  such as PRESENT_REF → DATE); duration → DURATION; set → SET.
- value: the TIMEX as given when it is complete ("2012-05", "P6M", "2005-Q4" is written as the
  range "(2005-10-01,2006-01-01,P3M)" and read back to "2005-Q4"); an underspecified one
  ("XXXX-WXX-1", "XXXX-01") takes its year or date from the resolution chosen among the
  alternatives the library gives (the one nearest the publication date, chosen on the
  validation split over "the latest before it": news announces near future dates too); a time alone ("T16") is put on the publication date. A
  range that starts or ends on the publication date ("the next 30 hours") is a DURATION. A value
  the guidelines do not allow (the library writes "four decades" as "P41") becomes null.
- mod: start, mid, end, approx, more, less → START, MID, END, APPROX, MORE_THAN, LESS_THAN. The
  library folds a preposition into the span and reads it as a mod ("since October 1982", "by
  2008"); the guidelines keep prepositions outside and give them no mod, so such a leading word
  is cut off the span and the mod dropped.

The library needs ``emoji<2`` (it imports ``emoji.UNICODE_EMOJI``, removed in emoji 2.0).
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from collections.abc import Iterable, Mapping
from typing import Any

from newsgold import timex
from newsgold.adapters import require
from newsgold.adapters.systems import EXTRA, System, located, published
from newsgold.scoring.harness import Model

SYSTEM = System(
    name="recognizers-text",
    distribution="recognizers-text-date-time",
    module="recognizers_date_time",
    layers={"dates": ("DATE", "TIME", "DURATION", "SET")},
    cannot="anchors, functions; entities, figures and claims",
)

TYPES = {
    "date": "DATE",
    "daterange": "DATE",
    "time": "TIME",
    "timerange": "TIME",
    "datetime": "TIME",
    "datetimerange": "TIME",
    "duration": "DURATION",
    "set": "SET",
}
MODS = {
    "start": "START",
    "mid": "MID",
    "end": "END",
    "approx": "APPROX",
    "more": "MORE_THAN",
    "less": "LESS_THAN",
}
SIGNAL_MODS = {"before", "after", "since", "until"}  # a preposition read as a mod
SIGNALS = {"by", "before", "after", "since", "until", "till", "from", "in", "on", "at", "during"}
_RANGE = re.compile(r"\((?P<start>[^,]+),(?P<end>[^,]+),(?P<duration>P[^)]+)\)")
_HOUR_ONLY = re.compile(r"T(\d{2})$")


def chosen(values: list[dict[str, Any]], reference: str) -> dict[str, Any]:
    """The resolution to use: among the alternatives of an underspecified expression ("Monday":
    the one before and the one after the reference date), the one that begins nearest the
    reference date (YYYY-MM-DD), the earlier on a tie; the first when none has a date."""

    def distance(value: dict[str, Any]) -> tuple[int, str]:
        begins = str(value.get("value") or value.get("start") or "")[:10]
        try:
            days = abs((dt.date.fromisoformat(begins) - dt.date.fromisoformat(reference)).days)
        except ValueError:
            return (sys.maxsize, begins)
        return (days, begins)

    return min(values, key=distance)


def calendar_range(start: str, end: str, duration: str) -> str | None:
    """A range "(start,end,duration)" as the calendar unit it covers, or None."""
    try:
        first = dt.date.fromisoformat(start[:10])
    except ValueError:
        return None
    if duration == "P1Y" and (first.month, first.day) == (1, 1):
        return f"{first.year:04d}"
    if duration == "P3M" and first.day == 1 and first.month % 3 == 1:
        return f"{first.year:04d}-Q{(first.month - 1) // 3 + 1}"
    if duration == "P1M" and first.day == 1:
        return f"{first.year:04d}-{first.month:02d}"
    if duration in {"P1W", "P7D"} and first.isoweekday() == 1:
        return "{:04d}-W{:02d}".format(*first.isocalendar()[:2])
    return None


def value_of(tx: str, resolution: dict[str, Any], reference: str) -> tuple[str | None, bool]:
    """(TIMEX3 value, whether it is a duration) of one resolution, against the reference date."""
    found = _RANGE.fullmatch(tx)
    if found:
        if reference in (found["start"][:10], found["end"][:10]):
            return found["duration"], True
        return calendar_range(found["start"], found["end"], found["duration"]), False
    resolved = str(resolution.get("value") or resolution.get("start") or "")
    if tx.startswith("XXXX-WXX-"):
        if len(resolved) < 10:
            return None, False
        tx = resolved[:10] + tx[len("XXXX-WXX-1") :]
    elif tx.startswith("XXXX"):
        year = resolved[:4] if resolved[:4].isdigit() else reference[:4]
        tx = year + tx[4:]
    elif tx[:2] in {"SP", "SU", "FA", "WI"}:
        tx = f"{reference[:4]}-{tx}"
    elif tx.startswith("T"):
        tx = reference + tx
    return _HOUR_ONLY.sub(r"T\1:00", tx), False


def to_item(
    text: str, start: int, end: int, kind: str, values: list[dict[str, Any]], reference: str
) -> dict[str, Any] | None:
    """One dates item from one recognised expression (offsets end exclusive), or None."""
    type_ = TYPES.get(kind.rsplit(".", 1)[-1])
    if type_ is None or not values:
        return None
    resolution = chosen(values, reference)
    value, is_duration = value_of(str(resolution.get("timex", "")), resolution, reference)
    if is_duration:
        type_ = "DURATION"
    elif value in timex.REFS:
        type_ = "DATE"
    mod_word = str(resolution.get("Mod", ""))
    words = text[start:end].split(None, 1)
    if mod_word in SIGNAL_MODS and len(words) == 2 and words[0].lower() in SIGNALS:
        start = end - len(words[1])
    if value is not None:
        value = timex.canonical(value)
        if not timex.is_valid(type_, value):
            value = None
    return {
        "start": start,
        "end": end,
        "text": text[start:end],
        "type": type_,
        "value": value,
        "mod": MODS.get(mod_word),
    }


def to_dates(text: str, results: Iterable[Any], reference: str) -> list[dict[str, Any]]:
    """Dates items from the model's results (``start``, inclusive ``end``, ``text`` lower-cased,
    ``type_name``, ``resolution``), in text order; a result whose text is not at its offsets is
    looked up from the previous one on (NewsgoldError when it is not in the text)."""
    items: dict[tuple[int, int], dict[str, Any]] = {}
    cursor = 0
    for result in results:
        start, end = result.start, result.end + 1
        if text[start:end].lower() != result.text:
            start, end = located(text.lower(), result.text, cursor, SYSTEM.name)
        cursor = end
        values = (result.resolution or {}).get("values") or []
        item = to_item(text, start, end, result.type_name, values, reference)
        if item is not None and (item["start"], item["end"]) not in items:
            items[(item["start"], item["end"])] = item
    return sorted(items.values(), key=lambda item: (item["start"], item["end"]))


def load() -> Model:
    """The recognizers-text model: ``model(text, metadata) -> {"dates": [...]}``."""
    require("recognizers_date_time", EXTRA, "the recognizers-text system")
    from recognizers_date_time import DateTimeRecognizer
    from recognizers_text import Culture

    recognizer = DateTimeRecognizer(Culture.English).get_datetime_model()

    def model(text: str, metadata: Mapping[str, Any]) -> dict[str, Any]:
        base = published(metadata)
        results = recognizer.parse(text, base)
        return {"dates": to_dates(text, results, base.strftime("%Y-%m-%d"))}

    return model
