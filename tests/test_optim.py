"""Tests of regviz.optim: what the optimization and search explorers draw, computed once."""

from __future__ import annotations

import math

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pytest

from regviz import optim

# --------------------------------------------------------------------------- plot_contours / plot_path


# --------------------------------------------------------------------------- explorers

Z = np.linspace(-5, 5, 101)
LOSSES = {"bce": np.logaddexp(0, -Z), "mse": (1 / (1 + np.exp(-Z)) - 1) ** 2}
GRADS = {"bce": 1 / (1 + np.exp(-Z)) - 1, "mse": np.gradient(LOSSES["mse"], Z)}


# --------------------------------------------------------------------------- plot_rate_map and momentum_explorer

RATE_LR = np.logspace(-3, -1, 21)
RATE_MOMENTUM = np.linspace(0.0, 0.9, 10)
RATE = np.clip(0.5 + 5 * RATE_LR[None, :] + 0.3 * RATE_MOMENTUM[:, None], 0, 1.2)  # >= 1 in a corner


# --------------------------------------------------------------------------- regviz.optim: what the explorers show


def test_loss_curves_read_each_label_at_a_prediction():
    curves = optim.loss_curves(Z, LOSSES, GRADS)
    at_grid = curves.at(float(Z[30]))
    assert at_grid["bce"] == (pytest.approx(LOSSES["bce"][30]), pytest.approx(GRADS["bce"][30]))
    between = curves.at(float((Z[30] + Z[31]) / 2))["mse"][0]
    assert between == pytest.approx((LOSSES["mse"][30] + LOSSES["mse"][31]) / 2), "linear between grid points"
    assert list(curves.at(0.0)) == ["bce", "mse"]


@pytest.mark.parametrize(
    ("args", "match"),
    [
        ((Z[::-1], LOSSES, GRADS), "x must be strictly increasing"),
        ((Z, LOSSES, {"mse": GRADS["mse"], "bce": GRADS["bce"]}), "same labels in the same order"),
        ((Z, {"bce": LOSSES["bce"][:-1]}, {"bce": GRADS["bce"]}), r"losses\['bce'\] must have shape"),
        ((Z, {}, {}), "at least one curve"),
    ],
)
def test_loss_curves_compute_rejects_bad_arguments(args, match):
    with pytest.raises(ValueError, match=match):
        optim.loss_curves(*args)


def test_optimizer_run_hides_overflow_and_keeps_the_raw_final_loss():
    path = np.array([[1.0, 2.0], [3e7, -1.0], [np.inf, 0.0], [np.nan, 1.0]])
    losses = np.array([4.0, 0.0, 1e301, np.inf])
    run = optim.optimizer_run(path, losses)
    np.testing.assert_array_equal(run.path[:2], [[1.0, 2.0], [1e6, -1.0]])
    assert np.isnan(run.path[2:]).all()
    np.testing.assert_array_equal(np.isnan(run.losses), [False, False, True, True])
    np.testing.assert_array_equal(np.isnan(run.positive_losses), [False, True, True, True])  # 0 is off a log axis
    assert run.final_loss == math.inf and run.n_steps == 3
    assert run.loss_ylim == (pytest.approx(4e-8), pytest.approx(4e3))
    assert optim.optimizer_run(path, [-1.0, 1.0, 1.0, 1.0]).loss_ylim == (1e-8, 1e3), "no positive start: 1"


@pytest.mark.parametrize(
    ("path", "losses", "match"),
    [(np.zeros((3, 3)), np.ones(3), "path must have shape"), (np.zeros((3, 2)), np.ones((3, 1)), "losses must"),
     ("abc", np.ones(3), "array-like")],
)  # fmt: skip
def test_optimizer_run_rejects_bad_shapes(path, losses, match):
    with pytest.raises(ValueError, match=match):
        optim.optimizer_run(path, losses)


def test_path_in_view_cuts_after_the_first_far_iterate_and_clips_it():
    path = np.array([[0.0, 0.0], [0.5, 0.5], [3.5, 0.0], [0.2, 0.2], [np.nan, 0.0]])
    shown = optim.path_in_view(path, (1.0, -1.0), (-1.0, 1.0))  # limits in either order
    np.testing.assert_array_equal(shown[:2], path[:2])
    np.testing.assert_array_equal(shown[2], [3.5, 0.0])  # the first far iterate stays (clipped to 2 views)
    assert np.isnan(shown[3:]).all(), "back in view after leaving it: not drawn"
    far = optim.path_in_view(np.array([[0.0, 0.0], [100.0, 0.0]]), (-1.0, 1.0), (-1.0, 1.0))
    np.testing.assert_array_equal(far[1], [5.0, 0.0])
    with pytest.raises(ValueError, match="xlim"):
        optim.path_in_view(path, (1.0, 1.0), (-1.0, 1.0))


def test_rate_map_reads_the_nearest_cell_on_a_log_scale():
    rates = optim.rate_map(RATE_LR, RATE_MOMENTUM, RATE)
    assert rates.nearest(0.01, 0.5) == pytest.approx(RATE[5, 10])
    # 0.0055 is nearer to 0.01 than to 0.001 on a log scale (and nearer to 0.001 on a linear one)
    rough = optim.rate_map([0.001, 0.01], [0.0, 0.5], [[0.1, 0.2], [0.3, 0.4]])
    assert rough.nearest(0.0035, 0.3) == pytest.approx(0.4)
    with pytest.raises(ValueError, match="rate must have shape"):
        optim.rate_map(RATE_LR, RATE_MOMENTUM, RATE.T)
    with pytest.raises(ValueError, match="lr_values must be > 0"):
        optim.rate_map([0.0, 0.1], [0.0, 0.5], np.ones((2, 2)))


def test_compare_searches_reads_each_method_at_each_budget():
    searches = optim.compare_searches("branin", ("grid", "random"), 12, seed=3, n_init=4)
    assert searches.methods == ("grid", "random") and set(searches.traces) == {"random"}
    assert sorted(searches.grids) == list(range(4, 13))
    random_8 = searches.at("random", 8)
    np.testing.assert_array_equal(random_8.X, searches.traces["random"].X[:8])
    assert (
        random_8.best == float(random_8.y.min())
        and random_8.best_point.tolist() == random_8.X[random_8.y.argmin()].tolist()
    )
    assert random_8.regret == pytest.approx(random_8.best - searches.minimum)
    assert searches.at("grid", 9).n_distinct_u == 3, "a 3 × 3 grid tries 3 values of u"
    assert searches.regret_curves["random"].shape == (1, 12)
    assert np.all(np.diff(searches.regret_curves["random"][0]) <= 0), "best so far never gets worse"
    assert searches.surface.shape == (121, 121) and searches.surface.min() >= searches.minimum - 1e-9
    with pytest.raises(ValueError, match="methods"):
        optim.compare_searches("branin", ("grid",), 12)
    with pytest.raises(ValueError, match="max_budget"):
        optim.compare_searches("branin", ("random",), 4, n_init=4)


# --------------------------------------------------------------------------- checks


def _softmax(z):
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def _ce_grad_right(logits, y):
    g = _softmax(logits)
    g[np.arange(len(y)), y] -= 1
    return g / len(y)
