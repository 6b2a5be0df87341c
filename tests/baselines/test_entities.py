"""Entities of the rule baseline on invented snippets (invented places, people and bodies)."""

from __future__ import annotations

from baseline_helpers import only, run

from newsgold.corpus import entity_key as slug  # moved from baselines.entities

DCT = "2025-04-15"


def entities(text: str) -> list[dict[str, object]]:
    return run(text, DCT)["entities"]


def typed(found: list[dict[str, object]]) -> list[tuple[object, object]]:
    return [(e["text"], e["type"]) for e in found]


def test_possessive_outside_and_organisation_cue() -> None:
    found = entities("Yesterday Freedonia's Defence Ministry said the Zorgan Council agreed.")
    assert typed(found) == [
        ("Freedonia", "GPE"),  # a lone name, typed by the default
        ("Defence Ministry", "ORG"),
        ("Zorgan Council", "ORG"),
    ]


def test_leading_the_and_sentence_initial_common_words_are_outside() -> None:
    found = entities("However, the envoy met The Marble Trust. The talks went well.")
    assert typed(found) == [("Marble Trust", "ORG")]


def test_titles_are_cut_off_and_make_a_person() -> None:
    text = "Freedonian President Rufus T. Firefly met Mr. Pinky Tuscadero and minister Ana Belov."
    found = entities(text)
    assert typed(found) == [
        ("Freedonian", "NORP"),
        ("Rufus T. Firefly", "PERSON"),
        ("Pinky Tuscadero", "PERSON"),
        ("Ana Belov", "PERSON"),
    ]


def test_nationality_adjectives_by_suffix_and_their_country_by_stem() -> None:
    text = (
        "Sylvanian and Freedonese troops crossed into Sylvania, while North Marovian units waited."
    )
    found = entities(text)
    assert typed(found) == [
        ("Sylvanian", "NORP"),
        ("Freedonese", "NORP"),
        ("Sylvania", "GPE"),  # "Sylvanian" in the document makes "Sylvania" a place
        ("North Marovian", "NORP"),
    ]
    assert only(found, "Sylvanian")["entity_id"] == "sylvanian"
    assert only(found, "Sylvania")["entity_id"] == "sylvania"


def test_place_words_and_acronyms() -> None:
    found = entities("Troops left the Kelvar region for Ostrava, the UN said, citing NASA data.")
    assert typed(found) == [("Kelvar", "GPE"), ("Ostrava", "GPE"), ("UN", "ORG"), ("NASA", "ORG")]


def test_same_surface_same_id_and_surnames_join_the_full_name() -> None:
    text = "Ana Belov spoke in Marlow. Later Belov left Marlow, and the Marlow police waited."
    found = entities(text)
    assert [(e["text"], e["entity_id"]) for e in found] == [
        ("Ana Belov", "ana-belov"),
        ("Marlow", "marlow"),
        ("Belov", "ana-belov"),
        ("Marlow", "marlow"),
        ("Marlow", "marlow"),
    ]
    assert only(found[:3], "Belov")["type"] == "PERSON"


def test_headlines_in_title_case_only_repeat_known_names() -> None:
    text = "## Sylvanian Troops Leave Port Marlow Early\n\nSylvanian soldiers left Marlow on foot."
    found = entities(text)
    # "Troops", "Leave", "Port", "Early" are capitalised only because it is a headline.
    assert typed(found) == [
        ("Sylvanian", "NORP"),
        ("Marlow", "GPE"),
        ("Sylvanian", "NORP"),
        ("Marlow", "GPE"),
    ]


def test_a_bold_credit_naming_an_organisation_is_one_span() -> None:
    text = "Troops in the snow. **The Freedonian Centre for Snow Studies**"
    found = entities(text)
    assert typed(found) == [("Freedonian Centre for Snow Studies", "ORG")]


def test_code_point_offsets_with_non_ascii_and_emoji() -> None:
    # Offsets by hand: "🎉" is one code point (0), space (1), "Officials" 2-10, space 11,
    # "in" 12-13, space 14, "Zürich" 15-20 (six code points), so the span is 15:21.
    text = "🎉 Officials in Zürich said so."
    zurich = only(entities(text), "Zürich")
    assert (zurich["start"], zurich["end"], zurich["type"]) == (15, 21, "GPE")
    assert zurich["entity_id"] == "zurich"


def test_slugs_are_lowercase_ascii_keys() -> None:
    assert slug("São Tomé and Príncipe") == "sao-tome-and-principe"
    assert slug("O'Neill") == "o-neill"
    assert slug("Москва").startswith("x") and slug("Москва") == slug("Москва")
    assert slug("Москва") != slug("Киев")
