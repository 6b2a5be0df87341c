"""The ``newsgold`` command: a thin layer that parses arguments and prints what library calls return."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from newsgold import __version__
from newsgold.errors import NewsgoldError

# One module per subcommand, each with register(subparsers) setting ``func(args) -> int``.
COMMANDS = [
    "validate",
    "audit",
    "build",
    "hydrate",
    "new",
    "retext",
    "export",
    "import_",
    "view",
    "baseline",
    "predict",
    "prompt",
    "score",
    "agree",
]


def parser(command: str | None = None) -> argparse.ArgumentParser:
    """The argument parser with every subcommand registered, or only ``command``'s.

    Registering one subcommand imports only its module: ``newsgold validate`` then starts without
    loading numpy, pyarrow or datasets, which other subcommands need.
    """
    top = argparse.ArgumentParser(
        prog="newsgold",
        description="An annotated news corpus: validate it, build releases, score extraction models.",
    )
    top.add_argument("--version", action="version", version=f"newsgold {__version__}")
    sub = top.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for name in COMMANDS:
        if command is None or name.rstrip("_") == command:
            importlib.import_module(f"newsgold.cli.{name}").register(sub)
    return top


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; return the exit status (0 ok, 1 invalid data, 2 bad usage)."""
    given = list(sys.argv[1:] if argv is None else argv)
    first = given[0] if given else None  # the subcommand: no top-level option takes a value
    known = first is not None and first in {name.rstrip("_") for name in COMMANDS}
    args = parser(first if known else None).parse_args(given)
    try:
        status: int = args.func(args)
    except NewsgoldError as err:
        print(f"newsgold {args.command}: {err.located()}", file=sys.stderr)
        return err.status
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    return status
