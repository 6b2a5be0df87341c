"""Uncertainty: document-level bootstrap intervals and paired significance tests."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from newsgold.errors import NewsgoldError
from newsgold.scoring.layers import headline_parts
from newsgold.scoring.score import (
    DEFAULT_CONFIDENCE,
    METHODS,
    Bootstrap,
    ScoreResult,
    headline_names,
)

CHUNK = 200  # resamples drawn at once (bounds memory at CHUNK x documents weights)
Matrix = NDArray[np.float64]


def parts(result: ScoreResult, doc_ids: list[str]) -> tuple[list[str], Matrix, Matrix]:
    """Headline names and per-document numerator and denominator matrices (documents x metrics)."""
    names = headline_names(result.layers)
    num = np.zeros((len(doc_ids), len(names)))
    den = np.zeros((len(doc_ids), len(names)))
    for row, doc_id in enumerate(doc_ids):
        counts = result.documents[doc_id].counts
        values = {
            f"{layer}.{name}": pair
            for layer in result.layers
            for name, pair in headline_parts(layer, counts[layer]).items()
        }
        for col, name in enumerate(names):
            num[row, col], den[row, col] = values[name]
    return names, num, den


def _ratio(num: Matrix, den: Matrix) -> Matrix:
    out = np.full(num.shape, np.nan)
    np.divide(num, den, out=out, where=den > 0)
    return out


def _resample_weights(rng: np.random.Generator, documents: int, samples: int) -> Iterator[Matrix]:
    """How often each document is drawn in each resample, CHUNK resamples at a time."""
    probabilities = np.full(documents, 1.0 / documents)
    for first in range(0, samples, CHUNK):
        size = min(CHUNK, samples - first)
        yield rng.multinomial(documents, probabilities, size=size).astype(np.float64)


def _paired_weights(
    method: str, rng: np.random.Generator, documents: int, samples: int
) -> Iterator[tuple[Matrix, Matrix]]:
    """Weights (x, y) of each round: the bootstrap draws documents, randomisation swaps them."""
    if method == "bootstrap":
        for w in _resample_weights(rng, documents, samples):
            yield w, np.zeros_like(w)
        return
    for first in range(0, samples, CHUNK):
        swap = rng.integers(0, 2, size=(min(CHUNK, samples - first), documents)).astype(np.float64)
        yield 1.0 - swap, swap


def _check(samples: int, confidence: float = DEFAULT_CONFIDENCE) -> None:
    if samples < 1:
        raise NewsgoldError(f"{samples} resamples; expected at least 1", status=2)
    if not 0 < confidence < 1:
        raise NewsgoldError(f"confidence {confidence}; expected a number between 0 and 1", status=2)


def bootstrap_intervals(
    result: ScoreResult, samples: int, seed: int, confidence: float = DEFAULT_CONFIDENCE
) -> Bootstrap:
    """Percentile intervals of each headline metric over document-level resamples."""
    _check(samples, confidence)
    doc_ids = sorted(result.documents)
    names, num, den = parts(result, doc_ids)
    if not doc_ids:
        return Bootstrap(samples, seed, confidence, {name: (None, None) for name in names})
    rng = np.random.default_rng(seed)
    values = np.vstack(
        [_ratio(w @ num, w @ den) for w in _resample_weights(rng, len(doc_ids), samples)]
    )
    tail = (1 - confidence) / 2 * 100
    intervals: dict[str, tuple[float | None, float | None]] = {}
    for col, name in enumerate(names):
        known = values[:, col][~np.isnan(values[:, col])]
        if known.size:
            low, high = np.percentile(known, [tail, 100 - tail])
            intervals[name] = (float(low), float(high))
        else:
            intervals[name] = (None, None)
        if not result.predicted(name.split(".")[0]):
            intervals[name] = (None, None)  # no interval of a score not reported
    return Bootstrap(samples, seed, confidence, intervals)


@dataclass
class MetricTest:
    """One headline metric of two systems, their difference and its two-sided p-value."""

    a: float | None
    b: float | None
    p_value: float | None

    @property
    def difference(self) -> float | None:
        """a - b."""
        return None if self.a is None or self.b is None else self.a - self.b

    def to_dict(self) -> dict[str, Any]:
        """a, b, difference, p_value."""
        return {"a": self.a, "b": self.b, "difference": self.difference, "p_value": self.p_value}


@dataclass
class Comparison:
    """A paired significance test of two predictions files on the same gold documents."""

    a: ScoreResult
    b: ScoreResult
    method: str
    samples: int
    seed: int
    tests: dict[str, MetricTest]

    def to_dict(self) -> dict[str, Any]:
        """The stable JSON form: systems, method, and a test per headline metric."""
        return {
            "a": self.a.predictions,
            "b": self.b.predictions,
            "documents": len(self.a.documents),
            "method": self.method,
            "samples": self.samples,
            "seed": self.seed,
            "tests": {name: t.to_dict() for name, t in self.tests.items()},
        }

    def to_markdown(self) -> str:
        """The comparison as a Markdown table."""
        from newsgold.scoring.report import comparison_text

        return comparison_text(self, markdown=True)


def paired_test(
    a: ScoreResult, b: ScoreResult, samples: int, seed: int, method: str = "randomization"
) -> Comparison:
    """Two-sided p-values of the headline differences a - b, over documents.

    ``bootstrap``: resample documents with replacement; p = (1 + #{|d* - d| >= |d|}) / (N + 1),
    the bootstrap distribution of the difference shifted to mean zero. ``randomization``:
    approximate randomisation, swapping the two systems' counts of each document with
    probability 1/2; p = (1 + #{|d*| >= |d|}) / (N + 1).
    """
    _check(samples)
    if method not in METHODS:
        raise NewsgoldError(f"unknown test {method!r}; expected one of {list(METHODS)}", status=2)
    if set(a.documents) != set(b.documents) or a.layers != b.layers:
        raise NewsgoldError(
            "the two results cover different documents or layers; expected a paired comparison"
        )
    doc_ids = sorted(a.documents)
    names, num_a, den_a = parts(a, doc_ids)
    _, num_b, den_b = parts(b, doc_ids)
    observed = _ratio(num_a.sum(0, keepdims=True), den_a.sum(0, keepdims=True)) - _ratio(
        num_b.sum(0, keepdims=True), den_b.sum(0, keepdims=True)
    )
    rng = np.random.default_rng(seed)
    extreme = np.zeros(len(names))
    valid = np.zeros(len(names))
    for x, y in _paired_weights(method, rng, len(doc_ids), samples):
        # resampled A = x @ A + y @ B and resampled B = y @ A + x @ B, document by document
        diff = _ratio(x @ num_a + y @ num_b, x @ den_a + y @ den_b) - _ratio(
            y @ num_a + x @ num_b, y @ den_a + x @ den_b
        )
        if method == "bootstrap":
            diff = diff - observed
        known = ~np.isnan(diff)
        extreme += (known & (np.abs(np.nan_to_num(diff)) >= np.abs(observed) - 1e-12)).sum(0)
        valid += known.sum(0)
    score_a, score_b = a.headline(), b.headline()
    tests = {}
    for col, name in enumerate(names):
        layer = name.split(".")[0]
        unknown = np.isnan(observed[0, col]) or not (a.predicted(layer) and b.predicted(layer))
        p = None if unknown else float((extreme[col] + 1) / (valid[col] + 1))
        tests[name] = MetricTest(score_a[name], score_b[name], p)
    return Comparison(a, b, method, samples, seed, tests)
