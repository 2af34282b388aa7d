"""Self-checks for the exercises of notebooks 08 (training networks) and 11 (batch normalization).

PyTorch is imported only inside the checks that build a network, so importing
:mod:`regviz.checks` stays light.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from .._validation import validate_callable
from ._core import Case, CheckResult, run_check

__all__ = [
    "check_batched_accuracy",
    "check_fold_batch_norm",
    "check_he_bound",
    "check_layer_norm",
    "check_running_stats",
]


# --------------------------------------------------------------------------- notebook 08


def _he_bound_reference(fan_in: int) -> float:
    return float(np.sqrt(6.0 / fan_in))


def check_he_bound(student_fn: Callable[[int], float], *, quiet: bool = False) -> CheckResult:
    """Check ``he_bound(fan_in)``: the ``a`` of ``U(-a, a)`` whose variance is ``2 / fan_in``.

    A uniform distribution on ``(-a, a)`` has variance ``a**2 / 3``, so
    ``a = sqrt(6 / fan_in)``. The normal's standard deviation ``sqrt(2 / fan_in)``,
    LeCun's ``sqrt(3 / fan_in)`` and Glorot's ``sqrt(6 / (fan_in + fan_out))``
    all fail.

    Parameters
    ----------
    student_fn : callable
        ``student_fn(fan_in)`` returning a float.
    quiet : bool, default=False
        If True, print nothing.

    Returns
    -------
    CheckResult
        The verdict (also printed).

    """
    validate_callable(student_fn, "student_fn")
    cases = [Case((n,), label=f"fan_in={n}") for n in (1, 3, 128, 784)]
    return run_check("check_he_bound", student_fn, _he_bound_reference, cases, quiet=quiet)


def _accuracy_reference(model: Any, X: Any, y: Any, batch_size: int) -> float:
    import torch

    was_training = model.training
    model.eval()
    correct = 0
    with torch.no_grad():
        for start in range(0, len(X), batch_size):
            logits = model(X[start : start + batch_size])
            correct += int((logits.argmax(dim=1) == y[start : start + batch_size]).sum())
    model.train(was_training)
    return correct / len(X)


def check_batched_accuracy(student_fn: Callable[[Any, Any, Any, int], Any], *, quiet: bool = False) -> CheckResult:
    """Check ``batched_accuracy(model, X, y, batch_size)``: accuracy in evaluation mode, batch by batch.

    The reference switches the model to evaluation mode, runs it under
    ``torch.no_grad()`` on slices of ``batch_size`` samples, counts the
    samples whose largest logit is the label, and divides by the number of
    samples. The models hold dropout (so forgetting ``model.eval()`` changes
    the answer) and the batch sizes do not divide the number of samples (so
    averaging per-batch accuracies, which over-weights the last short batch, fails).

    Parameters
    ----------
    student_fn : callable
        ``student_fn(model, X, y, batch_size)`` returning a float in [0, 1].
    quiet : bool, default=False
        If True, print nothing.

    Returns
    -------
    CheckResult
        The verdict (also printed).

    """
    validate_callable(student_fn, "student_fn")
    import torch
    from torch import nn

    rng = np.random.default_rng(80)
    X_np = rng.normal(size=(50, 6)).astype(np.float32)
    y_np = rng.integers(0, 3, size=50)

    def build(seed: int) -> Any:
        torch.manual_seed(seed)
        model = nn.Sequential(nn.Linear(6, 32), nn.ReLU(), nn.Dropout(0.5), nn.Linear(32, 3))
        model.train()
        return model

    def on_fresh(fn: Callable[[Any, Any, Any, int], Any]) -> Callable[[int, int], Any]:
        def run(seed: int, batch_size: int) -> Any:
            torch.manual_seed(1000 + seed)  # same dropout draws for the student and the reference
            return fn(build(seed), torch.from_numpy(X_np), torch.from_numpy(y_np), batch_size)

        return run

    cases = [Case((seed, bs), label=f"50 samples, batch_size={bs}") for seed, bs in ((0, 16), (1, 7), (2, 48), (3, 50))]
    return run_check(
        "check_batched_accuracy", on_fresh(student_fn), on_fresh(_accuracy_reference), cases, atol=1e-12, quiet=quiet
    )


# --------------------------------------------------------------------------- notebook 11


def _fold_batch_norm_reference(
    W: np.ndarray,
    b: np.ndarray,
    gamma: np.ndarray,
    beta: np.ndarray,
    running_mean: np.ndarray,
    running_var: np.ndarray,
    eps: float,
) -> tuple[np.ndarray, np.ndarray]:
    scale = gamma / np.sqrt(running_var + eps)
    return W * scale[:, None], (b - running_mean) * scale + beta


def check_fold_batch_norm(student_fn: Callable[..., Any], *, quiet: bool = False) -> CheckResult:
    """Check ``fold_batch_norm(W, b, gamma, beta, running_mean, running_var, eps)``: BN merged into a Linear layer.

    In evaluation mode ``BatchNorm1d(Linear(x))`` is one affine map: with
    ``s = gamma / sqrt(running_var + eps)``, the folded layer has weight
    ``s[:, None] * W`` (``W`` of shape (n_out, n_in), as ``nn.Linear`` stores
    it) and bias ``s * (b - running_mean) + beta``. The function returns the
    pair ``(W_folded, b_folded)``. The cases (a large ``eps``, non-zero biases
    and means) catch a forgotten ``eps``, the variance used without its square
    root, the scale applied to the wrong axis and a forgotten ``b``.

    Parameters
    ----------
    student_fn : callable
        Returns ``(W_folded, b_folded)``.
    quiet : bool, default=False
        If True, print nothing.

    Returns
    -------
    CheckResult
        The verdict (also printed).

    """
    validate_callable(student_fn, "student_fn")
    rng = np.random.default_rng(112)

    def case(n_out: int, n_in: int, eps: float, label: str) -> Case:
        args = (
            rng.normal(size=(n_out, n_in)),
            rng.normal(size=n_out),
            rng.uniform(0.5, 2.0, n_out),
            rng.normal(size=n_out),
            rng.normal(size=n_out),
            rng.uniform(0.2, 3.0, n_out),
            eps,
        )
        return Case(args, label=label)

    cases = [
        case(4, 3, 1e-5, "4 x 3 layer"),
        case(3, 5, 0.5, "eps=0.5"),
        case(1, 1, 1e-5, "one unit"),
        case(6, 6, 1e-3, "square layer"),
    ]
    return run_check(
        "check_fold_batch_norm",
        _packed_pair(student_fn),
        _packed_pair(_fold_batch_norm_reference),
        cases,
        atol=1e-10,
        quiet=quiet,
    )


def _packed_pair(fn: Callable[..., Any]) -> Callable[..., np.ndarray]:
    """Wrap a fold function so its ``(W_folded, b_folded)`` pair compares as one flat array.

    The pair's two arrays have different shapes, so they cannot be compared as
    one array directly; each one's shape is checked first (a transposed weight
    fails here rather than slipping through the flattening).
    """

    def packed(W: np.ndarray, *args: Any) -> np.ndarray:
        result = fn(W, *args)
        if not isinstance(result, tuple | list) or len(result) != 2:
            raise ValueError(f"return the pair (W_folded, b_folded), got {type(result).__name__}")
        W_f, b_f = (np.asarray(r.detach().cpu() if hasattr(r, "detach") else r, dtype=float) for r in result)
        n_out, n_in = np.shape(W)
        if W_f.shape != (n_out, n_in) or b_f.shape != (n_out,):
            raise ValueError(f"shapes {W_f.shape} and {b_f.shape}, expected {(n_out, n_in)} and {(n_out,)}")
        return np.concatenate([W_f.ravel(), b_f])

    return packed


def _layer_norm_reference(x: np.ndarray, gamma: np.ndarray, beta: np.ndarray, eps: float) -> np.ndarray:
    mean = x.mean(axis=1, keepdims=True)
    var = x.var(axis=1, keepdims=True)
    return gamma * (x - mean) / np.sqrt(var + eps) + beta


def check_layer_norm(
    student_fn: Callable[[np.ndarray, np.ndarray, np.ndarray, float], Any], *, quiet: bool = False
) -> CheckResult:
    """Check ``layer_norm(x, gamma, beta, eps)``: layer normalisation, as ``nn.LayerNorm`` computes it.

    Each **sample** (row) is standardised over its features with its own mean
    and biased variance, then scaled by ``gamma`` and shifted by ``beta`` (one
    per feature): ``y = gamma * (x - mean_row) / sqrt(var_row + eps) + beta``.
    No batch statistics, so training and evaluation agree. The cases catch
    statistics over the batch axis (that is batch normalisation), the
    unbiased variance and ``eps`` outside the square root.

    Parameters
    ----------
    student_fn : callable
        ``student_fn(x, gamma, beta, eps)`` with ``x`` of shape
        (n_samples, n_features), returning an array of the same shape.
    quiet : bool, default=False
        If True, print nothing.

    Returns
    -------
    CheckResult
        The verdict (also printed).

    """
    validate_callable(student_fn, "student_fn")
    rng = np.random.default_rng(113)
    cases = [
        Case((rng.normal(2.0, 3.0, (6, 5)), np.ones(5), np.zeros(5), 1e-5), label="6 x 5, gamma=1, beta=0"),
        Case(
            (rng.normal(size=(4, 3)), rng.uniform(0.5, 2.0, 3), rng.normal(size=3), 1e-5), label="random gamma and beta"
        ),
        Case((rng.normal(0.0, 0.1, (5, 4)), np.ones(4), np.zeros(4), 0.1), label="eps=0.1 on a small spread"),
        Case((np.array([[1.0, 2.0, 4.0]]), np.ones(3), np.zeros(3), 1e-5), label="a single sample"),
    ]
    return run_check("check_layer_norm", student_fn, _layer_norm_reference, cases, atol=1e-8, quiet=quiet)


def _running_stats_reference(batches: Any, momentum: float | None) -> tuple[np.ndarray, np.ndarray]:
    arrays = [np.asarray(x, dtype=float) for x in batches]
    running_mean, running_var = np.zeros(arrays[0].shape[1]), np.ones(arrays[0].shape[1])
    for k, x in enumerate(arrays, start=1):
        m = 1.0 / k if momentum is None else momentum
        running_mean = (1 - m) * running_mean + m * x.mean(axis=0)
        running_var = (1 - m) * running_var + m * x.var(axis=0, ddof=1)
    return running_mean, running_var


def check_running_stats(student_fn: Callable[[Any, float | None], Any], *, quiet: bool = False) -> CheckResult:
    """Check ``running_stats(batches, momentum)``: the running statistics ``nn.BatchNorm1d`` keeps in training mode.

    Starting from ``running_mean = 0`` and ``running_var = 1`` per unit, each batch ``x`` (shape
    ``(n_i, n_units)``, sizes may differ) updates ``running = (1 - m) * running + m * statistic``, with the batch
    mean for ``running_mean`` and the **unbiased** batch variance (divided by ``n_i - 1``) for ``running_var``.
    ``m`` is ``momentum``, or ``1 / k`` at the ``k``-th batch when ``momentum`` is None (PyTorch's cumulative
    average: the plain mean of the batch statistics, the initial values forgotten). The function returns the pair
    ``(running_mean, running_var)``. The cases catch the biased variance, Keras's convention (``momentum``
    weighing the old value), ``None`` read as "keep the last batch" or as an average that still counts the
    initial values, and a dropped initial value.

    Parameters
    ----------
    student_fn : callable
        ``student_fn(batches, momentum)`` with ``batches`` a list of arrays of shape (n_i, n_units) and
        ``momentum`` a float in (0, 1] or None; returns ``(running_mean, running_var)``, each of shape (n_units,).
    quiet : bool, default=False
        If True, print nothing.

    Returns
    -------
    CheckResult
        The verdict (also printed).

    """
    validate_callable(student_fn, "student_fn")
    rng = np.random.default_rng(114)

    def batches(sizes: tuple[int, ...], n_units: int) -> list[np.ndarray]:
        return [rng.normal(2.0, 3.0, (n, n_units)) for n in sizes]

    cases = [
        Case((batches((4, 7, 16), 3), 0.1), label="momentum=0.1, batches of 4, 7, 16"),
        Case((batches((5, 5), 2), 0.5), label="momentum=0.5, two batches of 5"),
        Case((batches((2, 6, 9, 3), 3), None), label="momentum=None, batches of 2, 6, 9, 3"),
        Case((batches((8,), 4), 0.01), label="momentum=0.01, one batch of 8"),
    ]

    def packed(fn: Callable[..., Any]) -> Callable[..., np.ndarray]:
        def run(batches_: list[np.ndarray], momentum: float | None) -> np.ndarray:
            result = fn([b.copy() for b in batches_], momentum)
            if not isinstance(result, tuple | list) or len(result) != 2:
                raise ValueError(f"return the pair (running_mean, running_var), got {type(result).__name__}")
            mean, var = (np.asarray(r.detach().cpu() if hasattr(r, "detach") else r, dtype=float) for r in result)
            n_units = batches_[0].shape[1]
            if mean.shape != (n_units,) or var.shape != (n_units,):
                raise ValueError(f"shapes {mean.shape} and {var.shape}, expected ({n_units},) each")
            return np.concatenate([mean, var])

        return run

    return run_check(
        "check_running_stats", packed(student_fn), packed(_running_stats_reference), cases, atol=1e-10, quiet=quiet
    )
