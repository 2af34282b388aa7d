"""Self-checks for the exercises of notebook 14 (the capstone).

* :func:`check_l2_penalty` — the explicit L2 penalty that SGD's ``weight_decay`` applies,
  as a tensor whose gradient reaches the weights.
* :func:`check_macro_f1` — macro-averaged F1 from a confusion matrix, 0 for a class never predicted.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
from numpy.typing import NDArray

from .._validation import validate_bool, validate_callable
from ._core import Case, CheckResult, run_check

__all__ = ["check_l2_penalty", "check_macro_f1"]


# --------------------------------------------------------------------------- L2 penalty


def _l2_penalty_reference(model: Any, weight_decay: float) -> NDArray[np.float64]:
    """The penalty's value, then its gradient with respect to every parameter (``λ W`` for weights, 0 otherwise)."""
    params = list(model.parameters())
    total = sum(float((p.detach().double() ** 2).sum()) for p in params if p.ndim >= 2)
    grads = [
        (weight_decay * p.detach().double() if p.ndim >= 2 else p.detach().double() * 0.0).reshape(-1).cpu().numpy()
        for p in params
    ]
    return np.concatenate([[0.5 * weight_decay * total], *grads])


def _penalty_and_gradient(student_fn: Callable[[Any, float], Any]) -> Callable[[Any, float], NDArray[np.float64]]:
    """Wrap ``student_fn``: its penalty's value, then the gradient that ``backward()`` sends to each parameter.

    A penalty that is a Python number, or a tensor cut off from the weights (``.item()``, ``.detach()``,
    ``torch.tensor(value)``), adds nothing to the gradient: it would leave training unregularised, so it is
    refused with a message saying why (except for ``λ = 0``, where no gradient is the right gradient).
    """
    import torch

    def wrapped(model: Any, weight_decay: float) -> NDArray[np.float64]:
        params = list(model.parameters())
        for p in params:
            p.grad = None
        penalty = student_fn(model, weight_decay)
        if penalty is None:
            return None  # type: ignore[return-value]  # run_check reports the missing return
        if isinstance(penalty, torch.Tensor) and penalty.numel() != 1:
            raise ValueError(f"the penalty must be one number (a 0-d tensor), got shape {tuple(penalty.shape)}")
        carries_grad = isinstance(penalty, torch.Tensor) and penalty.requires_grad
        if carries_grad:
            penalty.reshape(()).backward()
            grads = [
                (p.grad if p.grad is not None else torch.zeros_like(p)).detach().double().reshape(-1).cpu().numpy()
                for p in params
            ]
            for p in params:
                p.grad = None
            if weight_decay > 0 and all(not np.any(g) for g, p in zip(grads, params, strict=True) if p.ndim >= 2):
                raise ValueError(
                    "the penalty's gradient does not reach the weights (it was computed from copies of them, "
                    "e.g. p.data or p.detach()): autograd must see the weight tensors themselves"
                )
            value = float(penalty.detach().double().reshape(()).cpu())
        else:
            if weight_decay > 0:
                kind = "a tensor without gradient" if isinstance(penalty, torch.Tensor) else type(penalty).__name__
                raise ValueError(
                    f"the penalty must be a tensor that autograd can differentiate, got {kind} "
                    "(.item(), float(...), .detach() or torch.tensor(...) cut it off the weights: "
                    "added to the loss it would change nothing in the update)"
                )
            grads = [np.zeros(p.numel()) for p in params]
            value = float(penalty.detach().double().reshape(()).cpu()) if isinstance(penalty, torch.Tensor) else penalty
        return np.concatenate([[value], *grads])

    return wrapped


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

    The check compares the value *and* the gradient that ``penalty.backward()``
    sends to every parameter (``λ W`` for a weight matrix, nothing for a bias):
    a Python number or a detached tensor has the right value but would add
    nothing to the loss's gradient, and is refused.

    Parameters
    ----------
    student_fn : callable
        ``student_fn(model, weight_decay)`` returning the penalty as a 0-d tensor
        that autograd can differentiate with respect to the model's weights.
    quiet : bool, default=False
        If True, print nothing.

    Returns
    -------
    CheckResult
        The verdict (also printed).

    """
    validate_callable(student_fn, "student_fn")
    quiet = validate_bool(quiet, "quiet")
    small, mlp, normed = _penalty_models()
    cases = [
        Case((small, 0.1), label="a 3-4-2 network with biases of 5, λ = 0.1"),
        Case((mlp, 1e-3), label="a 20-16-8-3 MLP, λ = 1e-3"),
        Case((normed, 0.5), label="a batch-normalised MLP, λ = 0.5"),
        Case((mlp, 0.0), label="λ = 0"),
    ]
    return run_check(
        "check_l2_penalty",
        _penalty_and_gradient(student_fn),
        _l2_penalty_reference,
        cases,
        atol=1e-9,
        rtol=1e-5,
        quiet=quiet,
    )


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
    mean, or the F1 of the averaged precision and recall are all caught. One
    case has a class that is never predicted: its precision is 0 / 0, and,
    like scikit-learn (``zero_division=0``), the reference counts its F1 as 0;
    an answer of NaN there is refused.

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
    validate_callable(student_fn, "student_fn")
    quiet = validate_bool(quiet, "quiet")
    rng = np.random.default_rng(13)
    ten = rng.integers(0, 6, size=(10, 10))
    ten[np.diag_indices(10)] = rng.integers(40, 120, size=10)
    cases = [
        Case((np.array([[50, 0], [0, 50]]),), label="a perfect 2-class classifier"),
        Case((np.array([[90, 10], [30, 20]]),), label="2 classes of 100 and 50 samples"),
        Case((np.array([[40, 5, 5], [2, 8, 10], [0, 1, 29]]),), label="3 unequal classes"),
        Case((ten,), label="10 classes, random errors"),
        Case(
            (np.array([[30, 0, 10], [5, 0, 15], [2, 0, 38]]),),
            label="3 classes, class 1 never predicted (its F1 is 0, as in scikit-learn)",
        ),
    ]
    return run_check("check_macro_f1", student_fn, _macro_f1_reference, cases, atol=1e-9, rtol=1e-7, quiet=quiet)
