"""Nested HTML markup from possibly overlapping spans, built from boundary events.

Spans over a text form a tree only when none of them cross. Each ``Mark`` becomes one ``<span>``
element or, where it crosses another mark, several consecutive fragments: at every boundary the
builder closes the marks that end there (closing and reopening the marks above them on the stack)
and opens the marks that start there, longest first. Continuation fragments carry the class
``cont`` so styles meant for a span's first box (a section's label) are drawn once.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from html import escape

_ATTR_NAME = re.compile(r"^[a-z][a-z0-9-]*$")
_CLASS_TOKEN = re.compile(r"[^A-Za-z0-9_-]")
# A line break, one blank line, then the further blank lines of the run (the group).
_BLANK_RUN = re.compile(r"\n[^\S\n]*\n((?:[^\S\n]*\n)+)")
GAP_RANK = 1000  # innermost: a gap holds only whitespace, inside whatever mark covers it


def class_token(value: str) -> str:
    """A string made safe as one CSS class token (anything else becomes ``_``)."""
    return _CLASS_TOKEN.sub("_", value) or "_"


@dataclass(frozen=True)
class Mark:
    """One span to draw: code-point offsets (end exclusive), classes and attributes.

    ``rank`` orders marks with the same extent: the lower rank is drawn outside.
    """

    start: int
    end: int
    rank: int
    classes: tuple[str, ...] = ()
    attrs: tuple[tuple[str, str], ...] = field(default_factory=tuple)

    def open_tag(self, continued: bool) -> str:
        """The opening tag of one fragment of this mark, every value escaped."""
        names = [class_token(c) for c in self.classes]
        if continued:
            names.append("cont")
        parts = ["<span"]
        if names:
            parts.append(f' class="{escape(" ".join(names), quote=True)}"')
        for name, value in self.attrs:
            if not _ATTR_NAME.match(name) or name.startswith("on") or name == "style":
                raise ValueError(f"refusing attribute name {name!r}")
            parts.append(f' {name}="{escape(value, quote=True)}"')
        parts.append(">")
        return "".join(parts)


def blank_runs(text: str) -> list[Mark]:
    """Marks of class ``gap`` over the blank lines after the first of each run.

    The stylesheet hides them, so a run of blank lines is drawn as one blank line instead of a
    large empty band; the characters stay in the page (offsets and ``textContent`` unchanged).
    """
    return [
        Mark(m.start(1), m.end(1), GAP_RANK, ("gap",), (("aria-hidden", "true"),))
        for m in _BLANK_RUN.finditer(text)
    ]


def build(text: str, marks: Sequence[Mark]) -> str:
    """The text as escaped HTML with every mark wrapped in ``<span>`` fragments that nest."""
    for mark in marks:
        if not 0 <= mark.start < mark.end <= len(text):
            raise ValueError(f"mark {mark.start}:{mark.end} outside text of length {len(text)}")
    order = sorted(
        range(len(marks)), key=lambda i: (marks[i].start, -marks[i].end, marks[i].rank, i)
    )
    seq = {index: position for position, index in enumerate(order)}
    starting: dict[int, list[int]] = {}
    for index in order:
        starting.setdefault(marks[index].start, []).append(index)
    boundaries = sorted({0, len(text)} | {m.start for m in marks} | {m.end for m in marks})

    def nesting(index: int) -> tuple[int, int, int]:
        # Longer marks outside; equal extents by rank; then input order.
        return (-marks[index].end, marks[index].rank, seq[index])

    out: list[str] = []
    stack: list[int] = []
    position = 0
    for at in boundaries:
        out.append(escape(text[position:at], quote=True))
        position = at
        ending = [depth for depth, index in enumerate(stack) if marks[index].end == at]
        reopen: list[int] = []
        if ending:
            lowest = ending[0]
            out.append("</span>" * (len(stack) - lowest))
            reopen = [index for index in stack[lowest:] if marks[index].end != at]
            del stack[lowest:]
        opening = sorted(reopen + starting.get(at, []), key=nesting)
        for index in opening:
            out.append(marks[index].open_tag(continued=marks[index].start < at))
            stack.append(index)
    if stack:  # unreachable: every mark ends at a boundary no later than len(text)
        raise AssertionError("unclosed marks")
    return "".join(out)
