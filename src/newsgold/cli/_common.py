"""Helpers shared by the subcommands: the repository argument and where a report goes."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from newsgold import jsonio
from newsgold.atomic import write_text
from newsgold.corpus import ANNOTATIONS_DIR, CORPUS_DIR, LAYERS, find_root
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


TEXT_FORMATS = ("text", "json")  # commands that print a summary or a list of findings
REPORT_FORMATS = ("table", "json", "markdown")  # commands whose report pastes into a page


def add_format_option(
    p: argparse.ArgumentParser,
    what: str = "output",
    choices: Sequence[str] = TEXT_FORMATS,
) -> None:
    """``--format``: one of ``choices``, the first the default, which the help shows."""
    p.add_argument(
        "--format",
        choices=choices,
        default=choices[0],
        help=f"{what} format (default: %(default)s)",
    )


def add_out_option(p: argparse.ArgumentParser, help: str, metavar: str = "FILE") -> None:
    """``--out FILE|DIR``, where every command writes; ``--output`` is kept as a hidden alias.

    ``help`` says what is written and the default, e.g. "write the report here (default: ...)".
    """
    p.add_argument("--out", type=Path, metavar=metavar, help=help)
    p.add_argument("--output", type=Path, dest="out", help=argparse.SUPPRESS)


def add_layers_option(p: argparse.ArgumentParser, what: str) -> None:
    """``--layers LAYER...``: some of the annotation layers, all by default."""
    p.add_argument(
        "--layers",
        nargs="+",
        choices=LAYERS,
        default=list(LAYERS),
        metavar="LAYER",
        help=f"{what}: some of {', '.join(LAYERS)} (default: all)",
    )


def emit(text: str, output: Path | None = None) -> None:
    """Print text, or write it to a file atomically (a final line end is added when missing)."""
    text = text if not text or text.endswith("\n") else text + "\n"
    if output is None:
        sys.stdout.write(text)
    else:
        write_text(output, text)


def add_report_options(p: argparse.ArgumentParser) -> None:
    """``--format table|json|markdown`` and ``--out FILE``, as every report command has."""
    add_format_option(p, "report", REPORT_FORMATS)
    add_out_option(p, "write the report here (default: standard output)")


def report(
    args: argparse.Namespace, data: Any, text: Callable[[bool], str], rows: str | None = None
) -> int:
    """Emit a result as ``--format`` asks: JSON of ``data``, else ``text(markdown)``.

    ``rows`` names a per-document mapping of ``data`` written one compact line per entry.
    """
    if args.format == "json":
        emit(jsonio.dumps_with_rows(data, rows) if rows else jsonio.dumps(data), args.out)
    else:
        emit(text(args.format == "markdown"), args.out)
    return 0
