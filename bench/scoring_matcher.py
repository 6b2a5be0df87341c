"""Speed of the span matcher against nervaluate 1.2.1 on the same documents, as a ratio.

Run: PYTHONPATH=src python bench/scoring_matcher.py [SPANS_PER_DOC ...]
Both sides score the four schemes; nervaluate also builds its per-type tables (as it always does).
"""

from __future__ import annotations

import random
import sys
import time

from nervaluate import Evaluator

from newsgold.scoring.matching import SCHEMES, Span, match

LABELS = ["PER", "ORG", "LOC", "GPE"]


def documents(spans_per_doc: int, total: int, seed: int = 0) -> list[tuple[list[Span], list[Span]]]:
    """Disjoint gold spans every 10 characters; predictions shifted, relabelled or dropped."""
    rng = random.Random(seed)
    docs = []
    for _ in range(max(1, total // spans_per_doc)):
        starts = range(0, 10 * spans_per_doc, 10)
        gold = [Span(s, s + rng.randint(2, 8), rng.choice(LABELS)) for s in starts]
        pred = []
        for s in gold:
            roll = rng.random()
            if roll < 0.1:
                continue
            if roll < 0.3:
                s = Span(s.start + 1, s.end, s.label)
            elif roll < 0.4:
                s = Span(s.start, s.end, rng.choice(LABELS))
            pred.append(s)
        docs.append((gold, pred))
    return docs


def ours(docs: list[tuple[list[Span], list[Span]]]) -> float:
    start = time.perf_counter()
    for gold, pred in docs:
        for scheme in SCHEMES:
            match(gold, pred, scheme)
    return time.perf_counter() - start


def theirs(docs: list[tuple[list[Span], list[Span]]]) -> float:
    def convert(spans: list[Span]) -> list[dict[str, object]]:
        return [{"label": s.label, "start": s.start, "end": s.end - 1} for s in spans]

    start = time.perf_counter()
    true, pred = [convert(g) for g, _ in docs], [convert(p) for _, p in docs]
    Evaluator(true, pred, LABELS, loader="dict").evaluate()
    return time.perf_counter() - start


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or [20, 2000]
    for size in sizes:
        docs = documents(size, total=40_000 if size <= 200 else 20_000)
        spans = sum(len(g) for g, _ in docs)
        a, b = ours(docs), theirs(docs)
        print(
            f"{size:>6} spans/doc, {spans} gold spans: newsgold {spans / a:,.0f} spans/s, "
            f"nervaluate {spans / b:,.0f} spans/s, ratio {b / a:.1f}x"
        )


if __name__ == "__main__":
    main()
