"""``newsgold new``: add an article (text, metadata, empty draft annotation) to the corpus."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from newsgold import jsonio
from newsgold.cli._common import add_format_option, add_root_option, emit, repository
from newsgold.contribute.new import Added, NewArticle, add_article
from newsgold.splits import SPLITS


def register(sub: Any) -> None:
    """Add the new subcommand."""
    p = sub.add_parser(
        "new",
        help="add an article to the corpus",
        description=(
            "Add an article: normalise its text to the text rules (UTF-8 without BOM, LF, NFC) and "
            "say what changed, write corpus/<doc_id>.txt, its metadata corpus/<doc_id>.json and an "
            "empty draft annotations/<doc_id>.json with guessed sections. Refuses an existing "
            "doc_id or a text already in the corpus (exit 1, nothing written)."
        ),
    )
    p.add_argument("--text", required=True, type=Path, metavar="FILE", help="the article text")
    p.add_argument("--url", required=True, help="the original URL")
    p.add_argument(
        "--published", required=True, metavar="DATE", help="publication date, YYYY-MM-DD"
    )
    p.add_argument("--title", help="headline (default: the text's first line)")
    p.add_argument("--publisher", help="who published it (default: the URL's host)")
    p.add_argument("--byline", help="author or agency line as printed (default: null)")
    p.add_argument("--agency", help="news agency the text comes from (default: null)")
    p.add_argument("--language", default="en", help="BCP-47 language code (default: en)")
    p.add_argument("--rights-holder", help="who owns the text (default: the publisher)")
    p.add_argument(
        "--license",
        default="all rights reserved",
        help="terms of the text (default: all rights reserved)",
    )
    p.add_argument(
        "--redistribute",
        action=argparse.BooleanOptionalAction,
        default=False,
        help="whether releases may carry the text (default: --no-redistribute)",
    )
    p.add_argument(
        "--split",
        choices=list(SPLITS),
        help=(
            "must agree with provenance/splits.json (default: from it, validation if it lists "
            "the doc_id, else test)"
        ),
    )
    p.add_argument("--doc-id", help="default: date-publisher-articlenumber (or a hash of the URL)")
    p.add_argument(
        "--annotator",
        action="append",
        default=[],
        help="annotator of the draft (repeatable; default: your user name)",
    )
    add_root_option(p)
    add_format_option(p)
    p.set_defaults(func=run)


def render(added: Added) -> str:
    """What was written, what changed, what was assumed, and what to do next."""
    lines = [
        f"added {added.doc_id} ({added.characters} characters, sha256 {added.text_sha256[:12]}…)"
    ]
    lines += [f"  wrote {name}" for name in added.files]
    lines.append(
        "text changes:" if added.changes else "text changes: none (already UTF-8, LF, NFC)"
    )
    lines += [f"  - {change}" for change in added.changes]
    if added.assumed:
        lines.append(f"assumed (check corpus/{added.doc_id}.json):")
        lines += [f"  - {item}" for item in added.assumed]
    lines.append("draft sections guessed from the layout: " + ", ".join(added.sections))
    lines += [
        "next steps:",
        f"  1. check corpus/{added.doc_id}.json (title, byline, agency, rights, split)",
        f"  2. annotate: newsgold export labelstudio {added.doc_id}",
        f"     (or: newsgold export brat {added.doc_id})",
        "     then: newsgold import labelstudio EXPORT.json   (or: newsgold import brat DIR)",
        "  3. newsgold validate",
        f"  4. newsgold view {added.doc_id}",
        "  5. commit the three files and open a pull request (see CONTRIBUTING.md)",
    ]
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    """Add the article and print the outcome."""
    root = repository(args.root)
    request = NewArticle(
        text_file=args.text,
        url=args.url,
        published=args.published,
        title=args.title,
        publisher=args.publisher,
        byline=args.byline,
        agency=args.agency,
        language=args.language,
        rights_holder=args.rights_holder,
        license=args.license,
        redistribute=args.redistribute,
        split=args.split,
        doc_id=args.doc_id,
        annotators=args.annotator,
    )
    added = add_article(root, request)
    if args.format == "json":
        emit(jsonio.dumps(added.to_dict()))
    else:
        print(render(added))
    return 0
