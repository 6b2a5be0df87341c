"""bench/run.py at a tiny size, so the benchmark code cannot rot between real runs."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_bench_runs_end_to_end_at_n_20(tmp_path: Path) -> None:
    out, work = tmp_path / "results", tmp_path / "work"
    done = subprocess.run(
        [sys.executable, str(REPO / "bench" / "run.py"), "--sizes", "20", "--long-spans", "300",
         "--out", str(out), "--work", str(work), "--label", "smoke"],
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    raw = json.loads((out / "smoke.json").read_text("utf-8"))
    rows = raw["rows"]
    # One row per benchmark for the 20-article corpus and one for the long articles:
    # max(2, 20 * 118 // 300) = 7 articles of 300+ annotations each.
    assert [(r["benchmark"], r["docs"]) for r in rows] == [("validate", 20), ("validate", 7)]
    assert rows[1]["annotations"] >= 7 * 300
    for row in rows:
        for side in ("ours", "reference"):
            assert row[side]["wall"] > 0 and row[side]["cpu"] > 0 and row[side]["peak_mb"] > 5
        assert abs(row["ratios"]["wall"] - row["ours"]["wall"] / row["reference"]["wall"]) < 1e-9
    table = (out / "smoke.md").read_text("utf-8")
    assert "| validate | articles | 20 |" in table and "check-jsonschema" in table
    assert (out / "smoke.png").read_bytes().startswith(b"\x89PNG")
    # The synthetic corpora stay in the work folder, out of the results.
    assert sorted(p.name for p in work.iterdir()) == [
        "synthetic-s0-n20",
        "synthetic-s0-n7-long300",
    ]
