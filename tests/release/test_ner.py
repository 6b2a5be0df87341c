"""The ner config: sentences, tokens and BIO tags worked out by hand on the invented article."""

from __future__ import annotations

from pathlib import Path

from release_fixtures import SEED, ZURICH, ZURICH_TEXT

from newsgold.corpus import load_document
from newsgold.release.ner import ner_rows
from newsgold.release.rows import document_row


def zurich_rows(repo: Path, text: bool = True) -> tuple[list[dict], dict]:
    doc = load_document(repo, ZURICH)
    rows, counts = ner_rows(document_row(doc, text), doc.text)
    return rows, dict(counts)


def tagged(row: dict) -> list[tuple[str, str]]:
    return [(t, tag) for t, tag in zip(row["tokens"], row["ner_tags"], strict=True) if tag != "O"]


def test_sentences_of_the_article(repo: Path) -> None:
    rows, _ = zurich_rows(repo)
    first_words = [row["tokens"][0] for row in rows]
    # headline, byline, dateline, then four body sentences of which "The campaign "Stop. Think."
    # ... Forum." is one: the splitter breaks after "Stop." but the title crosses that break.
    assert first_words == ["#", "By", "March", "The", "About", "The", "Several"]
    assert [row["sentence"] for row in rows] == list(range(7))
    assert {row["doc_id"] for row in rows} == {ZURICH}
    campaign = rows[5]
    assert ZURICH_TEXT[campaign["start"] : campaign["end"]] == (
        'The campaign "Stop. Think." ran for two weeks before the Third Zürich Forum.'
    )


def test_tags_by_layer_and_type(repo: Path) -> None:
    rows, _ = zurich_rows(repo)
    assert tagged(rows[0]) == [
        ("Zürich", "B-GPE"),
        ("1.5", "B-MONEY"),
        ("Million", "I-MONEY"),
        ("Franc", "I-MONEY"),
    ]
    assert tagged(rows[2]) == [
        ("March", "B-DATE"),
        ("05", "I-DATE"),
        (",", "I-DATE"),
        ("2025", "I-DATE"),
    ]
    assert tagged(rows[4]) == [
        ("About", "B-CARDINAL"),
        ("40", "I-CARDINAL"),
        ("125", "B-CARDINAL"),
        ("members", "I-CARDINAL"),
    ]


def test_overlap_keeps_the_longer_entity_and_a_sentence_break_inside_a_span_is_removed(
    repo: Path,
) -> None:
    rows, counts = zurich_rows(repo)
    assert tagged(rows[5]) == [
        ("Stop", "B-WORK_OF_ART"),
        (".", "I-WORK_OF_ART"),
        ("Think", "I-WORK_OF_ART"),
        (".", "I-WORK_OF_ART"),
        ("two", "B-DATE"),  # DURATION counts as DATE
        ("weeks", "I-DATE"),
        ("Third", "B-EVENT"),  # the ORDINAL figure "Third" overlaps the event and is dropped
        ("Zürich", "I-EVENT"),
        ("Forum", "I-EVENT"),
    ]
    assert counts["dropped_overlap"] == 1 and counts["sentences_joined"] == 1


def test_a_span_ending_inside_a_token_tags_the_whole_token(repo: Path) -> None:
    rows, counts = zurich_rows(repo)
    assert tagged(rows[6]) == [
        ("Genevans", "B-NORP"),  # annotated "Genevan"
        ("9", "B-TIME"),
        ("a", "I-TIME"),
        (".", "I-TIME"),
        ("m", "I-TIME"),
        (".", "I-TIME"),
        ("every", "B-DATE"),  # SET counts as DATE
        ("Monday", "I-DATE"),
    ]
    assert counts["widened"] == 1
    # 6 entities + 5 dates + 5 figures
    assert counts["spans"] == 16


def test_token_offsets_index_the_text(repo: Path) -> None:
    rows, _ = zurich_rows(repo)
    for row in rows:
        assert row["tokens"] == [
            ZURICH_TEXT[a:b] for a, b in zip(row["token_starts"], row["token_ends"], strict=True)
        ]
        assert row["start"] == row["token_starts"][0] and row["end"] == row["token_ends"][-1]


def test_textless_rows_keep_offsets_and_tags_but_not_tokens(repo: Path) -> None:
    full, _ = zurich_rows(repo, text=True)
    bare, _ = zurich_rows(repo, text=False)
    assert all(row["tokens"] is None for row in bare)
    assert [{**r, "tokens": None} for r in full] == bare


def test_seed_has_no_lost_spans(repo: Path) -> None:
    doc = load_document(repo, SEED)
    rows, counts = ner_rows(document_row(doc, True), doc.text)
    # 47 entities + 11 dates + 2 figures, none overlapping or off token boundaries
    assert dict(counts) == {"spans": 60}
    begins = sum(tag.startswith("B-") for row in rows for tag in row["ner_tags"])
    assert begins == 60
