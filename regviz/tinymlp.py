"""The NumPy tiny network of notebooks 09 and 10, and what their explorers draw, computed once per value.

* :func:`fit_tiny_mlp` — a 2-layer ReLU network for two classes, trained
  full batch with SGD and momentum in NumPy, with an L2 penalty on its weights
  (``weight_decay``) and inverted dropout on its hidden layers (``dropout``).
  Seeded: the same arguments give the same network, whatever was trained before.
* :func:`live_fits` — that network trained for each value of a slider (weight decays or dropout rates), lazily
  and once per value, each read on a grid of points (:class:`GridFit`).
* :func:`learning_curves` — learning curves computed once (one history per hyperparameter value) made drawable:
  the last epoch's values, diverged epochs as gaps, the common axis limits.

Why NumPy rather than PyTorch for the live slider: on networks this small
PyTorch spends its time in per-operation overhead (autograd, dispatch,
thread hand-offs), and NumPy trains the same network with the same
arithmetic several times faster on a laptop CPU. A unit test checks the
NumPy loop against ``torch.optim.SGD`` step for step.

Nothing here imports PyTorch, :mod:`regviz.plots` or :mod:`regviz.widgets`.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray

from ._validation import (
    validate_array,
    validate_choice,
    validate_int,
    validate_real,
    validate_same_length,
    validate_seed,
)

__all__ = ["TinyMLP", "fit_tiny_mlp"]


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
        h = validate_array(X, "X", ndim=2)
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
        y_arr = validate_array(y, "y", ndim=1)
        X_arr = validate_array(X, "X", ndim=2)
        validate_same_length(("X", X_arr), ("y", y_arr))
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


def _validate_decay_step(weight_decay: float, lr: float, name: str = "weight_decay") -> None:
    """Refuse a decay so strong that a step flips the weights' signs: ``lr * weight_decay`` must be < 1."""
    if lr * weight_decay >= 1:
        raise ValueError(
            f"{name} must be < 1 / lr = {1 / lr:g} (each step multiplies the weights by "
            f"1 - lr * weight_decay = {1 - lr * weight_decay:g}), got {name}={weight_decay:g}"
        )


def _validate_hidden(hidden: Any) -> tuple[int, ...]:
    if isinstance(hidden, int | str) or not isinstance(hidden, Sequence) or len(hidden) == 0:
        raise ValueError(f"hidden must be a non-empty sequence of layer widths such as (64, 64), got {hidden!r}")
    return tuple(validate_int(h, f"hidden[{i}]", low=1, high=1024) for i, h in enumerate(hidden))


def _validate_binary(X: Any, y: Any, x_name: str = "X", y_name: str = "y") -> tuple[NDArray[np.float64], NDArray[Any]]:
    X_arr = validate_array(X, x_name, ndim=2)
    y_arr = validate_array(y, y_name, ndim=1)
    validate_same_length((x_name, X_arr), (y_name, y_arr))
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

    with :math:`\lambda` = ``weight_decay``: its gradient adds :math:`\lambda W_l` to each weight's, exactly what
    ``torch.optim.SGD`` does with ``weight_decay`` on the weight group of :func:`regviz.train.param_groups`: here
    the L2 penalty *is* weight decay. With ``dropout > 0`` each hidden activation is multiplied by a fresh
    inverted-dropout mask (zero with probability ``dropout``, else ``1 / (1 - dropout)``) at every step. Each step
    is ``torch.optim.SGD``'s: :math:`g \leftarrow \nabla J`, :math:`v \leftarrow \mu v + g`,
    :math:`\theta \leftarrow \theta - \eta v` (``momentum`` :math:`\mu`, ``lr`` :math:`\eta`), on all the samples
    at once. The initial weights (PyTorch's default initialisation) and the dropout masks come from
    ``np.random.default_rng(seed)``: the same arguments always give the same network.

    Parameters
    ----------
    X, y : array-like of shape (n_samples, n_features) and (n_samples,)
        Inputs and their labels, 0 or 1.
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
        Seed of the initial weights and of the dropout masks; ``None`` means the course seed
        ``regviz.device.seed()`` (shifted by ``REGVIZ_SEED_OFFSET``).

    Returns
    -------
    TinyMLP
        The trained network.

    """
    X_arr, y_arr = _validate_binary(X, y)
    weight_decay = validate_real(weight_decay, "weight_decay", low=0)
    dropout = validate_real(dropout, "dropout", low=0, high=1, high_open=True)
    widths = _validate_hidden(hidden)
    n_steps = validate_int(n_steps, "n_steps", low=1, high=100_000)
    lr = validate_real(lr, "lr", low=0, low_open=True)
    momentum = validate_real(momentum, "momentum", low=0, high=1, high_open=True)
    seed = validate_seed(seed)
    _validate_decay_step(weight_decay, lr)

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


# --------------------------------------------------------------------------- live fits, one per slider value


@dataclass(frozen=True)
class GridFit:
    """One network of :func:`live_fits`, read on its grid.

    Attributes
    ----------
    model : TinyMLP
        The trained network.
    proba : ndarray
        Probability of class 1 at each grid point, reshaped to the grid's shape.
    train_acc : float
        Accuracy on the training data.
    val_acc : float or None
        Accuracy on the validation data, None without validation data.

    """

    model: TinyMLP
    proba: NDArray[np.float64]
    train_acc: float
    val_acc: float | None


@dataclass(frozen=True)
class LiveFits:
    """:func:`fit_tiny_mlp` for each value of one hyperparameter, trained on first use (see :func:`live_fits`).

    Attributes
    ----------
    param : {"weight_decay", "dropout"}
        The hyperparameter that varies.
    values : tuple of float
        Its values, strictly increasing.

    """

    param: str
    values: tuple[float, ...]
    X: NDArray[np.float64] = field(repr=False)
    y: NDArray[Any] = field(repr=False)
    X_val: NDArray[np.float64] | None = field(repr=False)
    y_val: NDArray[Any] | None = field(repr=False)
    points: NDArray[np.float64] = field(repr=False)
    shape: tuple[int, ...] = field(repr=False)
    fit_kwargs: Mapping[str, Any] = field(repr=False)
    _cache: dict[float, GridFit] = field(default_factory=dict, repr=False, compare=False)

    def at(self, value: float) -> GridFit:
        """The network trained with ``param = value`` (one of ``values``), read on the grid; cached."""
        if value not in self.values:
            raise ValueError(f"value must be one of {list(self.values)}, got {value!r}")
        if value not in self._cache:
            from threadpoolctl import threadpool_limits

            params: dict[str, Any] = {self.param: value, **self.fit_kwargs}
            model = fit_tiny_mlp(self.X, self.y, **params)
            with threadpool_limits(limits=1, user_api="blas"):
                proba = model.predict_proba(self.points).reshape(self.shape)
            val_acc = model.score(self.X_val, self.y_val) if self.X_val is not None else None
            self._cache[value] = GridFit(model, proba, model.score(self.X, self.y), val_acc)
        return self._cache[value]


def _validate_options(values: Any, name: str, *, low: float, high: float | None, high_open: bool) -> list[float]:
    if isinstance(values, str) or not isinstance(values, Sequence | np.ndarray) or len(values) < 2:
        raise ValueError(f"{name} must be a sequence of at least 2 values, got {values!r}")
    checked = [validate_real(v, f"{name}[{i}]", low=low, high=high, high_open=high_open) for i, v in enumerate(values)]
    if np.any(np.diff(checked) <= 0):
        raise ValueError(f"{name} must be strictly increasing, got {values!r}")
    return checked


def _validate_val(X_val: Any, y_val: Any) -> tuple[NDArray[np.float64] | None, NDArray[Any] | None]:
    if (X_val is None) != (y_val is None):
        raise ValueError("X_val and y_val must be given together (or both left None)")
    if X_val is None:
        return None, None
    return _validate_binary(X_val, y_val, "X_val", "y_val")


def _validate_grid(points: Any, shape: Any, n_features: int) -> tuple[NDArray[np.float64], tuple[int, ...]]:
    pts = validate_array(points, "points", ndim=2)
    if pts.shape[1] != n_features:
        raise ValueError(f"points must have {n_features} columns, like X, got shape {pts.shape}")
    if not isinstance(shape, tuple | list) or len(shape) == 0:
        raise ValueError(f"shape must be a tuple of sizes such as (120, 120), got {shape!r}")
    dims = tuple(validate_int(s, f"shape[{i}]", low=1) for i, s in enumerate(shape))
    if int(np.prod(dims)) != len(pts):
        raise ValueError(f"shape must hold len(points) = {len(pts)} values, got {shape!r}")
    return pts, dims


def live_fits(
    X: Any,
    y: Any,
    points: Any,
    shape: Sequence[int],
    *,
    weight_decays: Sequence[float] | None = None,
    rates: Sequence[float] | None = None,
    X_val: Any = None,
    y_val: Any = None,
    hidden: Sequence[int] = (64, 64),
    n_steps: int = 400,
    lr: float = 0.5,
    momentum: float = 0.9,
    seed: int | None = None,
) -> LiveFits:
    """Prepare :func:`fit_tiny_mlp` for each value of a slider: weight decays or dropout rates.

    Nothing is trained here: :meth:`LiveFits.at` trains a value the first time it is asked for, from the same
    seeded initialisation (never warm-started from another value), and caches it. A value always gives the same
    network, whatever was asked before.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
        Training points.
    y : array-like of shape (n_samples,)
        Their labels, 0 or 1.
    points : array-like of shape (n_points, n_features)
        Where each network's probability of class 1 is read (e.g. ``regviz.plots.boundary_grid(X).points``).
    shape : tuple of int
        Shape the probabilities are reshaped to, holding ``n_points`` values.
    weight_decays, rates : sequence of float or None, default=None
        The slider's values, strictly increasing; give exactly one. Weight decays are ``>= 0`` and below
        ``1 / lr``; dropout rates in [0, 1).
    X_val, y_val : array-like or None, default=None
        Validation data (give both or neither).
    hidden, n_steps, lr, momentum, seed
        Passed to :func:`fit_tiny_mlp`.

    Returns
    -------
    LiveFits
        ``fits.at(value)`` is the :class:`GridFit` of one value.

    """
    X_arr, y_arr = _validate_binary(X, y)
    X_v, y_v = _validate_val(X_val, y_val)
    pts, dims = _validate_grid(points, shape, X_arr.shape[1])
    if (weight_decays is None) == (rates is None):
        raise ValueError("give exactly one of weight_decays and rates (the values the slider moves through)")
    kwargs: dict[str, Any] = {
        "hidden": _validate_hidden(hidden),
        "n_steps": validate_int(n_steps, "n_steps", low=1, high=100_000),
        "lr": validate_real(lr, "lr", low=0, low_open=True),
        "momentum": validate_real(momentum, "momentum", low=0, high=1, high_open=True),
        "seed": validate_seed(seed),
    }
    if weight_decays is not None:
        options = _validate_options(weight_decays, "weight_decays", low=0.0, high=None, high_open=False)
        _validate_decay_step(options[-1], kwargs["lr"], name="weight_decays[-1]")
        param = "weight_decay"
    else:
        options = _validate_options(rates, "rates", low=0.0, high=1.0, high_open=True)
        param = "dropout"
    return LiveFits(param, tuple(options), X_arr, y_arr, X_v, y_v, pts, dims, kwargs)


# --------------------------------------------------------------------------- learning curves, made drawable

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


@dataclass(frozen=True)
class LearningCurves:
    """One metric of several histories, ready to draw (see :func:`learning_curves`).

    Attributes
    ----------
    keys : tuple of float
        The hyperparameter values, increasing.
    train, val : dict of float to ndarray
        The metric per epoch, for each value, as recorded (NaN or inf where a run diverged).
    train_shown, val_shown : dict of float to ndarray
        The same with NaN where a value is not drawn (not finite, or blown up beyond ``limit``).
    final_train, final_val : ndarray of shape (n_keys,)
        The last epoch's values, one per key, as recorded; ``final_train_shown``, ``final_val_shown`` as drawn.
    limit : float
        The largest size drawn: 100 times the median size of all finite values (inf if that is 0).
    ylim : (float, float)
        Axis limits holding every drawn value of every history, with a 5 % margin.
    n_epochs_max : int
        The longest history's number of epochs.

    """

    keys: tuple[float, ...]
    train: dict[float, NDArray[np.float64]]
    val: dict[float, NDArray[np.float64]]
    train_shown: dict[float, NDArray[np.float64]]
    val_shown: dict[float, NDArray[np.float64]]
    final_train: NDArray[np.float64]
    final_val: NDArray[np.float64]
    final_train_shown: NDArray[np.float64]
    final_val_shown: NDArray[np.float64]
    limit: float
    ylim: tuple[float, float]
    n_epochs_max: int


def learning_curves(histories: Mapping[float, Any], metric: str = "accuracy") -> LearningCurves:
    """Read one history per hyperparameter value and make one metric of them drawable.

    A run that diverged is kept, not refused: its non-finite epochs (NaN, or an infinite loss) become gaps, and so
    do values more than 100 times the median size of all the values (the astronomically large losses a run reaches
    just before NaN), which would otherwise squash every other curve flat.

    Parameters
    ----------
    histories : mapping of float to History or mapping
        One history per hyperparameter value (at least two values), each a :class:`regviz.train.History` or a
        mapping with ``train_loss``, ``train_acc``, ``val_loss`` and ``val_acc`` lists of equal length;
        accuracies in [0, 1], any entry NaN or infinite for a diverged epoch.
    metric : {"accuracy", "loss"}, default="accuracy"
        Which curves; at least one of their values must be finite.

    Returns
    -------
    LearningCurves
        The curves, their last epochs and the common axis limits.

    Raises
    ------
    ValueError
        If ``histories`` has fewer than two values, a key is not a finite number, a history lacks an entry or
        has entries of different lengths or non-numeric values, an accuracy lies outside [0, 1], or no value of
        ``metric`` is finite in any history (nothing to draw).

    """
    if not isinstance(histories, Mapping) or len(histories) < 2:
        raise ValueError("histories must map at least 2 hyperparameter values to their histories")
    validate_choice(metric, "metric", sorted(_METRICS))
    keys = sorted(validate_real(k, "histories key") for k in histories)
    by_key = {validate_real(k, "histories key"): k for k in histories}
    curves = {k: _history_dict(histories[by_key[k]], f"histories[{k:g}]") for k in keys}
    train_key, val_key = _METRICS[metric]
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
    train = {k: curves[k][train_key] for k in keys}
    val = {k: curves[k][val_key] for k in keys}
    return LearningCurves(
        keys=tuple(keys),
        train=train,
        val=val,
        train_shown={k: _gaps(v, limit) for k, v in train.items()},
        val_shown={k: _gaps(v, limit) for k, v in val.items()},
        final_train=finals_train,
        final_val=finals_val,
        final_train_shown=_gaps(finals_train, limit),
        final_val_shown=_gaps(finals_val, limit),
        limit=limit,
        ylim=(low - pad, high + pad),
        n_epochs_max=n_max,
    )
