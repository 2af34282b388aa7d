"""Tests of regviz.widgets.boundaries: the weight-decay, dropout and learning-curve explorers."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

from typing import Any

import numpy as np
import pytest

from regviz import plots, widgets


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


def test_learning_curve_explorer_swaps_curves_and_moves_marker(history_factory: Any) -> None:
    histories = {0.0: history_factory.fake(0.2), 0.3: history_factory.fake(0.1), 0.6: history_factory.fake(0.05, n=6)}
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


def test_learning_curve_explorer_reads_fit_histories_and_loss(history_factory: Any) -> None:
    from regviz.train import History

    def history(gap: float) -> History:
        h = history_factory.fake(gap, n=5)
        return History(h["train_loss"], h["train_acc"], h["val_loss"], h["val_acc"], 5, False)

    explorer = widgets.learning_curve_explorer({0.5: history(0.05), 0.0: history(0.2)}, metric="loss", value=0.5)
    ax_c, ax_f = explorer.figure.axes
    assert ax_c.get_ylabel() == "mean loss" and ax_f.get_xlabel() == "dropout rate p"
    np.testing.assert_allclose(ax_c.lines[1].get_ydata(), history(0.05).val_loss)
    assert "p = 0.5" in explorer.label.value and "mean loss 0.100" in explorer.label.value
    assert ax_c.get_title() == "p = 0.5: last-epoch gap (train − validation) -0.050"


def test_learning_curve_explorer_validates(history_factory: Any) -> None:
    with pytest.raises(ValueError, match="at least 2 hyperparameter values"):
        widgets.learning_curve_explorer({0.0: history_factory.fake(0.1)})
    bad = history_factory.fake(0.1)
    del bad["val_loss"]
    with pytest.raises(ValueError, match="must have an entry 'val_loss'"):
        widgets.learning_curve_explorer({0.0: history_factory.fake(0.1), 0.5: bad})
    with pytest.raises(ValueError, match="metric must be one of"):
        widgets.learning_curve_explorer({0.0: history_factory.fake(0.1), 0.5: history_factory.fake(0.1)}, metric="f1")
    with pytest.raises(ValueError, match="value must be one of the keys of histories"):
        widgets.learning_curve_explorer({0.0: history_factory.fake(0.1), 0.5: history_factory.fake(0.1)}, value=0.2)


def test_learning_curve_explorer_draws_a_diverged_run_with_gaps(history_factory: Any) -> None:
    histories = {0.0: history_factory.fake(0.2), 0.5: history_factory.diverged(), 0.8: history_factory.fake(0.05)}
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


def test_learning_curve_explorer_draws_blown_up_values_as_gaps(history_factory: Any) -> None:
    huge = {
        key: [v * 10.0 ** (3 * epoch) for epoch, v in enumerate(vals)]
        for key, vals in history_factory.fake(0.1).items()
    }
    huge["train_acc"] = huge["val_acc"] = [0.5] * 8  # accuracies stay in [0, 1] while the loss explodes
    histories = {0.0: history_factory.fake(0.2), 0.3: history_factory.fake(0.1), 1.0: huge}
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
def test_learning_curve_explorer_refuses_malformed_histories(bad: dict, message: str, history_factory: Any) -> None:
    history = {**history_factory.fake(0.1), **bad}
    with pytest.raises(ValueError, match=message):
        widgets.learning_curve_explorer({0.0: history_factory.fake(0.1), 0.5: history})


def test_learning_curve_explorer_refuses_when_every_run_diverged() -> None:
    nan = {key: [float("nan")] * 8 for key in ("train_loss", "train_acc", "val_loss", "val_acc")}
    with pytest.raises(ValueError, match="at least one finite train_loss or val_loss value"):
        widgets.learning_curve_explorer({0.0: nan, 0.5: dict(nan)}, metric="loss")
