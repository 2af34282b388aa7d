"""The reference solvers and parametrisations of regviz.lasso against scikit-learn."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.linear_model import ElasticNet, Lasso, Ridge

from regviz import data
from regviz import lasso as L

TIGHT = {"tol": 1e-12, "max_iter": 200_000}


@pytest.fixture(scope="module")
def diabetes() -> tuple[np.ndarray, np.ndarray]:
    d = data.load_diabetes()
    X = (d.X - d.X.mean(axis=0)) / d.X.std(axis=0)
    return X, d.y


@pytest.fixture(scope="module")
def uncentred() -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(3)
    X = rng.normal(2.0, 1.5, (60, 6))
    y = X @ np.array([1.5, 0.0, -2.0, 0.0, 0.3, 0.0]) + 4.0 + rng.normal(size=60)
    return X, y


# --------------------------------------------------------------------------- soft-thresholding


def test_soft_threshold_values_and_exact_zeros() -> None:
    z = np.array([-3.0, -1.0, -0.5, 0.0, 0.5, 1.0, 3.0])
    out = L.soft_threshold(z, 1.0)
    assert np.array_equal(out, [-2.0, 0.0, 0.0, 0.0, 0.0, 0.0, 2.0])
    assert np.array_equal(L.soft_threshold(z, 0.0), z)
    assert L.soft_threshold(2.5, 1.0) == 1.5 and isinstance(L.soft_threshold(2.5, 1.0), float)


@given(st.floats(-1e6, 1e6), st.floats(0, 1e6))
def test_soft_threshold_solves_the_one_dimensional_lasso(z: float, t: float) -> None:
    w = L.soft_threshold(z, t)
    objective = lambda v: 0.5 * (v - z) ** 2 + t * abs(v)  # noqa: E731
    step = 1e-3 * (1 + abs(z))
    assert objective(w) <= min(objective(w + step), objective(w - step)) + 1e-9 * (1 + z * z)
    assert abs(w) <= abs(z)


@given(st.one_of(st.floats(max_value=-1e-12), st.just(math.nan), st.just(math.inf)))
def test_soft_threshold_rejects_bad_thresholds(t: float) -> None:
    with pytest.raises(ValueError, match="threshold"):
        L.soft_threshold([1.0, 2.0], t)


# --------------------------------------------------------------------------- solvers


@pytest.mark.parametrize("alpha", [0.05, 1.0, 5.0, 30.0])
def test_lasso_cd_matches_sklearn_lasso(diabetes: tuple[np.ndarray, np.ndarray], alpha: float) -> None:
    X, y = diabetes
    ours = L.lasso_cd(X, y, alpha)
    sk = Lasso(alpha=alpha, **TIGHT).fit(X, y)
    assert ours.converged
    np.testing.assert_allclose(ours.coef, sk.coef_, atol=1e-7)
    assert ours.intercept == pytest.approx(sk.intercept_, abs=1e-7)
    assert np.array_equal(ours.coef == 0, sk.coef_ == 0)  # the same exact zeros


@pytest.mark.parametrize("l1_ratio", [0.0, 0.2, 0.5, 0.9, 1.0])
def test_enet_cd_matches_sklearn_elastic_net(uncentred: tuple[np.ndarray, np.ndarray], l1_ratio: float) -> None:
    X, y = uncentred
    ours = L.enet_cd(X, y, 0.3, l1_ratio)
    if l1_ratio == 0.0:  # ridge in the elastic net's scaling: Ridge(alpha = n * alpha)
        sk_coef, sk_b = (lambda m: (m.coef_, m.intercept_))(Ridge(alpha=len(y) * 0.3).fit(X, y))
    else:
        m = ElasticNet(alpha=0.3, l1_ratio=l1_ratio, **TIGHT).fit(X, y)
        sk_coef, sk_b = m.coef_, m.intercept_
    np.testing.assert_allclose(ours.coef, sk_coef, atol=1e-8)
    assert ours.intercept == pytest.approx(sk_b, abs=1e-8)


def test_enet_cd_without_intercept_and_warm_start(uncentred: tuple[np.ndarray, np.ndarray]) -> None:
    X, y = uncentred
    ours = L.enet_cd(X, y, 0.2, 0.7, fit_intercept=False)
    sk = ElasticNet(alpha=0.2, l1_ratio=0.7, fit_intercept=False, **TIGHT).fit(X, y)
    np.testing.assert_allclose(ours.coef, sk.coef_, atol=1e-8)
    assert ours.intercept == 0.0
    cold = L.enet_cd(X, y, 0.21, 0.7)
    warm = L.enet_cd(X, y, 0.21, 0.7, coef_init=L.enet_cd(X, y, 0.2, 0.7).coef)
    np.testing.assert_allclose(warm.coef, cold.coef, atol=1e-9)
    assert warm.n_iter < cold.n_iter


def test_enet_cd_reports_non_convergence(diabetes: tuple[np.ndarray, np.ndarray]) -> None:
    X, y = diabetes
    fit = L.lasso_cd(X, y, 0.01, max_iter=1)
    assert fit.n_iter == 1 and not fit.converged


def test_alpha_max_is_where_the_model_becomes_empty(diabetes: tuple[np.ndarray, np.ndarray]) -> None:
    X, y = diabetes
    a_max = L.alpha_max(X, y)
    assert a_max == pytest.approx(np.max(np.abs(X.T @ (y - y.mean()))) / len(y))
    assert np.all(Lasso(alpha=a_max, **TIGHT).fit(X, y).coef_ == 0)
    assert np.count_nonzero(Lasso(alpha=0.99 * a_max, **TIGHT).fit(X, y).coef_) == 1
    a_half = L.alpha_max(X, y, l1_ratio=0.5)
    assert a_half == pytest.approx(2 * a_max)
    assert np.all(ElasticNet(alpha=a_half, l1_ratio=0.5, **TIGHT).fit(X, y).coef_ == 0)
    assert np.any(ElasticNet(alpha=0.99 * a_half, l1_ratio=0.5, **TIGHT).fit(X, y).coef_ != 0)
    with pytest.raises(ValueError, match="l1_ratio"):
        L.alpha_max(X, y, l1_ratio=0.0)


def test_objectives_are_minimised_at_the_solution(uncentred: tuple[np.ndarray, np.ndarray]) -> None:
    X, y = uncentred
    m = ElasticNet(alpha=0.4, l1_ratio=0.6, **TIGHT).fit(X, y)
    best = L.enet_objective(X, y, m.coef_, m.intercept_, 0.4, 0.6)
    rng = np.random.default_rng(0)
    for _ in range(20):
        step = rng.normal(0, 1e-3, X.shape[1])
        assert L.enet_objective(X, y, m.coef_ + step, m.intercept_, 0.4, 0.6) > best
    residual = y - X @ m.coef_ - m.intercept_
    expected = residual @ residual / (2 * len(y)) + 0.4 * 0.6 * np.abs(m.coef_).sum() + 0.2 * 0.4 * m.coef_ @ m.coef_
    assert best == pytest.approx(expected)
    assert L.lasso_objective(X, y, m.coef_, 1.0, 0.4) == pytest.approx(L.enet_objective(X, y, m.coef_, 1.0, 0.4, 1.0))


def _article_cd(X: np.ndarray, y: np.ndarray, lam: float, a: float, sweeps: int = 20_000) -> np.ndarray:
    """Coordinate descent written directly on the article's objective (1/n)RSS + lam * sum(a w^2 + (1-a)|w|)."""
    Xc, yc = X - X.mean(axis=0), y - y.mean()
    n = len(y)
    w = np.zeros(X.shape[1])
    r = yc.copy()
    for _ in range(sweeps):
        biggest = 0.0
        for j in range(len(w)):
            rho = 2 / n * (Xc[:, j] @ r) + 2 / n * (Xc[:, j] @ Xc[:, j]) * w[j]
            new = np.sign(rho) * max(abs(rho) - lam * (1 - a), 0) / (2 / n * (Xc[:, j] @ Xc[:, j]) + 2 * lam * a)
            r -= Xc[:, j] * (new - w[j])
            biggest = max(biggest, abs(new - w[j]))
            w[j] = new
        if biggest < 1e-13:
            break
    return w


@pytest.mark.parametrize(("lam", "a"), [(0.5, 0.0), (0.5, 0.3), (0.2, 0.8), (1.0, 1.0)])
def test_article_conversion_gives_the_same_coefficients(
    uncentred: tuple[np.ndarray, np.ndarray], lam: float, a: float
) -> None:
    X, y = uncentred
    params = L.article_to_sklearn(lam, a)
    ours = L.enet_cd(X, y, params.alpha, params.l1_ratio).coef
    np.testing.assert_allclose(_article_cd(X, y, lam, a), ours, atol=1e-8)
    if 0 < a < 1:  # the trap: taking the article's a for l1_ratio gives other coefficients
        trap = L.enet_cd(X, y, lam, a).coef
        assert np.max(np.abs(trap - ours)) > 1e-2


def test_glmnet_conversion_reproduces_glmnets_procedure(uncentred: tuple[np.ndarray, np.ndarray]) -> None:
    X, y = uncentred
    s = float(np.std(y))
    for lam, a in [(0.05, 0.5), (0.1, 0.2), (0.02, 1.0)]:
        # glmnet: standardise y (1/n sd), fit with lambda / s, scale the coefficients back
        glmnet_coef = L.enet_cd(X, y / s, lam / s, a).coef * s
        params = L.glmnet_to_sklearn(lam, a, y_scale=s)
        np.testing.assert_allclose(L.enet_cd(X, y, params.alpha, params.l1_ratio).coef, glmnet_coef, atol=1e-8)
    assert L.glmnet_to_sklearn(0.3, 1.0, y_scale=7.0) == (0.3, 1.0)  # the lasso is unaffected
    assert L.glmnet_to_sklearn(0.3, 0.4) == pytest.approx((0.3, 0.4))  # so is a unit-variance y


@settings(max_examples=60)
@given(st.floats(0, 1e3), st.floats(0, 1), st.floats(1e-2, 1e2))
def test_conversions_round_trip(value: float, mix: float, scale: float) -> None:
    article = L.sklearn_to_article(*L.article_to_sklearn(value, mix))
    assert article == pytest.approx((value, mix), rel=1e-9, abs=1e-12)
    glmnet = L.sklearn_to_glmnet(*L.glmnet_to_sklearn(value, mix, y_scale=scale), y_scale=scale)
    assert glmnet == pytest.approx((value, mix), rel=1e-9, abs=1e-12)
    sk = L.article_to_sklearn(value, mix)
    assert 0 <= sk.l1_ratio <= 1 and sk.alpha >= 0


bad_reals = st.one_of(st.floats(max_value=-1e-9), st.just(math.nan), st.just(-math.inf), st.just(math.inf))
bad_ratios = st.one_of(st.floats(max_value=-1e-9), st.floats(min_value=1.0 + 1e-9), st.just(math.nan))


@settings(max_examples=30)
@given(bad_reals)
def test_bad_alpha_is_rejected_everywhere(alpha: float) -> None:
    X, y = np.eye(3), np.arange(3.0)
    for call in (
        lambda: L.lasso_cd(X, y, alpha),
        lambda: L.enet_cd(X, y, alpha, 0.5),
        lambda: L.enet_objective(X, y, np.zeros(3), 0.0, alpha, 0.5),
        lambda: L.sklearn_to_article(alpha, 0.5),
        lambda: L.sklearn_to_glmnet(alpha, 0.5),
    ):
        with pytest.raises(ValueError, match="alpha"):
            call()
    for call in (lambda: L.article_to_sklearn(alpha, 0.5), lambda: L.glmnet_to_sklearn(alpha, 0.5)):
        with pytest.raises(ValueError, match="lambda_"):
            call()


@settings(max_examples=30)
@given(bad_ratios)
def test_bad_l1_ratio_is_rejected_everywhere(r: float) -> None:
    X, y = np.eye(3), np.arange(3.0)
    for call in (
        lambda: L.enet_cd(X, y, 0.1, r),
        lambda: L.enet_objective(X, y, np.zeros(3), 0.0, 0.1, r),
        lambda: L.sklearn_to_article(0.1, r),
        lambda: L.sklearn_to_glmnet(0.1, r),
        lambda: L.alpha_max(X, y, l1_ratio=r),
        lambda: L.penalty_boundary(1.0, r),
    ):
        with pytest.raises(ValueError, match="l1_ratio"):
            call()
    for call in (lambda: L.article_to_sklearn(0.1, r), lambda: L.glmnet_to_sklearn(0.1, r)):
        with pytest.raises(ValueError, match=r"alpha must be .*\[0, 1\]"):
            call()


def test_solver_input_validation() -> None:
    with pytest.raises(ValueError, match="same number of samples"):
        L.lasso_cd(np.eye(3), np.arange(4.0), 0.1)
    with pytest.raises(ValueError, match="X must have 2 dimension"):
        L.lasso_cd(np.arange(3.0), np.arange(3.0), 0.1)
    with pytest.raises(ValueError, match="finite"):
        L.lasso_cd(np.array([[1.0], [np.nan]]), np.arange(2.0), 0.1)
    with pytest.raises(ValueError, match="coef_init must have shape"):
        L.enet_cd(np.eye(3), np.arange(3.0), 0.1, coef_init=np.zeros(2))
    with pytest.raises(ValueError, match="max_iter"):
        L.lasso_cd(np.eye(3), np.arange(3.0), 0.1, max_iter=0)
    with pytest.raises(ValueError, match="fit_intercept"):
        L.lasso_cd(np.eye(3), np.arange(3.0), 0.1, fit_intercept="yes")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="y_scale"):
        L.glmnet_to_sklearn(0.1, 0.5, y_scale=0.0)


@pytest.mark.parametrize("flag", [None, "False", "True", 0, 1, 1.0])
def test_alpha_max_refuses_a_fit_intercept_that_is_not_a_bool(flag: Any) -> None:
    X, y = np.arange(12.0).reshape(4, 3) ** 1.5, np.array([1.0, 3.0, 2.0, 5.0])
    with pytest.raises(ValueError, match=r"fit_intercept must be True or False, got"):
        L.alpha_max(X, y, fit_intercept=flag)
    # the bools themselves, NumPy's included, still work (and differ: centring matters here)
    assert L.alpha_max(X, y, fit_intercept=np.bool_(True)) == L.alpha_max(X, y, fit_intercept=True)
    assert L.alpha_max(X, y, fit_intercept=False) != L.alpha_max(X, y, fit_intercept=True)


# --------------------------------------------------------------------------- geometry


@pytest.mark.parametrize("r", [0.0, 0.3, 0.7, 1.0])
def test_penalty_boundary_lies_on_the_level_set(r: float) -> None:
    t = 1.7
    pts = L.penalty_boundary(t, r)
    level = r * np.abs(pts).sum(axis=1) + 0.5 * (1 - r) * (pts**2).sum(axis=1)
    np.testing.assert_allclose(level, t, rtol=1e-12)
    np.testing.assert_allclose(pts[0], pts[-1], atol=1e-12)  # closed
    corners = pts[:: (len(pts) - 1) // 4]
    assert np.all(np.sum(corners == 0, axis=1) == 1)  # the four axis points are exact


def test_penalty_boundary_shapes() -> None:
    diamond = L.penalty_boundary(2.0, 1.0)
    assert np.max(np.abs(diamond)) == pytest.approx(2.0)
    disc = L.penalty_boundary(2.0, 0.0)
    np.testing.assert_allclose(np.hypot(disc[:, 0], disc[:, 1]), 2.0, rtol=1e-12)  # radius sqrt(2 t)
    assert np.all(L.penalty_boundary(0.0, 0.5) == 0)
    with pytest.raises(ValueError, match="n_points"):
        L.penalty_boundary(1.0, 0.5, n_points=100)
    assert L.penalty_boundary(1.0, 0.5, n_points=L.MAX_BOUNDARY_POINTS).shape == (100_001, 2)  # the cap itself
    for huge in (100_005, 4 * 10**12 + 1):  # of the form 1 + 4k, but too many points
        with pytest.raises(ValueError, match=r"n_points must be an integer in \[5, 100001\]"):
            L.penalty_boundary(1.0, 0.5, n_points=huge)
    with pytest.raises(ValueError, match="level"):
        L.penalty_boundary(-1.0, 0.5)


def test_quadratic_loss_is_the_least_squares_loss_and_its_ellipse_a_contour() -> None:
    rng = np.random.default_rng(5)
    X = rng.standard_normal((40, 2)) @ np.array([[1.0, 0.6], [0.0, 0.8]])
    y = X @ np.array([1.5, -2.0]) + 0.3 * rng.standard_normal(40)
    gram, w_ols = L.quadratic_loss(X, y)
    Xc, yc = X - X.mean(axis=0), y - y.mean()
    np.testing.assert_allclose(w_ols, np.linalg.lstsq(Xc, yc, rcond=None)[0], rtol=1e-10)
    # the loss of any w is its minimum plus the quadratic form: check at a random point
    w = rng.standard_normal(2)
    loss = lambda v: np.mean((yc - Xc @ v) ** 2) / 2  # noqa: E731
    np.testing.assert_allclose(loss(w) - loss(w_ols), 0.5 * (w - w_ols) @ gram @ (w - w_ols), rtol=1e-10)
    curve = L.loss_ellipse(gram, w_ols, 0.7, n_points=101)
    d = curve - w_ols
    np.testing.assert_allclose(0.5 * np.einsum("ni,ij,nj->n", d, gram, d), 0.7, rtol=1e-10)
    np.testing.assert_allclose(curve[0], curve[-1], atol=1e-12)
    with pytest.raises(ValueError, match="exactly 2 columns"):
        L.quadratic_loss(np.ones((5, 3)), np.ones(5))
    with pytest.raises(ValueError, match="positive definite"):
        L.loss_ellipse(np.array([[1.0, 0.0], [0.0, -1.0]]), np.zeros(2), 1.0)


# --------------------------------------------------------------------------- what the explorers draw


def _kkt_violation(X: np.ndarray, y: np.ndarray, coef: np.ndarray, alpha: float, l1_ratio: float) -> float:
    """Largest violation of the elastic net's optimality conditions, relative to ``alpha``.

    With centred data and ``g = X^T (y - X w) / n - alpha (1 - rho) w``: ``g_j = alpha rho sign(w_j)`` where
    ``w_j != 0`` and ``|g_j| <= alpha rho`` where ``w_j == 0``.
    """
    Xc, yc = X - X.mean(axis=0), y - y.mean()
    g = Xc.T @ (yc - Xc @ coef) / len(y) - alpha * (1 - l1_ratio) * coef
    active = coef != 0
    on_active = np.abs(g[active] - alpha * l1_ratio * np.sign(coef[active]))
    off_active = np.maximum(np.abs(g[~active]) - alpha * l1_ratio, 0.0)
    return float(np.r_[on_active, off_active, 0.0].max()) / alpha


def test_lasso_slider_fits_solve_the_lasso_and_ridge_matches_their_training_error(
    diabetes: tuple[np.ndarray, np.ndarray],
) -> None:
    X, y = diabetes
    grid = np.geomspace(0.05, 50.0, 13)
    fits = L.lasso_slider(X[:300], y[:300], X[300:], y[300:], grid)
    for k, alpha in enumerate(grid):
        assert _kkt_violation(X[:300], y[:300], fits.coefs[k], alpha, 1.0) < 1e-4
    assert np.array_equal(fits.n_zero, (fits.coefs == 0).sum(axis=1))
    assert fits.n_zero[-1] > fits.n_zero[0]  # features leave as λ grows
    # the ridge fits have the lasso's training error, and ridge keeps every feature
    Xt, yt = X[:300], y[:300]
    ridge_intercepts = yt.mean() - fits.ridge_coefs @ Xt.mean(axis=0)
    ridge_mse = np.mean((Xt @ fits.ridge_coefs.T + ridge_intercepts - yt[:, None]) ** 2, axis=0)
    np.testing.assert_allclose(ridge_mse, fits.train_mse, rtol=1e-3)
    assert np.all(fits.ridge_coefs != 0)
    assert fits.limit >= np.abs(fits.coefs).max() and fits.limit >= np.abs(fits.ridge_coefs).max()


def test_constraint_fits_draw_the_region_and_contour_through_each_solution(
    diabetes: tuple[np.ndarray, np.ndarray],
) -> None:
    X, y = diabetes[0][:, [2, 8]], diabetes[1]
    grid = np.geomspace(0.5, 40.0, 6)
    geometry = L.constraint_fits(X, y, grid, [1.0, 0.5, 0.0])
    assert geometry.coefs.shape == (3, 6, 2)
    assert geometry.limit == pytest.approx(1.3 * np.abs(geometry.w_ols).max())
    assert np.all(np.abs(geometry.coefs) <= geometry.limit)
    for a, r in enumerate(geometry.l1_ratios):
        for k, alpha in enumerate(grid):
            w = geometry.coefs[a, k]
            assert _kkt_violation(X, y, w, alpha, float(r)) < 1e-4
            boundary, ellipse = geometry.shapes[a][k]
            if not np.any(w):
                continue
            # the solution lies on both curves (up to their sampling)
            step = np.abs(np.diff(ellipse, axis=0)).max()
            assert np.linalg.norm(ellipse - w, axis=1).min() < step
            assert np.linalg.norm(boundary - w, axis=1).min() < np.abs(np.diff(boundary, axis=0)).max()


def test_enet_slider_fits_solve_the_elastic_net_on_all_features() -> None:
    X, y, _, _ = data.make_correlated_groups(60, n_groups=2, group_size=2, correlation=0.9, n_noise_features=1, seed=1)
    grid = np.geomspace(0.01, 2.0, 5) * L.alpha_max(X, y)
    fits = L.enet_slider(X, y, grid, [0.0, 0.5, 1.0], features=(0, 1))
    for a, r in enumerate((0.0, 0.5, 1.0)):
        for k, alpha in enumerate(grid):
            assert _kkt_violation(X, y, fits.coefs[a, k], alpha, r) < 1e-4
    assert np.array_equal(fits.n_nonzero, (fits.coefs != 0).sum(axis=2))
    assert np.all(fits.n_nonzero[0] == X.shape[1])  # ridge keeps every feature
    np.testing.assert_array_equal(fits.geometry.coefs, L.constraint_fits(X[:, [0, 1]], y, grid, [0.0, 0.5, 1.0]).coefs)
