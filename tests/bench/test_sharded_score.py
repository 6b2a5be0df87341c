"""Scoring shards in a process pool and merging the counts gives the single-process result."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from newsgold import synthetic
from newsgold.scoring import score

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "bench"))  # importable by name: the pool's workers unpickle from it
import sharded_score  # noqa: E402


def test_merged_shards_equal_single_process(tmp_path: Path) -> None:
    root = tmp_path / "syn"
    synthetic.write_corpus(root, 24, 3, synthetic.ErrorRates(), None, None)
    ids = sorted(p.stem for p in (root / "annotations").glob("*.json"))
    shards = {sharded_score.shard_of(d, 4) for d in ids}
    assert len(shards) > 1  # the documents really are spread over several shards
    single = score(root, root / "predictions.jsonl", root=root)
    merged = sharded_score.sharded(root, 4, 2)
    assert sharded_score.comparable(merged) == sharded_score.comparable(single)
    # And the totals are the ledger's, by the identity of docs/scaling.md ("Prediction errors"):
    # strict COR = correct + wrong_value, MIS = missed, SPU = spurious.
    ledger = json.loads((root / synthetic.LEDGER).read_text("utf-8"))
    entities = ledger["outcomes"]["entities"]
    counts = merged.to_dict()["scores"]["entities"]["schemes"]["strict"]["counts"]
    assert counts["COR"] == entities["correct"] + entities["wrong_value"]
    assert counts["MIS"] == entities["missed"] and counts["SPU"] == entities["spurious"]


def test_main_exits_zero_when_equal(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    root = tmp_path / "syn"
    synthetic.write_corpus(root, 6, 0, synthetic.ErrorRates(), None, None)
    assert sharded_score.main([str(root), "--shards", "3", "--workers", "2"]) == 0
    assert "merged == single-process: True" in capsys.readouterr().out
