"""Server-side time of one move of the lasso (06) and elastic-net (07) sliders, against the naive way, same run.

One update = compute + redraw + PNG encoding, what a student waits for after moving a slider (the browser's own
decode and paint come on top and are not measured here). For each slider, three ways on the notebooks' data:

* **ours** — the ``regviz.widgets`` explorer: every answer precomputed on the slider's grid (warm-started
  coordinate-descent paths, the ridge path from one SVD, the constraint regions), artists moved in place, only
  the moving artists redrawn over a cached background (blitting);
* **in place, full redraw** — the same explorer with ``blit=False``;
* **naive** — what an ``interact`` callback usually does: fit the scikit-learn estimators at the new value(s) and
  build a new figure with the same plot functions, then encode it. For the lasso slider the naive way also
  recomputes the path and the validation curve (its panels need them) but gets the ridge partner's λ for free.

The three are timed alternately over the same values (at least 30 per slider), so they see the same machine
load; medians are reported. Run alone with ``python benchmarks/bench_lasso.py`` or through
``benchmarks/run.py --only bench_lasso``.
"""

from __future__ import annotations

import io
import os
import statistics
import time
from typing import Any

GOAL_MS = 50.0


def _encode(fig: Any) -> bytes:
    buffer = io.BytesIO()
    fig.canvas.print_png(buffer, metadata={"Software": None}, pil_kwargs={"compress_level": 1})
    return buffer.getvalue()


def _lasso_data() -> dict[str, Any]:
    from sklearn.model_selection import train_test_split
    from sklearn.preprocessing import StandardScaler

    from regviz.data import load_diabetes
    from regviz.lasso import alpha_max

    d = load_diabetes()
    X_tr, X_va, y_tr, y_va = train_test_split(d.X, d.y, test_size=0.5, random_state=0)
    scaler = StandardScaler().fit(X_tr)
    X_tr, X_va = scaler.transform(X_tr), scaler.transform(X_va)
    a_max = alpha_max(X_tr, y_tr)
    return {"X_train": X_tr, "y_train": y_tr, "X_val": X_va, "y_val": y_va, "names": d.feature_names, "a_max": a_max}


def _naive_lasso(alpha: float, data: dict[str, Any], grid: Any, ridge_alpha: float) -> bytes:
    """Fit Lasso and Ridge at the new λ, recompute the path and errors, draw a new three-panel figure."""
    import numpy as np
    from sklearn.linear_model import Lasso, Ridge, lasso_path

    from regviz.plots import plot_coef_bars, plot_coef_path, plot_validation_curve
    from regviz.plots._axes import LAMBDA_LABEL
    from regviz.widgets import new_figure

    X, y, Xv, yv = data["X_train"], data["y_train"], data["X_val"], data["y_val"]
    lasso = Lasso(alpha=alpha).fit(X, y)
    ridge = Ridge(alpha=ridge_alpha).fit(X, y)
    x_mean, y_mean = X.mean(axis=0), y.mean()
    path = lasso_path(X - x_mean, y - y_mean, alphas=grid[::-1])[1][:, ::-1]
    b = y_mean - x_mean @ path
    train = np.mean((X @ path + b - y[:, None]) ** 2, axis=0)
    val = np.mean((Xv @ path + b - yv[:, None]) ** 2, axis=0)
    fig, (ax_bars, ax_path, ax_err) = new_figure(ncols=3, figsize=(12.0, 3.9))
    plot_coef_bars(
        {"lasso": lasso.coef_, "ridge, same training MSE": ridge.coef_},
        feature_names=data["names"],
        legend_loc="lower right",
        ax=ax_bars,
    )
    plot_coef_path(grid, path.T, feature_names=data["names"], current=alpha, label_lines=True, ax=ax_path)
    plot_validation_curve(
        grid,
        train,
        val,
        current=alpha,
        xlabel=LAMBDA_LABEL,
        logx=True,
        value_ticks=False,
        mark_best=True,
        marker_zorder=4,
        train_label="training",
        ax=ax_err,
    )
    ax_bars.set_title(f"λ = {alpha:.3g}: {int(np.sum(lasso.coef_ == 0))} of 10 lasso coefficients exactly 0")
    ax_err.set_title(f"validation MSE = {val[np.argmin(np.abs(grid - alpha))]:.4g}")
    return _encode(fig)


def _naive_enet(alpha: float, l1_ratio: float, X: Any, y: Any, groups: Any, coef_true: Any) -> bytes:
    """Fit ElasticNet on the full and the two-feature problem, draw a new two-panel figure."""
    import numpy as np
    from sklearn.linear_model import ElasticNet, Ridge

    from regviz.plots import plot_coef_bars, plot_constraint_geometry
    from regviz.widgets import new_figure

    def fit(A: Any) -> Any:
        if l1_ratio == 0:
            return Ridge(alpha=len(y) * alpha).fit(A, y).coef_
        return ElasticNet(alpha=alpha, l1_ratio=l1_ratio).fit(A, y).coef_

    coef, coef2 = fit(X), fit(X[:, :2])
    fig, (ax_geo, ax_bars) = new_figure(ncols=2, figsize=(11.0, 4.4))
    plot_constraint_geometry(X[:, :2], y, coef2, l1_ratio=l1_ratio, ax=ax_geo)
    plot_coef_bars(coef, groups=groups, coef_true=coef_true, ax=ax_bars)
    ax_geo.set_title(f"l1_ratio = {l1_ratio:.2f}, ŵ = ({coef2[0]:.2f}, {coef2[1]:.2f})")
    ax_bars.set_title(f"λ = {alpha:.3g}: {int(np.sum(coef != 0))} of {len(coef)} coefficients non-zero")
    return _encode(fig)


def _rows(
    name: str, setting: str, t_ours: list[float], t_full: list[float], t_naive: list[float]
) -> list[dict[str, Any]]:
    import numpy as np

    ms_ours, ms_full, ms_naive = (1000 * statistics.median(t) for t in (t_ours, t_full, t_naive))
    verdict = "meets" if ms_ours <= GOAL_MS else "misses"
    return [
        {
            "benchmark": "bench_lasso",
            "metric": f"{name} update, ours (precomputed, blitting)",
            "value": round(ms_ours, 1),
            "unit": "ms",
            "note": f"{setting}; {verdict} the {GOAL_MS:.0f} ms goal; p90 {1000 * float(np.percentile(t_ours, 90)):.1f} ms",
        },
        {
            "benchmark": "bench_lasso",
            "metric": f"{name} update, in place with full redraw",
            "value": round(ms_full, 1),
            "unit": "ms",
            "note": "same explorer, blit=False: precomputed, artists moved, whole figure drawn each move",
        },
        {
            "benchmark": "bench_lasso",
            "metric": f"{name} update, naive (fit + new figure)",
            "value": round(ms_naive, 1),
            "unit": "ms",
            "note": "scikit-learn fits at each move, new constrained-layout figure with the same plot functions",
        },
        {
            "benchmark": "bench_lasso",
            "metric": f"{name} speedup",
            "value": round(ms_naive / ms_ours, 1),
            "unit": "x",
            "note": f"naive / ours, same run (full redraw / ours: {ms_full / ms_ours:.1f}x)",
        },
    ]


def run(*, n_values: int = 33) -> list[dict[str, Any]]:
    """Time the three ways on the lasso and the elastic-net sliders; return rows for ``benchmarks/results.md``.

    Parameters
    ----------
    n_values : int, default=33
        Number of slider positions timed per slider (at least 30).

    Returns
    -------
    list of dict
        Rows with keys ``benchmark``, ``metric``, ``value``, ``unit``, ``note``.
    """
    import matplotlib
    import numpy as np

    matplotlib.use("Agg")
    from sklearn.linear_model import Lasso, Ridge

    from regviz import style
    from regviz.data import make_correlated_groups
    from regviz.widgets import enet_explorer, lasso_explorer, log_grid

    if n_values < 30:
        raise ValueError(f"n_values must be >= 30, got {n_values}")
    style.use()
    rows: list[dict[str, Any]] = []

    # --- notebook 06: the lasso λ slider on the diabetes data ---------------------------------
    data = _lasso_data()
    alpha_range = (1e-3 * data["a_max"], 1e-3 * data["a_max"] * 10 ** (66 / 20))
    grid = log_grid(*alpha_range, steps_per_decade=20, exact_end=False)
    args = (data["X_train"], data["y_train"], data["X_val"], data["y_val"])
    kwargs = {"feature_names": data["names"], "alpha_range": alpha_range, "legend_loc": "lower right"}
    ours = lasso_explorer(*args, **kwargs)
    full = lasso_explorer(*args, **kwargs, blit=False)
    values = [float(v) for v in grid[np.linspace(0, len(grid) - 1, n_values).round().astype(int)]]

    def ridge_partner(alpha: float) -> float:  # given to the naive way: the Ridge alpha with lasso's training MSE
        X, y = data["X_train"], data["y_train"]
        coef = Lasso(alpha=alpha).fit(X, y)
        target = np.mean((y - coef.predict(X)) ** 2)
        low, high = -6.0, 6.0
        for _ in range(50):
            mid = (low + high) / 2
            fit = Ridge(alpha=10**mid).fit(X, y)
            low, high = (mid, high) if np.mean((y - fit.predict(X)) ** 2) < target else (low, mid)
        return float(10**low)

    partners = {v: ridge_partner(v) for v in values}
    _naive_lasso(values[0], data, grid, partners[values[0]])  # warm-up (imports, font cache)
    t_ours, t_full, t_naive = [], [], []
    for alpha in values:
        ours.set(alpha=alpha)
        t_ours.append(ours.last_render_seconds)
        full.set(alpha=alpha)
        t_full.append(full.last_render_seconds)
        start = time.perf_counter()
        _naive_lasso(alpha, data, grid, partners[alpha])
        t_naive.append(time.perf_counter() - start)
    setting = (
        f"06 λ slider, 3 panels 1200x390 px, lasso on diabetes (221 training rows, 10 features); median of "
        f"{len(values)} λ values over 3.3 decades, {os.cpu_count()} cores"
    )
    rows += _rows("lasso λ slider", setting, t_ours, t_full, t_naive)

    # --- notebook 07: the λ and l1_ratio sliders on correlated groups -------------------------
    X, y, coef_true, groups = make_correlated_groups(
        100, n_groups=3, group_size=3, correlation=0.99, n_noise_features=3, noise=3.0, seed=0
    )
    X = (X - X.mean(axis=0)) / X.std(axis=0)
    en_kwargs = {"groups": groups, "coef_true": coef_true, "alpha": 1.0, "l1_ratio": 0.5, "alpha_range": (0.01, 10.0)}
    ours_en = enet_explorer(X, y, **en_kwargs)
    full_en = enet_explorer(X, y, **en_kwargs, blit=False)
    en_grid = log_grid(0.01, 10.0, steps_per_decade=10, exact_end=False)
    rng = np.random.default_rng(0)
    moves = [(float(rng.choice(en_grid)), float(rng.choice(np.linspace(0, 1, 21)).round(2))) for _ in range(n_values)]
    _naive_enet(*moves[0], X, y, groups, coef_true)  # warm-up
    t_ours, t_full, t_naive = [], [], []
    for alpha, ratio in moves:
        ours_en.set(alpha=alpha, l1_ratio=ratio)  # two controls: two renders, the last one timed
        t_ours.append(ours_en.last_render_seconds)
        full_en.set(alpha=alpha, l1_ratio=ratio)
        t_full.append(full_en.last_render_seconds)
        start = time.perf_counter()
        _naive_enet(alpha, ratio, X, y, groups, coef_true)
        t_naive.append(time.perf_counter() - start)
    setting = (
        f"07 λ + l1_ratio sliders, 2 panels 1100x440 px, 12 features in correlated groups; median of {len(moves)} "
        f"random (λ, l1_ratio) moves, {os.cpu_count()} cores"
    )
    rows += _rows("elastic-net sliders", setting, t_ours, t_full, t_naive)
    return rows


if __name__ == "__main__":
    for row in run():
        print(f"{row['metric']:<48} {row['value']:>8} {row['unit']:<3} {row['note']}")
