"""Fixtures every test module shares.

Figures are drawn off screen (the Agg backend, set before anything imports pyplot), and every figure a test
opened is closed after it, so a run of the whole suite holds at most one test's figures in memory.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from types import SimpleNamespace

import matplotlib
import numpy as np
import pytest

matplotlib.use("Agg")

from regviz import data


@pytest.fixture(autouse=True)
def _close_figures() -> Iterator[None]:
    yield
    if "matplotlib.pyplot" in sys.modules:
        sys.modules["matplotlib.pyplot"].close("all")


@pytest.fixture(scope="module")
def split() -> tuple[np.ndarray, ...]:
    """The noisy cubic of notebooks 04–05: 30 training and 20 validation points (x_train, y_train, x_val, y_val)."""
    x_train, y_train = data.make_noisy_polynomial(30, seed=0)
    x_val, y_val = data.make_noisy_polynomial(20, seed=1)
    return x_train, y_train, x_val, y_val


@pytest.fixture(scope="module")
def moons() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Noisy two moons of notebooks 09–10: 120 training and 300 validation points (X, y, X_val, y_val)."""
    X, y = data.make_noisy_2d_classes(120, kind="moons", noise=0.25, label_noise=0.1, seed=0)
    X_val, y_val = data.make_noisy_2d_classes(300, kind="moons", noise=0.25, label_noise=0.1, seed=1)
    return X, y, X_val, y_val


def _fake_history(gap: float, n: int = 8) -> dict[str, list[float]]:
    """A history as ``fit`` returns it: accuracy rising, validation ``gap`` below training, loss falling."""
    epochs = np.arange(1, n + 1)
    train = 1 - 0.5 / epochs
    return {
        "train_acc": list(train),
        "val_acc": list(train - gap * (1 - 1 / epochs)),
        "train_loss": list(0.5 / epochs),
        "val_loss": list(0.5 / epochs + gap),
    }


def _diverged_history(n: int = 8, from_epoch: int = 4) -> dict[str, list[float]]:
    """What fit returns for a run whose loss blew up at ``from_epoch``: NaN losses, NaN accuracies after it."""
    h = _fake_history(0.1, n)
    for key in h:
        h[key] = [v if epoch < from_epoch else float("nan") for epoch, v in enumerate(h[key], start=1)]
    h["train_loss"][from_epoch - 2] = float("inf")  # the loss overflowed one epoch before it became NaN
    return h


@pytest.fixture
def history_factory() -> SimpleNamespace:
    """Made-up training histories: ``history_factory.fake(gap, n=8)`` and ``history_factory.diverged(n=8, from_epoch=4)``."""
    return SimpleNamespace(fake=_fake_history, diverged=_diverged_history)
