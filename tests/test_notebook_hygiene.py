"""Hygiene of the stored notebooks, read from the files (nothing is executed here)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat
import pytest

from tools.nbtools import normalized_text

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
MAX_BYTES = 1_500_000
REQUIRED_SECTIONS = {
    "learning objectives": r"^#+\s*What you.ll learn",
    "prerequisites": r"^#+\s*What you.ll need",
    "summary": r"^#+\s*Summary",
    "exercises": r"^#+\s*Exercises",
    "further reading": r"^#+\s*Further reading",
}


def _ids(paths: list[Path]) -> list[str]:
    return [p.name for p in paths]


def test_there_are_notebooks() -> None:
    assert NOTEBOOKS, "no notebooks found under notebooks/"
    assert NOTEBOOKS[0].name == "00_welcome.ipynb"


def test_notebooks_are_numbered_without_gaps() -> None:
    numbers = [int(p.name[:2]) for p in NOTEBOOKS]
    assert numbers == list(range(len(numbers))), f"notebook numbers must run 00, 01, ... without gaps: {numbers}"


@pytest.fixture(params=NOTEBOOKS, ids=_ids(NOTEBOOKS))
def notebook(request: pytest.FixtureRequest) -> tuple[Path, nbformat.NotebookNode]:
    path: Path = request.param
    return path, nbformat.read(path, as_version=4)


def test_kernelspec_is_python3(notebook: tuple[Path, nbformat.NotebookNode]) -> None:
    _, nb = notebook
    assert nb.metadata["kernelspec"]["name"] == "python3"


def test_executed_top_to_bottom_in_one_run(notebook: tuple[Path, nbformat.NotebookNode]) -> None:
    _, nb = notebook
    counts = [c.execution_count for c in nb.cells if c.cell_type == "code" and c.source.strip()]
    assert counts, "no code cells"
    assert counts == list(range(1, len(counts) + 1)), f"execution counts must be 1..n in order, got {counts}"


def test_no_errors_or_warnings_in_outputs(notebook: tuple[Path, nbformat.NotebookNode]) -> None:
    _, nb = notebook
    for index, cell in enumerate(nb.cells):
        for output in cell.get("outputs", []):
            assert output.output_type != "error", f"cell {index} stores an error: {output.get('ename')}"
            text = output.get("text", "") if output.output_type == "stream" else ""
            assert not (output.get("name") == "stderr" and re.search(r"warn|error|traceback", text, re.I)), (
                f"cell {index} stores a warning or error on stderr: {text[:200]!r}"
            )


def test_required_sections(notebook: tuple[Path, nbformat.NotebookNode]) -> None:
    _, nb = notebook
    markdown = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    for label, pattern in REQUIRED_SECTIONS.items():
        assert re.search(pattern, markdown, re.M | re.I), f"missing section: {label}"
    assert nb.cells[0].cell_type == "markdown" and nb.cells[0].source.startswith("# "), "first cell must be the title"


def test_file_size(notebook: tuple[Path, nbformat.NotebookNode]) -> None:
    path, _ = notebook
    assert path.stat().st_size <= MAX_BYTES, f"{path.name} is {path.stat().st_size / 1e6:.2f} MB (limit 1.5 MB)"


def test_stored_file_is_normalized(notebook: tuple[Path, nbformat.NotebookNode]) -> None:
    path, _ = notebook
    text = path.read_text(encoding="utf-8")
    assert normalized_text(nbformat.reads(text, as_version=4)) == text, (
        f"{path.name} is not normalized: run `make outputs` (or python -m tools.nbtools normalize)"
    )


def test_exercises_have_stub_and_hidden_solution(notebook: tuple[Path, nbformat.NotebookNode]) -> None:
    _, nb = notebook
    code = [c for c in nb.cells if c.cell_type == "code"]
    stubs = [i for i, c in enumerate(code) if "raise NotImplementedError" in c.source and "check" in c.source]
    solutions = [i for i, c in enumerate(code) if "solution" in c.metadata.get("tags", [])]
    assert stubs, "no exercise stub (a cell raising NotImplementedError and calling a check)"
    assert len(solutions) >= len(stubs), "each exercise stub needs a solution cell"
    for i in stubs:
        assert i + 1 in solutions, f"the code cell after stub {i} must be its solution (tag 'solution')"
    for i in solutions:
        cell = code[i]
        assert cell.metadata.get("jupyter", {}).get("source_hidden") is True, f"solution cell {i} must be collapsed"
        assert "passed" in cell.source, f"solution cell {i} must assert that its check passed"


def test_stub_cells_say_not_implemented(notebook: tuple[Path, nbformat.NotebookNode]) -> None:
    _, nb = notebook
    for cell in nb.cells:
        if cell.cell_type == "code" and "raise NotImplementedError" in cell.source and "check" in cell.source:
            text = "".join(o.get("text", "") for o in cell.outputs)
            assert "not implemented yet" in text, f"stub cell prints {text!r}"


def test_relative_links_resolve(notebook: tuple[Path, nbformat.NotebookNode]) -> None:
    path, nb = notebook
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        for target in re.findall(r"\]\(([^)#\s]+\.ipynb)", cell.source):
            if not target.startswith("http"):
                assert (path.parent / target).exists(), f"{path.name} links to missing {target}"


def test_readme_map_matches_notebook_titles() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    listed = dict(re.findall(r"\[([^\]]+)\]\(notebooks/(\d\d_[^)]+\.ipynb)\)", readme))
    listed = {file: title for title, file in listed.items()}
    for path in NOTEBOOKS:
        nb = nbformat.read(path, as_version=4)
        title = nb.cells[0].source.splitlines()[0].lstrip("# ").strip()
        assert path.name in listed, f"README's notebook map does not list {path.name}"
        assert listed[path.name] == title, f"README says {listed[path.name]!r}, {path.name} says {title!r}"
    assert set(listed) == {p.name for p in NOTEBOOKS}, "README lists notebooks that do not exist"


def test_compared_share_of_code_cells() -> None:
    total = ignored = 0
    for path in NOTEBOOKS:
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        for cell in cells:
            if cell["cell_type"] == "code":
                total += 1
                tags = cell.get("metadata", {}).get("tags", [])
                ignored += any(t in tags for t in ("nbval-ignore-output", "nbval-skip"))
    assert total and (total - ignored) / total >= 0.85, f"only {total - ignored}/{total} code cells compared"


# A literal seed in a notebook escapes REGVIZ_SEED_OFFSET, so `make test-robust` would re-run it on the same draw.
LITERAL_SEED = re.compile(
    r"(?:\bseed\s*=\s*\d|random_state\s*=\s*\d|default_rng\(\s*\d|manual_seed\(\s*\d|\bSEEDS?\s*=\s*[\d\[(]"
    r"|for\s+seed\s+in\s+range\()"
)


def test_every_seed_comes_through_regviz_device_seed(notebook: tuple[Path, nbformat.NotebookNode]) -> None:
    _, nb = notebook
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        for line in cell.source.splitlines():
            code = line.split("#", 1)[0]
            assert not LITERAL_SEED.search(code), (
                f"cell {index} uses a literal seed: {line.strip()!r}; use device.seed(k) / device.seeds(n)"
            )


def test_literal_seed_pattern_catches_the_usual_forms() -> None:
    for bad in (
        "SEED = 0",
        "rng = np.random.default_rng(3)",
        "torch.manual_seed(0)",
        "f(x, seed=10)",
        "train_test_split(X, y, random_state=0)",
        "SEEDS = [0, 1, 2]",
        "for seed in range(3):",
    ):
        assert LITERAL_SEED.search(bad), bad
    for good in (
        "SEED = device.seed()",
        "rng = np.random.default_rng(SEED)",
        "f(x, seed=device.seed(10))",
        "for seed in device.seeds(5):",
        "torch.manual_seed(seed)",
    ):
        assert not LITERAL_SEED.search(good), good


def test_every_figure_has_alt_text(notebook: tuple[Path, nbformat.NotebookNode]) -> None:
    _, nb = notebook
    for index, cell in enumerate(nb.cells):
        for output in cell.get("outputs", []):
            if "image/png" in output.get("data", {}):
                alt = output.get("metadata", {}).get("image/png", {}).get("alt", "")
                assert len(alt.strip()) >= 20, f"cell {index}: a figure without alt text (regviz.style.use() adds it)"


# One import style: `from regviz import checks, data, plots, ...`, then `plots.plot_x(...)`, never a submodule's
# name (`plots.boundaries.X`), `import regviz` or `from regviz.x import y` (the names a student sees are the API).
REGVIZ_MODULES = (
    "checks", "data", "device", "experiments", "lasso", "models", "plots", "ridge", "search", "style", "train",
    "widgets",
)  # fmt: skip
OTHER_IMPORT_STYLE = re.compile(
    r"^\s*import\s+regviz\b|^\s*from\s+regviz\.\w+\s+import\b"
    rf"|\b(?:{'|'.join(REGVIZ_MODULES)})\.(?:_?[a-z]\w*)\.[A-Za-z_]\w*"
)


def _other_import_style(line: str) -> bool:
    code = line.split("#", 1)[0]
    code = re.sub(r"\"[^\"]*\"|'[^']*'", '""', code)  # not inside strings (the worker's module name)
    return bool(OTHER_IMPORT_STYLE.search(code))


def test_regviz_is_imported_in_one_style(notebook: tuple[Path, nbformat.NotebookNode]) -> None:
    _, nb = notebook
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        for line in cell.source.splitlines():
            assert not _other_import_style(line), (
                f"cell {index}: {line.strip()!r}; import as `from regviz import plots` and use public names"
            )


def test_import_style_pattern() -> None:
    for bad in (
        "import regviz",
        "from regviz.plots import plot_curves",
        "c = plots.surfaces.plot_path(w)",
        "r = checks.boundaries.early_stopping_epochs(h)",
    ):
        assert _other_import_style(bad), bad
    for good in (
        "from regviz import checks, data, plots",
        "c = style.CLASS_COLORS[0]",
        "split = data.load_mnist_5k()",
        "x = split.X_train.shape",
        'cmd = [sys.executable, "-m", "regviz.search_worker"]',
    ):
        assert not _other_import_style(good), good
