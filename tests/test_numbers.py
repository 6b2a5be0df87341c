"""Numbers stated in figure phrases."""

from __future__ import annotations

import pytest

from newsgold.numbers import numbers_in, states


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("more than 10,000 troops", [10000]),
        ("One reason", [1]),
        ("1.5 million people", [1_500_000]),
        ("$2bn", [2_000_000_000]),
        ("twenty-five soldiers", [25]),
        ("two hundred thousand", [200_000]),
        ("10 to 12 km", [10, 12]),
        ("a hundred people", [100]),
        ("a dozen eggs", [12]),
        ("the 21st attempt", [21]),
        ("third", [3]),
        ("45%", [45]),
        ("a reason", []),
        ("several soldiers", []),
        ("1,00 units", []),  # not a valid thousands grouping
        ("six six", [6, 6]),  # neighbouring words are not added up
        ("two and three", [2, 3]),
        ("fifteen four", [15, 4]),
        ("one hundred six", [106]),
        ("twenty five", [25]),
        ("thirty twenty", [30, 20]),
    ],
)
def test_numbers_in(phrase: str, expected: list[float]) -> None:
    assert numbers_in(phrase) == [float(v) for v in expected]


def test_states() -> None:
    assert states("about 300 delegates", 300)
    assert not states("about 300 delegates", 3000)
    assert states("several delegates", 7)  # nothing to check against


def test_states_reads_a_shared_scale_and_a_minus_sign() -> None:
    # "300 to 350 million" states 300,000,000 as the range's start; the scale word is shared.
    assert states("US$300 to 350 million", 300_000_000)
    assert states("US$300 to 350 million", 350_000_000)
    assert not states("US$300 to 350 million", 300_000)
    # A written minus sign states a negative value; a verb of falling does not.
    assert states("-3.16%", -3.16)
    assert not states("fell 3.16%", -3.16)
    assert not states("a 5-year plan", -5)


def test_states_reads_cents_as_hundredths() -> None:
    # MONEY is normalised to the main unit: "17 cents" states 0.17 (USD), and still 17.
    assert states("17 cents", 0.17)
    assert states("12 cent", 0.12)
    assert states("50 pence", 0.5)
    assert not states("17 dollars", 0.17)


def test_states_reads_a_score_and_a_dozen() -> None:
    # "a score of Airbus A320 passenger jets" states 20; the 320 of the model name does not count
    # against it.
    assert states("a score of Airbus A320 passenger jets", 20)
    assert states("a dozen plants", 12)
    assert states("two dozen stocks", 24)
    assert not states("a score of Airbus A320 passenger jets", 12)


def test_states_reads_fractions() -> None:
    # "about one-third" states 1/3 (guidelines §7.6: fractions are CARDINAL with their value)
    assert states("about one-third", 1 / 3)
    assert states("two-thirds of the staff", 2 / 3)
    assert states("about a quarter", 0.25)
    assert not states("about one-third", 0.25)
    assert states("one in three visits", 1 / 3)  # a ratio states its quotient
    assert states("one out of every 200 customers", 1 / 200)
