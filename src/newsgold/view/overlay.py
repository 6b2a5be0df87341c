"""Predictions against gold: classifying spans for the overlay (the scorer reads the file)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any, NamedTuple

from newsgold.corpus import LAYERS

STATUSES = ("correct", "missed", "spurious")
PREDICTED_LAYERS = LAYERS  # every layer but sections can be predicted
# The categorical field that must agree for an exact match (claims match on offsets alone).
TYPE_FIELD: dict[str, str | None] = {
    "entities": "type",
    "dates": "type",
    "figures": "kind",
    "claims": None,
}
# Attributes compared on exactly matched spans, shown as differences in the overlay.
COMPARED: dict[str, tuple[str, ...]] = {
    "entities": (),
    "dates": ("value", "mod"),
    "figures": ("value", "value_max", "unit", "modifier"),
    "claims": ("source", "cue", "quote", "certainty", "polarity"),
}


class Classified(NamedTuple):
    """A span with its overlay status; ``match`` is the prediction paired with a correct span."""

    span: dict[str, Any]
    status: str
    match: dict[str, Any] | None = None


def _key(layer: str, span: dict[str, Any]) -> tuple[Any, ...]:
    field_name = TYPE_FIELD[layer]
    return (span["start"], span["end"], span.get(field_name) if field_name else None)


def classify(
    gold_spans: list[dict[str, Any]], predicted_spans: list[dict[str, Any]], layer: str
) -> list[Classified]:
    """Pair gold and predicted spans one to one on exact offsets and type; the rest stay unpaired.

    This is the one place the viewer decides what counts as a match: the seam where the scorer's
    alignment (``newsgold.scoring``) replaces exact matching, so the overlay shows the pairs the
    benchmark scores. Output: gold spans in their order (correct or missed), then the unmatched
    predictions in theirs (spurious). Duplicate predictions match at most one gold span.
    """
    waiting: dict[tuple[Any, ...], list[dict[str, Any]]] = defaultdict(list)
    for span in predicted_spans:
        waiting[_key(layer, span)].append(span)
    out: list[Classified] = []
    for span in gold_spans:
        queue = waiting.get(_key(layer, span))
        if queue:
            out.append(Classified(span, "correct", queue.pop(0)))
        else:
            out.append(Classified(span, "missed"))
    matched = {id(c.match) for c in out if c.match is not None}
    out.extend(Classified(p, "spurious") for p in predicted_spans if id(p) not in matched)
    return out


def _extent(value: Any) -> Any:
    if isinstance(value, dict):
        return (value.get("start"), value.get("end"))
    return value


def attribute_differences(
    layer: str, gold: dict[str, Any], predicted: dict[str, Any]
) -> list[tuple[str, Any, Any]]:
    """(attribute, gold value, predicted value) where a matched prediction disagrees with gold."""
    out = []
    for name in COMPARED[layer]:
        ours, theirs = gold.get(name), predicted.get(name)
        if _extent(ours) != _extent(theirs):
            out.append((name, ours, theirs))
    return out
