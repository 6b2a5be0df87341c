"""MANIFEST.json: version, schema version, content fingerprint, per-file sha256 and row counts.

The fingerprint is a sha256 over canonical JSON rows (see ``rows.canonical``), so it does not
depend on the pyarrow version that wrote the files; ``verify`` recomputes it from the Parquet.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from newsgold import SCHEMA_VERSION, __version__, jsonio
from newsgold.errors import NewsgoldError
from newsgold.release.card import Release, ordered_splits
from newsgold.release.features import CONFIGS, Codec
from newsgold.release.rows import canonical
from newsgold.release.writer import Contents

MANIFEST = "MANIFEST.json"
NAME = "newsgold"


def file_sha256(path: Path) -> str:
    """Hex sha256 of a file, read in chunks."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def manifest(release: Release, files: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The manifest of a release (files: relative path -> {bytes, sha256}, every file but itself)."""
    stats, contents = release.stats, release.contents
    configs: dict[str, Any] = {}
    for config in CONFIGS:
        if config not in contents.files:
            continue
        configs[config] = {
            split: {
                "file": contents.files[config][split],
                "rows": contents.rows[config][split],
                "rows_sha256": contents.rows_sha256[config][split],
            }
            for split in ordered_splits(contents.files[config])
        }
    splits = ordered_splits(stats.documents)
    return {
        "name": NAME,
        "version": __version__,
        "schema_version": SCHEMA_VERSION,
        "guidelines_versions": sorted(stats.guidelines),
        "fingerprint": release.fingerprint,
        "documents": {
            "total": sum(stats.documents.values()),
            "splits": {s: stats.documents[s] for s in splits},
            "with_text": sum(stats.with_text.values()),
            "without_text": list(stats.textless),
            "hydrated": list(stats.hydrated),
        },
        "configs": configs,
        "ner": {
            key: stats.ner[key]
            for key in ("spans", "dropped_overlap", "widened", "sentences_joined")
        },
        "files": {path: files[path] for path in sorted(files)},
    }


def dumps(data: dict[str, Any]) -> str:
    """The manifest as stored: indented JSON, keys in the order written."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def read(folder: Path) -> dict[str, Any]:
    """The manifest of a release folder, refusing folders that are not newsgold releases."""
    path = folder / MANIFEST
    if not path.is_file():
        raise NewsgoldError(f"not a newsgold release: no {MANIFEST} in it", str(folder))
    data = jsonio.load(path)
    if not isinstance(data, dict) or data.get("name") != NAME or "configs" not in data:
        raise NewsgoldError(
            "not a newsgold release manifest (expected name 'newsgold' and configs)", str(path)
        )
    return data


def contents_of(data: dict[str, Any]) -> Contents:
    """The Contents recorded in a manifest."""
    rows: dict[str, dict[str, int]] = {}
    hashes: dict[str, dict[str, str]] = {}
    files: dict[str, dict[str, str]] = {}
    for config, splits in data["configs"].items():
        for split, entry in splits.items():
            rows.setdefault(config, {})[split] = entry["rows"]
            hashes.setdefault(config, {})[split] = entry["rows_sha256"]
            files.setdefault(config, {})[split] = entry["file"]
    return Contents(rows, hashes, files)


def check_files(folder: Path, data: dict[str, Any]) -> None:
    """Raise NewsgoldError if a file listed in the manifest is missing or its sha256 differs."""
    for relative, entry in data["files"].items():
        path = folder / relative
        if not path.is_file():
            raise NewsgoldError(f"{relative} is listed in {MANIFEST} but missing", str(folder))
        if file_sha256(path) != entry["sha256"]:
            raise NewsgoldError(
                f"{relative} changed since the build (sha256 differs from {MANIFEST})", str(folder)
            )


def iter_rows(path: Path, config: str, batch_rows: int = 1024) -> Any:
    """The rows of one Parquet file of a release, labels as names, streamed batch by batch."""
    codec = Codec(config)
    for batch in pq.ParquetFile(path).iter_batches(batch_size=batch_rows):
        for row in batch.to_pylist():
            yield codec.decode(row)


def verify(folder: Path) -> str:
    """Check a release against its manifest (file hashes, row hashes, fingerprint); return the fingerprint."""
    data = read(folder)
    check_files(folder, data)
    contents = contents_of(data)
    for config, splits in contents.files.items():
        for split, relative in splits.items():
            digest = hashlib.sha256()
            count = 0
            for row in iter_rows(folder / relative, config):
                digest.update(canonical(row) + b"\n")
                count += 1
            if (
                count != contents.rows[config][split]
                or digest.hexdigest() != contents.rows_sha256[config][split]
            ):
                raise NewsgoldError(
                    f"{relative}: rows differ from those recorded in {MANIFEST}", str(folder)
                )
    fingerprint = contents.fingerprint()
    if fingerprint != data["fingerprint"]:
        raise NewsgoldError(
            f"fingerprint {fingerprint} differs from the recorded {data['fingerprint']}",
            str(folder),
        )
    return fingerprint
