"""Streaming Parquet writing of a release: one file per config and split, row groups of bounded size.

Rows arrive document by document; each (config, split) buffers at most one row group, so memory
stays at one shard whatever the corpus size. Row-group boundaries depend only on each file's own
row sequence, and the writer options are fixed, so the same rows give the same bytes.
"""

from __future__ import annotations

import contextlib
import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from newsgold.errors import NewsgoldError
from newsgold.release.features import CONFIGS, Codec, arrow_schema, describe, features
from newsgold.release.rows import canonical
from newsgold.splits import stratum

# Rows per row group: a documents row holds a whole article, a ner row a sentence.
GROUP_ROWS = {
    "documents": 64,
    "ner": 4096,
    "entities": 8192,
    "dates": 8192,
    "figures": 8192,
    "claims": 4096,
}
PARQUET_OPTIONS: dict[str, Any] = {
    "version": "2.6",
    "compression": "snappy",
    "use_dictionary": True,
    "write_statistics": True,
    "data_page_version": "1.0",
    "write_page_index": False,
    "store_schema": True,
}


SPLIT_ORDER = ("train", "validation", "test")
SPLIT_NAME = re.compile(r"[A-Za-z0-9_]+")  # what Hugging Face accepts, and safe in a file name


def _order(config: str, split: str) -> tuple[int, int, str]:
    rank = SPLIT_ORDER.index(split) if split in SPLIT_ORDER else len(SPLIT_ORDER)
    return CONFIGS.index(config), rank, split


def data_file(config: str, split: str) -> str:
    """The release-relative path of a config's split file."""
    return f"data/{config}/{split}-00000-of-00001.parquet"


OTHER_SOURCE = "other"


def source_name(row: dict[str, Any]) -> str:
    """Where a documents row's article comes from: its source folder and MEANTIME topic
    ("gum", "meantime/airbus"), or "other" for articles not imported from a collected source."""
    found = stratum({"provenance": row.get("provenance")})
    if found is None:
        return OTHER_SOURCE
    return found.removesuffix("/-")


@dataclass(frozen=True)
class Article:
    """What the card's attribution table says of one article."""

    doc_id: str
    title: str
    url: str
    published: str
    holder: str
    license: str
    license_url: str | None
    has_text: bool


@dataclass
class Stats:
    """What the card and manifest report, gathered from documents rows as they stream past."""

    documents: Counter[str] = field(default_factory=Counter)  # per split
    with_text: Counter[str] = field(default_factory=Counter)  # per split
    textless: list[str] = field(default_factory=list)  # doc_ids without text
    hydrated: list[str] = field(default_factory=list)  # doc_ids with text but redistribute false
    synthetic: int = 0
    languages: set[str] = field(default_factory=set)
    guidelines: set[str] = field(default_factory=set)
    schemas: set[str] = field(default_factory=set)
    status: Counter[tuple[str, str]] = field(default_factory=Counter)  # (status, split)
    sources: Counter[tuple[str, str]] = field(default_factory=Counter)  # (source, split)
    articles: list[Article] = field(default_factory=list)
    # config -> (licence, licence URL) of every text (or text excerpt) its rows carry
    text_licenses: dict[str, set[tuple[str, str | None]]] = field(default_factory=dict)
    drafts_left_out: int = 0
    types: Counter[tuple[str, str, str]] = field(default_factory=Counter)  # (layer, type, split)
    layers: Counter[tuple[str, str]] = field(default_factory=Counter)  # (layer, split)
    rights: Counter[tuple[str, str, bool, bool]] = field(
        default_factory=Counter
    )  # holder, license, redistribute, included
    ner: Counter[str] = field(
        default_factory=Counter
    )  # spans, dropped_overlap, widened, sentences_joined
    tokens: Counter[str] = field(default_factory=Counter)  # per split

    def observe(self, row: dict[str, Any]) -> None:
        """Count one documents row (labels as names)."""
        split = row["split"]
        self.documents[split] += 1
        has_text = row["text"] is not None
        if has_text:
            self.with_text[split] += 1
            if not row["rights"]["redistribute"]:
                self.hydrated.append(row["doc_id"])
        else:
            self.textless.append(row["doc_id"])
        self.synthetic += bool(row["synthetic"])
        self.languages.add(row["language"])
        self.guidelines.add(row["guidelines_version"])
        self.schemas.add(row["schema_version"])
        self.status[(row["status"], split)] += 1
        self.sources[(source_name(row), split)] += 1
        rights = row["rights"]
        self.rights[(rights["holder"], rights["license"], rights["redistribute"], has_text)] += 1
        self.articles.append(
            Article(
                row["doc_id"],
                row["title"],
                row["url"],
                row["published"],
                rights["holder"],
                rights["license"],
                rights["license_url"],
                has_text,
            )
        )
        for layer in ("sections", "entities", "dates", "figures", "claims"):
            self.layers[(layer, split)] += len(row[layer])
            if layer == "claims":
                for item in row[layer]:
                    self.types[
                        (layer, "attributed" if item["source"] else "unattributed", split)
                    ] += 1
                continue
            key = "kind" if layer == "figures" else "type"
            for item in row[layer]:
                self.types[(layer, item[key], split)] += 1

    def observe_ner(self, split: str, rows: list[dict[str, Any]]) -> None:
        """Count the tokens of one document's ner rows."""
        self.tokens[split] += sum(len(r["token_starts"]) for r in rows)

    def observe_config(self, config: str, row: dict[str, Any], rows: int) -> None:
        """Note the text licence a config's rows of one document carry (none without text)."""
        licenses = self.text_licenses.setdefault(config, set())
        if rows and row["text"] is not None:
            licenses.add((row["rights"]["license"], row["rights"]["license_url"]))


@dataclass
class Contents:
    """What was written: rows and row hashes per config and split, and the files."""

    rows: dict[str, dict[str, int]]
    rows_sha256: dict[str, dict[str, str]]
    files: dict[str, dict[str, str]]  # config -> split -> relative path

    def fingerprint(self) -> str:
        """sha256 over the canonical rows of every file and the declared features."""
        summary = {
            "features": {c: describe(features(c)) for c in CONFIGS},
            "rows": self.rows_sha256,
        }
        return hashlib.sha256(canonical(summary)).hexdigest()


class _File:
    def __init__(self, folder: Path, config: str, split: str) -> None:
        self.config = config
        self.relative = data_file(config, split)
        self.path = folder / self.relative
        self.schema = arrow_schema(config)
        self.codec = Codec(config)
        self.buffer: list[dict[str, Any]] = []
        self.hash = hashlib.sha256()
        self.rows = 0
        self.writer: pq.ParquetWriter | None = None

    def add(self, row: dict[str, Any]) -> None:
        self.hash.update(canonical(row) + b"\n")
        self.buffer.append(self.codec.encode(row))
        self.rows += 1
        if len(self.buffer) >= GROUP_ROWS[self.config]:
            self.flush()

    def flush(self) -> None:
        if not self.buffer:
            return
        if self.writer is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.writer = pq.ParquetWriter(self.path, self.schema, **PARQUET_OPTIONS)
        table = pa.Table.from_pylist(self.buffer, schema=self.schema)
        self.writer.write_table(table, row_group_size=len(self.buffer))
        self.buffer = []

    def close(self) -> None:
        self.flush()
        if self.writer is not None:
            self.writer.close()


class ReleaseWriter:
    """Writes the Parquet files of a release into a folder, streaming."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._files: dict[tuple[str, str], _File] = {}

    def add(self, config: str, split: str, rows: list[dict[str, Any]]) -> None:
        """Append rows (labels as names) to a config's split file; empty lists write nothing."""
        if not rows:
            return
        if not SPLIT_NAME.fullmatch(split):  # it names a file: a row must not lead elsewhere
            raise NewsgoldError(
                f"split {split!r} of {rows[0].get('doc_id')!r} is not a split name; expected "
                "letters, digits and underscores (train, validation, test)"
            )
        key = (config, split)
        if key not in self._files:
            self._files[key] = _File(self.folder, config, split)
        target = self._files[key]
        for row in rows:
            target.add(row)

    def close(self) -> Contents:
        """Finish every file and say what was written."""
        rows: dict[str, dict[str, int]] = {}
        hashes: dict[str, dict[str, str]] = {}
        files: dict[str, dict[str, str]] = {}
        for (config, split), target in sorted(self._files.items(), key=lambda kv: _order(*kv[0])):
            target.close()
            rows.setdefault(config, {})[split] = target.rows
            hashes.setdefault(config, {})[split] = target.hash.hexdigest()
            files.setdefault(config, {})[split] = target.relative
        return Contents(rows, hashes, files)

    def abort(self) -> None:
        """Close open files without caring for their content (the folder is discarded)."""
        for target in self._files.values():
            if target.writer is not None:
                with contextlib.suppress(Exception):  # a full disk fails the close as well
                    target.writer.close()
