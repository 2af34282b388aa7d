"""Experiments for the capstone (notebook 14): configurations over seeds, TensorBoard logs.

One training run is noisy: its seed fixes the initial weights, the order of the
mini-batches and the dropout masks, and two seeds of the same configuration can
differ by more than two configurations do. This module runs a configuration over
several seeds, so that comparisons are made on means with a margin, never on one
lucky run.

* :class:`RunConfig` — one training configuration (architecture, regularization,
  optimiser settings), validated when built.
* :class:`ResidualBlock` — a hidden layer that adds its input back, ``y = x + f(x)``
  (``RunConfig(residual=True)`` stacks them).
* :func:`make_model`, :func:`run_config`, :func:`run_seeds` — build and train.
* :class:`TensorBoardLogger`, :func:`read_scalars`, :func:`runs_dir` — log each
  run for TensorBoard and read the event files back.
* :func:`predict_classes`, :func:`count_parameters` — small helpers.

This module imports PyTorch; ``import regviz`` does not (submodules load lazily).
"""

from __future__ import annotations

import dataclasses
import os
import re
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import torch
from numpy.typing import NDArray
from torch import nn

from ._validation import SEED_MAX, validate_bool, validate_choice, validate_int, validate_real, validate_seed
from .models import INITS, init_weights, make_mlp
from .train import History, fit, to_tensors

__all__ = [
    "TAGS",
    "ResidualBlock",
    "RunConfig",
    "count_parameters",
    "make_model",
    "predict_classes",
    "read_scalars",
    "run_config",
    "run_seeds",
    "runs_dir",
]

RUNS_ENV_VAR = "REGVIZ_RUNS_DIR"
"""Environment variable that overrides :func:`runs_dir`."""

TAGS: dict[str, str] = {
    "train_loss": "train/loss",
    "train_acc": "train/accuracy",
    "val_loss": "validation/loss",
    "val_acc": "validation/accuracy",
}
"""TensorBoard tag under which :class:`TensorBoardLogger` writes each :class:`~regviz.train.History` entry."""

_NAME_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.+-]*$")
_EVENT_PREFIX = "events.out.tfevents."


# --------------------------------------------------------------------------- models


class ResidualBlock(nn.Module):
    r"""A residual block of constant width: :math:`y = x + f(x)`.

    ``f`` is ``ReLU → [Dropout] → Linear`` (the *pre-activation* order of He
    et al., 2016, *Identity mappings in deep residual networks*): the block adds
    a learned correction to its input, and with ``f = 0`` it is the identity, so
    the gradient always has a direct path back through ``x``. A stack of layers
    without the ``x +`` is not a residual network, whatever it is called.

    Parameters
    ----------
    width : int
        Number of features in and out, ``>= 1``.
    dropout : float, default=0.0
        Drop probability inside ``f``, in [0, 1).

    Attributes
    ----------
    f : torch.nn.Sequential
        The residual branch; ``block(x) - x`` equals ``block.f(x)``.

    """

    def __init__(self, width: int, *, dropout: float = 0.0) -> None:
        super().__init__()
        width = validate_int(width, "width", low=1)
        dropout = validate_real(dropout, "dropout", low=0, high=1, high_open=True)
        layers: list[nn.Module] = [nn.ReLU()]
        if dropout > 0:
            layers.append(nn.Dropout(dropout))
        layers.append(nn.Linear(width, width))
        self.f = nn.Sequential(*layers)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """Return ``x + f(x)``."""
        return x + self.f(x)


def _residual_mlp(
    n_inputs: int = 784,
    width: int = 128,
    n_blocks: int = 1,
    n_outputs: int = 10,
    *,
    dropout: float = 0.0,
    input_dropout: float = 0.0,
) -> nn.Sequential:
    """Build an MLP whose hidden layers are residual blocks; it returns logits.

    The layers are ``[Dropout(input_dropout)] → Linear(n_inputs, width) →
    n_blocks × ResidualBlock(width) → ReLU → [Dropout] → Linear(width, n_outputs)``.
    It has exactly the parameters of ``make_mlp(n_inputs, (width,) * (n_blocks + 1),
    n_outputs)``: each block replaces one hidden layer ``h ↦ ReLU(W h + b)`` by
    ``z ↦ z + W ReLU(z) + b``. With ``n_blocks=0`` the two networks are the same
    function, and, built after the same ``torch.manual_seed``, have the same weights.

    Parameters
    ----------
    n_inputs : int, default=784
        Input features, ``>= 1``.
    width : int, default=128
        Width of every hidden layer, ``>= 1``.
    n_blocks : int, default=1
        Number of residual blocks, ``>= 0``.
    n_outputs : int, default=10
        Output logits, ``>= 1``.
    dropout : float, default=0.0
        Drop probability inside each block and before the output layer, in [0, 1).
    input_dropout : float, default=0.0
        Drop probability on the raw input, in [0, 1); keep it light (about 0.2).

    Returns
    -------
    torch.nn.Sequential

    Examples
    --------
    >>> import torch
    >>> _ = torch.manual_seed(0)
    >>> model = _residual_mlp(784, 32, 2, 10)
    >>> model(torch.zeros(5, 784)).shape
    torch.Size([5, 10])

    """
    n_inputs = validate_int(n_inputs, "n_inputs", low=1)
    width = validate_int(width, "width", low=1)
    n_blocks = validate_int(n_blocks, "n_blocks", low=0)
    n_outputs = validate_int(n_outputs, "n_outputs", low=1)
    dropout = validate_real(dropout, "dropout", low=0, high=1, high_open=True)
    input_dropout = validate_real(input_dropout, "input_dropout", low=0, high=1, high_open=True)
    layers: list[nn.Module] = []
    if input_dropout > 0:
        layers.append(nn.Dropout(input_dropout))
    layers.append(nn.Linear(n_inputs, width))
    layers += [ResidualBlock(width, dropout=dropout) for _ in range(n_blocks)]
    layers.append(nn.ReLU())
    if dropout > 0:
        layers.append(nn.Dropout(dropout))
    layers.append(nn.Linear(width, n_outputs))
    return nn.Sequential(*layers)


def count_parameters(model: Any) -> int:
    """Number of trainable parameters (elements) of a model.

    Parameters
    ----------
    model : torch.nn.Module
        The model.

    Returns
    -------
    int

    """
    if not isinstance(model, nn.Module):
        raise ValueError(f"model must be a torch.nn.Module, got {type(model).__name__}")
    return sum(p.numel() for p in model.parameters() if p.requires_grad)


# --------------------------------------------------------------------------- configurations


@dataclass(frozen=True)
class RunConfig:
    """One training configuration: architecture, regularization and optimiser settings.

    Training is mini-batch SGD with momentum (:func:`regviz.train.fit`), whose
    ``weight_decay`` is exactly an L2 penalty ``weight_decay / 2 * ||W||²`` on
    the weights (biases are not decayed).

    Parameters
    ----------
    name : str
        Short label, also the TensorBoard run name: letters, digits and
        ``_ . + -``, starting with a letter or digit.
    hidden : sequence of int, default=(128, 128)
        Width of each hidden layer, each ``>= 1``, at least one layer.
    residual : bool, default=False
        Build residual blocks (:class:`ResidualBlock`; all widths must then be equal; the
        first hidden layer is the stem, each further one a residual block)
        instead of :func:`regviz.models.make_mlp`. Same number of parameters,
        and, for the same seed and ``init``, the same initial weights.
    dropout : float, default=0.0
        Drop probability after each hidden layer, in [0, 1).
    input_dropout : float, default=0.0
        Drop probability on the raw input, in [0, 1).
    weight_decay : float, default=0.0
        L2 strength λ on the weights, ``>= 0``.
    lr : float, default=0.05
        Learning rate, ``> 0``.
    momentum : float, default=0.9
        SGD momentum, in [0, 1).
    batch_size : int, default=64
        Mini-batch size, ``>= 1``.
    n_epochs : int, default=15
        Passes over the training data, ``>= 1``.
    init : {"default", "xavier", "he", "normal"}, default="default"
        Initialisation of every ``Linear`` layer (:func:`regviz.models.init_weights`):
        ``"default"`` keeps PyTorch's, ``"he"`` draws the variance ``2 / fan_in``
        that keeps a plain ReLU network's signal from shrinking with depth.

    """

    name: str
    hidden: tuple[int, ...] = (128, 128)
    residual: bool = False
    dropout: float = 0.0
    input_dropout: float = 0.0
    weight_decay: float = 0.0
    lr: float = 0.05
    momentum: float = 0.9
    batch_size: int = 64
    n_epochs: int = 15
    init: str = "default"

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not _NAME_PATTERN.match(self.name):
            raise ValueError(
                f"name must be a non-empty string of letters, digits and '_.+-' (it names a folder), got {self.name!r}"
            )
        hidden = self.hidden
        if isinstance(hidden, int | str) or not isinstance(hidden, Sequence) or len(hidden) == 0:
            raise ValueError(f"hidden must be a non-empty sequence of layer widths such as (128, 128), got {hidden!r}")
        widths = tuple(validate_int(h, f"hidden[{i}]", low=1) for i, h in enumerate(hidden))
        object.__setattr__(self, "hidden", widths)
        object.__setattr__(self, "residual", validate_bool(self.residual, "residual"))
        if self.residual and len(set(widths)) != 1:
            raise ValueError(f"hidden must have equal widths when residual=True (a block adds its input), got {widths}")
        for field in ("dropout", "input_dropout"):
            object.__setattr__(self, field, validate_real(getattr(self, field), field, low=0, high=1, high_open=True))
        object.__setattr__(self, "weight_decay", validate_real(self.weight_decay, "weight_decay", low=0))
        object.__setattr__(self, "lr", validate_real(self.lr, "lr", low=0, low_open=True))
        object.__setattr__(self, "momentum", validate_real(self.momentum, "momentum", low=0, high=1, high_open=True))
        object.__setattr__(self, "batch_size", validate_int(self.batch_size, "batch_size", low=1))
        object.__setattr__(self, "n_epochs", validate_int(self.n_epochs, "n_epochs", low=1))
        validate_choice(self.init, "init", INITS)

    def replace(self, **changes: Any) -> RunConfig:
        """A copy with some fields changed (validated again).

        Parameters
        ----------
        **changes
            New values, by field name.

        Returns
        -------
        RunConfig

        """
        unknown = sorted(set(changes) - {f.name for f in dataclasses.fields(self)})
        if unknown:
            raise ValueError(f"changes must name fields of RunConfig, got unknown {unknown}")
        return dataclasses.replace(self, **changes)

    def describe(self) -> str:
        """One line naming the architecture and every setting that differs from no regularization.

        Returns
        -------
        str

        """
        arch = "-".join(str(h) for h in self.hidden) + (" residual" if self.residual else "")
        if self.init != "default":
            arch += f", {self.init} init"
        parts = [arch]
        if self.weight_decay > 0:
            parts.append(f"L2 {self.weight_decay:g}")
        if self.dropout > 0 or self.input_dropout > 0:
            parts.append(f"dropout {self.dropout:g} (input {self.input_dropout:g})")
        parts.append(f"lr {self.lr:.3g}, batch {self.batch_size}, {self.n_epochs} epochs")
        return ", ".join(parts)


def make_model(config: RunConfig, n_inputs: int = 784, n_outputs: int = 10, *, seed: int | None = None) -> nn.Module:
    """Build the model a configuration describes, with initial weights drawn from ``seed``.

    The seed is applied inside a forked random state: PyTorch's global generator
    is left as it was. A plain and a residual configuration that differ only in
    ``residual`` get the same initial weights for the same seed: the residual
    network builds its ``Linear`` layers in the same order, and ``config.init``
    redraws them in that order too.

    Parameters
    ----------
    config : RunConfig
        The configuration.
    n_inputs : int, default=784
        Input features, ``>= 1``.
    n_outputs : int, default=10
        Output logits (classes), ``>= 1``.
    seed : int or None, default=None
        ``None`` means the course seed ``regviz.device.seed()`` (shifted by ``REGVIZ_SEED_OFFSET``).
        Seed of the initial weights, in ``[0, 2**32 - 1]``.

    Returns
    -------
    torch.nn.Module
        A model that returns logits (no softmax).

    """
    if not isinstance(config, RunConfig):
        raise ValueError(f"config must be a RunConfig, got {type(config).__name__}")
    n_inputs = validate_int(n_inputs, "n_inputs", low=1)
    n_outputs = validate_int(n_outputs, "n_outputs", low=1)
    seed = validate_seed(seed)
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        if config.residual:
            model = _residual_mlp(
                n_inputs,
                config.hidden[0],
                len(config.hidden) - 1,
                n_outputs,
                dropout=config.dropout,
                input_dropout=config.input_dropout,
            )
            return init_weights(model, config.init)
        return make_mlp(
            n_inputs,
            config.hidden,
            n_outputs,
            dropout=config.dropout,
            input_dropout=config.input_dropout,
            init=config.init,
        )


# --------------------------------------------------------------------------- TensorBoard


def runs_dir() -> Path:
    """The folder TensorBoard logs go to: ``runs/`` at the repository root.

    ``REGVIZ_RUNS_DIR`` overrides it. The folder is ignored by git; view it with
    ``tensorboard --logdir runs``.

    Returns
    -------
    pathlib.Path
        The folder (not created here).

    """
    override = os.environ.get(RUNS_ENV_VAR)
    if override:
        return Path(override)
    return Path(__file__).resolve().parent.parent / "runs"


def _event_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob(_EVENT_PREFIX + "*") if p.is_file())


def _reason(exc: OSError) -> str:
    return exc.strerror or type(exc).__name__


def _writable_folder(path: Path, name: str) -> Path:
    """Create ``path`` if needed and prove a file can be written in it; else raise ``ValueError`` naming ``name``."""
    if path.exists() and not path.is_dir():
        raise ValueError(f"{name} must be a folder, got the file {path}")
    for parent in path.parents:
        if parent.exists() and not parent.is_dir():
            raise ValueError(f"{name} must be a folder that can be created, but {parent} (above {path}) is a file")
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ValueError(f"{name} must be a folder that can be created, got {path} ({_reason(exc)})") from exc
    try:
        with tempfile.TemporaryFile(dir=path):
            pass
    except OSError as exc:
        raise ValueError(f"{name} must be a folder this process can write to, got {path} ({_reason(exc)})") from exc
    return path


class TensorBoardLogger:
    """Write a :func:`regviz.train.fit` history to TensorBoard, one point per epoch.

    Pass it as ``fit(..., callback=logger)``: after each epoch it writes the
    last value of every history entry under the tags of :data:`TAGS`, with the
    1-based epoch as the step. Call :meth:`close` (or use ``with``) when done.

    Parameters
    ----------
    log_dir : path-like
        Folder of this run, e.g. ``runs/capstone/dropout_seed0``; created if needed.
    clear : bool, default=True
        Delete event files already in ``log_dir`` (only files named
        ``events.out.tfevents.*``), so a re-run replaces the old curves instead
        of adding a second copy of them.

    Raises
    ------
    ValueError
        If ``log_dir`` is not a path, names a file, cannot be created (a file
        stands where a folder above it should be, or the system refuses), or
        cannot be written to; nothing is deleted in those cases.

    """

    def __init__(self, log_dir: str | os.PathLike[str], *, clear: bool = True) -> None:
        if not isinstance(log_dir, str | os.PathLike):
            raise ValueError(f"log_dir must be a path, got {type(log_dir).__name__}")
        clear = validate_bool(clear, "clear")
        from torch.utils.tensorboard import SummaryWriter

        self.log_dir = _writable_folder(Path(log_dir), "log_dir")
        if clear:
            for path in _event_files(self.log_dir):
                try:
                    path.unlink()
                except OSError as exc:
                    raise ValueError(
                        f"log_dir must let old event files be replaced, but {path.name} in {self.log_dir} "
                        f"cannot be deleted ({_reason(exc)}); pass clear=False to keep it"
                    ) from exc
        try:
            self._writer = SummaryWriter(log_dir=str(self.log_dir))
        except OSError as exc:
            raise ValueError(f"log_dir must be a writable folder, got {self.log_dir} ({_reason(exc)})") from exc

    def __call__(self, epoch: int, history: History) -> bool:
        """Log the latest values of ``history`` at step ``epoch``; never asks to stop.

        Parameters
        ----------
        epoch : int
            1-based epoch just completed, ``>= 1``.
        history : regviz.train.History
            The history so far.

        Returns
        -------
        bool
            Always False (training goes on).

        """
        epoch = validate_int(epoch, "epoch", low=1)
        if not isinstance(history, History):
            raise ValueError(f"history must be a regviz.train.History, got {type(history).__name__}")
        for key, values in history.as_dict().items():
            if values:
                self._writer.add_scalar(TAGS[key], values[-1], global_step=epoch)
        return False

    def log_history(self, history: History) -> None:
        """Log a whole finished history (every epoch), e.g. one trained without the callback.

        Parameters
        ----------
        history : regviz.train.History
            A finished history; epoch ``k`` is written at step ``k``.

        """
        if not isinstance(history, History):
            raise ValueError(f"history must be a regviz.train.History, got {type(history).__name__}")
        for key, values in history.as_dict().items():
            for epoch, value in enumerate(values, start=1):
                self._writer.add_scalar(TAGS[key], value, global_step=epoch)

    def close(self) -> None:
        """Flush the event file to disk and close it."""
        self._writer.close()

    def __enter__(self) -> TensorBoardLogger:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


@dataclass(frozen=True)
class _Scalars:
    """One TensorBoard scalar series read back from an event file.

    Attributes
    ----------
    steps : ndarray of shape (n_points,), int64
    values : ndarray of shape (n_points,), float64
        As stored: TensorBoard keeps scalars as 32-bit floats.

    """

    steps: NDArray[np.int64]
    values: NDArray[np.float64]


def read_scalars(log_dir: str | os.PathLike[str]) -> dict[str, _Scalars]:
    """Read every scalar series of one run folder back, with TensorBoard's own reader.

    Parameters
    ----------
    log_dir : path-like
        A run folder holding ``events.out.tfevents.*`` files.

    Returns
    -------
    dict of str to _Scalars
        One entry per tag, points in step order: ``.steps`` (int64) and ``.values`` (float64, stored as float32).

    Raises
    ------
    ValueError
        If ``log_dir`` is not a folder holding at least one event file.

    """
    if not isinstance(log_dir, str | os.PathLike):
        raise ValueError(f"log_dir must be a path, got {type(log_dir).__name__}")
    folder = Path(log_dir)
    if not folder.is_dir() or not _event_files(folder):
        raise ValueError(f"log_dir must be a folder holding TensorBoard event files, got {folder}")
    from tensorboard.backend.event_processing.event_accumulator import EventAccumulator

    accumulator = EventAccumulator(str(folder), size_guidance={"scalars": 0})
    accumulator.Reload()
    series = {}
    for tag in sorted(accumulator.Tags()["scalars"]):
        events = sorted(accumulator.Scalars(tag), key=lambda e: e.step)
        series[tag] = _Scalars(
            steps=np.array([e.step for e in events], dtype=np.int64),
            values=np.array([e.value for e in events], dtype=np.float64),
        )
    return series


# --------------------------------------------------------------------------- runs


@dataclass(frozen=True)
class Run:
    """One trained configuration at one seed.

    Attributes
    ----------
    config : RunConfig
    seed : int
    history : regviz.train.History
    model : torch.nn.Module
        The trained model (on the device it was trained on).
    log_dir : pathlib.Path or None
        Where its TensorBoard events are, if logged.

    """

    config: RunConfig
    seed: int
    history: History
    model: nn.Module
    log_dir: Path | None


def _n_classes(*labels: torch.Tensor) -> int:
    return int(max(int(y.max()) for y in labels)) + 1


def run_config(
    config: RunConfig,
    X_train: Any,
    y_train: Any,
    X_val: Any,
    y_val: Any,
    *,
    seed: int | None = None,
    log_dir: str | os.PathLike[str] | None = None,
    device: Any = None,
    train_metrics: str = "eval",
) -> Run:
    """Build and train one configuration at one seed, optionally logging it for TensorBoard.

    The seed fixes the initial weights (:func:`make_model`), the order of the
    mini-batches and the dropout masks (:func:`regviz.train.fit`), so the same
    call gives the same history bit for bit on the CPU.

    By default the training loss and accuracy are measured like the validation
    ones: on the whole training split, in evaluation mode (dropout off), after
    each epoch. The running average of the mini-batches, with dropout on,
    would put a dropout network's training accuracy *below* its validation
    accuracy, a gap that says nothing about generalisation (notebook 10).

    Parameters
    ----------
    config : RunConfig
        What to train.
    X_train, y_train : array-like or Tensor
        Training inputs (flattened to ``(n_samples, n_features)``) and class labels.
        Pass tensors already on the device (:func:`regviz.train.to_tensors`) to
        convert them once for many runs.
    X_val, y_val : array-like or Tensor
        Validation inputs and labels, evaluated after every epoch.
    seed : int or None, default=None
        ``None`` means the course seed ``regviz.device.seed()`` (shifted by ``REGVIZ_SEED_OFFSET``).
        In ``[0, 2**32 - 1]``.
    log_dir : path-like or None, default=None
        Run folder for :class:`TensorBoardLogger`; nothing is logged when None.
    device : str, torch.device or None, default=None
        Where to train; :func:`regviz.device.get_device` when None.
    train_metrics : {"eval", "running"}, default="eval"
        How the training loss and accuracy are measured, as in :func:`regviz.train.fit`:
        ``"eval"`` on the whole training split in evaluation mode after each epoch
        (comparable with the validation values), ``"running"`` averaged over the
        epoch's mini-batches in training mode (cheaper).

    Returns
    -------
    Run

    Raises
    ------
    ValueError
        If an argument is out of range, or ``log_dir`` cannot be used as a run
        folder (see :class:`TensorBoardLogger`); checked before any training.

    """
    if not isinstance(config, RunConfig):
        raise ValueError(f"config must be a RunConfig, got {type(config).__name__}")
    seed = validate_seed(seed)
    validate_choice(train_metrics, "train_metrics", ("eval", "running"))
    if log_dir is not None and not isinstance(log_dir, str | os.PathLike):
        raise ValueError(f"log_dir must be a path or None, got {type(log_dir).__name__}")
    X_tr, y_tr = to_tensors(X_train, y_train, device=device, names=("X_train", "y_train"))
    X_va, y_va = to_tensors(X_val, y_val, device=device, names=("X_val", "y_val"))
    model = make_model(config, X_tr.shape[1], _n_classes(y_tr, y_va), seed=seed)
    logger = TensorBoardLogger(log_dir) if log_dir is not None else None
    try:
        history = _fit_config(config, model, (X_tr, y_tr, X_va, y_va), seed, train_metrics, logger)
    finally:
        if logger is not None:
            logger.close()
    return Run(config, seed, history, model, Path(log_dir) if log_dir is not None else None)


def _fit_config(
    config: RunConfig,
    model: nn.Module,
    data: tuple[torch.Tensor, torch.Tensor, torch.Tensor, torch.Tensor],
    seed: int,
    train_metrics: str,
    logger: TensorBoardLogger | None,
) -> History:
    """:func:`regviz.train.fit` with the optimiser settings of ``config`` on tensors ``(X_tr, y_tr, X_va, y_va)``."""
    X_tr, y_tr, X_va, y_va = data
    return fit(
        model,
        X_tr,
        y_tr,
        X_val=X_va,
        y_val=y_va,
        optimizer="sgd",
        lr=config.lr,
        momentum=config.momentum,
        weight_decay=config.weight_decay,
        n_epochs=config.n_epochs,
        batch_size=config.batch_size,
        seed=seed,
        device=X_tr.device,
        train_metrics=train_metrics,
        callback=logger,
    )


@dataclass(frozen=True)
class SeedRuns:
    """The runs of one configuration over several seeds.

    Attributes
    ----------
    config : RunConfig
    runs : tuple of Run
        One per seed, in the order the seeds were given.

    """

    config: RunConfig
    runs: tuple[Run, ...]

    @property
    def seeds(self) -> list[int]:
        """The seeds, in run order."""
        return [run.seed for run in self.runs]

    def curves(self, key: str) -> NDArray[np.float64]:
        """One history entry for every seed.

        Parameters
        ----------
        key : {"train_loss", "train_acc", "val_loss", "val_acc"}
            Which entry of each run's history.

        Returns
        -------
        ndarray of shape (n_seeds, n_epochs)

        """
        if key not in TAGS:
            raise ValueError(f"key must be one of {list(TAGS)}, got {key!r}")
        return np.array([run.history.as_dict()[key] for run in self.runs], dtype=float)

    def final(self, key: str) -> NDArray[np.float64]:
        """The last epoch's value of one history entry, for every seed: shape (n_seeds,)."""
        return self.curves(key)[:, -1]


def run_seeds(
    config: RunConfig,
    X_train: Any,
    y_train: Any,
    X_val: Any,
    y_val: Any,
    *,
    seeds: Iterable[int] = (0, 1, 2, 3, 4),
    log_root: str | os.PathLike[str] | None = None,
    device: Any = None,
    train_metrics: str = "eval",
) -> SeedRuns:
    """Train one configuration once per seed; log each run to ``log_root/<name>_seed<k>``.

    Parameters
    ----------
    config : RunConfig
        What to train.
    X_train, y_train, X_val, y_val : array-like or Tensor
        As in :func:`run_config`; converted to tensors on the device once for all seeds.
    seeds : iterable of int, default=(0, 1, 2, 3, 4)
        At least two distinct seeds; pass ``regviz.device.seeds(n)`` in the notebooks.
    log_root : path-like or None, default=None
        Folder of the experiment, e.g. ``runs_dir() / "capstone"``; no logs when None.
    device : str, torch.device or None, default=None
        Where to train; :func:`regviz.device.get_device` when None.
    train_metrics : {"eval", "running"}, default="eval"
        How the training metrics are measured, see :func:`run_config`.

    Returns
    -------
    SeedRuns

    Raises
    ------
    ValueError
        If an argument is out of range, or ``log_root`` is a file or a folder that
        cannot be created or written to (checked before any training).

    """
    if isinstance(seeds, str | bytes) or not hasattr(seeds, "__iter__"):
        raise ValueError(f"seeds must be an iterable of int seeds, got {type(seeds).__name__}")
    seed_list = [validate_int(s, "seeds[...]", low=0, high=SEED_MAX) for s in seeds]
    if len(seed_list) < 2 or len(set(seed_list)) != len(seed_list):
        raise ValueError(f"seeds must hold at least 2 distinct seeds, got {seed_list}")
    if log_root is not None and not isinstance(log_root, str | os.PathLike):
        raise ValueError(f"log_root must be a path or None, got {type(log_root).__name__}")
    validate_choice(train_metrics, "train_metrics", ("eval", "running"))
    if log_root is not None:
        _writable_folder(Path(log_root), "log_root")
    X_tr, y_tr = to_tensors(X_train, y_train, device=device, names=("X_train", "y_train"))
    X_va, y_va = to_tensors(X_val, y_val, device=device, names=("X_val", "y_val"))
    runs = []
    for seed in seed_list:
        log_dir = Path(log_root) / f"{config.name}_seed{seed}" if log_root is not None else None
        runs.append(
            run_config(
                config,
                X_tr,
                y_tr,
                X_va,
                y_va,
                seed=seed,
                log_dir=log_dir,
                device=X_tr.device,
                train_metrics=train_metrics,
            )
        )
    return SeedRuns(config, tuple(runs))


def predict_classes(model: Any, X: Any, *, batch_size: int = 1024) -> NDArray[np.int64]:
    """Predicted class (largest logit) of each sample, in evaluation mode, as a NumPy array.

    Parameters
    ----------
    model : torch.nn.Module
        Returns logits of shape (n_samples, n_classes); its mode is restored.
    X : array-like or Tensor of shape (n_samples, ...)
        Inputs (flattened like :func:`regviz.train.to_tensors` does).
    batch_size : int, default=1024
        Samples per forward pass, ``>= 1``.

    Returns
    -------
    ndarray of shape (n_samples,), int64

    """
    if not isinstance(model, nn.Module):
        raise ValueError(f"model must be a torch.nn.Module, got {type(model).__name__}")
    batch_size = validate_int(batch_size, "batch_size", low=1)
    device = next(model.parameters()).device
    if X is None or isinstance(X, str) or not hasattr(X, "__len__"):
        raise ValueError(f"X must be an array or tensor of inputs, got {type(X).__name__}")
    X_t, _ = to_tensors(X, np.zeros(len(X), dtype=np.int64), device=device)
    was_training = model.training
    model.eval()
    try:
        with torch.no_grad():
            preds = [model(X_t[i : i + batch_size]).argmax(dim=1) for i in range(0, len(X_t), batch_size)]
    finally:
        model.train(was_training)
    return torch.cat(preds).cpu().numpy().astype(np.int64)
