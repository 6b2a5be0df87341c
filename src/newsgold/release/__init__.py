"""Releases: the corpus as typed Parquet, a Hugging Face dataset card, Croissant and a manifest."""

from __future__ import annotations

from newsgold.release.build import BuildResult, InvalidSources, build
from newsgold.release.hydrate import HydrateResult, hydrate
from newsgold.release.manifest import verify
from newsgold.release.rows import annotations_from_row, metadata_from_row

__all__ = [
    "BuildResult",
    "HydrateResult",
    "InvalidSources",
    "annotations_from_row",
    "build",
    "hydrate",
    "metadata_from_row",
    "verify",
]
