r"""Reference solvers for the lasso and the elastic net, and their parametrisations.

Notebooks 06 and 07 write these algorithms from scratch; the versions here are
the tested references the self-checks and the widgets rely on. Every solver
minimises **scikit-learn's** objective, with the same scaling:

.. math::

    \frac{1}{2n}\lVert y - Xw - b\rVert_2^2
    + \alpha\,\rho\,\lVert w\rVert_1
    + \frac{\alpha\,(1-\rho)}{2}\lVert w\rVert_2^2,

where ``alpha`` is :math:`\alpha \ge 0`, ``l1_ratio`` is :math:`\rho \in [0, 1]`
(:math:`\rho = 1` is the lasso) and the intercept :math:`b` is not penalised.

Three ways of writing the same elastic net are in use; the converters map
between them exactly:

* scikit-learn: ``ElasticNet(alpha, l1_ratio)``, the objective above.
* The source article: :math:`\frac1n\lVert y - Xw - b\rVert^2 + \lambda
  \sum_j (a\,w_j^2 + (1-a)\,\lvert w_j\rvert)`, whose mixing weight ``a``
  multiplies the *squared* term (the opposite of ``l1_ratio``) and whose data
  term has no factor 1/2.
* glmnet (R): :math:`\frac{1}{2n}\lVert \tilde y - Xw - b\rVert^2 +
  \lambda\,(\frac{1-a}{2}\lVert w\rVert^2 + a\lVert w\rVert_1)` with ``a = 1``
  the lasso, solved after glmnet rescales ``y`` to unit variance; see
  :func:`glmnet_to_sklearn`.

The explorers' precomputations (``lasso_slider``, ``constraint_fits``, ``enet_slider``, ``quadratic_loss``,
``loss_ellipse``, ``penalty_boundary``) and ``article_objective`` serve the widgets and the self-checks: they
validate their arguments like the rest but are not in ``__all__``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, NamedTuple

import numpy as np
from numpy.typing import NDArray

from ._validation import (
    validate_array,
    validate_bool,
    validate_int,
    validate_real,
    validate_same_length,
    validate_train_val,
)
from .ridge import RidgeSVD

__all__ = [
    "alpha_max",
    "article_to_sklearn",
    "enet_cd",
    "enet_objective",
    "glmnet_to_sklearn",
    "lasso_cd",
    "lasso_objective",
    "soft_threshold",
]

MAX_BOUNDARY_POINTS = 100_001
"""Largest ``n_points`` :func:`penalty_boundary` accepts (a smooth curve needs a few hundred)."""


# --------------------------------------------------------------------------- argument checks


def _validate_l1_ratio(l1_ratio: Any) -> float:
    return validate_real(l1_ratio, "l1_ratio", low=0, high=1)


def _validate_xy(X: Any, y: Any) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    X_arr = validate_array(X, "X", ndim=2)
    y_arr = validate_array(y, "y", ndim=1)
    validate_same_length(("X", X_arr), ("y", y_arr))
    return X_arr, y_arr


def _validate_coef(coef: Any, n_features: int, name: str = "coef") -> NDArray[np.float64]:
    c = validate_array(coef, name, ndim=1)
    if c.shape != (n_features,):
        raise ValueError(f"{name} must have shape ({n_features},) to match X, got {c.shape}")
    return c


# --------------------------------------------------------------------------- building blocks


def soft_threshold(z: Any, threshold: float) -> Any:
    r"""Soft-thresholding :math:`S(z, t) = \operatorname{sign}(z)\max(\lvert z\rvert - t, 0)`.

    It solves the one-dimensional lasso
    :math:`\min_w \tfrac12 (w - z)^2 + t\lvert w\rvert`: values with
    :math:`\lvert z\rvert \le t` become exactly 0, the others move ``t``
    towards 0.

    Parameters
    ----------
    z : float or array-like of shape (n_values,)
        Input value(s), finite: a number or a non-empty 1-D array.
    threshold : float
        The threshold :math:`t \ge 0`.

    Returns
    -------
    float or ndarray
        A float for a scalar ``z``, else an array of the shape of ``z``.

    """
    t = validate_real(threshold, "threshold", low=0)
    z_arr = validate_array(z, "z", ndim=(0, 1))
    out = np.sign(z_arr) * np.maximum(np.abs(z_arr) - t, 0.0)
    return float(out) if out.ndim == 0 else out


def alpha_max(X: Any, y: Any, *, l1_ratio: float = 1.0, fit_intercept: bool = True) -> float:
    r"""Smallest ``alpha`` at which every coefficient of the (elastic-net) lasso is zero.

    From the optimality condition at :math:`w = 0`:
    :math:`\alpha_{\max} = \max_j \lvert x_j^\top (y - \bar y)\rvert / (n\,\rho)`,
    with centred columns when ``fit_intercept`` is True (scikit-learn's
    scaling; it is where ``lasso_path`` starts its grid).

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
        Inputs.
    y : array-like of shape (n_samples,)
        Targets.
    l1_ratio : float, default=1.0
        :math:`\rho`, in (0, 1]; with :math:`\rho = 0` (ridge) no finite
        ``alpha`` zeroes the coefficients.
    fit_intercept : bool, default=True
        Whether the model has an unpenalised intercept (then X and y are centred). Only ``True`` or ``False``:
        ``None`` or the string ``"False"`` (truthy!) are refused.

    Returns
    -------
    float
        :math:`\alpha_{\max} \ge 0`.

    """
    X_arr, y_arr = _validate_xy(X, y)
    r = validate_real(l1_ratio, "l1_ratio", low=0, high=1, low_open=True)
    fit_intercept = validate_bool(fit_intercept, "fit_intercept")
    if fit_intercept:
        X_arr = X_arr - X_arr.mean(axis=0)
        y_arr = y_arr - y_arr.mean()
    return float(np.max(np.abs(X_arr.T @ y_arr)) / (len(y_arr) * r))


# --------------------------------------------------------------------------- objectives


def enet_objective(X: Any, y: Any, coef: Any, intercept: float, alpha: float, l1_ratio: float) -> float:
    r"""scikit-learn's elastic-net objective at ``(coef, intercept)``.

    .. math::

        \frac{1}{2n}\lVert y - Xw - b\rVert_2^2 + \alpha\rho\lVert w\rVert_1
        + \frac{\alpha(1-\rho)}{2}\lVert w\rVert_2^2

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
        Inputs.
    y : array-like of shape (n_samples,)
        Targets.
    coef : array-like of shape (n_features,)
        :math:`w`.
    intercept : float
        :math:`b` (not penalised).
    alpha : float
        :math:`\alpha \ge 0`.
    l1_ratio : float
        :math:`\rho \in [0, 1]`.

    Returns
    -------
    float

    """
    X_arr, y_arr = _validate_xy(X, y)
    w = _validate_coef(coef, X_arr.shape[1])
    b = validate_real(intercept, "intercept")
    a = validate_real(alpha, "alpha", low=0)
    r = _validate_l1_ratio(l1_ratio)
    residual = y_arr - X_arr @ w - b
    return float(residual @ residual / (2 * len(y_arr)) + a * r * np.abs(w).sum() + 0.5 * a * (1 - r) * (w @ w))


def lasso_objective(X: Any, y: Any, coef: Any, intercept: float, alpha: float) -> float:
    r"""scikit-learn's lasso objective :math:`\frac{1}{2n}\lVert y - Xw - b\rVert^2 + \alpha\lVert w\rVert_1`.

    The elastic-net objective with ``l1_ratio=1``; see :func:`enet_objective`.
    """
    return enet_objective(X, y, coef, intercept, alpha, 1.0)


def article_objective(X: Any, y: Any, coef: Any, intercept: float, lambda_: float, alpha: float) -> float:
    r"""The source article's elastic-net objective at ``(coef, intercept)``.

    .. math::

        \frac{1}{n}\lVert y - Xw - b\rVert_2^2
        + \lambda \sum_j \left(a\,w_j^2 + (1-a)\,\lvert w_j\rvert\right)

    The article writes the penalty only; we read its data term as the mean
    squared error (no factor 1/2). Its ``alpha`` (:math:`a`) weighs the
    *squared* term: ``alpha=0`` is the lasso, ``alpha=1`` ridge.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
        Inputs.
    y : array-like of shape (n_samples,)
        Targets.
    coef : array-like of shape (n_features,)
        :math:`w`.
    intercept : float
        :math:`b` (not penalised).
    lambda_ : float
        :math:`\lambda \ge 0`.
    alpha : float
        :math:`a \in [0, 1]`, the weight of the squared term.

    Returns
    -------
    float

    """
    X_arr, y_arr = _validate_xy(X, y)
    w = _validate_coef(coef, X_arr.shape[1])
    b = validate_real(intercept, "intercept")
    lam = validate_real(lambda_, "lambda_", low=0)
    a = validate_real(alpha, "alpha", low=0, high=1)
    residual = y_arr - X_arr @ w - b
    return float(residual @ residual / len(y_arr) + lam * (a * (w @ w) + (1 - a) * np.abs(w).sum()))


# --------------------------------------------------------------------------- solvers


@dataclass(frozen=True)
class EnetFit:
    """Result of :func:`lasso_cd` or :func:`enet_cd`.

    Attributes
    ----------
    coef : ndarray of shape (n_features,)
        The coefficients :math:`w` (exact zeros where the penalty removed a feature).
    intercept : float
        The unpenalised intercept :math:`b` (0.0 when ``fit_intercept=False``).
    n_iter : int
        Number of full sweeps over the features.
    converged : bool
        Whether the largest coefficient change of the last sweep was ``<= tol``.

    """

    coef: NDArray[np.float64]
    intercept: float
    n_iter: int
    converged: bool


def enet_cd(
    X: Any,
    y: Any,
    alpha: float,
    l1_ratio: float = 0.5,
    *,
    fit_intercept: bool = True,
    max_iter: int = 10_000,
    tol: float = 1e-12,
    coef_init: Any = None,
) -> EnetFit:
    r"""Elastic net by cyclic coordinate descent, on scikit-learn's objective.

    Minimises

    .. math::

        \frac{1}{2n}\lVert y - Xw - b\rVert_2^2 + \alpha\rho\lVert w\rVert_1
        + \frac{\alpha(1-\rho)}{2}\lVert w\rVert_2^2

    (``ElasticNet(alpha, l1_ratio)``; ``Lasso(alpha)`` when :math:`\rho = 1`).
    The intercept is not penalised: X and y are centred, and
    :math:`b = \bar y - \bar x^\top w`. Each coordinate update is exact:

    .. math::

        w_j \leftarrow \frac{S\!\left(\tfrac1n x_j^\top r_{-j},\ \alpha\rho\right)}
                            {\tfrac1n x_j^\top x_j + \alpha(1-\rho)},

    with :math:`r_{-j}` the residual without feature ``j`` and :math:`S` the
    :func:`soft_threshold`.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
        Inputs.
    y : array-like of shape (n_samples,)
        Targets.
    alpha : float
        :math:`\alpha \ge 0`, the overall strength.
    l1_ratio : float, default=0.5
        :math:`\rho \in [0, 1]`, the share of the L1 term.
    fit_intercept : bool, default=True
        Fit an unpenalised intercept.
    max_iter : int, default=10000
        Maximum number of sweeps, at least 1.
    tol : float, default=1e-12
        Stop when the largest change of a coefficient in a sweep is ``<= tol``
        (absolute), ``>= 0``.
    coef_init : array-like of shape (n_features,) or None, default=None
        Starting point (a warm start); zeros if None.

    Returns
    -------
    EnetFit
        Coefficients, intercept, sweeps used and whether ``tol`` was reached.

    """
    X_arr, y_arr = _validate_xy(X, y)
    a = validate_real(alpha, "alpha", low=0)
    r = _validate_l1_ratio(l1_ratio)
    fit_intercept = validate_bool(fit_intercept, "fit_intercept")
    max_iter = validate_int(max_iter, "max_iter", low=1)
    tol = validate_real(tol, "tol", low=0)
    n, p = X_arr.shape
    if fit_intercept:
        x_mean, y_mean = X_arr.mean(axis=0), float(y_arr.mean())
    else:
        x_mean, y_mean = np.zeros(p), 0.0
    Xc, yc = X_arr - x_mean, y_arr - y_mean
    coef = np.zeros(p) if coef_init is None else _validate_coef(coef_init, p, "coef_init").copy()
    col_sq = np.einsum("ij,ij->j", Xc, Xc) / n
    denom = col_sq + a * (1 - r)
    residual = yc - Xc @ coef
    sweeps, converged = 0, False
    for sweeps in range(1, max_iter + 1):  # noqa: B007 - the count is returned
        if _cd_sweep(Xc, coef, residual, col_sq, denom, a * r) <= tol:
            converged = True
            break
    return EnetFit(coef=coef, intercept=float(y_mean - x_mean @ coef), n_iter=sweeps, converged=converged)


def _cd_sweep(
    Xc: NDArray[np.float64],
    coef: NDArray[np.float64],
    residual: NDArray[np.float64],
    col_sq: NDArray[np.float64],
    denom: NDArray[np.float64],
    threshold: float,
) -> float:
    """One cyclic sweep of :func:`enet_cd`, updating ``coef`` and ``residual`` in place; the largest change."""
    n = Xc.shape[0]
    largest_change = 0.0
    for j in range(Xc.shape[1]):
        if denom[j] == 0.0:  # a constant column with no L2 term: its coefficient stays 0
            continue
        old = coef[j]
        rho = Xc[:, j] @ residual / n + col_sq[j] * old
        new = np.sign(rho) * max(abs(rho) - threshold, 0.0) / denom[j]
        if new != old:
            residual -= Xc[:, j] * (new - old)
            coef[j] = new
            largest_change = max(largest_change, abs(new - old))
    return largest_change


def lasso_cd(
    X: Any,
    y: Any,
    alpha: float,
    *,
    fit_intercept: bool = True,
    max_iter: int = 10_000,
    tol: float = 1e-12,
    coef_init: Any = None,
) -> EnetFit:
    r"""Lasso by cyclic coordinate descent, on scikit-learn's objective.

    Minimises :math:`\frac{1}{2n}\lVert y - Xw - b\rVert_2^2 + \alpha\lVert w\rVert_1`
    (``sklearn.linear_model.Lasso(alpha)``), with the update
    :math:`w_j \leftarrow S(\tfrac1n x_j^\top r_{-j}, \alpha) / (\tfrac1n x_j^\top x_j)`.
    It is :func:`enet_cd` with ``l1_ratio=1``; see there for the parameters.

    Returns
    -------
    EnetFit

    """
    return enet_cd(X, y, alpha, 1.0, fit_intercept=fit_intercept, max_iter=max_iter, tol=tol, coef_init=coef_init)


# --------------------------------------------------------------------------- parametrisations


class SklearnParams(NamedTuple):
    """scikit-learn's ``ElasticNet(alpha=..., l1_ratio=...)`` arguments (``ElasticNet(**p._asdict())``)."""

    alpha: float
    l1_ratio: float


class ArticleParams(NamedTuple):
    r"""The source article's :math:`\lambda` and :math:`a` (weight of the squared term)."""

    lambda_: float
    alpha: float


class GlmnetParams(NamedTuple):
    r"""glmnet's ``lambda`` and ``alpha`` (``alpha = 1`` is the lasso)."""

    lambda_: float
    alpha: float


def article_to_sklearn(lambda_: float, alpha: float) -> SklearnParams:
    r"""Convert the article's :math:`(\lambda, a)` to scikit-learn's ``(alpha, l1_ratio)``.

    The article minimises
    :math:`\frac1n\lVert y - Xw - b\rVert^2 + \lambda\sum_j(a w_j^2 + (1-a)\lvert w_j\rvert)`.
    Halving it gives scikit-learn's data term, so matching the two penalties,
    :math:`\alpha\rho = \lambda(1-a)/2` and :math:`\alpha(1-\rho)/2 = \lambda a/2`, gives

    .. math::

        \alpha_{\text{sklearn}} = \frac{\lambda(1+a)}{2},\qquad
        \rho = \frac{1-a}{1+a}.

    Both objectives then have the same minimiser (one is half the other).

    Parameters
    ----------
    lambda_ : float
        :math:`\lambda \ge 0`.
    alpha : float
        The article's :math:`a \in [0, 1]` (``0`` = lasso, ``1`` = ridge).

    Returns
    -------
    SklearnParams
        ``(alpha, l1_ratio)`` for ``sklearn.linear_model.ElasticNet``.

    """
    lam = validate_real(lambda_, "lambda_", low=0)
    a = validate_real(alpha, "alpha", low=0, high=1)
    return SklearnParams(alpha=lam * (1 + a) / 2, l1_ratio=(1 - a) / (1 + a))


def sklearn_to_article(alpha: float, l1_ratio: float) -> ArticleParams:
    r"""Convert scikit-learn's ``(alpha, l1_ratio)`` to the article's :math:`(\lambda, a)`.

    The inverse of :func:`article_to_sklearn`:
    :math:`\lambda = \alpha(1+\rho)`, :math:`a = (1-\rho)/(1+\rho)`.

    Parameters
    ----------
    alpha : float
        scikit-learn's ``alpha >= 0``.
    l1_ratio : float
        scikit-learn's ``l1_ratio`` in [0, 1].

    Returns
    -------
    ArticleParams

    """
    a = validate_real(alpha, "alpha", low=0)
    r = _validate_l1_ratio(l1_ratio)
    return ArticleParams(lambda_=a * (1 + r), alpha=(1 - r) / (1 + r))


def glmnet_to_sklearn(lambda_: float, alpha: float, *, y_scale: float = 1.0) -> SklearnParams:
    r"""Convert glmnet's ``(lambda, alpha)`` (family ``"gaussian"``) to scikit-learn's.

    glmnet documents the objective
    :math:`\frac{1}{2n}\lVert y - Xw - b\rVert^2 + \lambda(\frac{1-a}{2}\lVert w\rVert^2 + a\lVert w\rVert_1)`,
    the same form as scikit-learn's with ``alpha = lambda`` and ``l1_ratio = a``.
    But for the Gaussian family it first divides ``y`` by its standard deviation
    :math:`s_y` (the 1/n formula), fits with :math:`\lambda / s_y`, and
    multiplies the coefficients back by :math:`s_y`. In the original units that
    minimises :math:`\frac{1}{2n}\lVert y - Xw - b\rVert^2 + \lambda a\lVert w\rVert_1
    + \frac{\lambda(1-a)}{2 s_y}\lVert w\rVert^2`, hence

    .. math::

        \alpha_{\text{sklearn}} = \lambda\left(a + \frac{1-a}{s_y}\right),\qquad
        \rho = \frac{a}{a + (1-a)/s_y}.

    The lasso (:math:`a = 1`) is unaffected; so is any fit on a ``y`` with unit
    variance (``y_scale=1``). Assumes glmnet's ``standardize=FALSE`` (or columns
    of X already standardised) and equal observation weights.

    Parameters
    ----------
    lambda_ : float
        glmnet's ``lambda >= 0``.
    alpha : float
        glmnet's ``alpha`` in [0, 1] (``1`` = lasso, ``0`` = ridge).
    y_scale : float, default=1.0
        :math:`s_y`, the standard deviation of ``y`` with the 1/n formula
        (``np.std(y)``), > 0.

    Returns
    -------
    SklearnParams

    """
    lam = validate_real(lambda_, "lambda_", low=0)
    a = validate_real(alpha, "alpha", low=0, high=1)
    s = validate_real(y_scale, "y_scale", low=0, low_open=True)
    mix = a + (1 - a) / s
    return SklearnParams(alpha=lam * mix, l1_ratio=a / mix)


def sklearn_to_glmnet(alpha: float, l1_ratio: float, *, y_scale: float = 1.0) -> GlmnetParams:
    r"""Convert scikit-learn's ``(alpha, l1_ratio)`` to glmnet's ``(lambda, alpha)``.

    The inverse of :func:`glmnet_to_sklearn`:
    :math:`\lambda = \alpha\rho + \alpha(1-\rho)s_y`,
    :math:`a = \rho / (\rho + (1-\rho)s_y)`.

    Parameters
    ----------
    alpha : float
        scikit-learn's ``alpha >= 0``.
    l1_ratio : float
        scikit-learn's ``l1_ratio`` in [0, 1].
    y_scale : float, default=1.0
        :math:`s_y = ` ``np.std(y)``, > 0.

    Returns
    -------
    GlmnetParams

    """
    a = validate_real(alpha, "alpha", low=0)
    r = _validate_l1_ratio(l1_ratio)
    s = validate_real(y_scale, "y_scale", low=0, low_open=True)
    mix = r + (1 - r) * s
    return GlmnetParams(lambda_=a * mix, alpha=r / mix)


# --------------------------------------------------------------------------- geometry


def penalty_boundary(level: float, l1_ratio: float, *, n_points: int = 721) -> NDArray[np.float64]:
    r"""Points on the curve :math:`\rho\lVert w\rVert_1 + \frac{1-\rho}{2}\lVert w\rVert_2^2 = t` in the plane.

    :math:`\rho = 1` gives the L1 diamond, :math:`\rho = 0` the L2 circle,
    values in between the elastic net's rounded diamond (corners on the axes
    kept for every :math:`\rho > 0`). The four axis points are included exactly.

    Parameters
    ----------
    level : float
        :math:`t \ge 0` (``0`` gives the origin).
    l1_ratio : float
        :math:`\rho \in [0, 1]`.
    n_points : int, default=721
        Number of points, ``1 + 4k`` with ``k >= 1`` so the corners are hit, at most
        ``MAX_BOUNDARY_POINTS = 100_001``.

    Returns
    -------
    ndarray of shape (n_points, 2)
        A closed curve (first point = last point).

    """
    t = validate_real(level, "level", low=0)
    r = validate_real(l1_ratio, "l1_ratio", low=0, high=1)
    n_points = validate_int(n_points, "n_points", low=5, high=MAX_BOUNDARY_POINTS)
    if (n_points - 1) % 4:
        raise ValueError(f"n_points must be an integer 1 + 4k in [5, {MAX_BOUNDARY_POINTS}], got {n_points!r}")
    theta = np.linspace(0, 2 * np.pi, n_points)
    u = np.c_[np.cos(theta), np.sin(theta)]
    u[:: (n_points - 1) // 4] = np.round(u[:: (n_points - 1) // 4])  # exact corners
    l1 = np.abs(u).sum(axis=1)
    # the positive root s of  r*l1*s + (1 - r)/2 * s**2 = t, in a form stable for r -> 1
    s = 2 * t / (r * l1 + np.sqrt((r * l1) ** 2 + 2 * (1 - r) * t)) if t > 0 else np.zeros(n_points)
    return u * s[:, None]


def quadratic_loss(X: Any, y: Any) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    r"""The least-squares loss of two features as a quadratic: :math:`\frac12 (w - \hat w)^\top G (w - \hat w)` + const.

    Parameters
    ----------
    X : array-like of shape (n_samples, 2)
        Two features (centred here).
    y : array-like of shape (n_samples,)
        Targets (centred here).

    Returns
    -------
    gram : ndarray of shape (2, 2)
        :math:`G = X_c^\top X_c / n`.
    w_ols : ndarray of shape (2,)
        The least-squares point :math:`\hat w`, the centre of the loss's contours.

    """
    X_arr = validate_array(X, "X", ndim=2, min_samples=3)
    y_arr = validate_array(y, "y", ndim=1)
    validate_same_length(("X", X_arr), ("y", y_arr))
    if X_arr.shape[1] != 2:
        raise ValueError(f"X must have exactly 2 columns, got {X_arr.shape[1]}")
    Xc, yc = X_arr - X_arr.mean(axis=0), y_arr - y_arr.mean()
    gram = Xc.T @ Xc / len(y_arr)
    if np.linalg.matrix_rank(gram) < 2:
        raise ValueError("X must have two linearly independent columns (its Gram matrix is singular)")
    w_ols = np.linalg.solve(gram, Xc.T @ yc / len(y_arr))
    return gram, w_ols


def loss_ellipse(gram: Any, center: Any, excess: float, *, n_points: int = 361) -> NDArray[np.float64]:
    r"""Points of the loss contour :math:`\frac12 (w - c)^\top G (w - c) = \text{excess}` in the plane.

    Parameters
    ----------
    gram : array-like of shape (2, 2)
        A symmetric positive definite :math:`G` (from :func:`quadratic_loss`).
    center : array-like of shape (2,)
        The centre :math:`c` (the least-squares point).
    excess : float
        Loss above the minimum, ``>= 0`` (``0`` gives the centre).
    n_points : int, default=361
        Number of points, in ``[3, MAX_BOUNDARY_POINTS]``.

    Returns
    -------
    ndarray of shape (n_points, 2)
        A closed curve (first point = last point).

    """
    G = validate_array(gram, "gram", ndim=2)
    c = validate_array(center, "center", ndim=1)
    if G.shape != (2, 2) or not np.allclose(G, G.T):
        raise ValueError(f"gram must be a symmetric 2 x 2 matrix, got shape {G.shape}")
    if c.shape != (2,):
        raise ValueError(f"center must hold 2 values, got {c.shape[0]}")
    excess = validate_real(excess, "excess", low=0)
    n_points = validate_int(n_points, "n_points", low=3, high=MAX_BOUNDARY_POINTS)
    vals, vecs = np.linalg.eigh(G)
    if vals[0] <= 0:
        raise ValueError("gram must be positive definite")
    theta = np.linspace(0, 2 * np.pi, n_points)
    circle = np.c_[np.cos(theta), np.sin(theta)]
    return c + np.sqrt(2 * max(excess, 0.0)) * (circle / np.sqrt(vals)) @ vecs.T


# --------------------------------------------------------------------------- what the explorers draw


def _enet_path_grid(
    Xc: NDArray[np.float64], yc: NDArray[np.float64], grid: NDArray[np.float64], l1_ratio: float
) -> NDArray[np.float64]:
    """Coefficients of centred data at every ``grid`` value, shape (n_grid, n_features).

    A warm-started scikit-learn path for ``l1_ratio > 0``; the exact SVD
    solution for ``l1_ratio = 0`` (ridge in the elastic net's scaling).
    """
    if l1_ratio == 0.0:  # ridge: the elastic net's λ is Ridge's λ / n
        return RidgeSVD(Xc, yc, fit_intercept=False).path(len(yc) * grid).coefs
    from sklearn.linear_model import enet_path

    _, coefs, _ = enet_path(Xc, yc, l1_ratio=l1_ratio, alphas=grid[::-1], tol=1e-8, max_iter=100_000)
    return np.ascontiguousarray(coefs[:, ::-1].T)


def _ridge_same_training_error(
    Xc: NDArray[np.float64], yc: NDArray[np.float64], target_mse: NDArray[np.float64]
) -> NDArray[np.float64]:
    """Ridge coefficients whose training MSE equals each ``target_mse`` (interpolated on a fine λ grid)."""
    n = len(yc)
    solver = RidgeSVD(Xc, yc, fit_intercept=False)
    log_grid = np.linspace(-8, 8, 3201) + math.log10(float(np.mean(solver.singular_values**2)) / n)
    mse = solver.train_mse(n * 10.0**log_grid)
    log_alpha = np.interp(np.clip(target_mse, mse[0], mse[-1]), mse, log_grid)
    return solver.path(n * 10.0**log_alpha).coefs


def _validate_two_features(X: Any, y: Any) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    X_arr = validate_array(X, "X", ndim=2, min_samples=3)
    y_arr = validate_array(y, "y", ndim=1, min_samples=3)
    validate_same_length(("X", X_arr), ("y", y_arr))
    if X_arr.shape[1] != 2:
        raise ValueError(f"X must have exactly 2 columns (features), got {X_arr.shape[1]}")
    if np.linalg.matrix_rank(X_arr - X_arr.mean(axis=0)) < 2:
        raise ValueError("X must have 2 linearly independent centred columns (the loss contours are ellipses)")
    return X_arr, y_arr


def _geometry_shapes(
    gram: NDArray[np.float64], w_ols: NDArray[np.float64], w: NDArray[np.float64], l1_ratio: float
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    level = l1_ratio * float(np.abs(w).sum()) + 0.5 * (1 - l1_ratio) * float(w @ w)
    d = w - w_ols
    return penalty_boundary(level, l1_ratio), loss_ellipse(gram, w_ols, 0.5 * float(d @ gram @ d))


@dataclass(frozen=True)
class LassoSlider:
    """The lasso at every slider value, beside ridge at the same training error (see :func:`lasso_slider`).

    Attributes
    ----------
    alphas : ndarray of shape (n_alphas,)
        The slider's λ values.
    coefs, ridge_coefs : ndarray of shape (n_alphas, n_features)
        Lasso coefficients, and ridge coefficients with the same training MSE, at each λ.
    train_mse, val_mse : ndarray of shape (n_alphas,)
        The lasso's errors.
    n_zero : ndarray of shape (n_alphas,)
        Lasso coefficients exactly 0 at each λ.
    limit : float
        A symmetric vertical scale that holds every bar.

    """

    alphas: NDArray[np.float64]
    coefs: NDArray[np.float64]
    ridge_coefs: NDArray[np.float64]
    train_mse: NDArray[np.float64]
    val_mse: NDArray[np.float64]
    n_zero: NDArray[np.int64]
    limit: float


def lasso_slider(X_train: Any, y_train: Any, X_val: Any, y_val: Any, alphas: Any) -> LassoSlider:
    r"""Lasso fits (:math:`\frac{1}{2n}\lVert y - Xw - b\rVert^2 + \lambda\lVert w\rVert_1`) at every ``alphas``.

    One warm-started path at exactly these values; the ridge fits with the same training error come from one SVD.

    Parameters
    ----------
    X_train, y_train : array-like of shape (n_train, n_features), (n_train,)
        Training data (standardised features).
    X_val, y_val : array-like of shape (n_val, n_features), (n_val,)
        Validation data, scaled like ``X_train``.
    alphas : array-like of shape (n_alphas,)
        λ values, increasing, all ``> 0``.

    Returns
    -------
    LassoSlider

    """
    Xt, yt, Xv, yv = validate_train_val(X_train, y_train, X_val, y_val, min_samples=3)
    grid = _validate_slider_alphas(alphas)
    x_mean, y_mean = Xt.mean(axis=0), float(yt.mean())
    Xc, yc = Xt - x_mean, yt - y_mean
    coefs = _enet_path_grid(Xc, yc, grid, 1.0)  # (n_grid, p)
    intercepts = y_mean - coefs @ x_mean
    train_mse = np.mean((Xt @ coefs.T + intercepts - yt[:, None]) ** 2, axis=0)
    val_mse = np.mean((Xv @ coefs.T + intercepts - yv[:, None]) ** 2, axis=0)
    ridge = _ridge_same_training_error(Xc, yc, train_mse)
    limit = 1.12 * float(max(np.abs(coefs).max(), np.abs(ridge).max()))
    return LassoSlider(grid, coefs, ridge, train_mse, val_mse, (coefs == 0).sum(axis=1), limit)


@dataclass(frozen=True)
class ConstraintFits:
    """Two-feature elastic-net fits with their constraint regions (see :func:`constraint_fits`).

    Attributes
    ----------
    alphas, l1_ratios : ndarray
        The grids, shapes (n_alphas,) and (n_ratios,).
    coefs : ndarray of shape (n_ratios, n_alphas, 2)
        The fit at each (l1_ratio, λ).
    shapes : list of list of (ndarray, ndarray)
        ``shapes[a][k]``: the penalty region's boundary through the fit and the loss contour touching it.
    gram, w_ols : ndarray
        The loss's quadratic form and its minimum (:func:`quadratic_loss`).
    limit : float
        Half the side of a square view centred on 0 that holds the unpenalised solution: ``1.3 * max|w_ols|``.

    """

    alphas: NDArray[np.float64]
    l1_ratios: NDArray[np.float64]
    coefs: NDArray[np.float64]
    shapes: list[list[tuple[NDArray[np.float64], NDArray[np.float64]]]]
    gram: NDArray[np.float64]
    w_ols: NDArray[np.float64]
    limit: float


def constraint_fits(X: Any, y: Any, alphas: Any, l1_ratios: Any) -> ConstraintFits:
    """Fit the elastic net on two features at every (l1_ratio, λ) and draw its geometry: region and contour.

    Parameters
    ----------
    X : array-like of shape (n_samples, 2)
        Two linearly independent features.
    y : array-like of shape (n_samples,)
        Targets.
    alphas : array-like of shape (n_alphas,)
        λ values, increasing, all ``> 0``.
    l1_ratios : array-like of shape (n_ratios,)
        Mixing values in ``[0, 1]`` (1 is the lasso, 0 ridge).

    Returns
    -------
    ConstraintFits

    """
    X_arr, y_arr = _validate_two_features(X, y)
    grid = _validate_slider_alphas(alphas)
    ratios = _validate_ratios(l1_ratios)
    gram, w_ols = quadratic_loss(X_arr, y_arr)
    Xc, yc = X_arr - X_arr.mean(axis=0), y_arr - y_arr.mean()
    coefs = np.stack([_enet_path_grid(Xc, yc, grid, float(r)) for r in ratios])
    shapes = [
        [_geometry_shapes(gram, w_ols, coefs[a, b], float(ratios[a])) for b in range(len(grid))]
        for a in range(len(ratios))
    ]
    return ConstraintFits(grid, ratios, coefs, shapes, gram, w_ols, 1.3 * float(np.max(np.abs(w_ols))))


@dataclass(frozen=True)
class EnetSlider:
    """Elastic-net fits on all features at every (l1_ratio, λ), and the two-feature geometry (:func:`enet_slider`).

    Attributes
    ----------
    coefs : ndarray of shape (n_ratios, n_alphas, n_features)
        The fits.
    n_nonzero : ndarray of shape (n_ratios, n_alphas)
        Non-zero coefficients of each fit.
    geometry : ConstraintFits
        The same grids on the two ``features`` alone.
    limit : float
        A symmetric vertical scale that holds every bar.

    """

    coefs: NDArray[np.float64]
    n_nonzero: NDArray[np.int64]
    geometry: ConstraintFits
    limit: float


def enet_slider(X: Any, y: Any, alphas: Any, l1_ratios: Any, *, features: tuple[int, int]) -> EnetSlider:
    """Fit the elastic net at every (l1_ratio, λ), on all features and on the two ``features`` alone.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
        Standardised features.
    y : array-like of shape (n_samples,)
        Targets.
    alphas : array-like of shape (n_alphas,)
        λ values, increasing, all ``> 0``.
    l1_ratios : array-like of shape (n_ratios,)
        Mixing values in ``[0, 1]``.
    features : (int, int)
        Two different column indices for the geometry.

    Returns
    -------
    EnetSlider

    """
    X_arr = validate_array(X, "X", ndim=2, min_samples=3)
    y_arr = validate_array(y, "y", ndim=1, min_samples=3)
    validate_same_length(("X", X_arr), ("y", y_arr))
    p = X_arr.shape[1]
    if not isinstance(features, tuple | list) or len(features) != 2:
        raise ValueError(f"features must be a pair of column indices, got {features!r}")
    i, j = (validate_int(v, "features", low=0, high=p - 1) for v in features)
    if i == j:
        raise ValueError(f"features must name two different columns, got {features!r}")
    grid = _validate_slider_alphas(alphas)
    ratios = _validate_ratios(l1_ratios)
    Xc, yc = X_arr - X_arr.mean(axis=0), y_arr - y_arr.mean()
    geometry = constraint_fits(X_arr[:, [i, j]], y_arr, grid, ratios)
    full = np.stack([_enet_path_grid(Xc, yc, grid, float(r)) for r in ratios])  # (n_ratio, n_grid, p)
    return EnetSlider(full, (full != 0).sum(axis=2), geometry, 1.12 * float(np.abs(full).max()))


def _validate_slider_alphas(alphas: Any) -> NDArray[np.float64]:
    grid = validate_array(alphas, "alphas", ndim=1, min_samples=2)
    if np.any(grid <= 0) or np.any(np.diff(grid) <= 0):
        raise ValueError("alphas must be positive and strictly increasing")
    return grid


def _validate_ratios(l1_ratios: Any) -> NDArray[np.float64]:
    ratios = validate_array(l1_ratios, "l1_ratios", ndim=1)
    if np.any(ratios < 0) or np.any(ratios > 1):
        raise ValueError("l1_ratios must all be in [0, 1]")
    return ratios
