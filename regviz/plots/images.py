"""Pictures: digit mosaics and confusion matrices."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.colors import PowerNorm

from .._validation import validate_array, validate_int, validate_real, validate_same_length, validate_title
from ..style import OKABE_ITO
from ._axes import get_axes

__all__ = ["plot_confusion_matrix", "plot_digits"]


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
    imgs = validate_array(images, "images", ndim=3)
    n_cols = validate_int(n_cols, "n_cols", low=1, high=100)
    if labels is not None:
        labs = np.asarray(labels)
        if labs.ndim != 1:
            raise ValueError(f"labels must have shape (n_images,), got shape {labs.shape}")
        validate_same_length(("images", imgs), ("labels", labs))
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
    counts = validate_array(cm, "cm", ndim=2)
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
    gamma = validate_real(gamma, "gamma", low=0, high=1, low_open=True)
    title = validate_title(title)
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
