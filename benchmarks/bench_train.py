"""Throughput of regviz.train.fit against the source articles' DataLoader loop.

Both train the same 784-256-256-10 ReLU MLP with SGD on the 5,000 shipped MNIST
images, same batch size and epochs, on the device :func:`regviz.device.get_device`
picks (CUDA, then MPS, then the CPU). The naive loop is the one the source
articles write: ``DataLoader(TensorDataset(X, y), shuffle=True)`` on host
tensors, each batch copied to the device, ``loss.item()`` after every step.
``fit`` moves the data once and slices shuffled batches on the device.
Runs alternate (ours, naive, ours, ...) so both see the same machine load;
the median of ``repeats`` runs is reported.

Run alone with ``python benchmarks/bench_train.py`` or through ``benchmarks/run.py``.
"""

from __future__ import annotations

import statistics
import time
from typing import Any

BATCH_SIZE = 64
N_EPOCHS = 2
REPEATS = 5
LR = 0.05


def _sync(device: Any) -> None:
    import torch

    if device.type == "cuda":
        torch.cuda.synchronize(device)
    elif device.type == "mps":
        torch.mps.synchronize()


def _naive_loop(model: Any, X: Any, y: Any, device: Any, *, n_epochs: int, batch_size: int, seed: int) -> float:
    """The source articles' loop: DataLoader on the host, a copy per batch, .item() per step."""
    import torch
    from torch.utils.data import DataLoader, TensorDataset

    loader = DataLoader(
        TensorDataset(X, y), batch_size=batch_size, shuffle=True, generator=torch.Generator().manual_seed(seed)
    )
    criterion = torch.nn.CrossEntropyLoss()
    optimizer = torch.optim.SGD(model.parameters(), lr=LR)
    model.train()
    running = 0.0
    for _ in range(n_epochs):
        for xb, yb in loader:
            xb, yb = xb.to(device), yb.to(device)
            optimizer.zero_grad()
            loss = criterion(model(xb), yb)
            loss.backward()
            optimizer.step()
            running += loss.item()
    return running


def run(*, n_epochs: int = N_EPOCHS, batch_size: int = BATCH_SIZE, repeats: int = REPEATS) -> list[dict[str, Any]]:
    """Time both loops; return rows for ``benchmarks/results.md``.

    Returns
    -------
    list of dict
        Rows with keys ``benchmark``, ``metric``, ``value``, ``unit``, ``note``:
        samples per second of each loop and the speedup of ``fit``.
    """
    import torch

    from regviz.data import load_mnist_5k
    from regviz.device import get_device
    from regviz.models import make_mlp
    from regviz.train import fit

    device = get_device()
    data = load_mnist_5k(as_float=True)
    X = torch.from_numpy(data.X.reshape(len(data.X), -1))
    y = torch.from_numpy(data.y)
    n_samples = len(X) * n_epochs

    def ours(seed: int) -> float:
        torch.manual_seed(seed)
        model = make_mlp(784, (256, 256), 10).to(device)
        _sync(device)
        start = time.perf_counter()
        fit(model, X, y, lr=LR, n_epochs=n_epochs, batch_size=batch_size, seed=seed, device=device)
        _sync(device)
        return time.perf_counter() - start

    def naive(seed: int) -> float:
        torch.manual_seed(seed)
        model = make_mlp(784, (256, 256), 10).to(device)
        _sync(device)
        start = time.perf_counter()
        _naive_loop(model, X, y, device, n_epochs=n_epochs, batch_size=batch_size, seed=seed)
        _sync(device)
        return time.perf_counter() - start

    ours(0), naive(0)  # warm-up: allocator, kernels, thread pool
    t_ours, t_naive = [], []
    for seed in range(repeats):
        t_ours.append(ours(seed))
        t_naive.append(naive(seed))
    rate_ours = n_samples / statistics.median(t_ours)
    rate_naive = n_samples / statistics.median(t_naive)
    setting = (
        f"784-256-256-10 MLP, SGD, batch {batch_size}, {n_epochs} epochs x 5000 MNIST images, "
        f"{device.type}, {torch.get_num_threads()} threads, median of {repeats}"
    )
    return [
        {
            "benchmark": "bench_train",
            "metric": "fit (batches sliced on the device)",
            "value": round(rate_ours, 1),
            "unit": "samples/s",
            "note": setting,
        },
        {
            "benchmark": "bench_train",
            "metric": "DataLoader loop (source articles)",
            "value": round(rate_naive, 1),
            "unit": "samples/s",
            "note": setting,
        },
        {
            "benchmark": "bench_train",
            "metric": "speedup",
            "value": round(rate_ours / rate_naive, 2),
            "unit": "x",
            "note": "fit / DataLoader loop, same run",
        },
    ]


if __name__ == "__main__":
    for row in run():
        print(f"{row['metric']:<40} {row['value']:>10} {row['unit']:<10} {row['note']}")
