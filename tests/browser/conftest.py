"""Fixtures of the browser tests: Chromium (Debian's), one JupyterLab server, the latency report.

The tests that drive Chromium are marked ``browser``: ``make test-browser`` runs them (``pytest -m browser
tests/browser``) and ``make test-unit`` leaves them out (it runs ``test_support.py``, which needs no browser). Without Chromium they are skipped with the command that installs
it, except in CI (``CI=true``), where a missing browser is a failure.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import browser_support as bs
import pytest

# The slider notebooks as they were when the tests were collected (notebooks may land during a run).
_SLIDER_NOTEBOOKS = bs.slider_notebooks()


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


@pytest.fixture(scope="session")
def chromium() -> str:
    """Path of the Chromium binary; skip (fail in CI) with install instructions when it is missing."""
    path = bs.chromium_path()
    if path is None:
        message = bs.INSTALL_HINT.format(path=os.environ.get("REGVIZ_CHROMIUM", bs.CHROMIUM_DEFAULT))
        if _in_ci():
            pytest.fail(f"CI=true and {message}", pytrace=False)
        pytest.skip(message)
    return path


@pytest.fixture(scope="session")
def browser(chromium: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """A headless Chromium context with a fresh profile, shared by the browser tests."""
    from playwright.sync_api import expect, sync_playwright

    # A cold JupyterLab load on 2 busy cores takes 6-15 s: Playwright's 5 s default is too short.
    expect.set_options(timeout=60_000)
    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(profile),
            executable_path=chromium,
            headless=True,
            args=bs.CHROMIUM_ARGS,
            viewport={"width": 1400, "height": 1000},
        )
        context.set_default_timeout(60_000)
        try:
            yield context
        finally:
            context.close()


@pytest.fixture(scope="session")
def lab(chromium: str) -> Iterator[bs.LabServer]:
    """A JupyterLab server on 127.0.0.1 (random port and token), serving the repository; stopped at the end."""
    server = bs.LabServer(bs.ROOT, bs.ARTIFACTS / "jupyterlab.log")
    try:
        server.start()
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def latency_report(request: pytest.FixtureRequest, chromium: str) -> Iterator[dict[str, list[Any]]]:
    """Collects latency rows and notebook timings; writes them into benchmarks/results.md at the end.

    Only a run that selected every slider notebook writes benchmarks/results.md; a partial one
    (``-k 05_ridge``) writes its table to artifacts/browser-latency.md instead.
    """
    report: dict[str, list[Any]] = {"rows": [], "notebooks": []}
    yield report
    rows = report["rows"]
    if not rows:
        return
    selected = {
        item.callspec.params["nb"].rel
        for item in request.session.items
        if hasattr(item, "callspec") and isinstance(item.callspec.params.get("nb"), bs.SliderNotebook)
    }
    complete = selected >= {nb.rel for nb in _SLIDER_NOTEBOOKS}
    # Rows of the fixture notebook are kept only when no course notebook was measured.
    course = [row for row in rows if not row.notebook.startswith("tests/")]
    if course:
        rows = course
    import jupyterlab

    section = bs.latency_section(
        rows, notebooks=report["notebooks"], chromium=bs.chromium_version(chromium), lab_version=jupyterlab.__version__
    )
    target = bs.RESULTS_MD if complete else bs.ARTIFACTS / "browser-latency.md"
    bs.write_latency_section(section, target)
