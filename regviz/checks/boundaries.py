"""Self-checks for notebooks 09 (weight decay, L1, early stopping) and 10 (dropout).

* :func:`check_weight_decay_step` — one SGD step on a loss with an L2 penalty.
* :func:`check_proximal_l1_step` — a gradient step followed by soft-thresholding.
* :func:`check_early_stopping` — the best and the stopping epoch for a patience.
* :func:`check_inverted_dropout` — inverted dropout in NumPy, checked by its
  statistics (it is random, so no single answer is right).
* :func:`check_predictive_entropy` — the uncertainty of MC-dropout predictions.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from .._validation import validate_array, validate_bool, validate_int, validate_real
from ._core import Case, CheckResult, _as_array, not_implemented, run_check

__all__ = [
    "check_early_stopping",
    "check_inverted_dropout",
    "check_predictive_entropy",
    "check_proximal_l1_step",
    "check_weight_decay_step",
    "early_stopping_epochs",
]


# --------------------------------------------------------------------------- references


def _weight_decay_step(w: Any, grad: Any, lr: float, weight_decay: float) -> np.ndarray:
    r"""One gradient step on :math:`L(w) + \frac{\lambda}{2}\lVert w\rVert^2`.

    .. math:: w \leftarrow w - \eta\,(\nabla L(w) + \lambda w) = (1 - \eta\lambda)\,w - \eta\,\nabla L(w)

    Parameters
    ----------
    w : array-like
        Current weights.
    grad : array-like of the same shape
        Gradient of the data loss :math:`\nabla L(w)`.
    lr : float
        Learning rate :math:`\eta`, ``> 0``.
    weight_decay : float
        The penalty :math:`\lambda`, ``>= 0``.

    Returns
    -------
    ndarray
        The new weights.

    """
    w_arr = validate_array(w, "w", ndim=None)
    g_arr = validate_array(grad, "grad", ndim=None)
    if w_arr.shape != g_arr.shape:
        raise ValueError(f"grad must have the shape of w {w_arr.shape}, got {g_arr.shape}")
    lr = validate_real(lr, "lr", low=0, low_open=True)
    weight_decay = validate_real(weight_decay, "weight_decay", low=0)
    return w_arr - lr * (g_arr + weight_decay * w_arr)


def _proximal_l1_step(w: Any, grad: Any, lr: float, l1: float) -> np.ndarray:
    r"""One proximal-gradient step on :math:`L(w) + \lambda_1\lVert w\rVert_1`.

    A plain gradient step on the smooth part, then soft-thresholding by
    :math:`\eta\lambda_1`:

    .. math:: w \leftarrow S_{\eta\lambda_1}\big(w - \eta\nabla L(w)\big), \qquad
              S_t(z) = \operatorname{sign}(z)\max(|z| - t, 0).

    Parameters
    ----------
    w : array-like
        Current weights.
    grad : array-like of the same shape
        Gradient of the data loss.
    lr : float
        Learning rate :math:`\eta`, ``> 0``.
    l1 : float
        The L1 penalty :math:`\lambda_1`, ``>= 0``.

    Returns
    -------
    ndarray
        The new weights; every one whose gradient step lands within
        :math:`\eta\lambda_1` of zero is exactly zero.

    """
    w_arr = validate_array(w, "w", ndim=None)
    g_arr = validate_array(grad, "grad", ndim=None)
    if w_arr.shape != g_arr.shape:
        raise ValueError(f"grad must have the shape of w {w_arr.shape}, got {g_arr.shape}")
    lr = validate_real(lr, "lr", low=0, low_open=True)
    l1 = validate_real(l1, "l1", low=0)
    z = w_arr - lr * g_arr
    return np.sign(z) * np.maximum(np.abs(z) - lr * l1, 0.0)


def early_stopping_epochs(val_losses: Sequence[float], patience: int) -> tuple[int, int]:
    """Where early stopping with a patience stops, and which epoch it restores.

    The rule of :func:`regviz.train.fit`: after each epoch, an epoch whose
    validation loss is *strictly* lower than every earlier one becomes the
    best; training stops at the first epoch that comes ``patience`` epochs
    after the best, or after the last epoch if that never happens.

    Parameters
    ----------
    val_losses : sequence of float
        Validation loss after each epoch 1, 2, ..., as a full run would give
        them (at least one).
    patience : int
        Epochs without improvement to wait, ``>= 1``.

    Returns
    -------
    best_epoch : int
        1-based epoch of the lowest validation loss seen before stopping
        (the first one on ties): the weights restored.
    stop_epoch : int
        1-based epoch after which training stops.

    """
    losses = validate_array(val_losses, "val_losses", ndim=1)
    patience = validate_int(patience, "patience", low=1)
    best, best_epoch = np.inf, 1
    for epoch, loss in enumerate(losses, start=1):
        if loss < best:
            best, best_epoch = float(loss), epoch
        if epoch - best_epoch >= patience:
            return best_epoch, epoch
    return best_epoch, len(losses)


def _predictive_entropy(probs: Any) -> np.ndarray:
    r"""Entropy of the mean prediction of several stochastic forward passes.

    .. math:: \bar p_{ik} = \frac{1}{T}\sum_{t=1}^T p^{(t)}_{ik}, \qquad
              H_i = -\sum_k \bar p_{ik}\log \bar p_{ik} \quad (0 \log 0 = 0)

    in nats (natural logarithm). With MC dropout the passes are the
    network's predictions with dropout left on.

    Parameters
    ----------
    probs : array-like of shape (n_passes, n_samples, n_classes)
        Class probabilities of each pass (rows sum to 1).

    Returns
    -------
    ndarray of shape (n_samples,)
        The entropy of each sample's mean prediction, in [0, log n_classes].

    """
    p = validate_array(probs, "probs", ndim=3)
    if np.any(p < 0) or not np.allclose(p.sum(axis=2), 1.0, atol=1e-6):
        raise ValueError("probs must hold probabilities: non-negative, summing to 1 over the last axis")
    mean = p.mean(axis=0)
    logs = np.log(np.where(mean > 0, mean, 1.0))
    return -np.sum(mean * logs, axis=1)


# --------------------------------------------------------------------------- checks


def check_weight_decay_step(student_fn: Callable[..., Any], *, quiet: bool = False) -> CheckResult:
    r"""Check one SGD step with an L2 penalty, ``student_fn(w, grad, lr, weight_decay)``.

    The answer must be :math:`w - \eta(\nabla L + \lambda w)`. The cases have
    ``weight_decay = 0``, negative weights, a zero gradient (pure decay) and
    several learning rates, so a decay not multiplied by the learning rate,
    a penalty gradient of :math:`\frac{\lambda}{2} w` or :math:`\lambda
    \operatorname{sign}(w)`, and a decay applied to the gradient are all caught.

    Parameters
    ----------
    student_fn : callable
        ``student_fn(w, grad, lr, weight_decay)`` returning the new weights.
    quiet : bool, default=False
        If True, print nothing.

    Returns
    -------
    CheckResult
        The verdict (also printed).

    """
    quiet = validate_bool(quiet, "quiet")
    rng = np.random.default_rng(9)
    cases = [
        Case((np.array([1.0, -2.0, 0.5]), np.array([0.1, 0.2, -0.3]), 0.1, 0.0), label="weight_decay = 0"),
        Case((np.array([1.0, -2.0, 0.5]), np.zeros(3), 0.1, 0.5), label="zero gradient: pure decay"),
        Case((np.array([3.0, -1.5]), np.array([0.4, -0.2]), 0.05, 0.01), label="lr = 0.05, weight_decay = 0.01"),
        Case((rng.normal(size=(4, 3)), rng.normal(size=(4, 3)), 0.3, 0.2), label="a 4 x 3 weight matrix"),
    ]
    return run_check("check_weight_decay_step", student_fn, _weight_decay_step, cases, atol=1e-12, quiet=quiet)


def check_proximal_l1_step(student_fn: Callable[..., Any], *, quiet: bool = False) -> CheckResult:
    r"""Check a proximal L1 step, ``student_fn(w, grad, lr, l1)``.

    The answer must be :math:`S_{\eta\lambda_1}(w - \eta\nabla L)`. The cases
    have weights that land inside and outside the threshold, of both signs,
    ``l1 = 0`` (a plain gradient step) and two learning rates, so a
    threshold of :math:`\lambda_1` instead of :math:`\eta\lambda_1`, a
    subgradient step :math:`w - \eta(\nabla L + \lambda_1\operatorname{sign} w)`
    (which overshoots zero instead of stopping there) and thresholding
    before the gradient step are all caught.

    Parameters
    ----------
    student_fn : callable
        ``student_fn(w, grad, lr, l1)`` returning the new weights.
    quiet : bool, default=False
        If True, print nothing.

    Returns
    -------
    CheckResult
        The verdict (also printed).

    """
    quiet = validate_bool(quiet, "quiet")
    rng = np.random.default_rng(10)
    cases = [
        Case((np.array([0.5, -0.5, 0.02, -0.03, 0.0]), np.zeros(5), 0.1, 0.5), label="zero gradient, |w| around 0.05"),
        Case((np.array([1.0, -1.0, 0.3]), np.array([0.5, -0.5, 2.0]), 0.1, 0.0), label="l1 = 0: a plain gradient step"),
        Case((np.array([0.2, -0.1, 0.05, 1.0]), np.array([1.0, -1.0, 0.2, 0.5]), 0.2, 0.3), label="lr = 0.2, l1 = 0.3"),
        Case((rng.normal(0, 0.1, (5, 4)), rng.normal(0, 0.5, (5, 4)), 0.05, 1.0), label="a 5 x 4 weight matrix"),
    ]
    return run_check("check_proximal_l1_step", student_fn, _proximal_l1_step, cases, atol=1e-12, quiet=quiet)


def check_early_stopping(student_fn: Callable[..., Any], *, quiet: bool = False) -> CheckResult:
    """Check ``student_fn(val_losses, patience) -> (best_epoch, stop_epoch)``, both 1-based.

    The rule is that of :func:`regviz.train.fit` (see
    :func:`early_stopping_epochs`). The cases include a run that never stops
    early, a tie with the best loss (not an improvement), a lower loss that
    comes only *after* the stop (which must not count) and ``patience = 1``,
    so 0-based epochs, ``<=`` for an improvement, an off-by-one patience and
    the minimum over the whole run are all caught.

    Parameters
    ----------
    student_fn : callable
        ``student_fn(val_losses, patience)`` returning ``(best_epoch, stop_epoch)``.
    quiet : bool, default=False
        If True, print nothing.

    Returns
    -------
    CheckResult
        The verdict (also printed).

    """
    quiet = validate_bool(quiet, "quiet")
    cases = [
        Case(([1.0, 0.8, 0.6, 0.5, 0.45], 2), label="always improving: no early stop"),
        Case(([1.0, 0.7, 0.75, 0.8, 0.9, 1.0, 1.1], 3), label="best at epoch 2, patience 3"),
        Case(([1.0, 0.6, 0.6, 0.6, 0.7], 2), label="a tie with the best is not an improvement"),
        Case(([0.9, 0.5, 0.7, 0.8, 0.3, 0.2], 2), label="a lower loss after the stop must not count"),
        Case(([0.5, 0.6, 0.4, 0.45, 0.3], 1), label="patience 1"),
    ]

    def reference(val_losses: list[float], patience: int) -> np.ndarray:
        return np.array(early_stopping_epochs(val_losses, patience), dtype=float)

    return run_check("check_early_stopping", student_fn, reference, cases, atol=0.0, rtol=0.0, quiet=quiet)


def check_predictive_entropy(student_fn: Callable[[Any], Any], *, quiet: bool = False) -> CheckResult:
    r"""Check the entropy of the mean of MC-dropout predictions, ``student_fn(probs)``.

    ``probs`` has shape (n_passes, n_samples, n_classes); the answer has one
    entropy (in nats) per sample, of the *mean* prediction. The cases
    include passes that disagree confidently (high entropy although each
    pass is sure), probabilities of exactly 0, a single pass and ten
    classes, so the mean of the per-pass entropies, a base-2 logarithm, the
    mean over the wrong axis and a ``0 log 0`` that becomes NaN are all caught.

    Parameters
    ----------
    student_fn : callable
        ``student_fn(probs)`` returning an array of shape (n_samples,).
    quiet : bool, default=False
        If True, print nothing.

    Returns
    -------
    CheckResult
        The verdict (also printed).

    """
    quiet = validate_bool(quiet, "quiet")
    rng = np.random.default_rng(11)
    logits = rng.normal(0, 2, (20, 6, 10))
    soft = np.exp(logits - logits.max(axis=2, keepdims=True))
    soft /= soft.sum(axis=2, keepdims=True)
    disagree = np.array([[[1.0, 0.0], [0.5, 0.5]], [[0.0, 1.0], [0.5, 0.5]]])
    cases = [
        Case((disagree,), label="two sure passes that disagree, and two unsure ones that agree"),
        Case((np.array([[[0.9, 0.1, 0.0], [1.0, 0.0, 0.0]]]),), label="one pass, probabilities of exactly 0"),
        Case((np.tile([[[0.2, 0.3, 0.5]]], (4, 3, 1)),), label="identical passes"),
        Case((soft,), label="20 passes, 6 samples, 10 classes"),
    ]
    return run_check("check_predictive_entropy", student_fn, _predictive_entropy, cases, atol=1e-9, quiet=quiet)


def check_inverted_dropout(student_fn: Callable[..., Any], *, quiet: bool = False) -> CheckResult:
    r"""Check inverted dropout in NumPy, ``student_fn(x, p, rng)``, by its statistics.

    Dropout is random, so the check looks at what must hold for *any* correct
    implementation: the output has the shape of ``x``; every entry is either
    0 or :math:`x / (1 - p)`; the fraction of zeros is within 0.01 of ``p``
    (on 100,000 entries its standard deviation is below 0.002); the mean is
    kept within 2 %; ``p = 0`` returns ``x`` unchanged; and two calls with
    generators seeded alike agree (all randomness comes from ``rng``).
    Dropping with probability :math:`1 - p`, scaling by :math:`1 - p` (or not
    at all) and returning the mask are all caught.

    Parameters
    ----------
    student_fn : callable
        ``student_fn(x, p, rng)``: ``x`` an array, ``p`` the drop probability
        in [0, 1), ``rng`` a ``numpy.random.Generator``; returns an array
        shaped like ``x``.
    quiet : bool, default=False
        If True, print nothing.

    Returns
    -------
    CheckResult
        The verdict (also printed).

    """
    if not callable(student_fn):
        raise ValueError(f"student_fn must be callable, got {type(student_fn).__name__}")
    quiet = validate_bool(quiet, "quiet")
    name = "check_inverted_dropout"
    data_rng = np.random.default_rng(12)
    big = data_rng.uniform(0.5, 2.0, 100_000)
    matrix = data_rng.uniform(0.5, 2.0, (300, 400))

    def verdict(status: str, text: str, n: int) -> CheckResult:
        if not quiet:
            print(text)
        return CheckResult(name, status, text, n)

    cases: list[tuple[str, np.ndarray, float]] = [
        ("p = 0: x unchanged", matrix[:5, :5], 0.0),
        ("p = 0.5 on 100,000 entries", big, 0.5),
        ("p = 0.2 on 100,000 entries", big, 0.2),
        ("p = 0.8 on a 300 x 400 array", matrix, 0.8),
    ]
    for i, (label, x, p) in enumerate(cases, start=1):
        outcome = _dropout_case(name, student_fn, i, label, x, p)
        if outcome is not None:
            return verdict(*outcome)
    return verdict(
        "passed", f"{name}: passed — shape, values, zero fraction and mean right on all {len(cases)} cases.", len(cases)
    )


def _dropout_case(
    name: str, student_fn: Callable[..., Any], i: int, label: str, x: np.ndarray, p: float
) -> tuple[str, str, int] | None:
    """Case ``i`` of :func:`check_inverted_dropout`: ``(status, text, n)`` of a failure, None when it passes."""

    def fail(i: int, label: str, why: str) -> tuple[str, str, int]:
        return ("failed", f"{name}: failed on case {i} ({label}): {why}", i)

    try:
        out = student_fn(x.copy(), p, np.random.default_rng(100 + i))
        again = student_fn(x.copy(), p, np.random.default_rng(100 + i))
    except NotImplementedError:
        return not_implemented(name, i)
    except Exception as exc:
        return fail(i, label, f"{type(exc).__name__}: {exc}")
    if out is None:
        return fail(i, label, "the function returned None (missing return?)")
    try:
        y = _as_array(out)
        y2 = _as_array(again)
    except (TypeError, ValueError) as exc:
        return fail(i, label, f"cannot read the answer as numbers ({exc})")
    if y.shape != x.shape:
        return fail(i, label, f"shape {y.shape}, expected {x.shape}")
    if not np.array_equal(y, y2):
        return fail(i, label, "two calls with generators seeded alike differ: draw every random number from rng")
    if p == 0.0:
        if not np.allclose(y, x, rtol=1e-12, atol=0.0):
            return fail(i, label, "with p = 0 nothing is dropped and nothing rescaled")
        return None
    kept = y != 0
    if not np.allclose(y[kept], x[kept] / (1 - p), rtol=1e-6, atol=0.0):
        ratio = float(np.median(y[kept] / x[kept])) if kept.any() else float("nan")
        return fail(i, label, f"kept entries must be x / (1 - p) = x * {1 / (1 - p):.3g}; they are x * {ratio:.3g}")
    zero_fraction = 1.0 - float(kept.mean())
    if abs(zero_fraction - p) > 0.01:
        return fail(i, label, f"a fraction {zero_fraction:.3f} of the entries is zero, expected about p = {p}")
    ratio = float(y.mean() / x.mean())
    if abs(ratio - 1.0) > 0.02:
        return fail(i, label, f"the mean changed by a factor {ratio:.3f}; inverted dropout keeps it")
    return None
