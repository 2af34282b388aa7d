"""Plots for the neural-network notebooks: digit mosaics, named curves, per-unit moments."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.ticker import MaxNLocator

from .._validation import check_array, check_bool, check_int, check_same_length
from ..style import LINESTYLES, OKABE_ITO
from ._axes import get_axes

__all__ = ["CURVE_STYLES", "plot_curves", "plot_digits", "plot_unit_moments"]

CURVE_STYLES: list[tuple[str, Any]] = [
    (OKABE_ITO["blue"], LINESTYLES["train"]),
    (OKABE_ITO["vermillion"], LINESTYLES["validation"]),
    (OKABE_ITO["bluish_green"], LINESTYLES["test"]),
    (OKABE_ITO["orange"], LINESTYLES["alternative"]),
    (OKABE_ITO["reddish_purple"], (0, (5, 1, 1, 1, 1, 1))),
    (OKABE_ITO["sky_blue"], (0, (3, 1))),
    (OKABE_ITO["black"], LINESTYLES["reference"]),
]
"""(colour, line style) for the n-th curve of :func:`plot_curves`: Okabe–Ito colours, each with its own dash."""


def plot_digits(
    images: Any,
    labels: Any = None,
    *,
    n_cols: int = 10,
    ax: Axes | None = None,
) -> Axes:
    """Show images as one mosaic, row by row, with each image's label in its corner.

    Parameters
    ----------
    images : array-like of shape (n_images, height, width)
        Grey-scale images (any range; shown black on white).
    labels : array-like of shape (n_images,) or None, default=None
        A label written in the top-left corner of each image.
    n_cols : int, default=10
        Images per row, in ``[1, 100]``; the last row is padded with blanks.
    ax : matplotlib Axes or None, default=None
        Where to draw; a new figure if None.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes, with no ticks; the mosaic is its only image.

    """
    imgs = check_array(images, "images", ndim=3)
    n_cols = check_int(n_cols, "n_cols", low=1, high=100)
    if labels is not None:
        labs = np.asarray(labels)
        if labs.ndim != 1:
            raise ValueError(f"labels must have shape (n_images,), got shape {labs.shape}")
        check_same_length(("images", imgs), ("labels", labs))
    n, h, w = imgs.shape
    n_cols = min(n_cols, n)
    n_rows = -(-n // n_cols)
    pad = 2
    mosaic = np.full((n_rows * (h + pad) - pad, n_cols * (w + pad) - pad), np.nan)
    for i, img in enumerate(imgs):
        r, c = divmod(i, n_cols)
        mosaic[r * (h + pad) : r * (h + pad) + h, c * (w + pad) : c * (w + pad) + w] = img
    ax = get_axes(ax)
    ax.imshow(mosaic, cmap="gray_r", interpolation="nearest")
    if labels is not None:
        for i, lab in enumerate(labs):
            r, c = divmod(i, n_cols)
            ax.text(c * (w + pad) + 1, r * (h + pad) + 1, str(lab), color=OKABE_ITO["vermillion"], fontsize=8, va="top")
    ax.set_xticks([])
    ax.set_yticks([])
    ax.grid(False)
    for spine in ax.spines.values():
        spine.set_visible(False)
    return ax


def plot_curves(
    curves: Mapping[str, Sequence[float]],
    *,
    x: Any = None,
    xlabel: str = "epoch",
    ylabel: str = "loss",
    logx: bool = False,
    logy: bool = False,
    markers: bool = False,
    ax: Axes | None = None,
) -> Axes:
    """Draw several named curves over a shared x axis, each with its own colour and dash.

    Parameters
    ----------
    curves : mapping of str to sequence of float
        One curve per name (the legend label); all of the same length.
        Non-finite values (a diverged loss) leave gaps.
    x : array-like of shape (n_points,) or None, default=None
        Shared x values; ``1, 2, ..., n_points`` (epochs, layers) when None.
    xlabel, ylabel : str
        Axis labels.
    logx, logy : bool, default=False
        Logarithmic axes (``logx`` needs all ``x > 0``).
    markers : bool, default=False
        Mark each point (useful for a few points, e.g. a sweep).
    ax : matplotlib Axes or None, default=None
        Where to draw; a new figure if None.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes; each line's label is its name in ``curves``.

    """
    logx, logy = check_bool(logx, "logx"), check_bool(logy, "logy")
    markers = check_bool(markers, "markers")
    if not isinstance(curves, Mapping) or len(curves) == 0:
        raise ValueError("curves must be a non-empty mapping of name to values")
    if len(curves) > len(CURVE_STYLES):
        raise ValueError(f"curves must hold at most {len(CURVE_STYLES)} curves, got {len(curves)}")
    arrays = {}
    for name, values in curves.items():
        arr = np.asarray(values, dtype=float)
        if arr.ndim != 1 or arr.size == 0:
            raise ValueError(f"curves[{name!r}] must be a non-empty 1-D sequence, got shape {arr.shape}")
        arrays[str(name)] = arr
    lengths = {len(a) for a in arrays.values()}
    if len(lengths) != 1:
        raise ValueError(f"curves must all have the same length, got lengths {sorted(lengths)}")
    n_points = lengths.pop()
    x_arr = np.arange(1, n_points + 1) if x is None else check_array(x, "x", ndim=1)
    if len(x_arr) != n_points:
        raise ValueError(f"x must have one value per point ({n_points}), got {len(x_arr)}")
    if logx and np.any(x_arr <= 0):
        raise ValueError("x must be > 0 everywhere when logx=True")
    if logy and any(np.any(a[np.isfinite(a)] <= 0) for a in arrays.values()):
        raise ValueError("curves must be > 0 everywhere when logy=True")
    ax = get_axes(ax)
    for (name, arr), (color, style) in zip(arrays.items(), CURVE_STYLES, strict=False):
        ax.plot(
            x_arr,
            np.where(np.isfinite(arr), arr, np.nan),
            color=color,
            linestyle=style,
            label=name,
            marker="o" if markers else None,
            ms=4,
        )
    if x is None:
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    if logx:
        ax.set_xscale("log")
    if logy:
        ax.set_yscale("log")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.legend()
    return ax


def plot_unit_moments(
    activations: Mapping[str, Any],
    *,
    ax: Axes | None = None,
) -> Axes:
    """Scatter each unit's mean against its standard deviation over a batch.

    Parameters
    ----------
    activations : mapping of str to array-like of shape (n_samples, n_units)
        One batch of a layer's values per name (e.g. before and after a
        normalisation); at least two samples each.
    ax : matplotlib Axes or None, default=None
        Where to draw; a new figure if None.

    Returns
    -------
    matplotlib.axes.Axes
        One point per unit and name; the reference point (0, 1) is marked.

    """
    if not isinstance(activations, Mapping) or len(activations) == 0:
        raise ValueError("activations must be a non-empty mapping of name to (n_samples, n_units) arrays")
    if len(activations) > len(CURVE_STYLES):
        raise ValueError(f"activations must hold at most {len(CURVE_STYLES)} entries, got {len(activations)}")
    ax = get_axes(ax)
    markers = ["o", "s", "^", "D", "v", "P", "X"]
    for i, (name, values) in enumerate(activations.items()):
        arr = check_array(values, f"activations[{name!r}]", ndim=2, min_samples=2)
        ax.scatter(
            arr.mean(axis=0),
            arr.std(axis=0),
            s=14,
            alpha=0.7,
            color=CURVE_STYLES[i][0],
            marker=markers[i],
            label=str(name),
            edgecolor="none",
            zorder=3,
        )
    ax.plot([0], [1], "+", color=OKABE_ITO["black"], ms=14, mew=1, label="mean 0, std 1", zorder=2)
    ax.set_xlabel("mean of the unit over the batch")
    ax.set_ylabel("standard deviation over the batch")
    ax.legend()
    return ax
