"""Sphinx configuration of the course site (copied as ``conf.py`` into the generated source folder).

The pages are the stored notebooks, rendered by myst-nb without executing anything, in
sphinx-book-theme (sidebar with the course map, in-page contents, previous / next links, search,
a download button). Everything a page loads is served by the site: MathJax 3 from ``_static/mathjax``,
no widget manager or RequireJS from a CDN.
"""

import json
from pathlib import Path

_SITE = json.loads((Path(__file__).parent / "site.json").read_text(encoding="utf-8"))

project = _SITE["title"]
html_title = _SITE["title"]
author = "the regviz course"
extensions = ["myst_nb", "tools.site.sphinx_ext"]
exclude_patterns = ["_build", "**.ipynb_checkpoints", "site.json"]
root_doc = "index"
language = "en"

# notebooks: stored outputs only, no widget JavaScript from a CDN
nb_execution_mode = "off"
nb_ipywidgets_js: dict[str, dict[str, str]] = {}
nb_merge_streams = True
myst_enable_extensions = ["dollarmath", "amsmath"]
myst_heading_anchors = 4
myst_heading_slug_func = "tools.site.sphinx_ext.jupyter_anchor"
suppress_warnings = ["mystnb.unknown_mime_type"]

# math: MathJax 3 served by the site
mathjax_path = "mathjax/tex-chtml-full.js"
mathjax3_config = {"options": {"enableMenu": True}}

html_theme = "sphinx_book_theme"
html_static_path = ["_static"]
html_css_files = ["regviz-site.css"]
html_js_files = ["regviz-explorer.js"]
html_copy_source = True
html_sourcelink_suffix = ""
html_show_sourcelink = False
html_show_copyright = False
html_last_updated_fmt = None
html_context = {"default_mode": "light"}
html_theme_options = {
    "home_page_in_toc": True,
    "show_navbar_depth": 1,
    "show_toc_level": 2,
    "use_download_button": True,
    "use_fullscreen_button": False,
    "use_repository_button": False,
    "navigation_with_keys": False,
    "search_bar_text": "Search the course...",
}
