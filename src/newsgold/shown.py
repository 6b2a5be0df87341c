"""How messages show annotation text: quoted repr-style, cut with … (docs/reliability.md).

Every string is shown as Python's ``repr`` shows it: in quotes, so leading and trailing spaces
are visible, and with escapes for every other whitespace and invisible character (``\\n``,
``\\t``, ``\\xa0`` for a no-break space, ``\\u200b`` for a zero-width space). A string that is
cut is marked by ``…`` *outside* the quotes, where no text of the document can be.
"""

from __future__ import annotations

CUT = "…"


def quoted(text: str, width: int = 60) -> str:
    """``text`` quoted repr-style; if longer than ``width``, its two ends joined by ``…``.

    Both ends stay, so whitespace at either edge is never cut away:
    ``'The Marlow Harbour'…'a €45 million '``.
    """
    if len(text) <= width:
        return repr(text)
    half = max(width // 2, 1)
    return f"{text[:half]!r}{CUT}{text[-half:]!r}"


def first_difference(a: str, b: str) -> int:
    """The first offset where two texts differ (the shorter length if one is a prefix)."""
    for index, (x, y) in enumerate(zip(a, b, strict=False)):
        if x != y:
            return index
    return min(len(a), len(b))


def contrast(first: str, second: str, context: int = 20) -> tuple[str, str, str]:
    """Two strings that should be equal, shown around where they first differ.

    Returns each string quoted repr-style, cut to ``context`` characters before the first
    difference and ``context`` from it on (``…`` marking every cut), and a phrase saying
    where that difference is: ``they first differ at character 465`` (1-based; when one
    string is the start of the other, the character after the shorter one's end).
    """
    at = first_difference(first, second)
    begin = max(0, at - context)

    def window(text: str) -> str:
        end = min(len(text), at + context)
        before = CUT if begin > 0 else ""
        after = CUT if end < len(text) else ""
        return f"{before}{text[begin:end]!r}{after}"

    return window(first), window(second), f"they first differ at character {at + 1}"
