"""Tests of regviz.tinymlp: the NumPy network of notebooks 09 and 10 against PyTorch, and its learning curves."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from regviz import plots, widgets
from regviz.tinymlp import _init_params


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


def test_learning_curves_keeps_the_records_and_draws_diverged_values_as_gaps(history_factory: Any) -> None:
    from regviz.tinymlp import learning_curves

    histories = {0.5: history_factory.diverged(), 0.0: history_factory.fake(0.2)}
    lc = learning_curves(histories, "loss")
    assert lc.keys == (0.0, 0.5) and lc.n_epochs_max == 8
    np.testing.assert_array_equal(lc.val[0.5], histories[0.5]["val_loss"])  # as recorded, NaN included
    assert np.isnan(lc.train_shown[0.5][2]) and np.isinf(lc.train[0.5][2])  # the infinite loss becomes a gap
    assert np.isnan(lc.final_val_shown[1]) and lc.final_val[0] == histories[0.0]["val_loss"][-1]
    finite = np.r_[lc.train_shown[0.0], lc.val_shown[0.0]]
    assert lc.ylim[0] < finite.min() and lc.ylim[1] > finite.max()
