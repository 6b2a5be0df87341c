"""Adapters: the systems people already use, as models for ``newsgold predict``.

Each adapter is one small module whose ``load(...)`` returns a ``Model``: a callable
``model(text, metadata)`` returning ``{"entities": [...], "dates": [...], ...}`` with character
offsets into ``text``, exactly what ``newsgold predict --model MODULE:CALLABLE`` expects. The
harness then checks every document's output and streams it to the predictions file.

The libraries behind an adapter are optional extras, imported only when that adapter is used;
``require`` turns a missing one into a message that names the extra to install.
"""

from __future__ import annotations

import importlib
from types import ModuleType

from newsgold.errors import NewsgoldError


def require(module: str, extra: str, what: str) -> ModuleType:
    """Import an adapter's optional library, or say which extra installs it (exit 1).

    >>> require("json", "none", "the standard library").__name__
    'json'
    """
    try:
        return importlib.import_module(module)
    except ImportError as err:
        raise NewsgoldError(
            f"{what} needs the Python package {module!r}, which cannot be imported ({err}); "
            f"install it with: pip install 'newsgold[{extra}]'"
        ) from None
