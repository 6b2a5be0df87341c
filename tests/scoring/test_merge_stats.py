"""Additive counts (merging shards), bootstrap intervals and paired tests."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest
from scoring_helpers import rows_document

from newsgold.corpus import Document
from newsgold.errors import NewsgoldError
from newsgold.scoring import gold_from_rows, merge, paired_test, score
from newsgold.scoring.score import ScoreResult
from newsgold.scoring.stats import bootstrap_intervals

TYPES = ("GPE", "ORG", "PERSON")


def _corpus(n: int, seed: int) -> tuple[list[Document], list[dict[str, Any]], list[dict[str, Any]]]:
    """n documents of 30 words with gold entities, and two noisy systems' predictions."""
    rng = random.Random(seed)
    rows, system_a, system_b = [], [], []
    for d in range(n):
        words = [f"w{k:02d}" for k in range(30)]
        text = " ".join(words)  # word k spans 4k : 4k+3
        gold = [
            {"start": 4 * k, "end": 4 * k + 3, "type": rng.choice(TYPES), "entity_id": f"e{k}"}
            for k in range(30)
            if rng.random() < 0.4
        ]
        rows.append(rows_document(f"doc-{d:02d}", text, entities=gold))
        for system, noise in ((system_a, 0.1), (system_b, 0.4)):
            pred = []
            for g in gold:
                roll = rng.random()
                if roll < noise:
                    continue
                item = {"start": g["start"], "end": g["end"], "type": g["type"]}
                if roll < 2 * noise:
                    item["type"] = rng.choice(TYPES)
                pred.append(item)
            if rng.random() < noise:
                pred.append({"start": 1, "end": 2, "type": "ORG"})
            system.append({"doc_id": f"doc-{d:02d}", "entities": pred})
    return gold_from_rows(rows), system_a, system_b


def _without_name(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if k != "predictions"}


def test_merged_shards_equal_the_whole(tmp_path: Path) -> None:
    gold, system, _ = _corpus(12, 1)
    whole = score(gold, system)
    # Shards as separate prediction files, each scored against all the gold (the other shards'
    # documents are missing there), written as JSON and read back as --merge does.
    shards = [system[:5], system[5:9], system[9:]]
    files = []
    for k, shard in enumerate(shards):
        path = tmp_path / f"shard{k}.json"
        path.write_text(json.dumps(score(gold, shard).to_dict()), encoding="utf-8")
        files.append(ScoreResult.from_dict(json.loads(path.read_text(encoding="utf-8")), str(path)))
    merged = merge(files)
    assert _without_name(merged.to_dict(per_doc=True)) == _without_name(whole.to_dict(per_doc=True))
    # Documents missing everywhere stay missing: leave doc-11 out of every shard.
    partial = merge([score(gold, system[:5]), score(gold, system[5:11])])
    assert partial.missing == ["doc-11"]
    assert partial.headline() == score(gold, system[:11]).headline()


def test_merge_refuses_overlapping_shards_and_different_options() -> None:
    gold, system, _ = _corpus(4, 2)
    with pytest.raises(NewsgoldError, match="predicted here and in") as err:
        merge([score(gold, system[:3]), score(gold, system[2:])], ["a.json", "b.json"])
    # system[2] is in both shards: the error points at its record in the second.
    doc_id = system[2]["doc_id"]
    assert (err.value.file, err.value.pointer) == ("b.json", f"/documents/{doc_id}/missing")
    with pytest.raises(NewsgoldError, match="expected the same options") as err:
        merge([score(gold, system[:2]), score(gold, system[2:], tolerance=0.5)], ["a", "b"])
    assert (err.value.file, err.value.pointer) == ("b", "/tolerance")


def test_merge_refuses_different_gold() -> None:
    gold, system, _ = _corpus(2, 3)
    other = [
        Document(d.doc_id, d.text, d.metadata, {**d.annotations, "entities": []}) for d in gold
    ]
    with pytest.raises(NewsgoldError, match="different gold") as err:
        merge([score(gold, system[:1]), score(other, system[1:])])
    assert err.value.pointer == f"/documents/{gold[0].doc_id}/gold"


def test_bootstrap_is_reproducible_with_a_seed() -> None:
    gold, system, _ = _corpus(15, 4)
    first = score(gold, system, bootstrap=300, seed=7)
    again = score(gold, system, bootstrap=300, seed=7)
    other = score(gold, system, bootstrap=300, seed=8)
    assert (
        first.bootstrap is not None and again.bootstrap is not None and other.bootstrap is not None
    )
    assert first.bootstrap.intervals == again.bootstrap.intervals
    assert first.bootstrap.intervals != other.bootstrap.intervals
    low, high = first.bootstrap.intervals["entities.strict_f1"]
    assert low is not None and high is not None
    assert 0.0 <= low <= high <= 1.0
    assert low < high  # documents differ, so resamples do
    # The same intervals from the merged counts as from the direct run.
    assert (
        bootstrap_intervals(merge([score(gold, system)]), 300, 7).intervals
        == first.bootstrap.intervals
    )


def test_bootstrap_of_a_single_document_has_no_spread() -> None:
    gold, system, _ = _corpus(1, 5)
    result = score(gold, system, bootstrap=50, seed=0)
    assert result.bootstrap is not None
    low, high = result.bootstrap.intervals["entities.strict_f1"]
    assert low == high == result.headline()["entities.strict_f1"]


@pytest.mark.parametrize("method", ["bootstrap", "randomization"])
def test_paired_test(method: str) -> None:
    gold, a, b = _corpus(30, 6)
    result_a, result_b = score(gold, a), score(gold, b)
    comparison = paired_test(result_a, result_b, 500, 1, method)
    test = comparison.tests["entities.strict_f1"]
    assert test.difference is not None and test.difference > 0.2  # 10% against 40% noise
    assert test.p_value is not None and test.p_value < 0.01
    # A system compared with itself: the difference is 0 and p is 1.
    same = paired_test(result_a, result_a, 200, 1, method).tests["entities.strict_f1"]
    assert same.difference == 0.0 and same.p_value == 1.0
    # Reproducible with the seed.
    again = paired_test(result_a, result_b, 500, 1, method)
    assert again.to_dict() == comparison.to_dict()


def test_randomization_of_one_document_cannot_be_significant() -> None:
    gold, a, b = _corpus(1, 7)
    test = paired_test(score(gold, a), score(gold, b), 100, 0, "randomization").tests[
        "entities.strict_f1"
    ]
    assert test.p_value == 1.0  # swapping the only document gives |d*| = |d| every time
