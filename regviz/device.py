"""Device choice, seeding, deterministic settings and an environment report.

PyTorch is imported inside the functions that need it, so ``import regviz``
stays fast and the linear-model notebooks never load it.

Device order: CUDA, then Apple's MPS, then the CPU. The environment variable
``REGVIZ_DEVICE`` (``cpu``, ``cuda``, ``cuda:1``, ``mps``) overrides the choice,
e.g. ``REGVIZ_DEVICE=cpu`` to reproduce the stored outputs on a GPU machine.
"""

from __future__ import annotations

import importlib.metadata
import os
import platform
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ._validation import SEED_MAX, SEED_OFFSET_VAR, seed_offset, validate_int

if TYPE_CHECKING:
    import torch

__all__ = [
    "environment_report",
    "get_device",
    "seed",
    "seeds",
]

ENV_VAR = "REGVIZ_DEVICE"
"""Name of the environment variable that overrides :func:`get_device`."""

_REPORTED_PACKAGES = (
    "regviz",
    "numpy",
    "scipy",
    "matplotlib",
    "scikit-learn",
    "torch",
    "ipywidgets",
    "jupyterlab",
    "optuna",
)


def _available_devices() -> list[str]:
    """List the device types PyTorch can use here, in the order of preference.

    Returns
    -------
    list of str
        A subset of ``["cuda", "mps", "cpu"]``; ``"cpu"`` is always last.

    """
    import torch

    found = []
    if torch.cuda.is_available():
        found.append("cuda")
    mps = getattr(torch.backends, "mps", None)
    if mps is not None and mps.is_available():
        found.append("mps")
    found.append("cpu")
    return found


def get_device(prefer: str | None = None) -> torch.device:
    """Pick the device to train on: CUDA, then MPS, then the CPU.

    Parameters
    ----------
    prefer : str or None, default=None
        A device string (``"cpu"``, ``"cuda"``, ``"cuda:0"``, ``"mps"``) to use
        instead of the automatic choice. When ``None``, the environment variable
        ``REGVIZ_DEVICE`` is read, and if unset the first available device wins.

    Returns
    -------
    torch.device
        The chosen device.

    Raises
    ------
    ValueError
        If the requested device is unknown or not available on this machine.

    """
    import torch

    wanted = prefer if prefer is not None else os.environ.get(ENV_VAR) or None
    available = _available_devices()
    if wanted is None:
        return torch.device(available[0])
    source = "prefer" if prefer is not None else ENV_VAR
    if not isinstance(wanted, str):
        raise ValueError(f"{source} must be a device string such as 'cpu', 'cuda' or 'mps', got {wanted!r}")
    try:
        device = torch.device(wanted.strip().lower())
    except RuntimeError as exc:
        raise ValueError(f"{source} must be one of 'cpu', 'cuda', 'cuda:N' or 'mps', got {wanted!r}") from exc
    if device.type not in ("cpu", "cuda", "mps"):
        raise ValueError(f"{source} must be one of 'cpu', 'cuda', 'cuda:N' or 'mps', got {wanted!r}")
    if device.type not in available:
        raise ValueError(f"{source}={wanted!r} is not available here; available: {available}")
    if device.type == "cuda" and device.index is not None and device.index >= torch.cuda.device_count():
        raise ValueError(f"{source}={wanted!r}: index must be in [0, {torch.cuda.device_count() - 1}]")
    return device


def seed(k: int = 0) -> int:
    """Return the course's seed number ``k``: ``k`` itself, shifted by ``REGVIZ_SEED_OFFSET``.

    Every seed in the notebooks comes through this function, so one environment variable re-runs the whole
    course on random draws its stored outputs never saw (``make test-robust`` does, with a large offset):
    a claim that holds only for seeds 0 to 4 is a claim about those seeds, not about the method.

    Parameters
    ----------
    k : int, default=0
        Which seed, ``k >= 0``; the notebooks number them 0, 1, 2, ... (or 1000 + k for a second family).

    Returns
    -------
    int
        ``k + offset``, with ``offset`` read from ``REGVIZ_SEED_OFFSET`` (0 when unset).

    Raises
    ------
    ValueError
        If ``k`` is not an integer in ``[0, 2**32 - 1 - offset]`` or the variable is not a non-negative integer.

    Examples
    --------
    >>> seed()  # doctest: +SKIP
    0
    >>> seeds(3)  # doctest: +SKIP
    [0, 1, 2]

    """
    offset = seed_offset()
    return validate_int(k, "k", low=0, high=SEED_MAX - offset) + offset


def seeds(n: int, start: int = 0) -> list[int]:
    """Return ``n`` consecutive course seeds, ``[seed(start), ..., seed(start + n - 1)]``.

    Parameters
    ----------
    n : int
        How many seeds, in ``[1, 10_000]``.
    start : int, default=0
        The first ``k`` (see :func:`seed`).

    Returns
    -------
    list of int
        The seeds, shifted by ``REGVIZ_SEED_OFFSET`` like :func:`seed`.

    """
    n = validate_int(n, "n", low=1, high=10_000)
    start = validate_int(start, "start", low=0, high=SEED_MAX)
    return [seed(start + i) for i in range(n)]


def _has_torch() -> bool:
    try:
        importlib.metadata.version("torch")
    except importlib.metadata.PackageNotFoundError:
        return False
    return True


def _version(name: str) -> str:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


@dataclass(frozen=True)
class EnvironmentReport:
    """What this machine offers the course.

    Attributes
    ----------
    python : str
        Python's version, e.g. ``"3.11.7"``.
    platform : str
        Operating system and architecture.
    packages : dict of str to str
        Installed versions of the packages the course relies on.
    devices : list of str
        Device types PyTorch can use, preferred first.
    device : str
        The device :func:`get_device` picks.
    device_name : str
        A human-readable name of that device (GPU model or CPU architecture).
    cpu_count : int
        Logical CPU cores.
    seed_offset : int
        The shift ``REGVIZ_SEED_OFFSET`` applies to every seed (0: the seeds of the stored outputs).

    """

    python: str
    platform: str
    packages: dict[str, str] = field(default_factory=dict)
    devices: list[str] = field(default_factory=list)
    device: str = "cpu"
    device_name: str = ""
    cpu_count: int = 1
    seed_offset: int = 0

    def __str__(self) -> str:
        width = max(len(k) for k in ["python", "platform", "seed offset", *self.packages])
        lines = [f"{'python':<{width}}  {self.python}", f"{'platform':<{width}}  {self.platform}"]
        lines += [f"{name:<{width}}  {version}" for name, version in self.packages.items()]
        lines.append(f"{'devices':<{width}}  {', '.join(self.devices)}")
        lines.append(f"{'device':<{width}}  {self.device} ({self.device_name})")
        lines.append(f"{'cpu cores':<{width}}  {self.cpu_count}")
        lines.append(f"{'seed offset':<{width}}  {self.seed_offset} ({SEED_OFFSET_VAR})")
        return "\n".join(lines)


def environment_report(packages: tuple[str, ...] = _REPORTED_PACKAGES) -> EnvironmentReport:
    """Collect versions, devices and core count into an :class:`EnvironmentReport`.

    Parameters
    ----------
    packages : tuple of str
        Distribution names whose installed versions to report.

    Returns
    -------
    EnvironmentReport
        Print it for a readable table.

    """
    if not isinstance(packages, tuple) or not all(isinstance(p, str) and p for p in packages):
        raise ValueError(f"packages must be a tuple of non-empty distribution names, got {packages!r}")
    versions = {name: _version(name) for name in packages}
    devices: list[str] = ["cpu"]
    device = "cpu"
    device_name = platform.machine() or "cpu"
    if _has_torch():
        import torch

        devices = _available_devices()
        chosen = get_device()
        device = str(chosen)
        if chosen.type == "cuda":
            device_name = torch.cuda.get_device_name(chosen)
        elif chosen.type == "mps":
            device_name = "Apple GPU (MPS)"
    return EnvironmentReport(
        python=platform.python_version(),
        platform=f"{platform.system()} {platform.machine()}",
        packages=versions,
        devices=devices,
        device=device,
        device_name=device_name,
        cpu_count=os.cpu_count() or 1,
        seed_offset=seed_offset(),
    )
