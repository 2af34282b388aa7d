"""Self-checks for the exercises of notebook 12 (hyperparameter search).

* :func:`check_log_uniform` — map uniform numbers to a log-uniform range.
* :func:`check_probability_of_improvement` — the PI acquisition, for minimisation.
* :func:`check_halving_schedule` — the rungs of successive halving.

Each runs the student's function on cases chosen so that the usual slips
(a linear instead of a geometric interpolation, the maximisation sign, a
forgotten margin, floor instead of ceiling) give a different answer.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from ..search import halving_schedule, probability_of_improvement, to_log_uniform
from ._core import Case, CheckResult, run_check

__all__ = ["check_halving_schedule", "check_log_uniform", "check_probability_of_improvement"]


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

    def student(*args: Any) -> np.ndarray | None:
        result = student_fn(*args)
        return None if result is None else np.array(result, dtype=float)

    return run_check("check_halving_schedule", student, _schedule_reference, cases, atol=0, rtol=0, quiet=quiet)
