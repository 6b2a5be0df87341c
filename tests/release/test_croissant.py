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

from newsgold.release import build
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
    # absl logs warnings as "W<date> ..." lines and says "Found the following N warning(s)".
    assert "warning" not in done.stderr.lower(), done.stderr[-2000:]
    assert not [line for line in done.stderr.splitlines() if line.startswith("W")]


def test_dataset_metadata_and_licences(release: Path) -> None:
    data = json.loads((release / "croissant.json").read_text())
    manifest = json.loads((release / "MANIFEST.json").read_text())
    assert data["creator"] == {"@type": "sc:Organization", "name": "newsgold contributors"}
    assert data["url"].startswith("https://") and data["datePublished"] == manifest["date"]
    cc_by_4 = "https://creativecommons.org/licenses/by/4.0/"
    # zurich (CC BY 4.0) and oslo (CC0 1.0) carry their texts; the seed does not.
    cc0 = "https://creativecommons.org/publicdomain/zero/1.0/"
    assert data["license"] == [cc_by_4, cc0]
    per_set = {r["@id"]: r["license"] for r in data["recordSet"]}
    assert per_set == dict.fromkeys(CONFIGS, [cc_by_4, cc0])


def test_a_record_set_without_texts_is_licensed_as_the_annotations(
    repo: Path, tmp_path: Path
) -> None:
    out = tmp_path / "release"
    build(repo, out, text=False)
    data = json.loads((out / "croissant.json").read_text())
    only = ["https://creativecommons.org/licenses/by/4.0/"]
    assert data["license"] == only
    assert all(r["license"] == only for r in data["recordSet"])


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
    # e1 is "Zürich" in the headline: after "## ", type GPE (a string, not a label id)
    assert (
        first["entities/id"],
        first["entities/status"],
        first["entities/start"],
        first["entities/end"],
        first["entities/type"],
    ) == (b"e1", b"gold", 3, 9, b"GPE")
    assert first["entities/text"] == "Zürich".encode()
    documents = {r["documents/doc_id"]: r for r in dataset.records("documents")}
    seed = documents[SEED.encode()]
    assert seed["documents/text"] is None and len(seed["documents/entities"]) == 47
    claim = seed["documents/claims"][0]
    assert (claim["documents/claims/source_start"], claim["documents/claims/dates"]) == (
        72,
        [b"t1"],
    )
