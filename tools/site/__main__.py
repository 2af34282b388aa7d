"""Command line of the site builder: ``python -m tools.site build|fetch``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import __doc__ as _DOC
from .assets import ensure_mathjax
from .builder import SiteError, build, clean


def main(argv: list[str] | None = None) -> int:
    """Run the command; return the exit status (1 with one line on stderr when the build is refused or fails)."""
    parser = argparse.ArgumentParser(
        prog="python -m tools.site", description=_DOC, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("command", choices=["build", "clean", "fetch"])
    parser.add_argument("notebook_dir", nargs="?", type=Path, default=None, help="default: notebooks/")
    parser.add_argument("--out", type=Path, default=None, help="default: _site/")
    parser.add_argument("--cache", type=Path, default=None, help="default: build/site/")
    parser.add_argument("--jobs", type=int, default=2, help="notebooks executed at a time (default 2)")
    parser.add_argument(
        "--only",
        default="",
        help="build only these notebooks, by number, stem or file name, comma-separated (e.g. 05,07_elastic_net)",
    )
    parser.add_argument("--strict", action="store_true", help="fail if a notebook's explorers cannot be rendered")
    args = parser.parse_args(argv)
    try:
        if args.command == "fetch":
            print(f"MathJax in {ensure_mathjax()}")
            return 0
        if args.command == "clean":
            print(f"removed {clean(args.out)} file(s) of the last site build")
            return 0
        pages = build(
            args.notebook_dir,
            args.out,
            cache_dir=args.cache,
            jobs=max(1, args.jobs),
            strict=args.strict,
            only=[w for w in args.only.split(",") if w.strip()] or None,
        )
    except (SiteError, RuntimeError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"built {len(pages) - 1} notebook page(s) and the course map; open {pages[0]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
