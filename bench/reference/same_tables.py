"""Check that two release folders hold the same Parquet files with equal tables (bench verify).

    python bench/reference/same_tables.py RELEASE FLOOR

Run in its own process so that bench/run.py never imports pyarrow: a child's peak-memory
figure includes the memory of the parent it was forked from.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pyarrow.parquet as pq


def main(ours: Path, floor: Path) -> int:
    """Print a note for the table, or the difference and exit 1."""
    names = sorted(p.relative_to(floor).as_posix() for p in floor.rglob("*.parquet"))
    built = sorted(p.relative_to(ours).as_posix() for p in ours.rglob("*.parquet"))
    if names != built:
        print(f"files differ: floor {names} vs release {built}")
        return 1
    rows = 0
    for name in names:
        a, b = pq.read_table(ours / name), pq.read_table(floor / name)
        if not a.equals(b):
            print(f"{name} differs between the release and the floor")
            return 1
        rows += a.num_rows
    print(f"(same {rows:,} rows in {len(names)} files)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(Path(sys.argv[1]), Path(sys.argv[2])))
