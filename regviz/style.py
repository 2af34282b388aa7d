"""The course's colours and Matplotlib settings, applied only when asked.

The palette is Okabe & Ito's, readable by people with the common forms of
colour blindness. Each role (train, validation, reference, highlight) has a
fixed colour *and* a line style, so a figure still reads in grey scale.
Nothing here runs at import time: call :func:`use` in a notebook's setup cell,
or :func:`context` for a temporary change.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

__all__ = ["COLORS", "LINESTYLES", "OKABE_ITO", "RC_PARAMS", "context", "use"]

OKABE_ITO: dict[str, str] = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
}
"""The eight Okabe–Ito colours, by name."""

COLORS: dict[str, str] = {
    "train": OKABE_ITO["blue"],
    "validation": OKABE_ITO["vermillion"],
    "test": OKABE_ITO["bluish_green"],
    "reference": OKABE_ITO["black"],
    "highlight": OKABE_ITO["orange"],
    "data": OKABE_ITO["sky_blue"],
    "alternative": OKABE_ITO["reddish_purple"],
}
"""Colour for each role a curve plays in the course's figures."""

LINESTYLES: dict[str, Any] = {
    "train": "-",
    "validation": "--",
    "test": (0, (1, 1)),
    "reference": ":",
    "highlight": "-",
    "data": "-",
    "alternative": "-.",
}
"""Line style for each role: the second cue besides colour."""

_CYCLE = [OKABE_ITO[k] for k in ("blue", "vermillion", "bluish_green", "orange", "reddish_purple", "sky_blue", "black")]

RC_PARAMS: dict[str, Any] = {
    "figure.figsize": (6.4, 4.0),
    "figure.dpi": 100,
    "savefig.dpi": 100,
    "figure.constrained_layout.use": True,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.titlesize": "medium",
    "axes.labelsize": "medium",
    "legend.frameon": False,
    "lines.linewidth": 2.0,
    "image.cmap": "viridis",
    "font.size": 11,
}
"""The Matplotlib settings :func:`use` applies (a plain dict: inspect or extend it)."""


def _params() -> Any:
    from cycler import cycler

    return {**RC_PARAMS, "axes.prop_cycle": cycler(color=_CYCLE)}


def use() -> None:
    """Apply the course style to Matplotlib's global settings.

    Call it once in a notebook's setup cell. It changes ``matplotlib.rcParams``
    and nothing else.
    """
    import matplotlib as mpl

    mpl.rcParams.update(_params())


@contextlib.contextmanager
def context() -> Iterator[None]:
    """Apply the course style inside a ``with`` block only.

    Examples
    --------
    >>> from regviz import style
    >>> with style.context():
    ...     pass

    """
    import matplotlib as mpl

    with mpl.rc_context(_params()):
        yield
