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

A value is checked before ``update`` sees it: ``NaN``, ``None``, a number
outside the slider's range or a choice that is not an option is *refused*.
So is a value for which ``update`` or ``caption`` raises. A refused value
changes nothing: the control goes back to its last good value, the image
stays as it was, and the caption line says what was refused and why.

Every control has a grid: the values its slider can take (a log slider's
``10 ** (min + k * step)``, a drop-down's options). :meth:`Explorer.frames`
renders the figure at every point of those grids, which is how the course
site ships working sliders without a kernel: when the environment variable
``REGVIZ_EXPORT_FRAMES`` names a folder, an explorer that is displayed writes
its frames there (PNG files and a ``manifest.json``), see
:meth:`Explorer.export_frames`.
"""

from __future__ import annotations

import html
import io
import itertools
import json
import math
import os
import re
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from numbers import Integral, Real
from pathlib import Path
from typing import Any, cast

import numpy as np
from matplotlib.artist import Artist
from matplotlib.figure import Figure
from numpy.typing import NDArray

from .._validation import validate_bool, validate_int, validate_real

__all__ = [
    "EXPLORER_MIME",
    "EXPORT_ENV",
    "EXPORT_MAX_FRAMES_ENV",
    "ControlGrid",
    "Explorer",
    "Frame",
    "control_grid",
    "float_slider",
    "log_grid",
    "log_slider",
    "new_figure",
    "on_top",
]

#: Environment variable naming a folder: a displayed explorer writes its frames there (the course site build).
EXPORT_ENV = "REGVIZ_EXPORT_FRAMES"
#: Environment variable: the most frames one exported explorer may write (default :data:`DEFAULT_MAX_FRAMES`).
EXPORT_MAX_FRAMES_ENV = "REGVIZ_EXPORT_MAX_FRAMES"
#: Extra MIME type of a displayed explorer while frames are exported: ``{"id": folder name, "n_frames": n}``.
EXPLORER_MIME = "application/vnd.regviz.explorer+json"
DEFAULT_MAX_FRAMES = 400
_MANIFEST_FORMAT = 1


def new_figure(*, ncols: int = 1, nrows: int = 1, figsize: tuple[float, float] = (9.0, 3.6)) -> tuple[Figure, Any]:
    """Create a stand-alone figure (no pyplot state) and its axes for an explorer.

    Parameters
    ----------
    ncols, nrows : int, default=1
        Grid of axes, each in ``[1, 12]``.
    figsize : (float, float), default=(9.0, 3.6)
        Width and height in inches, each in ``[1, 40]``.

    Returns
    -------
    figure : matplotlib.figure.Figure
    axes : Axes or ndarray of Axes
        As ``Figure.subplots`` returns them.

    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    ncols = validate_int(ncols, "ncols", low=1, high=12)
    nrows = validate_int(nrows, "nrows", low=1, high=12)
    if isinstance(figsize, str) or not isinstance(figsize, tuple | list) or len(figsize) != 2:
        raise ValueError(f"figsize must be a pair (width, height) in inches, got {figsize!r}")
    figsize = (
        validate_real(figsize[0], "figsize[0]", low=1, high=40),
        validate_real(figsize[1], "figsize[1]", low=1, high=40),
    )
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

    low = validate_real(low, "low")
    high = validate_real(high, "high")
    if not low < high:
        raise ValueError(f"low must be < high, got low={low}, high={high}")
    value = validate_real(value, "value", low=low, high=high)
    continuous_update = validate_bool(continuous_update, "continuous_update")
    step = validate_real(step, "step", low=0, low_open=True) if step is not None else (high - low) / 100
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
    import ipywidgets as w

    low = validate_real(low, "low", low=0, low_open=True)
    high = validate_real(high, "high", low=0, low_open=True)
    if not low < high:
        raise ValueError(f"low must be < high, got low={low}, high={high}")
    value = validate_real(value, "value", low=low, high=high)
    steps_per_decade = validate_int(steps_per_decade, "steps_per_decade", low=1, high=1000)
    continuous_update = validate_bool(continuous_update, "continuous_update")
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


def log_grid(low: float, high: float, *, steps_per_decade: int = 10, exact_end: bool = True) -> NDArray[np.float64]:
    """The values a log slider from ``low`` to ``high`` takes: the grid an explorer precomputes.

    Parameters
    ----------
    low, high : float
        Ends of the range, ``0 < low < high``.
    steps_per_decade : int, default=10
        Values per factor of ten, in ``[1, MAX_STEPS_PER_DECADE]`` (1000).
    exact_end : bool, default=True
        ``True``: ``n`` values evenly spaced in log from ``low`` to exactly ``high`` (``np.logspace``; the ridge
        explorer's grid). ``False``: ``low * 10 ** (k / steps_per_decade)``, the slider's own steps from ``low``,
        the last one the step nearest ``high`` (the lasso explorers' grid).

    Returns
    -------
    ndarray of shape (n_values,)
        Increasing, at least 2 and at most ``MAX_GRID_VALUES`` (10,001) values.

    Raises
    ------
    ValueError
        If an end is not a positive finite number, ``low >= high``, ``steps_per_decade`` is out of range, or the
        grid would hold more than ``MAX_GRID_VALUES`` values.

    """
    low = validate_real(low, "low", low=0, low_open=True)
    high = validate_real(high, "high", low=0, low_open=True)
    if not low < high:
        raise ValueError(f"low must be < high, got low={low!r}, high={high!r}")
    steps_per_decade = validate_int(steps_per_decade, "steps_per_decade", low=1, high=MAX_STEPS_PER_DECADE)
    exact_end = validate_bool(exact_end, "exact_end")
    n = _grid_size(low, high, steps_per_decade, "low, high")
    if exact_end:
        return np.logspace(math.log10(low), math.log10(high), n)
    return low * 10.0 ** (np.arange(n) / steps_per_decade)


# --------------------------------------------------------------------------- control values and grids


def _options(control: Any) -> tuple[tuple[Any, ...], tuple[str, ...]] | None:
    """``(values, labels)`` of a choice widget (drop-down, selection slider...), None for any other."""
    values = getattr(control, "_options_values", None)
    labels = getattr(control, "_options_labels", None)
    if values is None or labels is None:
        return None
    return tuple(values), tuple(str(label) for label in labels)


def _is_int_slider(control: Any) -> bool:
    import ipywidgets as w

    return isinstance(control, w.IntSlider | w.BoundedIntText | w.IntText)


def _is_log_slider(control: Any) -> bool:
    return hasattr(control, "base") and hasattr(control, "min") and hasattr(control, "max")


def _bounds(control: Any) -> tuple[float, float] | None:
    """The smallest and largest value of a numeric control, None if it has none."""
    if not (hasattr(control, "min") and hasattr(control, "max")):
        return None
    low, high = float(control.min), float(control.max)
    if _is_log_slider(control):
        base = float(control.base)
        return base**low, base**high
    return low, high


def _describe(control: Any, name: str) -> str:
    description = str(getattr(control, "description", "") or "").strip()
    return description or name


def _refusal(control: Any, value: Any) -> str | None:
    """Why ``value`` is not a value ``control`` may take; None when it may."""
    choices = _options(control)
    if choices is not None:
        values, _labels = choices
        if any(value is v or (type(value) is type(v) and value == v) for v in values):
            return None
        numeric = isinstance(value, Real) and not isinstance(value, bool)
        if numeric and any(isinstance(v, Real) and not isinstance(v, bool) and value == v for v in values):
            return None
        shown = ", ".join(repr(v) for v in values[:8]) + (", ..." if len(values) > 8 else "")
        return f"{value!r} is not one of the options ({shown})"
    if isinstance(getattr(control, "value", None), bool):
        return None if isinstance(value, bool) else f"{value!r} is not True or False"
    bounds = _bounds(control)
    if bounds is None:
        return None
    if value is None or isinstance(value, bool) or not isinstance(value, Real | np.floating | np.integer):
        return f"{value!r} is not a number"
    number = float(value)
    if not math.isfinite(number):
        return f"{value!r} is not a finite number"
    if _is_int_slider(control) and not (isinstance(value, Integral | np.integer) or number.is_integer()):
        return f"{value!r} is not a whole number"
    low, high = bounds
    # the slider's own arithmetic (min + k * step, base ** exponent) may land a few ulps outside
    if _is_log_slider(control):
        inside = low * (1 - 1e-9) <= number <= high * (1 + 1e-9)
    else:
        inside = low - 1e-9 * (high - low) <= number <= high + 1e-9 * (high - low)
    if not inside:
        return f"{value!r} is outside the slider's range [{low:.4g}, {high:.4g}]"
    return None


def _format(value: Any, fmt: str | None) -> str:
    if isinstance(value, str):
        return value
    if fmt:
        try:
            return format(value, fmt)
        except (TypeError, ValueError):
            pass
    return f"{value:g}" if isinstance(value, float) else str(value)


@dataclass(frozen=True)
class ControlGrid:
    """The values one control can take, and where it stands.

    Attributes
    ----------
    name : str
        The keyword the explorer's ``update`` receives.
    label : str
        The control's description (``"λ (alpha)"``), or its name.
    kind : {"range", "select"}
        ``"range"`` for an ordered slider, ``"select"`` for a choice (drop-down, check box).
    values : tuple
        The grid, in the control's order.
    labels : tuple of str
        How the control shows each value (its readout or option label).
    index : int
        Position of the control's current value in ``values`` (the nearest one).
    full_size : int
        Size of the control's own grid; larger than ``len(values)`` when the grid was thinned.

    """

    name: str
    label: str
    kind: str
    values: tuple[Any, ...]
    labels: tuple[str, ...]
    index: int
    full_size: int

    def take(self, indices: Sequence[int]) -> ControlGrid:
        """The same control on the sub-grid ``indices`` (increasing; must hold :attr:`index`)."""
        if self.index not in indices:
            raise ValueError(f"indices must hold the current index {self.index}, got {list(indices)}")
        return ControlGrid(
            name=self.name,
            label=self.label,
            kind=self.kind,
            values=tuple(self.values[i] for i in indices),
            labels=tuple(self.labels[i] for i in indices),
            index=list(indices).index(self.index),
            full_size=self.full_size,
        )


def control_grid(name: str, control: Any) -> ControlGrid:
    """The grid of values ``control`` can take (see :class:`ControlGrid`).

    Choice widgets give their options; ``IntSlider`` ``min, min + step, ..., max``;
    ``FloatSlider`` ``min + k * step``; ``FloatLogSlider`` ``base ** (min + k * step)``;
    a check box ``False, True``.

    Raises
    ------
    ValueError
        For a control without a finite grid (a free text box, for instance).

    """
    label = _describe(control, name)
    current = getattr(control, "value", None)
    choices = _options(control)
    if choices is not None:
        values, labels = choices
        if not values:
            raise ValueError(f"control {name!r} has no options")
        kind = "range" if type(control).__name__ == "SelectionSlider" else "select"
        index = next((i for i, v in enumerate(values) if v is current or v == current), 0)
        return ControlGrid(name, label, kind, values, labels, index, len(values))
    if isinstance(current, bool):
        return ControlGrid(name, label, "select", (False, True), ("off", "on"), int(current), 2)
    if not all(hasattr(control, attr) for attr in ("min", "max", "step")):
        raise ValueError(f"control {name!r} ({type(control).__name__}) has no grid of values")
    low, high, step = float(control.min), float(control.max), float(control.step)
    if not (math.isfinite(low) and math.isfinite(high) and math.isfinite(step) and step > 0 and low <= high):
        raise ValueError(f"control {name!r} has no finite grid (min={low}, max={high}, step={step})")
    n = round((high - low) / step)
    fmt = getattr(control, "readout_format", None)
    if _is_int_slider(control):
        ints = tuple(range(int(control.min), int(control.max) + 1, int(control.step)))
        index = int(np.argmin([abs(v - float(current)) for v in ints])) if current is not None else 0
        return ControlGrid(name, label, "range", ints, tuple(_format(v, fmt) for v in ints), index, len(ints))
    exponents = np.minimum(low + step * np.arange(n + 1), high)
    if _is_log_slider(control):
        base = float(control.base)
        floats = tuple(float(base**e) for e in exponents)
        position = math.log(float(current), base) if current is not None and float(current) > 0 else low
    else:
        floats = tuple(float(e) for e in exponents)
        position = float(current) if current is not None and math.isfinite(float(current)) else low
    index = int(np.argmin(np.abs(exponents - position)))
    return ControlGrid(name, label, "range", floats, tuple(_format(v, fmt) for v in floats), index, len(floats))


def _thin(sizes: Sequence[int], starts: Sequence[int], thinnable: Sequence[bool], max_frames: int) -> list[list[int]]:
    """Indices kept on each grid so that the product of their sizes is at most ``max_frames``.

    A thinned grid keeps every ``s``-th value counted from the current one, and both ends; grids
    of choices (``thinnable`` False) are never thinned. The largest grid is thinned first.
    """

    def kept(n: int, start: int, stride: int) -> list[int]:
        return sorted({0, n - 1, *range(start % stride, n, stride)})

    strides = [1] * len(sizes)
    indices = [kept(n, s, 1) for n, s in zip(sizes, starts, strict=True)]
    while math.prod(len(ix) for ix in indices) > max_frames:
        candidates = [j for j in range(len(sizes)) if thinnable[j] and len(indices[j]) > 2]
        if not candidates:
            break
        j = max(candidates, key=lambda c: len(indices[c]))
        strides[j] += 1
        indices[j] = kept(sizes[j], starts[j], strides[j])
    return indices


@dataclass(frozen=True)
class Frame:
    """One rendered state of an explorer.

    Attributes
    ----------
    index : tuple of int
        Position on each control's grid.
    values : dict
        The controls' values, by name.
    png : bytes
        The figure, as the notebook shows it.
    caption : str
        The caption line (HTML), or why the values were refused.
    refused : str or None
        Why ``update`` refused these values (the picture is then the last good one).

    """

    index: tuple[int, ...]
    values: dict[str, Any]
    png: bytes
    caption: str
    refused: str | None = None


def _json_value(value: Any) -> Any:
    if isinstance(value, bool | str) or value is None:
        return value
    if isinstance(value, Integral | np.integer):
        return int(value)
    if isinstance(value, Real | np.floating):
        return float(value)
    return repr(value)


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
    label : ipywidgets.HTML
        The caption line; it says why when a value is refused.
    n_renders : int
        How many times the figure was rendered and shown.
    last_render_seconds : float
        Time of the last update + render + PNG encoding, in seconds.
    last_refusal : str or None
        Why the last refused value was refused (None if none was).

    """

    _n_exported = 0  # explorers exported by this process (their folder names)

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
        self.last_refusal: str | None = None
        self._reverting = False
        self._animated = list(animated) if animated is not None else []
        if animated is not None and not all(isinstance(a, Artist) and a.figure is figure for a in self._animated):
            raise ValueError("animated must hold artists of this figure")
        self._background: Any = None
        for name, control in self.controls.items():
            reason = _refusal(control, getattr(control, "value", None))
            if reason is not None:
                raise ValueError(f"controls[{name!r}] starts at a value it cannot take: {reason}")
        self._good = self.values
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

    # ----------------------------------------------------------------------- drawing

    def _draw(self, values: Mapping[str, Any]) -> tuple[bytes, str | None]:
        """Update the artists for ``values``; return the PNG and the caption (no widget is touched)."""
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
        text = self._caption(**values) if self._caption is not None else None
        return buffer.getvalue(), text

    def render(self) -> bytes:
        """Update the artists for the current values, re-encode the image and the caption; return the PNG."""
        start = time.perf_counter()
        values = self.values
        png, text = self._draw(values)
        self.image.value = png
        self.label.value = text if text is not None else ""
        self._good = values
        self.n_renders += 1
        self.last_render_seconds = time.perf_counter() - start
        return png

    # ----------------------------------------------------------------------- refusing a value

    def _refuse(self, name: str, value: Any, reason: str) -> None:
        """Keep the last good state: the control back to its value, the artists redrawn, the reason shown."""
        self.last_refusal = f"{_describe(self.controls[name], name)} = {value!r} refused: {reason}"
        good = self._good
        control = self.controls[name]
        if control.value is not good[name] and not _same(control.value, good[name]):
            self._reverting = True
            try:
                control.value = good[name]
            finally:
                self._reverting = False
        try:
            self._update(**good)  # an update that raised half-way may have moved some artists
            text = self._caption(**good) if self._caption is not None else None
        except Exception:  # the last good state drew before; keep the image whatever happens
            text = None
        kept = f"kept {_describe(control, name)} = {_format(good[name], getattr(control, 'readout_format', None))}"
        note = f'<span class="regviz-refused">⚠ {html.escape(self.last_refusal, quote=False)}; {html.escape(kept, quote=False)}.</span>'
        self.label.value = note if not text else f"{note} &nbsp;·&nbsp; {text}"

    def _on_change(self, change: Any) -> None:
        if self._reverting:
            return
        name = next(n for n, c in self.controls.items() if c is change.owner)
        reason = _refusal(change.owner, change.new)
        if reason is None:
            try:
                self.render()
                return
            except Exception as exc:  # any failure of update or caption refuses the value
                reason = f"{type(exc).__name__}: {exc}"
        self._refuse(name, change.new, reason)

    def set(self, **values: Any) -> None:
        """Set control values by name (as a student moving them would).

        Raises
        ------
        ValueError
            For an unknown name, or a value the control cannot take (NaN, None, outside the slider's
            range, not an option) or that ``update`` fails on. The explorer then keeps its last good
            state and its caption line says why.

        """
        unknown = sorted(set(values) - set(self.controls))
        if unknown:
            raise ValueError(f"values must name controls among {sorted(self.controls)}, got {unknown}")
        for name, value in values.items():
            reason = _refusal(self.controls[name], value)
            if reason is not None:
                self._refuse(name, value, reason)
                raise ValueError(self.last_refusal)
        for name, value in values.items():
            self.last_refusal = None
            try:
                self.controls[name].value = value
            except Exception as exc:  # a trait that refuses the value by itself
                self._refuse(name, value, f"{type(exc).__name__}: {exc}")
                raise ValueError(self.last_refusal) from exc
            if self.last_refusal is not None:
                raise ValueError(self.last_refusal)

    # ----------------------------------------------------------------------- frames on the controls' grids

    def frame_grid(self, *, max_frames: int | None = None) -> list[ControlGrid]:
        """The grids :meth:`frames` renders, one per control, thinned to at most ``max_frames`` frames.

        Parameters
        ----------
        max_frames : int or None, default=None
            Upper bound on the number of frames (the product of the grid sizes), ``>= 1``; None
            means no bound. Sliders are thinned (every ``s``-th value from the current one, and
            both ends), choices never.

        """
        grids = [control_grid(name, control) for name, control in self.controls.items()]
        if max_frames is None:
            return grids
        max_frames = validate_int(max_frames, "max_frames", low=1)
        kept = _thin(
            [g.full_size for g in grids], [g.index for g in grids], [g.kind == "range" for g in grids], max_frames
        )
        return [g.take(ix) for g, ix in zip(grids, kept, strict=True)]

    def frames(self, *, max_frames: int | None = None) -> Iterator[Frame]:
        """Render the figure at every point of the controls' grids, the last control varying fastest.

        Nothing that is displayed changes: the controls, the image and the caption keep their state,
        and the artists are put back where the current values put them at the end.

        Parameters
        ----------
        max_frames : int or None, default=None
            As in :meth:`frame_grid`.

        Yields
        ------
        Frame
            One per combination of grid values. Where ``update`` fails, the frame repeats the
            previous picture and its caption says why (``refused``).

        """
        grids = self.frame_grid(max_frames=max_frames)
        names = [g.name for g in grids]
        fixed = self.values
        previous = self.image.value
        try:
            for index in itertools.product(*(range(len(g.values)) for g in grids)):
                values = {**fixed, **{n: g.values[i] for n, g, i in zip(names, grids, index, strict=True)}}
                try:
                    png, text = self._draw(values)
                    refused = None
                except Exception as exc:  # a grid point update cannot draw: say so
                    png, refused = previous, f"{type(exc).__name__}: {exc}"
                    text = f'<span class="regviz-refused">⚠ refused: {html.escape(refused, quote=False)}</span>'
                previous = png
                yield Frame(index=tuple(index), values=values, png=png, caption=text or "", refused=refused)
        finally:
            try:
                self._update(**self._good)
                if self._background is None:
                    self.figure.canvas.draw()
            except Exception:  # the good state drew before; the image is unchanged
                pass

    def export_frames(self, folder: str | os.PathLike[str], *, max_frames: int | None = DEFAULT_MAX_FRAMES) -> dict:
        """Write every frame (``NNNNN.png``) and a ``manifest.json`` describing them into ``folder``.

        The manifest holds the figure's size in pixels, the controls (name, label, kind, grid values,
        labels, starting index, size of the control's own grid), the current frame's position and, per
        frame in :meth:`frames` order, its file, caption and refusal. Returns the manifest.
        """
        out = Path(folder)
        out.mkdir(parents=True, exist_ok=True)
        grids = self.frame_grid(max_frames=max_frames)
        width, height = (int(v) for v in (self.figure.get_size_inches() * self.figure.dpi).round())
        frames = []
        for k, frame in enumerate(self.frames(max_frames=max_frames)):
            name = f"{k:05d}.png"
            (out / name).write_bytes(frame.png)
            frames.append({"file": name, "caption": frame.caption, "refused": frame.refused})
        initial = 0
        for g in grids:
            initial = initial * len(g.values) + g.index
        manifest = {
            "format": _MANIFEST_FORMAT,
            "size": [width, height],
            "controls": [
                {
                    "name": g.name,
                    "label": g.label,
                    "kind": g.kind,
                    "values": [_json_value(v) for v in g.values],
                    "labels": list(g.labels),
                    "index": g.index,
                    "full_size": g.full_size,
                }
                for g in grids
            ],
            "initial": initial,
            "frames": frames,
        }
        (out / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
        return manifest

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        bundle = self.widget._repr_mimebundle_(**kwargs)
        folder = os.environ.get(EXPORT_ENV, "").strip()
        if not folder:
            return bundle
        raw = os.environ.get(EXPORT_MAX_FRAMES_ENV, "").strip()
        max_frames = int(raw) if re.fullmatch(r"\d+", raw) and int(raw) > 0 else DEFAULT_MAX_FRAMES
        Explorer._n_exported += 1
        key = f"explorer-{os.getpid()}-{Explorer._n_exported:03d}"
        manifest = self.export_frames(Path(folder) / key, max_frames=max_frames)
        data = dict(bundle[0] if isinstance(bundle, tuple) else bundle)
        data[EXPLORER_MIME] = {"id": key, "n_frames": len(manifest["frames"])}
        return (data, bundle[1]) if isinstance(bundle, tuple) else data


def _same(a: Any, b: Any) -> bool:
    try:
        return bool(a == b)
    except Exception:  # arrays or odd objects: not the same
        return False


MAX_STEPS_PER_DECADE = 1000
"""Largest ``steps_per_decade`` a slider grid accepts (a slider needs 10 to 20)."""

MAX_GRID_VALUES = 10_001
"""Largest number of values a slider grid may hold: every value is precomputed, so a typo in the range or the
step count must not allocate gigabytes."""


def _grid_size(low: float, high: float, steps_per_decade: int, range_names: str) -> int:
    """Number of values of a log grid from ``low`` to ``high``, refused when above :data:`MAX_GRID_VALUES`."""
    n = round((math.log10(high) - math.log10(low)) * steps_per_decade) + 1
    if n > MAX_GRID_VALUES:
        raise ValueError(
            f"{range_names} and steps_per_decade give {n} slider values, more than {MAX_GRID_VALUES}: "
            f"(log10(high) - log10(low)) * steps_per_decade must be at most {MAX_GRID_VALUES - 1}, "
            f"got {math.log10(high) - math.log10(low):.3g} decades * {steps_per_decade}"
        )
    return max(n, 2)


def _validate_alpha_range(alpha_range: Any) -> tuple[float, float]:
    """``alpha_range`` as ``(low, high)`` with ``0 < low < high``, finite; messages name ``alpha_range``."""
    message = f"alpha_range must be a (low, high) pair of finite numbers with 0 < low < high, got {alpha_range!r}"
    if not isinstance(alpha_range, tuple | list) or len(alpha_range) != 2:
        raise ValueError(message)
    try:
        low, high = (validate_real(v, "alpha_range", low=0, low_open=True) for v in alpha_range)
    except ValueError:
        raise ValueError(message) from None
    if not low < high:
        raise ValueError(message)
    return low, high


class _DrawHook(Artist):
    """An invisible artist whose ``draw`` runs a callback on the renderer."""

    def __init__(self, figure: Figure, action: Callable[[Any], None]) -> None:
        super().__init__()
        self.set_figure(figure)
        self._action = action

    def draw(self, renderer: Any) -> None:
        """Run the callback."""
        self._action(renderer)


def on_top(moving: Sequence[Artist], static: Sequence[Artist]) -> list[Artist]:
    """Return the ``animated`` list for an Explorer that keeps ``static`` artists above ``moving`` ones.

    Blitting draws the moving artists over a cached background, so a moving line
    would cross a legend that a full draw puts above it. Redrawing the legends
    each time would cost a few milliseconds of text rendering per legend;
    instead, the first hook copies the legends' pixels from the freshly
    restored background (once), and the last hook pastes them back after the
    moving artists are drawn — a copy of a few kilobytes.

    Parameters
    ----------
    moving : sequence of matplotlib Artist
        The artists the update function changes, in drawing order.
    static : sequence of matplotlib Artist
        Artists that do not change but must stay on top (legends), all in one figure.

    Returns
    -------
    list of matplotlib Artist
        ``[copy hook, *moving, paste hook]``, to pass as ``Explorer(..., animated=...)``.

    """
    if len(moving) == 0 or len(static) == 0:
        raise ValueError("moving and static must each hold at least one artist")
    figures = {id(a.get_figure(root=True)) for a in [*moving, *static]}
    if len(figures) != 1 or next(iter(moving)).get_figure(root=True) is None:
        raise ValueError("moving and static must be artists of one figure")
    figure = cast(Figure, moving[0].get_figure(root=True))
    regions: list[Any] = []

    def copy(renderer: Any) -> None:
        if not regions:
            regions.extend(renderer.copy_from_bbox(a.get_window_extent(renderer)) for a in static)

    def paste(renderer: Any) -> None:
        for region in regions:
            renderer.restore_region(region)

    return [_DrawHook(figure, copy), *moving, _DrawHook(figure, paste)]
