"""How messages show text (issue 13): cuts marked with …, whitespace visible, the difference shown."""

from __future__ import annotations

import json
from pathlib import Path

from newsgold.corpus import LAYERS
from newsgold.formats.common import a_noun
from newsgold.scoring.predictions import check_predictions
from newsgold.scoring.report import score_table
from newsgold.scoring.score import ScoreResult
from newsgold.shown import contrast, quoted
from newsgold.validate.document import check_document
from newsgold.validate.files import LoadedDoc
from newsgold.view.page import index_page

# 61 characters: "The " 0-3, "Marlow " 4-10, "Harbour " 11-18, "Authority " 19-28, "on " 29-31,
# "Friday " 32-38, "approved " 39-47, "a " 48-49, "€45 " 50-53, "million" 54-60.
LEAD = "The Marlow Harbour Authority on Friday approved a €45 million"


def test_last_character_changed_is_shown_where_it_differs() -> None:
    # They differ at index 60; the window is 40..61: "pproved a €45 million", cut before only.
    said, actual, where = contrast(LEAD[:-1] + "N", LEAD)
    assert said == "…'pproved a €45 millioN'"
    assert actual == "…'pproved a €45 million'"
    assert where == "they first differ at character 61"


def test_difference_in_the_middle_is_cut_on_both_sides() -> None:
    # "Harbour" is 11-17; "Harbor" differs at index 16 ('r' vs 'u'): window 0..36, end cut.
    said, actual, _ = contrast(LEAD.replace("Harbour", "Harbor"), LEAD)
    assert said == "'The Marlow Harbor Authority on Frida'…"
    assert actual == "'The Marlow Harbour Authority on Frid'…"
    # "Friday" -> "Fridays": index 38 ' ' vs 's'; window 18..58.
    said, actual, where = contrast(LEAD, LEAD.replace("Friday", "Fridays"))
    assert said == "…' Authority on Friday approved a €45 mill'…"
    assert actual == "…' Authority on Fridays approved a €45 mil'…"
    assert where == "they first differ at character 39"


def test_trailing_whitespace_is_visible() -> None:
    said, actual, where = contrast("Kursk", "Kursk ")
    assert (said, actual, where) == ("'Kursk'", "'Kursk '", "they first differ at character 6")
    assert contrast("Kursk\xa0", "Kursk ")[:2] == ("'Kursk\\xa0'", "'Kursk '")


def test_one_long_string_keeps_both_ends() -> None:
    # 62 characters, over 60: the first 30 ("... Authority o") and the last 30 ("Friday ...\n").
    assert (
        quoted(LEAD + "\n") == "'The Marlow Harbour Authority o'…'Friday approved a €45 million\\n'"
    )
    assert quoted("Kursk ") == "'Kursk '"


EMPTY = {layer: [] for layer in LAYERS}


def _incidents(text: str, sections: list[dict], entities: list[dict]) -> list[str]:
    doc = LoadedDoc(
        "d",
        text=text,
        metadata={"doc_id": "d"},
        annotations={**EMPTY, "doc_id": "d", "sections": sections, "entities": entities},
        files={"annotations": "a.json", "metadata": "m.json"},
    )
    return [f"{i.id}: {i.message}" for i in check_document(doc) if i.id.startswith("span-")]


def test_validator_shows_the_changed_last_character_and_the_trailing_whitespace() -> None:
    text = LEAD + "\nKursk \n"  # "Kursk " is 62..67
    section = {"id": "s1", "start": 0, "end": 61, "text": LEAD[:-1] + "N", "type": "body"}
    entity = {
        "id": "e1",
        "start": 62,
        "end": 68,
        "text": "Kursk ",
        "type": "GPE",
        "entity_id": "kursk",
    }
    assert _incidents(text, [section], [entity]) == [
        "span-text-mismatch: text is …'pproved a €45 millioN'; the text at 0:61 is "
        "…'pproved a €45 million' (they first differ at character 61)",
        "span-whitespace-edge: span 'Kursk ' starts or ends with whitespace; trim it",
    ]


def test_prediction_text_mismatch_shows_the_difference(tmp_path: Path) -> None:
    path = tmp_path / "pred.jsonl"
    span = {"start": 0, "end": 61, "text": LEAD[:-1] + "N", "type": "ORG"}
    path.write_text(json.dumps({"doc_id": "d", "entities": [span]}) + "\n", "utf-8")
    found = check_predictions(path, {"d": LEAD})[1]
    assert [p.message for p in found] == [
        "text is …'pproved a €45 millioN'; the text at 0:61 is …'pproved a €45 million' "
        "(they first differ at character 61); expected offsets in code points (not UTF-16 "
        "units or bytes)"
    ]


def test_predictions_written_as_one_array_say_so(tmp_path: Path) -> None:
    path = tmp_path / "pred.jsonl"
    path.write_text(json.dumps([{"doc_id": "d"}]) + "\n", "utf-8")
    found = check_predictions(path, {"d": LEAD})[1]
    assert [(p.where(), p.message) for p in found] == [
        (
            "line 1",
            "the line is a JSON array where an object was expected; predictions must be JSON "
            "Lines, one object per document on its own line, not one array of them",
        )
    ]
    path.write_text(json.dumps([{"doc_id": "d"}], indent=2) + "\n", "utf-8")
    first = check_predictions(path, {"d": LEAD})[1][0]
    assert first.where() == "line 1"
    assert first.message.endswith(
        "; the line opens a JSON array: predictions must be JSON Lines, one object per "
        "document on its own line, not one array of them"
    )


def test_indefinite_article() -> None:
    assert [a_noun(w) for w in ("entity", "date", "anchor", "claim source")] == [
        "an entity",
        "a date",
        "an anchor",
        "a claim source",
    ]


def test_score_summary_does_not_call_every_scored_document_gold() -> None:
    # With --include-drafts the scored documents may be drafts: the summary says "document(s)".
    result = ScoreResult(("entities",), 0.01, {}, "pred.jsonl")
    assert score_table(result).splitlines()[0] == (
        "predictions pred.jsonl: 0 document(s) scored, 0 without predictions (scored as "
        "predicting nothing); figure value tolerance 0.01"
    )


def test_view_index_says_its_counts_include_drafts() -> None:
    page = index_page([], None, None, None)
    assert (
        "0 article(s); annotations per layer, counted whatever the article's status (gold or "
        "draft: see the status column)." in page
    )
