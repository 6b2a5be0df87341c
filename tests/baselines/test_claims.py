"""Claims of the rule baseline on invented snippets; attributes worked out by hand (§5)."""

from __future__ import annotations

from typing import Any

from baseline_helpers import only, run, texts

DCT = "2025-04-15"


def claims(text: str) -> tuple[list[dict[str, Any]], dict[str, list[dict[str, Any]]]]:
    layers = run(text, DCT)
    for claim in layers["claims"]:
        for part in ("source", "cue"):
            if claim[part] is not None:
                s, e = claim[part]["start"], claim[part]["end"]
                assert text[s:e] == claim[part]["text"]
    return layers["claims"], layers


def attribution(claim: dict[str, Any]) -> tuple[Any, ...]:
    source = claim["source"]["text"] if claim["source"] else None
    cue = claim["cue"]["text"] if claim["cue"] else None
    return (source, cue, claim["quote"], claim["certainty"], claim["polarity"])


def test_said_that_with_a_possessive_source_and_a_reporting_date() -> None:
    text = "Freedonia's Defence Ministry said on Tuesday that 300 soldiers had left the port."
    found, layers = claims(text)
    claim = only(found, "300 soldiers had left the port")
    assert attribution(claim) == (
        "Freedonia's Defence Ministry",
        "said",
        "indirect",
        "asserted",
        "positive",
    )
    tuesday = only(layers["dates"], "Tuesday")
    assert claim["reported_on"] == tuesday["id"]
    assert claim["dates"] == []  # "Tuesday" modifies the cue, not the content
    assert claim["figures"] == [only(layers["figures"], "300 soldiers")["id"]]
    assert claim["source"]["entity_id"] == "defence-ministry"


def test_told_skips_the_addressee_and_auxiliaries_stay_out_of_the_cue() -> None:
    found, layers = claims("The envoy has told reporters Friday that talks may resume in May.")
    claim = only(found, "talks may resume in May")
    assert attribution(claim) == ("The envoy", "told", "indirect", "hedged", "positive")
    assert claim["reported_on"] == only(layers["dates"], "Friday")["id"]
    assert claim["dates"] == [only(layers["dates"], "May")["id"]]


def test_a_quotation_split_in_sentences_gives_one_claim_per_sentence() -> None:
    text = '"We are not leaving. We will stay," the minister said Friday.'
    found, layers = claims(text)
    assert texts(found) == ["We are not leaving", "We will stay"]
    assert [attribution(c) for c in found] == [
        ("the minister", "said", "direct", "asserted", "negative"),
        ("the minister", "said", "direct", "asserted", "positive"),
    ]
    friday = only(layers["dates"], "Friday")["id"]
    assert [c["reported_on"] for c in found] == [friday, friday]


def test_inverted_cue_before_its_source_and_a_quotation_going_on() -> None:
    text = "“This is wrong,” said Ana Belov. “Nobody wants a war.”\nThe port is calm."
    found, layers = claims(text)
    assert texts(found) == ["This is wrong", "Nobody wants a war", "The port is calm"]
    assert attribution(found[0]) == ("Ana Belov", "said", "direct", "asserted", "positive")
    assert attribution(found[1]) == ("Ana Belov", "said", "direct", "asserted", "negative")
    assert found[0]["source"]["entity_id"] == only(layers["entities"], "Ana Belov")["entity_id"]
    assert attribution(found[2]) == (None, None, None, "asserted", "positive")


def test_according_to_and_a_trailing_attribution() -> None:
    found, _ = claims(
        "According to the council, more than 300 people fled. The port reopened, officials said."
    )
    assert [(c["text"], *attribution(c)[:3]) for c in found] == [
        ("more than 300 people fled", "the council", "According to", "indirect"),
        ("The port reopened", "officials", "said", "indirect"),
    ]


def test_mixed_quotes_lists_of_sources_and_hedges() -> None:
    text = (
        'Marovian, Freedonian and Sylvanian officials have said the talks were "paused". '
        "The bureau reported that it believed the army had not moved."
    )
    found, _ = claims(text)
    assert [(c["text"], *attribution(c)) for c in found] == [
        (
            'the talks were "paused"',
            "Marovian, Freedonian and Sylvanian officials",
            "said",
            "mixed",
            "asserted",
            "positive",
        ),
        # "it believed" restates the same source: content after it, hedged by the belief verb
        ("the army had not moved", "The bureau", "reported", "indirect", "hedged", "negative"),
    ]


def test_an_attribution_inside_the_articles_own_sentence_gives_both_claims() -> None:
    text = "The strike came after Sylvania claimed to have seized 20 tanks in June."
    found, _ = claims(text)
    assert [(c["text"], attribution(c)[:2]) for c in found] == [
        ("to have seized 20 tanks in June", ("Sylvania", "claimed")),
        (text[:-1], (None, None)),
    ]


def test_pronoun_sources_refer_to_the_last_person() -> None:
    found, layers = claims("Ana Belov arrived at noon. She said the talks were over.")
    claim = only(found, "the talks were over")
    assert claim["source"]["text"] == "She"
    assert claim["source"]["entity_id"] == only(layers["entities"], "Ana Belov")["entity_id"]


def test_headline_attribution_and_lines_that_are_not_claims() -> None:
    text = (
        "## Marlow Port Will Not Reopen Before Winter, Sylvania Says\n"
        "By Staff Writer\n"
        "April 15, 2025\n"
        "Troops near Marlow. **Marlow News Agency**\n"
        "Freedonian troops were not seen near Marlow.\n"
        "## Related article: Sylvania Says Talks Go On\n"
    )
    found, _ = claims(text)
    assert [(c["text"], *attribution(c)) for c in found] == [
        (
            "Marlow Port Will Not Reopen Before Winter",
            "Sylvania",
            "Says",
            "indirect",
            "asserted",
            "negative",
        ),
        ("Freedonian troops were not seen near Marlow", None, None, None, "asserted", "negative"),
    ]


def test_negated_cues_and_adjectival_cues_are_not_attributions() -> None:
    found, _ = claims("The minister did not say when the reported attack took place.")
    assert [attribution(c) for c in found] == [(None, None, None, "asserted", "negative")]
