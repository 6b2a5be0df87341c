"""The leaderboard: the systems newsgold ships, scored on the corpus's gold articles.

Every cell is looked up in ``newsgold.scoring.score(...).to_dict()`` by a "/"-separated path
(``headline/entities.strict_f1``, its interval at ``bootstrap/intervals/entities.strict_f1``); no
number is ever typed by hand. A system may be tuned on ``validation`` only: the board reports
``test`` with document-level bootstrap intervals, and ``validation`` separately.
``scripts/leaderboard.py`` writes it to ``docs/leaderboard.md``, which ``newsgold build`` puts in
the release card.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from newsgold.baselines import predict
from newsgold.baselines.rules import SYSTEM, extract
from newsgold.corpus import Corpus
from newsgold.errors import NewsgoldError
from newsgold.progress import ProgressFn
from newsgold.splits import MIN_DOCUMENTS

REPORT_SPLIT = "test"  # the scores a system is compared on
TUNING_SPLIT = "validation"  # the only split a system may be tuned on
BOOTSTRAP = 1000  # resamples of the test intervals
SEED = 0
CONFIDENCE = 0.95


@dataclass(frozen=True)
class Column:
    """A leaderboard column: its header, the path of its number in the scorer's dict, and the
    path of its [low, high] interval when the score was bootstrapped."""

    header: str
    path: str
    interval: str | None = None


def headline_column(header: str, metric: str) -> Column:
    """A column of one headline metric (``entities.strict_f1``) with its bootstrap interval."""
    return Column(header, f"headline/{metric}", f"bootstrap/intervals/{metric}")


# The headline metrics of each layer (docs/scoring.md defines them).
COLUMNS = (
    headline_column("Entities strict F1", "entities.strict_f1"),
    headline_column("Entities partial F1", "entities.partial_f1"),
    headline_column("Dates value F1", "dates.value_f1"),
    headline_column("Figures value F1", "figures.value_f1"),
    headline_column("Claims strict F1", "claims.strict_f1"),
    headline_column("Claims token F1", "claims.token_f1"),
)

# The third-party systems predict entities, dates or figures: their board shows those layers'
# headline metrics (value F1 is credited on the partial scheme's pairs, so partial F1 goes beside
# it).
SYSTEM_COLUMNS = (
    headline_column("Entities strict F1", "entities.strict_f1"),
    headline_column("Entities partial F1", "entities.partial_f1"),
    headline_column("Dates partial F1", "dates.partial_f1"),
    headline_column("Dates value F1", "dates.value_f1"),
    headline_column("Figures partial F1", "figures.partial_f1"),
    headline_column("Figures value F1", "figures.value_f1"),
)
REPRODUCE = "pip install 'newsgold[systems]' && python scripts/leaderboard.py --write"

Interval = tuple[float | None, float | None]


@dataclass(frozen=True)
class Row:
    """One system's line: its name, one number per column (None: nothing to score), and the
    intervals when bootstrapped."""

    system: str
    values: tuple[float | None, ...]
    intervals: tuple[Interval, ...] = ()


def _walk(result: dict[str, Any], path: str) -> Any:
    """The value at a "/"-separated path of a score dict; NewsgoldError naming what exists."""
    node: Any = result
    walked: list[str] = []
    for key in path.split("/"):
        if not isinstance(node, dict) or key not in node:
            known = sorted(node) if isinstance(node, dict) else []
            where = "/".join(walked) or "the top level"
            raise NewsgoldError(
                f"score has no {key!r} under {where}; expected one of {known}", pointer="/" + path
            )
        node = node[key]
        walked.append(key)
    return node


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def lookup(result: dict[str, Any], path: str) -> float | None:
    """The number at a path of a score dict (None where the scorer had nothing to score)."""
    node = _walk(result, path)
    if node is None:
        return None
    if not _number(node):
        raise NewsgoldError(f"score at {path} is {node!r}; expected a number", pointer="/" + path)
    return float(node)


def lookup_interval(result: dict[str, Any], path: str) -> Interval:
    """The [low, high] interval at a path of a score dict."""
    node = _walk(result, path)
    if (
        not isinstance(node, list)
        or len(node) != 2
        or not all(v is None or _number(v) for v in node)
    ):
        raise NewsgoldError(
            f"score at {path} is {node!r}; expected [low, high]", pointer="/" + path
        )
    low, high = node
    return (None if low is None else float(low), None if high is None else float(high))


def leaderboard(
    corpus: Corpus,
    systems: dict[str, list[dict[str, Any]]],
    columns: Sequence[Column] = (),
    bootstrap: int = 0,
    seed: int = SEED,
) -> list[Row]:
    """Score every system's predictions on the corpus; rows in the order systems were given.

    With ``bootstrap`` resamples, each row also carries the columns' intervals.
    """
    from newsgold.scoring import score  # the scorer imports numpy; only the leaderboard needs it

    columns = columns or COLUMNS
    rows = []
    for name, predictions in systems.items():
        result = score(corpus, predictions, bootstrap=bootstrap, seed=seed).to_dict()
        values = tuple(lookup(result, c.path) for c in columns)
        intervals: tuple[Interval, ...] = ()
        if bootstrap:
            intervals = tuple(
                lookup_interval(result, c.interval) if c.interval else (None, None) for c in columns
            )
        rows.append(Row(name, values, intervals))
    return rows


def _format(value: float | None, percent: bool) -> str:
    if value is None:
        return "–"
    return f"{100 * value:.1f}" if percent else f"{value:.3f}"


def to_markdown(rows: Sequence[Row], columns: Sequence[Column] = (), percent: bool = True) -> str:
    """A Markdown table: one row per system, numbers in percent with one decimal by default,
    followed by their interval in brackets when the row has intervals; "–" where nothing was
    scored."""
    columns = columns or COLUMNS
    header = "| System | " + " | ".join(c.header for c in columns) + " |"
    rule = "|---|" + "---:|" * len(columns)
    lines = [header, rule]
    for row in rows:
        cells = [_format(v, percent) for v in row.values]
        for i, (low, high) in enumerate(row.intervals):
            if low is not None or high is not None:
                cells[i] += f" [{_format(low, percent)}, {_format(high, percent)}]"
        lines.append(f"| {row.system} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def _gold_of(corpus: Corpus, split: str) -> Corpus:
    """The gold articles of one split (drafts are never scored)."""
    docs = [
        d
        for d in corpus
        if d.annotations.get("status") == "gold" and d.metadata.get("split") == split
    ]
    return Corpus(corpus.root, docs)


def _third_party(gold: Corpus, names: Sequence[str], progress: ProgressFn | None) -> dict[str, Any]:
    """Each named third-party system's predictions on the gold articles, under ``name version``."""
    from newsgold.adapters import systems
    from newsgold.scoring.harness import predict as run_model

    return {
        systems.describe(name).label: run_model(systems.load(name), gold.documents, name, progress)
        for name in names
    }


def _section(
    corpus: Corpus,
    split: str,
    bootstrap: int,
    seed: int,
    progress: ProgressFn | None,
    third_party: Sequence[str] | None = None,
) -> list[str]:
    """One split's part of the board: its table and what it rests on, or that it has no gold.

    With ``third_party`` (names of ``newsgold.adapters.systems``), the table is of those systems
    beside the rule baseline, in the entities, dates and figures columns.
    """
    gold = _gold_of(corpus, split)
    if not len(gold):
        return [f"No gold articles in {split} yet."]
    systems = {SYSTEM: predict(gold, extract, SYSTEM, progress)}
    columns: Sequence[Column] = COLUMNS
    if third_party is not None:
        systems.update(_third_party(gold, third_party, progress))
        columns = SYSTEM_COLUMNS
    rows = leaderboard(gold, systems, columns, bootstrap=bootstrap, seed=seed)
    table = to_markdown(rows, columns)
    note = f"{len(gold)} gold document(s)."
    if bootstrap:
        note += (
            f" In brackets: the {100 * CONFIDENCE:.0f}% percentile interval over {bootstrap} "
            f"document-level bootstrap resamples (seed {seed})."
        )
        if len(gold) < MIN_DOCUMENTS:
            note += f" With fewer than {MIN_DOCUMENTS} documents these intervals say little."
    return [table.rstrip("\n"), "", note]


def _can_and_cannot(names: Sequence[str]) -> list[str]:
    """The table of what each third-party system predicts (every known system, installed or not)."""
    from newsgold.adapters import systems

    lines = ["| System | Library | Can predict | Cannot predict |", "|---|---|---|---|"]
    for name in names:
        system = systems.describe(name)
        lines.append(f"| {name} | `{system.distribution}` | {system.can()} | {system.cannot} |")
    return lines


def _third_party_part(
    corpus: Corpus,
    names: Sequence[str],
    bootstrap: int,
    seed: int,
    progress: ProgressFn | None,
) -> list[str]:
    """The board of third-party systems: test and validation tables and what each can predict."""
    from newsgold.adapters.systems import MODULES

    return [
        "## Third-party systems",
        "",
        "Extractors people reach for, run by `newsgold predict --system NAME` "
        "(docs/benchmarking.md#third-party-systems: the mapping of each library's output and its limits), "
        "beside the rule baseline. Each is scored only on the layers it predicts; a layer it "
        'does not predict is not scored ("–"), and within a layer it is scored against every '
        "gold type, so a system that predicts some types only (price-parser: MONEY) has its "
        "recall bounded by them. The version is the library's, read when the board was made. "
        "No system was tuned on `test`.",
        "",
        *_can_and_cannot(list(MODULES)),
        "",
        f"A system whose library is not installed is left out of the tables; to add its rows: "
        f"`{REPRODUCE}`. The en_core_web_sm row (spaCy's small English pipeline, entities only) "
        "needs a model download, which these machines cannot make: `pip install "
        "'newsgold[spacy]' && python -m spacy download en_core_web_sm`, then the same command, "
        "or alone: `newsgold predict --system en_core_web_sm --split test --out spacy.jsonl && "
        "newsgold score spacy.jsonl --split test --bootstrap 1000`.",
        "",
        f"### Test (`{REPORT_SPLIT}`)",
        "",
        *_section(corpus, REPORT_SPLIT, bootstrap, seed, progress, names),
        "",
        f"### Validation (`{TUNING_SPLIT}`)",
        "",
        *_section(corpus, TUNING_SPLIT, 0, seed, progress, names),
    ]


def unchecked(page: str, names: Sequence[str]) -> str:
    """The page without the table rows of the named third-party systems: what a check compares
    when their libraries are not installed and their rows cannot be recomputed."""
    rows = tuple(f"| {name} " for name in names)  # "| dateparser 1.5.0 | ..."
    kept = (
        line
        for line in page.splitlines(keepends=True)
        if not line.startswith(rows) or line.startswith(tuple(f"{row}|" for row in rows))
    )
    return "".join(kept)


def corpus_leaderboard(
    corpus: Corpus,
    progress: ProgressFn | None = None,
    bootstrap: int = BOOTSTRAP,
    seed: int = SEED,
    third_party: Sequence[str] | None = None,
) -> str:
    """The Markdown leaderboard of the shipped systems: test with bootstrap intervals, then
    validation, each on its gold articles only.

    With ``third_party`` (names of ``newsgold.adapters.systems``, those installed), a part
    follows with those systems beside the rule baseline; its text is the same whichever are
    installed, only their table rows come and go (``unchecked``)."""
    if bootstrap < 0:
        raise NewsgoldError(f"bootstrap {bootstrap} is negative; expected 0 or more", status=2)
    lines = [
        "# Leaderboard",
        "",
        "Scores in percent on gold articles only (drafts are not scored), made by "
        "`scripts/leaderboard.py` (never typed by hand). A system may be tuned on the "
        f"`{TUNING_SPLIT}` split only; `{REPORT_SPLIT}` is what systems are compared on. The rule "
        "baseline tunes nothing.",
        "",
        f"## Test (`{REPORT_SPLIT}`)",
        "",
        *_section(corpus, REPORT_SPLIT, bootstrap, seed, progress),
        "",
        f"## Validation (`{TUNING_SPLIT}`)",
        "",
        *_section(corpus, TUNING_SPLIT, 0, seed, progress),
        "",
        "The rule baseline's rules were written with the annotation guidelines, whose examples come "
        "from the corpus's first article (the seed, in test), so its scores on that article are "
        "in-sample and overstate it.",
    ]
    if third_party is not None:
        lines += ["", *_third_party_part(corpus, third_party, bootstrap, seed, progress)]
    return "\n".join(lines) + "\n"
