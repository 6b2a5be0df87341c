"""The array matcher against the sort-and-sweep one: same alignments and outcome cells, whole
documents, every scheme; its outcome tables and its fallbacks by hand."""

from __future__ import annotations

import random
from collections import Counter

import pytest
from scoring_helpers import sp

from newsgold.scoring import arrays
from newsgold.scoring.arrays import match_all_arrays, outcome_table, parts
from newsgold.scoring.counts import LayerCounts, SchemeCounts
from newsgold.scoring.layers import TALLIES, Context, Tokens, count_layer, spans
from newsgold.scoring.matching import (
    ARRAY_MIN_SPANS,
    COR,
    INC,
    PAR,
    SCHEMES,
    Scheme,
    Span,
    Tier,
    match_all,
    reference_match_all,
)

LABELS = ("PER", "ORG", "LOC")
# Schemes beyond the four, so that a tier list with no catch-all overlap tier (an isolated pair
# left unjoined) and one starting from a label-only overlap are covered too.
CUSTOM = (
    Scheme("offsets", (Tier(True, False, COR),)),
    Scheme("labelled-overlap", (Tier(False, True, COR),)),
    Scheme("exact-then-labelled", (Tier(True, True, COR), Tier(False, True, PAR)), 0.5),
)
ALL = (*SCHEMES.values(), *CUSTOM)


def _document(rng: random.Random) -> tuple[list[Span], list[Span]]:
    """Gold and predicted spans mixing every situation: lone spans, identical copies (some
    relabelled), duplicates with tie-break keys, shifted copies, spans nested in or covering
    others, and spans reaching over two of the other side."""
    size = rng.choice((30, 120, 600, 3000))
    n = rng.choice((0, 1, 3, 8, 20, 60, 150))
    gold: list[Span] = []
    for _ in range(n):
        start = rng.randrange(size)
        gold.append(Span(start, start + rng.randint(1, 12), rng.choice(LABELS)))
    pred: list[Span] = []
    for g in gold:
        roll = rng.random()
        if roll < 0.1:
            continue
        if roll < 0.5:
            pred.append(g)
        elif roll < 0.6:
            pred.append(Span(g.start, g.end, rng.choice(LABELS)))
        elif roll < 0.75:
            delta = rng.choice((-2, -1, 1, 2))
            start, end = g.start + delta * (rng.random() < 0.5), g.end + delta
            if start < end:
                pred.append(Span(start, end, g.label))
        elif roll < 0.85:  # nested inside, or around
            if g.end - g.start > 2:
                pred.append(Span(g.start + 1, g.end - 1, g.label))
            else:
                pred.append(Span(max(0, g.start - 5), g.end + 5, g.label))
        else:  # reaching far: over its neighbours too
            pred.append(Span(g.start, g.end + rng.randint(5, 40), rng.choice(LABELS)))
        if pred and rng.random() < 0.1:  # a duplicate, told apart by its key
            pred.append(Span(*pred[-1][:3], rng.choice(("", "a", "b"))))
    for _ in range(rng.randint(0, max(1, n // 5))):  # spurious
        start = rng.randrange(size)
        pred.append(Span(start, start + rng.randint(1, 8), rng.choice(LABELS)))
    if rng.random() < 0.2 and gold:  # gold duplicates and gold nesting
        g = rng.choice(gold)
        gold.append(Span(g.start, g.end, g.label, "k"))
        gold.append(Span(g.start, g.end + 3, g.label))
    rng.shuffle(gold)
    rng.shuffle(pred)
    return gold, pred


def test_same_alignments_and_cells_as_the_sweep_on_thousands_of_random_documents() -> None:
    rng = random.Random(2026)
    seen: Counter[str] = Counter()
    for _ in range(2000):
        gold, pred = _document(rng)
        expected = reference_match_all(gold, pred, ALL)
        assert match_all(gold, pred, ALL) == expected, (gold, pred)
        found = parts(gold, pred, ALL) if gold and pred else None
        if found is None:  # a side empty: only the sweep is defined
            continue
        seen["arrays path"] += len(gold) + len(pred) >= ARRAY_MIN_SPANS
        seen["isolated pairs"] += bool(found.pairs[0])
        seen["clusters"] += bool(found.clusters[0] or found.clusters[1])
        for scheme in ALL:  # tiny documents too, which match_all leaves to the sweep
            assert found.alignment(scheme) == expected[scheme.name], (gold, pred, scheme)
            cells = SchemeCounts(scheme.name)
            cells.add_alignment(expected[scheme.name], gold, pred)
            assert found.cells(scheme) == cells.cells, (gold, pred, scheme)
    # Every path taken many times.
    assert min(seen.values()) > 500, seen


def test_outcome_tables_by_hand() -> None:
    # Indexed by 2 * (same offsets) + (same label): other offsets and label, other offsets and
    # same label, same offsets and other label, identical.
    assert outcome_table(SCHEMES["strict"]) == (INC, INC, INC, COR)
    assert outcome_table(SCHEMES["exact"]) == (INC, INC, COR, COR)
    assert outcome_table(SCHEMES["partial"]) == (PAR, PAR, COR, COR)
    assert outcome_table(SCHEMES["type"]) == (INC, COR, INC, COR)
    assert outcome_table(CUSTOM[0]) == (None, None, COR, COR)
    assert outcome_table(CUSTOM[1]) == (None, COR, None, COR)


def _spans(n: int, shift: int = 0, label: str = "PER") -> list[Span]:
    return [sp(10 * i + shift, 10 * i + 5, label) for i in range(n)]


def test_isolated_pairs_and_lone_spans_by_hand() -> None:
    # 20 gold spans i*10 : i*10+5 PER. Predicted: the first five identical; the next five
    # identical but ORG; the next five starting one later (overlap, PER); then five lone spans
    # far away. Gold 15-19 have nothing.
    gold = _spans(20)
    pred = (
        _spans(5)
        + [sp(s.start, s.end, "ORG") for s in gold[5:10]]
        + [sp(s.start + 1, s.end) for s in gold[10:15]]
        + [sp(1000 + 10 * i, 1003 + 10 * i) for i in range(5)]
    )
    found = match_all_arrays(gold, pred, list(SCHEMES.values()))
    assert found is not None
    first, second, third = range(5), range(5, 10), range(10, 15)
    assert found["strict"].pairs == [
        *((i, i, COR) for i in first),
        *((i, i, INC) for i in second),
        *((i, i, INC) for i in third),
    ]
    assert [o for *_, o in found["exact"].pairs] == [COR] * 10 + [INC] * 5
    assert [o for *_, o in found["partial"].pairs] == [COR] * 10 + [PAR] * 5
    assert [o for *_, o in found["type"].pairs] == [COR] * 5 + [INC] * 5 + [COR] * 5
    for al in found.values():
        assert al.missed == [15, 16, 17, 18, 19]
        assert al.spurious == [15, 16, 17, 18, 19]


def test_span_around_a_shorter_one_goes_to_the_sweep() -> None:
    # Gold 0:100 ORG and 5:6 PER, then 22 lone gold spans; predicted 50:60 ORG overlaps only
    # 0:100, but 5:6 is the last gold span starting before 60, so the rank test cannot name
    # the partner: the pair is left to the sweep, which pairs them. strict and exact: INC
    # (other offsets), partial: PAR, type: COR (same label).
    gold = [sp(0, 100, "ORG"), sp(5, 6, "PER")] + [
        sp(200 + 10 * i, 205 + 10 * i) for i in range(22)
    ]
    pred = [sp(50, 60, "ORG")]
    split = parts(gold, pred, list(SCHEMES.values()))
    assert split is not None
    assert split.clusters == ([0], [0]) and split.pairs == ([], [])
    found = match_all_arrays(gold, pred, list(SCHEMES.values()))
    assert found is not None
    assert {name: al.pairs for name, al in found.items()} == {
        "strict": [(0, 0, INC)],
        "exact": [(0, 0, INC)],
        "partial": [(0, 0, PAR)],
        "type": [(0, 0, COR)],
    }
    assert found["type"].missed == list(range(1, 24))


@pytest.mark.parametrize(
    ("bad", "missed"),
    [
        (sp(7, 7), [15]),  # empty: overlaps nothing
        (sp(2**63, 2**64), [15]),  # beyond 64 bits, far away: overlaps nothing
        # Reversed: the sweep, taking spans by end, meets 9:4 first and pairs it with the
        # predicted 1:5 that starts before its "end", leaving gold 0:5 missed, as it always did.
        (sp(9, 4), [0]),
    ],
)
def test_empty_reversed_or_huge_span_falls_back_to_the_sweep(bad: Span, missed: list[int]) -> None:
    # Counting overlaps by ranks needs start < end, and numpy 64-bit offsets; the sweep takes
    # any span. Gold: 15 spans 10i:10i+5, then the bad one (index 15); predicted 10i+1:10i+5.
    gold = _spans(15) + [bad]
    pred = _spans(15, shift=1)
    assert match_all_arrays(gold, pred, list(SCHEMES.values())) is None
    found = match_all(gold, pred)
    assert found == reference_match_all(gold, pred)
    assert len(found["partial"].pairs) == 15
    assert found["partial"].missed == missed


def test_small_documents_skip_numpy_large_ones_use_it(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    real = arrays.parts

    def counting(gold: list[Span], pred: list[Span], schemes: list[Scheme]) -> object:
        calls.append(len(gold) + len(pred))
        return real(gold, pred, schemes)

    monkeypatch.setattr(arrays, "parts", counting)
    half = ARRAY_MIN_SPANS // 2
    small = (_spans(half - 1), _spans(half - 1, shift=1))  # one span short of the threshold
    large = (_spans(half), _spans(half, shift=1))
    assert match_all(*small) == reference_match_all(*small)
    assert calls == []
    assert match_all(*large) == reference_match_all(*large)
    assert calls == [2 * half]


def test_count_layer_counts_as_the_sweep_does() -> None:
    # count_layer takes the cells of the four schemes from one split and the attribute tallies
    # from its partial alignment; the oracle counts every sweep alignment span by span.
    rng = random.Random(14)
    context = Context(Tokens(""), 0.0)
    for _ in range(500):
        gold, pred = _document(rng)
        items = [
            [{"start": s.start, "end": s.end, "type": s.label, "value": s.key} for s in side]
            for side in (gold, pred)
        ]
        expected = LayerCounts("dates")
        g, p = spans("dates", items[0]), spans("dates", items[1])
        alignments = reference_match_all(g, p)
        for name, al in alignments.items():
            expected.schemes[name].add_alignment(al, g, p)
        expected.tallies = TALLIES["dates"](*items, alignments["partial"], context)
        assert count_layer("dates", *items, context) == expected


def test_a_scheme_not_swept_ahead_is_swept_when_asked() -> None:
    # parts() sweeps the clusters under the schemes it is given; another scheme asked of the
    # split later gets its clusters swept then, not dropped.
    rng = random.Random(8)
    asked = 0
    while asked < 20:
        gold, pred = _document(rng)
        found = parts(gold, pred, [SCHEMES["strict"]]) if gold and pred else None
        if found is None or not found.clusters[0]:
            continue
        asked += 1
        for scheme in ALL:
            assert found.alignment(scheme) == reference_match_all(gold, pred, [scheme])[scheme.name]
