"""``newsgold retext``: replace an article's text and carry every annotation over by alignment.

The old and new texts are aligned word by word (:func:`align`). A span of entities, dates,
figures, or a claim's source or cue is carried only when it lies in one unchanged stretch of
text (a letter added to its last word changes that word, so it touches the span); it then keeps
its text and only its offsets move. A claim's content is carried the same way; an edit strictly
inside it is refused unless ``allow_claim_edits``, which then gives the claim its new content
text (its first and last words must be unchanged). Sections are zones: their offsets and texts
are recomputed, and new text between two sections joins one of them when it is on the same line
or is a paragraph next to a body section. Anything refused is listed with its file, JSON
pointer, id, old text and what the new text has there, and nothing is written; the result is
validated before writing.
"""

from __future__ import annotations

import bisect
import copy
import difflib
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from newsgold import jsonio
from newsgold.atomic import write_files
from newsgold.contribute.checks import document_incidents
from newsgold.contribute.new import normalise_text
from newsgold.corpus import (
    ANNOTATIONS_DIR,
    CORPUS_DIR,
    LAYERS,
    load_document,
    select_doc_ids,
    sha256_text,
)
from newsgold.errors import NewsgoldError
from newsgold.tokenize import is_word_char
from newsgold.validate.document import span_objects

Opcode = tuple[str, int, int, int, int]  # difflib's (tag, old start, old end, new start, new end)
_WORDS = re.compile(r"\w+|\s+|[^\w\s]")  # runs of letters/digits, runs of whitespace, the rest
_CONTENT = re.compile(r"^/claims/\d+$")
SHOWN = 50  # characters of a span or an edit quoted in messages


# --- alignment ----------------------------------------------------------------------------------


def align(old: str, new: str) -> list[Opcode]:
    """Opcodes turning old into new: the common ends kept whole, the middle aligned word by word.

    The common prefix and suffix (cut back to word boundaries) are unchanged; the rest is aligned
    as a sequence of words (runs of letters and digits, runs of whitespace, single other
    characters) with difflib's SequenceMatcher, ``autojunk`` off. So every edit covers whole
    words: a span is never carried by a few coincidental letters, and a changed word is reported
    as the word it was and the word it became. Adjacent blocks of one kind are merged; the
    opcodes cover both texts.
    """
    limit = min(len(old), len(new))
    head = 0
    while head < limit and old[head] == new[head]:
        head += 1
    while head and is_word_char(old[head - 1]):
        head -= 1
    tail = 0
    while tail < limit - head and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    while tail and is_word_char(old[len(old) - tail]):
        tail -= 1
    a = [(m.start(), m.end()) for m in _WORDS.finditer(old, head, len(old) - tail)]
    b = [(m.start(), m.end()) for m in _WORDS.finditer(new, head, len(new) - tail)]
    a.append((len(old) - tail, len(old) - tail))  # sentinels: where the middle ends
    b.append((len(new) - tail, len(new) - tail))
    matcher = difflib.SequenceMatcher(
        None, [old[s:e] for s, e in a[:-1]], [new[s:e] for s, e in b[:-1]], autojunk=False
    )
    ops: list[Opcode] = [("equal", 0, head, 0, head)]
    ops += [
        (tag, a[i1][0], a[i2][0], b[j1][0], b[j2][0])
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
    ]
    ops.append(("equal", len(old) - tail, len(old), len(new) - tail, len(new)))
    return _merged(ops)


def _merged(ops: list[Opcode]) -> list[Opcode]:
    """Drop empty opcodes, merge neighbours of one kind, and name each change by what it does."""
    out: list[Opcode] = []
    for tag, i1, i2, j1, j2 in ops:
        if i1 == i2 and j1 == j2:
            continue
        if out and (out[-1][0] == "equal") == (tag == "equal"):
            last = out[-1]
            out[-1] = (last[0], last[1], i2, last[3], j2)
        else:
            out.append((tag, i1, i2, j1, j2))
    return [
        (
            tag
            if tag == "equal"
            else "insert"
            if i1 == i2
            else "delete"
            if j1 == j2
            else "replace",
            i1,
            i2,
            j1,
            j2,
        )
        for tag, i1, i2, j1, j2 in out
    ]


class Alignment:
    """Where offsets of the old text land in the new one, from :func:`align`'s opcodes."""

    def __init__(self, old: str, new: str) -> None:
        self.old, self.new = old, new
        self.ops = align(old, new)
        self.changes = [op for op in self.ops if op[0] != "equal"]
        self._equal = [op for op in self.ops if op[0] == "equal"]
        self._equal_starts = [op[1] for op in self._equal]
        self._spanning = [op for op in self.ops if op[2] > op[1]]  # opcodes holding old text
        self._starts = [op[1] for op in self._spanning]
        self._ends = [op[2] for op in self._spanning]

    def carried(self, start: int, end: int) -> int | None:
        """The new start of old[start:end] if it lies in one unchanged block, else None."""
        k = bisect.bisect_right(self._equal_starts, start) - 1
        if k < 0:
            return None
        _, i1, i2, j1, _ = self._equal[k]
        return j1 + start - i1 if end <= i2 else None

    def start(self, offset: int) -> int:
        """Where the old character at offset begins in the new text (a changed one: its replacement)."""
        if offset >= len(self.old):
            return len(self.new)
        tag, i1, _, j1, _ = self._spanning[bisect.bisect_right(self._starts, offset) - 1]
        return j1 + offset - i1 if tag == "equal" else j1

    def end(self, offset: int) -> int:
        """Where the old character before offset ends in the new text (a changed one: its replacement)."""
        if offset <= 0:
            return 0
        tag, i1, _, j1, j2 = self._spanning[bisect.bisect_left(self._ends, offset)]
        return j1 + offset - i1 if tag == "equal" else j2

    def touching(self, start: int, end: int) -> list[Opcode]:
        """The changes that alter old[start:end] or insert strictly inside it."""
        return [op for op in self.changes if op[1] < end and op[2] > start]


# --- the outcome --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Edit:
    """One change between the texts: old and new offsets and what they hold."""

    old_start: int
    old_end: int
    new_start: int
    new_end: int
    old_text: str
    new_text: str
    line: int  # of the old text, 1-based


@dataclass(frozen=True)
class Moved:
    """A span carried to the new text: where it was, where it is, and whether its text changed."""

    pointer: str
    id: str
    old_start: int
    old_end: int
    new_start: int
    new_end: int
    text_changed: bool = False

    @property
    def shift(self) -> int:
        """How far its start moved."""
        return self.new_start - self.old_start


@dataclass(frozen=True)
class Refused:
    """A span the new text would change: where it is, its old text and why it cannot be carried."""

    pointer: str
    id: str
    start: int
    end: int
    text: str
    reason: str

    def line(self, file: str) -> str:
        """One located line for the error message."""
        return f"{file}:{self.pointer}: {self.id} {_show(self.text)} ({self.start}:{self.end}): {self.reason}"


@dataclass
class Retexted:
    """The outcome of ``retext``: the alignment's summary and the files written (none in a dry run)."""

    doc_id: str
    changed: bool
    dry_run: bool
    old_sha256: str
    new_sha256: str
    old_length: int
    new_length: int
    text_changes: list[str] = field(default_factory=list)  # what normalisation changed
    edits: list[Edit] = field(default_factory=list)
    moved: list[Moved] = field(default_factory=list)  # spans that moved or changed text
    unchanged: int = 0  # spans left exactly where they were
    claim_edits: list[dict[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    written: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The outcome as JSON-ready data (each moved span with its shift)."""
        data = asdict(self)
        data["moved"] = [{**asdict(m), "shift": m.shift} for m in self.moved]
        return data


# --- carrying the annotations -------------------------------------------------------------------


def _show(text: str) -> str:
    """A text quoted for a message, shortened in the middle when long."""
    if len(text) <= SHOWN:
        return repr(text)
    half = SHOWN // 2
    return repr(text[:half] + "…" + text[-half:])


def _describe(al: Alignment, ops: list[Opcode]) -> str:
    """The edits in words: ``'recieve' → 'receive' (line 7)``, inserted or deleted text."""
    parts = []
    for tag, i1, i2, j1, j2 in ops:
        line = al.old.count("\n", 0, i1) + 1
        before, after = _show(al.old[i1:i2]), _show(al.new[j1:j2])
        what = {"insert": f"inserted {after}", "delete": f"deleted {before}"}.get(
            tag, f"{before} → {after}"
        )
        parts.append(f"{what} (line {line})")
    return "; ".join(parts)


def _carry(
    al: Alignment, where: str, span: dict[str, Any], label: str, allow_claim_edits: bool
) -> Moved | Refused:
    """Carry one span (not a section) to the new text, or say why it cannot be."""
    start, end = span["start"], span["end"]

    def refuse(reason: str) -> Refused:
        """This span refused for a reason."""
        return Refused(where, label, start, end, span["text"], reason)

    def edits() -> str:
        """The edits touching this span, in words."""
        return _describe(al, al.touching(start, end))

    new_start = al.carried(start, end)
    if new_start is not None:
        new_end = new_start + end - start
    elif not _CONTENT.match(where):
        there = al.new[al.start(start) : al.end(end)]
        said = f"has {_show(there)} there" if there else "deletes it"
        return refuse(f"the new text {said} ({edits()})")
    else:
        first, last = al.carried(start, start + 1), al.carried(end - 1, end)
        if first is None or last is None:
            return refuse(
                f"an edit touches the first or last word of the claim's content ({edits()}); "
                "content extents are not guessed"
            )
        if not allow_claim_edits:
            return refuse(
                f"an edit inside the claim's content ({edits()}); pass --allow-claim-edits to carry "
                "it with its new content text"
            )
        new_start, new_end = first, last + 1
    changed = al.new[new_start:new_end] != span["text"]
    return Moved(where, label, start, end, new_start, new_end, changed)


def _label(where: str, span: dict[str, Any], ann: dict[str, Any]) -> str:
    """A span's id for messages; a claim's source or cue is named after its claim."""
    if "id" in span:
        return str(span["id"])
    claim = ann["claims"][int(where.split("/")[2])]
    return f"{claim['id']} {where.rsplit('/', 1)[1]}"


@dataclass
class _Zone:
    """A section being placed in the new text."""

    index: int
    type: str
    start: int
    end: int


def _place_sections(
    al: Alignment, sections: list[dict[str, Any]], notes: list[str], problems: list[str]
) -> dict[int, tuple[int, int]]:
    """New (start, end) of each section kept, by index; new text between sections joins one."""
    new = al.new
    zones: list[_Zone] = []
    for index, section in enumerate(sections):
        start, end = al.start(section["start"]), al.end(section["end"])
        piece = new[start:end] if end > start else ""
        if not piece.strip():
            notes.append(
                f"section {section['id']} ({section['type']}) removed: its text was deleted"
            )
            continue
        start += len(piece) - len(piece.lstrip())
        end -= len(piece) - len(piece.rstrip())
        zones.append(_Zone(index, section["type"], start, end))
    zones.sort(key=lambda z: (z.start, z.end))
    for k in range(len(zones) + 1):
        before = zones[k - 1] if k else None
        after = zones[k] if k < len(zones) else None
        _fill_gap(new, before, after, sections, notes, problems)
    return {z.index: (z.start, z.end) for z in zones}


def _fill_gap(
    new: str,
    before: _Zone | None,
    after: _Zone | None,
    sections: list[dict[str, Any]],
    notes: list[str],
    problems: list[str],
) -> None:
    """Give the new text between two sections to one of them, or record it as a problem.

    Text on the line where a section ends joins that section; text on the line where a section
    starts joins that one; whole paragraphs join the body section before them (else after them).
    """
    lo = before.end if before else 0
    hi = after.start if after else len(new)
    gap = new[lo:hi]
    if not gap.strip():
        return
    first_break, last_break = gap.find("\n"), gap.rfind("\n")
    joins: list[tuple[_Zone, int, int]] = []  # (zone, start, end) of the text it takes in
    if before is not None:
        head = gap if first_break < 0 else gap[:first_break]
        if head.strip():
            joins.append((before, lo, lo + len(head.rstrip())))
    if after is not None and (first_break >= 0 or before is None):
        tail = gap if last_break < 0 else gap[last_break + 1 :]
        if tail.strip():
            joins.append((after, hi - len(tail.lstrip()), hi))
    taken_lo = max([lo] + [e for z, _, e in joins if z is before])
    taken_hi = min([hi] + [s for z, s, _ in joins if z is after])
    rest = new[taken_lo:taken_hi] if taken_hi > taken_lo else ""
    if rest.strip():
        body = next((z for z in (before, after) if z is not None and z.type == "body"), None)
        at = taken_lo + len(rest) - len(rest.lstrip())
        if body is None:
            line = new.count("\n", 0, at) + 1
            names = " and ".join(
                f"{sections[z.index]['id']} ({z.type})" for z in (before, after) if z is not None
            )
            problems.append(
                f"new text {_show(rest.strip())} at line {line} lies outside every section "
                f"(next to {names}); put it inside a section's paragraph"
            )
        else:
            joins.append((body, at, taken_lo + len(rest.rstrip())))
    for zone, start, end in joins:
        notes.append(
            f"new text {_show(new[start:end])} joins section {sections[zone.index]['id']} ({zone.type})"
        )
        zone.start, zone.end = min(zone.start, start), max(zone.end, end)


@dataclass
class Carried:
    """Annotations moved onto a new text: a copy, with what moved, what was refused and why."""

    annotations: dict[str, Any]
    alignment: Alignment
    moved: list[Moved]  # every span carried, sections included
    refused: list[Refused]  # the spans the new text would change
    problems: list[str]  # new text that no section can take
    notes: list[str]  # what happened to sections


def carry_annotations(
    old: str, new: str, annotations: dict[str, Any], allow_claim_edits: bool = False
) -> Carried:
    """Carry annotations of the old text onto the new one; the input is not changed."""
    al = Alignment(old, new)
    out = copy.deepcopy(annotations)
    moved: list[Moved] = []
    refused: list[Refused] = []
    notes: list[str] = []
    problems: list[str] = []
    for where, span in span_objects(out):
        if where.startswith("/sections/"):
            continue
        done = _carry(al, where, span, _label(where, span, out), allow_claim_edits)
        if isinstance(done, Refused):
            refused.append(done)
            continue
        moved.append(done)
        span["start"], span["end"] = done.new_start, done.new_end
        span["text"] = new[done.new_start : done.new_end]
    placed = _place_sections(al, out["sections"], notes, problems)
    kept = []
    for index, section in enumerate(out["sections"]):
        if index not in placed:
            continue
        start, end = placed[index]
        moved.append(
            Moved(
                f"/sections/{index}",
                section["id"],
                section["start"],
                section["end"],
                start,
                end,
                new[start:end] != section["text"],
            )
        )
        section.update(start=start, end=end, text=new[start:end])
        kept.append(section)
    out["sections"] = kept
    return Carried(out, al, moved, refused, problems, notes)


# --- the command --------------------------------------------------------------------------------


def _refuse_invalid(doc_id: str, text: str, meta: dict[str, Any], ann: dict[str, Any]) -> None:
    """Refuse to start from a document that does not validate (offsets would mean nothing)."""
    incidents = document_incidents(doc_id, text, meta, ann)
    if not incidents:
        return
    hint = "fix them first (newsgold validate)"
    if any(i.id in {"text-sha256-mismatch", "annotation-sha256-mismatch"} for i in incidents):
        hint = (
            f"was {CORPUS_DIR}/{doc_id}.txt edited in place? restore it "
            f"(git checkout {CORPUS_DIR}/{doc_id}.txt) and pass the edited copy with --text"
        )
    listed = "\n  ".join(i.line() for i in incidents[:10])
    raise NewsgoldError(
        f"the current document does not validate, so its offsets cannot be carried; {hint}; "
        f"nothing was written:\n  {listed}",
        f"{ANNOTATIONS_DIR}/{doc_id}.json",
    )


def retext(
    root: Path,
    doc_id: str,
    text_file: Path,
    allow_claim_edits: bool = False,
    dry_run: bool = False,
) -> Retexted:
    """Replace a document's text with text_file's, carrying its annotations; write all or nothing."""
    select_doc_ids(root, [doc_id])  # an unknown doc_id is bad usage (exit 2)
    txt_path = root / CORPUS_DIR / f"{doc_id}.txt"
    if text_file.resolve() == txt_path.resolve():
        raise NewsgoldError(
            "--text is the corpus text itself; retext aligns the stored text with a new copy: "
            "edit a copy and pass it",
            str(text_file),
            status=2,
        )
    try:
        raw = text_file.read_bytes()
    except OSError as err:
        raise NewsgoldError(
            f"cannot read the text: {err.strerror}", str(text_file), status=2
        ) from None
    normalised = normalise_text(raw, str(text_file))
    doc = load_document(root, doc_id)
    _refuse_invalid(doc_id, doc.text, doc.metadata, doc.annotations)
    old, new = doc.text, normalised.text
    result = Retexted(
        doc_id,
        changed=old != new,
        dry_run=dry_run,
        old_sha256=sha256_text(old),
        new_sha256=sha256_text(new),
        old_length=len(old),
        new_length=len(new),
        text_changes=normalised.changes,
    )
    if not result.changed:
        return result
    ann_rel = f"{ANNOTATIONS_DIR}/{doc_id}.json"
    carried = carry_annotations(old, new, doc.annotations, allow_claim_edits)
    annotations, moved = carried.annotations, carried.moved
    if carried.refused or carried.problems:
        lines = [r.line(ann_rel) for r in carried.refused]
        lines += [f"{text_file}: {p}" for p in carried.problems]
        raise NewsgoldError(
            f"cannot carry the annotations to the new text ({len(lines)} problem(s)); "
            "nothing was written:\n  " + "\n  ".join(lines),
            ann_rel,
        )
    annotations["text_sha256"] = result.new_sha256
    metadata = {**doc.metadata, "text_sha256": result.new_sha256}
    incidents = document_incidents(doc_id, new, metadata, annotations)
    if incidents:
        listed = "\n  ".join(i.line() for i in incidents[:20])
        raise NewsgoldError(
            f"the carried annotations would not validate; nothing was written:\n  {listed}",
            ann_rel,
        )
    result.edits = [
        Edit(i1, i2, j1, j2, old[i1:i2], new[j1:j2], old.count("\n", 0, i1) + 1)
        for _, i1, i2, j1, j2 in carried.alignment.changes
    ]
    result.moved = [m for m in moved if m.shift or m.text_changed or m.new_end != m.old_end]
    result.unchanged = len(moved) - len(result.moved)
    result.claim_edits = [
        {
            "pointer": m.pointer,
            "id": m.id,
            "old_text": old[m.old_start : m.old_end],
            "new_text": new[m.new_start : m.new_end],
        }
        for m in moved
        if m.text_changed and _CONTENT.match(m.pointer)
    ]
    result.notes = carried.notes + _reminders(doc.annotations, result)
    if not dry_run:
        files = {
            root / CORPUS_DIR / f"{doc_id}.txt": new.encode("utf-8"),
            root / CORPUS_DIR / f"{doc_id}.json": jsonio.dumps(metadata).encode("utf-8"),
            root / ANNOTATIONS_DIR / f"{doc_id}.json": jsonio.dumps(annotations).encode("utf-8"),
        }
        write_files(files, overwrite=True)
        result.written = [p.relative_to(root).as_posix() for p in files]
    return result


def _reminders(annotations: dict[str, Any], result: Retexted) -> list[str]:
    """What a person should still look at: new text to annotate, edited claims, a new headline."""
    out = []
    added = sum(e.new_end - e.new_start for e in result.edits)
    if added and any(annotations.get(layer) for layer in LAYERS):
        out.append(
            f"{added} character(s) of new text carry no annotation yet: check them for names, "
            "dates, figures and claims"
        )
    if result.claim_edits:
        out.append(
            "claims with edited content keep their quote, certainty and polarity: check them"
        )
    headline = [m for m in result.moved if m.text_changed and m.pointer.startswith("/sections/")]
    types = {s["id"]: s["type"] for s in annotations["sections"]}
    if any(types.get(m.id) == "headline" for m in headline):
        out.append(f"the headline changed: check the title in {CORPUS_DIR}/{result.doc_id}.json")
    return out
