"""Gold read from a built release (folder, Parquet file, datasets rows) scores like the sources."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest
from live_repo import ROOT, SEED, copy_articles

from newsgold.baselines import predict
from newsgold.baselines.rules import extract
from newsgold.corpus import Document, load_corpus
from newsgold.errors import NewsgoldError
from newsgold.release import build
from newsgold.scoring import score
from newsgold.scoring.gold import load_gold
from newsgold.splits import load_splits


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two splits: the gold seed (test, released without text) and an article of validation."""
    record = load_splits(ROOT)
    assert record is not None
    return copy_articles(tmp_path_factory.mktemp("gold") / "repo", [SEED, record["validation"][0]])


@pytest.fixture(scope="module")
def release(repo: Path) -> Path:
    out = repo.parent / "release"
    build(repo, out)
    return out


@pytest.fixture(scope="module")
def predictions(repo: Path) -> list[dict[str, object]]:
    return predict(load_corpus(repo), extract, "rules")


def by_doc(documents: Iterable[Document]) -> dict[str, dict[str, Any]]:
    return {d.doc_id: d.annotations for d in documents}


def test_release_gold_equals_repository_gold(repo: Path, release: Path) -> None:
    # The seed is released without text: its text comes from the repository (root).
    from_release = load_gold(release, root=repo)
    from_repo = load_gold(repo)
    assert len(from_repo) == 2 and by_doc(from_release) == by_doc(from_repo)
    assert {d.doc_id: d.text for d in from_release} == {d.doc_id: d.text for d in from_repo}
    parquets = sorted((release / "data" / "documents").glob("*.parquet"))
    assert len(parquets) == 2  # one file per split
    from_parquets = [d for path in parquets for d in load_gold(path, root=repo)]
    assert by_doc(from_parquets) == by_doc(from_repo)


def test_scores_agree_across_gold_sources(
    repo: Path,
    release: Path,
    predictions: list[dict[str, object]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    expected = score(None, predictions, root=repo).headline()
    assert score(release, predictions, root=repo).headline() == expected
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_DATASETS_CACHE", str(release.parent / "hf-cache"))
    from datasets import load_dataset

    splits = load_dataset(str(release))  # ClassLabel ids, a text-less seed row
    rows = [row for name in sorted(splits) for row in splits[name]]
    assert sorted(row["doc_id"] for row in rows) == sorted(d.doc_id for d in load_corpus(repo))
    assert score(rows, predictions, root=repo).headline() == expected


def test_text_less_release_outside_a_repository_says_hydrate(
    release: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(NewsgoldError, match="newsgold hydrate"):
        load_gold(release)
    assert os.getcwd() == str(tmp_path)
