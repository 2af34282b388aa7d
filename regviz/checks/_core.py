"""The machinery behind every ``check_*`` function.

:func:`compare` prints how two results agree (exact, close, or how far apart)
and fails loudly when they do not. :func:`run_check` feeds a student's
function a list of cases, compares each answer with a reference
implementation's, and prints one verdict: ``passed``, ``failed`` (with the
first failing case), or ``not implemented yet`` when the stub still raises
:class:`NotImplementedError`.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from .._validation import validate_bool, validate_callable, validate_real

__all__ = ["Case", "CheckResult", "Comparison", "compare", "not_implemented", "run_check"]


@dataclass(frozen=True)
class Comparison:
    """How two results compare.

    Attributes
    ----------
    name : str
        What was compared.
    exact : bool
        Bit-for-bit equal (same shape, same values; NaN only where the reference has NaN).
    close : bool
        Equal within ``atol + rtol * |reference|`` elementwise, with no NaN where the reference is a number.
    max_abs_diff : float
        Largest absolute elementwise difference; ``inf`` on a shape mismatch, ``nan`` when one side has NaN
        where the other has a number.
    shape_ok : bool
        Whether the shapes agree.
    atol, rtol : float
        The tolerances the comparison used, exactly as the call gave them (both 0 by default: bit-for-bit).

    Notes
    -----
    The printed verdict shows the largest difference rounded *up* to a power of ten, and the tolerances used:
    ``close (max |diff| < 1e-14; allowed atol=1e-10, rtol=0)``. In the course's pinned environment the
    difference itself is the same on every machine; the rounding keeps the line readable.

    """

    name: str
    exact: bool
    close: bool
    max_abs_diff: float
    shape_ok: bool
    atol: float = 0.0
    rtol: float = 0.0

    @property
    def allowed(self) -> str:
        """The tolerances, as printed."""
        return f"allowed atol={self.atol:g}, rtol={self.rtol:g}"

    def __str__(self) -> str:
        if self.exact:
            verdict = "exact (bit-for-bit equal)"
        elif not self.shape_ok:
            verdict = "DIFFERENT shapes"
        elif math.isnan(self.max_abs_diff):
            verdict = f"DIFFERENT (NaN where the other side has a number; {self.allowed})"
        elif self.close:
            verdict = f"close (max |diff| < {_bound(self.max_abs_diff):.0e}; {self.allowed})"
        else:
            verdict = f"DIFFERENT (max |diff| = {self.max_abs_diff:.1e}; {self.allowed})"
        return f"{self.name}: {verdict}"


def _bound(diff: float) -> float:
    """The smallest power of ten strictly above ``diff`` (``diff > 0``)."""
    return float(10.0 ** (math.floor(math.log10(diff)) + 1)) if diff > 0 else 0.0


def _as_array(value: Any) -> np.ndarray:
    if hasattr(value, "detach"):  # a torch tensor, without importing torch
        value = value.detach().cpu().numpy()
    return np.asarray(value, dtype=float)


def _compare_arrays(name: str, ours: Any, reference: Any, atol: float, rtol: float) -> Comparison:
    a, b = _as_array(ours), _as_array(reference)
    if a.shape != b.shape:
        return Comparison(name, False, False, float("inf"), False, atol=atol, rtol=rtol)
    if a.size == 0:
        return Comparison(name, True, True, 0.0, True, atol=atol, rtol=rtol)
    nan_a, nan_b = np.isnan(a), np.isnan(b)
    if not np.array_equal(nan_a, nan_b):  # a NaN the reference does not have (or misses one it has)
        return Comparison(name, False, False, float("nan"), True, atol=atol, rtol=rtol)
    exact = bool(np.array_equal(a, b, equal_nan=True))
    both = ~nan_a
    with np.errstate(invalid="ignore", over="ignore"):
        diff = np.abs(a[both] - b[both])
    diff = np.where(a[both] == b[both], 0.0, diff)  # equal infinities differ by 0, not NaN
    max_diff = float(diff.max()) if diff.size else 0.0
    if math.isnan(max_diff):
        max_diff = float("inf")
    close = exact or bool(np.all(diff <= atol + rtol * np.abs(b[both])))
    return Comparison(name, exact, close, max_diff, True, atol=atol, rtol=rtol)


def compare(
    name: str,
    ours: Any,
    reference: Any,
    *,
    atol: float = 0.0,
    rtol: float = 0.0,
    quiet: bool = False,
) -> Comparison:
    """Compare our result with a reference, print the verdict, fail if they differ.

    In the spirit of micrograd's ``cmp``: one line saying *exact*, *close* (with the largest difference and
    the tolerances used) or *DIFFERENT*. The tolerances are exactly what the call gives: with none, the
    results must be bit-for-bit equal.

    Parameters
    ----------
    name : str
        Label printed before the verdict.
    ours, reference : array-like or tensor
        The two results; tensors are moved to the CPU first.
    atol : float, default=0.0
        Absolute tolerance, ``>= 0``.
    rtol : float, default=0.0
        Relative tolerance, ``>= 0``: the comparison allows ``atol + rtol * |reference|`` elementwise.
    quiet : bool, default=False
        If True, print nothing.

    Returns
    -------
    Comparison
        The details, when the results agree.

    Raises
    ------
    AssertionError
        If the results differ beyond the tolerances, in shape, or in where they hold NaN.

    """
    if not isinstance(name, str):
        raise ValueError(f"name must be a string, got {name!r}")
    quiet = validate_bool(quiet, "quiet")
    atol = validate_real(atol, "atol", low=0)
    rtol = validate_real(rtol, "rtol", low=0)
    for label, value in (("ours", ours), ("reference", reference)):
        if value is None or isinstance(value, str | bytes):
            raise ValueError(f"{label} must be a number, an array or a tensor, got {type(value).__name__}")
        try:
            _as_array(value)
        except (TypeError, ValueError, OverflowError) as exc:
            raise ValueError(f"{label} must hold numbers, got {type(value).__name__}: {exc}") from None
    result = _compare_arrays(name, ours, reference, atol, rtol)
    if not quiet:
        print(result)
    if not result.close:
        raise AssertionError(str(result))
    return result


@dataclass(frozen=True)
class Case:
    """One input to a checked function: positional and keyword arguments, and a label."""

    args: tuple[Any, ...]
    kwargs: Mapping[str, Any] | None = None
    label: str = ""

    def describe(self) -> str:
        """A short description of the case for messages."""
        return self.label or f"{len(self.args)} positional argument(s)"


@dataclass(frozen=True)
class CheckResult:
    """Outcome of :func:`run_check`.

    Attributes
    ----------
    name : str
        Name of the check.
    status : {"passed", "failed", "not implemented"}
        The verdict.
    message : str
        The printed line.
    n_cases : int
        How many cases were run before the verdict.

    """

    name: str
    status: str
    message: str
    n_cases: int

    @property
    def passed(self) -> bool:
        """Whether the student's function matched the reference on every case."""
        return self.status == "passed"

    def __str__(self) -> str:
        return self.message

    def _ipython_display_(self) -> None:
        """Show nothing: the check already printed its verdict."""


def _copy_args(case: Case) -> tuple[tuple[Any, ...], dict[str, Any]]:
    def cp(v: Any) -> Any:
        return v.copy() if isinstance(v, np.ndarray) else v

    return tuple(cp(a) for a in case.args), {k: cp(v) for k, v in (case.kwargs or {}).items()}


def run_check(
    name: str,
    student_fn: Callable[..., Any],
    reference_fn: Callable[..., Any],
    cases: Sequence[Case],
    *,
    atol: float = 1e-6,
    rtol: float = 1e-5,
    quiet: bool = False,
) -> CheckResult:
    """Run ``student_fn`` and ``reference_fn`` on each case and compare the answers.

    Each case gets fresh copies of its array arguments, so a function that
    modifies its input cannot spoil the next comparison.

    Parameters
    ----------
    name : str
        Name of the check, printed in the verdict.
    student_fn : callable
        The function to check.
    reference_fn : callable
        The reference implementation.
    cases : sequence of Case
        Inputs to try, at least one.
    atol, rtol : float
        Tolerances of the elementwise comparison, ``>= 0``.
    quiet : bool, default=False
        If True, print nothing.

    Returns
    -------
    CheckResult
        ``status`` is ``"not implemented"`` if the function raises
        ``NotImplementedError`` on the first case, ``"failed"`` on any wrong
        answer or other exception, ``"passed"`` otherwise.

    """
    atol, rtol, quiet = _validate_run_args(student_fn, reference_fn, cases, atol, rtol, quiet)

    def verdict(status: str, text: str, n: int) -> CheckResult:
        result = CheckResult(name, status, text, n)
        if not quiet:
            print(text)
        return result

    for i, case in enumerate(cases, start=1):
        outcome = _run_case(name, student_fn, reference_fn, case, i, atol, rtol)
        if outcome is not None:
            return verdict(*outcome)
    return verdict("passed", f"{name}: passed — matches the reference on all {len(cases)} cases.", len(cases))


def _validate_run_args(
    student_fn: Any, reference_fn: Any, cases: Any, atol: Any, rtol: Any, quiet: Any
) -> tuple[float, float, bool]:
    """Validate :func:`run_check`'s arguments; return ``(atol, rtol, quiet)``."""
    validate_callable(student_fn, "student_fn")
    validate_callable(reference_fn, "reference_fn")
    quiet = validate_bool(quiet, "quiet")
    if isinstance(cases, str | bytes) or not isinstance(cases, Sequence) or len(cases) == 0:
        raise ValueError(f"cases must be a non-empty sequence of Case, got {type(cases).__name__}")
    if not all(isinstance(case, Case) for case in cases):
        raise ValueError("cases must hold Case objects only")
    atol = validate_real(atol, "atol", low=0)
    rtol = validate_real(rtol, "rtol", low=0)
    return atol, rtol, quiet


def not_implemented(name: str, i: int) -> tuple[str, str, int]:
    """The verdict for a stub that raised ``NotImplementedError`` on case ``i``: status, message, cases passed."""
    return "not implemented", f"{name}: not implemented yet — fill in the function, then run this cell again.", i - 1


def _run_case(
    name: str,
    student_fn: Callable[..., Any],
    reference_fn: Callable[..., Any],
    case: Case,
    i: int,
    atol: float,
    rtol: float,
) -> tuple[str, str, int] | None:
    """Run case ``i`` of :func:`run_check`: ``(status, text, n)`` of a failure, None when the answer matches."""
    args, kwargs = _copy_args(case)
    expected = reference_fn(*args, **kwargs)
    args, kwargs = _copy_args(case)
    try:
        got = student_fn(*args, **kwargs)
    except NotImplementedError:
        return not_implemented(name, i)
    except Exception as exc:
        return ("failed", f"{name}: failed on case {i} ({case.describe()}): {type(exc).__name__}: {exc}", i)
    if got is None:
        return (
            "failed",
            f"{name}: failed on case {i} ({case.describe()}): the function returned None (missing return?)",
            i,
        )
    try:
        cmp = _compare_arrays(name, got, expected, atol, rtol)
    except Exception as exc:  # an answer that is not numbers (or overflows a float) is a wrong answer
        return (
            "failed",
            f"{name}: failed on case {i} ({case.describe()}): cannot read the answer as numbers "
            f"({type(exc).__name__}: {exc})",
            i,
        )
    if not cmp.shape_ok:
        shape_got, shape_want = np.shape(_as_array(got)), np.shape(_as_array(expected))
        return (
            "failed",
            f"{name}: failed on case {i} ({case.describe()}): shape {shape_got}, expected {shape_want}",
            i,
        )
    if math.isnan(cmp.max_abs_diff):
        return ("failed", f"{name}: failed on case {i} ({case.describe()}): NaN where the reference has a number", i)
    if not cmp.close:
        return (
            "failed",
            f"{name}: failed on case {i} ({case.describe()}): max |difference| {cmp.max_abs_diff:.3g} from the reference",
            i,
        )
    return None
