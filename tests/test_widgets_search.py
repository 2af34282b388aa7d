"""Tests of regviz.widgets.search: the search explorer of notebooks 12 and 13."""

from __future__ import annotations

import matplotlib
import numpy as np
import pytest

matplotlib.use("Agg")

from regviz import search
from regviz.widgets import search_explorer


def test_search_explorer_updates_in_place():
    explorer = search_explorer("branin", method="random", budget=8, max_budget=12, seed=0)
    ax_pts = explorer.figure.axes[0]
    trials = next(c for c in ax_pts.collections if c.get_gid() == "trials")
    assert len(trials.get_offsets()) == 8
    before = explorer.image.value
    n_artists = len(ax_pts.get_children())
    explorer.set(method="gp-ei", budget=12)
    assert explorer.image.value != before
    assert len(trials.get_offsets()) == 12
    assert ax_pts.get_title().startswith("Bayesian (GP + EI): 12 evaluations")
    assert len(ax_pts.get_children()) == n_artists  # moved, not redrawn
    explorer.set(method="grid", budget=9)
    assert len(np.unique(trials.get_offsets()[:, 0])) == 3
    assert "3 distinct values of u" in explorer.label.value
    times = []
    for method in search.SEARCH_METHODS:
        explorer.set(method=method, budget=10)
        times.append(explorer.last_render_seconds)
    assert np.median(times) < 2.0
    with pytest.raises(ValueError, match="budget must be an integer"):
        search_explorer(budget=3, max_budget=12)
    with pytest.raises(ValueError, match="method must be one of"):
        search_explorer(method="hyperband")


def test_search_explorer_offers_only_the_methods_asked_for():
    explorer = search_explorer("low_effective_dim", method="grid", methods=("grid", "random"), budget=9,
                               max_budget=12, seed=0)  # fmt: skip
    assert [value for _, value in explorer.controls["method"].options] == ["grid", "random"]
    ax_curve = explorer.figure.axes[1]
    assert {a.get_gid() for a in ax_curve.lines} >= {"median:random", "grid"}
    assert not any(a.get_gid() in ("median:gp-ei", "median:tpe") for a in ax_curve.lines)
    before = explorer.image.value
    explorer.set(method="random", budget=12)
    assert explorer.image.value != before and "12 distinct values of u" in explorer.label.value
    no_grid = search_explorer("branin", method="tpe", methods=("random", "tpe"), budget=6, max_budget=8, seed=0)
    assert not any(a.get_gid() == "grid" for a in no_grid.figure.axes[1].lines)
    no_grid.set(method="random", budget=8)
    for bad, message in [
        (("grid",), "not only 'grid'"),
        (("random", "random"), "distinct names"),
        ((), "non-empty sequence"),
        ("random", "non-empty sequence"),
        (("random", "bayes"), "methods must be one of"),
    ]:
        with pytest.raises(ValueError, match=message):
            search_explorer(method="random", methods=bad)
    with pytest.raises(ValueError, match="method must be one of"):
        search_explorer(method="tpe", methods=("grid", "random"))
