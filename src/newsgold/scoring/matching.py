"""One-to-one span matching for the four SemEval-2013 schemes, by sorting and sweeping."""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

COR, INC, PAR, MIS, SPU = "COR", "INC", "PAR", "MIS", "SPU"
OUTCOMES = (COR, INC, PAR, MIS, SPU)


class Span(NamedTuple):
    """A span to match: offsets (end exclusive), its label, and a key that breaks the last ties.

    A tuple, so spans sort by (start, end, label, key) in C: sorting is most of matching's work.
    """

    start: int
    end: int
    label: str
    key: str = ""  # canonical JSON of the span's other fields, so ties never depend on list order


@dataclass(frozen=True)
class Tier:
    """One round of matching: which pairs it may join and what a joined pair counts as."""

    same_offsets: bool  # True: identical offsets only; False: any overlap of at least one character
    same_label: bool
    outcome: str


@dataclass(frozen=True)
class Scheme:
    """A SemEval-2013 scheme: tiers tried in order, and the credit a partial match earns."""

    name: str
    tiers: tuple[Tier, ...]
    partial_credit: float = 0.0


SCHEMES: dict[str, Scheme] = {
    "strict": Scheme("strict", (Tier(True, True, COR), Tier(False, False, INC))),
    "exact": Scheme(
        "exact", (Tier(True, True, COR), Tier(True, False, COR), Tier(False, False, INC))
    ),
    "partial": Scheme(
        "partial", (Tier(True, True, COR), Tier(True, False, COR), Tier(False, False, PAR)), 0.5
    ),
    "type": Scheme("type", (Tier(False, True, COR), Tier(False, False, INC))),
}


@dataclass
class Alignment:
    """The outcome of matching: (gold index, predicted index, outcome) pairs and the leftovers."""

    pairs: list[tuple[int, int, str]] = field(default_factory=list)
    missed: list[int] = field(default_factory=list)
    spurious: list[int] = field(default_factory=list)


def _order(spans: Sequence[Span], indices: Iterable[int]) -> list[int]:
    """Indices sorted by (span, index): a stable sort by span of the sorted indices."""
    return sorted(sorted(indices), key=spans.__getitem__)


def _identical(
    gold: Sequence[Span], pred: Sequence[Span], free: tuple[set[int], set[int]], same_label: bool
) -> list[tuple[int, int]]:
    """Pair spans with identical offsets (and label), in sorted order inside each group."""
    groups: dict[tuple[int, int, str], tuple[list[int], list[int]]] = defaultdict(lambda: ([], []))
    for side, spans in enumerate((gold, pred)):
        for i in _order(spans, free[side]):
            s = spans[i]
            groups[(s.start, s.end, s.label if same_label else "")][side].append(i)
    return [pair for g, p in groups.values() for pair in zip(g, p, strict=False)]


def _overlapping(
    gold: Sequence[Span], pred: Sequence[Span], free: tuple[set[int], set[int]]
) -> list[tuple[int, int]]:
    """A maximum one-to-one matching of overlapping spans: earliest end first, O(n log n).

    The free span x ending first is matched to the free span y of the other side that overlaps it
    and ends first. An exchange argument shows some maximum matching contains (x, y): any
    partners x', y' they had in it overlap each other as well.
    """
    spans = (gold, pred)
    by_start = [_order(gold, free[0]), _order(pred, free[1])]  # Span sorts by start first
    order = sorted(
        (spans[side][i].end, side, spans[side][i], i) for side in (0, 1) for i in free[side]
    )
    heaps: tuple[list[tuple[int, int, str, str, int]], ...] = ([], [])
    cursor = [0, 0]
    done: tuple[set[int], set[int]] = (set(), set())
    pairs: list[tuple[int, int]] = []
    for end, side, _, i in order:
        if i in done[side]:
            continue
        done[side].add(i)
        other = 1 - side
        waiting, heap = by_start[other], heaps[other]
        # Every other-side span starting before x ends becomes a candidate, keyed by its end.
        while cursor[other] < len(waiting) and spans[other][waiting[cursor[other]]].start < end:
            j = waiting[cursor[other]]
            s = spans[other][j]
            heapq.heappush(heap, (s.end, s.start, s.label, s.key, j))
            cursor[other] += 1
        while heap and heap[0][-1] in done[other]:
            heapq.heappop(heap)
        if heap:  # a candidate still free ends no earlier than x, so it overlaps x
            j = heapq.heappop(heap)[-1]
            done[other].add(j)
            pairs.append((i, j) if side == 0 else (j, i))
    return pairs


Free = tuple[set[int], set[int]]


def _tier(
    gold: Sequence[Span], pred: Sequence[Span], tier: Tier, free: Free
) -> list[tuple[int, int]]:
    """The pairs one tier joins among the spans still free."""
    if tier.same_offsets:
        return _identical(gold, pred, free, tier.same_label)
    if not tier.same_label:
        return _overlapping(gold, pred, free)
    by_label: dict[str, Free] = defaultdict(lambda: (set(), set()))
    for side, spans in enumerate((gold, pred)):
        for i in free[side]:
            by_label[spans[i].label][side].add(i)
    return [
        pair for label in sorted(by_label) for pair in _overlapping(gold, pred, by_label[label])
    ]


def match_all(
    gold: Sequence[Span], pred: Sequence[Span], schemes: Iterable[str | Scheme] = SCHEMES
) -> dict[str, Alignment]:
    """Match under several schemes at once; schemes starting with the same tiers share their work.

    Strict, exact and partial all begin by pairing identical offsets and labels, and exact and
    partial differ only in what their last tier's pairs count as, so the four schemes need six
    tier runs instead of ten.
    """
    start: Free = (set(range(len(gold))), set(range(len(pred))))
    done: dict[tuple[tuple[bool, bool], ...], tuple[Free, list[list[tuple[int, int]]]]] = {
        (): (start, [])
    }
    out: dict[str, Alignment] = {}
    for wanted in schemes:
        chosen = SCHEMES[wanted] if isinstance(wanted, str) else wanted
        prefix: tuple[tuple[bool, bool], ...] = ()
        for tier in chosen.tiers:
            before = done[prefix]
            prefix += ((tier.same_offsets, tier.same_label),)
            if prefix not in done:
                free = (set(before[0][0]), set(before[0][1]))
                found = _tier(gold, pred, tier, free)
                for g, p in found:
                    free[0].discard(g)
                    free[1].discard(p)
                done[prefix] = (free, [*before[1], found])
        free, rounds = done[prefix]
        result = Alignment()
        result.pairs = sorted(
            (g, p, tier.outcome)
            for tier, found in zip(chosen.tiers, rounds, strict=True)
            for g, p in found
        )
        result.missed = sorted(free[0])
        result.spurious = sorted(free[1])
        out[chosen.name] = result
    return out


def match(gold: Sequence[Span], pred: Sequence[Span], scheme: str | Scheme) -> Alignment:
    """Match predicted to gold spans one-to-one under a scheme; independent of input order."""
    return next(iter(match_all(gold, pred, [scheme]).values()))
