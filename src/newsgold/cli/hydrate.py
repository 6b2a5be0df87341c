"""``newsgold hydrate``: put article texts back into a release built without them."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from newsgold.cli._common import add_format_option
from newsgold.cli.build import summary
from newsgold.progress import Progress


def register(sub: Any) -> None:
    """Add the hydrate subcommand."""
    p = sub.add_parser(
        "hydrate",
        help="restore article texts into a release built without them",
        description=(
            "Fill the texts of a release's text-less articles from DIR/<doc_id>.txt. Every text must have "
            "the sha256 the release records; if one differs nothing changes (exit 1). The Parquet files, "
            "the card and MANIFEST.json are rewritten beside the release and swapped in."
        ),
    )
    p.add_argument(
        "release", type=Path, metavar="RELEASE", help="the release folder (built by newsgold build)"
    )
    p.add_argument(
        "--texts", type=Path, required=True, metavar="DIR", help="folder holding <doc_id>.txt files"
    )
    add_format_option(p, "summary")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Hydrate and print what changed."""
    from newsgold.release import hydrate  # datasets loads slowly: only when hydrating

    outcome = hydrate(args.release, args.texts, progress=Progress("hydrate"))
    if args.format == "json":
        print(json.dumps(outcome.to_dict(), ensure_ascii=False, indent=2))
        return 0
    if outcome.release is None:
        print(f"Nothing to hydrate: every article of {args.release} already carries its text.")
    else:
        print(f"Restored {len(outcome.hydrated)} text(s).")
        print(summary(outcome.release, "Rewrote"))
    if outcome.missing:
        print(
            f"Still without text ({len(outcome.missing)}): "
            + ", ".join(outcome.missing[:20])
            + (" …" if len(outcome.missing) > 20 else "")
        )
    if outcome.ignored:
        print(
            f"Not needed ({len(outcome.ignored)}): "
            + ", ".join(outcome.ignored[:20])
            + (" …" if len(outcome.ignored) > 20 else "")
        )
    return 0
