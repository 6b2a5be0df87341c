"""The real corpus of the repository validates clean, and the seed article is what it should be."""

from __future__ import annotations

import hashlib
from pathlib import Path

from newsgold.corpus import load_corpus
from newsgold.validate import validate

ROOT = Path(__file__).resolve().parents[2]
SEED = "2025-02-04-themoscowtimes-a87849"


def test_repository_validates_clean() -> None:
    report = validate(ROOT)
    assert [i.line() for i in report.incidents] == []
    assert report.documents >= 1


def test_seed_text_is_byte_identical_to_the_published_article() -> None:
    raw = (ROOT / "corpus" / f"{SEED}.txt").read_bytes()
    assert hashlib.sha256(raw).hexdigest() == (
        "5d790fcce9a165af9518b7a1571ecc4c06952e4ca72b6ffd46fa635d6c155787"
    )


def test_seed_metadata() -> None:
    doc = load_corpus(ROOT).get(SEED)
    meta = doc.metadata
    assert meta["published"] == "2025-02-04"
    assert meta["split"] == "test"
    assert meta["url"].endswith("-a87849")
    assert doc.annotations["status"] == "gold"
