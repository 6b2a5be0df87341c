"""The rule baseline: ``extract(text, published)`` returns the four layers in the gold field names.

Transparent and general by construction: patterns over calendar words and numbers, capitalisation
with cue words, and reporting verbs (newsgold.baselines.lexicon holds every word list). The rules
and their known limits are documented in docs/baseline.md.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from newsgold.baselines.claims import ClaimSpan, find_claims
from newsgold.baselines.dates import find_dates
from newsgold.baselines.entities import find_entities
from newsgold.baselines.figures import find_figures
from newsgold.baselines.text import Doc
from newsgold.errors import NewsgoldError

SYSTEM = "newsgold-rules-1"


def publication_date(published: str) -> dt.date:
    """The publication date as a date; NewsgoldError unless it is an ISO date YYYY-MM-DD."""
    try:
        if len(published) != 10:
            raise ValueError(published)
        return dt.date.fromisoformat(published)
    except (TypeError, ValueError):
        raise NewsgoldError(
            f"published is {published!r}; expected an ISO date YYYY-MM-DD", pointer="/published"
        ) from None


def extract(text: str, published: str) -> dict[str, list[dict[str, Any]]]:
    """Entities, dates, figures and claims of a text, normalised against its publication date."""
    dct = publication_date(published)
    doc = Doc(text)
    found_dates = find_dates(doc, dct)
    blocked = [(d.start, d.end) for d in found_dates]
    dates: list[dict[str, Any]] = []
    creation = None
    for number, d in enumerate(found_dates, start=1):
        date = {
            "id": f"t{number}",
            "start": d.start,
            "end": d.end,
            "text": text[d.start : d.end],
            "type": d.type,
            "value": d.value,
            "mod": d.mod,
            "anchor": None,
            "function": d.function,
        }
        if d.function == "CREATION_TIME":
            creation = date["id"]
        dates.append(date)
    for date, d in zip(dates, found_dates, strict=True):
        if d.relative and creation is not None:
            date["anchor"] = creation
    figures = [
        {
            "id": f"f{number}",
            "start": f.start,
            "end": f.end,
            "text": text[f.start : f.end],
            "kind": f.kind,
            "value": f.value,
            "value_max": f.value_max,
            "unit": f.unit,
            "modifier": f.modifier,
        }
        for number, f in enumerate(find_figures(doc, blocked), start=1)
    ]
    entities = [
        {
            "id": f"e{number}",
            "start": e.start,
            "end": e.end,
            "text": text[e.start : e.end],
            "type": e.type,
            "entity_id": e.entity_id,
        }
        for number, e in enumerate(find_entities(doc, blocked), start=1)
    ]
    claims = [
        _claim(text, f"c{number}", c)
        for number, c in enumerate(find_claims(doc, entities, dates, figures), start=1)
    ]
    return {"entities": entities, "dates": dates, "figures": figures, "claims": claims}


def _claim(text: str, claim_id: str, c: ClaimSpan) -> dict[str, Any]:
    source = None
    if c.source is not None:
        s, e = c.source
        source = {"start": s, "end": e, "text": text[s:e], "entity_id": c.source_entity}
    cue = None
    if c.cue is not None:
        s, e = c.cue
        cue = {"start": s, "end": e, "text": text[s:e]}
    return {
        "id": claim_id,
        "start": c.start,
        "end": c.end,
        "text": text[c.start : c.end],
        "source": source,
        "cue": cue,
        "quote": c.quote,
        "certainty": c.certainty,
        "polarity": c.polarity,
        "dates": c.dates,
        "figures": c.figures,
        "reported_on": c.reported_on,
    }
