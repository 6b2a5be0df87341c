"""Label Studio: tasks and labeling config out, Label Studio's JSON export back in.

Mapping (see docs/formats.md): every span is a region of the ``Text`` tag named ``text``,
labelled by one ``Labels`` control per layer (``section``, ``entity``, ``date``, ``figure``,
``claim`` with Content/Source/Cue). Values are per-region results that share the region's id:
``TextArea`` for entity_id, wikidata, the TIMEX3 value and the figure value/value_max/unit,
``Choices`` for mod, function, modifier, quote, certainty and polarity. Claim parts and date
anchors are relations (``source``, ``cue``, ``reported_on``, ``anchor``) from the claim content
(or the anchored date). Label Studio counts offsets in UTF-16 code units; they are converted at
this boundary, and an offset that only matches its region's text as a code point offset is read
as one (older exports and some versions differ), with a note.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Any
from xml.sax.saxutils import quoteattr

from newsgold import jsonio
from newsgold.atomic import write_files
from newsgold.baselines import rules
from newsgold.corpus import CORPUS_DIR, is_doc_id, select_doc_ids
from newsgold.errors import NewsgoldError
from newsgold.formats.common import (
    NOUN,
    Assembled,
    Exported,
    ImportResult,
    Link,
    Region,
    a_noun,
    assemble,
    carried_header,
    check_and_write,
    count,
    first_difference,
    format_number,
    header_for,
    load_annotations,
    load_document_parts,
    not_carried,
    parse_number,
)
from newsgold.formats.offsets import Utf16Map
from newsgold.schemas import enum
from newsgold.shown import contrast, quoted

TEXT = "text"
LABELS = {
    "section": "sections",
    "entity": "entities",
    "date": "dates",
    "figure": "figures",
    "claim": "claims",
}
CLAIM_PARTS = {"Content": "claims", "Source": "source", "Cue": "cue"}
# per-region control name -> (tag, field name, kinds of region it applies to)
ATTRIBUTES: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "entity_id": ("textarea", "entity_id", ("entities", "source")),
    "wikidata": ("textarea", "wikidata", ("entities",)),
    "timex_value": ("textarea", "value", ("dates",)),
    "timex_mod": ("choices", "mod", ("dates",)),
    "timex_function": ("choices", "function", ("dates",)),
    "figure_value": ("textarea", "value", ("figures",)),
    "figure_value_max": ("textarea", "value_max", ("figures",)),
    "figure_unit": ("textarea", "unit", ("figures",)),
    "figure_modifier": ("choices", "modifier", ("figures",)),
    "quote": ("choices", "quote", ("claims",)),
    "certainty": ("choices", "certainty", ("claims",)),
    "polarity": ("choices", "polarity", ("claims",)),
}
NUMERIC = {"figure_value", "figure_value_max"}
RELATIONS = ("source", "cue", "reported_on", "anchor")
MODEL_VERSION = "newsgold-rules"


def label_values() -> dict[str, list[str]]:
    """The label values of each Labels control, from the annotation schema's enumerations."""
    return {
        "section": enum("section_type"),
        "entity": enum("entity_type"),
        "date": enum("timex_type"),
        "figure": enum("figure_kind"),
        "claim": list(CLAIM_PARTS),
    }


def choice_values() -> dict[str, list[str]]:
    """The values of each Choices control."""
    return {
        "timex_mod": enum("timex_mod"),
        "timex_function": enum("timex_function"),
        "figure_modifier": enum("figure_modifier"),
        "quote": enum("quote"),
        "certainty": enum("certainty"),
        "polarity": enum("polarity"),
    }


COLOURS = {
    "section": "#d9d9d9",
    "entity": "#8ecae6",
    "date": "#ffb703",
    "figure": "#90be6d",
    "claim": "#f4a6c1",
}
GROUPS = (
    (
        "Entity, or claim source: entity_id slug (e.g. north-korea); Wikidata Q-id if certain",
        ("entity_id", "wikidata"),
        None,
    ),
    (
        "Date: TIMEX3 value (e.g. 2025-01, P6M), mod, function",
        ("timex_value", "timex_mod", "timex_function"),
        "date",
    ),
    (
        "Figure: value, value_max (ranges), unit as written, modifier",
        ("figure_value", "figure_value_max", "figure_unit", "figure_modifier"),
        "figure",
    ),
    ("Claim content: quote, certainty, polarity", ("quote", "certainty", "polarity"), "claim"),
)


def labeling_config() -> str:
    """The labeling config XML covering sections, the four layers, their values and relations."""
    labels, choices = label_values(), choice_values()
    out = [
        "<View>",
        "  <!-- newsgold labeling config (docs/formats.md); offsets are in UTF-16 units -->",
        "  <Style>.htx-text { white-space: pre-wrap; }</Style>",
        '  <Header value="$title"/>',
    ]
    for name, values in labels.items():
        out.append(f'  <Labels name="{name}" toName="{TEXT}" showInline="true">')
        out += [
            f"    <Label value={quoteattr(v)} background={quoteattr(COLOURS[name])}/>"
            for v in values
        ]
        out.append("  </Labels>")
    out.append('  <Relations choice="single">')
    out += [f'    <Relation value="{r}"/>' for r in RELATIONS]
    out.append("  </Relations>")
    out.append(f'  <Text name="{TEXT}" value="$text" granularity="symbol"/>')
    for header, names, tag in GROUPS:
        when = f' whenTagName="{tag}"' if tag else ""
        out.append(f'  <View visibleWhen="region-selected"{when}>')
        out.append(f'    <Header value={quoteattr(header)} size="6"/>')
        for name in names:
            kind = ATTRIBUTES[name][0]
            if kind == "textarea":
                out.append(
                    f'    <TextArea name="{name}" toName="{TEXT}" perRegion="true" editable="true" '
                    f'maxSubmissions="1" rows="1" placeholder="{name}"/>'
                )
            else:
                out.append(
                    f'    <Choices name="{name}" toName="{TEXT}" perRegion="true" '
                    'choice="single-radio" showInline="true">'
                )
                out += [f"      <Choice value={quoteattr(v)}/>" for v in choices[name]]
                out.append("    </Choices>")
        out.append("  </View>")
    out.append("</View>")
    return "\n".join(out) + "\n"


# --- export -------------------------------------------------------------------------------------


class _Results:
    """Builds the result list of one annotation, offsets converted to UTF-16."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.map = Utf16Map(text)
        self.items: list[dict[str, Any]] = []

    def _value(self, start: int, end: int) -> dict[str, Any]:
        try:
            return {"start": self.map.to_utf16(start), "end": self.map.to_utf16(end)}
        except (ValueError, TypeError):
            raise NewsgoldError(
                f"span {start}:{end} is not inside the text; run newsgold validate"
            ) from None

    def labels(self, rid: str, control: str, start: int, end: int, label: str) -> None:
        value = {**self._value(start, end), "text": self.text[start:end], "labels": [label]}
        self.items.append(
            {"id": rid, "from_name": control, "to_name": TEXT, "type": "labels", "value": value}
        )

    def attribute(self, rid: str, control: str, start: int, end: int, value: Any) -> None:
        if value is None:
            return
        kind = ATTRIBUTES[control][0]
        if kind == "textarea":
            written = format_number(value) if control in NUMERIC else str(value)
            payload = {**self._value(start, end), "text": [written]}
        else:
            payload = {**self._value(start, end), "choices": [value]}
        self.items.append(
            {"id": rid, "from_name": control, "to_name": TEXT, "type": kind, "value": payload}
        )

    def relation(self, head: str, target: str, kind: str) -> None:
        self.items.append(
            {
                "from_id": head,
                "to_id": target,
                "type": "relation",
                "direction": "right",
                "labels": [kind],
            }
        )


def annotation_results(text: str, ann: dict[str, Any]) -> list[dict[str, Any]]:
    """Label Studio results for a newsgold annotation document."""
    out = _Results(text)
    for s in ann.get("sections", []):
        out.labels(s["id"], "section", s["start"], s["end"], s["type"])
    for e in ann.get("entities", []):
        out.labels(e["id"], "entity", e["start"], e["end"], e["type"])
        out.attribute(e["id"], "entity_id", e["start"], e["end"], e.get("entity_id"))
        out.attribute(e["id"], "wikidata", e["start"], e["end"], e.get("wikidata"))
    for d in ann.get("dates", []):
        out.labels(d["id"], "date", d["start"], d["end"], d["type"])
        for control in ("timex_value", "timex_mod", "timex_function"):
            out.attribute(d["id"], control, d["start"], d["end"], d.get(ATTRIBUTES[control][1]))
        if d.get("anchor"):
            out.relation(d["id"], d["anchor"], "anchor")
    for f in ann.get("figures", []):
        out.labels(f["id"], "figure", f["start"], f["end"], f["kind"])
        for control in ("figure_value", "figure_value_max", "figure_unit", "figure_modifier"):
            out.attribute(f["id"], control, f["start"], f["end"], f.get(ATTRIBUTES[control][1]))
    parts: dict[tuple[Any, ...], str] = {}
    for c in ann.get("claims", []):
        out.labels(c["id"], "claim", c["start"], c["end"], "Content")
        for control in ("quote", "certainty", "polarity"):
            out.attribute(c["id"], control, c["start"], c["end"], c.get(control))
        for part, label in (("source", "Source"), ("cue", "Cue")):
            span = c.get(part)
            if not span:
                continue
            key = (part, span["start"], span["end"], span.get("entity_id"))
            if key not in parts:  # one region per distinct span, shared by the claims it serves
                parts[key] = f"{c['id']}-{part}"
                out.labels(parts[key], "claim", span["start"], span["end"], label)
                if part == "source":
                    out.attribute(
                        parts[key], "entity_id", span["start"], span["end"], span.get("entity_id")
                    )
            out.relation(c["id"], parts[key], part)
        if c.get("reported_on"):
            out.relation(c["id"], c["reported_on"], "reported_on")
    return out.items


def prediction_results(prediction: dict[str, Any], text: str) -> list[dict[str, Any]]:
    """Label Studio results for a predictions record (``predictions.schema.json``), values optional.

    Spans whose offsets do not lie in the text are left out; anchors and reported_on links are
    left to the annotator (they name the predictor's ids).
    """

    def fits(span: Any) -> bool:
        return (
            isinstance(span, dict)
            and type(span.get("start")) is int
            and type(span.get("end")) is int
            and 0 <= span["start"] < span["end"] <= len(text)
        )

    ann: dict[str, Any] = {"sections": []}
    for layer, prefix in (("entities", "e"), ("dates", "t"), ("figures", "f"), ("claims", "c")):
        items = []
        for n, item in enumerate(prediction.get(layer) or [], 1):
            if not fits(item):
                continue
            copy = {**item, "id": f"p{prefix}{n}", "anchor": None, "reported_on": None}
            for part in ("source", "cue"):
                if part in copy and not fits(copy[part]):
                    copy[part] = None
            items.append(copy)
        ann[layer] = items
    return annotation_results(text, ann)


def task(
    doc_id: str, text: str, metadata: dict[str, Any], ann: dict[str, Any] | None
) -> dict[str, Any]:
    """One Label Studio task: the text, ids to find it again, and existing annotations."""
    carried = carried_header(ann)
    out: dict[str, Any] = {
        "data": {
            "text": text,
            "doc_id": doc_id,
            "title": metadata.get("title", doc_id),
            "published": metadata.get("published"),
            "newsgold": carried,
        }
    }
    if ann is not None:
        out["annotations"] = [
            {
                "result": annotation_results(text, ann),
                "ground_truth": ann.get("status") == "gold",
                "was_cancelled": False,
            }
        ]
    return out


def export_labelstudio(
    root: Path, wanted: list[str], out: Path, preannotate: bool = False
) -> Exported:
    """Write ``tasks.json`` and ``config.xml`` for Label Studio; check each task's round trip."""
    extractor = rules.extract if preannotate else None
    tasks = []
    documents = []
    for doc_id in select_doc_ids(root, wanted):
        text, metadata = load_document_parts(root, doc_id)
        ann = load_annotations(root, doc_id)
        item = task(doc_id, text, metadata, ann)
        if extractor is not None:
            prediction = extractor(text, metadata["published"])
            if not isinstance(prediction, dict):
                raise NewsgoldError(
                    f"the rule baseline returned {type(prediction).__name__} for {doc_id}; "
                    "expected a predictions record (a dict with entities, dates, figures, claims)"
                )
            item["predictions"] = [
                {"model_version": MODEL_VERSION, "result": prediction_results(prediction, text)}
            ]
        tasks.append(item)
        status = (ann or {}).get("status", "draft")
        rebuild = partial(read_task, item, 0, root, "tasks.json", status=status)
        lost = not_carried(ann, rebuild, "the task")
        documents.append(
            {
                "doc_id": doc_id,
                "results": len(item["annotations"][0]["result"]) if ann is not None else 0,
                "predictions": len(item["predictions"][0]["result"])
                if extractor is not None
                else 0,
                "not_carried": lost,
            }
        )
    files = {
        out / "tasks.json": jsonio.dumps(tasks).encode("utf-8"),
        out / "config.xml": labeling_config().encode("utf-8"),
    }
    write_files(files, overwrite=True)
    return Exported(str(out), [str(p) for p in files], documents)


# --- import -------------------------------------------------------------------------------------


def _fail(message: str, file: str, where: str) -> NewsgoldError:
    return NewsgoldError(message, file, where)


def _offsets(
    value: dict[str, Any], text: str, umap: Utf16Map, file: str, where: str, notes: dict[str, int]
) -> tuple[int, int]:
    """Code point offsets of a region: its UTF-16 offsets converted, checked against its text."""
    start, end = value.get("start"), value.get("end")
    if type(start) is not int or type(end) is not int:
        raise _fail(
            "value.start and value.end must be integers (text offsets)", file, f"{where}/value"
        )
    said = value.get("text") if isinstance(value.get("text"), str) else None
    try:
        cp_start, cp_end = umap.to_codepoint(start), umap.to_codepoint(end)
    except ValueError as err:
        problem = str(err)
    else:
        if cp_start < cp_end and (said is None or text[cp_start:cp_end] == said):
            return cp_start, cp_end
        if cp_start >= cp_end:
            problem = f"start {start} is not before end {end}"
        else:
            found, expected, differ = contrast(text[cp_start:cp_end], said or "")
            problem = (
                f"the text at UTF-16 offsets {start}:{end} is {found}, "
                f"not the region's text {expected} ({differ})"
            )
    if said is not None and 0 <= start < end <= len(text) and text[start:end] == said:
        what = "regions whose offsets were code points, not UTF-16 units (they matched their text)"
        count(notes, what)
        return start, end
    raise _fail(f"offsets do not fit the document text: {problem}", file, f"{where}/value")


def _attribute(result: dict[str, Any], control: str, file: str, where: str) -> Any:
    tag, name, _ = ATTRIBUTES[control]
    value = result.get("value")
    if not isinstance(value, dict):
        raise _fail("value must be an object", file, where)
    if tag == "textarea":
        texts = value.get("text")
        if isinstance(texts, str):
            texts = [texts]
        if not isinstance(texts, list) or not all(isinstance(t, str) for t in texts):
            raise _fail(
                "a TextArea value.text must be a list of strings", file, f"{where}/value/text"
            )
        given = [t.strip() for t in texts if t.strip()]
        if len(given) > 1:
            raise _fail(
                f"{control} has {len(given)} entries {given}; expected one",
                file,
                f"{where}/value/text",
            )
        if not given:
            return None
        if control in NUMERIC:
            try:
                return parse_number(given[0])
            except ValueError as err:
                raise _fail(f"{control}: {err}", file, f"{where}/value/text") from None
        return given[0]
    chosen = value.get("choices")
    if (
        not isinstance(chosen, list)
        or len(chosen) > 1
        or not all(isinstance(c, str) for c in chosen)
    ):
        raise _fail(f"{control} must choose one value", file, f"{where}/value/choices")
    if not chosen:
        return None
    allowed = choice_values()[control]
    if chosen[0] not in allowed:
        raise _fail(
            f"{control} {chosen[0]!r} is not one of {', '.join(allowed)}",
            file,
            f"{where}/value/choices/0",
        )
    return chosen[0]


def regions_from_results(
    results: Any, text: str, file: str, base: str
) -> tuple[list[Region], list[Link], dict[str, int]]:
    """Regions and links of one Label Studio annotation's result list."""
    if not isinstance(results, list):
        raise _fail("result must be a list", file, base)
    umap = Utf16Map(text)
    notes: dict[str, int] = {}
    labelled: dict[str, Region] = {}
    pending: list[tuple[int, dict[str, Any]]] = []
    relations: list[tuple[int, dict[str, Any]]] = []
    values = label_values()
    for index, result in enumerate(results):
        where = f"{base}/{index}"
        if not isinstance(result, dict):
            raise _fail("each result must be an object", file, where)
        kind = result.get("type")
        if kind == "relation":
            relations.append((index, result))
            continue
        control = result.get("from_name")
        if kind == "labels" and control in LABELS:
            rid = result.get("id")
            if not isinstance(rid, str) or not rid:
                raise _fail("a labelled region needs a string id", file, f"{where}/id")
            if rid in labelled:
                raise _fail(
                    f"region {rid!r} is labelled twice; give each region one label", file, where
                )
            value = result.get("value")
            if not isinstance(value, dict):
                raise _fail("value must be an object", file, f"{where}/value")
            chosen = value.get("labels")
            if not isinstance(chosen, list) or len(chosen) != 1 or chosen[0] not in values[control]:
                raise _fail(
                    f"{a_noun(control)} region needs exactly one label of "
                    f"{', '.join(values[control])}; found {chosen!r}",
                    file,
                    f"{where}/value/labels",
                )
            start, end = _offsets(value, text, umap, file, where, notes)
            label = chosen[0]
            if control == "claim":
                labelled[rid] = Region(rid, CLAIM_PARTS[label], None, start, end, f"{base}/{index}")
            else:
                labelled[rid] = Region(rid, LABELS[control], label, start, end, f"{base}/{index}")
        elif kind in ("textarea", "choices") and control in ATTRIBUTES:
            pending.append((index, result))
        else:
            count(notes, f"results ignored (control {control!r}, type {kind!r})")
    for index, result in pending:
        where = f"{base}/{index}"
        control = result["from_name"]
        tag, name, kinds = ATTRIBUTES[control]
        if result.get("type") != tag:
            raise _fail(
                f"{control} is a {tag} control; found type {result.get('type')!r}",
                file,
                f"{where}/type",
            )
        owner = labelled.get(result.get("id", "")) or labelled.get(result.get("parentID", ""))
        if owner is None:
            raise _fail(
                f"{control} belongs to region {result.get('id')!r}, which has no label", file, where
            )
        if owner.kind not in kinds:
            raise _fail(
                f"{control} does not apply to the {NOUN[owner.kind]} "
                f"{quoted(text[owner.start : owner.end], 40)}; it is for "
                f"{' and '.join(NOUN[k] for k in kinds)} regions",
                file,
                where,
            )
        value = _attribute(result, control, file, where)
        if value is not None:
            owner.attrs[name] = value
    links = [_link(result, labelled, file, f"{base}/{index}") for index, result in relations]
    return list(labelled.values()), links, notes


def _link(result: dict[str, Any], labelled: dict[str, Region], file: str, where: str) -> Link:
    ends = []
    for side in ("from_id", "to_id"):
        key = result.get(side)
        if not isinstance(key, str) or key not in labelled:
            raise _fail(
                f"relation {side} {key!r} names no labelled region", file, f"{where}/{side}"
            )
        ends.append(labelled[key])
    named = result.get("labels") or []
    if not isinstance(named, list) or len(named) > 1 or (named and named[0] not in RELATIONS):
        raise _fail(
            f"relation labels {named!r}: expected one of {', '.join(RELATIONS)} (or none)",
            file,
            f"{where}/labels",
        )
    direction = result.get("direction", "right")
    first, second = ends
    if direction == "left":
        first, second = second, first
    kinds = {first.kind, second.kind}
    if "claims" in kinds and kinds != {"claims"}:
        head, target = (first, second) if first.kind == "claims" else (second, first)
        inferred = {"source": "source", "cue": "cue", "dates": "reported_on"}.get(target.kind)
    elif kinds == {"dates"}:
        if direction == "bi":
            raise _fail(
                "an anchor relation must point from the anchored date to its anchor, not both ways",
                file,
                f"{where}/direction",
            )
        head, target, inferred = first, second, "anchor"
    else:
        head, target, inferred = first, second, None
    kind = named[0] if named else inferred
    if kind is None or kind != inferred:
        raise _fail(
            f"a relation between the {NOUN[first.kind]} and the {NOUN[second.kind]} cannot be "
            f"{kind or 'unlabelled'}: "
            "relations go claim content -> source/cue/reported_on date, or date -> anchor date",
            file,
            where,
        )
    return Link(kind, head.key, target.key, where)


def _choose_annotation(
    task_data: dict[str, Any], file: str, where: str, annotation_id: Any
) -> tuple[int, dict[str, Any]] | None:
    annotations = task_data.get("annotations", task_data.get("completions"))
    if annotations is None:
        return None
    if not isinstance(annotations, list):
        raise _fail("annotations must be a list", file, f"{where}/annotations")
    live = [
        (i, a)
        for i, a in enumerate(annotations)
        if isinstance(a, dict) and not a.get("was_cancelled") and not a.get("skipped")
    ]
    if annotation_id is not None:
        live = [(i, a) for i, a in live if str(a.get("id")) == str(annotation_id)]
        if not live:
            raise _fail(
                f"no annotation with id {annotation_id} in this task", file, f"{where}/annotations"
            )
    if len(live) > 1:
        ids = ", ".join(str(a.get("id")) for _, a in live)
        raise _fail(
            f"the task has {len(live)} annotations (ids {ids}); choose one with --annotation-id",
            file,
            f"{where}/annotations",
        )
    return live[0] if live else None


def read_task(
    item: Any,
    index: int,
    root: Path,
    file: str,
    status: str = "draft",
    annotators: list[str] | None = None,
    annotation_id: Any = None,
) -> Assembled:
    """Annotation JSON from one task of a Label Studio JSON export."""
    where = f"/{index}"
    if not isinstance(item, dict) or not isinstance(item.get("data"), dict):
        raise _fail("each task must be an object with data", file, where)
    data = item["data"]
    doc_id = data.get("doc_id")
    if not isinstance(doc_id, str):
        raise _fail(
            "data.doc_id is missing; export tasks with `newsgold export labelstudio`",
            file,
            f"{where}/data",
        )
    if not is_doc_id(doc_id):  # it names files: it must not lead out of corpus/ or annotations/
        raise _fail(
            f"data.doc_id {doc_id!r} is not a doc_id (lowercase [a-z0-9-], at most 80 characters)",
            file,
            f"{where}/data/doc_id",
        )
    if not (root / CORPUS_DIR / f"{doc_id}.txt").is_file():
        raise _fail(
            f"doc_id {doc_id!r} is not in the corpus (no {CORPUS_DIR}/{doc_id}.txt)",
            file,
            f"{where}/data/doc_id",
        )
    text, _ = load_document_parts(root, doc_id)
    given = data.get("text")
    if given != text:
        at = first_difference(text, given) if isinstance(given, str) else 0
        raise _fail(
            f"the task's text differs from corpus/{doc_id}.txt "
            f"(first difference at code point {at}); "
            "annotate the corpus text unchanged",
            file,
            f"{where}/data/text",
        )
    chosen = _choose_annotation(item, file, where, annotation_id)
    if chosen is None:
        raise _fail("the task has no annotation to import", file, f"{where}/annotations")
    number, annotation = chosen
    base = f"{where}/annotations/{number}/result"
    regions, links, counts = regions_from_results(annotation.get("result"), text, file, base)
    carried = data.get("newsgold") if isinstance(data.get("newsgold"), dict) else {}
    names = list(annotators or [])
    if not names and not carried.get("annotators"):
        names = _completed_by(annotation)
    header = header_for(doc_id, text, status, names, carried)
    assembled = assemble_located(text, regions, links, header, file)
    assembled.notes = [f"{what}: {n}" for what, n in sorted(counts.items())] + assembled.notes
    return assembled


def _completed_by(annotation: dict[str, Any]) -> list[str]:
    who = annotation.get("completed_by")
    if isinstance(who, dict):
        who = who.get("email") or who.get("username") or who.get("id")
    if isinstance(who, str) and who:
        return [who]
    if isinstance(who, int) and not isinstance(who, bool):
        return [f"labelstudio-user-{who}"]
    return []


def assemble_located(
    text: str, regions: list[Region], links: list[Link], header: dict[str, Any], file: str
) -> Assembled:
    """:func:`assemble`, with errors located in the given file."""
    try:
        return assemble(text, regions, links, header)
    except NewsgoldError as err:
        if not err.file:
            raise NewsgoldError(err.message, file, err.pointer, err.status) from None
        raise


def import_labelstudio(
    root: Path,
    export: Path,
    status: str = "draft",
    annotators: list[str] | None = None,
    force: bool = False,
    annotation_id: Any = None,
) -> ImportResult:
    """Read a Label Studio JSON export and write ``annotations/<doc_id>.json`` for each task.

    Tasks nobody annotated are skipped (and listed); every other task must convert and validate,
    or nothing is written.
    """
    file = str(export)
    data = jsonio.load(export)
    if isinstance(data, dict):
        data = [data]
    if not isinstance(data, list) or not data:
        raise NewsgoldError("expected Label Studio's JSON export: a list of tasks", file)
    built = []
    skipped = []
    for index, item in enumerate(data):
        if not isinstance(item, dict) or "data" not in item:
            raise _fail(
                "a task without data; expected Label Studio's JSON export (not JSON-MIN or CSV)",
                file,
                f"/{index}",
            )
        if _choose_annotation(item, file, f"/{index}", annotation_id) is None:
            doc = item["data"].get("doc_id") if isinstance(item["data"], dict) else None
            skipped.append(f"task /{index} ({doc}) has no annotation")
            continue
        built.append((read_task(item, index, root, file, status, annotators, annotation_id), file))
    if not built:
        raise NewsgoldError("no task of the export has an annotation; nothing was written", file)
    result = check_and_write(root, built, force)
    result.skipped = skipped + result.skipped
    return result
