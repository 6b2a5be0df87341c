"""Level 3: invariants inside one document (offsets, ids, references, sections, values)."""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from typing import Any

from newsgold.corpus import LAYERS
from newsgold.numbers import states
from newsgold.shown import contrast, quoted
from newsgold.timex import value_problem
from newsgold.validate.files import LoadedDoc
from newsgold.validate.incidents import Incident

SPAN_LAYERS = ("sections", *LAYERS)


def span_objects(ann: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every span object with its JSON pointer, claim sources and cues included."""
    for layer in SPAN_LAYERS:
        for i, span in enumerate(ann.get(layer, [])):
            yield f"/{layer}/{i}", span
            if layer == "claims":
                for part in ("source", "cue"):
                    if isinstance(span.get(part), dict):
                        yield f"/claims/{i}/{part}", span[part]


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def check_document(doc: LoadedDoc) -> list[Incident]:
    """All level-3 incidents of one document whose files passed levels 1 and 2."""
    assert doc.text is not None
    ann: dict[str, Any] = doc.annotations
    meta: dict[str, Any] = doc.metadata
    file = doc.files["annotations"]
    out: list[Incident] = []
    for kind, data in (("metadata", meta), ("annotations", ann)):
        if data["doc_id"] != doc.doc_id:
            out.append(
                Incident(
                    doc.files[kind],
                    "/doc_id",
                    "doc-id-mismatch",
                    f"doc_id is {data['doc_id']!r}; expected {doc.doc_id!r}, the file name",
                )
            )
    good = _offsets(doc.text, ann, file, out)
    _ids(ann, file, out)
    _duplicates_and_overlaps(ann, file, out)
    _sections(doc.text, ann, file, out)
    _references(ann, file, good, out)
    _values(ann, meta, file, out)
    return out


def _offsets(text: str, ann: dict[str, Any], file: str, out: list[Incident]) -> set[str]:
    """Check every span's offsets and text; return the pointers of spans that are sound."""
    good: set[str] = set()
    size = len(text)
    for where, span in span_objects(ann):
        start, end, said = span["start"], span["end"], span["text"]
        if start >= end:
            out.append(
                Incident(
                    file,
                    f"{where}/end",
                    "span-reversed",
                    f"end {end} is not after start {start}; expected start < end",
                )
            )
        elif end > size:
            out.append(
                Incident(
                    file,
                    f"{where}/end",
                    "span-out-of-range",
                    f"end {end} is past the text's end ({size} code points)",
                )
            )
        elif text[start:end] != said:
            shown_said, shown_actual, differ = contrast(said, text[start:end])
            out.append(
                Incident(
                    file,
                    f"{where}/text",
                    "span-text-mismatch",
                    f"text is {shown_said}; the text at {start}:{end} is {shown_actual} ({differ})",
                )
            )
        elif said != said.strip():
            out.append(
                Incident(
                    file,
                    f"{where}/text",
                    "span-whitespace-edge",
                    f"span {quoted(said)} starts or ends with whitespace; trim it",
                )
            )
        else:
            good.add(where)
    return good


def _ids(ann: dict[str, Any], file: str, out: list[Incident]) -> None:
    seen: dict[str, str] = {}
    for layer in SPAN_LAYERS:
        for i, span in enumerate(ann.get(layer, [])):
            where = f"/{layer}/{i}/id"
            if span["id"] in seen:
                out.append(
                    Incident(
                        file,
                        where,
                        "id-duplicate",
                        f"id {span['id']!r} is already used at {seen[span['id']]}; expected unique ids",
                    )
                )
            else:
                seen[span["id"]] = where


def _duplicates_and_overlaps(ann: dict[str, Any], file: str, out: list[Incident]) -> None:
    for layer in SPAN_LAYERS:
        seen: dict[tuple[int, int], int] = {}
        for i, span in enumerate(ann.get(layer, [])):
            key = (span["start"], span["end"])
            if key in seen:
                out.append(
                    Incident(
                        file,
                        f"/{layer}/{i}",
                        "span-duplicate",
                        f"same offsets {key[0]}:{key[1]} as /{layer}/{seen[key]}; expected one span per extent",
                    )
                )
            else:
                seen[key] = i
    for layer, pid in (("entities", "entity-overlap"), ("sections", "section-overlap")):
        order = sorted(
            range(len(ann.get(layer, []))),
            key=lambda i: (ann[layer][i]["start"], ann[layer][i]["end"]),
        )
        reach, holder = -1, -1
        for i in order:
            span = ann[layer][i]
            if span["start"] < reach and (span["start"], span["end"]) != (
                ann[layer][holder]["start"],
                ann[layer][holder]["end"],
            ):
                other = ann[layer][holder]
                out.append(
                    Incident(
                        file,
                        f"/{layer}/{i}",
                        pid,
                        f"{quoted(span['text'], 40)} ({span['start']}:{span['end']}) overlaps /{layer}/{holder} {quoted(other['text'], 40)} ({other['start']}:{other['end']})",
                    )
                )
            if span["end"] > reach:
                reach, holder = span["end"], i


def _sections(text: str, ann: dict[str, Any], file: str, out: list[Incident]) -> None:
    covered = sorted((s["start"], s["end"]) for s in ann["sections"] if s["start"] < s["end"])
    position = 0
    for start, end in [*covered, (len(text), len(text))]:
        if start > position:
            gap = text[position:start]
            stripped = len(gap) - len(gap.lstrip())
            if stripped < len(gap):
                at = position + stripped
                out.append(
                    Incident(
                        file,
                        "/sections",
                        "section-gap",
                        f"{text[at : at + 30]!r} at offset {at} (line {_line(text, at)}) lies in no section; expected every non-whitespace character in one",
                    )
                )
        position = max(position, end)


def _references(ann: dict[str, Any], file: str, good: set[str], out: list[Incident]) -> None:
    date_ids = {d["id"] for d in ann["dates"]}
    figure_ids = {f["id"] for f in ann["figures"]}
    entity_keys = {e["entity_id"] for e in ann["entities"]}
    for i, date in enumerate(ann["dates"]):
        if date["anchor"] is not None and date["anchor"] not in date_ids:
            out.append(
                Incident(
                    file,
                    f"/dates/{i}/anchor",
                    "ref-unresolved",
                    f"anchor {date['anchor']!r} names no date; expected a date id or null",
                )
            )
    by_start = {
        layer: sorted((s["start"], s["end"], s["id"]) for s in ann[layer])
        for layer in ("dates", "figures")
    }
    for i, claim in enumerate(ann["claims"]):
        base = f"/claims/{i}"
        for layer, known in (("dates", date_ids), ("figures", figure_ids)):
            for j, ref in enumerate(claim[layer]):
                if ref not in known:
                    out.append(
                        Incident(
                            file,
                            f"{base}/{layer}/{j}",
                            "ref-unresolved",
                            f"{ref!r} names no item of {layer}; expected an id from that layer",
                        )
                    )
            if base in good:
                spans = by_start[layer]
                lo = bisect.bisect_left(spans, (claim["start"], -1, ""))
                inside = {
                    sid
                    for s, e, sid in spans[lo : bisect.bisect_left(spans, (claim["end"], -1, ""))]
                    if e <= claim["end"]
                }
                listed = set(claim[layer])
                if listed & known != inside:
                    missing, extra = sorted(inside - listed), sorted((listed & known) - inside)
                    out.append(
                        Incident(
                            file,
                            f"{base}/{layer}",
                            "claim-refs-inconsistent",
                            f"{layer} should list the ids inside the content; missing {missing}, not inside {extra}",
                        )
                    )
        if claim["reported_on"] is not None and claim["reported_on"] not in date_ids:
            out.append(
                Incident(
                    file,
                    f"{base}/reported_on",
                    "ref-unresolved",
                    f"reported_on {claim['reported_on']!r} names no date; expected a date id or null",
                )
            )
        source = claim["source"]
        if (
            source is not None
            and source["entity_id"] is not None
            and source["entity_id"] not in entity_keys
        ):
            out.append(
                Incident(
                    file,
                    f"{base}/source/entity_id",
                    "ref-unresolved",
                    f"entity_id {source['entity_id']!r} is not the entity_id of any entity; expected one of them or null",
                )
            )
        if source is None and (claim["cue"] is not None or claim["quote"] is not None):
            out.append(
                Incident(
                    file,
                    base,
                    "claim-attribution-inconsistent",
                    "claim has no source but has a cue or quote; the article's own assertions have neither",
                )
            )
        if source is not None and claim["quote"] is None:
            out.append(
                Incident(
                    file,
                    f"{base}/quote",
                    "claim-attribution-inconsistent",
                    "attributed claim has quote null; expected direct, indirect or mixed",
                )
            )


def _values(ann: dict[str, Any], meta: dict[str, Any], file: str, out: list[Incident]) -> None:
    for i, fig in enumerate(ann["figures"]):
        if not states(fig["text"], fig["value"]):
            out.append(
                Incident(
                    file,
                    f"/figures/{i}/value",
                    "figure-value-mismatch",
                    f"value {fig['value']} is not a number stated in {fig['text']!r}",
                )
            )
        if fig["value_max"] is not None and fig["value_max"] <= fig["value"]:
            out.append(
                Incident(
                    file,
                    f"/figures/{i}/value_max",
                    "figure-range-reversed",
                    f"value_max {fig['value_max']} is not greater than value {fig['value']}",
                )
            )
    creation = 0
    for i, date in enumerate(ann["dates"]):
        problem = value_problem(date["type"], date["value"])
        if problem:
            out.append(Incident(file, f"/dates/{i}/value", problem[0], problem[1]))
        if date["function"] == "CREATION_TIME":
            creation += 1
            if creation > 1:
                out.append(
                    Incident(
                        file,
                        f"/dates/{i}/function",
                        "creation-time-mismatch",
                        "a second CREATION_TIME date; expected exactly one per document",
                    )
                )
            elif date["value"] != meta["published"]:
                out.append(
                    Incident(
                        file,
                        f"/dates/{i}/value",
                        "creation-time-mismatch",
                        f"CREATION_TIME value {date['value']!r} differs from the metadata's published {meta['published']!r}",
                    )
                )
