"""The release through the real ``datasets`` (offline) and plain Parquet readers."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import datasets
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from release_fixtures import OSLO, ROOT, SEED, ZURICH, annotations, hf_env, metadata, texts

from newsgold.release import annotations_from_row, build, metadata_from_row
from newsgold.release.features import CONFIGS, features

datasets.disable_progress_bars()
SPLITS = ["train", "validation", "test"]


def load(release: Path, cache_dir: str, config: str | None = None) -> datasets.DatasetDict:
    return datasets.load_dataset(str(release), config, cache_dir=cache_dir)


def test_default_config_is_documents(release: Path, cache_dir: str) -> None:
    loaded = load(release, cache_dir)
    assert sorted(loaded) == sorted(SPLITS)
    assert loaded["train"].features == features("documents")
    assert [loaded[s][0]["doc_id"] for s in SPLITS] == [ZURICH, OSLO, SEED]


@pytest.mark.parametrize("config", CONFIGS)
def test_every_config_loads_with_its_declared_features(
    release: Path, cache_dir: str, config: str
) -> None:
    manifest = json.loads((release / "MANIFEST.json").read_text())
    loaded = load(release, cache_dir, config)
    for split in SPLITS:
        assert loaded[split].features == features(config)
        assert loaded[split].num_rows == manifest["configs"][config][split]["rows"]


def test_expected_rows(release: Path, cache_dir: str) -> None:
    entities = load(release, cache_dir, "entities")["train"]
    # release_fixtures.py: e3 "Corine Mauch" PERSON at its offsets in ZURICH_TEXT; labels are names
    row = entities[2]
    assert (row["doc_id"], row["status"], row["id"], row["text"], row["type"]) == (
        ZURICH,
        "gold",
        "e3",
        "Corine Mauch",
        "PERSON",
    )
    claims = load(release, cache_dir, "claims")["validation"]
    # OSLO_TEXT: headline 35 + 2 + byline 8 + 2 + dateline 14 + 2 = body at 63; the first body
    # sentence with its space is 83 long, "According to " 13: "Statistics Norway" at 159 to 176.
    assert claims[1]["source"] == {
        "start": 159,
        "end": 176,
        "text": "Statistics Norway",
        "entity_id": "statistics-norway",
    }
    assert claims[1]["cue"] is None
    ner = load(release, cache_dir, "ner")["test"]
    assert ner[0]["doc_id"] == SEED and ner[0]["tokens"] is None


def test_round_trip_sources_parquet_datasets_annotation_json(
    repo: Path, release: Path, cache_dir: str
) -> None:
    loaded = load(release, cache_dir)
    sources_ann, sources_meta, sources_text = annotations(repo), metadata(repo), texts(repo)
    seen = []
    for split in SPLITS:
        for row in loaded[split]:
            doc_id = row["doc_id"]
            seen.append(doc_id)
            text = row["text"] if row["text"] is not None else sources_text[doc_id]
            assert text == sources_text[doc_id]
            assert annotations_from_row(row, text) == sources_ann[doc_id]
            assert metadata_from_row(row) == sources_meta[doc_id]
    assert sorted(seen) == sorted(sources_ann)


def test_plain_parquet_readers(release: Path, cache_dir: str) -> None:
    path = release / "data/dates/train-00000-of-00001.parquet"
    table = pq.read_table(path)
    assert table.num_rows == 5 and table.schema.field("start").type == pa.int32()
    assert b"huggingface" in table.schema.metadata
    plain = datasets.load_dataset("parquet", data_files={"train": str(path)}, cache_dir=cache_dir)[
        "train"
    ]
    assert plain.features == features("dates")
    assert plain[4]["type"] == "SET"


LOAD = """
import datasets, sys
datasets.disable_progress_bars()
rows = datasets.load_dataset(sys.argv[1], "entities")["train"]
print(rows[2]["type"])
"""


def test_a_rebuild_is_visible_to_a_new_process_without_cache_flags(
    repo: Path, tmp_path: Path
) -> None:
    source = tmp_path / "repo"
    shutil.copytree(repo, source)
    out = tmp_path / "release"
    # Both processes share one cache, where the stale-cache trap would show.
    env = {**os.environ, **hf_env(tmp_path / "hf"), "PYTHONPATH": str(ROOT / "src")}

    def first_entity_type() -> str:
        done = subprocess.run(
            [sys.executable, "-c", LOAD, str(out)], env=env, capture_output=True, text=True
        )
        assert done.returncode == 0, done.stderr
        return done.stdout.strip()

    build(source, out)
    assert first_entity_type() == "PERSON"
    path = source / "annotations" / f"{ZURICH}.json"
    ann = json.loads(path.read_text("utf-8"))
    ann["entities"][2]["type"] = "ORG"  # Corine Mauch becomes an organisation
    path.write_text(json.dumps(ann, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    build(source, out)
    assert first_entity_type() == "ORG"
