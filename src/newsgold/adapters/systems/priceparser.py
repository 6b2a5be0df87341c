"""price-parser as a MONEY finder: price-parser reads a price string, newsgold finds the strings.

price-parser (``Price.fromstring``) parses one price from a short string ("US$7.2 bn" → amount
7.2, currency "US$"); it does not search a text. So each number written in digits
(``newsgold.numbers.number_spans``, which also reads a scale word: "152 billion") is a
candidate, given to price-parser with the token just before it and the word just after it
("US$152 billion", "USD 5 million", "10 euros"). When price-parser finds a currency there, the
candidate is MONEY: its span runs from the currency to the number (or from the number through
the currency word), its value is the number with its scale (price-parser's amount ignores
"billion"; a scale abbreviation after the number, "bn", "m", joins the span), and its unit is the ISO code of the currency as written (``CURRENCIES``; a
three-letter code as is; anything else null, as price-parser's currency is only the string it
saw).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from newsgold.adapters import require
from newsgold.adapters.systems import EXTRA, System
from newsgold.numbers import number_spans, numbers_in
from newsgold.scoring.harness import Model

SYSTEM = System(
    name="price-parser",
    distribution="price-parser",
    module="price_parser",
    layers={"figures": ("MONEY",)},
    cannot="cardinals, percentages, quantities, ordinals, modifiers, ranges; entities, dates and claims",
)

# Currency as price-parser returns it -> ISO 4217 code ($ alone is USD, as the guidelines say).
CURRENCIES = {
    "$": "USD",
    "US$": "USD",
    "USD$": "USD",
    "£": "GBP",
    "€": "EUR",
    "euro": "EUR",
    "¥": "JPY",
    "C$": "CAD",
    "CA$": "CAD",
    "A$": "AUD",
    "AU$": "AUD",
    "NZ$": "NZD",
    "HK$": "HKD",
    "S$": "SGD",
    "R$": "BRL",
    "₹": "INR",
    "Rs": "INR",
    "₽": "RUB",
    "руб": "RUB",
    "₩": "KRW",
    "Fr": "CHF",
}
_CODE = re.compile(r"[A-Z]{3}")
_TOKEN_BEFORE = re.compile(r"(\S+)\s?$")
_WORD_AFTER = re.compile(r"^\s?([^\W\d_]+)")

# (amount, currency) of a price string, as Price.fromstring reads it.
ParsePrice = Callable[[str], tuple[Any, str | None]]


def iso_code(currency: str) -> str | None:
    """The ISO 4217 code of a currency as written, None when it is not known."""
    if currency in CURRENCIES:
        return CURRENCIES[currency]
    return currency if _CODE.fullmatch(currency) else None


def to_figures(text: str, parse: ParsePrice) -> list[dict[str, Any]]:
    """MONEY figures: each digit number of the text read with its neighbours by ``parse``."""
    items = []
    for start, end, value in number_spans(text):
        if not text[start].isdigit():
            continue
        before = _TOKEN_BEFORE.search(text, max(0, start - 12), start)
        after = _WORD_AFTER.match(text[end : end + 24])
        lo = before.start(1) if before else start
        hi = end + after.end(1) if after else end
        amount, currency = parse(text[lo:hi])
        if amount is None or not currency:
            continue
        at = text.find(currency, lo, hi)
        if at < 0:
            continue
        if at < start:
            first, last = at, end
            scaled = numbers_in(text[start:hi])
            if after and scaled != [value] and len(scaled) == 1:  # a scale word: "7.2 bn"
                last, value = hi, scaled[0]
        else:
            first, last = start, at + len(currency)
            while last < len(text) and text[last].isalpha():
                last += 1
        items.append(
            {
                "start": first,
                "end": last,
                "text": text[first:last],
                "kind": "MONEY",
                "value": value,
                "value_max": None,
                "unit": iso_code(currency),
                "modifier": None,
            }
        )
    return items


def load() -> Model:
    """The price-parser model: ``model(text, metadata) -> {"figures": [...]}``."""
    require("price_parser", EXTRA, "the price-parser system")
    from price_parser import Price

    def parse(string: str) -> tuple[Any, str | None]:
        price = Price.fromstring(string)
        return price.amount, price.currency

    def model(text: str, metadata: Mapping[str, Any]) -> dict[str, Any]:
        return {"figures": to_figures(text, parse)}

    return model
