"""The dataset card (README.md with YAML front matter) and LICENSE.md, generated from the rows.

Everything here is a function of what was written (counts, files, fingerprint) plus the version
and the changelog, so a rebuild of the same sources gives the same card, and ``hydrate`` can
regenerate it from the release alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

from newsgold import SCHEMA_VERSION, __version__
from newsgold.release.features import (
    CONFIGS,
    DEFAULT_CONFIG,
    NER_TAGS,
    ONTONOTES_TYPES,
    features,
    to_yaml,
)
from newsgold.release.writer import SPLIT_ORDER, Contents, Stats

TEXT_LIST_LIMIT = 50
OPEN_LICENSES = {
    "cc-by-4.0": "cc-by-4.0",
    "cc by 4.0": "cc-by-4.0",
    "cc0-1.0": "cc0-1.0",
    "cc0 1.0": "cc0-1.0",
}
ANNOTATIONS_LICENSE = "cc-by-4.0"
LICENSE_NAME = "newsgold-mixed-rights"

CONFIG_PURPOSE = {
    "documents": (
        "article",
        "metadata, `text`, and every layer as a nested list: `sections`, `entities`, `dates`, `figures`, `claims`",
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
        "`tokens`, `token_starts`, `token_ends`, `ner_tags` (BIO over the OntoNotes 18 types), with `doc_id` and `sentence`",
    ),
}


@dataclass
class Release:
    """Everything the card, Croissant file and manifest describe."""

    contents: Contents
    stats: Stats
    fingerprint: str
    sizes: dict[str, int]  # relative file -> bytes (data files)
    changelog: str | None
    leaderboard: str | None = None


def plural(count: int, word: str) -> str:
    """'1 article', '2 articles'."""
    return f"{count} {word}" + ("" if count == 1 else "s")


def ordered_splits(splits: Any) -> list[str]:
    """Split names in the usual order (train, validation, test), others after by name."""
    known = [s for s in SPLIT_ORDER if s in splits]
    return known + sorted(s for s in splits if s not in SPLIT_ORDER)


def dataset_license(stats: Stats) -> str:
    """cc-by-4.0 when every text carried is open (or none is); otherwise "other"."""
    for (_, license_, _, included), _count in stats.rights.items():
        if included and license_.strip().lower() not in OPEN_LICENSES:
            return "other"
    return ANNOTATIONS_LICENSE


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
    """The card's YAML metadata: what the Hub and ``datasets.load_dataset`` read."""
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


def _table(header: list[str], rows: list[list[Any]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines.extend("| " + " | ".join(str(c) for c in row) + " |" for row in rows)
    return lines


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
    return _table(header, rows)


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


def _ner_notes(release: Release) -> list[str]:
    ner = release.stats.ner
    types = ", ".join(ONTONOTES_TYPES)
    return [
        f"`ner_tags` are BIO tags over the {len(ONTONOTES_TYPES)} OntoNotes 5 types ({types}): "
        f"{len(NER_TAGS)} labels with `O`. Entities keep their type; dates are DATE or TIME (TIMEX3 "
        "DURATION and SET count as DATE, as in OntoNotes); figures take their kind (CARDINAL, MONEY, "
        "PERCENT, QUANTITY, ORDINAL).",
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


def body(release: Release) -> str:
    """The card's Markdown body."""
    stats = release.stats
    total = sum(stats.documents.values())
    guidelines = ", ".join(sorted(stats.guidelines)) or "none"
    schemas = ", ".join(sorted(stats.schemas)) or SCHEMA_VERSION
    lines = [
        "# newsgold",
        "",
        f"An annotated news corpus for information extraction: {plural(total, 'article')} annotated in "
        "four layers (entities with coreference, attributed claims, TIMEX3 dates, figures). "
        f"Release **{__version__}**, content fingerprint `sha256:{release.fingerprint}`.",
        "",
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
        "offsets, nested lists of structs, ClassLabels for closed label sets) with the Hugging Face "
        "features in the files' schema metadata. `croissant.json` describes the files in MLCommons "
        "Croissant; `MANIFEST.json` lists every file's sha256 and the row counts.",
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
    lines += _table(["config", "one row per", "fields besides `doc_id` and the span"], rows)
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
        "turns a row back into the annotation JSON, losslessly.",
        "",
        "## Offsets",
        "",
        "Offsets count **Unicode code points** over the article text exactly as stored (Python `str` "
        "indices, not UTF-16 units or bytes), **end exclusive**: `text[start:end] == span.text`. Texts "
        "are UTF-8, NFC, with LF line ends.",
        "",
        "## Counts",
        "",
        *_counts(release),
        "",
        *_types(release),
        "",
        "## Token classification (`ner`)",
        "",
        *_ner_notes(release),
        "",
        "## Texts and rights",
        "",
        *_textless(release),
        "",
        "## Annotation",
        "",
        f"Annotated following the newsgold guidelines, version {guidelines} (`docs/guidelines.md` in "
        f"the source repository), in annotation schema version {schemas}. Status: "
        + ", ".join(f"{n} {s}" for s, n in sorted(stats.status.items()))
        + ". Gold annotations come from two independent passes and an adjudication; drafts from one pass.",
        "",
        "## Scoring a model",
        "",
        "Write one JSON object per document and line (`schema/predictions.schema.json`: `doc_id` and "
        "the layers you predict, with offsets as above) and score it against this release:",
        "",
        "```sh",
        "newsgold score predictions.jsonl --gold path/to/release",
        "```",
        "",
        "## Leaderboard",
        "",
        *_leaderboard(release),
        "",
        "## Licence",
        "",
        "Annotations: CC BY 4.0. Article texts belong to their rights holders; see `LICENSE.md` for "
        "each holder, licence and whether this release carries the texts.",
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
    """LICENSE.md: the annotations' licence and every text rights holder's terms."""
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
    return "\n".join(lines) + "\n"
