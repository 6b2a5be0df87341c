"""The harness: an adapter's own located error passes through; any other failure is wrapped."""

from __future__ import annotations

from typing import Any

import pytest

from newsgold.corpus import Document
from newsgold.errors import NewsgoldError
from newsgold.scoring.harness import iter_predictions

DOC = Document("doc-1", "Boeing said so.", {"doc_id": "doc-1"}, {})


def test_an_adapters_newsgold_error_is_not_wrapped() -> None:
    own = NewsgoldError("no answer within 2 s", "llm", "doc-1")

    def adapter(text: str, metadata: dict[str, Any]) -> Any:
        raise own

    with pytest.raises(NewsgoldError) as err:
        list(iter_predictions(adapter, [DOC], "llm"))
    assert err.value is own
    assert err.value.located() == "llm:doc-1: no answer within 2 s"


def test_any_other_failure_is_wrapped_with_the_document() -> None:
    def model(text: str, metadata: dict[str, Any]) -> Any:
        raise ValueError("bad")

    with pytest.raises(NewsgoldError) as err:
        list(iter_predictions(model, [DOC], "m:f"))
    assert err.value.located().startswith("m:f:doc-1: the model raised ValueError: bad\nTraceback")
