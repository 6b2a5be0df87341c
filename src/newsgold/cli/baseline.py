"""``newsgold baseline``: run the rule baseline over the corpus and write its predictions."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from newsgold.baselines import predict, to_jsonl, write_predictions
from newsgold.baselines.rules import SYSTEM, extract
from newsgold.corpus import ANNOTATIONS_DIR, CORPUS_DIR, load_corpus
from newsgold.errors import NewsgoldError
from newsgold.progress import Progress


def register(sub: Any) -> None:
    """Add the baseline subcommand."""
    p = sub.add_parser(
        "baseline",
        help="run the rule baseline and write its predictions",
        description=(
            "Run the transparent rule baseline (newsgold.baselines.rules) over every document of "
            "the corpus and write a predictions file (JSON Lines, one object per document) that "
            "`newsgold score` reads. The rules are documented in docs/baseline.md."
        ),
    )
    p.add_argument(
        "--out",
        type=Path,
        metavar="FILE",
        help="predictions file to write, atomically (default: standard output)",
    )
    p.add_argument(
        "--root", type=Path, help="repository root (default: found from the current folder upward)"
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Predict every document and write the predictions."""
    if args.root is not None and not all(
        (args.root / folder).is_dir() for folder in (CORPUS_DIR, ANNOTATIONS_DIR)
    ):
        message = (
            f"not a newsgold repository (expected folders {CORPUS_DIR}/ and {ANNOTATIONS_DIR}/)"
        )
        raise NewsgoldError(message, str(args.root), status=2)
    corpus = load_corpus(args.root)
    rows = predict(corpus, extract, system=SYSTEM, progress=Progress("baseline"))
    if args.out is None or str(args.out) == "-":
        sys.stdout.write(to_jsonl(rows))
    else:
        write_predictions(args.out, rows)
        print(f"wrote {len(rows)} document(s) to {args.out}", file=sys.stderr)
    return 0
