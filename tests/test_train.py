"""Tests of regviz.train: to_tensors, param_groups, the training loop fit, evaluate and predict."""

from __future__ import annotations

import copy
import math
import subprocess
import sys

import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st
from torch import nn

from regviz.train import History, evaluate, fit, param_groups, to_tensors

CPU = "cpu"


def blobs(n: int = 96, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Two Gaussian blobs in 4-D, labels 0/1, as NumPy arrays."""
    rng = np.random.default_rng(seed)
    y = np.arange(n) % 2
    X = (rng.normal(size=(n, 4)) + 1.5 * y[:, None]).astype(np.float32)
    return X, y


def small_model(seed: int = 0, n_out: int = 2) -> nn.Module:
    torch.manual_seed(seed)
    return nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, n_out))


def state_equal(a: dict[str, torch.Tensor], b: dict[str, torch.Tensor]) -> bool:
    return a.keys() == b.keys() and all(torch.equal(a[k], b[k]) for k in a)


# --------------------------------------------------------------------------- import


def test_import_regviz_does_not_import_torch() -> None:
    code = "import regviz, sys; regviz.data, regviz.plots, regviz.checks; assert 'torch' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)


# --------------------------------------------------------------------------- to_tensors


def test_to_tensors_dtypes_shapes_and_flatten() -> None:
    X = np.zeros((5, 3, 3), dtype=np.uint8)
    y = np.array([0, 1, 2, 1, 0], dtype=np.int32)
    X_t, y_t = to_tensors(X, y, device=CPU)
    assert X_t.dtype == torch.float32 and X_t.shape == (5, 9)
    assert y_t.dtype == torch.int64 and y_t.tolist() == [0, 1, 2, 1, 0]
    X_img, _ = to_tensors(X, y, device=CPU, flatten=False)
    assert X_img.shape == (5, 3, 3)
    X_f, y_f = to_tensors(torch.ones(2, 2, dtype=torch.float64), np.array([1.0, 0.0]), device=CPU)
    assert X_f.dtype == torch.float32 and y_f.tolist() == [1, 0]


@pytest.mark.parametrize(
    ("X", "y", "match"),
    [
        (np.zeros((4, 2)), np.zeros(3), "same number of samples"),
        (np.zeros(4), np.zeros(4), "X must have shape"),
        (np.zeros((4, 2)), np.zeros((4, 1)), "y must have shape"),
        (np.full((2, 2), np.nan), np.zeros(2), "finite"),
        (np.zeros((2, 2)), np.array([0, -1]), "labels >= 0"),
        (np.zeros((2, 2)), np.array([0.5, 1.0]), "whole numbers"),
        (np.array([["a", "b"]]), np.zeros(1), "X must hold numbers"),
        (np.zeros((0, 2)), np.zeros(0), "at least one sample"),
    ],
)
def test_to_tensors_rejects_bad_data(X: np.ndarray, y: np.ndarray, match: str) -> None:
    with pytest.raises(ValueError, match=match):
        to_tensors(X, y, device=CPU)


# --------------------------------------------------------------------------- param_groups


def test_param_groups_no_decay_on_biases_and_norm_parameters() -> None:
    model = nn.Sequential(nn.Linear(4, 8), nn.BatchNorm1d(8), nn.ReLU(), nn.Linear(8, 2))
    groups = param_groups(model, 0.01)
    decay, no_decay = groups
    assert decay["weight_decay"] == 0.01 and no_decay["weight_decay"] == 0.0
    assert {id(p) for p in decay["params"]} == {id(model[0].weight), id(model[3].weight)}
    expected = {id(model[0].bias), id(model[1].weight), id(model[1].bias), id(model[3].bias)}
    assert {id(p) for p in no_decay["params"]} == expected


def test_param_groups_leaves_out_frozen_and_empty_groups() -> None:
    model = nn.Linear(3, 2, bias=False)
    assert len(param_groups(model, 0.1)) == 1
    model.weight.requires_grad_(False)
    with pytest.raises(ValueError, match="trainable parameter"):
        param_groups(model, 0.1)
    with pytest.raises(ValueError, match=r"model must be a torch\.nn\.Module"):
        param_groups("not a model", 0.1)


@given(st.one_of(st.floats(max_value=-1e-12), st.just(math.nan), st.just(math.inf)))
@settings(max_examples=20, deadline=None)
def test_param_groups_rejects_bad_weight_decay(weight_decay: float) -> None:
    with pytest.raises(ValueError, match="weight_decay"):
        param_groups(nn.Linear(2, 2), weight_decay)


def zero_loss(outputs: torch.Tensor, target: torch.Tensor) -> torch.Tensor:
    """A loss with zero gradient, so only the penalties move the weights."""
    return (outputs * 0.0).sum()


def test_fit_weight_decay_shrinks_weights_not_biases() -> None:
    X, y = blobs(32)
    model = small_model()
    before = copy.deepcopy(model.state_dict())
    lr, wd, n_epochs = 0.1, 0.5, 3  # one step per epoch (batch_size = n)
    fit(model, X, y, loss_fn=zero_loss, lr=lr, weight_decay=wd, n_epochs=n_epochs, batch_size=32, device=CPU)
    after = model.state_dict()
    factor = (1 - lr * wd) ** n_epochs
    for name in ("0.weight", "2.weight"):
        torch.testing.assert_close(after[name], before[name] * factor)
    for name in ("0.bias", "2.bias"):
        assert torch.equal(after[name], before[name])


def test_fit_l1_moves_weights_by_sign_and_leaves_biases() -> None:
    X, y = blobs(32)
    model = small_model()
    before = copy.deepcopy(model.state_dict())
    lr, l1 = 0.01, 0.1  # one step: w <- w - lr * l1 * sign(w)
    fit(model, X, y, loss_fn=zero_loss, lr=lr, l1=l1, n_epochs=1, batch_size=32, device=CPU)
    after = model.state_dict()
    for name in ("0.weight", "2.weight"):
        torch.testing.assert_close(after[name], before[name] - lr * l1 * torch.sign(before[name]))
    assert torch.equal(after["0.bias"], before["0.bias"])


def test_fit_adamw_decays_only_weights() -> None:
    X, y = blobs(32)
    model = small_model()
    before = copy.deepcopy(model.state_dict())
    fit(
        model,
        X,
        y,
        loss_fn=zero_loss,
        optimizer="adamw",
        lr=0.1,
        weight_decay=0.5,
        n_epochs=1,
        batch_size=32,
        device=CPU,
    )
    after = model.state_dict()
    torch.testing.assert_close(after["0.weight"], before["0.weight"] * (1 - 0.1 * 0.5))
    assert torch.equal(after["0.bias"], before["0.bias"])


# --------------------------------------------------------------------------- fit: history, determinism


def test_fit_history_shapes_with_and_without_validation() -> None:
    X, y = blobs()
    h = fit(small_model(), X, y, n_epochs=4, device=CPU)
    assert isinstance(h, History)
    assert len(h.train_loss) == len(h.train_acc) == h.n_epochs == 4
    assert h.val_loss == [] and h.val_acc == []
    assert h.best_epoch == 4 and not h.stopped_early
    assert all(0.0 <= a <= 1.0 for a in h.train_acc)
    hv = fit(small_model(), X, y, X_val=X[:20], y_val=y[:20], n_epochs=3, device=CPU)
    d = hv.as_dict()
    assert list(d) == ["train_loss", "train_acc", "val_loss", "val_acc"]
    assert all(len(v) == 3 for v in d.values())
    assert hv.best_epoch == int(np.argmin(hv.val_loss)) + 1
    d["train_loss"].append(99.0)
    assert len(hv.train_loss) == 3  # as_dict returns copies


def test_fit_learns_and_loss_decreases() -> None:
    X, y = blobs(200)
    h = fit(small_model(), X, y, X_val=X, y_val=y, n_epochs=15, lr=0.1, device=CPU)
    assert h.train_loss[-1] < 0.6 * h.train_loss[0]
    assert h.val_acc[-1] > 0.85


def test_fit_is_deterministic_and_seed_matters() -> None:
    X, y = blobs()
    m1, m2, m3 = small_model(), small_model(), small_model()
    h1 = fit(m1, X, y, X_val=X, y_val=y, n_epochs=3, batch_size=16, seed=5, device=CPU)
    h2 = fit(
        m2, torch.from_numpy(X), torch.from_numpy(y), X_val=X, y_val=y, n_epochs=3, batch_size=16, seed=5, device=CPU
    )
    h3 = fit(m3, X, y, X_val=X, y_val=y, n_epochs=3, batch_size=16, seed=6, device=CPU)
    assert h1 == h2  # bit-identical, NumPy or tensor input alike
    assert state_equal(m1.state_dict(), m2.state_dict())
    assert h1.train_loss != h3.train_loss


def test_fit_seeds_dropout_masks_whatever_the_global_state() -> None:
    X, y = blobs()

    def dropout_model() -> nn.Module:
        torch.manual_seed(0)
        return nn.Sequential(nn.Linear(4, 16), nn.ReLU(), nn.Dropout(0.5), nn.Linear(16, 2))

    histories = []
    for global_seed, seed in ((123, 1), (999, 1), (123, 2)):
        model = dropout_model()
        torch.manual_seed(global_seed)
        histories.append(fit(model, X, y, n_epochs=2, seed=seed, device=CPU))
    assert histories[0] == histories[1]
    assert histories[0].train_loss != histories[2].train_loss


def test_fit_restores_caller_generator_state() -> None:
    X, y = blobs()
    model = small_model()
    torch.manual_seed(42)
    before = torch.get_rng_state()
    fit(model, X, y, n_epochs=2, device=CPU)
    assert torch.equal(torch.get_rng_state(), before)


def test_fit_train_metrics_eval_matches_evaluate() -> None:
    X, y = blobs()
    model = small_model()
    h = fit(model, X, y, n_epochs=2, train_metrics="eval", device=CPU)
    loss, acc = evaluate(model, X, y)
    assert h.train_loss[-1] == pytest.approx(loss, rel=1e-6)
    assert h.train_acc[-1] == pytest.approx(acc)


# --------------------------------------------------------------------------- early stopping


def test_early_stopping_restores_best_weights() -> None:
    X, y = blobs(128)
    y_flipped = 1 - y  # the better the fit to y, the worse on the flipped labels
    model = small_model()
    states: list[dict[str, torch.Tensor]] = []

    def remember(epoch: int, history: History) -> None:
        states.append(copy.deepcopy(model.state_dict()))

    h = fit(model, X, y, X_val=X, y_val=y_flipped, n_epochs=30, lr=0.1, patience=3, callback=remember, device=CPU)
    assert h.stopped_early
    assert len(h.val_loss) == h.best_epoch + 3
    assert h.best_epoch == int(np.argmin(h.val_loss)) + 1
    assert state_equal(model.state_dict(), states[h.best_epoch - 1])
    assert not state_equal(model.state_dict(), states[-1])
    loss, _ = evaluate(model, X, y_flipped)
    assert loss == pytest.approx(h.val_loss[h.best_epoch - 1], rel=1e-6)


def test_early_stopping_without_restore_keeps_last_weights() -> None:
    X, y = blobs(128)
    model = small_model()
    h = fit(model, X, y, X_val=X, y_val=1 - y, n_epochs=30, patience=2, restore_best=False, device=CPU)
    assert h.stopped_early
    loss, _ = evaluate(model, X, 1 - y)
    assert loss == pytest.approx(h.val_loss[-1], rel=1e-6)


def test_callback_returning_true_stops() -> None:
    X, y = blobs()
    seen: list[int] = []

    def stop_at_two(epoch: int, history: History) -> bool:
        seen.append(history.n_epochs)
        return epoch == 2

    h = fit(small_model(), X, y, n_epochs=5, callback=stop_at_two, device=CPU)
    assert seen == [1, 2] and h.n_epochs == 2 and h.stopped_early


def test_progress_bar_goes_to_stderr(capsys: pytest.CaptureFixture[str]) -> None:
    X, y = blobs()
    fit(small_model(), X, y, n_epochs=2, progress=True, device=CPU)
    assert "epochs" in capsys.readouterr().err
    fit(small_model(), X, y, n_epochs=2, device=CPU)
    assert capsys.readouterr().err == ""


# --------------------------------------------------------------------------- optimizers


@pytest.mark.parametrize("optimizer", ["sgd", "adam", "adamw"])
def test_fit_named_optimizers_learn(optimizer: str) -> None:
    X, y = blobs(200)
    lr = 0.1 if optimizer == "sgd" else 0.01
    h = fit(small_model(), X, y, optimizer=optimizer, lr=lr, n_epochs=8, device=CPU)
    assert h.train_loss[-1] < h.train_loss[0]


def test_fit_callable_optimizer_and_bad_returns() -> None:
    X, y = blobs()
    model = small_model()
    before = copy.deepcopy(model.state_dict())
    fit(model, X, y, optimizer=lambda params: torch.optim.SGD(params, lr=0.0), n_epochs=1, device=CPU)
    assert state_equal(model.state_dict(), before)  # lr=0 inside the callable wins
    with pytest.raises(ValueError, match="optimizer must return"):
        fit(small_model(), X, y, optimizer=lambda params: "sgd", device=CPU)
    with pytest.raises(ValueError, match="momentum applies"):
        fit(small_model(), X, y, optimizer="adam", momentum=0.9, device=CPU)
    with pytest.raises(ValueError, match="optimizer must be one of"):
        fit(small_model(), X, y, optimizer="rmsprop", device=CPU)


# --------------------------------------------------------------------------- evaluate


def test_evaluate_matches_manual_and_restores_mode() -> None:
    X, y = blobs()
    model = small_model()
    model.train()
    loss, acc = evaluate(model, X, y, batch_size=7)
    assert model.training
    with torch.no_grad():
        logits = model(torch.from_numpy(X))
    assert loss == pytest.approx(float(nn.functional.cross_entropy(logits, torch.from_numpy(y))), rel=1e-5)
    assert acc == pytest.approx(float((logits.argmax(1).numpy() == y).mean()))


def test_single_logit_uses_bce_with_logits() -> None:
    X, y = blobs()
    torch.manual_seed(0)
    model = nn.Linear(4, 1)
    h = fit(model, X, y, n_epochs=10, device=CPU)
    loss, acc = evaluate(model, X, y)
    with torch.no_grad():
        logits = model(torch.from_numpy(X))
    bce = nn.functional.binary_cross_entropy_with_logits(logits, torch.from_numpy(y).float()[:, None])
    assert loss == pytest.approx(float(bce), rel=1e-5)
    assert acc == pytest.approx(float(((logits[:, 0] > 0).numpy() == y).mean()))
    assert h.train_loss[-1] < h.train_loss[0]


# --------------------------------------------------------------------------- bad arguments


def test_fit_rejects_inconsistent_arguments() -> None:
    X, y = blobs()
    with pytest.raises(ValueError, match="X_val and y_val must be given together"):
        fit(small_model(), X, y, X_val=X, device=CPU)
    with pytest.raises(ValueError, match="patience needs validation data"):
        fit(small_model(), X, y, patience=2, device=CPU)
    with pytest.raises(ValueError, match="X_val must have the feature shape"):
        fit(small_model(), X, y, X_val=X[:, :2], y_val=y, device=CPU)
    with pytest.raises(ValueError, match=r"model must be a torch\.nn\.Module"):
        fit(lambda x: x, X, y, device=CPU)
    with pytest.raises(ValueError, match="train_metrics"):
        fit(small_model(), X, y, train_metrics="both", device=CPU)
    with pytest.raises(ValueError, match="device"):
        fit(small_model(), X, y, device="tpu")
    with pytest.raises(ValueError, match="callback"):
        fit(small_model(), X, y, callback=3, device=CPU)


BAD_VALUES = {
    "lr": st.one_of(st.floats(max_value=0.0), st.just(math.nan), st.just(math.inf)),
    "weight_decay": st.one_of(st.floats(max_value=-1e-12), st.just(math.nan)),
    "l1": st.one_of(st.floats(max_value=-1e-12), st.just(math.inf)),
    "momentum": st.one_of(st.floats(max_value=-1e-12), st.floats(min_value=1.0)),
    "n_epochs": st.one_of(st.integers(max_value=0), st.just(2.5), st.just(True)),
    "batch_size": st.one_of(st.integers(max_value=0), st.just("64")),
    "patience": st.one_of(st.integers(max_value=0), st.just(1.5)),
    "seed": st.one_of(st.integers(max_value=-1), st.integers(min_value=2**32)),
    "min_delta": st.floats(max_value=-1e-12),
}


@pytest.mark.parametrize("name", sorted(BAD_VALUES))
def test_fit_rejects_bad_values_naming_the_parameter(name: str) -> None:
    X, y = blobs(16)

    @given(BAD_VALUES[name])
    @settings(max_examples=15, deadline=None)
    def check(value: object) -> None:
        with pytest.raises(ValueError, match=name):
            fit(small_model(), X, y, X_val=X, y_val=y, device=CPU, **{name: value})

    check()


# --------------------------------------------------------------------------- models


@pytest.mark.parametrize(
    ("model", "y", "message"),
    [
        (nn.Linear(5, 1), [0, 1, 2, 0], r"^y_train must hold 0/1 labels for a model with one output"),
        (
            nn.Linear(5, 3),
            [0, 1, 2, 4],
            r"^y_train must hold labels in \[0, 2\] for a model with 3 outputs, got label 4",
        ),
        (nn.Linear(4, 3), [0, 1, 2, 0], r"^X_train must have 4 features per sample for this model"),
    ],
)
def test_fit_names_data_that_do_not_fit_the_model(model: nn.Module, y: list[int], message: str) -> None:
    X = np.random.default_rng(0).random((4, 5)).astype(np.float32)
    before = [p.detach().clone() for p in model.parameters()]
    with pytest.raises(ValueError, match=message):
        fit(model, X, np.array(y), n_epochs=1, device="cpu")
    assert all(torch.equal(a, b) for a, b in zip(before, model.parameters(), strict=True))  # nothing trained


def test_evaluate_and_predict_name_bad_labels_and_features() -> None:
    from regviz.train import evaluate, predict

    X = np.zeros((3, 5), dtype=np.float32)
    with pytest.raises(ValueError, match=r"^y must hold labels in \[0, 1\]"):
        evaluate(nn.Linear(5, 2), X, np.array([0, 1, 7]), device="cpu")
    with pytest.raises(ValueError, match=r"^X must have 6 features per sample"):
        predict(nn.Linear(6, 2), X)
    assert predict(nn.Sequential(nn.ReLU()), X).tolist() == [0, 0, 0]  # a model without parameters: no StopIteration
    assert predict(nn.Linear(5, 1), X).shape == (3,)


def test_the_fit_check_leaves_the_training_bits_unchanged() -> None:
    # the probe runs in evaluation mode without drawing random numbers: a dropout network trains exactly as before
    X = np.random.default_rng(1).random((64, 8)).astype(np.float32)
    y = (X[:, 0] > 0.5).astype(np.int64)
    losses = []
    for _ in range(2):
        torch.manual_seed(0)
        model = nn.Sequential(nn.Linear(8, 16), nn.ReLU(), nn.Dropout(0.5), nn.Linear(16, 2))
        losses.append(fit(model, X, y, n_epochs=2, seed=3, device="cpu").train_loss)
    assert losses[0] == losses[1]


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
