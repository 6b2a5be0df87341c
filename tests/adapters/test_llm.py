"""``newsgold predict --llm``: a real HTTP stub of an OpenAI endpoint on 127.0.0.1.

The stub answers from the article in the prompt, as a model would: the names it knows that occur
in the text. Tests script what it does next (fail, sleep, answer badly) and read what it was sent.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from live_repo import copy_articles

from newsgold.adapters.llm import AnswerCache, Client, Endpoint, api_key, parse_answer
from newsgold.cli import main
from newsgold.errors import NewsgoldError

BOEING = "2004-11-24-wikinews-1de8f6b3"
AIRBUS = "2005-01-18-wikinews-7cd8ff31"
KNOWN = {"Boeing": "ORG", "United States": "GPE"}
MODEL = "stub-model"


def stub_answer(article: str) -> dict[str, Any]:
    """What the stub 'model' finds: each known name once, Boeing twice where it occurs twice."""
    entities = [{"text": n, "type": t} for n, t in KNOWN.items() if n in article]
    if article.count("Boeing") > 1:
        entities.append({"text": "Boeing", "type": "ORG", "entity_id": "boeing"})
    dates = [{"text": "November 24, 2004", "type": "DATE", "value": "2004-11-24"}]
    return {
        "entities": entities,
        "dates": dates if "November 24, 2004" in article else [],
        "figures": [],
    }


class Stub:
    """The endpoint's state: what it was sent, and what it does for the next requests."""

    def __init__(self) -> None:
        self.sent: list[tuple[str, dict[str, str], dict[str, Any]]] = []
        self.script: list[str] = []  # behaviours for the next requests, then "good"
        self.url = ""
        self.delay = 0.0  # seconds each answer takes
        self.busy = 0  # requests being answered now, and the most at once
        self.most = 0
        self.lock = threading.Lock()

    def next(self) -> str:
        with self.lock:
            self.busy += 1
            self.most = max(self.most, self.busy)
            return self.script.pop(0) if self.script else "good"


def make_handler(stub: Stub) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:  # quiet
            pass

        def reply(self, status: int, body: Any, headers: dict[str, str] | None = None) -> None:
            data = body if isinstance(body, bytes) else json.dumps(body).encode("utf-8")
            try:
                self.send_response(status)
                for key, value in (headers or {}).items():
                    self.send_header(key, value)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
            except OSError:  # the client gave up (a timeout test)
                pass

        def do_POST(self) -> None:
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            stub.sent.append((self.path, dict(self.headers), body))
            behaviour = stub.next()
            time.sleep(stub.delay)
            try:
                self.answer(behaviour, body)
            finally:
                with stub.lock:
                    stub.busy -= 1

        def answer(self, behaviour: str, body: dict[str, Any]) -> None:
            article = body["messages"][-1]["content"].split("Article:\n\n", 1)[1]
            content = json.dumps(stub_answer(article))
            if behaviour == "500":
                return self.reply(500, {"error": "overloaded"})
            if behaviour == "429":
                return self.reply(429, {"error": "slow down"}, {"Retry-After": "0"})
            if behaviour == "401":
                return self.reply(401, {"error": "invalid api key"})
            if behaviour == "slow":
                time.sleep(1.0)
            if behaviour == "no-json-mode" and "response_format" in body:
                return self.reply(400, {"error": "response_format is not supported"})
            if behaviour == "fenced":
                content = f"Here you are:\n```json\n{content}\n```\n"
            if behaviour == "malformed":
                content = '{"entities": [{"text": "Boeing", "type": "ORG"}'
            if behaviour == "wrong-shape":
                content = json.dumps({"entities": [{"text": "Boeing", "type": "COMPANY"}]})
            if behaviour == "missing":
                content = json.dumps({"entities": [{"text": "Pyongyang", "type": "GPE"}]})
            finish = "length" if behaviour == "cut-off" else "stop"
            if behaviour == "cut-off":
                content = content[: len(content) // 2]
            if behaviour == "not-a-completion":
                return self.reply(200, {"result": content})
            message = {"role": "assistant", "content": content}
            completion = {"choices": [{"message": message, "finish_reason": finish}]}
            return self.reply(200, completion)

    return Handler


@pytest.fixture
def stub() -> Iterator[Stub]:
    state = Stub()
    server = ThreadingHTTPServer(("127.0.0.1", 0), make_handler(state))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    state.url = f"http://127.0.0.1:{server.server_address[1]}/v1"
    yield state
    server.shutdown()
    server.server_close()


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository of two articles as the current folder; no API key in the environment."""
    monkeypatch.delenv("NEWSGOLD_LLM_API_KEY", raising=False)
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    root = copy_articles(tmp_path / "repo", [BOEING, AIRBUS])
    monkeypatch.chdir(root)
    return root


def predict(stub: Stub, out: Path, *options: str) -> int:
    return main(["predict", "--llm", stub.url, "--model", MODEL, "--out", str(out), *options])


def test_predict_asks_resolves_and_scores(
    stub: Stub, repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = repo / "llm.jsonl"
    assert predict(stub, out) == 0
    lines = {json.loads(line)["doc_id"]: json.loads(line) for line in out.read_text().splitlines()}
    # Offsets by hand: line 1 "Internal emails expose Boeing-Air ..." holds Boeing at 23..29,
    # line 2 (61..78) is the dateline, line 3 starts at 79 with "Emails exchanged among United
    # States ..." (102..115) and "... aircraft manufacturer Boeing" (202..208).
    assert lines[BOEING]["entities"] == [
        {"start": 23, "end": 29, "text": "Boeing", "type": "ORG"},
        {"start": 102, "end": 115, "text": "United States", "type": "GPE"},
        {"start": 202, "end": 208, "text": "Boeing", "type": "ORG", "entity_id": "boeing"},
    ]
    assert lines[BOEING]["dates"] == [
        {"start": 61, "end": 78, "text": "November 24, 2004", "type": "DATE", "value": "2004-11-24"}
    ]
    assert lines[BOEING]["figures"] == [] and "claims" in lines[BOEING]
    assert len(stub.sent) == 2
    path, headers, body = stub.sent[0]
    assert path == "/v1/chat/completions"
    assert body["model"] == MODEL and body["temperature"] == 0
    assert body["response_format"] == {"type": "json_object"}
    assert "Authorization" not in headers
    assert "Publication date: 2004-11-24" in body["messages"][1]["content"]
    err = capsys.readouterr().err
    assert "llm: 2 request(s), 0 answer(s) from the cache" in err
    assert "string(s) placed: 6 exact" in err  # 3 names and a date, then Boeing twice
    assert main(["score", str(out), "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["documents_missing"] == 0


def test_a_rerun_is_answered_from_the_cache(
    stub: Stub, repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first, second = repo / "first.jsonl", repo / "second.jsonl"
    assert predict(stub, first) == 0
    assert len(stub.sent) == 2
    assert len(list((repo / ".newsgold-cache" / "llm").rglob("*.json"))) == 2  # the default
    capsys.readouterr()
    assert predict(stub, second) == 0
    assert len(stub.sent) == 2  # no new request
    assert "llm: 0 request(s), 2 answer(s) from the cache" in capsys.readouterr().err
    assert second.read_bytes() == first.read_bytes()
    # Another model name is another prompt key: asked again.
    assert main(["predict", "--llm", stub.url, "--model", "other", "--out", str(second)]) == 0
    assert len(stub.sent) == 4
    assert predict(stub, second, "--no-cache") == 0
    assert len(stub.sent) == 6


def test_an_api_key_from_the_environment_is_sent(
    stub: Stub, repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
    assert predict(stub, repo / "p.jsonl", "--no-cache", "--split", "test") == 0
    assert stub.sent and stub.sent[0][1]["Authorization"] == "Bearer sk-test"
    assert api_key({"NEWSGOLD_LLM_API_KEY": "a", "OPENAI_API_KEY": "b"}) == "a"
    assert api_key({}) is None


def test_server_errors_are_retried_with_backoff(
    stub: Stub, repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    stub.script = ["500", "429"]
    assert predict(stub, repo / "p.jsonl", "--backoff", "0", "--retries", "2") == 0
    assert len(stub.sent) == 4  # 500, 429, good for the first article; good for the second
    assert "llm: 4 request(s)" in capsys.readouterr().err


def test_an_endpoint_that_keeps_failing_exits_1_and_writes_nothing(
    stub: Stub, repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    stub.script = ["500", "500"]
    out = repo / "p.jsonl"
    assert predict(stub, out, "--backoff", "0", "--retries", "1") == 1
    err = capsys.readouterr().err
    assert err.startswith(f"newsgold predict: {MODEL}@{stub.url}:{BOEING}: the endpoint ")
    assert 'failed 2 time(s), last: HTTP 500: \'{"error": "overloaded"}\'' in err
    assert not out.exists() and list(repo.glob(".p.jsonl*")) == []


def test_a_timeout_is_retried_then_reported(
    stub: Stub, repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    stub.script = ["slow", "slow"]
    out = repo / "p.jsonl"
    started = time.monotonic()
    assert predict(stub, out, "--timeout", "0.2", "--retries", "1", "--backoff", "0") == 1
    assert time.monotonic() - started < 1.5  # gave up on each attempt after 0.2 s
    err = capsys.readouterr().err
    assert f":{BOEING}: the endpoint " in err
    assert "failed 2 time(s), last: no answer within 0.2 s" in err
    assert not out.exists()
    stub.script = ["slow"]  # one slow answer, then a good one: the retry succeeds
    assert predict(stub, out, "--timeout", "0.2", "--backoff", "0") == 0


@pytest.mark.parametrize(
    ("behaviour", "pointer", "expected", "detail"),
    [
        ("malformed", "", "the answer is not JSON (Expecting ',' delimiter", "the answer: '{"),
        (
            "wrong-shape",
            "/entities/0/type",
            "the answer does not match the answer schema",
            "'COMPANY' is not one of ['PERSON'",
        ),
        (
            "not-a-completion",
            "",
            "the endpoint's response is not a chat completion",
            '\'{"result": ',
        ),
        ("401", "", "the endpoint", 'answered HTTP 401: \'{"error": "invalid api key"}\''),
        ("cut-off", "", "the answer is not JSON", "cut the answer off at its output limit"),
    ],
)
def test_a_bad_answer_exits_1_at_its_document(
    stub: Stub,
    repo: Path,
    capsys: pytest.CaptureFixture[str],
    behaviour: str,
    pointer: str,
    expected: str,
    detail: str,
) -> None:
    stub.script = [behaviour]
    out = repo / "p.jsonl"
    assert predict(stub, out, "--retries", "0") == 1
    err = capsys.readouterr().err
    assert err.startswith(f"newsgold predict: {MODEL}@{stub.url}:{BOEING}{pointer}: {expected}")
    assert detail in err
    assert "Traceback" not in err
    assert not out.exists()
    assert len(stub.sent) == 1  # not retried
    assert not (repo / ".newsgold-cache").exists() or not list(
        (repo / ".newsgold-cache").rglob("*.json")
    )  # a bad answer is not cached


def test_a_fenced_answer_and_a_server_without_json_mode(stub: Stub, repo: Path) -> None:
    stub.script = ["fenced", "no-json-mode", "no-json-mode"]
    out = repo / "p.jsonl"
    assert predict(stub, out) == 0
    assert [("response_format" in body) for _, _, body in stub.sent] == [True, True, False]
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert [line["doc_id"] for line in lines] == [BOEING, AIRBUS]
    assert [e["start"] for e in lines[0]["entities"]] == [23, 102, 202]


def test_a_string_not_in_the_text_fails_unless_skipped(
    stub: Stub, repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    stub.script = ["missing"]
    out = repo / "p.jsonl"
    assert predict(stub, out) == 1
    err = capsys.readouterr().err
    assert (
        f"{MODEL}@{stub.url}:{BOEING}: 1 string(s) of the answer are not in the text "
        "(--llm-skip-unresolved drops and reports them instead):\n"
        f"  {BOEING}/entities/0: 'Pyongyang' is not in the text" in err
    )
    assert not out.exists()
    # The answer was well formed, so it is cached: skipping costs no new request.
    assert predict(stub, out, "--llm-skip-unresolved") == 0
    assert len(stub.sent) == 2
    err = capsys.readouterr().err
    assert "llm: 1 string(s) not in the text, dropped:\n" in err
    assert f"  {BOEING}/entities/0: 'Pyongyang' is not in the text" in err
    first = json.loads(out.read_text().splitlines()[0])
    assert first["doc_id"] == BOEING and first["entities"] == []


def test_llm_options_are_coherent(
    stub: Stub, repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["predict", "--llm", stub.url]) == 2
    assert "--llm URL needs --model NAME" in capsys.readouterr().err
    assert main(["predict", "--model", "m:f", "--timeout", "3"]) == 2
    assert "--timeout is an option of --llm URL" in capsys.readouterr().err
    assert main(["predict"]) == 2
    assert (
        "give one extractor: --model MODULE:CALLABLE, --spacy PIPELINE" in capsys.readouterr().err
    )
    assert main(["predict", "--llm", stub.url, "--spacy", "p"]) == 2
    assert "not with --spacy or --hf" in capsys.readouterr().err
    assert predict(stub, repo / "p.jsonl", "--cache", "c", "--no-cache") == 2
    assert predict(stub, repo / "p.jsonl", "--timeout", "0") == 2
    assert stub.sent == []


def test_an_endpoint_that_is_not_there(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), BaseHTTPRequestHandler)
    port = server.server_address[1]
    server.server_close()  # a port nothing listens on
    url = f"http://127.0.0.1:{port}/v1"
    out = repo / "p.jsonl"
    assert (
        main(["predict", "--llm", url, "--model", MODEL, "--retries", "0", "--out", str(out)]) == 1
    )
    err = capsys.readouterr().err
    assert "failed 1 time(s), last: cannot connect:" in err
    assert "(is the server running, and is --llm its API base URL?)" in err
    assert not out.exists()


def test_parse_answer_and_cache_keys(tmp_path: Path) -> None:
    answer = parse_answer('```json\n{"dates": []}\n```', "m", "d", ["entities", "dates"])
    assert answer == {"entities": [], "dates": []}  # a layer left out is an empty list
    extra = '{"dates": [], "claims": 5, "notes": "I was careful"}'
    assert parse_answer(extra, "m", "d", ["dates"]) == {"dates": []}  # not asked: ignored
    with pytest.raises(NewsgoldError) as err:
        parse_answer("I found nothing.", "m", "d")
    assert err.value.pointer == "d"
    assert err.value.message.endswith("the answer: 'I found nothing.'")
    chat = [{"role": "user", "content": "x"}]
    assert AnswerCache.key("a", chat) != AnswerCache.key("b", chat)
    assert AnswerCache.key("a", chat) != AnswerCache.key("a", [{"role": "user", "content": "y"}])
    cache = AnswerCache(tmp_path / "c")
    key = AnswerCache.key("a", chat)
    assert cache.get(key) is None
    cache.put(key, "a", "{}")
    assert cache.get(key) == "{}" and cache.has(key)
    (tmp_path / "c" / key[:2] / f"{key}.json").write_text("{broken", encoding="utf-8")
    assert cache.get(key) is None  # an unreadable entry is asked again


def test_the_url_is_the_api_base() -> None:
    assert Endpoint("http://h:1/v1/", "m").completions == "http://h:1/v1/chat/completions"
    assert Endpoint("http://h:1/v1/chat/completions", "m").completions.count("chat") == 1
    assert Client(Endpoint("http://h:1/v1", "m")).json_mode


def test_workers_ask_at_once_and_write_in_document_order(
    stub: Stub, repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    stub.delay = 0.3
    one, two = repo / "one.jsonl", repo / "two.jsonl"
    assert predict(stub, one, "--cache", "one") == 0
    assert stub.most == 1
    assert predict(stub, two, "--cache", "two", "--llm-workers", "2") == 0
    assert stub.most == 2  # both articles asked at once
    assert two.read_bytes() == one.read_bytes()
    err = capsys.readouterr().err
    assert err.endswith(
        "llm: 2 request(s), 0 answer(s) from the cache (two); 6 string(s) placed: 6 exact\n"
    )
    assert predict(stub, two, "--cache", "two", "--llm-workers", "2") == 0
    assert len(stub.sent) == 4  # all cached: no request
    assert predict(stub, two, "--no-cache", "--llm-workers", "2") == 2


def test_a_worker_failure_is_reported_at_its_document_and_the_rest_is_kept(
    stub: Stub, repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    stub.script = ["500"]  # whichever request comes first
    out = repo / "p.jsonl"
    assert predict(stub, out, "--llm-workers", "2", "--retries", "0") == 1
    err = capsys.readouterr().err
    assert "failed 1 time(s), last: HTTP 500" in err
    assert f"{MODEL}@{stub.url}:{BOEING}: " in err or f"{MODEL}@{stub.url}:{AIRBUS}: " in err
    assert not out.exists()
    assert predict(stub, out, "--llm-workers", "2") == 0
    assert len(stub.sent) == 3  # only the failed article asked again
