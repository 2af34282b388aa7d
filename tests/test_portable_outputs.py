"""The pinned environment makes the float bits independent of the instruction-set path (issue: results that travel).

``make test-isa`` shows it on the notebooks themselves (nbval strict with other kernels forced underneath);
these tests show it fast, on a probe that fingerprints every numeric library the notebooks use, and they
show that the perturbation is real: without the pin, every library's bits move.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tools import nbtools

ROOT = Path(__file__).resolve().parent.parent
LIBRARIES = {"torch-gemm", "torch-kernels", "numpy-blas", "numpy-simd", "scipy-blas"}

pytestmark = pytest.mark.skipif(not nbtools.strict_comparison_supported()[0], reason="needs x86-64 with AVX2")


def _probe(env: dict[str, str]) -> dict[str, str]:
    out = subprocess.run(
        [sys.executable, "-m", "tools.isa_probe"], env=env, cwd=ROOT, capture_output=True, text=True, check=True
    )
    return dict(line.split() for line in out.stdout.splitlines())


def _native() -> dict[str, str]:
    """This machine's own choices: no pin variable inherited from the caller."""
    keys = set(nbtools.PINNED_ENV) | set(nbtools.UNSET_VARS) | set(nbtools.OTHER_ISA_ENV)
    env = {k: v for k, v in os.environ.items() if k not in keys}
    return {**env, "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1"}


@pytest.fixture(scope="module")
def fingerprints() -> dict[str, dict[str, str]]:
    native = _native()
    other = {**native, **nbtools.OTHER_ISA_ENV}
    return {
        "native": _probe(native),
        "other": _probe(other),
        "pinned over native": _probe(nbtools.pinned_environ(native)),
        "pinned over other": _probe(nbtools.pinned_environ(other)),
    }


def test_the_other_paths_move_the_bits_of_every_library(fingerprints: dict[str, dict[str, str]]) -> None:
    # the control: forcing other kernels changes each library's results, so the next test could fail
    assert set(fingerprints["native"]) == LIBRARIES
    moved = {lib for lib in LIBRARIES if fingerprints["native"][lib] != fingerprints["other"][lib]}
    print(json.dumps(fingerprints, indent=1))
    assert moved == LIBRARIES


def test_the_pin_makes_the_bits_independent_of_the_path_underneath(fingerprints: dict[str, dict[str, str]]) -> None:
    assert fingerprints["pinned over native"] == fingerprints["pinned over other"]


def test_the_pin_is_inherited_whole() -> None:
    env = nbtools.pinned_environ({"NPY_ENABLE_CPU_FEATURES": "X86_V2", "MKL_CBWR": "AUTO", "OMP_NUM_THREADS": "8"})
    assert "NPY_ENABLE_CPU_FEATURES" not in env
    assert env["MKL_CBWR"] == "COMPATIBLE" and env["OMP_NUM_THREADS"] == "1"
    assert env["REGVIZ_SEED_OFFSET"] == "0" and env["CUDA_VISIBLE_DEVICES"] == ""


def test_robust_runs_differ_from_the_pinned_run_in_what_they_claim() -> None:
    runs = nbtools.ROBUST_RUNS
    assert len(runs) >= 3
    a, b, c = (env for _, env in runs.values())
    assert a["OMP_NUM_THREADS"] == "2" and "MKL_CBWR" not in a  # (a) unpinned, two threads
    assert any(b.get(k) != a.get(k) for k in nbtools.OTHER_ISA_ENV)  # (b) another instruction-set path than (a)
    assert int(c["REGVIZ_SEED_OFFSET"]) >= 10_000  # (c) seeds the stored run never saw
