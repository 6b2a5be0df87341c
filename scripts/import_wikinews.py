"""Import collected Wikinews sources into the corpus as draft articles, recording text repairs.

    python scripts/import_wikinews.py ../shared/sources/wikinews [--root .] [--dry-run]

Each source (``<source_id>.txt`` + ``<source_id>.json``) becomes ``corpus/<doc_id>.txt``,
``corpus/<doc_id>.json`` and a draft ``annotations/<doc_id>.json`` with sections only. Texts
rebuilt from MEANTIME's tokens are repaired (``newsgold.contribute.repair``) and every repair is
written to ``provenance/text-repairs.json``. Articles already in the corpus are left untouched, so
the script can be rerun when sources are added. The split comes from ``provenance/splits.json``
(test unless listed as validation); draw it with ``scripts/draw_splits.py``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from newsgold import jsonio
from newsgold.atomic import write_files
from newsgold.contribute.sources import import_source, source_files
from newsgold.corpus import ANNOTATIONS_DIR, CORPUS_DIR, find_root
from newsgold.errors import NewsgoldError
from newsgold.splits import assigned_split, load_splits

REPAIRS_FILE = "provenance/text-repairs.json"


def main(argv: list[str] | None = None) -> int:
    """Import every source not yet in the corpus; print what was added."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("sources", type=Path, help="folder of sources (subfolders are read too)")
    ap.add_argument("--root", type=Path, default=None, help="repository root (default: found)")
    ap.add_argument("--annotator", default="import", help="name recorded in the drafts")
    ap.add_argument("--dry-run", action="store_true", help="check and report, write nothing")
    args = ap.parse_args(argv)
    try:
        root = args.root.resolve() if args.root else find_root()
        record = load_splits(root)
        log_path = root / REPAIRS_FILE
        log = jsonio.load(log_path) if log_path.exists() else {"repairs": []}
        files: dict[Path, bytes] = {}
        added = []
        for path in source_files(args.sources):
            item = import_source(path, "test", [args.annotator])
            if (root / CORPUS_DIR / f"{item.doc_id}.txt").exists():
                continue
            item.metadata["split"] = assigned_split(record, item.doc_id)
            files[root / CORPUS_DIR / f"{item.doc_id}.txt"] = item.text.encode("utf-8")
            files[root / CORPUS_DIR / f"{item.doc_id}.json"] = jsonio.dumps(item.metadata).encode()
            files[root / ANNOTATIONS_DIR / f"{item.doc_id}.json"] = jsonio.dumps(
                item.annotations
            ).encode()
            log["repairs"] += [r.to_dict() for r in item.repairs]
            added.append((item.doc_id, path.stem, len(item.repairs)))
        log["repairs"].sort(key=lambda r: (r["doc_id"], r["start"]))
        log["description"] = (
            "Every change made to a source text on import: doc_id, offsets in the source text "
            "(before any repair, code points, end exclusive), old and new string, rule and reason."
        )
        files[log_path] = jsonio.dumps(dict(sorted(log.items()))).encode("utf-8")
        if not args.dry_run and added:
            write_files(files, overwrite=True)
    except NewsgoldError as err:
        print(f"import_wikinews: {err.located()}", file=sys.stderr)
        return err.status
    for doc_id, source_id, repairs in added:
        print(f"{doc_id}\t{source_id}\t{repairs} repair(s)")
    print(f"{len(added)} article(s) {'would be ' if args.dry_run else ''}added", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
