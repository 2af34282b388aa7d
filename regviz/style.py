"""The course's colours and Matplotlib settings, applied only when asked.

The palette is Okabe & Ito's, readable by people with the common forms of
colour blindness. Each role (train, validation, reference, highlight) has a
fixed colour *and* a line style, so a figure still reads in grey scale.
Nothing here runs at import time: call :func:`use` in a notebook's setup cell,
or :func:`context` for a temporary change.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from typing import Any

__all__ = ["CLASS_COLORS", "COLORS", "LINESTYLES", "set_alt_text", "use"]

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

CLASS_COLORS: tuple[str, str] = (OKABE_ITO["blue"], OKABE_ITO["vermillion"])
"""Colour of class 0 and class 1 in every two-class figure (decision boundaries, class scatters)."""

_CYCLE = [OKABE_ITO[k] for k in ("blue", "vermillion", "bluish_green", "orange", "reddish_purple", "sky_blue", "black")]

_RC_PARAMS: dict[str, Any] = {
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

    return {**_RC_PARAMS, "axes.prop_cycle": cycler(color=_CYCLE)}


def use() -> None:
    """Apply the course style to Matplotlib's global settings, and give every inline figure alt text.

    Call it once in a notebook's setup cell. It changes ``matplotlib.rcParams``; inside a Jupyter kernel it
    also wraps the inline backend's PNG formatter so that each figure's output carries an ``alt`` text in its
    metadata (:func:`alt_text`), which the course site puts on the image for screen readers.
    """
    import matplotlib as mpl

    mpl.rcParams.update(_params())
    _attach_alt_text_to_inline_figures()


_ALT_ATTR = "_regviz_alt_text"
_MATH = {
    "lambda": "λ",
    "alpha": "α",
    "eta": "η",
    "beta": "β",
    "theta": "θ",
    "sigma": "σ",
    "mu": "μ",
    "kappa": "κ",
    "ell": "ℓ",
    "gamma": "γ",
    "epsilon": "ε",
    "varepsilon": "ε",
    "rho": "ρ",
    "times": "×",
    "leq": "≤",
    "le": "≤",
    "geq": "≥",
    "ge": "≥",
    "approx": "≈",
    "infty": "∞",
    "log": "log",
    "ln": "ln",
}
_MATH_COMMAND = re.compile(r"\\([A-Za-z]+)")


def _plain(text: str) -> str:
    """Mathtext to readable plain text: a dollar-delimited lambda becomes ``λ``."""
    text = _MATH_COMMAND.sub(lambda m: _MATH.get(m.group(1), ""), text.replace("\\,", " "))
    for ch in "${}":
        text = text.replace(ch, "")
    return " ".join(text.split())


def set_alt_text(fig: Any, text: str) -> None:
    """Give a figure an explicit alt text, used instead of the generated one (:func:`alt_text`).

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure.
    text : str
        What a reader who cannot see the figure needs: what is plotted and what it shows; non-empty.

    """
    from matplotlib.figure import Figure

    if not isinstance(fig, Figure):
        raise ValueError(f"fig must be a matplotlib Figure, got {type(fig).__name__}")
    if not isinstance(text, str) or not text.strip():
        raise ValueError(f"text must be a non-empty string, got {text!r}")
    setattr(fig, _ALT_ATTR, text.strip())


def _describe_axes(ax: Any) -> str:
    parts = []
    title = _plain(ax.get_title())
    if title:
        parts.append(f"“{title}”")
    kinds = []
    if ax.get_images():
        kinds.append("an image" if len(ax.get_images()) == 1 else f"{len(ax.get_images())} images")
    n_lines = sum(1 for line in ax.get_lines() if not line.get_label().startswith("_") or len(line.get_xdata()) > 2)
    if n_lines:
        kinds.append(f"{n_lines} line{'s' if n_lines > 1 else ''}")
    if ax.collections:
        kinds.append("points or filled regions")
    if ax.patches:
        kinds.append("bars or shapes")
    if kinds:
        parts.append(", ".join(kinds))
    for axis, label, scale in (("x", ax.get_xlabel(), ax.get_xscale()), ("y", ax.get_ylabel(), ax.get_yscale())):
        if label:
            parts.append(f"{axis}: {_plain(label)}" + (f" ({scale} scale)" if scale != "linear" else ""))
    legend = ax.get_legend()
    if legend is not None:
        labels = [_plain(t.get_text()) for t in legend.get_texts() if t.get_text()]
        if labels:
            parts.append("legend: " + ", ".join(labels))
    return "; ".join(parts)


def alt_text(fig: Any) -> str:
    """Describe a figure in words for readers who cannot see it.

    The explicit text of :func:`set_alt_text` if there is one; otherwise generated from the figure itself: its
    title (the course's titles state the finding), and for each panel its title, what it draws, its axis
    labels and scales, and its legend.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure to describe.

    Returns
    -------
    str
        A one-paragraph description, at most about 1,000 characters.

    """
    from matplotlib.figure import Figure

    if not isinstance(fig, Figure):
        raise ValueError(f"fig must be a matplotlib Figure, got {type(fig).__name__}")
    explicit = getattr(fig, _ALT_ATTR, None)
    if explicit:
        return str(explicit)
    axes = [ax for ax in fig.get_axes() if ax.get_visible() and ax.get_label() != "<colorbar>"]
    suptitle = getattr(fig, "_suptitle", None)
    head = _plain(suptitle.get_text()) if suptitle is not None else ""
    panels = [d for d in (_describe_axes(ax) for ax in axes) if d]
    if len(axes) > 6:  # a grid of small panels (digits, weights): summarise instead of listing each
        titles = [t for t in (_plain(ax.get_title()) for ax in axes) if t]
        images = sum(1 for ax in axes if ax.get_images())
        body = f"{images} of them images" if images else "small plots"
        if titles:
            shown = ", ".join(titles[:12]) + (", ..." if len(titles) > 12 else "")
            body += f"; panel titles: {shown}"
    else:
        numbered = " ".join(f"Panel {i}: {d}." for i, d in enumerate(panels, start=1))
        body = panels[0] if len(panels) == 1 else numbered
    kind = "Figure" if len(axes) <= 1 else f"Figure with {len(axes)} panels"
    text = f"{kind}: {head + '. ' if head else ''}{body}".strip().rstrip(".") + "."
    return text if len(text) <= 1000 else text[:997] + "..."


def _attach_alt_text_to_inline_figures() -> None:
    """Inside IPython, make the PNG formatter of figures return ``(png, {"alt": alt_text(fig)})``."""
    import sys

    if "IPython" not in sys.modules:
        return
    from IPython import get_ipython

    shell = get_ipython()
    if shell is None or not hasattr(shell, "display_formatter"):
        return
    import importlib

    import matplotlib as mpl
    from matplotlib.figure import Figure

    if "inline" not in str(mpl.get_backend()):
        return
    importlib.import_module("matplotlib_inline.backend_inline")  # its first import registers the PNG formatter

    formatter = shell.display_formatter.formatters["image/png"]
    try:
        current = formatter.lookup_by_type(Figure)
    except KeyError:
        return
    if getattr(current, "_regviz_alt", False):
        return

    def png_with_alt(fig: Any) -> Any:
        data = current(fig)
        if data is None:
            return None
        metadata: dict[str, Any] = {}
        if isinstance(data, tuple):
            data, metadata = data
        return data, {**(metadata or {}), "alt": alt_text(fig)}

    png_with_alt._regviz_alt = True  # type: ignore[attr-defined]
    formatter.for_type(Figure, png_with_alt)


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
