"""Tests of regviz.checks.networks: the self-checks of notebooks 08 and 11 against PyTorch."""

from __future__ import annotations

from typing import Any

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pytest
import torch

from regviz import checks


def _fold(
    W: np.ndarray, b: np.ndarray, gamma: np.ndarray, beta: np.ndarray, mean: np.ndarray, var: np.ndarray, eps: float
) -> tuple[np.ndarray, np.ndarray]:
    scale = gamma / np.sqrt(var + eps)
    return W * scale[:, None], (b - mean) * scale + beta


def test_check_fold_batch_norm_accepts_the_reference_and_matches_torch() -> None:
    assert checks.check_fold_batch_norm(_fold, quiet=True).passed
    torch.manual_seed(0)
    linear, bn = torch.nn.Linear(5, 3).double(), torch.nn.BatchNorm1d(3).double()
    bn.train()
    with torch.no_grad():
        for _ in range(5):
            bn(linear(torch.randn(16, 5, dtype=torch.float64) * 3 + 1))
        bn.weight.uniform_(0.5, 2.0)
        bn.bias.normal_()
    bn.eval()
    x = torch.randn(7, 5, dtype=torch.float64)
    W, b = _fold(
        *(
            t.detach().numpy()
            for t in (linear.weight, linear.bias, bn.weight, bn.bias, bn.running_mean, bn.running_var)
        ),
        bn.eps,
    )
    np.testing.assert_allclose(x.numpy() @ W.T + b, bn(linear(x)).detach().numpy(), atol=1e-12)


@pytest.mark.parametrize(
    "wrong",
    [
        lambda W, b, g, be, m, v, eps: (W * (g / np.sqrt(v))[:, None], (b - m) * g / np.sqrt(v) + be),  # no eps
        lambda W, b, g, be, m, v, eps: (W * (g / (v + eps))[:, None], (b - m) * g / (v + eps) + be),  # no sqrt
        lambda W, b, g, be, m, v, eps: (W * g / np.sqrt(v + eps), (b - m) * g / np.sqrt(v + eps) + be),  # wrong axis
        lambda W, b, g, be, m, v, eps: (W * (g / np.sqrt(v + eps))[:, None], -m * g / np.sqrt(v + eps) + be),  # no b
    ],
    ids=["no-eps", "no-sqrt", "wrong-axis", "forgotten-bias"],
)
def test_check_fold_batch_norm_rejects_plausible_mistakes(wrong: Any) -> None:
    assert checks.check_fold_batch_norm(wrong, quiet=True).status == "failed"


def _layer_norm(x: np.ndarray, gamma: np.ndarray, beta: np.ndarray, eps: float) -> np.ndarray:
    return gamma * (x - x.mean(1, keepdims=True)) / np.sqrt(x.var(1, keepdims=True) + eps) + beta


def test_check_layer_norm_accepts_the_reference_and_matches_torch() -> None:
    assert checks.check_layer_norm(_layer_norm, quiet=True).passed
    x = np.random.default_rng(1).normal(2.0, 3.0, (4, 6))
    library = torch.nn.LayerNorm(6, dtype=torch.float64)(torch.from_numpy(x)).detach().numpy()
    np.testing.assert_allclose(_layer_norm(x, np.ones(6), np.zeros(6), 1e-5), library, atol=1e-12)


@pytest.mark.parametrize(
    "wrong",
    [
        lambda x, g, b, eps: g * (x - x.mean(0)) / np.sqrt(x.var(0) + eps) + b,  # batch axis: batch norm
        lambda x, g, b, eps: g * (x - x.mean(1, keepdims=True)) / np.sqrt(x.var(1, ddof=1, keepdims=True) + eps) + b,
        lambda x, g, b, eps: g * (x - x.mean(1, keepdims=True)) / (np.sqrt(x.var(1, keepdims=True)) + eps) + b,
        lambda x, g, b, eps: (x - x.mean(1, keepdims=True)) / np.sqrt(x.var(1, keepdims=True) + eps),  # no gamma/beta
    ],
    ids=["batch-axis", "unbiased", "eps-outside-sqrt", "no-affine"],
)
def test_check_layer_norm_rejects_plausible_mistakes(wrong: Any) -> None:
    assert checks.check_layer_norm(wrong, quiet=True).status == "failed"


def test_check_he_bound_accepts_the_reference_and_rejects_other_scales() -> None:
    assert checks.check_he_bound(lambda n: np.sqrt(6 / n), quiet=True).passed
    for wrong in (lambda n: np.sqrt(2 / n), lambda n: np.sqrt(3 / n), lambda n: np.sqrt(6 / (2 * n))):
        assert checks.check_he_bound(wrong, quiet=True).status == "failed"


def _accuracy(model: Any, X: Any, y: Any, batch_size: int) -> float:
    model.eval()
    correct = 0
    with torch.no_grad():
        for start in range(0, len(X), batch_size):
            correct += int((model(X[start : start + batch_size]).argmax(1) == y[start : start + batch_size]).sum())
    return correct / len(X)


def _accuracy_train_mode(model: Any, X: Any, y: Any, batch_size: int) -> float:
    model.train()
    with torch.no_grad():
        return float((model(X).argmax(1) == y).float().mean())


def _accuracy_mean_of_batches(model: Any, X: Any, y: Any, batch_size: int) -> float:
    model.eval()
    with torch.no_grad():
        accs = [
            float((model(X[s : s + batch_size]).argmax(1) == y[s : s + batch_size]).float().mean())
            for s in range(0, len(X), batch_size)
        ]
    return float(np.mean(accs))


def _running_stats(batches: list[np.ndarray], momentum: float | None, *, ddof: int = 1, keras: bool = False) -> Any:
    mean, var = np.zeros(batches[0].shape[1]), np.ones(batches[0].shape[1])
    for k, x in enumerate(batches, start=1):
        m = 1 / k if momentum is None else momentum
        if keras:  # Keras's convention: momentum weighs the old value
            m = 1 - m
        mean = (1 - m) * mean + m * x.mean(0)
        var = (1 - m) * var + m * x.var(0, ddof=ddof)
    return mean, var


def test_check_running_stats_accepts_the_reference_and_matches_torch() -> None:
    assert checks.check_running_stats(_running_stats, quiet=True).passed
    rng = np.random.default_rng(3)
    batches = [rng.normal(1.0, 2.0, (n, 4)) for n in (3, 8, 5)]
    for momentum in (0.1, 0.7, None):
        bn = torch.nn.BatchNorm1d(4, momentum=momentum, dtype=torch.float64)
        for x in batches:
            bn(torch.from_numpy(x))
        mean, var = _running_stats(batches, momentum)
        np.testing.assert_allclose(mean, bn.running_mean.numpy(), rtol=1e-12)
        np.testing.assert_allclose(var, bn.running_var.numpy(), rtol=1e-12)


def _running_stats_last_batch(batches: list[np.ndarray], momentum: float | None) -> Any:
    return _running_stats(batches, 1.0 if momentum is None else momentum)  # None read as "keep the last batch"


def _running_stats_counting_the_start(batches: list[np.ndarray], momentum: float | None) -> Any:
    mean, var = np.zeros(batches[0].shape[1]), np.ones(batches[0].shape[1])
    for k, x in enumerate(batches, start=1):
        m = 1 / (k + 1) if momentum is None else momentum  # averages the initial values in
        mean, var = (1 - m) * mean + m * x.mean(0), (1 - m) * var + m * x.var(0, ddof=1)
    return mean, var


def _running_stats_no_start(batches: list[np.ndarray], momentum: float | None) -> Any:
    mean, var = batches[0].mean(0), batches[0].var(0, ddof=1)  # the first batch replaces the initial values
    for k, x in enumerate(batches[1:], start=2):
        m = 1 / k if momentum is None else momentum
        mean, var = (1 - m) * mean + m * x.mean(0), (1 - m) * var + m * x.var(0, ddof=1)
    return mean, var


@pytest.mark.parametrize(
    "wrong",
    [
        lambda b, m: _running_stats(b, m, ddof=0),
        lambda b, m: _running_stats(b, m, keras=True),
        _running_stats_last_batch,
        _running_stats_counting_the_start,
        _running_stats_no_start,
        lambda b, m: _running_stats(b, m)[::-1],
    ],
    ids=["biased-variance", "keras-momentum", "none-as-last-batch", "none-counting-start", "no-start", "swapped"],
)
def test_check_running_stats_rejects_plausible_mistakes(wrong: Any) -> None:
    assert checks.check_running_stats(wrong, quiet=True).status == "failed"


def test_check_batched_accuracy_accepts_the_reference_and_rejects_mistakes() -> None:
    assert checks.check_batched_accuracy(_accuracy, quiet=True).passed
    assert checks.check_batched_accuracy(_accuracy_train_mode, quiet=True).status == "failed"
    assert checks.check_batched_accuracy(_accuracy_mean_of_batches, quiet=True).status == "failed"


@pytest.mark.parametrize(
    "check",
    [
        checks.check_fold_batch_norm,
        checks.check_layer_norm,
        checks.check_he_bound,
        checks.check_batched_accuracy,
        checks.check_running_stats,
    ],
)
def test_network_checks_report_stubs_and_reject_non_callables(check: Any, capsys: pytest.CaptureFixture[str]) -> None:
    def stub(*args: Any) -> Any:
        raise NotImplementedError

    assert check(stub).status == "not implemented"
    assert "not implemented yet" in capsys.readouterr().out
    with pytest.raises(ValueError, match="student_fn"):
        check(42)
