"""The course site builder (``tools.site``, ``make html``) without a browser.

Built once from the two fixture notebooks of the browser tests (with a stand-in MathJax folder, so no npm
is needed): pages, course map, navigation, downloads, alt text, offline references, and the explorer's
frames compared pixel for pixel with the same explorer rendered here in Python. Then the folder rules of
issue 12: never delete what the build did not make, refuse an output folder that is or contains the
notebook folder, refuse a notebook folder that does not exist. ``tests/browser/test_site.py`` opens the
real build in Chromium.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import matplotlib
import nbformat
import numpy as np
import pytest

from regviz import style, widgets
from tools import site
from tools.site import builder, frames

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "browser" / "fixtures"


@pytest.fixture(scope="module")
def mathjax(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("mathjax")
    (folder / site.MATHJAX_ENTRY).write_text("/* stand-in */")
    fonts = folder / "output" / "chtml" / "fonts" / "woff-v2"
    fonts.mkdir(parents=True)
    (fonts / "MathJax_Main-Regular.woff").write_bytes(b"woff")
    return folder


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, mathjax: Path) -> Path:
    root = tmp_path_factory.mktemp("built")
    notebooks = root / "notebooks"
    shutil.copytree(FIXTURES, notebooks)
    out = root / "site"
    log: list[str] = []
    pages = site.build(notebooks, out, cache_dir=root / "cache", mathjax_dir=mathjax, strict=True, log=log.append)
    assert [p.name for p in pages] == ["index.html", "00_fixture_slider.html", "01_fixture_math.html"]
    assert any("00_fixture_slider: 1 explorer(s), 121 frames" in line for line in log), log
    return out


def _article(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    match = re.search(r'<article class="bd-article">(.*?)</article>', text, flags=re.S)
    assert match, f"{path.name}: no article"
    return match.group(1)


def _stored_alt_texts(path: Path) -> list[str]:
    nb = nbformat.read(path, as_version=4)
    return [
        out["metadata"]["image/png"]["alt"]
        for cell in nb.cells
        if cell.cell_type == "code"
        for out in cell.outputs
        if "image/png" in out.get("data", {})
    ]


# --------------------------------------------------------------------------- pages


def test_read_page_takes_title_hook_outcomes_and_explorer_flag() -> None:
    slider = site.read_page(FIXTURES / "00_fixture_slider.ipynb")
    math = site.read_page(FIXTURES / "01_fixture_math.ipynb")
    assert slider.title == "Move a slider in a fixture notebook"
    assert slider.html_name == "00_fixture_slider.html" and slider.number == "00"
    assert slider.hook.startswith("A tiny notebook the browser tests use")
    assert slider.has_explorer and not math.has_explorer
    assert math.short_title == "01 Typeset math in a fixture notebook"


def test_index_is_the_course_map(built: Path) -> None:
    article = _article(built / "index.html")
    hrefs = re.findall(r'<a class="reference internal" href="(\d\d_[^"#]+\.html)"', article)
    assert hrefs == ["00_fixture_slider.html", "01_fixture_math.html"]
    assert "Move a slider in a fixture notebook" in article
    assert article.count('class="regviz-badge"') == 1  # only the page with an explorer is marked


def test_pages_have_sidebar_contents_previous_next_and_search(built: Path) -> None:
    first = (built / "00_fixture_slider.html").read_text(encoding="utf-8")
    second = (built / "01_fixture_math.html").read_text(encoding="utf-8")
    for text in (first, second):  # the course map in the sidebar (the current page's link is "#")
        nav = re.search(r'<nav class="[^"]*\bbd-docs-nav\b[^>]*>(.*?)</nav>', text, flags=re.S)
        assert nav, "no sidebar"
        titles = re.findall(r'<a class="[^"]*reference internal[^"]*" href="[^"]*">([^<]+)</a>', nav.group(1))
        assert titles[-2:] == ["00 Move a slider in a fixture notebook", "01 Typeset math in a fixture notebook"]
    assert re.search(r'class="left-prev"\s+href="index.html"', first)
    assert re.search(r'class="right-next"\s+href="01_fixture_math.html"', first)
    assert re.search(r'class="left-prev"\s+href="00_fixture_slider.html"', second)
    assert "right-next" not in second
    toc = re.search(r'<nav id="pst-page-toc-nav"[^>]*>(.*?)</nav>', first, flags=re.S)
    assert toc and 'href="#a-line-and-its-loss"' in toc.group(1)  # the in-page contents
    index = (built / "searchindex.js").read_text(encoding="utf-8")
    assert "Typeset math in a fixture notebook" in index and (built / "search.html").is_file()


def test_links_between_notebooks_point_at_pages(built: Path) -> None:
    article = _article(built / "00_fixture_slider.html")
    assert 'href="01_fixture_math.html"' in article
    assert re.findall(r'href="([^"]*\.ipynb)"', article) == ["_sources/00_fixture_slider.ipynb"]


def test_download_is_the_stored_notebook(built: Path) -> None:
    for name in ("00_fixture_slider.ipynb", "01_fixture_math.ipynb"):
        assert (built / "_sources" / name).read_bytes() == (FIXTURES / name).read_bytes()
        page = (built / name.replace(".ipynb", ".html")).read_text(encoding="utf-8")
        assert f'href="_sources/{name}"' in page and 'class="regviz-download"' in page


def test_every_figure_carries_its_alt_text(built: Path) -> None:
    for name in ("00_fixture_slider", "01_fixture_math"):
        article = _article(built / f"{name}.html")
        images = [im for im in re.findall(r"<img\b[^>]*>", article) if "regviz-overlay" not in im]
        alts = [re.search(r'\balt="([^"]*)"', im) for im in images]
        assert all(a and a.group(1).strip() for a in alts), f"{name}: an image without alt text"
        figures = [a.group(1) for im, a in zip(images, alts, strict=True) if "_images/" in im and a]
        assert [html.unescape(a) for a in figures] == _stored_alt_texts(FIXTURES / f"{name}.ipynb")
    explorer = re.search(r'<img class="regviz-base"[^>]*alt="([^"]*)"', _article(built / "00_fixture_slider.html"))
    assert explorer and explorer.group(1) == "slope w = 0.50 loss = 2.249"


@pytest.mark.parametrize("name", ["index.html", "00_fixture_slider.html", "01_fixture_math.html", "search.html"])
def test_pages_load_nothing_from_outside(built: Path, name: str) -> None:
    text = (built / name).read_text(encoding="utf-8")
    sources = re.findall(r'<(?:script|img|link|iframe|source)\b[^>]*\b(?:src|href)="([^"]*)"', text)
    assert sources, f"{name}: no script or stylesheet found"
    outside = [s for s in sources if re.match(r"^(?:[a-z]+:)?//", s) and not s.startswith("data:")]
    assert not outside, f"{name} loads {outside}"
    assert "fontawesome.js" not in text, "the 1.5 MB icon script is left out (the theme's web font draws the icons)"
    assert "widget-view+json" not in text and "require.js" not in text and "embed-amd" not in text
    if name != "index.html" and name != "search.html":
        assert re.search(r'<script[^>]*src="_static/mathjax/tex-chtml-full\.js', text)
    for css in built.rglob("*.css"):
        assert not re.search(r"@import\s+url\(\s*['\"]?(?:https?:)?//", css.read_text(encoding="utf-8"))


def test_static_files_and_the_marker(built: Path) -> None:
    assert (built / "_static" / "mathjax" / site.MATHJAX_ENTRY).is_file()
    assert (built / "_static" / "mathjax" / "output" / "chtml" / "fonts" / "woff-v2").is_dir()
    assert (built / "_static" / "regviz-explorer.js").is_file() and (built / "_static" / "regviz-site.css").is_file()
    assert not list(built.rglob("*.map"))
    record = json.loads((built / site.MARKER).read_text(encoding="utf-8"))
    written = sorted(p.relative_to(built).as_posix() for p in built.rglob("*") if p.is_file())
    assert record["builder"] == "tools.site" and sorted(record["files"]) == written


# --------------------------------------------------------------------------- explorers


def test_an_explorer_becomes_labelled_controls_over_its_frames(built: Path) -> None:
    article = _article(built / "00_fixture_slider.html")
    assert article.count('<figure class="regviz-explorer"') == 1
    figure = re.search(r'<figure class="regviz-explorer".*?</figure>', article, flags=re.S).group(0)  # type: ignore[union-attr]
    assert '<div class="regviz-controls" hidden>' in figure, "controls appear only with JavaScript"
    label = re.search(r'<label for="([^"]+)">slope w</label>', figure)
    assert label
    slider = re.search(rf'<input type="range" id="{label.group(1)}" min="0" max="120" step="1" value="(\d+)"', figure)
    assert slider and int(slider.group(1)) == 30  # slope 0.5 on the grid -1, -0.95, ..., 5
    assert "<noscript>" in figure and 'aria-live="polite"' in figure
    assert '<figcaption class="regviz-caption"' in figure
    folder = built / "_explorers" / "00_fixture_slider" / "0"
    info = json.loads((folder / "frames.json").read_text(encoding="utf-8"))
    assert len(info["frames"]) == 121 and info["initial"] == 30 and info["controls"][0]["labels"][30] == "0.5"
    assert info["frames"][30]["file"] is None, "the first picture needs no overlay"
    assert sum(f["file"] is not None for f in info["frames"]) == 120
    data = json.loads(re.search(r'class="regviz-explorer-data">(.*?)</script>', figure).group(1))  # type: ignore[union-attr]
    assert data["shape"] == [121] and data["initial"] == 30 and len(data["captions"]) == 121


def _site_picture(folder: Path, k: int) -> np.ndarray:
    info = json.loads((folder / "frames.json").read_text(encoding="utf-8"))
    from PIL import Image

    picture = np.asarray(Image.open(folder / info["base"]).convert("RGBA")).copy()
    file = info["frames"][k]["file"]
    if file is not None:
        overlay = np.asarray(Image.open(folder / file).convert("RGBA"))
        opaque = overlay[..., 3] == 255
        assert np.all((overlay[..., 3] == 0) | opaque), "overlay pixels are either fully opaque or fully clear"
        picture[opaque] = overlay[opaque]
    return picture


def _fixture_explorer() -> widgets.Explorer:
    # the fixture notebook's cells, as a student would run them
    rng = np.random.default_rng(0)
    x = np.linspace(-1.0, 1.0, 20)
    y = 3.0 * x + rng.normal(scale=0.5, size=x.size)

    def mse(y: Any, y_pred: Any) -> float:
        return float(np.mean((np.asarray(y) - np.asarray(y_pred)) ** 2))

    return widgets.slope_explorer(x, y, mse)


def test_the_sites_frames_are_the_notebooks_pictures(built: Path) -> None:
    folder = built / "_explorers" / "00_fixture_slider" / "0"
    info = json.loads((folder / "frames.json").read_text(encoding="utf-8"))
    values = info["controls"][0]["values"]
    with matplotlib.rc_context():
        style.use()  # as the notebook's setup cell does
        explorer = _fixture_explorer()
        pictures = {}
        for k in (7, 100):  # two slider values away from the start
            explorer.set(slope=values[k])
            pictures[k] = (explorer.image.value, explorer.label.value)
    for k, (png, caption) in pictures.items():
        ours = frames.frame_pixels(png)
        theirs = _site_picture(folder, k)
        assert ours.shape == theirs.shape and np.array_equal(ours, theirs), f"frame {k} differs from Python's picture"
        assert hashlib.sha256(ours.tobytes()).hexdigest() == info["frames"][k]["sha256"]
        assert info["frames"][k]["caption"] == caption


def test_explorer_cells_are_told_from_progress_bars() -> None:
    view = {"application/vnd.jupyter.widget-view+json": {"model_id": ""}}
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell("x = 1"),
        nbformat.v4.new_code_cell("fit(model)"),
        nbformat.v4.new_code_cell("explorer"),
        nbformat.v4.new_code_cell("widgets.ridge_explorer(x, y)"),
    ]
    nb.cells[1].outputs = [nbformat.v4.new_output("display_data", data={**view, "text/plain": "epochs:   0%|"})]
    nb.cells[2].outputs = [nbformat.v4.new_output("display_data", data={**view, "text/plain": "VBox(children=("})]
    nb.cells[3].outputs = [nbformat.v4.new_output("display_data", data={**view, "text/plain": "x"})]
    assert frames.widget_cells(nb) == [1, 2, 3]
    assert frames.explorer_cells(nb) == [2, 3]


def test_explorer_html_for_two_controls() -> None:
    info = {
        "size": [400, 200],
        "base": "base.webp",
        "initial": 3,
        "controls": [
            {"name": "optimizer", "label": "optimizer", "kind": "select", "labels": ["SGD", "Adam"], "index": 1},
            {"name": "lr", "label": "learning rate", "kind": "range", "labels": ["0.01", "0.1", "1"], "index": 0},
        ],
        "frames": [{"file": f"{k:05d}.webp" if k != 3 else None, "caption": f"<b>frame {k}</b>"} for k in range(6)],
    }
    markup = frames.explorer_html(info, url="_explorers/x/0/", uid="rx")
    assert '<label for="rx-c0">optimizer</label><select id="rx-c0">' in markup
    assert '<option value="1" selected>Adam</option>' in markup
    assert '<label for="rx-c1">learning rate</label><input type="range" id="rx-c1" min="0" max="2"' in markup
    assert 'aria-valuetext="0.01"' in markup and 'alt="frame 3"' in markup
    assert "<b>frame 3</b></figcaption>" in markup


# --------------------------------------------------------------------------- folders: never delete what is not ours


@pytest.fixture
def notebooks(tmp_path: Path) -> Path:
    folder = tmp_path / "course" / "notebooks"
    folder.mkdir(parents=True)
    shutil.copy2(FIXTURES / "01_fixture_math.ipynb", folder / "01_fixture_math.ipynb")
    return folder


def test_an_output_folder_that_is_or_contains_the_notebooks_is_refused(notebooks: Path) -> None:
    before = sorted(p.name for p in notebooks.iterdir())
    for out in (notebooks, notebooks.parent, notebooks.parent.parent, notebooks / "site"):
        with pytest.raises(site.SiteError, match="notebook folder"):
            site.build(notebooks, out, mathjax_dir=notebooks)
    assert sorted(p.name for p in notebooks.iterdir()) == before
    assert not (notebooks / "site").exists()


def test_a_notebook_folder_that_does_not_exist_is_refused(tmp_path: Path) -> None:
    with pytest.raises(site.SiteError, match="does not exist"):
        site.build(tmp_path / "missing", tmp_path / "out")
    assert not (tmp_path / "out").exists()
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(site.SiteError, match="holds no notebook"):
        site.build(empty, tmp_path / "out")


def test_a_folder_the_build_did_not_make_is_left_alone(notebooks: Path, tmp_path: Path) -> None:
    out = tmp_path / "mine"
    out.mkdir()
    (out / "thesis.tex").write_text("years of work")
    with pytest.raises(site.SiteError, match="not made by this builder"):
        site.build(notebooks, out, mathjax_dir=notebooks)
    (out / site.MARKER).write_text("{not json")
    with pytest.raises(site.SiteError, match="nothing was deleted"):
        site.build(notebooks, out, mathjax_dir=notebooks)
    assert (out / "thesis.tex").read_text() == "years of work"
    assert site.clean(out) == 0 and (out / "thesis.tex").is_file()


def test_a_rebuild_deletes_exactly_what_the_last_build_wrote(built: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    shutil.copytree(built, out)
    (out / "notes.md").write_text("mine")
    (out / "_static" / "extra.css").write_text("/* mine */")
    (out / "own").mkdir()
    (out / "own" / "data.csv").write_text("1,2")
    record = json.loads((out / site.MARKER).read_text(encoding="utf-8"))
    record["files"].append("../outside.txt")  # a tampered marker must not reach outside the folder
    (out / site.MARKER).write_text(json.dumps(record), encoding="utf-8")
    (tmp_path / "outside.txt").write_text("keep")
    removed = site.clean(out)
    left = sorted(p.relative_to(out).as_posix() for p in out.rglob("*"))
    assert left == ["_static", "_static/extra.css", "notes.md", "own", "own/data.csv"]
    assert removed == len(record["files"]) - 1  # every listed file but the tampered entry
    assert (tmp_path / "outside.txt").read_text() == "keep"


def test_the_command_line_refuses_with_one_line_and_exit_status_1(notebooks: Path, tmp_path: Path) -> None:
    for args in (
        [str(notebooks), "--out", str(notebooks)],
        [str(tmp_path / "missing"), "--out", str(tmp_path / "out")],
    ):
        proc = subprocess.run(
            [sys.executable, "-m", "tools.site", "build", *args], cwd=ROOT, capture_output=True, text=True, check=False
        )
        assert proc.returncode == 1, proc.stderr
        assert proc.stderr.startswith("error: ") and len(proc.stderr.strip().splitlines()) == 1
    assert (notebooks / "01_fixture_math.ipynb").is_file()


def test_only_selects_notebooks_by_number_stem_or_file_name(tmp_path: Path) -> None:
    paths = [tmp_path / "00_welcome.ipynb", tmp_path / "05_ridge.ipynb", tmp_path / "07_elastic_net.ipynb"]
    assert site.select(paths, None) == paths and site.select(paths, ["", " "]) == paths
    assert site.select(paths, ["07", "05_ridge"]) == paths[1:]
    assert site.select(paths, ["00_welcome.ipynb"]) == paths[:1]
    with pytest.raises(site.SiteError, match="no notebook named 99"):
        site.select(paths, ["05", "99"])


def test_an_unknown_only_is_refused_before_anything_is_written(notebooks: Path, tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "tools.site", "build", str(notebooks), "--out", str(tmp_path / "out"), "--only", "42"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 1 and proc.stderr.startswith("error: no notebook named 42"), proc.stderr
    assert not (tmp_path / "out").exists()


def test_install_moves_the_staged_site_and_lists_it(tmp_path: Path) -> None:
    staging, out = tmp_path / "staging", tmp_path / "out"
    (staging / "a" / "b").mkdir(parents=True)
    (staging / "index.html").write_text("x")
    (staging / "a" / "b" / "c.js").write_text("y")
    files = builder._install(staging, out)
    assert files == ["a/b/c.js", "index.html"]
    assert json.loads((out / site.MARKER).read_text())["files"] == [*files, site.MARKER]
    assert site.clean(out) == 3 and list(out.iterdir()) == []  # the two files and the marker


def test_mathjax_override_must_hold_the_entry_script(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REGVIZ_MATHJAX_DIR", str(tmp_path))
    with pytest.raises(RuntimeError, match=r"tex-chtml-full\.js"):
        site.ensure_mathjax()
    (tmp_path / site.MATHJAX_ENTRY).write_text("")
    assert site.ensure_mathjax() == tmp_path


def test_image_alt_texts_are_keyed_by_the_bytes_myst_nb_names_files_by() -> None:
    nb = nbformat.read(FIXTURES / "01_fixture_math.ipynb", as_version=4)
    texts = builder._image_alt_texts(nb)
    png = next(o for c in nb.cells if c.cell_type == "code" for o in c.outputs if "image/png" in o.get("data", {}))
    digest = hashlib.sha256(base64.b64decode(png["data"]["image/png"])).hexdigest()
    assert texts == {digest: png["metadata"]["image/png"]["alt"]}
