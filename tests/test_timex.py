"""TIMEX3 value checks."""

from __future__ import annotations

import pytest

from newsgold.timex import canonical, is_valid, value_problem


@pytest.mark.parametrize(
    ("timex_type", "value"),
    [
        ("DATE", "2025"),
        ("DATE", "2025-01"),
        ("DATE", "2025-01-31"),
        ("DATE", "2024-02-29"),
        ("DATE", "2025-W05"),
        ("DATE", "2025-Q1"),
        ("DATE", "2025-H2"),
        ("DATE", "2025-SU"),
        ("DATE", "199X"),
        ("DATE", "PRESENT_REF"),
        ("TIME", "2025-02-04T15:30"),
        ("TIME", "2025-02-04TEV"),
        ("TIME", "2025-02-04TMI"),  # midday, one of the TIMEX3 parts of the day
        ("DURATION", "P6M"),
        ("DURATION", "PT3H"),
        ("DURATION", "P1Y6M"),
        ("DURATION", "PXY"),
        ("SET", "P1W"),
        ("SET", "XXXX-WXX-1"),
    ],
)
def test_valid_values(timex_type: str, value: str) -> None:
    assert is_valid(timex_type, value)


@pytest.mark.parametrize(
    ("timex_type", "value", "incident"),
    [
        ("DATE", "2025-13", "timex-value-invalid"),
        ("DATE", "2025-02-29", "timex-value-invalid"),  # 2025 is not a leap year
        ("DATE", "2025-04-31", "timex-value-invalid"),
        ("DATE", "2025-W54", "timex-value-invalid"),
        ("DURATION", "P-1M", "timex-value-invalid"),
        ("DURATION", "P", "timex-value-invalid"),
        ("DURATION", "PT", "timex-value-invalid"),
        ("TIME", "2025-02-04T25:00", "timex-value-invalid"),
        ("DATE", "yesterday", "timex-value-invalid"),
        ("DURATION", "2025-01", "timex-type-mismatch"),
        ("DATE", "P6M", "timex-type-mismatch"),
        ("DATE", "2025-02-04T10:00", "timex-type-mismatch"),
        ("DURATION", "PRESENT_REF", "timex-type-mismatch"),
    ],
)
def test_invalid_values(timex_type: str, value: str, incident: str) -> None:
    problem = value_problem(timex_type, value)
    assert problem is not None and problem[0] == incident
    assert repr(value) in problem[1] or value in problem[1]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("199", "199X"),  # TimeML's decade (TempEval-3, HeidelTime): the 1990s
        ("19", "19XX"),  # TimeML's century: the 1900s
        ("199X", "199X"),
        ("1990", "1990"),
        ("2025-01", "2025-01"),
        ("P10Y", "P10Y"),
        ("PRESENT_REF", "PRESENT_REF"),
    ],
)
def test_canonical_pads_timeml_decades_and_centuries(value: str, expected: str) -> None:
    assert canonical(value) == expected
    assert is_valid("DATE", canonical(value)) == is_valid("DATE", expected)


def test_gold_values_stay_in_the_guidelines_form() -> None:
    # Only predictions are read through canonical(); gold must write 199X and 19XX.
    assert not is_valid("DATE", "199")
    assert not is_valid("DATE", "19")
