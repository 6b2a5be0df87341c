"""The cache of checked gold: a hit repeats a verdict on the very same bytes, nothing more."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from scoring_helpers import copies_of_valid_case

from newsgold.cache import VerdictCache
from newsgold.errors import NewsgoldError
from newsgold.scoring.gold import GOLD_CACHE
from newsgold.scoring.score import score


def _repo(tmp_path: Path) -> Path:
    return copies_of_valid_case(tmp_path / "repo", {"doc-a": ("test", "gold")})


def _perfect(root: Path) -> list[dict[str, object]]:
    gold = json.loads((root / "annotations" / "doc-a.json").read_text("utf-8"))
    return [{"doc_id": "doc-a", "entities": gold["entities"]}]


def _cache_file(folder: Path) -> Path:
    return folder / f"{GOLD_CACHE}.json"


def test_a_warm_run_scores_as_a_cold_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "cache"
    monkeypatch.setenv("NEWSGOLD_CACHE_DIR", str(folder))
    root = _repo(tmp_path)
    cold = score(root, _perfect(root), layers=["entities"]).to_dict()
    entries = json.loads(_cache_file(folder).read_text("utf-8"))
    # One document checked in full: one verdict, its gold fingerprint.
    assert list(entries.values()) == [cold["documents"]["doc-a"]["gold"]]
    warm = score(root, _perfect(root), layers=["entities"]).to_dict()
    assert warm == cold
    assert warm["headline"]["entities.strict_f1"] == 1.0
    # Other layers are other checks: another verdict beside the first.
    score(root, _perfect(root), layers=["entities", "dates"])
    assert len(json.loads(_cache_file(folder).read_text("utf-8"))) == 2


def test_changed_bytes_are_checked_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSGOLD_CACHE_DIR", str(tmp_path / "cache"))
    root = _repo(tmp_path)
    score(root, _perfect(root), layers=["entities"])
    path = root / "annotations" / "doc-a.json"
    text = path.read_text("utf-8")
    # The same annotations with a repeated key: a miss, and the strict parser's located error.
    path.write_text(text.replace('"doc_id":', '"status": "gold", "doc_id":', 1), "utf-8")
    with pytest.raises(NewsgoldError) as err:
        score(root, _perfect(root), layers=["entities"])
    assert "duplicate key 'status'" in err.value.message
    assert err.value.pointer == "/status"


def test_changed_text_is_checked_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSGOLD_CACHE_DIR", str(tmp_path / "cache"))
    root = _repo(tmp_path)
    score(root, _perfect(root), layers=["entities"])
    text_file = root / "corpus" / "doc-a.txt"
    text = text_file.read_text("utf-8")
    first = json.loads((root / "annotations" / "doc-a.json").read_text("utf-8"))["entities"][0]
    # One character of the first entity replaced: the gold span's text no longer fits.
    start = first["start"]
    replaced = "X" if text[start] != "X" else "Y"
    text_file.write_text(text[:start] + replaced + text[start + 1 :], "utf-8")
    with pytest.raises(NewsgoldError) as err:
        score(root, _perfect(root), layers=["entities"])
    assert err.value.pointer == "/entities/0/text"


def test_off_and_broken_caches(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = _repo(tmp_path)
    monkeypatch.setenv("NEWSGOLD_CACHE_DIR", "off")
    assert VerdictCache.named(GOLD_CACHE).path is None
    expected = score(root, _perfect(root), layers=["entities"]).to_dict()
    folder = tmp_path / "cache"
    folder.mkdir()
    _cache_file(folder).write_text("{not json", "utf-8")
    monkeypatch.setenv("NEWSGOLD_CACHE_DIR", str(folder))
    assert score(root, _perfect(root), layers=["entities"]).to_dict() == expected
    assert len(json.loads(_cache_file(folder).read_text("utf-8"))) == 1  # rewritten whole


def test_keys_of_different_parts_differ() -> None:
    assert VerdictCache.key(b"ab", b"c") != VerdictCache.key(b"a", b"bc")
