"""The shape of regviz a newcomer can hold: how many public names, how long a function, where validators live.

Issue 14 ("renovate regviz") set the targets: at most 120 public names, no function over 80 lines, validators
in one place, no module reaching into another's private names. The limits below are ratchets: each records
where the package stands now, so the package can only shrink towards the targets; lower a number when a
change allows it, and never raise one to let a change through.
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
import types
from pathlib import Path

import pytest

import regviz

PACKAGE = Path(regviz.__file__).resolve().parent

#: Issue 14's target for the number of public names.
PUBLIC_NAME_TARGET = 120
#: Where the package stands: the test fails above this. Lower it as names go.
PUBLIC_NAME_LIMIT = 168

#: The function length a reader takes in at one screen.
MAX_FUNCTION_LINES = 80
#: Functions still longer than that, with their current length; each may only shrink. A function that
#: drops to ``MAX_FUNCTION_LINES`` or below must leave this table (the test says so).
LONG_FUNCTIONS: dict[str, int] = {}

#: Private modules whose private-looking helpers every module may import: the shared cores.
SHARED_CORES = {"regviz._validation", "regviz.widgets._core", "regviz.plots._axes", "regviz.checks._core"}

#: Validators that live in ``regviz._validation`` only; a local copy under one of these names is a duplicate.
CENTRAL_VALIDATORS = {
    f"{prefix}{kind}"
    for prefix in ("_check_", "_validate_", "validate_")
    for kind in ("bool", "quiet", "callable", "seed", "ylim", "limits", "real", "int", "array", "title", "alphas")
}


def _sources() -> dict[str, tuple[Path, ast.Module]]:
    modules = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        modules[name] = (path, ast.parse(path.read_text(encoding="utf-8")))
    return modules


def _public_module_names() -> list[str]:
    names = ["regviz"]
    for info in pkgutil.walk_packages(regviz.__path__, "regviz."):
        if not any(part.startswith("_") for part in info.name.split(".")):
            names.append(info.name)
    return names


def public_names() -> dict[tuple[str, int], str]:
    """Every public name once: the ``__all__`` of every public module, a re-export counted with its origin."""
    seen: dict[tuple[str, int], str] = {}
    for module_name in _public_module_names():
        module = importlib.import_module(module_name)
        for name in getattr(module, "__all__", ()):
            obj = getattr(module, name)
            if isinstance(obj, types.ModuleType) or name.startswith("__"):
                continue
            seen.setdefault((name, id(obj)), f"{module_name}.{name}")
    return seen


def test_public_name_count_stays_within_the_limit(capsys: pytest.CaptureFixture[str]) -> None:
    names = public_names()
    with capsys.disabled():
        print(f"\nregviz public names: {len(names)} (limit {PUBLIC_NAME_LIMIT}, target {PUBLIC_NAME_TARGET})")
    assert len(names) <= PUBLIC_NAME_LIMIT, (
        f"{len(names)} public names, limit {PUBLIC_NAME_LIMIT}: make new helpers private, or merge them"
    )


def test_public_name_count_sees_a_new_name(monkeypatch: pytest.MonkeyPatch) -> None:
    before = len(public_names())
    monkeypatch.setattr(regviz.style, "__all__", [*regviz.style.__all__, "brand_new_helper"], raising=True)
    monkeypatch.setattr(regviz.style, "brand_new_helper", lambda: None, raising=False)
    assert len(public_names()) == before + 1


def _function_lengths() -> dict[str, int]:
    lengths = {}
    for module_name, (_, tree) in _sources().items():
        stack: list[tuple[str, ast.AST]] = [(module_name, tree)]
        while stack:
            prefix, node = stack.pop()
            for child in ast.iter_child_nodes(node):
                if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                    qualname = f"{prefix}.{child.name}"
                    if not isinstance(child, ast.ClassDef):
                        assert child.end_lineno is not None
                        lengths[qualname] = child.end_lineno - child.lineno + 1
                    stack.append((qualname, child))
    return lengths


def test_no_function_grows_past_one_screen() -> None:
    lengths = _function_lengths()
    too_long = {name: n for name, n in lengths.items() if n > MAX_FUNCTION_LINES and n > LONG_FUNCTIONS.get(name, 0)}
    assert not too_long, f"over {MAX_FUNCTION_LINES} lines (split them): {too_long}"
    stale = sorted(name for name in LONG_FUNCTIONS if lengths.get(name, 0) <= MAX_FUNCTION_LINES)
    assert not stale, f"now short enough or gone, remove from LONG_FUNCTIONS: {stale}"


def _resolve(module_name: str, is_package: bool, node: ast.ImportFrom) -> str:
    if node.level == 0:
        return node.module or ""
    base = module_name.split(".")
    if not is_package:
        base = base[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join([*base, node.module] if node.module else base)


def private_imports() -> list[str]:
    """``from other_module import _name`` across regviz modules, the shared cores excepted."""
    found = []
    for module_name, (path, tree) in _sources().items():
        is_package = path.name == "__init__.py"
        for node in ast.walk(tree):
            if not isinstance(node, ast.ImportFrom):
                continue
            source = _resolve(module_name, is_package, node)
            if not source.startswith("regviz") or source == module_name or source in SHARED_CORES:
                continue
            for alias in node.names:
                if alias.name.startswith("_") and not alias.name.startswith("__"):
                    found.append(f"{module_name} imports {source}.{alias.name}")
    return found


def test_no_module_imports_another_modules_private_names() -> None:
    assert private_imports() == []


def test_the_private_import_finder_sees_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = tmp_path / "regviz"
    fake.mkdir()
    (fake / "__init__.py").write_text("")
    (fake / "a.py").write_text("def _helper():\n    return 1\n")
    (fake / "b.py").write_text("from .a import _helper\nfrom ._validation import validate_real\n")
    monkeypatch.setattr(f"{__name__}.PACKAGE", fake)
    assert private_imports() == ["regviz.b imports regviz.a._helper"]


def _is_seed_bound(node: ast.AST) -> bool:
    """``2**32 - 1`` or ``2**31 - 1`` written out."""
    return (
        isinstance(node, ast.BinOp)
        and isinstance(node.op, ast.Sub)
        and isinstance(node.left, ast.BinOp)
        and isinstance(node.left.op, ast.Pow)
        and isinstance(node.left.left, ast.Constant)
        and node.left.left.value == 2
        and isinstance(node.left.right, ast.Constant)
        and node.left.right.value in (31, 32)
        and isinstance(node.right, ast.Constant)
        and node.right.value == 1
    )


def test_validators_live_in_one_place() -> None:
    copies, bounds = [], []
    for module_name, (_, tree) in _sources().items():
        if module_name == "regviz._validation":
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef) and node.name in CENTRAL_VALIDATORS:
                copies.append(f"{module_name}.{node.name}")
            if _is_seed_bound(node):
                bounds.append(f"{module_name} line {getattr(node, 'lineno', '?')}")
    assert copies == [], "use regviz._validation (validate_bool, validate_callable, validate_seed, validate_limits...)"
    assert bounds == [], "use regviz._validation.SEED_MAX instead of writing the seed bound out"


def _check_prefixed(tree: ast.Module) -> list[str]:
    """Functions and classes named ``check_*`` or ``_check_*``."""
    return [
        node.name
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.ClassDef) and node.name.lstrip("_").startswith("check_")
    ]


def test_the_check_prefix_is_only_for_students_self_checks() -> None:
    """``check_*`` names a self-check (``regviz.checks``); argument validators are ``validate_*``."""
    elsewhere = {
        module_name: names
        for module_name, (_, tree) in _sources().items()
        if not module_name.startswith("regviz.checks") and (names := _check_prefixed(tree))
    }
    assert elsewhere == {}
    public = [full for full in public_names().values() if full.rsplit(".", 1)[1].startswith("check_")]
    assert public and all(full.startswith("regviz.checks.") for full in public), public


def test_the_check_prefix_finder_sees_both_spellings() -> None:
    tree = ast.parse("def check_x():\n    pass\n\ndef _check_y():\n    pass\n\ndef validate_z():\n    pass\n")
    assert _check_prefixed(tree) == ["check_x", "_check_y"]


def test_seed_bound_finder_sees_both_spellings() -> None:
    assert _is_seed_bound(ast.parse("2**32 - 1", mode="eval").body)
    assert _is_seed_bound(ast.parse("2 ** 31 - 1", mode="eval").body)
    assert not _is_seed_bound(ast.parse("2**8 - 1", mode="eval").body)


#: Modules tested in another module's test file, and where.
TESTED_ELSEWHERE = {
    "regviz.checks._paired": "test_checks_core.py",  # compare_paired, beside compare
    "regviz.plots._axes": "test_plots_curves.py",  # the shared axes, styles and λ marker, through the plotters
}


def _test_file_for(module_name: str) -> str:
    """``regviz.plots.curves`` → ``test_plots_curves.py``; ``regviz.widgets._core`` → ``test_widgets_core.py``."""
    parts = [part.lstrip("_") for part in module_name.split(".")[1:]]
    return TESTED_ELSEWHERE.get(module_name, f"test_{'_'.join(parts)}.py")


def test_every_module_has_its_own_test_file() -> None:
    tests = Path(__file__).resolve().parent
    modules = [name for name, (path, _) in _sources().items() if path.name != "__init__.py"]
    missing = sorted(
        f"{name}: {_test_file_for(name)}" for name in modules if not (tests / _test_file_for(name)).exists()
    )
    assert missing == [], "one test file per module"
    assert _test_file_for("regviz.widgets._core") == "test_widgets_core.py"


def test_every_public_top_level_module_is_reachable_lazily_from_regviz() -> None:
    top_level = sorted(info.name for info in pkgutil.iter_modules(regviz.__path__) if not info.name.startswith("_"))
    assert sorted(regviz._SUBMODULES) == top_level
    for name in top_level:
        assert getattr(regviz, name).__name__ == f"regviz.{name}"
