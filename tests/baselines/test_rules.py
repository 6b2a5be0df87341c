"""extract() as a whole: the predictions contract, ids, references, and bad input."""

from __future__ import annotations

import pytest
from baseline_helpers import run

from newsgold.baselines.rules import extract
from newsgold.errors import NewsgoldError
from newsgold.schemas import validator

STORY = (
    "## Freedonian Troops Leave Marlow, Sylvania Says\n"
    "By Staff Writer\n"
    "April 15, 2025\n"
    "\n"
    "Sylvania's Defence Ministry said on Tuesday that nearly 3,000 Freedonian troops had left "
    "Marlow in mid-March. “We are not leaving. We will stay,” President Ana Belov told reporters "
    "in Zürich 🎉 on Friday. The pullout came after the ministry claimed that 40% of the troops "
    "were wounded.\n"
)


def test_output_validates_as_a_predictions_row() -> None:
    row = {"doc_id": "2025-04-15-example-1", **extract(STORY, "2025-04-15"), "system": "rules"}
    errors = sorted(validator("predictions").iter_errors(row), key=str)
    assert errors == []
    assert {"entities", "dates", "figures", "claims"} <= row.keys()


def test_ids_are_unique_and_references_resolve() -> None:
    layers = run(STORY, "2025-04-15")
    ids = [span["id"] for spans in layers.values() for span in spans]
    assert len(ids) == len(set(ids))
    dates = {d["id"]: d for d in layers["dates"]}
    figures = {f["id"]: f for f in layers["figures"]}
    for date in layers["dates"]:
        assert date["anchor"] is None or date["anchor"] in dates
    for claim in layers["claims"]:
        inside_dates = [
            i for i, d in dates.items() if claim["start"] <= d["start"] and d["end"] <= claim["end"]
        ]
        inside_figures = [
            i
            for i, f in figures.items()
            if claim["start"] <= f["start"] and f["end"] <= claim["end"]
        ]
        assert claim["dates"] == inside_dates
        assert claim["figures"] == inside_figures
        assert claim["reported_on"] is None or claim["reported_on"] in dates
        assert claim["reported_on"] not in claim["dates"]


def test_every_layer_finds_something_in_the_story() -> None:
    layers = run(STORY, "2025-04-15")
    creation = [d for d in layers["dates"] if d["function"] == "CREATION_TIME"]
    assert [d["text"] for d in creation] == ["April 15, 2025"]
    # Friday before Tuesday 2025-04-15 is 2025-04-11; mid-March of the same year.
    values = {d["text"]: (d["value"], d["mod"]) for d in layers["dates"]}
    assert values["Friday"] == ("2025-04-11", None)
    assert values["mid-March"] == ("2025-03", "MID")
    assert {f["text"] for f in layers["figures"]} == {
        "nearly 3,000 Freedonian troops",
        "40%",
    }
    assert {"Ana Belov", "Zürich", "Defence Ministry"} <= {e["text"] for e in layers["entities"]}
    quoted = [c for c in layers["claims"] if c["quote"] == "direct"]
    assert [c["text"] for c in quoted] == ["We are not leaving", "We will stay"]


def test_offsets_count_code_points_after_an_emoji() -> None:
    layers = run(STORY, "2025-04-15")
    friday = next(d for d in layers["dates"] if d["text"] == "Friday")
    # The emoji is one code point: the offset equals Python's index, not a UTF-16 or byte index.
    assert friday["start"] == STORY.index("Friday")
    assert STORY.encode("utf-16-le").index("Friday".encode("utf-16-le")) // 2 == friday["start"] + 1


@pytest.mark.parametrize(
    "published", ["", "2025-4-15", "15/04/2025", "2025-02-30", "2025-04-15T10:00"]
)
def test_a_bad_publication_date_is_a_located_error(published: str) -> None:
    with pytest.raises(NewsgoldError) as caught:
        extract("Some text.", published)
    assert caught.value.pointer == "/published"
    assert "YYYY-MM-DD" in caught.value.message


def test_empty_and_whitespace_texts_give_empty_layers() -> None:
    for text in ("", "   \n\n", "🎉"):
        assert extract(text, "2025-04-15") == {
            "entities": [],
            "dates": [],
            "figures": [],
            "claims": [],
        }
