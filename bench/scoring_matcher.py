"""Speed of the span matcher against nervaluate 1.2.1 on the same parsed spans, as a ratio.

Run: PYTHONPATH=src python bench/scoring_matcher.py [--repeat N] [--out FILE]

Three corpora of entity spans, all in one run: news density (1,000 documents of about 118 gold
spans, with ``newsgold.synthetic``'s errors), long articles (10 documents of 2,000, where
nervaluate is quadratic), and news where 2 % of predictions merge two gold spans (clusters, which
the matcher leaves to the sweep). Both sides score the four schemes: ours with ``match_all`` per document,
nervaluate with one ``Evaluator.evaluate()`` over all documents (it also builds its per-type
tables, as it always does). Each side runs ``--repeat`` times alternately; the best wall time
(``perf_counter``) and the best CPU time (``process_time``) of each are kept, and the ratios are
nervaluate / ours. Ours takes a fraction of a second, so each of its turns runs it again until
half a second is spent (at most 20 times): on a shared machine a short run's best needs more
tries to miss the load than a run of seconds, which averages it out.

A second table times ``count_layer``, one layer's work in ``newsgold score``: building ``Span``s
from the annotation items, matching, counting the outcome cells of the four schemes; and the
building alone.
"""

from __future__ import annotations

import argparse
import platform
import random
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from nervaluate import Evaluator

import newsgold
from newsgold.scoring.layers import Context, Tokens, count_layer, spans
from newsgold.scoring.matching import Span, match_all

LABELS = ["PER", "ORG", "LOC", "GPE"]
Doc = tuple[list[dict[str, Any]], list[dict[str, Any]]]  # gold and predicted entity items
# name, spans per document, documents, share of predictions merging two gold spans
NO_TEXT = Context(Tokens(""), 0.0)  # entities have no attribute tallies to read it
CASES = (("news", 118, 1000, 0.0), ("long", 2000, 10, 0.0), ("merge", 118, 1000, 0.02))


def documents(spans_per_doc: int, count: int, merged: float = 0.0, seed: int = 0) -> list[Doc]:
    """Entity items with ``newsgold.synthetic``'s errors: disjoint gold spans, one every 20
    characters; per gold span the prediction is missed (10 %), has one boundary moved by 1 to 3
    characters (10 %), another type (5 %), or is correct; then spurious spans (10 % per gold
    span) on characters no gold span touches. With ``merged``, that share of predictions instead
    reaches to the end of the next gold span: a span overlapping two, where the matcher's cluster
    path (the sweep) decides. The synthetic corpora have no such spans."""
    rng = random.Random(seed)
    docs = []
    for _ in range(count):
        gold = []
        for k in range(spans_per_doc):
            start = 20 * k
            gold.append({"start": start, "end": start + rng.randint(2, 8),
                         "type": rng.choice(LABELS), "entity_id": f"e{k}"})  # fmt: skip
        pred = []
        for k, g in enumerate(gold):
            p = dict(g)
            roll = rng.random()
            if roll < 0.10:
                continue
            if roll < 0.20:
                shift = rng.choice((-1, 1)) * rng.randint(1, 3)
                edge = rng.choice(("start", "end"))
                p[edge] += shift
                if p["start"] >= p["end"]:
                    p[edge] -= 2 * shift
            elif roll < 0.25:
                p["type"] = rng.choice([t for t in LABELS if t != g["type"]])
            elif roll < 0.25 + merged and k + 1 < len(gold):
                p["end"] = gold[k + 1]["end"]
            pred.append(p)
            if rng.random() < 0.10:  # gold ends by 8 (+3 shifted); the next starts at 20 (-3)
                s = g["start"] + 12 + rng.randint(0, 2)
                pred.append({"start": s, "end": s + 3, "type": rng.choice(LABELS),
                             "entity_id": "spurious"})  # fmt: skip
        docs.append((gold, pred))
    return docs


def best(run: Callable[[], object], repeat: int, budget: float = 0.0) -> tuple[float, float]:
    """The best wall and the best CPU time of ``repeat`` runs, or of as many more as fit in
    ``budget`` seconds (at most 20): a short run's best needs more tries to miss the load of
    a shared machine than a long one, which averages it."""
    walls, cpus = [], []
    spent = 0.0
    while len(walls) < repeat or (spent < budget and len(walls) < 20):
        w, c = time.perf_counter(), time.process_time()
        run()
        walls.append(time.perf_counter() - w)
        cpus.append(time.process_time() - c)
        spent += walls[-1]
    return min(walls), min(cpus)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per side (best is kept)")
    parser.add_argument("--out", type=Path, help="also write the report to this file")
    args = parser.parse_args(argv)
    source = Path(newsgold.__file__).parent
    revision = subprocess.run(
        ["git", "-C", str(source), "log", "-1", "--format=%h %s"],
        capture_output=True, text=True, check=False,
    ).stdout.strip()  # fmt: skip
    lines = [
        f"Python {platform.python_version()}, {platform.machine()}, {time.strftime('%Y-%m-%d')};"
        f" best of {args.repeat}; ratio = nervaluate time / newsgold time",
        f"newsgold from {source} ({revision or 'not a git checkout'})",
        "",
        "matcher alone (four schemes, spans already parsed):",
        f"{'case':<5} {'docs':>5} {'g+p spans':>9} {'ours wall s':>11} {'ours cpu s':>10} "
        f"{'nerv wall s':>11} {'nerv cpu s':>10} {'wall ratio':>10} {'cpu ratio':>9}",
    ]
    building = [
        "",
        "one layer scored: count_layer on the items of every document (spans, matching under the",
        "four schemes, outcome cells), the span building alone, and the difference:",
        f"{'':<5} {'build spans s':>15} {'count_layer s':>15} {'matching+cells s':>16}",
        f"{'case':<5} {'wall':>7} {'cpu':>7} {'wall':>7} {'cpu':>7} {'wall':>7} {'cpu':>7}",
    ]
    for name, size, count, merged in CASES:
        items = documents(size, count, merged)
        docs = [(spans("entities", g), spans("entities", p)) for g, p in items]
        n = sum(len(g) + len(p) for g, p in docs)
        true = [
            [{"label": s.label, "start": s.start, "end": s.end - 1} for s in g] for g, _ in docs
        ]
        pred = [
            [{"label": s.label, "start": s.start, "end": s.end - 1} for s in p] for _, p in docs
        ]

        def ours(docs: list[tuple[list[Span], list[Span]]] = docs) -> None:
            for g, p in docs:  # each alignment is dropped, as count_layer drops it
                match_all(g, p)

        def theirs(true: Any = true, pred: Any = pred) -> None:
            Evaluator(true, pred, LABELS, loader="dict").evaluate()

        ours_t, theirs_t = [], []
        match_all(*docs[0])  # imports what the matcher imports on first use (numpy)
        for _ in range(args.repeat):  # alternate, so both sides see the same load
            ours_t.append(best(ours, 1, budget=0.5))
            theirs_t.append(best(theirs, 1))
        ow, oc = min(w for w, _ in ours_t), min(c for _, c in ours_t)
        tw, tc = min(w for w, _ in theirs_t), min(c for _, c in theirs_t)
        lines.append(
            f"{name:<5} {count:>5} {n:>9} {ow:>11.4f} {oc:>10.4f} {tw:>11.3f} {tc:>10.3f} "
            f"{tw / ow:>9.1f}x {tc / oc:>8.1f}x"
        )

        def build(items: list[Doc] = items) -> None:
            for g, p in items:
                spans("entities", g), spans("entities", p)

        def layer(items: list[Doc] = items) -> None:
            for g, p in items:
                count_layer("entities", g, p, NO_TEXT)

        bw, bc = best(build, args.repeat, budget=1.0)
        lw, lc = best(layer, args.repeat, budget=1.0)
        building.append(
            f"{name:<5} {bw:>7.4f} {bc:>7.4f} {lw:>7.4f} {lc:>7.4f} {lw - bw:>7.4f} {lc - bc:>7.4f}"
        )
    report = "\n".join(lines + building) + "\n"
    sys.stdout.write(report)
    if args.out:
        args.out.write_text(report, encoding="utf-8")


if __name__ == "__main__":
    main()
