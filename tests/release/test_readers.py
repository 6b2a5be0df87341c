"""Label columns read as their names in pandas, DuckDB and polars; only ner_tags are ids."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd
import polars as pl
from release_fixtures import OSLO, ZURICH

ENTITIES = "data/entities/train-00000-of-00001.parquet"
SECTIONS_OF = "data/documents/validation-00000-of-00001.parquet"


def test_pandas_reads_label_names(release: Path) -> None:
    frame = pd.read_parquet(release / ENTITIES)
    # release_fixtures.zurich: e1 and e2 "Zürich" GPE, e3 PERSON, e4 WORK_OF_ART, e5 EVENT, e6 NORP
    assert list(frame["type"]) == ["GPE", "GPE", "PERSON", "WORK_OF_ART", "EVENT", "NORP"]
    assert set(frame["status"]) == {"gold"}
    docs = pd.read_parquet(release / SECTIONS_OF)
    assert [s["type"] for s in docs.loc[0, "sections"]] == [
        "headline",
        "byline",
        "dateline",
        "body",
    ]
    assert docs.loc[0, "status"] == "draft"


def test_duckdb_reads_label_names(release: Path) -> None:
    path = (release / "data/claims/validation-00000-of-00001.parquet").as_posix()
    rows = duckdb.sql(
        f"SELECT doc_id, status, quote, certainty, polarity FROM read_parquet('{path}') ORDER BY id"
    ).fetchall()
    # release_fixtures.oslo: two indirect, asserted, positive claims of a draft
    assert rows == [(OSLO, "draft", "indirect", "asserted", "positive")] * 2
    path = (release / "data/dates/train-00000-of-00001.parquet").as_posix()
    counts = duckdb.sql(
        f"SELECT type, count(*) FROM read_parquet('{path}') GROUP BY type ORDER BY type"
    ).fetchall()
    assert counts == [("DATE", 2), ("DURATION", 1), ("SET", 1), ("TIME", 1)]


def test_polars_reads_label_names_and_ner_tags_as_ids(release: Path) -> None:
    figures = pl.read_parquet(release / "data/figures/train-00000-of-00001.parquet")
    assert figures["kind"].to_list() == ["MONEY", "MONEY", "CARDINAL", "CARDINAL", "ORDINAL"]
    assert figures["modifier"].to_list() == [None, None, "APPROX", None, None]
    assert set(figures["doc_id"].to_list()) == {ZURICH}
    ner = pl.read_parquet(release / "data/ner/train-00000-of-00001.parquet")
    assert ner.schema["ner_tags"] == pl.List(pl.Int64)  # ClassLabel ids, as HF token tasks expect
