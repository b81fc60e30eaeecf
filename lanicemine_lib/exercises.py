"""Coding exercises: instant, offline feedback on code a student writes in a chapter.

Each chapter has "Coding exercise" cells: a function stub with a precise docstring and ``...`` where the
student writes, followed by a check cell::

    check("pk-closed-form", concentration_after_infusion)

:func:`check` calls the student's function on a few *public* inputs and compares each answer with the value
this library computes (``pk.concentration``, ``mechanism.fraction_blocked``, ``safety.risk_difference``, …).
It answers in words a student understands: *passed*, *not answered yet*, *your function raised …*, or what is
probably wrong (*your values are 2.303 times too large: decimal instead of natural log?*). It never shows a
traceback, never reveals an expected value, and stops a function that runs too long.

The same engine grades assignments: the autograder's tests (built by ``make assignments`` from the chapters)
call :func:`assert_correct` with *hidden* inputs that live only in the grader's material (``tools/grading``),
never in this package.

For education only: the reference values are model predictions and illustrative statistics, not clinical
guidance.
"""

from __future__ import annotations

import copy
import html
import math
import signal
import threading
from collections.abc import Callable, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Any

import numpy as np

from . import pk
from ._validation import check_choice, check_number

# mechanism, safety, trials and scipy.stats are imported inside the functions that use them: a graded
# notebook imports this module in a fresh kernel for every submission, and loading only what a chapter's
# exercises need keeps grading fast (statsmodels, behind `safety`, alone takes about a second).

__all__ = ["EXERCISES", "Case", "Exercise", "Feedback", "assert_correct", "check", "evaluate"]

#: Seconds one call of a student's function may take before it is stopped (checks and grading).
CALL_TIME_LIMIT_S = 10.0


# ---------------------------------------------------------------------------------------------------------
# Data model
# ---------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Case:
    """One set of inputs for a student's function.

    Parameters
    ----------
    inputs : mapping of str to value
        Arguments in the order of the documented signature (they are passed positionally, so a student who
        renames a parameter is not penalised).
    label : str
        How the inputs are described in feedback on a public case, e.g. ``"100 mg over 1 h, at t = 3 h"``.
    """

    inputs: Mapping[str, Any]
    label: str = "one of the test inputs"


@dataclass(frozen=True)
class Mistake:
    """A plausible wrong answer and what to tell the student who gives it.

    ``answer`` has the reference's signature and returns what a student making this mistake returns.
    """

    answer: Callable[..., Any]
    message: str


@dataclass(frozen=True)
class Exercise:
    """A coding exercise: what the student writes and how an answer is judged.

    Parameters
    ----------
    key : str
        Identifier used by :func:`check`, e.g. ``"pk-closed-form"``.
    chapter : str
        The chapter notebook's name under ``book/``.
    function_name : str
        The name of the function the student completes.
    title : str
        Short title shown in feedback.
    reference : callable
        The correct answer, computed with this library.
    kind : {"number", "numbers", "integer", "integers"}
        What the function returns: a float, a fixed-length tuple or array of floats, a whole number, or a
        sequence of whole numbers.
    public_cases : tuple of Case
        Inputs used by the in-notebook :func:`check`.
    mistakes : tuple of Mistake
        Plausible wrong answers, tried in order when an answer is wrong.
    rtol, atol : float
        Tolerances of the comparison with the reference.
    tolerance : callable, optional
        ``tolerance(expected, inputs) -> float``: an absolute tolerance that depends on the inputs (used by
        simulation exercises, whose answers carry Monte Carlo error); overrides ``rtol``/``atol``.
    prepare : callable, optional
        Turns the stored inputs of a case into the arguments passed (e.g. lists into arrays).
    extra : callable, optional
        ``extra(func, cases) -> str | None``: a further check after the values are right (e.g. that a
        simulation gives the same answer twice with the same seed); returns a message when it fails.
    hint : callable, optional
        ``hint(got, expected) -> str | None``: a diagnosis that needs the answers themselves (e.g. the right
        days in the wrong order); tried after the listed mistakes.
    """

    key: str
    chapter: str
    function_name: str
    title: str
    reference: Callable[..., Any]
    kind: str
    public_cases: tuple[Case, ...]
    mistakes: tuple[Mistake, ...] = ()
    rtol: float = 1e-6
    atol: float = 1e-9
    tolerance: Callable[[np.ndarray, Mapping[str, Any]], float] | None = None
    prepare: Callable[[Mapping[str, Any]], dict[str, Any]] | None = None
    extra: Callable[[Callable[..., Any], Sequence[Case]], str | None] | None = None
    hint: Callable[[list[np.ndarray], list[np.ndarray]], str | None] | None = None
    notes: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class Feedback:
    """The verdict on one exercise: ``passed`` and a message for the student.

    Shown as a coloured box in a notebook (``_repr_html_``) and as plain text elsewhere.
    """

    key: str
    title: str
    passed: bool
    message: str
    status: str = "wrong"  # "passed", "wrong", "unanswered", "error", "missing"

    def __bool__(self) -> bool:
        return self.passed

    def __repr__(self) -> str:
        head = "Passed" if self.passed else "Not yet"
        return f"{head} — {self.title}: {self.message}"

    def _repr_html_(self) -> str:
        colour = ("#e3f4e6", "#0b4f1c", "#1e7b34") if self.passed else ("#fbe9e7", "#7a1f12", "#b3261e")
        head = "Passed" if self.passed else "Not yet"
        return (
            f'<div class="lq-check" role="status" style="background:{colour[0]};color:{colour[1]};'
            f'border-left:4px solid {colour[2]};padding:.4em .8em;margin:.5em 0;border-radius:4px">'
            f"<strong>{head} — {html.escape(self.title)}.</strong> {html.escape(self.message)}</div>"
        )


class _TimeLimitExceeded(Exception):
    """Raised inside a student's function that runs longer than the time limit."""


@contextmanager
def _time_limit(seconds: float):
    """Stop the enclosed code after ``seconds`` (POSIX main thread only; elsewhere no limit)."""
    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return

    def _stop(signum, frame):
        raise _TimeLimitExceeded

    previous = signal.signal(signal.SIGALRM, _stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


# ---------------------------------------------------------------------------------------------------------
# Running and comparing answers
# ---------------------------------------------------------------------------------------------------------
class _Problem(Exception):
    """An answer that cannot be compared; the message is for the student."""

    def __init__(self, message: str, status: str = "wrong") -> None:
        super().__init__(message)
        self.status = status


def _where(case: Case, hidden: bool) -> str:
    return "for one of the hidden test inputs" if hidden else f"for {case.label}"


def _fmt(x: Any) -> str:
    arr = np.asarray(x, dtype=float)
    if arr.ndim == 0:
        return f"{float(arr):.6g}"
    items = ", ".join(f"{v:.6g}" for v in arr.ravel()[:8])
    return f"[{items}{', …' if arr.size > 8 else ''}]"


def _args(exercise: Exercise, case: Case) -> list[Any]:
    inputs = dict(case.inputs)
    if exercise.prepare is not None:
        inputs = exercise.prepare(inputs)
    return [copy.deepcopy(v) for v in inputs.values()]


def _contains_ellipsis(value: Any) -> bool:
    if value is Ellipsis:
        return True
    if isinstance(value, (list, tuple)):
        return any(_contains_ellipsis(v) for v in value)
    return False


def _as_numbers(exercise: Exercise, value: Any, expected: np.ndarray, case: Case, hidden: bool) -> np.ndarray:
    """The student's answer as a float array shaped like ``expected``, or a :class:`_Problem`."""
    where = _where(case, hidden)
    name = exercise.function_name
    if value is None or _contains_ellipsis(value):
        raise _Problem(
            f"`{name}` still returns {'None' if value is None else 'the placeholder `...`'}: replace each `...` "
            "with your code (and end with `return`), run that cell, then run this check again.",
            "unanswered",
        )
    if isinstance(value, (str, bytes, dict, set)):
        raise _Problem(f"`{name}` returned {type(value).__name__} {where}; it should return {_describe(exercise)}.")
    try:
        arr = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        raise _Problem(
            f"`{name}` returned {type(value).__name__} {where}, which is not {_describe(exercise)}."
        ) from None
    if exercise.kind in ("number", "integer"):
        if arr.size != 1:
            raise _Problem(f"`{name}` returned {arr.size} values {where}; it should return one number.")
        arr = arr.reshape(())
    elif arr.ndim != 1 or arr.shape != expected.shape:
        got = "a single number" if arr.ndim == 0 else f"{arr.size} values"
        raise _Problem(f"`{name}` returned {got} {where}; it should return {_describe(exercise, expected.size)}.")
    if exercise.kind in ("integer", "integers") and not np.all(np.isfinite(arr) & (arr == np.round(arr))):
        raise _Problem(f"`{name}` returned {_fmt(arr)} {where}; it should return whole numbers.")
    return arr


def _describe(exercise: Exercise, n: int | None = None) -> str:
    return {
        "number": "a single number",
        "numbers": f"{n or 'several'} numbers (a tuple or an array)",
        "integer": "a whole number",
        "integers": f"{n or 'several'} whole numbers (a list or an array)",
    }[exercise.kind]


def _close(exercise: Exercise, got: np.ndarray, expected: np.ndarray, inputs: Mapping[str, Any]) -> bool:
    if got.shape != expected.shape:
        return False
    if exercise.tolerance is not None:
        return bool(np.all(np.abs(got - expected) <= exercise.tolerance(expected, inputs)))
    return bool(np.allclose(got, expected, rtol=exercise.rtol, atol=exercise.atol, equal_nan=True))


#: Constant factors by which a wrong answer often differs from the right one, and what they usually mean.
_FACTORS: tuple[tuple[float, str], ...] = (
    (math.log(10.0), "2.303 (= ln 10) times too large: a decimal logarithm (log10) where a natural one (ln) belongs?"),
    (1 / math.log(10.0), "2.303 (= ln 10) times too small: a decimal logarithm (log10) where a natural one belongs?"),
    (60.0, "60 times too large: minutes where hours (or seconds where minutes) belong?"),
    (1 / 60.0, "60 times too small: minutes where hours (or hours where minutes) belong?"),
    (100.0, "100 times too large: a percentage where a fraction (0–1) belongs?"),
    (1000.0, "1000 times too large: check the units (mV vs V, µM vs mM, mg vs g)."),
    (1e-3, "1000 times too small: check the units (mV vs V, µM vs mM, mg vs g)."),
    (1000.0 / pk.MOLAR_MASS_FREE_BASE_G_PER_MOL, "5.04 times too large: µM where mg/L belongs?"),
    (2.0, "twice the expected size: a missing ½ or an extra factor 2?"),
    (0.5, "half the expected size: a missing factor 2?"),
    (-1.0, "right in size but with the wrong sign."),
)


def _constant_factor(got: list[np.ndarray], expected: list[np.ndarray]) -> str | None:
    g = np.concatenate([np.ravel(x) for x in got])
    e = np.concatenate([np.ravel(x) for x in expected])
    keep = (np.abs(e) > 1e-12) & np.isfinite(g) & np.isfinite(e)
    if keep.sum() < 1:
        return None
    ratio = g[keep] / e[keep]
    for factor, text in _FACTORS:
        if np.allclose(ratio, factor, rtol=2e-3):
            return f"Your values are {text}"
    return None


def _call(func: Callable[..., Any], args: list[Any], seconds: float) -> Any:
    with _time_limit(seconds):
        return func(*args)


def evaluate(
    key: str,
    func: Any,
    cases: Sequence[Case | Mapping[str, Any]] | None = None,
    *,
    hidden: bool = False,
    time_limit_s: float = CALL_TIME_LIMIT_S,
) -> Feedback:
    """Judge a student's function on the exercise's public cases (or on ``cases``) and say what is wrong.

    Parameters
    ----------
    key : str
        The exercise (a key of :data:`EXERCISES`).
    func : callable
        The student's function.
    cases : sequence of Case or of input mappings, optional
        Inputs to use instead of the public ones (the grader passes hidden ones).
    hidden : bool
        Whether the inputs are hidden: feedback then never describes them.
    time_limit_s : float
        Seconds one call may take, in (0, 600].

    Returns
    -------
    Feedback
        Never raises for anything the student did; a bad ``key`` raises ``ValueError``.
    """
    exercise = EXERCISES[check_choice("key", key, tuple(EXERCISES))]
    time_limit_s = check_number("time_limit_s", time_limit_s, "s", 0.0, 600.0, low_open=True)
    chosen = exercise.public_cases if cases is None else tuple(c if isinstance(c, Case) else Case(c) for c in cases)
    name = exercise.function_name

    def verdict(passed: bool, message: str, status: str) -> Feedback:
        return Feedback(key=exercise.key, title=exercise.title, passed=passed, message=message, status=status)

    if func is None:
        return verdict(
            False,
            f"`{name}` is not defined: run the cell that defines it (or restore it if it was deleted).",
            "missing",
        )
    if not callable(func):
        return verdict(False, f"`{name}` should be a function (a `def`), but it is a {type(func).__name__}.", "missing")

    got_all: list[np.ndarray | None] = []  # None: the call failed with an arithmetic error (e.g. overflow)
    expected_all: list[np.ndarray] = []
    wrong: list[tuple[Case, np.ndarray | None, np.ndarray]] = []
    arithmetic: tuple[Case, Exception] | None = None
    for case in chosen:
        args = _args(exercise, case)
        expected = np.asarray(exercise.reference(*copy.deepcopy(args)), dtype=float)
        try:
            value = _call(func, args, time_limit_s)
        except _TimeLimitExceeded:
            return verdict(
                False,
                f"`{name}` did not finish within {time_limit_s:g} s {_where(case, hidden)}: is there a loop that "
                "never ends?",
                "error",
            )
        except Exception as err:  # noqa: BLE001 - any error in student code becomes feedback, not a traceback
            if isinstance(err, TypeError) and "ellipsis" in str(err):
                return verdict(
                    False,
                    f"`{name}` still uses a placeholder `...` in a calculation ({err}). Replace every `...` with "
                    "your code, run the cell, then run this check again.",
                    "unanswered",
                )
            if isinstance(err, ArithmeticError):  # overflow, division by zero: often a unit mistake; diagnose below
                arithmetic = arithmetic or (case, err)
                got_all.append(None)
                expected_all.append(expected)
                wrong.append((case, None, expected))
                continue
            return _error_verdict(verdict, name, case, err, hidden)
        try:
            got = _as_numbers(exercise, value, expected, case, hidden)
        except _Problem as problem:
            return verdict(False, str(problem), problem.status)
        got_all.append(got)
        expected_all.append(expected)
        if not _close(exercise, got, expected, case.inputs):
            wrong.append((case, got, expected))

    if not wrong:
        if exercise.extra is not None:
            message = exercise.extra(func, chosen)
            if message:
                return verdict(False, message, "wrong")
        return verdict(True, f"`{name}` gives the expected answer on all {len(chosen)} checks.", "passed")

    diagnosis = _diagnose(exercise, chosen, got_all)
    if arithmetic is not None and diagnosis is None:
        return _error_verdict(verdict, name, arithmetic[0], arithmetic[1], hidden)
    answered = [(g, e) for g, e in zip(got_all, expected_all) if g is not None]
    if diagnosis is None and exercise.hint is not None:
        diagnosis = exercise.hint([g for g, _ in answered], [e for _, e in answered])
    if diagnosis is None:
        diagnosis = _constant_factor([g for g, _ in answered], [e for _, e in answered])
    case, got, _ = next((w for w in wrong if w[1] is not None), wrong[0])
    if got is None:
        shown = "" if hidden else f" (your function stopped with {type(arithmetic[1]).__name__} for {case.label})"
        return verdict(False, f"{diagnosis}{shown}", "wrong")
    shown = "" if hidden else f" (you returned {_fmt(got)} for {case.label})"
    if diagnosis:
        return verdict(False, f"{diagnosis}{shown}", "wrong")
    return verdict(
        False,
        f"{len(wrong)} of {len(chosen)} checks give a different answer{shown}. Compare your code with the formula "
        "in the chapter and with the units in the docstring.",
        "wrong",
    )


def _error_verdict(verdict: Callable[..., Feedback], name: str, case: Case, err: Exception, hidden: bool) -> Feedback:
    return verdict(
        False,
        f"`{name}` stopped with an error {_where(case, hidden)}: {type(err).__name__}: {err}. Call it yourself on "
        "these inputs to see which line fails.",
        "error",
    )


def _diagnose(exercise: Exercise, cases: Sequence[Case], got_all: list[np.ndarray | None]) -> str | None:
    """The message of the first mistake whose answers match the student's on every case.

    A case where the student's function failed with an arithmetic error (``None``) matches a mistake that fails
    the same way there (an exponent in mV instead of V overflows, for instance).
    """
    for mistake in exercise.mistakes:
        matched = True
        for case, got in zip(cases, got_all):
            try:
                wrong = np.asarray(mistake.answer(*_args(exercise, case)), dtype=float)
            except ArithmeticError:
                if got is None:
                    continue
                matched = False
                break
            except ValueError:
                matched = False
                break
            if got is None or not _close(exercise, got, wrong, case.inputs):
                matched = False
                break
        if matched:
            return mistake.message
    return None


def check(key: str, func: Any) -> Feedback:
    """Check a coding exercise in the notebook and say, in words, whether it is right.

    Parameters
    ----------
    key : str
        The exercise, as given in the chapter (e.g. ``"pk-closed-form"``).
    func : callable
        Your function.

    Returns
    -------
    Feedback
        Displayed as a green (passed) or red (not yet) box with the reason. Offline; it never shows a
        traceback, and it stops a function that runs longer than 10 s.

    Examples
    --------
    >>> def macro_constants(cl_l_per_h, v1_l, v2_l, q_l_per_h):
    ...     return ...
    >>> check("pk-macro-constants", macro_constants).status
    'unanswered'
    """
    try:
        return evaluate(key, func)
    except ValueError as err:
        return Feedback(key=str(key), title="check", passed=False, message=str(err), status="error")


def assert_correct(
    key: str,
    namespace: Mapping[str, Any] | Callable[..., Any] | None,
    cases: Sequence[Mapping[str, Any]] | None = None,
    *,
    hidden: bool = False,
    time_limit_s: float = CALL_TIME_LIMIT_S,
) -> None:
    """Raise ``AssertionError`` with the student-facing message unless the answer is right (for autograders).

    Parameters
    ----------
    key : str
        The exercise.
    namespace : mapping or callable or None
        The executed notebook's global variables (the function is looked up by its name there), or the
        function itself.
    cases : sequence of mappings, optional
        Inputs (hidden tests pass their own); default the public cases.
    hidden : bool
        Whether ``cases`` are hidden (feedback then never describes them).
    time_limit_s : float
        Seconds one call may take.
    """
    exercise = EXERCISES[check_choice("key", key, tuple(EXERCISES))]
    func = namespace.get(exercise.function_name) if isinstance(namespace, Mapping) else namespace
    feedback = evaluate(key, func, cases, hidden=hidden, time_limit_s=time_limit_s)
    if not feedback.passed:
        raise AssertionError(feedback.message)


# ---------------------------------------------------------------------------------------------------------
# Pharmacokinetics
# ---------------------------------------------------------------------------------------------------------
def _macro_reference(cl_l_per_h: float, v1_l: float, v2_l: float, q_l_per_h: float) -> tuple[float, float]:
    p = pk.PKParameters(cl=cl_l_per_h, v1=v1_l, v2=v2_l, q=q_l_per_h)
    return p.alpha, p.beta


def _macro_from(s: float, product: float, half: float = 0.5) -> tuple[float, float]:
    root = math.sqrt(s * s - 4.0 * product)
    return half * (s + root), half * (s - root)


def _macro_swapped_micro(cl, v1, v2, q):
    return _macro_from(cl / v1 + q / v1 + q / v2, (cl / v1) * (q / v1))


def _macro_no_half(cl, v1, v2, q):
    return _macro_from(cl / v1 + q / v1 + q / v2, (cl / v1) * (q / v2), half=1.0)


def _macro_order_swapped(cl, v1, v2, q):
    a, b = _macro_reference(cl, v1, v2, q)
    return b, a


def _macro_half_lives(cl, v1, v2, q):
    a, b = _macro_reference(cl, v1, v2, q)
    return math.log(2) / a, math.log(2) / b


def _macro_per_minute(cl, v1, v2, q):
    a, b = _macro_reference(cl, v1, v2, q)
    return a / 60.0, b / 60.0


def _single_infusion(
    t_h: float,
    dose_mg: float,
    duration_h: float,
    cl: float,
    v1: float,
    v2: float,
    q: float,
    *,
    shift: bool = True,
    switch: bool = True,
    swap_weights: bool = False,
    bolus: bool = False,
    one_compartment: bool = False,
) -> float:
    """The chapter's closed form for one infusion, with switches that reproduce common mistakes."""
    p = pk.PKParameters(cl=cl, v1=v1, v2=v2, q=q)
    a, b, k21 = p.alpha, p.beta, p.k21
    ca, cb = (a - k21) / ((a - b) * v1), (k21 - b) / ((a - b) * v1)
    if swap_weights:
        ca, cb = cb, ca
    if one_compartment:
        ca, cb, b = 0.0, 1.0 / v1, cl / v1
    if bolus:
        return dose_mg * (ca * math.exp(-a * t_h) + cb * math.exp(-b * t_h))
    rate = dose_mg / duration_h
    if t_h <= duration_h or not switch:
        return rate * (ca / a * -math.expm1(-a * t_h) + cb / b * -math.expm1(-b * t_h))
    since = t_h - duration_h if shift else t_h
    return rate * (
        ca / a * -math.expm1(-a * duration_h) * math.exp(-a * since)
        + cb / b * -math.expm1(-b * duration_h) * math.exp(-b * since)
    )


def _conc_reference(t_h, dose_mg, duration_h, cl_l_per_h=9.43, v1_l=106.0, v2_l=47.3, q_l_per_h=75.7) -> float:
    regimen = pk.Regimen.single(dose_mg=dose_mg, duration_h=duration_h)
    return pk.concentration(t_h, regimen, pk.PKParameters(cl=cl_l_per_h, v1=v1_l, v2=v2_l, q=q_l_per_h))


def _conc_mistake(**switches: bool) -> Callable[..., float]:
    def answer(t_h, dose_mg, duration_h, cl=9.43, v1=106.0, v2=47.3, q=75.7):
        return _single_infusion(t_h, dose_mg, duration_h, cl, v1, v2, q, **switches)

    return answer


def _conc_minutes(t_h, dose_mg, duration_h, cl=9.43, v1=106.0, v2=47.3, q=75.7):
    return _single_infusion(t_h, dose_mg, duration_h / 60.0, cl, v1, v2, q)


def _conc_dose_as_rate(t_h, dose_mg, duration_h, cl=9.43, v1=106.0, v2=47.3, q=75.7):
    return _single_infusion(t_h, dose_mg, duration_h, cl, v1, v2, q) * duration_h


def _half_life_reference(t1_h: float, c1_mg_per_l: float, t2_h: float, c2_mg_per_l: float) -> float:
    return math.log(2.0) * (t2_h - t1_h) / math.log(c1_mg_per_l / c2_mg_per_l)


def _pk_samples(t1: float, t2: float, dose: float = 100.0, cl: float = 9.43) -> dict[str, float]:
    reg = pk.Regimen.single(dose)
    params = pk.PKParameters(cl=cl)
    return {
        "t1_h": t1,
        "c1_mg_per_l": round(pk.concentration(t1, reg, params), 6),
        "t2_h": t2,
        "c2_mg_per_l": round(pk.concentration(t2, reg, params), 6),
    }


# ---------------------------------------------------------------------------------------------------------
# Mechanism
# ---------------------------------------------------------------------------------------------------------
#: zδ of lanicemine as the library derives it (`mechanism.BLOCKERS["lanicemine"].z_delta`; a test keeps them equal).
LANICEMINE_Z_DELTA = 0.7556736976810682
_FARADAY_C_PER_MOL = 96485.33212  # = mechanism.FARADAY_C_PER_MOL
_GAS_CONSTANT_J_PER_MOL_K = 8.314462618  # = mechanism.GAS_CONSTANT_J_PER_MOL_K


def _block_reference(conc_um, voltage_mv, kd0_um=60.0, z_delta=0.756, temperature_c=37.0) -> float:
    from . import mechanism

    lanicemine = mechanism.BLOCKERS["lanicemine"]
    blocker = replace(lanicemine, kd0_um=kd0_um, z_delta=z_delta, temperature_c=temperature_c)
    return mechanism.fraction_blocked(conc_um, voltage_mv, drug=blocker)


def _kd(voltage_mv, kd0_um, z_delta, temperature_c, *, volts=1e-3, kelvin=273.15, sign=1.0, base=math.e):
    exponent = sign * z_delta * _FARADAY_C_PER_MOL * voltage_mv * volts
    exponent /= _GAS_CONSTANT_J_PER_MOL_K * (temperature_c + kelvin)
    return kd0_um * base**exponent


def _block_mistake(**how: Any) -> Callable[..., float]:
    def answer(conc_um, voltage_mv, kd0_um=60.0, z_delta=0.756, temperature_c=37.0):
        kd = _kd(voltage_mv, kd0_um, z_delta, temperature_c, **how)
        return conc_um / (conc_um + kd)

    return answer


def _block_unblocked(conc_um, voltage_mv, kd0_um=60.0, z_delta=0.756, temperature_c=37.0):
    return 1.0 - _block_reference(conc_um, voltage_mv, kd0_um, z_delta, temperature_c)


def _block_kd(conc_um, voltage_mv, kd0_um=60.0, z_delta=0.756, temperature_c=37.0):
    return _kd(voltage_mv, kd0_um, z_delta, temperature_c)


def _trapped_reference(k_off_per_s, closing_rate_per_s=0.788, opening_rate_per_s=20.0) -> float:
    from . import mechanism

    blocker = replace(mechanism.BLOCKERS["lanicemine"], k_off_per_s=k_off_per_s)
    gating = mechanism.GatingParameters(opening_rate_per_s=opening_rate_per_s, closing_rate_per_s=closing_rate_per_s)
    return mechanism.trapped_fraction(blocker, gating=gating)


def _race_only(k_off_per_s, closing_rate_per_s=0.788, opening_rate_per_s=20.0):
    return closing_rate_per_s / (closing_rate_per_s + k_off_per_s)


def _escape(k_off_per_s, closing_rate_per_s=0.788, opening_rate_per_s=20.0):
    p = opening_rate_per_s / (opening_rate_per_s + closing_rate_per_s)
    return (1 - p) + p * k_off_per_s / (closing_rate_per_s + k_off_per_s)


def _wrong_open_share(k_off_per_s, closing_rate_per_s=0.788, opening_rate_per_s=20.0):
    p = closing_rate_per_s / (opening_rate_per_s + closing_rate_per_s)
    return (1 - p) + p * closing_rate_per_s / (closing_rate_per_s + k_off_per_s)


# ---------------------------------------------------------------------------------------------------------
# Trial protocols
# ---------------------------------------------------------------------------------------------------------
def _days(thrice_weekly_weeks, weekly_weeks, *, first_week=1, thrice=(0, 2, 4), weekly=(0,), scale=1):
    days = [7 * (w - first_week) + d for w in thrice_weekly_weeks for d in thrice]
    days += [7 * (w - first_week) + d for w in weekly_weeks for d in weekly]
    return [scale * d for d in sorted(days)]


def _calendar_reference(thrice_weekly_weeks, weekly_weeks) -> list[int]:
    days = _days(thrice_weekly_weeks, weekly_weeks)
    regimen = pk.Regimen.repeated(100.0, [24.0 * d for d in days], duration_h=1.0)
    return [int(d) for d in regimen.to_frame()["day"]]


def _calendar_prepare(inputs: Mapping[str, Any]) -> dict[str, Any]:
    return {k: [int(w) for w in v] for k, v in inputs.items()}


def _calendar_hint(got: list[np.ndarray], expected: list[np.ndarray]) -> str | None:
    if all(np.array_equal(np.sort(g), e) for g, e in zip(got, expected)):
        return "The right days, but not in order: return them sorted from the first infusion to the last."
    return None


def _locf_prepare(inputs: Mapping[str, Any]) -> dict[str, Any]:
    rows = [[math.nan if v is None else float(v) for v in row] for row in inputs["scores"]]
    return {"scores": np.array(rows, dtype=float)}


def _last_observed(scores: np.ndarray) -> np.ndarray:
    observed = ~np.isnan(scores)
    last = scores.shape[1] - 1 - np.argmax(observed[:, ::-1], axis=1)
    return scores[np.arange(scores.shape[0]), last]


def _locf_reference(scores) -> np.ndarray:
    scores = np.asarray(scores, dtype=float)
    return _last_observed(scores) - scores[:, 0]


def _locf_completers(scores):
    scores = np.asarray(scores, dtype=float)
    return scores[:, -1] - scores[:, 0]


def _locf_bocf(scores):
    scores = np.asarray(scores, dtype=float)
    return np.where(np.isnan(scores[:, -1]), 0.0, scores[:, -1] - scores[:, 0])


def _locf_score(scores):
    return _last_observed(np.asarray(scores, dtype=float))


def _locf_mean(scores):
    scores = np.asarray(scores, dtype=float)
    return np.nanmean(scores[:, 1:], axis=1) - scores[:, 0]


def simulated_scores(seed: int, n_per_arm: int = 6, endpoint_week: int = 6) -> list[list[float | None]]:
    """Weekly MADRS scores of one simulated trial (``trials.simulate_trials``), rounded to 0.1, None after dropout."""
    from . import trials

    sim = trials.simulate_trials(n_per_arm, -3.0, 1, seed=seed, endpoint_week=endpoint_week, return_data=True)
    madrs = np.round(sim.madrs[0], 1)
    return [[None if math.isnan(v) else float(v) for v in row] for row in madrs]


#: ``simulated_scores(11)``, stored so that importing this module runs no simulation (a test keeps them equal).
_SIMULATED_TRIAL_SEED_11 = (
    (29.4, 33.0, 22.2, None, None, None, None),
    (35.0, 23.6, None, None, None, None, None),
    (36.3, 6.9, 13.4, 8.6, 16.2, 18.6, 21.3),
    (25.6, 22.3, 11.4, 18.2, 18.6, 17.6, 21.4),
    (29.8, 29.7, 22.2, 27.5, 22.4, 22.1, 21.2),
    (42.3, 47.6, 52.9, 47.6, 44.4, 44.0, 43.4),
    (27.7, 26.6, 8.8, 15.2, None, None, None),
    (29.4, 30.4, 28.3, 25.7, 14.8, 7.6, None),
    (43.1, 30.1, None, None, None, None, None),
    (36.6, 39.3, 36.7, 28.8, 23.0, 17.5, 22.0),
    (33.3, 39.5, 30.4, 26.5, 20.8, 12.0, 21.3),
    (35.2, 35.4, 28.0, 24.4, 9.8, None, None),
)


# ---------------------------------------------------------------------------------------------------------
# Safety
# ---------------------------------------------------------------------------------------------------------
_Z95 = 1.959963984540054  # scipy.stats.norm.isf(0.025)


def _rd_reference(events_a, n_a, events_b, n_b) -> tuple[float, float, float]:
    from . import safety

    r = safety.risk_difference(events_a, n_a, events_b, n_b)
    return r.estimate, r.ci_low, r.ci_high


def _wilson(x: int, n: int, z: float = _Z95) -> tuple[float, float]:
    p = x / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return centre - half, centre + half


def _rd_wald(events_a, n_a, events_b, n_b):
    from . import safety

    r = safety.risk_difference(events_a, n_a, events_b, n_b, method="wald")
    return r.estimate, r.ci_low, r.ci_high


def _rd_swapped_arms(events_a, n_a, events_b, n_b):
    return _rd_reference(events_b, n_b, events_a, n_a)


def _rd_percent(events_a, n_a, events_b, n_b):
    return tuple(100.0 * v for v in _rd_reference(events_a, n_a, events_b, n_b))


def _rd_crossed(events_a, n_a, events_b, n_b):
    p1, p2 = events_a / n_a, events_b / n_b
    l1, u1 = _wilson(events_a, n_a)
    l2, u2 = _wilson(events_b, n_b)
    d = p1 - p2
    return d, d - math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2), d + math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2)


def _rd_z90(events_a, n_a, events_b, n_b):
    from . import safety

    r = safety.risk_difference(events_a, n_a, events_b, n_b, alpha=0.10)
    return r.estimate, r.ci_low, r.ci_high


def _bound_reference(n_patients: int, confidence: float = 0.95) -> float:
    from scipy import stats

    from . import safety

    if confidence == 0.95:
        return safety.rule_of_three(n_patients).exact_one_sided_95
    return float(stats.beta.ppf(confidence, 1, n_patients))


def _bound_rule_of_three(n_patients, confidence=0.95):
    return -math.log(1 - confidence) / n_patients


def _bound_log10(n_patients, confidence=0.95):
    return 1 - math.exp(math.log10(1 - confidence) / n_patients)


def _bound_confidence(n_patients, confidence=0.95):
    return 1 - confidence ** (1 / n_patients)


def _bound_two_sided(n_patients, confidence=0.95):
    return 1 - ((1 - confidence) / 2) ** (1 / n_patients)


def _bound_percent(n_patients, confidence=0.95):
    return 100 * _bound_reference(n_patients, confidence)


# ---------------------------------------------------------------------------------------------------------
# Lessons
# ---------------------------------------------------------------------------------------------------------
def _power_reference(n_per_arm, effect, sd, n_trials=2000, seed=0) -> float:
    from . import trials

    return trials.analytic_power(n_per_arm, effect, sd)


def _power_tolerance(expected: np.ndarray, inputs: Mapping[str, Any]) -> float:
    p = float(np.clip(expected, 0.0, 1.0))
    n_trials = int(inputs.get("n_trials", 2000))
    return 4.5 * math.sqrt(max(p * (1 - p), 0.01) / n_trials) + 0.005


def _t_power(n_per_arm: int, effect: float, sd: float, alpha: float = 0.05, tails: int = 2) -> float:
    """Power of the equal-arm two-sample t test (``tails`` = 2: two-sided; 1: one-sided at ``alpha``)."""
    from scipy import stats

    df = 2 * n_per_arm - 2
    ncp = effect / (sd * math.sqrt(2 / n_per_arm))
    crit = float(stats.t.isf(alpha / tails, df))
    return float(stats.nct.sf(crit, df, ncp) + stats.nct.cdf(-crit, df, ncp))


def _power_variance(n_per_arm, effect, sd, n_trials=2000, seed=0):
    return _t_power(n_per_arm, effect, sd * sd)


def _power_one_sided(n_per_arm, effect, sd, n_trials=2000, seed=0):
    return _t_power(n_per_arm, effect, sd, tails=1)


def _power_complement(n_per_arm, effect, sd, n_trials=2000, seed=0):
    return 1 - _power_reference(n_per_arm, effect, sd)


def _power_percent(n_per_arm, effect, sd, n_trials=2000, seed=0):
    return 100 * _power_reference(n_per_arm, effect, sd)


def _power_extra(func: Callable[..., Any], cases: Sequence[Case]) -> str | None:
    args = list(cases[0].inputs.values())
    try:
        first = float(_call(func, list(args), CALL_TIME_LIMIT_S))
        second = float(_call(func, list(args), CALL_TIME_LIMIT_S))
    except Exception:  # noqa: BLE001 - already called successfully once; any new failure is reported plainly
        return "Your function gave an answer once but failed when called again with the same inputs."
    if first != second:
        return (
            "The values are about right, but two calls with the same seed gave different answers "
            f"({first:.4g} and {second:.4g}): create the generator inside the function with "
            "`rng = np.random.default_rng(seed)` and draw every random number from it."
        )
    return None


def _smallest_n(effect: float, sd: float, power: float, alpha: float, tails: int = 2) -> int:
    from scipy import stats

    z = float(stats.norm.isf(alpha / tails) + stats.norm.ppf(power))
    n = max(2, math.ceil(2 * (z * sd / effect) ** 2) - 5)
    while _t_power(n, effect, sd, alpha, tails) < power:
        n += 1
    return n


def _n_reference(effect, sd, power=0.8, alpha=0.05) -> int:
    from . import trials

    n = _smallest_n(effect, sd, power, alpha)
    if trials.analytic_power(n, effect, sd, alpha) < power or trials.analytic_power(n - 1, effect, sd, alpha) >= power:
        raise ArithmeticError("the reference sample size disagrees with trials.analytic_power")
    return n


def _n_normal_formula(effect, sd, power=0.8, alpha=0.05):
    from scipy import stats

    z = float(stats.norm.isf(alpha / 2) + stats.norm.ppf(power))
    return math.ceil(2 * (z * sd / effect) ** 2)


def _n_one_sided(effect, sd, power=0.8, alpha=0.05):
    return _smallest_n(effect, sd, power, alpha, tails=1)


def _n_total(effect, sd, power=0.8, alpha=0.05):
    return 2 * _n_reference(effect, sd, power, alpha)


def _n_rounded_down(effect, sd, power=0.8, alpha=0.05):
    return _n_reference(effect, sd, power, alpha) - 1


def _n_variance(effect, sd, power=0.8, alpha=0.05):
    return _smallest_n(effect, sd * sd, power, alpha)


# ---------------------------------------------------------------------------------------------------------
# The exercises
# ---------------------------------------------------------------------------------------------------------
def _build() -> Mapping[str, Exercise]:
    typical = {"cl_l_per_h": 9.43, "v1_l": 106.0, "v2_l": 47.3, "q_l_per_h": 75.7}
    items = [
        Exercise(
            key="pk-macro-constants",
            chapter="pharmacokinetics",
            function_name="macro_constants",
            title="micro- to macro-constants",
            reference=_macro_reference,
            kind="numbers",
            public_cases=(
                Case(typical, "the PopPK typical values"),
                Case({"cl_l_per_h": 5.0, "v1_l": 50.0, "v2_l": 100.0, "q_l_per_h": 10.0}, "CL 5, V1 50, V2 100, Q 10"),
            ),
            mistakes=(
                Mistake(_macro_order_swapped, "α and β are swapped: return the fast constant α first, then β."),
                Mistake(
                    _macro_swapped_micro,
                    "The product α·β should be k10·k21 with k21 = Q/V2; your answer matches k10·k12 (k12 = Q/V1 "
                    "and k21 = Q/V2 mixed up?).",
                ),
                Mistake(_macro_no_half, "Your α and β are twice too large: the roots carry a factor ½."),
                Mistake(_macro_half_lives, "These are the half-lives ln 2/α and ln 2/β; return the rate constants."),
                Mistake(_macro_per_minute, "Your constants are per minute; return them per hour (1/h)."),
            ),
        ),
        Exercise(
            key="pk-closed-form",
            chapter="pharmacokinetics",
            function_name="concentration_after_infusion",
            title="the concentration after an infusion",
            reference=_conc_reference,
            kind="number",
            public_cases=(
                Case({"t_h": 0.5, "dose_mg": 100.0, "duration_h": 1.0}, "100 mg over 1 h, at t = 0.5 h"),
                Case({"t_h": 1.0, "dose_mg": 100.0, "duration_h": 1.0}, "100 mg over 1 h, at t = 1 h"),
                Case({"t_h": 3.0, "dose_mg": 100.0, "duration_h": 1.0}, "100 mg over 1 h, at t = 3 h"),
                Case({"t_h": 24.0, "dose_mg": 100.0, "duration_h": 1.0}, "100 mg over 1 h, at t = 24 h"),
                Case({"t_h": 6.0, "dose_mg": 50.0, "duration_h": 2.0}, "50 mg over 2 h, at t = 6 h"),
                Case({"t_h": 4.0, "dose_mg": 150.0, "duration_h": 0.5}, "150 mg over 30 min, at t = 4 h"),
            ),
            mistakes=(
                Mistake(
                    _conc_mistake(shift=False),
                    "After the infusion ends, each mode decays for t − T hours, not t: your curve is off by the "
                    "infusion length (use e^(−α(t−T)) and e^(−β(t−T))).",
                ),
                Mistake(
                    _conc_mistake(switch=False),
                    "After the infusion ends you keep using the during-infusion formula, so the concentration keeps "
                    "rising; switch to the decay formula for t > T.",
                ),
                Mistake(
                    _conc_minutes,
                    "It looks as if you converted duration_h from minutes; it is already in hours (1.0 = 60 min).",
                ),
                Mistake(
                    _conc_dose_as_rate,
                    "The infusion rate is R0 = dose/duration (mg/h); your answer uses the dose itself as the rate.",
                ),
                Mistake(
                    _conc_mistake(bolus=True),
                    "This is the curve of an instant (bolus) injection; the drug is infused over duration_h hours.",
                ),
                Mistake(
                    _conc_mistake(swap_weights=True),
                    "The two mode weights are swapped: c_α = (α − k21)/((α − β)V1) and c_β = (k21 − β)/((α − β)V1).",
                ),
                Mistake(
                    _conc_mistake(one_compartment=True),
                    "This is a one-compartment curve (V1 and CL only); the model has two compartments.",
                ),
            ),
        ),
        Exercise(
            key="pk-half-life",
            chapter="pharmacokinetics",
            function_name="half_life_from_two_samples",
            title="a terminal half-life from two blood samples",
            reference=_half_life_reference,
            kind="number",
            public_cases=(
                Case(_pk_samples(12.0, 36.0), "the model's concentrations 12 h and 36 h after 100 mg"),
                Case(
                    {"t1_h": 8.0, "c1_mg_per_l": 0.40, "t2_h": 20.0, "c2_mg_per_l": 0.10},
                    "0.40 mg/L at 8 h, 0.10 at 20 h",
                ),
            ),
            mistakes=(
                Mistake(
                    lambda t1, c1, t2, c2: math.log(2) * (t2 - t1) / math.log10(c1 / c2),
                    "Your half-life is 2.303 (= ln 10) times too long: a decimal log (log10) for the slope but the "
                    "natural ln 2 on top. Use the same log for both — ln for both is the usual way.",
                ),
                Mistake(
                    lambda t1, c1, t2, c2: math.log10(2) * (t2 - t1) / math.log(c1 / c2),
                    "Your half-life is 2.303 (= ln 10) times too short: the decimal log10 2 (0.301) on top of a "
                    "natural-log slope; use ln 2 (0.693).",
                ),
                Mistake(
                    lambda t1, c1, t2, c2: math.log(c1 / c2) / (t2 - t1),
                    "This is the elimination rate constant k (1/h); the half-life is ln 2 / k.",
                ),
                Mistake(
                    lambda t1, c1, t2, c2: (t2 - t1) / math.log(c1 / c2),
                    "This is 1/k (the mean residence of the phase); multiply by ln 2 to get the half-life.",
                ),
                Mistake(
                    lambda t1, c1, t2, c2: -_half_life_reference(t1, c1, t2, c2),
                    "Your half-life is negative: the concentration falls, so use ln(c1/c2), not ln(c2/c1).",
                ),
                Mistake(
                    lambda t1, c1, t2, c2: 60 * _half_life_reference(t1, c1, t2, c2),
                    "Your half-life is in minutes; return it in hours, like the times you were given.",
                ),
            ),
        ),
        Exercise(
            key="mech-woodhull",
            chapter="mechanism",
            function_name="fraction_blocked_at",
            title="Woodhull block at a voltage",
            reference=_block_reference,
            kind="number",
            public_cases=(
                Case(
                    {
                        "conc_um": 11.0,
                        "voltage_mv": -60.0,
                        "kd0_um": 60.0,
                        "z_delta": LANICEMINE_Z_DELTA,
                        "temperature_c": 37.0,
                    },
                    "11 µM at −60 mV (lanicemine)",
                ),
                Case(
                    {
                        "conc_um": 3.7,
                        "voltage_mv": -80.0,
                        "kd0_um": 60.0,
                        "z_delta": LANICEMINE_Z_DELTA,
                        "temperature_c": 37.0,
                    },
                    "3.7 µM at −80 mV (lanicemine)",
                ),
                Case(
                    {
                        "conc_um": 50.0,
                        "voltage_mv": 0.0,
                        "kd0_um": 60.0,
                        "z_delta": LANICEMINE_Z_DELTA,
                        "temperature_c": 37.0,
                    },
                    "50 µM at 0 mV (lanicemine)",
                ),
                Case(
                    {"conc_um": 10.0, "voltage_mv": -40.0, "kd0_um": 20.0, "z_delta": 0.9, "temperature_c": 22.0},
                    "10 µM at −40 mV, K_D(0) 20 µM, zδ 0.9, 22 °C",
                ),
            ),
            mistakes=(
                Mistake(
                    _block_mistake(volts=1.0),
                    "The voltage must be in volts inside the exponent: divide voltage_mv by 1000 (F·V/(R·T) uses V, "
                    "not mV).",
                ),
                Mistake(
                    _block_mistake(kelvin=0.0),
                    "The temperature in R·T must be in kelvin: add 273.15 to temperature_c.",
                ),
                Mistake(
                    _block_mistake(sign=-1.0),
                    "The sign of the exponent is flipped: block should get stronger (K_D smaller) at negative "
                    "voltages, K_D(V) = K_D(0)·exp(+zδFV/RT) with V < 0.",
                ),
                Mistake(
                    _block_mistake(base=10.0),
                    "Use the natural exponential exp(…), not 10**(…): the Woodhull equation is written with e.",
                ),
                Mistake(_block_unblocked, "This is the fraction *not* blocked, K_D/(c + K_D); return c/(c + K_D)."),
                Mistake(_block_kd, "This is K_D(V) in µM; return the fraction blocked c/(c + K_D(V))."),
                Mistake(
                    lambda c, v, kd0, zd, t: 100 * _block_reference(c, v, kd0, zd, t),
                    "Return a fraction between 0 and 1, not a percentage.",
                ),
            ),
        ),
        Exercise(
            key="mech-trapping",
            chapter="mechanism",
            function_name="trapped_fraction_race",
            title="the trapping probability of the race",
            reference=_trapped_reference,
            kind="number",
            public_cases=(
                Case({"k_off_per_s": 0.722, "closing_rate_per_s": 0.788, "opening_rate_per_s": 20.0}, "lanicemine"),
                Case({"k_off_per_s": 0.05, "closing_rate_per_s": 0.788, "opening_rate_per_s": 20.0}, "k_off 0.05 /s"),
                Case({"k_off_per_s": 3.0, "closing_rate_per_s": 2.0, "opening_rate_per_s": 5.0}, "k_off 3, β 2, α 5"),
            ),
            mistakes=(
                Mistake(
                    _escape,
                    "You used the probability that the drug escapes, k_off/(β + k_off); the channel traps it when "
                    "closing wins: β/(β + k_off).",
                ),
                Mistake(
                    _race_only,
                    "That is the race for the open-blocked channels only; the closed-blocked share (1 − p, with "
                    "p = α/(α + β)) is trapped from the start, so add it.",
                ),
                Mistake(
                    _wrong_open_share,
                    "The open share is p = α/(α + β) (opening rate over the sum), not β/(α + β).",
                ),
                Mistake(
                    lambda k, b, a: 100 * _trapped_reference(k, b, a),
                    "Return a fraction between 0 and 1, not a percentage.",
                ),
            ),
        ),
        Exercise(
            key="trials-calendar",
            chapter="trial_protocols",
            function_name="course_days",
            title="a dosing calendar",
            reference=_calendar_reference,
            kind="integers",
            prepare=_calendar_prepare,
            hint=_calendar_hint,
            public_cases=(
                Case({"thrice_weekly_weeks": [1, 2, 3], "weekly_weeks": []}, "the Study 9 schedule"),
                Case({"thrice_weekly_weeks": [1, 2, 3], "weekly_weeks": [4, 5, 6, 8, 10, 12]}, "the Study 31 schedule"),
                Case(
                    {"thrice_weekly_weeks": [2], "weekly_weeks": [1, 3]},
                    "thrice weekly in week 2, weekly in weeks 1 and 3",
                ),
            ),
            mistakes=(
                Mistake(
                    lambda a, b: _days(a, b, first_week=0),
                    "Your days are one week (7 days) late: weeks are numbered from 1, so week w starts on day "
                    "7·(w − 1).",
                ),
                Mistake(
                    lambda a, b: _days(a, b, scale=24),
                    "These are start times in hours (24 × day); return day numbers.",
                ),
                Mistake(
                    lambda a, b: [d + 1 for d in _days(a, b)],
                    "Your days are counted from 1; day 0 is the Monday of week 1.",
                ),
                Mistake(
                    lambda a, b: _days(a, b, thrice=(1, 3, 5), weekly=(1,)),
                    "Your infusions fall on Tuesday, Thursday and Saturday: Monday is day 0 of each week, so "
                    "Monday, Wednesday and Friday are days 0, 2 and 4.",
                ),
            ),
        ),
        Exercise(
            key="trials-locf",
            chapter="trial_protocols",
            function_name="locf_change",
            title="an LOCF endpoint",
            reference=_locf_reference,
            kind="numbers",
            prepare=_locf_prepare,
            public_cases=(
                Case(
                    {"scores": [[34, 30, 25, 20], [36, 33, None, None], [31, 29, 27, None]]},
                    "the three patients of the docstring",
                ),
                Case(
                    {"scores": [list(row) for row in _SIMULATED_TRIAL_SEED_11]},
                    "a simulated 12-patient trial (seed 11)",
                ),
            ),
            mistakes=(
                Mistake(
                    _locf_completers,
                    "Patients who dropped out get NaN: carry their last observed score forward to the endpoint "
                    "instead of using the (missing) endpoint score.",
                ),
                Mistake(
                    _locf_bocf,
                    "You gave dropouts a change of 0 (baseline carried forward); LOCF carries the *last observed* "
                    "score forward.",
                ),
                Mistake(
                    _locf_score, "These are endpoint scores; return the change from baseline (endpoint − baseline)."
                ),
                Mistake(
                    lambda s: -_locf_reference(s),
                    "Your changes have the wrong sign: change = endpoint − baseline, so improvement is negative.",
                ),
                Mistake(_locf_mean, "You averaged the post-baseline visits; LOCF uses the last observed visit."),
            ),
        ),
        Exercise(
            key="safety-risk-difference",
            chapter="safety",
            function_name="risk_difference_ci",
            title="a risk difference with its Newcombe interval",
            reference=_rd_reference,
            kind="numbers",
            public_cases=(
                Case({"events_a": 8, "n_a": 100, "events_b": 4, "n_b": 100}, "8/100 vs 4/100"),
                Case({"events_a": 5, "n_a": 40, "events_b": 1, "n_b": 40}, "5/40 vs 1/40"),
                Case({"events_a": 0, "n_a": 25, "events_b": 3, "n_b": 30}, "0/25 vs 3/30"),
            ),
            mistakes=(
                Mistake(
                    _rd_wald,
                    "This is the Wald interval (estimate ± 1.96·SE); build Newcombe's from the two Wilson "
                    "intervals, as the docstring describes.",
                ),
                Mistake(_rd_swapped_arms, "The arms are swapped: the difference is arm a − arm b."),
                Mistake(_rd_percent, "Return fractions (0.04), not percentages (4)."),
                Mistake(
                    _rd_crossed,
                    "The Wilson pieces are crossed: the lower limit uses (p_a − l_a) and (u_b − p_b); the upper "
                    "limit uses (u_a − p_a) and (p_b − l_b).",
                ),
                Mistake(_rd_z90, "This is a 90 % interval; use z = 1.96 for 95 %."),
            ),
        ),
        Exercise(
            key="safety-zero-events",
            chapter="safety",
            function_name="upper_bound_no_events",
            title="an exact upper bound when no events were seen",
            reference=_bound_reference,
            kind="number",
            rtol=1e-6,
            public_cases=(
                Case({"n_patients": 100, "confidence": 0.95}, "n = 100 at 95 %"),
                Case({"n_patients": 20, "confidence": 0.95}, "n = 20 at 95 %"),
                Case({"n_patients": 51, "confidence": 0.99}, "n = 51 at 99 %"),
            ),
            mistakes=(
                Mistake(
                    lambda n, confidence=0.95: 3 / n,
                    "3/n is the rule of three, a quick approximation for 95 %; return the exact bound that solves "
                    "(1 − p)^n = 1 − confidence.",
                ),
                Mistake(
                    _bound_rule_of_three,
                    "That is the rule-of-three approximation (−ln(1 − confidence)/n, 3/n at 95 %); return the exact "
                    "bound that solves (1 − p)^n = 1 − confidence.",
                ),
                Mistake(
                    _bound_log10,
                    "Natural vs decimal logarithm: you took log10 of (1 − confidence) and then exp(); use the same "
                    "base for both (ln with exp).",
                ),
                Mistake(
                    _bound_confidence,
                    "Use 1 − confidence (0.05) inside the root: (1 − p)^n = 1 − confidence.",
                ),
                Mistake(
                    _bound_two_sided, "This is a two-sided bound ((1 − confidence)/2); return the one-sided bound."
                ),
                Mistake(_bound_percent, "Return a fraction between 0 and 1, not a percentage."),
            ),
        ),
        Exercise(
            key="lessons-power-simulation",
            chapter="lessons",
            function_name="simulated_power",
            title="a power calculation by simulation",
            reference=_power_reference,
            kind="number",
            tolerance=_power_tolerance,
            extra=_power_extra,
            public_cases=(
                Case(
                    {"n_per_arm": 100, "effect": -3.0, "sd": 8.0, "n_trials": 2000, "seed": 1}, "100 per arm, −3 points"
                ),
                Case(
                    {"n_per_arm": 50, "effect": -3.0, "sd": 8.0, "n_trials": 2000, "seed": 2}, "50 per arm, −3 points"
                ),
                Case({"n_per_arm": 30, "effect": 0.0, "sd": 8.0, "n_trials": 2000, "seed": 3}, "no effect, 30 per arm"),
            ),
            mistakes=(
                Mistake(
                    _power_variance,
                    "Your simulated scores are too spread out: the `scale` of a normal draw is the SD (8), not the "
                    "variance (64).",
                ),
                Mistake(
                    _power_one_sided,
                    "Your power is too high for a two-sided test at α = 0.05: count a trial as significant when "
                    "p < 0.05 from the two-sided t test, not a one-sided one.",
                ),
                Mistake(
                    _power_complement,
                    "You counted the trials that were *not* significant; power is the fraction with p < 0.05.",
                ),
                Mistake(_power_percent, "Return a fraction between 0 and 1, not a percentage."),
            ),
        ),
        Exercise(
            key="lessons-sample-size",
            chapter="lessons",
            function_name="n_per_arm_for_power",
            title="patients per arm for a target power",
            reference=_n_reference,
            kind="integer",
            public_cases=(
                Case({"effect": -3.0, "sd": 8.0, "power": 0.8, "alpha": 0.05}, "−3 points, SD 8, 80 % power"),
                Case({"effect": -5.0, "sd": 8.0, "power": 0.9, "alpha": 0.05}, "−5 points, SD 8, 90 % power"),
                Case({"effect": -2.0, "sd": 6.0, "power": 0.8, "alpha": 0.01}, "−2 points, SD 6, α = 0.01"),
            ),
            mistakes=(
                Mistake(
                    _n_normal_formula,
                    "Close: the normal-approximation formula is a good first guess, but the t test needs a few "
                    "more patients. Step n up until `trials.analytic_power` reaches the target.",
                ),
                Mistake(_n_rounded_down, "One patient short: round up, so that the power reaches the target."),
                Mistake(_n_total, "This is the total for both arms; return patients per arm."),
                Mistake(_n_one_sided, "This uses a one-sided α; the t test of the book is two-sided."),
                Mistake(_n_variance, "You used the variance (SD²) where the SD belongs."),
            ),
        ),
    ]
    return MappingProxyType({e.key: e for e in items})


#: Every coding exercise of the book, by key (read-only).
EXERCISES: Mapping[str, Exercise] = _build()
