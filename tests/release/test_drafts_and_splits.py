"""Drafts left out by default, splits without gold articles, and the card's sources, repairs and
attribution, on a small repository shaped like the live one (release_fixtures.make_eval_repo)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import datasets
import pyarrow.parquet as pq
import pytest
import yaml
from release_fixtures import OSLO, REPAIRS, SEED, ZURICH, make_eval_repo, make_repo

from newsgold.errors import NewsgoldError
from newsgold.release import build, hydrate, verify
from newsgold.release.features import CONFIGS

datasets.disable_progress_bars()


def card(release: Path) -> tuple[dict, str]:
    text = (release / "README.md").read_text("utf-8")
    _, head, body = text.split("---\n", 2)
    return yaml.safe_load(head), body


def splits_in_card(release: Path) -> dict[str, list[str]]:
    meta, _ = card(release)
    return {c["config_name"]: [f["split"] for f in c["data_files"]] for c in meta["configs"]}


def load_all(release: Path, cache_dir: str) -> dict[str, datasets.DatasetDict]:
    return {
        config: datasets.load_dataset(str(release), config, cache_dir=cache_dir)
        for config in splits_in_card(release)
    }


@pytest.fixture(scope="module")
def eval_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_eval_repo(tmp_path_factory.mktemp("eval") / "repo")


@pytest.fixture(scope="module")
def gold_only(eval_repo: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The default build: oslo, the only validation article, is a draft and left out."""
    out = tmp_path_factory.mktemp("gold-only") / "release"
    build(eval_repo, out)
    return out


@pytest.fixture(scope="module")
def with_drafts(eval_repo: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("with-drafts") / "release"
    build(eval_repo, out, include_drafts=True)
    return out


def test_drafts_are_left_out_and_a_split_without_gold_is_not_listed(
    gold_only: Path, cache_dir: str
) -> None:
    # Every config has rows from the seed and zurich, both test: no config lists validation.
    assert splits_in_card(gold_only) == dict.fromkeys(CONFIGS, ["test"])
    loaded = load_all(gold_only, cache_dir)
    assert sorted(loaded) == sorted(CONFIGS)
    assert all(list(d) == ["test"] for d in loaded.values())
    assert list(loaded["documents"]["test"]["doc_id"]) == [SEED, ZURICH]
    assert set(loaded["entities"]["test"]["status"]) == {"gold"}
    manifest = json.loads((gold_only / "MANIFEST.json").read_text())
    assert manifest["documents"]["drafts_left_out"] == 1
    assert manifest["documents"]["status"] == {"gold": 2}
    _, body = card(gold_only)
    assert "Only gold articles are released: 1 draft article of the sources is left out" in body
    assert "**No gold articles in `validation` yet**" in body
    assert "Per annotation status" not in body  # no drafts in this build


def test_with_drafts_every_split_loads_and_every_config_has_a_status(
    with_drafts: Path, cache_dir: str
) -> None:
    listed = splits_in_card(with_drafts)
    # oslo (validation) has sections, entities, dates, figures, claims and sentences.
    assert listed == dict.fromkeys(CONFIGS, ["validation", "test"])
    loaded = load_all(with_drafts, cache_dir)
    for config, splits in loaded.items():
        assert set(splits["validation"]["status"]) == {"draft"}, config
        assert set(splits["test"]["status"]) == {"gold"}, config
    _, body = card(with_drafts)
    assert "**1 article of this build are drafts**" not in body
    assert "**1 article of this build is a draft**" in body
    assert "| draft | 1 | 0 | 1 |" in body and "| gold | 0 | 2 | 2 |" in body
    assert "**No gold articles in `validation` yet**" not in body


def test_gold_in_both_splits_loads_both(tmp_path: Path, cache_dir: str) -> None:
    repo = make_eval_repo(tmp_path / "repo", gold_in_validation=True)
    out = tmp_path / "release"
    result = build(repo, out)
    assert result.documents == {"validation": 1, "test": 2} and result.drafts_left_out == 0
    loaded = load_all(out, cache_dir)
    assert all(list(d) == ["validation", "test"] for d in loaded.values())
    assert loaded["documents"]["validation"][0]["doc_id"] == OSLO


def test_a_corpus_of_drafts_only_is_refused_by_default(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo", seed=False)
    path = repo / "annotations" / f"{ZURICH}.json"
    path.write_text(path.read_text("utf-8").replace('"status": "gold"', '"status": "draft"'))
    with pytest.raises(NewsgoldError) as err:
        build(repo, tmp_path / "release")
    assert "no gold articles to release: all 2 are drafts" in err.value.message
    assert "--include-drafts" in err.value.message and err.value.status == 1
    assert not (tmp_path / "release").exists()
    assert build(repo, tmp_path / "release", include_drafts=True).documents == {
        "train": 1,
        "validation": 1,
    }


def test_card_counts_sources_and_explains_the_splits(with_drafts: Path) -> None:
    _, body = card(with_drafts)
    # make_eval_repo: oslo from gum (validation), zurich from meantime/airbus (test), the seed other.
    assert "| gum | 1 | 0 | 1 |" in body
    assert "| meantime/airbus | 0 | 1 | 1 |" in body
    assert "| other | 0 | 1 | 1 |" in body
    assert "there is **no train split**" in body
    assert "drawn with the fixed seed 7 (`provenance/splits.json`" in body
    assert "MEANTIME texts are **one sentence per line**" in body
    assert "tuned on `validation` only" in body and "bootstrap intervals" in body


def test_the_repairs_of_the_released_articles_are_summarised_and_shipped(
    gold_only: Path, with_drafts: Path
) -> None:
    # gold_only carries zurich's three repairs (2 contraction, 1 pound-sign), not oslo's.
    shipped = json.loads((gold_only / "provenance/text-repairs.json").read_text("utf-8"))
    assert shipped["repairs"] == REPAIRS["repairs"][:3]
    assert shipped["description"] == REPAIRS["description"]
    _, body = card(gold_only)
    assert "3 repairs in 1 article" in body
    assert "| `contraction` | 2 | 1 | contraction split by the tokeniser (I' m -> I'm) |" in body
    assert "| `pound-sign` | 1 | 1 |" in body and "currency-spacing" not in body
    _, body = card(with_drafts)
    assert "4 repairs in 2 articles" in body and "| `currency-spacing` | 1 | 1 |" in body
    assert json.loads((with_drafts / "provenance/splits.json").read_text())["seed"] == 7


def test_every_article_is_attributed(with_drafts: Path) -> None:
    _, body = card(with_drafts)
    license_md = (with_drafts / "LICENSE.md").read_text("utf-8")
    zurich = (
        "| [Zürich Council Backs 1.5 Million Franc Plan](https://news.example.org/2025/03/05/zurich)"
        " | 2025-03-05 | Wikinews contributors | [CC BY 2.5](https://creativecommons.org/licenses/by/2.5/)"
        " | yes |"
    )
    for text in (body, license_md):
        assert zurich in text
        assert (
            "| [Oslo Fund Grows 10 to 12 Percent](https://news.example.org/2025/03/06/oslo)" in text
        )
        assert "Agence France-Presse (AFP) | all rights reserved | no |" in text
        assert 'crediting "Wikinews contributors" with a link' in text
    assert (
        "- Wikinews contributors: 1 article, [CC BY 2.5](https://creativecommons.org/licenses/by/2.5/), "
        "published 2025-03-05" in body
    )


def test_hydrating_a_build_without_drafts_keeps_its_card(
    eval_repo: Path, gold_only: Path, tmp_path: Path
) -> None:
    out = tmp_path / "release"
    build(eval_repo, out, text=False)
    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / f"{ZURICH}.txt").write_bytes((eval_repo / "corpus" / f"{ZURICH}.txt").read_bytes())
    assert hydrate(out, texts).hydrated == [ZURICH]
    # The same bytes as the default build: drafts left out, date, repairs and split record kept.
    for name in ("README.md", "LICENSE.md", "croissant.json", "MANIFEST.json"):
        assert (out / name).read_bytes() == (gold_only / name).read_bytes(), name
    assert verify(out) == verify(gold_only)


def test_the_release_date_is_reproducible(
    eval_repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Outside git the date is the newest released article's: zurich (2025-03-05) in the default
    # build; SOURCE_DATE_EPOCH wins when set (86400 * 20000 seconds is 2024-10-04).
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(eval_repo.parent))  # no repository above
    out = tmp_path / "release"
    build(eval_repo, out)
    assert json.loads((out / "MANIFEST.json").read_text())["date"] == "2025-03-05"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(86400 * 20000))
    build(eval_repo, out)
    assert json.loads((out / "MANIFEST.json").read_text())["date"] == "2024-10-04"
    assert json.loads((out / "croissant.json").read_text())["datePublished"] == "2024-10-04"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(NewsgoldError) as err:
        build(eval_repo, out)
    assert err.value.status == 2 and "'yesterday'" in err.value.message


def test_label_columns_are_names_in_plain_parquet(with_drafts: Path) -> None:
    rows = pq.read_table(with_drafts / "data/dates/test-00000-of-00001.parquet").to_pylist()
    zurich = [r for r in rows if r["doc_id"] == ZURICH]
    # release_fixtures.zurich: t1 CREATION_TIME ... t5 "every Monday" SET
    assert [r["type"] for r in zurich] == ["DATE", "DATE", "DURATION", "TIME", "SET"]
    assert zurich[0]["function"] == "CREATION_TIME" and zurich[0]["status"] == "gold"


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_in_git_the_release_date_is_the_last_commits(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = make_eval_repo(tmp_path / "repo")
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    when = "2024-01-02T03:04:05+00:00"
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
        "GIT_AUTHOR_DATE": when,
        "GIT_COMMITTER_DATE": when,
    }
    for args in (["init", "-q"], ["add", "."], ["commit", "-q", "-m", "sources"]):
        subprocess.run(["git", "-C", str(repo), *args], env=env, check=True, capture_output=True)
    build(repo, tmp_path / "release")
    assert json.loads((tmp_path / "release" / "MANIFEST.json").read_text())["date"] == "2024-01-02"
