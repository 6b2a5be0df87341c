"""``newsgold baseline``: run the rule baseline over the corpus and write its predictions."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from newsgold import jsonio
from newsgold.baselines import predict
from newsgold.baselines.rules import SYSTEM, extract
from newsgold.cli._common import add_out_option, add_root_option, add_split_option, emit, repository
from newsgold.corpus import load_corpus
from newsgold.progress import Progress
from newsgold.splits import in_splits


def register(sub: Any) -> None:
    """Add the baseline subcommand."""
    p = sub.add_parser(
        "baseline",
        help="run the rule baseline and write its predictions",
        description=(
            "Run the transparent rule baseline (newsgold.baselines.rules) over every document of "
            "the corpus (or of --split) and write a predictions file (JSON Lines, one object per "
            "document) that `newsgold score` reads. Anything tuned must be tuned on validation "
            "only. The rules are documented in docs/baseline.md."
        ),
    )
    add_out_option(p, "predictions file to write, atomically (default: standard output)")
    add_root_option(p)
    add_split_option(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Predict every document and write the predictions."""
    corpus = in_splits(load_corpus(repository(args.root)), args.split)
    rows = predict(corpus, extract, system=SYSTEM, progress=Progress("baseline"))
    out = None if args.out is None or str(args.out) == "-" else args.out
    emit(jsonio.dumps_lines(rows), out)
    if out is not None:
        print(f"wrote {len(rows)} document(s) to {out}", file=sys.stderr)
    return 0
