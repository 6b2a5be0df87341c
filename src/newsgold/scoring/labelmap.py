"""Scoring a system that predicts another entity tag set: gold entity types folded to its labels."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Any

from newsgold import jsonio
from newsgold.errors import NewsgoldError
from newsgold.schemas import enum
from newsgold.shown import quoted

SHIPPED = ("conll2003", "wikiner")  # maps in newsgold/scoring/labelmaps/, selectable by name
LEFT_OUT = "left_out "  # entity tallies "left_out gold TYPE" / "left_out pred TYPE": spans dropped
_LABEL = re.compile(r"[^\s:]+")  # a system label: no spaces (count cells are space-separated)


def _shown(value: Any) -> str:
    """A value of the map file as a message quotes it: a string repr-style, anything else as
    its JSON (so 3, null and a list are told apart from strings)."""
    return quoted(value) if isinstance(value, str) else quoted(json.dumps(value))


def gold_types() -> list[str]:
    """The gold entity types, in the schema's order."""
    return enum("entity_type")


@dataclass(frozen=True)
class LabelMap:
    """Which system label each gold entity type is scored as; types in no set are left out.

    ``predicts_gold_types``: the predictions use gold types (``--types``), and predicted spans
    of types left out are dropped; otherwise they use the map's labels and any other is an error.
    """

    name: str
    groups: dict[str, tuple[str, ...]]  # system label -> gold types folded to it
    predicts_gold_types: bool = False

    @cached_property
    def fold(self) -> dict[str, str]:
        """Gold type -> system label."""
        return {t: label for label, types in self.groups.items() for t in types}

    @property
    def left_out(self) -> list[str]:
        """Gold types in no set: their gold (and predicted) spans are not scored."""
        fold = self.fold
        return [t for t in gold_types() if t not in fold]

    def gold_label(self, type_: str) -> str | None:
        """The label a gold span of this type is scored as, None when left out."""
        return self.fold.get(type_)

    def predicted_label(self, label: str) -> str | None:
        """The label a predicted span is scored as, None when dropped (``--types`` only)."""
        if self.predicts_gold_types:
            return self.fold.get(label)
        return label

    def to_dict(self) -> dict[str, Any]:
        """name, labels {label: [gold types]}, left_out_types, predicts_gold_types."""
        return {
            "name": self.name,
            "labels": {label: list(types) for label, types in self.groups.items()},
            "left_out_types": self.left_out,
            "predicts_gold_types": self.predicts_gold_types,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> LabelMap:
        """Inverse of to_dict (as stored in a score JSON)."""
        groups = {str(k): tuple(str(t) for t in v) for k, v in data["labels"].items()}
        return cls(str(data["name"]), groups, bool(data["predicts_gold_types"]))


def parse_map(data: Any, name: str) -> LabelMap:
    """A map {label: [gold types]} checked: known gold types, each folded to one label only."""
    if not isinstance(data, dict) or not data:
        raise NewsgoldError(
            f"the label map is {quoted(json.dumps(data))}; expected a non-empty "
            'object of lists of gold types, e.g. {"PER": ["PERSON"]}',
            name,
        )
    known = gold_types()
    seen: dict[str, str] = {}
    groups: dict[str, tuple[str, ...]] = {}
    for label, types in data.items():
        where = jsonio.pointer([label])
        if not _LABEL.fullmatch(label) or label == "-":
            raise NewsgoldError(
                f"label {label!r} cannot be scored; expected a label without spaces or colons",
                name,
                where,
            )
        if not isinstance(types, list) or not types:
            raise NewsgoldError(
                f"{label} maps to {_shown(types)}; expected a non-empty list of gold types",
                name,
                where,
            )
        for i, type_ in enumerate(types):
            at = jsonio.pointer([label, i])
            if type_ not in known:
                raise NewsgoldError(
                    f"unknown gold type {_shown(type_)}; expected one of {', '.join(known)}",
                    name,
                    at,
                )
            if type_ in seen:
                raise NewsgoldError(
                    f"gold type {type_} is mapped to {label} and already to {seen[type_]}; "
                    "expected each gold type in one label's list at most",
                    name,
                    at,
                )
            seen[type_] = label
        groups[label] = tuple(types)
    return LabelMap(name, groups)


def load_map(spec: str | Path) -> LabelMap:
    """A shipped map by name (``conll2003``, ``wikiner``) or a JSON map file."""
    if isinstance(spec, str) and spec in SHIPPED:
        text = resources.files("newsgold.scoring.labelmaps").joinpath(f"{spec}.json")
        return parse_map(jsonio.loads(text.read_text("utf-8"), spec), spec)
    path = Path(spec)
    if not path.is_file():
        raise NewsgoldError(
            f"no such label map file; expected a JSON file or one of {', '.join(SHIPPED)}",
            str(spec),
            status=2,
        )
    return parse_map(jsonio.load(path), str(spec))


def types_map(types: Iterable[str]) -> LabelMap:
    """Score only these gold types (``--types``): the identity map restricted to them."""
    chosen = list(dict.fromkeys(t.strip() for t in types if t.strip()))
    known = gold_types()
    unknown = [t for t in chosen if t not in known]
    if unknown or not chosen:
        raise NewsgoldError(
            f"--types {','.join(unknown) or '(none)'}: expected gold entity types, some of "
            f"{', '.join(known)}",
            status=2,
        )
    ordered = [t for t in known if t in chosen]
    return LabelMap("types " + ",".join(ordered), {t: (t,) for t in ordered}, True)


def apply_map(
    label_map: LabelMap, gold: Sequence[Mapping[str, Any]], pred: Sequence[Mapping[str, Any]]
) -> tuple[list[Mapping[str, Any]], list[Mapping[str, Any]], dict[str, int]]:
    """Gold and predicted entities relabelled into the system's labels, without those left out,
    and the tallies of spans left out (``left_out gold TYPE``, ``left_out pred TYPE``)."""
    left: dict[str, int] = {}
    out: list[list[Mapping[str, Any]]] = [[], []]
    for side, items, relabel in (
        ("gold", gold, label_map.gold_label),
        ("pred", pred, label_map.predicted_label),
    ):
        for item in items:
            label = relabel(item["type"])
            if label is None:
                key = f"{LEFT_OUT}{side} {item['type']}"
                left[key] = left.get(key, 0) + 1
            else:
                out[side == "pred"].append(
                    item if label == item["type"] else {**item, "type": label}
                )
    return out[0], out[1], left


def left_out_counts(tallies: Mapping[str, int]) -> dict[str, dict[str, int]]:
    """Spans left out per gold type from the entity tallies: {type: {gold: n, predicted: m}}."""
    out: dict[str, dict[str, int]] = {}
    for key, n in tallies.items():
        if key.startswith(LEFT_OUT):
            side, type_ = key[len(LEFT_OUT) :].split(" ", 1)
            counts = out.setdefault(type_, {"gold": 0, "predicted": 0})
            counts["gold" if side == "gold" else "predicted"] += n
    return dict(sorted(out.items()))
