"""Benchmarks: each newsgold command against what a user would run instead, side by side.

    python bench/run.py                          # N = 1,000 and 10,000 (about 15 minutes)
    python bench/run.py --sizes 50,1000 --repeat 3
    python bench/run.py --only validate --label before --src /tmp/before/src

For every benchmark of the registry (BENCHMARKS below) and every corpus size, the two commands run
in subprocesses, alternately, ``--repeat`` times; the best wall time, CPU time (user + system) and
peak resident memory (``wait4`` rusage of that one child) of each are kept and divided, ours by the
reference. Besides the N-document corpora, a corpus of a few long articles (``--long-spans``
annotations each) holding about as many annotations as the smallest size shows whether a
command stays linear in the size of one document. Results go to ``bench/results/<label>.md``,
``.json`` and ``.png`` (time against N, log scales). Synthetic corpora are cached under
``bench/work/`` and rebuilt when the generator's source changes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))  # the generator, run from the checkout without installing

from newsgold import synthetic  # noqa: E402

Command = list[str]
ARTICLES = "articles"  # the corpus label of the N-article corpora (others: long articles)


@dataclass(frozen=True)
class Context:
    """What a benchmark's commands are built from: one synthetic corpus and where to write."""

    corpus: Path  # a repository layout: corpus/, annotations/, predictions.jsonl
    docs: int
    annotations: int
    work: Path  # an empty scratch folder for this run's outputs
    src: Path  # the newsgold source tree under test (its parent holds schema/)
    python: str = sys.executable

    def newsgold(self, *args: str) -> Command:
        """``python -m newsgold ARGS`` for the source tree under test."""
        return [self.python, "-m", "newsgold", *args]

    def env(self) -> dict[str, str]:
        """The environment every command runs in: offline, the tree under test importable."""
        env = dict(os.environ)
        env["PYTHONPATH"] = str(self.src)
        env.update(HF_HUB_OFFLINE="1", HF_DATASETS_OFFLINE="1", PYTHONHASHSEED="0")
        # The scorer's cache of checked gold: this benchmark's own (cold on its first repeat).
        env["NEWSGOLD_CACHE_DIR"] = str(self.work / "cache")
        return env

    def files(self, folder: str, suffix: str) -> list[str]:
        """Paths relative to the corpus (commands run there), sorted."""
        return sorted(f"{folder}/{p.name}" for p in (self.corpus / folder).glob(f"*{suffix}"))


@dataclass(frozen=True)
class Benchmark:
    """One comparison: our command(s) against the reference a user would otherwise run.

    ``ours`` and ``reference`` return the command lines to time (several lines are timed as one,
    e.g. check-jsonschema once per schema); ``prepare`` returns untimed commands run first;
    ``verify`` may compare the two outputs and returns a note for the table (or raises).
    """

    name: str
    ours_label: str
    reference_label: str
    ours: Callable[[Context], list[Command]]
    reference: Callable[[Context], list[Command]]
    target: str  # as shown in the table
    time_ratio_below: float | None = None  # met when wall and CPU ratios are both under it
    expect: tuple[int, int] = (0, 0)  # exit statuses of ours and the reference
    prepare: Callable[[Context], list[Command]] | None = None
    verify: Callable[[Context], str] | None = None


def _check_jsonschema(ctx: Context) -> list[Command]:
    """check-jsonschema over the same files, once per schema, refs resolved from schema/ offline."""
    exe = shutil.which("check-jsonschema")
    base = [exe] if exe else [ctx.python, "-m", "check_jsonschema"]
    schema_dir = ctx.src.parent / "schema"
    commands = []
    for schema, folder in (("metadata", "corpus"), ("annotations", "annotations")):
        path = schema_dir / f"{schema}.schema.json"
        for chunk in _chunks(ctx.files(folder, ".json")):
            commands.append([*base, "--base-uri", path.as_uri(), "--schemafile", str(path), *chunk])
    return commands


def _chunks(paths: list[str], limit: int = 1_000_000) -> list[list[str]]:
    """Split a file list so no command line passes the kernel's argument limit."""
    chunks: list[list[str]] = [[]]
    size = 0
    for path in paths:
        if size + len(path) + 1 > limit and chunks[-1]:
            chunks.append([])
            size = 0
        chunks[-1].append(path)
        size += len(path) + 1
    return chunks


def _reference(script: str, *args: str) -> Command:
    """A script of bench/reference/ run with the interpreter under test."""
    return [sys.executable, str(REPO / "bench" / "reference" / script), *args]


def _same_release_rows(ctx: Context) -> str:
    """Every Parquet file of the floor equals the release's file of the same name, row for row."""
    command = _reference("same_tables.py", str(ctx.work / "release"), str(ctx.work / "floor"))
    done = subprocess.run(command, env=ctx.env(), capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"bench build: {done.stdout}{done.stderr}")
    return done.stdout.strip()


OUTCOMES = ("COR", "INC", "PAR", "MIS", "SPU")


def _ambiguous(ctx: Context, doc_id: str) -> bool:
    """Some entity span overlaps two spans of the other side: the schemes' definitions diverge.

    There newsgold takes a maximum matching and nervaluate its first candidate in list order
    (and counts one prediction against two gold spans, nervaluate PR #85), see docs/scoring.md.
    """
    ann = json.loads((ctx.corpus / "annotations" / f"{doc_id}.json").read_text("utf-8"))
    gold = [(s["start"], s["end"]) for s in ann["entities"]]
    with (ctx.corpus / "predictions.jsonl").open(encoding="utf-8") as lines:
        line = next(json.loads(x) for x in lines if f'"{doc_id}"' in x)
    pred = [(s["start"], s["end"]) for s in line.get("entities") or []]
    for one, other in ((gold, pred), (pred, gold)):
        for a in one:
            if sum(a[0] < b[1] and b[0] < a[1] for b in other) > 1:
                return True
    return False


def _same_counts(ctx: Context) -> str:
    """newsgold's entity counts equal nervaluate's in every document where the definitions agree.

    Per document and scheme the five outcome counts are compared; a document that differs must be
    one where a span overlaps two spans of the other side (else this raises). The note says how
    many such documents there were and by how much the totals differ.
    """
    ours = json.loads((ctx.work / "ours.json").read_text("utf-8"))
    theirs = json.loads((ctx.work / "nervaluate.json").read_text("utf-8"))
    differ: dict[str, int] = {}  # scheme -> documents that differ
    for doc_id, record in ours["documents"].items():
        for scheme, cells in record["counts"]["entities"].items():
            if not isinstance(cells, dict) or scheme not in theirs["per_document"][doc_id]:
                continue
            mine = [0] * len(OUTCOMES)
            for cell, n in cells.items():
                outcome = cell.split(" ", 1)[0]
                if outcome in OUTCOMES:
                    mine[OUTCOMES.index(outcome)] += n
            if mine != theirs["per_document"][doc_id][scheme]:
                if not _ambiguous(ctx, doc_id):
                    raise SystemExit(
                        f"bench score: {doc_id} {scheme}: newsgold {mine}, nervaluate "
                        f"{theirs['per_document'][doc_id][scheme]} (COR INC PAR MIS SPU), and no "
                        "span there overlaps two: a real disagreement"
                    )
                differ[scheme] = differ.get(scheme, 0) + 1
    schemes = ours["scores"]["entities"]["schemes"]
    if not differ:
        if any(schemes[s]["counts"] != c for s, c in theirs["counts"].items()):
            raise SystemExit("bench score: totals differ although no document does")
        return "(counts identical to nervaluate's, 4 schemes)"
    gaps = "; ".join(
        f"{s}: {n} doc(s), COR/INC/MIS/SPU off by "
        + "/".join(
            str(abs(schemes[s]["counts"][k] - theirs["counts"][s][k]))
            for k in ("COR", "INC", "MIS", "SPU")
        )
        for s, n in sorted(differ.items())
    )
    return (
        "(counts identical to nervaluate's in every document where no span overlaps two; "
        f"differ where one does: {gaps})"
    )


def _same_loaded_rows(ctx: Context) -> str:
    """Both loaders saw the same rows per split (each wrote its count to a file)."""
    a = (ctx.work / "rows-datasets.txt").read_text().split()
    b = (ctx.work / "rows-pyarrow.txt").read_text().split()
    if a != b:
        raise SystemExit(f"bench load: datasets read {a}, pyarrow {b}")
    return f"(same rows: {' '.join(a)})"


def _score_ours(ctx: Context, predictions: str = "predictions.jsonl") -> list[Command]:
    out = str(ctx.work / "ours.json")
    return [
        ctx.newsgold(
            "score", "--gold", ".", "--root", ".", predictions, "--layers", "entities",
            "--format", "json", "--output", out,
        )
    ]  # fmt: skip


def _score_cold(ctx: Context) -> list[Command]:
    """_score_ours with the cache of checked gold off: every run reads and checks all gold."""
    return [["env", "NEWSGOLD_CACHE_DIR=off", *command] for command in _score_ours(ctx)]


def _parquet(ctx: Context) -> str:
    """Where the prepared Parquet copy of the predictions is."""
    return str(ctx.work / "predictions.parquet")


def _to_parquet(ctx: Context) -> list[Command]:
    """Untimed: the predictions written as Parquet by newsgold's writer (the layout of
    docs/scoring.md), the file `newsgold predict --out X.parquet` would write."""
    return [_reference("to_parquet.py", "predictions.jsonl", _parquet(ctx))]


def _load_release(ctx: Context, loader: str) -> Command:
    """Load the prepared release with ``datasets`` or ``pyarrow``; rows per split to a file."""
    release = str(ctx.work / "release")
    return _reference(
        "load_release.py", loader, release, str(ctx.work), str(ctx.work / f"rows-{loader}.txt")
    )


def _nervaluate(ctx: Context) -> list[Command]:
    return [
        _reference(
            "nervaluate_entities.py", ".", "predictions.jsonl", str(ctx.work / "nervaluate.json")
        )
    ]


# The registry. To add a comparison, append a Benchmark (see docs/scaling.md, "Benchmarks").
BENCHMARKS: list[Benchmark] = [
    Benchmark(
        name="validate",
        ours_label="newsgold validate (levels 1-4)",
        reference_label="check-jsonschema (schema only)",
        ours=lambda c: [c.newsgold("validate", "--root", ".")],
        reference=_check_jsonschema,
        target="time ratio < 1",
        time_ratio_below=1.0,
    ),
    Benchmark(
        name="build",
        ours_label="newsgold build (validation, rows, streaming Parquet, hashes, card, Croissant, "
        "manifest)",
        reference_label="bench/reference/write_rows.py: the same rows (release row functions) "
        "held in memory and written with pyarrow.parquet.write_table, nothing else",
        ours=lambda c: [c.newsgold("build", "--root", ".", "--out", str(c.work / "release"))],
        reference=lambda c: [_reference("write_rows.py", ".", str(c.work / "floor"))],
        target="time ratio <= 2",
        time_ratio_below=2.0,
        verify=_same_release_rows,
    ),
    Benchmark(
        name="score",
        ours_label="newsgold score --layers entities (four schemes, per type, checked input; "
        "best of the repeats, so with the cache of checked gold the first repeat filled)",
        reference_label="bench/reference/nervaluate_entities.py: nervaluate 1.2.1, four schemes",
        ours=_score_ours,
        reference=_nervaluate,
        target="time ratio < 0.2 (5x faster)",
        time_ratio_below=0.2,
        verify=_same_counts,
    ),
    Benchmark(
        name="score cold",
        ours_label="newsgold score as in score, with the cache of checked gold off "
        "(NEWSGOLD_CACHE_DIR=off: every gold file read and checked in full, as on a first run)",
        reference_label="nervaluate, as in score",
        ours=_score_cold,
        reference=_nervaluate,
        target="time ratio < 0.2 (5x faster)",
        time_ratio_below=0.2,
        verify=_same_counts,
    ),
    Benchmark(
        name="score parquet",
        ours_label="newsgold score --layers entities of the same predictions as Parquet "
        "(one row per document, written untimed by bench/reference/to_parquet.py)",
        reference_label="nervaluate on the JSON Lines, as in score",
        ours=lambda c: _score_ours(c, _parquet(c)),
        reference=_nervaluate,
        target="time ratio < 0.143 (7x faster)",
        time_ratio_below=1 / 7,
        prepare=_to_parquet,
        verify=_same_counts,
    ),
    Benchmark(
        name="score floor",
        ours_label="bench/reference/read_floor_typed.py: only msgspec's typed decoding of the "
        "same gold files and predictions into Structs (no checks, no scoring); not newsgold, "
        "the reading floor of a Python scorer",
        reference_label="nervaluate, as in score",
        ours=lambda c: [_reference("read_floor_typed.py", ".", "predictions.jsonl")],
        reference=_nervaluate,
        target="reported: the lowest ratio a scorer reading these files reaches",
    ),
    Benchmark(
        name="score floor parquet",
        ours_label="bench/reference/read_floor_typed.py with the Parquet predictions: gold as "
        "above, predictions by pyarrow.parquet.ParquetFile(...).read(columns=[doc_id, entities])",
        reference_label="nervaluate, as in score",
        ours=lambda c: [_reference("read_floor_typed.py", ".", _parquet(c))],
        reference=_nervaluate,
        target="reported: the floor of score parquet",
        prepare=_to_parquet,
    ),
    Benchmark(
        name="score floor stdlib",
        ours_label="bench/reference/read_floor.py: only json.loads of the same files (no checks, "
        "no scoring); the floor of the standard library's json, not of any scorer",
        reference_label="nervaluate, as in score",
        ours=lambda c: [_reference("read_floor.py", ".", "predictions.jsonl")],
        reference=_nervaluate,
        target="reported, for comparison with the typed floor",
    ),
    Benchmark(
        name="load",
        ours_label="datasets.load_dataset of the release (cold cache)",
        reference_label="pyarrow.parquet.read_table of the same files",
        prepare=lambda c: [c.newsgold("build", "--root", ".", "--out", str(c.work / "release"))],
        ours=lambda c: [_load_release(c, "datasets")],
        reference=lambda c: [_load_release(c, "pyarrow")],
        target="reported",
        verify=_same_loaded_rows,
    ),
]


@dataclass
class Measure:
    """Best of the repeats for one side of one comparison."""

    wall: float = float("inf")
    cpu: float = float("inf")
    peak_mb: float = 0.0

    def add(self, wall: float, cpu: float, peak_kb: int) -> None:
        self.wall = min(self.wall, wall)
        self.cpu = min(self.cpu, cpu)
        self.peak_mb = max(self.peak_mb, peak_kb / 1024)


@dataclass
class Row:
    """One line of the results table."""

    benchmark: str
    corpus: str
    docs: int
    annotations: int
    ours: Measure
    reference: Measure
    target: str
    time_ratio_below: float | None = None
    note: str = ""
    ratios: dict[str, float] = field(default_factory=dict)

    def finish(self) -> None:
        self.ratios = {
            "wall": self.ours.wall / self.reference.wall,
            "cpu": self.ours.cpu / self.reference.cpu,
            "memory": self.ours.peak_mb / self.reference.peak_mb,
        }


def run_timed(
    commands: Sequence[Command], cwd: Path, env: dict[str, str], expect: int
) -> tuple[float, float, int]:
    """Run commands one after another; return wall seconds, CPU seconds and peak RSS in KB."""
    wall = cpu = 0.0
    peak = 0
    for command in commands:
        began = time.perf_counter()
        with open(os.devnull, "wb") as sink:
            child = subprocess.Popen(command, cwd=cwd, env=env, stdout=sink, stderr=subprocess.PIPE)
            assert child.stderr is not None
            errors = child.stderr.read()
            _, status, usage = os.wait4(child.pid, 0)
            child.returncode = os.waitstatus_to_exitcode(status)
        wall += time.perf_counter() - began
        cpu += usage.ru_utime + usage.ru_stime
        peak = max(peak, usage.ru_maxrss)  # kilobytes on Linux
        if child.returncode != expect:
            raise SystemExit(
                f"bench: {command[:4]}... exited {child.returncode}, expected {expect}:\n"
                + errors.decode("utf-8", "replace")[-2000:]
            )
    return wall, cpu, peak


def corpus_for(work: Path, docs: int, seed: int, min_annotations: int | None) -> Path:
    """A cached synthetic corpus, regenerated when missing or made by another generator."""
    name = f"synthetic-s{seed}-n{docs}" + (f"-long{min_annotations}" if min_annotations else "")
    out = work / name
    manifest = out / synthetic.MANIFEST
    if manifest.is_file():
        made = json.loads(manifest.read_text("utf-8"))
        if made.get("generator_sha256") == synthetic.generator_sha256() and made["docs"] == docs:
            return out
    began = time.perf_counter()
    summary = synthetic.write_corpus(out, docs, seed, synthetic.ErrorRates(), None, min_annotations)
    print(
        f"  generated {name}: {summary.annotations:,} annotations in "
        f"{time.perf_counter() - began:.1f} s",
        flush=True,
    )
    return out


def machine() -> str:
    """One line saying where the numbers come from."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        memory = f", {os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.0f} GiB"
    except (ValueError, OSError):
        memory = ""
    return (
        f"{cpu}, {os.cpu_count()} cores{memory}; {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}"
    )


def measure(bench: Benchmark, ctx: Context, label: str, repeat: int) -> Row:
    """Time one comparison on one corpus, alternating ours and the reference."""
    env = ctx.env()
    if bench.prepare is not None:
        run_timed(bench.prepare(ctx), ctx.corpus, env, 0)
    ours, reference = Measure(), Measure()
    for _ in range(repeat):
        ours.add(*run_timed(bench.ours(ctx), ctx.corpus, env, bench.expect[0]))
        reference.add(*run_timed(bench.reference(ctx), ctx.corpus, env, bench.expect[1]))
    note = bench.verify(ctx) if bench.verify is not None else ""
    row = Row(
        bench.name,
        label,
        ctx.docs,
        ctx.annotations,
        ours,
        reference,
        bench.target,
        bench.time_ratio_below,
        note,
    )
    row.finish()
    return row


def _row(data: dict[str, Any]) -> Row:
    """A Row back from its JSON form."""
    fields_ = dict(data, ours=Measure(**data["ours"]), reference=Measure(**data["reference"]))
    if "time_ratio_below" not in fields_:  # results written before targets were numbers
        known = {b.name: b.time_ratio_below for b in BENCHMARKS}
        fields_["time_ratio_below"] = known.get(data["benchmark"])
    return Row(**fields_)


def table(rows: list[Row], title: str, where: str, date: str) -> str:
    """The results as a Markdown table, with the machine and date."""
    lines = [
        f"# {title}",
        "",
        f"Machine: {where}. Date: {date}.",
        "Times are the best of the repeats; CPU is user + system time of the child processes;",
        "memory is the peak resident set of the largest child. Ratio = ours / reference.",
        "A time target is met when both the wall and the CPU ratio meet it.",
        "",
        "| benchmark | corpus | docs | annotations | ours wall s | ref wall s | wall ratio "
        "| ours CPU s | ref CPU s | CPU ratio | ours MB | ref MB | memory ratio | µs/annotation "
        "(ours) | target |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for r in rows:
        per = r.ours.cpu / max(r.annotations, 1) * 1e6
        met = "" if r.time_ratio_below is None else ": met" if _met(r) else ": MISSED"
        lines.append(
            f"| {r.benchmark} | {r.corpus} | {r.docs:,} | {r.annotations:,} | {r.ours.wall:.2f} "
            f"| {r.reference.wall:.2f} | **{r.ratios['wall']:.3f}** | {r.ours.cpu:.2f} "
            f"| {r.reference.cpu:.2f} | {r.ratios['cpu']:.3f} | {r.ours.peak_mb:.0f} "
            f"| {r.reference.peak_mb:.0f} | {r.ratios['memory']:.2f} | {per:.1f} "
            f"| {r.target}{met}{' ' + r.note if r.note else ''} |"
        )
    labels = {b.name: (b.ours_label, b.reference_label) for b in BENCHMARKS}
    lines.append("")
    for name in dict.fromkeys(r.benchmark for r in rows):
        ours, ref = labels.get(name, (name, "reference"))
        lines.append(f"- **{name}**: ours = {ours}; reference = {ref}.")
    return "\n".join(lines) + "\n"


def _met(row: Row) -> bool:
    """A time target is met when both the wall and the CPU ratio are under it (load-proof)."""
    if row.time_ratio_below is None:
        return True
    return max(row.ratios["wall"], row.ratios["cpu"]) < row.time_ratio_below


def chart(rows: list[Row], path: Path, title: str) -> None:
    """Wall time against N for each command, log-log; long-article corpora as separate marks."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(7, 4.5))
    for name in dict.fromkeys(r.benchmark for r in rows):
        sized = sorted(
            (r for r in rows if r.benchmark == name and r.corpus == ARTICLES), key=lambda r: r.docs
        )
        if sized:
            xs = [r.docs for r in sized]
            line = ax.plot(xs, [r.ours.wall for r in sized], "o-", label=f"{name}: newsgold")[0]
            ax.plot(
                xs,
                [r.reference.wall for r in sized],
                "s--",
                color=line.get_color(),
                alpha=0.6,
                label=f"{name}: reference",
            )
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("articles (N)")
    ax.set_ylabel("wall time (s)")
    ax.set_title(title)
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def main(argv: list[str] | None = None) -> int:
    """Run the registry at every size and write the table, raw numbers and chart."""
    parser = argparse.ArgumentParser(prog="bench/run.py", description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1000,10000", help="corpus sizes N, comma-separated")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--repeat", type=int, default=1, help="runs of each side (best kept)")
    parser.add_argument("--only", help="benchmark names, comma-separated (default: all)")
    parser.add_argument(
        "--long-spans",
        type=int,
        default=4200,
        help="annotations per long article, about 2,000 of them entities (0: no long articles)",
    )
    parser.add_argument("--label", default="results", help="results file name (default results)")
    parser.add_argument("--title", default="newsgold benchmarks")
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "results")
    parser.add_argument("--work", type=Path, default=REPO / "bench" / "work")
    parser.add_argument(
        "--src",
        type=Path,
        default=REPO / "src",
        help="newsgold source tree to measure (e.g. an older commit's src/)",
    )
    parser.add_argument(
        "--from-json",
        type=Path,
        metavar="RESULTS.json",
        help="only rewrite the table and chart from an earlier run's raw numbers",
    )
    args = parser.parse_args(argv)
    if args.from_json:
        raw = json.loads(args.from_json.read_text("utf-8"))
        rows = [_row(r) for r in raw["rows"]]
        title = raw.get("title", args.title)
        stem = args.from_json.with_suffix("")
        table_md = table(rows, title, raw["machine"], raw["date"])
        stem.with_suffix(".md").write_text(table_md, encoding="utf-8")
        chart(rows, stem.with_suffix(".png"), title)
        return 0
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    wanted = set(args.only.split(",")) if args.only else None
    chosen = [b for b in BENCHMARKS if wanted is None or b.name in wanted]
    if not sizes or not chosen:
        parser.error("nothing to run: check --sizes and --only")
    args.work, args.out = args.work.resolve(), args.out.resolve()  # commands run in the corpus
    args.work.mkdir(parents=True, exist_ok=True)
    args.out.mkdir(parents=True, exist_ok=True)
    shapes: list[tuple[str, int, int | None]] = [(ARTICLES, n, None) for n in sizes]
    if args.long_spans:
        # As many annotations as the smallest N holds (about 118 per article), in long articles.
        long_docs = max(2, min(sizes) * 118 // args.long_spans)
        shapes.append(
            (f"long articles ({args.long_spans:,}+ annotations each)", long_docs, args.long_spans)
        )
    rows: list[Row] = []
    for label, docs, spans in shapes:
        corpus = corpus_for(args.work, docs, args.seed, spans)
        made = json.loads((corpus / synthetic.MANIFEST).read_text("utf-8"))
        for bench in chosen:
            scratch = args.work / f"scratch-{bench.name}"
            shutil.rmtree(scratch, ignore_errors=True)
            scratch.mkdir()
            ctx = Context(corpus, docs, made["annotations"], scratch, args.src.resolve())
            row = measure(bench, ctx, label, args.repeat)
            rows.append(row)
            print(
                f"  {bench.name:10} {label[:24]:24} N={docs:>6}: ours {row.ours.wall:7.2f} s, "
                f"reference {row.reference.wall:7.2f} s, wall ratio {row.ratios['wall']:.3f}, "
                f"CPU ratio {row.ratios['cpu']:.3f}, memory {row.ours.peak_mb:.0f} MB vs "
                f"{row.reference.peak_mb:.0f} MB",
                flush=True,
            )
            shutil.rmtree(scratch, ignore_errors=True)
    stem = args.out / args.label
    raw = {
        "title": args.title,
        "machine": machine(),
        "date": dt.date.today().isoformat(),
        "src": str(args.src),
        "sizes": sizes,
        "repeat": args.repeat,
        "rows": [asdict(r) for r in rows],
    }
    table_md = table(rows, args.title, raw["machine"], raw["date"])
    stem.with_suffix(".md").write_text(table_md, encoding="utf-8")
    stem.with_suffix(".json").write_text(json.dumps(raw, indent=2) + "\n", encoding="utf-8")
    chart(rows, stem.with_suffix(".png"), args.title)
    print(f"wrote {stem}.md, .json and .png")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
