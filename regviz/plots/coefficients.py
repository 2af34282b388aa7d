"""What a model's weights look like: paths along λ, bars, norms, groups, histograms, unit moments.

* :func:`plot_coef_path` — each coefficient against λ (ridge or lasso), legend or names at the ends.
* :func:`plot_coef_bars` — coefficient vectors as bars: one fit, several methods side by side,
  or one fit coloured by feature group.
* :func:`plot_shrinkage_factors`, :func:`plot_n_nonzero`, :func:`plot_coef_norms`,
  :func:`plot_selection_frequency` — summaries of the weights along λ or a knob.
* :func:`plot_weight_histogram`, :func:`plot_unit_moments` — a network's weights and its units' statistics.

Methods keep one colour and one hatch or line style each (lasso bluish green, ridge reddish purple,
elastic net sky blue, truth black). Artists a widget moves carry a ``gid`` (``"marker"``, ``"bar{j}"``...).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.patches import Patch
from numpy.typing import NDArray

from .._validation import (
    validate_alphas,
    validate_array,
    validate_bool,
    validate_choice,
    validate_current,
    validate_increasing,
    validate_int,
    validate_limits,
    validate_real,
    validate_same_length,
)
from ..style import COLORS, LINESTYLES, OKABE_ITO
from ._axes import CURVE_STYLES, LAMBDA_LABEL, LEGEND_LOCATIONS, METHOD_STYLES, draw_current, get_axes

__all__ = [
    "plot_coef_bars",
    "plot_coef_norms",
    "plot_coef_path",
    "plot_n_nonzero",
    "plot_selection_frequency",
    "plot_shrinkage_factors",
    "plot_unit_moments",
    "plot_weight_histogram",
]


_PATH_COLORS = [
    OKABE_ITO[k] for k in ("blue", "vermillion", "bluish_green", "orange", "reddish_purple", "sky_blue", "black")
]
_PATH_STYLES: list[Any] = ["-", "--", "-.", (0, (1, 1))]


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


def _method_style(label: str, i: int) -> dict[str, Any]:
    """The fixed style of a method named at the start of ``label`` (``"ridge, same MSE"``), else a cycled one."""
    for key, style in METHOD_STYLES.items():
        if label == key or label.startswith((key + " ", key + ",", key + "(")):
            return style
    return {"color": _PATH_COLORS[i % len(_PATH_COLORS)], "linestyle": "-", "hatch": ""}


def _validate_alphas_axis(alphas: Any) -> np.ndarray:
    a = validate_array(alphas, "alphas", ndim=1, min_samples=2)
    if np.any(a <= 0):
        raise ValueError("alphas must all be in (0, inf): they are drawn on a log axis")
    if np.any(np.diff(a) <= 0):
        raise ValueError("alphas must be strictly increasing (regularisation grows left to right)")
    return a


def _feature_names(names: Sequence[str] | None, n: int, default: str = "x{}") -> list[str]:
    """``names`` as ``n`` strings, or ``default`` formatted with 0, 1, ... if None."""
    if names is None:
        return [default.format(j) for j in range(n)]
    if isinstance(names, str):
        raise ValueError(f"feature_names must be a sequence of {n} names, got {names!r}")
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


def _path_styles(
    n_features: int, groups: Any, colors: Sequence[str] | None, linestyles: Sequence[Any] | None
) -> tuple[list[Any], list[Any]]:
    """Check ``colors``, ``groups`` and ``linestyles`` and return one colour and one line style per feature."""
    if colors is not None and len(colors) != n_features:
        raise ValueError(f"colors must have {n_features} entries, got {len(colors)}")
    if groups is not None:
        g = validate_array(groups, "groups", ndim=1, dtype=int)
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


def plot_coef_path(
    alphas: Any,
    coefs: Any,
    *,
    feature_names: Sequence[str] | None = None,
    groups: Any = None,
    colors: Sequence[str] | None = None,
    linestyles: Sequence[Any] | None = None,
    current: float | None = None,
    label_lines: bool = False,
    legend: bool = True,
    xlabel: str = LAMBDA_LABEL,
    ylabel: str = r"coefficient $w_j$",
    ax: Axes | None = None,
) -> Axes:
    r"""Draw each coefficient against :math:`\lambda` (log axis, regularisation growing to the right).

    Parameters
    ----------
    alphas : array-like of shape (n_alphas,)
        The :math:`\lambda` values, > 0, increasing or decreasing (as
        ``lasso_path`` returns them); drawn in increasing order.
    coefs : array-like of shape (n_alphas, n_features)
        The weights at each :math:`\lambda`, one row per alpha
        (``RidgePath.coefs``; pass ``lasso_path``'s ``coefs.T``).
    feature_names : sequence of str or None, default=None
        One name per feature; ``w_0, w_1, ...`` if None.
    groups : array-like of int of shape (n_features,) or None, default=None
        Colour the lines by group (``-1``: grey), as in :func:`plot_coef_bars` with ``groups``.
    colors, linestyles : sequence or None, default=None
        One entry per feature; cycled Okabe–Ito colours and styles (group colours, solid) if None.
    current : float or None, default=None
        Draw a vertical orange line at this :math:`\lambda` (gid ``"marker"``).
    label_lines : bool, default=False
        Write each feature's name at the left end of its line (least
        regularisation), widening the axis to fit, instead of a legend; the
        zero line is then drawn over the lines, so the exact zeros of a
        sparse (lasso) path read as the axis itself.
    legend : bool, default=True
        Whether to draw the legend (outside the Axes, on the right) unless ``label_lines``.
    xlabel, ylabel : str
        Axis labels.
    ax : matplotlib Axes or None, default=None
        Where to draw; a new figure if None.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes; line ``j`` has gid ``"coef{j}"``.

    """
    label_lines, legend = validate_bool(label_lines, "label_lines"), validate_bool(legend, "legend")
    a = validate_alphas(alphas)
    c = validate_array(coefs, "coefs", ndim=2)
    if c.shape[0] != len(a):
        raise ValueError(f"coefs must have shape ({len(a)}, n_features), one row per alpha, got {c.shape}")
    names = _feature_names(feature_names, c.shape[1], "$w_{{{}}}$")
    line_colors, line_styles = _path_styles(c.shape[1], groups, colors, linestyles)
    cur = validate_current(current, a)
    ax = get_axes(ax)
    order = np.argsort(a)
    a, c = a[order], c[order]
    if not label_lines:
        ax.axhline(0.0, color=COLORS["reference"], lw=0.8)
    for j in range(c.shape[1]):
        (line,) = ax.plot(a, c[:, j], color=line_colors[j], linestyle=line_styles[j], lw=1.6, label=names[j])
        line.set_gid(f"coef{j}")
    if label_lines:
        ax.axhline(0.0, color=COLORS["reference"], lw=0.8)
    ax.set_xscale("log")
    if label_lines:
        _label_path_ends(ax, a, c.T, names, line_colors)
    else:
        ax.set_xlim(a[0], a[-1])
    draw_current(ax, cur)
    ax.set(xlabel=xlabel, ylabel=ylabel)
    if legend and not label_lines:
        ax.legend(loc="center left", bbox_to_anchor=(1.0, 0.5), fontsize="small", handlelength=2.5)
    return ax


def plot_coef_bars(
    coef: Any,
    *,
    feature_names: Sequence[str] | None = None,
    ylim: tuple[float, float] | None = None,
    symlog: float | None = None,
    rotation: float | None = None,
    mark_zeros: bool = True,
    legend_loc: str | None = None,
    groups: Any = None,
    coef_true: Any = None,
    ylabel: str = r"coefficient $w_j$",
    ax: Axes | None = None,
) -> Axes:
    """Draw one coefficient vector as bars, several side by side, or one coloured by feature group.

    One vector: one orange bar per coefficient (it belongs to the current
    fit). A mapping ``label → vector``: grouped bars, one colour and hatch per
    method (``"lasso"``, ``"ridge"``, ``"elastic net"`` and ``"true"`` get their
    fixed styles), exact zeros marked, a legend. One vector with ``groups``:
    bars coloured by feature group, exact zeros marked, the truth as short lines.

    Parameters
    ----------
    coef : array-like of shape (n_features,) or mapping of str to array-like of shape (n_features,)
        The weights, or one vector per method by label.
    feature_names : sequence of str or None, default=None
        Tick labels; if None ``w_0, w_1, ...`` for one vector, ``x0, x1, ...`` for a mapping.
    ylim : (float, float) or None, default=None
        Fixed vertical limits (a widget fixes them so that shrinking bars
        are seen to shrink); automatic if None.
    symlog : float or None, default=None
        If given (> 0), a symmetric log scale, linear within ``±symlog``: bars
        from 0.01 to 100 stay readable on one axis.
    rotation : float or None, default=None
        Rotation of the tick labels in degrees, in [0, 90]; if None 0 for one
        vector, and for a mapping 45 when a name is longer than 3 characters.
    mark_zeros : bool, default=True
        Mapping or ``groups``: put a black ``×`` on the axis where a vector is
        *exactly* zero (collection gid ``"zeros:<label>"``, with groups ``"zeros"``).
    legend_loc : str or None, default=None
        Mapping or ``groups``: where the legend goes (a Matplotlib ``loc``; fix
        it in a widget); None: ``"best"`` for a mapping, ``"lower right"`` with groups.
    groups : array-like of int of shape (n_features,) or None, default=None
        Group of each feature (``-1``: no group, drawn grey), as
        :func:`regviz.data.make_correlated_groups` returns it; one vector only.
    coef_true : array-like of shape (n_features,) or None, default=None
        With ``groups``: true coefficients, drawn as short black lines (gid ``"truth"``).
    ylabel : str
        Label of the vertical axis.
    ax : matplotlib Axes or None, default=None
        Where to draw; a new figure if None.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes. One vector: the bars are ``ax.containers[0]``, each patch with
        gid ``"bar{j}"`` (also with ``groups``). A mapping: each bar container's patches
        have gid ``"bars:<label>"``.

    """
    bar_style = (feature_names, ylim, symlog, rotation, mark_zeros, legend_loc, ylabel)
    if groups is not None:
        return _plot_bars_by_group(coef, groups, coef_true, bar_style, ax)
    if coef_true is not None:
        raise ValueError("coef_true needs groups (it is drawn over the bars coloured by group)")
    if isinstance(coef, Mapping):
        loc = "best" if legend_loc is None else legend_loc
        return _plot_grouped_bars(coef, feature_names, ylim, symlog, rotation, mark_zeros, loc, ylabel, ax)
    return _plot_one_vector(coef, bar_style, ax)


def _plot_one_vector(coef: Any, bar_style: tuple[Any, ...], ax: Axes | None) -> Axes:
    """:func:`plot_coef_bars` for one vector: orange bars, gid ``"bar{j}"``."""
    feature_names, ylim, symlog, rotation, mark_zeros, legend_loc, ylabel = bar_style
    w = validate_array(coef, "coef", ndim=1)
    names = _feature_names(feature_names, w.shape[0], "$w_{{{}}}$")
    angle = validate_real(0.0 if rotation is None else rotation, "rotation", low=0, high=90)
    linthresh = None if symlog is None else validate_real(symlog, "symlog", low=0, low_open=True)
    limits = validate_limits(ylim, "ylim")
    validate_bool(mark_zeros, "mark_zeros")
    if legend_loc is not None:
        validate_choice(legend_loc, "legend_loc", LEGEND_LOCATIONS)
    ax = get_axes(ax)
    positions = np.arange(w.shape[0])
    bars = ax.bar(positions, w, color=COLORS["highlight"], edgecolor=COLORS["reference"], lw=0.6, width=0.7)
    for j, patch in enumerate(bars.patches):
        patch.set_gid(f"bar{j}")
    ax.axhline(0.0, color=COLORS["reference"], lw=0.8)
    ax.set_xticks(positions, names, rotation=angle)
    if linthresh is not None:
        ax.set_yscale("symlog", linthresh=linthresh)
    ax.grid(axis="x", visible=False)
    if limits is not None:
        ax.set_ylim(*limits)
    ax.set_ylabel(ylabel)
    return ax


def _plot_grouped_bars(
    coefs: Mapping[str, Any],
    feature_names: Sequence[str] | None,
    ylim: tuple[float, float] | None,
    symlog: float | None,
    rotation: float | None,
    mark_zeros: bool,
    legend_loc: str,
    ylabel: str,
    ax: Axes | None,
) -> Axes:
    """:func:`plot_coef_bars` for a mapping: grouped bars, exact zeros marked, a legend."""
    mark_zeros = validate_bool(mark_zeros, "mark_zeros")
    if not coefs:
        raise ValueError("coef must be a coefficient vector or a non-empty mapping of label to coefficient vector")
    validate_choice(legend_loc, "legend_loc", LEGEND_LOCATIONS)
    vectors = {label: validate_array(v, f"coef[{label!r}]", ndim=1) for label, v in coefs.items()}
    n_features = len(next(iter(vectors.values())))
    for label, v in vectors.items():
        if len(v) != n_features:
            raise ValueError(f"coef[{label!r}] must have {n_features} entries like the first vector, got {len(v)}")
    names = _feature_names(feature_names, n_features)
    if rotation is None:
        angle = 45.0 if max(len(s) for s in names) > 3 else 0.0
    else:
        angle = validate_real(rotation, "rotation", low=0, high=90)
    linthresh = None if symlog is None else validate_real(symlog, "symlog", low=0, low_open=True)
    limits = validate_limits(ylim, "ylim")
    ax = get_axes(ax)
    k = len(vectors)
    x = np.arange(n_features)
    for i, (label, v) in enumerate(vectors.items()):
        _draw_method_bars(ax, x, v, label, i, k, mark_zeros)
    ax.axhline(0.0, color=COLORS["reference"], lw=0.8)
    ax.set_xticks(x, names, rotation=angle, fontsize="small")
    ax.set_xlabel("feature")
    ax.set_ylabel(ylabel)
    loc: Any = legend_loc  # one of LEGEND_LOCATIONS, checked above
    ax.legend(loc=loc, fontsize="small", title="× = exactly 0" if mark_zeros else None, title_fontsize="x-small")
    ax.grid(axis="x", visible=False)
    if linthresh is not None:
        ax.set_yscale("symlog", linthresh=linthresh)
    if limits is not None:
        ax.set_ylim(*limits)
    return ax


def plot_shrinkage_factors(
    alphas: Any,
    factors: Any,
    *,
    singular_values: Any = None,
    current: float | None = None,
    xlabel: str = LAMBDA_LABEL,
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

    a = _validate_alphas_axis(alphas)
    f = validate_array(factors, "factors", ndim=2)
    validate_same_length(("alphas", a), ("factors", f))
    if np.any(f < 0) or np.any(f > 1):
        raise ValueError("factors must all be in [0, 1]")
    n_dir = f.shape[1]
    if singular_values is not None:
        d = validate_array(singular_values, "singular_values", ndim=1)
        if d.shape[0] != n_dir:
            raise ValueError(f"singular_values must hold {n_dir} values (one per column of factors), got {d.shape[0]}")
        labels = [rf"$d_{{{j + 1}}} = {d[j]:.3g}$" for j in range(n_dir)]
    else:
        labels = [rf"direction {j + 1}" for j in range(n_dir)]
    cur = validate_current(current, a)
    cmap = mpl.colormaps["viridis"]
    ax = get_axes(ax)
    for j in range(n_dir):
        (line,) = ax.plot(a, f[:, j], color=cmap(j / max(n_dir - 1, 1) * 0.9), lw=1.6, label=labels[j])
        line.set_gid(f"factor{j}")
    draw_current(ax, cur)
    ax.set_xscale("log")
    ax.set_xlim(a[0], a[-1])
    ax.set_ylim(-0.02, 1.02)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(r"shrinkage factor $d_j^2 / (d_j^2 + \lambda)$")
    ax.legend(loc="center left", bbox_to_anchor=(1.0, 0.5), fontsize="small")
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
    a = validate_alphas(alphas)
    if not isinstance(counts, Mapping) or not counts:
        raise ValueError("counts must be a non-empty mapping of method name to counts")
    ax = get_axes(ax)
    for i, (label, values) in enumerate(counts.items()):
        v = validate_array(values, f"counts[{label!r}]", ndim=1)
        validate_same_length(("alphas", a), (f"counts[{label!r}]", v))
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


def _plot_bars_by_group(coef: Any, groups: Any, coef_true: Any, bar_style: tuple[Any, ...], ax: Axes | None) -> Axes:
    """:func:`plot_coef_bars` with ``groups``: bars coloured by group, exact zeros marked, the truth as lines."""
    feature_names, ylim, symlog, rotation, mark_zeros, legend_loc, ylabel = bar_style
    if isinstance(coef, Mapping):
        raise ValueError("coef must be one coefficient vector when groups is given, got a mapping")
    w = validate_array(coef, "coef", ndim=1)
    g = validate_array(groups, "groups", ndim=1, dtype=int)
    validate_same_length(("coef", w), ("groups", g))
    names = _feature_names(feature_names, len(w))
    angle = None if rotation is None else validate_real(rotation, "rotation", low=0, high=90)
    linthresh = None if symlog is None else validate_real(symlog, "symlog", low=0, low_open=True)
    limits = validate_limits(ylim, "ylim")
    mark_zeros = validate_bool(mark_zeros, "mark_zeros")
    loc: Any = "lower right" if legend_loc is None else validate_choice(legend_loc, "legend_loc", LEGEND_LOCATIONS)
    true = None if coef_true is None else validate_array(coef_true, "coef_true", ndim=1)
    if true is not None:
        validate_same_length(("coef", w), ("coef_true", true))
    ax = get_axes(ax)
    x = np.arange(len(w))
    bars = ax.bar(x, w, 0.7, color=_group_colors(g), edgecolor="white")
    for j, patch in enumerate(bars.patches):
        patch.set_gid(f"bar{j}")
    if mark_zeros:
        zero = w == 0
        zeros = ax.scatter(
            x[zero], np.zeros(int(zero.sum())), marker="x", s=30, color=COLORS["reference"], zorder=4, linewidths=1.5
        )
        zeros.set_gid("zeros")
    handles: list[Any] = _group_handles(g)
    if true is not None:
        truth = ax.hlines(true, x - 0.4, x + 0.4, color=COLORS["reference"], lw=2, label="true coefficient")
        truth.set_gid("truth")
        handles.append(truth)
    ax.axhline(0.0, color=COLORS["reference"], lw=0.8)
    if limits is not None:
        ax.set_ylim(*limits)
    if angle is None:
        ax.set_xticks(x, names, fontsize="small")
    else:
        ax.set_xticks(x, names, rotation=angle, fontsize="small")
    ax.set_xlabel("feature")
    ax.set_ylabel(ylabel)
    title = "× = exactly 0" if mark_zeros else None
    ax.legend(handles=handles, loc=loc, fontsize="x-small", ncols=2, title=title, title_fontsize="x-small")
    ax.grid(axis="x", visible=False)
    if linthresh is not None:
        ax.set_yscale("symlog", linthresh=linthresh)
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
    f = validate_array(frequency, "frequency", ndim=1)
    if np.any((f < 0) | (f > 1)):
        raise ValueError("frequency must hold values in [0, 1]")
    names = _feature_names(feature_names, len(f))
    if groups is None:
        g = np.zeros(len(f), dtype=int)
    else:
        g = validate_array(groups, "groups", ndim=1, dtype=int)
        validate_same_length(("frequency", f), ("groups", g))
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
    p = validate_array(params, "params", ndim=1, min_samples=2)
    n = validate_array(norms, "norms", ndim=1)
    validate_same_length(("params", p), ("norms", n))
    validate_increasing(p, "params")
    if np.any(n <= 0):
        raise ValueError("norms must all be > 0 (they are drawn on a log scale)")
    ax = get_axes(ax)
    (line,) = ax.plot(p, n, "o-", color=COLORS["reference"], ms=5)
    line.set_gid("norms")
    ax.set_yscale("log")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    return ax


_HIST_STYLES: tuple[tuple[str, Any], ...] = (
    (COLORS["train"], LINESTYLES["train"]),
    (COLORS["highlight"], "--"),
    (COLORS["alternative"], LINESTYLES["alternative"]),
    (COLORS["test"], LINESTYLES["test"]),
)


def plot_weight_histogram(
    weights: Any,
    *,
    bins: int | Any = 50,
    log_abs: bool = False,
    xlabel: str | None = None,
    title: str | None = None,
    ax: Axes | None = None,
) -> Axes:
    r"""Histogram of a network's weights, for one model or several (overlaid).

    Parameters
    ----------
    weights : array-like or mapping of str to array-like
        The weights (any shape; flattened), or several sets by label. One
        set is drawn as filled bars (gid ``"bars"``); several as outlines in
        Okabe–Ito colours with distinct line styles (gids ``"hist0"``, ...).
        ``"bars"`` is the gid of every bar's rectangle.
    bins : int or array-like, default=50
        Number of bins (in ``[1, 10000]``, shared by all sets) or the bin edges
        (increasing). Fixed edges let a widget update the bars in place.
    log_abs : bool, default=False
        Histogram of :math:`\log_{10}|w|` instead of :math:`w`. Weights that
        are exactly zero have no logarithm: they are counted and reported in
        each legend label (``"proximal: 5,120 exactly zero"``), which is the
        point of this view.
    xlabel : str or None, default=None
        Label of the horizontal axis; a sensible default for each mode.
    title : str or None, default=None
        Title of the Axes.
    ax : matplotlib Axes or None, default=None
        Where to draw; a new figure if None.

    Returns
    -------
    matplotlib.axes.Axes

    """
    sets = _weight_sets(weights)
    log_abs = validate_bool(log_abs, "log_abs")
    prepared: dict[str, NDArray[np.float64]] = {}
    zeros: dict[str, int] = {}
    for label, values in sets.items():
        if log_abs:
            nonzero = values[values != 0]
            zeros[label] = int(values.size - nonzero.size)
            prepared[label] = np.log10(np.abs(nonzero))
        else:
            prepared[label] = values
    edges = _bin_edges(bins, [v for v in prepared.values() if v.size])
    ax = get_axes(ax)
    single = len(prepared) == 1
    edge_list = [float(e) for e in edges]
    for k, (label, values) in enumerate(prepared.items()):
        text = f"{label}: {zeros[label]:,} exactly zero" if log_abs else label
        if single:
            drawn: Any = ax.hist(values, bins=edge_list, color=COLORS["train"], alpha=0.85, label=text)[2]
            gid = "bars"
        else:
            color, style = _HIST_STYLES[k % len(_HIST_STYLES)]
            drawn = ax.hist(values, bins=edge_list, histtype="step", color=color, linestyle=style, lw=2, label=text)[2]
            gid = f"hist{k}"
        for patch in drawn:
            patch.set_gid(gid)
    default_x = r"$\log_{10} |w|$ (non-zero weights)" if log_abs else r"weight $w$"
    ax.set_xlabel(xlabel if xlabel is not None else default_x)
    ax.set_ylabel("number of weights")
    if not single or log_abs:
        ax.legend(loc="upper left", fontsize="small")
    if title is not None:
        ax.set_title(title)
    return ax


def _weight_sets(weights: Any) -> dict[str, NDArray[np.float64]]:
    if isinstance(weights, Mapping):
        if not weights:
            raise ValueError("weights must hold at least one set of weights")
        sets = {}
        for label, values in weights.items():
            if not isinstance(label, str):
                raise ValueError(f"weights must be keyed by str labels, got {label!r}")
            sets[label] = validate_array(_to_numpy(values), f"weights[{label!r}]", ndim=None).ravel()
        return sets
    return {"weights": validate_array(_to_numpy(weights), "weights", ndim=None).ravel()}


def _to_numpy(values: Any) -> Any:
    if hasattr(values, "detach"):  # a torch tensor, without importing torch
        return values.detach().cpu().numpy()
    if isinstance(values, list | tuple) and values and any(hasattr(v, "shape") for v in values):
        return np.concatenate([np.ravel(_to_numpy(v)) for v in values])
    return values


def _bin_edges(bins: Any, sets: list[NDArray[np.float64]]) -> NDArray[np.float64]:
    if isinstance(bins, int | np.integer) and not isinstance(bins, bool):
        n_bins = validate_int(bins, "bins", low=1, high=10_000)
        if not sets:
            return np.linspace(-1.0, 1.0, n_bins + 1)
        low = min(float(v.min()) for v in sets)
        high = max(float(v.max()) for v in sets)
        if low == high:
            low, high = low - 0.5, high + 0.5
        return np.linspace(low, high, n_bins + 1)
    edges = validate_array(bins, "bins", ndim=1, min_samples=2)
    if np.any(np.diff(edges) <= 0):
        raise ValueError("bins must be an integer >= 1 or strictly increasing bin edges")
    return edges


def plot_unit_moments(
    activations: Mapping[str, Any],
    *,
    ax: Axes | None = None,
) -> Axes:
    """Scatter each unit's mean against its standard deviation over a batch.

    Parameters
    ----------
    activations : mapping of str to array-like of shape (n_samples, n_units)
        One batch of a layer's values per name (e.g. before and after a
        normalisation); at least two samples each.
    ax : matplotlib Axes or None, default=None
        Where to draw; a new figure if None.

    Returns
    -------
    matplotlib.axes.Axes
        One point per unit and name; the reference point (0, 1) is marked.

    """
    if not isinstance(activations, Mapping) or len(activations) == 0:
        raise ValueError("activations must be a non-empty mapping of name to (n_samples, n_units) arrays")
    if len(activations) > len(CURVE_STYLES):
        raise ValueError(f"activations must hold at most {len(CURVE_STYLES)} entries, got {len(activations)}")
    ax = get_axes(ax)
    markers = ["o", "s", "^", "D", "v", "P", "X"]
    for i, (name, values) in enumerate(activations.items()):
        arr = validate_array(values, f"activations[{name!r}]", ndim=2, min_samples=2)
        ax.scatter(
            arr.mean(axis=0),
            arr.std(axis=0),
            s=14,
            alpha=0.7,
            color=CURVE_STYLES[i][0],
            marker=markers[i],
            label=str(name),
            edgecolor="none",
            zorder=3,
        )
    ax.plot([0], [1], "+", color=OKABE_ITO["black"], ms=14, mew=1, label="mean 0, std 1", zorder=2)
    ax.set_xlabel("mean of the unit over the batch")
    ax.set_ylabel("standard deviation over the batch")
    ax.legend()
    return ax
