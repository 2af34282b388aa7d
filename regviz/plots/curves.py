"""Lines against an x axis: loss and training curves, error against a knob or λ, search progress.

* :func:`plot_curves` — several named curves over one shared axis (losses against a prediction,
  a training history, per-layer norms, a sweep), optionally with a marker at the current x.
* :func:`plot_line_fit`, :func:`plot_loss_profile` — a line through data, a loss along one parameter.
* :func:`plot_per_step` — sequences (losses, learning rates) against the step number.
* :func:`plot_polynomial_fit`, :func:`plot_validation_curve`, :func:`plot_bias_variance` — fits,
  train/validation error and the bias–variance split against a complexity knob.
* :func:`plot_soft_threshold`, :func:`plot_cv_curve` — the lasso's one-dimensional answer, and
  cross-validated error along λ (train/validation error along λ: :func:`plot_validation_curve`).
* :func:`plot_seed_curves`, :func:`plot_seed_scores`, :func:`plot_search` — comparisons over seeds
  and the trials of a search (capstone).
* :func:`plot_marginal`, :func:`plot_gp_posterior`, :func:`plot_acquisition`, :func:`plot_best_so_far`,
  :func:`plot_pruning`, :func:`plot_halving` — hyperparameter search.

λ is always on a log axis with regularisation growing left to right, the current λ an orange line.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.ticker import MaxNLocator
from numpy.typing import NDArray

from .._validation import (
    validate_alphas,
    validate_array,
    validate_bool,
    validate_choice,
    validate_increasing,
    validate_int,
    validate_limits,
    validate_real,
    validate_same_length,
    validate_title,
)
from ..style import COLORS, LINESTYLES, OKABE_ITO
from ._axes import (
    CURVE_STYLES,
    LAMBDA_LABEL,
    METHOD_STYLES,
    SEARCH_LABELS,
    SEARCH_STYLES,
    get_axes,
    optimizer_style,
)

__all__ = [
    "plot_acquisition",
    "plot_best_so_far",
    "plot_bias_variance",
    "plot_curves",
    "plot_cv_curve",
    "plot_gp_posterior",
    "plot_halving",
    "plot_line_fit",
    "plot_loss_profile",
    "plot_marginal",
    "plot_per_step",
    "plot_polynomial_fit",
    "plot_pruning",
    "plot_search",
    "plot_seed_curves",
    "plot_seed_scores",
    "plot_soft_threshold",
    "plot_validation_curve",
]


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
    residuals = validate_bool(residuals, "residuals")
    x_arr = validate_array(x, "x", ndim=1)
    y_arr = validate_array(y, "y", ndim=1)
    validate_same_length(("x", x_arr), ("y", y_arr))
    slope = validate_real(slope, "slope")
    intercept = validate_real(intercept, "intercept")
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
    logx = validate_bool(logx, "logx")
    p = validate_array(params, "params", ndim=1, min_samples=2)
    values = validate_array(losses, "losses", ndim=1, min_samples=2)
    validate_same_length(("params", p), ("losses", values))
    if np.any(np.diff(p) <= 0):
        raise ValueError("params must be strictly increasing")
    if logx and np.any(p <= 0):
        raise ValueError("params must all be > 0 when logx=True")
    ax = get_axes(ax)
    ax.plot(p, values, color=COLORS["reference"], label=ylabel)
    if current is not None:
        c = validate_real(current, "current", low=float(p[0]), high=float(p[-1]))
        (marker,) = ax.plot([c], [np.interp(c, p, values)], "o", color=COLORS["highlight"], ms=9, zorder=3)
        marker.set_gid("marker")
    if logx:
        ax.set_xscale("log")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    return ax


def _validate_mapping(curves: Any, name: str) -> dict[str, Any]:
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


def _select(curves: Any, keys: Sequence[str] | None) -> dict[str, Any]:
    """The curves to draw, by legend label: all of ``curves``, or the entries ``keys`` names (``_`` read as spaces)."""
    named = _validate_mapping(curves, "curves")
    if keys is None:
        return named
    if isinstance(keys, str) or not isinstance(keys, Sequence) or not all(isinstance(k, str) for k in keys):
        raise ValueError(f"keys must be a sequence of entry names (str), got {keys!r}")
    if len(keys) == 0:
        raise ValueError("keys must name at least one entry of curves")
    missing = [k for k in keys if k not in named]
    if missing:
        raise ValueError(f"keys must be entries of curves {sorted(named)}, missing {missing}")
    return {key.replace("_", " "): named[key] for key in keys}


def _shared_x(x: Any, named: dict[str, Any]) -> NDArray[np.float64]:
    """``x`` checked, or ``1, 2, ...`` as long as the first curve."""
    if x is None:
        label = next(iter(named))
        return np.arange(1.0, _as_curve(named[label], f"curves[{label!r}]").size + 1.0)
    x_arr = validate_array(x, "x", ndim=1)
    if np.any(np.diff(x_arr) <= 0):
        raise ValueError("x must be strictly increasing")
    return x_arr


def _checked_curves(
    curves: Any, x: Any, keys: Sequence[str] | None, logx: bool, logy: bool
) -> tuple[NDArray[np.float64], dict[str, NDArray[np.float64]]]:
    """The shared x and the curves to draw by label, non-finite values as NaN, checked against the log axes."""
    named = _select(curves, keys)
    x_arr = _shared_x(x, named)
    values = {label: _as_curve(v, f"curves[{label!r}]", x_arr.size) for label, v in named.items()}
    if logx and np.any(x_arr <= 0):
        raise ValueError("x must be > 0 everywhere when logx=True")
    if logy and any(np.any(v[np.isfinite(v)] <= 0) for v in values.values()):
        raise ValueError("curves must be > 0 everywhere when logy=True")
    return x_arr, values


def _mark_current(ax: Axes, current: float, x: NDArray[np.float64], values: dict[str, NDArray[np.float64]]) -> None:
    """A dotted vertical line (gid ``"current"``) at ``current`` and a dot on each curve (gid ``"marker:<label>"``)."""
    vline = ax.axvline(current, color=COLORS["reference"], linestyle=LINESTYLES["reference"], lw=1)
    vline.set_gid("current")
    for i, (label, y) in enumerate(values.items()):
        color = CURVE_STYLES[i % len(CURVE_STYLES)][0]
        (marker,) = ax.plot([current], [np.interp(current, x, y)], "o", color=color, ms=7, zorder=3)
        marker.set_gid(f"marker:{label}")


def plot_curves(
    curves: Mapping[str, Any],
    *,
    x: Any = None,
    keys: Sequence[str] | None = None,
    current: float | None = None,
    linestyles: Sequence[Any] | None = None,
    xlabel: str = "epoch",
    ylabel: str = "loss",
    logx: bool = False,
    logy: bool = False,
    markers: bool = False,
    title: str | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Draw several named curves over one shared x axis, each with its own colour and dash.

    Losses against a prediction, a sweep, per-layer norms, a training history: the n-th curve takes the
    n-th (colour, dash) of the course's cycle (blue solid, vermillion dashed, bluish green dotted, orange
    dash-dot, ...), so a history's first two curves are training (solid) and validation (dashed).

    Parameters
    ----------
    curves : mapping of str to array-like of shape (n_points,)
        One curve per label (the legend entry), all of one length; non-finite values are drawn as gaps.
    x : array-like of shape (n_points,) or None, default=None
        Shared x values, strictly increasing; ``1, 2, ..., n_points`` with integer ticks if None.
    keys : sequence of str or None, default=None
        Draw only these entries, in this order, labelled with ``_`` as spaces (``History.as_dict()``
        with ``keys=("train_loss", "val_loss")`` draws "train loss" and "val loss").
    current : float or None, default=None
        A dotted vertical line (gid ``"current"``) and a dot on each curve (gid ``"marker:<label>"``) here.
    linestyles : sequence or None, default=None
        Line styles instead of the cycle's dashes (cycled; colours stay), e.g. the optimizers' ones.
    xlabel, ylabel : str
        Axis labels.
    logx, logy : bool, default=False
        Logarithmic axes (``logx`` needs all ``x > 0``, ``logy`` all finite values > 0).
    markers : bool, default=False
        Mark each point (useful for a few points, e.g. a sweep).
    title : str or None, default=None
        Title of the Axes; state the finding.
    ax : matplotlib Axes or None, default=None
        Where to draw; a new figure if None.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes; each curve's line has its label and gid ``"curve:<label>"``.

    """
    markers, title = validate_bool(markers, "markers"), validate_title(title)
    x_arr, values = _checked_curves(curves, x, keys, validate_bool(logx, "logx"), validate_bool(logy, "logy"))
    if current is not None:
        current = validate_real(current, "current", low=float(x_arr[0]), high=float(x_arr[-1]))
    if linestyles is not None and (
        isinstance(linestyles, str) or not isinstance(linestyles, Sequence) or not linestyles
    ):
        raise ValueError(f"linestyles must be a non-empty sequence of line styles, got {linestyles!r}")
    ax = get_axes(ax)
    for i, (label, y) in enumerate(values.items()):
        color, style = CURVE_STYLES[i % len(CURVE_STYLES)]
        if linestyles is not None:
            style = linestyles[i % len(linestyles)]
        point_style: dict[str, Any] = {"marker": "o", "ms": 4} if markers else {}
        (line,) = ax.plot(x_arr, y, color=color, linestyle=style, label=label, **point_style)
        line.set_gid(f"curve:{label}")
    if current is not None:
        _mark_current(ax, current, x_arr, values)
    if x is None:
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    if logx:
        ax.set_xscale("log")
    if logy:
        ax.set_yscale("log")
    ax.set(xlabel=xlabel, ylabel=ylabel)
    if title is not None:
        ax.set_title(title)
    ax.legend()
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
    named = _validate_mapping(series, "series")
    values = {label: _as_curve(v, f"series[{label!r}]") for label, v in named.items()}
    logy = validate_bool(logy, "logy")
    start = validate_int(start, "start", low=0)
    if reference is not None:
        reference = validate_real(reference, "reference", low=0 if logy else None, low_open=logy)
    ax = get_axes(ax)
    for i, (label, y) in enumerate(values.items()):
        color, ls = optimizer_style(i)
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


def plot_soft_threshold(threshold: float, *, z_max: float = 3.0, ax: Axes | None = None) -> Axes:
    r"""Draw soft-thresholding :math:`S(z, t)` beside ridge's shrinkage :math:`z / (1 + t)`.

    Both solve a one-dimensional problem :math:`\min_w \frac12 (w - z)^2 + \text{penalty}`:
    :math:`t\lvert w\rvert` for the lasso, :math:`\frac t2 w^2` for ridge. The
    band :math:`\lvert z\rvert \le t`, where the lasso answer is exactly zero, is shaded.

    Parameters
    ----------
    threshold : float
        :math:`t \ge 0`.
    z_max : float, default=3.0
        Half-width of the horizontal axis, ``> threshold``.
    ax : matplotlib Axes or None, default=None
        Where to draw; a new figure if None.

    Returns
    -------
    matplotlib.axes.Axes

    """
    t = validate_real(threshold, "threshold", low=0)
    z_max = validate_real(z_max, "z_max", low=t, low_open=True)
    ax = get_axes(ax)
    z = np.linspace(-z_max, z_max, 401)
    ax.axvspan(-t, t, color=METHOD_STYLES["lasso"]["color"], alpha=0.12, lw=0, label=r"$|z| \leq t$: exactly 0")
    ax.plot(z, z, color=COLORS["reference"], linestyle=LINESTYLES["reference"], lw=1.5, label=r"no penalty: $w = z$")
    ax.plot(
        z,
        z / (1 + t),
        color=METHOD_STYLES["ridge"]["color"],
        linestyle=METHOD_STYLES["ridge"]["linestyle"],
        label=r"ridge: $z / (1 + t)$",
    )
    ax.plot(
        z, np.sign(z) * np.maximum(np.abs(z) - t, 0), color=METHOD_STYLES["lasso"]["color"], label=r"lasso: $S(z, t)$"
    )
    ax.set_xlabel(r"$z$ (least-squares value)")
    ax.set_ylabel(r"penalised solution $w$")
    ax.legend(loc="upper left", fontsize="small")
    return ax


def plot_cv_curve(
    alphas: Any,
    mse_path: Any,
    *,
    best_alpha: float | None = None,
    ax: Axes | None = None,
) -> Axes:
    r"""Draw cross-validated error against :math:`\lambda`: each fold thin, the mean ± 1 standard error.

    Parameters
    ----------
    alphas : array-like of shape (n_alphas,)
        The :math:`\lambda` grid (``LassoCV.alphas_``), > 0, monotonic.
    mse_path : array-like of shape (n_alphas, n_folds)
        Validation MSE of each fold (``LassoCV.mse_path_``).
    best_alpha : float or None, default=None
        The chosen :math:`\lambda` (``LassoCV.alpha_``), a black dotted line.
    ax : matplotlib Axes or None, default=None
        Where to draw; a new figure if None.

    Returns
    -------
    matplotlib.axes.Axes

    """
    a = validate_alphas(alphas)
    m = validate_array(mse_path, "mse_path", ndim=2)
    if m.shape[0] != len(a) or m.shape[1] < 2:
        raise ValueError(f"mse_path must have shape ({len(a)}, n_folds >= 2), got {m.shape}")
    ax = get_axes(ax)
    mean = m.mean(axis=1)
    se = m.std(axis=1, ddof=1) / np.sqrt(m.shape[1])
    ax.plot(a, m, color=COLORS["validation"], lw=0.6, alpha=0.35)
    ax.fill_between(a, mean - se, mean + se, color=COLORS["validation"], alpha=0.2, lw=0, label="mean ± 1 s.e.")
    ax.plot(a, mean, color=COLORS["validation"], linestyle=LINESTYLES["validation"], label="mean over folds")
    if best_alpha is not None:
        b = validate_real(best_alpha, "best_alpha", low=float(a.min()), high=float(a.max()))
        ax.axvline(
            b,
            color=COLORS["reference"],
            linestyle=LINESTYLES["reference"],
            lw=1.5,
            label=rf"chosen $\lambda$ = {b:.3g}",
        )
    ax.set_xscale("log")
    ax.set_xlabel(LAMBDA_LABEL)
    ax.set_ylabel("validation MSE (per fold)")
    ax.legend(fontsize="small")
    return ax


_FIT_COLORS = [COLORS["highlight"], OKABE_ITO["bluish_green"], OKABE_ITO["reddish_purple"], OKABE_ITO["sky_blue"]]


_FIT_STYLES: list[Any] = ["-", "--", "-.", (0, (1, 1))]


def _fit_curves(y_grid: Any, grid: np.ndarray, label: str | Sequence[str]) -> tuple[np.ndarray, list[str], bool]:
    """Check ``y_grid`` and ``label``: the curves as rows, one label each, and whether ``y_grid`` was 1-D."""
    curves = np.empty((0, grid.shape[0])) if y_grid is None else validate_array(y_grid, "y_grid", ndim=(1, 2))
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
    truth = validate_array(y_true, "y_true", ndim=1)
    validate_same_length(("x_grid", grid), ("y_true", truth))
    (line,) = ax.plot(
        grid, truth, color=COLORS["reference"], linestyle=LINESTYLES["reference"], lw=1.5, label="true function"
    )
    line.set_gid("truth")


def _draw_validation_points(ax: Axes, x_val: Any, y_val: Any) -> None:
    xv = validate_array(x_val, "x_val", ndim=1)
    yv = validate_array(y_val, "y_val", ndim=1)
    validate_same_length(("x_val", xv), ("y_val", yv))
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
    x_arr = validate_array(x, "x", ndim=1)
    y_arr = validate_array(y, "y", ndim=1)
    validate_same_length(("x", x_arr), ("y", y_arr))
    grid = validate_array(x_grid, "x_grid", ndim=1, min_samples=2)
    validate_increasing(grid, "x_grid")
    curves2d, labels, single = _fit_curves(y_grid, grid, label)
    if (x_val is None) != (y_val is None):
        raise ValueError("x_val and y_val must be given together (or both left None)")
    limits = validate_limits(ylim, "ylim")
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


def _log_x_axis(ax: Axes, p: np.ndarray, value_ticks: bool = True) -> None:
    ax.set_xscale("log")
    # under two decades Matplotlib labels minor ticks too: label the values instead
    if value_ticks and p.max() / p.min() < 100:
        ax.set_xticks(p, [f"{v:g}" for v in p])
        ax.minorticks_off()


def _draw_best(ax: Axes, p: np.ndarray, val: np.ndarray, label: str) -> None:
    """A vermillion dot (gid ``"best"``) at the smallest (mean) validation error."""
    mean_val = _mean_band(val)[0]
    best = int(np.argmin(mean_val))
    (dot,) = ax.plot([p[best]], [mean_val[best]], "o", color=COLORS["validation"], ms=6, label=label)
    dot.set_gid("best")


def _validate_curve_inputs(
    params: Any, train_scores: Any, val_scores: Any, logx: Any, logy: Any
) -> tuple[np.ndarray, np.ndarray, np.ndarray, bool, bool]:
    """``plot_validation_curve``'s knob values and scores, checked; and its two log switches."""
    p = validate_array(params, "params", ndim=1, min_samples=2)
    train = validate_array(train_scores, "train_scores", ndim=(1, 2))
    val = validate_array(val_scores, "val_scores", ndim=(1, 2))
    validate_same_length(("params", p), ("train_scores", train), ("val_scores", val))
    if not (np.all(np.diff(p) > 0) or np.all(np.diff(p) < 0)):
        raise ValueError("params must be strictly monotonic (increasing or decreasing)")
    logx, logy = validate_bool(logx, "logx"), validate_bool(logy, "logy")
    if logx and np.any(p <= 0):
        raise ValueError("params must all be > 0 when logx=True")
    if logy and (np.any(train <= 0) or np.any(val <= 0)):
        raise ValueError("train_scores and val_scores must all be > 0 when logy=True")
    return p, train, val, logx, logy


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
    value_ticks: bool = True,
    mark_best: bool = False,
    best_label: str = r"best $\lambda$ (validation)",
    marker_zorder: float = 1.0,
    train_label: str = "train",
    val_label: str = "validation",
    ax: Axes | None = None,
) -> Axes:
    r"""Draw train and validation error against a knob, with a marker at ``current``.

    Train is blue and solid, validation vermillion and dashed. 2-D scores
    (one column per cross-validation fold or repetition) are drawn as their
    mean with a ±1 standard deviation band. For a regularisation strength use
    ``logx=True, xlabel=LAMBDA_LABEL``: λ grows left to right, as everywhere in
    the course; ``mark_best=True`` adds a vermillion dot at the validation minimum.

    Parameters
    ----------
    params : array-like of shape (n_params,)
        Values of the knob (degree, λ, number of samples), strictly monotonic.
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
    value_ticks : bool, default=True
        On a log ``x`` axis spanning under two decades, label the values of
        ``params`` instead of Matplotlib's minor ticks; False keeps the plain log axis.
    mark_best, best_label : bool, str
        Mark the smallest (mean) validation error with a vermillion dot (gid
        ``"best"``, legend label ``best_label``); default False.
    marker_zorder : float, default=1.0
        Drawing order of the ``current`` marker (1: behind the curves, 4: in front).
    train_label, val_label : str
        Legend labels.
    ax : matplotlib Axes or None, default=None
        Where to draw; a new figure if None.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes; the lines have gids ``"train"`` and ``"validation"``.

    """
    p, train, val, logx, logy = _validate_curve_inputs(params, train_scores, val_scores, logx, logy)
    value_ticks, mark_best = validate_bool(value_ticks, "value_ticks"), validate_bool(mark_best, "mark_best")
    zorder = validate_real(marker_zorder, "marker_zorder", low=0, high=10)
    c = None if current is None else validate_real(current, "current", low=float(p.min()), high=float(p.max()))
    ax = get_axes(ax)
    for role, scores, text in (("train", train, train_label), ("validation", val, val_label)):
        _draw_score_curve(ax, p, scores, role, text, logy)
    if mark_best:
        _draw_best(ax, p, val, best_label)
    if c is not None:
        ax.axvline(c, color=COLORS["highlight"], lw=2, zorder=zorder, label=current_label).set_gid("marker")
    if logx:
        _log_x_axis(ax, p, value_ticks)
    if logy:
        ax.set_yscale("log")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.legend(loc="best", fontsize="small")
    return ax


def _validate_floor(bias2_floor: Any, p: np.ndarray) -> np.ndarray:
    floor = validate_array(bias2_floor, "bias2_floor", ndim=1)
    validate_same_length(("params", p), ("bias2_floor", floor))
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
    p = validate_array(params, "params", ndim=1, min_samples=2)
    b2 = validate_array(bias2, "bias2", ndim=1)
    var = validate_array(variance, "variance", ndim=1)
    validate_same_length(("params", p), ("bias2", b2), ("variance", var))
    validate_increasing(p, "params")
    if np.any(b2 < 0) or np.any(var < 0):
        raise ValueError("bias2 and variance must be >= 0")
    logy = validate_bool(logy, "logy")
    sigma2 = 0.0 if noise is None else validate_real(noise, "noise", low=0)
    floor = None if bias2_floor is None else _validate_floor(bias2_floor, p)
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


_CONFIG_STYLES: tuple[tuple[str, str], ...] = (
    (OKABE_ITO["black"], "o"),
    (OKABE_ITO["orange"], "s"),
    (OKABE_ITO["reddish_purple"], "^"),
    (OKABE_ITO["bluish_green"], "D"),
    (OKABE_ITO["sky_blue"], "v"),
    (OKABE_ITO["blue"], "P"),
)
"""(colour, marker) of the first, second, ... configuration of a comparison figure.

Colour and marker tell configurations apart; the line style keeps its course-wide
meaning (solid: training data, dashed: validation data).
"""


def _config_style(i: int) -> tuple[str, str]:
    return _CONFIG_STYLES[i % len(_CONFIG_STYLES)]


def _validate_labelled(values: Any, name: str, ndim: int) -> dict[str, NDArray[np.float64]]:
    if not isinstance(values, Mapping) or len(values) == 0:
        raise ValueError(f"{name} must be a non-empty mapping of label to values, got {type(values).__name__}")
    out: dict[str, NDArray[np.float64]] = {}
    for label, v in values.items():
        if not isinstance(label, str):
            raise ValueError(f"{name} must have string labels as keys, got {label!r}")
        out[label] = validate_array(v, f"{name}[{label!r}]", ndim=ndim)
    return out


def plot_seed_curves(
    curves: Mapping[str, Any],
    *,
    band: str = "std",
    role: str = "train",
    ylabel: str = "loss",
    logy: bool = False,
    title: str | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Draw, per configuration, the mean curve over seeds and a shaded band of its spread.

    Parameters
    ----------
    curves : mapping of str to array-like of shape (n_seeds, n_epochs)
        One row per seed, one column per epoch (at least 2 seeds), for each
        configuration label, e.g. :meth:`regviz.experiments.SeedRuns.curves`.
    band : {"std", "range"}, default="std"
        Shade mean ± one sample standard deviation (``"std"``) or the smallest
        to the largest seed (``"range"``).
    role : {"train", "validation"}, default="train"
        Which data the curves measure: the line style follows the course's
        convention (solid for training, dashed for validation).
    ylabel : str, default="loss"
        Label of the vertical axis.
    logy : bool, default=False
        Logarithmic vertical axis (all values must then be > 0).
    title : str or None, default=None
        Title of the Axes; state the finding.
    ax : matplotlib Axes or None, default=None
        Where to draw; a new figure if None.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes; each mean line has gid ``"mean:<label>"``, each band ``"band:<label>"``.

    """
    named = _validate_labelled(curves, "curves", 2)
    for label, arr in named.items():
        if arr.shape[0] < 2:
            raise ValueError(f"curves[{label!r}] must have at least 2 seeds (rows), got shape {arr.shape}")
    validate_choice(band, "band", ("std", "range"))
    validate_choice(role, "role", ("train", "validation"))
    linestyle = LINESTYLES[role]
    logy = validate_bool(logy, "logy")
    title = validate_title(title)
    if logy and any(np.any(arr <= 0) for arr in named.values()):
        raise ValueError("curves must all be > 0 when logy=True")
    ax = get_axes(ax)
    for i, (label, arr) in enumerate(named.items()):
        color, marker = _config_style(i)
        epochs = np.arange(1, arr.shape[1] + 1)
        mean = arr.mean(axis=0)
        if band == "std":
            std = arr.std(axis=0, ddof=1)
            low, high = mean - std, mean + std
            if logy:
                low = np.maximum(low, arr.min(axis=0))
        else:
            low, high = arr.min(axis=0), arr.max(axis=0)
        fill = ax.fill_between(epochs, low, high, color=color, alpha=0.18, lw=0)
        fill.set_gid(f"band:{label}")
        markevery = max(1, arr.shape[1] // 6)
        (line,) = ax.plot(
            epochs, mean, color=color, linestyle=linestyle, marker=marker, markevery=markevery, ms=5, label=label
        )
        line.set_gid(f"mean:{label}")
    if logy:
        ax.set_yscale("log")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel("epoch")
    ax.set_ylabel(ylabel)
    if title is not None:
        ax.set_title(title)
    ax.legend(fontsize="small")
    return ax


def plot_seed_scores(
    scores: Mapping[str, Any],
    *,
    ylabel: str = "validation accuracy",
    paired: bool = True,
    title: str | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Draw one point per seed for each configuration, with the mean ± one standard deviation.

    Parameters
    ----------
    scores : mapping of str to array-like of shape (n_seeds,)
        Final score of every seed, per configuration label (at least 2 seeds).
    ylabel : str, default="validation accuracy"
        Label of the vertical axis.
    paired : bool, default=True
        Join the points of the same seed across configurations with thin grey
        lines (all configurations must then have the same number of seeds, in
        the same seed order): same seed, same initial weights and batch order.
    title : str or None, default=None
        Title of the Axes; state the finding.
    ax : matplotlib Axes or None, default=None
        Where to draw; a new figure if None.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes; the seed points of each label have gid ``"seeds:<label>"``,
        its mean marker ``"mean:<label>"``.

    """
    named = _validate_labelled(scores, "scores", 1)
    for label, arr in named.items():
        if arr.shape[0] < 2:
            raise ValueError(f"scores[{label!r}] must hold at least 2 seeds, got shape {arr.shape}")
    paired = validate_bool(paired, "paired")
    title = validate_title(title)
    if paired:
        validate_same_length(*[(f"scores[{label!r}]", arr) for label, arr in named.items()])
    ax = get_axes(ax)
    labels = list(named)
    positions = np.arange(len(labels), dtype=float)
    n_seeds = len(next(iter(named.values())))
    offsets = np.linspace(-0.12, 0.12, n_seeds) if paired else None
    if paired and offsets is not None:
        table = np.array([named[label] for label in labels])
        for k in range(n_seeds):
            ax.plot(positions + offsets[k], table[:, k], color=COLORS["reference"], alpha=0.25, lw=0.8, zorder=1)
    for i, label in enumerate(labels):
        arr = named[label]
        color, marker = _config_style(i)
        x = positions[i] + (offsets if offsets is not None else np.linspace(-0.12, 0.12, len(arr)))
        points = ax.scatter(x, arr, color=color, marker=marker, s=28, alpha=0.8, zorder=2)
        points.set_gid(f"seeds:{label}")
        mean, std = float(arr.mean()), float(arr.std(ddof=1))
        x_mean = positions[i] + 0.3
        ax.errorbar([x_mean], [mean], yerr=[std], fmt="none", ecolor=color, elinewidth=2, capsize=4, zorder=3)
        (mean_marker,) = ax.plot([x_mean], [mean], "_", color=color, ms=16, mew=2.5, zorder=4)
        mean_marker.set_gid(f"mean:{label}")
    ax.set_xticks(positions, labels)
    ax.set_xlim(-0.5, len(labels) - 0.2)
    ax.set_ylabel(ylabel)
    ax.grid(axis="x", visible=False)
    if title is not None:
        ax.set_title(title)
    return ax


def plot_search(
    values: Any,
    scores: Any,
    *,
    groups: Sequence[Any] | None = None,
    group_label: str = "batch size",
    xlabel: str = r"learning rate $\eta$",
    ylabel: str = "validation accuracy",
    logx: bool = True,
    title: str | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Scatter the trials of a search: score against one hyperparameter, the best one ringed.

    Parameters
    ----------
    values : array-like of shape (n_trials,)
        The hyperparameter of each trial (e.g. its learning rate).
    scores : array-like of shape (n_trials,) or (n_trials, n_seeds)
        The validation score of each trial; higher is better. With one column
        per seed, the point is the mean over seeds and a vertical line spans
        the seeds' lowest to highest score (gid ``"seeds:<k>"`` for trial ``k``);
        the best trial is the one with the highest mean.
    groups : sequence of shape (n_trials,) or None, default=None
        A second hyperparameter (e.g. the batch size): one colour and marker per value.
    group_label : str, default="batch size"
        Name of ``groups`` in the legend.
    xlabel, ylabel : str
        Axis labels.
    logx : bool, default=True
        Logarithmic horizontal axis (``values`` must then be > 0), as for a learning rate.
    title : str or None, default=None
        Title of the Axes; state the finding.
    ax : matplotlib Axes or None, default=None
        Where to draw; a new figure if None.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes; the ring around the best trial has gid ``"best"``.

    """
    x = validate_array(values, "values", ndim=1)
    per_seed = validate_array(scores, "scores", ndim=(1, 2))
    y = per_seed.mean(axis=1) if per_seed.ndim == 2 else per_seed
    validate_same_length(("values", x), ("scores", y))
    logx = validate_bool(logx, "logx")
    title = validate_title(title)
    if logx and np.any(x <= 0):
        raise ValueError("values must all be > 0 when logx=True")
    if groups is None:
        group_arr = np.zeros(len(x), dtype=int)
    else:
        group_arr = np.asarray(groups)
        if group_arr.ndim != 1 or len(group_arr) != len(x):
            raise ValueError(f"groups must have shape ({len(x)},) like values, got shape {group_arr.shape}")
    ax = get_axes(ax)
    for i, group in enumerate(sorted(set(group_arr.tolist()))):
        mask = group_arr == group
        color, marker = _config_style(i + 1)
        label = f"{group_label} {group}" if groups is not None else None
        ax.scatter(x[mask], y[mask], color=color, marker=marker, s=45, zorder=2, label=label)
        if per_seed.ndim == 2:
            for k in np.flatnonzero(mask):
                (span,) = ax.plot([x[k], x[k]], [per_seed[k].min(), per_seed[k].max()], color=color, lw=1.5, zorder=1)
                span.set_gid(f"seeds:{k}")
    best = int(np.argmax(y))
    (ring,) = ax.plot(
        [x[best]], [y[best]], "o", ms=16, mfc="none", mec=COLORS["highlight"], mew=2.5, zorder=3, label="best trial"
    )
    ring.set_gid("best")
    if logx:
        ax.set_xscale("log")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    if title is not None:
        ax.set_title(title)
    ax.legend(fontsize="small")
    return ax


def _search_style(name: str, i: int) -> tuple[str, Any, str]:
    if name in SEARCH_STYLES:
        color, ls = SEARCH_STYLES[name]
        return color, ls, SEARCH_LABELS[name]
    extra = [(COLORS["highlight"], "-"), (COLORS["alternative"], "-."), (COLORS["data"], "--")]
    color, ls = extra[i % len(extra)]
    return color, ls, name


def plot_marginal(
    x: Any,
    curve: Any,
    tried: Any,
    *,
    xlabel: str = r"hyperparameter $u$",
    ylabel: str = "loss",
    color: str = COLORS["train"],
    title: str | None = None,
    ax: Axes | None = None,
) -> Axes:
    """The loss along one hyperparameter, with the distinct values a search tried marked on it.

    Parameters
    ----------
    x : array-like of shape (n_points,)
        Values of the hyperparameter, increasing.
    curve : array-like of shape (n_points,)
        The loss at each value (the other hyperparameters at their best).
    tried : array-like of shape (n_tried,)
        Values the search tried (repeats are drawn once), inside ``[x[0], x[-1]]``.
    xlabel, ylabel : str
        Axis labels.
    color : str, default=COLORS["train"]
        Colour of the markers.
    title : str or None, default=None
        Title; state the finding.
    ax : matplotlib Axes or None, default=None
        Where to draw; a new figure if None.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes; the markers have gid ``"tried"``, the curve ``"curve"``.

    """
    xs = validate_array(x, "x", ndim=1, min_samples=2)
    ys = validate_array(curve, "curve", ndim=1, min_samples=2)
    validate_same_length(("x", xs), ("curve", ys))
    if np.any(np.diff(xs) <= 0):
        raise ValueError("x must be strictly increasing")
    values = np.unique(validate_array(tried, "tried", ndim=1))
    if values[0] < xs[0] or values[-1] > xs[-1]:
        raise ValueError(f"tried must lie inside [x[0], x[-1]] = [{xs[0]:g}, {xs[-1]:g}]")
    ax = get_axes(ax)
    (line,) = ax.plot(xs, ys, color=COLORS["reference"], linewidth=1.5, label="loss")
    line.set_gid("curve")
    (marks,) = ax.plot(
        values, np.interp(values, xs, ys), "o", color=color, markeredgecolor="white", ms=7, linestyle="none",
        label=f"{values.size} distinct values tried",
    )  # fmt: skip
    marks.set_gid("tried")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.legend(loc="lower left")
    if title is not None:
        ax.set_title(title)
    return ax


def plot_gp_posterior(
    x: Any,
    mu: Any,
    sigma: Any,
    X_obs: Any,
    y_obs: Any,
    *,
    truth: Any = None,
    next_x: float | None = None,
    xlabel: str = r"$x$",
    ylabel: str = r"$f(x)$",
    title: str | None = None,
    ax: Axes | None = None,
) -> Axes:
    r"""A Gaussian process's belief about a 1-D function: mean, a ±2σ band, the observations.

    Parameters
    ----------
    x : array-like of shape (n_points,)
        Where the posterior was evaluated, increasing.
    mu, sigma : array-like of shape (n_points,)
        Posterior mean and standard deviation (``>= 0``).
    X_obs, y_obs : array-like of shape (n_obs,)
        The evaluations so far.
    truth : array-like of shape (n_points,) or None, default=None
        The true function, drawn dotted, if known (it never is in practice).
    next_x : float or None, default=None
        Where the acquisition sends the next evaluation (vertical line).
    xlabel, ylabel : str
        Axis labels.
    title : str or None, default=None
        Title; state the finding.
    ax : matplotlib Axes or None, default=None
        Where to draw; a new figure if None.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes; gids ``"mean"``, ``"band"``, ``"observations"``, ``"truth"``, ``"next"``.

    """
    xs = validate_array(x, "x", ndim=1, min_samples=2)
    m = validate_array(mu, "mu", ndim=1)
    s = validate_array(sigma, "sigma", ndim=1)
    validate_same_length(("x", xs), ("mu", m), ("sigma", s))
    if np.any(s < 0):
        raise ValueError("sigma must be >= 0")
    xo = validate_array(X_obs, "X_obs", ndim=1)
    yo = validate_array(y_obs, "y_obs", ndim=1)
    validate_same_length(("X_obs", xo), ("y_obs", yo))
    ax = get_axes(ax)
    if truth is not None:
        t = validate_array(truth, "truth", ndim=1)
        validate_same_length(("x", xs), ("truth", t))
        (line,) = ax.plot(
            xs, t, color=COLORS["reference"], linestyle=LINESTYLES["reference"], linewidth=1.5, label="true $f$"
        )
        line.set_gid("truth")
    band = ax.fill_between(
        xs, m - 2 * s, m + 2 * s, color=COLORS["train"], alpha=0.2, linewidth=0, label=r"mean $\pm 2\sigma$"
    )
    band.set_gid("band")
    (mean,) = ax.plot(xs, m, color=COLORS["train"], label="GP mean")
    mean.set_gid("mean")
    obs = ax.scatter(xo, yo, color=COLORS["highlight"], edgecolor="black", s=40, zorder=4, label="evaluations")
    obs.set_gid("observations")
    if next_x is not None:
        nx = validate_real(next_x, "next_x", low=float(xs[0]), high=float(xs[-1]))
        vline = ax.axvline(nx, color=COLORS["validation"], linestyle="--", linewidth=1.2, label="next evaluation")
        vline.set_gid("next")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    if title is not None:
        ax.set_title(title)
    return ax


def plot_acquisition(
    x: Any,
    values: Any,
    *,
    next_x: float | None = None,
    xlabel: str = r"$x$",
    ylabel: str = "expected improvement",
    title: str | None = None,
    ax: Axes | None = None,
) -> Axes:
    """An acquisition function over a 1-D domain, its maximiser marked.

    Parameters
    ----------
    x : array-like of shape (n_points,)
        Domain, increasing.
    values : array-like of shape (n_points,)
        Acquisition values (``>= 0`` for expected improvement).
    next_x : float or None, default=None
        The chosen point (defaults to the maximiser of ``values``).
    xlabel, ylabel : str
        Axis labels.
    title : str or None, default=None
        Title.
    ax : matplotlib Axes or None, default=None
        Where to draw; a new figure if None.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes; gids ``"acquisition"`` and ``"next"``.

    """
    xs = validate_array(x, "x", ndim=1, min_samples=2)
    a = validate_array(values, "values", ndim=1)
    validate_same_length(("x", xs), ("values", a))
    nx = (
        float(xs[int(np.argmax(a))])
        if next_x is None
        else validate_real(next_x, "next_x", low=float(xs[0]), high=float(xs[-1]))
    )
    ax = get_axes(ax)
    (line,) = ax.plot(xs, a, color=COLORS["validation"], linewidth=1.8)
    line.set_gid("acquisition")
    ax.fill_between(xs, 0, a, color=COLORS["validation"], alpha=0.15, linewidth=0)
    (mark,) = ax.plot([nx], [np.interp(nx, xs, a)], "v", color=COLORS["validation"], ms=9, linestyle="none")
    mark.set_gid("next")
    ax.set_ylim(bottom=0)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    if title is not None:
        ax.set_title(title)
    return ax


def plot_best_so_far(
    curves: Mapping[str, Any],
    *,
    grid: Mapping[int, float] | None = None,
    logy: bool = True,
    ylabel: str = "best value found − minimum",
    title: str | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Best value against the number of evaluations: median over seeds and the min–max band.

    Parameters
    ----------
    curves : mapping of str to array-like of shape (n_seeds, n_evals)
        One array per method (``"random"``, ``"gp-ei"``, ``"tpe"`` get the
        course's method styles), each row the best-so-far curve of one seed.
    grid : mapping of int to float or None, default=None
        Best value of a full grid of each budget (a grid has no "so far":
        each budget is a different grid), drawn as markers.
    logy : bool, default=True
        Logarithmic vertical axis (values must then be > 0).
    ylabel : str
        Label of the vertical axis.
    title : str or None, default=None
        Title; state the finding.
    ax : matplotlib Axes or None, default=None
        Where to draw; a new figure if None.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes; medians have gid ``"median:<method>"``, bands ``"band:<method>"``,
        the grid markers ``"grid"``.

    """
    if not isinstance(curves, Mapping) or not curves:
        raise ValueError("curves must be a non-empty mapping of method name to an (n_seeds, n_evals) array")
    validate_bool(logy, "logy")
    arrays = {}
    for name, values in curves.items():
        arr = validate_array(values, f"curves[{name!r}]", ndim=2)
        if logy and np.any(arr <= 0):
            raise ValueError(f"curves[{name!r}] must be > 0 on a log axis (logy=True)")
        arrays[str(name)] = arr
    ax = get_axes(ax)
    for i, (name, arr) in enumerate(arrays.items()):
        color, ls, label = _search_style(name, i)
        evals = np.arange(1, arr.shape[1] + 1)
        band = ax.fill_between(evals, arr.min(axis=0), arr.max(axis=0), color=color, alpha=0.15, linewidth=0)
        band.set_gid(f"band:{name}")
        (line,) = ax.plot(evals, np.median(arr, axis=0), color=color, linestyle=ls, label=f"{label} (median)")
        line.set_gid(f"median:{name}")
    if grid is not None:
        if not isinstance(grid, Mapping) or not grid:
            raise ValueError("grid must be a non-empty mapping of budget to best value")
        budgets = np.array(sorted(grid), dtype=float)
        best = np.array([validate_real(grid[b], f"grid[{b}]") for b in sorted(grid)])
        if logy and np.any(best <= 0):
            raise ValueError("grid values must be > 0 on a log axis (logy=True)")
        color, _, label = _search_style("grid", 0)
        (marks,) = ax.plot(budgets, best, "s", color=color, ms=7, linestyle="none", label=f"{label} (one per budget)")
        marks.set_gid("grid")
    if logy:
        ax.set_yscale("log")
    ax.set_xlabel("number of evaluations")
    ax.set_ylabel(ylabel)
    ax.legend()
    if title is not None:
        ax.set_title(title)
    return ax


def plot_pruning(
    curves: Sequence[Any],
    pruned: Sequence[bool],
    *,
    ylabel: str = "validation error",
    title: str | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Per-epoch curves of a study's trials: completed solid, pruned dashed and stopping early.

    Parameters
    ----------
    curves : sequence of array-like
        One per trial: the value reported after each epoch (lengths may differ).
    pruned : sequence of bool
        Whether each trial was pruned.
    ylabel : str
        Label of the vertical axis.
    title : str or None, default=None
        Title; state the finding.
    ax : matplotlib Axes or None, default=None
        Where to draw; a new figure if None.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes; lines have gid ``"trial:<i>"``; the best completed trial is drawn in orange.

    """
    if not isinstance(curves, Sequence) or len(curves) == 0:
        raise ValueError("curves must be a non-empty sequence of per-epoch values")
    if not isinstance(pruned, Sequence) or len(pruned) != len(curves):
        raise ValueError(f"pruned must hold one bool per curve ({len(curves)}), got {pruned!r}")
    flags = [validate_bool(p, f"pruned[{i}]") for i, p in enumerate(pruned)]
    arrays = [validate_array(c, f"curves[{i}]", ndim=1) for i, c in enumerate(curves)]
    finals = [a[-1] if not p else np.inf for a, p in zip(arrays, flags, strict=True)]
    best = int(np.argmin(finals)) if np.isfinite(min(finals)) else -1
    ax = get_axes(ax)
    seen: set[str] = set()
    for i, (arr, p) in enumerate(zip(arrays, flags, strict=True)):
        epochs = np.arange(1, arr.size + 1)
        if i == best:
            color, ls, label, width = COLORS["highlight"], "-", "best trial", 2.6
        elif p:
            color, ls, label, width = COLORS["validation"], "--", "pruned", 1.4
        else:
            color, ls, label, width = COLORS["train"], "-", "completed", 1.4
        (line,) = ax.plot(epochs, arr, color=color, linestyle=ls, linewidth=width, marker="o", ms=3,
                          label=None if label in seen else label)  # fmt: skip
        line.set_gid(f"trial:{i}")
        seen.add(label)
    ax.set_xlabel("epoch")
    ax.set_ylabel(ylabel)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.legend()
    if title is not None:
        ax.set_title(title)
    return ax


def plot_halving(
    cv_results: Mapping[str, Any],
    *,
    ylabel: str = "mean cross-validated accuracy",
    title: str | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Successive halving's rungs: each candidate's score against the samples it was given.

    Parameters
    ----------
    cv_results : mapping
        ``cv_results_`` of a fitted ``HalvingRandomSearchCV`` or
        ``HalvingGridSearchCV``: needs ``"iter"``, ``"n_resources"``,
        ``"mean_test_score"`` and ``"params"``.
    ylabel : str
        Label of the vertical axis.
    title : str or None, default=None
        Title; state the finding.
    ax : matplotlib Axes or None, default=None
        Where to draw; a new figure if None.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes (log-scaled resources, each rung's tick labelled with its number
        of candidates: many poor candidates share one score and overlap); the
        winner's path has gid ``"winner"``.

    """
    if not isinstance(cv_results, Mapping):
        raise ValueError(f"cv_results must be a mapping such as search.cv_results_, got {type(cv_results).__name__}")
    missing = [k for k in ("iter", "n_resources", "mean_test_score", "params") if k not in cv_results]
    if missing:
        raise ValueError(f"cv_results must have the keys of a halving search's cv_results_, missing {missing}")
    iters = np.asarray(cv_results["iter"], dtype=int)
    resources = np.asarray(cv_results["n_resources"], dtype=float)
    scores = np.asarray(cv_results["mean_test_score"], dtype=float)
    keys = [repr(sorted(p.items())) for p in cv_results["params"]]
    if not (len(iters) == len(resources) == len(scores) == len(keys)) or len(keys) == 0:
        raise ValueError("cv_results entries must be non-empty and of equal length")
    last = iters.max()
    ax = get_axes(ax)
    paths: dict[str, list[int]] = {}
    for row, key in enumerate(keys):
        paths.setdefault(key, []).append(row)
    final_rows = np.flatnonzero(iters == last)
    winner_row = final_rows[int(np.nanargmax(scores[final_rows]))]
    winner = keys[winner_row]
    labelled = False
    for key, rows in paths.items():
        rows = sorted(rows, key=lambda r: iters[r])
        if key == winner:
            continue
        ax.plot(resources[rows], scores[rows], color=COLORS["train"], alpha=0.45, linewidth=1, marker="o", ms=3,
                label=None if labelled else "candidates (eliminated)")  # fmt: skip
        labelled = True
    rows = sorted(paths[winner], key=lambda r: iters[r])
    (line,) = ax.plot(
        resources[rows], scores[rows], color=COLORS["highlight"], linewidth=2.6, marker="o", ms=6, label="winner"
    )
    line.set_gid("winner")
    ax.set_xscale("log")
    ticks = np.unique(resources)
    per_rung = [int(np.sum(resources == t)) for t in ticks]  # candidates evaluated on that many samples
    ax.set_xticks(
        ticks, [f"{int(t)}\n{n} candidate{'s' if n > 1 else ''}" for t, n in zip(ticks, per_rung, strict=True)]
    )
    ax.minorticks_off()
    ax.set_xlabel("training samples per candidate")
    ax.set_ylabel(ylabel)
    ax.legend(loc="lower right")
    if title is not None:
        ax.set_title(title)
    return ax
