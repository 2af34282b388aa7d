"""Tests of regviz.widgets.basics: the slope explorer of notebook 00."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pytest

from regviz import widgets


def _mse(y: np.ndarray, y_pred: np.ndarray) -> float:
    return float(np.mean((y - y_pred) ** 2))


def test_slope_explorer_updates_image_and_caption_in_place() -> None:
    x = np.linspace(-1, 1, 20)
    explorer = widgets.slope_explorer(x, 3 * x, _mse, slope=0.5)
    figure, first, caption = explorer.figure, explorer.image.value, explorer.label.value
    explorer.set(slope=3.0)
    assert explorer.figure is figure, "the figure is reused, not rebuilt"
    assert explorer.image.value != first and bytes(explorer.image.value).startswith(b"\x89PNG")
    assert "loss = 0.000" in explorer.label.value and explorer.label.value != caption
    assert explorer.n_renders == 2 and explorer.last_render_seconds > 0
    with pytest.raises(ValueError, match="values must name controls among"):
        explorer.set(intercept=1.0)


def test_blitted_render_equals_a_full_render() -> None:
    x = np.linspace(-1, 1, 20)
    explorer = widgets.slope_explorer(x, 3 * x, _mse, slope=0.5)
    explorer.set(slope=2.0)
    blitted = np.asarray(explorer.figure.canvas.buffer_rgba()).copy()
    for artist in explorer._animated:
        artist.set_animated(False)
    explorer.figure.canvas.draw()
    full = np.asarray(explorer.figure.canvas.buffer_rgba())
    assert np.mean(blitted != full) < 0.001


def test_slope_explorer_bad_input() -> None:
    with pytest.raises(ValueError, match=r"slope must be in \[-1, 5\]"):
        widgets.slope_explorer([0, 1], [0, 1], _mse, slope=9.0)
    with pytest.raises(ValueError, match="loss_fn must be callable"):
        widgets.slope_explorer([0, 1], [0, 1], "mse")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="slope_range must satisfy low < high"):
        widgets.slope_explorer([0, 1], [0, 1], _mse, slope_range=(2.0, 1.0))


def test_sliders_validate() -> None:
    slider = widgets.log_slider("λ", 1e-3, 1e2, 1.0)
    assert slider.min == pytest.approx(-3) and slider.max == pytest.approx(2)
    with pytest.raises(ValueError, match=r"low must be in \(0, inf\)"):
        widgets.log_slider("λ", 0.0, 1.0, 0.5)
    with pytest.raises(ValueError, match=r"value must be in \[0, 1\]"):
        widgets.float_slider("p", 0.0, 1.0, 1.5)


@pytest.mark.parametrize(
    ("loss_fn", "message"),
    [
        (lambda y, y_pred: None, r"loss_fn must return the loss as one number; it returned None at slope w = -1 "),
        (lambda y, y_pred: float("nan"), r"loss_fn must return a finite number; it returned nan at slope w = -1"),
        (lambda y, y_pred: np.inf, r"loss_fn must return a finite number; it returned inf"),
        (lambda y, y_pred: (y - y_pred) ** 2, r"it returned an array of shape \(2,\) at slope w = -1 .*np\.mean"),
        (lambda y, y_pred: "0.5", r"loss_fn must return the loss as one real number; it returned str '0.5'"),
        (lambda y, y_pred: 1j, r"loss_fn must return the loss as one real number; it returned complex"),
    ],
)
def test_slope_explorer_names_loss_fn_when_it_returns_no_number(loss_fn: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        widgets.slope_explorer([0.0, 1.0], [0.0, 1.0], loss_fn)  # type: ignore[arg-type]


def test_slope_explorer_refuses_a_loss_that_fails_at_one_slope_only() -> None:
    def mse_nan_at_two(y: np.ndarray, y_pred: np.ndarray) -> float:
        return float("nan") if np.isclose(y_pred[1], 2.0) else _mse(y, y_pred)

    with pytest.raises(ValueError, match=r"returned nan at slope w = 2\b"):
        widgets.slope_explorer([0.0, 1.0], [0.0, 1.0], mse_nan_at_two)


def test_slope_explorer_accepts_scalars_of_any_real_kind_and_names_the_loss_axis() -> None:
    import torch

    x = np.linspace(-1, 1, 10)
    for loss_fn in (
        lambda y, p: np.float32(np.mean(np.abs(y - p))),
        lambda y, p: np.array([np.mean(np.abs(y - p))]),
        lambda y, p: int(np.sum(np.abs(y - p) > 0.5)),
        lambda y, p: torch.tensor(np.mean(np.abs(y - p)), requires_grad=True),
    ):
        explorer = widgets.slope_explorer(x, 2 * x, loss_fn, loss_label="mean absolute error")
        assert explorer.figure.axes[1].get_ylabel() == "mean absolute error"
    with pytest.raises(ValueError, match="loss_label must be a string"):
        widgets.slope_explorer(x, 2 * x, _mse, loss_label=None)  # type: ignore[arg-type]
