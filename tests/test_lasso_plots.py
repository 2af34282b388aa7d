"""The lasso / elastic-net figures: what they draw, their scales and labels, and bad input."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pytest
from matplotlib.colors import to_hex
from sklearn.linear_model import Lasso, lasso_path

from regviz import plots, style
from regviz.plots.lasso import LAMBDA_LABEL, METHOD_STYLES


@pytest.fixture(scope="module")
def path() -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(0)
    X = rng.normal(size=(50, 4))
    y = X @ np.array([3.0, -2.0, 0.0, 0.5]) + rng.normal(size=50)
    alphas, coefs, _ = lasso_path(X - X.mean(0), y - y.mean(), alphas=np.geomspace(3, 0.003, 40))
    return alphas, coefs


def test_lasso_path_axes_marker_and_labels(path: tuple[np.ndarray, np.ndarray]) -> None:
    alphas, coefs = path
    ax = plots.plot_lasso_path(alphas, coefs, feature_names=["a", "b", "c", "d"], current=0.1)
    assert ax.get_xscale() == "log" and ax.get_xlabel() == LAMBDA_LABEL
    marker = next(a for a in ax.lines if a.get_gid() == "marker")
    assert list(marker.get_xdata()) == [0.1, 0.1]
    assert to_hex(marker.get_color()) == style.COLORS["highlight"].lower()
    curves = [a for a in ax.lines if a.get_label() in "abcd" and len(a.get_label()) == 1]
    assert len(curves) == 4
    # lines are drawn with lambda increasing: the left end is the least regularised fit
    assert np.all(np.diff(curves[0].get_xdata()) > 0)
    assert curves[0].get_ydata()[-1] == 0.0  # all zero at the largest lambda
    assert sorted(t.get_text() for t in ax.texts) == ["a", "b", "c", "d"]
    legend_ax = plots.plot_lasso_path(alphas, coefs, label_lines=False)
    assert legend_ax.get_legend() is not None and not legend_ax.texts


def test_lasso_path_rejects_bad_input(path: tuple[np.ndarray, np.ndarray]) -> None:
    alphas, coefs = path
    with pytest.raises(ValueError, match="alphas must all be > 0"):
        plots.plot_lasso_path(np.r_[0.0, alphas[1:]], coefs)
    with pytest.raises(ValueError, match="coefs must have shape"):
        plots.plot_lasso_path(alphas, coefs[:, :-1])
    with pytest.raises(ValueError, match="feature_names must have 4"):
        plots.plot_lasso_path(alphas, coefs, feature_names=["a"])
    with pytest.raises(ValueError, match="current must be in"):
        plots.plot_lasso_path(alphas, coefs, current=100.0)
    with pytest.raises(ValueError, match="monotonic"):
        plots.plot_lasso_path(np.array([1.0, 2.0, 1.5, 3.0, 4.0, 5.0]), coefs[:, :6])


def test_error_vs_alpha_roles() -> None:
    alphas = np.geomspace(0.01, 10, 20)
    train, val = np.linspace(1, 2, 20), (np.log10(alphas) - 0.2) ** 2 + 1
    ax = plots.plot_error_vs_alpha(alphas, train, val, current=1.0)
    lines = {a.get_label(): a for a in ax.lines}
    assert to_hex(lines["training"].get_color()) == style.COLORS["train"].lower()
    assert lines["training"].get_linestyle() == "-"
    assert to_hex(lines["validation"].get_color()) == style.COLORS["validation"].lower()
    assert lines["validation"].get_linestyle() == "--"
    best = lines[r"best $\lambda$ (validation)"]
    assert best.get_xdata()[0] == alphas[np.argmin(val)]
    assert ax.get_xscale() == "log"
    with pytest.raises(ValueError, match="same number of samples"):
        plots.plot_error_vs_alpha(alphas, train[:-1], val)


def test_coef_comparison_marks_exact_zeros_only() -> None:
    X = np.random.default_rng(1).normal(size=(40, 5))
    y = X[:, 0] * 3 + np.random.default_rng(2).normal(size=40)
    coef = Lasso(alpha=0.5).fit(X, y).coef_
    ax = plots.plot_coef_comparison(
        {"lasso": coef, "ridge, same training MSE": coef + 1e-9}, feature_names=list("abcde")
    )
    zeros = next(c for c in ax.collections if c.get_gid() == "zeros:lasso")
    assert len(zeros.get_offsets()) == int(np.sum(coef == 0)) >= 1
    ridge_zeros = next(c for c in ax.collections if c.get_gid() == "zeros:ridge, same training MSE")
    assert len(ridge_zeros.get_offsets()) == 0  # 1e-9 is small, not zero
    lasso_bars = [p for p in ax.patches if p.get_gid() == "bars:lasso"]
    ridge_bars = [p for p in ax.patches if p.get_gid() == "bars:ridge, same training MSE"]
    assert [b.get_height() for b in lasso_bars] == pytest.approx(coef)
    assert to_hex(lasso_bars[0].get_facecolor()) == METHOD_STYLES["lasso"]["color"].lower()
    assert to_hex(ridge_bars[0].get_facecolor()) == METHOD_STYLES["ridge"]["color"].lower()
    assert [t.get_text() for t in ax.get_xticklabels()] == list("abcde")
    with pytest.raises(ValueError, match="legend_loc"):
        plots.plot_coef_comparison({"lasso": coef}, legend_loc="top")
    with pytest.raises(ValueError, match="must have 5 entries"):
        plots.plot_coef_comparison({"lasso": coef, "ridge": coef[:3]})
    with pytest.raises(ValueError, match="non-empty mapping"):
        plots.plot_coef_comparison({})


def test_constraint_geometry_touches_at_the_solution() -> None:
    rng = np.random.default_rng(0)
    X = rng.normal(size=(80, 2))
    y = X @ np.array([0.3, 2.0]) + rng.normal(size=80)
    w = Lasso(alpha=0.6).fit(X, y).coef_
    assert w[0] == 0.0
    ax = plots.plot_constraint_geometry(X, y, w, l1_ratio=1.0)
    region = next(p for p in ax.patches if p.get_gid() == "region")
    vertices = region.get_xy()
    np.testing.assert_allclose(np.abs(vertices).sum(axis=1), np.abs(w).sum(), rtol=1e-10)  # the diamond through w
    solution = next(a for a in ax.lines if a.get_gid() == "solution")
    assert list(solution.get_xdata()) == [w[0]] and list(solution.get_ydata()) == [w[1]]
    contact = next(a for a in ax.lines if a.get_gid() == "contact")
    pts = np.c_[contact.get_xdata(), contact.get_ydata()]
    assert np.min(np.hypot(*(pts - w).T)) < 0.05  # the touching contour passes through the solution
    assert ax.get_aspect() == 1.0 and ax.get_xlabel() == r"$w_1$"
    with pytest.raises(ValueError, match="exactly 2 columns"):
        plots.plot_constraint_geometry(np.c_[X, X], y, w)
    with pytest.raises(ValueError, match="coef must have shape"):
        plots.plot_constraint_geometry(X, y, np.zeros(3))
    with pytest.raises(ValueError, match="l1_ratio"):
        plots.plot_constraint_geometry(X, y, w, l1_ratio=1.5)


def test_soft_threshold_plot_and_validation() -> None:
    ax = plots.plot_soft_threshold(1.0)
    lasso = next(a for a in ax.lines if a.get_label() == "lasso: $S(z, t)$")
    z, w = lasso.get_xdata(), lasso.get_ydata()
    assert np.all(w[np.abs(z) <= 1.0] == 0) and np.all(w[np.abs(z) > 1.0] != 0)
    with pytest.raises(ValueError, match="threshold"):
        plots.plot_soft_threshold(-1.0)
    with pytest.raises(ValueError, match="z_max"):
        plots.plot_soft_threshold(2.0, z_max=1.0)


def test_cv_plots() -> None:
    rng = np.random.default_rng(0)
    alphas = np.geomspace(10, 0.01, 15)
    mse = 1 + (np.log10(alphas)[:, None] - 0.5) ** 2 + rng.normal(0, 0.1, (15, 5))
    ax = plots.plot_cv_curve(alphas, mse, best_alpha=alphas[4])
    assert ax.get_xscale() == "log" and ax.get_ylabel() == "validation MSE (per fold)"
    with pytest.raises(ValueError, match="mse_path must have shape"):
        plots.plot_cv_curve(alphas, mse[:, :1])
    ratios = np.array([0.1, 0.5, 1.0])
    grid = np.stack([mse.mean(axis=1) * (1 + r) for r in ratios])
    grid[1, 7] = 0.1  # the best cell
    ax = plots.plot_cv_heatmap(alphas, ratios, grid)
    star = next(a for a in ax.lines if a.get_marker() == "*")
    assert star.get_xdata()[0] == pytest.approx(alphas[7]) and star.get_ydata()[0] == 1
    assert len(ax.figure.axes) == 2  # the colour bar
    assert [t.get_text() for t in ax.get_yticklabels()] == ["0.1", "0.5", "1"]
    with pytest.raises(ValueError, match="mse must have shape"):
        plots.plot_cv_heatmap(alphas, ratios, grid.T)
    with pytest.raises(ValueError, match="l1_ratios"):
        plots.plot_cv_heatmap(alphas, [0.5, 0.1, 1.0], grid)
    with pytest.raises(ValueError, match="max_ratio"):
        plots.plot_cv_heatmap(alphas, ratios, grid, max_ratio=1.0)
    mesh = next(c for c in ax.collections if c.get_gid() == "heatmap")
    assert mesh.norm.vmin == pytest.approx(0.1) and mesh.norm.vmax == pytest.approx(0.15)


def test_group_and_selection_plots() -> None:
    groups = np.array([0, 0, 1, 1, -1])
    coef = np.array([1.0, 0.0, -2.0, -1.5, 0.0])
    ax = plots.plot_group_coefs(coef, groups, coef_true=np.array([1, 1, -2, -2, 0.0]), ylim=(-3, 3))
    assert len(next(c for c in ax.collections if c.get_gid() == "zeros").get_offsets()) == 2
    bars = [p for p in ax.patches if str(p.get_gid()).startswith("bar")]
    assert to_hex(bars[0].get_facecolor()) == to_hex(bars[1].get_facecolor()) != to_hex(bars[2].get_facecolor())
    assert ax.get_ylim() == (-3.0, 3.0)
    with pytest.raises(ValueError, match="ylim"):
        plots.plot_group_coefs(coef, groups, ylim=(3, -3))
    ax = plots.plot_selection_frequency([1.0, 0.5, 0.2, 0.9, 0.0], groups=groups)
    assert ax.get_ylim()[1] == pytest.approx(1.05) and ax.get_ylabel() == "selection frequency"
    with pytest.raises(ValueError, match=r"frequency must hold values in \[0, 1\]"):
        plots.plot_selection_frequency([1.5, 0.2])
    ax = plots.plot_n_nonzero(
        np.geomspace(0.1, 1, 5), {"lasso": [5, 4, 3, 1, 0], "elastic net": [9, 8, 6, 3, 0]}, limit=6
    )
    assert ax.get_ylabel() == "non-zero coefficients"
    with pytest.raises(ValueError, match="limit"):
        plots.plot_n_nonzero(np.geomspace(0.1, 1, 5), {"lasso": [5, 4, 3, 1, 0]}, limit=-1)
