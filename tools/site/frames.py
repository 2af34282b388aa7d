"""Frames of the notebooks' explorers, rendered at build time and swapped in the page by a few lines of JavaScript.

Every notebook that displays an explorer is executed once in the pinned numeric environment
(:data:`tools.nbtools.PINNED_ENV`) with ``REGVIZ_EXPORT_FRAMES`` set: each explorer it displays then
renders its figure at every value of its controls' grids (:meth:`regviz.widgets.Explorer.export_frames`),
thinned to at most :data:`MAX_FRAMES` frames (sliders keep every ``s``-th value and both ends; choices
all). Only the cells up to the last explorer run. The results are cached under a key made of the
notebook's bytes, the ``regviz`` sources, the shipped data's checksums and the versions of the libraries
that draw, so a rebuild that changed nothing executes nothing.

Frames are stored the way they are shown: the explorer's first picture as a lossless WebP, and every other
frame as a lossless WebP *overlay* that is transparent wherever the frame equals that first picture (except
a margin of a few pixels around each change). Put over it, the overlay gives back the frame pixel for pixel
(the figures are opaque), in a fifth to a tenth of the bytes. ``frames.json`` records, per frame, the file, the caption and the SHA-256 of the frame's RGBA
pixels, which the tests compare with a picture rendered in Python.
"""

from __future__ import annotations

import hashlib
import html
import io
import json
import re
import shutil
import tempfile
from pathlib import Path
from typing import Any

__all__ = [
    "FRAMES_VERSION",
    "MAX_FRAMES",
    "WIDGET_MIME",
    "NotebookFailed",
    "cache_key",
    "cached_export",
    "encode_explorer",
    "explorer_cells",
    "explorer_html",
    "export_notebook",
    "frame_pixels",
    "widget_cells",
]

ROOT = Path(__file__).resolve().parents[2]
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
FRAMES_VERSION = 3  # bump when the export or the encoding changes: every cache entry is then stale
MAX_FRAMES = 400
# An overlay also covers MARGIN pixels around every changed pixel (with the frame's own pixels, equal to
# the base there): a page that shows the picture smaller than its size resamples both images, and the
# margin keeps the base's old lines from shining through the overlay's resampled edges.
_MARGIN = 4
# method 1 makes the same files as the default 4 here (mostly transparent overlays) in a third of the time
_WEBP: dict[str, Any] = {"format": "webp", "lossless": True, "method": 1, "quality": 0}


def widget_cells(nb: Any) -> list[int]:
    """Indices of the code cells whose stored outputs hold a widget view."""
    return [
        i
        for i, cell in enumerate(nb.cells)
        if cell.cell_type == "code" and any(WIDGET_MIME in out.get("data", {}) for out in cell.get("outputs", []))
    ]


_EXPLORER_CALL = re.compile(r"\b(?:[A-Za-z_]\w*_explorer|Explorer)\s*\(")


def explorer_cells(nb: Any) -> list[int]:
    """Indices of the widget cells that show an explorer (not a progress bar).

    An explorer's stored widget output reads ``VBox(children=(HBox(...`` in text (its controls above its
    picture), or the cell calls an explorer (``*_explorer(`` or ``Explorer(``).
    """
    found = []
    for i in widget_cells(nb):
        cell = nb.cells[i]
        texts = [
            "".join(out.get("data", {}).get("text/plain", ""))
            for out in cell.get("outputs", [])
            if WIDGET_MIME in out.get("data", {})
        ]
        if any(t.startswith("VBox(") for t in texts) or _EXPLORER_CALL.search(cell.source):
            found.append(i)
    return found


def cache_key(path: Path, *, max_frames: int = MAX_FRAMES) -> str:
    """What the frames of ``path`` depend on, hashed: the notebook, ``regviz``, the data, the drawing libraries."""
    import matplotlib
    import numpy
    import PIL

    from tools.nbtools import PINNED_ENV

    h = hashlib.sha256()
    h.update(f"frames {FRAMES_VERSION} max {max_frames} {_WEBP}\n".encode())
    h.update(f"matplotlib {matplotlib.__version__} numpy {numpy.__version__} pillow {PIL.__version__}\n".encode())
    h.update(json.dumps(PINNED_ENV, sort_keys=True).encode())
    h.update(Path(path).read_bytes())
    for source in sorted((ROOT / "regviz").rglob("*.py")):
        h.update(source.relative_to(ROOT).as_posix().encode() + b"\0" + source.read_bytes())
    sums = ROOT / "data" / "SHA256SUMS"
    if sums.is_file():
        h.update(sums.read_bytes())
    return h.hexdigest()[:20]


# --------------------------------------------------------------------------- encoding


def frame_pixels(png: bytes) -> Any:
    """The RGBA pixels of a PNG, as a ``(height, width, 4)`` uint8 array."""
    import numpy as np
    from PIL import Image

    with Image.open(io.BytesIO(png)) as image:
        return np.asarray(image.convert("RGBA")).copy()


def _digest(rgba: Any) -> str:
    return hashlib.sha256(rgba.tobytes()).hexdigest()


def _save_webp(rgba: Any, path: Path) -> None:
    from PIL import Image

    Image.fromarray(rgba, "RGBA").save(path, **_WEBP)


def encode_explorer(raw: Path, out: Path) -> dict[str, Any]:
    """Turn an explorer's exported PNG frames (``raw``) into the site's base picture and overlays (``out``).

    Returns the content of ``out/frames.json``: the exported manifest with, per frame, the overlay file
    (None where the frame equals the base picture), the caption and the SHA-256 of its RGBA pixels.
    """
    import numpy as np
    from scipy.ndimage import maximum_filter

    manifest = json.loads((raw / "manifest.json").read_text(encoding="utf-8"))
    frames = manifest["frames"]
    k0 = int(manifest["initial"])
    out.mkdir(parents=True, exist_ok=True)
    base = frame_pixels((raw / frames[k0]["file"]).read_bytes())
    if not np.all(base[..., 3] == 255):
        raise RuntimeError(f"{raw}: the explorer's figure is not opaque; frames could not be overlaid exactly")
    _save_webp(base, out / "base.webp")
    base_words = base.view(np.uint32)[..., 0]  # one 32-bit word per RGBA pixel: one comparison each
    encoded = []
    for k, frame in enumerate(frames):
        rgba = frame_pixels((raw / frame["file"]).read_bytes())
        if rgba.shape != base.shape or not np.all(rgba[..., 3] == 255):
            raise RuntimeError(f"{raw}: frame {k} has another size or transparent pixels")
        changed = rgba.view(np.uint32)[..., 0] != base_words
        name = None
        if changed.any():
            changed = maximum_filter(changed, size=2 * _MARGIN + 1)  # the change and MARGIN pixels around it
            overlay = np.zeros_like(rgba)
            overlay[changed] = rgba[changed]
            name = f"{k:05d}.webp"
            _save_webp(overlay, out / name)
        encoded.append(
            {"file": name, "caption": frame["caption"], "refused": frame.get("refused"), "sha256": _digest(rgba)}
        )
    result = {**manifest, "frames": encoded, "base": "base.webp"}
    (out / "frames.json").write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    return result


# --------------------------------------------------------------------------- execution


class NotebookFailed(RuntimeError):
    """A cell of the notebook raised while its frames were rendered."""


def export_notebook(
    path: Path, out: Path, *, timeout: int = 900, max_frames: int = MAX_FRAMES, workdir: Path | None = None
) -> dict[str, Any]:
    """Execute ``path`` (its cells up to the last explorer) with frame export on; write its explorers to ``out``.

    ``out`` receives one folder per explorer (``0``, ``1``...; see :func:`encode_explorer`) and
    ``index.json``: ``{"cells": {cell index: [explorer folders]}, "seconds": ...}``. The notebook itself is
    not written. Runs in the pinned environment, in the notebook's folder, like ``tools.nbtools execute``.

    Raises
    ------
    NotebookFailed
        When a cell fails (with the notebook's name and the error).

    """
    import time

    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    from regviz.widgets._core import EXPLORER_MIME, EXPORT_ENV, EXPORT_MAX_FRAMES_ENV
    from tools.nbtools import pinned_environ

    nb = nbformat.read(path, as_version=4)
    cells = explorer_cells(nb)
    out.mkdir(parents=True, exist_ok=True)
    index: dict[str, Any] = {"notebook": Path(path).name, "cells": {}, "explorers": 0}
    if not cells:
        (out / "index.json").write_text(json.dumps(index, indent=1), encoding="utf-8")
        return index
    nb.cells = nb.cells[: cells[-1] + 1]
    with tempfile.TemporaryDirectory(prefix="regviz-frames-") as tmp:
        env = pinned_environ()
        env.update({EXPORT_ENV: tmp, EXPORT_MAX_FRAMES_ENV: str(max_frames), "PYDEVD_DISABLE_FILE_VALIDATION": "1"})
        env.pop("MPLBACKEND", None)
        client = NotebookClient(
            nb,
            timeout=timeout,
            kernel_name="python3",
            resources={"metadata": {"path": str(Path(workdir) if workdir is not None else Path(path).parent)}},
            record_timing=False,
            extra_arguments=["--log-level=ERROR"],
        )
        start = time.perf_counter()
        try:
            client.execute(env=env)
        except CellExecutionError as exc:
            raise NotebookFailed(f"{Path(path).name} failed while its explorers' frames were rendered:\n{exc}") from exc
        index["seconds"] = round(time.perf_counter() - start, 1)
        n = 0
        for i, cell in enumerate(nb.cells):
            ids = [
                o["data"][EXPLORER_MIME]["id"] for o in cell.get("outputs", []) if EXPLORER_MIME in o.get("data", {})
            ]
            folders = []
            for key in ids:
                encode_explorer(Path(tmp) / key, out / str(n))
                folders.append(str(n))
                n += 1
            if folders:
                index["cells"][str(i)] = folders
        index["explorers"] = n
    (out / "index.json").write_text(json.dumps(index, indent=1), encoding="utf-8")
    return index


def cached_export(
    path: Path, cache: Path, *, timeout: int = 900, max_frames: int = MAX_FRAMES, workdir: Path | None = None
) -> Path:
    """The folder holding the frames of ``path``, exporting them first unless a fresh cache entry exists.

    A failure is cached too (``<stem>-<key>.failed``): the same notebook with the same code fails again
    without being executed.
    """
    key = cache_key(path, max_frames=max_frames)
    target = cache / f"{Path(path).stem}-{key}"
    failure = cache / f"{Path(path).stem}-{key}.failed"
    if (target / "index.json").is_file():
        return target
    if failure.is_file():  # the same notebook and code failed before: say so again without running it
        raise NotebookFailed(failure.read_text(encoding="utf-8"))
    for stale in cache.glob(f"{Path(path).stem}-*"):
        if stale.is_dir():
            shutil.rmtree(stale, ignore_errors=True)
        else:
            stale.unlink(missing_ok=True)
    staging = cache / f".{Path(path).stem}-{key}.partial"
    shutil.rmtree(staging, ignore_errors=True)
    try:
        export_notebook(path, staging, timeout=timeout, max_frames=max_frames, workdir=workdir)
    except NotebookFailed as exc:  # a cell raised: the same code will raise again (a timeout might not)
        shutil.rmtree(staging, ignore_errors=True)
        failure.write_text(str(exc), encoding="utf-8")
        raise
    staging.rename(target)
    return target


# --------------------------------------------------------------------------- the page


def _text(caption: str) -> str:
    """A caption's plain text (for ``alt``)."""
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", "", caption))).strip()


def explorer_html(explorer: dict[str, Any], *, url: str, uid: str) -> str:
    """The HTML of one explorer on the site: its controls, its first picture with an overlay, its caption.

    Without JavaScript the controls stay hidden and the first picture (the notebook's starting state)
    is shown with its caption; ``_static/regviz-explorer.js`` reveals the controls and swaps the overlay.
    """
    controls = explorer["controls"]
    frames = explorer["frames"]
    k0 = int(explorer["initial"])
    width, height = explorer["size"]
    first = frames[k0]
    parts = [
        f'<figure class="regviz-explorer" id="{uid}" data-regviz-frames="{html.escape(url)}">',
        '<div class="regviz-controls" hidden>',
    ]
    for j, control in enumerate(controls):
        cid = f"{uid}-c{j}"
        label = html.escape(control["label"])
        labels = control["labels"]
        index = int(control["index"])
        parts.append('<div class="regviz-control">')
        parts.append(f'<label for="{cid}">{label}</label>')
        if control["kind"] == "range":
            parts.append(
                f'<input type="range" id="{cid}" min="0" max="{len(labels) - 1}" step="1" value="{index}" '
                f'aria-valuetext="{html.escape(labels[index])}">'
            )
            parts.append(f'<output for="{cid}" aria-hidden="true">{html.escape(labels[index])}</output>')
        else:
            options = "".join(
                f'<option value="{i}"{" selected" if i == index else ""}>{html.escape(text)}</option>'
                for i, text in enumerate(labels)
            )
            parts.append(f'<select id="{cid}">{options}</select>')
        parts.append("</div>")
    parts.append("</div>")
    alt = _text(first["caption"]) or "explorer figure"
    parts.append(
        f'<div class="regviz-frame" style="aspect-ratio: {width} / {height}; max-width: {width}px">'
        f'<img class="regviz-base" src="{html.escape(url)}{explorer["base"]}" width="{width}" height="{height}" '
        'loading="lazy" decoding="async" '
        f'alt="{html.escape(alt)}">'
        f'<img class="regviz-overlay" alt="" aria-hidden="true" width="{width}" height="{height}" hidden>'
        "</div>"
    )
    parts.append(f'<figcaption class="regviz-caption" aria-live="polite">{first["caption"]}</figcaption>')
    parts.append(
        '<noscript><p class="regviz-note">This explorer moves with JavaScript on; here it shows the '
        "notebook's starting picture. Run the notebook in JupyterLab to compute any value.</p></noscript>"
    )
    data = {
        "shape": [len(c["labels"]) for c in controls],
        "labels": [c["labels"] for c in controls],
        "files": [f["file"] for f in frames],
        "captions": [f["caption"] for f in frames],
        "initial": k0,
    }
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    parts.append(f'<script type="application/json" class="regviz-explorer-data">{payload}</script>')
    parts.append("</figure>")
    return "".join(parts)
