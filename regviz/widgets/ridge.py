"""The course's centrepiece: a λ slider for ridge regression.

The fitted curve, the coefficient bars and a marker on the validation curve
move together. Everything that does not depend on λ is computed once — the
standardised features, one SVD of the training data, the whole train and
validation curve — so a slider move costs a few small matrix products plus
the redraw of artists that already exist.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np

from .._validation import check_array, check_int, check_real, check_same_length
from ..data import polynomial
from ..plots.ridge import ALPHA_LABEL, plot_coef_bars
from ..plots.validation import plot_polynomial_fit, plot_validation_curve
from ..ridge import MAX_DEGREE, RidgeSVD, polynomial_design
from ._core import (
    MAX_STEPS_PER_DECADE,
    Explorer,
    _check_alpha_range,
    _grid_size,
    log_slider,
    new_figure,
    on_top,
)

__all__ = ["alpha_grid", "ridge_explorer"]


def alpha_grid(low: float, high: float, *, steps_per_decade: int = 10) -> np.ndarray:
    """Return the λ values a log slider from ``low`` to ``high`` can take.

    Parameters
    ----------
    low, high : float
        Ends of the range, ``0 < low < high``.
    steps_per_decade : int, default=10
        Values per factor of ten, in ``[1, MAX_STEPS_PER_DECADE]`` (1000).

    Returns
    -------
    ndarray of shape (n_values,)
        ``10 ** (log10(low) + k / steps_per_decade)``, increasing, ending at ``high``; at most
        ``MAX_GRID_VALUES`` (10,001) values.

    Raises
    ------
    ValueError
        If an end is not a positive finite number, ``low >= high``, ``steps_per_decade`` is out of range, or the
        grid would hold more than ``MAX_GRID_VALUES`` values.

    """
    low = check_real(low, "low", low=0, low_open=True)
    high = check_real(high, "high", low=0, low_open=True)
    if not low < high:
        raise ValueError(f"low must be < high, got low={low!r}, high={high!r}")
    steps_per_decade = check_int(steps_per_decade, "steps_per_decade", low=1, high=MAX_STEPS_PER_DECADE)
    n = _grid_size(low, high, steps_per_decade, "low, high")
    return np.logspace(math.log10(low), math.log10(high), n)


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
    """Slide λ for ridge regression on standardised polynomial features of ``x``.

    The features ``x, x^2, ..., x^degree`` are standardised with the training
    mean and standard deviation (as ``StandardScaler`` would), then ridge is
    fitted with scikit-learn's objective ``||y - X w - b||^2 + λ ||w||^2``
    (intercept not penalised) through one precomputed SVD (:class:`regviz.ridge.RidgeSVD`).

    Three panels move together: the fitted curve over the training points,
    the bars of the ``degree`` coefficients (fixed vertical scale, so they are
    seen to shrink), and the train / validation mean squared error against λ
    with an orange marker at the current λ.

    Parameters
    ----------
    x_train, y_train : array-like of shape (n_train,)
        Training data.
    x_val, y_val : array-like of shape (n_val,)
        Validation data (only its error curve is drawn).
    degree : int, default=12
        Degree of the polynomial features, in ``[1, MAX_DEGREE]`` (100).
    alpha : float, default=1e-4
        Initial λ, inside ``alpha_range``.
    alpha_range : (float, float), default=(1e-6, 1e3)
        Range of the log slider, ``0 < low < high``.
    steps_per_decade : int, default=10
        Slider steps per factor of ten, in ``[1, 1000]``; the validation curve is precomputed at exactly these
        values, at most 10,001 of them over ``alpha_range``.
    coef_true : sequence of float or None, default=None
        Coefficients of the true polynomial (constant first), drawn black
        dotted if given.
    blit : bool, default=True
        Draw the static parts once and redraw only the moving artists on each
        move (``Explorer(animated=...)``). ``False`` redraws the whole figure in
        place on every move: same image, slower (kept for the benchmark).

    Returns
    -------
    Explorer
        Display it; ``explorer.set(alpha=...)`` moves the slider.

    """
    xt = check_array(x_train, "x_train", ndim=1, min_samples=2)
    yt = check_array(y_train, "y_train", ndim=1, min_samples=2)
    xv = check_array(x_val, "x_val", ndim=1)
    yv = check_array(y_val, "y_val", ndim=1)
    check_same_length(("x_train", xt), ("y_train", yt))
    check_same_length(("x_val", xv), ("y_val", yv))
    degree = check_int(degree, "degree", low=1, high=MAX_DEGREE)
    range_low, range_high = _check_alpha_range(alpha_range)
    steps_per_decade = check_int(steps_per_decade, "steps_per_decade", low=1, high=MAX_STEPS_PER_DECADE)
    _grid_size(range_low, range_high, steps_per_decade, "alpha_range")
    grid_alphas = alpha_grid(range_low, range_high, steps_per_decade=steps_per_decade)
    low, high = float(grid_alphas[0]), float(grid_alphas[-1])
    alpha = check_real(alpha, "alpha", low=low, high=high)
    true_coef = None if coef_true is None else check_array(coef_true, "coef_true", ndim=1)
    if not isinstance(blit, bool):
        raise ValueError(f"blit must be True or False, got {blit!r}")

    # --- everything that does not depend on λ, computed once -----------------
    raw = polynomial_design(xt, degree)
    mean, scale = raw.mean(axis=0), raw.std(axis=0)
    if np.any(scale == 0):
        raise ValueError("x_train must hold at least 2 distinct values (a constant feature cannot be standardised)")

    def features(x: np.ndarray) -> np.ndarray:
        return (polynomial_design(x, degree) - mean) / scale

    X_train, X_val = features(xt), features(xv)
    solver = RidgeSVD(X_train, yt)
    path = solver.path(grid_alphas)
    train_mse = np.mean((X_train @ path.coefs.T + path.intercepts - yt[:, None]) ** 2, axis=0)
    val_mse = np.mean((X_val @ path.coefs.T + path.intercepts - yv[:, None]) ** 2, axis=0)
    x_all = np.r_[xt, xv]
    x_plot = np.linspace(x_all.min(), x_all.max(), 200)
    X_plot = features(x_plot)
    coef_limit = 2.0 * float(np.max(np.abs(path.coefs)))
    names = [f"$x^{{{k}}}$" for k in range(1, degree + 1)]

    # --- the figure, drawn once with the plot functions ----------------------
    fig, (ax_fit, ax_bars, ax_val) = new_figure(ncols=3, figsize=(12.0, 3.9))
    start = solver.fit(alpha)
    y_true = None if true_coef is None else polynomial(x_plot, true_coef)
    plot_polynomial_fit(xt, yt, x_plot, start.predict(X_plot), y_true=y_true, label="ridge fit", ax=ax_fit)
    ax_fit.set_ylim(*_padded(np.r_[yt, yv] if y_true is None else np.r_[yt, yv, y_true]))
    plot_coef_bars(start.coef, feature_names=names, ylim=(-coef_limit, coef_limit), symlog=1.0, ax=ax_bars)
    plot_validation_curve(
        grid_alphas, train_mse, val_mse, current=alpha, logx=True, logy=True, xlabel=ALPHA_LABEL, ax=ax_val
    )
    ax_bars.set_xlabel("feature (standardised)")
    fit_line = next(a for a in ax_fit.lines if a.get_gid() == "fit")
    bars = ax_bars.containers[0].patches
    marker = next(a for a in ax_val.lines if a.get_gid() == "marker")
    ax_fit.set_title(f"degree-{degree} polynomial, ridge fit")
    ax_bars.set_title("coefficients (symmetric log scale)")
    ax_val.set_title("error against λ")

    def update(alpha: float) -> None:
        fit = solver.fit(alpha)
        fit_line.set_ydata(X_plot @ fit.coef + fit.intercept)
        for bar, height in zip(bars, fit.coef, strict=True):
            bar.set_height(height)
        marker.set_xdata([alpha, alpha])

    def caption(alpha: float) -> str:
        fit = solver.fit(alpha)
        train = float(np.mean((X_train @ fit.coef + fit.intercept - yt) ** 2))
        val = float(np.mean((X_val @ fit.coef + fit.intercept - yv) ** 2))
        return (
            f"λ = {alpha:.3g} &nbsp;·&nbsp; effective degrees of freedom {float(solver.dof(alpha)[0]):.2f} "
            f"&nbsp;·&nbsp; ‖w‖₂ = {float(np.linalg.norm(fit.coef)):.3g} "
            f"&nbsp;·&nbsp; train MSE {train:.3f} &nbsp;·&nbsp; validation MSE {val:.3f}"
        )

    control = log_slider("λ (alpha)", low, high, alpha, steps_per_decade=steps_per_decade)
    # fixed legend places: "best" would make them jump as the curve moves
    legends = [ax_fit.get_legend(), ax_val.get_legend()]
    legends[0].set_loc("lower right")
    legends[1].set_loc("lower right")
    moving = on_top([fit_line, *bars, marker], legends) if blit else None
    return Explorer(fig, update, {"alpha": control}, caption=caption, animated=moving)
