"""Tests of regviz.checks._core and _paired: compare, run_check and compare_paired."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
import torch

from regviz import checks
from regviz.checks._core import Case, run_check


def test_compare_reports_exact_close_and_different(capsys: pytest.CaptureFixture[str]) -> None:
    assert checks.compare("a", [1.0, 2.0], [1.0, 2.0]).exact
    close = checks.compare("b", [1.0, 2.0 + 1e-9], [1.0, 2.0], atol=1e-8)
    assert close.close and not close.exact and close.max_abs_diff == pytest.approx(1e-9, rel=1e-3)
    out = capsys.readouterr().out
    assert "a: exact (bit-for-bit equal)" in out
    assert "b: close (max |diff| < 1e-08; allowed atol=1e-08, rtol=0)" in out
    with pytest.raises(AssertionError, match="c: DIFFERENT"):
        checks.compare("c", [1.0], [1.1], atol=0.01)
    with pytest.raises(AssertionError, match="DIFFERENT shapes"):
        checks.compare("d", [1.0, 2.0], [[1.0, 2.0]], atol=1)


def test_compare_uses_exactly_the_tolerances_it_is_given() -> None:
    # no hidden rtol: "agree to 1e-12" means 1e-12, and no tolerance at all means bit for bit
    with pytest.raises(AssertionError, match=r"max \|diff\| = 2.0e-05; allowed atol=1e-12, rtol=0"):
        checks.compare("atol only", 3.0, 3.00002, atol=1e-12)
    with pytest.raises(AssertionError, match="DIFFERENT"):
        checks.compare("default is exact", [1.0], [1.0 + 2**-52])
    assert checks.compare("rtol", [1000.0], [1000.5], rtol=1e-3, quiet=True).close


def test_compare_refuses_nan_where_the_reference_has_a_number(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(AssertionError, match="NaN where the other side has a number"):
        checks.compare("nan", [1.0, np.nan], [1.0, 2.0], atol=1e9)
    assert checks.compare("same nan", [1.0, np.nan], [1.0, np.nan]).exact
    assert checks.compare("inf", [np.inf], [np.inf]).exact


def test_compare_prints_the_difference_rounded_up_to_a_power_of_ten(capsys: pytest.CaptureFixture[str]) -> None:
    for noise, bound in ((3e-16, "1e-15"), (7e-14, "1e-13")):
        result = checks.compare("r", [1.0, 1.0 + noise], [1.0, 1.0], atol=1e-10)
        assert result.close and result.max_abs_diff == pytest.approx(noise, rel=0.2)
        assert f"r: close (max |diff| < {bound}; allowed atol=1e-10, rtol=0)" in capsys.readouterr().out
    checks.compare("f32", torch.tensor([1.0 + 2**-20]), torch.tensor([1.0]), atol=1e-5)
    assert capsys.readouterr().out == "f32: close (max |diff| < 1e-06; allowed atol=1e-05, rtol=0)\n"


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


def test_run_check_protects_cases_from_mutation() -> None:
    def mutating(y: np.ndarray, y_pred: np.ndarray) -> float:
        y -= y_pred
        return float(np.mean(y**2))

    assert checks.check_mse(mutating, quiet=True).passed


def test_run_check_validates_its_arguments() -> None:
    with pytest.raises(ValueError, match="cases must be a non-empty sequence of Case"):
        run_check("x", np.mean, np.mean, [])
    with pytest.raises(ValueError, match="cases must hold Case objects"):
        run_check("x", np.mean, np.mean, [(1.0,)])  # type: ignore[list-item]
    with pytest.raises(ValueError, match="quiet must be True or False"):
        run_check("x", np.mean, np.mean, [Case((1,))], quiet="no")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="student_fn must be callable"):
        run_check("x", 3, np.mean, [Case((1,))])  # type: ignore[arg-type]


def test_compare_paired_reports_gains_interval_and_sign_test(capsys: pytest.CaptureFixture[str]) -> None:
    a = np.array([0.95, 0.96, 0.94, 0.97, 0.95, 0.96])
    b = a - np.array([0.01, 0.02, 0.01, 0.015, 0.01, 0.02])
    r = checks.compare_paired("A vs B, accuracy", a, b, decimals=3)
    out = capsys.readouterr().out
    assert r.wins == 6 and r.losses == 0 and r.p_sign == pytest.approx(1 / 64)
    assert r.mean_gain == pytest.approx(0.0142, abs=1e-4) and 0.01 <= r.ci_low < r.mean_gain < r.ci_high <= 0.02
    assert "better on 6 of 6 seeds" in out and "+0.010 +0.020" in out


def test_compare_paired_orients_losses_and_counts_ties() -> None:
    r = checks.compare_paired("loss", [0.2, 0.3, 0.25], [0.3, 0.3, 0.2], higher_is_better=False, quiet=True)
    assert list(np.round(r.gains, 6)) == [0.1, 0.0, -0.05] and (r.wins, r.ties, r.losses) == (1, 1, 1)
    assert r.p_sign == pytest.approx(0.75)  # 1 win of 2 decided seeds


def test_compare_paired_does_not_call_noise_a_gain() -> None:
    rng = np.random.default_rng(1)
    a, b = rng.normal(0.9, 0.01, 8), rng.normal(0.9, 0.01, 8)
    r = checks.compare_paired("noise", a, b, quiet=True)
    assert r.ci_low < 0 < r.ci_high and r.p_sign > 0.05


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [
        ({"a": [1.0], "b": [1.0]}, "a"),
        ({"a": [1.0, 2.0], "b": [1.0, 2.0, 3.0]}, "a and b"),
        ({"a": [1.0, np.nan], "b": [1.0, 2.0]}, "a"),
        ({"confidence": 1.0}, "confidence"),
        ({"decimals": -1}, "decimals"),
        ({"higher_is_better": "yes"}, "higher_is_better"),
        ({"name": ""}, "name"),
    ],
)
def test_compare_paired_refuses_bad_input_by_name(kwargs: dict[str, object], name: str) -> None:
    args = {"name": "x", "a": [1.0, 2.0], "b": [0.5, 1.0], **kwargs}
    with pytest.raises(ValueError, match=rf"^{name} must"):
        checks.compare_paired(args.pop("name"), args.pop("a"), args.pop("b"), **args)  # type: ignore[arg-type]


class _Unreadable:
    def __array__(self, *args: object, **kwargs: object) -> np.ndarray:
        raise RuntimeError("no numbers here")


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        (lambda: 10**400, "cannot read the answer as numbers (OverflowError"),
        (lambda: _Unreadable(), "cannot read the answer as numbers (RuntimeError: no numbers here)"),
        (lambda: float("nan"), "NaN where the reference has a number"),
        (lambda: [1.0, float("nan")], "NaN where the reference has a number"),
    ],
)
def test_run_check_turns_unreadable_answers_into_a_failed_verdict(answer: Any, message: str) -> None:
    result = run_check("x", answer, lambda: [1.0, 2.0] if isinstance(answer(), list) else 1.0, [Case(())], quiet=True)
    assert result.status == "failed" and message in result.message
