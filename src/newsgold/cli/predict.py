"""``newsgold predict``: run an extractor over the corpus and write a predictions file."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from newsgold import jsonio
from newsgold.cli._common import (
    add_out_option,
    add_root_option,
    add_split_option,
    emit,
    repository,
)
from newsgold.corpus import load_corpus
from newsgold.progress import Progress
from newsgold.scoring.harness import load_model, predict
from newsgold.splits import in_splits


def register(sub: Any) -> None:
    """Add the predict subcommand."""
    p = sub.add_parser(
        "predict",
        help="run an extractor over the corpus and write predictions",
        description=(
            "Import MODULE:CALLABLE, call it as callable(text, metadata) on every article of the "
            "corpus, check what it returns ({'entities': [...], 'dates': [...], ...}) and write a "
            "predictions file for `newsgold score`. Nothing is written unless every document "
            "succeeds."
        ),
    )
    p.add_argument(
        "--model",
        required=True,
        metavar="MODULE:CALLABLE",
        help="the extractor, e.g. mymodel:extract",
    )
    add_out_option(p, "predictions file to write (default: standard output)")
    add_root_option(p)
    add_split_option(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Run the model and write its predictions atomically."""
    documents = in_splits(load_corpus(repository(args.root)), args.split).documents
    model = load_model(args.model)
    lines = predict(model, documents, args.model, Progress("predicting"))
    emit(jsonio.dumps_lines(lines), args.out)
    if args.out is not None:
        print(f"wrote {len(lines)} prediction(s) to {args.out}", file=sys.stderr)
    return 0
