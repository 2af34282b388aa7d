"""Interactive explorers: thin ipywidgets wrappers over compute and plot functions.

Each explorer returns an :class:`Explorer`; display it in a notebook, or call
``explorer.set(name=value)`` (as the tests do) and read ``explorer.image.value``.
Updates move the existing artists of one figure, so sliders stay fast.
"""

from ..tinymlp import TinyMLP, fit_tiny_mlp  # re-exported: notebooks 09 and 10 call widgets.fit_tiny_mlp
from ._core import Explorer

# A contributor's building blocks for a new explorer: importable as regviz.widgets.<name>, not in __all__.
from ._core import float_slider as float_slider
from ._core import log_grid as log_grid
from ._core import log_slider as log_slider
from ._core import new_figure as new_figure
from .basics import slope_explorer
from .boundaries import dropout_explorer, learning_curve_explorer, weight_decay_explorer
from .lasso import enet_explorer, geometry_explorer, lasso_explorer
from .optim import loss_explorer, lr_explorer, momentum_explorer, optimizer_explorer
from .ridge import ridge_explorer
from .search import search_explorer
from .validation import degree_explorer

__all__ = [
    "Explorer",
    "TinyMLP",
    "degree_explorer",
    "dropout_explorer",
    "enet_explorer",
    "fit_tiny_mlp",
    "geometry_explorer",
    "lasso_explorer",
    "learning_curve_explorer",
    "loss_explorer",
    "lr_explorer",
    "momentum_explorer",
    "optimizer_explorer",
    "ridge_explorer",
    "search_explorer",
    "slope_explorer",
    "weight_decay_explorer",
]
