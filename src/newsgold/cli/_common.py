"""Helpers shared by the subcommands: the repository argument and where a report goes."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from newsgold import jsonio
from newsgold.atomic import write_text
from newsgold.corpus import ANNOTATIONS_DIR, CORPUS_DIR, find_root
from newsgold.errors import NewsgoldError


def repository(root: Path | None) -> Path:
    """The repository root: ``--root`` as given (checked), else found from the current folder up."""
    if root is None:
        return find_root()
    if not (root / CORPUS_DIR).is_dir() or not (root / ANNOTATIONS_DIR).is_dir():
        raise NewsgoldError(
            "--root is not a newsgold repository (expected corpus/ and annotations/ in it)",
            str(root),
            status=2,
        )
    return root.resolve()


ROOT_HELP = "repository root (default: found from the current folder upward)"


def add_root_option(p: argparse.ArgumentParser) -> None:
    """``--root DIR``, the repository to work on, as every repository command has."""
    p.add_argument("--root", type=Path, help=ROOT_HELP)


def add_split_option(p: argparse.ArgumentParser, what: str = "only articles") -> None:
    """``--split SPLIT...``: splits the corpus has (validation, test); an unknown one exits 2."""
    p.add_argument(
        "--split",
        nargs="+",
        metavar="SPLIT",
        help=f"{what} of these splits (ones the corpus has, e.g. validation or test)",
    )


def add_format_option(p: argparse.ArgumentParser, what: str = "output") -> None:
    """``--format text|json`` for commands whose output a script may consume."""
    p.add_argument(
        "--format", choices=["text", "json"], default="text", help=f"{what} format (default: text)"
    )


def emit(text: str, output: Path | None = None) -> None:
    """Print text, or write it to a file atomically (a final line end is added when missing)."""
    text = text if not text or text.endswith("\n") else text + "\n"
    if output is None:
        sys.stdout.write(text)
    else:
        write_text(output, text)


def add_report_options(p: argparse.ArgumentParser) -> None:
    """``--format table|json|markdown`` and ``--output FILE``, as every report command has."""
    p.add_argument(
        "--format", choices=["table", "json", "markdown"], default="table", help="output format"
    )
    p.add_argument(
        "--output",
        type=Path,
        metavar="FILE",
        help="write the report here (default: standard output)",
    )


def report(
    args: argparse.Namespace, data: Any, text: Callable[[bool], str], rows: str | None = None
) -> int:
    """Emit a result as ``--format`` asks: JSON of ``data``, else ``text(markdown)``.

    ``rows`` names a per-document mapping of ``data`` written one compact line per entry.
    """
    if args.format == "json":
        emit(jsonio.dumps_with_rows(data, rows) if rows else jsonio.dumps(data), args.output)
    else:
        emit(text(args.format == "markdown"), args.output)
    return 0
