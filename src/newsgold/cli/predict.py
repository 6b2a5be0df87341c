"""``newsgold predict``: run an extractor over the corpus and write a predictions file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from newsgold.adapters.spans import Adapter
from newsgold.adapters.systems import MODULES as SYSTEMS
from newsgold.cli._common import (
    add_out_option,
    add_root_option,
    add_split_option,
    repository,
)
from newsgold.corpus import LAYERS, load_corpus
from newsgold.errors import NewsgoldError
from newsgold.prediction_files import json_chunks, write_predictions
from newsgold.progress import Progress
from newsgold.scoring.harness import Model, iter_predictions, load_model
from newsgold.splits import in_splits


def register(sub: Any) -> None:
    """Add the predict subcommand."""
    p = sub.add_parser(
        "predict",
        help="run an extractor over the corpus and write predictions",
        description=(
            "Run one extractor on every article of the corpus, check what it returns "
            "({'entities': [...], 'dates': [...], ...}) and write a predictions file for "
            "`newsgold score`: your own MODULE:CALLABLE, called as callable(text, metadata), "
            "an adapter (--spacy, --hf), an LLM (--llm URL --model NAME), or a third-party "
            "extractor (--system NAME). Nothing is written unless every document succeeds."
        ),
    )
    source = p.add_mutually_exclusive_group()
    source.add_argument(
        "--model",
        metavar="MODULE:CALLABLE",
        help="the extractor, e.g. mymodel:extract; with --llm, the name of the LLM to ask "
        "(e.g. gpt-4o-mini, llama3.1:8b)",
    )
    source.add_argument(
        "--spacy",
        metavar="PIPELINE",
        help="a spaCy pipeline (package name or folder): entities, and dates and figures "
        "where it tags DATE/TIME and MONEY/PERCENT/QUANTITY/CARDINAL/ORDINAL (extra: spacy)",
    )
    source.add_argument(
        "--hf",
        metavar="MODEL",
        help="a Hugging Face token-classification model (name or folder), run on the CPU; "
        "CoNLL labels are kept: score with --map conll2003 (extra: hf)",
    )
    source.add_argument(
        "--system",
        choices=list(SYSTEMS),
        help="a third-party date or figure extractor (docs/benchmarking.md#third-party-systems) "
        "(extra: systems)",
    )
    _register_llm(p)
    add_out_option(p, "predictions file to write, Parquet if named *.parquet (default: stdout)")
    add_root_option(p)
    add_split_option(p)
    p.set_defaults(func=run)


def _model(args: argparse.Namespace) -> tuple[Model, str]:
    """The extractor the options name, and the name messages give it.

    Each adapter of ``newsgold.adapters`` adds one branch here; its module is imported only when
    asked for, so a missing optional library costs the other commands nothing.
    """
    if args.llm is not None:
        if args.spacy is not None or args.hf is not None:
            raise NewsgoldError(
                "--llm URL --model NAME asks an LLM: not with --spacy or --hf", status=2
            )
        if args.system is not None:
            raise NewsgoldError("--llm URL --model NAME asks an LLM: not with --system", status=2)
        return _llm_model(args)
    _refuse_llm_options(args)
    if args.spacy is not None:
        from newsgold.adapters import spacy

        adapter = spacy.load(args.spacy)
        return adapter, adapter.name
    if args.hf is not None:
        from newsgold.adapters import hf

        adapter = hf.load(args.hf)
        return adapter, adapter.name
    if args.system is not None:
        from newsgold.adapters import systems

        return systems.load(args.system), args.system
    if args.model is None:
        raise NewsgoldError(
            "give one extractor: --model MODULE:CALLABLE, --spacy PIPELINE, --hf MODEL, "
            "--system NAME, or --llm URL --model NAME",
            status=2,
        )
    return load_model(args.model), args.model


# --llm URL --model NAME: an OpenAI-compatible chat endpoint (newsgold.adapters.llm).
_LLM_OPTIONS = (
    "timeout",
    "retries",
    "backoff",
    "cache",
    "no_cache",
    "llm_layers",
    "llm_workers",
    "llm_skip_unresolved",
)


def _register_llm(p: argparse.ArgumentParser) -> None:
    """The options of ``--llm``; each is refused without it (None or False means not given)."""
    g = p.add_argument_group(
        "LLM endpoint (--llm URL --model NAME)",
        "Ask any OpenAI-compatible chat endpoint (POST URL/chat/completions) for each article, "
        "with the prompt `newsgold prompt` shows, and place the strings it answers in the text. "
        "An API key is read from NEWSGOLD_LLM_API_KEY or OPENAI_API_KEY.",
    )
    g.add_argument(
        "--llm",
        metavar="URL",
        help="the API base URL, e.g. http://127.0.0.1:8000/v1 or https://api.openai.com/v1",
    )
    g.add_argument(
        "--timeout",
        type=float,
        metavar="S",
        help="seconds to wait for each network operation (default: 120)",
    )
    g.add_argument(
        "--retries",
        type=int,
        metavar="N",
        help="attempts after a timeout, HTTP 429 or 5xx, or a dropped connection (default: 2)",
    )
    g.add_argument(
        "--backoff",
        type=float,
        metavar="S",
        help="seconds before the first retry, doubled for each next one (default: 1)",
    )
    g.add_argument(
        "--cache",
        type=Path,
        metavar="DIR",
        help="where answers are kept, so a rerun asks nothing (default: .newsgold-cache/llm)",
    )
    g.add_argument("--no-cache", action="store_true", help="neither read nor keep answers")
    g.add_argument(
        "--llm-layers",
        nargs="+",
        choices=LAYERS,
        metavar="LAYER",
        help=f"ask only for these layers: some of {', '.join(LAYERS)} (default: all)",
    )
    g.add_argument(
        "--llm-workers",
        type=int,
        metavar="N",
        help="requests at a time: the answers are fetched into the cache first, N at once, "
        "then placed in document order (default: 1)",
    )
    g.add_argument(
        "--llm-skip-unresolved",
        action="store_true",
        help="drop a string the text does not hold and list it at the end "
        "(default: it fails the run at its document)",
    )


def _refuse_llm_options(args: argparse.Namespace) -> None:
    for dest in _LLM_OPTIONS:
        if getattr(args, dest) not in (None, False):
            option = "--" + dest.replace("_", "-")
            raise NewsgoldError(f"{option} is an option of --llm URL", status=2)


def _llm_model(args: argparse.Namespace) -> tuple[Model, str]:
    from newsgold.adapters import llm

    if args.model is None:
        raise NewsgoldError("--llm URL needs --model NAME, the model to ask", status=2)
    if args.no_cache and args.cache is not None:
        raise NewsgoldError("give --cache DIR or --no-cache, not both", status=2)
    endpoint = llm.Endpoint(
        args.llm,
        args.model,
        llm.DEFAULT_TIMEOUT if args.timeout is None else args.timeout,
        llm.DEFAULT_RETRIES if args.retries is None else args.retries,
        llm.DEFAULT_BACKOFF if args.backoff is None else args.backoff,
        llm.api_key(),
    )
    workers = 1 if args.llm_workers is None else args.llm_workers
    if endpoint.timeout <= 0 or endpoint.retries < 0 or endpoint.backoff < 0 or workers < 1:
        raise NewsgoldError(
            "--timeout and --llm-workers must be positive, --retries and --backoff not negative",
            status=2,
        )
    if workers > 1 and args.no_cache:
        raise NewsgoldError("--llm-workers fills the cache first: not with --no-cache", status=2)
    folder = None if args.no_cache else (args.cache or llm.DEFAULT_CACHE)
    layers = args.llm_layers or LAYERS
    model = llm.load(endpoint, folder, layers, args.llm_skip_unresolved, workers)
    return model, model.name


def run(args: argparse.Namespace) -> int:
    """Run the model over the documents, streaming its checked predictions to the output.

    A file is written whole or not at all (a temporary, renamed at the end); standard output
    gets the lines only once every document has succeeded.
    """
    documents = in_splits(load_corpus(repository(args.root)), args.split).documents
    model, name = _model(args)
    labels = model.routing.entity_labels() if isinstance(model, Adapter) else None
    prefetch = getattr(model, "prefetch", None)  # an adapter that asks ahead (--llm-workers)
    if callable(prefetch):
        prefetch(documents, Progress("asking"))
    lines = iter_predictions(model, documents, name, Progress("predicting"), labels)
    count = [0]
    if args.out is None:
        sys.stdout.buffer.write(b"".join(json_chunks(lines, count)))
        sys.stdout.flush()
    else:
        count[0] = write_predictions(lines, args.out)  # Parquet when the name ends in .parquet
        print(f"wrote {count[0]} prediction(s) to {args.out}", file=sys.stderr)
    for note in model.notes() if isinstance(model, Adapter) else []:
        print(f"newsgold predict: {note}", file=sys.stderr)
    report = getattr(model, "report", None)  # an adapter's summary (the LLM's requests)
    if callable(report):
        print(report(), file=sys.stderr)
    return 0
