"""Figures of the rule baseline on invented snippets; values read off the text by hand."""

from __future__ import annotations

from baseline_helpers import only, run, texts

DCT = "2025-04-15"


def figures(text: str) -> list[dict[str, object]]:
    return run(text, DCT)["figures"]


def fields(figure: dict[str, object]) -> tuple[object, ...]:
    return (
        figure["kind"],
        figure["value"],
        figure["value_max"],
        figure["unit"],
        figure["modifier"],
    )


def test_qualifiers_digits_and_counted_nouns() -> None:
    text = (
        "More than 12,000 sailors, nearly 3,000 pilots, about 40 ships and at least 5 tanks left."
    )
    found = figures(text)
    assert texts(found) == [
        "More than 12,000 sailors",
        "nearly 3,000 pilots",
        "about 40 ships",
        "at least 5 tanks",
    ]
    assert [fields(f) for f in found] == [
        ("CARDINAL", 12000, None, "sailors", "MORE_THAN"),
        ("CARDINAL", 3000, None, "pilots", "LESS_THAN"),
        ("CARDINAL", 40, None, "ships", "APPROX"),
        ("CARDINAL", 5, None, "tanks", "EQUAL_OR_MORE"),
    ]


def test_number_words_and_scales() -> None:
    found = figures(
        "Twenty-five delegates and 1.5 million voters met two hundred and fifty guards."
    )
    assert [(f["text"], f["value"], f["unit"]) for f in found] == [
        ("Twenty-five delegates", 25, "delegates"),
        ("1.5 million voters", 1500000, "voters"),
        ("two hundred and fifty guards", 250, "guards"),
    ]


def test_sentence_initial_one_counts_but_the_pronoun_does_not() -> None:
    found = figures("One option is to wait. The one who left said one of them stayed.")
    assert [fields(f) for f in found] == [("CARDINAL", 1, None, "option", None)]


def test_ranges_take_value_and_value_max() -> None:
    found = figures(
        "The road runs 10 to 12 km, the wall 3-4 metres, and 1.5 to 2 million people fled."
    )
    assert [(f["text"], f["kind"], f["value"], f["value_max"], f["unit"]) for f in found] == [
        ("10 to 12 km", "QUANTITY", 10, 12, "km"),
        ("3-4 metres", "QUANTITY", 3, 4, "metres"),
        ("1.5 to 2 million people", "CARDINAL", 1500000, 2000000, "people"),  # shared scale
    ]


def test_percentages_and_money() -> None:
    text = "Inflation hit 12%, or 12.5 percent; costs: $1.5 billion, €30m and 200 million rubles."
    found = figures(text)
    assert [(f["text"], f["kind"], f["value"], f["unit"]) for f in found] == [
        ("12%", "PERCENT", 12, "%"),
        ("12.5 percent", "PERCENT", 12.5, "%"),
        ("$1.5 billion", "MONEY", 1500000000, "USD"),
        ("€30m", "MONEY", 30000000, "EUR"),
        ("200 million rubles", "MONEY", 200000000, "RUB"),
    ]


def test_ordinals() -> None:
    found = figures("It was the third attack and the 2nd this month.")
    assert [(f["text"], f["kind"], f["value"], f["unit"]) for f in found] == [
        ("third", "ORDINAL", 3, None),
        ("2nd", "ORDINAL", 2, None),
    ]


def test_temporal_quantities_go_to_dates_only() -> None:
    layers = run("For seven months, 300 soldiers waited 24 hours in 2024.", DCT)
    assert texts(layers["figures"]) == ["300 soldiers"]
    assert texts(layers["dates"]) == ["seven months", "24 hours", "2024"]


def test_vague_amounts_names_codes_and_clock_times_are_not_figures() -> None:
    text = "Dozens of F-16 jets and several hundreds of people met the Group of Seven at 3:30 p.m."
    assert figures(text) == []


def test_a_nationality_between_number_and_noun_stays_in_the_span() -> None:
    found = figures("About 200 Freedonian soldiers crossed.")
    assert fields(only(found, "About 200 Freedonian soldiers")) == (
        "CARDINAL",
        200,
        None,
        "soldiers",
        "APPROX",
    )
