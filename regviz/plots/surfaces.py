"""Figures over a plane: loss contours and optimizer paths, rate maps, penalty geometry, decision boundaries.

* :func:`plot_contours`, :func:`plot_path` — contour lines of a two-parameter loss and an
  optimizer's iterates over them; :func:`plot_rate_map` — a rate of convergence over
  (learning rate, momentum), the region that does not converge greyed out.
* :func:`plot_constraint_geometry` — loss contours meeting the L1 / L2 penalty region.
* :func:`plot_cv_heatmap` — mean CV error over the (λ, l1_ratio) grid.
* :func:`boundary_grid`, :func:`plot_decision_boundary`, :func:`update_decision_boundary` — a
  classifier's probability of class 1 over the plane, its 0.5 contour, the points by class.
* :func:`plot_trials_2d` — where a search evaluated a two-hyperparameter loss.

Nothing here imports PyTorch: pass NumPy arrays (``tensor.detach().numpy()``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.colors import LinearSegmentedColormap, to_rgb
from matplotlib.patches import Patch
from numpy.typing import NDArray

from .._validation import (
    validate_alphas,
    validate_array,
    validate_bool,
    validate_int,
    validate_real,
    validate_same_length,
)
from ..lasso import loss_ellipse, penalty_boundary, quadratic_loss
from ..optim import path_in_view
from ..style import CLASS_COLORS, COLORS
from ._axes import LAMBDA_LABEL, get_axes, optimizer_style

__all__ = [
    "boundary_grid",
    "plot_constraint_geometry",
    "plot_contours",
    "plot_cv_heatmap",
    "plot_decision_boundary",
    "plot_path",
    "plot_rate_map",
    "plot_trials_2d",
]


def _contour_levels(z: NDArray[np.float64], levels: int, log_levels: bool) -> NDArray[np.float64]:
    """``levels`` values between the grid's minimum and maximum, geometric above the minimum or even."""
    lo, hi = float(z.min()), float(z.max())
    if not hi > lo:
        raise ValueError("loss must not be constant over the grid")
    if log_levels:
        return lo + (hi - lo) * np.geomspace(1e-3, 1.0, levels + 1)[:-1]
    return np.linspace(lo, hi, levels + 2)[1:-1]


def plot_contours(
    w0: Any,
    w1: Any,
    loss: Any,
    *,
    levels: int = 15,
    log_levels: bool = True,
    minimum: Any = None,
    equal_aspect: bool = False,
    xlabel: str = r"$w_0$",
    ylabel: str = r"$w_1$",
    title: str | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Draw contour lines of a loss over a grid of two parameters.

    Parameters
    ----------
    w0 : array-like of shape (n0,)
        Grid values of the first parameter (horizontal axis), increasing.
    w1 : array-like of shape (n1,)
        Grid values of the second parameter (vertical axis), increasing.
    loss : array-like of shape (n1, n0)
        Loss at each grid point: ``loss[i, j]`` is at ``(w0[j], w1[i])``, as
        ``np.meshgrid(w0, w1)`` lays it out.
    levels : int, default=15
        Number of contour lines, in [2, 100].
    log_levels : bool, default=True
        Space the levels geometrically above the grid's minimum (the valley
        of an ill-conditioned loss stays visible); else evenly.
    minimum : array-like of shape (2,) or None, default=None
        Where the minimum is; marked with a black star (gid ``"minimum"``).
    equal_aspect : bool, default=False
        One unit is the same length on both axes, so an elongated loss looks
        elongated.
    xlabel, ylabel : str
        Axis labels.
    title : str or None, default=None
        Title of the Axes.
    ax : matplotlib Axes or None, default=None
        Where to draw; a new figure if None.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes; the contour set has gid ``"contours"``.

    """
    x = validate_array(w0, "w0", ndim=1, min_samples=2)
    y = validate_array(w1, "w1", ndim=1, min_samples=2)
    z = validate_array(loss, "loss", ndim=2)
    if z.shape != (y.size, x.size):
        raise ValueError(f"loss must have shape (len(w1), len(w0)) = {(y.size, x.size)}, got {z.shape}")
    if np.any(np.diff(x) <= 0) or np.any(np.diff(y) <= 0):
        raise ValueError("w0 and w1 must be strictly increasing")
    levels = validate_int(levels, "levels", low=2, high=100)
    log_levels, equal_aspect = validate_bool(log_levels, "log_levels"), validate_bool(equal_aspect, "equal_aspect")
    level_values = _contour_levels(z, levels, log_levels)
    ax = get_axes(ax)
    cs = ax.contour(x, y, z, levels=level_values, cmap="viridis", linewidths=1.0)
    cs.set_gid("contours")
    if minimum is not None:
        m = validate_array(minimum, "minimum", ndim=1)
        if m.size != 2:
            raise ValueError(f"minimum must hold 2 values (w0, w1), got {m.size}")
        (star,) = ax.plot([m[0]], [m[1]], "*", color=COLORS["reference"], ms=14, zorder=4, label="minimum")
        star.set_gid("minimum")
    ax.set_xlim(float(x[0]), float(x[-1]))
    ax.set_ylim(float(y[0]), float(y[-1]))
    if equal_aspect:
        ax.set_aspect("equal", adjustable="box")
    ax.grid(False)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    if title is not None:
        ax.set_title(title)
    return ax


def plot_path(
    path: Any,
    *,
    label: str = "path",
    style: int = 0,
    markers: bool = True,
    ax: Axes | None = None,
) -> Axes:
    """Draw an optimizer's iterates ``w_0, w_1, ...`` as a line over contours.

    The Axes' limits are kept when it already shows something (contours), so
    a diverging path leaves the view instead of zooming it out; the iterates
    after the first one far outside the view (more than a view's width or
    height beyond it), and any that overflowed to inf or NaN, are not drawn.

    Parameters
    ----------
    path : array-like of shape (n_steps + 1, 2)
        The iterates, starting point first.
    label : str, default="path"
        Legend label; the line has gid ``"path:<label>"``.
    style : int, default=0
        Which optimizer's colour and line style (the ``style``-th of notebooks 02–03), ``>= 0``.
    markers : bool, default=True
        Put a small dot on each iterate and a square on the start.
    ax : matplotlib Axes or None, default=None
        Where to draw; a new figure if None.

    Returns
    -------
    matplotlib.axes.Axes

    """
    try:
        p = np.array(path, dtype=float)
    except (TypeError, ValueError) as exc:
        raise ValueError("path must be array-like of numbers of shape (n_steps + 1, 2)") from exc
    if p.ndim != 2 or p.shape[1] != 2 or p.shape[0] < 1:
        raise ValueError(f"path must have shape (n_steps + 1, 2), got {p.shape}")
    if not np.all(np.isfinite(p[0])):
        raise ValueError("path must start at a finite point")
    if not isinstance(label, str):
        raise ValueError(f"label must be a string, got {label!r}")
    style = validate_int(style, "style", low=0)
    markers = validate_bool(markers, "markers")
    ax = get_axes(ax)
    has_content = bool(ax.lines or ax.collections)
    limits = (ax.get_xlim(), ax.get_ylim())
    p[~np.isfinite(p).all(axis=1)] = np.nan
    if has_content:
        p = path_in_view(p, *limits)
    color, ls = optimizer_style(style)
    (line,) = ax.plot(
        p[:, 0],
        p[:, 1],
        color=color,
        linestyle=ls,
        marker="." if markers else None,
        ms=4,
        lw=1.5,
        label=label,
        zorder=3,
    )
    line.set_gid(f"path:{label}")
    if markers:
        (start,) = ax.plot([p[0, 0]], [p[0, 1]], "s", color=color, ms=7, zorder=4)
        start.set_gid(f"start:{label}")
    if has_content:
        ax.set_xlim(*limits[0])
        ax.set_ylim(*limits[1])
    return ax


def _validate_point(
    value: Any, name: str, x: NDArray[np.float64], y: NDArray[np.float64]
) -> tuple[float, float] | None:
    """A ``(x, y)`` pair inside the grid's ranges, or None."""
    if value is None:
        return None
    if not isinstance(value, tuple | list) or len(value) != 2:
        raise ValueError(f"{name} must be an (lr, momentum) pair or None, got {value!r}")
    px = validate_real(value[0], f"{name}[0]", low=float(x[0]), high=float(x[-1]))
    py = validate_real(value[1], f"{name}[1]", low=float(y[0]), high=float(y[-1]))
    return px, py


def _rate_to_colour(rate: Any) -> Any:
    with np.errstate(divide="ignore", invalid="ignore"):
        return -np.log(-np.log(np.clip(rate, 1e-12, 1 - 1e-12)))


def _colour_to_rate(value: Any) -> Any:
    return np.exp(-np.exp(-np.asarray(value, dtype=float)))


def _checked_rate_grid(lr: Any, momentum: Any, rate: Any, levels: Any) -> tuple[NDArray[np.float64], ...]:
    """The rate map's grid, rates and contour levels as arrays, checked."""
    x = validate_array(lr, "lr", ndim=1, min_samples=2)
    y = validate_array(momentum, "momentum", ndim=1, min_samples=2)
    z = validate_array(rate, "rate", ndim=2)
    if np.any(np.diff(x) <= 0) or x[0] <= 0:
        raise ValueError("lr must be strictly increasing and > 0")
    if np.any(np.diff(y) <= 0) or y[0] < 0 or y[-1] >= 1:
        raise ValueError("momentum must be strictly increasing, inside [0, 1)")
    if z.shape != (y.size, x.size):
        raise ValueError(f"rate must have shape (len(momentum), len(lr)) = {(y.size, x.size)}, got {z.shape}")
    if np.any(z < 0):
        raise ValueError("rate must be >= 0")
    level_values = validate_array(levels, "levels", ndim=1)
    if np.any(np.diff(level_values) <= 0) or level_values[0] <= 0 or level_values[-1] >= 1:
        raise ValueError("levels must be increasing, inside (0, 1)")
    return x, y, z, level_values


def _draw_rate_cells(
    ax: Axes, x: NDArray[np.float64], y: NDArray[np.float64], z: NDArray[np.float64], level_values: Any
) -> tuple[Any, tuple[float, float]]:
    """Colour the converging cells (grey the others), label the ``level_values`` contours; the mesh and its range."""
    from matplotlib import colormaps
    from matplotlib.colors import FuncNorm

    converging = np.ma.masked_where(z >= 1, z)
    low = float(converging.min()) if converging.count() else 0.0
    cmap = colormaps["viridis"].with_extremes(bad="#e0e0e0")
    # colours spread evenly in log(steps per decade) = log(ln 10 / -ln rho): 0.9 and 0.99 are far apart
    top = min(float(converging.max()) if converging.count() else 0.999, 0.9999)
    vmin, vmax = max(low, 1e-6), max(top, low + 1e-6)
    norm = FuncNorm((_rate_to_colour, _colour_to_rate), vmin=vmin, vmax=vmax)
    mesh = ax.pcolormesh(x, y, converging, cmap=cmap, norm=norm, shading="nearest", rasterized=True)
    mesh.set_gid("rate")
    shown = [v for v in level_values if low < v < float(z.max())]
    if shown:
        cs = ax.contour(x, y, z, levels=shown, colors="white", linewidths=0.8)
        cs.set_gid("levels")
        ax.clabel(cs, fmt="%.2g", fontsize="small")
    return mesh, (vmin, vmax)


def _mark_rate_points(
    ax: Axes, best_pt: tuple[float, float] | None, best_label: str, current_pt: tuple[float, float] | None
) -> list[Any]:
    """Star ``best``, circle ``current``; the legend's handles, the grey of no convergence first."""
    handles: list[Any] = [Patch(facecolor="#e0e0e0", edgecolor="#909090", label=r"no convergence ($\rho \geq 1$)")]
    if best_pt is not None:
        (star,) = ax.plot(*best_pt, "*", color=COLORS["reference"], mec="white", ms=15, zorder=4, label=best_label)
        star.set_gid("best")
        handles.append(star)
    if current_pt is not None:
        (dot,) = ax.plot(*current_pt, "o", color=COLORS["highlight"], mec="black", ms=9, zorder=5, label="current")
        dot.set_gid("current")
        handles.append(dot)
    return handles


def plot_rate_map(
    lr: Any,
    momentum: Any,
    rate: Any,
    *,
    levels: Sequence[float] = (0.8, 0.9, 0.95, 0.99),
    current: tuple[float, float] | None = None,
    best: tuple[float, float] | None = None,
    best_label: str = "fastest",
    xlabel: str = r"learning rate $\eta$",
    ylabel: str = r"momentum $\gamma$",
    colorbar: bool = True,
    title: str | None = None,
    ax: Axes | None = None,
) -> Axes:
    r"""Draw a rate of convergence over a grid of learning rates (log scale) and momentum coefficients.

    The rate :math:`\rho` is the factor by which the error shrinks per step (smaller is faster). Cells
    with :math:`\rho < 1` are coloured (viridis, dark = fast) on a scale even in the logarithm of the
    number of steps a tenfold reduction takes, :math:`\ln 10 / (-\ln\rho)`, so that 0.9, 0.99 and 0.999
    are equally far apart; cells with :math:`\rho \ge 1`, where the method does not converge, are light
    grey. Labelled contour lines mark ``levels``.

    Parameters
    ----------
    lr : array-like of shape (n_lr,)
        Learning rates, strictly increasing and > 0 (horizontal axis, log scale).
    momentum : array-like of shape (n_momentum,)
        Momentum coefficients, strictly increasing, in ``[0, 1)`` (vertical axis).
    rate : array-like of shape (n_momentum, n_lr)
        The rate at each grid point, finite and ``>= 0``: ``rate[i, j]`` is at ``(lr[j], momentum[i])``.
    levels : sequence of float, default=(0.8, 0.9, 0.95, 0.99)
        Contour levels, increasing, inside ``(0, 1)``; those outside the map's range are skipped.
    current : (float, float) or None, default=None
        An ``(lr, momentum)`` point marked with an orange circle (gid ``"current"``).
    best : (float, float) or None, default=None
        An ``(lr, momentum)`` point marked with a black star (gid ``"best"``), e.g. the optimal constants.
    best_label : str, default="fastest"
        Legend label of ``best``.
    xlabel, ylabel : str
        Axis labels.
    colorbar : bool, default=True
        Add a colour bar for :math:`\rho` next to the Axes.
    title : str or None, default=None
        Title of the Axes; state the finding.
    ax : matplotlib Axes or None, default=None
        Where to draw; a new figure if None.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes; the coloured cells have gid ``"rate"``, the contour lines ``"levels"``.

    """
    x, y, z, level_values = _checked_rate_grid(lr, momentum, rate, levels)
    current_pt = _validate_point(current, "current", x, y)
    best_pt = _validate_point(best, "best", x, y)
    if not isinstance(best_label, str):
        raise ValueError(f"best_label must be a string, got {best_label!r}")
    colorbar = validate_bool(colorbar, "colorbar")
    ax = get_axes(ax)
    mesh, (vmin, vmax) = _draw_rate_cells(ax, x, y, z, level_values)
    handles = _mark_rate_points(ax, best_pt, best_label, current_pt)
    ax.set_xscale("log")
    ax.set_xlim(float(x[0]), float(x[-1]))
    ax.set_ylim(float(y[0]), float(y[-1]))
    ax.grid(False)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    if colorbar:
        ticks = [t for t in (0.5, 0.8, 0.9, 0.95, 0.99, 0.999) if vmin <= t <= vmax]
        bar = ax.figure.colorbar(mesh, ax=ax, ticks=ticks or None)
        bar.set_label(r"rate $\rho$: error $\times\,\rho$ per step")
    ax.legend(handles=handles, loc="upper left", fontsize="small", frameon=True)
    if title is not None:
        ax.set_title(title)
    return ax


def plot_cv_heatmap(
    alphas: Any,
    l1_ratios: Any,
    mse: Any,
    *,
    max_ratio: float = 1.5,
    ax: Axes | None = None,
) -> Axes:
    r"""Draw mean cross-validated error over the (λ, l1_ratio) grid, the best cell starred.

    Parameters
    ----------
    alphas : array-like of shape (n_alphas,)
        The :math:`\lambda` grid, > 0, monotonic (shared by every l1_ratio).
    l1_ratios : array-like of shape (n_l1_ratios,)
        The l1_ratio values, in [0, 1], increasing.
    mse : array-like of shape (n_l1_ratios, n_alphas)
        Mean validation error (``ElasticNetCV.mse_path_.mean(axis=2)``).
    max_ratio : float, default=1.5
        The colour scale runs from the smallest error to ``max_ratio`` times
        it (larger errors share the darkest colour), so the valley stays
        readable next to the huge errors of the empty model; ``> 1``.
    ax : matplotlib Axes or None, default=None
        Where to draw; a new figure if None.

    Returns
    -------
    matplotlib.axes.Axes
        The mesh has gid ``"heatmap"``; a colour bar is added to the figure.

    """
    a = validate_alphas(alphas)
    r = validate_array(l1_ratios, "l1_ratios", ndim=1)
    if np.any((r < 0) | (r > 1)) or np.any(np.diff(r) <= 0):
        raise ValueError("l1_ratios must be strictly increasing values in [0, 1]")
    values = validate_array(mse, "mse", ndim=2)
    top = validate_real(max_ratio, "max_ratio", low=1, low_open=True)
    if np.any(values <= 0):
        raise ValueError("mse must hold positive errors")
    if values.shape != (len(r), len(a)):
        raise ValueError(f"mse must have shape ({len(r)}, {len(a)}) (l1_ratios × alphas), got {values.shape}")
    order = np.argsort(a)
    a, values = a[order], values[:, order]
    log_a = np.log10(a)
    mid = (log_a[1:] + log_a[:-1]) / 2
    x_edges = 10 ** np.r_[log_a[0] - (mid[0] - log_a[0]), mid, log_a[-1] + (log_a[-1] - mid[-1])]
    y_edges = np.arange(len(r) + 1) - 0.5
    ax = get_axes(ax)
    low = float(values.min())
    mesh = ax.pcolormesh(x_edges, y_edges, values, cmap="cividis_r", shading="flat", vmin=low, vmax=low * top)
    mesh.set_gid("heatmap")
    ax.figure.colorbar(mesh, ax=ax, label="mean validation MSE", extend="max")
    i, k = np.unravel_index(int(np.argmin(values)), values.shape)
    ax.plot(
        [a[k]],
        [i],
        marker="*",
        ms=16,
        color=COLORS["highlight"],
        markeredgecolor=COLORS["reference"],
        linestyle="none",
        label=rf"best: $\lambda$ = {a[k]:.3g}, l1_ratio = {r[i]:g}",
    )
    ax.set_xscale("log")
    ax.set_yticks(np.arange(len(r)), [f"{v:g}" for v in r])
    ax.set_xlabel(LAMBDA_LABEL)
    ax.set_ylabel("l1_ratio (1 = lasso)")
    ax.grid(False)
    ax.legend(loc="upper left", fontsize="small", framealpha=0.85, frameon=True)
    return ax


def _draw_loss_contours(
    ax: Axes, gram: NDArray[np.float64], w_ols: NDArray[np.float64], lim: float, n_levels: int
) -> None:
    """Grey contours of the quadratic loss on ``[-lim, lim]²``, spaced by the contour through the origin."""
    grid = np.linspace(-lim, lim, 201)
    W1, W2 = np.meshgrid(grid, grid)
    D = np.stack([W1 - w_ols[0], W2 - w_ols[1]], axis=-1)
    Q = 0.5 * np.einsum("...i,ij,...j->...", D, gram, D)
    q_edge = 0.5 * w_ols @ gram @ w_ols  # the contour through the origin
    levels = q_edge * np.linspace(0.1, 1.6, n_levels) ** 2
    ax.contour(W1, W2, Q, levels=levels, colors="#777777", linewidths=0.8)


def _draw_region_and_contact(ax: Axes, boundary: NDArray[np.float64], ellipse: NDArray[np.float64]) -> None:
    """Fill the penalty region (gid ``"region"``) and dash the loss contour that touches it (gid ``"contact"``)."""
    (region,) = ax.fill(
        boundary[:, 0],
        boundary[:, 1],
        facecolor=(*to_rgb(COLORS["train"]), 0.25),
        edgecolor=COLORS["train"],
        lw=1.5,
        label="penalty region",
    )
    region.set_gid("region")
    (contact,) = ax.plot(
        ellipse[:, 0],
        ellipse[:, 1],
        color=COLORS["reference"],
        linestyle="--",
        lw=1.3,
        label="loss contour at the solution",
    )
    contact.set_gid("contact")


def plot_constraint_geometry(
    X: Any,
    y: Any,
    coef: Any,
    *,
    l1_ratio: float = 1.0,
    limit: float | None = None,
    n_levels: int = 6,
    ax: Axes | None = None,
) -> Axes:
    r"""Draw the loss contours of a two-feature problem and the penalty region that the solution touches.

    The loss is :math:`\frac{1}{2n}\lVert y - Xw - b\rVert^2` (best intercept); the region is
    :math:`\{w : P_\rho(w) \le P_\rho(\hat w)\}`, :math:`P_\rho(w) = \rho\lVert w\rVert_1 + \frac{1-\rho}{2}\lVert w\rVert_2^2`.
    A loss contour (dashed black, gid ``"contact"``) touches the region (gid ``"region"``) at the
    orange solution (gid ``"solution"``).

    Parameters
    ----------
    X : array-like of shape (n_samples, 2)
        The two features.
    y : array-like of shape (n_samples,)
        Targets.
    coef : array-like of shape (2,)
        The penalised solution :math:`\hat w` to draw.
    l1_ratio : float, default=1.0
        :math:`\rho \in [0, 1]`: 1 the lasso's diamond, 0 ridge's disc.
    limit : float or None, default=None
        Both axes span ``[-limit, limit]``; 1.25 × the largest least-squares
        coefficient if None.
    n_levels : int, default=6
        Number of loss contours drawn in grey, in ``[1, 100]``.
    ax : matplotlib Axes or None, default=None
        Where to draw; a new figure if None.

    Returns
    -------
    matplotlib.axes.Axes

    """
    X_arr = validate_array(X, "X", ndim=2)
    y_arr = validate_array(y, "y", ndim=1)
    validate_same_length(("X", X_arr), ("y", y_arr))
    if X_arr.shape[1] != 2:
        raise ValueError(f"X must have exactly 2 columns (features) to draw in the plane, got {X_arr.shape[1]}")
    w = validate_array(coef, "coef", ndim=1)
    if w.shape != (2,):
        raise ValueError(f"coef must have shape (2,), got {w.shape}")
    r = validate_real(l1_ratio, "l1_ratio", low=0, high=1)
    n_levels = validate_int(n_levels, "n_levels", low=1, high=100)
    gram, w_ols = quadratic_loss(X_arr, y_arr)
    lim = 1.25 * float(np.max(np.abs(w_ols))) if limit is None else validate_real(limit, "limit", low=0, low_open=True)
    ax = get_axes(ax)
    _draw_loss_contours(ax, gram, w_ols, lim, n_levels)
    t = r * np.abs(w).sum() + 0.5 * (1 - r) * (w @ w)
    _draw_region_and_contact(
        ax, penalty_boundary(t, r), loss_ellipse(gram, w_ols, 0.5 * float((w - w_ols) @ gram @ (w - w_ols)))
    )
    ax.plot([w_ols[0]], [w_ols[1]], "P", color=COLORS["reference"], ms=9, label="least squares")
    (solution,) = ax.plot(
        [w[0]],
        [w[1]],
        "o",
        color=COLORS["highlight"],
        ms=9,
        markeredgecolor=COLORS["reference"],
        zorder=5,
        label=r"penalised solution $\hat w$",
    )
    solution.set_gid("solution")
    ax.axhline(0, color=COLORS["reference"], lw=0.8)
    ax.axvline(0, color=COLORS["reference"], lw=0.8)
    ax.set_xlim(-lim, lim)
    ax.set_ylim(-lim, lim)
    ax.set_aspect("equal")
    ax.set_xlabel(r"$w_1$")
    ax.set_ylabel(r"$w_2$")
    return ax


_CLASS_MARKERS = ("o", "s")


_PROBA_CMAP = LinearSegmentedColormap.from_list(
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
    X_arr = _validate_X(X)
    resolution = validate_int(resolution, "resolution", low=10, high=1000)
    margin = validate_real(margin, "margin", low=0)
    x_min, y_min = X_arr.min(axis=0) - margin
    x_max, y_max = X_arr.max(axis=0) + margin
    xs = np.linspace(x_min, x_max, resolution)
    ys = np.linspace(y_min, y_max, resolution)
    xx, yy = np.meshgrid(xs, ys)
    points = np.c_[xx.ravel(), yy.ravel()]
    return BoundaryGrid(xx, yy, points, (float(x_min), float(x_max), float(y_min), float(y_max)))


def _validate_X(X: Any) -> NDArray[np.float64]:
    X_arr = validate_array(X, "X", ndim=2)
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
    X_arr, y_arr, p, box = _validate_boundary_args(X, y, proba, extent)
    colorbar = validate_bool(colorbar, "colorbar")
    ax = get_axes(ax)
    image = ax.imshow(
        p, origin="lower", extent=box, cmap=_PROBA_CMAP, vmin=0.0, vmax=1.0, aspect="auto", interpolation="bilinear"
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


def _validate_boundary_args(
    X: Any, y: Any, proba: Any, extent: Any
) -> tuple[NDArray[np.float64], NDArray[Any], NDArray[np.float64], tuple[float, float, float, float]]:
    X_arr = _validate_X(X)
    y_arr = validate_array(y, "y", ndim=1)
    validate_same_length(("X", X_arr), ("y", y_arr))
    if not np.all(np.isin(y_arr, (0, 1))):
        raise ValueError("y must hold labels 0 and 1 only")
    p = validate_array(proba, "proba", ndim=2)
    if p.shape[0] < 2 or p.shape[1] < 2:
        raise ValueError(f"proba must be a grid of at least 2 x 2 values, got shape {p.shape}")
    if p.min() < 0 or p.max() > 1:
        raise ValueError(f"proba must hold probabilities in [0, 1], got values in [{p.min():.3g}, {p.max():.3g}]")
    return X_arr, y_arr, p, _validate_extent(extent)


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
    values = validate_array(proba, "proba", ndim=2)
    if values.min() < 0 or values.max() > 1:
        raise ValueError(
            f"proba must hold probabilities in [0, 1], got values in [{values.min():.3g}, {values.max():.3g}]"
        )
    box = _validate_extent(extent)
    image.set_data(values)
    _draw_boundary_contour(ax, values, box)
    return ax


def _validate_extent(extent: Any) -> tuple[float, float, float, float]:
    if not isinstance(extent, tuple | list) or len(extent) != 4:
        raise ValueError(f"extent must be a (x_min, x_max, y_min, y_max) tuple, got {extent!r}")
    box = tuple(validate_real(v, f"extent[{i}]") for i, v in enumerate(extent))
    if not (box[0] < box[1] and box[2] < box[3]):
        raise ValueError(f"extent must satisfy x_min < x_max and y_min < y_max, got {extent!r}")
    return (box[0], box[1], box[2], box[3])


def _draw_banded_background(ax: Axes, background: Any, levels: int, colorbar: bool, zlabel: str) -> None:
    """Check ``(xs, ys, Z)`` and draw ``Z`` in ``levels`` equal-area quantile bands (gid ``"background"``)."""
    if not isinstance(background, tuple | list) or len(background) != 3:
        raise ValueError("background must be a tuple (xs, ys, Z)")
    xs = validate_array(background[0], "background xs", ndim=1, min_samples=2)
    ys = validate_array(background[1], "background ys", ndim=1, min_samples=2)
    Z = validate_array(background[2], "background Z", ndim=2)
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
    pts = validate_array(X, "X", ndim=2)
    if pts.shape[1] != 2:
        raise ValueError(f"X must have shape (n_evals, 2), got {pts.shape}")
    values = validate_array(y, "y", ndim=1)
    validate_same_length(("X", pts), ("y", values))
    levels = validate_int(levels, "levels", low=2, high=100)
    validate_bool(colorbar, "colorbar")
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
