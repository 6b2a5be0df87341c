"""newsgold.numbers.number_spans and value_of, added for the baseline (values read by hand)."""

from __future__ import annotations

import pytest

from newsgold.numbers import number_spans, value_of


def spans(text: str) -> list[tuple[str, float]]:
    return [(text[s:e], v) for s, e, v in number_spans(text)]


def test_digits_words_and_scales() -> None:
    text = "20,000 sailors, 1.5 million people, twenty-five tanks, two hundred and fifty men"
    assert spans(text) == [
        ("20,000", 20000),
        ("1.5 million", 1500000),
        ("twenty-five", 25),
        ("two hundred and fifty", 250),
    ]


def test_malformed_word_sequences_split_into_separate_numbers() -> None:
    assert spans("nine and ten") == [("nine", 9), ("ten", 10)]
    assert spans("five two") == [("five", 5), ("two", 2)]


def test_codes_and_bare_scale_words_are_not_numbers() -> None:
    assert spans("F-16 and A320 jets, hundred men, a dozen") == []


@pytest.mark.parametrize(
    ("phrase", "value"),
    [
        ("1.5 million", 1500000),
        ("Twenty-five", 25),
        ("10,000", 10000),
        ("five two", None),
        ("a", None),
    ],
)
def test_value_of_a_whole_phrase(phrase: str, value: float | None) -> None:
    assert value_of(phrase) == value
