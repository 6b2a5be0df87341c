"""``newsgold score``: score predictions against gold, merge shard results, compare two systems."""

from __future__ import annotations

import argparse
import os
import sys
from functools import partial
from pathlib import Path
from typing import Any

from newsgold import jsonio
from newsgold.cli._common import add_layers_option, add_report_options, add_split_option, report
from newsgold.errors import NewsgoldError
from newsgold.progress import Progress
from newsgold.scoring.labelmap import SHIPPED, LabelMap, load_map, types_map
from newsgold.scoring.report import comparison_text
from newsgold.scoring.score import (
    COMPARE_ROUNDS,
    DEFAULT_CONFIDENCE,
    DEFAULT_TOLERANCE,
    METHODS,
    ScoreResult,
    few_documents,
    merge,
    score,
)


def register(sub: Any) -> None:
    """Add the score subcommand."""
    p = sub.add_parser(
        "score",
        help="score predictions against the gold annotations",
        description=(
            "Score a predictions file (JSON Lines, one object per document, or Parquet, one row "
            "per document) against gold: the four "
            "SemEval-2013 span schemes per layer and type, TempEval-3 date metrics, figure values, "
            "claim attribution. --merge joins shard results (score JSON files) exactly; --compare "
            "tests two predictions files against each other. Definitions: docs/scoring.md."
        ),
    )
    p.add_argument(
        "predictions",
        nargs="?",
        type=Path,
        metavar="PRED.jsonl",
        help="the predictions: JSON Lines, or Parquet (*.parquet, or a file starting PAR1)",
    )
    p.add_argument(
        "--gold",
        type=Path,
        help="repository root, annotations folder or file (default: this repository)",
    )
    p.add_argument(
        "--root", type=Path, help="repository whose corpus/ supplies texts (default: found upward)"
    )
    add_layers_option(p, "layers to score")
    add_split_option(p, "score only gold documents")
    p.add_argument(
        "--include-drafts", action="store_true", help="also score documents whose status is draft"
    )
    add_report_options(p)
    p.add_argument(
        "--per-doc", action="store_true", help="add the headline metrics of every document"
    )
    p.add_argument(
        "--tolerance",
        type=float,
        default=DEFAULT_TOLERANCE,
        metavar="X",
        help="relative tolerance of figure values (default: %(default)s)",
    )
    p.add_argument(
        "--bootstrap",
        type=int,
        default=0,
        metavar="N",
        help=(
            "document-level bootstrap resamples for confidence intervals (default: %(default)s, "
            f"no intervals); with --compare, the rounds of the test (default: {COMPARE_ROUNDS})"
        ),
    )
    p.add_argument(
        "--seed",
        type=int,
        default=0,
        metavar="S",
        help="random seed of the resampling (default: %(default)s)",
    )
    p.add_argument(
        "--confidence",
        type=float,
        default=DEFAULT_CONFIDENCE,
        metavar="X",
        help="confidence level of the intervals (default: %(default)s)",
    )
    p.add_argument(
        "--map",
        metavar="MAP",
        help=(
            "score entities in a system's own labels: a shipped map "
            f"({', '.join(SHIPPED)}) or a JSON file {{label: [gold types]}}; gold types in no "
            "list are left out"
        ),
    )
    p.add_argument(
        "--types",
        metavar="TYPE,...",
        help="score only these gold entity types (e.g. PERSON,ORG,GPE); other spans left out",
    )
    p.add_argument(
        "--compare",
        nargs=2,
        type=Path,
        metavar=("A.jsonl", "B.jsonl"),
        help="paired test of two systems",
    )
    p.add_argument(
        "--test",
        choices=METHODS,
        default="randomization",
        help="paired test for --compare (default: %(default)s)",
    )
    p.add_argument(
        "--merge",
        nargs="+",
        type=Path,
        metavar="SCORE.json",
        help="merge score JSON files of shards",
    )
    p.set_defaults(func=run)


def _merge(paths: list[Path]) -> ScoreResult:
    for path in paths:
        if not path.is_file():
            raise NewsgoldError("cannot read score JSON: no such file", str(path), status=2)
    results = [ScoreResult.from_dict(jsonio.load(p), str(p)) for p in paths]
    return merge(results, [str(p) for p in paths])


def _label_map(args: argparse.Namespace) -> LabelMap | None:
    """The label map of ``--map`` or ``--types`` (not both, and not with ``--merge``)."""
    if args.map is not None and args.types is not None:
        raise NewsgoldError("give --map or --types, not both", status=2)
    if args.merge and (args.map is not None or args.types is not None):
        raise NewsgoldError(
            "--map and --types apply when scoring; shard results carry their own label map",
            status=2,
        )
    if args.map is not None:
        return load_map(args.map)
    if args.types is not None:
        return types_map(args.types.split(","))
    return None


def _warn_if_few(scored: int) -> None:
    """Say on stderr when too few documents were scored for intervals and tests to mean much."""
    warning = few_documents(scored)
    if warning is not None:
        print(f"newsgold score: warning: {warning}", file=sys.stderr)


def _note_unpredicted(result: ScoreResult) -> None:
    """Say on stderr which layers the predictions never have (reported as not predicted)."""
    if result.unpredicted:
        print(
            f"newsgold score: note: {result.predictions or 'the predictions'} never predict "
            f"{', '.join(result.unpredicted)} (no document has the key): reported as not "
            "predicted, not scored as 0",
            file=sys.stderr,
        )


def _one_blas_thread() -> None:
    """Ask OpenBLAS for one thread before the matcher imports numpy (unless the user chose a
    number): its import starts a thread per core, which spin for a scorer that does no linear
    algebra and cost it 0.04 s of CPU time per run."""
    if "numpy" not in sys.modules:
        os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")


def run(args: argparse.Namespace) -> int:
    """Score, merge or compare, and print the report."""
    _one_blas_thread()
    modes = [args.predictions is not None, args.compare is not None, args.merge is not None]
    if sum(modes) != 1:
        raise NewsgoldError(
            "give exactly one of PRED.jsonl, --compare A B or --merge FILE...", status=2
        )
    options = {
        "label_map": _label_map(args),
        "layers": args.layers,
        "tolerance": args.tolerance,
        "splits": args.split,
        "include_drafts": args.include_drafts,
        "root": args.root,
    }
    gold = args.gold if args.gold is not None else args.root
    if args.compare:
        from newsgold.scoring.stats import paired_test  # numpy: only tests and intervals need it

        a = score(gold, args.compare[0], progress=Progress("scoring A"), **options)
        b = score(gold, args.compare[1], progress=Progress("scoring B"), **options)
        comparison = paired_test(a, b, args.bootstrap or COMPARE_ROUNDS, args.seed, args.test)
        status = report(args, comparison.to_dict(), partial(comparison_text, comparison))
        _note_unpredicted(a)
        _note_unpredicted(b)
        _warn_if_few(min(len(a.documents), len(b.documents)))
        return status
    if args.merge:
        result = _merge(args.merge)
        if args.bootstrap:
            from newsgold.scoring.stats import bootstrap_intervals

            result.bootstrap = bootstrap_intervals(
                result, args.bootstrap, args.seed, args.confidence
            )
    else:
        result = score(
            gold,
            args.predictions,
            bootstrap=args.bootstrap,
            seed=args.seed,
            confidence=args.confidence,
            progress=Progress("scoring"),
            **options,
        )
    text = partial(result.to_text, per_doc=args.per_doc)
    status = report(args, result.to_dict(args.per_doc), text, rows="documents")
    _note_unpredicted(result)
    _warn_if_few(len(result.documents))  # after the report: a failed write stays one message
    return status
