"""The search-space explorer of notebooks 12 and 13: pick a method and a budget, see where the trials land."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .._validation import validate_choice, validate_int
from ..optim import SearchComparison, compare_searches
from ..plots import plot_best_so_far, plot_trials_2d
from ..plots._axes import SEARCH_LABELS as METHOD_LABELS
from ..plots._axes import SEARCH_STYLES as METHOD_STYLES
from ..search import SEARCH_METHODS
from ._core import Explorer, new_figure

__all__ = ["search_explorer"]


def search_explorer(
    objective: str = "branin",
    *,
    method: str = "random",
    methods: Sequence[str] = SEARCH_METHODS,
    budget: int = 16,
    max_budget: int = 30,
    seed: int | None = None,
    n_init: int = 5,
) -> Explorer:
    """Choose a search method and a budget; see the points it evaluated and how fast it improved.

    Left: the test function's contours, the points the method evaluated within the budget, its best point
    starred. Right: the best value so far (minus the function's minimum, log scale) against the number of
    evaluations for every method offered, the chosen one drawn bold, the budget marked. Every search runs
    once, up front (:func:`regviz.optim.compare_searches`); a control change only moves points and restyles
    lines, redrawn over a background rendered once (blitting).

    Parameters
    ----------
    objective, methods, max_budget, seed, n_init
        As :func:`regviz.optim.compare_searches` takes them (notebook 12 offers ``methods=("grid", "random")``,
        before the model-based methods are introduced).
    method : {"grid", "random", "gp-ei", "tpe"}, default="random"
        Initial method, one of ``methods``.
    budget : int, default=16
        Initial number of evaluations, in ``[n_init, max_budget]``.

    Returns
    -------
    Explorer
        Display it; ``explorer.set(method="tpe", budget=25)`` changes the controls.

    """
    validate_choice(method, "method", SEARCH_METHODS)  # cheap checks first: the searches take seconds
    validate_int(budget, "budget", low=1, high=60)
    searches = compare_searches(objective, methods, max_budget, seed=seed, n_init=n_init)
    validate_choice(method, "method", searches.methods)
    budget = validate_int(budget, "budget", low=searches.n_init, high=searches.max_budget)

    view = _SearchFigure(searches, method, budget)

    def caption(method: str, budget: int) -> str:
        now = searches.at(method, budget)
        return (
            f"{METHOD_LABELS[method]} &nbsp; budget {budget} &nbsp; evaluated {len(now.y)} points, "
            f"{now.n_distinct_u} distinct values of u &nbsp; best {now.best:.4f} (minimum {searches.minimum:.4f})"
        )

    controls = _controls(searches, method, budget)
    return Explorer(view.fig, view.show, controls, caption=caption, animated=view.moving)  # blit: only these move


class _SearchFigure:
    """The trials over the test function (left) and every method's regret (right), updated in place."""

    def __init__(self, searches: SearchComparison, method: str, budget: int) -> None:
        self.searches = searches
        self.fig, (self.ax_pts, self.ax_curve) = new_figure(ncols=2, figsize=(10.0, 4.2))
        first = searches.at(method, budget)
        surface = (searches.xs, searches.xs, searches.surface)
        plot_trials_2d(first.X, first.y, background=surface, xlabel=r"$u$", ylabel=r"$v$", ax=self.ax_pts)
        self.trials = next(c for c in self.ax_pts.collections if c.get_gid() == "trials")
        self.best = next(a for a in self.ax_pts.lines if a.get_gid() == "best")
        ax = self.ax_curve
        plot_best_so_far(
            searches.regret_curves, grid=searches.grid_regret or None, ylabel="best value − minimum", ax=ax
        )
        self.lines = {m: next(a for a in ax.lines if a.get_gid() == f"median:{m}") for m in searches.traces}
        self.grid_marks = next((a for a in ax.lines if a.get_gid() == "grid"), None)
        self.cursor = ax.axvline(budget, color="0.3", linewidth=1, linestyle="-")
        (self.current,) = ax.plot([], [], "o", ms=10, mfc="none", mew=2, color="black", linestyle="none")
        ax.set_xlim(0.5, searches.max_budget + 0.5)
        handles, labels = ax.get_legend_handles_labels()
        ax.legend(handles, [lab.replace(" (median)", "") for lab in labels], fontsize="small", loc="upper right")
        self.moving = [self.trials, self.best, *self.lines.values(), self.cursor, self.current]
        self.moving += [
            self.ax_pts.title,
            self.ax_curve.title,
            *([self.grid_marks] if self.grid_marks is not None else []),
        ]

    def show(self, method: str, budget: int) -> None:
        now = self.searches.at(method, budget)
        self.trials.set_offsets(now.X)
        self.trials.set_color(METHOD_STYLES[method][0])
        self.trials.set_edgecolor("white")
        self.best.set_data([now.best_point[0]], [now.best_point[1]])
        for m, line in self.lines.items():
            line.set_linewidth(3.2 if m == method else 1.2)
            line.set_alpha(1.0 if m == method else 0.45)
        if self.grid_marks is not None:
            self.grid_marks.set_alpha(1.0 if method == "grid" else 0.45)
        self.cursor.set_xdata([budget, budget])
        self.current.set_data([budget], [now.regret])
        self.ax_pts.set_title(f"{METHOD_LABELS[method]}: {len(now.y)} evaluations, best {now.best:.3f}")
        self.ax_curve.set_title(f"minimum {self.searches.minimum:.3f}; best after {budget}: {now.best:.3f}")


def _controls(searches: SearchComparison, method: str, budget: int) -> dict[str, Any]:
    """The method's drop-down and the budget's slider."""
    import ipywidgets as w

    return {
        "method": w.Dropdown(
            options=[(METHOD_LABELS[m], m) for m in searches.methods], value=method, description="method",
            style={"description_width": "initial"},
        ),
        "budget": w.IntSlider(
            value=budget, min=searches.n_init, max=searches.max_budget, step=1, description="evaluations",
            style={"description_width": "initial"}, layout=w.Layout(width="420px"),
        ),
    }  # fmt: skip
