"""The lasso and elastic-net explorers: they show the right numbers and change when a slider moves."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import math

import numpy as np
import pytest
from sklearn.linear_model import ElasticNet, Lasso

from regviz import data, widgets
from regviz.widgets import log_grid

TIGHT = {"tol": 1e-12, "max_iter": 200_000}


def _snapped(control: object) -> float:
    """The grid value an explorer shows for a log slider's current value (what a browser slider sends)."""
    lo, hi, step, value = (getattr(control, k) for k in ("min", "max", "step", "value"))
    exponents = np.arange(lo, hi + step / 2, step)
    return float(10 ** exponents[np.argmin(np.abs(exponents - math.log10(value)))])


@pytest.fixture(scope="module")
def diabetes_split() -> tuple[np.ndarray, ...]:
    d = data.load_diabetes()
    X = (d.X - d.X.mean(axis=0)) / d.X.std(axis=0)
    return X[:300], d.y[:300], X[300:], d.y[300:]


@pytest.fixture(scope="module")
def lasso_ex(diabetes_split: tuple[np.ndarray, ...]) -> widgets.Explorer:
    names = data.load_diabetes().feature_names
    return widgets.lasso_explorer(*diabetes_split, feature_names=names, alpha=1.0, legend_loc="lower right")


def test_slider_grid_matches_the_log_slider() -> None:
    grid = log_grid(0.01, 10.0, steps_per_decade=5, exact_end=False)
    assert len(grid) == 16 and grid[0] == 0.01 and grid[-1] == pytest.approx(10.0)
    np.testing.assert_allclose(np.diff(np.log10(grid)), 0.2)
    slider = widgets.log_slider("λ", grid[0], grid[-1], 1.0, steps_per_decade=5)
    assert slider.min == pytest.approx(math.log10(grid[0])) and slider.step == pytest.approx(0.2)
    with pytest.raises(ValueError, match="low must be < high"):
        log_grid(1.0, 0.5, steps_per_decade=20, exact_end=False)
    assert len(log_grid(1e-5, 1e5, steps_per_decade=1000, exact_end=False)) == 10_001  # the largest grid allowed
    with pytest.raises(ValueError, match=r"give 20001 slider values, more than 10001"):
        log_grid(1e-10, 1e10, steps_per_decade=1000, exact_end=False)
    with pytest.raises(ValueError, match=r"steps_per_decade must be an integer in \[1, 1000\]"):
        log_grid(1.0, 10.0, steps_per_decade=10**12, exact_end=False)


def test_lasso_explorer_shows_sklearns_lasso(
    lasso_ex: widgets.Explorer, diabetes_split: tuple[np.ndarray, ...]
) -> None:
    X_train, y_train, _, _ = diabetes_split
    before = lasso_ex.image.value
    lasso_ex.set(alpha=5.0)
    assert lasso_ex.image.value != before and lasso_ex.image.value[:8] == b"\x89PNG\r\n\x1a\n"
    alpha = _snapped(lasso_ex.controls["alpha"])
    ax_bars, ax_path, ax_err = lasso_ex.figure.axes
    bars = [p.get_height() for p in ax_bars.patches if p.get_gid() == "bars:lasso"]
    expected = Lasso(alpha=alpha, **TIGHT).fit(X_train, y_train).coef_
    np.testing.assert_allclose(bars, expected, atol=1e-4)
    n_zero = int(np.sum(expected == 0))
    assert f"<b>λ = {alpha:.3g}</b>: {n_zero} of 10 lasso coefficients exactly 0" in lasso_ex.label.value
    zeros = next(c for c in ax_bars.collections if c.get_gid() == "zeros:lasso")
    assert len(zeros.get_offsets()) == n_zero
    for ax in (ax_path, ax_err):
        marker = next(a for a in ax.lines if a.get_gid() == "marker")
        assert marker.get_xdata()[0] == pytest.approx(alpha)
    assert f"lasso keeps {10 - n_zero} features" in lasso_ex.label.value
    assert 0 < lasso_ex.last_render_seconds < 5


def test_lasso_explorer_ridge_bars_match_the_training_error(
    lasso_ex: widgets.Explorer, diabetes_split: tuple[np.ndarray, ...]
) -> None:
    X_train, y_train, _, _ = diabetes_split
    lasso_ex.set(alpha=2.0)
    ax_bars = lasso_ex.figure.axes[0]
    lasso_coef = np.array([p.get_height() for p in ax_bars.patches if p.get_gid() == "bars:lasso"])
    ridge_coef = np.array([p.get_height() for p in ax_bars.patches if p.get_gid() == "bars:ridge, same training MSE"])

    def train_mse(coef: np.ndarray) -> float:
        b = y_train.mean() - X_train.mean(axis=0) @ coef
        return float(np.mean((y_train - X_train @ coef - b) ** 2))

    assert np.all(ridge_coef != 0) and np.any(lasso_coef == 0)
    assert train_mse(ridge_coef) == pytest.approx(train_mse(lasso_coef), rel=1e-3)


def test_lasso_explorer_bad_arguments(diabetes_split: tuple[np.ndarray, ...]) -> None:
    X_train, y_train, X_val, y_val = diabetes_split
    with pytest.raises(ValueError, match="alpha must be in"):
        widgets.lasso_explorer(X_train, y_train, X_val, y_val, alpha=1e6)
    with pytest.raises(ValueError, match="alpha_range"):
        widgets.lasso_explorer(X_train, y_train, X_val, y_val, alpha_range=(1.0,))  # type: ignore[arg-type]
    for bad_range in ((1.0, 0.1), (0.0, 1.0), (float("inf"), 1.0), (0.1, 1.0, 10.0)):
        with pytest.raises(ValueError, match=r"alpha_range must be a \(low, high\) pair") as info:
            widgets.lasso_explorer(X_train, y_train, X_val, y_val, alpha_range=bad_range)  # type: ignore[arg-type]
        assert "low must" not in str(info.value)
    with pytest.raises(ValueError, match=r"alpha_range and steps_per_decade give \d+ slider values, more than 10001"):
        widgets.lasso_explorer(
            X_train, y_train, X_val, y_val, alpha=1.0, alpha_range=(1e-200, 1e200), steps_per_decade=100
        )
    with pytest.raises(ValueError, match=r"steps_per_decade must be an integer in \[1, 1000\]"):
        widgets.lasso_explorer(X_train, y_train, X_val, y_val, steps_per_decade=10**9)
    with pytest.raises(ValueError, match="X_val must have 10 columns"):
        widgets.lasso_explorer(X_train, y_train, X_val[:, :3], y_val)
    with pytest.raises(ValueError, match="feature_names must have 10"):
        widgets.lasso_explorer(X_train, y_train, X_val, y_val, feature_names=["a"])
    with pytest.raises(ValueError, match="legend_loc"):
        widgets.lasso_explorer(X_train, y_train, X_val, y_val, legend_loc="nowhere")


@pytest.fixture(scope="module")
def two_features() -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(0)
    X = rng.standard_normal((100, 2)) @ np.array([[1.0, 0.6], [0.0, 0.8]])
    return X, X @ np.array([0.5, 2.0]) + rng.standard_normal(100)


def test_geometry_explorer_diamond_and_disc(two_features: tuple[np.ndarray, np.ndarray]) -> None:
    X, y = two_features
    ex = widgets.geometry_explorer(X, y, alpha=0.1)
    before = ex.image.value
    ex.set(alpha=0.5)
    assert ex.image.value != before
    alpha = _snapped(ex.controls["alpha"])
    ax_l1, ax_l2 = ex.figure.axes
    w_lasso = Lasso(alpha=alpha, **TIGHT).fit(X, y).coef_
    solution = next(a for a in ax_l1.lines if a.get_gid() == "solution")
    np.testing.assert_allclose([solution.get_xdata()[0], solution.get_ydata()[0]], w_lasso, atol=1e-6)
    assert w_lasso[0] == 0 and "lasso ŵ = (0.00, " in ex.label.value and "exactly 0" in ex.label.value
    region = next(p for p in ax_l1.patches if p.get_gid() == "region").get_xy()
    np.testing.assert_allclose(np.abs(region).sum(axis=1), np.abs(w_lasso).sum(), rtol=1e-6)
    disc = next(p for p in ax_l2.patches if p.get_gid() == "region").get_xy()
    w_ridge = next(a for a in ax_l2.lines if a.get_gid() == "solution")
    radius = math.hypot(w_ridge.get_xdata()[0], w_ridge.get_ydata()[0])
    np.testing.assert_allclose(np.hypot(disc[:, 0], disc[:, 1]), radius, rtol=1e-9)
    ex.set(alpha=0.03)
    assert "exactly 0" not in ex.label.value
    with pytest.raises(ValueError, match="exactly 2 columns"):
        widgets.geometry_explorer(np.c_[X, X], y)
    with pytest.raises(ValueError, match="linearly independent"):
        widgets.geometry_explorer(np.c_[X[:, 0], 2 * X[:, 0]], y)


@pytest.fixture(scope="module")
def groups_data() -> tuple[np.ndarray, ...]:
    return data.make_correlated_groups(80, n_groups=2, group_size=3, correlation=0.95, n_noise_features=2, seed=1)


def test_enet_explorer_two_sliders(groups_data: tuple[np.ndarray, ...]) -> None:
    X, y, coef, groups = groups_data
    ex = widgets.enet_explorer(X, y, groups=groups, coef_true=coef, alpha=0.3, l1_ratio=1.0)
    ax_geo, ax_bars = ex.figure.axes[:2]
    diamond = next(p for p in ax_geo.patches if p.get_gid() == "region").get_xy().copy()
    first = ex.image.value
    ex.set(l1_ratio=0.5)
    assert ex.image.value != first
    rounded = next(p for p in ax_geo.patches if p.get_gid() == "region").get_xy()
    assert not np.allclose(diamond, rounded)  # the region morphed
    ex.set(alpha=0.5)
    alpha, r = _snapped(ex.controls["alpha"]), float(ex.controls["l1_ratio"].value)
    expected = ElasticNet(alpha=alpha, l1_ratio=r, **TIGHT).fit(X, y).coef_
    bars = [p.get_height() for p in ax_bars.patches if str(p.get_gid()).startswith("bar")]
    np.testing.assert_allclose(bars, expected, atol=1e-5)
    assert f"<b>λ = {alpha:.3g}, l1_ratio = 0.50</b>: rounded diamond" in ex.label.value
    assert f"{int(np.sum(expected != 0))} of 8 coefficients non-zero" in ex.label.value
    ex.set(l1_ratio=0.0)
    assert "l1_ratio = 0.00</b>: disc (ridge)" in ex.label.value
    assert ex.n_renders >= 4


def test_enet_explorer_bad_arguments(groups_data: tuple[np.ndarray, ...]) -> None:
    X, y, _, groups = groups_data
    with pytest.raises(ValueError, match="l1_ratio"):
        widgets.enet_explorer(X, y, groups=groups, l1_ratio=1.2)
    with pytest.raises(ValueError, match="l1_ratio_step must divide 1"):
        widgets.enet_explorer(X, y, groups=groups, l1_ratio_step=0.3)
    with pytest.raises(ValueError, match="geometry_features must name two different"):
        widgets.enet_explorer(X, y, groups=groups, geometry_features=(1, 1))
    with pytest.raises(ValueError, match="geometry_features"):
        widgets.enet_explorer(X, y, groups=groups, geometry_features=(0, 99))
    with pytest.raises(ValueError, match="groups must have 8"):
        widgets.enet_explorer(X, y, groups=groups[:3])
