"""Draw the validation split: a stratified sample over source, topic and year, fixed seed.

    python scripts/draw_splits.py [--size 20] [--seed 20261202] [--root .] [--dry-run]

Candidates are the imported articles (metadata with ``provenance``); strata are the source folder
and topic (gum, meantime/airbus, meantime/apple, ...), each given a share proportional to its size;
within a stratum the sample is spread over the dates (``newsgold.splits.draw_validation``). The
result goes to ``provenance/splits.json`` and every article's metadata ``split`` (validation if
drawn, else test; articles added by ``newsgold new`` are test). An existing record is kept unless
``--redraw`` is given: splits are stable across releases.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from newsgold import jsonio
from newsgold.atomic import write_files
from newsgold.corpus import CORPUS_DIR, doc_ids, find_root
from newsgold.errors import NewsgoldError
from newsgold.splits import SPLITS_FILE, Candidate, assigned_split, draw_validation, stratum

METHOD = (
    "stratified over source folder and MEANTIME topic (proportional shares, largest remainder), "
    "systematic over publication date within a stratum from a seeded random start "
    "(newsgold.splits.draw_validation); every other article is test"
)


def main(argv: list[str] | None = None) -> int:
    """Draw (or re-apply) the split record and write each article's metadata split."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--size", type=int, default=20, metavar="N", help="validation size (20)")
    ap.add_argument("--seed", type=int, default=20261202, metavar="S", help="seed (20261202)")
    ap.add_argument("--root", type=Path, default=None, help="repository root (default: found)")
    ap.add_argument("--redraw", action="store_true", help="replace an existing record")
    ap.add_argument("--dry-run", action="store_true", help="print the sample, write nothing")
    args = ap.parse_args(argv)
    try:
        root = args.root.resolve() if args.root else find_root()
        path = root / SPLITS_FILE
        metas = {d: jsonio.load(root / CORPUS_DIR / f"{d}.json") for d in doc_ids(root)}
        if path.exists() and not args.redraw:
            record = jsonio.load(path)
        else:
            candidates = [
                Candidate(d, s, m["published"])
                for d, m in metas.items()
                if (s := stratum(m)) is not None
            ]
            record = {
                "description": "The validation split; every article not listed is test.",
                "method": METHOD,
                "seed": args.seed,
                "size": args.size,
                "validation": draw_validation(candidates, args.size, args.seed),
            }
        files = {path: jsonio.dumps(record).encode("utf-8")}
        for doc_id, meta in metas.items():
            split = assigned_split(record, doc_id)
            if meta["split"] != split:
                meta["split"] = split
                files[root / CORPUS_DIR / f"{doc_id}.json"] = jsonio.dumps(meta).encode("utf-8")
        if not args.dry_run:
            write_files(files, overwrite=True)
    except NewsgoldError as err:
        print(f"draw_splits: {err.located()}", file=sys.stderr)
        return err.status
    for doc_id in record["validation"]:
        m = metas[doc_id]
        print(f"{doc_id}\t{stratum(m)}\t{m['published']}")
    print(
        f"{len(files) - 1} metadata file(s) {'would change' if args.dry_run else 'changed'}",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
