"""What to draw for one document: its items (gold, or gold against predictions) and their marks."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from newsgold.errors import NewsgoldError
from newsgold.scoring.layers import label
from newsgold.view.markup import Mark
from newsgold.view.overlay import PREDICTED_LAYERS, Classified, attribute_differences, classify

LAYERS = ("sections", "entities", "dates", "figures", "claims")
# The CSS class of each layer's marks (the toggles hide ``.m.<class>``).
LAYER_CLASS = {
    "sections": "sec",
    "entities": "ent",
    "dates": "date",
    "figures": "fig",
    "claims": "clm",
}
# Which mark is drawn outside when two have the same extent (lower is outer).
RANK = {
    "sections": 0,
    "claims": 10,
    "source": 20,
    "cue": 21,
    "entities": 30,
    "dates": 40,
    "figures": 50,
}
SINGULAR = {
    "sections": "section",
    "entities": "entity",
    "dates": "date",
    "figures": "figure",
    "claims": "claim",
}
STATUS_NOTE = {
    "correct": "correct: predicted with the same offsets and type",
    "missed": "missed: in gold, not predicted",
    "spurious": "spurious: predicted, not in gold",
}


@dataclass(frozen=True)
class Item:
    """One annotation to draw: its layer, span, a page-unique uid, and its overlay status if any."""

    layer: str
    span: dict[str, Any]
    uid: str
    pointer: str
    status: str | None = None
    match: dict[str, Any] | None = None
    diffs: tuple[tuple[str, Any, Any], ...] = ()
    near: dict[str, Any] | None = None  # the other side of a pair the scorer calls incorrect
    near_uid: str = ""

    @property
    def predicted(self) -> bool:
        """Whether the item comes from the predictions (a spurious span) rather than gold."""
        return self.status == "spurious"


def items(annotations: Mapping[str, Any], predicted: Mapping[str, Any] | None) -> list[Item]:
    """Every item of a document; with predictions, gold and predicted spans classified per layer."""
    out: list[Item] = []
    for layer in LAYERS:
        gold = list(annotations.get(layer) or [])
        if predicted is None or layer not in PREDICTED_LAYERS:
            out.extend(Item(layer, s, str(s["id"]), f"/{layer}/{i}") for i, s in enumerate(gold))
            continue
        position = {id(s): i for i, s in enumerate(gold)}
        guessed = list(predicted.get(layer) or [])
        guessed_position = {id(s): i for i, s in enumerate(guessed)}
        for found in classify(gold, guessed, layer):
            out.append(_item(layer, found, position, guessed_position))
    return out


def _item(layer: str, found: Classified, gold: dict[int, int], guessed: dict[int, int]) -> Item:
    span, status, match, near = found
    if status == "spurious":
        i = guessed[id(span)]
        near_uid = str(near["id"]) if near is not None else ""
        return Item(
            layer, span, f"p-{layer}-{i}", f"/{layer}/{i}", status, None, (), near, near_uid
        )
    i = gold[id(span)]
    diffs = tuple(attribute_differences(layer, span, match)) if match is not None else ()
    near_uid = f"p-{layer}-{guessed[id(near)]}" if near is not None else ""
    return Item(layer, span, str(span["id"]), f"/{layer}/{i}", status, match, diffs, near, near_uid)


def show(value: Any) -> str:
    """A JSON value as shown to a reader (numbers as JSON writes them, null as 'none')."""
    if value is None:
        return "none"
    if isinstance(value, str):
        return value
    if isinstance(value, dict) and "start" in value:
        return f"{value.get('text', '')!s} ({value['start']}:{value['end']})"
    return json.dumps(value, ensure_ascii=False)


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


class Lookup:
    """Gold dates and figures by id, to describe what a claim or a date refers to."""

    def __init__(self, annotations: dict[str, Any], text: str) -> None:
        self.text = text
        self.spans: dict[str, dict[str, Any]] = {}
        for layer in ("dates", "figures"):
            for span in annotations.get(layer) or []:
                self.spans[str(span["id"])] = span

    def describe(self, ref: str) -> str:
        """'last month = 2025-01' for a date id, '10,000 troops = 10000 troops' for a figure id."""
        span = self.spans.get(ref)
        if span is None:
            return f"{ref} (unknown)"
        said = _short(self.text[span["start"] : span["end"]], 40)
        if "kind" in span:
            return f"{ref} “{said}” = {figure_value(span)}"
        mod = f" {span['mod']}" if span.get("mod") else ""
        return f"{ref} “{said}” = {show(span.get('value'))}{mod}"


def figure_value(span: dict[str, Any]) -> str:
    """A figure's normalised reading: modifier, value (or range) and unit."""
    value = show(span.get("value"))
    if span.get("value_max") is not None:
        value += f" to {show(span['value_max'])}"
    parts = [span["modifier"]] if span.get("modifier") else []
    parts.append(value)
    if span.get("unit"):
        parts.append(str(span["unit"]))
    return " ".join(parts)


def claim_refs(span: dict[str, Any]) -> list[str]:
    """The ids a claim links to: its dates, figures and the date it reports on, in that order."""
    refs = [str(r) for r in [*(span.get("dates") or []), *(span.get("figures") or [])]]
    if span.get("reported_on"):
        refs.append(str(span["reported_on"]))
    return list(dict.fromkeys(refs))


def _header(item: Item, what: str) -> str:
    name = (
        f"predicted {SINGULAR[item.layer]}"
        if item.predicted
        else f"{SINGULAR[item.layer]} {item.uid}"
    )
    return f"{name} · {what}"


def _tail(item: Item) -> list[str]:
    lines = []
    if item.predicted and item.span.get("id") is not None:
        lines.append(f"prediction id: {item.span['id']}")
    if item.status:
        lines.append(STATUS_NOTE[item.status])
    if item.near is not None:
        lines.append(_near_note(item, item.near))
    for name, ours, theirs in item.diffs:
        lines.append(f"predicted {name}: {show(theirs)} (gold: {show(ours)})")
    return lines


def _near_note(item: Item, near: dict[str, Any]) -> str:
    """What the scorer paired an unmatched span with: 'incorrect pair with gold entity e3 ...'."""
    typed = item.layer != "claims"  # claims match on offsets alone
    kind = f" {label(item.layer, near)}" if typed else ""
    other = f"gold {SINGULAR[item.layer]} {item.near_uid}" if item.predicted else "predicted"
    same = "offsets and type" if typed else "offsets"
    return (
        f"incorrect pair with {other}{kind} at {near['start']}:{near['end']} "
        f"(overlapping, not the same {same})"
    )


def tooltip(item: Item, lookup: Lookup, role: str = "content") -> str:
    """The tooltip text of one item: a header line, then its normalised values, one per line."""
    span = item.span
    lines: list[str]
    if item.layer == "sections":
        lines = [_header(item, str(span.get("type")))]
    elif item.layer == "entities":
        lines = [_header(item, str(span.get("type")))]
        if span.get("entity_id"):
            lines.append(f"entity_id: {span['entity_id']}")
        if span.get("wikidata"):
            lines.append(f"wikidata: {span['wikidata']}")
    elif item.layer == "dates":
        lines = [_header(item, str(span.get("type"))), f"value: {show(span.get('value'))}"]
        lines.extend(f"{k}: {show(span[k])}" for k in ("mod", "anchor", "function") if span.get(k))
    elif item.layer == "figures":
        lines = [_header(item, str(span.get("kind"))), f"value: {show(span.get('value'))}"]
        lines.extend(
            f"{k}: {show(span[k])}"
            for k in ("value_max", "unit", "modifier")
            if span.get(k) is not None
        )
    else:
        lines = _claim_lines(item, lookup, role)
    return "\n".join(lines + _tail(item))


def _claim_lines(item: Item, lookup: Lookup, role: str) -> list[str]:
    span = item.span
    lines = [_header(item, role)]
    if role != "content":
        lines.append(f"of: “{_short(lookup.text[span['start'] : span['end']])}”")
    source = span.get("source")
    if role == "source" and isinstance(source, dict) and source.get("entity_id"):
        lines.append(f"entity_id: {source['entity_id']}")
    if role != "content":
        return lines
    lines.extend(f"{k}: {show(span.get(k))}" for k in ("quote", "certainty", "polarity"))
    lines.append(f"source: {show(source)}" if source else "source: none (the journalist's own)")
    if isinstance(span.get("cue"), dict):
        lines.append(f"cue: {show(span['cue'])}")
    refs = [lookup.describe(str(r)) for r in span.get("dates") or []]
    refs += [lookup.describe(str(r)) for r in span.get("figures") or []]
    lines.extend(f"refers to: {r}" for r in refs)
    if span.get("reported_on"):
        lines.append(f"reported on: {lookup.describe(str(span['reported_on']))}")
    return lines


def _check(span: Any, text: str, file: str, where: str) -> None:
    start, end = span.get("start"), span.get("end")
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
        raise NewsgoldError(
            f"span {start}:{end} cannot be drawn over a text of {len(text)} code points; "
            "expected 0 <= start < end <= length (run newsgold validate)",
            file,
            where,
        )


def marks(text: str, found: list[Item], lookup: Lookup, files: tuple[str, str]) -> list[Mark]:
    """The marks of every item; ``files`` names the gold and predictions files for errors."""
    out: list[Mark] = []
    for item in found:
        file = files[1] if item.predicted else files[0]
        _check(item.span, text, file, item.pointer)
        out.append(_mark(item, lookup, "content"))
        if item.layer == "claims":
            for role in ("source", "cue"):
                part = item.span.get(role)
                if isinstance(part, dict):
                    _check(part, text, file, f"{item.pointer}/{role}")
                    out.append(_mark(item, lookup, role))
    return out


def _mark(item: Item, lookup: Lookup, role: str) -> Mark:
    span = item.span if role == "content" else item.span[role]
    layer = item.layer
    kind = span.get("kind") if layer == "figures" else item.span.get("type")
    classes = ["m", LAYER_CLASS[layer]]
    attrs: list[tuple[str, str]] = [("data-layer", layer)]
    if layer == "claims":
        classes.append(f"clm-{role}")
        attrs += [("data-claim", item.uid), ("data-role", role)]
        if role == "content":
            attrs.append(("data-id", item.uid))
            attrs.append(("data-refs", " ".join(claim_refs(item.span))))
            attrs += [
                (f"data-{k}", show(item.span.get(k))) for k in ("quote", "certainty", "polarity")
            ]
    else:
        classes.append(f"{LAYER_CLASS[layer]}-{kind}")
        attrs += [("data-id", item.uid), ("data-type", str(kind))]
    if layer == "sections":
        attrs.append(("data-label", str(kind)))
    elif layer == "entities":
        attrs.append(("data-entity", str(span.get("entity_id") or "")))
        if span.get("wikidata"):
            attrs.append(("data-wikidata", str(span["wikidata"])))
    elif layer == "dates":
        attrs += [("data-value", show(span.get("value"))), ("data-mod", show(span.get("mod")))]
    elif layer == "figures":
        attrs += [
            (f"data-{k.replace('_', '-')}", show(span.get(k)))
            for k in ("value", "value_max", "unit", "modifier")
        ]
    if item.status:
        classes.append(f"st-{item.status}")
        attrs.append(("data-status", item.status))
    if item.near is not None:
        attrs.append(("data-near", item.near_uid))
    if item.diffs:
        classes.append("diff")
        attrs.append(("data-diff", " ".join(name for name, _, _ in item.diffs)))
    attrs.append(("data-tip", tooltip(item, lookup, role)))
    rank = RANK[role if role != "content" else layer] + (1 if item.predicted else 0)
    return Mark(span["start"], span["end"], rank, tuple(classes), tuple(attrs))
