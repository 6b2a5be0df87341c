"""The reference of ``newsgold score`` on the entity layer: nervaluate 1.2.1, all four schemes.

    python bench/reference/nervaluate_entities.py ROOT PRED.jsonl OUT.json

Timed, all of it: read every gold annotation file of ROOT and the predictions (``json.loads`` per
line), convert the entity spans to nervaluate's dicts (``end`` inclusive: our exclusive character
end minus one), and run ``Evaluator(true, pred, tags, loader="dict").evaluate()`` over all
documents, with every entity type of the gold and the predictions as ``tags`` (so none is
silently dropped). Writes the overall COR, INC, PAR, MIS, SPU, POS and ACT of each scheme, named
as newsgold names them (nervaluate's ``ent_type`` is our ``type``), and per document the five
outcome counts of each scheme (from nervaluate's indices), so a difference can be located.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from nervaluate import Evaluator

SCHEMES = {"strict": "strict", "exact": "exact", "partial": "partial", "type": "ent_type"}
OUTCOMES = (
    "correct_indices", "incorrect_indices", "partial_indices", "missed_indices", "spurious_indices"
)  # fmt: skip


def _spans(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{"label": s["type"], "start": s["start"], "end": s["end"] - 1} for s in items]


def main(root: Path, predictions: Path, out: Path) -> None:
    """Score and write the overall counts per scheme."""
    gold: dict[str, list[dict[str, Any]]] = {}
    for path in sorted((root / "annotations").glob("*.json")):
        ann = json.loads(path.read_text("utf-8"))
        if ann["status"] == "gold":
            gold[ann["doc_id"]] = _spans(ann["entities"])
    predicted: dict[str, list[dict[str, Any]]] = {}
    with predictions.open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                data = json.loads(line)
                predicted[data["doc_id"]] = _spans(data.get("entities") or [])
    ids = sorted(gold)
    true = [gold[d] for d in ids]
    pred = [predicted.get(d, []) for d in ids]
    tags = sorted({s["label"] for doc in true + pred for s in doc})
    results = Evaluator(true, pred, tags, loader="dict").evaluate()
    counts = {}
    for ours, theirs in SCHEMES.items():
        r = results["overall"][theirs]
        counts[ours] = {
            "COR": r.correct,
            "INC": r.incorrect,
            "PAR": r.partial,
            "MIS": r.missed,
            "SPU": r.spurious,
            "POS": r.possible,
            "ACT": r.actual,
        }
    # Per document, from nervaluate's indices (doc index, span index): to locate any difference.
    per_doc: dict[str, dict[str, list[int]]] = {d: {} for d in ids}
    for ours, theirs in SCHEMES.items():
        found = results["overall_indices"][theirs]
        for d in ids:
            per_doc[d][ours] = [0, 0, 0, 0, 0]
        for slot, name in enumerate(OUTCOMES):
            for doc_index, _ in getattr(found, name):
                per_doc[ids[doc_index]][ours][slot] += 1
    data = {"documents": len(ids), "counts": counts, "per_document": per_doc}
    out.write_text(json.dumps(data) + "\n")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]))
