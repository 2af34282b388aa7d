"""Argument checks shared by every public function of :mod:`regviz`.

Each helper raises :class:`ValueError` whose message names the parameter and
the allowed range or shape, so a student sees at once what to change.
Nothing is ever clipped silently.
"""

from __future__ import annotations

import math
import os
from collections.abc import Sequence
from numbers import Integral, Real
from typing import Any

import numpy as np
from numpy.typing import NDArray

__all__ = [
    "SEED_MAX",
    "SEED_OFFSET_VAR",
    "seed_offset",
    "validate_alphas",
    "validate_array",
    "validate_bool",
    "validate_callable",
    "validate_choice",
    "validate_current",
    "validate_increasing",
    "validate_int",
    "validate_limits",
    "validate_real",
    "validate_same_length",
    "validate_seed",
    "validate_title",
    "validate_train_val",
]

SEED_MAX = 2**32 - 1
"""Largest seed every generator of the course accepts (NumPy, scikit-learn, PyTorch)."""

SEED_OFFSET_VAR = "REGVIZ_SEED_OFFSET"
"""Environment variable that shifts every seed of the course (see :func:`regviz.device.seed`)."""


def seed_offset() -> int:
    """Return the seed shift read from ``REGVIZ_SEED_OFFSET`` (0 when unset or empty).

    Raises
    ------
    ValueError
        If the variable is set to anything but an integer in ``[0, 2**31 - 1]``.

    """
    raw = os.environ.get(SEED_OFFSET_VAR, "").strip()
    if not raw:
        return 0
    try:
        offset = int(raw)
    except ValueError:
        offset = -1
    if not 0 <= offset <= 2**31 - 1:
        raise ValueError(f"{SEED_OFFSET_VAR} must be an integer in [0, {2**31 - 1}], got {raw!r}")
    return offset


def validate_seed(value: Any, name: str = "seed") -> int:
    """Return a usable seed: ``value`` itself, or the course's default seed when ``value`` is ``None``.

    ``None`` becomes ``seed_offset()`` (seed 0 shifted by ``REGVIZ_SEED_OFFSET``), so a function called
    without a seed still follows the course's seed shift.

    Parameters
    ----------
    value : int or None
        The seed to check.
    name : str, default="seed"
        The parameter's name, used in the error message.

    Returns
    -------
    int
        A seed in ``[0, 2**32 - 1]``.

    """
    if value is None:
        return seed_offset()
    return validate_int(value, name, low=0, high=SEED_MAX)


def _interval(low: float | None, high: float | None, low_open: bool, high_open: bool) -> str:
    left = "(" if (low_open or low is None) else "["
    right = ")" if (high_open or high is None) else "]"
    lo = "-inf" if low is None else f"{low:g}"
    hi = "inf" if high is None else f"{high:g}"
    return f"{left}{lo}, {hi}{right}"


def validate_real(
    value: Any,
    name: str,
    *,
    low: float | None = None,
    high: float | None = None,
    low_open: bool = False,
    high_open: bool = False,
) -> float:
    """Return ``value`` as a finite float inside an interval, or raise ``ValueError``.

    Parameters
    ----------
    value : object
        The value to check. Booleans are refused (``True`` is not a rate).
    name : str
        The parameter's name, used in the error message.
    low, high : float or None, default=None
        Bounds of the allowed interval; ``None`` means unbounded.
    low_open, high_open : bool, default=False
        Whether the corresponding bound is excluded.

    Returns
    -------
    float
        The checked value.

    """
    allowed = _interval(low, high, low_open, high_open)
    if isinstance(value, bool) or not isinstance(value, Real | np.floating | np.integer):
        raise ValueError(f"{name} must be a real number in {allowed}, got {value!r}")
    x = float(value)
    if not math.isfinite(x):
        raise ValueError(f"{name} must be a finite number in {allowed}, got {value!r}")
    too_low = low is not None and (x < low or (low_open and x == low))
    too_high = high is not None and (x > high or (high_open and x == high))
    if too_low or too_high:
        raise ValueError(f"{name} must be in {allowed}, got {value!r}")
    return x


def validate_int(
    value: Any,
    name: str,
    *,
    low: int | None = None,
    high: int | None = None,
) -> int:
    """Return ``value`` as an int in ``[low, high]``, or raise ``ValueError``.

    Parameters
    ----------
    value : object
        The value to check; must be an integer (not a bool, not a float).
    name : str
        The parameter's name, used in the error message.
    low, high : int or None, default=None
        Inclusive bounds; ``None`` means unbounded.

    Returns
    -------
    int
        The checked value.

    """
    allowed = _interval(low, high, False, False).replace("inf", "inf")
    if isinstance(value, bool) or not isinstance(value, Integral | np.integer):
        raise ValueError(f"{name} must be an integer in {allowed}, got {value!r}")
    n = int(value)
    if (low is not None and n < low) or (high is not None and n > high):
        raise ValueError(f"{name} must be an integer in {allowed}, got {value!r}")
    return n


def validate_bool(value: Any, name: str) -> bool:
    """Return ``value`` if it is a bool (``True``/``False``, NumPy's too), else raise ``ValueError``.

    A string such as ``"False"`` is refused: it is truthy, so accepting it would invert what the caller meant.
    """
    if not isinstance(value, bool | np.bool_):
        raise ValueError(f"{name} must be True or False, got {value!r}")
    return bool(value)


def validate_callable(value: Any, name: str) -> Any:
    """Return ``value`` if it is callable, else raise ``ValueError`` naming ``name``."""
    if not callable(value):
        raise ValueError(f"{name} must be callable (a function), got {type(value).__name__} {value!r}"[:200])
    return value


def validate_limits(value: Any, name: str) -> tuple[float, float] | None:
    """Return ``value`` as a ``(low, high)`` pair of finite reals with low < high, or None; else raise ``ValueError``.

    For axis limits such as ``ylim``.
    """
    if value is None:
        return None
    if not isinstance(value, tuple | list) or len(value) != 2:
        raise ValueError(f"{name} must be a (low, high) pair, got {value!r}")
    low, high = validate_real(value[0], f"{name}[0]"), validate_real(value[1], f"{name}[1]")
    if not low < high:
        raise ValueError(f"{name} must satisfy low < high, got {value!r}")
    return low, high


def validate_choice(value: Any, name: str, choices: Sequence[Any]) -> Any:
    """Return ``value`` if it is one of ``choices``, else raise ``ValueError``."""
    if value not in choices:
        raise ValueError(f"{name} must be one of {list(choices)!r}, got {value!r}")
    return value


def validate_array(
    value: Any,
    name: str,
    *,
    ndim: int | tuple[int, ...] | None = None,
    dtype: Any = float,
    min_samples: int = 1,
    allow_empty: bool = False,
) -> NDArray[Any]:
    """Convert ``value`` to a finite NumPy array with the expected dimensions.

    Parameters
    ----------
    value : array-like
        The data to check.
    name : str
        The parameter's name, used in the error message.
    ndim : int or tuple of int or None, default=None
        Allowed number(s) of dimensions.
    dtype : data-type, default=float
        The dtype to convert to; conversion failures become ``ValueError``.
    min_samples : int, default=1
        Minimum length of the first axis.
    allow_empty : bool, default=False
        Whether an array with zero elements is accepted.

    Returns
    -------
    ndarray
        The converted array (a copy only when conversion needed one).

    """
    if value is None:
        raise ValueError(f"{name} must be array-like of numbers, got None")
    if hasattr(value, "detach") and hasattr(value, "cpu"):  # a torch tensor (even one that requires grad)
        value = value.detach().cpu().numpy()
    try:
        raw = np.asarray(value)
        if np.iscomplexobj(raw):
            raise ValueError(f"{name} must hold real numbers, got complex values (dtype {raw.dtype})")
        if dtype is not None and np.dtype(dtype).kind in "iu" and raw.dtype.kind == "f":
            with np.errstate(invalid="ignore"):
                if not bool(np.all(np.isfinite(raw) & (raw == np.round(raw)))):
                    raise ValueError(f"{name} must hold whole numbers, got non-integer or non-finite values")
        arr = np.asarray(raw, dtype=dtype)
    except (TypeError, ValueError, OverflowError) as exc:
        if "complex values" in str(exc) or "whole numbers" in str(exc):
            raise
        raise ValueError(f"{name} must be array-like of numbers, got {type(value).__name__}") from exc
    if ndim is not None:
        allowed = (ndim,) if isinstance(ndim, int) else tuple(ndim)
        if arr.ndim not in allowed:
            want = " or ".join(str(d) for d in allowed)
            raise ValueError(f"{name} must have {want} dimension(s), got shape {arr.shape}")
    if arr.size == 0 and not allow_empty:
        raise ValueError(f"{name} must not be empty, got shape {arr.shape}")
    if arr.ndim >= 1 and arr.shape[0] < min_samples and not (allow_empty and arr.size == 0):
        raise ValueError(f"{name} must have at least {min_samples} sample(s), got shape {arr.shape}")
    if np.issubdtype(arr.dtype, np.number) and not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} must contain only finite values (no NaN or inf)")
    return arr


def validate_same_length(*pairs: tuple[str, NDArray[Any]]) -> None:
    """Raise ``ValueError`` unless all arrays have the same first dimension.

    Parameters
    ----------
    *pairs : tuple of (str, ndarray)
        ``(name, array)`` pairs.

    """
    lengths = {name: len(arr) for name, arr in pairs}
    if len(set(lengths.values())) > 1:
        detail = ", ".join(f"{n} has {k}" for n, k in lengths.items())
        raise ValueError(f"{' and '.join(lengths)} must have the same number of samples: {detail}")


def validate_train_val(
    X_train: Any,
    y_train: Any,
    X_val: Any,
    y_val: Any,
    *,
    names: tuple[str, str, str, str] = ("X_train", "y_train", "X_val", "y_val"),
    features: bool = True,
    min_samples: int = 1,
) -> tuple[NDArray[Any], NDArray[Any], NDArray[Any], NDArray[Any]]:
    """Check a training and a validation set: finite arrays, matching lengths and (with ``features``) columns.

    Parameters
    ----------
    X_train, y_train, X_val, y_val : array-like
        Inputs (2-D with ``features``, else 1-D) and targets (1-D).
    names : tuple of four str
        The parameters' names, used in the messages.
    features : bool, default=True
        Inputs are a feature matrix (2-D, the same columns in both sets) rather than one variable.
    min_samples : int, default=1
        Fewest training samples.

    Returns
    -------
    tuple of four ndarray
        The checked arrays, in the order given.

    """
    ndim = 2 if features else 1
    xt = validate_array(X_train, names[0], ndim=ndim, min_samples=min_samples)
    yt = validate_array(y_train, names[1], ndim=1, min_samples=min_samples)
    xv = validate_array(X_val, names[2], ndim=ndim)
    yv = validate_array(y_val, names[3], ndim=1)
    validate_same_length((names[0], xt), (names[1], yt))
    validate_same_length((names[2], xv), (names[3], yv))
    if features and xv.shape[1] != xt.shape[1]:
        raise ValueError(f"{names[2]} must have {xt.shape[1]} columns like {names[0]}, got {xv.shape[1]}")
    return xt, yt, xv, yv


def validate_title(title: Any) -> str | None:
    """``title`` if it is a string or None."""
    if title is not None and not isinstance(title, str):
        raise ValueError(f"title must be a string or None, got {title!r}")
    return title


def validate_increasing(values: np.ndarray, name: str) -> None:
    """Raise unless ``values`` increase strictly."""
    if np.any(np.diff(values) <= 0):
        raise ValueError(f"{name} must be strictly increasing")


def validate_alphas(alphas: Any, name: str = "alphas") -> NDArray[np.float64]:
    """λ values for a log axis: at least two, all > 0, strictly increasing or decreasing."""
    a = validate_array(alphas, name, ndim=1, min_samples=2)
    if np.any(a <= 0):
        raise ValueError(f"{name} must all be > 0 (they are drawn on a log axis)")
    if not (np.all(np.diff(a) > 0) or np.all(np.diff(a) < 0)):
        raise ValueError(f"{name} must be strictly monotonic (increasing or decreasing)")
    return a


def validate_current(current: float | None, alphas: NDArray[np.float64]) -> float | None:
    """The current λ, inside the range of ``alphas``, or None."""
    if current is None:
        return None
    return validate_real(current, "current", low=float(alphas.min()), high=float(alphas.max()))
