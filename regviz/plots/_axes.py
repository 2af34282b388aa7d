"""Small shared helpers for the plot functions (not public)."""

from __future__ import annotations

from typing import Any

from matplotlib.axes import Axes


def get_axes(ax: Axes | None, **subplot_kw: Any) -> Axes:
    """Return ``ax`` if given, else a new Axes on a new pyplot figure."""
    if ax is not None:
        if not isinstance(ax, Axes):
            raise ValueError(f"ax must be a matplotlib Axes or None, got {type(ax).__name__}")
        return ax
    import matplotlib.pyplot as plt

    _, new_ax = plt.subplots(subplot_kw=subplot_kw or None)
    return new_ax
