"""Tests of regviz.checks.capstone: the L2-penalty and macro-F1 self-checks of notebook 14."""

from __future__ import annotations

from typing import Any

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pytest
import torch
from sklearn.metrics import confusion_matrix, f1_score
from torch import nn

from regviz import checks


def _l2_reference(model: nn.Module, weight_decay: float) -> torch.Tensor:
    return weight_decay / 2 * sum((p**2).sum() for p in model.parameters() if p.ndim >= 2)


def _l2_stub(model: nn.Module, weight_decay: float) -> float:
    raise NotImplementedError


def test_check_l2_penalty_accepts_the_reference_and_flags_stubs() -> None:
    assert checks.check_l2_penalty(_l2_reference, quiet=True).passed
    result = checks.check_l2_penalty(_l2_stub, quiet=True)
    assert result.status == "not implemented"


@pytest.mark.parametrize(
    "wrong",
    [
        lambda m, lam: lam / 2 * sum((p**2).sum() for p in m.parameters()),  # biases decayed too
        lambda m, lam: lam * sum((p**2).sum() for p in m.parameters() if p.ndim >= 2),  # no 1/2
        lambda m, lam: lam / 2 * sum(p.norm() for p in m.parameters() if p.ndim >= 2),  # norm, not its square
        lambda m, lam: lam / 2 * sum((p**2).mean() for p in m.parameters() if p.ndim >= 2),  # mean, not sum
        lambda m, lam: lam / 2 * sum(p.abs().sum() for p in m.parameters() if p.ndim >= 2),  # L1
    ],
)
def test_check_l2_penalty_rejects_wrong_implementations(wrong: Any) -> None:
    result = checks.check_l2_penalty(wrong, quiet=True)
    assert result.status == "failed"


@pytest.mark.parametrize(
    ("wrong", "why"),
    [
        (lambda m, lam: float(_l2_reference(m, lam).detach()), "got float"),  # a Python number
        (lambda m, lam: _l2_reference(m, lam).detach(), "got a tensor without gradient"),  # detached
        (lambda m, lam: torch.tensor(float(_l2_reference(m, lam).detach())), "got a tensor without gradient"),
        (
            lambda m, lam: torch.tensor(float(_l2_reference(m, lam).detach()), requires_grad=True),
            "does not reach the weights",
        ),  # a new leaf: gradient, but not to the weights
        (
            lambda m, lam: (
                lam / 2 * sum((p.data**2).sum() for p in m.parameters() if p.ndim >= 2)
                + 0.0 * sum(p.sum() for p in m.parameters())
            ),
            "does not reach the weights",
        ),  # computed from .data, glued to the graph by a zero
    ],
)
def test_check_l2_penalty_requires_a_penalty_autograd_can_differentiate(wrong: Any, why: str) -> None:
    """The right value is not enough: a penalty cut off from the weights adds nothing to the update."""
    result = checks.check_l2_penalty(wrong, quiet=True)
    assert result.status == "failed" and why in result.message


def test_check_l2_penalty_refuses_a_penalty_per_layer() -> None:
    def per_layer(m: nn.Module, lam: float) -> torch.Tensor:  # one entry per weight matrix, never summed
        return torch.stack([lam / 2 * (p**2).sum() for p in m.parameters() if p.ndim >= 2])

    result = checks.check_l2_penalty(per_layer, quiet=True)
    assert result.status == "failed" and "must be one number" in result.message


def test_check_l2_penalty_compares_the_gradient_too() -> None:
    def half_detached(m: nn.Module, lam: float) -> torch.Tensor:  # right value, gradient only for the last layer
        weights = [p for p in m.parameters() if p.ndim >= 2]
        return lam / 2 * (sum((p.detach() ** 2).sum() for p in weights[:-1]) + (weights[-1] ** 2).sum())

    result = checks.check_l2_penalty(half_detached, quiet=True)
    assert result.status == "failed" and "max |difference|" in result.message


def _macro_f1_sklearn(cm: np.ndarray) -> float:
    y_true = np.repeat(np.arange(len(cm)), cm.sum(axis=1))
    y_pred = np.concatenate([np.repeat(np.arange(len(cm)), row) for row in cm])
    return float(f1_score(y_true, y_pred, labels=np.arange(len(cm)), average="macro", zero_division=0))


def test_check_macro_f1_reference_agrees_with_sklearn() -> None:
    assert checks.check_macro_f1(_macro_f1_sklearn, quiet=True).passed
    y_true = np.array([0, 0, 1, 2, 2, 2])
    y_pred = np.array([0, 1, 1, 2, 0, 2])
    assert _macro_f1_sklearn(confusion_matrix(y_true, y_pred)) == pytest.approx(
        f1_score(y_true, y_pred, average="macro")
    )


def _precision_recall(cm: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    cm = np.asarray(cm, dtype=float)
    return np.diag(cm) / cm.sum(axis=0), np.diag(cm) / cm.sum(axis=1)


def _f1(p: Any, r: Any) -> Any:
    return 2 * p * r / (p + r)


@pytest.mark.parametrize(
    "wrong",
    [
        lambda cm: np.trace(cm) / np.sum(cm),  # accuracy = micro F1
        lambda cm: _precision_recall(cm)[1].mean(),  # macro recall
        lambda cm: float(np.average(_f1(*_precision_recall(cm)), weights=np.sum(cm, axis=1))),  # weighted
        lambda cm: _f1(_precision_recall(cm)[0].mean(), _precision_recall(cm)[1].mean()),  # F1 of the means
        lambda cm: ((_precision_recall(cm)[0] + _precision_recall(cm)[1]) / 2).mean(),  # arithmetic mean
    ],
)
def test_check_macro_f1_rejects_wrong_implementations(wrong: Any) -> None:
    with np.errstate(divide="ignore", invalid="ignore"):
        result = checks.check_macro_f1(wrong, quiet=True)
    assert result.status == "failed"


def test_check_macro_f1_rejects_nan_for_a_class_never_predicted() -> None:
    def naive(cm: np.ndarray) -> float:  # right formula, but 0 / 0 precision for a class never predicted
        precision, recall = _precision_recall(cm)
        return float(np.mean(_f1(precision, recall)))

    cm = np.array([[30, 0, 10], [5, 0, 15], [2, 0, 38]])
    with np.errstate(divide="ignore", invalid="ignore"):
        assert np.isnan(naive(cm))
        result = checks.check_macro_f1(naive, quiet=True)
    assert result.status == "failed" and "never predicted" in result.message and "NaN" in result.message
    assert _macro_f1_sklearn(cm) == pytest.approx(np.mean([2 * 30 / (40 + 37), 0.0, 2 * 38 / (40 + 63)]))

    def by_counts(cm: np.ndarray) -> float:  # F1_k = 2 C_kk / (row_k + column_k): no 0 / 0 unless both are empty
        cm = np.asarray(cm, dtype=float)
        return float(np.mean(2 * np.diag(cm) / (cm.sum(axis=0) + cm.sum(axis=1))))

    assert checks.check_macro_f1(by_counts, quiet=True).passed


def test_checks_validate_their_arguments() -> None:
    with pytest.raises(ValueError, match="student_fn must be callable"):
        checks.check_l2_penalty(3)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="quiet must be True or False"):
        checks.check_macro_f1(_macro_f1_sklearn, quiet=1)  # type: ignore[arg-type]
