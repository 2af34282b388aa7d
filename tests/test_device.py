from __future__ import annotations

import numpy as np
import pytest
import torch

from regviz import device


def test_cpu_is_always_available_and_last() -> None:
    found = device.available_devices()
    assert found[-1] == "cpu"
    assert device.get_device("cpu") == torch.device("cpu")


def test_default_choice_follows_preference_order(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("REGVIZ_DEVICE", raising=False)
    assert device.get_device().type == device.available_devices()[0]


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


def test_seed_everything_makes_torch_and_numpy_repeat() -> None:
    rng = device.seed_everything(123)
    a = torch.randn(3), np.random.rand(2), rng.random()  # noqa: NPY002
    rng = device.seed_everything(123)
    b = torch.randn(3), np.random.rand(2), rng.random()  # noqa: NPY002
    assert torch.equal(a[0], b[0]) and np.array_equal(a[1], b[1]) and a[2] == b[2]
    with pytest.raises(ValueError, match="seed must be an integer"):
        device.seed_everything(-1)


def test_set_deterministic_round_trip() -> None:
    device.set_deterministic(True)
    assert torch.are_deterministic_algorithms_enabled()
    assert not torch.backends.cuda.matmul.allow_tf32
    device.set_deterministic(False)
    assert not torch.are_deterministic_algorithms_enabled()
    with pytest.raises(ValueError, match="enabled must be True or False"):
        device.set_deterministic("yes")  # type: ignore[arg-type]


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
