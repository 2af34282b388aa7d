"""Self-checks for the exercises of notebook 13 (the capstone).

* :func:`check_l2_penalty` — the explicit L2 penalty that SGD's ``weight_decay`` applies.
* :func:`check_macro_f1` — macro-averaged F1 from a confusion matrix.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
from numpy.typing import NDArray

from ._core import Case, CheckResult, run_check

__all__ = ["check_l2_penalty", "check_macro_f1"]


def _check_callable(fn: Any) -> None:
    if not callable(fn):
        raise ValueError(f"student_fn must be callable, got {type(fn).__name__}")


def _check_quiet(quiet: Any) -> bool:
    if not isinstance(quiet, bool):
        raise ValueError(f"quiet must be True or False, got {quiet!r}")
    return quiet


# --------------------------------------------------------------------------- L2 penalty


def _l2_penalty_reference(model: Any, weight_decay: float) -> float:
    total = sum(float((p.detach().double() ** 2).sum()) for p in model.parameters() if p.ndim >= 2)
    return 0.5 * weight_decay * total


def _penalty_models() -> list[Any]:
    import torch
    from torch import nn

    from ..models import make_mlp

    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(0)
        small = nn.Sequential(nn.Linear(3, 4), nn.ReLU(), nn.Linear(4, 2))
        with torch.no_grad():
            for module in small:
                if isinstance(module, nn.Linear):
                    module.bias.fill_(5.0)  # large biases: counting them changes the answer a lot
        mlp = make_mlp(20, (16, 8), 3)
        normed = make_mlp(10, (6,), 2, batch_norm=True)
    return [small, mlp, normed]


def check_l2_penalty(student_fn: Callable[[Any, float], Any], *, quiet: bool = False) -> CheckResult:
    r"""Check the L2 penalty that SGD's ``weight_decay`` applies: :math:`\frac{\lambda}{2}\sum_W \|W\|_F^2`.

    Adding this penalty to the loss gives the gradient ``λ W`` that
    ``torch.optim.SGD(param_groups(model, λ))`` adds, so the two updates are the
    same. It sums over weight matrices only (parameters with two or more
    dimensions), never over biases or normalisation parameters. The cases
    include large biases, a batch-normalised model and ``λ = 0``, so counting
    biases, forgetting the ``1/2``, or using the norm instead of its square are caught.

    Parameters
    ----------
    student_fn : callable
        ``student_fn(model, weight_decay)`` returning the penalty as a number or
        a 0-d tensor.
    quiet : bool, default=False
        If True, print nothing.

    Returns
    -------
    CheckResult
        The verdict (also printed).

    """
    _check_callable(student_fn)
    quiet = _check_quiet(quiet)
    small, mlp, normed = _penalty_models()
    cases = [
        Case((small, 0.1), label="a 3-4-2 network with biases of 5, λ = 0.1"),
        Case((mlp, 1e-3), label="a 20-16-8-3 MLP, λ = 1e-3"),
        Case((normed, 0.5), label="a batch-normalised MLP, λ = 0.5"),
        Case((mlp, 0.0), label="λ = 0"),
    ]
    return run_check("check_l2_penalty", student_fn, _l2_penalty_reference, cases, atol=1e-9, rtol=1e-5, quiet=quiet)


# --------------------------------------------------------------------------- macro F1


def _macro_f1_reference(cm: NDArray[Any]) -> float:
    cm = np.asarray(cm, dtype=float)
    tp = np.diag(cm)
    precision = np.divide(tp, cm.sum(axis=0), out=np.zeros_like(tp), where=cm.sum(axis=0) > 0)
    recall = np.divide(tp, cm.sum(axis=1), out=np.zeros_like(tp), where=cm.sum(axis=1) > 0)
    denom = precision + recall
    f1 = np.divide(2 * precision * recall, denom, out=np.zeros_like(tp), where=denom > 0)
    return float(f1.mean())


def check_macro_f1(student_fn: Callable[[Any], Any], *, quiet: bool = False) -> CheckResult:
    r"""Check macro-averaged F1 computed from a confusion matrix (rows: true, columns: predicted).

    The reference equals ``sklearn.metrics.f1_score(..., average="macro")``:
    per class :math:`F_1 = 2PR / (P + R)` with precision :math:`P` (diagonal
    over column sum) and recall :math:`R` (diagonal over row sum), then the
    plain mean over classes. The cases have unequal class sizes and lopsided
    errors, so the accuracy (micro F1), the macro recall, a support-weighted
    mean, or the F1 of the averaged precision and recall are all caught.

    Parameters
    ----------
    student_fn : callable
        ``student_fn(cm)`` with ``cm`` an integer array of shape (n_classes, n_classes),
        returning a number.
    quiet : bool, default=False
        If True, print nothing.

    Returns
    -------
    CheckResult
        The verdict (also printed).

    """
    _check_callable(student_fn)
    quiet = _check_quiet(quiet)
    rng = np.random.default_rng(13)
    ten = rng.integers(0, 6, size=(10, 10))
    ten[np.diag_indices(10)] = rng.integers(40, 120, size=10)
    cases = [
        Case((np.array([[50, 0], [0, 50]]),), label="a perfect 2-class classifier"),
        Case((np.array([[90, 10], [30, 20]]),), label="2 classes of 100 and 50 samples"),
        Case((np.array([[40, 5, 5], [2, 8, 10], [0, 1, 29]]),), label="3 unequal classes"),
        Case((ten,), label="10 classes, random errors"),
    ]
    return run_check("check_macro_f1", student_fn, _macro_f1_reference, cases, atol=1e-9, rtol=1e-7, quiet=quiet)
