"""Tests of the decision-boundary plots, the live-training sliders and the checks of notebooks 09 and 10."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from regviz import checks, data, plots, widgets
from regviz.checks import boundaries as refs
from regviz.tinymlp import _init_params


@pytest.fixture(scope="module")
def moons() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    X, y = data.make_noisy_2d_classes(120, kind="moons", noise=0.25, label_noise=0.1, seed=0)
    X_val, y_val = data.make_noisy_2d_classes(300, kind="moons", noise=0.25, label_noise=0.1, seed=1)
    return X, y, X_val, y_val


# --------------------------------------------------------------------------- the tiny network


def _torch_replica(X: np.ndarray, y: np.ndarray, *, weight_decay: float, n_steps: int, lr: float, seed: int) -> list:
    """The same network and steps in PyTorch (float64), from the same initial weights."""
    torch = pytest.importorskip("torch")
    from torch import nn

    from regviz.train import param_groups

    weights, biases = _init_params(2, (16, 8), np.random.default_rng(seed))
    layers = [nn.Linear(2, 16), nn.ReLU(), nn.Linear(16, 8), nn.ReLU(), nn.Linear(8, 1)]
    model = nn.Sequential(*layers).double()
    with torch.no_grad():
        for layer, W, b in zip(model[0::2], weights, biases, strict=True):
            layer.weight.copy_(torch.from_numpy(W.T))
            layer.bias.copy_(torch.from_numpy(b))
    opt = torch.optim.SGD(param_groups(model, weight_decay), lr=lr, momentum=0.9)
    X_t, y_t = torch.from_numpy(X), torch.from_numpy(y.astype(float))
    for _ in range(n_steps):
        loss = nn.functional.binary_cross_entropy_with_logits(model(X_t)[:, 0], y_t)
        opt.zero_grad()
        loss.backward()
        opt.step()
    return [p.detach().numpy() for p in model.parameters()]


def test_fit_tiny_mlp_equals_torch_sgd_with_weight_decay(moons: Any) -> None:
    X, y, _, _ = moons
    model = widgets.fit_tiny_mlp(X, y, weight_decay=0.01, hidden=(16, 8), n_steps=30, lr=0.3, seed=4)
    expected = _torch_replica(X, y, weight_decay=0.01, n_steps=30, lr=0.3, seed=4)
    ours = [a for W, b in zip(model.weights, model.biases, strict=True) for a in (W.T, b)]
    for got, want in zip(ours, expected, strict=True):
        np.testing.assert_allclose(got, want, rtol=1e-9, atol=1e-12)


def test_fit_tiny_mlp_is_seeded_and_weight_decay_shrinks(moons: Any) -> None:
    X, y, X_val, y_val = moons
    a = widgets.fit_tiny_mlp(X, y, n_steps=100, seed=1)
    b = widgets.fit_tiny_mlp(X, y, n_steps=100, seed=1)
    c = widgets.fit_tiny_mlp(X, y, n_steps=100, seed=2)
    assert np.array_equal(a.flat_weights(), b.flat_weights())
    assert not np.array_equal(a.flat_weights(), c.flat_weights())
    strong = widgets.fit_tiny_mlp(X, y, weight_decay=0.05, n_steps=100, seed=1)
    assert strong.weight_norm < 0.5 * a.weight_norm
    assert a.loss_curve[-1] < a.loss_curve[0] and len(a.loss_curve) == 100
    proba = a.predict_proba(X_val)
    assert proba.shape == (len(X_val),) and np.all((proba >= 0) & (proba <= 1))
    assert a.score(X_val, y_val) > 0.7
    assert np.array_equal(a.predict(X), (a.decision_function(X) > 0).astype(int))


def test_fit_tiny_mlp_dropout_is_seeded_and_changes_training(moons: Any) -> None:
    X, y, _, _ = moons
    plain = widgets.fit_tiny_mlp(X, y, n_steps=50)
    dropped = widgets.fit_tiny_mlp(X, y, dropout=0.5, n_steps=50)
    again = widgets.fit_tiny_mlp(X, y, dropout=0.5, n_steps=50)
    assert np.array_equal(dropped.flat_weights(), again.flat_weights())
    assert not np.allclose(plain.flat_weights(), dropped.flat_weights())
    assert dropped.dropout == 0.5


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"weight_decay": -0.1}, r"weight_decay must be in \[0, inf\)"),
        ({"dropout": 1.0}, r"dropout must be in \[0, 1\)"),
        ({"dropout": -0.2}, r"dropout must be in \[0, 1\)"),
        ({"hidden": ()}, "hidden must be a non-empty sequence"),
        ({"hidden": 64}, "hidden must be a non-empty sequence"),
        ({"n_steps": 0}, r"n_steps must be an integer in \[1, 100000\]"),
        ({"lr": 0.0}, r"lr must be in \(0, inf\)"),
        ({"momentum": 1.0}, r"momentum must be in \[0, 1\)"),
        ({"weight_decay": 2.0, "lr": 0.5}, r"weight_decay must be < 1 / lr = 2 \(each step multiplies"),
    ],
)
def test_fit_tiny_mlp_rejects_bad_arguments(moons: Any, kwargs: dict, message: str) -> None:
    X, y, _, _ = moons
    with pytest.raises(ValueError, match=message):
        widgets.fit_tiny_mlp(X, y, **kwargs)


@settings(max_examples=25, deadline=None)
@given(rate=st.one_of(st.floats(max_value=-1e-9), st.floats(min_value=1.0), st.just(float("nan"))))
def test_bad_dropout_rates_are_rejected(rate: float) -> None:
    X = np.array([[0.0, 0.0], [1.0, 1.0]])
    with pytest.raises(ValueError, match="dropout must be"):
        widgets.fit_tiny_mlp(X, [0, 1], dropout=rate, n_steps=1)


@settings(max_examples=25, deadline=None)
@given(decay=st.one_of(st.floats(max_value=-1e-12), st.just(float("inf")), st.just(float("nan"))))
def test_negative_or_infinite_decay_is_rejected(decay: float) -> None:
    X = np.array([[0.0, 0.0], [1.0, 1.0]])
    with pytest.raises(ValueError, match="weight_decay must be"):
        widgets.fit_tiny_mlp(X, [0, 1], weight_decay=decay, n_steps=1)


def test_fit_tiny_mlp_rejects_bad_labels() -> None:
    with pytest.raises(ValueError, match="y must hold labels 0 and 1 only"):
        widgets.fit_tiny_mlp(np.zeros((3, 2)), [0, 1, 2])
    with pytest.raises(ValueError, match="same number of samples"):
        widgets.fit_tiny_mlp(np.zeros((3, 2)), [0, 1])


# --------------------------------------------------------------------------- explorers


def test_weight_decay_explorer_moves_and_is_independent_of_history(moons: Any) -> None:
    X, y, X_val, y_val = moons
    explorer = widgets.weight_decay_explorer(
        X, y, X_val=X_val, y_val=y_val, weight_decays=(0.0, 1e-3, 0.03), n_steps=60, hidden=(16, 16)
    )
    first = explorer.image.value
    assert "validation accuracy" in explorer.label.value and "λ = 0" in explorer.label.value
    explorer.set(weight_decay=0.03)
    assert explorer.image.value != first
    assert "λ = 0.03" in explorer.label.value
    ax_b, ax_w = explorer.figure.axes
    assert ax_b.get_title() == r"decision boundary, $\lambda$ = 0.03"
    assert ax_w.get_xlabel().startswith(r"$\log_{10}|w|$") and ax_w.get_ylabel() == "number of weights"
    heights = [p.get_height() for p in ax_w.patches if p.get_gid() == "bars"]
    assert sum(heights) == 2 * 16 + 16 * 16 + 16  # every weight counted once
    explorer.set(weight_decay=1e-3)
    explorer.set(weight_decay=0.0)
    assert explorer.image.value == first  # the same λ gives the same picture, whatever came before
    assert explorer.n_renders == 4


def test_weight_decay_explorer_validates(moons: Any) -> None:
    X, y, _, _ = moons
    with pytest.raises(ValueError, match=r"weight_decays\[0\] must be in \[0, inf\)"):
        widgets.weight_decay_explorer(X, y, weight_decays=(-1.0, 0.1))
    with pytest.raises(ValueError, match="weight_decays must be strictly increasing"):
        widgets.weight_decay_explorer(X, y, weight_decays=(0.1, 0.01))
    with pytest.raises(ValueError, match="weight_decay must be one of weight_decays"):
        widgets.weight_decay_explorer(X, y, weight_decays=(0.0, 0.1), weight_decay=0.05)
    with pytest.raises(ValueError, match="X_val and y_val must be given together"):
        widgets.weight_decay_explorer(X, y, X_val=X)
    with pytest.raises(ValueError, match="X must have 2 columns"):
        widgets.weight_decay_explorer(np.c_[X, X], y)
    with pytest.raises(ValueError, match=r"weight_decays\[-1\] must be < 1 / lr = 2"):
        widgets.weight_decay_explorer(X, y, weight_decays=(0.0, 2.0), lr=0.5)


def test_decay_that_flips_the_weights_is_rejected_by_fit() -> None:
    """1 - lr * weight_decay <= 0 flips the weights' signs at each SGD / AdamW step: refused before training."""
    torch = pytest.importorskip("torch")
    from regviz.train import fit

    X = np.array([[0.0, 0.0], [1.0, 1.0], [0.0, 1.0], [1.0, 0.0]])
    y = np.array([0, 1, 0, 1])
    for optimizer in ("sgd", "adamw"):
        with pytest.raises(ValueError, match=rf"weight_decay must be < 1 / lr = 10 with optimizer='{optimizer}'"):
            fit(torch.nn.Linear(2, 2), X, y, optimizer=optimizer, lr=0.1, weight_decay=10.0, device="cpu")
    # Adam's L2 penalty is rescaled by the step size estimate: no such limit, and a smaller decay trains
    history = fit(torch.nn.Linear(2, 2), X, y, optimizer="adam", lr=0.1, weight_decay=10.0, n_epochs=1, device="cpu")
    assert history.n_epochs == 1
    history = fit(torch.nn.Linear(2, 2), X, y, lr=0.1, weight_decay=9.99, n_epochs=1, device="cpu")
    assert history.n_epochs == 1


def test_dropout_explorer_moves(moons: Any) -> None:
    X, y, X_val, y_val = moons
    explorer = widgets.dropout_explorer(
        X, y, X_val=X_val, y_val=y_val, rates=(0.0, 0.5), n_steps=40, hidden=(16, 16), precompute=True
    )
    first = explorer.image.value
    explorer.set(rate=0.5)
    assert explorer.image.value != first
    assert explorer.figure.axes[0].get_title() == "decision boundary, dropout rate p = 0.5"
    assert "p = 0.5" in explorer.label.value
    with pytest.raises(ValueError, match=r"rates\[1\] must be in \[0, 1\)"):
        widgets.dropout_explorer(X, y, rates=(0.0, 1.0))
    with pytest.raises(ValueError, match="rate must be one of rates"):
        widgets.dropout_explorer(X, y, rates=(0.0, 0.5), rate=0.2)


def test_dropout_explorer_draws_the_fit_tiny_mlp_of_each_rate(moons: Any) -> None:
    X, y, _, _ = moons
    explorer = widgets.dropout_explorer(X, y, rates=(0.0, 0.3, 0.6), n_steps=30, hidden=(8, 8), resolution=20)
    explorer.set(rate=0.6)
    grid = plots.boundary_grid(X, resolution=20)
    expected = widgets.fit_tiny_mlp(X, y, dropout=0.6, n_steps=30, hidden=(8, 8)).predict_proba(grid.points)
    image = next(a for a in explorer.figure.axes[0].images if a.get_gid() == "proba")
    np.testing.assert_allclose(np.asarray(image.get_array()), expected.reshape(grid.shape), rtol=1e-12)
    assert "train accuracy" in explorer.label.value and "validation" not in explorer.label.value


def _fake_history(gap: float, n: int = 8) -> dict[str, list[float]]:
    epochs = np.arange(1, n + 1)
    train = 1 - 0.5 / epochs
    return {
        "train_acc": list(train),
        "val_acc": list(train - gap * (1 - 1 / epochs)),
        "train_loss": list(0.5 / epochs),
        "val_loss": list(0.5 / epochs + gap),
    }


def test_learning_curve_explorer_swaps_curves_and_moves_marker() -> None:
    histories = {0.0: _fake_history(0.2), 0.3: _fake_history(0.1), 0.6: _fake_history(0.05, n=6)}
    explorer = widgets.learning_curve_explorer(histories)
    ax_c, ax_f = explorer.figure.axes
    train_line, val_line = ax_c.lines[:2]
    assert np.allclose(val_line.get_ydata(), histories[0.0]["val_acc"])
    first = explorer.image.value
    explorer.set(value=0.6)
    assert explorer.image.value != first
    assert np.allclose(val_line.get_ydata(), histories[0.6]["val_acc"]) and len(train_line.get_xdata()) == 6
    marker = next(a for a in ax_f.lines if a.get_gid() == "marker")
    assert marker.get_xdata()[0] == 0.6
    assert "gap" in ax_c.get_title() and ax_c.get_xlabel() == "epoch"
    assert ax_f.get_xlabel() == "dropout rate p" and "validation accuracy 0.6" not in explorer.label.value
    final_val = next(a for a in ax_f.lines if a.get_gid() == "validation")
    assert np.allclose(final_val.get_ydata(), [histories[k]["val_acc"][-1] for k in (0.0, 0.3, 0.6)])


def test_learning_curve_explorer_reads_fit_histories_and_loss() -> None:
    from regviz.train import History

    def history(gap: float) -> History:
        h = _fake_history(gap, n=5)
        return History(h["train_loss"], h["train_acc"], h["val_loss"], h["val_acc"], 5, False)

    explorer = widgets.learning_curve_explorer({0.5: history(0.05), 0.0: history(0.2)}, metric="loss", value=0.5)
    ax_c, ax_f = explorer.figure.axes
    assert ax_c.get_ylabel() == "mean loss" and ax_f.get_xlabel() == "dropout rate p"
    np.testing.assert_allclose(ax_c.lines[1].get_ydata(), history(0.05).val_loss)
    assert "p = 0.5" in explorer.label.value and "mean loss 0.100" in explorer.label.value
    assert ax_c.get_title() == "p = 0.5: last-epoch gap (train − validation) -0.050"


def test_learning_curve_explorer_validates() -> None:
    with pytest.raises(ValueError, match="at least 2 hyperparameter values"):
        widgets.learning_curve_explorer({0.0: _fake_history(0.1)})
    bad = _fake_history(0.1)
    del bad["val_loss"]
    with pytest.raises(ValueError, match="must have an entry 'val_loss'"):
        widgets.learning_curve_explorer({0.0: _fake_history(0.1), 0.5: bad})
    with pytest.raises(ValueError, match="metric must be one of"):
        widgets.learning_curve_explorer({0.0: _fake_history(0.1), 0.5: _fake_history(0.1)}, metric="f1")
    with pytest.raises(ValueError, match="value must be one of the keys of histories"):
        widgets.learning_curve_explorer({0.0: _fake_history(0.1), 0.5: _fake_history(0.1)}, value=0.2)


def _diverged_history(n: int = 8, from_epoch: int = 4) -> dict[str, list[float]]:
    """What fit returns for a run whose loss blew up at ``from_epoch``: NaN losses, NaN accuracies after it."""
    h = _fake_history(0.1, n)
    for key in h:
        h[key] = [v if epoch < from_epoch else float("nan") for epoch, v in enumerate(h[key], start=1)]
    h["train_loss"][from_epoch - 2] = float("inf")  # the loss overflowed one epoch before it became NaN
    return h


def test_learning_curve_explorer_draws_a_diverged_run_with_gaps() -> None:
    histories = {0.0: _fake_history(0.2), 0.5: _diverged_history(), 0.8: _fake_history(0.05)}
    explorer = widgets.learning_curve_explorer(histories, metric="loss")
    ax_c, ax_f = explorer.figure.axes
    ylim = ax_c.get_ylim()
    assert np.all(np.isfinite(ylim)) and ylim[1] > 0.5  # axes from the finite values of every run
    first = explorer.image.value
    explorer.set(value=0.5)
    assert explorer.image.value != first
    train_line, val_line = ax_c.lines[:2]
    train_y, val_y = np.asarray(train_line.get_ydata()), np.asarray(val_line.get_ydata())
    assert np.all(np.isnan(val_y[3:])) and np.allclose(val_y[:3], histories[0.5]["val_loss"][:3])  # gaps, not zeros
    assert np.isnan(train_y[2]) and np.isfinite(train_y[:2]).all()  # an infinite loss is a gap too
    final_val = np.asarray(next(a for a in ax_f.lines if a.get_gid() == "validation").get_ydata())
    assert np.isnan(final_val[1]) and np.isfinite(final_val[[0, 2]]).all()
    notes = [t for t in ax_f.texts if t.get_gid() == "diverged"]
    assert len(notes) == 1 and notes[0].get_text() == "diverged" and notes[0].xy[0] == 0.5
    assert ax_c.get_title() == "p = 0.5: last-epoch gap (train − validation) n/a (diverged)"
    assert "validation mean loss n/a (diverged)" in explorer.label.value
    explorer.set(value=0.8)
    assert f"validation mean loss {histories[0.8]['val_loss'][-1]:.3f}" in explorer.label.value  # the others as before


def test_learning_curve_explorer_accepts_a_diverged_fit_history() -> None:
    torch = pytest.importorskip("torch")
    from regviz.train import fit

    rng = np.random.default_rng(0)
    X, y = rng.normal(size=(32, 2)), rng.integers(0, 2, 32)
    runs = {}
    for lr in (0.1, 1e10):  # the second learning rate blows the weights up: NaN losses from the first epochs on
        torch.manual_seed(0)
        model = torch.nn.Sequential(torch.nn.Linear(2, 8), torch.nn.ReLU(), torch.nn.Linear(8, 2))
        runs[lr] = fit(model, X, y, X_val=X, y_val=y, lr=lr, n_epochs=4, batch_size=8, device="cpu")
    assert np.isnan(runs[1e10].val_loss).all() and np.isfinite(runs[0.1].val_loss).all()
    explorer = widgets.learning_curve_explorer(runs, metric="loss", param_label="learning rate", symbol="lr")
    assert "validation mean loss 0." in explorer.label.value
    ax_c, ax_f = explorer.figure.axes
    assert ax_c.get_ylim()[1] < 1.0  # the blown-up first epoch (a loss near 1e35) does not squash the healthy run
    explorer.set(value=1e10)
    assert "validation mean loss n/a (diverged)" in explorer.label.value
    assert [t.xy[0] for t in ax_f.texts if t.get_gid() == "diverged"] == [1e10]


def test_learning_curve_explorer_draws_blown_up_values_as_gaps() -> None:
    huge = {key: [v * 10.0 ** (3 * epoch) for epoch, v in enumerate(vals)] for key, vals in _fake_history(0.1).items()}
    huge["train_acc"] = huge["val_acc"] = [0.5] * 8  # accuracies stay in [0, 1] while the loss explodes
    histories = {0.0: _fake_history(0.2), 0.3: _fake_history(0.1), 1.0: huge}
    explorer = widgets.learning_curve_explorer(histories, metric="loss", value=1.0)
    ax_c, ax_f = explorer.figure.axes
    assert ax_c.get_ylim()[1] < 10.0  # the axes are those of the healthy runs
    val_y = np.asarray(ax_c.lines[1].get_ydata())
    assert np.isfinite(val_y[:1]).all() and np.isnan(val_y[2:]).all()  # 1e6 times the median and more: gaps
    assert [t.xy[0] for t in ax_f.texts if t.get_gid() == "diverged"] == [1.0]
    assert "e+" in explorer.label.value  # the caption still reports the value itself
    explorer.set(value=0.3)
    assert not any(np.isnan(ax_c.lines[1].get_ydata()))


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ({"val_acc": [0.5, 87.0, 88.0, 90.0, 91.0, 92.0, 93.0, 94.0]}, r"must hold accuracies in \[0, 1\]"),
        ({"train_loss": ["a"] * 8}, "must be a sequence of numbers"),
        ({"val_loss": [[0.1, 0.2]] * 8}, "must be a non-empty sequence of numbers, one per epoch"),
        ({"val_loss": []}, "must be a non-empty sequence"),
        ({"val_acc": [0.5] * 7}, "same number of epochs in every entry"),
    ],
)
def test_learning_curve_explorer_refuses_malformed_histories(bad: dict, message: str) -> None:
    history = {**_fake_history(0.1), **bad}
    with pytest.raises(ValueError, match=message):
        widgets.learning_curve_explorer({0.0: _fake_history(0.1), 0.5: history})


def test_learning_curve_explorer_refuses_when_every_run_diverged() -> None:
    nan = {key: [float("nan")] * 8 for key in ("train_loss", "train_acc", "val_loss", "val_acc")}
    with pytest.raises(ValueError, match="at least one finite train_loss or val_loss value"):
        widgets.learning_curve_explorer({0.0: nan, 0.5: dict(nan)}, metric="loss")


# --------------------------------------------------------------------------- checks


def _stub(*_args: Any) -> Any:
    raise NotImplementedError


def test_check_weight_decay_step(capsys: pytest.CaptureFixture[str]) -> None:
    assert checks.check_weight_decay_step(refs._weight_decay_step).passed
    assert "passed" in capsys.readouterr().out
    wrong = [
        lambda w, g, lr, wd: w - lr * g - wd * w,  # decay not scaled by the learning rate
        lambda w, g, lr, wd: w - lr * (g + 0.5 * wd * w),  # gradient of the penalty halved
        lambda w, g, lr, wd: w - lr * (g + wd * np.sign(w)),  # an L1 gradient
        lambda w, g, lr, wd: (1 - lr * wd) * (w - lr * g),  # decay applied after the step
    ]
    for fn in wrong:
        assert checks.check_weight_decay_step(fn, quiet=True).status == "failed"
    result = checks.check_weight_decay_step(_stub)
    assert result.status == "not implemented" and "not implemented yet" in capsys.readouterr().out


def test_check_proximal_l1_step() -> None:
    assert checks.check_proximal_l1_step(refs._proximal_l1_step, quiet=True).passed

    def soft(z: np.ndarray, t: float) -> np.ndarray:
        return np.sign(z) * np.maximum(np.abs(z) - t, 0)

    wrong = [
        lambda w, g, lr, l1: soft(w - lr * g, l1),  # threshold not scaled by lr
        lambda w, g, lr, l1: w - lr * (g + l1 * np.sign(w)),  # subgradient step
        lambda w, g, lr, l1: soft(w, lr * l1) - lr * g,  # threshold before the gradient step
        lambda w, g, lr, l1: np.where(np.abs(w - lr * g) > lr * l1, w - lr * g, 0.0),  # hard threshold
    ]
    for fn in wrong:
        assert checks.check_proximal_l1_step(fn, quiet=True).status == "failed"
    assert checks.check_proximal_l1_step(_stub, quiet=True).status == "not implemented"


def test_check_early_stopping_matches_regviz_train_fit() -> None:
    assert checks.check_early_stopping(lambda v, p: refs.early_stopping_epochs(v, p), quiet=True).passed

    def zero_based(v: list[float], p: int) -> tuple[int, int]:
        best, stop = refs.early_stopping_epochs(v, p)
        return best - 1, stop - 1

    def global_min(v: list[float], p: int) -> tuple[int, int]:
        return int(np.argmin(v)) + 1, refs.early_stopping_epochs(v, p)[1]

    def ties_improve(v: list[float], p: int) -> tuple[int, int]:
        best, best_epoch = np.inf, 1
        for epoch, loss in enumerate(v, start=1):
            if loss <= best:
                best, best_epoch = loss, epoch
            if epoch - best_epoch >= p:
                return best_epoch, epoch
        return best_epoch, len(v)

    def off_by_one(v: list[float], p: int) -> tuple[int, int]:
        return refs.early_stopping_epochs(v, p + 1)

    for fn in (zero_based, global_min, ties_improve, off_by_one):
        assert checks.check_early_stopping(fn, quiet=True).status == "failed"
    assert checks.check_early_stopping(_stub, quiet=True).status == "not implemented"


def test_early_stopping_reference_agrees_with_fit() -> None:
    torch = pytest.importorskip("torch")
    from regviz.train import fit

    rng = np.random.default_rng(0)
    X = rng.normal(size=(60, 20))
    y = (X[:, 0] + rng.normal(0, 2, 60) > 0).astype(int)
    torch.manual_seed(0)
    model = torch.nn.Sequential(torch.nn.Linear(20, 64), torch.nn.ReLU(), torch.nn.Linear(64, 2))
    history = fit(model, X[:40], y[:40], X_val=X[40:], y_val=y[40:], optimizer="adam", lr=0.05, n_epochs=40,
                  batch_size=8, patience=3, device="cpu")  # fmt: skip
    best, stop = refs.early_stopping_epochs(history.val_loss, 3)
    assert best == history.best_epoch and stop == history.n_epochs


def test_check_predictive_entropy() -> None:
    assert checks.check_predictive_entropy(refs._predictive_entropy, quiet=True).passed

    def mean_of_entropies(p: np.ndarray) -> np.ndarray:
        logs = np.log(np.where(p > 0, p, 1.0))
        return -(p * logs).sum(axis=2).mean(axis=0)

    def log2(p: np.ndarray) -> np.ndarray:
        return refs._predictive_entropy(p) / np.log(2)

    def naive_zero(p: np.ndarray) -> np.ndarray:
        m = p.mean(axis=0)
        with np.errstate(divide="ignore", invalid="ignore"):
            return -(m * np.log(m)).sum(axis=1)

    def wrong_axis(p: np.ndarray) -> np.ndarray:
        m = p.mean(axis=1)
        return -(m * np.log(np.where(m > 0, m, 1.0))).sum(axis=1)

    for fn in (mean_of_entropies, log2, naive_zero, wrong_axis):
        assert checks.check_predictive_entropy(fn, quiet=True).status == "failed"
    assert checks.check_predictive_entropy(_stub, quiet=True).status == "not implemented"
    assert refs._predictive_entropy(np.array([[[0.5, 0.5]]]))[0] == pytest.approx(np.log(2))


def test_check_inverted_dropout() -> None:
    def reference(x: np.ndarray, p: float, rng: np.random.Generator) -> np.ndarray:
        keep = rng.random(x.shape) >= p
        return np.where(keep, x / (1 - p), 0.0)

    assert checks.check_inverted_dropout(reference, quiet=True).passed

    def drops_keep_prob(x: np.ndarray, p: float, rng: np.random.Generator) -> np.ndarray:
        return np.where(rng.random(x.shape) < p, x / (1 - p), 0.0)

    def not_scaled(x: np.ndarray, p: float, rng: np.random.Generator) -> np.ndarray:
        return np.where(rng.random(x.shape) >= p, x, 0.0)

    def scaled_down(x: np.ndarray, p: float, rng: np.random.Generator) -> np.ndarray:
        return np.where(rng.random(x.shape) >= p, x * (1 - p), 0.0)

    def returns_mask(x: np.ndarray, p: float, rng: np.random.Generator) -> np.ndarray:
        return (rng.random(x.shape) >= p).astype(float)

    def global_rng(x: np.ndarray, p: float, rng: np.random.Generator) -> np.ndarray:
        return np.where(np.random.default_rng().random(x.shape) >= p, x / (1 - p), 0.0)

    for fn in (drops_keep_prob, not_scaled, scaled_down, returns_mask, global_rng):
        assert checks.check_inverted_dropout(fn, quiet=True).status == "failed", fn.__name__
    assert checks.check_inverted_dropout(_stub, quiet=True).status == "not implemented"
    with pytest.raises(ValueError, match="student_fn must be callable"):
        checks.check_inverted_dropout("dropout")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: refs._weight_decay_step([1.0], [1.0], 0.1, -1.0), r"weight_decay must be in \[0, inf\)"),
        (lambda: refs._proximal_l1_step([1.0], [1.0], 0.0, 0.1), r"lr must be in \(0, inf\)"),
        (lambda: refs._proximal_l1_step([1.0], [1.0, 2.0], 0.1, 0.1), "grad must have the shape of w"),
        (lambda: refs.early_stopping_epochs([1.0, 0.5], 0), r"patience must be an integer in \[1, inf\)"),
        (lambda: refs._predictive_entropy(np.ones((2, 3, 2))), "probs must hold probabilities"),
        (lambda: checks.check_weight_decay_step(refs._weight_decay_step, quiet=1), "quiet must be True or False"),
    ],
)
def test_references_validate(call: Any, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        call()


# --------------------------------------------------------------------------- compute behind the explorers


def test_live_fits_trains_each_value_once_as_fit_tiny_mlp_does(moons: Any) -> None:
    from regviz.tinymlp import live_fits

    X, y, X_val, y_val = moons
    grid = plots.boundary_grid(X, resolution=12)
    fits = live_fits(X, y, grid.points, grid.shape, rates=(0.0, 0.5), X_val=X_val, y_val=y_val, n_steps=20, hidden=(8,))
    assert fits.param == "dropout" and fits.values == (0.0, 0.5)
    fit = fits.at(0.5)
    expected = widgets.fit_tiny_mlp(X, y, dropout=0.5, n_steps=20, hidden=(8,))
    np.testing.assert_array_equal(fit.proba, expected.predict_proba(grid.points).reshape(grid.shape))
    assert fit.train_acc == expected.score(X, y) and fit.val_acc == expected.score(X_val, y_val)
    assert fits.at(0.5) is fit  # cached: asked again, not retrained
    with pytest.raises(ValueError, match=r"value must be one of \[0.0, 0.5\]"):
        fits.at(0.25)
    with pytest.raises(ValueError, match="exactly one of weight_decays and rates"):
        live_fits(X, y, grid.points, grid.shape)
    with pytest.raises(ValueError, match="shape must hold len"):
        live_fits(X, y, grid.points, (5, 5), rates=(0.0, 0.5))


def test_learning_curves_keeps_the_records_and_draws_diverged_values_as_gaps() -> None:
    from regviz.tinymlp import learning_curves

    histories = {0.5: _diverged_history(), 0.0: _fake_history(0.2)}
    lc = learning_curves(histories, "loss")
    assert lc.keys == (0.0, 0.5) and lc.n_epochs_max == 8
    np.testing.assert_array_equal(lc.val[0.5], histories[0.5]["val_loss"])  # as recorded, NaN included
    assert np.isnan(lc.train_shown[0.5][2]) and np.isinf(lc.train[0.5][2])  # the infinite loss becomes a gap
    assert np.isnan(lc.final_val_shown[1]) and lc.final_val[0] == histories[0.0]["val_loss"][-1]
    finite = np.r_[lc.train_shown[0.0], lc.val_shown[0.0]]
    assert lc.ylim[0] < finite.min() and lc.ylim[1] > finite.max()
