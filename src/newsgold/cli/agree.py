"""``newsgold agree``: inter-annotator agreement between two annotations of the same documents."""

from __future__ import annotations

import argparse
from functools import partial
from pathlib import Path
from typing import Any

from newsgold.cli._common import add_layers_option, add_report_options, report
from newsgold.scoring.agree import agree


def register(sub: Any) -> None:
    """Add the agree subcommand."""
    p = sub.add_parser(
        "agree",
        help="agreement between two annotations of the same documents",
        description=(
            "Compare two annotations (annotation folders or files) of the same documents: span "
            "F1 under the strict and partial schemes, Cohen's kappa of categorical attributes of "
            "matched spans, value agreement of dates and figures, and every disagreement for "
            "adjudication."
        ),
    )
    p.add_argument("a", type=Path, metavar="A", help="first annotation folder or file")
    p.add_argument("b", type=Path, metavar="B", help="second annotation folder or file")
    p.add_argument(
        "--root", type=Path, help="repository whose corpus/ supplies texts (default: found upward)"
    )
    add_layers_option(p, "layers to compare")
    add_report_options(p)
    p.add_argument(
        "--limit", type=int, metavar="N", help="list at most N disagreements in table and markdown"
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Compute the agreement and print it."""
    result = agree(args.a, args.b, args.layers, args.root)
    return report(args, result.to_dict(), partial(result.to_text, limit=args.limit))
