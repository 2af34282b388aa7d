"""Tests of regviz.checks.ridge: the self-checks of notebooks 04 and 05 against scikit-learn."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

from typing import Any

import numpy as np
import pytest
from sklearn.linear_model import LinearRegression, Ridge
from sklearn.model_selection import KFold, LeaveOneOut, cross_val_predict, cross_val_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import PolynomialFeatures

from regviz import checks


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
