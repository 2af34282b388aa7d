"""A compact, reproducible training loop for the course's PyTorch notebooks (08 onwards).

The loop the source articles write feeds a ``DataLoader`` that copies every
mini-batch from host memory, one sample at a time. :func:`fit` moves the data
to the device **once**, draws one seeded permutation of the indices per epoch
and slices each batch on the device: no ``DataLoader``, no per-batch host
copies, and the same history bit for bit on the CPU for the same ``seed``.

* :func:`to_tensors` — NumPy arrays or tensors to ``float32`` inputs and
  ``int64`` labels on a device.
* :func:`param_groups` — weights decayed, biases and normalisation parameters not.
* :func:`fit` — mini-batch training with validation, weight decay, an L1
  penalty, early stopping with best-weight restore, a progress bar and a callback.
* :func:`evaluate` — mean loss and accuracy in evaluation mode.

This module imports PyTorch; ``import regviz`` does not (submodules load lazily).
"""

from __future__ import annotations

import copy
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import torch
from torch import nn
from tqdm.auto import tqdm

from ._validation import validate_bool, validate_callable, validate_choice, validate_int, validate_real, validate_seed
from .device import get_device

__all__ = ["History", "evaluate", "fit", "param_groups", "predict", "to_tensors"]

_OPTIMIZERS = ("sgd", "adam", "adamw")
_TRAIN_METRICS = ("running", "eval")


@dataclass(frozen=True)
class History:
    """Per-epoch record of one call to :func:`fit`.

    Attributes
    ----------
    train_loss, train_acc : list of float
        Mean loss and accuracy on the training data, one value per epoch
        completed (see ``train_metrics`` in :func:`fit` for how they are measured).
    val_loss, val_acc : list of float
        The same on the validation data, in evaluation mode; empty lists when
        :func:`fit` got no validation data.
    best_epoch : int
        1-based epoch with the lowest ``val_loss`` (the first one on ties), or
        the last epoch when there is no validation data.
    stopped_early : bool
        Whether training stopped before ``n_epochs`` (early stopping or a
        callback returning True).

    """

    train_loss: list[float]
    train_acc: list[float]
    val_loss: list[float]
    val_acc: list[float]
    best_epoch: int
    stopped_early: bool

    @property
    def n_epochs(self) -> int:
        """Number of epochs completed."""
        return len(self.train_loss)

    def as_dict(self) -> dict[str, list[float]]:
        """The four per-epoch lists by name, as :func:`regviz.plots.plot_curves` reads them (``keys=...``).

        Returns
        -------
        dict of str to list of float
            Keys ``"train_loss"``, ``"train_acc"``, ``"val_loss"``, ``"val_acc"``
            (copies: changing them leaves the history untouched).

        """
        return {
            "train_loss": list(self.train_loss),
            "train_acc": list(self.train_acc),
            "val_loss": list(self.val_loss),
            "val_acc": list(self.val_acc),
        }


# --------------------------------------------------------------------------- helpers


def _validate_module(model: Any) -> nn.Module:
    if not isinstance(model, nn.Module):
        raise ValueError(f"model must be a torch.nn.Module, got {type(model).__name__}")
    return model


def _resolve_device(device: Any) -> torch.device:
    if device is None:
        return get_device()
    if isinstance(device, torch.device | str):
        try:
            return get_device(str(device))
        except ValueError as exc:
            raise ValueError(f"device must be an available device ('cpu', 'cuda', 'cuda:N', 'mps'): {exc}") from exc
    raise ValueError(f"device must be None, a string such as 'cpu' or 'cuda', or a torch.device, got {device!r}")


def _model_device(model: nn.Module) -> torch.device:
    for param in model.parameters():
        return param.device
    for buffer in model.buffers():
        return buffer.device
    return get_device()


def predict(model: Any, X: Any, *, batch_size: int = 1024, device: Any = None, flatten: bool = True) -> np.ndarray:
    """Predicted class of each sample (largest logit; logit > 0 for a single output), in evaluation mode.

    Parameters
    ----------
    model : torch.nn.Module
        A classifier returning logits; its training mode is restored afterwards.
    X : array-like or Tensor of shape (n_samples, ...)
        Inputs (flattened as in :func:`to_tensors`).
    batch_size : int, default=1024
        Samples per forward pass, ``>= 1``.
    device : str, torch.device or None, default=None
        Where to predict; the device of the model's parameters when None (the CPU for a model without any).
    flatten : bool, default=True
        Flatten inputs with more than two dimensions.

    Returns
    -------
    ndarray of shape (n_samples,), int64
        The predicted classes, on the host.

    """
    model = _validate_module(model)
    batch_size = validate_int(batch_size, "batch_size", low=1)
    validate_bool(flatten, "flatten")
    dev = _resolve_device(device) if device is not None else _model_device(model)
    model.to(dev)
    X_t = _as_tensor(X, "X")
    X_t, _ = to_tensors(X_t, torch.zeros(len(X_t), dtype=torch.int64), device=dev, flatten=flatten)
    _validate_fits(model, X_t, torch.zeros(1, dtype=torch.int64, device=dev), "X", "y")
    was_training = model.training
    model.eval()
    try:
        with torch.no_grad():
            outs = [model(X_t[i : i + batch_size]) for i in range(0, len(X_t), batch_size)]
    finally:
        model.train(was_training)
    logits = torch.cat(outs)
    classes = (logits.reshape(-1) > 0).long() if _single_logit(logits) else logits.argmax(dim=1)
    return classes.cpu().numpy().astype(np.int64)


def _as_tensor(value: Any, name: str) -> torch.Tensor:
    if isinstance(value, torch.Tensor):
        return value.detach()
    try:
        arr = np.asarray(value)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{name} must be a NumPy array or a torch.Tensor, got {type(value).__name__}") from exc
    if not (np.issubdtype(arr.dtype, np.number) or arr.dtype == np.bool_):
        raise ValueError(f"{name} must hold numbers, got dtype {arr.dtype}")
    return torch.from_numpy(np.ascontiguousarray(arr))


def to_tensors(
    X: Any, y: Any, *, device: Any = None, flatten: bool = True, names: tuple[str, str] = ("X", "y")
) -> tuple[torch.Tensor, torch.Tensor]:
    """Convert inputs and class labels to tensors on one device, once.

    Parameters
    ----------
    X : array-like or Tensor of shape (n_samples, n_features) or (n_samples, ...)
        Inputs; converted to ``float32`` (values are not rescaled: pass MNIST
        pixels in [0, 1], e.g. ``load_mnist_5k(as_float=True)``).
    y : array-like or Tensor of shape (n_samples,)
        Class labels, whole numbers ``>= 0``; converted to ``int64``.
    device : str, torch.device or None, default=None
        Where to put them; :func:`regviz.device.get_device` when None.
    flatten : bool, default=True
        Reshape inputs with more than two dimensions (images) to
        ``(n_samples, -1)``, as an MLP expects. Pass False for a convolutional model.
    names : (str, str), default=("X", "y")
        What the error messages call the two arguments (e.g. ``("X_val", "y_val")``).

    Returns
    -------
    X : Tensor of shape (n_samples, n_features), float32
    y : Tensor of shape (n_samples,), int64

    Raises
    ------
    ValueError
        If the shapes disagree, ``X`` holds NaN or inf, or ``y`` holds
        anything but whole numbers ``>= 0``.

    """
    validate_bool(flatten, "flatten")
    if not (isinstance(names, tuple) and len(names) == 2 and all(isinstance(n, str) and n for n in names)):
        raise ValueError(f"names must be a pair of non-empty strings, got {names!r}")
    return _tensors(X, y, _resolve_device(device), flatten, *names)


def _tensors(X: Any, y: Any, dev: Any, flatten: bool, xn: str, yn: str) -> tuple[torch.Tensor, torch.Tensor]:
    """:func:`to_tensors` on a resolved device; the error messages name ``xn`` and ``yn``."""
    X_t = _as_tensor(X, xn)
    y_t = _as_tensor(y, yn)
    if X_t.ndim < 1 or X_t.shape[0] == 0:
        raise ValueError(f"{xn} must have at least one sample, got shape {tuple(X_t.shape)}")
    if X_t.ndim == 1:
        raise ValueError(
            f"{xn} must have shape (n_samples, n_features), got shape {tuple(X_t.shape)}; reshape(-1, 1) for one feature"
        )
    if y_t.ndim != 1:
        raise ValueError(f"{yn} must have shape (n_samples,), got shape {tuple(y_t.shape)}")
    if X_t.shape[0] != y_t.shape[0]:
        raise ValueError(
            f"{xn} and {yn} must have the same number of samples: {xn} has {X_t.shape[0]}, {yn} has {y_t.shape[0]}"
        )
    X_t = X_t.to(dtype=torch.float32)  # checked where the data are (usually the CPU), then moved once
    if flatten and X_t.ndim > 2:
        X_t = X_t.reshape(X_t.shape[0], -1)
    if not bool(torch.isfinite(X_t).all()):
        raise ValueError(f"{xn} must contain only finite values (no NaN or inf)")
    if y_t.is_floating_point() and not (bool(torch.isfinite(y_t).all()) and bool((y_t == torch.round(y_t)).all())):
        raise ValueError(f"{yn} must hold class labels (whole numbers >= 0), got non-integer values")
    y_t = y_t.to(dtype=torch.int64)
    if bool((y_t < 0).any()):
        raise ValueError(f"{yn} must hold class labels >= 0, got minimum {int(y_t.min())}")
    X_t, y_t = X_t.to(device=dev), y_t.to(device=dev)
    return X_t, y_t


def param_groups(model: Any, weight_decay: float) -> list[dict[str, Any]]:
    """Split a model's trainable parameters into a decayed and a non-decayed group.

    Weight matrices and convolution kernels (parameters with two or more
    dimensions) get ``weight_decay``; biases and the scale and shift of
    normalisation layers (one-dimensional parameters) get 0. Decaying those
    only pulls the network away from a useful offset or scale, and regularises
    nothing (Loshchilov & Hutter, 2019; the usual practice since).

    Parameters
    ----------
    model : torch.nn.Module
        The model; parameters with ``requires_grad=False`` are left out.
    weight_decay : float
        Decay of the weight group, ``>= 0``.

    Returns
    -------
    list of dict
        Parameter groups for any ``torch.optim`` optimizer: ``{"params": [...],
        "weight_decay": weight_decay}`` then ``{"params": [...], "weight_decay": 0.0}``;
        an empty group is left out.

    Raises
    ------
    ValueError
        If ``model`` is not a module, has no trainable parameter, or ``weight_decay < 0``.

    Examples
    --------
    >>> import torch
    >>> groups = param_groups(torch.nn.Linear(3, 2), 1e-4)
    >>> [(len(g["params"]), g["weight_decay"]) for g in groups]
    [(1, 0.0001), (1, 0.0)]

    """
    model = _validate_module(model)
    weight_decay = validate_real(weight_decay, "weight_decay", low=0)
    decay: list[nn.Parameter] = []
    no_decay: list[nn.Parameter] = []
    for param in model.parameters():
        if param.requires_grad:
            (decay if param.ndim >= 2 else no_decay).append(param)
    if not decay and not no_decay:
        raise ValueError("model must have at least one trainable parameter")
    groups = []
    if decay:
        groups.append({"params": decay, "weight_decay": weight_decay})
    if no_decay:
        groups.append({"params": no_decay, "weight_decay": 0.0})
    return groups


def _first_linear_inputs(model: nn.Module) -> int | None:
    for module in model.modules():
        if isinstance(module, nn.Linear):
            return int(module.in_features)
    return None


def _validate_fits(model: nn.Module, X: torch.Tensor, y: torch.Tensor, x_name: str, y_name: str) -> None:
    """Run the model on one sample (evaluation mode, no gradient, no random draw) and check X and y fit it.

    Turns PyTorch's shape errors and out-of-range labels into ``ValueError`` naming the argument, before any
    training step: labels must be 0/1 for a model with one output, and below the number of outputs otherwise.
    """
    was_training = model.training
    model.eval()
    try:
        with torch.no_grad():
            outputs = model(X[:1])
    except RuntimeError as exc:
        expected = _first_linear_inputs(model)
        got = tuple(X.shape[1:])
        if expected is not None and X.ndim == 2 and X.shape[1] != expected:
            raise ValueError(
                f"{x_name} must have {expected} features per sample for this model (its first Linear layer takes "
                f"{expected}), got {X.shape[1]}"
            ) from exc
        raise ValueError(f"{x_name} of sample shape {got} does not fit the model: {exc}") from exc
    finally:
        model.train(was_training)
    if not isinstance(outputs, torch.Tensor) or outputs.ndim not in (1, 2) or outputs.shape[0] != 1:
        shape = tuple(outputs.shape) if isinstance(outputs, torch.Tensor) else type(outputs).__name__
        raise ValueError(f"model must return logits of shape (n_samples, n_classes), got {shape} for one sample")
    top = int(y.max()) if len(y) else 0
    if _single_logit(outputs):
        if top > 1:
            raise ValueError(
                f"{y_name} must hold 0/1 labels for a model with one output (a binary classifier), got labels up "
                f"to {top}; give the model one output per class for more classes"
            )
    elif top >= outputs.shape[1]:
        raise ValueError(
            f"{y_name} must hold labels in [0, {outputs.shape[1] - 1}] for a model with {outputs.shape[1]} outputs, "
            f"got label {top}"
        )


def _default_loss(outputs: torch.Tensor) -> nn.Module:
    return nn.BCEWithLogitsLoss() if _single_logit(outputs) else nn.CrossEntropyLoss()


def _single_logit(outputs: torch.Tensor) -> bool:
    return outputs.ndim == 1 or (outputs.ndim == 2 and outputs.shape[1] == 1)


def _loss(outputs: torch.Tensor, target: torch.Tensor, loss_fn: Callable[..., torch.Tensor]) -> torch.Tensor:
    if _single_logit(outputs):
        return loss_fn(outputs, target.to(outputs.dtype).reshape(outputs.shape))
    return loss_fn(outputs, target)


def _n_correct(outputs: torch.Tensor, target: torch.Tensor) -> torch.Tensor:
    """Number of correct predictions, as a 0-d tensor (no host sync)."""
    if _single_logit(outputs):
        return ((outputs.reshape(-1) > 0).long() == target).sum()
    return (outputs.argmax(dim=1) == target).sum()


def _loss_and_correct(
    outputs: torch.Tensor, target: torch.Tensor, loss_fn: Callable[..., torch.Tensor]
) -> tuple[torch.Tensor, torch.Tensor]:
    """Loss (a 0-d tensor) and the number of correct predictions (a 0-d tensor, no sync)."""
    return _loss(outputs, target, loss_fn), _n_correct(outputs, target)


def _evaluate_tensors(
    model: nn.Module, X: torch.Tensor, y: torch.Tensor, loss_fn: Callable[..., torch.Tensor] | None, batch_size: int
) -> tuple[float, float]:
    was_training = model.training
    model.eval()
    total_loss = torch.zeros((), dtype=torch.float64, device=X.device)
    total_correct = torch.zeros((), dtype=torch.int64, device=X.device)
    try:
        with torch.no_grad():
            for start in range(0, len(X), batch_size):
                xb, yb = X[start : start + batch_size], y[start : start + batch_size]
                outputs = model(xb)
                fn = loss_fn if loss_fn is not None else _default_loss(outputs)
                loss, correct = _loss_and_correct(outputs, yb, fn)
                total_loss += loss.double() * len(yb)
                total_correct += correct
    finally:
        model.train(was_training)
    n = len(X)
    return float(total_loss) / n, int(total_correct) / n


def evaluate(
    model: Any,
    X: Any,
    y: Any,
    *,
    loss_fn: Callable[..., torch.Tensor] | None = None,
    batch_size: int = 1024,
    device: Any = None,
    flatten: bool = True,
) -> tuple[float, float]:
    """Mean loss and accuracy of a classifier, in evaluation mode and without gradients.

    Parameters
    ----------
    model : torch.nn.Module
        Returns logits: shape (n_samples, n_classes), or (n_samples,) /
        (n_samples, 1) for one logit of class 1 in a binary problem. Its
        training mode is restored afterwards.
    X : array-like or Tensor of shape (n_samples, ...)
        Inputs.
    y : array-like or Tensor of shape (n_samples,)
        Class labels.
    loss_fn : callable or None, default=None
        ``loss_fn(logits, y)`` with mean reduction; ``nn.CrossEntropyLoss()``
        (``nn.BCEWithLogitsLoss()`` for a single logit) when None. Both take
        logits, never probabilities.
    batch_size : int, default=1024
        Samples per forward pass, ``>= 1`` (bounds memory only).
    device : str, torch.device or None, default=None
        Where to evaluate; the device of the model's parameters when None.
        The model is moved there if needed.
    flatten : bool, default=True
        Flatten inputs with more than two dimensions, as in :func:`to_tensors`.

    Returns
    -------
    loss : float
        Mean loss per sample.
    accuracy : float
        Fraction of samples whose predicted class (largest logit) is ``y``.

    """
    model = _validate_module(model)
    batch_size = validate_int(batch_size, "batch_size", low=1)
    if loss_fn is not None:
        validate_callable(loss_fn, "loss_fn")
    dev = _resolve_device(device) if device is not None else _model_device(model)
    model.to(dev)
    X_t, y_t = to_tensors(X, y, device=dev, flatten=flatten)
    _validate_fits(model, X_t, y_t, "X", "y")
    return _evaluate_tensors(model, X_t, y_t, loss_fn, batch_size)


def _make_optimizer(
    optimizer: Any, model: nn.Module, lr: float, momentum: float, weight_decay: float
) -> torch.optim.Optimizer:
    if callable(optimizer):
        params = (
            param_groups(model, weight_decay)
            if weight_decay > 0
            else [p for p in model.parameters() if p.requires_grad]
        )
        opt = optimizer(params)
        if not isinstance(opt, torch.optim.Optimizer):
            raise ValueError(f"optimizer must return a torch.optim.Optimizer when called, got {type(opt).__name__}")
        return opt
    validate_choice(optimizer, "optimizer", _OPTIMIZERS)
    groups = param_groups(model, weight_decay)
    if optimizer == "sgd":
        return torch.optim.SGD(groups, lr=lr, momentum=momentum)
    if momentum != 0:
        raise ValueError(
            f"momentum applies to optimizer='sgd' only, got momentum={momentum} with optimizer={optimizer!r}"
        )
    if optimizer == "adam":
        return torch.optim.Adam(groups, lr=lr)
    return torch.optim.AdamW(groups, lr=lr)


def _rng_fork(device: torch.device) -> Any:
    if device.type == "cuda":
        index = device.index if device.index is not None else torch.cuda.current_device()
        return torch.random.fork_rng(devices=[index], device_type="cuda")
    return torch.random.fork_rng(devices=[])


def fit(
    model: Any,
    X_train: Any,
    y_train: Any,
    *,
    X_val: Any = None,
    y_val: Any = None,
    loss_fn: Callable[..., torch.Tensor] | None = None,
    optimizer: str | Callable[[Any], torch.optim.Optimizer] = "sgd",
    lr: float = 0.1,
    momentum: float = 0.0,
    weight_decay: float = 0.0,
    l1: float = 0.0,
    n_epochs: int = 10,
    batch_size: int = 64,
    seed: int | None = None,
    device: Any = None,
    patience: int | None = None,
    min_delta: float = 0.0,
    restore_best: bool = True,
    train_metrics: str = "running",
    flatten: bool = True,
    progress: bool = False,
    callback: Callable[[int, History], bool | None] | None = None,
) -> History:
    r"""Train a classifier with mini-batch gradient steps; return its per-epoch history.

    Each step minimises the mean loss of a batch plus ``l1`` times the L1 norm of the weight matrices and kernels;
    ``weight_decay`` applies to those same weights only (:func:`param_groups`): an L2 penalty for SGD and Adam,
    decoupled decay for AdamW. The data go to ``device`` once; each epoch visits them in an order drawn from a
    generator seeded with ``seed``, which also seeds dropout inside this call (the caller's RNG state is restored).

    Parameters
    ----------
    model : torch.nn.Module
        Returns logits (no softmax); moved to ``device`` and trained in place.
    X_train, y_train : array-like or Tensor of shape (n_samples, ...) and (n_samples,)
        Training inputs (flattened if ``flatten``) and class labels.
    X_val, y_val : array-like or Tensor or None, default=None
        Validation data, both or neither; evaluated after every epoch.
    loss_fn : callable or None, default=None
        ``loss_fn(logits, y)``, mean reduction; cross-entropy (BCE with logits for one output) when None.
    optimizer : {"sgd", "adam", "adamw"} or callable, default="sgd"
        Or ``optimizer(params)`` returning a ``torch.optim.Optimizer`` (``lr`` and ``momentum`` then unused).
    lr, momentum, weight_decay, l1 : float, default=0.1, 0.0, 0.0, 0.0
        ``lr > 0``; SGD ``momentum`` in [0, 1); ``weight_decay >= 0`` (``< 1 / lr`` for SGD, AdamW); ``l1 >= 0``.
    n_epochs, batch_size : int, default=10, 64
        Most passes over the data and samples per step, ``>= 1`` (the last batch may be smaller).
    seed : int or None, default=None
        In ``[0, 2**32 - 1]``; None: the course seed ``regviz.device.seed()``.
    device : str, torch.device or None, default=None
        Where to train; :func:`regviz.device.get_device` when None.
    patience, min_delta, restore_best : int or None, float, bool, default=None, 0.0, True
        Stop after ``patience >= 1`` epochs without ``val_loss`` dropping by more than ``min_delta >= 0``
        (needs validation data); ``restore_best`` then loads the best epoch's weights back.
    train_metrics : {"running", "eval"}, default="running"
        Training loss and accuracy averaged over the epoch's batches in training mode, or recomputed on the
        whole training set in evaluation mode (comparable with ``val_loss`` under dropout or batch norm).
    flatten, progress : bool, default=True, False
        Flatten inputs of more than two dimensions (:func:`to_tensors`); show a ``tqdm`` bar.
    callback : callable or None, default=None
        ``callback(epoch, history_so_far)`` after each epoch (1-based); returning True stops training.

    Returns
    -------
    History
        Per-epoch losses (without the L1 term) and accuracies, the best epoch, whether it stopped early.

    Raises
    ------
    ValueError
        If an argument is out of range, the data disagree, or only one of ``X_val``, ``y_val`` is given.

    """
    settings = _validate_settings(**locals())  # every argument of fit, checked in one place
    dev = _resolve_device(device)
    data = _fit_data(model, X_train, y_train, X_val, y_val, dev, flatten)
    opt = _make_optimizer(optimizer, model, settings.lr, settings.momentum, settings.weight_decay)
    return _train(model, data, opt, settings, dev, progress)


def _train(
    model: nn.Module, data: _FitData, opt: torch.optim.Optimizer, settings: _Settings, dev: torch.device, progress: bool
) -> History:
    """The epochs of :func:`fit`, on checked arguments; the global RNG is forked and seeded for dropout."""
    penalised = [p for p in model.parameters() if p.requires_grad and p.ndim >= 2] if settings.l1 > 0 else []
    generator = torch.Generator().manual_seed(settings.seed)
    record = _Record()
    loss_fn = settings.loss_fn  # the default loss is chosen on the first batch, once
    stopped_early = False
    with _rng_fork(dev):
        torch.manual_seed(settings.seed)
        bar = tqdm(range(1, settings.n_epochs + 1), desc="epochs", unit="epoch", disable=not progress, leave=True)
        for epoch in bar:
            order = torch.randperm(len(data.X_tr), generator=generator).to(dev)
            loss_fn = _train_epoch(model, opt, data, order, loss_fn, penalised, settings, record)
            record.validate(model, data, epoch, settings)
            if progress:
                bar.set_postfix(record.postfix())
            if _should_stop(epoch, record, settings):
                stopped_early = True
                break
        bar.close()
    if record.best_state is not None:
        model.load_state_dict(record.best_state)
    return record.history(stopped_early)


@dataclass(frozen=True)
class _Settings:
    """The checked scalar arguments of :func:`fit`."""

    lr: float
    momentum: float
    weight_decay: float
    l1: float
    n_epochs: int
    batch_size: int
    seed: int
    patience: int | None
    min_delta: float
    restore_best: bool
    train_metrics: str
    loss_fn: Callable[..., torch.Tensor] | None
    callback: Callable[[int, History], bool | None] | None


def _validate_settings(
    model: Any,
    X_train: Any,
    y_train: Any,
    *,
    X_val: Any,
    y_val: Any,
    loss_fn: Any,
    optimizer: Any,
    lr: Any,
    momentum: Any,
    weight_decay: Any,
    l1: Any,
    n_epochs: Any,
    batch_size: Any,
    seed: Any,
    device: Any,
    patience: Any,
    min_delta: Any,
    restore_best: Any,
    train_metrics: Any,
    flatten: Any,
    progress: Any,
    callback: Any,
) -> _Settings:
    """Check every argument of :func:`fit` but the data and the device; raise ``ValueError`` on the first bad one."""
    _validate_module(model)
    lr = validate_real(lr, "lr", low=0, low_open=True)
    momentum = validate_real(momentum, "momentum", low=0, high=1, high_open=True)
    weight_decay = validate_real(weight_decay, "weight_decay", low=0)
    l1 = validate_real(l1, "l1", low=0)
    n_epochs = validate_int(n_epochs, "n_epochs", low=1)
    batch_size = validate_int(batch_size, "batch_size", low=1)
    seed = validate_seed(seed)
    if patience is not None:
        patience = validate_int(patience, "patience", low=1)
    min_delta = validate_real(min_delta, "min_delta", low=0)
    validate_choice(train_metrics, "train_metrics", _TRAIN_METRICS)
    for flag, name in ((restore_best, "restore_best"), (progress, "progress"), (flatten, "flatten")):
        validate_bool(flag, name)
    if loss_fn is not None:
        validate_callable(loss_fn, "loss_fn")
    if callback is not None:
        validate_callable(callback, "callback")
    if (X_val is None) != (y_val is None):
        raise ValueError("X_val and y_val must be given together (or both left None)")
    if patience is not None and X_val is None:
        raise ValueError("patience needs validation data: pass X_val and y_val, or patience=None")
    if isinstance(optimizer, str) and optimizer in ("sgd", "adamw") and lr * weight_decay >= 1:
        raise ValueError(
            f"weight_decay must be < 1 / lr = {1 / lr:g} with optimizer={optimizer!r} (each step multiplies the "
            f"weights by 1 - lr * weight_decay = {1 - lr * weight_decay:g}), got weight_decay={weight_decay:g}"
        )
    return _Settings(
        lr,
        momentum,
        weight_decay,
        l1,
        n_epochs,
        batch_size,
        seed,
        patience,
        min_delta,
        restore_best,
        train_metrics,
        loss_fn,
        callback,
    )


@dataclass(frozen=True)
class _FitData:
    """Training (and validation) tensors on the training device."""

    X_tr: torch.Tensor
    y_tr: torch.Tensor
    X_va: torch.Tensor | None
    y_va: torch.Tensor | None


def _fit_data(
    model: nn.Module, X_train: Any, y_train: Any, X_val: Any, y_val: Any, dev: torch.device, flatten: bool
) -> _FitData:
    """Move the data to ``dev`` once, move the model there, and check that both fit the model."""
    X_tr, y_tr = _tensors(X_train, y_train, dev, flatten, "X_train", "y_train")
    X_va = y_va = None
    if X_val is not None:
        X_va, y_va = _tensors(X_val, y_val, dev, flatten, "X_val", "y_val")
        if X_va.shape[1:] != X_tr.shape[1:]:
            raise ValueError(
                f"X_val must have the feature shape of X_train {tuple(X_tr.shape[1:])}, got {tuple(X_va.shape[1:])}"
            )
    model.to(dev)
    _validate_fits(model, X_tr, y_tr, "X_train", "y_train")
    if X_va is not None and y_va is not None:
        _validate_fits(model, X_va, y_va, "X_val", "y_val")
    return _FitData(X_tr, y_tr, X_va, y_va)


@dataclass
class _Record:
    """What :func:`fit` has measured so far, and the best validation epoch (mutable, one per call)."""

    train_loss: list[float] = field(default_factory=list)
    train_acc: list[float] = field(default_factory=list)
    val_loss: list[float] = field(default_factory=list)
    val_acc: list[float] = field(default_factory=list)
    best_loss: float = math.inf
    best_epoch: int = 0
    best_state: dict[str, torch.Tensor] | None = None

    def history(self, stopped_early: bool) -> History:
        """A :class:`History` holding copies of the lists."""
        return History(
            list(self.train_loss),
            list(self.train_acc),
            list(self.val_loss),
            list(self.val_acc),
            max(self.best_epoch, 1),
            stopped_early,
        )

    def validate(self, model: nn.Module, data: _FitData, epoch: int, settings: _Settings) -> None:
        """Evaluate on the validation data (if any) and remember the best epoch (and its weights)."""
        if data.X_va is None or data.y_va is None:
            self.best_epoch = epoch
            return
        v_loss, v_acc = _evaluate_tensors(model, data.X_va, data.y_va, settings.loss_fn, 1024)
        self.val_loss.append(v_loss)
        self.val_acc.append(v_acc)
        if v_loss < self.best_loss - settings.min_delta:
            self.best_loss, self.best_epoch = v_loss, epoch
            if settings.patience is not None and settings.restore_best:
                self.best_state = copy.deepcopy(model.state_dict())

    def postfix(self) -> dict[str, str]:
        """The progress bar's text: the last training (and validation) loss."""
        postfix = {"loss": f"{self.train_loss[-1]:.4f}"}
        if self.val_loss:
            postfix["val_loss"] = f"{self.val_loss[-1]:.4f}"
        return postfix


def _train_epoch(
    model: nn.Module,
    opt: torch.optim.Optimizer,
    data: _FitData,
    order: torch.Tensor,
    loss_fn: Callable[..., torch.Tensor] | None,
    penalised: list[nn.Parameter],
    settings: _Settings,
    record: _Record,
) -> Callable[..., torch.Tensor] | None:
    """One pass over the training data in ``order``; append its training loss and accuracy to ``record``.

    Returns the loss function used (the default one is chosen on the first batch of the first epoch).
    """
    model.train()
    n, batch_size, l1 = len(data.X_tr), settings.batch_size, settings.l1
    X_epoch, y_epoch = data.X_tr[order], data.y_tr[order]  # one gather per epoch; batches are then views
    batch_losses: list[torch.Tensor] = []
    batch_outputs: list[torch.Tensor] = []
    for start in range(0, n, batch_size):
        xb, yb = X_epoch[start : start + batch_size], y_epoch[start : start + batch_size]
        outputs = model(xb)
        if loss_fn is None:
            loss_fn = _default_loss(outputs)
        loss = _loss(outputs, yb, loss_fn)
        objective = loss + l1 * sum(p.abs().sum() for p in penalised) if penalised else loss
        opt.zero_grad(set_to_none=True)
        objective.backward()
        opt.step()
        batch_losses.append(loss.detach())
        batch_outputs.append(outputs.detach())
    if settings.train_metrics == "eval":
        epoch_loss, epoch_acc = _evaluate_tensors(model, data.X_tr, data.y_tr, settings.loss_fn, 1024)
    else:
        sizes = torch.tensor([len(o) for o in batch_outputs], dtype=torch.float64, device=data.X_tr.device)
        epoch_loss = float(torch.stack(batch_losses).double() @ sizes) / n
        epoch_acc = int(_n_correct(torch.cat(batch_outputs), y_epoch)) / n
    record.train_loss.append(epoch_loss)
    record.train_acc.append(epoch_acc)
    return loss_fn


def _should_stop(epoch: int, record: _Record, settings: _Settings) -> bool:
    """Whether the callback asks to stop, or ``patience`` epochs passed without improvement (never at the last)."""
    callback = settings.callback
    if callback is not None and callback(epoch, record.history(False)) is True and epoch < settings.n_epochs:
        return True
    patience = settings.patience
    return patience is not None and epoch - max(record.best_epoch, 1) >= patience and epoch < settings.n_epochs
