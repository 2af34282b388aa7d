"""Sliders that retrain a small network live on a 2-D problem, and a learning-curve browser.

* :func:`fit_tiny_mlp` — a 2-layer ReLU network for two classes, trained
  full batch with SGD and momentum in NumPy, with an L2 penalty on its weights
  (``weight_decay``) and inverted dropout on its hidden layers (``dropout``).
  Seeded: the same arguments give the same network, whatever was trained before.
* :func:`weight_decay_explorer` — a λ slider: the decision boundary and the
  histogram of the weights for each ``weight_decay``.
* :func:`dropout_explorer` — a dropout-rate slider: the decision boundary.
* :func:`learning_curve_explorer` — browse learning curves computed once
  (e.g. MNIST for a grid of dropout rates) next to the final train and
  validation accuracies against the rate.

Why NumPy rather than PyTorch for the live slider: on networks this small
PyTorch spends its time in per-operation overhead (autograd, dispatch,
thread hand-offs), and NumPy trains the same network with the same
arithmetic several times faster on a laptop CPU. A unit test checks the
NumPy loop against ``torch.optim.SGD`` step for step.

Each slider value is trained from the same seeded initialisation (never
warm-started from the previous value), and the result is cached: a value
always gives the same boundary, whatever the slider's history, and moving
back to it costs only a redraw.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from .._validation import check_array, check_choice, check_int, check_real, check_same_length, check_seed
from ..plots.boundaries import (
    BoundaryGrid,
    _draw_boundary_contour,
    boundary_grid,
    plot_decision_boundary,
    plot_weight_histogram,
)
from ..style import COLORS, LINESTYLES
from ._core import Explorer, new_figure

__all__ = [
    "TinyMLP",
    "dropout_explorer",
    "fit_tiny_mlp",
    "learning_curve_explorer",
    "weight_decay_explorer",
]


# --------------------------------------------------------------------------- the tiny network


def _sigmoid(z: NDArray[np.float64]) -> NDArray[np.float64]:
    return 0.5 * (1.0 + np.tanh(0.5 * z))  # no overflow for any z


@dataclass(frozen=True)
class TinyMLP:
    """A trained ReLU network with one output logit (class 1 against class 0).

    Attributes
    ----------
    weights : tuple of ndarray
        Weight matrices, ``weights[l]`` of shape (n_in, n_out) (inputs times
        weights, as in ``X @ W``).
    biases : tuple of ndarray
        Bias vectors, one per layer.
    weight_decay : float
        The L2 penalty it was trained with.
    dropout : float
        The dropout rate it was trained with (predictions never drop units:
        they are made in evaluation mode).
    loss_curve : ndarray of shape (n_steps,)
        Mean binary cross-entropy of the training batch at each step (with the
        dropout masks of that step; without the penalty).

    """

    weights: tuple[NDArray[np.float64], ...]
    biases: tuple[NDArray[np.float64], ...]
    weight_decay: float
    dropout: float
    loss_curve: NDArray[np.float64]

    def decision_function(self, X: Any) -> NDArray[np.float64]:
        """Logit of class 1 for each row of ``X`` (evaluation mode: no dropout)."""
        h = check_array(X, "X", ndim=2)
        if h.shape[1] != self.weights[0].shape[0]:
            raise ValueError(f"X must have {self.weights[0].shape[0]} columns, got shape {h.shape}")
        for W, b in zip(self.weights[:-1], self.biases[:-1], strict=True):
            h = np.maximum(h @ W + b, 0.0)
        return (h @ self.weights[-1] + self.biases[-1])[:, 0]

    def predict_proba(self, X: Any) -> NDArray[np.float64]:
        """Probability of class 1 for each row of ``X``."""
        return _sigmoid(self.decision_function(X))

    def predict(self, X: Any) -> NDArray[np.int64]:
        """Predicted class, 0 or 1, for each row of ``X``."""
        return (self.decision_function(X) > 0).astype(np.int64)

    def score(self, X: Any, y: Any) -> float:
        """Accuracy on ``(X, y)``."""
        y_arr = check_array(y, "y", ndim=1)
        X_arr = check_array(X, "X", ndim=2)
        check_same_length(("X", X_arr), ("y", y_arr))
        return float(np.mean(self.predict(X_arr) == y_arr))

    @property
    def weight_norm(self) -> float:
        r"""Euclidean norm of all weights, :math:`\sqrt{\sum_l \lVert W_l\rVert_F^2}` (biases excluded)."""
        return float(np.sqrt(sum(float(np.sum(W**2)) for W in self.weights)))

    def flat_weights(self) -> NDArray[np.float64]:
        """All weight-matrix entries in one vector (biases excluded)."""
        return np.concatenate([W.ravel() for W in self.weights])


def _init_params(
    n_features: int, hidden: Sequence[int], rng: np.random.Generator
) -> tuple[list[NDArray[np.float64]], list[NDArray[np.float64]]]:
    """PyTorch's default ``nn.Linear`` initialisation: U(-1/sqrt(fan_in), 1/sqrt(fan_in))."""
    weights, biases = [], []
    sizes = [n_features, *hidden, 1]
    for fan_in, fan_out in itertools.pairwise(sizes):
        bound = 1.0 / np.sqrt(fan_in)
        weights.append(rng.uniform(-bound, bound, (fan_in, fan_out)))
        biases.append(rng.uniform(-bound, bound, fan_out))
    return weights, biases


def _check_decay_step(weight_decay: float, lr: float, name: str = "weight_decay") -> None:
    """Refuse a decay so strong that a step flips the weights' signs: ``lr * weight_decay`` must be < 1."""
    if lr * weight_decay >= 1:
        raise ValueError(
            f"{name} must be < 1 / lr = {1 / lr:g} (each step multiplies the weights by "
            f"1 - lr * weight_decay = {1 - lr * weight_decay:g}), got {name}={weight_decay:g}"
        )


def _check_hidden(hidden: Any) -> tuple[int, ...]:
    if isinstance(hidden, int | str) or not isinstance(hidden, Sequence) or len(hidden) == 0:
        raise ValueError(f"hidden must be a non-empty sequence of layer widths such as (64, 64), got {hidden!r}")
    return tuple(check_int(h, f"hidden[{i}]", low=1, high=1024) for i, h in enumerate(hidden))


def _check_binary(X: Any, y: Any, x_name: str = "X", y_name: str = "y") -> tuple[NDArray[np.float64], NDArray[Any]]:
    X_arr = check_array(X, x_name, ndim=2)
    y_arr = check_array(y, y_name, ndim=1)
    check_same_length((x_name, X_arr), (y_name, y_arr))
    if not np.all(np.isin(y_arr, (0, 1))):
        raise ValueError(f"{y_name} must hold labels 0 and 1 only")
    return X_arr, y_arr


def fit_tiny_mlp(
    X: Any,
    y: Any,
    *,
    weight_decay: float = 0.0,
    dropout: float = 0.0,
    hidden: Sequence[int] = (64, 64),
    n_steps: int = 400,
    lr: float = 0.5,
    momentum: float = 0.9,
    seed: int | None = None,
) -> TinyMLP:
    r"""Train a small ReLU network on a two-class problem, full batch, with SGD and momentum.

    The objective is the mean binary cross-entropy of the logits plus an L2
    penalty on the weight matrices (never on the biases),

    .. math::

        J(\theta) = \frac{1}{n}\sum_{i=1}^n \Big[\log\big(1 + e^{z_i}\big) - y_i z_i\Big]
        + \frac{\lambda}{2}\sum_l \lVert W_l \rVert_F^2,

    with :math:`\lambda` = ``weight_decay``: its gradient adds
    :math:`\lambda W_l` to each weight's, exactly what ``torch.optim.SGD``
    does with ``weight_decay`` on the weight group of
    :func:`regviz.train.param_groups`: here the L2 penalty *is* weight decay. With ``dropout > 0`` each hidden
    activation is multiplied by a fresh inverted-dropout mask (zero with
    probability ``dropout``, else ``1 / (1 - dropout)``) at every step.
    Each step is ``torch.optim.SGD``'s: :math:`g \leftarrow \nabla J`,
    :math:`v \leftarrow \mu v + g`, :math:`\theta \leftarrow \theta - \eta v`
    (``momentum`` :math:`\mu`, ``lr`` :math:`\eta`), on all the samples at once.

    The initial weights (PyTorch's default initialisation) and the dropout
    masks come from ``np.random.default_rng(seed)``: the same arguments
    always give the same network.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
        Inputs.
    y : array-like of shape (n_samples,)
        Labels, 0 or 1.
    weight_decay : float, default=0.0
        The L2 penalty :math:`\lambda`, ``>= 0`` and ``< 1 / lr`` (each step
        multiplies the weights by :math:`1 - \eta\lambda` before the data
        gradient acts, which must stay positive).
    dropout : float, default=0.0
        Drop probability of each hidden unit during training, in [0, 1).
    hidden : sequence of int, default=(64, 64)
        Width of each hidden layer, each in [1, 1024].
    n_steps : int, default=400
        Number of full-batch steps, in [1, 100000].
    lr : float, default=0.5
        Learning rate, ``> 0``.
    momentum : float, default=0.9
        Momentum, in [0, 1).
    seed : int or None, default=None
        ``None`` means the course seed ``regviz.device.seed()`` (shifted by ``REGVIZ_SEED_OFFSET``).
        Seed of the initial weights and of the dropout masks.

    Returns
    -------
    TinyMLP
        The trained network.

    """
    X_arr, y_arr = _check_binary(X, y)
    weight_decay = check_real(weight_decay, "weight_decay", low=0)
    dropout = check_real(dropout, "dropout", low=0, high=1, high_open=True)
    widths = _check_hidden(hidden)
    n_steps = check_int(n_steps, "n_steps", low=1, high=100_000)
    lr = check_real(lr, "lr", low=0, low_open=True)
    momentum = check_real(momentum, "momentum", low=0, high=1, high_open=True)
    seed = check_seed(seed)
    _check_decay_step(weight_decay, lr)

    from threadpoolctl import threadpool_limits

    rng = np.random.default_rng(seed)
    weights, biases = _init_params(X_arr.shape[1], widths, rng)
    with threadpool_limits(limits=1, user_api="blas"):  # tiny products: threads only add hand-off latency
        losses = _sgd_loop(
            X_arr, y_arr.astype(float), weights, biases, weight_decay, dropout, n_steps, lr, momentum, rng
        )
    return TinyMLP(tuple(weights), tuple(biases), weight_decay, dropout, losses)


def _sgd_loop(
    X: NDArray[np.float64],
    target: NDArray[np.float64],
    weights: list[NDArray[np.float64]],
    biases: list[NDArray[np.float64]],
    weight_decay: float,
    dropout: float,
    n_steps: int,
    lr: float,
    momentum: float,
    rng: np.random.Generator,
) -> NDArray[np.float64]:
    """Full-batch SGD with momentum on the objective of :func:`fit_tiny_mlp`; updates the arrays in place.

    All parameters (and their gradients) live in one flat buffer, so the
    update is three vector operations per step rather than three per layer:
    on a network this small the per-call overhead is what counts.
    """
    params = [p for pair in zip(weights, biases, strict=True) for p in pair]
    theta = np.concatenate([p.ravel() for p in params])
    grad = np.zeros_like(theta)
    decay = np.zeros_like(theta)  # weight_decay on weight entries, 0 on biases
    p_views, g_views, offset = [], [], 0
    for k, p in enumerate(params):
        p_views.append(theta[offset : offset + p.size].reshape(p.shape))
        g_views.append(grad[offset : offset + p.size].reshape(p.shape))
        if k % 2 == 0:
            decay[offset : offset + p.size] = weight_decay
        offset += p.size
    W_views, b_views = p_views[0::2], p_views[1::2]
    gW_views, gb_views = g_views[0::2], g_views[1::2]
    velocity = np.zeros_like(theta)
    n = len(X)
    keep = 1.0 - dropout
    losses = np.empty(n_steps)
    for step in range(n_steps):
        # forward, keeping what the backward pass needs
        inputs, masks = [X], []
        h = X
        for W, b in zip(W_views[:-1], b_views[:-1], strict=True):
            h = np.maximum(h @ W + b, 0.0)
            if dropout > 0:
                mask = (rng.random(h.shape) < keep) / keep
                h = h * mask
                masks.append(mask)
            inputs.append(h)
        z = (h @ W_views[-1] + b_views[-1])[:, 0]
        losses[step] = float(np.mean(np.logaddexp(0.0, z) - target * z))
        # backward, written into the flat gradient
        delta = ((_sigmoid(z) - target) / n)[:, None]
        for layer in range(len(W_views) - 1, -1, -1):
            np.matmul(inputs[layer].T, delta, out=gW_views[layer])
            gb_views[layer][:] = delta.sum(axis=0)
            if layer > 0:
                delta = delta @ W_views[layer].T
                if dropout > 0:
                    delta = delta * masks[layer - 1]
                delta = delta * (inputs[layer] > 0)
        # torch.optim.SGD(momentum=..., weight_decay=...) step: the penalty's gradient, then momentum
        grad += decay * theta
        velocity *= momentum
        velocity += grad
        theta -= lr * velocity
    for p, view in zip(params, p_views, strict=True):
        p[...] = view
    return losses


# --------------------------------------------------------------------------- live explorers


def _check_options(values: Any, name: str, *, low: float, high: float | None, high_open: bool) -> list[float]:
    if isinstance(values, str) or not isinstance(values, Sequence | np.ndarray) or len(values) < 2:
        raise ValueError(f"{name} must be a sequence of at least 2 values, got {values!r}")
    checked = [check_real(v, f"{name}[{i}]", low=low, high=high, high_open=high_open) for i, v in enumerate(values)]
    if np.any(np.diff(checked) <= 0):
        raise ValueError(f"{name} must be strictly increasing, got {values!r}")
    return checked


def _selection_slider(description: str, options: list[float], value: float) -> Any:
    import ipywidgets as w

    return w.SelectionSlider(
        options=[(f"{v:g}", v) for v in options],
        value=value,
        description=description,
        continuous_update=False,
        style={"description_width": "initial"},
        layout=w.Layout(width="420px"),
    )


def _pick(value: Any, options: list[float], name: str, options_name: str) -> float:
    v = check_real(value, name, low=options[0], high=options[-1])
    if v not in options:
        raise ValueError(f"{name} must be one of {options_name} {options}, got {value!r}")
    return v


@dataclass(frozen=True)
class _LiveFit:
    model: TinyMLP
    proba: NDArray[np.float64]
    train_acc: float
    val_acc: float | None


def _live_fitter(
    X: NDArray[np.float64],
    y: NDArray[Any],
    X_val: NDArray[np.float64] | None,
    y_val: NDArray[Any] | None,
    grid: BoundaryGrid,
    key: str,
    fit_kwargs: dict[str, Any],
) -> Callable[[float], _LiveFit]:
    cache: dict[float, _LiveFit] = {}

    def get(value: float) -> _LiveFit:
        if value not in cache:
            from threadpoolctl import threadpool_limits

            params: dict[str, Any] = {key: value, **fit_kwargs}
            model = fit_tiny_mlp(X, y, **params)
            with threadpool_limits(limits=1, user_api="blas"):
                proba = model.predict_proba(grid.points).reshape(grid.shape)
            val_acc = model.score(X_val, y_val) if X_val is not None else None
            cache[value] = _LiveFit(model, proba, model.score(X, y), val_acc)
        return cache[value]

    return get


def _check_val(X_val: Any, y_val: Any) -> tuple[NDArray[np.float64] | None, NDArray[Any] | None]:
    if (X_val is None) != (y_val is None):
        raise ValueError("X_val and y_val must be given together (or both left None)")
    if X_val is None:
        return None, None
    return _check_binary(X_val, y_val, "X_val", "y_val")


def _fit_kwargs(hidden: Any, n_steps: Any, lr: Any, momentum: Any, seed: Any) -> dict[str, Any]:
    return {
        "hidden": _check_hidden(hidden),
        "n_steps": check_int(n_steps, "n_steps", low=1, high=100_000),
        "lr": check_real(lr, "lr", low=0, low_open=True),
        "momentum": check_real(momentum, "momentum", low=0, high=1, high_open=True),
        "seed": check_seed(seed),
    }


def _caption(symbol: str, value: float, fit: _LiveFit) -> str:
    parts = [f"{symbol} = {value:g}", f"train accuracy {fit.train_acc:.3f}"]
    if fit.val_acc is not None:
        parts.append(f"validation accuracy {fit.val_acc:.3f}")
    parts.append(f"weight norm ‖W‖ = {fit.model.weight_norm:.2f}")
    return " &nbsp;·&nbsp; ".join(parts)


def _boundary_updater(ax: Any, grid: BoundaryGrid) -> Callable[[NDArray[np.float64]], None]:
    image = next(a for a in ax.images if a.get_gid() == "proba")

    def redraw(proba: NDArray[np.float64]) -> None:
        image.set_data(proba)
        _draw_boundary_contour(ax, proba, grid.extent)

    return redraw


_LOG_W_MIN, _LOG_W_MAX = -6.0, 1.0


def _log_abs_counts(weights: NDArray[np.float64], edges: NDArray[np.float64]) -> NDArray[np.int64]:
    """Histogram of log10|w| on fixed edges, values outside pushed into the end bins (zeros into the first)."""
    with np.errstate(divide="ignore"):
        logs = np.log10(np.abs(weights))
    logs = np.clip(logs, edges[0], edges[-1])
    counts, _ = np.histogram(logs, bins=edges)
    return counts


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

    Each value of the slider trains :func:`fit_tiny_mlp` from the same seeded
    initialisation (``weight_decay=λ``; full batch, ``n_steps`` SGD steps),
    the first time it is chosen, and caches the result. Left: the
    probability of class 1 and the 0.5 boundary over the training points.
    Right: the histogram of :math:`\log_{10}|w|` over all the weights, on
    fixed bins from :math:`10^{-6}` to :math:`10`, so the shrinkage by orders
    of magnitude is visible (and that L2 makes no weight exactly zero).
    The caption gives the train (and validation) accuracy and the weight norm.

    Parameters
    ----------
    X : array-like of shape (n_samples, 2)
        Training points.
    y : array-like of shape (n_samples,)
        Their labels, 0 or 1.
    X_val, y_val : array-like or None, default=None
        Validation data for the caption (give both or neither).
    weight_decays : sequence of float, default=(0, 1e-4, ..., 0.1)
        The slider's values, ``>= 0``, below ``1 / lr`` and strictly increasing
        (regularisation grows left to right).
    weight_decay : float, default=0.0
        Initial value, one of ``weight_decays``.
    hidden, n_steps, lr, momentum, seed
        Passed to :func:`fit_tiny_mlp`.
    resolution : int, default=120
        Grid points along each axis of the probability image, in [10, 1000].
    precompute : bool, default=False
        Train every value when the explorer is built (slower to build, every
        move instant); otherwise each value trains on first use.

    Returns
    -------
    Explorer
        Display it; ``explorer.set(weight_decay=...)`` moves the slider.

    """
    X_arr, y_arr = _check_binary(X, y)
    if X_arr.shape[1] != 2:
        raise ValueError(f"X must have 2 columns (points in the plane), got shape {X_arr.shape}")
    X_v, y_v = _check_val(X_val, y_val)
    options = _check_options(weight_decays, "weight_decays", low=0.0, high=None, high_open=False)
    start = _pick(weight_decay, options, "weight_decay", "weight_decays")
    kwargs = _fit_kwargs(hidden, n_steps, lr, momentum, seed)
    _check_decay_step(options[-1], kwargs["lr"], name="weight_decays[-1]")
    if not isinstance(precompute, bool):
        raise ValueError(f"precompute must be True or False, got {precompute!r}")
    grid = boundary_grid(X_arr, resolution=resolution)
    get = _live_fitter(X_arr, y_arr, X_v, y_v, grid, "weight_decay", kwargs)
    for value in options if precompute else []:
        get(value)

    fig, (ax_b, ax_w) = new_figure(ncols=2, figsize=(10.0, 4.2))
    first = get(start)
    plot_decision_boundary(X_arr, y_arr, first.proba, extent=grid.extent, ax=ax_b)
    edges = np.linspace(_LOG_W_MIN, _LOG_W_MAX, 46)
    plot_weight_histogram(
        first.model.flat_weights(),
        bins=edges,
        log_abs=True,
        xlabel=r"$\log_{10}|w|$  (left bar: $|w| \leq 10^{-6}$)",
        ax=ax_w,
    )
    legend = ax_w.get_legend()
    if legend is not None:
        legend.remove()
    bars = [patch for patch in ax_w.patches if patch.get_gid() == "bars"]
    ax_w.set_xlim(edges[0], edges[-1])
    # the layout is frozen after the first render: place the y label far enough left for 4-digit counts
    ax_w.yaxis.set_label_coords(-0.14, 0.5)
    redraw = _boundary_updater(ax_b, grid)

    def update(weight_decay: float) -> None:
        fit = get(weight_decay)
        redraw(fit.proba)
        counts = _log_abs_counts(fit.model.flat_weights(), edges)
        for bar, count in zip(bars, counts, strict=True):
            bar.set_height(count)
        ax_w.set_ylim(0, 1.08 * max(int(counts.max()), 1))
        ax_b.set_title(rf"decision boundary, $\lambda$ = {weight_decay:g}")
        median = float(np.median(np.abs(fit.model.flat_weights())))
        ax_w.set_title(rf"weights, $\lambda$ = {weight_decay:g}: median $|w|$ = {median:.2g}")

    def caption(weight_decay: float) -> str:
        return _caption("λ", weight_decay, get(weight_decay))

    control = _selection_slider("λ (weight_decay)", options, start)
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

    Each rate trains :func:`fit_tiny_mlp` (``dropout=rate``, the same seeded
    initialisation, full batch, ``n_steps`` SGD steps) the first time it is
    chosen, and caches the result. The boundary is that of the network in
    evaluation mode (no units dropped). The caption gives the train (and
    validation) accuracy.

    Parameters
    ----------
    X : array-like of shape (n_samples, 2)
        Training points.
    y : array-like of shape (n_samples,)
        Their labels, 0 or 1.
    X_val, y_val : array-like or None, default=None
        Validation data for the caption (give both or neither).
    rates : sequence of float, default=(0, 0.1, ..., 0.8)
        The slider's values, each in [0, 1), strictly increasing.
    rate : float, default=0.0
        Initial value, one of ``rates``.
    hidden, n_steps, lr, momentum, seed
        Passed to :func:`fit_tiny_mlp`.
    resolution : int, default=120
        Grid points along each axis of the probability image, in [10, 1000].
    precompute : bool, default=False
        Train every rate when the explorer is built.

    Returns
    -------
    Explorer
        Display it; ``explorer.set(rate=...)`` moves the slider.

    """
    X_arr, y_arr = _check_binary(X, y)
    if X_arr.shape[1] != 2:
        raise ValueError(f"X must have 2 columns (points in the plane), got shape {X_arr.shape}")
    X_v, y_v = _check_val(X_val, y_val)
    options = _check_options(rates, "rates", low=0.0, high=1.0, high_open=True)
    start = _pick(rate, options, "rate", "rates")
    kwargs = _fit_kwargs(hidden, n_steps, lr, momentum, seed)
    if not isinstance(precompute, bool):
        raise ValueError(f"precompute must be True or False, got {precompute!r}")
    grid = boundary_grid(X_arr, resolution=resolution)
    get = _live_fitter(X_arr, y_arr, X_v, y_v, grid, "dropout", kwargs)
    for value in options if precompute else []:
        get(value)

    fig, ax = new_figure(figsize=(5.8, 4.6))
    plot_decision_boundary(X_arr, y_arr, get(start).proba, extent=grid.extent, ax=ax)
    redraw = _boundary_updater(ax, grid)

    def update(rate: float) -> None:
        redraw(get(rate).proba)
        ax.set_title(f"decision boundary, dropout rate p = {rate:g}")

    def caption(rate: float) -> str:
        return _caption("p", rate, get(rate))

    control = _selection_slider("dropout rate p", options, start)
    return Explorer(fig, update, {"rate": control}, caption=caption)


# --------------------------------------------------------------------------- learning-curve browser

_METRICS = {"accuracy": ("train_acc", "val_acc"), "loss": ("train_loss", "val_loss")}
_HISTORY_KEYS = ("train_loss", "train_acc", "val_loss", "val_acc")


def _per_epoch(values: Any, name: str) -> NDArray[np.float64]:
    """One history entry as a float vector; NaN and ±inf (a diverged epoch) are kept, to be drawn as gaps."""
    try:
        arr = np.asarray(values, dtype=float)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{name} must be a sequence of numbers, one per epoch, got {type(values).__name__}") from exc
    if arr.ndim != 1 or arr.size == 0:
        raise ValueError(f"{name} must be a non-empty sequence of numbers, one per epoch, got shape {arr.shape}")
    return arr


def _history_dict(history: Any, name: str) -> dict[str, NDArray[np.float64]]:
    """Read one history; what a diverged run produces (NaN or inf epochs) is accepted, malformed input is not."""
    if hasattr(history, "as_dict"):
        history = history.as_dict()
    if not isinstance(history, Mapping):
        raise ValueError(f"{name} must be a regviz.train.History or a mapping of per-epoch lists")
    out = {}
    for key in _HISTORY_KEYS:
        if key not in history:
            raise ValueError(f"{name} must have an entry {key!r} (fit with validation data)")
        out[key] = _per_epoch(history[key], f"{name}[{key!r}]")
    lengths = {len(v) for v in out.values()}
    if len(lengths) != 1:
        raise ValueError(f"{name} must have the same number of epochs in every entry, got {sorted(lengths)}")
    for key in ("train_acc", "val_acc"):
        acc = out[key][np.isfinite(out[key])]
        if np.any((acc < 0) | (acc > 1)):
            raise ValueError(
                f"{name}[{key!r}] must hold accuracies in [0, 1] (NaN for a diverged epoch), "
                f"got values in [{acc.min():g}, {acc.max():g}]"
            )
    return out


_BLOWN_UP = 100.0
"""A value more than this many times the median size of all finite values (a run blowing up) is drawn as a gap."""


def _view_limit(values: NDArray[np.float64]) -> float:
    """The largest size drawn: ``_BLOWN_UP`` times the median size of the finite values (inf if that is 0)."""
    sizes = np.abs(values[np.isfinite(values)])
    median = float(np.median(sizes)) if sizes.size else 0.0
    return _BLOWN_UP * median if median > 0 else np.inf


def _gaps(values: NDArray[np.float64], limit: float) -> NDArray[np.float64]:
    """NaN where a value is not finite or beyond ``limit``: Matplotlib leaves a gap there.

    A diverged run's last finite epochs can be astronomically large (a loss of 1e35 before it turns NaN); drawn, they
    would squash every other curve to a flat line, so they become gaps like the NaN epochs that follow them.
    """
    with np.errstate(invalid="ignore"):
        return np.where(np.isfinite(values) & (np.abs(values) <= limit), values, np.nan)


def _fmt(value: float) -> str:
    if not np.isfinite(value):
        return "n/a (diverged)"
    return f"{value:.3f}" if abs(value) < 1e4 else f"{value:.2e}"


def _plot_last_epoch(
    ax: Any,
    keys: list[float],
    finals_train: NDArray[np.float64],
    finals_val: NDArray[np.float64],
    current: float,
    xlabel: str,
    ylabel: str,
    limit: float,
) -> Any:
    """Last-epoch train and validation values against the hyperparameter; a diverged value is a gap.

    The look of :func:`regviz.plots.plot_validation_curve` (train blue and solid, validation vermillion and
    dashed, an orange marker at the current value; gids ``"train"``, ``"validation"``, ``"marker"``), with a dot
    on every value so that one finite value between two diverged ones stays visible, and the word "diverged"
    (gid ``"diverged"``) at the foot of each value that is not drawn (not finite, or beyond ``limit``).
    """
    for role, values in (("train", finals_train), ("validation", finals_val)):
        (line,) = ax.plot(
            keys, _gaps(values, limit), color=COLORS[role], linestyle=LINESTYLES[role], marker="o", ms=4, label=role
        )
        line.set_gid(role)
    marker = ax.axvline(current, color=COLORS["highlight"], lw=2, zorder=1)
    marker.set_gid("marker")
    margin = 0.05 * (keys[-1] - keys[0])  # every value in view, even one whose points are all gaps
    ax.set_xlim(keys[0] - margin, keys[-1] + margin)
    drawn = np.isfinite(_gaps(finals_train, limit)) & np.isfinite(_gaps(finals_val, limit))
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


def learning_curve_explorer(
    histories: Mapping[float, Any],
    *,
    metric: str = "accuracy",
    value: float | None = None,
    param_label: str = "dropout rate p",
    symbol: str = "p",
) -> Explorer:
    """Browse learning curves computed once, one per value of a hyperparameter.

    Left: train (blue, solid) and validation (vermillion, dashed) curves of
    the chosen value against the epoch, on axes shared by all values so
    they compare. Right: the last epoch's train and validation values
    against the hyperparameter, with an orange marker at the chosen one; the
    space between the two curves is the generalisation gap. Nothing is
    trained here: a move swaps the lines' data, and only the moving artists
    are redrawn (blitting).

    A run that diverged is shown, not refused: its non-finite epochs (NaN, or
    an infinite loss) are drawn as gaps, in the curves and at the last epoch,
    as :func:`regviz.plots.plot_curves` does for a diverged loss, and so are
    values more than 100 times the median size of all the values (the
    astronomically large losses a run reaches just before NaN), which would
    otherwise squash every other curve flat. The title and caption say
    "n/a (diverged)" where the last epoch is not finite, and the word
    "diverged" marks each value missing from the right panel.

    Parameters
    ----------
    histories : mapping of float to History or mapping
        One history per hyperparameter value (at least two values), each a
        :class:`regviz.train.History` or a mapping with ``train_loss``,
        ``train_acc``, ``val_loss`` and ``val_acc`` lists of equal length;
        accuracies in [0, 1], any entry NaN or infinite for a diverged epoch.
    metric : {"accuracy", "loss"}, default="accuracy"
        Which curves to draw; at least one of their values must be finite.
    value : float or None, default=None
        Initial value, a key of ``histories``; the smallest if None.
    param_label : str, default="dropout rate p"
        Name of the hyperparameter on the axis and the slider.
    symbol : str, default="p"
        Its short name in titles and the caption.

    Returns
    -------
    Explorer
        Display it; ``explorer.set(value=...)`` moves the slider.

    Raises
    ------
    ValueError
        If ``histories`` has fewer than two values, a key is not a finite number, a history lacks an entry or
        has entries of different lengths or non-numeric values, an accuracy lies outside [0, 1], or no value of
        ``metric`` is finite in any history (nothing to draw).

    """
    if not isinstance(histories, Mapping) or len(histories) < 2:
        raise ValueError("histories must map at least 2 hyperparameter values to their histories")
    check_choice(metric, "metric", sorted(_METRICS))
    if not isinstance(param_label, str) or not isinstance(symbol, str):
        raise ValueError("param_label and symbol must be strings")
    keys = sorted(check_real(k, "histories key") for k in histories)
    by_key = {check_real(k, "histories key"): k for k in histories}
    curves = {k: _history_dict(histories[by_key[k]], f"histories[{k:g}]") for k in keys}
    start = keys[0] if value is None else _pick(value, keys, "value", "the keys of histories")
    train_key, val_key = _METRICS[metric]
    ylabel = "accuracy" if metric == "accuracy" else "mean loss"

    finals_train = np.array([curves[k][train_key][-1] for k in keys])
    finals_val = np.array([curves[k][val_key][-1] for k in keys])
    all_values = np.concatenate([np.r_[c[train_key], c[val_key]] for c in curves.values()])
    if not np.isfinite(all_values).any():
        raise ValueError(f"histories must hold at least one finite {train_key} or {val_key} value (every run diverged)")
    limit = _view_limit(all_values)
    shown = _gaps(all_values, limit)
    low, high = float(np.nanmin(shown)), float(np.nanmax(shown))
    pad = 0.05 * (high - low or 1.0)
    n_max = max(len(c[train_key]) for c in curves.values())

    fig, (ax_c, ax_f) = new_figure(ncols=2, figsize=(10.0, 4.0))
    first = curves[start]
    epochs = np.arange(1, len(first[train_key]) + 1)
    (line_t,) = ax_c.plot(
        epochs, _gaps(first[train_key], limit), color=COLORS["train"], linestyle=LINESTYLES["train"], label="train"
    )
    (line_v,) = ax_c.plot(
        epochs,
        _gaps(first[val_key], limit),
        color=COLORS["validation"],
        linestyle=LINESTYLES["validation"],
        label="validation",
    )
    ax_c.set_xlim(0.5, n_max + 0.5)
    ax_c.set_ylim(low - pad, high + pad)
    ax_c.set_xlabel("epoch")
    ax_c.set_ylabel(ylabel)
    ax_c.legend(loc="best", fontsize="small")
    marker = _plot_last_epoch(
        ax_f, keys, finals_train, finals_val, start, param_label, f"{ylabel} at the last epoch", limit
    )
    ax_f.set_title("train and validation at the last epoch")

    def update(value: float) -> None:
        c = curves[value]
        x = np.arange(1, len(c[train_key]) + 1)
        line_t.set_data(x, _gaps(c[train_key], limit))
        line_v.set_data(x, _gaps(c[val_key], limit))
        marker.set_xdata([value, value])
        gap = c[train_key][-1] - c[val_key][-1]
        text = "n/a (diverged)" if not np.isfinite(gap) else f"{gap:+.3f}" if abs(gap) < 1e4 else f"{gap:+.2e}"
        ax_c.set_title(f"{symbol} = {value:g}: last-epoch gap (train − validation) {text}")

    def caption(value: float) -> str:
        c = curves[value]
        return (
            f"{symbol} = {value:g} &nbsp;·&nbsp; last epoch: train {ylabel} {_fmt(c[train_key][-1])}, "
            f"validation {ylabel} {_fmt(c[val_key][-1])}"
        )

    control = _selection_slider(param_label, keys, start)
    control.continuous_update = True
    # only the two curves, the marker and the title move: blit them over a background drawn once
    return Explorer(fig, update, {"value": control}, caption=caption, animated=[line_t, line_v, marker, ax_c.title])
