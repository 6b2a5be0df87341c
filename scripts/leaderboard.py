#!/usr/bin/env python3
"""Make the leaderboard (docs/leaderboard.md): the shipped systems scored on the corpus.

    python scripts/leaderboard.py [--root DIR] [--split SPLIT] [--write | --check]

Without --write or --check it prints the table. --write updates docs/leaderboard.md, which
`newsgold build` carries into the release card; --check exits 1 when that file is out of date.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))  # run from a checkout

from newsgold.atomic import write_text  # noqa: E402
from newsgold.baselines.leaderboard import corpus_leaderboard  # noqa: E402
from newsgold.corpus import load_corpus  # noqa: E402
from newsgold.errors import NewsgoldError  # noqa: E402
from newsgold.progress import Progress  # noqa: E402

TARGET = Path("docs") / "leaderboard.md"


def main(argv: list[str] | None = None) -> int:
    """Print, write or check the leaderboard."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, help="repository root (default: found upward)")
    parser.add_argument("--split", help="score only the documents of this split")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--write", action="store_true", help=f"update {TARGET}")
    mode.add_argument("--check", action="store_true", help=f"exit 1 if {TARGET} is out of date")
    args = parser.parse_args(argv)
    try:
        corpus = load_corpus(args.root)
        table = corpus_leaderboard(corpus, args.split, Progress("baseline"))
        target = corpus.root / TARGET
        if args.write:
            write_text(target, table)
        elif args.check:
            current = target.read_text(encoding="utf-8") if target.is_file() else ""
            if current != table:
                print(
                    f"{target} is out of date: run scripts/leaderboard.py --write", file=sys.stderr
                )
                return 1
        else:
            print(table, end="")
    except NewsgoldError as err:
        print(f"leaderboard: {err.located()}", file=sys.stderr)
        return err.status
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
