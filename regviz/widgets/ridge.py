"""The course's centrepiece: a λ slider for ridge regression.

The fitted curve, the coefficient bars and a marker on the validation curve
move together. Everything that does not depend on λ is computed once — the
standardised features, one SVD of the training data, the whole train and
validation curve — so a slider move costs a few small matrix products plus
the redraw of artists that already exist.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from .._validation import validate_array, validate_bool, validate_int, validate_real
from ..data import polynomial
from ..plots import plot_coef_bars, plot_polynomial_fit, plot_validation_curve
from ..plots._axes import LAMBDA_LABEL as ALPHA_LABEL
from ..ridge import PolynomialRidge, PolynomialRidgeState, polynomial_ridge
from ._core import (
    MAX_STEPS_PER_DECADE,
    Explorer,
    _grid_size,
    _validate_alpha_range,
    log_grid,
    log_slider,
    new_figure,
    on_top,
)

__all__ = ["ridge_explorer"]


def _padded(values: np.ndarray, fraction: float = 0.08) -> tuple[float, float]:
    lo, hi = float(np.min(values)), float(np.max(values))
    pad = fraction * (hi - lo or 1.0)
    return lo - pad, hi + pad


def ridge_explorer(
    x_train: Any,
    y_train: Any,
    x_val: Any,
    y_val: Any,
    *,
    degree: int = 12,
    alpha: float = 1e-4,
    alpha_range: tuple[float, float] = (1e-6, 1e3),
    steps_per_decade: int = 10,
    coef_true: Sequence[float] | None = None,
    blit: bool = True,
) -> Explorer:
    """Slide λ for ridge on standardised polynomial features of ``x`` (maths: :func:`regviz.ridge.polynomial_ridge`).

    Three panels move together: the fitted curve over the training points, the ``degree`` coefficients (fixed
    scale, so they are seen to shrink), and the train / validation error against λ with a marker at λ.

    Parameters
    ----------
    x_train, y_train, x_val, y_val : array-like of shape (n,)
        Training and validation data (only the validation error curve is drawn).
    degree : int, default=12
        Degree of the polynomial features, in ``[1, MAX_DEGREE]`` (100).
    alpha, alpha_range : float, (float, float), default=1e-4, (1e-6, 1e3)
        Initial λ, inside the range of the log slider, ``0 < low < high``.
    steps_per_decade : int, default=10
        Slider steps per factor of ten, in ``[1, 1000]`` (the errors are precomputed at each; at most 10,001).
    coef_true : sequence of float or None, default=None
        Coefficients of the true polynomial (constant first), drawn black dotted if given.
    blit : bool, default=True
        Redraw only the moving artists (``Explorer(animated=...)``); ``False`` redraws the whole figure.

    Returns
    -------
    Explorer
        Display it; ``explorer.set(alpha=...)`` moves the slider.

    """
    grid_alphas, steps_per_decade = _ridge_grid(alpha_range, steps_per_decade)
    ridge = polynomial_ridge(x_train, y_train, x_val, y_val, degree=degree, alphas=grid_alphas)
    low, high = float(grid_alphas[0]), float(grid_alphas[-1])
    alpha = validate_real(alpha, "alpha", low=low, high=high)
    true_coef = None if coef_true is None else validate_array(coef_true, "coef_true", ndim=1)
    blit = validate_bool(blit, "blit")
    fig, fit_line, bars, marker, legends = _ridge_figure(ridge, alpha, true_coef)

    def update(alpha: float) -> None:
        state = ridge.at(alpha)
        fit_line.set_ydata(state.curve)
        for bar, height in zip(bars, state.coef, strict=True):
            bar.set_height(height)
        marker.set_xdata([alpha, alpha])

    def caption(alpha: float) -> str:
        return _ridge_caption(alpha, ridge.at(alpha))

    control = log_slider("λ (alpha)", low, high, alpha, steps_per_decade=steps_per_decade)
    moving = on_top([fit_line, *bars, marker], legends) if blit else None
    return Explorer(fig, update, {"alpha": control}, caption=caption, animated=moving)


def _ridge_grid(alpha_range: Any, steps_per_decade: Any) -> tuple[np.ndarray, int]:
    """The slider's λ values (exact ends) and its steps per decade, both checked."""
    range_low, range_high = _validate_alpha_range(alpha_range)
    steps_per_decade = validate_int(steps_per_decade, "steps_per_decade", low=1, high=MAX_STEPS_PER_DECADE)
    _grid_size(range_low, range_high, steps_per_decade, "alpha_range")
    return log_grid(range_low, range_high, steps_per_decade=steps_per_decade, exact_end=True), steps_per_decade


def _ridge_caption(alpha: float, state: PolynomialRidgeState) -> str:
    return (
        f"λ = {alpha:.3g} &nbsp;·&nbsp; effective degrees of freedom {state.dof:.2f} "
        f"&nbsp;·&nbsp; ‖w‖₂ = {state.coef_norm:.3g} "
        f"&nbsp;·&nbsp; train MSE {state.train_mse:.3f} &nbsp;·&nbsp; validation MSE {state.val_mse:.3f}"
    )


def _ridge_figure(ridge: PolynomialRidge, alpha: float, true_coef: np.ndarray | None) -> tuple[Any, ...]:
    """The three panels at ``alpha``; returns the figure, the moving artists and the two legends."""
    degree = ridge.X_plot.shape[1]
    fig, (ax_fit, ax_bars, ax_val) = new_figure(ncols=3, figsize=(12.0, 3.9))
    start = ridge.solver.fit(alpha)
    xt, yt, yv = ridge.x_train, ridge.y_train, ridge.y_val
    y_true = None if true_coef is None else polynomial(ridge.x_plot, true_coef)
    plot_polynomial_fit(xt, yt, ridge.x_plot, start.predict(ridge.X_plot), y_true=y_true, label="ridge fit", ax=ax_fit)
    ax_fit.set_ylim(*_padded(np.r_[yt, yv] if y_true is None else np.r_[yt, yv, y_true]))
    names = [f"$x^{{{k}}}$" for k in range(1, degree + 1)]
    limit = ridge.coef_limit
    plot_coef_bars(start.coef, feature_names=names, ylim=(-limit, limit), symlog=1.0, ax=ax_bars)
    plot_validation_curve(
        ridge.alphas, ridge.train_mse, ridge.val_mse, current=alpha, logx=True, logy=True, xlabel=ALPHA_LABEL, ax=ax_val
    )
    ax_bars.set_xlabel("feature (standardised)")
    fit_line = next(a for a in ax_fit.lines if a.get_gid() == "fit")
    bars = ax_bars.containers[0].patches
    marker = next(a for a in ax_val.lines if a.get_gid() == "marker")
    ax_fit.set_title(f"degree-{degree} polynomial, ridge fit")
    ax_bars.set_title("coefficients (symmetric log scale)")
    ax_val.set_title("error against λ")
    # fixed legend places: "best" would make them jump as the curve moves
    legends = [ax_fit.get_legend(), ax_val.get_legend()]
    legends[0].set_loc("lower right")
    legends[1].set_loc("lower right")
    return fig, fit_line, bars, marker, legends
