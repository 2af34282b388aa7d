"""Print a fingerprint of the float bits each numeric library produces here (``tests/test_portable_outputs.py``).

One line per library, each a hash of results that depend on the code path the library picked for this CPU:

- ``torch-gemm``: 30 SGD steps of a 784-256-10 MLP (MKL's matrix products inside PyTorch);
- ``torch-kernels``: softmax, exp, a long float32 sum and ``torch.randn`` (PyTorch's own vectorised kernels);
- ``numpy-blas``: a matrix product and a linear solve (NumPy's OpenBLAS);
- ``numpy-simd``: exp, log, tanh and a float32 sum (NumPy's SIMD loops);
- ``scipy-blas``: a Cholesky solve (SciPy's own OpenBLAS).

Run it under two environments: a line that differs names a library whose bits moved.
"""

from __future__ import annotations

import hashlib

import numpy as np


def _digest(*arrays: object) -> str:
    h = hashlib.sha256()
    for a in arrays:
        h.update(np.ascontiguousarray(a).tobytes())
    return h.hexdigest()[:16]


def fingerprints() -> dict[str, str]:
    """Hash the results of a few operations of every library the notebooks use."""
    import scipy.linalg
    import torch

    rng = np.random.default_rng(0)
    x = torch.tensor(rng.standard_normal((256, 784)), dtype=torch.float32)
    y = torch.tensor(rng.integers(0, 10, 256))
    torch.manual_seed(0)
    model = torch.nn.Sequential(torch.nn.Linear(784, 256), torch.nn.ReLU(), torch.nn.Linear(256, 10))
    opt = torch.optim.SGD(model.parameters(), lr=0.05)
    for _ in range(30):
        opt.zero_grad()
        torch.nn.functional.cross_entropy(model(x), y).backward()
        opt.step()
    gemm = _digest(*(p.detach().numpy() for p in model.parameters()))
    torch.manual_seed(1)
    kernels = _digest(torch.softmax(x, 1).numpy(), torch.exp(x).numpy(), x.sum().numpy(), torch.randn(999).numpy())
    a = rng.standard_normal((200, 200))
    spd = a @ a.T + 200 * np.eye(200)
    blas = _digest(a @ a, np.linalg.solve(spd, a))
    a32 = a.astype(np.float32)
    simd = _digest(np.exp(a), np.log(np.abs(a) + 1), np.tanh(a), a32.sum(axis=1))
    sblas = _digest(scipy.linalg.cho_solve(scipy.linalg.cho_factor(spd), a))
    return {"torch-gemm": gemm, "torch-kernels": kernels, "numpy-blas": blas, "numpy-simd": simd, "scipy-blas": sblas}


if __name__ == "__main__":
    for name, digest in fingerprints().items():
        print(f"{name} {digest}")
