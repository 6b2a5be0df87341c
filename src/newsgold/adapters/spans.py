"""A tagger's labelled spans as newsgold layers: the part the spaCy and Hugging Face adapters share.

A named-entity tagger trained on OntoNotes (spaCy's English pipelines, many Hugging Face models)
labels 18 types in one pass. Only the 11 name types are entities here (guidelines §2); its
temporal types are TIMEX3 expressions (§3) and its numeric types are figures (§4). So:

- a gold entity type (PERSON, GPE, ...) goes to ``entities``;
- DATE and TIME go to ``dates`` with that TIMEX3 type, and no value (the tagger gives none);
- CARDINAL, MONEY, PERCENT, QUANTITY and ORDINAL go to ``figures`` with that kind, and no value
  or unit.

Keeping DATE or CARDINAL spans in ``entities`` as well would count every one of them as a
spurious entity, since the gold entity layer never holds them (and the predictions schema
refuses those types there).

Any other label depends on the tagger's whole label set, decided once when it is loaded. A
tagger has **its own tag set** when its entity labels are those of a shipped label map
(CoNLL-2003 and WikiNER's PER/ORG/LOC/MISC, where LOC is not the gold LOC) with one at least
that is no gold type, or when none of them is a gold type: its labels are kept as they are, to
be scored with ``newsgold score --map``. Otherwise it tags gold types, and its other labels are
extras (a custom ``entity_ruler`` label): those spans are dropped and counted, and the run
reports the counts.

A leading "the" is taken out of entity and date spans, where OntoNotes has it and the
guidelines do not (§0); other differences of extent (a figure's counted noun, which OntoNotes
leaves out) are the tagger's, and the partial scheme is the fair comparison for them.

Only the layers the label set can fill are in the output, so a layer the tagger cannot predict
is reported by the scorer as not predicted rather than scored as 0.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from newsgold.schemas import enum

DATE_TYPES = ("DATE", "TIME")  # OntoNotes labels that are TIMEX3 types of the same name
BIO_PREFIXES = ("B-", "I-", "E-", "S-", "L-", "U-")  # BIO, BIOES and BILOU tags
# The labels of the shipped label maps (src/newsgold/scoring/labelmaps/, checked by a test), so
# the adapters need not import the scorer.
TAG_SETS = {"conll2003": frozenset({"PER", "ORG", "LOC", "MISC"})}

THE = re.compile(r"the\s+", re.IGNORECASE)  # a leading determiner, with the space after it
Span = tuple[str, int, int, str]  # (label, start, end, the text the tagger says is there)


def bare(label: str) -> str:
    """A tag without its BIO/BIOES/BILOU prefix: ``B-PER`` -> ``PER``.

    >>> bare("B-PER"), bare("I-GPE"), bare("DATE")
    ('PER', 'GPE', 'DATE')
    """
    return label[2:] if label.startswith(BIO_PREFIXES) else label


def trimmed(start: int, end: int, said: str) -> tuple[int, int, str] | None:
    """A span without surrounding whitespace (guidelines §0), None if nothing is left.

    >>> trimmed(4, 10, " Kim ")
    (5, 9, 'Kim')
    """
    text = said.strip()
    if not text:
        return None
    lead = len(said) - len(said.lstrip())
    trail = len(said) - len(said.rstrip())
    return start + lead, end - trail, text


def without_the(start: int, end: int, text: str) -> dict[str, Any]:
    """A name or date span without a leading "the" (guidelines §0: determiners are outside).

    OntoNotes, and so spaCy's English pipelines, put it inside ("the European Union", "the
    1990s"); newsgold's gold never does, except in a few quoted titles ("The Internet Explorer
    6 Countdown"). Left in, it would turn every such match into a boundary error.

    >>> without_the(10, 28, "the European Union")
    {'start': 14, 'end': 28, 'text': 'European Union'}
    >>> without_the(0, 3, "The")
    {'start': 0, 'end': 3, 'text': 'The'}
    """
    found = THE.match(text)
    if found is None or found.end() == len(text):
        return {"start": start, "end": end, "text": text}
    return {"start": start + found.end(), "end": end, "text": text[found.end() :]}


@dataclass(frozen=True)
class Routing:
    """Which layer each label of one tagger's label set goes to."""

    entity_types: frozenset[str]
    figure_kinds: frozenset[str]
    own: frozenset[str]  # the tagger's own entity labels, kept (scored with --map)
    labels: frozenset[str]  # every label of the tagger, prefixes removed

    @classmethod
    def of(cls, labels: Iterable[str]) -> Routing:
        """The routing of a label set (BIO prefixes and ``O`` are ignored)."""
        found = frozenset(bare(label) for label in labels) - {"O"}
        entity_types = frozenset(enum("entity_type"))
        figure_kinds = frozenset(enum("figure_kind"))
        names = found - figure_kinds - set(DATE_TYPES)
        if names - entity_types and any(names <= tag_set for tag_set in TAG_SETS.values()):
            own = names
        else:
            own = frozenset() if names & entity_types else names
        return cls(entity_types, figure_kinds, own, found)

    @property
    def tag_set(self) -> str | None:
        """The shipped label map whose labels the tagger's own labels are, if any."""
        for name, labels in TAG_SETS.items():
            if self.own and self.own <= labels:
                return name
        return None

    @property
    def layers(self) -> tuple[str, ...]:
        """The layers this label set can fill, in the order of the predictions format."""
        out = []
        if self.labels & (self.entity_types | self.own):
            out.append("entities")
        if self.labels & set(DATE_TYPES):
            out.append("dates")
        if self.labels & self.figure_kinds:
            out.append("figures")
        return tuple(out)

    def entity_labels(self) -> frozenset[str] | None:
        """The labels entities may have when they are not gold types, for the harness."""
        return self.own or None

    def item(self, label: str, start: int, end: int, text: str) -> tuple[str, dict[str, Any]]:
        """The layer a span goes to and its prediction item (layer ``""``: dropped)."""
        span: dict[str, Any] = {"start": start, "end": end, "text": text}
        if label in self.own or (label in self.entity_types and not self.own):
            return "entities", {**without_the(start, end, text), "type": label}
        if label in DATE_TYPES:
            return "dates", {**without_the(start, end, text), "type": label}
        if label in self.figure_kinds:
            return "figures", {**span, "kind": label}
        return "", span


@dataclass
class Adapter:
    """A model for ``newsgold predict`` made of a tagger: ``spans(text)`` gives its labelled
    spans, which are trimmed and routed to their layers.

    ``text`` of each item is the text the tagger gives for the span where it has one (spaCy's
    ``span.text``), not a slice of ours, so the harness's check (the text at the offsets must
    equal it) proves the offsets are characters of our text whatever the tagger's tokenisation.
    ``dropped`` counts the spans of labels routed nowhere, over the whole run.
    """

    name: str
    spans: Callable[[str], Iterable[Span]]
    routing: Routing
    dropped: Counter[str] = field(default_factory=Counter)

    def __call__(self, text: str, metadata: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
        """The layers of one document."""
        out: dict[str, list[dict[str, Any]]] = {layer: [] for layer in self.routing.layers}
        for label, start, end, said in self.spans(text):
            span = trimmed(start, end, said)
            if span is None:
                continue
            layer, item = self.routing.item(bare(label), *span)
            if layer:
                out[layer].append(item)
            else:
                self.dropped[bare(label)] += 1
        return out

    def notes(self) -> list[str]:
        """What a run should tell the user: the spans dropped, the labels needing ``--map``."""
        out = []
        if self.dropped:
            counts = ", ".join(f"{label} {n}" for label, n in sorted(self.dropped.items()))
            out.append(
                f"{self.name}: dropped {sum(self.dropped.values())} span(s) whose label is no "
                f"gold entity type, date or figure kind: {counts}"
            )
        if self.routing.own:
            tag_set = self.routing.tag_set
            out.append(
                f"{self.name}: entity labels {', '.join(sorted(self.routing.own))} are this "
                "system's own tag set, not gold types: score them with `newsgold score --map "
                + (f"{tag_set}`" if tag_set else "MAP.json` (a map of your own, docs/scoring.md)")
            )
        return out
