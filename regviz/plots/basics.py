"""First plots of the course: a line through data, a loss profile, a history."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.ticker import MaxNLocator

from .._validation import check_array, check_bool, check_real, check_same_length
from ..style import COLORS, LINESTYLES
from ._axes import get_axes

__all__ = ["plot_history", "plot_line_fit", "plot_loss_profile"]


def plot_line_fit(
    x: Any,
    y: Any,
    slope: float,
    *,
    intercept: float = 0.0,
    residuals: bool = True,
    ax: Axes | None = None,
) -> Axes:
    """Scatter the data and draw the line ``y = slope * x + intercept``.

    Parameters
    ----------
    x, y : array-like of shape (n_samples,)
        The data.
    slope : float
        Slope of the line.
    intercept : float, default=0.0
        Intercept of the line.
    residuals : bool, default=True
        Draw each residual as a vertical segment.
    ax : matplotlib Axes or None, default=None
        Where to draw; a new figure if None.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes drawn on. Its artists are named (``"line"``,
        ``"residuals"``) so a widget can update them in place.

    """
    residuals = check_bool(residuals, "residuals")
    x_arr = check_array(x, "x", ndim=1)
    y_arr = check_array(y, "y", ndim=1)
    check_same_length(("x", x_arr), ("y", y_arr))
    slope = check_real(slope, "slope")
    intercept = check_real(intercept, "intercept")
    ax = get_axes(ax)
    ax.scatter(x_arr, y_arr, color=COLORS["data"], edgecolor="white", zorder=3, label="data")
    grid = np.linspace(x_arr.min(), x_arr.max(), 2)
    (line,) = ax.plot(grid, slope * grid + intercept, color=COLORS["highlight"], label="model")
    line.set_gid("line")
    if residuals:
        y_hat = slope * x_arr + intercept
        segs = ax.vlines(
            x_arr, y_hat, y_arr, color=COLORS["reference"], linestyle=LINESTYLES["reference"], lw=1, label="residuals"
        )
        segs.set_gid("residuals")
    ax.set_xlabel(r"$x$")
    ax.set_ylabel(r"$y$")
    ax.legend(loc="upper left")
    return ax


def plot_loss_profile(
    params: Any,
    losses: Any,
    *,
    current: float | None = None,
    xlabel: str = r"parameter $w$",
    ylabel: str = "loss",
    logx: bool = False,
    ax: Axes | None = None,
) -> Axes:
    """Draw a loss as a function of one parameter, with a marker at ``current``.

    Parameters
    ----------
    params : array-like of shape (n_points,)
        Parameter values, increasing.
    losses : array-like of shape (n_points,)
        Loss at each value.
    current : float or None, default=None
        Where to put the marker (its loss is interpolated).
    xlabel, ylabel : str
        Axis labels.
    logx : bool, default=False
        Logarithmic parameter axis (all ``params`` must then be > 0).
    ax : matplotlib Axes or None, default=None
        Where to draw; a new figure if None.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes; the marker's artist has gid ``"marker"``.

    """
    logx = check_bool(logx, "logx")
    p = check_array(params, "params", ndim=1, min_samples=2)
    values = check_array(losses, "losses", ndim=1, min_samples=2)
    check_same_length(("params", p), ("losses", values))
    if np.any(np.diff(p) <= 0):
        raise ValueError("params must be strictly increasing")
    if logx and np.any(p <= 0):
        raise ValueError("params must all be > 0 when logx=True")
    ax = get_axes(ax)
    ax.plot(p, values, color=COLORS["reference"], label=ylabel)
    if current is not None:
        c = check_real(current, "current", low=float(p[0]), high=float(p[-1]))
        (marker,) = ax.plot([c], [np.interp(c, p, values)], "o", color=COLORS["highlight"], ms=9, zorder=3)
        marker.set_gid("marker")
    if logx:
        ax.set_xscale("log")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    return ax


def plot_history(
    history: Mapping[str, Sequence[float]],
    *,
    keys: Sequence[str] = ("train_loss", "val_loss"),
    ylabel: str = "loss",
    logy: bool = False,
    ax: Axes | None = None,
) -> Axes:
    """Draw per-epoch curves from a history mapping (e.g. ``train_loss``, ``val_loss``).

    Curves whose key starts with ``train`` use the train colour and a solid
    line, ``val`` the validation colour and a dashed line.

    Parameters
    ----------
    history : mapping of str to sequence of float
        One list of values per key, one value per epoch.
    keys : sequence of str
        Which entries to draw; each must be in ``history``.
    ylabel : str, default="loss"
        Label of the vertical axis.
    logy : bool, default=False
        Logarithmic vertical axis.
    ax : matplotlib Axes or None, default=None
        Where to draw; a new figure if None.

    Returns
    -------
    matplotlib.axes.Axes

    """
    logy = check_bool(logy, "logy")
    if isinstance(keys, str) or not isinstance(keys, Sequence) or not all(isinstance(k, str) for k in keys):
        raise ValueError(f"keys must be a sequence of entry names (str), got {keys!r}")
    if not isinstance(history, Mapping):
        raise ValueError(f"history must be a mapping of name to per-epoch values, got {type(history).__name__}")
    if len(keys) == 0:
        raise ValueError("keys must name at least one entry of history")
    missing = [k for k in keys if k not in history]
    if missing:
        raise ValueError(f"keys must be entries of history {sorted(history)}, missing {missing}")
    ax = get_axes(ax)
    for key in keys:
        values = check_array(history[key], f"history[{key!r}]", ndim=1)
        role = "train" if key.startswith("train") else "validation" if key.startswith("val") else "alternative"
        epochs = np.arange(1, len(values) + 1)
        ax.plot(epochs, values, color=COLORS[role], linestyle=LINESTYLES[role], label=key.replace("_", " "))
    if logy:
        ax.set_yscale("log")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))  # epochs are whole numbers
    ax.set_xlabel("epoch")
    ax.set_ylabel(ylabel)
    ax.legend()
    return ax
