"""Decision boundaries of 2-D classifiers and histograms of network weights.

* :func:`boundary_grid` — the grid of points on which a classifier's
  probability is evaluated (compute once, draw many times).
* :func:`plot_decision_boundary` — the probability of class 1 as an image,
  the 0.5 contour as a black line, the points coloured and shaped by class.
* :func:`plot_weight_histogram` — how a network's weights are spread, for one
  model or several side by side; on a log scale of ``|w|`` it counts the
  weights that are *exactly* zero separately, which is what tells an L1
  proximal step from plain subgradient descent.

Class 0 is blue circles, class 1 vermillion squares (Okabe–Ito, with the
marker shape as the second cue).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.colors import LinearSegmentedColormap
from numpy.typing import NDArray

from .._validation import check_array, check_bool, check_int, check_real, check_same_length
from ..style import COLORS, LINESTYLES, OKABE_ITO
from ._axes import get_axes

__all__ = [
    "CLASS_COLORS",
    "BoundaryGrid",
    "boundary_grid",
    "plot_decision_boundary",
    "plot_weight_histogram",
    "update_decision_boundary",
]

CLASS_COLORS: tuple[str, str] = (OKABE_ITO["blue"], OKABE_ITO["vermillion"])
"""Colour of class 0 and class 1 in every decision-boundary figure."""

_CLASS_MARKERS = ("o", "s")

PROBA_CMAP = LinearSegmentedColormap.from_list(
    "regviz_proba", ["#9ecae8", "#ffffff", "#f2b48a"]
)  # light blue (class 0) -> white (0.5) -> light vermillion (class 1)
"""Colour map of the probability image: pale class colours, white at 0.5."""


@dataclass(frozen=True)
class BoundaryGrid:
    """A regular grid over the plane where a 2-D classifier is evaluated.

    Attributes
    ----------
    xx, yy : ndarray of shape (resolution, resolution)
        Coordinates of the grid, as ``np.meshgrid`` returns them.
    points : ndarray of shape (resolution ** 2, 2)
        The same points as rows, ready for ``predict_proba``.
    extent : tuple of float
        ``(x_min, x_max, y_min, y_max)``, as ``imshow`` expects.

    """

    xx: NDArray[np.float64]
    yy: NDArray[np.float64]
    points: NDArray[np.float64]
    extent: tuple[float, float, float, float]

    @property
    def shape(self) -> tuple[int, int]:
        """Shape to reshape one value per point into: ``(resolution, resolution)``."""
        return (int(self.xx.shape[0]), int(self.xx.shape[1]))


def boundary_grid(X: Any, *, resolution: int = 150, margin: float = 0.5) -> BoundaryGrid:
    """Build a square grid of points covering the data plus a margin.

    Parameters
    ----------
    X : array-like of shape (n_samples, 2)
        The data the grid must cover.
    resolution : int, default=150
        Points along each axis, in [10, 1000].
    margin : float, default=0.5
        Added on every side of the data's bounding box, ``>= 0`` (in data units).

    Returns
    -------
    BoundaryGrid
        The grid; evaluate a classifier on ``grid.points`` and reshape the
        result to ``grid.shape``.

    """
    X_arr = _check_X(X)
    resolution = check_int(resolution, "resolution", low=10, high=1000)
    margin = check_real(margin, "margin", low=0)
    x_min, y_min = X_arr.min(axis=0) - margin
    x_max, y_max = X_arr.max(axis=0) + margin
    xs = np.linspace(x_min, x_max, resolution)
    ys = np.linspace(y_min, y_max, resolution)
    xx, yy = np.meshgrid(xs, ys)
    points = np.c_[xx.ravel(), yy.ravel()]
    return BoundaryGrid(xx, yy, points, (float(x_min), float(x_max), float(y_min), float(y_max)))


def _check_X(X: Any) -> NDArray[np.float64]:
    X_arr = check_array(X, "X", ndim=2)
    if X_arr.shape[1] != 2:
        raise ValueError(f"X must have 2 columns (points in the plane), got shape {X_arr.shape}")
    return X_arr


def plot_decision_boundary(
    X: Any,
    y: Any,
    proba: Any,
    *,
    extent: tuple[float, float, float, float],
    title: str | None = None,
    colorbar: bool = False,
    ax: Axes | None = None,
) -> Axes:
    """Draw a classifier's probability of class 1 over the plane and its 0.5 boundary.

    The probability is an image (pale blue where class 0 is likely, white at
    0.5, pale vermillion where class 1 is), the decision boundary the black
    0.5 contour, and the points blue circles (class 0) and vermillion squares
    (class 1).

    Parameters
    ----------
    X : array-like of shape (n_samples, 2)
        Points to scatter (usually the training data).
    y : array-like of shape (n_samples,)
        Their labels, 0 or 1.
    proba : array-like of shape (n_rows, n_cols)
        Probability of class 1 on a regular grid (row 0 at the bottom, as
        :func:`boundary_grid` builds it), values in [0, 1].
    extent : (float, float, float, float)
        ``(x_min, x_max, y_min, y_max)`` of the grid, e.g. ``grid.extent``.
    title : str or None, default=None
        Title of the Axes.
    colorbar : bool, default=False
        Add a colour bar for the probability.
    ax : matplotlib Axes or None, default=None
        Where to draw; a new figure if None.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes. Named artists: the image (gid ``"proba"``), the contour set
        (gid ``"boundary"``) and the points (gid ``"points0"``, ``"points1"``),
        so a widget can update them in place.

    """
    X_arr, y_arr, p, box = _check_boundary_args(X, y, proba, extent)
    colorbar = check_bool(colorbar, "colorbar")
    ax = get_axes(ax)
    image = ax.imshow(
        p, origin="lower", extent=box, cmap=PROBA_CMAP, vmin=0.0, vmax=1.0, aspect="auto", interpolation="bilinear"
    )
    image.set_gid("proba")
    _draw_boundary_contour(ax, p, box)
    _scatter_classes(ax, X_arr, y_arr)
    ax.set_xlim(box[0], box[1])
    ax.set_ylim(box[2], box[3])
    ax.set_xlabel(r"$x_1$")
    ax.set_ylabel(r"$x_2$")
    ax.grid(False)
    ax.legend(loc="lower left", fontsize="small", framealpha=0.8, frameon=True)
    if colorbar:
        ax.figure.colorbar(image, ax=ax, label=r"$P(y = 1 \mid x)$")
    if title is not None:
        ax.set_title(title)
    return ax


def _check_boundary_args(
    X: Any, y: Any, proba: Any, extent: Any
) -> tuple[NDArray[np.float64], NDArray[Any], NDArray[np.float64], tuple[float, float, float, float]]:
    X_arr = _check_X(X)
    y_arr = check_array(y, "y", ndim=1)
    check_same_length(("X", X_arr), ("y", y_arr))
    if not np.all(np.isin(y_arr, (0, 1))):
        raise ValueError("y must hold labels 0 and 1 only")
    p = check_array(proba, "proba", ndim=2)
    if p.shape[0] < 2 or p.shape[1] < 2:
        raise ValueError(f"proba must be a grid of at least 2 x 2 values, got shape {p.shape}")
    if p.min() < 0 or p.max() > 1:
        raise ValueError(f"proba must hold probabilities in [0, 1], got values in [{p.min():.3g}, {p.max():.3g}]")
    return X_arr, y_arr, p, _check_extent(extent)


def _scatter_classes(ax: Axes, X: NDArray[np.float64], y: NDArray[Any]) -> None:
    """Class 0 as blue circles, class 1 as vermillion squares (gids ``points0``, ``points1``)."""
    for label in (0, 1):
        mask = y == label
        points = ax.scatter(
            X[mask, 0],
            X[mask, 1],
            s=22,
            marker=_CLASS_MARKERS[label],
            color=CLASS_COLORS[label],
            edgecolor="white",
            linewidth=0.6,
            zorder=3,
            label=f"class {label}",
        )
        points.set_gid(f"points{label}")


def _draw_boundary_contour(ax: Axes, proba: NDArray[np.float64], extent: tuple[float, float, float, float]) -> Any:
    """Draw (or redraw) the 0.5 contour of ``proba``; an earlier one on ``ax`` is removed first.

    A contour set cannot be moved in place, so a widget calls this to
    replace the old line; the image and the points stay.

    Returns
    -------
    matplotlib.contour.QuadContourSet or None
        The new contour (gid ``"boundary"``), or None when the probability
        never crosses 0.5 on the grid (one class everywhere).

    """
    for old in [c for c in ax.collections if c.get_gid() == "boundary"]:
        old.remove()
    if not (proba.min() < 0.5 < proba.max()):
        return None
    ny, nx = proba.shape
    xs = np.linspace(extent[0], extent[1], nx)
    ys = np.linspace(extent[2], extent[3], ny)
    contour = ax.contour(xs, ys, proba, levels=[0.5], colors=COLORS["reference"], linewidths=2.0, zorder=2)
    contour.set_gid("boundary")
    return contour


def update_decision_boundary(ax: Axes, proba: Any, extent: tuple[float, float, float, float]) -> Axes:
    """Show a new probability image on an axes drawn by :func:`plot_decision_boundary`, and its 0.5 contour.

    The image (gid ``"proba"``) takes the new values in place; the old contour is replaced (a contour set cannot
    move); the points stay. This is how a slider redraws a boundary without rebuilding the figure.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        Axes returned by :func:`plot_decision_boundary`.
    proba : array-like of shape (n_rows, n_cols)
        Probability of class 1 on the grid, in [0, 1].
    extent : tuple of float
        ``(x_min, x_max, y_min, y_max)`` of the grid, as given to :func:`plot_decision_boundary`.

    Returns
    -------
    matplotlib.axes.Axes
        ``ax``.

    """
    image = next((a for a in getattr(ax, "images", ()) if a.get_gid() == "proba"), None)
    if image is None:
        raise ValueError("ax must be axes drawn by plot_decision_boundary (it has no probability image)")
    values = check_array(proba, "proba", ndim=2)
    if values.min() < 0 or values.max() > 1:
        raise ValueError(
            f"proba must hold probabilities in [0, 1], got values in [{values.min():.3g}, {values.max():.3g}]"
        )
    box = _check_extent(extent)
    image.set_data(values)
    _draw_boundary_contour(ax, values, box)
    return ax


def _check_extent(extent: Any) -> tuple[float, float, float, float]:
    if not isinstance(extent, tuple | list) or len(extent) != 4:
        raise ValueError(f"extent must be a (x_min, x_max, y_min, y_max) tuple, got {extent!r}")
    box = tuple(check_real(v, f"extent[{i}]") for i, v in enumerate(extent))
    if not (box[0] < box[1] and box[2] < box[3]):
        raise ValueError(f"extent must satisfy x_min < x_max and y_min < y_max, got {extent!r}")
    return (box[0], box[1], box[2], box[3])


_HIST_STYLES: tuple[tuple[str, Any], ...] = (
    (COLORS["train"], LINESTYLES["train"]),
    (COLORS["highlight"], "--"),
    (COLORS["alternative"], LINESTYLES["alternative"]),
    (COLORS["test"], LINESTYLES["test"]),
)


def plot_weight_histogram(
    weights: Any,
    *,
    bins: int | Any = 50,
    log_abs: bool = False,
    xlabel: str | None = None,
    title: str | None = None,
    ax: Axes | None = None,
) -> Axes:
    r"""Histogram of a network's weights, for one model or several (overlaid).

    Parameters
    ----------
    weights : array-like or mapping of str to array-like
        The weights (any shape; flattened), or several sets by label. One
        set is drawn as filled bars (gid ``"bars"``); several as outlines in
        Okabe–Ito colours with distinct line styles (gids ``"hist0"``, ...).
        ``"bars"`` is the gid of every bar's rectangle.
    bins : int or array-like, default=50
        Number of bins (in ``[1, 10000]``, shared by all sets) or the bin edges
        (increasing). Fixed edges let a widget update the bars in place.
    log_abs : bool, default=False
        Histogram of :math:`\log_{10}|w|` instead of :math:`w`. Weights that
        are exactly zero have no logarithm: they are counted and reported in
        each legend label (``"proximal: 5,120 exactly zero"``), which is the
        point of this view.
    xlabel : str or None, default=None
        Label of the horizontal axis; a sensible default for each mode.
    title : str or None, default=None
        Title of the Axes.
    ax : matplotlib Axes or None, default=None
        Where to draw; a new figure if None.

    Returns
    -------
    matplotlib.axes.Axes

    """
    sets = _weight_sets(weights)
    log_abs = check_bool(log_abs, "log_abs")
    prepared: dict[str, NDArray[np.float64]] = {}
    zeros: dict[str, int] = {}
    for label, values in sets.items():
        if log_abs:
            nonzero = values[values != 0]
            zeros[label] = int(values.size - nonzero.size)
            prepared[label] = np.log10(np.abs(nonzero))
        else:
            prepared[label] = values
    edges = _bin_edges(bins, [v for v in prepared.values() if v.size])
    ax = get_axes(ax)
    single = len(prepared) == 1
    edge_list = [float(e) for e in edges]
    for k, (label, values) in enumerate(prepared.items()):
        text = f"{label}: {zeros[label]:,} exactly zero" if log_abs else label
        if single:
            drawn: Any = ax.hist(values, bins=edge_list, color=COLORS["train"], alpha=0.85, label=text)[2]
            gid = "bars"
        else:
            color, style = _HIST_STYLES[k % len(_HIST_STYLES)]
            drawn = ax.hist(values, bins=edge_list, histtype="step", color=color, linestyle=style, lw=2, label=text)[2]
            gid = f"hist{k}"
        for patch in drawn:
            patch.set_gid(gid)
    default_x = r"$\log_{10} |w|$ (non-zero weights)" if log_abs else r"weight $w$"
    ax.set_xlabel(xlabel if xlabel is not None else default_x)
    ax.set_ylabel("number of weights")
    if not single or log_abs:
        ax.legend(loc="upper left", fontsize="small")
    if title is not None:
        ax.set_title(title)
    return ax


def _weight_sets(weights: Any) -> dict[str, NDArray[np.float64]]:
    if isinstance(weights, Mapping):
        if not weights:
            raise ValueError("weights must hold at least one set of weights")
        sets = {}
        for label, values in weights.items():
            if not isinstance(label, str):
                raise ValueError(f"weights must be keyed by str labels, got {label!r}")
            sets[label] = check_array(_to_numpy(values), f"weights[{label!r}]", ndim=None).ravel()
        return sets
    return {"weights": check_array(_to_numpy(weights), "weights", ndim=None).ravel()}


def _to_numpy(values: Any) -> Any:
    if hasattr(values, "detach"):  # a torch tensor, without importing torch
        return values.detach().cpu().numpy()
    if isinstance(values, list | tuple) and values and any(hasattr(v, "shape") for v in values):
        return np.concatenate([np.ravel(_to_numpy(v)) for v in values])
    return values


def _bin_edges(bins: Any, sets: list[NDArray[np.float64]]) -> NDArray[np.float64]:
    if isinstance(bins, int | np.integer) and not isinstance(bins, bool):
        n_bins = check_int(bins, "bins", low=1, high=10_000)
        if not sets:
            return np.linspace(-1.0, 1.0, n_bins + 1)
        low = min(float(v.min()) for v in sets)
        high = max(float(v.max()) for v in sets)
        if low == high:
            low, high = low - 0.5, high + 0.5
        return np.linspace(low, high, n_bins + 1)
    edges = check_array(bins, "bins", ndim=1, min_samples=2)
    if np.any(np.diff(edges) <= 0):
        raise ValueError("bins must be an integer >= 1 or strictly increasing bin edges")
    return edges
