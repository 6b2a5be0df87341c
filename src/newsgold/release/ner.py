"""The ``ner`` config: sentences as tokens with offsets and BIO tags over the OntoNotes 18 types.

Entities keep their type, dates become DATE or TIME (durations and sets are DATE, as in OntoNotes)
and figures their kind. Tokens and sentences come from ``newsgold.tokenize`` (the text alone); two
sentences are joined where a tagged span crosses their boundary, so no span is cut in two.
Overlapping spans cannot both be BIO-tagged: the earlier, then the longer, then entities before
dates before figures is kept, and the others are counted as dropped. A span whose edge falls
inside a token tags the whole token and is counted as widened.
"""

from __future__ import annotations

import bisect
from collections import Counter
from typing import Any

from newsgold.release.features import DATE_TO_ONTONOTES
from newsgold.tokenize import sentences, tokens

_LAYER_RANK = {"entities": 0, "dates": 1, "figures": 2}


def tagged_spans(row: dict[str, Any]) -> list[tuple[int, int, str, str]]:
    """(start, end, OntoNotes type, id) of every entity, date and figure of a documents row."""
    spans: list[tuple[int, int, int, str, str]] = []
    for item in row["entities"]:
        spans.append((item["start"], item["end"], 0, item["type"], item["id"]))
    for item in row["dates"]:
        spans.append((item["start"], item["end"], 1, DATE_TO_ONTONOTES[item["type"]], item["id"]))
    for item in row["figures"]:
        spans.append((item["start"], item["end"], 2, item["kind"], item["id"]))
    spans.sort(key=lambda s: (s[0], -s[1], s[2], s[4]))
    return [(start, end, kind, sid) for start, end, _, kind, sid in spans]


def _kept(
    spans: list[tuple[int, int, str, str]], stats: Counter[str]
) -> list[tuple[int, int, str, str]]:
    kept: list[tuple[int, int, str, str]] = []
    reach = -1
    for span in spans:
        if span[0] < reach:
            stats["dropped_overlap"] += 1
            continue
        kept.append(span)
        reach = span[1]
    return kept


def _joined(
    sents: list[tuple[int, int]], spans: list[tuple[int, int, str, str]], stats: Counter[str]
) -> list[tuple[int, int]]:
    starts = [s for s, _ in sents]
    glue = [False] * len(sents)  # glue[i]: sentence i continues into sentence i + 1
    for start, end, _, _ in spans:
        first = bisect.bisect_right(starts, start) - 1
        last = bisect.bisect_right(starts, end - 1) - 1
        for i in range(max(first, 0), last):
            if not glue[i]:
                glue[i] = True
                stats["sentences_joined"] += 1
    out: list[tuple[int, int]] = []
    begin = 0
    for i, (start, _) in enumerate(sents):
        if i == 0 or not glue[i - 1]:
            begin = start
        if not glue[i]:
            out.append((begin, sents[i][1]))
    return out


def ner_rows(row: dict[str, Any], text: str) -> tuple[list[dict[str, Any]], Counter[str]]:
    """The ner rows of a documents row (tokens null when the row has no text), and counts of what was
    dropped, widened or joined."""
    stats: Counter[str] = Counter()
    spans = tagged_spans(row)
    stats["spans"] = len(spans)
    kept = _kept(spans, stats)
    units = _joined(sentences(text), kept, stats)
    toks = tokens(text)
    tok_starts = [s for s, _ in toks]
    tags = ["O"] * len(toks)
    for start, end, kind, _ in kept:
        first = bisect.bisect_right(tok_starts, start) - 1
        if first < 0 or toks[first][1] <= start:
            first += 1
        last = bisect.bisect_left(tok_starts, end) - 1
        if first > last or any(t != "O" for t in tags[first : last + 1]):
            stats["dropped_overlap"] += 1
            continue
        if toks[first][0] != start or toks[last][1] != end:
            stats["widened"] += 1
        tags[first] = f"B-{kind}"
        for i in range(first + 1, last + 1):
            tags[i] = f"I-{kind}"
    show = row["text"] is not None
    rows: list[dict[str, Any]] = []
    for number, (start, end) in enumerate(units):
        lo = bisect.bisect_left(tok_starts, start)
        hi = bisect.bisect_left(tok_starts, end)
        part = toks[lo:hi]
        rows.append(
            {
                "doc_id": row["doc_id"],
                "status": row["status"],
                "sentence": number,
                "start": start,
                "end": end,
                "tokens": [text[a:b] for a, b in part] if show else None,
                "token_starts": [a for a, _ in part],
                "token_ends": [b for _, b in part],
                "ner_tags": tags[lo:hi],
            }
        )
    return rows, stats
