#!/usr/bin/env python3
"""Print the leaderboard table (Markdown) of the systems newsgold ships, scored on the corpus.

    python scripts/leaderboard.py [--root DIR] [--split test] [--scorer module:callable]

The rule baseline is run over the corpus and scored by ``--scorer`` (default
``newsgold.scoring:score``), a callable ``score(gold_docs, predictions)`` returning a dict, or an
object with ``to_dict()``; COLUMNS says where each column's number is in that dict.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))  # run from a checkout

from newsgold.baselines import predict  # noqa: E402
from newsgold.baselines.leaderboard import Column, Score, leaderboard, to_markdown  # noqa: E402
from newsgold.baselines.rules import SYSTEM, extract  # noqa: E402
from newsgold.corpus import load_corpus  # noqa: E402
from newsgold.errors import NewsgoldError  # noqa: E402
from newsgold.progress import Progress  # noqa: E402

# Where each headline number sits in the scorer's JSON (its to_dict()); one column per layer.
COLUMNS = (
    Column("Entities strict F1", "entities/strict/f1"),
    Column("Dates value F1", "dates/value/f1"),
    Column("Figures value acc.", "figures/value/accuracy"),
    Column("Claims content F1", "claims/content/f1"),
)


def load_scorer(spec: str) -> Score:
    """Import ``module:callable`` and adapt its result to a plain dict."""
    module_name, _, name = spec.partition(":")
    try:
        function = getattr(importlib.import_module(module_name), name or "score")
    except (ImportError, AttributeError) as err:
        raise NewsgoldError(f"cannot load scorer {spec!r}: {err}", status=2) from None

    def score(gold: list[dict[str, Any]], predictions: list[dict[str, Any]]) -> dict[str, Any]:
        result = function(gold, predictions)
        return result.to_dict() if hasattr(result, "to_dict") else dict(result)

    return score


def main(argv: list[str] | None = None) -> int:
    """Run the baseline, score it and print the Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, help="repository root (default: found upward)")
    parser.add_argument("--split", help="score only the documents of this split (e.g. test)")
    parser.add_argument("--scorer", default="newsgold.scoring:score", help="module:callable")
    args = parser.parse_args(argv)
    try:
        corpus = load_corpus(args.root)
        if args.split:
            corpus.documents = [d for d in corpus if d.metadata.get("split") == args.split]
        if not corpus.documents:
            raise NewsgoldError(f"no documents to score (split {args.split!r})", str(corpus.root))
        score = load_scorer(args.scorer)
        gold = [doc.annotations for doc in corpus]
        systems = {SYSTEM: predict(corpus, extract, SYSTEM, Progress("baseline"))}
        rows = leaderboard(gold, systems, score, COLUMNS)
    except NewsgoldError as err:
        print(f"leaderboard: {err.located()}", file=sys.stderr)
        return err.status
    print(to_markdown(rows, COLUMNS), end="")
    split = args.split or "all splits"
    print(f"\nScores in percent on {len(corpus)} document(s) ({split}), by scripts/leaderboard.py.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
