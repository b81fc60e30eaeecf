import html as htmllib
import re

import ipywidgets as widgets
import matplotlib.pyplot as plt
import pytest

from lanicemine_lib.widgets import Explorer


def make_plot(value):
    fig, ax = plt.subplots(figsize=(3, 2))
    ax.plot([0, 1], [0, value])
    ax.set_ylim(0, 10)
    return fig


def explorer(**kw):
    args = dict(plot=make_plot, values=[1, 2, 4], label="Dose", unit="mg", describe=lambda v: f"a line to {v:g}")
    args.update(kw)
    return Explorer(**args)


def test_static_view_links_slider_to_precomputed_frames():
    box = explorer().static()
    slider, stack = box.children
    assert isinstance(slider, widgets.SelectionSlider) and isinstance(stack, widgets.Stack)
    assert len(stack.children) == 3
    assert stack.selected_index == slider.index == 1  # middle of the grid by default
    # the readout labels carry value and unit, and each frame's alt text starts with the same value
    labels = [label for label, _ in slider.options]
    assert labels == ["1 mg", "2 mg", "4 mg"]
    for label, frame in zip(labels, stack.children):
        alt = htmllib.unescape(re.search(r'alt="([^"]*)"', frame.value).group(1))
        assert alt.startswith(f"Dose {label}: ")
        assert frame.value.count("data:image/svg+xml;base64,") == 1
    # a browser-side link (jslink) exists between slider.index and stack.selected_index
    from ipywidgets.widgets.widget import _instances

    links = [w for w in _instances.values() if type(w).__name__ == "Link"]
    assert any(l.source == (slider, "index") and l.target == (stack, "selected_index") for l in links)
    assert not plt.get_fignums(), "frames must close their figures"


def test_frames_differ_between_values():
    _, stack = explorer().static().children
    assert len({frame.value for frame in stack.children}) == 3


def test_live_view_rerenders_on_change():
    slider, image = explorer().live(0.5, 5, 0.5).children
    before = image.value
    slider.value = 4.5
    assert image.value != before and "Dose 4.5 mg" in image.value


@pytest.mark.parametrize(
    "kw, pattern",
    [
        (dict(values=[1]), r"^values must hold 2 to 25"),
        (dict(values=[2, 1]), r"^values must be strictly increasing"),
        (dict(values=[1, float("nan")]), r"^values must be a finite number"),
        (dict(initial=3), r"^initial must"),
        (dict(values=list(range(30))), r"^values must hold 2 to 25"),
    ],
)
def test_bad_grids_rejected(kw, pattern):
    with pytest.raises(ValueError, match=pattern):
        explorer(**kw)


def test_live_range_validated():
    with pytest.raises(ValueError, match="high"):
        explorer().live(5, 1, 0.5)
    with pytest.raises(ValueError, match="step"):
        explorer().live(0, 5, 0)


def test_png_frames_on_request():
    _, stack = explorer(image_format="png").static().children
    assert all(frame.value.count("data:image/png;base64,") == 1 for frame in stack.children)
    with pytest.raises(ValueError, match="image_format"):
        explorer(image_format="gif")


def test_svg_frames_are_deterministic():
    """The same figure gives the same bytes (no date, fixed ids), so rebuilt pages do not churn."""
    ex = explorer()
    assert ex.frame(2) == ex.frame(2)


def test_live_controls_redraw_one_figure_from_several_controls():
    from lanicemine_lib.widgets import live_controls

    calls = []

    def plot(height, width):
        calls.append((height, width))
        return make_plot(height * width)

    controls = {"height": widgets.FloatSlider(value=2.0, min=0, max=5), "width": widgets.IntSlider(value=1, max=2)}
    box = live_controls(plot=plot, controls=controls, describe=lambda height, width: f"a line to {height * width:g}")
    assert box.children[:2] == (controls["height"], controls["width"])
    image = box.children[-1]
    assert "lanicemine-explorer-live" in box._dom_classes and 'alt="a line to 2"' in image.value
    assert not controls["height"].continuous_update  # redrawn on release, once
    controls["width"].value = 2
    assert calls == [(2.0, 1), (2.0, 2)] and 'alt="a line to 4"' in image.value
    assert not plt.get_fignums()  # every frame closed its figure
