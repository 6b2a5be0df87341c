"""One-to-one span matching for the four SemEval-2013 schemes.

``match_all`` hands documents of ``ARRAY_MIN_SPANS`` spans or more to ``newsgold.scoring.arrays``
(numpy, imported then), which settles lone spans and isolated overlapping pairs at once and
leaves only clusters, where a span overlaps two or more, to the sort-and-sweep matcher here
(``reference_match_all``). Both give the same alignments; see docs/scaling.md, "The span matcher over sorted arrays".
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from newsgold.scoring.arrays import Parts

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


Free = tuple[set[int], set[int]]
Ends = list[tuple[int, int, Span, int]]  # (end, side, span, index), sorted


@dataclass
class _Orders:
    """One document's spans sorted once: every tier filters these instead of sorting again.

    A subset of a sorted list, filtered in order, is that subset sorted.
    """

    spans: tuple[Sequence[Span], Sequence[Span]]
    by_span: tuple[list[int], list[int]]  # indices of each side by (span, index)
    by_end: Ends  # both sides by (end, side, span, index)

    @classmethod
    def of(cls, gold: Sequence[Span], pred: Sequence[Span]) -> _Orders:
        """Sort both sides (a stable sort by span keeps equal spans in index order)."""
        by_span = (
            sorted(range(len(gold)), key=gold.__getitem__),
            sorted(range(len(pred)), key=pred.__getitem__),
        )
        by_end = sorted(
            [(s.end, 0, s, i) for i, s in enumerate(gold)]
            + [(s.end, 1, s, i) for i, s in enumerate(pred)]
        )
        return cls((gold, pred), by_span, by_end)

    def free(self, free: Free) -> tuple[tuple[list[int], list[int]], Ends]:
        """The free spans of each side by span, and of both by end."""
        return (
            (
                [i for i in self.by_span[0] if i in free[0]],
                [i for i in self.by_span[1] if i in free[1]],
            ),
            [t for t in self.by_end if t[3] in free[t[1]]],
        )

    def free_by_label(self, free: Free) -> dict[str, tuple[tuple[list[int], list[int]], Ends]]:
        """The same, per label."""
        out: dict[str, tuple[tuple[list[int], list[int]], Ends]] = defaultdict(
            lambda: (([], []), [])
        )
        for side in (0, 1):
            spans = self.spans[side]
            for i in self.by_span[side]:
                if i in free[side]:
                    out[spans[i][2]][0][side].append(i)
        for t in self.by_end:
            if t[3] in free[t[1]]:
                out[t[2][2]][1].append(t)
        return out


def _identical(orders: _Orders, free: Free, same_label: bool) -> list[tuple[int, int]]:
    """Pair spans with identical offsets (and label): the k-th free gold span of a group, in
    sorted order, with the k-th predicted one."""
    width = 3 if same_label else 2  # a span's (start, end, label) or (start, end) prefix
    gold, pred = orders.spans
    groups: dict[tuple[int | str, ...], list[int]] = {}
    for i in orders.by_span[0]:
        if i in free[0]:
            members = groups.get(gold[i][:width])
            if members is None:
                groups[gold[i][:width]] = [i]
            else:
                members.append(i)
    pairs = []
    for j in orders.by_span[1]:
        if j in free[1]:
            members = groups.get(pred[j][:width])
            if members:
                pairs.append((members.pop(0), j))
    return pairs


def _overlapping(
    spans: tuple[Sequence[Span], Sequence[Span]], by_start: tuple[list[int], list[int]], order: Ends
) -> list[tuple[int, int]]:
    """A maximum one-to-one matching of overlapping spans: earliest end first, O(n log n).

    The free span x ending first is matched to the free span y of the other side that overlaps it
    and ends first. An exchange argument shows some maximum matching contains (x, y): any
    partners x', y' they had in it overlap each other as well. ``by_start`` holds the candidates
    of each side sorted by span (start first), ``order`` all of them by end.
    """
    heaps: tuple[list[tuple[int, int, str, str, int]], ...] = ([], [])
    cursor = [0, 0]
    done: tuple[set[int], set[int]] = (set(), set())
    pairs: list[tuple[int, int]] = []
    for end, side, _, i in order:
        if i in done[side]:
            continue
        done[side].add(i)
        other = 1 - side
        waiting, heap, theirs = by_start[other], heaps[other], spans[other]
        # Every other-side span starting before x ends becomes a candidate, keyed by its end.
        # (Spans are indexed, not read by name: a NamedTuple's names are slower properties.)
        while cursor[other] < len(waiting) and theirs[waiting[cursor[other]]][0] < end:
            j = waiting[cursor[other]]
            start, stop, label, key = theirs[j]
            heapq.heappush(heap, (stop, start, label, key, j))
            cursor[other] += 1
        while heap and heap[0][-1] in done[other]:
            heapq.heappop(heap)
        if heap:  # a candidate still free ends no earlier than x, so it overlaps x
            j = heapq.heappop(heap)[-1]
            done[other].add(j)
            pairs.append((i, j) if side == 0 else (j, i))
    return pairs


def _tier(orders: _Orders, tier: Tier, free: Free) -> list[tuple[int, int]]:
    """The pairs one tier joins among the spans still free."""
    if tier.same_offsets:
        return _identical(orders, free, tier.same_label)
    if not tier.same_label:
        return _overlapping(orders.spans, *orders.free(free))
    by_label = orders.free_by_label(free)
    return [
        pair for label in sorted(by_label) for pair in _overlapping(orders.spans, *by_label[label])
    ]


# Gold + predicted spans from which the array matcher is faster, numpy once imported: measured
# 1.1x at 4 spans, 1.4x at 8, 2x at 20, 3.4x at 80 (docs/scaling.md). Below it, the sweep.
ARRAY_MIN_SPANS = 8


def match_all(
    gold: Sequence[Span], pred: Sequence[Span], schemes: Iterable[str | Scheme] = SCHEMES
) -> dict[str, Alignment]:
    """Match under several schemes at once: the alignment of each, by scheme name."""
    chosen = [SCHEMES[s] if isinstance(s, str) else s for s in schemes]
    found = split(gold, pred, chosen)
    if found is None:
        return reference_match_all(gold, pred, chosen)
    return {scheme.name: found.alignment(scheme) for scheme in chosen}


def split(
    gold: Sequence[Span], pred: Sequence[Span], schemes: Sequence[Scheme] = tuple(SCHEMES.values())
) -> Parts | None:
    """The array matcher's split of a document (its clusters swept under ``schemes``), from
    which any of those schemes' alignment and cells follow; None where the sweep alone is to be
    used: a side empty, fewer than ``ARRAY_MIN_SPANS`` spans, or spans numpy cannot rank."""
    if not gold or not pred or len(gold) + len(pred) < ARRAY_MIN_SPANS:
        return None
    from newsgold.scoring.arrays import parts  # numpy: only for larger documents

    return parts(gold, pred, schemes)


def reference_match_all(
    gold: Sequence[Span], pred: Sequence[Span], schemes: Iterable[str | Scheme] = SCHEMES
) -> dict[str, Alignment]:
    """Match under several schemes at once; schemes starting with the same tiers share their work.

    The sort-and-sweep matcher: ``match_all`` uses it for small documents and for the clusters
    of larger ones, and the tests compare the two on whole documents.

    Strict, exact and partial all begin by pairing identical offsets and labels, and exact and
    partial differ only in what their last tier's pairs count as, so the four schemes need six
    tier runs instead of ten.
    """
    orders = _Orders.of(gold, pred)
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
                found = _tier(orders, tier, free)
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
