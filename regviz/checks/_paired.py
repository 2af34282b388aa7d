"""Paired comparisons over seeds: the test behind every stochastic claim of the course.

Two configurations trained with the same seeds share their initial weights, batch order and data split, so the
fair question is seed by seed: *how much better is A than B on the same seed?* :func:`compare_paired` takes the
two score vectors, prints the per-seed gains, their mean with a bootstrap interval, and an exact one-sided sign
test, and returns them so the notebook can assert on them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from .._validation import validate_array, validate_bool, validate_int, validate_real

__all__ = ["PairedComparison", "compare_paired"]

_N_BOOT = 10_000
_BOOT_SEED = 20_240_601  # the resampling is part of the analysis, not of the experiment: fixed on purpose


@dataclass(frozen=True)
class PairedComparison:
    """The result of :func:`compare_paired`.

    Attributes
    ----------
    name : str
        What was compared, e.g. ``"dropout vs none, validation accuracy"``.
    gains : ndarray of shape (n_seeds,)
        Per-seed gain of the first configuration over the second: ``a - b`` when higher is better,
        ``b - a`` when lower is better. Positive means *the first one is better on that seed*.
    mean_gain : float
        The mean of ``gains``.
    ci_low, ci_high : float
        Percentile bootstrap interval of the mean gain (resampling seeds with replacement).
    confidence : float
        The interval's coverage, e.g. ``0.95``.
    wins, losses, ties : int
        Seeds where the first configuration is better, worse, equal.
    p_sign : float
        Exact one-sided sign test: the probability of at least ``wins`` wins out of ``wins + losses`` if each
        seed were a fair coin (ties dropped). ``1.0`` when every seed ties.
    decimals : int
        Decimals used when printing.

    """

    name: str
    gains: NDArray[np.float64]
    mean_gain: float
    ci_low: float
    ci_high: float
    confidence: float
    wins: int
    losses: int
    ties: int
    p_sign: float
    decimals: int = 4

    @property
    def n(self) -> int:
        """Number of paired seeds."""
        return int(self.gains.size)

    def __str__(self) -> str:
        d = self.decimals
        per_seed = " ".join(f"{g:+.{d}f}" for g in self.gains)
        percent = f"{100 * self.confidence:g}%"
        return (
            f"{self.name}, {self.n} paired seeds\n"
            f"  gain per seed: {per_seed}\n"
            f"  mean gain {self.mean_gain:+.{d}f}, {percent} bootstrap interval [{self.ci_low:+.{d}f}, "
            f"{self.ci_high:+.{d}f}]; better on {self.wins} of {self.n} seeds (sign test, one-sided p = {self.p_sign:.3g})"
        )

    def _ipython_display_(self) -> None:
        """Show nothing: the comparison already printed itself."""


def _sign_test(wins: int, losses: int) -> float:
    n = wins + losses
    if n == 0:
        return 1.0
    return sum(math.comb(n, k) for k in range(wins, n + 1)) / 2**n


def compare_paired(
    name: str,
    a: Any,
    b: Any,
    *,
    higher_is_better: bool = True,
    confidence: float = 0.95,
    decimals: int = 4,
    quiet: bool = False,
) -> PairedComparison:
    """Compare two configurations run on the same seeds: per-seed gains, bootstrap interval, sign test.

    Parameters
    ----------
    name : str
        What is compared; printed first (e.g. ``"dropout vs none, validation accuracy"``).
    a, b : array-like of shape (n_seeds,)
        Scores of the first and the second configuration, entry ``i`` of both from seed ``i``; at least 2 seeds.
    higher_is_better : bool, default=True
        ``True`` for accuracies, ``False`` for losses and errors.
    confidence : float, default=0.95
        Coverage of the bootstrap interval, in ``(0, 1)``.
    decimals : int, default=4
        Decimals printed, in ``[0, 10]``; round to what the experiment can resolve.
    quiet : bool, default=False
        If True, print nothing.

    Returns
    -------
    PairedComparison
        Gains, their mean, the bootstrap interval, and the sign test; assert on them in the notebook, e.g.
        ``assert result.ci_low > 0`` (the mean gain is positive beyond seed noise).

    Notes
    -----
    The interval resamples the *seeds* (10,000 bootstrap samples from a fixed generator, so the printed interval
    is the same on every run); with few seeds a percentile interval is somewhat too narrow, so pair it with the
    sign test, which makes no assumption about the size of the gains: with 8 seeds all won, p = 1/256.

    Examples
    --------
    >>> r = compare_paired("A vs B", [0.95, 0.96, 0.94], [0.94, 0.95, 0.94], quiet=True)
    >>> r.wins, r.ties
    (2, 1)

    """
    if not isinstance(name, str) or not name:
        raise ValueError(f"name must be a non-empty string, got {name!r}")
    higher_is_better = validate_bool(higher_is_better, "higher_is_better")
    quiet = validate_bool(quiet, "quiet")
    confidence = validate_real(confidence, "confidence", low=0.0, high=1.0, low_open=True, high_open=True)
    decimals = validate_int(decimals, "decimals", low=0, high=10)
    a_arr = validate_array(a, "a", ndim=1, min_samples=2)
    b_arr = validate_array(b, "b", ndim=1, min_samples=2)
    if a_arr.shape != b_arr.shape:
        raise ValueError(f"a and b must hold one score per seed each, got {a_arr.size} and {b_arr.size} scores")
    gains = a_arr - b_arr if higher_is_better else b_arr - a_arr
    rng = np.random.default_rng(_BOOT_SEED)
    means = gains[rng.integers(0, gains.size, size=(_N_BOOT, gains.size))].mean(axis=1)
    tail = (1 - confidence) / 2
    ci_low, ci_high = (float(q) for q in np.quantile(means, [tail, 1 - tail]))
    wins, losses = int(np.sum(gains > 0)), int(np.sum(gains < 0))
    result = PairedComparison(
        name=name,
        gains=gains,
        mean_gain=float(gains.mean()),
        ci_low=ci_low,
        ci_high=ci_high,
        confidence=confidence,
        wins=wins,
        losses=losses,
        ties=int(gains.size) - wins - losses,
        p_sign=_sign_test(wins, losses),
        decimals=decimals,
    )
    if not quiet:
        print(result)
    return result
