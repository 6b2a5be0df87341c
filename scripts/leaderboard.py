#!/usr/bin/env python3
"""Make the leaderboard (docs/leaderboard.md): the shipped systems scored on the gold articles.

    python scripts/leaderboard.py [--root DIR] [--bootstrap N] [--seed S] [--write | --check]

It reports test scores with document-level bootstrap intervals, and validation separately (the
only split a system may be tuned on); a split without gold articles says so. Without --write or
--check it prints the board. --write updates docs/leaderboard.md, which `newsgold build` carries
into the release card; --check exits 1 when that file is out of date.

The third-party systems (newsgold.adapters.systems: pip install 'newsgold[systems]') get rows
when their library is installed, and are left out otherwise. --check recomputes every row it
can: the rows of a system not installed here are not compared, and it says so on stderr.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))  # run from a checkout

from newsgold.adapters import systems  # noqa: E402
from newsgold.baselines.leaderboard import (  # noqa: E402
    BOOTSTRAP,
    SEED,
    corpus_leaderboard,
    unchecked,
)
from newsgold.corpus import load_corpus  # noqa: E402
from newsgold.errors import NewsgoldError  # noqa: E402
from newsgold.pages import publish  # noqa: E402
from newsgold.progress import Progress  # noqa: E402

TARGET = Path("docs") / "leaderboard.md"


def main(argv: list[str] | None = None) -> int:
    """Print, write or check the leaderboard."""
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0],
        epilog="Third-party systems (pip install 'newsgold[systems]') get rows when their library "
        "is installed; --check does not compare the rows of those that are not, and says so.",
    )
    parser.add_argument("--root", type=Path, help="repository root (default: found upward)")
    parser.add_argument(
        "--bootstrap",
        type=int,
        default=BOOTSTRAP,
        metavar="N",
        help=f"bootstrap resamples of the test intervals (default: {BOOTSTRAP}; 0: none)",
    )
    parser.add_argument(
        "--seed", type=int, default=SEED, metavar="S", help=f"resampling seed (default: {SEED})"
    )
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--write", action="store_true", help=f"update {TARGET}")
    mode.add_argument("--check", action="store_true", help=f"exit 1 if {TARGET} is out of date")
    args = parser.parse_args(argv)
    try:
        corpus = load_corpus(args.root)
        installed = [name for name in systems.MODULES if systems.available(name)]
        missing = [name for name in systems.MODULES if name not in installed]
        table = corpus_leaderboard(
            corpus, Progress("systems"), args.bootstrap, args.seed, third_party=installed
        )
        target = corpus.root / TARGET
        if missing:
            print(
                f"leaderboard: not installed, left out (not checked by --check): "
                f"{', '.join(missing)}; how to add them: docs/benchmarking.md#third-party-systems",
                file=sys.stderr,
            )
        return publish(
            target,
            table,
            "write" if args.write else "check" if args.check else "print",
            "scripts/leaderboard.py",
            current=lambda page: unchecked(page, missing),
        )
    except NewsgoldError as err:
        print(f"leaderboard: {err.located()}", file=sys.stderr)
        return err.status


if __name__ == "__main__":
    raise SystemExit(main())
