"""Figure functions of the book, one module per topic; each returns a matplotlib Figure (never shows it).

A figure function *draws*: it takes data or calls public functions of :mod:`lanicemine_lib.pk`,
:mod:`~lanicemine_lib.mechanism`, :mod:`~lanicemine_lib.trials` and :mod:`~lanicemine_lib.safety`, and holds no
computation of its own that a chapter teaches. The book's shared style is public here, so that a chapter can
draw a figure in its own (folded) cell the same way: decorate the function with :func:`styled`, make it
:data:`WIDTH_IN` wide and keep text at or above :data:`NOTE_SIZE` points.
"""

from ._style import NOTE_SIZE, WIDTH_IN, book_style, styled

__all__ = ["NOTE_SIZE", "WIDTH_IN", "book_style", "styled"]
