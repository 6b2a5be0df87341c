"""The floor of ``newsgold build``: the same rows written with plain ``pyarrow.parquet.write_table``.

    python bench/reference/write_rows.py ROOT OUT

What this does (all of it timed): read every article's text, metadata and annotations
(``newsgold.corpus.load_document``: ``json.load`` and a UTF-8 read), make the same rows as the
release with the release's own row functions (``document_row``, ``layer_rows``, ``ner_rows``,
ClassLabel names to ids with ``Codec``), hold them in memory, and write one Parquet file per
config and split with ``pyarrow.parquet.write_table`` under the same Arrow schema and options.

What it leaves out, and ``newsgold build`` does: validation of the sources (levels 1-4), the
canonical-JSON row hashes and the fingerprint, the dataset card, LICENSE.md, croissant.json,
MANIFEST.json with each file's sha256, streaming in bounded row groups (here everything is in
memory at once, so memory grows with N), the lock, and the write-beside-then-rename swap.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from newsgold.corpus import doc_ids, load_document
from newsgold.release.features import CONFIGS, LAYER_CONFIGS, Codec, arrow_schema
from newsgold.release.ner import ner_rows
from newsgold.release.rows import document_row, layer_rows
from newsgold.release.writer import PARQUET_OPTIONS, data_file


def main(root: Path, out: Path) -> None:
    """Load, make rows, write each (config, split) file once."""
    codecs = {config: Codec(config) for config in CONFIGS}
    tables: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for doc_id in doc_ids(root):
        doc = load_document(root, doc_id)
        row = document_row(doc, bool(doc.metadata["rights"]["redistribute"]))
        split = row["split"]
        ner, _ = ner_rows(row, doc.text)
        derived = layer_rows(row)
        per_config = {"documents": [row], **{c: derived[c] for c in LAYER_CONFIGS}, "ner": ner}
        for config, rows in per_config.items():
            if rows:
                codec = codecs[config]
                tables.setdefault((config, split), []).extend(codec.encode(r) for r in rows)
    for (config, split), rows in tables.items():
        path = out / data_file(config, split)
        path.parent.mkdir(parents=True, exist_ok=True)
        schema = arrow_schema(config)
        pq.write_table(pa.Table.from_pylist(rows, schema=schema), path, **PARQUET_OPTIONS)


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
