"""Tests of regviz._validation: every validator names the parameter and the allowed range."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from regviz._validation import validate_array, validate_choice, validate_int, validate_real, validate_same_length


def test_check_real_accepts_in_range_and_returns_float() -> None:
    assert validate_real(np.float32(0.5), "p", low=0, high=1, high_open=True) == 0.5
    assert isinstance(validate_real(3, "lr", low=0, low_open=True), float)


@given(st.floats(allow_nan=True, allow_infinity=True).filter(lambda v: not (0 <= v < 1)))
def test_check_real_rejects_out_of_range_with_name_and_interval(value: float) -> None:
    with pytest.raises(ValueError, match=r"^p must be .*\[0, 1\)"):
        validate_real(value, "p", low=0, high=1, high_open=True)


@pytest.mark.parametrize("bad", [True, "0.1", None, [0.1], complex(1, 1)])
def test_check_real_rejects_non_numbers(bad: object) -> None:
    with pytest.raises(ValueError, match="alpha must be a real number"):
        validate_real(bad, "alpha", low=0)


def test_open_bounds_exclude_the_endpoint() -> None:
    with pytest.raises(ValueError, match=r"\(0, inf\)"):
        validate_real(0.0, "lr", low=0, low_open=True)
    assert validate_real(1e300, "lr", low=0, low_open=True) == 1e300
    with pytest.raises(ValueError, match="finite"):
        validate_real(math.inf, "lr", low=0)


@given(st.integers(max_value=0) | st.floats(allow_nan=False) | st.booleans())
def test_check_int_rejects_non_positive_floats_and_bools(value: object) -> None:
    with pytest.raises(ValueError, match=r"n_epochs must be an integer in \[1, inf\)"):
        validate_int(value, "n_epochs", low=1)


def test_check_choice() -> None:
    assert validate_choice("adam", "optimizer", ["sgd", "adam"]) == "adam"
    with pytest.raises(ValueError, match=r"optimizer must be one of \['sgd', 'adam'\], got 'ada'"):
        validate_choice("ada", "optimizer", ["sgd", "adam"])


def test_check_array_shapes_and_finiteness() -> None:
    assert validate_array([[1, 2]], "X", ndim=2).dtype == float
    with pytest.raises(ValueError, match="X must have 2 dimension"):
        validate_array([1, 2], "X", ndim=2)
    with pytest.raises(ValueError, match="y must contain only finite values"):
        validate_array([1.0, np.nan], "y")
    with pytest.raises(ValueError, match="y must not be empty"):
        validate_array([], "y")
    with pytest.raises(ValueError, match="X must be array-like of numbers"):
        validate_array([["a", "b"]], "X")


def test_check_same_length_names_both() -> None:
    with pytest.raises(ValueError, match="X and y must have the same number of samples: X has 3, y has 2"):
        validate_same_length(("X", np.zeros(3)), ("y", np.zeros(2)))


def test_check_array_reads_a_tensor_that_requires_grad() -> None:
    import torch

    weights = torch.ones(3, requires_grad=True) * 2
    assert validate_array(weights, "X").tolist() == [2.0, 2.0, 2.0]


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ([1 + 2j, 3.0], "X must hold real numbers, got complex values"),
        ([10**400], "X must be array-like of numbers"),
        ([[1.0, 2.0], [3.0]], "X must be array-like of numbers"),
        (None, "X must be array-like of numbers, got None"),
    ],
)
def test_check_array_refuses_complex_overflow_ragged_and_none(bad: object, message: str) -> None:
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no ComplexWarning on the way: a clear error instead
        with pytest.raises(ValueError, match=message):
            validate_array(bad, "X")


def test_check_train_val_names_the_set_that_is_wrong() -> None:
    from regviz._validation import validate_train_val

    X, y = np.ones((5, 3)), np.arange(5.0)
    Xt, yt, Xv, yv = validate_train_val(X, y, X[:2], y[:2])
    assert Xt.shape == (5, 3) and Xv.shape == (2, 3) and len(yt) == 5 and len(yv) == 2
    with pytest.raises(ValueError, match="X_val must have 3 columns like X_train, got 2"):
        validate_train_val(X, y, X[:, :2], y)
    with pytest.raises(ValueError, match="X_val and y_val must have the same number of samples"):
        validate_train_val(X, y, X, y[:4])
    with pytest.raises(ValueError, match="x_train"):
        validate_train_val(
            np.ones(1),
            np.ones(1),
            np.ones(2),
            np.ones(2),
            names=("x_train", "y", "x", "y_v"),
            features=False,
            min_samples=2,
        )
    xt, _, xv, _ = validate_train_val(np.arange(4.0), np.arange(4.0), np.arange(2.0), np.arange(2.0), features=False)
    assert xt.ndim == xv.ndim == 1
