"""regviz: plots, sliders, data, training and self-checks for the regviz course.

Submodules are imported on first use, so ``import regviz`` is quick and never
loads PyTorch (the linear-model notebooks do not need it)::

    import regviz
    regviz.style.use()
    data = regviz.data.load_mnist_5k()

Every module is reachable from the package: ``from regviz import data, plots, widgets, checks``.
See CONTRIBUTING.md for the map of the rooms.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_SUBMODULES = (
    "checks",
    "data",
    "device",
    "experiments",
    "lasso",
    "models",
    "optim",
    "plots",
    "ridge",
    "search",
    "search_worker",
    "style",
    "tinymlp",
    "train",
    "widgets",
)

__all__ = ["__version__", *_SUBMODULES]


def __getattr__(name: str) -> Any:
    if name in _SUBMODULES:
        module = importlib.import_module(f".{name}", __name__)
        globals()[name] = module
        return module
    raise AttributeError(f"module 'regviz' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
