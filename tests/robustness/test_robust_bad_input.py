"""Bad input through the real CLI: one located message, the right exit status, nothing written.

Every case runs ``python -m newsgold ...`` in a subprocess, in a folder of its own holding a copy
of the repository and the case's input files. The expected location (file, then JSON pointer or
line) is worked out by hand from the input each case writes. Each case checks:

- the exit status (1 for bad data, 2 for bad usage);
- stderr is one message ``newsgold <command>: <file>:<where>: ...`` (``where`` may be empty when
  the file itself is the problem) and holds no traceback;
- the case folder (repository copy, inputs, would-be outputs) is byte for byte as before: nothing
  written, nothing half written, no input touched. Lock files count by existence only.

The subprocesses run two at a time (a thread pool) so the 72 cases take well under a minute.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from robust_helpers import ROOT, SEED, cli, cli_env, copy_repo, snapshot

# The seed's first entity (annotations/<SEED>.json /entities/0): "North Korean" at 5:17.
E1 = {"start": 5, "end": 17, "text": "North Korean", "type": "NORP"}
TEXT_LENGTH = len((ROOT / "corpus" / f"{SEED}.txt").read_text(encoding="utf-8"))


def pred_line(**fields: Any) -> str:
    """One predictions line for the seed with entity E1, fields replaced or added."""
    return json.dumps({"doc_id": SEED, "entities": [E1], **fields}, ensure_ascii=False) + "\n"


def entity_line(**changes: Any) -> str:
    """A predictions line whose one entity is E1 with some fields changed."""
    return pred_line(entities=[{**E1, **changes}])


@dataclass
class Ctx:
    """One case's folder: ``dir`` holds the inputs, ``repo`` a copy of the repository."""

    dir: Path
    repo: Path
    shared: Path  # read-only templates: exports, a release, score shards

    def write(self, name: str, content: str | bytes) -> str:
        path = self.dir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            content = content.encode("utf-8")
        path.write_bytes(content)
        return str(path)

    def copy(self, name: str) -> Path:
        source, target = self.shared / name, self.dir / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, target)
        else:
            shutil.copy(source, target)
        return target

    def copy_release(self) -> Path:
        """The shared release with its lock file beside it, as ``newsgold build`` leaves them."""
        self.copy("release.lock")
        return self.copy("release")

    def p(self, name: str) -> str:
        return str(self.dir / name)


# A case returns the CLI arguments and the expected location (None: argparse's usage error).
Setup = Callable[[Ctx], tuple[list[str], str | None]]


@dataclass(frozen=True)
class Case:
    name: str
    status: int
    setup: Setup
    needle: str = ""  # a phrase the message must contain


CASES: list[Case] = []


def case(name: str, status: int, needle: str = "") -> Callable[[Setup], Setup]:
    def add(setup: Setup) -> Setup:
        CASES.append(Case(name, status, setup, needle))
        return setup

    return add


def _score(c: Ctx, content: str | bytes, pointer: str, *extra: str) -> tuple[list[str], str]:
    path = c.write("pred.jsonl", content)
    return ["score", path, *extra], f"{path}:{pointer}"


# --- newsgold score: predictions files ------------------------------------------------------------


@case("score-invalid-json", 1, "invalid JSON")
def _(c: Ctx) -> tuple[list[str], str | None]:
    return _score(c, '{"doc_id": ]\n', "line 1")


@case("score-truncated-last-line", 1, "invalid JSON")
def _(c: Ctx) -> tuple[list[str], str | None]:
    return _score(c, pred_line() + pred_line()[:25], "line 2")


@case("score-duplicate-key", 1, "duplicate key 'doc_id'")
def _(c: Ctx) -> tuple[list[str], str | None]:
    return _score(
        c, f'{{"doc_id": "{SEED}", "doc_id": "{SEED}", "entities": []}}\n', "line 1/doc_id"
    )


@case("score-nan-offset", 1, "NaN is not a JSON number")
def _(c: Ctx) -> tuple[list[str], str | None]:
    line = pred_line().replace('"start": 5', '"start": NaN')
    return _score(c, line, "line 1/entities/0/start")


@case("score-infinity-offset", 1, "Infinity is not a JSON number")
def _(c: Ctx) -> tuple[list[str], str | None]:
    line = pred_line().replace('"end": 17', '"end": -Infinity')
    return _score(c, line, "line 1/entities/0/end")


@case("score-layer-not-a-list", 1, "is not of type 'array'")
def _(c: Ctx) -> tuple[list[str], str | None]:
    return _score(c, pred_line(entities="North Korean"), "line 1/entities")


@case("score-negative-offset", 1, "less than the minimum of 0")
def _(c: Ctx) -> tuple[list[str], str | None]:
    return _score(c, entity_line(start=-1), "line 1/entities/0/start")


@case("score-reversed-offsets", 1, "end 5 is not after start 17")
def _(c: Ctx) -> tuple[list[str], str | None]:
    return _score(c, entity_line(start=17, end=5), "line 1/entities/0/end")


@case("score-offset-past-end", 1, f"past the text's end ({TEXT_LENGTH} code points)")
def _(c: Ctx) -> tuple[list[str], str | None]:
    return _score(c, entity_line(end=TEXT_LENGTH + 1), "line 1/entities/0/end")


@case("score-float-offset", 1, "5.0 is not of type 'integer'")
def _(c: Ctx) -> tuple[list[str], str | None]:
    return _score(c, entity_line(start=5.0), "line 1/entities/0/start")


@case("score-text-contradicts-offsets", 1, "the text at 5:17 is 'North Korean'")
def _(c: Ctx) -> tuple[list[str], str | None]:
    return _score(c, entity_line(text="South Korean"), "line 1/entities/0/text")


@case("score-surrogate-half-in-text", 1, "lone surrogate")
def _(c: Ctx) -> tuple[list[str], str | None]:
    line = pred_line().replace('"North Korean"', '"North \\ud800Korean"')
    return _score(c, line, "line 1/entities/0/text")


@case("score-surrogate-half-in-system", 1, "lone surrogate")
def _(c: Ctx) -> tuple[list[str], str | None]:
    return _score(c, pred_line().replace("{", '{"system": "x\\udfff", ', 1), "line 1/system")


@case("score-deep-nesting", 1, "nested too deeply")
def _(c: Ctx) -> tuple[list[str], str | None]:
    return _score(c, pred_line() + "[" * 100_000 + "\n", "line 2")


@case("score-impossible-month", 1, "'2025-13' has month 13")
def _(c: Ctx) -> tuple[list[str], str | None]:
    date = {"start": 5, "end": 17, "type": "DATE", "value": "2025-13"}
    return _score(c, pred_line(dates=[date]), "line 1/dates/0/value")


@case("score-negative-duration", 1, "'P-1M' is not a TIMEX3 duration")
def _(c: Ctx) -> tuple[list[str], str | None]:
    date = {"start": 5, "end": 17, "type": "DURATION", "value": "P-1M"}
    return _score(c, pred_line(dates=[date]), "line 1/dates/0/value")


@case("score-id-colliding-across-layers", 1, "id 'x1' is already used at /entities/0/id")
def _(c: Ctx) -> tuple[list[str], str | None]:
    date = {"start": 5, "end": 17, "type": "DATE", "value": "2025", "id": "x1"}
    line = pred_line(entities=[{**E1, "id": "x1"}], dates=[date])
    return _score(c, line, "line 1/dates/0/id")


@case("score-unknown-doc-id", 1, "unknown doc_id '2025-01-01-nowhere-1'")
def _(c: Ctx) -> tuple[list[str], str | None]:
    return _score(c, pred_line(doc_id="2025-01-01-nowhere-1"), "line 1/doc_id")


@case("score-document-twice", 1, "already predicted on line 1")
def _(c: Ctx) -> tuple[list[str], str | None]:
    return _score(c, pred_line() + "\n" + pred_line(), "line 3/doc_id")


@case("score-doc-id-with-slash", 1, "does not match")
def _(c: Ctx) -> tuple[list[str], str | None]:
    return _score(c, pred_line(doc_id=f"corpus/{SEED}"), "line 1/doc_id")


@case("score-doc-id-dot-dot", 1, "does not match")
def _(c: Ctx) -> tuple[list[str], str | None]:
    return _score(c, pred_line(doc_id=".."), "line 1/doc_id")


@case("score-doc-id-upper-case", 1, "does not match")
def _(c: Ctx) -> tuple[list[str], str | None]:
    return _score(c, pred_line(doc_id=SEED.upper()), "line 1/doc_id")


@case("score-not-utf8", 1, "byte 0xff")
def _(c: Ctx) -> tuple[list[str], str | None]:
    return _score(c, pred_line().encode() + b'{"doc_id": "\xff"}\n', "line 2")


@case("score-bom", 1, "Unexpected UTF-8 BOM")
def _(c: Ctx) -> tuple[list[str], str | None]:
    return _score(c, "\ufeff" + pred_line(), "line 1")


@case("score-nul-byte", 1, "invalid JSON")
def _(c: Ctx) -> tuple[list[str], str | None]:
    return _score(c, pred_line() + "\x00" + pred_line(), "line 2")


@case("score-gold-duplicate-key", 1, "duplicate key 'status'")
def _(c: Ctx) -> tuple[list[str], str | None]:
    raw = (c.repo / "annotations" / f"{SEED}.json").read_text(encoding="utf-8")
    assert raw.count('"status": ') == 1
    gold = c.write("gold.json", raw.replace('"status": ', '"status": "draft", "status": '))
    return _score(c, pred_line(), "")[0] + ["--gold", gold], f"{gold}:/status"


@case("score-claim-source-past-end", 1, "past the text's end")
def _(c: Ctx) -> tuple[list[str], str | None]:
    claim = {  # the text opens with two blank lines, then "## North Korean ..."
        "start": 2,
        "end": 4,
        "text": "##",
        "source": {"start": 5, "end": TEXT_LENGTH + 3, "text": "x"},
    }
    return _score(c, pred_line(claims=[claim]), "line 1/claims/0/source/end")


@case("score-predictions-missing", 2, "cannot read predictions")
def _(c: Ctx) -> tuple[list[str], str | None]:
    return ["score", c.p("absent.jsonl")], c.p("absent.jsonl")


@case("score-gold-missing", 2, "expected a repository root")
def _(c: Ctx) -> tuple[list[str], str | None]:
    return _score(c, pred_line(), "")[0] + ["--gold", c.p("nowhere")], c.p("nowhere")


@case("score-gold-invalid-json", 1, "invalid JSON")
def _(c: Ctx) -> tuple[list[str], str | None]:
    raw = (c.repo / "annotations" / f"{SEED}.json").read_text(encoding="utf-8")
    gold = c.write("gold.json", raw[:200])  # cut inside the sections list, on line 10
    line = raw[:200].count("\n") + 1
    return _score(c, pred_line(), "")[0] + ["--gold", gold], f"{gold}:line {line}"


@case("score-gold-rows-bad-doc-id", 1, "not a doc_id")
def _(c: Ctx) -> tuple[list[str], str | None]:
    row = {"doc_id": f"../corpus/{SEED}", "entities": []}
    gold = c.write("gold.jsonl", json.dumps(row) + "\n")
    return _score(c, pred_line(), "")[0] + ["--gold", gold], f"{gold}:line 1/doc_id"


@case("score-output-folder-missing", 2, "does not exist")
def _(c: Ctx) -> tuple[list[str], str | None]:
    out = c.p("no/such/report.json")
    return _score(c, pred_line(), "")[0] + ["--format", "json", "--output", out], out


@case("score-bad-usage-argparse", 2)
def _(c: Ctx) -> tuple[list[str], str | None]:
    return _score(c, pred_line(), "")[0] + ["--layers", "people"], None


@case("merge-invalid-json", 1, "invalid JSON")
def _(c: Ctx) -> tuple[list[str], str | None]:
    good = c.copy("shard-entities.json")
    bad = c.write("bad.json", '{"format": "newsgold-score/1",\n  "layers": [}\n')
    return ["score", "--merge", str(good), bad], f"{bad}:line 2"


@case("merge-not-a-score-file", 1, "expected 'newsgold-score/1'")
def _(c: Ctx) -> tuple[list[str], str | None]:
    bad = c.write("other.json", '{"format": "something-else"}\n')
    return ["score", "--merge", bad], f"{bad}:/format"


@case("merge-score-file-missing-parts", 1, "not a newsgold score JSON")
def _(c: Ctx) -> tuple[list[str], str | None]:
    bad = c.write("partial.json", '{"format": "newsgold-score/1", "layers": ["entities"]}\n')
    return ["score", "--merge", bad], bad


@case("merge-mismatched-shards", 1, "expected the same options in every shard")
def _(c: Ctx) -> tuple[list[str], str | None]:
    a = c.copy("shard-entities.json")
    b = c.copy("shard-dates.json")
    return ["score", "--merge", str(a), str(b)], f"{b}:/layers"


@case("merge-shard-missing", 2, "cannot read")
def _(c: Ctx) -> tuple[list[str], str | None]:
    a = c.copy("shard-entities.json")
    return ["score", "--merge", str(a), c.p("gone.json")], c.p("gone.json")


@case("compare-file-missing", 2, "cannot read predictions")
def _(c: Ctx) -> tuple[list[str], str | None]:
    a = c.write("a.jsonl", pred_line())
    return ["score", "--compare", a, c.p("b.jsonl")], c.p("b.jsonl")


@case("compare-second-file-bad", 1, "end 5 is not after start 17")
def _(c: Ctx) -> tuple[list[str], str | None]:
    a = c.write("a.jsonl", pred_line())
    b = c.write("b.jsonl", entity_line(start=17, end=5))
    return ["score", "--compare", a, b], f"{b}:line 1/entities/0/end"


# --- newsgold build ----------------------------------------------------------------------------------


@case("build-invalid-sources", 1, "[schema-violation] 'NATION' is not one of")
def _(c: Ctx) -> tuple[list[str], str | None]:
    path = c.repo / "annotations" / f"{SEED}.json"
    path.write_text(path.read_text("utf-8").replace('"NORP"', '"NATION"', 1), "utf-8")
    return ["build", "--out", c.p("release")], f"{path}:/entities/0/type"


@case("build-out-is-corpus", 2, "cannot be written over the sources")
def _(c: Ctx) -> tuple[list[str], str | None]:
    return ["build", "--out", str(c.repo / "corpus")], str(c.repo / "corpus")


@case("build-out-not-a-release", 2, "is not a newsgold release")
def _(c: Ctx) -> tuple[list[str], str | None]:
    c.write("mine/notes.txt", "my notes\n")
    return ["build", "--out", c.p("mine")], c.p("mine")


@case("build-out-is-a-file", 2, "is not a folder")
def _(c: Ctx) -> tuple[list[str], str | None]:
    out = c.write("release", "a file\n")
    return ["build", "--out", out], out


@case("build-out-under-a-file", 2, "is not a folder")
def _(c: Ctx) -> tuple[list[str], str | None]:
    c.write("file", "a file\n")
    return ["build", "--out", c.p("file/release")], c.p("file")


@case("build-symlink-outside-repository", 1, "[path-outside-repo]")
def _(c: Ctx) -> tuple[list[str], str | None]:
    text = c.repo / "corpus" / f"{SEED}.txt"
    outside = c.dir / "outside.txt"
    text.rename(outside)
    text.symlink_to(outside)
    return ["build", "--out", c.p("release")], str(text)


@case("build-root-not-a-repository", 2, "--root is not a newsgold repository")
def _(c: Ctx) -> tuple[list[str], str | None]:
    c.write("empty/x.txt", "x\n")
    return ["build", "--root", c.p("empty"), "--out", c.p("release")], c.p("empty")


# --- newsgold hydrate --------------------------------------------------------------------------------


@case("hydrate-wrong-sha256", 1, "differ from the articles the release was built from")
def _(c: Ctx) -> tuple[list[str], str | None]:
    release = c.copy_release()
    texts = c.write(f"texts/{SEED}.txt", "Not the article.\n")
    return ["hydrate", str(release), "--texts", str(Path(texts).parent)], str(Path(texts).parent)


@case("hydrate-texts-folder-missing", 2, "no such folder of texts")
def _(c: Ctx) -> tuple[list[str], str | None]:
    release = c.copy_release()
    return ["hydrate", str(release), "--texts", c.p("texts")], c.p("texts")


@case("hydrate-not-a-release", 2, "not a newsgold release")
def _(c: Ctx) -> tuple[list[str], str | None]:
    c.write("mine/notes.txt", "my notes\n")
    c.write("texts/x.txt", "x\n")
    return ["hydrate", c.p("mine"), "--texts", c.p("texts")], c.p("mine")


@case("hydrate-release-tampered", 1, "changed since the build")
def _(c: Ctx) -> tuple[list[str], str | None]:
    release = c.copy_release()
    card = release / "README.md"
    card.write_text(card.read_text("utf-8") + "edited\n", "utf-8")
    c.write(f"texts/{SEED}.txt", (ROOT / "corpus" / f"{SEED}.txt").read_bytes())
    return ["hydrate", str(release), "--texts", c.p("texts")], str(release)


# --- newsgold import labelstudio / brat ---------------------------------------------------------------


def _task_results(c: Ctx) -> tuple[Path, list[Any], list[dict[str, Any]]]:
    path = c.copy("labelstudio/tasks.json")
    tasks = json.loads(path.read_text("utf-8"))
    return path, tasks, tasks[0]["annotations"][0]["result"]


def _index(results: list[dict[str, Any]], rid: str, kind: str = "labels") -> int:
    return next(i for i, r in enumerate(results) if r.get("id") == rid and r["type"] == kind)


RESULT = "/0/annotations/0/result"


@case("labelstudio-truncated-json", 1, "invalid JSON")
def _(c: Ctx) -> tuple[list[str], str | None]:
    raw = (c.shared / "labelstudio" / "tasks.json").read_text("utf-8")
    path = c.write("tasks.json", raw[:500])
    return ["import", "labelstudio", path], f"{path}:line {raw[:500].count(chr(10)) + 1}"


@case("labelstudio-duplicate-key", 1, "duplicate key 'doc_id'")
def _(c: Ctx) -> tuple[list[str], str | None]:
    path, tasks, _ = _task_results(c)
    tasks[0]["data"]["__twice__"] = 1  # becomes a second "doc_id" in the first task's data
    raw = json.dumps(tasks).replace('"__twice__": 1', '"doc_id": "2025-01-01-other-1"')
    path.write_text(raw, "utf-8")
    return ["import", "labelstudio", str(path)], f"{path}:/0/data/doc_id"


@case("labelstudio-offsets-past-end", 1, "UTF-16 offset 1000000 is outside 0..")
def _(c: Ctx) -> tuple[list[str], str | None]:
    path, tasks, results = _task_results(c)
    i = _index(results, "e1")
    results[i]["value"]["end"] = 10**6
    path.write_text(json.dumps(tasks), "utf-8")
    return ["import", "labelstudio", str(path)], f"{path}:{RESULT}/{i}/value"


@case("labelstudio-unknown-label", 1, "PLANET")
def _(c: Ctx) -> tuple[list[str], str | None]:
    path, tasks, results = _task_results(c)
    i = _index(results, "e1")
    results[i]["value"]["labels"] = ["PLANET"]
    path.write_text(json.dumps(tasks), "utf-8")
    return ["import", "labelstudio", str(path)], f"{path}:{RESULT}/{i}/value/labels"


@case("labelstudio-relation-to-missing-region", 1, "t999")
def _(c: Ctx) -> tuple[list[str], str | None]:
    path, tasks, results = _task_results(c)
    i = next(i for i, r in enumerate(results) if r["type"] == "relation")
    results[i]["to_id"] = "t999"
    path.write_text(json.dumps(tasks), "utf-8")
    return ["import", "labelstudio", str(path)], f"{path}:{RESULT}/{i}/to_id"


@case("labelstudio-doc-id-outside-corpus", 1, "not a doc_id")
def _(c: Ctx) -> tuple[list[str], str | None]:
    path, tasks, _ = _task_results(c)
    tasks[0]["data"]["doc_id"] = f"../corpus/{SEED}"
    path.write_text(json.dumps(tasks), "utf-8")
    return ["import", "labelstudio", str(path)], f"{path}:/0/data/doc_id"


def _ann(c: Ctx) -> tuple[Path, list[str]]:
    folder = c.copy("brat")
    path = folder / f"{SEED}.ann"
    return path, path.read_text("utf-8").split("\n")


def _line_of(lines: list[str], prefix: str) -> int:
    return next(n for n, line in enumerate(lines) if line.startswith(prefix))


@case("brat-line-malformed", 1, "cannot read 'T9 NORP 5 17 North Korean' here")
def _(c: Ctx) -> tuple[list[str], str | None]:
    path, lines = _ann(c)
    n = _line_of(lines, "T9\t")
    lines[n] = lines[n].replace("\t", " ")
    path.write_text("\n".join(lines), "utf-8")
    return ["import", "brat", str(path.parent)], f"{path}:line {n + 1}"


@case("brat-offsets-past-end", 1, "not inside the text")
def _(c: Ctx) -> tuple[list[str], str | None]:
    path, lines = _ann(c)
    n = _line_of(lines, "T9\t")
    lines[n] = f"T9\tNORP 5 {TEXT_LENGTH + 7}\tNorth Korean"
    path.write_text("\n".join(lines), "utf-8")
    return ["import", "brat", str(path.parent)], f"{path}:line {n + 1}"


@case("brat-unknown-label", 1, "PLANET")
def _(c: Ctx) -> tuple[list[str], str | None]:
    path, lines = _ann(c)
    n = _line_of(lines, "T9\t")
    lines[n] = lines[n].replace("NORP", "PLANET")
    path.write_text("\n".join(lines), "utf-8")
    return ["import", "brat", str(path.parent)], f"{path}:line {n + 1}"


@case("brat-relation-to-missing-region", 1, "'T999', which is no labelled region")
def _(c: Ctx) -> tuple[list[str], str | None]:
    path, lines = _ann(c)
    n = _line_of(lines, "R1\t")
    lines[n] = lines[n].split(" Arg2:")[0] + " Arg2:T999"
    path.write_text("\n".join(lines), "utf-8")
    return ["import", "brat", str(path.parent)], f"{path}:line {n + 1}"


@case("brat-ann-not-utf8", 1, "not UTF-8: byte 0xff")
def _(c: Ctx) -> tuple[list[str], str | None]:
    path, _ = _ann(c)
    raw = path.read_bytes()
    assert raw.endswith(b"\n")  # so the appended line is the one after the last newline
    path.write_bytes(raw + b"#99\tAnnotatorNotes T1\t\xff\n")
    line = raw.count(b"\n") + 1
    return ["import", "brat", str(path.parent)], f"{path}:line {line}"


# --- newsgold new ---------------------------------------------------------------------------------


NEW = ["new", "--url", "https://example.org/news/1", "--published", "2025-03-01"]


@case("new-text-with-nul", 1, "NUL")
def _(c: Ctx) -> tuple[list[str], str | None]:
    path = c.write("article.txt", "Headline\n\nBody with a \x00 NUL.\n")
    return [*NEW, "--text", path], f"{path}:line 3, column 13"


@case("new-text-not-utf8", 1, "not UTF-8")
def _(c: Ctx) -> tuple[list[str], str | None]:
    path = c.write("article.txt", b"Headline\n\nCaf\xe9 au lait.\n")  # byte 13, column 4
    return [*NEW, "--text", path], f"{path}:line 3, column 4"


@case("new-text-utf16", 1, "UTF-16 byte-order mark")
def _(c: Ctx) -> tuple[list[str], str | None]:
    path = c.write("article.txt", "Headline\n\nBody.\n".encode("utf-16"))  # BOM FF FE first
    return [*NEW, "--text", path], f"{path}:byte 0"


@case("new-text-empty", 1, "the text is empty or only whitespace")
def _(c: Ctx) -> tuple[list[str], str | None]:
    path = c.write("article.txt", " \n\n\t\n")
    return [*NEW, "--text", path], path


@case("new-existing-doc-id", 1, "already in the corpus")
def _(c: Ctx) -> tuple[list[str], str | None]:
    path = c.write("article.txt", "Headline\n\nA new text.\n")
    return [*NEW, "--text", path, "--doc-id", SEED], f"corpus/{SEED}.txt"


@case("new-duplicate-text", 1, "the same text")
def _(c: Ctx) -> tuple[list[str], str | None]:
    path = c.write("article.txt", (ROOT / "corpus" / f"{SEED}.txt").read_bytes())
    return [*NEW, "--text", path, "--doc-id", "2025-03-01-example-1"], f"corpus/{SEED}.txt"


@case("new-bad-date", 2, "is not a date YYYY-MM-DD")
def _(c: Ctx) -> tuple[list[str], str | None]:
    path = c.write("article.txt", "Headline\n\nA new text.\n")
    return ["new", "--url", "https://e.org/1", "--published", "1/3/2025", "--text", path], ""


# --- newsgold view and agree -------------------------------------------------------------------------


@case("view-predictions-bad", 1, "end 5 is not after start 17")
def _(c: Ctx) -> tuple[list[str], str | None]:
    path = c.write("pred.jsonl", entity_line(start=17, end=5))
    args = ["view", "--predictions", path, "--out", c.p("view")]
    return args, f"{path}:line 1/entities/0/end"


@case("view-predictions-surrogate", 1, "lone surrogate")
def _(c: Ctx) -> tuple[list[str], str | None]:
    path = c.write("pred.jsonl", pred_line().replace("{", '{"system": "\\udc80", ', 1))
    return ["view", "--predictions", path, "--out", c.p("view")], f"{path}:line 1/system"


@case("view-out-is-a-file", 2, "is not a folder")
def _(c: Ctx) -> tuple[list[str], str | None]:
    out = c.write("view", "a file\n")
    return ["view", "--out", out], out


def _rows(c: Ctx, name: str, doc_id: str, text: str) -> str:
    row = {"doc_id": doc_id, "text": text, "status": "gold", "entities": [], "dates": []}
    return c.write(name, json.dumps(row, ensure_ascii=False) + "\n")


@case("agree-no-shared-document", 1, "shares no document with A")
def _(c: Ctx) -> tuple[list[str], str | None]:
    b = _rows(c, "b.jsonl", "2025-03-01-example-1", "Another article.\n")
    return ["agree", str(c.repo / "annotations"), b], b


@case("agree-different-texts", 1, "annotate different texts")
def _(c: Ctx) -> tuple[list[str], str | None]:
    b = _rows(c, "b.jsonl", SEED, "Another version of the article.\n")
    return ["agree", str(c.repo / "annotations"), b], b


@case("agree-nan-offset", 1, "NaN is not a JSON number")
def _(c: Ctx) -> tuple[list[str], str | None]:
    text = (ROOT / "corpus" / f"{SEED}.txt").read_text(encoding="utf-8")
    path = Path(_rows(c, "b.jsonl", SEED, text))
    row = path.read_text("utf-8").replace('"entities": []', '"entities": [{"start": NaN}]')
    b = c.write("b.jsonl", row)
    return ["agree", str(c.repo / "annotations"), b], f"{b}:line 1/entities/0/start"


# --- running them -----------------------------------------------------------------------------------


@dataclass
class Outcome:
    args: list[str]
    where: str | None
    done: subprocess.CompletedProcess[str]
    before: dict[str, str]
    after: dict[str, str]
    root: Path


def _shared(folder: Path) -> Path:
    """Templates built once, in process: exports of the seed, a release, two score shards."""
    from newsgold import jsonio
    from newsgold.formats.brat import export_brat
    from newsgold.formats.labelstudio import export_labelstudio
    from newsgold.release import build
    from newsgold.scoring import score

    repo = copy_repo(folder / "repo")
    export_labelstudio(repo, [], folder / "labelstudio")
    export_brat(repo, [], folder / "brat")
    build(repo, folder / "release")  # the seed may not be redistributed: released without text
    pred = folder / "pred.jsonl"
    pred.write_text(pred_line(), encoding="utf-8")
    for layer in ("entities", "dates"):
        result = score(repo, pred, layers=[layer])
        (folder / f"shard-{layer}.json").write_text(jsonio.dumps(result.to_dict()), "utf-8")
    return folder


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Outcome]:
    base = tmp_path_factory.mktemp("bad-input")
    shared = _shared(base / "shared")
    env = cli_env(base / "hf")
    prepared = []
    for item in CASES:
        folder = base / "cases" / item.name
        ctx = Ctx(folder, copy_repo(folder / "repo"), shared)
        args, where = item.setup(ctx)
        prepared.append((item, ctx, args, where, snapshot(folder)))

    def run(entry: Any) -> tuple[str, Outcome]:
        item, ctx, args, where, before = entry
        done = cli(args, ctx.repo, env)
        return item.name, Outcome(args, where, done, before, snapshot(ctx.dir), ctx.dir)

    with ThreadPoolExecutor(max_workers=max(2, min(4, os.cpu_count() or 2))) as pool:
        return dict(pool.map(run, prepared))


@pytest.mark.slow  # 75 CLI subprocesses, run by the module fixture: several seconds together
@pytest.mark.parametrize("item", CASES, ids=[c.name for c in CASES])
def test_bad_input_fails_cleanly(item: Case, outcomes: dict[str, Outcome]) -> None:
    got = outcomes[item.name]
    err, command = got.done.stderr, got.args[0]
    shown = f"args {got.args}\nstdout {got.done.stdout[-2000:]}\nstderr {err}"
    assert got.done.returncode == item.status, shown
    assert "Traceback" not in err and "Traceback" not in got.done.stdout, shown
    if got.where is None:  # argparse: usage line, then one error line
        assert err.startswith("usage: newsgold") and f"newsgold {command}: error:" in err, shown
    else:
        prefix = f"newsgold {command}: " + (f"{got.where}: " if got.where else "")
        assert err.startswith(prefix), shown
        assert sum(line.startswith("newsgold ") for line in err.splitlines()) == 1, shown
        assert item.needle in err, shown
    assert got.after == got.before, f"files changed: {_diff(got.before, got.after)}\n{shown}"


def test_there_are_enough_distinct_cases() -> None:
    assert len({c.name for c in CASES}) == len(CASES) >= 60
    commands = {c.name.split("-")[0] for c in CASES}
    expected = {"score", "merge", "compare", "build", "hydrate", "labelstudio", "brat", "new"}
    assert commands >= expected | {"view", "agree"}


def _diff(before: dict[str, str], after: dict[str, str]) -> list[str]:
    keys = sorted(set(before) | set(after))
    return [
        f"{k}: {before.get(k)} -> {after.get(k)}" for k in keys if before.get(k) != after.get(k)
    ]
