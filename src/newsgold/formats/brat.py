"""brat standoff: ``<doc_id>.txt`` + ``<doc_id>.ann`` with ``annotation.conf``, out and back in.

Mapping (see docs/formats.md): every span is a T line; its type names the layer and label
(``Section_headline``, ``PERSON``, ``TIMEX_DATE``, ``Figure_CARDINAL``, ``Claim``, ``Source``,
``Cue``). Claim parts and date anchors are R lines (``Source``, ``Cue``, ``ReportedOn``,
``Anchor``, Arg1 the claim or the anchored date); categorical values are A lines (``Quote``,
``Certainty``, ``Polarity``, ``Mod``, ``Function``, ``Modifier``); free values go in
``AnnotatorNotes`` as ``key=value; key=value`` (``id``, ``entity_id``, ``wikidata``, TIMEX3
``value``, figure ``value``/``value_max``/``unit``). Offsets count code points, as brat's Python
server reads the text; a span crossing a line break is written as fragments, one per line, the
way brat stores such spans. The header (status, annotators, guidelines version) travels in
``newsgold.json`` beside the files.
"""

from __future__ import annotations

import re
from functools import partial
from pathlib import Path
from typing import Any

from newsgold import jsonio
from newsgold.atomic import write_files
from newsgold.corpus import CORPUS_DIR, is_doc_id, select_doc_ids
from newsgold.errors import NewsgoldError
from newsgold.formats.common import (
    Assembled,
    Exported,
    ImportResult,
    Link,
    Region,
    assemble,
    carried_header,
    check_and_write,
    first_difference,
    format_number,
    header_for,
    load_annotations,
    load_document_parts,
    not_carried,
    parse_number,
)
from newsgold.schemas import enum
from newsgold.shown import contrast, quoted

MANIFEST = "newsgold.json"
CLAIM_TYPES = {"Claim": "claims", "Source": "source", "Cue": "cue"}
RELATION_TYPES = {
    "HasSource": "source",
    "HasCue": "cue",
    "ReportedOn": "reported_on",
    "Anchor": "anchor",
}
# brat attribute name -> (field, kinds of region it applies to, schema enumeration of its values)
ATTRIBUTE_TYPES: dict[str, tuple[str, str, str]] = {
    "Quote": ("quote", "claims", "quote"),
    "Certainty": ("certainty", "claims", "certainty"),
    "Polarity": ("polarity", "claims", "polarity"),
    "Mod": ("mod", "dates", "timex_mod"),
    "Function": ("function", "dates", "timex_function"),
    "Modifier": ("modifier", "figures", "figure_modifier"),
}
# AnnotatorNotes keys each kind of region may carry
NOTE_KEYS: dict[str, tuple[str, ...]] = {
    "sections": ("id",),
    "entities": ("id", "entity_id", "wikidata"),
    "dates": ("id", "value"),
    "figures": ("id", "value", "value_max", "unit"),
    "claims": ("id",),
    "source": ("entity_id",),
    "cue": (),
}
NUMBER_KEYS = {"value_max"}


def span_type(kind: str, label: str | None) -> str:
    """The brat type of a region: layer and label in one name."""
    if kind == "sections":
        return f"Section_{label}"
    if kind == "dates":
        return f"TIMEX_{label}"
    if kind == "figures":
        return f"Figure_{label}"
    if kind == "entities":
        return str(label)
    return {"claims": "Claim", "source": "Source", "cue": "Cue"}[kind]


def type_table() -> dict[str, tuple[str, str | None]]:
    """brat type -> (kind of region, label)."""
    table: dict[str, tuple[str, str | None]] = {}
    for kind, definition in (
        ("sections", "section_type"),
        ("entities", "entity_type"),
        ("dates", "timex_type"),
        ("figures", "figure_kind"),
    ):
        for label in enum(definition):
            table[span_type(kind, label)] = (kind, label)
    for name, kind in CLAIM_TYPES.items():
        table[name] = (kind, None)
    return table


def annotation_conf() -> str:
    """brat's annotation.conf for the newsgold types, relations and attributes."""
    dates = "|".join(span_type("dates", t) for t in enum("timex_type"))
    figures = "|".join(span_type("figures", k) for k in enum("figure_kind"))
    lines = [
        "# newsgold types for brat (see docs/formats.md); values go in AnnotatorNotes",
        "[entities]",
    ]
    for title, kind, definition in (
        ("Section", "sections", "section_type"),
        ("Entity", "entities", "entity_type"),
        ("TIMEX", "dates", "timex_type"),
        ("Figure", "figures", "figure_kind"),
    ):
        lines.append(f"!{title}")
        lines += [f"\t{span_type(kind, label)}" for label in enum(definition)]
    lines += ["!Attribution", "\tClaim", "\tSource", "\tCue", "", "[relations]"]
    lines += [
        "HasSource\tArg1:Claim, Arg2:Source",
        "HasCue\tArg1:Claim, Arg2:Cue",
        f"ReportedOn\tArg1:Claim, Arg2:{dates}",
        f"Anchor\tArg1:{dates}, Arg2:{dates}",
        "<OVERLAP>\tArg1:<ANY>, Arg2:<ANY>, <OVL-TYPE>:<ANY>",
        "",
        "[events]",
        "",
        "[attributes]",
    ]
    targets = {"claims": "Claim", "dates": dates, "figures": figures}
    for name, (_, kind, definition) in ATTRIBUTE_TYPES.items():
        lines.append(f"{name}\tArg:{targets[kind]}, Value:{'|'.join(enum(definition))}")
    return "\n".join(lines) + "\n"


# --- export -------------------------------------------------------------------------------------


# Every character Python's str.splitlines() breaks at: brat reads .ann files line by line with
# Python's codecs, so none of them may appear inside a T line's text field.
_LINE_BREAK = re.compile("[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")


def fragments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The pieces of a span between line breaks (brat keeps newlines out of its text field)."""
    out: list[tuple[int, int]] = []
    position = start
    for piece in _LINE_BREAK.split(text[start:end]):
        if piece.strip():
            out.append((position, position + len(piece)))
        position += len(piece) + 1
    return out


_PLAIN = re.compile(r"^[^\s;\"=][^;\t\n\"]*(?<!\s)$")


def _note_value(value: Any) -> str:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return format_number(value)
    text = str(value)
    return text if _PLAIN.match(text) else jsonio.dumps(text).strip()


def notes_text(pairs: list[tuple[str, Any]]) -> str:
    """``key=value; key=value``; values that could be misread are written as JSON strings."""
    return "; ".join(f"{key}={_note_value(value)}" for key, value in pairs if value is not None)


class _Ann:
    """Builds the lines of one .ann file."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.spans: list[str] = []
        self.extra: list[str] = []
        self.counter = {"T": 0, "A": 0, "R": 0, "#": 0}

    def _next(self, kind: str) -> str:
        self.counter[kind] += 1
        return f"{kind}{self.counter[kind]}"

    def span(self, kind: str, label: str | None, start: int, end: int) -> str:
        if not 0 <= start < end <= len(self.text):
            raise NewsgoldError(f"span {start}:{end} is not inside the text; run newsgold validate")
        tid = self._next("T")
        parts = fragments(self.text, start, end)
        where = ";".join(f"{a} {b}" for a, b in parts)
        said = " ".join(self.text[a:b] for a, b in parts)
        self.spans.append(f"{tid}\t{span_type(kind, label)} {where}\t{said}")
        return tid

    def attribute(self, name: str, tid: str, value: Any) -> None:
        if value is not None:
            self.extra.append(f"{self._next('A')}\t{name} {tid} {value}")

    def relation(self, name: str, head: str, target: str) -> None:
        self.extra.append(f"{self._next('R')}\t{name} Arg1:{head} Arg2:{target}")

    def notes(self, tid: str, pairs: list[tuple[str, Any]]) -> None:
        written = notes_text(pairs)
        if written:
            self.extra.append(f"{self._next('#')}\tAnnotatorNotes {tid}\t{written}")

    def render(self) -> str:
        return "".join(line + "\n" for line in self.spans + self.extra)


def ann_text(text: str, ann: dict[str, Any]) -> str:
    """The .ann file of a newsgold annotation document."""
    out = _Ann(text)
    tids: dict[str, str] = {}
    for s in ann.get("sections", []):
        tids[s["id"]] = out.span("sections", s["type"], s["start"], s["end"])
        out.notes(tids[s["id"]], [("id", s["id"])])
    for e in ann.get("entities", []):
        tids[e["id"]] = out.span("entities", e["type"], e["start"], e["end"])
        out.notes(
            tids[e["id"]],
            [("id", e["id"]), ("entity_id", e.get("entity_id")), ("wikidata", e.get("wikidata"))],
        )
    for d in ann.get("dates", []):
        tids[d["id"]] = out.span("dates", d["type"], d["start"], d["end"])
        out.attribute("Mod", tids[d["id"]], d.get("mod"))
        out.attribute("Function", tids[d["id"]], d.get("function"))
        out.notes(tids[d["id"]], [("id", d["id"]), ("value", d.get("value"))])
    for d in ann.get("dates", []):
        if d.get("anchor") in tids:
            out.relation("Anchor", tids[d["id"]], tids[d["anchor"]])
    for f in ann.get("figures", []):
        tids[f["id"]] = out.span("figures", f["kind"], f["start"], f["end"])
        out.attribute("Modifier", tids[f["id"]], f.get("modifier"))
        pairs = [
            ("id", f["id"]),
            ("value", f.get("value")),
            ("value_max", f.get("value_max")),
            ("unit", f.get("unit")),
        ]
        out.notes(tids[f["id"]], pairs)
    parts: dict[tuple[Any, ...], str] = {}
    for c in ann.get("claims", []):
        cid = tids[c["id"]] = out.span("claims", None, c["start"], c["end"])
        out.notes(cid, [("id", c["id"])])
        for name in ("Quote", "Certainty", "Polarity"):
            out.attribute(name, cid, c.get(ATTRIBUTE_TYPES[name][0]))
        for part, relation in (("source", "HasSource"), ("cue", "HasCue")):
            span = c.get(part)
            if not span:
                continue
            key = (part, span["start"], span["end"], span.get("entity_id"))
            if key not in parts:  # one T line per distinct span, shared by the claims it serves
                parts[key] = out.span(part, None, span["start"], span["end"])
                if part == "source":
                    out.notes(parts[key], [("entity_id", span.get("entity_id"))])
            out.relation(relation, cid, parts[key])
        if c.get("reported_on") in tids:
            out.relation("ReportedOn", cid, tids[c["reported_on"]])
    return out.render()


def _manifest(out: Path) -> dict[str, Any]:
    path = out / MANIFEST
    if not path.exists():
        return {"format": "newsgold-brat", "documents": {}}
    data = jsonio.load(path)
    if not isinstance(data, dict) or not isinstance(data.get("documents"), dict):
        raise NewsgoldError(
            "not a newsgold brat manifest (expected an object with documents)", str(path)
        )
    return data


def export_brat(root: Path, wanted: list[str], out: Path) -> Exported:
    """Write ``.txt``/``.ann`` pairs, ``annotation.conf`` and the header manifest into ``out``."""
    manifest = _manifest(out)
    files: dict[Path, bytes] = {}
    documents = []
    for doc_id in select_doc_ids(root, wanted):
        text, _ = load_document_parts(root, doc_id)
        ann = load_annotations(root, doc_id) or {}
        written = ann_text(text, ann)
        files[out / f"{doc_id}.txt"] = (root / CORPUS_DIR / f"{doc_id}.txt").read_bytes()
        files[out / f"{doc_id}.ann"] = written.encode("utf-8")
        header = carried_header(ann)
        manifest["documents"][doc_id] = header
        where, status = f"{out}/{doc_id}.ann", ann.get("status", "draft")
        rebuild = partial(read_ann, text, written, doc_id, where, status, [], header)
        lost = not_carried(ann, rebuild, "the file")
        documents.append({"doc_id": doc_id, "lines": written.count("\n"), "not_carried": lost})
    files[out / "annotation.conf"] = annotation_conf().encode("utf-8")
    files[out / MANIFEST] = jsonio.dumps(manifest).encode("utf-8")
    write_files(files, overwrite=True)
    return Exported(str(out), [str(p) for p in files], documents)


# --- import -------------------------------------------------------------------------------------

_T = re.compile(r"^(T\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)\t(.*)$")
_A = re.compile(r"^([AM]\d+)\t(\S+) (T\d+)(?: (\S+))?$")
_R = re.compile(r"^(R\d+)\t(\S+) Arg1:(T\d+) Arg2:(T\d+)$")
_NOTE = re.compile(r"^(#\d+)\tAnnotatorNotes (T\d+)\t(.*)$")
_PAIR = re.compile(r'\s*([a-z_]+)=("(?:[^"\\]|\\.)*"|[^;]*?)\s*(?:;|$)')


def parse_notes(written: str) -> dict[str, str]:
    """``key=value; key=value`` (values maybe JSON strings) as a dict; ValueError if malformed."""
    out: dict[str, str] = {}
    position = 0
    written = written.strip()
    while position < len(written):
        match = _PAIR.match(written, position)
        if not match or match.end() == position:
            raise ValueError(
                f"cannot read {quoted(written[position:], 40)}; expected key=value; key=value"
            )
        key, value = match.group(1), match.group(2)
        if value.startswith('"'):
            loaded = jsonio.loads(value)
            if not isinstance(loaded, str):
                raise ValueError(f"{key}: {value!r} is not a string")
            value = loaded
        if key in out:
            raise ValueError(f"{key} is given twice")
        out[key] = value
        position = match.end()
    return out


def read_ann(
    text: str,
    ann: str,
    doc_id: str,
    file: str,
    status: str,
    annotators: list[str],
    carried: dict[str, Any],
) -> Assembled:
    """Annotation JSON from the text of a .ann file over the corpus text."""
    types = type_table()
    regions: dict[str, Region] = {}
    links: list[Link] = []
    attributes: list[tuple[str, re.Match[str]]] = []
    notes: list[tuple[str, re.Match[str]]] = []
    for number, line in enumerate(ann.split("\n"), 1):
        line = line.rstrip("\r")
        where = f"line {number}"
        if not line.strip():
            continue
        if match := _T.match(line):
            tid, name, spans, said = match.groups()
            if name not in types:
                raise NewsgoldError(
                    f"unknown type {name!r}; expected one of annotation.conf's types", file, where
                )
            if tid in regions:
                raise NewsgoldError(f"{tid} is defined twice", file, where)
            pieces = [tuple(int(x) for x in part.split(" ")) for part in spans.split(";")]
            for a, b in pieces:
                if not 0 <= a < b <= len(text):
                    raise NewsgoldError(
                        f"fragment {a} {b} is not inside the text (0..{len(text)} code points)",
                        file,
                        where,
                    )
            joined = " ".join(text[a:b] for a, b in pieces)
            if said != joined:
                shown_said, shown_joined, differ = contrast(said, joined)
                raise NewsgoldError(
                    f"the text field {shown_said} is not the text at {spans}: {shown_joined} "
                    f"({differ})",
                    file,
                    where,
                )
            start, end = min(a for a, _ in pieces), max(b for _, b in pieces)
            covered = sorted(pieces)
            for (_, b1), (a2, _) in zip(covered, covered[1:], strict=False):
                if a2 > b1 and text[b1:a2].strip():
                    raise NewsgoldError(
                        f"fragments leave out {quoted(text[b1:a2], 40)}; newsgold spans are contiguous",
                        file,
                        where,
                    )
            kind, label = types[name]
            regions[tid] = Region(tid, kind, label, start, end, where)
        elif match := _R.match(line):
            rid, name, head, target = match.groups()
            if name not in RELATION_TYPES:
                raise NewsgoldError(
                    f"unknown relation {name!r}; expected {', '.join(RELATION_TYPES)}", file, where
                )
            links.append(Link(RELATION_TYPES[name], head, target, where))
        elif match := _A.match(line):
            attributes.append((where, match))
        elif match := _NOTE.match(line):
            notes.append((where, match))
        else:
            head = line.split("\t", 1)[0]
            raise NewsgoldError(
                f"cannot read {head!r} here: newsgold uses T, R, A and AnnotatorNotes lines "
                "(events, normalisations, equivalences and other lines are not in its mapping)",
                file,
                where,
            )
    for where, match in attributes:
        aid, name, tid, value = match.groups()
        if name not in ATTRIBUTE_TYPES:
            raise NewsgoldError(
                f"unknown attribute {name!r}; expected {', '.join(ATTRIBUTE_TYPES)}", file, where
            )
        target = _target(regions, tid, file, where)
        field_name, kind, definition = ATTRIBUTE_TYPES[name]
        if target.kind != kind:
            raise NewsgoldError(
                f"{name} applies to {kind}, not to the {target.kind} {tid}", file, where
            )
        if value not in enum(definition):
            raise NewsgoldError(
                f"{name} {value!r}: expected one of {', '.join(enum(definition))}", file, where
            )
        if field_name in target.attrs:
            raise NewsgoldError(f"{tid} has two {name} attributes", file, where)
        target.attrs[field_name] = value
    seen: set[tuple[str, str]] = set()
    for where, match in notes:
        _, tid, written = match.groups()
        target = _target(regions, tid, file, where)
        try:
            pairs = parse_notes(written)
        except (ValueError, NewsgoldError) as err:
            raise NewsgoldError(
                f"AnnotatorNotes of {tid}: {getattr(err, 'message', err)}", file, where
            ) from None
        for key, value in pairs.items():
            if (tid, key) in seen:
                raise NewsgoldError(f"{key}= of {tid} is given twice", file, where)
            seen.add((tid, key))
            if key not in NOTE_KEYS[target.kind]:
                allowed = ", ".join(NOTE_KEYS[target.kind]) or "nothing"
                raise NewsgoldError(
                    f"{key}= does not apply to a {target.kind} span; expected {allowed}",
                    file,
                    where,
                )
            if key == "id":
                target.wanted_id = value
            elif (key == "value" and target.kind == "figures") or key in NUMBER_KEYS:
                try:
                    target.attrs[key] = parse_number(value)
                except ValueError as err:
                    raise NewsgoldError(f"{key}: {err}", file, where) from None
            else:
                target.attrs[key] = value
    header = header_for(doc_id, text, status, annotators, carried)
    try:
        return assemble(text, list(regions.values()), links, header)
    except NewsgoldError as err:
        raise NewsgoldError(err.message, err.file or file, err.pointer, err.status) from None


def _target(regions: dict[str, Region], tid: str, file: str, where: str) -> Region:
    if tid not in regions:
        raise NewsgoldError(f"{tid} is not a T line of this file", file, where)
    return regions[tid]


def import_brat(
    root: Path,
    folder: Path,
    wanted: list[str] | None = None,
    status: str = "draft",
    annotators: list[str] | None = None,
    force: bool = False,
) -> ImportResult:
    """Read ``<doc_id>.ann`` (with its ``.txt``) from a brat folder into ``annotations/``."""
    if not folder.is_dir():
        raise NewsgoldError("not a folder", str(folder), status=2)
    manifest = _manifest(folder)["documents"]
    names = sorted(p.stem for p in folder.glob("*.ann"))
    if wanted:
        missing = [d for d in wanted if d not in names]
        if missing:
            raise NewsgoldError(
                f"no {', '.join(d + '.ann' for d in missing)} in this folder", str(folder), status=2
            )
        names = list(dict.fromkeys(wanted))
    if not names:
        raise NewsgoldError("no .ann file in this folder; nothing was written", str(folder))
    built = []
    for doc_id in names:
        file = str(folder / f"{doc_id}.ann")
        if not is_doc_id(doc_id):
            raise NewsgoldError("the file name is not a doc_id", file)
        if not (root / CORPUS_DIR / f"{doc_id}.txt").is_file():
            raise NewsgoldError(
                f"doc_id {doc_id!r} is not in the corpus (no {CORPUS_DIR}/{doc_id}.txt)", file
            )
        text, _ = load_document_parts(root, doc_id)
        txt_path = folder / f"{doc_id}.txt"
        if not txt_path.is_file():
            raise NewsgoldError(f"no {doc_id}.txt beside the .ann; brat needs both", file)
        raw = txt_path.read_bytes()
        if raw != text.encode("utf-8"):
            try:
                at = first_difference(text, raw.decode("utf-8"))
            except UnicodeDecodeError:
                at = 0
            raise NewsgoldError(
                f"differs from {CORPUS_DIR}/{doc_id}.txt (first difference at code point {at}); "
                "the text must stay unchanged",
                str(txt_path),
            )
        ann_raw = (folder / f"{doc_id}.ann").read_bytes()
        try:
            written = ann_raw.decode("utf-8")
        except UnicodeDecodeError as err:
            line = ann_raw.count(b"\n", 0, err.start) + 1
            raise NewsgoldError(
                f"not UTF-8: byte {ann_raw[err.start]:#04x} at offset {err.start}",
                file,
                f"line {line}",
            ) from None
        carried = manifest.get(doc_id) if isinstance(manifest.get(doc_id), dict) else {}
        built.append(
            (read_ann(text, written, doc_id, file, status, list(annotators or []), carried), file)
        )
    return check_and_write(root, built, force)
