"""build_view and ``newsgold view``: pages, counts, escaping, the overlay, errors, atomic output."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from view_fixtures import (
    HOSTILE,
    HOSTILE_TEXT,
    HOSTILE_URL,
    SEED,
    Page,
    hostile_annotations,
    hostile_predictions,
    write_doc,
)

from newsgold.cli import main
from newsgold.errors import NewsgoldError
from newsgold.view import build_view


def parse(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text("utf-8"))
    page.close()
    return page


def test_pages_and_index(repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    result = build_view(repo, out=out)
    assert result.files == [f"articles/{SEED}.html", f"articles/{HOSTILE}.html", "index.html"]
    # Seed counts read off annotations/<seed>.json (8 sections, 47 entities, 11 dates, 2 figures,
    # 14 claims) plus the hostile article's 2, 4, 1, 1, 3.
    assert result.counts == {
        "sections": 10,
        "entities": 51,
        "dates": 12,
        "figures": 3,
        "claims": 17,
    }
    index = parse(out / "index.html")
    links = [a["href"] for tag, a in index.tags if tag == "a"]
    assert links == [f"articles/{SEED}.html", f"articles/{HOSTILE}.html"]
    raw = (out / "index.html").read_text("utf-8")
    assert '<td class="num">47</td>' in raw and '<td class="num">51</td>' in raw


def test_article_text_is_preserved_exactly(repo: Path, tmp_path: Path) -> None:
    build_view(repo, out=tmp_path / "site")
    for doc_id in (SEED, HOSTILE):
        page = parse(tmp_path / "site" / "articles" / f"{doc_id}.html")
        text = (repo / "corpus" / f"{doc_id}.txt").read_text("utf-8")
        assert page.text == text  # leading blank lines, line breaks, markup characters


def test_hostile_text_title_and_claims_are_escaped(repo: Path, tmp_path: Path) -> None:
    build_view(repo, out=tmp_path / "site")
    path = tmp_path / "site" / "articles" / f"{HOSTILE}.html"
    raw = path.read_text("utf-8")
    page = parse(path)
    assert [tag for tag, _ in page.tags].count("script") == 1  # ours, at the end
    assert "<b>deal" not in raw and "<script>alert" not in raw
    assert (
        "<title>&lt;script&gt;alert(&quot;title&quot;)&lt;/script&gt; Acme &amp; &quot;Sons&quot;"
        in raw
    )
    for _, attrs in page.tags:
        assert not any(name.startswith("on") for name in attrs)
    # The claim with markup and quotes in its content: tooltip and list keep them as text.
    content = page.marks(data_claim="c1", data_role="content")
    assert len(content) == 1
    assert content[0]["data-refs"] == "t1"  # reported_on
    cue = page.marks(data_claim="c1", data_role="cue")[0]
    assert "of: “the <b>deal</b> is dead”" in cue["data-tip"]
    assert "“the &lt;b&gt;deal&lt;/b&gt; is dead”" in raw
    # The source URL: the only absolute URL, as a link, its & escaped.
    absolute = [v for _, a in page.tags for k, v in a.items() if k in {"href", "src"} and ":" in v]
    assert absolute == [HOSTILE_URL]
    assert 'href="https://example.org/news/1?a=1&amp;b=2"' in raw


def test_marks_carry_types_values_and_links(repo: Path, tmp_path: Path) -> None:
    build_view(repo, [SEED], out=tmp_path / "site")
    page = parse(tmp_path / "site" / "articles" / f"{SEED}.html")
    # Values below are read off annotations/<seed>.json.
    russia = page.marks(data_id="e2")[0]
    assert russia["data-type"] == "GPE" and russia["data-entity"] == "russia"
    assert "wikidata: Q159" in russia["data-tip"]
    mid = page.marks(data_id="t1")[0]
    assert (mid["data-value"], mid["data-mod"]) == ("2025-01", "MID")
    troops = page.marks(data_id="f2")[0]
    assert (troops["data-value"], troops["data-unit"], troops["data-modifier"]) == (
        "10000",
        "troops",
        "MORE_THAN",
    )
    c2 = page.marks(data_claim="c2", data_role="content")[0]
    assert c2["data-refs"] == "t4 t5"  # dates [t4], reported_on t5
    assert (c2["data-quote"], c2["data-certainty"], c2["data-polarity"]) == (
        "indirect",
        "hedged",
        "positive",
    )
    assert "reported on: t5 “Tuesday” = 2025-02-04" in c2["data-tip"]
    assert [m["class"] for m in page.marks(data_claim="c2")] == [
        "m clm clm-content",
        "m clm clm-source",
        "m clm clm-cue",
    ]
    headline = page.marks(data_id="s1")[0]
    assert headline["class"] == "m sec sec-headline" and headline["data-label"] == "headline"


def test_crossing_gold_spans_are_split(repo: Path, tmp_path: Path) -> None:
    # c3 '"Sons" sues O' ends inside the entity e2 "O'Neil": e2 is drawn in two fragments.
    build_view(repo, [HOSTILE], out=tmp_path / "site")
    page = parse(tmp_path / "site" / "articles" / f"{HOSTILE}.html")
    fragments = page.marks(data_id="e2")
    assert [f["class"] for f in fragments] == ["m ent ent-PERSON", "m ent ent-PERSON cont"]


def test_overlay_against_hand_worked_counts(repo: Path, tmp_path: Path) -> None:
    predictions = tmp_path / "pred.jsonl"
    predictions.write_text(json.dumps(hostile_predictions()) + "\n", "utf-8")
    result = build_view(repo, out=tmp_path / "site", predictions=predictions)
    # Worked out in conftest.hostile_predictions: entities e1, e4 correct; e2, e3 missed; the
    # PERSON "Acme" and "reporters" spurious. t1 correct (value differs). f1 missed. Claims: c2
    # correct; c1, c3 missed; "Acme said on Monday" spurious.
    assert result.statuses == {
        "entities": {"correct": 2, "missed": 2, "spurious": 2},
        "dates": {"correct": 1, "missed": 0, "spurious": 0},
        "figures": {"correct": 0, "missed": 1, "spurious": 0},
        "claims": {"correct": 1, "missed": 2, "spurious": 1},
    }
    page = parse(tmp_path / "site" / "articles" / f"{HOSTILE}.html")
    assert {m["data-id"]: m["data-status"] for m in page.marks(data_layer="entities")} == {
        "e1": "correct",
        "e2": "missed",
        "e3": "missed",
        "e4": "correct",
        "p-entities-1": "spurious",
        "p-entities-3": "spurious",
    }
    monday = page.marks(data_id="t1")[0]
    assert monday["data-diff"] == "value" and "diff" in monday["class"].split()
    assert "predicted value: 2025-03-10 (gold: 2025-03-03)" in monday["data-tip"]
    spurious_claim = page.marks(data_claim="p-claims-1")
    assert [m["data-role"] for m in spurious_claim] == ["content", "source", "cue"]
    assert all(m["data-status"] == "spurious" for m in spurious_claim)
    raw = (tmp_path / "site" / "articles" / f"{HOSTILE}.html").read_text("utf-8")
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt; sys" in raw  # the system name
    # The claims panel counts and lists the 3 gold claims; the spurious one is listed apart.
    panels = {a["id"] for t, a in page.tags if t == "section" and a.get("id")}
    assert {"claims", "spurious-claims"} <= panels
    assert "<h2>Claims (3)</h2>" in raw and "<h2>Spurious predicted claims (1)</h2>" in raw
    gold_list, spurious_list = raw.split('<section class="panel" id="claims">')[1].split(
        'id="spurious-claims"'
    )
    assert gold_list.count('class="claim-item') == 3 and "p-claims-1" not in gold_list
    assert (
        spurious_list.count('class="claim-item') == 1 and 'data-claim="p-claims-1"' in spurious_list
    )
    seed_page = (tmp_path / "site" / "articles" / f"{SEED}.html").read_text("utf-8")
    assert 'id="spurious-claims"' not in seed_page  # no predictions for it: no such panel
    seed = (tmp_path / "site" / "articles" / f"{SEED}.html").read_text("utf-8")
    assert "No line for this document in the predictions file" in seed
    assert 'data-status="' not in seed


def test_incorrect_pairs_are_linked(repo: Path, tmp_path: Path) -> None:
    predictions = tmp_path / "pred.jsonl"
    predictions.write_text(json.dumps(hostile_predictions()) + "\n", "utf-8")
    build_view(repo, [HOSTILE], out=tmp_path / "site", predictions=predictions)
    page = parse(tmp_path / "site" / "articles" / f"{HOSTILE}.html")
    # By hand from view_fixtures: the PERSON "Acme" (prediction 1) has e3's offsets with another
    # type, the one incorrect pair under strict; nothing else predicted overlaps a missed span.
    # Its offsets: the headline is 57 code points (8 + 14 + 9 + 1 + 4 + 3 + 6 + 6 + 6), then two
    # line ends, so the second "Acme" is 59:63.
    near = {m["data-id"]: m.get("data-near") for m in page.marks(data_layer="entities")}
    assert near == {
        "e1": None,
        "e2": None,
        "e3": "p-entities-1",
        "e4": None,
        "p-entities-1": "e3",
        "p-entities-3": None,
    }
    e3 = page.marks(data_id="e3")[0]
    assert "incorrect pair with predicted PERSON at 59:63" in e3["data-tip"]
    guess = page.marks(data_id="p-entities-1")[0]
    assert "incorrect pair with gold entity e3 ORG at 59:63" in guess["data-tip"]
    assert not any("data-near" in m for m in page.marks(data_layer="claims"))


def test_validation_incidents_are_shown_not_fatal(repo: Path, tmp_path: Path) -> None:
    layers = hostile_annotations()
    layers["sections"] = layers["sections"][:1]  # the body lies in no section: section-gap (L3)
    write_doc(repo, HOSTILE, HOSTILE_TEXT, layers)
    build_view(repo, [HOSTILE], out=tmp_path / "site")
    raw = (tmp_path / "site" / "articles" / f"{HOSTILE}.html").read_text("utf-8")
    assert 'id="incidents"' in raw and "section-gap" in raw


def test_schema_errors_refuse_to_draw(repo: Path, tmp_path: Path) -> None:
    layers = hostile_annotations()
    layers["entities"][0]["type"] = "CITY"
    write_doc(repo, HOSTILE, HOSTILE_TEXT, layers)
    with pytest.raises(NewsgoldError) as caught:
        build_view(repo, out=tmp_path / "site")
    assert caught.value.file == f"annotations/{HOSTILE}.json"
    assert caught.value.pointer == "/entities/0/type"
    assert not (tmp_path / "site").exists()


def test_gold_span_out_of_range_is_located(repo: Path, tmp_path: Path) -> None:
    layers = hostile_annotations()
    layers["entities"][1]["end"] = 10_000  # L3 span-out-of-range: drawn pages would lie
    write_doc(repo, HOSTILE, HOSTILE_TEXT, layers)
    with pytest.raises(NewsgoldError) as caught:
        build_view(repo, [HOSTILE], out=tmp_path / "site")
    assert (caught.value.file, caught.value.pointer) == (
        f"annotations/{HOSTILE}.json",
        "/entities/1",
    )


def test_unknown_doc_id_and_bad_out_are_usage_errors(repo: Path, tmp_path: Path) -> None:
    with pytest.raises(NewsgoldError) as caught:
        build_view(repo, ["no-such-doc"], out=tmp_path / "site")
    assert caught.value.status == 2
    with pytest.raises(NewsgoldError) as caught:
        build_view(repo, out=repo / "corpus" / "pages")
    assert caught.value.status == 2
    (tmp_path / "file").write_text("x")
    with pytest.raises(NewsgoldError) as caught:
        build_view(repo, out=tmp_path / "file")
    assert caught.value.status == 2


def test_predictions_for_unknown_documents_are_located(repo: Path, tmp_path: Path) -> None:
    predictions = tmp_path / "pred.jsonl"
    predictions.write_text('{"doc_id": "' + SEED + '"}\n{"doc_id": "elsewhere"}\n', "utf-8")
    with pytest.raises(NewsgoldError) as caught:
        build_view(repo, out=tmp_path / "site", predictions=predictions)
    assert caught.value.pointer == "line 2/doc_id"


def test_existing_output_is_updated_file_by_file(repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build_view(repo, [SEED], out=out)
    (out / "notes.txt").write_text("mine")
    before = (out / "index.html").read_text("utf-8")
    build_view(repo, out=out)
    assert (out / "notes.txt").read_text() == "mine"  # not ours: left alone
    assert (out / "index.html").read_text("utf-8") != before  # now lists both articles
    assert (out / "articles" / f"{HOSTILE}.html").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["repo", "site"]  # no staging left


def test_failed_run_leaves_existing_output_untouched(repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build_view(repo, [SEED], out=out)
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    bad = tmp_path / "pred.jsonl"
    bad.write_text(
        '{"doc_id": "' + HOSTILE + '", "entities": [{"start": 0, "end": 999, "type": "ORG"}]}\n'
    )
    with pytest.raises(NewsgoldError):
        build_view(repo, out=out, predictions=bad)
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pred.jsonl", "repo", "site"]


def test_cli(repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    predictions = tmp_path / "pred.jsonl"
    predictions.write_text(json.dumps(hostile_predictions()) + "\n", "utf-8")
    out = tmp_path / "site"
    status = main(
        ["view", "--root", str(repo), "--out", str(out), "--predictions", str(predictions)]
    )
    printed = capsys.readouterr().out
    assert status == 0
    assert "wrote 2 article page(s)" in printed
    assert "predictions: 4 correct, 5 missed, 3 spurious" in printed  # sums of the hand counts
    assert (out / "index.html").as_uri() in printed


def test_cli_errors(repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "pred.jsonl"
    bad.write_text('{"doc_id": "' + SEED + '"}\n{"doc_id": \n', "utf-8")
    assert (
        main(["view", "--root", str(repo), "--out", str(tmp_path / "s"), "--predictions", str(bad)])
        == 1
    )
    err = capsys.readouterr().err
    assert err.startswith(f"newsgold view: {bad}:line 2: invalid JSON")
    assert "Traceback" not in err
    assert main(["view", "--root", str(repo), "--out", str(tmp_path / "s"), "nope"]) == 2
    assert "unknown doc_id 'nope'" in capsys.readouterr().err
    assert not (tmp_path / "s").exists()


def test_unwritable_output_is_an_error_not_a_traceback(repo: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where a folder would have to be")
    with pytest.raises(NewsgoldError, match="cannot write the pages"):
        build_view(repo, [SEED], out=blocker / "site")
