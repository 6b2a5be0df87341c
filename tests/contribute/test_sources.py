"""Importing collected sources: repairs with a record, refusals that write nothing, sections."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from newsgold.contribute.repair import apply_repairs, find_repairs
from newsgold.contribute.sources import draft_sections, import_source
from newsgold.errors import NewsgoldError
from newsgold.validate import validate

REPO = Path(__file__).resolve().parents[2]
SCRIPT = REPO / "scripts" / "import_wikinews.py"

TOKENISED = (
    "Airline buys jets for #13 billion\n"
    "March 06, 2008\n"
    "\"I' m ready,\" said Michael O' Leary of Wal - Mart on ' Black Monday'.\n"
    "It paid USD$ 23 million for medium - and long-haul jets; shares fell -3.16%.\n"
)
REPAIRED = (
    "Airline buys jets for £13 billion\n"
    "March 06, 2008\n"
    "\"I'm ready,\" said Michael O'Leary of Wal-Mart on 'Black Monday'.\n"
    "It paid USD$23 million for medium- and long-haul jets; shares fell -3.16%.\n"
)


def test_every_artefact_is_repaired_and_recorded_with_offsets_before_repair() -> None:
    repairs = find_repairs("d", TOKENISED)
    assert apply_repairs(TOKENISED, repairs) == REPAIRED
    assert [r.rule for r in repairs] == [
        "pound-sign",
        "contraction",
        "name-apostrophe",
        "hyphenated-word",
        "quote-spacing",
        "currency-spacing",
        "suspended-hyphen",
    ]
    for r in repairs:  # each record points at the old string in the text before repair
        assert TOKENISED[r.start : r.end] == r.old
    # "-3.16%" is a minus sign, the spaced dash stays where it is punctuation
    assert find_repairs("d", "tankers - more often known as KC-30s - are") == []


def test_a_possessive_apostrophe_is_not_a_contraction() -> None:
    assert find_repairs("d", "Jobs' health and Airbus' best seller in two years' time") == []


def source(folder: Path, name: str, text: str, **changes: object) -> Path:
    """Write a source pair like those of ../shared/sources/wikinews/<folder>/."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.txt").write_text(text, encoding="utf-8", newline="")
    meta: dict[str, object] = {
        "source_id": name,
        "source_corpus": "a test corpus",
        "title": text.split("\n")[0],
        "url": f"https://en.wikinews.org/wiki/{name}",
        "published": "2008-03-06",
        "publisher": "Wikinews",
        "language": "en",
        "rights": {
            "license": "CC BY 2.5",
            "license_url": "https://creativecommons.org/licenses/by/2.5/",
            "holder": "Wikinews contributors",
            "redistribute": True,
        },
        "text_origin": "rebuilt from tokens; tokenisation artefacts remain to be repaired",
        "topic": "airbus",
        "text_sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
    }
    meta.update(changes)
    path = folder / f"{name}.json"
    path.write_text(json.dumps(meta), encoding="utf-8")
    return path


def test_import_builds_valid_draft_with_provenance(tmp_path: Path) -> None:
    path = source(tmp_path / "wikinews" / "meantime", "meantime-1", TOKENISED)
    item = import_source(path, "test", ["import"])
    assert item.text == REPAIRED
    assert item.doc_id.startswith("2008-03-06-wikinews-")
    assert item.metadata["provenance"]["repairs"] == 7
    assert item.metadata["provenance"]["source_file"] == "wikinews/meantime/meantime-1.txt"
    assert "remain to be repaired" not in item.metadata["provenance"]["text_origin"]
    assert item.metadata["rights"]["license_url"].startswith("https://creativecommons.org/")
    assert item.annotations["status"] == "draft"
    assert all(
        item.annotations[layer] == [] for layer in ("entities", "dates", "figures", "claims")
    )
    assert [s["type"] for s in item.annotations["sections"]] == ["headline", "dateline", "body"]


def test_gum_texts_are_not_repaired(tmp_path: Path) -> None:
    path = source(tmp_path / "wikinews" / "gum", "GUM_news_x", TOKENISED)
    item = import_source(path, "test", ["import"])
    assert item.text == TOKENISED and item.repairs == []


def test_sections_mark_captions_and_a_dateline_that_shares_its_line() -> None:
    text = (
        "Title\nThursday, May 7, 2015 On Tuesday, a flag.\nA photo. Image: NASA.\nMore text.\n"
        "The interview. Audio: Jkthom.\n"
    )
    sections = draft_sections(text)
    assert [(s["type"], s["text"]) for s in sections] == [
        ("headline", "Title"),
        ("dateline", "Thursday, May 7, 2015"),
        ("body", "On Tuesday, a flag."),
        ("caption", "A photo. Image: NASA."),
        ("body", "More text."),
        ("caption", "The interview. Audio: Jkthom."),
    ]


@pytest.mark.parametrize(
    ("change", "pointer"),
    [
        ({"text_sha256": None}, "/text_sha256"),
        ({"rights": {"holder": "Wikinews contributors", "redistribute": True}}, "/rights/license"),
        ({"text_sha256": "0" * 64}, ""),
    ],
)
def test_a_source_without_sha256_or_licence_is_refused(
    tmp_path: Path, change: dict[str, object], pointer: str
) -> None:
    path = source(tmp_path / "wikinews" / "meantime", "meantime-1", TOKENISED, **change)
    with pytest.raises(NewsgoldError) as err:
        import_source(path, "test", ["import"])
    assert err.value.pointer == pointer
    assert err.value.file.endswith("meantime-1.json" if pointer else "meantime-1.txt")


def repo_copy(tmp_path: Path) -> Path:
    """A repository with only the seed article (the import adds to it)."""
    root = tmp_path / "repo"
    for folder in ("corpus", "annotations"):
        (root / folder).mkdir(parents=True)
        for path in (REPO / folder).glob("2025-02-04-themoscowtimes-a87849.*"):
            shutil.copy(path, root / folder / path.name)
    return root


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(SCRIPT), *args], capture_output=True, text=True, check=False
    )


def test_script_imports_once_and_refuses_a_bad_source_without_writing(tmp_path: Path) -> None:
    root = repo_copy(tmp_path)
    sources = tmp_path / "wikinews"
    source(sources / "meantime", "meantime-1", TOKENISED)
    done = run(str(sources), "--root", str(root))
    assert done.returncode == 0, done.stderr
    assert validate(root).ok
    log = json.loads((root / "provenance" / "text-repairs.json").read_text())
    assert len(log["repairs"]) == 7
    assert run(str(sources), "--root", str(root)).returncode == 0  # nothing new: no change
    assert len(json.loads((root / "provenance" / "text-repairs.json").read_text())["repairs"]) == 7
    before = sorted(p.name for p in (root / "corpus").iterdir())
    source(sources / "meantime", "meantime-2", TOKENISED + "x\n", text_sha256="0" * 64)
    bad = run(str(sources), "--root", str(root))
    assert bad.returncode == 1
    assert "meantime-2.txt" in bad.stderr and "sha256" in bad.stderr
    assert "Traceback" not in bad.stderr
    assert sorted(p.name for p in (root / "corpus").iterdir()) == before
