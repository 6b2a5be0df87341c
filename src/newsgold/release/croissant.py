"""croissant.json: MLCommons Croissant 1.0 metadata of a release, derived from the same features.

Each Parquet file is a FileObject with its sha256; each config is a FileSet over its files and a
RecordSet whose fields extract the columns (nested structs as subFields, lists as repeated fields).

Licences: the dataset's ``license`` lists every licence that applies (the annotations' CC BY 4.0
and the licence of every text the copy carries). Croissant 1.0 defines no licence on a RecordSet;
each RecordSet still carries schema.org ``license`` with the licences of its own rows (a config
whose rows carry no text is CC BY 4.0 alone), which mlcroissant 1.1.1 keeps as an extra property
without a warning.
"""

from __future__ import annotations

from typing import Any

from datasets import ClassLabel, List, Value

from newsgold import __version__
from newsgold.release.card import (
    ANNOTATIONS_LICENSE,
    CONFIG_PURPOSE,
    LICENSE_URLS,
    Release,
    license_url,
    ordered_splits,
)
from newsgold.release.features import CONFIGS, features, label_names

CONFORMS_TO = "http://mlcommons.org/croissant/1.0"
# The standard Croissant 1.0 @context, as the specification gives it.
CONTEXT: dict[str, Any] = {
    "@language": "en",
    "@vocab": "https://schema.org/",
    "citeAs": "cr:citeAs",
    "column": "cr:column",
    "conformsTo": "dct:conformsTo",
    "cr": "http://mlcommons.org/croissant/",
    "rai": "http://mlcommons.org/croissant/RAI/",
    "data": {"@id": "cr:data", "@type": "@json"},
    "dataType": {"@id": "cr:dataType", "@type": "@vocab"},
    "dct": "http://purl.org/dc/terms/",
    "equivalentProperty": "cr:equivalentProperty",
    "examples": {"@id": "cr:examples", "@type": "@json"},
    "extract": "cr:extract",
    "field": "cr:field",
    "fileProperty": "cr:fileProperty",
    "fileObject": "cr:fileObject",
    "fileSet": "cr:fileSet",
    "format": "cr:format",
    "includes": "cr:includes",
    "isLiveDataset": "cr:isLiveDataset",
    "jsonPath": "cr:jsonPath",
    "key": "cr:key",
    "md5": "cr:md5",
    "parentField": "cr:parentField",
    "path": "cr:path",
    "recordSet": "cr:recordSet",
    "references": "cr:references",
    "regex": "cr:regex",
    "repeated": "cr:repeated",
    "replace": "cr:replace",
    "samplingRate": "cr:samplingRate",
    "sc": "https://schema.org/",
    "separator": "cr:separator",
    "source": "cr:source",
    "subField": "cr:subField",
    "transform": "cr:transform",
}
DATA_TYPES = {
    "string": "sc:Text",
    "int32": "sc:Integer",
    "int64": "sc:Integer",
    "float64": "sc:Float",
    "bool": "sc:Boolean",
}
PARQUET = "application/x-parquet"
# The dataset's landing page. The project has no public address yet: the domain of its schema
# $ids (https://schemas.newsgold.org/...) stands for it until the release is published.
DATASET_URL = "https://newsgold.org/"
CREATOR = {"@type": "sc:Organization", "name": "newsgold contributors"}


def _leaf(feature: Any, labels: list[str] | None = None) -> tuple[str, str]:
    """(dataType, description) of a scalar feature; ``labels``: a label column's closed set."""
    if isinstance(feature, ClassLabel):
        ids = ", ".join(f"{i} {name}" for i, name in enumerate(feature.names))
        return "sc:Integer", f"label id: {ids}"
    if isinstance(feature, Value):
        return DATA_TYPES[feature.dtype], f"label, one of: {', '.join(labels)}" if labels else ""
    raise TypeError(f"not a scalar feature: {feature!r}")


def _source(config: str, column: str, path: str | None = None) -> dict[str, Any]:
    source: dict[str, Any] = {
        "fileSet": {"@id": f"{config}-parquet"},
        "extract": {"column": column},
    }
    if path:
        source["transform"] = {"jsonPath": path}
    return source


def _scalar(
    field_id: str,
    name: str,
    feature: Any,
    source: dict[str, Any],
    repeated: bool,
    labels: list[str] | None = None,
) -> dict[str, Any]:
    data_type, description = _leaf(feature, labels)
    out: dict[str, Any] = {"@type": "cr:Field", "@id": field_id, "name": name}
    if description:
        out["description"] = description
    out["dataType"] = data_type
    if repeated:
        out["repeated"] = True
    out["source"] = source
    return out


def _item_fields(
    config: str, column: str, parent: str, item: dict[str, Any], prefix: str = ""
) -> list[dict[str, Any]]:
    """Subfields of a list of structs: one per leaf, nested structs flattened into a_b names."""
    out: list[dict[str, Any]] = []
    for name, sub in item.items():
        path = f"{prefix}.{name}" if prefix else name
        flat = path.replace(".", "_")
        if isinstance(sub, dict):
            out.extend(_item_fields(config, column, parent, sub, path))
        elif isinstance(sub, List):
            out.append(
                _scalar(f"{parent}/{flat}", flat, sub.feature, _source(config, column, path), True)
            )
        else:
            labels = label_names(column, path)
            source = _source(config, column, path)
            out.append(_scalar(f"{parent}/{flat}", flat, sub, source, False, labels))
    return out


def _split_field(config: str) -> dict[str, Any]:
    """A field holding the split, read from the file name (documents rows carry it themselves)."""
    return {
        "@type": "cr:Field",
        "@id": f"{config}/split",
        "name": "split",
        "description": "the split, from the file name",
        "dataType": "sc:Text",
        "source": {
            "fileSet": {"@id": f"{config}-parquet"},
            "extract": {"fileProperty": "filename"},
            "transform": {"regex": r"^(\w+)-\d{5}-of-\d{5}\.parquet$"},
        },
    }


def record_fields(config: str) -> list[dict[str, Any]]:
    """The cr:Fields of one config's RecordSet."""
    feats = features(config)
    out: list[dict[str, Any]] = [] if "split" in feats else [_split_field(config)]
    for name, feature in feats.items():
        field_id = f"{config}/{name}"
        if isinstance(feature, dict):
            subs = [
                _scalar(f"{field_id}/{sub}", sub, leaf, _source(config, name, sub), False)
                for sub, leaf in feature.items()
            ]
            out.append({"@type": "cr:Field", "@id": field_id, "name": name, "subField": subs})
        elif isinstance(feature, List) and isinstance(feature.feature, dict):
            subs = _item_fields(config, name, field_id, feature.feature)
            out.append(
                {
                    "@type": "cr:Field",
                    "@id": field_id,
                    "name": name,
                    "repeated": True,
                    "subField": subs,
                }
            )
        elif isinstance(feature, List):
            out.append(_scalar(field_id, name, feature.feature, _source(config, name), True))
        else:
            labels = label_names("row", name) or label_names(config, name)
            out.append(_scalar(field_id, name, feature, _source(config, name), False, labels))
    return out


def licenses(release: Release, config: str | None = None) -> list[str]:
    """Licence URLs of the whole release, or of one config's rows: the annotations' licence, then
    those of the texts carried, sorted ("LICENSE.md" for a licence without a known URL)."""
    texts = release.stats.text_licenses
    carried = texts.get(config, set()) if config else set().union(*texts.values())
    urls = {license_url(name, url) or "LICENSE.md" for name, url in carried}
    first = LICENSE_URLS[ANNOTATIONS_LICENSE]
    return [first, *sorted(urls - {first})]


def croissant(release: Release, sha256: dict[str, str]) -> dict[str, Any]:
    """The Croissant JSON-LD document of a release (sha256: relative data file -> hex digest)."""
    contents = release.contents
    distribution: list[dict[str, Any]] = []
    record_sets: list[dict[str, Any]] = []
    for config in CONFIGS:
        if config not in contents.files:
            continue
        for split in ordered_splits(contents.files[config]):
            path = contents.files[config][split]
            distribution.append(
                {
                    "@type": "cr:FileObject",
                    "@id": path,
                    "name": path,
                    "description": f"config {config}, split {split}, {contents.rows[config][split]} rows",
                    "contentUrl": path,
                    "contentSize": f"{release.sizes[path]} B",
                    "encodingFormat": PARQUET,
                    "sha256": sha256[path],
                }
            )
        distribution.append(
            {
                "@type": "cr:FileSet",
                "@id": f"{config}-parquet",
                "name": f"{config}-parquet",
                "description": f"the Parquet files of config {config}, one per split",
                "encodingFormat": PARQUET,
                "includes": f"data/{config}/*.parquet",
            }
        )
        record_sets.append(
            {
                "@type": "cr:RecordSet",
                "@id": config,
                "name": config,
                "description": f"one row per {CONFIG_PURPOSE[config][0]}",
                "license": licenses(release, config),
                "field": record_fields(config),
            }
        )
    cite = (
        "@misc{newsgold, title = {newsgold: an annotated news corpus of entities, claims, TIMEX3 dates "
        f"and figures}}, author = {{{{newsgold contributors}}}}, note = {{Release {__version__}}}}}"
    )
    out: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": "sc:Dataset",
        "conformsTo": CONFORMS_TO,
        "name": "newsgold",
        "description": (
            "An annotated news corpus for information extraction: entities with coreference, attributed "
            "claims, TIMEX3 dates and figures, with offsets in Unicode code points (end exclusive). "
            "Annotations CC BY 4.0; article texts under their rights holders' licences (LICENSE.md). "
            f"Content fingerprint sha256:{release.fingerprint}."
        ),
        "creator": CREATOR,
        "url": DATASET_URL,
        "license": licenses(release),
        "version": __version__,
    }
    if release.date:
        out["datePublished"] = release.date
    out.update(
        {
            "citeAs": cite,
            "inLanguage": sorted({lang.split("-")[0] for lang in release.stats.languages}),
            "distribution": distribution,
            "recordSet": record_sets,
        }
    )
    return out
