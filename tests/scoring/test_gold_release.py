"""Gold read from a built release (folder, Parquet file, datasets rows) scores like the sources."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from newsgold.baselines import predict
from newsgold.baselines.rules import extract
from newsgold.corpus import Corpus, load_corpus
from newsgold.errors import NewsgoldError
from newsgold.release import build
from newsgold.scoring import score
from newsgold.scoring.gold import load_gold

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def release(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The default build: the repository's gold articles (drafts are left out)."""
    out = tmp_path_factory.mktemp("gold") / "release"
    build(ROOT, out)
    return out


def gold_documents() -> Corpus:
    corpus = load_corpus(ROOT)
    return Corpus(ROOT, [d for d in corpus if d.annotations["status"] == "gold"])


@pytest.fixture(scope="module")
def predictions() -> list[dict[str, object]]:
    return predict(gold_documents(), extract, "rules")


def test_release_gold_equals_repository_gold(release: Path) -> None:
    # The seed is released without text: its text comes from the repository (root).
    from_release = {d.doc_id: d for d in load_gold(release, root=ROOT)}
    from_repo = {d.doc_id: d for d in gold_documents()}
    assert {k: d.annotations for k, d in from_release.items()} == {
        k: d.annotations for k, d in from_repo.items()
    }
    assert {k: d.text for k, d in from_release.items()} == {k: d.text for k, d in from_repo.items()}
    parquets = sorted((release / "data" / "documents").glob("*.parquet"))  # one per split
    from_parquets = {d.doc_id: d.annotations for p in parquets for d in load_gold(p, root=ROOT)}
    assert from_parquets == {k: d.annotations for k, d in from_repo.items()}


def test_scores_agree_across_gold_sources(
    release: Path, predictions: list[dict[str, object]], monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = score(None, predictions, root=ROOT).headline()
    assert score(release, predictions, root=ROOT).headline() == expected
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_DATASETS_CACHE", str(release.parent / "hf-cache"))
    from datasets import load_dataset

    loaded = load_dataset(str(release))  # label names, text-less seed row
    rows = [row for split in loaded.values() for row in split]
    assert score(rows, predictions, root=ROOT).headline() == expected


def test_text_less_release_outside_a_repository_says_hydrate(
    release: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(NewsgoldError, match="newsgold hydrate"):
        load_gold(release)
    assert os.getcwd() == str(tmp_path)
