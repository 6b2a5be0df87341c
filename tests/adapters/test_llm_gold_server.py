"""scripts/llm_gold_server.py: an endpoint answering the gold as strings, for a real round trip."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from live_repo import ROOT, SEED, copy_articles, load_script

from newsgold.cli import main

BOEING = "2004-11-24-wikinews-1de8f6b3"


@pytest.fixture
def gold_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    root = copy_articles(tmp_path / "repo", [SEED, BOEING])
    monkeypatch.chdir(root)
    server = load_script(ROOT / "scripts" / "llm_gold_server.py").make_server(root, 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/v1"
    server.shutdown()
    server.server_close()


def test_the_gold_as_strings_resolves_back_to_the_gold(
    gold_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "gold.jsonl"
    assert main(["predict", "--llm", gold_url, "--model", "gold", "--out", str(out)]) == 0
    assert "0 answer(s) from the cache" in capsys.readouterr().err
    assert main(["score", str(out), "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    # On these two articles every name, date, figure and claim content lands on its gold span.
    assert set(report["headline"].values()) == {1.0}
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    gold = json.loads((ROOT / "annotations" / f"{BOEING}.json").read_text(encoding="utf-8"))
    [boeing] = [line for line in lines if line["doc_id"] == BOEING]
    assert [(c["source"] or {}).get("start") for c in boeing["claims"]] == [
        (c["source"] or {}).get("start") for c in gold["claims"]
    ]


def test_the_script_has_help(capsys: pytest.CaptureFixture[str]) -> None:
    script = load_script(ROOT / "scripts" / "llm_gold_server.py")
    with pytest.raises(SystemExit) as stop:
        script.main(["--help"])
    assert stop.value.code == 0
    assert "--port N" in capsys.readouterr().out
