"""MathJax 3 for the course site, fetched once at installation time and checked against a pinned sha512.

``python -m tools.site fetch`` (run by ``make install``) packs ``mathjax@3.2.2`` from the npm registry,
checks the tarball's integrity against :data:`MATHJAX_INTEGRITY` (the value the registry publishes) and
unpacks its ``es5/`` folder into the environment, under ``<venv>/share/regviz-site/``. ``make html``
then needs nothing from the internet. ``REGVIZ_MATHJAX_DIR`` may name another folder holding MathJax's
``es5`` files (``tex-chtml-full.js``...).
"""

from __future__ import annotations

import base64
import hashlib
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

__all__ = ["MATHJAX_ENTRY", "MATHJAX_INTEGRITY", "MATHJAX_VERSION", "copy_mathjax", "ensure_mathjax", "mathjax_cache"]

MATHJAX_VERSION = "3.2.2"
MATHJAX_INTEGRITY = "sha512-Bt+SSVU8eBG27zChVewOicYs7Xsdt40qm4+UpHyX7k0/O9NliPc+x77k1/FEsPsjKPZGJvtRZM1vO+geW0OhGw=="
MATHJAX_ENTRY = "tex-chtml-full.js"
ROOT = Path(__file__).resolve().parents[2]
# What the pages load: the combined TeX + CommonHTML component (every TeX extension inside), its fonts, and
# what it may load on demand (menu, accessibility extensions, speech rules); the other combined builds, the
# separate input components and the SVG output are left out.
_MATHJAX_PARTS = (MATHJAX_ENTRY, "a11y", "adaptors", "output/chtml", "sre", "ui")


def mathjax_cache() -> Path:
    """Where :func:`ensure_mathjax` keeps MathJax's ``es5`` folder: inside the Python environment."""
    return Path(sys.prefix) / "share" / "regviz-site" / f"mathjax-{MATHJAX_VERSION}" / "es5"


def _sri(path: Path) -> str:
    digest = hashlib.sha512(path.read_bytes()).digest()
    return "sha512-" + base64.b64encode(digest).decode("ascii")


def ensure_mathjax(*, fetch: bool = True) -> Path:
    """Return a folder holding MathJax 3's ``es5`` files, fetching them if allowed and needed.

    Order: ``$REGVIZ_MATHJAX_DIR``; the environment's copy (:func:`mathjax_cache`); otherwise, when
    ``fetch`` is true, ``npm pack mathjax@<version>``, its sha512 checked, ``es5/`` unpacked there.

    Raises
    ------
    RuntimeError
        When no MathJax is found and it may not or cannot be fetched (npm missing, registry
        unreachable, checksum mismatch), saying what to do.

    """
    override = os.environ.get("REGVIZ_MATHJAX_DIR")
    if override:
        folder = Path(override)
        if not (folder / MATHJAX_ENTRY).is_file():
            raise RuntimeError(f"REGVIZ_MATHJAX_DIR={override} holds no {MATHJAX_ENTRY}")
        return folder
    es5 = mathjax_cache()
    if (es5 / MATHJAX_ENTRY).is_file():
        return es5
    if not fetch:
        raise RuntimeError(
            f"MathJax {MATHJAX_VERSION} is not installed in {es5}: run `make install` "
            "(or `python -m tools.site fetch`), or set REGVIZ_MATHJAX_DIR to a folder with MathJax 3's es5 files."
        )
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
        shutil.rmtree(es5, ignore_errors=True)
        es5.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(staging / "package" / "es5"), str(es5))
    return es5


def copy_mathjax(es5: Path, target: Path) -> None:
    """Copy what the pages need of MathJax's ``es5`` folder into ``target``."""
    for part in _MATHJAX_PARTS:
        source = es5 / part
        if source.is_dir():
            shutil.copytree(source, target / part, dirs_exist_ok=True)
        elif source.is_file():
            target.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / part)
    if not (target / MATHJAX_ENTRY).is_file():
        raise RuntimeError(f"{es5} holds no {MATHJAX_ENTRY}")
