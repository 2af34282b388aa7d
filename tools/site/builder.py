"""Build the course site from the stored notebooks (``make html``); see :mod:`tools.site` for the design."""

from __future__ import annotations

import base64
import copy
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from . import frames as frames_mod
from .assets import copy_mathjax, ensure_mathjax

__all__ = [
    "COURSE_LEAD",
    "COURSE_TITLE",
    "MARKER",
    "Page",
    "SiteError",
    "build",
    "check_paths",
    "clean",
    "discover",
    "read_page",
    "select",
]

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
MARKER = ".regviz-site.json"
EXPLORERS = "_explorers"
COURSE_TITLE = "regviz: losses, optimization, regularization and tuning"
COURSE_LEAD = (
    "A hands-on course in numbered notebooks: loss functions, gradient descent and optimizers, "
    "ridge, lasso and elastic net, weight decay, dropout, batch normalization and hyperparameter search. "
    "Every slider of the notebooks works on these pages too: its frames were rendered when the site was built."
)
STATIC_NOTE = (
    '<p class="regviz-note regviz-static-explorer"><strong>Interactive in Jupyter.</strong> The frames of this '
    "explorer could not be rendered when the site was built; run the notebook in JupyterLab (<code>make lab</code>) "
    "to move its sliders. The static figure above shows the same plot.</p>"
)
_NOTEBOOK_GLOB = "[0-9][0-9]_*.ipynb"
_NAV_LINE = re.compile(r"\]\([^)]*\.ipynb[^)]*\)")
_WIDGET_STATE = "application/vnd.jupyter.widget-state+json"


class SiteError(RuntimeError):
    """The site cannot be built as asked (a folder refused, a notebook that fails...)."""


@dataclass(frozen=True)
class Page:
    """One notebook of the site.

    Attributes
    ----------
    source : pathlib.Path
        The ``.ipynb`` file.
    html_name : str
        File name of its page (``05_ridge.html``).
    number : str
        Its two-digit number (``"05"``).
    title : str
        The notebook's ``# `` title.
    hook : str
        The paragraph after the title, as Markdown ("" if none).
    outcomes : tuple of str
        The "What you'll learn" bullets, as Markdown.
    has_explorer : bool
        Whether a cell shows an explorer (its sliders move on the page).

    """

    source: Path
    html_name: str
    number: str
    title: str
    hook: str
    outcomes: tuple[str, ...]
    has_explorer: bool

    @property
    def short_title(self) -> str:
        """``"05 Shrink coefficients..."``, as the course map lists it."""
        return f"{self.number} {self.title}"


def discover(notebook_dir: Path) -> list[Path]:
    """The course notebooks ``NN_*.ipynb`` in ``notebook_dir``, in order."""
    return sorted(Path(notebook_dir).glob(_NOTEBOOK_GLOB))


def select(paths: list[Path], only: Sequence[str] | None) -> list[Path]:
    """The notebooks of ``paths`` that ``only`` names (all of them if ``only`` is None or empty).

    Each entry of ``only`` is a notebook's number (``"05"``), its stem (``"05_ridge"``) or its file name;
    a quicker build of a few pages while developing. An entry that names no notebook is refused.

    Raises
    ------
    SiteError
        When an entry of ``only`` matches none of ``paths``.

    """
    wanted = [str(w).strip() for w in only or () if str(w).strip()]
    if not wanted:
        return list(paths)

    def names(path: Path) -> set[str]:
        return {path.name, path.stem, path.name[:2]}

    unknown = [w for w in wanted if not any(w in names(p) for p in paths)]
    if unknown:
        raise SiteError(f"no notebook named {', '.join(unknown)} in the notebook folder (--only)")
    return [p for p in paths if names(p) & set(wanted)]


def read_page(path: Path) -> Page:
    """Read a notebook's title, hook, outcomes and whether it shows an explorer."""
    import nbformat

    nb = nbformat.read(path, as_version=4)
    title, hook, outcomes = Path(path).stem, "", []
    markdown = [cell.source for cell in nb.cells if cell.cell_type == "markdown"]
    if markdown:
        heading = next((line for line in markdown[0].splitlines() if line.startswith("# ")), None)
        if heading is not None:
            title = heading[2:].strip()
        for paragraph in (p.strip() for p in re.split(r"\n\s*\n", markdown[0])):
            if paragraph and not paragraph.startswith("#") and not _NAV_LINE.search(paragraph):
                hook = " ".join(paragraph.split())
                break
    for source in markdown[:3]:
        match = re.search(r"^##\s+What you.ll learn\s*$(.*?)(?=^#|\Z)", source, flags=re.MULTILINE | re.DOTALL)
        if match:
            outcomes = [" ".join(item.split()) for item in re.findall(r"^\s*[-*]\s+(.+)$", match.group(1), re.M)]
            break
    return Page(
        source=Path(path),
        html_name=Path(path).with_suffix(".html").name,
        number=Path(path).name[:2],
        title=title,
        hook=hook,
        outcomes=tuple(outcomes),
        has_explorer=bool(frames_mod.explorer_cells(nb)),
    )


# --------------------------------------------------------------------------- the folders: never delete what is not ours


def check_paths(notebook_dir: Path, out_dir: Path) -> tuple[Path, Path]:
    """Resolve both folders and refuse a pair the build must not touch.

    Raises
    ------
    SiteError
        When the notebook folder does not exist or holds no notebook, when the output folder is, contains
        or lies inside the notebook folder, or when it is a file.

    """
    notebooks = Path(notebook_dir).resolve()
    out = Path(out_dir).resolve()
    if not notebooks.is_dir():
        raise SiteError(f"the notebook folder {notebook_dir} does not exist")
    if out == notebooks or notebooks.is_relative_to(out):
        raise SiteError(
            f"the output folder {out_dir} is or contains the notebook folder {notebook_dir}; "
            "the build replaces its output folder, so choose another one"
        )
    if out.is_relative_to(notebooks):
        raise SiteError(f"the output folder {out_dir} lies inside the notebook folder {notebook_dir}")
    if out.exists() and not out.is_dir():
        raise SiteError(f"the output folder {out_dir} is a file")
    if not discover(notebooks):
        raise SiteError(f"the notebook folder {notebook_dir} holds no notebook named NN_*.ipynb")
    return notebooks, out


def _previous_files(out: Path) -> list[str] | None:
    """What an earlier build wrote into ``out`` (its marker's list), None if ``out`` is empty or missing.

    Raises
    ------
    SiteError
        When ``out`` holds anything and no marker of this builder.

    """
    if not out.exists() or not any(out.iterdir()):
        return None
    marker = out / MARKER
    try:
        record = json.loads(marker.read_text(encoding="utf-8"))
        files = record["files"]
        if record.get("builder") != "tools.site" or not isinstance(files, list):
            raise ValueError("not a marker of this builder")
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise SiteError(
            f"the output folder {out} is not empty and was not made by this builder (no valid {MARKER}); "
            "nothing was deleted: empty it yourself or choose another output folder"
        ) from exc
    return [str(f) for f in files]


def _remove_previous(out: Path, files: list[str]) -> int:
    """Delete the files an earlier build listed (and the folders they leave empty); keep everything else."""
    removed = 0
    folders: set[Path] = set()
    for rel in files:
        path = (out / rel).resolve()
        if not path.is_relative_to(out) or path == out:
            continue
        if path.is_file() or path.is_symlink():
            path.unlink()
            removed += 1
            folders.update(p for p in path.parents if p.is_relative_to(out) and p != out)
    for folder in sorted(folders, key=lambda p: len(p.parts), reverse=True):
        if folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
    (out / MARKER).unlink(missing_ok=True)
    return removed


def clean(out_dir: Path | None = None) -> int:
    """Delete the site a build wrote into ``out_dir`` (``_site/`` if None): exactly the files its marker lists.

    Returns how many files were deleted. A folder without the marker is left alone (0).
    """
    out = (Path(out_dir) if out_dir is not None else ROOT / "_site").resolve()
    try:
        files = _previous_files(out)
    except SiteError:
        return 0
    return _remove_previous(out, files) if files is not None else 0


def _install(staging: Path, out: Path, *, seconds: float | None = None) -> list[str]:
    """Move the built site from ``staging`` into ``out``; write the marker listing every file (and ``seconds``)."""
    out.mkdir(parents=True, exist_ok=True)
    files = sorted(p.relative_to(staging).as_posix() for p in staging.rglob("*") if p.is_file())
    for rel in files:
        target = out / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(staging / rel), str(target))
    record: dict[str, Any] = {"builder": "tools.site", "built": time.strftime("%Y-%m-%dT%H:%M:%S")}
    if seconds is not None:
        record["seconds"] = round(seconds, 1)
    record["files"] = [*files, MARKER]
    (out / MARKER).write_text(json.dumps(record, indent=0), encoding="utf-8")
    return files


# --------------------------------------------------------------------------- notebooks for the web


def _image_alt_texts(nb: Any) -> dict[str, str]:
    """``{sha256 of the image bytes: alt text}`` for every stored image output with alt text."""
    texts = {}
    for cell in nb.cells:
        for output in cell.get("outputs", []) if cell.cell_type == "code" else []:
            for mime in ("image/png", "image/jpeg"):
                data = output.get("data", {}).get(mime)
                alt = output.get("metadata", {}).get(mime, {}).get("alt")
                if isinstance(data, str) and alt:
                    digest = hashlib.sha256(base64.b64decode(data)).hexdigest()
                    texts[digest] = str(alt)
    return texts


def _web_notebook(page: Page, export: Path | None, log: Callable[[str], None] = print) -> Any:
    """A copy of the page's notebook as the site renders it.

    Each explorer's widget output becomes its HTML (controls, frames, caption); any other widget output
    (a progress bar) keeps only its text; solution cells are folded; a download link follows the title.
    """
    import nbformat

    nb = copy.deepcopy(nbformat.read(page.source, as_version=4))
    nb.metadata.pop("widgets", None)
    index = json.loads((export / "index.json").read_text(encoding="utf-8")) if export is not None else {"cells": {}}
    static = set(frames_mod.explorer_cells(nb)) if export is None else set()
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        if cell.metadata.get("jupyter", {}).get("source_hidden"):
            tags = list(cell.metadata.get("tags", []))
            cell.metadata["tags"] = [*tags, "hide-input"] if "hide-input" not in tags else tags
        explorers = list(index["cells"].get(str(i), []))
        outputs = []
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if frames_mod.WIDGET_MIME not in data:
                outputs.append(output)
                continue
            if explorers and export is not None:
                folder = explorers.pop(0)
                info = json.loads((export / folder / "frames.json").read_text(encoding="utf-8"))
                markup = frames_mod.explorer_html(
                    info, url=f"{EXPLORERS}/{page.source.stem}/{folder}/", uid=f"regviz-{page.number}-{folder}"
                )
                outputs.append(nbformat.v4.new_output("display_data", data={"text/html": markup}))
                continue
            if i in static:
                outputs.append(nbformat.v4.new_output("display_data", data={"text/html": STATIC_NOTE}))
                continue
            rest = {k: v for k, v in data.items() if k not in (frames_mod.WIDGET_MIME, _WIDGET_STATE)}
            if rest:
                output = copy.deepcopy(output)
                output["data"] = rest
                outputs.append(output)
        if explorers:
            # the code displays an explorer that the stored outputs do not show (a notebook edited, not executed)
            log(f"  WARNING {page.source.name}, cell {i}: its stored outputs show no explorer; the page shows none")
        cell.outputs = outputs
    link = (
        f'<a class="regviz-download" href="_sources/{page.source.name}" download="{page.source.name}">'
        f"Download this notebook ({page.source.name})</a> to run it in JupyterLab."
    )
    first_markdown = next((i for i, c in enumerate(nb.cells) if c.cell_type == "markdown"), -1)
    nb.cells.insert(first_markdown + 1, nbformat.v4.new_markdown_cell(link))
    return nb


def _course_map(pages: list[Page]) -> str:
    lines = [f"# {COURSE_TITLE}", "", COURSE_LEAD, "", "## Course map", ""]
    for page in pages:
        badge = ' <span class="regviz-badge">sliders</span>' if page.has_explorer else ""
        lines.append(f"- **[{page.short_title}]({page.source.name})**{badge}")
        if page.hook:
            lines += ["", f"  {page.hook}"]
        if page.outcomes:
            lines.append("")
            lines += [f"  - {outcome}" for outcome in page.outcomes]
        lines.append("")
    lines += [
        "Each page is a notebook as it is stored, outputs included; the download link at its top gives the",
        "notebook itself. Run the course locally with `make lab`.",
        "",
        "```{toctree}",
        ":hidden:",
        ":maxdepth: 1",
        "",
        *[f"{page.short_title} <{page.source.stem}>" for page in pages],
        "```",
        "",
    ]
    return "\n".join(lines)


def _write_if_changed(path: Path, text: str) -> None:
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def _write_sources(
    pages: list[Page], exports: dict[str, Path], src: Path, cache: Path, log: Callable[[str], None] = print
) -> None:
    """The Sphinx source folder: web copies of the notebooks, the course map, conf.py, site.json, static files.

    Files are rewritten only when their content changes, so Sphinx re-reads only what changed.
    """
    import nbformat

    src.mkdir(parents=True, exist_ok=True)
    wanted = {page.source.name for page in pages} | {"index.md", "conf.py", "site.json"}
    for stale in src.iterdir():
        if stale.is_file() and stale.name not in wanted:
            stale.unlink()
    alt: dict[str, str] = {}
    for page in pages:
        nb = _web_notebook(page, exports.get(page.source.stem), log)
        alt.update(_image_alt_texts(nb))
        _write_if_changed(src / page.source.name, nbformat.writes(nb))
    _write_if_changed(src / "index.md", _course_map(pages))
    site = {"title": COURSE_TITLE, "output_folder": str(cache / "jupyter_execute"), "alt": dict(sorted(alt.items()))}
    _write_if_changed(src / "site.json", json.dumps(site, indent=1, ensure_ascii=False))
    _write_if_changed(src / "conf.py", (HERE / "sphinx_conf.py").read_text(encoding="utf-8"))
    static = src / "_static"
    static.mkdir(exist_ok=True)
    for asset in (HERE / "static").iterdir():
        _write_if_changed(static / asset.name, asset.read_text(encoding="utf-8"))


# --------------------------------------------------------------------------- frames and Sphinx


def _export_frames(
    pages: list[Page],
    cache: Path,
    *,
    jobs: int,
    timeout: int,
    max_frames: int,
    strict: bool,
    failed: dict[str, str],
    log: Callable[[str], None],
    workdir: Path | None = None,
) -> dict[str, Path]:
    """The frames of every page with explorers, from the cache when fresh, ``jobs`` notebooks at a time.

    A notebook that fails is fatal when ``strict``; otherwise it is recorded in ``failed`` (stem: why)
    and its page's explorers stay static.
    """
    todo = [page for page in pages if page.has_explorer]
    cache.mkdir(parents=True, exist_ok=True)
    results: dict[str, Path] = {}
    if not todo:
        return results
    start = time.perf_counter()
    pool = ProcessPoolExecutor(max_workers=max(1, min(jobs, len(todo))), mp_context=get_context("spawn"))
    try:
        futures = {
            page.source.stem: pool.submit(
                frames_mod.cached_export,
                page.source,
                cache,
                timeout=timeout,
                max_frames=max_frames,
                workdir=workdir,
            )
            for page in todo
        }
        for stem, future in futures.items():
            try:
                folder = future.result()
            except Exception as exc:
                message = f"the frames of {stem}.ipynb could not be rendered: {type(exc).__name__}: {exc}"
                if strict:
                    raise SiteError(message) from exc
                failed[stem] = message
                last = (re.sub(r"\x1b\[[0-9;]*m", "", str(exc)).strip().splitlines() or [""])[-1]
                log(f"  WARNING {stem}: its explorers stay static on the site ({type(exc).__name__}: {last[:300]})")
                continue
            index = json.loads((folder / "index.json").read_text(encoding="utf-8"))
            n_frames = sum(
                len(json.loads((folder / f / "frames.json").read_text(encoding="utf-8"))["frames"])
                for folders in index["cells"].values()
                for f in folders
            )
            log(f"  frames {stem}: {index['explorers']} explorer(s), {n_frames} frames, {index.get('seconds', 0)} s")
            results[stem] = folder
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    log(f"  frames ready in {time.perf_counter() - start:.0f} s (cache {cache})")
    return results


def _sphinx(src: Path, out: Path, doctrees: Path, *, jobs: int, log: Callable[[str], None]) -> None:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), *filter(None, [env.get("PYTHONPATH")])])
    env.pop(frames_mod_export_env(), None)
    cmd = [sys.executable, "-m", "sphinx", "-b", "html", "-q", "-j", str(jobs), "-d", str(doctrees), str(src), str(out)]
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    warnings = [line for line in proc.stderr.splitlines() if "WARNING" in line or "ERROR" in line]
    if proc.returncode != 0:
        raise SiteError(f"sphinx-build failed ({proc.returncode}):\n{proc.stderr[-4000:]}")
    log(f"  sphinx-build: {time.perf_counter() - start:.0f} s, {len(warnings)} warning(s)")
    for line in warnings[:12]:
        log(f"    {line.replace(str(src) + os.sep, '')}")
    if len(warnings) > 12:
        log(f"    ... and {len(warnings) - 12} more")


_FONTAWESOME_JS = re.compile(r'<script\b[^>]*\bsrc="_static/scripts/fontawesome\.js[^"]*"[^>]*></script>\s*')


def _trim(html_dir: Path) -> None:
    """Leave out what no page needs: source maps, and the theme's 1.5 MB icon script.

    pydata-sphinx-theme ships Font Awesome twice: as a web font in its stylesheet (115 kB) and as a
    script that swaps every icon for an SVG (1.5 MB). The web font alone draws the same icons, so the
    script goes, which keeps a page's first load small.
    """
    for source_map in html_dir.rglob("*.map"):
        source_map.unlink()
    for page in html_dir.glob("*.html"):
        text = page.read_text(encoding="utf-8")
        new = _FONTAWESOME_JS.sub("", text)
        if new != text:
            page.write_text(new, encoding="utf-8")
    (html_dir / "_static" / "scripts" / "fontawesome.js").unlink(missing_ok=True)
    (html_dir / "_static" / "scripts" / "fontawesome.js.LICENSE.txt").unlink(missing_ok=True)


def frames_mod_export_env() -> str:
    """The export switch of the explorers, which must never reach Sphinx or the pages."""
    from regviz.widgets._core import EXPORT_ENV

    return EXPORT_ENV


def build(
    notebook_dir: Path | None = None,
    out_dir: Path | None = None,
    *,
    cache_dir: Path | None = None,
    mathjax_dir: Path | None = None,
    jobs: int = 2,
    timeout: int = 900,
    max_frames: int = frames_mod.MAX_FRAMES,
    strict: bool = False,
    only: Sequence[str] | None = None,
    log: Callable[[str], None] = print,
) -> list[Path]:
    """Build the site; return the pages written (the course map first, then one per notebook).

    Parameters
    ----------
    notebook_dir : pathlib.Path or None, default=None
        Folder of the ``NN_*.ipynb`` notebooks; ``notebooks/`` of the repository if None. Must exist.
    out_dir : pathlib.Path or None, default=None
        Where the site goes; ``_site/`` of the repository if None. It must be missing, empty, or a site
        this builder wrote (it then deletes exactly the files its marker lists); it must not be, contain
        or lie inside the notebook folder.
    cache_dir : pathlib.Path or None, default=None
        Build cache (frames by notebook hash, Sphinx's doctrees); ``build/site/`` if None.
    mathjax_dir : pathlib.Path or None, default=None
        MathJax 3's ``es5`` folder; the one installed in the environment if None.
    jobs : int, default=2
        Notebooks executed at a time for the frames, and Sphinx's processes.
    timeout : int, default=900
        Seconds a notebook cell may run while frames are rendered.
    max_frames : int, default=400
        Frames per explorer at most (its sliders' grids are thinned beyond that).
    strict : bool, default=False
        Fail when a notebook cannot be executed for its frames; otherwise its explorers stay static on
        its page (the stored figure and a note, as without JavaScript) and a warning is printed.
    only : sequence of str or None, default=None
        Build only these notebooks (numbers ``"05"``, stems or file names; see :func:`select`), e.g. while
        developing; all of them if None.
    log : callable, default=print
        Receives one line per step.

    Raises
    ------
    SiteError
        When a folder is refused (before anything is written), Sphinx fails, or (``strict``) a notebook fails.

    """
    notebook_dir = Path(notebook_dir) if notebook_dir is not None else ROOT / "notebooks"
    out_dir = Path(out_dir) if out_dir is not None else ROOT / "_site"
    notebooks, out = check_paths(notebook_dir, out_dir)
    sources = select(discover(notebooks), only)  # refuses an unknown name before any work
    previous = _previous_files(out)  # refuses a foreign folder before any work
    cache = Path(cache_dir).resolve() if cache_dir is not None else ROOT / "build" / "site"
    if cache == out or cache.is_relative_to(out) or out.is_relative_to(cache):
        raise SiteError(f"the cache folder {cache} and the output folder {out} must be apart")
    if mathjax_dir is not None:
        mathjax = Path(mathjax_dir)
    else:
        try:
            mathjax = ensure_mathjax(fetch=False)
        except RuntimeError:
            log("  MathJax is not installed (`make install` runs `python -m tools.site fetch`): fetching it now")
            mathjax = ensure_mathjax()
    start = time.perf_counter()
    # One snapshot of the notebooks for the whole build: a notebook saved while the site builds must not give
    # a page rendered from one version and a download of another.
    snapshot = cache / "notebooks"
    snapshot.mkdir(parents=True, exist_ok=True)
    for stale in snapshot.glob(_NOTEBOOK_GLOB):
        stale.unlink()
    for path in sources:
        shutil.copy2(path, snapshot / path.name)
    pages = [read_page(snapshot / path.name) for path in sources]
    log(f"site: {len(pages)} notebooks from {notebook_dir}" + (f" (only {', '.join(only or ())})" if only else ""))
    failed: dict[str, str] = {}
    exports = _export_frames(
        pages,
        cache / "frames",
        jobs=jobs,
        timeout=timeout,
        max_frames=max_frames,
        strict=strict,
        failed=failed,
        log=log,
        workdir=notebooks,  # the kernels run where the notebooks live, as in JupyterLab
    )
    src = cache / "src"
    _write_sources(pages, exports, src, cache, log)
    cache.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix="staging-", dir=cache))
    try:
        html_dir = staging / "html"
        _sphinx(src, html_dir, cache / "doctrees", jobs=jobs, log=log)
        for name in (".buildinfo", ".buildinfo.bak"):
            (html_dir / name).unlink(missing_ok=True)
        shutil.rmtree(html_dir / ".doctrees", ignore_errors=True)
        copy_mathjax(mathjax, html_dir / "_static" / "mathjax")
        _trim(html_dir)
        for page in pages:  # downloads: the notebook as stored, not the web copy
            shutil.copy2(page.source, html_dir / "_sources" / page.source.name)
            export = exports.get(page.source.stem)
            if export is None:
                continue
            for folder in sorted(p for p in export.iterdir() if p.is_dir()):
                shutil.copytree(folder, html_dir / EXPLORERS / page.source.stem / folder.name)
        if previous is not None:
            removed = _remove_previous(out, previous)
            log(f"  removed the {removed} files of the previous build in {out}")
        _install(html_dir, out, seconds=time.perf_counter() - start)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    log(f"site: built in {time.perf_counter() - start:.0f} s -> {out / 'index.html'}")
    for stem in failed:
        log(f"site: WARNING the explorers of {stem}.ipynb are static (its frames could not be rendered)")
    return [out / "index.html", *(out / page.html_name for page in pages)]
