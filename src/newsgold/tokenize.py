"""Reproducible tokens and sentences: pure functions of the text, no model, offsets in code points.

Tokens: a number with its inner separators ("10,000", "1.5", "12:30"), an English clitic ("'s",
"'re"), a run of letters and digits, or any other single non-space character. So a possessive
"'s", hyphens and quotation marks are tokens of their own, and names annotated without them
("South Korea" in "South Korea's") end on a token boundary.

Sentences: every line is at least one sentence (headlines, bylines and datelines stand on lines of
their own); inside a line a sentence ends after ".", "!" or "?" (and any closing quotes or
brackets) when whitespace and an opening character follow, unless the word before the period is
a known abbreviation or a single letter (initials, "U.S.").
"""

from __future__ import annotations

import re

_TOKEN = re.compile(
    r"\d+(?:[.,:/]\d+)*"  # numbers with inner separators
    r"|['\u2019](?:s|re|ve|ll|d|m)(?![^\W_])"  # clitics, case-insensitive below
    r"|(?:[^\W_]|[\u0300-\u036f])+"  # letters and digits (with combining marks)
    r"|\S",  # any other character on its own
    re.IGNORECASE,
)
_END = re.compile(r"[.!?]+[\"'\u201d\u2019)\]]*(?=\s+[\"'\u201c\u2018(\[A-Z0-9])")
ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "gen",
        "col",
        "lt",
        "sgt",
        "capt",
        "cmdr",
        "adm",
        "maj",
        "rep",
        "sen",
        "gov",
        "pres",
        "st",
        "jr",
        "sr",
        "rev",
        "hon",
        "inc",
        "ltd",
        "co",
        "corp",
        "bros",
        "no",
        "vs",
        "etc",
        "approx",
        "dept",
        "est",
        "fig",
        "jan",
        "feb",
        "mar",
        "apr",
        "aug",
        "sept",
        "sep",
        "oct",
        "nov",
        "dec",
        "mt",
        "ft",
    ]
)


def is_word_char(ch: str) -> bool:
    """Whether a character belongs to a word: a letter, a digit or an underscore."""
    return ch.isalnum() or ch == "_"


def tokens(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """The (start, end) offsets of the tokens of text[start:end], in order."""
    stop = len(text) if end is None else end
    return [(m.start(), m.end()) for m in _TOKEN.finditer(text, start, stop)]


def _abbreviation(text: str, begin: int, period: int) -> bool:
    """Whether the word just before a period is a single letter or a known abbreviation."""
    first = period
    while first > begin and text[first - 1].isalpha():
        first -= 1
    word = text[first:period]
    return len(word) == 1 or word.lower() in ABBREVIATIONS


def _line_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    begin = start
    for match in _END.finditer(text, start, end):
        if text[match.start()] == "." and _abbreviation(text, begin, match.start()):
            continue
        out.append((begin, match.end()))
        begin = match.end()
    out.append((begin, end))
    return out


def sentences(text: str) -> list[tuple[int, int]]:
    """The (start, end) offsets of the sentences of a text, trimmed of whitespace, in order."""
    out: list[tuple[int, int]] = []
    position = 0
    for line in text.split("\n"):
        line_end = position + len(line)
        for begin, finish in _line_sentences(text, position, line_end):
            piece = text[begin:finish]
            stripped = piece.strip()
            if stripped:
                lead = len(piece) - len(piece.lstrip())
                out.append((begin + lead, begin + lead + len(stripped)))
        position = line_end + 1
    return out
