"""Code point <-> UTF-16 code unit offsets, for tools that count like JavaScript strings.

newsgold offsets count code points (Python ``str`` indices). Browser tools (Label Studio) count
UTF-16 code units, where every character outside the Basic Multilingual Plane (most emoji, CJK
extension B) takes two units. The map is built once per text in linear time; each conversion is
then a binary search over the positions of those characters (free when there are none).
"""

from __future__ import annotations

import bisect


class Utf16Map:
    """Offset conversion for one text between code points and UTF-16 code units."""

    def __init__(self, text: str) -> None:
        self.length = len(text)
        # Code point index of every astral character, ascending.
        self._astral = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF]
        # UTF-16 index of the first (high) surrogate of each of them.
        self._astral_units = [cp + n for n, cp in enumerate(self._astral)]
        self.utf16_length = self.length + len(self._astral)

    def to_utf16(self, offset: int) -> int:
        """The UTF-16 offset of a code point offset (0..len(text))."""
        if not 0 <= offset <= self.length:
            raise ValueError(f"code point offset {offset} is outside 0..{self.length}")
        return offset + bisect.bisect_left(self._astral, offset)

    def to_codepoint(self, units: int) -> int:
        """The code point offset of a UTF-16 offset; ValueError inside a surrogate pair."""
        if not 0 <= units <= self.utf16_length:
            raise ValueError(f"UTF-16 offset {units} is outside 0..{self.utf16_length}")
        before = bisect.bisect_left(self._astral_units, units)
        if before and self._astral_units[before - 1] + 1 == units:
            raise ValueError(
                f"UTF-16 offset {units} falls between the two halves of a surrogate pair"
            )
        return units - before


def utf16_length(text: str) -> int:
    """Length of a text in UTF-16 code units (what JavaScript's ``length`` says)."""
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)
