"""The :class:`Explorer`: controls, one figure updated in place, a PNG image.

A widget here holds no mathematics. It owns a Matplotlib ``Figure`` (not a
pyplot figure, so nothing is displayed twice), calls an *update* function with
the controls' values whenever one changes, and shows the re-rendered figure in
an ``ipywidgets.Image``. The update function moves existing artists
(``set_data``, ``set_height``...) rather than building a new figure, which is
what keeps a slider instant.

Pass the artists that move as ``animated=[...]`` and the explorer *blits*:
everything else (axes, ticks, labels, static curves) is drawn once and kept
as a background bitmap, and each update draws only the moving artists on a
copy of it before the PNG is encoded. That cuts a render by a factor of
several; it requires that the update leaves the axes limits alone.
"""

from __future__ import annotations

import io
import time
from collections.abc import Callable, Mapping, Sequence
from typing import Any, cast

from matplotlib.artist import Artist
from matplotlib.figure import Figure

from .._validation import check_real

__all__ = ["Explorer", "float_slider", "log_slider", "new_figure"]


def new_figure(*, ncols: int = 1, nrows: int = 1, figsize: tuple[float, float] = (9.0, 3.6)) -> tuple[Figure, Any]:
    """Create a stand-alone figure (no pyplot state) and its axes for an explorer.

    Returns
    -------
    figure : matplotlib.figure.Figure
    axes : Axes or ndarray of Axes
        As ``Figure.subplots`` returns them.

    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    fig = Figure(figsize=figsize, dpi=100, layout="constrained")
    FigureCanvasAgg(fig)
    axes = fig.subplots(nrows, ncols)
    return fig, axes


def float_slider(
    description: str,
    low: float,
    high: float,
    value: float,
    *,
    step: float | None = None,
    continuous_update: bool = True,
    readout_format: str = ".3g",
) -> Any:
    """A linear ``FloatSlider`` whose bounds and value are validated."""
    import ipywidgets as w

    low = check_real(low, "low")
    high = check_real(high, "high")
    if not low < high:
        raise ValueError(f"low must be < high, got low={low}, high={high}")
    value = check_real(value, "value", low=low, high=high)
    step = check_real(step, "step", low=0, low_open=True) if step is not None else (high - low) / 100
    return w.FloatSlider(
        value=value,
        min=low,
        max=high,
        step=step,
        description=description,
        continuous_update=continuous_update,
        readout_format=readout_format,
        style={"description_width": "initial"},
        layout=w.Layout(width="420px"),
    )


def log_slider(
    description: str,
    low: float,
    high: float,
    value: float,
    *,
    steps_per_decade: int = 10,
    continuous_update: bool = True,
) -> Any:
    """A ``FloatLogSlider`` from ``low`` to ``high`` (both > 0), validated."""
    import math

    import ipywidgets as w

    low = check_real(low, "low", low=0, low_open=True)
    high = check_real(high, "high", low=0, low_open=True)
    if not low < high:
        raise ValueError(f"low must be < high, got low={low}, high={high}")
    value = check_real(value, "value", low=low, high=high)
    if steps_per_decade < 1:
        raise ValueError(f"steps_per_decade must be >= 1, got {steps_per_decade}")
    return w.FloatLogSlider(
        value=value,
        base=10,
        min=math.log10(low),
        max=math.log10(high),
        step=1 / steps_per_decade,
        description=description,
        continuous_update=continuous_update,
        readout_format=".3g",
        style={"description_width": "initial"},
        layout=w.Layout(width="420px"),
    )


class Explorer:
    """Controls plus one figure that an update function redraws in place.

    Parameters
    ----------
    figure : matplotlib.figure.Figure
        The figure to update; build it with :func:`new_figure` and the
        :mod:`regviz.plots` functions.
    update : callable
        ``update(**values)`` receives every control's current value by name
        and moves the figure's artists. It must not create a new figure.
    controls : mapping of str to ipywidgets.ValueWidget
        The controls, by the keyword name ``update`` expects.
    caption : callable or None, default=None
        ``caption(**values)`` returning a short text shown under the figure
        (e.g. the current validation error).
    animated : sequence of matplotlib Artist or None, default=None
        The artists that ``update`` changes. When given, the rest of the
        figure is rendered once as a background and only these are redrawn
        (blitting). ``update`` must then not change axes limits or any
        artist not listed here.
    freeze_layout : bool, default=True
        After the first render, keep the axes where the layout engine put
        them instead of recomputing the layout at every update (the largest
        single cost of a render). Turn it off if updates change tick labels
        or titles so much that they need new room.

    Attributes
    ----------
    widget : ipywidgets.VBox
        What is displayed: the controls, the image, the caption.
    image : ipywidgets.Image
        The rendered figure (PNG bytes in ``image.value``).
    n_renders : int
        How many times the figure was rendered.
    last_render_seconds : float
        Time of the last update + render + PNG encoding, in seconds.

    """

    def __init__(
        self,
        figure: Figure,
        update: Callable[..., None],
        controls: Mapping[str, Any],
        *,
        caption: Callable[..., str] | None = None,
        animated: Sequence[Artist] | None = None,
        freeze_layout: bool = True,
    ) -> None:
        import ipywidgets as w

        if not isinstance(figure, Figure):
            raise ValueError(f"figure must be a matplotlib Figure, got {type(figure).__name__}")
        if not callable(update):
            raise ValueError("update must be callable")
        if not controls:
            raise ValueError("controls must hold at least one widget")
        self.figure = figure
        self.controls = dict(controls)
        self._update = update
        self._caption = caption
        width, height = (figure.get_size_inches() * figure.dpi).astype(int)
        self.image = w.Image(format="png", width=int(width), height=int(height))
        self.label = w.HTML()
        self.n_renders = 0
        self.last_render_seconds = 0.0
        self._animated = list(animated) if animated is not None else []
        if animated is not None and not all(isinstance(a, Artist) and a.figure is figure for a in self._animated):
            raise ValueError("animated must hold artists of this figure")
        self._background: Any = None
        for control in self.controls.values():
            control.observe(self._on_change, names="value")
        self.widget = w.VBox([w.HBox(list(self.controls.values())), self.image, self.label])
        self._update(**self.values)  # the first state decides the layout
        if freeze_layout or self._animated:
            figure.canvas.draw()  # let the layout engine place the axes once
            figure.set_layout_engine("none")
        if self._animated:
            for artist in self._animated:
                artist.set_animated(True)
            figure.canvas.draw()
            self._background = cast(Any, figure.canvas).copy_from_bbox(figure.bbox)
        self.render()

    @property
    def values(self) -> dict[str, Any]:
        """The controls' current values, by name."""
        return {name: control.value for name, control in self.controls.items()}

    def render(self) -> bytes:
        """Update the artists for the current values and re-encode the image."""
        start = time.perf_counter()
        values = self.values
        self._update(**values)
        buffer = io.BytesIO()
        canvas: Any = self.figure.canvas
        if self._background is not None:
            from PIL import Image

            canvas.restore_region(self._background)
            for artist in self._animated:
                self.figure.draw_artist(artist)
            rgba = canvas.buffer_rgba()
            Image.frombuffer("RGBA", (rgba.shape[1], rgba.shape[0]), rgba, "raw", "RGBA", 0, 1).save(
                buffer, format="png", compress_level=1
            )
        else:
            canvas.print_png(buffer, metadata={"Software": None}, pil_kwargs={"compress_level": 1})
        png = buffer.getvalue()
        self.image.value = png
        if self._caption is not None:
            self.label.value = self._caption(**values)
        self.n_renders += 1
        self.last_render_seconds = time.perf_counter() - start
        return png

    def set(self, **values: Any) -> None:
        """Set control values by name (as a student moving them would)."""
        unknown = sorted(set(values) - set(self.controls))
        if unknown:
            raise ValueError(f"values must name controls among {sorted(self.controls)}, got {unknown}")
        for name, value in values.items():
            self.controls[name].value = value

    def _on_change(self, _change: Any) -> None:
        self.render()

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return self.widget._repr_mimebundle_(**kwargs)
