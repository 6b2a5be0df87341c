"""``newsgold build``: validate the corpus and write a Hugging Face / Parquet release."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsgold import __version__
from newsgold.cli._common import add_format_option, add_out_option, add_root_option, repository
from newsgold.cli.validate import render_text
from newsgold.progress import Progress

if TYPE_CHECKING:
    from newsgold.release import BuildResult


def register(sub: Any) -> None:
    """Add the build subcommand."""
    p = sub.add_parser(
        "build",
        help="build the release: Parquet, dataset card, Croissant, manifest",
        description=(
            "Validate the corpus, then write a release folder that datasets.load_dataset reads: typed "
            "Parquet per config and split, the dataset card README.md, croissant.json and MANIFEST.json. "
            "Only gold articles are released unless --include-drafts. Texts whose rights do not allow "
            "redistribution are left out (see newsgold hydrate). Nothing is written when the sources "
            "are invalid (exit 1)."
        ),
    )
    add_out_option(p, "release folder (default: release/ in the repository root)", "DIR")
    p.add_argument(
        "--no-text",
        action="store_true",
        help="leave every article's text out (offsets, sha256, URLs kept)",
    )
    p.add_argument(
        "--include-drafts",
        action="store_true",
        help="release draft articles too; every config's status column tells them apart",
    )
    add_root_option(p)
    add_format_option(p, "summary")
    p.set_defaults(func=run)


def load_line(out: Path, config: str | None = None) -> str:
    """The one-line Python call that loads a release folder, by its absolute path.

    A relative path would only work from the folder the build ran in; from anywhere else
    ``load_dataset`` takes it for a Hub name and fails with a confusing cache error.
    """
    shown = out.resolve()
    args = json.dumps(shown.as_posix()) + (f", {json.dumps(config)}" if config else "")
    return f"from datasets import load_dataset; ds = load_dataset({args})"


def summary(result: BuildResult, verb: str) -> str:
    """What was built, where, the counts, and how to load it."""
    docs = sum(result.documents.values())
    splits = ", ".join(f"{s} {n}" for s, n in result.documents.items())
    rows = ", ".join(f"{c} {sum(s.values())}" for c, s in result.rows.items())
    lines = [
        f"{verb} {result.out}: newsgold {__version__}, fingerprint sha256:{result.fingerprint[:16]}…",
        f"  documents: {docs} ({splits}); with text {result.with_text}, without text {len(result.without_text)}",
    ]
    if result.drafts_left_out:
        lines.append(
            f"  drafts left out: {result.drafts_left_out} (newsgold build --include-drafts adds them)"
        )
    lines += [
        f"  rows: {rows}",
        f"  files: README.md, LICENSE.md, croissant.json, MANIFEST.json and {len(result.files)} Parquet files under data/",
    ]
    if result.without_text:
        lines.append(
            "  texts left out are listed in README.md, with how to restore them (newsgold hydrate)"
        )
    lines.append("Load it with:")
    lines.append(f"  {load_line(result.out)}")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    """Build and print the summary."""
    from newsgold.release import InvalidSources, build  # datasets loads slowly: only when building

    root = repository(args.root)
    out = args.out if args.out is not None else root / "release"
    if sys.stderr.isatty():
        print(f"validating {root} ...", file=sys.stderr)  # the bar below starts once it is valid
    try:
        result = build(
            root,
            out,
            text=not args.no_text,
            include_drafts=args.include_drafts,
            progress=Progress("build"),
        )
    except InvalidSources as err:
        print(render_text(err.report))
        print(f"newsgold build: {err.located()}", file=sys.stderr)
        return 1
    if args.format == "json":
        print(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    else:
        print(summary(result, "Built"))
    return 0
