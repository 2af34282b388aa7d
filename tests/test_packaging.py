"""The three dependency declarations agree, and `import regviz` stays light."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parent.parent


def _lock() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "requirements.lock").read_text().splitlines():
        line = line.split("#")[0].strip()
        if line:
            name, version = line.split("==")
            pins[canonicalize_name(name)] = version
    return pins


def _pyproject() -> dict[str, Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    reqs = [Requirement(r) for r in project["dependencies"] + project["optional-dependencies"]["dev"]]
    return {canonicalize_name(r.name): r for r in reqs}


def _environment() -> dict[str, str]:
    pins = {}
    for match in re.finditer(r"^\s+- ([A-Za-z0-9_.\-]+)==([^\s]+)$", (ROOT / "environment.yml").read_text(), re.M):
        pins[canonicalize_name(match.group(1))] = match.group(2)
    return pins


def test_every_declared_dependency_is_pinned_in_the_lock_within_its_range() -> None:
    lock = _lock()
    for name, req in _pyproject().items():
        assert name in lock, f"{name} is declared in pyproject.toml but not pinned in requirements.lock"
        assert req.specifier.contains(Version(lock[name])), f"lock pins {name}=={lock[name]}, outside {req}"


def test_environment_yml_installs_the_same_packages_at_the_locked_versions() -> None:
    lock, env, declared = _lock(), _environment(), _pyproject()
    assert set(env) == set(declared), f"environment.yml and pyproject.toml differ: {set(env) ^ set(declared)}"
    for name, version in env.items():
        assert lock[name] == version, f"environment.yml pins {name}=={version}, the lock {lock[name]}"
    assert "-e ." in (ROOT / "environment.yml").read_text()


def test_key_pins() -> None:
    lock = _lock()
    assert lock["torch"] == "2.13.0"
    assert lock["nbval"] == "0.11.0"


def test_import_regviz_is_light_and_does_not_load_torch() -> None:
    code = (
        "import sys, time; t = time.perf_counter(); import regviz; dt = time.perf_counter() - t; "
        "print(dt, 'torch' in sys.modules, 'matplotlib' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert float(out[0]) < 1.0
    assert out[1] == "False", "import regviz must not import torch"


def test_lazy_submodules() -> None:
    import regviz

    assert regviz.data.__name__ == "regviz.data"
    assert "checks" in dir(regviz)
    try:
        regviz.nonexistent  # noqa: B018
    except AttributeError as err:
        assert "nonexistent" in str(err)
    else:
        raise AssertionError("unknown attribute must raise AttributeError")


def test_stored_outputs_and_nbval_share_one_pinned_environment() -> None:
    # make outputs (execute) and make test-notebooks (strict) both go through tools.nbtools, which applies
    # PINNED_ENV; no notebook may pick its own thread count or device
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "$(PY) -m tools.nbtools execute $(NOTEBOOKS)" in makefile
    assert "$(PY) -m tools.nbtools strict $(NOTEBOOKS)" in makefile
    assert "$(PY) -m tools.nbtools strict --underneath other-isa $(NOTEBOOKS)" in makefile
    assert "$(PY) -m tools.nbtools robust $(NOTEBOOKS)" in makefile
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert ci.index("make test\n") < ci.index("make test-isa") < ci.index("make test-robust")
    for path in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        text = path.read_text(encoding="utf-8")
        for forbidden in ("set_num_threads", "os.environ[", "MKL_CBWR", "OMP_NUM_THREADS"):
            assert forbidden not in text, f"{path.name} sets {forbidden} itself; the pinned environment owns it"


def test_every_nbtools_command_line_of_the_makefile_parses() -> None:
    # options may stand among the notebook paths (argparse's plain parse_args refuses paths after an option)
    from tools.nbtools import parse_command_line

    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    lines = re.findall(r"\$\(PY\) -m tools\.nbtools (.+)", makefile)
    assert len(lines) >= 5, lines
    notebooks = ["notebooks/00_welcome.ipynb", "notebooks/01_loss_functions.ipynb"]
    for line in lines:
        argv = [word for part in line.split() for word in (notebooks if part == "$(NOTEBOOKS)" else [part])]
        args = parse_command_line(argv)
        assert [str(p) for p in args.paths] == notebooks, line
    args = parse_command_line(
        ["robust", "a.ipynb", "--only", "c-other-seeds", "b.ipynb", "--only", "a-native-2-threads"]
    )
    assert [str(p) for p in args.paths] == ["a.ipynb", "b.ipynb"]
    assert args.only == ["c-other-seeds", "a-native-2-threads"]
