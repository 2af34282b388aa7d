"""Build the course as a static website from the executed notebooks (``make html``).

Used as::

    python -m regviz._site build                       # notebooks/ -> _site/
    python -m regviz._site build --out /tmp/site NOTEBOOK_DIR

Every notebook ``notebooks/NN_*.ipynb`` becomes ``_site/NN_*.html`` with the
outputs it was stored with (nothing is executed), rendered by nbconvert's
JupyterLab template through the small template in ``regviz/_site_templates``:
previous / next / course-map navigation, links between notebooks rewritten to
the pages, solution cells folded, and each widget output replaced by a note
(the static figure drawn just before it is what a reader sees). ``index.html``
is the course map.

The site loads nothing from the internet: nbconvert's CDN scripts
(RequireJS, the widget manager, Mermaid, MathJax 2) are left out, and math is
typeset by MathJax 3 copied into ``_site/_static/mathjax``. That copy comes
from the npm registry at build time (``npm pack mathjax@3.2.2``, checked
against its pinned sha512) into the git-ignored cache ``build/mathjax-3.2.2``;
set ``REGVIZ_MATHJAX_DIR`` to a folder holding MathJax's ``es5`` files
(``tex-chtml-full.js``...) to build without npm.

Why nbconvert templates rather than Jupyter Book: nbconvert is already in
the environment (JupyterLab needs it), renders the stored outputs exactly as
JupyterLab shows them and executes nothing, and a template of a few blocks
gives the navigation and the course map. Jupyter Book 1 (Sphinx) would add a
few dozen packages and its themes point MathJax and RequireJS at CDNs, to be
overridden one by one; Jupyter Book 2 (mystmd) fetches its site theme from
the internet at build time. MathJax 3 is pinned and checksummed, so every
build serves the same files.
"""

from __future__ import annotations

import argparse
import base64
import copy
import hashlib
import html
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["MATHJAX_VERSION", "Page", "build", "discover", "ensure_mathjax", "read_page"]

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = Path(__file__).resolve().parent / "_site_templates"
TEMPLATE_NAME = "regviz_site"
MATHJAX_VERSION = "3.2.2"
MATHJAX_INTEGRITY = "sha512-Bt+SSVU8eBG27zChVewOicYs7Xsdt40qm4+UpHyX7k0/O9NliPc+x77k1/FEsPsjKPZGJvtRZM1vO+geW0OhGw=="
MATHJAX_ENTRY = "tex-chtml-full.js"
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
WIDGET_NOTE = (
    '<div class="regviz-widget-note"><strong>Interactive in Jupyter.</strong> '
    "Run this notebook in JupyterLab (<code>make lab</code>) to move this explorer's sliders; "
    "on this page the static figure above shows the same plot.</div>"
)
COURSE_TITLE = "regviz: losses, optimization, regularization and tuning"
COURSE_LEAD = (
    "A hands-on course in numbered notebooks: loss functions, gradient descent and optimizers, "
    "ridge, lasso and elastic net, weight decay, dropout, batch normalization and hyperparameter search."
)
_NOTEBOOK_GLOB = "[0-9][0-9]_*.ipynb"
_NAV_LINE = re.compile(r"\]\([^)]*\.ipynb[^)]*\)")


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
        The paragraph after the title, as HTML ("" if none).
    outcomes : tuple of str
        The "What you'll learn" bullets, as HTML.
    has_widget : bool
        Whether a cell shows a widget (slider or explorer).

    """

    source: Path
    html_name: str
    number: str
    title: str
    hook: str
    outcomes: tuple[str, ...]
    has_widget: bool

    @property
    def short_title(self) -> str:
        """``"05 Shrink coefficients..."`` as used in the navigation bar."""
        return f"{self.number} {self.title}"


def discover(notebook_dir: Path) -> list[Path]:
    """The course notebooks ``NN_*.ipynb`` in ``notebook_dir``, in order."""
    return sorted(Path(notebook_dir).glob(_NOTEBOOK_GLOB))


def _inline_markdown(text: str) -> str:
    from nbconvert.filters.markdown_mistune import markdown2html_mistune

    rendered = markdown2html_mistune(text).strip()
    # One paragraph: drop the <p> wrapper so it fits in a list item.
    match = re.fullmatch(r"<p>(.*)</p>", rendered, flags=re.DOTALL)
    return match.group(1) if match else rendered


def _has_widget(nb: Any) -> bool:
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        for output in cell.get("outputs", []):
            if WIDGET_MIME in output.get("data", {}):
                return True
    return False


def read_page(path: Path) -> Page:
    """Read a notebook's title, hook and outcomes for the course map."""
    import nbformat

    nb = nbformat.read(path, as_version=4)
    title, hook, outcomes = path.stem, "", []
    markdown = [cell.source for cell in nb.cells if cell.cell_type == "markdown"]
    if markdown:
        lines = markdown[0].splitlines()
        heading = next((line for line in lines if line.startswith("# ")), None)
        if heading is not None:
            title = heading[2:].strip()
        paragraphs = [p.strip() for p in re.split(r"\n\s*\n", markdown[0])]
        for paragraph in paragraphs:
            if not paragraph or paragraph.startswith("#") or _NAV_LINE.search(paragraph):
                continue
            hook = _inline_markdown(paragraph)
            break
    for source in markdown[:3]:
        match = re.search(r"^##\s+What you.ll learn\s*$(.*?)(?=^#|\Z)", source, flags=re.MULTILINE | re.DOTALL)
        if match:
            items = re.findall(r"^\s*[-*]\s+(.+)$", match.group(1), flags=re.MULTILINE)
            outcomes = [_inline_markdown(item) for item in items]
            break
    return Page(
        source=path,
        html_name=path.with_suffix(".html").name,
        number=path.name[:2],
        title=title,
        hook=hook,
        outcomes=tuple(outcomes),
        has_widget=_has_widget(nb),
    )


def _for_the_web(nb: Any) -> Any:
    """A copy of ``nb`` with each widget output replaced by a short note."""
    import nbformat

    nb = copy.deepcopy(nb)
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        outputs = []
        noted = False
        for output in cell.get("outputs", []):
            if WIDGET_MIME in output.get("data", {}):
                if not noted:
                    outputs.append(nbformat.v4.new_output("display_data", data={"text/html": WIDGET_NOTE}))
                    noted = True
                continue
            outputs.append(output)
        cell.outputs = outputs
    return nb


def _rewrite_links(text: str, names: set[str]) -> str:
    """Point links to ``NN_name.ipynb`` at ``NN_name.html`` (the notebooks of the site)."""

    def replace(match: re.Match[str]) -> str:
        stem = match.group(2)
        if f"{stem}.ipynb" not in names and not re.fullmatch(r"\d\d_[\w-]+", stem):
            return match.group(0)
        return f'{match.group(1)}{stem}.html{match.group(3) or ""}"'

    return re.sub(r'(href=")(?:\./|(?:\.\./)?notebooks/)?([\w-]+)\.ipynb(#[^"]*)?"', replace, text)


def _sri(path: Path) -> str:
    digest = hashlib.sha512(path.read_bytes()).digest()
    return "sha512-" + base64.b64encode(digest).decode("ascii")


def ensure_mathjax(cache_dir: Path | None = None) -> Path:
    """Return a folder holding MathJax 3's ``es5`` files, fetching them once if needed.

    Order: ``$REGVIZ_MATHJAX_DIR``; the cache ``build/mathjax-<version>/es5``;
    otherwise ``npm pack mathjax@<version>`` into a temporary folder, check
    the tarball's sha512 against the pinned value and unpack ``es5/`` into the
    cache.

    Raises
    ------
    RuntimeError
        When no MathJax can be found or fetched (npm missing, registry
        unreachable, checksum mismatch), with what to do about it.

    """
    override = os.environ.get("REGVIZ_MATHJAX_DIR")
    if override:
        folder = Path(override)
        if not (folder / MATHJAX_ENTRY).is_file():
            raise RuntimeError(f"REGVIZ_MATHJAX_DIR={override} holds no {MATHJAX_ENTRY}")
        return folder
    cache = Path(cache_dir) if cache_dir is not None else ROOT / "build" / f"mathjax-{MATHJAX_VERSION}"
    es5 = cache / "es5"
    if (es5 / MATHJAX_ENTRY).is_file():
        return es5
    npm = shutil.which("npm")
    if npm is None:
        raise RuntimeError(
            "MathJax is needed to build the site and npm was not found: install Node.js and npm "
            "(`apt-get install -y npm`), or set REGVIZ_MATHJAX_DIR to a folder with MathJax 3's es5 files."
        )
    with tempfile.TemporaryDirectory() as tmp:
        proc = subprocess.run(
            [npm, "pack", f"mathjax@{MATHJAX_VERSION}", "--pack-destination", tmp, "--silent"],
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        tarballs = list(Path(tmp).glob("mathjax-*.tgz"))
        if proc.returncode != 0 or len(tarballs) != 1:
            raise RuntimeError(f"`npm pack mathjax@{MATHJAX_VERSION}` failed: {proc.stderr.strip()[-2000:]}")
        integrity = _sri(tarballs[0])
        if integrity != MATHJAX_INTEGRITY:
            raise RuntimeError(f"mathjax-{MATHJAX_VERSION}.tgz has integrity {integrity}, expected {MATHJAX_INTEGRITY}")
        staging = Path(tmp) / "unpacked"
        with tarfile.open(tarballs[0]) as tar:
            members = [m for m in tar.getmembers() if m.name.startswith("package/es5/")]
            tar.extractall(staging, members=members, filter="data")
        shutil.rmtree(cache, ignore_errors=True)
        cache.mkdir(parents=True, exist_ok=True)
        shutil.move(str(staging / "package" / "es5"), str(es5))
    return es5


def _exporter() -> Any:
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(
        template_name=TEMPLATE_NAME,
        extra_template_basedirs=[str(TEMPLATES)],
    )
    return exporter


def build(
    notebook_dir: Path | None = None,
    out_dir: Path | None = None,
    *,
    mathjax_dir: Path | None = None,
) -> list[Path]:
    """Build the site; return the pages written (index first).

    Parameters
    ----------
    notebook_dir : pathlib.Path or None, default=None
        Folder of the ``NN_*.ipynb`` notebooks; ``notebooks/`` of the repository if None.
    out_dir : pathlib.Path or None, default=None
        Where the site goes (emptied first); ``_site/`` of the repository if None.
    mathjax_dir : pathlib.Path or None, default=None
        MathJax 3's ``es5`` folder; found or fetched by :func:`ensure_mathjax` if None.

    """
    import jinja2
    import nbconvert
    import nbformat

    notebook_dir = Path(notebook_dir) if notebook_dir is not None else ROOT / "notebooks"
    out_dir = Path(out_dir) if out_dir is not None else ROOT / "_site"
    paths = discover(notebook_dir)
    mathjax = Path(mathjax_dir) if mathjax_dir is not None else ensure_mathjax()
    if not (mathjax / MATHJAX_ENTRY).is_file():
        raise RuntimeError(f"{mathjax} holds no {MATHJAX_ENTRY}")

    if out_dir.exists():
        shutil.rmtree(out_dir)
    static = out_dir / "_static"
    static.mkdir(parents=True)
    shutil.copy2(TEMPLATES / TEMPLATE_NAME / "site.css", static / "site.css")
    shutil.copytree(mathjax, static / "mathjax")

    pages = [read_page(path) for path in paths]
    names = {path.name for path in paths}
    exporter = _exporter()
    written = []
    for i, page in enumerate(pages):
        nb = _for_the_web(nbformat.read(page.source, as_version=4))
        nb.metadata["title"] = f"{page.number} {page.title} · regviz"
        resources = {
            "metadata": {"name": page.source.stem, "path": str(page.source.parent)},
            "site": {
                "prev": pages[i - 1] if i > 0 else None,
                "next": pages[i + 1] if i + 1 < len(pages) else None,
                "page": page,
            },
        }
        body, _ = exporter.from_notebook_node(nb, resources=resources)
        target = out_dir / page.html_name
        target.write_text(_rewrite_links(body, names), encoding="utf-8")
        written.append(target)

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES / TEMPLATE_NAME)),
        autoescape=False,
        keep_trailing_newline=True,
    )
    index = env.get_template("course_map.html.j2").render(
        title=COURSE_TITLE,
        lead=html.escape(COURSE_LEAD),
        pages=pages,
        nbconvert_version=nbconvert.__version__,
        mathjax_version=MATHJAX_VERSION,
    )
    (out_dir / "index.html").write_text(index, encoding="utf-8")
    return [out_dir / "index.html", *written]


def _main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["build"])
    parser.add_argument("notebook_dir", nargs="?", type=Path, default=None, help="default: notebooks/")
    parser.add_argument("--out", type=Path, default=None, help="default: _site/")
    args = parser.parse_args(argv)
    try:
        pages = build(args.notebook_dir, args.out)
    except RuntimeError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"built {len(pages) - 1} notebook page(s) and the course map in {pages[0].parent}")
    print(f"open {pages[0]}")
    return 0


if __name__ == "__main__":
    sys.exit(_main())
