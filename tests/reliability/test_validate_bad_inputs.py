"""Bad inputs through the real CLI: the right incident, in the right file, and nothing else broken.

Every case copies a small valid repository, breaks one thing, and runs
``python -m newsgold validate --root REPO --format json`` in a subprocess. It must exit 1 (2 for
bad usage) with the expected incident id at the expected file and JSON pointer or line ("" when
the file as a whole is at fault), print no traceback, and leave every file as it was. Bad usage
gives one line naming the argument at fault. Pointers into the generated documents are worked
out from the mutation (which asserts what it relies on, e.g. that a field is on line 18).
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from reliability_repo import (
    ANN,
    DOC,
    META,
    OTHER,
    TEXT,
    fingerprint,
    load,
    run_cli,
    save,
)

Mutate = Callable[[Path], "list[str] | None"]


@dataclass(frozen=True)
class Case:
    """One bad input: how to make it, and what the validator must say."""

    name: str
    mutate: Mutate
    incident: str | None  # None for bad usage (exit 2, no report)
    file: str | None
    pointer: str | None = None  # "" when the whole file is at fault; None only for bad usage
    status: int = 1


CASES: list[Case] = []


def case(
    incident: str | None, file: str | None, pointer: str | None = None, status: int = 1
) -> Callable[[Mutate], Mutate]:
    """Register a mutation as a case (its name is the function's)."""

    def register(mutate: Mutate) -> Mutate:
        CASES.append(Case(mutate.__name__, mutate, incident, file, pointer, status))
        return mutate

    return register


def edit(rel: str, change: Callable[[dict], object]) -> Mutate:
    """A mutation that loads one JSON file, changes it, and saves it."""

    def mutate(root: Path) -> None:
        data = load(root, rel)
        change(data)
        save(root, rel, data)

    return mutate


def raw_replace(root: Path, rel: str, old: str, new: str) -> None:
    """Replace the first occurrence of a string in a file (for JSON that json cannot write)."""
    text = (root / rel).read_text("utf-8")
    assert old in text, old
    (root / rel).write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(root: Path, rel: str, needle: str) -> int:
    """The line of a file on which a string first appears."""
    text = (root / rel).read_text("utf-8")
    assert needle in text, needle
    return text.count("\n", 0, text.index(needle)) + 1


def first(items: list[dict], test: Callable[[dict], bool]) -> tuple[int, dict]:
    """The index and item of the first element passing a test."""
    return next((i, item) for i, item in enumerate(items) if test(item))


# --- corpus texts -----------------------------------------------------------------------------


@case("text-not-utf8", TEXT, "line 2")
def text_invalid_utf8(root: Path) -> None:
    raw = (root / TEXT).read_bytes()
    assert raw.startswith(b"\n")  # so byte 1 is on line 2
    (root / TEXT).write_bytes(raw[:1] + b"\xff" + raw[1:])


@case("text-bom", TEXT, "byte 0")
def text_bom(root: Path) -> None:
    (root / TEXT).write_bytes(b"\xef\xbb\xbf" + (root / TEXT).read_bytes())


@case("text-crlf", TEXT, "line 1")
def text_crlf(root: Path) -> None:
    (root / TEXT).write_bytes((root / TEXT).read_bytes().replace(b"\n", b"\r\n"))


@case("text-nul", TEXT, "line 3")
def text_nul(root: Path) -> None:
    lines = (root / TEXT).read_bytes().split(b"\n")
    lines[2] = b"\x00" + lines[2]
    (root / TEXT).write_bytes(b"\n".join(lines))


@case("text-not-nfc", TEXT, "line 2")
def text_not_nfc(root: Path) -> None:
    raw = (root / TEXT).read_bytes()
    assert raw.startswith(b"\n")  # so what follows byte 0 is on line 2
    # e + combining acute: NFD, not NFC
    (root / TEXT).write_bytes(raw[:1] + "Cafe\u0301 ".encode() + raw[1:])


@case("text-empty", TEXT, "")
def text_empty(root: Path) -> None:
    (root / TEXT).write_bytes(b"")


@case("text-empty", TEXT, "")
def text_only_whitespace(root: Path) -> None:
    (root / TEXT).write_bytes(b" \n\n\t\n")


@case("text-sha256-mismatch", META, "/text_sha256")
def text_edited_after_annotation(root: Path) -> None:
    text = (root / TEXT).read_text("utf-8")
    (root / TEXT).write_text(text.replace("the", "teh", 1), encoding="utf-8", newline="")


# --- metadata JSON ----------------------------------------------------------------------------


def keep_lines(root: Path, rel: str, count: int) -> None:
    """Cut a file after its first ``count`` lines: the JSON ends where line count + 1 begins."""
    lines = (root / rel).read_bytes().split(b"\n")
    assert len(lines) > count + 1
    (root / rel).write_bytes(b"\n".join(lines[:count]) + b"\n")


@case("json-invalid", META, "line 4")
def metadata_truncated(root: Path) -> None:
    keep_lines(root, META, 3)  # "{", doc_id, title: the parser wants a key on line 4


@case("json-invalid", META, "line 1")
def metadata_empty_file(root: Path) -> None:
    (root / META).write_bytes(b"")


@case("json-invalid", META, "line 1")
def metadata_with_bom(root: Path) -> None:
    (root / META).write_bytes(b"\xef\xbb\xbf" + (root / META).read_bytes())


@case("json-invalid", META, "line 3")
def metadata_not_utf8(root: Path) -> None:
    text = (root / META).read_text("utf-8")
    # Saved as Latin-1: the first byte that is not UTF-8 is the first character beyond ASCII,
    # the "é" of the title ("Société Verrine ..."), on line 3.
    assert line_of(root, META, next(ch for ch in text if ord(ch) > 127)) == 3
    text = text.replace('"en"', '"en", "note": "caf\u00e9"')
    (root / META).write_bytes(text.encode("latin-1", "replace"))


@case("json-duplicate-key", META, "/title")
def metadata_duplicate_key(root: Path) -> None:
    raw_replace(root, META, '"title": ', '"title": "An earlier title", "title": ')


@case("json-nonfinite", META, "/synthetic")
def metadata_nan(root: Path) -> None:
    raw_replace(root, META, '"synthetic": true', '"synthetic": NaN')


@case("json-invalid", META, "line 18")
def metadata_integer_of_5000_digits(root: Path) -> None:
    assert line_of(root, META, '"synthetic": true') == 18  # the last field, before the "}"
    raw_replace(root, META, '"synthetic": true', '"synthetic": ' + "9" * 5000)


@case("json-invalid", META, "line 18")
def metadata_nested_100000_deep(root: Path) -> None:
    assert line_of(root, META, '"synthetic": true') == 18
    raw_replace(root, META, '"synthetic": true', '"synthetic": ' + "[" * 100_000 + "]" * 100_000)


@case("schema-violation", META, "/rights")
def metadata_nested_900_deep(root: Path) -> None:
    # Deep enough to hurt a recursive reader, shallow enough for json to parse.
    raw_replace(root, META, '"rights": {', '"rights": ' + "[" * 900 + "]" * 900 + ', "x": {')


@case("schema-violation", META, "")
def metadata_null(root: Path) -> None:
    (root / META).write_text("null\n", encoding="utf-8")


@case("schema-violation", META, "")
def metadata_array(root: Path) -> None:
    (root / META).write_text("[]\n", encoding="utf-8")


@case("schema-violation", META, "/published")
def metadata_published_wrong_type(root: Path) -> None:
    edit(META, lambda m: m.update(published=20250204))(root)


@case("schema-violation", META, "/published")
def metadata_published_impossible_date(root: Path) -> None:
    edit(META, lambda m: m.update(published="2025-02-30"))(root)


@case("schema-violation", META, "/doc_id")
def metadata_doc_id_with_path_separators(root: Path) -> None:
    edit(META, lambda m: m.update(doc_id="../../etc/passwd"))(root)


@case("doc-id-mismatch", META, "/doc_id")
def metadata_doc_id_of_another_file(root: Path) -> None:
    edit(META, lambda m: m.update(doc_id="synthetic-7-9999999"))(root)


@case("url-duplicate", f"corpus/{OTHER}.json", "/url")
def metadata_url_of_another_article(root: Path) -> None:
    other = load(root, f"corpus/{OTHER}.json")
    edit(META, lambda m: m.update(url=other["url"] + "/"))(root)  # the same page


# --- annotation JSON --------------------------------------------------------------------------


@case("json-invalid", ANN, "line 12")
def annotations_truncated(root: Path) -> None:
    keep_lines(root, ANN, 11)  # ends with the second section and its comma: a value is due


@case("json-invalid", ANN, "line 10")
def annotations_nested_100000_deep(root: Path) -> None:
    assert line_of(root, ANN, '{"id": "s1"') == 10  # the first section, after "sections": [
    raw_replace(root, ANN, '{"id": "s1"', "[" * 100_000 + "]" * 100_000 + ', {"id": "s1"')


@case("json-duplicate-key", ANN, "/sections/0/start")
def annotations_duplicate_key(root: Path) -> None:
    raw_replace(root, ANN, '"start": ', '"start": 0, "start": ')


@case("json-nonfinite", ANN, "/entities/0/start")
def annotations_nan_offset(root: Path) -> None:
    edit(ANN, lambda a: a["entities"][0].update(start="__NAN__"))(root)
    raw_replace(root, ANN, '"__NAN__"', "NaN")


@case("json-nonfinite", ANN, "/figures/0/value")
def annotations_infinite_value(root: Path) -> None:
    edit(ANN, lambda a: a["figures"][0].update(value="__INF__"))(root)
    raw_replace(root, ANN, '"__INF__"', "-Infinity")


@case("json-invalid", ANN, "/entities/0/text")
def annotations_lone_surrogate_in_a_string(root: Path) -> None:
    edit(ANN, lambda a: a["entities"][0].update(text="__SUR__"))(root)
    raw_replace(root, ANN, '"__SUR__"', '"\\ud800"')


@case("json-invalid", ANN, "")
def annotations_lone_surrogate_in_a_key(root: Path) -> None:
    raw_replace(root, ANN, '"notes"', '"notes\\uDFFF"')


@case("schema-violation", ANN, "/entities/0/start")
def annotations_offset_as_string(root: Path) -> None:
    edit(ANN, lambda a: a["entities"][0].update(start=str(a["entities"][0]["start"])))(root)


@case("schema-violation", ANN, "/entities/0/start")
def annotations_offset_as_float(root: Path) -> None:
    # 2020-12 JSON Schema calls 5.0 an integer; slicing a str with it used to crash level 3.
    edit(ANN, lambda a: a["entities"][0].update(start=float(a["entities"][0]["start"])))(root)


@case("schema-violation", ANN, "/entities/0/start")
def annotations_negative_offset(root: Path) -> None:
    edit(ANN, lambda a: a["entities"][0].update(start=-1))(root)


@case("schema-violation", ANN, "")
def annotations_null(root: Path) -> None:
    (root / ANN).write_text("null", encoding="utf-8")


@case("schema-violation", ANN, "/entities/0/id")
def annotations_id_colliding_across_layers(root: Path) -> None:
    edit(ANN, lambda a: a["entities"][0].update(id=a["dates"][0]["id"]))(root)


@case("id-duplicate", ANN, "/entities/1/id")
def annotations_id_repeated_in_a_layer(root: Path) -> None:
    edit(ANN, lambda a: a["entities"][1].update(id=a["entities"][0]["id"]))(root)


@case("span-reversed", ANN, "/entities/0/end")
def annotations_reversed_offsets(root: Path) -> None:
    def swap(a: dict) -> None:
        e = a["entities"][0]
        e["start"], e["end"] = e["end"], e["start"]

    edit(ANN, swap)(root)


@case("span-out-of-range", ANN, "/sections/0/end")
def annotations_offset_past_the_end(root: Path) -> None:
    size = len((root / TEXT).read_text("utf-8"))
    edit(ANN, lambda a: a["sections"][0].update(end=size + 10))(root)


@case("span-text-mismatch", ANN, "/entities/0/text")
def annotations_span_text_differs(root: Path) -> None:
    edit(ANN, lambda a: a["entities"][0].update(text=a["entities"][0]["text"] + "x"))(root)


@case("span-duplicate", ANN, "/entities/1")
def annotations_same_entity_twice(root: Path) -> None:
    def twice(a: dict) -> None:
        a["entities"].insert(1, dict(a["entities"][0], id="e999"))

    edit(ANN, twice)(root)


@case("entity-overlap", ANN, "/entities/0")
def annotations_overlapping_entities(root: Path) -> None:
    text = (root / TEXT).read_text("utf-8")

    def overlap(a: dict) -> None:
        e = a["entities"][0]
        end = e["end"] - 1
        a["entities"].append(dict(e, id="e999", end=end, text=text[e["start"] : end]))

    edit(ANN, overlap)(root)


@case("ref-unresolved", ANN, "/dates/1/anchor")
def annotations_dangling_anchor(root: Path) -> None:
    def dangle(a: dict) -> None:
        assert a["dates"][1]["anchor"] is not None
        a["dates"][1]["anchor"] = "t999"

    edit(ANN, dangle)(root)


@case("ref-unresolved", ANN, "/claims/0/dates/0")
def annotations_dangling_claim_date(root: Path) -> None:
    edit(ANN, lambda a: a["claims"][0].update(dates=["t999"]))(root)


@case("ref-unresolved", ANN, "/claims/0/source/entity_id")
def annotations_dangling_source_entity(root: Path) -> None:
    def dangle(a: dict) -> None:
        assert a["claims"][0]["source"]["entity_id"]
        a["claims"][0]["source"]["entity_id"] = "nobody-of-that-name"

    edit(ANN, dangle)(root)


@case("ref-unresolved", ANN, "/claims/0/reported_on")
def annotations_dangling_reported_on(root: Path) -> None:
    edit(ANN, lambda a: a["claims"][0].update(reported_on="t999"))(root)


@case("claim-refs-inconsistent", ANN, "/claims/5/dates")
def annotations_claim_forgets_a_date(root: Path) -> None:
    def forget(a: dict) -> None:
        assert first(a["claims"], lambda c: c["dates"])[0] == 5  # the first claim with a date
        a["claims"][5]["dates"] = []

    edit(ANN, forget)(root)


@case("claim-attribution-inconsistent", ANN, "/claims/2")
def annotations_own_assertion_with_a_quote(root: Path) -> None:
    def quote(a: dict) -> None:
        assert first(a["claims"], lambda c: c["source"] is None)[0] == 2  # the first without one
        a["claims"][2]["quote"] = "direct"

    edit(ANN, quote)(root)


# The first date that is not the creation time (dates/0, the dateline) is dates/1.
@case("timex-value-invalid", ANN, "/dates/1/value")
def annotations_month_13(root: Path) -> None:
    edit(ANN, lambda a: first(a["dates"], lambda d: d["function"] is None)[1].update(
        type="DATE", value="2025-13"))(root)  # fmt: skip


@case("timex-value-invalid", ANN, "/dates/1/value")
def annotations_february_30(root: Path) -> None:
    edit(ANN, lambda a: first(a["dates"], lambda d: d["function"] is None)[1].update(
        type="DATE", value="2023-02-30"))(root)  # fmt: skip


@case("timex-value-invalid", ANN, "/dates/1/value")
def annotations_negative_duration(root: Path) -> None:
    edit(ANN, lambda a: first(a["dates"], lambda d: d["function"] is None)[1].update(
        type="DURATION", value="P-1M"))(root)  # fmt: skip


@case("creation-time-mismatch", ANN, "/dates/0/value")
def annotations_dateline_not_the_publication_date(root: Path) -> None:
    edit(ANN, lambda a: first(a["dates"], lambda d: d["function"])[1].update(value="2001-01-01"))(
        root
    )


@case("figure-value-mismatch", ANN, "/figures/0/value")
def annotations_figure_contradicts_its_digits(root: Path) -> None:
    edit(ANN, lambda a: a["figures"][0].update(value=a["figures"][0]["value"] + 1000.5))(root)


@case("figure-range-reversed", ANN, "/figures/0/value_max")
def annotations_figure_range_reversed(root: Path) -> None:
    edit(ANN, lambda a: a["figures"][0].update(value_max=a["figures"][0]["value"] - 1))(root)


@case("section-gap", ANN, "/sections")
def annotations_section_missing(root: Path) -> None:
    edit(ANN, lambda a: a["sections"].pop(first(a["sections"], lambda s: s["type"] == "body")[0]))(
        root
    )


@case("annotation-sha256-mismatch", ANN, "/text_sha256")
def annotations_for_another_text(root: Path) -> None:
    edit(ANN, lambda a: a.update(text_sha256="0" * 64))(root)


# --- doc ids, names and paths -----------------------------------------------------------------


@case("doc-id-invalid", f"corpus/{DOC.upper()}.txt", "")
def doc_id_upper_case(root: Path) -> None:
    for rel in (TEXT, META, ANN):
        path = root / rel
        path.rename(path.with_name(DOC.upper() + path.suffix))


@case("doc-id-invalid", f"corpus/{DOC.capitalize()}.txt", "")
def doc_ids_differing_only_by_case(root: Path) -> None:
    shutil.copy(root / TEXT, root / f"corpus/{DOC.capitalize()}.txt")


@case("doc-id-invalid", "corpus/...txt", "")
def doc_id_dot_dot(root: Path) -> None:
    shutil.copy(root / TEXT, root / "corpus" / "...txt")  # stem "..", suffix ".txt"


@case("doc-id-invalid", "corpus/a\\b.txt", "")
def doc_id_with_a_backslash(root: Path) -> None:
    shutil.copy(root / TEXT, root / "corpus" / "a\\b.txt")


@case("doc-id-invalid", "corpus/caf\u00e9-2025.txt", "")
def doc_id_not_ascii(root: Path) -> None:
    shutil.copy(root / TEXT, root / "corpus" / "caf\u00e9-2025.txt")


@case("doc-id-invalid", f"corpus/{'a' * 81}.txt", "")
def doc_id_too_long(root: Path) -> None:
    shutil.copy(root / TEXT, root / "corpus" / f"{'a' * 81}.txt")


@case("path-outside-repo", TEXT, "")
def text_symlink_outside(root: Path) -> None:
    outside = root.parent / "outside.txt"
    shutil.copy(root / TEXT, outside)
    (root / TEXT).unlink()
    os.symlink(outside, root / TEXT)


@case("path-outside-repo", ANN, "")
def annotations_relative_symlink_climbing_out(root: Path) -> None:
    shutil.copy(root / ANN, root.parent / "stolen.json")
    (root / ANN).unlink()
    os.symlink("../../stolen.json", root / ANN)


@case("path-outside-repo", TEXT, "")
def corpus_folder_symlinked_outside(root: Path) -> None:
    (root / "corpus").rename(root.parent / "elsewhere")
    os.symlink(root.parent / "elsewhere", root / "corpus")


@case("file-unexpected", TEXT, "")
def text_dangling_symlink(root: Path) -> None:
    (root / TEXT).unlink()
    os.symlink(root / "nowhere.txt", root / TEXT)


@case("file-unexpected", "corpus/notes.md", "")
def unexpected_file(root: Path) -> None:
    (root / "corpus" / "notes.md").write_text("remember to annotate\n", encoding="utf-8")


@case("file-unexpected", "corpus/folder.txt", "")
def folder_named_like_a_text(root: Path) -> None:
    (root / "corpus" / "folder.txt").mkdir()


@case("metadata-missing", TEXT, "")
def metadata_file_missing(root: Path) -> None:
    (root / META).unlink()


@case("annotations-missing", TEXT, "")
def annotations_file_missing(root: Path) -> None:
    (root / ANN).unlink()


@case("text-missing", ANN, "")
def text_file_missing(root: Path) -> None:
    (root / TEXT).unlink()


@case("text-duplicate", "corpus/synthetic-7-copy.txt", "")
def same_text_twice(root: Path) -> None:
    copy = "synthetic-7-copy"
    shutil.copy(root / TEXT, root / f"corpus/{copy}.txt")
    for rel, new in ((META, f"corpus/{copy}.json"), (ANN, f"annotations/{copy}.json")):
        data = load(root, rel)
        data["doc_id"] = copy
        save(root, new, data)


# --- bad usage: exit 2 ------------------------------------------------------------------------


@case(None, None, status=2)
def usage_root_does_not_exist(root: Path) -> list[str]:
    return ["validate", "--root", str(root / "no-such-folder")]


@case(None, None, status=2)
def usage_root_is_not_a_repository(root: Path) -> list[str]:
    shutil.rmtree(root / "annotations")
    return ["validate", "--root", str(root)]


@case(None, None, status=2)
def usage_unknown_format(root: Path) -> list[str]:
    return ["validate", "--root", str(root), "--format", "xml"]


@case(None, None, status=2)
def usage_path_outside_the_repository(root: Path) -> list[str]:
    outside = root.parent / "elsewhere.json"
    outside.write_text("{}", encoding="utf-8")
    return ["validate", "--root", str(root), str(outside)]


@case(None, None, status=2)
def usage_path_does_not_exist(root: Path) -> list[str]:
    return ["validate", "--root", str(root), str(root / "corpus" / "missing.txt")]


def test_there_are_enough_distinct_cases() -> None:
    assert len(CASES) >= 40
    assert len({c.name for c in CASES}) == len(CASES)
    assert len({c.incident for c in CASES}) >= 30


@pytest.mark.parametrize("bad", CASES, ids=[c.name for c in CASES])
def test_bad_input_is_reported_not_crashed_on(bad: Case, repo: Path) -> None:
    args = bad.mutate(repo)
    before = fingerprint(repo.parent)
    run = run_cli(*(args or ["validate", "--root", str(repo), "--format", "json"]))
    assert "Traceback" not in run.stderr, run.stderr
    assert run.status == bad.status, run.stdout[-2000:] + run.stderr
    assert fingerprint(repo.parent) == before  # nothing written, moved or touched
    if bad.status == 2:
        assert run.report is None
        lines = run.stderr.strip().split("\n")
        if lines[0].startswith("usage: "):  # argparse: the usage, then one error line
            assert lines[-1].startswith("newsgold validate: error: "), run.stderr
            return
        # one line naming the argument at fault: "newsgold validate: <path>: <why>"
        assert len(lines) == 1 and lines[0].startswith("newsgold validate: "), run.stderr
        assert lines[0].split(": ")[1] in (args or []), (lines[0], args)
        return
    assert run.report is not None and run.report["valid"] is False
    found = run.incidents(str(bad.incident))
    where = [(i["file"], i["pointer"]) for i in found]
    # "" when the file as a whole is at fault (a bad name, a symlink, an empty text, null)
    assert bad.pointer is not None, "a bad-data case says where the validator must point"
    assert (bad.file, bad.pointer) in where, (bad.file, bad.pointer, where)


def test_a_50_megabyte_text_is_checked_whole(repo: Path) -> None:
    # 500,000 lines of 100 bytes; a NUL opens line 400,001 (400,000 newlines come before it).
    line = b"x" * 99 + b"\n"
    big = line * 400_000 + b"\x00" + line[1:] + line * 99_999
    assert len(big) == 50_000_000
    (repo / TEXT).write_bytes(big)
    before = fingerprint(repo)
    run = run_cli("validate", "--root", str(repo), "--format", "json")
    assert run.status == 1 and "Traceback" not in run.stderr
    assert [(i["file"], i["pointer"]) for i in run.incidents("text-nul")] == [(TEXT, "line 400001")]
    assert fingerprint(repo) == before


def test_escaped_surrogate_pairs_are_fine(repo: Path) -> None:
    text = (repo / ANN).read_text("utf-8")
    assert "\U0001f4f7" in text or "\U00020bb7" in text
    escaped = text.replace("\U0001f4f7", "\\ud83d\\udcf7").replace("\U00020bb7", "\\ud842\\udfb7")
    (repo / ANN).write_text(escaped, encoding="utf-8")
    run = run_cli("validate", "--root", str(repo), "--format", "json")
    assert run.status == 0 and run.report is not None and run.report["incidents"] == []


def test_the_pristine_repository_is_valid(repo: Path) -> None:
    run = run_cli("validate", "--root", str(repo), "--format", "json")
    assert run.status == 0, run.stdout
    assert json.loads(run.stdout)["documents"] == 2
