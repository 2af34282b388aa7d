"""Tests of regviz.plots.curves: what each line figure draws (artists, data, labels, scales) and bad input."""

from __future__ import annotations

from typing import Any

import matplotlib.colors
import matplotlib.lines
import matplotlib.pyplot as plt
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from matplotlib.axes import Axes
from matplotlib.collections import PolyCollection
from matplotlib.colors import to_hex

from regviz import plots, style
from regviz.data import polynomial
from regviz.plots import (
    plot_acquisition,
    plot_best_so_far,
    plot_gp_posterior,
    plot_halving,
    plot_marginal,
    plot_pruning,
)
from regviz.plots._axes import CURVE_STYLES, LAMBDA_LABEL, OPTIMIZER_LINESTYLES
from regviz.style import LINESTYLES

TRUE_COEF = (0.5, 1.0, -3.0, 1.5)


def _gid(ax, gid):
    return next(a for a in [*ax.lines, *ax.collections] if a.get_gid() == gid)


X = np.linspace(-2.0, 2.0, 41)


CURVES = {"square": X**2, "abs": np.abs(X)}


def _former_error_vs_alpha(alphas: Any, train: Any, val: Any, current: float | None = None) -> Axes:
    """What ``plot_error_vs_alpha`` drew before it merged into ``plot_validation_curve`` (its code, frozen)."""
    ax = plt.subplots()[1]
    ax.plot(alphas, train, color=style.COLORS["train"], linestyle=LINESTYLES["train"], label="training")
    ax.plot(alphas, val, color=style.COLORS["validation"], linestyle=LINESTYLES["validation"], label="validation")
    best = int(np.argmin(val))
    ax.plot(
        [alphas[best]], [val[best]], "o", color=style.COLORS["validation"], ms=6, label=r"best $\lambda$ (validation)"
    )
    if current is not None:
        ax.axvline(current, color=style.COLORS["highlight"], lw=2, zorder=4).set_gid("marker")
    ax.set_xscale("log")
    ax.set_xlabel(LAMBDA_LABEL)
    ax.set_ylabel("mean squared error")
    ax.legend(fontsize="small")
    return ax


def _lambda_curve(alphas: Any, train: Any, val: Any, current: float | None = None) -> Axes:
    """A former ``plot_error_vs_alpha(alphas, train, val, current=current)`` call, as the widget now writes it."""
    return plots.plot_validation_curve(
        alphas,
        train,
        val,
        current=current,
        xlabel=LAMBDA_LABEL,
        logx=True,
        value_ticks=False,
        mark_best=True,
        marker_zorder=4,
        train_label="training",
    )


def _pixels(ax: Axes) -> np.ndarray:
    ax.figure.canvas.draw()
    return np.asarray(ax.figure.canvas.buffer_rgba()).copy()


def _line_facts(ax: Axes) -> list[tuple[Any, ...]]:
    return [
        (
            line.get_label(),
            to_hex(line.get_color()),
            line.get_linestyle(),
            line.get_marker(),
            line.get_markersize(),
            line.get_linewidth(),
            line.get_zorder(),
            tuple(np.asarray(line.get_xdata(), float)),
            tuple(np.asarray(line.get_ydata(), float)),
        )
        for line in ax.lines
    ]


@pytest.mark.parametrize(
    ("alphas", "current"),
    [
        (np.geomspace(0.01, 10, 20), 1.0),  # increasing, three decades
        (np.geomspace(10, 0.01, 20), None),  # decreasing, as lasso_path returns it
        (np.geomspace(0.5, 5, 12), 2.0),  # one decade: a plain log axis all the same
    ],
)
def test_validation_curve_on_lambda_draws_what_error_vs_alpha_drew(alphas: np.ndarray, current: float | None) -> None:
    train, val = np.linspace(1, 2, len(alphas)), (np.log10(alphas) - 0.2) ** 2 + 1
    old, new = _former_error_vs_alpha(alphas, train, val, current), _lambda_curve(alphas, train, val, current)
    assert _line_facts(new) == _line_facts(old)
    assert [a.get_gid() for a in new.lines] == ["train", "validation", "best"] + (["marker"] if current else [])
    assert new.get_xscale() == old.get_xscale() == "log"
    assert (new.get_xlim(), new.get_ylim()) == (old.get_xlim(), old.get_ylim())
    assert (new.get_xlabel(), new.get_ylabel()) == (old.get_xlabel(), old.get_ylabel())
    assert [t.get_text() for t in new.get_xticklabels()] == [t.get_text() for t in old.get_xticklabels()]
    legend = [t.get_text() for t in new.get_legend().get_texts()]
    assert legend == [t.get_text() for t in old.get_legend().get_texts()]
    assert legend == ["training", "validation", r"best $\lambda$ (validation)"]
    assert np.array_equal(_pixels(new), _pixels(old))


def test_validation_curve_mark_best_roles() -> None:
    alphas = np.geomspace(0.01, 10, 20)
    train, val = np.linspace(1, 2, 20), (np.log10(alphas) - 0.2) ** 2 + 1
    ax = _lambda_curve(alphas, train, val, current=1.0)
    lines = {a.get_label(): a for a in ax.lines}
    assert to_hex(lines["training"].get_color()) == style.COLORS["train"].lower()
    assert lines["training"].get_linestyle() == "-"
    assert to_hex(lines["validation"].get_color()) == style.COLORS["validation"].lower()
    assert lines["validation"].get_linestyle() == "--"
    best = lines[r"best $\lambda$ (validation)"]
    assert best.get_xdata()[0] == alphas[np.argmin(val)] and best.get_gid() == "best"
    assert _gid(ax, "marker").get_zorder() == 4
    assert ax.get_xscale() == "log" and ax.get_xlabel() == LAMBDA_LABEL
    with pytest.raises(ValueError, match="same number of samples"):
        _lambda_curve(alphas, train[:-1], val)
    with pytest.raises(ValueError, match="mark_best must be True or False"):
        plots.plot_validation_curve(alphas, train, val, mark_best="yes")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=r"marker_zorder must be in \[0, 10\]"):
        plots.plot_validation_curve(alphas, train, val, marker_zorder=-1)


def test_validation_curve_mark_best_uses_the_fold_mean() -> None:
    scores = np.array([[3.0, 1.0], [1.0, 2.0], [2.0, 2.5]])  # column 0 alone is lowest at 1, the mean at 1 too
    ax = plots.plot_validation_curve(
        [1, 2, 3], scores, scores + np.array([[0.0, 4.0], [0.0, 0.0], [0.0, 0.0]]), mark_best=True, best_label="best"
    )
    best = _gid(ax, "best")
    assert best.get_xdata()[0] == 2 and best.get_ydata()[0] == pytest.approx(1.5)
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["train", "validation", "best"]


def test_soft_threshold_plot_and_validation() -> None:
    ax = plots.plot_soft_threshold(1.0)
    lasso = next(a for a in ax.lines if a.get_label() == "lasso: $S(z, t)$")
    z, w = lasso.get_xdata(), lasso.get_ydata()
    assert np.all(w[np.abs(z) <= 1.0] == 0) and np.all(w[np.abs(z) > 1.0] != 0)
    with pytest.raises(ValueError, match="threshold"):
        plots.plot_soft_threshold(-1.0)
    with pytest.raises(ValueError, match="z_max"):
        plots.plot_soft_threshold(2.0, z_max=1.0)


def test_cv_curve() -> None:
    rng = np.random.default_rng(0)
    alphas = np.geomspace(10, 0.01, 15)
    mse = 1 + (np.log10(alphas)[:, None] - 0.5) ** 2 + rng.normal(0, 0.1, (15, 5))
    ax = plots.plot_cv_curve(alphas, mse, best_alpha=alphas[4])
    assert ax.get_xscale() == "log" and ax.get_ylabel() == "validation MSE (per fold)"
    with pytest.raises(ValueError, match="mse_path must have shape"):
        plots.plot_cv_curve(alphas, mse[:, :1])


def test_plot_polynomial_fit_draws_data_truth_and_curves(split: tuple[np.ndarray, ...]) -> None:
    x_train, y_train, x_val, y_val = split
    grid = np.linspace(-1, 1.5, 50)
    curves = np.vstack([np.zeros(50), grid])
    ax = plots.plot_polynomial_fit(
        x_train,
        y_train,
        grid,
        curves,
        x_val=x_val,
        y_val=y_val,
        y_true=polynomial(grid, TRUE_COEF),
        label=["flat", "line"],
        ylim=(-6.0, 2.0),
    )
    assert ax.get_xlabel() == "$x$" and ax.get_ylabel() == "$y$" and ax.get_ylim() == (-6.0, 2.0)
    fits = [a for a in ax.lines if (a.get_gid() or "").startswith("fit")]
    assert [a.get_gid() for a in fits] == ["fit0", "fit1"] and np.allclose(fits[1].get_ydata(), grid)
    assert fits[0].get_color() == style.COLORS["highlight"] and fits[1].get_linestyle() == "--"
    truth = next(a for a in ax.lines if a.get_gid() == "truth")
    assert truth.get_color() == style.COLORS["reference"]
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels == ["true function", "train", "validation", "flat", "line"]
    assert len(ax.collections) == 2  # train and validation scatters


def test_plot_polynomial_fit_single_curve_or_none(split: tuple[np.ndarray, ...]) -> None:
    x_train, y_train, *_ = split
    grid = np.linspace(-1, 1.5, 10)
    ax = plots.plot_polynomial_fit(x_train, y_train, grid, grid**2)
    assert next(a for a in ax.lines if a.get_gid() == "fit").get_ydata()[-1] == pytest.approx(2.25)
    ax = plots.plot_polynomial_fit(x_train, y_train, grid, None, y_true=grid)
    assert [a.get_gid() for a in ax.lines] == ["truth"]


def test_plot_polynomial_fit_rejects_bad_input(split: tuple[np.ndarray, ...]) -> None:
    x_train, y_train, x_val, _ = split
    grid = np.linspace(-1, 1.5, 10)
    with pytest.raises(ValueError, match="same number of samples"):
        plots.plot_polynomial_fit(x_train, y_train[:-1], grid, grid)
    with pytest.raises(ValueError, match="x_grid must be strictly increasing"):
        plots.plot_polynomial_fit(x_train, y_train, grid[::-1], grid)
    with pytest.raises(ValueError, match="y_grid must have 10 values per curve"):
        plots.plot_polynomial_fit(x_train, y_train, grid, np.ones(9))
    with pytest.raises(ValueError, match="x_val and y_val must be given together"):
        plots.plot_polynomial_fit(x_train, y_train, grid, grid, x_val=x_val)
    with pytest.raises(ValueError, match="label must hold one label per curve"):
        plots.plot_polynomial_fit(x_train, y_train, grid, np.vstack([grid, grid]), label="one")
    with pytest.raises(ValueError, match="ylim must satisfy low < high"):
        plots.plot_polynomial_fit(x_train, y_train, grid, grid, ylim=(2.0, 1.0))


def test_plot_validation_curve_roles_scales_and_marker() -> None:
    alphas = np.logspace(-3, 3, 13)
    ax = plots.plot_validation_curve(
        alphas, 1 + alphas, 2 + alphas, current=1.0, current_label="chosen", logx=True, logy=True, xlabel="λ"
    )
    train = next(a for a in ax.lines if a.get_gid() == "train")
    val = next(a for a in ax.lines if a.get_gid() == "validation")
    marker = next(a for a in ax.lines if a.get_gid() == "marker")
    assert train.get_color() == style.COLORS["train"] and train.get_linestyle() == "-"
    assert val.get_color() == style.COLORS["validation"] and val.get_linestyle() == "--"
    assert marker.get_color() == style.COLORS["highlight"] and list(marker.get_xdata()) == [1.0, 1.0]
    assert ax.get_xscale() == "log" and ax.get_yscale() == "log" and ax.get_xlabel() == "λ"
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["train", "validation", "chosen"]


def test_plot_validation_curve_bands_for_folds() -> None:
    rng = np.random.default_rng(0)
    scores = 1 + rng.random((6, 5))
    ax = plots.plot_validation_curve(np.arange(6), scores, 2 * scores)
    bands = [c for c in ax.collections if isinstance(c, PolyCollection)]
    assert len(bands) == 2
    val = next(a for a in ax.lines if a.get_gid() == "validation")
    assert np.allclose(val.get_ydata(), 2 * scores.mean(axis=1))


def test_plot_validation_curve_labels_values_on_a_short_log_axis() -> None:
    sizes = np.array([15, 40, 100, 400])
    ax = plots.plot_validation_curve(sizes, np.ones(4), np.ones(4), logx=True)
    assert [t.get_text() for t in ax.get_xticklabels()] == ["15", "40", "100", "400"]


@settings(max_examples=20, deadline=None)
@given(
    current=st.one_of(
        st.floats(min_value=3.5, allow_infinity=False),
        st.just(float("nan")),
        st.floats(max_value=-0.5, allow_infinity=False),
    )
)
def test_plot_validation_curve_rejects_marker_outside_range(current: float) -> None:
    with pytest.raises(ValueError, match="current must be"):
        plots.plot_validation_curve([0, 1, 2, 3], np.ones(4), np.ones(4), current=current)
    plt.close("all")


def test_plot_validation_curve_rejects_bad_input() -> None:
    with pytest.raises(ValueError, match=r"params must be strictly monotonic \(increasing or decreasing\)"):
        plots.plot_validation_curve([0, 2, 1], np.ones(3), np.ones(3))
    with pytest.raises(ValueError, match="params must all be > 0 when logx=True"):
        plots.plot_validation_curve([0, 1, 2], np.ones(3), np.ones(3), logx=True)
    with pytest.raises(ValueError, match="must all be > 0 when logy=True"):
        plots.plot_validation_curve([0, 1, 2], np.zeros(3), np.ones(3), logy=True)
    with pytest.raises(ValueError, match="same number of samples"):
        plots.plot_validation_curve([0, 1, 2], np.ones(3), np.ones(4))
    with pytest.raises(ValueError, match="logx must be True or False"):
        plots.plot_validation_curve([0, 1, 2], np.ones(3), np.ones(3), logx="yes")  # type: ignore[arg-type]


def test_plot_bias_variance_total_is_the_sum() -> None:
    degrees = np.arange(5)
    bias2 = np.array([2.0, 1.0, 0.1, 0.01, 0.01])
    variance = np.array([0.01, 0.02, 0.05, 0.5, 2.0])
    ax = plots.plot_bias_variance(degrees, bias2, variance, noise=0.09, logy=True)
    total = next(a for a in ax.lines if a.get_gid() == "total")
    assert np.allclose(total.get_ydata(), bias2 + variance + 0.09)
    assert total.get_color() == style.COLORS["validation"] and ax.get_yscale() == "log"
    assert next(a for a in ax.lines if a.get_gid() == "noise").get_ydata()[0] == pytest.approx(0.09)
    assert ax.get_xlabel() == "polynomial degree" and ax.get_ylabel() == "squared error"
    with pytest.raises(ValueError, match="bias2 and variance must be >= 0"):
        plots.plot_bias_variance(degrees, -bias2, variance)
    with pytest.raises(ValueError, match=r"noise must be in \[0, inf\)"):
        plots.plot_bias_variance(degrees, bias2, variance, noise=-1.0)


def test_plot_bias_variance_draws_the_monte_carlo_floor_of_bias2() -> None:
    degrees = np.arange(5)
    bias2 = np.array([2.0, 1.0, 0.1, 0.001, 0.01])
    variance = np.array([0.01, 0.02, 0.05, 0.5, 2.0])
    floor = variance / 200
    ax = plots.plot_bias_variance(degrees, bias2, variance, noise=0.09, bias2_floor=floor, logy=True)
    band = next(a for a in ax.collections if a.get_gid() == "bias2_floor")
    top = band.get_paths()[0].vertices[:, 1].max()
    assert top == pytest.approx(floor.max())
    assert any("Monte Carlo" in t.get_text() for t in ax.get_legend().get_texts())
    assert not any(a.get_gid() == "bias2_floor" for a in plots.plot_bias_variance(degrees, bias2, variance).collections)
    with pytest.raises(ValueError, match="bias2_floor must be >= 0"):
        plots.plot_bias_variance(degrees, bias2, variance, bias2_floor=-floor)
    with pytest.raises(ValueError, match="bias2_floor"):
        plots.plot_bias_variance(degrees, bias2, variance, bias2_floor=floor[:3])


def test_plot_line_fit_draws_into_the_given_axes() -> None:
    _, ax = plt.subplots()
    x = np.array([0.0, 1.0, 2.0])
    returned = plots.plot_line_fit(x, 2 * x, 1.5, ax=ax)
    assert returned is ax
    line = next(a for a in ax.lines if a.get_gid() == "line")
    assert np.allclose(line.get_ydata(), 1.5 * np.asarray(line.get_xdata()))
    assert ax.get_xlabel() == "$x$" and ax.get_ylabel() == "$y$"
    assert line.get_color() == style.COLORS["highlight"]


def test_plot_line_fit_new_axes_and_bad_input() -> None:
    assert isinstance(plots.plot_line_fit([0, 1], [0, 1], 1.0, residuals=False), Axes)
    with pytest.raises(ValueError, match="same number of samples"):
        plots.plot_line_fit([0, 1], [0, 1, 2], 1.0)
    with pytest.raises(ValueError, match="slope must be a finite number"):
        plots.plot_line_fit([0, 1], [0, 1], float("nan"))
    with pytest.raises(ValueError, match="ax must be a matplotlib Axes"):
        plots.plot_line_fit([0, 1], [0, 1], 1.0, ax="left")  # type: ignore[arg-type]


def test_plot_loss_profile_marker_and_log_axis() -> None:
    grid = np.geomspace(1e-3, 1e2, 20)
    ax = plots.plot_loss_profile(grid, np.log(grid) ** 2, current=1.0, logx=True, xlabel=r"$\lambda$")
    assert ax.get_xscale() == "log" and ax.get_xlabel() == r"$\lambda$"
    marker = next(a for a in ax.lines if a.get_gid() == "marker")
    assert marker.get_xdata()[0] == 1.0
    with pytest.raises(ValueError, match=r"current must be in \[0.001, 100\]"):
        plots.plot_loss_profile(grid, grid, current=1e3)
    with pytest.raises(ValueError, match="params must be strictly increasing"):
        plots.plot_loss_profile(grid[::-1], grid)
    with pytest.raises(ValueError, match="params must all be > 0 when logx=True"):
        plots.plot_loss_profile(np.linspace(-1, 1, 5), np.ones(5), logx=True)


def test_plot_curves_of_a_history_roles() -> None:
    history = {"train_loss": [3, 2, 1], "val_loss": [3, 2.5, 2.4], "train_acc": [0.1, 0.5, 0.9]}
    ax = plots.plot_curves(history, keys=("train_loss", "val_loss"), logy=True)
    train, val = ax.lines
    assert train.get_color() == style.COLORS["train"] and val.get_linestyle() == "--"
    assert train.get_linestyle() == "-" and val.get_color() == style.COLORS["validation"]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["train loss", "val loss"]
    assert list(train.get_xdata()) == [1, 2, 3] and ax.get_yscale() == "log" and ax.get_xlabel() == "epoch"
    ax.figure.canvas.draw()
    assert all(float(t).is_integer() for t in ax.get_xticks()), "epoch ticks are whole numbers"
    with pytest.raises(ValueError, match="missing"):
        plots.plot_curves({"train_loss": [1.0]}, keys=("train_loss", "val_loss"))
    with pytest.raises(ValueError, match="keys must be a sequence"):
        plots.plot_curves(history, keys="train_loss")


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
        ({"curves": {"a": [1.0, 2.0], "b": [1.0]}}, r"curves\['b'\] must have 2 values"),
        ({"curves": {"a": [1.0, 2.0]}, "x": [1.0]}, r"curves\['a'\] must have 1 values \(one per x\)"),
        ({"curves": {"a": [1.0, 2.0]}, "x": [0.0, 1.0], "logx": True}, "x must be > 0"),
        ({"curves": {"a": [1.0, -2.0]}, "logy": True}, "curves must be > 0"),
        ({"curves": {"a": [1.0, 2.0]}, "x": [1.0, 1.0]}, "strictly increasing"),
        ({"curves": {"a": [1.0, 2.0]}, "linestyles": "--"}, "linestyles"),
        ({"curves": {"a": [1.0, 2.0]}, "keys": ["b"]}, "missing"),
    ],
)
def test_plot_curves_rejects_bad_input(kwargs: dict[str, Any], match: str) -> None:
    curves = kwargs.pop("curves")
    with pytest.raises(ValueError, match=match):
        plots.plot_curves(curves, **kwargs)


def test_loss_curves_draw_each_curve_with_labels_and_styles():
    ax = plots.plot_curves(CURVES, x=X, xlabel="z", ylabel="L", title="finding")
    assert ax.get_xlabel() == "z" and ax.get_ylabel() == "L" and ax.get_title() == "finding"
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["square", "abs"]
    square, absolute = _gid(ax, "curve:square"), _gid(ax, "curve:abs")
    np.testing.assert_allclose(square.get_ydata(), X**2)
    assert matplotlib.colors.same_color(square.get_color(), CURVE_STYLES[0][0])
    assert matplotlib.colors.same_color(absolute.get_color(), CURVE_STYLES[1][0])
    assert square.get_linestyle() != absolute.get_linestyle()
    assert ax.get_xscale() == "linear" and ax.get_yscale() == "linear"


def test_loss_curves_marker_sits_on_each_curve_at_current():
    ax = plots.plot_curves(CURVES, x=X, current=1.0)
    assert _gid(ax, "current").get_xdata()[0] == pytest.approx(1.0)
    assert _gid(ax, "marker:square").get_ydata()[0] == pytest.approx(1.0)
    assert _gid(ax, "marker:abs").get_ydata()[0] == pytest.approx(1.0)


def test_loss_curves_log_axes_and_gaps_for_non_finite_values():
    x = np.geomspace(1, 100, 5)
    y = np.array([1.0, 2.0, np.inf, np.nan, 5.0])
    ax = plots.plot_curves({"naive": y}, x=x, logx=True, logy=True)
    assert ax.get_xscale() == "log" and ax.get_yscale() == "log"
    drawn = np.asarray(_gid(ax, "curve:naive").get_ydata(), dtype=float)
    assert np.isnan(drawn[2:4]).all() and drawn[4] == 5.0


def test_loss_curves_draw_into_given_axes():
    _, ax = plt.subplots()
    assert plots.plot_curves(CURVES, x=X, ax=ax) is ax


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"curves": {}}, "curves"),
        ({"curves": {"a": X[:-1]}}, "curves"),
        ({"curves": {"a": [np.nan] * X.size}}, "finite"),
        ({"x": X[::-1]}, "increasing"),
        ({"current": 5.0}, "current"),
        ({"logx": True}, "logx"),
        ({"logy": "yes"}, "logy"),
    ],
)
def test_loss_curves_reject_bad_arguments(kwargs, match):
    args = {"x": X, "curves": CURVES, **kwargs}
    with pytest.raises(ValueError, match=match):
        plots.plot_curves(args.pop("curves"), x=args.pop("x"), **args)


@settings(max_examples=30, deadline=None)
@given(current=st.floats(allow_nan=False).filter(lambda v: abs(v) > 2.0))
def test_loss_curves_current_outside_x_is_refused(current):
    with pytest.raises(ValueError, match="current"):
        plots.plot_curves(CURVES, x=X, current=current)
    plt.close("all")


def test_per_step_draws_series_reference_and_log_scale():
    series = {"a": [1.0, 0.1, 0.01], "b": [2.0, 1.0, np.inf, 0.5, 0.2]}
    ax = plots.plot_per_step(series, logy=True, reference=0.05, reference_label="optimum", start=1, ylabel="loss")
    assert ax.get_yscale() == "log" and ax.get_xlabel() == "step" and ax.get_ylabel() == "loss"
    a = _gid(ax, "series:a")
    assert list(a.get_xdata()) == [1, 2, 3]
    assert np.isnan(np.asarray(_gid(ax, "series:b").get_ydata(), dtype=float)[2])
    assert _gid(ax, "reference").get_ydata()[0] == pytest.approx(0.05)
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["a", "b", "optimum"]


@pytest.mark.parametrize(
    ("series", "kwargs", "match"),
    [
        ([1.0, 2.0], {}, "series"),
        ({1: [1.0]}, {}, "labels"),
        ({"a": [[1.0, 2.0]]}, {}, "1-D"),
        ({"a": [1.0]}, {"logy": True, "reference": 0.0}, "reference"),
        ({"a": [1.0]}, {"start": -1}, "start"),
    ],
)
def test_per_step_rejects_bad_arguments(series, kwargs, match):
    with pytest.raises(ValueError, match=match):
        plots.plot_per_step(series, **kwargs)


def test_plot_marginal() -> None:
    s = np.linspace(0, 1, 11)
    ax = plot_marginal(s, s**2, [0.2, 0.2, 0.6])
    tried = next(a for a in ax.lines if a.get_gid() == "tried")
    assert len(tried.get_xdata()) == 2  # repeats drawn once
    assert "2 distinct values" in ax.get_legend().get_texts()[1].get_text()
    with pytest.raises(ValueError, match="tried must lie inside"):
        plot_marginal(s, s, [2.0])


def test_plot_gp_posterior_and_acquisition():
    x = np.linspace(0, 1, 21)
    ax = plot_gp_posterior(x, np.sin(x), np.full(21, 0.1), [0.2, 0.8], [0.0, 1.0], truth=np.cos(x), next_x=0.5)
    assert {a.get_gid() for a in ax.lines} >= {"mean", "truth"}
    assert any(c.get_gid() == "observations" for c in ax.collections)
    ax = plot_acquisition(x, np.exp(-((x - 0.3) ** 2)))
    mark = next(a for a in ax.lines if a.get_gid() == "next")
    assert mark.get_xdata()[0] == pytest.approx(0.3)
    assert ax.get_ylabel() == "expected improvement" and ax.get_ylim()[0] == 0
    with pytest.raises(ValueError, match="sigma must be >= 0"):
        plot_gp_posterior(x, x, -np.ones(21), [0.1], [0.1])


def test_plot_best_so_far_pruning_and_halving():
    curves = {
        "random": np.array([[3.0, 2.0, 1.0], [4.0, 2.0, 2.0]]),
        "tpe": np.array([[2.0, 1.0, 0.5], [3.0, 1.0, 0.2]]),
    }
    ax = plot_best_so_far(curves, grid={2: 1.5, 3: 1.2})
    assert ax.get_yscale() == "log" and ax.get_xlabel() == "number of evaluations"
    median = next(a for a in ax.lines if a.get_gid() == "median:tpe")
    np.testing.assert_allclose(median.get_ydata(), [2.5, 1.0, 0.35])
    with pytest.raises(ValueError, match="must be > 0 on a log axis"):
        plot_best_so_far({"random": np.zeros((1, 3))})
    ax = plot_pruning([[0.5, 0.4, 0.3], [0.9], [0.6, 0.2, 0.1]], [False, True, False])
    styles = {a.get_gid(): a.get_linestyle() for a in ax.lines}
    assert styles["trial:1"] == "--"
    assert next(a for a in ax.lines if a.get_gid() == "trial:2").get_linewidth() > 2  # the best one
    with pytest.raises(ValueError, match="pruned must hold one bool per curve"):
        plot_pruning([[0.1]], [True, False])
    cv_results = {
        "iter": [0, 0, 0, 1],
        "n_resources": [10, 10, 10, 30],
        "mean_test_score": [0.5, 0.7, 0.6, 0.8],
        "params": [{"C": 1}, {"C": 2}, {"C": 3}, {"C": 2}],
    }
    ax = plot_halving(cv_results)
    winner = next(a for a in ax.lines if a.get_gid() == "winner")
    np.testing.assert_allclose(winner.get_ydata(), [0.7, 0.8])
    assert ax.get_xscale() == "log"
    assert [t.get_text() for t in ax.get_xticklabels()] == ["10\n3 candidates", "30\n1 candidate"]
    with pytest.raises(ValueError, match="missing"):
        plot_halving({"iter": [0]})


def test_plot_seed_curves_draws_mean_and_band() -> None:
    curves = {"none": [[1.0, 0.5, 0.3], [1.2, 0.7, 0.5]], "L2": [[1.0, 0.6, 0.4], [1.0, 0.6, 0.4]]}
    ax = plots.plot_seed_curves(curves, role="validation", ylabel="loss", title="t")
    lines = {line.get_gid(): line for line in ax.get_lines()}
    np.testing.assert_allclose(lines["mean:none"].get_ydata(), [1.1, 0.6, 0.4])
    np.testing.assert_array_equal(lines["mean:none"].get_xdata(), [1, 2, 3])
    assert lines["mean:none"].get_linestyle() == LINESTYLES["validation"]
    assert lines["mean:none"].get_color() != lines["mean:L2"].get_color()
    assert {c.get_gid() for c in ax.collections} == {"band:none", "band:L2"}
    assert ax.get_xlabel() == "epoch" and ax.get_ylabel() == "loss" and ax.get_title() == "t"
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["none", "L2"]
    train = plots.plot_seed_curves(curves, band="range", logy=True)
    assert train.get_yscale() == "log" and train.get_lines()[0].get_linestyle() == "-"


def test_plot_seed_curves_validates() -> None:
    with pytest.raises(ValueError, match="at least 2 seeds"):
        plots.plot_seed_curves({"a": [[1.0, 2.0]]})
    with pytest.raises(ValueError, match="band must be one of"):
        plots.plot_seed_curves({"a": [[1.0, 2.0], [1.0, 2.0]]}, band="iqr")
    with pytest.raises(ValueError, match="role must be one of"):
        plots.plot_seed_curves({"a": [[1.0, 2.0], [1.0, 2.0]]}, role="test")
    with pytest.raises(ValueError, match="> 0 when logy=True"):
        plots.plot_seed_curves({"a": [[1.0, 0.0], [1.0, 2.0]]}, logy=True)
    with pytest.raises(ValueError, match="non-empty mapping"):
        plots.plot_seed_curves({})


def test_plot_seed_scores() -> None:
    scores = {"none": [0.90, 0.92, 0.91], "dropout": [0.93, 0.94, 0.95]}
    ax = plots.plot_seed_scores(scores, title="dropout wins")
    gids = {line.get_gid(): line for line in ax.get_lines() if line.get_gid()}
    np.testing.assert_allclose(gids["mean:dropout"].get_ydata(), [0.94])
    np.testing.assert_allclose(gids["mean:none"].get_ydata(), [0.91])
    points = {c.get_gid(): c for c in ax.collections if c.get_gid()}
    np.testing.assert_allclose(points["seeds:none"].get_offsets()[:, 1], scores["none"])
    assert [t.get_text() for t in ax.get_xticklabels()] == ["none", "dropout"]
    assert ax.get_ylabel() == "validation accuracy"
    with pytest.raises(ValueError, match="same number of samples"):
        plots.plot_seed_scores({"a": [0.9, 0.8], "b": [0.9, 0.8, 0.7]})
    plots.plot_seed_scores({"a": [0.9, 0.8], "b": [0.9, 0.8, 0.7]}, paired=False)
    with pytest.raises(ValueError, match="at least 2 seeds"):
        plots.plot_seed_scores({"a": [0.9]})


def test_plot_search_rings_the_best_trial() -> None:
    lr = [1e-3, 1e-2, 1e-1, 3e-1]
    acc = [0.80, 0.93, 0.95, 0.90]
    ax = plots.plot_search(lr, acc, groups=[64, 128, 64, 128], title="t")
    ring = next(line for line in ax.get_lines() if line.get_gid() == "best")
    assert (ring.get_xdata()[0], ring.get_ydata()[0]) == (1e-1, 0.95)
    assert ax.get_xscale() == "log"
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels == ["batch size 64", "batch size 128", "best trial"]
    with pytest.raises(ValueError, match="> 0 when logx=True"):
        plots.plot_search([0.0, 1.0], [0.5, 0.6])
    with pytest.raises(ValueError, match="same number of samples"):
        plots.plot_search([1.0, 2.0], [0.5])
    with pytest.raises(ValueError, match="groups must have shape"):
        plots.plot_search([1.0, 2.0], [0.5, 0.6], groups=[1])


def test_plot_search_with_several_seeds_per_trial() -> None:
    lr = [1e-2, 1e-1, 3e-1]
    acc = [[0.80, 0.84], [0.95, 0.93], [0.50, 0.90]]  # the last trial: unstable, its seeds far apart
    ax = plots.plot_search(lr, acc, groups=[64, 128, 32])
    ring = next(line for line in ax.get_lines() if line.get_gid() == "best")
    assert (ring.get_xdata()[0], ring.get_ydata()[0]) == (1e-1, pytest.approx(0.94))  # best mean, not best seed
    spans = {line.get_gid(): line for line in ax.get_lines() if (line.get_gid() or "").startswith("seeds:")}
    assert set(spans) == {"seeds:0", "seeds:1", "seeds:2"}
    np.testing.assert_allclose(spans["seeds:2"].get_ydata(), [0.50, 0.90])
    with pytest.raises(ValueError, match="same number of samples"):
        plots.plot_search(lr, [[0.8, 0.8], [0.9, 0.9]])


# --------------------------------------------------------------------------- plot_curves: each former call style


def test_plot_curves_in_the_style_of_the_network_figures() -> None:
    # formerly plots.plot_curves of the network notebooks: the n-th curve takes the n-th (colour, dash) pair
    curves = {"ReLU": [1.0, 2.0, 4.0], "sigmoid": [1.0, 0.5, 0.25], "tanh": [1.0, 1.0, 1.0]}
    ax = plots.plot_curves(curves, x=[2, 5, 8], markers=True, logy=True, xlabel="depth")
    lines = ax.get_lines()
    for line, (color, dash) in zip(lines, CURVE_STYLES, strict=False):
        assert matplotlib.colors.same_color(line.get_color(), color)
        assert line.get_linestyle() == matplotlib.lines.Line2D([], [], linestyle=dash).get_linestyle()
        assert line.get_marker() == "o" and line.get_markersize() == 4
    np.testing.assert_array_equal(lines[0].get_xdata(), [2, 5, 8])
    assert ax.get_xlabel() == "depth" and ax.get_ylabel() == "loss" and ax.get_yscale() == "log"
    assert all(line.get_marker() in ("None", None, "") for line in plots.plot_curves(curves).get_lines())


def test_plot_curves_in_the_style_of_the_loss_figures() -> None:
    # formerly plots.plot_loss_curves(x, curves, current=...): a dotted vertical line and one dot per curve
    curves = {**CURVES, "half": X**2 / 2}
    ax = plots.plot_curves(curves, x=X, current=1.0, linestyles=OPTIMIZER_LINESTYLES, xlabel=r"prediction $\hat y$")
    current = _gid(ax, "current")
    assert current.get_linestyle() == ":" and matplotlib.colors.same_color(
        current.get_color(), style.COLORS["reference"]
    )
    for i, label in enumerate(curves):
        dot = _gid(ax, f"marker:{label}")
        assert dot.get_marker() == "o" and matplotlib.colors.same_color(dot.get_color(), CURVE_STYLES[i][0])
        assert dot.get_ydata()[0] == pytest.approx(np.interp(1.0, X, curves[label]))
    assert _gid(ax, "curve:half").get_linestyle() == "-."  # the optimizers' third dash, not the default dotted one
    assert _gid(ax, "curve:square").get_linestyle() == "-" and _gid(ax, "curve:abs").get_linestyle() == "--"
    assert [t.get_text() for t in ax.get_legend().get_texts()] == list(curves)
    assert ax.get_xlabel() == r"prediction $\hat y$"


def test_plot_curves_cycles_its_styles_past_the_seventh_curve() -> None:
    ax = plots.plot_curves({str(i): [1.0, 2.0] for i in range(9)})
    assert matplotlib.colors.same_color(ax.get_lines()[7].get_color(), CURVE_STYLES[0][0])
