"""Fixtures every test module shares.

Figures are drawn off screen (the Agg backend, set before anything imports pyplot), and every figure a test
opened is closed after it, so a run of the whole suite holds at most one test's figures in memory.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator

import matplotlib
import pytest

matplotlib.use("Agg")


@pytest.fixture(autouse=True)
def _close_figures() -> Iterator[None]:
    yield
    if "matplotlib.pyplot" in sys.modules:
        sys.modules["matplotlib.pyplot"].close("all")
