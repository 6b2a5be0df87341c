"""``newsgold predict``: run an extractor over the corpus and write a predictions file."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Iterator
from typing import Any

from newsgold.adapters.systems import MODULES as SYSTEMS
from newsgold.atomic import write_stream
from newsgold.cli._common import (
    add_out_option,
    add_root_option,
    add_split_option,
    repository,
)
from newsgold.corpus import load_corpus
from newsgold.progress import Progress
from newsgold.scoring.harness import Model, iter_predictions, load_model
from newsgold.splits import in_splits


def register(sub: Any) -> None:
    """Add the predict subcommand."""
    p = sub.add_parser(
        "predict",
        help="run an extractor over the corpus and write predictions",
        description=(
            "Import MODULE:CALLABLE, call it as callable(text, metadata) on every article of the "
            "corpus, check what it returns ({'entities': [...], 'dates': [...], ...}) and write a "
            "predictions file for `newsgold score`; or run a third-party extractor (--system). "
            "Nothing is written unless every document succeeds."
        ),
    )
    source = p.add_mutually_exclusive_group(required=True)
    source.add_argument(
        "--model",
        metavar="MODULE:CALLABLE",
        help="the extractor, e.g. mymodel:extract",
    )
    source.add_argument(
        "--system",
        choices=list(SYSTEMS),
        help="a third-party extractor, installed with pip install 'newsgold[systems]' "
        "(docs/benchmarking-systems.md)",
    )
    add_out_option(p, "predictions file to write (default: standard output)")
    add_root_option(p)
    add_split_option(p)
    p.set_defaults(func=run)


def _model(args: argparse.Namespace) -> tuple[Model, str]:
    """The extractor the options name, and the name messages give it.

    Each adapter of ``newsgold.adapters`` adds one branch here; its module is imported only when
    asked for, so a missing optional library costs the other commands nothing.
    """
    if args.system is not None:
        from newsgold.adapters import systems

        return systems.load(args.system), args.system
    return load_model(args.model), args.model


def _encoded(lines: Iterable[dict[str, Any]], count: list[int]) -> Iterator[bytes]:
    """Each prediction object as one JSON line, counted as it goes."""
    for line in lines:
        count[0] += 1
        yield (json.dumps(line, ensure_ascii=False) + "\n").encode("utf-8")


def run(args: argparse.Namespace) -> int:
    """Run the model over the documents, streaming its checked predictions to the output.

    A file is written whole or not at all (a temporary, renamed at the end); standard output
    gets the lines only once every document has succeeded.
    """
    documents = in_splits(load_corpus(repository(args.root)), args.split).documents
    model, name = _model(args)
    lines = iter_predictions(model, documents, name, Progress("predicting"))
    count = [0]
    if args.out is None:
        sys.stdout.buffer.write(b"".join(_encoded(lines, count)))
        sys.stdout.flush()
    else:
        write_stream(args.out, _encoded(lines, count), what="predictions")
        print(f"wrote {count[0]} prediction(s) to {args.out}", file=sys.stderr)
    return 0
