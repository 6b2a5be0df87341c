"""Turn anchored annotations (spans as text + context) into annotation files, and show them.

    python scripts/anchor.py check PASS.json [...] [--render]      find offsets, validate, show
    python scripts/anchor.py build PASS.json [...] --out DIR       write DIR/<doc_id>.json
    python scripts/anchor.py apply ADJ.json [...] --status gold --annotators a,b,adj
                                                                   write annotations/<doc_id>.json

The format is described in ``newsgold.formats.anchored``. Nothing is written unless every file
resolves and validates; every problem is listed with its JSON pointer.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from newsgold import jsonio
from newsgold.atomic import write_files
from newsgold.contribute.checks import document_incidents
from newsgold.corpus import find_root
from newsgold.errors import NewsgoldError
from newsgold.formats.anchored import assemble_anchored, render
from newsgold.formats.common import check_and_write, load_document_parts


def main(argv: list[str] | None = None) -> int:
    """Check, build or apply anchored annotation files."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("action", choices=["check", "build", "apply"])
    ap.add_argument("files", nargs="+", type=Path)
    ap.add_argument("--root", type=Path, default=None, help="repository root (default: found)")
    ap.add_argument("--render", action="store_true", help="print the marked text (check)")
    ap.add_argument("--out", type=Path, help="folder for build")
    ap.add_argument("--status", default="draft", choices=["draft", "gold"])
    ap.add_argument("--annotators", default=None, help="comma-separated names (default: file's)")
    args = ap.parse_args(argv)
    root = args.root.resolve() if args.root else find_root()
    names = args.annotators.split(",") if args.annotators else None
    failed = 0
    built = []
    for path in args.files:
        try:
            assembled = assemble_anchored(root, path, args.status, names)
            ann = assembled.annotations
            text, metadata = load_document_parts(root, ann["doc_id"])
            incidents = document_incidents(ann["doc_id"], text, metadata, ann)
            if incidents:
                raise NewsgoldError(
                    "does not validate:\n  " + "\n  ".join(i.line() for i in incidents), str(path)
                )
        except NewsgoldError as err:
            print(f"FAIL {err.located()}", file=sys.stderr)
            failed += 1
            continue
        counts = ", ".join(f"{len(ann[k])} {k}" for k in ("entities", "dates", "figures", "claims"))
        print(f"ok   {path}: {counts}")
        if args.render:
            print(render(text, ann))
        built.append((assembled, str(path)))
    if failed:
        print(f"{failed} file(s) failed; nothing written", file=sys.stderr)
        return 1
    if args.action == "build":
        if args.out is None:
            print("build needs --out DIR", file=sys.stderr)
            return 2
        write_files(
            {
                args.out / f"{a.annotations['doc_id']}.json": jsonio.dumps(a.annotations).encode()
                for a, _ in built
            },
            overwrite=True,
        )
    elif args.action == "apply":
        check_and_write(root, built, force=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
