"""Rendering score, comparison and agreement results as terminal tables or Markdown."""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsgold.scoring.counts import Accuracy, Scores

if TYPE_CHECKING:
    from newsgold.scoring.agree import Agreement
    from newsgold.scoring.score import ScoreResult
    from newsgold.scoring.stats import Comparison

REPORT_SCHEME = "strict"  # the scheme whose per-type rows the reports show (JSON has all)


def number(value: float | None) -> str:
    """A score with three decimals, or an en dash when undefined."""
    return "–" if value is None else f"{value:.3f}"


def _numeric(cell: str) -> bool:
    return cell in ("", "–") or cell.replace(".", "", 1).replace("-", "", 1).isdigit()


def table(header: list[str], rows: list[list[str]], markdown: bool = False) -> str:
    """Rows under a header: aligned columns (numbers to the right), or a Markdown table."""
    if markdown:
        lines = [header, ["---"] * len(header), *rows]
        return "\n".join("| " + " | ".join(row) + " |" for row in lines)
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    right = [i > 0 and all(_numeric(r[i]) for r in rows) for i in range(len(header))]

    def line(row: list[str]) -> str:
        cells = [
            c.rjust(w) if r else c.ljust(w) for c, w, r in zip(row, widths, right, strict=True)
        ]
        return "  ".join(cells).rstrip()

    return "\n".join([line(header), *(line(r) for r in rows)])


def _summary(result: ScoreResult) -> str:
    missing = len(result.missing)
    text = (
        f"predictions {result.predictions or '-'}: {len(result.documents)} document(s) "
        f"scored, {missing} without predictions (scored as predicting nothing)"
    )
    if result.ignored:
        text += f", {len(result.ignored)} predicted document(s) not scored (draft or another split)"
    if result.unpredicted:
        text += f"; not predicted (no scores): {', '.join(result.unpredicted)}"
    text += f"; figure value tolerance {result.tolerance:g}"
    mapped = label_map_line(result)
    return text if mapped is None else text + "\n" + mapped


def label_map_line(result: ScoreResult) -> str | None:
    """What a label map did: the map, the gold types left out and the spans dropped."""
    block = result.label_map_dict()
    if block is None:
        return None
    labels = "; ".join(f"{k} = {' '.join(v)}" for k, v in block["labels"].items())
    text = f"entities scored with label map {block['name']} ({labels})"
    if not block["left_out_types"]:
        return text + "; no gold type left out"
    spans = block["left_out_spans"]
    dropped = ", ".join(f"{t} {c['gold']}" for t, c in spans.items() if c["gold"])
    return (
        f"{text}; left out: gold types {', '.join(block['left_out_types'])}, "
        f"{block['left_out_gold_spans']} gold span(s) ({dropped or 'none'}) and "
        f"{block['left_out_predicted_spans']} predicted span(s) of those types"
    )


NOT_PREDICTED = "not predicted"


def _cell(result: ScoreResult, name: str, value: float | None) -> str:
    """A headline value, or "not predicted" for a layer the predictions never have."""
    return number(value) if result.predicted(name.split(".")[0]) else NOT_PREDICTED


def _headline_rows(result: ScoreResult) -> list[list[str]]:
    interval = result.bootstrap.intervals if result.bootstrap else {}
    rows = []
    for name, value in result.headline().items():
        row = [name, _cell(result, name, value)]
        if result.bootstrap:
            low, high = interval.get(name, (None, None))
            row.append(f"[{number(low)}, {number(high)}]")
        rows.append(row)
    return rows


def _scheme_rows(result: ScoreResult, layer: str) -> list[list[str]]:
    rows = []
    for name, cells in result.totals[layer].schemes.items():
        c = cells.overall()
        s = cells.scores()
        macro = cells.macro()
        counts = [c.cor, c.inc, c.par, c.mis, c.spu, c.possible, c.actual]
        rows.append(
            [
                name,
                *map(str, counts),
                number(s.precision),
                number(s.recall),
                number(s.f1),
                number(macro["f1"]),
            ]
        )
    return rows


def _type_rows(result: ScoreResult, layer: str) -> list[list[str]]:
    rows = []
    for label, t in result.totals[layer].schemes[REPORT_SCHEME].by_label().items():
        s = t.scores
        rows.append(
            [
                label,
                str(s.possible),
                str(s.actual),
                number(s.precision),
                number(s.recall),
                number(s.f1),
            ]
        )
    return rows


def _metric_rows(result: ScoreResult, layer: str) -> list[list[str]]:
    rows = []
    for name, m in result.metrics(layer).items():
        if isinstance(m, Scores):
            rows.append([name, number(m.precision), number(m.recall), number(m.f1), ""])
        elif isinstance(m, Accuracy):
            rows.append([name, "", "", "", f"{number(m.value)} ({m.correct}/{m.total})"])
    return rows


SCHEME_HEADER = [
    "scheme",
    "COR",
    "INC",
    "PAR",
    "MIS",
    "SPU",
    "POS",
    "ACT",
    "P",
    "R",
    "F1",
    "macro F1",
]
TYPE_HEADER = [f"type ({REPORT_SCHEME})", "POS", "ACT", "P", "R", "F1"]
METRIC_HEADER = ["metric", "P", "R", "F1", "accuracy"]


def _sections(result: ScoreResult, markdown: bool, heading: str) -> list[str]:
    out = []
    for layer in result.layers:
        out.append(f"{heading}{layer}")
        if not result.predicted(layer):
            out.append(f"{NOT_PREDICTED}: no document of the predictions has the key {layer!r}")
            continue
        out.append(table(SCHEME_HEADER, _scheme_rows(result, layer), markdown))
        types = _type_rows(result, layer)
        if types and layer != "claims":
            out.append(table(TYPE_HEADER, types, markdown))
        metrics = _metric_rows(result, layer)
        if metrics:
            out.append(table(METRIC_HEADER, metrics, markdown))
    return out


def _per_doc(result: ScoreResult, markdown: bool) -> str:
    per = result.per_document()
    names = list(result.headline())
    rows = [
        [doc_id, *(_cell(result, n, values[n]) for n in names)] for doc_id, values in per.items()
    ]
    return table(["document", *names], rows, markdown)


def score_table(result: ScoreResult, per_doc: bool = False) -> str:
    """The plain-text report."""
    header = ["headline", "score"] + (["bootstrap CI"] if result.bootstrap else [])
    parts = [_summary(result), table(header, _headline_rows(result))]
    parts.extend(_sections(result, False, "== "))
    if per_doc:
        parts.extend(["== per document", _per_doc(result, False)])
    return "\n\n".join(parts) + "\n"


def score_markdown(result: ScoreResult, per_doc: bool = False) -> str:
    """The Markdown report: a one-row leaderboard table first, then the details."""
    names = list(result.headline())
    values = result.headline()
    leaderboard = table(
        ["system", *names],
        [[result.predictions or "-", *(_cell(result, n, values[n]) for n in names)]],
        True,
    )
    parts = ["## newsgold scores", _summary(result), leaderboard]
    if result.bootstrap:
        b = result.bootstrap
        header = [
            "headline",
            "score",
            f"{b.confidence:.0%} CI ({b.samples} resamples, seed {b.seed})",
        ]
        parts.append(table(header, _headline_rows(result), True))
    parts.extend(_sections(result, True, "### "))
    if per_doc:
        parts.extend(["### per document", _per_doc(result, True)])
    return "\n\n".join(parts) + "\n"


def comparison_text(comparison: Comparison, markdown: bool = False) -> str:
    """The paired test as a table: A, B, difference and p-value per headline metric."""
    rows = [
        [name, number(t.a), number(t.b), number(t.difference), number(t.p_value)]
        for name, t in comparison.tests.items()
    ]
    intro = (
        f"A = {comparison.a.predictions}, B = {comparison.b.predictions}: "
        f"{len(comparison.a.documents)} document(s), paired {comparison.method} test, "
        f"{comparison.samples} rounds, seed {comparison.seed}"
    )
    return intro + "\n\n" + table(["headline", "A", "B", "A - B", "p"], rows, markdown) + "\n"


def agreement_text(agreement: Agreement, markdown: bool = False, limit: int | None = None) -> str:
    """Agreement per layer, kappas, value agreement, then the disagreements."""
    parts = [
        f"A = {agreement.a}, B = {agreement.b}: {len(agreement.documents)} document(s) compared"
        + (f"; only in A: {len(agreement.only_a)}" if agreement.only_a else "")
        + (f"; only in B: {len(agreement.only_b)}" if agreement.only_b else "")
    ]
    rows = []
    for layer, la in agreement.layers.items():
        strict, partial = la.span_scores("strict"), la.span_scores("partial")
        rows.append([layer, str(la.size_a), str(la.size_b), number(strict.f1), number(partial.f1)])
    parts.append(table(["layer", "A", "B", "strict F1", "partial F1"], rows, markdown))
    rows = []
    for layer, la in agreement.layers.items():
        for k in la.kappas:
            rows.append([f"{layer}.{k.attribute}", str(k.n), number(k.observed), number(k.kappa)])
        for name, acc in la.values.items():
            rows.append([f"{layer}.{name}", str(acc.total), number(acc.value), ""])
    parts.append(table(["attribute (matched spans)", "n", "agreement", "kappa"], rows, markdown))
    shown = agreement.disagreements if limit is None else agreement.disagreements[:limit]
    title = f"{len(agreement.disagreements)} disagreement(s)"
    if len(shown) < len(agreement.disagreements):
        title += f", first {len(shown)} shown"
    parts.append(title)
    if shown and markdown:
        rows = [
            [d.doc_id, d.layer, ", ".join(d.fields), d.reading("a"), d.reading("b")] for d in shown
        ]
        parts.append(table(["document", "layer", "differs in", "A", "B"], rows, markdown))
    elif shown:
        lines = []
        for d in shown:
            lines.append(f"{d.doc_id} {d.layer}: {', '.join(d.fields)}")
            lines.extend([f"  A: {d.reading('a')}", f"  B: {d.reading('b')}"])
        parts.append("\n".join(lines))
    return "\n\n".join(parts) + "\n"
