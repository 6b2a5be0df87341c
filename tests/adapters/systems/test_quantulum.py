"""The quantulum3 system: quantities (shaped as the library returns them) to figures, and the
real library on a sentence."""

from __future__ import annotations

from typing import Any

import pytest

from newsgold.adapters.systems.quantulum import to_figures, written_unit


def quantity(
    span: tuple[int, int],
    value: float,
    unit: str,
    entity: str,
    uncertainty: float | None = None,
    currency: str | None = None,
) -> dict[str, Any]:
    """A quantity as the child process sends it (quantulum3's span, value, uncertainty,
    unit.name, unit.entity.name and unit.currency_code)."""
    return {
        "span": list(span),
        "value": value,
        "uncertainty": uncertainty,
        "unit": unit,
        "entity": entity,
        "currency": currency,
    }


TEXT = "In 2006, 200 to 300 people paid £13 billion, 5.5 percent more, for 500 miles ."
#       0         1         2         3         4         5         6         7
#       0123456789012345678901234567890123456789012345678901234567890123456789012345678


def test_quantities_to_figures_by_hand() -> None:
    quantities = [
        quantity((3, 7), 2006.0, "dimensionless", "dimensionless"),  # a year: left out
        quantity((9, 19), 250.0, "dimensionless", "dimensionless", 50.0),  # a range
        quantity((32, 43), 13e9, "pound sterling", "currency", currency="GBP"),
        quantity((45, 56), 5.5, "percentage", "dimensionless"),
        quantity((67, 76), 500.0, "mile", "length"),
        quantity((77, 77), 1.0, "dimensionless", "dimensionless"),  # empty: left out
    ]
    got = [
        (f["text"], f["kind"], f["value"], f["value_max"], f["unit"])
        for f in to_figures(TEXT, quantities)
    ]
    assert got == [
        ("200 to 300", "CARDINAL", 200.0, 300.0, None),
        ("£13 billion", "MONEY", 13e9, None, "GBP"),
        ("5.5 percent", "PERCENT", 5.5, None, "%"),
        ("500 miles", "QUANTITY", 500.0, None, "miles"),
    ]


def test_the_unit_as_written() -> None:
    assert written_unit("500 miles") == "miles"
    assert written_unit("1.5 million tonnes") == "tonnes"
    assert written_unit("€3m") == "m"  # no number newsgold reads: what follows the last digit
    assert written_unit("800") is None


def test_the_real_library_on_a_sentence() -> None:
    pytest.importorskip("quantulum3")
    from newsgold.adapters.systems.quantulum import load

    text = "The plane flew 500 miles and prices rose 5.5 percent in 2006."
    items = load()(text, {"published": "2006-06-01"})["figures"]
    got = {(f["text"], f["kind"], f["value"], f["unit"]) for f in items}
    assert ("500 miles", "QUANTITY", 500.0, "miles") in got
    assert ("5.5 percent", "PERCENT", 5.5, "%") in got
    assert all(f["text"] != "2006" for f in items)


def test_the_answer_does_not_depend_on_the_hash_seed() -> None:
    pytest.importorskip("quantulum3")
    from newsgold.adapters.systems.quantulum import load

    # In-process, quantulum3 reads this as one quantity ("USD per GBP") or two, by the seed.
    text = "The console costs $149 / £99 in shops."
    model = load()
    items = model(text, {})["figures"]
    assert [(f["text"], f["unit"]) for f in items] == [("$149", "USD"), ("£99", "GBP")]
    assert load()(text, {}) == {"figures": items}
