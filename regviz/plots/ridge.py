"""Plots for penalised linear models: coefficient paths, coefficient bars, shrinkage.

λ (scikit-learn's ``alpha``) is always on a log axis with regularisation
growing left to right, and the current λ is a vertical orange line (gid
``"marker"``) — the same cues as :func:`regviz.plots.plot_validation_curve`,
so the panels of a λ slider read together.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from matplotlib.axes import Axes

from .._validation import check_array, check_bool, check_limits, check_real, check_same_length
from ..style import COLORS, OKABE_ITO
from ._axes import get_axes

__all__ = ["ALPHA_LABEL", "plot_coef_bars", "plot_coef_path", "plot_shrinkage_factors"]

ALPHA_LABEL = r"regularisation strength $\lambda$ (alpha)"
"""Default label of a λ axis."""

_PATH_COLORS = [
    OKABE_ITO[k] for k in ("blue", "vermillion", "bluish_green", "orange", "reddish_purple", "sky_blue", "black")
]
_PATH_STYLES: list[Any] = ["-", "--", "-.", (0, (1, 1))]


def _check_alphas_axis(alphas: Any) -> np.ndarray:
    a = check_array(alphas, "alphas", ndim=1, min_samples=2)
    if np.any(a <= 0):
        raise ValueError("alphas must all be in (0, inf): they are drawn on a log axis")
    if np.any(np.diff(a) <= 0):
        raise ValueError("alphas must be strictly increasing (regularisation grows left to right)")
    return a


def _check_names(names: Sequence[str] | None, n: int, default: str) -> list[str]:
    if names is None:
        return [default.format(j) for j in range(n)]
    if isinstance(names, str) or len(names) != n:
        raise ValueError(f"feature_names must be a sequence of {n} names, got {names!r}")
    return [str(name) for name in names]


def _marker(ax: Axes, current: float | None, alphas: np.ndarray) -> None:
    if current is None:
        return
    c = check_real(current, "current", low=float(alphas[0]), high=float(alphas[-1]))
    line = ax.axvline(c, color=COLORS["highlight"], lw=2, zorder=1)
    line.set_gid("marker")


def plot_coef_path(
    alphas: Any,
    coefs: Any,
    *,
    feature_names: Sequence[str] | None = None,
    current: float | None = None,
    xlabel: str = ALPHA_LABEL,
    ylabel: str = r"coefficient $w_j$",
    legend: bool = True,
    ax: Axes | None = None,
) -> Axes:
    """Draw each coefficient against λ (log axis, growing left to right).

    Parameters
    ----------
    alphas : array-like of shape (n_alphas,)
        Regularisation strengths, strictly increasing, all > 0.
    coefs : array-like of shape (n_alphas, n_features)
        The weights at each alpha (e.g. ``RidgePath.coefs``).
    feature_names : sequence of str or None, default=None
        One name per feature, for the legend; ``w_0, w_1, ...`` if None.
    current : float or None, default=None
        Where to draw the vertical orange marker (gid ``"marker"``).
    xlabel, ylabel : str
        Axis labels.
    legend : bool, default=True
        Whether to draw the legend (outside the Axes, on the right).
    ax : matplotlib Axes or None, default=None
        Where to draw; a new figure if None.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes; line ``j`` has gid ``"coef{j}"``.

    """
    legend = check_bool(legend, "legend")
    a = _check_alphas_axis(alphas)
    c = check_array(coefs, "coefs", ndim=2)
    check_same_length(("alphas", a), ("coefs", c))
    names = _check_names(feature_names, c.shape[1], "$w_{{{}}}$")
    ax = get_axes(ax)
    ax.axhline(0.0, color=COLORS["reference"], lw=0.8)
    for j in range(c.shape[1]):
        color = _PATH_COLORS[j % len(_PATH_COLORS)]
        style = _PATH_STYLES[(j // len(_PATH_COLORS)) % len(_PATH_STYLES)]
        (line,) = ax.plot(a, c[:, j], color=color, linestyle=style, lw=1.6, label=names[j])
        line.set_gid(f"coef{j}")
    _marker(ax, current, a)
    ax.set_xscale("log")
    ax.set_xlim(a[0], a[-1])
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    if legend:
        ax.legend(loc="center left", bbox_to_anchor=(1.0, 0.5), fontsize="small", handlelength=2.5)
    return ax


def plot_coef_bars(
    coef: Any,
    *,
    feature_names: Sequence[str] | None = None,
    ylim: tuple[float, float] | None = None,
    symlog: float | None = None,
    rotation: float = 0.0,
    ylabel: str = r"coefficient $w_j$",
    ax: Axes | None = None,
) -> Axes:
    """Draw one bar per coefficient (orange: it belongs to the current fit).

    Parameters
    ----------
    coef : array-like of shape (n_features,)
        The weights.
    feature_names : sequence of str or None, default=None
        Tick labels; ``w_0, w_1, ...`` if None.
    ylim : (float, float) or None, default=None
        Fixed vertical limits (a widget fixes them so that shrinking bars
        are seen to shrink); automatic if None.
    symlog : float or None, default=None
        If given (> 0), a symmetric log scale, linear within ``±symlog``: bars
        from 0.01 to 100 stay readable on one axis.
    rotation : float, default=0.0
        Rotation of the tick labels in degrees, in [0, 90].
    ylabel : str
        Label of the vertical axis.
    ax : matplotlib Axes or None, default=None
        Where to draw; a new figure if None.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes; the bars are ``ax.containers[0]``, each patch with gid ``"bar{j}"``.

    """
    w = check_array(coef, "coef", ndim=1)
    names = _check_names(feature_names, w.shape[0], "$w_{{{}}}$")
    rotation = check_real(rotation, "rotation", low=0, high=90)
    linthresh = None if symlog is None else check_real(symlog, "symlog", low=0, low_open=True)
    limits = check_limits(ylim, "ylim")
    ax = get_axes(ax)
    positions = np.arange(w.shape[0])
    bars = ax.bar(positions, w, color=COLORS["highlight"], edgecolor=COLORS["reference"], lw=0.6, width=0.7)
    for j, patch in enumerate(bars.patches):
        patch.set_gid(f"bar{j}")
    ax.axhline(0.0, color=COLORS["reference"], lw=0.8)
    ax.set_xticks(positions, names, rotation=rotation)
    if linthresh is not None:
        ax.set_yscale("symlog", linthresh=linthresh)
    ax.grid(axis="x", visible=False)
    if limits is not None:
        ax.set_ylim(*limits)
    ax.set_ylabel(ylabel)
    return ax


def plot_shrinkage_factors(
    alphas: Any,
    factors: Any,
    *,
    singular_values: Any = None,
    current: float | None = None,
    xlabel: str = ALPHA_LABEL,
    ax: Axes | None = None,
) -> Axes:
    """Draw ridge's shrinkage factor ``d_j^2 / (d_j^2 + λ)`` of each direction against λ.

    Colours run along viridis from the direction of largest singular value
    (dark) to the smallest (yellow), so the reader sees the small-variance
    directions shrink first.

    Parameters
    ----------
    alphas : array-like of shape (n_alphas,)
        Regularisation strengths, strictly increasing, all > 0.
    factors : array-like of shape (n_alphas, n_directions)
        Shrinkage factors in ``[0, 1]``, one column per principal direction,
        largest singular value first.
    singular_values : array-like of shape (n_directions,) or None, default=None
        The ``d_j``, used for the legend.
    current : float or None, default=None
        Where to draw the vertical orange marker (gid ``"marker"``).
    xlabel : str
        Label of the horizontal axis.
    ax : matplotlib Axes or None, default=None
        Where to draw; a new figure if None.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes; line ``j`` has gid ``"factor{j}"``.

    """
    import matplotlib as mpl

    a = _check_alphas_axis(alphas)
    f = check_array(factors, "factors", ndim=2)
    check_same_length(("alphas", a), ("factors", f))
    if np.any(f < 0) or np.any(f > 1):
        raise ValueError("factors must all be in [0, 1]")
    n_dir = f.shape[1]
    if singular_values is not None:
        d = check_array(singular_values, "singular_values", ndim=1)
        if d.shape[0] != n_dir:
            raise ValueError(f"singular_values must hold {n_dir} values (one per column of factors), got {d.shape[0]}")
        labels = [rf"$d_{{{j + 1}}} = {d[j]:.3g}$" for j in range(n_dir)]
    else:
        labels = [rf"direction {j + 1}" for j in range(n_dir)]
    cmap = mpl.colormaps["viridis"]
    ax = get_axes(ax)
    for j in range(n_dir):
        (line,) = ax.plot(a, f[:, j], color=cmap(j / max(n_dir - 1, 1) * 0.9), lw=1.6, label=labels[j])
        line.set_gid(f"factor{j}")
    _marker(ax, current, a)
    ax.set_xscale("log")
    ax.set_xlim(a[0], a[-1])
    ax.set_ylim(-0.02, 1.02)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(r"shrinkage factor $d_j^2 / (d_j^2 + \lambda)$")
    ax.legend(loc="center left", bbox_to_anchor=(1.0, 0.5), fontsize="small")
    return ax
