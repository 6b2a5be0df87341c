"""croissant.json: accepted by mlcroissant, records readable, sha256 of every file right."""

from __future__ import annotations

import hashlib
import json
import logging
import subprocess
import sys
from pathlib import Path

import mlcroissant as mlc
import pytest
from release_fixtures import SEED, ZURICH

from newsgold.release.features import CONFIGS, features

logging.getLogger("absl").setLevel(logging.ERROR)
pytestmark = pytest.mark.filterwarnings("ignore:ConjunctiveGraph", "ignore:The inplace keyword")


def test_mlcroissant_validate_accepts_it(release: Path) -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "mlcroissant.scripts.validate",
            "--jsonld",
            str(release / "croissant.json"),
        ],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "Done" in done.stderr


def test_file_objects_carry_the_right_sha256(release: Path) -> None:
    data = json.loads((release / "croissant.json").read_text())
    objects = [d for d in data["distribution"] if d["@type"] == "cr:FileObject"]
    assert len(objects) == 18
    for item in objects:
        assert (
            item["sha256"]
            == hashlib.sha256((release / item["contentUrl"]).read_bytes()).hexdigest()
        )
    assert [r["@id"] for r in data["recordSet"]] == list(CONFIGS)
    for record_set in data["recordSet"]:
        names = list(features(record_set["@id"]))
        expected = names if "split" in names else ["split", *names]
        assert [f["name"] for f in record_set["field"]] == expected


def test_record_sets_read_back(release: Path) -> None:
    dataset = mlc.Dataset(jsonld=str(release / "croissant.json"))
    entities = list(dataset.records("entities"))
    assert len(entities) == 6 + 3 + 47  # zurich, oslo, seed
    per_split = {
        s: sum(r["entities/split"] == s.encode() for r in entities)
        for s in ("train", "validation", "test")
    }
    assert per_split == {"train": 6, "validation": 3, "test": 47}
    first = next(r for r in entities if r["entities/doc_id"] == ZURICH.encode())
    # e1 is "Zürich" in the headline: after "## ", type GPE = label id 4
    assert (
        first["entities/id"],
        first["entities/start"],
        first["entities/end"],
        first["entities/type"],
    ) == (b"e1", 3, 9, 4)
    assert first["entities/text"] == "Zürich".encode()
    documents = {r["documents/doc_id"]: r for r in dataset.records("documents")}
    seed = documents[SEED.encode()]
    assert seed["documents/text"] is None and len(seed["documents/entities"]) == 47
    claim = seed["documents/claims"][0]
    assert (claim["documents/claims/source_start"], claim["documents/claims/dates"]) == (
        72,
        [b"t1"],
    )
