"""``newsgold view``: static HTML pages of the annotations, optionally against predictions."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from newsgold.cli._common import add_out_option, add_root_option, repository
from newsgold.progress import Progress
from newsgold.view import build_view
from newsgold.view.overlay import STATUSES


def register(sub: Any) -> None:
    """Add the view subcommand."""
    p = sub.add_parser(
        "view",
        help="write self-contained HTML pages of the annotations",
        description=(
            "Write one self-contained HTML page per article (every layer highlighted, layer "
            "toggles, tooltips with normalised values, claims linked to their source, cue, dates "
            "and figures) "
            "and an index page with counts per layer. With --predictions, mark predicted spans "
            "against gold as correct, missed or spurious. The pages load nothing from the network."
        ),
    )
    p.add_argument("doc_ids", nargs="*", metavar="DOC_ID", help="documents to view (default: all)")
    add_out_option(p, "output folder (default: view/ in the repository)", "DIR")
    p.add_argument(
        "--predictions",
        type=Path,
        metavar="PRED.jsonl",
        help="a predictions file (JSON Lines, schema/predictions.schema.json) to show against gold",
    )
    add_root_option(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Build the pages and say where they are."""
    root = repository(args.root)
    result = build_view(root, args.doc_ids, args.out, args.predictions, Progress("view"))
    index = (result.out / "index.html").resolve()
    print(f"wrote {result.documents} article page(s) and index.html to {result.out}")
    if result.predictions:
        totals = {s: sum(per[s] for per in result.statuses.values()) for s in STATUSES}
        print("predictions: " + ", ".join(f"{n} {s}" for s, n in totals.items()))
    print(f"open {index.as_uri()}")
    return 0
