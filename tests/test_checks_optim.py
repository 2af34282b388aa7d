"""Tests of regviz.checks.optim: the self-checks of notebooks 01–03 against PyTorch and hand-written updates."""

from __future__ import annotations

import math

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pytest

from regviz import checks


def _stub(*args):
    raise NotImplementedError


def _nesterov_right(w, g, buf, lr, mu):
    buf = mu * buf + g
    return w - lr * (g + mu * buf), buf


def _nesterov_classical(w, g, buf, lr, mu):
    buf = mu * buf + g
    return w - lr * buf, buf


def _nesterov_old_buffer(w, g, buf, lr, mu):
    new = mu * buf + g
    return w - lr * (g + mu * buf), new


def _schedule_right(step, total, warmup, lr_max, lr_min):
    if step < warmup:
        return lr_max * (step + 1) / warmup
    return lr_min + (lr_max - lr_min) * (1 + math.cos(math.pi * (step - warmup) / (total - warmup))) / 2


def _schedule_zero_start(step, total, warmup, lr_max, lr_min):
    if step < warmup:
        return lr_max * step / warmup
    return _schedule_right(step, total, warmup, lr_max, lr_min)


def _schedule_no_floor(step, total, warmup, lr_max, lr_min):
    return _schedule_right(step, total, warmup, lr_max, 0.0)


def _schedule_cosine_over_all(step, total, warmup, lr_max, lr_min):
    if step < warmup:
        return lr_max * (step + 1) / warmup
    return lr_min + (lr_max - lr_min) * (1 + math.cos(math.pi * step / total)) / 2


def _uncorrected_right(g, t, lr, b1, b2, eps):
    return -lr * (1 - b1**t) * g / (np.sqrt(1 - b2**t) * np.abs(g) + eps)


def _uncorrected_corrected(g, t, lr, b1, b2, eps):  # the bias-corrected step instead
    return -lr * g / (np.abs(g) + eps)


def _uncorrected_zero_based(g, t, lr, b1, b2, eps):
    return _uncorrected_right(g, t - 1, lr, b1, b2, eps)


def _uncorrected_no_sqrt(g, t, lr, b1, b2, eps):
    return -lr * (1 - b1**t) * g / ((1 - b2**t) * np.abs(g) + eps)


def _uncorrected_no_eps(g, t, lr, b1, b2, eps):
    with np.errstate(divide="ignore", invalid="ignore"):
        return -lr * (1 - b1**t) * g / (np.sqrt(1 - b2**t) * np.abs(g))


def _uncorrected_uphill(g, t, lr, b1, b2, eps):
    return -_uncorrected_right(g, t, lr, b1, b2, eps)


CHECKS = [
    (
        checks.check_uncorrected_adam_step,
        _uncorrected_right,
        [
            _uncorrected_corrected,
            _uncorrected_zero_based,
            _uncorrected_no_sqrt,
            _uncorrected_no_eps,
            _uncorrected_uphill,
        ],
    ),
    (checks.check_nesterov_step, _nesterov_right, [_nesterov_classical, _nesterov_old_buffer]),
    (
        checks.check_warmup_cosine,
        _schedule_right,
        [_schedule_zero_start, _schedule_no_floor, _schedule_cosine_over_all],
    ),
]


@pytest.mark.parametrize(("check", "right", "wrongs"), CHECKS, ids=[c[0].__name__ for c in CHECKS])
def test_check_accepts_reference_and_rejects_wrong_versions(check, right, wrongs, capsys):
    assert check(right).passed
    assert "passed" in capsys.readouterr().out
    for wrong in wrongs:
        result = check(wrong, quiet=True)
        assert result.status == "failed", f"{check.__name__} let {wrong.__name__} through"
    stub = check(_stub)
    assert stub.status == "not implemented"
    assert "not implemented yet" in capsys.readouterr().out


@pytest.mark.parametrize("check", [c[0] for c in CHECKS], ids=[c[0].__name__ for c in CHECKS])
def test_check_refuses_non_callable(check):
    with pytest.raises(ValueError, match="callable"):
        check(42)


@pytest.mark.parametrize("check", [c[0] for c in CHECKS], ids=[c[0].__name__ for c in CHECKS])
@pytest.mark.parametrize("quiet", [None, "yes", 1])
def test_check_refuses_a_quiet_that_is_not_a_bool(check, quiet):
    with pytest.raises(ValueError, match="quiet must be True or False"):
        check(_stub, quiet=quiet)


def test_checks_match_torch():
    torch = pytest.importorskip("torch")
    w = torch.tensor([1.0, -2.0], dtype=torch.float64, requires_grad=True)
    optimizer = torch.optim.SGD([w], lr=0.1, momentum=0.9, nesterov=True)
    buf = np.zeros(2)
    w_np = w.detach().numpy().copy()
    for _ in range(5):
        optimizer.zero_grad()
        (w**2).sum().backward()
        grad = w.grad.numpy().copy()
        optimizer.step()
        w_np, buf = checks.optim._nesterov_reference(w_np, grad, buf, 0.1, 0.9)
        np.testing.assert_allclose(w_np, w.detach().numpy(), atol=1e-12)

    p = [torch.nn.Parameter(torch.zeros(1))]
    opt = torch.optim.SGD(p, lr=0.1)
    warm, total = 5, 20
    scheduler = torch.optim.lr_scheduler.SequentialLR(
        opt,
        [
            torch.optim.lr_scheduler.LinearLR(opt, start_factor=1 / warm, total_iters=warm - 1),
            torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=total - warm, eta_min=0.001),
        ],
        milestones=[warm],
    )
    for step in range(total + 1):
        assert opt.param_groups[0]["lr"] == pytest.approx(
            checks.optim._warmup_cosine_reference(step, total, warm, 0.1, 0.001), abs=1e-12
        )
        opt.step()
        scheduler.step()


def test_uncorrected_adam_reference_matches_the_update_run_step_by_step():
    g, m, v = np.array([2.0, -0.5, 1e-9]), 0.0, 0.0
    for t in range(1, 60):
        m, v = 0.9 * m + 0.1 * g, 0.999 * v + 0.001 * g**2
        expected = -0.1 * m / (np.sqrt(v) + 1e-8)
        np.testing.assert_allclose(
            checks.optim._uncorrected_adam_reference(g, t, 0.1, 0.9, 0.999, 1e-8), expected, rtol=1e-12
        )
