"""Scoring predictions against gold: per-document additive counts summed into corpus scores."""

from __future__ import annotations

import gc
import json
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from newsgold.corpus import LAYERS, Document, sha256_text
from newsgold.errors import NewsgoldError
from newsgold.jsonio import pointer
from newsgold.scoring.counts import Accuracy, LayerCounts, Scores
from newsgold.scoring.gold import GoldSource, gold_store
from newsgold.scoring.labelmap import LabelMap, apply_map, left_out_counts
from newsgold.scoring.layers import LAYER_METRICS, Context, Tokens, count_layer, headline_parts
from newsgold.scoring.predictions import (
    Predictions,
    Problem,
    as_lines,
    checked_lines,
    raise_problems,
)
from newsgold.splits import MIN_DOCUMENTS, check_splits

FORMAT = "newsgold-score/1"
DEFAULT_TOLERANCE = 0.01
DEFAULT_CONFIDENCE = 0.95  # of bootstrap intervals
COMPARE_ROUNDS = 1000  # resamples or permutations of a paired test when none are asked for
METHODS = ("bootstrap", "randomization")  # the paired tests of newsgold.scoring.stats
Progress = Callable[[int, int], None]
PredictionSource = Path | str | Iterable[Mapping[str, Any]] | Predictions


@dataclass
class DocRecord:
    """One document's additive counts per layer, whether it had a prediction, and its gold."""

    counts: dict[str, LayerCounts]
    missing: bool
    gold: str  # fingerprint of the gold scored, so shards scored on different gold never merge

    def to_dict(self) -> dict[str, Any]:
        """As stored under ``documents`` in the score JSON."""
        return {
            "missing": self.missing,
            "gold": self.gold,
            "counts": {layer: c.to_dict() for layer, c in self.counts.items()},
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> DocRecord:
        """Inverse of to_dict."""
        counts = {layer: LayerCounts.from_dict(layer, c) for layer, c in data["counts"].items()}
        return cls(counts, bool(data["missing"]), str(data["gold"]))


def fingerprint(doc: Document, layers: Sequence[str]) -> str:
    """A short hash of a document's text and the gold layers scored (independent of item order)."""
    items = {layer: _canonical_order(doc.spans(layer)) for layer in layers}
    data = json.dumps({"text": sha256_text(doc.text), **items}, sort_keys=True)
    return sha256_text(data)[:16]


def _canonical_order(items: Sequence[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """Items sorted by offsets and id, or by their whole JSON where those tie."""

    def cheap(item: Mapping[str, Any]) -> tuple[Any, Any, str]:
        return item.get("start"), item.get("end"), str(item.get("id"))

    ordered = sorted(items, key=cheap)
    if len({cheap(i) for i in ordered}) == len(ordered):
        return ordered
    return sorted(items, key=lambda item: json.dumps(item, sort_keys=True))


def count_document(
    doc: Document,
    prediction: Mapping[str, Any] | None,
    layers: Sequence[str],
    tolerance: float,
    label_map: LabelMap | None = None,
    known: str | None = None,
) -> DocRecord:
    """Every additive count of one document (a missing prediction predicts nothing).

    With a label map, entities are counted in the system's labels and the spans it leaves out
    are tallied (``left_out gold TYPE``, ``left_out pred TYPE``) instead of scored. ``known``:
    the document's fingerprint when already known (from the cache of checked gold).
    """
    context = Context(Tokens(doc.text if "claims" in layers else ""), tolerance)
    predicted = prediction or {}
    counts = {}
    for layer in layers:
        gold: Sequence[Mapping[str, Any]] = doc.spans(layer)
        pred: Sequence[Mapping[str, Any]] = predicted.get(layer) or []
        if layer == "entities" and label_map is not None:
            gold, pred, left = apply_map(label_map, gold, pred)
            counts[layer] = count_layer(layer, gold, pred, context)
            counts[layer].tallies.update(left)
        else:
            counts[layer] = count_layer(layer, gold, pred, context)
    return DocRecord(counts, prediction is None, known or fingerprint(doc, layers))


@dataclass
class Bootstrap:
    """Document-level bootstrap percentile intervals of the headline metrics."""

    samples: int
    seed: int
    confidence: float
    intervals: dict[str, tuple[float | None, float | None]]

    def to_dict(self) -> dict[str, Any]:
        """samples, seed, confidence, and [low, high] per headline metric."""
        return {
            "samples": self.samples,
            "seed": self.seed,
            "confidence": self.confidence,
            "intervals": {k: list(v) for k, v in self.intervals.items()},
        }


@dataclass
class ScoreResult:
    """Scores of one predictions file: per-document counts and everything computed from them."""

    layers: tuple[str, ...]
    tolerance: float
    documents: dict[str, DocRecord]
    predictions: str = ""
    ignored: list[str] = field(default_factory=list)
    bootstrap: Bootstrap | None = None
    # Layers no document of the predictions has as a key: reported as not predicted, not as 0.
    unpredicted: tuple[str, ...] = ()
    label_map: LabelMap | None = None  # entities scored in a system's labels (--map, --types)

    def left_out(self) -> dict[str, dict[str, int]]:
        """Entity spans a label map left out, per gold type: {type: {gold: n, predicted: m}}."""
        if self.label_map is None or "entities" not in self.layers:
            return {}
        return left_out_counts(self.totals["entities"].tallies)

    def label_map_dict(self) -> dict[str, Any] | None:
        """The JSON ``label_map`` block: the map, the types it leaves out, the spans dropped."""
        if self.label_map is None:
            return None
        left = self.left_out()
        return {
            **self.label_map.to_dict(),
            "left_out_spans": left,
            "left_out_gold_spans": sum(c["gold"] for c in left.values()),
            "left_out_predicted_spans": sum(c["predicted"] for c in left.values()),
        }

    def predicted(self, layer: str) -> bool:
        """Whether some document of the predictions has the layer (an empty list counts)."""
        return layer not in self.unpredicted

    def _mask(self, values: dict[str, float | None]) -> dict[str, float | None]:
        """Headline values with those of unpredicted layers set to None."""
        return {
            name: None if name.split(".")[0] in self.unpredicted else value
            for name, value in values.items()
        }

    @property
    def missing(self) -> list[str]:
        """Gold documents the predictions did not mention (scored as predicting nothing)."""
        return sorted(d for d, rec in self.documents.items() if rec.missing)

    @cached_property
    def totals(self) -> dict[str, LayerCounts]:
        """Counts of each layer summed over the documents."""
        return sum_counts(self.layers, self.documents.values())

    def metrics(self, layer: str) -> dict[str, Scores | Accuracy]:
        """The layer-specific metrics (TempEval-3 for dates, value accuracy for figures, ...)."""
        return LAYER_METRICS[layer](self.totals[layer])

    def headline(self) -> dict[str, float | None]:
        """The headline metrics (``layer.strict_f1`` ...) of the whole set; None if unpredicted."""
        return self._mask(headline(self.totals))

    def per_document(self) -> dict[str, dict[str, float | None]]:
        """Headline metrics of each document alone."""
        return {
            doc_id: self._mask(headline(rec.counts))
            for doc_id, rec in sorted(self.documents.items())
        }

    def to_dict(self, per_doc: bool = False) -> dict[str, Any]:
        """The stable JSON form (documented in docs/scoring.md)."""
        out: dict[str, Any] = {
            "format": FORMAT,
            "predictions": self.predictions,
            "layers": list(self.layers),
            "tolerance": self.tolerance,
            "documents_scored": len(self.documents),
            "documents_missing": len(self.missing),
            "missing": self.missing,
            "ignored": self.ignored,
            "unpredicted": list(self.unpredicted),
            "label_map": self.label_map_dict(),
            "headline": self.headline(),
            "scores": {layer: self._layer_dict(layer) for layer in self.layers},
        }
        if self.bootstrap is not None:
            out["bootstrap"] = self.bootstrap.to_dict()
        if per_doc:
            out["per_document"] = self.per_document()
        out["documents"] = {d: rec.to_dict() for d, rec in sorted(self.documents.items())}
        return out

    def _layer_dict(self, layer: str) -> dict[str, Any]:
        """A layer's schemes and metrics, both null when the predictions never have the layer."""
        if not self.predicted(layer):
            return {"predicted": False, "schemes": None, "metrics": None}
        schemes = {}
        for name, cells in self.totals[layer].schemes.items():
            schemes[name] = {
                "counts": cells.overall().to_dict(),
                "micro": cells.scores().to_dict(),
                "macro": cells.macro(),
                "per_type": {label: t.to_dict() for label, t in cells.by_label().items()},
            }
        metrics = {name: m.to_dict() for name, m in self.metrics(layer).items()}
        return {"predicted": True, "schemes": schemes, "metrics": metrics}

    def to_markdown(self, per_doc: bool = False) -> str:
        """A Markdown report whose first table pastes into a leaderboard."""
        from newsgold.scoring.report import score_markdown

        return score_markdown(self, per_doc)

    def to_table(self, per_doc: bool = False) -> str:
        """A plain-text report for a terminal."""
        from newsgold.scoring.report import score_table

        return score_table(self, per_doc)

    def to_text(self, markdown: bool = False, per_doc: bool = False) -> str:
        """The Markdown report or the terminal table."""
        return self.to_markdown(per_doc) if markdown else self.to_table(per_doc)

    @classmethod
    def from_dict(cls, data: Any, file: str = "") -> ScoreResult:
        """Read a score JSON written by to_dict (as ``--merge`` does)."""
        try:
            if data.get("format") != FORMAT:
                raise NewsgoldError(
                    f"format is {data.get('format')!r}; expected {FORMAT!r}", file, "/format"
                )
            layers = tuple(str(layer) for layer in data["layers"])
            if not set(layers) <= set(LAYERS):
                raise ValueError(f"layers {list(layers)}; expected some of {list(LAYERS)}")
            documents = {str(k): DocRecord.from_dict(v) for k, v in data["documents"].items()}
            for doc_id, record in documents.items():
                if tuple(record.counts) != layers:
                    raise ValueError(f"{doc_id} has counts of {list(record.counts)}, not {layers}")
            unpredicted = tuple(str(layer) for layer in data.get("unpredicted", []))
            if not set(unpredicted) <= set(layers):
                raise ValueError(f"unpredicted {list(unpredicted)}; expected some of {layers}")
            mapped = data.get("label_map")
            return cls(
                layers,
                float(data["tolerance"]),
                documents,
                str(data.get("predictions", "")),
                [str(d) for d in data.get("ignored", [])],
                unpredicted=unpredicted,
                label_map=None if mapped is None else LabelMap.from_dict(mapped),
            )
        except (KeyError, TypeError, ValueError, AttributeError) as err:
            raise NewsgoldError(
                f"not a newsgold score JSON ({type(err).__name__}: {err})", file
            ) from None


def few_documents(scored: int) -> str | None:
    """A warning when too few documents were scored for intervals and tests to mean much."""
    if scored >= MIN_DOCUMENTS:
        return None
    return (
        f"only {scored} document(s) scored: with fewer than {MIN_DOCUMENTS}, confidence "
        "intervals and significance tests will not mean much"
    )


def sum_counts(layers: Sequence[str], records: Iterable[DocRecord]) -> dict[str, LayerCounts]:
    """Layer counts summed over documents."""
    totals = {layer: LayerCounts(layer) for layer in layers}
    for rec in records:
        for layer in layers:
            totals[layer].merge(rec.counts[layer])
    return totals


def headline_names(layers: Sequence[str]) -> list[str]:
    """The headline metric names for these layers, in report order."""
    return [
        f"{layer}.{name}" for layer in layers for name in headline_parts(layer, LayerCounts(layer))
    ]


def headline(counts: Mapping[str, LayerCounts]) -> dict[str, float | None]:
    """Headline metrics of summed counts: numerator / denominator, None when nothing to score."""
    out: dict[str, float | None] = {}
    for layer, lc in counts.items():
        for name, (num, den) in headline_parts(layer, lc).items():
            out[f"{layer}.{name}"] = num / den if den else None
    return out


def check_options(
    layers: Sequence[str], tolerance: float, label_map: LabelMap | None = None
) -> tuple[str, ...]:
    """Validate layer names, the tolerance, and that a label map has entities to map (bad
    usage: exit status 2)."""
    unknown = [layer for layer in layers if layer not in LAYERS]
    if unknown or not layers:
        raise NewsgoldError(f"unknown layers {unknown}; expected some of {list(LAYERS)}", status=2)
    if not tolerance >= 0:
        raise NewsgoldError(
            f"tolerance {tolerance} is negative; expected a relative tolerance >= 0", status=2
        )
    if label_map is not None and "entities" not in layers:
        raise NewsgoldError(
            f"label map {label_map.name} applies to the entities layer, which is not scored "
            f"(layers {list(layers)}); expected entities among the layers",
            status=2,
        )
    return tuple(layer for layer in LAYERS if layer in layers)


def selected(doc: Document, splits: Sequence[str] | None, include_drafts: bool) -> bool:
    """Whether a gold document is scored: status gold (or drafts too), in the splits asked."""
    return (include_drafts or doc.annotations.get("status", "gold") == "gold") and (
        not splits or doc.metadata.get("split") in splits
    )


def score(
    gold: GoldSource,
    predictions: PredictionSource,
    *,
    layers: Sequence[str] = LAYERS,
    tolerance: float = DEFAULT_TOLERANCE,
    splits: Sequence[str] | None = None,
    include_drafts: bool = False,
    bootstrap: int = 0,
    seed: int = 0,
    confidence: float = DEFAULT_CONFIDENCE,
    root: Path | None = None,
    progress: Progress | None = None,
    label_map: LabelMap | None = None,
) -> ScoreResult:
    """Score predictions against gold (a path, a Corpus, Documents or annotation-shaped rows).

    Only the layers scored are read and checked, in gold and predictions. Predictions are
    scored line by line as they are read, and gold from a repository one article at a time, so
    memory holds the counts, not the corpus. ``label_map`` (``labelmap.load_map``,
    ``types_map``) scores entities in a system's labels, leaving out the gold types it omits.
    """
    chosen = check_options(layers, tolerance, label_map)
    with _cycle_collector_paused():
        result = _score(
            gold, predictions, chosen, tolerance, splits, include_drafts, root, progress, label_map
        )
    if bootstrap:
        from newsgold.scoring.stats import bootstrap_intervals

        result.bootstrap = bootstrap_intervals(result, bootstrap, seed, confidence)
    return result


@contextmanager
def _cycle_collector_paused() -> Iterator[None]:
    """Reference counting alone frees scoring's millions of small acyclic tuples; the cycle
    collector's passes over them cost a third of matching on long articles."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _score(
    gold: GoldSource,
    predictions: PredictionSource,
    chosen: tuple[str, ...],
    tolerance: float,
    splits: Sequence[str] | None,
    include_drafts: bool,
    root: Path | None,
    progress: Progress | None,
    label_map: LabelMap | None = None,
) -> ScoreResult:
    store = gold_store(gold, root, chosen)
    labels = None
    if label_map is not None and not label_map.predicts_gold_types:
        labels = list(label_map.groups)
    if splits:
        check_splits(splits, store.splits())
    lines, name = as_lines(predictions)
    records: dict[str, DocRecord] = {}
    ignored: set[str] = set()
    present: set[str] = set()  # layers some prediction object has as a key
    objects = 0  # prediction objects read
    problems: list[Problem] = []
    done = 0

    def count(doc_id: str, prediction: Mapping[str, Any] | None) -> None:
        nonlocal done
        doc = store[doc_id]
        if selected(doc, splits, include_drafts):
            known = store.fingerprints.get(doc_id)
            record = count_document(doc, prediction, chosen, tolerance, label_map, known)
            records[doc_id] = record
            store.checked(doc_id, record.gold)
        elif prediction is not None:
            ignored.add(doc_id)
        done += 1
        if progress is not None:
            progress(done, len(store))

    for _, obj, found in checked_lines(lines, store.texts(), chosen, labels):
        problems.extend(found)
        if obj is not None and not problems:  # after a fault only the checking goes on
            present.update(layer for layer in chosen if layer in obj)
            objects += 1
            count(obj["doc_id"], obj)
    raise_problems(problems, name, hint_label_maps=label_map is None)
    for doc_id in store:
        if doc_id not in records and doc_id not in ignored:
            count(doc_id, None)
    store.save()  # what was checked in full need not be next time (newsgold.cache)
    # A file without documents says nothing about its layers: it predicts nothing, scored 0.
    unpredicted = tuple(layer for layer in chosen if objects and layer not in present)
    return ScoreResult(
        chosen,
        tolerance,
        dict(sorted(records.items())),
        name,
        sorted(ignored),
        None,
        unpredicted,
        label_map,
    )


def merge(results: Sequence[ScoreResult], files: Sequence[str] | None = None) -> ScoreResult:
    """Merge shard results into exactly the result of scoring all their documents at once.

    A document scored in several shards (as missing in all but at most one) keeps the shard that
    predicted it; its gold must be the same everywhere. ``files`` names the shards in errors
    (default: the predictions each was scored from).
    """
    if not results:
        raise NewsgoldError("nothing to merge; expected one or more score JSON files", status=2)
    first = results[0]
    names = list(files) if files is not None else [r.predictions for r in results]
    documents: dict[str, DocRecord] = {}
    origin: dict[str, str] = {}
    for result, name in zip(results, names, strict=True):
        if result.label_map != first.label_map:
            raise NewsgoldError(
                f"scored with label map {_map_name(result)}, but {names[0]} with "
                f"{_map_name(first)}; expected the same label map in every shard",
                name,
                "/label_map",
            )
        if result.layers != first.layers or result.tolerance != first.tolerance:
            raise NewsgoldError(
                f"scored with layers {list(result.layers)} and tolerance {result.tolerance}, "
                f"but {names[0]} with {list(first.layers)} and {first.tolerance}; "
                "expected the same options in every shard",
                name,
                "/layers" if result.layers != first.layers else "/tolerance",
            )
        for doc_id, rec in result.documents.items():
            have = documents.get(doc_id)
            if have is not None and have.gold != rec.gold:
                raise NewsgoldError(
                    f"{doc_id!r} was scored against different gold here and in {origin[doc_id]}",
                    name,
                    pointer(["documents", doc_id, "gold"]),
                )
            if have is not None and not have.missing and not rec.missing:
                raise NewsgoldError(
                    f"{doc_id!r} is predicted here and in {origin[doc_id]}; "
                    "expected disjoint shards",
                    name,
                    pointer(["documents", doc_id, "missing"]),
                )
            if have is None or have.missing:
                documents[doc_id] = rec
                origin[doc_id] = name
    sources = list(dict.fromkeys(r.predictions for r in results))
    ignored = sorted({d for r in results for d in r.ignored} - set(documents))
    # as if scored at once: a layer is predicted when some shard's predictions have it
    unpredicted = tuple(
        layer for layer in first.layers if all(layer in r.unpredicted for r in results)
    )
    return ScoreResult(
        first.layers,
        first.tolerance,
        documents,
        " + ".join(sources),
        ignored,
        None,
        unpredicted,
        first.label_map,
    )


def _map_name(result: ScoreResult) -> str:
    """A shard's label map as an error names it."""
    return "none" if result.label_map is None else result.label_map.name
