"""Self-checks for the exercises of notebooks 00 (welcome), 01 (loss functions) and 02 (gradient descent).

Each ``check_*`` runs the student's function on cases chosen so that the usual slips fail: a sum where a mean
belongs, a missing absolute value, a formula that forgets the intercept or the chosen point, a loss computed
through probabilities (which overflows), a label-smoothing target spread over the wrong classes, the squared
error's gradient where Huber's clipped one belongs, the stability limit where the fastest step size was asked.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
from numpy.typing import NDArray

from ._core import Case, CheckResult, run_check

__all__ = [
    "check_best_fixed_lr",
    "check_huber_step",
    "check_lr_limit_for_feature",
    "check_mae",
    "check_mse",
    "check_slope_through_point",
    "check_smoothed_ce_grad",
    "check_weighted_bce",
]


# --------------------------------------------------------------------------- notebook 00: a line through data


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


def _mae_reference(y: np.ndarray, y_pred: np.ndarray) -> float:
    return float(np.mean(np.abs(np.asarray(y, dtype=float) - np.asarray(y_pred, dtype=float))))


def check_mae(student_fn: Callable[[Any, Any], Any], *, quiet: bool = False) -> CheckResult:
    """Check a mean absolute error ``mae(y, y_pred) = mean(|y - y_pred|)``.

    Residuals of both signs (so a missing absolute value cancels them), residuals larger and smaller than 1
    (so a square is caught), a single sample, integer inputs (integer arithmetic) and an odd and an even number of
    samples (so a median of the absolute residuals is caught).

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
    rng = np.random.default_rng(5)
    cases = [
        Case((np.array([1.0, 2.0, 3.0]), np.array([1.0, 2.0, 3.0])), label="perfect prediction"),
        Case((np.array([0.0, 0.0]), np.array([1.0, -3.0])), label="two residuals of opposite sign"),
        Case((np.array([0.0, 0.0, 0.0]), np.array([0.2, -0.5, 0.1])), label="residuals smaller than 1"),
        Case((np.array([2.5]), np.array([0.5])), label="one sample"),
        Case((np.array([1, 2, 3, 4]), np.array([2, 2, 2, 7])), label="integer inputs"),
        Case((rng.normal(size=51), rng.normal(size=51)), label="51 random values"),
    ]
    return run_check("check_mae", student_fn, _mae_reference, cases, atol=1e-12, rtol=1e-9, quiet=quiet)


def _slope_through_point_reference(x: np.ndarray, y: np.ndarray, x0: float, y0: float) -> float:
    dx = np.asarray(x, dtype=float) - float(x0)
    dy = np.asarray(y, dtype=float) - float(y0)
    return float(dx @ dy / (dx @ dx))


def check_slope_through_point(
    student_fn: Callable[[Any, Any, float, float], Any], *, quiet: bool = False
) -> CheckResult:
    r"""Check the least-squares slope of a line forced through a point, :math:`\hat y = y_0 + w (x - x_0)`.

    Setting the derivative of the mean squared error to zero gives
    :math:`w^\star = \sum_i (x_i - x_0)(y_i - y_0) / \sum_i (x_i - x_0)^2`. The cases: the origin (the line
    through the origin of notebook 00), the point of means (the slope of an ordinary line with intercept,
    :math:`\operatorname{cov}(x, y)/\operatorname{var}(x)`), and points away from both, so a formula that ignores
    the point, shifts only ``x`` or only ``y``, or always returns the ordinary slope is caught.

    Parameters
    ----------
    student_fn : callable
        ``student_fn(x, y, x0, y0)`` with ``x``, ``y`` of shape (n_samples,), returning the slope as a scalar.
    quiet : bool, default=False
        If True, print nothing.

    Returns
    -------
    CheckResult
        The verdict (also printed).

    """
    rng = np.random.default_rng(2)
    x = rng.uniform(1.0, 3.0, 30)
    y = 0.5 + 2.0 * x + 0.3 * rng.normal(size=30)
    cases = [
        Case((np.array([1.0, 2.0, 3.0]), np.array([2.0, 4.0, 6.0]), 0.0, 0.0), label="points on y = 2x, the origin"),
        Case((x, y, 0.0, 0.0), label="noisy data with an offset, the origin"),
        Case((x, y, float(x.mean()), float(y.mean())), label="the point of means"),
        Case((x, y, 3.0, 4.0), label="the point (3, 4), below the data"),
        Case(
            (np.array([-1.0, 0.0, 2.0]), np.array([3.0, 1.0, -2.0]), 1.0, -1.0),
            label="a negative slope through (1, -1)",
        ),
    ]
    return run_check(
        "check_slope_through_point",
        student_fn,
        _slope_through_point_reference,
        cases,
        atol=1e-12,
        rtol=1e-9,
        quiet=quiet,
    )


# --------------------------------------------------------------------------- notebook 01: losses from logits


def _softplus(z: NDArray[np.float64]) -> NDArray[np.float64]:
    return np.logaddexp(0.0, z)


def _weighted_bce_reference(z: Any, y: Any, pos_weight: float) -> float:
    z = np.asarray(z, dtype=float)
    y = np.asarray(y, dtype=float)
    return float(np.mean(pos_weight * y * _softplus(-z) + (1.0 - y) * _softplus(z)))


def check_weighted_bce(student_fn: Callable[[Any, Any, float], Any], *, quiet: bool = False) -> CheckResult:
    r"""Check binary cross-entropy from logits with a weight on the positive class.

    As ``torch.nn.BCEWithLogitsLoss(pos_weight=...)`` computes it, averaged over samples:

    .. math:: \frac1n \sum_i \big[w_+\, y_i \log(1 + e^{-z_i}) + (1 - y_i) \log(1 + e^{z_i})\big].

    The cases include ``pos_weight = 1`` (the plain loss), weights above and below 1, logits of ±40 (where
    ``log(sigmoid(z))`` gives infinity) and ±800 (where ``exp(z)`` overflows), and integer labels, so a loss
    computed through probabilities, a weight on the wrong class or on every sample, and a sum instead of a mean
    are caught.

    Parameters
    ----------
    student_fn : callable
        ``student_fn(z, y, pos_weight)`` with logits ``z`` and labels ``y`` (0 or 1) of shape (n_samples,),
        returning the mean loss as a scalar.
    quiet : bool, default=False
        If True, print nothing.

    Returns
    -------
    CheckResult
        The verdict (also printed).

    """
    rng = np.random.default_rng(7)
    z = rng.normal(0.0, 2.0, 12)
    y = (rng.random(12) < 0.4).astype(float)
    cases = [
        Case((z, y, 1.0), label="pos_weight = 1, the plain loss"),
        Case((z, y, 3.0), label="pos_weight = 3"),
        Case((z, y, 0.25), label="pos_weight = 0.25"),
        Case((np.array([40.0, -40.0, 40.0, -40.0]), np.array([0.0, 1.0, 1.0, 0.0]), 2.0), label="logits of ±40"),
        Case((np.array([800.0, -800.0, 3.0]), np.array([0.0, 1.0, 1.0]), 5.0), label="logits of ±800"),
        Case((np.array([0.5, -1.5, 2.0]), np.array([1, 0, 1]), 2.0), label="integer labels"),
    ]
    return run_check(
        "check_weighted_bce",
        student_fn,
        _weighted_bce_reference,
        cases,
        atol=1e-12,
        rtol=1e-9,
        quiet=quiet,
    )


def _smoothed_ce_grad_reference(logits: Any, y: Any, smoothing: float) -> NDArray[np.float64]:
    logits = np.asarray(logits, dtype=float)
    y = np.asarray(y)
    n_samples, n_classes = logits.shape
    shifted = logits - logits.max(axis=1, keepdims=True)
    p = np.exp(shifted)
    p /= p.sum(axis=1, keepdims=True)
    target = np.full_like(p, smoothing / n_classes)
    target[np.arange(n_samples), y] += 1.0 - smoothing
    return (p - target) / n_samples


def check_smoothed_ce_grad(student_fn: Callable[[Any, Any, float], Any], *, quiet: bool = False) -> CheckResult:
    r"""Check the gradient of the mean cross-entropy with label smoothing, with respect to the logits.

    As ``torch.nn.CrossEntropyLoss(label_smoothing=ε)`` defines it, the target of sample :math:`i` is
    :math:`q_i = (1 - ε)\,\mathrm{onehot}(y_i) + ε / K` over :math:`K` classes, the loss is
    :math:`\frac1n\sum_i \big[\log\sum_k e^{z_{ik}} - \sum_k q_{ik} z_{ik}\big]`, and its gradient is
    :math:`(p_i - q_i)/n`. The cases include ``ε = 0`` (plain cross-entropy), two and five classes, and logits
    near 1000 (where a naive softmax gives NaN), so a missing ``1/n``, smoothing spread over the :math:`K - 1`
    wrong classes only, smoothing ignored and an unstable softmax are caught.

    Parameters
    ----------
    student_fn : callable
        ``student_fn(logits, y, smoothing)`` with ``logits`` of shape (n_samples, n_classes) and integer labels
        ``y`` of shape (n_samples,), returning the gradient, shape (n_samples, n_classes).
    quiet : bool, default=False
        If True, print nothing.

    Returns
    -------
    CheckResult
        The verdict (also printed).

    """
    rng = np.random.default_rng(11)
    logits4 = rng.normal(size=(6, 4))
    y4 = rng.integers(0, 4, 6)
    cases = [
        Case((logits4, y4, 0.0), label="no smoothing, 4 classes"),
        Case((logits4, y4, 0.1), label="smoothing 0.1, 4 classes"),
        Case((rng.normal(size=(5, 2)), rng.integers(0, 2, 5), 0.2), label="smoothing 0.2, 2 classes"),
        Case((rng.normal(size=(3, 5)), np.array([4, 0, 2]), 0.3), label="smoothing 0.3, 5 classes"),
        Case((1000.0 + rng.normal(size=(4, 3)), np.array([0, 1, 2, 1]), 0.1), label="logits near 1000"),
    ]
    return run_check(
        "check_smoothed_ce_grad",
        student_fn,
        _smoothed_ce_grad_reference,
        cases,
        atol=1e-12,
        rtol=1e-8,
        quiet=quiet,
    )


# --------------------------------------------------------------------------- notebook 02: gradient descent


def _huber_step_reference(X: Any, y: Any, w: Any, lr: float, delta: float) -> NDArray[np.float64]:
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    w = np.asarray(w, dtype=float)
    residual = X @ w - y
    return w - lr * X.T @ np.clip(residual, -delta, delta) / len(y)


def check_huber_step(student_fn: Callable[[Any, Any, Any, float, float], Any], *, quiet: bool = False) -> CheckResult:
    r"""Check one gradient-descent step on the mean Huber loss of a linear model.

    The Huber loss of a residual :math:`r = x^\top w - y` is :math:`\frac12 r^2` for :math:`|r| \le \delta` and
    :math:`\delta(|r| - \frac12\delta)` beyond (``torch.nn.HuberLoss(delta=δ)``); its derivative is :math:`r`
    clipped to :math:`[-\delta, \delta]`. The step is :math:`w - \eta\,\frac1n X^\top \operatorname{clip}(Xw - y,
    -\delta, \delta)`. The cases put every residual inside the band, every one outside, and some on each side, with
    two values of δ, so the squared error's gradient, a clip at 1 instead of δ, :math:`\delta\,\operatorname{sign}(r)`
    everywhere, a step uphill and a missing ``1/n`` are caught.

    Parameters
    ----------
    student_fn : callable
        ``student_fn(X, y, w, lr, delta)`` with ``X`` of shape (n_samples, n_features), ``y`` of shape
        (n_samples,), ``w`` of shape (n_features,), returning the new ``w``.
    quiet : bool, default=False
        If True, print nothing.

    Returns
    -------
    CheckResult
        The verdict (also printed).

    """
    rng = np.random.default_rng(13)
    X = np.c_[rng.uniform(0.0, 2.0, 8), np.ones(8)]
    y = 3.0 * X[:, 0] + 0.1 * rng.normal(size=8)
    y_outliers = y.copy()
    y_outliers[[1, 5]] += np.array([6.0, -4.0])
    cases = [
        Case((X, y, np.array([2.9, 0.05]), 0.1, 1.0), label="every residual inside the band"),
        Case((X, y, np.array([0.0, 0.0]), 0.1, 0.5), label="every residual outside the band"),
        Case((X, y_outliers, np.array([3.0, 0.0]), 0.2, 1.0), label="two outliers, delta = 1"),
        Case((X, y_outliers, np.array([3.0, 0.0]), 0.2, 2.5), label="two outliers, delta = 2.5"),
        Case((rng.normal(size=(15, 3)), rng.normal(size=15), rng.normal(size=3), 0.05, 0.7), label="3 features"),
    ]
    return run_check(
        "check_huber_step",
        student_fn,
        _huber_step_reference,
        cases,
        atol=1e-12,
        rtol=1e-9,
        quiet=quiet,
    )


def _lr_limit_for_feature_reference(mean: float, std: float) -> float:
    m, s = float(mean), float(std)
    # H = 2 [[m² + s², m], [m, 1]] for the design matrix [x, 1]: trace T, determinant D
    trace = 2.0 * (m * m + s * s + 1.0)
    det = 4.0 * s * s
    mu_max = trace / 2.0 + np.sqrt(trace * trace / 4.0 - det)
    return float(2.0 / mu_max)


def check_lr_limit_for_feature(student_fn: Callable[[float, float], Any], *, quiet: bool = False) -> CheckResult:
    r"""Check the largest stable learning rate for a line fitted to one feature, from its mean and spread alone.

    For the design matrix :math:`X = [x, 1]` and the loss :math:`\frac1n\lVert Xw - y\rVert^2`, the Hessian is
    :math:`H = 2\begin{pmatrix} m^2 + s^2 & m \\ m & 1\end{pmatrix}` with the feature's mean :math:`m` and standard
    deviation :math:`s` (population, ``np.std``); gradient descent is stable for :math:`\eta < 2/\beta` with
    :math:`\beta` the largest eigenvalue of :math:`H`. The cases include a standardized feature (:math:`H = 2I`),
    a small spread, a large mean, and the areas of notebook 02, so forgetting the intercept's row, the mean, the
    factor 2, or returning :math:`1/\beta` is caught. Relative tolerance 1e-9: the answers span five decades.

    Parameters
    ----------
    student_fn : callable
        ``student_fn(mean, std)`` returning :math:`2/\beta` as a float.
    quiet : bool, default=False
        If True, print nothing.

    Returns
    -------
    CheckResult
        The verdict (also printed).

    """
    cases = [
        Case((0.0, 1.0), label="a standardized feature: mean 0, std 1"),
        Case((0.0, 0.5), label="mean 0, std 0.5"),
        Case((1.0, 2.0 / np.sqrt(12.0)), label="x uniform on [0, 2]"),
        Case((100.0, 100.0 / np.sqrt(12.0)), label="areas uniform on [50, 150] m²"),
        Case((-3.0, 0.2), label="mean -3, std 0.2"),
        Case((0.0, 10.0), label="mean 0, std 10"),
    ]
    return run_check(
        "check_lr_limit_for_feature",
        student_fn,
        _lr_limit_for_feature_reference,
        cases,
        atol=0.0,
        rtol=1e-9,
        quiet=quiet,
    )


def _best_fixed_lr_reference(X: Any) -> float:
    X = np.asarray(X, dtype=float)
    mu = np.linalg.eigvalsh(2.0 / len(X) * X.T @ X)
    return float(2.0 / (mu[0] + mu[-1]))


def check_best_fixed_lr(student_fn: Callable[[Any], Any], *, quiet: bool = False) -> CheckResult:
    r"""Check the fixed learning rate that makes gradient descent on a least-squares loss fastest.

    For :math:`\frac1n\lVert Xw - y\rVert^2`, with :math:`\mu_{\min}` and :math:`\mu_{\max}` the extreme
    eigenvalues of :math:`H = \frac2n X^\top X`, the slowest direction shrinks by
    :math:`\max(|1 - \eta\mu_{\min}|, |1 - \eta\mu_{\max}|)` per step, smallest at
    :math:`\eta = 2/(\mu_{\min} + \mu_{\max})`. The cases (one feature with an intercept, three features, a
    well-conditioned and a badly conditioned design) catch the stability limit :math:`2/\mu_{\max}`, :math:`1/\mu_{\max}`,
    the two eigenvalues' difference, and a Hessian without its factor 2 or its ``1/n``.

    Parameters
    ----------
    student_fn : callable
        ``student_fn(X)`` with ``X`` of shape (n_samples, n_features), returning the learning rate as a float.
    quiet : bool, default=False
        If True, print nothing.

    Returns
    -------
    CheckResult
        The verdict (also printed).

    """
    rng = np.random.default_rng(17)
    x = rng.uniform(0.0, 2.0, 40)
    area = rng.uniform(50.0, 150.0, 40)
    cases = [
        Case((np.c_[x, np.ones(40)],), label="x uniform on [0, 2], with an intercept"),
        Case((rng.normal(size=(30, 3)),), label="three centred features"),
        Case((np.c_[area, np.ones(40)],), label="areas in m², with an intercept"),
        Case((np.eye(4) * np.array([1.0, 2.0, 3.0, 4.0]),), label="four samples, diagonal design"),
    ]
    return run_check(
        "check_best_fixed_lr",
        student_fn,
        _best_fixed_lr_reference,
        cases,
        atol=0.0,
        rtol=1e-9,
        quiet=quiet,
    )
