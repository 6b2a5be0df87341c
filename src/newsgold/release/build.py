"""``newsgold build``: validate, then write a release folder beside the target and swap it in.

The build streams document by document (memory stays at one row group per file), holds a lock
against concurrent builds of the same target, and leaves the previous release untouched when it
fails or is interrupted.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import subprocess
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from newsgold import __version__, jsonio
from newsgold.corpus import ANNOTATIONS_DIR, CORPUS_DIR, doc_ids, load_document
from newsgold.errors import NewsgoldError
from newsgold.progress import ProgressFn
from newsgold.release import card, croissant, manifest
from newsgold.release.card import AGREEMENT, CHANGELOG, LEADERBOARD, REPAIRS, SPLIT_RECORD
from newsgold.release.ner import ner_rows
from newsgold.release.rows import document_row, layer_rows
from newsgold.release.writer import Contents, ReleaseWriter, Stats
from newsgold.splits import SPLITS_FILE
from newsgold.validate import Report, validate
from newsgold.validate.incidents import ERROR

# Documents a release carries beside its card: name in the release -> where the sources keep it.
CARRIED = {
    CHANGELOG: CHANGELOG,
    LEADERBOARD: "docs/leaderboard.md",
    AGREEMENT: "docs/agreement.md",
    SPLIT_RECORD: SPLITS_FILE,
    REPAIRS: REPAIRS,
}
LICENSE = "LICENSE.md"
GOLD = "gold"
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class InvalidSources(NewsgoldError):
    """The sources did not validate; nothing was built. Located at the first error."""

    def __init__(self, report: Report) -> None:
        self.report = report
        first = next((i for i in report.incidents if i.severity == ERROR), None)
        if first is None:  # not reached: a report is invalid because of an error
            super().__init__(
                f"{len(report.incidents)} validation incident(s); nothing was built",
                str(report.root),
            )
            return
        super().__init__(
            f"[{first.id}] {first.message}; {len(report.incidents)} validation incident(s) in "
            "all, nothing was built",
            str(Path(report.root) / first.file),
            first.pointer,
        )


def write_error(err: OSError, out: Path) -> NewsgoldError:
    """An OS error met while writing a release (read-only, disk full, ...) as a located error."""
    # by errno: pyarrow's strerror is its own longer text ("Error writing bytes to file. ...")
    reason = os.strerror(err.errno) if err.errno else str(err)
    return NewsgoldError(
        f"cannot write the release: {reason}; the previous release, if any, is unchanged",
        str(err.filename or out),
    )


@dataclass
class BuildResult:
    """What a build or hydrate wrote: where, how many rows, the fingerprint."""

    out: Path
    fingerprint: str
    documents: dict[str, int]
    with_text: int
    without_text: list[str]
    rows: dict[str, dict[str, int]]
    files: list[str] = field(default_factory=list)
    drafts_left_out: int = 0

    def to_dict(self) -> dict[str, Any]:
        """The result as JSON-ready data."""
        return {
            "out": str(self.out),
            "version": __version__,
            "fingerprint": self.fingerprint,
            "documents": self.documents,
            "with_text": self.with_text,
            "without_text": self.without_text,
            "rows": self.rows,
            "files": self.files,
            "drafts_left_out": self.drafts_left_out,
        }


@contextmanager
def locked(out: Path) -> Iterator[None]:
    """Hold ``<out>.lock`` beside the target for the duration, or fail at once if another build holds it."""
    import fcntl  # POSIX; imported here so the rest of the module loads anywhere

    out.parent.mkdir(parents=True, exist_ok=True)
    lock_path = out.parent / f"{out.name}.lock"
    handle = lock_path.open("a+")
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "unknown"
            raise NewsgoldError(
                f"another newsgold build or hydrate is writing this release (lock {lock_path.name} held by "
                f"process {holder}); wait for it to finish and run again",
                str(out),
            ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        yield
    finally:
        handle.close()


def _check_target(out: Path, root: Path | None) -> None:
    target = out.resolve()
    if root is not None:
        sources = [root / CORPUS_DIR, root / ANNOTATIONS_DIR]
        if target == root.resolve() or any(target.is_relative_to(s.resolve()) for s in sources):
            raise NewsgoldError(
                "the release cannot be written over the sources; choose another --out",
                str(out),
                status=2,
            )
    if out.exists() and not out.is_dir():
        raise NewsgoldError("exists and is not a folder; choose another --out", str(out), status=2)
    above = next((p for p in out.absolute().parents if p.exists() or p.is_symlink()), None)
    if above is not None and not above.is_dir():  # a file where a folder of --out would go
        raise NewsgoldError(
            "exists and is not a folder; choose another --out", str(above), status=2
        )
    if out.is_dir() and any(out.iterdir()) and not (out / manifest.MANIFEST).is_file():
        raise NewsgoldError(
            f"exists and is not a newsgold release (no {manifest.MANIFEST}); it would be replaced, so choose "
            "another --out or remove it",
            str(out),
            status=2,
        )


def _clean_leftovers(out: Path) -> None:
    """Remove temporary folders an interrupted build of this target left (we hold the lock).

    A build killed between the two renames of ``_swap`` left the previous release as
    ``<out>.old-*`` and no ``out``: that release is put back first, not removed.
    """
    if not out.exists() and not out.is_symlink():
        olds = [
            p for p in out.parent.glob(f"{out.name}.old-*") if (p / manifest.MANIFEST).is_file()
        ]
        if olds:
            os.rename(max(olds, key=lambda p: p.stat().st_mtime_ns), out)
    for pattern in (f"{out.name}.tmp-*", f"{out.name}.old-*"):
        for path in out.parent.glob(pattern):
            if path.is_dir():
                shutil.rmtree(path, ignore_errors=True)


def _swap(tmp: Path, out: Path) -> None:
    """Put the finished folder in place of the old release with two renames."""
    if not out.exists():
        os.rename(tmp, out)
        return
    old = out.parent / f"{out.name}.old-{os.getpid()}-{secrets.token_hex(4)}"
    os.rename(out, old)
    try:
        os.rename(tmp, out)
    except BaseException:
        os.rename(old, out)
        raise
    shutil.rmtree(old, ignore_errors=True)


@contextmanager
def staging(out: Path) -> Iterator[Path]:
    """A fresh folder beside ``out`` that replaces it on success and is removed on any failure.

    Hold ``locked(out)`` around it.
    """
    _clean_leftovers(out)
    tmp = out.parent / f"{out.name}.tmp-{os.getpid()}-{secrets.token_hex(4)}"
    tmp.mkdir()
    try:
        yield tmp
        _swap(tmp, out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def emit(
    writer: ReleaseWriter, stats: Stats, row: dict[str, Any], ner: list[dict[str, Any]]
) -> None:
    """Write one document's rows to every config."""
    split = row["split"]
    stats.observe(row)
    stats.observe_ner(split, ner)
    for config, rows in {"documents": [row], **layer_rows(row), "ner": ner}.items():
        writer.add(config, split, rows)
        stats.observe_config(config, row, len(rows))


def source_date_epoch() -> str | None:
    """The date ``SOURCE_DATE_EPOCH`` gives (the reproducible-builds convention), if it is set."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if not epoch:
        return None
    try:
        return datetime.fromtimestamp(int(epoch), UTC).date().isoformat()
    except (ValueError, OverflowError, OSError):
        raise NewsgoldError(
            f"SOURCE_DATE_EPOCH is {epoch!r}; expected seconds since 1970-01-01 UTC", status=2
        ) from None


def release_date(root: Path, stats: Stats, epoch: str | None) -> str:
    """The release's date, reproducible: ``epoch`` (from SOURCE_DATE_EPOCH) when set, else the
    date of the sources' last git commit, else the newest released article's date."""
    if epoch:
        return epoch
    try:
        done = subprocess.run(
            ["git", "-C", str(root), "log", "-1", "--format=%cs"],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):  # no git, or it hung
        done = None
    if done is not None and done.returncode == 0 and _DATE.fullmatch(done.stdout.strip()):
        return done.stdout.strip()
    return max(article.published for article in stats.articles)


def finish(
    folder: Path, contents: Contents, stats: Stats, carried: dict[str, str], date: str | None
) -> str:
    """Write the card, LICENSE.md, the carried documents, croissant.json and MANIFEST.json.

    Returns the fingerprint. ``carried`` maps release file names (CHANGELOG.md, LEADERBOARD.md,
    provenance/...) to their text; ``date`` is the release date (None: unknown).
    """
    fingerprint = contents.fingerprint()
    data_files = [path for splits in contents.files.values() for path in splits.values()]
    sizes = {path: (folder / path).stat().st_size for path in data_files}
    release = card.Release(contents, stats, fingerprint, sizes, carried, date)
    sha = {path: manifest.file_sha256(folder / path) for path in data_files}
    texts = {
        "README.md": card.render(release),
        LICENSE: card.license_text(release),
        "croissant.json": json.dumps(
            croissant.croissant(release, sha), ensure_ascii=False, indent=2
        )
        + "\n",
    }
    texts.update(carried)
    for name, text in texts.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8", newline="\n")
    files = {path: {"bytes": sizes[path], "sha256": sha[path]} for path in data_files}
    for name in texts:
        raw = (folder / name).read_bytes()
        files[name] = {"bytes": len(raw), "sha256": manifest.file_sha256(folder / name)}
    data = manifest.manifest(release, files)
    (folder / manifest.MANIFEST).write_text(manifest.dumps(data), encoding="utf-8", newline="\n")
    return fingerprint


def carried_documents(
    folder: Path, in_release: bool, released: Collection[str] = ()
) -> dict[str, str]:
    """The changelog, leaderboard, split record and text repairs, read from the sources or from a
    built release. From the sources, the repairs are narrowed to the ``released`` doc_ids."""
    found = {}
    for name, source in CARRIED.items():
        path = folder / (name if in_release else source)
        if not path.is_file():
            continue
        if name == REPAIRS and not in_release:
            found[name] = _released_repairs(path, set(released))
        else:
            found[name] = path.read_text(encoding="utf-8")
    return found


def _released_repairs(path: Path, released: set[str]) -> str:
    """provenance/text-repairs.json with only the repairs of the articles in the release."""
    record = jsonio.load(path)
    repairs = record.get("repairs") if isinstance(record, dict) else None
    if not isinstance(repairs, list) or not all(isinstance(r, dict) for r in repairs):
        raise NewsgoldError(
            "expected an object with a list of repair objects", str(path), "/repairs"
        )
    kept = [r for r in repairs if r.get("doc_id") in released]
    return jsonio.dumps({**record, "repairs": kept})


def result(out: Path, contents: Contents, stats: Stats, fingerprint: str) -> BuildResult:
    """Summarise a finished release."""
    files = sorted(p for splits in contents.files.values() for p in splits.values())
    return BuildResult(
        out=out,
        fingerprint=fingerprint,
        documents={s: stats.documents[s] for s in card.ordered_splits(stats.documents)},
        with_text=sum(stats.with_text.values()),
        without_text=list(stats.textless),
        rows=contents.rows,
        files=files,
        drafts_left_out=stats.drafts_left_out,
    )


def build(
    root: Path,
    out: Path,
    *,
    text: bool = True,
    include_drafts: bool = False,
    progress: ProgressFn | None = None,
) -> BuildResult:
    """Validate the repository at root and write its release to out: gold articles (drafts too
    with ``include_drafts``), each with its text where its rights allow."""
    _check_target(out, root)
    epoch = source_date_epoch()  # a bad value is bad usage: refused before any work
    report = validate(root)
    if not report.ok:
        raise InvalidSources(report)
    ids = doc_ids(root)
    if not ids:
        raise NewsgoldError(f"no articles in {CORPUS_DIR}/: nothing to release", str(root))
    try:
        with locked(out), staging(out) as tmp:
            writer = ReleaseWriter(tmp)
            stats = Stats()
            try:
                for done, doc_id in enumerate(ids, start=1):
                    doc = load_document(root, doc_id)
                    if include_drafts or doc.annotations["status"] == GOLD:
                        with_text = text and bool(doc.metadata["rights"]["redistribute"])
                        row = document_row(doc, with_text)
                        ner, counts = ner_rows(row, doc.text)
                        stats.ner.update(counts)
                        emit(writer, stats, row, ner)
                    else:
                        stats.drafts_left_out += 1
                    if progress is not None:
                        progress(done, len(ids))
                contents = writer.close()
            except BaseException:
                writer.abort()
                raise
            if not stats.articles:
                raise NewsgoldError(
                    f"no gold articles to release: all {len(ids)} are drafts; build with "
                    "--include-drafts to release them with their status",
                    str(root / ANNOTATIONS_DIR),
                )
            released = [article.doc_id for article in stats.articles]
            carried = carried_documents(root, in_release=False, released=released)
            fingerprint = finish(tmp, contents, stats, carried, release_date(root, stats, epoch))
    except OSError as err:  # staging has removed its folder: nothing half written is left
        raise write_error(err, out) from None
    return result(out, contents, stats, fingerprint)
