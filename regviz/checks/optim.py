"""Self-checks for the exercises of notebooks 01–03 (losses, gradient descent, optimizers).

Each ``check_*`` runs the student's function and a NumPy reference on varied
cases (including the ones that catch the usual mistakes: overflowing logits,
a forgotten ``1/n``, the classical instead of PyTorch's momentum) and prints
one verdict. The references follow PyTorch's conventions, so an answer that
passes here also matches ``torch.nn`` and ``torch.optim``.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np
from numpy.typing import NDArray

from .._validation import validate_bool, validate_callable
from ._core import Case, CheckResult, run_check

__all__ = [
    "check_nesterov_step",
    "check_uncorrected_adam_step",
    "check_warmup_cosine",
]


# --------------------------------------------------------------------------- losses (notebook 01)


# --------------------------------------------------------------------------- gradient descent (notebook 02)


# --------------------------------------------------------------------------- optimizers (notebook 03)


def _nesterov_reference(
    w: NDArray[Any], grad: NDArray[Any], buf: NDArray[Any], lr: float, momentum: float
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    new_buf = momentum * np.asarray(buf, dtype=float) + np.asarray(grad, dtype=float)
    step = np.asarray(grad, dtype=float) + momentum * new_buf
    return np.asarray(w, dtype=float) - lr * step, new_buf


def check_nesterov_step(student_fn: Callable[..., Any], *, quiet: bool = False) -> CheckResult:
    r"""Check one step of Nesterov momentum in PyTorch's form.

    ``torch.optim.SGD(params, lr, momentum=mu, nesterov=True)`` (no dampening,
    no weight decay) updates a buffer :math:`b \leftarrow \mu b + g` and then
    :math:`w \leftarrow w - \eta\,(g + \mu b)`. The cases catch classical
    momentum (:math:`w - \eta b`), the wrong order (the old buffer in the
    look-ahead) and a step uphill.

    Parameters
    ----------
    student_fn : callable
        ``student_fn(w, grad, buf, lr, momentum)`` with arrays of one shape,
        returning the pair ``(new_w, new_buf)``.
    quiet : bool, default=False
        If True, print nothing.

    Returns
    -------
    CheckResult
        The verdict (also printed).

    """
    validate_callable(student_fn, "student_fn")
    quiet = validate_bool(quiet, "quiet")
    rng = np.random.default_rng(5)
    cases = [
        Case((np.array([1.0, -2.0]), np.array([0.5, 0.5]), np.zeros(2), 0.1, 0.9), label="first step (buffer 0)"),
        Case((np.array([1.0, -2.0]), np.array([0.5, 0.5]), np.array([1.0, -1.0]), 0.1, 0.9), label="non-zero buffer"),
        Case(
            (rng.normal(size=5), rng.normal(size=5), rng.normal(size=5), 0.01, 0.5), label="5 parameters, momentum 0.5"
        ),
        Case((np.array([3.0]), np.array([-1.0]), np.array([2.0]), 1.0, 0.0), label="momentum 0 (plain SGD)"),
    ]
    return run_check("check_nesterov_step", student_fn, _nesterov_reference, cases, quiet=quiet)


def _warmup_cosine_reference(step: int, total_steps: int, warmup_steps: int, lr_max: float, lr_min: float) -> float:
    if step < warmup_steps:
        return lr_max * (step + 1) / warmup_steps
    progress = (step - warmup_steps) / (total_steps - warmup_steps)
    return lr_min + (lr_max - lr_min) * (1.0 + math.cos(math.pi * progress)) / 2.0


def check_warmup_cosine(student_fn: Callable[..., Any], *, quiet: bool = False) -> CheckResult:
    r"""Check a learning rate with linear warm-up followed by cosine decay.

    The schedule is what ``SequentialLR`` of ``LinearLR(start_factor=1/W,
    total_iters=W-1)`` and ``CosineAnnealingLR(T_max=T-W, eta_min=lr_min)``
    with ``milestones=[W]`` gives at step ``t`` (0-based):

    .. math::

        \eta_t = \eta_{\max}\,\frac{t+1}{W} \quad (t < W), \qquad
        \eta_t = \eta_{\min} + (\eta_{\max} - \eta_{\min})\,
        \frac{1 + \cos\!\big(\pi\,\frac{t - W}{T - W}\big)}{2} \quad (W \le t \le T).

    Parameters
    ----------
    student_fn : callable
        ``student_fn(step, total_steps, warmup_steps, lr_max, lr_min)``
        returning the learning rate at ``step``.
    quiet : bool, default=False
        If True, print nothing.

    Returns
    -------
    CheckResult
        The verdict (also printed).

    """
    validate_callable(student_fn, "student_fn")
    quiet = validate_bool(quiet, "quiet")
    cases = [
        Case((step, 100, 10, 0.1, 0.001), label=f"step {step} of 100, 10 warm-up steps")
        for step in (0, 4, 9, 10, 11, 55, 99, 100)
    ]
    cases.append(Case((3, 20, 1, 1.0, 0.0), label="step 3 of 20, 1 warm-up step"))
    return run_check("check_warmup_cosine", student_fn, _warmup_cosine_reference, cases, quiet=quiet)


def _uncorrected_adam_reference(
    grad: NDArray[Any], t: int, lr: float, beta1: float, beta2: float, eps: float
) -> NDArray[np.float64]:
    g = np.asarray(grad, dtype=float)
    m = (1.0 - beta1**t) * g  # an exponential average of t copies of g, started at 0
    v = (1.0 - beta2**t) * g * g
    return -lr * m / (np.sqrt(v) + eps)


def check_uncorrected_adam_step(student_fn: Callable[..., Any], *, quiet: bool = False) -> CheckResult:
    r"""Check the predicted step of Adam *without* bias correction under a constant gradient.

    With moments started at zero and the same gradient :math:`g` at every step, step :math:`t` of Adam
    without bias correction moves the weights by

    .. math::

        \Delta w_t = -\eta\,\frac{(1 - \beta_1^t)\, g}{\sqrt{1 - \beta_2^t}\,|g| + \epsilon},

    since :math:`m_t = (1 - \beta_1^t) g` and :math:`v_t = (1 - \beta_2^t) g^2`. The cases (steps 1 to
    10,000, two pairs of betas, a gradient below ε, a zero component) catch the bias-corrected step
    :math:`-\eta\,\mathrm{sign}(g)`, a 0-based step count, a forgotten square root or ε, and a step uphill.

    Parameters
    ----------
    student_fn : callable
        ``student_fn(grad, t, lr, beta1, beta2, eps)`` with ``grad`` an array (the constant gradient) and
        ``t`` the 1-based step number, returning :math:`\Delta w_t`, an array shaped like ``grad``.
    quiet : bool, default=False
        If True, print nothing.

    Returns
    -------
    CheckResult
        The verdict (also printed).

    """
    validate_callable(student_fn, "student_fn")
    quiet = validate_bool(quiet, "quiet")
    g2 = np.array([2.0, -0.5])
    cases = [
        Case((g2, 1, 0.1, 0.9, 0.999, 1e-8), label="step 1, betas (0.9, 0.999)"),
        Case((g2, 12, 0.1, 0.9, 0.999, 1e-8), label="step 12"),
        Case((np.array([3.0, -1.0, 0.0]), 100, 0.01, 0.9, 0.999, 1e-8), label="step 100, one zero component"),
        Case((g2, 10_000, 0.1, 0.9, 0.999, 1e-8), label="step 10,000"),
        Case((np.array([0.5, -4.0]), 5, 1.0, 0.8, 0.99, 1e-8), label="step 5, betas (0.8, 0.99)"),
        Case((np.array([1e-9, -1e-12]), 3, 1.0, 0.9, 0.999, 1e-8), label="a gradient below eps"),
    ]
    return run_check(
        "check_uncorrected_adam_step",
        student_fn,
        _uncorrected_adam_reference,
        cases,
        atol=1e-12,
        rtol=1e-9,
        quiet=quiet,
    )
