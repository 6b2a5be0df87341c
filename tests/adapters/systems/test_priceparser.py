"""The price-parser system: number candidates read with their neighbours, money spans and ISO
codes, and the real library on a sentence."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from newsgold.adapters.systems.priceparser import iso_code, to_figures

# What Price.fromstring gives (amount, currency) for each candidate string this text yields.
PRICES: dict[str, tuple[Any, str | None]] = {
    "US$7.2 bn": (Decimal("7.2"), "US$"),  # the token glued before the number, the word after
    "bought 60 aircraft": (Decimal("60"), None),
    "and 10 euros": (Decimal("10"), "euro"),
}
TEXT = "A deal worth US$7.2 bn. They bought 60 aircraft and 10 euros."
#       0         1         2         3         4         5         6
#       01234567890123456789012345678901234567890123456789012345678901


def parse(string: str) -> tuple[Any, str | None]:
    return PRICES.get(string, (None, None))


def test_money_spans_values_and_units_by_hand() -> None:
    got = [
        (f["start"], f["end"], f["text"], f["value"], f["unit"]) for f in to_figures(TEXT, parse)
    ]
    assert got == [
        (13, 22, "US$7.2 bn", 7.2e9, "USD"),  # the scale abbreviation joins the span and value
        (52, 60, "10 euros", 10.0, "EUR"),  # a currency word after the number, to its end
    ]


def test_iso_codes() -> None:
    assert iso_code("$") == "USD"
    assert iso_code("£") == "GBP"
    assert iso_code("CHF") == "CHF"  # a three-letter code as is
    assert iso_code("kr") is None  # Danish, Norwegian or Swedish: not guessed


def test_the_real_library_on_a_sentence() -> None:
    pytest.importorskip("price_parser")
    from newsgold.adapters.systems.priceparser import load

    text = "The firm paid £13 billion for 40 shops and US$2.51 a share."
    items = load()(text, {"published": "2006-06-01"})["figures"]
    got = [(f["text"], f["kind"], f["value"], f["unit"]) for f in items]
    assert got == [("£13 billion", "MONEY", 13e9, "GBP"), ("US$2.51", "MONEY", 2.51, "USD")]
