"""Plots for model selection: fits, train/validation curves, bias–variance, norms.

The curve against a complexity knob (polynomial degree, λ, training-set size)
always uses the same cues: train blue solid, validation vermillion dashed, and
a vertical orange line at the current value (gid ``"marker"``), so a widget can
move it with ``set_xdata``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from matplotlib.axes import Axes

from .._validation import check_array, check_bool, check_limits, check_real, check_same_length
from ..style import COLORS, LINESTYLES, OKABE_ITO
from ._axes import get_axes

__all__ = ["plot_bias_variance", "plot_coef_norms", "plot_polynomial_fit", "plot_validation_curve"]

_FIT_COLORS = [COLORS["highlight"], OKABE_ITO["bluish_green"], OKABE_ITO["reddish_purple"], OKABE_ITO["sky_blue"]]
_FIT_STYLES: list[Any] = ["-", "--", "-.", (0, (1, 1))]


def _check_increasing(values: np.ndarray, name: str) -> None:
    if np.any(np.diff(values) <= 0):
        raise ValueError(f"{name} must be strictly increasing")


def _fit_curves(y_grid: Any, grid: np.ndarray, label: str | Sequence[str]) -> tuple[np.ndarray, list[str], bool]:
    """Check ``y_grid`` and ``label``: the curves as rows, one label each, and whether ``y_grid`` was 1-D."""
    curves = np.empty((0, grid.shape[0])) if y_grid is None else check_array(y_grid, "y_grid", ndim=(1, 2))
    curves2d = curves[None, :] if curves.ndim == 1 else curves
    if curves2d.shape[1] != grid.shape[0]:
        raise ValueError(
            f"y_grid must have {grid.shape[0]} values per curve (one per x_grid point), got shape {curves.shape}"
        )
    labels = ([label] if isinstance(label, str) else list(label)) if y_grid is not None else []
    if len(labels) != curves2d.shape[0]:
        raise ValueError(f"label must hold one label per curve ({curves2d.shape[0]}), got {len(labels)}")
    return curves2d, labels, curves.ndim == 1


def _draw_truth(ax: Axes, grid: np.ndarray, y_true: Any) -> None:
    truth = check_array(y_true, "y_true", ndim=1)
    check_same_length(("x_grid", grid), ("y_true", truth))
    (line,) = ax.plot(
        grid, truth, color=COLORS["reference"], linestyle=LINESTYLES["reference"], lw=1.5, label="true function"
    )
    line.set_gid("truth")


def _draw_validation_points(ax: Axes, x_val: Any, y_val: Any) -> None:
    xv = check_array(x_val, "x_val", ndim=1)
    yv = check_array(y_val, "y_val", ndim=1)
    check_same_length(("x_val", xv), ("y_val", yv))
    ax.scatter(
        xv,
        yv,
        s=22,
        marker="s",
        facecolor="none",
        edgecolor=COLORS["validation"],
        lw=1,
        zorder=2,
        label="validation",
    )


def plot_polynomial_fit(
    x: Any,
    y: Any,
    x_grid: Any,
    y_grid: Any,
    *,
    x_val: Any = None,
    y_val: Any = None,
    y_true: Any = None,
    label: str | Sequence[str] = "fit",
    ylim: tuple[float, float] | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Scatter training (and validation) points and draw fitted curves.

    Parameters
    ----------
    x, y : array-like of shape (n_samples,)
        Training data, drawn as filled blue circles.
    x_grid : array-like of shape (n_grid,)
        Where the curve is evaluated, increasing.
    y_grid : array-like of shape (n_grid,) or (n_curves, n_grid), or None
        The fitted curve (orange, gid ``"fit"``), or several curves drawn
        with successive Okabe–Ito colours and line styles (gids ``"fit0"``,
        ``"fit1"``...); None draws the data (and ``y_true``) only.
    x_val, y_val : array-like of shape (n_val,) or None, default=None
        Validation data, drawn as open vermillion squares; give both or neither.
    y_true : array-like of shape (n_grid,) or None, default=None
        The true function on ``x_grid`` (black dotted, gid ``"truth"``).
    label : str or sequence of str, default="fit"
        Legend label of the curve (one per curve when ``y_grid`` is 2-D).
    ylim : (float, float) or None, default=None
        Fixed vertical limits (a wild high-degree curve is then clipped
        instead of squashing the data); automatic if None.
    ax : matplotlib Axes or None, default=None
        Where to draw; a new figure if None.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes drawn on.

    """
    x_arr = check_array(x, "x", ndim=1)
    y_arr = check_array(y, "y", ndim=1)
    check_same_length(("x", x_arr), ("y", y_arr))
    grid = check_array(x_grid, "x_grid", ndim=1, min_samples=2)
    _check_increasing(grid, "x_grid")
    curves2d, labels, single = _fit_curves(y_grid, grid, label)
    if (x_val is None) != (y_val is None):
        raise ValueError("x_val and y_val must be given together (or both left None)")
    limits = check_limits(ylim, "ylim")
    ax = get_axes(ax)
    if y_true is not None:
        _draw_truth(ax, grid, y_true)
    ax.scatter(x_arr, y_arr, s=28, color=COLORS["train"], edgecolor="white", zorder=3, label="train")
    if x_val is not None:
        _draw_validation_points(ax, x_val, y_val)
    for k, (curve, text) in enumerate(zip(curves2d, labels, strict=True)):
        (line,) = ax.plot(grid, curve, color=_FIT_COLORS[k % 4], linestyle=_FIT_STYLES[k % 4], label=text, zorder=4)
        line.set_gid("fit" if single else f"fit{k}")
    if limits is not None:
        ax.set_ylim(*limits)
    ax.set_xlabel(r"$x$")
    ax.set_ylabel(r"$y$")
    ax.legend(loc="best", fontsize="small")
    return ax


def _mean_band(values: np.ndarray) -> tuple[np.ndarray, np.ndarray | None]:
    if values.ndim == 1:
        return values, None
    return values.mean(axis=1), values.std(axis=1)


def _draw_score_curve(ax: Axes, p: np.ndarray, scores: np.ndarray, role: str, text: str, logy: bool) -> None:
    """One role's mean line (gid ``role``) and, for 2-D scores, its ±1 std band (kept > 0 on a log axis)."""
    mean, std = _mean_band(scores)
    (line,) = ax.plot(p, mean, color=COLORS[role], linestyle=LINESTYLES[role], label=text)
    line.set_gid(role)
    if std is not None:
        low, high = mean - std, mean + std
        if logy:
            low = np.maximum(low, mean / 10)
        ax.fill_between(p, low, high, color=COLORS[role], alpha=0.15, lw=0)


def _log_x_axis(ax: Axes, p: np.ndarray) -> None:
    ax.set_xscale("log")
    if p[-1] / p[0] < 100:  # under two decades Matplotlib labels minor ticks too: label the values instead
        ax.set_xticks(p, [f"{v:g}" for v in p])
        ax.minorticks_off()


def plot_validation_curve(
    params: Any,
    train_scores: Any,
    val_scores: Any,
    *,
    current: float | None = None,
    current_label: str | None = None,
    xlabel: str = "model complexity",
    ylabel: str = "mean squared error",
    logx: bool = False,
    logy: bool = False,
    train_label: str = "train",
    val_label: str = "validation",
    ax: Axes | None = None,
) -> Axes:
    """Draw train and validation error against a knob, with a marker at ``current``.

    Train is blue and solid, validation vermillion and dashed. 2-D scores
    (one column per cross-validation fold or repetition) are drawn as their
    mean with a ±1 standard deviation band. For a regularisation strength use
    ``logx=True``: λ grows left to right, as everywhere in the course.

    Parameters
    ----------
    params : array-like of shape (n_params,)
        Values of the knob (degree, λ, number of samples), increasing.
    train_scores, val_scores : array-like of shape (n_params,) or (n_params, n_folds)
        Errors at each value.
    current : float or None, default=None
        Where to draw the vertical orange marker (gid ``"marker"``), inside
        the range of ``params``.
    current_label : str or None, default=None
        Legend label of the marker (none if None).
    xlabel, ylabel : str
        Axis labels.
    logx, logy : bool, default=False
        Logarithmic axes (``params`` must then be > 0, respectively the scores).
    train_label, val_label : str
        Legend labels.
    ax : matplotlib Axes or None, default=None
        Where to draw; a new figure if None.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes; the lines have gids ``"train"`` and ``"validation"``.

    """
    p = check_array(params, "params", ndim=1, min_samples=2)
    train = check_array(train_scores, "train_scores", ndim=(1, 2))
    val = check_array(val_scores, "val_scores", ndim=(1, 2))
    check_same_length(("params", p), ("train_scores", train), ("val_scores", val))
    _check_increasing(p, "params")
    logx, logy = check_bool(logx, "logx"), check_bool(logy, "logy")
    if logx and np.any(p <= 0):
        raise ValueError("params must all be > 0 when logx=True")
    if logy and (np.any(train <= 0) or np.any(val <= 0)):
        raise ValueError("train_scores and val_scores must all be > 0 when logy=True")
    ax = get_axes(ax)
    for role, scores, text in (("train", train, train_label), ("validation", val, val_label)):
        _draw_score_curve(ax, p, scores, role, text, logy)
    if current is not None:
        c = check_real(current, "current", low=float(p[0]), high=float(p[-1]))
        marker = ax.axvline(c, color=COLORS["highlight"], lw=2, zorder=1, label=current_label)
        marker.set_gid("marker")
    if logx:
        _log_x_axis(ax, p)
    if logy:
        ax.set_yscale("log")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.legend(loc="best", fontsize="small")
    return ax


def _check_floor(bias2_floor: Any, p: np.ndarray) -> np.ndarray:
    floor = check_array(bias2_floor, "bias2_floor", ndim=1)
    check_same_length(("params", p), ("bias2_floor", floor))
    if np.any(floor < 0):
        raise ValueError("bias2_floor must be >= 0")
    return floor


def plot_bias_variance(
    params: Any,
    bias2: Any,
    variance: Any,
    *,
    noise: float | None = None,
    bias2_floor: Any = None,
    xlabel: str = "polynomial degree",
    logy: bool = False,
    ax: Axes | None = None,
) -> Axes:
    """Draw squared bias, variance, noise and their sum (the expected test error).

    Squared bias is reddish purple (dash-dot), variance bluish green (solid),
    the irreducible noise black dotted, and the total — the expected squared
    error on a new point — vermillion dashed like a validation curve.

    Parameters
    ----------
    params : array-like of shape (n_params,)
        Values of the complexity knob, increasing.
    bias2, variance : array-like of shape (n_params,)
        Squared bias and variance at each value, ``>= 0``.
    noise : float or None, default=None
        The noise variance ``sigma^2``, ``>= 0``; included in the total if given.
    bias2_floor : array-like of shape (n_params,) or None, default=None
        When bias² and variance are estimated by simulation over ``n`` datasets, the squared bias of an
        unbiased model still comes out near ``variance / n`` (the average prediction is itself uncertain).
        Given, this level is drawn as a grey band (gid ``"bias2_floor"``) from the bottom of the Axes: a
        bias² inside the band is indistinguishable from zero. Values ``>= 0``.
    xlabel : str, default="polynomial degree"
        Label of the horizontal axis.
    logy : bool, default=False
        Logarithmic vertical axis.
    ax : matplotlib Axes or None, default=None
        Where to draw; a new figure if None.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes; lines have gids ``"bias2"``, ``"variance"``, ``"noise"``, ``"total"``, and the band
        ``"bias2_floor"``.

    """
    p = check_array(params, "params", ndim=1, min_samples=2)
    b2 = check_array(bias2, "bias2", ndim=1)
    var = check_array(variance, "variance", ndim=1)
    check_same_length(("params", p), ("bias2", b2), ("variance", var))
    _check_increasing(p, "params")
    if np.any(b2 < 0) or np.any(var < 0):
        raise ValueError("bias2 and variance must be >= 0")
    logy = check_bool(logy, "logy")
    sigma2 = 0.0 if noise is None else check_real(noise, "noise", low=0)
    floor = None if bias2_floor is None else _check_floor(bias2_floor, p)
    ax = get_axes(ax)
    total = b2 + var + sigma2
    if floor is not None:
        band = ax.fill_between(
            p, 0, floor, color=COLORS["reference"], alpha=0.12, lw=0, label=r"Monte Carlo noise of bias$^2$"
        )
        band.set_gid("bias2_floor")
    for gid, values, color, style, text in (
        ("bias2", b2, OKABE_ITO["reddish_purple"], "-.", r"bias$^2$"),
        ("variance", var, OKABE_ITO["bluish_green"], "-", "variance"),
        ("total", total, COLORS["validation"], LINESTYLES["validation"], "expected test error"),
    ):
        (line,) = ax.plot(p, values, color=color, linestyle=style, label=text)
        line.set_gid(gid)
    if noise is not None:
        line = ax.axhline(
            sigma2, color=COLORS["reference"], linestyle=LINESTYLES["reference"], lw=1.5, label=r"noise $\sigma^2$"
        )
        line.set_gid("noise")
    if logy:
        ax.set_yscale("log")
    ax.set_xlabel(xlabel)
    ax.set_ylabel("squared error")
    ax.legend(loc="best", fontsize="small")
    return ax


def plot_coef_norms(
    params: Any,
    norms: Any,
    *,
    xlabel: str = "polynomial degree",
    ylabel: str = r"$\|w\|_2$",
    ax: Axes | None = None,
) -> Axes:
    """Draw coefficient norms against a complexity knob on a log scale.

    Parameters
    ----------
    params : array-like of shape (n_params,)
        Values of the knob, increasing.
    norms : array-like of shape (n_params,)
        A norm of the fitted weights at each value, ``> 0``.
    xlabel, ylabel : str
        Axis labels.
    ax : matplotlib Axes or None, default=None
        Where to draw; a new figure if None.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes; the line has gid ``"norms"``.

    """
    p = check_array(params, "params", ndim=1, min_samples=2)
    n = check_array(norms, "norms", ndim=1)
    check_same_length(("params", p), ("norms", n))
    _check_increasing(p, "params")
    if np.any(n <= 0):
        raise ValueError("norms must all be > 0 (they are drawn on a log scale)")
    ax = get_axes(ax)
    (line,) = ax.plot(p, n, "o-", color=COLORS["reference"], ms=5)
    line.set_gid("norms")
    ax.set_yscale("log")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    return ax
