"""Hyperparameter search: search spaces, grid and random designs, Bayesian optimisation, storages.

Notebooks 12 (grid, random and halving search) and 13 (Bayesian optimisation,
Optuna) write each method out; this module keeps what the notebooks and the
command-line worker (:mod:`regviz.search_worker`) share, as tested references.

* :class:`FloatRange`, :class:`IntRange`, :class:`Categorical` — one
  hyperparameter each, validated when built (no empty choices, no
  ``low > high``, no log range reaching 0); :func:`validate_search_space`
  validates a whole space.
* :func:`grid_points`, :func:`random_points`, :func:`suggest` — a grid (ends
  included, or cell-centred) and a random design within a budget of at most
  :data:`MAX_DESIGN_POINTS` points, and the same space asked of an Optuna trial.
* :func:`expected_improvement`, :func:`probability_of_improvement`,
  :func:`bayes_opt_minimize` — Bayesian optimisation with a Gaussian process
  (scikit-learn's ``GaussianProcessRegressor``) on the unit cube.
* :func:`halving_schedule` — candidates and resources of each rung of
  successive halving, as scikit-learn's ``HalvingRandomSearchCV`` runs them.
* :func:`run_search` — grid, random, GP + EI or Optuna's TPE on a test
  function of the unit square, one :class:`SearchTrace` each.
* :func:`open_storage` — an Optuna storage from a URL (journal file, SQLite,
  PostgreSQL) that fails fast, with a clear message, on a bad URL or an
  unreachable server.
* :func:`quadratic_objective`, :func:`make_mnist_objective` — the worker's objectives.

Every test function here is **minimised**. Optuna and PyTorch are imported
inside the functions that need them, so ``import regviz.search`` stays light.
"""

from __future__ import annotations

import itertools
import math
import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray

from ._validation import validate_array, validate_choice, validate_int, validate_real, validate_seed

if TYPE_CHECKING:  # pragma: no cover - typing only
    import optuna

__all__ = [
    "BRANIN_MIN",
    "MNIST_SPACE",
    "SEARCH_METHODS",
    "Categorical",
    "FloatRange",
    "IntRange",
    "StorageError",
    "bayes_opt_minimize",
    "branin",
    "expected_improvement",
    "grid_points",
    "halving_schedule",
    "low_effective_dim_loss",
    "make_mnist_objective",
    "open_storage",
    "probability_of_improvement",
    "run_search",
    "validate_search_space",
]


# --------------------------------------------------------------------------- search spaces


def _validate_bounds(low: Any, high: Any, log: Any, *, integer: bool) -> tuple[float, float]:
    if not isinstance(log, bool):
        raise ValueError(f"log must be True or False, got {log!r}")
    if integer:
        lo: float = validate_int(low, "low")
        hi: float = validate_int(high, "high")
    else:
        lo = validate_real(low, "low")
        hi = validate_real(high, "high")
    if lo > hi:
        raise ValueError(f"low must be <= high, got low={low!r} > high={high!r}")
    if log and lo <= 0:
        raise ValueError(f"low must be > 0 for a log range (log=True), got low={low!r}")
    return lo, hi


@dataclass(frozen=True)
class FloatRange:
    """A real hyperparameter in ``[low, high]``, sampled uniformly or log-uniformly.

    Parameters
    ----------
    low, high : float
        Bounds, finite, ``low <= high``.
    log : bool, default=False
        Sample ``log(value)`` uniformly (learning rates, penalties): then
        ``low`` must be ``> 0``.

    Raises
    ------
    ValueError
        If a bound is not finite, ``low > high``, or ``log`` and ``low <= 0``.

    """

    low: float
    high: float
    log: bool = False

    def __post_init__(self) -> None:
        lo, hi = _validate_bounds(self.low, self.high, self.log, integer=False)
        object.__setattr__(self, "low", lo)
        object.__setattr__(self, "high", hi)


@dataclass(frozen=True)
class IntRange:
    """An integer hyperparameter in ``[low, high]`` (both included).

    Parameters
    ----------
    low, high : int
        Bounds, ``low <= high``.
    log : bool, default=False
        Sample on a log scale (layer widths, batch sizes): ``low`` must be ``>= 1``.

    Raises
    ------
    ValueError
        If a bound is not an integer, ``low > high``, or ``log`` and ``low <= 0``.

    """

    low: int
    high: int
    log: bool = False

    def __post_init__(self) -> None:
        lo, hi = _validate_bounds(self.low, self.high, self.log, integer=True)
        object.__setattr__(self, "low", int(lo))
        object.__setattr__(self, "high", int(hi))


@dataclass(frozen=True)
class Categorical:
    """A hyperparameter taking one of a few values (``None``, bool, int, float or str).

    Parameters
    ----------
    choices : sequence
        The values, at least one, no duplicates; stored as a tuple.

    Raises
    ------
    ValueError
        If ``choices`` is empty, a string, holds duplicates or a value Optuna
        cannot store.

    """

    choices: tuple[Any, ...]

    def __post_init__(self) -> None:
        choices = self.choices
        if isinstance(choices, str | bytes) or not isinstance(choices, Sequence):
            raise ValueError(f"choices must be a sequence of values such as (32, 64, 128), got {choices!r}")
        values = tuple(choices)
        if not values:
            raise ValueError("choices must hold at least one value, got an empty sequence")
        for value in values:
            if value is not None and not isinstance(value, bool | int | float | str | np.integer | np.floating):
                raise ValueError(f"choices must be None, bool, int, float or str, got {value!r}")
        if len(set(values)) != len(values):
            raise ValueError(f"choices must not repeat a value, got {values!r}")
        object.__setattr__(self, "choices", values)


Param = FloatRange | IntRange | Categorical
"""One hyperparameter of a search space."""


def validate_search_space(space: Any) -> dict[str, Param]:
    """Validate a search space: a non-empty mapping of names to hyperparameters.

    Parameters
    ----------
    space : mapping of str to FloatRange, IntRange or Categorical
        The hyperparameters, by name, in the order the designs use them.

    Returns
    -------
    dict of str to FloatRange, IntRange or Categorical
        A copy of the space.

    Raises
    ------
    ValueError
        If ``space`` is not a mapping, is empty, has a name that is not a
        non-empty string, or a value that is not one of the three classes.

    Examples
    --------
    >>> space = validate_search_space({"lr": FloatRange(1e-4, 1e-1, log=True), "hidden": Categorical((32, 64))})
    >>> list(space)
    ['lr', 'hidden']

    """
    if not isinstance(space, Mapping):
        raise ValueError(
            f"space must be a mapping of names to FloatRange, IntRange or Categorical, got {type(space).__name__}"
        )
    if not space:
        raise ValueError("space must hold at least one hyperparameter, got an empty mapping")
    checked: dict[str, Param] = {}
    for name, param in space.items():
        if not isinstance(name, str) or not name:
            raise ValueError(f"space names must be non-empty strings, got {name!r}")
        if not isinstance(param, FloatRange | IntRange | Categorical):
            raise ValueError(
                f"space[{name!r}] must be a FloatRange, IntRange or Categorical, got {type(param).__name__} {param!r}"
            )
        checked[name] = param
    return checked


def to_log_uniform(u: Any, low: float, high: float) -> NDArray[np.float64]:
    r"""Map uniform numbers in [0, 1] to a log-uniform range ``[low, high]``.

    .. math:: x = \text{low} \cdot (\text{high} / \text{low})^{u},

    so that ``log x`` is uniform between ``log low`` and ``log high``: each
    decade of the range receives the same share of the draws.

    Parameters
    ----------
    u : array-like
        Numbers in [0, 1].
    low, high : float
        Bounds, ``0 < low <= high``.

    Returns
    -------
    ndarray
        Same shape as ``u``.

    """
    u_arr = validate_array(u, "u", ndim=None, allow_empty=True)
    if np.any((u_arr < 0) | (u_arr > 1)):
        raise ValueError("u must hold numbers in [0, 1]")
    low = validate_real(low, "low", low=0, low_open=True)
    high = validate_real(high, "high", low=low)
    return low * (high / low) ** u_arr


def _from_unit(param: Param, u: NDArray[np.float64]) -> list[Any]:
    """Map numbers in [0, 1] to values of one hyperparameter."""
    if isinstance(param, Categorical):
        k = len(param.choices)
        index = np.minimum((u * k).astype(int), k - 1)
        return [param.choices[i] for i in index]
    values = to_log_uniform(u, param.low, param.high) if param.log else param.low + u * (param.high - param.low)
    if isinstance(param, IntRange):
        return [int(v) for v in np.clip(np.round(values), param.low, param.high)]
    return [float(v) for v in values]


MAX_DESIGN_POINTS = 100_000
MAX_GP_EVALUATIONS = 2_000  # a Gaussian process refits an (n x n) kernel matrix at every step: O(n^3)
"""Largest design :func:`grid_points` and :func:`random_points` build.

A search evaluates every point of its design, so even this is far beyond any budget a search of the course
(or of a laptop) can spend; the bound stops a mistyped budget (``10**9``) from allocating gigabytes of
dictionaries and running for minutes before anything is evaluated. Larger requests raise ``ValueError``.
"""

_GRID_SPACINGS: tuple[str, ...] = ("ends", "centred")
"""How :func:`grid_points` spaces ``k`` values on a range: ``"ends"`` includes both ends
(``numpy.linspace(0, 1, k)``), ``"centred"`` takes the centres of ``k`` equal cells, ``(i + 1/2) / k``."""


def _axis_values(param: Param, k: int, spacing: str = "ends") -> list[Any]:
    if isinstance(param, Categorical):
        return list(param.choices)
    if k == 1:
        u = np.array([0.5])
    elif spacing == "centred":
        u = (np.arange(k) + 0.5) / k
    else:
        u = np.linspace(0.0, 1.0, k)
    values = _from_unit(param, u)
    return list(dict.fromkeys(values))  # integer axes may repeat after rounding


def _grid_shape(space: dict[str, Param], budget: int) -> list[int]:
    n_fixed = math.prod(len(p.choices) for p in space.values() if isinstance(p, Categorical))
    ranges = [name for name, p in space.items() if not isinstance(p, Categorical)]
    if n_fixed > budget:
        raise ValueError(
            f"budget must be >= {n_fixed}, the number of combinations of the categorical choices, got {budget}"
        )
    counts = {name: len(p.choices) for name, p in space.items() if isinstance(p, Categorical)}
    if ranges:
        room = budget // n_fixed
        k = max(1, math.floor(room ** (1 / len(ranges)) + 1e-9))
        per_axis = dict.fromkeys(ranges, k)
        for name in ranges:  # grow axes one by one, first ones first, while the budget allows
            if math.prod(per_axis.values()) // k * (k + 1) <= room:
                per_axis[name] = k + 1
        counts.update(per_axis)
    return [counts[name] for name in space]


def grid_points(space: Mapping[str, Param], budget: int, *, spacing: str = "ends") -> list[dict[str, Any]]:
    """A full grid of at most ``budget`` points, as even across the ranges as the budget allows.

    Categorical hyperparameters contribute all their choices; the budget left
    is shared by the ranges, each getting ``k`` or ``k + 1`` evenly spaced
    values (log-spaced for a log range). A single value sits at the middle
    of its range.

    Parameters
    ----------
    space : mapping of str to FloatRange, IntRange or Categorical
        The search space.
    budget : int
        Largest number of points, in ``[1, MAX_DESIGN_POINTS]`` (100,000) and at
        least the number of combinations of the categorical choices.
    spacing : {"ends", "centred"}, default="ends"
        ``"ends"``: ``k`` values with both ends of the range included, as
        ``numpy.linspace`` gives them (``0, 1/3, 2/3, 1`` for ``k = 4``);
        ``"centred"``: the centres of ``k`` equal cells (``1/8, 3/8, 5/8, 7/8``),
        the fair grid to compare a random search with: no value is spent on an
        edge of the range.

    Returns
    -------
    list of dict
        One ``{name: value}`` per point; the first hyperparameter varies slowest.

    Raises
    ------
    ValueError
        If the space is invalid, ``budget`` is not an integer in
        ``[1, MAX_DESIGN_POINTS]`` or is smaller than the number of categorical
        combinations, or ``spacing`` is unknown.

    Examples
    --------
    >>> pts = grid_points({"a": FloatRange(0, 1), "b": FloatRange(0, 1)}, 9)
    >>> len(pts), sorted({p["a"] for p in pts})
    (9, [0.0, 0.5, 1.0])
    >>> sorted({p["a"] for p in grid_points({"a": FloatRange(0, 1)}, 4, spacing="centred")})
    [0.125, 0.375, 0.625, 0.875]

    """
    checked = validate_search_space(space)
    budget = validate_int(budget, "budget", low=1, high=MAX_DESIGN_POINTS)
    validate_choice(spacing, "spacing", _GRID_SPACINGS)
    shape = _grid_shape(checked, budget)
    axes = [_axis_values(p, k, spacing) for p, k in zip(checked.values(), shape, strict=True)]
    names = list(checked)
    return [dict(zip(names, combo, strict=True)) for combo in itertools.product(*axes)]


def random_points(space: Mapping[str, Param], n_points: int, *, seed: int | None = None) -> list[dict[str, Any]]:
    """``n_points`` independent draws from the space: uniform, log-uniform or uniform over choices.

    Parameters
    ----------
    space : mapping of str to FloatRange, IntRange or Categorical
        The search space.
    n_points : int
        Number of points, in ``[1, MAX_DESIGN_POINTS]`` (100,000).
    seed : int or None, default=None
        ``None`` means the course seed ``regviz.device.seed()`` (shifted by ``REGVIZ_SEED_OFFSET``).
        Seed of ``numpy.random.default_rng``.

    Returns
    -------
    list of dict
        One ``{name: value}`` per point.

    Raises
    ------
    ValueError
        If the space is invalid or ``n_points`` is not an integer in ``[1, MAX_DESIGN_POINTS]``.

    """
    checked = validate_search_space(space)
    n_points = validate_int(n_points, "n_points", low=1, high=MAX_DESIGN_POINTS)
    seed = validate_seed(seed)
    rng = np.random.default_rng(seed)
    columns = {name: _from_unit(p, rng.random(n_points)) for name, p in checked.items()}
    return [{name: columns[name][i] for name in checked} for i in range(n_points)]


def suggest(trial: optuna.trial.BaseTrial, space: Mapping[str, Param]) -> dict[str, Any]:
    """Ask an Optuna trial for one value of every hyperparameter of ``space``.

    Parameters
    ----------
    trial : optuna.trial.Trial
        The trial (in an objective function).
    space : mapping of str to FloatRange, IntRange or Categorical
        The search space.

    Returns
    -------
    dict
        ``{name: value}``, from ``trial.suggest_float``, ``suggest_int`` or
        ``suggest_categorical``.

    """
    checked = validate_search_space(space)
    params: dict[str, Any] = {}
    for name, p in checked.items():
        if isinstance(p, FloatRange):
            params[name] = trial.suggest_float(name, p.low, p.high, log=p.log)
        elif isinstance(p, IntRange):
            params[name] = trial.suggest_int(name, p.low, p.high, log=p.log)
        else:
            params[name] = trial.suggest_categorical(name, p.choices)
    return params


# --------------------------------------------------------------------------- acquisition functions


def _gaussian_inputs(
    mu: Any, sigma: Any, best: Any, xi: Any
) -> tuple[NDArray[np.float64], NDArray[np.float64], float, float]:
    mu_arr = validate_array(mu, "mu", ndim=None)
    sigma_arr = validate_array(sigma, "sigma", ndim=None)
    if mu_arr.shape != sigma_arr.shape:
        raise ValueError(f"mu and sigma must have the same shape, got {mu_arr.shape} and {sigma_arr.shape}")
    if np.any(sigma_arr < 0):
        raise ValueError("sigma must hold standard deviations >= 0")
    return mu_arr, sigma_arr, validate_real(best, "best"), validate_real(xi, "xi", low=0)


def expected_improvement(mu: Any, sigma: Any, best: float, *, xi: float = 0.0) -> NDArray[np.float64]:
    r"""Expected improvement over ``best`` of a Gaussian prediction, for **minimisation**.

    With :math:`Y \sim \mathcal N(\mu, \sigma^2)` the model's belief about the
    loss at a point and :math:`f^*` the best (lowest) loss seen so far,

    .. math::

        \mathrm{EI} = \mathbb E\left[\max(f^* - \xi - Y, 0)\right]
                    = (f^* - \xi - \mu)\,\Phi(z) + \sigma\,\varphi(z),
        \qquad z = \frac{f^* - \xi - \mu}{\sigma},

    and ``max(f* - xi - mu, 0)`` where ``sigma == 0``. The first term rewards a
    low predicted mean (exploitation), the second a large uncertainty (exploration).

    Parameters
    ----------
    mu, sigma : array-like of the same shape
        Predicted mean and standard deviation (``>= 0``) of the loss.
    best : float
        Lowest loss observed so far.
    xi : float, default=0.0
        Margin ``>= 0`` an improvement must exceed; larger values explore more.

    Returns
    -------
    ndarray
        The expected improvement, ``>= 0``, same shape as ``mu``.

    """
    from scipy.stats import norm

    mu_arr, sigma_arr, best, xi = _gaussian_inputs(mu, sigma, best, xi)
    gain = best - xi - mu_arr
    safe = np.where(sigma_arr > 0, sigma_arr, 1.0)
    z = gain / safe
    ei = gain * norm.cdf(z) + sigma_arr * norm.pdf(z)
    return np.where(sigma_arr > 0, np.maximum(ei, 0.0), np.maximum(gain, 0.0))


def probability_of_improvement(mu: Any, sigma: Any, best: float, *, xi: float = 0.0) -> NDArray[np.float64]:
    r"""Probability that a Gaussian prediction beats ``best`` by more than ``xi`` (minimisation).

    .. math:: \mathrm{PI} = P(Y < f^* - \xi) = \Phi\!\left(\frac{f^* - \xi - \mu}{\sigma}\right),

    and 1 or 0 where ``sigma == 0`` (whether ``mu < f* - xi``).

    Parameters
    ----------
    mu, sigma : array-like of the same shape
        Predicted mean and standard deviation (``>= 0``) of the loss.
    best : float
        Lowest loss observed so far.
    xi : float, default=0.0
        Margin ``>= 0``.

    Returns
    -------
    ndarray
        Probabilities in [0, 1], same shape as ``mu``.

    """
    from scipy.stats import norm

    mu_arr, sigma_arr, best, xi = _gaussian_inputs(mu, sigma, best, xi)
    gain = best - xi - mu_arr
    safe = np.where(sigma_arr > 0, sigma_arr, 1.0)
    return np.where(sigma_arr > 0, norm.cdf(gain / safe), (gain > 0).astype(float))


def halving_schedule(
    n_candidates: int, min_resources: int, max_resources: int, *, factor: int = 3
) -> list[tuple[int, int]]:
    r"""Candidates and resources of each rung of successive halving.

    The rule of scikit-learn's ``HalvingRandomSearchCV`` / ``HalvingGridSearchCV``
    (default ``aggressive_elimination=False``): rung :math:`i` evaluates
    :math:`n_i` candidates with :math:`r_i = r_0 \cdot \text{factor}^i`
    resources (samples), keeps the best :math:`n_{i+1} = \lceil n_i / \text{factor} \rceil`,
    and stops after :math:`\min(1 + \lfloor \log_{\text{factor}} n_0 \rfloor,\;
    1 + \lfloor \log_{\text{factor}} (\text{max} // r_0) \rfloor)` rungs: when
    fewer than ``factor`` candidates would remain, or resources would run out.

    Parameters
    ----------
    n_candidates : int
        Candidates of the first rung, ``>= 1``.
    min_resources : int
        Resources of the first rung, ``>= 1``.
    max_resources : int
        Resources available (e.g. the number of samples), ``>= min_resources``.
    factor : int, default=3
        Shrinking factor of the candidates and growth factor of the resources, ``>= 2``.

    Returns
    -------
    list of (int, int)
        ``(n_candidates_i, n_resources_i)`` for each rung.

    Notes
    -----
    The logarithms are counted with integers here; scikit-learn uses
    floating-point ``log``, which can round an exact power such as
    ``log(243, 3)`` down by one.

    """
    n_candidates = validate_int(n_candidates, "n_candidates", low=1)
    min_resources = validate_int(min_resources, "min_resources", low=1)
    max_resources = validate_int(max_resources, "max_resources", low=min_resources)
    factor = validate_int(factor, "factor", low=2)

    def floor_log(x: int) -> int:
        k = 0
        while factor ** (k + 1) <= x:
            k += 1
        return k

    n_rungs = min(1 + floor_log(n_candidates), 1 + floor_log(max_resources // min_resources))
    schedule = []
    n = n_candidates
    for i in range(n_rungs):
        schedule.append((n, min(min_resources * factor**i, max_resources)))
        n = math.ceil(n / factor)
    return schedule


# --------------------------------------------------------------------------- test functions (unit square)


def _unit_points(X: Any, n_dims: int, name: str = "X") -> NDArray[np.float64]:
    arr = validate_array(X, name, ndim=2)
    if arr.shape[1] != n_dims:
        raise ValueError(f"{name} must have shape (n_points, {n_dims}), got {arr.shape}")
    if np.any((arr < 0) | (arr > 1)):
        raise ValueError(f"{name} must lie in the unit square [0, 1]^{n_dims}")
    return arr


def branin(X: Any) -> NDArray[np.float64]:
    r"""The Branin–Hoo function on the unit square, a standard test of Bayesian optimisation.

    With :math:`x_1 = 15u - 5 \in [-5, 10]` and :math:`x_2 = 15v \in [0, 15]`,

    .. math:: f = \left(x_2 - \tfrac{5.1}{4\pi^2} x_1^2 + \tfrac{5}{\pi} x_1 - 6\right)^2
              + 10\left(1 - \tfrac{1}{8\pi}\right)\cos x_1 + 10,

    with three global minima of value :math:`0.397887...`

    Parameters
    ----------
    X : array-like of shape (n_points, 2)
        Points ``(u, v)`` of the unit square.

    Returns
    -------
    ndarray of shape (n_points,)

    """
    arr = _unit_points(X, 2)
    x1, x2 = 15 * arr[:, 0] - 5, 15 * arr[:, 1]
    b, c, t = 5.1 / (4 * np.pi**2), 5 / np.pi, 1 / (8 * np.pi)
    return (x2 - b * x1**2 + c * x1 - 6) ** 2 + 10 * (1 - t) * np.cos(x1) + 10


BRANIN_MIN = 0.39788735772973816
"""Global minimum value of :func:`branin`."""


def low_effective_dim_loss(X: Any, *, u_star: float = 0.55, width: float = 0.08) -> NDArray[np.float64]:
    r"""A loss on the unit square where the first hyperparameter matters and the second hardly does.

    .. math:: f(u, v) = 1 - 0.9\,\exp\!\left(-\frac{(u - u^*)^2}{2\,w^2}\right) + 0.1\,(v - 0.5)^2

    Its minimum, 0.1, is at :math:`(u^*, 0.5)`; along :math:`v` the loss moves
    by at most 0.025 — the situation of Bergstra & Bengio (2012), where a grid
    wastes its budget repeating the few values it tries of :math:`u`.

    Parameters
    ----------
    X : array-like of shape (n_points, 2)
        Points ``(u, v)`` of the unit square.
    u_star : float, default=0.55
        Best value of the important hyperparameter, in [0, 1].
    width : float, default=0.08
        Width ``w > 0`` of the valley along ``u``.

    Returns
    -------
    ndarray of shape (n_points,)

    """
    arr = _unit_points(X, 2)
    u_star = validate_real(u_star, "u_star", low=0, high=1)
    width = validate_real(width, "width", low=0, low_open=True)
    u, v = arr[:, 0], arr[:, 1]
    return 1 - 0.9 * np.exp(-0.5 * ((u - u_star) / width) ** 2) + 0.1 * (v - 0.5) ** 2


TEST_FUNCTIONS: dict[str, Callable[[Any], NDArray[np.float64]]] = {
    "branin": branin,
    "low_effective_dim": low_effective_dim_loss,
}
"""The unit-square test functions :func:`run_search` and the explorer know by name."""

TEST_FUNCTION_MINIMA: dict[str, float] = {"branin": BRANIN_MIN, "low_effective_dim": 0.1}
"""Global minimum value of each of :data:`TEST_FUNCTIONS`."""


# --------------------------------------------------------------------------- Bayesian optimisation


def _objective_values(objective: Callable[[Any], Any], X: NDArray[np.float64]) -> NDArray[np.float64]:
    y = np.asarray(objective(X), dtype=float).reshape(-1)
    if y.shape != (len(X),) or not np.all(np.isfinite(y)):
        raise ValueError(f"objective must return {len(X)} finite values for {len(X)} points, got shape {y.shape}")
    return y


def bayes_opt_minimize(
    objective: Callable[[Any], Any],
    budget: int,
    *,
    n_dims: int = 2,
    n_init: int = 5,
    length_scale: float = 0.2,
    xi: float = 0.01,
    n_candidates: int = 2000,
    seed: int | None = None,
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    r"""Minimise a function of the unit cube with a Gaussian process and expected improvement.

    1. Evaluate ``n_init`` uniform random points.
    2. Fit ``GaussianProcessRegressor(Matern(length_scale, nu=2.5), alpha=1e-6,
       normalize_y=True)`` to all evaluations, kernel **fixed** (``optimizer=None``:
       no marginal-likelihood fit, so each step is quick and warning-free).
    3. Draw ``n_candidates`` uniform random candidates, evaluate the
       objective at the one with the largest :func:`expected_improvement`
       (margin ``xi``) over the best value so far; repeat from 2 until
       ``budget`` evaluations.

    Parameters
    ----------
    objective : callable
        ``objective(X)`` with ``X`` of shape (n_points, n_dims) in [0, 1],
        returning one finite value per point.
    budget : int
        Total evaluations, in ``[n_init, MAX_GP_EVALUATIONS]`` (2,000: each step refits the GP, O(n³)).
    n_dims : int, default=2
        Dimension of the cube, ``>= 1``.
    n_init : int, default=5
        Random evaluations before the model takes over, ``>= 1``.
    length_scale : float, default=0.2
        Length scale of the Matérn kernel, ``> 0`` (in units of the cube's side).
    xi : float, default=0.01
        Margin of the expected improvement, ``>= 0``.
    n_candidates : int, default=2000
        Random candidates scored by the acquisition at each step, in ``[1, MAX_DESIGN_POINTS]``.
    seed : int or None, default=None
        ``None`` means the course seed ``regviz.device.seed()`` (shifted by ``REGVIZ_SEED_OFFSET``).
        Seed of ``numpy.random.default_rng``, which draws the initial points
        and the candidates in that order.

    Returns
    -------
    X : ndarray of shape (budget, n_dims)
        The evaluated points, in order.
    y : ndarray of shape (budget,)
        Their values.

    """
    from sklearn.gaussian_process import GaussianProcessRegressor
    from sklearn.gaussian_process.kernels import Matern

    if not callable(objective):
        raise ValueError("objective must be callable as objective(X) -> values")
    n_dims = validate_int(n_dims, "n_dims", low=1)
    n_init = validate_int(n_init, "n_init", low=1)
    budget = validate_int(budget, "budget", low=n_init, high=MAX_GP_EVALUATIONS)
    length_scale = validate_real(length_scale, "length_scale", low=0, low_open=True)
    xi = validate_real(xi, "xi", low=0)
    n_candidates = validate_int(n_candidates, "n_candidates", low=1, high=MAX_DESIGN_POINTS)
    seed = validate_seed(seed)
    rng = np.random.default_rng(seed)
    X = rng.random((n_init, n_dims))
    y = _objective_values(objective, X)
    kernel = Matern(length_scale=length_scale, length_scale_bounds="fixed", nu=2.5)
    while len(y) < budget:
        gp = GaussianProcessRegressor(kernel, alpha=1e-6, normalize_y=True, optimizer=None).fit(X, y)
        candidates = rng.random((n_candidates, n_dims))
        mu, sigma = gp.predict(candidates, return_std=True)
        x_next = candidates[np.argmax(expected_improvement(mu, sigma, y.min(), xi=xi))]
        X = np.vstack([X, x_next])
        y = np.append(y, _objective_values(objective, x_next[None, :]))
    return X, y


SEARCH_METHODS: tuple[str, ...] = ("grid", "random", "gp-ei", "tpe")
"""Methods :func:`run_search` knows: grid, uniform random, GP + expected improvement, Optuna's TPE."""


@dataclass(frozen=True)
class SearchTrace:
    """The evaluations of one search, in the order they were made.

    Attributes
    ----------
    method : str
        One of :data:`SEARCH_METHODS`.
    X : ndarray of shape (n_evals, n_dims)
        Points of the unit cube.
    y : ndarray of shape (n_evals,)
        Objective values.

    """

    method: str
    X: NDArray[np.float64]
    y: NDArray[np.float64]

    @property
    def best_so_far(self) -> NDArray[np.float64]:
        """Lowest value after each evaluation (a non-increasing curve)."""
        return np.minimum.accumulate(self.y)

    @property
    def best(self) -> float:
        """Lowest value found."""
        return float(self.y.min())

    @property
    def best_x(self) -> NDArray[np.float64]:
        """The point of the lowest value (the first one on ties)."""
        return self.X[int(np.argmin(self.y))]


def _tpe_trace(
    objective: Callable[[Any], Any], budget: int, n_dims: int, n_init: int, seed: int
) -> NDArray[np.float64]:
    import optuna

    def fn(trial: optuna.trial.Trial) -> float:
        x = np.array([[trial.suggest_float(f"x{i}", 0.0, 1.0) for i in range(n_dims)]])
        return float(_objective_values(objective, x)[0])

    verbosity = optuna.logging.get_verbosity()
    optuna.logging.set_verbosity(optuna.logging.WARNING)  # no INFO line per trial
    try:
        sampler = optuna.samplers.TPESampler(seed=seed, n_startup_trials=n_init)
        study = optuna.create_study(direction="minimize", sampler=sampler)
        study.optimize(fn, n_trials=budget)
    finally:
        optuna.logging.set_verbosity(verbosity)
    return np.array([[t.params[f"x{i}"] for i in range(n_dims)] for t in study.trials])


def run_search(
    objective: str | Callable[[Any], Any],
    method: str,
    budget: int,
    *,
    seed: int | None = None,
    n_init: int = 5,
) -> SearchTrace:
    """Minimise a function of the unit square with one search method and a budget of evaluations.

    Parameters
    ----------
    objective : str or callable
        A name in :data:`TEST_FUNCTIONS` or ``objective(X) -> values`` with
        ``X`` of shape (n_points, 2) in [0, 1].
    method : {"grid", "random", "gp-ei", "tpe"}
        ``"grid"``: :func:`grid_points` with ``spacing="centred"``, the fair
        grid (the same for every seed);
        ``"random"``: uniform points; ``"gp-ei"``: :func:`bayes_opt_minimize`;
        ``"tpe"``: Optuna's ``TPESampler(seed=seed, n_startup_trials=n_init)``,
        trials run one after the other (deterministic for a seed).
    budget : int
        Number of evaluations, in ``[n_init, MAX_DESIGN_POINTS]`` (the grid
        may use fewer: the largest grid that fits).
    seed : int or None, default=None
        ``None`` means the course seed ``regviz.device.seed()`` (shifted by ``REGVIZ_SEED_OFFSET``).
        Seed of the random parts.
    n_init : int, default=5
        Random evaluations before GP + EI or TPE use a model, ``>= 1``.

    Returns
    -------
    SearchTrace
        The evaluated points and values, in order.

    """
    fn = (
        TEST_FUNCTIONS[validate_choice(objective, "objective", sorted(TEST_FUNCTIONS))]
        if isinstance(objective, str)
        else objective
    )
    if not callable(fn):
        raise ValueError(f"objective must be a name in {sorted(TEST_FUNCTIONS)} or a callable, got {objective!r}")
    validate_choice(method, "method", SEARCH_METHODS)
    n_init = validate_int(n_init, "n_init", low=1, high=MAX_DESIGN_POINTS)
    budget = validate_int(budget, "budget", low=n_init, high=MAX_DESIGN_POINTS)
    seed = validate_seed(seed)
    if method == "grid":
        pts = grid_points({"u": FloatRange(0.0, 1.0), "v": FloatRange(0.0, 1.0)}, budget, spacing="centred")
        X = np.array([[p["u"], p["v"]] for p in pts])
        y = _objective_values(fn, X)
    elif method == "random":
        X = np.random.default_rng(seed).random((budget, 2))
        y = _objective_values(fn, X)
    elif method == "gp-ei":
        X, y = bayes_opt_minimize(fn, budget, n_dims=2, n_init=n_init, seed=seed)
    else:
        X = _tpe_trace(fn, budget, 2, n_init, seed)
        y = _objective_values(fn, X)
    X.setflags(write=False)
    y.setflags(write=False)
    return SearchTrace(method, X, y)


# --------------------------------------------------------------------------- storages


class StorageError(RuntimeError):
    """An Optuna storage could not be opened (bad URL, missing driver, unreachable server)."""


_RDB_SCHEMES = ("sqlite", "postgresql", "mysql")
_STORAGE_FORMS = (
    "journal:///path/to/study.log (a journal file, one machine), sqlite:///path/to/study.db, "
    "or postgresql+psycopg2://user:password@host:5432/dbname (several machines)"
)


def _split_credentials(url: str) -> tuple[str, str | None]:
    """Return ``url`` with any password replaced by ``***``, and the password (None if there is none).

    Done by hand rather than by a URL parser, so that a URL no parser accepts (a port that is not a number,
    a broken IPv6 host, an ``@`` inside the password) is redacted too: everything between the first ``:`` of
    the credentials and the **last** ``@`` counts as the password (redacting too much is safe).
    """
    scheme, sep, rest = url.partition("://")
    if not sep:
        return url, None
    at = rest.rfind("@")
    colon = rest.find(":")
    if at == -1 or colon == -1 or colon > at:
        return url, None
    password = rest[colon + 1 : at]
    return f"{scheme}://{rest[:colon]}:***{rest[at:]}", password or None


def _hide_password(url: str) -> str:
    """The URL with its password replaced by ``***``, whatever the URL looks like."""
    return _split_credentials(url)[0]


def _scrub(text: str, url: str) -> str:
    """``text`` with the URL's password (raw and percent-decoded) replaced by ``***``."""
    import re
    from urllib.parse import unquote

    _, password = _split_credentials(url)
    if password:
        secrets = {password, unquote(password)}
        secrets |= {piece for s in list(secrets) for piece in re.split(r"[@:/]", s) if len(piece) >= 3}
        for secret in sorted(secrets, key=len, reverse=True):  # longest first: no half-replaced secret remains
            text = text.replace(secret, "***")
    return text


def _postgres_driver(url: str) -> str:
    """Name psycopg2 in a bare ``postgresql://`` URL when psycopg 3 (SQLAlchemy 2.1's default) is absent."""
    import importlib.util

    if importlib.util.find_spec("psycopg") is None and importlib.util.find_spec("psycopg2") is not None:
        return "postgresql+psycopg2://" + url[len("postgresql://") :]
    return url


def _rdb_storage(url: str, engine_kwargs: dict[str, Any]) -> optuna.storages.RDBStorage:
    """``RDBStorage``, retried when workers starting together race to create its tables."""
    import time

    import optuna
    from sqlalchemy.exc import IntegrityError, OperationalError, ProgrammingError

    for attempt in range(6):
        try:
            return optuna.storages.RDBStorage(url, engine_kwargs=engine_kwargs)
        except (IntegrityError, ProgrammingError, OperationalError) as exc:
            # PostgreSQL: "duplicate key ... pg_type_typname_nsp_index"; SQLite: "table studies already exists"
            race = not isinstance(exc, OperationalError) or "already exists" in str(exc)
            if attempt == 5 or not race:
                raise
            time.sleep(0.1 * (attempt + 1))
    raise AssertionError("unreachable")  # pragma: no cover


def open_storage(url: str, *, connect_timeout: float = 5.0) -> optuna.storages.BaseStorage:
    """Open the Optuna storage a study lives in, from a URL; fail fast and clearly.

    Parameters
    ----------
    url : str
        * ``journal:///abs/path/study.log`` or ``journal://relative/path.log`` —
          Optuna's ``JournalStorage(JournalFileBackend(path))``: processes on
          **one machine** (or a shared file system) append to one log file,
          with a lock.
        * ``sqlite:///path/study.db`` — a SQLite database through ``RDBStorage``
          (one machine).
        * ``postgresql+psycopg2://user:password@host:port/dbname`` (or
          ``postgresql://``, ``mysql...``) — a database server through
          ``RDBStorage``: workers on **several machines** share one study.
    connect_timeout : float, default=5.0
        Seconds to wait for a database server before giving up, ``> 0``.

    Returns
    -------
    optuna.storages.BaseStorage

    Raises
    ------
    ValueError
        If the URL has none of the forms above, or the journal file's folder
        does not exist.
    StorageError
        If the database driver is missing or the server cannot be reached
        (message without the password).

    """
    if not isinstance(url, str) or not url.strip():
        raise ValueError(f"url must be a storage URL such as {_STORAGE_FORMS}; got {url!r}")
    connect_timeout = validate_real(connect_timeout, "connect_timeout", low=0, low_open=True)

    url = url.strip()
    scheme = url.split("://", 1)[0].split("+", 1)[0].lower() if "://" in url else ""
    if scheme == "journal":
        return _journal_storage(url)
    if scheme not in _RDB_SCHEMES:
        raise ValueError(f"url must be one of {_STORAGE_FORMS}; got {_hide_password(url)!r}")
    shown = _hide_password(url)
    if url.lower().startswith("postgresql://"):
        url = _postgres_driver(url)
    timeout = max(1, math.ceil(connect_timeout))
    connect_args: dict[str, Any] = {"timeout": connect_timeout} if scheme == "sqlite" else {"connect_timeout": timeout}
    try:
        return _rdb_storage(url, {"connect_args": connect_args, "pool_pre_ping": True})
    except ImportError as exc:
        detail = _scrub(str(exc), url)
        raise StorageError(f"cannot open {shown}: the database driver is missing ({detail})") from None
    except Exception as exc:
        first_line = str(getattr(exc, "orig", None) or exc).strip().splitlines()
        detail = _scrub(first_line[0] if first_line else type(exc).__name__, url)
        raise StorageError(f"cannot open {shown}: {detail}") from None  # the original may quote the password


def _validate_journal_lines(path: Path) -> None:
    """Refuse a journal whose complete lines are not JSON (Optuna forgives a bad *last* line until it appends)."""
    import json

    if not path.is_file() or path.stat().st_size == 0:
        return
    number = 0
    try:
        with open(path, "rb") as fh:
            for line in fh:
                number += 1
                if line.endswith(b"\n"):  # a line without its newline may be another worker's write in progress
                    json.loads(line)
    except (ValueError, UnicodeDecodeError) as exc:
        raise StorageError(
            f"the journal file {path} is damaged (line {number} is not a journal record: {exc}); "
            "move it aside to start a new one"
        ) from None
    except OSError as exc:
        raise StorageError(f"cannot read the journal file {path}: {exc.strerror or exc}") from None


def _journal_storage(url: str) -> optuna.storages.BaseStorage:
    """Optuna's journal-file storage, after checking the file can be written (clear errors, no traceback)."""
    import optuna
    from optuna.storages.journal import JournalFileBackend

    path = Path(url[len("journal://") :])
    if not path.name:
        raise ValueError(f"url must name a file after journal://, got {url!r}")
    if not path.parent.is_dir():
        raise ValueError(f"url points into a folder that does not exist: {path.parent}")
    if path.is_dir():
        raise ValueError(f"url must name a journal file, but {path} is a folder")
    if path.exists() and not os.access(path, os.R_OK | os.W_OK):
        raise ValueError(f"url names a journal file this process cannot read and write: {path}")
    if not path.exists() and not os.access(path.parent, os.W_OK | os.X_OK):
        raise ValueError(f"url points into a folder this process cannot write to: {path.parent}")
    _validate_journal_lines(path)
    try:
        storage = optuna.storages.JournalStorage(JournalFileBackend(os.fspath(path)))
        storage.get_all_studies()  # replays the journal now, so a damaged file is named here, not deep in Optuna
    except OSError as exc:
        raise StorageError(f"cannot create or open the journal file {path}: {exc.strerror or exc}") from None
    except (ValueError, KeyError, TypeError) as exc:  # json.JSONDecodeError is a ValueError
        raise StorageError(
            f"the journal file {path} is damaged ({type(exc).__name__}: {exc}); move it aside to start a new one"
        ) from None
    return storage


# --------------------------------------------------------------------------- objectives of the worker


_QUADRATIC_SPACE: dict[str, Param] = {"x": FloatRange(-5.0, 5.0), "y": FloatRange(-5.0, 5.0)}
"""Search space of :func:`quadratic_objective`."""


def quadratic_objective(trial: optuna.trial.Trial) -> float:
    """A cheap objective for tests: ``(x - 1)**2 + (y + 2)**2`` over :data:`_QUADRATIC_SPACE`.

    Its minimum, 0, is at ``x = 1, y = -2``.

    Parameters
    ----------
    trial : optuna.trial.Trial
        The trial; asked for ``x`` and ``y``.

    Returns
    -------
    float

    """
    params = suggest(trial, _QUADRATIC_SPACE)
    return float((params["x"] - 1.0) ** 2 + (params["y"] + 2.0) ** 2)


MNIST_SPACE: dict[str, Param] = {
    "lr": FloatRange(1e-3, 1.0, log=True),
    "weight_decay": FloatRange(1e-6, 1e-2, log=True),
    "hidden": Categorical((32, 64, 128)),
}
"""Search space of :func:`make_mnist_objective`: SGD's learning rate, weight decay, hidden width."""


def make_mnist_objective(
    *,
    n_epochs: int = 2,
    n_train: int | None = None,
    batch_size: int = 64,
    momentum: float = 0.9,
    seed: int | None = None,
    device: Any = None,
    n_threads: int | None = 1,
) -> Callable[[optuna.trial.Trial], float]:
    """The course's MNIST objective: a one-hidden-layer MLP trained a few epochs with SGD.

    The data (the shipped 5,000 digits, :func:`regviz.data.stratified_split`
    with ``seed``) are loaded once, when this function is called. Each trial
    suggests :data:`MNIST_SPACE`, builds ``make_mlp(784, (hidden,), 10)``
    (seeded with ``seed + trial.number``), trains it with
    :func:`regviz.train.fit` and returns the **validation error rate**
    ``1 - accuracy`` after the last epoch (to minimise). After each epoch the
    error is reported to the trial, and the trial is pruned
    (``optuna.TrialPruned``) when the study's pruner says so.

    Parameters
    ----------
    n_epochs : int, default=2
        Epochs per trial, ``>= 1``.
    n_train : int or None, default=None
        Use only the first ``n_train`` training images (``>= 100``; the split
        is shuffled), for quicker trials; all 3,000 when None.
    batch_size : int, default=64
        Mini-batch size, ``>= 1``.
    momentum : float, default=0.9
        SGD momentum, in [0, 1).
    seed : int or None, default=None
        ``None`` means the course seed ``regviz.device.seed()`` (shifted by ``REGVIZ_SEED_OFFSET``).
        Seed of the split and base seed of the models.
    device : str, torch.device or None, default=None
        Where to train; CUDA when present, else the CPU (see :func:`regviz.device.get_device`).
    n_threads : int or None, default=1
        CPU threads PyTorch may use during a trial (the previous setting is
        restored after it); None leaves PyTorch's setting alone. One thread is
        the fastest for this small MLP, and leaves the other cores to other
        workers: scale a search out with processes, not threads.

    Returns
    -------
    callable
        ``objective(trial) -> float``.

    """
    n_epochs = validate_int(n_epochs, "n_epochs", low=1)
    if n_train is not None:
        n_train = validate_int(n_train, "n_train", low=100)
    batch_size = validate_int(batch_size, "batch_size", low=1)
    momentum = validate_real(momentum, "momentum", low=0, high=1, high_open=True)
    seed = validate_seed(seed)
    if n_threads is not None:
        n_threads = validate_int(n_threads, "n_threads", low=1)

    X_tr, y_tr, X_va, y_va = _mnist_tensors(n_train, seed, device)
    return _mnist_objective(X_tr, y_tr, X_va, y_va, n_epochs, batch_size, momentum, seed, n_threads)


def _mnist_tensors(n_train: int | None, seed: int, device: Any) -> tuple[Any, Any, Any, Any]:
    """Load and split the shipped digits for :func:`make_mnist_objective`: ``(X_tr, y_tr, X_va, y_va)`` tensors."""
    from .data import load_mnist_5k, stratified_split
    from .train import to_tensors

    data = load_mnist_5k(as_float=True)
    split = stratified_split(data.X, data.y, seed=seed)
    X_train, y_train = split.X_train, split.y_train
    if n_train is not None:
        X_train, y_train = X_train[:n_train], y_train[:n_train]
    X_tr, y_tr = to_tensors(X_train, y_train, device=device)
    X_va, y_va = to_tensors(split.X_val, split.y_val, device=X_tr.device)
    return X_tr, y_tr, X_va, y_va


def _mnist_objective(
    X_tr: Any,
    y_tr: Any,
    X_va: Any,
    y_va: Any,
    n_epochs: int,
    batch_size: int,
    momentum: float,
    seed: int,
    n_threads: int | None,
) -> Callable[[optuna.trial.Trial], float]:
    """The trial function of :func:`make_mnist_objective`, from validated arguments and loaded tensors."""
    import optuna
    import torch

    from .models import make_mlp
    from .train import fit

    def objective(trial: optuna.trial.Trial) -> float:
        params = suggest(trial, MNIST_SPACE)
        torch.manual_seed(seed + trial.number)
        model = make_mlp(784, (int(params["hidden"]),), 10)
        pruned = False

        def report(epoch: int, history: Any) -> bool:
            nonlocal pruned
            trial.report(1.0 - history.val_acc[-1], epoch)
            pruned = bool(trial.should_prune())  # Optuna returns a NumPy bool; fit wants True
            return pruned

        threads = torch.get_num_threads()
        if n_threads is not None:
            torch.set_num_threads(n_threads)
        try:
            history = fit(
                model, X_tr, y_tr, X_val=X_va, y_val=y_va, optimizer="sgd", lr=params["lr"], momentum=momentum,
                weight_decay=params["weight_decay"], n_epochs=n_epochs, batch_size=batch_size,
                seed=seed + trial.number, device=X_tr.device, callback=report,
            )  # fmt: skip
        finally:
            torch.set_num_threads(threads)
        if pruned:
            raise optuna.TrialPruned(f"pruned after epoch {history.n_epochs}")
        return float(1.0 - history.val_acc[-1])

    return objective
