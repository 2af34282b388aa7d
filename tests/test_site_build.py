"""The static site (``make html``, ``regviz._site``) without a browser: pages, links, offline references.

Built from the two fixture notebooks of the browser tests with a stand-in MathJax folder, so no npm is
needed; ``tests/browser/test_site.py`` opens the real build in Chromium.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from regviz import _site

FIXTURES = Path(__file__).resolve().parent / "browser" / "fixtures"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    mathjax = tmp_path_factory.mktemp("mathjax")
    (mathjax / _site.MATHJAX_ENTRY).write_text("/* stand-in */")
    (mathjax / "output").mkdir()
    (mathjax / "output" / "font.woff").write_bytes(b"woff")
    out = tmp_path_factory.mktemp("site") / "_site"
    pages = _site.build(FIXTURES, out, mathjax_dir=mathjax)
    assert [p.name for p in pages] == ["index.html", "00_fixture_slider.html", "01_fixture_math.html"]
    return out


def test_read_page_takes_title_hook_and_widget_flag() -> None:
    slider = _site.read_page(FIXTURES / "00_fixture_slider.ipynb")
    math = _site.read_page(FIXTURES / "01_fixture_math.ipynb")
    assert slider.title == "Move a slider in a fixture notebook"
    assert slider.html_name == "00_fixture_slider.html" and slider.number == "00"
    assert slider.hook.startswith("A tiny notebook the browser tests use")
    assert slider.has_widget and not math.has_widget
    assert math.short_title == "01 Typeset math in a fixture notebook"


def test_links_to_notebooks_point_at_pages() -> None:
    names = {"05_ridge.ipynb"}
    text = '<a href="05_ridge.ipynb#the-path">x</a> <a href="../notebooks/06_lasso.ipynb">y</a> <a href="a.ipynb">z</a>'
    assert _site._rewrite_links(text, names) == (
        '<a href="05_ridge.html#the-path">x</a> <a href="06_lasso.html">y</a> <a href="a.ipynb">z</a>'
    )


def test_index_is_the_course_map(built: Path) -> None:
    index = (built / "index.html").read_text(encoding="utf-8")
    hrefs = re.findall(r'<li value="\d+">\s*<a href="([^"]+)"', index)
    assert hrefs == ["00_fixture_slider.html", "01_fixture_math.html"]
    assert "Move a slider in a fixture notebook" in index
    assert index.count('class="regviz-badge"') == 1  # only the page with a widget is marked interactive


def _nav(text: str, which: str) -> list[str]:
    """The hrefs of the ``<a class="regviz-prev|next">`` links (nbconvert may reorder attributes)."""
    anchors = re.findall(r"<a\b[^>]*>", text)
    return [
        re.search(r'href="([^"]*)"', a).group(1)  # type: ignore[union-attr]
        for a in anchors
        if f'class="regviz-{which}"' in a
    ]


def test_pages_have_navigation_widget_notes_and_no_widget_views(built: Path) -> None:
    first = (built / "00_fixture_slider.html").read_text(encoding="utf-8")
    second = (built / "01_fixture_math.html").read_text(encoding="utf-8")
    assert _nav(first, "next") == ["01_fixture_math.html"] * 2  # above and below the page
    assert _nav(first, "prev") == []
    assert _nav(second, "prev") == ["00_fixture_slider.html"] * 2
    assert _nav(second, "next") == []
    assert first.count('class="regviz-widget-note"') == 1 and "regviz-widget-note" not in second.split("</style>")[-1]
    assert _site.WIDGET_MIME not in first
    assert len(re.findall(r"<img\b[^>]*src=\"data:image/png;base64,", first)) == 1  # the static figure stays
    assert 'href="01_fixture_math.html"' in first and ".ipynb" not in re.sub(
        r"<style.*?</style>", "", first, flags=re.S
    )


@pytest.mark.parametrize("name", ["index.html", "00_fixture_slider.html", "01_fixture_math.html"])
def test_pages_load_nothing_from_outside(built: Path, name: str) -> None:
    text = (built / name).read_text(encoding="utf-8")
    sources = re.findall(r'<(?:script|img|link|iframe|source)\b[^>]*\b(?:src|href)="([^"]*)"', text)
    assert sources, f"{name}: no script or stylesheet found"
    outside = [s for s in sources if re.match(r"^(?:[a-z]+:)?//", s) and not s.startswith("data:")]
    assert not outside, f"{name} loads {outside}"
    assert re.search(r'<script[^>]*src="_static/mathjax/tex-chtml-full\.js"', text)
    assert not re.search(r"@import\s+url\(\s*['\"]?(?:https?:)?//", text)


def test_static_files_are_copied(built: Path) -> None:
    assert (built / "_static" / "site.css").is_file()
    assert (built / "_static" / "mathjax" / _site.MATHJAX_ENTRY).is_file()
    assert (built / "_static" / "mathjax" / "output" / "font.woff").is_file()


def test_mathjax_override_must_hold_the_entry_script(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REGVIZ_MATHJAX_DIR", str(tmp_path))
    with pytest.raises(RuntimeError, match=r"tex-chtml-full\.js"):
        _site.ensure_mathjax()
    (tmp_path / _site.MATHJAX_ENTRY).write_text("")
    assert _site.ensure_mathjax() == tmp_path
