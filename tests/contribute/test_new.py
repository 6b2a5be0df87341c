"""``newsgold new``: messy input normalised and reported, refusals that write nothing."""

from __future__ import annotations

import hashlib
import json
import unicodedata
from pathlib import Path

import pytest
from live_repo import ROOT as REPO
from live_repo import SEED, copy_articles

from newsgold.cli import main
from newsgold.contribute.new import (
    NewArticle,
    add_article,
    article_key,
    derive_doc_id,
    guess_sections,
    normalise_text,
)
from newsgold.errors import NewsgoldError
from newsgold.validate import validate

URL = (
    "https://www.lemonde.fr/international/article/2025/03/01/une-histoire-de-cafe_6512345_3210.html"
)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository holding the seed article, with a split record that lists no article."""
    return copy_articles(tmp_path / "repo", [SEED])


def files(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


# "Café" with a decomposed é (e + U+0301), CRLF line ends, a UTF-8 BOM: what editors on another
# system might hand us.
MESSY = (
    "\ufeff## Une histoire de cafe\u0301\r\n\r\nBy Jeanne Dupont\r\n\r\n"
    "March 1, 2025\r\n\r\nLe cafe\u0301 ferme.\r\nIl ouvre demain.\r\n"
)
CLEAN = (
    "## Une histoire de café\n\nBy Jeanne Dupont\n\n"
    "March 1, 2025\n\nLe café ferme.\nIl ouvre demain.\n"
)


def add(root: Path, tmp_path: Path, raw: bytes, **fields: object) -> tuple[int, str, str]:
    source = tmp_path / "article.txt"
    source.write_bytes(raw)
    argv = [
        "new",
        "--root",
        str(root),
        "--text",
        str(source),
        "--url",
        URL,
        "--published",
        "2025-03-01",
    ]
    for key, value in fields.items():
        argv += [f"--{key.replace('_', '-')}", str(value)]
    return main(argv), "", ""


def test_messy_text_is_normalised_and_the_changes_reported(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, _, _ = add(repo, tmp_path, MESSY.encode("utf-8"), publisher="Le Monde", annotator="ann")
    out = capsys.readouterr().out
    assert status == 0
    # doc_id: date, publisher slug, the URL's article number (the last token of five or more
    # digits in the last path segment; the section number 3210 is too short)
    doc_id = "2025-03-01-lemonde-6512345"
    text = (repo / "corpus" / f"{doc_id}.txt").read_bytes()
    assert text == CLEAN.encode("utf-8")
    assert "removed the UTF-8 byte-order mark" in out
    assert "converted 8 CRLF line end(s) to LF" in out  # 2+2+2+1+1 in MESSY, counted by hand
    assert "composed 2 line(s) to Unicode NFC (first: line 1)" in out
    metadata = json.loads((repo / "corpus" / f"{doc_id}.json").read_text("utf-8"))
    assert metadata["text_sha256"] == hashlib.sha256(CLEAN.encode("utf-8")).hexdigest()
    assert metadata["title"] == "Une histoire de café"  # from the first line, markers dropped
    assert metadata["rights"] == {
        "holder": "Le Monde",
        "license": "all rights reserved",
        "redistribute": False,
    }
    annotations = json.loads((repo / "annotations" / f"{doc_id}.json").read_text("utf-8"))
    assert annotations["status"] == "draft" and annotations["annotators"] == ["ann"]
    assert [s["type"] for s in annotations["sections"]] == [
        "headline",
        "byline",
        "dateline",
        "body",
    ]
    assert all(annotations[layer] == [] for layer in ("entities", "dates", "figures", "claims"))
    assert "next steps:" in out and f"newsgold export labelstudio {doc_id}" in out
    report = validate(repo)
    assert report.ok, [i.line() for i in report.incidents]
    assert report.documents == 2


def test_clean_text_is_stored_unchanged(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        add(
            repo,
            tmp_path,
            CLEAN.encode("utf-8"),
            publisher="Le Monde",
            doc_id="le-monde-cafe",
            split="test",
        )[0]
        == 0
    )
    assert "text changes: none" in capsys.readouterr().out
    assert (repo / "corpus" / "le-monde-cafe.txt").read_bytes() == CLEAN.encode("utf-8")
    assert (
        json.loads((repo / "corpus" / "le-monde-cafe.json").read_text("utf-8"))["split"] == "test"
    )


def test_existing_doc_id_is_refused_and_nothing_written(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = files(repo)
    assert add(repo, tmp_path, CLEAN.encode("utf-8"), doc_id=SEED)[0] == 1
    assert "already in the corpus" in capsys.readouterr().err
    assert files(repo) == before


def test_same_text_under_another_id_is_refused(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seed = (REPO / "corpus" / f"{SEED}.txt").read_bytes()
    before = files(repo)
    # the seed text with CRLF line ends normalises to the very same bytes: still a duplicate
    assert add(repo, tmp_path, seed.replace(b"\n", b"\r\n"), doc_id="another-id")[0] == 1
    err = capsys.readouterr().err
    assert f"corpus/{SEED}.txt" in err and "same text" in err
    assert files(repo) == before


@pytest.mark.parametrize(
    ("raw", "where", "words"),
    [
        (b"Title\nab\x00c\n", "line 2, column 3", "NUL"),
        (b"Title\nok \xff here\n", "line 2, column 4", "0xff at offset 9"),
        ("\ufeffTitle".encode("utf-16-le"), "byte 0", "UTF-16"),
        (b"  \n\n \t\n", "", "empty"),
    ],
)
def test_texts_that_cannot_be_fixed_are_refused_with_their_place(
    raw: bytes, where: str, words: str
) -> None:
    with pytest.raises(NewsgoldError) as caught:
        normalise_text(raw, "article.txt")
    assert caught.value.pointer == where
    assert words in caught.value.message
    assert caught.value.status == 1


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        ("published", "2025-02-30", "not a real date"),
        ("url", "ftp://x.org/a", "http(s)"),
        ("doc_id", "Bad_ID", "not a doc_id"),
    ],
)
def test_bad_usage_exits_2(
    repo: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    field: str,
    value: str,
    words: str,
) -> None:
    source = tmp_path / "a.txt"
    source.write_text(CLEAN, "utf-8")
    argv = [
        "new",
        "--root",
        str(repo),
        "--text",
        str(source),
        "--url",
        URL,
        "--published",
        "2025-03-01",
        f"--{field.replace('_', '-')}",
        value,
    ]
    before = files(repo)
    assert main(argv) == 2
    assert words in capsys.readouterr().err
    assert files(repo) == before


def test_doc_id_derivation() -> None:
    seed_url = (
        "https://www.themoscowtimes.com/2025/02/04/"
        "north-korean-troops-in-russia-not-seen-fighting-since-mid-january-south-korea-says-a87849"
    )
    assert derive_doc_id("2025-02-04", "The Moscow Times", seed_url) == SEED
    assert article_key("https://www.bbc.com/news/world-europe-68123456") == "68123456"
    assert article_key("https://example.org/story/98765/some-title") == "98765"
    assert article_key("https://example.org/read?id=A1B2C3") == "a1b2c3"
    # no number anywhere (the date segments are too short): a short hash of the URL
    plain = "https://www.theguardian.com/world/2025/feb/04/a-story"
    assert article_key(plain) == hashlib.sha256(plain.encode("utf-8")).hexdigest()[:8]
    assert derive_doc_id("2025-01-02", "Süddeutsche Zeitung", plain).startswith(
        "2025-01-02-suddeutschezeitung-"
    )


def test_sections_guessed_on_the_seed_match_its_gold() -> None:
    text = (REPO / "corpus" / f"{SEED}.txt").read_text("utf-8")
    gold = json.loads((REPO / "annotations" / f"{SEED}.json").read_text("utf-8"))["sections"]
    assert guess_sections(text) == gold


def test_sections_cover_every_character_of_an_unstructured_text() -> None:
    text = "\n  First paragraph, no headline marker.\nSecond line.\n\n\nAnother paragraph.  \n"
    sections = guess_sections(text)
    # a first paragraph of two lines is not a headline: one body section from the first to the
    # last non-whitespace character
    start, end = text.index("First"), text.rindex("paragraph.") + len("paragraph.")
    assert sections == [
        {"id": "s1", "type": "body", "start": start, "end": end, "text": text[start:end]}
    ]


def test_library_call_returns_what_it_wrote(repo: Path, tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_text(unicodedata.normalize("NFD", CLEAN), "utf-8")
    added = add_article(repo, NewArticle(source, URL, "2025-03-01", annotators=["x"]))
    assert added.doc_id == "2025-03-01-lemondefr-6512345"  # publisher from the host: lemonde.fr
    assert added.files == [
        f"corpus/{added.doc_id}.txt",
        f"corpus/{added.doc_id}.json",
        f"annotations/{added.doc_id}.json",
    ]
    assert any("publisher 'lemonde.fr' taken from the URL" in a for a in added.assumed)
    assert "split 'test': what provenance/splits.json gives the doc_id" in added.assumed


DOC = "2025-03-01-lemonde-6512345"  # what MESSY at URL by Le Monde becomes


def test_a_new_article_is_test_unless_the_split_record_lists_it(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # No train split any more: the record lists validation, every other article is test.
    assert add(repo, tmp_path, CLEAN.encode("utf-8"), publisher="Le Monde")[0] == 0
    assert json.loads((repo / "corpus" / f"{DOC}.json").read_text("utf-8"))["split"] == "test"
    assert "split 'test': what provenance/splits.json gives the doc_id" in capsys.readouterr().out
    assert validate(repo).ok
    # Listed in the record first, the same article is validation.
    other = copy_articles(tmp_path / "other", [SEED])
    record_path = other / "provenance" / "splits.json"
    record = json.loads(record_path.read_text("utf-8"))
    record_path.write_text(json.dumps({**record, "validation": [DOC]}), "utf-8")
    assert add(other, tmp_path, CLEAN.encode("utf-8"), publisher="Le Monde")[0] == 0
    metadata = json.loads((other / "corpus" / f"{DOC}.json").read_text("utf-8"))
    assert metadata["split"] == "validation"
    assert validate(other).ok


def test_a_split_the_record_does_not_give_is_refused(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = files(repo)
    status, _, _ = add(
        repo, tmp_path, CLEAN.encode("utf-8"), publisher="Le Monde", split="validation"
    )
    assert status == 2
    err = capsys.readouterr().err
    assert f"provenance/splits.json gives '{DOC}' the split 'test'" in err
    assert "nothing was written" in err
    assert files(repo) == before
    with pytest.raises(SystemExit) as caught:  # argparse: train is no choice any more
        add(repo, tmp_path, CLEAN.encode("utf-8"), split="train")
    assert caught.value.code == 2
    assert "invalid choice: 'train'" in capsys.readouterr().err
    assert files(repo) == before
