"""Reading the numbers a phrase states, in digits or in English number words."""

from __future__ import annotations

import re

UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "a": 1,
    "an": 1,
}
TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
SCALES = {
    "hundred": 100,
    "thousand": 1_000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000,
    "k": 1_000,
    "m": 1_000_000,
    "mn": 1_000_000,
    "bn": 1_000_000_000,
    "dozen": 12,
}
ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "twentieth": 20,
    "hundredth": 100,
}
_TOKEN = re.compile(r"\d[\d,]*(?:\.\d+)?|\.\d+|[A-Za-z]+")
_ORDINAL_DIGITS = re.compile(r"^(\d+)(?:st|nd|rd|th)$")


def _digits(token: str) -> float | None:
    cleaned = token.replace(",", "")
    if token.count(",") and not re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", token):
        return None
    try:
        return float(cleaned)
    except ValueError:
        return None


def numbers_in(phrase: str) -> list[float]:
    """Every number a phrase states ("more than 10,000" -> [10000.0]; "1.5 million" -> [1500000.0])."""
    tokens = _TOKEN.findall(phrase.replace("-", " "))
    found: list[float] = []
    current: float | None = None
    total = 0.0
    words_started = False
    article_only = False  # "a"/"an" count only when a scale word follows ("a hundred")

    def flush() -> None:
        nonlocal current, total, words_started, article_only
        if (current is not None or total) and not article_only:
            found.append(total + (current or 0))
        current, total, words_started, article_only = None, 0.0, False, False

    for raw in tokens:
        token = raw.lower()
        ordinal = _ORDINAL_DIGITS.match(token)
        if raw[0].isdigit() or raw[0] == ".":
            flush()
            value = _digits(raw)
            if value is not None:
                current = value
            continue
        if ordinal:
            flush()
            found.append(float(ordinal.group(1)))
            continue
        if token in SCALES and (
            current is not None
            or token in {"hundred", "thousand", "million", "billion", "dozen"}
            and words_started
        ):
            article_only = False
            scale = SCALES[token]
            base = current if current is not None else 1
            if scale >= 1000:
                total += base * scale
                current = None
            else:
                current = base * scale
            continue
        if token in UNITS and not (token in {"a", "an"} and words_started):
            if token in {"a", "an"}:
                flush()
                current = 1
                words_started = True
                article_only = True
                continue
            if current is not None and not words_started:
                flush()
            current = (current or 0) + UNITS[token]
            words_started = True
            article_only = False
            continue
        if token in TENS:
            if current is not None and not words_started:
                flush()
            current = (current or 0) + TENS[token]
            words_started = True
            article_only = False
            continue
        if token in ORDINALS:
            flush()
            found.append(float(ORDINALS[token]))
            continue
        if token == "and" and words_started:
            continue
        flush()
    flush()
    return found


def states(phrase: str, value: float) -> bool:
    """Whether a phrase states this number, or states no number at all that could be checked."""
    found = numbers_in(phrase)
    return not found or any(abs(v - value) <= 1e-9 * max(1.0, abs(value)) for v in found)
