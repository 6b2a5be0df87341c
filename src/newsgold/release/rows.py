"""Canonical release rows from the corpus, and the annotation JSON back from a release row.

A ``documents`` row holds an article's metadata, text and every layer as nested lists, in the
source order, so ``annotations_from_row`` and ``metadata_from_row`` give back exactly what the
repository stores. Rows carry label names (only the ``ner`` config's tags become ClassLabel ids, in
``features.Codec``). Absent optional fields (``wikidata``, ``notes``, ``rights.note``,
``rights.license_url``, ``synthetic``, ``provenance``) are null in a row.
"""

from __future__ import annotations

import json
from typing import Any

from newsgold.corpus import ANNOTATIONS_DIR, Document
from newsgold.errors import NewsgoldError
from newsgold.release.features import LAYER_CONFIGS, LAYER_ITEMS

LAYERS = tuple(LAYER_ITEMS)  # sections, entities, dates, figures, claims
METADATA_FIELDS = (
    "doc_id",
    "title",
    "url",
    "publisher",
    "byline",
    "agency",
    "published",
    "language",
)
ANNOTATION_HEAD = ("schema_version", "status", "annotators", "guidelines_version")
PROVENANCE_FIELDS = (
    "source_id",
    "source_corpus",
    "source_file",
    "source_sha256",
    "text_origin",
    "topic",
    "collected",
    "repairs",
)
RIGHTS_OPTIONAL = ("note", "license_url")
MAX_OFFSET = 2**31 - 1  # offsets are int32
EXACT_FLOAT = 2**53  # integers beyond this are not exact as float64


def canonical(row: dict[str, Any]) -> bytes:
    """A row as canonical JSON bytes (sorted keys, no spaces): what the fingerprint hashes."""
    return json.dumps(
        row, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False
    ).encode("utf-8")


def _number(value: Any, file: str, where: str) -> float | None:
    if value is None:
        return None
    if isinstance(value, int) and abs(value) > EXACT_FLOAT:
        raise NewsgoldError(
            f"{value} cannot be stored exactly as a 64-bit float; expected |value| <= 2**53",
            file,
            where,
        )
    return float(value)


def _span(item: dict[str, Any], keys: tuple[str, ...], with_text: bool) -> dict[str, Any]:
    out: dict[str, Any] = {"id": item["id"], "start": item["start"], "end": item["end"]}
    out["text"] = item["text"] if with_text else None
    for key in keys:
        out[key] = item.get(key)
    return out


def _part(
    item: dict[str, Any] | None, keys: tuple[str, ...], with_text: bool
) -> dict[str, Any] | None:
    if item is None:
        return None
    out = {"start": item["start"], "end": item["end"], "text": item["text"] if with_text else None}
    out.update({key: item.get(key) for key in keys})
    return out


def _layer(
    layer: str, items: list[dict[str, Any]], with_text: bool, file: str
) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for i, item in enumerate(items):
        if layer == "sections":
            row = _span(item, ("type",), with_text)
        elif layer == "entities":
            row = _span(item, ("type", "entity_id", "wikidata"), with_text)
        elif layer == "dates":
            row = _span(item, ("type", "value", "mod", "anchor", "function"), with_text)
        elif layer == "figures":
            row = _span(item, ("kind",), with_text)
            row["value"] = _number(item["value"], file, f"/figures/{i}/value")
            row["value_max"] = _number(item["value_max"], file, f"/figures/{i}/value_max")
            row["unit"] = item["unit"]
            row["modifier"] = item["modifier"]
        else:
            row = _span(item, (), with_text)
            row["source"] = _part(item["source"], ("entity_id",), with_text)
            row["cue"] = _part(item["cue"], (), with_text)
            for key in ("quote", "certainty", "polarity"):
                row[key] = item[key]
            row["dates"] = list(item["dates"])
            row["figures"] = list(item["figures"])
            row["reported_on"] = item["reported_on"]
        rows.append(row)
    return rows


def document_row(doc: Document, with_text: bool) -> dict[str, Any]:
    """The ``documents`` row of an article; without its text (and span texts) when with_text is False."""
    meta, ann = doc.metadata, doc.annotations
    file = f"{ANNOTATIONS_DIR}/{doc.doc_id}.json"
    if len(doc.text) > MAX_OFFSET:
        raise NewsgoldError(
            f"text of {len(doc.text)} characters is too long for int32 offsets", file
        )
    rights = meta["rights"]
    row: dict[str, Any] = {key: meta[key] for key in METADATA_FIELDS}
    row["split"] = meta["split"]
    row["rights"] = {
        "holder": rights["holder"],
        "license": rights["license"],
        "redistribute": rights["redistribute"],
        **{key: rights.get(key) for key in RIGHTS_OPTIONAL},
    }
    row["synthetic"] = meta.get("synthetic")
    provenance = meta.get("provenance")
    row["provenance"] = (
        None if provenance is None else {key: provenance[key] for key in PROVENANCE_FIELDS}
    )
    row["text_sha256"] = meta["text_sha256"]
    row["text"] = doc.text if with_text else None
    for key in ANNOTATION_HEAD:
        row[key] = ann[key]
    row["annotators"] = list(ann["annotators"])
    row["notes"] = ann.get("notes")
    for layer in LAYERS:
        row[layer] = _layer(layer, ann[layer], with_text, file)
    return row


def with_text(row: dict[str, Any], text: str) -> dict[str, Any]:
    """A text-less ``documents`` row with its text and every span text restored from the offsets."""
    out = dict(row)
    out["text"] = text
    for layer in LAYERS:
        items = []
        for item in row[layer]:
            filled = dict(item)
            filled["text"] = text[item["start"] : item["end"]]
            for part in ("source", "cue"):
                if filled.get(part) is not None:
                    sub = dict(filled[part])
                    sub["text"] = text[sub["start"] : sub["end"]]
                    filled[part] = sub
            items.append(filled)
        out[layer] = items
    return out


def layer_rows(row: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """The rows of the entities, dates, figures and claims configs: one per annotation, by offsets,
    each with its document's ``doc_id`` and ``status``."""
    out: dict[str, list[dict[str, Any]]] = {}
    head = {"doc_id": row["doc_id"], "status": row["status"]}
    for layer in LAYER_CONFIGS:
        items = sorted(row[layer], key=lambda s: (s["start"], s["end"], s["id"]))
        out[layer] = [{**head, **item} for item in items]
    return out


def _json_number(value: float | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def _item_from_row(layer: str, item: dict[str, Any]) -> dict[str, Any]:
    out = dict(item)
    if layer == "entities" and out.get("wikidata") is None:
        out.pop("wikidata", None)
    if layer == "figures":
        out["value"] = _json_number(out["value"])
        out["value_max"] = _json_number(out["value_max"])
    if layer == "claims":
        out["dates"] = list(out["dates"])
        out["figures"] = list(out["figures"])
        for part in ("source", "cue"):
            if out[part] is not None:
                out[part] = dict(out[part])
    return out


def annotations_from_row(row: dict[str, Any], text: str | None = None) -> dict[str, Any]:
    """The annotation JSON (as in ``annotations/<doc_id>.json``) of a ``documents`` row.

    Accepts rows from ``datasets``, Parquet or ``document_row`` (label columns hold names).
    Integral figure values come back as JSON integers. A text-less row gives null span texts unless its text is passed.
    """
    decoded = dict(row)
    if decoded["text"] is None and text is not None:
        decoded = with_text(decoded, text)
    ann: dict[str, Any] = {"doc_id": decoded["doc_id"], "text_sha256": decoded["text_sha256"]}
    for key in ANNOTATION_HEAD:
        ann[key] = decoded[key]
    ann["annotators"] = list(decoded["annotators"])
    if decoded["notes"] is not None:
        ann["notes"] = decoded["notes"]
    for layer in LAYERS:
        ann[layer] = [_item_from_row(layer, item) for item in decoded[layer]]
    return ann


def metadata_from_row(row: dict[str, Any]) -> dict[str, Any]:
    """The metadata JSON (as in ``corpus/<doc_id>.json``) of a ``documents`` row."""
    meta: dict[str, Any] = {key: row[key] for key in METADATA_FIELDS}
    rights = {key: row["rights"][key] for key in ("holder", "license", "redistribute")}
    for key in RIGHTS_OPTIONAL:
        if row["rights"].get(key) is not None:
            rights[key] = row["rights"][key]
    meta["rights"] = rights
    meta["split"] = row["split"]
    meta["text_sha256"] = row["text_sha256"]
    if row["synthetic"] is not None:
        meta["synthetic"] = row["synthetic"]
    if row.get("provenance") is not None:
        meta["provenance"] = {key: row["provenance"][key] for key in PROVENANCE_FIELDS}
    return meta
