"""``newsgold export``: write tasks or files for an annotation tool (Label Studio, brat)."""

from __future__ import annotations

import argparse
from typing import Any

from newsgold import jsonio
from newsgold.cli._common import (
    add_format_option,
    add_out_option,
    add_root_option,
    emit,
    repository,
)
from newsgold.formats import brat, labelstudio
from newsgold.formats.common import Exported


def register(sub: Any) -> None:
    """Add the export subcommand with one sub-subcommand per tool."""
    p = sub.add_parser(
        "export",
        help="write the corpus for an annotation tool",
        description="Write documents for Label Studio or brat. Each export checks that importing "
        "it back gives the same annotation JSON and lists anything it would not carry.",
    )
    tools = p.add_subparsers(dest="tool", metavar="TOOL")
    tools.required = True
    ls = tools.add_parser(
        "labelstudio",
        help="Label Studio tasks (tasks.json) and labeling config (config.xml)",
        description="Write tasks.json (text, doc_id, existing annotations as Label Studio results "
        "with UTF-16 offsets) and config.xml (the labeling config for all layers) into --out.",
    )
    ls.add_argument(
        "--preannotate",
        action="store_true",
        help="add predictions of the rule baseline (newsgold.baselines.rules)",
    )
    bt = tools.add_parser(
        "brat",
        help="brat standoff (.txt + .ann, annotation.conf)",
        description="Write <doc_id>.txt and <doc_id>.ann per document, annotation.conf and "
        "newsgold.json (status, annotators, guidelines version) into --out.",
    )
    for tool, default in ((ls, "exports/labelstudio"), (bt, "exports/brat")):
        tool.add_argument(
            "doc_ids", nargs="*", metavar="DOC_ID", help="documents to export (default: all)"
        )
        add_out_option(tool, f"output folder (default: {default} in the repository)", "DIR")
        add_root_option(tool)
        add_format_option(tool, "report")
    ls.set_defaults(func=run_labelstudio)
    bt.set_defaults(func=run_brat)


def _report(result: Exported, fmt: str, what: str) -> int:
    if fmt == "json":
        emit(jsonio.dumps(result.to_dict()))
        return 0
    print(f"wrote {what} for {len(result.documents)} document(s) into {result.out}")
    for doc in result.documents:
        lost = doc["not_carried"]
        verdict = "round trip lossless" if not lost else f"NOT carried: {', '.join(lost[:10])}"
        print(f"  {doc['doc_id']}: {verdict}")
    return 0


def run_labelstudio(args: argparse.Namespace) -> int:
    """Export Label Studio tasks and config."""
    root = repository(args.root)
    out = args.out or root / "exports" / "labelstudio"
    result = labelstudio.export_labelstudio(root, args.doc_ids, out, args.preannotate)
    status = _report(result, args.format, "tasks.json and config.xml")
    if args.format == "text":
        print("import tasks.json into a Label Studio project whose labeling config is config.xml;")
        print("then export JSON from Label Studio and run: newsgold import labelstudio EXPORT.json")
    return status


def run_brat(args: argparse.Namespace) -> int:
    """Export brat standoff files."""
    root = repository(args.root)
    result = brat.export_brat(root, args.doc_ids, args.out or root / "exports" / "brat")
    status = _report(result, args.format, ".txt/.ann files and annotation.conf")
    if args.format == "text":
        print(
            f"copy {result.out} into brat's data folder, annotate, "
            f"then run: newsgold import brat {result.out}"
        )
    return status
