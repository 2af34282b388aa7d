"""Tests of regviz.experiments: run configurations, the residual MLP, seeds and TensorBoard logs."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st
from torch import nn

from regviz.experiments import (
    TAGS,
    ResidualBlock,
    RunConfig,
    TensorBoardLogger,
    count_parameters,
    make_model,
    predict_classes,
    read_scalars,
    run_config,
    run_seeds,
    runs_dir,
)
from regviz.experiments import _residual_mlp as residual_mlp  # private: built by RunConfig(residual=True)
from regviz.models import make_mlp
from regviz.train import History, evaluate

CPU = "cpu"


def blobs(n: int = 90, n_features: int = 6, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Three Gaussian blobs, labels 0/1/2, float32 inputs."""
    rng = np.random.default_rng(seed)
    y = np.arange(n) % 3
    centres = rng.normal(scale=2.0, size=(3, n_features))
    X = (centres[y] + rng.normal(size=(n, n_features))).astype(np.float32)
    return X, y


TINY = RunConfig("tiny", hidden=(8,), lr=0.1, batch_size=16, n_epochs=3)


# --------------------------------------------------------------------------- configurations


def test_run_config_defaults_and_describe() -> None:
    config = RunConfig("both", hidden=[64, 64], weight_decay=1e-3, dropout=0.3, input_dropout=0.2)
    assert config.hidden == (64, 64)  # stored as a tuple, so the dataclass stays hashable
    assert hash(config) == hash(RunConfig("both", hidden=(64, 64), weight_decay=1e-3, dropout=0.3, input_dropout=0.2))
    text = config.describe()
    assert "64-64" in text and "L2 0.001" in text and "dropout 0.3 (input 0.2)" in text
    assert "residual" in RunConfig("r", hidden=(32, 32, 32), residual=True).describe()
    assert "L2" not in RunConfig("none").describe() and "dropout" not in RunConfig("none").describe()


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"name": ""}, "name must be"),
        ({"name": "a/b"}, "name must be"),
        ({"name": "ok", "hidden": ()}, "hidden must be a non-empty sequence"),
        ({"name": "ok", "hidden": 128}, "hidden must be a non-empty sequence"),
        ({"name": "ok", "hidden": (0,)}, r"hidden\[0\] must be an integer in \[1, inf\)"),
        ({"name": "ok", "hidden": (64, 32), "residual": True}, "equal widths when residual=True"),
        ({"name": "ok", "residual": 1}, "residual must be True or False"),
        ({"name": "ok", "dropout": 1.0}, r"dropout must be in \[0, 1\)"),
        ({"name": "ok", "input_dropout": -0.1}, r"input_dropout must be in \[0, 1\)"),
        ({"name": "ok", "weight_decay": -1e-3}, r"weight_decay must be in \[0, inf\)"),
        ({"name": "ok", "lr": 0.0}, r"lr must be in \(0, inf\)"),
        ({"name": "ok", "momentum": 1.0}, r"momentum must be in \[0, 1\)"),
        ({"name": "ok", "batch_size": 0}, r"batch_size must be an integer in \[1, inf\)"),
        ({"name": "ok", "n_epochs": 2.5}, "n_epochs must be an integer"),
    ],
)
def test_run_config_rejects_bad_values(kwargs: dict[str, Any], match: str) -> None:
    with pytest.raises(ValueError, match=match):
        RunConfig(**kwargs)


@settings(max_examples=25, deadline=None)
@given(p=st.one_of(st.floats(max_value=-1e-9), st.floats(min_value=1.0), st.just(float("nan"))))
def test_run_config_dropout_outside_unit_interval(p: float) -> None:
    with pytest.raises(ValueError, match="dropout"):
        RunConfig("x", dropout=p)


def test_replace_validates_and_keeps_the_rest() -> None:
    new = TINY.replace(lr=0.5, name="faster")
    assert (new.lr, new.name, new.hidden, new.batch_size) == (0.5, "faster", TINY.hidden, TINY.batch_size)
    with pytest.raises(ValueError, match="unknown"):
        TINY.replace(learning_rate=0.5)
    with pytest.raises(ValueError, match="lr must be"):
        TINY.replace(lr=-1.0)


# --------------------------------------------------------------------------- models


def test_residual_block_adds_its_input() -> None:
    torch.manual_seed(0)
    block = ResidualBlock(5, dropout=0.0)
    x = torch.randn(7, 5)
    assert torch.equal(block(x) - x, block.f(x)) or torch.allclose(block(x) - x, block.f(x), atol=1e-7)
    with torch.no_grad():
        for p in block.f.parameters():
            p.zero_()
    assert torch.equal(block(x), x)  # f = 0: the block is the identity


def test_residual_block_validates() -> None:
    with pytest.raises(ValueError, match=r"width must be an integer in \[1, inf\)"):
        ResidualBlock(0)
    with pytest.raises(ValueError, match=r"dropout must be in \[0, 1\)"):
        ResidualBlock(4, dropout=1.0)
    assert any(isinstance(m, nn.Dropout) for m in ResidualBlock(4, dropout=0.2).modules())


@pytest.mark.parametrize("n_blocks", [0, 1, 3])
def test_residual_mlp_has_the_parameters_of_the_plain_mlp(n_blocks: int) -> None:
    residual = residual_mlp(20, 16, n_blocks, 4)
    plain = make_mlp(20, (16,) * (n_blocks + 1), 4)
    assert count_parameters(residual) == count_parameters(plain)
    assert sum(isinstance(m, ResidualBlock) for m in residual.modules()) == n_blocks
    assert residual(torch.zeros(3, 20)).shape == (3, 4)


def test_residual_mlp_without_blocks_is_the_plain_mlp() -> None:
    torch.manual_seed(3)
    plain = make_mlp(12, (8,), 3)
    torch.manual_seed(3)
    residual = residual_mlp(12, 8, 0, 3)
    x = torch.randn(5, 12)
    assert torch.equal(plain(x), residual(x))


def test_residual_mlp_validates_and_places_dropout() -> None:
    with pytest.raises(ValueError, match=r"n_blocks must be an integer in \[0, inf\)"):
        residual_mlp(10, 4, -1, 2)
    with pytest.raises(ValueError, match=r"input_dropout must be in \[0, 1\)"):
        residual_mlp(10, 4, 1, 2, input_dropout=1.5)
    model = residual_mlp(10, 4, 2, 2, dropout=0.3, input_dropout=0.2)
    assert isinstance(model[0], nn.Dropout) and model[0].p == 0.2
    assert sum(isinstance(m, nn.Dropout) and m.p == 0.3 for m in model.modules()) == 3  # two blocks + before the head


def test_make_model_is_seeded_without_touching_the_global_generator() -> None:
    torch.manual_seed(123)
    before = torch.random.get_rng_state()
    a = make_model(TINY, 6, 3, seed=1)
    assert torch.equal(torch.random.get_rng_state(), before)
    b = make_model(TINY, 6, 3, seed=1)
    c = make_model(TINY, 6, 3, seed=2)
    assert all(torch.equal(p, q) for p, q in zip(a.parameters(), b.parameters(), strict=True))
    assert not all(torch.equal(p, q) for p, q in zip(a.parameters(), c.parameters(), strict=True))
    residual = make_model(RunConfig("r", hidden=(8, 8, 8), residual=True), 6, 3)
    assert sum(isinstance(m, ResidualBlock) for m in residual.modules()) == 2
    with pytest.raises(ValueError, match="config must be a RunConfig"):
        make_model({"hidden": (8,)}, 6, 3)  # type: ignore[arg-type]


def test_plain_and_residual_configs_start_from_the_same_weights() -> None:
    for init in ("default", "he"):
        plain = RunConfig("plain", hidden=(8, 8, 8), init=init)
        residual = plain.replace(name="res", residual=True)
        a, b = make_model(plain, 6, 3, seed=4), make_model(residual, 6, 3, seed=4)
        pa, pb = list(a.parameters()), list(b.parameters())
        assert [p.shape for p in pa] == [p.shape for p in pb]
        assert all(torch.equal(p, q) for p, q in zip(pa, pb, strict=True))  # only the `x +` differs
        x = torch.randn(5, 6)
        assert not torch.equal(a(x), b(x))


def test_he_init_config() -> None:
    config = RunConfig("he", hidden=(256, 256), init="he")
    assert "he init" in config.describe() and "init" not in RunConfig("d").describe()
    model = make_model(config, 400, 10, seed=0)
    hidden = model[2]
    assert isinstance(hidden, nn.Linear)
    assert float(hidden.weight.detach().var()) == pytest.approx(2 / 256, rel=0.05)  # He: 2 / fan_in
    assert torch.count_nonzero(hidden.bias) == 0
    default = make_model(config.replace(init="default"), 400, 10, seed=0)[2]
    assert float(default.weight.detach().var()) == pytest.approx(1 / (3 * 256), rel=0.05)  # PyTorch: 1 / (3 fan_in)
    residual = make_model(config.replace(residual=True), 400, 10, seed=0)
    assert float(residual[1].f[1].weight.detach().var()) == pytest.approx(2 / 256, rel=0.05)
    with pytest.raises(ValueError, match="init must be one of"):
        RunConfig("x", init="kaiming")


def test_count_parameters() -> None:
    assert count_parameters(nn.Linear(3, 2)) == 8
    frozen = nn.Linear(3, 2)
    frozen.bias.requires_grad_(False)
    assert count_parameters(frozen) == 6
    with pytest.raises(ValueError, match=r"model must be a torch\.nn\.Module"):
        count_parameters("model")


# --------------------------------------------------------------------------- runs and summaries


def test_run_config_is_reproducible_and_trains() -> None:
    X, y = blobs()
    a = run_config(TINY, X[:60], y[:60], X[60:], y[60:], seed=0, device=CPU)
    b = run_config(TINY, X[:60], y[:60], X[60:], y[60:], seed=0, device=CPU)
    c = run_config(TINY, X[:60], y[:60], X[60:], y[60:], seed=1, device=CPU)
    assert a.history.n_epochs == TINY.n_epochs and a.log_dir is None
    assert a.history == b.history
    assert a.history.train_loss != c.history.train_loss
    assert a.history.train_loss[-1] < a.history.train_loss[0]
    assert a.model[-1].out_features == 3  # classes read from the labels


def test_run_config_measures_training_metrics_in_eval_mode_by_default(tmp_path: Path) -> None:
    X, y = blobs(n=120)
    config = TINY.replace(name="drop", dropout=0.5, input_dropout=0.3)
    run = run_config(config, X[:90], y[:90], X[90:], y[90:], seed=0, log_dir=tmp_path / "run", device=CPU)
    loss, acc = evaluate(run.model, X[:90], y[:90])
    assert run.history.train_acc[-1] == acc and run.history.train_loss[-1] == pytest.approx(loss, rel=1e-12)
    logged = read_scalars(tmp_path / "run")["train/accuracy"].values[-1]
    assert logged == np.float32(acc)  # what TensorBoard shows is the eval-mode accuracy
    running = run_config(config, X[:90], y[:90], X[90:], y[90:], seed=0, train_metrics="running", device=CPU)
    assert running.history.val_acc == run.history.val_acc  # same training, only the measurement differs
    assert running.history.train_loss != run.history.train_loss
    with pytest.raises(ValueError, match="train_metrics must be one of"):
        run_config(config, X, y, X, y, train_metrics="train")
    with pytest.raises(ValueError, match="train_metrics must be one of"):
        run_seeds(config, X, y, X, y, seeds=[0, 1], train_metrics="batch")


def test_run_seeds_curves_and_finals(tmp_path: Path) -> None:
    X, y = blobs()
    runs = run_seeds(TINY, X[:60], y[:60], X[60:], y[60:], seeds=[0, 1, 2], log_root=tmp_path, device=CPU)
    assert runs.seeds == [0, 1, 2]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tiny_seed0", "tiny_seed1", "tiny_seed2"]
    curves = runs.curves("val_acc")
    assert curves.shape == (3, TINY.n_epochs)
    np.testing.assert_array_equal(runs.final("train_loss"), [r.history.train_loss[-1] for r in runs.runs])
    with pytest.raises(ValueError, match="key must be one of"):
        runs.curves("accuracy")
    with pytest.raises(ValueError, match="at least 2 distinct seeds"):
        run_seeds(TINY, X, y, X, y, seeds=[0])
    with pytest.raises(ValueError, match="at least 2 distinct seeds"):
        run_seeds(TINY, X, y, X, y, seeds=[1, 1])


def test_predict_classes_uses_eval_mode_and_restores_it() -> None:
    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(6, 8), nn.ReLU(), nn.Dropout(0.5), nn.Linear(8, 3))
    X, _ = blobs()
    model.train()
    first = predict_classes(model, X, batch_size=7)
    assert model.training  # mode restored
    model.eval()
    with torch.no_grad():
        expected = model(torch.from_numpy(X)).argmax(dim=1).numpy()
    np.testing.assert_array_equal(first, expected)
    assert first.dtype == np.int64 and first.shape == (len(X),)
    with pytest.raises(ValueError, match="batch_size"):
        predict_classes(model, X, batch_size=0)


# --------------------------------------------------------------------------- TensorBoard


def test_logged_scalars_read_back_equal_the_history(tmp_path: Path) -> None:
    X, y = blobs()
    run = run_config(TINY, X[:60], y[:60], X[60:], y[60:], seed=0, log_dir=tmp_path / "run", device=CPU)
    scalars = read_scalars(tmp_path / "run")
    assert set(scalars) == set(TAGS.values())
    for key, values in run.history.as_dict().items():
        series = scalars[TAGS[key]]
        np.testing.assert_array_equal(series.steps, np.arange(1, TINY.n_epochs + 1))
        # TensorBoard stores scalars as 32-bit floats: equal after rounding to float32
        np.testing.assert_array_equal(series.values, np.asarray(values, dtype=np.float32).astype(np.float64))


def test_logger_replaces_old_event_files(tmp_path: Path) -> None:
    history = History([1.0, 0.5], [0.2, 0.6], [1.1, 0.7], [0.3, 0.5], 2, False)
    for _ in range(2):
        with TensorBoardLogger(tmp_path) as logger:
            logger.log_history(history)
    assert len(list(tmp_path.glob("events.out.tfevents.*"))) == 1
    np.testing.assert_array_equal(read_scalars(tmp_path)["validation/accuracy"].values, np.float32([0.3, 0.5]))
    with TensorBoardLogger(tmp_path, clear=False) as logger:
        logger.log_history(history)
    assert len(list(tmp_path.glob("events.out.tfevents.*"))) == 2


def test_logger_and_reader_validate(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="log_dir must be a folder holding TensorBoard event files"):
        read_scalars(tmp_path / "missing")
    with pytest.raises(ValueError, match="log_dir must be a folder holding TensorBoard event files"):
        read_scalars(tmp_path)
    with pytest.raises(ValueError, match="log_dir must be a path"):
        TensorBoardLogger(3)  # type: ignore[arg-type]
    a_file = tmp_path / "file.txt"
    a_file.write_text("x")
    with pytest.raises(ValueError, match="log_dir must be a folder"):
        TensorBoardLogger(a_file)
    with TensorBoardLogger(tmp_path / "ok") as logger:
        assert logger(1, History([1.0], [0.5], [], [], 1, False)) is False
        with pytest.raises(ValueError, match=r"history must be a regviz\.train\.History"):
            logger(1, {"train_loss": [1.0]})  # type: ignore[arg-type]
        with pytest.raises(ValueError, match=r"epoch must be an integer in \[1, inf\)"):
            logger(0, History([1.0], [0.5], [], [], 1, False))
    assert set(read_scalars(tmp_path / "ok")) == {"train/loss", "train/accuracy"}  # empty entries are not logged


def test_logger_turns_unusable_folders_into_value_errors(tmp_path: Path) -> None:
    a_file = tmp_path / "file.txt"
    a_file.write_text("keep me")
    with pytest.raises(ValueError, match=r"log_dir must be a folder, got the file"):
        TensorBoardLogger(a_file)
    with pytest.raises(ValueError, match=r"log_dir must be a folder that can be created, but .*file\.txt.* is a file"):
        TensorBoardLogger(a_file / "run")
    with pytest.raises(ValueError, match=r"log_dir must be a folder that can be created, but .*file\.txt.* is a file"):
        TensorBoardLogger(a_file / "deeper" / "run")
    assert a_file.read_text() == "keep me"  # nothing lost


def test_logger_refuses_a_folder_it_cannot_write(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import tempfile

    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "TemporaryFile", refuse)
    with pytest.raises(ValueError, match=r"log_dir must be a folder this process can write to, .*Permission denied"):
        TensorBoardLogger(tmp_path / "run")


def test_logger_refuses_a_folder_the_system_will_not_create(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(self: Path, *args: Any, **kwargs: Any) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "mkdir", refuse)
    with pytest.raises(ValueError, match=r"log_dir must be a folder that can be created, .*Permission denied"):
        TensorBoardLogger(tmp_path / "new")


def test_logger_keeps_old_event_files_it_cannot_delete(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    history = History([1.0], [0.5], [1.1], [0.4], 1, False)
    with TensorBoardLogger(tmp_path) as logger:
        logger.log_history(history)
    (old,) = tmp_path.glob("events.out.tfevents.*")
    size = old.stat().st_size

    def refuse(self: Path, *args: Any, **kwargs: Any) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "unlink", refuse)
    with pytest.raises(
        ValueError, match=r"log_dir must let old event files be replaced, .*Permission denied.*clear=False"
    ):
        TensorBoardLogger(tmp_path)
    assert old.is_file() and old.stat().st_size == size  # nothing lost
    with TensorBoardLogger(tmp_path, clear=False) as logger:  # the way out the message names
        logger.log_history(history)
    assert len(list(tmp_path.glob("events.out.tfevents.*"))) == 2


def test_logger_turns_a_writer_os_error_into_a_value_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import torch.utils.tensorboard

    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(torch.utils.tensorboard, "SummaryWriter", refuse)
    with pytest.raises(ValueError, match=r"log_dir must be a writable folder, .*No space left on device"):
        TensorBoardLogger(tmp_path / "run")


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root writes to read-only folders")
def test_logger_refuses_a_read_only_folder(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        with pytest.raises(ValueError, match="log_dir must be a folder this process can write to"):
            TensorBoardLogger(locked)
        with pytest.raises(ValueError, match="log_dir must be a folder that can be created"):
            TensorBoardLogger(locked / "run")
    finally:
        locked.chmod(0o700)


def test_run_config_and_run_seeds_check_the_folder_before_training(tmp_path: Path) -> None:
    X, y = blobs()
    a_file = tmp_path / "file.txt"
    a_file.write_text("x")
    with pytest.raises(ValueError, match="log_dir must be a folder, got the file"):
        run_config(TINY, X, y, X, y, log_dir=a_file, device=CPU)
    with pytest.raises(ValueError, match="log_dir must be a folder that can be created"):
        run_config(TINY, X, y, X, y, log_dir=a_file / "run", device=CPU)
    with pytest.raises(ValueError, match="log_dir must be a path or None"):
        run_config(TINY, X, y, X, y, log_dir=3, device=CPU)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="log_root must be a folder, got the file"):
        run_seeds(TINY, X, y, X, y, seeds=[0, 1], log_root=a_file, device=CPU)
    with pytest.raises(ValueError, match="log_root must be a folder that can be created"):
        run_seeds(TINY, X, y, X, y, seeds=[0, 1], log_root=a_file / "exp", device=CPU)


def test_runs_dir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("REGVIZ_RUNS_DIR", raising=False)
    default = runs_dir()
    assert default.name == "runs" and (default.parent / "regviz").is_dir()
    monkeypatch.setenv("REGVIZ_RUNS_DIR", str(tmp_path))
    assert runs_dir() == tmp_path


# --------------------------------------------------------------------------- checks


def _l2_reference(model: nn.Module, weight_decay: float) -> torch.Tensor:
    return weight_decay / 2 * sum((p**2).sum() for p in model.parameters() if p.ndim >= 2)


def test_check_l2_penalty_matches_sgd_weight_decay() -> None:
    """The checked penalty is the one whose gradient SGD's weight_decay adds."""
    torch.manual_seed(0)
    model = make_mlp(5, (4,), 2)
    X, y = torch.randn(8, 5), torch.arange(8) % 2
    lam, lr = 0.1, 0.5
    twin = make_mlp(5, (4,), 2)
    twin.load_state_dict(model.state_dict())
    loss = nn.functional.cross_entropy(model(X), y) + _l2_reference(model, lam)
    loss.backward()
    torch.optim.SGD(model.parameters(), lr=lr).step()
    nn.functional.cross_entropy(twin(X), y).backward()
    from regviz.train import param_groups

    torch.optim.SGD(param_groups(twin, lam), lr=lr).step()
    for p, q in zip(model.parameters(), twin.parameters(), strict=True):
        torch.testing.assert_close(p, q)
