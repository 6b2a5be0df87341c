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
            # a unit word continues "twenty" or "one hundred", not "six" ("six six" is two numbers)
            if current is not None and (
                not words_started or current % 10 or 0 < current % 100 < 20
            ):
                flush()
            current = (current or 0) + UNITS[token]
            words_started = True
            article_only = False
            continue
        if token in TENS:
            if current is not None and (not words_started or current % 100):
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


_PARTS = {"half": 2, "halve": 2, "third": 3, "quarter": 4, "fifth": 5, "tenth": 10}
_FRACTION = re.compile(
    r"\b(a|one|two|three|four|\d+)[- ](half|halves|thirds?|quarters?|fifths?|tenths?)\b"
)


def states(phrase: str, value: float) -> bool:
    """Whether a phrase states this number, or states no number at all that could be checked."""
    found = numbers_in(phrase)
    if not found:
        return True
    lowered = phrase.lower()
    # "300 to 350 million": the first number of a range shares the last one's scale word.
    scales = [SCALES[w] for w in _BIG if w in lowered]
    candidates = set(found) | {v * s for v in found for s in scales}
    for count, part in _FRACTION.findall(lowered):  # "about one-third" states 1/3
        numerator = 1 if count in ("a", "one") else UNITS.get(count) or float(count)
        candidates.add(numerator / _PARTS[part.rstrip("s")])
    if re.search(r"\b(?:in|out of)\b", lowered) and len(found) == 2 and found[1]:
        candidates.add(found[0] / found[1])  # "one in three visits" states 1/3
    if re.search(r"\ba (?:score|dozen)\b", lowered):  # "a score of jets" is 20, "a dozen" 12
        candidates |= {20.0 if "score" in lowered else 12.0}
    if re.search(r"\b(?:dozens?|score)\b", lowered):  # "two dozen" is 24
        candidates |= {v * (12 if "dozen" in lowered else 20) for v in found}
    if re.search(r"\b(?:cents?|pence|penny)\b", lowered):  # "17 cents" is 0.17 of the currency
        candidates |= {v / 100 for v in candidates}
    if re.search(r"(?:^|\s|\()[-−]\d|\bminus\b", lowered):  # "-3.16%", "minus 5"
        candidates |= {-v for v in candidates}
    return any(abs(v - value) <= 1e-9 * max(1.0, abs(value)) for v in candidates)


_BIG = ("hundred", "thousand", "million", "billion", "trillion")
_WORDS = sorted([w for w in UNITS if len(w) > 2] + list(TENS) + list(_BIG), key=len, reverse=True)
_ANY_WORD = "|".join(_WORDS)
# A run of English number words ("six", "twenty-five", "two hundred and fifty"), for patterns.
NUMBER_WORDS_PATTERN = (
    rf"(?i:(?<![\w-])(?:{_ANY_WORD})(?:[- ](?:and[- ])?(?:{_ANY_WORD}))*(?![\w-]))"
)
_WORD_RUN = re.compile(NUMBER_WORDS_PATTERN)
_DIGIT_RUN = re.compile(
    r"(?<![\w.,])(?<![^\W\d_]-)(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
    rf"(?:[ -](?:{'|'.join(_BIG)}))?(?![\w]|[.,]\d)",
    re.IGNORECASE,
)


def _well_formed_words(words: list[str]) -> int:
    """How many leading words form one number (no "five two", no "two and three")."""
    kept, previous = 0, ""
    for i, word in enumerate(words):
        kind = "big" if word in _BIG else "tens" if word in TENS else "unit"
        kind = "and" if word == "and" else kind
        if i == 0 and kind in {"big", "and"}:
            return 0
        allowed = {
            "": {"unit", "tens"},
            "unit": {"big"},
            "tens": {"unit", "big"},
            "big": {"unit", "tens", "big", "and"},
            "and": {"unit", "tens"},
        }[previous]
        if kind not in allowed or kind == "unit" and previous == "tens" and UNITS[word] > 9:
            break
        kept, previous = i + 1, kind
    return kept - 1 if previous == "and" else kept


def number_spans(text: str) -> list[tuple[int, int, float]]:
    """Numbers stated in digits (with a scale word: "1.5 million") or English words, with offsets.

    Returns (start, end, value) in text order; "a"/"an" and vague words ("dozens") are not numbers.
    """
    found: list[tuple[int, int, float]] = []
    for m in _DIGIT_RUN.finditer(text):
        values = numbers_in(m.group())
        if len(values) == 1:
            found.append((m.start(), m.end(), values[0]))
    for m in _WORD_RUN.finditer(text):
        parts = list(re.finditer(r"[A-Za-z]+", m.group()))
        while parts:
            kept = _well_formed_words([p.group().lower() for p in parts])
            if kept:
                start, end = m.start() + parts[0].start(), m.start() + parts[kept - 1].end()
                values = numbers_in(text[start:end])
                if len(values) == 1:
                    found.append((start, end, values[0]))
            parts = parts[max(kept, 1) :]
    return sorted(found)


def value_of(phrase: str) -> float | None:
    """The value of a phrase that is one number ("1.5 million", "twenty-five"), else None."""
    spans = number_spans(phrase)
    if len(spans) == 1 and spans[0][0] == 0 and spans[0][1] == len(phrase):
        return spans[0][2]
    return None
