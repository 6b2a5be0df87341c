"""Predictions against gold: classifying spans for the overlay (the scorer reads the file)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple

from newsgold.corpus import LAYERS
from newsgold.scoring.layers import align
from newsgold.scoring.matching import COR

STATUSES = ("correct", "missed", "spurious")
PREDICTED_LAYERS = LAYERS  # every layer but sections can be predicted
# The scorer's scheme the overlay shows: correct = same offsets and type, as in strict F1.
SCHEME = "strict"
# Attributes compared on exactly matched spans, shown as differences in the overlay.
COMPARED: dict[str, tuple[str, ...]] = {
    "entities": (),
    "dates": ("value", "mod"),
    "figures": ("value", "value_max", "unit", "modifier"),
    "claims": ("source", "cue", "quote", "certainty", "polarity"),
}


class Classified(NamedTuple):
    """A span with its overlay status.

    ``match`` is the prediction paired with a correct gold span. ``near`` is, for a missed or
    spurious span, the span on the other side that the scorer paired it with as incorrect
    (overlapping, or the same offsets with another type), if any.
    """

    span: dict[str, Any]
    status: str
    match: dict[str, Any] | None = None
    near: dict[str, Any] | None = None


def classify(
    gold_spans: Sequence[dict[str, Any]],
    predicted_spans: Sequence[dict[str, Any]],
    layer: str,
) -> list[Classified]:
    """The scorer's strict alignment of one layer, as overlay statuses.

    Correct: paired with the same offsets and type (``kind`` for figures, offsets alone for
    claims); every other gold span is missed and every other prediction spurious, an incorrect
    pair (a type confusion, an off-by-one) showing as a missed and a spurious span that are each
    other's ``near``. Output: gold spans in their order, then the spurious in prediction order.
    """
    alignment = align(layer, gold_spans, predicted_spans, SCHEME)
    gold_pair = {g: (p, outcome) for g, p, outcome in alignment.pairs}
    near_gold = {p: g for g, p, outcome in alignment.pairs if outcome != COR}
    unpaired = set(alignment.spurious)
    out: list[Classified] = []
    for g, span in enumerate(gold_spans):
        p, outcome = gold_pair.get(g, (None, None))
        if p is None:
            out.append(Classified(span, "missed"))
        elif outcome == COR:
            out.append(Classified(span, "correct", predicted_spans[p]))
        else:
            out.append(Classified(span, "missed", near=predicted_spans[p]))
    for p, span in enumerate(predicted_spans):
        if p in near_gold:
            out.append(Classified(span, "spurious", near=gold_spans[near_gold[p]]))
        elif p in unpaired:
            out.append(Classified(span, "spurious"))
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
