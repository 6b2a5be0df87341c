"""Load a release's default config (``documents``) two ways, for the ``load`` benchmark.

    python bench/reference/load_release.py datasets RELEASE CACHE_PARENT ROWS.txt
    python bench/reference/load_release.py pyarrow RELEASE CACHE_PARENT ROWS.txt

``datasets``: ``datasets.load_dataset(RELEASE)`` with a fresh, empty ``HF_DATASETS_CACHE`` made
under CACHE_PARENT for this run (cold cache: the Parquet files are read, converted into the
cache's Arrow files and memory-mapped, every split), then the row count of each split is read.
``pyarrow``: ``pyarrow.parquet.read_table`` of the same files (``data/documents/*.parquet``, the
files the card's default config lists) into memory. Writes the rows per split to ROWS.txt;
both must agree.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path


def main(argv: list[str]) -> None:
    """Load and print rows per split."""
    how, release = argv[0], Path(argv[1])
    rows: dict[str, int] = {}
    if how == "datasets":
        os.environ["HF_DATASETS_CACHE"] = tempfile.mkdtemp(prefix="hf-cache-", dir=argv[2])
        import datasets  # after the cache is set: datasets reads it at import

        loaded = datasets.load_dataset(str(release))
        rows = {split: ds.num_rows for split, ds in loaded.items()}
    else:
        import pyarrow.parquet as pq

        for path in sorted((release / "data" / "documents").glob("*.parquet")):
            rows[path.name.split("-", 1)[0]] = pq.read_table(path).num_rows
    Path(argv[3]).write_text(" ".join(f"{split}={n}" for split, n in sorted(rows.items())))


if __name__ == "__main__":
    main(sys.argv[1:])
