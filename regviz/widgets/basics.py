"""The course's first slider: a line's slope against the loss it scores."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from .._validation import validate_array, validate_callable, validate_int, validate_real, validate_same_length
from ..plots import plot_line_fit, plot_loss_profile
from ._core import Explorer, float_slider, new_figure

__all__ = ["slope_explorer"]


def slope_explorer(
    x: Any,
    y: Any,
    loss_fn: Callable[[Any, Any], float],
    *,
    slope_range: tuple[float, float] = (-1.0, 5.0),
    slope: float = 0.5,
    n_grid: int = 121,
    loss_label: str = "mean squared error",
) -> Explorer:
    """Slide the slope ``w`` of the line ``y = w x``; see the fit and the loss move together.

    The loss profile is computed once on a grid of ``n_grid`` slopes with the caller's ``loss_fn`` (a student's
    own function drives the plot); a move only moves the line, the residuals and the marker.

    Parameters
    ----------
    x, y : array-like of shape (n_samples,)
        The data.
    loss_fn : callable
        ``loss_fn(y, y_pred)`` returning one finite number, e.g. a mean squared error. Called on the whole
        grid at once: a function that returns None (a missing ``return``), NaN, infinity or an array (a
        per-sample loss not yet averaged) raises ``ValueError`` at once, as does an argument out of range.
    slope_range, slope : (float, float), default=(-1.0, 5.0), and float, default=0.5
        Range of the slider, low < high, and the initial slope inside it.
    n_grid : int, default=121
        Number of slopes at which the loss profile is precomputed in ``[2, 100001]``.
    loss_label : str, default="mean squared error"
        Label of the loss axis; name your own loss here (e.g. ``"mean absolute error"``).

    Returns
    -------
    Explorer
        Display it; ``explorer.set(slope=...)`` moves the slider.

    """
    x_arr, y_arr, (low, high), slope = _validate_slope_args(x, y, loss_fn, slope_range, slope, n_grid, loss_label)
    grid = np.linspace(low, high, n_grid)
    losses = np.array([_loss_value(loss_fn, y_arr, x_arr, float(w)) for w in grid])

    fig, (ax_fit, ax_loss) = new_figure(ncols=2)
    plot_line_fit(x_arr, y_arr, slope, ax=ax_fit)
    plot_loss_profile(grid, losses, current=slope, xlabel=r"slope $w$", ylabel=loss_label, ax=ax_loss)
    line, marker = _by_gid(ax_fit.lines, "line"), _by_gid(ax_loss.lines, "marker")
    residuals = _by_gid(ax_fit.collections, "residuals")
    x_line = line.get_xdata()
    ax_fit.set_ylim(*_padded(np.r_[y_arr, low * x_arr, high * x_arr]))

    def update(slope: float) -> None:
        y_hat = slope * x_arr
        line.set_ydata(slope * np.asarray(x_line))
        residuals.set_segments([np.array([[xi, yh], [xi, yi]]) for xi, yh, yi in zip(x_arr, y_hat, y_arr, strict=True)])
        marker.set_data([slope], [np.interp(slope, grid, losses)])
        ax_fit.set_title(rf"$\hat y = {slope:.2f}\,x$")

    def caption(slope: float) -> str:
        return f"slope w = {slope:.2f} &nbsp;&nbsp; loss = {_loss_value(loss_fn, y_arr, x_arr, slope):.3f}"

    control = float_slider("slope w", low, high, slope, step=(high - low) / 120)
    return Explorer(fig, update, {"slope": control}, caption=caption, animated=[line, residuals, marker, ax_fit.title])


def _by_gid(artists: Any, gid: str) -> Any:
    return next(a for a in artists if a.get_gid() == gid)


def _validate_slope_args(
    x: Any, y: Any, loss_fn: Any, slope_range: Any, slope: Any, n_grid: Any, loss_label: Any
) -> tuple[np.ndarray, np.ndarray, tuple[float, float], float]:
    """The checked data, slider range and initial slope of :func:`slope_explorer` (``loss_fn``, ``n_grid`` too)."""
    x_arr = validate_array(x, "x", ndim=1)
    y_arr = validate_array(y, "y", ndim=1)
    validate_same_length(("x", x_arr), ("y", y_arr))
    validate_callable(loss_fn, "loss_fn")
    if not isinstance(slope_range, tuple | list) or len(slope_range) != 2:
        raise ValueError(f"slope_range must be a (low, high) pair, got {slope_range!r}")
    low, high = validate_real(slope_range[0], "slope_range[0]"), validate_real(slope_range[1], "slope_range[1]")
    if not low < high:
        raise ValueError(f"slope_range must satisfy low < high, got {slope_range!r}")
    validate_int(n_grid, "n_grid", low=2, high=100_001)
    if not isinstance(loss_label, str):
        raise ValueError(f"loss_label must be a string, got {type(loss_label).__name__}")
    return x_arr, y_arr, (low, high), validate_real(slope, "slope", low=low, high=high)


def _loss_value(loss_fn: Callable[[Any, Any], Any], y: np.ndarray, x: np.ndarray, slope: float) -> float:
    """``loss_fn(y, slope * x)`` as a float, or a ValueError naming ``loss_fn`` and what it returned."""
    value = loss_fn(y, slope * x)
    where = f"at slope w = {slope:.4g}"
    if value is None:
        raise ValueError(f"loss_fn must return the loss as one number; it returned None {where} (missing return?)")
    if hasattr(value, "detach"):  # a torch tensor, without importing torch
        value = value.detach().cpu().numpy()
    try:
        arr = np.asarray(value)
    except Exception:  # an object NumPy cannot read at all
        arr = np.asarray(None, dtype=object)
    if arr.dtype.kind not in "iuf":
        raise ValueError(
            f"loss_fn must return the loss as one real number; it returned {type(value).__name__} {value!r:.60} {where}"
        )
    if arr.size != 1:
        raise ValueError(
            f"loss_fn must return the loss as one number; it returned an array of shape {arr.shape} {where} "
            "(average the per-sample losses, e.g. with np.mean)"
        )
    number = float(arr.reshape(()))
    if not np.isfinite(number):
        raise ValueError(f"loss_fn must return a finite number; it returned {number} {where}")
    return number


def _padded(values: np.ndarray, fraction: float = 0.05) -> tuple[float, float]:
    lo, hi = float(np.min(values)), float(np.max(values))
    pad = fraction * (hi - lo or 1.0)
    return lo - pad, hi + pad
