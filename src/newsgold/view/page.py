"""The HTML of the article pages and the index page: self-contained, every value escaped."""

from __future__ import annotations

import base64
import hashlib
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from html import escape
from importlib import resources
from typing import Any
from urllib.parse import urlsplit

from newsgold import __version__
from newsgold.schemas import enum
from newsgold.view.layers import LAYER_CLASS, LAYERS, Item, Lookup, claim_refs, show
from newsgold.view.markup import class_token
from newsgold.view.overlay import PREDICTED_LAYERS, STATUSES

STATUS_LABEL = {
    "correct": "correct (gold and predicted)",
    "missed": "missed (gold only)",
    "spurious": "spurious (predicted only)",
}


def e(value: Any) -> str:
    """Escape any value for HTML text or a quoted attribute."""
    return escape(str(value), quote=True)


@cache
def asset(name: str) -> str:
    """One of the inlined assets (view.css, view.js)."""
    return (resources.files("newsgold.view") / "assets" / name).read_text("utf-8")


def _digest(content: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(content.encode("utf-8")).digest()).decode(
        "ascii"
    )


def _head(title: str, language: str, script: bool) -> str:
    # The policy allows exactly the inlined style and script (by hash) and nothing from anywhere.
    css = asset("view.css")
    scripts = f"'{_digest(asset('view.js'))}'" if script else "'none'"
    policy = (
        f"default-src 'none'; style-src '{_digest(css)}'; script-src {scripts}; img-src data:; "
        "base-uri 'none'; form-action 'none'"
    )
    return (
        f'<!DOCTYPE html>\n<html lang="{e(language)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{e(policy)}">\n'
        '<meta name="referrer" content="no-referrer">\n'
        f'<meta name="generator" content="newsgold {e(__version__)}">\n'
        f"<title>{e(title)}</title>\n<style>{css}</style>\n</head>\n"
    )


def source_link(url: Any) -> str:
    """The article's URL as a link when it is http(s), else as plain text (no javascript: links)."""
    if not isinstance(url, str) or not url:
        return "no URL"
    if urlsplit(url).scheme.lower() in {"http", "https"}:
        return f'<a href="{e(url)}" rel="noopener noreferrer">{e(url)}</a>'
    return e(url)


@dataclass
class Overlay:
    """What an article page says about predictions: file, system, counts per layer and status."""

    file: str
    system: str | None
    present: bool
    counts: dict[str, Counter[str]] = field(default_factory=dict)


def status_counts(found: list[Item]) -> dict[str, Counter[str]]:
    """Overlay statuses counted per predicted layer."""
    counts: dict[str, Counter[str]] = {layer: Counter() for layer in PREDICTED_LAYERS}
    for item in found:
        if item.status:
            counts[item.layer][item.status] += 1
    return counts


def layer_counts(annotations: dict[str, Any]) -> dict[str, int]:
    """Number of gold spans per layer."""
    return {layer: len(annotations.get(layer) or []) for layer in LAYERS}


def _status_table(counts: dict[str, Counter[str]]) -> str:
    rows = []
    totals: Counter[str] = Counter()
    for layer in PREDICTED_LAYERS:
        totals.update(counts.get(layer, Counter()))
        cells = "".join(f'<td class="num">{counts.get(layer, Counter())[s]}</td>' for s in STATUSES)
        rows.append(f"<tr><td>{e(layer)}</td>{cells}</tr>")
    foot = "".join(f'<td class="num">{totals[s]}</td>' for s in STATUSES)
    head = "".join(f'<th class="num">{e(s)}</th>' for s in STATUSES)
    return (
        f'<table class="counts"><thead><tr><th>layer</th>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody><tfoot><tr><td>all</td>{foot}</tr></tfoot></table>"
    )


def _toggle(name: str, label: str, count: int | None, swatch: str = "") -> str:
    n = f'<span class="n">{count}</span>' if count is not None else ""
    return (
        f'<label class="toggle"><input type="checkbox" checked data-toggle="{e(name)}"> '
        f"{swatch}{e(label)}{n}</label>"
    )


def _legend(found: list[Item], overlay: Overlay | None) -> str:
    present = Counter(str(i.span.get("type")) for i in found if i.layer == "entities")
    chips = []
    for kind in enum("entity_type"):
        count = f" {present[kind]}" if present[kind] else ""
        chips.append(f'<span class="sw {class_token("ent-" + kind)}">{e(kind)}{count}</span>')
    entities = "".join(chips)
    rows = [
        f'<div class="legend-row"><b>entities</b> {entities}</div>',
        '<div class="legend-row"><b>dates</b> <span class="sw date">TIMEX3 value</span>'
        ' <b>figures</b> <span class="sw fig">value unit</span></div>',
        '<div class="legend-row"><b>claims</b> <span class="sw clm-source">source</span> '
        '<span class="sw clm-cue">cue</span> <span class="sw clm-content">content</span></div>',
        '<div class="legend-row"><b>sections</b> a light band labelled with the section type</div>',
        '<div class="legend-row"><b>links</b> <span class="sw m lit">refers to</span> '
        '<span class="sw m coref">same entity</span> (hover or click a claim; Esc unpins)</div>',
    ]
    if overlay is not None:
        statuses = " ".join(f'<span class="sw st-{s}">{e(s)}</span>' for s in STATUSES)
        rows.append(
            f'<div class="legend-row"><b>overlay</b> {statuses} '
            '<span class="sw st-correct diff">correct span, attribute differs</span></div>'
        )
    return '<section class="panel legend"><h2>Legend</h2>' + "".join(rows) + "</section>"


def _claim_item(item: Item, lookup: Lookup) -> str:
    span = item.span
    source = span.get("source")
    cue = span.get("cue")
    who = "(no source)"
    if isinstance(source, dict):
        who = lookup.text[source["start"] : source["end"]]
    said = (
        f' <span class="cue">{e(lookup.text[cue["start"] : cue["end"]])}</span>'
        if isinstance(cue, dict)
        else ""
    )
    content = lookup.text[span["start"] : span["end"]]
    if len(content) > 160:
        content = content[:159] + "…"
    facts = [
        show(span.get(k)) for k in ("quote", "certainty", "polarity") if span.get(k) is not None
    ]
    refs = [lookup.describe(r) for r in claim_refs(span) if r != span.get("reported_on")]
    if refs:
        facts.append("refers to " + "; ".join(refs))
    if span.get("reported_on"):
        facts.append("reported on " + lookup.describe(str(span["reported_on"])))
    if item.status:
        facts.append(item.status)
    for name, ours, theirs in item.diffs:
        facts.append(f"predicted {name}: {show(theirs)} (gold {show(ours)})")
    label = "predicted" if item.predicted else item.uid
    status = f" st-{item.status}" if item.status else ""
    return (
        f'<li class="claim-item{status}" tabindex="0" data-claim="{e(item.uid)}">'
        f'<b>{e(label)}</b> <span class="who">{e(who)}</span>{said}'
        f'<span class="what">“{e(content)}”</span><small>{e(" · ".join(facts))}</small></li>'
    )


def _claims_panels(found: list[Item], lookup: Lookup) -> str:
    """The claims panel, counting and listing gold claims, and a panel of spurious predicted claims
    (only when there are some): a prediction is no claim of the article."""
    claims = [i for i in found if i.layer == "claims"]
    out = []
    for title, listed, panel_id in (
        ("Claims", [i for i in claims if not i.predicted], "claims"),
        ("Spurious predicted claims", [i for i in claims if i.predicted], "spurious-claims"),
    ):
        if listed or panel_id == "claims":
            rows = "".join(_claim_item(i, lookup) for i in listed)
            out.append(
                f'\n<section class="panel" id="{panel_id}"><h2>{title} ({len(listed)})</h2>'
                f'<ol class="claims">{rows}</ol></section>\n'
            )
    return "".join(out)


def article_page(
    doc_id: str,
    metadata: dict[str, Any],
    annotations: dict[str, Any],
    markup: str,
    found: list[Item],
    lookup: Lookup,
    incidents: list[str],
    overlay: Overlay | None,
) -> str:
    """The full HTML page of one article."""
    title = str(metadata.get("title") or doc_id)
    facts = [
        str(metadata.get("publisher") or ""),
        f"published {metadata.get('published', '?')}",
        f"split {metadata.get('split', '?')}",
        f"annotations {annotations.get('status', '?')}",
        f"guidelines {annotations.get('guidelines_version', '?')}",
    ]
    if metadata.get("byline"):
        facts.insert(1, str(metadata["byline"]))
    annotators = ", ".join(str(a) for a in annotations.get("annotators") or [])
    parts = [
        _head(f"{title} · newsgold", str(metadata.get("language") or "en"), script=True),
        '<body>\n<header class="top">\n',
        '<nav class="crumbs"><a href="../index.html">All articles</a></nav>\n',
        f"<h1>{e(title)}</h1>\n",
        f'<p class="meta">{" · ".join(e(f) for f in facts if f)} · <code>{e(doc_id)}</code></p>\n',
        f'<p class="meta">Source: {source_link(metadata.get("url"))}</p>\n',
    ]
    if annotators:
        parts.append(f'<p class="meta">Annotators: {e(annotators)}</p>\n')
    if incidents:
        listed = "".join(f"<li>{e(i)}</li>" for i in incidents[:20])
        more = f"<li>… and {len(incidents) - 20} more</li>" if len(incidents) > 20 else ""
        parts.append(
            f'<div class="banner" id="incidents"><b>{len(incidents)} validation incident(s)</b>: '
            f"drawn as stored; run <code>newsgold validate</code>.<ul>{listed}{more}</ul></div>\n"
        )
    parts.append(
        '<noscript><p class="meta">Toggles, tooltips and claim links need JavaScript; '
        "the highlights do not.</p></noscript>\n</header>\n"
    )
    parts.append(f'<div class="layout">\n<main><div id="text" class="text">{markup}</div></main>\n')
    parts.append('<aside class="side">\n')
    gold = layer_counts(annotations)
    toggles = "".join(
        _toggle(
            layer, layer, gold[layer], f'<span class="swatch {LAYER_CLASS[layer]}-swatch"></span>'
        )
        for layer in LAYERS
    )
    parts.append(f'<section class="panel"><h2>Layers</h2>{toggles}</section>\n')
    if overlay is not None:
        system = f" ({e(overlay.system)})" if overlay.system else ""
        if overlay.present:
            boxes = "".join(
                _toggle(s, STATUS_LABEL[s], sum(c[s] for c in overlay.counts.values()))
                for s in STATUSES
            )
            body = boxes + _status_table(overlay.counts)
            note = " · matched on exact offsets and type"
        else:
            body = "<p>No line for this document in the predictions file: gold only.</p>"
            note = ""
        parts.append(
            f'<section class="panel" id="overlay"><h2>Predictions</h2>'
            f"<p><code>{e(overlay.file)}</code>{system}{note}</p>{body}</section>\n"
        )
    parts.append(_legend(found, overlay))
    parts.append(_claims_panels(found, lookup))
    parts.append('</aside>\n</div>\n<div id="tip" role="tooltip" hidden></div>\n')
    parts.append(f"<script>{asset('view.js')}</script>\n</body>\n</html>\n")
    return "".join(parts)


@dataclass
class IndexRow:
    """One article on the index page."""

    doc_id: str
    metadata: dict[str, Any]
    status: str
    counts: dict[str, int]
    incidents: int
    overlay: dict[str, int] | None


def index_page(
    rows: list[IndexRow],
    overlay_file: str | None,
    system: str | None,
    totals: dict[str, Counter[str]] | None,
) -> str:
    """The index page: every viewed article with its counts per layer (and overlay statuses)."""
    numeric = [*LAYERS, "incidents", *(STATUSES if overlay_file is not None else ())]
    head = ['<th class="num">#</th>']
    head += [f"<th>{h}</th>" for h in ("article", "published", "publisher", "split", "status")]
    head += [f'<th class="num">{e(h)}</th>' for h in numeric]
    sums: Counter[str] = Counter()
    body = []
    for number, row in enumerate(rows, start=1):
        title = str(row.metadata.get("title") or row.doc_id)
        cells = [
            f'<td class="num">{number}</td>',
            f'<td class="doc"><a href="articles/{e(row.doc_id)}.html">{e(title)}</a><br>'
            f"<code>{e(row.doc_id)}</code></td>",
            f'<td class="nowrap">{e(row.metadata.get("published", ""))}</td>',
            *(f"<td>{e(row.metadata.get(k, ''))}</td>" for k in ("publisher", "split")),
            f"<td>{e(row.status)}</td>",
            *(f'<td class="num">{row.counts[layer]}</td>' for layer in LAYERS),
            f'<td class="num">{row.incidents}</td>',
        ]
        sums.update(row.counts)
        sums["incidents"] += row.incidents
        if overlay_file is not None:
            if row.overlay is None:
                cells += ['<td class="num">–</td>'] * len(STATUSES)
            else:
                cells += [f'<td class="num">{row.overlay[s]}</td>' for s in STATUSES]
                sums.update({f"st-{s}": row.overlay[s] for s in STATUSES})
        body.append("<tr>" + "".join(cells) + "</tr>")
    foot = ["<td></td>", f'<td class="doc">{len(rows)} article(s)</td>', "<td></td>" * 4]
    foot += [f'<td class="num">{sums[layer]}</td>' for layer in LAYERS]
    foot += [f'<td class="num">{sums["incidents"]}</td>']
    if overlay_file is not None:
        foot += [f'<td class="num">{sums["st-" + s]}</td>' for s in STATUSES]
    table = (
        '<div class="table-box"><table class="counts" id="articles"><thead><tr>'
        + "".join(head)
        + "</tr></thead><tbody>"
        + "".join(body)
        + "</tbody><tfoot><tr>"
        + "".join(foot)
        + "</tr></tfoot></table></div>"
    )
    parts = [
        _head("newsgold corpus", "en", script=False),
        '<body>\n<header class="top">\n<h1>newsgold corpus</h1>\n',
        f'<p class="meta">{len(rows)} article(s); annotations per layer, counted whatever the '
        "article's status (gold or draft: see the status column). Open an article to see its "
        "annotations.</p>\n",
    ]
    if overlay_file is not None and totals is not None:
        system_note = f" ({e(system)})" if system else ""
        parts.append(
            f'<section class="panel" id="overlay"><h2>Predictions</h2>'
            f"<p><code>{e(overlay_file)}</code>{system_note} against gold, matched on exact "
            f"offsets and type.</p>{_status_table(totals)}</section>\n"
        )
    parts.append(f'</header>\n<main class="index">{table}</main>\n</body>\n</html>\n')
    return "".join(parts)
