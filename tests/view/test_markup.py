"""The markup builder: nesting, crossing spans split into fragments, escaping."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsgold.view.markup import GAP_RANK, Mark, blank_runs, build, class_token


def mark(start: int, end: int, name: str, rank: int = 0) -> Mark:
    return Mark(start, end, rank, (name,), (("data-k", name),))


class Coverage(HTMLParser):
    """Rebuild, from the HTML, the text and which marks (by data-k) are open over each character."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text = ""
        self.open: list[str] = []
        self.cover: list[frozenset[str]] = []
        self.fragments: dict[str, int] = {}
        self.continued: dict[str, int] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        assert tag == "span"
        found = dict(attrs)
        key = str(found["data-k"])
        self.open.append(key)
        self.fragments[key] = self.fragments.get(key, 0) + 1
        if "cont" in str(found.get("class", "")).split():
            self.continued[key] = self.continued.get(key, 0) + 1

    def handle_endtag(self, tag: str) -> None:
        assert tag == "span" and self.open, "end tag without a start tag"
        self.open.pop()

    def handle_data(self, data: str) -> None:
        self.text += data
        self.cover.extend(frozenset(self.open) for _ in data)


def parse(html: str) -> Coverage:
    parsed = Coverage()
    parsed.feed(html)
    parsed.close()
    assert parsed.open == [], "unclosed spans"
    return parsed


def test_no_marks_is_the_escaped_text() -> None:
    assert build("a < b & c", []) == "a &lt; b &amp; c"


def test_blank_runs_mark_the_blank_lines_after_the_first() -> None:
    # "a", three blank lines (one with spaces), "b", one blank line, "c": only the second and
    # third blank lines of the run are marked; a single blank line is left alone.
    text = "a\n\n  \n\nb\n\nc\n"
    [gap] = blank_runs(text)
    assert (gap.start, gap.end, gap.rank, gap.classes) == (3, 7, GAP_RANK, ("gap",))
    assert text[gap.start : gap.end] == "  \n\n"
    # Inside a mark covering the run, the gap nests innermost and the text is unchanged.
    html = build(text, [mark(0, len(text), "sec"), *blank_runs(text)])
    assert html == (
        '<span class="sec" data-k="sec">a\n\n<span class="gap" aria-hidden="true">  \n\n</span>'
        "b\n\nc\n</span>"
    )


def test_nested_marks_become_nested_elements() -> None:
    # "hello world": outer 0:11, inner "world" 6:11 ends with it; written out by hand.
    html = build("hello world", [mark(6, 11, "in"), mark(0, 11, "out")])
    assert html == (
        '<span class="out" data-k="out">hello <span class="in" data-k="in">world</span></span>'
    )


def test_equal_extents_nest_by_rank() -> None:
    # Same extent: the lower rank is outside, whatever the input order.
    html = build("abc", [mark(0, 3, "inner", rank=5), mark(0, 3, "outer", rank=1)])
    assert html == (
        '<span class="outer" data-k="outer"><span class="inner" data-k="inner">abc</span></span>'
    )


def test_crossing_marks_are_split_where_they_cross() -> None:
    # A = 0:6 "abcdef", B = 3:9 "defghi": A opens first; at 6 A ends under B, so B is closed,
    # A is closed and B reopens as a continuation fragment.
    html = build("abcdefghij", [mark(0, 6, "A"), mark(3, 9, "B")])
    assert html == (
        '<span class="A" data-k="A">abc<span class="B" data-k="B">def</span></span>'
        '<span class="B cont" data-k="B">ghi</span>j'
    )


def test_entity_inside_claim_inside_section_crossed_by_another_span() -> None:
    text = "Section: Acme said prices rose."
    section = mark(0, len(text), "sec", rank=0)
    claim = mark(9, 30, "claim", rank=10)  # "Acme said prices rose"
    entity = mark(9, 13, "ent", rank=30)  # "Acme", first word of the claim
    crossing = mark(11, 20, "x", rank=40)  # "me said p": starts inside the entity, ends after it
    parsed = parse(build(text, [entity, crossing, claim, section]))
    assert parsed.text == text
    assert parsed.cover[9] == {"sec", "claim", "ent"}
    assert parsed.cover[12] == {"sec", "claim", "ent", "x"}
    assert parsed.cover[15] == {"sec", "claim", "x"}
    assert parsed.cover[30] == {"sec"}  # the final full stop
    # x is closed with the entity at 13 and reopened: two fragments, the second a continuation.
    assert parsed.fragments == {"sec": 1, "claim": 1, "ent": 1, "x": 2}
    assert parsed.continued == {"x": 1}


def test_three_way_crossing_keeps_every_character_covered_once() -> None:
    # a 0:4, b 2:6, c 4:8 over "01234567": b crosses a, c crosses b.
    parsed = parse(build("01234567", [mark(0, 4, "a"), mark(2, 6, "b"), mark(4, 8, "c")]))
    expected = [{"a"}, {"a"}, {"a", "b"}, {"a", "b"}, {"b", "c"}, {"b", "c"}, {"c"}, {"c"}]
    assert [set(c) for c in parsed.cover] == expected
    assert parsed.fragments == {"a": 1, "b": 2, "c": 1}
    assert parsed.continued == {"b": 1}


def test_text_and_attribute_values_are_escaped() -> None:
    text = "<script>alert(\"x\")</script> & 'y'"
    evil = Mark(
        0, 8, 0, ('a"b', "ok"), (("data-tip", '"><script>alert(1)</script>'), ("data-k", "e"))
    )
    html = build(text, [evil])
    assert "<script" not in html
    assert 'data-tip="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;" data-k="e"' in html
    assert 'class="a_b ok"' in html  # class tokens are sanitised, not just escaped
    assert html.endswith("&gt;</span>alert(&quot;x&quot;)&lt;/script&gt; &amp; &#x27;y&#x27;")
    assert parse(html).text == text


@pytest.mark.parametrize("name", ["onclick", "style", "data x", "Data-x"])
def test_unsafe_attribute_names_are_refused(name: str) -> None:
    with pytest.raises(ValueError, match="refusing attribute name"):
        build("abc", [Mark(0, 1, 0, (), ((name, "v"),))])


@pytest.mark.parametrize(("start", "end"), [(0, 0), (2, 1), (-1, 2), (0, 4)])
def test_marks_outside_the_text_or_empty_are_errors(start: int, end: int) -> None:
    with pytest.raises(ValueError, match="outside text"):
        build("abc", [mark(start, end, "m")])


def test_class_token() -> None:
    assert class_token("ent-WORK_OF_ART") == "ent-WORK_OF_ART"
    assert class_token('x" onload="y') == "x__onload__y"
    assert class_token("") == "_"


@st.composite
def texts_and_marks(draw: st.DrawFn) -> tuple[str, list[Mark]]:
    text = draw(st.text(alphabet="ab<>&\"' \n", min_size=1, max_size=30))
    count = draw(st.integers(0, 8))
    marks = []
    for i in range(count):
        start = draw(st.integers(0, len(text) - 1))
        end = draw(st.integers(start + 1, len(text)))
        marks.append(mark(start, end, f"m{i}", rank=draw(st.integers(0, 3))))
    return text, marks


@settings(max_examples=200, deadline=None)
@given(texts_and_marks())
def test_any_marks_give_well_formed_html_covering_exactly_their_characters(
    case: tuple[str, list[Mark]],
) -> None:
    text, marks = case
    parsed = parse(build(text, marks))
    assert parsed.text == text
    for position in range(len(text)):
        expected = {f"m{i}" for i, m in enumerate(marks) if m.start <= position < m.end}
        assert parsed.cover[position] == expected
