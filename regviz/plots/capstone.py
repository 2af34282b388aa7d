"""Plots for the capstone (notebook 14): curves over seeds, per-seed scores, a search, a confusion matrix."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.colors import PowerNorm
from matplotlib.ticker import MaxNLocator
from numpy.typing import NDArray

from .._validation import check_array, check_bool, check_choice, check_real, check_same_length
from ..style import COLORS, LINESTYLES, OKABE_ITO
from ._axes import get_axes

__all__ = ["plot_confusion_matrix", "plot_search", "plot_seed_curves", "plot_seed_scores"]

_CONFIG_STYLES: tuple[tuple[str, str], ...] = (
    (OKABE_ITO["black"], "o"),
    (OKABE_ITO["orange"], "s"),
    (OKABE_ITO["reddish_purple"], "^"),
    (OKABE_ITO["bluish_green"], "D"),
    (OKABE_ITO["sky_blue"], "v"),
    (OKABE_ITO["blue"], "P"),
)
"""(colour, marker) of the first, second, ... configuration of a comparison figure.

Colour and marker tell configurations apart; the line style keeps its course-wide
meaning (solid: training data, dashed: validation data).
"""


def _config_style(i: int) -> tuple[str, str]:
    return _CONFIG_STYLES[i % len(_CONFIG_STYLES)]


def _check_labelled(values: Any, name: str, ndim: int) -> dict[str, NDArray[np.float64]]:
    if not isinstance(values, Mapping) or len(values) == 0:
        raise ValueError(f"{name} must be a non-empty mapping of label to values, got {type(values).__name__}")
    out: dict[str, NDArray[np.float64]] = {}
    for label, v in values.items():
        if not isinstance(label, str):
            raise ValueError(f"{name} must have string labels as keys, got {label!r}")
        out[label] = check_array(v, f"{name}[{label!r}]", ndim=ndim)
    return out


def _check_title(title: Any) -> str | None:
    if title is not None and not isinstance(title, str):
        raise ValueError(f"title must be a string or None, got {title!r}")
    return title


def plot_seed_curves(
    curves: Mapping[str, Any],
    *,
    band: str = "std",
    role: str = "train",
    ylabel: str = "loss",
    logy: bool = False,
    title: str | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Draw, per configuration, the mean curve over seeds and a shaded band of its spread.

    Parameters
    ----------
    curves : mapping of str to array-like of shape (n_seeds, n_epochs)
        One row per seed, one column per epoch (at least 2 seeds), for each
        configuration label, e.g. :meth:`regviz.experiments.SeedRuns.curves`.
    band : {"std", "range"}, default="std"
        Shade mean ± one sample standard deviation (``"std"``) or the smallest
        to the largest seed (``"range"``).
    role : {"train", "validation"}, default="train"
        Which data the curves measure: the line style follows the course's
        convention (solid for training, dashed for validation).
    ylabel : str, default="loss"
        Label of the vertical axis.
    logy : bool, default=False
        Logarithmic vertical axis (all values must then be > 0).
    title : str or None, default=None
        Title of the Axes; state the finding.
    ax : matplotlib Axes or None, default=None
        Where to draw; a new figure if None.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes; each mean line has gid ``"mean:<label>"``, each band ``"band:<label>"``.

    """
    named = _check_labelled(curves, "curves", 2)
    for label, arr in named.items():
        if arr.shape[0] < 2:
            raise ValueError(f"curves[{label!r}] must have at least 2 seeds (rows), got shape {arr.shape}")
    check_choice(band, "band", ("std", "range"))
    check_choice(role, "role", ("train", "validation"))
    linestyle = LINESTYLES[role]
    logy = check_bool(logy, "logy")
    title = _check_title(title)
    if logy and any(np.any(arr <= 0) for arr in named.values()):
        raise ValueError("curves must all be > 0 when logy=True")
    ax = get_axes(ax)
    for i, (label, arr) in enumerate(named.items()):
        color, marker = _config_style(i)
        epochs = np.arange(1, arr.shape[1] + 1)
        mean = arr.mean(axis=0)
        if band == "std":
            std = arr.std(axis=0, ddof=1)
            low, high = mean - std, mean + std
            if logy:
                low = np.maximum(low, arr.min(axis=0))
        else:
            low, high = arr.min(axis=0), arr.max(axis=0)
        fill = ax.fill_between(epochs, low, high, color=color, alpha=0.18, lw=0)
        fill.set_gid(f"band:{label}")
        markevery = max(1, arr.shape[1] // 6)
        (line,) = ax.plot(
            epochs, mean, color=color, linestyle=linestyle, marker=marker, markevery=markevery, ms=5, label=label
        )
        line.set_gid(f"mean:{label}")
    if logy:
        ax.set_yscale("log")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel("epoch")
    ax.set_ylabel(ylabel)
    if title is not None:
        ax.set_title(title)
    ax.legend(fontsize="small")
    return ax


def plot_seed_scores(
    scores: Mapping[str, Any],
    *,
    ylabel: str = "validation accuracy",
    paired: bool = True,
    title: str | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Draw one point per seed for each configuration, with the mean ± one standard deviation.

    Parameters
    ----------
    scores : mapping of str to array-like of shape (n_seeds,)
        Final score of every seed, per configuration label (at least 2 seeds).
    ylabel : str, default="validation accuracy"
        Label of the vertical axis.
    paired : bool, default=True
        Join the points of the same seed across configurations with thin grey
        lines (all configurations must then have the same number of seeds, in
        the same seed order): same seed, same initial weights and batch order.
    title : str or None, default=None
        Title of the Axes; state the finding.
    ax : matplotlib Axes or None, default=None
        Where to draw; a new figure if None.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes; the seed points of each label have gid ``"seeds:<label>"``,
        its mean marker ``"mean:<label>"``.

    """
    named = _check_labelled(scores, "scores", 1)
    for label, arr in named.items():
        if arr.shape[0] < 2:
            raise ValueError(f"scores[{label!r}] must hold at least 2 seeds, got shape {arr.shape}")
    paired = check_bool(paired, "paired")
    title = _check_title(title)
    if paired:
        check_same_length(*[(f"scores[{label!r}]", arr) for label, arr in named.items()])
    ax = get_axes(ax)
    labels = list(named)
    positions = np.arange(len(labels), dtype=float)
    n_seeds = len(next(iter(named.values())))
    offsets = np.linspace(-0.12, 0.12, n_seeds) if paired else None
    if paired and offsets is not None:
        table = np.array([named[label] for label in labels])
        for k in range(n_seeds):
            ax.plot(positions + offsets[k], table[:, k], color=COLORS["reference"], alpha=0.25, lw=0.8, zorder=1)
    for i, label in enumerate(labels):
        arr = named[label]
        color, marker = _config_style(i)
        x = positions[i] + (offsets if offsets is not None else np.linspace(-0.12, 0.12, len(arr)))
        points = ax.scatter(x, arr, color=color, marker=marker, s=28, alpha=0.8, zorder=2)
        points.set_gid(f"seeds:{label}")
        mean, std = float(arr.mean()), float(arr.std(ddof=1))
        x_mean = positions[i] + 0.3
        ax.errorbar([x_mean], [mean], yerr=[std], fmt="none", ecolor=color, elinewidth=2, capsize=4, zorder=3)
        (mean_marker,) = ax.plot([x_mean], [mean], "_", color=color, ms=16, mew=2.5, zorder=4)
        mean_marker.set_gid(f"mean:{label}")
    ax.set_xticks(positions, labels)
    ax.set_xlim(-0.5, len(labels) - 0.2)
    ax.set_ylabel(ylabel)
    ax.grid(axis="x", visible=False)
    if title is not None:
        ax.set_title(title)
    return ax


def plot_search(
    values: Any,
    scores: Any,
    *,
    groups: Sequence[Any] | None = None,
    group_label: str = "batch size",
    xlabel: str = r"learning rate $\eta$",
    ylabel: str = "validation accuracy",
    logx: bool = True,
    title: str | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Scatter the trials of a search: score against one hyperparameter, the best one ringed.

    Parameters
    ----------
    values : array-like of shape (n_trials,)
        The hyperparameter of each trial (e.g. its learning rate).
    scores : array-like of shape (n_trials,) or (n_trials, n_seeds)
        The validation score of each trial; higher is better. With one column
        per seed, the point is the mean over seeds and a vertical line spans
        the seeds' lowest to highest score (gid ``"seeds:<k>"`` for trial ``k``);
        the best trial is the one with the highest mean.
    groups : sequence of shape (n_trials,) or None, default=None
        A second hyperparameter (e.g. the batch size): one colour and marker per value.
    group_label : str, default="batch size"
        Name of ``groups`` in the legend.
    xlabel, ylabel : str
        Axis labels.
    logx : bool, default=True
        Logarithmic horizontal axis (``values`` must then be > 0), as for a learning rate.
    title : str or None, default=None
        Title of the Axes; state the finding.
    ax : matplotlib Axes or None, default=None
        Where to draw; a new figure if None.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes; the ring around the best trial has gid ``"best"``.

    """
    x = check_array(values, "values", ndim=1)
    per_seed = check_array(scores, "scores", ndim=(1, 2))
    y = per_seed.mean(axis=1) if per_seed.ndim == 2 else per_seed
    check_same_length(("values", x), ("scores", y))
    logx = check_bool(logx, "logx")
    title = _check_title(title)
    if logx and np.any(x <= 0):
        raise ValueError("values must all be > 0 when logx=True")
    if groups is None:
        group_arr = np.zeros(len(x), dtype=int)
    else:
        group_arr = np.asarray(groups)
        if group_arr.ndim != 1 or len(group_arr) != len(x):
            raise ValueError(f"groups must have shape ({len(x)},) like values, got shape {group_arr.shape}")
    ax = get_axes(ax)
    for i, group in enumerate(sorted(set(group_arr.tolist()))):
        mask = group_arr == group
        color, marker = _config_style(i + 1)
        label = f"{group_label} {group}" if groups is not None else None
        ax.scatter(x[mask], y[mask], color=color, marker=marker, s=45, zorder=2, label=label)
        if per_seed.ndim == 2:
            for k in np.flatnonzero(mask):
                (span,) = ax.plot([x[k], x[k]], [per_seed[k].min(), per_seed[k].max()], color=color, lw=1.5, zorder=1)
                span.set_gid(f"seeds:{k}")
    best = int(np.argmax(y))
    (ring,) = ax.plot(
        [x[best]], [y[best]], "o", ms=16, mfc="none", mec=COLORS["highlight"], mew=2.5, zorder=3, label="best trial"
    )
    ring.set_gid("best")
    if logx:
        ax.set_xscale("log")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    if title is not None:
        ax.set_title(title)
    ax.legend(fontsize="small")
    return ax


def plot_confusion_matrix(
    cm: Any,
    *,
    labels: Sequence[str] | None = None,
    gamma: float = 0.4,
    title: str | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Draw a confusion matrix: counts written in the cells, colour by the share of each true class.

    Rows are true classes, columns predicted classes (scikit-learn's
    ``confusion_matrix`` layout). The colour is the share of the row (each row
    sums to 1) on a power scale, ``share ** gamma``, so that a few errors stand
    out next to a diagonal near 1; the colour map is cividis, readable with
    colour-vision deficiencies.

    Parameters
    ----------
    cm : array-like of shape (n_classes, n_classes)
        Counts, whole numbers ``>= 0``; every row must hold at least one sample.
    labels : sequence of str or None, default=None
        Class names; ``"0", "1", ...`` when None.
    gamma : float, default=0.4
        Exponent of the colour scale, in (0, 1]; 1 is linear.
    title : str or None, default=None
        Title of the Axes; state the finding.
    ax : matplotlib Axes or None, default=None
        Where to draw; a new figure if None.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes; the image has gid ``"confusion"``.

    """
    counts = check_array(cm, "cm", ndim=2)
    n = counts.shape[0]
    if counts.shape != (n, n):
        raise ValueError(f"cm must be square (n_classes, n_classes), got shape {counts.shape}")
    if np.any(counts < 0) or np.any(counts != np.round(counts)):
        raise ValueError("cm must hold counts (whole numbers >= 0)")
    row_sums = counts.sum(axis=1)
    if np.any(row_sums == 0):
        raise ValueError("cm must have at least one sample in every row (true class)")
    names = [str(i) for i in range(n)] if labels is None else [str(s) for s in labels]
    if len(names) != n:
        raise ValueError(f"labels must have {n} entries, one per class, got {len(names)}")
    gamma = check_real(gamma, "gamma", low=0, high=1, low_open=True)
    title = _check_title(title)
    share = counts / row_sums[:, None]
    norm = PowerNorm(gamma=gamma, vmin=0.0, vmax=1.0)
    ax = get_axes(ax)
    image = ax.imshow(share, cmap="cividis", norm=norm)
    image.set_gid("confusion")
    for i in range(n):
        for j in range(n):
            if counts[i, j] == 0:
                continue
            text_color = "black" if norm(share[i, j]) > 0.6 else "white"
            ax.text(j, i, f"{int(counts[i, j])}", ha="center", va="center", fontsize="x-small", color=text_color)
    ax.set_xticks(np.arange(n), names)
    ax.set_yticks(np.arange(n), names)
    ax.set_xlabel("predicted class")
    ax.set_ylabel("true class")
    ax.grid(False)
    cbar = ax.figure.colorbar(image, ax=ax, fraction=0.046, pad=0.04)
    cbar.set_label("share of the true class")
    if title is not None:
        ax.set_title(title)
    return ax
