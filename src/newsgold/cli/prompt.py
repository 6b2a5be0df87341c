"""``newsgold prompt``: show the prompt ``newsgold predict --llm`` sends, for use in other tools."""

from __future__ import annotations

import argparse
import json
from typing import Any

from newsgold.adapters.prompt import messages, render
from newsgold.cli._common import (
    add_format_option,
    add_layers_option,
    add_out_option,
    add_root_option,
    add_split_option,
    emit,
    repository,
)
from newsgold.corpus import load_corpus
from newsgold.errors import NewsgoldError
from newsgold.shown import quoted
from newsgold.splits import in_splits


def register(sub: Any) -> None:
    """Add the prompt subcommand."""
    p = sub.add_parser(
        "prompt",
        help="print the LLM prompt for articles (what predict --llm sends)",
        description=(
            "Print the chat messages `newsgold predict --llm` sends for each article: a system "
            "message (a summary of the guidelines and the JSON Schema of the answer, spans as "
            "their text) and a user message (the publication date and the article). As text to "
            "read or paste, or as JSON Lines {doc_id, messages} for a batch tool."
        ),
    )
    p.add_argument(
        "doc_ids", nargs="*", metavar="DOC_ID", help="articles to show (default: all, or --split)"
    )
    add_split_option(p)
    add_layers_option(p, "ask for these layers")
    add_format_option(p, "output (json: one line per article)")
    add_out_option(p, "write the prompts here (default: standard output)")
    add_root_option(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Print (or write) the prompts of the chosen articles."""
    documents = in_splits(load_corpus(repository(args.root)), args.split).documents
    if args.doc_ids:
        known = {doc.doc_id: doc for doc in documents}
        unknown = [d for d in args.doc_ids if d not in known]
        if unknown:
            raise NewsgoldError(f"no article {quoted(unknown[0])} in the corpus", status=2)
        documents = [known[d] for d in args.doc_ids]
    chats = [(doc.doc_id, messages(doc.text, doc.metadata, args.layers)) for doc in documents]
    if args.format == "json":
        lines = (json.dumps({"doc_id": d, "messages": m}, ensure_ascii=False) for d, m in chats)
        emit("\n".join(lines), args.out)
    else:
        emit("\n".join(f"##### {d}\n{render(m)}" for d, m in chats), args.out)
    return 0
