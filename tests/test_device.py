"""Tests of regviz.device: device choice, the course's seeds and the environment report."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from regviz import device


def test_cpu_is_always_available_and_last() -> None:
    found = device._available_devices()
    assert found[-1] == "cpu"
    assert device.get_device("cpu") == torch.device("cpu")


def test_default_choice_follows_preference_order(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("REGVIZ_DEVICE", raising=False)
    assert device.get_device().type == device._available_devices()[0]


def test_environment_variable_overrides(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REGVIZ_DEVICE", "cpu")
    assert device.get_device().type == "cpu"
    monkeypatch.setenv("REGVIZ_DEVICE", "tpu")
    with pytest.raises(ValueError, match="REGVIZ_DEVICE must be one of 'cpu', 'cuda', 'cuda:N' or 'mps'"):
        device.get_device()


@pytest.mark.skipif(torch.cuda.is_available(), reason="needs a machine without CUDA")
def test_unavailable_device_is_refused() -> None:
    with pytest.raises(ValueError, match="prefer='cuda' is not available here"):
        device.get_device("cuda")


def test_environment_report_lists_versions_and_device() -> None:
    report = device.environment_report()
    assert report.packages["numpy"] == np.__version__
    assert report.device.split(":")[0] in report.devices
    text = str(report)
    assert "scikit-learn" in text and "device" in text and report.python in text
    assert device.environment_report(("nonexistent-package-xyz",)).packages == {
        "nonexistent-package-xyz": "not installed"
    }
    with pytest.raises(ValueError, match="packages must be a tuple"):
        device.environment_report(["numpy"])  # type: ignore[arg-type]


def test_seed_is_shifted_by_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    from regviz import device

    monkeypatch.delenv("REGVIZ_SEED_OFFSET", raising=False)
    assert device.seed() == 0 and device.seed(7) == 7 and device.seeds(3, start=1000) == [1000, 1001, 1002]
    monkeypatch.setenv("REGVIZ_SEED_OFFSET", "100003")
    assert device.seed() == 100003 and device.seeds(2) == [100003, 100004]
    assert "seed offset" in str(device.environment_report()) and "100003" in str(device.environment_report())


@pytest.mark.parametrize("bad", ["-1", "x", "1.5", str(2**31)])
def test_a_bad_seed_offset_is_refused_by_name(monkeypatch: pytest.MonkeyPatch, bad: str) -> None:
    from regviz import device

    monkeypatch.setenv("REGVIZ_SEED_OFFSET", bad)
    with pytest.raises(ValueError, match="REGVIZ_SEED_OFFSET"):
        device.seed()


@pytest.mark.parametrize(
    ("call", "name"),
    [
        (lambda d: d.seed(-1), "k"),
        (lambda d: d.seed(1.0), "k"),
        (lambda d: d.seeds(0), "n"),
        (lambda d: d.seeds(2, start=-3), "start"),
    ],
)
def test_bad_seed_arguments_name_the_parameter(call: object, name: str) -> None:
    from regviz import device

    with pytest.raises(ValueError, match=rf"^{name} must"):
        call(device)  # type: ignore[operator]


def test_functions_called_without_a_seed_follow_the_offset(monkeypatch: pytest.MonkeyPatch) -> None:
    from regviz import data

    monkeypatch.delenv("REGVIZ_SEED_OFFSET", raising=False)
    base = data.make_sparse_regression(30, 5, n_informative=2)[0]
    assert np.array_equal(base, data.make_sparse_regression(30, 5, n_informative=2, seed=0)[0])
    monkeypatch.setenv("REGVIZ_SEED_OFFSET", "5")
    assert np.array_equal(
        data.make_sparse_regression(30, 5, n_informative=2)[0],
        data.make_sparse_regression(30, 5, n_informative=2, seed=5)[0],
    )
