"""Self-checks for the warm-up exercises of notebook 00."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from ._core import Case, CheckResult, run_check

__all__ = ["check_best_slope", "check_mse"]


def _mse_reference(y: np.ndarray, y_pred: np.ndarray) -> float:
    return float(np.mean((np.asarray(y, dtype=float) - np.asarray(y_pred, dtype=float)) ** 2))


def check_mse(student_fn: Callable[[Any, Any], Any], *, quiet: bool = False) -> CheckResult:
    """Check a mean squared error ``mse(y, y_pred) = mean((y - y_pred) ** 2)``.

    The cases include a perfect prediction (zero), negative residuals, a
    single sample and integer inputs, so a sum instead of a mean, a missing
    square, an absolute value or integer division are all caught.

    Parameters
    ----------
    student_fn : callable
        ``student_fn(y, y_pred)`` returning a scalar.
    quiet : bool, default=False
        If True, print nothing.

    Returns
    -------
    CheckResult
        The verdict (also printed).

    """
    rng = np.random.default_rng(0)
    cases = [
        Case((np.array([1.0, 2.0, 3.0]), np.array([1.0, 2.0, 3.0])), label="perfect prediction"),
        Case((np.array([0.0, 0.0]), np.array([1.0, -3.0])), label="two residuals of opposite sign"),
        Case((np.array([2.5]), np.array([0.5])), label="one sample"),
        Case((np.array([1, 2, 3, 4]), np.array([2, 2, 2, 2])), label="integer inputs"),
        Case((rng.normal(size=50), rng.normal(size=50)), label="50 random values"),
    ]
    return run_check("check_mse", student_fn, _mse_reference, cases, quiet=quiet)


def _best_slope_reference(x: np.ndarray, y: np.ndarray) -> float:
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    return float(x @ y / (x @ x))


def check_best_slope(student_fn: Callable[[Any, Any], Any], *, quiet: bool = False) -> CheckResult:
    r"""Check the least-squares slope of a line through the origin, ``w* = Σ x y / Σ x²``.

    Cases include data on an exact line, a negative slope, uncentred data
    (so ``cov(x, y) / var(x)``, the slope *with* an intercept, is caught) and
    a single point.

    Parameters
    ----------
    student_fn : callable
        ``student_fn(x, y)`` returning the slope as a scalar.
    quiet : bool, default=False
        If True, print nothing.

    Returns
    -------
    CheckResult
        The verdict (also printed).

    """
    rng = np.random.default_rng(1)
    x_uncentred = rng.uniform(1.0, 3.0, 40)
    cases = [
        Case((np.array([1.0, 2.0, 3.0]), np.array([2.0, 4.0, 6.0])), label="points on y = 2x"),
        Case((np.array([-1.0, 1.0, 2.0]), np.array([1.5, -1.0, -2.5])), label="a negative slope"),
        Case(
            (x_uncentred, 0.5 + 2.0 * x_uncentred + 0.1 * rng.normal(size=40)), label="uncentred x, data with an offset"
        ),
        Case((np.array([2.0]), np.array([3.0])), label="a single point"),
    ]
    return run_check("check_best_slope", student_fn, _best_slope_reference, cases, quiet=quiet)
