"""Builders shared by the scoring tests: synthetic spans and documents."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

from newsgold.scoring.matching import Span

LABELS = ("PER", "ORG", "LOC")


def sp(start: int, end: int, label: str = "PER") -> Span:
    """A span with an empty tie-break key."""
    return Span(start, end, label)


def random_spans(
    rng: random.Random, n: int, size: int = 200, overlapping: bool = True
) -> list[Span]:
    """n random spans of 1-8 characters (pairwise disjoint when overlapping is False)."""
    out: list[Span] = []
    tries = 0
    while len(out) < n and tries < 50 * n:
        tries += 1
        start = rng.randrange(0, size - 8)
        span = Span(start, start + rng.randint(1, 8), rng.choice(LABELS))
        if overlapping or all(span.end <= s.start or s.end <= span.start for s in out):
            out.append(span)
    return out


def entity(start: int, end: int, text: str, type_: str = "GPE", **extra: Any) -> dict[str, Any]:
    """A gold-shaped entity item over ``text`` (the document text)."""
    return {
        "start": start,
        "end": end,
        "text": text[start:end],
        "type": type_,
        "entity_id": "x",
        **extra,
    }


def rows_document(doc_id: str, text: str, **layers: list[dict[str, Any]]) -> dict[str, Any]:
    """An annotation-shaped row with its text, status gold, and the four layers."""
    row: dict[str, Any] = {"doc_id": doc_id, "text": text, "status": "gold", "split": "test"}
    for layer in ("entities", "dates", "figures", "claims"):
        row[layer] = layers.get(layer, [])
    return row


def copies_of_valid_case(root: Path, docs: dict[str, tuple[str, str]]) -> Path:
    """A repository at root holding copies of the validator's valid case (one small gold article
    with every layer) under new doc_ids: doc_id -> (split, status)."""
    case = Path(__file__).resolve().parents[1] / "validate" / "cases" / "valid"
    (source,) = [p.stem for p in (case / "corpus").glob("*.txt")]
    for folder in ("corpus", "annotations"):
        (root / folder).mkdir(parents=True)
    for doc_id, (split, status) in docs.items():
        (root / "corpus" / f"{doc_id}.txt").write_bytes(
            (case / "corpus" / f"{source}.txt").read_bytes()
        )
        meta = json.loads((case / "corpus" / f"{source}.json").read_text("utf-8"))
        meta.update(doc_id=doc_id, split=split, url=f"{meta['url']}/{doc_id}")
        (root / "corpus" / f"{doc_id}.json").write_text(json.dumps(meta), "utf-8")
        ann = json.loads((case / "annotations" / f"{source}.json").read_text("utf-8"))
        ann.update(doc_id=doc_id, status=status)
        (root / "annotations" / f"{doc_id}.json").write_text(json.dumps(ann), "utf-8")
    return root
