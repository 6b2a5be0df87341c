"""The live corpus keeps its invariants (never its size), and the seed article is what it should be."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from live_repo import ROOT, SEED, copy_articles, invariant_problems, set_status

from newsgold.corpus import load_corpus
from newsgold.splits import load_splits
from newsgold.validate import validate


def test_repository_validates_clean() -> None:
    report = validate(ROOT)
    assert [i.line() for i in report.incidents] == []
    assert report.documents >= 1


def test_repository_keeps_the_corpus_invariants() -> None:
    assert invariant_problems(ROOT) == []


def test_the_invariants_catch_an_empty_split_and_a_corpus_without_gold(tmp_path: Path) -> None:
    # The seed alone: valid, but nothing is in validation.
    assert invariant_problems(copy_articles(tmp_path / "seed")) == ["split 'validation' is empty"]
    # The seed and a validation article, both demoted to draft: valid, but nothing is gold.
    record = load_splits(ROOT)
    assert record is not None
    first = record["validation"][0]
    repo = copy_articles(tmp_path / "two", [SEED, first])
    for doc_id in (SEED, first):
        set_status(repo, doc_id, "draft")
    assert invariant_problems(repo) == ["no article is gold"]


def test_the_invariants_catch_a_split_that_disagrees_with_the_record(tmp_path: Path) -> None:
    repo = copy_articles(tmp_path / "repo")
    path = repo / "corpus" / f"{SEED}.json"
    meta = json.loads(path.read_text("utf-8"))
    path.write_text(json.dumps({**meta, "split": "train"}, ensure_ascii=False), "utf-8")
    problems = invariant_problems(repo)
    assert f"{SEED}: split 'train', the record gives 'test'" in problems
    assert any(" split-mismatch] " in p for p in problems)  # the validator says so too


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
