"""Synthetic articles with gold annotations, and predictions with controlled errors, for benchmarks.

Every article is built from this module's own templates and invented names (no real article, person
or organisation), so the text, its spans and all their attributes are known by construction. Doc
ids start with ``synthetic-``, metadata carries ``synthetic: true`` and rights that say so, and the
writer refuses to put anything inside a real repository's ``corpus/`` or ``annotations/``.
Article ``n`` of seed ``s`` is the same whatever the corpus size, so corpora grow linearly and
reproducibly.
"""

from __future__ import annotations

import bisect
import datetime as dt
import json
import random
import re
import shutil
import tempfile
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from newsgold import GUIDELINES_VERSION, SCHEMA_VERSION, jsonio
from newsgold.corpus import (
    ANNOTATIONS_DIR,
    CORPUS_DIR,
    LAYERS,
    Document,
    entity_key,
    sha256_bytes,
    sha256_text,
)
from newsgold.errors import NewsgoldError
from newsgold.schemas import enum

PREFIX = "synthetic-"
MANIFEST = "synthetic.json"
PREDICTIONS = "predictions.jsonl"
LEDGER = "predictions.errors.json"
SYSTEM = "synthetic-errors"
ProgressFn = Callable[[int, int], None]

# --- invented names -------------------------------------------------------------------------
# (text, entity_id); ids are ASCII slugs of the canonical name. A few names carry diacritics,
# one an astral (outside the BMP) character, so code-point offsets are exercised.
_FIRST = [
    ("Marta", "she"),
    ("Jonas", "he"),
    ("Aiyana", "she"),
    ("Teodor", "he"),
    ("Zoë", "she"),
    ("Émile", "he"),
    ("Sigrún", "she"),
    ("Kwabena", "he"),
    ("Łucja", "she"),
    ("Nadira", "she"),
    ("Oskar", "he"),
    ("Inês", "she"),
    ("Tomás", "he"),
    ("Renée", "she"),
    ("Yusuf", "he"),
    ("Hélène", "she"),
    ("Dmitar", "he"),
    ("Ayşe", "she"),
    ("Björn", "he"),
    ("Chiamaka", "she"),
]
_LAST = [
    "Varenko",
    "Okafeld",
    "Lindqvarn",
    "Ferrasco",
    "Dvoříček",
    "Østerhaug",
    "Mbeluzi",
    "Tavrida",
    "Quillon",
    "Sárvecz",
    "Haldórn",
    "Ivanyshyn",
    "Brevik-Toma",
    "Castellazzi",
    "Nyarkoh",
    "Pellworm",
    "Zaïdane",
    "Kjellvik",
    "Moravcsik",
    "Ondrušek",
]
_COUNTRIES = [  # (GPE, NORP adjective, language)
    ("Velmora", "Velmoran"),
    ("Karvania", "Karvanian"),
    ("Drelmark", "Drelmarkish"),
    ("Ostmere", "Ostmerian"),
    ("Sūdrava", "Sūdravan"),
    ("Belzano", "Belzanese"),
    ("Quaretta", "Quarettan"),
    ("Nørrevik", "Nørrevikian"),
    ("Tessaly", "Tessalian"),
    ("Almadria", "Almadrian"),
]
_CITIES = [
    "Port Alcène",
    "Harrowgate",
    "Kestelburg",
    "Lindau-on-Sea",
    "Ravnholt",
    "São Veridiano",
    "Tarrowmouth",
    "Vyshgorod",
    "Esperel",
    "Coldharbour",
    "Maribeaux",
    "Ulvøya",
]
_ORGS = [
    ("{c} Rail Authority", None),
    ("{c} Central Bank", None),
    ("{c} Fisheries Board", None),
    ("Halcyon Freight", None),
    ("Brightwater Energy", None),
    ("𠮷野 Holdings", "yoshino-holdings"),
    ("Société Verrine", None),
    ("Nordlys Bank", None),
    ("Kestrel Mining", None),
    ("Amberline Airways", None),
    ("Coastal Workers' Union", None),
    ("Institute for Harbour Studies", None),
    ("Marlow & Finch", None),
    ("Greyfield Analytics", None),
    ("{c} Ministry of Transport", None),
]
_AGENCIES = [("Baltic Coast Wire", None), ("Meridian Press Agency", None), ("NPX", "npx")]
_FACS = [
    "Tarrow Bridge",
    "Kessel Port Terminal",
    "Lindgate Power Station",
    "Old Mill Hospital",
    "Ravnholt Airport",
    "North Quay Depot",
]
_LOCS = [
    "Grey Sound",
    "Kavel Valley",
    "the Upper Draum",
    "Saltmarsh Flats",
    "Mount Orrin",
    "Lake Vesna",
]
_EVENTS = ["Harbour Summit", "Spring Trade Fair", "Coastal Climate Forum", "Ostmere Regatta"]
_LAWS = ["Coastal Fisheries Act", "Rail Investment Act", "Harbour Safety Code", "Clean Air Charter"]
_PRODUCTS = ["Aurel X2", "Skylark 400", "Vantor Compact", "Helix One"]
_WORKS = ["The Salt Road", "Letters from Grey Sound", "A Year of Tides"]

# --- templates ------------------------------------------------------------------------------
# Slots: names {org} {gpe} {city} {person} {norp} {fac} {loc} {event} {law} {product} {work}
# {language}; figures {money} {percent} {count:UNIT} {quantity:UNIT} {range:UNIT} {ordinal};
# dates {when} (with its preposition outside the span), {month}, {year} (future), {past_year},
# {duration}, {set}, {time}.
# Prefixes: "H|" hedged, "N|" negative polarity, "HN|" both.
_CLAUSES = [
    "{org} will invest {money} in the {fac} by {year}",
    "the number of visitors to {city} rose by {percent} {when}",
    "{norp} fishing crews landed {quantity:tonnes} of cod over {duration}",
    "{person} met officials of {org} in {city} {when} to discuss the {law}",
    "the {event} drew {count:visitors} from {gpe} and {gpe}",
    "{org} is now the {ordinal}-largest employer in {gpe}",
    "output at the {fac} has fallen {percent} since {month}",
    "ticket prices on routes to {city} have risen {set} for {duration}",
    "H|the {law} may cost {org} {money}",
    "H|{org} appears to have delayed the opening of the {fac} until {year}",
    "H|the new {product} could carry {count:passengers} on the route to {city}",
    "H|the flooding near {loc} may have damaged {count:homes}",
    "N|{org} has not paid the {money} it owes to {org}",
    "N|the {fac} did not reopen after the storm {when}",
    "N|{person} no longer sits on the board of {org}",
    "N|{person} has not spoken about the {event} since {month}",
    "HN|{gpe} may not meet its goal of cutting emissions by {percent} by {year}",
    "the road through {loc} was closed for {duration} after {quantity:millimetres} of rain fell "
    "on {time}",
    "{org} sold its stake in {org} to {org} for {money} {when}",
    "the {norp} delegation to the {event} was led by {person}",
    "{work}, the book by {person}, sold {count:copies} in {gpe} {when}",
    "water levels in {loc} dropped {range:metres} over {duration}",
    "the strike at the {fac} had been \u201cthe longest in a generation\u201d for {org}",
    "{gpe} and {gpe} signed the {law} in {city} in {past_year}",
    "flights between {city} and {city} were cut to {count:flights} {set}",
    "{org} hired {count:workers} in {gpe} {when}, {percent} more than planned",
    "the {norp} government wants the {product} built at the {fac} by {year}",
    "most ferries in {city} now publish their timetables in {language}",
    "the {fac} will need {money} in repairs after {duration} of neglect",
    "{person} was elected to lead {org} {when} with {percent} of the vote",
    "a {quantity:km} rail link between {city} and {city} opened {when}",
    "the board of {org} approved the loss of {count:jobs} at the {fac}",
]
# Clauses that name nothing: background sentences, as news has between the facts.
_PLAIN = [
    "the decision drew sharp criticism from opposition parties",
    "local businesses have been waiting for clarity on the proposals",
    "N|the proposal has not yet been put to a vote in the regional assembly",
    "H|the final cost could rise further if construction is delayed again",
    "the harbour remains the largest employer on this stretch of the coast",
    "residents of the old town have long opposed the scheme",
    "H|the dispute is expected to reach the courts",
    "N|no agreement was reached on compensation for affected households",
    "the project was first proposed by a group of engineers and fishermen",
    "H|the new rules appear to favour larger operators over family businesses",
]
# Unannotated endings that lengthen a clause to news-like sentence lengths.
_TAILS = [
    "",
    "",
    ", despite objections from residents",
    " as part of a wider overhaul",
    ", a decision that divided the local council",
    ", citing rising costs",
    ", which had long been under review",
    " after a lengthy public consultation",
    ", a step that had been debated in the regional assembly for a long time",
    ", in a move welcomed by shipping companies and port workers alike",
]
_HEADLINES = [
    "{org} Plans {money} Upgrade of {fac}",
    "{city} Visitor Numbers Jump {percent}",
    "{person} to Lead {org} After {duration} of Talks",
    "{gpe} Fishing Catch Falls for {ordinal} Year in a Row",
    "{org} to Cut {count:jobs} at {fac}",
]
_CAPTIONS = [
    "Workers at the {fac} in {city} {when}.",
    "Crowds at the {event} in {city}.",
    "The {product} on a test run near {loc}.",
]
_RELATED = [
    "## Related article: {org} Weighs Move to {city}",
    "## Related article: {norp} Ports Brace for Busy Summer",
]

_ENTITY_SLOTS = {
    "org": ("ORG", "orgs"),
    "gpe": ("GPE", "gpes"),
    "city": ("GPE", "cities"),
    "norp": ("NORP", "norps"),
    "language": ("LANGUAGE", "languages"),
}
_NAMED_SLOTS = {
    "fac": ("FAC", _FACS),
    "loc": ("LOC", _LOCS),
    "event": ("EVENT", _EVENTS),
    "law": ("LAW", _LAWS),
    "product": ("PRODUCT", _PRODUCTS),
    "work": ("WORK_OF_ART", _WORKS),
}
_SLOT = re.compile(r"\{(\w+)(?::(\w+))?\}")
_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_NUMBER_WORDS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
]
_ORDINAL_WORDS = [
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
]
_COUNT_UNITS = [
    "passengers",
    "workers",
    "jobs",
    "homes",
    "vessels",
    "visitors",
    "students",
    "copies",
    "trucks",
    "families",
]
_CURRENCIES = [("€", "EUR"), ("$", "USD"), ("£", "GBP"), ("¥", "JPY")]
_FIG_MODS = [
    ("more than ", "MORE_THAN"),
    ("about ", "APPROX"),
    ("nearly ", "LESS_THAN"),
    ("at least ", "EQUAL_OR_MORE"),
    ("at most ", "EQUAL_OR_LESS"),
]
_DUR_MODS = [("nearly ", "LESS_THAN"), ("more than ", "MORE_THAN"), ("about ", "APPROX")]

_FOLD = str.maketrans(
    {"ø": "o", "Ø": "o", "ł": "l", "Ł": "l", "æ": "ae", "ß": "ss", "đ": "d", "ı": "i", "&": " and "}
)


def slug(name: str) -> str:
    """An entity_id for an invented name: corpus.entity_key after folding letters NFKD keeps."""
    return entity_key(name.translate(_FOLD))


def _nfc(value: str) -> str:
    assert unicodedata.is_normalized("NFC", value), value
    return value


for _table in (
    _CLAUSES,
    _PLAIN,
    _TAILS,
    _HEADLINES,
    _CAPTIONS,
    _RELATED,
    _CITIES,
    _LAST,
    _FACS,
    _LOCS,
):
    for _item in _table:
        _nfc(_item)


@dataclass(frozen=True)
class ErrorRates:
    """Per gold span, the probability of each (mutually exclusive) error; spurious per gold span."""

    missed: float = 0.10
    shifted: float = 0.10
    wrong_type: float = 0.05
    wrong_value: float = 0.05
    spurious: float = 0.10

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if not 0.0 <= value <= 1.0:
                raise NewsgoldError(f"error rate {f.name}={value} is not between 0 and 1", status=2)
        if self.missed + self.shifted + self.wrong_type + self.wrong_value > 1.0:
            raise NewsgoldError(
                "missed + shifted + wrong_type + wrong_value exceed 1; they are exclusive outcomes",
                status=2,
            )

    @classmethod
    def parse(cls, spec: str) -> ErrorRates:
        """Rates from ``missed=0.1,shifted=0.1,...``; unnamed ones keep their defaults."""
        values: dict[str, float] = {}
        names = {f.name for f in fields(cls)}
        for part in filter(None, (p.strip() for p in spec.split(","))):
            name, sep, raw = part.partition("=")
            name = name.strip().replace("-", "_")
            if not sep or name not in names:
                raise NewsgoldError(
                    f"bad error rate {part!r}; expected NAME=RATE with NAME one of "
                    f"{', '.join(sorted(names))}",
                    status=2,
                )
            try:
                values[name] = float(raw)
            except ValueError:
                raise NewsgoldError(
                    f"bad error rate {part!r}; RATE is a number", status=2
                ) from None
        return cls(**values)

    def to_dict(self) -> dict[str, float]:
        """The rates as a dict."""
        return {f.name: getattr(self, f.name) for f in fields(self)}


class Article(Document):
    """One synthetic article: its text, metadata and gold annotations."""

    def annotation_count(self) -> int:
        """Number of annotations in the four layers (sections not counted)."""
        return sum(len(self.annotations[layer]) for layer in LAYERS)


# --- the article builder --------------------------------------------------------------------


@dataclass
class _Cast:
    """The people, organisations and places one article talks about (coreference by reuse)."""

    persons: list[tuple[str, str, str, str]]  # full name, surname, entity_id, pronoun
    orgs: list[tuple[str, str]]
    gpes: list[tuple[str, str]]
    norps: list[tuple[str, str]]
    cities: list[tuple[str, str]]
    languages: list[tuple[str, str]]
    mentioned: set[str] = field(default_factory=set)
    last_person: tuple[str, str, str, str] | None = None


class _Builder:
    """Appends text and records spans at the current code-point offset."""

    def __init__(self, rng: random.Random, dct: dt.date, cast: _Cast) -> None:
        self.rng = rng
        self.dct = dct
        self.cast = cast
        self.parts: list[str] = []
        self.offsets: list[int] = []  # where each part starts
        self.pos = 0
        self.layers: dict[str, list[dict[str, Any]]] = {
            "sections": [],
            "entities": [],
            "dates": [],
            "figures": [],
            "claims": [],
        }
        self.creation_id = ""
        self.recent: dict[str, Any] = {}

    def add(self, text: str) -> None:
        self.offsets.append(self.pos)
        self.parts.append(text)
        self.pos += len(text)

    def slice(self, start: int, end: int | None = None) -> str:
        """The text from start to end (default: to the current end), joining only the parts needed.

        Joining the whole text for every claim and section would make long articles quadratic.
        """
        end = self.pos if end is None else end
        first = bisect.bisect_right(self.offsets, start) - 1
        last = bisect.bisect_left(self.offsets, end)
        chunk = "".join(self.parts[first:last])
        base = self.offsets[first]
        return chunk[start - base : end - base]

    def span(self, layer: str, prefix: str, text: str, **attrs: Any) -> dict[str, Any]:
        spans = self.layers[layer]
        record: dict[str, Any] = {
            "id": f"{prefix}{len(spans) + 1}",
            "start": self.pos,
            "end": self.pos + len(text),
            "text": text,
            **attrs,
        }
        spans.append(record)
        self.add(text)
        return record

    def text(self) -> str:
        return "".join(self.parts)

    # entities -------------------------------------------------------------------------------
    def entity(self, kind: str, text: str, entity_id: str) -> dict[str, Any]:
        return self.span("entities", "e", text, type=kind, entity_id=entity_id)

    def person(self, full: bool = False) -> dict[str, Any]:
        name, surname, key, pronoun = self._choose("PERSON", self.cast.persons)
        self.cast.last_person = (name, surname, key, pronoun)
        seen = key in self.cast.mentioned
        self.cast.mentioned.add(key)
        text = surname if seen and not full and self.rng.random() < 0.6 else name
        return self.entity("PERSON", text, key)

    def _choose(self, kind: str, options: list[Any]) -> Any:
        """A random option, not the one picked last for this kind (no "between X and X")."""
        choice = self.rng.choice(options)
        if len(options) > 1:
            while choice == self.recent.get(kind):
                choice = self.rng.choice(options)
        self.recent[kind] = choice
        return choice

    def pick(self, kind: str, options: list[tuple[str, str]]) -> dict[str, Any]:
        text, key = self._choose(kind, options)
        return self.entity(kind, text, key)

    def named(self, kind: str, names: list[str]) -> None:
        name = self._choose(kind, names)
        if name.startswith("the "):  # determiners stay outside the name
            self.add("the ")
            name = name[4:]
        self.entity(kind, name, slug(name))

    # dates ----------------------------------------------------------------------------------
    def date(
        self, text: str, kind: str, value: str, mod: str | None = None, anchored: bool = False
    ) -> dict[str, Any]:
        return self.span(
            "dates",
            "t",
            text,
            type=kind,
            value=value,
            mod=mod,
            anchor=self.creation_id if anchored else None,
            function=None,
        )

    def _month_before(self, months_back: int) -> tuple[int, int]:
        index = self.dct.year * 12 + self.dct.month - 1 - months_back
        return index // 12, index % 12 + 1

    def _weekday(self) -> tuple[str, dt.date]:
        """A weekday name and its date: the most recent such day up to the publication date."""
        weekday = self.rng.randrange(7)
        return _WEEKDAYS[weekday], self.dct - dt.timedelta(days=(self.dct.weekday() - weekday) % 7)

    def when(self) -> None:
        """A point in time with the preposition it takes ("in October 2024", "on Tuesday")."""
        choice = self.rng.randrange(8)
        if choice == 0:
            year, month = self._month_before(self.rng.randint(2, 30))
            self.add("in ")
            self.date(f"{_MONTHS[month - 1]} {year}", "DATE", f"{year}-{month:02d}")
        elif choice == 1:
            year, month = self._month_before(self.rng.randint(2, 30))
            day = self.rng.randint(1, 28)
            self.add("on ")
            self.date(
                f"{_MONTHS[month - 1]} {day}, {year}", "DATE", f"{year}-{month:02d}-{day:02d}"
            )
        elif choice == 2:
            year, month = self._month_before(1)
            self.date("last month", "DATE", f"{year}-{month:02d}", anchored=True)
        elif choice == 3:
            yesterday = self.dct - dt.timedelta(days=1)
            self.date("yesterday", "DATE", yesterday.isoformat(), anchored=True)
        elif choice == 4:
            self.date("earlier this year", "DATE", str(self.dct.year), anchored=True)
        elif choice == 5:
            self.add("in ")
            self.month()
        else:
            self.add("on ")
            self.weekday()

    def weekday(self) -> None:
        name, day = self._weekday()
        self.date(name, "DATE", day.isoformat(), anchored=True)

    def month(self) -> None:
        """A month before the publication month, resolved to its most recent year."""
        year, month = self._month_before(self.rng.randint(1, 11))
        prefix, mod = self.rng.choice(
            [("", None), ("mid-", "MID"), ("early ", "START"), ("late ", "END")]
        )
        self.date(f"{prefix}{_MONTHS[month - 1]}", "DATE", f"{year}-{month:02d}", mod, True)

    def duration(self) -> None:
        amount = self.rng.randint(2, 12)
        unit, code = self.rng.choice(
            [("months", "M"), ("weeks", "W"), ("days", "D"), ("years", "Y")]
        )
        prefix, mod = self.rng.choice(_DUR_MODS) if self.rng.random() < 0.4 else ("", None)
        self.date(f"{prefix}{_NUMBER_WORDS[amount]} {unit}", "DURATION", f"P{amount}{code}", mod)

    def set_(self) -> None:
        text, value = self.rng.choice(
            [("every week", "P1W"), ("each month", "P1M"), ("every day", "P1D")]
        )
        self.date(text, "SET", value)

    def time(self) -> None:
        name, day = self._weekday()
        part, code = self.rng.choice(
            [("morning", "MO"), ("afternoon", "AF"), ("evening", "EV"), ("night", "NI")]
        )
        self.date(f"{name} {part}", "TIME", f"{day.isoformat()}T{code}", None, True)

    def year(self) -> None:
        year = self.dct.year + self.rng.randint(1, 4)
        self.date(str(year), "DATE", str(year))

    def past_year(self) -> None:
        year = self.dct.year - self.rng.randint(1, 6)
        self.date(str(year), "DATE", str(year))

    # figures --------------------------------------------------------------------------------
    def figure(
        self,
        text: str,
        kind: str,
        value: float | int,
        unit: str | None,
        modifier: str | None = None,
        value_max: float | int | None = None,
    ) -> None:
        self.span(
            "figures",
            "f",
            text,
            kind=kind,
            value=value,
            value_max=value_max,
            unit=unit,
            modifier=modifier,
        )

    def _modifier(self) -> tuple[str, str | None]:
        return self.rng.choice(_FIG_MODS) if self.rng.random() < 0.35 else ("", None)

    def count(self, unit: str | None) -> None:
        prefix, mod = self._modifier()
        unit = unit or self.rng.choice(_COUNT_UNITS)
        if self.rng.random() < 0.25:
            amount = self.rng.randint(2, 12)
            self.figure(f"{prefix}{_NUMBER_WORDS[amount]} {unit}", "CARDINAL", amount, unit, mod)
        else:
            amount = self.rng.choice([self.rng.randint(12, 999), self.rng.randint(1000, 99000)])
            self.figure(f"{prefix}{amount:,} {unit}", "CARDINAL", amount, unit, mod)

    def money(self) -> None:
        prefix, mod = self._modifier()
        symbol, code = self.rng.choice(_CURRENCIES)
        if self.rng.random() < 0.5:
            tenths = self.rng.randint(11, 999)
            scale, factor = self.rng.choice([("million", 1_000_000), ("billion", 1_000_000_000)])
            shown = f"{tenths // 10}.{tenths % 10}" if tenths % 10 else str(tenths // 10)
            self.figure(
                f"{prefix}{symbol}{shown} {scale}", "MONEY", tenths * factor // 10, code, mod
            )
        else:
            amount = self.rng.randint(10, 900) * 1000
            self.figure(f"{prefix}{symbol}{amount:,}", "MONEY", amount, code, mod)

    def percent(self) -> None:
        prefix, mod = self._modifier()
        tenths = self.rng.randint(5, 650)
        value: float | int = tenths / 10 if tenths % 10 else tenths // 10
        word = self.rng.choice(["%", " percent"])
        self.figure(f"{prefix}{value}{word}", "PERCENT", value, "%", mod)

    def quantity(self, unit: str | None) -> None:
        prefix, mod = self._modifier()
        unit = unit or "tonnes"
        amount = self.rng.randint(2, 9000)
        self.figure(f"{prefix}{amount:,} {unit}", "QUANTITY", amount, unit, mod)

    def range_(self, unit: str | None) -> None:
        low = self.rng.randint(2, 40)
        high = low + self.rng.randint(1, 20)
        unit = unit or "km"
        self.figure(f"{low} to {high} {unit}", "QUANTITY", low, unit, None, high)

    def ordinal(self) -> None:
        rank = self.rng.randint(2, 10)
        self.figure(_ORDINAL_WORDS[rank - 1], "ORDINAL", rank, None)

    # templates ------------------------------------------------------------------------------
    def render(self, template: str, capital: bool = False) -> None:
        """Append a template, filling each slot with an annotated span."""
        position = 0
        for match in _SLOT.finditer(template):
            literal = template[position : match.start()]
            if capital and literal:
                literal = literal[0].upper() + literal[1:]
            capital = False
            if literal:
                self.add(literal)
            self.slot(match.group(1), match.group(2))
            position = match.end()
        tail = template[position:]
        if tail:
            self.add(tail[0].upper() + tail[1:] if capital else tail)

    def slot(self, name: str, unit: str | None) -> None:
        c = self.cast
        if name in _ENTITY_SLOTS:
            kind, attribute = _ENTITY_SLOTS[name]
            self.pick(kind, getattr(c, attribute))
        elif name in _NAMED_SLOTS:
            kind, names = _NAMED_SLOTS[name]
            self.named(kind, names)
        elif name in ("count", "quantity", "range"):
            {"count": self.count, "quantity": self.quantity, "range": self.range_}[name](unit)
        else:
            simple: dict[str, Callable[[], Any]] = {
                "person": self.person,
                "money": self.money,
                "percent": self.percent,
                "ordinal": self.ordinal,
                "when": self.when,
                "month": self.month,
                "year": self.year,
                "past_year": self.past_year,
                "duration": self.duration,
                "set": self.set_,
                "time": self.time,
            }
            simple[name]()

    def clause(self, template: str, capital: bool = False) -> tuple[int, int, str, str, int, int]:
        """Render a claim's content: its offsets, certainty, polarity, date and figure marks."""
        flags, _, body = template.rpartition("|")
        marks = len(self.layers["dates"]), len(self.layers["figures"])
        start = self.pos
        self.render(body, capital)
        return (
            start,
            self.pos,
            "hedged" if "H" in flags else "asserted",
            "negative" if "N" in flags else "positive",
            *marks,
        )

    def claim(
        self,
        content: tuple[int, int, str, str, int, int],
        source: dict[str, Any] | None,
        cue: dict[str, Any] | None,
        quote: str | None,
        reported_on: str | None,
    ) -> None:
        start, end, certainty, polarity, dates_before, figures_before = content
        text = self.slice(start, end)
        dates = [d["id"] for d in self.layers["dates"][dates_before:] if d["end"] <= end]
        figures = [f["id"] for f in self.layers["figures"][figures_before:] if f["end"] <= end]
        claims = self.layers["claims"]
        claims.append(
            {
                "id": f"c{len(claims) + 1}",
                "start": start,
                "end": end,
                "text": text,
                "source": source,
                "cue": cue,
                "quote": quote,
                "certainty": certainty,
                "polarity": polarity,
                "dates": dates,
                "figures": figures,
                "reported_on": reported_on,
            }
        )

    def source(self, capital: bool = False, phrases: bool = True) -> dict[str, Any]:
        """A claim source: a name, a pronoun for the last person, or a ministry of a country."""
        choice = self.rng.random() if phrases else 0.3 + 0.7 * self.rng.random()
        start = self.pos
        if choice < 0.1 and self.cast.last_person is not None:
            pronoun, key = self.cast.last_person[3], self.cast.last_person[2]
            self.add(pronoun.capitalize() if capital else pronoun)
            return {
                "start": start,
                "end": self.pos,
                "text": pronoun.capitalize() if capital else pronoun,
                "entity_id": key,
            }
        if choice < 0.3:
            self.pick("GPE", self.cast.gpes)
            self.add(self.rng.choice(["'s finance ministry", "'s coast guard", "'s government"]))
            text = self.slice(start)
            return {"start": start, "end": self.pos, "text": text, "entity_id": None}
        entity = self.person() if choice < 0.7 else self.pick("ORG", self.cast.orgs)
        return {
            "start": entity["start"],
            "end": entity["end"],
            "text": entity["text"],
            "entity_id": entity["entity_id"],
        }

    def cue(self, word: str) -> dict[str, Any]:
        start = self.pos
        self.add(word)
        return {"start": start, "end": self.pos, "text": word}

    def reported_on(self) -> str | None:
        if self.rng.random() < 0.45:
            self.add(" ")
            self.weekday()
            return str(self.layers["dates"][-1]["id"])
        return None

    def sentence(self) -> None:
        """One body sentence: the article's own assertion or an attributed claim."""
        clauses = _PLAIN if self.rng.random() < 0.3 else _CLAUSES
        template = self.rng.choice(clauses) + self.rng.choice(_TAILS)
        kind = self.rng.random()
        if kind < 0.3:  # the article's own assertion
            content = self.clause(template, capital=True)
            self.claim(content, None, None, None, None)
            self.add(".")
        elif kind < 0.6:  # source cue [date] that content.
            source = self.source(capital=True)
            self.add(" ")
            word = self.rng.choice(["said", "claimed", "reported", "announced", "warned"])
            cue = self.cue(word)
            reported = self.reported_on()
            self.add(" that ")
            content = self.clause(template)
            quote = "mixed" if "\u201c" in template else "indirect"
            self.claim(content, source, cue, quote, reported)
            self.add(".")
        elif kind < 0.85:  # "Content," source said [date].
            open_, close = self.rng.choice([('"', '"'), ("\u201c", "\u201d")])
            self.add(open_)
            content = self.clause(template.replace("\u201c", "'").replace("\u201d", "'"), True)
            self.add("," + close + " ")
            source = self.source()
            self.add(" ")
            cue = self.cue("said")
            reported = self.reported_on()
            self.claim(content, source, cue, "direct", reported)
            self.add(".")
        else:  # According to source, content.
            cue = self.cue("According to")
            self.add(" ")
            source = self.source(phrases=False)
            self.add(", ")
            content = self.clause(template)
            quote = "mixed" if "\u201c" in template else "indirect"
            self.claim(content, source, cue, quote, None)
            self.add(".")

    def section(self, kind: str, start: int) -> None:
        self.layers["sections"].append(
            {
                "id": f"s{len(self.layers['sections']) + 1}",
                "type": kind,
                "start": start,
                "end": self.pos,
                "text": self.slice(start),
            }
        )


def _cast(rng: random.Random) -> _Cast:
    persons = []
    for first, pronoun in rng.sample(_FIRST, 4):
        last = rng.choice(_LAST)
        full = f"{first} {last}"
        persons.append((full, last, slug(full), pronoun))
    countries = rng.sample(_COUNTRIES, 3)
    orgs = []
    for name, key in rng.sample(_ORGS, 5):
        text = name.format(c=countries[0][0])
        orgs.append((text, key or slug(text)))
    cities = [(c, slug(c)) for c in rng.sample(_CITIES, 3)]
    return _Cast(
        persons=persons,
        orgs=orgs,
        gpes=[(c[0], slug(c[0])) for c in countries],
        norps=[(c[1], slug(c[1])) for c in countries],
        cities=cities,
        languages=[(c[1], slug(c[1]) + "-language") for c in countries[:1]],
    )


def doc_id(seed: int, number: int) -> str:
    """The doc_id of article ``number`` of seed ``seed``."""
    return f"{PREFIX}{seed}-{number:07d}"


def article(seed: int, number: int, min_annotations: int | None = None) -> Article:
    """Article ``number`` (0-based) of seed ``seed``, the same for any corpus size.

    With ``min_annotations`` the body goes on until the four layers hold at least that many
    annotations (a long article, for checking that costs stay linear in a document's size).
    """
    rng = random.Random(f"newsgold-synthetic:{seed}:{number}")
    ident = doc_id(seed, number)
    dct = dt.date(2019, 1, 1) + dt.timedelta(days=rng.randrange(7 * 365))
    cast = _cast(rng)
    b = _Builder(rng, dct, cast)
    target_chars = rng.randint(2200, 5200)

    b.add("\n")
    start = b.pos
    b.add("## ")
    headline_start = b.pos
    content = b.clause(rng.choice(_HEADLINES))
    b.add(", ")
    source = b.source(phrases=False)
    b.add(" ")
    cue = b.cue("Says")
    b.claim(content, source, cue, "indirect", None)
    headline = b.slice(headline_start)
    b.section("headline", start)

    b.add("\n\n")
    start = b.pos
    agency: str | None = None
    if rng.random() < 0.4:
        b.add("By ")
        name, key = rng.choice(_AGENCIES)
        b.entity("ORG", name, key or slug(name))
        agency = name
    else:
        b.add("By ")
        b.person(full=True)
    byline = b.slice(start)
    b.section("byline", start)
    cast.last_person = None  # a pronoun in the body never points back to the byline

    b.add("\n\n")
    start = b.pos
    stamp = f"{_MONTHS[dct.month - 1]} {dct.day:02d}, {dct.year}"
    creation = b.span(
        "dates",
        "t",
        stamp,
        type="DATE",
        value=dct.isoformat(),
        mod=None,
        anchor=None,
        function="CREATION_TIME",
    )
    b.creation_id = creation["id"]
    b.section("dateline", start)

    if rng.random() < 0.7:
        b.add("\n\n")
        start = b.pos
        b.render(rng.choice(_CAPTIONS), capital=True)
        b.add(" \U0001f4f7 **")  # a camera emoji: an astral character inside the caption
        b.pick("ORG", cast.orgs)
        b.add("**")
        b.section("caption", start)

    related_after = rng.randint(2, 4) if rng.random() < 0.6 else -1
    paragraphs = 0
    done = False
    while not done:
        b.add("\n\n")
        if paragraphs == related_after:
            start = b.pos
            b.render(rng.choice(_RELATED))
            b.section("related", start)
            b.add("\n\n")
        start = b.pos
        for index in range(rng.randint(1, 3)):
            if index:
                b.add(" ")
            b.sentence()
            count = sum(len(b.layers[layer]) for layer in LAYERS)
            # Stop once long enough and dense enough, or before leaving 2,000-6,000 characters
            # and 50-150 annotations (a sentence adds at most about 300 characters and 12 spans).
            if min_annotations is not None:
                done = count >= min_annotations
            else:
                done = (b.pos >= target_chars and count >= 55) or b.pos > 5400 or count > 135
            if done:
                break
        b.section("body", start)
        paragraphs += 1

    b.add("\n\n")
    start = b.pos
    url = f"https://synthetic.newsgold.invalid/{dct.isoformat().replace('-', '/')}/{ident}"
    b.add(f"## Original url:\n\n{url}")
    b.section("source", start)
    b.add("\n")

    # Body sections were recorded per paragraph; merge runs of adjacent ones into one section.
    text = b.text()
    sections = _merge_bodies(b.layers["sections"], text)
    annotations_doc: dict[str, Any] = {
        "doc_id": ident,
        "text_sha256": sha256_text(text),
        "schema_version": SCHEMA_VERSION,
        "status": "gold",
        "annotators": ["newsgold-synthetic"],
        "guidelines_version": GUIDELINES_VERSION,
        "notes": f"Synthetic article {number} of seed {seed}, generated with its annotations "
        "by newsgold.synthetic; not a real news report.",
        "sections": sections,
        "entities": b.layers["entities"],
        "dates": b.layers["dates"],
        "figures": b.layers["figures"],
        "claims": b.layers["claims"],
    }
    split_draw = rng.random()
    metadata: dict[str, Any] = {
        "doc_id": ident,
        "title": headline,
        "url": url,
        "publisher": "newsgold synthetic corpus",
        "byline": byline,
        "agency": agency,
        "published": dct.isoformat(),
        "language": "en",
        "rights": {
            "holder": "nobody: synthetic text",
            "license": "CC0-1.0",
            "redistribute": True,
            "note": "Synthetic article generated by newsgold.synthetic from its own templates; "
            "every name, event and figure is invented. Never part of a release.",
        },
        "split": "train" if split_draw < 0.8 else "validation" if split_draw < 0.9 else "test",
        "text_sha256": annotations_doc["text_sha256"],
        "synthetic": True,
    }
    return Article(ident, text, metadata, annotations_doc)


def _merge_bodies(sections: list[dict[str, Any]], text: str) -> list[dict[str, Any]]:
    merged: list[dict[str, Any]] = []
    for section in sections:
        previous = merged[-1] if merged else None
        if previous is not None and previous["type"] == section["type"] == "body":
            previous["end"] = section["end"]
            previous["text"] = text[previous["start"] : previous["end"]]
        else:
            merged.append(dict(section))
    for number, section in enumerate(merged, start=1):
        section["id"] = f"s{number}"
    return merged


# --- predictions with controlled errors -----------------------------------------------------

# Per layer: the attribute a "wrong type" error changes, its choices, and the "wrong value" one.
_TYPE_FIELD = {"entities": "type", "dates": "type", "figures": "kind", "claims": "polarity"}
_TYPE_CHOICES = {  # the schema's enumerations, so the generator cannot drift from the contract
    "entities": enum("entity_type"),
    "dates": enum("timex_type"),
    "figures": enum("figure_kind"),
    "claims": enum("polarity"),
}
_VALUE_FIELD = {
    "entities": "entity_id",
    "dates": "value",
    "figures": "value",
    "claims": "certainty",
}
_PRED_FIELDS = {
    "entities": ("type", "entity_id"),
    "dates": ("type", "value", "mod"),
    "figures": ("kind", "value", "value_max", "unit", "modifier"),
    "claims": ("source", "cue", "quote", "certainty", "polarity"),
}
OUTCOMES = ("correct", "missed", "shifted", "wrong_type", "wrong_value", "spurious")
_WORD = re.compile(r"\w+(?:[ '-]\w+)?")


def _wrong_value(layer: str, value: Any) -> Any:
    if layer == "entities":
        return f"{value}-other"
    if layer == "claims":
        return "hedged" if value == "asserted" else "asserted"
    if layer == "figures":
        return value * 10
    # dates: move the first year digit group by one (P6M -> P7M, 2025-01 -> 2026-01)
    match = re.search(r"\d+", value)
    if match is None:
        return "PAST_REF" if value != "PAST_REF" else "FUTURE_REF"
    bumped = str(int(match.group()) + 1).zfill(len(match.group()))
    return value[: match.start()] + bumped + value[match.end() :]


def predict(
    item: Article, rates: ErrorRates, seed: int, number: int
) -> tuple[dict[str, Any], dict[str, dict[str, int]]]:
    """One prediction line for an article, and the count of each outcome per layer."""
    rng = random.Random(f"newsgold-synthetic-predictions:{seed}:{number}")
    text = item.text
    size = len(text)
    words = [(m.start(), m.end()) for m in _WORD.finditer(text)]
    line: dict[str, Any] = {"doc_id": item.doc_id, "system": SYSTEM}
    ledger: dict[str, dict[str, int]] = {}
    thresholds = (
        rates.missed,
        rates.missed + rates.shifted,
        rates.missed + rates.shifted + rates.wrong_type,
        rates.missed + rates.shifted + rates.wrong_type + rates.wrong_value,
    )
    for layer in LAYERS:
        counts = dict.fromkeys(("gold", *OUTCOMES), 0)
        out: list[dict[str, Any]] = []
        gold = item.annotations[layer]
        counts["gold"] = len(gold)
        taken = bytearray(size)
        for span in gold:
            taken[span["start"] : span["end"]] = b"\x01" * (span["end"] - span["start"])
            draw = rng.random()
            pred = {"start": span["start"], "end": span["end"]}
            pred.update({name: span[name] for name in _PRED_FIELDS[layer]})
            if draw < thresholds[0]:
                counts["missed"] += 1
                continue
            if draw < thresholds[1]:
                counts["shifted"] += 1
                _shift(pred, rng, size)
            elif draw < thresholds[2]:
                counts["wrong_type"] += 1
                name = _TYPE_FIELD[layer]
                pred[name] = rng.choice([t for t in _TYPE_CHOICES[layer] if t != span[name]])
            elif draw < thresholds[3]:
                counts["wrong_value"] += 1
                name = _VALUE_FIELD[layer]
                pred[name] = _wrong_value(layer, span[name])
            else:
                counts["correct"] += 1
            pred["text"] = text[pred["start"] : pred["end"]]
            out.append(pred)
        extra = sum(rng.random() < rates.spurious for _ in gold)
        for _ in range(extra):
            for _attempt in range(8):
                start, end = rng.choice(words)
                if not any(taken[start:end]):
                    taken[start:end] = b"\x01" * (end - start)
                    out.append(_spurious(layer, text, start, end, rng))
                    counts["spurious"] += 1
                    break
        out.sort(key=lambda p: (p["start"], p["end"]))
        line[layer] = out
        ledger[layer] = counts
    return line, ledger


def _shift(pred: dict[str, Any], rng: random.Random, size: int) -> None:
    """Move one boundary by 1 to 3 code points, keeping the span inside the text and non-empty."""
    start, end = pred["start"], pred["end"]
    options = []
    for delta in (-3, -2, -1, 1, 2, 3):
        if 0 <= start + delta < end:
            options.append((start + delta, end))
        if start < end + delta <= size:
            options.append((start, end + delta))
    pred["start"], pred["end"] = rng.choice(options)


def _spurious(layer: str, text: str, start: int, end: int, rng: random.Random) -> dict[str, Any]:
    pred: dict[str, Any] = {"start": start, "end": end, "text": text[start:end]}
    if layer == "entities":
        pred.update(type=rng.choice(_TYPE_CHOICES["entities"]), entity_id=slug(text[start:end]))
    elif layer == "dates":
        pred.update(type="DATE", value="PRESENT_REF", mod=None)
    elif layer == "figures":
        pred.update(kind="CARDINAL", value=1, value_max=None, unit=None, modifier=None)
    else:
        pred.update(source=None, cue=None, quote=None, certainty="asserted", polarity="positive")
    return pred


# --- writing a corpus -----------------------------------------------------------------------


@dataclass
class Summary:
    """What write_corpus wrote: counts and the prediction outcomes per layer."""

    out: Path
    docs: int
    seed: int
    characters: int = 0
    annotations: int = 0
    rates: ErrorRates | None = None
    outcomes: dict[str, dict[str, int]] = field(default_factory=dict)
    min_annotations: int | None = None

    def to_dict(self) -> dict[str, Any]:
        """The summary as JSON-ready data (what the manifest and ledger hold)."""
        return {
            "generator": "newsgold.synthetic",
            "generator_sha256": generator_sha256(),
            "synthetic": True,
            "seed": self.seed,
            "docs": self.docs,
            "min_annotations": self.min_annotations,
            "characters": self.characters,
            "annotations": self.annotations,
            "rates": self.rates.to_dict() if self.rates else None,
            "outcomes": self.outcomes,
        }


def generator_sha256() -> str:
    """sha256 of this module's source: the same value means the same articles for a seed."""
    return sha256_bytes(Path(__file__).read_bytes())


def articles(docs: int, seed: int, min_annotations: int | None = None) -> Iterator[Article]:
    """Articles 0 to docs-1 of a seed, one at a time."""
    for number in range(docs):
        yield article(seed, number, min_annotations)


def _refuse_real_repository(out: Path) -> None:
    target = out.resolve()
    for folder in (target, *target.parents):
        is_repo = (folder / CORPUS_DIR).is_dir() and (folder / ANNOTATIONS_DIR).is_dir()
        if (
            folder.name in (CORPUS_DIR, ANNOTATIONS_DIR)
            and (folder.parent / CORPUS_DIR).is_dir()
            and (folder.parent / ANNOTATIONS_DIR).is_dir()
        ):
            raise NewsgoldError(
                f"{out} is inside the repository folder {folder}; synthetic articles never go "
                "into a real corpus",
                str(out),
                status=2,
            )
        if folder == target and target.exists():
            if not target.is_dir():
                raise NewsgoldError("exists and is not a folder", str(out), status=2)
            if any(target.iterdir()) and not (target / MANIFEST).is_file():
                kind = "a newsgold repository" if is_repo else "a non-empty folder"
                raise NewsgoldError(
                    f"{out} is {kind} that was not written by the synthetic generator; "
                    "refusing to replace it",
                    str(out),
                    status=2,
                )


def write_corpus(
    out: Path,
    docs: int,
    seed: int = 0,
    rates: ErrorRates | None = None,
    progress: ProgressFn | None = None,
    min_annotations: int | None = None,
) -> Summary:
    """Write N synthetic articles in the repository layout (and predictions when rates given).

    The folder is written beside its target and renamed into place, so a reader never sees half
    a corpus; an existing folder is replaced only when it is itself a synthetic corpus.
    """
    if docs < 0 or seed < 0:
        raise NewsgoldError("--docs and --seed are non-negative integers", status=2)
    _refuse_real_repository(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    summary = Summary(out, docs, seed, rates=rates, min_annotations=min_annotations)
    try:
        (work / CORPUS_DIR).mkdir()
        (work / ANNOTATIONS_DIR).mkdir()
        predictions = (work / PREDICTIONS).open("w", encoding="utf-8") if rates else None
        totals: dict[str, dict[str, int]] = {}
        for number, item in enumerate(articles(docs, seed, min_annotations)):
            base = work / CORPUS_DIR / item.doc_id
            base.with_suffix(".txt").write_text(item.text, encoding="utf-8", newline="")
            base.with_suffix(".json").write_text(jsonio.dumps(item.metadata), encoding="utf-8")
            (work / ANNOTATIONS_DIR / f"{item.doc_id}.json").write_text(
                _dump_annotations(item.annotations), encoding="utf-8"
            )
            summary.characters += len(item.text)
            summary.annotations += item.annotation_count()
            if predictions is not None and rates is not None:
                line, ledger = predict(item, rates, seed, number)
                predictions.write(jsonio.dumps_lines([line]))
                for layer, counts in ledger.items():
                    total = totals.setdefault(layer, dict.fromkeys(counts, 0))
                    for name, value in counts.items():
                        total[name] += value
            if progress is not None:
                progress(number + 1, docs)
        if predictions is not None:
            predictions.close()
        summary.outcomes = totals
        (work / MANIFEST).write_text(jsonio.dumps(summary.to_dict()), encoding="utf-8")
        if rates is not None:
            (work / LEDGER).write_text(jsonio.dumps(summary.to_dict()), encoding="utf-8")
        (work / "SYNTHETIC.md").write_text(
            "# Synthetic corpus\n\nGenerated by `newsgold.synthetic` (seed "
            f"{seed}, {docs} articles) from the package's own templates. Every name, event and "
            "figure is invented. For benchmarks and tests only: never copy these files into the "
            "real corpus or a release.\n",
            encoding="utf-8",
        )
        if out.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{out.name}.old.", dir=out.parent))
            out.rename(old / "corpus")
            work.rename(out)
            shutil.rmtree(old)
        else:
            work.rename(out)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return summary


def _compact(data: Any) -> str:
    """One-line JSON through the C encoder (json's pure-Python one is used whenever indenting)."""
    return json.dumps(data, ensure_ascii=False)


def _dump_annotations(data: dict[str, Any]) -> str:
    """Annotation JSON laid out like the repository's, one span a line, by the C encoder."""
    lines = ["{"]
    items = list(data.items())
    for index, (key, value) in enumerate(items):
        comma = "," if index < len(items) - 1 else ""
        if isinstance(value, list) and value and isinstance(value[0], dict):
            inner = ",\n    ".join(_compact(v) for v in value)
            lines.append(f"  {_compact(key)}: [\n    {inner}\n  ]{comma}")
        else:
            lines.append(f"  {_compact(key)}: {_compact(value)}{comma}")
    lines.append("}")
    return "\n".join(lines) + "\n"
