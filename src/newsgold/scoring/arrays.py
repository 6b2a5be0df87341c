"""Span matching over sorted integer arrays: the common cases in numpy, clusters by the sweep.

Two spans can only ever be paired, under any tier of any scheme, if they overlap. So the spans
of a document split into the connected parts of the gold-predicted overlap graph, and every
scheme matches each part on its own (see ``docs/scaling.md``). Three kinds of parts cover news:

- a span overlapping nothing of the other side: missed or spurious under every scheme;
- an isolated pair, a gold and a predicted span overlapping each other and nothing else: its
  outcome under a scheme is that of the first tier it qualifies for (identical offsets? same
  label?), read from a four-entry table per scheme;
- a cluster, where some span overlaps two or more: matched by the sweep of ``matching``, given
  only the clusters' spans.

Overlap degrees come from two binary searches per span: with nonempty spans, a gold span g
overlaps p iff g.start < p.end and not g.end <= p.start, and every gold span ending by p.start
also starts before p.end, so the count is a difference of two ranks.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import chain
from operator import add, eq, itemgetter
from typing import cast

import numpy as np

from newsgold.scoring.counts import NONE
from newsgold.scoring.matching import (
    MIS,
    SCHEMES,
    SPU,
    Alignment,
    Scheme,
    Span,
    reference_match_all,
)

Table = tuple[str | None, str | None, str | None, str | None]


def outcome_table(scheme: Scheme) -> Table:
    """What an isolated pair counts as, indexed by 2 * (same offsets) + (same label).

    The pair is the only candidate of every tier, so the first tier it qualifies for joins it;
    None when no tier does (then the gold span is missed and the predicted one spurious).
    """
    out: list[str | None] = []
    for same_offsets in (False, True):
        for same_label in (False, True):
            out.append(
                next(
                    (
                        t.outcome
                        for t in scheme.tiers
                        if (same_offsets or not t.same_offsets) and (same_label or not t.same_label)
                    ),
                    None,
                )
            )
    return (out[0], out[1], out[2], out[3])


_TABLES = {name: outcome_table(scheme) for name, scheme in SCHEMES.items()}


def _table(scheme: Scheme) -> Table:
    """The outcome table, precomputed for the four schemes (hashing a Scheme costs more)."""
    return _TABLES[scheme.name] if SCHEMES.get(scheme.name) is scheme else outcome_table(scheme)


def _picked(values: Sequence[str], indices: list[int]) -> Sequence[str]:
    """values[i] for each index, by one C call (itemgetter of one index returns no tuple)."""
    if len(indices) < 2:
        return [values[i] for i in indices]
    return cast(Sequence[str], itemgetter(*indices)(values))


@dataclass
class Parts:
    """A document's spans split by the overlap graph, enough to give any scheme's alignment and
    outcome cells. Indices are into the gold and predicted sequences."""

    gold: Sequence[Span]
    pred: Sequence[Span]
    pairs: tuple[list[int], list[int]]  # isolated pairs, by gold index
    kinds: list[int]  # per pair: 2 * (same offsets) + (same label)
    labels: tuple[Sequence[str], Sequence[str]]  # per pair: the gold and the predicted label
    alone: tuple[list[int], list[int]]  # lone gold and predicted spans
    clusters: tuple[list[int], list[int]]  # spans in clusters, for the sweep
    swept: dict[str, Alignment]  # the sweep's alignments of the clusters, in cluster indices

    def alignment(self, scheme: Scheme) -> Alignment:
        """The scheme's alignment of the whole document."""
        table = _table(scheme)
        (ig, ip), kinds = self.pairs, self.kinds
        missed, spurious = self.alone
        if None in table:
            pairs = [
                (g, p, o)
                for g, p, k in zip(ig, ip, kinds, strict=True)
                if (o := table[k]) is not None
            ]
            unjoined = [(g, p) for g, p, k in zip(ig, ip, kinds, strict=True) if table[k] is None]
            missed = missed + [g for g, _ in unjoined]
            spurious = spurious + [p for _, p in unjoined]
        else:
            outcomes = cast(Iterator[str], map(table.__getitem__, kinds))
            pairs = list(zip(ig, ip, outcomes, strict=True))  # sorted: ig is
        found = self._cluster_alignment(scheme)
        if found is not None:
            cg, cp = self.clusters
            pairs.extend((cg[g], cp[p], o) for g, p, o in found.pairs)
            pairs.sort()
            missed = missed + [cg[g] for g in found.missed]
            spurious = spurious + [cp[p] for p in found.spurious]
        return Alignment(pairs, sorted(missed), sorted(spurious))

    def cells(self, scheme: Scheme) -> Counter[tuple[str, str, str]]:
        """The scheme's outcome cells, as ``SchemeCounts.add_alignment`` counts its alignment,
        from counts of (kind, labels) shared by every scheme instead of one key per span."""
        table = _table(scheme)
        out: dict[tuple[str, str, str], int] = {}  # a dict: a Counter's += is Python-level
        get = out.get
        for (kind, g, p), n in self._pair_labels.items():
            outcome = table[kind]
            if outcome is None:
                out[(MIS, g, NONE)] = get((MIS, g, NONE), 0) + n
                out[(SPU, NONE, p)] = get((SPU, NONE, p), 0) + n
            else:
                out[(outcome, g, p)] = get((outcome, g, p), 0) + n
        for g, n in self._alone_labels[0].items():
            out[(MIS, g, NONE)] = get((MIS, g, NONE), 0) + n
        for p, n in self._alone_labels[1].items():
            out[(SPU, NONE, p)] = get((SPU, NONE, p), 0) + n
        cells = Counter(out)
        found = self._cluster_alignment(scheme)
        if found is not None:
            (cg, cp), gold, pred = self.clusters, self.gold, self.pred
            cells.update([(o, gold[cg[g]][2], pred[cp[p]][2]) for g, p, o in found.pairs])
            cells.update([(MIS, gold[cg[g]][2], NONE) for g in found.missed])
            cells.update([(SPU, NONE, pred[cp[p]][2]) for p in found.spurious])
        return cells

    def _cluster_alignment(self, scheme: Scheme) -> Alignment | None:
        """The sweep's alignment of the clusters under the scheme (None without clusters),
        swept now if ``parts`` was not given that scheme."""
        cg, cp = self.clusters
        if not cg and not cp:
            return None
        if scheme.name not in self.swept:
            gold, pred = [self.gold[i] for i in cg], [self.pred[j] for j in cp]
            self.swept.update(reference_match_all(gold, pred, [scheme]))
        return self.swept[scheme.name]

    @functools.cached_property
    def _pair_labels(self) -> Counter[tuple[int, str, str]]:
        return Counter(zip(self.kinds, *self.labels, strict=True))

    @functools.cached_property
    def _alone_labels(self) -> tuple[Counter[str], Counter[str]]:
        gold, pred = self.gold, self.pred
        return Counter([gold[i][2] for i in self.alone[0]]), Counter(
            [pred[i][2] for i in self.alone[1]]
        )


def parts(gold: Sequence[Span], pred: Sequence[Span], schemes: Sequence[Scheme]) -> Parts | None:
    """Split both sides, nonempty, and sweep the clusters under ``schemes``; None when a span is
    empty or reversed (start >= end), where overlap counting by ranks does not hold, or an
    offset does not fit in 64 bits: the caller then uses the sweep."""
    g_start_l, g_end_l, g_label, _ = zip(*gold, strict=True)
    p_start_l, p_end_l, p_label, _ = zip(*pred, strict=True)
    ng, n = len(gold), len(gold) + len(pred)
    # One array, starts then ends, gold before predicted; the four columns are views of it.
    # (numpy's per-call cost, not its per-element one, is what a news article pays for.)
    try:  # offsets are ints (Span says so); one beyond 64 bits is left to the sweep
        both = np.fromiter(chain(g_start_l, p_start_l, g_end_l, p_end_l), np.int64, 2 * n)
    except OverflowError:
        return None
    starts, ends = both[:n], both[n:]
    if not (starts < ends).all():
        return None
    g_start, p_start, g_end, p_end = starts[:ng], starts[ng:], ends[:ng], ends[ng:]
    g_by_start = g_start.argsort(kind="stable")
    g_starts = g_start[g_by_start]
    g_ends, p_starts, p_ends = g_end.copy(), p_start.copy(), p_end.copy()
    g_ends.sort()
    p_starts.sort()
    p_ends.sort()
    # Gold spans starting before each predicted one ends, minus those ending by its start.
    before = g_starts.searchsorted(p_end, "left")
    p_degree = before - g_ends.searchsorted(p_start, "right")
    g_degree = p_starts.searchsorted(g_end, "left") - p_ends.searchsorted(g_start, "right")
    # A predicted span with one overlap: its gold span is usually the last to start before it
    # ends. Where that one does not overlap (a long gold span around it), the part goes to the
    # sweep instead, which is only slower.
    last = g_by_start[before - 1]
    isolated = (p_degree == 1) & (g_degree[last] == 1) & (g_end[last] > p_start)
    iso_p = isolated.nonzero()[0]
    iso_g = last[iso_p]
    by_gold = iso_g.argsort()
    iso_g, iso_p = iso_g[by_gold], iso_p[by_gold]
    same_offsets = (
        2 * ((g_start[iso_g] == p_start[iso_p]) & (g_end[iso_g] == p_end[iso_p]))
    ).tolist()
    ig, ip = iso_g.tolist(), iso_p.tolist()
    # Labels are strings: compared in Python, but by C-level maps rather than a loop.
    labels = (_picked(g_label, ig), _picked(p_label, ip))
    kinds = list(map(add, same_offsets, map(eq, *labels)))
    g_free, p_free = g_degree == 0, p_degree == 0
    g_alone, p_alone = g_free.nonzero()[0].tolist(), p_free.nonzero()[0].tolist()
    swept: dict[str, Alignment] = {}
    cg: list[int] = []
    cp: list[int] = []
    if len(ig) + len(g_alone) < ng or len(ip) + len(p_alone) < n - ng:
        g_free[iso_g] = True
        p_free[iso_p] = True
        cg, cp = (~g_free).nonzero()[0].tolist(), (~p_free).nonzero()[0].tolist()
        swept = reference_match_all([gold[i] for i in cg], [pred[j] for j in cp], schemes)
    return Parts(gold, pred, (ig, ip), kinds, labels, (g_alone, p_alone), (cg, cp), swept)


def match_all_arrays(
    gold: Sequence[Span], pred: Sequence[Span], schemes: Sequence[Scheme]
) -> dict[str, Alignment] | None:
    """``match_all`` of both sides, nonempty; None where ``parts`` gives none."""
    split = parts(gold, pred, schemes)
    if split is None:
        return None
    return {scheme.name: split.alignment(scheme) for scheme in schemes}
