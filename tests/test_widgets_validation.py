"""Tests of regviz.widgets.validation: the degree explorer of notebook 04."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")


import numpy as np
import pytest

from regviz import widgets

TRUE_COEF = (0.5, 1.0, -3.0, 1.5)


def test_degree_explorer_moves_fit_and_marker(split: tuple[np.ndarray, ...]) -> None:
    x_train, y_train, x_val, y_val = split
    explorer = widgets.degree_explorer(x_train, y_train, x_val, y_val, max_degree=12, degree=1, coef_true=TRUE_COEF)
    ax_fit, ax_err = explorer.figure.axes
    assert ax_err.get_yscale() == "log" and ax_err.get_xlabel() == "polynomial degree"
    before = explorer.image.value
    explorer.set(degree=3)
    assert explorer.image.value != before and explorer.n_renders == 2
    fit_line = next(a for a in ax_fit.lines if a.get_gid() == "fit")
    x_plot = np.asarray(fit_line.get_xdata())
    coef = np.polynomial.polynomial.polyfit(x_train, y_train, 3)
    np.testing.assert_allclose(fit_line.get_ydata(), np.polynomial.polynomial.polyval(x_plot, coef), atol=1e-8)
    marker = next(a for a in ax_err.lines if a.get_gid() == "marker")
    assert list(marker.get_xdata()) == [3, 3]
    val_mse = np.mean((np.polynomial.polynomial.polyval(x_val, coef) - y_val) ** 2)
    assert f"validation MSE {val_mse:.3f}" in explorer.label.value and "degree 3" in explorer.label.value


def test_degree_explorer_rejects_bad_arguments(split: tuple[np.ndarray, ...]) -> None:
    x_train, y_train, x_val, y_val = split
    with pytest.raises(ValueError, match=r"max_degree must be an integer in \[1, 29\]"):
        widgets.degree_explorer(x_train, y_train, x_val, y_val, max_degree=30)
    with pytest.raises(ValueError, match=r"degree must be an integer in \[0, 5\]"):
        widgets.degree_explorer(x_train, y_train, x_val, y_val, max_degree=5, degree=6)
    with pytest.raises(ValueError, match="same number of samples"):
        widgets.degree_explorer(x_train, y_train, x_val[:-1], y_val)
    with pytest.raises(ValueError, match="distinct values"):
        widgets.degree_explorer(np.r_[x_train[:3], x_train[:3]], y_train[:6], x_val, y_val, max_degree=4)
