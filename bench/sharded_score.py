"""Scoring as a map over shards with the additive counts merged at the end, checked exact.

    PYTHONPATH=src python bench/sharded_score.py CORPUS [--shards 8] [--workers 2]

CORPUS is a synthetic repository (``scripts/make_synthetic.py``: corpus/, annotations/,
predictions.jsonl). The doc ids are cut into shards by a stable hash (sha256 of the doc_id, so a
document always lands in the same shard whatever the corpus size); each shard is scored in a
process pool with ``newsgold.scoring.score`` (its gold annotations and its prediction lines only:
the map), and ``newsgold.scoring.merge`` sums the per-document counts (the reduce). The script
also scores everything in one process and exits 1 unless the merged result's JSON equals the
single-process JSON, key for key, apart from the ``predictions`` name. It prints both times.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from newsgold.scoring import ScoreResult, merge, score


def shard_of(doc_id: str, shards: int) -> int:
    """A stable shard number: the first 8 bytes of sha256(doc_id) modulo the shard count."""
    return int.from_bytes(hashlib.sha256(doc_id.encode("utf-8")).digest()[:8], "big") % shards


def _score_shard(job: tuple[str, list[dict[str, Any]], list[dict[str, Any]]]) -> ScoreResult:
    """The map step: one shard's gold annotations against its predictions."""
    root, gold, predictions = job
    return score(gold, predictions, root=Path(root))


def sharded(root: Path, shards: int, workers: int) -> ScoreResult:
    """Cut gold and predictions into shards, score each in a process pool, merge the counts."""
    gold: list[list[dict[str, Any]]] = [[] for _ in range(shards)]
    for path in sorted((root / "annotations").glob("*.json")):
        ann = json.loads(path.read_text("utf-8"))
        gold[shard_of(ann["doc_id"], shards)].append(ann)
    predicted: list[list[dict[str, Any]]] = [[] for _ in range(shards)]
    with (root / "predictions.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                obj = json.loads(line)
                predicted[shard_of(obj["doc_id"], shards)].append(obj)
    jobs = [(str(root), gold[i], predicted[i]) for i in range(shards) if gold[i]]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        results = list(pool.map(_score_shard, jobs))
    return merge(results)


def comparable(result: ScoreResult) -> dict[str, Any]:
    """The score JSON without the name of the predictions it was read from."""
    data = result.to_dict()
    data.pop("predictions")
    return data


def main(argv: list[str] | None = None) -> int:
    """Score sharded and in one process; exit 1 unless the results are equal."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--shards", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    root = args.corpus.resolve()
    began = time.perf_counter()
    single = score(root, root / "predictions.jsonl", root=root)
    one = time.perf_counter() - began
    began = time.perf_counter()
    merged = sharded(root, args.shards, args.workers)
    many = time.perf_counter() - began
    same = comparable(merged) == comparable(single)
    print(
        f"{len(single.documents):,} documents: one process {one:.2f} s; {args.shards} shards on "
        f"{args.workers} workers, merged {many:.2f} s; merged == single-process: {same}"
    )
    print(f"entities strict F1 {single.headline()['entities.strict_f1']:.6f} (both)")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
