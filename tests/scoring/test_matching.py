"""The matcher: hand-computed counts of every scheme, order independence, maximum matchings."""

from __future__ import annotations

import random
from collections import Counter

import pytest
from scoring_helpers import random_spans, sp

from newsgold.scoring.counts import SchemeCounts
from newsgold.scoring.matching import COR, INC, MIS, PAR, SCHEMES, SPU, Span, match, match_all


def counts(gold: list[Span], pred: list[Span], scheme: str) -> dict[str, int]:
    al = match(gold, pred, scheme)
    tally = Counter(outcome for _, _, outcome in al.pairs)
    return {
        "COR": tally[COR],
        "INC": tally[INC],
        "PAR": tally[PAR],
        "MIS": len(al.missed),
        "SPU": len(al.spurious),
    }


def cells(gold: list[Span], pred: list[Span], scheme: str) -> SchemeCounts:
    al = match(gold, pred, scheme)
    out = SchemeCounts(scheme)
    out.add_alignment(al, gold, pred)
    return out


# Case A: one of each situation.
#   g1 0:5 PER   p1 0:5 PER    identical
#   g2 10:20 ORG p2 10:20 LOC  same offsets, other label
#   g3 30:35 LOC p3 31:35 LOC  overlap, same label
#   g4 40:45 PER p4 42:48 ORG  overlap, other label
#   g5 50:60 ORG               missed
#                p5 70:75 PER  spurious
GOLD_A = [
    sp(0, 5, "PER"),
    sp(10, 20, "ORG"),
    sp(30, 35, "LOC"),
    sp(40, 45, "PER"),
    sp(50, 60, "ORG"),
]
PRED_A = [
    sp(0, 5, "PER"),
    sp(10, 20, "LOC"),
    sp(31, 35, "LOC"),
    sp(42, 48, "ORG"),
    sp(70, 75, "PER"),
]


@pytest.mark.parametrize(
    ("scheme", "expected", "precision"),
    [
        # strict: only g1-p1 is correct; p2, p3, p4 overlap a gold span wrongly -> INC.
        ("strict", {"COR": 1, "INC": 3, "PAR": 0, "MIS": 1, "SPU": 1}, 1 / 5),
        # exact: offsets decide; g2-p2 becomes correct, g3-p3 and g4-p4 stay INC.
        ("exact", {"COR": 2, "INC": 2, "PAR": 0, "MIS": 1, "SPU": 1}, 2 / 5),
        # partial: same pairs as exact, the overlaps are PAR worth a half: (2 + 0.5 * 2) / 5.
        ("partial", {"COR": 2, "INC": 0, "PAR": 2, "MIS": 1, "SPU": 1}, 3 / 5),
        # type: overlap with the right label is enough: g1-p1 and g3-p3 correct, g2-p2, g4-p4 INC.
        ("type", {"COR": 2, "INC": 2, "PAR": 0, "MIS": 1, "SPU": 1}, 2 / 5),
    ],
)
def test_case_a_counts_and_scores(scheme: str, expected: dict[str, int], precision: float) -> None:
    assert counts(GOLD_A, PRED_A, scheme) == expected
    s = cells(GOLD_A, PRED_A, scheme).scores()
    # POS = ACT = 5 here, so precision = recall = F1.
    assert s.precision == pytest.approx(precision)
    assert s.recall == pytest.approx(precision)
    assert s.f1 == pytest.approx(precision)


def test_case_a_per_type_strict_adds_up() -> None:
    by = cells(GOLD_A, PRED_A, "strict").by_label()
    # Gold view: PER g1 COR, g4 INC; ORG g2 INC, g5 MIS; LOC g3 INC.
    assert dict(by["PER"].gold) == {COR: 1, INC: 1}
    assert dict(by["ORG"].gold) == {INC: 1, MIS: 1}
    assert dict(by["LOC"].gold) == {INC: 1}
    # Prediction view: PER p1 COR, p5 SPU; LOC p2, p3 INC; ORG p4 INC.
    assert dict(by["PER"].pred) == {COR: 1, SPU: 1}
    assert dict(by["LOC"].pred) == {INC: 2}
    assert dict(by["ORG"].pred) == {INC: 1}
    # P_PER = 1/2 (p1 of p1, p5), R_PER = 1/2 (g1 of g1, g4); LOC and ORG have nothing correct.
    assert by["PER"].scores.precision == 0.5 and by["PER"].scores.recall == 0.5
    assert by["LOC"].scores.precision == 0.0 and by["LOC"].scores.recall == 0.0
    # Macro F1 = (0.5 + 0 + 0) / 3.
    assert cells(GOLD_A, PRED_A, "strict").macro()["f1"] == pytest.approx(1 / 6)


def test_case_a_per_type_type_scheme() -> None:
    by = cells(GOLD_A, PRED_A, "type").by_label()
    # LOC: p3 is correct for g3 (overlap, same label); p2 (LOC on ORG g2) is INC in the LOC view.
    assert by["LOC"].scores.precision == 0.5  # p3 of p2, p3
    assert by["LOC"].scores.recall == 1.0  # g3 of g3


@pytest.mark.parametrize("scheme", list(SCHEMES))
def test_per_type_views_sum_to_overall(scheme: str) -> None:
    rng = random.Random(7)
    for _ in range(50):
        gold, pred = random_spans(rng, 12), random_spans(rng, 12)
        c = cells(gold, pred, scheme)
        overall = c.overall()
        views = c.by_label().values()
        assert sum(v.gold[COR] for v in views) == overall.cor == sum(v.pred[COR] for v in views)
        assert sum(v.gold[INC] for v in views) == overall.inc == sum(v.pred[INC] for v in views)
        assert sum(v.gold[PAR] for v in views) == overall.par == sum(v.pred[PAR] for v in views)
        assert sum(v.gold[MIS] for v in views) == overall.mis
        assert sum(v.pred[SPU] for v in views) == overall.spu
        assert sum(v.scores.possible for v in views) == len(gold)
        assert sum(v.scores.actual for v in views) == len(pred)


def test_prediction_overlapping_two_gold_spans_counts_once() -> None:
    # g1 0:5, g2 6:10; p1 3:8 overlaps both, p2 0:5 is identical to g1. nervaluate, in this
    # list order, makes p1 INC against g1 and then p2 spurious. Here p2-g1 is correct and p1 takes
    # the one gold span left: COR 1, INC 1, nothing missed or spurious, whatever the order.
    gold = [sp(0, 5), sp(6, 10)]
    for pred in ([sp(3, 8), sp(0, 5)], [sp(0, 5), sp(3, 8)]):
        assert counts(gold, pred, "strict") == {"COR": 1, "INC": 1, "PAR": 0, "MIS": 0, "SPU": 0}
        # partial: (1 + 0.5) / 2 for both precision and recall.
        assert cells(gold, pred, "partial").scores().f1 == pytest.approx(0.75)
        # type: p2-g1 and p1-g2 both overlap with the right label.
        assert counts(gold, pred, "type")["COR"] == 2


def test_overlap_tier_is_a_maximum_matching() -> None:
    # g1 0:10, g2 10:20; p1 5:15 overlaps both by 5, p2 0:4 only g1. Matching by largest overlap
    # could pair p1-g1 and leave g2, p2 alone; the maximum matching is p2-g1, p1-g2.
    gold = [sp(0, 10), sp(10, 20)]
    pred = [sp(5, 15), sp(0, 4)]
    assert counts(gold, pred, "type") == {"COR": 2, "INC": 0, "PAR": 0, "MIS": 0, "SPU": 0}
    assert counts(gold, pred, "partial") == {"COR": 0, "INC": 0, "PAR": 2, "MIS": 0, "SPU": 0}


def test_partial_prefers_identical_offsets_type_prefers_more_matches() -> None:
    # Overlapping gold g 0:10 and g' 8:20 (claims may nest); p 0:10 and p2 0:3.
    # partial: g-p identical (COR); g' and p2 do not overlap: MIS 1, SPU 1.
    # type: maximum matching p2-g, p-g' gives two correct.
    gold = [sp(0, 10), sp(8, 20)]
    pred = [sp(0, 10), sp(0, 3)]
    assert counts(gold, pred, "partial") == {"COR": 1, "INC": 0, "PAR": 0, "MIS": 1, "SPU": 1}
    assert counts(gold, pred, "type") == {"COR": 2, "INC": 0, "PAR": 0, "MIS": 0, "SPU": 0}


def test_duplicate_predictions_match_once() -> None:
    gold = [sp(0, 5)]
    pred = [sp(0, 5), sp(0, 5), sp(0, 5)]
    for scheme in SCHEMES:
        assert counts(gold, pred, scheme) == {"COR": 1, "INC": 0, "PAR": 0, "MIS": 0, "SPU": 2}


def test_touching_spans_do_not_overlap() -> None:
    # End exclusive: 0:5 and 5:9 share no character.
    assert counts([sp(0, 5)], [sp(5, 9)], "partial") == {
        "COR": 0,
        "INC": 0,
        "PAR": 0,
        "MIS": 1,
        "SPU": 1,
    }


@pytest.mark.parametrize("scheme", list(SCHEMES))
def test_independent_of_input_order(scheme: str) -> None:
    rng = random.Random(11)
    for _ in range(100):
        gold, pred = random_spans(rng, 15, size=80), random_spans(rng, 15, size=80)
        al = match(gold, pred, scheme)
        reference = sorted((gold[g], pred[p], o) for g, p, o in al.pairs)
        for _ in range(3):
            g2, p2 = gold[:], pred[:]
            rng.shuffle(g2)
            rng.shuffle(p2)
            al2 = match(g2, p2, scheme)
            assert sorted((g2[g], p2[p], o) for g, p, o in al2.pairs) == reference
            assert sorted(g2[i] for i in al2.missed) == sorted(gold[i] for i in al.missed)


def _maximum_matching(gold: list[Span], pred: list[Span]) -> int:
    """Brute-force size of a maximum matching of overlapping spans (augmenting paths)."""
    partner: dict[int, int] = {}

    def augment(g: int, seen: set[int]) -> bool:
        for p, s in enumerate(pred):
            if p not in seen and gold[g].start < s.end and s.start < gold[g].end:
                seen.add(p)
                if p not in partner or augment(partner[p], seen):
                    partner[p] = g
                    return True
        return False

    return sum(augment(g, set()) for g in range(len(gold)))


def test_overlap_matching_size_equals_brute_force_maximum() -> None:
    rng = random.Random(3)
    for _ in range(300):
        gold, pred = (
            random_spans(rng, rng.randint(0, 10), 60),
            random_spans(rng, rng.randint(0, 10), 60),
        )
        one_label = (
            [Span(s.start, s.end, "X") for s in gold],
            [Span(s.start, s.end, "X") for s in pred],
        )
        # The type scheme's correct pairs are a maximum matching of same-label overlaps.
        assert counts(*one_label, "type")["COR"] == _maximum_matching(*one_label)
        for label in ("PER", "ORG", "LOC"):
            g = [s for s in gold if s.label == label]
            p = [s for s in pred if s.label == label]
            assert counts(g, p, "type")["COR"] == _maximum_matching(g, p)


def test_strict_correct_is_every_identical_pair() -> None:
    rng = random.Random(5)
    for _ in range(200):
        gold, pred = random_spans(rng, 10, 30), random_spans(rng, 10, 30)
        g, p = Counter(gold), Counter(pred)
        assert counts(gold, pred, "strict")["COR"] == sum(min(n, p[s]) for s, n in g.items())


def test_many_spans_in_one_document() -> None:
    # 20,000 spans a side: a quadratic matcher would need 4e8 comparisons; this one is O(n log n).
    gold = [sp(10 * i, 10 * i + 5) for i in range(20000)]
    pred = [sp(10 * i + 1, 10 * i + 6) for i in range(20000)]
    assert counts(gold, pred, "partial") == {"COR": 0, "INC": 0, "PAR": 20000, "MIS": 0, "SPU": 0}


def test_match_all_shares_tiers_without_changing_any_scheme() -> None:
    # match_all reuses the tiers schemes share (strict/exact/partial start alike); each scheme's
    # alignment must be what matching under that scheme alone gives.
    rng = random.Random(17)
    for _ in range(300):
        gold = random_spans(rng, rng.randint(0, 12), 60)
        pred = random_spans(rng, rng.randint(0, 12), 60)
        together = match_all(gold, pred)
        assert list(together) == list(SCHEMES)
        for scheme in SCHEMES:
            alone = match(gold, pred, scheme)
            assert together[scheme] == alone, scheme


def test_match_all_pairs_by_hand() -> None:
    # gold 0:5 PER, 10:15 ORG; predicted 0:5 ORG (same offsets, other label), 11:15 ORG (overlap).
    gold, pred = [sp(0, 5, "PER"), sp(10, 15, "ORG")], [sp(0, 5, "ORG"), sp(11, 15, "ORG")]
    found = match_all(gold, pred)
    assert found["strict"].pairs == [(0, 0, INC), (1, 1, INC)]
    assert found["exact"].pairs == [(0, 0, COR), (1, 1, INC)]
    assert found["partial"].pairs == [(0, 0, COR), (1, 1, PAR)]
    assert found["type"].pairs == [(0, 0, INC), (1, 1, COR)]
