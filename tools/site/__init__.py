"""The course site (``make html``): the stored notebooks as a static, offline website whose sliders move.

Used as::

    python -m tools.site build                       # notebooks/ -> _site/
    python -m tools.site build --out /tmp/site DIR   # another notebook folder, another output folder
    python -m tools.site build --only 05,07          # a few notebooks only (a quick build while developing)
    python -m tools.site fetch                       # MathJax 3 into the environment (make install)
    python -m tools.site clean                       # delete the files the last build wrote (make clean)

**Generator: Sphinx + myst-nb + sphinx-book-theme.** The pages are the notebooks as stored (nothing is
executed for them), rendered by myst-nb in sphinx-book-theme: a sidebar with the course map on every page,
an in-page table of contents, previous / next links, Sphinx's client-side search over all notebooks, and a
download button (plus a link at the top of each page) for the notebook itself. Measured offline: with
``nb_ipywidgets_js = {}`` and ``mathjax_path`` pointing into ``_static``, no page loads anything from
outside the site (the browser test blocks and counts every request that leaves 127.0.0.1). The earlier
hand-written nbconvert builder had to provide navigation itself and had no search; Jupyter Book 2 fetches
its theme at build time.

**Explorers.** Each notebook that displays an explorer is executed once, in the pinned numeric
environment, with ``REGVIZ_EXPORT_FRAMES`` set; every explorer it displays renders its figure on its own
controls' grids (see :mod:`tools.site.frames`). The widget output is replaced by real HTML controls
(``<input type="range">`` and ``<select>``, labelled, keyboard-operable) over the frames, and
``_static/regviz-explorer.js`` swaps the frame and the caption as the reader moves them. Frames are
cached by notebook hash under ``build/site/frames``.

**Figures.** Every stored image keeps the alt text ``regviz.style.use()`` gave it
(:mod:`tools.site.sphinx_ext`); an explorer's picture carries its caption.

**Safety.** The output folder is replaced only if it is empty or a site this builder wrote: the marker
file ``.regviz-site.json`` lists every file of the last build, and exactly those are deleted before the
new build is moved in. An output folder that is, contains or lies inside the notebook folder is refused, as
is a notebook folder that does not exist.

MathJax 3.2.2 comes from the npm registry (``npm pack``, checked against its pinned sha512) at
installation time (``python -m tools.site fetch``), into the Python environment.
"""

from .assets import MATHJAX_ENTRY, MATHJAX_VERSION, ensure_mathjax
from .builder import COURSE_TITLE, MARKER, Page, SiteError, build, check_paths, clean, discover, read_page, select

__all__ = [
    "COURSE_TITLE",
    "MARKER",
    "MATHJAX_ENTRY",
    "MATHJAX_VERSION",
    "Page",
    "SiteError",
    "build",
    "check_paths",
    "clean",
    "discover",
    "ensure_mathjax",
    "read_page",
    "select",
]
