"""Scoring extraction models against the gold annotations, and agreement between annotators.

``score(gold, predictions)`` returns a ScoreResult; ``merge`` joins shard results;
``paired_test`` compares two systems; ``agree(a, b)`` compares two annotations.
"""

from typing import TYPE_CHECKING, Any

from newsgold.scoring.agree import Agreement, agree
from newsgold.scoring.gold import gold_from_rows, load_gold
from newsgold.scoring.matching import SCHEMES, Alignment, Span, match
from newsgold.scoring.predictions import Predictions, Problem, check_predictions, read_predictions
from newsgold.scoring.score import ScoreResult, merge, score

if TYPE_CHECKING:
    from newsgold.scoring.stats import Comparison, bootstrap_intervals, paired_test

_STATS = ("Comparison", "bootstrap_intervals", "paired_test")  # numpy, imported when first used


def __getattr__(name: str) -> Any:
    if name in _STATS:
        from newsgold.scoring import stats

        return getattr(stats, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "SCHEMES",
    "Agreement",
    "Alignment",
    "Comparison",
    "Predictions",
    "Problem",
    "ScoreResult",
    "Span",
    "agree",
    "bootstrap_intervals",
    "check_predictions",
    "gold_from_rows",
    "load_gold",
    "match",
    "merge",
    "paired_test",
    "read_predictions",
    "score",
]
