"""The book's matplotlib style, applied in a scoped context to every figure the library draws.

All sizes, fonts and colours shared by the figures live in ``lanicemine_lib/lanicemine.mplstyle``. The
decorator :func:`styled` wraps each function that builds a figure: the style is active while the figure is
built (``plt.style.context``) and is gone afterwards, so the reader's own matplotlib settings are never
changed. Because tick labels are created lazily when a figure is first drawn, the wrapped function's figure is
laid out once inside the context (``Figure.draw_without_rendering``), so its ticks take the style's sizes too.

Sizes (points) the figure code uses besides the style's defaults: :data:`NOTE_SIZE` for footnotes and small
annotations, the smallest text in any figure.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import ParamSpec, TypeVar

import matplotlib.pyplot as plt
from matplotlib.figure import Figure

__all__ = ["NOTE_SIZE", "STYLE_PATH", "WIDTH_IN", "book_style", "styled"]

#: The style file (shipped inside the package).
STYLE_PATH = Path(__file__).resolve().parents[1] / "lanicemine.mplstyle"

#: Width of every figure (inches). With the style's smallest text (10 pt) this keeps text at or above
#: 8 CSS px when a phone shows the figure in its 358-px text column.
WIDTH_IN = 6.0

#: Footnotes and small annotations (points): the smallest text in a figure.
NOTE_SIZE = 10.0

P = ParamSpec("P")
R = TypeVar("R")


def book_style():
    """The book's style as a context manager: ``with book_style(): ...`` (restores every setting on exit)."""
    return plt.style.context(str(STYLE_PATH))


def styled(func: Callable[P, R]) -> Callable[P, R]:
    """Build the figure that ``func`` returns with the book's style active (scoped; nothing global changes)."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with book_style():
            result = func(*args, **kwargs)
            if isinstance(result, Figure):
                result.draw_without_rendering()
        return result

    return wrapper
