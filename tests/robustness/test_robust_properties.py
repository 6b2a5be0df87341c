"""Properties over generated input (hypothesis): release identity, perfect self-scores, symmetry.

1. Sources -> ``newsgold.release.build`` -> Parquet -> ``datasets.load_dataset`` (offline, cache in
   a temporary folder) -> ``annotations_from_row`` / ``metadata_from_row`` gives back exactly the
   annotation and metadata JSON written, and the text byte for byte (texts with accents, other
   scripts, emoji and astral letters; some articles released without text).
2. Scoring gold against itself gives 1.0 for every headline and every defined metric.
3. Swapping gold and predictions swaps precision and recall under each span scheme (strict, exact,
   partial, type) and swaps missed with spurious, on random span sets that may overlap, nest and
   repeat.
"""

from __future__ import annotations

import os
import tempfile
import unicodedata
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from robust_synth import DrawSource, article, make_repo

os.environ.update({"HF_HUB_OFFLINE": "1", "HF_DATASETS_OFFLINE": "1"})
os.environ.setdefault("HF_HOME", tempfile.mkdtemp(prefix="newsgold-hf-robust-"))

import datasets  # noqa: E402  (after the offline switches, which datasets reads on import)

from newsgold.corpus import Document  # noqa: E402
from newsgold.release import annotations_from_row, build, metadata_from_row  # noqa: E402
from newsgold.scoring import score  # noqa: E402
from newsgold.scoring.matching import SCHEMES  # noqa: E402

datasets.disable_progress_bars()
LAYERS = ("entities", "dates", "figures", "claims")
# Filler words: letters, digits and symbols of any plane (emoji, astral letters), in NFC.
WORDS = (
    st.text(
        alphabet=st.characters(categories=("L", "N", "S", "Pd")),
        min_size=1,
        max_size=6,
    )
    .map(lambda w: unicodedata.normalize("NFC", w))
    .filter(lambda w: w == w.strip() and not any(c.isspace() for c in w))
)
# Derandomized: the same examples on every run (and no example database written).
BASE = settings(deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)


def runs(examples: int) -> settings:
    return settings(BASE, max_examples=examples)


@st.composite
def articles(draw: Any, most: int = 3) -> list[Any]:
    src = DrawSource(draw, WORDS)
    return [article(src, number) for number in range(src.integer(1, most))]


@runs(20)
@given(articles())
def test_release_gives_back_the_sources(generated: list[Any]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = make_repo(Path(tmp) / "repo", generated)
        out = Path(tmp) / "release"
        build(root, out, include_drafts=True)  # generated articles are gold or draft
        loaded = datasets.load_dataset(str(out), "documents", cache_dir=str(Path(tmp) / "cache"))
        rows = {row["doc_id"]: row for split in loaded.values() for row in split}
        assert sorted(rows) == sorted(a.doc_id for a in generated)
        for item in generated:
            row = rows[item.doc_id]
            carried = item.metadata["rights"]["redistribute"]
            assert row["text"] == (item.text if carried else None)
            assert annotations_from_row(row, None if carried else item.text) == item.annotations
            assert metadata_from_row(row) == item.metadata


def _documents(generated: list[Any]) -> list[Document]:
    return [Document(a.doc_id, a.text, a.metadata, a.annotations) for a in generated]


@runs(100)
@given(articles(most=4))
def test_gold_scored_against_itself_is_perfect(generated: list[Any]) -> None:
    predictions = [{"doc_id": a.doc_id, **{k: a.annotations[k] for k in LAYERS}} for a in generated]
    result = score(_documents(generated), predictions, include_drafts=True)
    headline = result.headline()
    # strict and partial F1 of 4 layers, value F1 of dates and figures, token F1 of claims: 11;
    # all defined, as every article has a claim holding an entity, a date and a figure
    assert len(headline) == 11 and set(headline.values()) == {1.0}, headline
    for layer in LAYERS:
        for name, metric in result.metrics(layer).items():
            value = metric.f1 if hasattr(metric, "f1") else metric.value
            assert value in (1.0, None), (layer, name, value)  # None: no attribute to compare
        for scheme, cells in result.totals[layer].schemes.items():
            counts = cells.overall()
            assert counts.inc == counts.par == counts.mis == counts.spu == 0, (layer, scheme)


TYPES = ("PERSON", "ORG", "GPE")


@st.composite
def span_sets(draw: Any) -> tuple[str, list[dict[str, Any]], list[dict[str, Any]]]:
    size = draw(st.integers(1, 40))
    text = "".join(draw(st.lists(st.sampled_from("ab 𝒳é"), min_size=size, max_size=size)))

    def spans() -> list[dict[str, Any]]:
        out = []
        for _ in range(draw(st.integers(0, 8))):
            start = draw(st.integers(0, size - 1))
            end = draw(st.integers(start + 1, min(size, start + 8)))
            kind = draw(st.sampled_from(TYPES))
            out.append({"start": start, "end": end, "text": text[start:end], "type": kind})
        return out

    return text, spans(), spans()


def _scored(text: str, gold: list[dict[str, Any]], predicted: list[dict[str, Any]]) -> Any:
    doc = Document("d", text, {}, {"status": "gold", "entities": gold})
    return score([doc], [{"doc_id": "d", "entities": predicted}], layers=["entities"])


@runs(500)
@given(span_sets())
def test_swapping_gold_and_predictions_swaps_precision_and_recall(
    sets: tuple[str, list[dict[str, Any]], list[dict[str, Any]]],
) -> None:
    text, a, b = sets
    forward = _scored(text, a, b).totals["entities"].schemes
    backward = _scored(text, b, a).totals["entities"].schemes
    assert set(forward) == set(backward) == set(SCHEMES)
    for name in SCHEMES:
        there, back = forward[name].overall(), backward[name].overall()
        assert (there.cor, there.inc, there.par) == (back.cor, back.inc, back.par), name
        assert (there.mis, there.spu) == (back.spu, back.mis), name
        p, r = forward[name].scores(), backward[name].scores()
        assert (p.precision, p.recall, p.f1) == (r.recall, r.precision, r.f1), name
