"""A degree slider: a polynomial fit and its train / validation error move together."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from .._validation import check_array, check_int, check_same_length
from ..data import polynomial
from ..plots.validation import plot_polynomial_fit, plot_validation_curve
from ._core import Explorer, new_figure
from .ridge import on_top

__all__ = ["degree_explorer"]


def degree_explorer(
    x_train: Any,
    y_train: Any,
    x_val: Any,
    y_val: Any,
    *,
    max_degree: int = 15,
    degree: int = 1,
    coef_true: Sequence[float] | None = None,
) -> Explorer:
    """Slide the degree of a least-squares polynomial; see the fit and both errors.

    Every fit (degrees 0 to ``max_degree``, by ``numpy.polynomial.Polynomial.fit``,
    which rescales ``x`` to [-1, 1] for a well-conditioned solve), its curve
    and its train and validation mean squared errors are computed once; a
    slider move swaps the curve and moves the orange marker on the error
    curve. The caption gives the errors and the norm of the coefficients in
    the plain basis ``w_1 x + ... + w_d x^d``.

    Parameters
    ----------
    x_train, y_train : array-like of shape (n_train,)
        Training data; ``n_train > max_degree`` (so every fit is determined).
    x_val, y_val : array-like of shape (n_val,)
        Validation data.
    max_degree : int, default=15
        Largest degree on the slider, ``>= 1``.
    degree : int, default=1
        Initial degree, in ``[0, max_degree]``.
    coef_true : sequence of float or None, default=None
        Coefficients of the true polynomial (constant first), drawn black
        dotted if given.

    Returns
    -------
    Explorer
        Display it; ``explorer.set(degree=...)`` moves the slider.

    """
    import ipywidgets as w

    xt = check_array(x_train, "x_train", ndim=1)
    yt = check_array(y_train, "y_train", ndim=1)
    xv = check_array(x_val, "x_val", ndim=1)
    yv = check_array(y_val, "y_val", ndim=1)
    check_same_length(("x_train", xt), ("y_train", yt))
    check_same_length(("x_val", xv), ("y_val", yv))
    max_degree = check_int(max_degree, "max_degree", low=1, high=len(xt) - 1)
    degree = check_int(degree, "degree", low=0, high=max_degree)
    if len(np.unique(xt)) <= max_degree:
        raise ValueError(
            f"x_train must hold more than max_degree={max_degree} distinct values, got {len(np.unique(xt))}"
        )

    # --- every fit, once ------------------------------------------------------
    degrees = np.arange(max_degree + 1)
    x_all = np.r_[xt, xv]
    x_plot = np.linspace(x_all.min(), x_all.max(), 300)
    fits = [np.polynomial.Polynomial.fit(xt, yt, int(d)) for d in degrees]
    curves = np.array([fit(x_plot) for fit in fits])
    train_mse = np.array([np.mean((fit(xt) - yt) ** 2) for fit in fits])
    val_mse = np.array([np.mean((fit(xv) - yv) ** 2) for fit in fits])
    norms = np.array([np.linalg.norm(fit.convert().coef[1:]) for fit in fits])

    fig, (ax_fit, ax_err) = new_figure(ncols=2, figsize=(10.0, 3.9))
    y_true = None if coef_true is None else polynomial(x_plot, coef_true)
    plot_polynomial_fit(
        xt, yt, x_plot, curves[degree], x_val=xv, y_val=yv, y_true=y_true, label="least-squares fit", ax=ax_fit
    )
    limits = np.r_[yt, yv] if y_true is None else np.r_[yt, yv, y_true]
    pad = 0.08 * float(np.ptp(limits) or 1.0)
    ax_fit.set_ylim(float(limits.min()) - pad, float(limits.max()) + pad)
    ax_fit.set_title("polynomial fit")
    plot_validation_curve(degrees, train_mse, val_mse, current=degree, logy=True, xlabel="polynomial degree", ax=ax_err)
    ax_err.set_title("error against degree")
    fit_line = next(a for a in ax_fit.lines if a.get_gid() == "fit")
    marker = next(a for a in ax_err.lines if a.get_gid() == "marker")
    ax_fit.get_legend().set_loc("lower right")  # fixed places: "best" would follow the moving curve
    ax_err.get_legend().set_loc("upper center")

    def update(degree: int) -> None:
        fit_line.set_ydata(curves[degree])
        marker.set_xdata([degree, degree])

    def caption(degree: int) -> str:
        return (
            f"degree {degree} &nbsp;·&nbsp; train MSE {train_mse[degree]:.3f} &nbsp;·&nbsp; "
            f"validation MSE {val_mse[degree]:.3f} &nbsp;·&nbsp; ‖w‖₂ = {norms[degree]:.3g}"
        )

    control = w.IntSlider(
        value=degree,
        min=0,
        max=max_degree,
        step=1,
        description="degree",
        continuous_update=True,
        style={"description_width": "initial"},
        layout=w.Layout(width="420px"),
    )
    return Explorer(
        fig,
        update,
        {"degree": control},
        caption=caption,
        animated=on_top([fit_line, marker], [ax_fit.get_legend(), ax_err.get_legend()]),
    )
