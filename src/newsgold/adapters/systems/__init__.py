"""Third-party extractors as models: each library's output mapped to newsgold's items.

One small module per library (``dateparser``, ``recognizers``, ``quantulum``, ``priceparser``,
and ``spacy_english`` for spaCy's English pipeline through the spaCy adapter):
its ``load()`` returns a ``Model`` for ``newsgold predict --system NAME`` and its ``SYSTEM``
says what it is and what it can predict. The libraries are the ``systems`` extra, imported only
when a system is loaded. What each mapping does and where it falls short: docs/benchmarking.md#third-party-systems.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from newsgold.errors import NewsgoldError
from newsgold.scoring.harness import Model

# This package is imported for its names by `newsgold predict --help`; what only running a system
# needs (the corpus's date and span helpers, importlib.metadata) is imported where it is used.

EXTRA = "systems"  # pip install 'newsgold[systems]'

# name -> module of this package; the order is the leaderboard's.
MODULES = {
    "dateparser": "dateparser",
    "recognizers-text": "recognizers",
    "quantulum3": "quantulum",
    "price-parser": "priceparser",
    "en_core_web_sm": "spacy_english",
}


@dataclass(frozen=True)
class System:
    """A third-party system: its name, the distribution that provides it (whose version is read
    when asked), the module it imports, and what it can and cannot predict."""

    name: str
    distribution: str
    module: str
    layers: dict[str, tuple[str, ...]]  # layer -> the types (dates) or kinds (figures) it predicts
    cannot: str  # what it cannot predict, in a phrase

    @property
    def version(self) -> str | None:
        """The installed version of the library, None when it is not installed."""
        import importlib.metadata

        try:
            return importlib.metadata.version(self.distribution)
        except importlib.metadata.PackageNotFoundError:
            return None

    @property
    def label(self) -> str:
        """``name version`` as the leaderboard shows it."""
        return f"{self.name} {self.version or '(not installed)'}"

    def can(self) -> str:
        """What it predicts, in a phrase: ``dates (DATE, TIME)``."""
        return "; ".join(f"{layer} ({', '.join(types)})" for layer, types in self.layers.items())


def _module(name: str) -> Any:
    if name not in MODULES:
        raise NewsgoldError(f"unknown system {name!r}; expected one of {sorted(MODULES)}", status=2)
    return importlib.import_module(f"{__name__}.{MODULES[name]}")


def describe(name: str) -> System:
    """The ``SYSTEM`` description of a named system (its library is not imported)."""
    system: System = _module(name).SYSTEM
    return system


def available(name: str) -> bool:
    """Whether a named system's library imports here (recognizers-text needs emoji<2 too)."""
    try:
        importlib.import_module(describe(name).module)
    except ImportError:
        return False
    return True


def load(name: str) -> Model:
    """The model of a named system; NewsgoldError naming the extra when its library is missing."""
    model: Model = _module(name).load()
    return model


def published(metadata: Mapping[str, Any]) -> dt.datetime:
    """The publication date of a document's metadata, at midnight: the systems' reference time."""
    from newsgold.baselines.rules import publication_date

    day = publication_date(str(metadata.get("published")))
    return dt.datetime(day.year, day.month, day.day)


def located(text: str, needle: str, start: int, system: str) -> tuple[int, int]:
    """Where a string a library returned is in the text: its first whole-word occurrence at or
    after ``start`` (whitespace-flexible), else anywhere; NewsgoldError when it is nowhere, as
    a string is never guessed into a span."""
    from newsgold.formats.anchored import occurrences
    from newsgold.shown import quoted

    found = occurrences(text, needle, start) or occurrences(text, needle)
    if not found:
        raise NewsgoldError(
            f"{system} returned {quoted(needle)}, which is not in the text as whole words "
            f"(looked from offset {start}, then from the start)"
        )
    return found[0]
