"""Server-side time of one move of notebook 05's λ slider, against the naive way, in the same run.

One update = compute + redraw + PNG encoding, what a student waits for after moving the slider (the browser's
own decode and paint come on top and are not measured here). Three ways, on the same data as the notebook
(degree-12 standardised polynomial features, 20 training and 200 validation points):

* **ours** — ``regviz.widgets.ridge_explorer``: one SVD and the whole validation curve computed once, artists
  moved in place, only the moving artists redrawn over a cached background (blitting);
* **in place, full redraw** — the same explorer with ``blit=False``: precomputed, artists moved in place, but the
  whole figure drawn at every move (shows what blitting adds);
* **naive** — what an ``interact`` callback usually does: fit ``sklearn.linear_model.Ridge`` at the new λ and
  build a new three-panel figure with the same plot functions (the validation curve's numbers are given to it
  precomputed, which flatters the naive way), then encode it.

The three are timed alternately over the same λ values (every other value of the slider, 46 of them), so they see
the same machine load; medians are reported. Run alone with ``python benchmarks/bench_ridge.py`` or through
``benchmarks/run.py --only bench_ridge``.
"""

from __future__ import annotations

import io
import os
import statistics
import time
from typing import Any

GOAL_MS = 50.0


def _naive_update(
    alpha: float, X_train: Any, y_train: Any, X_plot: Any, x_plot: Any, x_train: Any, curve: tuple[Any, Any, Any]
) -> bytes:
    """Fit Ridge at ``alpha`` and draw a brand-new figure, as an ``interact`` callback would."""
    import numpy as np
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from sklearn.linear_model import Ridge

    from regviz.plots import plot_coef_bars, plot_polynomial_fit, plot_validation_curve
    from regviz.plots._axes import LAMBDA_LABEL as ALPHA_LABEL

    model = Ridge(alpha=alpha).fit(X_train, y_train)
    alphas, train_mse, val_mse = curve
    fig = Figure(figsize=(12.0, 3.9), dpi=100, layout="constrained")
    canvas = FigureCanvasAgg(fig)
    ax_fit, ax_bars, ax_val = fig.subplots(1, 3)
    plot_polynomial_fit(x_train, y_train, x_plot, model.predict(X_plot), label="ridge fit", ax=ax_fit)
    limit = 2.0 * float(np.max(np.abs(model.coef_))) + 1e-12
    plot_coef_bars(model.coef_, ylim=(-limit, limit), symlog=1.0, ax=ax_bars)
    plot_validation_curve(
        alphas, train_mse, val_mse, current=alpha, logx=True, logy=True, xlabel=ALPHA_LABEL, ax=ax_val
    )
    buffer = io.BytesIO()
    canvas.print_png(buffer, metadata={"Software": None}, pil_kwargs={"compress_level": 1})
    return buffer.getvalue()


def run(*, step: int = 2) -> list[dict[str, Any]]:
    """Time the three ways over the slider's λ values; return rows for ``benchmarks/results.md``.

    Parameters
    ----------
    step : int, default=2
        Use every ``step``-th value of the slider (91 values from 1e-6 to 1e3): 46 values by default.

    Returns
    -------
    list of dict
        Rows with keys ``benchmark``, ``metric``, ``value``, ``unit``, ``note``.
    """
    import matplotlib
    import numpy as np

    matplotlib.use("Agg")
    from regviz import style
    from regviz.data import make_noisy_polynomial
    from regviz.ridge import polynomial_design
    from regviz.widgets import log_grid, ridge_explorer

    style.use()
    x_train, y_train = make_noisy_polynomial(20, seed=10)
    x_val, y_val = make_noisy_polynomial(200, seed=1)
    degree = 12
    raw = polynomial_design(x_train, degree)
    mean, scale = raw.mean(axis=0), raw.std(axis=0)
    X_train = (raw - mean) / scale
    x_plot = np.linspace(min(x_train.min(), x_val.min()), max(x_train.max(), x_val.max()), 200)
    X_plot = (polynomial_design(x_plot, degree) - mean) / scale

    ours = ridge_explorer(x_train, y_train, x_val, y_val, degree=degree, alpha=1e-4)
    full = ridge_explorer(x_train, y_train, x_val, y_val, degree=degree, alpha=1e-4, blit=False)
    grid = log_grid(1e-6, 1e3)
    # the validation curve the naive way gets for free (taken from the explorer's precomputation)
    ax_val = ours.figure.axes[2]
    train_line = next(a for a in ax_val.lines if a.get_gid() == "train")
    val_line = next(a for a in ax_val.lines if a.get_gid() == "validation")
    curve = (grid, np.asarray(train_line.get_ydata()), np.asarray(val_line.get_ydata()))

    values = [float(a) for a in grid[::step]]
    _naive_update(values[0], X_train, y_train, X_plot, x_plot, x_train, curve)  # warm-up (imports, font cache)
    t_ours, t_full, t_naive = [], [], []
    for alpha in values:
        ours.set(alpha=alpha)
        t_ours.append(ours.last_render_seconds)
        full.set(alpha=alpha)
        t_full.append(full.last_render_seconds)
        start = time.perf_counter()
        _naive_update(alpha, X_train, y_train, X_plot, x_plot, x_train, curve)
        t_naive.append(time.perf_counter() - start)

    ms_ours = 1000 * statistics.median(t_ours)
    ms_full = 1000 * statistics.median(t_full)
    ms_naive = 1000 * statistics.median(t_naive)
    setting = (
        f"05 λ slider, 3 panels 1200x390 px, degree-12 ridge on 20 points; median of {len(values)} λ values "
        f"from 1e-6 to 1e3, {os.cpu_count()} cores"
    )
    verdict = "meets" if ms_ours <= GOAL_MS else "misses"
    return [
        {
            "benchmark": "bench_ridge",
            "metric": "λ slider update, ours (precomputed SVD, blitting)",
            "value": round(ms_ours, 1),
            "unit": "ms",
            "note": f"{setting}; {verdict} the {GOAL_MS:.0f} ms goal; p90 {1000 * float(np.percentile(t_ours, 90)):.1f} ms",
        },
        {
            "benchmark": "bench_ridge",
            "metric": "λ slider update, in place with full redraw",
            "value": round(ms_full, 1),
            "unit": "ms",
            "note": "same explorer, blit=False: precomputed, artists moved, whole figure drawn each move",
        },
        {
            "benchmark": "bench_ridge",
            "metric": "λ slider update, naive (fit Ridge + new figure)",
            "value": round(ms_naive, 1),
            "unit": "ms",
            "note": "sklearn Ridge fitted at each λ, new constrained-layout figure with the same plot functions",
        },
        {
            "benchmark": "bench_ridge",
            "metric": "speedup",
            "value": round(ms_naive / ms_ours, 1),
            "unit": "x",
            "note": f"naive / ours, same run (full redraw / ours: {ms_full / ms_ours:.1f}x)",
        },
    ]


if __name__ == "__main__":
    for row in run():
        print(f"{row['metric']:<52} {row['value']:>8} {row['unit']:<3} {row['note']}")
