"""Tests of regviz.models: make_mlp's layer order and initialisations."""

from __future__ import annotations

import math

import matplotlib
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st
from torch import nn

from regviz.models import init_weights, make_mlp

matplotlib.use("Agg")


from regviz import models


def test_make_mlp_keeps_dropout_behind_the_last_batch_norm() -> None:
    torch.manual_seed(0)
    kinds = [type(m).__name__ for m in models.make_mlp(20, (16, 8, 4), 3, batch_norm=True, dropout=0.5)]
    assert kinds == ["Linear", "BatchNorm1d", "ReLU"] * 3 + ["Dropout", "Linear"]
    # without batch norm, dropout follows every hidden layer as before
    kinds = [type(m).__name__ for m in models.make_mlp(20, (16, 8), 3, dropout=0.5)]
    assert kinds == ["Linear", "ReLU", "Dropout"] * 2 + ["Linear"]


def test_make_mlp_batch_norms_never_see_dropout_noise() -> None:
    # the variance shift (Li et al., 2019) needs dropout upstream of a batch norm: with make_mlp's order,
    # every BatchNorm1d gets the same input in training mode whatever the dropout masks
    torch.manual_seed(1)
    model = models.make_mlp(12, (10, 10), 3, batch_norm=True, dropout=0.5, init="he")
    seen: dict[int, list[torch.Tensor]] = {}
    norms = [m for m in model if isinstance(m, torch.nn.BatchNorm1d)]
    for k, m in enumerate(norms):
        m.register_forward_hook(lambda mod, inputs, out, k=k: seen.setdefault(k, []).append(inputs[0].clone()))
    x = torch.randn(32, 12)
    model.train()
    outputs = []
    for seed in (10, 11):
        torch.manual_seed(seed)  # two different dropout masks
        outputs.append(model(x))
    assert len(seen) == 2
    for first, second in seen.values():
        torch.testing.assert_close(first, second, rtol=0, atol=0)
    assert not torch.equal(outputs[0], outputs[1])  # the dropout before the output layer is active


def test_make_mlp_default_and_he_initialisations_have_the_documented_variances() -> None:
    torch.manual_seed(2)
    default = models.make_mlp(600, (600,), 2)[0].weight.detach()
    he = models.make_mlp(600, (600,), 2, init="he")[0].weight.detach()
    # 360,000 uniform draws: the variance estimate's relative standard error is sqrt(0.8 / 360,000) = 0.15 %; allow 5
    assert float(default.var()) == pytest.approx(1 / (3 * 600), rel=0.0075)
    assert float(he.var()) == pytest.approx(2 / 600, rel=0.0075)


def test_make_mlp_structure_and_logits() -> None:
    torch.manual_seed(0)
    model = make_mlp(784, (32, 16), 10, dropout=0.3, input_dropout=0.2, batch_norm=True)
    kinds = [type(m).__name__ for m in model]
    assert kinds == [
        "Dropout",
        "Linear",
        "BatchNorm1d",
        "ReLU",
        "Linear",
        "BatchNorm1d",
        "ReLU",
        "Dropout",  # hidden dropout only after the last batch norm (the test above)
        "Linear",
    ]
    assert model[1].bias is None and model[-1].bias is not None
    assert model[0].p == pytest.approx(0.2) and model[7].p == pytest.approx(0.3)
    model.eval()
    assert model(torch.zeros(3, 784)).shape == (3, 10)
    linear = make_mlp(5, (), 3)
    assert len(linear) == 1 and isinstance(linear[0], nn.Linear)


@pytest.mark.parametrize(
    ("init", "expected_std"), [("he", math.sqrt(2 / 400)), ("xavier", math.sqrt(2 / 800)), ("normal", 0.05)]
)
def test_make_mlp_initialisations(init: str, expected_std: float) -> None:
    torch.manual_seed(0)
    model = make_mlp(400, (400,), 2, init=init, std=0.05)
    w = model[0].weight.detach()
    assert float(w.std()) == pytest.approx(expected_std, rel=0.03)
    assert float(model[0].bias.detach().abs().max()) == 0.0


@given(st.one_of(st.floats(max_value=-1e-9), st.floats(min_value=1.0), st.just(math.nan)))
@settings(max_examples=25, deadline=None)
def test_make_mlp_rejects_bad_dropout(p: float) -> None:
    with pytest.raises(ValueError, match="dropout must be"):
        make_mlp(4, (3,), 2, dropout=p)
    with pytest.raises(ValueError, match="input_dropout must be"):
        make_mlp(4, (3,), 2, input_dropout=p)


def test_make_mlp_rejects_bad_options() -> None:
    with pytest.raises(ValueError, match="hidden must be"):
        make_mlp(4, 3, 2)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=r"hidden\[1\]"):
        make_mlp(4, (3, 0), 2)
    with pytest.raises(ValueError, match="activation"):
        make_mlp(4, (3,), 2, activation="softmax")
    with pytest.raises(ValueError, match="init"):
        make_mlp(4, (3,), 2, init="orthogonal")
    with pytest.raises(ValueError, match="std"):
        init_weights(nn.Linear(2, 2), "normal", std=0.0)
