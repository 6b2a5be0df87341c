"""schemas.fast_validator (refs inlined, used to read predictions fast) agrees with validator."""

from __future__ import annotations

import copy
import json
import random
from pathlib import Path
from typing import Any

from newsgold.schemas import fast_validator, validator

ROOT = Path(__file__).resolve().parents[2]
GOLD = json.loads(
    (ROOT / "annotations" / "2025-02-04-themoscowtimes-a87849.json").read_text(encoding="utf-8")
)
ODD_VALUES: list[Any] = [None, -1, 0, 1.5, "", "x", "GPE", "MID", "hedged", [], {}, True]


def _paths(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [path]
    if isinstance(node, dict):
        out += [p for k, v in node.items() for p in _paths(v, (*path, k))]
    elif isinstance(node, list):
        out += [p for i, v in enumerate(node) for p in _paths(v, (*path, i))]
    return out


def _mutations(data: dict[str, Any], seed: int, count: int) -> list[Any]:
    """Copies of data with one value replaced, one key removed or one key added."""
    rng = random.Random(seed)
    paths = [p for p in _paths(data) if p]
    out = []
    for _ in range(count):
        copy_ = copy.deepcopy(data)
        path = rng.choice(paths)
        parent = copy_
        for part in path[:-1]:
            parent = parent[part]
        roll = rng.random()
        if roll < 0.6:
            parent[path[-1]] = rng.choice(ODD_VALUES)
        elif roll < 0.8 and isinstance(parent, dict):
            del parent[path[-1]]
        elif isinstance(parent, dict):
            parent["unexpected"] = 1
        out.append(copy_)
    return out


def test_same_verdicts_on_annotations_and_predictions() -> None:
    small = {k: v[:3] if isinstance(v, list) else v for k, v in GOLD.items()}  # 3 items a layer
    layers = {k: small[k] for k in ("entities", "dates", "figures", "claims")}
    prediction = {"doc_id": GOLD["doc_id"], **layers}
    for name, data in (("annotations", small), ("predictions", prediction)):
        samples = [data, *_mutations(data, 1, 300)]
        verdicts = [
            (validator(name).is_valid(x), fast_validator(name).is_valid(x)) for x in samples
        ]
        assert all(slow == fast for slow, fast in verdicts)
        assert {slow for slow, _ in verdicts} == {True, False}  # both outcomes were exercised


def test_integers_are_ints_in_both() -> None:
    # JSON Schema counts 4.0 as an integer; validator() does not (an offset 4.0 breaks slicing),
    # and fast_validator() once did, so the scorer accepted it.
    line = {"doc_id": "a", "entities": [{"start": 0, "end": 4.0, "type": "ORG"}]}
    assert not validator("predictions").is_valid(line)
    assert not fast_validator("predictions").is_valid(line)
