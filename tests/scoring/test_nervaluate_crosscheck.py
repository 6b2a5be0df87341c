"""Cross-check against nervaluate 1.2.1 where both define the same thing."""

from __future__ import annotations

import random
from collections import Counter

import pytest
from scoring_helpers import LABELS, random_spans

from newsgold.scoring.counts import SchemeCounts
from newsgold.scoring.matching import Span, match

nervaluate = pytest.importorskip("nervaluate")

# newsgold scheme -> nervaluate strategy
NAMES = {"strict": "strict", "exact": "exact", "partial": "partial", "type": "ent_type"}


def _ours(docs: list[tuple[list[Span], list[Span]]], scheme: str) -> SchemeCounts:
    out = SchemeCounts(scheme)
    for gold, pred in docs:
        al = match(gold, pred, scheme)
        out.add_alignment(al, gold, pred)
    return out


def _theirs(docs: list[tuple[list[Span], list[Span]]]) -> dict[str, object]:
    # nervaluate's ends are inclusive: our exclusive end e becomes e - 1.
    def convert(spans: list[Span]) -> list[dict[str, object]]:
        return [{"label": s.label, "start": s.start, "end": s.end - 1} for s in spans]

    true = [convert(g) for g, _ in docs]
    pred = [convert(p) for _, p in docs]
    return nervaluate.Evaluator(true, pred, tags=list(LABELS), loader="dict").evaluate()


def _one_to_one(gold: list[Span], pred: list[Span]) -> bool:
    """Whether every span overlaps at most one span of the other side (no choice to make)."""
    degree: Counter[tuple[int, int]] = Counter()
    for i, g in enumerate(gold):
        for j, p in enumerate(pred):
            if g.start < p.end and p.start < g.end:
                degree[(0, i)] += 1
                degree[(1, j)] += 1
    return all(n <= 1 for n in degree.values())


def _documents(seed: int, one_to_one: bool) -> list[tuple[list[Span], list[Span]]]:
    rng = random.Random(seed)
    docs = []
    while len(docs) < 40:
        gold = random_spans(rng, rng.randint(0, 12), 120, overlapping=False)
        pred = random_spans(rng, rng.randint(0, 12), 120, overlapping=False)
        if rng.random() < 0.5:  # copy gold offsets (some relabelled) so exact matches are common
            copies = [s for s in gold if rng.random() < 0.5]
            relabelled = [Span(s.start, s.end, rng.choice(LABELS)) for s in copies]
            pred = relabelled + pred[:4]
            pred = [
                s
                for k, s in enumerate(pred)
                if all(s.end <= t.start or t.end <= s.start for t in pred[:k])
            ]
        if not one_to_one or _one_to_one(gold, pred):
            docs.append((gold, pred))
    return docs


@pytest.mark.parametrize("seed", range(5))
def test_counts_equal_nervaluate_when_no_choice_is_needed(seed: int) -> None:
    docs = _documents(seed, one_to_one=True)
    theirs = _theirs(docs)
    for scheme, name in NAMES.items():
        ours = _ours(docs, scheme)
        c, t = ours.overall(), theirs["overall"][name]
        assert (c.cor, c.inc, c.par, c.mis, c.spu) == (
            t.correct,
            t.incorrect,
            t.partial,
            t.missed,
            t.spurious,
        )
        s = ours.scores()
        assert (s.precision or 0.0) == pytest.approx(t.precision)
        assert (s.recall or 0.0) == pytest.approx(t.recall)
        assert (s.f1 or 0.0) == pytest.approx(t.f1)
        if scheme in ("strict", "type"):
            # Per-type precision and recall agree too: both count a label's predictions and gold.
            for label, view in ours.by_label().items():
                if label in theirs["entities"]:
                    tt = theirs["entities"][label][name]
                    assert (view.scores.precision or 0.0) == pytest.approx(tt.precision)
                    assert (view.scores.recall or 0.0) == pytest.approx(tt.recall)


@pytest.mark.parametrize("seed", range(5))
def test_never_fewer_correct_than_nervaluate(seed: int) -> None:
    # With choices to make, nervaluate matches greedily in list order; ours is maximal for COR.
    docs = _documents(100 + seed, one_to_one=False)
    theirs = _theirs(docs)
    for scheme, name in NAMES.items():
        assert _ours(docs, scheme).overall().cor >= theirs["overall"][name].correct


def test_nervaluate_depends_on_order_and_ours_does_not() -> None:
    # Gold 0:5 and 6:10; predictions 3:8 (overlapping both) and 0:5 (identical to the first).
    gold = [Span(0, 5, "PER"), Span(6, 10, "PER")]
    orders = ([Span(3, 8, "PER"), Span(0, 5, "PER")], [Span(0, 5, "PER"), Span(3, 8, "PER")])
    theirs = [_theirs([(gold, pred)])["overall"]["strict"].correct for pred in orders]
    ours = [_ours([(gold, pred)], "strict").overall().cor for pred in orders]
    assert theirs == [0, 1]  # nervaluate: the order decides
    assert ours == [1, 1]


def test_nervaluate_per_type_does_not_add_up_and_ours_does() -> None:
    # A type confusion: gold PER 0:5, prediction ORG 0:5.
    docs = [([Span(0, 5, "PER")], [Span(0, 5, "ORG")])]
    theirs = _theirs(docs)
    assert theirs["overall"]["strict"].incorrect == 1
    per = theirs["entities"]
    # nervaluate's per-type tables turn the confusion into a miss plus a spurious prediction.
    assert per["PER"]["strict"].missed + per["ORG"]["strict"].spurious == 2
    views = _ours(docs, "strict").by_label()
    assert views["PER"].gold == Counter({"INC": 1}) and views["ORG"].pred == Counter({"INC": 1})
