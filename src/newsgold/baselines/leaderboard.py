"""The leaderboard: the systems newsgold ships, scored on the corpus, one Markdown row each.

Every cell is looked up in ``newsgold.scoring.score(...).to_dict()`` by a "/"-separated path
(``headline/entities.strict_f1``); no number is ever typed by hand. ``scripts/leaderboard.py``
writes the table to ``docs/leaderboard.md``, which ``newsgold build`` puts in the release card.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from newsgold.baselines import predict
from newsgold.baselines.rules import SYSTEM, extract
from newsgold.corpus import Corpus
from newsgold.errors import NewsgoldError
from newsgold.progress import ProgressFn


@dataclass(frozen=True)
class Column:
    """A leaderboard column: its header and the path of its number in the scorer's dict."""

    header: str
    path: str


# The headline metrics of each layer (docs/scoring.md defines them).
COLUMNS = (
    Column("Entities strict F1", "headline/entities.strict_f1"),
    Column("Entities partial F1", "headline/entities.partial_f1"),
    Column("Dates value F1", "headline/dates.value_f1"),
    Column("Figures value F1", "headline/figures.value_f1"),
    Column("Claims strict F1", "headline/claims.strict_f1"),
    Column("Claims token F1", "headline/claims.token_f1"),
)


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
    corpus: Corpus, systems: dict[str, list[dict[str, Any]]], columns: Sequence[Column] = ()
) -> list[Row]:
    """Score every system's predictions on the corpus; rows in the order systems were given."""
    from newsgold.scoring import score  # the scorer imports numpy; only the leaderboard needs it

    rows = []
    for name, predictions in systems.items():
        result = score(corpus, predictions).to_dict()
        rows.append(Row(name, tuple(lookup(result, c.path) for c in columns or COLUMNS)))
    return rows


def to_markdown(rows: Sequence[Row], columns: Sequence[Column] = (), percent: bool = True) -> str:
    """A Markdown table: one row per system, numbers in percent with one decimal by default."""
    columns = columns or COLUMNS
    header = "| System | " + " | ".join(c.header for c in columns) + " |"
    rule = "|---|" + "---:|" * len(columns)
    lines = [header, rule]
    for row in rows:
        cells = [f"{100 * v:.1f}" if percent else f"{v:.3f}" for v in row.values]
        lines.append(f"| {row.system} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def corpus_leaderboard(
    corpus: Corpus, split: str | None = None, progress: ProgressFn | None = None
) -> str:
    """The Markdown leaderboard of the shipped systems on the corpus (or one split of it)."""
    docs = [d for d in corpus if split is None or d.metadata.get("split") == split]
    if not docs:
        raise NewsgoldError(f"no documents to score (split {split!r})", str(corpus.root))
    chosen = Corpus(corpus.root, docs)
    systems = {SYSTEM: predict(chosen, extract, SYSTEM, progress)}
    table = to_markdown(leaderboard(chosen, systems))
    where = f"the {split} split" if split else "all splits"
    return (
        "# Leaderboard\n\n"
        + table
        + f"\nScores in percent on {len(docs)} document(s) of {where}, made by "
        "`scripts/leaderboard.py` (never typed by hand). The rule baseline's rules were written "
        "with the annotation guidelines, whose examples come from the corpus's first article, so "
        "its scores on that article are in-sample and overstate it.\n"
    )
