"""The split record: which articles form ``validation``; every other article is ``test``.

``provenance/splits.json`` lists the validation doc_ids and how they were drawn (a stratified
sample over source, topic and year with a fixed seed, by ``scripts/draw_splits.py``). There is no
train split: newsgold is an evaluation set. The metadata's ``split`` repeats the record, and the
validator checks that the two agree and that the record names only articles of the corpus.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsgold import jsonio
from newsgold.corpus import Corpus
from newsgold.errors import NewsgoldError

SPLITS_FILE = "provenance/splits.json"
SPLITS = ("validation", "test")
# Below this many documents in a split, document-level bootstrap intervals and paired tests say
# little (newsgold score warns; the card and leaderboard say so).
MIN_DOCUMENTS = 30


@dataclass(frozen=True)
class Candidate:
    """An article that may be drawn: its doc_id, stratum (source and topic) and date."""

    doc_id: str
    stratum: str
    published: str


def stratum(metadata: dict[str, Any]) -> str | None:
    """The stratum of an article: its source corpus folder and topic; None for non-sources."""
    provenance = metadata.get("provenance")
    if not provenance:
        return None
    folder = provenance["source_file"].split("/")[1]
    return f"{folder}/{provenance.get('topic') or '-'}"


def draw_validation(candidates: list[Candidate], size: int, seed: int) -> list[str]:
    """A stratified, date-spread sample of ``size`` doc_ids.

    Each stratum gets a share proportional to its size (largest remainders first); within a
    stratum, articles are sorted by date and drawn systematically from a seeded random start, so
    the sample spreads over the years each stratum covers. Same input and seed, same sample.
    """
    if size > len(candidates):
        raise NewsgoldError(f"cannot draw {size} articles from {len(candidates)}", status=2)
    groups: dict[str, list[Candidate]] = defaultdict(list)
    for c in candidates:
        groups[c.stratum].append(c)
    total = len(candidates)
    quotas = {name: size * len(group) // total for name, group in groups.items()}
    remainders = sorted(
        groups, key=lambda name: (-(size * len(groups[name]) % total), name)
    )  # largest remainder first, ties by name
    for name in remainders[: size - sum(quotas.values())]:
        quotas[name] += 1
    rng = random.Random(seed)
    chosen: list[str] = []
    for name in sorted(groups):
        group = sorted(groups[name], key=lambda c: (c.published, c.doc_id))
        quota = quotas[name]
        if not quota:
            continue
        step = len(group) / quota
        offset = rng.random() * step
        chosen += [group[int(offset + i * step)].doc_id for i in range(quota)]
    return sorted(chosen)


def load_splits(root: Path) -> dict[str, Any] | None:
    """The split record, or None when the repository has none."""
    path = root / SPLITS_FILE
    if not path.exists():
        return None
    record = jsonio.load(path)
    if not isinstance(record, dict) or not isinstance(record.get("validation"), list):
        raise NewsgoldError("expected an object with a list 'validation'", SPLITS_FILE, "")
    for index, doc_id in enumerate(record["validation"]):
        if not isinstance(doc_id, str):
            raise NewsgoldError(
                f"expected a doc_id string, got {doc_id!r}", SPLITS_FILE, f"/validation/{index}"
            )
    return record


def assigned_split(record: dict[str, Any] | None, doc_id: str) -> str:
    """The split the record gives an article: validation if listed, else test."""
    if record is not None and doc_id in record["validation"]:
        return "validation"
    return "test"


def check_splits(wanted: Sequence[str] | None, present: Iterable[str | None]) -> None:
    """Refuse split names the corpus does not have (a usage error, exit 2, naming those it has).

    ``present``: the split of every article (None for an article without one).
    """
    if not wanted:
        return
    have = {split for split in present if isinstance(split, str)}
    unknown = [split for split in dict.fromkeys(wanted) if split not in have]
    if unknown:
        order = {name: rank for rank, name in enumerate(("train", *SPLITS))}
        valid = sorted(have, key=lambda s: (order.get(s, len(order)), s))
        listing = ", ".join(valid) if valid else "none (no article has a split)"
        raise NewsgoldError(
            f"unknown split {', '.join(repr(s) for s in unknown)}; the corpus has: {listing}",
            status=2,
        )


def in_splits(corpus: Corpus, wanted: Sequence[str] | None) -> Corpus:
    """The corpus's articles of the splits asked for (all without any), unknown splits refused."""
    check_splits(wanted, (doc.metadata.get("split") for doc in corpus))
    if not wanted:
        return corpus
    return Corpus(corpus.root, [d for d in corpus if d.metadata.get("split") in wanted])
