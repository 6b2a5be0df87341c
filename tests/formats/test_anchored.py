"""Anchored annotations: offsets found from text and context, every problem located."""

from __future__ import annotations

import pytest

from newsgold.errors import NewsgoldError
from newsgold.formats.anchored import Problems, locate, occurrences, read_anchored, render

TEXT = (
    "GM names Barra chief\n"
    "December 10, 2013\n"
    "GM today named Mary Barra as its chief, GM said.\n"
    '"I am honored," Barra said on Tuesday.\n'
)
SECTIONS = [
    {"id": "s1", "type": "headline", "start": 0, "end": 20, "text": TEXT[0:20]},
    {"id": "s2", "type": "dateline", "start": 21, "end": 38, "text": TEXT[21:38]},
    {"id": "s3", "type": "body", "start": 39, "end": len(TEXT) - 1, "text": TEXT[39:-1]},
]


def test_whole_words_only_and_whitespace_is_flexible() -> None:
    assert occurrences("GMAC and GM", "GM") == [(9, 11)]
    assert occurrences("said\nGM", "said GM") == [(0, 7)]


def test_context_picks_the_occurrence_and_ambiguity_is_reported() -> None:
    problems = Problems("f")
    assert locate(TEXT, {"text": "GM", "context": "chief, GM said"}, "/x", problems) == (
        TEXT.index("GM said"),
        TEXT.index("GM said") + 2,
    )
    assert locate(TEXT, {"text": "GM"}, "/y", problems) is None
    assert problems.found == [
        "/y/text: 'GM' occurs 3 times as whole words; add a context that occurs once"
    ]


def test_from_to_gives_a_long_span() -> None:
    problems = Problems("f")
    span = locate(TEXT, {"from": "GM today", "to": "chief"}, "/c", problems)
    assert span is not None and TEXT[span[0] : span[1]] == "GM today named Mary Barra as its chief"


def anchored() -> dict[str, object]:
    return {
        "doc_id": "d",
        "entities": [
            {"text": "GM", "all": True, "type": "ORG", "entity_id": "general-motors"},
            {"text": "Mary Barra", "type": "PERSON", "entity_id": "mary-barra"},
            {
                "text": "Barra",
                "context": "Barra chief",
                "type": "PERSON",
                "entity_id": "mary-barra",
            },
            {"text": "Barra", "context": "Barra said", "type": "PERSON", "entity_id": "mary-barra"},
        ],
        "dates": [
            {
                "text": "December 10, 2013",
                "type": "DATE",
                "value": "2013-12-10",
                "function": "CREATION_TIME",
            },
            {"text": "today", "type": "DATE", "value": "2013-12-10", "anchor": "DCT"},
            {"text": "Tuesday", "type": "DATE", "value": "2013-12-10", "anchor": "DCT"},
        ],
        "claims": [
            {
                "content": "I am honored",
                "source": {"text": "Barra", "entity_id": "mary-barra"},
                "cue": {"text": "said"},
                "reported_on": {"text": "Tuesday"},
                "quote": "direct",
                "certainty": "asserted",
                "polarity": "positive",
            }
        ],
    }


def test_read_anchored_builds_regions_links_and_all_occurrences() -> None:
    regions, links = read_anchored(anchored(), TEXT, SECTIONS, "f")
    gm = [r for r in regions if r.kind == "entities" and TEXT[r.start : r.end] == "GM"]
    assert len(gm) == 3  # headline and both in the body line; "Mary Barra" is not split
    kinds = sorted((link.kind, link.target) for link in links)
    assert ("anchor", "dates0") in kinds  # "DCT" became the CREATION_TIME date
    source = next(r for r in regions if r.kind == "source")
    # looked up on the content's own line first: the Barra of the quote line, not the headline
    assert source.start == TEXT.index("Barra said")


def test_every_problem_is_listed_at_once() -> None:
    data = anchored()
    data["entities"].append({"text": "Ford", "type": "ORG", "entity_id": "ford"})  # type: ignore[attr-defined]
    data["dates"][1]["context"] = "nowhere"  # type: ignore[index]
    with pytest.raises(NewsgoldError) as err:
        read_anchored(data, TEXT, SECTIONS, "pass.json")
    message = err.value.message
    assert "/entities/4/text: 'Ford' occurs 0 times" in message
    assert "/dates/1/context: context 'nowhere' occurs 0 times" in message
    assert err.value.file == "pass.json"


def test_render_marks_spans() -> None:
    ann = {
        "entities": [{"start": 0, "end": 2, "type": "ORG", "entity_id": "gm"}],
        "dates": [],
        "figures": [],
        "claims": [],
    }
    assert render("GM x", ann) == "  1| [GM]ORG:gm x"


def test_all_occurrences_of_a_shorter_name_leave_the_longer_one_alone() -> None:
    text = "Airbus A400M and Airbus. Airbus A400M again.\n"
    data = {
        "doc_id": "d",
        "entities": [
            {"text": "Airbus", "all": True, "type": "ORG", "entity_id": "airbus"},
            {"text": "Airbus A400M", "all": True, "type": "PRODUCT", "entity_id": "a400m"},
        ],
    }
    regions, _ = read_anchored(data, text, [], "f")
    spans = sorted((r.start, r.end, r.label) for r in regions if r.kind == "entities")
    assert spans == [(0, 12, "PRODUCT"), (17, 23, "ORG"), (25, 37, "PRODUCT")]


def test_a_long_span_text_is_cut_visibly_in_messages() -> None:
    problems = Problems("f")
    needle = "a" * 30 + "b" * 40  # 70 characters: both 30-character ends shown, cut marked
    assert locate(TEXT, {"text": needle}, "/x", problems) is None
    assert problems.found == [
        f"/x/text: {'a' * 30!r}…{'b' * 30!r} occurs 0 times as whole words; expected it in the text"
    ]
