"""Tests of regviz.checks.boundaries: the self-checks of notebooks 09 and 10 and their references."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

from typing import Any

import numpy as np
import pytest

from regviz import checks
from regviz.checks import boundaries as refs


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
