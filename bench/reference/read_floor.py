"""The floor of any scorer of these files in Python: read them and nothing else.

    python bench/reference/read_floor.py ROOT PRED.jsonl

Timed: start the interpreter, read every annotation file of ROOT and every line of the
predictions with plain ``json.loads`` (no checks, no text, no scoring), exactly as
``nervaluate_entities.py`` reads them. Divided by nervaluate's time it is the best ratio a scorer
that reads its input could reach; a target below it cannot be met by scoring faster.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def main(root: Path, predictions: Path) -> None:
    """Parse every gold annotation file and prediction line; print how many were read."""
    gold = [json.loads(p.read_text("utf-8")) for p in sorted((root / "annotations").glob("*.json"))]
    with predictions.open(encoding="utf-8") as lines:
        predicted = [json.loads(line) for line in lines if line.strip()]
    print(len(gold), len(predicted))


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
