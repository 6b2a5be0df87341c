"""The text analysis under the baseline: sentences, quotations, title zones, tokens, intervals."""

from __future__ import annotations

from dataclasses import dataclass

from newsgold.baselines.text import Doc, Intervals, longest_first


def pieces(text: str, spans: list[tuple[int, int]]) -> list[str]:
    return [text[s:e] for s, e in spans]


def test_sentences_do_not_end_at_abbreviations_or_initials() -> None:
    text = "Mr. Belov met Gen. Ana T. Roe in the U.S. on Friday. They left. “Why?” she asked."
    assert pieces(text, Doc(text).sentences) == [
        "Mr. Belov met Gen. Ana T. Roe in the U.S. on Friday.",
        "They left.",
        "“Why?” she asked.",
    ]


def test_a_quotation_running_over_sentences_makes_one_unit() -> None:
    text = "“We stay. We fight,” she said. Then she left."
    doc = Doc(text)
    assert pieces(text, doc.sentences) == ["“We stay.", "We fight,” she said.", "Then she left."]
    assert pieces(text, doc.units) == ["“We stay. We fight,” she said.", "Then she left."]
    assert [(q.open, q.close, q.closed) for q in doc.quotes] == [(0, 19, True)]


def test_an_unclosed_quotation_runs_to_the_line_end() -> None:
    text = "He said: “We go on.\nNext line."
    quote = Doc(text).quotes[0]
    assert (quote.open, quote.close, quote.closed) == (9, 19, False)  # 19 is the line's end


def test_title_zones_are_headings_bold_credits_and_unpunctuated_title_lines() -> None:
    text = (
        "## Troops Leave The Port Early\n"
        "Ana Belov Told Rufus Firefly Something Important.\n"
        "A caption here. **The Snow Research Centre**\n"
        "Sylvania Wins Final Match Again\n"
    )
    assert pieces(text, Doc(text).title_zones) == [
        "## Troops Leave The Port Early",
        "The Snow Research Centre",
        "Sylvania Wins Final Match Again",
    ]


def test_tokens_split_off_possessives_and_mark_sentence_starts() -> None:
    doc = Doc("🎉 Freedonia's army left. “Troops” stayed: Officials agreed.")
    assert [(t.text, t.possessive, t.sentence_start) for t in doc.tokens] == [
        ("Freedonia", True, True),  # an emoji before the first word hides no sentence start
        ("army", False, False),
        ("left", False, False),
        ("Troops", False, True),
        ("stayed", False, False),
        ("Officials", False, True),  # after a colon
        ("agreed", False, False),
    ]


def test_intervals_answer_overlap_and_holding() -> None:
    spans = Intervals([(10, 20), (0, 5), (30, 31)])
    assert [spans.overlaps(s, e) for s, e in [(5, 10), (4, 6), (19, 25), (20, 30), (30, 31)]] == [
        False,
        True,
        True,
        False,
        True,
    ]
    assert [spans.holding(i) for i in (0, 5, 10, 19, 20, 30)] == [0, -1, 1, 1, -1, 2]


@dataclass
class Span:
    start: int
    end: int


def test_longest_first_keeps_the_longest_of_overlapping_spans_in_text_order() -> None:
    candidates = [Span(0, 3), Span(2, 10), Span(9, 12), Span(12, 14), Span(11, 13), Span(20, 22)]
    # (2, 10) is longest; (0, 3) and (9, 12) overlap it; (11, 13) and (12, 14) are as long,
    # the leftmost (11, 13) wins.
    kept = longest_first(candidates)
    assert [(s.start, s.end) for s in kept] == [(2, 10), (11, 13), (20, 22)]
