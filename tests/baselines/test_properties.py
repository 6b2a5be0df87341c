"""Properties of extract() on random texts: consistent spans, valid values, valid rows, no crash."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newsgold.baselines.rules import extract
from newsgold.numbers import states
from newsgold.schemas import validator
from newsgold.timex import is_valid

WORDS = [
    "said", "told", "according", "to", "that", "the", "The", "Ministry", "Council", "President",
    "Ana", "Belov", "Zürich", "Sylvanian", "Sylvania", "in", "on", "Friday", "May", "mid-March",
    "last", "month", "nearly", "six", "months", "more", "than", "10,000", "1.5", "million",
    "troops", "%", "$", "3rd", "one", "ago", "2024", "2024-02-29", "not", "may", "“", "”", '"',
    ",", ".", ":", "'s", "🎉", "##", "**", "\n", "https://example.org/a-1", "By", "NASA",
]  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(
    words=st.lists(st.sampled_from(WORDS), max_size=60),
    published=st.dates().map(lambda d: d.isoformat()).filter(lambda s: len(s) == 10),
)
def test_any_text_gives_consistent_valid_layers(words: list[str], published: str) -> None:
    text = " ".join(words)
    layers = extract(text, published)
    row = {"doc_id": "random-1", **layers}
    assert list(validator("predictions").iter_errors(row)) == []
    for spans in layers.values():
        for span in spans:
            assert 0 <= span["start"] < span["end"] <= len(text)
            assert text[span["start"] : span["end"]] == span["text"] == span["text"].strip()
    for date in layers["dates"]:
        assert is_valid(date["type"], date["value"])
    for figure in layers["figures"]:
        assert states(figure["text"], figure["value"]) or figure["kind"] == "MONEY"
        assert figure["value_max"] is None or figure["value_max"] > figure["value"]
    for kind in ("entities", "figures", "dates"):
        spans = sorted((s["start"], s["end"]) for s in layers[kind])
        assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:], strict=False))  # no overlaps
