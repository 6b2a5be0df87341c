"""MANIFEST.json: version, schema version, content fingerprint, per-file sha256 and row counts.

The fingerprint is a sha256 over canonical JSON rows (see ``rows.canonical``), so it does not
depend on the pyarrow version that wrote the files; ``verify`` recomputes it from the Parquet.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path, PurePosixPath
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
    statuses: dict[str, int] = {}
    for (status, _), count in sorted(stats.status.items()):
        statuses[status] = statuses.get(status, 0) + count
    return {
        "name": NAME,
        "version": __version__,
        "date": release.date,
        "schema_version": SCHEMA_VERSION,
        "guidelines_versions": sorted(stats.guidelines),
        "fingerprint": release.fingerprint,
        "documents": {
            "total": sum(stats.documents.values()),
            "splits": {s: stats.documents[s] for s in splits},
            "status": statuses,
            "drafts_left_out": stats.drafts_left_out,
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
    try:  # the shape hydrate and verify rely on
        missing = [k for k in ("version", "fingerprint", "ner", "files") if k not in data]
        if missing or not isinstance(data["documents"]["total"], int):
            raise ValueError(f"missing {missing or 'documents.total'}")
        if not isinstance(data["documents"].get("drafts_left_out", 0), int):
            raise ValueError("documents.drafts_left_out is not an integer")
        if not isinstance(data.get("date"), str | None):
            raise ValueError("date is not a string")
        if not all(isinstance(e, dict) and "sha256" in e for e in data["files"].values()):
            raise ValueError("every entry of files needs its sha256")
        contents = contents_of(data)
        listed = [("/files", name) for name in data["files"]]
        listed += [
            (f"/configs/{config}/{split}/file", name)
            for config, splits in contents.files.items()
            for split, name in splits.items()
        ]
    except (KeyError, TypeError, AttributeError, ValueError) as err:
        raise NewsgoldError(
            f"malformed release manifest ({type(err).__name__}: {err}); rebuild the release",
            str(path),
        ) from None
    for where, name in listed:
        if not _inside(name):
            raise NewsgoldError(
                f"{name!r} is not a path inside the release; expected a relative path such as "
                "data/documents/test-00000-of-00001.parquet",
                str(path),
                where,
            )
    return data


def _inside(name: Any) -> bool:
    """Whether a path named by a manifest stays inside the release folder."""
    if not isinstance(name, str) or not name or "\\" in name:
        return False
    parts = PurePosixPath(name).parts
    return not PurePosixPath(name).is_absolute() and ".." not in parts and parts != (".",)


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
