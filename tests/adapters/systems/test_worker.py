"""The child-process worker: answers in order, a fixed hash seed, and failures as located
messages instead of a hang or a traceback."""

from __future__ import annotations

import pytest

from newsgold.adapters.systems.worker import Worker
from newsgold.errors import NewsgoldError

ECHO = """
import json, os, sys
for line in sys.stdin:
    print(json.dumps([json.loads(line), os.environ["PYTHONHASHSEED"], hash("newsgold")]), flush=True)
"""


def test_answers_in_order_with_a_fixed_hash_seed() -> None:
    first, second = Worker(ECHO, "echo"), Worker(ECHO, "echo")
    a = first.ask({"text": "one"})
    assert a[:2] == [{"text": "one"}, "0"]
    assert first.ask("two")[0] == "two"
    # Two children with the same seed hash a string alike (different seeds almost never do).
    assert second.ask("x")[2] == a[2]
    first.close()
    second.close()


def test_a_child_that_fails_is_a_clear_error() -> None:
    worker = Worker("import sys; sys.stdin.readline(); sys.exit('no quantities today')", "child")
    with pytest.raises(NewsgoldError) as caught:
        worker.ask("text")
    assert (
        caught.value.message
        == "child stopped: exit status 1; its stderr ends:\nno quantities today"
    )


def test_an_answer_that_is_not_json_is_a_clear_error() -> None:
    worker = Worker("import sys; sys.stdin.readline(); print('<html>', flush=True)", "child")
    with pytest.raises(NewsgoldError) as caught:
        worker.ask("text")
    assert caught.value.message == "child answered b'<html>\\n'; expected one JSON line"
    worker.close()
