r"""Figures for the lasso and the elastic net (notebooks 06 and 07).

Coefficient paths and error curves share the course's λ axis: logarithmic,
regularisation growing from left to right, the current λ as a vertical
orange line. Methods keep one colour and one hatch or line style each
(lasso bluish green, ridge reddish purple, elastic net sky blue, truth black).
Artists a widget moves carry a ``gid`` (``"marker"``, ``"bars:<label>"``,
``"zeros"``, ``"region"``, ``"solution"``, ``"contact"``...).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.colors import to_rgb
from matplotlib.patches import Patch
from numpy.typing import NDArray

from .._validation import check_array, check_bool, check_choice, check_int, check_real, check_same_length
from ..lasso import loss_ellipse, penalty_boundary, quadratic_loss
from ..style import COLORS, LINESTYLES, OKABE_ITO
from ._axes import get_axes

__all__ = [
    "LAMBDA_LABEL",
    "METHOD_STYLES",
    "plot_coef_comparison",
    "plot_constraint_geometry",
    "plot_cv_curve",
    "plot_cv_heatmap",
    "plot_error_vs_alpha",
    "plot_group_coefs",
    "plot_lasso_path",
    "plot_n_nonzero",
    "plot_selection_frequency",
    "plot_soft_threshold",
]

METHOD_STYLES: dict[str, dict[str, Any]] = {
    "lasso": {"color": OKABE_ITO["bluish_green"], "linestyle": "-", "hatch": ""},
    "ridge": {"color": OKABE_ITO["reddish_purple"], "linestyle": "-.", "hatch": "//"},
    "elastic net": {"color": OKABE_ITO["sky_blue"], "linestyle": "--", "hatch": ".."},
    "true": {"color": OKABE_ITO["black"], "linestyle": ":", "hatch": ""},
}
"""Colour, line style and bar hatch of each method; other labels cycle through the rest."""

_PATH_COLORS = [
    OKABE_ITO[k] for k in ("blue", "vermillion", "bluish_green", "orange", "reddish_purple", "sky_blue", "black")
]
_PATH_STYLES = ["-", "--", "-.", ":"]
LEGEND_LOCATIONS = (
    "best",
    "upper right",
    "upper left",
    "lower left",
    "lower right",
    "right",
    "center left",
    "center right",
    "lower center",
    "upper center",
    "center",
)
"""The legend positions Matplotlib accepts by name."""
_GROUP_PALETTE = [OKABE_ITO[k] for k in ("blue", "vermillion", "bluish_green", "reddish_purple", "orange", "sky_blue")]
_NO_GROUP = "#999999"


def _group_colors(groups: NDArray[Any]) -> list[str]:
    return [_NO_GROUP if g < 0 else _GROUP_PALETTE[g % len(_GROUP_PALETTE)] for g in groups]


def _group_handles(groups: NDArray[Any]) -> list[Patch]:
    return [
        Patch(
            color=_NO_GROUP if g < 0 else _GROUP_PALETTE[g % len(_GROUP_PALETTE)],
            label="no effect" if g < 0 else f"group {g}",
        )
        for g in sorted(set(groups.tolist()))
    ]


LAMBDA_LABEL = r"regularisation strength $\lambda$ (alpha)"
"""Label of every λ axis (the same words as the ridge notebook's)."""


def _method_style(label: str, i: int) -> dict[str, Any]:
    """The fixed style of a method named at the start of ``label`` (``"ridge, same MSE"``), else a cycled one."""
    for key, style in METHOD_STYLES.items():
        if label == key or label.startswith((key + " ", key + ",", key + "(")):
            return style
    return {"color": _PATH_COLORS[i % len(_PATH_COLORS)], "linestyle": "-", "hatch": ""}


def _check_alphas(alphas: Any, name: str = "alphas") -> NDArray[np.float64]:
    a = check_array(alphas, name, ndim=1, min_samples=2)
    if np.any(a <= 0):
        raise ValueError(f"{name} must all be > 0 (they are drawn on a log axis)")
    if not (np.all(np.diff(a) > 0) or np.all(np.diff(a) < 0)):
        raise ValueError(f"{name} must be strictly monotonic (increasing or decreasing)")
    return a


def _check_current(current: float | None, alphas: NDArray[np.float64]) -> float | None:
    if current is None:
        return None
    return check_real(current, "current", low=float(alphas.min()), high=float(alphas.max()))


def _draw_current(ax: Axes, current: float | None) -> None:
    """The vertical orange line at the current λ (gid ``"marker"``), if there is one."""
    if current is not None:
        marker = ax.axvline(current, color=COLORS["highlight"], lw=2, zorder=4)
        marker.set_gid("marker")


def _feature_names(names: Sequence[str] | None, n: int) -> list[str]:
    if names is None:
        return [f"x{j}" for j in range(n)]
    names = [str(s) for s in names]
    if len(names) != n:
        raise ValueError(f"feature_names must have {n} entries (one per feature), got {len(names)}")
    return names


def _spread(values: NDArray[np.float64], min_gap: float) -> NDArray[np.float64]:
    """Move sorted label positions apart so that neighbours are at least ``min_gap`` apart."""
    order = np.argsort(values)
    pos = values[order].astype(float).copy()
    for _ in range(50):
        moved = False
        for i in range(1, len(pos)):
            gap = pos[i] - pos[i - 1]
            if gap < min_gap:
                shift = (min_gap - gap) / 2
                pos[i - 1] -= shift
                pos[i] += shift
                moved = True
        if not moved:
            break
    out = np.empty_like(pos)
    out[order] = pos
    return out


# --------------------------------------------------------------------------- one dimension


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
    t = check_real(threshold, "threshold", low=0)
    z_max = check_real(z_max, "z_max", low=t, low_open=True)
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


# --------------------------------------------------------------------------- paths along lambda


def _path_styles(
    n_features: int, groups: Any, colors: Sequence[str] | None, linestyles: Sequence[Any] | None
) -> tuple[list[Any], list[Any]]:
    """Check ``colors``, ``groups`` and ``linestyles`` and return one colour and one line style per feature."""
    if colors is not None and len(colors) != n_features:
        raise ValueError(f"colors must have {n_features} entries, got {len(colors)}")
    if groups is not None:
        g = check_array(groups, "groups", ndim=1, dtype=int)
        if len(g) != n_features:
            raise ValueError(f"groups must have {n_features} entries (one per feature), got {len(g)}")
        if colors is None:
            colors = _group_colors(g)
        if linestyles is None:
            linestyles = ["-"] * n_features
    if linestyles is not None and len(linestyles) != n_features:
        raise ValueError(f"linestyles must have {n_features} entries, got {len(linestyles)}")
    line_colors = [colors[j] if colors is not None else _PATH_COLORS[j % len(_PATH_COLORS)] for j in range(n_features)]
    line_styles = [
        linestyles[j] if linestyles is not None else _PATH_STYLES[(j // len(_PATH_COLORS)) % len(_PATH_STYLES)]
        for j in range(n_features)
    ]
    return line_colors, line_styles


def _label_path_ends(
    ax: Axes, a: NDArray[np.float64], c: NDArray[np.float64], names: list[str], colors: list[Any]
) -> None:
    """Write each name left of its line's least-regularised end, spread apart, widening the λ axis to fit."""
    span = float(np.ptp(c)) or 1.0
    y_text = _spread(c[:, 0], 0.055 * span)
    decades = np.log10(a[-1] / a[0])
    ax.set_xlim(a[0] / 10 ** (0.2 * decades), a[-1])
    for j in range(c.shape[0]):
        ax.annotate(
            names[j],
            (a[0], c[j, 0]),
            xytext=(a[0] / 10 ** (0.02 * decades), y_text[j]),
            textcoords="data",
            ha="right",
            va="center",
            fontsize="x-small",
            color=colors[j],
        )


def plot_lasso_path(
    alphas: Any,
    coefs: Any,
    *,
    feature_names: Sequence[str] | None = None,
    groups: Any = None,
    colors: Sequence[str] | None = None,
    linestyles: Sequence[Any] | None = None,
    current: float | None = None,
    label_lines: bool = True,
    ylabel: str = r"coefficient $w_j$",
    ax: Axes | None = None,
) -> Axes:
    r"""Draw each coefficient against :math:`\lambda` (log axis, regularisation growing to the right).

    Parameters
    ----------
    alphas : array-like of shape (n_alphas,)
        The :math:`\lambda` values, > 0, increasing or decreasing (as
        ``lasso_path`` returns them).
    coefs : array-like of shape (n_features, n_alphas)
        Coefficients along the path (``lasso_path``'s layout).
    feature_names : sequence of str or None, default=None
        One name per feature; ``x0, x1, ...`` if None.
    groups : array-like of int of shape (n_features,) or None, default=None
        Colour the lines by group (``-1``: grey), as in :func:`plot_group_coefs`.
    colors, linestyles : sequence or None, default=None
        One entry per feature; cycled Okabe–Ito colours and styles (or the
        group colours) if None.
    current : float or None, default=None
        Draw a vertical orange line at this :math:`\lambda` (gid ``"marker"``).
    label_lines : bool, default=True
        Write each feature's name at the left end of its line (least
        regularisation); otherwise draw a legend.
    ylabel : str
        Label of the vertical axis.
    ax : matplotlib Axes or None, default=None
        Where to draw; a new figure if None.

    Returns
    -------
    matplotlib.axes.Axes

    """
    label_lines = check_bool(label_lines, "label_lines")
    a = _check_alphas(alphas)
    c = check_array(coefs, "coefs", ndim=2)
    if c.shape[1] != len(a):
        raise ValueError(f"coefs must have shape (n_features, {len(a)}) to match alphas, got {c.shape}")
    names = _feature_names(feature_names, c.shape[0])
    line_colors, line_styles = _path_styles(c.shape[0], groups, colors, linestyles)
    cur = _check_current(current, a)
    ax = get_axes(ax)
    order = np.argsort(a)
    a, c = a[order], c[:, order]
    for j in range(c.shape[0]):
        ax.plot(a, c[j], color=line_colors[j], linestyle=line_styles[j], lw=1.6, label=names[j])
    ax.axhline(0.0, color=COLORS["reference"], lw=0.8)
    ax.set_xscale("log")
    if label_lines:
        _label_path_ends(ax, a, c, names, line_colors)
    else:
        ax.legend(fontsize="small", loc="center left", bbox_to_anchor=(1.0, 0.5))
    _draw_current(ax, cur)
    ax.set_xlabel(LAMBDA_LABEL)
    ax.set_ylabel(ylabel)
    return ax


def plot_error_vs_alpha(
    alphas: Any,
    train_error: Any,
    val_error: Any,
    *,
    current: float | None = None,
    ylabel: str = "mean squared error",
    ax: Axes | None = None,
) -> Axes:
    r"""Draw training (blue, solid) and validation (vermillion, dashed) error against :math:`\lambda`.

    The validation minimum gets a vermillion dot; ``current`` a vertical
    orange line (gid ``"marker"``).

    Parameters
    ----------
    alphas : array-like of shape (n_alphas,)
        The :math:`\lambda` values, > 0, monotonic.
    train_error, val_error : array-like of shape (n_alphas,)
        Errors at each :math:`\lambda`.
    current : float or None, default=None
        Position of the vertical marker.
    ylabel : str, default="mean squared error"
        Label of the vertical axis.
    ax : matplotlib Axes or None, default=None
        Where to draw; a new figure if None.

    Returns
    -------
    matplotlib.axes.Axes

    """
    a = _check_alphas(alphas)
    train = check_array(train_error, "train_error", ndim=1)
    val = check_array(val_error, "val_error", ndim=1)
    check_same_length(("alphas", a), ("train_error", train), ("val_error", val))
    cur = _check_current(current, a)
    ax = get_axes(ax)
    ax.plot(a, train, color=COLORS["train"], linestyle=LINESTYLES["train"], label="training")
    ax.plot(a, val, color=COLORS["validation"], linestyle=LINESTYLES["validation"], label="validation")
    best = int(np.argmin(val))
    ax.plot([a[best]], [val[best]], "o", color=COLORS["validation"], ms=6, label=r"best $\lambda$ (validation)")
    _draw_current(ax, cur)
    ax.set_xscale("log")
    ax.set_xlabel(LAMBDA_LABEL)
    ax.set_ylabel(ylabel)
    ax.legend(fontsize="small")
    return ax


def plot_n_nonzero(
    alphas: Any,
    counts: Mapping[str, Any],
    *,
    limit: int | None = None,
    limit_label: str = r"$n$ (number of samples)",
    ax: Axes | None = None,
) -> Axes:
    r"""Draw how many coefficients are non-zero along :math:`\lambda`, one line per method.

    Parameters
    ----------
    alphas : array-like of shape (n_alphas,)
        The :math:`\lambda` values, > 0, monotonic.
    counts : mapping of str to array-like of shape (n_alphas,)
        Number of non-zero coefficients for each method (e.g. ``"lasso"``).
    limit : int or None, default=None
        Draw a horizontal black dotted line at this count (e.g. ``n_samples``).
    limit_label : str
        Legend text of that line.
    ax : matplotlib Axes or None, default=None
        Where to draw; a new figure if None.

    Returns
    -------
    matplotlib.axes.Axes

    """
    a = _check_alphas(alphas)
    if not isinstance(counts, Mapping) or not counts:
        raise ValueError("counts must be a non-empty mapping of method name to counts")
    ax = get_axes(ax)
    for i, (label, values) in enumerate(counts.items()):
        v = check_array(values, f"counts[{label!r}]", ndim=1)
        check_same_length(("alphas", a), (f"counts[{label!r}]", v))
        style = _method_style(label, i)
        ax.step(a, v, where="mid", color=style["color"], linestyle=style["linestyle"], label=label)
    if limit is not None:
        if isinstance(limit, bool) or not isinstance(limit, int | np.integer) or limit < 0:
            raise ValueError(f"limit must be a non-negative integer or None, got {limit!r}")
        ax.axhline(limit, color=COLORS["reference"], linestyle=LINESTYLES["reference"], lw=1.5, label=limit_label)
    ax.set_xscale("log")
    ax.set_xlabel(LAMBDA_LABEL)
    ax.set_ylabel("non-zero coefficients")
    ax.legend(fontsize="small")
    return ax


# --------------------------------------------------------------------------- coefficients


def _draw_method_bars(
    ax: Axes, x: NDArray[Any], v: NDArray[np.float64], label: str, i: int, k: int, mark_zeros: bool
) -> None:
    """Draw method ``i`` of ``k`` as one bar per feature, its exact zeros as black ``×`` on the axis."""
    width = 0.8 / k
    style = _method_style(label, i)
    offset = (i - (k - 1) / 2) * width
    filled = style is not METHOD_STYLES["true"]
    bars = ax.bar(
        x + offset,
        v,
        width,
        label=label,
        color=style["color"] if filled else "none",
        edgecolor=style["color"],
        hatch=style["hatch"] or None,
        lw=1.2,
    )
    for patch in bars.patches:
        patch.set_gid(f"bars:{label}")
    if mark_zeros and filled:
        zero = v == 0
        pts = ax.scatter(
            x[zero] + offset,
            np.zeros(int(zero.sum())),
            marker="x",
            s=30,
            color=COLORS["reference"],
            zorder=4,
            linewidths=1.5,
        )
        pts.set_gid(f"zeros:{label}")


def plot_coef_comparison(
    coefs: Mapping[str, Any],
    *,
    feature_names: Sequence[str] | None = None,
    mark_zeros: bool = True,
    ylabel: str = r"coefficient $w_j$",
    legend_loc: str = "best",
    ax: Axes | None = None,
) -> Axes:
    """Draw coefficient vectors side by side as grouped bars, exact zeros marked.

    Parameters
    ----------
    coefs : mapping of str to array-like of shape (n_features,)
        One vector per method, by label (``"lasso"``, ``"ridge"``,
        ``"elastic net"`` and ``"true"`` get their fixed styles).
    feature_names : sequence of str or None, default=None
        Tick labels; ``x0, x1, ...`` if None.
    mark_zeros : bool, default=True
        Put a black ``×`` on the axis where a vector is *exactly* zero
        (collection gid ``"zeros:<label>"``).
    ylabel : str
        Label of the vertical axis.
    legend_loc : str, default="best"
        Where the legend goes (a Matplotlib ``loc``; fix it in a widget).
    ax : matplotlib Axes or None, default=None
        Where to draw; a new figure if None.

    Returns
    -------
    matplotlib.axes.Axes
        Each bar container's patches have gid ``"bars:<label>"``.

    """
    mark_zeros = check_bool(mark_zeros, "mark_zeros")
    if not isinstance(coefs, Mapping) or not coefs:
        raise ValueError("coefs must be a non-empty mapping of label to coefficient vector")
    check_choice(legend_loc, "legend_loc", LEGEND_LOCATIONS)
    vectors = {label: check_array(v, f"coefs[{label!r}]", ndim=1) for label, v in coefs.items()}
    n_features = len(next(iter(vectors.values())))
    for label, v in vectors.items():
        if len(v) != n_features:
            raise ValueError(f"coefs[{label!r}] must have {n_features} entries like the first vector, got {len(v)}")
    names = _feature_names(feature_names, n_features)
    ax = get_axes(ax)
    k = len(vectors)
    x = np.arange(n_features)
    for i, (label, v) in enumerate(vectors.items()):
        _draw_method_bars(ax, x, v, label, i, k, mark_zeros)
    ax.axhline(0.0, color=COLORS["reference"], lw=0.8)
    ax.set_xticks(x, names, rotation=45 if max(len(s) for s in names) > 3 else 0, fontsize="small")
    ax.set_xlabel("feature")
    ax.set_ylabel(ylabel)
    loc: Any = legend_loc  # one of LEGEND_LOCATIONS, checked above
    ax.legend(loc=loc, fontsize="small", title="× = exactly 0" if mark_zeros else None, title_fontsize="x-small")
    ax.grid(axis="x", visible=False)
    return ax


def plot_group_coefs(
    coef: Any,
    groups: Any,
    *,
    coef_true: Any = None,
    feature_names: Sequence[str] | None = None,
    ylim: tuple[float, float] | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Draw one coefficient vector as bars coloured by feature group, exact zeros marked.

    Parameters
    ----------
    coef : array-like of shape (n_features,)
        The coefficients.
    groups : array-like of int of shape (n_features,)
        Group of each feature (``-1``: no group, drawn grey), as
        :func:`regviz.data.make_correlated_groups` returns it.
    coef_true : array-like of shape (n_features,) or None, default=None
        True coefficients, drawn as short black lines (gid ``"truth"``).
    feature_names : sequence of str or None, default=None
        Tick labels; ``x0, x1, ...`` if None.
    ylim : (float, float) or None, default=None
        Fixed vertical limits (a widget keeps them still).
    ax : matplotlib Axes or None, default=None
        Where to draw; a new figure if None.

    Returns
    -------
    matplotlib.axes.Axes
        Bar ``j`` has gid ``"bar{j}"``; the exact-zero crosses are the
        collection with gid ``"zeros"``.

    """
    w = check_array(coef, "coef", ndim=1)
    g = check_array(groups, "groups", ndim=1, dtype=int)
    check_same_length(("coef", w), ("groups", g))
    names = _feature_names(feature_names, len(w))
    ax = get_axes(ax)
    x = np.arange(len(w))
    bars = ax.bar(x, w, 0.7, color=_group_colors(g), edgecolor="white")
    for j, patch in enumerate(bars.patches):
        patch.set_gid(f"bar{j}")
    zero = w == 0
    zeros = ax.scatter(
        x[zero], np.zeros(int(zero.sum())), marker="x", s=30, color=COLORS["reference"], zorder=4, linewidths=1.5
    )
    zeros.set_gid("zeros")
    handles: list[Any] = _group_handles(g)
    if coef_true is not None:
        true = check_array(coef_true, "coef_true", ndim=1)
        check_same_length(("coef", w), ("coef_true", true))
        truth = ax.hlines(true, x - 0.4, x + 0.4, color=COLORS["reference"], lw=2, label="true coefficient")
        truth.set_gid("truth")
        handles.append(truth)
    ax.axhline(0.0, color=COLORS["reference"], lw=0.8)
    if ylim is not None:
        if (
            not isinstance(ylim, tuple | list)
            or len(ylim) != 2
            or not check_real(ylim[0], "ylim[0]") < check_real(ylim[1], "ylim[1]")
        ):
            raise ValueError(f"ylim must be a (low, high) pair with low < high, got {ylim!r}")
        ax.set_ylim(float(ylim[0]), float(ylim[1]))
    ax.set_xticks(x, names, fontsize="small")
    ax.set_xlabel("feature")
    ax.set_ylabel(r"coefficient $w_j$")
    ax.legend(
        handles=handles, loc="lower right", fontsize="x-small", ncols=2, title="× = exactly 0", title_fontsize="x-small"
    )
    ax.grid(axis="x", visible=False)
    return ax


def plot_selection_frequency(
    frequency: Any,
    *,
    feature_names: Sequence[str] | None = None,
    groups: Any = None,
    ax: Axes | None = None,
) -> Axes:
    """Draw how often each feature was selected (non-zero) across refits, coloured by group.

    Parameters
    ----------
    frequency : array-like of shape (n_features,)
        Selection frequencies in [0, 1].
    feature_names : sequence of str or None, default=None
        Tick labels; ``x0, x1, ...`` if None.
    groups : array-like of int of shape (n_features,) or None, default=None
        Group of each feature (``-1`` for features outside any group, drawn grey).
    ax : matplotlib Axes or None, default=None
        Where to draw; a new figure if None.

    Returns
    -------
    matplotlib.axes.Axes

    """
    f = check_array(frequency, "frequency", ndim=1)
    if np.any((f < 0) | (f > 1)):
        raise ValueError("frequency must hold values in [0, 1]")
    names = _feature_names(feature_names, len(f))
    if groups is None:
        g = np.zeros(len(f), dtype=int)
    else:
        g = check_array(groups, "groups", ndim=1, dtype=int)
        check_same_length(("frequency", f), ("groups", g))
    ax = get_axes(ax)
    colors = _group_colors(g)
    ax.bar(np.arange(len(f)), f, color=colors, edgecolor="white")
    if groups is not None:
        ax.legend(handles=_group_handles(g), fontsize="small", ncols=2)
    ax.set_ylim(0, 1.05)
    ax.set_xticks(np.arange(len(f)), names, fontsize="small")
    ax.set_xlabel("feature")
    ax.set_ylabel("selection frequency")
    ax.grid(axis="x", visible=False)
    return ax


# --------------------------------------------------------------------------- cross-validation


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
    a = _check_alphas(alphas)
    m = check_array(mse_path, "mse_path", ndim=2)
    if m.shape[0] != len(a) or m.shape[1] < 2:
        raise ValueError(f"mse_path must have shape ({len(a)}, n_folds >= 2), got {m.shape}")
    ax = get_axes(ax)
    mean = m.mean(axis=1)
    se = m.std(axis=1, ddof=1) / np.sqrt(m.shape[1])
    ax.plot(a, m, color=COLORS["validation"], lw=0.6, alpha=0.35)
    ax.fill_between(a, mean - se, mean + se, color=COLORS["validation"], alpha=0.2, lw=0, label="mean ± 1 s.e.")
    ax.plot(a, mean, color=COLORS["validation"], linestyle=LINESTYLES["validation"], label="mean over folds")
    if best_alpha is not None:
        b = check_real(best_alpha, "best_alpha", low=float(a.min()), high=float(a.max()))
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


def plot_cv_heatmap(
    alphas: Any,
    l1_ratios: Any,
    mse: Any,
    *,
    max_ratio: float = 1.5,
    ax: Axes | None = None,
) -> Axes:
    r"""Draw mean cross-validated error over the (λ, l1_ratio) grid, the best cell starred.

    Parameters
    ----------
    alphas : array-like of shape (n_alphas,)
        The :math:`\lambda` grid, > 0, monotonic (shared by every l1_ratio).
    l1_ratios : array-like of shape (n_l1_ratios,)
        The l1_ratio values, in [0, 1], increasing.
    mse : array-like of shape (n_l1_ratios, n_alphas)
        Mean validation error (``ElasticNetCV.mse_path_.mean(axis=2)``).
    max_ratio : float, default=1.5
        The colour scale runs from the smallest error to ``max_ratio`` times
        it (larger errors share the darkest colour), so the valley stays
        readable next to the huge errors of the empty model; ``> 1``.
    ax : matplotlib Axes or None, default=None
        Where to draw; a new figure if None.

    Returns
    -------
    matplotlib.axes.Axes
        The mesh has gid ``"heatmap"``; a colour bar is added to the figure.

    """
    a = _check_alphas(alphas)
    r = check_array(l1_ratios, "l1_ratios", ndim=1)
    if np.any((r < 0) | (r > 1)) or np.any(np.diff(r) <= 0):
        raise ValueError("l1_ratios must be strictly increasing values in [0, 1]")
    values = check_array(mse, "mse", ndim=2)
    top = check_real(max_ratio, "max_ratio", low=1, low_open=True)
    if np.any(values <= 0):
        raise ValueError("mse must hold positive errors")
    if values.shape != (len(r), len(a)):
        raise ValueError(f"mse must have shape ({len(r)}, {len(a)}) (l1_ratios × alphas), got {values.shape}")
    order = np.argsort(a)
    a, values = a[order], values[:, order]
    log_a = np.log10(a)
    mid = (log_a[1:] + log_a[:-1]) / 2
    x_edges = 10 ** np.r_[log_a[0] - (mid[0] - log_a[0]), mid, log_a[-1] + (log_a[-1] - mid[-1])]
    y_edges = np.arange(len(r) + 1) - 0.5
    ax = get_axes(ax)
    low = float(values.min())
    mesh = ax.pcolormesh(x_edges, y_edges, values, cmap="cividis_r", shading="flat", vmin=low, vmax=low * top)
    mesh.set_gid("heatmap")
    ax.figure.colorbar(mesh, ax=ax, label="mean validation MSE", extend="max")
    i, k = np.unravel_index(int(np.argmin(values)), values.shape)
    ax.plot(
        [a[k]],
        [i],
        marker="*",
        ms=16,
        color=COLORS["highlight"],
        markeredgecolor=COLORS["reference"],
        linestyle="none",
        label=rf"best: $\lambda$ = {a[k]:.3g}, l1_ratio = {r[i]:g}",
    )
    ax.set_xscale("log")
    ax.set_yticks(np.arange(len(r)), [f"{v:g}" for v in r])
    ax.set_xlabel(LAMBDA_LABEL)
    ax.set_ylabel("l1_ratio (1 = lasso)")
    ax.grid(False)
    ax.legend(loc="upper left", fontsize="small", framealpha=0.85, frameon=True)
    return ax


# --------------------------------------------------------------------------- geometry


def _draw_loss_contours(
    ax: Axes, gram: NDArray[np.float64], w_ols: NDArray[np.float64], lim: float, n_levels: int
) -> None:
    """Grey contours of the quadratic loss on ``[-lim, lim]²``, spaced by the contour through the origin."""
    grid = np.linspace(-lim, lim, 201)
    W1, W2 = np.meshgrid(grid, grid)
    D = np.stack([W1 - w_ols[0], W2 - w_ols[1]], axis=-1)
    Q = 0.5 * np.einsum("...i,ij,...j->...", D, gram, D)
    q_edge = 0.5 * w_ols @ gram @ w_ols  # the contour through the origin
    levels = q_edge * np.linspace(0.1, 1.6, n_levels) ** 2
    ax.contour(W1, W2, Q, levels=levels, colors="#777777", linewidths=0.8)


def _draw_region_and_contact(ax: Axes, boundary: NDArray[np.float64], ellipse: NDArray[np.float64]) -> None:
    """Fill the penalty region (gid ``"region"``) and dash the loss contour that touches it (gid ``"contact"``)."""
    (region,) = ax.fill(
        boundary[:, 0],
        boundary[:, 1],
        facecolor=(*to_rgb(COLORS["train"]), 0.25),
        edgecolor=COLORS["train"],
        lw=1.5,
        label="penalty region",
    )
    region.set_gid("region")
    (contact,) = ax.plot(
        ellipse[:, 0],
        ellipse[:, 1],
        color=COLORS["reference"],
        linestyle="--",
        lw=1.3,
        label="loss contour at the solution",
    )
    contact.set_gid("contact")


def plot_constraint_geometry(
    X: Any,
    y: Any,
    coef: Any,
    *,
    l1_ratio: float = 1.0,
    limit: float | None = None,
    n_levels: int = 6,
    ax: Axes | None = None,
) -> Axes:
    r"""Draw the loss contours of a two-feature problem and the penalty region that the solution touches.

    The loss is :math:`\frac{1}{2n}\lVert y - Xw - b\rVert^2` (best intercept); the region is
    :math:`\{w : P_\rho(w) \le P_\rho(\hat w)\}`, :math:`P_\rho(w) = \rho\lVert w\rVert_1 + \frac{1-\rho}{2}\lVert w\rVert_2^2`.
    A loss contour (dashed black, gid ``"contact"``) touches the region (gid ``"region"``) at the
    orange solution (gid ``"solution"``).

    Parameters
    ----------
    X : array-like of shape (n_samples, 2)
        The two features.
    y : array-like of shape (n_samples,)
        Targets.
    coef : array-like of shape (2,)
        The penalised solution :math:`\hat w` to draw.
    l1_ratio : float, default=1.0
        :math:`\rho \in [0, 1]`: 1 the lasso's diamond, 0 ridge's disc.
    limit : float or None, default=None
        Both axes span ``[-limit, limit]``; 1.25 × the largest least-squares
        coefficient if None.
    n_levels : int, default=6
        Number of loss contours drawn in grey, in ``[1, 100]``.
    ax : matplotlib Axes or None, default=None
        Where to draw; a new figure if None.

    Returns
    -------
    matplotlib.axes.Axes

    """
    X_arr = check_array(X, "X", ndim=2)
    y_arr = check_array(y, "y", ndim=1)
    check_same_length(("X", X_arr), ("y", y_arr))
    if X_arr.shape[1] != 2:
        raise ValueError(f"X must have exactly 2 columns (features) to draw in the plane, got {X_arr.shape[1]}")
    w = check_array(coef, "coef", ndim=1)
    if w.shape != (2,):
        raise ValueError(f"coef must have shape (2,), got {w.shape}")
    r = check_real(l1_ratio, "l1_ratio", low=0, high=1)
    n_levels = check_int(n_levels, "n_levels", low=1, high=100)
    gram, w_ols = quadratic_loss(X_arr, y_arr)
    lim = 1.25 * float(np.max(np.abs(w_ols))) if limit is None else check_real(limit, "limit", low=0, low_open=True)
    ax = get_axes(ax)
    _draw_loss_contours(ax, gram, w_ols, lim, n_levels)
    t = r * np.abs(w).sum() + 0.5 * (1 - r) * (w @ w)
    _draw_region_and_contact(
        ax, penalty_boundary(t, r), loss_ellipse(gram, w_ols, 0.5 * float((w - w_ols) @ gram @ (w - w_ols)))
    )
    ax.plot([w_ols[0]], [w_ols[1]], "P", color=COLORS["reference"], ms=9, label="least squares")
    (solution,) = ax.plot(
        [w[0]],
        [w[1]],
        "o",
        color=COLORS["highlight"],
        ms=9,
        markeredgecolor=COLORS["reference"],
        zorder=5,
        label=r"penalised solution $\hat w$",
    )
    solution.set_gid("solution")
    ax.axhline(0, color=COLORS["reference"], lw=0.8)
    ax.axvline(0, color=COLORS["reference"], lw=0.8)
    ax.set_xlim(-lim, lim)
    ax.set_ylim(-lim, lim)
    ax.set_aspect("equal")
    ax.set_xlabel(r"$w_1$")
    ax.set_ylabel(r"$w_2$")
    return ax
