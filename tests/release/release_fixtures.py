"""A small repository for release tests: the real seed article plus two invented ones.

The seed (test split) may not be redistributed. The invented articles may: "zurich" (train) has
non-ASCII text, every optional field (wikidata, notes, rights.note, synthetic), a TIME and a SET
date, a decimal figure, a figure overlapping an entity, an entity ending inside a token
("Genevan" of "Genevans") and an entity crossing a sentence boundary ("Stop. Think."); "oslo"
(validation) is a draft with figure ranges and a claim with a source but no cue.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
SEED = "2025-02-04-themoscowtimes-a87849"
ZURICH = "2025-03-05-example-zurich"
OSLO = "2025-03-06-example-oslo"

ZURICH_TEXT = (
    "## Zürich Council Backs 1.5 Million Franc Plan\n\nBy Staff\n\nMarch 05, 2025\n\n"
    "The Zürich city council approved a plan worth 1.5 million francs on Tuesday, Mayor Corine "
    'Mauch said. About 40 of the 125 members voted against it. The campaign "Stop. Think." ran '
    "for two weeks before the Third Zürich Forum. Several Genevans attended at 9 a.m. every Monday.\n"
)
OSLO_TEXT = (
    "## Oslo Fund Grows 10 to 12 Percent\n\nBy Staff\n\nMarch 06, 2025\n\n"
    "Norway's oil fund grew between 10 and 12 percent last year, the central bank said. "
    "According to Statistics Norway, prices rose.\n"
)


def _span(
    text: str, sid: str | None, phrase: str, after: str = "", **fields: Any
) -> dict[str, Any]:
    """A span found by its phrase (first occurrence after the string `after`)."""
    begin = text.index(phrase, text.index(after) if after else 0)
    out: dict[str, Any] = {} if sid is None else {"id": sid}
    out.update({"start": begin, "end": begin + len(phrase), "text": phrase, **fields})
    return out


def _date(
    text: str,
    sid: str,
    phrase: str,
    type_: str,
    value: str,
    anchor: str | None = None,
    function: str | None = None,
    mod: str | None = None,
) -> dict[str, Any]:
    return _span(
        text, sid, phrase, type=type_, value=value, mod=mod, anchor=anchor, function=function
    )


def _figure(
    text: str,
    sid: str,
    phrase: str,
    kind: str,
    value: float,
    unit: str | None,
    modifier: str | None = None,
    value_max: float | None = None,
    after: str = "",
) -> dict[str, Any]:
    return _span(
        text,
        sid,
        phrase,
        after,
        kind=kind,
        value=value,
        value_max=value_max,
        unit=unit,
        modifier=modifier,
    )


def _sections(text: str, headline: str, dateline: str) -> list[dict[str, Any]]:
    body = text[text.index(dateline) + len(dateline) :].strip()
    return [
        _span(text, "s1", headline, type="headline"),
        _span(text, "s2", "By Staff", type="byline"),
        _span(text, "s3", dateline, type="dateline"),
        _span(text, "s4", body, type="body"),
    ]


def zurich() -> tuple[dict[str, Any], dict[str, Any]]:
    """Metadata and annotations of the invented train article."""
    t = ZURICH_TEXT
    body = "The Zürich"
    meta = {
        "doc_id": ZURICH,
        "title": "Zürich Council Backs 1.5 Million Franc Plan",
        "url": "https://news.example.org/2025/03/05/zurich",
        "publisher": "Example News",
        "byline": "By Staff",
        "agency": None,
        "published": "2025-03-05",
        "language": "en",
        "rights": {
            "holder": "newsgold tests",
            "license": "CC BY 4.0",
            "redistribute": True,
            "note": "Written for the tests.",
        },
        "split": "train",
        "text_sha256": hashlib.sha256(t.encode()).hexdigest(),
        "synthetic": False,
    }
    ann = {
        "doc_id": ZURICH,
        "text_sha256": meta["text_sha256"],
        "schema_version": "1.0.0",
        "status": "gold",
        "annotators": ["tests-a", "tests-b"],
        "guidelines_version": "1.0.0",
        "notes": "Invented for the release tests.",
        "sections": _sections(
            t, "## Zürich Council Backs 1.5 Million Franc Plan", "March 05, 2025"
        ),
        "entities": [
            _span(t, "e1", "Zürich", type="GPE", entity_id="zurich", wikidata="Q72"),
            _span(t, "e2", "Zürich", body, type="GPE", entity_id="zurich", wikidata="Q72"),
            _span(t, "e3", "Corine Mauch", type="PERSON", entity_id="corine-mauch"),
            _span(t, "e4", "Stop. Think.", type="WORK_OF_ART", entity_id="stop-think"),
            _span(t, "e5", "Third Zürich Forum", type="EVENT", entity_id="third-zurich-forum"),
            _span(t, "e6", "Genevan", type="NORP", entity_id="genevan"),
        ],
        "dates": [
            _date(t, "t1", "March 05, 2025", "DATE", "2025-03-05", function="CREATION_TIME"),
            _date(t, "t2", "Tuesday", "DATE", "2025-03-04", anchor="t1"),
            _date(t, "t3", "two weeks", "DURATION", "P2W"),
            _date(t, "t4", "9 a.m.", "TIME", "2025-03-05T09:00", anchor="t1"),
            _date(t, "t5", "every Monday", "SET", "XXXX-WXX-1"),
        ],
        "figures": [
            _figure(t, "f1", "1.5 Million Franc", "MONEY", 1500000, "CHF"),
            _figure(t, "f2", "1.5 million francs", "MONEY", 1500000, "CHF"),
            _figure(t, "f3", "About 40", "CARDINAL", 40, None, "APPROX"),
            _figure(t, "f4", "125 members", "CARDINAL", 125, "members"),
            _figure(t, "f5", "Third", "ORDINAL", 3, None),
        ],
        "claims": [
            _span(
                t,
                "c1",
                "The Zürich city council approved a plan worth 1.5 million francs on Tuesday",
                source={**_span(t, None, "Mayor Corine Mauch"), "entity_id": "corine-mauch"},
                cue=_span(t, None, "said"),
                quote="indirect",
                certainty="asserted",
                polarity="positive",
                dates=["t2"],
                figures=["f2"],
                reported_on=None,
            ),
            _span(
                t,
                "c2",
                "About 40 of the 125 members voted against it",
                source=None,
                cue=None,
                quote=None,
                certainty="asserted",
                polarity="negative",
                dates=[],
                figures=["f3", "f4"],
                reported_on=None,
            ),
        ],
    }
    return meta, ann


def oslo() -> tuple[dict[str, Any], dict[str, Any]]:
    """Metadata and annotations of the invented validation article."""
    t = OSLO_TEXT
    meta = {
        "doc_id": OSLO,
        "title": "Oslo Fund Grows 10 to 12 Percent",
        "url": "https://news.example.org/2025/03/06/oslo",
        "publisher": "Example News",
        "byline": "By Staff",
        "agency": None,
        "published": "2025-03-06",
        "language": "en",
        "rights": {"holder": "newsgold tests", "license": "CC0-1.0", "redistribute": True},
        "split": "validation",
        "text_sha256": hashlib.sha256(t.encode()).hexdigest(),
    }
    ann = {
        "doc_id": OSLO,
        "text_sha256": meta["text_sha256"],
        "schema_version": "1.0.0",
        "status": "draft",
        "annotators": ["tests-a"],
        "guidelines_version": "1.0.0",
        "sections": _sections(t, "## Oslo Fund Grows 10 to 12 Percent", "March 06, 2025"),
        "entities": [
            _span(t, "e1", "Oslo", type="GPE", entity_id="oslo"),
            _span(t, "e2", "Norway", type="GPE", entity_id="norway", wikidata="Q20"),
            _span(t, "e3", "Statistics Norway", type="ORG", entity_id="statistics-norway"),
        ],
        "dates": [
            _date(t, "t1", "March 06, 2025", "DATE", "2025-03-06", function="CREATION_TIME"),
            _date(t, "t2", "last year", "DATE", "2024", anchor="t1"),
        ],
        "figures": [
            _figure(t, "f1", "10 to 12 Percent", "PERCENT", 10, "%", value_max=12),
            _figure(t, "f2", "between 10 and 12 percent", "PERCENT", 10, "%", value_max=12),
        ],
        "claims": [
            _span(
                t,
                "c1",
                "Norway's oil fund grew between 10 and 12 percent last year",
                source={**_span(t, None, "the central bank"), "entity_id": None},
                cue=_span(t, None, "said"),
                quote="indirect",
                certainty="asserted",
                polarity="positive",
                dates=["t2"],
                figures=["f2"],
                reported_on=None,
            ),
            _span(
                t,
                "c2",
                "prices rose",
                source={**_span(t, None, "Statistics Norway"), "entity_id": "statistics-norway"},
                cue=None,
                quote="indirect",
                certainty="asserted",
                polarity="positive",
                dates=[],
                figures=[],
                reported_on=None,
            ),
        ],
    }
    return meta, ann


def hf_env(home: Path) -> dict[str, str]:
    """Environment for the real datasets library, offline, with its cache under home."""
    return {
        "HF_HUB_OFFLINE": "1",
        "HF_DATASETS_OFFLINE": "1",
        "HF_HOME": str(home),
        "HF_DATASETS_CACHE": str(home / "datasets"),
    }


def dump(path: Path, data: Any) -> None:
    """Write JSON the way the repository stores it."""
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def write_doc(root: Path, text: str, meta: dict[str, Any], ann: dict[str, Any]) -> None:
    """Add one article to a repository."""
    doc_id = meta["doc_id"]
    (root / "corpus" / f"{doc_id}.txt").write_bytes(text.encode("utf-8"))
    dump(root / "corpus" / f"{doc_id}.json", meta)
    dump(root / "annotations" / f"{doc_id}.json", ann)


# A small agreement record: the card shows it up to its per-article table, the release carries it.
AGREEMENT = (
    "# Inter-annotator agreement\n\nTwo passes, before adjudication.\n\n"
    "| layer | strict F1 |\n|---|---:|\n| entities | 0.950 |\n\n"
    "## Per article\n\n| doc_id | entities strict |\n|---|---:|\n| zurich | 0.950 |\n"
)


def make_repo(root: Path, *, seed: bool = True, invented: bool = True) -> Path:
    """A repository at root with the real seed article and the two invented ones."""
    (root / "corpus").mkdir(parents=True)
    (root / "annotations").mkdir()
    shutil.copy(ROOT / "CHANGELOG.md", root / "CHANGELOG.md")
    (root / "docs").mkdir(exist_ok=True)
    shutil.copy(ROOT / "docs" / "leaderboard.md", root / "docs" / "leaderboard.md")
    (root / "docs" / "agreement.md").write_text(AGREEMENT, encoding="utf-8")
    if seed:
        for folder, suffix in (("corpus", ".txt"), ("corpus", ".json"), ("annotations", ".json")):
            shutil.copy(ROOT / folder / f"{SEED}{suffix}", root / folder / f"{SEED}{suffix}")
    if invented:
        write_doc(root, ZURICH_TEXT, *zurich())
        write_doc(root, OSLO_TEXT, *oslo())
    return root


def texts(root: Path) -> dict[str, str]:
    """doc_id -> text of every article of a repository."""
    return {p.stem: p.read_bytes().decode("utf-8") for p in sorted((root / "corpus").glob("*.txt"))}


def annotations(root: Path) -> dict[str, Any]:
    """doc_id -> annotation JSON of every article of a repository."""
    return {
        p.stem: json.loads(p.read_text("utf-8"))
        for p in sorted((root / "annotations").glob("*.json"))
    }


def metadata(root: Path) -> dict[str, Any]:
    """doc_id -> metadata JSON of every article of a repository."""
    return {
        p.stem: json.loads(p.read_text("utf-8")) for p in sorted((root / "corpus").glob("*.json"))
    }


def files_of(folder: Path) -> dict[str, bytes]:
    """Relative path -> bytes of every file under a folder."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


REPAIRS = {
    "description": "Every change made to a source text on import (a hand-made test record).",
    "repairs": [
        {
            "doc_id": ZURICH,
            "start": 10,
            "end": 12,
            "old": "' ",
            "new": "'",
            "rule": "contraction",
            "reason": "contraction split by the tokeniser (I' m -> I'm)",
        },
        {
            "doc_id": ZURICH,
            "start": 40,
            "end": 41,
            "old": "#",
            "new": "£",
            "rule": "pound-sign",
            "reason": "the pound sign was written as '#'",
        },
        {
            "doc_id": ZURICH,
            "start": 80,
            "end": 82,
            "old": "' ",
            "new": "'",
            "rule": "contraction",
            "reason": "contraction split by the tokeniser (I' m -> I'm)",
        },
        {
            "doc_id": OSLO,
            "start": 5,
            "end": 6,
            "old": " ",
            "new": "",
            "rule": "currency-spacing",
            "reason": "space between a currency sign and its amount",
        },
    ],
}
CC_BY_25 = "https://creativecommons.org/licenses/by/2.5/"


def _provenance(source: str, topic: str | None, repairs: int) -> dict[str, Any]:
    return {
        "source_id": f"{source}-1",
        "source_corpus": f"{source.upper()} (a test copy)",
        "source_file": f"wikinews/{source}/{source}-1.txt",
        "source_sha256": "0" * 64,
        "text_origin": "written for the tests",
        "topic": topic,
        "collected": None,
        "repairs": repairs,
    }


def make_eval_repo(root: Path, *, gold_in_validation: bool = False) -> Path:
    """A repository shaped like the live one: no train split, a split record naming oslo as the
    validation split, Wikinews-style rights and provenance, and a text-repairs record.

    The seed (gold, no text) and zurich (gold, MEANTIME topic "airbus", CC BY 2.5) are test;
    oslo (GUM, public domain) is validation and a draft unless ``gold_in_validation``.
    """
    make_repo(root, invented=False)
    meta, ann = zurich()
    meta.update(split="test", publisher="Wikinews")
    meta["rights"] = {
        "holder": "Wikinews contributors",
        "license": "CC BY 2.5",
        "redistribute": True,
        "license_url": CC_BY_25,
    }
    meta["provenance"] = _provenance("meantime", "airbus", 2)
    write_doc(root, ZURICH_TEXT, meta, ann)
    meta, ann = oslo()
    meta.update(split="validation", publisher="Wikinews")
    meta["rights"] = {
        "holder": "Wikinews contributors",
        "license": "public domain",
        "redistribute": True,
        "license_url": "https://en.wikinews.org/wiki/Wikinews:Copyright",
    }
    meta["provenance"] = _provenance("gum", None, 1)
    if gold_in_validation:
        ann["status"] = "gold"
    write_doc(root, OSLO_TEXT, meta, ann)
    (root / "provenance").mkdir()
    record = {"description": "test record", "seed": 7, "size": 1, "validation": [OSLO]}
    dump(root / "provenance" / "splits.json", record)
    dump(root / "provenance" / "text-repairs.json", REPAIRS)
    return root
