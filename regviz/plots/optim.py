"""Plots for losses, gradient descent and optimizers (notebooks 01–03).

* :func:`plot_loss_curves` — several losses (or gradients) against one
  prediction axis, with an optional marker at the current prediction.
* :func:`plot_contours` — contour lines of a two-parameter loss surface.
* :func:`plot_path` — an optimizer's path of iterates drawn over contours.
* :func:`plot_per_step` — several sequences (losses, learning rates) against
  the step number.
* :func:`plot_rate_map` — a rate of convergence over a grid of two
  hyperparameters (learning rate and momentum), with the region that does not
  converge greyed out.

Curves are told apart by colour *and* line style (Okabe–Ito colours from
:mod:`regviz.style`), in the order they are given. Nothing here imports
PyTorch: pass NumPy arrays (``tensor.detach().numpy()``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
from matplotlib.axes import Axes
from numpy.typing import NDArray

from .._validation import check_array, check_bool, check_int, check_real
from ..optim import path_in_view
from ..style import COLORS, LINESTYLES
from ._axes import get_axes

__all__ = ["CURVE_STYLES", "plot_contours", "plot_loss_curves", "plot_path", "plot_per_step", "plot_rate_map"]

CURVE_STYLES: tuple[tuple[str, Any], ...] = (
    (COLORS["train"], "-"),
    (COLORS["validation"], "--"),
    (COLORS["test"], "-."),
    (COLORS["highlight"], (0, (1, 1))),
    (COLORS["alternative"], (0, (5, 1, 1, 1, 1, 1))),
    (COLORS["data"], (0, (3, 1))),
)
"""(colour, line style) of the first, second, ... curve of a figure."""


def _style(i: int) -> tuple[str, Any]:
    return CURVE_STYLES[i % len(CURVE_STYLES)]


def _check_mapping(curves: Any, name: str) -> dict[str, Any]:
    if not isinstance(curves, Mapping) or len(curves) == 0:
        raise ValueError(f"{name} must be a non-empty mapping of label to values, got {type(curves).__name__}")
    for key in curves:
        if not isinstance(key, str):
            raise ValueError(f"{name} must have string labels as keys, got {key!r}")
    return dict(curves)


def _as_curve(values: Any, name: str, n: int | None = None) -> NDArray[np.float64]:
    """A 1-D float array in which non-finite entries become NaN (drawn as gaps)."""
    try:
        arr = np.array(values, dtype=float)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{name} must be array-like of numbers") from exc
    if arr.ndim != 1 or arr.size == 0:
        raise ValueError(f"{name} must be a non-empty 1-D array, got shape {arr.shape}")
    if n is not None and arr.size != n:
        raise ValueError(f"{name} must have {n} values (one per x), got {arr.size}")
    arr[~np.isfinite(arr)] = np.nan
    if np.all(np.isnan(arr)):
        raise ValueError(f"{name} must contain at least one finite value")
    return arr


def plot_loss_curves(
    x: Any,
    curves: Mapping[str, Any],
    *,
    current: float | None = None,
    xlabel: str = r"prediction $\hat y$",
    ylabel: str = "loss",
    logx: bool = False,
    logy: bool = False,
    title: str | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Draw several curves (losses, gradients...) against one shared axis.

    Parameters
    ----------
    x : array-like of shape (n_points,)
        Shared horizontal values, strictly increasing and finite.
    curves : mapping of str to array-like of shape (n_points,)
        One curve per label. Non-finite values (a naive formula that
        overflowed) are drawn as gaps.
    current : float or None, default=None
        If given, a vertical line (gid ``"current"``) and one marker per curve
        (gid ``"marker:<label>"``) at this ``x``, inside ``[x[0], x[-1]]``.
    xlabel, ylabel : str
        Axis labels.
    logx : bool, default=False
        Logarithmic horizontal axis (all ``x`` must then be > 0).
    logy : bool, default=False
        Logarithmic vertical axis (non-positive values are then not drawn).
    title : str or None, default=None
        Title of the Axes; state the finding.
    ax : matplotlib Axes or None, default=None
        Where to draw; a new figure if None.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes; each curve's line has gid ``"curve:<label>"``.

    """
    x_arr = check_array(x, "x", ndim=1, min_samples=2)
    if np.any(np.diff(x_arr) <= 0):
        raise ValueError("x must be strictly increasing")
    named = _check_mapping(curves, "curves")
    values = {label: _as_curve(v, f"curves[{label!r}]", x_arr.size) for label, v in named.items()}
    if current is not None:
        current = check_real(current, "current", low=float(x_arr[0]), high=float(x_arr[-1]))
    logx, logy = check_bool(logx, "logx"), check_bool(logy, "logy")
    if logx and x_arr[0] <= 0:
        raise ValueError("x must be > 0 when logx=True")
    ax = get_axes(ax)
    for i, (label, y) in enumerate(values.items()):
        color, ls = _style(i)
        (line,) = ax.plot(x_arr, y, color=color, linestyle=ls, label=label)
        line.set_gid(f"curve:{label}")
    if current is not None:
        vline = ax.axvline(current, color=COLORS["reference"], linestyle=LINESTYLES["reference"], lw=1)
        vline.set_gid("current")
        for i, (label, y) in enumerate(values.items()):
            (marker,) = ax.plot([current], [np.interp(current, x_arr, y)], "o", color=_style(i)[0], ms=7, zorder=3)
            marker.set_gid(f"marker:{label}")
    if logx:
        ax.set_xscale("log")
    if logy:
        ax.set_yscale("log")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    if title is not None:
        ax.set_title(title)
    ax.legend()
    return ax


def _contour_levels(z: NDArray[np.float64], levels: int, log_levels: bool) -> NDArray[np.float64]:
    """``levels`` values between the grid's minimum and maximum, geometric above the minimum or even."""
    lo, hi = float(z.min()), float(z.max())
    if not hi > lo:
        raise ValueError("loss must not be constant over the grid")
    if log_levels:
        return lo + (hi - lo) * np.geomspace(1e-3, 1.0, levels + 1)[:-1]
    return np.linspace(lo, hi, levels + 2)[1:-1]


def plot_contours(
    w0: Any,
    w1: Any,
    loss: Any,
    *,
    levels: int = 15,
    log_levels: bool = True,
    minimum: Any = None,
    equal_aspect: bool = False,
    xlabel: str = r"$w_0$",
    ylabel: str = r"$w_1$",
    title: str | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Draw contour lines of a loss over a grid of two parameters.

    Parameters
    ----------
    w0 : array-like of shape (n0,)
        Grid values of the first parameter (horizontal axis), increasing.
    w1 : array-like of shape (n1,)
        Grid values of the second parameter (vertical axis), increasing.
    loss : array-like of shape (n1, n0)
        Loss at each grid point: ``loss[i, j]`` is at ``(w0[j], w1[i])``, as
        ``np.meshgrid(w0, w1)`` lays it out.
    levels : int, default=15
        Number of contour lines, in [2, 100].
    log_levels : bool, default=True
        Space the levels geometrically above the grid's minimum (the valley
        of an ill-conditioned loss stays visible); else evenly.
    minimum : array-like of shape (2,) or None, default=None
        Where the minimum is; marked with a black star (gid ``"minimum"``).
    equal_aspect : bool, default=False
        One unit is the same length on both axes, so an elongated loss looks
        elongated.
    xlabel, ylabel : str
        Axis labels.
    title : str or None, default=None
        Title of the Axes.
    ax : matplotlib Axes or None, default=None
        Where to draw; a new figure if None.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes; the contour set has gid ``"contours"``.

    """
    x = check_array(w0, "w0", ndim=1, min_samples=2)
    y = check_array(w1, "w1", ndim=1, min_samples=2)
    z = check_array(loss, "loss", ndim=2)
    if z.shape != (y.size, x.size):
        raise ValueError(f"loss must have shape (len(w1), len(w0)) = {(y.size, x.size)}, got {z.shape}")
    if np.any(np.diff(x) <= 0) or np.any(np.diff(y) <= 0):
        raise ValueError("w0 and w1 must be strictly increasing")
    levels = check_int(levels, "levels", low=2, high=100)
    log_levels, equal_aspect = check_bool(log_levels, "log_levels"), check_bool(equal_aspect, "equal_aspect")
    level_values = _contour_levels(z, levels, log_levels)
    ax = get_axes(ax)
    cs = ax.contour(x, y, z, levels=level_values, cmap="viridis", linewidths=1.0)
    cs.set_gid("contours")
    if minimum is not None:
        m = check_array(minimum, "minimum", ndim=1)
        if m.size != 2:
            raise ValueError(f"minimum must hold 2 values (w0, w1), got {m.size}")
        (star,) = ax.plot([m[0]], [m[1]], "*", color=COLORS["reference"], ms=14, zorder=4, label="minimum")
        star.set_gid("minimum")
    ax.set_xlim(float(x[0]), float(x[-1]))
    ax.set_ylim(float(y[0]), float(y[-1]))
    if equal_aspect:
        ax.set_aspect("equal", adjustable="box")
    ax.grid(False)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    if title is not None:
        ax.set_title(title)
    return ax


def plot_path(
    path: Any,
    *,
    label: str = "path",
    style: int = 0,
    markers: bool = True,
    ax: Axes | None = None,
) -> Axes:
    """Draw an optimizer's iterates ``w_0, w_1, ...`` as a line over contours.

    The Axes' limits are kept when it already shows something (contours), so
    a diverging path leaves the view instead of zooming it out; the iterates
    after the first one far outside the view (more than a view's width or
    height beyond it), and any that overflowed to inf or NaN, are not drawn.

    Parameters
    ----------
    path : array-like of shape (n_steps + 1, 2)
        The iterates, starting point first.
    label : str, default="path"
        Legend label; the line has gid ``"path:<label>"``.
    style : int, default=0
        Index into :data:`CURVE_STYLES` (colour and line style), ``>= 0``.
    markers : bool, default=True
        Put a small dot on each iterate and a square on the start.
    ax : matplotlib Axes or None, default=None
        Where to draw; a new figure if None.

    Returns
    -------
    matplotlib.axes.Axes

    """
    try:
        p = np.array(path, dtype=float)
    except (TypeError, ValueError) as exc:
        raise ValueError("path must be array-like of numbers of shape (n_steps + 1, 2)") from exc
    if p.ndim != 2 or p.shape[1] != 2 or p.shape[0] < 1:
        raise ValueError(f"path must have shape (n_steps + 1, 2), got {p.shape}")
    if not np.all(np.isfinite(p[0])):
        raise ValueError("path must start at a finite point")
    if not isinstance(label, str):
        raise ValueError(f"label must be a string, got {label!r}")
    style = check_int(style, "style", low=0)
    markers = check_bool(markers, "markers")
    ax = get_axes(ax)
    has_content = bool(ax.lines or ax.collections)
    limits = (ax.get_xlim(), ax.get_ylim())
    p[~np.isfinite(p).all(axis=1)] = np.nan
    if has_content:
        p = path_in_view(p, *limits)
    color, ls = _style(style)
    (line,) = ax.plot(
        p[:, 0],
        p[:, 1],
        color=color,
        linestyle=ls,
        marker="." if markers else None,
        ms=4,
        lw=1.5,
        label=label,
        zorder=3,
    )
    line.set_gid(f"path:{label}")
    if markers:
        (start,) = ax.plot([p[0, 0]], [p[0, 1]], "s", color=color, ms=7, zorder=4)
        start.set_gid(f"start:{label}")
    if has_content:
        ax.set_xlim(*limits[0])
        ax.set_ylim(*limits[1])
    return ax


def plot_per_step(
    series: Mapping[str, Any],
    *,
    xlabel: str = "step",
    ylabel: str = "loss",
    logy: bool = False,
    reference: float | None = None,
    reference_label: str = "reference",
    start: int = 0,
    title: str | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Draw several sequences (losses, learning rates...) against the step number.

    Parameters
    ----------
    series : mapping of str to array-like of shape (n_steps_i,)
        One sequence per label; lengths may differ. Non-finite values (a run
        that diverged) are drawn as gaps.
    xlabel, ylabel : str
        Axis labels.
    logy : bool, default=False
        Logarithmic vertical axis.
    reference : float or None, default=None
        Draw a black dotted horizontal line at this value (e.g. the loss of the
        closed-form solution); with ``logy`` it must be > 0.
    reference_label : str, default="reference"
        Legend label of the reference line.
    start : int, default=0
        Step number of each sequence's first value, ``>= 0``.
    title : str or None, default=None
        Title of the Axes.
    ax : matplotlib Axes or None, default=None
        Where to draw; a new figure if None.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes; each line has gid ``"series:<label>"``.

    """
    named = _check_mapping(series, "series")
    values = {label: _as_curve(v, f"series[{label!r}]") for label, v in named.items()}
    logy = check_bool(logy, "logy")
    start = check_int(start, "start", low=0)
    if reference is not None:
        reference = check_real(reference, "reference", low=0 if logy else None, low_open=logy)
    ax = get_axes(ax)
    for i, (label, y) in enumerate(values.items()):
        color, ls = _style(i)
        (line,) = ax.plot(np.arange(start, start + y.size), y, color=color, linestyle=ls, label=label)
        line.set_gid(f"series:{label}")
    if reference is not None:
        ref = ax.axhline(
            reference, color=COLORS["reference"], linestyle=LINESTYLES["reference"], lw=1.5, label=reference_label
        )
        ref.set_gid("reference")
    if logy:
        ax.set_yscale("log")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    if title is not None:
        ax.set_title(title)
    ax.legend()
    return ax


def _check_point(value: Any, name: str, x: NDArray[np.float64], y: NDArray[np.float64]) -> tuple[float, float] | None:
    """A ``(x, y)`` pair inside the grid's ranges, or None."""
    if value is None:
        return None
    if not isinstance(value, tuple | list) or len(value) != 2:
        raise ValueError(f"{name} must be an (lr, momentum) pair or None, got {value!r}")
    px = check_real(value[0], f"{name}[0]", low=float(x[0]), high=float(x[-1]))
    py = check_real(value[1], f"{name}[1]", low=float(y[0]), high=float(y[-1]))
    return px, py


def _rate_to_colour(rate: Any) -> Any:
    with np.errstate(divide="ignore", invalid="ignore"):
        return -np.log(-np.log(np.clip(rate, 1e-12, 1 - 1e-12)))


def _colour_to_rate(value: Any) -> Any:
    return np.exp(-np.exp(-np.asarray(value, dtype=float)))


def _checked_rate_grid(lr: Any, momentum: Any, rate: Any, levels: Any) -> tuple[NDArray[np.float64], ...]:
    """The rate map's grid, rates and contour levels as arrays, checked."""
    x = check_array(lr, "lr", ndim=1, min_samples=2)
    y = check_array(momentum, "momentum", ndim=1, min_samples=2)
    z = check_array(rate, "rate", ndim=2)
    if np.any(np.diff(x) <= 0) or x[0] <= 0:
        raise ValueError("lr must be strictly increasing and > 0")
    if np.any(np.diff(y) <= 0) or y[0] < 0 or y[-1] >= 1:
        raise ValueError("momentum must be strictly increasing, inside [0, 1)")
    if z.shape != (y.size, x.size):
        raise ValueError(f"rate must have shape (len(momentum), len(lr)) = {(y.size, x.size)}, got {z.shape}")
    if np.any(z < 0):
        raise ValueError("rate must be >= 0")
    level_values = check_array(levels, "levels", ndim=1)
    if np.any(np.diff(level_values) <= 0) or level_values[0] <= 0 or level_values[-1] >= 1:
        raise ValueError("levels must be increasing, inside (0, 1)")
    return x, y, z, level_values


def _draw_rate_cells(
    ax: Axes, x: NDArray[np.float64], y: NDArray[np.float64], z: NDArray[np.float64], level_values: Any
) -> tuple[Any, tuple[float, float]]:
    """Colour the converging cells (grey the others), label the ``level_values`` contours; the mesh and its range."""
    from matplotlib import colormaps
    from matplotlib.colors import FuncNorm

    converging = np.ma.masked_where(z >= 1, z)
    low = float(converging.min()) if converging.count() else 0.0
    cmap = colormaps["viridis"].with_extremes(bad="#e0e0e0")
    # colours spread evenly in log(steps per decade) = log(ln 10 / -ln rho): 0.9 and 0.99 are far apart
    top = min(float(converging.max()) if converging.count() else 0.999, 0.9999)
    vmin, vmax = max(low, 1e-6), max(top, low + 1e-6)
    norm = FuncNorm((_rate_to_colour, _colour_to_rate), vmin=vmin, vmax=vmax)
    mesh = ax.pcolormesh(x, y, converging, cmap=cmap, norm=norm, shading="nearest", rasterized=True)
    mesh.set_gid("rate")
    shown = [v for v in level_values if low < v < float(z.max())]
    if shown:
        cs = ax.contour(x, y, z, levels=shown, colors="white", linewidths=0.8)
        cs.set_gid("levels")
        ax.clabel(cs, fmt="%.2g", fontsize="small")
    return mesh, (vmin, vmax)


def _mark_rate_points(
    ax: Axes, best_pt: tuple[float, float] | None, best_label: str, current_pt: tuple[float, float] | None
) -> list[Any]:
    """Star ``best``, circle ``current``; the legend's handles, the grey of no convergence first."""
    from matplotlib.patches import Patch

    handles: list[Any] = [Patch(facecolor="#e0e0e0", edgecolor="#909090", label=r"no convergence ($\rho \geq 1$)")]
    if best_pt is not None:
        (star,) = ax.plot(*best_pt, "*", color=COLORS["reference"], mec="white", ms=15, zorder=4, label=best_label)
        star.set_gid("best")
        handles.append(star)
    if current_pt is not None:
        (dot,) = ax.plot(*current_pt, "o", color=COLORS["highlight"], mec="black", ms=9, zorder=5, label="current")
        dot.set_gid("current")
        handles.append(dot)
    return handles


def plot_rate_map(
    lr: Any,
    momentum: Any,
    rate: Any,
    *,
    levels: Sequence[float] = (0.8, 0.9, 0.95, 0.99),
    current: tuple[float, float] | None = None,
    best: tuple[float, float] | None = None,
    best_label: str = "fastest",
    xlabel: str = r"learning rate $\eta$",
    ylabel: str = r"momentum $\gamma$",
    colorbar: bool = True,
    title: str | None = None,
    ax: Axes | None = None,
) -> Axes:
    r"""Draw a rate of convergence over a grid of learning rates (log scale) and momentum coefficients.

    The rate :math:`\rho` is the factor by which the error shrinks per step (smaller is faster). Cells
    with :math:`\rho < 1` are coloured (viridis, dark = fast) on a scale even in the logarithm of the
    number of steps a tenfold reduction takes, :math:`\ln 10 / (-\ln\rho)`, so that 0.9, 0.99 and 0.999
    are equally far apart; cells with :math:`\rho \ge 1`, where the method does not converge, are light
    grey. Labelled contour lines mark ``levels``.

    Parameters
    ----------
    lr : array-like of shape (n_lr,)
        Learning rates, strictly increasing and > 0 (horizontal axis, log scale).
    momentum : array-like of shape (n_momentum,)
        Momentum coefficients, strictly increasing, in ``[0, 1)`` (vertical axis).
    rate : array-like of shape (n_momentum, n_lr)
        The rate at each grid point, finite and ``>= 0``: ``rate[i, j]`` is at ``(lr[j], momentum[i])``.
    levels : sequence of float, default=(0.8, 0.9, 0.95, 0.99)
        Contour levels, increasing, inside ``(0, 1)``; those outside the map's range are skipped.
    current : (float, float) or None, default=None
        An ``(lr, momentum)`` point marked with an orange circle (gid ``"current"``).
    best : (float, float) or None, default=None
        An ``(lr, momentum)`` point marked with a black star (gid ``"best"``), e.g. the optimal constants.
    best_label : str, default="fastest"
        Legend label of ``best``.
    xlabel, ylabel : str
        Axis labels.
    colorbar : bool, default=True
        Add a colour bar for :math:`\rho` next to the Axes.
    title : str or None, default=None
        Title of the Axes; state the finding.
    ax : matplotlib Axes or None, default=None
        Where to draw; a new figure if None.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes; the coloured cells have gid ``"rate"``, the contour lines ``"levels"``.

    """
    x, y, z, level_values = _checked_rate_grid(lr, momentum, rate, levels)
    current_pt = _check_point(current, "current", x, y)
    best_pt = _check_point(best, "best", x, y)
    if not isinstance(best_label, str):
        raise ValueError(f"best_label must be a string, got {best_label!r}")
    colorbar = check_bool(colorbar, "colorbar")
    ax = get_axes(ax)
    mesh, (vmin, vmax) = _draw_rate_cells(ax, x, y, z, level_values)
    handles = _mark_rate_points(ax, best_pt, best_label, current_pt)
    ax.set_xscale("log")
    ax.set_xlim(float(x[0]), float(x[-1]))
    ax.set_ylim(float(y[0]), float(y[-1]))
    ax.grid(False)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    if colorbar:
        ticks = [t for t in (0.5, 0.8, 0.9, 0.95, 0.99, 0.999) if vmin <= t <= vmax]
        bar = ax.figure.colorbar(mesh, ax=ax, ticks=ticks or None)
        bar.set_label(r"rate $\rho$: error $\times\,\rho$ per step")
    ax.legend(handles=handles, loc="upper left", fontsize="small", frameon=True)
    if title is not None:
        ax.set_title(title)
    return ax
