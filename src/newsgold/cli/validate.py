"""``newsgold validate``: check the corpus and annotations in four levels."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from newsgold import jsonio
from newsgold.cli._common import add_format_option, add_root_option, emit
from newsgold.progress import Progress
from newsgold.validate import CATALOGUE, Report, validate_paths
from newsgold.validate.incidents import LEVEL_NAMES


def register(sub: Any) -> None:
    """Add the validate subcommand."""
    p = sub.add_parser(
        "validate",
        help="check texts, metadata and annotations",
        description=(
            "Check corpus texts, metadata and annotations in four levels: 1 files and encodings, "
            "2 JSON Schema, 3 document invariants, 4 corpus invariants. Exit 0 when valid, 1 when not."
        ),
    )
    p.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="PATH",
        help="files or folders to check (default: the whole repository)",
    )
    add_root_option(p)
    add_format_option(p)
    p.set_defaults(func=run)


def render_text(report: Report) -> str:
    """The report as lines for a terminal: incidents, explanations once per id, a summary."""
    lines = [i.line() for i in report.incidents]
    explained = sorted({i.id for i in report.incidents})
    if explained:
        lines.append("")
        lines.extend(f"  {pid}: {CATALOGUE[pid][1]}" for pid in explained)
    counts = report.counts()
    per_level = ", ".join(f"L{level} {name}: {counts[name]}" for level, name in LEVEL_NAMES.items())
    verdict = "VALID" if report.ok else "INVALID"
    lines.append(f"{verdict}: {report.documents} document(s) checked; incidents {per_level}")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    """Validate and print the report."""
    report = validate_paths(list(args.paths), args.root, Progress("validate"))
    if args.format == "json":
        emit(jsonio.dumps(report.to_dict()))
    else:
        print(render_text(report))
    return 0 if report.ok else 1
