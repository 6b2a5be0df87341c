"""quantulum3 as a figures system: quantities with units, mapped to figure kinds and units.

``parser.parse(text)`` returns quantities with character spans, a value, an uncertainty and a
unit whose entity names what is measured. Mapping:

- kind and unit: a currency → MONEY with the ISO code quantulum gives (``GBP``); the unit
  ``percentage`` → PERCENT with unit ``%``; a dimensionless number → CARDINAL with unit null
  (quantulum does not read what is counted); any other unit → QUANTITY with the unit as written
  in the text, after the number ("500 miles" → ``miles``), as the guidelines want.
- value: quantulum's value; a range ("200 to 300") comes back as its middle (250) with an
  uncertainty (50), read back as value 200 and value_max 300.
- left out: a bare four-digit whole number from 1800 to 2100 without a unit, which is a year
  (a date, never a figure, by the guidelines).

quantulum3 runs without its optional classifier here (it warns about that on import; the
warning is silenced), so ambiguous unit symbols are read by its rules alone: "US$7.2 bn" comes
back as 7.2 in "dollar bit newton" (entity unknown), kept as a QUANTITY as quantulum says.

quantulum3's answers depend on the process's hash seed (it orders the operators of its unit
pattern by length only, from a set: "$149 / £99" is one quantity or two depending on the run),
so it runs in a child process with a fixed seed (``newsgold.adapters.systems.worker``), which
sends each quantity as a JSON object (``QUANTITY_FIELDS``).
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterable, Mapping
from typing import Any

from newsgold.adapters import require
from newsgold.adapters.systems import EXTRA, System
from newsgold.adapters.systems.worker import Worker
from newsgold.numbers import number_spans
from newsgold.scoring.harness import Model

SYSTEM = System(
    name="quantulum3",
    distribution="quantulum3",
    module="quantulum3",
    layers={"figures": ("CARDINAL", "MONEY", "PERCENT", "QUANTITY")},
    cannot="ordinals, modifiers, what a count counts; entities, dates and claims",
)

# What the child sends of each quantity: span [start, end], value, uncertainty (None or the
# half-width of a range), unit (quantulum's unit name), entity (the unit's entity name) and
# currency (the unit's ISO code, None for other units).
QUANTITY_FIELDS = ("span", "value", "uncertainty", "unit", "entity", "currency")
CHILD = """
import json, sys, warnings
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from quantulum3 import parser
for line in sys.stdin:
    quantities = [
        {
            "span": list(q.span),
            "value": q.value,
            "uncertainty": q.uncertainty,
            "unit": q.unit.name,
            "entity": q.unit.entity.name,
            "currency": getattr(q.unit, "currency_code", None),
        }
        for q in parser.parse(json.loads(line))
    ]
    print(json.dumps(quantities), flush=True)
"""
_YEAR = re.compile(r"\d{4}")
_LAST_DIGIT = re.compile(r".*\d")
YEARS = range(1800, 2101)


def written_unit(surface: str) -> str | None:
    """The unit as the text writes it: what follows the last number of the surface."""
    numbers = number_spans(surface)
    last_digit = _LAST_DIGIT.match(surface)
    if numbers:
        rest = surface[numbers[-1][1] :]
    else:
        rest = surface[last_digit.end() :] if last_digit else surface
    return rest.strip() or None


def kind_and_unit(
    unit_name: str, entity: str, currency: str | None, surface: str
) -> tuple[str, str | None]:
    """(figure kind, unit) of one quantity's unit name, unit entity and currency code."""
    if entity == "currency":
        return "MONEY", currency
    if unit_name == "percentage":
        return "PERCENT", "%"
    if entity == "dimensionless":
        return "CARDINAL", None
    return "QUANTITY", written_unit(surface)


def to_figure(
    text: str,
    start: int,
    end: int,
    value: float,
    uncertainty: float | None,
    kind: str,
    unit: str | None,
) -> dict[str, Any] | None:
    """One figures item, or None for a bare year."""
    span = text[start:end]
    if kind == "CARDINAL" and _YEAR.fullmatch(span) and int(span) in YEARS:
        return None
    low, high = value, None
    if uncertainty:
        low, high = value - uncertainty, value + uncertainty
    return {
        "start": start,
        "end": end,
        "text": span,
        "kind": kind,
        "value": low,
        "value_max": high,
        "unit": unit,
        "modifier": None,
    }


def to_figures(text: str, quantities: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Figures items from quantulum3's quantities as the child sends them (``QUANTITY_FIELDS``),
    in text order."""
    items: dict[tuple[int, int], dict[str, Any]] = {}
    for q in quantities:
        start, end = q["span"]
        span = text[start:end]
        if not span or span.strip() != span or (start, end) in items:
            continue  # quantulum3 can return an empty span or one with spaces at its edges
        kind, unit = kind_and_unit(q["unit"], q["entity"], q["currency"], span)
        item = to_figure(text, start, end, float(q["value"]), q["uncertainty"], kind, unit)
        if item is not None:
            items[(start, end)] = item
    return sorted(items.values(), key=lambda item: (item["start"], item["end"]))


def load() -> Model:
    """The quantulum3 model: ``model(text, metadata) -> {"figures": [...]}``, quantulum3 running
    in a child process with a fixed hash seed."""
    with warnings.catch_warnings():  # "Classifier dependencies not installed": rules only
        warnings.simplefilter("ignore")
        require("quantulum3", EXTRA, "the quantulum3 system")
    worker = Worker(CHILD, "the quantulum3 child process")

    def model(text: str, metadata: Mapping[str, Any]) -> dict[str, Any]:
        return {"figures": to_figures(text, worker.ask(text))}

    return model
