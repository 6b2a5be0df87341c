"""LLM adapter: any OpenAI-compatible chat endpoint as a model for ``newsgold predict --llm``.

For each article the prompt (``newsgold.adapters.prompt``) is sent as ``POST
{URL}/chat/completions``, URL being the API base (``http://127.0.0.1:8000/v1``, as OpenAI's
clients take it), with temperature 0 and JSON mode (``response_format: json_object``; left out
again if the server refuses it). The answer (a JSON object, also inside a fenced ```json block)
is checked against the answer schema and its strings are placed in the text by the resolver
(``newsgold.adapters.resolve``). Only the standard library talks HTTP.

Timeouts, HTTP 429 and 5xx answers and dropped connections are retried with exponential backoff;
any other HTTP error, a response that is not a chat completion, and an answer that is not JSON
of the expected shape fail at once (at temperature 0 a retry would mostly repeat it), each with
the document id, what was expected and a quoted excerpt.

Well-formed answers are cached by the sha256 of the model name and the full prompt (which holds
the article): a rerun with the same model and prompt costs no request. An API key, if the
endpoint needs one, is read from ``NEWSGOLD_LLM_API_KEY`` or else ``OPENAI_API_KEY``.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import best_match

from newsgold.adapters.prompt import LAYERS, Message, answer_schema, messages
from newsgold.adapters.resolve import Unresolved, resolve
from newsgold.atomic import write_files
from newsgold.corpus import Document
from newsgold.errors import NewsgoldError
from newsgold.progress import ProgressFn
from newsgold.shown import quoted

API_KEY_VARIABLES = ("NEWSGOLD_LLM_API_KEY", "OPENAI_API_KEY")
DEFAULT_CACHE = Path(".newsgold-cache") / "llm"
DEFAULT_TIMEOUT = 120.0
DEFAULT_RETRIES = 2
DEFAULT_BACKOFF = 1.0
MAX_WAIT = 60.0  # the longest pause between attempts, whatever Retry-After asks
BATCH_PER_WORKER = 4  # prompts prefetch builds ahead per worker
EXCERPT = 200  # characters of a bad answer shown in a message
CUT_OFF = (
    "; the endpoint cut the answer off at its output limit (finish_reason 'length'): raise that "
    "limit on the server, or ask for fewer layers (--llm-layers)"
)
_FENCED = re.compile(r"```(?:json|JSON)?[ \t]*\n(.*?)```", re.DOTALL)


@dataclass(frozen=True)
class Endpoint:
    """Where and how to ask: the API base URL, the model name and the patience."""

    url: str
    model: str
    timeout: float = DEFAULT_TIMEOUT
    retries: int = DEFAULT_RETRIES
    backoff: float = DEFAULT_BACKOFF
    api_key: str | None = field(default=None, repr=False)

    @property
    def completions(self) -> str:
        """``{URL}/chat/completions`` (a URL already ending so is taken as it is)."""
        base = self.url.rstrip("/")
        return base if base.endswith("/chat/completions") else f"{base}/chat/completions"


def api_key(environ: Mapping[str, str] = os.environ) -> str | None:
    """The API key from the first of ``API_KEY_VARIABLES`` that is set, else None."""
    for name in API_KEY_VARIABLES:
        if environ.get(name):
            return environ[name]
    return None


class _Retry(Exception):
    """A failure worth another attempt; ``wait`` is what the server asked for, if anything."""

    def __init__(self, reason: str, wait: float | None = None, hint: str = "") -> None:
        super().__init__(reason)
        self.wait = wait
        self.hint = hint or "more patience: --timeout S, --retries N"


def _body_excerpt(err: urllib.error.HTTPError) -> str:
    try:
        body = err.read().decode("utf-8", "replace")
    except OSError:
        body = ""
    return quoted(body.strip(), EXCERPT) if body.strip() else "no body"


def _retry_after(err: urllib.error.HTTPError) -> float | None:
    value = err.headers.get("Retry-After") if err.headers else None
    try:
        return float(value) if value is not None else None
    except ValueError:
        return None


_HINTS = {
    401: "; set NEWSGOLD_LLM_API_KEY (or OPENAI_API_KEY) to the endpoint's key",
    403: "; set NEWSGOLD_LLM_API_KEY (or OPENAI_API_KEY) to the endpoint's key",
    404: "; --llm takes the API base, e.g. http://127.0.0.1:8000/v1, and --model a model it serves",
}


@dataclass(frozen=True)
class Completion:
    """What the endpoint answered: the message's content and why it stopped ("length": cut off)."""

    content: str
    finish_reason: str | None = None


class Client:
    """Chat completions from one endpoint: retries, backoff and JSON mode as the server allows.

    Safe to share between threads (``prefetch`` asks several documents at once).
    """

    def __init__(self, endpoint: Endpoint) -> None:
        self.endpoint = endpoint
        self.json_mode = True  # response_format json_object, until the server refuses it
        self.requests = 0
        self._lock = threading.Lock()

    def complete(self, chat: Sequence[Message], name: str, doc_id: str) -> Completion:
        """The endpoint's answer to this chat, or a NewsgoldError located at doc_id."""
        attempts = self.endpoint.retries + 1
        for attempt in range(attempts):
            try:
                return self._once(chat, name, doc_id)
            except _Retry as err:
                if attempt + 1 == attempts:
                    raise NewsgoldError(
                        f"the endpoint {self.endpoint.completions} failed {attempts} time(s), "
                        f"last: {err}; expected a chat completion ({err.hint})",
                        name,
                        doc_id,
                    ) from None
                pause = self.endpoint.backoff * 2**attempt if err.wait is None else err.wait
                time.sleep(min(pause, MAX_WAIT))
        raise AssertionError("unreachable")  # pragma: no cover

    def _request(self, chat: Sequence[Message]) -> urllib.request.Request:
        body: dict[str, Any] = {
            "model": self.endpoint.model,
            "messages": list(chat),
            "temperature": 0,
        }
        if self.json_mode:
            body["response_format"] = {"type": "json_object"}
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        if self.endpoint.api_key:
            headers["Authorization"] = f"Bearer {self.endpoint.api_key}"
        data = json.dumps(body, ensure_ascii=False).encode("utf-8")
        return urllib.request.Request(self.endpoint.completions, data, headers, method="POST")

    def _once(self, chat: Sequence[Message], name: str, doc_id: str) -> Completion:
        with self._lock:
            self.requests += 1
        try:
            with urllib.request.urlopen(
                self._request(chat), timeout=self.endpoint.timeout
            ) as response:
                raw = response.read()
        except urllib.error.HTTPError as err:
            excerpt = _body_excerpt(err)
            if err.code == 429 or err.code >= 500:
                raise _Retry(f"HTTP {err.code}: {excerpt}", _retry_after(err)) from None
            if err.code == 400 and self.json_mode and "response_format" in excerpt:
                self.json_mode = False  # a server without JSON mode: ask again without it
                return self._once(chat, name, doc_id)
            raise NewsgoldError(
                f"the endpoint {self.endpoint.completions} answered HTTP {err.code}: {excerpt}"
                + _HINTS.get(err.code, ""),
                name,
                doc_id,
            ) from None
        except TimeoutError:
            raise _Retry(f"no answer within {self.endpoint.timeout:g} s") from None
        except urllib.error.URLError as err:
            if isinstance(err.reason, TimeoutError):
                raise _Retry(f"no answer within {self.endpoint.timeout:g} s") from None
            hint = "is the server running, and is --llm its API base URL?"
            raise _Retry(f"cannot connect: {err.reason}", hint=hint) from None
        except OSError as err:  # a connection reset or dropped mid-answer
            raise _Retry(f"connection failed: {err}") from None
        return _completion(raw, name, doc_id)


def _completion(raw: bytes, name: str, doc_id: str) -> Completion:
    """The first choice's message content of a chat completion response, and its finish_reason."""
    text = raw.decode("utf-8", "replace")
    try:
        choice = json.loads(text)["choices"][0]
        content, finish = choice["message"]["content"], choice.get("finish_reason")
    except (ValueError, KeyError, IndexError, TypeError, AttributeError):
        content = finish = None
    if not isinstance(content, str):
        raise NewsgoldError(
            "the endpoint's response is not a chat completion; expected "
            '{"choices": [{"message": {"content": "..."}}]}, got ' + quoted(text, EXCERPT),
            name,
            doc_id,
        )
    return Completion(content, finish if isinstance(finish, str) else None)


def parse_answer(content: str, name: str, doc_id: str, layers: Sequence[str] = LAYERS) -> Any:
    """The asked layers of the answer, checked against the answer schema.

    A layer left out counts as [] (the model found nothing); other keys are ignored.
    A ```json fenced block is taken from around its JSON. Anything else is a NewsgoldError at the
    document, saying what was expected and quoting the answer.
    """
    fenced = _FENCED.search(content)
    body = fenced.group(1) if fenced else content
    try:
        answer = json.loads(body)
    except ValueError as err:
        raise NewsgoldError(
            f"the answer is not JSON ({err}); expected one JSON object with the lists "
            f"{', '.join(layers)}; the answer: {quoted(content, EXCERPT)}",
            name,
            doc_id,
        ) from None
    error = best_match(_validator(tuple(layers)).iter_errors(answer))
    if error is not None:
        pointer = "".join(f"/{part}" for part in error.absolute_path)
        raise NewsgoldError(
            f"the answer does not match the answer schema (newsgold prompt shows it): "
            f"{error.message}; the answer: {quoted(content, EXCERPT)}",
            name,
            f"{doc_id}{pointer}",
        )
    return {layer: answer.get(layer, []) for layer in layers}


@cache
def _validator(layers: tuple[str, ...]) -> Draft202012Validator:
    schema = answer_schema(layers)
    del schema["required"]  # a layer left out is read as an empty list
    del schema["additionalProperties"]  # other keys (a layer not asked for) are ignored
    return Draft202012Validator(schema)


class AnswerCache:
    """Answers on disk, one JSON file per (model, prompt) key; no folder means no cache."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder

    @staticmethod
    def key(model: str, chat: Sequence[Message]) -> str:
        """sha256 of the model name and the full prompt (which holds the article)."""
        blob = json.dumps({"model": model, "messages": list(chat)}, ensure_ascii=False)
        return hashlib.sha256(blob.encode("utf-8")).hexdigest()

    def _path(self, key: str) -> Path | None:
        return None if self.folder is None else self.folder / key[:2] / f"{key}.json"

    def get(self, key: str) -> str | None:
        """The cached answer, or None (an unreadable entry counts as missing and is rewritten)."""
        path = self._path(key)
        if path is None or not path.is_file():
            return None
        try:
            answer = json.loads(path.read_text(encoding="utf-8"))["answer"]
        except (OSError, ValueError, KeyError, TypeError):
            return None
        return answer if isinstance(answer, str) else None

    def has(self, key: str) -> bool:
        """Whether an entry for key exists (read or not)."""
        path = self._path(key)
        return path is not None and path.is_file()

    def put(self, key: str, model: str, answer: str) -> None:
        """Store one answer, whole or not at all."""
        path = self._path(key)
        if path is not None:
            data = json.dumps({"model": model, "answer": answer}, ensure_ascii=False)
            write_files({path: (data + "\n").encode("utf-8")}, overwrite=True, what="LLM cache")


@dataclass
class LLMModel:
    """The model ``newsgold predict`` calls: prompt, cached or fresh answer, resolved offsets.

    With ``skip_unresolved`` a string not found in the text is dropped and kept in
    ``unresolved`` for the report; without it (the default) it fails the run at its document.
    With ``workers`` above 1, ``prefetch`` first fills the cache that many requests at a time.
    """

    client: Client
    cache: AnswerCache
    name: str
    layers: Sequence[str] = LAYERS
    skip_unresolved: bool = False
    workers: int = 1
    unresolved: list[Unresolved] = field(default_factory=list)
    tiers: Counter[str] = field(default_factory=Counter)
    cached: int = 0  # answers read from the cache that this run did not ask for
    _fetched: set[str] = field(default_factory=set)  # keys prefetch asked for
    _failed: dict[str, NewsgoldError] = field(default_factory=dict)  # and failed on

    def _ask(self, chat: Sequence[Message], key: str, doc_id: str) -> Any:
        """A fresh answer, checked, and cached when well formed."""
        completion = self.client.complete(chat, self.name, doc_id)
        try:
            answer = parse_answer(completion.content, self.name, doc_id, self.layers)
        except NewsgoldError as err:
            if completion.finish_reason == "length":
                raise NewsgoldError(err.message + CUT_OFF, err.file, err.pointer) from None
            raise
        self.cache.put(key, self.client.endpoint.model, completion.content)
        return answer

    def _key(self, chat: Sequence[Message]) -> str:
        return self.cache.key(self.client.endpoint.model, chat)

    def __call__(self, text: str, metadata: dict[str, Any]) -> dict[str, Any]:
        doc_id = str(metadata.get("doc_id") or "?")
        chat = messages(text, metadata, self.layers)
        key = self._key(chat)
        if key in self._failed:  # prefetch failed on it: reported here, in document order
            raise self._failed.pop(key)
        content = self.cache.get(key)
        if content is None:
            answer = self._ask(chat, key, doc_id)
        else:
            if key not in self._fetched:
                self.cached += 1
            answer = parse_answer(content, self.name, doc_id, self.layers)
        resolution = resolve(answer, text, doc_id)
        self.tiers.update(resolution.tiers)
        if resolution.unresolved and not self.skip_unresolved:
            lines = "\n  ".join(u.message() for u in resolution.unresolved)
            raise NewsgoldError(
                f"{len(resolution.unresolved)} string(s) of the answer are not in the text "
                f"(--llm-skip-unresolved drops and reports them instead):\n  {lines}",
                self.name,
                doc_id,
            )
        self.unresolved.extend(resolution.unresolved)
        return resolution.layers

    def prefetch(self, documents: Sequence[Document], progress: ProgressFn | None = None) -> None:
        """Ask for every document the cache lacks, ``workers`` at a time, before the ordered run.

        Answers go to the cache (nothing is held beyond a batch of prompts); a document that
        fails is remembered and its error raised when the ordered run reaches it, so messages
        come in document order. Does nothing with one worker or without a cache.
        """
        if self.workers <= 1 or self.cache.folder is None:
            return
        todo = [doc for doc in documents if not self.cache.has(self._key(self._chat(doc)))]
        done = 0
        with ThreadPoolExecutor(self.workers) as pool:
            for start in range(0, len(todo), self.workers * BATCH_PER_WORKER):
                batch = todo[start : start + self.workers * BATCH_PER_WORKER]
                for _ in pool.map(self._warm, batch):
                    done += 1
                    if progress is not None:
                        progress(done, len(todo))

    def _chat(self, doc: Document) -> list[Message]:
        return messages(doc.text, dict(doc.metadata), self.layers)

    def _warm(self, doc: Document) -> None:
        chat = self._chat(doc)
        key = self._key(chat)
        self._fetched.add(key)
        try:
            self._ask(chat, key, doc.doc_id)
        except NewsgoldError as err:
            self._failed[key] = err

    def report(self) -> str:
        """What the run cost and how the strings were placed, for the end of ``predict``."""
        placed = sum(self.tiers.values())
        tiers = ", ".join(f"{n} {tier}" for tier, n in self.tiers.items()) or "none"
        lines = [
            f"llm: {self.client.requests} request(s), {self.cached} answer(s) from the cache"
            f"{f' ({self.cache.folder})' if self.cache.folder else ''}; "
            f"{placed} string(s) placed: {tiers}"
        ]
        if self.unresolved:
            lines.append(f"llm: {len(self.unresolved)} string(s) not in the text, dropped:")
            lines += [f"  {u.message()}" for u in self.unresolved]
        return "\n".join(lines)


def load(
    endpoint: Endpoint,
    cache_folder: Path | None = DEFAULT_CACHE,
    layers: Sequence[str] = LAYERS,
    skip_unresolved: bool = False,
    workers: int = 1,
) -> LLMModel:
    """The model for ``newsgold predict --llm URL --model NAME``."""
    name = f"{endpoint.model}@{endpoint.url}"
    cache = AnswerCache(cache_folder)
    return LLMModel(Client(endpoint), cache, name, layers, skip_unresolved, workers)
