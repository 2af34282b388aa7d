"""Self-checks for the exercises of notebooks 06 (lasso) and 07 (elastic net).

Each ``check_*`` runs the student's function on cases chosen so that the
usual slips fail: a shrink without the zero band, a forgotten centring or
1/n, a standard deviation where a standard error belongs, the article's α
taken for scikit-learn's ``l1_ratio``, glmnet's λ used without its ``y``
scaling.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from .._validation import validate_bool
from ..lasso import alpha_max, article_to_sklearn, glmnet_to_sklearn, lasso_objective, soft_threshold
from ._core import Case, CheckResult, run_check

__all__ = [
    "check_article_to_sklearn",
    "check_enet_alpha_max",
    "check_glmnet_to_sklearn",
    "check_lasso_objective",
    "check_one_se_alpha",
    "check_second_entry",
    "check_soft_threshold",
]


def check_soft_threshold(student_fn: Callable[[Any, float], Any], *, quiet: bool = False) -> CheckResult:
    r"""Check ``soft_threshold(z, t) = sign(z) * max(|z| - t, 0)``, elementwise.

    Cases: values on both sides of the threshold and exactly on it, negative
    values, ``t = 0`` (nothing changes), a threshold above every value (all
    zero), and a single number. A plain shift ``z - t sign(z)``, hard
    thresholding and a threshold halved are all caught.

    Parameters
    ----------
    student_fn : callable
        ``student_fn(z, threshold)`` returning an array shaped like ``z``.
    quiet : bool, default=False
        If True, print nothing.

    Returns
    -------
    CheckResult
        The verdict (also printed).

    """
    quiet = validate_bool(quiet, "quiet")
    rng = np.random.default_rng(6)
    cases = [
        Case((np.array([-3.0, -1.0, -0.5, 0.0, 0.5, 1.0, 3.0]), 1.0), label="values around t = 1, some exactly ±t"),
        Case((np.array([2.0, -2.0, 0.3]), 0.0), label="t = 0: nothing changes"),
        Case((np.array([0.2, -0.7, 1.5]), 2.0), label="t above every |z|: all zero"),
        Case((rng.normal(0.0, 2.0, 25), 0.8), label="25 random values"),
        Case((np.array([-4.25]), 1.5), label="one negative value"),
    ]
    return run_check("check_soft_threshold", student_fn, soft_threshold, cases, atol=1e-12, quiet=quiet)


def check_lasso_objective(student_fn: Callable[..., Any], *, quiet: bool = False) -> CheckResult:
    r"""Check scikit-learn's lasso objective :math:`\frac{1}{2n}\lVert y - Xw - b\rVert^2 + \alpha\lVert w\rVert_1`.

    ``student_fn(X, y, coef, intercept, alpha)`` returns the value. The cases
    have a non-zero intercept, negative coefficients, ``alpha = 0`` and two
    sample sizes, so :math:`\frac1n` for :math:`\frac{1}{2n}`, a sum for the
    mean, a squared penalty and a penalised intercept are all caught.

    Parameters
    ----------
    student_fn : callable
        ``student_fn(X, y, coef, intercept, alpha)`` returning a float.
    quiet : bool, default=False
        If True, print nothing.

    Returns
    -------
    CheckResult
        The verdict (also printed).

    """
    quiet = validate_bool(quiet, "quiet")
    rng = np.random.default_rng(5)
    X1, X2 = rng.normal(size=(30, 4)), rng.normal(size=(80, 3))
    y1, y2 = X1 @ np.array([1.0, -2.0, 0.0, 0.5]) + 3.0 + rng.normal(size=30), rng.normal(size=80)
    cases = [
        Case((X1, y1, np.array([0.8, -1.5, 0.0, 0.3]), 2.5, 0.7), label="30 samples, intercept 2.5, alpha 0.7"),
        Case((X1, y1, np.array([0.8, -1.5, 0.0, 0.3]), 2.5, 0.0), label="alpha = 0: half the mean squared error"),
        Case((X2, y2, np.array([-0.4, 0.0, 2.0]), -1.0, 0.25), label="80 samples, negative intercept"),
        Case((X2, y2, np.zeros(3), 0.0, 5.0), label="all coefficients zero"),
    ]
    return run_check("check_lasso_objective", student_fn, lasso_objective, cases, rtol=1e-10, quiet=quiet)


def _regression_cases(seed: int) -> list[Case]:
    rng = np.random.default_rng(seed)
    X1 = rng.normal(3.0, 1.0, (40, 5))
    y1 = X1 @ np.array([1.0, 0.0, -2.0, 0.5, 0.0]) + 10.0 + rng.normal(size=40)
    X2 = rng.normal(size=(15, 8)) * np.array([1, 2, 3, 4, 5, 6, 7, 8])
    y2 = rng.normal(5.0, 3.0, 15)
    X3 = rng.normal(size=(100, 3))
    y3 = 2.0 * X3[:, 1] + rng.normal(size=100)
    return [
        Case((X1, y1), label="40 samples, uncentred X and y"),
        Case((X2, y2), label="15 samples, columns of different scales"),
        Case((X3, y3), label="100 samples, one informative feature"),
    ]


def _enet_alpha_max_reference(X: Any, y: Any, l1_ratio: float) -> float:
    return alpha_max(X, y, l1_ratio=l1_ratio)


def check_enet_alpha_max(student_fn: Callable[[Any, Any, float], Any], *, quiet: bool = False) -> CheckResult:
    r"""Check the elastic net's :math:`\alpha_{\max} = \max_j |x_j^\top (y - \bar y)| / (n\,\rho)`.

    ``student_fn(X, y, l1_ratio)`` with ``l1_ratio`` in (0, 1]; the cases use
    several ratios so that ignoring ``l1_ratio`` or multiplying by it fails.

    Parameters
    ----------
    student_fn : callable
        ``student_fn(X, y, l1_ratio)`` returning a float.
    quiet : bool, default=False
        If True, print nothing.

    Returns
    -------
    CheckResult
        The verdict (also printed).

    """
    quiet = validate_bool(quiet, "quiet")
    base = _regression_cases(70)
    cases = [
        Case((*base[0].args, 1.0), label=base[0].label + ", l1_ratio = 1 (lasso)"),
        Case((*base[1].args, 0.5), label=base[1].label + ", l1_ratio = 0.5"),
        Case((*base[2].args, 0.1), label=base[2].label + ", l1_ratio = 0.1"),
    ]
    return run_check("check_enet_alpha_max", student_fn, _enet_alpha_max_reference, cases, rtol=1e-8, quiet=quiet)


def _second_entry_reference(X: Any, y: Any) -> tuple[float, float]:
    X_arr, y_arr = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    n = len(y_arr)
    Xc, yc = X_arr - X_arr.mean(axis=0), y_arr - y_arr.mean()
    c = Xc.T @ yc / n  # (1/n) x_k' r at w = 0
    q = Xc.T @ Xc / n
    j = int(np.argmax(np.abs(c)))  # the first to enter, at lambda_max = |c_j|
    sign = np.sign(c[j])
    # just below lambda_max: w_j(lam) = (c_j - lam * sign) / q_jj, and (1/n) x_k' r(lam) = a_k + b_k lam
    a = c - q[:, j] * c[j] / q[j, j]
    b = q[:, j] * sign / q[j, j]
    with np.errstate(divide="ignore", invalid="ignore"):
        lam = np.where(a > 0, a / (1 - b), -a / (1 + b))  # where |a_k + b_k lam| reaches lam
    lam[j] = -np.inf
    k = int(np.argmax(lam))
    return float(k), float(lam[k])


def _entry_cases(seed: int) -> list[Case]:
    rng = np.random.default_rng(seed)

    def standardised(X: np.ndarray) -> np.ndarray:
        return (X - X.mean(axis=0)) / X.std(axis=0)

    z = rng.normal(size=(80, 1))
    X1 = standardised(
        np.c_[z + 0.3 * rng.normal(size=(80, 1)), z + 0.3 * rng.normal(size=(80, 1)), rng.normal(size=(80, 3))]
    )
    y1 = X1 @ np.array([2.0, 0.0, 0.0, 1.2, -0.4]) + 10.0 + rng.normal(size=80)  # x1 is runner-up, x3 enters
    X2 = standardised(rng.normal(size=(50, 6)) @ rng.normal(size=(6, 6)))
    y2 = -(X2 @ np.array([3.0, 0.0, -1.0, 0.5, 0.0, 2.0])) - 4.0 + rng.normal(size=50)
    X3 = standardised(rng.normal(size=(200, 4)))
    y3 = X3 @ np.array([0.2, -2.5, 1.0, 0.0]) + 0.5 * rng.normal(size=200)
    return [
        Case((X1, y1), label="80 samples, y with mean 10; the runner-up in |correlation| is a twin of the leader"),
        Case((X2, y2), label="50 samples, 6 correlated features, negative effects"),
        Case((X3, y3), label="200 samples, 4 independent features"),
    ]


def check_second_entry(student_fn: Callable[[Any, Any], Any], *, quiet: bool = False) -> CheckResult:
    r"""Check ``second_entry(X, y) -> (k, lam)``: which feature enters the lasso path second, and at which λ.

    ``X`` has standardised columns (mean 0, variance 1 with the :math:`1/n` formula); the model has an intercept
    (scikit-learn's ``Lasso``, data term :math:`\frac{1}{2n}`). Just below
    :math:`\lambda_{\max} = \frac1n\lvert x_j^\top (y - \bar y)\rvert` only feature ``j`` is active, with
    :math:`w_j(\lambda) = c_j - \lambda\,\mathrm{sign}(c_j)`, :math:`c_k = \frac1n x_k^\top (y - \bar y)`; feature
    ``k`` enters where :math:`\lvert c_k - \rho_{kj} w_j(\lambda)\rvert = \lambda` (:math:`\rho_{kj}` the correlation
    of the two columns); the answer is the feature for which that happens at the largest λ, and that λ. Taking
    the runner-up in correlation with ``y`` (the first case is built so that it differs), forgetting the effect
    of the first feature on the residual, the wrong sign in the denominator and a missing :math:`1/n` all fail.

    Parameters
    ----------
    student_fn : callable
        ``student_fn(X, y)`` returning the pair ``(k, lam)``: a column index and a float.
    quiet : bool, default=False
        If True, print nothing.

    Returns
    -------
    CheckResult
        The verdict (also printed).

    """
    quiet = validate_bool(quiet, "quiet")
    return run_check(
        "check_second_entry", student_fn, _second_entry_reference, _entry_cases(13), rtol=1e-8, quiet=quiet
    )


def _one_se_reference(alphas: Any, mse_path: Any) -> float:
    a = np.asarray(alphas, dtype=float)
    m = np.asarray(mse_path, dtype=float)
    mean = m.mean(axis=1)
    se = m.std(axis=1, ddof=1) / np.sqrt(m.shape[1])
    best = int(np.argmin(mean))
    ok = mean <= mean[best] + se[best]
    return float(a[ok].max())


def check_one_se_alpha(student_fn: Callable[[Any, Any], Any], *, quiet: bool = False) -> CheckResult:
    r"""Check the one-standard-error rule on a cross-validation path.

    ``student_fn(alphas, mse_path)`` gets ``LassoCV``'s ``alphas_`` (shape
    ``(n_alphas,)``) and ``mse_path_`` (shape ``(n_alphas, n_folds)``) and must
    return the **largest** alpha whose mean error is at most the minimum mean
    error plus one standard error of that minimum,
    :math:`\mathrm{se} = s / \sqrt{K}` (``s`` the fold standard deviation with
    ``ddof=1``, ``K`` folds). Cases with decreasing and increasing grids catch
    picking by position, the smallest alpha, and the standard deviation in
    place of the standard error.

    Parameters
    ----------
    student_fn : callable
        ``student_fn(alphas, mse_path)`` returning a float.
    quiet : bool, default=False
        If True, print nothing.

    Returns
    -------
    CheckResult
        The verdict (also printed).

    """
    quiet = validate_bool(quiet, "quiet")
    rng = np.random.default_rng(11)
    alphas = np.geomspace(10.0, 0.01, 30)
    curve = 1.0 + 0.5 * (np.log10(alphas) + 0.5) ** 2
    folds = curve[:, None] + rng.normal(0.0, 0.15, (30, 5))
    folds_wide = curve[:, None] + rng.normal(0.0, 0.6, (30, 10))
    # 3 folds: the minimum (alpha = 1) has fold errors 1, 2, 3 -> mean 2, se 1/sqrt(3) = 0.577 with ddof=1 but
    # 0.471 with ddof=0; alpha = 2 has mean 2.52, inside the first band and outside the second
    alphas_3 = np.array([10.0, 5.0, 2.0, 1.0, 0.5])
    folds_3 = np.array([[3.5, 4.0, 4.5], [2.8, 3.0, 3.2], [2.32, 2.52, 2.72], [1.0, 2.0, 3.0], [1.9, 2.2, 2.5]])
    cases = [
        Case((alphas, folds), label="30 alphas (decreasing, as LassoCV stores them), 5 folds"),
        Case((alphas[::-1].copy(), folds[::-1].copy()), label="the same, alphas increasing"),
        Case((alphas, folds_wide), label="noisy folds, 10 of them"),
        Case((alphas_3, folds_3), label="3 folds, one alpha between the ddof=1 and ddof=0 thresholds"),
    ]
    return run_check("check_one_se_alpha", student_fn, _one_se_reference, cases, rtol=1e-10, quiet=quiet)


def check_article_to_sklearn(student_fn: Callable[[float, float], Any], *, quiet: bool = False) -> CheckResult:
    r"""Check the conversion of the article's :math:`(\lambda, a)` to scikit-learn's ``(alpha, l1_ratio)``.

    The article minimises
    :math:`\frac1n\lVert y - Xw - b\rVert^2 + \lambda\sum_j (a w_j^2 + (1-a)|w_j|)`;
    the answer is ``(lambda * (1 + a) / 2, (1 - a) / (1 + a))`` (see
    :func:`regviz.lasso.article_to_sklearn`). Taking ``a`` for ``l1_ratio``
    (the article's trap) or forgetting the factor 1/2 of scikit-learn's data
    term fails.

    Parameters
    ----------
    student_fn : callable
        ``student_fn(lambda_, alpha)`` returning ``(alpha, l1_ratio)``.
    quiet : bool, default=False
        If True, print nothing.

    Returns
    -------
    CheckResult
        The verdict (also printed).

    """
    quiet = validate_bool(quiet, "quiet")
    cases = [
        Case((1.0, 0.0), label="λ = 1, a = 0 (pure lasso)"),
        Case((0.5, 1.0), label="λ = 0.5, a = 1 (pure ridge)"),
        Case((2.0, 0.5), label="λ = 2, a = 0.5"),
        Case((0.03, 0.2), label="λ = 0.03, a = 0.2"),
    ]
    return run_check("check_article_to_sklearn", student_fn, article_to_sklearn, cases, rtol=1e-10, quiet=quiet)


def check_glmnet_to_sklearn(student_fn: Callable[..., Any], *, quiet: bool = False) -> CheckResult:
    r"""Check the conversion of glmnet's ``(lambda, alpha)`` to scikit-learn's ``(alpha, l1_ratio)``.

    ``student_fn(lambda_, alpha, y_scale)`` with ``y_scale`` = ``np.std(y)``:
    glmnet fits on ``y / y_scale`` with ``lambda / y_scale``, so the answer is
    ``(lambda * (a + (1 - a) / s), a / (a + (1 - a) / s))`` (see
    :func:`regviz.lasso.glmnet_to_sklearn`). The identity mapping (right only
    for ``s = 1`` or the lasso) and a scale applied the wrong way round fail.

    Parameters
    ----------
    student_fn : callable
        ``student_fn(lambda_, alpha, y_scale)`` returning ``(alpha, l1_ratio)``.
    quiet : bool, default=False
        If True, print nothing.

    Returns
    -------
    CheckResult
        The verdict (also printed).

    """
    quiet = validate_bool(quiet, "quiet")

    def reference(lambda_: float, alpha: float, y_scale: float) -> Any:
        return glmnet_to_sklearn(lambda_, alpha, y_scale=y_scale)

    cases = [
        Case((0.5, 1.0, 20.0), label="the lasso (a = 1), s = 20"),
        Case((0.5, 0.5, 1.0), label="a = 0.5 on a standardised y (s = 1)"),
        Case((0.1, 0.5, 20.0), label="a = 0.5, s = 20"),
        Case((2.0, 0.2, 0.25), label="a = 0.2, s = 0.25"),
    ]
    return run_check("check_glmnet_to_sklearn", student_fn, reference, cases, rtol=1e-10, quiet=quiet)
