"""The build: layout, a card consistent with its files, text rights, refusal, atomicity, lock, determinism."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pyarrow.parquet as pq
import pytest
import yaml
from release_fixtures import AGREEMENT, OSLO, ROOT, SEED, ZURICH, files_of, make_repo

from newsgold.errors import NewsgoldError
from newsgold.release import InvalidSources, build, verify
from newsgold.release.build import locked
from newsgold.release.features import CONFIGS

SPLITS = ("train", "validation", "test")


def front_matter(release: Path) -> dict:
    text = (release / "README.md").read_text("utf-8")
    assert text.startswith("---\n")
    return yaml.safe_load(text.split("---\n", 2)[1])


def documents(release: Path, split: str) -> list[dict]:
    return pq.read_table(release / f"data/documents/{split}-00000-of-00001.parquet").to_pylist()


def test_layout(release: Path) -> None:
    data = {f"data/{c}/{s}-00000-of-00001.parquet" for c in CONFIGS for s in SPLITS}
    top = {
        "README.md",
        "LICENSE.md",
        "CHANGELOG.md",
        "LEADERBOARD.md",
        "AGREEMENT.md",
        "croissant.json",
    }
    top.add("MANIFEST.json")
    assert set(files_of(release)) == data | top


def test_card_front_matter_has_the_fields_the_hub_reads(release: Path) -> None:
    meta = front_matter(release)
    assert list(meta) == [
        "pretty_name", "license", "language", "task_categories", "task_ids", "size_categories",
        "annotations_creators", "source_datasets", "configs", "dataset_info",
    ]  # fmt: skip
    # The only text carried is CC BY 4.0 (zurich) and CC0 (oslo): the whole is cc-by-4.0.
    assert meta["license"] == "cc-by-4.0" and meta["language"] == ["en"]
    assert meta["size_categories"] == ["n<1K"]


def test_card_configs_match_the_files_and_counts(release: Path) -> None:
    meta = front_matter(release)
    listed = []
    assert [c["config_name"] for c in meta["configs"]] == list(CONFIGS)
    assert [c["config_name"] for c in meta["configs"] if c.get("default")] == ["documents"]
    for config, info in zip(meta["configs"], meta["dataset_info"], strict=True):
        assert info["config_name"] == config["config_name"]
        assert [f["split"] for f in config["data_files"]] == list(SPLITS)
        for entry, split_info in zip(config["data_files"], info["splits"], strict=True):
            path = release / entry["path"]
            listed.append(entry["path"])
            assert split_info["name"] == entry["split"]
            assert split_info["num_examples"] == pq.ParquetFile(path).metadata.num_rows
            assert split_info["num_bytes"] == path.stat().st_size
    assert sorted(listed) == sorted(p for p in files_of(release) if p.startswith("data/"))
    manifest = json.loads((release / "MANIFEST.json").read_text())
    for info in meta["dataset_info"]:
        assert info["description"].endswith(f"content fingerprint sha256:{manifest['fingerprint']}")


def test_card_body_is_generated_from_the_data(release: Path) -> None:
    body = (release / "README.md").read_text("utf-8").split("---\n", 2)[2]
    # counts per split worked out from sources.py: train zurich (4 sections, 6 entities, 5 dates,
    # 5 figures, 2 claims), validation oslo (4, 3, 2, 2, 2), test the seed (8, 47, 11, 2, 14).
    assert "| train | 1 | 1 | 4 | 6 | 5 | 5 | 2 |" in body
    assert "| validation | 1 | 1 | 4 | 3 | 2 | 2 | 2 |" in body
    assert "| test | 1 | 0 | 8 | 47 | 11 | 2 | 14 |" in body
    assert "| **total** | 3 | 2 | 16 | 56 | 18 | 9 | 18 |" in body
    assert "| entities | GPE | 2 | 2 | 25 | 29 |" in body
    assert "| dates | SET | 1 | 0 | 0 | 1 |" in body
    assert f"- `{SEED}`" in body and "newsgold hydrate" in body
    assert "newsgold score" in body and "@misc{newsgold," in body
    assert "code points" in body and "end exclusive" in body.lower()
    assert "guidelines, version 1.0.0" in body
    assert "### 0.1.0" in body  # the repository's changelog
    board = (ROOT / "docs" / "leaderboard.md").read_text("utf-8").splitlines()
    assert "## Leaderboard" in body and board[2] in body and board[4] in body  # its table rows
    assert (release / "LEADERBOARD.md").read_text("utf-8").splitlines() == board
    # the agreement of the two passes: its totals in the card, per article only in AGREEMENT.md
    section = body.split("### Agreement of the two passes")[1].split("## Scoring a model")[0]
    assert "| entities | 0.950 |" in section and "| zurich |" not in section
    assert (release / "AGREEMENT.md").read_text("utf-8") == AGREEMENT


def test_texts_follow_each_articles_rights(release: Path) -> None:
    assert documents(release, "train")[0]["text"].startswith("## Zürich")
    assert documents(release, "validation")[0]["text"].startswith("## Oslo")
    seed = documents(release, "test")[0]
    assert seed["text"] is None and seed["text_sha256"].startswith("5d790fcc")
    ner = pq.read_table(release / "data/ner/test-00000-of-00001.parquet").to_pylist()
    assert all(row["tokens"] is None for row in ner)
    entities = pq.read_table(release / "data/entities/test-00000-of-00001.parquet").to_pylist()
    assert all(row["text"] is None for row in entities) and len(entities) == 47


def test_no_text_leaves_every_text_out(repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "release"
    result = build(repo, out, text=False, include_drafts=True)
    assert result.without_text == [SEED, ZURICH, OSLO] and result.with_text == 0
    for split in SPLITS:
        assert all(row["text"] is None for row in documents(out, split))
    claims = pq.read_table(out / "data/claims/train-00000-of-00001.parquet").to_pylist()
    assert all(
        c["text"] is None and (c["source"] is None or c["source"]["text"] is None) for c in claims
    )


def test_manifest(release: Path) -> None:
    manifest = json.loads((release / "MANIFEST.json").read_text())
    assert manifest["version"] == "0.1.0" and manifest["schema_version"] == "1.0.0"
    assert manifest["documents"]["without_text"] == [SEED]
    assert manifest["configs"]["entities"]["test"]["rows"] == 47
    assert set(manifest["files"]) == set(files_of(release)) - {"MANIFEST.json"}
    assert verify(release) == manifest["fingerprint"]


def test_two_builds_are_byte_identical(repo: Path, release: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    build(repo, again, include_drafts=True)
    assert files_of(again) == files_of(release)
    build(repo, again, include_drafts=True)  # over an existing release
    assert files_of(again) == files_of(release)


def _live_sources() -> tuple[dict[str, dict], dict[str, str]]:
    """The live repository's metadata and annotation status by doc_id."""
    meta = {p.stem: json.loads(p.read_text("utf-8")) for p in (ROOT / "corpus").glob("*.json")}
    status = {
        p.stem: json.loads(p.read_text("utf-8"))["status"]
        for p in (ROOT / "annotations").glob("*.json")
    }
    return meta, status


def _card_splits_match_the_files(out: Path) -> None:
    manifest = json.loads((out / "MANIFEST.json").read_text())
    for config in front_matter(out)["configs"]:
        listed = {f["split"]: f["path"] for f in config["data_files"]}
        recorded = manifest["configs"][config["config_name"]]
        assert listed == {split: entry["file"] for split, entry in recorded.items()}
        assert all(entry["rows"] > 0 for entry in recorded.values())


def test_the_real_repository_releases_only_gold_by_default(tmp_path: Path, cache_dir: str) -> None:
    import datasets

    meta, status = _live_sources()
    out = tmp_path / "release"
    result = build(ROOT, out)
    released = [row["doc_id"] for split in result.documents for row in documents(out, split)]
    assert sorted(released) == sorted(d for d, s in status.items() if s == "gold")
    assert result.drafts_left_out == sum(s != "gold" for s in status.values())
    assert set(result.documents) <= {meta[d]["split"] for d in released}
    _card_splits_match_the_files(out)
    for config in front_matter(out)["configs"]:  # every config loads, with only its splits
        loaded = datasets.load_dataset(str(out), config["config_name"], cache_dir=cache_dir)
        assert sorted(loaded) == sorted(f["split"] for f in config["data_files"])
        assert all(set(split["status"]) == {"gold"} for split in loaded.values())


def test_the_real_repository_with_drafts_loads_with_every_wikinews_text(
    tmp_path: Path, cache_dir: str
) -> None:
    import datasets

    meta, status = _live_sources()
    out = tmp_path / "release"
    result = build(ROOT, out, include_drafts=True)
    assert result.drafts_left_out == 0
    _card_splits_match_the_files(out)
    rows = datasets.load_dataset(str(out), cache_dir=cache_dir)
    seen = {}
    for split, dataset in rows.items():
        for row in dataset:
            doc_id = row["doc_id"]
            seen[doc_id] = row["status"]
            assert row["split"] == split == meta[doc_id]["split"]
            assert row["status"] == status[doc_id]
            if meta[doc_id]["rights"]["redistribute"]:
                assert row["text"] is not None
                assert hashlib.sha256(row["text"].encode()).hexdigest() == row["text_sha256"]
            else:
                assert row["text"] is None
            if meta[doc_id]["publisher"] == "Wikinews":
                assert meta[doc_id]["rights"]["redistribute"] and row["text"] is not None
                assert row["provenance"]["source_file"].startswith("wikinews/")
    assert seen == status
    for config in CONFIGS[1:]:
        loaded = datasets.load_dataset(str(out), config, cache_dir=cache_dir)
        for dataset in loaded.values():
            assert all(
                seen[d] == s for d, s in zip(dataset["doc_id"], dataset["status"], strict=True)
            )


def test_a_config_without_rows_is_left_out(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo", seed=False)
    for doc_id in (ZURICH, OSLO):
        path = repo / "annotations" / f"{doc_id}.json"
        ann = json.loads(path.read_text("utf-8"))
        ann["figures"] = []
        for claim in ann["claims"]:
            claim["figures"] = []
        path.write_text(json.dumps(ann, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    out = tmp_path / "release"
    build(repo, out)
    assert not (out / "data" / "figures").exists()
    meta = front_matter(out)
    assert "figures" not in [c["config_name"] for c in meta["configs"]]
    assert "figures" not in [c["config_name"] for c in meta["dataset_info"]]
    assert "no article has rows for them: `figures`" in (out / "README.md").read_text("utf-8")


def broken_copy(repo: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "broken"
    shutil.copytree(repo, copy)
    path = copy / "annotations" / f"{ZURICH}.json"
    path.write_text(
        path.read_text("utf-8").replace('"text": "Corine Mauch"', '"text": "Corine Mauck"'), "utf-8"
    )
    return copy


def test_invalid_sources_build_nothing(repo: Path, release: Path, tmp_path: Path) -> None:
    broken = broken_copy(repo, tmp_path)
    out = tmp_path / "out"
    with pytest.raises(InvalidSources) as err:
        build(broken, out)
    assert err.value.report.ids() == ["span-text-mismatch"]
    assert not out.exists()
    previous = tmp_path / "previous"
    shutil.copytree(release, previous)
    before = files_of(previous)
    with pytest.raises(InvalidSources):
        build(broken, previous)
    assert files_of(previous) == before


def test_a_failed_build_leaves_the_previous_release(
    repo: Path, release: Path, tmp_path: Path
) -> None:
    out = tmp_path / "release"
    shutil.copytree(release, out)
    before = files_of(out)

    def fail(done: int, total: int) -> None:
        if done == 2:
            raise KeyboardInterrupt  # as if the user pressed Ctrl-C halfway

    with pytest.raises(KeyboardInterrupt):
        build(repo, out, text=False, progress=fail)
    assert files_of(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["release", "release.lock"]


def test_a_concurrent_build_is_refused(repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "release"
    with locked(out), pytest.raises(NewsgoldError) as err:
        build(repo, out)
    assert "another newsgold build or hydrate is writing this release" in err.value.message
    assert not out.exists()


def test_an_empty_corpus_is_refused(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo", seed=False, invented=False)
    with pytest.raises(NewsgoldError) as err:
        build(repo, tmp_path / "release")
    assert "no articles in corpus/" in err.value.message
    assert not (tmp_path / "release").exists()


def test_verify_notices_a_changed_file(release: Path, tmp_path: Path) -> None:
    copy = tmp_path / "release"
    shutil.copytree(release, copy)
    readme = copy / "README.md"
    readme.write_text(readme.read_text("utf-8") + "\nedited\n", "utf-8")
    with pytest.raises(NewsgoldError) as err:
        verify(copy)
    assert "README.md changed since the build" in err.value.message


def test_targets_that_are_not_releases_are_refused(repo: Path, tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "notes.txt").write_text("keep me")
    for target in (folder, repo / "corpus", repo, repo / "annotations" / "x"):
        with pytest.raises(NewsgoldError) as err:
            build(repo, target)
        assert err.value.status == 2
    assert (folder / "notes.txt").read_text() == "keep me"
