"""A degree slider: a polynomial fit and its train / validation error move together."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from .._validation import validate_array, validate_int
from ..data import polynomial
from ..plots import plot_polynomial_fit, plot_validation_curve
from ..ridge import polynomial_fits
from ._core import Explorer, new_figure, on_top

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

    Every fit (degrees 0 to ``max_degree``, by :func:`regviz.ridge.polynomial_fits`), its curve and its train
    and validation mean squared errors are computed once; a slider move swaps the curve and moves the orange
    marker on the error curve. The caption gives the errors and the norm of the coefficients in the plain
    basis ``w_1 x + ... + w_d x^d``.

    Parameters
    ----------
    x_train, y_train, x_val, y_val, max_degree
        As in :func:`regviz.ridge.polynomial_fits`.
    degree : int, default=1
        Initial degree, in ``[0, max_degree]``.
    coef_true : sequence of float or None, default=None
        Coefficients of the true polynomial (constant first), drawn black dotted if given.

    Returns
    -------
    Explorer
        Display it; ``explorer.set(degree=...)`` moves the slider.

    """
    fits = polynomial_fits(x_train, y_train, x_val, y_val, max_degree=max_degree)
    degree = validate_int(degree, "degree", low=0, high=int(fits.degrees[-1]))
    names = ("x_train", "y_train", "x_val", "y_val")
    xt, yt, xv, yv = (
        validate_array(a, n, ndim=1) for a, n in zip((x_train, y_train, x_val, y_val), names, strict=True)
    )
    y_true = None if coef_true is None else polynomial(fits.x_plot, coef_true)

    fig, (ax_fit, ax_err) = new_figure(ncols=2, figsize=(10.0, 3.9))
    fit_line = _plot_fit(ax_fit, (xt, yt, xv, yv), fits.x_plot, fits.curves[degree], y_true)
    plot_validation_curve(
        fits.degrees, fits.train_mse, fits.val_mse, current=degree, logy=True, xlabel="polynomial degree", ax=ax_err
    )
    ax_err.set_title("error against degree")
    marker = next(a for a in ax_err.lines if a.get_gid() == "marker")
    ax_err.get_legend().set_loc("upper center")  # a fixed place: "best" would follow the moving curve

    def update(degree: int) -> None:
        fit_line.set_ydata(fits.curves[degree])
        marker.set_xdata([degree, degree])

    def caption(degree: int) -> str:
        return (
            f"degree {degree} &nbsp;·&nbsp; train MSE {fits.train_mse[degree]:.3f} &nbsp;·&nbsp; "
            f"validation MSE {fits.val_mse[degree]:.3f} &nbsp;·&nbsp; ‖w‖₂ = {fits.norms[degree]:.3g}"
        )

    control = _degree_slider(degree, int(fits.degrees[-1]))
    legends = [ax_fit.get_legend(), ax_err.get_legend()]
    return Explorer(fig, update, {"degree": control}, caption=caption, animated=on_top([fit_line, marker], legends))


def _plot_fit(ax: Any, data: tuple[Any, ...], x_plot: Any, curve: Any, y_true: Any) -> Any:
    """The data, the current fit and the truth, on fixed y limits; returns the fit's line, to be moved."""
    xt, yt, xv, yv = data
    plot_polynomial_fit(xt, yt, x_plot, curve, x_val=xv, y_val=yv, y_true=y_true, label="least-squares fit", ax=ax)
    limits = np.r_[yt, yv] if y_true is None else np.r_[yt, yv, y_true]
    pad = 0.08 * float(np.ptp(limits) or 1.0)
    ax.set_ylim(float(limits.min()) - pad, float(limits.max()) + pad)
    ax.set_title("polynomial fit")
    ax.get_legend().set_loc("lower right")  # a fixed place: "best" would follow the moving curve
    return next(a for a in ax.lines if a.get_gid() == "fit")


def _degree_slider(degree: int, max_degree: int) -> Any:
    import ipywidgets as w

    return w.IntSlider(
        value=degree,
        min=0,
        max=max_degree,
        step=1,
        description="degree",
        continuous_update=True,
        style={"description_width": "initial"},
        layout=w.Layout(width="420px"),
    )
