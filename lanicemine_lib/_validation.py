"""Input checks shared by every public function of :mod:`lanicemine_lib`.

Every check raises :class:`ValueError` with one message shape, so a reader (or a widget) always learns
*which* parameter was wrong, *in which unit*, and *what range is allowed*::

    dose_mg must be a finite number in [0, 1000] mg; got -5

The helpers return the value converted to ``float`` (or a float ``numpy`` array) so callers can use the
result directly.
"""

from __future__ import annotations

import math
from numbers import Integral, Real
from typing import Any

import numpy as np

__all__ = ["check_array", "check_choice", "check_flag", "check_int", "check_number", "check_sequence"]


def _fmt(x: float) -> str:
    if x == math.inf:
        return "inf"
    if x == -math.inf:
        return "-inf"
    return f"{x:g}"


def _describe(low: float, high: float, low_open: bool, high_open: bool) -> str:
    left = "(" if low_open or low == -math.inf else "["
    right = ")" if high_open or high == math.inf else "]"
    return f"{left}{_fmt(low)}, {_fmt(high)}{right}"


def check_number(
    name: str,
    value: Any,
    unit: str,
    low: float = -math.inf,
    high: float = math.inf,
    *,
    low_open: bool = False,
    high_open: bool = False,
) -> float:
    """Return ``value`` as a float, or raise ``ValueError`` if it is not a finite number in the range.

    Parameters
    ----------
    name : str
        The parameter's name as the caller spells it (e.g. ``"dose_mg"``).
    value : Any
        The value to check. Booleans are rejected (``True`` is not a dose).
    unit : str
        The unit shown in the message (e.g. ``"mg"``, ``"L/h"``; ``"-"`` for dimensionless).
    low, high : float
        The allowed range.
    low_open, high_open : bool
        Whether the bounds themselves are excluded.
    """
    allowed = _describe(low, high, low_open, high_open)
    message = f"{name} must be a finite number in {allowed} {unit}; got {value!r}"
    if isinstance(value, bool) or not isinstance(value, (Real, np.floating, np.integer)):
        if isinstance(value, np.ndarray) and value.ndim == 0:
            value = value.item()
            if isinstance(value, bool):
                raise ValueError(message)
        else:
            raise ValueError(message)
    x = float(value)
    if not math.isfinite(x):
        raise ValueError(message)
    if x < low or x > high or (low_open and x == low) or (high_open and x == high):
        raise ValueError(message)
    return x


def check_array(
    name: str,
    value: Any,
    unit: str,
    low: float = -math.inf,
    high: float = math.inf,
    *,
    low_open: bool = False,
    high_open: bool = False,
) -> np.ndarray:
    """Return ``value`` as a float array, or raise ``ValueError`` unless every element is finite and in range.

    Scalars are accepted and returned as 0-d arrays. Empty arrays are allowed.
    """
    allowed = _describe(low, high, low_open, high_open)
    try:
        arr = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be finite numbers in {allowed} {unit}; got {value!r}") from None
    if np.asarray(value).dtype == bool:
        raise ValueError(f"{name} must be finite numbers in {allowed} {unit}; got booleans")
    if arr.size:
        bad = ~np.isfinite(arr) | (arr < low) | (arr > high)
        if low_open:
            bad |= arr == low
        if high_open:
            bad |= arr == high
        if bad.any():
            first = arr[bad].flat[0]
            raise ValueError(
                f"{name} must be finite numbers in {allowed} {unit}; got {first!r} "
                f"({int(bad.sum())} of {arr.size} values out of range)"
            )
    return arr


def check_int(name: str, value: Any, unit: str, low: int, high: int | None = None) -> int:
    """Return ``value`` as an ``int`` in ``[low, high]``, or raise ``ValueError``.

    Floats with an integral value (``3.0``) are accepted; ``3.5``, booleans and strings are not.
    """
    allowed = f"[{low}, {'inf' if high is None else high}]"
    message = f"{name} must be a whole number in {allowed} {unit}; got {value!r}"
    if isinstance(value, bool):
        raise ValueError(message)
    if isinstance(value, (Integral, np.integer)):
        n = int(value)
    elif isinstance(value, (Real, np.floating)) and math.isfinite(float(value)) and float(value).is_integer():
        n = int(value)
    else:
        raise ValueError(message)
    if n < low or (high is not None and n > high):
        raise ValueError(message)
    return n


def check_choice(name: str, value: Any, choices: tuple[str, ...] | list[str]) -> str:
    """Return ``value`` if it is one of ``choices`` (strings), else raise ``ValueError`` listing them."""
    if not isinstance(value, str) or value not in choices:
        listed = ", ".join(repr(c) for c in choices)
        raise ValueError(f"{name} must be one of {listed}; got {value!r}")
    return value


def check_flag(name: str, value: Any) -> bool:
    """Return ``value`` as a ``bool`` if it is a Python or NumPy boolean, else raise ``ValueError``.

    ``1``, ``"yes"`` and ``None`` are rejected: a switch is either on or off. The message has the usual shape::

        return_data must be one of True, False (-); got 'yes'
    """
    if not isinstance(value, (bool, np.bool_)):
        raise ValueError(f"{name} must be one of True, False (-); got {value!r}")
    return bool(value)


def check_sequence(name: str, value: Any, what: str) -> list:
    """Return ``value`` as a ``list`` if it is a sequence (any iterable but text), else raise ``ValueError``.

    Only the container is checked; the caller checks the length and each element. ``what`` describes the
    elements with their unit and range, e.g. ``"1 to 6 effects in [-20, 0) MADRS points"``::

        effects must be a sequence of 1 to 6 effects in [-20, 0) MADRS points; got -3.0
    """
    message = f"{name} must be a sequence of {what}; got {value!r}"
    if isinstance(value, (str, bytes, bytearray)) or (isinstance(value, np.ndarray) and value.ndim == 0):
        raise ValueError(message)
    try:
        return list(value)
    except TypeError:
        raise ValueError(message) from None
