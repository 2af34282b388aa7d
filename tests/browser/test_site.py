"""The course reads as a website: ``make html`` output opened in headless Chromium, offline.

The site is built (``regviz._site.build``) into a temporary folder and served on 127.0.0.1. From the index
(the course map) the test follows every notebook link and checks each page: its title, every stored
figure decoded, math typeset by MathJax without errors, each widget replaced by its note, previous / next
links, and links between notebooks that resolve. Every request the browser makes is recorded; one that
leaves 127.0.0.1 (or data:/blob: URLs) fails the test and is blocked.
"""

from __future__ import annotations

import functools
import http.server
import re
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import browser_support as bs
import nbformat
import pytest

from regviz import _site

pytestmark = pytest.mark.browser

# The course's notebooks; the two fixture notebooks only while the course has none.
SOURCES = {"course": bs.NOTEBOOK_DIR} if _site.discover(bs.NOTEBOOK_DIR) else {"fixture": bs.FIXTURE_DIR}
MATH = re.compile(r"\$\$.+?\$\$|\$[^$\n]+\$|\\\(|\\\[|\\begin\{", re.DOTALL)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def mathjax() -> Path:
    return _site.ensure_mathjax()


def _serve(folder: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


@pytest.fixture(scope="module", params=sorted(SOURCES), ids=sorted(SOURCES))
def site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, mathjax: Path) -> Iterator[Any]:
    source = SOURCES[request.param]
    if not _site.discover(source):
        pytest.skip(f"no notebooks in {source} yet")
    # Build from a snapshot: notebooks may land or change while the test runs.
    snapshot = tmp_path_factory.mktemp(f"notebooks-{request.param}")
    for path in _site.discover(source):
        shutil.copy2(path, snapshot / path.name)
    out = tmp_path_factory.mktemp(f"site-{request.param}")
    _site.build(snapshot, out, mathjax_dir=mathjax)
    server, url = _serve(out)
    try:
        yield request.param, snapshot, out, url
    finally:
        server.shutdown()
        server.server_close()


def _expected(path: Path) -> dict[str, Any]:
    nb = nbformat.read(path, as_version=4)
    figures = widgets = 0
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if bs.WIDGET_MIME in data:
                widgets += 1
            elif "image/png" in data or "image/jpeg" in data:
                figures += 1
    has_math = any(MATH.search(cell.source) for cell in nb.cells if cell.cell_type == "markdown")
    return {"figures": figures, "widgets": widgets, "math": has_math}


_PAGE_FACTS = """
async () => {
  if (window.MathJax && MathJax.startup && MathJax.startup.promise) { await MathJax.startup.promise; }
  const imgs = [...document.querySelectorAll('.jp-OutputArea-output img')];
  await Promise.all(imgs.map(im => im.decode().catch(() => null)));
  const nav = document.querySelector('nav.regviz-nav');
  const markdown = [...document.querySelectorAll('.jp-MarkdownOutput')].map(m => m.innerText).join('\\n');
  return {
    h1: (document.querySelector('.jp-MarkdownOutput h1') || {}).textContent || '',
    figures: imgs.filter(im => im.naturalWidth > 0).length,
    brokenFigures: imgs.filter(im => !(im.naturalWidth > 0)).length,
    math: document.querySelectorAll('mjx-container').length,
    mathErrors: document.querySelectorAll('mjx-merror').length,
    rawDisplayMath: (markdown.match(/\\$\\$/g) || []).length,
    widgetNotes: document.querySelectorAll('.regviz-widget-note').length,
    widgetScripts: document.querySelectorAll('script[type="application/vnd.jupyter.widget-view+json"]').length,
    prev: nav && nav.querySelector('a.regviz-prev') ? nav.querySelector('a.regviz-prev').getAttribute('href') : null,
    next: nav && nav.querySelector('a.regviz-next') ? nav.querySelector('a.regviz-next').getAttribute('href') : null,
    links: [...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href')),
    mathjaxFontsOk: [...document.fonts].filter(f => f.family.startsWith('MJX')).every(f => f.status !== 'error'),
  };
}
"""


def _allowed(url: str, origin: str) -> bool:
    return url.startswith(origin + "/") or url.split(":", 1)[0] in {"data", "blob", "about", "file"}


def test_site_pages_render_offline(site: Any, browser: Any) -> None:
    name, source, out, origin = site
    pages = [_site.read_page(path) for path in _site.discover(source)]
    requests: list[str] = []
    blocked: list[str] = []

    def route(route: Any) -> None:
        url = route.request.url
        if _allowed(url, origin):
            route.continue_()
        else:
            blocked.append(url)
            route.abort()

    page = browser.new_page()
    page.on("request", lambda request: requests.append(request.url))
    page.route("**/*", route)
    try:
        page.goto(origin + "/index.html", wait_until="load")
        links = page.locator("ol.regviz-map-list > li > a")
        hrefs = links.evaluate_all("els => els.map(a => a.getAttribute('href'))")
        assert hrefs == [p.html_name for p in pages], f"the course map lists {hrefs}"
        bs.SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(bs.SCREENSHOTS / f"site-{name}__index.png"), full_page=True)

        for i, info in enumerate(pages):
            page.goto(origin + "/index.html", wait_until="load")
            page.locator("ol.regviz-map-list > li > a").nth(i).click()
            page.wait_for_url(f"{origin}/{info.html_name}")
            page.wait_for_load_state("load")
            facts = page.evaluate(_PAGE_FACTS)
            expected = _expected(info.source)
            where = f"{name} site, {info.html_name}"

            assert facts["h1"].rstrip("¶").strip() == info.title, f"{where}: title {facts['h1']!r}"
            assert facts["brokenFigures"] == 0, f"{where}: {facts['brokenFigures']} figures did not decode"
            assert facts["figures"] == expected["figures"], f"{where}: {facts['figures']} figures, expected {expected}"
            if expected["math"]:
                assert facts["math"] > 0, f"{where}: no typeset math"
            assert facts["mathErrors"] == 0, f"{where}: {facts['mathErrors']} MathJax errors"
            assert facts["rawDisplayMath"] == 0, f"{where}: $$ left untypeset"
            assert facts["mathjaxFontsOk"], f"{where}: a MathJax font failed to load"
            assert facts["widgetScripts"] == 0, f"{where}: a widget view is left in the page"
            assert facts["widgetNotes"] == expected["widgets"], f"{where}: {facts['widgetNotes']} widget notes"
            assert facts["prev"] == (pages[i - 1].html_name if i > 0 else None), f"{where}: previous {facts['prev']}"
            assert facts["next"] == (pages[i + 1].html_name if i + 1 < len(pages) else None), (
                f"{where}: next {facts['next']}"
            )
            for href in facts["links"]:
                target = urlparse(href)
                if target.scheme or target.netloc or not target.path:
                    continue  # external links are for the reader to follow; anchors stay on the page
                assert not target.path.endswith(".ipynb"), f"{where}: link to a notebook file {href}"
                if target.path.endswith(".html") and not (out / target.path).is_file():
                    # Only a notebook that is not written yet may be missing.
                    stem = Path(target.path).stem
                    assert re.fullmatch(r"\d\d_[\w-]+", stem), f"{where}: broken link {href}"
                    assert not (source / f"{stem}.ipynb").exists(), f"{where}: broken link {href}"
            page.screenshot(path=str(bs.SCREENSHOTS / f"site-{name}__{info.source.stem}.png"))
    finally:
        page.close()

    assert not blocked, f"requests that left 127.0.0.1: {blocked}"
    outside = [url for url in requests if not _allowed(url, origin)]
    assert not outside, f"requests that left 127.0.0.1: {outside}"
    assert any("/_static/mathjax/" in url for url in requests), "MathJax was not loaded from the site"
