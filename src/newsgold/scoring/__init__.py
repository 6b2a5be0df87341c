"""Scoring extraction models against the gold annotations, and agreement between annotators.

``score(gold, predictions)`` returns a ScoreResult; ``merge`` joins shard results;
``paired_test`` compares two systems; ``agree(a, b)`` compares two annotations.
"""

from newsgold.scoring.agree import Agreement, agree
from newsgold.scoring.gold import gold_from_rows, load_gold
from newsgold.scoring.matching import SCHEMES, Alignment, Span, match
from newsgold.scoring.predictions import Predictions, Problem, check_predictions, read_predictions
from newsgold.scoring.score import ScoreResult, merge, score
from newsgold.scoring.stats import Comparison, bootstrap_intervals, paired_test

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
