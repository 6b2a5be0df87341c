"""The recognizers-text system: its datetimeV2 results (shaped as the library returns them) to
dates items, and the real library on a sentence."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from newsgold.adapters.systems.recognizers import calendar_range, chosen, to_dates

REFERENCE = "2005-01-29"  # the publication date, a Saturday


@dataclass
class Result:
    """A ModelResult as the library returns it: end inclusive, text lower-cased."""

    start: int
    end: int
    text: str
    type_name: str
    resolution: dict[str, Any]


def result(text: str, needle: str, kind: str, *values: dict[str, Any]) -> Result:
    start = text.index(needle)
    return Result(start, start + len(needle) - 1, needle.lower(), kind, {"values": list(values)})


TEXT = (
    "On Monday, since October 1982, in the fourth quarter of 2005 and mid-January, for the next "
    "30 hours, over four decades, at 4 p.m. and now."
)


def results() -> list[Result]:
    t = TEXT
    return [
        result(
            t,
            "Monday",
            "datetimeV2.date",
            {"timex": "XXXX-WXX-1", "type": "date", "value": "2005-01-24"},
            {"timex": "XXXX-WXX-1", "type": "date", "value": "2005-01-31"},
        ),
        result(
            t,
            "since October 1982",
            "datetimeV2.daterange",
            {"timex": "1982-10", "Mod": "since", "type": "daterange", "start": "1982-10-01"},
        ),
        result(
            t,
            "the fourth quarter of 2005",
            "datetimeV2.daterange",
            {"timex": "(2005-10-01,2006-01-01,P3M)", "type": "daterange", "start": "2005-10-01"},
        ),
        result(
            t,
            "mid-January",
            "datetimeV2.daterange",
            {"timex": "XXXX-01", "Mod": "mid", "type": "daterange", "start": "2004-01-01"},
            {"timex": "XXXX-01", "Mod": "mid", "type": "daterange", "start": "2005-01-01"},
        ),
        result(
            t,
            "next 30 hours",
            "datetimeV2.datetimerange",
            {
                "timex": "(2005-01-29T00:00:00,2005-01-30T06:00:00,PT30H)",
                "type": "datetimerange",
                "start": "2005-01-29 00:00:00",
            },
        ),
        result(
            t,
            "four decades",
            "datetimeV2.duration",
            {"timex": "P41", "type": "duration", "value": "1261440000"},
        ),
        result(
            t,
            "4 p.m.",
            "datetimeV2.time",
            {"timex": "T16", "type": "time", "value": "16:00:00"},
        ),
        result(
            t,
            "now",
            "datetimeV2.datetime",
            {"timex": "PRESENT_REF", "type": "datetime", "value": "2005-01-29 00:00:00"},
        ),
    ]


def test_results_to_items_by_hand() -> None:
    items = to_dates(TEXT, results(), REFERENCE)
    got = [(i["text"], i["type"], i["value"], i["mod"]) for i in items]
    assert got == [
        ("Monday", "DATE", "2005-01-31", None),  # 2 days after, not 5 days before
        ("October 1982", "DATE", "1982-10", None),  # "since" cut off, no mod
        ("the fourth quarter of 2005", "DATE", "2005-Q4", None),
        ("mid-January", "DATE", "2005-01", "MID"),  # the January that has begun
        ("next 30 hours", "DURATION", "PT30H", None),  # a range from the publication date
        ("four decades", "DURATION", None, None),  # "P41" is no TIMEX3 duration
        ("4 p.m.", "TIME", "2005-01-29T16:00", None),  # on the publication date
        ("now", "DATE", "PRESENT_REF", None),
    ]
    assert all(TEXT[i["start"] : i["end"]] == i["text"] for i in items)


def test_offsets_that_do_not_match_are_looked_up() -> None:
    # A result whose offsets are off by one (as after a case change of another length).
    text = "It happened on Monday."
    shifted = Result(14, 19, "monday", "datetimeV2.date", {"values": [{"timex": "2005-01-24"}]})
    (item,) = to_dates(text, [shifted], REFERENCE)
    assert (item["start"], item["end"], item["text"]) == (15, 21, "Monday")


def test_choices_among_alternatives_and_calendar_ranges() -> None:
    before, after = {"value": "2005-01-24"}, {"value": "2005-01-31"}  # 5 and 2 days away
    assert chosen([before, after], REFERENCE) is after
    friday, next_friday = {"value": "2005-01-28"}, {"value": "2005-02-04"}  # 1 and 6 days
    assert chosen([next_friday, friday], REFERENCE) is friday
    tie = [{"value": "2005-01-27"}, {"value": "2005-01-31"}]  # 2 days either side: the earlier
    assert chosen(tie, REFERENCE) is tie[0]
    unresolved = [{"value": "not resolved"}]
    assert chosen(unresolved, REFERENCE) is unresolved[0]
    assert calendar_range("2005-01-01", "2006-01-01", "P1Y") == "2005"
    assert calendar_range("2005-03-01", "2005-04-01", "P1M") == "2005-03"
    assert calendar_range("2005-01-24", "2005-01-31", "P7D") == "2005-W04"
    assert calendar_range("2005-02-01", "2005-05-01", "P3M") is None  # not a calendar quarter


def test_the_real_library_on_a_sentence() -> None:
    pytest.importorskip("recognizers_date_time")
    from newsgold.adapters.systems.recognizers import load

    text = "Sales fell for six months after the company said on Monday that it would close in May 2012."
    items = load()(text, {"published": "2005-01-25"})["dates"]  # a Tuesday
    got = {(i["text"], i["type"], i["value"]) for i in items}
    assert ("six months", "DURATION", "P6M") in got
    assert ("Monday", "DATE", "2005-01-24") in got
    assert ("May 2012", "DATE", "2012-05") in got
