"""Tests of regviz.widgets.optim: the loss, learning-rate, optimizer and momentum explorers."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pytest

from regviz import widgets
from regviz.plots._axes import OPTIMIZER_STYLES as CURVE_STYLES


def _gid(ax, gid):
    return next(a for a in [*ax.lines, *ax.collections] if a.get_gid() == gid)


W0 = np.linspace(-2, 2, 30)


W1 = np.linspace(-1, 1, 20)


LOSS = W0[None, :] ** 2 + 10 * W1[:, None] ** 2


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
