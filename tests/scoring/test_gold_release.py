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
    from_release = load_gold(release, root=ROOT)
    from_repo = gold_documents().documents
    assert [d.annotations for d in from_release] == [d.annotations for d in from_repo]
    assert [d.text for d in from_release] == [d.text for d in from_repo]
    parquet = next((release / "data" / "documents").glob("*.parquet"))
    assert [d.annotations for d in load_gold(parquet, root=ROOT)] == [
        d.annotations for d in from_repo
    ]


def test_scores_agree_across_gold_sources(
    release: Path, predictions: list[dict[str, object]], monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = score(None, predictions, root=ROOT).headline()
    assert score(release, predictions, root=ROOT).headline() == expected
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_DATASETS_CACHE", str(release.parent / "hf-cache"))
    from datasets import load_dataset

    rows = load_dataset(str(release))["test"]  # label names, text-less seed row
    assert score(list(rows), predictions, root=ROOT).headline() == expected


def test_text_less_release_outside_a_repository_says_hydrate(
    release: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(NewsgoldError, match="newsgold hydrate"):
        load_gold(release)
    assert os.getcwd() == str(tmp_path)
