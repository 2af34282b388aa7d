"""A small Sphinx extension of the course site: alt text on the notebooks' figures, Jupyter's heading anchors.

* myst-nb writes each image output to a file named by the SHA-256 of its bytes; the builder records
  the alt text that ``regviz.style.use()`` stored in each output (``metadata["image/png"]["alt"]``) in
  ``site.json`` by that digest, and :func:`add_alt_text` puts it on the image node, so every ``<img>``
  of a notebook carries it.
* Every image loads lazily (``loading="lazy"``), which keeps a page's first load small.
* :func:`jupyter_anchor` makes the heading slugs that JupyterLab makes (``1. The course map`` ->
  ``1.-The-course-map``), so the notebooks' links between sections work on the site as in Jupyter.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

__all__ = ["add_alt_text", "jupyter_anchor", "setup"]


def jupyter_anchor(text: str) -> str:
    """The anchor JupyterLab gives a heading: its text with spaces replaced by hyphens."""
    return "-".join(text.strip().split(" "))


def _alt_texts(app: Any) -> dict[str, str]:
    cached = getattr(app, "_regviz_alt", None)
    if cached is None:
        path = Path(app.srcdir) / "site.json"
        site = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
        cached = dict(site.get("alt", {}))
        app._regviz_alt = cached
    return cached


def add_alt_text(app: Any, doctree: Any) -> None:
    """Set ``alt`` on every image node whose file is a notebook output with stored alt text; load images lazily."""
    from docutils import nodes

    texts = _alt_texts(app)
    for node in doctree.findall(nodes.image):
        stem = Path(str(node.get("uri", ""))).stem
        if stem in texts and not node.get("alt"):
            node["alt"] = texts[stem]
        node["loading"] = "lazy"  # a figure far down the page loads when the reader gets near it


def setup(app: Any) -> dict[str, Any]:
    """Register the extension."""
    app.connect("doctree-read", add_alt_text)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
