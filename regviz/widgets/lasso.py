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
from dataclasses import dataclass
from typing import Any, NamedTuple

import numpy as np
from numpy.typing import NDArray

from .._validation import (
    validate_array,
    validate_bool,
    validate_choice,
    validate_int,
    validate_real,
    validate_same_length,
    validate_train_val,
)
from ..lasso import ConstraintFits, EnetSlider, LassoSlider, alpha_max, constraint_fits, enet_slider, lasso_slider
from ..plots import (
    plot_coef_bars,
    plot_coef_path,
    plot_constraint_geometry,
    plot_validation_curve,
)
from ..plots._axes import LAMBDA_LABEL, LEGEND_LOCATIONS
from ._core import (
    MAX_STEPS_PER_DECADE,
    Explorer,
    _grid_size,
    _validate_alpha_range,
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
    spd = validate_int(steps_per_decade, "steps_per_decade", low=1, high=MAX_STEPS_PER_DECADE)
    if alpha_range is None:
        return log_grid(*default, steps_per_decade=spd, exact_end=False)
    low, high = _validate_alpha_range(alpha_range)
    _grid_size(low, high, spd, "alpha_range")
    return log_grid(low, high, steps_per_decade=spd, exact_end=False)


class _LambdaDefaults(NamedTuple):
    """An explorer's λ slider when the caller leaves it open: range ``ends`` times λ_max, first λ_max / divisor.

    ``constant``, if given, is the error raised when λ_max is 0 (``y`` constant).
    """

    ends: tuple[float, float]
    divisor: float
    constant: str | None = None


_LASSO_DEFAULTS = _LambdaDefaults(
    (1e-3, 1.5), 10, "y_train must not be constant: every lasso coefficient would be 0 for all λ"
)
_GEOMETRY_DEFAULTS = _LambdaDefaults((1e-2, 1.2), 3)
_ENET_DEFAULTS = _LambdaDefaults((1e-2, 2), 10, "y must not be constant")


@dataclass(frozen=True)
class _LambdaSlider:
    """A λ slider's grid (the values it can take, where the fits are precomputed), its steps, its first index."""

    grid: NDArray[np.float64]
    steps_per_decade: int
    start: int

    @classmethod
    def checked(
        cls,
        X: NDArray[np.float64],
        y: NDArray[np.float64],
        alpha: Any,
        alpha_range: Any,
        steps_per_decade: Any,
        defaults: _LambdaDefaults,
    ) -> _LambdaSlider:
        """The grid from ``alpha_range`` and ``steps_per_decade``, its index nearest ``alpha`` (see ``defaults``)."""
        spd = validate_int(steps_per_decade, "steps_per_decade", low=1, high=MAX_STEPS_PER_DECADE)
        a_max = alpha_max(X, y)
        if defaults.constant is not None and a_max == 0:
            raise ValueError(defaults.constant)
        low, high = defaults.ends
        grid = _alpha_grid(alpha_range, (low * a_max, high * a_max), spd)
        first = a_max / defaults.divisor if alpha is None else alpha
        start = validate_real(first, "alpha", low=float(grid[0]), high=float(grid[-1]))
        return cls(grid, spd, _snap(start, grid))

    def index(self, alpha: float) -> int:
        """Index of the grid value the slider's ``alpha`` stands for."""
        return _snap(alpha, self.grid)

    def control(self) -> Any:
        """The log slider, at the first value."""
        low, high, start = float(self.grid[0]), float(self.grid[-1]), float(self.grid[self.start])
        return log_slider("λ (alpha)", low, high, start, steps_per_decade=self.steps_per_decade)


def _validate_names(feature_names: Sequence[str] | None, p: int) -> list[str]:
    names = list(feature_names) if feature_names is not None else [f"x{j}" for j in range(p)]
    if len(names) != p:
        raise ValueError(f"feature_names must have {p} entries, got {len(names)}")
    return names


def _validate_xy(X: Any, y: Any) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    X_arr = validate_array(X, "X", ndim=2, min_samples=3)
    y_arr = validate_array(y, "y", ndim=1, min_samples=3)
    validate_same_length(("X", X_arr), ("y", y_arr))
    return X_arr, y_arr


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

    The lasso minimises scikit-learn's :math:`\frac{1}{2n}\lVert y - Xw - b\rVert^2 + \lambda\lVert w\rVert_1`.
    Three panels: (1) the lasso's coefficients beside those of the ridge fit with the *same training error* (exact
    zeros marked ×: the lasso's appear one by one, ridge's never); (2) the lasso path with an orange marker at λ;
    (3) training and validation MSE against λ with the same marker. The fits come from
    :func:`regviz.lasso.lasso_slider`, at exactly the slider's values.

    Parameters
    ----------
    X_train, y_train, X_val, y_val : array-like of shape (n, n_features), (n,)
        Training and validation data; standardised features, the validation set scaled like the training set.
    feature_names : sequence of str or None, default=None
        One name per feature.
    alpha, alpha_range : float or None, (float, float) or None, default=None, None
        Initial λ (snapped to the slider's grid; :math:`\lambda_{\max}/10` if None) and the slider's range,
        ``0 < low < high`` (:math:`(10^{-3}, 1.5)\,\lambda_{\max}` if None).
    steps_per_decade : int, default=20
        Slider values per factor of ten, in ``[1, 1000]`` (the path is precomputed at each; at most 10,001).
    legend_loc : str, default="best"
        Legend position of the coefficient panel (placed once: pick a corner the bars leave free).
    blit : bool, default=True
        Redraw only the moving artists over a cached background; ``False`` redraws the whole figure (slower).

    Returns
    -------
    Explorer
        Display it; ``explorer.set(alpha=...)`` moves the slider.

    """
    Xt, yt, Xv, yv = validate_train_val(X_train, y_train, X_val, y_val, min_samples=2)
    blit = validate_bool(blit, "blit")
    validate_choice(legend_loc, "legend_loc", LEGEND_LOCATIONS)
    names = _validate_names(feature_names, Xt.shape[1])
    slider = _LambdaSlider.checked(Xt, yt, alpha, alpha_range, steps_per_decade, _LASSO_DEFAULTS)
    fits = lasso_slider(Xt, yt, Xv, yv, slider.grid)
    view = _LassoFigure(fits, names, slider.start, legend_loc)

    def update(alpha: float) -> None:
        view.show(slider.index(alpha))

    def caption(alpha: float) -> str:
        return _lasso_caption(fits, slider.index(alpha))

    moving = view.moving if blit else None
    return Explorer(view.fig, update, {"alpha": slider.control()}, caption=caption, animated=moving)


class _LassoFigure:
    """Bars (lasso beside ridge), path and errors, drawn at grid index ``k0`` and moved to any other."""

    def __init__(self, fits: LassoSlider, names: list[str], k0: int, legend_loc: str) -> None:
        self.fits = fits
        self.fig, self.lasso_bars, self.ridge_bars, self.zeros, self.ridge_zeros, self.markers = _lasso_figure(
            fits, names, k0, legend_loc
        )
        self.offset = self.lasso_bars[0].get_x() + self.lasso_bars[0].get_width() / 2
        self.positions = np.arange(fits.coefs.shape[1], dtype=float)
        self.moving = [*self.lasso_bars, *self.ridge_bars, self.zeros, self.ridge_zeros, *self.markers]

    def show(self, k: int) -> None:
        """Move every artist to the fits at grid index ``k``."""
        coefs, grid = self.fits.coefs, self.fits.alphas
        for bar, h in zip(self.lasso_bars, coefs[k], strict=True):
            bar.set_height(h)
        for bar, h in zip(self.ridge_bars, self.fits.ridge_coefs[k], strict=True):
            bar.set_height(h)
        zero = coefs[k] == 0
        self.zeros.set_offsets(np.c_[self.positions[zero] + self.offset, np.zeros(int(zero.sum()))])
        self.ridge_zeros.set_offsets(np.empty((0, 2)))
        for marker in self.markers:
            marker.set_xdata([grid[k], grid[k]])


def _lasso_caption(fits: LassoSlider, k: int) -> str:
    p, n_zero = fits.coefs.shape[1], fits.n_zero
    return (
        f"<b>λ = {fits.alphas[k]:.3g}</b>: {n_zero[k]} of {p} lasso coefficients exactly 0, "
        f"lasso keeps {p - n_zero[k]} features (ridge with the same training MSE keeps all {p}); "
        f"validation MSE {fits.val_mse[k]:.4g}"
    )


def _lasso_figure(fits: LassoSlider, names: list[str], k0: int, legend_loc: str) -> tuple[Any, ...]:
    """Bars (lasso beside ridge), path and errors at grid index ``k0``; the figure and its moving artists."""
    grid = fits.alphas
    fig, (ax_bars, ax_path, ax_err) = new_figure(ncols=3, figsize=(12.0, 3.9))
    ridge_label = "ridge, same training MSE"
    plot_coef_bars(
        {"lasso": fits.coefs[k0], ridge_label: fits.ridge_coefs[k0]},
        feature_names=names,
        legend_loc=legend_loc,
        ax=ax_bars,
    )
    ax_bars.set_ylim(-fits.limit, fits.limit)
    plot_coef_path(grid, fits.coefs, feature_names=names, current=float(grid[k0]), label_lines=True, ax=ax_path)
    plot_validation_curve(
        grid,
        fits.train_mse,
        fits.val_mse,
        current=float(grid[k0]),
        xlabel=LAMBDA_LABEL,
        logx=True,
        value_ticks=False,
        mark_best=True,
        marker_zorder=4,
        train_label="training",
        ax=ax_err,
    )
    ax_path.set_title("lasso path: features enter from the right")
    ax_err.set_title("training and validation error")
    lasso_bars = [a for a in ax_bars.patches if a.get_gid() == "bars:lasso"]
    ridge_bars = [a for a in ax_bars.patches if a.get_gid() == f"bars:{ridge_label}"]
    zeros = next(c for c in ax_bars.collections if c.get_gid() == "zeros:lasso")
    ridge_zeros = next(c for c in ax_bars.collections if c.get_gid() == f"zeros:{ridge_label}")
    markers = [next(a for a in ax.lines if a.get_gid() == "marker") for ax in (ax_path, ax_err)]
    ax_bars.set_title("lasso against ridge at the same training error")
    return fig, lasso_bars, ridge_bars, zeros, ridge_zeros, markers


# --------------------------------------------------------------------------- geometry, L1 against L2


def _geometry_artists(ax: Any) -> tuple[Any, Any, Any]:
    region = next(a for a in ax.patches if a.get_gid() == "region")
    contact = next(a for a in ax.lines if a.get_gid() == "contact")
    solution = next(a for a in ax.lines if a.get_gid() == "solution")
    return region, contact, solution


def _show_region(artists: tuple[Any, Any, Any], geometry: ConstraintFits, a: int, k: int) -> None:
    """Move a geometry panel's region, contact contour and solution to the fit at ``(l1_ratios[a], alphas[k])``."""
    region, contact, solution = artists
    boundary, ellipse = geometry.shapes[a][k]
    region.set_xy(boundary)
    contact.set_data(ellipse[:, 0], ellipse[:, 1])
    solution.set_data([geometry.coefs[a][k][0]], [geometry.coefs[a][k][1]])


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
    X_arr, y_arr = _validate_xy(X, y)
    if X_arr.shape[1] != 2:
        raise ValueError(f"X must have exactly 2 columns (features), got {X_arr.shape[1]}")
    blit = validate_bool(blit, "blit")
    slider = _LambdaSlider.checked(X_arr, y_arr, alpha, alpha_range, steps_per_decade, _GEOMETRY_DEFAULTS)
    geometry = constraint_fits(X_arr, y_arr, slider.grid, [1.0, 0.0])
    fig, panels = _geometry_figure(X_arr, y_arr, geometry, slider.start)

    def update(alpha: float) -> None:
        for a, artists in enumerate(panels):
            _show_region(artists, geometry, a, slider.index(alpha))

    def caption(alpha: float) -> str:
        k = slider.index(alpha)
        w_l1, w_l2 = geometry.coefs[0][k], geometry.coefs[1][k]
        zero = " — a coefficient exactly 0" if np.any(w_l1 == 0) else ""
        return f"<b>λ = {slider.grid[k]:.3g}</b>: lasso ŵ = {_fmt_w(w_l1)}{zero}; ridge ŵ = {_fmt_w(w_l2)}"

    moving = [a for artists in panels for a in artists]
    return Explorer(fig, update, {"alpha": slider.control()}, caption=caption, animated=moving if blit else None)


def _geometry_figure(X: Any, y: Any, geometry: ConstraintFits, k0: int) -> tuple[Any, list[tuple[Any, Any, Any]]]:
    """The lasso (left) and ridge (right) panels at grid index ``k0``; the figure and each panel's moving artists."""
    fig, axes = new_figure(ncols=2, figsize=(9.6, 4.6))
    panels = []
    for a, (ax, r) in enumerate(zip(axes, (1.0, 0.0), strict=True)):
        plot_constraint_geometry(X, y, geometry.coefs[a][k0], l1_ratio=r, limit=geometry.limit, ax=ax)
        panels.append(_geometry_artists(ax))
        ax.set_title("lasso: the L1 diamond" if r == 1.0 else "ridge: the L2 disc")
    axes[0].legend(loc="lower left", fontsize="x-small", framealpha=0.9, frameon=True)
    return fig, panels


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

    The elastic net minimises scikit-learn's :math:`\frac{1}{2n}\lVert y - Xw - b\rVert^2 +
    \lambda\rho\lVert w\rVert_1 + \frac{\lambda(1-\rho)}{2}\lVert w\rVert_2^2` with :math:`\rho` = ``l1_ratio``.
    Left: the problem on the two columns ``geometry_features`` alone, its loss contours and the region
    :math:`\rho\lVert w\rVert_1 + \frac{1-\rho}{2}\lVert w\rVert^2 \le t` through the solution (a diamond at
    :math:`\rho = 1`, a disc at 0). Right: all coefficients, coloured by group. Every (λ, l1_ratio) the sliders
    reach is precomputed by :func:`regviz.lasso.enet_slider`.

    Parameters
    ----------
    X, y : array-like of shape (n_samples, n_features), (n_samples,)
        Inputs (standardised, e.g. from :func:`regviz.data.make_correlated_groups`) and targets.
    groups, coef_true : array-like of shape (n_features,), default for coef_true=None
        Group of each feature (int, ``-1``: none) for the colours; true coefficients, drawn as black lines.
    feature_names, geometry_features : sequence of str or None, (int, int), default=None, (0, 1)
        One name per feature; the two distinct columns of the left panel (two of one group: weight is shared).
    alpha, l1_ratio, blit : float or None, float, bool, default=None, 0.5, True
        Initial λ (:math:`\lambda_{\max}/10` of the lasso if None) and :math:`\rho`, in ``[0, 1]``; ``blit``:
        redraw only the moving artists over a cached background (``False``: the whole figure, slower).
    alpha_range, steps_per_decade, l1_ratio_step : (float, float) or None, int, float, default=None, 10, 0.05
        λ slider range (:math:`(10^{-2}, 2)\,\lambda_{\max}` if None) and values per factor of ten, in
        ``[1, 1000]`` (at most 10,001); step of the l1_ratio slider, in (0, 0.5], dividing 1 evenly.

    Returns
    -------
    Explorer
        ``explorer.set(alpha=..., l1_ratio=...)`` moves the sliders.

    """
    X_arr, y_arr, g = _validate_grouped(X, y, groups)
    blit = validate_bool(blit, "blit")
    i, j = _validate_column_pair(geometry_features, X_arr.shape[1])
    sliders = _EnetSliders.checked(X_arr, y_arr, alpha, l1_ratio, alpha_range, steps_per_decade, l1_ratio_step)
    names = _validate_names(feature_names, X_arr.shape[1])
    fits = enet_slider(X_arr, y_arr, sliders.alpha.grid, sliders.ratios, features=(i, j))
    view = _EnetFigure(X_arr[:, [i, j]], y_arr, fits, g, coef_true, names, (i, j), sliders.start)

    def update(alpha: float, l1_ratio: float) -> None:
        view.show(*sliders.index(alpha, l1_ratio))

    def caption(alpha: float, l1_ratio: float) -> str:
        return view.caption(sliders.alpha.grid, sliders.ratios, *sliders.index(alpha, l1_ratio))

    return Explorer(view.fig, update, sliders.controls(), caption=caption, animated=view.moving if blit else None)


@dataclass(frozen=True)
class _EnetSliders:
    """The elastic-net explorer's λ slider and l1_ratio slider (its step and values, 0 to 1, and first index)."""

    alpha: _LambdaSlider
    step: float
    ratios: NDArray[np.float64]
    ratio_start: int

    @classmethod
    def checked(
        cls, X: Any, y: Any, alpha: Any, l1_ratio: Any, alpha_range: Any, steps_per_decade: Any, l1_ratio_step: Any
    ) -> _EnetSliders:
        """Check :func:`enet_explorer`'s arguments of these names."""
        step, ratios = _ratio_grid(l1_ratio_step)
        r0 = validate_real(l1_ratio, "l1_ratio", low=0, high=1)
        lam = _LambdaSlider.checked(X, y, alpha, alpha_range, steps_per_decade, _ENET_DEFAULTS)
        return cls(lam, step, ratios, int(np.argmin(np.abs(ratios - r0))))

    @property
    def start(self) -> tuple[int, int]:
        """The first ``(ratio index, λ index)``."""
        return self.ratio_start, self.alpha.start

    def index(self, alpha: float, l1_ratio: float) -> tuple[int, int]:
        """``(ratio index, λ index)`` of the sliders' values."""
        return int(np.argmin(np.abs(self.ratios - l1_ratio))), self.alpha.index(alpha)

    def controls(self) -> dict[str, Any]:
        """The two sliders, at their first values."""
        r0 = float(self.ratios[self.ratio_start])
        return {
            "alpha": self.alpha.control(),
            "l1_ratio": float_slider("l1_ratio", 0.0, 1.0, r0, step=self.step, readout_format=".2f"),
        }


class _EnetFigure:
    """The two-feature geometry (left) and every coefficient by group (right), moved to any grid index."""

    def __init__(
        self,
        X2: NDArray[np.float64],
        y: NDArray[np.float64],
        fits: EnetSlider,
        groups: NDArray[np.int64],
        coef_true: Any,
        names: list[str],
        features: tuple[int, int],
        start: tuple[int, int],
    ) -> None:
        p = fits.coefs.shape[2]
        limit = fits.limit
        if coef_true is not None:
            true = validate_array(coef_true, "coef_true", ndim=1)
            if len(true) != p:
                raise ValueError(f"coef_true must have {p} entries, got {len(true)}")
            limit = max(limit, 1.12 * float(np.abs(true).max()))
        self.fits, self.names, self.features = fits, names, features
        a0, k0 = start
        geometry = fits.geometry
        self.fig, (ax_geo, ax_bars) = new_figure(ncols=2, figsize=(11.0, 4.4))
        r0 = float(geometry.l1_ratios[a0])
        plot_constraint_geometry(X2, y, geometry.coefs[a0, k0], l1_ratio=r0, limit=geometry.limit, ax=ax_geo)
        _label_geometry(ax_geo, names[features[0]], names[features[1]])
        plot_coef_bars(
            fits.coefs[a0, k0],
            groups=groups,
            coef_true=coef_true,
            feature_names=names,
            ylim=(-limit, limit),
            ax=ax_bars,
        )
        self.region = _geometry_artists(ax_geo)
        self.bars = [a for a in ax_bars.patches if str(a.get_gid()).startswith("bar")]
        self.zeros = next(c for c in ax_bars.collections if c.get_gid() == "zeros")
        ax_bars.set_title("all coefficients, coloured by group")
        self.positions = np.arange(p, dtype=float)
        self.moving = [*self.region, *self.bars, self.zeros]

    def show(self, a: int, k: int) -> None:
        """Move the region, the contour, the solution and the bars to the fits at ``(l1_ratios[a], alphas[k])``."""
        _show_region(self.region, self.fits.geometry, a, k)
        full = self.fits.coefs
        for bar, h in zip(self.bars, full[a, k], strict=True):
            bar.set_height(h)
        zero = full[a, k] == 0
        self.zeros.set_offsets(np.c_[self.positions[zero], np.zeros(int(zero.sum()))])

    def caption(self, grid: NDArray[np.float64], ratios: NDArray[np.float64], a: int, k: int) -> str:
        """The caption line at ``(ratios[a], grid[k])``."""
        r = float(ratios[a])
        shape = "diamond (lasso)" if r == 1 else "disc (ridge)" if r == 0 else "rounded diamond"
        name_i, name_j = (self.names[f] for f in self.features)
        p, two = self.fits.coefs.shape[2], self.fits.geometry.coefs
        return (
            f"<b>λ = {grid[k]:.3g}, l1_ratio = {ratios[a]:.2f}</b>: {shape}, "
            f"ŵ({name_i}, {name_j}) = {_fmt_w(two[a, k])}; {self.fits.n_nonzero[a, k]} of {p} coefficients non-zero"
        )


def _validate_grouped(
    X: Any, y: Any, groups: Any
) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.int64]]:
    """``X``, ``y`` and the group of each column of ``X``, checked."""
    X_arr, y_arr = _validate_xy(X, y)
    g = validate_array(groups, "groups", ndim=1, dtype=int)
    if len(g) != X_arr.shape[1]:
        raise ValueError(f"groups must have {X_arr.shape[1]} entries (one per column of X), got {len(g)}")
    return X_arr, y_arr, g


def _validate_column_pair(geometry_features: Any, p: int) -> tuple[int, int]:
    if not isinstance(geometry_features, tuple | list) or len(geometry_features) != 2:
        raise ValueError(f"geometry_features must be a pair of column indices, got {geometry_features!r}")
    i, j = (validate_int(v, "geometry_features", low=0, high=p - 1) for v in geometry_features)
    if i == j:
        raise ValueError(f"geometry_features must name two different columns, got {geometry_features!r}")
    return i, j


def _ratio_grid(l1_ratio_step: Any) -> tuple[float, NDArray[np.float64]]:
    """The l1_ratio slider's step and values, 0 to 1."""
    step = validate_real(l1_ratio_step, "l1_ratio_step", low=0, high=0.5, low_open=True)
    n_ratio = round(1 / step)
    if abs(n_ratio * step - 1) > 1e-9:
        raise ValueError(f"l1_ratio_step must divide 1 evenly (e.g. 0.05, 0.1, 0.25), got {l1_ratio_step!r}")
    return step, np.round(np.linspace(0, 1, n_ratio + 1), 12)


def _label_geometry(ax: Any, name_i: str, name_j: str) -> None:
    ax.set_xlabel(rf"$w$ of {name_i}")
    ax.set_ylabel(rf"$w$ of {name_j}")
    ax.legend(loc="lower left", fontsize="x-small", framealpha=0.9, frameon=True)
    ax.set_title(f"{name_i} and {name_j} alone: region through ŵ")
