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

from ._core import Case, CheckResult, run_check

__all__ = [
    "check_adam_step",
    "check_bce_with_logits",
    "check_cross_entropy_grad",
    "check_gd_step",
    "check_nesterov_step",
    "check_step_size_limit",
    "check_uncorrected_adam_step",
    "check_warmup_cosine",
]


def _check_callable(fn: Any, quiet: Any = False) -> bool:
    """Validate a check's arguments; return ``quiet`` as a bool."""
    if not callable(fn):
        raise ValueError(f"student_fn must be callable, got {type(fn).__name__}")
    if not isinstance(quiet, bool | np.bool_):
        raise ValueError(f"quiet must be True or False, got {quiet!r}")
    return bool(quiet)


# --------------------------------------------------------------------------- losses (notebook 01)


def _bce_with_logits_reference(z: NDArray[Any], y: NDArray[Any]) -> float:
    z = np.asarray(z, dtype=float)
    y = np.asarray(y, dtype=float)
    return float(np.mean(np.logaddexp(0.0, z) - y * z))


def check_bce_with_logits(student_fn: Callable[[Any, Any], Any], *, quiet: bool = False) -> CheckResult:
    r"""Check a binary cross-entropy computed from logits, stable for any logit.

    The reference is ``torch.nn.BCEWithLogitsLoss()``'s value (mean over
    samples): :math:`\frac1n\sum_i \operatorname{softplus}(z_i) - y_i z_i`.
    The cases include logits of ±40 and ±800, where ``log(sigmoid(z))``
    returns ``-inf`` or overflows, and a sum instead of a mean.

    Parameters
    ----------
    student_fn : callable
        ``student_fn(z, y)`` with logits ``z`` and labels ``y`` in {0, 1}
        (arrays of shape (n_samples,)), returning a scalar.
    quiet : bool, default=False
        If True, print nothing.

    Returns
    -------
    CheckResult
        The verdict (also printed).

    """
    quiet = _check_callable(student_fn, quiet)
    rng = np.random.default_rng(1)
    cases = [
        Case((np.array([0.0, 0.0]), np.array([0.0, 1.0])), label="logits 0: loss log 2"),
        Case((rng.normal(size=20), rng.integers(0, 2, 20).astype(float)), label="20 random logits"),
        Case((np.array([3.0]), np.array([1.0])), label="one sample"),
        Case((np.array([40.0, -40.0, 40.0]), np.array([0.0, 1.0, 1.0])), label="logits of ±40"),
        Case((np.array([800.0, -800.0]), np.array([1.0, 0.0])), label="logits of ±800 (no overflow allowed)"),
        Case((np.array([800.0, -800.0]), np.array([0.0, 1.0])), label="logits of ±800, confidently wrong"),
    ]
    return run_check("check_bce_with_logits", student_fn, _bce_with_logits_reference, cases, quiet=quiet)


def _cross_entropy_grad_reference(logits: NDArray[Any], y: NDArray[Any]) -> NDArray[np.float64]:
    z = np.asarray(logits, dtype=float)
    labels = np.asarray(y, dtype=int)
    shifted = z - z.max(axis=1, keepdims=True)
    p = np.exp(shifted)
    p /= p.sum(axis=1, keepdims=True)
    p[np.arange(len(labels)), labels] -= 1.0
    return p / len(labels)


def check_cross_entropy_grad(student_fn: Callable[[Any, Any], Any], *, quiet: bool = False) -> CheckResult:
    r"""Check the gradient of the mean softmax cross-entropy with respect to the logits.

    For ``torch.nn.CrossEntropyLoss()`` (mean over samples) the gradient is
    :math:`(\operatorname{softmax}(z_i) - e_{y_i}) / n`. The cases include
    logits near 1000 (a naive softmax gives NaN), a single sample and ten
    classes.

    Parameters
    ----------
    student_fn : callable
        ``student_fn(logits, y)`` with logits of shape (n_samples, n_classes)
        and integer labels of shape (n_samples,), returning an array of shape
        (n_samples, n_classes).
    quiet : bool, default=False
        If True, print nothing.

    Returns
    -------
    CheckResult
        The verdict (also printed).

    """
    quiet = _check_callable(student_fn, quiet)
    rng = np.random.default_rng(2)
    cases = [
        Case((np.zeros((2, 3)), np.array([0, 2])), label="all logits 0"),
        Case((rng.normal(size=(5, 3)), rng.integers(0, 3, 5)), label="5 samples, 3 classes"),
        Case((rng.normal(size=(1, 4)), np.array([3])), label="one sample"),
        Case((rng.normal(size=(8, 10)) * 3, rng.integers(0, 10, 8)), label="8 samples, 10 classes"),
        Case(
            (np.array([[1000.0, 999.0, 0.0], [-5.0, 1000.0, 998.0]]), np.array([1, 2])),
            label="logits near 1000 (stable softmax needed)",
        ),
    ]
    return run_check("check_cross_entropy_grad", student_fn, _cross_entropy_grad_reference, cases, quiet=quiet)


# --------------------------------------------------------------------------- gradient descent (notebook 02)


def _gd_step_reference(X: NDArray[Any], y: NDArray[Any], w: NDArray[Any], lr: float) -> NDArray[np.float64]:
    X = np.asarray(X, dtype=float)
    residual = X @ np.asarray(w, dtype=float) - np.asarray(y, dtype=float)
    return np.asarray(w, dtype=float) - lr * (2.0 / len(X)) * (X.T @ residual)


def check_gd_step(student_fn: Callable[[Any, Any, Any, float], Any], *, quiet: bool = False) -> CheckResult:
    r"""Check one gradient-descent step on the mean squared error of a linear model.

    The loss is :math:`L(w) = \frac1n \lVert Xw - y\rVert^2` (no ½), so the
    step is :math:`w - \eta\,\frac2n X^\top (Xw - y)`. The cases catch a
    missing factor 2, a missing ``1/n`` and a step uphill.

    Parameters
    ----------
    student_fn : callable
        ``student_fn(X, y, w, lr)`` with ``X`` of shape (n_samples, n_features),
        ``y`` of shape (n_samples,), ``w`` of shape (n_features,), returning
        the new ``w`` (each case passes fresh copies of the arrays).
    quiet : bool, default=False
        If True, print nothing.

    Returns
    -------
    CheckResult
        The verdict (also printed).

    """
    quiet = _check_callable(student_fn, quiet)
    rng = np.random.default_rng(3)
    X1 = np.c_[np.ones(6), np.arange(6.0)]
    cases = [
        Case((X1, 3.0 * np.arange(6.0), np.zeros(2), 0.1), label="line y = 3x from w = 0"),
        Case((X1, 3.0 * np.arange(6.0), np.array([0.0, 3.0]), 0.1), label="already at the minimum"),
        Case((rng.normal(size=(20, 3)), rng.normal(size=20), rng.normal(size=3), 0.05), label="20 samples, 3 features"),
        Case((rng.normal(size=(1, 2)), np.array([1.5]), np.array([0.5, -0.5]), 1.0), label="one sample"),
    ]
    return run_check("check_gd_step", student_fn, _gd_step_reference, cases, quiet=quiet)


def _step_size_limit_reference(X: NDArray[Any]) -> float:
    X = np.asarray(X, dtype=float)
    hessian = 2.0 / len(X) * (X.T @ X)
    return float(2.0 / np.linalg.eigvalsh(hessian)[-1])


def check_step_size_limit(student_fn: Callable[[Any], Any], *, quiet: bool = False) -> CheckResult:
    r"""Check the largest stable learning rate :math:`2/L` for the mean squared error.

    For :math:`L(w) = \frac1n\lVert Xw - y\rVert^2` the Hessian is
    :math:`H = \frac2n X^\top X` and :math:`L = \lambda_{\max}(H)`; gradient
    descent converges for every start exactly when :math:`\eta < 2/L`. The
    cases catch :math:`1/L`, the smallest eigenvalue, the trace, and
    forgetting the factor 2 or the ``1/n`` inside :math:`H`.

    Parameters
    ----------
    student_fn : callable
        ``student_fn(X)`` with ``X`` of shape (n_samples, n_features),
        returning the float :math:`2/L`.
    quiet : bool, default=False
        If True, print nothing.

    Returns
    -------
    CheckResult
        The verdict (also printed).

    """
    quiet = _check_callable(student_fn, quiet)
    rng = np.random.default_rng(4)
    cases = [
        Case((np.c_[np.ones(5), np.linspace(0, 2, 5)],), label="intercept column and x in [0, 2]"),
        Case((np.eye(2) * np.array([1.0, 3.0]),), label="diagonal X"),
        Case((rng.normal(size=(30, 4)) * np.array([1.0, 2.0, 5.0, 0.5]),), label="30 samples, 4 scaled features"),
        Case((np.array([[2.0]]),), label="one sample, one feature"),
    ]
    return run_check("check_step_size_limit", student_fn, _step_size_limit_reference, cases, quiet=quiet)


# --------------------------------------------------------------------------- optimizers (notebook 03)


def _adam_reference(
    w: NDArray[Any],
    grad: NDArray[Any],
    m: NDArray[Any],
    v: NDArray[Any],
    t: int,
    lr: float,
    beta1: float,
    beta2: float,
    eps: float,
) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64]]:
    g = np.asarray(grad, dtype=float)
    new_m = beta1 * np.asarray(m, dtype=float) + (1.0 - beta1) * g
    new_v = beta2 * np.asarray(v, dtype=float) + (1.0 - beta2) * g * g
    m_hat = new_m / (1.0 - beta1**t)
    v_hat = new_v / (1.0 - beta2**t)
    return np.asarray(w, dtype=float) - lr * m_hat / (np.sqrt(v_hat) + eps), new_m, new_v


def check_adam_step(student_fn: Callable[..., Any], *, quiet: bool = False) -> CheckResult:
    r"""Check one step of Adam with bias correction, in PyTorch's form.

    ``torch.optim.Adam(params, lr, betas=(beta1, beta2), eps=eps)`` (no weight
    decay, no AMSGrad) at step :math:`t = 1, 2, \dots` updates

    .. math::

        m \leftarrow \beta_1 m + (1 - \beta_1) g, \qquad
        v \leftarrow \beta_2 v + (1 - \beta_2) g^2, \qquad
        w \leftarrow w - \eta\,\frac{m / (1 - \beta_1^t)}{\sqrt{v / (1 - \beta_2^t)} + \epsilon}.

    The cases catch a missing bias correction, ε inside the square root, a
    0-based step count and swapped β's.

    Parameters
    ----------
    student_fn : callable
        ``student_fn(w, grad, m, v, t, lr, beta1, beta2, eps)`` with arrays of
        one shape and the 1-based step number ``t``, returning the triple
        ``(new_w, new_m, new_v)``.
    quiet : bool, default=False
        If True, print nothing.

    Returns
    -------
    CheckResult
        The verdict (also printed).

    """
    quiet = _check_callable(student_fn, quiet)
    rng = np.random.default_rng(6)
    z2 = np.zeros(2)
    w2, g2 = np.array([1.0, -2.0]), np.array([0.5, -3.0])
    cases = [
        Case((w2, g2, z2, z2, 1, 0.1, 0.9, 0.999, 1e-8), label="first step (m = v = 0)"),
        Case(
            (w2, g2, np.array([0.2, -1.0]), np.array([0.1, 2.0]), 3, 0.1, 0.9, 0.999, 1e-8),
            label="step 3, non-zero moments",
        ),
        Case(
            (*rng.normal(size=(3, 5)), rng.uniform(0, 1, 5), 10, 0.01, 0.8, 0.99, 1e-8),
            label="step 10, betas (0.8, 0.99)",
        ),
        Case((w2, np.array([1e-6, 0.0]), z2, z2, 1, 1.0, 0.9, 0.999, 1e-3), label="tiny gradient, eps = 1e-3"),
        Case(
            (np.array([0.5]), np.array([2.0]), np.array([1.0]), np.array([4.0]), 1000, 0.001, 0.9, 0.999, 1e-8),
            label="step 1000",
        ),
    ]
    return run_check("check_adam_step", student_fn, _adam_reference, cases, atol=1e-9, rtol=1e-7, quiet=quiet)


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
    quiet = _check_callable(student_fn, quiet)
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
    quiet = _check_callable(student_fn, quiet)
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
    quiet = _check_callable(student_fn, quiet)
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
