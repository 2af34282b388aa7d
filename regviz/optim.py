"""What the optimization explorers show, computed once and returned as frozen dataclasses.

The explorers of :mod:`regviz.widgets` for notebooks 01–03 (losses, gradient descent, optimizers) and 12–13
(hyperparameter search) only draw and update; the numbers they draw come from here:

* :func:`loss_curves` — losses and their gradients over a prediction axis, read at any prediction.
* :func:`optimizer_run` — one run of an optimizer (the caller's iterates and losses) made drawable:
  overflowed values hidden, the losses ready for a log axis.
* :func:`path_in_view` — a path cut where it first leaves the view (also used by
  :func:`regviz.plots.plot_path`).
* :func:`rate_map` — a rate of convergence over a grid of (learning rate, momentum), read at the nearest cell.
* :func:`compare_searches` — every search method of :mod:`regviz.search` run once on a test function,
  read at any budget.

They serve the widgets and are not in ``__all__`` (the package's public names); they check their arguments
like any public function, and the tests call them directly.

The optimizers themselves stay with the caller (a student's own optimizer drives the plots); nothing here
imports PyTorch.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from ._validation import validate_array, validate_choice, validate_int, validate_seed
from .search import SEARCH_METHODS, TEST_FUNCTION_MINIMA, TEST_FUNCTIONS, SearchTrace, run_search

__all__ = []

_DISPLAY_LIMIT = 1e6  # a path is drawn inside ±1e6: beyond that, matplotlib's transforms lose precision
_REGRET_FLOOR = 1e-9  # regret drawn on a log axis: never exactly 0


# --------------------------------------------------------------------------- losses and gradients


@dataclass(frozen=True)
class LossCurves:
    """Losses and their gradients over one prediction axis (see :func:`loss_curves`).

    Attributes
    ----------
    x : ndarray of shape (n_points,)
        The predictions, strictly increasing.
    losses, gradients : dict of str to ndarray of shape (n_points,)
        Each loss, and its derivative with respect to the prediction, at each ``x``; the same labels.

    """

    x: NDArray[np.float64]
    losses: dict[str, NDArray[np.float64]]
    gradients: dict[str, NDArray[np.float64]]

    def at(self, prediction: float) -> dict[str, tuple[float, float]]:
        """Each label's ``(loss, gradient)`` at ``prediction``, interpolated linearly between grid points."""
        return {
            label: (np.interp(prediction, self.x, curve), np.interp(prediction, self.x, self.gradients[label]))
            for label, curve in self.losses.items()
        }


def _curve(values: Any, name: str, n: int) -> NDArray[np.float64]:
    try:
        arr = np.asarray(values, dtype=float)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{name} must be array-like of numbers") from exc
    if arr.shape != (n,):
        raise ValueError(f"{name} must have shape ({n},) (one value per x), got {arr.shape}")
    return arr


def loss_curves(x: Any, losses: Mapping[str, Any], gradients: Mapping[str, Any]) -> LossCurves:
    """Gather losses and their gradients over a prediction axis, to read them at any prediction.

    Parameters
    ----------
    x : array-like of shape (n_points,)
        Predictions at which the curves were computed, strictly increasing.
    losses : mapping of str to array-like of shape (n_points,)
        Each loss at each prediction (non-finite values allowed: a naive formula that overflowed).
    gradients : mapping of str to array-like of shape (n_points,)
        Each loss's derivative with respect to the prediction; the same labels as ``losses``, in the same order.

    Returns
    -------
    LossCurves

    """
    x_arr = validate_array(x, "x", ndim=1, min_samples=2)
    if np.any(np.diff(x_arr) <= 0):
        raise ValueError("x must be strictly increasing")
    if not isinstance(losses, Mapping) or not isinstance(gradients, Mapping) or list(losses) != list(gradients):
        raise ValueError("losses and gradients must be mappings with the same labels in the same order")
    if not losses:
        raise ValueError("losses must hold at least one curve")
    return LossCurves(
        x_arr,
        {k: _curve(v, f"losses[{k!r}]", x_arr.size) for k, v in losses.items()},
        {k: _curve(v, f"gradients[{k!r}]", x_arr.size) for k, v in gradients.items()},
    )


# --------------------------------------------------------------------------- one run of an optimizer


@dataclass(frozen=True)
class OptimizerRun:
    """One run of an optimizer, ready to draw (see :func:`optimizer_run`).

    Attributes
    ----------
    path : ndarray of shape (n_steps + 1, 2)
        The iterates; those that overflowed are NaN, the others clipped to ±1e6.
    losses : ndarray of shape (n_steps + 1,)
        The loss at each iterate; NaN where it overflowed (not finite or above 1e300).
    final_loss : float
        The last loss as the run returned it (``inf`` when it overflowed).

    """

    path: NDArray[np.float64]
    losses: NDArray[np.float64]
    final_loss: float

    @property
    def n_steps(self) -> int:
        """The number of steps (iterates after the start)."""
        return len(self.losses) - 1

    @property
    def positive_losses(self) -> NDArray[np.float64]:
        """The losses with the values a log axis cannot show (``<= 0``) as NaN."""
        return np.where(self.losses > 0, self.losses, np.nan)

    @property
    def loss_ylim(self) -> tuple[float, float]:
        """Limits of a log loss axis: 1e-8 to 1e3 times the starting loss, so that a diverging run leaves the top."""
        top = float(np.nanmax(self.losses[:1])) if np.isfinite(self.losses[0]) and self.losses[0] > 0 else 1.0
        return (top * 1e-8, top * 1e3)


def optimizer_run(path: Any, losses: Any) -> OptimizerRun:
    """Make one run of an optimizer drawable: overflowed iterates and losses hidden, the path kept in range.

    Parameters
    ----------
    path : array-like of shape (n_steps + 1, 2)
        The iterates, starting point first; a diverging run may hold inf or NaN.
    losses : array-like of shape (n_steps + 1,)
        The loss at each iterate; a diverging run may hold inf or NaN.

    Returns
    -------
    OptimizerRun

    """
    try:
        p = np.array(path, dtype=float)
        values = np.array(losses, dtype=float)
    except (TypeError, ValueError) as exc:
        raise ValueError("path and losses must be array-like of numbers") from exc
    if p.ndim != 2 or p.shape[1] != 2 or p.shape[0] < 1:
        raise ValueError(f"path must have shape (n_steps + 1, 2), got {p.shape}")
    if values.ndim != 1 or values.size < 1:
        raise ValueError(f"losses must have shape (n_steps + 1,), got {values.shape}")
    final = float(values[-1])
    p[~np.isfinite(p).all(axis=1)] = np.nan
    values[~np.isfinite(values) | (values > 1e300)] = np.nan
    return OptimizerRun(np.clip(p, -_DISPLAY_LIMIT, _DISPLAY_LIMIT), values, final)


def path_in_view(path: Any, xlim: Any, ylim: Any) -> NDArray[np.float64]:
    """Hide the iterates after the first one far outside the view (more than its width or height beyond it).

    Parameters
    ----------
    path : array-like of shape (n_steps + 1, 2)
        The iterates; rows that are not finite count as far outside.
    xlim, ylim : (float, float)
        The view's limits (either order).

    Returns
    -------
    ndarray of shape (n_steps + 1, 2)
        The path clipped to twice the view's size around it, NaN after the first far iterate.

    """
    try:
        path = np.asarray(path, dtype=float)
    except (TypeError, ValueError) as exc:
        raise ValueError("path must be array-like of numbers of shape (n_steps + 1, 2)") from exc
    if path.ndim != 2 or path.shape[1] != 2 or path.shape[0] < 1:
        raise ValueError(f"path must have shape (n_steps + 1, 2), got {path.shape}")
    for limits, name in ((xlim, "xlim"), (ylim, "ylim")):
        if validate_array(limits, name, ndim=1).size != 2 or limits[0] == limits[1]:
            raise ValueError(f"{name} must be a pair of two different numbers, got {limits!r}")
    (x0, x1), (y0, y1) = sorted(xlim), sorted(ylim)
    dx, dy = x1 - x0, y1 - y0
    with np.errstate(invalid="ignore"):
        far = (path[:, 0] < x0 - dx) | (path[:, 0] > x1 + dx) | (path[:, 1] < y0 - dy) | (path[:, 1] > y1 + dy)
    far |= ~np.isfinite(path).all(axis=1)
    out = np.clip(path, [x0 - 2 * dx, y0 - 2 * dy], [x1 + 2 * dx, y1 + 2 * dy])
    if far.any():
        out[int(np.argmax(far)) + 1 :] = np.nan
    out[~np.isfinite(path).all(axis=1)] = np.nan
    return out


# --------------------------------------------------------------------------- rate of convergence


@dataclass(frozen=True)
class RateMap:
    """A rate of convergence over a grid of learning rates and momentum coefficients (see :func:`rate_map`).

    Attributes
    ----------
    lr_values : ndarray of shape (n_lr,)
        The learning rates.
    momentum_values : ndarray of shape (n_momentum,)
        The momentum coefficients.
    rate : ndarray of shape (n_momentum, n_lr)
        The rate at each grid point: ``rate[i, j]`` is at ``(lr_values[j], momentum_values[i])``.

    """

    lr_values: NDArray[np.float64]
    momentum_values: NDArray[np.float64]
    rate: NDArray[np.float64]

    def nearest(self, lr: float, momentum: float) -> float:
        """The rate of the grid cell nearest to ``(lr, momentum)``, the learning rate compared on a log scale."""
        j = int(np.argmin(np.abs(np.log(self.lr_values) - np.log(lr))))
        i = int(np.argmin(np.abs(self.momentum_values - momentum)))
        return float(self.rate[i, j])


def rate_map(lr_values: Any, momentum_values: Any, rate: Any) -> RateMap:
    """Gather a precomputed rate of convergence over (learning rate, momentum), to read it at any point.

    Parameters
    ----------
    lr_values : array-like of shape (n_lr,)
        Learning rates, increasing and > 0 (at least 2).
    momentum_values : array-like of shape (n_momentum,)
        Momentum coefficients, increasing (at least 2).
    rate : array-like of shape (n_momentum, n_lr)
        The rate at each grid point.

    Returns
    -------
    RateMap

    """
    lr_grid = validate_array(lr_values, "lr_values", ndim=1, min_samples=2)
    momentum_grid = validate_array(momentum_values, "momentum_values", ndim=1, min_samples=2)
    rate_grid = validate_array(rate, "rate", ndim=2)
    if lr_grid[0] <= 0:
        raise ValueError(f"lr_values must be > 0, got {lr_grid[0]!r} first")
    if rate_grid.shape != (momentum_grid.size, lr_grid.size):
        raise ValueError(
            f"rate must have shape (len(momentum_values), len(lr_values)) = {(momentum_grid.size, lr_grid.size)}, "
            f"got {rate_grid.shape}"
        )
    return RateMap(lr_grid, momentum_grid, rate_grid)


# --------------------------------------------------------------------------- hyperparameter search


@dataclass(frozen=True)
class SearchSnapshot:
    """What one search method evaluated within one budget (see :meth:`SearchComparison.at`).

    Attributes
    ----------
    X : ndarray of shape (n_evals, 2)
        The points evaluated.
    y : ndarray of shape (n_evals,)
        Their values.
    best_point : ndarray of shape (2,)
        The point of the lowest value (the first one on ties).
    best : float
        The lowest value.
    regret : float
        ``best`` minus the function's minimum, at least 1e-9 (for a log axis).
    n_distinct_u : int
        How many distinct values of the first coordinate were tried.

    """

    X: NDArray[np.float64]
    y: NDArray[np.float64]
    best_point: NDArray[np.float64]
    best: float
    regret: float
    n_distinct_u: int


@dataclass(frozen=True)
class SearchComparison:
    """Every search method run once on a test function (see :func:`compare_searches`).

    Attributes
    ----------
    objective : str
        The test function's name in :data:`regviz.search.TEST_FUNCTIONS`.
    methods : tuple of str
        The methods compared, in the order given.
    n_init, max_budget : int
        The smallest and the largest budget compared.
    minimum : float
        The test function's minimum.
    traces : dict of str to SearchTrace
        Each method's evaluations but the grid's, ``max_budget`` of them.
    grids : dict of int to SearchTrace
        The grid of each budget (a grid depends on its budget), if ``"grid"`` is compared.
    xs : ndarray of shape (121,)
        The coordinates of the surface's grid, on both axes.
    surface : ndarray of shape (121, 121)
        The test function over ``xs × xs``: ``surface[i, j]`` at ``(xs[j], xs[i])``.
    regret_curves : dict of str to ndarray of shape (1, max_budget)
        Each traced method's best value so far minus the minimum (at least 1e-9).
    grid_regret : dict of int to float
        Each grid's best value minus the minimum (at least 1e-9).

    """

    objective: str
    methods: tuple[str, ...]
    n_init: int
    max_budget: int
    minimum: float
    traces: dict[str, SearchTrace]
    grids: dict[int, SearchTrace]
    xs: NDArray[np.float64]
    surface: NDArray[np.float64]
    regret_curves: dict[str, NDArray[np.float64]]
    grid_regret: dict[int, float]

    def at(self, method: str, budget: int) -> SearchSnapshot:
        """What ``method`` evaluated within ``budget`` evaluations (the grid may use fewer)."""
        trace = self.grids[budget] if method == "grid" else self.traces[method]
        X, y = (trace.X, trace.y) if method == "grid" else (trace.X[:budget], trace.y[:budget])
        i = int(np.argmin(y))
        regret = max(float(y.min()) - self.minimum, _REGRET_FLOOR)
        return SearchSnapshot(X, y, X[i], float(y.min()), regret, len(np.unique(np.round(X[:, 0], 9))))


def compare_searches(
    objective: str = "branin",
    methods: Sequence[str] = SEARCH_METHODS,
    max_budget: int = 30,
    *,
    seed: int | None = None,
    n_init: int = 5,
) -> SearchComparison:
    """Run every search method once on a test function of the unit square, to compare them at any budget.

    Parameters
    ----------
    objective : {"branin", "low_effective_dim"}, default="branin"
        The test function (see :data:`regviz.search.TEST_FUNCTIONS`).
    methods : sequence of str, default=SEARCH_METHODS
        Distinct names from :data:`regviz.search.SEARCH_METHODS`, at least one besides ``"grid"``.
    max_budget : int, default=30
        The largest budget, ``n_init + 1`` to 60: each method but the grid runs this many evaluations;
        the grid is built for every budget from ``n_init`` to ``max_budget``.
    seed : int or None, default=None
        Seed of the random, GP and TPE searches; ``None`` means the course seed (shifted by
        ``REGVIZ_SEED_OFFSET``).
    n_init : int, default=5
        Random evaluations before GP + EI and TPE use their models, in ``[1, 20]``.

    Returns
    -------
    SearchComparison

    """
    validate_choice(objective, "objective", sorted(TEST_FUNCTIONS))
    if isinstance(methods, str) or not isinstance(methods, Sequence) or not methods:
        raise ValueError(f"methods must be a non-empty sequence of names from {list(SEARCH_METHODS)}, got {methods!r}")
    offered = tuple(validate_choice(m, "methods", SEARCH_METHODS) for m in methods)
    if len(set(offered)) != len(offered) or offered == ("grid",):
        raise ValueError(f"methods must be distinct names, not only 'grid', got {list(offered)!r}")
    n_init = validate_int(n_init, "n_init", low=1, high=20)
    max_budget = validate_int(max_budget, "max_budget", low=n_init + 1, high=60)
    seed = validate_seed(seed)

    fn = TEST_FUNCTIONS[objective]
    minimum = TEST_FUNCTION_MINIMA[objective]
    traces: dict[str, SearchTrace] = {
        m: run_search(objective, m, max_budget, seed=seed, n_init=n_init) for m in offered if m != "grid"
    }
    budgets = list(range(n_init, max_budget + 1))
    grids = {b: run_search(objective, "grid", b, n_init=n_init) for b in budgets} if "grid" in offered else {}
    xs = np.linspace(0.0, 1.0, 121)
    U, V = np.meshgrid(xs, xs)
    Z = fn(np.c_[U.ravel(), V.ravel()]).reshape(U.shape)
    curves = {m: np.maximum(t.best_so_far - minimum, _REGRET_FLOOR)[None, :] for m, t in traces.items()}
    grid_best = {b: max(g.best - minimum, _REGRET_FLOOR) for b, g in grids.items()}
    return SearchComparison(objective, offered, n_init, max_budget, minimum, traces, grids, xs, Z, curves, grid_best)
