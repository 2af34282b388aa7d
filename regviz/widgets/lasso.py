r"""λ sliders for the lasso and the elastic net, and the constraint-geometry explorers.

Every explorer here precomputes its answers on exactly the values its sliders
can take (a log grid of λ, a grid of l1_ratio): warm-started coordinate-descent
paths from scikit-learn, the ridge path from one SVD, the constraint regions.
A slider move then only looks up an index, moves existing artists and redraws
them over a cached background (``Explorer(animated=...)``), which keeps an
update far below the 50 ms a class notices.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray

from .._validation import (
    check_array,
    check_bool,
    check_choice,
    check_int,
    check_real,
    check_same_length,
    check_train_val,
)
from ..lasso import LassoSlider, alpha_max, constraint_fits, enet_slider, lasso_slider
from ..plots import (
    plot_coef_comparison,
    plot_coef_path,
    plot_constraint_geometry,
    plot_error_vs_alpha,
    plot_group_coefs,
)
from ..plots._axes import LEGEND_LOCATIONS
from ._core import (
    MAX_STEPS_PER_DECADE,
    Explorer,
    _check_alpha_range,
    _grid_size,
    float_slider,
    log_grid,
    log_slider,
    new_figure,
)

__all__ = ["enet_explorer", "geometry_explorer", "lasso_explorer"]


# --------------------------------------------------------------------------- grids


def _snap(value: float, grid: NDArray[np.float64]) -> int:
    """Index of the grid value nearest to ``value`` on a log scale."""
    return int(np.argmin(np.abs(np.log(grid) - math.log(value))))


def _alpha_grid(
    alpha_range: tuple[float, float] | None, default: tuple[float, float], steps_per_decade: int
) -> NDArray[np.float64]:
    spd = check_int(steps_per_decade, "steps_per_decade", low=1, high=MAX_STEPS_PER_DECADE)
    if alpha_range is None:
        return log_grid(*default, steps_per_decade=spd, exact_end=False)
    low, high = _check_alpha_range(alpha_range)
    _grid_size(low, high, spd, "alpha_range")
    return log_grid(low, high, steps_per_decade=spd, exact_end=False)


# --------------------------------------------------------------------------- lasso λ slider


def lasso_explorer(
    X_train: Any,
    y_train: Any,
    X_val: Any,
    y_val: Any,
    *,
    feature_names: Sequence[str] | None = None,
    alpha: float | None = None,
    alpha_range: tuple[float, float] | None = None,
    steps_per_decade: int = 20,
    legend_loc: str = "best",
    blit: bool = True,
) -> Explorer:
    r"""Slide λ for the lasso: coefficients, the path and the validation curve move together.

    The lasso minimises scikit-learn's
    :math:`\frac{1}{2n}\lVert y - Xw - b\rVert^2 + \lambda\lVert w\rVert_1`.
    Three panels: (1) the lasso's coefficients beside those of the ridge fit
    with the *same training error* (exact zeros marked ×: the lasso's appear
    one by one, ridge's never); (2) the lasso path with an orange marker at
    λ; (3) training and validation MSE against λ with the same marker.

    The path is computed once, warm-started, at exactly the slider's values;
    the ridge fits come from one SVD. Pass standardised features.

    Parameters
    ----------
    X_train : array-like of shape (n_train, n_features)
        Training inputs (standardised).
    y_train : array-like of shape (n_train,)
        Training targets.
    X_val : array-like of shape (n_val, n_features)
        Validation inputs, scaled like ``X_train``.
    y_val : array-like of shape (n_val,)
        Validation targets.
    feature_names : sequence of str or None, default=None
        One name per feature.
    alpha : float or None, default=None
        Initial λ (snapped to the slider's grid); :math:`\lambda_{\max}/10` if None.
    alpha_range : (float, float) or None, default=None
        Slider range, ``0 < low < high``; :math:`(10^{-3}, 1.5)\,\lambda_{\max}` if None.
    steps_per_decade : int, default=20
        Slider values per factor of ten, in ``[1, 1000]`` (the path is precomputed at each; at most 10,001).
    legend_loc : str, default="best"
        Legend position of the coefficient panel (placed once: pick a corner
        the bars leave free).
    blit : bool, default=True
        Redraw only the moving artists over a cached background; ``False`` redraws the whole figure (slower).

    Returns
    -------
    Explorer
        Display it; ``explorer.set(alpha=...)`` moves the slider.

    """
    Xt, yt, Xv, yv = check_train_val(X_train, y_train, X_val, y_val, min_samples=2)
    blit = check_bool(blit, "blit")
    check_choice(legend_loc, "legend_loc", LEGEND_LOCATIONS)
    p = Xt.shape[1]
    names = _check_names(feature_names, p)
    spd = check_int(steps_per_decade, "steps_per_decade", low=1, high=MAX_STEPS_PER_DECADE)
    a_max = alpha_max(Xt, yt)
    if a_max == 0:
        raise ValueError("y_train must not be constant: every lasso coefficient would be 0 for all λ")
    grid = _alpha_grid(alpha_range, (1e-3 * a_max, 1.5 * a_max), spd)
    start = check_real(a_max / 10 if alpha is None else alpha, "alpha", low=float(grid[0]), high=float(grid[-1]))

    fits = lasso_slider(Xt, yt, Xv, yv, grid)
    coefs, ridge, n_zero, val_mse = fits.coefs, fits.ridge_coefs, fits.n_zero, fits.val_mse
    positions = np.arange(p, dtype=float)
    k0 = _snap(start, grid)
    fig, lasso_bars, ridge_bars, zeros, ridge_zeros, markers = _lasso_figure(fits, names, k0, legend_loc)
    offset = lasso_bars[0].get_x() + lasso_bars[0].get_width() / 2

    def update(alpha: float) -> None:
        k = _snap(alpha, grid)
        for bar, h in zip(lasso_bars, coefs[k], strict=True):
            bar.set_height(h)
        for bar, h in zip(ridge_bars, ridge[k], strict=True):
            bar.set_height(h)
        zero = coefs[k] == 0
        zeros.set_offsets(np.c_[positions[zero] + offset, np.zeros(int(zero.sum()))])
        ridge_zeros.set_offsets(np.empty((0, 2)))
        for marker in markers:
            marker.set_xdata([grid[k], grid[k]])

    def caption(alpha: float) -> str:
        k = _snap(alpha, grid)
        return (
            f"<b>λ = {grid[k]:.3g}</b>: {n_zero[k]} of {p} lasso coefficients exactly 0, "
            f"lasso keeps {p - n_zero[k]} features (ridge with the same training MSE keeps all {p}); "
            f"validation MSE {val_mse[k]:.4g}"
        )

    control = log_slider("λ (alpha)", float(grid[0]), float(grid[-1]), float(grid[k0]), steps_per_decade=spd)
    moving = [*lasso_bars, *ridge_bars, zeros, ridge_zeros, *markers]
    return Explorer(fig, update, {"alpha": control}, caption=caption, animated=moving if blit else None)


def _lasso_figure(fits: LassoSlider, names: list[str], k0: int, legend_loc: str) -> tuple[Any, ...]:
    """Bars (lasso beside ridge), path and errors at grid index ``k0``; the figure and its moving artists."""
    grid = fits.alphas
    fig, (ax_bars, ax_path, ax_err) = new_figure(ncols=3, figsize=(12.0, 3.9))
    ridge_label = "ridge, same training MSE"
    plot_coef_comparison(
        {"lasso": fits.coefs[k0], ridge_label: fits.ridge_coefs[k0]},
        feature_names=names,
        legend_loc=legend_loc,
        ax=ax_bars,
    )
    ax_bars.set_ylim(-fits.limit, fits.limit)
    plot_coef_path(grid, fits.coefs, feature_names=names, current=float(grid[k0]), label_lines=True, ax=ax_path)
    plot_error_vs_alpha(grid, fits.train_mse, fits.val_mse, current=float(grid[k0]), ax=ax_err)
    ax_path.set_title("lasso path: features enter from the right")
    ax_err.set_title("training and validation error")
    lasso_bars = [a for a in ax_bars.patches if a.get_gid() == "bars:lasso"]
    ridge_bars = [a for a in ax_bars.patches if a.get_gid() == f"bars:{ridge_label}"]
    zeros = next(c for c in ax_bars.collections if c.get_gid() == "zeros:lasso")
    ridge_zeros = next(c for c in ax_bars.collections if c.get_gid() == f"zeros:{ridge_label}")
    markers = [next(a for a in ax.lines if a.get_gid() == "marker") for ax in (ax_path, ax_err)]
    ax_bars.set_title("lasso against ridge at the same training error")
    return fig, lasso_bars, ridge_bars, zeros, ridge_zeros, markers


def _check_names(feature_names: Sequence[str] | None, p: int) -> list[str]:
    names = list(feature_names) if feature_names is not None else [f"x{j}" for j in range(p)]
    if len(names) != p:
        raise ValueError(f"feature_names must have {p} entries, got {len(names)}")
    return names


# --------------------------------------------------------------------------- geometry, L1 against L2


def _geometry_artists(ax: Any) -> tuple[Any, Any, Any]:
    region = next(a for a in ax.patches if a.get_gid() == "region")
    contact = next(a for a in ax.lines if a.get_gid() == "contact")
    solution = next(a for a in ax.lines if a.get_gid() == "solution")
    return region, contact, solution


def _fmt_w(w: NDArray[np.float64]) -> str:
    return f"({w[0] + 0.0:.2f}, {w[1] + 0.0:.2f})"


def geometry_explorer(
    X: Any,
    y: Any,
    *,
    alpha: float | None = None,
    alpha_range: tuple[float, float] | None = None,
    steps_per_decade: int = 20,
    blit: bool = True,
) -> Explorer:
    r"""Slide λ and watch the L1 diamond and the L2 disc meet the loss contours of a 2-feature problem.

    Left: the lasso, scikit-learn's :math:`\frac{1}{2n}\lVert y - Xw - b\rVert^2 + \lambda\lVert w\rVert_1`.
    Right: ridge in the same scaling,
    :math:`\frac{1}{2n}\lVert y - Xw - b\rVert^2 + \frac{\lambda}{2}\lVert w\rVert_2^2`
    (``ElasticNet(l1_ratio=0)``, i.e. ``Ridge(alpha=n·λ)``). Each panel shows the penalty region whose boundary
    passes through the solution and the loss contour that touches it there: the diamond is touched at a corner
    (a coefficient exactly 0) over a whole range of λ, the disc almost never on an axis.

    Parameters
    ----------
    X : array-like of shape (n_samples, 2)
        Two features (standardised), linearly independent.
    y : array-like of shape (n_samples,)
        Targets.
    alpha : float or None, default=None
        Initial λ (snapped to the grid); :math:`\lambda_{\max}/3` if None.
    alpha_range : (float, float) or None, default=None
        Slider range, ``0 < low < high``; :math:`(10^{-2}, 1.2)\,\lambda_{\max}` if None.
    steps_per_decade : int, default=20
        Slider values per factor of ten, in ``[1, 1000]`` (at most 10,001 values in all).
    blit : bool, default=True
        Redraw only the moving artists over a cached background; ``False`` redraws the whole figure (slower).

    Returns
    -------
    Explorer
        ``explorer.set(alpha=...)`` moves the slider.

    """
    X_arr = check_array(X, "X", ndim=2, min_samples=3)
    y_arr = check_array(y, "y", ndim=1, min_samples=3)
    check_same_length(("X", X_arr), ("y", y_arr))
    if X_arr.shape[1] != 2:
        raise ValueError(f"X must have exactly 2 columns (features), got {X_arr.shape[1]}")
    blit = check_bool(blit, "blit")
    spd = check_int(steps_per_decade, "steps_per_decade", low=1, high=MAX_STEPS_PER_DECADE)
    a_max = alpha_max(X_arr, y_arr)
    grid = _alpha_grid(alpha_range, (1e-2 * a_max, 1.2 * a_max), spd)
    start = check_real(a_max / 3 if alpha is None else alpha, "alpha", low=float(grid[0]), high=float(grid[-1]))
    geometry = constraint_fits(X_arr, y_arr, grid, [1.0, 0.0])
    fits = {1.0: geometry.coefs[0], 0.0: geometry.coefs[1]}
    shapes = {1.0: geometry.shapes[0], 0.0: geometry.shapes[1]}
    limit = 1.3 * float(np.max(np.abs(geometry.w_ols)))

    fig, axes = new_figure(ncols=2, figsize=(9.6, 4.6))
    k0 = _snap(start, grid)
    artists = {}
    for ax, r in zip(axes, (1.0, 0.0), strict=True):
        plot_constraint_geometry(X_arr, y_arr, fits[r][k0], l1_ratio=r, limit=limit, ax=ax)
        artists[r] = _geometry_artists(ax)
        ax.set_title("lasso: the L1 diamond" if r == 1.0 else "ridge: the L2 disc")
    axes[0].legend(loc="lower left", fontsize="x-small", framealpha=0.9, frameon=True)

    def update(alpha: float) -> None:
        k = _snap(alpha, grid)
        for r, (region, contact, solution) in artists.items():
            boundary, ellipse = shapes[r][k]
            region.set_xy(boundary)
            contact.set_data(ellipse[:, 0], ellipse[:, 1])
            solution.set_data([fits[r][k][0]], [fits[r][k][1]])

    def caption(alpha: float) -> str:
        k = _snap(alpha, grid)
        w_l1, w_l2 = fits[1.0][k], fits[0.0][k]
        zero = " — a coefficient exactly 0" if np.any(w_l1 == 0) else ""
        return f"<b>λ = {grid[k]:.3g}</b>: lasso ŵ = {_fmt_w(w_l1)}{zero}; ridge ŵ = {_fmt_w(w_l2)}"

    control = log_slider("λ (alpha)", float(grid[0]), float(grid[-1]), float(grid[k0]), steps_per_decade=spd)
    moving = [a for r in artists for a in artists[r]]
    return Explorer(fig, update, {"alpha": control}, caption=caption, animated=moving if blit else None)


# --------------------------------------------------------------------------- elastic net: λ and l1_ratio


def enet_explorer(
    X: Any,
    y: Any,
    *,
    groups: Any,
    coef_true: Any = None,
    feature_names: Sequence[str] | None = None,
    geometry_features: tuple[int, int] = (0, 1),
    alpha: float | None = None,
    l1_ratio: float = 0.5,
    alpha_range: tuple[float, float] | None = None,
    steps_per_decade: int = 10,
    l1_ratio_step: float = 0.05,
    blit: bool = True,
) -> Explorer:
    r"""Slide λ and l1_ratio: the penalty region morphs from diamond to disc, the coefficients regroup.

    The elastic net minimises scikit-learn's
    :math:`\frac{1}{2n}\lVert y - Xw - b\rVert^2 + \lambda\rho\lVert w\rVert_1 + \frac{\lambda(1-\rho)}{2}\lVert w\rVert_2^2`
    with :math:`\rho` = ``l1_ratio``. Left: the two-feature problem on columns
    ``geometry_features`` alone, its loss contours and the region
    :math:`\rho\lVert w\rVert_1 + \frac{1-\rho}{2}\lVert w\rVert^2 \le t` through
    the solution (a diamond at :math:`\rho = 1`, a disc at 0). Right: all
    coefficients of the full problem, coloured by group.

    Solutions are precomputed for every (λ, l1_ratio) pair the sliders can
    reach: one warm-started path per l1_ratio (the SVD solution at 0).

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
        Inputs (standardised), e.g. from :func:`regviz.data.make_correlated_groups`.
    y : array-like of shape (n_samples,)
        Targets.
    groups : array-like of int of shape (n_features,)
        Group of each feature (``-1``: none), for the colours.
    coef_true : array-like of shape (n_features,) or None, default=None
        True coefficients, drawn as black lines.
    feature_names : sequence of str or None, default=None
        One name per feature.
    geometry_features : (int, int), default=(0, 1)
        The two distinct columns of the left panel (pick two of one group
        to see why the elastic net shares weight between correlated features).
    alpha : float or None, default=None
        Initial λ; :math:`\lambda_{\max}/10` (of the lasso) if None.
    l1_ratio : float, default=0.5
        Initial :math:`\rho` in [0, 1].
    alpha_range : (float, float) or None, default=None
        λ slider range; :math:`(10^{-2}, 2)\,\lambda_{\max}` if None.
    steps_per_decade : int, default=10
        λ slider values per factor of ten, in ``[1, 1000]`` (at most 10,001 values in all).
    l1_ratio_step : float, default=0.05
        Step of the l1_ratio slider, in (0, 0.5], dividing 1 evenly.
    blit : bool, default=True
        Redraw only the moving artists over a cached background; ``False`` redraws the whole figure (slower).

    Returns
    -------
    Explorer
        ``explorer.set(alpha=..., l1_ratio=...)`` moves the sliders.

    """
    X_arr = check_array(X, "X", ndim=2, min_samples=3)
    y_arr = check_array(y, "y", ndim=1, min_samples=3)
    check_same_length(("X", X_arr), ("y", y_arr))
    blit = check_bool(blit, "blit")
    p = X_arr.shape[1]
    g = check_array(groups, "groups", ndim=1, dtype=int)
    if len(g) != p:
        raise ValueError(f"groups must have {p} entries (one per column of X), got {len(g)}")
    i, j = _check_column_pair(geometry_features, p)
    step, ratios = _ratio_grid(l1_ratio_step)
    r0 = check_real(l1_ratio, "l1_ratio", low=0, high=1)
    spd = check_int(steps_per_decade, "steps_per_decade", low=1, high=MAX_STEPS_PER_DECADE)
    a_max = alpha_max(X_arr, y_arr)
    if a_max == 0:
        raise ValueError("y must not be constant")
    grid = _alpha_grid(alpha_range, (1e-2 * a_max, 2 * a_max), spd)
    start = check_real(a_max / 10 if alpha is None else alpha, "alpha", low=float(grid[0]), high=float(grid[-1]))
    names = _check_names(feature_names, p)

    fits = enet_slider(X_arr, y_arr, grid, ratios, features=(i, j))
    full, two, shapes, n_nonzero = fits.coefs, fits.geometry.coefs, fits.geometry.shapes, fits.n_nonzero
    X2, w_ols, limit = X_arr[:, [i, j]], fits.geometry.w_ols, fits.limit
    if coef_true is not None:
        true = check_array(coef_true, "coef_true", ndim=1)
        if len(true) != p:
            raise ValueError(f"coef_true must have {p} entries, got {len(true)}")
        limit = max(limit, 1.12 * float(np.abs(true).max()))

    def index(alpha: float, l1_ratio: float) -> tuple[int, int]:
        return int(np.argmin(np.abs(ratios - l1_ratio))), _snap(alpha, grid)

    a0, k0 = index(start, r0)
    fig, (ax_geo, ax_bars) = new_figure(ncols=2, figsize=(11.0, 4.4))
    plot_constraint_geometry(
        X2, y_arr, two[a0, k0], l1_ratio=float(ratios[a0]), limit=1.3 * float(np.abs(w_ols).max()), ax=ax_geo
    )
    _label_geometry(ax_geo, names[i], names[j])
    plot_group_coefs(full[a0, k0], g, coef_true=coef_true, feature_names=names, ylim=(-limit, limit), ax=ax_bars)
    region, contact, solution = _geometry_artists(ax_geo)
    bars = [a for a in ax_bars.patches if str(a.get_gid()).startswith("bar")]
    zeros = next(c for c in ax_bars.collections if c.get_gid() == "zeros")
    ax_bars.set_title("all coefficients, coloured by group")
    positions = np.arange(p, dtype=float)

    def shape_name(r: float) -> str:
        return "diamond (lasso)" if r == 1 else "disc (ridge)" if r == 0 else "rounded diamond"

    def update(alpha: float, l1_ratio: float) -> None:
        a, k = index(alpha, l1_ratio)
        boundary, ellipse = shapes[a][k]
        region.set_xy(boundary)
        contact.set_data(ellipse[:, 0], ellipse[:, 1])
        solution.set_data([two[a, k, 0]], [two[a, k, 1]])
        for bar, h in zip(bars, full[a, k], strict=True):
            bar.set_height(h)
        zero = full[a, k] == 0
        zeros.set_offsets(np.c_[positions[zero], np.zeros(int(zero.sum()))])

    def caption(alpha: float, l1_ratio: float) -> str:
        a, k = index(alpha, l1_ratio)
        return (
            f"<b>λ = {grid[k]:.3g}, l1_ratio = {ratios[a]:.2f}</b>: {shape_name(float(ratios[a]))}, "
            f"ŵ({names[i]}, {names[j]}) = {_fmt_w(two[a, k])}; {n_nonzero[a, k]} of {p} coefficients non-zero"
        )

    controls = {
        "alpha": log_slider("λ (alpha)", float(grid[0]), float(grid[-1]), float(grid[k0]), steps_per_decade=spd),
        "l1_ratio": float_slider("l1_ratio", 0.0, 1.0, float(ratios[a0]), step=step, readout_format=".2f"),
    }
    moving = [region, contact, solution, *bars, zeros]
    return Explorer(fig, update, controls, caption=caption, animated=moving if blit else None)


def _check_column_pair(geometry_features: Any, p: int) -> tuple[int, int]:
    if not isinstance(geometry_features, tuple | list) or len(geometry_features) != 2:
        raise ValueError(f"geometry_features must be a pair of column indices, got {geometry_features!r}")
    i, j = (check_int(v, "geometry_features", low=0, high=p - 1) for v in geometry_features)
    if i == j:
        raise ValueError(f"geometry_features must name two different columns, got {geometry_features!r}")
    return i, j


def _ratio_grid(l1_ratio_step: Any) -> tuple[float, NDArray[np.float64]]:
    """The l1_ratio slider's step and values, 0 to 1."""
    step = check_real(l1_ratio_step, "l1_ratio_step", low=0, high=0.5, low_open=True)
    n_ratio = round(1 / step)
    if abs(n_ratio * step - 1) > 1e-9:
        raise ValueError(f"l1_ratio_step must divide 1 evenly (e.g. 0.05, 0.1, 0.25), got {l1_ratio_step!r}")
    return step, np.round(np.linspace(0, 1, n_ratio + 1), 12)


def _label_geometry(ax: Any, name_i: str, name_j: str) -> None:
    ax.set_xlabel(rf"$w$ of {name_i}")
    ax.set_ylabel(rf"$w$ of {name_j}")
    ax.legend(loc="lower left", fontsize="x-small", framealpha=0.9, frameon=True)
    ax.set_title(f"{name_i} and {name_j} alone: region through ŵ")
