"""Repair tokenisation artefacts in a text rebuilt from tokens, keeping a record of every change.

MEANTIME keeps tokens but not the whitespace between them, so its texts were rebuilt by a
detokeniser that left artefacts: ``I' m`` for ``I'm``, ``#`` where the article had a pound sign,
``Wal - Mart`` for ``Wal-Mart``. Each rule below names one artefact; it changes spacing or a
character the tokeniser replaced, never a word. Every change is returned as a :class:`Repair`
with its offsets in the text before repair, so the record can be checked against the source.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True)
class Rule:
    """One kind of artefact: a pattern, what replaces a match, and why."""

    name: str
    pattern: re.Pattern[str]
    replace: Callable[[re.Match[str]], str]
    reason: str


@dataclass(frozen=True)
class Repair:
    """One change to one text: offsets in the text before any repair, old and new strings."""

    doc_id: str
    start: int
    end: int
    old: str
    new: str
    rule: str
    reason: str

    def to_dict(self) -> dict[str, Any]:
        """The repair as a JSON-ready record."""
        return asdict(self)


# Words that the tokeniser split on a hyphen ("Wal - Mart"); a spaced dash between clauses
# ("tankers - more often known as") is punctuation and stays. Reviewed one by one in the sources.
HYPHENATED = ("Wal - Mart", "iTunes - compatible", "Macintosh - curious")
# Suspended hyphens ("medium- and short-haul") lost their attachment to the first word.
SUSPENDED = re.compile(r"\b(medium|piano) - (?=and \w+-)")

RULES: tuple[Rule, ...] = (
    Rule(
        "contraction",
        re.compile(r"(?<=\w)' (?=(?:m|re|ll|d|ve|s|t)\b)"),
        lambda m: "'",
        "contraction split by the tokeniser: the apostrophe belongs to the word (I' m -> I'm)",
    ),
    Rule(
        "name-apostrophe",
        re.compile(r"\bO(?: '|' )(?=[A-Z])"),
        lambda m: "O'",
        "Irish surname split at its apostrophe (O' Leary -> O'Leary)",
    ),
    Rule(
        "pound-sign",
        re.compile(r"#(?=\d)"),
        lambda m: "£",
        "the pound sign was written as '#' by the source's encoding (#13 billion -> £13 billion)",
    ),
    Rule(
        "double-quote",
        re.compile(r"''"),
        lambda m: '"',
        "an opening double quote was written as two apostrophes ('' -> \")",
    ),
    Rule(
        "quote-spacing",
        re.compile(r"(?<=\s)' (?=\w)"),
        lambda m: "'",
        "space after an opening single quote (' Black Monday' -> 'Black Monday')",
    ),
    Rule(
        "currency-spacing",
        re.compile(r"(?<=\$) (?=\d)"),
        lambda m: "",
        "space between a currency sign and its amount (USD$ 23 -> USD$23)",
    ),
    Rule(
        "hyphenated-word",
        re.compile("|".join(re.escape(word) for word in HYPHENATED)),
        lambda m: m.group(0).replace(" - ", "-"),
        "hyphenated word split by the tokeniser (Wal - Mart -> Wal-Mart)",
    ),
    Rule(
        "suspended-hyphen",
        SUSPENDED,
        lambda m: m.group(1) + "- ",
        "suspended hyphen detached from its word (medium - and short-haul -> medium- and short-haul)",
    ),
)


def find_repairs(doc_id: str, text: str, rules: tuple[Rule, ...] = RULES) -> list[Repair]:
    """Every change the rules make to ``text``, in text order; overlapping matches are refused."""
    repairs: list[Repair] = []
    for rule in rules:
        for match in rule.pattern.finditer(text):
            new = rule.replace(match)
            if new != match.group(0):
                repairs.append(
                    Repair(
                        doc_id,
                        match.start(),
                        match.end(),
                        match.group(0),
                        new,
                        rule.name,
                        rule.reason,
                    )
                )
    repairs.sort(key=lambda r: (r.start, r.end))
    for before, after in zip(repairs, repairs[1:], strict=False):
        if after.start < before.end:
            raise ValueError(
                f"{doc_id}: rules {before.rule!r} and {after.rule!r} both change "
                f"{text[before.start : after.end]!r} at {before.start}"
            )
    return repairs


def apply_repairs(text: str, repairs: list[Repair]) -> str:
    """The text with every repair made; offsets in ``repairs`` refer to ``text``."""
    pieces: list[str] = []
    position = 0
    for repair in sorted(repairs, key=lambda r: r.start):
        if text[repair.start : repair.end] != repair.old:
            raise ValueError(
                f"{repair.doc_id}: expected {repair.old!r} at {repair.start}:{repair.end}, "
                f"found {text[repair.start : repair.end]!r}"
            )
        pieces.append(text[position : repair.start])
        pieces.append(repair.new)
        position = repair.end
    pieces.append(text[position:])
    return "".join(pieces)
