"""The Explorer core: a refused value changes nothing and says why; frames on the controls' own grids."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import json
import math
from pathlib import Path
from typing import Any

import ipywidgets as w
import numpy as np
import pytest

from regviz import data, widgets
from regviz.widgets import _core, log_grid

NAN = float("nan")

# --------------------------------------------------------------------------- one real explorer per topic module

Z = np.linspace(-5, 5, 101)
W0, W1 = np.linspace(-2, 2, 30), np.linspace(-1, 1, 20)
LOSS = W0[None, :] ** 2 + 10 * W1[:, None] ** 2


def _run(lr: float, n_steps: int = 20) -> tuple[np.ndarray, np.ndarray]:
    hessian, w0 = np.array([1.0, 10.0]), np.array([1.5, 0.8])
    path = [w0 * (1 - lr * hessian) ** k for k in range(n_steps + 1)]
    return np.array(path), 0.5 * (np.array(path) ** 2 * hessian).sum(axis=1)


def _optimizer_run(optimizer: str, lr: float, beta: float) -> tuple[np.ndarray, np.ndarray]:
    path, losses = _run(lr)
    return path + {"SGD": 0.0, "Adam": 0.1}[optimizer] * beta, losses


def _line() -> tuple[np.ndarray, np.ndarray]:
    x = np.linspace(-1, 1, 20)
    return x, 3 * x + np.random.default_rng(0).normal(scale=0.5, size=20)


def _poly(n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    x = np.sort(np.random.default_rng(seed).uniform(-1, 1, n))
    return x, np.sin(3 * x) + 0.3 * np.random.default_rng(seed + 1).normal(size=n)


def _diabetes() -> tuple[np.ndarray, ...]:
    d = data.load_diabetes()
    X = (d.X - d.X.mean(axis=0)) / d.X.std(axis=0)
    return X[:300], d.y[:300], X[300:], d.y[300:]


def _moons() -> tuple[np.ndarray, np.ndarray]:
    return data.make_noisy_2d_classes(80, kind="moons", noise=0.25, label_noise=0.1, seed=0)


def _histories() -> dict[float, dict[str, list[float]]]:
    return {
        p: {
            "train_loss": [1.0, 0.5 - p / 4],
            "train_acc": [0.6, 0.9 - p / 10],
            "val_loss": [1.1, 0.7],
            "val_acc": [0.5, 0.8],
        }
        for p in (0.0, 0.2, 0.5)
    }


# (builder, control to break, bad values, a good value to finish with)
CASES: dict[str, tuple[Any, str, list[Any], Any]] = {
    "basics.slope_explorer": (lambda: widgets.slope_explorer(*_line(), lambda y, p: float(np.mean((y - p) ** 2))), "slope", [NAN, None, 99.0], 2.0),
    "optim.loss_explorer": (lambda: widgets.loss_explorer(Z, {"a": Z**2}, {"a": 2 * Z}, value=-2.0), "prediction", [NAN, None], 1.0),
    "optim.lr_explorer": (lambda: widgets.lr_explorer(W0, W1, LOSS, _run, lr=0.05), "lr", [NAN, -1.0, math.inf], 0.1),
    "optim.optimizer_explorer": (
        lambda: widgets.optimizer_explorer(W0, W1, LOSS, _optimizer_run, optimizers=("SGD", "Adam")),
        "optimizer",
        [None, "RMSprop"],
        "Adam",
    ),
    "validation.degree_explorer": (lambda: widgets.degree_explorer(*_poly(20, 1), *_poly(20, 3), max_degree=8, degree=2), "degree", [NAN, None, 2.5, 99], 5),
    "ridge.ridge_explorer": (lambda: widgets.ridge_explorer(*_poly(20, 1), *_poly(20, 3), degree=8, alpha=1e-3), "alpha", [NAN, None, 0.0], 1.0),
    "lasso.lasso_explorer": (lambda: widgets.lasso_explorer(*_diabetes(), alpha=1.0), "alpha", [NAN, None], 5.0),
    "lasso.geometry_explorer": (lambda: widgets.geometry_explorer(*_two_features()), "alpha", [NAN], None),
    "lasso.enet_explorer": (lambda: _enet(), "l1_ratio", [NAN, None, 1.5], 0.0),
    "boundaries.weight_decay_explorer": (
        lambda: widgets.weight_decay_explorer(*_moons(), weight_decays=(0.0, 0.01), n_steps=20, hidden=(8,)),
        "weight_decay",
        [NAN, None, 0.005],
        0.01,
    ),
    "boundaries.learning_curve_explorer": (lambda: widgets.learning_curve_explorer(_histories()), "value", [NAN, None, 0.3], 0.5),
    "search.search_explorer": (lambda: widgets.search_explorer("branin", method="random", budget=6, max_budget=8, seed=0), "method", [None, "hyperband"], "grid"),
}  # fmt: skip


def _two_features() -> tuple[np.ndarray, np.ndarray]:
    X, y, _, _ = _diabetes()
    return X[:, [2, 8]], y


def _enet() -> widgets.Explorer:
    X, y, coef, groups = data.make_correlated_groups(
        60, n_groups=2, group_size=2, correlation=0.9, n_noise_features=1, seed=1
    )
    return widgets.enet_explorer(X, y, groups=groups, coef_true=coef, l1_ratio=0.5, l1_ratio_step=0.25)


def _good_value(explorer: widgets.Explorer, name: str, value: Any) -> Any:
    if value is not None:
        return value
    grid = _core.control_grid(name, explorer.controls[name])
    return grid.values[(grid.index + 3) % len(grid.values)]


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_refused_value_keeps_the_last_good_state_and_says_why(case: str) -> None:
    build, name, bad_values, good = CASES[case]
    explorer = build()
    control = explorer.controls[name]
    image, caption, start, renders = explorer.image.value, explorer.label.value, control.value, explorer.n_renders
    for bad in bad_values:
        # as code does it: set() refuses, raises, keeps everything
        with pytest.raises(ValueError, match="refused"):
            explorer.set(**{name: bad})
        assert explorer.image.value == image, f"{case}: the image changed for {bad!r}"
        assert control.value == start, f"{case}: the control kept {control.value!r}"
        assert "refused" in explorer.label.value and repr(bad) in explorer.label.value
        assert caption in explorer.label.value, f"{case}: the last good caption must stay visible"
        # as the browser does it: the control itself receives NaN or None. A trait may refuse it by itself (an
        # IntSlider, a SelectionSlider: it raises, and the explorer never hears of it); a finite number out of
        # range is clamped by ipywidgets before the explorer sees it.
        if bad is None or (isinstance(bad, float) and math.isnan(bad)):
            try:
                control.value = bad
            except Exception:
                pass
            else:
                assert control.value == start, f"{case}: the control kept {control.value!r}"
        assert explorer.image.value == image
        assert explorer.n_renders == renders, f"{case}: a refused value must not render"
    good = _good_value(explorer, name, good)
    explorer.set(**{name: good})
    assert explorer.image.value != image, f"{case}: a good value after a refused one must draw again"
    assert "refused" not in explorer.label.value
    assert explorer.n_renders == renders + 1
    assert explorer.last_refusal is None


def test_the_optimizer_drop_down_recovers_from_none() -> None:
    # issue 12: a drop-down set to None used to break the explorer for good (KeyError at every later change)
    explorer = CASES["optim.optimizer_explorer"][0]()
    explorer.controls["optimizer"].value = None
    assert explorer.controls["optimizer"].value == "SGD"
    assert "None is not one of the options" in explorer.label.value
    explorer.set(lr=0.2)
    assert "refused" not in explorer.label.value and "SGD" in explorer.label.value


def test_lasso_nan_no_longer_draws_the_first_grid_value() -> None:
    explorer = CASES["lasso.lasso_explorer"][0]()
    first = _core.control_grid("alpha", explorer.controls["alpha"]).values[0]
    image = explorer.image.value
    explorer.controls["alpha"].value = NAN
    assert explorer.image.value == image and f"{first:.3g}</b>" not in explorer.label.value.split("kept")[0]
    assert "nan is not a finite number" in explorer.label.value


def test_an_update_that_raises_is_refused_and_the_explorer_stays_usable() -> None:
    fig, ax = widgets.new_figure()
    (line,) = ax.plot([0, 1], [0, 0])

    def update(a: float) -> None:
        if a > 0.7:
            raise ZeroDivisionError("no picture above 0.7")
        line.set_ydata([0, a])

    explorer = widgets.Explorer(
        fig, update, {"a": widgets.float_slider("a", 0.0, 1.0, 0.2, step=0.1)}, caption=lambda a: f"a = {a:.1f}"
    )
    image = explorer.image.value
    explorer.controls["a"].value = 0.8
    assert explorer.controls["a"].value == 0.2 and explorer.image.value == image
    assert "ZeroDivisionError: no picture above 0.7" in explorer.label.value and "a = 0.2" in explorer.label.value
    with pytest.raises(ValueError, match="no picture above"):
        explorer.set(a=0.9)
    explorer.set(a=0.5)
    assert explorer.label.value == "a = 0.5" and explorer.image.value != image
    explorer.set(a=0.2)
    assert explorer.image.value == image, "the artists were put back after the failed update"


def test_explorer_refuses_to_start_from_a_value_its_control_cannot_take() -> None:
    fig, _ax = widgets.new_figure()
    control = widgets.float_slider("a", 0.0, 1.0, 0.5)
    control.value = NAN  # the FloatSlider clamp lets NaN through
    with pytest.raises(ValueError, match="not a finite number"):
        widgets.Explorer(fig, lambda a: None, {"a": control})


# --------------------------------------------------------------------------- grids and frames


def test_grids_are_the_values_each_control_can_take() -> None:
    log = widgets.log_slider("λ", 1e-6, 1e3, 1e-4, steps_per_decade=10)
    grid = _core.control_grid("alpha", log)
    np.testing.assert_allclose(grid.values, log_grid(1e-6, 1e3, steps_per_decade=10), rtol=1e-12)
    assert grid.kind == "range" and grid.values[grid.index] == pytest.approx(1e-4) and grid.labels[0] == "1e-06"
    lin = _core.control_grid("slope", widgets.float_slider("w", -1.0, 5.0, 0.5, step=0.05))
    assert len(lin.values) == 121 and lin.values[-1] == 5.0 and lin.values[lin.index] == pytest.approx(0.5)
    ints = _core.control_grid("degree", w.IntSlider(value=3, min=0, max=15, description="degree"))
    assert ints.values == tuple(range(16)) and ints.index == 3 and ints.label == "degree"
    drop = _core.control_grid("method", w.Dropdown(options=[("Grid", "grid"), ("Random", "random")], value="random"))
    assert drop.kind == "select" and drop.values == ("grid", "random") and drop.labels == ("Grid", "Random")
    assert drop.index == 1
    sel = _core.control_grid("p", w.SelectionSlider(options=[("0", 0.0), ("0.5", 0.5)], value=0.5))
    assert sel.kind == "range" and sel.values == (0.0, 0.5) and sel.index == 1
    with pytest.raises(ValueError, match="no grid"):
        _core.control_grid("t", w.Text())


def test_thinning_keeps_the_current_value_both_ends_and_every_choice() -> None:
    explorer = CASES["optim.optimizer_explorer"][0]()
    full = explorer.frame_grid()
    assert [len(g.values) for g in full] == [2, 61, 100]
    thin = explorer.frame_grid(max_frames=100)
    assert math.prod(len(g.values) for g in thin) <= 100
    assert thin[0].values == full[0].values, "choices are never thinned"
    for f, t in zip(full, thin, strict=True):
        assert t.values[0] == f.values[0] and t.values[-1] == f.values[-1]
        assert t.values[t.index] == f.values[f.index] and t.full_size == len(f.values)
    lr = thin[1].values
    assert len(set(np.round(np.diff(np.log10(lr[1:-1])), 9))) == 1, "evenly spaced inside, on the slider's grid"


def test_frames_are_the_pictures_set_draws_and_leave_the_explorer_as_it_was() -> None:
    explorer = CASES["ridge.ridge_explorer"][0]()
    image, caption, values, renders = explorer.image.value, explorer.label.value, explorer.values, explorer.n_renders
    frames = list(explorer.frames(max_frames=10))
    assert len(frames) == 10
    assert explorer.image.value == image and explorer.label.value == caption and explorer.values == values
    assert explorer.n_renders == renders
    for frame in (frames[1], frames[7]):
        explorer.set(alpha=frame.values["alpha"])
        assert explorer.image.value == frame.png and explorer.label.value == frame.caption
    explorer.set(alpha=values["alpha"])
    assert explorer.image.value == image, "rendering frames must not leave the artists elsewhere"


def test_export_writes_frames_and_a_manifest_and_display_reports_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    explorer = CASES["lasso.enet_explorer"][0]()
    monkeypatch.setenv(_core.EXPORT_ENV, str(tmp_path))
    monkeypatch.setenv(_core.EXPORT_MAX_FRAMES_ENV, "40")
    bundle = explorer._repr_mimebundle_()
    data = bundle[0] if isinstance(bundle, tuple) else bundle
    assert "application/vnd.jupyter.widget-view+json" in data
    info = data[_core.EXPLORER_MIME]
    folder = tmp_path / info["id"]
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert info["n_frames"] == len(manifest["frames"]) <= 40
    assert [c["name"] for c in manifest["controls"]] == ["alpha", "l1_ratio"]
    assert manifest["controls"][1]["values"] == [0.0, 0.25, 0.5, 0.75, 1.0]
    shape = [len(c["values"]) for c in manifest["controls"]]
    assert len(manifest["frames"]) == shape[0] * shape[1]
    k = manifest["initial"]
    assert manifest["frames"][k]["caption"] == explorer.label.value
    assert (folder / manifest["frames"][k]["file"]).read_bytes() == explorer.image.value
    assert manifest["size"] == [1100, 440]
    monkeypatch.delenv(_core.EXPORT_ENV)
    assert _core.EXPLORER_MIME not in explorer._repr_mimebundle_()


def test_log_grid_has_two_ends_one_rule() -> None:
    exact = log_grid(1e-3, 2.0, steps_per_decade=10)
    np.testing.assert_array_equal(exact, np.logspace(-3, np.log10(2.0), len(exact)))
    assert exact[0] == pytest.approx(1e-3, rel=1e-15) and exact[-1] == pytest.approx(2.0, rel=1e-15)
    steps = log_grid(1e-3, 2.0, steps_per_decade=10, exact_end=False)
    np.testing.assert_array_equal(steps, 1e-3 * 10.0 ** (np.arange(len(steps)) / 10))
    # the step grid is the slider's own values from low: its last value is the step nearest high, not high
    assert len(steps) == len(exact) == 34
    assert steps[-1] != 2.0 and abs(np.log10(steps[-1] / 2.0)) <= 0.5 / 10
    with pytest.raises(ValueError, match="exact_end must be True or False"):
        log_grid(1e-3, 2.0, exact_end="yes")  # type: ignore[arg-type]
