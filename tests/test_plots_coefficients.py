"""Tests of regviz.plots.coefficients: coefficient paths, bars, norms, groups, histograms and bad input."""

from __future__ import annotations

from typing import Any

import matplotlib.colors
import numpy as np
import pytest
from matplotlib.colors import to_hex
from sklearn.linear_model import Lasso, lasso_path

from regviz import plots, style
from regviz.data import load_diabetes
from regviz.plots._axes import LAMBDA_LABEL, METHOD_STYLES
from regviz.ridge import (
    RidgeSVD,
    ridge_path,
)


@pytest.fixture(scope="module")
def path() -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(0)
    X = rng.normal(size=(50, 4))
    y = X @ np.array([3.0, -2.0, 0.0, 0.5]) + rng.normal(size=50)
    alphas, coefs, _ = lasso_path(X - X.mean(0), y - y.mean(), alphas=np.geomspace(3, 0.003, 40))
    return alphas, coefs


@pytest.fixture(scope="module")
def diabetes() -> tuple[np.ndarray, np.ndarray]:
    data = load_diabetes()
    return data.X, data.y


def test_lasso_path_axes_marker_and_labels(path: tuple[np.ndarray, np.ndarray]) -> None:
    alphas, coefs = path
    ax = plots.plot_coef_path(alphas, coefs.T, feature_names=["a", "b", "c", "d"], current=0.1, label_lines=True)
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
    legend_ax = plots.plot_coef_path(alphas, coefs.T)
    assert legend_ax.get_legend() is not None and not legend_ax.texts


def test_lasso_path_rejects_bad_input(path: tuple[np.ndarray, np.ndarray]) -> None:
    alphas, coefs = path
    with pytest.raises(ValueError, match="alphas must all be > 0"):
        plots.plot_coef_path(np.r_[0.0, alphas[1:]], coefs.T)
    with pytest.raises(ValueError, match="coefs must have shape"):
        plots.plot_coef_path(alphas, coefs[:, :-1].T)
    with pytest.raises(ValueError, match="feature_names must have 4"):
        plots.plot_coef_path(alphas, coefs.T, feature_names=["a"])
    with pytest.raises(ValueError, match="current must be in"):
        plots.plot_coef_path(alphas, coefs.T, current=100.0)
    with pytest.raises(ValueError, match="monotonic"):
        plots.plot_coef_path(np.array([1.0, 2.0, 1.5, 3.0, 4.0, 5.0]), coefs[:, :6].T)


def test_coef_bars_mapping_marks_exact_zeros_only() -> None:
    X = np.random.default_rng(1).normal(size=(40, 5))
    y = X[:, 0] * 3 + np.random.default_rng(2).normal(size=40)
    coef = Lasso(alpha=0.5).fit(X, y).coef_
    ax = plots.plot_coef_bars({"lasso": coef, "ridge, same training MSE": coef + 1e-9}, feature_names=list("abcde"))
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
        plots.plot_coef_bars({"lasso": coef}, legend_loc="top")
    with pytest.raises(ValueError, match="legend_loc"):
        plots.plot_coef_bars(coef, legend_loc="top")
    with pytest.raises(ValueError, match=r"coef\['ridge'\] must have 5 entries"):
        plots.plot_coef_bars({"lasso": coef, "ridge": coef[:3]})
    with pytest.raises(ValueError, match="non-empty mapping"):
        plots.plot_coef_bars({})
    with pytest.raises(ValueError, match="mark_zeros must be True or False"):
        plots.plot_coef_bars(coef, mark_zeros="no")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("vector", "match"),
    [
        ([1.0, np.nan], r"coef\['ridge'\] must contain only finite values"),
        ([], r"coef\['ridge'\]"),
        ([[1.0, 2.0]], r"coef\['ridge'\] must have 1 dimension"),
        ("abc", r"coef\['ridge'\]"),
    ],
)
def test_coef_bars_mapping_rejects_a_bad_vector_by_its_label(vector: Any, match: str) -> None:
    with pytest.raises(ValueError, match=match):
        plots.plot_coef_bars({"lasso": [1.0, 0.0], "ridge": vector})
    with pytest.raises(ValueError, match=r"rotation must be in \[0, 90\]"):
        plots.plot_coef_bars({"lasso": [1.0, 0.0]}, rotation=120)


def _former_coef_comparison(coefs: dict[str, Any], **kw: Any) -> Any:
    """What ``plot_coef_comparison`` drew before it merged into ``plot_coef_bars`` (its code, frozen)."""
    import matplotlib.pyplot as plt

    from regviz.plots.coefficients import _draw_method_bars, _feature_names

    mark_zeros, legend_loc = kw.get("mark_zeros", True), kw.get("legend_loc", "best")
    vectors = {label: np.asarray(v, float) for label, v in coefs.items()}
    names = _feature_names(kw.get("feature_names"), len(next(iter(vectors.values()))))
    ax = plt.subplots()[1]
    x = np.arange(len(names))
    for i, (label, v) in enumerate(vectors.items()):
        _draw_method_bars(ax, x, v, label, i, len(vectors), mark_zeros)
    ax.axhline(0.0, color=style.COLORS["reference"], lw=0.8)
    ax.set_xticks(x, names, rotation=45 if max(len(s) for s in names) > 3 else 0, fontsize="small")
    ax.set_xlabel("feature")
    ax.set_ylabel(kw.get("ylabel", r"coefficient $w_j$"))
    ax.legend(loc=legend_loc, fontsize="small", title="× = exactly 0" if mark_zeros else None, title_fontsize="x-small")
    ax.grid(axis="x", visible=False)
    return ax


def _bar_facts(ax: Any) -> list[tuple[Any, ...]]:
    facts: list[tuple[Any, ...]] = [
        (p.get_gid(), p.get_x(), p.get_width(), p.get_height(), p.get_facecolor(), p.get_edgecolor(), p.get_hatch())
        for p in ax.patches
    ]
    facts += [(c.get_gid(), c.get_offsets().tolist(), c.get_zorder()) for c in ax.collections]
    facts += [(t.get_text(), t.get_rotation(), t.get_fontsize()) for t in ax.get_xticklabels()]
    legend = ax.get_legend()
    facts += [legend.get_title().get_text(), [t.get_text() for t in legend.get_texts()], legend._loc]
    return [*facts, ax.get_xlim(), ax.get_ylim(), ax.get_xlabel(), ax.get_ylabel()]


@pytest.mark.parametrize(
    ("coefs", "kw"),
    [
        ({"lasso": [1.0, 0.0, -2.0], "ridge, same training MSE": [0.8, 0.1, -1.5]}, {"feature_names": ["a", "b", "c"]}),
        ({"true": [1.0, 0.0, 0.0, 2.0], "lasso": [0.9, 0.0, 0.1, 1.8]}, {}),
        (
            {"correlation with y": [0.3, -0.1, 0.6]},
            {"feature_names": ["age", "bmi", "s5"], "mark_zeros": False, "ylabel": "correlation"},
        ),
        (
            {"lasso": [0.5, 0.0], "ridge": [0.4, 0.2]},
            {"feature_names": ["long name", "x"], "legend_loc": "upper center"},
        ),
    ],
)
def test_coef_bars_mapping_draws_what_coef_comparison_drew(coefs: dict[str, Any], kw: dict[str, Any]) -> None:
    old, new = _former_coef_comparison(coefs, **kw), plots.plot_coef_bars(coefs, **kw)
    assert _bar_facts(new) == _bar_facts(old)
    for ax in (old, new):
        ax.figure.canvas.draw()
    assert np.array_equal(np.asarray(new.figure.canvas.buffer_rgba()), np.asarray(old.figure.canvas.buffer_rgba()))


def test_coef_bars_mapping_takes_limits_scale_and_rotation() -> None:
    ax = plots.plot_coef_bars({"lasso": [1.0, 0.0], "ridge": [50.0, -3.0]}, ylim=(-100, 100), symlog=1.0, rotation=30)
    assert ax.get_ylim() == (-100, 100) and ax.get_yscale() == "symlog"
    assert [t.get_rotation() for t in ax.get_xticklabels()] == [30.0, 30.0]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["x0", "x1"]


def _former_group_coefs(coef: Any, groups: Any, **kw: Any) -> Any:
    """What ``plot_group_coefs`` drew before it merged into ``plot_coef_bars`` (its code, frozen)."""
    import matplotlib.pyplot as plt

    from regviz.plots.coefficients import _feature_names, _group_colors, _group_handles

    w, g = np.asarray(coef, float), np.asarray(groups)
    names = _feature_names(kw.get("feature_names"), len(w))
    ax = plt.subplots()[1]
    x = np.arange(len(w))
    bars = ax.bar(x, w, 0.7, color=_group_colors(g), edgecolor="white")
    for j, patch in enumerate(bars.patches):
        patch.set_gid(f"bar{j}")
    zero = w == 0
    zeros = ax.scatter(
        x[zero], np.zeros(int(zero.sum())), marker="x", s=30, color=style.COLORS["reference"], zorder=4, linewidths=1.5
    )
    zeros.set_gid("zeros")
    handles: list[Any] = _group_handles(g)
    if kw.get("coef_true") is not None:
        true = np.asarray(kw["coef_true"], float)
        truth = ax.hlines(true, x - 0.4, x + 0.4, color=style.COLORS["reference"], lw=2, label="true coefficient")
        truth.set_gid("truth")
        handles.append(truth)
    ax.axhline(0.0, color=style.COLORS["reference"], lw=0.8)
    if kw.get("ylim") is not None:
        ax.set_ylim(float(kw["ylim"][0]), float(kw["ylim"][1]))
    ax.set_xticks(x, names, fontsize="small")
    ax.set_xlabel("feature")
    ax.set_ylabel(r"coefficient $w_j$")
    ax.legend(
        handles=handles, loc="lower right", fontsize="x-small", ncols=2, title="× = exactly 0", title_fontsize="x-small"
    )
    ax.grid(axis="x", visible=False)
    return ax


@pytest.mark.parametrize(
    "kw",
    [
        {},
        {"coef_true": [1.0, 1.0, -2.0, -2.0, 0.0, 0.5], "feature_names": list("abcdef")},
        {"coef_true": [1.0, 1.0, -2.0, -2.0, 0.0, 0.5], "ylim": (-3, 3)},
    ],
)
def test_coef_bars_by_group_draws_what_group_coefs_drew(kw: dict[str, Any]) -> None:
    coef, groups = np.array([1.0, 0.0, -2.0, -1.5, 0.0, 0.4]), np.array([0, 0, 1, 1, -1, 2])
    old, new = _former_group_coefs(coef, groups, **kw), plots.plot_coef_bars(coef, groups=groups, **kw)
    old_facts, new_facts = _bar_facts(old), _bar_facts(new)
    assert new_facts == old_facts
    assert [h.get_label() for h in new.get_legend().legend_handles] == [
        h.get_label() for h in old.get_legend().legend_handles
    ]
    for ax in (old, new):
        ax.figure.canvas.draw()
    assert np.array_equal(np.asarray(new.figure.canvas.buffer_rgba()), np.asarray(old.figure.canvas.buffer_rgba()))


def test_group_and_selection_plots() -> None:
    groups = np.array([0, 0, 1, 1, -1])
    coef = np.array([1.0, 0.0, -2.0, -1.5, 0.0])
    ax = plots.plot_coef_bars(coef, groups=groups, coef_true=np.array([1, 1, -2, -2, 0.0]), ylim=(-3, 3))
    assert len(next(c for c in ax.collections if c.get_gid() == "zeros").get_offsets()) == 2
    bars = [p for p in ax.patches if str(p.get_gid()).startswith("bar")]
    assert to_hex(bars[0].get_facecolor()) == to_hex(bars[1].get_facecolor()) != to_hex(bars[2].get_facecolor())
    assert ax.get_ylim() == (-3.0, 3.0)
    with pytest.raises(ValueError, match="ylim"):
        plots.plot_coef_bars(coef, groups=groups, ylim=(3, -3))
    with pytest.raises(ValueError, match="coef_true needs groups"):
        plots.plot_coef_bars(coef, coef_true=coef)
    with pytest.raises(ValueError, match="coef must be one coefficient vector when groups is given"):
        plots.plot_coef_bars({"lasso": coef}, groups=groups)
    with pytest.raises(ValueError, match="same number of samples"):
        plots.plot_coef_bars(coef, groups=groups[:3])
    with pytest.raises(ValueError, match="coef_true"):
        plots.plot_coef_bars(coef, groups=groups, coef_true=coef[:2])
    with pytest.raises(ValueError, match="legend_loc"):
        plots.plot_coef_bars(coef, groups=groups, legend_loc="top")
    ax = plots.plot_coef_bars(coef, groups=groups, mark_zeros=False, legend_loc="upper left")
    assert not ax.collections and ax.get_legend().get_title().get_text() == ""
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


def test_plot_coef_norms_log_scale() -> None:
    ax = plots.plot_coef_norms([1, 2, 3], [1.0, 10.0, 1000.0])
    assert ax.get_yscale() == "log" and ax.get_xlabel() == "polynomial degree" and "w" in ax.get_ylabel()
    with pytest.raises(ValueError, match="norms must all be > 0"):
        plots.plot_coef_norms([1, 2, 3], [1.0, 0.0, 2.0])


def test_plot_weight_histogram_log_abs_counts_exact_zeros() -> None:
    w = np.array([0.0, 0.0, 0.0, 1e-3, -1e-2, 0.1, -1.0])
    ax = plots.plot_weight_histogram({"proximal": w, "subgradient": w + 1e-9}, log_abs=True, bins=10)
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels == ["proximal: 3 exactly zero", "subgradient: 0 exactly zero"]
    assert ax.get_xlabel().startswith(r"$\log_{10} |w|$") and ax.get_ylabel() == "number of weights"
    first = [p for p in ax.patches if p.get_gid() == "hist0"]
    assert first and first[0].get_edgecolor()[:3] == pytest.approx(matplotlib.colors.to_rgb(style.COLORS["train"]))


def test_plot_weight_histogram_single_set_has_named_bars() -> None:
    edges = np.linspace(-1, 1, 5)
    ax = plots.plot_weight_histogram(np.array([-0.9, -0.1, 0.1, 0.2, 0.9]), bins=edges)
    heights = [p.get_height() for p in ax.patches if p.get_gid() == "bars"]
    assert heights == [1, 1, 2, 1]
    with pytest.raises(ValueError, match="bins must be an integer >= 1 or strictly increasing"):
        plots.plot_weight_histogram([1.0, 2.0], bins=[1.0, 0.0])
    with pytest.raises(ValueError, match="weights must hold at least one set"):
        plots.plot_weight_histogram({})
    with pytest.raises(ValueError, match="finite"):
        plots.plot_weight_histogram([1.0, np.nan])


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


def test_plot_coef_path_axes_lines_and_marker(diabetes: tuple[np.ndarray, np.ndarray]) -> None:
    X, y = diabetes
    alphas = np.logspace(-3, 2, 20)
    path = ridge_path(X, y, alphas)
    names = load_diabetes().feature_names
    ax = plots.plot_coef_path(alphas, path.coefs, feature_names=names, current=0.1)
    assert ax.get_xscale() == "log" and "lambda" in ax.get_xlabel() and "alpha" in ax.get_xlabel()
    assert ax.get_xlim() == pytest.approx((alphas[0], alphas[-1]))
    lines = [a for a in ax.lines if (a.get_gid() or "").startswith("coef")]
    assert len(lines) == 10 and np.allclose(lines[2].get_ydata(), path.coefs[:, 2])
    assert [t.get_text() for t in ax.get_legend().get_texts()] == names
    marker = next(a for a in ax.lines if a.get_gid() == "marker")
    assert marker.get_xdata()[0] == 0.1 and marker.get_color() == style.COLORS["highlight"]
    reversed_ax = plots.plot_coef_path(alphas[::-1], path.coefs[::-1], feature_names=names)  # drawn increasing
    np.testing.assert_allclose(reversed_ax.lines[3].get_xdata(), alphas)
    np.testing.assert_allclose(reversed_ax.lines[3].get_ydata(), path.coefs[:, 2])
    with pytest.raises(ValueError, match=r"alphas must all be > 0"):
        plots.plot_coef_path(np.r_[0.0, alphas[1:]], path.coefs)
    with pytest.raises(ValueError, match="feature_names must have 10 entries"):
        plots.plot_coef_path(alphas, path.coefs, feature_names=names[:3])
    with pytest.raises(ValueError, match="current must be in"):
        plots.plot_coef_path(alphas, path.coefs, current=1e3)


def test_plot_coef_bars_heights_scale_and_limits() -> None:
    coef = np.array([3.0, -0.5, 0.0, 12.0])
    ax = plots.plot_coef_bars(coef, feature_names=["a", "b", "c", "d"], ylim=(-20, 20), symlog=1.0)
    heights = [p.get_height() for p in ax.containers[0].patches]
    assert heights == list(coef) and ax.get_ylim() == (-20, 20) and ax.get_yscale() == "symlog"
    assert [t.get_text() for t in ax.get_xticklabels()] == ["a", "b", "c", "d"]
    assert ax.containers[0].patches[0].get_gid() == "bar0"
    assert [t.get_rotation() for t in ax.get_xticklabels()] == [0.0] * 4 and ax.get_legend() is None
    assert not ax.collections  # one vector: no zero crosses, whatever mark_zeros says
    assert [t.get_text() for t in plots.plot_coef_bars([1.0, 2.0]).get_xticklabels()] == ["$w_{0}$", "$w_{1}$"]
    with pytest.raises(ValueError, match="ylim must satisfy low < high"):
        plots.plot_coef_bars(coef, ylim=(1, -1))
    with pytest.raises(ValueError, match=r"symlog must be in \(0, inf\)"):
        plots.plot_coef_bars(coef, symlog=0.0)
    with pytest.raises(ValueError, match="coef must have 1 dimension"):
        plots.plot_coef_bars(np.eye(2))


def test_plot_shrinkage_factors(diabetes: tuple[np.ndarray, np.ndarray]) -> None:
    X, _ = diabetes
    alphas = np.logspace(-3, 2, 30)
    solver = RidgeSVD(X, np.zeros(len(X)))
    factors = np.array([solver.shrinkage_factors(a) for a in alphas])
    ax = plots.plot_shrinkage_factors(alphas, factors, singular_values=solver.singular_values, current=1.0)
    assert ax.get_xscale() == "log" and ax.get_ylim() == pytest.approx((-0.02, 1.02))
    lines = [a for a in ax.lines if (a.get_gid() or "").startswith("factor")]
    assert len(lines) == 10 and np.allclose(lines[-1].get_ydata(), factors[:, -1])
    assert ax.get_legend().get_texts()[0].get_text().startswith("$d_{1}")
    with pytest.raises(ValueError, match=r"factors must all be in \[0, 1\]"):
        plots.plot_shrinkage_factors(alphas, factors * 2)


# --------------------------------------------------------------------------- plot_coef_path: each former call style


def test_plot_coef_path_with_a_legend_draws_the_zero_line_under_the_curves(path: tuple[np.ndarray, np.ndarray]) -> None:
    # formerly the ridge plot_coef_path: zero line first, legend on the right, x limits the alpha range
    alphas, coefs = path
    ax = plots.plot_coef_path(alphas[::-1], coefs.T[::-1], feature_names=list("abcd"))
    zero, *curves = ax.lines
    assert list(zero.get_ydata()) == [0.0, 0.0] and [c.get_gid() for c in curves] == [
        "coef0",
        "coef1",
        "coef2",
        "coef3",
    ]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == list("abcd") and not ax.texts
    assert ax.get_xlim() == pytest.approx((alphas.min(), alphas.max()))
    assert plots.plot_coef_path(alphas, coefs.T, legend=False).get_legend() is None


def test_plot_coef_path_labelled_at_the_ends_draws_the_zero_line_over_them(path: tuple[np.ndarray, np.ndarray]) -> None:
    # formerly plot_lasso_path: names at the least-regularised end, the axis widened for them, zero line on top
    alphas, coefs = path
    ax = plots.plot_coef_path(alphas, coefs.T, feature_names=list("abcd"), label_lines=True)
    *curves, zero = ax.lines
    assert list(zero.get_ydata()) == [0.0, 0.0] and len(curves) == 4
    assert ax.get_legend() is None and sorted(t.get_text() for t in ax.texts) == list("abcd")
    assert ax.get_xlim()[0] < alphas.min() and ax.get_xlim()[1] == pytest.approx(alphas.max())


def test_plot_coef_path_colours_lines_by_group(path: tuple[np.ndarray, np.ndarray]) -> None:
    alphas, coefs = path
    groups = np.array([0, 0, 1, -1])
    ax = plots.plot_coef_path(alphas, coefs.T, groups=groups, label_lines=True)
    curves = [line for line in ax.lines if str(line.get_gid()).startswith("coef")]
    colors = [to_hex(line.get_color()) for line in curves]
    assert colors[0] == colors[1] != colors[2] and colors[3] == "#999999"
    assert {line.get_linestyle() for line in curves} == {"-"}
    assert [to_hex(t.get_color()) for t in ax.texts] == colors
    with pytest.raises(ValueError, match="groups must have 4 entries"):
        plots.plot_coef_path(alphas, coefs.T, groups=[0, 1])
