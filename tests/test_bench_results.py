"""``benchmarks/run.py`` writes results.md without losing what it did not measure this time."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def bench(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_run", ROOT / "benchmarks" / "run.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    monkeypatch.setattr(module, "RESULTS", tmp_path / "results.md")
    return module


def _row(name: str, seconds: float, peak: float = 300.0) -> dict[str, object]:
    return {"notebook": name, "seconds": seconds, "peak_mb": peak}


def test_partial_run_keeps_other_rows_and_sections(bench: ModuleType) -> None:
    browser = "<!-- browser-latency:start -->\n## Slider latency\n| a | b |\n<!-- browser-latency:end -->"
    bench.RESULTS.write_text("# Benchmarks\n\n" + browser + "\n", encoding="utf-8")
    full = [_row("00_welcome.ipynb", 6.3), _row("05_ridge.ipynb", 9.8), _row("14_capstone_mnist.ipynb", 53.5)]
    modules = {"bench_ridge": [{"benchmark": "b", "metric": "m", "value": 15.8, "unit": "ms", "note": "n"}]}
    bench.write_results(full, modules)
    bench.write_results([_row("05_ridge.ipynb", 50.0)], {})  # only 05 again, and over its 45 s budget
    text = bench.RESULTS.read_text(encoding="utf-8")
    assert "| 00_welcome.ipynb * | 6.3 | 300 | 60 | yes |" in text  # kept, marked as earlier
    assert "| 05_ridge.ipynb | 50.0 | 300 | 45 | **no** |" in text  # replaced, verdict follows the budget
    assert "| 14_capstone_mnist.ipynb * | 53.5 | 300 | 120 | yes |" in text
    assert "| **total** | **109.8** |" in text
    assert browser in text and "| b | m | 15.8 | ms | n |" in text  # other sections survive
    bench.write_results([_row("00_welcome.ipynb", 5.0)], {})  # a row kept once is still read back
    text = bench.RESULTS.read_text(encoding="utf-8")
    assert "| 00_welcome.ipynb | 5.0 |" in text and "| 14_capstone_mnist.ipynb * | 53.5 |" in text
    assert text.count("ipynb") == 3


def test_a_failing_notebook_is_recorded_and_kept(bench: ModuleType) -> None:
    failed = {**_row("11_batch_norm.ipynb", 12.0), "error": "AssertionError in cell 23"}
    bench.write_results([_row("10_dropout.ipynb", 20.0), failed], {})
    text = bench.RESULTS.read_text(encoding="utf-8")
    assert "| 11_batch_norm.ipynb | 12.0 | 300 | 60 | **failed**: AssertionError in cell 23 |" in text
    bench.write_results([_row("10_dropout.ipynb", 21.0)], {})  # a partial run keeps the failure on record
    text = bench.RESULTS.read_text(encoding="utf-8")
    assert "| 11_batch_norm.ipynb * | 12.0 | 300 | 60 | **failed**: AssertionError in cell 23 |" in text


def test_time_notebook_goes_on_after_a_failing_cell(bench: ModuleType, tmp_path: Path) -> None:
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [nbformat.v4.new_code_cell("x = 1"), nbformat.v4.new_code_cell("assert x == 2")]
    path = tmp_path / "99_failing.ipynb"
    nbformat.write(nb, path)
    row = bench.time_notebook(path)
    assert row["error"] == "AssertionError in cell 1"
    assert row["peak_mb"] > 0  # the memory probe still ran
