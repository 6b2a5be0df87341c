"""Compiled schemas accept exactly what jsonschema accepts, and refuse what they cannot compile."""

from __future__ import annotations

import copy
from functools import cache
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource

from newsgold import synthetic
from newsgold.schemas import registry, validator
from newsgold.validate.compiled import compile_validator


def _pair(schema: dict[str, Any]) -> tuple[Draft202012Validator, Any]:
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://example.test/s.json",
        **schema,
    }
    reg: Registry[Any] = Registry().with_resource(schema["$id"], Resource.from_contents(schema))
    plain = Draft202012Validator(schema, registry=reg, format_checker=FormatChecker())
    return plain, compile_validator(plain, reg)


# Each schema with instances whose validity was worked out by hand from the 2020-12 spec.
CASES: list[tuple[dict[str, Any], list[tuple[Any, bool]]]] = [
    (
        {"type": "integer", "minimum": 0},
        [(0, True), (7, True), (-1, False), (True, False), (5.0, True), ("5", False)],
    ),
    (
        {"type": ["string", "null"], "minLength": 2, "maxLength": 3},
        [("ab", True), ("abcd", False), ("a", False), (None, True), ("😀😀", True)],
    ),
    ({"enum": ["a", "b"]}, [("a", True), ("c", False), (1, False), (None, False)]),
    ({"pattern": "^t[0-9]+$"}, [("t12", True), ("x12", False), (12, True)]),
    (
        {"type": "array", "items": {"type": "string"}, "minItems": 1, "uniqueItems": True},
        [(["a"], True), ([], False), (["a", "a"], False), (["a", 1], False), ("a", False)],
    ),
    (
        {
            "type": "object",
            "properties": {"a": {"type": "integer"}},
            "required": ["a"],
            "additionalProperties": False,
        },
        [
            ({"a": 1}, True),
            ({}, False),
            ({"a": 1, "b": 2}, False),
            ({"a": "1"}, False),
            ([], False),
        ],
    ),
    ({"oneOf": [{"type": "string"}, {"type": "null"}]}, [("x", True), (None, True), (1, False)]),
    ({"oneOf": [{"type": "integer"}, {"minimum": 0}]}, [(1, False), (-1, True), (0.5, True)]),
    ({"allOf": [{"type": "number"}, {"minimum": 2}]}, [(2, True), (1.5, False), ("3", False)]),
    (
        {"anyOf": [{"type": "string"}, {"minimum": 2}], "not": {"enum": ["no"]}},
        [("x", True), ("no", False), (3, True), (1, False)],
    ),
    (
        {"$defs": {"d": {"type": "string", "format": "date"}}, "$ref": "#/$defs/d"},
        [("2025-02-04", True), ("2025-02-30", False), (3, False)],
    ),
    ({"properties": {"x": True, "y": False}}, [({"x": 1}, True), ({"y": 1}, False), (1, True)]),
    # allOf of open object schemas, fused into one pass: a key listed twice must pass both.
    (
        {
            "allOf": [
                {"type": "object", "properties": {"a": {"type": "integer"}}, "required": ["a"]}
            ],
            "properties": {"a": {"minimum": 0}, "b": {"type": "string"}},
            "required": ["b"],
        },
        [
            ({"a": 1, "b": "x"}, True),
            ({"a": -1, "b": "x"}, False),
            ({"a": "1", "b": "x"}, False),
            ({"b": "x"}, False),
            ({"a": 1}, False),
            ({"a": 1, "b": "x", "c": 0}, True),
            ([], False),
            (3, False),
        ],
    ),
    (
        {
            "allOf": [{"properties": {"a": {"type": "integer"}}}],
            "properties": {"b": {"type": "string"}},
        },
        [(3, True), ({}, True), ({"a": "x"}, False), ({"b": 1}, False), ({"a": 1, "b": "y"}, True)],
    ),
    (
        {
            "$defs": {
                "span": {
                    "type": "object",
                    "properties": {"s": {"type": "integer"}},
                    "required": ["s"],
                }
            },
            "allOf": [{"$ref": "#/$defs/span"}],
            "properties": {"t": {"enum": ["A"]}},
            "required": ["t"],
        },
        [
            ({"s": 1, "t": "A"}, True),
            ({"s": "1", "t": "A"}, False),
            ({"t": "A"}, False),
            ({"s": 1, "t": "B"}, False),
        ],
    ),
    # Not fusable (the member closes its object): b is an additional property there.
    (
        {
            "allOf": [{"type": "object", "properties": {"a": True}, "additionalProperties": False}],
            "properties": {"b": True},
        },
        [({"a": 1}, True), ({"a": 1, "b": 1}, False), ({}, True)],
    ),
]


@pytest.mark.parametrize(("schema", "instances"), CASES)
def test_compiled_agrees_with_the_hand_worked_answers(
    schema: dict[str, Any], instances: list[tuple[Any, bool]]
) -> None:
    plain, compiled = _pair(schema)
    assert compiled is not None
    for instance, expected in instances:
        assert plain.is_valid(instance) is expected, instance  # the hand answer is right
        assert compiled(instance) is expected, instance


@pytest.mark.parametrize(
    "schema",
    [
        {"const": 3},
        {"patternProperties": {"^a": {"type": "string"}}},
        {"prefixItems": [{"type": "string"}], "items": False},
        {"properties": {"a": {"$id": "inner", "type": "string"}}},
        {"enum": [1, 2]},
        {"if": {"type": "string"}, "then": {"minLength": 1}},
    ],
)
def test_keywords_it_cannot_translate_exactly_leave_it_to_jsonschema(
    schema: dict[str, Any],
) -> None:
    assert _pair(schema)[1] is None


def test_unique_items_over_non_strings_is_left_undecided() -> None:
    plain, compiled = _pair({"uniqueItems": True})
    assert compiled is not None
    assert plain.is_valid([1, 2]) and not compiled([1, 2])  # False means "ask jsonschema"
    assert compiled(["a", "b"]) and not compiled(["a", "a"])


def test_integers_are_integer_literals_in_the_newsgold_schemas() -> None:
    # 2020-12 calls 5.0 an integer; newsgold's validators do not (offsets index Python str).
    span = {"type": "integer"}
    strict = validator("annotations").evolve(schema=span)
    assert strict.is_valid(5) and not strict.is_valid(5.0)
    compiled = compile_validator(strict, registry())
    assert compiled is not None and compiled(5) and not compiled(5.0)


JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-3, 3)
    | st.floats(-3, 3, allow_nan=False)
    | st.sampled_from(["", "a", "t1", "e2", "2025-01-31", "P6M", "DATE", "ORG", "x" * 90]),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(
            st.sampled_from(["id", "start", "end", "text", "type", "value"]), inner, max_size=4
        )
    ),
    max_leaves=12,
)


@settings(max_examples=150, deadline=None)
@given(JSON, st.sampled_from(["annotations", "metadata", "predictions"]))
def test_any_json_value_gets_the_same_verdict(instance: Any, name: str) -> None:
    strict = validator(name)
    compiled = compile_validator(strict, registry())
    assert compiled is not None  # the three schemas of schema/ compile
    assert compiled(instance) == strict.is_valid(instance)


MUTATIONS = st.sampled_from(["drop", "null", "string", "float", "negative", "extra", "list"])


@cache
def _annotations(number: int) -> dict[str, Any]:
    return synthetic.article(1, number).annotations


@settings(max_examples=60, deadline=None)
@given(
    st.integers(0, 5),
    st.lists(st.tuples(st.integers(0, 10**6), MUTATIONS), max_size=3),
    st.sampled_from(["annotations", "predictions"]),
)
def test_mutated_annotation_files_get_the_same_verdict(
    number: int, edits: list[tuple[int, str]], schema: str
) -> None:
    data = copy.deepcopy(_annotations(number))
    if schema == "predictions":  # the same spans as a system's output line
        data = {k: data[k] for k in ("doc_id", "entities", "dates", "figures", "claims")}
    nodes: list[tuple[Any, Any]] = []  # (container, key) for every value in the file

    def collect(node: Any) -> None:
        items = node.items() if isinstance(node, dict) else enumerate(node)
        for key, value in items:
            nodes.append((node, key))
            if isinstance(value, (dict, list)):
                collect(value)

    collect(data)
    for pick, how in edits:
        container, key = nodes[pick % len(nodes)]
        if how == "drop" and isinstance(container, dict):
            container.pop(key, None)
        elif how == "extra" and isinstance(container, dict):
            container["unexpected"] = 1
        elif key in container if isinstance(container, dict) else key < len(container):
            container[key] = {
                "null": None,
                "string": "5",
                "float": 5.0,
                "negative": -1,
                "list": [],
                "drop": None,
                "extra": {},
            }[how]
    strict = validator(schema)
    compiled = compile_validator(strict, registry())
    assert compiled is not None
    assert compiled(data) == strict.is_valid(data)
