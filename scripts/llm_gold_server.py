#!/usr/bin/env python3
"""A stand-in OpenAI-compatible endpoint that answers with the gold annotations, as strings.

    python scripts/llm_gold_server.py [--root DIR] [--port N]

It serves ``POST /v1/chat/completions`` on 127.0.0.1: for the article in the prompt that
``newsgold predict --llm`` sends, it answers what a perfect model would, the article's gold
annotations with every span written as its text (in text order, offsets left out). Running
``newsgold predict --llm http://127.0.0.1:N/v1 --model gold`` against it checks an LLM setup end to
end without a model, and scoring the result measures what the resolver loses by placing strings
instead of offsets. An article without annotations gets an empty answer.
"""

from __future__ import annotations

import argparse
import json
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))  # run from a checkout

from newsgold.cli._common import repository  # noqa: E402
from newsgold.corpus import Document, load_corpus  # noqa: E402
from newsgold.errors import NewsgoldError  # noqa: E402

PORT = 8765
FIELDS = {  # what an answer keeps of each gold item besides its text
    "entities": ("type", "entity_id"),
    "dates": ("type", "value", "mod"),
    "figures": ("kind", "value", "value_max", "unit", "modifier"),
    "claims": ("quote", "certainty", "polarity"),
}


def _part(span: dict[str, Any] | None, *keys: str) -> dict[str, Any] | None:
    return None if span is None else {"text": span["text"], **{k: span.get(k) for k in keys}}


def answer_of(doc: Document) -> dict[str, Any]:
    """The gold annotations of one article as an answer: spans as text, in text order."""
    answer: dict[str, Any] = {}
    for layer, keys in FIELDS.items():
        items = []
        for span in sorted(doc.spans(layer), key=lambda s: (s["start"], s["end"])):
            item = {"text": span["text"], **{k: span.get(k) for k in keys}}
            if layer == "claims":
                item["source"] = _part(span.get("source"), "entity_id")
                item["cue"] = _part(span.get("cue"))
            items.append(item)
        answer[layer] = items
    return answer


def make_server(root: Path, port: int = PORT) -> ThreadingHTTPServer:
    """The server on 127.0.0.1:port (0: any free port), answering from root's gold."""
    answers = {doc.text: answer_of(doc) for doc in load_corpus(root)}

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

        def do_POST(self) -> None:
            body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))))
            prompt = body["messages"][-1]["content"]
            article = prompt.split("Article:\n\n", 1)[-1]
            content = json.dumps(answers.get(article, {}), ensure_ascii=False)
            reply = {
                "object": "chat.completion",
                "model": body.get("model"),
                "choices": [{"index": 0, "message": {"role": "assistant", "content": content}}],
            }
            data = json.dumps(reply).encode("utf-8")
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    server.daemon_threads = True
    return server


def main(argv: list[str] | None = None) -> int:
    """Serve until interrupted."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, help="repository root (default: found upward)")
    parser.add_argument(
        "--port", type=int, default=PORT, metavar="N", help=f"port (default: {PORT})"
    )
    args = parser.parse_args(argv)
    try:
        server = make_server(repository(args.root), args.port)
    except (NewsgoldError, OSError) as err:
        print(f"llm_gold_server: {err}", file=sys.stderr)
        return 1
    print(f"serving gold answers on http://127.0.0.1:{server.server_address[1]}/v1", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
