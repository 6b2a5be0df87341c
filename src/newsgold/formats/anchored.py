"""Anchored annotations: spans written as their text (plus context), never as offsets.

An annotator (a person with a text editor, or a model) writes what to annotate as strings; this
module finds the offsets. A span is ``{"text": "GM", "context": "said GM on Monday"}``: the
context must occur once in the article (whitespace runs match any whitespace) and hold the text
once; without a context the text itself must occur once as a whole word. Claim sources, cues and
``reported_on`` dates are first looked for on the lines of their claim's content, so
``{"text": "said"}`` is enough when the claim's line has one "said". An entity with ``"all": true``
is every whole-word occurrence not inside another entity. A long span (a claim's content) may
be given by its first and last words, ``{"from": "The company", "to": "in 2009"}``, ending at
the first occurrence of ``to`` after ``from``. Every problem is reported at once,
each at its JSON pointer, so a pass can be fixed in one go.

File layout (one article)::

    {"doc_id": "...", "annotator": "pass-a",
     "entities": [{"text", "context"?, "all"?, "type", "entity_id", "wikidata"?}],
     "dates":    [{"text", "context"?, "type", "value", "mod"?, "function"?,
                   "anchor"?: "DCT" | {"text", "context"?} | null}],
     "figures":  [{"text", "context"?, "kind", "value", "value_max"?, "unit"?, "modifier"?}],
     "claims":   [{"content": str | {"text", "context"?}, "source"?: {"text", "context"?,
                   "entity_id"} | null, "cue"?: {...} | null, "quote"?, "certainty",
                   "polarity", "reported_on"?: {"text", "context"?} | null}],
     "sections"?: [{"text", "context"?, "type"}]}

Sections default to those of the article's current annotation file. A claim's ``dates`` and
``figures`` are computed (what lies inside its content); ``"DCT"`` anchors a date to the article's
CREATION_TIME date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsgold import GUIDELINES_VERSION, jsonio
from newsgold.errors import NewsgoldError
from newsgold.formats.common import (
    Assembled,
    Link,
    Region,
    assemble,
    header_for,
    load_annotations,
    load_document_parts,
)
from newsgold.shown import quoted

LAYER_KEYS = ("entities", "dates", "figures", "claims")
ATTRS = {
    "entities": ("entity_id", "wikidata"),
    "dates": ("value", "mod", "function"),
    "figures": ("value", "value_max", "unit", "modifier"),
    "claims": ("quote", "certainty", "polarity"),
}
LABEL = {"entities": "type", "dates": "type", "figures": "kind", "sections": "type"}


@dataclass
class Problems:
    """Every problem found in one anchored file, by JSON pointer."""

    file: str
    found: list[str] = field(default_factory=list)

    def add(self, pointer: str, message: str) -> None:
        """Record one problem."""
        self.found.append(f"{pointer}: {message}")

    def raise_if_any(self) -> None:
        """Raise one error listing every problem."""
        if self.found:
            raise NewsgoldError(
                f"{len(self.found)} problem(s):\n  " + "\n  ".join(self.found), self.file
            )


def _pattern(needle: str) -> re.Pattern[str]:
    """The needle with each whitespace run matching any whitespace run."""
    parts = [re.escape(p) for p in re.split(r"\s+", needle.strip())]
    return re.compile(r"\s+".join(parts))


def _whole(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] is not glued to a letter or digit on either side."""
    before = start > 0 and text[start - 1].isalnum() and text[start].isalnum()
    after = end < len(text) and text[end].isalnum() and text[end - 1].isalnum()
    return not (before or after)


def occurrences(
    text: str, needle: str, lo: int = 0, hi: int | None = None
) -> list[tuple[int, int]]:
    """Whole-word occurrences of a needle (whitespace-flexible) within text[lo:hi]."""
    hi = len(text) if hi is None else hi
    out = []
    for match in _pattern(needle).finditer(text, lo, hi):
        if _whole(text, match.start(), match.end()):
            out.append((match.start(), match.end()))
    return out


def locate(
    text: str, spec: Any, pointer: str, problems: Problems, near: tuple[int, int] | None = None
) -> tuple[int, int] | None:
    """Offsets of one anchored span, or None (with a problem recorded)."""
    if isinstance(spec, str):
        spec = {"text": spec}
    if isinstance(spec, dict) and "from" in spec:
        return _locate_range(text, spec, pointer, problems, near)
    if not isinstance(spec, dict) or not isinstance(spec.get("text"), str) or not spec["text"]:
        problems.add(pointer, f"expected an object with a non-empty 'text', got {spec!r}")
        return None
    needle, context = spec["text"], spec.get("context")
    if context:
        found = occurrences(text, context)
        if len(found) != 1:
            problems.add(
                pointer + "/context",
                f"context {quoted(context)} occurs {len(found)} times as whole words; "
                "expected once",
            )
            return None
        inner = occurrences(text, needle, *found[0])
        if len(inner) != 1:
            problems.add(
                pointer + "/text",
                f"{quoted(needle)} occurs {len(inner)} times in its context; expected once",
            )
            return None
        return inner[0]
    if near is not None:
        local = occurrences(text, needle, *near)
        if len(local) == 1:
            return local[0]
        if len(local) > 1:
            problems.add(
                pointer + "/text",
                f"{quoted(needle)} occurs {len(local)} times on its claim's lines; add a context",
            )
            return None
    found = occurrences(text, needle)
    if len(found) != 1:
        problems.add(
            pointer + "/text",
            f"{quoted(needle)} occurs {len(found)} times as whole words; "
            + ("expected it in the text" if not found else "add a context that occurs once"),
        )
        return None
    return found[0]


def _locate_range(
    text: str, spec: dict[str, Any], pointer: str, problems: Problems, near: tuple[int, int] | None
) -> tuple[int, int] | None:
    """A long span given by its first and last words: ``{"from": ..., "to": ...}``.

    ``from`` is located like a span's text (with ``context`` if given); the span ends at the
    first whole-word occurrence of ``to`` that ends at or after the end of ``from``.
    """
    first = locate(
        text, {"text": spec.get("from"), "context": spec.get("context")}, pointer, problems, near
    )
    last = spec.get("to")
    if first is None:
        return None
    if not isinstance(last, str) or not last:
        problems.add(pointer + "/to", "expected the span's last words")
        return None
    ends = [e for s, e in occurrences(text, last, first[0]) if e >= first[1]]
    if not ends:
        problems.add(pointer + "/to", f"{quoted(last)} does not occur after 'from'")
        return None
    return first[0], ends[0]


def _lines_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The offsets of the whole lines holding text[start:end]."""
    lo = text.rfind("\n", 0, start) + 1
    hi = text.find("\n", end)
    return lo, len(text) if hi < 0 else hi


def _region(
    key: str, kind: str, label: Any, where: str, span: tuple[int, int], attrs: dict[str, Any]
) -> Region:
    return Region(key, kind, label, span[0], span[1], where, attrs)


def read_anchored(
    data: Any, text: str, sections: list[dict[str, Any]], file: str
) -> tuple[list[Region], list[Link]]:
    """Regions and links of one anchored annotation, or an error listing every problem."""
    problems = Problems(file)
    if not isinstance(data, dict):
        raise NewsgoldError("expected a JSON object of anchored annotations", file)
    regions: list[Region] = []
    links: list[Link] = []
    for index, section in enumerate(data.get("sections") or sections):
        if "start" in section:
            span: tuple[int, int] | None = (section["start"], section["end"])
        else:
            span = locate(text, section, f"/sections/{index}", problems)
        if span:
            regions.append(
                _region(
                    f"s{index + 1}",  # sections are numbered in text order from s1, as drafts are
                    "sections",
                    section.get("type"),
                    f"/sections/{index}",
                    span,
                    {},
                )
            )
    explicit: list[tuple[int, int]] = []
    every: list[tuple[int, dict[str, Any]]] = []
    for layer in LAYER_KEYS:
        items = data.get(layer) or []
        if not isinstance(items, list):
            problems.add(f"/{layer}", "expected a list")
            continue
        for index, item in enumerate(items):
            where = f"/{layer}/{index}"
            if not isinstance(item, dict):
                problems.add(where, f"expected an object, got {item!r}")
                continue
            if layer == "entities" and item.get("all"):
                every.append((index, item))
                continue
            if layer == "claims":
                _claim(text, item, index, regions, links, problems)
                continue
            span = locate(text, item, where, problems)
            if span is None:
                continue
            attrs = {k: item[k] for k in ATTRS[layer] if k in item}
            regions.append(
                _region(f"{layer}{index}", layer, item.get(LABEL[layer]), where, span, attrs)
            )
            if layer == "entities":
                explicit.append(span)
            if layer == "dates":
                _anchor(text, item, index, links, regions, problems)
    # longest names first: "Airbus A400M" (all) keeps its occurrences from "Airbus" (all)
    for index, item in sorted(every, key=lambda pair: -len(pair[1].get("text") or "")):
        where = f"/entities/{index}"
        found = [
            s
            for s in occurrences(text, item.get("text") or "")
            if not any(s[0] < e and b < s[1] for b, e in explicit)
        ]
        explicit.extend(found)
        if not found:
            problems.add(where, f"{quoted(item.get('text') or '')} has no free occurrence")
        attrs = {k: item[k] for k in ATTRS["entities"] if k in item}
        for n, span in enumerate(found):
            regions.append(
                _region(f"entities{index}.{n}", "entities", item.get("type"), where, span, attrs)
            )
    problems.raise_if_any()
    return _resolve_dct(regions, links, problems), links


def _anchor(
    text: str,
    item: dict[str, Any],
    index: int,
    links: list[Link],
    regions: list[Region],
    problems: Problems,
) -> None:
    anchor = item.get("anchor")
    where = f"/dates/{index}/anchor"
    if anchor is None:
        return
    if anchor == "DCT":
        links.append(Link("anchor", f"dates{index}", "DCT", where))
        return
    span = locate(text, anchor, where, problems)
    if span is not None:
        links.append(Link("anchor", f"dates{index}", f"@{span[0]}:{span[1]}", where))


def _claim(
    text: str,
    item: dict[str, Any],
    index: int,
    regions: list[Region],
    links: list[Link],
    problems: Problems,
) -> None:
    where = f"/claims/{index}"
    span = locate(text, item.get("content"), where + "/content", problems)
    if span is None:
        return
    key = f"claims{index}"
    attrs = {k: item[k] for k in ATTRS["claims"] if k in item}
    regions.append(_region(key, "claims", None, where, span, attrs))
    near = _lines_around(text, *span)
    for part in ("source", "cue"):
        spec = item.get(part)
        if spec is None:
            continue
        found = locate(text, spec, f"{where}/{part}", problems, near)
        if found is None:
            continue
        part_attrs = {"entity_id": spec.get("entity_id")} if part == "source" else {}
        regions.append(_region(f"{key}.{part}", part, None, f"{where}/{part}", found, part_attrs))
        links.append(Link(part, key, f"{key}.{part}", f"{where}/{part}"))
    reported = item.get("reported_on")
    if reported is not None:
        found = locate(text, reported, f"{where}/reported_on", problems, near)
        if found is not None:
            links.append(
                Link("reported_on", key, f"@{found[0]}:{found[1]}", f"{where}/reported_on")
            )


def _resolve_dct(regions: list[Region], links: list[Link], problems: Problems) -> list[Region]:
    """Point "DCT" and "@start:end" link targets at the date regions they name."""
    dates = {(r.start, r.end): r.key for r in regions if r.kind == "dates"}
    creation = [r.key for r in regions if r.kind == "dates" and r.attrs.get("function")]
    for link in links:
        if link.target == "DCT":
            if len(creation) != 1:
                problems.add(link.where, "'DCT' needs exactly one date with function CREATION_TIME")
            else:
                link.target = creation[0]
        elif link.target.startswith("@"):
            start, end = (int(x) for x in link.target[1:].split(":"))
            if (start, end) not in dates:
                problems.add(link.where, "names a span that is not an annotated date")
            else:
                link.target = dates[(start, end)]
    problems.raise_if_any()
    return regions


def assemble_anchored(
    root: Path, path: Path, status: str = "draft", annotators: list[str] | None = None
) -> Assembled:
    """Annotation JSON of one anchored file, built against the article's text and sections."""
    data = jsonio.load(path)
    if not isinstance(data, dict) or not isinstance(data.get("doc_id"), str):
        raise NewsgoldError("expected an object with a 'doc_id'", str(path), "/doc_id")
    doc_id = data["doc_id"]
    text, _ = load_document_parts(root, doc_id)
    current = load_annotations(root, doc_id) or {}
    regions, links = read_anchored(data, text, current.get("sections") or [], str(path))
    names = annotators or [data.get("annotator") or "anchored"]
    header = header_for(doc_id, text, status, names, current)
    header["annotators"] = names
    header["guidelines_version"] = data.get("guidelines_version") or GUIDELINES_VERSION
    return assemble(text, regions, links, header)


def render(text: str, ann: dict[str, Any]) -> str:
    """The text line by line with entities, dates and figures marked, each line's claims below.

    ``[name]TYPE:entity_id``, ``{date}TYPE=value``, ``<figure>KIND=value unit``: for re-reading a
    pass sentence by sentence and catching what it missed.
    """
    marks: list[tuple[int, int, str]] = []  # (offset, order, string); closers sort first
    for e in ann.get("entities", []):
        marks += [(e["start"], 1, "["), (e["end"], 0, f"]{e['type']}:{e['entity_id']}")]
    for d in ann.get("dates", []):
        mod = f"/{d['mod']}" if d.get("mod") else ""
        fn = "/DCT" if d.get("function") else ""
        marks += [(d["start"], 1, "{"), (d["end"], 0, f"}}{d['type']}={d['value']}{mod}{fn}")]
    for f in ann.get("figures", []):
        extra = "".join(
            f" {x}" for x in (f.get("unit"), f.get("modifier"), f.get("value_max")) if x is not None
        )
        marks += [(f["start"], 1, "<"), (f["end"], 0, f">{f['kind']}={f['value']}{extra}")]
    marks.sort()
    out: list[str] = []
    pos = 0
    pieces: list[str] = []
    for offset, _, mark in marks:
        pieces.append(text[pos:offset])
        pieces.append(mark)
        pos = offset
    pieces.append(text[pos:])
    marked = "".join(pieces).split("\n")
    starts = [0]
    for line in text.split("\n"):
        starts.append(starts[-1] + len(line) + 1)
    claims = sorted(ann.get("claims", []), key=lambda c: c["start"])
    for number, line in enumerate(marked):
        out.append(f"{number + 1:3}| {line}")
        for c in claims:
            if starts[number] <= c["start"] < starts[number + 1]:
                src = c["source"]
                who = f"{src['text']!r}({src['entity_id']})" if src else "ARTICLE"
                cue = repr(c["cue"]["text"]) if c["cue"] else "-"
                on = f" on={c['reported_on']}" if c.get("reported_on") else ""
                refs = ",".join(c["dates"] + c["figures"])
                out.append(
                    f"   | {c['id']} {who} {cue} {c['quote'] or '-'}/{c['certainty']}/"
                    f"{c['polarity']}{on} [{refs}] :: {c['text']!r}"
                )
    return "\n".join(out)
