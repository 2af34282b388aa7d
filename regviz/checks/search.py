"""Self-checks for the exercises of notebooks 12 (search with scikit-learn) and 13 (Bayesian optimization).

* :func:`check_log_uniform` — map uniform numbers to a log-uniform range (12).
* :func:`check_candidates_needed` — how many random candidates hit a region of the space (12).
* :func:`check_halving_schedule` — the rungs of successive halving (12).
* :func:`check_probability_of_improvement` — the PI acquisition, for minimisation (13).
* :func:`check_gp_log_marginal_likelihood` — a Gaussian process's log marginal likelihood (13).
* :func:`check_hyperband_brackets` — the brackets of Hyperband (13).

Each runs the student's function on cases chosen so that the usual slips
(a linear instead of a geometric interpolation, the maximisation sign, a
forgotten margin, floor instead of ceiling, a floating-point logarithm at an
exact power, a missing half) give a different answer.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from .._validation import validate_callable
from ..search import halving_schedule, probability_of_improvement, to_log_uniform
from ._core import Case, CheckResult, run_check

__all__ = [
    "check_candidates_needed",
    "check_gp_log_marginal_likelihood",
    "check_halving_schedule",
    "check_hyperband_brackets",
    "check_log_uniform",
    "check_probability_of_improvement",
]


def check_log_uniform(student_fn: Callable[[Any, float, float], Any], *, quiet: bool = False) -> CheckResult:
    """Check ``log_uniform(u, low, high)``: uniform ``u`` in [0, 1] mapped to a log-uniform ``[low, high]``.

    The answer is ``low * (high / low) ** u`` (so ``u = 0.5`` gives the
    geometric mean, not the midpoint). The cases include the ends, ranges
    that do not start at 1, and a range within one decade, so a linear map,
    ``10 ** u`` scaled by hand or a natural-log slip are caught.

    Parameters
    ----------
    student_fn : callable
        ``student_fn(u, low, high)`` returning an array shaped like ``u``.
    quiet : bool, default=False
        If True, print nothing.

    Returns
    -------
    CheckResult
        The verdict (also printed).

    """
    rng = np.random.default_rng(0)
    cases = [
        Case((np.array([0.0, 1.0]), 1e-4, 1e-1), label="the ends of [1e-4, 1e-1]"),
        Case((np.array([0.5]), 1e-3, 1e1), label="u = 0.5 on [1e-3, 10] (the geometric mean)"),
        Case((np.array([0.25, 0.5, 0.75]), 2.0, 8.0), label="quarters of [2, 8]"),
        Case((rng.random(20), 1e-6, 1e-2), label="20 random u on [1e-6, 1e-2]"),
        Case((rng.random(5), 0.3, 0.3 * 10**0.5), label="5 random u inside half a decade"),
    ]
    return run_check("check_log_uniform", student_fn, to_log_uniform, cases, atol=0, rtol=1e-9, quiet=quiet)


def _pi_reference(mu: Any, sigma: Any, best: float, xi: float) -> np.ndarray:
    return probability_of_improvement(mu, sigma, best, xi=xi)


def check_probability_of_improvement(
    student_fn: Callable[[Any, Any, float, float], Any], *, quiet: bool = False
) -> CheckResult:
    r"""Check ``pi(mu, sigma, best, xi)``: the probability that the loss falls below ``best - xi``.

    For minimisation, :math:`\Phi\big((f^* - \xi - \mu)/\sigma\big)` with all
    ``sigma > 0`` in these cases. A maximisation sign (:math:`\mu - f^*`), a
    forgotten ``xi`` or the density :math:`\varphi` instead of :math:`\Phi`
    give different answers.

    Parameters
    ----------
    student_fn : callable
        ``student_fn(mu, sigma, best, xi)`` returning an array shaped like ``mu``.
    quiet : bool, default=False
        If True, print nothing.

    Returns
    -------
    CheckResult
        The verdict (also printed).

    """
    rng = np.random.default_rng(1)
    cases = [
        Case((np.array([0.0]), np.array([1.0]), 0.0, 0.0), label="mean at the best value: 0.5"),
        Case((np.array([-1.0, 0.5, 2.0]), np.array([1.0, 0.5, 2.0]), 0.2, 0.0), label="three points, xi = 0"),
        Case((np.array([0.1, 0.3]), np.array([0.2, 0.05]), 0.3, 0.05), label="margin xi = 0.05"),
        Case((rng.normal(size=10), rng.uniform(0.1, 2.0, 10), -0.5, 0.01), label="10 random predictions"),
    ]
    return run_check("check_probability_of_improvement", student_fn, _pi_reference, cases, atol=1e-9, quiet=quiet)


def _schedule_reference(n_candidates: int, min_resources: int, max_resources: int, factor: int) -> np.ndarray:
    return np.array(halving_schedule(n_candidates, min_resources, max_resources, factor=factor), dtype=float)


def check_halving_schedule(student_fn: Callable[[int, int, int, int], Any], *, quiet: bool = False) -> CheckResult:
    """Check ``schedule(n_candidates, min_resources, max_resources, factor)``: the rungs of successive halving.

    The answer lists ``(n_candidates_i, n_resources_i)`` per rung, as
    scikit-learn's ``HalvingRandomSearchCV`` runs them: candidates shrink by
    ``ceil(n / factor)``, resources grow by ``factor``, and the number of
    rungs is the smaller of ``1 + floor(log_factor(n_candidates))`` and
    ``1 + floor(log_factor(max_resources // min_resources))``. The cases include
    candidates that do not divide evenly (floor instead of ceil fails) and
    a budget of resources that runs out first.

    Parameters
    ----------
    student_fn : callable
        ``student_fn(n_candidates, min_resources, max_resources, factor)``
        returning a list of ``(n_candidates_i, n_resources_i)`` pairs.
    quiet : bool, default=False
        If True, print nothing.

    Returns
    -------
    CheckResult
        The verdict (also printed).

    """
    cases = [
        Case((27, 40, 1797, 3), label="27 candidates, 40 to 1797 samples, factor 3"),
        Case((20, 10, 1000, 3), label="20 candidates (not a power of 3)"),
        Case((50, 20, 200, 2), label="50 candidates, resources run out first, factor 2"),
        Case((10, 100, 100000, 4), label="10 candidates, factor 4"),
        Case((1, 5, 50, 3), label="a single candidate"),
    ]

    validate_callable(student_fn, "student_fn")

    def student(*args: Any) -> np.ndarray | None:
        result = student_fn(*args)
        return None if result is None else np.array(result, dtype=float)

    return run_check("check_halving_schedule", student, _schedule_reference, cases, atol=0, rtol=0, quiet=quiet)


def _candidates_needed_reference(p: float, confidence: float) -> int:
    n = 1
    while 1.0 - (1.0 - p) ** n < confidence:  # counted up: exact at a boundary such as p = 0.5, confidence 0.75
        n += 1
    return n


def check_candidates_needed(student_fn: Callable[[float, float], Any], *, quiet: bool = False) -> CheckResult:
    r"""Check ``candidates_needed(p, confidence)``: random draws needed to hit a region of the space.

    The answer is the smallest :math:`n` with :math:`1 - (1 - p)^n \ge` ``confidence``: each independent
    candidate misses a region covering a fraction :math:`p` of the space with probability :math:`1 - p`.
    The cases include Bergstra & Bengio's top 5 % with 95 % confidence (59), and an exact boundary
    (:math:`p = 0.5`, confidence 0.75: :math:`n = 2`), so ``floor`` instead of ``ceil``, ``floor + 1``,
    :math:`p^n` instead of :math:`(1 - p)^n` and a strict inequality are caught.

    Parameters
    ----------
    student_fn : callable
        ``student_fn(p, confidence)`` returning an integer.
    quiet : bool, default=False
        If True, print nothing.

    Returns
    -------
    CheckResult
        The verdict (also printed).

    """
    cases = [
        Case((0.05, 0.95), label="top 5 % with 95 % confidence"),
        Case((0.01, 0.95), label="top 1 % with 95 % confidence"),
        Case((0.25, 0.9), label="a quarter of the space, 90 %"),
        Case((0.5, 0.75), label="an exact boundary: p = 0.5, confidence 0.75"),
        Case((0.1, 0.5), label="10 % of the space, even odds"),
        Case((0.3, 0.999), label="30 % of the space, 99.9 %"),
    ]
    return run_check(
        "check_candidates_needed", student_fn, _candidates_needed_reference, cases, atol=0, rtol=0, quiet=quiet
    )


def _gp_lml_reference(K: Any, y: Any) -> float:
    K = np.asarray(K, dtype=float)
    y = np.asarray(y, dtype=float)
    L = np.linalg.cholesky(K)
    alpha = np.linalg.solve(L.T, np.linalg.solve(L, y))
    return float(-0.5 * y @ alpha - np.sum(np.log(np.diag(L))) - 0.5 * len(y) * np.log(2 * np.pi))


def check_gp_log_marginal_likelihood(student_fn: Callable[[Any, Any], Any], *, quiet: bool = False) -> CheckResult:
    r"""Check ``log_marginal_likelihood(K, y)``: the log density of ``y`` under a zero-mean Gaussian process.

    With :math:`K` the kernel matrix of the observed points (jitter included),

    .. math:: \log p(y) = -\tfrac12\, y^\top K^{-1} y - \tfrac12 \log\lvert K \rvert - \tfrac n2 \log 2\pi .

    The cases are symmetric positive definite matrices of several sizes and conditionings, so a forgotten
    :math:`\tfrac12`, :math:`\log\lvert K\rvert` computed as a sum of :math:`\log K_{ii}`, or a missing
    :math:`2\pi` term give different answers. Compared to ``rtol=1e-9`` (float64 with condition numbers
    up to about :math:`10^4`).

    Parameters
    ----------
    student_fn : callable
        ``student_fn(K, y)`` returning a number.
    quiet : bool, default=False
        If True, print nothing.

    Returns
    -------
    CheckResult
        The verdict (also printed).

    """
    rng = np.random.default_rng(2)

    def spd(n: int, scale: float) -> np.ndarray:
        x = rng.random((n, 1))
        K = np.exp(-0.5 * ((x - x.T) / scale) ** 2)
        return K + 1e-3 * np.eye(n)

    A = rng.normal(size=(3, 3))
    cases = [
        Case((np.eye(1), np.array([0.0])), label="one point at the mean: -log(2 pi) / 2"),
        Case((np.array([[2.0, 0.5], [0.5, 1.0]]), np.array([1.0, -1.0])), label="two points"),
        Case((A @ A.T + 3 * np.eye(3), rng.normal(size=3)), label="a random 3 x 3 covariance"),
        Case((spd(8, 0.3), rng.normal(size=8)), label="RBF kernel, 8 points"),
        Case((spd(12, 0.1), rng.normal(size=12)), label="RBF kernel, 12 points, short length scale"),
    ]
    return run_check(
        "check_gp_log_marginal_likelihood", student_fn, _gp_lml_reference, cases, atol=0, rtol=1e-9, quiet=quiet
    )


def _hyperband_reference(max_resource: int, eta: int) -> np.ndarray:
    s_max = 0
    while eta ** (s_max + 1) <= max_resource:  # floor(log_eta(R)) in integers
        s_max += 1
    budget = (s_max + 1) * max_resource
    rows = []
    for s in range(s_max, -1, -1):
        n = -(-budget * eta**s // (max_resource * (s + 1)))  # ceil(B / R * eta**s / (s + 1)), exactly
        rows.append((n, max_resource / eta**s))
    return np.array(rows, dtype=float)


def check_hyperband_brackets(student_fn: Callable[[int, int], Any], *, quiet: bool = False) -> CheckResult:
    r"""Check ``hyperband_brackets(max_resource, eta)``: the first rung of each bracket of Hyperband.

    Li et al. (2018), Algorithm 1: :math:`s_{\max} = \lfloor \log_\eta R \rfloor`,
    :math:`B = (s_{\max} + 1) R`, and for :math:`s = s_{\max}, \dots, 0` the bracket starts
    :math:`n = \lceil \frac{B}{R} \frac{\eta^s}{s + 1} \rceil` configurations with
    :math:`r = R \eta^{-s}` resources each. The answer lists ``(n, r)`` per bracket, most
    exploratory first. The cases include :math:`R = 243 = 3^5`, where a floating-point
    ``floor(log(243, 3))`` gives 4 instead of 5, and the paper's own table (:math:`R = 81`, :math:`\eta = 3`:
    81, 34, 15, 8, 5 configurations).

    Parameters
    ----------
    student_fn : callable
        ``student_fn(max_resource, eta)`` returning a list of ``(n, r)`` pairs.
    quiet : bool, default=False
        If True, print nothing.

    Returns
    -------
    CheckResult
        The verdict (also printed).

    """
    cases = [
        Case((81, 3), label="R = 81, eta = 3 (the paper's table)"),
        Case((243, 3), label="R = 243 = 3**5, eta = 3 (an exact power)"),
        Case((8, 2), label="R = 8, eta = 2"),
        Case((100, 3), label="R = 100, eta = 3 (not a power of eta)"),
        Case((2, 3), label="R = 2 < eta: a single bracket"),
    ]

    validate_callable(student_fn, "student_fn")

    def student(*args: Any) -> np.ndarray | None:
        result = student_fn(*args)
        return None if result is None else np.array(result, dtype=float)

    return run_check("check_hyperband_brackets", student, _hyperband_reference, cases, atol=0, rtol=1e-12, quiet=quiet)
