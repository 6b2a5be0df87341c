"""Facts about the seed article's gold that the issue and guidelines state, checked by hand."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from newsgold.corpus import Document, load_corpus

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def doc() -> Document:
    return load_corpus(ROOT).get("2025-02-04-themoscowtimes-a87849")


def find(doc: Document, layer: str, text: str, nth: int = 0) -> dict[str, Any]:
    matches = [s for s in doc.spans(layer) if s["text"] == text]
    assert len(matches) > nth, f"no {layer} span {text!r}"
    return matches[nth]


def test_relative_dates_normalised_against_publication(doc: Document) -> None:
    # 2025-02-04 was a Tuesday; the Friday before was 2025-01-31.
    assert find(doc, "dates", "Tuesday")["value"] == "2025-02-04"
    assert find(doc, "dates", "Friday")["value"] == "2025-01-31"
    mid = find(doc, "dates", "mid-January")
    assert (mid["value"], mid["mod"]) == ("2025-01", "MID")
    assert find(doc, "dates", "last month")["value"] == "2025-01"
    assert find(doc, "dates", "December")["value"] == "2024-12"
    assert find(doc, "dates", "August")["value"] == "2024-08"
    six = find(doc, "dates", "nearly six months")
    assert (six["type"], six["value"]) == ("DURATION", "P6M")


def test_dateline_is_the_creation_time(doc: Document) -> None:
    creation = [d for d in doc.spans("dates") if d["function"] == "CREATION_TIME"]
    assert [(d["text"], d["value"]) for d in creation] == [("February 04, 2025", "2025-02-04")]


def test_metonymy_and_coreference(doc: Document) -> None:
    pyongyang = {e["entity_id"] for e in doc.spans("entities") if e["text"] == "Pyongyang"}
    moscow = find(doc, "entities", "Moscow")
    russia = find(doc, "entities", "Russia")
    assert pyongyang == {"north-korea"}
    assert moscow["type"] == "GPE" and moscow["entity_id"] == russia["entity_id"] == "russia"


def test_nested_names_are_split(doc: Document) -> None:
    nis = find(doc, "entities", "National Intelligence Service")
    korea = [e for e in doc.spans("entities") if e["end"] == nis["start"] - 3]
    assert nis["type"] == "ORG"
    assert [(e["text"], e["type"]) for e in korea] == [("South Korea", "GPE")]


def test_the_troops_figure(doc: Document) -> None:
    fig = find(doc, "figures", "more than 10,000 troops")
    assert (fig["kind"], fig["value"], fig["unit"], fig["modifier"]) == (
        "CARDINAL",
        10000,
        "troops",
        "MORE_THAN",
    )


def test_claims(doc: Document) -> None:
    by_text = {c["text"]: c for c in doc.spans("claims")}
    hedged = by_text[
        "North Korean soldiers fighting alongside Russia's army in the Kursk region appear to "
        "have suspended combat operations last month"
    ]
    assert hedged["certainty"] == "hedged"
    assert hedged["source"]["text"] == "South Korea's spy agency"
    assert hedged["cue"]["text"] == "told"
    tuesday = find(doc, "dates", "Tuesday")
    assert hedged["reported_on"] == tuesday["id"]
    neither = by_text["Neither Pyongyang nor Moscow has officially confirmed the deployment"]
    assert neither["source"] is None and neither["polarity"] == "negative"
    pronoun = by_text["were captured North Korean prisoners of war"]
    assert pronoun["source"]["text"] == "he"
    assert (
        pronoun["source"]["entity_id"] == find(doc, "entities", "Volodymyr Zelensky")["entity_id"]
    )
    quotes = [c for c in doc.spans("claims") if c["quote"] == "direct"]
    assert len(quotes) == 2 and quotes[0]["source"] == quotes[1]["source"]


def test_every_non_space_character_is_in_one_section(doc: Document) -> None:
    owner = [0] * len(doc.text)
    for section in doc.spans("sections"):
        for i in range(section["start"], section["end"]):
            owner[i] += 1
    assert all(owner[i] == 1 for i, ch in enumerate(doc.text) if not ch.isspace())
    assert [s["type"] for s in doc.spans("sections")] == [
        "headline",
        "byline",
        "dateline",
        "caption",
        "body",
        "related",
        "body",
        "source",
    ]


def test_source_section_carries_no_annotation(doc: Document) -> None:
    (source,) = [s for s in doc.spans("sections") if s["type"] == "source"]
    for layer in ("entities", "dates", "figures", "claims"):
        assert all(s["end"] <= source["start"] for s in doc.spans(layer))
