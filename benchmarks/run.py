"""`make bench`: time every notebook and run the benchmark modules; write benchmarks/results.md.

Per notebook: wall-clock execution time (kernel start excluded) and the kernel's peak resident memory, from a
fresh kernel on the CPU, executing an in-memory copy (the stored notebook is not modified). Then every
``benchmarks/bench_*.py`` module's ``run()`` rows (see CONTRIBUTING.md). Sections of results.md between
``<!-- name:start -->`` and ``<!-- name:end -->`` markers written by other tools (the browser latency test) are kept.

    python benchmarks/run.py                    # everything
    python benchmarks/run.py --only bench_ridge # one module, no notebooks
    python benchmarks/run.py --notebooks 05     # notebooks whose name starts with 05, no modules
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import platform
import re
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results.md"
PEAK_CELL = "import resource as _r; print('PEAK_RSS_KB', _r.getrusage(_r.RUSAGE_SELF).ru_maxrss)"


def time_notebook(path: Path, timeout: int = 600) -> dict[str, Any]:
    """Execute a copy of ``path`` in a fresh kernel; return seconds and peak memory (MB)."""
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(PEAK_CELL))
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
        extra_arguments=["--log-level=ERROR"],  # the kernel's start-up notices would drown the table
    )
    from nbclient.exceptions import CellExecutionError

    error = ""
    with client.setup_kernel():
        start = time.perf_counter()
        for index, cell in enumerate(nb.cells):
            try:
                client.execute_cell(cell, index)
            except CellExecutionError as exc:  # record it, measure what ran, go on with the next notebook
                error = f"{exc.ename} in cell {index}"
                client.execute_cell(nb.cells[-1], len(nb.cells) - 1)
                break
        seconds = time.perf_counter() - start
    text = "".join(o.get("text", "") for o in nb.cells[-1].outputs)
    peak_kb = int(re.search(r"PEAK_RSS_KB (\d+)", text).group(1))  # type: ignore[union-attr]
    return {"notebook": path.name, "seconds": seconds, "peak_mb": peak_kb / 1024, "error": error}


def run_module(path: Path) -> list[dict[str, Any]]:
    """Import ``benchmarks/bench_*.py`` and return its ``run()`` rows."""
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    rows = module.run()
    for row in rows:
        missing = {"benchmark", "metric", "value", "unit", "note"} - set(row)
        if missing:
            raise ValueError(f"{path.name}: row {row} lacks {sorted(missing)}")
    return rows


def _kept_error(verdict: str) -> str:
    verdict = verdict.strip()
    return verdict.removeprefix("**failed**: ") if verdict.startswith("**failed**") else ""


def _kept_sections(text: str) -> dict[str, str]:
    return {m.group(1): m.group(0) for m in re.finditer(r"<!-- ([\w-]+):start -->.*?<!-- \1:end -->", text, re.S)}


# Each notebook's time budget on the 2-core machine, from the issues that asked for it (seconds).
BUDGET_S = {"00": 60, **{f"{k:02d}": 45 for k in range(1, 8)}, **{f"{k:02d}": 60 for k in range(8, 14)}, "14": 120}
NOTEBOOK_ROW = re.compile(r"^\| (\d\d_\w+\.ipynb)(?: \*)? \| ([\d.]+) \| (\d+) \| [^|]* \| ([^|\n]*) \|", re.M)


def _notebook_section(notebooks: list[dict[str, Any]], previous: str) -> str:
    """The notebooks table: rows just measured, plus the earlier rows of notebooks not run this time."""
    rows = {
        m.group(1): (float(m.group(2)), float(m.group(3)), _kept_error(m.group(4)))
        for m in NOTEBOOK_ROW.finditer(previous)
    }
    fresh = {r["notebook"] for r in notebooks}
    rows.update({r["notebook"]: (r["seconds"], r["peak_mb"], r.get("error", "")) for r in notebooks})
    section = [
        "## Notebooks (fresh kernel, CPU)",
        "",
        f"Measured on {time.strftime('%Y-%m-%d')}; rows marked * are kept from an earlier run.",
        "",
        "| notebook | seconds | peak memory (MB) | budget (s) | within budget |",
        "|---|---:|---:|---:|---|",
    ]
    for name in sorted(rows):
        seconds, peak, error = rows[name]
        budget = BUDGET_S.get(name[:2])
        verdict = "—" if budget is None else ("yes" if seconds <= budget else "**no**")
        if error:
            verdict = f"**failed**: {error}"
        mark = "" if name in fresh else " *"
        section.append(f"| {name}{mark} | {seconds:.1f} | {peak:.0f} | {budget or '—'} | {verdict} |")
    section.append(f"| **total** | **{sum(row[0] for row in rows.values()):.1f}** | | | |")
    return "<!-- notebooks:start -->\n" + "\n".join(section) + "\n<!-- notebooks:end -->"


def write_results(notebooks: list[dict[str, Any]], modules: dict[str, list[dict[str, Any]]]) -> None:
    """Write results.md: notebooks table, one table per module, and the kept sections."""
    previous = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else ""
    kept = _kept_sections(previous)
    lines = [
        "# Benchmarks",
        "",
        f"Written by `make bench` on {time.strftime('%Y-%m-%d')}, {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}. Sections between markers are written by other tools and kept.",
        "",
    ]
    if notebooks:
        kept["notebooks"] = _notebook_section(notebooks, kept.get("notebooks", ""))
    for name, rows in modules.items():
        table = [f"## {name}", "", "| benchmark | metric | value | unit | note |", "|---|---|---:|---|---|"]
        table += [f"| {r['benchmark']} | {r['metric']} | {r['value']:.4g} | {r['unit']} | {r['note']} |" for r in rows]
        kept[name] = f"<!-- {name}:start -->\n" + "\n".join(table) + f"\n<!-- {name}:end -->"
    order = ["notebooks", *sorted(k for k in kept if k != "notebooks")]
    body = [kept[k] for k in order if k in kept]
    RESULTS.write_text("\n".join(lines) + "\n" + "\n\n".join(body) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    """Run the selected benchmarks and write the results file."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", nargs="*", help="benchmark module names (bench_*); skips the notebooks")
    parser.add_argument("--notebooks", nargs="*", help="notebook name prefixes; skips the modules")
    args = parser.parse_args(argv)
    os.environ["CUDA_VISIBLE_DEVICES"] = os.environ.get("BENCH_CUDA_VISIBLE_DEVICES", "")
    os.environ.setdefault("REGVIZ_DEVICE", "cpu")
    notebooks = []
    if args.only is None:
        paths = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
        if args.notebooks:
            paths = [p for p in paths if any(p.name.startswith(prefix) for prefix in args.notebooks)]
        for path in paths:
            row = time_notebook(path)
            failed = f"  FAILED: {row['error']}" if row["error"] else ""
            print(f"{row['notebook']:<34} {row['seconds']:6.1f} s  {row['peak_mb']:6.0f} MB{failed}", flush=True)
            notebooks.append(row)
    modules: dict[str, list[dict[str, Any]]] = {}
    if args.notebooks is None:
        for path in sorted((ROOT / "benchmarks").glob("bench_*.py")):
            if args.only and path.stem not in args.only:
                continue
            print(f"running {path.stem} ...", flush=True)
            modules[path.stem] = run_module(path)
            for r in modules[path.stem]:
                print(f"  {r['benchmark']:<28} {r['metric']:<28} {r['value']:10.4g} {r['unit']:<8} {r['note']}")
    write_results(notebooks, modules)
    print(f"wrote {RESULTS.relative_to(ROOT)}")
    failures = [r["notebook"] for r in notebooks if r["error"]]
    if failures:
        print(f"notebooks that failed (recorded in the table): {', '.join(failures)}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
