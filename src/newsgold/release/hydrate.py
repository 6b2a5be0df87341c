"""``newsgold hydrate``: put user-supplied texts back into a release built without them.

Every supplied ``<doc_id>.txt`` must have the sha256 the release records for that article; one
mismatch and nothing changes. The release is rewritten through the same writer as a build (in a
folder beside it, then swapped), so a hydrated release equals a build that carried those texts.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from newsgold import __version__
from newsgold.corpus import is_doc_id, sha256_bytes
from newsgold.errors import NewsgoldError
from newsgold.progress import ProgressFn
from newsgold.release import card, manifest
from newsgold.release.build import (
    BuildResult,
    carried_documents,
    emit,
    finish,
    locked,
    result,
    staging,
    write_error,
)
from newsgold.release.features import arrow_schema
from newsgold.release.rows import with_text
from newsgold.release.writer import ReleaseWriter, Stats


@dataclass
class HydrateResult:
    """What hydrate did: the documents it filled, those still without text, files it did not need."""

    release: BuildResult | None
    hydrated: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The result as JSON-ready data."""
        return {
            "release": self.release.to_dict() if self.release else None,
            "hydrated": self.hydrated,
            "missing": self.missing,
            "ignored": self.ignored,
        }


def _textless(folder: Path, contents_files: dict[str, str]) -> dict[str, str]:
    """doc_id -> text_sha256 of every documents row without text."""
    out: dict[str, str] = {}
    for relative in contents_files.values():
        parquet = pq.ParquetFile(folder / relative)
        for batch in parquet.iter_batches(
            columns=["doc_id", "text_sha256", "text"], batch_size=256
        ):
            for row in batch.to_pylist():
                if not is_doc_id(row["doc_id"]):  # it names a file: it must not lead elsewhere
                    raise NewsgoldError(
                        f"doc_id {row['doc_id']!r} is not a doc_id (lowercase [a-z0-9-])",
                        str(folder / relative),
                    )
                if row["text"] is None:
                    out[row["doc_id"]] = row["text_sha256"]
    return out


def _check_layout(release: Path, files: dict[str, dict[str, str]]) -> None:
    """Refuse Parquet files whose columns are not this version's (a release built before a change
    of layout within the same version): hydrate rewrites rows, it does not convert them."""
    for config, splits in files.items():
        expected = arrow_schema(config)
        for relative in splits.values():
            found = pq.read_schema(release / relative)
            if not found.equals(expected, check_metadata=False):
                raise NewsgoldError(
                    f"{relative} has other columns than this newsgold writes (a release of an "
                    "earlier layout); rebuild it with newsgold build",
                    str(release),
                )


def _groups(rows: Iterator[dict[str, Any]]) -> Iterator[tuple[str, list[dict[str, Any]]]]:
    """Consecutive rows grouped by doc_id."""
    current: str | None = None
    group: list[dict[str, Any]] = []
    for row in rows:
        if row["doc_id"] != current:
            if current is not None:
                yield current, group
            current, group = row["doc_id"], []
        group.append(row)
    if current is not None:
        yield current, group


def _with_tokens(rows: list[dict[str, Any]], text: str) -> list[dict[str, Any]]:
    return [
        {
            **row,
            "tokens": [
                text[a:b] for a, b in zip(row["token_starts"], row["token_ends"], strict=True)
            ],
        }
        for row in rows
    ]


def _check_texts(texts: Path, needed: dict[str, str]) -> tuple[list[str], list[str]]:
    found: list[str] = []
    wrong: list[str] = []
    for doc_id in sorted(needed):
        path = texts / f"{doc_id}.txt"
        if not path.is_file():
            continue
        digest = sha256_bytes(path.read_bytes())
        if digest != needed[doc_id]:
            wrong.append(
                f"{path.name}: sha256 {digest[:12]}…, the release expects {needed[doc_id][:12]}…"
            )
        else:
            found.append(doc_id)
    if wrong:
        listing = "; ".join(wrong)
        raise NewsgoldError(
            f"{len(wrong)} text(s) differ from the articles the release was built from, nothing changed: {listing}",
            str(texts),
        )
    return found, [d for d in sorted(needed) if d not in found]


def hydrate(release: Path, texts: Path, progress: ProgressFn | None = None) -> HydrateResult:
    """Fill the texts of a release's text-less documents from ``texts/<doc_id>.txt``."""
    if not texts.is_dir():
        raise NewsgoldError("no such folder of texts", str(texts), status=2)
    if not release.is_dir():
        raise NewsgoldError("no such release folder", str(release), status=2)
    if not (release / manifest.MANIFEST).is_file():  # checked before the lock file is made
        raise NewsgoldError(
            f"not a newsgold release: no {manifest.MANIFEST} in it", str(release), status=2
        )
    try:
        return _hydrate(release, texts, progress)
    except OSError as err:  # staging has removed its folder: the release is unchanged
        raise write_error(err, release) from None


def _hydrate(release: Path, texts: Path, progress: ProgressFn | None) -> HydrateResult:
    with locked(release):
        data = manifest.read(release)
        if data["version"] != __version__:
            raise NewsgoldError(
                f"release built by newsgold {data['version']}; this is {__version__}: rebuild it or use that version",
                str(release),
            )
        manifest.check_files(release, data)
        contents = manifest.contents_of(data)
        _check_layout(release, contents.files)
        needed = _textless(release, contents.files["documents"])
        found, missing = _check_texts(texts, needed)
        ignored = sorted(p.name for p in texts.glob("*.txt") if p.stem not in needed)
        if not found:
            if needed:
                raise NewsgoldError(
                    f"none of the {len(needed)} text-less article(s) has its <doc_id>.txt here, nothing changed "
                    f"(first expected: {min(needed)}.txt)",
                    str(texts),
                )
            return HydrateResult(None, [], [], ignored)
        hydrating = set(found)
        total = data["documents"]["total"]
        done = 0
        with staging(release) as tmp:
            writer = ReleaseWriter(tmp)
            stats = Stats()
            stats.ner = Counter(data["ner"])
            stats.drafts_left_out = int(data["documents"].get("drafts_left_out", 0))
            try:
                for split in card.ordered_splits(contents.files["documents"]):
                    ner_file = contents.files.get("ner", {}).get(split)
                    ner_groups = (
                        _groups(manifest.iter_rows(release / ner_file, "ner"))
                        if ner_file
                        else iter(())
                    )
                    for row in manifest.iter_rows(
                        release / contents.files["documents"][split], "documents"
                    ):
                        doc_id, ner = next(ner_groups, (None, []))
                        if doc_id != row["doc_id"]:
                            raise NewsgoldError(
                                f"ner rows out of step with documents at {row['doc_id']}",
                                str(release),
                            )
                        if doc_id in hydrating:
                            text = (texts / f"{doc_id}.txt").read_bytes().decode("utf-8")
                            row = with_text(row, text)
                            ner = _with_tokens(ner, text)
                        emit(writer, stats, row, ner)
                        done += 1
                        if progress is not None:
                            progress(done, total)
                contents = writer.close()
            except BaseException:
                writer.abort()
                raise
            carried = carried_documents(release, in_release=True)
            fingerprint = finish(tmp, contents, stats, carried, data.get("date"))
    return HydrateResult(result(release, contents, stats, fingerprint), found, missing, ignored)
