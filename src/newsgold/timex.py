"""TIMEX3 values: parsing the forms a value may take and checking them against a type."""

from __future__ import annotations

import calendar
import re

REFS = {"PRESENT_REF", "PAST_REF", "FUTURE_REF"}
# English month names and abbreviations as a regex alternation (datelines, the audit's month rule).
MONTH_NAMES = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
_NUM = r"(?:\d+(?:\.\d+)?|X)"
_DURATION = re.compile(
    rf"^P(?:(?P<y>{_NUM})Y)?(?:(?P<mo>{_NUM})M)?(?:(?P<w>{_NUM})W)?(?:(?P<d>{_NUM})D)?"
    rf"(?:(?P<de>{_NUM})DE)?(?:(?P<ce>{_NUM})CE)?"
    rf"(?:T(?:(?P<h>{_NUM})H)?(?:(?P<mi>{_NUM})M)?(?:(?P<s>{_NUM})S)?)?$"
)
_YEAR = r"(?P<year>\d{4}|\d{3}X|\d{2}XX|XXXX)"
_CALENDAR = re.compile(
    rf"^{_YEAR}(?:-(?:"
    r"(?P<month>\d{2}|XX)(?:-(?P<day>\d{2}|XX))?"
    r"|W(?P<week>\d{2}|XX)(?:-(?P<weekday>[1-7]|X|WE))?"
    r"|Q(?P<quarter>[1-4X])"
    r"|H(?P<half>[12X])"
    r"|(?P<season>SP|SU|FA|WI)"
    r"))?$"
)
# TimeML writes a decade or century as its leading digits ("199" the 1990s, "19" the 1900s), as
# TempEval-3's data and HeidelTime do; the guidelines pad them with X ("199X", "19XX").
_TIMEML_YEAR = re.compile(r"^(?P<digits>\d{2,3})(?=$|[-T])")
_TIME_PART = re.compile(
    r"^(?:(?P<hour>\d{2})(?::(?P<minute>\d{2})(?::(?P<second>\d{2}))?)?|MO|MI|AF|EV|NI|DT)$"
)


def canonical(value: str) -> str:
    """A TIMEX3 value in the guidelines' form: TimeML's decade "199" and century "19" (alone
    or before a further part) become "199X" and "19XX"; every other value is returned as is."""
    match = _TIMEML_YEAR.match(value)
    if not match:
        return value
    digits = match["digits"]
    return digits + "X" * (4 - len(digits)) + value[match.end() :]


def _duration_problem(value: str) -> str | None:
    match = _DURATION.match(value)
    if (
        not match
        or value in {"P", "PT"}
        or value.endswith("T")
        or not any(match.groupdict().values())
    ):
        return f"{value!r} is not a TIMEX3 duration; expected P[nY][nM][nW][nD][T[nH][nM][nS]], e.g. P6M"
    return None


def _calendar_problem(value: str) -> str | None:
    match = _CALENDAR.match(value)
    if not match:
        return (
            f"{value!r} is not a TIMEX3 calendar value; expected YYYY, YYYY-MM, YYYY-MM-DD, "
            "YYYY-Www, YYYY-Qn, YYYY-Hn, YYYY-SP/SU/FA/WI or PRESENT_REF/PAST_REF/FUTURE_REF"
        )
    parts = match.groupdict()
    month, day, week = parts["month"], parts["day"], parts["week"]
    if month and month != "XX" and not 1 <= int(month) <= 12:
        return f"{value!r} has month {month}; expected 01 to 12"
    if day and day != "XX":
        year = parts["year"]
        last = 31
        if month and month != "XX":
            leap_year = int(year) if year.isdigit() else 2000
            last = calendar.monthrange(leap_year, int(month))[1]
        if not 1 <= int(day) <= last:
            return f"{value!r} has day {day}; expected 01 to {last:02d} for that month"
    if week and week != "XX" and not 1 <= int(week) <= 53:
        return f"{value!r} has week {week}; expected W01 to W53"
    return None


def _time_problem(value: str) -> str | None:
    if "T" not in value:
        return f"{value!r} has no time part; a TIME value is a date followed by T and a time, e.g. 2025-02-04T15:00"
    date_part, time_part = value.split("T", 1)
    problem = _calendar_problem(date_part)
    if problem:
        return problem
    match = _TIME_PART.match(time_part)
    if not match:
        return (
            f"{value!r} has time part {time_part!r}; expected hh, hh:mm, hh:mm:ss or MO/AF/EV/NI/DT"
        )
    hour, minute, second = match.group("hour"), match.group("minute"), match.group("second")
    if hour and int(hour) > 24 or minute and int(minute) > 59 or second and int(second) > 60:
        return f"{value!r} has an impossible time of day"
    return None


def value_problem(timex_type: str, value: str) -> tuple[str, str] | None:
    """Check a TIMEX3 value against its type; return (incident id, message) or None when valid."""
    if value in REFS:
        if timex_type in {"DATE", "TIME"}:
            return None
        return (
            "timex-type-mismatch",
            f"{value} is a DATE or TIME value; this date is {timex_type}",
        )
    looks_duration = value.startswith("P")
    if timex_type == "DURATION":
        if not looks_duration:
            problem = _calendar_problem(value.split("T", 1)[0])
            if problem is None:
                return (
                    "timex-type-mismatch",
                    f"{value!r} is a point in time; a DURATION value starts with P",
                )
            return ("timex-value-invalid", problem)
        problem = _duration_problem(value)
        return ("timex-value-invalid", problem) if problem else None
    if timex_type == "SET":
        problem = _duration_problem(value) if looks_duration else _set_problem(value)
        return ("timex-value-invalid", problem) if problem else None
    if looks_duration:
        if _duration_problem(value) is None:
            return (
                "timex-type-mismatch",
                f"{value!r} is a duration; a {timex_type} value is a point in time",
            )
        return ("timex-value-invalid", f"{value!r} is not a TIMEX3 value")
    if timex_type == "TIME":
        problem = _time_problem(value)
    else:
        if "T" in value and _time_problem(value) is None:
            return ("timex-type-mismatch", f"{value!r} has a time of day; its type should be TIME")
        problem = _calendar_problem(value)
    return ("timex-value-invalid", problem) if problem else None


def _set_problem(value: str) -> str | None:
    return _time_problem(value) if "T" in value else _calendar_problem(value)


def is_valid(timex_type: str, value: str) -> bool:
    """Whether a value is well formed for its TIMEX3 type."""
    return value_problem(timex_type, value) is None
