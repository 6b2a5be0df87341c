"""newsgold.scoring.score on the repository's gold and on hand-built documents."""

from __future__ import annotations

import copy
import gc
import json
import random
from pathlib import Path
from typing import Any

import pytest
from live_repo import ROOT, SEED, copy_articles, set_status
from scoring_helpers import rows_document

from newsgold.corpus import LAYERS, Document, load_corpus
from newsgold.errors import NewsgoldError
from newsgold.scoring import gold_from_rows, score
from newsgold.scoring.counts import Accuracy, Scores
from newsgold.scoring.score import fingerprint
from newsgold.splits import load_splits


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The gold seed (test) and a draft article (validation): only the seed is scored."""
    record = load_splits(ROOT)
    assert record is not None
    draft = record["validation"][0]
    root = copy_articles(tmp_path_factory.mktemp("score") / "repo", [SEED, draft])
    set_status(root, draft, "draft")
    return root


def perfect(doc_layers: dict[str, Any], doc_id: str) -> dict[str, Any]:
    return {"doc_id": doc_id, **{layer: copy.deepcopy(doc_layers[layer]) for layer in LAYERS}}


def all_numbers(data: Any) -> list[float]:
    """Every float inside the scores part of a result dict (counts are ints and skipped)."""
    if isinstance(data, dict):
        return [v for value in data.values() for v in all_numbers(value)]
    if isinstance(data, list):
        return [v for value in data for v in all_numbers(value)]
    return [data] if isinstance(data, float) else []


def test_perfect_predictions_on_the_repository_gold_score_one_everywhere() -> None:
    # An invariant of the live corpus, whatever it holds: drafts are predicted too, not scored.
    corpus = load_corpus(ROOT)
    gold = [doc for doc in corpus if doc.annotations["status"] == "gold"]
    predictions = [perfect(doc.annotations, doc.doc_id) for doc in corpus]
    result = score(ROOT, predictions)
    assert result.missing == []
    assert set(result.headline().values()) == {1.0}
    data = result.to_dict(per_doc=True)
    scores = [data["scores"], data["per_document"]]
    numbers = all_numbers(scores)
    assert numbers and set(numbers) == {1.0}
    for layer in LAYERS:
        for scheme in data["scores"][layer]["schemes"].values():
            counts = scheme["counts"]
            assert counts["INC"] == counts["PAR"] == counts["MIS"] == counts["SPU"] == 0
            assert counts["COR"] == sum(len(d.spans(layer)) for d in gold)


def test_empty_predictions_have_zero_recall_and_are_counted_missing(repo: Path) -> None:
    result = score(repo, [])
    assert result.missing == [SEED]  # the draft is not scored, so not missing either
    for layer in LAYERS:
        for cells in result.totals[layer].schemes.values():
            assert cells.scores().recall == 0.0
        for metric in result.metrics(layer).values():
            if isinstance(metric, Scores):
                assert metric.recall == 0.0
            else:  # nothing matched: accuracies are undefined, not 0 or 1
                assert metric.value is None
    assert set(result.headline().values()) == {0.0}


def _perturbed(root: Path, seed: int) -> list[dict[str, Any]]:
    """The gold with errors: shifted ends, relabelled types, dropped and invented spans."""
    rng = random.Random(seed)
    out = []
    for doc in load_corpus(root):
        pred: dict[str, Any] = {"doc_id": doc.doc_id}
        for layer in LAYERS:
            items = []
            for item in copy.deepcopy(doc.spans(layer)):
                item.pop("text")
                roll = rng.random()
                if roll < 0.2:
                    continue
                if roll < 0.4:
                    item["end"] = max(item["start"] + 1, item["end"] - 2)
                elif roll < 0.5 and layer == "entities":
                    item["type"] = "ORG" if item["type"] != "ORG" else "GPE"
                items.append(item)
            pred[layer] = items
        out.append(pred)
    return out


def test_invariant_under_shuffling_spans_and_documents(repo: Path) -> None:
    # Two more documents (synthetic, with their text) so that document order can change.
    corpus = load_corpus(repo)
    text = "Seoul said Pyongyang sent troops. Moscow denied it."
    extra = [
        rows_document(
            f"synthetic-{n}",
            text,
            entities=[
                {"start": 0, "end": 5, "type": "GPE", "entity_id": "s"},
                {"start": 11, "end": 20, "type": "GPE", "entity_id": "p"},
            ],
        )
        for n in range(2)
    ]
    gold = [
        *[{**d.annotations, "text": d.text, "split": d.metadata["split"]} for d in corpus],
        *extra,
    ]
    predictions = _perturbed(repo, 1) + [
        {
            "doc_id": "synthetic-0",
            "entities": [
                {"start": 0, "end": 6, "type": "GPE"},
                {"start": 11, "end": 20, "type": "ORG"},
            ],
        },
        {"doc_id": "synthetic-1", "entities": [{"start": 34, "end": 40, "type": "GPE"}]},
    ]
    reference = score(gold_from_rows(gold), predictions).to_dict(per_doc=True)
    rng = random.Random(2)
    for _ in range(5):
        shuffled = copy.deepcopy(predictions)
        rng.shuffle(shuffled)
        for pred in shuffled:
            for layer in LAYERS:
                rng.shuffle(pred.get(layer, []))
        rows = copy.deepcopy(gold)
        rng.shuffle(rows)
        for row in rows:
            for layer in LAYERS:
                rng.shuffle(row[layer])
        assert score(gold_from_rows(rows), shuffled).to_dict(per_doc=True) == reference


DATE_TEXT = "In mid-January, nearly six months after the start, on Tuesday, 2025, and Friday."


def _date(
    text: str, phrase: str, type_: str, value: str | None, mod: str | None = None, **extra: Any
) -> dict[str, Any]:
    start = text.index(phrase)
    return {
        "start": start,
        "end": start + len(phrase),
        "type": type_,
        "value": value,
        "mod": mod,
        **extra,
    }


def test_date_metrics_by_hand() -> None:
    t = DATE_TEXT
    gold = [
        _date(t, "mid-January", "DATE", "2025-01", "MID", anchor=None, function=None),
        _date(t, "nearly six months", "DURATION", "P6M", "LESS_THAN", anchor=None, function=None),
        _date(t, "Tuesday", "DATE", "2025-02-04", anchor=None, function=None),
    ]
    pred = [
        _date(
            t, "mid-January", "DATE", "2025-01", None
        ),  # same extent, value and type right, mod wrong
        _date(
            t, "six months", "DURATION", "P5M", "LESS_THAN"
        ),  # overlap; value wrong, type and mod right
        _date(t, "2025", "DATE", "2025"),  # spurious
        _date(t, "Friday", "DATE", "2025-01-31"),  # spurious
    ]  # "Tuesday" is missed
    result = score(
        gold_from_rows([rows_document("d", t, dates=gold)]), [{"doc_id": "d", "dates": pred}]
    )
    m = result.metrics("dates")
    # 4 predictions, 3 gold. Strict extent: 1 match -> P 1/4, R 1/3, F1 2*1/(4+3).
    assert isinstance(m["span_strict"], Scores)
    assert (m["span_strict"].precision, m["span_strict"].recall) == (1 / 4, 1 / 3)
    assert m["span_strict"].f1 == pytest.approx(2 / 7)
    # Relaxed: 2 overlaps -> P 2/4, R 2/3, F1 4/7.
    assert m["span_relaxed"].f1 == pytest.approx(4 / 7)
    # Value: only the first pair's value is right -> F1 2*1/7; type: both right -> 4/7.
    assert m["value"].f1 == pytest.approx(2 / 7)
    assert m["type"].f1 == pytest.approx(4 / 7)
    # mod: right on the second pair only -> 1/2.
    assert m["mod_accuracy"] == Accuracy(1, 2)
    assert result.headline()["dates.value_f1"] == pytest.approx(2 / 7)


def test_timeml_decade_and_century_values_equal_the_guidelines_forms() -> None:
    t = "In the 1990s, as in the 20th century, troops stayed."
    gold = [
        _date(t, "1990s", "DATE", "199X", anchor=None, function=None),
        _date(t, "20th century", "DATE", "19XX", anchor=None, function=None),
    ]
    pred = [_date(t, "1990s", "DATE", "199"), _date(t, "20th century", "DATE", "19")]
    result = score(
        gold_from_rows([rows_document("d", t, dates=gold)]), [{"doc_id": "d", "dates": pred}]
    )
    assert result.metrics("dates")["value"].f1 == 1.0
    assert result.headline()["dates.value_f1"] == 1.0


FIGURE_TEXT = "more than 10,000 troops, $1.5 million and 10-12% of them."


def _figure(text: str, phrase: str, kind: str, value: float | None, **extra: Any) -> dict[str, Any]:
    start = text.index(phrase)
    return {"start": start, "end": start + len(phrase), "kind": kind, "value": value, **extra}


def _figures_result(tolerance: float) -> dict[str, Any]:
    t = FIGURE_TEXT
    gold = [
        _figure(
            t,
            "more than 10,000 troops",
            "CARDINAL",
            10000,
            value_max=None,
            unit="troops",
            modifier="MORE_THAN",
        ),
        _figure(t, "$1.5 million", "MONEY", 1500000, value_max=None, unit="USD", modifier=None),
        _figure(t, "10-12%", "PERCENT", 10, value_max=12, unit="%", modifier=None),
    ]
    pred = [
        # exact span and value; unit differs only in case; modifier missing
        _figure(t, "more than 10,000 troops", "CARDINAL", 10000, unit="Troops", modifier=None),
        # overlapping span; 1.51 million is 0.67% off; unit and modifier right
        _figure(t, "$1.5 million", "MONEY", 1510000, unit="USD"),
        # range given as a single number; no unit
        _figure(t, "10-12%", "PERCENT", 10),
    ]
    result = score(
        gold_from_rows([rows_document("d", t, figures=gold)]),
        [{"doc_id": "d", "figures": pred}],
        tolerance=tolerance,
    )
    return {name: m for name, m in result.metrics("figures").items()} | {
        "headline": result.headline()
    }


def test_figure_metrics_by_hand() -> None:
    m = _figures_result(0.01)
    assert m["value_accuracy"] == Accuracy(1, 3)  # only 10000 is exact (the range lost its max)
    assert m["value_accuracy_tolerance"] == Accuracy(2, 3)  # 1.51M is within 1% of 1.5M
    assert m["unit_accuracy"] == Accuracy(2, 3)  # troops/Troops, USD; % vs none fails
    assert m["modifier_accuracy"] == Accuracy(2, 3)  # MORE_THAN vs none fails
    assert m["headline"]["figures.value_f1"] == pytest.approx(2 * 1 / (3 + 3))
    # A tolerance of 0.1% no longer accepts 1.51M.
    assert _figures_result(0.001)["value_accuracy_tolerance"] == Accuracy(1, 3)


CLAIM_TEXT = "Officials said the army captured two towns. The mayor denied it."


def _span(text: str, phrase: str) -> dict[str, Any]:
    start = text.index(phrase)
    return {"start": start, "end": start + len(phrase), "text": phrase}


def _claim(
    text: str, phrase: str, source: dict[str, Any] | None, cue: dict[str, Any] | None, **attrs: Any
) -> dict[str, Any]:
    return {**_span(text, phrase), "source": source, "cue": cue, **attrs}


def test_claim_metrics_by_hand() -> None:
    t = CLAIM_TEXT
    officials = {**_span(t, "Officials"), "entity_id": "officials"}
    gold = [
        _claim(
            t,
            "the army captured two towns",
            officials,
            _span(t, "said"),
            quote="indirect",
            certainty="asserted",
            polarity="positive",
        ),
        _claim(
            t,
            "The mayor denied it",
            None,
            None,
            quote=None,
            certainty="asserted",
            polarity="positive",
        ),
    ]
    pred = [
        # tokens: army captured two towns . (5); gold: the army captured two towns (5); shared 4
        _claim(
            t,
            "army captured two towns.",
            {**_span(t, "Officials"), "entity_id": None},
            _span(t, "said"),
            quote="direct",
            certainty="hedged",
            polarity="positive",
        ),
        # tokens: mayor denied it (3); gold: The mayor denied it (4); shared 3
        _claim(
            t,
            "mayor denied it",
            {**_span(t, "The mayor"), "entity_id": None},
            _span(t, "denied"),
            quote="indirect",
            certainty="asserted",
            polarity="negative",
        ),
        # spurious: Officials said (2 tokens)
        _claim(t, "Officials said", None, None),
    ]
    result = score(
        gold_from_rows([rows_document("d", t, claims=gold)]), [{"doc_id": "d", "claims": pred}]
    )
    m = result.metrics("claims")
    # Overlap: 2 of 3 predictions, 2 of 2 gold -> F1 2*2/5.
    assert m["content_overlap"].f1 == pytest.approx(4 / 5)
    # Tokens: tp 4 + 3 = 7; fp 1 + 0 + 2 = 3; fn 1 + 1 = 2 -> P 7/10, R 7/9.
    tokens = m["content_tokens"]
    assert (tokens.precision, tokens.recall) == pytest.approx((7 / 10, 7 / 9))
    assert result.headline()["claims.token_f1"] == pytest.approx(14 / 19)
    # Source: pair 1 overlaps; pair 2 names a source where gold has none -> 1/2. Cue likewise.
    assert m["source_accuracy"] == Accuracy(1, 2)
    assert m["cue_accuracy"] == Accuracy(1, 2)
    assert m["certainty_accuracy"] == Accuracy(1, 2)  # hedged vs asserted fails
    assert m["polarity_accuracy"] == Accuracy(1, 2)  # negative vs positive fails
    assert m["quote_accuracy"] == Accuracy(0, 2)  # direct vs indirect, indirect vs null
    # No claim has identical offsets: strict COR 0, the two overlaps are INC.
    strict = result.totals["claims"].schemes["strict"].overall()
    assert (strict.cor, strict.inc, strict.spu) == (0, 2, 1)


def test_claim_source_matches_by_entity_id() -> None:
    t = "Officials said the army captured two towns, Smith told AFP."
    source = {**_span(t, "Officials"), "entity_id": "army-officials"}
    gold = [
        _claim(
            t,
            "the army captured two towns",
            source,
            _span(t, "said"),
            quote="indirect",
            certainty="asserted",
            polarity="positive",
        )
    ]
    elsewhere = {**_span(t, "Smith"), "entity_id": "army-officials"}  # no overlap, same entity
    pred = [_claim(t, "the army captured two towns", elsewhere, _span(t, "told"))]
    result = score(
        gold_from_rows([rows_document("d", t, claims=gold)]), [{"doc_id": "d", "claims": pred}]
    )
    assert result.metrics("claims")["source_accuracy"] == Accuracy(1, 1)
    assert result.metrics("claims")["cue_accuracy"] == Accuracy(0, 1)


def test_drafts_and_other_splits_are_not_scored_and_their_predictions_ignored() -> None:
    text = "Seoul said so."
    rows = [
        rows_document(
            "gold-doc", text, entities=[{"start": 0, "end": 5, "type": "GPE", "entity_id": "s"}]
        ),
        {**rows_document("draft-doc", text), "status": "draft"},
        {**rows_document("train-doc", text), "split": "train"},
    ]
    preds = [{"doc_id": d} for d in ("gold-doc", "draft-doc", "train-doc")]
    result = score(gold_from_rows(rows), preds, splits=["test"])
    assert sorted(result.documents) == ["gold-doc"]
    assert result.ignored == ["draft-doc", "train-doc"]
    assert sorted(score(gold_from_rows(rows), preds, include_drafts=True).documents) == [
        "draft-doc",
        "gold-doc",
        "train-doc",
    ]


def test_json_is_serialisable_and_layers_can_be_chosen(repo: Path) -> None:
    result = score(repo, [], layers=["dates"])
    data = json.loads(json.dumps(result.to_dict()))
    assert data["layers"] == ["dates"]
    assert list(data["headline"]) == ["dates.strict_f1", "dates.partial_f1", "dates.value_f1"]
    assert data["documents_missing"] == 1


def test_gold_is_checked_in_the_layers_scored_only() -> None:
    # The figure ends at 40 in a 14-character text: scoring figures reports it where it is,
    # scoring entities does not read that layer.
    text = "Seoul said so."
    entity = {"start": 0, "end": 5, "type": "GPE", "entity_id": "s"}
    figure = {"start": 0, "end": 40, "kind": "QUANTITY", "value": 1.0}
    rows = [rows_document("d", text, entities=[entity], figures=[figure])]
    result = score(rows, [{"doc_id": "d", "entities": [entity]}], layers=["entities"])
    assert result.headline() == {"entities.strict_f1": 1.0, "entities.partial_f1": 1.0}
    with pytest.raises(NewsgoldError) as err:
        score(rows, [], layers=["figures"])
    assert (err.value.file, err.value.pointer) == ("<rows>", "row 1/figures/0/end")


def test_gold_fingerprint_does_not_depend_on_item_order_even_with_ties() -> None:
    # Two dates share offsets and have no id: the cheap (start, end, id) order ties, so the
    # fingerprint falls back to the items' JSON; a changed value changes it.
    text = "On Monday it rained."
    a = {"start": 3, "end": 9, "type": "DATE", "value": "2025-02-03"}
    b = {"start": 3, "end": 9, "type": "DATE", "value": "2025-02-10"}
    first = Document("d", text, {}, {"dates": [a, b]})
    swapped = Document("d", text, {}, {"dates": [b, a]})
    changed = Document("d", text, {}, {"dates": [a, {**b, "value": "2025-02-17"}]})
    assert fingerprint(first, ["dates"]) == fingerprint(swapped, ["dates"])
    assert fingerprint(first, ["dates"]) != fingerprint(changed, ["dates"])
    assert fingerprint(first, ["dates"]) != fingerprint(first, ["entities", "dates"])


def test_the_cycle_collector_is_restored_after_scoring_and_after_an_error() -> None:
    # score() pauses the cycle collector while it runs; it must leave it as it found it.
    assert gc.isenabled()
    score(ROOT, [])
    assert gc.isenabled()
    with pytest.raises(NewsgoldError):
        score(ROOT, [{"doc_id": "no-such-document"}])
    assert gc.isenabled()
    gc.disable()
    try:
        score(ROOT, [])
        assert not gc.isenabled()
    finally:
        gc.enable()
