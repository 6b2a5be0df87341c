"""Import articles from a folder of sources (``<source_id>.txt`` + ``<source_id>.json``).

A source is a text and its metadata as collected (``../shared/sources/wikinews/``): title, url,
published, publisher, rights, where the text came from and a sha256 of the text. Importing checks
the source, repairs tokenisation artefacts when the text was rebuilt from tokens (recording every
repair), and returns the corpus files of the article: text, metadata and a draft annotation file
with sections only (headline, dateline, body, captions). No other layer is filled in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsgold import GUIDELINES_VERSION, SCHEMA_VERSION, jsonio
from newsgold.contribute.checks import document_incidents
from newsgold.contribute.new import derive_doc_id, normalise_text
from newsgold.contribute.repair import Repair, apply_repairs, find_repairs
from newsgold.corpus import LAYERS, sha256_bytes, sha256_text
from newsgold.errors import NewsgoldError
from newsgold.timex import MONTH_NAMES

# A dateline at the start of a line: "December 10, 2013", "Friday, July 21, 2017", "March 01, 2008".
DATELINE_PREFIX = re.compile(
    rf"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,\s+)?(?:{MONTH_NAMES})\s+\d{{1,2}},\s+\d{{4}}",
    re.IGNORECASE,
)
REPAIRED_ORIGINS = ("meantime",)  # source folders whose texts were rebuilt from tokens
REQUIRED = ("source_id", "title", "url", "published", "publisher", "language", "rights")


@dataclass
class Imported:
    """One imported article: its doc_id, the files' contents and the repairs made to its text."""

    doc_id: str
    text: str
    metadata: dict[str, Any]
    annotations: dict[str, Any]
    repairs: list[Repair] = field(default_factory=list)


def _require(meta: dict[str, Any], key: str, file: str, pointer: str = "") -> Any:
    value = meta.get(key)
    if value in (None, ""):
        raise NewsgoldError(f"{key!r} is missing; expected it in every source", file, pointer)
    return value


def read_source(json_path: Path) -> tuple[dict[str, Any], bytes]:
    """A source's metadata and raw text bytes, with its sha256 and licence checked."""
    file = str(json_path)
    meta = jsonio.load(json_path)
    if not isinstance(meta, dict):
        raise NewsgoldError("expected a JSON object of source metadata", file)
    for key in REQUIRED:
        _require(meta, key, file, f"/{key}")
    rights = meta["rights"]
    if not isinstance(rights, dict):
        raise NewsgoldError(
            "expected an object with license, holder, redistribute", file, "/rights"
        )
    _require(rights, "license", file, "/rights/license")
    _require(rights, "holder", file, "/rights/holder")
    if not isinstance(rights.get("redistribute"), bool):
        raise NewsgoldError("expected true or false", file, "/rights/redistribute")
    expected = _require(meta, "text_sha256", file, "/text_sha256")
    text_path = json_path.with_suffix(".txt")
    try:
        raw = text_path.read_bytes()
    except OSError as err:
        raise NewsgoldError(
            f"cannot read the source text: {err.strerror}", str(text_path)
        ) from None
    if sha256_bytes(raw) != expected:
        raise NewsgoldError(
            f"the text's sha256 is {sha256_bytes(raw)[:12]}…, the source says {expected[:12]}…; "
            "the text changed since it was collected",
            str(text_path),
        )
    return meta, raw


CAPTION_LINE = re.compile(r".*\b(?:Image|Video|Audio): [^\n]+")  # a caption ends in its credit


def draft_sections(text: str) -> list[dict[str, Any]]:
    """Headline (line 1), dateline (a date at the start of line 2), then body and caption zones.

    A line that ends in a media credit (``... Image: NASA.``, ``Video: …``, ``Audio: …``) is a
    caption; the lines between captions form body sections.
    """
    first_end = text.index("\n") if "\n" in text else len(text)
    zones: list[tuple[str, int, int]] = [("headline", 0, len(text[:first_end].rstrip()))]
    rest = first_end + 1
    while rest < len(text) and text[rest].isspace():
        rest += 1
    match = DATELINE_PREFIX.match(text, rest)
    if match:
        zones.append(("dateline", match.start(), match.end()))
        rest = match.end()
    position = rest
    for line in text[rest:].split("\n"):
        start = position + len(line) - len(line.lstrip())
        end = position + len(line.rstrip())
        position += len(line) + 1
        if start >= end:
            continue
        kind = "caption" if CAPTION_LINE.fullmatch(text, start, end) else "body"
        if kind == "body" and zones[-1][0] == "body":
            zones[-1] = ("body", zones[-1][1], end)
        else:
            zones.append((kind, start, end))
    return [
        {"id": f"s{n}", "type": kind, "start": s, "end": e, "text": text[s:e]}
        for n, (kind, s, e) in enumerate(zones, 1)
    ]


def import_source(json_path: Path, split: str, annotators: list[str]) -> Imported:
    """Build the corpus files of one source; repairs are made when its folder needs them."""
    meta, raw = read_source(json_path)
    file = str(json_path.with_suffix(".txt"))
    text = normalise_text(raw, file).text
    origin = json_path.parent.name
    doc_id = derive_doc_id(meta["published"], meta["publisher"], meta["url"])
    repairs = find_repairs(doc_id, text) if origin in REPAIRED_ORIGINS else []
    text = apply_repairs(text, repairs)
    text_origin = meta.get("text_origin") or origin
    if origin in REPAIRED_ORIGINS:  # the source's note that artefacts remain is now out of date
        text_origin = text_origin.split("; tokenisation artefacts remain")[0]
        text_origin += (
            f"; {len(repairs)} tokenisation artefact(s) repaired by newsgold "
            "(provenance/text-repairs.json)"
        )
    rights: dict[str, Any] = {
        "holder": meta["rights"]["holder"],
        "license": meta["rights"]["license"],
        "redistribute": meta["rights"]["redistribute"],
    }
    if meta["rights"].get("license_url"):
        rights["license_url"] = meta["rights"]["license_url"]
    if meta["rights"]["license"] == "CC BY 2.5":
        rights["note"] = f"Attribution: Wikinews contributors, {meta['url']}"
    metadata: dict[str, Any] = {
        "doc_id": doc_id,
        "title": meta["title"],
        "url": meta["url"],
        "publisher": meta["publisher"],
        "byline": None,
        "agency": None,
        "published": meta["published"],
        "language": meta["language"],
        "rights": rights,
        "split": split,
        "text_sha256": sha256_text(text),
        "provenance": {
            "source_id": meta["source_id"],
            "source_corpus": meta.get("source_corpus") or origin,
            "source_file": f"{json_path.parent.parent.name}/{origin}/{json_path.stem}.txt",
            "source_sha256": meta["text_sha256"],
            "text_origin": text_origin,
            "topic": meta.get("topic"),
            "collected": meta.get("collected"),
            "repairs": len(repairs),
        },
    }
    annotations: dict[str, Any] = {
        "doc_id": doc_id,
        "text_sha256": metadata["text_sha256"],
        "schema_version": SCHEMA_VERSION,
        "status": "draft",
        "annotators": annotators,
        "guidelines_version": GUIDELINES_VERSION,
        "sections": draft_sections(text),
        **{layer: [] for layer in LAYERS},
    }
    incidents = document_incidents(doc_id, text, metadata, annotations)
    if incidents:
        raise NewsgoldError(
            "the imported document would not validate: "
            + "; ".join(i.line() for i in incidents[:5]),
            str(json_path),
        )
    return Imported(doc_id, text, metadata, annotations, repairs)


def source_files(folder: Path) -> list[Path]:
    """The ``*.json`` source metadata files under a folder (one level of subfolders), sorted."""
    found = sorted(folder.glob("*.json")) + sorted(folder.glob("*/*.json"))
    if not found:
        raise NewsgoldError("no source metadata (*.json) found", str(folder), status=2)
    return found
