"""Claims: attributions found from reporting-verb cues, and the article's own assertions (§5).

For each attribution unit (a sentence, or several sentences joined by one quotation) of a body
paragraph, the first reporting cue outside quotation marks decides the claim:
- "“Q,” X said" / "“Q,” said X": the quotation is the content (one claim per quoted sentence);
- "According to X, C" / "C, according to X": the cue is "according to";
- "C, X said.": the content before the comma when nothing but a date follows the cue;
- "X said (that) C": the source is the noun phrase before the cue, the content the rest.
Bodies without a cue are the article's own assertions (source, cue and quote null). The
headline (the first line) is a claim when it ends ", X Says" or starts "X Says".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from newsgold.baselines import lexicon as lx
from newsgold.baselines.text import QUOTE_MARKS, Doc, Intervals, Token, trim

PRONOUNS = {"he", "she", "him", "her"}
_CONNECTIVES = {"and", "but", "so", "yet", "however", "meanwhile", "also", "still", "then"}
_CONNECTIVES |= {"now", "instead", "moreover", "furthermore", "separately"}
_DETERMINERS = {"a", "an", "the", "its", "his", "her", "their", "our", "this", "that"}
_SETTING = re.compile(
    r"(?:in|on|during|via|at)\s+(?:(?:a|an|the|his|her|its|their)\s+)?[\w-]+"
    r"(?:\s+(?:on|to|with)\s+[\w-]+)?(?=\s*[,:]|\s+that\b)"
)
_FINAL = ".,;:!?"
_NOT = ("n't", "n’t")
_BELIEF = re.compile(
    rf"(?i:(?:it|they|he|she|we)\s+(?:{'|'.join(sorted(lx.BELIEF_VERBS))})\s+(?:that\s+)?)"
)
_HEADLINE_CUES = {w.capitalize() for w in lx.REPORTING_VERBS} - {"States", "Notes", "Adds"}


@dataclass
class ClaimSpan:
    """A claim: content offsets and its attribution."""

    start: int
    end: int
    source: tuple[int, int] | None = None
    cue: tuple[int, int] | None = None
    quote: str | None = None
    certainty: str = "asserted"
    polarity: str = "positive"
    reported_on: str | None = None
    source_entity: str | None = None
    dates: list[str] = field(default_factory=list)
    figures: list[str] = field(default_factory=list)


@dataclass
class _Attribution:
    source: tuple[int, int]
    cue: tuple[int, int]
    contents: list[tuple[int, int]]
    embedded: bool = False  # the attribution sits in a subordinate clause of the article's own
    reported_on: str | None = None
    hedge_zone: tuple[int, int] | None = None  # text between source and content that may hedge


class _Finder:
    def __init__(
        self,
        doc: Doc,
        entities: list[dict[str, Any]],
        dates: list[dict[str, Any]],
        figures: list[dict[str, Any]],
    ) -> None:
        self.doc = doc
        self.text = doc.text
        self.entities = entities
        self.dates = dates
        self.figures = figures
        self.date_at = {d["start"]: d for d in dates}
        self.date_spans = Intervals([(d["start"], d["end"]) for d in dates])

    # Small helpers.

    def in_date(self, start: int, end: int) -> bool:
        return self.date_spans.overlaps(start, end)

    def content_edges(self, start: int, end: int) -> tuple[int, int]:
        """Trim whitespace, final punctuation and the quotation marks at a content's edges."""
        start, end = trim(self.text, start, end, _FINAL + "*")
        if start < end and self.text[start] in QUOTE_MARKS:
            quote = next((q for q in self.doc.quotes if q.open == start), None)
            if quote is not None and quote.close >= end - 1:  # one quotation, or one running on
                start, end = trim(self.text, start + 1, min(end, quote.close), _FINAL)
        if start < end and self.text[end - 1] in QUOTE_MARKS:
            quote = next((q for q in self.doc.quotes if q.close == end - 1), None)
            if quote is not None and quote.open < start:  # the end of a quotation begun earlier
                end = trim(self.text, start, end - 1, _FINAL)[1]
        return start, end

    def quote_kind(self, start: int, end: int) -> str:
        """direct (inside one quotation), mixed (some quoted words) or indirect (none)."""
        quote = self.doc.quote_at(start)
        if quote is not None and quote.close >= end:
            return "direct"
        if any(c in QUOTE_MARKS for c in self.text[start:end]):
            return "mixed"
        return "indirect"

    def tokens_between(self, start: int, end: int) -> list[Token]:
        return self.doc.tokens_in(start, end)

    def hedged(self, *zones: tuple[int, int]) -> bool:
        words = [t.lower for s, e in zones for t in self.tokens_between(s, e)]
        return any(w in lx.HEDGES for w in words)

    def negative(self, start: int, end: int) -> bool:
        words = [t.lower for t in self.tokens_between(start, end)]
        return any(w in lx.NEGATIONS or w.endswith("n't") or w.endswith("n’t") for w in words)

    # Attribution patterns.

    def cues(self, start: int, end: int) -> list[Token]:
        """Reporting verbs of a unit outside quotations, in order."""
        found = []
        tokens = self.tokens_between(start, end)
        for i, token in enumerate(tokens):
            previous = tokens[i - 1].lower if i else ""
            following = tokens[i + 1].lower if i + 1 < len(tokens) else ""
            if self.doc.quote_at(token.start) is not None:
                continue
            if token.lower == "according" and following == "to":
                found.append(token)
            elif token.text in lx.REPORTING_VERBS:
                if previous in _DETERMINERS or previous == "to" or following == "by":
                    continue  # "the reported attack", "refused to say", "was told by"
                found.append(token)
        return found

    def source_before(self, cue: Token, floor: int) -> tuple[int, int, bool] | None:
        """The noun phrase before a cue: (start, end, embedded in a subordinate clause).

        Auxiliaries and adverbs ("has also") and a date ("on Friday") between source and cue are
        skipped; a negated cue ("did not say") has no source. The phrase runs back to a clause
        word, a date or punctuation, crossing a comma only inside a list of names ("A, B and C").
        """
        tokens = self.tokens_between(floor, cue.start)
        i = len(tokens) - 1
        skipped_date = False
        while i >= 0 and (tokens[i].lower in lx.AUXILIARIES or self.in_date(*_span(tokens[i]))):
            skipped_date = skipped_date or self.in_date(*_span(tokens[i]))
            i -= 1
        if skipped_date and i >= 0 and tokens[i].lower in {"on", "in", "last"}:
            i -= 1
        if i < 0 or tokens[i].lower in {"not", "never"} or tokens[i].lower.endswith(_NOT):
            return None
        last = i
        embedded = seen_and = False
        while i >= 0:
            token = tokens[i]
            if token.lower in lx.CLAUSE_WORDS or self.in_date(*_span(token)):
                embedded = token.lower in lx.CLAUSE_WORDS
                break
            seen_and = seen_and or token.lower in {"and", "or"}
            if i > 0:
                gap = self.text[tokens[i - 1].end : token.start].strip()
                if gap and gap not in {"'s", "’s", "'", "’", "-"}:
                    abbreviation = gap == "." and _abbreviation(tokens[i - 1].text)
                    listed = gap == "," and seen_and and tokens[i - 1].capitalised
                    if not (abbreviation or listed):
                        i -= 1
                        break
            i -= 1
            if last - i >= 12:
                return None
        first = i + 1
        while first <= last and tokens[first].lower in _CONNECTIVES:
            first += 1
        if first > last:
            return None
        return tokens[first].start, tokens[last].end, embedded

    def source_after(self, position: int, end: int) -> tuple[int, int] | None:
        """The noun phrase after an inverted cue ("said the minister"), up to punctuation."""
        tokens = self.tokens_between(position, end)
        chosen: list[Token] = []
        last = position
        for token in tokens:
            gap = self.text[last : token.start]
            if (chosen and gap.strip() not in {"", "'s", "’s"}) or self.in_date(*_span(token)):
                break
            if not chosen and gap.strip():
                break
            chosen.append(token)
            last = token.end
            if len(chosen) == 10:
                break
        if not chosen or chosen[0].lower in lx.CLAUSE_WORDS:
            return None
        return chosen[0].start, chosen[-1].end

    def after_cue(self, cue: Token, end: int) -> tuple[int, str | None]:
        """Where the content starts after a cue, skipping addressee, date, setting and "that"."""
        position = cue.end
        reported_on = None
        tokens = self.tokens_between(position, end)
        if cue.lower in lx.ADDRESSEE_VERBS and tokens and tokens[0].lower != "that":
            position = self.addressee_end(tokens, position)
        while position < end:
            rest = self.text[position:end]
            stripped = len(rest) - len(rest.lstrip())
            here = position + stripped
            lead = re.match(r"(?:on|in|last)\s+", self.text[here:end])
            at = here + (lead.end() if lead and here + lead.end() in self.date_at else 0)
            if at in self.date_at:
                reported_on = self.date_at[at]["id"]
                position = self.date_at[at]["end"]
                continue
            setting = _SETTING.match(self.text, here, end)
            if setting and not self.in_date(setting.start(), setting.end()):
                position = setting.end()
                continue
            if self.text[here : here + 1] in {",", ":"}:
                position = here + 1
                continue
            that = re.match(r"that\b", self.text[here:end])
            if that:
                position = here + that.end()
            break
        return position, reported_on

    def addressee_end(self, tokens: list[Token], position: int) -> int:
        """Skip the addressee of "told": a name, or a short noun phrase ("the agency")."""
        index = 1 if tokens[0].lower in _DETERMINERS and len(tokens) > 1 else 0
        if self.in_date(*_span(tokens[index])):
            return position
        if tokens[index].capitalised:
            while index + 1 < len(tokens) and tokens[index + 1].capitalised:
                following = tokens[index + 1]
                if self.text[tokens[index].end : following.start] != " ":
                    break
                if self.in_date(*_span(following)):
                    break
                index += 1
            return tokens[index].end
        for ahead in range(index, min(index + 3, len(tokens) - 1)):
            gap = self.text[tokens[ahead].end : tokens[ahead + 1].start]
            following = tokens[ahead + 1]
            if following.lower == "that" or gap.strip() == "," or self.in_date(*_span(following)):
                return tokens[ahead].end
        return tokens[index].end

    def attribute(self, start: int, end: int) -> _Attribution | None:
        """The attribution of one unit, or None when it has no usable cue."""
        for cue in self.cues(start, end):
            found = self.attribute_with(cue, start, end)
            if found is not None:
                return found
        return None

    def attribute_with(self, cue: Token, start: int, end: int) -> _Attribution | None:
        text = self.text
        cue_span = (cue.start, cue.end)
        if cue.lower == "according":
            cue_end = text.index("to", cue.end) + 2
            cue_span = (cue.start, cue_end)
            comma = text.find(",", cue_end, end)
            source_end = comma if comma >= 0 else end
            source = trim(text, cue_end, source_end, _FINAL)
            if source[0] >= source[1]:
                return None
            before = trim(text, start, cue.start, _FINAL + " ")
            if before[0] < before[1]:
                contents = [self.content_edges(*before)]
            else:
                contents = [self.content_edges(source_end + 1, end)] if comma >= 0 else []
            contents = [c for c in contents if c[0] < c[1]]
            return _Attribution(source, cue_span, contents) if contents else None
        leading_quote = self.leading_quote(start, cue.start)
        if leading_quote is not None:
            quote_end, between = leading_quote
            if between is None:
                after = self.source_after(cue.end, end)
                if after is None:
                    return None
                source = after
            else:
                source = between
            reported_on = self.date_in(cue.end, end)
            contents = self.quoted_sentences(start, quote_end)
            return _Attribution(source, cue_span, contents, reported_on=reported_on)
        tail = self.trailing(cue.end, end)
        if tail is not None:
            np = self.source_before(cue, start)
            comma = text.rfind(",", start, np[0]) if np else -1
            if np and comma > start and not text[comma : np[0]].strip(", "):
                content = self.content_edges(start, comma)
                if content[0] < content[1]:
                    reported_on = self.date_in(cue.end, end)
                    return _Attribution(
                        (np[0], np[1]), cue_span, [content], reported_on=reported_on
                    )
        np = self.source_before(cue, start)
        if np is None:
            return None
        content_start, reported_on = self.after_cue(cue, end)
        content = self.content_edges(content_start, end)
        belief = _BELIEF.match(self.text, content[0], content[1])
        if belief:  # "said it believed X": one claim, content X, hedged by the belief verb
            content = (belief.end(), content[1])
            content_start = belief.end()
        if content[0] >= content[1]:
            return None
        if reported_on is None:
            reported_on = self.date_before(start, cue.start)
        contents = [content]
        if self.quote_kind(*content) == "direct":
            quote = self.doc.quote_at(content[0])
            if quote is not None:
                contents = self.quoted_sentences(quote.open, quote.close) or contents
        return _Attribution(
            (np[0], np[1]),
            cue_span,
            contents,
            embedded=np[2],
            reported_on=reported_on,
            hedge_zone=(np[1], content_start),
        )

    def leading_quote(
        self, start: int, cue_start: int
    ) -> tuple[int, tuple[int, int] | None] | None:
        """For "“Q,” X said": the quotation's end and the source between it and the cue."""
        first = trim(self.text, start, cue_start)[0]
        if first >= cue_start or self.text[first] not in QUOTE_MARKS:
            return None
        quote = self.doc.quote_at(first + 1)
        if quote is None or quote.open != first or quote.close >= cue_start:
            return None
        between = self.text[quote.close + 1 : cue_start]
        if not re.fullmatch(r"\s*,?\s*[^,;:.!?“”\"]*", between):
            return None
        source = trim(self.text, quote.close + 1, cue_start, ", ")
        if source[0] >= source[1]:
            return quote.close, None
        tokens = self.tokens_between(*source)
        while tokens and tokens[-1].lower in lx.AUXILIARIES:
            tokens.pop()
        if not tokens:
            return quote.close, None
        return quote.close, (tokens[0].start, tokens[-1].end)

    def quoted_sentences(self, open_mark: int, close_mark: int) -> list[tuple[int, int]]:
        """The sentences inside a quotation, each without its edges and final punctuation."""
        inside = (open_mark + 1, close_mark)
        found = []
        for s, e in self.doc.sentences:
            if e <= inside[0] or s >= inside[1]:
                continue
            part = self.content_edges(max(s, inside[0]), min(e, inside[1]))
            if part[0] < part[1]:
                found.append(part)
        return found

    def trailing(self, position: int, end: int) -> int | None:
        """For "C, X said (on Friday).": the unit ends after the cue but for a date or a setting."""
        rest = self.text[position:end]
        dateless = rest
        for d in self.dates:
            if position <= d["start"] and d["end"] <= end:
                dateless = dateless.replace(self.text[d["start"] : d["end"]], "")
        if re.fullmatch(r"(?:\s+(?:on|in|last))?\s*[.!?]?[”\"’]?\s*", dateless):
            return position
        return None

    def date_in(self, position: int, end: int) -> str | None:
        """The first date after an inverted cue ("“Q,” X told the radio on Monday")."""
        after = [d for d in self.dates if position <= d["start"] and d["end"] <= end]
        return str(after[0]["id"]) if after else None

    def date_before(self, start: int, cue_start: int) -> str | None:
        """The last date of the unit before the cue ("In December, X reported")."""
        before = [d for d in self.dates if start <= d["start"] and d["end"] <= cue_start]
        return str(before[-1]["id"]) if before else None

    # Building claims.

    def claim(self, content: tuple[int, int], attribution: _Attribution | None) -> ClaimSpan:
        start, end = content
        claim = ClaimSpan(start, end)
        zones = [content]
        if attribution is not None:
            claim.source, claim.cue = attribution.source, attribution.cue
            claim.quote = self.quote_kind(start, end)
            claim.reported_on = attribution.reported_on
            claim.source_entity = self.source_entity(*attribution.source)
            if attribution.hedge_zone:
                zones.append(attribution.hedge_zone)
        claim.certainty = "hedged" if self.hedged(*zones) else "asserted"
        claim.polarity = "negative" if self.negative(start, end) else "positive"
        claim.dates = [d["id"] for d in self.dates if start <= d["start"] and d["end"] <= end]
        claim.figures = [f["id"] for f in self.figures if start <= f["start"] and f["end"] <= end]
        if claim.reported_on in claim.dates:
            claim.reported_on = None
        return claim

    def source_entity(self, start: int, end: int) -> str | None:
        """The entity_id a source refers to, or the last person's for "he"/"she".

        The source refers to a name that ends it when only a determiner or capitalised words
        (titles, nationalities) precede the name: "the agency's chief" refers to no name,
        "Freedonian President Jane Doe" to Jane Doe, "officials in Zürich" not to Zürich.
        """
        words = self.tokens_between(start, end)
        if len(words) == 1 and words[0].lower in PRONOUNS:
            persons = [e for e in self.entities if e["type"] == "PERSON" and e["end"] <= start]
            return str(persons[-1]["entity_id"]) if persons else None
        for entity in self.entities:
            if entity["end"] == end and start <= entity["start"]:
                before = [t for t in words if t.end <= entity["start"]]
                if all(t.capitalised or t.lower in _DETERMINERS for t in before):
                    return str(entity["entity_id"])
        return None

    def unattributed(self, start: int, end: int) -> ClaimSpan | None:
        """The article's own assertion: a whole body sentence."""
        content = trim(self.text, start, end, _FINAL)
        if len(self.tokens_between(*content)) < 4:
            return None
        return self.claim(content, None)

    def headline(self, start: int, end: int) -> ClaimSpan | None:
        """The headline as a claim: "C, X Says" or "X Says C"."""
        body = re.match(r"#*\s*", self.text[start:end])
        first = start + (body.end() if body else 0)
        tokens = self.tokens_between(first, end)
        for i, token in enumerate(tokens):
            if token.text not in _HEADLINE_CUES or i == 0:
                continue
            comma = self.text.rfind(",", first, token.start)
            if i == len(tokens) - 1 and comma > first:
                source = trim(self.text, comma + 1, token.start)
                content = trim(self.text, first, comma, _FINAL)
            elif i <= 4 and i < len(tokens) - 1:
                source = (first, tokens[i - 1].end)
                content = trim(self.text, token.end, end, _FINAL + ":")
            else:
                continue
            if source[0] < source[1] and content[0] < content[1]:
                attribution = _Attribution(source, (token.start, token.end), [content])
                claim = self.claim(content, attribution)
                claim.quote = "indirect"
                return claim
        return None

    def find(self) -> list[ClaimSpan]:
        claims: list[ClaimSpan] = []
        lines = self.doc.lines
        headline = (
            lines[0] if lines and (lines[0].heading or self.doc.in_title(lines[0].start)) else None
        )
        if headline is not None:
            claim = self.headline(headline.start, headline.end)
            if claim:
                claims.append(claim)
        last_direct: ClaimSpan | None = None  # a quotation may go on after its attribution
        for start, end in self.doc.units:
            line = self.doc.line_of(start)
            if line is None or line.heading or line.bold or line is headline:
                continue
            if not re.search(r"[.!?][”\"’)]*$", self.text[line.start : line.end]):
                continue  # bylines, datelines, credits: no sentence, no claim
            attribution = self.attribute(start, end)
            if attribution is not None:
                made = [self.claim(c, attribution) for c in attribution.contents]
                claims.extend(made)
                last_direct = made[-1] if made and made[-1].quote == "direct" else None
                own = self.unattributed(start, end) if attribution.embedded else None
                claims.extend([own] if own else [])
                continue
            quote = next((q for q in self.doc.quotes if q.open == start), None)
            if quote is not None and last_direct is not None and last_direct.source is not None:
                assert last_direct.cue is not None
                continued = _Attribution(last_direct.source, last_direct.cue, [])
                for part in self.quoted_sentences(quote.open, quote.close):
                    claim = self.claim(part, continued)
                    claim.reported_on = last_direct.reported_on
                    claims.append(claim)
                continue
            own = self.unattributed(start, end)
            claims.extend([own] if own else [])
            last_direct = None
        return claims


def _abbreviation(word: str) -> bool:
    """An initial ("T.") or a title abbreviation ("Mr."), whose full stop ends no phrase."""
    return len(word) == 1 and word.isupper() or word in lx.PERSON_TITLES & lx.ABBREVIATIONS


def _span(token: Token) -> tuple[int, int]:
    return token.start, token.end


def find_claims(
    doc: Doc,
    entities: list[dict[str, Any]],
    dates: list[dict[str, Any]],
    figures: list[dict[str, Any]],
) -> list[ClaimSpan]:
    """Every claim of a text, given its entities, dates and figures (with ids)."""
    return _Finder(doc, entities, dates, figures).find()
