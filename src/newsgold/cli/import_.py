"""``newsgold import``: read an annotation tool's output into ``annotations/<doc_id>.json``."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from newsgold import jsonio
from newsgold.cli._common import add_format_option, add_root_option, emit, repository
from newsgold.formats import brat, labelstudio
from newsgold.formats.common import ImportResult


def register(sub: Any) -> None:
    """Add the import subcommand with one sub-subcommand per tool."""
    p = sub.add_parser(
        "import",
        help="read annotations back from an annotation tool",
        description="Convert a tool's annotations to annotations/<doc_id>.json. The result is "
        "validated before anything is written; a gold file is only replaced with --force.",
    )
    tools = p.add_subparsers(dest="tool", metavar="TOOL")
    tools.required = True
    ls = tools.add_parser(
        "labelstudio",
        help="a Label Studio JSON export",
        description="Read Label Studio's JSON export (Export > JSON) of tasks made by "
        "`newsgold export labelstudio`.",
    )
    ls.add_argument("export", type=Path, metavar="EXPORT.json", help="Label Studio's JSON export")
    ls.add_argument("--annotation-id", help="which annotation to take when a task has several")
    bt = tools.add_parser(
        "brat",
        help="a brat folder of .txt/.ann files",
        description="Read <doc_id>.ann files (with their .txt) from a brat folder made by "
        "`newsgold export brat`.",
    )
    bt.add_argument("folder", type=Path, metavar="DIR", help="the brat folder")
    bt.add_argument(
        "doc_ids", nargs="*", metavar="DOC_ID", help="documents to import (default: every .ann)"
    )
    for tool in (ls, bt):
        tool.add_argument(
            "--status",
            choices=["draft", "gold"],
            default="draft",
            help="status of the written file (default: draft)",
        )
        tool.add_argument(
            "--annotator",
            action="append",
            default=[],
            help="annotator name (repeatable; default: as exported)",
        )
        tool.add_argument("--force", action="store_true", help="replace a gold annotation file")
        add_root_option(tool)
        add_format_option(tool, "report")
    ls.set_defaults(func=run_labelstudio)
    bt.set_defaults(func=run_brat)


def _report(done: ImportResult, fmt: str) -> int:
    if fmt == "json":
        payload = {"imported": [d.to_dict() for d in done], "skipped": done.skipped}
        emit(jsonio.dumps(payload))
        return 0
    for doc in done:
        counts = ", ".join(f"{n} {layer}" for layer, n in doc.counts.items())
        print(f"wrote {doc.file}: {counts}")
        for note in doc.notes:
            print(f"  note: {note}")
    for reason in done.skipped:
        print(f"skipped: {reason}")
    print("next: newsgold validate, newsgold view")
    return 0


def run_labelstudio(args: argparse.Namespace) -> int:
    """Import a Label Studio export."""
    root = repository(args.root)
    done = labelstudio.import_labelstudio(
        root, args.export, args.status, args.annotator, args.force, args.annotation_id
    )
    return _report(done, args.format)


def run_brat(args: argparse.Namespace) -> int:
    """Import a brat folder."""
    root = repository(args.root)
    done = brat.import_brat(
        root, args.folder, args.doc_ids, args.status, args.annotator, args.force
    )
    return _report(done, args.format)
