"""pytest plugin for the nbval run (`-p tests.nbval_summary`): how many code cells were compared.

nbval in strict mode compares every cell's outputs except those tagged
``nbval-ignore-output`` (or ``nbval-skip``). The course keeps that ignored
share small; this summary keeps it visible in every test run.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

_TALLY: Counter[str] = Counter()
_PER_NOTEBOOK: dict[str, Counter[str]] = {}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Count compared, ignored and skipped cells of every collected notebook."""
    for item in items:
        options: Any = getattr(item, "options", None)
        if options is None or not hasattr(item, "cell"):
            continue
        kind = "skipped" if options.get("skip") else "compared" if options.get("check") else "ignored"
        _TALLY[kind] += 1
        _PER_NOTEBOOK.setdefault(item.path.name, Counter())[kind] += 1


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """Print the compared share per notebook and for the whole collection."""
    total = sum(_TALLY.values())
    if not total:
        return
    write = terminalreporter.write_line
    terminalreporter.section("nbval: code cells compared")
    for name in sorted(_PER_NOTEBOOK):
        counts = _PER_NOTEBOOK[name]
        n = sum(counts.values())
        write(
            f"{name:<34} {counts['compared']:3d}/{n:3d} compared, {counts['ignored']:2d} ignored, {counts['skipped']:2d} skipped"
        )
    share = _TALLY["compared"] / total
    write(
        f"{'all notebooks':<34} {_TALLY['compared']:3d}/{total:3d} compared ({share:.1%}), {_TALLY['ignored']} ignored, {_TALLY['skipped']} skipped"
    )
