"""``newsgold retext``: replace an article's text, carrying its annotations over by alignment."""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path
from typing import Any

from newsgold import jsonio
from newsgold.cli._common import add_format_option, add_root_option, emit, repository
from newsgold.contribute.retext import Retexted, retext

SHOWN_EDITS = 20


def register(sub: Any) -> None:
    """Add the retext subcommand."""
    p = sub.add_parser(
        "retext",
        help="replace an article's text and carry its annotations over",
        description=(
            "Replace corpus/DOC_ID.txt with a corrected text (normalised as `newsgold new` does), "
            "align the old and new texts and move every annotation to its new offsets; "
            "text_sha256 is updated in the metadata and the annotations. A span whose own text "
            "would change, or that an edit touches, is refused with its file, "
            "JSON pointer, id, old text and what the new text has there, and nothing is written "
            "(exit 1). Sections are zones: they follow the edits. The result is validated before "
            "anything is written. See CONTRIBUTING.md, 'Fixing a text after annotation'."
        ),
    )
    p.add_argument("doc_id", metavar="DOC_ID", help="the article whose text is replaced")
    p.add_argument(
        "--text", required=True, type=Path, metavar="FILE", help="the corrected article text"
    )
    p.add_argument(
        "--allow-claim-edits",
        action="store_true",
        help="carry a claim whose content has an edit strictly inside it (its first and last "
        "words unchanged), giving it the new content text; without it such claims are "
        "refused. Check the claim's quote, certainty and polarity afterwards",
    )
    p.add_argument("--dry-run", action="store_true", help="show what would move; write nothing")
    add_root_option(p)
    add_format_option(p, "summary")
    p.set_defaults(func=run)


def render(done: Retexted) -> str:
    """The outcome for a terminal: edits, how spans moved, notes, and what was written."""
    lines = [f"retext {done.doc_id}" + (" (dry run: nothing written)" if done.dry_run else "")]
    lines += [f"  text normalised: {change}" for change in done.text_changes]
    if not done.changed:
        lines.append("  the new text is the stored text: nothing to do")
        return "\n".join(lines)
    lines.append(
        f"  {len(done.edits)} edit(s); {done.old_length} → {done.new_length} code points; "
        f"sha256 {done.old_sha256[:12]}… → {done.new_sha256[:12]}…"
    )
    for edit in done.edits[:SHOWN_EDITS]:
        lines.append(
            f"    line {edit.line}: {edit.old_start}:{edit.old_end} {edit.old_text!r} → "
            f"{edit.new_start}:{edit.new_end} {edit.new_text!r}"
        )
    if len(done.edits) > SHOWN_EDITS:
        lines.append(f"    … and {len(done.edits) - SHOWN_EDITS} more (--format json lists all)")
    resized = [m.id for m in done.moved if m.new_end - m.new_start != m.old_end - m.old_start]
    shifts = Counter(m.shift for m in done.moved if m.id not in resized)
    parts = [f"{done.unchanged} unchanged"]
    parts += [f"{n} shifted by {shift:+d}" for shift, n in sorted(shifts.items())]
    if resized:
        parts.append(f"{len(resized)} resized ({', '.join(resized)})")
    lines.append("  spans: " + ", ".join(parts))
    if done.dry_run:
        for m in done.moved:
            changed = " (text changed)" if m.text_changed else ""
            lines.append(
                f"    {m.pointer} {m.id}: {m.old_start}:{m.old_end} → {m.new_start}:{m.new_end}"
                f"{changed}"
            )
    for claim in done.claim_edits:
        lines.append(
            f"  claim {claim['id']} content: {claim['old_text']!r} → {claim['new_text']!r}"
        )
    lines += [f"  note: {note}" for note in done.notes]
    lines += [f"  wrote {name}" for name in done.written]
    if done.written:
        lines.append(f"next: newsgold validate, newsgold view {done.doc_id}")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    """Replace the text (or show what would move) and print the outcome."""
    root = repository(args.root)
    done = retext(root, args.doc_id, args.text, args.allow_claim_edits, args.dry_run)
    if args.format == "json":
        emit(jsonio.dumps(done.to_dict()))
    else:
        print(render(done))
    return 0
