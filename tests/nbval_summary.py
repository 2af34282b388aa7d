"""pytest plugin for the nbval run (`-p tests.nbval_summary`): how many code cells were compared.

nbval in strict mode compares every code cell's outputs except those tagged ``nbval-ignore-output`` (or
``nbval-skip``, or marked with the equivalent comments); in lax mode only cells marked ``nbval-check-output``
are compared. The course keeps the ignored share small; this summary keeps it visible in every run. It reads
the notebooks named on the command line, so it also works under pytest-xdist, whose controller collects nothing.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest

_MARKERS = {"skip": "NBVAL_SKIP", "ignore": "NBVAL_IGNORE_OUTPUT", "check": "NBVAL_CHECK_OUTPUT"}


def cell_kind(cell: dict[str, Any], *, lax: bool) -> str:
    """``"compared"``, ``"ignored"`` or ``"skipped"``: what nbval does with this code cell."""
    tags = set(cell.get("metadata", {}).get("tags", []))
    lines = {line.strip() for line in "".join(cell.get("source", "")).splitlines()}
    if "nbval-skip" in tags or f"# {_MARKERS['skip']}" in lines:
        return "skipped"
    if lax:
        checked = "nbval-check-output" in tags or f"# {_MARKERS['check']}" in lines
        return "compared" if checked else "ignored"
    ignored = "nbval-ignore-output" in tags or f"# {_MARKERS['ignore']}" in lines
    return "ignored" if ignored else "compared"


def tally(paths: list[Path], *, lax: bool) -> dict[str, Counter[str]]:
    """Count compared, ignored and skipped code cells per notebook."""
    import nbformat

    counts: dict[str, Counter[str]] = {}
    for path in sorted(paths):
        nb = nbformat.read(path, as_version=4)
        counts[path.name] = Counter(cell_kind(c, lax=lax) for c in nb.cells if c.cell_type == "code")
    return counts


def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    """Print the compared share per notebook and for the whole collection."""
    if hasattr(config, "workerinput"):  # an xdist worker: the controller prints
        return
    paths = [Path(a) for a in config.args if str(a).endswith(".ipynb") and Path(a).is_file()]
    lax = bool(config.getoption("nbval_lax", False))
    if not paths or not (lax or config.getoption("nbval", False)):
        return
    counts = tally(paths, lax=lax)
    total: Counter[str] = Counter()
    write = terminalreporter.write_line
    terminalreporter.section(f"nbval ({'lax' if lax else 'strict'}): code cells compared")
    for name, c in counts.items():
        total += c
        n = sum(c.values())
        write(f"{name:<34} {c['compared']:3d}/{n:3d} compared, {c['ignored']:2d} ignored, {c['skipped']:2d} skipped")
    n = sum(total.values())
    share = total["compared"] / n if n else 0.0
    write(
        f"{'all notebooks':<34} {total['compared']:3d}/{n:3d} compared ({share:.1%}), "
        f"{total['ignored']} ignored, {total['skipped']} skipped"
    )
