"""Shared pieces of the browser tests: Chromium, a JupyterLab server, notebook discovery, results.

Facts these follow are in the course's steering notes (recipes/browser-tests.md): Debian's
``/usr/bin/chromium`` driven by Playwright (never ``playwright install``), a JupyterLab started by the
test on 127.0.0.1 with a random token and its own temporary config/settings/workspace folders, stopped
through its own process handle.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOK_DIR = ROOT / "notebooks"
FIXTURE_DIR = Path(__file__).resolve().parent / "fixtures"
ARTIFACTS = ROOT / "artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"
RESULTS_MD = ROOT / "benchmarks" / "results.md"
LATENCY_START = "<!-- browser-latency:start -->"
LATENCY_END = "<!-- browser-latency:end -->"
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"

CHROMIUM_DEFAULT = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
INSTALL_HINT = (
    "Chromium is needed for the browser tests and was not found at {path}. Install Debian's package: "
    "`apt-get update && apt-get install -y chromium` (or set REGVIZ_CHROMIUM to its path). "
    "Do not run `playwright install`: it downloads a browser build, which fails here."
)

# Latency goals from issue #7: the λ sliders answer within 200 ms, the sliders that train live within 1.5 s.
GOAL_LAMBDA_MS = 200.0
GOAL_LIVE_MS = 1500.0
# Explorers whose slider trains a network for each new value (notebooks 09 and 10).
LIVE_TRAINING_EXPLORERS = frozenset({"weight_decay_explorer", "dropout_explorer"})
LAMBDA_LABEL = re.compile(r"λ|lambda|\balpha\b|α", re.IGNORECASE)
# A slider slower than this fails the test whatever its goal: it does not answer at all in practice.
HARD_LIMIT_MS = 10_000.0


def chromium_path() -> str | None:
    """Path to the Chromium binary, or None when it is missing."""
    path = os.environ.get("REGVIZ_CHROMIUM", CHROMIUM_DEFAULT)
    return path if Path(path).is_file() and os.access(path, os.X_OK) else None


def chromium_version(path: str) -> str:
    try:
        out = subprocess.run([path, "--version"], capture_output=True, text=True, timeout=30, check=False).stdout
    except (OSError, subprocess.TimeoutExpired):
        return "Chromium (version unknown)"
    match = re.search(r"Chromium [\d.]+", out)
    return match.group(0) if match else out.strip().splitlines()[0] if out.strip() else "Chromium"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# --------------------------------------------------------------------------- notebooks


@dataclass(frozen=True)
class ExplorerCell:
    """A code cell that displays an explorer: its index among the notebook's cells and the function it calls."""

    index: int
    function: str


@dataclass(frozen=True)
class SliderNotebook:
    """A notebook that shows at least one explorer, as found in its stored cells.

    The browser test runs its cells up to and including the last explorer cell (``run_until``): what comes
    after (summary, exercises) is not needed to move the sliders, and nbval runs the whole notebook anyway.
    """

    path: Path
    explorers: tuple[ExplorerCell, ...]
    n_cells: int
    code_cells_to_run: tuple[int, ...]

    @property
    def rel(self) -> str:
        return self.path.relative_to(ROOT).as_posix()

    @property
    def number(self) -> str:
        return self.path.name[:2]

    @property
    def run_until(self) -> int:
        """Index of the last explorer cell."""
        return self.explorers[-1].index


# `regviz.widgets.ridge_explorer(`, `widgets.lr_explorer(`, `Explorer(`: the call that builds an explorer.
_EXPLORER_CALL = re.compile(r"\b([A-Za-z_]\w*_explorer|Explorer)\s*\(")


def _explorer_function(cell: Any) -> str | None:
    """Name of the explorer a code cell displays, or None if it displays none.

    A cell displays an explorer when its source calls one (``*_explorer(...)`` or ``Explorer(...)``) and it
    either stored a widget output or is tagged ``nbval-ignore-output`` (how the course marks widget cells).
    A cell with a widget output but no explorer call (a progress bar) does not count, nor does a cell that
    builds an explorer only to test it from code.
    """
    if cell.get("cell_type") != "code":
        return None
    calls = _EXPLORER_CALL.findall("".join(cell.get("source", "")))
    if not calls:
        return None
    has_widget = any(WIDGET_MIME in out.get("data", {}) for out in cell.get("outputs", []))
    tagged = "nbval-ignore-output" in cell.get("metadata", {}).get("tags", [])
    return str(calls[-1]) if has_widget or tagged else None


def read_slider_notebook(path: Path) -> SliderNotebook | None:
    """Describe ``path`` if one of its cells shows an explorer, else None."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    cells = nb.get("cells", [])
    explorers = tuple(
        ExplorerCell(index=i, function=name) for i, cell in enumerate(cells) if (name := _explorer_function(cell))
    )
    if not explorers:
        return None
    last = explorers[-1].index
    to_run = tuple(
        i
        for i, cell in enumerate(cells[: last + 1])
        if cell.get("cell_type") == "code" and "".join(cell.get("source", "")).strip()
    )
    return SliderNotebook(path=path, explorers=explorers, n_cells=len(cells), code_cells_to_run=to_run)


def course_notebooks() -> list[Path]:
    return sorted(NOTEBOOK_DIR.glob("[0-9][0-9]_*.ipynb"))


def slider_notebooks() -> list[SliderNotebook]:
    """The course notebooks with sliders; the fixture notebook when none has one yet."""
    found = [nb for path in course_notebooks() if (nb := read_slider_notebook(path)) is not None]
    if not found:
        fixtures = [nb for path in sorted(FIXTURE_DIR.glob("*.ipynb")) if (nb := read_slider_notebook(path))]
        found = fixtures
    return found


# --------------------------------------------------------------------------- JupyterLab server

_LAB_SETTINGS = {
    # No "Jupyter news" toast, no update check (the network is closed anyway).
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {"fetchNews": "false", "checkForUpdates": False},
    # Never write the notebooks back: the test runs them as a student would, without saving.
    "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"autosave": False},
    # Keep every cell in the DOM so that selectors see all outputs.
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
}


class LabServer:
    """A JupyterLab started on 127.0.0.1 with a random token; :meth:`stop` ends exactly it (and its kernels)."""

    def __init__(self, root_dir: Path, log_path: Path) -> None:
        self.root_dir = root_dir
        self.log_path = log_path
        self.port = free_port()
        self.token = secrets.token_hex(24)
        self.url = f"http://127.0.0.1:{self.port}"
        self._tmp = Path(tempfile.mkdtemp(prefix="regviz-lab-"))
        self._proc: subprocess.Popen[bytes] | None = None
        self._log: Any = None

    def start(self, timeout: float = 120.0) -> None:
        settings = self._tmp / "settings"
        for name, value in _LAB_SETTINGS.items():
            target = settings / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(json.dumps(value), encoding="utf-8")
        env = dict(os.environ)
        env.update(
            JUPYTER_CONFIG_DIR=str(self._tmp / "config"),
            JUPYTER_RUNTIME_DIR=str(self._tmp / "runtime"),
            JUPYTERLAB_SETTINGS_DIR=str(settings),
            JUPYTERLAB_WORKSPACES_DIR=str(self._tmp / "workspaces"),
            CUDA_VISIBLE_DEVICES="",
            REGVIZ_DEVICE="cpu",
            PYDEVD_DISABLE_FILE_VALIDATION="1",
        )
        cmd = [
            sys.executable,
            "-m",
            "jupyterlab",
            "--no-browser",
            "--allow-root",
            "--ServerApp.ip=127.0.0.1",
            f"--ServerApp.port={self.port}",
            "--ServerApp.port_retries=0",
            f"--ServerApp.root_dir={self.root_dir}",
            f"--IdentityProvider.token={self.token}",
            "--LabApp.extension_manager=readonly",
            "--LabApp.news_url=",
            # window.jupyterapp: lets the test pick the active cell (run the cells up to the last explorer).
            "--LabApp.expose_app_in_browser=True",
        ]
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        self._log = self.log_path.open("wb")
        self._proc = subprocess.Popen(
            cmd,
            cwd=self.root_dir,
            env=env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._proc.poll() is not None:
                raise RuntimeError(f"JupyterLab exited with code {self._proc.returncode}; see {self.log_path}")
            try:
                self.api("GET", "/api/status")
                return
            except (urllib.error.URLError, ConnectionError, OSError):
                time.sleep(0.3)
        raise RuntimeError(f"JupyterLab did not answer within {timeout:.0f} s; see {self.log_path}")

    def api(self, method: str, path: str) -> Any:
        request = urllib.request.Request(
            self.url + path, method=method, headers={"Authorization": f"token {self.token}"}
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            body = response.read()
        return json.loads(body) if body else None

    def shutdown_kernel_of(self, rel_path: str) -> None:
        """End the kernel session of one notebook (frees memory between notebooks)."""
        try:
            for session in self.api("GET", "/api/sessions"):
                if session.get("path") == rel_path:
                    self.api("DELETE", f"/api/sessions/{session['id']}")
        except (urllib.error.URLError, OSError):
            pass

    def lab_url(self, workspace: str, rel_path: str) -> str:
        return f"{self.url}/lab/workspaces/{workspace}/tree/{rel_path}?token={self.token}"

    def stop(self) -> None:
        proc, self._proc = self._proc, None
        if proc is not None and proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                # The group holds only the server and the kernels it started (start_new_session above).
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=20)
        if proc is not None:
            proc.wait()
        if self._log is not None:
            self._log.close()
            self._log = None
        shutil.rmtree(self._tmp, ignore_errors=True)


# --------------------------------------------------------------------------- latency results


@dataclass
class LatencyRow:
    """Latency of one slider, measured in the browser."""

    notebook: str
    explorer: str
    slider: str
    kind: str
    goal_ms: float | None
    shown_ms: list[float] = field(default_factory=list)
    src_ms: list[float] = field(default_factory=list)

    @property
    def median_ms(self) -> float:
        return statistics.median(self.shown_ms)

    @property
    def p90_ms(self) -> float:
        ordered = sorted(self.shown_ms)
        return ordered[min(len(ordered) - 1, round(0.9 * (len(ordered) - 1)))]

    @property
    def meets_goal(self) -> bool | None:
        return None if self.goal_ms is None else self.median_ms <= self.goal_ms


def classify_slider(function: str, label: str) -> tuple[str, float | None]:
    """``(kind, goal in ms)`` of a slider of the explorer built by ``function``: trains live, λ, or other."""
    if function in LIVE_TRAINING_EXPLORERS:
        return "trains live", GOAL_LIVE_MS
    if LAMBDA_LABEL.search(label):
        return "λ", GOAL_LAMBDA_MS
    return "other", None


@dataclass(frozen=True)
class NotebookTiming:
    """How long one notebook took in JupyterLab."""

    notebook: str
    open_s: float
    run_all_s: float
    n_explorers: int
    n_sliders: int


def latency_section(rows: list[LatencyRow], *, notebooks: list[NotebookTiming], chromium: str, lab_version: str) -> str:
    lines = [
        LATENCY_START,
        "## Slider latency in JupyterLab (browser test)",
        "",
        f"Written by `tests/browser/test_widgets_lab.py` (`make test-browser`) on {time.strftime('%Y-%m-%d')}: "
        f"headless {chromium}, JupyterLab {lab_version}, {os.cpu_count()} CPU cores. Time from the key press "
        "on the slider handle to the new figure decoded and painted in the page (`shown`), and to the "
        "`<img>` source changing (`src`); median of the moves after one warm-up move. Goals (issue #7): "
        f"λ sliders ≤ {GOAL_LAMBDA_MS:.0f} ms, sliders that train live ≤ {GOAL_LIVE_MS / 1000:.1f} s. "
        f"Load average when written: {os.getloadavg()[0]:.1f} (the machine may be shared).",
        "",
        "| notebook | explorer | slider | kind | moves | shown, median (ms) | shown, p90 (ms) "
        "| src, median (ms) | goal (ms) | meets goal |",
        "|---|---|---|---|---:|---:|---:|---:|---:|---|",
    ]
    for row in rows:
        goal = "—" if row.goal_ms is None else f"{row.goal_ms:.0f}"
        meets = "—" if row.meets_goal is None else ("yes" if row.meets_goal else "**no**")
        lines.append(
            f"| {row.notebook} | {row.explorer} | {row.slider} | {row.kind} | {len(row.shown_ms)} "
            f"| {row.median_ms:.0f} | {row.p90_ms:.0f} | {statistics.median(row.src_ms):.0f} | {goal} | {meets} |"
        )
    if notebooks:
        lines += [
            "",
            "Per notebook: seconds from opening it in JupyterLab to an idle kernel, and to run its cells up to and "
            "including the last explorer (what follows it, summary and exercises, is left to nbval; "
            f"{os.environ.get('REGVIZ_BROWSER_PARALLEL', '2')} notebooks run at a time).",
            "",
            "| notebook | open (s) | run to last explorer (s) | explorers | sliders moved |",
            "|---|---:|---:|---:|---:|",
        ]
        for nb in notebooks:
            lines.append(
                f"| {nb.notebook} | {nb.open_s:.1f} | {nb.run_all_s:.1f} | {nb.n_explorers} | {nb.n_sliders} |"
            )
    lines.append(LATENCY_END)
    return "\n".join(lines)


def write_latency_section(section: str, path: Path = RESULTS_MD) -> None:
    """Replace the text between the browser-latency markers of ``path`` (append it if absent)."""
    write_marked_section(section, LATENCY_START, LATENCY_END, path)


def write_marked_section(section: str, start: str, end: str, path: Path = RESULTS_MD) -> None:
    """Replace the text from ``start`` to ``end`` in ``path`` with ``section`` (which holds both markers)."""
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmark results\n"
    pattern = re.compile(re.escape(start) + r".*?" + re.escape(end), flags=re.DOTALL)
    if pattern.search(text):
        new = pattern.sub(lambda _m: section, text, count=1)
    else:
        new = text.rstrip("\n") + "\n\n" + section + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(new, encoding="utf-8")


_GREEK = {"α": "alpha", "β": "beta", "γ": "gamma", "η": "eta", "λ": "lambda", "μ": "mu", "σ": "sigma"}


def slug(text: str) -> str:
    """An ASCII file-name part for a slider label (``"λ (alpha)"`` -> ``"lambda-alpha"``); "" if none."""
    text = "".join(_GREEK.get(ch, ch) for ch in text)
    return re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").lower()
