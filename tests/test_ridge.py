"""Tests of regviz.ridge: closed form, SVD path, shrinkage, degrees of freedom, the explorers' precomputations."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

from typing import Any

import matplotlib.pyplot as plt
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.linear_model import ElasticNet, Ridge
from sklearn.model_selection import LeaveOneOut, cross_val_predict
from sklearn.preprocessing import PolynomialFeatures

from regviz.data import load_diabetes, make_noisy_polynomial
from regviz.ridge import (
    RidgeSVD,
    effective_dof,
    polynomial_design,
    ridge_fit,
    ridge_path,
)
from regviz.widgets import log_grid

BAD_ALPHAS = st.one_of(
    st.floats(max_value=-1e-12, allow_nan=False, allow_infinity=False),
    st.sampled_from([float("nan"), float("inf"), -float("inf"), "1.0", None, True]),
)


@pytest.fixture(autouse=True)
def _close_figures() -> Any:
    yield
    plt.close("all")


@pytest.fixture(scope="module")
def diabetes() -> tuple[np.ndarray, np.ndarray]:
    data = load_diabetes()
    return data.X, data.y


@pytest.fixture(scope="module")
def poly_data() -> tuple[np.ndarray, ...]:
    x_train, y_train = make_noisy_polynomial(20, seed=10)
    x_val, y_val = make_noisy_polynomial(60, seed=1)
    return x_train, y_train, x_val, y_val


# --------------------------------------------------------------------------- solvers


@pytest.mark.parametrize("alpha", [0.0, 1e-3, 0.1, 1.0, 100.0])
@pytest.mark.parametrize("fit_intercept", [True, False])
def test_ridge_fit_matches_sklearn(diabetes: tuple[np.ndarray, np.ndarray], alpha: float, fit_intercept: bool) -> None:
    X, y = diabetes
    ours = ridge_fit(X, y, alpha, fit_intercept=fit_intercept)
    sk = Ridge(alpha=alpha, fit_intercept=fit_intercept).fit(X, y)
    np.testing.assert_allclose(ours.coef, sk.coef_, rtol=1e-8, atol=1e-8)
    assert ours.intercept == pytest.approx(float(sk.intercept_), abs=1e-8)
    assert ours.alpha == alpha
    np.testing.assert_allclose(ours.predict(X), sk.predict(X), atol=1e-8)


def test_ridge_objective_has_no_mean_and_an_unpenalised_intercept(diabetes: tuple[np.ndarray, np.ndarray]) -> None:
    X, y = diabetes
    n = len(y)
    # scikit-learn's ElasticNet has a 1/(2n) data term: l1_ratio=0 equals Ridge with alpha times n
    enet = ElasticNet(alpha=0.01, l1_ratio=0.0, tol=1e-12, max_iter=100_000).fit(X, y)
    np.testing.assert_allclose(ridge_fit(X, y, n * 0.01).coef, enet.coef_, atol=1e-6)
    # the plain sum: the data twice is ridge with half the alpha
    twice = ridge_fit(np.vstack([X, X]), np.r_[y, y], 2.0)
    np.testing.assert_allclose(twice.coef, ridge_fit(X, y, 1.0).coef, atol=1e-9)
    # shifting y shifts only the intercept
    shifted = ridge_fit(X + 3.0, y + 100.0, 1.0)
    np.testing.assert_allclose(shifted.coef, ridge_fit(X, y, 1.0).coef, atol=1e-9)
    np.testing.assert_allclose(shifted.predict(X + 3.0), ridge_fit(X, y, 1.0).predict(X) + 100.0, atol=1e-8)


def test_ridge_fit_alpha_zero_is_minimum_norm_least_squares() -> None:
    rng = np.random.default_rng(0)
    X = rng.normal(size=(6, 10))  # more features than samples: least squares is not unique
    y = rng.normal(size=6)
    fit = ridge_fit(X, y, 0.0)
    Xc, yc = X - X.mean(axis=0), y - y.mean()
    np.testing.assert_allclose(fit.coef, np.linalg.pinv(Xc) @ yc, atol=1e-10)
    np.testing.assert_allclose(RidgeSVD(X, y).coef(0.0), fit.coef, atol=1e-10)
    # and the limit alpha -> 0 of ridge
    np.testing.assert_allclose(ridge_fit(X, y, 1e-9).coef, fit.coef, atol=1e-6)


def test_ridge_svd_path_equals_closed_form(diabetes: tuple[np.ndarray, np.ndarray]) -> None:
    X, y = diabetes
    alphas = np.array([100.0, 0.0, 0.5, 1e-3, 10.0])  # any order
    path = ridge_path(X, y, alphas)
    assert path.coefs.shape == (5, 10) and path.intercepts.shape == (5,) and path.dof.shape == (5,)
    for k, a in enumerate(alphas):
        fit = ridge_fit(X, y, float(a))
        np.testing.assert_allclose(path.coefs[k], fit.coef, atol=1e-8)
        assert path.intercepts[k] == pytest.approx(fit.intercept, abs=1e-8)
    solver = RidgeSVD(X, y)
    assert solver.intercept(0.5) == pytest.approx(ridge_fit(X, y, 0.5).intercept)
    np.testing.assert_allclose(solver.predict(X, 0.5), ridge_fit(X, y, 0.5).predict(X), atol=1e-8)


def test_shrinkage_factors_and_effective_dof(diabetes: tuple[np.ndarray, np.ndarray]) -> None:
    X, _ = diabetes
    assert effective_dof(X, 0.0) == pytest.approx(10.0)
    factors = RidgeSVD(X, np.zeros(len(X))).shrinkage_factors(0.05)
    assert np.all((factors > 0) & (factors <= 1)) and np.all(np.diff(factors) <= 0)
    Xc = X - X.mean(axis=0)
    for alpha in (0.01, 0.3, 5.0):
        hat = Xc @ np.linalg.solve(Xc.T @ Xc + alpha * np.eye(10), Xc.T)
        assert effective_dof(X, alpha) == pytest.approx(np.trace(hat), rel=1e-10)
    dofs = RidgeSVD(X, np.zeros(len(X))).dof(np.logspace(-3, 3, 13))
    assert np.all(np.diff(dofs) < 0) and dofs[-1] < 0.01
    # a rank-deficient X has dof = rank at alpha = 0
    rank2 = np.c_[X[:, :2], X[:, 0] + X[:, 1]]
    assert effective_dof(rank2, 0.0) == pytest.approx(2.0)
    # without centring the columns' means count
    assert effective_dof(X + 1.0, 0.5, fit_intercept=False) != pytest.approx(effective_dof(X + 1.0, 0.5))


def test_loo_residuals_equal_refitting(diabetes: tuple[np.ndarray, np.ndarray]) -> None:
    X, y = diabetes[0][:60], diabetes[1][:60]
    held_out = cross_val_predict(Ridge(alpha=0.1), X, y, cv=LeaveOneOut())
    np.testing.assert_allclose(RidgeSVD(X, y).loo_residuals(0.1), y - held_out, atol=1e-8)
    with pytest.raises(ValueError, match="leave-one-out is undefined"):
        RidgeSVD(np.eye(4)[:, :3], np.arange(4.0)).loo_residuals(0.0)


def test_polynomial_design_matches_polynomial_features() -> None:
    x = np.array([-1.0, 0.5, 2.0])
    np.testing.assert_allclose(
        polynomial_design(x, 4), PolynomialFeatures(4, include_bias=False).fit_transform(x[:, None])
    )
    np.testing.assert_allclose(polynomial_design(x, 2, include_bias=True), np.vander(x, 3, increasing=True))
    assert polynomial_design(x, 0).shape == (3, 0)


@settings(max_examples=25, deadline=None)
@given(alpha=BAD_ALPHAS)
def test_every_function_rejects_bad_alpha(alpha: Any) -> None:
    X, y = np.eye(4, 3), np.arange(4.0)
    calls = [
        lambda: ridge_fit(X, y, alpha),
        lambda: RidgeSVD(X, y).coef(alpha),
        lambda: RidgeSVD(X, y).fit(alpha),
        lambda: RidgeSVD(X, y).shrinkage_factors(alpha),
        lambda: RidgeSVD(X, y).loo_residuals(alpha),
        lambda: effective_dof(X, alpha),
    ]
    for call in calls:
        with pytest.raises(ValueError, match=r"alpha must be"):
            call()


@settings(max_examples=25, deadline=None)
@given(alpha=st.floats(max_value=-1e-9, allow_nan=False, allow_infinity=False) | st.just(float("nan")))
def test_paths_reject_bad_alphas(alpha: float) -> None:
    X, y = np.eye(4, 3), np.arange(4.0)
    for call in (
        lambda: ridge_path(X, y, [1.0, alpha]),
        lambda: RidgeSVD(X, y).dof([alpha]),
    ):
        with pytest.raises(ValueError, match=r"alphas must"):
            call()


def test_bad_data_are_rejected() -> None:
    X, y = np.eye(4, 3), np.arange(4.0)
    with pytest.raises(ValueError, match="same number of samples"):
        ridge_fit(X, y[:3], 1.0)
    with pytest.raises(ValueError, match="X must have 2 dimension"):
        ridge_fit(y, y, 1.0)
    with pytest.raises(ValueError, match="finite values"):
        RidgeSVD(np.where(X == 1, np.nan, X), y)
    with pytest.raises(ValueError, match="fit_intercept must be True or False"):
        ridge_fit(X, y, 1.0, fit_intercept="yes")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="degree must be an integer"):
        polynomial_design([1.0, 2.0], -1)
    with pytest.raises(ValueError, match="X must have 3 columns"):
        ridge_fit(X, y, 1.0).predict(np.eye(2))


# --------------------------------------------------------------------------- the λ slider


def test_sizes_are_capped_before_anything_is_allocated() -> None:
    # a typo must not allocate gigabytes: each size has a generous, documented bound
    assert len(log_grid(1e-5, 1e5, steps_per_decade=1000)) == 10_001  # the largest grid allowed
    with pytest.raises(ValueError, match=r"low, high and steps_per_decade give 20001 slider values, more than 10001"):
        log_grid(1e-10, 1e10, steps_per_decade=1000)
    with pytest.raises(ValueError, match=r"steps_per_decade must be an integer in \[1, 1000\]"):
        log_grid(1.0, 10.0, steps_per_decade=10**12)
    x = np.array([0.5, -1.0, 2.0])
    assert polynomial_design(x, 100).shape == (3, 100)
    for degree in (101, 10**9):
        with pytest.raises(ValueError, match=r"degree must be an integer in \[0, 100\]"):
            polynomial_design(x, degree)


# --------------------------------------------------------------------------- checks of notebook 05


def test_train_mse_from_the_svd_matches_the_fitted_weights(diabetes: tuple[np.ndarray, np.ndarray]) -> None:
    X, y = diabetes
    solver = RidgeSVD(X, y)
    alphas = np.logspace(-4, 2, 7)
    path = solver.path(alphas)
    direct = np.mean((X @ path.coefs.T + path.intercepts - y[:, None]) ** 2, axis=0)
    np.testing.assert_allclose(solver.train_mse(alphas), direct, rtol=1e-10)
    assert np.all(np.diff(solver.train_mse(alphas)) > 0)  # more shrinkage, more training error


def test_polynomial_ridge_at_is_sklearns_ridge_on_the_standardised_features(poly_data: tuple[np.ndarray, ...]) -> None:
    from regviz.ridge import polynomial_ridge

    x_train, y_train, x_val, y_val = poly_data
    ridge = polynomial_ridge(x_train, y_train, x_val, y_val, degree=6, alphas=[1e-3, 1.0])
    features = PolynomialFeatures(6, include_bias=False).fit_transform(x_train[:, None])
    mean, scale = features.mean(axis=0), features.std(axis=0)
    for alpha in (0.0, 1e-3, 0.3, 10.0):
        state = ridge.at(alpha)
        model = Ridge(alpha=alpha, solver="svd").fit((features - mean) / scale, y_train)
        np.testing.assert_allclose(state.coef, model.coef_, rtol=1e-6, atol=1e-8)
        plot_features = (PolynomialFeatures(6, include_bias=False).fit_transform(ridge.x_plot[:, None]) - mean) / scale
        np.testing.assert_allclose(state.curve, model.predict(plot_features), rtol=1e-6, atol=1e-8)
        assert state.coef_norm == pytest.approx(np.linalg.norm(model.coef_), rel=1e-6)
        # degrees of freedom: the trace of the hat matrix of the centred features
        Xc = ridge.X_train - ridge.X_train.mean(axis=0)
        assert state.dof == pytest.approx(np.trace(Xc @ np.linalg.solve(Xc.T @ Xc + alpha * np.eye(6), Xc.T)), rel=1e-6)
        val_features = (PolynomialFeatures(6, include_bias=False).fit_transform(x_val[:, None]) - mean) / scale
        assert state.val_mse == pytest.approx(np.mean((model.predict(val_features) - y_val) ** 2), rel=1e-6)
        assert state.train_mse == pytest.approx(
            np.mean((model.predict((features - mean) / scale) - y_train) ** 2), rel=1e-6
        )
    assert ridge.at(10.0).coef_norm < ridge.at(1e-3).coef_norm  # λ shrinks the coefficients
    with pytest.raises(ValueError, match="alpha"):
        ridge.at(-1.0)


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
