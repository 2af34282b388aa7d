"""Tests of the model-selection plots, the degree slider and the notebook-04 self-checks."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

from typing import Any

import matplotlib.pyplot as plt
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from matplotlib.collections import PolyCollection
from sklearn.linear_model import LinearRegression
from sklearn.model_selection import KFold, LeaveOneOut, cross_val_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import PolynomialFeatures

from regviz import checks, plots, style, widgets
from regviz.data import make_noisy_polynomial, polynomial

TRUE_COEF = (0.5, 1.0, -3.0, 1.5)


@pytest.fixture(scope="module")
def split() -> tuple[np.ndarray, ...]:
    x_train, y_train = make_noisy_polynomial(30, seed=0)
    x_val, y_val = make_noisy_polynomial(20, seed=1)
    return x_train, y_train, x_val, y_val


# --------------------------------------------------------------------------- plot_polynomial_fit


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


# --------------------------------------------------------------------------- plot_validation_curve


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
    with pytest.raises(ValueError, match="params must be strictly increasing"):
        plots.plot_validation_curve([0, 2, 1], np.ones(3), np.ones(3))
    with pytest.raises(ValueError, match="params must all be > 0 when logx=True"):
        plots.plot_validation_curve([0, 1, 2], np.ones(3), np.ones(3), logx=True)
    with pytest.raises(ValueError, match="must all be > 0 when logy=True"):
        plots.plot_validation_curve([0, 1, 2], np.zeros(3), np.ones(3), logy=True)
    with pytest.raises(ValueError, match="same number of samples"):
        plots.plot_validation_curve([0, 1, 2], np.ones(3), np.ones(4))
    with pytest.raises(ValueError, match="logx must be True or False"):
        plots.plot_validation_curve([0, 1, 2], np.ones(3), np.ones(3), logx="yes")  # type: ignore[arg-type]


# --------------------------------------------------------------------------- bias-variance and norms


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


def test_plot_coef_norms_log_scale() -> None:
    ax = plots.plot_coef_norms([1, 2, 3], [1.0, 10.0, 1000.0])
    assert ax.get_yscale() == "log" and ax.get_xlabel() == "polynomial degree" and "w" in ax.get_ylabel()
    with pytest.raises(ValueError, match="norms must all be > 0"):
        plots.plot_coef_norms([1, 2, 3], [1.0, 0.0, 2.0])


# --------------------------------------------------------------------------- the degree slider


def test_degree_explorer_moves_fit_and_marker(split: tuple[np.ndarray, ...]) -> None:
    x_train, y_train, x_val, y_val = split
    explorer = widgets.degree_explorer(x_train, y_train, x_val, y_val, max_degree=12, degree=1, coef_true=TRUE_COEF)
    ax_fit, ax_err = explorer.figure.axes
    assert ax_err.get_yscale() == "log" and ax_err.get_xlabel() == "polynomial degree"
    before = explorer.image.value
    explorer.set(degree=3)
    assert explorer.image.value != before and explorer.n_renders == 2
    fit_line = next(a for a in ax_fit.lines if a.get_gid() == "fit")
    x_plot = np.asarray(fit_line.get_xdata())
    coef = np.polynomial.polynomial.polyfit(x_train, y_train, 3)
    np.testing.assert_allclose(fit_line.get_ydata(), np.polynomial.polynomial.polyval(x_plot, coef), atol=1e-8)
    marker = next(a for a in ax_err.lines if a.get_gid() == "marker")
    assert list(marker.get_xdata()) == [3, 3]
    val_mse = np.mean((np.polynomial.polynomial.polyval(x_val, coef) - y_val) ** 2)
    assert f"validation MSE {val_mse:.3f}" in explorer.label.value and "degree 3" in explorer.label.value


def test_degree_explorer_rejects_bad_arguments(split: tuple[np.ndarray, ...]) -> None:
    x_train, y_train, x_val, y_val = split
    with pytest.raises(ValueError, match=r"max_degree must be an integer in \[1, 29\]"):
        widgets.degree_explorer(x_train, y_train, x_val, y_val, max_degree=30)
    with pytest.raises(ValueError, match=r"degree must be an integer in \[0, 5\]"):
        widgets.degree_explorer(x_train, y_train, x_val, y_val, max_degree=5, degree=6)
    with pytest.raises(ValueError, match="same number of samples"):
        widgets.degree_explorer(x_train, y_train, x_val[:-1], y_val)
    with pytest.raises(ValueError, match="distinct values"):
        widgets.degree_explorer(np.r_[x_train[:3], x_train[:3]], y_train[:6], x_val, y_val, max_degree=4)


# --------------------------------------------------------------------------- checks of notebook 04


def _stub(*_args: Any) -> Any:
    raise NotImplementedError


def test_check_fold_ids() -> None:
    def right(n: int, k: int) -> Any:
        return np.concatenate([np.full(len(chunk), i) for i, chunk in enumerate(np.array_split(np.arange(n), k))])

    def round_robin(n: int, k: int) -> Any:
        return np.arange(n) % k

    def remainder_last(n: int, k: int) -> Any:
        return np.minimum(np.arange(n) // (n // k), k - 1)

    def proportional(n: int, k: int) -> Any:
        return np.arange(n) * k // n

    assert checks.check_fold_ids(right, quiet=True).passed
    for wrong in (round_robin, remainder_last, proportional):
        assert checks.check_fold_ids(wrong, quiet=True).status == "failed"
    assert checks.check_fold_ids(_stub, quiet=True).status == "not implemented"


def test_check_loo_mse() -> None:
    def sklearn_loo(x: Any, y: Any, degree: int) -> float:
        model = make_pipeline(PolynomialFeatures(degree), LinearRegression())
        return float(-cross_val_score(model, x[:, None], y, cv=LeaveOneOut(), scoring="neg_mean_squared_error").mean())

    def training_error(x: Any, y: Any, degree: int) -> float:
        coef = np.polynomial.polynomial.polyfit(x, y, degree)
        return float(np.mean((np.polynomial.polynomial.polyval(x, coef) - y) ** 2))

    def five_fold(x: Any, y: Any, degree: int) -> float:
        model = make_pipeline(PolynomialFeatures(degree), LinearRegression())
        return float(-cross_val_score(model, x[:, None], y, cv=KFold(2), scoring="neg_mean_squared_error").mean())

    def one_degree_less(x: Any, y: Any, degree: int) -> float:
        return sklearn_loo(x, y, max(degree - 1, 0)) if degree > 0 else sklearn_loo(x, y, 1)

    assert checks.check_loo_mse(sklearn_loo, quiet=True).passed
    for wrong in (training_error, five_fold, one_degree_less):
        assert checks.check_loo_mse(wrong, quiet=True).status == "failed"
    assert checks.check_loo_mse(_stub, quiet=True).status == "not implemented"


def test_polynomial_fits_are_least_squares_of_every_degree(split: tuple[np.ndarray, ...]) -> None:
    from regviz.ridge import polynomial_fits

    x_train, y_train, x_val, y_val = split
    fits = polynomial_fits(x_train, y_train, x_val, y_val, max_degree=6)
    assert list(fits.degrees) == list(range(7)) and fits.curves.shape == (7, 300)
    coef = np.polynomial.polynomial.polyfit(x_train, y_train, 4)
    np.testing.assert_allclose(fits.curves[4], np.polynomial.polynomial.polyval(fits.x_plot, coef), atol=1e-8)
    train_mse = np.mean((np.polynomial.polynomial.polyval(x_train, coef) - y_train) ** 2)
    assert fits.train_mse[4] == pytest.approx(train_mse) and fits.norms[4] == pytest.approx(np.linalg.norm(coef[1:]))
    assert np.all(np.diff(fits.train_mse) <= 1e-12)  # nested models: the training error never grows with degree
