"""Inter-annotator agreement of two annotations of the same documents, by the scorer's matcher."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsgold.corpus import LAYERS, Document
from newsgold.errors import NewsgoldError
from newsgold.scoring.counts import Accuracy, LayerCounts, Scores
from newsgold.scoring.gold import GoldSource, as_gold
from newsgold.scoring.layers import ATTRIBUTE_SCHEME, Context, Item, Tokens, align, count_layer
from newsgold.scoring.score import check_options

KAPPA_ATTRIBUTES = {
    "entities": ("type",),
    "dates": ("type", "mod"),
    "figures": ("kind", "modifier"),
    "claims": ("certainty", "polarity", "quote"),
}
# Attributes whose differences are listed for adjudication (ids and references are not comparable).
COMPARED = {
    "entities": ("type", "entity_id", "wikidata"),
    "dates": ("type", "value", "mod", "function", "anchor"),
    "figures": ("kind", "value", "value_max", "unit", "modifier"),
    "claims": ("source", "cue", "quote", "certainty", "polarity", "reported_on"),
}
# References to dates, compared by the span they name (ids differ between annotations).
DATE_REFS = {"dates": "anchor", "claims": "reported_on"}
VALUES = {"dates": ("value",), "figures": ("value", "value_max")}


@dataclass
class Kappa:
    """Cohen's kappa of one categorical attribute over the matched spans (null is a category)."""

    attribute: str
    pairs: Counter[tuple[str, str]] = field(default_factory=Counter)

    @property
    def n(self) -> int:
        """Matched spans compared."""
        return sum(self.pairs.values())

    @property
    def observed(self) -> float | None:
        """Share of matched spans with the same value."""
        return sum(v for (a, b), v in self.pairs.items() if a == b) / self.n if self.n else None

    @property
    def expected(self) -> float | None:
        """Agreement expected by chance from each side's own distribution."""
        if not self.n:
            return None
        left: Counter[str] = Counter()
        right: Counter[str] = Counter()
        for (a, b), v in self.pairs.items():
            left[a] += v
            right[b] += v
        return sum(left[c] * right[c] for c in left) / self.n**2

    @property
    def kappa(self) -> float | None:
        """(observed - expected) / (1 - expected); None when chance agreement is already 1."""
        po, pe = self.observed, self.expected
        if po is None or pe is None or pe >= 1:
            return None
        return (po - pe) / (1 - pe)

    def to_dict(self) -> dict[str, Any]:
        """n, observed, expected, kappa."""
        return {
            "n": self.n,
            "observed": self.observed,
            "expected": self.expected,
            "kappa": self.kappa,
        }


@dataclass
class LayerAgreement:
    """Agreement on one layer: span counts (A as gold), kappas and value agreement."""

    layer: str
    counts: LayerCounts
    kappas: list[Kappa]
    values: dict[str, Accuracy]

    @property
    def size_a(self) -> int:
        """Spans of A."""
        return self.counts.schemes["strict"].overall().possible

    @property
    def size_b(self) -> int:
        """Spans of B."""
        return self.counts.schemes["strict"].overall().actual

    def span_scores(self, scheme: str) -> Scores:
        """Span P/R/F1 of B against A under a scheme (F1 is symmetric)."""
        return self.counts.schemes[scheme].scores()

    def to_dict(self) -> dict[str, Any]:
        """Span F1 (strict, partial) with counts, kappas and value agreement."""
        spans = {}
        for scheme in ("strict", "partial"):
            cells = self.counts.schemes[scheme]
            spans[scheme] = {"counts": cells.overall().to_dict(), **cells.scores().to_dict()}
        return {
            "spans_a": self.size_a,
            "spans_b": self.size_b,
            "spans": spans,
            "kappa": {k.attribute: k.to_dict() for k in self.kappas},
            "values": {name: acc.to_dict() for name, acc in self.values.items()},
        }


def _reading_dict(layer: str, item: Item | None) -> dict[str, Any] | None:
    if item is None:
        return None
    out = {"start": item["start"], "end": item["end"], "text": item.get("text")}
    out.update({name: item.get(name) for name in COMPARED[layer]})
    return out


@dataclass
class Disagreement:
    """One place where A and B differ: a matched pair with different readings, or a lone span."""

    doc_id: str
    layer: str
    a: dict[str, Any] | None
    b: dict[str, Any] | None
    fields: list[str]

    def reading(self, side: str) -> str:
        """One side's reading in one line: offsets, text, and the fields that differ (all fields
        for a span the other side lacks)."""
        item = self.a if side == "a" else self.b
        if item is None:
            return "(none)"
        text = str(item.get("text") or "")
        text = text if len(text) <= 40 else text[:37] + "..."
        lone = self.a is None or self.b is None
        shown = [
            k for k in item if k not in ("start", "end", "text") and (lone or k in self.fields)
        ]
        attrs = " ".join(f"{k}={_short(item[k])}" for k in shown)
        return f"{item['start']}:{item['end']} {text!r} {attrs}".rstrip()

    def to_dict(self) -> dict[str, Any]:
        """doc_id, layer, fields that differ, both readings (null on a lone span's other side)."""
        return {
            "doc_id": self.doc_id,
            "layer": self.layer,
            "fields": self.fields,
            "a": self.a,
            "b": self.b,
        }


def _short(value: Any) -> str:
    if isinstance(value, dict):
        return f"{value.get('start')}:{value.get('end')}" + (
            f"/{value['entity_id']}" if value.get("entity_id") else ""
        )
    return "null" if value is None else str(value)


def _comparable(name: str, value: Any) -> Any:
    if isinstance(
        value, dict
    ):  # claim source and cue: offsets (and entity) decide, text repeats them
        return (value.get("start"), value.get("end"), value.get("entity_id"))
    return value


def _differences(layer: str, a: Item, b: Item) -> list[str]:
    out = ["offsets"] if (a["start"], a["end"]) != (b["start"], b["end"]) else []
    out += [n for n in COMPARED[layer] if _comparable(n, a.get(n)) != _comparable(n, b.get(n))]
    return out


@dataclass
class Agreement:
    """Agreement between annotations A and B of the same documents."""

    a: str
    b: str
    documents: list[str]
    only_a: list[str]
    only_b: list[str]
    layers: dict[str, LayerAgreement]
    disagreements: list[Disagreement]

    def to_dict(self) -> dict[str, Any]:
        """The stable JSON form (documented in docs/scoring.md)."""
        return {
            "a": self.a,
            "b": self.b,
            "documents": self.documents,
            "only_a": self.only_a,
            "only_b": self.only_b,
            "layers": {layer: la.to_dict() for layer, la in self.layers.items()},
            "disagreements": [d.to_dict() for d in self.disagreements],
        }

    def to_text(self, markdown: bool = False, limit: int | None = None) -> str:
        """A table report (or Markdown) listing the disagreements, at most ``limit`` of them."""
        from newsgold.scoring.report import agreement_text

        return agreement_text(self, markdown, limit)


def _name(source: GoldSource) -> str:
    return str(source) if isinstance(source, str | Path) else "<documents>"


def agree(
    a: GoldSource, b: GoldSource, layers: Sequence[str] = LAYERS, root: Path | None = None
) -> Agreement:
    """Compare two annotations (folders, files or documents) of the same documents, by layer."""
    chosen = check_options(layers, 0.0)
    docs_a = {d.doc_id: d for d in as_gold(a, root)}
    docs_b = {d.doc_id: d for d in as_gold(b, root)}
    shared = sorted(set(docs_a) & set(docs_b))
    if not shared:
        raise NewsgoldError(
            f"shares no document with A ({_name(a)}); expected two annotations of the same "
            f"documents (A has {len(docs_a)}, B {len(docs_b)})",
            _name(b),
        )
    for doc_id in shared:
        if docs_a[doc_id].text != docs_b[doc_id].text:
            raise NewsgoldError(f"A and B annotate different texts of {doc_id!r}", _name(b))
    result = Agreement(
        _name(a),
        _name(b),
        shared,
        sorted(set(docs_a) - set(docs_b)),
        sorted(set(docs_b) - set(docs_a)),
        {layer: _empty(layer) for layer in chosen},
        [],
    )
    for doc_id in shared:
        _compare_document(docs_a[doc_id], docs_b[doc_id], result)
    result.disagreements.sort(key=_position)
    return result


def _empty(layer: str) -> LayerAgreement:
    kappas = [Kappa(attr) for attr in KAPPA_ATTRIBUTES[layer]]
    values = {name: Accuracy(0, 0) for name in ("value",) if layer in VALUES}
    return LayerAgreement(layer, LayerCounts(layer), kappas, values)


def _with_date_spans(doc: Document, layer: str) -> list[Item]:
    """A layer's items with anchor / reported_on given as the date span they name, not its id."""
    items: list[Item] = list(doc.spans(layer))
    ref = DATE_REFS.get(layer)
    if ref is None:
        return items
    dates = {d.get("id"): d for d in doc.spans("dates")}
    out: list[Item] = []
    for item in items:
        target = dates.get(item.get(ref)) if item.get(ref) else None
        span = {k: target.get(k) for k in ("start", "end", "text")} if target else None
        out.append({**item, ref: span})
    return out


def _compare_document(doc_a: Document, doc_b: Document, result: Agreement) -> None:
    context = Context(Tokens(doc_a.text), 0.0)
    for layer, la in result.layers.items():
        items_a, items_b = _with_date_spans(doc_a, layer), _with_date_spans(doc_b, layer)
        la.counts.merge(count_layer(layer, items_a, items_b, context))
        alignment = align(layer, items_a, items_b, ATTRIBUTE_SCHEME)
        same_values = 0
        for ia, ib, _ in alignment.pairs:
            x, y = items_a[ia], items_b[ib]
            for k in la.kappas:
                k.pairs[(_short(x.get(k.attribute)), _short(y.get(k.attribute)))] += 1
            same_values += all(x.get(v) == y.get(v) for v in VALUES.get(layer, ()))
            differs = _differences(layer, x, y)
            if differs:
                result.disagreements.append(
                    Disagreement(
                        doc_a.doc_id,
                        layer,
                        _reading_dict(layer, x),
                        _reading_dict(layer, y),
                        differs,
                    )
                )
        if layer in VALUES:
            old = la.values["value"]
            la.values["value"] = Accuracy(
                old.correct + same_values, old.total + len(alignment.pairs)
            )
        for ia in alignment.missed:
            reading = _reading_dict(layer, items_a[ia])
            result.disagreements.append(
                Disagreement(doc_a.doc_id, layer, reading, None, ["only in A"])
            )
        for ib in alignment.spurious:
            reading = _reading_dict(layer, items_b[ib])
            result.disagreements.append(
                Disagreement(doc_a.doc_id, layer, None, reading, ["only in B"])
            )


def _position(d: Disagreement) -> tuple[str, int, int, str]:
    side = d.a if d.a is not None else d.b
    assert side is not None
    return (d.doc_id, int(side["start"]), int(side["end"]), d.layer)
