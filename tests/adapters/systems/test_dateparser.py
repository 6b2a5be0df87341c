"""The dateparser system: readings to TIMEX3 values at their granularity, spans narrowed to the
words that carry the date, and the real library on a sentence."""

from __future__ import annotations

import datetime as dt

import pytest

from newsgold.adapters.systems.dateparser import Reading, narrowed, part_of_day, timex, to_dates
from newsgold.errors import NewsgoldError

BASE = dt.datetime(2005, 1, 29)  # a Saturday


def test_values_follow_the_period_dateparser_reports() -> None:
    assert timex(dt.datetime(2006, 1, 29), "year", BASE) == ("DATE", "2006")
    assert timex(dt.datetime(2012, 5, 29), "month", BASE) == ("DATE", "2012-05")
    assert timex(dt.datetime(2005, 1, 24), "day", BASE) == ("DATE", "2005-01-24")
    # 2005-01-29 is in ISO week 4 (week 1 starts on Monday 2005-01-03).
    assert timex(dt.datetime(2005, 1, 29), "week", BASE) == ("DATE", "2005-W04")
    assert timex(dt.datetime(2005, 10, 29), "quarter", BASE) == ("DATE", "2005-Q4")
    assert timex(dt.datetime(2005, 1, 28, 16, 0), "time", BASE) == ("TIME", "2005-01-28T16:00")
    assert timex(dt.datetime(2005, 1, 25, 15, 0), "part_of_day", BASE) == ("TIME", "2005-01-25TAF")


def test_now_is_present_ref_and_a_time_with_seconds_is_no_date() -> None:
    assert timex(BASE, "time", BASE) == ("DATE", "PRESENT_REF")
    # dateparser reads "the 1990s" as 1990 seconds before the base: 23:26:50 the day before.
    assert timex(dt.datetime(2005, 1, 28, 23, 26, 50), "time", BASE) is None
    assert timex(BASE, "decade", BASE) is None


def test_parts_of_day() -> None:
    assert [part_of_day(h) for h in (3, 6, 12, 15, 19, 22)] == ["NI", "MO", "AF", "AF", "EV", "NI"]


MAY = (dt.datetime(2012, 5, 29), "month")
MAY_PROBE = (dt.datetime(2012, 5, 15), "month")
MONDAY = (dt.datetime(2005, 1, 24), "day")
MONDAY_PROBE = (dt.datetime(2003, 12, 15), "day")
YEAR = (dt.datetime(2006, 1, 29), "year")
YEAR_PROBE = (dt.datetime(2006, 12, 15), "year")
NONE: Reading = (None, None)
# What DateDataParser.get_date_data gives for each string (date_obj, period), against the base
# and against the probe; any other string does not parse.
READINGS: dict[str, tuple[Reading, Reading]] = {
    "In May 2012 and": (MAY, MAY_PROBE),
    "May 2012 and": (MAY, MAY_PROBE),
    "May 2012": (MAY, MAY_PROBE),
    "In May 2012": (MAY, MAY_PROBE),
    "2012 and": ((dt.datetime(2012, 1, 29), "year"), (dt.datetime(2012, 12, 15), "year")),
    "on Monday,": (MONDAY, MONDAY_PROBE),
    "Monday,": (MONDAY, MONDAY_PROBE),
    "Monday": (MONDAY, MONDAY_PROBE),
    "20% and 5": ((dt.datetime(2004, 5, 20), "day"), (dt.datetime(2003, 5, 20), "day")),
    "in 2006": (YEAR, YEAR_PROBE),
    "2006": (YEAR, YEAR_PROBE),
    # "29, 2005" fills its month from the base: against the probe it is another date.
    "January 29, 2005": ((BASE, "day"), (BASE, "day")),
    "29, 2005": ((BASE, "day"), (dt.datetime(2005, 12, 29), "day")),
    "January 29,": ((BASE, "day"), (dt.datetime(2004, 1, 29), "day")),
}


def parse(string: str) -> tuple[Reading, Reading]:
    return READINGS.get(string, (NONE, NONE))


TEXT = "In May 2012 and on Monday, sales fell 20% and 5 points in 2006. January 29, 2005"
#       0         1         2         3         4         5         6         7
#       0123456789012345678901234567890123456789012345678901234567890123456789012345678


def test_spans_are_narrowed_to_the_words_that_carry_the_date() -> None:
    assert narrowed(TEXT, 0, 15, parse) == (3, 11)  # "In May 2012 and" -> "May 2012"
    assert narrowed(TEXT, 16, 26, parse) == (19, 25)  # "on Monday," -> "Monday" (comma cut)
    # The month is not dropped: "29, 2005" reads otherwise against the probe.
    assert narrowed(TEXT, 64, 80, parse) == (64, 80)


def test_search_dates_output_to_items_in_text_order() -> None:
    found = [
        ("In May 2012 and", MAY[0]),
        ("on Monday,", MONDAY[0]),
        ("20% and 5", dt.datetime(2004, 5, 20)),  # a percentage: no date
        ("in 2006", YEAR[0]),
        ("January 29, 2005", BASE),
    ]
    items = to_dates(TEXT, found, parse, BASE)
    assert [(i["start"], i["end"], i["text"], i["type"], i["value"]) for i in items] == [
        (3, 11, "May 2012", "DATE", "2012-05"),
        (19, 25, "Monday", "DATE", "2005-01-24"),
        (58, 62, "2006", "DATE", "2006"),
        (64, 80, "January 29, 2005", "DATE", "2005-01-29"),
    ]
    assert all(TEXT[i["start"] : i["end"]] == i["text"] for i in items)


def test_a_string_not_in_the_text_is_an_error_not_a_guess() -> None:
    with pytest.raises(NewsgoldError) as caught:
        to_dates(TEXT, [("May 2013", MAY[0])], parse, BASE)
    assert caught.value.message == (
        "dateparser returned 'May 2013', which is not in the text as whole words "
        "(looked from offset 0, then from the start)"
    )


def test_the_real_library_on_a_sentence() -> None:
    pytest.importorskip("dateparser")
    from newsgold.adapters.systems.dateparser import load

    text = "Boeing said on Monday that deliveries would begin in May 2012."
    items = load()(text, {"published": "2005-01-29"})["dates"]
    got = {(i["text"], i["type"], i["value"]) for i in items}
    assert ("Monday", "DATE", "2005-01-24") in got
    assert ("May 2012", "DATE", "2012-05") in got
    assert all(text[i["start"] : i["end"]] == i["text"] for i in items)
