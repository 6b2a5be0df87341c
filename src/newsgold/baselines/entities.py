"""Entities: runs of capitalised words, typed by cue words around and inside them (guidelines §2).

1. Runs of capitalised words (joined by "of", "for", ... inside names) outside dates, URLs and
   Title Case zones; a possessive 's ends a run; leading "The" and sentence-initial common words
   are dropped; a title ("President", "Mr") is cut off and makes what follows a PERSON.
2. Each run gets a type from cues: organisation words ("Agency", "Ministry"), capital acronyms,
   nationality suffixes ("-ian", "-ese", "-ish") for NORP, a place word after it ("region") or a
   place preposition before it ("in"), a NORP adjective of the same stem in the document
   ("Sylvanian" makes "Sylvania" a GPE); two or three plain words are a PERSON, one word a GPE.
3. One surface has one type and one entity_id (a slug); a lone surname takes the id of the full
   name; Title Case zones (headlines, credits) only repeat names found elsewhere.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from newsgold.baselines import lexicon as lx
from newsgold.baselines.text import Doc, Intervals, Token
from newsgold.corpus import entity_key


@dataclass
class EntitySpan:
    """A named-entity mention with its type and coreference id."""

    start: int
    end: int
    type: str
    entity_id: str
    strong: bool = True  # typed by a cue, not by the default


_CALENDAR_WORDS = set(lx.MONTHS) | set(lx.WEEKDAYS)
_LOWER_TITLES = {t.lower() for t in lx.PERSON_TITLES} | {"spokesperson", "leader", "envoy"}
_NOT_AFTER_NORP = lx.REPORTING_VERBS | lx.AUXILIARIES | {"is", "was", "has", "had", "will"}


def _is_acronym(text: str) -> bool:
    return len(text) >= 2 and text.replace(".", "").isupper() and text.replace(".", "").isalpha()


def _demonym(text: str) -> bool:
    """Whether a word looks like a nationality adjective or its plural, by suffix only."""
    base = text[:-1] if text.endswith("s") else text
    return len(base) >= 5 and base[:1].isupper() and base.endswith(lx.DEMONYM_SUFFIXES)


class _Finder:
    def __init__(self, doc: Doc, blocked: list[tuple[int, int]]) -> None:
        self.doc = doc
        self.text = doc.text
        self.blocked = Intervals(blocked)
        self.lower_words = {t.text for t in doc.tokens if t.text.islower()}
        self.demonyms = {t.text for t in doc.tokens if _demonym(t.text)}
        self.demonym_phrases = [
            f"{a.text} {b.text}"
            for a, b in zip(doc.tokens, doc.tokens[1:], strict=False)
            if a.text in lx.COMPASS_WORDS and _demonym(b.text) and self.joined(a, b)
        ]

    def usable(self, token: Token) -> bool:
        """A capitalised token that can be part of a name (not a date word, URL or title zone)."""
        if not token.capitalised or token.text == "I" or token.text in _CALENDAR_WORDS:
            return False
        if self.doc.in_url(token.start, token.end) or self.doc.in_title(token.start):
            return False
        return not self.blocked.overlaps(token.start, token.end)

    def joined(self, left: Token, right: Token) -> bool:
        """Whether two tokens stand next to each other with one space and no punctuation.

        A title abbreviation's full stop does not separate: "Mr. Jane Doe".
        """
        gap = self.text[left.end : right.start]
        initial = len(left.text) == 1 and left.text.isupper()
        abbreviated = gap == ". " and (initial or left.text in lx.PERSON_TITLES & lx.ABBREVIATIONS)
        return not left.possessive and (gap == " " or abbreviated)

    def runs(self) -> list[list[Token]]:
        """Maximal runs of capitalised tokens, with name connectors inside them."""
        tokens = self.doc.tokens
        runs: list[list[Token]] = []
        i = 0
        while i < len(tokens):
            if not self.usable(tokens[i]):
                i += 1
                continue
            run = [tokens[i]]
            j = i + 1
            while j < len(tokens):
                if self.usable(tokens[j]) and self.joined(run[-1], tokens[j]):
                    run.append(tokens[j])
                    j += 1
                    continue
                k = j
                while k < len(tokens) and tokens[k].text in lx.NAME_CONNECTORS | {"the"}:
                    k += 1
                chain = [run[-1], *tokens[j:k], *tokens[k : k + 1]]
                bridge = k > j and tokens[j].text in lx.NAME_CONNECTORS and k < len(tokens)
                if (
                    bridge
                    and self.usable(tokens[k])
                    and all(self.joined(a, b) for a, b in zip(chain, chain[1:], strict=False))
                ):
                    run.extend(tokens[j : k + 1])
                    j = k + 1
                    continue
                break
            runs.append(run)
            i = j
        return runs

    def trim(self, run: list[Token]) -> list[Token]:
        """Drop leading common words ("The", "However") and connectors at either end."""
        while run and (
            run[0].text in lx.COMMON_CAPITALISED
            or not run[0].capitalised
            or run[0].sentence_start
            and len(run) > 1
            and run[0].lower in self.lower_words
        ):
            run = run[1:]
        while run and not run[-1].capitalised:
            run = run[:-1]
        return run

    def previous_word(self, token: Token) -> str:
        m = re.search(r"([^\W\d_]+)\.?\s+$", self.text[max(0, token.start - 30) : token.start])
        return m.group(1) if m else ""

    def next_word(self, token: Token) -> str:
        m = re.match(r"\s+([^\W\d_]+)", self.text[token.end : token.end + 30])
        return m.group(1) if m and not token.possessive else ""

    def classify(self, run: list[Token]) -> tuple[str, bool] | None:
        """(type, typed by a cue) for a run, or None when it is not a name."""
        words = [t.text for t in run]
        surface = self.text[run[0].start : run[-1].end]
        previous, following = self.previous_word(run[0]), self.next_word(run[-1])
        if all(w in lx.PERSON_TITLES or w in lx.TITLE_QUALIFIERS for w in words):
            return None
        if len(run) == 1 and _is_acronym(words[0]):
            return ("GPE" if words[0] in lx.COUNTRY_ABBREVIATIONS else "ORG"), True
        if any(w in lx.ORG_WORDS for w in words):
            return "ORG", True
        if words[-1] in lx.GPE_WORDS:
            return "GPE", True
        if previous in lx.PERSON_TITLES or previous.islower() and previous in _LOWER_TITLES:
            return "PERSON", True
        norp_shape = len(run) == 1 or len(run) == 2 and words[0] in lx.COMPASS_WORDS
        if norp_shape and _demonym(words[-1]) and following not in _NOT_AFTER_NORP:
            return "NORP", True
        if self.stem_of_demonym(surface):
            return "GPE", True
        if following in lx.GPE_FOLLOWERS:
            return "GPE", True
        if following in lx.LOC_FOLLOWERS:
            return "LOC", True
        if len(run) == 1 and (previous in lx.PLACE_PREPOSITIONS or words[0].endswith("stan")):
            return "GPE", True
        plain = all(t.text.isalpha() or "-" in t.text or "'" in t.text for t in run)
        if 2 <= len(run) <= 3 and plain and not any(w.islower() for w in words):
            return "PERSON", False
        return ("GPE" if len(run) == 1 else "ORG"), False

    def stem_of_demonym(self, surface: str) -> bool:
        """Whether a nationality adjective of the document is this name plus a suffix."""
        if len(surface) < 4 or _demonym(surface):
            return False
        last = surface.split()[-1]
        head = surface[: len(surface) - len(last)]
        for demonym in self.demonyms:
            common = 0
            for a, b in zip(last, demonym, strict=False):
                if a != b:
                    break
                common += 1
            if common >= 4 and common >= len(last) - 1 and not head:
                return True
        # multi-word names: "East Sylvania" and "East Sylvanian"
        return " " in surface and any(
            d.startswith(surface) and len(surface) >= len(d) - 1 for d in self.demonym_phrases
        )

    def split_title(self, run: list[Token]) -> tuple[list[Token], list[Token]]:
        """Split "Freedonian President Jane Doe" into the part before the title and the name."""
        last_title = max(
            (i for i, t in enumerate(run[:-1]) if t.text in lx.PERSON_TITLES), default=-1
        )
        if last_title < 0:
            return [], run
        first_title = last_title
        while first_title > 0 and (
            run[first_title - 1].text in lx.PERSON_TITLES
            or run[first_title - 1].text in lx.TITLE_QUALIFIERS
        ):
            first_title -= 1
        return run[:first_title], run[last_title + 1 :]

    def find(self) -> list[EntitySpan]:
        found: list[EntitySpan] = []
        openers: list[EntitySpan] = []  # lone words opening a sentence, typed by default only
        for raw in self.runs():
            run = self.trim(raw)
            if not run:
                continue
            before, name = self.split_title(run)
            if before:
                before = self.trim(before)
                typed = self.classify(before) if before else None
                if typed:
                    found.append(self.span(before, *typed))
            if not name:
                continue
            if len(name) < len(run):
                # "Minister Jane Doe of Freedonia": the name stops at a connector
                cut = next((i for i, t in enumerate(name) if not t.capitalised), len(name))
                found.append(self.span(name[:cut], "PERSON", True))
                rest = self.trim(name[cut:])
                typed = self.classify(rest) if rest else None
                if typed:
                    found.append(self.span(rest, *typed))
                continue
            typed = self.classify(name)
            if typed is None:
                continue
            if len(name) == 1 and name[0].sentence_start and not typed[1]:
                openers.append(self.span(name, *typed))
                continue
            found.append(self.span(name, *typed))
        # A lone sentence opener counts only when the same name occurs inside a sentence too.
        seen = {self.text[e.start : e.end] for e in found}
        found.extend(e for e in openers if self.text[e.start : e.end] in seen)
        found = self.harmonise(found)
        found.extend(self.in_title_zones(found))
        return sorted(found, key=lambda e: e.start)

    def span(self, run: list[Token], kind: str, strong: bool) -> EntitySpan:
        start, end = run[0].start, run[-1].end
        return EntitySpan(start, end, kind, entity_key(self.text[start:end]), strong)

    def harmonise(self, found: list[EntitySpan]) -> list[EntitySpan]:
        """One type per surface (cue-typed mentions win); a lone surname joins its full name."""
        surface_types: dict[str, Counter[str]] = {}
        for e in found:
            weight = 10 if e.strong else 1
            surface_types.setdefault(self.text[e.start : e.end], Counter())[e.type] += weight
        persons: dict[str, str] = {}
        for e in found:
            surface = self.text[e.start : e.end]
            if e.type == "PERSON" and " " in surface:
                persons.setdefault(surface.split()[-1], e.entity_id)
        for e in found:
            surface = self.text[e.start : e.end]
            if surface in persons and " " not in surface:
                e.type, e.entity_id = "PERSON", persons[surface]
            else:
                e.type = surface_types[surface].most_common(1)[0][0]
        return found

    def in_title_zones(self, found: list[EntitySpan]) -> list[EntitySpan]:
        """Names in Title Case zones: known surfaces, or a whole credit naming an organisation."""
        known: dict[str, EntitySpan] = {}
        for e in found:
            known.setdefault(self.text[e.start : e.end], e)
        surnames = {
            self.text[e.start : e.end].split()[-1]: e
            for e in found
            if e.type == "PERSON" and " " in self.text[e.start : e.end]
        }
        added: list[EntitySpan] = []
        for zone_start, zone_end in self.doc.title_zones:
            tokens = [
                t
                for t in self.doc.tokens_in(zone_start, zone_end)
                if not self.blocked.overlaps(t.start, t.end)
            ]
            whole = self.trim(tokens)
            names = [t for t in whole if t.capitalised or t.text in lx.NAME_CONNECTORS]
            if whole and len(names) == len(whole) and any(t.text in lx.ORG_WORDS for t in whole):
                joined = all(self.joined(a, b) for a, b in zip(whole, whole[1:], strict=False))
                if joined:
                    added.append(self.span(whole, "ORG", True))
                    continue
            i = 0
            while i < len(tokens):
                match = None
                for j in range(min(len(tokens), i + 6), i, -1):
                    part = tokens[i:j]
                    if not all(self.joined(a, b) for a, b in zip(part, part[1:], strict=False)):
                        continue
                    surface = self.text[part[0].start : part[-1].end]
                    hit = known.get(surface) or (surnames.get(surface) if j == i + 1 else None)
                    if hit:
                        match = (part, hit)
                        break
                if match:
                    part, hit = match
                    span = EntitySpan(part[0].start, part[-1].end, hit.type, hit.entity_id)
                    added.append(span)
                    i += len(part)
                else:
                    i += 1
        return added


def find_entities(doc: Doc, blocked: list[tuple[int, int]]) -> list[EntitySpan]:
    """Every entity mention of a text outside the blocked spans (the dates), in text order."""
    return _Finder(doc, blocked).find()
