"""Untimed preparation: write a JSON Lines predictions file as Parquet with newsgold's writer.

python bench/reference/to_parquet.py PRED.jsonl OUT.parquet
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from newsgold.prediction_files import write_predictions


def main(source: Path, out: Path) -> None:
    """Convert, one line at a time."""
    with source.open(encoding="utf-8") as lines:
        written = write_predictions((json.loads(line) for line in lines if line.strip()), out)
    print(written)


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
