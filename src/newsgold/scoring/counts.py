"""Additive counts and the scores computed from them."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from newsgold.scoring.matching import (
    COR,
    INC,
    MIS,
    OUTCOMES,
    PAR,
    SCHEMES,
    SPU,
    Alignment,
    Span,
)

NONE = "-"  # the label of the side an outcome does not have (MIS has no prediction, SPU no gold)


@dataclass(frozen=True)
class Scores:
    """Precision, recall and F1 from credits counted against predictions and against gold."""

    precision_credit: float
    actual: int  # predictions
    recall_credit: float
    possible: int  # gold items

    @classmethod
    def of(cls, credit: float, actual: int, possible: int) -> Scores:
        """Scores whose precision and recall share one credit (micro scores)."""
        return cls(credit, actual, credit, possible)

    @property
    def precision(self) -> float | None:
        """credit / actual; 0 when nothing was predicted but there was something to find."""
        return _ratio(self.precision_credit, self.actual, self.possible)

    @property
    def recall(self) -> float | None:
        """credit / possible; 0 when there was nothing to find but something was predicted."""
        return _ratio(self.recall_credit, self.possible, self.actual)

    @property
    def f1(self) -> float | None:
        """Harmonic mean of precision and recall; None when both are undefined."""
        p, r = self.precision, self.recall
        if p is None or r is None:
            return None
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, Any]:
        """precision, recall, f1 (null when there was nothing to find and nothing predicted)."""
        return {"precision": self.precision, "recall": self.recall, "f1": self.f1}


def _ratio(numerator: float, denominator: int, other: int) -> float | None:
    if denominator:
        return numerator / denominator
    return 0.0 if other else None


@dataclass(frozen=True)
class Accuracy:
    """A share of matched items whose attribute agrees."""

    correct: int
    total: int

    @property
    def value(self) -> float | None:
        """correct / total, or None when nothing was matched."""
        return self.correct / self.total if self.total else None

    def to_dict(self) -> dict[str, Any]:
        """accuracy, correct, total."""
        return {"accuracy": self.value, "correct": self.correct, "total": self.total}


@dataclass(frozen=True)
class Counts:
    """The five SemEval-2013 outcome counts."""

    cor: int = 0
    inc: int = 0
    par: int = 0
    mis: int = 0
    spu: int = 0

    @property
    def possible(self) -> int:
        """POS = COR + INC + PAR + MIS: the gold spans."""
        return self.cor + self.inc + self.par + self.mis

    @property
    def actual(self) -> int:
        """ACT = COR + INC + PAR + SPU: the predicted spans."""
        return self.cor + self.inc + self.par + self.spu

    def scores(self, partial_credit: float) -> Scores:
        """P = (COR + w PAR) / ACT, R = (COR + w PAR) / POS, with w the scheme's partial credit."""
        return Scores.of(self.cor + partial_credit * self.par, self.actual, self.possible)

    def to_dict(self) -> dict[str, int]:
        """The counts under their SemEval names, with POS and ACT."""
        return {
            "COR": self.cor,
            "INC": self.inc,
            "PAR": self.par,
            "MIS": self.mis,
            "SPU": self.spu,
            "POS": self.possible,
            "ACT": self.actual,
        }


def _counts(tally: Counter[str]) -> Counts:
    return Counts(tally[COR], tally[INC], tally[PAR], tally[MIS], tally[SPU])


@dataclass(frozen=True)
class TypeScore:
    """One label's share: gold-side outcomes (for recall) and prediction-side ones (precision)."""

    label: str
    gold: Counter[str]  # COR, INC, PAR, MIS of gold spans with this label
    pred: Counter[str]  # COR, INC, PAR, SPU of predicted spans with this label
    partial_credit: float

    @property
    def scores(self) -> Scores:
        """Precision over predictions with this label, recall over gold spans with it."""
        w = self.partial_credit
        return Scores(
            self.pred[COR] + w * self.pred[PAR],
            sum(self.pred[k] for k in (COR, INC, PAR, SPU)),
            self.gold[COR] + w * self.gold[PAR],
            sum(self.gold[k] for k in (COR, INC, PAR, MIS)),
        )

    def to_dict(self) -> dict[str, Any]:
        """Counts of both views, POS, ACT, precision, recall, f1."""
        s = self.scores
        return {
            "gold": {k: self.gold[k] for k in (COR, INC, PAR, MIS)},
            "pred": {k: self.pred[k] for k in (COR, INC, PAR, SPU)},
            "POS": s.possible,
            "ACT": s.actual,
            **s.to_dict(),
        }


def mean(values: list[float | None]) -> float | None:
    """The mean of the defined values, None when none is defined."""
    known = [v for v in values if v is not None]
    return sum(known) / len(known) if known else None


@dataclass
class SchemeCounts:
    """Additive outcome cells of one scheme: (outcome, gold label, predicted label) -> n."""

    scheme: str
    cells: Counter[tuple[str, str, str]] = field(default_factory=Counter)

    def add_alignment(self, al: Alignment, gold: Sequence[Span], pred: Sequence[Span]) -> None:
        """Count every pair, missed and spurious span of one document's alignment by label."""
        update = self.cells.update  # Counter counts an iterable in C
        # Lists rather than generators, and the label by index: a NamedTuple's names are
        # properties, slower than indexing.
        update([(outcome, gold[g][2], pred[p][2]) for g, p, outcome in al.pairs])
        update([(MIS, gold[g][2], NONE) for g in al.missed])
        update([(SPU, NONE, pred[p][2]) for p in al.spurious])

    def overall(self) -> Counts:
        """Micro counts: every outcome once."""
        tally: Counter[str] = Counter()
        for (outcome, _, _), n in self.cells.items():
            tally[outcome] += n
        return _counts(tally)

    def by_label(self) -> dict[str, TypeScore]:
        """Per-label views that add up to the overall counts, labels sorted."""
        gold: dict[str, Counter[str]] = {}
        pred: dict[str, Counter[str]] = {}
        for (outcome, g, p), n in self.cells.items():
            if g != NONE:
                gold.setdefault(g, Counter())[outcome] += n
            if p != NONE:
                pred.setdefault(p, Counter())[outcome] += n
        credit = SCHEMES[self.scheme].partial_credit
        return {
            label: TypeScore(label, gold.get(label, Counter()), pred.get(label, Counter()), credit)
            for label in sorted(set(gold) | set(pred))
        }

    def scores(self) -> Scores:
        """Micro precision, recall, F1."""
        return self.overall().scores(SCHEMES[self.scheme].partial_credit)

    def macro(self) -> dict[str, float | None]:
        """Unweighted means over labels of per-label precision, recall and F1."""
        per = [t.scores for t in self.by_label().values()]
        return {
            "precision": mean([s.precision for s in per]),
            "recall": mean([s.recall for s in per]),
            "f1": mean([s.f1 for s in per]),
        }

    def merge(self, other: SchemeCounts) -> None:
        """Add another document's cells."""
        self.cells.update(other.cells)

    def to_dict(self) -> dict[str, int]:
        """Cells as "OUTCOME GOLD PRED" -> n, sorted."""
        return {" ".join(key): n for key, n in sorted(self.cells.items()) if n}

    @classmethod
    def from_dict(cls, scheme: str, data: dict[str, int]) -> SchemeCounts:
        """Inverse of to_dict."""
        cells: Counter[tuple[str, str, str]] = Counter()
        for key, n in data.items():
            outcome, g, p = key.split(" ")
            if outcome not in OUTCOMES:
                raise ValueError(f"unknown outcome {outcome!r} in {key!r}")
            cells[(outcome, g, p)] = int(n)
        return cls(scheme, cells)


@dataclass
class LayerCounts:
    """Everything counted for one layer of one or more documents; adding merges documents."""

    layer: str
    schemes: dict[str, SchemeCounts] = field(default_factory=dict)
    tallies: Counter[str] = field(default_factory=Counter)

    def __post_init__(self) -> None:
        for name in SCHEMES:
            self.schemes.setdefault(name, SchemeCounts(name))

    def merge(self, other: LayerCounts) -> None:
        """Add another document's counts of the same layer."""
        for name, counts in other.schemes.items():
            self.schemes[name].merge(counts)
        self.tallies.update(other.tallies)

    def to_dict(self) -> dict[str, Any]:
        """Scheme cells and layer tallies, as stored in a score JSON's documents."""
        out: dict[str, Any] = {name: c.to_dict() for name, c in self.schemes.items()}
        out["tallies"] = {k: v for k, v in sorted(self.tallies.items()) if v}
        return out

    @classmethod
    def from_dict(cls, layer: str, data: dict[str, Any]) -> LayerCounts:
        """Inverse of to_dict."""
        schemes = {name: SchemeCounts.from_dict(name, data.get(name, {})) for name in SCHEMES}
        tallies = Counter({str(k): int(v) for k, v in data.get("tallies", {}).items()})
        return cls(layer, schemes, tallies)
