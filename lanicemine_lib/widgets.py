"""Widgets that keep working in the static HTML book, where no Python kernel is running.

A chapter writes its figure code once, as a function ``plot(value) -> matplotlib.figure.Figure``.
:class:`Explorer` then builds two views from that same function:

- :meth:`Explorer.static` — a *kernel-free* widget: the figure is rendered at build time for every value
  on a small grid, the frames go into an ``ipywidgets.Stack``, and a ``SelectionSlider`` is linked to the
  stack with ``ipywidgets.jslink``. The link runs in the browser, so moving the slider on the published page
  switches frames with no server. Every frame is an ``<img>`` with alt text that starts with the control's
  value and unit, and the slider's readout shows the same value. Frames are SVG by default: sharp at any
  zoom or screen density, and about half the bytes and time of a PNG of the same figure.
- :meth:`Explorer.live` — a fine-grained slider whose callback calls ``plot`` again; it needs a running
  kernel (JupyterLab). Chapters put it in a cell tagged ``remove-cell`` so the HTML book shows only the
  kernel-free view.

:func:`live_controls` is the live view with several controls at once (one figure, re-rendered by the kernel
whenever a control changes), for a demo whose idea needs more than one knob.

A chapter builds each demo in its own cells: it chooses the values, label, unit and caption (``describe``);
the figure function comes from :mod:`lanicemine_lib.figures`.

No state is kept between calls; figures are closed after rendering.
"""

from __future__ import annotations

import base64
import html
import io
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

import ipywidgets as widgets
import matplotlib
import matplotlib.pyplot as plt
from matplotlib.figure import Figure

from ._validation import check_choice, check_int, check_number, check_sequence
from .figures._style import book_style

__all__ = ["Explorer", "figure_to_png", "figure_to_svg", "frame_html", "live_controls"]

PlotFunction = Callable[[float], Figure]

#: Allowed displayed width of a frame, CSS pixels.
_WIDTH_RANGE_PX = (1, 4000)


def _check_figure(fig: object) -> Figure:
    if not isinstance(fig, Figure):
        raise ValueError(f"fig must be a matplotlib Figure (matplotlib.figure.Figure); got {type(fig).__name__}")
    return fig


def figure_to_png(fig: Figure, dpi: int = 96) -> bytes:
    """Render ``fig`` to PNG bytes and close it.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure to render.
    dpi : int
        Resolution in dots per inch, in [50, 300]. The book uses 2× the CSS size for sharp frames on
        high-density screens by setting ``dpi`` and halving the displayed width.
    """
    _check_figure(fig)
    dpi = check_int("dpi", dpi, "dots per inch", 50, 300)
    buffer = io.BytesIO()
    with book_style():
        fig.savefig(buffer, format="png", dpi=dpi, bbox_inches="tight")
    plt.close(fig)
    return buffer.getvalue()


def figure_to_svg(fig: Figure) -> bytes:
    """Render ``fig`` to SVG bytes (text kept as text, so it stays small and crisp) and close it."""
    _check_figure(fig)
    buffer = io.BytesIO()
    with book_style(), matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "lanicemine"}):
        fig.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    plt.close(fig)
    return buffer.getvalue()


_MIME = {"png": "image/png", "svg": "image/svg+xml"}


def frame_html(image: bytes, alt: str, css_width_px: int | None = None, fmt: str = "png") -> str:
    """Return an ``<img>`` element embedding ``image`` (PNG or SVG bytes) as a data URI, with escaped alt text.

    ``css_width_px`` is the displayed width in CSS pixels, a whole number in [1, 4000], or ``None`` (natural size).
    """
    if not isinstance(image, (bytes, bytearray, memoryview)):
        raise ValueError(f"image must be the PNG or SVG bytes of a figure (bytes); got {type(image).__name__}")
    if not isinstance(alt, str):
        raise ValueError(f"alt must be a non-empty description of the figure (text); got {alt!r}")
    if not alt.strip():
        raise ValueError("alt must be a non-empty description of the figure (text); got an empty string")
    if css_width_px is not None:
        css_width_px = check_int("css_width_px", css_width_px, "CSS pixels", *_WIDTH_RANGE_PX)
    fmt = check_choice("fmt", fmt, tuple(_MIME))
    encoded = base64.b64encode(image).decode("ascii")
    style = f' style="width:{css_width_px}px;max-width:100%;height:auto"' if css_width_px else ""
    return (
        f'<img class="lanicemine-frame" src="data:{_MIME[fmt]};base64,{encoded}" '
        f'alt="{html.escape(alt, quote=True)}"{style}>'
    )


@dataclass(frozen=True)
class Explorer:
    """One interactive demo: a plotting function and the control it explores.

    Parameters
    ----------
    plot : callable
        ``plot(value) -> Figure``. Must not show the figure; :class:`Explorer` renders and closes it.
    values : sequence of float
        The grid of control values for the kernel-free view (2 to 25 values, strictly increasing).
    label : str
        The control's name as shown to the reader, e.g. ``"Dose"``.
    unit : str
        The control's unit, e.g. ``"mg"`` (``""`` for dimensionless).
    describe : callable
        ``describe(value) -> str``: the figure's alt text for that value (what a sighted reader would see).
        The full alt text is ``"{label} {value} {unit}: {describe(value)}"``.
    initial : float, optional
        The value shown first (must be on the grid); defaults to the middle of the grid.
    fmt : str
        Format spec for the value in readouts and alt text (default ``"g"``).
    image_format : {"svg", "png"}
        Frame format. SVG (default) stays sharp at any zoom; PNG is there for figures with very many
        artists, where an SVG would be large.
    dpi : int
        Resolution of PNG frames.
    width_px : int
        Displayed width of a frame in CSS pixels.
    """

    plot: PlotFunction
    values: Sequence[float]
    label: str
    unit: str
    describe: Callable[[float], str]
    initial: float | None = None
    fmt: str = "g"
    image_format: str = "svg"
    dpi: int = 96
    width_px: int = 640
    _grid: tuple[float, ...] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        if not isinstance(self.unit, str):
            raise ValueError(f'unit must be text (str; "" for dimensionless); got {self.unit!r}')
        if not isinstance(self.label, str) or not self.label.strip():
            raise ValueError(f"label must be a non-empty name of the control (text); got {self.label!r}")
        values = check_sequence(
            "values", self.values, f"2 to 25 strictly increasing control values ({self.unit or '-'})"
        )
        grid = tuple(check_number("values", v, self.unit or "-") for v in values)
        if not 2 <= len(grid) <= 25:
            raise ValueError(f"values must hold 2 to 25 control values ({self.unit or '-'}); got {len(grid)}")
        if any(b <= a for a, b in zip(grid, grid[1:])):
            raise ValueError(f"values must be strictly increasing ({self.unit or '-'}); got {grid}")
        if self.initial is not None and self.initial not in grid:
            raise ValueError(f"initial must be one of the grid values {grid} {self.unit}; got {self.initial!r}")
        check_choice("image_format", self.image_format, tuple(_MIME))
        if not callable(self.plot):
            raise ValueError(f"plot must be a function value -> matplotlib Figure (callable); got {self.plot!r}")
        if not callable(self.describe):
            raise ValueError(f"describe must be a function value -> alt text (callable); got {self.describe!r}")
        try:
            format(grid[0], self.fmt)
        except (TypeError, ValueError):
            raise ValueError(f"fmt must be a format spec for a float (e.g. 'g', '.1f'); got {self.fmt!r}") from None
        check_int("dpi", self.dpi, "dots per inch", 50, 300)
        check_int("width_px", self.width_px, "CSS pixels", *_WIDTH_RANGE_PX)
        object.__setattr__(self, "_grid", grid)

    # -- text ---------------------------------------------------------------------------------------
    def value_text(self, value: float) -> str:
        """The value with its unit, as shown in the readout and at the start of the alt text."""
        text = format(value, self.fmt)
        return f"{text} {self.unit}".strip()

    def alt_text(self, value: float) -> str:
        """Alt text of the frame for ``value``."""
        return f"{self.label} {self.value_text(value)}: {self.describe(value)}"

    @property
    def initial_index(self) -> int:
        """Index of the first frame shown."""
        if self.initial is None:
            return len(self._grid) // 2
        return self._grid.index(self.initial)

    # -- views --------------------------------------------------------------------------------------
    def frame(self, value: float) -> str:
        """Render the frame for one value as an ``<img>`` element."""
        fig = self.plot(value)
        image = figure_to_svg(fig) if self.image_format == "svg" else figure_to_png(fig, dpi=self.dpi)
        return frame_html(image, self.alt_text(value), css_width_px=self.width_px, fmt=self.image_format)

    def static(self) -> widgets.VBox:
        """The kernel-free view: a slider linked in the browser to precomputed frames."""
        frames = [widgets.HTML(value=self.frame(v)) for v in self._grid]
        stack = widgets.Stack(children=frames, selected_index=self.initial_index)
        slider = widgets.SelectionSlider(
            options=[(self.value_text(v), i) for i, v in enumerate(self._grid)],
            index=self.initial_index,
            description=self.label,
            continuous_update=True,
            style={"description_width": "initial"},
            layout=widgets.Layout(width="min(560px, 100%)"),
        )
        widgets.jslink((slider, "index"), (stack, "selected_index"))
        box = widgets.VBox([slider, stack])
        box.add_class("lanicemine-explorer")
        return box

    def live(self, low: float, high: float, step: float) -> widgets.VBox:
        """A fine-grained slider that re-renders with the kernel (JupyterLab only).

        ``low``, ``high`` and ``step`` are in the control's unit; ``low < high`` and ``step > 0``.
        """
        low = check_number("low", low, self.unit or "-")
        high = check_number("high", high, self.unit or "-", low, low_open=True)
        step = check_number("step", step, self.unit or "-", 0, high - low, low_open=True)
        start = min(max(self._grid[self.initial_index], low), high)
        slider = widgets.FloatSlider(
            value=start,
            min=low,
            max=high,
            step=step,
            description=f"{self.label} ({self.unit})" if self.unit else self.label,
            continuous_update=False,
            style={"description_width": "initial"},
            layout=widgets.Layout(width="min(560px, 100%)"),
        )
        image = widgets.HTML(value=self.frame(start))

        def update(change: dict) -> None:
            image.value = self.frame(change["new"])

        slider.observe(update, names="value")
        box = widgets.VBox([slider, image])
        box.add_class("lanicemine-explorer-live")
        return box


def live_controls(
    plot: Callable[..., Figure],
    controls: Mapping[str, widgets.ValueWidget],
    describe: Callable[..., str],
    width_px: int = 640,
) -> widgets.VBox:
    """Several controls and one figure, re-rendered by the kernel when any control changes (JupyterLab only).

    Parameters
    ----------
    plot : callable
        ``plot(**values) -> Figure``, called with the current value of every control as a keyword argument.
    controls : mapping of str to ipywidgets value widget
        1 to 8 controls (sliders, dropdowns, …) by keyword name, shown in this order. Each updates on release
        (``continuous_update`` is switched off where the control has it), so a slow figure is drawn once.
    describe : callable
        ``describe(**values) -> str``: the figure's alt text for these values.
    width_px : int
        Displayed width of the figure in CSS pixels, in [1, 4000].

    Returns
    -------
    ipywidgets.VBox
        The controls above the figure (a PNG frame), with CSS class ``lanicemine-explorer-live``.
    """
    if not callable(plot):
        raise ValueError(f"plot must be a function (**values) -> matplotlib Figure (callable); got {plot!r}")
    if not callable(describe):
        raise ValueError(f"describe must be a function (**values) -> alt text (callable); got {describe!r}")
    if not isinstance(controls, Mapping) or not 1 <= len(controls) <= 8:
        raise ValueError(f"controls must map 1 to 8 keyword names to ipywidgets controls (dict); got {controls!r}")
    for name, control in controls.items():
        if not isinstance(name, str) or not name.isidentifier():
            raise ValueError(f"controls must be keyed by keyword names of plot (text); got {name!r}")
        if not isinstance(control, widgets.ValueWidget):
            raise ValueError(f"controls[{name!r}] must be an ipywidgets control with a value (e.g. a slider)")
    width_px = check_int("width_px", width_px, "CSS pixels", *_WIDTH_RANGE_PX)
    image = widgets.HTML()

    def render(_: object = None) -> None:
        values = {name: control.value for name, control in controls.items()}
        image.value = frame_html(figure_to_png(plot(**values)), describe(**values), css_width_px=width_px)

    for control in controls.values():
        if hasattr(control, "continuous_update"):
            control.continuous_update = False
        control.observe(render, names="value")
    render()
    box = widgets.VBox([*controls.values(), image])
    box.add_class("lanicemine-explorer-live")
    return box
