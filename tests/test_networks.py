"""Tests of the network plots and checks (notebooks 08 and 11): regviz.plots.networks, regviz.checks.networks."""

from __future__ import annotations

from typing import Any

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pytest
import torch

from regviz import checks, plots

# --------------------------------------------------------------------------- plots


@pytest.fixture(autouse=True)
def _close_figures() -> Any:
    yield
    plt.close("all")


def test_plot_curves_draws_named_curves_with_labels_and_scales() -> None:
    ax = plots.plot_curves(
        {"a": [1.0, 0.5, 0.25], "b": [2.0, 1.0, 0.5]},
        x=[0.01, 0.1, 1.0],
        xlabel="lr",
        ylabel="loss",
        logx=True,
        logy=True,
    )
    assert [line.get_label() for line in ax.get_lines()] == ["a", "b"]
    assert ax.get_xscale() == "log" and ax.get_yscale() == "log"
    assert ax.get_xlabel() == "lr" and ax.get_ylabel() == "loss"
    np.testing.assert_allclose(ax.get_lines()[1].get_ydata(), [2.0, 1.0, 0.5])
    assert ax.get_lines()[0].get_linestyle() != ax.get_lines()[1].get_linestyle()
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["a", "b"]


def test_plot_curves_leaves_gaps_for_non_finite_values() -> None:
    ax = plots.plot_curves({"diverged": [1.0, np.inf, np.nan]})
    y = ax.get_lines()[0].get_ydata()
    assert y[0] == 1.0 and np.isnan(y[1]) and np.isnan(y[2])
    np.testing.assert_array_equal(ax.get_lines()[0].get_xdata(), [1, 2, 3])


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"curves": {}}, "curves"),
        ({"curves": {"a": [1.0, 2.0], "b": [1.0]}}, "same length"),
        ({"curves": {"a": [1.0, 2.0]}, "x": [1.0]}, "x must have one value"),
        ({"curves": {"a": [1.0, 2.0]}, "x": [0.0, 1.0], "logx": True}, "x must be > 0"),
        ({"curves": {"a": [1.0, -2.0]}, "logy": True}, "curves must be > 0"),
        ({"curves": {str(i): [1.0] for i in range(8)}}, "at most"),
    ],
)
def test_plot_curves_rejects_bad_input(kwargs: dict[str, Any], match: str) -> None:
    curves = kwargs.pop("curves")
    with pytest.raises(ValueError, match=match):
        plots.plot_curves(curves, **kwargs)


def test_plot_unit_moments_places_standardized_units_at_the_reference() -> None:
    rng = np.random.default_rng(0)
    raw = rng.normal(3.0, 2.0, (50, 8)) * np.arange(1, 9)
    standardized = (raw - raw.mean(0)) / raw.std(0)
    ax = plots.plot_unit_moments({"raw": raw, "standardized": standardized})
    raw_points, std_points = (c.get_offsets() for c in ax.collections)
    np.testing.assert_allclose(std_points, np.tile([0.0, 1.0], (8, 1)), atol=1e-12)
    np.testing.assert_allclose(raw_points[:, 1], raw.std(0))
    assert ax.get_xlabel().startswith("mean") and ax.get_ylabel().startswith("standard deviation")
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["raw", "standardized", "mean 0, std 1"]


@pytest.mark.parametrize(
    ("activations", "match"),
    [({}, "activations"), ({"a": np.ones((1, 3))}, "activations"), ({"a": np.ones(3)}, "activations")],
)
def test_plot_unit_moments_rejects_bad_input(activations: Any, match: str) -> None:
    with pytest.raises(ValueError, match=match):
        plots.plot_unit_moments(activations)


def test_plot_digits_builds_one_mosaic_with_labels() -> None:
    images = np.random.default_rng(0).uniform(size=(12, 4, 5))
    ax = plots.plot_digits(images, np.arange(12), n_cols=5)
    (image,) = ax.get_images()
    assert image.get_array().shape == (3 * 4 + 2 * 2, 5 * 5 + 4 * 2)
    assert [t.get_text() for t in ax.texts] == [str(i) for i in range(12)]
    with pytest.raises(ValueError, match="labels"):
        plots.plot_digits(images, np.arange(11))
    with pytest.raises(ValueError, match="n_cols"):
        plots.plot_digits(images, n_cols=0)


# --------------------------------------------------------------------------- checks


def _fold(
    W: np.ndarray, b: np.ndarray, gamma: np.ndarray, beta: np.ndarray, mean: np.ndarray, var: np.ndarray, eps: float
) -> tuple[np.ndarray, np.ndarray]:
    scale = gamma / np.sqrt(var + eps)
    return W * scale[:, None], (b - mean) * scale + beta


def test_check_fold_batch_norm_accepts_the_reference_and_matches_torch() -> None:
    assert checks.check_fold_batch_norm(_fold, quiet=True).passed
    torch.manual_seed(0)
    linear, bn = torch.nn.Linear(5, 3).double(), torch.nn.BatchNorm1d(3).double()
    bn.train()
    with torch.no_grad():
        for _ in range(5):
            bn(linear(torch.randn(16, 5, dtype=torch.float64) * 3 + 1))
        bn.weight.uniform_(0.5, 2.0)
        bn.bias.normal_()
    bn.eval()
    x = torch.randn(7, 5, dtype=torch.float64)
    W, b = _fold(
        *(
            t.detach().numpy()
            for t in (linear.weight, linear.bias, bn.weight, bn.bias, bn.running_mean, bn.running_var)
        ),
        bn.eps,
    )
    np.testing.assert_allclose(x.numpy() @ W.T + b, bn(linear(x)).detach().numpy(), atol=1e-12)


@pytest.mark.parametrize(
    "wrong",
    [
        lambda W, b, g, be, m, v, eps: (W * (g / np.sqrt(v))[:, None], (b - m) * g / np.sqrt(v) + be),  # no eps
        lambda W, b, g, be, m, v, eps: (W * (g / (v + eps))[:, None], (b - m) * g / (v + eps) + be),  # no sqrt
        lambda W, b, g, be, m, v, eps: (W * g / np.sqrt(v + eps), (b - m) * g / np.sqrt(v + eps) + be),  # wrong axis
        lambda W, b, g, be, m, v, eps: (W * (g / np.sqrt(v + eps))[:, None], -m * g / np.sqrt(v + eps) + be),  # no b
    ],
    ids=["no-eps", "no-sqrt", "wrong-axis", "forgotten-bias"],
)
def test_check_fold_batch_norm_rejects_plausible_mistakes(wrong: Any) -> None:
    assert checks.check_fold_batch_norm(wrong, quiet=True).status == "failed"


def _layer_norm(x: np.ndarray, gamma: np.ndarray, beta: np.ndarray, eps: float) -> np.ndarray:
    return gamma * (x - x.mean(1, keepdims=True)) / np.sqrt(x.var(1, keepdims=True) + eps) + beta


def test_check_layer_norm_accepts_the_reference_and_matches_torch() -> None:
    assert checks.check_layer_norm(_layer_norm, quiet=True).passed
    x = np.random.default_rng(1).normal(2.0, 3.0, (4, 6))
    library = torch.nn.LayerNorm(6, dtype=torch.float64)(torch.from_numpy(x)).detach().numpy()
    np.testing.assert_allclose(_layer_norm(x, np.ones(6), np.zeros(6), 1e-5), library, atol=1e-12)


@pytest.mark.parametrize(
    "wrong",
    [
        lambda x, g, b, eps: g * (x - x.mean(0)) / np.sqrt(x.var(0) + eps) + b,  # batch axis: batch norm
        lambda x, g, b, eps: g * (x - x.mean(1, keepdims=True)) / np.sqrt(x.var(1, ddof=1, keepdims=True) + eps) + b,
        lambda x, g, b, eps: g * (x - x.mean(1, keepdims=True)) / (np.sqrt(x.var(1, keepdims=True)) + eps) + b,
        lambda x, g, b, eps: (x - x.mean(1, keepdims=True)) / np.sqrt(x.var(1, keepdims=True) + eps),  # no gamma/beta
    ],
    ids=["batch-axis", "unbiased", "eps-outside-sqrt", "no-affine"],
)
def test_check_layer_norm_rejects_plausible_mistakes(wrong: Any) -> None:
    assert checks.check_layer_norm(wrong, quiet=True).status == "failed"


def test_check_he_bound_accepts_the_reference_and_rejects_other_scales() -> None:
    assert checks.check_he_bound(lambda n: np.sqrt(6 / n), quiet=True).passed
    for wrong in (lambda n: np.sqrt(2 / n), lambda n: np.sqrt(3 / n), lambda n: np.sqrt(6 / (2 * n))):
        assert checks.check_he_bound(wrong, quiet=True).status == "failed"


def _accuracy(model: Any, X: Any, y: Any, batch_size: int) -> float:
    model.eval()
    correct = 0
    with torch.no_grad():
        for start in range(0, len(X), batch_size):
            correct += int((model(X[start : start + batch_size]).argmax(1) == y[start : start + batch_size]).sum())
    return correct / len(X)


def _accuracy_train_mode(model: Any, X: Any, y: Any, batch_size: int) -> float:
    model.train()
    with torch.no_grad():
        return float((model(X).argmax(1) == y).float().mean())


def _accuracy_mean_of_batches(model: Any, X: Any, y: Any, batch_size: int) -> float:
    model.eval()
    with torch.no_grad():
        accs = [
            float((model(X[s : s + batch_size]).argmax(1) == y[s : s + batch_size]).float().mean())
            for s in range(0, len(X), batch_size)
        ]
    return float(np.mean(accs))


def test_check_batched_accuracy_accepts_the_reference_and_rejects_mistakes() -> None:
    assert checks.check_batched_accuracy(_accuracy, quiet=True).passed
    assert checks.check_batched_accuracy(_accuracy_train_mode, quiet=True).status == "failed"
    assert checks.check_batched_accuracy(_accuracy_mean_of_batches, quiet=True).status == "failed"


@pytest.mark.parametrize(
    "check",
    [checks.check_fold_batch_norm, checks.check_layer_norm, checks.check_he_bound, checks.check_batched_accuracy],
)
def test_network_checks_report_stubs_and_reject_non_callables(check: Any, capsys: pytest.CaptureFixture[str]) -> None:
    def stub(*args: Any) -> Any:
        raise NotImplementedError

    assert check(stub).status == "not implemented"
    assert "not implemented yet" in capsys.readouterr().out
    with pytest.raises(ValueError, match="student_fn"):
        check(42)
