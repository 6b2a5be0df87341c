"""Write a synthetic corpus (and predictions with controlled errors) for benchmarks and tests.

    python scripts/make_synthetic.py --docs 1000 --seed 0 --out bench/work/n1000
    python scripts/make_synthetic.py --docs 50 --out /tmp/syn --errors missed=0.2,spurious=0

The folder gets corpus/, annotations/ (valid under ``newsgold validate --root DIR``),
predictions.jsonl, predictions.errors.json (what errors were injected, per layer), synthetic.json
and SYNTHETIC.md. Exit status: 0 written, 2 bad usage (including a target that is a real corpus).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

try:
    import newsgold  # noqa: F401
except ImportError:  # run from a checkout without installing: use its src/
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from newsgold.errors import NewsgoldError
from newsgold.progress import Progress
from newsgold.synthetic import ErrorRates, write_corpus


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, write the corpus, print a one-line summary."""
    parser = argparse.ArgumentParser(
        prog="make_synthetic.py",
        description="Write N synthetic articles (invented, clearly marked) with gold annotations "
        "and error-controlled predictions, in the repository layout.",
    )
    parser.add_argument("--docs", type=int, required=True, help="number of articles")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    parser.add_argument("--out", type=Path, required=True, help="folder to write (replaced)")
    parser.add_argument(
        "--errors",
        default="",
        metavar="NAME=RATE,...",
        help="prediction error rates: missed, shifted, wrong_type, wrong_value (exclusive "
        "outcomes per gold span) and spurious (extra spans per gold span); defaults "
        f"{ErrorRates().to_dict()}",
    )
    parser.add_argument("--no-predictions", action="store_true", help="gold only")
    parser.add_argument(
        "--min-annotations",
        type=int,
        metavar="K",
        help="long articles: each grows until it holds at least K annotations",
    )
    args = parser.parse_args(argv)
    try:
        rates = None if args.no_predictions else ErrorRates.parse(args.errors)
        began = time.perf_counter()
        summary = write_corpus(
            args.out, args.docs, args.seed, rates, Progress("synthetic"), args.min_annotations
        )
    except NewsgoldError as err:
        print(f"make_synthetic: {err.located()}", file=sys.stderr)
        return err.status
    seconds = time.perf_counter() - began
    print(
        f"wrote {summary.docs} synthetic articles ({summary.characters:,} characters, "
        f"{summary.annotations:,} annotations) to {args.out} in {seconds:.1f} s"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
