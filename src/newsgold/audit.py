"""The corpus audit: readings that vary across places, likely misses, and guideline rules.

The validator checks what every file must hold; the audit compares annotations with each other
and with docs/guidelines.md. It reports and never edits. Each finding is an incident with a
stable id from :data:`CATALOGUE`, whose severity says what it means: ``error`` breaks a rule the
guidelines state outright (the audit exits 1 and CI fails), ``warning`` is probably wrong and
worth a look, ``info`` is a weaker hint. Every check is linear in the size of the corpus: strings
are indexed in dicts, never compared in pairs. docs/audit.md gives each rule with examples.
"""

from __future__ import annotations

import bisect
import datetime
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from newsgold.contribute.checks import document_incidents
from newsgold.corpus import ANNOTATIONS_DIR, Document, load_document, repository_doc_ids
from newsgold.errors import NewsgoldError
from newsgold.progress import ProgressFn
from newsgold.shown import quoted
from newsgold.timex import MONTH_NAMES, REFS
from newsgold.tokenize import is_word_char, tokens
from newsgold.validate.document import span_objects
from newsgold.validate.incidents import ERROR, WARNING

INFO = "info"  # ERROR and WARNING are the validator's
SEVERITIES = (ERROR, WARNING, INFO)

WEEKDAY_DAYS = 7  # a weekday name resolves within this many days of the publication date
DAY_WORD_DAYS = 1  # today, tonight, yesterday, tomorrow
MONTH_NAME_MONTHS = 12  # a month name without a year resolves within this many months
NEAR_PHRASE = 1  # "last/this/next month" and "last/this/next year": one month or year away
# date-unannotated: a date string without digits annotated at least this often, and at this share
# of its whole-word occurrences in the corpus, is expected wherever it occurs
DATE_MIN_ANNOTATED = 5
DATE_SHARE = 0.9

# id -> (severity, one-line explanation). Ids are stable: tests, CI and users rely on them.
CATALOGUE: dict[str, tuple[str, str]] = {
    "document-invalid": (
        ERROR,
        "The document does not validate, so the audit skips it; run `newsgold validate`.",
    ),
    "span-in-source-section": (
        ERROR,
        "The source section (the trailing URL block) carries no annotation besides its section "
        "(guidelines §0).",
    ),
    "span-has-markup": (
        ERROR,
        "`##` heading markers and `**` bold markers are never part of an entity, date, figure or "
        "claim span (guidelines §0).",
    ),
    "span-inside-name": (
        ERROR,
        "A date or figure never lies inside a name: years and numbers inside names are not "
        "dates or figures, and an event name is never also a date (guidelines §7.2, §7.3, §7.4).",
    ),
    "claim-in-excluded-section": (
        ERROR,
        "Captions, bylines, datelines and related-article lines hold no claims (guidelines §5).",
    ),
    "claim-unattributed-headline": (
        ERROR,
        "An unattributed headline is not a claim; an attributed one is (guidelines §7.1).",
    ),
    "reported-on-not-a-point": (
        ERROR,
        "A claim's reported_on names a point in time (a DATE or TIME), never a DURATION or SET "
        "(guidelines §5, §7.9).",
    ),
    "figure-unit-form": (
        ERROR,
        "A MONEY figure's unit is an ISO currency code (USD), or null when the text shows the "
        "currency is not the one its sign suggests but never names it; a PERCENT figure's unit "
        "is `%`; an ORDINAL's unit is null (guidelines §4, §7.4, §7.6).",
    ),
    "surface-type-varies": (
        WARNING,
        "The same string is annotated with different readings: entity type (same spelling, "
        "anywhere in the corpus); date type, value and mod (absolute dates anywhere, relative "
        "ones within one article and anchor); figure kind and unit (anywhere). Each place that "
        "differs from the most common reading is listed.",
    ),
    "surface-unannotated": (
        WARNING,
        "A whole-word occurrence of a string this article annotates as an entity elsewhere is "
        "not annotated here (not inside or across another entity span, not in the source "
        "section): likely a missed mention.",
    ),
    "surface-unannotated-elsewhere": (
        INFO,
        "A whole-word occurrence of a string other articles annotate as an entity is not "
        "annotated here: possibly a missed mention (a weaker hint than surface-unannotated).",
    ),
    "date-unannotated": (
        INFO,
        f'A whole-word occurrence of a date string without digits ("now", "today", '
        f'"recently") is not annotated, where the corpus annotates that string at least '
        f"{DATE_MIN_ANNOTATED} times and at {DATE_SHARE:.0%} or more of its occurrences: possibly "
        'a missed date, or a use a rule sets apart ("now that", §7.11).',
    ),
    "entity-id-type-varies": (
        WARNING,
        "Mentions sharing an entity_id in one article have different types; a coreference chain "
        "names one entity, which has one type.",
    ),
    "entity-wikidata-varies": (
        WARNING,
        "Mentions sharing an entity_id in one article carry different Wikidata ids; one entity "
        "has one Q-id.",
    ),
    "date-far-from-dct": (
        WARNING,
        f"A date anchored to the creation time lies further from the publication date than its "
        f"words allow: a weekday name more than {WEEKDAY_DAYS} days away, today/tonight/"
        f"yesterday/tomorrow more than {DAY_WORD_DAYS} day, a month name without a year more "
        f"than {MONTH_NAME_MONTHS} months, last/this/next month or year more than "
        f"{NEAR_PHRASE} month or year.",
    ),
    "figure-unit-not-written": (
        WARNING,
        "A CARDINAL or QUANTITY figure's unit is written as in the text (guidelines §4: 'as "
        "written'), but this unit does not occur in the figure's span.",
    ),
}


@dataclass(frozen=True)
class AuditIncident:
    """One finding of the audit: where it is, its id and severity, and what was found."""

    file: str
    pointer: str
    id: str
    message: str
    offset: int | None = None  # where in the text, for ordering and for tools
    severity: str = ""

    def __post_init__(self) -> None:
        """Refuse an id outside the catalogue; take the severity the catalogue gives it."""
        if self.id not in CATALOGUE:
            raise ValueError(f"unknown audit incident id {self.id!r}")
        object.__setattr__(self, "severity", CATALOGUE[self.id][0])

    def to_dict(self) -> dict[str, Any]:
        """The incident as a JSON-ready dict."""
        return asdict(self)

    def line(self) -> str:
        """One line for a terminal: location, severity, id and message."""
        where = self.file + (f":{self.pointer}" if self.pointer else "")
        return f"{where}: [{self.severity} {self.id}] {self.message}"


def _order(incident: AuditIncident) -> tuple[Any, ...]:
    """Reading order: by file, offset in the text, then pointer with numbers compared as numbers."""
    parts = tuple(
        (0, int(p), "") if p.isdigit() else (1, 0, p) for p in incident.pointer.split("/")
    )
    offset = -1 if incident.offset is None else incident.offset
    return (incident.file, offset, parts, incident.id, incident.message)


@dataclass
class AuditReport:
    """The outcome of an audit: the documents read and the incidents, in reading order."""

    root: Path
    documents: int
    status: str | None = None  # the status the audit was restricted to, if any
    statuses: dict[str, int] = field(default_factory=dict)  # documents per status
    incidents: list[AuditIncident] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when no incident is an error (warnings and hints do not fail)."""
        return not any(i.severity == ERROR for i in self.incidents)

    def ids(self) -> list[str]:
        """The incident ids, in report order (handy in tests)."""
        return [i.id for i in self.incidents]

    def counts(self) -> dict[str, int]:
        """Number of incidents per id, every id of the catalogue included."""
        per = Counter(i.id for i in self.incidents)
        return {pid: per.get(pid, 0) for pid in CATALOGUE}

    def severities(self) -> dict[str, int]:
        """Number of incidents per severity."""
        per = Counter(i.severity for i in self.incidents)
        return {name: per.get(name, 0) for name in SEVERITIES}

    def to_dict(self) -> dict[str, Any]:
        """The report as stable JSON."""
        return {
            "ok": self.ok,
            "documents": self.documents,
            "status": self.status,
            "statuses": self.statuses,
            "severities": self.severities(),
            "counts": self.counts(),
            "incidents": [i.to_dict() for i in self.incidents],
        }


# --- reading ------------------------------------------------------------------------------------


def _file(doc_id: str) -> str:
    """The annotation file of a document, as incidents name it."""
    return f"{ANNOTATIONS_DIR}/{doc_id}.json"


def _read(root: Path, doc_id: str, status: str | None) -> tuple[Document | None, str]:
    """A valid document of the status asked for (else None), and why it was skipped if invalid."""
    try:
        doc = load_document(root, doc_id)
    except NewsgoldError as err:
        return None, err.located()
    said = doc.annotations.get("status") if isinstance(doc.annotations, dict) else None
    if status is not None and said is not None and said != status:
        return None, ""
    found = document_incidents(doc_id, doc.text, doc.metadata, doc.annotations)
    if found:
        more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
        return None, found[0].line() + more
    return doc, ""


def audit(root: Path, status: str | None = None, progress: ProgressFn | None = None) -> AuditReport:
    """Audit every valid document of a repository (only those of ``status`` when given).

    Two passes, one document in memory at a time: the first checks each document on its own
    and indexes its strings and readings, the second looks for unannotated occurrences of the
    corpus's entity strings in the articles that have entities.
    """
    if status is not None and status not in {"gold", "draft"}:
        raise NewsgoldError(f"status {status!r}: expected gold or draft", status=2)
    ids = repository_doc_ids(root)
    steps = 2 * len(ids)
    index = _Index()
    incidents: list[AuditIncident] = []
    statuses: Counter[str] = Counter()
    to_scan: list[str] = []
    for done, doc_id in enumerate(ids, start=1):
        doc, problem = _read(root, doc_id, status)
        if problem:
            message = f"skipped: {problem}"
            incidents.append(AuditIncident(_file(doc_id), "", "document-invalid", message))
        elif doc is not None:
            statuses[str(doc.annotations["status"])] += 1
            incidents += _rule_checks(doc)
            incidents += _coreference(doc)
            incidents += _far_dates(doc)
            index.add(doc)
            if doc.spans("entities"):  # an article without entities is not annotated yet
                to_scan.append(doc_id)
        if progress is not None:
            progress(done, steps)
    incidents += index.varying()
    for done, doc_id in enumerate(to_scan, start=len(ids) + 1):
        incidents += index.unannotated(load_document(root, doc_id))
        if progress is not None:
            progress(done, steps)
    incidents += index.dates_unannotated()
    if progress is not None:
        progress(steps, steps)
    return AuditReport(
        root,
        sum(statuses.values()),
        status,
        dict(sorted(statuses.items())),
        sorted(incidents, key=_order),
    )


# --- rules of the guidelines --------------------------------------------------------------------

CURRENCY_SIGNS = "$£€¥"  # a name directly before one is a currency code: "US$", "AU$"
_MARKUP = re.compile(r"\*\*|(?:^|\n)#{1,6}(?:\s|$)")
_NO_CLAIMS = ("caption", "byline", "dateline", "related")
_CURRENCY = re.compile(r"^[A-Z]{3}$")


def _zones(doc: Document, types: Iterable[str]) -> list[dict[str, Any]]:
    """The sections of some types."""
    wanted = set(types)
    return [s for s in doc.spans("sections") if s["type"] in wanted]


def _overlapping(span: dict[str, Any], zones: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The first zone a span overlaps, if any."""
    return next((z for z in zones if span["start"] < z["end"] and z["start"] < span["end"]), None)


def _rule_checks(doc: Document) -> list[AuditIncident]:
    """Rules of the guidelines that one article breaks on its own."""
    file = _file(doc.doc_id)
    found = [*_span_rules(doc), *_claim_rules(doc)]
    out = [AuditIncident(file, where, pid, message, at) for where, pid, message, at in found]
    for i, fig in enumerate(doc.spans("figures")):
        out += _unit_checks(file, i, fig)
    return out


Finding = tuple[str, str, str, int]  # (pointer, incident id, message, offset)


def _span_rules(doc: Document) -> Iterator[Finding]:
    """Spans in the source section, spans holding markup, dates and figures inside names."""
    source = _zones(doc, ["source"])
    for where, span in span_objects(doc.annotations):
        if where.startswith("/sections/"):
            continue
        shown, start = f"{quoted(span['text'])} ({span['start']}:{span['end']})", span["start"]
        zone = _overlapping(span, source)
        if zone is not None:
            yield (
                where,
                "span-in-source-section",
                f"{shown} lies in the source section {zone['id']}; expected no annotation there",
                start,
            )
        markup = _MARKUP.search(span["text"])
        if markup:
            yield (
                where,
                "span-has-markup",
                f"{shown} holds the markup {markup.group().strip()!r}; expected the span without it",
                start,
            )
    entities = doc.spans("entities")
    names = sorted((e["start"], e["end"], i) for i, e in enumerate(entities))
    starts = [start for start, _, _ in names]
    for layer in ("dates", "figures"):
        for i, span in enumerate(doc.spans(layer)):
            # entity spans do not overlap: only the one starting last at or before the span's
            # start can hold it
            k = bisect.bisect_right(starts, span["start"]) - 1
            if k < 0 or names[k][1] < span["end"]:
                continue
            name = entities[names[k][2]]
            yield (
                f"/{layer}/{i}",
                "span-inside-name",
                f"{span['text']!r} lies inside the {name['type']} name {name['text']!r} "
                f"(/entities/{names[k][2]}); expected no {layer[:-1]} inside a name",
                span["start"],
            )


def _claim_rules(doc: Document) -> Iterator[Finding]:
    """Claims where none belong, unattributed headline claims, reported_on that is no point."""
    excluded = _zones(doc, _NO_CLAIMS)
    headlines = _zones(doc, ["headline"])
    dates = {d["id"]: d for d in doc.spans("dates")}
    for i, claim in enumerate(doc.spans("claims")):
        when = dates.get(claim["reported_on"] or "")
        if when is not None and when["type"] in {"DURATION", "SET"}:
            yield (
                f"/claims/{i}/reported_on",
                "reported-on-not-a-point",
                f"claim {claim['id']} is reported_on {when['id']} {when['text']!r}, a "
                f"{when['type']}; reported_on names a point (a DATE or TIME), else null",
                claim["start"],
            )
        shown = f"claim {claim['id']} {quoted(claim['text'])}"
        zone = _overlapping(claim, excluded)
        if zone is not None:
            yield (
                f"/claims/{i}",
                "claim-in-excluded-section",
                f"{shown} lies in the {zone['type']} section {zone['id']}; captions, bylines, "
                "datelines and related-article lines hold no claims",
                claim["start"],
            )
        zone = _overlapping(claim, headlines)
        if zone is not None and claim["source"] is None:
            yield (
                f"/claims/{i}",
                "claim-unattributed-headline",
                f"{shown} lies in the headline {zone['id']} and has no source; an unattributed "
                "headline is not a claim",
                claim["start"],
            )


def _unit_checks(file: str, index: int, fig: dict[str, Any]) -> list[AuditIncident]:
    """A figure's unit against its kind and its own text."""
    kind, unit, where = fig["kind"], fig["unit"], f"/figures/{index}/unit"
    expected = None
    if kind == "MONEY" and unit is not None and not _CURRENCY.match(unit):
        expected = "an ISO currency code such as 'USD' (or null when the text never names it)"
    elif kind == "PERCENT" and unit != "%":
        expected = "'%'"
    elif kind == "ORDINAL" and unit is not None:
        expected = "null (an ordinal is the ordinal word alone)"
    if expected:
        message = f"{kind} figure {fig['text']!r} has unit {unit!r}; expected {expected}"
        return [AuditIncident(file, where, "figure-unit-form", message, fig["start"])]
    if kind not in {"CARDINAL", "QUANTITY"} or unit is None:
        return []
    if unit.casefold() in fig["text"].casefold():
        return []
    message = f"unit {unit!r} does not occur in {fig['text']!r}; expected the unit as written there"
    return [AuditIncident(file, where, "figure-unit-not-written", message, fig["start"])]


# --- readings that vary -------------------------------------------------------------------------


@dataclass(frozen=True)
class _Place:
    """One annotated place and its reading (a type, a value, ...) as words."""

    file: str
    pointer: str
    offset: int
    reading: str

    def where(self, here: str) -> str:
        """The place as file:pointer, or only the pointer when in the file ``here``."""
        return self.pointer if self.file == here else f"{self.file}:{self.pointer}"


def _disagreeing(
    pid: str, places: list[_Place], what: str, note: str = ""
) -> Iterator[AuditIncident]:
    """An incident at every place whose reading differs from the group's most common one.

    The most common reading wins; a tie goes to the reading seen first (corpus order).
    """
    counts = Counter(p.reading for p in places)
    if len(counts) < 2:
        return
    readings = counts.most_common()
    usual = readings[0][0]
    first = next(p for p in places if p.reading == usual)
    summary = ", ".join(f"{reading} ×{n}" for reading, n in readings)
    for place in places:
        if place.reading != usual:
            yield AuditIncident(
                place.file,
                place.pointer,
                pid,
                f"{what} is {place.reading} here but {usual} at {first.where(place.file)} "
                f"(readings: {summary}){note}",
                place.offset,
            )


def _date_reading(date: dict[str, Any]) -> str:
    """A date's reading in words: type, value and mod."""
    mod = f" mod {date['mod']}" if date["mod"] else ""
    return f"{date['type']} {date['value']}{mod}"


def _unit_variant(places: list[_Place]) -> str:
    """A note when a group's figure units differ only in case or a plural -s."""
    units = {p.reading.split(" unit ", 1)[1] for p in places}
    folded = {u.casefold().removesuffix("s") for u in units}
    if len(units) > 1 and len(folded) == 1:
        return "; the units differ only in case or number"
    return ""


def _coreference(doc: Document) -> Iterator[AuditIncident]:
    """entity-id-type-varies and entity-wikidata-varies within one article."""
    file = _file(doc.doc_id)
    types: dict[str, list[_Place]] = defaultdict(list)
    qids: dict[str, list[_Place]] = defaultdict(list)
    for i, ent in enumerate(doc.spans("entities")):
        types[ent["entity_id"]].append(_Place(file, f"/entities/{i}", ent["start"], ent["type"]))
        if ent.get("wikidata"):
            place = _Place(file, f"/entities/{i}/wikidata", ent["start"], ent["wikidata"])
            qids[ent["entity_id"]].append(place)
    for key, places in types.items():
        yield from _disagreeing("entity-id-type-varies", places, f"entity_id {key!r}")
    for key, places in qids.items():
        yield from _disagreeing("entity-wikidata-varies", places, f"wikidata of {key!r}")


# --- dates far from the publication date --------------------------------------------------------

# (pattern, unit of distance, limit, what the words are), first match wins.
_DATE_RULES: list[tuple[re.Pattern[str], str, int, str]] = [
    (
        re.compile(r"\b(?:today|tonight|yesterday|tomorrow)\b", re.I),
        "day",
        DAY_WORD_DAYS,
        "today/tonight/yesterday/tomorrow",
    ),
    (
        re.compile(r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b", re.I),
        "day",
        WEEKDAY_DAYS,
        "a weekday name",
    ),
    (
        re.compile(r"\b(?:last|this|next|past|coming)\s+month\b", re.I),
        "month",
        NEAR_PHRASE,
        "last/this/next month",
    ),
    (
        re.compile(r"\b(?:last|this|next|past|coming)\s+year\b", re.I),
        "year",
        NEAR_PHRASE,
        "last/this/next year",
    ),
    (
        re.compile(rf"^(?!.*\d{{4}}).*\b(?:{MONTH_NAMES})\b", re.I | re.S),
        "month",
        MONTH_NAME_MONTHS,
        "a month name without a year",
    ),
]
_VALUE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?![\dW])")


def _distance(value: str, dct: datetime.date, unit: str) -> int | None:
    """How many days, months or years a TIMEX3 value lies from the DCT (None: not that precise)."""
    match = _VALUE.match(value)
    if not match:
        return None
    year, month, day = match.groups()
    if unit == "year":
        return abs(int(year) - dct.year)
    if month is None:
        return None
    if unit == "month":
        return abs((int(year) - dct.year) * 12 + int(month) - dct.month)
    if day is None:
        return None
    try:
        return abs((datetime.date(int(year), int(month), int(day)) - dct).days)
    except ValueError:
        return None


def _far_dates(doc: Document) -> Iterator[AuditIncident]:
    """date-far-from-dct: relative dates resolved implausibly far from the publication date."""
    dates = doc.spans("dates")
    creation = {d["id"] for d in dates if d["function"] == "CREATION_TIME"}
    dct = datetime.date.fromisoformat(doc.metadata["published"])
    for i, date in enumerate(dates):
        if date["anchor"] not in creation:
            continue
        for pattern, unit, limit, words in _DATE_RULES:
            if not pattern.search(date["text"]):
                continue
            away = _distance(date["value"], dct, unit)
            if away is not None and away > limit:
                yield AuditIncident(
                    _file(doc.doc_id),
                    f"/dates/{i}/value",
                    "date-far-from-dct",
                    f"{date['text']!r} resolved to {date['value']}, {away} {unit}(s) from the "
                    f"publication date {dct.isoformat()}; {words} anchored to the creation time "
                    f"lies within {limit} {unit}(s) of it",
                    date["start"],
                )
            break


# --- likely missed entity mentions --------------------------------------------------------------


@dataclass
class _Known:
    """An entity string of the corpus: where it is first annotated and in which articles."""

    file: str
    pointer: str
    type: str
    docs: set[str] = field(default_factory=set)


def _words(text: str) -> tuple[str, ...]:
    """A string as its tuple of tokens (the key entity strings are indexed by)."""
    return tuple(text[s:e] for s, e in tokens(text))


class _Index:
    """What the audit gathers across documents: readings per string, entity strings by tokens.

    Entity strings are keyed by their tuple of tokens, and their first tokens by the lengths
    they start; an article's tokens are looked up there, so a scan costs one dict lookup per
    token (a few more where a known string starts): linear in the corpus.
    """

    def __init__(self) -> None:
        self.readings: dict[tuple[str, ...], list[_Place]] = defaultdict(list)
        self.spelling: dict[tuple[str, ...], str] = {}  # a group's string as first written
        self.known: dict[str, _Known] = {}
        self.keys: dict[tuple[str, ...], set[str]] = defaultdict(set)
        self.lengths: dict[str, set[int]] = defaultdict(set)  # first token -> lengths in tokens
        # date strings without digits, by casefolded tokens: where first annotated, how often
        # annotated, and the unannotated occurrences the scan finds (file, offset, line, as written)
        self.date_first: dict[tuple[str, ...], tuple[str, str, str]] = {}
        self.date_count: Counter[tuple[str, ...]] = Counter()
        self.date_lengths: dict[str, set[int]] = defaultdict(set)
        self.date_missed: dict[tuple[str, ...], list[tuple[str, int, int, str]]] = defaultdict(list)

    def add(self, doc: Document) -> None:
        """Index one document's readings and entity strings."""
        file = _file(doc.doc_id)
        source = _zones(doc, ["source"])
        for i, ent in enumerate(doc.spans("entities")):
            place = _Place(file, f"/entities/{i}", ent["start"], ent["type"])
            self._reading(("entities", ent["text"]), ent["text"], place)
            surface = ent["text"]
            if len(surface) < 2 or _overlapping(ent, source):
                continue
            if surface not in self.known:
                self.known[surface] = _Known(file, f"/entities/{i}", ent["type"])
                key = _words(surface)
                self.keys[key].add(surface)
                self.lengths[key[0]].add(len(key))
            self.known[surface].docs.add(doc.doc_id)
        dates = doc.spans("dates")
        # Without a CREATION_TIME date (§7.1) relative dates have anchor null too: every date of
        # such an article is compared within the article only.
        dated = any(d["function"] == "CREATION_TIME" for d in dates)
        for i, date in enumerate(dates):
            place = _Place(file, f"/dates/{i}", date["start"], _date_reading(date))
            absolute = dated and date["anchor"] is None
            # relative: per article and anchor; a generic reading (PRESENT_REF for "today" as
            # "nowadays", §7.6) is another sense of the words, not a conflicting value
            generic = "generic" if date["value"] in REFS else ""
            scope = () if absolute else (doc.doc_id, str(date["anchor"]), generic)
            self._reading(("dates", *scope, date["text"].casefold()), date["text"], place)
            if not any(c.isdigit() for c in date["text"]) and not _overlapping(date, source):
                key = tuple(w.casefold() for w in _words(date["text"]))
                if key:
                    self.date_first.setdefault(key, (date["text"], file, f"/dates/{i}"))
                    self.date_count[key] += 1
                    self.date_lengths[key[0]].add(len(key))
        for i, fig in enumerate(doc.spans("figures")):
            unit = "null" if fig["unit"] is None else repr(fig["unit"])
            place = _Place(file, f"/figures/{i}", fig["start"], f"{fig['kind']} unit {unit}")
            self._reading(("figures", fig["text"].casefold()), fig["text"], place)

    def _reading(self, key: tuple[str, ...], text: str, place: _Place) -> None:
        """Record one place's reading under its string's key."""
        self.readings[key].append(place)
        self.spelling.setdefault(key, text)

    def varying(self) -> Iterator[AuditIncident]:
        """surface-type-varies: the same string read differently in different places."""
        for key, places in self.readings.items():
            layer, surface = key[0], self.spelling[key]
            if layer == "entities":
                what = f"entity {surface!r}"
            elif layer == "dates":
                what = f"{'relative ' if len(key) > 2 else ''}date {surface!r}"
            else:
                what = f"figure {surface!r}"
            note = _unit_variant(places) if layer == "figures" else ""
            yield from _disagreeing("surface-type-varies", places, what, note)

    def unannotated(self, doc: Document) -> Iterator[AuditIncident]:
        """surface-unannotated(-elsewhere): unannotated whole-word occurrences in one article."""
        text, file = doc.text, _file(doc.doc_id)
        skip = bytearray(len(text))  # 1 where an entity span or the source section lies
        local: dict[str, tuple[int, dict[str, Any]]] = {}
        for i, ent in enumerate(doc.spans("entities")):
            local.setdefault(ent["text"], (i, ent))
        _cover(skip, [*doc.spans("entities"), *_zones(doc, ["source"])])
        spans = tokens(text)
        words = [text[s:e] for s, e in spans]
        i = 0
        while i < len(spans):
            found = self._match(text, spans, words, i)
            if found is None:
                i += 1
                continue
            n, surface = found
            start = spans[i][0]
            if skip.find(1, start, spans[i + n - 1][1]) < 0:
                yield _missed(file, text, start, surface, local, self.known[surface], doc.doc_id)
            i += n
        self._scan_dates(doc, spans, words, skip)

    def _scan_dates(
        self, doc: Document, spans: list[tuple[int, int]], words: list[str], skip: bytearray
    ) -> None:
        """Record the whole-word occurrences of indexed date strings that no span covers."""
        text, file = doc.text, _file(doc.doc_id)
        _cover(skip, [*doc.spans("dates"), *doc.spans("figures")])
        folded = [w.casefold() for w in words]
        i = 0
        while i < len(spans):
            for n in sorted(self.date_lengths.get(folded[i], ()), reverse=True):
                key = tuple(folded[i : i + n])
                if len(key) < n or key not in self.date_count:
                    continue
                start, end = spans[i][0], spans[i + n - 1][1]
                if _whole_word(text, start, end) and skip.find(1, start, end) < 0:
                    line = text.count("\n", 0, start) + 1
                    self.date_missed[key].append((file, start, line, text[start:end]))
                    i += n - 1
                    break
            i += 1

    def dates_unannotated(self) -> Iterator[AuditIncident]:
        """date-unannotated: misses of date strings the corpus annotates nearly everywhere."""
        for key, missed in self.date_missed.items():
            annotated = self.date_count[key]
            share = annotated / (annotated + len(missed))
            if annotated < DATE_MIN_ANNOTATED or share < DATE_SHARE:
                continue
            surface, first_file, pointer = self.date_first[key]
            for file, start, line, written in missed:
                message = (
                    f"{written!r} at offset {start} (line {line}) is not annotated; the corpus "
                    f"annotates {surface!r} at {annotated} of its {annotated + len(missed)} "
                    f"occurrences, first at {first_file}:{pointer}"
                )
                yield AuditIncident(file, "/dates", "date-unannotated", message, start)

    def _match(
        self, text: str, spans: list[tuple[int, int]], words: list[str], i: int
    ) -> tuple[int, str] | None:
        """The longest known entity string starting at token i, as (tokens, string), if any."""
        for n in sorted(self.lengths.get(words[i], ()), reverse=True):
            if i + n > len(spans):
                continue
            start, end = spans[i][0], spans[i + n - 1][1]
            surface = text[start:end]
            if surface not in self.keys.get(tuple(words[i : i + n]), ()):
                continue
            if not _whole_word(text, start, end) or (
                end < len(text) and text[end] in CURRENCY_SIGNS
            ):
                continue  # not a whole word, or a currency code ("US$40 billion", §7.4)
            return n, surface
        return None


def _whole_word(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] has no letter or digit directly before or after it."""
    return not (start and is_word_char(text[start - 1])) and not (
        end < len(text) and is_word_char(text[end])
    )


def _cover(skip: bytearray, spans: Iterable[dict[str, Any]]) -> None:
    """Mark the characters of these spans in ``skip`` (1: covered, not searched)."""
    for span in spans:
        skip[span["start"] : span["end"]] = b"\x01" * (span["end"] - span["start"])


def _missed(
    file: str,
    text: str,
    start: int,
    surface: str,
    local: dict[str, tuple[int, dict[str, Any]]],
    entry: _Known,
    doc_id: str,
) -> AuditIncident:
    """The incident for one unannotated occurrence: same article (warning) or elsewhere (info)."""
    line = text.count("\n", 0, start) + 1
    head = f"{surface!r} at offset {start} (line {line}) is not annotated"
    if surface in local:
        index, ent = local[surface]
        message = (
            f"{head}; this article annotates it as {ent['type']} ({ent['entity_id']}) at "
            f"/entities/{index}"
        )
        return AuditIncident(file, "/entities", "surface-unannotated", message, start)
    others = len(entry.docs - {doc_id})
    message = (
        f"{head}; {others} other article(s) annotate it, first as {entry.type} at "
        f"{entry.file}:{entry.pointer}"
    )
    return AuditIncident(file, "/entities", "surface-unannotated-elsewhere", message, start)
