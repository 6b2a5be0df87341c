"""The dataset card (README.md with YAML front matter) and LICENSE.md, generated from the rows.

Everything here is a function of what was written (counts, files, fingerprint), the documents the
release carries (changelog, leaderboard, split record, text repairs), the version and the release
date, so a rebuild of the same sources gives the same card, and ``hydrate`` can regenerate it from
the release alone.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import yaml

from newsgold import SCHEMA_VERSION, __version__
from newsgold.release.features import (
    CONFIGS,
    DEFAULT_CONFIG,
    LABEL_COLUMNS,
    NER_TAGS,
    ONTONOTES_TYPES,
    features,
    label_names,
    to_yaml,
)
from newsgold.release.writer import OTHER_SOURCE, SPLIT_ORDER, Article, Contents, Stats
from newsgold.splits import MIN_DOCUMENTS, SPLITS_FILE

# Documents a release carries beside its card, by their name in the release.
CHANGELOG = "CHANGELOG.md"
LEADERBOARD = "LEADERBOARD.md"
AGREEMENT = "AGREEMENT.md"
REPAIRS = "provenance/text-repairs.json"
SPLIT_RECORD = SPLITS_FILE

TEXT_LIST_LIMIT = 50
# Text licences as Hugging Face licence ids; texts free of conditions (public domain, CC0) add none.
HF_LICENSES = {
    "cc-by-4.0": "cc-by-4.0",
    "cc by 4.0": "cc-by-4.0",
    "cc-by-2.5": "cc-by-2.5",
    "cc by 2.5": "cc-by-2.5",
}
UNCONDITIONAL = {"cc0-1.0", "cc0 1.0", "cc0", "public domain"}
LICENSE_URLS = {
    "cc-by-4.0": "https://creativecommons.org/licenses/by/4.0/",
    "cc-by-2.5": "https://creativecommons.org/licenses/by/2.5/",
    "cc0-1.0": "https://creativecommons.org/publicdomain/zero/1.0/",
}
ANNOTATIONS_LICENSE = "cc-by-4.0"
ANNOTATIONS_LICENSE_NAME = "CC BY 4.0"
LICENSE_NAME = "newsgold-mixed-rights"

CONFIG_PURPOSE = {
    "documents": (
        "article",
        "metadata (with `provenance`), `text`, `status`, and every layer as a nested list: `sections`, `entities`, `dates`, `figures`, `claims`",
    ),
    "entities": (
        "entity mention",
        "`type` (OntoNotes name type), `entity_id` (coreference chain), `wikidata`",
    ),
    "dates": (
        "temporal expression",
        "TIMEX3 `type`, normalised `value`, `mod`, `anchor` (date id), `function` (CREATION_TIME)",
    ),
    "figures": ("numeric expression", "`kind`, `value`, `value_max` (range), `unit`, `modifier`"),
    "claims": (
        "attributed statement (its span is the content)",
        "`source`, `cue`, `quote`, `certainty`, `polarity`, `dates`, `figures`, `reported_on`",
    ),
    "ner": (
        "sentence",
        "`tokens`, `token_starts`, `token_ends`, `ner_tags` (BIO over the OntoNotes 18 types), with `sentence`",
    ),
}
SOURCE_NOTES = {
    "gum": "Wikinews articles of the GUM corpus (one paragraph per line)",
    "meantime": "Wikinews articles of the MEANTIME corpus, by MEANTIME topic",
    OTHER_SOURCE: "articles collected directly, not imported from a corpus",
}
HOLDER_NOTES = {
    "Wikinews contributors": (
        "Wikinews articles published before 25 September 2005 are in the public domain; later ones "
        'are licensed under CC BY 2.5, which requires crediting "Wikinews contributors" with a link '
        "to the article, as the table below does."
    ),
}


@dataclass
class Release:
    """Everything the card, Croissant file and manifest describe."""

    contents: Contents
    stats: Stats
    fingerprint: str
    sizes: dict[str, int]  # relative file -> bytes (data files)
    carried: dict[str, str] = field(default_factory=dict)  # release file name -> text
    date: str | None = None  # the release date, YYYY-MM-DD

    @property
    def changelog(self) -> str | None:
        """The repository's CHANGELOG.md, if carried."""
        return self.carried.get(CHANGELOG)

    @property
    def leaderboard(self) -> str | None:
        """docs/leaderboard.md, if carried."""
        return self.carried.get(LEADERBOARD)

    @property
    def agreement(self) -> str | None:
        """docs/agreement.md (agreement of the two passes before adjudication), if carried."""
        return self.carried.get(AGREEMENT)

    def record(self, name: str) -> dict[str, Any] | None:
        """A carried JSON document (the split record, the text repairs) parsed, or None."""
        text = self.carried.get(name)
        if text is None:
            return None
        data = json.loads(text)
        return data if isinstance(data, dict) else None


def plural(count: int, word: str) -> str:
    """'1 article', '2 articles'."""
    return f"{count} {word}" + ("" if count == 1 else "s")


def ordered_splits(splits: Iterable[str]) -> list[str]:
    """Split names in the usual order (train, validation, test), others after by name."""
    present = set(splits)
    known = [s for s in SPLIT_ORDER if s in present]
    return known + sorted(s for s in present if s not in SPLIT_ORDER)


def _hf_license(license_: str) -> str | None:
    """A text licence as a Hugging Face licence id; "" when it imposes nothing; None if unknown."""
    key = license_.strip().lower()
    if key in UNCONDITIONAL:
        return ""
    return HF_LICENSES.get(key)


def dataset_license(stats: Stats) -> str | list[str]:
    """The card's licence: cc-by-4.0 (the annotations) plus the open licences of the texts carried
    (a list when there are several); "other" when a carried text's licence is not an open one."""
    found = {ANNOTATIONS_LICENSE}
    for (_, license_, _, included), _count in stats.rights.items():
        if not included:
            continue
        known = _hf_license(license_)
        if known is None:
            return "other"
        if known:
            found.add(known)
    return sorted(found) if len(found) > 1 else ANNOTATIONS_LICENSE


def license_url(license_: str, url: str | None) -> str | None:
    """The URL of a licence: the article's own ``rights.license_url``, else a known one."""
    if url:
        return url
    key = license_.strip().lower()
    return LICENSE_URLS.get(HF_LICENSES.get(key, key))


def size_category(documents: int) -> str:
    """The Hub's size category for a number of rows."""
    bounds = [
        (1_000, "n<1K"),
        (10_000, "1K<n<10K"),
        (100_000, "10K<n<100K"),
        (1_000_000, "100K<n<1M"),
    ]
    for bound, name in bounds:
        if documents < bound:
            return name
    return "1M<n<10M"


def front_matter(release: Release) -> dict[str, Any]:
    """The card's YAML metadata: what the Hub and ``datasets.load_dataset`` read.

    A split without rows has no file and is not listed (``datasets`` cannot read an empty Parquet
    file), so every config lists exactly the splits it has rows in.
    """
    stats, contents = release.stats, release.contents
    license_ = dataset_license(stats)
    meta: dict[str, Any] = {"pretty_name": "newsgold", "license": license_}
    if license_ == "other":
        meta["license_name"] = LICENSE_NAME
        meta["license_link"] = "LICENSE.md"
    meta["language"] = sorted({lang.split("-")[0] for lang in stats.languages})
    meta["task_categories"] = ["token-classification"]
    meta["task_ids"] = ["named-entity-recognition", "coreference-resolution"]
    meta["size_categories"] = [size_category(sum(stats.documents.values()))]
    meta["annotations_creators"] = ["expert-generated"]
    meta["source_datasets"] = ["original"]
    configs = []
    infos = []
    for config in CONFIGS:
        if config not in contents.files:
            continue
        splits = ordered_splits(contents.files[config])
        entry: dict[str, Any] = {"config_name": config}
        if config == DEFAULT_CONFIG:
            entry["default"] = True
        entry["data_files"] = [{"split": s, "path": contents.files[config][s]} for s in splits]
        configs.append(entry)
        sizes = {s: release.sizes[contents.files[config][s]] for s in splits}
        infos.append(
            {
                "config_name": config,
                # The description carries the content fingerprint: datasets' cache key covers the
                # card's dataset_info, not the files, so a rebuild with new rows gets a new key.
                "description": f"newsgold {__version__}, config {config}, content fingerprint sha256:{release.fingerprint}",
                "features": to_yaml(dict(features(config))),
                "splits": [
                    {"name": s, "num_bytes": sizes[s], "num_examples": contents.rows[config][s]}
                    for s in splits
                ],
                "download_size": sum(sizes.values()),
                "dataset_size": sum(sizes.values()),
            }
        )
    meta["configs"] = configs
    meta["dataset_info"] = infos
    return meta


def _cell(value: Any) -> str:
    """A Markdown table cell: pipes escaped, line ends flattened."""
    return str(value).replace("|", "\\|").replace("\n", " ")


def _table(header: list[str], rows: list[list[Any]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines.extend("| " + " | ".join(_cell(c) for c in row) + " |" for row in rows)
    return lines


def _link(text: str, url: str | None) -> str:
    """A Markdown link (brackets in the text escaped), or the text alone without a URL."""
    shown = text.replace("[", "\\[").replace("]", "\\]")
    if not url:
        return shown
    escaped = url.translate({ord(c): f"%{ord(c):02X}" for c in " ()<>"})
    return f"[{shown}]({escaped})"


def _per_split(counts: Counter[tuple[str, str]], splits: list[str], label: str) -> list[str]:
    """A table of (key, split) counts: one row per key, one column per split, and a total."""
    keys = sorted({key for key, _ in counts})
    rows = []
    for key in keys:
        values = [counts[(key, s)] for s in splits]
        rows.append([key, *values, sum(values)])
    return _table([label, *splits, "total"], rows)


def _counts(release: Release) -> list[str]:
    stats, contents = release.stats, release.contents
    splits = ordered_splits(stats.documents)
    header = [
        "split",
        "documents",
        "with text",
        "sections",
        "entities",
        "dates",
        "figures",
        "claims",
        "ner sentences",
        "tokens",
    ]
    rows: list[list[Any]] = []
    for split in [*splits, "total"]:
        picked = splits if split == "total" else [split]
        row: list[Any] = [f"**{split}**" if split == "total" else split]
        row.append(sum(stats.documents[s] for s in picked))
        row.append(sum(stats.with_text[s] for s in picked))
        for layer in ("sections", "entities", "dates", "figures", "claims"):
            row.append(sum(stats.layers[(layer, s)] for s in picked))
        row.append(sum(contents.rows.get("ner", {}).get(s, 0) for s in picked))
        row.append(sum(stats.tokens[s] for s in picked))
        rows.append(row)
    lines = ["Per split:", "", *_table(header, rows)]
    if any(status != "gold" for status, _ in stats.status):
        lines += [
            "",
            "Per annotation status (`status`; drafts are included in this build):",
            "",
            *_per_split(stats.status, splits, "status"),
        ]
    lines += ["", "Per source (articles):", "", *_per_split(stats.sources, splits, "source")]
    notes = [f"`{k}`: {v}" for k, v in SOURCE_NOTES.items() if _has_source(stats, k)]
    if notes:
        lines += ["", "; ".join(notes) + "."]
    lines += ["", "Per layer and type (annotations):", "", *_types(release)]
    return lines


def _has_source(stats: Stats, prefix: str) -> bool:
    return any(source.split("/")[0] == prefix for source, _ in stats.sources)


def _types(release: Release) -> list[str]:
    stats = release.stats
    splits = ordered_splits(stats.documents)
    rows: list[list[Any]] = []
    for layer in ("sections", "entities", "dates", "figures", "claims"):
        kinds = sorted({t for (lay, t, _) in stats.types if lay == layer})
        for kind in kinds:
            counts = [stats.types[(layer, kind, s)] for s in splits]
            rows.append([layer, kind, *counts, sum(counts)])
    return _table(["layer", "type", *splits, "total"], rows)


def _labels() -> list[str]:
    """The closed value sets of the label columns, from the annotation schema."""
    rows = []
    for item, columns in LABEL_COLUMNS.items():
        where = "every config" if item == "row" else f"`{item}`"
        for column in columns:
            names = label_names(item, column) or []
            rows.append([where, f"`{column}`", ", ".join(names)])
    return _table(["in", "column", "values (null where the field is optional)"], rows)


def _splits(release: Release) -> list[str]:
    stats = release.stats
    record = release.record(SPLIT_RECORD)
    present = ordered_splits(stats.documents)
    lines: list[str] = []
    if "train" not in present:
        lines.append(
            "newsgold is an evaluation set: there is **no train split**. Train on other data; "
            "tune (rules, thresholds, prompts, checkpoints) on `validation` only, and report `test`."
        )
        lines.append("")
    if record is not None:
        size = len(record.get("validation") or [])
        lines.append(
            f"`validation` is {plural(size, 'article')} of the sources, a sample stratified by source "
            "and MEANTIME topic and spread over publication years within each stratum, drawn with "
            f"the fixed seed {record.get('seed')} (`{SPLIT_RECORD}`, shipped with this release, "
            "lists them and the method); `test` is every other article. An article's split never "
            "changes."
        )
    else:
        lines.append("Splits come from each article's metadata `split`, which never changes.")
    expected = ["validation", "test"] if record is not None else []
    for split in expected:
        if split in present:
            continue
        why = (
            "its articles are still drafts, left out of this build (`newsgold build "
            "--include-drafts` adds them)"
            if stats.drafts_left_out
            else "no article of this build belongs to it"
        )
        lines += [
            "",
            f"**No gold articles in `{split}` yet**: {why}, so this release has no `{split}` split "
            f'(`load_dataset(..., split="{split}")` fails; a Parquet file cannot be empty).',
        ]
    lines += [
        "",
        "In this release: " + ", ".join(f"{s} {stats.documents[s]}" for s in present) + ".",
    ]
    return lines


def _repairs(release: Release) -> list[str]:
    record = release.record(REPAIRS)
    if record is None:
        return []
    repairs = [r for r in record.get("repairs") or [] if isinstance(r, dict)]
    lines = ["### Text repairs", ""]
    if not repairs:
        return [*lines, f"No text of this release was repaired on import (`{REPAIRS}` is empty)."]
    per_rule = Counter(str(r.get("rule")) for r in repairs)
    reason: dict[str, str] = {}
    articles: dict[str, set[str]] = {}
    for r in repairs:
        reason.setdefault(str(r.get("rule")), str(r.get("reason", "")))
        articles.setdefault(str(r.get("rule")), set()).add(str(r.get("doc_id")))
    rows = [
        [f"`{rule}`", count, len(articles[rule]), reason[rule]]
        for rule, count in sorted(per_rule.items(), key=lambda kv: (-kv[1], kv[0]))
    ]
    lines.append(
        f"Tokenisation artefacts of the source corpora were repaired on import: {len(repairs)} "
        f"repairs in {plural(len({r.get('doc_id') for r in repairs}), 'article')}. Every one, with "
        f"its offsets in the source text, the old and new strings, rule and reason, is listed in "
        f"`{REPAIRS}` (shipped with this release); each article's `provenance.repairs` counts its own."
    )
    return [*lines, "", *_table(["rule", "repairs", "articles", "what"], rows)]


def _sources(release: Release) -> list[str]:
    lines: list[str] = []
    if _has_source(release.stats, "meantime"):
        lines += [
            "MEANTIME texts are **one sentence per line**: MEANTIME keeps tokens and sentence "
            "boundaries but neither whitespace nor paragraphs, so newsgold rebuilt each text from "
            "its tokens with a rule-based detokeniser, one sentence per line (`provenance.text_origin` "
            "says how each text was made). Their `sections` and `ner` sentences follow those lines; "
            "the original paragraphs are lost.",
            "",
        ]
    lines += _repairs(release)
    return lines or ["Every article's text is stored exactly as published."]


def _textless(release: Release) -> list[str]:
    stats = release.stats
    total = sum(stats.documents.values())
    lines = []
    if not stats.textless:
        lines.append(f"All {total} articles carry their text.")
    else:
        lines.append(
            f"Released **without text**: {len(stats.textless)} of {plural(total, 'article')}, because their "
            "rights holder does not allow redistribution (`rights.redistribute` is false) or the release "
            "was built with `newsgold build --no-text`. In their rows `text`, every span's `text` and the "
            "`ner` config's `tokens` are null; offsets, labels, `text_sha256` and `url` are kept:"
        )
        lines.append("")
        shown = stats.textless[:TEXT_LIST_LIMIT]
        lines.extend(f"- `{doc_id}`" for doc_id in shown)
        if len(stats.textless) > len(shown):
            lines.append(
                f"- and {len(stats.textless) - len(shown)} more (all listed in `MANIFEST.json`)"
            )
        lines.append("")
        lines.append(
            "To restore them, save each article's text as `<doc_id>.txt` (UTF-8, exactly as the "
            "newsgold sources store it: its sha256 must equal the row's `text_sha256`) in one folder and run:"
        )
        lines.append("")
        lines.append("```sh")
        lines.append("newsgold hydrate path/to/release --texts path/to/texts")
        lines.append("```")
        lines.append("")
        lines.append(
            "It refuses any text whose sha256 differs, fills in texts, span texts and tokens, and "
            "rewrites the Parquet files, this card and `MANIFEST.json`."
        )
    if stats.hydrated:
        lines.append("")
        lines.append(
            f"**This copy carries {len(stats.hydrated)} text(s) restored with `newsgold hydrate` whose "
            "rights do not allow redistribution: keep it for your own use and do not publish it.**"
        )
    return lines


def attribution(release: Release) -> list[str]:
    """Who wrote every article, under what licence, and where it was published: a table."""
    articles = sorted(release.stats.articles, key=lambda a: (a.published, a.doc_id))
    groups: dict[tuple[str, str], list[Article]] = {}
    for article in articles:
        groups.setdefault((article.holder, article.license), []).append(article)
    lines = [
        "Article texts belong to their rights holders. Every article of this release, with its "
        "title, original URL, rights holder and licence:",
        "",
    ]
    for (holder, license_), members in sorted(groups.items()):
        first, last = members[0].published, members[-1].published
        span = first if first == last else f"{first} to {last}"
        url = license_url(license_, members[0].license_url)
        lines.append(
            f"- {holder}: {plural(len(members), 'article')}, {_link(license_, url)}, published {span}"
        )
    notes = [HOLDER_NOTES[h] for h in sorted({a.holder for a in articles}) if h in HOLDER_NOTES]
    if notes:
        lines += ["", *notes]
    rows = [
        [
            _link(a.title, a.url),
            a.published,
            a.holder,
            _link(a.license, license_url(a.license, a.license_url)),
            "yes" if a.has_text else "no",
        ]
        for a in articles
    ]
    header = ["article", "published", "rights holder", "licence", "text in this copy"]
    return [*lines, "", *_table(header, rows)]


def _ner_notes(release: Release) -> list[str]:
    ner = release.stats.ner
    types = ", ".join(ONTONOTES_TYPES)
    return [
        f"`ner_tags` are BIO tags over the {len(ONTONOTES_TYPES)} OntoNotes 5 types ({types}): "
        f"{len(NER_TAGS)} labels with `O`, stored as a ClassLabel (integer ids, "
        '`ds.features["ner_tags"].feature.int2str`) as Hugging Face token classification expects. '
        "Entities keep their type; dates are DATE or TIME (TIMEX3 DURATION and SET count as DATE, "
        "as in OntoNotes); figures take their kind (CARDINAL, MONEY, PERCENT, QUANTITY, ORDINAL).",
        "",
        "Tokens and sentences are computed by `newsgold.tokenize` from the text alone (no model): a "
        "token is a number with its inner separators, a clitic such as `'s`, a run of letters and "
        "digits, or any other single character; a sentence ends at a line end or after `.`, `!`, `?` "
        "before an opening character, except after abbreviations and initials. Each row keeps its "
        "`doc_id` and `sentence` number, so document boundaries are never lost.",
        "",
        f"Of {ner['spans']} entity, date and figure spans, {ner['dropped_overlap']} overlapped an "
        f"earlier or longer span and are not tagged, {ner['widened']} end inside a token and tag the "
        f"whole token, and {ner['sentences_joined']} sentence boundaries were removed because a span "
        "crossed them. The `documents` and layer configs keep every span exactly.",
    ]


def _drafts(release: Release) -> list[str]:
    stats = release.stats
    drafts = sum(n for (status, _), n in stats.status.items() if status != "gold")
    if drafts:
        return [
            f"**{plural(drafts, 'article')} of this build {'is a draft' if drafts == 1 else 'are drafts'}** (`status: draft`: one "
            "annotation pass, not adjudicated; layers may be incomplete or empty). Every config has a "
            "`status` column: keep `gold` rows to evaluate.",
            "",
        ]
    if stats.drafts_left_out:
        return [
            f"Only gold articles are released: {plural(stats.drafts_left_out, 'draft article')} of "
            f"the sources {'is' if stats.drafts_left_out == 1 else 'are'} left out (`newsgold build "
            "--include-drafts` adds them, with `status` "
            "draft in every config).",
            "",
        ]
    return []


def body(release: Release) -> str:
    """The card's Markdown body."""
    stats = release.stats
    total = sum(stats.documents.values())
    guidelines = ", ".join(sorted(stats.guidelines)) or "none"
    schemas = ", ".join(sorted(stats.schemas)) or SCHEMA_VERSION
    dated = f" of {release.date}" if release.date else ""
    statuses = Counter[str]()
    for (status, _), n in stats.status.items():
        statuses[status] += n
    lines = [
        "# newsgold",
        "",
        f"An annotated news corpus for information extraction: {plural(total, 'article')} annotated in "
        "four layers (entities with coreference, attributed claims, TIMEX3 dates, figures). "
        f"Release **{__version__}**{dated}, content fingerprint `sha256:{release.fingerprint}`.",
        "",
        *_drafts(release),
    ]
    if stats.synthetic:
        lines += [
            f"**{stats.synthetic} of these articles are synthetic** (generated text, `synthetic: true`).",
            "",
        ]
    lines += [
        "## Loading",
        "",
        "```python",
        "from datasets import load_dataset",
        'documents = load_dataset("path/to/release")          # the default config',
        'ner = load_dataset("path/to/release", "ner")          # CoNLL-style token classification',
        "```",
        "",
        "Each config is also plain Parquet under `data/<config>/<split>-*.parquet`, typed (int32 "
        "offsets, nested lists of structs) with the Hugging Face features in the files' schema "
        "metadata. Label columns (`type`, `kind`, `mod`, `modifier`, `function`, `quote`, "
        "`certainty`, `polarity`, `status`, section types) are **strings**, so pandas, DuckDB and "
        "polars show their names; only the `ner` config's `ner_tags` are ClassLabel ids. "
        "`croissant.json` describes the files in MLCommons Croissant; `MANIFEST.json` lists every "
        "file's sha256 and the row counts.",
        "",
        "## Configs",
        "",
    ]
    rows = [
        [
            f"`{c}`" + (" (default)" if c == DEFAULT_CONFIG else ""),
            CONFIG_PURPOSE[c][0],
            CONFIG_PURPOSE[c][1],
        ]
        for c in CONFIGS
        if c in release.contents.files
    ]
    lines += _table(
        ["config", "one row per", "fields besides `doc_id`, `status` and the span"], rows
    )
    missing = [c for c in CONFIGS if c not in release.contents.files]
    if missing:
        lines += [
            "",
            "Not in this release because no article has rows for them: "
            + ", ".join(f"`{c}`" for c in missing)
            + ".",
        ]
    lines += [
        "",
        "Every span has `id` (unique in its document across layers), `start`, `end` and `text`. The "
        "layer configs hold one row per annotation sorted by `doc_id` and offsets; in `documents` "
        "the layers keep the order of the annotation files, and `newsgold.release.annotations_from_row` "
        "turns a row back into the annotation JSON, losslessly. A config has only the splits it has "
        "rows in. The label columns take these values:",
        "",
        *_labels(),
        "",
        "## Offsets",
        "",
        "Offsets count **Unicode code points** over the article text exactly as stored (Python `str` "
        "indices, not UTF-16 units or bytes), **end exclusive**: `text[start:end] == span.text`. Texts "
        "are UTF-8, NFC, with LF line ends.",
        "",
        "## Splits",
        "",
        *_splits(release),
        "",
        "## Counts",
        "",
        *_counts(release),
        "",
        "## Sources",
        "",
        *_sources(release),
        "",
        "## Token classification (`ner`)",
        "",
        *_ner_notes(release),
        "",
        "## Texts and rights",
        "",
        *_textless(release),
        "",
        "## Attribution",
        "",
        *attribution(release),
        "",
        "## Annotation",
        "",
        f"Annotated following the newsgold guidelines, version {guidelines} (`docs/guidelines.md` in "
        f"the source repository), in annotation schema version {schemas}. Status: "
        + ", ".join(f"{n} {s}" for s, n in sorted(statuses.items()))
        + ". Gold annotations come from two independent passes and an adjudication; drafts from one pass.",
        "",
        "### Agreement of the two passes",
        "",
        *_agreement(release),
        "",
        "## Scoring a model",
        "",
        "Write one JSON object per document and line (`schema/predictions.schema.json`: `doc_id` and "
        "the layers you predict, with offsets as above) and score it against this release:",
        "",
        "```sh",
        "newsgold score predictions.jsonl --gold path/to/release --split test --bootstrap 1000",
        "```",
        "",
        f"Only gold articles are scored. With fewer than {MIN_DOCUMENTS} documents, confidence "
        "intervals and significance tests say little (`newsgold score` warns).",
        "",
        "## Leaderboard",
        "",
        "Systems may be tuned on `validation` only. The leaderboard reports `test` scores with "
        "document-level bootstrap intervals, and `validation` scores separately; both count gold "
        "articles only.",
        "",
        *_leaderboard(release),
        "",
        "## Licence",
        "",
        f"Annotations: {ANNOTATIONS_LICENSE_NAME}. Article texts belong to their rights holders "
        "(see Attribution above); `LICENSE.md` lists each holder, licence and whether this copy "
        "carries the texts.",
        "",
        "## Citation",
        "",
        "```bibtex",
        "@misc{newsgold,",
        "  title = {newsgold: an annotated news corpus of entities, claims, TIMEX3 dates and figures},",
        "  author = {{newsgold contributors}},",
        f"  note = {{Release {__version__}, content fingerprint sha256:{release.fingerprint}}}",
        "}",
        "```",
        "",
        "## Changelog",
        "",
    ]
    if release.changelog:
        lines.append(_demote(release.changelog).strip())
    else:
        lines.append("No changelog was provided with these sources.")
    return "\n".join(lines) + "\n"


def _agreement(release: Release) -> list[str]:
    if not release.agreement:
        return ["No agreement record was provided with these sources (`scripts/agreement.py`)."]
    text = release.agreement.split("\n", 1)[1]  # without its title: this section names it
    text = text.split("\n## Per article")[0]  # per-article figures stay in AGREEMENT.md
    return [_demote(_demote(text)).strip(), "", "Per article: `AGREEMENT.md` in this release."]


def _leaderboard(release: Release) -> list[str]:
    if not release.leaderboard:
        return [
            "No leaderboard was provided with these sources (`scripts/leaderboard.py` makes one)."
        ]
    return [_demote(release.leaderboard).strip()]


def _demote(markdown: str) -> str:
    """Push headings two levels down (a changelog's "# Changelog" / "## 0.1.0" under this card's ##)."""
    out = []
    for line in markdown.splitlines():
        if line.startswith("# "):
            continue
        out.append("#" + line if line.startswith("##") else line)
    return "\n".join(out)


def render(release: Release) -> str:
    """The whole README.md: YAML front matter and body."""
    meta = yaml.safe_dump(front_matter(release), sort_keys=False, allow_unicode=True, width=100)
    return f"---\n{meta}---\n\n{body(release)}"


def license_text(release: Release) -> str:
    """LICENSE.md: the annotations' licence, every text rights holder's terms, the attribution."""
    lines = [
        "# Licence of this newsgold release",
        "",
        "The annotations and metadata are licensed under Creative Commons Attribution 4.0 "
        "International (CC BY 4.0, https://creativecommons.org/licenses/by/4.0/).",
        "",
        "The article texts belong to their rights holders:",
        "",
    ]
    rows = []
    for (holder, license_, redistribute, included), count in sorted(release.stats.rights.items()):
        rows.append(
            [holder, license_, "yes" if redistribute else "no", "yes" if included else "no", count]
        )
    lines += _table(
        ["rights holder", "licence", "may be redistributed", "texts in this copy", "articles"], rows
    )
    lines += ["", "## Attribution", "", *attribution(release)]
    return "\n".join(lines) + "\n"
