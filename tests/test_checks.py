from __future__ import annotations

from typing import Any

import numpy as np
import pytest
import torch

from regviz import checks


def test_compare_reports_exact_close_and_different(capsys: pytest.CaptureFixture[str]) -> None:
    assert checks.compare("a", [1.0, 2.0], [1.0, 2.0]).exact
    close = checks.compare("b", [1.0, 2.0 + 1e-9], [1.0, 2.0])
    assert close.close and not close.exact and close.max_abs_diff == pytest.approx(1e-9, rel=1e-3)
    out = capsys.readouterr().out
    assert "a: close (max |diff| < 1e-09)" in out and "b: close (within atol=1e-08, rtol=1e-05)" in out
    with pytest.raises(AssertionError, match="c: DIFFERENT"):
        checks.compare("c", [1.0], [1.1])
    with pytest.raises(AssertionError, match="DIFFERENT shapes"):
        checks.compare("d", [1.0, 2.0], [[1.0, 2.0]])


def test_compare_prints_roundoff_as_a_bound(capsys: pytest.CaptureFixture[str]) -> None:
    # digits below round-off change with BLAS, CPU and threads: printed as a bound, so stored outputs are stable
    for noise in (3e-16, 7e-14):
        result = checks.compare("r", [1.0, 1.0 + noise], [1.0, 1.0])
        assert result.close and result.max_abs_diff == pytest.approx(noise, rel=0.2)
    assert capsys.readouterr().out == "r: close (max |diff| < 1e-10)\n" * 2
    # the bound scales with the reference, and single precision gets a wider one
    checks.compare("big", [1000.0 + 1e-12], [1000.0])
    checks.compare("f32", torch.tensor([1.0 + 2**-20]), torch.tensor([1.0]), atol=1e-5)
    solver = checks.compare("solver", [1.0 + 2e-7], [1.0], atol=1e-6, rtol=0)  # above round-off: the tolerance
    assert solver.max_abs_diff == pytest.approx(2e-7)
    assert capsys.readouterr().out.splitlines() == [
        "big: close (max |diff| < 1e-07)",
        "f32: close (max |diff| < 1e-05)",
        "solver: close (within atol=1e-06, rtol=0)",
    ]


def test_compare_accepts_tensors() -> None:
    t = torch.tensor([1.0, 2.0], requires_grad=True) * 2
    assert checks.compare("tensor", t, np.array([2.0, 4.0]), quiet=True).exact


def test_compare_bad_tolerances() -> None:
    with pytest.raises(ValueError, match=r"atol must be in \[0, inf\)"):
        checks.compare("x", 1.0, 1.0, atol=-1)


def _stub(y: Any, y_pred: Any) -> float:
    raise NotImplementedError


@pytest.mark.parametrize(
    "wrong",
    [
        lambda y, p: np.sum((y - p) ** 2),  # sum, not mean
        lambda y, p: np.mean(np.abs(y - p)),  # absolute error
        lambda y, p: np.mean(y - p) ** 2,  # square of the mean
        lambda y, p: np.mean((y - p) ** 2) / 2,  # halved
        lambda y, p: None,  # forgot to return
        lambda y, p: np.mean((y - p) ** 2, axis=None, keepdims=True)[0] + np.array([0.0, 0.0]),  # wrong shape
    ],
)
def test_check_mse_rejects_wrong_implementations(wrong: Any) -> None:
    result = checks.check_mse(wrong, quiet=True)
    assert result.status == "failed" and not result.passed


def test_check_mse_accepts_the_reference_and_flags_stubs() -> None:
    assert checks.check_mse(lambda y, p: np.mean((np.asarray(y) - np.asarray(p)) ** 2), quiet=True).passed
    result = checks.check_mse(_stub, quiet=True)
    assert result.status == "not implemented" and "not implemented yet" in result.message


def test_check_reports_exceptions_of_the_student_code() -> None:
    def crashes(y: Any, y_pred: Any) -> float:
        raise KeyError("oops")

    result = checks.check_mse(crashes, quiet=True)
    assert result.status == "failed" and "KeyError" in result.message and "case 1" in result.message


def test_check_best_slope() -> None:
    assert checks.check_best_slope(lambda x, y: float(np.dot(x, y) / np.dot(x, x)), quiet=True).passed
    with_intercept = lambda x, y: float(np.cov(x, y, bias=True)[0, 1] / np.var(x))  # noqa: E731
    assert not checks.check_best_slope(with_intercept, quiet=True).passed
    assert not checks.check_best_slope(lambda x, y: float(np.dot(x, y) / np.dot(y, y)), quiet=True).passed


def test_run_check_protects_cases_from_mutation() -> None:
    def mutating(y: np.ndarray, y_pred: np.ndarray) -> float:
        y -= y_pred
        return float(np.mean(y**2))

    assert checks.check_mse(mutating, quiet=True).passed


def test_run_check_validates_its_arguments() -> None:
    with pytest.raises(ValueError, match="cases must hold at least one Case"):
        checks.run_check("x", np.mean, np.mean, [])
    with pytest.raises(ValueError, match="student_fn must be callable"):
        checks.run_check("x", 3, np.mean, [checks.Case((1,))])  # type: ignore[arg-type]
