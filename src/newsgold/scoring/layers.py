"""Per-layer counting: spans of a layer, attribute tallies on matched pairs, layer metrics."""

from __future__ import annotations

import bisect
import json
import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from newsgold.scoring.counts import Accuracy, LayerCounts, Scores
from newsgold.scoring.matching import SCHEMES, Alignment, Span, match, reference_match_all, split
from newsgold.timex import canonical

Item = Mapping[str, Any]
LABEL_FIELD = {"entities": "type", "dates": "type", "figures": "kind", "claims": ""}
CLAIM_LABEL = "CLAIM"  # claims carry no type: every claim has this label
ATTRIBUTE_SCHEME = "partial"  # its pairs (same offsets first, then overlaps) carry the attributes
_TOKEN = re.compile(r"\w+|[^\w\s]")
_EXACT = 1e-9  # "exact" numbers may differ by this relative amount (float rounding)


def label(layer: str, item: Item) -> str:
    """The label a span is matched and broken down by (type, kind, or CLAIM)."""
    name = LABEL_FIELD[layer]
    return str(item[name]) if name else CLAIM_LABEL


def spans(layer: str, items: Sequence[Item]) -> list[Span]:
    """Matchable spans of a layer's items, in the items' order.

    Only spans sharing offsets and label with another of the same list can tie, so only they
    get the canonical JSON key that orders them independently of the list's order.
    """
    name, new = LABEL_FIELD[layer], tuple.__new__  # as Span() builds it, minus a Python call
    if name:
        out = [new(Span, (item["start"], item["end"], str(item[name]), "")) for item in items]
    else:
        out = [new(Span, (item["start"], item["end"], CLAIM_LABEL, "")) for item in items]
    if len(set(out)) < len(out):
        seen = Counter(out)
        out = [
            Span(*s[:3], _tie_key(item)) if seen[s] > 1 else s
            for s, item in zip(out, items, strict=True)
        ]
    return out


def _tie_key(item: Item) -> str:
    return json.dumps({k: v for k, v in item.items() if k != "id"}, sort_keys=True)


def align(layer: str, gold: Sequence[Item], pred: Sequence[Item], scheme: str) -> Alignment:
    """Match one layer's predicted items to its gold items under a scheme."""
    return match(spans(layer, gold), spans(layer, pred), scheme)


class Tokens:
    """Word and punctuation tokens of a text, to count tokens overlapping a character range."""

    def __init__(self, text: str) -> None:
        found = [(m.start(), m.end()) for m in _TOKEN.finditer(text)]
        self.starts = [s for s, _ in found]
        self.ends = [e for _, e in found]

    def count(self, start: int, end: int) -> int:
        """Tokens sharing at least one character with [start, end)."""
        if start >= end:
            return 0
        return bisect.bisect_left(self.starts, end) - bisect.bisect_right(self.ends, start)


@dataclass
class Context:
    """What attribute tallies may need besides the items: the text's tokens and the tolerance."""

    tokens: Tokens
    tolerance: float


Tally = Callable[[Sequence[Item], Sequence[Item], Alignment, Context], Counter[str]]


def _within(gold: Any, pred: Any, tolerance: float) -> bool:
    if gold is None or pred is None:
        return gold is None and pred is None
    return bool(abs(pred - gold) <= max(tolerance, _EXACT) * abs(gold))


def _overlap(a: Item | None, b: Item | None) -> bool:
    return a is not None and b is not None and a["start"] < b["end"] and b["start"] < a["end"]


def _unit(item: Item) -> str | None:
    unit = item.get("unit")
    return unit.strip().casefold() if isinstance(unit, str) else None


def _same(gold: Item, pred: Item, name: str) -> bool:
    return gold.get(name) == pred.get(name)


def _same_value(gold: Item, pred: Item) -> bool:
    """Whether two TIMEX3 values are equal once TimeML's decade / century forms are padded."""
    g, p = gold.get("value"), pred.get("value")
    if isinstance(g, str) and isinstance(p, str):
        return canonical(g) == canonical(p)
    return g == p


def _no_tallies(
    gold: Sequence[Item], pred: Sequence[Item], al: Alignment, ctx: Context
) -> Counter[str]:
    return Counter()


def _date_tallies(
    gold: Sequence[Item], pred: Sequence[Item], al: Alignment, ctx: Context
) -> Counter[str]:
    out: Counter[str] = Counter()
    for g, p, _ in al.pairs:
        out["value"] += _same_value(gold[g], pred[p])
        for name in ("type", "mod"):
            out[name] += _same(gold[g], pred[p], name)
    return out


def _figure_tallies(
    gold: Sequence[Item], pred: Sequence[Item], al: Alignment, ctx: Context
) -> Counter[str]:
    out: Counter[str] = Counter()
    for gi, pi, _ in al.pairs:
        g, p = gold[gi], pred[pi]
        for name, tolerance in (("value_exact", 0.0), ("value_tolerance", ctx.tolerance)):
            out[name] += _within(g["value"], p.get("value"), tolerance) and _within(
                g.get("value_max"), p.get("value_max"), tolerance
            )
        out["unit"] += _unit(g) == _unit(p)
        out["modifier"] += _same(g, p, "modifier")
    return out


def _source_match(gold: Item | None, pred: Item | None) -> bool:
    if gold is None or pred is None:
        return gold is None and pred is None
    entity = gold.get("entity_id")
    return _overlap(gold, pred) or (entity is not None and entity == pred.get("entity_id"))


def _claim_tallies(
    gold: Sequence[Item], pred: Sequence[Item], al: Alignment, ctx: Context
) -> Counter[str]:
    out: Counter[str] = Counter()
    count = ctx.tokens.count
    for gi, pi, _ in al.pairs:
        g, p = gold[gi], pred[pi]
        shared = count(max(g["start"], p["start"]), min(g["end"], p["end"]))
        out["token_tp"] += shared
        out["token_fn"] += count(g["start"], g["end"]) - shared
        out["token_fp"] += count(p["start"], p["end"]) - shared
        out["source"] += _source_match(g.get("source"), p.get("source"))
        cue_g, cue_p = g.get("cue"), p.get("cue")
        out["cue"] += (cue_g is None and cue_p is None) or _overlap(cue_g, cue_p)
        for name in ("certainty", "polarity", "quote"):
            out[name] += _same(g, p, name)
    out["token_fn"] += sum(count(gold[i]["start"], gold[i]["end"]) for i in al.missed)
    out["token_fp"] += sum(count(pred[i]["start"], pred[i]["end"]) for i in al.spurious)
    return out


TALLIES: dict[str, Tally] = {
    "entities": _no_tallies,
    "dates": _date_tallies,
    "figures": _figure_tallies,
    "claims": _claim_tallies,
}


def count_layer(
    layer: str, gold: Sequence[Item], pred: Sequence[Item], ctx: Context
) -> LayerCounts:
    """All additive counts of one layer of one document."""
    out = LayerCounts(layer)
    g, p = spans(layer, gold), spans(layer, pred)
    found = split(g, p)
    if found is None:  # the sweep: small documents
        alignments = reference_match_all(g, p)
        for name, al in alignments.items():
            out.schemes[name].add_alignment(al, g, p)
        attributes = alignments[ATTRIBUTE_SCHEME]
    else:  # cells counted once for the four schemes; one alignment, for the attributes
        for name, scheme in SCHEMES.items():
            out.schemes[name].cells = found.cells(scheme)
        attributes = found.alignment(SCHEMES[ATTRIBUTE_SCHEME])
    out.tallies = TALLIES[layer](gold, pred, attributes, ctx)
    return out


# Layer metrics: each function reads a layer's summed counts and returns named scores.
Metric = Scores | Accuracy


def _relaxed(lc: LayerCounts) -> tuple[int, int, int, int]:
    """Exact-offset matches, overlap matches, predictions and gold items of a layer."""
    c = lc.schemes[ATTRIBUTE_SCHEME].overall()
    return c.cor, c.cor + c.par, c.actual, c.possible


def _date_metrics(lc: LayerCounts) -> dict[str, Metric]:
    exact, matched, act, pos = _relaxed(lc)
    t = lc.tallies
    return {
        "span_strict": Scores.of(exact, act, pos),
        "span_relaxed": Scores.of(matched, act, pos),
        "value": Scores.of(t["value"], act, pos),
        "type": Scores.of(t["type"], act, pos),
        "mod_accuracy": Accuracy(t["mod"], matched),
    }


def _figure_metrics(lc: LayerCounts) -> dict[str, Metric]:
    _, matched, act, pos = _relaxed(lc)
    t = lc.tallies
    return {
        "span_relaxed": Scores.of(matched, act, pos),
        "value": Scores.of(t["value_exact"], act, pos),
        "value_accuracy": Accuracy(t["value_exact"], matched),
        "value_accuracy_tolerance": Accuracy(t["value_tolerance"], matched),
        "unit_accuracy": Accuracy(t["unit"], matched),
        "modifier_accuracy": Accuracy(t["modifier"], matched),
    }


def _claim_metrics(lc: LayerCounts) -> dict[str, Metric]:
    _, matched, act, pos = _relaxed(lc)
    t = lc.tallies
    tp = t["token_tp"]
    return {
        "content_overlap": Scores.of(matched, act, pos),
        "content_tokens": Scores.of(tp, tp + t["token_fp"], tp + t["token_fn"]),
        **{
            f"{name}_accuracy": Accuracy(t[name], matched)
            for name in ("source", "cue", "certainty", "polarity", "quote")
        },
    }


LAYER_METRICS: dict[str, Callable[[LayerCounts], dict[str, Metric]]] = {
    "entities": lambda lc: {},
    "dates": _date_metrics,
    "figures": _figure_metrics,
    "claims": _claim_metrics,
}


def headline_parts(layer: str, lc: LayerCounts) -> dict[str, tuple[float, float]]:
    """Headline metrics as additive (numerator, denominator) pairs: the metric is their ratio.

    Every headline is an F1, and F1 = 2 credit / (predicted + gold), so summing numerators and
    denominators over any set of documents gives that set's score exactly (bootstrap, merge).
    """
    strict = lc.schemes["strict"].overall()
    partial = lc.schemes["partial"].overall()
    size = float(strict.actual + strict.possible)
    out = {
        "strict_f1": (2.0 * strict.cor, size),
        "partial_f1": (2.0 * partial.cor + partial.par, size),
    }
    t = lc.tallies
    if layer == "dates":
        out["value_f1"] = (2.0 * t["value"], size)
    elif layer == "figures":
        out["value_f1"] = (2.0 * t["value_exact"], size)
    elif layer == "claims":
        tp = t["token_tp"]
        out["token_f1"] = (2.0 * tp, 2.0 * tp + t["token_fp"] + t["token_fn"])
    return out
