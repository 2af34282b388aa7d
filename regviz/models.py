"""Small PyTorch model builders for the course's notebooks (08 onwards).

:func:`make_mlp` builds the multilayer perceptrons the notebooks train, with
the options they vary (activation, initialisation, dropout, batch
normalisation), every option validated. The models return **logits**: the
softmax lives in the loss (``nn.CrossEntropyLoss``), never in the model.

This module imports PyTorch; ``import regviz`` does not (submodules load lazily).
"""

from __future__ import annotations

from collections.abc import Sequence

import torch
from torch import nn

from ._validation import validate_choice, validate_int, validate_real

__all__ = ["init_weights", "make_mlp"]

_ACTIVATIONS: dict[str, type[nn.Module]] = {
    "relu": nn.ReLU,
    "tanh": nn.Tanh,
    "sigmoid": nn.Sigmoid,
    "gelu": nn.GELU,
    "identity": nn.Identity,
}
"""Activation names accepted by :func:`make_mlp`."""

INITS = ("default", "xavier", "he", "normal")
"""Initialisation names accepted by :func:`make_mlp` and :func:`init_weights`."""


def init_weights(model: nn.Module, init: str, *, std: float = 0.01, nonlinearity: str = "relu") -> nn.Module:
    """Re-initialise every ``nn.Linear`` of a model in place; biases set to zero.

    Parameters
    ----------
    model : torch.nn.Module
        The model to change.
    init : {"default", "xavier", "he", "normal"}
        ``"default"`` keeps PyTorch's own initialisation (biases too);
        ``"xavier"``: uniform with variance ``2 / (fan_in + fan_out)`` (Glorot &
        Bengio, 2010); ``"he"``: uniform with variance ``gain**2 / fan_in``, i.e.
        ``2 / fan_in`` for ReLU (He et al., 2015); ``"normal"``: normal with
        standard deviation ``std`` whatever the layer size. The uniform
        variants have the same variance as the normal ones (``U(-a, a)`` has
        variance ``a**2 / 3``) and draw the same numbers on every CPU.
    std : float, default=0.01
        Standard deviation for ``init="normal"``, ``> 0``.
    nonlinearity : {"relu", "tanh", "sigmoid", "linear"}, default="relu"
        Passed to ``nn.init.kaiming_uniform_`` for ``init="he"``.

    Returns
    -------
    torch.nn.Module
        The same model.

    """
    if not isinstance(model, nn.Module):
        raise ValueError(f"model must be a torch.nn.Module, got {type(model).__name__}")
    validate_choice(init, "init", INITS)
    std = validate_real(std, "std", low=0, low_open=True)
    validate_choice(nonlinearity, "nonlinearity", ("relu", "tanh", "sigmoid", "linear"))
    if init == "default":
        return model
    with torch.no_grad():
        for module in model.modules():
            if isinstance(module, nn.Linear):
                if init == "xavier":
                    nn.init.xavier_uniform_(module.weight)
                elif init == "he":
                    nn.init.kaiming_uniform_(module.weight, nonlinearity=nonlinearity)  # type: ignore[arg-type]
                else:
                    nn.init.normal_(module.weight, mean=0.0, std=std)
                if module.bias is not None:
                    nn.init.zeros_(module.bias)
    return model


def make_mlp(
    n_inputs: int = 784,
    hidden: Sequence[int] = (256, 256),
    n_outputs: int = 10,
    *,
    activation: str = "relu",
    init: str = "default",
    std: float = 0.01,
    dropout: float = 0.0,
    input_dropout: float = 0.0,
    batch_norm: bool = False,
) -> nn.Sequential:
    """Build a multilayer perceptron that returns logits.

    Each hidden layer is ``Linear → [BatchNorm1d] → activation → [Dropout]``;
    the output layer is a plain ``Linear``: no softmax. With ``batch_norm=True``
    the hidden dropout comes only after the last batch norm: dropout feeding a
    batch norm skews its running variance (the *variance shift*, Li et al.,
    2019). Call ``torch.manual_seed(...)`` first: the
    initial weights come from PyTorch's global generator. The default
    ``init="default"`` keeps PyTorch's own ``nn.Linear`` initialisation (weight
    variance ``1 / (3 * fan_in)``, a third of He's); ``init="he"`` keeps the
    signal's scale through ReLU layers.

    Parameters
    ----------
    n_inputs : int, default=784
        Input features (784 for flattened 28 × 28 images), ``>= 1``.
    hidden : sequence of int, default=(256, 256)
        Width of each hidden layer, each ``>= 1``; empty for a linear model.
    n_outputs : int, default=10
        Output logits (classes), ``>= 1``.
    activation : {"relu", "tanh", "sigmoid", "gelu", "identity"}, default="relu"
        Non-linearity after each hidden layer.
    init : {"default", "xavier", "he", "normal"}, default="default"
        Weight initialisation, see :func:`init_weights`; He uses the gain of
        ``activation`` (ReLU's for relu and gelu).
    std : float, default=0.01
        Standard deviation for ``init="normal"``, ``> 0``.
    dropout : float, default=0.0
        Drop probability after each hidden activation, in [0, 1); with
        ``batch_norm=True``, after the last hidden activation only.
    input_dropout : float, default=0.0
        Drop probability on the raw input, in [0, 1). Keep it light (about 0.2
        at most): at 0.5 half of every image is erased before the network sees it.
    batch_norm : bool, default=False
        Insert ``nn.BatchNorm1d`` after each hidden ``Linear`` (and keep the
        hidden dropout behind the last one, see above).

    Returns
    -------
    torch.nn.Sequential

    Examples
    --------
    >>> import torch
    >>> _ = torch.manual_seed(0)
    >>> model = make_mlp(784, (32,), 10)
    >>> model(torch.zeros(5, 784)).shape
    torch.Size([5, 10])

    """
    n_inputs, widths, n_outputs, std, dropout, input_dropout = _validate_mlp_args(
        n_inputs, hidden, n_outputs, activation, init, std, dropout, input_dropout, batch_norm
    )
    model = nn.Sequential(*_mlp_layers(n_inputs, widths, n_outputs, activation, dropout, input_dropout, batch_norm))
    gain = {"relu": "relu", "gelu": "relu", "tanh": "tanh", "sigmoid": "sigmoid"}.get(activation, "linear")
    init_weights(model, init, std=std, nonlinearity=gain)
    return model


def _validate_mlp_args(
    n_inputs: int,
    hidden: Sequence[int],
    n_outputs: int,
    activation: str,
    init: str,
    std: float,
    dropout: float,
    input_dropout: float,
    batch_norm: bool,
) -> tuple[int, list[int], int, float, float, float]:
    """Validate :func:`make_mlp`'s arguments; return ``(n_inputs, widths, n_outputs, std, dropout, input_dropout)``."""
    n_inputs = validate_int(n_inputs, "n_inputs", low=1)
    n_outputs = validate_int(n_outputs, "n_outputs", low=1)
    if isinstance(hidden, int | str) or not isinstance(hidden, Sequence):
        raise ValueError(f"hidden must be a sequence of layer widths such as (256, 256), got {hidden!r}")
    widths = [validate_int(h, f"hidden[{i}]", low=1) for i, h in enumerate(hidden)]
    validate_choice(activation, "activation", sorted(_ACTIVATIONS))
    validate_choice(init, "init", INITS)
    std = validate_real(std, "std", low=0, low_open=True)
    dropout = validate_real(dropout, "dropout", low=0, high=1, high_open=True)
    input_dropout = validate_real(input_dropout, "input_dropout", low=0, high=1, high_open=True)
    if not isinstance(batch_norm, bool):
        raise ValueError(f"batch_norm must be True or False, got {batch_norm!r}")
    return n_inputs, widths, n_outputs, std, dropout, input_dropout


def _mlp_layers(
    n_inputs: int,
    widths: list[int],
    n_outputs: int,
    activation: str,
    dropout: float,
    input_dropout: float,
    batch_norm: bool,
) -> list[nn.Module]:
    """The layers of :func:`make_mlp`, from validated arguments.

    Normalisation comes before the non-linearity, as Ioffe & Szegedy (2015)
    place it; a Linear followed by BatchNorm has no bias, since the norm's shift
    replaces it. With ``batch_norm=True`` the hidden dropout comes only **after
    the last batch norm** (just before the output layer), never in front of a
    ``BatchNorm1d``: a batch norm fed by dropout collects its running variance
    from dropped-out inputs and applies it in evaluation mode to inputs with a
    different variance (the *variance shift*, Li et al., 2019). So
    ``make_mlp(784, (128, 128), 10, batch_norm=True, dropout=0.5)`` is
    ``Linear → BatchNorm1d → ReLU → Linear → BatchNorm1d → ReLU → Dropout → Linear``.
    ``input_dropout`` still precedes the first batch norm: keep it light, or off.
    """
    layers: list[nn.Module] = []
    if input_dropout > 0:
        layers.append(nn.Dropout(input_dropout))
    width_in = n_inputs
    for i, width in enumerate(widths):
        layers.append(nn.Linear(width_in, width, bias=not batch_norm))
        if batch_norm:
            layers.append(nn.BatchNorm1d(width))
        layers.append(_ACTIVATIONS[activation]())
        is_last = i == len(widths) - 1
        if dropout > 0 and (is_last or not batch_norm):  # dropout never feeds a batch norm
            layers.append(nn.Dropout(dropout))
        width_in = width
    layers.append(nn.Linear(width_in, n_outputs))
    return layers
