"""bench/run.py at a tiny size, so the benchmark code cannot rot between real runs."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.slow  # every benchmark and its reference, twice over (50 and 19 long articles)
def test_bench_runs_end_to_end_at_n_50(tmp_path: Path) -> None:
    out, work = tmp_path / "results", tmp_path / "work"
    done = subprocess.run(
        [sys.executable, str(REPO / "bench" / "run.py"), "--sizes", "50", "--long-spans", "300",
         "--out", str(out), "--work", str(work), "--label", "smoke"],
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    raw = json.loads((out / "smoke.json").read_text("utf-8"))
    rows = raw["rows"]
    # One row per benchmark for the 50-article corpus, then one per benchmark for the long
    # articles: max(2, 50 * 118 // 300) = 19 articles of 300+ annotations each.
    names = [
        "validate",
        "build",
        "score",
        "score cold",
        "score parquet",
        "score floor",
        "score floor parquet",
        "score floor stdlib",
        "load",
    ]
    assert [(r["benchmark"], r["docs"]) for r in rows] == [(n, 50) for n in names] + [
        (n, 19) for n in names
    ]
    assert all(r["annotations"] >= 19 * 300 for r in rows[len(names) :])
    notes = {(r["benchmark"], r["docs"]): r["note"] for r in rows}
    # The verify steps ran: same Parquet rows as the floor, nervaluate's counts, same loaded rows.
    assert notes[("build", 50)].startswith("(same ") and "rows in 18 files" in notes[("build", 50)]
    assert notes[("score", 50)].startswith("(counts identical to nervaluate's")
    assert notes[("score parquet", 50)] == notes[("score", 50)]  # the same counts from Parquet
    assert notes[("score cold", 50)] == notes[("score", 50)]  # and without the cache
    # 50 articles: the synthetic metadata splits them 43 / 4 / 3 (as the release build reports).
    assert notes[("load", 50)] == "(same rows: test=3 train=43 validation=4)"
    for row in rows:
        for side in ("ours", "reference"):
            assert row[side]["wall"] > 0 and row[side]["cpu"] > 0 and row[side]["peak_mb"] > 5
        assert abs(row["ratios"]["wall"] - row["ours"]["wall"] / row["reference"]["wall"]) < 1e-9
    table = (out / "smoke.md").read_text("utf-8")
    for name in names:
        assert f"| {name} | articles | 50 |" in table
    assert "check-jsonschema" in table and "nervaluate 1.2.1" in table
    assert (out / "smoke.png").read_bytes().startswith(b"\x89PNG")
    # The synthetic corpora stay in the work folder, out of the results.
    assert sorted(p.name for p in work.iterdir()) == [
        "synthetic-s0-n19-long300",
        "synthetic-s0-n50",
    ]
