"""Sliders that retrain a small network live on a 2-D problem, and a learning-curve browser.

* :func:`weight_decay_explorer` — a λ slider: the decision boundary and the
  histogram of the weights for each ``weight_decay``.
* :func:`dropout_explorer` — a dropout-rate slider: the decision boundary.
* :func:`learning_curve_explorer` — browse learning curves computed once
  (e.g. MNIST for a grid of dropout rates) next to the final train and
  validation accuracies against the rate.

The networks are those of :mod:`regviz.tinymlp` (:func:`~regviz.tinymlp.fit_tiny_mlp`, trained by
:func:`~regviz.tinymlp.live_fits`): each slider value is trained from the same seeded initialisation (never
warm-started from the previous value), and the result is cached: a value always gives the same boundary,
whatever the slider's history, and moving back to it costs only a redraw. Here they are only drawn.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray

from .._validation import validate_bool, validate_real
from ..plots import boundary_grid, plot_decision_boundary, plot_weight_histogram
from ..plots.surfaces import update_decision_boundary
from ..style import COLORS, LINESTYLES
from ..tinymlp import GridFit, LearningCurves, LiveFits, learning_curves, live_fits
from ._core import Explorer, new_figure

__all__ = ["dropout_explorer", "learning_curve_explorer", "weight_decay_explorer"]


def _selection_slider(description: str, options: Sequence[float], value: float) -> Any:
    import ipywidgets as w

    return w.SelectionSlider(
        options=[(f"{v:g}", v) for v in options],
        value=value,
        description=description,
        continuous_update=False,
        style={"description_width": "initial"},
        layout=w.Layout(width="420px"),
    )


def _pick(value: Any, options: Sequence[float], name: str, options_name: str) -> float:
    v = validate_real(value, name, low=options[0], high=options[-1])
    if v not in options:
        raise ValueError(f"{name} must be one of {options_name} {list(options)}, got {value!r}")
    return v


def _caption(symbol: str, value: float, fit: GridFit) -> str:
    parts = [f"{symbol} = {value:g}", f"train accuracy {fit.train_acc:.3f}"]
    if fit.val_acc is not None:
        parts.append(f"validation accuracy {fit.val_acc:.3f}")
    parts.append(f"weight norm ‖W‖ = {fit.model.weight_norm:.2f}")
    return " &nbsp;·&nbsp; ".join(parts)


def _start(fits: LiveFits, value: Any, name: str, options_name: str, precompute: Any) -> float:
    """The slider's initial value, one of ``fits.values``; every value trained now if ``precompute``."""
    start = _pick(value, fits.values, name, options_name)
    for v in fits.values if validate_bool(precompute, "precompute") else []:
        fits.at(v)
    return start


_LOG_W_MIN, _LOG_W_MAX = -6.0, 1.0


def _log_abs_counts(weights: NDArray[np.float64], edges: NDArray[np.float64]) -> NDArray[np.int64]:
    """Histogram of log10|w| on fixed edges, values outside pushed into the end bins (zeros into the first)."""
    with np.errstate(divide="ignore"):
        logs = np.log10(np.abs(weights))
    logs = np.clip(logs, edges[0], edges[-1])
    counts, _ = np.histogram(logs, bins=edges)
    return counts


def _weights_panel(ax: Any, fit: GridFit) -> tuple[NDArray[np.float64], list[Any]]:
    """The histogram of log10|w| on fixed bins; returns the bin edges and the bars, to be moved in place."""
    edges = np.linspace(_LOG_W_MIN, _LOG_W_MAX, 46)
    plot_weight_histogram(
        fit.model.flat_weights(),
        bins=edges,
        log_abs=True,
        xlabel=r"$\log_{10}|w|$  (left bar: $|w| \leq 10^{-6}$)",
        ax=ax,
    )
    legend = ax.get_legend()
    if legend is not None:
        legend.remove()
    bars = [patch for patch in ax.patches if patch.get_gid() == "bars"]
    ax.set_xlim(edges[0], edges[-1])
    # the layout is frozen after the first render: place the y label far enough left for 4-digit counts
    ax.yaxis.set_label_coords(-0.14, 0.5)
    return edges, bars


def _update_weights(ax: Any, bars: list[Any], edges: NDArray[np.float64], fit: GridFit, weight_decay: float) -> None:
    """Move the histogram's bars to ``fit``'s weights; title with their median size."""
    counts = _log_abs_counts(fit.model.flat_weights(), edges)
    for bar, count in zip(bars, counts, strict=True):
        bar.set_height(count)
    ax.set_ylim(0, 1.08 * max(int(counts.max()), 1))
    median = float(np.median(np.abs(fit.model.flat_weights())))
    ax.set_title(rf"weights, $\lambda$ = {weight_decay:g}: median $|w|$ = {median:.2g}")


def weight_decay_explorer(
    X: Any,
    y: Any,
    *,
    X_val: Any = None,
    y_val: Any = None,
    weight_decays: Sequence[float] = (0.0, 1e-4, 3e-4, 1e-3, 3e-3, 0.01, 0.03, 0.1),
    weight_decay: float = 0.0,
    hidden: Sequence[int] = (64, 64),
    n_steps: int = 400,
    lr: float = 0.5,
    momentum: float = 0.9,
    seed: int | None = None,
    resolution: int = 120,
    precompute: bool = False,
) -> Explorer:
    r"""Slide the L2 penalty λ of a small network; see its decision boundary and its weights.

    Each value trains :func:`regviz.tinymlp.fit_tiny_mlp` (``weight_decay=λ``) when first chosen (see
    :func:`regviz.tinymlp.live_fits`). Left: the probability of class 1 and the 0.5 boundary. Right: the
    histogram of :math:`\log_{10}|w|` over all the weights, on fixed bins from :math:`10^{-6}` to :math:`10`
    (L2 shrinks by orders of magnitude, and makes no weight exactly zero). The caption gives the train (and
    validation) accuracy and the weight norm.

    Parameters
    ----------
    X, y, X_val, y_val
        Training points in the plane and their labels, 0 or 1; validation data for the caption (or None).
    weight_decays, weight_decay : sequence of float, default=(0, 1e-4, ..., 0.1), and float, default=0.0
        The slider's values (``>= 0``, below ``1 / lr``, strictly increasing) and the initial one among them.
    hidden, n_steps, lr, momentum, seed
        Passed to :func:`regviz.tinymlp.fit_tiny_mlp`.
    resolution, precompute : int, default=120, and bool, default=False
        Grid points along each axis of the image, in [10, 1000]; train every value when the explorer is built.

    Returns
    -------
    Explorer
        Display it; ``explorer.set(weight_decay=...)`` moves the slider.

    """
    grid = boundary_grid(X, resolution=resolution)
    settings: dict[str, Any] = {"hidden": hidden, "n_steps": n_steps, "lr": lr, "momentum": momentum, "seed": seed}
    fits = live_fits(X, y, grid.points, grid.shape, weight_decays=weight_decays, X_val=X_val, y_val=y_val, **settings)
    start = _start(fits, weight_decay, "weight_decay", "weight_decays", precompute)

    fig, (ax_b, ax_w) = new_figure(ncols=2, figsize=(10.0, 4.2))
    plot_decision_boundary(fits.X, fits.y, fits.at(start).proba, extent=grid.extent, ax=ax_b)
    edges, bars = _weights_panel(ax_w, fits.at(start))

    def update(weight_decay: float) -> None:
        update_decision_boundary(ax_b, fits.at(weight_decay).proba, grid.extent)
        ax_b.set_title(rf"decision boundary, $\lambda$ = {weight_decay:g}")
        _update_weights(ax_w, bars, edges, fits.at(weight_decay), weight_decay)

    def caption(weight_decay: float) -> str:
        return _caption("λ", weight_decay, fits.at(weight_decay))

    control = _selection_slider("λ (weight_decay)", fits.values, start)
    return Explorer(fig, update, {"weight_decay": control}, caption=caption)


def dropout_explorer(
    X: Any,
    y: Any,
    *,
    X_val: Any = None,
    y_val: Any = None,
    rates: Sequence[float] = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8),
    rate: float = 0.0,
    hidden: Sequence[int] = (64, 64),
    n_steps: int = 400,
    lr: float = 0.5,
    momentum: float = 0.9,
    seed: int | None = None,
    resolution: int = 120,
    precompute: bool = False,
) -> Explorer:
    """Slide the dropout rate of a small network's hidden layers; see its decision boundary.

    Each rate trains :func:`regviz.tinymlp.fit_tiny_mlp` (``dropout=rate``) the first time it is chosen (see
    :func:`regviz.tinymlp.live_fits`). The boundary is that of the network in evaluation mode (no units
    dropped). The caption gives the train (and validation) accuracy.

    Parameters
    ----------
    X, y, X_val, y_val, hidden, n_steps, lr, momentum, seed, resolution, precompute
        As in :func:`weight_decay_explorer`.
    rates : sequence of float, default=(0, 0.1, ..., 0.8)
        The slider's values, each in [0, 1), strictly increasing.
    rate : float, default=0.0
        Initial value, one of ``rates``.

    Returns
    -------
    Explorer
        Display it; ``explorer.set(rate=...)`` moves the slider.

    """
    grid = boundary_grid(X, resolution=resolution)
    settings: dict[str, Any] = {"hidden": hidden, "n_steps": n_steps, "lr": lr, "momentum": momentum, "seed": seed}
    fits = live_fits(X, y, grid.points, grid.shape, rates=rates, X_val=X_val, y_val=y_val, **settings)
    start = _start(fits, rate, "rate", "rates", precompute)

    fig, ax = new_figure(figsize=(5.8, 4.6))
    plot_decision_boundary(fits.X, fits.y, fits.at(start).proba, extent=grid.extent, ax=ax)

    def update(rate: float) -> None:
        update_decision_boundary(ax, fits.at(rate).proba, grid.extent)
        ax.set_title(f"decision boundary, dropout rate p = {rate:g}")

    def caption(rate: float) -> str:
        return _caption("p", rate, fits.at(rate))

    control = _selection_slider("dropout rate p", fits.values, start)
    return Explorer(fig, update, {"rate": control}, caption=caption)


# --------------------------------------------------------------------------- learning-curve browser


def _fmt(value: float) -> str:
    if not np.isfinite(value):
        return "n/a (diverged)"
    return f"{value:.3f}" if abs(value) < 1e4 else f"{value:.2e}"


def _plot_last_epoch(ax: Any, lc: LearningCurves, current: float, xlabel: str, ylabel: str) -> Any:
    """Last-epoch train and validation values against the hyperparameter; a diverged value is a gap.

    The look of :func:`regviz.plots.plot_validation_curve` (train blue and solid, validation vermillion and
    dashed, an orange marker at the current value; gids ``"train"``, ``"validation"``, ``"marker"``), with a dot
    on every value so that one finite value between two diverged ones stays visible, and the word "diverged"
    (gid ``"diverged"``) at the foot of each value that is not drawn (not finite, or beyond ``lc.limit``).
    """
    keys = list(lc.keys)
    for role, values in (("train", lc.final_train_shown), ("validation", lc.final_val_shown)):
        (line,) = ax.plot(keys, values, color=COLORS[role], linestyle=LINESTYLES[role], marker="o", ms=4, label=role)
        line.set_gid(role)
    marker = ax.axvline(current, color=COLORS["highlight"], lw=2, zorder=1)
    marker.set_gid("marker")
    margin = 0.05 * (keys[-1] - keys[0])  # every value in view, even one whose points are all gaps
    ax.set_xlim(keys[0] - margin, keys[-1] + margin)
    drawn = np.isfinite(lc.final_train_shown) & np.isfinite(lc.final_val_shown)
    for key, shown in zip(keys, drawn, strict=True):
        if not shown:  # say why a value has no point
            note = ax.annotate(
                "diverged",
                xy=(key, 0.0),
                xycoords=("data", "axes fraction"),
                xytext=(0, 4),
                textcoords="offset points",
                ha="center",
                va="bottom",
                fontsize="small",
                color=COLORS["reference"],
            )
            note.set_gid("diverged")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.legend(loc="best", fontsize="small")
    return marker


def _plot_curves(ax: Any, lc: LearningCurves, start: float, ylabel: str) -> tuple[Any, Any]:
    """The train and validation curves of ``start`` on axes that hold every history's; returns the two lines."""
    epochs = np.arange(1, len(lc.train[start]) + 1)
    (line_t,) = ax.plot(
        epochs, lc.train_shown[start], color=COLORS["train"], linestyle=LINESTYLES["train"], label="train"
    )
    (line_v,) = ax.plot(
        epochs,
        lc.val_shown[start],
        color=COLORS["validation"],
        linestyle=LINESTYLES["validation"],
        label="validation",
    )
    ax.set_xlim(0.5, lc.n_epochs_max + 0.5)
    ax.set_ylim(*lc.ylim)
    ax.set_xlabel("epoch")
    ax.set_ylabel(ylabel)
    ax.legend(loc="best", fontsize="small")
    return line_t, line_v


def learning_curve_explorer(
    histories: Mapping[float, Any],
    *,
    metric: str = "accuracy",
    value: float | None = None,
    param_label: str = "dropout rate p",
    symbol: str = "p",
) -> Explorer:
    """Browse learning curves computed once, one per value of a hyperparameter.

    Left: train (blue, solid) and validation (vermillion, dashed) curves of the chosen value against the epoch,
    on axes shared by all values so they compare. Right: the last epoch's train and validation values against
    the hyperparameter, with an orange marker at the chosen one. Nothing is trained: a move swaps the lines'
    data (blitting). A diverged run is drawn with gaps (see :func:`regviz.tinymlp.learning_curves`), and
    "n/a (diverged)" in the title and caption, or "diverged" in the right panel, say so.

    Parameters
    ----------
    histories, metric, value
        As in :func:`regviz.tinymlp.learning_curves`; ``value``, a key of ``histories``, is the initial one.
    param_label, symbol : str, default="dropout rate p", "p"
        Name of the hyperparameter on the axis and the slider, and its short name in titles and the caption.

    Returns
    -------
    Explorer
        Display it; ``explorer.set(value=...)`` moves the slider.

    """
    lc = learning_curves(histories, metric)
    if not isinstance(param_label, str) or not isinstance(symbol, str):
        raise ValueError("param_label and symbol must be strings")
    start = lc.keys[0] if value is None else _pick(value, lc.keys, "value", "the keys of histories")
    ylabel = "accuracy" if metric == "accuracy" else "mean loss"

    fig, (ax_c, ax_f) = new_figure(ncols=2, figsize=(10.0, 4.0))
    line_t, line_v = _plot_curves(ax_c, lc, start, ylabel)
    marker = _plot_last_epoch(ax_f, lc, start, param_label, f"{ylabel} at the last epoch")
    ax_f.set_title("train and validation at the last epoch")

    def update(value: float) -> None:
        x = np.arange(1, len(lc.train[value]) + 1)
        line_t.set_data(x, lc.train_shown[value])
        line_v.set_data(x, lc.val_shown[value])
        marker.set_xdata([value, value])
        gap = lc.train[value][-1] - lc.val[value][-1]
        text = "n/a (diverged)" if not np.isfinite(gap) else f"{gap:+.3f}" if abs(gap) < 1e4 else f"{gap:+.2e}"
        ax_c.set_title(f"{symbol} = {value:g}: last-epoch gap (train − validation) {text}")

    def caption(value: float) -> str:
        return (
            f"{symbol} = {value:g} &nbsp;·&nbsp; last epoch: train {ylabel} {_fmt(lc.train[value][-1])}, "
            f"validation {ylabel} {_fmt(lc.val[value][-1])}"
        )

    control = _selection_slider(param_label, lc.keys, start)
    control.continuous_update = True
    # only the two curves, the marker and the title move: blit them over a background drawn once
    return Explorer(fig, update, {"value": control}, caption=caption, animated=[line_t, line_v, marker, ax_c.title])
