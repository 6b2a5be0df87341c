"""The leaderboard table and scripts/leaderboard.py, with a small exact-match scorer."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from typing import Any

import pytest

from newsgold.baselines.leaderboard import Column, leaderboard, lookup, to_markdown
from newsgold.errors import NewsgoldError

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "leaderboard.py"


def exact_f1(gold_docs: list[dict[str, Any]], predictions: list[dict[str, Any]]) -> dict[str, Any]:
    """Per layer, F1 of spans matching a gold span's offsets exactly (one to one)."""
    result: dict[str, Any] = {}
    by_doc = {p["doc_id"]: p for p in predictions}
    for layer in ("entities", "dates"):
        gold = {(g["doc_id"], s["start"], s["end"]) for g in gold_docs for s in g[layer]}
        pred = {
            (p["doc_id"], s["start"], s["end"]) for p in by_doc.values() for s in p.get(layer, [])
        }
        hits = len(gold & pred)
        f1 = 2 * hits / (len(gold) + len(pred)) if gold or pred else 1.0
        result[layer] = {"strict": {"f1": f1}}
    return result


GOLD = [
    {"doc_id": "a", "entities": [{"start": 0, "end": 4}, {"start": 10, "end": 15}], "dates": []},
    {"doc_id": "b", "entities": [{"start": 3, "end": 8}], "dates": [{"start": 0, "end": 2}]},
]
COLUMNS = [Column("Entities F1", "entities/strict/f1"), Column("Dates F1", "dates/strict/f1")]


def test_rows_and_markdown_from_the_score_callable() -> None:
    systems = {
        "perfect": [
            {"doc_id": "a", "entities": GOLD[0]["entities"]},
            {"doc_id": "b", "entities": GOLD[1]["entities"], "dates": GOLD[1]["dates"]},
        ],
        # entities: one hit of 3 gold and 2 predicted -> F1 = 2*1/5 = 0.4; dates: none -> 0
        "half": [{"doc_id": "a", "entities": [{"start": 0, "end": 4}, {"start": 5, "end": 6}]}],
    }
    rows = leaderboard(GOLD, systems, exact_f1, COLUMNS)
    assert [(r.system, r.values) for r in rows] == [("perfect", (1.0, 1.0)), ("half", (0.4, 0.0))]
    assert to_markdown(rows, COLUMNS) == (
        "| System | Entities F1 | Dates F1 |\n"
        "|---|---:|---:|\n"
        "| perfect | 100.0 | 100.0 |\n"
        "| half | 40.0 | 0.0 |\n"
    )


def test_lookup_names_what_is_missing() -> None:
    with pytest.raises(NewsgoldError) as caught:
        lookup({"entities": {"strict": {"f1": 0.5}}}, "entities/exact/f1")
    assert "'exact'" in caught.value.message and "['strict']" in caught.value.message
    with pytest.raises(NewsgoldError):
        lookup({"entities": {"strict": {"f1": "high"}}}, "entities/strict/f1")


def test_the_script_runs_the_baseline_and_prints_the_table(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # A repository with one invented article and empty gold; a scorer module giving every column.
    root = tmp_path / "repo"
    (root / "corpus").mkdir(parents=True)
    (root / "annotations").mkdir()
    (root / "corpus" / "d-1.txt").write_text("Ana Belov said on Friday that 3 ships left.\n")
    (root / "corpus" / "d-1.json").write_text(
        json.dumps({"published": "2025-04-15", "split": "test"})
    )
    (root / "annotations" / "d-1.json").write_text(json.dumps({"doc_id": "d-1"}))
    scorer = tmp_path / "count_scorer.py"
    scorer.write_text(
        "def score(gold, predictions):\n"
        "    n = {k: sum(len(p.get(k, [])) for p in predictions) for k in\n"
        "         ('entities', 'dates', 'figures', 'claims')}\n"
        "    return {'entities': {'strict': {'f1': n['entities'] / 10}},\n"
        "            'dates': {'value': {'f1': n['dates'] / 10}},\n"
        "            'figures': {'value': {'accuracy': n['figures'] / 10}},\n"
        "            'claims': {'content': {'f1': n['claims'] / 10}}}\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    spec = importlib.util.spec_from_file_location("leaderboard_script", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    status = module.main(["--root", str(root), "--split", "test", "--scorer", "count_scorer:score"])
    out = capsys.readouterr().out
    assert status == 0
    # The baseline finds 1 entity (Ana Belov), 1 date (Friday), 1 figure (3 ships), 1 claim.
    assert "| newsgold-rules-1 | 10.0 | 10.0 | 10.0 | 10.0 |" in out
    assert "on 1 document(s) (test)" in out
    sys.modules.pop("count_scorer", None)


def test_the_script_fails_cleanly_without_a_scorer(capsys: pytest.CaptureFixture[str]) -> None:
    spec = importlib.util.spec_from_file_location("leaderboard_script", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.main(["--scorer", "no_such_module_here:score"]) == 2
    assert "cannot load scorer" in capsys.readouterr().err
