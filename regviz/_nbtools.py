"""Execute the course notebooks in place and normalise their stored metadata.

Used by ``make outputs`` and the hygiene tests (not part of the teaching API)::

    python -m regviz._nbtools execute notebooks/05_ridge.ipynb   # run, store outputs, normalise
    python -m regviz._nbtools normalize notebooks/*.ipynb        # normalise only
    python -m regviz._nbtools check notebooks/*.ipynb            # exit 1 if any file is not normalised

Outputs are executed on the CPU (``CUDA_VISIBLE_DEVICES`` empty,
``REGVIZ_DEVICE=cpu``) so they match what nbval compares in CI.
Normalising drops widget state, per-cell timing metadata and the Python patch
version, and keeps outputs and execution counts, so re-executing gives
byte-identical files.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path
from typing import Any

__all__ = ["execute_notebook", "normalize", "normalized_text"]

_KERNEL = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}


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


#: The environment stored outputs are produced in, and compared in (the Makefile's ``test-notebooks`` sets the
#: same variables). CPU only, and one thread for BLAS and PyTorch: the last digits of a float32 reduction
#: depend on how many threads share it, so a fixed count makes outputs identical on any number of cores.
STORED_OUTPUT_ENV: dict[str, str] = {
    "CUDA_VISIBLE_DEVICES": "",
    "REGVIZ_DEVICE": "cpu",
    "OMP_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
    "OPENBLAS_NUM_THREADS": "1",
}


def execute_notebook(path: Path, *, timeout: int = 300) -> float:
    """Execute ``path`` top to bottom in its folder, store outputs, normalise; return seconds."""
    import nbformat
    from nbclient import NotebookClient

    os.environ.update(STORED_OUTPUT_ENV)  # inherited by the kernel
    os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
        record_timing=False,
    )
    start = time.perf_counter()
    client.execute()
    elapsed = time.perf_counter() - start
    path.write_text(normalized_text(nb), encoding="utf-8")
    return elapsed


def _main(argv: list[str] | None = None) -> int:
    import nbformat

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["execute", "normalize", "check"])
    parser.add_argument("paths", nargs="+", type=Path)
    parser.add_argument("--timeout", type=int, default=300)
    args = parser.parse_args(argv)
    status = 0
    for path in args.paths:
        if args.command == "execute":
            seconds = execute_notebook(path, timeout=args.timeout)
            print(f"{path}: executed in {seconds:.1f} s")
        else:
            text = path.read_text(encoding="utf-8")
            new = normalized_text(nbformat.reads(text, as_version=4))
            if args.command == "normalize" and new != text:
                path.write_text(new, encoding="utf-8")
                print(f"{path}: normalised")
            elif args.command == "check" and new != text:
                print(f"{path}: not normalised (run `make outputs` or `python -m regviz._nbtools normalize`)")
                status = 1
    return status


if __name__ == "__main__":
    sys.exit(_main())
