"""Unit tests of the browser tests' own pieces (no browser): notebook discovery, slider kinds, results.md."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import browser_support as bs
import pytest


def _code(source: str, *, outputs: list[dict[str, Any]] | None = None, tags: list[str] | None = None) -> dict[str, Any]:
    return {
        "cell_type": "code",
        "source": source,
        "metadata": {"tags": tags} if tags else {},
        "outputs": outputs or [],
        "execution_count": None,
    }


def _markdown(source: str) -> dict[str, Any]:
    return {"cell_type": "markdown", "source": source, "metadata": {}}


WIDGET_OUTPUT = {"output_type": "display_data", "data": {bs.WIDGET_MIME: {"model_id": "x"}, "text/plain": "VBox()"}}


def _write(tmp_path: Path, cells: list[dict[str, Any]]) -> Path:
    path = tmp_path / "05_demo.ipynb"
    path.write_text(json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}))
    return path


def test_explorer_cells_are_found_by_call_and_widget_output(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        [
            _markdown("# Title"),
            _code("import regviz"),
            _code(""),
            _code("history = fit(model, X, y, progress=True)", outputs=[WIDGET_OUTPUT]),  # a progress bar
            _code("regviz.widgets.ridge_explorer(X, y)", outputs=[WIDGET_OUTPUT]),
            _code("explorer = regviz.widgets.ridge_explorer(X, y)\nexplorer.set(alpha=1.0)"),  # driven from code
            _markdown("Now the geometry."),
            _code("widgets.geometry_explorer(X2, y2, alpha=lam)", tags=["nbval-ignore-output"]),
            _code("check_something(fn)"),
        ],
    )
    nb = bs.read_slider_notebook(path)
    assert nb is not None
    assert nb.explorers == (bs.ExplorerCell(4, "ridge_explorer"), bs.ExplorerCell(7, "geometry_explorer"))
    assert nb.run_until == 7
    assert nb.code_cells_to_run == (1, 3, 4, 5, 7)  # the empty cell and the cells after the last explorer left out
    assert nb.n_cells == 9


def test_a_progress_bar_alone_is_not_a_slider(tmp_path: Path) -> None:
    path = _write(tmp_path, [_code("history = fit(model, X, y)", outputs=[WIDGET_OUTPUT])])
    assert bs.read_slider_notebook(path) is None


def test_the_course_notebooks_with_sliders_are_found() -> None:
    found = {nb.number: nb for nb in bs.slider_notebooks()}
    for path in bs.course_notebooks():
        number = path.name[:2]
        if number in {"05", "06", "07"}:
            assert number in found, f"{path.name}: no explorer found"
            assert all(cell.function.endswith("_explorer") for cell in found[number].explorers)


@pytest.mark.parametrize(
    ("function", "label", "kind", "goal"),
    [
        ("ridge_explorer", "λ (alpha)", "λ", bs.GOAL_LAMBDA_MS),
        ("geometry_explorer", "alpha", "λ", bs.GOAL_LAMBDA_MS),
        ("enet_explorer", "l1_ratio", "other", None),
        ("lr_explorer", "learning rate", "other", None),
        ("dropout_explorer", "dropout rate p", "trains live", bs.GOAL_LIVE_MS),
        ("weight_decay_explorer", "λ (weight_decay)", "trains live", bs.GOAL_LIVE_MS),
    ],
)
def test_classify_slider(function: str, label: str, kind: str, goal: float | None) -> None:
    assert bs.classify_slider(function, label) == (kind, goal)


def _row(median: float) -> bs.LatencyRow:
    row = bs.LatencyRow(
        notebook="notebooks/05_ridge.ipynb", explorer="ridge_explorer", slider="λ", kind="λ", goal_ms=200
    )
    row.shown_ms = [median] * 10
    row.src_ms = [median / 2] * 10
    return row


def test_latency_section_replaces_only_its_markers(tmp_path: Path) -> None:
    results = tmp_path / "results.md"
    results.write_text(
        "# Benchmarks\n<!-- notebooks:start -->\nnotebook table\n<!-- notebooks:end -->\n\n"
        f"{bs.LATENCY_START}\nold latency\n{bs.LATENCY_END}\n\n<!-- bench_ridge:start -->\nridge\n<!-- bench_ridge:end -->\n"
    )
    section = bs.latency_section([_row(150.0)], notebooks=[], chromium="Chromium 1", lab_version="4")
    bs.write_latency_section(section, results)
    text = results.read_text()
    assert "old latency" not in text
    assert "notebook table" in text and "ridge\n<!-- bench_ridge:end -->" in text
    assert text.count(bs.LATENCY_START) == 1 and text.count(bs.LATENCY_END) == 1
    assert "| notebooks/05_ridge.ipynb | ridge_explorer | λ | λ | 10 | 150 | 150 | 75 | 200 | yes |" in text


def test_latency_section_is_appended_when_absent(tmp_path: Path) -> None:
    results = tmp_path / "results.md"
    results.write_text("# Benchmarks\n\nother\n")
    bs.write_latency_section(bs.latency_section([_row(250.0)], notebooks=[], chromium="C", lab_version="4"), results)
    text = results.read_text()
    assert text.startswith("# Benchmarks\n\nother\n\n" + bs.LATENCY_START)
    assert "| 200 | **no** |" in text


@pytest.mark.parametrize(
    ("label", "expected"), [("λ (alpha)", "lambda-alpha"), ("β", "beta"), ("l1_ratio", "l1-ratio"), ("", "")]
)
def test_slug(label: str, expected: str) -> None:
    assert bs.slug(label) == expected
