"""The notebooks' teaching code and regviz's training loops keep every tensor on one device — checked without a GPU.

A student with a GPU runs the notebooks with ``dev = cuda``. Code that builds a model and forgets ``.to(dev)``,
draws a dropout mask from a CPU generator for a GPU tensor, or calls ``.numpy()`` without ``.cpu()`` crashes
there, and CI (CPU only) would never see it. PyTorch's ``meta`` device stands in for the GPU: like CUDA, it
refuses to mix its tensors with CPU tensors (a 0-d CPU scalar excepted), and it runs autograd and optimizer
steps without computing any value. Around each call, :class:`StandInDevice`

- turns ``.item()``, ``.tolist()`` and ``.cpu()`` of a meta tensor into placeholder values (a real GPU would copy
  them back; ``all()`` is True and ``any()`` False, so input validation passes), but refuses ``.numpy()`` on a
  tensor that is not on the CPU, as PyTorch does on CUDA;
- refuses a random draw whose generator lives on another device than the tensor it fills.

The notebook helpers are taken from the stored notebooks (their ``def`` and ``class`` statements, with the
notebook's imports and upper-case constants), so the test checks the code students read. Every top-level
function of a notebook that uses torch must be exercised here or listed in ``NOT_EXERCISED`` with a reason.
"""

from __future__ import annotations

import ast
import itertools
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import torch
from torch import nn
from torch.overrides import TorchFunctionMode

from regviz import experiments, models, train

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
META = torch.device("meta")
PLACEHOLDER = 0.5


def _target(args: tuple[Any, ...], kwargs: dict[str, Any]) -> torch.device | None:
    if kwargs.get("device") is not None:
        return torch.device(kwargs["device"])
    tensors = [a for a in args if isinstance(a, torch.Tensor)]
    return tensors[0].device if tensors else None


class StandInDevice(TorchFunctionMode):
    """Placeholders for values copied back from the stand-in device; generators checked against devices."""

    def __torch_function__(self, func: Any, types: Any, args: tuple[Any, ...] = (), kwargs: Any = None) -> Any:
        kwargs = kwargs or {}
        name = getattr(func, "__name__", "")
        first = args[0] if args else None
        on_meta = isinstance(first, torch.Tensor) and first.device.type == "meta"
        if on_meta and name in ("item", "__float__", "__int__", "__bool__", "__index__"):
            return {"__int__": 1, "__index__": 1, "__bool__": True}.get(name, PLACEHOLDER)
        if on_meta and name in ("all", "any"):  # validation idioms pass: all(...) is True, any(...) is False
            return torch.tensor(name == "all")
        if on_meta and name == "tolist":
            return np.full(tuple(first.shape), PLACEHOLDER).tolist()
        if on_meta and name == "cpu":
            return torch.full(tuple(first.shape), PLACEHOLDER, dtype=first.dtype)
        if on_meta and name == "numpy":
            raise TypeError("can't convert meta device type tensor to numpy. Use Tensor.cpu() first (as on CUDA)")
        generator = kwargs.get("generator")
        if isinstance(generator, torch.Generator):
            target = _target(args, kwargs) or torch.device("cpu")
            if target.type != generator.device.type:
                raise RuntimeError(
                    f"{name} draws from a {generator.device.type} generator for a {target.type} tensor "
                    "(on a GPU: 'Expected a cuda device type for generator')"
                )
        return func(*args, **kwargs)


@contextmanager
def stand_in_gpu() -> Iterator[None]:
    with StandInDevice():
        yield


# --------------------------------------------------------------------------- notebook helpers


def top_level_statements(stem: str) -> Iterator[tuple[ast.stmt, str]]:
    """Each top-level statement of the notebook's code cells, with its cell's source (cells that do not parse skipped)."""
    path = next(NOTEBOOKS.glob(f"{stem}_*.ipynb"))
    for cell in json.loads(path.read_text())["cells"]:
        if cell["cell_type"] != "code":
            continue
        source = "".join(cell["source"])
        try:
            tree = ast.parse(source)
        except SyntaxError:
            continue
        for node in tree.body:
            yield node, source


def notebook_namespace(stem: str) -> dict[str, Any]:
    """The notebook's imports, upper-case constants, functions and classes, with ``dev`` on the stand-in device."""
    ns: dict[str, Any] = {"__name__": f"notebook_{stem}"}
    for node, _ in top_level_statements(stem):
        names = [t for target in getattr(node, "targets", []) for t in ast.walk(target) if isinstance(t, ast.Name)]
        constant = isinstance(node, ast.Assign) and bool(names) and all(t.id.isupper() for t in names)
        if isinstance(node, ast.Import | ast.ImportFrom | ast.FunctionDef | ast.ClassDef) or constant:
            code = compile(ast.Module(body=[node], type_ignores=[]), f"<notebook {stem}>", "exec")
            try:
                exec(code, ns)
            except Exception:  # computed from data loaded later: _prepare supplies what the calls need
                continue
    ns["dev"] = META
    return ns


def torch_functions(stem: str) -> set[str]:
    """Names of the top-level functions and classes of a notebook that use torch."""
    names = set()
    for node, source in top_level_statements(stem):
        if isinstance(node, ast.FunctionDef | ast.ClassDef):
            segment = ast.get_source_segment(source, node) or ""
            if "torch" in segment or "nn." in segment:
                names.add(node.name)
    return names


def meta(*shape: int, dtype: torch.dtype = torch.float32) -> torch.Tensor:
    return torch.empty(shape, dtype=dtype, device=META)


def labels(n: int, n_classes: int = 10) -> torch.Tensor:
    return torch.zeros(n, dtype=torch.int64, device=META)


def mlp(*sizes: int, dropout: float = 0.0, batch_norm: bool = False) -> nn.Sequential:
    layers: list[nn.Module] = []
    for i, (n_in, n_out) in enumerate(itertools.pairwise(sizes)):
        layers.append(nn.Linear(n_in, n_out))
        if i < len(sizes) - 2:
            layers += [nn.BatchNorm1d(n_out)] if batch_norm else []
            layers += [nn.ReLU()] + ([nn.Dropout(dropout)] if dropout else [])
    return nn.Sequential(*layers).to(META)


# Each entry: (notebook, function) -> a call of it on the stand-in device, given the notebook's namespace.
CALLS: dict[tuple[str, str], Callable[[dict[str, Any]], Any]] = {
    ("10", "inverted_dropout"): lambda ns: ns["inverted_dropout"](meta(8, 5), 0.5),
    ("10", "accuracy"): lambda ns: ns["accuracy"](mlp(784, 16, 10, dropout=0.5), meta(8, 784), labels(8)),
    ("10", "mc_probs"): lambda ns: ns["mc_probs"](mlp(784, 16, 10, dropout=0.5), meta(8, 784), 3, 0),
    ("11", "batch_norm_train"): lambda ns: ns["batch_norm_train"](meta(8, 4), meta(4), meta(4), meta(4), meta(4)),
    ("11", "batch_norm_eval"): lambda ns: ns["batch_norm_eval"](meta(8, 4), meta(4), meta(4), meta(4), meta(4)),
    ("11", "variance_ratio"): lambda ns: ns["variance_ratio"](mlp(784, 16, 10, batch_norm=True), meta(8, 784)),
    ("11", "dropout_after_every_layer"): lambda ns: ns["dropout_after_every_layer"]().to(META)(meta(8, 784)),
    ("11", "recompute_running_stats"): lambda ns: ns["recompute_running_stats"](
        mlp(784, 16, 10, batch_norm=True), meta(128, 784)
    ),
    ("09", "soft_threshold"): lambda ns: ns["soft_threshold"](meta(5), 0.1),
    ("09", "matrix_weights"): lambda ns: ns["matrix_weights"](mlp(3, 4, 2)),
    ("08", "layer_grad_norms"): lambda ns: ns["layer_grad_norms"](mlp(784, 16, 10), meta(8, 784), labels(8)),
    ("08", "train_epoch"): lambda ns: ns["train_epoch"](
        mlp(784, 16, 10),
        meta(32, 784),
        labels(32),
        torch.optim.SGD(mlp(784, 16, 10).parameters(), lr=0.1),
        batch_size=16,
        generator=torch.Generator().manual_seed(0),
    ),
    ("08", "deep_net"): lambda ns: ns["deep_net"](nn.ReLU, "He", seed=0, depth=2, width=8, residual=True)(meta(4, 784)),
    ("08", "Residual"): lambda ns: ns["Residual"](nn.Linear(8, 8).to(META))(meta(4, 8)),
    ("14", "Residual"): lambda ns: ns["Residual"](8).to(META)(meta(4, 8)),
    ("14", "at_init"): lambda ns: ns["at_init"](experiments.RunConfig("tiny", hidden=(16, 16)), 0),
    ("01", "train_softmax_regression"): lambda ns: ns["train_softmax_regression"](True, 0, n_steps=2),
    ("02", "torch_gradient_descent"): lambda ns: ns["torch_gradient_descent"](0.1, 3),
    ("03", "quadratic"): lambda ns: ns["quadratic"](meta(2, dtype=torch.float64)),
    ("03", "torch_path"): lambda ns: ns["torch_path"](
        lambda params: torch.optim.Adam(params, lr=0.1), ns["quadratic"], [1.0, 1.0], 3
    ),
    ("03", "lr_sequence"): lambda ns: [ns["lr_sequence"](name, n_steps=3) for name in ns["SCHEDULES"]],
    ("03", "torch_line"): lambda ns: [ns["torch_line"](name, 0) for name in ns["SCHEDULES"]],
    ("03", "sgd_rosenbrock"): lambda ns: ns["sgd_rosenbrock"](1e-3, 3, clip=nn.utils.clip_grad_norm_),
    ("03", "deep_mlp"): lambda ns: ns["deep_mlp"](nn.ReLU, 0, depth=2, width=4)(meta(5, 1)),
    ("03", "train_deep"): lambda ns: ns["train_deep"](
        nn.Sigmoid, 0, lambda params: torch.optim.Adam(params, lr=0.01), n_steps=2
    ),
    ("08", "batched_accuracy"): lambda ns: ns["batched_accuracy"](mlp(784, 16, 10), meta(40, 784), labels(40), 16),
    ("08", "train_and_score"): lambda ns: ns["train_and_score"]((16,), meta(32, 784), labels(32)),
    ("09", "train_sgd"): lambda ns: ns["train_sgd"](mlp(2, 8, 2), weight_decay=0.1, l2_in_loss=0.1, n_steps=2),
    ("09", "train_proximal"): lambda ns: ns["train_proximal"](mlp(2, 8, 2), l1=0.01, lr=0.1, n_steps=2),
    ("09", "objective"): lambda ns: ns["objective"](mlp(2, 8, 2)),
    ("09", "logistic_fit"): lambda ns: ns["logistic_fit"](lambda model: model.parameters(), n_steps=2),
    ("09", "loss_and_grads"): lambda ns: ns["loss_and_grads"](
        nn.Sequential(nn.Linear(2, 8), nn.BatchNorm1d(8), nn.ReLU(), nn.Linear(8, 2)).double().to(META)
    ),
    ("09", "moons_val_acc"): lambda ns: ns["moons_val_acc"]("sgd", 0.01, 0),
    ("11", "norm_after_relu"): lambda ns: ns["norm_after_relu"]().to(META)(meta(8, 784)),
}

# Top-level torch code of the notebooks that the calls above do not exercise, and why that is safe.
NOT_EXERCISED: dict[tuple[str, str], str] = {
    ("09", "torch_path"): "CPU by design: it replays NumPy gradients through a torch optimizer to compare the two",
}


def _prepare(stem: str, ns: dict[str, Any]) -> None:
    """Globals a notebook's helpers read from cells the namespace does not run (its data), on the device."""
    if stem == "14":
        ns["X_train"], ns["y_train"] = meta(512, 784), labels(512)
    if stem == "01":
        ns.update(X_train=meta(32, 64), y_train=labels(32), X_val=meta(16, 64), y_val=labels(16))
        ns["ce_loss"] = nn.CrossEntropyLoss()
    if stem == "02":
        ns.update(X_t=meta(20, 1, dtype=torch.float64), y_t=meta(20, 1, dtype=torch.float64))
    if stem == "03":
        ns.update(x_t=meta(32, 1, dtype=torch.float64), y_t=meta(32, 1, dtype=torch.float64))
        ns.update(n_epochs=1, n_samples=32, batch_size=8, x_deep=meta(16, 1), y_deep=meta(16, 1), variance=1.0)
        ns.setdefault("H", np.diag([1.0, 50.0]))
    if stem == "08":
        ns.update(X_val=meta(16, 784), y_val=labels(16), SEED=0)
    if stem == "09":
        ns.update(X_train_t=meta(32, 2), y_train_t=labels(32), x_1d_t=meta(32, 1), y_1d_t=labels(32))
        ns.setdefault("L1_PENALTY", 0.01)
        ns.update(SEED=0, ex_kwargs={"X_val": meta(16, 2), "y_val": labels(16), "n_epochs": 1, "device": META})


@pytest.mark.parametrize(("stem", "name"), sorted(CALLS))
def test_notebook_helper_keeps_tensors_on_the_device(stem: str, name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(train, "_resolve_device", lambda device=None: META)  # train.fit(..., device=dev)
    ns = notebook_namespace(stem)
    if name not in ns:
        pytest.fail(f"notebook {stem} no longer defines {name}: update CALLS in this test")
    _prepare(stem, ns)
    with stand_in_gpu():
        CALLS[(stem, name)](ns)


# --------------------------------------------------------------------------- the package's loops


def _digits(n: int = 64) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(0)
    return rng.uniform(size=(n, 784)).astype(np.float32), np.arange(n) % 10


def test_fit_evaluate_and_run_config_run_on_the_device(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(train, "_resolve_device", lambda device=None: META)
    X, y = _digits()
    model = models.make_mlp(784, [16], 10, dropout=0.2)  # fit moves it to the device
    with stand_in_gpu():
        train.fit(model, X, y, X_val=X[:16], y_val=y[:16], n_epochs=1, batch_size=16, device="cuda")
        train.evaluate(model, X, y, device="cuda")
        config = experiments.RunConfig("tiny", hidden=(16,), n_epochs=1, batch_size=16, dropout=0.2)
        experiments.run_config(config, X, y, X[:16], y[:16], device="cuda")


def test_the_stand_in_catches_what_a_gpu_would() -> None:
    def model_left_on_cpu() -> Any:
        return nn.Linear(784, 10)(meta(4, 784))

    def cpu_generator_mask() -> Any:
        x = meta(4, 5)
        return x * (torch.rand(x.shape, generator=torch.Generator().manual_seed(0), device=x.device) > 0.5)

    def cpu_mask() -> Any:
        x = meta(4, 5)
        return x * (torch.rand(x.shape) > 0.5)

    def numpy_without_cpu() -> Any:
        return meta(3).numpy()

    for broken in (model_left_on_cpu, cpu_generator_mask, cpu_mask, numpy_without_cpu):
        with stand_in_gpu(), pytest.raises((RuntimeError, TypeError)):
            broken()

    with stand_in_gpu():  # and lets correct code through
        x = meta(4, 5)
        assert (x * (torch.rand_like(x) > 0.5)).device == META
        assert nn.Linear(5, 2).to(META)(x).detach().cpu().numpy().shape == (4, 2)


@pytest.mark.parametrize("stem", ["01", "02", "03", "08", "09", "10", "11", "14"])
def test_every_torch_helper_of_a_notebook_is_exercised(stem: str) -> None:
    covered = {name for s, name in CALLS if s == stem} | {name for s, name in NOT_EXERCISED if s == stem}
    missing = sorted(torch_functions(stem) - covered)
    assert not missing, f"notebook {stem}: add these to CALLS (or NOT_EXERCISED, with a reason): {missing}"
