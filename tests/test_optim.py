"""Tests of the loss / gradient-descent / optimizer compute (regviz.optim), plots, explorers and checks (notebooks 01–03)."""

from __future__ import annotations

import math

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pytest

from regviz import checks, optim, widgets
from regviz.plots._axes import OPTIMIZER_STYLES as CURVE_STYLES


def _gid(ax, gid):
    return next(a for a in [*ax.lines, *ax.collections] if a.get_gid() == gid)


# --------------------------------------------------------------------------- plot_contours / plot_path

W0 = np.linspace(-2, 2, 30)
W1 = np.linspace(-1, 1, 20)
LOSS = W0[None, :] ** 2 + 10 * W1[:, None] ** 2


# --------------------------------------------------------------------------- explorers

Z = np.linspace(-5, 5, 101)
LOSSES = {"bce": np.logaddexp(0, -Z), "mse": (1 / (1 + np.exp(-Z)) - 1) ** 2}
GRADS = {"bce": 1 / (1 + np.exp(-Z)) - 1, "mse": np.gradient(LOSSES["mse"], Z)}


def test_loss_explorer_moves_markers_and_changes_image():
    explorer = widgets.loss_explorer(Z, LOSSES, GRADS, value=-2.0)
    before = explorer.image.value
    explorer.set(prediction=3.0)
    assert explorer.image.value != before
    ax_loss, ax_grad = explorer.figure.axes
    assert _gid(ax_loss, "marker:bce").get_xdata()[0] == pytest.approx(3.0)
    assert _gid(ax_loss, "marker:bce").get_ydata()[0] == pytest.approx(np.logaddexp(0, -3.0), rel=1e-3)
    assert _gid(ax_grad, "current").get_xdata()[0] == pytest.approx(3.0)
    assert "prediction = 3.00" in explorer.label.value
    assert ax_grad.get_ylabel().startswith("gradient")


def test_loss_explorer_rejects_bad_arguments():
    with pytest.raises(ValueError, match="same labels"):
        widgets.loss_explorer(Z, LOSSES, {"bce": GRADS["bce"]})
    with pytest.raises(ValueError, match="value"):
        widgets.loss_explorer(Z, LOSSES, GRADS, value=10.0)


def _quadratic_run(lr, n_steps=20):
    hessian = np.array([1.0, 10.0])
    w = np.array([1.5, 0.8])
    path = [w.copy()]
    for _ in range(n_steps):
        w = w - lr * hessian * w
        path.append(w.copy())
    path = np.array(path)
    return path, 0.5 * (path**2 * hessian).sum(axis=1)


def test_lr_explorer_redraws_path_from_run_and_caches():
    calls = []

    def run(lr):
        calls.append(lr)
        return _quadratic_run(lr)

    explorer = widgets.lr_explorer(W0, W1, LOSS, run, lr_range=(1e-3, 1.0), lr=0.05, lr_limit=0.2)
    ax_path, ax_loss = explorer.figure.axes
    assert ax_loss.get_yscale() == "log" and ax_loss.get_xlabel() == "step"
    assert "converges" in ax_path.get_title()
    before = explorer.image.value
    explorer.set(lr=0.25)
    assert explorer.image.value != before
    assert "diverges" in ax_path.get_title()
    drawn = np.asarray(_gid(ax_path, "path:path").get_xydata(), dtype=float)
    expected = _quadratic_run(explorer.values["lr"])[0]
    inside = (np.abs(expected[:, 0]) <= 2) & (np.abs(expected[:, 1]) <= 1)
    np.testing.assert_allclose(drawn[inside], expected[inside])
    assert np.isnan(drawn[-1]).all(), "iterates far outside the view are not drawn"
    explorer.set(lr=0.05)
    assert len(calls) == 2, "each learning rate is computed once"
    assert ax_path.get_xlim() == (-2.0, 2.0), "a diverging path must not zoom the view out"


def test_lr_explorer_rejects_bad_arguments():
    with pytest.raises(ValueError, match="run"):
        widgets.lr_explorer(W0, W1, LOSS, "not callable")
    with pytest.raises(ValueError, match="lr_range"):
        widgets.lr_explorer(W0, W1, LOSS, _quadratic_run, lr_range=(0.0, 1.0))
    with pytest.raises(ValueError, match="lr"):
        widgets.lr_explorer(W0, W1, LOSS, _quadratic_run, lr=2.0)
    with pytest.raises(ValueError, match="lr_limit"):
        widgets.lr_explorer(W0, W1, LOSS, _quadratic_run, lr_limit=-1.0)
    with pytest.raises(ValueError, match="path"):
        widgets.lr_explorer(W0, W1, LOSS, lambda lr: (np.zeros((3, 3)), np.zeros(3)))
    with pytest.raises(ValueError, match="pair"):
        widgets.lr_explorer(W0, W1, LOSS, lambda lr: np.zeros((3, 2)))


def _optimizer_run(optimizer, lr, beta):
    path, losses = _quadratic_run(lr)
    shift = {"SGD": 0.0, "momentum": 0.1, "Adam": 0.2}[optimizer] * beta
    return path + shift, losses


def test_optimizer_explorer_changes_with_each_control():
    explorer = widgets.optimizer_explorer(
        W0, W1, LOSS, _optimizer_run, optimizers=("SGD", "momentum", "Adam"), lr=0.05, beta=0.5
    )
    ax_path, _ = explorer.figure.axes
    line = _gid(ax_path, "path:path")
    images = [explorer.image.value]
    explorer.set(optimizer="Adam")
    images.append(explorer.image.value)
    assert matplotlib.colors.same_color(line.get_color(), CURVE_STYLES[2][0])
    assert ax_path.get_title().startswith("Adam")
    explorer.set(beta=0.9)
    images.append(explorer.image.value)
    explorer.set(lr=0.1)
    images.append(explorer.image.value)
    assert len(set(images)) == 4
    assert "Adam" in explorer.label.value


def test_optimizer_explorer_rejects_bad_arguments():
    with pytest.raises(ValueError, match="optimizers"):
        widgets.optimizer_explorer(W0, W1, LOSS, _optimizer_run, optimizers=("SGD", "SGD"))
    with pytest.raises(ValueError, match="optimizer"):
        widgets.optimizer_explorer(W0, W1, LOSS, _optimizer_run, optimizers=("SGD",), optimizer="Adam")
    with pytest.raises(ValueError, match="beta_range"):
        widgets.optimizer_explorer(W0, W1, LOSS, _optimizer_run, beta_range=(0.0, 1.0))
    with pytest.raises(ValueError, match="beta"):
        widgets.optimizer_explorer(W0, W1, LOSS, _optimizer_run, beta=0.995)
    with pytest.raises(ValueError, match="beta_label"):
        widgets.optimizer_explorer(W0, W1, LOSS, _optimizer_run, optimizers=("SGD",), beta_label="")


@pytest.mark.parametrize("bad", [None, "Nesterov", 3])
def test_optimizer_explorer_refuses_an_unknown_optimizer_and_keeps_working(bad):
    calls = []

    def run(optimizer, lr, beta):
        calls.append(optimizer)
        return _optimizer_run(optimizer, lr, beta)

    explorer = widgets.optimizer_explorer(W0, W1, LOSS, run, optimizers=("SGD", "Adam"), lr=0.05, beta=0.5)
    # the explorer's own validation: update never passes a refused name on to `run`
    with pytest.raises(ValueError, match="optimizer must be one of"):
        explorer._update(optimizer=bad, lr=0.05, beta=0.5)
    try:  # the drop-down set to it: refused (ValueError) or ignored, but never a broken explorer
        explorer.set(optimizer=bad)
    except ValueError as exc:
        assert "optimizer" in str(exc)
    assert bad not in calls
    before = explorer.image.value
    explorer.set(optimizer="Adam")
    assert explorer.image.value != before and explorer.figure.axes[0].get_title().startswith("Adam")


def test_optimizer_explorer_beta_label_names_the_slider_and_title():
    explorer = widgets.optimizer_explorer(
        W0, W1, LOSS, _optimizer_run, optimizers=("SGD", "Adam"), lr=0.05, beta=0.5, beta_label="decay"
    )
    assert explorer.controls["beta"].description == "decay"
    assert "decay = 0.50" in explorer.figure.axes[0].get_title()


# --------------------------------------------------------------------------- plot_rate_map and momentum_explorer

RATE_LR = np.logspace(-3, -1, 21)
RATE_MOMENTUM = np.linspace(0.0, 0.9, 10)
RATE = np.clip(0.5 + 5 * RATE_LR[None, :] + 0.3 * RATE_MOMENTUM[:, None], 0, 1.2)  # >= 1 in a corner


def _momentum_run(lr, momentum, n_steps=30):
    hessian, w, buf, path = np.array([1.0, 10.0]), np.array([1.5, 0.8]), np.zeros(2), []
    path.append(w.copy())
    for _ in range(n_steps):
        buf = momentum * buf + hessian * w
        w = w - lr * buf
        path.append(w.copy())
    path = np.array(path)
    return path, 0.5 * (path**2 * hessian).sum(axis=1)


def test_momentum_explorer_moves_path_and_marker_and_caches():
    calls = []

    def run(lr, momentum):
        calls.append((lr, momentum))
        return _momentum_run(lr, momentum)

    explorer = widgets.momentum_explorer(
        W0, W1, LOSS, run, RATE_LR, RATE_MOMENTUM, RATE, lr=0.01, momentum=0.5, best=(0.002, 0.1)
    )
    ax_path, ax_rate = explorer.figure.axes[:2]
    assert ax_rate.get_xscale() == "log" and "momentum" in ax_path.get_title()
    images = [explorer.image.value]
    explorer.set(momentum=0.8)
    images.append(explorer.image.value)
    explorer.set(lr=0.05)
    images.append(explorer.image.value)
    assert len(set(images)) == 3
    marker = _gid(ax_rate, "current")
    assert marker.get_xdata()[0] == pytest.approx(explorer.values["lr"])
    assert marker.get_ydata()[0] == pytest.approx(0.8)
    drawn = np.asarray(_gid(ax_path, "path:path").get_xydata(), dtype=float)
    np.testing.assert_allclose(drawn[:3], _momentum_run(explorer.values["lr"], 0.8)[0][:3])
    assert "γ = 0.80" in ax_path.get_title() and "per step" in explorer.label.value
    explorer.set(lr=0.01, momentum=0.5)
    assert len(calls) == 3, "each setting is computed once"


def test_momentum_explorer_caption_says_when_the_map_does_not_converge():
    explorer = widgets.momentum_explorer(
        W0, W1, LOSS, _momentum_run, RATE_LR, RATE_MOMENTUM, RATE, lr=0.1, momentum=0.9
    )
    assert "does not converge" in explorer.label.value


def test_momentum_explorer_rejects_bad_arguments():
    base = (W0, W1, LOSS, _momentum_run, RATE_LR, RATE_MOMENTUM, RATE)
    with pytest.raises(ValueError, match="run"):
        widgets.momentum_explorer(W0, W1, LOSS, "no", RATE_LR, RATE_MOMENTUM, RATE)
    with pytest.raises(ValueError, match="lr"):
        widgets.momentum_explorer(*base, lr=1.0)
    with pytest.raises(ValueError, match="momentum"):
        widgets.momentum_explorer(*base, momentum=0.95)
    with pytest.raises(ValueError, match="lr_steps_per_decade"):
        widgets.momentum_explorer(*base, lr_steps_per_decade=0)
    with pytest.raises(ValueError, match="momentum_step"):
        widgets.momentum_explorer(*base, momentum_step=-0.1)
    explorer = widgets.momentum_explorer(*base)
    with pytest.raises(ValueError, match="momentum"):
        explorer._update(lr=0.01, momentum=None)


# --------------------------------------------------------------------------- regviz.optim: what the explorers show


def test_loss_curves_read_each_label_at_a_prediction():
    curves = optim.loss_curves(Z, LOSSES, GRADS)
    at_grid = curves.at(float(Z[30]))
    assert at_grid["bce"] == (pytest.approx(LOSSES["bce"][30]), pytest.approx(GRADS["bce"][30]))
    between = curves.at(float((Z[30] + Z[31]) / 2))["mse"][0]
    assert between == pytest.approx((LOSSES["mse"][30] + LOSSES["mse"][31]) / 2), "linear between grid points"
    assert list(curves.at(0.0)) == ["bce", "mse"]


@pytest.mark.parametrize(
    ("args", "match"),
    [
        ((Z[::-1], LOSSES, GRADS), "x must be strictly increasing"),
        ((Z, LOSSES, {"mse": GRADS["mse"], "bce": GRADS["bce"]}), "same labels in the same order"),
        ((Z, {"bce": LOSSES["bce"][:-1]}, {"bce": GRADS["bce"]}), r"losses\['bce'\] must have shape"),
        ((Z, {}, {}), "at least one curve"),
    ],
)
def test_loss_curves_compute_rejects_bad_arguments(args, match):
    with pytest.raises(ValueError, match=match):
        optim.loss_curves(*args)


def test_optimizer_run_hides_overflow_and_keeps_the_raw_final_loss():
    path = np.array([[1.0, 2.0], [3e7, -1.0], [np.inf, 0.0], [np.nan, 1.0]])
    losses = np.array([4.0, 0.0, 1e301, np.inf])
    run = optim.optimizer_run(path, losses)
    np.testing.assert_array_equal(run.path[:2], [[1.0, 2.0], [1e6, -1.0]])
    assert np.isnan(run.path[2:]).all()
    np.testing.assert_array_equal(np.isnan(run.losses), [False, False, True, True])
    np.testing.assert_array_equal(np.isnan(run.positive_losses), [False, True, True, True])  # 0 is off a log axis
    assert run.final_loss == math.inf and run.n_steps == 3
    assert run.loss_ylim == (pytest.approx(4e-8), pytest.approx(4e3))
    assert optim.optimizer_run(path, [-1.0, 1.0, 1.0, 1.0]).loss_ylim == (1e-8, 1e3), "no positive start: 1"


@pytest.mark.parametrize(
    ("path", "losses", "match"),
    [(np.zeros((3, 3)), np.ones(3), "path must have shape"), (np.zeros((3, 2)), np.ones((3, 1)), "losses must"),
     ("abc", np.ones(3), "array-like")],
)  # fmt: skip
def test_optimizer_run_rejects_bad_shapes(path, losses, match):
    with pytest.raises(ValueError, match=match):
        optim.optimizer_run(path, losses)


def test_path_in_view_cuts_after_the_first_far_iterate_and_clips_it():
    path = np.array([[0.0, 0.0], [0.5, 0.5], [3.5, 0.0], [0.2, 0.2], [np.nan, 0.0]])
    shown = optim.path_in_view(path, (1.0, -1.0), (-1.0, 1.0))  # limits in either order
    np.testing.assert_array_equal(shown[:2], path[:2])
    np.testing.assert_array_equal(shown[2], [3.5, 0.0])  # the first far iterate stays (clipped to 2 views)
    assert np.isnan(shown[3:]).all(), "back in view after leaving it: not drawn"
    far = optim.path_in_view(np.array([[0.0, 0.0], [100.0, 0.0]]), (-1.0, 1.0), (-1.0, 1.0))
    np.testing.assert_array_equal(far[1], [5.0, 0.0])
    with pytest.raises(ValueError, match="xlim"):
        optim.path_in_view(path, (1.0, 1.0), (-1.0, 1.0))


def test_rate_map_reads_the_nearest_cell_on_a_log_scale():
    rates = optim.rate_map(RATE_LR, RATE_MOMENTUM, RATE)
    assert rates.nearest(0.01, 0.5) == pytest.approx(RATE[5, 10])
    # 0.0055 is nearer to 0.01 than to 0.001 on a log scale (and nearer to 0.001 on a linear one)
    rough = optim.rate_map([0.001, 0.01], [0.0, 0.5], [[0.1, 0.2], [0.3, 0.4]])
    assert rough.nearest(0.0035, 0.3) == pytest.approx(0.4)
    with pytest.raises(ValueError, match="rate must have shape"):
        optim.rate_map(RATE_LR, RATE_MOMENTUM, RATE.T)
    with pytest.raises(ValueError, match="lr_values must be > 0"):
        optim.rate_map([0.0, 0.1], [0.0, 0.5], np.ones((2, 2)))


def test_compare_searches_reads_each_method_at_each_budget():
    searches = optim.compare_searches("branin", ("grid", "random"), 12, seed=3, n_init=4)
    assert searches.methods == ("grid", "random") and set(searches.traces) == {"random"}
    assert sorted(searches.grids) == list(range(4, 13))
    random_8 = searches.at("random", 8)
    np.testing.assert_array_equal(random_8.X, searches.traces["random"].X[:8])
    assert (
        random_8.best == float(random_8.y.min())
        and random_8.best_point.tolist() == random_8.X[random_8.y.argmin()].tolist()
    )
    assert random_8.regret == pytest.approx(random_8.best - searches.minimum)
    assert searches.at("grid", 9).n_distinct_u == 3, "a 3 × 3 grid tries 3 values of u"
    assert searches.regret_curves["random"].shape == (1, 12)
    assert np.all(np.diff(searches.regret_curves["random"][0]) <= 0), "best so far never gets worse"
    assert searches.surface.shape == (121, 121) and searches.surface.min() >= searches.minimum - 1e-9
    with pytest.raises(ValueError, match="methods"):
        optim.compare_searches("branin", ("grid",), 12)
    with pytest.raises(ValueError, match="max_budget"):
        optim.compare_searches("branin", ("random",), 4, n_init=4)


# --------------------------------------------------------------------------- checks


def _stub(*args):
    raise NotImplementedError


def _softmax(z):
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def _ce_grad_right(logits, y):
    g = _softmax(logits)
    g[np.arange(len(y)), y] -= 1
    return g / len(y)


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
