"""Self-checks for the exercises of notebooks 04 (overfitting) and 05 (ridge).

Each ``check_*`` runs the student's function on a handful of cases chosen so
that the usual slips give a different answer (decreasing column order, a
missing intercept term, the training error instead of a held-out one, λ and
its inverse swapped...), compares with a
reference and prints one verdict.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from .._validation import validate_bool, validate_callable
from ..ridge import RidgeSVD
from ._core import Case, CheckResult, run_check

__all__ = [
    "check_fold_ids",
    "check_loo_mse",
    "check_ridge_alpha",
    "check_ridge_augmented",
    "check_ridge_loo",
    "check_ridge_map",
]


def _validate_args(student_fn: Any, quiet: Any) -> None:
    """Refuse a student function that is not callable and a ``quiet`` that is not a bool, naming each."""
    validate_callable(student_fn, "student_fn")
    validate_bool(quiet, "quiet")


# --------------------------------------------------------------------------- notebook 04


def _fold_ids_reference(n_samples: int, n_splits: int) -> np.ndarray:
    from sklearn.model_selection import KFold

    ids = np.empty(n_samples, dtype=int)
    for fold, (_, test) in enumerate(KFold(n_splits=n_splits).split(np.zeros(n_samples))):
        ids[test] = fold
    return ids


def check_fold_ids(student_fn: Callable[[int, int], Any], *, quiet: bool = False) -> CheckResult:
    """Check ``fold_ids(n_samples, n_splits)``: the fold of each sample, as ``KFold`` splits.

    scikit-learn's ``KFold(n_splits)`` (no shuffling) cuts the samples, in
    order, into consecutive blocks; the first ``n_samples % n_splits`` blocks
    hold one sample more than the others. Dealing samples round-robin
    (``i % n_splits``), or putting the remainder in the last fold, fails.

    Parameters
    ----------
    student_fn : callable
        ``student_fn(n_samples, n_splits)`` returning an int array of shape ``(n_samples,)``.
    quiet : bool, default=False
        If True, print nothing.

    Returns
    -------
    CheckResult
        The verdict (also printed).

    """
    _validate_args(student_fn, quiet)
    cases = [
        Case((10, 5), label="10 samples, 5 folds (no remainder)"),
        Case((10, 4), label="10 samples, 4 folds"),
        Case((11, 3), label="11 samples, 3 folds"),
        Case((7, 7), label="leave-one-out: 7 samples, 7 folds"),
        Case((23, 5), label="23 samples, 5 folds"),
    ]
    return run_check("check_fold_ids", student_fn, _fold_ids_reference, cases, atol=0, rtol=0, quiet=quiet)


def _loo_mse_reference(x: Any, y: Any, degree: int) -> float:
    x_arr, y_arr = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    errors = []
    for i in range(len(x_arr)):
        keep = np.arange(len(x_arr)) != i
        design = np.vander(x_arr[keep], int(degree) + 1, increasing=True)
        coef = np.linalg.lstsq(design, y_arr[keep], rcond=None)[0]
        prediction = np.vander(x_arr[i : i + 1], int(degree) + 1, increasing=True) @ coef
        errors.append(float(prediction[0] - y_arr[i]))
    return float(np.mean(np.square(errors)))


def check_loo_mse(student_fn: Callable[[Any, Any, int], Any], *, quiet: bool = False) -> CheckResult:
    """Check ``loo_mse(x, y, degree)``: leave-one-out error of a least-squares polynomial.

    For each sample ``i``: fit the polynomial of the given degree (with its
    constant term) to all the *other* samples, predict ``y[i]``, square the
    error; return the mean over ``i``. That is
    ``-cross_val_score(model, x, y, cv=LeaveOneOut(), scoring="neg_mean_squared_error").mean()``.
    The training error, or a fit that still sees sample ``i``, fails.

    Parameters
    ----------
    student_fn : callable
        ``student_fn(x, y, degree)`` with 1-D ``x`` and ``y``, returning a number.
    quiet : bool, default=False
        If True, print nothing.

    Returns
    -------
    CheckResult
        The verdict (also printed).

    """
    _validate_args(student_fn, quiet)
    rng = np.random.default_rng(5)
    x8 = np.linspace(-1.0, 1.0, 8)
    y8 = x8**2 + 0.1 * rng.normal(size=8)
    x20 = np.sort(rng.uniform(-1.0, 1.5, 20))
    y20 = 0.5 + x20 - 3 * x20**2 + 1.5 * x20**3 + 0.3 * rng.normal(size=20)
    cases = [
        Case(
            (np.array([0.0, 1.0, 2.0, 4.0]), np.array([1.0, 3.0, 2.0, 5.0]), 0), label="4 points, degree 0 (the mean)"
        ),
        Case((x8, y8, 1), label="8 points on a parabola, degree 1"),
        Case((x8, y8, 2), label="8 points on a parabola, degree 2"),
        Case((x20, y20, 3), label="20 points from a cubic, degree 3"),
        Case((x20, y20, 9), label="20 points from a cubic, degree 9"),
    ]
    return run_check("check_loo_mse", student_fn, _loo_mse_reference, cases, quiet=quiet)


# --------------------------------------------------------------------------- notebook 05


def _ridge_alpha_reference(lam: float, n_samples: int) -> float:
    return float(2 * n_samples * lam)


def check_ridge_alpha(student_fn: Callable[[float, int], Any], *, quiet: bool = False) -> CheckResult:
    """Check ``ridge_alpha(lam, n_samples)``: scikit-learn's ``Ridge`` alpha for another scaling.

    The objective ``1/(2n) ||y - X w - b||² + lam ||w||²`` (a mean data term
    with a half, a penalty *without* a half) has the same minimiser as
    scikit-learn's ``||y - X w - b||² + alpha ||w||²`` when
    ``alpha = 2 * n_samples * lam`` (multiply the objective by ``2n``).
    ``lam`` itself, ``n lam`` (the conversion for a penalty ``lam/2 ||w||²``)
    and ``2 lam`` fail.

    Parameters
    ----------
    student_fn : callable
        ``student_fn(lam, n_samples)`` returning a number.
    quiet : bool, default=False
        If True, print nothing.

    Returns
    -------
    CheckResult
        The verdict (also printed).

    """
    _validate_args(student_fn, quiet)
    cases = [
        Case((0.1, 100), label="lam=0.1, n_samples=100"),
        Case((1.0, 1), label="lam=1, one sample"),
        Case((0.0, 50), label="lam=0"),
        Case((2.5e-3, 442), label="lam=0.0025, n_samples=442 (diabetes)"),
    ]
    return run_check("check_ridge_alpha", student_fn, _ridge_alpha_reference, cases, quiet=quiet)


def _ridge_loo_reference(X: Any, y: Any, alpha: float) -> float:
    return float(np.mean(RidgeSVD(X, y).loo_residuals(alpha) ** 2))


def check_ridge_loo(student_fn: Callable[[Any, Any, float], Any], *, quiet: bool = False) -> CheckResult:
    """Check ``ridge_loo_mse(X, y, alpha)``: leave-one-out error of ridge, without refitting.

    For ``Ridge(alpha)`` with its unpenalised intercept, the fitted values are
    ``H y`` with the hat matrix ``H = 1 1^T / n + X_c (X_c^T X_c + alpha I)^{-1} X_c^T``
    (``X_c`` the centred ``X``), and the leave-one-out residual of sample ``i``
    is exactly ``(y_i - yhat_i) / (1 - H_ii)``. The answer is the mean of
    their squares — what ``RidgeCV`` minimises. The training error, a hat
    matrix without the intercept's ``1/n`` and generalised cross-validation
    (``1 - trace(H)/n`` for every sample) fail.

    Parameters
    ----------
    student_fn : callable
        ``student_fn(X, y, alpha)`` returning a number.
    quiet : bool, default=False
        If True, print nothing.

    Returns
    -------
    CheckResult
        The verdict (also printed).

    """
    _validate_args(student_fn, quiet)
    rng = np.random.default_rng(6)
    X1 = rng.normal(size=(30, 4)) + np.array([3.0, -1.0, 0.0, 5.0])
    y1 = X1 @ np.array([1.0, 0.0, -2.0, 0.5]) + 4.0 + rng.normal(size=30)
    X2 = rng.normal(size=(12, 3))
    X2[0] *= 6.0  # one sample of high leverage
    y2 = X2 @ np.array([0.5, 1.0, -1.0]) + 0.3 * rng.normal(size=12)
    cases = [
        Case((X1, y1, 1.0), label="30 samples, 4 features with non-zero means, alpha=1"),
        Case((X1, y1, 100.0), label="alpha=100"),
        Case((X2, y2, 0.1), label="12 samples, one of high leverage, alpha=0.1"),
        Case((X2, y2, 5.0), label="12 samples, alpha=5"),
    ]
    return run_check("check_ridge_loo", student_fn, _ridge_loo_reference, cases, quiet=quiet)


def _ridge_map_reference(X: Any, y: Any, sigma: float, tau: Any) -> np.ndarray:
    X_arr, y_arr = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    penalty = float(sigma) ** 2 / np.asarray(tau, dtype=float) ** 2 * np.ones(X_arr.shape[1])
    return np.linalg.solve(X_arr.T @ X_arr + np.diag(penalty), X_arr.T @ y_arr)


def check_ridge_map(student_fn: Callable[[Any, Any, float, Any], Any], *, quiet: bool = False) -> CheckResult:
    """Check ``map_weights(X, y, sigma, tau)``: the posterior mode with one prior variance per weight.

    Model: ``y = X w + noise`` with noise ``N(0, sigma²)`` and independent
    priors ``w_j ~ N(0, tau_j²)``, no intercept; ``tau`` is an array of shape
    ``(n_features,)``. The mode of the posterior is a ridge with one strength
    per weight: ``w = (X^T X + diag(sigma² / tau_j²))^{-1} X^T y``. Equal
    ``tau_j`` give plain ridge with ``alpha = sigma² / tau²``. A single
    ``alpha`` from an averaged ``tau``, the ratio inverted, a missing square,
    a penalty added to whole columns instead of the diagonal, and a fitted
    intercept all fail.

    Parameters
    ----------
    student_fn : callable
        ``student_fn(X, y, sigma, tau)`` returning weights of shape (n_features,).
    quiet : bool, default=False
        If True, print nothing.

    Returns
    -------
    CheckResult
        The verdict (also printed).

    """
    _validate_args(student_fn, quiet)
    rng = np.random.default_rng(7)
    X = rng.normal(size=(25, 3))
    y = X @ np.array([1.0, -2.0, 0.5]) + 1.5 + 0.5 * rng.normal(size=25)
    X_small = rng.normal(size=(6, 4))
    y_small = rng.normal(size=6)
    cases = [
        Case((X, y, 1.0, np.ones(3)), label="sigma=1, every tau_j = 1 (plain ridge, alpha = 1)"),
        Case((X, y, 2.0, np.full(3, 0.5)), label="sigma=2, every tau_j = 0.5 (a tight prior)"),
        Case((X, y, 1.0, np.array([3.0, 0.2, 1.0])), label="sigma=1, tau = (3, 0.2, 1)"),
        Case((X, y, 0.5, np.array([0.1, 4.0, 0.7])), label="sigma=0.5, tau = (0.1, 4, 0.7)"),
        Case((X_small, y_small, 1.0, np.array([100.0, 1.0, 0.3, 2.0])), label="6 samples, 4 weights, one almost free"),
    ]
    return run_check("check_ridge_map", student_fn, _ridge_map_reference, cases, quiet=quiet)


def _normal_equations(X_aug: Any, y_aug: Any) -> np.ndarray:
    """``A^T A``, ``A^T b`` and ``b^T b``, flattened: they define ``||b - A w||²`` for every ``w``."""
    A, b = np.asarray(X_aug, dtype=float), np.asarray(y_aug, dtype=float)
    return np.concatenate([(A.T @ A).ravel(), A.T @ b, [b @ b]])


def _ridge_augmented_reference(X: Any, y: Any, alpha: float) -> np.ndarray:
    X_arr, y_arr = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    gram = X_arr.T @ X_arr + float(alpha) * np.eye(X_arr.shape[1])
    return np.concatenate([gram.ravel(), X_arr.T @ y_arr, [y_arr @ y_arr]])


def check_ridge_augmented(student_fn: Callable[[Any, Any, float], Any], *, quiet: bool = False) -> CheckResult:
    r"""Check ``augment(X, y, alpha) -> (X_aug, y_aug)``: ridge written as plain least squares.

    The answer is right when ``||y_aug - X_aug w||²`` equals ``||y - X w||² + alpha ||w||²`` for **every** ``w``
    (ridge without intercept), that is when ``X_aug^T X_aug = X^T X + alpha I``, ``X_aug^T y_aug = X^T y`` and
    ``y_aug^T y_aug = y^T y``; the check compares those three, so the order and the signs of the appended rows are
    free. The usual answer appends the rows of ``sqrt(alpha) I`` to ``X`` and zeros to ``y``. Rows of
    ``alpha I`` (no square root), non-zero targets on the new rows, a centred ``X`` and appended columns
    instead of rows all fail.

    Parameters
    ----------
    student_fn : callable
        ``student_fn(X, y, alpha)`` returning the pair ``(X_aug, y_aug)``.
    quiet : bool, default=False
        If True, print nothing.

    Returns
    -------
    CheckResult
        The verdict (also printed).

    """
    _validate_args(student_fn, quiet)

    def through_normal_equations(X: Any, y: Any, alpha: float) -> Any:
        answer = student_fn(X, y, alpha)
        if answer is None:
            return None
        if not isinstance(answer, tuple | list) or len(answer) != 2:
            raise ValueError(f"return the pair (X_aug, y_aug), got {type(answer).__name__}")
        X_aug, y_aug = np.asarray(answer[0], dtype=float), np.asarray(answer[1], dtype=float)
        if X_aug.ndim != 2 or X_aug.shape[1] != X.shape[1]:
            raise ValueError(f"X_aug must keep the {X.shape[1]} columns of X (rows are appended), got {X_aug.shape}")
        if y_aug.shape != (X_aug.shape[0],):
            raise ValueError(
                f"y_aug must hold one target per row of X_aug, shape ({X_aug.shape[0]},), got {y_aug.shape}"
            )
        return _normal_equations(X_aug, y_aug)

    rng = np.random.default_rng(8)
    X = rng.normal(size=(20, 3)) + np.array([2.0, 0.0, -1.0])
    y = X @ np.array([1.0, -0.5, 2.0]) + rng.normal(size=20)
    X_wide = rng.normal(size=(4, 6))
    y_wide = rng.normal(size=4)
    cases = [
        Case((X, y, 1.0), label="20 samples, 3 features, alpha=1"),
        Case((X, y, 9.0), label="alpha=9"),
        Case((X, y, 0.0), label="alpha=0 (least squares itself)"),
        Case((X_wide, y_wide, 0.5), label="4 samples, 6 features, alpha=0.5"),
    ]
    return run_check(
        "check_ridge_augmented",
        through_normal_equations,
        _ridge_augmented_reference,
        cases,
        rtol=1e-10,
        atol=1e-10,
        quiet=quiet,
    )
