"""Tests of regviz.plots.surfaces: contours and paths, rate maps, geometry, decision boundaries, trials."""

from __future__ import annotations

import matplotlib.colors
import matplotlib.pyplot as plt
import numpy as np
import pytest
from sklearn.linear_model import Lasso

from regviz import data, plots
from regviz.plots import surfaces
from regviz.plots._axes import OPTIMIZER_STYLES
from regviz.style import CLASS_COLORS


def _gid(ax, gid):
    return next(a for a in [*ax.lines, *ax.collections] if a.get_gid() == gid)


W0 = np.linspace(-2, 2, 30)


W1 = np.linspace(-1, 1, 20)


LOSS = W0[None, :] ** 2 + 10 * W1[:, None] ** 2


RATE_LR = np.logspace(-3, -1, 21)


RATE_MOMENTUM = np.linspace(0.0, 0.9, 10)


RATE = np.clip(0.5 + 5 * RATE_LR[None, :] + 0.3 * RATE_MOMENTUM[:, None], 0, 1.2)  # >= 1 in a corner


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


def test_boundary_grid_covers_the_data_with_a_margin() -> None:
    X = np.array([[0.0, 1.0], [2.0, 3.0], [1.0, 2.0]])
    grid = plots.boundary_grid(X, resolution=11, margin=0.5)
    assert grid.extent == (-0.5, 2.5, 0.5, 3.5)
    assert grid.shape == (11, 11) and grid.points.shape == (121, 2)
    assert np.allclose(grid.points[0], [-0.5, 0.5]) and np.allclose(grid.points[-1], [2.5, 3.5])
    # the first row of the grid is the bottom row (y_min), as imshow(origin="lower") draws it
    assert np.allclose(grid.yy[0], 0.5)


def test_plot_decision_boundary_draws_probability_contour_and_classes() -> None:
    X, y = data.make_noisy_2d_classes(60, kind="blobs", noise=0.3, label_noise=0.0, seed=3)
    grid = plots.boundary_grid(X, resolution=40)
    proba = 1 / (1 + np.exp(-(grid.points.sum(axis=1)))).reshape(grid.shape)
    ax = plots.plot_decision_boundary(X, y, proba, extent=grid.extent, title="a line")
    image = next(a for a in ax.images if a.get_gid() == "proba")
    assert image.get_clim() == (0.0, 1.0) and image.origin == "lower"
    assert np.allclose(image.get_array(), proba)
    assert any(c.get_gid() == "boundary" for c in ax.collections)
    points = {c.get_gid(): c for c in ax.collections if str(c.get_gid()).startswith("points")}
    assert len(points["points0"].get_offsets()) == int(np.sum(y == 0))
    assert matplotlib.colors.to_hex(points["points1"].get_facecolor()[0]) == CLASS_COLORS[1].lower()
    assert ax.get_xlabel() == "$x_1$" and ax.get_ylabel() == "$x_2$" and ax.get_title() == "a line"
    assert ax.get_xlim() == grid.extent[:2]


def test_plot_decision_boundary_without_a_crossing_has_no_contour() -> None:
    X = np.array([[0.0, 0.0], [1.0, 1.0]])
    ax = plots.plot_decision_boundary(X, [0, 1], np.full((5, 5), 0.2), extent=(0, 1, 0, 1))
    assert not any(c.get_gid() == "boundary" for c in ax.collections)


def test_plot_decision_boundary_rejects_bad_input() -> None:
    X = np.zeros((3, 2))
    proba = np.full((4, 4), 0.5)
    with pytest.raises(ValueError, match="X must have 2 columns"):
        plots.plot_decision_boundary(np.zeros((3, 3)), [0, 1, 0], proba, extent=(0, 1, 0, 1))
    with pytest.raises(ValueError, match="y must hold labels 0 and 1"):
        plots.plot_decision_boundary(X, [0, 1, 2], proba, extent=(0, 1, 0, 1))
    with pytest.raises(ValueError, match=r"proba must hold probabilities in \[0, 1\]"):
        plots.plot_decision_boundary(X, [0, 1, 0], proba + 1, extent=(0, 1, 0, 1))
    with pytest.raises(ValueError, match="extent must satisfy"):
        plots.plot_decision_boundary(X, [0, 1, 0], proba, extent=(1, 0, 0, 1))
    with pytest.raises(ValueError, match="same number of samples"):
        plots.plot_decision_boundary(X, [0, 1], proba, extent=(0, 1, 0, 1))
    with pytest.raises(ValueError, match=r"resolution must be an integer in \[10, 1000\]"):
        plots.boundary_grid(X, resolution=5)


def test_update_decision_boundary_moves_the_image_and_the_contour() -> None:
    X = np.array([[0.0, 0.0], [1.0, 1.0]])
    xs = np.linspace(0, 1, 5)
    ax = plots.plot_decision_boundary(X, [0, 1], np.full((5, 5), 0.2), extent=(0, 1, 0, 1))
    assert not any(c.get_gid() == "boundary" for c in ax.collections)
    proba = np.tile(xs, (5, 1))  # 0.5 halfway along x_1
    surfaces.update_decision_boundary(ax, proba, (0, 1, 0, 1))
    image = next(a for a in ax.images if a.get_gid() == "proba")
    np.testing.assert_array_equal(image.get_array(), proba)
    assert sum(c.get_gid() == "boundary" for c in ax.collections) == 1
    with pytest.raises(ValueError, match="ax must be axes drawn by plot_decision_boundary"):
        surfaces.update_decision_boundary(plt.figure().add_subplot(), proba, (0, 1, 0, 1))


def test_contours_have_labels_limits_and_minimum():
    ax = plots.plot_contours(W0, W1, LOSS, minimum=(0.0, 0.0), xlabel="a", ylabel="b", equal_aspect=True)
    assert ax.get_xlabel() == "a" and ax.get_ylabel() == "b"
    assert ax.get_xlim() == (-2.0, 2.0) and ax.get_ylim() == (-1.0, 1.0)
    assert ax.get_aspect() == 1.0
    assert _gid(ax, "minimum").get_xydata().tolist() == [[0.0, 0.0]]
    levels = _gid(ax, "contours").levels
    assert len(levels) == 15 and np.all(np.diff(levels) > 0)
    # geometric spacing: the gaps grow
    assert np.diff(levels)[-1] > 10 * np.diff(levels)[0]


def test_contours_even_levels():
    ax = plots.plot_contours(W0, W1, LOSS, levels=4, log_levels=False)
    gaps = np.diff(_gid(ax, "contours").levels)
    np.testing.assert_allclose(gaps, gaps[0])


@pytest.mark.parametrize(
    ("args", "kwargs", "match"),
    [
        ((W0, W1, LOSS.T), {}, "shape"),
        ((W0[::-1], W1, LOSS), {}, "increasing"),
        ((W0, W1, np.ones_like(LOSS)), {}, "constant"),
        ((W0, W1, LOSS), {"levels": 1}, "levels"),
        ((W0, W1, LOSS), {"minimum": (0.0, 0.0, 0.0)}, "minimum"),
        ((W0, W1, LOSS), {"equal_aspect": 1}, "equal_aspect"),
    ],
)
def test_contours_reject_bad_arguments(args, kwargs, match):
    with pytest.raises(ValueError, match=match):
        plots.plot_contours(*args, **kwargs)


def test_path_over_contours_keeps_the_view_and_drops_overflow():
    ax = plots.plot_contours(W0, W1, LOSS)
    path = np.array([[1.0, 0.5], [0.5, -0.5], [3.0, 0.9], [50.0, 50.0], [0.0, 0.0], [np.inf, 0.0]])
    plots.plot_path(path, label="gd", ax=ax)
    assert ax.get_xlim() == (-2.0, 2.0) and ax.get_ylim() == (-1.0, 1.0)
    drawn = np.asarray(_gid(ax, "path:gd").get_xydata(), dtype=float)
    np.testing.assert_allclose(drawn[:3], path[:3])  # just outside the view: still drawn
    assert np.isfinite(drawn[3]).all(), "the first far-away iterate is drawn, so the path leaves the view"
    assert np.isnan(drawn[4:]).all(), "after it, nothing is drawn (not even iterates back in view)"
    assert _gid(ax, "start:gd").get_xydata().tolist() == [[1.0, 0.5]]
    assert [t.get_text() for t in ax.legend().get_texts()] == ["gd"]


def test_path_style_index_picks_colour():
    ax = plots.plot_path(np.zeros((3, 2)), label="p", style=2, markers=False)
    assert matplotlib.colors.same_color(_gid(ax, "path:p").get_color(), OPTIMIZER_STYLES[2][0])


@pytest.mark.parametrize(
    ("path", "kwargs", "match"),
    [
        (np.zeros((3, 3)), {}, "shape"),
        (np.zeros(3), {}, "shape"),
        (np.array([[np.nan, 0.0], [0.0, 0.0]]), {}, "start"),
        (np.zeros((3, 2)), {"style": -1}, "style"),
        (np.zeros((3, 2)), {"label": 3}, "label"),
        ("abc", {}, "path"),
    ],
)
def test_path_rejects_bad_arguments(path, kwargs, match):
    with pytest.raises(ValueError, match=match):
        plots.plot_path(path, **kwargs)


def test_rate_map_masks_no_convergence_and_marks_points():
    ax = plots.plot_rate_map(RATE_LR, RATE_MOMENTUM, RATE, current=(0.01, 0.5), best=(0.002, 0.1), title="t")
    mesh = _gid(ax, "rate")
    values = mesh.get_array()
    assert np.ma.is_masked(values) and values.mask.sum() == int(np.sum(RATE >= 1))
    assert ax.get_xscale() == "log" and ax.get_xlim() == pytest.approx((1e-3, 1e-1))
    assert ax.get_xlabel() == r"learning rate $\eta$" and ax.get_ylabel() == r"momentum $\gamma$"
    assert _gid(ax, "current").get_xdata()[0] == pytest.approx(0.01)
    assert _gid(ax, "best").get_ydata()[0] == pytest.approx(0.1)
    assert len(ax.figure.axes) == 2, "a colour bar"
    norm = mesh.norm
    assert norm(0.9) < norm(0.99) < norm(0.999), "the colour scale grows with the rate"
    assert norm(0.99) - norm(0.9) == pytest.approx(norm(0.999) - norm(0.99), rel=0.05), "even in log steps"
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert any("no convergence" in t for t in labels) and "fastest" in labels


@pytest.mark.parametrize(
    ("args", "kwargs", "match"),
    [
        ((RATE_LR[::-1], RATE_MOMENTUM, RATE[:, ::-1]), {}, "lr must be strictly increasing"),
        ((RATE_LR, np.linspace(0, 1, 10), RATE), {}, "momentum must be"),
        ((RATE_LR, RATE_MOMENTUM, RATE.T), {}, "rate must have shape"),
        ((RATE_LR, RATE_MOMENTUM, -RATE), {}, "rate must be >= 0"),
        ((RATE_LR, RATE_MOMENTUM, RATE), {"levels": (0.9, 1.5)}, "levels"),
        ((RATE_LR, RATE_MOMENTUM, RATE), {"current": (1.0, 0.5)}, r"current\[0\]"),
        ((RATE_LR, RATE_MOMENTUM, RATE), {"best": 0.5}, "best must be"),
        ((RATE_LR, RATE_MOMENTUM, RATE), {"colorbar": "yes"}, "colorbar"),
    ],
)
def test_rate_map_rejects_bad_arguments(args, kwargs, match):
    with pytest.raises(ValueError, match=match):
        plots.plot_rate_map(*args, **kwargs)


def test_cv_heatmap_stars_the_best_cell() -> None:
    rng = np.random.default_rng(0)
    alphas = np.geomspace(10, 0.01, 15)
    mse = 1 + (np.log10(alphas)[:, None] - 0.5) ** 2 + rng.normal(0, 0.1, (15, 5))
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


def test_plot_trials_2d_stars_the_best_point() -> None:
    X = np.array([[0.1, 0.2], [0.5, 0.5], [0.9, 0.1]])
    y = np.array([3.0, 1.0, 2.0])
    s = np.linspace(0, 1, 11)
    ax = plots.plot_trials_2d(
        X, y, background=(s, s, np.add.outer(s, s)), colorbar=True, xlabel="u", ylabel="v", title="t"
    )
    assert (ax.get_xlabel(), ax.get_ylabel(), ax.get_title()) == ("u", "v", "t")
    best = next(a for a in ax.lines if a.get_gid() == "best")
    assert list(best.get_xdata()) == [0.5] and list(best.get_ydata()) == [0.5]
    assert any(im.get_gid() == "background" for im in ax.images)
    assert len(ax.figure.axes) == 2  # the colour bar
    with pytest.raises(ValueError, match=r"X must have shape \(n_evals, 2\)"):
        plots.plot_trials_2d(np.zeros((3, 3)), y)
