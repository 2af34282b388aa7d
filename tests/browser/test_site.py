"""The course site (``make html``) in headless Chromium, offline: pages, sliders, accessibility, budgets.

The site is built (``tools.site.build``) from a snapshot of ``notebooks/`` (the fixture notebooks while the
course has none) into a temporary folder, with the frames cache ``make html`` uses (``build/site``), and
served on 127.0.0.1. Every request the browser makes is recorded; one that leaves 127.0.0.1 fails the test
and is blocked.

* Every page: its title, every figure decoded and carrying alt text (an explorer's picture: its caption),
  math typeset by MathJax, the course map in the sidebar, an in-page table of contents, previous / next
  links, the download link, links between notebooks that resolve, no serious or critical axe-core
  violation, and its first load (bytes fetched up to the ``load`` event, browser cache off) within 4 MB.
* Every control of every explorer is moved from the keyboard (arrow keys): the frame shown must be the one
  of the controls' values, pixel for pixel (a SHA-256 of the composed picture against the digest the build
  recorded from the notebook's own rendering), with its caption as text and as the picture's alt. Then ten
  more moves per control are timed inside the page, from the key press to the new frame decoded and painted:
  median within 50 ms.
* Search finds a notebook by a word of its title; the site stays within 60 MB.

A run over the course writes its figures to ``benchmarks/results.md`` (between ``<!-- site:start -->`` and
``<!-- site:end -->``); a run over the fixtures writes them to ``artifacts/site-report.md``. Screenshots of
every page and every moved control go to ``artifacts/screenshots/``.
"""

from __future__ import annotations

import functools
import html
import http.server
import os
import re
import shutil
import statistics
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

import browser_support as bs
import nbformat
import pytest

from tools import site as site_builder
from tools.site import frames as site_frames

pytestmark = pytest.mark.browser

# The course's notebooks; the fixture notebooks while the course has none, or when REGVIZ_SITE_SOURCE=fixtures.
SOURCES = (
    {"course": bs.NOTEBOOK_DIR}
    if site_builder.discover(bs.NOTEBOOK_DIR) and os.environ.get("REGVIZ_SITE_SOURCE", "") != "fixtures"
    else {"fixture": bs.FIXTURE_DIR}
)
MATH = re.compile(r"\$\$.+?\$\$|\$[^$\n]+\$|\\\(|\\\[|\\begin\{", re.DOTALL)
# A few notebooks only while developing (numbers, stems or file names, comma-separated, as `--only`); such
# a run writes its figures to artifacts/site-report.md, never to benchmarks/results.md.
ONLY = [w for w in os.environ.get("REGVIZ_SITE_NOTEBOOKS", "").split(",") if w.strip()]
# A site `make html` built (e.g. `_site`): tested as it is, without building another one (its pages are
# the notebooks it lists in `_sources/`; ONLY does not apply).
BUILT = os.environ.get("REGVIZ_SITE_BUILT", "")
N_MOVES = int(os.environ.get("REGVIZ_SITE_MOVES", "10"))
GOAL_MOVE_MS = 50.0
SITE_BUDGET_MB = 60.0
FIRST_LOAD_BUDGET_MB = 4.0
SITE_START, SITE_END = "<!-- site:start -->", "<!-- site:end -->"
BAD_IMPACTS = {"serious", "critical"}


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@dataclass
class Site:
    name: str
    source: Path
    out: Path
    origin: str
    pages: list[Any]
    build_seconds: float
    first_load: dict[str, int] = field(default_factory=dict)
    axe: dict[str, list[str]] = field(default_factory=dict)
    moves: list[dict[str, Any]] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)


def _serve(folder: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


@pytest.fixture(scope="module", params=sorted(SOURCES), ids=sorted(SOURCES))
def site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, chromium: str) -> Iterator[Site]:
    source = SOURCES[request.param]
    if BUILT:
        yield from _prebuilt(request.param, Path(BUILT).resolve(), chromium)
        return
    if not site_builder.discover(source):
        pytest.skip(f"no notebooks in {source} yet")
    # Build from a snapshot: notebooks may land or change while the test runs.
    snapshot = tmp_path_factory.mktemp(f"notebooks-{request.param}")
    for path in site_builder.select(site_builder.discover(source), ONLY):
        shutil.copy2(path, snapshot / path.name)
    out = tmp_path_factory.mktemp(f"site-{request.param}") / "site"
    start = time.perf_counter()
    site_builder.build(snapshot, out, log=lambda line: print(line, flush=True))
    seconds = time.perf_counter() - start
    server, origin = _serve(out)
    pages = [site_builder.read_page(path) for path in site_builder.discover(snapshot)]
    built = Site(request.param, snapshot, out, origin, pages, seconds)
    try:
        yield built
    finally:
        server.shutdown()
        server.server_close()
        _write_report(built, chromium)


def _prebuilt(name: str, out: Path, chromium: str) -> Iterator[Site]:
    """The site already built in ``out`` (its marker says by this builder, and in how many seconds)."""
    import json

    record = json.loads((out / site_builder.MARKER).read_text(encoding="utf-8"))
    assert record["builder"] == "tools.site", f"{out} is not a site built by tools.site"
    source = out / "_sources"
    server, origin = _serve(out)
    pages = [site_builder.read_page(path) for path in site_builder.discover(source)]
    seconds = float(os.environ.get("REGVIZ_SITE_BUILD_SECONDS", record.get("seconds", "nan")))
    built = Site(name, source, out, origin, pages, seconds)
    try:
        yield built
    finally:
        server.shutdown()
        server.server_close()
        _write_report(built, chromium)


def _allowed(url: str, origin: str) -> bool:
    return url.startswith(origin + "/") or url.split(":", 1)[0] in {"data", "blob", "about"}


def _open(browser: Any, site: Site, *, cache: bool = True) -> tuple[Any, list[tuple[float, str]]]:
    """A new tab that blocks (and records) every request leaving the site; returns it and its request log."""
    page = browser.new_page()
    requests: list[tuple[float, str]] = []

    def route(route: Any) -> None:
        url = route.request.url
        if _allowed(url, site.origin):
            route.continue_()
        else:
            site.outside.append(url)
            route.abort()

    page.on("request", lambda r: requests.append((time.perf_counter(), r.url)))
    page.route("**/*", route)
    if not cache:
        cdp = browser.new_cdp_session(page)
        cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    return page, requests


def _expected(path: Path) -> dict[str, Any]:
    nb = nbformat.read(path, as_version=4)
    figures = 0
    for cell in nb.cells:
        for output in cell.get("outputs", []) if cell.cell_type == "code" else []:
            data = output.get("data", {})
            if bs.WIDGET_MIME not in data and ("image/png" in data or "image/jpeg" in data):
                figures += 1
    return {
        "figures": figures,
        "explorers": len(site_frames.explorer_cells(nb)),
        "math": any(MATH.search(cell.source) for cell in nb.cells if cell.cell_type == "markdown"),
        "sections": sum(
            1 for c in nb.cells if c.cell_type == "markdown" for line in c.source.splitlines() if line.startswith("## ")
        ),
    }


_PAGE_FACTS = """
async () => {
  if (window.MathJax && MathJax.startup && MathJax.startup.promise) { await MathJax.startup.promise; }
  const article = document.querySelector('article.bd-article');
  const imgs = [...article.querySelectorAll('img')].filter(im => !im.classList.contains('regviz-overlay'));
  imgs.forEach(im => { im.loading = 'eager'; });  // figures far down the page load lazily
  await Promise.all(imgs.map(im => im.decode().catch(() => null)));
  const text = [...article.querySelectorAll('p, li, td, h1, h2, h3')].map(m => m.innerText).join('\\n');
  const link = (sel) => { const a = document.querySelector(sel); return a ? a.getAttribute('href') : null; };
  return {
    h1: (article.querySelector('h1') || {}).textContent || '',
    figures: imgs.filter(im => !im.classList.contains('regviz-base')).length,
    broken: imgs.filter(im => !(im.naturalWidth > 0)).map(im => im.getAttribute('src')),
    noAlt: imgs.filter(im => !(im.getAttribute('alt') || '').trim() || /\\.(png|jpe?g|webp|svg)$/i.test(im.alt))
              .map(im => im.getAttribute('src')),
    explorers: article.querySelectorAll('figure.regviz-explorer[data-regviz-ready="true"]').length,
    explorerErrors: [...article.querySelectorAll('figure.regviz-explorer[data-regviz-error]')].map(f => f.dataset.regvizError),
    staticExplorers: article.querySelectorAll('.regviz-static-explorer').length,
    math: document.querySelectorAll('mjx-container').length,
    mathErrors: document.querySelectorAll('mjx-merror').length,
    rawDisplayMath: (text.match(/\\$\\$/g) || []).length,
    widgetScripts: document.querySelectorAll('script[type="application/vnd.jupyter.widget-view+json"]').length,
    prev: link('.prev-next-area a.left-prev'),
    next: link('.prev-next-area a.right-next'),
    sidebar: [...document.querySelectorAll('nav.bd-docs-nav a.reference.internal')].map(a => a.textContent.trim()),
    toc: document.querySelectorAll('#pst-page-toc-nav a').length,
    download: link('a.regviz-download'),
    links: [...article.querySelectorAll('a[href]')].map(a => a.getAttribute('href')),
  };
}
"""


def _first_load(site: Site, requests: list[tuple[float, str]], until: float) -> int:
    """Bytes of the site's files the page requested up to ``until`` (the load event)."""
    seen, total = set(), 0
    for t, url in requests:
        if t > until or not url.startswith(site.origin + "/"):
            continue
        path = unquote(urlparse(url).path).lstrip("/") or "index.html"
        if path in seen:
            continue
        seen.add(path)
        file = site.out / path
        total += file.stat().st_size if file.is_file() else 0
    return total


# Syntax-highlighted code is most of a page's elements (8,000 spans on 03), and axe-core's colour-contrast rule
# checks each one: three quarters of the time axe takes. Spans of one style (colour, background, font) have one
# contrast ratio, so each style is kept once per page and the other spans are unwrapped into plain text (which
# stays, in the block's own colour, and is checked with the block). Whitespace-only spans show no text. Measured
# on 03, 05 and 10: the same violations, in a quarter of the time (13 s → 3 s on 03). Run it last: it edits the page.
_ONE_SPAN_PER_STYLE = """
() => {
  const style = (el) => {
    const s = getComputedStyle(el), block = getComputedStyle(el.closest('div.highlight'));
    return [s.color, s.backgroundColor, block.backgroundColor, s.fontSize, s.fontWeight, s.fontStyle, s.opacity]
      .join('|');
  };
  const blocks = [...document.querySelectorAll('div.highlight pre')].map(pre => [pre,
    [...pre.querySelectorAll('span')].map(el => el.children.length ? null : el.textContent.trim() ? style(el) : '')]);
  const kept = new Set();
  let unwrapped = 0;
  for (const [pre, keys] of blocks) {  // edited as a detached copy, put back once: no layout per span
    const copy = pre.cloneNode(true);
    [...copy.querySelectorAll('span')].forEach((el, i) => {
      if (keys[i] === null) return;  // a span holding other spans stays
      if (keys[i] !== '' && !kept.has(keys[i])) { kept.add(keys[i]); return; }  // the first of each style stays
      el.replaceWith(...el.childNodes);
      unwrapped += 1;
    });
    pre.replaceWith(copy);
  }
  return {styles: kept.size, unwrapped};
}
"""


def _axe(page: Any) -> list[str]:
    """axe-core's serious and critical violations on ``page``, code spans checked once per style (it edits the page)."""
    from axe_playwright_python.sync_playwright import Axe

    page.evaluate(_ONE_SPAN_PER_STYLE)
    results = Axe().run(page)
    bad = []
    for violation in results.response["violations"]:
        if violation.get("impact") in BAD_IMPACTS:
            targets = [", ".join(node["target"]) for node in violation["nodes"][:3]]
            bad.append(f"{violation['id']} ({violation['impact']}, {len(violation['nodes'])}x): {targets}")
    return bad


def test_every_page_renders_offline_navigable_and_accessible(site: Site, browser: Any) -> None:
    names = ["index.html", *(p.html_name for p in site.pages)]
    bs.SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    problems: list[str] = []
    for i, name in enumerate(names):
        page, requests = _open(browser, site, cache=False)
        try:
            page.goto(f"{site.origin}/{name}", wait_until="load")
            site.first_load[name] = _first_load(site, requests, time.perf_counter())
            facts = page.evaluate(_PAGE_FACTS)
            where = f"{site.name} site, {name}"
            # the course map: in the sidebar of every page, in order
            assert facts["sidebar"][-len(site.pages) :] == [p.short_title for p in site.pages], (
                f"{where}: sidebar {facts['sidebar']}"
            )
            assert facts["broken"] == [], f"{where}: figures that did not decode {facts['broken']}"
            if facts["noAlt"]:  # a notebook stored before its figures got alt text: listed, the other checks go on
                problems.append(f"{where}: {len(facts['noAlt'])} figure(s) without alt text")
            assert facts["mathErrors"] == 0 and facts["rawDisplayMath"] == 0, f"{where}: math not typeset"
            assert facts["widgetScripts"] == 0, f"{where}: a widget view is left in the page"
            assert facts["explorerErrors"] == [], f"{where}: {facts['explorerErrors']}"
            previous = names[i - 1] if i > 0 else None
            following = names[i + 1] if i + 1 < len(names) else None
            assert facts["prev"] == previous and facts["next"] == following, f"{where}: prev/next {facts}"
            if i > 0:
                info = site.pages[i - 1]
                expected = _expected(site.source / info.source.name)
                assert facts["h1"].rstrip("#¶").strip() == info.title, f"{where}: title {facts['h1']!r}"
                assert facts["figures"] == expected["figures"], f"{where}: {facts['figures']} figures, {expected}"
                assert facts["explorers"] + facts["staticExplorers"] == expected["explorers"], f"{where}: {facts}"
                if facts["staticExplorers"]:
                    problems.append(f"{where}: {facts['staticExplorers']} explorer(s) left static by the build")
                if expected["math"]:
                    assert facts["math"] > 0, f"{where}: no typeset math"
                if expected["sections"]:
                    assert facts["toc"] > 0, f"{where}: no in-page table of contents"
                assert facts["download"] == f"_sources/{info.source.name}", f"{where}: download {facts['download']}"
                response = page.request.get(f"{site.origin}/{facts['download']}")
                assert response.ok and response.body() == info.source.read_bytes(), f"{where}: download differs"
            for href in facts["links"]:
                unresolved = re.fullmatch(r"#(\d\d_[\w-]+)\.ipynb(?:#.*)?", href)  # MyST's mark of a missing page
                if unresolved:
                    missing = site.source / f"{unresolved.group(1)}.ipynb"
                    assert not missing.exists(), f"{where}: a link to {missing.name} did not resolve"
                    continue
                target = urlparse(href)
                if target.scheme or target.netloc or not target.path:
                    continue  # external links are for the reader to follow; anchors stay on the page
                assert not target.path.endswith(".ipynb") or target.path.startswith("_sources/"), f"{where}: {href}"
                if target.path.endswith(".html") and not (site.out / target.path).is_file():
                    # Only a notebook that is not written yet (a later issue) may be missing.
                    stem = Path(target.path).stem
                    assert re.fullmatch(r"\d\d_[\w-]+", stem), f"{where}: broken link {href}"
                    assert not (site.source / f"{stem}.ipynb").exists(), f"{where}: broken link {href}"
            page.screenshot(path=str(bs.SCREENSHOTS / f"site-{site.name}__{Path(name).stem}.png"))
            site.axe[name] = _axe(page)
        finally:
            page.close()
    assert not site.outside, f"requests that left 127.0.0.1: {site.outside}"
    bad = {name: v for name, v in site.axe.items() if v}
    assert not bad, f"axe-core: serious or critical violations {bad}"
    largest = max(site.first_load, key=lambda n: site.first_load[n])
    assert site.first_load[largest] <= FIRST_LOAD_BUDGET_MB * 1e6, (
        f"{largest}: first load {site.first_load[largest] / 1e6:.2f} MB, budget {FIRST_LOAD_BUDGET_MB} MB"
    )
    assert not problems, "; ".join(problems)


# --------------------------------------------------------------------------- sliders

_ARM = """
(id) => {
  const fig = document.getElementById(id);
  const before = fig.getAttribute('data-regviz-frame');
  const state = {t0: null, t1: null, done: false};
  window.__regvizMove = state;
  window.addEventListener('keydown', (e) => { if (state.t0 === null) state.t0 = e.timeStamp; },
                          {capture: true, once: true});
  const observer = new MutationObserver(() => {
    if (fig.getAttribute('data-regviz-frame') === before) return;
    observer.disconnect();
    const shown = () => requestAnimationFrame(() => setTimeout(() => {
      state.t1 = performance.now();
      state.done = true;
    }, 0));
    const overlay = fig.querySelector('img.regviz-overlay');  // the page may have put another one in place
    if (overlay.hidden) shown(); else overlay.decode().then(shown, shown);
  });
  observer.observe(fig, {attributes: true, attributeFilter: ['data-regviz-frame']});
  return before;
}
"""

# What the explorer shows now: its frame index, the controls' positions, caption, alt, and the SHA-256 of
# the picture composed at its own size (base, then overlay) exactly as the page layers them.
_SHOWN = """
async (id) => {
  const fig = document.getElementById(id);
  const base = fig.querySelector('img.regviz-base');
  const overlay = fig.querySelector('img.regviz-overlay');
  await base.decode();
  if (!overlay.hidden) await overlay.decode();
  const canvas = document.createElement('canvas');
  canvas.width = base.naturalWidth;
  canvas.height = base.naturalHeight;
  const g = canvas.getContext('2d', {willReadFrequently: true});
  g.drawImage(base, 0, 0);
  if (!overlay.hidden) g.drawImage(overlay, 0, 0);
  const pixels = g.getImageData(0, 0, canvas.width, canvas.height).data;
  const digest = await crypto.subtle.digest('SHA-256', pixels);
  const controls = [...fig.querySelectorAll('.regviz-control')].map(c => {
    const input = c.querySelector('input, select');
    return {kind: input.tagName.toLowerCase() === 'select' ? 'select' : 'range', value: Number(input.value),
            max: input.tagName.toLowerCase() === 'select' ? input.options.length - 1 : Number(input.max),
            id: input.id, label: (input.labels[0] || {}).textContent || ''};
  });
  return {
    frame: Number(fig.getAttribute('data-regviz-frame')),
    controls,
    caption: fig.querySelector('.regviz-caption').textContent.replace(/\\s+/g, ' ').trim(),
    alt: base.alt,
    sha256: [...new Uint8Array(digest)].map(b => b.toString(16).padStart(2, '0')).join(''),
  };
}
"""


def _text(caption: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", "", caption))).strip()


def _check_frame(shown: dict[str, Any], frames: dict[str, Any], where: str) -> None:
    k = 0
    for control, info in zip(shown["controls"], frames["controls"], strict=True):
        k = k * len(info["labels"]) + control["value"]
    assert shown["frame"] == k, f"{where}: shows frame {shown['frame']}, the controls say {k}"
    expected = frames["frames"][k]
    assert shown["sha256"] == expected["sha256"], f"{where}: the picture is not the notebook's frame {k}"
    assert shown["caption"] == _text(expected["caption"]), f"{where}: caption {shown['caption']!r}"
    assert shown["alt"] == _text(expected["caption"]), f"{where}: alt {shown['alt']!r}"


def test_every_site_slider_moves_and_shows_the_notebooks_frame(site: Site, browser: Any) -> None:
    import json

    pages = [p for p in site.pages if p.has_explorer]
    if not pages:
        pytest.skip("no explorer on this site")
    for info in pages:
        page, _ = _open(browser, site)
        try:
            page.goto(f"{site.origin}/{info.html_name}", wait_until="load")
            ids = page.eval_on_selector_all("figure.regviz-explorer", "els => els.map(e => e.id)")
            for e, fid in enumerate(ids):
                figure = page.locator(f"#{fid}")
                figure.scroll_into_view_if_needed()
                page.wait_for_selector(f'#{fid}[data-regviz-ready="true"]')
                folder = figure.get_attribute("data-regviz-frames")
                frames = json.loads((site.out / folder / "frames.json").read_text(encoding="utf-8"))
                shown = page.evaluate(_SHOWN, fid)
                where = f"{info.html_name} explorer {e}"
                assert shown["frame"] == frames["initial"], f"{where}: does not start at the notebook's value"
                _check_frame(shown, frames, where)
                for j, control in enumerate(shown["controls"]):
                    label = control["label"].strip()
                    assert label, f"{where}: control {j} has no label"
                    handle = page.locator(f"#{control['id']}")
                    handle.focus()
                    times = []
                    pictures = {page.evaluate(_SHOWN, fid)["sha256"]}
                    for move in range(N_MOVES + 2):  # the first two moves check the frame, the rest are timed
                        now = page.evaluate(_SHOWN, fid)["controls"][j]
                        forward = now["value"] < now["max"]
                        if control["kind"] == "range":
                            key = "ArrowRight" if forward else "ArrowLeft"
                        else:
                            key = "ArrowDown" if forward else "ArrowUp"
                        before = page.evaluate(_ARM, fid)
                        page.keyboard.press(key)
                        page.wait_for_function("window.__regvizMove.done", timeout=10_000)
                        state = page.evaluate("window.__regvizMove")
                        after = page.evaluate(_SHOWN, fid)
                        assert str(after["frame"]) != before, f"{where}: {label} did not move with {key}"
                        if move < 2:
                            _check_frame(after, frames, f"{where}, {label} after {key}")
                            pictures.add(after["sha256"])
                        else:
                            times.append(state["t1"] - state["t0"])
                    assert len(pictures) > 1, f"{where}: moving {label} never changed the picture"
                    site.moves.append(
                        {"page": info.html_name, "explorer": e, "control": label, "kind": control["kind"], "ms": times}
                    )
                    figure.screenshot(
                        path=str(bs.SCREENSHOTS / f"site-{site.name}__{info.source.stem}__{e}-{bs.slug(label)}.png")
                    )
        finally:
            page.close()
    assert not site.outside, f"requests that left 127.0.0.1: {site.outside}"
    slow = [
        f"{m['page']} {m['explorer']} {m['control']}: {statistics.median(m['ms']):.0f} ms"
        for m in site.moves
        if m["ms"] and statistics.median(m["ms"]) > GOAL_MOVE_MS
    ]
    assert not slow, f"slider moves slower than {GOAL_MOVE_MS:.0f} ms (median): {slow}"


def test_axe_still_finds_a_low_contrast_code_token_checked_once_per_style(browser: Any) -> None:
    # The same pale token colour five times, its first span holding only a space: after one span per style is
    # kept, axe must still report it (once), and nothing in the pre must be lost.
    pale = '<span class="pale" style="color:#d8d8d8">{}</span>'
    code = (
        "".join(pale.format(t) for t in (" ", "alpha", "beta", "gamma", "delta")) + '<span style="color:#000">ok</span>'
    )
    page = browser.new_page()
    try:
        page.set_content(
            f'<html lang="en"><head><title>t</title></head><body><main><div class="highlight" '
            f'style="background:#fff"><pre>{code}</pre></div></main></body></html>'
        )
        text = page.inner_text("pre")
        bad = _axe(page)
        assert page.inner_text("pre") == text, "unwrapping changed the code's text"
        assert page.locator("pre span").count() == 2, "one span per style should stay"
        assert [b.split(" ")[0] for b in bad] == ["color-contrast"], bad
        assert "1x" in bad[0], bad
    finally:
        page.close()


def test_search_finds_a_notebook_by_a_word_of_its_title(site: Site, browser: Any) -> None:
    target = site.pages[-1]
    word = max(re.findall(r"[A-Za-z]{5,}", target.title), key=len)
    page, _ = _open(browser, site)
    try:
        page.goto(f"{site.origin}/search.html?q={word}", wait_until="load")
        page.wait_for_selector("#search-results ul.search li", timeout=30_000)
        hrefs = page.eval_on_selector_all(
            "#search-results ul.search li a", "els => els.map(a => a.getAttribute('href'))"
        )
        assert any(h.split("?")[0].split("#")[0] == target.html_name for h in hrefs), f"searching {word!r}: {hrefs}"
    finally:
        page.close()
    assert not site.outside


def test_the_site_fits_its_size_budget(site: Site) -> None:
    size = sum(p.stat().st_size for p in site.out.rglob("*") if p.is_file())
    assert size <= SITE_BUDGET_MB * 1e6, f"the site weighs {size / 1e6:.1f} MB, budget {SITE_BUDGET_MB} MB"


# --------------------------------------------------------------------------- the report


def _write_report(site: Site, chromium: str) -> None:
    if not site.first_load and not site.moves:
        return
    size = sum(p.stat().st_size for p in site.out.rglob("*") if p.is_file())
    frames = sum(p.stat().st_size for p in (site.out / "_explorers").rglob("*") if p.is_file())
    all_ms = [t for m in site.moves for t in m["ms"]]
    largest = max(site.first_load, key=lambda n: site.first_load[n]) if site.first_load else None
    axe_pages = len(site.axe)
    axe_bad = sum(len(v) for v in site.axe.values())
    lines = [
        SITE_START,
        "## Course site (`make html`, browser test)",
        "",
        f"Written by `tests/browser/test_site.py` (`make test-browser`) on {time.strftime('%Y-%m-%d')}: the site built "
        f"from {len(site.pages)} notebooks by `tools.site` (Sphinx + myst-nb + sphinx-book-theme) in "
        f"{site.build_seconds:.0f} s ({'by `make html`, ' if BUILT else ''}frames from the cache when fresh), "
        "opened in headless "
        f"{bs.chromium_version(chromium)} on 127.0.0.1, {os.cpu_count()} CPU cores, load average "
        f"{os.getloadavg()[0]:.1f}. A move is timed from the key press to the new frame decoded and painted.",
        "",
        "| measure | value | budget |",
        "|---|---|---|",
        f"| site on disk | {size / 1e6:.1f} MB (explorer frames {frames / 1e6:.1f} MB) | ≤ {SITE_BUDGET_MB:.0f} MB |",
    ]
    if largest is not None:
        lines.append(
            f"| largest first load (to the `load` event, cache off) | {largest}: {site.first_load[largest] / 1e6:.2f} MB "
            f"| ≤ {FIRST_LOAD_BUDGET_MB:.0f} MB |"
        )
    if all_ms:
        ordered = sorted(all_ms)
        p90 = ordered[min(len(ordered) - 1, round(0.9 * (len(ordered) - 1)))]
        lines.append(
            f"| slider move to new frame shown | median {statistics.median(all_ms):.1f} ms, p90 {p90:.1f} ms "
            f"({len(all_ms)} moves, {len(site.moves)} controls) | median ≤ {GOAL_MOVE_MS:.0f} ms |"
        )
    if axe_pages:
        lines.append(f"| axe-core, serious or critical violations | {axe_bad} on {axe_pages} pages | 0 |")
    lines.append(f"| requests that left 127.0.0.1 | {len(site.outside)} | 0 |")
    if site.moves:
        lines += [
            "",
            "| page | explorer | control | kind | timed moves | median (ms) | max (ms) |",
            "|---|---:|---|---|---:|---:|---:|",
        ]
        for m in site.moves:
            if m["ms"]:
                lines.append(
                    f"| {m['page']} | {m['explorer']} | {m['control']} | {m['kind']} | {len(m['ms'])} "
                    f"| {statistics.median(m['ms']):.1f} | {max(m['ms']):.1f} |"
                )
    if site.first_load:
        lines += ["", "| page | first load (MB) |", "|---|---:|"]
        lines += [f"| {name} | {b / 1e6:.2f} |" for name, b in site.first_load.items()]
    lines.append(SITE_END)
    section = "\n".join(lines)
    complete = site.name == "course" and not ONLY and len(site.first_load) == len(site.pages) + 1 and bool(site.moves)
    if complete:
        bs.write_marked_section(section, SITE_START, SITE_END, bs.RESULTS_MD)
    else:
        bs.ARTIFACTS.mkdir(parents=True, exist_ok=True)
        (bs.ARTIFACTS / "site-report.md").write_text(section + "\n", encoding="utf-8")
