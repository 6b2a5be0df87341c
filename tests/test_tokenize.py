"""Tokens and sentences: pure functions of the text, offsets in code points."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newsgold.tokenize import sentences, tokens


def pieces(text: str, spans: list[tuple[int, int]]) -> list[str]:
    return [text[a:b] for a, b in spans]


def test_tokens_split_clitics_hyphens_and_punctuation() -> None:
    text = "Russia's 10,000 troops, Mid-January."
    # Worked out by hand: 'Russia' 0-6, "'s" 6-8, '10,000' 9-15, 'troops' 16-22, ',' 22-23,
    # 'Mid' 24-27, '-' 27-28, 'January' 28-35, '.' 35-36.
    assert tokens(text) == [
        (0, 6),
        (6, 8),
        (9, 15),
        (16, 22),
        (22, 23),
        (24, 27),
        (27, 28),
        (28, 35),
        (35, 36),
    ]


def test_numbers_keep_their_separators_and_words_their_accents() -> None:
    text = "1.5 million, 12:30 in Zürich café"
    assert pieces(text, tokens(text)) == ["1.5", "million", ",", "12:30", "in", "Zürich", "café"]


def test_offsets_count_code_points_not_utf16_units() -> None:
    # U+1F600 is one code point (two UTF-16 units): "ok" starts at index 2, not 3.
    assert tokens("\U0001f600 ok") == [(0, 1), (2, 4)]


def test_combining_marks_stay_inside_the_word() -> None:
    assert pieces("Cafe\u0301 x", tokens("Cafe\u0301 x")) == ["Cafe\u0301", "x"]


def test_tokens_of_a_range() -> None:
    text = "one two three"
    assert tokens(text, 4, 13) == [(4, 7), (8, 13)]


def test_sentences_lines_abbreviations_initials_and_quotes() -> None:
    text = (
        '## Title\n\nMr. Smith left. He said "Go." Then U.S. troops came. J. Doe stayed.\nLast line'
    )
    assert pieces(text, sentences(text)) == [
        "## Title",
        "Mr. Smith left.",
        'He said "Go."',
        "Then U.S. troops came.",
        "J. Doe stayed.",
        "Last line",
    ]


def test_sentence_ends_need_an_opening_character_after() -> None:
    text = "It rose 2.5 per cent. prices fell? Yes! 3 more."
    # "cent. prices": lower case follows, no break; "fell? Yes": break; "Yes! 3": a digit opens.
    assert pieces(text, sentences(text)) == [
        "It rose 2.5 per cent. prices fell?",
        "Yes!",
        "3 more.",
    ]


@settings(max_examples=200, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list("ab Z9.,'-\"\n?!é") + ["\u0301", "\U0001f600"]), max_size=60
    )
)
def test_tokens_cover_every_non_space_character_once(text: str) -> None:
    spans = tokens(text)
    covered = [i for a, b in spans for i in range(a, b)]
    assert covered == sorted(set(covered))
    assert {i for i, c in enumerate(text) if not c.isspace()} == set(covered)
    for a, b in sentences(text):
        assert not text[a].isspace() and not text[b - 1].isspace()
        # a sentence holds whole tokens only
        assert all(b2 <= a or a2 >= b or (a <= a2 and b2 <= b) for a2, b2 in spans)
