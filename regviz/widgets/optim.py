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
the plot). What is drawn is computed by :mod:`regviz.optim` (readings of the
curves, runs made drawable, the rate map's nearest cell); each run once per
control setting, then cached. A slider move only updates the existing artists.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from .._validation import validate_callable, validate_choice, validate_int, validate_limits, validate_real
from ..optim import OptimizerRun, RateMap, loss_curves, optimizer_run, path_in_view, rate_map
from ..plots import plot_contours, plot_curves, plot_path, plot_per_step, plot_rate_map
from ..plots._axes import OPTIMIZER_LINESTYLES as _DASHES
from ..plots._axes import OPTIMIZER_STYLES as CURVE_STYLES
from ._core import Explorer, float_slider, log_slider, new_figure

__all__ = ["loss_explorer", "lr_explorer", "momentum_explorer", "optimizer_explorer"]

_SLACK = 1e-9  # controls' values may miss a range's end by round-off


def _slider_range(value: Any, name: str, *, positive: bool = False, fraction: bool = False) -> tuple[float, float]:
    """A slider's ``(low, high)`` range (``validate_limits``, never None); ``low > 0`` or inside ``[0, 1)`` if asked."""
    limits = validate_limits(value, name)
    if limits is None:
        raise ValueError(f"{name} must be a (low, high) pair, got None")
    for i, end in enumerate(limits):
        if positive:
            validate_real(end, f"{name}[{i}]", low=0, low_open=True)
        if fraction:
            validate_real(end, f"{name}[{i}]", low=0, high=1, high_open=True)
    return limits


def _on_slider(value: Any, name: str, low: float, high: float, *, log: bool = False) -> float:
    """A control's value inside ``[low, high]``, give or take a slider's round-off (relative on a log slider)."""
    if log:
        return validate_real(value, name, low=low * (1 - _SLACK), high=high * (1 + _SLACK))
    return validate_real(value, name, low=low - _SLACK, high=high + _SLACK)


def _slider_start(
    limits: Any, start: Any, name: str, *, positive: bool = False, fraction: bool = False
) -> tuple[tuple[float, float], float]:
    """A slider's range ``<name>_range`` (see :func:`_slider_range`) and its initial value ``<name>``, inside it."""
    low, high = _slider_range(limits, f"{name}_range", positive=positive, fraction=fraction)
    return (low, high), validate_real(start, name, low=low, high=high)


def _optimizer_names(optimizers: Any, optimizer: Any, beta_label: Any) -> tuple[list[str], str]:
    """The drop-down's distinct non-empty names and the initial one (the first if None); ``beta_label`` checked too."""
    names = list(optimizers) if isinstance(optimizers, Sequence) and not isinstance(optimizers, str) else []
    if not names or not all(isinstance(n, str) and n for n in names) or len(set(names)) != len(names):
        raise ValueError(f"optimizers must be a sequence of distinct non-empty names, got {optimizers!r}")
    if not isinstance(beta_label, str) or not beta_label:
        raise ValueError(f"beta_label must be a non-empty string, got {beta_label!r}")
    return names, names[0] if optimizer is None else validate_choice(optimizer, "optimizer", names)


def _current_artists(ax: Any) -> tuple[Any, dict[str, Any]]:
    """The vertical line at the current prediction and each curve's marker, by label."""
    vline = next(a for a in ax.lines if a.get_gid() == "current")
    markers = {a.get_gid().split(":", 1)[1]: a for a in ax.lines if (a.get_gid() or "").startswith("marker:")}
    return vline, markers


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
        Each loss's derivative with respect to the prediction; the same labels as ``losses``.
    value : float or None, default=None
        Initial prediction, inside ``[x[0], x[-1]]``; the middle if None.
    xlabel, loss_ylabel, grad_ylabel : str
        Axis labels.

    Returns
    -------
    Explorer
        Display it; ``explorer.set(prediction=...)`` moves the slider.

    """
    curves = loss_curves(x, losses, gradients)
    low, high = float(curves.x[0]), float(curves.x[-1])
    value = (low + high) / 2 if value is None else validate_real(value, "value", low=low, high=high)

    fig, (ax_loss, ax_grad) = new_figure(ncols=2)
    plot_curves(losses, x=curves.x, current=value, linestyles=_DASHES, xlabel=xlabel, ylabel=loss_ylabel, ax=ax_loss)
    plot_curves(gradients, x=curves.x, current=value, linestyles=_DASHES, xlabel=xlabel, ylabel=grad_ylabel, ax=ax_grad)
    vline_loss, markers_loss = _current_artists(ax_loss)
    vline_grad, markers_grad = _current_artists(ax_grad)

    def update(prediction: float) -> None:
        for vline in (vline_loss, vline_grad):
            vline.set_xdata([prediction, prediction])
        for label, (loss, gradient) in curves.at(prediction).items():
            markers_loss[label].set_data([prediction], [loss])
            markers_grad[label].set_data([prediction], [gradient])

    def caption(prediction: float) -> str:
        parts = [f"{k}: loss {loss:.3g}, gradient {grad:.3g}" for k, (loss, grad) in curves.at(prediction).items()]
        return f"prediction = {prediction:.2f} &nbsp;·&nbsp; " + " &nbsp;·&nbsp; ".join(parts)

    control = float_slider("prediction", low, high, value, step=(high - low) / 200)
    moving = [vline_loss, vline_grad, *markers_loss.values(), *markers_grad.values()]
    return Explorer(fig, update, {"prediction": control}, caption=caption, animated=moving)


class _PathFigure:
    """Contours with one path (left) and its loss per step (right), updated in place."""

    def __init__(
        self,
        surface: tuple[Any, Any, Any],
        first: OptimizerRun,
        *,
        minimum: Any,
        xlabel: str,
        ylabel: str,
        loss_label: str,
        loss_ylim: tuple[float, float] | None,
        equal_aspect: bool,
    ) -> None:
        self.loss_label = loss_label
        self.fig, (self.ax_path, self.ax_loss) = new_figure(ncols=2, figsize=(9.6, 3.8))
        plot_contours(
            *surface, minimum=minimum, xlabel=xlabel, ylabel=ylabel, equal_aspect=equal_aspect, ax=self.ax_path
        )
        plot_path(first.path, label="path", ax=self.ax_path)
        plot_per_step({"loss": first.positive_losses}, logy=True, ylabel=loss_label, ax=self.ax_loss)
        self.ax_loss.get_legend().remove()
        self.path_line = next(a for a in self.ax_path.lines if a.get_gid() == "path:path")
        self.loss_line = next(a for a in self.ax_loss.lines if a.get_gid() == "series:loss")
        self.moving = [self.path_line, self.loss_line, self.ax_path.title]
        self.ax_loss.set_xlim(0, max(first.n_steps, 1))
        self.ax_loss.set_ylim(*(first.loss_ylim if loss_ylim is None else loss_ylim))

    def show(self, run: OptimizerRun, title: str, color: str | None = None) -> None:
        p = path_in_view(run.path, self.ax_path.get_xlim(), self.ax_path.get_ylim())
        self.path_line.set_data(p[:, 0], p[:, 1])
        self.loss_line.set_data(np.arange(run.losses.size), run.positive_losses)
        self.ax_path.set_title(title)
        for line in (self.path_line, self.loss_line) if color is not None else ():
            line.set_color(color)

    def caption(self, setting: str, run: OptimizerRun) -> str:
        final = f"final {self.loss_label} = {run.final_loss:.3g}"
        return f"{setting} &nbsp;·&nbsp; {run.n_steps} steps &nbsp;·&nbsp; {final}"


def _cached(run: Callable[..., Any]) -> Callable[..., OptimizerRun]:
    """``run`` called once per setting, its ``(path, losses)`` made drawable by :func:`regviz.optim.optimizer_run`."""
    cache: dict[tuple[Any, ...], OptimizerRun] = {}

    def call(*args: Any) -> OptimizerRun:
        key = tuple(round(a, 12) if isinstance(a, float) else a for a in args)
        if key not in cache:
            result = run(*args)
            if not isinstance(result, tuple) or len(result) != 2:
                raise ValueError("run must return a (path, losses) pair")
            try:
                cache[key] = optimizer_run(*result)
            except ValueError as exc:
                raise ValueError(f"run must return a drawable (path, losses) pair: {exc}") from exc
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
    w0, w1, loss, minimum, xlabel, ylabel, equal_aspect
        As :func:`regviz.plots.plot_contours` takes them (``loss`` of shape ``(len(w1), len(w0))``).
    run : callable
        ``run(lr)`` returning ``(path, losses)``: the iterates, shape ``(n_steps + 1, 2)``, and the loss at
        each, shape ``(n_steps + 1,)``. Called once per slider position, then cached.
    lr_range, lr : (float, float), float, default=(1e-3, 1.0), 0.1
        Range of the slider (``0 < low < high``) and initial learning rate, inside it.
    lr_limit : float or None, default=None
        The stability threshold ``2 / L``, if known (``> 0``); the title then compares the learning rate with it.
    loss_label, loss_ylim : str, (float, float) or None, default="loss", None
        Label of the loss panel (log scale) and its fixed limits (``0 < low < high``); by default from 1e-8
        to 1e3 times the starting loss, so that a diverging run leaves the top of the panel.
    steps_per_decade : int, default=20
        Slider positions per factor of ten.

    Returns
    -------
    Explorer
        Display it; ``explorer.set(lr=...)`` moves the slider.

    """
    validate_callable(run, "run")
    (low, high), lr = _slider_start(lr_range, lr, "lr", positive=True)
    lr_limit = None if lr_limit is None else validate_real(lr_limit, "lr_limit", low=0, low_open=True)
    loss_ylim = None if loss_ylim is None else _slider_range(loss_ylim, "loss_ylim", positive=True)
    runs = _cached(run)
    view = _PathFigure(
        (w0, w1, loss), runs(lr), minimum=minimum, xlabel=xlabel, ylabel=ylabel, loss_label=loss_label,
        loss_ylim=loss_ylim, equal_aspect=equal_aspect,
    )  # fmt: skip

    def update(lr: float) -> None:
        view.show(runs(lr), _lr_title(lr, lr_limit))

    def caption(lr: float) -> str:
        return view.caption(f"learning rate = {lr:.3g}", runs(lr))

    control = log_slider("learning rate", low, high, lr, steps_per_decade=steps_per_decade)
    return Explorer(view.fig, update, {"lr": control}, caption=caption, animated=view.moving)


def _lr_title(lr: float, lr_limit: float | None) -> str:
    """The path's title: the learning rate, and against ``2 / L`` whether gradient descent converges."""
    if lr_limit is None:
        return f"learning rate η = {lr:.3g}"
    side = "<" if lr < lr_limit else ">"
    verdict = "converges" if lr < lr_limit else "diverges"
    return f"η = {lr:.3g} {side} 2/L = {lr_limit:.3g}: {verdict}"


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
    w0, w1, loss, minimum, xlabel, ylabel, loss_label, loss_ylim, equal_aspect
        As :func:`lr_explorer` takes them.
    run : callable
        ``run(optimizer, lr, beta)`` returning ``(path, losses)`` as in :func:`lr_explorer`; ``beta`` is the
        momentum coefficient, RMSprop's smoothing constant or Adam's β₁, as the caller decides.
    optimizers, optimizer : sequence of str, str or None, default=("SGD", "momentum", "RMSprop", "Adam"), None
        Names offered in the drop-down (at least one, no repeats); the initial one (the first if None).
    lr_range, lr : (float, float), float, default=(1e-3, 1.0), 0.05
        Range (log scale, ``0 < low < high``) and initial value of the learning rate.
    beta_range, beta, beta_label : (float, float), float, str, default=(0.0, 0.99), 0.9, "β"
        Range (inside ``[0, 1)``), initial value and name of β (on its slider and in the title, e.g. ``"decay"``).

    Returns
    -------
    Explorer
        ``explorer.set(optimizer=..., lr=..., beta=...)`` moves the controls; a name not in ``optimizers`` (``None``
        too) or a value outside its range raises ``ValueError``, here or in ``set``.

    """
    validate_callable(run, "run")
    settings = _OptimizerSettings.checked(optimizers, optimizer, lr_range, lr, beta_range, beta, beta_label, loss_ylim)
    runs = _cached(run)
    view = _PathFigure(
        (w0, w1, loss), runs(*settings.start), minimum=minimum, xlabel=xlabel, ylabel=ylabel,
        loss_label=loss_label, loss_ylim=settings.loss_ylim, equal_aspect=equal_aspect,
    )  # fmt: skip

    def update(optimizer: str, lr: float, beta: float) -> None:
        optimizer, lr, beta = settings.check(optimizer, lr, beta)
        view.show(runs(optimizer, lr, beta), settings.title(optimizer, lr, beta), settings.colors[optimizer])

    def caption(optimizer: str, lr: float, beta: float) -> str:
        optimizer, lr, beta = settings.check(optimizer, lr, beta)
        return view.caption(optimizer, runs(optimizer, lr, beta))

    return Explorer(view.fig, update, settings.controls(), caption=caption, animated=view.moving)


@dataclass(frozen=True)
class _OptimizerSettings:
    """The optimizer explorer's checked controls: names and colours, the two ranges, the initial setting; loss_ylim."""

    names: list[str]
    colors: dict[str, str]
    lr_range: tuple[float, float]
    beta_range: tuple[float, float]
    beta_label: str
    start: tuple[str, float, float]
    loss_ylim: tuple[float, float] | None

    @classmethod
    def checked(
        cls,
        optimizers: Any,
        optimizer: Any,
        lr_range: Any,
        lr: Any,
        beta_range: Any,
        beta: Any,
        beta_label: Any,
        loss_ylim: Any,
    ) -> _OptimizerSettings:
        """Check :func:`optimizer_explorer`'s arguments of these names, in this order."""
        names, optimizer = _optimizer_names(optimizers, optimizer, beta_label)
        lr_range, lr = _slider_start(lr_range, lr, "lr", positive=True)
        beta_range, beta = _slider_start(beta_range, beta, "beta", fraction=True)
        loss_ylim = None if loss_ylim is None else _slider_range(loss_ylim, "loss_ylim", positive=True)
        colors = {name: CURVE_STYLES[i % len(CURVE_STYLES)][0] for i, name in enumerate(names)}
        return cls(names, colors, lr_range, beta_range, beta_label, (optimizer, lr, beta), loss_ylim)

    def check(self, optimizer: Any, lr: Any, beta: Any) -> tuple[str, float, float]:
        """The controls' values, validated (a None from the drop-down must not reach ``run``)."""
        optimizer = validate_choice(optimizer, "optimizer", self.names)
        lr = _on_slider(lr, "lr", *self.lr_range, log=True)
        return optimizer, lr, _on_slider(beta, "beta", *self.beta_range)

    def title(self, optimizer: str, lr: float, beta: float) -> str:
        return f"{optimizer}: η = {lr:.3g}, {self.beta_label} = {beta:.2f}"

    def controls(self) -> dict[str, Any]:
        import ipywidgets as w

        optimizer, lr, beta = self.start
        return {
            "optimizer": w.Dropdown(options=self.names, value=optimizer, description="optimizer"),
            "lr": log_slider("learning rate", *self.lr_range, lr, steps_per_decade=20),
            "beta": float_slider(self.beta_label, *self.beta_range, beta, step=0.01, readout_format=".2f"),
        }


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

    Left: the contours with the path from ``run``. Right: the rate map, a marker at the sliders' values. The
    caption gives the rate of the nearest grid cell and the loss at the end of the path.

    Parameters
    ----------
    w0, w1, loss, minimum, xlabel, ylabel, equal_aspect
        As :func:`lr_explorer` takes them.
    run : callable
        ``run(lr, momentum)`` returning ``(path, losses)`` as in :func:`lr_explorer`; cached per setting.
    lr_values, momentum_values, rate : array-like
        The rate map (:func:`regviz.plots.plot_rate_map`); the sliders span ``lr_values`` (log) and ``momentum_values``.
    lr, momentum, best : float, float, (float, float) or None, default=0.01, 0.5, None
        Initial values, inside those ranges; the fastest ``(lr, momentum)``, if given, a black star on the map.
    lr_steps_per_decade, momentum_step : int, float, default=8, 0.05
        Positions of the learning-rate slider per factor of ten, in ``[1, 50]``; step of the momentum slider.

    Returns
    -------
    Explorer
        Display it; ``explorer.set(lr=..., momentum=...)`` moves the sliders (``ValueError`` outside their ranges).

    """
    validate_callable(run, "run")
    rates = rate_map(lr_values, momentum_values, rate)
    sliders = _MomentumSliders.checked(rates, lr, momentum, lr_steps_per_decade, momentum_step)
    runs = _cached(run)
    fig, (ax_path, ax_rate) = new_figure(ncols=2, figsize=(10.4, 4.0))
    plot_contours(w0, w1, loss, minimum=minimum, xlabel=xlabel, ylabel=ylabel, equal_aspect=equal_aspect, ax=ax_path)
    path_line, marker = _draw_momentum(ax_path, ax_rate, runs(*sliders.start), rates, current=sliders.start, best=best)

    def update(lr: float, momentum: float) -> None:
        lr, momentum = sliders.check(lr, momentum)
        _show_momentum(ax_path, path_line, marker, runs(lr, momentum), lr, momentum)

    def caption(lr: float, momentum: float) -> str:
        lr, momentum = sliders.check(lr, momentum)
        return _momentum_caption(lr, momentum, runs(lr, momentum), rates.nearest(lr, momentum))

    return Explorer(fig, update, sliders.controls(), caption=caption, animated=[path_line, marker, ax_path.title])


@dataclass(frozen=True)
class _MomentumSliders:
    """The momentum explorer's two sliders: the ranges of the rate map they span, initial values, steps."""

    lr_range: tuple[float, float]
    momentum_range: tuple[float, float]
    start: tuple[float, float]
    lr_steps_per_decade: int
    momentum_step: float

    @classmethod
    def checked(
        cls, rates: RateMap, lr: Any, momentum: Any, lr_steps_per_decade: Any, momentum_step: Any
    ) -> _MomentumSliders:
        """Check :func:`momentum_explorer`'s arguments of these names against the map ``rates``."""
        lr_low, lr_high = float(rates.lr_values[0]), float(rates.lr_values[-1])
        m_low, m_high = float(rates.momentum_values[0]), float(rates.momentum_values[-1])
        lr = validate_real(lr, "lr", low=lr_low, high=lr_high)
        momentum = validate_real(momentum, "momentum", low=m_low, high=m_high)
        lr_steps_per_decade = validate_int(lr_steps_per_decade, "lr_steps_per_decade", low=1, high=50)
        momentum_step = validate_real(momentum_step, "momentum_step", low=0, low_open=True, high=m_high - m_low)
        return cls((lr_low, lr_high), (m_low, m_high), (lr, momentum), lr_steps_per_decade, momentum_step)

    def check(self, lr: Any, momentum: Any) -> tuple[float, float]:
        """The sliders' values, validated."""
        lr = _on_slider(lr, "lr", *self.lr_range, log=True)
        return lr, _on_slider(momentum, "momentum", *self.momentum_range)

    def controls(self) -> dict[str, Any]:
        """The two sliders, at their initial values."""
        lr, momentum = self.start
        m_low, m_high = self.momentum_range
        step = self.momentum_step
        return {
            "lr": log_slider("learning rate η", *self.lr_range, lr, steps_per_decade=self.lr_steps_per_decade),
            "momentum": float_slider("momentum γ", m_low, m_high, momentum, step=step, readout_format=".2f"),
        }


def _show_momentum(ax_path: Any, path_line: Any, marker: Any, result: OptimizerRun, lr: float, momentum: float) -> None:
    """Move the path (clipped to the view), the marker on the rate map and the title to ``(lr, momentum)``."""
    p = path_in_view(result.path, ax_path.get_xlim(), ax_path.get_ylim())
    path_line.set_data(p[:, 0], p[:, 1])
    marker.set_data([lr], [momentum])
    ax_path.set_title(f"momentum: η = {lr:.3g}, γ = {momentum:.2f}")


def _draw_momentum(
    ax_path: Any, ax_rate: Any, first: OptimizerRun, rates: RateMap, *, current: tuple[float, float], best: Any
) -> tuple[Any, Any]:
    """The first path over the contours, the rate map with the current point; the path's line and the marker."""
    plot_path(first.path, label="path", ax=ax_path)
    plot_rate_map(rates.lr_values, rates.momentum_values, rates.rate, current=current, best=best, ax=ax_rate)
    ax_rate.set_title("rate of convergence ρ (smaller is faster)")
    path_line = next(a for a in ax_path.lines if a.get_gid() == "path:path")
    marker = next(a for a in ax_rate.lines if a.get_gid() == "current")
    return path_line, marker


def _momentum_caption(lr: float, momentum: float, result: OptimizerRun, rho: float) -> str:
    verdict = "does not converge" if rho >= 1 else f"error × {rho:.3f} per step"
    final = "overflowed" if not np.isfinite(result.losses[-1]) else f"{result.losses[-1]:.3g}"
    return (
        f"η = {lr:.3g}, γ = {momentum:.2f} &nbsp;·&nbsp; map: {verdict} &nbsp;·&nbsp; "
        f"loss after {result.n_steps} steps: {final}"
    )
