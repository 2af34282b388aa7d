"""Cost of one capstone run (notebook 13) and of logging it for TensorBoard.

Trains the notebook's "dropout" configuration (784-128-128-10, SGD, batch 128) on the
3,000 training images of the shipped MNIST subset for a few epochs, on the device
:func:`regviz.device.get_device` picks, once without and once with the
:class:`regviz.experiments.TensorBoardLogger` callback, alternating so both see the same
machine load (which of the two goes first alternates too, after one untimed warm-up run that
pays for PyTorch's first-call set-up). Medians over ``repeats`` pairs are reported; the logging
overhead is the median of the paired differences, so it is near zero when logging costs nothing
measurable, and can come out slightly negative by noise. The event files go to a temporary
folder that is deleted afterwards.

Run alone with ``python benchmarks/bench_capstone.py`` or through ``benchmarks/run.py``.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

N_EPOCHS = 5
REPEATS = 7


def run(*, n_epochs: int = N_EPOCHS, repeats: int = REPEATS) -> list[dict[str, Any]]:
    """Time a run with and without TensorBoard logging; return rows for ``benchmarks/results.md``.

    Returns
    -------
    list of dict
        Rows with keys ``benchmark``, ``metric``, ``value``, ``unit``, ``note``.
    """
    import torch

    from regviz.data import load_mnist_5k, stratified_split
    from regviz.device import get_device
    from regviz.experiments import RunConfig, run_config
    from regviz.train import to_tensors

    device = get_device()
    data = load_mnist_5k(as_float=True)
    split = stratified_split(data.X, data.y, seed=0)
    X_train, y_train = to_tensors(split.X_train, split.y_train, device=device)
    X_val, y_val = to_tensors(split.X_val, split.y_val, device=device)
    config = RunConfig("bench", dropout=0.3, input_dropout=0.2, lr=0.1, batch_size=128, n_epochs=n_epochs)
    threads = torch.get_num_threads()
    plain: list[float] = []
    logged: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:

        def timed(seed: int, log: bool) -> float:
            log_dir = Path(tmp) / f"run{seed}" if log else None
            start = time.perf_counter()
            run_config(config, X_train, y_train, X_val, y_val, seed=seed, log_dir=log_dir, device=device)
            return time.perf_counter() - start

        timed(repeats, log=True)  # warm-up, not timed: first-call set-up of PyTorch and of the writer
        for k in range(repeats):
            if k % 2 == 0:
                plain.append(timed(k, log=False))
                logged.append(timed(k, log=True))
            else:
                logged.append(timed(k, log=True))
                plain.append(timed(k, log=False))
    per_epoch = statistics.median(plain) / n_epochs
    with_log = statistics.median(logged) / n_epochs
    overhead = statistics.median((b - a) / a for a, b in zip(plain, logged, strict=True))
    note = f"{device.type}, {threads} torch threads, 3,000 images, batch 128, median of {repeats}"
    return [
        {
            "benchmark": "capstone run",
            "metric": "seconds per epoch, no logging",
            "value": per_epoch,
            "unit": "s",
            "note": note,
        },
        {
            "benchmark": "capstone run",
            "metric": "seconds per epoch, TensorBoard logging",
            "value": with_log,
            "unit": "s",
            "note": note,
        },
        {
            "benchmark": "capstone run",
            "metric": "logging overhead",
            "value": 100 * overhead,
            "unit": "%",
            "note": f"four scalars per epoch through SummaryWriter; median of {repeats} paired differences",
        },
        {
            "benchmark": "capstone run",
            "metric": "notebook 13 training budget (20 epochs x 25 runs + 14 x 10 epochs)",
            "value": per_epoch * (20 * 25 + 14 * 10),
            "unit": "s",
            "note": "estimate from the per-epoch time of this configuration",
        },
    ]


if __name__ == "__main__":
    for row in run():
        print(f"{row['metric']:<70} {row['value']:8.2f} {row['unit']:<2} ({row['note']})")
