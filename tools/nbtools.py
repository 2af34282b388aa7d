"""Execute, normalise and test the course notebooks in one pinned numeric environment.

Maintainers' tooling, not part of the teaching package. The Makefile calls it::

    python -m tools.nbtools execute notebooks/05_ridge.ipynb   # run in the pinned environment, store, normalise
    python -m tools.nbtools normalize notebooks/*.ipynb        # normalise only
    python -m tools.nbtools check notebooks/*.ipynb            # exit 1 if a file is not normalised
    python -m tools.nbtools strict notebooks/*.ipynb           # nbval strict, pinned      (make test-notebooks)
    python -m tools.nbtools strict --underneath other-isa ...  # same, other kernels forced underneath (make test-isa)
    python -m tools.nbtools robust notebooks/*.ipynb           # lax, three perturbations  (make test-robust)
    python -m tools.nbtools lax notebooks/*.ipynb              # lax, this machine as it is: ARM laptops, GPUs
    python -m tools.nbtools env [--underneath other-isa]       # print the pinned environment

Why a pinned environment: the last bits of a float sum depend on the code path a library picks for the CPU
(MKL, OpenBLAS, PyTorch's vectorised kernels and NumPy's SIMD loops each choose one) and on the thread count;
training amplifies those bits over hundreds of steps. :data:`PINNED_ENV` fixes every such choice to one that
every x86-64 CPU with AVX2 can run, so outputs stored on one machine compare bit for bit on another.
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

__all__ = [
    "OTHER_ISA_ENV",
    "PINNED_ENV",
    "ROBUST_RUNS",
    "UNSET_VARS",
    "execute_notebook",
    "normalize",
    "normalized_text",
    "pinned_environ",
    "strict_comparison_supported",
]

ROOT = Path(__file__).resolve().parent.parent
_KERNEL = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}

#: The environment stored outputs are produced in (``make outputs``) and compared in (``make test-notebooks``).
#: Each entry pins one source of last-bit differences between machines; measured costs in the README.
PINNED_ENV: dict[str, str] = {
    # the CPU, and the course's own seeds unshifted
    "CUDA_VISIBLE_DEVICES": "",
    "REGVIZ_DEVICE": "cpu",
    "REGVIZ_SEED_OFFSET": "0",
    "PYTHONHASHSEED": "0",
    # one thread everywhere: a reduction split over k threads sums in another order
    "OMP_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
    "OPENBLAS_NUM_THREADS": "1",
    "MKL_DYNAMIC": "FALSE",
    "OMP_DYNAMIC": "FALSE",
    # PyTorch's matrix products (MKL): the only code branch MKL keeps identical on Intel *and* AMD CPUs
    # (its AVX2 branch falls back to the machine's own path on non-Intel CPUs, measured here)
    "MKL_CBWR": "COMPATIBLE",
    # NumPy's and SciPy's OpenBLAS: Haswell kernels, which every AVX2 CPU runs (SkylakeX / Zen would be picked)
    "OPENBLAS_CORETYPE": "Haswell",
    # PyTorch's own vectorised kernels (reductions, softmax, random numbers) and oneDNN: AVX2, not AVX-512
    "ATEN_CPU_CAPABILITY": "avx2",
    "ONEDNN_MAX_CPU_ISA": "AVX2",
    # NumPy's SIMD loops (exp, log, sort, ...): no AVX-512 variants, which round differently
    "NPY_DISABLE_CPU_FEATURES": "X86_V4 AVX512_ICL AVX512_SPR",
}

#: Variables removed from the inherited environment before :data:`PINNED_ENV` is applied: each could move
#: a library off the pinned path.
UNSET_VARS: tuple[str, ...] = ("NPY_ENABLE_CPU_FEATURES", "MKL_ENABLE_INSTRUCTIONS", "MKL_DEBUG_CPU_TYPE")

#: Forces *other* instruction-set paths than this kind of machine picks by itself, in every library the pin
#: controls: MKL's SSE2 branch, OpenBLAS's Sandybridge (AVX, no FMA) kernels, PyTorch's and oneDNN's
#: non-AVX2 kernels, NumPy without its AVX2 loops. Under the pin the outputs must not change
#: (``make test-isa``); without it they do (``tests/test_portable_outputs.py`` shows it on a probe).
OTHER_ISA_ENV: dict[str, str] = {
    "MKL_CBWR": "COMPATIBLE",
    "MKL_ENABLE_INSTRUCTIONS": "SSE4_2",
    "OPENBLAS_CORETYPE": "Sandybridge",
    "ATEN_CPU_CAPABILITY": "default",
    "ONEDNN_MAX_CPU_ISA": "SSE41",
    "NPY_DISABLE_CPU_FEATURES": "X86_V3",
}

#: A seed offset no stored output has seen: the notebooks' own seeds stay below 10,000.
ROBUST_SEED_OFFSET = "100003"

_UNPINNED_BASE = {"CUDA_VISIBLE_DEVICES": "", "REGVIZ_DEVICE": "cpu", "REGVIZ_SEED_OFFSET": "0"}
# PASSIVE: idle OpenMP threads sleep instead of spinning, so a busy machine does not slow tiny matrix products
# 100-fold (measured on notebook 03's deep-network cell); it changes no number
_TWO_THREADS = {
    "OMP_NUM_THREADS": "2",
    "MKL_NUM_THREADS": "2",
    "OPENBLAS_NUM_THREADS": "2",
    "OMP_WAIT_POLICY": "PASSIVE",
}

#: ``make test-robust``: every notebook re-executed in lax mode (every assert runs) under each of these.
ROBUST_RUNS: dict[str, tuple[str, dict[str, str]]] = {
    "a-native-2-threads": ("this machine's own unpinned kernels, 2 threads", {**_UNPINNED_BASE, **_TWO_THREADS}),
    "b-other-isa": (
        "other instruction-set paths than (a), unpinned, 2 threads",
        {**_UNPINNED_BASE, **_TWO_THREADS, **OTHER_ISA_ENV},
    ),
    "c-other-seeds": (
        f"seeds shifted by {ROBUST_SEED_OFFSET} (REGVIZ_SEED_OFFSET), pinned kernels",
        {**PINNED_ENV, "REGVIZ_SEED_OFFSET": ROBUST_SEED_OFFSET},
    ),
}

_PIN_KEYS = set(PINNED_ENV) | set(UNSET_VARS) | set(OTHER_ISA_ENV)


def pinned_environ(base: Mapping[str, str] | None = None) -> dict[str, str]:
    """Return ``base`` (default: ``os.environ``) with :data:`UNSET_VARS` removed and :data:`PINNED_ENV` applied."""
    env = dict(os.environ if base is None else base)
    for name in UNSET_VARS:
        env.pop(name, None)
    env.update(PINNED_ENV)
    return env


def _unpinned_environ(overrides: Mapping[str, str]) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in _PIN_KEYS}
    env.update(overrides)
    return env


def strict_comparison_supported() -> tuple[bool, str]:
    """Whether this machine can reproduce the stored outputs bit for bit (x86-64 with AVX2), and why not."""
    machine = platform.machine().lower()
    if machine not in ("x86_64", "amd64"):
        return False, f"this machine is {machine}, not x86-64"
    import numpy as np

    features = np._core._multiarray_umath.__cpu_features__  # type: ignore[attr-defined]
    if not (features.get("AVX2") and features.get("FMA3")):
        return False, "this x86-64 CPU lacks AVX2/FMA"
    return True, ""


def normalize(nb: Any) -> Any:
    """Return the notebook with volatile metadata removed (in place, and returned)."""
    nb.metadata.pop("widgets", None)
    nb.metadata["kernelspec"] = dict(_KERNEL)
    nb.metadata["language_info"] = {"name": "python"}
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        if cell.cell_type == "code":
            for output in cell.get("outputs", []):
                data = output.get("data", {})
                view = data.get("application/vnd.jupyter.widget-view+json")
                if view is not None:
                    view["model_id"] = ""
                output.get("metadata", {}).pop("execution", None)
    return nb


def normalized_text(nb: Any) -> str:
    """Serialise a notebook the way it is stored in the repository."""
    import nbformat

    return nbformat.writes(normalize(nb), version=4) + "\n"


_CPU_PROBE = (
    "import resource as _r; _u = _r.getrusage(_r.RUSAGE_SELF); print('KERNEL_CPU_S', _u.ru_utime + _u.ru_stime)"
)


def execute_notebook(path: Path, *, timeout: int = 900) -> tuple[float, float]:
    """Execute ``path`` top to bottom in the pinned environment, store outputs, normalise.

    Returns the wall-clock seconds and the kernel's CPU seconds; with one thread and an idle machine the two
    agree, and on a busy machine the CPU seconds still measure the notebook's own cost.
    """
    import nbformat
    from nbclient import NotebookClient

    for name in UNSET_VARS:
        os.environ.pop(name, None)
    os.environ.update(PINNED_ENV)  # inherited by the kernel
    os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    nb = nbformat.read(path, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(_CPU_PROBE))
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
        record_timing=False,
        extra_arguments=["--log-level=ERROR"],
    )
    start = time.perf_counter()
    client.execute()
    elapsed = time.perf_counter() - start
    probe = nb.cells.pop()
    text = "".join(o.get("text", "") for o in probe.outputs)
    cpu = float(text.split("KERNEL_CPU_S", 1)[1].split()[0]) if "KERNEL_CPU_S" in text else float("nan")
    path.write_text(normalized_text(nb), encoding="utf-8")
    return elapsed, cpu


_NBVAL = [
    "--nbval-current-env",
    "--nbval-cell-timeout=600",
    "--nbval-kernel-startup-timeout=240",  # a busy laptop (or four kernels on one CPU) can take over 60 s
    "--nbval-sanitize-with",
    "tests/nbval_sanitize.cfg",
    "-p",
    "tests.nbval_summary",
    "-p",
    "no:cacheprovider",
]


def _workers() -> list[str]:
    """Two notebooks at a time (each kernel single-threaded in the pinned runs) when xdist is installed."""
    try:
        import xdist  # noqa: F401
    except ImportError:
        return []
    n = min(2, os.cpu_count() or 1)
    return ["-n", str(n), "--dist", "loadfile"] if n > 1 else []


def _pytest(mode: str, paths: Sequence[str], env: Mapping[str, str]) -> int:
    cmd = [sys.executable, "-m", "pytest", mode, *_NBVAL, *_workers(), *paths]
    full_env = {**env, "PYDEVD_DISABLE_FILE_VALIDATION": "1"}
    return subprocess.run(cmd, env=full_env, cwd=ROOT, check=False).returncode


def _strict(paths: Sequence[str], underneath: str) -> int:
    ok, why = strict_comparison_supported()
    if not ok:
        print(
            f"Stored outputs compare bit for bit only on x86-64 CPUs with AVX2; {why}.\n"
            "Run `make test-lax` instead: every notebook executes and every assert is checked.",
            file=sys.stderr,
        )
        return 2
    base = dict(os.environ)
    if underneath == "other-isa":
        base.update(OTHER_ISA_ENV)
    print(f"== nbval strict, pinned environment over {underneath} kernels", flush=True)
    return _pytest("--nbval", paths, pinned_environ(base))


def _robust(paths: Sequence[str], only: Sequence[str] | None) -> int:
    failed = []
    for name, (what, overrides) in ROBUST_RUNS.items():
        if only and name not in only:
            continue
        print(f"\n== robustness run {name}: {what}", flush=True)
        start = time.perf_counter()
        code = _pytest("--nbval-lax", paths, _unpinned_environ(overrides))
        print(f"== {name}: {'passed' if code == 0 else 'FAILED'} in {time.perf_counter() - start:.0f} s", flush=True)
        if code != 0:
            failed.append(name)
    if failed:
        print(f"robustness runs failed: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The command line; options may stand anywhere among the notebook paths."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["execute", "normalize", "check", "strict", "robust", "lax", "env"])
    parser.add_argument("paths", nargs="*", type=Path)
    parser.add_argument("--timeout", type=int, default=900, help="execute: seconds allowed per cell")
    parser.add_argument("--underneath", choices=["native", "other-isa"], default="native")
    parser.add_argument(
        "--only", action="append", choices=sorted(ROBUST_RUNS), help="robust: run only this one (repeatable)"
    )
    return parser


def parse_command_line(argv: list[str] | None = None) -> argparse.Namespace:
    """Parse ``argv`` as :func:`_main` does."""
    return build_parser().parse_intermixed_args(argv)


def _main(argv: list[str] | None = None) -> int:
    import nbformat

    parser = build_parser()
    args = parse_command_line(argv)
    paths = [str(p) for p in args.paths]
    if args.command == "env":
        base = {**os.environ, **OTHER_ISA_ENV} if args.underneath == "other-isa" else dict(os.environ)
        env = pinned_environ(base)
        for name in sorted(_PIN_KEYS | set(PINNED_ENV)):
            print(f"{name}={env.get(name, '<unset>')}")
        return 0
    if not paths:
        parser.error("give at least one notebook")
    if args.command == "strict":
        return _strict(paths, args.underneath)
    if args.command == "robust":
        return _robust(paths, args.only)
    if args.command == "lax":
        return _pytest("--nbval-lax", paths, dict(os.environ))
    status = 0
    for path in args.paths:
        if args.command == "execute":
            seconds, cpu = execute_notebook(path, timeout=args.timeout)
            print(f"{path}: executed in {seconds:.1f} s wall, {cpu:.1f} s kernel CPU", flush=True)
            continue
        text = path.read_text(encoding="utf-8")
        new = normalized_text(nbformat.reads(text, as_version=4))
        if args.command == "normalize" and new != text:
            path.write_text(new, encoding="utf-8")
            print(f"{path}: normalised")
        elif args.command == "check" and new != text:
            print(f"{path}: not normalised (run `make outputs` or `python -m tools.nbtools normalize`)")
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(_main())
