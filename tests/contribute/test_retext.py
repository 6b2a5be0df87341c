"""``newsgold retext``: annotations carried to a corrected text, or refused with nothing written."""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import tempfile
from pathlib import Path
from typing import Any

import pytest
from article_repo import ArticleRepo
from hypothesis import given, settings
from hypothesis import strategies as st

from newsgold.cli import main
from newsgold.contribute.retext import align
from newsgold.validate import validate

DOC = "2025-03-04-example-1"
# 2025-03-04 is a Tuesday: "Friday" is 2025-02-28, "April" 2025-04.
TEXT = (
    "## Paris talks resume\n\n"
    "By Ann Lee\n\n"
    "March 4, 2025\n\n"
    "Officials said on Friday that 300 guests left Paris. It rained all day. "
    "Marie Dubois said the talks would resume in April.\n\n"
    "## Original url:\n\n"
    "https://example.org/2025/03/04/talks-1\n"
)


def annotate(repo: ArticleRepo) -> None:
    """The fixture article: 3 entities, 3 dates, 1 figure, 2 claims, 5 guessed sections."""
    r = repo
    repo.add(
        DOC,
        TEXT,
        entities=[
            r.entity(TEXT, "Paris", "GPE", "paris"),
            r.entity(TEXT, "Paris", "GPE", "paris", nth=1),
            r.entity(TEXT, "Marie Dubois", "PERSON", "marie-dubois"),
        ],
        dates=[
            r.date(TEXT, "March 4, 2025", "2025-03-04", function="CREATION_TIME"),
            r.date(TEXT, "Friday", "2025-02-28", anchor="t1"),
            r.date(TEXT, "April", "2025-04", anchor="t1"),
        ],
        figures=[r.figure(TEXT, "300 guests", 300, "guests")],
        claims=[
            r.claim(
                TEXT,
                "300 guests left Paris",
                source=("Officials", 0, None),
                cue=("said", 0),
                quote="indirect",
                reported_on="t2",
            ),
            r.claim(
                TEXT,
                "the talks would resume in April",
                source=("Marie Dubois", 0, "marie-dubois"),
                cue=("said", 1),
                quote="indirect",
            ),
        ],
    )


@pytest.fixture
def repo(tmp_path: Path) -> ArticleRepo:
    made = ArticleRepo(tmp_path / "repo")
    annotate(made)
    assert validate(made.root).ok
    return made


def retext(repo: ArticleRepo, tmp_path: Path, new: str | bytes, *options: str) -> int:
    source = tmp_path / "fixed.txt"
    source.write_bytes(new.encode("utf-8") if isinstance(new, str) else new)
    return main(["retext", DOC, "--root", str(repo.root), "--text", str(source), *options])


def stored(repo: ArticleRepo) -> tuple[str, dict[str, Any], dict[str, Any]]:
    text = (repo.root / "corpus" / f"{DOC}.txt").read_text("utf-8")
    meta = json.loads((repo.root / "corpus" / f"{DOC}.json").read_text("utf-8"))
    ann = json.loads((repo.root / "annotations" / f"{DOC}.json").read_text("utf-8"))
    return text, meta, ann


def offsets(ann: dict[str, Any]) -> dict[str, tuple[int, int]]:
    """Every span's (start, end) by id; claim sources and cues as '<claim> source|cue'."""
    out = {}
    for layer in ("sections", "entities", "dates", "figures", "claims"):
        for span in ann[layer]:
            out[span["id"]] = (span["start"], span["end"])
            for part in ("source", "cue"):
                if layer == "claims" and span[part]:
                    out[f"{span['id']} {part}"] = (span[part]["start"], span[part]["end"])
    return out


def test_insertion_before_spans_shifts_them_and_updates_both_checksums(
    repo: ArticleRepo, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, _, before = stored(repo)
    old = offsets(before)
    new_text = TEXT.replace("## Paris talks", "## Paris peace talks")  # 6 characters, headline
    assert retext(repo, tmp_path, new_text) == 0
    text, meta, ann = stored(repo)
    assert text == new_text
    digest = hashlib.sha256(new_text.encode("utf-8")).hexdigest()
    assert meta["text_sha256"] == digest and ann["text_sha256"] == digest
    new = offsets(ann)
    # "Paris" of the headline (3:8) lies before the insertion at 9: unmoved; the headline
    # section grows by 6; everything after it moves by 6.
    assert new["e1"] == old["e1"] == (3, 8)
    assert new["s1"] == (0, 27) and old["s1"] == (0, 21)
    for key in old:
        if key not in {"e1", "s1"}:
            assert new[key] == (old[key][0] + 6, old[key][1] + 6), key
    assert ann["sections"][0]["text"] == "## Paris peace talks resume"
    assert ann["claims"][0]["dates"] == [] and ann["claims"][0]["figures"] == ["f1"]
    assert ann["claims"][1]["dates"] == ["t3"]
    assert validate(repo.root).ok
    out = capsys.readouterr().out
    assert "1 edit(s)" in out
    assert f"the headline changed: check the title in corpus/{DOC}.json" in out


def test_deletion_between_spans_shifts_them_back(repo: ArticleRepo, tmp_path: Path) -> None:
    _, _, before = stored(repo)
    old = offsets(before)
    cut = "It rained all day. "  # 19 characters between the two sentences of the body
    assert retext(repo, tmp_path, TEXT.replace(cut, "")) == 0
    _, _, ann = stored(repo)
    new = offsets(ann)
    cut_at = TEXT.index(cut)
    for key, (start, end) in old.items():
        if start >= cut_at + len(cut):  # after the cut: 19 back
            assert new[key] == (start - 19, end - 19), key
        elif end <= cut_at:  # before it: unmoved
            assert new[key] == (start, end), key
    body = ann["sections"][3]
    assert body["type"] == "body" and body["end"] == before["sections"][3]["end"] - 19
    assert "It rained" not in body["text"]
    assert validate(repo.root).ok


def test_an_edit_inside_a_body_section_resizes_it(repo: ArticleRepo, tmp_path: Path) -> None:
    assert retext(repo, tmp_path, TEXT.replace("all day", "all night")) == 0
    _, _, ann = stored(repo)
    body = ann["sections"][3]
    assert body["text"].endswith(
        "It rained all night. Marie Dubois said the talks would resume in April."
    )
    marie = ann["entities"][2]
    assert marie["start"] == TEXT.index("Marie Dubois") + 2  # "night" is 2 longer than "day"
    assert validate(repo.root).ok


def test_an_edit_inside_a_span_is_refused_naming_it_and_nothing_is_written(
    repo: ArticleRepo, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = repo.files()
    assert retext(repo, tmp_path, TEXT.replace("Marie Dubois", "Marie Duval")) == 1
    err = capsys.readouterr().err
    assert repo.files() == before
    start = TEXT.index("Marie Dubois")
    ann_file = f"annotations/{DOC}.json"
    # the entity and the claim source over the same words, each located and quoted
    assert (
        f"{ann_file}:/entities/2: e3 'Marie Dubois' ({start}:{start + 12}): "
        "the new text has 'Marie Duval' there ('Dubois' → 'Duval' (line 7))" in err
    )
    assert f"{ann_file}:/claims/1/source: c2 source 'Marie Dubois'" in err
    assert "nothing was written" in err and "Traceback" not in err


def test_an_edit_inside_a_claim_is_refused_unless_allowed(
    repo: ArticleRepo, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    new_text = TEXT.replace("talks would resume", "talks would surely resume")
    before = repo.files()
    assert retext(repo, tmp_path, new_text) == 1
    err = capsys.readouterr().err
    assert f"annotations/{DOC}.json:/claims/1: c2 'the talks would resume in April'" in err
    assert "--allow-claim-edits" in err
    assert repo.files() == before
    assert retext(repo, tmp_path, new_text, "--allow-claim-edits") == 0
    out = capsys.readouterr().out
    assert "claim c2 content" in out and "quote, certainty and polarity" in out
    _, _, ann = stored(repo)
    claim = ann["claims"][1]
    assert claim["text"] == "the talks would surely resume in April"
    assert claim["end"] - claim["start"] == len("the talks would resume in April") + 7
    assert claim["dates"] == ["t3"] and ann["dates"][2]["start"] == TEXT.index("April") + 7
    assert validate(repo.root).ok


def test_an_edit_of_a_claims_first_word_is_refused_even_when_claim_edits_are_allowed(
    repo: ArticleRepo, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    new_text = TEXT.replace("the talks would", "these talks would")
    before = repo.files()
    assert retext(repo, tmp_path, new_text, "--allow-claim-edits") == 1
    assert "first or last word of the claim's content" in capsys.readouterr().err
    assert repo.files() == before


def test_a_new_paragraph_joins_the_body_before_it(
    repo: ArticleRepo, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    added = "resume in April.\n\nMore rain is expected."
    assert retext(repo, tmp_path, TEXT.replace("resume in April.", added)) == 0
    assert "joins section s4 (body)" in capsys.readouterr().out
    text, _, ann = stored(repo)
    assert ann["sections"][3]["text"].endswith("\n\nMore rain is expected.")
    assert ann["sections"][4]["start"] == text.index("## Original url:")
    assert validate(repo.root).ok


def test_new_text_outside_every_section_is_refused(
    repo: ArticleRepo, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = repo.files()
    # a paragraph before the headline: no body next to it, so no section can take it
    assert retext(repo, tmp_path, "Breaking\n\n" + TEXT) == 1
    err = capsys.readouterr().err
    assert "'Breaking' at line 1 lies outside every section (next to s1 (headline))" in err
    assert repo.files() == before


def test_dry_run_lists_the_moves_and_writes_nothing(
    repo: ArticleRepo, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = repo.files()
    new_text = TEXT.replace("## Paris talks", "## Paris peace talks")
    assert retext(repo, tmp_path, new_text, "--dry-run") == 0
    out = capsys.readouterr().out
    assert repo.files() == before
    start = TEXT.index("Marie Dubois")
    assert f"/entities/2 e3: {start}:{start + 12} → {start + 6}:{start + 18}" in out
    assert "dry run: nothing written" in out


def test_json_summary(
    repo: ArticleRepo, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    new_text = TEXT.replace("## Paris talks", "## Paris peace talks")
    assert retext(repo, tmp_path, new_text, "--dry-run", "--format", "json") == 0
    data = json.loads(capsys.readouterr().out)
    assert data["changed"] is True and data["dry_run"] is True and data["written"] == []
    assert data["edits"] == [
        {
            "old_start": 9,
            "old_end": 9,
            "new_start": 9,
            "new_end": 15,
            "old_text": "",
            "new_text": "peace ",
            "line": 1,
        }
    ]
    # 3 entities + 3 dates + 1 figure + 2 claims with a source and a cue each = 13 spans, of
    # which all but e1 shift; and the 5 sections (s1 resized, 4 shifted): 17 moved, 1 unchanged
    assert data["unchanged"] == 1 and len(data["moved"]) == 17
    by_id = {m["id"]: m for m in data["moved"]}
    assert by_id["s1"]["old_end"] == 21 and by_id["s1"]["new_end"] == 27
    assert by_id["s1"]["text_changed"] is True and by_id["e3"]["shift"] == 6


def test_identical_text_is_a_no_op(
    repo: ArticleRepo, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = repo.files()
    # with CRLF line ends it normalises to the very same text
    assert retext(repo, tmp_path, TEXT.replace("\n", "\r\n").encode("utf-8")) == 0
    out = capsys.readouterr().out
    assert "converted 11 CRLF line end(s) to LF" in out  # 2+2+2+2+2+1 line ends in TEXT
    assert "nothing to do" in out
    assert repo.files() == before


def test_changing_the_text_back_restores_every_file(repo: ArticleRepo, tmp_path: Path) -> None:
    before = repo.files()
    assert retext(repo, tmp_path, TEXT.replace("It rained all day. ", "")) == 0
    assert repo.files() != before
    assert retext(repo, tmp_path, TEXT) == 0
    assert repo.files() == before


def test_unknown_doc_id_is_bad_usage(
    repo: ArticleRepo, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "fixed.txt"
    source.write_text(TEXT, "utf-8")
    argv = ["retext", "2025-01-01-nope-9", "--root", str(repo.root), "--text", str(source)]
    assert main(argv) == 2
    assert "unknown doc_id '2025-01-01-nope-9'" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("raw", "status", "words"),
    [
        (None, 2, "cannot read the text"),  # no such file
        (b"## Paris\n\nok \xff here\n", 1, "0xff at offset 13 is not UTF-8"),
        (b"  \n\n", 1, "empty or only whitespace"),
    ],
)
def test_unreadable_text_is_refused(
    repo: ArticleRepo,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    raw: bytes | None,
    status: int,
    words: str,
) -> None:
    before = repo.files()
    source = tmp_path / "fixed.txt"
    if raw is not None:
        source.write_bytes(raw)
    argv = ["retext", DOC, "--root", str(repo.root), "--text", str(source)]
    assert main(argv) == status
    err = capsys.readouterr().err
    assert words in err and str(source) in err
    assert repo.files() == before


def test_the_corpus_text_itself_is_refused(
    repo: ArticleRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    text_file = repo.root / "corpus" / f"{DOC}.txt"
    argv = ["retext", DOC, "--root", str(repo.root), "--text", str(text_file)]
    assert main(argv) == 2
    assert "edit a copy" in capsys.readouterr().err


def test_a_text_edited_in_place_is_refused_with_how_to_recover(
    repo: ArticleRepo, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (repo.root / "corpus" / f"{DOC}.txt").write_text(TEXT.replace("day", "night"), "utf-8")
    before = repo.files()
    assert retext(repo, tmp_path, TEXT) == 1
    err = capsys.readouterr().err
    assert "edited in place?" in err and "text-sha256-mismatch" in err
    assert repo.files() == before


def test_alignment_edits_whole_words_and_covers_both_texts() -> None:
    old, new = "in the Kursk region.", "in the Kharkiv region!"
    ops = align(old, new)
    # the changed word is one edit, not letters borrowed from "Kursk"
    assert ops == [
        ("equal", 0, 7, 0, 7),
        ("replace", 7, 12, 7, 14),
        ("equal", 12, 19, 14, 21),
        ("replace", 19, 20, 21, 22),
    ]


@settings(max_examples=40, deadline=None)
@given(st.data())
def test_any_insertion_is_carried_and_undone_or_refused_with_nothing_written(
    data: st.DataObject,
) -> None:
    # an insertion at any offset, of a word, a space or a line end
    at_offset = data.draw(st.integers(0, len(TEXT)))
    piece = data.draw(st.sampled_from(["new ", " ", "\n", "x", ", "]))
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        repo = ArticleRepo(tmp / "repo")
        annotate(repo)
        before = repo.files()
        new_text = TEXT[:at_offset] + piece + TEXT[at_offset:]
        source = tmp / "fixed.txt"
        source.write_text(new_text, "utf-8")
        argv = ["retext", DOC, "--root", str(repo.root), "--text", str(source)]
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            status = main(argv)
            if status == 0:
                assert validate(repo.root).ok
                assert (repo.root / "corpus" / f"{DOC}.txt").read_text("utf-8") == new_text
                source.write_text(TEXT, "utf-8")
                assert main(argv) == 0
        assert status in {0, 1}
        assert repo.files() == before  # restored, or never changed
