"""The benchmark harness: run any extractor over the corpus and collect valid predictions."""

from __future__ import annotations

import importlib
import json
import sys
import traceback
from collections.abc import Callable, Collection, Iterator, Sequence
from typing import Any

from newsgold.corpus import LAYERS, Document
from newsgold.errors import NewsgoldError
from newsgold.scoring.predictions import object_problems

Model = Callable[[str, dict[str, Any]], Any]
Progress = Callable[[int, int], None]
TRACEBACK_FRAMES = 5  # the model's last frames shown when it raises


def plain(value: Any) -> Any:
    """A numpy scalar or array as plain Python (``tolist``), for ``json.dumps(default=...)``.

    Anything else is refused as JSON refuses it. numpy is recognised by the type's module, so
    it is not imported here.
    """
    module = type(value).__module__.split(".")[0]
    if module == "numpy" and hasattr(value, "tolist"):
        return value.tolist()
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def model_traceback(err: BaseException) -> str:
    """The last frames of a model's exception, without the harness's own frame."""
    frames = traceback.extract_tb(err.__traceback__)[1:][-TRACEBACK_FRAMES:]
    lines = "".join(traceback.format_list(frames)).rstrip("\n")
    return f"Traceback (the model's last {len(frames)} frame(s)):\n{lines}"


def load_model(spec: str) -> Model:
    """The callable named ``module:attribute`` (``package.module:object.method`` works too)."""
    module_name, _, attribute = spec.partition(":")
    if not module_name or not attribute:
        raise NewsgoldError(
            f"model {spec!r}: expected module:callable, e.g. mypackage.model:extract", status=2
        )
    if "" not in sys.path:  # like `python -m`, find modules in the current folder
        sys.path.insert(0, "")
    try:
        target: Any = importlib.import_module(module_name)
        for part in attribute.split("."):
            target = getattr(target, part)
    except ImportError as err:
        raise NewsgoldError(
            f"model {spec!r}: cannot import {module_name!r}: {err}", status=2
        ) from None
    except AttributeError:
        raise NewsgoldError(
            f"model {spec!r}: {module_name!r} has no {attribute!r}", status=2
        ) from None
    if not callable(target):
        raise NewsgoldError(f"model {spec!r}: {attribute!r} is not callable", status=2)
    model: Model = target
    return model


def predict(
    model: Model,
    documents: Sequence[Document],
    name: str = "model",
    progress: Progress | None = None,
) -> list[dict[str, Any]]:
    """One checked prediction object per document: the model's layers under the doc_id."""
    return list(iter_predictions(model, documents, name, progress))


def iter_predictions(
    model: Model,
    documents: Sequence[Document],
    name: str = "model",
    progress: Progress | None = None,
    entity_labels: Collection[str] | None = None,
) -> Iterator[dict[str, Any]]:
    """``predict`` one document at a time: each checked object is yielded as soon as it is made,
    so a writer can stream them and no more than one document's output is held.

    ``entity_labels``: the entity labels the model may use instead of the gold types (a system
    with its own tag set, such as CoNLL's PER/ORG/LOC/MISC, scored later with ``--map``).
    """
    for n, doc in enumerate(documents, start=1):
        try:
            layers = model(doc.text, dict(doc.metadata))
        except NewsgoldError:  # an adapter's own located message (an endpoint that timed out)
            raise
        except Exception as err:  # the model's own failure, reported with the document it failed on
            raise NewsgoldError(
                f"the model raised {type(err).__name__}: {err}\n{model_traceback(err)}",
                name,
                doc.doc_id,
            ) from err
        if not isinstance(layers, dict):
            raise NewsgoldError(
                f"the model returned {type(layers).__name__}; "
                f"expected a dict of layers {list(LAYERS)}",
                name,
                doc.doc_id,
            )
        line = {"doc_id": doc.doc_id, **{k: v for k, v in layers.items() if k != "doc_id"}}
        try:  # a JSON round trip, so what is checked is exactly what gets written
            text = json.dumps(line, ensure_ascii=False, allow_nan=False, default=plain)
            line = json.loads(text)
        except (TypeError, ValueError) as err:
            raise NewsgoldError(
                f"the model's output is not JSON: {err}", name, doc.doc_id
            ) from None
        problems = object_problems(line, {doc.doc_id: doc.text}, entity_labels)
        if problems:
            pointer, message = problems[0]
            raise NewsgoldError(f"invalid model output: {message}", name, f"{doc.doc_id}{pointer}")
        yield line
        if progress is not None:
            progress(n, len(documents))
