"""The self-checks of notebooks 00-02 accept the reference, flag stubs, and reject plausible wrong answers."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pytest
import torch
from torch import nn

from regviz import checks

# --------------------------------------------------------------------------- correct answers, written as a student would


def _mae(y: Any, y_pred: Any) -> float:
    return float(np.mean(np.abs(np.asarray(y, dtype=float) - np.asarray(y_pred, dtype=float))))


def _slope_through_point(x: Any, y: Any, x0: float, y0: float) -> float:
    dx, dy = np.asarray(x, dtype=float) - x0, np.asarray(y, dtype=float) - y0
    return float(np.sum(dx * dy) / np.sum(dx * dx))


def _weighted_bce(z: Any, y: Any, pos_weight: float) -> float:
    z, y = np.asarray(z, dtype=float), np.asarray(y, dtype=float)
    return float(np.mean(pos_weight * y * np.logaddexp(0, -z) + (1 - y) * np.logaddexp(0, z)))


def _smoothed_ce_grad(logits: Any, y: Any, smoothing: float) -> np.ndarray:
    logits = np.asarray(logits, dtype=float)
    n, k = logits.shape
    e = np.exp(logits - logits.max(axis=1, keepdims=True))
    q = np.full((n, k), smoothing / k)
    q[np.arange(n), y] += 1 - smoothing
    return (e / e.sum(axis=1, keepdims=True) - q) / n


def _huber_step(X: Any, y: Any, w: Any, lr: float, delta: float) -> np.ndarray:
    X, y, w = np.asarray(X, dtype=float), np.asarray(y, dtype=float), np.asarray(w, dtype=float)
    return w - lr * X.T @ np.clip(X @ w - y, -delta, delta) / len(y)


def _lr_limit_for_feature(mean: float, std: float) -> float:
    hessian = 2 * np.array([[mean**2 + std**2, mean], [mean, 1.0]])
    return float(2 / np.linalg.eigvalsh(hessian)[-1])


def _best_fixed_lr(X: Any) -> float:
    X = np.asarray(X, dtype=float)
    mu = np.linalg.eigvalsh(2 / len(X) * X.T @ X)
    return float(2 / (mu[0] + mu[-1]))


def _smoothed_over_wrong_classes(logits: Any, y: Any, smoothing: float) -> np.ndarray:
    """A wrong convention: the smoothing mass spread over the K - 1 wrong classes only."""
    logits = np.asarray(logits, dtype=float)
    n, k = logits.shape
    e = np.exp(logits - logits.max(axis=1, keepdims=True))
    q = np.full((n, k), smoothing / (k - 1))
    q[np.arange(n), y] = 1 - smoothing
    return (e / e.sum(axis=1, keepdims=True) - q) / n


CORRECT: dict[str, tuple[Callable[..., Any], Callable[..., Any]]] = {
    "mae": (checks.check_mae, _mae),
    "slope_through_point": (checks.check_slope_through_point, _slope_through_point),
    "weighted_bce": (checks.check_weighted_bce, _weighted_bce),
    "smoothed_ce_grad": (checks.check_smoothed_ce_grad, _smoothed_ce_grad),
    "huber_step": (checks.check_huber_step, _huber_step),
    "lr_limit_for_feature": (checks.check_lr_limit_for_feature, _lr_limit_for_feature),
    "best_fixed_lr": (checks.check_best_fixed_lr, _best_fixed_lr),
}


@pytest.mark.parametrize("name", sorted(CORRECT))
def test_each_check_accepts_a_correct_answer(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    check, solution = CORRECT[name]
    result = check(solution)
    assert result.passed, result.message
    assert f"check_{name}: passed" in capsys.readouterr().out


@pytest.mark.parametrize("name", sorted(CORRECT))
def test_each_check_says_not_implemented_for_a_stub(name: str) -> None:
    check, _ = CORRECT[name]

    def stub(*args: Any) -> Any:
        raise NotImplementedError("a hint")

    result = check(stub, quiet=True)
    assert result.status == "not implemented" and not result.passed


@pytest.mark.parametrize("name", sorted(CORRECT))
def test_each_check_rejects_none_and_refuses_a_bad_quiet(name: str) -> None:
    check, _ = CORRECT[name]
    assert check(lambda *args: None, quiet=True).status == "failed"
    with pytest.raises(ValueError, match="quiet must be True or False"):
        check(CORRECT[name][1], quiet="yes")


# --------------------------------------------------------------------------- wrong answers each check must reject

WRONG: dict[str, list[Callable[..., Any]]] = {
    "mae": [
        lambda y, p: float(np.mean(np.asarray(y, float) - np.asarray(p, float))),  # no absolute value
        lambda y, p: float(np.mean((np.asarray(y, float) - np.asarray(p, float)) ** 2)),  # squared
        lambda y, p: float(np.sum(np.abs(np.asarray(y, float) - np.asarray(p, float)))),  # sum, not mean
        lambda y, p: float(np.median(np.abs(np.asarray(y, float) - np.asarray(p, float)))),  # median
        lambda y, p: abs(float(np.mean(np.asarray(y, float) - np.asarray(p, float)))),  # |mean|, not mean |.|
    ],
    "slope_through_point": [
        lambda x, y, x0, y0: float(np.dot(x, y) / np.dot(x, x)),  # ignores the point
        lambda x, y, x0, y0: float(np.cov(x, y, bias=True)[0, 1] / np.var(x)),  # always the ordinary slope
        lambda x, y, x0, y0: float(np.dot(np.asarray(x) - x0, y) / np.sum((np.asarray(x) - x0) ** 2)),  # shifts x only
        lambda x, y, x0, y0: float(np.dot(x, np.asarray(y) - y0) / np.dot(x, x)),  # shifts y only
        lambda x, y, x0, y0: float((np.mean(y) - y0) / (np.mean(x) - x0 + 1e-300)),  # slope to the centroid
    ],
    "weighted_bce": [
        # through probabilities: infinite at logits of ±40
        lambda z, y, w: float(
            -np.mean(w * y * np.log(1 / (1 + np.exp(-z))) + (1 - y) * np.log(1 - 1 / (1 + np.exp(-z))))
        ),
        lambda z, y, w: _weighted_bce(z, y, 1.0),  # weight ignored
        # weight on the negative class
        lambda z, y, w: float(
            np.mean((1 - np.asarray(y)) * w * np.logaddexp(0, z) + np.asarray(y) * np.logaddexp(0, -z))
        ),
        lambda z, y, w: w * _weighted_bce(z, y, 1.0),  # weight on every sample
        lambda z, y, w: len(z) * _weighted_bce(z, y, w),  # sum, not mean
    ],
    "smoothed_ce_grad": [
        lambda z, y, e: _smoothed_ce_grad(z, y, 0.0),  # smoothing ignored
        lambda z, y, e: len(y) * _smoothed_ce_grad(z, y, e),  # missing 1/n
        lambda z, y, e: _smoothed_over_wrong_classes(z, y, e),
        lambda z, y, e: (
            (  # naive softmax: NaN near 1000
                np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)
                - (np.eye(np.shape(z)[1])[y] * (1 - e) + e / np.shape(z)[1])
            )
            / len(y)
        ),
        lambda z, y, e: -_smoothed_ce_grad(z, y, e),  # sign
    ],
    "huber_step": [
        lambda X, y, w, lr, d: w - lr * 2 / len(y) * X.T @ (X @ w - y),  # squared error's gradient
        lambda X, y, w, lr, d: _huber_step(X, y, w, lr, 1.0),  # clip at 1, not delta
        lambda X, y, w, lr, d: w - lr * X.T @ (d * np.sign(X @ w - y)) / len(y),  # delta * sign everywhere
        lambda X, y, w, lr, d: 2 * w - _huber_step(X, y, w, lr, d),  # uphill
        lambda X, y, w, lr, d: w - lr * X.T @ np.clip(X @ w - y, -d, d),  # missing 1/n
        lambda X, y, w, lr, d: w - lr * X.T @ np.clip(X @ w - y, -d, d) / len(y) * 2,  # factor 2 of the MSE
    ],
    "lr_limit_for_feature": [
        lambda m, s: _lr_limit_for_feature(m, s) / 2,  # 1/beta
        lambda m, s: 2 / (2 * (m**2 + s**2)),  # forgets the intercept's row
        lambda m, s: 2 / (2 * max(s**2, 1.0)),  # forgets the mean
        lambda m, s: 2 / np.linalg.eigvalsh(np.array([[m**2 + s**2, m], [m, 1.0]]))[-1],  # forgets the factor 2
        lambda m, s: 2 / (2 * (m**2 + s**2 + 1)),  # the trace instead of the largest eigenvalue
    ],
    "best_fixed_lr": [
        lambda X: 2 / np.linalg.eigvalsh(2 / len(X) * X.T @ X)[-1],  # the stability limit
        lambda X: 1 / np.linalg.eigvalsh(2 / len(X) * X.T @ X)[-1],  # 1 / beta
        lambda X: 2 / np.ptp(np.linalg.eigvalsh(2 / len(X) * X.T @ X)),  # the difference
        lambda X: 2 / np.sum(np.linalg.eigvalsh(X.T @ X / len(X))[[0, -1]]),  # Hessian without its factor 2
        lambda X: 2 / np.sum(np.linalg.eigvalsh(2 * X.T @ X)[[0, -1]]),  # Hessian without 1/n
    ],
}


@pytest.mark.parametrize(("name", "index"), [(n, i) for n, ws in sorted(WRONG.items()) for i in range(len(ws))])
def test_each_check_rejects_wrong_answers(name: str, index: int) -> None:
    check, _ = CORRECT[name]
    with np.errstate(all="ignore"):
        result = check(WRONG[name][index], quiet=True)
    assert result.status == "failed", f"check_{name} accepted wrong answer #{index}: {result.message}"


# --------------------------------------------------------------------------- the references agree with PyTorch


def test_weighted_bce_reference_equals_torch() -> None:
    rng = np.random.default_rng(0)
    z, y = rng.normal(0, 3, 20), (rng.random(20) < 0.5).astype(float)
    for w in (0.5, 1.0, 4.0):
        reference = nn.BCEWithLogitsLoss(pos_weight=torch.tensor(w, dtype=torch.float64))(
            torch.tensor(z), torch.tensor(y)
        )
        checks.compare("pos_weight", _weighted_bce(z, y, w), reference, rtol=1e-12, quiet=True)


def test_smoothed_ce_grad_reference_equals_autograd() -> None:
    rng = np.random.default_rng(1)
    logits, y = rng.normal(size=(7, 4)), rng.integers(0, 4, 7)
    for eps in (0.0, 0.1, 0.4):
        t = torch.tensor(logits, requires_grad=True)
        nn.CrossEntropyLoss(label_smoothing=eps)(t, torch.tensor(y)).backward()
        checks.compare("label smoothing", _smoothed_ce_grad(logits, y, eps), t.grad, atol=1e-15, rtol=1e-12, quiet=True)


def test_huber_step_reference_equals_autograd() -> None:
    rng = np.random.default_rng(2)
    X, y, w = rng.normal(size=(12, 3)), 2 * rng.normal(size=12), rng.normal(size=3)
    for delta in (0.3, 1.0, 5.0):
        t = torch.tensor(w, requires_grad=True)
        nn.HuberLoss(delta=delta)(torch.tensor(X) @ t, torch.tensor(y)).backward()
        expected = w - 0.1 * t.grad.numpy()
        checks.compare("huber", _huber_step(X, y, w, 0.1, delta), expected, atol=1e-15, rtol=1e-12, quiet=True)


def test_lr_limit_for_feature_matches_the_data() -> None:
    rng = np.random.default_rng(3)
    x = rng.uniform(50, 150, 200)
    X = np.c_[x, np.ones(200)]
    limit = 2 / np.linalg.eigvalsh(2 / len(X) * X.T @ X)[-1]
    checks.compare("limit from moments", _lr_limit_for_feature(x.mean(), x.std()), limit, rtol=1e-9, quiet=True)
    assert checks.check_lr_limit_for_feature(_lr_limit_for_feature, quiet=True).passed
