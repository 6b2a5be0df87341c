"""newsgold: an annotated news corpus and the tools that validate, release and score it."""

__version__ = "0.1.0"
SCHEMA_VERSION = "1.0.0"
GUIDELINES_VERSION = "1.8.1"

__all__ = ["GUIDELINES_VERSION", "SCHEMA_VERSION", "__version__"]
