"""Every lasso / elastic-net self-check accepts the right answer and rejects plausible wrong ones."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pytest
from sklearn.linear_model import Lasso

from regviz import checks
from regviz import lasso as L


def _stub(*_args: Any) -> Any:
    raise NotImplementedError


def _verdicts(check: Callable[..., Any], right: Callable[..., Any], wrong: list[Callable[..., Any]]) -> None:
    assert check(right, quiet=True).status == "passed"
    for fn in wrong:
        assert check(fn, quiet=True).status == "failed", fn
    assert check(_stub, quiet=True).status == "not implemented"


def test_check_soft_threshold() -> None:
    _verdicts(
        checks.check_soft_threshold,
        lambda z, t: np.sign(z) * np.maximum(np.abs(z) - t, 0),
        [
            lambda z, t: z - t * np.sign(z),  # a shift without the zero band
            lambda z, t: z * (np.abs(z) > t),  # hard thresholding
            lambda z, t: np.sign(z) * np.maximum(np.abs(z) - t / 2, 0),  # half the threshold
        ],
    )


def test_check_lasso_objective() -> None:
    def right(X: Any, y: Any, w: Any, b: float, a: float) -> float:
        r = y - X @ w - b
        return r @ r / (2 * len(y)) + a * np.abs(w).sum()

    _verdicts(
        checks.check_lasso_objective,
        right,
        [
            lambda X, y, w, b, a: np.mean((y - X @ w - b) ** 2) + a * np.abs(w).sum(),  # 1/n, not 1/2n
            lambda X, y, w, b, a: right(X, y, w, b, a) + a * abs(b),  # penalised intercept
            lambda X, y, w, b, a: right(X, y, w, b, 0.0) + a * w @ w,  # squared penalty
            lambda X, y, w, b, a: np.sum((y - X @ w - b) ** 2) / 2 + a * np.abs(w).sum(),  # a sum, not a mean
        ],
    )


def test_check_enet_alpha_max() -> None:
    _verdicts(
        checks.check_enet_alpha_max,
        lambda X, y, r: L.alpha_max(X, y, l1_ratio=r),
        [
            lambda X, y, r: L.alpha_max(X, y),  # l1_ratio ignored
            lambda X, y, r: L.alpha_max(X, y) * r,  # multiplied instead of divided
        ],
    )


def _second_entry(X: Any, y: Any, *, scale: float = 1.0, denominator: int = -1) -> Any:
    n = len(y)
    c = X.T @ (y - y.mean()) / n * scale
    rho = X.T @ X / n
    j = int(np.argmax(np.abs(c)))
    a = c - rho[:, j] * c[j]
    b = rho[:, j] * np.sign(c[j])
    a[j], b[j] = 0.0, 0.0  # feature j is in already
    lam = np.abs(a) / (1 + denominator * np.sign(a) * b)
    lam[j] = -np.inf
    return int(np.argmax(lam)), float(lam.max())


def _runner_up(X: Any, y: Any) -> Any:
    c = np.abs(X.T @ (y - y.mean())) / len(y)
    k = int(np.argsort(-c)[1])
    return k, float(c[k])


def _ignores_the_first_weight(X: Any, y: Any) -> Any:
    c = X.T @ (y - y.mean()) / len(y)
    rho = X.T @ X / len(y)
    j = int(np.argmax(np.abs(c)))
    a = np.abs(c - rho[:, j] * c[j])
    a[j] = -np.inf
    return int(np.argmax(a)), float(a.max())


def test_check_second_entry() -> None:
    _verdicts(
        checks.check_second_entry,
        _second_entry,
        [
            _runner_up,  # the runner-up in correlation with y, at its own |c_k|
            _ignores_the_first_weight,  # the residual's correlation at lambda = 0, not where it meets lambda
            lambda X, y: _second_entry(X, y, denominator=+1),  # the sign in the denominator flipped
            lambda X, y: _second_entry(X, y, scale=len(y)),  # no 1/n
        ],
    )
    # the predicted lambda is where the path gains its second feature, on every case
    from regviz.checks.lasso import _entry_cases

    for case in _entry_cases(13):
        X, y = case.args
        k, lam = _second_entry(X, y)
        tight = {"tol": 1e-14, "max_iter": 1_000_000}
        above = Lasso(alpha=lam * 1.0001, **tight).fit(X, y).coef_
        below = Lasso(alpha=lam * 0.9999, **tight).fit(X, y).coef_
        assert np.sum(above != 0) == 1 and np.flatnonzero((below != 0) & (above == 0)).tolist() == [k]


def _one_se(alphas: Any, mse: Any, *, se_scale: float = 1.0, pick: str = "largest", ddof: int = 1) -> float:
    mean = mse.mean(axis=1)
    spread = mse.std(axis=1, ddof=ddof) / np.sqrt(mse.shape[1]) * se_scale
    best = int(np.argmin(mean))
    ok = mean <= mean[best] + spread[best]
    return float(alphas[ok].max() if pick == "largest" else alphas[ok].min())


def test_check_one_se_alpha() -> None:
    _verdicts(
        checks.check_one_se_alpha,
        _one_se,
        [
            lambda a, m: float(a[np.argmin(m.mean(axis=1))]),  # the minimum itself
            lambda a, m: _one_se(a, m, pick="smallest"),  # the wrong end of the band
            lambda a, m: _one_se(a, m, se_scale=np.sqrt(m.shape[1])),  # standard deviation, not error
            lambda a, m: float(a[np.flatnonzero(m.mean(1) <= m.mean(1).min() + m.std(1, ddof=1).min())[0]]),  # position
            lambda a, m: _one_se(a, m, ddof=0),  # NumPy's default ddof=0: the standard error a little too small
        ],
    )
    # ddof=0 rescaled by sqrt(K / (K - 1)) is ddof=1 written another way: accepted
    rescaled = checks.check_one_se_alpha(
        lambda a, m: _one_se(a, m, se_scale=np.sqrt(m.shape[1] / (m.shape[1] - 1)), ddof=0), quiet=True
    )
    assert rescaled.passed
    # the ddof=0 answer fails on the case built for it, having passed the others
    verdict = checks.check_one_se_alpha(lambda a, m: _one_se(a, m, ddof=0), quiet=True)
    assert verdict.status == "failed" and "between the ddof=1 and ddof=0 thresholds" in verdict.message


def test_check_article_to_sklearn() -> None:
    _verdicts(
        checks.check_article_to_sklearn,
        lambda lam, a: (lam * (1 + a) / 2, (1 - a) / (1 + a)),
        [
            lambda lam, a: (lam, a),  # the article's alpha taken for l1_ratio
            lambda lam, a: (lam, 1 - a),  # weights swapped, the factor 1/2 forgotten
            lambda lam, a: (lam * (1 + a), (1 - a) / (1 + a)),  # no 1/2 in alpha
        ],
    )


def test_check_glmnet_to_sklearn() -> None:
    _verdicts(
        checks.check_glmnet_to_sklearn,
        lambda lam, a, s: tuple(L.glmnet_to_sklearn(lam, a, y_scale=s)),
        [
            lambda lam, a, s: (lam, a),  # identity: right only for s = 1 or the lasso
            lambda lam, a, s: tuple(L.glmnet_to_sklearn(lam, a, y_scale=1 / s)),  # scale the wrong way round
            lambda lam, a, s: (lam * s, a),  # everything scaled by s
        ],
    )


@pytest.mark.parametrize(
    "check",
    [
        checks.check_soft_threshold,
        checks.check_lasso_objective,
        checks.check_enet_alpha_max,
        checks.check_one_se_alpha,
        checks.check_article_to_sklearn,
        checks.check_glmnet_to_sklearn,
    ],
)
def test_checks_print_one_verdict_and_validate_quiet(
    check: Callable[..., Any], capsys: pytest.CaptureFixture[str]
) -> None:
    result = check(_stub)
    out = capsys.readouterr().out
    assert out.strip().endswith("not implemented yet — fill in the function, then run this cell again.")
    assert out.count("\n") == 1 and result.n_cases == 0
    with pytest.raises(ValueError, match="quiet"):
        check(_stub, quiet="no")
