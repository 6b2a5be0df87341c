"""hydrate: texts back into a text-less release, refusing any whose sha256 differs."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import datasets
import pyarrow.parquet as pq
import pytest
import yaml
from release_fixtures import OSLO, SEED, ZURICH, files_of, texts

from newsgold.errors import NewsgoldError
from newsgold.release import build, hydrate, verify

datasets.disable_progress_bars()


def text_folder(repo: Path, folder: Path, doc_ids: list[str]) -> Path:
    folder.mkdir()
    for doc_id in doc_ids:
        shutil.copy(repo / "corpus" / f"{doc_id}.txt", folder / f"{doc_id}.txt")
    return folder


def test_no_text_then_hydrate_equals_the_build_with_texts(
    repo: Path, release: Path, tmp_path: Path
) -> None:
    out = tmp_path / "release"
    build(repo, out, text=False, include_drafts=True)
    folder = text_folder(repo, tmp_path / "texts", [ZURICH, OSLO])
    (folder / "unrelated.txt").write_text("not an article")
    outcome = hydrate(out, folder)
    assert outcome.hydrated == [ZURICH, OSLO]
    assert outcome.missing == [SEED] and outcome.ignored == ["unrelated.txt"]
    # Same rows as a build that carried those two texts: the same bytes, card and manifest included.
    assert files_of(out) == files_of(release)


def test_hydrating_a_restricted_text_marks_the_copy_private(
    repo: Path, release: Path, tmp_path: Path, cache_dir: str
) -> None:
    out = tmp_path / "release"
    shutil.copytree(release, out)
    outcome = hydrate(out, text_folder(repo, tmp_path / "texts", [SEED, ZURICH]))
    assert outcome.hydrated == [SEED] and outcome.ignored == [f"{ZURICH}.txt"]
    assert verify(out) != verify(release)
    seed = datasets.load_dataset(str(out), cache_dir=cache_dir)["test"][0]
    assert seed["text"] == texts(repo)[SEED] and seed["entities"][0]["text"] == "North Korean"
    ner = datasets.load_dataset(str(out), "ner", cache_dir=cache_dir)["test"]
    assert ner[0]["tokens"][:3] == ["#", "#", "North"]
    card = (out / "README.md").read_text("utf-8")
    meta = yaml.safe_load(card.split("---\n", 2)[1])
    assert meta["license"] == "other" and meta["license_link"] == "LICENSE.md"
    assert "This copy carries 1 text(s) restored with `newsgold hydrate`" in card
    assert (
        "| Agence France-Presse (AFP) | all rights reserved | no | yes | 1 |"
        in (out / "LICENSE.md").read_text()
    )


def test_a_text_with_another_sha256_changes_nothing(
    repo: Path, release: Path, tmp_path: Path
) -> None:
    out = tmp_path / "release"
    shutil.copytree(release, out)
    before = files_of(out)
    folder = text_folder(repo, tmp_path / "texts", [SEED])
    with (folder / f"{SEED}.txt").open("ab") as handle:
        handle.write(b"\n")  # one more line end than the article the release was built from
    with pytest.raises(NewsgoldError) as err:
        hydrate(out, folder)
    assert err.value.status == 1 and f"{SEED}.txt: sha256" in err.value.message
    assert "nothing changed" in err.value.message
    assert files_of(out) == before


def test_nothing_found_is_an_error_and_nothing_needed_is_not(
    repo: Path, release: Path, tmp_path: Path
) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(NewsgoldError) as err:
        hydrate(release, empty)
    assert f"first expected: {SEED}.txt" in err.value.message
    full = tmp_path / "full"
    build(repo, full)
    hydrate(full, text_folder(repo, tmp_path / "texts", [SEED]))
    outcome = hydrate(full, empty)
    assert outcome.release is None and outcome.hydrated == []


def test_hydrate_refuses_what_is_not_a_release(repo: Path, tmp_path: Path) -> None:
    with pytest.raises(NewsgoldError) as err:
        hydrate(repo, repo / "corpus")
    assert "not a newsgold release" in err.value.message
    with pytest.raises(NewsgoldError) as err:
        hydrate(tmp_path / "nowhere", repo / "corpus")
    assert err.value.status == 2


def test_hydrate_refuses_a_changed_or_foreign_release(
    repo: Path, release: Path, tmp_path: Path
) -> None:
    folder = text_folder(repo, tmp_path / "texts", [SEED])
    changed = tmp_path / "changed"
    shutil.copytree(release, changed)
    parquet = changed / "data/entities/test-00000-of-00001.parquet"
    parquet.write_bytes(parquet.read_bytes()[:-100])
    with pytest.raises(NewsgoldError) as err:
        hydrate(changed, folder)
    assert "entities/test-00000-of-00001.parquet changed since the build" in err.value.message
    older = tmp_path / "older"
    shutil.copytree(release, older)
    manifest = older / "MANIFEST.json"
    manifest.write_text(manifest.read_text().replace('"version": "0.1.0"', '"version": "0.0.9"'))
    with pytest.raises(NewsgoldError) as err:
        hydrate(older, folder)
    assert "built by newsgold 0.0.9" in err.value.message


def test_a_release_of_an_earlier_layout_is_refused(repo: Path, tmp_path: Path) -> None:
    # As a release written before provenance joined the documents config: rebuild, not convert.
    out = tmp_path / "release"
    build(repo, out, text=False)
    relative = "data/documents/test-00000-of-00001.parquet"
    table = pq.read_table(out / relative)
    pq.write_table(table.drop_columns(["provenance"]), out / relative)
    manifest = json.loads((out / "MANIFEST.json").read_text())
    raw = (out / relative).read_bytes()
    manifest["files"][relative] = {"bytes": len(raw), "sha256": hashlib.sha256(raw).hexdigest()}
    (out / "MANIFEST.json").write_text(json.dumps(manifest, indent=2) + "\n")
    before = files_of(out)
    with pytest.raises(NewsgoldError) as err:
        hydrate(out, text_folder(repo, tmp_path / "texts", [SEED]))
    assert f"{relative} has other columns" in err.value.message
    assert "rebuild it" in err.value.message
    assert files_of(out) == before
