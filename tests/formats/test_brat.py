"""brat standoff export and import: round trips, code point offsets, located errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from formats_data import SEED, SYNTHETIC, TEXT, at

from newsgold.cli import main
from newsgold.errors import NewsgoldError
from newsgold.formats import brat
from newsgold.validate import validate


def export(root: Path, *doc_ids: str) -> Path:
    out = root / "brat"
    brat.export_brat(root, list(doc_ids), out)
    return out


def ann_lines(folder: Path, doc_id: str) -> list[str]:
    lines = (folder / f"{doc_id}.ann").read_text("utf-8").splitlines()  # breaks as brat would
    assert lines == (folder / f"{doc_id}.ann").read_text("utf-8").split("\n")[:-1]
    return lines


@pytest.mark.parametrize("doc_id", [SEED, SYNTHETIC])
def test_round_trip_gives_the_same_file(nonbmp_repo: Path, doc_id: str) -> None:
    original = (nonbmp_repo / "annotations" / f"{doc_id}.json").read_bytes()
    folder = export(nonbmp_repo, doc_id)
    (nonbmp_repo / "annotations" / f"{doc_id}.json").unlink()
    done = brat.import_brat(nonbmp_repo, folder, status="gold")
    assert [d.doc_id for d in done] == [doc_id]
    assert (nonbmp_repo / "annotations" / f"{doc_id}.json").read_bytes() == original
    assert validate(nonbmp_repo).ok


def test_export_reports_nothing_lost_and_writes_the_config(nonbmp_repo: Path) -> None:
    result = brat.export_brat(nonbmp_repo, [], nonbmp_repo / "brat")
    assert {d["doc_id"]: d["not_carried"] for d in result.documents} == {SEED: [], SYNTHETIC: []}
    conf = (nonbmp_repo / "brat" / "annotation.conf").read_text("utf-8")
    for section in ("[entities]", "[relations]", "[events]", "[attributes]"):
        assert section in conf
    assert "HasSource\tArg1:Claim, Arg2:Source" in conf
    assert "Quote\tArg:Claim, Value:direct|indirect|mixed" in conf
    manifest = json.loads((nonbmp_repo / "brat" / "newsgold.json").read_text("utf-8"))
    assert manifest["documents"][SEED]["status"] == "gold"


def test_text_is_byte_identical_and_offsets_are_code_points(nonbmp_repo: Path) -> None:
    folder = export(nonbmp_repo, SYNTHETIC)
    assert (folder / f"{SYNTHETIC}.txt").read_bytes() == TEXT.encode("utf-8")
    start, end = at(TEXT, "𠮷野", 2)
    # brat's Python server slices the text as str: the T line carries code point offsets
    assert f"GPE {start} {end}\t𠮷野" in [
        line.split("\t", 1)[1] for line in ann_lines(folder, SYNTHETIC)
    ]


def test_lines_of_each_kind(nonbmp_repo: Path) -> None:
    folder = export(nonbmp_repo, SYNTHETIC)
    lines = ann_lines(folder, SYNTHETIC)
    by_id = {line.split("\t")[0]: line for line in lines}
    tid = {line.split("\t")[2]: line.split("\t")[0] for line in lines if line.startswith("T")}
    body = [line for line in lines if "\tSection_body " in line][0]
    # the body crosses a blank line: two fragments, joined by a space in the text field
    first = at(TEXT, "Officials in")[0]
    break_at = TEXT.index("opening.") + len("opening.")
    quote_at = TEXT.index('"The festival')
    separator = TEXT.index("\u2028")  # brat's reader would break the line there: a third fragment
    last = TEXT.index("nine.") + len("nine.")
    expected = f"Section_body {first} {break_at};{quote_at} {separator};{separator + 1} {last}"
    assert body.split("\t")[1] == expected
    assert f"Mod {tid['about 10 days']} APPROX" in [
        line.split("\t")[1] for line in lines if line.startswith("A")
    ]
    relations = {line.split("\t")[1] for line in lines if line.startswith("R")}
    c2 = tid["more than 2,000 visitors 🎉 attended the opening"]
    assert f"HasSource Arg1:{c2} Arg2:{tid['Officials in 𠮷野']}" in relations
    assert f"ReportedOn Arg1:{c2} Arg2:{tid['Monday']}" in relations
    assert f"Anchor Arg1:{tid['Monday']} Arg2:{tid['March 03, 2025']}" in relations
    notes = {line.split("\t")[1]: line.split("\t")[2] for line in lines if line.startswith("#")}
    assert (
        notes[f"AnnotatorNotes {tid['more than 2,000 visitors']}"]
        == "id=f1; value=2000; unit=visitors"
    )
    assert notes[f"AnnotatorNotes {tid['about 10 days']}"] == "id=t3; value=P10D"
    assert len(by_id) == len(lines)  # ids unique


def test_notes_quote_values_that_would_be_misread() -> None:
    pairs = [("id", "f1"), ("value", 1.5), ("unit", "sq; km"), ("value_max", None)]
    written = brat.notes_text(pairs)
    assert written == 'id=f1; value=1.5; unit="sq; km"'
    assert brat.parse_notes(written) == {"id": "f1", "value": "1.5", "unit": "sq; km"}
    with pytest.raises(ValueError):
        brat.parse_notes("id=f1; value")


def test_annotation_made_in_brat_is_imported(nonbmp_repo: Path) -> None:
    folder = export(nonbmp_repo, SYNTHETIC)
    start, end = at(TEXT, "Staff")
    with open(folder / f"{SYNTHETIC}.ann", "a", encoding="utf-8") as handle:
        handle.write(f"T99\tORG {start} {end}\tStaff\n")  # no notes: id and entity_id are derived
    done = brat.import_brat(nonbmp_repo, folder, annotators=["brat-user"], force=True)
    ann = json.loads((nonbmp_repo / "annotations" / f"{SYNTHETIC}.json").read_text("utf-8"))
    staff = {
        "id": "e3",
        "start": start,
        "end": end,
        "text": "Staff",
        "type": "ORG",
        "entity_id": "staff",
    }
    assert [e for e in ann["entities"] if e["text"] == "Staff"] == [staff]
    assert ann["annotators"] == ["brat-user"] and ann["status"] == "draft"
    assert done[0].counts["entities"] == 3


@pytest.mark.parametrize(
    ("change", "line_no", "words"),
    [
        (
            lambda lines: lines.__setitem__(0, lines[0].replace("\t## Emoji", "\t## Emojo")),
            1,
            "is not the text at",
        ),
        (
            lambda lines: lines.__setitem__(
                0, lines[0].replace("Section_headline", "Section_title")
            ),
            1,
            "unknown type",
        ),
        (lambda lines: lines.append("E1\tEvent:T1"), None, "cannot read 'E1'"),
        (lambda lines: lines.append("R99\tHasCue Arg1:T1 Arg2:T404"), None, "T404"),
        (lambda lines: lines.append("A99\tQuote T1 direct"), None, "Quote applies to claims"),
        (
            lambda lines: lines.append("A99\tPolarity T11 maybe"),
            None,
            "expected one of positive, negative",
        ),
        (lambda lines: lines.append("#99\tAnnotatorNotes T1\tcolour=blue"), None, "colour="),
    ],
)
def test_broken_ann_files_are_located(nonbmp_repo: Path, change, line_no, words) -> None:  # type: ignore[no-untyped-def]
    folder = export(nonbmp_repo, SYNTHETIC)
    path = folder / f"{SYNTHETIC}.ann"
    lines = path.read_text("utf-8").splitlines()
    change(lines)
    path.write_text("\n".join(lines) + "\n", "utf-8")
    before = (nonbmp_repo / "annotations" / f"{SYNTHETIC}.json").read_bytes()
    with pytest.raises(NewsgoldError) as caught:
        brat.import_brat(nonbmp_repo, folder, status="gold", force=True)
    assert caught.value.file == str(path)
    assert caught.value.pointer == f"line {line_no or len(lines)}"
    if words:
        assert words in caught.value.message
    assert (nonbmp_repo / "annotations" / f"{SYNTHETIC}.json").read_bytes() == before


def test_changed_text_file_is_refused(nonbmp_repo: Path) -> None:
    folder = export(nonbmp_repo, SYNTHETIC)
    (folder / f"{SYNTHETIC}.txt").write_text(TEXT.replace("Monday", "monday"), "utf-8")
    with pytest.raises(
        NewsgoldError, match=f"first difference at code point {TEXT.index('Monday')}"
    ):
        brat.import_brat(nonbmp_repo, folder, status="gold", force=True)


def test_unlinked_source_is_an_error(nonbmp_repo: Path) -> None:
    folder = export(nonbmp_repo, SYNTHETIC)
    path = folder / f"{SYNTHETIC}.ann"
    lines = path.read_text("utf-8").splitlines()
    last_source = [line for line in lines if "\tHasSource " in line][-1]  # c3 -> "the mayor"
    lines.remove(last_source)
    path.write_text("\n".join(lines) + "\n", "utf-8")
    with pytest.raises(NewsgoldError, match="'the mayor' is linked to no claim") as caught:
        brat.import_brat(nonbmp_repo, folder, status="gold", force=True)
    mayor = [
        n
        for n, line in enumerate(lines, 1)
        if line.startswith("T")
        and line.split("\t")[1].startswith("Source ")
        and line.endswith("\tthe mayor")
    ]
    assert caught.value.pointer == f"line {mayor[0]}"


def test_cli_round_trip(nonbmp_repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = nonbmp_repo / "b"
    assert main(["export", "brat", SEED, "--root", str(nonbmp_repo), "--out", str(out)]) == 0
    assert "round trip lossless" in capsys.readouterr().out
    assert main(["import", "brat", str(out), "--root", str(nonbmp_repo)]) == 0  # unchanged gold
    assert "gold and unchanged" in capsys.readouterr().out
    ann = out / f"{SEED}.ann"
    ann.write_text(
        ann.read_text("utf-8")
        .replace("Certainty T", "Certainty T", 1)
        .replace(" asserted", " hedged", 1),
        "utf-8",
    )
    assert main(["import", "brat", str(out), "--root", str(nonbmp_repo)]) == 1  # changed gold
    assert (
        main(
            ["import", "brat", str(out), "--root", str(nonbmp_repo), "--status", "gold", "--force"]
        )
        == 0
    )
    assert main(["import", "brat", str(nonbmp_repo / "nowhere"), "--root", str(nonbmp_repo)]) == 2
