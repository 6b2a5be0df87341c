"""Level 1: files, names, encodings, JSON syntax and checksums."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsgold import jsonio
from newsgold.corpus import (
    ANNOTATIONS_DIR,
    CORPUS_DIR,
    inside,
    is_doc_id,
    sha256_bytes,
    text_problems,
)
from newsgold.errors import NewsgoldError
from newsgold.validate.incidents import Incident


@dataclass
class LoadedDoc:
    """What level 1 could read of one document; None where a file is missing or unreadable."""

    doc_id: str
    text: str | None = None
    text_sha256: str | None = None
    metadata: Any = None
    annotations: Any = None
    files: dict[str, str] = field(default_factory=dict)
    failed: set[str] = field(default_factory=set)  # kinds whose file could not be read or parsed

    def release(self) -> None:
        """Drop the content once checked, keeping what level 4 needs (file names, checksum, URL)."""
        meta = self.metadata
        if isinstance(meta, dict):
            self.metadata = {k: meta[k] for k in LEVEL4_FIELDS if isinstance(meta.get(k), str)}
        self.text = self.annotations = None


LEVEL4_FIELDS = ("doc_id", "url", "split")  # the metadata fields corpus-level checks compare


def _json_incident(err: NewsgoldError) -> Incident:
    if "duplicate key" in err.message:
        kind = "json-duplicate-key"
    elif "not a JSON number" in err.message:
        kind = "json-nonfinite"
    else:
        kind = "json-invalid"
    return Incident(err.file, err.pointer, kind, err.message)


def find(root: Path, wanted: set[str] | None = None) -> tuple[list[LoadedDoc], list[Incident]]:
    """Find every document's files under root (or only the wanted doc_ids), reading none."""
    for folder in (CORPUS_DIR, ANNOTATIONS_DIR):
        if not (root / folder).is_dir():
            raise NewsgoldError(
                f"no {folder}/ folder; expected a newsgold repository root", str(root), status=2
            )
    incidents: list[Incident] = []
    found: dict[str, LoadedDoc] = {}
    places = [
        (CORPUS_DIR, {".txt": "text", ".json": "metadata"}),
        (ANNOTATIONS_DIR, {".json": "annotations"}),
    ]
    for folder, kinds in places:
        base = root / folder
        # Resolving every file costs a system call per path component: resolve the folder once,
        # and only the files that are symlinks themselves.
        folder_inside = inside(root, base)
        with os.scandir(base) as entries:
            listing = sorted(entries, key=lambda e: e.name)
        for entry in listing:
            path = base / entry.name
            rel = f"{folder}/{entry.name}"
            stem, suffix = path.stem, path.suffix
            if wanted is not None and stem not in wanted:
                continue
            if entry.name in {".gitkeep", ".gitattributes"}:
                continue
            if suffix not in kinds or not entry.is_file():
                incidents.append(
                    Incident(
                        rel,
                        "",
                        "file-unexpected",
                        f"unexpected {entry.name!r}; expected <doc_id>{'/'.join(kinds)} files only",
                    )
                )
                continue
            if not is_doc_id(stem):
                incidents.append(
                    Incident(
                        rel,
                        "",
                        "doc-id-invalid",
                        f"file name {stem!r} is not a doc_id; expected lowercase [a-z0-9-], at most 80 characters",
                    )
                )
                continue
            doc = found.setdefault(stem, LoadedDoc(stem))
            doc.files[kinds[suffix]] = rel
            if not folder_inside or (entry.is_symlink() and not inside(root, path)):
                incidents.append(
                    Incident(
                        rel,
                        "",
                        "path-outside-repo",
                        f"resolves to {path.resolve()}, outside the repository; expected a regular file inside it",
                    )
                )
                doc.failed.add(kinds[suffix])  # never read
    for doc in found.values():
        incidents.extend(_pairing(doc))
    return [found[k] for k in sorted(found)], incidents


def read(root: Path, doc: LoadedDoc) -> list[Incident]:
    """Read and parse the files find() located for one document (level 1 checks)."""
    incidents: list[Incident] = []
    for kind, rel in doc.files.items():
        if kind not in doc.failed:  # files outside the repository are not read
            incidents.extend(_read(root / rel, rel, kind, doc))
    return incidents


def scan(root: Path, wanted: set[str] | None = None) -> tuple[list[LoadedDoc], list[Incident]]:
    """Find and read every document file under root (or only the wanted doc_ids)."""
    docs, incidents = find(root, wanted)
    for doc in docs:
        incidents.extend(read(root, doc))
    return docs, incidents


def _read(path: Path, rel: str, kind: str, doc: LoadedDoc) -> list[Incident]:
    if kind == "text":
        try:
            raw = path.read_bytes()
        except OSError as err:
            doc.failed.add(kind)
            message = f"cannot read: {err.strerror}; expected a readable file"
            return [Incident(rel, "", "file-unexpected", message)]
        problems = text_problems(raw)
        doc.text_sha256 = sha256_bytes(raw)
        if problems:
            doc.failed.add(kind)
            return [Incident(rel, where, pid, message) for pid, where, message in problems]
        doc.text = raw.decode("utf-8")
        return []
    try:
        setattr(doc, kind, jsonio.load(path, rel))
    except NewsgoldError as err:
        doc.failed.add(kind)
        return [_json_incident(err)]
    return []


def _pairing(doc: LoadedDoc) -> list[Incident]:
    out: list[Incident] = []
    text_file = f"{CORPUS_DIR}/{doc.doc_id}.txt"
    if "text" not in doc.files:
        for kind in ("metadata", "annotations"):
            if kind in doc.files:
                out.append(
                    Incident(
                        doc.files[kind],
                        "",
                        "text-missing",
                        f"no text {text_file} for this file; expected one",
                    )
                )
        return out
    if "metadata" not in doc.files:
        out.append(
            Incident(
                text_file,
                "",
                "metadata-missing",
                f"no metadata {CORPUS_DIR}/{doc.doc_id}.json; expected one beside the text",
            )
        )
    if "annotations" not in doc.files:
        out.append(
            Incident(
                text_file,
                "",
                "annotations-missing",
                f"no annotations {ANNOTATIONS_DIR}/{doc.doc_id}.json; expected one (status draft if empty)",
            )
        )
    return out


def checksums(doc: LoadedDoc) -> list[Incident]:
    """text_sha256 of metadata and annotations against the text file's bytes."""
    out: list[Incident] = []
    if doc.text_sha256 is None:
        return out
    for kind, pid in (
        ("metadata", "text-sha256-mismatch"),
        ("annotations", "annotation-sha256-mismatch"),
    ):
        data = getattr(doc, kind)
        if (
            isinstance(data, dict)
            and isinstance(data.get("text_sha256"), str)
            and data["text_sha256"] != doc.text_sha256
        ):
            out.append(
                Incident(
                    doc.files[kind],
                    "/text_sha256",
                    pid,
                    f"text_sha256 is {data['text_sha256'][:12]}…; the text's sha256 is {doc.text_sha256}",
                )
            )
    return out
