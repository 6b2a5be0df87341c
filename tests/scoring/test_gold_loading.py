"""Gold from a repository root, an annotations folder, a file, JSONL rows or dicts."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from live_repo import copy_articles

from newsgold.corpus import load_corpus
from newsgold.errors import NewsgoldError
from newsgold.scoring import gold_from_rows, load_gold
from newsgold.scoring.gold import gold_store

ROOT = Path(__file__).resolve().parents[2]
DOC = "2025-02-04-themoscowtimes-a87849"


def annotation() -> dict[str, object]:
    data: dict[str, object] = json.loads(
        (ROOT / "annotations" / f"{DOC}.json").read_text(encoding="utf-8")
    )
    return data


def test_root_folder_and_file_give_the_same_documents(tmp_path: Path) -> None:
    repo = copy_articles(tmp_path / "repo", [DOC])
    from_root = load_gold(repo)
    assert [d.doc_id for d in from_root] == [DOC]
    assert from_root[0].text == load_corpus(ROOT).get(DOC).text
    folder = tmp_path / "pass-a"
    folder.mkdir()
    shutil.copy(ROOT / "annotations" / f"{DOC}.json", folder)
    # An annotations folder outside the repository takes its texts from the root given.
    from_folder = load_gold(folder, root=ROOT)
    from_file = load_gold(folder / f"{DOC}.json", root=ROOT)
    assert from_folder[0].annotations == from_root[0].annotations == from_file[0].annotations
    assert load_gold(repo / "annotations")[0].text == from_root[0].text


def test_rows_with_and_without_text() -> None:
    row = annotation()
    text = load_corpus(ROOT).get(DOC).text
    with_text = gold_from_rows([{**row, "text": text, "split": "test"}])
    without = gold_from_rows([row], root=ROOT)  # a release row of a text it may not carry
    assert with_text[0].text == without[0].text == text
    assert with_text[0].metadata == {"split": "test"}
    assert without[0].metadata["split"] == "test"  # read from corpus/<doc_id>.json


def test_rows_jsonl(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(annotation()) + "\n", encoding="utf-8")
    assert [d.doc_id for d in load_gold(path, root=ROOT)] == [DOC]


def test_rows_jsonl_faults_are_located(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    # Line 3 (after a blank line 2) has a trailing comma: the parser stops at its '}', column 16.
    path.write_text(json.dumps(annotation()) + '\n\n{"doc_id": "x",}\n', encoding="utf-8")
    with pytest.raises(NewsgoldError) as err:
        load_gold(path, root=ROOT)
    assert (err.value.file, err.value.pointer) == (str(path), "line 3")
    assert "(column 16)" in err.value.message
    # A byte that is not UTF-8 (it was a UnicodeDecodeError traceback) is located at its line.
    path.write_bytes(b"\n\xff\n")
    with pytest.raises(NewsgoldError) as err:
        load_gold(path, root=ROOT)
    assert err.value.pointer == "line 2" and "0xff" in err.value.message


def test_text_of_another_version_is_refused() -> None:
    with pytest.raises(NewsgoldError, match="does not match its text_sha256") as err:
        gold_from_rows([{**annotation(), "text": "A different text."}])
    assert err.value.pointer == "row 1/text_sha256"


def test_bad_gold_span_is_located() -> None:
    row = annotation()
    entities = list(row["entities"])  # type: ignore[call-overload]
    entities[3] = {**entities[3], "end": entities[3]["end"] + 1}
    with pytest.raises(NewsgoldError) as err:
        gold_from_rows([{**row, "entities": entities}], root=ROOT)
    assert err.value.pointer == "row 1/entities/3/text"
    assert err.value.message.startswith("gold annotation:")


def test_duplicate_documents_and_missing_doc_id() -> None:
    row = annotation()
    with pytest.raises(NewsgoldError, match="appears twice"):
        gold_from_rows([row, row], root=ROOT)
    with pytest.raises(NewsgoldError, match="no doc_id") as err:
        gold_from_rows([{"entities": []}], root=ROOT)
    assert err.value.pointer == "row 1/doc_id"


def test_unusable_paths_are_usage_errors(tmp_path: Path) -> None:
    with pytest.raises(NewsgoldError) as err:
        load_gold(tmp_path)  # an empty folder
    assert err.value.status == 2
    (tmp_path / "x.csv").write_text("a,b\n", encoding="utf-8")
    with pytest.raises(NewsgoldError) as err:
        load_gold(tmp_path / "x.csv")
    assert err.value.status == 2


def test_store_reads_a_repository_lazily_and_agrees_with_load_gold(tmp_path: Path) -> None:
    repo = copy_articles(tmp_path / "repo", [DOC])
    store = gold_store(repo)
    assert list(store) == [DOC] and DOC in store and "other" not in store
    assert store[DOC].annotations == load_gold(repo)[0].annotations
    assert store.texts()[DOC] == load_corpus(ROOT).get(DOC).text
    with pytest.raises(KeyError):
        store["other"]
    # Lazily: a broken annotation file is only found when its document is asked for.
    (repo / "annotations" / f"{DOC}.json").write_text("{", encoding="utf-8")
    lazy = gold_store(repo)
    assert list(lazy) == [DOC]
    with pytest.raises(NewsgoldError) as err:
        lazy[DOC]
    assert err.value.file.endswith(f"annotations/{DOC}.json")
