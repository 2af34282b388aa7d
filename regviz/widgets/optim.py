"""Explorers for notebooks 01–03: losses, gradient descent and optimizers.

* :func:`loss_explorer` — slide a prediction; see each loss and its gradient.
* :func:`lr_explorer` — slide a learning rate (log scale); see the path of
  gradient descent on the loss contours and the loss per step.
* :func:`optimizer_explorer` — pick an optimizer, a learning rate and β; see
  its path on one contour plot and its loss per step.
* :func:`momentum_explorer` — slide the learning rate and the momentum
  coefficient; see the path on the contours and where the pair sits on a map
  of the rate of convergence.

The mathematics stays with the caller: curves come precomputed, and a path
comes from the caller's ``run`` function (so a student's own optimizer drives
the plot). Each path is computed once per control setting and cached; a
slider move only updates the existing artists.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray

from .._validation import check_array, check_choice, check_int, check_real
from ..plots.optim import (
    _style,
    _until_it_leaves,
    plot_contours,
    plot_loss_curves,
    plot_path,
    plot_per_step,
    plot_rate_map,
)
from ._core import Explorer, float_slider, log_slider, new_figure

__all__ = ["loss_explorer", "lr_explorer", "momentum_explorer", "optimizer_explorer"]

_DISPLAY_LIMIT = 1e6
_SLACK = 1e-9  # controls' values may miss a range's end by round-off


def _check_pair(value: Any, name: str, *, positive: bool = False) -> tuple[float, float]:
    if not isinstance(value, tuple | list) or len(value) != 2:
        raise ValueError(f"{name} must be a (low, high) pair, got {value!r}")
    low = check_real(value[0], f"{name}[0]", low=0 if positive else None, low_open=positive)
    high = check_real(value[1], f"{name}[1]", low=0 if positive else None, low_open=positive)
    if not low < high:
        raise ValueError(f"{name} must satisfy low < high, got {value!r}")
    return low, high


def loss_explorer(
    x: Any,
    losses: Mapping[str, Any],
    gradients: Mapping[str, Any],
    *,
    value: float | None = None,
    xlabel: str = r"logit $z$",
    loss_ylabel: str = "loss",
    grad_ylabel: str = r"gradient $\partial L / \partial z$",
) -> Explorer:
    """Slide a prediction; see each loss (left) and its gradient (right) at that point.

    Parameters
    ----------
    x : array-like of shape (n_points,)
        Predictions at which the curves were computed, strictly increasing.
    losses : mapping of str to array-like of shape (n_points,)
        Each loss at each prediction.
    gradients : mapping of str to array-like of shape (n_points,)
        Each loss's derivative with respect to the prediction; the same labels
        as ``losses``.
    value : float or None, default=None
        Initial prediction, inside ``[x[0], x[-1]]``; the middle if None.
    xlabel, loss_ylabel, grad_ylabel : str
        Axis labels.

    Returns
    -------
    Explorer
        Display it; ``explorer.set(prediction=...)`` moves the slider.

    """
    x_arr = check_array(x, "x", ndim=1, min_samples=2)
    if not isinstance(losses, Mapping) or not isinstance(gradients, Mapping) or list(losses) != list(gradients):
        raise ValueError("losses and gradients must be mappings with the same labels in the same order")
    low, high = float(x_arr[0]), float(x_arr[-1])
    value = (low + high) / 2 if value is None else check_real(value, "value", low=low, high=high)

    fig, (ax_loss, ax_grad) = new_figure(ncols=2)
    plot_loss_curves(x_arr, losses, current=value, xlabel=xlabel, ylabel=loss_ylabel, ax=ax_loss)
    plot_loss_curves(x_arr, gradients, current=value, xlabel=xlabel, ylabel=grad_ylabel, ax=ax_grad)
    loss_values = {k: np.asarray(v, dtype=float) for k, v in losses.items()}
    grad_values = {k: np.asarray(v, dtype=float) for k, v in gradients.items()}

    def artists(ax: Any) -> tuple[Any, dict[str, Any]]:
        vline = next(a for a in ax.lines if a.get_gid() == "current")
        markers = {a.get_gid().split(":", 1)[1]: a for a in ax.lines if (a.get_gid() or "").startswith("marker:")}
        return vline, markers

    vline_loss, markers_loss = artists(ax_loss)
    vline_grad, markers_grad = artists(ax_grad)

    def update(prediction: float) -> None:
        for vline in (vline_loss, vline_grad):
            vline.set_xdata([prediction, prediction])
        for label, curve in loss_values.items():
            markers_loss[label].set_data([prediction], [np.interp(prediction, x_arr, curve)])
        for label, curve in grad_values.items():
            markers_grad[label].set_data([prediction], [np.interp(prediction, x_arr, curve)])

    def caption(prediction: float) -> str:
        parts = [
            f"{label}: loss {np.interp(prediction, x_arr, loss_values[label]):.3g}, "
            f"gradient {np.interp(prediction, x_arr, grad_values[label]):.3g}"
            for label in loss_values
        ]
        return f"prediction = {prediction:.2f} &nbsp;·&nbsp; " + " &nbsp;·&nbsp; ".join(parts)

    control = float_slider("prediction", low, high, value, step=(high - low) / 200)
    moving = [vline_loss, vline_grad, *markers_loss.values(), *markers_grad.values()]
    return Explorer(fig, update, {"prediction": control}, caption=caption, animated=moving)


def _display_path(path: Any) -> NDArray[np.float64]:
    p = np.array(path, dtype=float)
    if p.ndim != 2 or p.shape[1] != 2:
        raise ValueError(f"run must return a path of shape (n_steps + 1, 2), got {p.shape}")
    p[~np.isfinite(p).all(axis=1)] = np.nan
    return np.clip(p, -_DISPLAY_LIMIT, _DISPLAY_LIMIT)


def _display_losses(losses: Any) -> NDArray[np.float64]:
    values = np.array(losses, dtype=float)
    if values.ndim != 1:
        raise ValueError(f"run must return losses of shape (n_steps + 1,), got {values.shape}")
    values[~np.isfinite(values) | (values > 1e300)] = np.nan
    return values


class _PathFigure:
    """Contours with one path (left) and its loss per step (right), updated in place."""

    def __init__(
        self,
        w0: Any,
        w1: Any,
        loss: Any,
        first: tuple[Any, Any],
        *,
        minimum: Any,
        xlabel: str,
        ylabel: str,
        loss_label: str,
        loss_ylim: tuple[float, float] | None,
        equal_aspect: bool,
    ) -> None:
        path, losses = _display_path(first[0]), _display_losses(first[1])
        self.fig, (self.ax_path, self.ax_loss) = new_figure(ncols=2, figsize=(9.6, 3.8))
        plot_contours(
            w0, w1, loss, minimum=minimum, xlabel=xlabel, ylabel=ylabel, equal_aspect=equal_aspect, ax=self.ax_path
        )
        plot_path(path, label="path", ax=self.ax_path)
        plot_per_step({"loss": np.where(losses > 0, losses, np.nan)}, logy=True, ylabel=loss_label, ax=self.ax_loss)
        self.ax_loss.get_legend().remove()
        self.path_line = next(a for a in self.ax_path.lines if a.get_gid() == "path:path")
        self.loss_line = next(a for a in self.ax_loss.lines if a.get_gid() == "series:loss")
        self.moving = [self.path_line, self.loss_line, self.ax_path.title]
        n = len(losses)
        self.ax_loss.set_xlim(0, max(n - 1, 1))
        if loss_ylim is None:
            top = float(np.nanmax(losses[:1])) if np.isfinite(losses[0]) and losses[0] > 0 else 1.0
            loss_ylim = (top * 1e-8, top * 1e3)
        self.ax_loss.set_ylim(*loss_ylim)

    def show(self, path: Any, losses: Any, title: str) -> None:
        p = _until_it_leaves(_display_path(path), self.ax_path.get_xlim(), self.ax_path.get_ylim())
        values = _display_losses(losses)
        self.path_line.set_data(p[:, 0], p[:, 1])
        self.loss_line.set_data(np.arange(values.size), np.where(values > 0, values, np.nan))
        self.ax_path.set_title(title)


def _cached(run: Callable[..., Any]) -> Callable[..., tuple[Any, Any]]:
    cache: dict[tuple[Any, ...], tuple[Any, Any]] = {}

    def call(*args: Any) -> tuple[Any, Any]:
        key = tuple(round(a, 12) if isinstance(a, float) else a for a in args)
        if key not in cache:
            result = run(*args)
            if not isinstance(result, tuple) or len(result) != 2:
                raise ValueError("run must return a (path, losses) pair")
            cache[key] = result
        return cache[key]

    return call


def lr_explorer(
    w0: Any,
    w1: Any,
    loss: Any,
    run: Callable[[float], tuple[Any, Any]],
    *,
    lr_range: tuple[float, float] = (1e-3, 1.0),
    lr: float = 0.1,
    lr_limit: float | None = None,
    minimum: Any = None,
    xlabel: str = r"$w_0$",
    ylabel: str = r"$w_1$",
    loss_label: str = "loss",
    loss_ylim: tuple[float, float] | None = None,
    steps_per_decade: int = 20,
    equal_aspect: bool = False,
) -> Explorer:
    """Slide the learning rate (log scale); see gradient descent's path and loss per step.

    Parameters
    ----------
    w0, w1, loss : array-like
        The loss surface, as :func:`regviz.plots.plot_contours` takes it
        (``loss`` of shape ``(len(w1), len(w0))``).
    run : callable
        ``run(lr)`` returning ``(path, losses)``: the iterates, shape
        ``(n_steps + 1, 2)``, and the loss at each, shape ``(n_steps + 1,)``.
        Called once per slider position, then cached.
    lr_range : (float, float), default=(1e-3, 1.0)
        Range of the slider, ``0 < low < high``.
    lr : float, default=0.1
        Initial learning rate, inside ``lr_range``.
    lr_limit : float or None, default=None
        The stability threshold ``2 / L``, if known; the title then compares
        the learning rate with it.
    minimum : array-like of shape (2,) or None, default=None
        Where the minimum is (a black star).
    xlabel, ylabel, loss_label : str
        Axis labels of the contour plot and of the loss panel (log scale).
    loss_ylim : (float, float) or None, default=None
        Fixed limits of the loss axis; by default from 1e-8 to 1e3 times the
        starting loss, so that a diverging run leaves the top of the panel.
    steps_per_decade : int, default=20
        Slider positions per factor of ten.
    equal_aspect : bool, default=False
        Same scale on both parameter axes.

    Returns
    -------
    Explorer
        Display it; ``explorer.set(lr=...)`` moves the slider.

    """
    if not callable(run):
        raise ValueError("run must be callable as run(lr) -> (path, losses)")
    low, high = _check_pair(lr_range, "lr_range", positive=True)
    lr = check_real(lr, "lr", low=low, high=high)
    if lr_limit is not None:
        lr_limit = check_real(lr_limit, "lr_limit", low=0, low_open=True)
    if loss_ylim is not None:
        loss_ylim = _check_pair(loss_ylim, "loss_ylim", positive=True)
    cached = _cached(run)
    view = _PathFigure(
        w0,
        w1,
        loss,
        cached(lr),
        minimum=minimum,
        xlabel=xlabel,
        ylabel=ylabel,
        loss_label=loss_label,
        loss_ylim=loss_ylim,
        equal_aspect=equal_aspect,
    )

    def title(lr: float) -> str:
        if lr_limit is None:
            return f"learning rate η = {lr:.3g}"
        side = "<" if lr < lr_limit else ">"
        verdict = "converges" if lr < lr_limit else "diverges"
        return f"η = {lr:.3g} {side} 2/L = {lr_limit:.3g}: {verdict}"

    def update(lr: float) -> None:
        path, losses = cached(lr)
        view.show(path, losses, title(lr))

    def caption(lr: float) -> str:
        _, losses = cached(lr)
        final = float(np.asarray(losses, dtype=float)[-1])
        return f"learning rate = {lr:.3g} &nbsp;·&nbsp; {len(losses) - 1} steps &nbsp;·&nbsp; final {loss_label} = {final:.3g}"

    control = log_slider("learning rate", low, high, lr, steps_per_decade=steps_per_decade)
    return Explorer(view.fig, update, {"lr": control}, caption=caption, animated=view.moving)


def optimizer_explorer(
    w0: Any,
    w1: Any,
    loss: Any,
    run: Callable[[str, float, float], tuple[Any, Any]],
    *,
    optimizers: Sequence[str] = ("SGD", "momentum", "RMSprop", "Adam"),
    optimizer: str | None = None,
    lr_range: tuple[float, float] = (1e-3, 1.0),
    lr: float = 0.05,
    beta_range: tuple[float, float] = (0.0, 0.99),
    beta: float = 0.9,
    beta_label: str = "β",
    minimum: Any = None,
    xlabel: str = r"$w_0$",
    ylabel: str = r"$w_1$",
    loss_label: str = "loss",
    loss_ylim: tuple[float, float] | None = None,
    equal_aspect: bool = False,
) -> Explorer:
    """Pick an optimizer, a learning rate and β; see its path on the contours and its loss.

    Parameters
    ----------
    w0, w1, loss : array-like
        The loss surface, as :func:`regviz.plots.plot_contours` takes it.
    run : callable
        ``run(optimizer, lr, beta)`` returning ``(path, losses)`` as in
        :func:`lr_explorer`. ``beta`` is the momentum coefficient, RMSprop's
        smoothing constant or Adam's β₁, as the caller decides. Cached per
        setting.
    optimizers : sequence of str, default=("SGD", "momentum", "RMSprop", "Adam")
        Names offered in the drop-down (at least one, no repeats).
    optimizer : str or None, default=None
        Initial choice; the first name if None.
    lr_range : (float, float), default=(1e-3, 1.0)
        Range of the learning-rate slider (log scale), ``0 < low < high``.
    lr : float, default=0.05
        Initial learning rate.
    beta_range : (float, float), default=(0.0, 0.99)
        Range of the β slider, inside ``[0, 1)``.
    beta : float, default=0.9
        Initial β.
    beta_label : str, default="β"
        Name of β on its slider and in the title (e.g. ``"decay"`` where β means something else).
    minimum : array-like of shape (2,) or None, default=None
        Where the minimum is (a black star).
    xlabel, ylabel, loss_label : str
        Axis labels.
    loss_ylim : (float, float) or None, default=None
        Fixed limits of the loss axis (log scale).
    equal_aspect : bool, default=False
        Same scale on both parameter axes.

    Returns
    -------
    Explorer
        Display it; ``explorer.set(optimizer=..., lr=..., beta=...)`` moves the controls.

    Raises
    ------
    ValueError
        For an optimizer name that is not one of ``optimizers`` (``None`` included), at construction or
        when a control is set to one; also for ``lr`` or ``beta`` outside their ranges.

    """
    import ipywidgets as w

    if not callable(run):
        raise ValueError("run must be callable as run(optimizer, lr, beta) -> (path, losses)")
    names = list(optimizers) if isinstance(optimizers, Sequence) and not isinstance(optimizers, str) else []
    if not names or not all(isinstance(n, str) and n for n in names) or len(set(names)) != len(names):
        raise ValueError(f"optimizers must be a sequence of distinct non-empty names, got {optimizers!r}")
    optimizer = names[0] if optimizer is None else check_choice(optimizer, "optimizer", names)
    low, high = _check_pair(lr_range, "lr_range", positive=True)
    lr = check_real(lr, "lr", low=low, high=high)
    b_low, b_high = _check_pair(beta_range, "beta_range")
    check_real(b_low, "beta_range[0]", low=0, high=1, high_open=True)
    check_real(b_high, "beta_range[1]", low=0, high=1, high_open=True)
    beta = check_real(beta, "beta", low=b_low, high=b_high)
    if not isinstance(beta_label, str) or not beta_label:
        raise ValueError(f"beta_label must be a non-empty string, got {beta_label!r}")
    if loss_ylim is not None:
        loss_ylim = _check_pair(loss_ylim, "loss_ylim", positive=True)
    cached = _cached(run)
    view = _PathFigure(
        w0,
        w1,
        loss,
        cached(optimizer, lr, beta),
        minimum=minimum,
        xlabel=xlabel,
        ylabel=ylabel,
        loss_label=loss_label,
        loss_ylim=loss_ylim,
        equal_aspect=equal_aspect,
    )
    colors = {name: _style(i)[0] for i, name in enumerate(names)}

    def checked(optimizer: Any, lr: Any, beta: Any) -> tuple[str, float, float]:
        # the controls' values are validated here too: a None from the drop-down must not reach `run`
        return (
            check_choice(optimizer, "optimizer", names),
            check_real(lr, "lr", low=low * (1 - _SLACK), high=high * (1 + _SLACK)),  # a log slider's rounding
            check_real(beta, "beta", low=b_low - _SLACK, high=b_high + _SLACK),
        )

    def update(optimizer: str, lr: float, beta: float) -> None:
        optimizer, lr, beta = checked(optimizer, lr, beta)
        path, losses = cached(optimizer, lr, beta)
        view.show(path, losses, f"{optimizer}: η = {lr:.3g}, {beta_label} = {beta:.2f}")
        for line in (view.path_line, view.loss_line):
            line.set_color(colors[optimizer])

    def caption(optimizer: str, lr: float, beta: float) -> str:
        optimizer, lr, beta = checked(optimizer, lr, beta)
        _, losses = cached(optimizer, lr, beta)
        final = float(np.asarray(losses, dtype=float)[-1])
        return f"{optimizer} &nbsp;·&nbsp; {len(losses) - 1} steps &nbsp;·&nbsp; final {loss_label} = {final:.3g}"

    controls = {
        "optimizer": w.Dropdown(options=names, value=optimizer, description="optimizer"),
        "lr": log_slider("learning rate", low, high, lr, steps_per_decade=20),
        "beta": float_slider(beta_label, b_low, b_high, beta, step=0.01, readout_format=".2f"),
    }
    return Explorer(view.fig, update, controls, caption=caption, animated=view.moving)


def momentum_explorer(
    w0: Any,
    w1: Any,
    loss: Any,
    run: Callable[[float, float], tuple[Any, Any]],
    lr_values: Any,
    momentum_values: Any,
    rate: Any,
    *,
    lr: float = 0.01,
    momentum: float = 0.5,
    best: tuple[float, float] | None = None,
    minimum: Any = None,
    xlabel: str = r"$w_0$",
    ylabel: str = r"$w_1$",
    equal_aspect: bool = False,
    lr_steps_per_decade: int = 8,
    momentum_step: float = 0.05,
) -> Explorer:
    r"""Slide the learning rate and the momentum coefficient; see the path and where the pair sits on a rate map.

    Left: the loss contours with the path of momentum from the caller's ``run``. Right: the precomputed
    rate of convergence over a grid of ``(lr, momentum)`` (:func:`regviz.plots.plot_rate_map`) with an
    orange marker at the sliders' values. The caption gives the rate of the nearest grid cell and the
    loss at the end of the path.

    Parameters
    ----------
    w0, w1, loss : array-like
        The loss surface, as :func:`regviz.plots.plot_contours` takes it.
    run : callable
        ``run(lr, momentum)`` returning ``(path, losses)``: the iterates, shape ``(n_steps + 1, 2)``, and the
        loss at each, shape ``(n_steps + 1,)``. Called once per slider position, then cached.
    lr_values, momentum_values, rate : array-like
        The rate map, as :func:`regviz.plots.plot_rate_map` takes it; the sliders span the ranges of
        ``lr_values`` (log scale) and ``momentum_values``.
    lr : float, default=0.01
        Initial learning rate, inside the range of ``lr_values``.
    momentum : float, default=0.5
        Initial momentum coefficient, inside the range of ``momentum_values``.
    best : (float, float) or None, default=None
        The fastest ``(lr, momentum)``, marked with a black star on the map.
    minimum : array-like of shape (2,) or None, default=None
        Where the minimum of the loss is (a black star on the contours).
    xlabel, ylabel : str
        Axis labels of the contour plot.
    equal_aspect : bool, default=False
        Same scale on both parameter axes of the contour plot.
    lr_steps_per_decade : int, default=8
        Positions of the learning-rate slider per factor of ten, in ``[1, 50]``.
    momentum_step : float, default=0.05
        Step of the momentum slider, ``> 0``.

    Returns
    -------
    Explorer
        Display it; ``explorer.set(lr=..., momentum=...)`` moves the sliders.

    Raises
    ------
    ValueError
        For a value outside the ranges above, at construction or when a slider is set to one.

    """
    if not callable(run):
        raise ValueError("run must be callable as run(lr, momentum) -> (path, losses)")
    lr_grid = check_array(lr_values, "lr_values", ndim=1, min_samples=2)
    momentum_grid = check_array(momentum_values, "momentum_values", ndim=1, min_samples=2)
    rate_grid = check_array(rate, "rate", ndim=2)
    lr_low, lr_high = float(lr_grid[0]), float(lr_grid[-1])
    m_low, m_high = float(momentum_grid[0]), float(momentum_grid[-1])
    lr = check_real(lr, "lr", low=lr_low, high=lr_high)
    momentum = check_real(momentum, "momentum", low=m_low, high=m_high)
    lr_steps_per_decade = check_int(lr_steps_per_decade, "lr_steps_per_decade", low=1, high=50)
    momentum_step = check_real(momentum_step, "momentum_step", low=0, low_open=True, high=m_high - m_low)
    cached = _cached(run)

    fig, (ax_path, ax_rate) = new_figure(ncols=2, figsize=(10.4, 4.0))
    first_path, _ = cached(lr, momentum)
    plot_contours(w0, w1, loss, minimum=minimum, xlabel=xlabel, ylabel=ylabel, equal_aspect=equal_aspect, ax=ax_path)
    plot_path(_display_path(first_path), label="path", ax=ax_path)
    plot_rate_map(lr_grid, momentum_grid, rate_grid, current=(lr, momentum), best=best, ax=ax_rate)
    ax_rate.set_title("rate of convergence ρ (smaller is faster)")
    path_line = next(a for a in ax_path.lines if a.get_gid() == "path:path")
    marker = next(a for a in ax_rate.lines if a.get_gid() == "current")

    def checked(lr: Any, momentum: Any) -> tuple[float, float]:
        return (
            check_real(lr, "lr", low=lr_low * (1 - _SLACK), high=lr_high * (1 + _SLACK)),
            check_real(momentum, "momentum", low=m_low - _SLACK, high=m_high + _SLACK),
        )

    def nearest_rate(lr: float, momentum: float) -> float:
        j = int(np.argmin(np.abs(np.log(lr_grid) - np.log(lr))))
        i = int(np.argmin(np.abs(momentum_grid - momentum)))
        return float(rate_grid[i, j])

    def update(lr: float, momentum: float) -> None:
        lr, momentum = checked(lr, momentum)
        path, _ = cached(lr, momentum)
        p = _until_it_leaves(_display_path(path), ax_path.get_xlim(), ax_path.get_ylim())
        path_line.set_data(p[:, 0], p[:, 1])
        marker.set_data([lr], [momentum])
        ax_path.set_title(f"momentum: η = {lr:.3g}, γ = {momentum:.2f}")

    def caption(lr: float, momentum: float) -> str:
        lr, momentum = checked(lr, momentum)
        _, losses = cached(lr, momentum)
        values = _display_losses(losses)
        rho = nearest_rate(lr, momentum)
        verdict = "does not converge" if rho >= 1 else f"error × {rho:.3f} per step"
        final = "overflowed" if not np.isfinite(values[-1]) else f"{values[-1]:.3g}"
        return (
            f"η = {lr:.3g}, γ = {momentum:.2f} &nbsp;·&nbsp; map: {verdict} &nbsp;·&nbsp; "
            f"loss after {len(values) - 1} steps: {final}"
        )

    controls = {
        "lr": log_slider("learning rate η", lr_low, lr_high, lr, steps_per_decade=lr_steps_per_decade),
        "momentum": float_slider("momentum γ", m_low, m_high, momentum, step=momentum_step, readout_format=".2f"),
    }
    return Explorer(fig, update, controls, caption=caption, animated=[path_line, marker, ax_path.title])
