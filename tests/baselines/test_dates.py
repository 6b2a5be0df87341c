"""Dates of the rule baseline on invented snippets; values worked out by hand from a calendar.

Calendar: 2025-04-15 is a Tuesday in ISO week 2025-W16 (Monday 04-14 to Sunday 04-20); the Friday
before it is 2025-04-11, the Friday after it 2025-04-18; the week before is W15, after it W17.
"""

from __future__ import annotations

from baseline_helpers import only, run, texts

from newsgold.timex import is_valid

DCT = "2025-04-15"


def dates(text: str, published: str = DCT) -> list[dict[str, object]]:
    return run(text, published)["dates"]


def test_weekdays_resolve_to_the_most_recent_past_day_or_the_day_itself() -> None:
    found = dates("The talks began on Friday and ended on Tuesday.")
    assert only(found, "Friday")["value"] == "2025-04-11"
    assert only(found, "Tuesday")["value"] == "2025-04-15"  # the DCT is itself a Tuesday
    assert all(d["type"] == "DATE" for d in found)


def test_weekdays_in_a_future_sentence_and_with_last_next_this() -> None:
    assert only(dates("Talks will resume on Friday."), "Friday")["value"] == "2025-04-18"
    assert only(dates("He left last Tuesday."), "last Tuesday")["value"] == "2025-04-08"
    assert only(dates("They meet next Friday."), "next Friday")["value"] == "2025-04-18"
    assert only(dates("It ends this Sunday."), "this Sunday")["value"] == "2025-04-20"


def test_yesterday_today_tomorrow_and_parts_of_the_day() -> None:
    found = dates("It rained yesterday, clears today and snows tomorrow. Friday morning was calm.")
    assert only(found, "yesterday")["value"] == "2025-04-14"
    assert only(found, "today")["value"] == "2025-04-15"
    assert only(found, "tomorrow")["value"] == "2025-04-16"
    morning = only(found, "Friday morning")
    assert (morning["type"], morning["value"]) == ("TIME", "2025-04-11TMO")


def test_last_next_this_week_month_year() -> None:
    found = dates("Prices rose last week, last month and last year; they fall this month.")
    assert only(found, "last week")["value"] == "2025-W15"
    assert only(found, "last month")["value"] == "2025-03"
    assert only(found, "last year")["value"] == "2024"
    assert only(found, "this month")["value"] == "2025-04"
    found = dates("A vote is planned next week, next month or next year.")
    assert [d["value"] for d in found] == ["2025-W17", "2025-05", "2026"]


def test_mid_early_late_months_take_their_mod_and_leave_the_preposition_out() -> None:
    found = dates("Since mid-February the port was shut; in early March and late January too.")
    assert texts(found) == ["mid-February", "early March", "late January"]
    assert [(d["value"], d["mod"]) for d in found] == [
        ("2025-02", "MID"),
        ("2025-03", "START"),
        ("2025-01", "END"),
    ]


def test_months_without_a_year_take_the_most_recent_one_not_after_the_dct() -> None:
    # April is the DCT's month (2025); August and December are after April, so 2024.
    found = dates("In December the council met, in August it voted and in April it agreed.")
    assert texts(found) == ["December", "August", "April"]
    assert [d["value"] for d in found] == ["2024-12", "2024-08", "2025-04"]
    # In a sentence about the future the next such month is meant instead.
    assert only(dates("The council will meet in March."), "March")["value"] == "2026-03"


def test_month_names_with_years_and_written_dates() -> None:
    text = (
        "It began in October 2024, on February 4, 2025, on 4 February 2025 and on March 04, 2025."
    )
    found = dates(text)
    assert texts(found) == ["October 2024", "February 4, 2025", "4 February 2025", "March 04, 2025"]
    assert [d["value"] for d in found] == ["2024-10", "2025-02-04", "2025-02-04", "2025-03-04"]
    assert all(d["anchor"] is None for d in found)  # fully specified: no anchor


def test_iso_dates_years_and_decades() -> None:
    found = dates("The 2024-11-30 report covered events in 2019 and since the 1990s.")
    assert [(d["text"], d["value"]) for d in found] == [
        ("2024-11-30", "2024-11-30"),
        ("2019", "2019"),
        ("1990s", "199X"),
    ]


def test_durations_with_qualifiers_follow_the_guidelines_mods() -> None:
    text = "The siege lasted nearly five months, about two weeks, more than 24 hours and two years."
    found = dates(text)
    assert [(d["text"], d["type"], d["value"], d["mod"]) for d in found] == [
        ("nearly five months", "DURATION", "P5M", "LESS_THAN"),
        ("about two weeks", "DURATION", "P2W", "APPROX"),
        ("more than 24 hours", "DURATION", "PT24H", "MORE_THAN"),
        ("two years", "DURATION", "P2Y", None),
    ]
    assert all(d["anchor"] is None for d in found)


def test_later_stays_outside_and_ago_is_a_date() -> None:
    found = dates("Nearly five weeks later they returned. Three years ago the plant closed.")
    assert texts(found) == ["Nearly five weeks", "Three years ago"]
    assert only(found, "Three years ago")["value"] == "2022"


def test_creation_time_and_anchors() -> None:
    text = "## A Headline\nBy A Reporter\nApril 15, 2025\n\nThe vote was on Friday, not in 2019."
    found = dates(text)
    dateline, friday, year = found
    assert (dateline["text"], dateline["function"], dateline["anchor"]) == (
        "April 15, 2025",
        "CREATION_TIME",
        None,
    )
    assert friday["anchor"] == dateline["id"]  # relative: anchored on the creation time
    assert year["anchor"] is None and year["function"] is None


def test_no_creation_time_when_the_top_date_differs_from_the_publication_date() -> None:
    found = dates("April 14, 2025\n\nIt happened on Friday.")
    assert all(d["function"] is None and d["anchor"] is None for d in found)


def test_may_the_verb_and_temporal_words_without_dates() -> None:
    assert dates("The plan may fail, officials said previously.") == []
    assert texts(dates("The plan failed in May.")) == ["May"]


def test_every_value_is_valid_timex_for_its_type() -> None:
    text = (
        "Since mid-2023, every week, on Fridays, for several years, a 34-year-old waited "
        "until late last year, the past month and tonight."
    )
    found = dates(text)
    assert len(found) >= 7
    assert all(is_valid(d["type"], d["value"]) for d in found)
    assert only(found, "mid-2023")["mod"] == "MID"
    assert only(found, "every week")["type"] == "SET"
    assert only(found, "several years")["value"] == "PXY"


def test_a_quotation_closed_before_the_date_keeps_its_own_tense() -> None:
    # "will" is the speaker's; the reporting sentence is past, so the Friday before the DCT.
    found = dates("“We will stay,” she said on Friday.")
    assert only(found, "Friday")["value"] == "2025-04-11"
