"""The resolver: answer strings placed in the text, tier by tier, repeated ones in order."""

from __future__ import annotations

import pytest

from newsgold.adapters.resolve import fold, resolve
from newsgold.errors import NewsgoldError

# Offsets worked out by hand (line 1 is 0..21, line 2 22..71, line 3 72..88):
# "Kim Jong Un" 0..11, "Moon" 16..20; line 2 "Kim  Jong\nUn" 22..34, the curly-quoted
# "Peace" 42..47 (its quotes 41 and 47), "won’t come" 49..59, the em dash 60, "KIM" 62..65,
# "said" 66..70; line 3 "Ford" 72..76, "Fords" 82..87.
TEXT = (
    "Kim Jong Un met Moon.\n"
    "Kim  Jong\nUn left; \u201cPeace\u201d won\u2019t come \u2014 KIM said.\n"
    "Ford sold Fords."
)


def entities(*names: str) -> dict[str, list[dict[str, str]]]:
    return {"entities": [{"text": name, "type": "PERSON"} for name in names]}


def spans(answer: dict[str, object], layer: str = "entities") -> list[tuple[int, int]]:
    return [(item["start"], item["end"]) for item in resolve(answer, TEXT, "d").layers[layer]]


def test_exact_match_keeps_the_other_fields() -> None:
    result = resolve(
        {"entities": [{"text": "Moon", "type": "GPE", "entity_id": "moon"}]}, TEXT, "d"
    )
    assert result.layers == {
        "entities": [{"start": 16, "end": 20, "text": "Moon", "type": "GPE", "entity_id": "moon"}]
    }
    assert result.unresolved == [] and dict(result.tiers) == {"exact": 1}


def test_repeated_strings_take_their_occurrences_in_order() -> None:
    # The second "Kim Jong Un" is the one broken by two spaces and a line end.
    result = resolve(entities("Kim Jong Un", "Kim Jong Un", "Kim Jong Un"), TEXT, "d")
    assert [(e["start"], e["end"]) for e in result.layers["entities"]] == [(0, 11), (22, 34)]
    assert result.layers["entities"][1]["text"] == "Kim  Jong\nUn"
    [missing] = result.unresolved
    assert missing.pointer == "/entities/2"
    assert missing.message() == (
        "d/entities/2: 'Kim Jong Un' occurs 2 time(s) in the text but is mention 3 of it in entities"
    )


def test_whitespace_around_and_inside_a_string() -> None:
    assert spans(entities(" Moon ", "Kim\u00a0Jong Un", "Kim Jong\tUn")) == [
        (16, 20),
        (0, 11),
        (22, 34),
    ]


def test_quotes_dashes_and_case_are_folded() -> None:
    answer = {
        "claims": [
            {"text": '"Peace" won\'t come', "source": None},  # straight quotes
            {"text": "- kim said", "source": None},  # a hyphen for the em dash, lower case
            {"text": "KIM SAID", "source": None},
        ]
    }
    result = resolve(answer, TEXT, "d")
    assert [(c["start"], c["end"]) for c in result.layers["claims"]] == [
        (41, 59),
        (60, 70),
        (62, 70),
    ]
    assert result.layers["claims"][0]["text"] == "\u201cPeace\u201d won\u2019t come"
    assert dict(result.tiers) == {"normalised": 3}


def test_whole_words_first_then_inside_a_word() -> None:
    # "Ford" is a whole word once (72..76): a second mention is not put inside "Fords".
    result = resolve(entities("Ford", "Ford", "ords"), TEXT, "d")
    assert [(e["start"], e["end"]) for e in result.layers["entities"]] == [(72, 76), (83, 87)]
    assert [u.pointer for u in result.unresolved] == ["/entities/1"]
    assert dict(result.tiers) == {"exact": 1, "inside a word": 1}


def test_a_string_not_in_the_text_is_reported_not_guessed() -> None:
    result = resolve({"entities": [{"text": "Pyongyang", "type": "GPE"}], "dates": []}, TEXT, "d")
    assert result.layers == {"entities": [], "dates": []}
    assert [u.message() for u in result.unresolved] == [
        "d/entities/0: 'Pyongyang' is not in the text "
        "(not even with whitespace, quotes, dashes and case folded)"
    ]


def test_source_and_cue_take_the_occurrence_nearest_their_claim() -> None:
    text = "A said x. B said y."  # "said" at 2..6 and 12..16; "x" 7..8, "y" 17..18
    answer = {
        "claims": [
            {"text": "y", "source": {"text": "B"}, "cue": {"text": "said"}},
            {"text": "x", "source": {"text": "A"}, "cue": {"text": "said"}},
        ]
    }
    claims = resolve(answer, text, "d").layers["claims"]
    assert [(c["cue"]["start"], c["cue"]["end"]) for c in claims] == [(12, 16), (2, 6)]
    assert [(c["source"]["start"], c["source"]["end"]) for c in claims] == [(10, 11), (0, 1)]


def test_a_claim_with_an_unplaced_cue_is_left_out_whole() -> None:
    answer = {"claims": [{"text": "Moon", "cue": {"text": "claimed"}}]}
    result = resolve(answer, TEXT, "d")
    assert result.layers == {"claims": []}
    assert [u.pointer for u in result.unresolved] == ["/claims/0/cue"]


def test_fold_maps_every_character_back() -> None:
    folded, starts, ends = fold("a\u00a0\u00a0B\u2014c\u200bD")
    assert folded == "a b-cd"
    assert starts == [0, 1, 3, 4, 5, 7]
    assert ends == [1, 3, 4, 5, 6, 8]


@pytest.mark.parametrize(
    ("answer", "pointer", "expected"),
    [
        ([], "d", "expected a JSON object of layers"),
        ({"entities": {"text": "Moon"}}, "d/entities", "expected a list"),
        ({"dates": ["Monday"]}, "d/dates/0", "expected an object"),
        ({"figures": [{"value": 3}]}, "d/figures/0", "expected an object with a string 'text'"),
    ],
)
def test_a_wrong_shape_is_a_located_error(answer: object, pointer: str, expected: str) -> None:
    with pytest.raises(NewsgoldError) as err:
        resolve(answer, TEXT, "d")
    assert err.value.pointer == pointer
    assert err.value.message.startswith(expected)


def test_a_name_inside_a_longer_name_takes_a_free_occurrence() -> None:
    # "Boeing 747" 0..10; "Boeing" 15..21 and 34..40; "747" 7..10 (inside) and 43..46.
    text = "Boeing 747 and Boeing jets, while Boeing's 747 waits."
    answer = {
        "entities": [
            {"text": "Boeing 747", "type": "PRODUCT"},
            {"text": "Boeing", "type": "ORG"},
            {"text": "Boeing", "type": "ORG"},
        ],
        "figures": [{"text": "747", "kind": "CARDINAL"}],
    }
    result = resolve(answer, text, "d")
    assert [(e["start"], e["end"]) for e in result.layers["entities"]] == [
        (0, 10),
        (15, 21),
        (34, 40),
    ]
    # Another layer is not blocked by the entities: its first "747" is the one inside the name.
    assert [(f["start"], f["end"]) for f in result.layers["figures"]] == [(7, 10)]
    # Listed shortest first, the names land as above (placed longest first), in answer order.
    answer["entities"].reverse()
    again = resolve(answer, text, "d").layers["entities"]
    assert [(e["start"], e["end"]) for e in again] == [(15, 21), (34, 40), (0, 10)]


def test_a_cue_on_the_claims_own_line_wins_over_a_nearer_one() -> None:
    # Line 1 "He said: it is done" 0..19 ("said" 3..7, content "it is done" 9..19);
    # line 2 starts at 20 with "said" 20..24: one character nearer, but on another line.
    text = "He said: it is done\nsaid nobody."
    answer = {"claims": [{"text": "it is done", "cue": {"text": "said"}}]}
    [claim] = resolve(answer, text, "d").layers["claims"]
    assert (claim["cue"]["start"], claim["cue"]["end"]) == (3, 7)
