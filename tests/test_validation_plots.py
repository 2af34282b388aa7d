"""Tests of the model-selection plots, the degree slider and the notebook-04 self-checks."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

from typing import Any

import numpy as np
import pytest
from sklearn.linear_model import LinearRegression
from sklearn.model_selection import KFold, LeaveOneOut, cross_val_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import PolynomialFeatures

from regviz import checks, widgets
from regviz.data import make_noisy_polynomial

TRUE_COEF = (0.5, 1.0, -3.0, 1.5)


@pytest.fixture(scope="module")
def split() -> tuple[np.ndarray, ...]:
    x_train, y_train = make_noisy_polynomial(30, seed=0)
    x_val, y_val = make_noisy_polynomial(20, seed=1)
    return x_train, y_train, x_val, y_val


# --------------------------------------------------------------------------- the degree slider


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


# --------------------------------------------------------------------------- checks of notebook 04


def _stub(*_args: Any) -> Any:
    raise NotImplementedError


def test_check_fold_ids() -> None:
    def right(n: int, k: int) -> Any:
        return np.concatenate([np.full(len(chunk), i) for i, chunk in enumerate(np.array_split(np.arange(n), k))])

    def round_robin(n: int, k: int) -> Any:
        return np.arange(n) % k

    def remainder_last(n: int, k: int) -> Any:
        return np.minimum(np.arange(n) // (n // k), k - 1)

    def proportional(n: int, k: int) -> Any:
        return np.arange(n) * k // n

    assert checks.check_fold_ids(right, quiet=True).passed
    for wrong in (round_robin, remainder_last, proportional):
        assert checks.check_fold_ids(wrong, quiet=True).status == "failed"
    assert checks.check_fold_ids(_stub, quiet=True).status == "not implemented"


def test_check_loo_mse() -> None:
    def sklearn_loo(x: Any, y: Any, degree: int) -> float:
        model = make_pipeline(PolynomialFeatures(degree), LinearRegression())
        return float(-cross_val_score(model, x[:, None], y, cv=LeaveOneOut(), scoring="neg_mean_squared_error").mean())

    def training_error(x: Any, y: Any, degree: int) -> float:
        coef = np.polynomial.polynomial.polyfit(x, y, degree)
        return float(np.mean((np.polynomial.polynomial.polyval(x, coef) - y) ** 2))

    def five_fold(x: Any, y: Any, degree: int) -> float:
        model = make_pipeline(PolynomialFeatures(degree), LinearRegression())
        return float(-cross_val_score(model, x[:, None], y, cv=KFold(2), scoring="neg_mean_squared_error").mean())

    def one_degree_less(x: Any, y: Any, degree: int) -> float:
        return sklearn_loo(x, y, max(degree - 1, 0)) if degree > 0 else sklearn_loo(x, y, 1)

    assert checks.check_loo_mse(sklearn_loo, quiet=True).passed
    for wrong in (training_error, five_fold, one_degree_less):
        assert checks.check_loo_mse(wrong, quiet=True).status == "failed"
    assert checks.check_loo_mse(_stub, quiet=True).status == "not implemented"


def test_polynomial_fits_are_least_squares_of_every_degree(split: tuple[np.ndarray, ...]) -> None:
    from regviz.ridge import polynomial_fits

    x_train, y_train, x_val, y_val = split
    fits = polynomial_fits(x_train, y_train, x_val, y_val, max_degree=6)
    assert list(fits.degrees) == list(range(7)) and fits.curves.shape == (7, 300)
    coef = np.polynomial.polynomial.polyfit(x_train, y_train, 4)
    np.testing.assert_allclose(fits.curves[4], np.polynomial.polynomial.polyval(fits.x_plot, coef), atol=1e-8)
    train_mse = np.mean((np.polynomial.polynomial.polyval(x_train, coef) - y_train) ** 2)
    assert fits.train_mse[4] == pytest.approx(train_mse) and fits.norms[4] == pytest.approx(np.linalg.norm(coef[1:]))
    assert np.all(np.diff(fits.train_mse) <= 1e-12)  # nested models: the training error never grows with degree
