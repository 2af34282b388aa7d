"""Reference ridge regression: closed form, SVD path, shrinkage, degrees of freedom.

The objective, exactly as :class:`sklearn.linear_model.Ridge` defines it::

    minimise over (w, b)    ||y - X w - b||_2^2  +  alpha * ||w||_2^2

* a **plain sum** of squared residuals: no ``1/n`` and no ``1/(2n)`` in front
  (unlike scikit-learn's ``Lasso`` and ``ElasticNet``, whose data term is
  ``1/(2 n_samples) ||y - X w - b||^2``). So ``Ridge(alpha=n_samples * a)`` has
  the same minimiser as ``ElasticNet(alpha=a, l1_ratio=0)``, and the
  "mean" form ``1/(2n) ||r||^2 + (lam / 2) ||w||^2`` is ``alpha = n * lam``;
* the **intercept** ``b`` is **not penalised**: the solution centres ``X`` and
  ``y``, solves for ``w``, then sets ``b = mean(y) - mean(X, axis=0) @ w``.

With the centred data ``X_c = U diag(d) V^T`` (thin SVD) the solution is::

    w(alpha) = V diag(d_j / (d_j^2 + alpha)) U^T y_c

so one SVD gives the whole path. The fitted values shrink the least-squares
fit along each principal direction ``u_j`` by the factor
``d_j^2 / (d_j^2 + alpha)``; their sum is the effective degrees of freedom
``df(alpha) = trace(X_c (X_c^T X_c + alpha I)^{-1} X_c^T)`` (the intercept
adds one more).

Every function here rejects a negative, infinite or NaN ``alpha`` with a
:class:`ValueError` that names it and the allowed range ``[0, inf)``. ``polynomial_fits`` and ``polynomial_ridge`` precompute what the
explorers of notebooks 04 and 05 draw; they serve the widgets and are not in ``__all__``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

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

__all__ = ["RidgeSVD", "effective_dof", "polynomial_design", "ridge_fit", "ridge_path"]

_XY_NAMES = ("x_train", "y_train", "x_val", "y_val")

MAX_DEGREE = 100
"""Largest degree :func:`polynomial_design` accepts: far beyond any useful polynomial (powers of ``x`` above a few
dozen are numerically useless), small enough that a typo cannot allocate gigabytes."""


def _validate_ridge_alphas(alphas: Any, name: str = "alphas") -> NDArray[np.float64]:
    """Return ``alphas`` as a 1-D float array, all finite and ``>= 0``.

    Parameters
    ----------
    alphas : array-like of shape (n_alphas,)
        Regularisation strengths, at least one.
    name : str, default="alphas"
        The parameter's name, used in the message.

    Returns
    -------
    ndarray of shape (n_alphas,)
        The checked values.

    """
    arr = validate_array(alphas, name, ndim=1)
    if np.any(arr < 0):
        raise ValueError(f"{name} must all be in [0, inf), got minimum {arr.min()!r}")
    return arr


def _validate_Xy(X: Any, y: Any) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    X_arr = validate_array(X, "X", ndim=2)
    y_arr = validate_array(y, "y", ndim=1)
    validate_same_length(("X", X_arr), ("y", y_arr))
    return X_arr, y_arr


def polynomial_design(x: Any, degree: int, *, include_bias: bool = False) -> NDArray[np.float64]:
    """Return the polynomial features ``[x, x**2, ..., x**degree]`` of a 1-D input.

    Parameters
    ----------
    x : array-like of shape (n_samples,)
        The input.
    degree : int
        Highest power, in ``[0, MAX_DEGREE]`` (``MAX_DEGREE = 100``).
    include_bias : bool, default=False
        Whether to start with a column of ones (``x**0``). Leave it out when
        the model fits its own intercept, as :func:`ridge_fit` does.

    Returns
    -------
    ndarray of shape (n_samples, degree) or (n_samples, degree + 1)
        Column ``k`` holds ``x**(k + 1)`` (or ``x**k`` with ``include_bias``),
        the same columns as scikit-learn's ``PolynomialFeatures(degree)``.

    """
    x_arr = validate_array(x, "x", ndim=1)
    degree = validate_int(degree, "degree", low=0, high=MAX_DEGREE)
    include_bias = validate_bool(include_bias, "include_bias")
    start = 0 if include_bias else 1
    return x_arr[:, None] ** np.arange(start, degree + 1)


@dataclass(frozen=True)
class RidgeFit:
    """One ridge solution.

    Attributes
    ----------
    coef : ndarray of shape (n_features,)
        The weights ``w``.
    intercept : float
        The unpenalised intercept ``b`` (0 when ``fit_intercept=False``).
    alpha : float
        The regularisation strength it was fitted with.

    """

    coef: NDArray[np.float64]
    intercept: float
    alpha: float

    def predict(self, X: Any) -> NDArray[np.float64]:
        """Return ``X @ coef + intercept``."""
        X_arr = validate_array(X, "X", ndim=2)
        if X_arr.shape[1] != self.coef.shape[0]:
            raise ValueError(f"X must have {self.coef.shape[0]} columns, got shape {X_arr.shape}")
        return X_arr @ self.coef + self.intercept


@dataclass(frozen=True)
class RidgePath:
    """Ridge solutions for a sequence of alphas.

    Attributes
    ----------
    alphas : ndarray of shape (n_alphas,)
        The regularisation strengths, in the order given.
    coefs : ndarray of shape (n_alphas, n_features)
        One row of weights per alpha.
    intercepts : ndarray of shape (n_alphas,)
        The unpenalised intercepts.
    dof : ndarray of shape (n_alphas,)
        Effective degrees of freedom of the weights (the intercept not counted).

    """

    alphas: NDArray[np.float64]
    coefs: NDArray[np.float64]
    intercepts: NDArray[np.float64]
    dof: NDArray[np.float64]


def ridge_fit(X: Any, y: Any, alpha: float, *, fit_intercept: bool = True) -> RidgeFit:
    """Solve ridge regression in closed form, intercept not penalised.

    Minimises ``||y - X w - b||_2^2 + alpha * ||w||_2^2`` — scikit-learn's
    ``Ridge(alpha)`` objective, with no ``1/n`` or ``1/(2n)`` factor. With
    ``fit_intercept`` the data are centred first, ``w`` solves
    ``(X_c^T X_c + alpha I) w = X_c^T y_c`` and
    ``b = mean(y) - mean(X, axis=0) @ w``. For ``alpha = 0`` the minimum-norm
    least-squares solution is returned (the limit as ``alpha -> 0``).

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
        Training inputs.
    y : array-like of shape (n_samples,)
        Targets.
    alpha : float
        Regularisation strength, in ``[0, inf)``.
    fit_intercept : bool, default=True
        Whether to fit an unpenalised intercept.

    Returns
    -------
    RidgeFit
        The weights, the intercept and ``alpha``.

    """
    X_arr, y_arr = _validate_Xy(X, y)
    alpha = validate_real(alpha, "alpha", low=0)
    fit_intercept = validate_bool(fit_intercept, "fit_intercept")
    x_mean = X_arr.mean(axis=0) if fit_intercept else np.zeros(X_arr.shape[1])
    y_mean = float(y_arr.mean()) if fit_intercept else 0.0
    Xc, yc = X_arr - x_mean, y_arr - y_mean
    if alpha > 0:
        gram = Xc.T @ Xc + alpha * np.eye(X_arr.shape[1])
        coef = np.asarray(np.linalg.solve(gram, Xc.T @ yc), dtype=np.float64)
    else:
        coef = np.asarray(np.linalg.lstsq(Xc, yc, rcond=None)[0], dtype=np.float64)
    return RidgeFit(coef=coef, intercept=float(y_mean - x_mean @ coef), alpha=alpha)


class RidgeSVD:
    """Ridge regression for any alpha from one SVD of the centred training data.

    Building it costs one thin SVD, ``O(n p min(n, p))``; after that
    :meth:`coef` costs ``O(p min(n, p))`` per alpha. This is what makes the
    course's λ slider instant. The objective is that of :func:`ridge_fit`
    (scikit-learn's ``Ridge``: ``||y - X w - b||^2 + alpha ||w||^2``, intercept
    not penalised).

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
        Training inputs.
    y : array-like of shape (n_samples,)
        Targets.
    fit_intercept : bool, default=True
        Whether to fit an unpenalised intercept (the data are then centred).

    Attributes
    ----------
    singular_values : ndarray of shape (min(n_samples, n_features),)
        Singular values ``d_j`` of the centred ``X``, largest first.
    n_samples, n_features : int
        Shape of the training data.

    """

    def __init__(self, X: Any, y: Any, *, fit_intercept: bool = True) -> None:
        X_arr, y_arr = _validate_Xy(X, y)
        self.fit_intercept = validate_bool(fit_intercept, "fit_intercept")
        self.n_samples, self.n_features = X_arr.shape
        self._x_mean = X_arr.mean(axis=0) if self.fit_intercept else np.zeros(self.n_features)
        self._y_mean = float(y_arr.mean()) if self.fit_intercept else 0.0
        U, d, Vt = np.linalg.svd(X_arr - self._x_mean, full_matrices=False)
        self.singular_values: NDArray[np.float64] = d
        self._U, self._V = U, Vt.T
        self._Uty = U.T @ (y_arr - self._y_mean)
        self._y_c = y_arr - self._y_mean
        # Directions with d_j = 0 (up to rounding) carry no data: at alpha = 0
        # the minimum-norm solution gives them weight 0.
        tol = d[0] * max(X_arr.shape) * np.finfo(float).eps if d.size and d[0] > 0 else 0.0
        self._rank_mask = d > tol

    def _factors(self, alphas: NDArray[np.float64]) -> NDArray[np.float64]:
        """``d_j / (d_j^2 + alpha)`` for each alpha (rows) and direction (columns)."""
        d = self.singular_values
        denom = d[None, :] ** 2 + alphas[:, None]
        keep = self._rank_mask[None, :] | (alphas[:, None] > 0)
        return np.divide(d[None, :], denom, out=np.zeros_like(denom), where=keep & (denom > 0))

    def coef(self, alpha: float) -> NDArray[np.float64]:
        """Return the weights ``w(alpha) = V diag(d / (d^2 + alpha)) U^T y_c``."""
        a = validate_real(alpha, "alpha", low=0)
        return self._V @ (self._factors(np.array([a]))[0] * self._Uty)

    def intercept(self, alpha: float) -> float:
        """Return the unpenalised intercept ``mean(y) - mean(X) @ w(alpha)``."""
        return float(self._y_mean - self._x_mean @ self.coef(alpha))

    def fit(self, alpha: float) -> RidgeFit:
        """Return the solution for one ``alpha`` as a :class:`RidgeFit`."""
        coef = self.coef(alpha)
        return RidgeFit(
            coef=coef, intercept=float(self._y_mean - self._x_mean @ coef), alpha=validate_real(alpha, "alpha", low=0)
        )

    def path(self, alphas: Any) -> RidgePath:
        """Return the solutions for every alpha of ``alphas`` (any order) at once."""
        a = _validate_ridge_alphas(alphas)
        coefs = (self._factors(a) * self._Uty[None, :]) @ self._V.T
        intercepts = self._y_mean - coefs @ self._x_mean
        return RidgePath(alphas=a, coefs=coefs, intercepts=intercepts, dof=self.dof(a))

    def train_mse(self, alphas: Any) -> NDArray[np.float64]:
        """Training mean squared error at every alpha, from the SVD alone (no weights formed).

        ``(||y_c||^2 - ||U^T y_c||^2 + sum_j (alpha / (d_j^2 + alpha))^2 (U^T y_c)_j^2) / n``: the part of ``y``
        outside the column space plus what the shrinkage leaves of the part inside.
        """
        a = _validate_ridge_alphas(alphas)
        d, uty = self.singular_values, self._Uty
        resid_out = float(self._y_c @ self._y_c - uty @ uty)
        shrink = a[:, None] / (d[None, :] ** 2 + a[:, None])
        return (resid_out + ((shrink * uty) ** 2).sum(axis=1)) / self.n_samples

    def shrinkage_factors(self, alpha: float) -> NDArray[np.float64]:
        """Return ``d_j^2 / (d_j^2 + alpha)``, one factor per principal direction."""
        a = validate_real(alpha, "alpha", low=0)
        return self._factors(np.array([a]))[0] * self.singular_values

    def dof(self, alphas: Any) -> NDArray[np.float64]:
        """Return the effective degrees of freedom ``sum_j d_j^2 / (d_j^2 + alpha)`` per alpha."""
        a = _validate_ridge_alphas(np.atleast_1d(np.asarray(alphas, dtype=float)))
        return (self._factors(a) * self.singular_values[None, :]).sum(axis=1)

    def loo_residuals(self, alpha: float) -> NDArray[np.float64]:
        """Return the leave-one-out residuals ``r_i / (1 - H_ii)`` of the fit at ``alpha``.

        ``H = 1 1^T / n + U diag(d^2 / (d^2 + alpha)) U^T`` is the hat matrix of
        ridge with an unpenalised intercept (the ``1/n`` term only when
        ``fit_intercept``). The shortcut is exact: it equals refitting without
        sample ``i`` and predicting it, for every ``i``.
        """
        s = self.shrinkage_factors(alpha)
        fitted_c = self._U @ (s * self._Uty)
        h = (self._U**2) @ s + (1.0 / self.n_samples if self.fit_intercept else 0.0)
        if np.any(h >= 1 - 1e-12):
            raise ValueError(f"alpha={alpha!r} fits some sample exactly (leverage 1): leave-one-out is undefined")
        return (self._y_c - fitted_c) / (1.0 - h)

    def predict(self, X: Any, alpha: float) -> NDArray[np.float64]:
        """Return ``X @ w(alpha) + b(alpha)``."""
        return self.fit(alpha).predict(X)


def ridge_path(X: Any, y: Any, alphas: Any, *, fit_intercept: bool = True) -> RidgePath:
    """Ridge solutions for many alphas from one SVD (see :class:`RidgeSVD`).

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
        Training inputs.
    y : array-like of shape (n_samples,)
        Targets.
    alphas : array-like of shape (n_alphas,)
        Regularisation strengths, each in ``[0, inf)``.
    fit_intercept : bool, default=True
        Whether to fit an unpenalised intercept.

    Returns
    -------
    RidgePath
        ``coefs[k]`` minimises ``||y - X w - b||^2 + alphas[k] ||w||^2``.

    """
    return RidgeSVD(X, y, fit_intercept=fit_intercept).path(alphas)


def _shrinkage_factors(X: Any, alpha: float, *, fit_intercept: bool = True) -> NDArray[np.float64]:
    """Return the factors ``d_j^2 / (d_j^2 + alpha)`` by which ridge shrinks each direction.

    ``d_j`` are the singular values of ``X`` (centred when ``fit_intercept``),
    largest first; directions of small variance are shrunk the most.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
        Training inputs.
    alpha : float
        Regularisation strength, in ``[0, inf)``.
    fit_intercept : bool, default=True
        Whether ``X`` is centred first.

    Returns
    -------
    ndarray of shape (min(n_samples, n_features),)
        One factor in ``[0, 1]`` per principal direction.

    """
    X_arr = validate_array(X, "X", ndim=2)
    return RidgeSVD(X_arr, np.zeros(len(X_arr)), fit_intercept=fit_intercept).shrinkage_factors(alpha)


def effective_dof(X: Any, alpha: float, *, fit_intercept: bool = True) -> float:
    """Return ridge's effective degrees of freedom ``sum_j d_j^2 / (d_j^2 + alpha)``.

    Equal to ``trace(X_c (X_c^T X_c + alpha I)^{-1} X_c^T)``: the rank of
    ``X_c`` at ``alpha = 0``, falling towards 0 as ``alpha`` grows. The
    unpenalised intercept (when fitted) adds one more degree of freedom,
    not counted here.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
        Training inputs.
    alpha : float
        Regularisation strength, in ``[0, inf)``.
    fit_intercept : bool, default=True
        Whether ``X`` is centred first.

    Returns
    -------
    float
        The effective number of parameters of the weights.

    """
    return float(_shrinkage_factors(X, alpha, fit_intercept=fit_intercept).sum())


# --------------------------------------------------------------------------- least squares by degree (alpha = 0)


@dataclass(frozen=True)
class PolynomialFits:
    """Least-squares polynomials of every degree from 0 up, and their errors (see :func:`polynomial_fits`).

    Attributes
    ----------
    degrees : ndarray of shape (n_degrees,)
        ``0, 1, ..., max_degree``.
    x_plot : ndarray of shape (300,)
        Where the curves are evaluated: 300 points across the training and validation inputs.
    curves : ndarray of shape (n_degrees, 300)
        Each fit at ``x_plot``.
    train_mse, val_mse : ndarray of shape (n_degrees,)
        Mean squared error of each fit on the training and on the validation data.
    norms : ndarray of shape (n_degrees,)
        Euclidean norm of each fit's coefficients in the plain basis ``w_1 x + ... + w_d x^d`` (constant excluded).

    """

    degrees: NDArray[np.int64]
    x_plot: NDArray[np.float64]
    curves: NDArray[np.float64]
    train_mse: NDArray[np.float64]
    val_mse: NDArray[np.float64]
    norms: NDArray[np.float64]


def polynomial_fits(x_train: Any, y_train: Any, x_val: Any, y_val: Any, *, max_degree: int = 15) -> PolynomialFits:
    """Fit a least-squares polynomial of each degree 0 to ``max_degree``; read its curve and its errors.

    Each fit is ``numpy.polynomial.Polynomial.fit``, which rescales ``x`` to [-1, 1] for a well-conditioned
    solve (ridge with ``alpha = 0``, without an SVD path: every degree is its own design).

    Parameters
    ----------
    x_train, y_train : array-like of shape (n_train,)
        Training data; more than ``max_degree`` distinct values of ``x_train`` (so every fit is determined).
    x_val, y_val : array-like of shape (n_val,)
        Validation data.
    max_degree : int, default=15
        Largest degree, in ``[1, n_train - 1]``.

    Returns
    -------
    PolynomialFits
        The curves, errors and coefficient norms, one per degree.

    """
    xt, yt, xv, yv = validate_train_val(x_train, y_train, x_val, y_val, names=_XY_NAMES, features=False)
    max_degree = validate_int(max_degree, "max_degree", low=1, high=len(xt) - 1)
    if len(np.unique(xt)) <= max_degree:
        raise ValueError(
            f"x_train must hold more than max_degree={max_degree} distinct values, got {len(np.unique(xt))}"
        )
    degrees = np.arange(max_degree + 1)
    x_all = np.r_[xt, xv]
    x_plot = np.linspace(x_all.min(), x_all.max(), 300)
    fits = [np.polynomial.Polynomial.fit(xt, yt, int(d)) for d in degrees]
    curves = np.array([fit(x_plot) for fit in fits])
    train_mse = np.array([np.mean((fit(xt) - yt) ** 2) for fit in fits])
    val_mse = np.array([np.mean((fit(xv) - yv) ** 2) for fit in fits])
    norms = np.array([np.linalg.norm(fit.convert().coef[1:]) for fit in fits])
    return PolynomialFits(degrees, x_plot, curves, train_mse, val_mse, norms)


@dataclass(frozen=True)
class PolynomialRidge:
    """Ridge on standardised polynomial features over a grid of λ (see :func:`polynomial_ridge`).

    Attributes
    ----------
    solver : RidgeSVD
        The training data's SVD: ``solver.fit(alpha)`` for any λ at ``O(p min(n, p))``.
    alphas, train_mse, val_mse : ndarray of shape (n_alphas,)
        The λ grid and the errors along it.
    x_plot : ndarray of shape (200,)
        Where the fitted curve is drawn (the range of all ``x``).
    X_plot, X_train, X_val : ndarray of shape (n, degree)
        Standardised features of ``x_plot`` and of the two data sets.
    x_train, y_train, x_val, y_val : ndarray of shape (n,)
        The data, as given.
    coef_limit : float
        Twice the largest coefficient along the grid: a fixed scale for coefficient bars.

    """

    solver: RidgeSVD
    alphas: NDArray[np.float64]
    train_mse: NDArray[np.float64]
    val_mse: NDArray[np.float64]
    x_plot: NDArray[np.float64]
    X_plot: NDArray[np.float64]
    X_train: NDArray[np.float64]
    X_val: NDArray[np.float64]
    x_train: NDArray[np.float64]
    y_train: NDArray[np.float64]
    x_val: NDArray[np.float64]
    y_val: NDArray[np.float64]
    coef_limit: float

    def curve(self, alpha: float) -> NDArray[np.float64]:
        """The fitted curve over :attr:`x_plot` at ``alpha``."""
        fit = self.solver.fit(alpha)
        return self.X_plot @ fit.coef + fit.intercept

    def errors(self, alpha: float) -> tuple[float, float]:
        """Training and validation mean squared error at ``alpha``."""
        fit = self.solver.fit(alpha)
        train = float(np.mean((self.X_train @ fit.coef + fit.intercept - self.y_train) ** 2))
        val = float(np.mean((self.X_val @ fit.coef + fit.intercept - self.y_val) ** 2))
        return train, val

    def at(self, alpha: float) -> PolynomialRidgeState:
        """Everything the ridge explorer shows at ``alpha`` (``>= 0``): curve, coefficients and their summaries."""
        fit = self.solver.fit(alpha)
        train, val = self.errors(alpha)
        return PolynomialRidgeState(
            alpha=fit.alpha,
            curve=self.X_plot @ fit.coef + fit.intercept,
            coef=fit.coef,
            dof=float(self.solver.dof(alpha)[0]),
            coef_norm=float(np.linalg.norm(fit.coef)),
            train_mse=train,
            val_mse=val,
        )


@dataclass(frozen=True)
class PolynomialRidgeState:
    r"""The polynomial ridge fit at one λ (see :meth:`PolynomialRidge.at`).

    Attributes
    ----------
    alpha : float
        λ.
    curve : ndarray of shape (200,)
        The fitted curve over :attr:`PolynomialRidge.x_plot`.
    coef : ndarray of shape (degree,)
        The coefficients of the standardised features.
    dof : float
        Effective degrees of freedom, :math:`\sum_j d_j^2 / (d_j^2 + \lambda)`.
    coef_norm : float
        :math:`\lVert w\rVert_2`.
    train_mse, val_mse : float
        Training and validation mean squared error.

    """

    alpha: float
    curve: NDArray[np.float64]
    coef: NDArray[np.float64]
    dof: float
    coef_norm: float
    train_mse: float
    val_mse: float


def polynomial_ridge(
    x_train: Any, y_train: Any, x_val: Any, y_val: Any, *, degree: int, alphas: Any
) -> PolynomialRidge:
    """Fit ridge on the features ``x, x^2, ..., x^degree`` standardised with the training mean and scale.

    scikit-learn's objective ``||y - X w - b||^2 + λ ||w||^2`` (intercept not penalised), through one SVD.

    Parameters
    ----------
    x_train, y_train : array-like of shape (n_train,)
        Training data, at least 2 distinct ``x``.
    x_val, y_val : array-like of shape (n_val,)
        Validation data.
    degree : int
        Degree of the features, in ``[1, MAX_DEGREE]``.
    alphas : array-like of shape (n_alphas,)
        The λ grid, values ``>= 0``.

    Returns
    -------
    PolynomialRidge
        The solver, the errors along the grid and what a figure of the fit needs.

    """
    xt, yt, xv, yv = validate_train_val(x_train, y_train, x_val, y_val, names=_XY_NAMES, features=False, min_samples=2)
    degree = validate_int(degree, "degree", low=1, high=MAX_DEGREE)
    grid = _validate_ridge_alphas(alphas)
    raw = polynomial_design(xt, degree)
    mean, scale = raw.mean(axis=0), raw.std(axis=0)
    if np.any(scale == 0):
        raise ValueError("x_train must hold at least 2 distinct values (a constant feature cannot be standardised)")

    def features(x: NDArray[np.float64]) -> NDArray[np.float64]:
        return (polynomial_design(x, degree) - mean) / scale

    X_train, X_val = features(xt), features(xv)
    solver = RidgeSVD(X_train, yt)
    path = solver.path(grid)
    train_mse = np.mean((X_train @ path.coefs.T + path.intercepts - yt[:, None]) ** 2, axis=0)
    val_mse = np.mean((X_val @ path.coefs.T + path.intercepts - yv[:, None]) ** 2, axis=0)
    x_all = np.r_[xt, xv]
    x_plot = np.linspace(x_all.min(), x_all.max(), 200)
    return PolynomialRidge(
        solver=solver,
        alphas=grid,
        train_mse=train_mse,
        val_mse=val_mse,
        x_plot=x_plot,
        X_plot=features(x_plot),
        X_train=X_train,
        X_val=X_val,
        x_train=xt,
        y_train=yt,
        x_val=xv,
        y_val=yv,
        coef_limit=2.0 * float(np.max(np.abs(path.coefs))),
    )
