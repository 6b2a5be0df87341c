"""What every converter shares: regions read from a tool, assembled into newsgold annotation JSON.

A converter reads a tool's file into :class:`Region` objects (a labelled span with its
attributes) and :class:`Link` objects (claim -> source, cue or reported_on date; date -> anchor),
then :func:`assemble` builds the annotation JSON the one way the repository stores it: layers
sorted by offsets, keys in the contract's order, a claim's dates and figures recomputed from what
lies inside its content. Every error names the place in the tool's file.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsgold import GUIDELINES_VERSION, SCHEMA_VERSION, jsonio
from newsgold.atomic import write_files
from newsgold.contribute.checks import document_incidents
from newsgold.corpus import (
    ANNOTATION_HEADER,
    ANNOTATIONS_DIR,
    CORPUS_DIR,
    LAYERS,
    entity_key,
    read_text,
    sha256_text,
)
from newsgold.errors import NewsgoldError
from newsgold.numbers import numbers_in
from newsgold.shown import first_difference, quoted

# Region kinds: the four layers, sections, and the two parts of a claim that are not its content.
SPAN_KINDS = ("sections", "entities", "dates", "figures", "claims", "source", "cue")
ID_PREFIX = {"sections": "s", "entities": "e", "dates": "t", "figures": "f", "claims": "c"}
# The attributes each kind of region may carry (besides its type/kind label).
FIELDS: dict[str, tuple[str, ...]] = {
    "sections": (),
    "entities": ("entity_id", "wikidata"),
    "dates": ("value", "mod", "function"),
    "figures": ("value", "value_max", "unit", "modifier"),
    "claims": ("quote", "certainty", "polarity"),
    "source": ("entity_id",),
    "cue": (),
}


def a_noun(noun: str) -> str:
    """The noun with its indefinite article: ``an entity``, ``a date``."""
    return f"{'an' if noun[:1].lower() in 'aeiou' else 'a'} {noun}"


NOUN = {
    "sections": "section",
    "entities": "entity",
    "dates": "date",
    "figures": "figure",
    "claims": "claim content",
    "source": "claim source",
    "cue": "claim cue",
}
HEADER = ANNOTATION_HEADER


@dataclass
class Region:
    """A labelled span read from a tool (code point offsets), with the attributes given to it."""

    key: str  # the tool's own id for it (Label Studio region id, brat T id)
    kind: str  # one of SPAN_KINDS
    label: str | None  # section type, entity type, date type or figure kind; None for claim parts
    start: int
    end: int
    where: str  # where it is in the tool's file, for messages
    attrs: dict[str, Any] = field(default_factory=dict)
    wanted_id: str | None = None  # the newsgold id the tool carried, if any


@dataclass
class Link:
    """claim -> source / cue / reported_on date, or date -> anchor date, by the tools' keys."""

    kind: str
    head: str  # the claim content's key, or the anchored date's key
    target: str
    where: str


@dataclass
class Assembled:
    """Annotation JSON built from a tool, with what the conversion did on the way."""

    annotations: dict[str, Any]
    notes: list[str] = field(default_factory=list)
    places: dict[str, str] = field(default_factory=dict)  # JSON pointer -> place in the tool file


def count(notes: dict[str, int], what: str) -> None:
    """Add one to a tally of what a conversion did (reported as notes)."""
    notes[what] = notes.get(what, 0) + 1


def parse_number(raw: str) -> int | float:
    """A number as typed in a tool: JSON number syntax, thousands commas allowed ("10,000")."""
    cleaned = raw.strip()
    if re.fullmatch(r"-?\d{1,3}(?:,\d{3})+(?:\.\d+)?", cleaned):
        cleaned = cleaned.replace(",", "")
    if not re.fullmatch(r"-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?", cleaned):
        raise ValueError(f"{raw!r} is not a number")
    value: int | float = json.loads(cleaned)
    return value


def format_number(value: int | float) -> str:
    """A number written so that :func:`parse_number` gives back the same JSON value."""
    return json.dumps(value)


def _trim(text: str, region: Region, notes: dict[str, int]) -> None:
    start, end = region.start, region.end
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start == end:
        raise NewsgoldError(
            f"the region at {region.start}:{region.end} covers only whitespace",
            pointer=region.where,
        )
    if (start, end) != (region.start, region.end):
        count(notes, "spans trimmed of edge whitespace")
        region.start, region.end = start, end


def _figure_value(text: str, region: Region, notes: dict[str, int]) -> int | float:
    found = sorted(set(numbers_in(text[region.start : region.end])))
    if len(found) != 1:
        raise NewsgoldError(
            f"figure {text[region.start : region.end]!r} has no value and its text does not state "
            "exactly one number; give the value",
            pointer=region.where,
        )
    count(notes, "figure values read from the text")
    number = found[0]
    return int(number) if float(number).is_integer() else number


def _assign_ids(kind: str, regions: list[Region]) -> dict[str, str]:
    """newsgold ids by region key: the carried id if valid and free, else the next free number."""
    prefix = ID_PREFIX[kind]
    pattern = re.compile(rf"^{prefix}([0-9]+)$")
    taken: set[str] = set()
    ids: dict[str, str] = {}
    for region in regions:
        wanted = region.wanted_id if region.wanted_id is not None else region.key
        if pattern.match(wanted) and wanted not in taken:
            ids[region.key] = wanted
            taken.add(wanted)
    numbers = [int(m.group(1)) for m in (pattern.match(i) for i in taken) if m]
    following = max(numbers, default=0) + 1
    for region in regions:
        if region.key not in ids:
            ids[region.key] = f"{prefix}{following}"
            following += 1
    return ids


def _span(text: str, region: Region) -> dict[str, Any]:
    return {"start": region.start, "end": region.end, "text": text[region.start : region.end]}


def assemble(
    text: str, regions: list[Region], links: list[Link], header: dict[str, Any]
) -> Assembled:
    """Build annotation JSON (layers sorted, keys in contract order) from regions and links."""
    counts: dict[str, int] = {}
    by_key: dict[str, Region] = {}
    for region in regions:
        if region.key in by_key:
            raise NewsgoldError(f"two regions share the id {region.key!r}", pointer=region.where)
        if not 0 <= region.start < region.end <= len(text):
            raise NewsgoldError(
                f"offsets {region.start}:{region.end} are not a span of the text (0..{len(text)})",
                pointer=region.where,
            )
        unknown = sorted(set(region.attrs) - set(FIELDS[region.kind]))
        if unknown:
            raise NewsgoldError(
                f"{', '.join(unknown)} does not apply to {a_noun(NOUN[region.kind])} region "
                f"({quoted(text[region.start : region.end], 40)}); expected only "
                f"{', '.join(FIELDS[region.kind]) or 'its label'}",
                pointer=region.where,
            )
        _trim(text, region, counts)
        by_key[region.key] = region

    heads: dict[tuple[str, str], Link] = {}
    for link in links:
        for key in (link.head, link.target):
            if key not in by_key:
                raise NewsgoldError(
                    f"the {link.kind} link names {key!r}, which is no labelled region",
                    pointer=link.where,
                )
        head, target = by_key[link.head], by_key[link.target]
        expected = {
            "source": ("claims", "source"),
            "cue": ("claims", "cue"),
            "reported_on": ("claims", "dates"),
            "anchor": ("dates", "dates"),
        }[link.kind]
        if (head.kind, target.kind) != expected:
            raise NewsgoldError(
                f"{a_noun(link.kind)} link goes from {a_noun(NOUN[expected[0]])} region to "
                f"{a_noun(NOUN[expected[1]])} region; this one links {a_noun(NOUN[head.kind])} "
                f"region to {a_noun(NOUN[target.kind])} region",
                pointer=link.where,
            )
        if (link.kind, link.head) in heads:
            raise NewsgoldError(
                f"{quoted(text[head.start : head.end], 40)} has two {link.kind} links; "
                "expected at most one",
                pointer=link.where,
            )
        heads[(link.kind, link.head)] = link

    linked = {link.target for link in links if link.kind in ("source", "cue")}
    for region in regions:
        if region.kind in ("source", "cue") and region.key not in linked:
            raise NewsgoldError(
                f"the {region.kind} {quoted(text[region.start : region.end], 40)} is linked "
                "to no claim; "
                f"link it from the claim content with a {region.kind} relation",
                pointer=region.where,
            )

    grouped: dict[str, list[Region]] = {kind: [] for kind in ID_PREFIX}
    for region in regions:
        if region.kind in grouped:
            grouped[region.kind].append(region)
    ids: dict[str, str] = {}
    for kind, members in grouped.items():
        members.sort(key=lambda r: (r.start, r.end, r.key))
        ids.update(_assign_ids(kind, members))

    layers: dict[str, list[dict[str, Any]]] = {kind: [] for kind in ID_PREFIX}
    places: dict[str, str] = {}
    for kind, members in grouped.items():
        for index, region in enumerate(members):
            places[f"/{kind}/{index}"] = region.where
            layers[kind].append(_item(text, kind, region, ids, heads, by_key, counts))
    for index, claim in enumerate(layers["claims"]):
        for layer in ("dates", "figures"):
            claim[layer] = [
                item["id"]
                for item in layers[layer]
                if claim["start"] <= item["start"] and item["end"] <= claim["end"]
            ]
        region = grouped["claims"][index]
        for part in ("source", "cue"):
            part_link = heads.get((part, region.key))
            if part_link:
                places[f"/claims/{index}/{part}"] = by_key[part_link.target].where

    annotations: dict[str, Any] = {k: header[k] for k in HEADER if k in header}
    annotations.update(
        {"sections": layers["sections"], **{layer: layers[layer] for layer in LAYERS}}
    )
    notes = [f"{what}: {n}" for what, n in sorted(counts.items())]
    return Assembled(annotations, notes, places)


def _item(
    text: str,
    kind: str,
    region: Region,
    ids: dict[str, str],
    heads: dict[tuple[str, str], Link],
    by_key: dict[str, Region],
    counts: dict[str, int],
) -> dict[str, Any]:
    attrs = region.attrs
    span = _span(text, region)
    if kind == "sections":
        return {"id": ids[region.key], "type": region.label, **span}
    item: dict[str, Any] = {"id": ids[region.key], **span}
    if kind == "entities":
        entity_id = attrs.get("entity_id")
        if entity_id is None:
            entity_id = entity_key(span["text"])
            count(counts, "entity_ids made from the mention text")
        item.update(type=region.label, entity_id=entity_id)
        if attrs.get("wikidata") is not None:
            item["wikidata"] = attrs["wikidata"]
    elif kind == "dates":
        if attrs.get("value") is None:
            raise NewsgoldError(
                f"date {span['text']!r} has no TIMEX3 value; give one", pointer=region.where
            )
        anchor = heads.get(("anchor", region.key))
        item.update(
            type=region.label,
            value=attrs["value"],
            mod=attrs.get("mod"),
            anchor=ids[anchor.target] if anchor else None,
            function=attrs.get("function"),
        )
    elif kind == "figures":
        value = attrs.get("value")
        item.update(
            kind=region.label,
            value=value if value is not None else _figure_value(text, region, counts),
            value_max=attrs.get("value_max"),
            unit=attrs.get("unit"),
            modifier=attrs.get("modifier"),
        )
    else:  # claims
        source_link, cue_link = heads.get(("source", region.key)), heads.get(("cue", region.key))
        reported = heads.get(("reported_on", region.key))
        source = None
        if source_link:
            target = by_key[source_link.target]
            source = {**_span(text, target), "entity_id": target.attrs.get("entity_id")}
        cue = _span(text, by_key[cue_link.target]) if cue_link else None
        for name, default in (("certainty", "asserted"), ("polarity", "positive")):
            if attrs.get(name) is None:
                count(counts, f"claims given the default {name} {default!r}")
        item.update(
            source=source,
            cue=cue,
            quote=attrs.get("quote"),
            certainty=attrs.get("certainty") or "asserted",
            polarity=attrs.get("polarity") or "positive",
            dates=[],
            figures=[],
            reported_on=ids[reported.target] if reported else None,
        )
    return item


# --- loading, checking and writing -------------------------------------------------------------


def load_document_parts(root: Path, doc_id: str) -> tuple[str, dict[str, Any]]:
    """Text and metadata of one document (annotations not needed)."""
    text = read_text(root / CORPUS_DIR / f"{doc_id}.txt")
    metadata = jsonio.load(root / CORPUS_DIR / f"{doc_id}.json")
    if not isinstance(metadata, dict):
        raise NewsgoldError("metadata is not a JSON object", f"{CORPUS_DIR}/{doc_id}.json")
    return text, metadata


def header_for(
    doc_id: str,
    text: str,
    status: str,
    annotators: list[str],
    carried: dict[str, Any],
) -> dict[str, Any]:
    """The annotation file's top-level fields: given options first, then what the tool carried."""
    header: dict[str, Any] = {
        "doc_id": doc_id,
        "text_sha256": sha256_text(text),
        "schema_version": SCHEMA_VERSION,
        "status": status,
        "annotators": annotators or list(carried.get("annotators") or []),
        "guidelines_version": carried.get("guidelines_version") or GUIDELINES_VERSION,
    }
    if isinstance(carried.get("notes"), str):
        header["notes"] = carried["notes"]
    return header


@dataclass
class Imported:
    """One document imported from a tool: where it was written and what the conversion did."""

    doc_id: str
    file: str
    counts: dict[str, int]
    notes: list[str]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "doc_id": self.doc_id,
            "file": self.file,
            "counts": self.counts,
            "notes": self.notes,
        }


class ImportResult(list[Imported]):
    """The documents an import wrote, and the parts of the input it skipped (with why)."""

    def __init__(self, imported: list[Imported], skipped: list[str] | None = None) -> None:
        super().__init__(imported)
        self.skipped = list(skipped or [])


def check_and_write(
    root: Path,
    built: list[tuple[Assembled, str]],
    force: bool,
) -> ImportResult:
    """Validate every imported document in memory, then write them all (or none).

    A gold file is replaced only with ``force``, except that a gold file whose spans and values
    the import leaves exactly as they are is not touched at all (listed as unchanged), so that
    exporting the whole corpus and importing it back never demotes untouched gold to draft.
    """
    files: dict[Path, bytes] = {}
    out: list[Imported] = []
    unchanged: list[str] = []
    for assembled, source_file in built:
        ann = assembled.annotations
        doc_id = ann["doc_id"]
        target = root / ANNOTATIONS_DIR / f"{doc_id}.json"
        rel = target.relative_to(root).as_posix()
        if target in files or doc_id in unchanged:
            raise NewsgoldError(
                f"{doc_id} appears twice in the import; expected each document once", source_file
            )
        existing = _existing(target, rel)
        if existing is not None and existing.get("status") == "gold" and not force:
            if _same_content(existing, ann):
                unchanged.append(doc_id)
                continue
            raise NewsgoldError(
                "is gold and the import changes it; pass --force to replace it "
                "(nothing was written)",
                rel,
            )
        if not ann["annotators"]:
            raise NewsgoldError(
                f"no annotator is known for {doc_id}; pass --annotator NAME (nothing was written)",
                source_file,
            )
        text, metadata = load_document_parts(root, doc_id)
        incidents = document_incidents(doc_id, text, metadata, ann)
        if incidents:
            lines = []
            for incident in incidents[:20]:
                place = _place(assembled.places, incident.pointer)
                lines.append(incident.line() + (f" [from {place}]" if place else ""))
            more = f"\n  … and {len(incidents) - 20} more" if len(incidents) > 20 else ""
            raise NewsgoldError(
                f"the imported annotations of {doc_id} do not validate; nothing was written:\n  "
                + "\n  ".join(lines)
                + more,
                source_file,
            )
        files[target] = jsonio.dumps(ann).encode("utf-8")
        counts = {layer: len(ann[layer]) for layer in ("sections", *LAYERS)}
        out.append(Imported(doc_id, rel, counts, assembled.notes))
    write_files(files, overwrite=True)
    return ImportResult(
        out, [f"{doc_id}: gold and unchanged, left as it is" for doc_id in unchanged]
    )


def _existing(target: Path, rel: str) -> dict[str, Any] | None:
    if not target.exists():
        return None
    try:
        data = jsonio.load(target, rel)
    except NewsgoldError:
        return None
    return data if isinstance(data, dict) else None


def _same_content(existing: dict[str, Any], new: dict[str, Any]) -> bool:
    """Whether two annotation files hold the same text hash, spans and values (header aside)."""
    keys = ("doc_id", "text_sha256", "sections", *LAYERS)
    return all(existing.get(k) == new.get(k) for k in keys)


def _place(places: dict[str, str], pointer: str) -> str:
    """The tool location of the span a JSON pointer is in (the longest known prefix)."""
    parts = pointer.split("/")
    while len(parts) > 1:
        candidate = "/".join(parts)
        if candidate in places:
            return places[candidate]
        parts.pop()
    return ""


def differences(original: dict[str, Any], rebuilt: dict[str, Any], path: str = "") -> list[str]:
    """JSON pointers where two annotation documents differ (empty when equal)."""
    if isinstance(original, dict) and isinstance(rebuilt, dict):
        out: list[str] = []
        for key in sorted(set(original) | set(rebuilt)):
            where = f"{path}/{jsonio.escape_pointer(key)}"
            if key not in original or key not in rebuilt:
                out.append(where)
            else:
                out.extend(differences(original[key], rebuilt[key], where))
        return out
    if isinstance(original, list) and isinstance(rebuilt, list):
        if len(original) != len(rebuilt):
            return [path or "/"]
        out = []
        for index, (a, b) in enumerate(zip(original, rebuilt, strict=True)):
            out.extend(differences(a, b, f"{path}/{index}"))
        return out
    same = original == rebuilt and type(original) is type(rebuilt)
    return [] if same else [path or "/"]


@dataclass
class Exported:
    """What an export wrote, per document, and what a re-import would not give back."""

    out: str
    files: list[str]
    documents: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {"out": self.out, "files": self.files, "documents": self.documents}


def carried_header(ann: dict[str, Any] | None) -> dict[str, Any]:
    """The top-level fields an export carries for the re-import (all of HEADER but doc_id)."""
    return {k: ann[k] for k in HEADER if k != "doc_id" and ann and k in ann}


def not_carried(
    ann: dict[str, Any] | None, rebuild: Callable[[], Assembled], what: str
) -> list[str]:
    """JSON pointers where re-importing an export would differ from ann, or why it cannot."""
    if not ann:
        return []
    try:
        return differences(ann, rebuild().annotations)
    except NewsgoldError as err:
        return [f"{what} does not import back: {err.located()}"]


def load_annotations(root: Path, doc_id: str) -> dict[str, Any] | None:
    """The annotation file of a document, or None when there is none."""
    path = root / ANNOTATIONS_DIR / f"{doc_id}.json"
    if not path.exists():
        return None
    data = jsonio.load(path, path.relative_to(root).as_posix())
    if not isinstance(data, dict):
        raise NewsgoldError("annotations are not a JSON object", path.relative_to(root).as_posix())
    return data


__all__ = [
    "Assembled",
    "Exported",
    "ImportResult",
    "Imported",
    "Link",
    "Region",
    "a_noun",
    "assemble",
    "carried_header",
    "check_and_write",
    "differences",
    "first_difference",
    "format_number",
    "header_for",
    "load_annotations",
    "load_document_parts",
    "not_carried",
    "parse_number",
]
