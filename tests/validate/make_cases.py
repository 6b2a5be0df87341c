"""Regenerate tests/validate/cases/: one minimal repository per incident id.

Each case is the small valid document below with one fault. Its folder is named after the
incident id it must produce, and its WHY file's first line says why it is invalid. Run
`python tests/validate/make_cases.py` after changing a case; the files are committed.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).parent / "cases"
DOC = "2025-03-03-example-1"
TEXT = (
    "## Talks With Norway To Resume\n\nBy Staff\n\nMarch 03, 2025\n\n"
    "Foreign Minister Anna Berg said on Monday that talks with Norway would resume within two "
    "weeks. About 300 delegates are expected.\n"
)


def span(sid: str, text: str, start: int | None = None, **fields: object) -> dict[str, object]:
    """A span object found by its text (first occurrence after start)."""
    begin = TEXT.index(text, start or 0)
    return {"id": sid, "start": begin, "end": begin + len(text), "text": text, **fields}


def valid() -> tuple[dict, dict]:
    sha = hashlib.sha256(TEXT.encode()).hexdigest()
    meta = {
        "doc_id": DOC,
        "title": "Talks With Norway To Resume",
        "url": "https://news.example.org/2025/03/03/talks-1",
        "publisher": "Example News",
        "byline": "By Staff",
        "agency": None,
        "published": "2025-03-03",
        "language": "en",
        "rights": {"holder": "newsgold tests", "license": "CC0-1.0", "redistribute": True},
        "split": "test",
        "text_sha256": sha,
    }
    body = TEXT.index("Foreign")
    ann = {
        "doc_id": DOC,
        "text_sha256": sha,
        "schema_version": "1.0.0",
        "status": "gold",
        "annotators": ["tests"],
        "guidelines_version": "1.0.0",
        "sections": [
            span("s1", "## Talks With Norway To Resume", type="headline"),
            span("s2", "By Staff", type="byline"),
            span("s3", "March 03, 2025", type="dateline"),
            span("s4", TEXT[body:].strip(), type="body"),
        ],
        "entities": [
            span("e1", "Norway", type="GPE", entity_id="norway", wikidata="Q20"),
            span("e2", "Anna Berg", type="PERSON", entity_id="anna-berg"),
            span("e3", "Norway", body, type="GPE", entity_id="norway", wikidata="Q20"),
        ],
        "dates": [
            span(
                "t1",
                "March 03, 2025",
                type="DATE",
                value="2025-03-03",
                mod=None,
                anchor=None,
                function="CREATION_TIME",
            ),
            span(
                "t2",
                "Monday",
                type="DATE",
                value="2025-03-03",
                mod=None,
                anchor="t1",
                function=None,
            ),
            span(
                "t3",
                "two weeks",
                type="DURATION",
                value="P2W",
                mod=None,
                anchor=None,
                function=None,
            ),
        ],
        "figures": [
            span(
                "f1",
                "About 300 delegates",
                kind="CARDINAL",
                value=300,
                value_max=None,
                unit="delegates",
                modifier="APPROX",
            ),
        ],
        "claims": [
            span(
                "c1",
                "talks with Norway would resume within two weeks",
                source={
                    **{
                        k: v
                        for k, v in span("x", "Foreign Minister Anna Berg").items()
                        if k != "id"
                    },
                    "entity_id": "anna-berg",
                },
                cue={k: v for k, v in span("x", "said").items() if k != "id"},
                quote="indirect",
                certainty="asserted",
                polarity="positive",
                dates=["t3"],
                figures=[],
                reported_on="t2",
            ),
            span(
                "c2",
                "About 300 delegates are expected",
                source=None,
                cue=None,
                quote=None,
                certainty="hedged",
                polarity="positive",
                dates=[],
                figures=["f1"],
                reported_on=None,
            ),
        ],
    }
    return meta, ann


def dump(path: Path, data: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def write_repo(
    root: Path, text: bytes, meta: dict | None, ann: dict | None, doc: str = DOC
) -> None:
    (root / "corpus").mkdir(parents=True, exist_ok=True)
    (root / "annotations").mkdir(parents=True, exist_ok=True)
    (root / "annotations" / ".gitkeep").touch()  # git keeps no empty folders
    (root / "corpus" / f"{doc}.txt").write_bytes(text)
    if meta is not None:
        dump(root / "corpus" / f"{doc}.json", meta)
    if ann is not None:
        dump(root / "annotations" / f"{doc}.json", ann)


def resha(meta: dict, ann: dict, raw: bytes) -> None:
    meta["text_sha256"] = ann["text_sha256"] = hashlib.sha256(raw).hexdigest()


Case = Callable[[Path], str]
CASES: dict[str, Case] = {}


def case(pid: str) -> Callable[[Case], Case]:
    def register(fn: Case) -> Case:
        CASES[pid] = fn
        return fn

    return register


def _text_case(raw: bytes, why: str) -> Case:
    def build(root: Path) -> str:
        meta, ann = valid()
        resha(meta, ann, raw)
        write_repo(root, raw, meta, ann)
        return why

    return build


CASES["text-not-utf8"] = _text_case(
    TEXT.encode().replace(b"Staff", b"St\xe4ff"), "the byline holds a Latin-1 byte 0xe4, not UTF-8"
)
CASES["text-bom"] = _text_case(
    b"\xef\xbb\xbf" + TEXT.encode(), "the text starts with a UTF-8 byte-order mark"
)
CASES["text-crlf"] = _text_case(TEXT.replace("\n", "\r\n").encode(), "the text has CRLF line ends")
CASES["text-nul"] = _text_case(
    TEXT.replace("By Staff", "By Sta\x00f").encode(), "the byline holds a NUL character"
)
CASES["text-not-nfc"] = _text_case(
    TEXT.replace("Staff", "Staffe\u0301").encode(),
    "the byline has e + combining acute instead of NFC é",
)
CASES["text-empty"] = _text_case(b"", "the text file is empty")


@case("doc-id-invalid")
def _(root: Path) -> str:
    meta, ann = valid()
    meta["doc_id"] = ann["doc_id"] = "2025-03-03-Example-1"
    write_repo(root, TEXT.encode(), meta, ann, "2025-03-03-Example-1")
    return "the file names (doc_id) have an upper-case letter"


@case("file-unexpected")
def _(root: Path) -> str:
    meta, ann = valid()
    write_repo(root, TEXT.encode(), meta, ann)
    (root / "corpus" / f"{DOC}.md").write_text("notes\n", encoding="utf-8")
    return "corpus/ holds a .md file beside the text and metadata"


@case("path-outside-repo")
def _(root: Path) -> str:
    meta, ann = valid()
    write_repo(root, TEXT.encode(), meta, None)
    (root / "annotations" / f"{DOC}.json").symlink_to(
        Path("..", "..", "valid", "annotations", f"{DOC}.json")
    )
    return "annotations/<doc_id>.json is a symlink to a file outside this repository"


@case("metadata-missing")
def _(root: Path) -> str:
    _, ann = valid()
    write_repo(root, TEXT.encode(), None, ann)
    return "the text has no corpus/<doc_id>.json metadata"


@case("annotations-missing")
def _(root: Path) -> str:
    meta, _ = valid()
    write_repo(root, TEXT.encode(), meta, None)
    return "the text has no annotations/<doc_id>.json"


@case("text-missing")
def _(root: Path) -> str:
    meta, ann = valid()
    write_repo(root, TEXT.encode(), meta, ann)
    (root / "corpus" / f"{DOC}.txt").unlink()
    return "metadata and annotations exist but corpus/<doc_id>.txt does not"


def _raw_json_case(replace: tuple[str, str], why: str) -> Case:
    def build(root: Path) -> str:
        meta, ann = valid()
        write_repo(root, TEXT.encode(), meta, ann)
        path = root / "annotations" / f"{DOC}.json"
        raw = path.read_text(encoding="utf-8")
        assert replace[0] in raw
        path.write_text(raw.replace(replace[0], replace[1], 1), encoding="utf-8")
        return why

    return build


CASES["json-invalid"] = _raw_json_case(
    ('"claims": [', '"claims": [,'), 'the annotations have a stray comma after "claims": ['
)
CASES["json-duplicate-key"] = _raw_json_case(
    ('"status": "gold",', '"status": "gold",\n  "status": "draft",'),
    "the annotations name the key status twice",
)
CASES["json-nonfinite"] = _raw_json_case(
    ('"value": 300', '"value": NaN'), "figure f1 has value NaN"
)


def _doc_case(change: Callable[[dict, dict], None], why: str) -> Case:
    def build(root: Path) -> str:
        meta, ann = valid()
        change(meta, ann)
        write_repo(root, TEXT.encode(), meta, ann)
        return why

    return build


def _set(path: str, value: object, target: str = "ann") -> Callable[[dict, dict], None]:
    def change(meta: dict, ann: dict) -> None:
        node = ann if target == "ann" else meta
        *parents, last = path.strip("/").split("/")
        for part in parents:
            node = node[int(part)] if isinstance(node, list) else node[part]
        node[int(last) if isinstance(node, list) else last] = value

    return change


CASES["text-sha256-mismatch"] = _doc_case(
    _set("/text_sha256", "0" * 64, "meta"), "the metadata's text_sha256 is all zeros"
)
CASES["annotation-sha256-mismatch"] = _doc_case(
    _set("/text_sha256", "f" * 64), "the annotations' text_sha256 is all f"
)
CASES["schema-violation"] = _doc_case(
    _set("/entities/1/type", "HUMAN"), "entity e2 has type HUMAN, not an OntoNotes name type"
)
CASES["doc-id-mismatch"] = _doc_case(
    _set("/doc_id", "2025-03-03-example-2"), "the annotations' doc_id differs from the file name"
)
CASES["span-reversed"] = _doc_case(_set("/dates/1/end", 10), "date t2 ends (10) before it starts")
CASES["span-out-of-range"] = _doc_case(
    _set("/claims/1/end", 10_000), "claim c2 ends past the end of the text"
)
CASES["span-text-mismatch"] = _doc_case(
    _set("/entities/1/text", "Anna Borg"),
    "entity e2 says 'Anna Borg' where the text has 'Anna Berg'",
)


def _whitespace(meta: dict, ann: dict) -> None:
    ent = ann["entities"][1]
    ent["end"] += 1
    ent["text"] = TEXT[ent["start"] : ent["end"]]


CASES["span-whitespace-edge"] = _doc_case(
    _whitespace, "entity e2 includes the space after 'Anna Berg'"
)


def _duplicate_span(meta: dict, ann: dict) -> None:
    ann["entities"].append({**ann["entities"][1], "id": "e4", "type": "ORG"})


CASES["span-duplicate"] = _doc_case(_duplicate_span, "entity e4 has the same offsets as e2")
CASES["id-duplicate"] = _doc_case(
    _set("/entities/2/id", "e1"), "the first and third entities share the id e1"
)
CASES["ref-unresolved"] = _doc_case(
    _set("/dates/1/anchor", "t9"), "date t2 is anchored to t9, which does not exist"
)
CASES["claim-refs-inconsistent"] = _doc_case(
    _set("/claims/0/dates", []), "claim c1 contains date t3 but does not list it"
)
CASES["claim-attribution-inconsistent"] = _doc_case(
    _set("/claims/1/quote", "direct"), "claim c2 has no source but a quote"
)


def _overlap(meta: dict, ann: dict) -> None:
    ann["entities"].append(
        span("e4", "Foreign Minister Anna", type="PERSON", entity_id="foreign-minister")
    )


CASES["entity-overlap"] = _doc_case(
    _overlap, "entity e4 'Foreign Minister Anna' overlaps e2 'Anna Berg'"
)


def _section_overlap(meta: dict, ann: dict) -> None:
    ann["sections"][1] = span("s2", "By Staff\n\nMarch", type="byline")


CASES["section-overlap"] = _doc_case(
    _section_overlap, "section s2 runs into the dateline section s3"
)
CASES["section-gap"] = _doc_case(
    lambda meta, ann: ann["sections"].pop(1), "the byline 'By Staff' lies in no section"
)
CASES["figure-value-mismatch"] = _doc_case(
    _set("/figures/0/value", 3000), "figure f1 'About 300 delegates' has value 3000"
)
CASES["figure-range-reversed"] = _doc_case(
    _set("/figures/0/value_max", 200), "figure f1 has value_max 200 below its value 300"
)
CASES["timex-value-invalid"] = _doc_case(
    _set("/dates/2/value", "P-2W"), "date t3 has the negative duration P-2W"
)
CASES["timex-type-mismatch"] = _doc_case(
    _set("/dates/2/type", "DATE"), "date t3 is typed DATE but its value P2W is a duration"
)
CASES["creation-time-mismatch"] = _doc_case(
    _set("/published", "2025-03-04", "meta"),
    "the metadata says published 2025-03-04, the CREATION_TIME date says 2025-03-03",
)


def _second_doc(change_meta: Callable[[dict], None], same_text: bool, why: str) -> Case:
    def build(root: Path) -> str:
        meta, ann = valid()
        write_repo(root, TEXT.encode(), meta, ann)
        other = "2025-03-03-example-2"
        meta2, ann2 = valid()
        raw = TEXT.encode() if same_text else TEXT.replace("300", "400").encode()
        if not same_text:
            ann2["figures"][0]["value"] = 400
            ann2["figures"][0]["text"] = "About 400 delegates"
            ann2["claims"][1]["text"] = "About 400 delegates are expected"
            ann2["sections"][3]["text"] = ann2["sections"][3]["text"].replace("300", "400")
            meta2["url"] = meta["url"].replace("talks-1", "talks-2")
        meta2["doc_id"] = ann2["doc_id"] = other
        resha(meta2, ann2, raw)
        change_meta(meta2)
        write_repo(root, raw, meta2, ann2, other)
        return why

    return build


CASES["text-duplicate"] = _second_doc(
    lambda m: m.update(url=m["url"].replace("talks-1", "talks-1b")),
    True,
    "two documents hold the same text",
)
CASES["url-duplicate"] = _second_doc(
    lambda m: m.update(url="https://news.example.org/2025/03/03/talks-1/"),
    False,
    "two documents have the same url",
)


def _split_case(record: object, split: str, why: str) -> Case:
    def build(root: Path) -> str:
        meta, ann = valid()
        meta["split"] = split
        write_repo(root, TEXT.encode(), meta, ann)
        dump(root / "provenance" / "splits.json", record)
        return why

    return build


CASES["split-record-invalid"] = _split_case(
    {"validation": [3]}, "test", "provenance/splits.json lists the number 3, not a doc_id"
)
CASES["split-unknown-doc"] = _split_case(
    {"validation": ["2025-03-03-example-9"]},
    "test",
    "provenance/splits.json lists 2025-03-03-example-9, which is not in the corpus",
)
CASES["split-mismatch"] = _split_case(
    {"validation": []},
    "train",
    "the metadata says split train; provenance/splits.json does not list the article, so test",
)


def main() -> None:
    if HERE.exists():
        shutil.rmtree(HERE)
    meta, ann = valid()
    write_repo(HERE / "valid", TEXT.encode(), meta, ann)
    (HERE / "valid" / "WHY").write_text(
        "valid: the base document every case mutates\n", encoding="utf-8"
    )
    for pid, build in sorted(CASES.items()):
        root = HERE / pid
        root.mkdir(parents=True)
        why = build(root)
        (root / "WHY").write_text(f"not valid: {why}\n", encoding="utf-8")
    print(f"wrote {len(CASES)} cases to {os.path.relpath(HERE)}")


if __name__ == "__main__":
    main()
