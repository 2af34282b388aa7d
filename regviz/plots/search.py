"""Plots for hyperparameter search (notebooks 12 and 13).

* :func:`plot_trials_2d` — where a search evaluated a two-hyperparameter loss,
  over its contours, best point starred.
* :func:`plot_marginal` — the loss along the hyperparameter that matters,
  with the distinct values a search tried marked on it.
* :func:`plot_gp_posterior`, :func:`plot_acquisition` — one step of Bayesian
  optimisation: the Gaussian process's belief, then the acquisition that picks
  the next point.
* :func:`plot_best_so_far` — best value against the number of evaluations,
  median and spread over seeds, one curve per method.
* :func:`plot_pruning` — per-epoch curves of Optuna trials, pruned ones dashed.
* :func:`plot_halving` — successive halving's rungs: scores against resources.

Each method has a fixed colour and line style (:data:`METHOD_STYLES`), so the
notebook's figures and its widget agree.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.ticker import MaxNLocator

from .._validation import check_array, check_bool, check_int, check_real, check_same_length
from ..style import COLORS, LINESTYLES
from ._axes import get_axes

__all__ = [
    "METHOD_LABELS",
    "METHOD_STYLES",
    "plot_acquisition",
    "plot_best_so_far",
    "plot_gp_posterior",
    "plot_halving",
    "plot_marginal",
    "plot_pruning",
    "plot_trials_2d",
]

METHOD_STYLES: dict[str, tuple[str, Any]] = {
    "grid": (COLORS["reference"], ":"),
    "random": (COLORS["train"], "-"),
    "gp-ei": (COLORS["validation"], "--"),
    "tpe": (COLORS["test"], "-."),
}
"""(colour, line style) of each search method."""

METHOD_LABELS: dict[str, str] = {
    "grid": "grid",
    "random": "random",
    "gp-ei": "Bayesian (GP + EI)",
    "tpe": "Optuna TPE",
}
"""Legend label of each search method."""


def _method_style(name: str, i: int) -> tuple[str, Any, str]:
    if name in METHOD_STYLES:
        color, ls = METHOD_STYLES[name]
        return color, ls, METHOD_LABELS[name]
    extra = [(COLORS["highlight"], "-"), (COLORS["alternative"], "-."), (COLORS["data"], "--")]
    color, ls = extra[i % len(extra)]
    return color, ls, name


def _draw_banded_background(ax: Axes, background: Any, levels: int, colorbar: bool, zlabel: str) -> None:
    """Check ``(xs, ys, Z)`` and draw ``Z`` in ``levels`` equal-area quantile bands (gid ``"background"``)."""
    if not isinstance(background, tuple | list) or len(background) != 3:
        raise ValueError("background must be a tuple (xs, ys, Z)")
    xs = check_array(background[0], "background xs", ndim=1, min_samples=2)
    ys = check_array(background[1], "background ys", ndim=1, min_samples=2)
    Z = check_array(background[2], "background Z", ndim=2)
    if Z.shape != (ys.size, xs.size):
        raise ValueError(f"background Z must have shape (len(ys), len(xs)) = {(ys.size, xs.size)}, got {Z.shape}")
    from matplotlib.colors import BoundaryNorm

    bounds = np.unique(np.quantile(Z, np.linspace(0.0, 1.0, levels + 1)))
    norm = BoundaryNorm(bounds, 256) if bounds.size >= 2 else None
    image = ax.imshow(
        Z, origin="lower", extent=(float(xs[0]), float(xs[-1]), float(ys[0]), float(ys[-1])), aspect="auto",
        cmap="cividis", norm=norm, interpolation="nearest",
    )  # fmt: skip
    image.set_gid("background")
    if colorbar:
        cbar = ax.figure.colorbar(image, ax=ax, format="%.3g")
        cbar.set_label(zlabel)


def plot_trials_2d(
    X: Any,
    y: Any,
    *,
    background: tuple[Any, Any, Any] | None = None,
    levels: int = 12,
    colorbar: bool = False,
    zlabel: str = "loss",
    xlabel: str = r"hyperparameter $u$",
    ylabel: str = r"hyperparameter $v$",
    color: str = COLORS["train"],
    title: str | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Scatter the points a search evaluated, star the best one, over the loss's contours.

    Parameters
    ----------
    X : array-like of shape (n_evals, 2)
        The evaluated points.
    y : array-like of shape (n_evals,)
        Their loss values (lower is better).
    background : (xs, ys, Z) or None, default=None
        Grid of the loss, evenly spaced: ``xs`` of shape (n_x,), ``ys`` of
        shape (n_y,), ``Z`` of shape (n_y, n_x); drawn as an image in bands
        (cividis, dark = low), one band per quantile range of ``Z`` so every
        band covers the same area.
    levels : int, default=12
        Number of bands, in ``[2, 100]``.
    colorbar : bool, default=False
        Add a colour bar for the background.
    zlabel : str, default="loss"
        Label of the colour bar.
    xlabel, ylabel : str
        Axis labels.
    color : str, default=COLORS["train"]
        Colour of the points.
    title : str or None, default=None
        Title; state the finding.
    ax : matplotlib Axes or None, default=None
        Where to draw; a new figure if None.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes; the points have gid ``"trials"``, the best point ``"best"``,
        the background image ``"background"``.

    """
    pts = check_array(X, "X", ndim=2)
    if pts.shape[1] != 2:
        raise ValueError(f"X must have shape (n_evals, 2), got {pts.shape}")
    values = check_array(y, "y", ndim=1)
    check_same_length(("X", pts), ("y", values))
    levels = check_int(levels, "levels", low=2, high=100)
    check_bool(colorbar, "colorbar")
    ax = get_axes(ax)
    if background is not None:
        _draw_banded_background(ax, background, levels, colorbar, zlabel)
    trials = ax.scatter(
        pts[:, 0], pts[:, 1], s=36, color=color, edgecolor="white", linewidth=0.8, zorder=3, label="trials"
    )
    trials.set_gid("trials")
    i = int(np.argmin(values))
    (best,) = ax.plot(
        [pts[i, 0]], [pts[i, 1]], marker="*", ms=17, color=COLORS["highlight"], markeredgecolor="black",
        linestyle="none", zorder=4, label=f"best: {values[i]:.3g}",
    )  # fmt: skip
    best.set_gid("best")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.grid(False)
    if title is not None:
        ax.set_title(title)
    return ax


def plot_marginal(
    x: Any,
    curve: Any,
    tried: Any,
    *,
    xlabel: str = r"hyperparameter $u$",
    ylabel: str = "loss",
    color: str = COLORS["train"],
    title: str | None = None,
    ax: Axes | None = None,
) -> Axes:
    """The loss along one hyperparameter, with the distinct values a search tried marked on it.

    Parameters
    ----------
    x : array-like of shape (n_points,)
        Values of the hyperparameter, increasing.
    curve : array-like of shape (n_points,)
        The loss at each value (the other hyperparameters at their best).
    tried : array-like of shape (n_tried,)
        Values the search tried (repeats are drawn once), inside ``[x[0], x[-1]]``.
    xlabel, ylabel : str
        Axis labels.
    color : str, default=COLORS["train"]
        Colour of the markers.
    title : str or None, default=None
        Title; state the finding.
    ax : matplotlib Axes or None, default=None
        Where to draw; a new figure if None.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes; the markers have gid ``"tried"``, the curve ``"curve"``.

    """
    xs = check_array(x, "x", ndim=1, min_samples=2)
    ys = check_array(curve, "curve", ndim=1, min_samples=2)
    check_same_length(("x", xs), ("curve", ys))
    if np.any(np.diff(xs) <= 0):
        raise ValueError("x must be strictly increasing")
    values = np.unique(check_array(tried, "tried", ndim=1))
    if values[0] < xs[0] or values[-1] > xs[-1]:
        raise ValueError(f"tried must lie inside [x[0], x[-1]] = [{xs[0]:g}, {xs[-1]:g}]")
    ax = get_axes(ax)
    (line,) = ax.plot(xs, ys, color=COLORS["reference"], linewidth=1.5, label="loss")
    line.set_gid("curve")
    (marks,) = ax.plot(
        values, np.interp(values, xs, ys), "o", color=color, markeredgecolor="white", ms=7, linestyle="none",
        label=f"{values.size} distinct values tried",
    )  # fmt: skip
    marks.set_gid("tried")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.legend(loc="lower left")
    if title is not None:
        ax.set_title(title)
    return ax


def plot_gp_posterior(
    x: Any,
    mu: Any,
    sigma: Any,
    X_obs: Any,
    y_obs: Any,
    *,
    truth: Any = None,
    next_x: float | None = None,
    xlabel: str = r"$x$",
    ylabel: str = r"$f(x)$",
    title: str | None = None,
    ax: Axes | None = None,
) -> Axes:
    r"""A Gaussian process's belief about a 1-D function: mean, a ±2σ band, the observations.

    Parameters
    ----------
    x : array-like of shape (n_points,)
        Where the posterior was evaluated, increasing.
    mu, sigma : array-like of shape (n_points,)
        Posterior mean and standard deviation (``>= 0``).
    X_obs, y_obs : array-like of shape (n_obs,)
        The evaluations so far.
    truth : array-like of shape (n_points,) or None, default=None
        The true function, drawn dotted, if known (it never is in practice).
    next_x : float or None, default=None
        Where the acquisition sends the next evaluation (vertical line).
    xlabel, ylabel : str
        Axis labels.
    title : str or None, default=None
        Title; state the finding.
    ax : matplotlib Axes or None, default=None
        Where to draw; a new figure if None.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes; gids ``"mean"``, ``"band"``, ``"observations"``, ``"truth"``, ``"next"``.

    """
    xs = check_array(x, "x", ndim=1, min_samples=2)
    m = check_array(mu, "mu", ndim=1)
    s = check_array(sigma, "sigma", ndim=1)
    check_same_length(("x", xs), ("mu", m), ("sigma", s))
    if np.any(s < 0):
        raise ValueError("sigma must be >= 0")
    xo = check_array(X_obs, "X_obs", ndim=1)
    yo = check_array(y_obs, "y_obs", ndim=1)
    check_same_length(("X_obs", xo), ("y_obs", yo))
    ax = get_axes(ax)
    if truth is not None:
        t = check_array(truth, "truth", ndim=1)
        check_same_length(("x", xs), ("truth", t))
        (line,) = ax.plot(
            xs, t, color=COLORS["reference"], linestyle=LINESTYLES["reference"], linewidth=1.5, label="true $f$"
        )
        line.set_gid("truth")
    band = ax.fill_between(
        xs, m - 2 * s, m + 2 * s, color=COLORS["train"], alpha=0.2, linewidth=0, label=r"mean $\pm 2\sigma$"
    )
    band.set_gid("band")
    (mean,) = ax.plot(xs, m, color=COLORS["train"], label="GP mean")
    mean.set_gid("mean")
    obs = ax.scatter(xo, yo, color=COLORS["highlight"], edgecolor="black", s=40, zorder=4, label="evaluations")
    obs.set_gid("observations")
    if next_x is not None:
        nx = check_real(next_x, "next_x", low=float(xs[0]), high=float(xs[-1]))
        vline = ax.axvline(nx, color=COLORS["validation"], linestyle="--", linewidth=1.2, label="next evaluation")
        vline.set_gid("next")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    if title is not None:
        ax.set_title(title)
    return ax


def plot_acquisition(
    x: Any,
    values: Any,
    *,
    next_x: float | None = None,
    xlabel: str = r"$x$",
    ylabel: str = "expected improvement",
    title: str | None = None,
    ax: Axes | None = None,
) -> Axes:
    """An acquisition function over a 1-D domain, its maximiser marked.

    Parameters
    ----------
    x : array-like of shape (n_points,)
        Domain, increasing.
    values : array-like of shape (n_points,)
        Acquisition values (``>= 0`` for expected improvement).
    next_x : float or None, default=None
        The chosen point (defaults to the maximiser of ``values``).
    xlabel, ylabel : str
        Axis labels.
    title : str or None, default=None
        Title.
    ax : matplotlib Axes or None, default=None
        Where to draw; a new figure if None.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes; gids ``"acquisition"`` and ``"next"``.

    """
    xs = check_array(x, "x", ndim=1, min_samples=2)
    a = check_array(values, "values", ndim=1)
    check_same_length(("x", xs), ("values", a))
    nx = (
        float(xs[int(np.argmax(a))])
        if next_x is None
        else check_real(next_x, "next_x", low=float(xs[0]), high=float(xs[-1]))
    )
    ax = get_axes(ax)
    (line,) = ax.plot(xs, a, color=COLORS["validation"], linewidth=1.8)
    line.set_gid("acquisition")
    ax.fill_between(xs, 0, a, color=COLORS["validation"], alpha=0.15, linewidth=0)
    (mark,) = ax.plot([nx], [np.interp(nx, xs, a)], "v", color=COLORS["validation"], ms=9, linestyle="none")
    mark.set_gid("next")
    ax.set_ylim(bottom=0)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    if title is not None:
        ax.set_title(title)
    return ax


def plot_best_so_far(
    curves: Mapping[str, Any],
    *,
    grid: Mapping[int, float] | None = None,
    logy: bool = True,
    ylabel: str = "best value found − minimum",
    title: str | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Best value against the number of evaluations: median over seeds and the min–max band.

    Parameters
    ----------
    curves : mapping of str to array-like of shape (n_seeds, n_evals)
        One array per method (``"random"``, ``"gp-ei"``, ``"tpe"`` get the
        course's method styles), each row the best-so-far curve of one seed.
    grid : mapping of int to float or None, default=None
        Best value of a full grid of each budget (a grid has no "so far":
        each budget is a different grid), drawn as markers.
    logy : bool, default=True
        Logarithmic vertical axis (values must then be > 0).
    ylabel : str
        Label of the vertical axis.
    title : str or None, default=None
        Title; state the finding.
    ax : matplotlib Axes or None, default=None
        Where to draw; a new figure if None.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes; medians have gid ``"median:<method>"``, bands ``"band:<method>"``,
        the grid markers ``"grid"``.

    """
    if not isinstance(curves, Mapping) or not curves:
        raise ValueError("curves must be a non-empty mapping of method name to an (n_seeds, n_evals) array")
    check_bool(logy, "logy")
    arrays = {}
    for name, values in curves.items():
        arr = check_array(values, f"curves[{name!r}]", ndim=2)
        if logy and np.any(arr <= 0):
            raise ValueError(f"curves[{name!r}] must be > 0 on a log axis (logy=True)")
        arrays[str(name)] = arr
    ax = get_axes(ax)
    for i, (name, arr) in enumerate(arrays.items()):
        color, ls, label = _method_style(name, i)
        evals = np.arange(1, arr.shape[1] + 1)
        band = ax.fill_between(evals, arr.min(axis=0), arr.max(axis=0), color=color, alpha=0.15, linewidth=0)
        band.set_gid(f"band:{name}")
        (line,) = ax.plot(evals, np.median(arr, axis=0), color=color, linestyle=ls, label=f"{label} (median)")
        line.set_gid(f"median:{name}")
    if grid is not None:
        if not isinstance(grid, Mapping) or not grid:
            raise ValueError("grid must be a non-empty mapping of budget to best value")
        budgets = np.array(sorted(grid), dtype=float)
        best = np.array([check_real(grid[b], f"grid[{b}]") for b in sorted(grid)])
        if logy and np.any(best <= 0):
            raise ValueError("grid values must be > 0 on a log axis (logy=True)")
        color, _, label = _method_style("grid", 0)
        (marks,) = ax.plot(budgets, best, "s", color=color, ms=7, linestyle="none", label=f"{label} (one per budget)")
        marks.set_gid("grid")
    if logy:
        ax.set_yscale("log")
    ax.set_xlabel("number of evaluations")
    ax.set_ylabel(ylabel)
    ax.legend()
    if title is not None:
        ax.set_title(title)
    return ax


def plot_pruning(
    curves: Sequence[Any],
    pruned: Sequence[bool],
    *,
    ylabel: str = "validation error",
    title: str | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Per-epoch curves of a study's trials: completed solid, pruned dashed and stopping early.

    Parameters
    ----------
    curves : sequence of array-like
        One per trial: the value reported after each epoch (lengths may differ).
    pruned : sequence of bool
        Whether each trial was pruned.
    ylabel : str
        Label of the vertical axis.
    title : str or None, default=None
        Title; state the finding.
    ax : matplotlib Axes or None, default=None
        Where to draw; a new figure if None.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes; lines have gid ``"trial:<i>"``; the best completed trial is drawn in orange.

    """
    if not isinstance(curves, Sequence) or len(curves) == 0:
        raise ValueError("curves must be a non-empty sequence of per-epoch values")
    if not isinstance(pruned, Sequence) or len(pruned) != len(curves):
        raise ValueError(f"pruned must hold one bool per curve ({len(curves)}), got {pruned!r}")
    flags = [check_bool(p, f"pruned[{i}]") for i, p in enumerate(pruned)]
    arrays = [check_array(c, f"curves[{i}]", ndim=1) for i, c in enumerate(curves)]
    finals = [a[-1] if not p else np.inf for a, p in zip(arrays, flags, strict=True)]
    best = int(np.argmin(finals)) if np.isfinite(min(finals)) else -1
    ax = get_axes(ax)
    seen: set[str] = set()
    for i, (arr, p) in enumerate(zip(arrays, flags, strict=True)):
        epochs = np.arange(1, arr.size + 1)
        if i == best:
            color, ls, label, width = COLORS["highlight"], "-", "best trial", 2.6
        elif p:
            color, ls, label, width = COLORS["validation"], "--", "pruned", 1.4
        else:
            color, ls, label, width = COLORS["train"], "-", "completed", 1.4
        (line,) = ax.plot(epochs, arr, color=color, linestyle=ls, linewidth=width, marker="o", ms=3,
                          label=None if label in seen else label)  # fmt: skip
        line.set_gid(f"trial:{i}")
        seen.add(label)
    ax.set_xlabel("epoch")
    ax.set_ylabel(ylabel)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.legend()
    if title is not None:
        ax.set_title(title)
    return ax


def plot_halving(
    cv_results: Mapping[str, Any],
    *,
    ylabel: str = "mean cross-validated accuracy",
    title: str | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Successive halving's rungs: each candidate's score against the samples it was given.

    Parameters
    ----------
    cv_results : mapping
        ``cv_results_`` of a fitted ``HalvingRandomSearchCV`` or
        ``HalvingGridSearchCV``: needs ``"iter"``, ``"n_resources"``,
        ``"mean_test_score"`` and ``"params"``.
    ylabel : str
        Label of the vertical axis.
    title : str or None, default=None
        Title; state the finding.
    ax : matplotlib Axes or None, default=None
        Where to draw; a new figure if None.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes (log-scaled resources, each rung's tick labelled with its number
        of candidates: many poor candidates share one score and overlap); the
        winner's path has gid ``"winner"``.

    """
    if not isinstance(cv_results, Mapping):
        raise ValueError(f"cv_results must be a mapping such as search.cv_results_, got {type(cv_results).__name__}")
    missing = [k for k in ("iter", "n_resources", "mean_test_score", "params") if k not in cv_results]
    if missing:
        raise ValueError(f"cv_results must have the keys of a halving search's cv_results_, missing {missing}")
    iters = np.asarray(cv_results["iter"], dtype=int)
    resources = np.asarray(cv_results["n_resources"], dtype=float)
    scores = np.asarray(cv_results["mean_test_score"], dtype=float)
    keys = [repr(sorted(p.items())) for p in cv_results["params"]]
    if not (len(iters) == len(resources) == len(scores) == len(keys)) or len(keys) == 0:
        raise ValueError("cv_results entries must be non-empty and of equal length")
    last = iters.max()
    ax = get_axes(ax)
    paths: dict[str, list[int]] = {}
    for row, key in enumerate(keys):
        paths.setdefault(key, []).append(row)
    final_rows = np.flatnonzero(iters == last)
    winner_row = final_rows[int(np.nanargmax(scores[final_rows]))]
    winner = keys[winner_row]
    labelled = False
    for key, rows in paths.items():
        rows = sorted(rows, key=lambda r: iters[r])
        if key == winner:
            continue
        ax.plot(resources[rows], scores[rows], color=COLORS["train"], alpha=0.45, linewidth=1, marker="o", ms=3,
                label=None if labelled else "candidates (eliminated)")  # fmt: skip
        labelled = True
    rows = sorted(paths[winner], key=lambda r: iters[r])
    (line,) = ax.plot(
        resources[rows], scores[rows], color=COLORS["highlight"], linewidth=2.6, marker="o", ms=6, label="winner"
    )
    line.set_gid("winner")
    ax.set_xscale("log")
    ticks = np.unique(resources)
    per_rung = [int(np.sum(resources == t)) for t in ticks]  # candidates evaluated on that many samples
    ax.set_xticks(
        ticks, [f"{int(t)}\n{n} candidate{'s' if n > 1 else ''}" for t, n in zip(ticks, per_rung, strict=True)]
    )
    ax.minorticks_off()
    ax.set_xlabel("training samples per candidate")
    ax.set_ylabel(ylabel)
    ax.legend(loc="lower right")
    if title is not None:
        ax.set_title(title)
    return ax
