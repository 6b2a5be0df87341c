"""The leaderboard table: systems scored against the gold, one Markdown row per system.

Scoring is passed in as a callable ``score(gold_docs, predictions) -> dict`` so that the table
does not depend on one scorer's internals; ``scripts/leaderboard.py`` wires it to
``newsgold.scoring.score``. Numbers are never typed by hand: every cell is looked up in the dict
the scorer returns, by a "/"-separated path such as ``entities/strict/f1``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from newsgold.errors import NewsgoldError

Score = Callable[[list[dict[str, Any]], list[dict[str, Any]]], dict[str, Any]]


@dataclass(frozen=True)
class Column:
    """A leaderboard column: its header and the path of its number in the scorer's dict."""

    header: str
    path: str


@dataclass(frozen=True)
class Row:
    """One system's line: its name and one number per column."""

    system: str
    values: tuple[float, ...]


def lookup(result: dict[str, Any], path: str) -> float:
    """The number at a "/"-separated path of a score dict; NewsgoldError naming what exists."""
    node: Any = result
    walked: list[str] = []
    for key in path.split("/"):
        if not isinstance(node, dict) or key not in node:
            known = sorted(node) if isinstance(node, dict) else []
            where = "/".join(walked) or "the top level"
            raise NewsgoldError(
                f"score has no {key!r} under {where}; expected one of {known}", pointer="/" + path
            )
        node = node[key]
        walked.append(key)
    if isinstance(node, bool) or not isinstance(node, int | float):
        raise NewsgoldError(f"score at {path} is {node!r}; expected a number", pointer="/" + path)
    return float(node)


def leaderboard(
    gold_docs: list[dict[str, Any]],
    systems: dict[str, list[dict[str, Any]]],
    score: Score,
    columns: Sequence[Column],
) -> list[Row]:
    """Score every system's predictions against the gold; rows in the order systems were given."""
    rows = []
    for name, predictions in systems.items():
        result = score(gold_docs, predictions)
        rows.append(Row(name, tuple(lookup(result, c.path) for c in columns)))
    return rows


def to_markdown(rows: Sequence[Row], columns: Sequence[Column], percent: bool = True) -> str:
    """A Markdown table: one row per system, numbers in percent with one decimal by default."""
    header = "| System | " + " | ".join(c.header for c in columns) + " |"
    rule = "|---|" + "---:|" * len(columns)
    lines = [header, rule]
    for row in rows:
        cells = [f"{100 * v:.1f}" if percent else f"{v:.3f}" for v in row.values]
        lines.append(f"| {row.system} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"
