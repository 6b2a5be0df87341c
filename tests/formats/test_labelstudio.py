"""Label Studio export and import: round trips, UTF-16 offsets, located errors."""

from __future__ import annotations

import copy
import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from formats_data import SEED, SYNTHETIC, TEXT, at

from newsgold.cli import main
from newsgold.errors import NewsgoldError
from newsgold.formats import labelstudio
from newsgold.validate import validate


def export(root: Path, *doc_ids: str) -> list[dict[str, Any]]:
    out = root / "ls"
    labelstudio.export_labelstudio(root, list(doc_ids), out)
    tasks: list[dict[str, Any]] = json.loads((out / "tasks.json").read_text("utf-8"))
    return tasks


def write_export(root: Path, tasks: list[dict[str, Any]]) -> Path:
    path = root / "ls-export.json"
    path.write_text(json.dumps(tasks, ensure_ascii=False), "utf-8")
    return path


def results(task: dict[str, Any]) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = task["annotations"][0]["result"]
    return found


def region(task: dict[str, Any], rid: str, control: str | None = None) -> dict[str, Any]:
    for item in results(task):
        if item.get("id") == rid and (control is None or item["from_name"] == control):
            return item
    raise AssertionError(f"no result {rid} {control}")


@pytest.mark.parametrize("doc_id", [SEED, SYNTHETIC])
def test_round_trip_gives_the_same_file(nonbmp_repo: Path, doc_id: str) -> None:
    original = (nonbmp_repo / "annotations" / f"{doc_id}.json").read_bytes()
    path = write_export(nonbmp_repo, export(nonbmp_repo, doc_id))
    (nonbmp_repo / "annotations" / f"{doc_id}.json").unlink()  # the import must rebuild it all
    done = labelstudio.import_labelstudio(nonbmp_repo, path, status="gold")
    assert [d.doc_id for d in done] == [doc_id]
    assert (nonbmp_repo / "annotations" / f"{doc_id}.json").read_bytes() == original
    assert validate(nonbmp_repo).ok


def test_export_reports_nothing_lost(nonbmp_repo: Path) -> None:
    result = labelstudio.export_labelstudio(nonbmp_repo, [], nonbmp_repo / "ls")
    assert {d["doc_id"]: d["not_carried"] for d in result.documents} == {SEED: [], SYNTHETIC: []}


def test_offsets_are_utf16_units(nonbmp_repo: Path) -> None:
    task = export(nonbmp_repo, SYNTHETIC)[0]
    # The second 𠮷野 (U+20BB7 then U+91CE) comes after 😀 and the first 𠮷野 in the headline:
    # each astral character before it adds one unit, so UTF-16 start = code point start + 2.
    start, end = at(TEXT, "𠮷野", 2)
    value = region(task, "e2", "entity")["value"]
    assert (value["start"], value["end"]) == (start + 2, end + 3)  # the span holds one astral too
    # JavaScript slicing of the UTF-16 string at those offsets gives the span's text.
    encoded = TEXT.encode("utf-16-le")
    assert (
        encoded[2 * value["start"] : 2 * value["end"]].decode("utf-16-le")
        == "𠮷野"
        == value["text"]
    )
    content = region(task, "c3", "claim")["value"]
    assert encoded[2 * content["start"] : 2 * content["end"]].decode("utf-16-le") == content["text"]


def test_config_declares_every_control_and_value_the_tasks_use(nonbmp_repo: Path) -> None:
    export(nonbmp_repo)
    root = ET.fromstring((nonbmp_repo / "ls" / "config.xml").read_text("utf-8"))
    declared: dict[str, tuple[str, set[str]]] = {}
    for tag in ("Labels", "Choices", "TextArea"):
        for node in root.iter(tag):
            values = {child.get("value", "") for child in node}
            declared[node.get("name", "")] = (tag.lower(), values)
            assert node.get("toName") == "text"
    relations = {node.get("value") for node in root.iter("Relation")}
    assert [node.get("name") for node in root.iter("Text")] == ["text"]
    for task in json.loads((nonbmp_repo / "ls" / "tasks.json").read_text("utf-8")):
        for item in results(task):
            if item["type"] == "relation":
                assert set(item["labels"]) <= relations
                continue
            tag, values = declared[item["from_name"]]
            assert item["type"] == tag
            if tag == "labels":
                assert set(item["value"]["labels"]) <= values
            if tag == "choices":
                assert set(item["value"]["choices"]) <= values
    # every layer and claim part can be labelled, every value field has a control
    assert {"section", "entity", "date", "figure", "claim"} <= set(declared)
    assert declared["claim"][1] == {"Content", "Source", "Cue"}
    assert {
        "entity_id",
        "timex_value",
        "figure_value",
        "figure_unit",
        "quote",
        "certainty",
        "polarity",
    } <= set(declared)
    assert relations == {"source", "cue", "reported_on", "anchor"}


def test_edits_made_in_label_studio_are_imported(nonbmp_repo: Path) -> None:
    """A new region with a Label Studio id and a sloppy selection, as annotators make them."""
    task = export(nonbmp_repo, SYNTHETIC)[0]
    # select "mayor " with its trailing space, as a drag selection often does
    mayor = TEXT.index("mayor")
    units = len(TEXT[:mayor].encode("utf-16-le")) // 2  # five astral characters come before it
    assert units == mayor + 5
    results(task).append(
        {
            "id": "Qw3_rT9xZk",
            "from_name": "entity",
            "to_name": "text",
            "type": "labels",
            "value": {"start": units, "end": units + 6, "text": "mayor ", "labels": ["PERSON"]},
        }
    )
    path = write_export(nonbmp_repo, [task])
    done = labelstudio.import_labelstudio(nonbmp_repo, path, force=True)
    ann = json.loads((nonbmp_repo / "annotations" / f"{SYNTHETIC}.json").read_text("utf-8"))
    added = [e for e in ann["entities"] if e["text"] == "mayor"]
    # new id: the next number after e1, e2; offsets trimmed; entity_id made from the text
    assert added == [
        {
            "id": "e3",
            "start": mayor,
            "end": mayor + 5,
            "text": "mayor",
            "type": "PERSON",
            "entity_id": "mayor",
        }
    ]
    assert ann["status"] == "draft" and ann["annotators"] == ["test-a", "test-b"]
    assert any("trimmed" in n for n in done[0].notes) and any(
        "entity_ids made" in n for n in done[0].notes
    )


def test_code_point_offsets_are_recognised_by_their_text(nonbmp_repo: Path) -> None:
    task = export(nonbmp_repo, SYNTHETIC)[0]
    item = region(task, "e2", "entity")
    item["value"]["start"], item["value"]["end"] = at(TEXT, "𠮷野", 2)  # code points, not units
    path = write_export(nonbmp_repo, [task])
    done = labelstudio.import_labelstudio(nonbmp_repo, path, status="gold", force=True)
    ann = json.loads((nonbmp_repo / "annotations" / f"{SYNTHETIC}.json").read_text("utf-8"))
    assert ann["entities"][1]["start"] == at(TEXT, "𠮷野", 2)[0]
    assert any("code points" in note for note in done[0].notes)


def test_relations_without_labels_are_inferred_from_the_regions(nonbmp_repo: Path) -> None:
    task = export(nonbmp_repo, SYNTHETIC)[0]
    for item in results(task):
        if item["type"] == "relation":
            item.pop("labels")
            if item["from_id"] == "c2":  # drawn the other way round: source -> content
                item["from_id"], item["to_id"] = item["to_id"], item["from_id"]
    original = (nonbmp_repo / "annotations" / f"{SYNTHETIC}.json").read_bytes()
    labelstudio.import_labelstudio(
        nonbmp_repo, write_export(nonbmp_repo, [task]), status="gold", force=True
    )
    assert (nonbmp_repo / "annotations" / f"{SYNTHETIC}.json").read_bytes() == original


def test_preannotation_results_from_a_predictions_record() -> None:
    text = "Rome said on Friday 😀 that 3 ships left."
    pred = {
        "doc_id": "x",
        "entities": [{"start": 0, "end": 4, "type": "GPE", "entity_id": None}],
        "dates": [{"start": 13, "end": 19, "type": "DATE", "value": "2025-01-31", "mod": None}],
        "figures": [{"start": 27, "end": 34, "kind": "CARDINAL", "value": 3, "unit": "ships"}],
        "claims": [
            {
                "start": 27,
                "end": 39,
                "source": {"start": 0, "end": 4},
                "cue": {"start": 5, "end": 9},
            },
            {"start": 90, "end": 95},  # outside the text: left out
        ],
    }
    made = labelstudio.prediction_results(pred, text)
    labels = [
        (r["from_name"], r["value"]["labels"][0], r["value"]["text"])
        for r in made
        if r["type"] == "labels"
    ]
    assert labels == [
        ("entity", "GPE", "Rome"),
        ("date", "DATE", "Friday"),
        ("figure", "CARDINAL", "3 ships"),
        ("claim", "Content", "3 ships left"),
        ("claim", "Source", "Rome"),
        ("claim", "Cue", "said"),
    ]
    # after the emoji (code point 20) UTF-16 offsets are one larger: "3 ships" starts at unit 28
    figure = next(r for r in made if r["from_name"] == "figure")
    assert (figure["value"]["start"], figure["value"]["end"]) == (28, 35)
    assert {(r["from_id"], r["labels"][0]) for r in made if r["type"] == "relation"} == {
        ("pc1", "source"),
        ("pc1", "cue"),
    }


def test_preannotate_with_the_baseline(nonbmp_repo: Path) -> None:
    pytest.importorskip("newsgold.baselines.rules")
    result = labelstudio.export_labelstudio(
        nonbmp_repo, [SEED], nonbmp_repo / "ls", preannotate=True
    )
    task = json.loads((nonbmp_repo / "ls" / "tasks.json").read_text("utf-8"))[0]
    assert task["predictions"][0]["model_version"] == labelstudio.MODEL_VERSION
    assert result.documents[0]["predictions"] == len(task["predictions"][0]["result"])


# --- refusals and located errors ----------------------------------------------------------------


def broken(nonbmp_repo: Path, change: Any) -> tuple[Path, dict[str, Any]]:
    task = export(nonbmp_repo, SYNTHETIC)[0]
    change(task)
    return write_export(nonbmp_repo, [task]), task


def index_of(task: dict[str, Any], rid: str, control: str) -> int:
    return next(
        i
        for i, r in enumerate(results(task))
        if r.get("id") == rid and r.get("from_name") == control
    )


def expect_error(nonbmp_repo: Path, path: Path, pointer: str, words: str, **options: Any) -> None:
    before = (nonbmp_repo / "annotations" / f"{SYNTHETIC}.json").read_bytes()
    with pytest.raises(NewsgoldError) as caught:
        labelstudio.import_labelstudio(nonbmp_repo, path, **options)
    assert caught.value.file == str(path)
    assert caught.value.pointer == pointer
    assert words in caught.value.message
    assert (nonbmp_repo / "annotations" / f"{SYNTHETIC}.json").read_bytes() == before


def test_changed_text_is_refused(nonbmp_repo: Path) -> None:
    path, _ = broken(nonbmp_repo, lambda t: t["data"].update(text=TEXT.replace("Monday", "Sunday")))
    expect_error(
        nonbmp_repo, path, "/0/data/text", f"first difference at code point {TEXT.index('Monday')}"
    )


def test_offset_inside_a_surrogate_pair_is_located(nonbmp_repo: Path) -> None:
    def change(task: dict[str, Any]) -> None:
        region(task, "e2", "entity")["value"]["start"] += 1  # between the halves of 𠮷

    path, task = broken(nonbmp_repo, change)
    expect_error(
        nonbmp_repo,
        path,
        f"/0/annotations/0/result/{index_of(task, 'e2', 'entity')}/value",
        "surrogate pair",
    )


def test_unknown_label_is_located(nonbmp_repo: Path) -> None:
    path, task = broken(
        nonbmp_repo, lambda t: region(t, "e1", "entity")["value"].update(labels=["CITY"])
    )
    expect_error(
        nonbmp_repo,
        path,
        f"/0/annotations/0/result/{index_of(task, 'e1', 'entity')}/value/labels",
        "GPE",
    )


def test_wrong_label_message_has_the_right_article(nonbmp_repo: Path) -> None:
    path, task = broken(
        nonbmp_repo, lambda t: region(t, "e1", "entity")["value"].update(labels=["CITY"])
    )
    where = f"/0/annotations/0/result/{index_of(task, 'e1', 'entity')}/value/labels"
    expect_error(nonbmp_repo, path, where, "an entity region needs exactly one label of ")


def test_region_text_mismatch_shows_where_it_differs(nonbmp_repo: Path) -> None:
    # e1 is "𠮷野"; its text field gains an "x": the two agree for 2 characters.
    path, task = broken(
        nonbmp_repo, lambda t: region(t, "e1", "entity")["value"].update(text="𠮷野x")
    )
    where = f"/0/annotations/0/result/{index_of(task, 'e1', 'entity')}/value"
    words = "is '𠮷野', not the region's text '𠮷野x' (they first differ at character 3)"
    expect_error(nonbmp_repo, path, where, words)


def test_attribute_on_the_wrong_layer_is_located(nonbmp_repo: Path) -> None:
    def change(task: dict[str, Any]) -> None:
        item = copy.deepcopy(region(task, "t1", "timex_value"))
        item["id"] = "e1"
        results(task).append(item)

    path, task = broken(nonbmp_repo, change)
    expect_error(
        nonbmp_repo,
        path,
        f"/0/annotations/0/result/{len(results(task)) - 1}",
        "does not apply to the entity",
    )


def test_relation_to_a_missing_region_is_located(nonbmp_repo: Path) -> None:
    def change(task: dict[str, Any]) -> None:
        results(task).append(
            {
                "from_id": "c1",
                "to_id": "gone",
                "type": "relation",
                "direction": "right",
                "labels": ["cue"],
            }
        )

    path, task = broken(nonbmp_repo, change)
    expect_error(
        nonbmp_repo, path, f"/0/annotations/0/result/{len(results(task)) - 1}/to_id", "'gone'"
    )


def test_unknown_doc_id_is_located(nonbmp_repo: Path) -> None:
    path, _ = broken(nonbmp_repo, lambda t: t["data"].update(doc_id="2025-01-01-nowhere-1"))
    expect_error(nonbmp_repo, path, "/0/data/doc_id", "not in the corpus")


def test_invalid_json_is_located(nonbmp_repo: Path) -> None:
    path = nonbmp_repo / "bad.json"
    path.write_text('[{"data": {"doc_id": "x",}}]', "utf-8")
    with pytest.raises(NewsgoldError) as caught:
        labelstudio.import_labelstudio(nonbmp_repo, path)
    assert caught.value.pointer == "line 1"


def test_result_that_does_not_validate_writes_nothing(nonbmp_repo: Path) -> None:
    path, task = broken(
        nonbmp_repo, lambda t: region(t, "t3", "timex_value")["value"].update(text=["P10X"])
    )
    with pytest.raises(NewsgoldError) as caught:
        labelstudio.import_labelstudio(nonbmp_repo, path, status="gold", force=True)
    message = caught.value.message
    # the incident id of the validator, its JSON pointer and the Label Studio result it came from
    assert "timex-value-invalid" in message and "/dates/2/value" in message
    assert f"/0/annotations/0/result/{index_of(task, 't3', 'date')}" in message


def test_gold_is_not_overwritten_without_force(nonbmp_repo: Path) -> None:
    tasks = export(nonbmp_repo, SYNTHETIC)
    region(tasks[0], "c3", "certainty")["value"]["choices"] = ["hedged"]
    path = write_export(nonbmp_repo, tasks)
    with pytest.raises(NewsgoldError, match="--force") as caught:
        labelstudio.import_labelstudio(nonbmp_repo, path, status="draft")
    assert caught.value.file == f"annotations/{SYNTHETIC}.json"
    labelstudio.import_labelstudio(nonbmp_repo, path, status="draft", force=True)
    ann = json.loads((nonbmp_repo / "annotations" / f"{SYNTHETIC}.json").read_text("utf-8"))
    assert ann["status"] == "draft" and ann["claims"][2]["certainty"] == "hedged"


def test_two_annotations_need_a_choice(nonbmp_repo: Path) -> None:
    task = export(nonbmp_repo, SYNTHETIC)[0]
    first = task["annotations"][0]
    second = copy.deepcopy(first)
    first["id"], second["id"] = 11, 12
    region({"annotations": [second]}, "c3", "polarity")["value"]["choices"] = ["negative"]
    task["annotations"].append(second)
    path = write_export(nonbmp_repo, [task])
    expect_error(nonbmp_repo, path, "/0/annotations", "ids 11, 12", status="gold", force=True)
    labelstudio.import_labelstudio(nonbmp_repo, path, status="gold", force=True, annotation_id="12")
    ann = json.loads((nonbmp_repo / "annotations" / f"{SYNTHETIC}.json").read_text("utf-8"))
    assert ann["claims"][2]["polarity"] == "negative"


def test_cli_import_reports_and_exits(
    nonbmp_repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tasks = export(nonbmp_repo, SEED)
    argv = [
        "import",
        "labelstudio",
        str(write_export(nonbmp_repo, tasks)),
        "--root",
        str(nonbmp_repo),
    ]
    assert main(argv) == 0  # unchanged gold: left as it is
    assert "gold and unchanged" in capsys.readouterr().out
    region(tasks[0], "e1", "entity_id")["value"]["text"] = ["north-korea"]
    argv[2] = str(write_export(nonbmp_repo, tasks))
    assert main(argv) == 1  # changed gold without --force
    assert "--force" in capsys.readouterr().err
    assert main([*argv, "--status", "gold", "--force", "--annotator", "me"]) == 0
    assert "47 entities" in capsys.readouterr().out
    ann = json.loads((nonbmp_repo / "annotations" / f"{SEED}.json").read_text("utf-8"))
    assert ann["annotators"] == ["me"] and ann["entities"][0]["entity_id"] == "north-korea"


def test_unannotated_tasks_are_skipped_and_listed(nonbmp_repo: Path) -> None:
    tasks = export(nonbmp_repo)
    seed_task = next(t for t in tasks if t["data"]["doc_id"] == SEED)
    seed_task["annotations"] = []  # what Label Studio exports for a task nobody annotated
    done = labelstudio.import_labelstudio(
        nonbmp_repo, write_export(nonbmp_repo, tasks), status="gold", force=True
    )
    assert [d.doc_id for d in done] == [SYNTHETIC]
    assert done.skipped == [f"task /0 ({SEED}) has no annotation"]


def test_unchanged_gold_is_left_alone_and_changed_gold_needs_force(nonbmp_repo: Path) -> None:
    tasks = export(nonbmp_repo)
    before = {
        d: (nonbmp_repo / "annotations" / f"{d}.json").read_bytes() for d in (SEED, SYNTHETIC)
    }
    done = labelstudio.import_labelstudio(nonbmp_repo, write_export(nonbmp_repo, tasks))  # as draft
    assert list(done) == []
    assert done.skipped == [
        f"{SEED}: gold and unchanged, left as it is",
        f"{SYNTHETIC}: gold and unchanged, left as it is",
    ]
    assert {d: (nonbmp_repo / "annotations" / f"{d}.json").read_bytes() for d in before} == before
    synthetic = next(t for t in tasks if t["data"]["doc_id"] == SYNTHETIC)
    region(synthetic, "c3", "polarity")["value"]["choices"] = ["negative"]
    with pytest.raises(NewsgoldError, match="changes it; pass --force"):
        labelstudio.import_labelstudio(nonbmp_repo, write_export(nonbmp_repo, tasks))
    assert {d: (nonbmp_repo / "annotations" / f"{d}.json").read_bytes() for d in before} == before


def test_cli_export_defaults_to_the_repository_exports_folder(
    nonbmp_repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        main(["export", "labelstudio", SEED, "--root", str(nonbmp_repo), "--format", "json"]) == 0
    )
    report = json.loads(capsys.readouterr().out)
    assert report["out"] == str(nonbmp_repo / "exports" / "labelstudio")
    assert [d["doc_id"] for d in report["documents"]] == [SEED]
    tasks = json.loads((nonbmp_repo / "exports" / "labelstudio" / "tasks.json").read_text("utf-8"))
    assert [t["data"]["doc_id"] for t in tasks] == [SEED]
    assert main(["export", "labelstudio", "2099-01-01-nope-1", "--root", str(nonbmp_repo)]) == 2


def test_relation_between_regions_no_rule_connects_is_located(nonbmp_repo: Path) -> None:
    def change(task: dict[str, Any]) -> None:
        results(task).append(
            {"from_id": "e1", "to_id": "c1-cue", "type": "relation", "direction": "right"}
        )

    path, task = broken(nonbmp_repo, change)
    expect_error(
        nonbmp_repo,
        path,
        f"/0/annotations/0/result/{len(results(task)) - 1}",
        "between the entity and the claim cue cannot be unlabelled",
    )
