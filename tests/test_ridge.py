"""Tests of regviz.ridge, the ridge plots, the λ slider and the notebook-05 self-checks."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import io
from typing import Any

import matplotlib.pyplot as plt
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.linear_model import ElasticNet, Ridge
from sklearn.model_selection import LeaveOneOut, cross_val_predict
from sklearn.preprocessing import PolynomialFeatures

from regviz import checks, style, widgets
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


def _png_pixels(png: bytes) -> np.ndarray:
    return plt.imread(io.BytesIO(png))


def test_ridge_explorer_moves_fit_bars_and_marker_together(poly_data: tuple[np.ndarray, ...]) -> None:
    x_train, y_train, x_val, y_val = poly_data
    explorer = widgets.ridge_explorer(
        x_train, y_train, x_val, y_val, degree=8, alpha=1e-4, coef_true=(0.5, 1.0, -3.0, 1.5)
    )
    ax_fit, ax_bars, ax_val = explorer.figure.axes
    assert ax_val.get_xscale() == "log" and "lambda" in ax_val.get_xlabel()
    train_line = next(a for a in ax_val.lines if a.get_gid() == "train")
    val_line = next(a for a in ax_val.lines if a.get_gid() == "validation")
    assert train_line.get_color() == style.COLORS["train"] and val_line.get_linestyle() == "--"
    before = explorer.image.value
    explorer.set(alpha=1.0)
    assert explorer.image.value != before and explorer.n_renders == 2
    # the moved artists hold the ridge solution at the new alpha
    mean, scale = polynomial_design(x_train, 8).mean(axis=0), polynomial_design(x_train, 8).std(axis=0)
    fit = ridge_fit((polynomial_design(x_train, 8) - mean) / scale, y_train, 1.0)
    heights = [p.get_height() for p in ax_bars.containers[0].patches]
    np.testing.assert_allclose(heights, fit.coef, atol=1e-10)
    fit_line = next(a for a in ax_fit.lines if a.get_gid() == "fit")
    x_plot = np.asarray(fit_line.get_xdata())
    expected = fit.predict((polynomial_design(x_plot, 8) - mean) / scale)
    np.testing.assert_allclose(fit_line.get_ydata(), expected, atol=1e-10)
    marker = next(a for a in ax_val.lines if a.get_gid() == "marker")
    assert marker.get_xdata()[0] == pytest.approx(1.0)
    val_mse = np.mean((fit.predict((polynomial_design(x_val, 8) - mean) / scale) - y_val) ** 2)
    assert f"validation MSE {val_mse:.3f}" in explorer.label.value and "λ = 1" in explorer.label.value


def test_ridge_explorer_blit_draws_the_same_image(poly_data: tuple[np.ndarray, ...]) -> None:
    x_train, y_train, x_val, y_val = poly_data
    fast = widgets.ridge_explorer(x_train, y_train, x_val, y_val, alpha=1e-3)
    slow = widgets.ridge_explorer(x_train, y_train, x_val, y_val, alpha=1e-3, blit=False)
    for alpha in (1e-5, 0.1, 100.0):
        fast.set(alpha=alpha)
        slow.set(alpha=alpha)
        differs = np.abs(_png_pixels(fast.image.value) - _png_pixels(slow.image.value)).max(axis=2) > 0.05
        # only where the marker crosses a curve may the drawing order differ
        assert differs.mean() < 0.01, f"blitted and full renders differ at alpha={alpha}"


def test_ridge_explorer_rejects_bad_arguments(poly_data: tuple[np.ndarray, ...]) -> None:
    x_train, y_train, x_val, y_val = poly_data
    with pytest.raises(ValueError, match=r"alpha must be in \[1e-06, 1000\]"):
        widgets.ridge_explorer(x_train, y_train, x_val, y_val, alpha=1e4)
    with pytest.raises(ValueError, match="alpha must be a finite number"):
        widgets.ridge_explorer(x_train, y_train, x_val, y_val, alpha=float("nan"))
    for bad_range in ((0.0, 1.0), (1.0, 0.5), (1.0,), (float("nan"), 1.0), ("1e-3", 1.0)):
        with pytest.raises(ValueError, match=r"alpha_range must be a \(low, high\) pair") as info:
            widgets.ridge_explorer(x_train, y_train, x_val, y_val, alpha_range=bad_range)  # type: ignore[arg-type]
        assert "low must" not in str(info.value) and "high must" not in str(info.value)
    with pytest.raises(ValueError, match=r"alpha_range and steps_per_decade give \d+ slider values"):
        widgets.ridge_explorer(
            x_train, y_train, x_val, y_val, alpha=1.0, alpha_range=(1e-300, 1e300), steps_per_decade=20
        )
    with pytest.raises(ValueError, match=r"steps_per_decade must be an integer in \[1, 1000\]"):
        widgets.ridge_explorer(x_train, y_train, x_val, y_val, steps_per_decade=10**9)
    for bad_coef in (["a", "b"], [np.nan, 1.0], [[1.0, 2.0]]):
        with pytest.raises(ValueError, match="coef_true must") as info:
            widgets.ridge_explorer(x_train, y_train, x_val, y_val, coef_true=bad_coef)  # type: ignore[arg-type]
        assert "coef must" not in str(info.value)
    with pytest.raises(ValueError, match=r"degree must be an integer in \[1, 100\]"):
        widgets.ridge_explorer(x_train, y_train, x_val, y_val, degree=10**9)
    with pytest.raises(ValueError, match="degree must be an integer"):
        widgets.ridge_explorer(x_train, y_train, x_val, y_val, degree=0)
    with pytest.raises(ValueError, match="same number of samples"):
        widgets.ridge_explorer(x_train, y_train[:-1], x_val, y_val)
    with pytest.raises(ValueError, match="blit must be True or False"):
        widgets.ridge_explorer(x_train, y_train, x_val, y_val, blit=1)  # type: ignore[arg-type]


def test_alpha_grid_matches_the_log_slider() -> None:
    grid = log_grid(1e-6, 1e3, steps_per_decade=10)
    assert len(grid) == 91 and grid[0] == pytest.approx(1e-6) and grid[-1] == pytest.approx(1e3)
    np.testing.assert_allclose(np.diff(np.log10(grid)), 0.1)
    with pytest.raises(ValueError, match="low must be < high"):
        log_grid(1.0, 1.0)
    with pytest.raises(ValueError, match="steps_per_decade must be an integer"):
        log_grid(1.0, 10.0, steps_per_decade=0)


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


def _stub(*_args: Any) -> Any:
    raise NotImplementedError


def test_check_ridge_alpha() -> None:
    assert checks.check_ridge_alpha(lambda lam, n: 2 * n * lam, quiet=True).passed
    for wrong in (lambda lam, n: lam, lambda lam, n: n * lam, lambda lam, n: 2 * lam):
        assert checks.check_ridge_alpha(wrong, quiet=True).status == "failed"
    assert checks.check_ridge_alpha(_stub, quiet=True).status == "not implemented"


def test_check_ridge_map() -> None:
    def penalty(sigma: float, tau: Any, p: int) -> Any:
        return sigma**2 / np.asarray(tau, dtype=float) ** 2 * np.ones(p)

    def right(X: Any, y: Any, sigma: float, tau: Any) -> Any:
        return np.linalg.solve(X.T @ X + np.diag(penalty(sigma, tau, X.shape[1])), X.T @ y)

    def swapped(X: Any, y: Any, sigma: float, tau: Any) -> Any:
        return np.linalg.solve(X.T @ X + np.diag(np.asarray(tau) ** 2 / sigma**2), X.T @ y)

    def no_squares(X: Any, y: Any, sigma: float, tau: Any) -> Any:
        return np.linalg.solve(X.T @ X + np.diag(sigma / np.asarray(tau)), X.T @ y)

    def one_alpha_from_mean_tau(X: Any, y: Any, sigma: float, tau: Any) -> Any:
        return np.linalg.solve(X.T @ X + sigma**2 / np.mean(tau) ** 2 * np.eye(X.shape[1]), X.T @ y)

    def whole_columns(X: Any, y: Any, sigma: float, tau: Any) -> Any:  # broadcasting instead of diag
        return np.linalg.solve(X.T @ X + penalty(sigma, tau, X.shape[1]), X.T @ y)

    def with_intercept(X: Any, y: Any, sigma: float, tau: Any) -> Any:
        Xc, yc = X - X.mean(axis=0), y - y.mean()
        return np.linalg.solve(Xc.T @ Xc + np.diag(penalty(sigma, tau, X.shape[1])), Xc.T @ yc)

    assert checks.check_ridge_map(right, quiet=True).passed
    for wrong in (swapped, no_squares, one_alpha_from_mean_tau, whole_columns, with_intercept):
        assert checks.check_ridge_map(wrong, quiet=True).status == "failed"
    assert checks.check_ridge_map(_stub, quiet=True).status == "not implemented"


def test_check_ridge_augmented(capsys: pytest.CaptureFixture[str]) -> None:
    def right(X: Any, y: Any, alpha: float) -> Any:
        p = X.shape[1]
        return np.vstack([X, np.sqrt(alpha) * np.eye(p)]), np.r_[y, np.zeros(p)]

    def rows_reordered_and_negated(X: Any, y: Any, alpha: float) -> Any:
        p = X.shape[1]
        return np.vstack([-np.sqrt(alpha) * np.eye(p)[::-1], X]), np.r_[np.zeros(p), y]

    def no_square_root(X: Any, y: Any, alpha: float) -> Any:
        p = X.shape[1]
        return np.vstack([X, alpha * np.eye(p)]), np.r_[y, np.zeros(p)]

    def targets_of_one(X: Any, y: Any, alpha: float) -> Any:
        p = X.shape[1]
        return np.vstack([X, np.sqrt(alpha) * np.eye(p)]), np.r_[y, np.ones(p)]

    def centred(X: Any, y: Any, alpha: float) -> Any:
        return right(X - X.mean(axis=0), y - y.mean(), alpha)

    def a_column(X: Any, y: Any, alpha: float) -> Any:
        return np.c_[X, np.full(len(X), np.sqrt(alpha))], y

    def coefficients(X: Any, y: Any, alpha: float) -> Any:
        return Ridge(alpha=alpha, fit_intercept=False).fit(X, y).coef_

    assert checks.check_ridge_augmented(right, quiet=True).passed
    assert checks.check_ridge_augmented(rows_reordered_and_negated, quiet=True).passed
    for wrong in (no_square_root, targets_of_one, centred, a_column, coefficients):
        assert checks.check_ridge_augmented(wrong, quiet=True).status == "failed"
    assert checks.check_ridge_augmented(lambda X, y, alpha: None, quiet=True).status == "failed"
    result = checks.check_ridge_augmented(_stub)
    assert result.status == "not implemented" and "not implemented yet" in capsys.readouterr().out


def test_check_ridge_loo(capsys: pytest.CaptureFixture[str]) -> None:
    def hat(X: Any, alpha: float, intercept: bool = True) -> Any:
        n = len(X)
        Xc = X - X.mean(axis=0)
        H = Xc @ np.linalg.solve(Xc.T @ Xc + alpha * np.eye(X.shape[1]), Xc.T)
        return H + np.ones((n, n)) / n if intercept else H

    def right(X: Any, y: Any, alpha: float) -> float:
        H = hat(X, alpha)
        return float(np.mean(((y - H @ y) / (1 - np.diag(H))) ** 2))

    def training_error(X: Any, y: Any, alpha: float) -> float:
        return float(np.mean((y - hat(X, alpha) @ y) ** 2))

    def no_intercept_term(X: Any, y: Any, alpha: float) -> float:
        H = hat(X, alpha, intercept=False)
        return float(np.mean(((y - y.mean() - H @ (y - y.mean())) / (1 - np.diag(H))) ** 2))

    def gcv(X: Any, y: Any, alpha: float) -> float:
        H = hat(X, alpha)
        return float(np.mean(((y - H @ y) / (1 - np.trace(H) / len(y))) ** 2))

    def brute_force(X: Any, y: Any, alpha: float) -> float:
        return float(np.mean((y - cross_val_predict(Ridge(alpha=alpha), X, y, cv=LeaveOneOut())) ** 2))

    assert checks.check_ridge_loo(right, quiet=True).passed
    assert checks.check_ridge_loo(brute_force, quiet=True).passed
    for wrong in (training_error, no_intercept_term, gcv):
        assert checks.check_ridge_loo(wrong, quiet=True).status == "failed"
    result = checks.check_ridge_loo(_stub)
    assert result.status == "not implemented" and "not implemented yet" in capsys.readouterr().out


def test_on_top_keeps_legends_above_moving_artists(poly_data: tuple[np.ndarray, ...]) -> None:
    from regviz.widgets._core import on_top

    x_train, y_train, x_val, y_val = poly_data
    explorer = widgets.ridge_explorer(x_train, y_train, x_val, y_val, alpha=1e-3)
    legend = explorer.figure.axes[2].get_legend()
    box = legend.get_window_extent()
    height = explorer.figure.bbox.height
    rows = slice(int(height - box.y1) + 1, int(height - box.y0) - 1)
    cols = slice(int(box.x0) + 1, int(box.x1) - 1)
    explorer.set(alpha=1e-6)
    first = _png_pixels(explorer.image.value)[rows, cols]
    explorer.set(alpha=300.0)  # the marker now runs through the legend (lower right)
    second = _png_pixels(explorer.image.value)[rows, cols]
    np.testing.assert_array_equal(first, second)
    with pytest.raises(ValueError, match="at least one artist"):
        on_top([], [legend])
    _, other = plt.subplots()
    with pytest.raises(ValueError, match="artists of one figure"):
        on_top(other.plot([0, 1]), [legend])


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
