"""Static HTML pages of the annotations: one page per article and an index, no network needed."""

from newsgold.view.build import ViewResult, build_view
from newsgold.view.markup import Mark, build
from newsgold.view.overlay import Classified, classify

__all__ = [
    "Classified",
    "Mark",
    "ViewResult",
    "build",
    "build_view",
    "classify",
]
