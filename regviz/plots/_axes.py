"""The shared core of the plot modules (not public): getting an Axes, the λ axis, the style tables.

The style tables are (colour, line style) pairs from :mod:`regviz.style`; each family of figures keeps
one, so that a method or a curve looks the same in every figure of a notebook and in its widget.
"""

from __future__ import annotations

from typing import Any

from matplotlib.axes import Axes

from ..style import COLORS, LINESTYLES, OKABE_ITO

CURVE_STYLES: tuple[tuple[str, Any], ...] = (
    (OKABE_ITO["blue"], LINESTYLES["train"]),
    (OKABE_ITO["vermillion"], LINESTYLES["validation"]),
    (OKABE_ITO["bluish_green"], LINESTYLES["test"]),
    (OKABE_ITO["orange"], LINESTYLES["alternative"]),
    (OKABE_ITO["reddish_purple"], (0, (5, 1, 1, 1, 1, 1))),
    (OKABE_ITO["sky_blue"], (0, (3, 1))),
    (OKABE_ITO["black"], LINESTYLES["reference"]),
)
"""(colour, line style) of the n-th curve of :func:`regviz.plots.plot_curves` (cycled): Okabe–Ito, each its own dash."""

OPTIMIZER_STYLES: tuple[tuple[str, Any], ...] = (
    (COLORS["train"], "-"),
    (COLORS["validation"], "--"),
    (COLORS["test"], "-."),
    (COLORS["highlight"], (0, (1, 1))),
    (COLORS["alternative"], (0, (5, 1, 1, 1, 1, 1))),
    (COLORS["data"], (0, (3, 1))),
)
"""(colour, line style) of the first, second, ... optimizer of notebooks 02–03 (paths, per-step curves)."""

OPTIMIZER_LINESTYLES: tuple[Any, ...] = tuple(style for _, style in OPTIMIZER_STYLES)
"""Their line styles alone, for :func:`regviz.plots.plot_curves` (``linestyles=...``)."""

METHOD_STYLES: dict[str, dict[str, Any]] = {
    "lasso": {"color": OKABE_ITO["bluish_green"], "linestyle": "-", "hatch": ""},
    "ridge": {"color": OKABE_ITO["reddish_purple"], "linestyle": "-.", "hatch": "//"},
    "elastic net": {"color": OKABE_ITO["sky_blue"], "linestyle": "--", "hatch": ".."},
    "true": {"color": OKABE_ITO["black"], "linestyle": ":", "hatch": ""},
}
"""Colour, line style and bar hatch of each penalised-regression method; other labels cycle through the rest."""

SEARCH_STYLES: dict[str, tuple[str, Any]] = {
    "grid": (COLORS["reference"], ":"),
    "random": (COLORS["train"], "-"),
    "gp-ei": (COLORS["validation"], "--"),
    "tpe": (COLORS["test"], "-."),
}
"""(colour, line style) of each hyperparameter-search method (notebooks 12–13 and their widget)."""

SEARCH_LABELS: dict[str, str] = {
    "grid": "grid",
    "random": "random",
    "gp-ei": "Bayesian (GP + EI)",
    "tpe": "Optuna TPE",
}
"""Legend label of each search method."""

LAMBDA_LABEL = r"regularisation strength $\lambda$ (alpha)"
"""Label of every λ axis."""

LEGEND_LOCATIONS = (
    "best",
    "upper right",
    "upper left",
    "lower left",
    "lower right",
    "right",
    "center left",
    "center right",
    "lower center",
    "upper center",
    "center",
)
"""The legend positions Matplotlib accepts by name."""


def get_axes(ax: Axes | None, **subplot_kw: Any) -> Axes:
    """Return ``ax`` if given, else a new Axes on a new pyplot figure."""
    if ax is not None:
        if not isinstance(ax, Axes):
            raise ValueError(f"ax must be a matplotlib Axes or None, got {type(ax).__name__}")
        return ax
    import matplotlib.pyplot as plt

    _, new_ax = plt.subplots(subplot_kw=subplot_kw or None)
    return new_ax


def optimizer_style(i: int) -> tuple[str, Any]:
    """The (colour, line style) of the ``i``-th optimizer, cycled."""
    return OPTIMIZER_STYLES[i % len(OPTIMIZER_STYLES)]


def draw_current(ax: Axes, current: float | None) -> None:
    """The vertical orange line at the current λ (gid ``"marker"``), if there is one."""
    if current is not None:
        marker = ax.axvline(current, color=COLORS["highlight"], lw=2, zorder=4)
        marker.set_gid("marker")
