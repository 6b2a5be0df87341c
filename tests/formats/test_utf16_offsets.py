"""Code point <-> UTF-16 offsets, checked against Python's own UTF-16 encoder."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsgold.formats.offsets import Utf16Map, utf16_length


def units(text: str, offset: int) -> int:
    """Oracle: the UTF-16 length of the prefix, from the codec (independent of the map)."""
    return len(text[:offset].encode("utf-16-le")) // 2


def test_emoji_and_cjk_extension_b_by_hand() -> None:
    # x 😀 y 𠮷 z: code points 0 1 2 3 4; UTF-16 units x=0, 😀=1-2, y=3, 𠮷=4-5, z=6, end 7.
    text = "x\U0001f600y\U00020bb7z"
    umap = Utf16Map(text)
    assert [umap.to_utf16(i) for i in range(6)] == [0, 1, 3, 4, 6, 7]
    assert [umap.to_codepoint(u) for u in (0, 1, 3, 4, 6, 7)] == [0, 1, 2, 3, 4, 5]
    assert umap.utf16_length == 7 == utf16_length(text)


@pytest.mark.parametrize("inside", [2, 5])
def test_offset_inside_a_surrogate_pair_is_refused(inside: int) -> None:
    umap = Utf16Map("x\U0001f600y\U00020bb7z")
    with pytest.raises(ValueError, match="surrogate pair"):
        umap.to_codepoint(inside)


def test_bmp_text_is_identity_and_bounds_are_checked() -> None:
    text = "Ünïcödé but all in the BMP: 中文"
    umap = Utf16Map(text)
    assert all(umap.to_utf16(i) == i == umap.to_codepoint(i) for i in range(len(text) + 1))
    with pytest.raises(ValueError):
        umap.to_utf16(len(text) + 1)
    with pytest.raises(ValueError):
        umap.to_codepoint(-1)


def test_adjacent_astral_characters() -> None:
    text = "\U0001f600\U0001f389\U00020000"  # three in a row: 6 units
    umap = Utf16Map(text)
    assert [umap.to_utf16(i) for i in range(4)] == [0, 2, 4, 6]
    assert [umap.to_codepoint(u) for u in (0, 2, 4, 6)] == [0, 1, 2, 3]
    for odd in (1, 3, 5):
        with pytest.raises(ValueError):
            umap.to_codepoint(odd)


@given(
    st.text(
        alphabet=st.sampled_from("ab \n\u00e9\u4e2d\U0001f600\U00020bb7\U0010fffd"), max_size=60
    )
)
def test_agrees_with_the_utf16_codec(text: str) -> None:
    umap = Utf16Map(text)
    for offset in range(len(text) + 1):
        u = umap.to_utf16(offset)
        assert u == units(text, offset)
        assert umap.to_codepoint(u) == offset
