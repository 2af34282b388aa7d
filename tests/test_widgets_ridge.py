"""Tests of regviz.widgets.ridge: the ridge explorer of notebook 05."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import io

import matplotlib.pyplot as plt
import numpy as np
import pytest

from regviz import style, widgets
from regviz.data import make_noisy_polynomial
from regviz.ridge import (
    polynomial_design,
    ridge_fit,
)
from regviz.widgets import log_grid


@pytest.fixture(scope="module")
def poly_data() -> tuple[np.ndarray, ...]:
    x_train, y_train = make_noisy_polynomial(20, seed=10)
    x_val, y_val = make_noisy_polynomial(60, seed=1)
    return x_train, y_train, x_val, y_val


def _png_pixels(png: bytes) -> np.ndarray:
    return plt.imread(io.BytesIO(png))


def test_ridge_explorer_moves_fit_bars_and_marker_together(poly_data: tuple[np.ndarray, ...]) -> None:
    x_train, y_train, x_val, y_val = poly_data
    explorer = widgets.ridge_explorer(
        x_train, y_train, x_val, y_val, degree=8, alpha=1e-4, coef_true=(0.5, 1.0, -3.0, 1.5)
    )
    ax_fit, ax_bars, ax_val = explorer.figure.axes
    assert ax_val.get_xscale() == "log" and "lambda" in ax_val.get_xlabel()
    train_line = next(a for a in ax_val.lines if a.get_gid() == "train")
    val_line = next(a for a in ax_val.lines if a.get_gid() == "validation")
    assert train_line.get_color() == style.COLORS["train"] and val_line.get_linestyle() == "--"
    before = explorer.image.value
    explorer.set(alpha=1.0)
    assert explorer.image.value != before and explorer.n_renders == 2
    # the moved artists hold the ridge solution at the new alpha
    mean, scale = polynomial_design(x_train, 8).mean(axis=0), polynomial_design(x_train, 8).std(axis=0)
    fit = ridge_fit((polynomial_design(x_train, 8) - mean) / scale, y_train, 1.0)
    heights = [p.get_height() for p in ax_bars.containers[0].patches]
    np.testing.assert_allclose(heights, fit.coef, atol=1e-10)
    fit_line = next(a for a in ax_fit.lines if a.get_gid() == "fit")
    x_plot = np.asarray(fit_line.get_xdata())
    expected = fit.predict((polynomial_design(x_plot, 8) - mean) / scale)
    np.testing.assert_allclose(fit_line.get_ydata(), expected, atol=1e-10)
    marker = next(a for a in ax_val.lines if a.get_gid() == "marker")
    assert marker.get_xdata()[0] == pytest.approx(1.0)
    val_mse = np.mean((fit.predict((polynomial_design(x_val, 8) - mean) / scale) - y_val) ** 2)
    assert f"validation MSE {val_mse:.3f}" in explorer.label.value and "λ = 1" in explorer.label.value


def test_ridge_explorer_blit_draws_the_same_image(poly_data: tuple[np.ndarray, ...]) -> None:
    x_train, y_train, x_val, y_val = poly_data
    fast = widgets.ridge_explorer(x_train, y_train, x_val, y_val, alpha=1e-3)
    slow = widgets.ridge_explorer(x_train, y_train, x_val, y_val, alpha=1e-3, blit=False)
    for alpha in (1e-5, 0.1, 100.0):
        fast.set(alpha=alpha)
        slow.set(alpha=alpha)
        differs = np.abs(_png_pixels(fast.image.value) - _png_pixels(slow.image.value)).max(axis=2) > 0.05
        # only where the marker crosses a curve may the drawing order differ
        assert differs.mean() < 0.01, f"blitted and full renders differ at alpha={alpha}"


def test_ridge_explorer_rejects_bad_arguments(poly_data: tuple[np.ndarray, ...]) -> None:
    x_train, y_train, x_val, y_val = poly_data
    with pytest.raises(ValueError, match=r"alpha must be in \[1e-06, 1000\]"):
        widgets.ridge_explorer(x_train, y_train, x_val, y_val, alpha=1e4)
    with pytest.raises(ValueError, match="alpha must be a finite number"):
        widgets.ridge_explorer(x_train, y_train, x_val, y_val, alpha=float("nan"))
    for bad_range in ((0.0, 1.0), (1.0, 0.5), (1.0,), (float("nan"), 1.0), ("1e-3", 1.0)):
        with pytest.raises(ValueError, match=r"alpha_range must be a \(low, high\) pair") as info:
            widgets.ridge_explorer(x_train, y_train, x_val, y_val, alpha_range=bad_range)  # type: ignore[arg-type]
        assert "low must" not in str(info.value) and "high must" not in str(info.value)
    with pytest.raises(ValueError, match=r"alpha_range and steps_per_decade give \d+ slider values"):
        widgets.ridge_explorer(
            x_train, y_train, x_val, y_val, alpha=1.0, alpha_range=(1e-300, 1e300), steps_per_decade=20
        )
    with pytest.raises(ValueError, match=r"steps_per_decade must be an integer in \[1, 1000\]"):
        widgets.ridge_explorer(x_train, y_train, x_val, y_val, steps_per_decade=10**9)
    for bad_coef in (["a", "b"], [np.nan, 1.0], [[1.0, 2.0]]):
        with pytest.raises(ValueError, match="coef_true must") as info:
            widgets.ridge_explorer(x_train, y_train, x_val, y_val, coef_true=bad_coef)  # type: ignore[arg-type]
        assert "coef must" not in str(info.value)
    with pytest.raises(ValueError, match=r"degree must be an integer in \[1, 100\]"):
        widgets.ridge_explorer(x_train, y_train, x_val, y_val, degree=10**9)
    with pytest.raises(ValueError, match="degree must be an integer"):
        widgets.ridge_explorer(x_train, y_train, x_val, y_val, degree=0)
    with pytest.raises(ValueError, match="same number of samples"):
        widgets.ridge_explorer(x_train, y_train[:-1], x_val, y_val)
    with pytest.raises(ValueError, match="blit must be True or False"):
        widgets.ridge_explorer(x_train, y_train, x_val, y_val, blit=1)  # type: ignore[arg-type]


def test_alpha_grid_matches_the_log_slider() -> None:
    grid = log_grid(1e-6, 1e3, steps_per_decade=10)
    assert len(grid) == 91 and grid[0] == pytest.approx(1e-6) and grid[-1] == pytest.approx(1e3)
    np.testing.assert_allclose(np.diff(np.log10(grid)), 0.1)
    with pytest.raises(ValueError, match="low must be < high"):
        log_grid(1.0, 1.0)
    with pytest.raises(ValueError, match="steps_per_decade must be an integer"):
        log_grid(1.0, 10.0, steps_per_decade=0)


def test_on_top_keeps_legends_above_moving_artists(poly_data: tuple[np.ndarray, ...]) -> None:
    from regviz.widgets._core import on_top

    x_train, y_train, x_val, y_val = poly_data
    explorer = widgets.ridge_explorer(x_train, y_train, x_val, y_val, alpha=1e-3)
    legend = explorer.figure.axes[2].get_legend()
    box = legend.get_window_extent()
    height = explorer.figure.bbox.height
    rows = slice(int(height - box.y1) + 1, int(height - box.y0) - 1)
    cols = slice(int(box.x0) + 1, int(box.x1) - 1)
    explorer.set(alpha=1e-6)
    first = _png_pixels(explorer.image.value)[rows, cols]
    explorer.set(alpha=300.0)  # the marker now runs through the legend (lower right)
    second = _png_pixels(explorer.image.value)[rows, cols]
    np.testing.assert_array_equal(first, second)
    with pytest.raises(ValueError, match="at least one artist"):
        on_top([], [legend])
    _, other = plt.subplots()
    with pytest.raises(ValueError, match="artists of one figure"):
        on_top(other.plot([0, 1]), [legend])
