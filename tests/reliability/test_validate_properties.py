"""Properties: random valid documents validate clean; every single fault is caught by its id.

Documents are drawn from words with accents, CJK and astral characters, so offsets are exercised
in code points. Each mutation breaks one rule of docs/data-contract.md and names the incident the
validator must report for it.
"""

from __future__ import annotations

import copy
import json
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsgold.corpus import sha256_text
from newsgold.validate import validate

DOC_ID = "prop-doc"
PUBLISHED = "2025-02-04"
DATELINE = "February 04, 2025"
WORDS = ["alpha", "Ωmega", "straße", "中文", "naïve", "𝔘nicode", "🙂ok", "crème", "brûlée", "data"]
NUMBERS = ["3", "12", "7.5", "3,400", "1,250,000", "0.25"]
ENTITY_TYPES = ["PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "LAW"]
TIMEX = [
    ("DATE", "2024-05"), ("DATE", "2025-W05"), ("DATE", "2024-Q3"), ("DATE", "PRESENT_REF"),
    ("DURATION", "P6M"), ("DURATION", "PT3H"), ("SET", "P1W"), ("TIME", "2025-02-04T15:00"),
    ("TIME", "2025-02-03TEV"), ("DATE", "2024-SU"),
]  # fmt: skip
SECTION_TYPES = ["headline", "byline", "caption", "body", "related"]


@dataclass
class Doc:
    """One document in memory; raw_* override what is written (for faults JSON cannot express)."""

    text: str
    meta: dict[str, Any]
    ann: dict[str, Any]
    raw_text: bytes | None = None
    raw_meta: str | None = None
    raw_ann: str | None = None
    replace: list[tuple[str, str]] = field(default_factory=list)  # in the annotation JSON text

    def write(self, root: Path) -> None:
        (root / "corpus").mkdir()
        (root / "annotations").mkdir()
        raw = self.raw_text if self.raw_text is not None else self.text.encode("utf-8")
        (root / "corpus" / f"{DOC_ID}.txt").write_bytes(raw)
        meta = self.raw_meta or json.dumps(self.meta, ensure_ascii=False)
        (root / "corpus" / f"{DOC_ID}.json").write_text(meta, encoding="utf-8")
        ann = self.raw_ann or json.dumps(self.ann, ensure_ascii=False)
        for old, new in self.replace:
            assert old in ann
            ann = ann.replace(old, new, 1)
        (root / "annotations" / f"{DOC_ID}.json").write_text(ann, encoding="utf-8")


@st.composite
def documents(draw: st.DrawFn) -> Doc:
    """A valid document: a dateline, then lines of tokens, some annotated in each layer."""
    lines: list[list[str]] = [[DATELINE]]
    # Line 2 always holds an entity word, a date word and a number, so every fault applies.
    second = [draw(st.sampled_from(WORDS)), draw(st.sampled_from(WORDS)),
              draw(st.sampled_from(NUMBERS))]  # fmt: skip
    lines.append(draw(st.permutations(second)) + draw(st.lists(st.sampled_from(WORDS), max_size=4)))
    token = st.one_of(st.sampled_from(WORDS), st.sampled_from(NUMBERS))
    lines += draw(st.lists(st.lists(token, min_size=1, max_size=8), max_size=4))
    gap = draw(st.sampled_from(["\n", "\n\n", "\n \n"]))
    layers: dict[str, list[dict[str, Any]]] = {k: [] for k in ("sections", "entities", "dates",
                                                               "figures", "claims")}  # fmt: skip

    def add(layer: str, prefix: str, start: int, end: int, text: str, **attrs: Any) -> str:
        ident = f"{prefix}{len(layers[layer]) + 1}"
        layers[layer].append({"id": ident, "start": start, "end": end, "text": text, **attrs})
        return ident

    parts: list[str] = []
    pos = 0
    for number, words in enumerate(lines):
        line_start = pos
        line_dates: list[str] = []
        line_figures: list[str] = []
        words_seen = 0  # non-number tokens of this line so far
        for index, word in enumerate(words):
            if index:
                parts.append(" ")
                pos += 1
            start, end = pos, pos + len(word)
            if number == 0:
                creation = add("dates", "t", start, end, word, type="DATE", value=PUBLISHED,
                               mod=None, anchor=None, function="CREATION_TIME")  # fmt: skip
            elif word in NUMBERS:
                value = float(word.replace(",", ""))
                role = "figure" if number == 1 or draw(st.booleans()) else "none"
                if role == "figure":
                    top = draw(st.one_of(st.none(), st.integers(1, 50)))
                    line_figures.append(add(
                        "figures", "f", start, end, word,
                        kind=draw(st.sampled_from(["CARDINAL", "MONEY", "PERCENT", "QUANTITY"])),
                        value=int(value) if value.is_integer() else value,
                        value_max=None if top is None else int(value) + top, unit=None,
                        modifier=draw(st.sampled_from([None, "APPROX", "MORE_THAN"])),
                    ))  # fmt: skip
            else:
                forced = {0: "entity", 1: "date"}.get(words_seen) if number == 1 else None
                words_seen += 1
                role = forced or draw(st.sampled_from(["entity", "date", "none", "none"]))
                if role == "entity":
                    add("entities", "e", start, end, word,
                        type=draw(st.sampled_from(ENTITY_TYPES)),
                        entity_id=draw(st.sampled_from(["ana", "b-corp", "city-9"])))  # fmt: skip
                elif role == "date":
                    kind, value_ = draw(st.sampled_from(TIMEX))
                    line_dates.append(add(
                        "dates", "t", start, end, word, type=kind, value=value_,
                        mod=draw(st.sampled_from([None, "APPROX", "MID"])),
                        anchor=draw(st.sampled_from([None, creation])), function=None,
                    ))  # fmt: skip
            parts.append(word)
            pos = end
        line_text = "".join(parts)[line_start:pos]
        add("sections", "s", line_start, pos, line_text,
            type="dateline" if number == 0 else draw(st.sampled_from(SECTION_TYPES)))  # fmt: skip
        if number >= 1 and (number == 1 or draw(st.booleans())):
            attributed = draw(st.booleans()) and layers["entities"]
            source = None
            if attributed:
                entity = layers["entities"][0]
                source = {k: entity[k] for k in ("start", "end", "text", "entity_id")}
            add("claims", "c", line_start, pos, line_text, source=source, cue=None,
                quote=draw(st.sampled_from(["direct", "indirect", "mixed"])) if source else None,
                certainty=draw(st.sampled_from(["asserted", "hedged"])),
                polarity=draw(st.sampled_from(["positive", "negative"])),
                dates=line_dates, figures=line_figures, reported_on=None)  # fmt: skip
        parts.append(gap)
        pos += len(gap)
    text = "".join(parts)
    sha = sha256_text(text)
    meta = {
        "doc_id": DOC_ID, "title": "Property", "url": "https://example.invalid/p",
        "publisher": "tests", "byline": None, "agency": None, "published": PUBLISHED,
        "language": "en", "split": "test", "text_sha256": sha,
        "rights": {"holder": "tests", "license": "CC0-1.0", "redistribute": True},
    }  # fmt: skip
    ann = {
        "doc_id": DOC_ID, "text_sha256": sha, "schema_version": "1.0.0", "status": "draft",
        "annotators": ["hypothesis"], "guidelines_version": "1.0.0", **layers,
    }  # fmt: skip
    return Doc(text, meta, ann)


def check(doc: Doc) -> list[tuple[str, str, str]]:
    """Write the document to a fresh repository and validate it in process."""
    with tempfile.TemporaryDirectory() as folder:
        doc.write(Path(folder))
        report = validate(Path(folder))
    return [(i.id, i.file, i.pointer) for i in report.incidents]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_random_valid_documents_validate_clean(doc: Doc) -> None:
    assert check(doc) == []


# --- single faults ----------------------------------------------------------------------------

Fault = Callable[[Doc, st.DrawFn], None]
FAULTS: list[tuple[str, Fault]] = []


def fault(incident: str) -> Callable[[Fault], Fault]:
    """Register a mutation that must make the validator report ``incident``."""

    def register(mutate: Fault) -> Fault:
        FAULTS.append((incident, mutate))
        return mutate

    return register


def _any_span(doc: Doc, draw: st.DrawFn) -> dict[str, Any]:
    layer = draw(st.sampled_from([k for k in ("sections", "entities", "dates", "figures")
                                  if doc.ann[k]]))  # fmt: skip
    return draw(st.sampled_from(doc.ann[layer]))  # type: ignore[no-any-return]


@fault("span-reversed")
def reverse(doc: Doc, draw: st.DrawFn) -> None:
    span = _any_span(doc, draw)
    span["start"], span["end"] = span["end"], span["start"]


@fault("span-out-of-range")
def past_the_end(doc: Doc, draw: st.DrawFn) -> None:
    _any_span(doc, draw)["end"] = len(doc.text) + draw(st.integers(1, 10**9))


@fault("span-text-mismatch")
def wrong_text(doc: Doc, draw: st.DrawFn) -> None:
    span = _any_span(doc, draw)
    span["text"] = span["text"] + draw(st.sampled_from(["x", "é", "🙂"]))


@fault("span-whitespace-edge")
def take_the_space(doc: Doc, draw: st.DrawFn) -> None:
    entity = draw(st.sampled_from(doc.ann["entities"]))
    entity["end"] += 1
    entity["text"] = doc.text[entity["start"] : entity["end"]]


@fault("span-duplicate")
def same_section_twice(doc: Doc, draw: st.DrawFn) -> None:
    doc.ann["sections"].append(dict(doc.ann["sections"][-1], id="s99"))


@fault("id-duplicate")
def repeated_id(doc: Doc, draw: st.DrawFn) -> None:
    doc.ann["sections"][1]["id"] = doc.ann["sections"][0]["id"]


@fault("entity-overlap")
def overlapping_entity(doc: Doc, draw: st.DrawFn) -> None:
    entity = draw(st.sampled_from(doc.ann["entities"]))
    start, end = entity["start"], entity["end"]
    end = end - 1 if end - start > 1 else end + 1  # shorter, or one character longer
    doc.ann["entities"].append(dict(entity, id="e99", end=end, text=doc.text[start:end]))


@fault("section-gap")
def drop_a_section(doc: Doc, draw: st.DrawFn) -> None:
    doc.ann["sections"].pop(draw(st.integers(0, len(doc.ann["sections"]) - 1)))


@fault("ref-unresolved")
def dangling_anchor(doc: Doc, draw: st.DrawFn) -> None:
    draw(st.sampled_from(doc.ann["dates"]))["anchor"] = "t999"


@fault("claim-refs-inconsistent")
def claim_forgets(doc: Doc, draw: st.DrawFn) -> None:
    claim = doc.ann["claims"][0]  # line 2: holds a date and a figure
    layer = draw(st.sampled_from(["dates", "figures"]))
    claim[layer] = claim[layer][1:]


@fault("claim-attribution-inconsistent")
def quote_without_source(doc: Doc, draw: st.DrawFn) -> None:
    claim = doc.ann["claims"][0]
    if claim["source"] is None:
        claim["quote"] = "direct"
    else:
        claim["quote"] = None


@fault("timex-value-invalid")
def impossible_timex(doc: Doc, draw: st.DrawFn) -> None:
    kind, value = draw(
        st.sampled_from(
            [
                ("DATE", "2025-13"),
                ("DATE", "2023-02-29"),
                ("DURATION", "P-1M"),
                ("TIME", "2025-02-04T25:00"),
            ]
        )
    )
    date = draw(st.sampled_from(doc.ann["dates"]))
    date["type"], date["value"] = kind, value


@fault("timex-type-mismatch")
def duration_with_a_calendar_value(doc: Doc, draw: st.DrawFn) -> None:
    date = draw(st.sampled_from(doc.ann["dates"]))
    date["type"], date["value"] = "DURATION", "2024-05"


@fault("creation-time-mismatch")
def dateline_moved(doc: Doc, draw: st.DrawFn) -> None:
    doc.ann["dates"][0]["value"] = "1999-12-31"


@fault("figure-value-mismatch")
def figure_contradicts(doc: Doc, draw: st.DrawFn) -> None:
    figure = draw(st.sampled_from(doc.ann["figures"]))
    figure["value"] = figure["value"] + draw(st.sampled_from([0.5, 1, -1, 1000]))


@fault("figure-range-reversed")
def figure_range(doc: Doc, draw: st.DrawFn) -> None:
    figure = draw(st.sampled_from(doc.ann["figures"]))
    figure["value_max"] = figure["value"] - draw(st.sampled_from([0, 1, 0.5]))


@fault("annotation-sha256-mismatch")
def annotations_of_another_text(doc: Doc, draw: st.DrawFn) -> None:
    doc.ann["text_sha256"] = draw(st.sampled_from(["0" * 64, "f" * 64]))


@fault("text-sha256-mismatch")
def metadata_of_another_text(doc: Doc, draw: st.DrawFn) -> None:
    doc.meta["text_sha256"] = "a" * 64


@fault("doc-id-mismatch")
def doc_id_of_another_file(doc: Doc, draw: st.DrawFn) -> None:
    doc.ann["doc_id"] = "another-doc"


@fault("schema-violation")
def schema_break(doc: Doc, draw: st.DrawFn) -> None:
    span = _any_span(doc, draw)
    how = draw(st.sampled_from(["float", "string", "negative", "drop-text", "extra", "type"]))
    if how == "float":
        span["start"] = float(span["start"])
    elif how == "string":
        span["end"] = str(span["end"])
    elif how == "negative":
        span["start"] = -1
    elif how == "drop-text":
        del span["text"]
    elif how == "extra":
        span["confidence"] = 0.9
    else:
        span["id"] = "x" + span["id"]


@fault("json-nonfinite")
def non_finite_number(doc: Doc, draw: st.DrawFn) -> None:
    _any_span(doc, draw)["start"] = "__NUMBER__"
    doc.replace.append(('"__NUMBER__"', draw(st.sampled_from(["NaN", "Infinity", "-Infinity"]))))


@fault("json-invalid")
def lone_surrogate(doc: Doc, draw: st.DrawFn) -> None:
    _any_span(doc, draw)["text"] = "__LONE__"
    escape = draw(st.sampled_from(["\\ud800", "\\uDBFF", "\\udc00", "\\uDFFF"]))
    doc.replace.append(('"__LONE__"', f'"a{escape}b"'))


@fault("json-duplicate-key")
def duplicate_key(doc: Doc, draw: st.DrawFn) -> None:
    key = draw(st.sampled_from(["doc_id", "status", "start", "text"]))
    doc.replace.append((f'"{key}": ', f'"{key}": null, "{key}": '))


@fault("text-crlf")
def crlf(doc: Doc, draw: st.DrawFn) -> None:
    doc.raw_text = doc.text.replace("\n", "\r\n").encode("utf-8")


@fault("text-bom")
def bom(doc: Doc, draw: st.DrawFn) -> None:
    doc.raw_text = b"\xef\xbb\xbf" + doc.text.encode("utf-8")


@fault("text-not-nfc")
def decomposed(doc: Doc, draw: st.DrawFn) -> None:
    doc.raw_text = (doc.text + "cafe\u0301\n").encode("utf-8")


@fault("text-not-utf8")
def not_utf8(doc: Doc, draw: st.DrawFn) -> None:
    raw = doc.text.encode("utf-8")
    at = draw(st.integers(0, len(raw)))
    doc.raw_text = raw[:at] + draw(st.sampled_from([b"\xff", b"\xc3", b"\xed\xa0\x80"])) + raw[at:]


def test_every_fault_names_a_distinct_rule() -> None:
    assert len(FAULTS) >= 25
    assert len({incident for incident, _ in FAULTS}) == len(FAULTS)


@pytest.mark.parametrize(("incident", "mutate"), FAULTS, ids=[i for i, _ in FAULTS])
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(doc=documents(), data=st.data())
def test_each_single_fault_is_reported_with_its_id(
    incident: str, mutate: Fault, doc: Doc, data: st.DataObject
) -> None:
    broken = copy.deepcopy(doc)
    mutate(broken, data.draw)
    found = check(broken)
    assert incident in {pid for pid, _, _ in found}, found
