"""The search-space explorer of notebooks 12 and 13: pick a method and a budget, see where the trials land."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .._validation import check_choice, check_int, check_seed
from ..plots.search import METHOD_LABELS, METHOD_STYLES, plot_best_so_far, plot_trials_2d
from ..search import SEARCH_METHODS, TEST_FUNCTION_MINIMA, TEST_FUNCTIONS, SearchTrace, run_search
from ._core import Explorer, new_figure

__all__ = ["search_explorer"]

_FLOOR = 1e-9  # regret drawn on a log axis: never exactly 0


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

    Left: the test function's contours, the points the method evaluated
    within the budget, its best point starred. Right: the best value so far
    (minus the function's minimum, log scale) against the number of
    evaluations for every method offered, the chosen one drawn bold, the
    budget marked. Every search runs once, up front (grid: one grid per
    budget); a control change only moves points and restyles lines, and only
    those artists are redrawn over a background rendered once (blitting).

    Parameters
    ----------
    objective : {"branin", "low_effective_dim"}, default="branin"
        The test function of the unit square (see :data:`regviz.search.TEST_FUNCTIONS`).
    method : {"grid", "random", "gp-ei", "tpe"}, default="random"
        Initial method, one of ``methods``.
    methods : sequence of str, default=SEARCH_METHODS
        The methods the dropdown offers, distinct names from
        :data:`regviz.search.SEARCH_METHODS`, at least one besides ``"grid"``
        (notebook 12 offers ``("grid", "random")``, before the model-based
        methods are introduced).
    budget : int, default=16
        Initial number of evaluations, in ``[n_init, max_budget]``.
    max_budget : int, default=30
        Largest budget of the slider, ``n_init + 1`` to 60.
    seed : int or None, default=None
        ``None`` means the course seed ``regviz.device.seed()`` (shifted by ``REGVIZ_SEED_OFFSET``).
        Seed of the random, GP and TPE searches.
    n_init : int, default=5
        Random evaluations before GP + EI and TPE use their models, ``>= 1``.

    Returns
    -------
    Explorer
        Display it; ``explorer.set(method="tpe", budget=25)`` changes the controls.

    """
    import ipywidgets as w

    check_choice(objective, "objective", sorted(TEST_FUNCTIONS))
    if isinstance(methods, str) or not isinstance(methods, Sequence) or not methods:
        raise ValueError(f"methods must be a non-empty sequence of names from {list(SEARCH_METHODS)}, got {methods!r}")
    offered = tuple(check_choice(m, "methods", SEARCH_METHODS) for m in methods)
    if len(set(offered)) != len(offered) or offered == ("grid",):
        raise ValueError(f"methods must be distinct names, not only 'grid', got {list(offered)!r}")
    check_choice(method, "method", offered)
    n_init = check_int(n_init, "n_init", low=1, high=20)
    max_budget = check_int(max_budget, "max_budget", low=n_init + 1, high=60)
    budget = check_int(budget, "budget", low=n_init, high=max_budget)
    seed = check_seed(seed)

    fn = TEST_FUNCTIONS[objective]
    minimum = TEST_FUNCTION_MINIMA[objective]
    traces: dict[str, SearchTrace] = {
        m: run_search(objective, m, max_budget, seed=seed, n_init=n_init) for m in offered if m != "grid"
    }
    budgets = list(range(n_init, max_budget + 1))
    grids = {b: run_search(objective, "grid", b) for b in budgets} if "grid" in offered else {}

    def points(m: str, b: int) -> tuple[np.ndarray, np.ndarray]:
        trace = grids[b] if m == "grid" else traces[m]
        return (trace.X, trace.y) if m == "grid" else (trace.X[:b], trace.y[:b])

    xs = np.linspace(0.0, 1.0, 121)
    U, V = np.meshgrid(xs, xs)
    Z = fn(np.c_[U.ravel(), V.ravel()]).reshape(U.shape)

    fig, (ax_pts, ax_curve) = new_figure(ncols=2, figsize=(10.0, 4.2))
    X0, y0 = points(method, budget)
    plot_trials_2d(X0, y0, background=(xs, xs, Z), xlabel=r"$u$", ylabel=r"$v$", ax=ax_pts)
    trials = next(c for c in ax_pts.collections if c.get_gid() == "trials")
    best = next(a for a in ax_pts.lines if a.get_gid() == "best")

    curves = {m: np.maximum(t.best_so_far - minimum, _FLOOR)[None, :] for m, t in traces.items()}
    grid_best = {b: max(g.best - minimum, _FLOOR) for b, g in grids.items()}
    plot_best_so_far(curves, grid=grid_best or None, ylabel="best value − minimum", ax=ax_curve)
    lines = {m: next(a for a in ax_curve.lines if a.get_gid() == f"median:{m}") for m in traces}
    grid_marks = next((a for a in ax_curve.lines if a.get_gid() == "grid"), None)
    cursor = ax_curve.axvline(budget, color="0.3", linewidth=1, linestyle="-")
    (current,) = ax_curve.plot([], [], "o", ms=10, mfc="none", mew=2, color="black", linestyle="none")
    ax_curve.set_xlim(0.5, max_budget + 0.5)
    handles, labels = ax_curve.get_legend_handles_labels()
    ax_curve.legend(handles, [lab.replace(" (median)", "") for lab in labels], fontsize="small", loc="upper right")

    def update(method: str, budget: int) -> None:
        X, y = points(method, budget)
        trials.set_offsets(X)
        trials.set_color(METHOD_STYLES[method][0])
        trials.set_edgecolor("white")
        i = int(np.argmin(y))
        best.set_data([X[i, 0]], [X[i, 1]])
        for m, line in lines.items():
            line.set_linewidth(3.2 if m == method else 1.2)
            line.set_alpha(1.0 if m == method else 0.45)
        if grid_marks is not None:
            grid_marks.set_alpha(1.0 if method == "grid" else 0.45)
        cursor.set_xdata([budget, budget])
        current.set_data([budget], [max(float(y.min()) - minimum, _FLOOR)])
        ax_pts.set_title(f"{METHOD_LABELS[method]}: {len(y)} evaluations, best {y.min():.3f}")
        ax_curve.set_title(f"minimum {minimum:.3f}; best after {budget}: {y.min():.3f}")

    def caption(method: str, budget: int) -> str:
        X, y = points(method, budget)
        distinct = len(np.unique(np.round(X[:, 0], 9)))
        return (
            f"{METHOD_LABELS[method]} &nbsp; budget {budget} &nbsp; evaluated {len(y)} points, "
            f"{distinct} distinct values of u &nbsp; best {y.min():.4f} (minimum {minimum:.4f})"
        )

    controls = {
        "method": w.Dropdown(
            options=[(METHOD_LABELS[m], m) for m in offered], value=method, description="method",
            style={"description_width": "initial"},
        ),
        "budget": w.IntSlider(
            value=budget, min=n_init, max=max_budget, step=1, description="evaluations",
            style={"description_width": "initial"}, layout=w.Layout(width="420px"),
        ),
    }  # fmt: skip
    moving = [trials, best, *lines.values(), cursor, current, ax_pts.title, ax_curve.title]
    if grid_marks is not None:
        moving.append(grid_marks)
    return Explorer(fig, update, controls, caption=caption, animated=moving)  # blit: only these are redrawn
