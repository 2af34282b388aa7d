"""Every public callable of regviz, fed bad values of each parameter's kind, answers with a clear error.

The callables come from the modules' ``__all__`` (so a new function is swept without editing this file, as long
as its parameters have names the baseline factory knows, or it gets one line in ``BASELINES``). For each one:

1. a *baseline* call with valid arguments must succeed (otherwise the probes below would test nothing);
2. each parameter in turn gets the bad values of its kind — NaN, inf, a negative or huge size, an out-of-range
   probability, a wrong type, ``None`` where it is not allowed, an empty or ragged or non-finite array — with
   every other argument at its baseline value;
3. each probe must raise ``ValueError`` (or the package's own ``DataError`` / ``StorageError``) **whose message
   names the parameter**, within a few seconds. A probe that returns (a silent result), raises anything else, or
   hangs, fails the test.

The test prints how many probes it ran and how many got a clear error.
"""

from __future__ import annotations

import dataclasses
import importlib
import inspect
import math
import pkgutil
import signal
import typing
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pytest

import regviz

PACKAGE_ERRORS: tuple[type[BaseException], ...] = (ValueError,)
TIMEOUT_S = 20


# --------------------------------------------------------------------------- the public surface


def public_callables() -> dict[str, Callable[..., Any]]:
    """``module.name -> object`` for every callable in a public module's ``__all__`` (each object once)."""
    found: dict[str, Callable[..., Any]] = {}
    seen: set[int] = set()
    names = sorted(m.name for m in pkgutil.walk_packages(regviz.__path__, "regviz."))
    for module_name in names:
        if any(part.startswith("_") for part in module_name.split(".")):
            continue
        module = importlib.import_module(module_name)
        for attr in getattr(module, "__all__", []):
            obj = getattr(module, attr)
            if not callable(obj) or id(obj) in seen:
                continue
            seen.add(id(obj))
            found[f"{module_name}.{attr}"] = obj
    return found


# Helpers outside ``__all__`` (the modules' own building blocks, kept out of the public-name budget) that still
# check what they are given: swept like the public ones, so leaving ``__all__`` never drops a check.
INTERNAL_SWEPT = (
    "regviz.checks._core.run_check",
    "regviz.lasso.article_objective",
    "regviz.lasso.constraint_fits",
    "regviz.lasso.enet_slider",
    "regviz.lasso.lasso_slider",
    "regviz.lasso.loss_ellipse",
    "regviz.lasso.penalty_boundary",
    "regviz.lasso.quadratic_loss",
    "regviz.optim.compare_searches",
    "regviz.optim.loss_curves",
    "regviz.optim.optimizer_run",
    "regviz.optim.path_in_view",
    "regviz.optim.rate_map",
    "regviz.ridge.polynomial_fits",
    "regviz.ridge.polynomial_ridge",
    "regviz.checks._core.Case",
    "regviz.checks.boundaries._predictive_entropy",
    "regviz.search.random_points",
    "regviz.search.to_log_uniform",
    "regviz.search_worker.run_worker",
    "regviz.tinymlp.learning_curves",
    "regviz.tinymlp.live_fits",
    "regviz.experiments.TensorBoardLogger",
    "regviz.lasso.sklearn_to_article",
    "regviz.lasso.sklearn_to_glmnet",
    "regviz.plots.surfaces.update_decision_boundary",
    "regviz.style.alt_text",
    "regviz.widgets.float_slider",
    "regviz.widgets.log_slider",
    "regviz.widgets.new_figure",
    "regviz.widgets.log_grid",
)


def internal_callables() -> dict[str, Callable[..., Any]]:
    """``module.name -> object`` for each name of :data:`INTERNAL_SWEPT`."""
    found = {}
    for qualname in INTERNAL_SWEPT:
        module_name, attr = qualname.rsplit(".", 1)
        found[qualname] = getattr(importlib.import_module(module_name), attr)
    return found


def _is_result_type(obj: Any) -> bool:
    """A frozen dataclass or named tuple the package *returns* (no validation of its own: users don't build it)."""
    if isinstance(obj, type) and issubclass(obj, BaseException):
        return True
    if isinstance(obj, type) and issubclass(obj, tuple) and hasattr(obj, "_fields"):
        return True
    return dataclasses.is_dataclass(obj) and isinstance(obj, type) and "__post_init__" not in vars(obj)


# Callables that take no user input worth probing, or whose input is a live object the sweep cannot build.
NOT_SWEPT = {
    "regviz.style.use": "no arguments",
    "regviz.data.data_dir": "no arguments",
    "regviz.data.load_diabetes": "no arguments",
    "regviz.widgets.Explorer": "takes a figure and callbacks: tests/test_widgets_core.py probes it",
}


# Probes whose "bad" value is in fact meaningful for this callable, with the reason (checked to exist below).
LEGITIMATE: dict[tuple[str, str, str], str] = {
    ("regviz.data.polynomial", "x", "an empty array"): "a polynomial evaluated at no points is an empty array",
    (
        "regviz.data.stratified_split",
        "X",
        "an array with NaN",
    ): "a split never reads feature values; NaN is imputed later",
    ("regviz.search.to_log_uniform", "u", "an empty array"): "an elementwise map of no values",
    ("regviz.search.to_log_uniform", "u", "an array of the wrong dimension"): "an elementwise map keeps any shape",
    ("regviz.plots.plot_polynomial_fit", "y_grid", "None"): "documented: None draws the data without a curve",
    ("regviz.search.halving_schedule", "n_candidates", "a huge size"): "arithmetic on the counts, nothing allocated",
    ("regviz.plots.plot_weight_histogram", "weights", "an array of the wrong dimension"): "any shape, flattened",
    ("regviz.optim.optimizer_run", "path", "an array with NaN"): "a diverging run overflows: those iterates are hidden",
    ("regviz.optim.optimizer_run", "losses", "an array with NaN"): "a diverging run overflows: those losses are hidden",
    ("regviz.optim.path_in_view", "path", "an array with NaN"): "an iterate that overflowed ends the drawn path",
    ("regviz.checks.compare", "ours", "a number for a sequence"): "a shape mismatch is compare's DIFFERENT verdict",
    (
        "regviz.checks.compare",
        "reference",
        "a number for a sequence",
    ): "a shape mismatch is compare's DIFFERENT verdict",
}


# --------------------------------------------------------------------------- valid arguments


def _rng() -> np.random.Generator:
    return np.random.default_rng(0)


def _regression(n: int = 30, p: int = 3) -> tuple[np.ndarray, np.ndarray]:
    rng = _rng()
    X = rng.standard_normal((n, p))
    return X, X @ np.arange(1.0, p + 1) + 0.1 * rng.standard_normal(n)


def _classes(n: int = 40) -> tuple[np.ndarray, np.ndarray]:
    rng = _rng()
    X = rng.standard_normal((n, 2))
    return X, (X[:, 0] > 0).astype(np.int64)


def _mlp(n_in: int = 2, n_out: int = 2) -> Any:
    import torch

    torch.manual_seed(0)
    return torch.nn.Sequential(torch.nn.Linear(n_in, 8), torch.nn.ReLU(), torch.nn.Linear(8, n_out))


def _by_name(name: str) -> Any:
    """A valid value for a parameter, from its name alone (the course uses scikit-learn's names)."""
    X, y = _regression()
    table: dict[str, Callable[[], Any]] = {
        "X": lambda: X,
        "y": lambda: y,
        "x": lambda: np.linspace(-1, 1, 30),
        "X_train": lambda: X,
        "y_train": lambda: y,
        "X_val": lambda: X,
        "y_val": lambda: y,
        "x_train": lambda: np.linspace(-1, 1, 20),
        "y_train_": lambda: y[:20],
        "coef": lambda: np.array([1.0, 0.0, -1.0]),
        "alpha": lambda: 0.1,
        "alphas": lambda: np.logspace(-2, 1, 5),
        "l1_ratio": lambda: 0.5,
        "intercept": lambda: 0.0,
        "threshold": lambda: 0.5,
        "z": lambda: np.linspace(-2, 2, 9),
        "lambda_": lambda: 0.1,
        "level": lambda: 1.0,
        "degree": lambda: 3,
        "budget": lambda: 8,
        "n": lambda: 3,
        "k": lambda: 0,
        "seed": lambda: 0,
        "student_fn": lambda: lambda *a, **k: 0.0,
        "name": lambda: "thing",
        "model": lambda: _mlp(3, 2),
        "weight_decay": lambda: 1e-3,
        "mu": lambda: np.zeros(5),
        "sigma": lambda: np.ones(5),
        "best": lambda: 0.0,
        "u": lambda: np.linspace(0, 1, 5),
        "low": lambda: 0.001,
        "high": lambda: 1.0,
        "value": lambda: 0.1,
        "description": lambda: "λ",
        "fig": lambda: plt.figure(),
        "text": lambda: "A figure.",
        "path": lambda: regviz.data.data_dir() / "mnist_5k.npz",
        "values": lambda: np.array([[0.9, 0.91], [0.92, 0.93], [0.94, 0.95]]),
        "w": lambda: np.array([1.0, -2.0, 0.5]),
        "grad": lambda: np.array([0.1, 0.2, -0.3]),
        "lr": lambda: 0.1,
        "l1": lambda: 0.1,
        "probs": lambda: np.array([[0.2, 0.8], [0.5, 0.5]]),
        "val_losses": lambda: [1.0, 0.8, 0.9, 0.95],
        "patience": lambda: 2,
        "space": lambda: {"u": regviz.search.FloatRange(0.0, 1.0)},
        "n_points": lambda: 4,
        "n_candidates": lambda: 27,
        "min_resources": lambda: 1,
        "max_resources": lambda: 9,
        "width": lambda: 8,
        "choices": lambda: (1, 2),
        "weights": lambda: _rng().standard_normal(100),
    }
    if name not in table:
        raise KeyError(name)
    return table[name]()


def _explorer_poly() -> dict[str, Any]:
    x = np.linspace(-1, 1, 20)
    return {"x_train": x, "y_train": x**2, "x_val": x + 0.01, "y_val": x**2}


def _losses() -> dict[str, Any]:
    z = np.linspace(-3, 3, 31)
    return {"x": z, "losses": {"log": np.log1p(np.exp(-z))}, "gradients": {"log": -1 / (1 + np.exp(z))}}


def _contours() -> dict[str, Any]:
    w0, w1 = np.linspace(-1, 1, 11), np.linspace(-1, 1, 9)
    return {"w0": w0, "w1": w1, "loss": w0[None, :] ** 2 + w1[:, None] ** 2}


# Arguments the factory cannot guess (data of a particular shape, a live object), per callable.
BASELINES: dict[str, Callable[[], dict[str, Any]]] = {
    "regviz.lasso.quadratic_loss": lambda: {"X": _rng().standard_normal((30, 2)), "y": _rng().standard_normal(30)},
    "regviz.lasso.loss_ellipse": lambda: {
        "gram": np.array([[2.0, 0.5], [0.5, 1.0]]),
        "center": np.ones(2),
        "excess": 1.0,
    },
    "regviz.data.verify_file": lambda: {"name": "mnist_5k.npz"},
    "regviz.data.polynomial": lambda: {"x": np.linspace(0, 1, 5), "coef": [1.0, 2.0]},
    "regviz.data.stratified_split": lambda: {"X": _classes(60)[0], "y": _classes(60)[1]},
    "regviz.device.environment_report": dict,
    "regviz.train.to_tensors": lambda: {"X": _classes()[0], "y": _classes()[1], "device": "cpu"},
    "regviz.train.fit": lambda: {
        "model": _mlp(),
        "X_train": _classes()[0],
        "y_train": _classes()[1],
        "n_epochs": 1,
        "device": "cpu",
    },
    "regviz.train.evaluate": lambda: {"model": _mlp(), "X": _classes()[0], "y": _classes()[1], "device": "cpu"},
    "regviz.train.predict": lambda: {"model": _mlp(), "X": _classes()[0]},
    "regviz.checks.compare": lambda: {"name": "a", "ours": [1.0], "reference": [1.0]},
    "regviz.checks.compare_paired": lambda: {"name": "a", "a": [0.9, 0.95, 0.93], "b": [0.8, 0.9, 0.92]},
    "regviz.checks._core.run_check": lambda: {
        "name": "c",
        "student_fn": abs,
        "reference_fn": abs,
        "cases": [regviz.checks._core.Case((1.0,))],
    },
    "regviz.checks._core.Case": lambda: {"args": (1.0,)},
    "regviz.widgets.float_slider": lambda: {"description": "p", "low": 0.0, "high": 1.0, "value": 0.5},
    "regviz.widgets.log_slider": lambda: {"description": "λ", "low": 1e-3, "high": 1.0, "value": 0.1},
    "regviz.widgets.new_figure": dict,
    "regviz.widgets.slope_explorer": lambda: {
        "x": np.linspace(0, 1, 10),
        "y": np.linspace(0, 3, 10),
        "loss_fn": lambda a, b: float(np.mean((a - b) ** 2)),
    },
    "regviz.widgets.degree_explorer": _explorer_poly,
    "regviz.widgets.ridge_explorer": _explorer_poly,
    "regviz.lasso.constraint_fits": lambda: {
        "X": _rng().standard_normal((30, 2)),
        "y": _rng().standard_normal(30),
        "alphas": np.logspace(-2, 0, 5),
        "l1_ratios": [1.0, 0.5, 0.0],
    },
    "regviz.lasso.enet_slider": lambda: {
        "X": _rng().standard_normal((30, 4)),
        "y": _rng().standard_normal(30),
        "alphas": np.logspace(-2, 0, 5),
        "l1_ratios": [1.0, 0.0],
        "features": (0, 2),
    },
    "regviz.lasso.lasso_slider": lambda: {
        "X_train": _rng().standard_normal((30, 3)),
        "y_train": _rng().standard_normal(30),
        "X_val": _rng().standard_normal((10, 3)),
        "y_val": _rng().standard_normal(10),
        "alphas": np.logspace(-2, 0, 5),
    },
    "regviz.ridge.polynomial_ridge": lambda: {**_explorer_poly(), "degree": 3, "alphas": np.logspace(-3, 1, 9)},
    "regviz.widgets.loss_explorer": _losses,
    "regviz.widgets.lr_explorer": lambda: {**_contours(), "run": lambda lr: (np.zeros((3, 2)), np.ones(3))},
    "regviz.widgets.optimizer_explorer": lambda: {
        **_contours(),
        "run": lambda o, lr, b: (np.zeros((3, 2)), np.ones(3)),
    },
    "regviz.widgets.momentum_explorer": lambda: {
        **_contours(),
        "run": lambda lr, m: (np.zeros((3, 2)), np.ones(3)),
        "lr_values": np.array([0.01, 0.1]),
        "momentum_values": np.array([0.0, 0.5]),
        "rate": np.full((2, 2), 0.5),
    },
    "regviz.optim.loss_curves": _losses,
    "regviz.optim.optimizer_run": lambda: {"path": np.zeros((3, 2)), "losses": np.ones(3)},
    "regviz.optim.path_in_view": lambda: {"path": np.zeros((3, 2)), "xlim": (-1.0, 1.0), "ylim": (-1.0, 1.0)},
    "regviz.optim.rate_map": lambda: {
        "lr_values": np.array([0.01, 0.1]),
        "momentum_values": np.array([0.0, 0.5]),
        "rate": np.full((2, 2), 0.5),
    },
    "regviz.optim.compare_searches": lambda: {"objective": "branin", "methods": ("grid", "random"), "max_budget": 8},
    "regviz.widgets.geometry_explorer": lambda: _plane(),
    "regviz.widgets.dropout_explorer": lambda: _plane_classes(),
    "regviz.widgets.weight_decay_explorer": lambda: _plane_classes(),
    "regviz.tinymlp.fit_tiny_mlp": lambda: _plane_classes(),
    "regviz.tinymlp.live_fits": lambda: {
        **_plane_classes(),
        "points": _rng().standard_normal((9, 2)),
        "shape": (3, 3),
        "weight_decays": (0.0, 0.01),
    },
    "regviz.tinymlp.learning_curves": lambda: {"histories": {0.1: _history(), 1.0: _history()}},
    "regviz.ridge.polynomial_fits": _explorer_poly,
    "regviz.plots.surfaces.update_decision_boundary": lambda: {
        "ax": regviz.plots.plot_decision_boundary(*_classes(4), np.full((3, 3), 0.3), extent=(0.0, 1.0, 0.0, 1.0)),
        "proba": np.full((3, 3), 0.6),
        "extent": (0.0, 1.0, 0.0, 1.0),
    },
    "regviz.widgets.enet_explorer": lambda: {
        **dict(zip(("X", "y"), _regression(40, 4), strict=True)),
        "groups": np.array([0, 0, 1, -1]),
    },
    "regviz.widgets.learning_curve_explorer": lambda: {"histories": {0.1: _history(), 1.0: _history()}},
    "regviz.checks.boundaries._predictive_entropy": lambda: {"probs": np.full((3, 2, 2), 0.5)},
    "regviz.models.init_weights": lambda: {"model": _mlp(), "init": "he"},
    "regviz.experiments.TensorBoardLogger": lambda: {"log_dir": _tmp() / "run"},
    "regviz.experiments.read_scalars": lambda: {"log_dir": _event_folder()},
    "regviz.experiments.make_model": lambda: {"config": _config()},
    "regviz.experiments.run_config": lambda: {"config": _config(), **_small_digits()},
    "regviz.experiments.run_seeds": lambda: {"config": _config(), **_small_digits(), "seeds": [0, 1]},
    "regviz.search.IntRange": lambda: {"low": 1, "high": 5},
    "regviz.search.branin": lambda: {"X": _rng().uniform(size=(5, 2))},
    "regviz.search.low_effective_dim_loss": lambda: {"X": _rng().uniform(size=(5, 2))},
    "regviz.search.bayes_opt_minimize": lambda: {"objective": regviz.search.branin, "budget": 6, "n_init": 4},
    "regviz.search.run_search": lambda: {"objective": "branin", "method": "random", "budget": 6},
    "regviz.search.open_storage": lambda: {"url": f"journal:///{_tmp()}/study.log"},
    "regviz.search_worker.run_worker": lambda: {
        "storage_url": f"journal:///{_tmp()}/study.log",
        "study_name": "s",
        "n_trials": 1,
        "objective": "quadratic",
    },
    "regviz.plots.boundary_grid": lambda: {"X": _rng().standard_normal((10, 2))},
    "regviz.plots.plot_acquisition": lambda: {"x": np.linspace(0, 1, 5), "values": np.linspace(0, 1, 5)},
    "regviz.plots.plot_best_so_far": lambda: {"curves": {"random": _rng().uniform(size=(3, 5))}},
    "regviz.plots.plot_bias_variance": lambda: {"params": _knob(), "bias2": _pos(), "variance": _pos()},
    # rotation given, so that the sweep probes it (None, its default, picks the angle by form)
    "regviz.plots.plot_coef_bars": lambda: {"coef": np.array([1.0, 0.0, -1.0]), "rotation": 0.0},
    "regviz.plots.plot_coef_norms": lambda: {"params": _knob(), "norms": _pos()},
    "regviz.plots.plot_coef_path": lambda: {"alphas": _knob(), "coefs": _rng().standard_normal((5, 3))},
    "regviz.plots.plot_confusion_matrix": lambda: {"cm": np.array([[5, 1], [2, 7]])},
    "regviz.plots.plot_constraint_geometry": lambda: {**_plane(), "coef": np.array([0.5, -0.2])},
    "regviz.plots.plot_contours": _contours,
    "regviz.plots.plot_curves": lambda: {"curves": {"train": [1.0, 0.5, 0.3], "val": [1.1, 0.7, 0.6]}},
    "regviz.plots.plot_cv_curve": lambda: {"alphas": _knob(), "mse_path": _rng().uniform(1, 2, size=(5, 3))},
    "regviz.plots.plot_cv_heatmap": lambda: {
        "alphas": _knob(),
        "l1_ratios": np.array([0.1, 0.5, 1.0]),
        "mse": _rng().uniform(1, 2, size=(3, 5)),
    },
    "regviz.plots.plot_decision_boundary": lambda: {
        **_plane_classes(),
        "proba": _rng().uniform(size=(6, 7)),
        "extent": (-2.0, 2.0, -2.0, 2.0),
    },
    "regviz.plots.plot_digits": lambda: {"images": _rng().uniform(size=(4, 28, 28))},
    "regviz.plots.plot_gp_posterior": lambda: {
        "x": np.linspace(0, 1, 5),
        "mu": np.zeros(5),
        "sigma": np.ones(5),
        "X_obs": np.array([0.2, 0.6]),
        "y_obs": np.array([0.1, -0.3]),
    },
    "regviz.plots.plot_halving": lambda: {"cv_results": _halving_results()},
    "regviz.plots.plot_line_fit": lambda: {"x": np.linspace(0, 1, 5), "y": np.linspace(0, 2, 5), "slope": 2.0},
    "regviz.plots.plot_loss_profile": lambda: {"params": _knob(), "losses": _pos()},
    "regviz.plots.plot_marginal": lambda: {"x": np.linspace(0, 1, 5), "curve": _pos(), "tried": np.array([0.25, 0.5])},
    "regviz.plots.plot_n_nonzero": lambda: {"alphas": _knob(), "counts": {"lasso": np.array([5, 4, 3, 1, 0])}},
    "regviz.plots.plot_path": lambda: {"path": np.array([[1.0, 1.0], [0.5, 0.4], [0.1, 0.1]])},
    "regviz.plots.plot_per_step": lambda: {"series": {"sgd": np.array([1.0, 0.5, 0.2])}},
    "regviz.plots.plot_polynomial_fit": lambda: {
        "x": np.linspace(0, 1, 5),
        "y": np.linspace(0, 1, 5),
        "x_grid": np.linspace(0, 1, 20),
        "y_grid": np.linspace(0, 1, 20),
    },
    "regviz.plots.plot_pruning": lambda: {"curves": [[0.5, 0.6, 0.7], [0.4, 0.45]], "pruned": [False, True]},
    "regviz.plots.plot_rate_map": lambda: {
        "lr": np.array([0.01, 0.1]),
        "momentum": np.array([0.0, 0.5]),
        "rate": np.full((2, 2), 0.5),
    },
    "regviz.plots.plot_search": lambda: {"values": np.logspace(-3, -1, 5), "scores": _rng().uniform(size=5)},
    "regviz.plots.plot_seed_curves": lambda: {"curves": {"none": _rng().uniform(size=(3, 4))}},
    "regviz.plots.plot_seed_scores": lambda: {"scores": {"none": np.array([0.9, 0.91, 0.92])}},
    "regviz.plots.plot_selection_frequency": lambda: {"frequency": np.array([1.0, 0.5, 0.0])},
    "regviz.plots.plot_shrinkage_factors": lambda: {"alphas": _knob(), "factors": _rng().uniform(size=(5, 2))},
    "regviz.plots.plot_trials_2d": lambda: {"X": _rng().uniform(size=(6, 2)), "y": _rng().uniform(size=6)},
    "regviz.plots.plot_unit_moments": lambda: {"activations": {"before": _rng().standard_normal((20, 3))}},
    "regviz.plots.plot_validation_curve": lambda: {"params": _knob(), "train_scores": _pos(), "val_scores": _pos()},
}


def _tmp() -> Any:
    import tempfile
    from pathlib import Path

    return Path(tempfile.mkdtemp())


def _event_folder() -> Any:
    from torch.utils.tensorboard import SummaryWriter

    folder = _tmp()
    with SummaryWriter(str(folder)) as writer:
        writer.add_scalar("loss/train", 0.5, global_step=1)
    return folder


def _knob() -> np.ndarray:
    return np.logspace(-2, 2, 5)


def _pos() -> np.ndarray:
    return np.array([1.0, 0.8, 0.5, 0.6, 0.9])


def _plane() -> dict[str, Any]:
    rng = _rng()
    X = rng.standard_normal((30, 2))
    return {"X": X, "y": X @ np.array([1.0, -0.5]) + 0.1 * rng.standard_normal(30)}


def _plane_classes() -> dict[str, Any]:
    X, y = _classes(40)
    return {"X": X, "y": y}


def _history() -> dict[str, list[float]]:
    return {"train_loss": [0.7, 0.5], "train_acc": [0.6, 0.8], "val_loss": [0.7, 0.6], "val_acc": [0.6, 0.7]}


def _config() -> Any:
    return regviz.experiments.RunConfig("tiny", hidden=(8,), n_epochs=1, batch_size=16)


def _small_digits() -> dict[str, Any]:
    rng = _rng()
    X = rng.uniform(size=(40, 784)).astype(np.float32)
    y = np.arange(40) % 10
    return {"X_train": X, "y_train": y, "X_val": X[:20], "y_val": y[:20]}


def _halving_results() -> dict[str, Any]:
    return {
        "iter": np.array([0, 0, 0, 1]),
        "n_resources": np.array([10, 10, 10, 30]),
        "mean_test_score": np.array([0.6, 0.7, 0.5, 0.75]),
        "params": [{"a": 1}, {"a": 2}, {"a": 3}, {"a": 2}],
    }


def baseline(qualname: str, fn: Callable[..., Any]) -> dict[str, Any]:
    """Valid arguments for every required parameter of ``fn`` (keyword form)."""
    kwargs = BASELINES[qualname]() if qualname in BASELINES else {}
    for param in inspect.signature(fn).parameters.values():
        if param.kind in (param.VAR_POSITIONAL, param.VAR_KEYWORD) or param.name in kwargs:
            continue
        if param.default is param.empty:
            kwargs[param.name] = _by_name(param.name)
    return kwargs


# --------------------------------------------------------------------------- bad values by kind

SIZE_NAMES = ("n_", "size", "degree", "budget", "steps", "depth", "width", "n", "k", "patience", "max_", "min_",
              "resolution", "bins", "levels", "decimals", "batch")  # fmt: skip
PROBABILITY_NAMES = ("l1_ratio", "dropout", "input_dropout", "p", "rate", "confidence", "momentum", "label_noise",
                     "val_size", "test_size")  # fmt: skip
LABEL_NAMES = ("title", "xlabel", "ylabel", "zlabel", "label", "description", "readout_format", "legend_loc",
               "group_label", "limit_label", "reference_label", "current_label", "param_label", "symbol",
               "loss_ylabel", "grad_ylabel", "color", "name", "text")  # fmt: skip
HUGE = 10**12
# sizes that allocate memory (a huge one must be refused, not attempted); a huge epoch count or patience is
# merely a long request
ALLOCATING = ("points", "samples", "features", "grid", "resolution", "budget", "degree", "per_decade",
              "candidates", "bins", "levels", "n_cols", "n_boot")  # fmt: skip


def _annotation(fn: Callable[..., Any], param: inspect.Parameter) -> str:
    return str(param.annotation).replace("typing.", "")


def _optional(param: inspect.Parameter, annotation: str) -> bool:
    return param.default is None or "None" in annotation


def bad_values(fn: Callable[..., Any], param: inspect.Parameter, good: Any) -> Iterator[tuple[str, Any]]:
    """The bad values of this parameter's kind, each with a short label."""
    annotation = _annotation(fn, param)
    name = param.name
    if name in LABEL_NAMES or name.endswith("_label") or name.endswith("label"):
        return
    if not _optional(param, annotation):
        yield "None", None
    if isinstance(good, bool) or annotation == "bool":
        yield "a string for a bool", "yes"
        return
    if isinstance(good, int | float | np.integer | np.floating) and not isinstance(good, bool):
        yield "NaN", math.nan
        yield "inf", math.inf
        yield "a string for a number", "3"
        if isinstance(good, int | np.integer) or ("int" in annotation and "float" not in annotation):
            yield "a fraction for an integer", 2.5
            if name.startswith(SIZE_NAMES) or name in SIZE_NAMES or name.endswith(("_size", "_points", "_steps")):
                yield "a negative size", -1
            if any(word in name for word in ALLOCATING):
                yield "a huge size", HUGE
        elif name in PROBABILITY_NAMES:
            yield "a probability above 1", 1.5
            yield "a negative probability", -0.1
        return
    if isinstance(good, str):
        yield "a number for a string", 3
        return
    if isinstance(good, np.ndarray) and good.dtype.kind in "fi":
        bad = good.astype(float).copy()
        bad.flat[0] = np.nan
        yield "an array with NaN", bad
        yield "an empty array", good[:0]
        yield "text for an array", "abc"
        yield "an array of the wrong dimension", good[None, None] if good.ndim <= 1 else good.reshape(-1)
        return
    if callable(good) and not isinstance(good, type):
        yield "a number for a callable", 3
        return
    if isinstance(good, dict):
        yield "a number for a mapping", 3
        return
    if isinstance(good, list | tuple):
        yield "a number for a sequence", 3


# --------------------------------------------------------------------------- running the probes


class Hang(Exception):
    pass


@contextmanager
def time_limit(seconds: int) -> Iterator[None]:
    def _raise(signum: int, frame: Any) -> None:
        raise Hang

    previous = signal.signal(signal.SIGALRM, _raise)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def _package_errors() -> tuple[type[BaseException], ...]:
    return (ValueError, regviz.data.DataError, regviz.search.StorageError)


def sweep(qualname: str, fn: Callable[..., Any]) -> tuple[int, list[str]]:
    """Run every probe of one callable; return the number of probes and the failures."""
    errors = _package_errors()
    base = baseline(qualname, fn)
    with time_limit(TIMEOUT_S):
        fn(**base)  # the baseline must work, or the probes would test nothing
    plt.close("all")
    failures: list[str] = []
    probes = 0
    for param in inspect.signature(fn).parameters.values():
        if param.kind in (param.VAR_POSITIONAL, param.VAR_KEYWORD):
            continue
        good = base.get(param.name, param.default)
        for label, bad in bad_values(fn, param, good):
            if (qualname, param.name, label) in LEGITIMATE:
                continue
            probes += 1
            kwargs = {**baseline(qualname, fn), param.name: bad}
            try:
                with time_limit(TIMEOUT_S):
                    fn(**kwargs)
            except Hang:
                failures.append(f"{param.name} = {label}: still running after {TIMEOUT_S} s")
            except errors as exc:
                if param.name.rstrip("_") not in str(exc):
                    failures.append(f"{param.name} = {label}: {type(exc).__name__} without the name: {exc}")
            except Exception as exc:
                failures.append(f"{param.name} = {label}: {type(exc).__name__}: {exc}"[:300])
            else:
                failures.append(f"{param.name} = {label}: accepted silently")
            finally:
                plt.close("all")
    return probes, failures


SWEPT = {
    q: f
    for q, f in {**public_callables(), **internal_callables()}.items()
    if q not in NOT_SWEPT and not _is_result_type(f)
}
TALLY: dict[str, int] = {"probes": 0, "clear": 0}


@pytest.mark.parametrize("qualname", sorted(SWEPT))
def test_bad_input_gets_a_clear_error(qualname: str) -> None:
    probes, failures = sweep(qualname, SWEPT[qualname])
    TALLY["probes"] += probes
    TALLY["clear"] += probes - len(failures)
    assert not failures, f"{qualname}:\n  " + "\n  ".join(failures)


def test_the_sweep_covers_the_public_surface_and_reports() -> None:
    everything = public_callables()
    assert len(SWEPT) >= 0.6 * len(everything), f"only {len(SWEPT)} of {len(everything)} callables swept"
    for qualname in NOT_SWEPT:
        assert qualname in everything, f"NOT_SWEPT lists {qualname}, which is not public any more"
    for qualname in INTERNAL_SWEPT:
        assert qualname not in everything, f"INTERNAL_SWEPT lists {qualname}, which is public: drop it there"
    for qualname, param, _label in LEGITIMATE:
        assert qualname in SWEPT, f"LEGITIMATE lists {qualname}, which is not swept any more"
        assert param in inspect.signature(SWEPT[qualname]).parameters, f"{qualname} has no parameter {param}"
    print(f"\nbad-input sweep: {len(SWEPT)} callables; {TALLY['probes']} probes, {TALLY['clear']} clear errors")


def test_the_sweep_catches_what_it_claims_to() -> None:
    # a function that accepts NaN silently, one that raises TypeError, one that does not name its parameter
    def silent(alpha: float = 1.0) -> float:
        return alpha

    def wrong_type(alpha: float = 1.0) -> float:
        if not isinstance(alpha, float):
            raise TypeError("bad")
        return alpha

    def unnamed(alpha: float = 1.0) -> float:
        if not (isinstance(alpha, float) and math.isfinite(alpha)):
            raise ValueError("must be finite")
        return alpha

    for fn in (silent, wrong_type, unnamed):
        probes, failures = sweep("t", fn)
        assert probes >= 3 and failures, fn.__name__


_ = typing  # keep the import for forward references in signatures
