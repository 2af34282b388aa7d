"""Tests of regviz.checks.search: the self-checks of notebooks 12 and 13."""

from __future__ import annotations

import math

import matplotlib
import numpy as np
import pytest
from scipy.stats import norm

matplotlib.use("Agg")

from regviz import search
from regviz.checks import (
    check_candidates_needed,
    check_gp_log_marginal_likelihood,
    check_halving_schedule,
    check_hyperband_brackets,
    check_log_uniform,
    check_probability_of_improvement,
)


def test_random_beats_the_centred_grid_when_one_hyperparameter_matters():
    from regviz.checks import compare_paired

    X_grid = search.run_search("low_effective_dim", "grid", 16).X
    best_rand, best_grid = [], []
    for seed in range(500, 560):  # 60 problems, paired: the same u* for both searches
        rng = np.random.default_rng(seed)
        u_star = rng.uniform(0.1, 0.9)
        best_rand.append(search.low_effective_dim_loss(rng.random((16, 2)), u_star=u_star).min())
        best_grid.append(search.low_effective_dim_loss(X_grid, u_star=u_star).min())
    result = compare_paired("random vs grid", best_rand, best_grid, higher_is_better=False, quiet=True)
    assert result.ci_low > 0 and result.p_sign < 0.01


def test_check_log_uniform():
    assert check_log_uniform(lambda u, lo, hi: lo * (hi / lo) ** np.asarray(u), quiet=True).passed
    assert check_log_uniform(lambda u, lo, hi: lo + np.asarray(u) * (hi - lo), quiet=True).status == "failed"
    assert check_log_uniform(lambda u, lo, hi: 10 ** (np.log10(lo) + np.asarray(u)), quiet=True).status == "failed"
    assert (
        check_log_uniform(lambda u, lo, hi: np.exp(np.log(lo) + np.asarray(u) * np.log10(hi / lo)), quiet=True).status
        == "failed"
    )

    def stub(u, lo, hi):
        raise NotImplementedError

    assert check_log_uniform(stub, quiet=True).status == "not implemented"


def test_check_probability_of_improvement():
    assert check_probability_of_improvement(
        lambda m, s, b, xi: norm.cdf((b - xi - np.asarray(m)) / np.asarray(s)), quiet=True
    ).passed
    wrong = [
        lambda m, s, b, xi: norm.cdf((np.asarray(m) - b - xi) / np.asarray(s)),  # maximisation sign
        lambda m, s, b, xi: norm.cdf((b - np.asarray(m)) / np.asarray(s)),  # forgotten xi
        lambda m, s, b, xi: norm.pdf((b - xi - np.asarray(m)) / np.asarray(s)),  # density, not probability
    ]
    for fn in wrong:
        assert check_probability_of_improvement(fn, quiet=True).status == "failed"

    def stub(m, s, b, xi):
        raise NotImplementedError

    assert check_probability_of_improvement(stub, quiet=True).status == "not implemented"


def test_check_halving_schedule(capsys):
    def reference(n, r0, r_max, factor):
        return search.halving_schedule(n, r0, r_max, factor=factor)

    def floor_division(n, r0, r_max, factor):
        rungs = search.halving_schedule(n, r0, r_max, factor=factor)
        return [(n // factor**i if i else n, r) for i, (_, r) in enumerate(rungs)]

    def no_resource_limit(n, r0, r_max, factor):
        rungs, k = [], 0
        while factor ** (k + 1) <= n:
            k += 1
        for i in range(k + 1):
            rungs.append((math.ceil(n / factor**i), r0 * factor**i))
        return rungs

    assert check_halving_schedule(reference, quiet=True).passed
    assert check_halving_schedule(floor_division, quiet=True).status == "failed"
    assert check_halving_schedule(no_resource_limit, quiet=True).status == "failed"
    assert check_halving_schedule(lambda *a: None, quiet=True).status == "failed"

    def stub(n, r0, r_max, factor):
        raise NotImplementedError

    result = check_halving_schedule(stub)
    assert result.status == "not implemented"
    assert "not implemented yet" in capsys.readouterr().out


def test_check_candidates_needed():
    def reference(p, confidence):
        return math.ceil(math.log(1 - confidence) / math.log(1 - p) - 1e-12)

    assert check_candidates_needed(reference, quiet=True).passed
    wrong = [
        lambda p, c: math.floor(math.log(1 - c) / math.log(1 - p)),  # floor instead of ceil
        lambda p, c: math.floor(math.log(1 - c) / math.log(1 - p)) + 1,  # floor + 1: wrong at an exact boundary
        lambda p, c: math.ceil(math.log(1 - c) / math.log(p)),  # p**n instead of (1 - p)**n
        lambda p, c: round(math.log(1 - c) / math.log(1 - p)),  # rounding
        lambda p, c: math.ceil(c / p),  # a linear guess
    ]
    for fn in wrong:
        assert check_candidates_needed(fn, quiet=True).status == "failed"

    def stub(p, c):
        raise NotImplementedError

    assert check_candidates_needed(stub, quiet=True).status == "not implemented"


def test_check_gp_log_marginal_likelihood_matches_scikit_learn():
    from sklearn.gaussian_process import GaussianProcessRegressor
    from sklearn.gaussian_process.kernels import Matern

    def reference(K, y):
        _sign, logdet = np.linalg.slogdet(K)
        return -0.5 * y @ np.linalg.solve(K, y) - 0.5 * logdet - 0.5 * len(y) * np.log(2 * np.pi)

    assert check_gp_log_marginal_likelihood(reference, quiet=True).passed
    wrong = [
        lambda K, y: -0.5 * y @ np.linalg.solve(K, y) - 0.5 * np.linalg.slogdet(K)[1],  # no 2 pi term
        lambda K, y: -y @ np.linalg.solve(K, y) - 0.5 * np.linalg.slogdet(K)[1] - 0.5 * len(y) * np.log(2 * np.pi),
        lambda K, y: reference(K, y) + 0.5 * np.linalg.slogdet(K)[1] - 0.5 * np.sum(np.log(np.diag(K))),  # log|K|
        lambda K, y: -0.5 * y @ np.linalg.solve(K, y) - np.linalg.slogdet(K)[1] - 0.5 * len(y) * np.log(2 * np.pi),
    ]
    for fn in wrong:
        assert check_gp_log_marginal_likelihood(fn, quiet=True).status == "failed"
    # the formula is scikit-learn's, on standardised y with the jitter on the diagonal
    X = np.array([[0.1], [0.4], [0.6], [0.9]])
    y = np.sin(6 * X[:, 0])
    gp = GaussianProcessRegressor(Matern(0.2, nu=2.5), alpha=1e-6, normalize_y=True, optimizer=None).fit(X, y)
    K = Matern(0.2, nu=2.5)(X) + 1e-6 * np.eye(4)
    ys = (y - y.mean()) / y.std()
    assert reference(K, ys) == pytest.approx(gp.log_marginal_likelihood(np.log([0.2])), rel=1e-10)


def test_check_hyperband_brackets():
    def reference(R, eta):
        s_max = 0
        while eta ** (s_max + 1) <= R:
            s_max += 1
        B = (s_max + 1) * R
        return [(math.ceil(B / R * eta**s / (s + 1) - 1e-12), R / eta**s) for s in range(s_max, -1, -1)]

    assert check_hyperband_brackets(reference, quiet=True).passed
    assert reference(81, 3) == [(81, 1.0), (34, 3.0), (15, 9.0), (8, 27.0), (5, 81.0)]  # Li et al., Table 1

    def float_log(R, eta):  # math.log(243, 3) = 4.999...: one bracket short
        s_max = math.floor(math.log(R, eta))
        B = (s_max + 1) * R
        return [(math.ceil(B / R * eta**s / (s + 1)), R / eta**s) for s in range(s_max, -1, -1)]

    def floor_n(R, eta):  # floor instead of ceil for the number of models
        s_max = len(reference(R, eta)) - 1
        B = (s_max + 1) * R
        return [(math.floor(B / R * eta**s / (s + 1)), R / eta**s) for s in range(s_max, -1, -1)]

    def reversed_order(R, eta):
        return reference(R, eta)[::-1]

    for fn in (float_log, floor_n, reversed_order):
        assert check_hyperband_brackets(fn, quiet=True).status == "failed"

    def stub(R, eta):
        raise NotImplementedError

    assert check_hyperband_brackets(stub, quiet=True).status == "not implemented"
