"""The live repository as test data: fixture copies of its articles, and the invariants it keeps.

The corpus grows, so tests never count its articles. Tests of behaviour run on fixture corpora
whose contents they know: ``copy_articles`` makes one from articles of this repository (the gold
seed by default). Tests of the live corpus check only ``invariant_problems``, which hold whatever
the corpus holds; the contributor test applies them to a copy with one more article.
"""

from __future__ import annotations

import importlib.util
import json
import shutil
from collections.abc import Iterable
from pathlib import Path
from types import ModuleType

from newsgold.corpus import load_corpus
from newsgold.splits import SPLITS, SPLITS_FILE, assigned_split, load_splits
from newsgold.validate import validate

ROOT = Path(__file__).resolve().parents[1]
SEED = "2025-02-04-themoscowtimes-a87849"  # the gold seed article (AFP copy, not redistributed)
ARTICLE_FILES = ("corpus/{}.txt", "corpus/{}.json", "annotations/{}.json")
# What the contributor's checks read: the data, the split record, and the docs a release cites.
REPOSITORY_PARTS = ("corpus", "annotations", "provenance", "schema", "docs", "CHANGELOG.md")


def _copy(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    if source.is_dir():
        shutil.copytree(source, target)
    else:
        shutil.copyfile(source, target)


def copy_articles(
    target: Path, doc_ids: Iterable[str] = (SEED,), extras: Iterable[str] = ()
) -> Path:
    """A repository at target holding only these articles of the live one, byte for byte.

    The split record is the live one restricted to these articles, so the copy validates like the
    live corpus; ``extras`` are further files or folders of the repository to copy (``docs``).
    """
    wanted = list(doc_ids)
    (target / "corpus").mkdir(parents=True)
    (target / "annotations").mkdir()
    for doc_id in wanted:
        for pattern in ARTICLE_FILES:
            shutil.copyfile(ROOT / pattern.format(doc_id), target / pattern.format(doc_id))
    record = load_splits(ROOT)
    if record is not None:
        kept = [doc_id for doc_id in record["validation"] if doc_id in wanted]
        path = target / SPLITS_FILE
        path.parent.mkdir(parents=True)
        restricted = {**record, "size": len(kept), "validation": kept}
        path.write_text(json.dumps(restricted, indent=2) + "\n", encoding="utf-8")
    for name in extras:
        _copy(ROOT / name, target / name)
    return target


def set_status(root: Path, doc_id: str, status: str) -> None:
    """Make an article of a fixture corpus gold or draft, whatever the live one is now."""
    path = root / "annotations" / f"{doc_id}.json"
    annotations = json.loads(path.read_text(encoding="utf-8"))
    annotations["status"] = status
    path.write_text(json.dumps(annotations, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def copy_repository(target: Path) -> Path:
    """A copy of the whole live repository's data, as a contributor's clone holds it."""
    for name in REPOSITORY_PARTS:
        _copy(ROOT / name, target / name)
    return target


def invariant_problems(root: Path) -> list[str]:
    """What breaks the invariants of a corpus of any size (none: an empty list).

    It validates clean; every split (validation: the articles provenance/splits.json lists; test:
    the others) holds articles; each article's metadata split is the one the record gives it;
    there is gold, and each gold article's annotations validate on their own; the text of each
    article a release may carry is in corpus/.
    """
    problems = [incident.line() for incident in validate(root).incidents]
    record = load_splits(root)
    if record is None:
        problems.append(f"{SPLITS_FILE} is missing")
    corpus = list(load_corpus(root))
    members: dict[str, list[str]] = {split: [] for split in SPLITS}
    for doc in corpus:
        split, expected = doc.metadata.get("split"), assigned_split(record, doc.doc_id)
        if split != expected:
            problems.append(f"{doc.doc_id}: split {split!r}, the record gives {expected!r}")
        members.setdefault(str(split), []).append(doc.doc_id)
    problems += [f"split {split!r} is empty" for split, ids in members.items() if not ids]
    gold = {doc.doc_id for doc in corpus if doc.annotations.get("status") == "gold"}
    if not gold:
        problems.append("no article is gold")
    problems += [f"gold: {i.line()}" for i in validate(root, gold).incidents]
    for doc in corpus:
        text = root / "corpus" / f"{doc.doc_id}.txt"
        if doc.metadata["rights"]["redistribute"] and not (text.is_file() and text.stat().st_size):
            problems.append(f"{doc.doc_id}: redistributable, but corpus/{doc.doc_id}.txt is empty")
    return problems


def load_script(path: Path) -> ModuleType:
    """A script of scripts/ loaded as a module, so tests call its main(argv) in-process."""
    spec = importlib.util.spec_from_file_location(f"{path.stem}_script", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
