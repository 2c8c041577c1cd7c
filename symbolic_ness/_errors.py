"""Errors raised for bad input.

Every error names the offending parameter and the allowed range, so that the
CLI can print it as a one-line message (no traceback).
"""
from __future__ import annotations


class ParameterError(ValueError):
    """A parameter is outside its allowed range.

    >>> raise ParameterError("r", -1.0, "r >= 0")
    Traceback (most recent call last):
    ...
    symbolic_ness._errors.ParameterError: parameter 'r' = -1.0 is not allowed; allowed range: r >= 0
    """

    def __init__(self, name: str, value, allowed: str):
        self.name = name
        self.value = value
        self.allowed = allowed
        super().__init__(f"parameter {name!r} = {value!r} is not allowed; allowed range: {allowed}")


class NonUniqueSteadyStateError(RuntimeError):
    """Raised when a unique steady state is demanded but the null space of L is larger."""


def require_real(name: str, value) -> float:
    """Return ``value`` as a float or raise :class:`ParameterError`."""
    try:
        v = complex(value)
    except (TypeError, ValueError):
        raise ParameterError(name, value, "a real number") from None
    if v.imag != 0:
        raise ParameterError(name, value, "a real number")
    return v.real


def require_nonnegative(name: str, value) -> float:
    """Rates: real and >= 0."""
    v = require_real(name, value)
    if not v >= 0:
        raise ParameterError(name, value, f"{name} >= 0")
    return v


def require_positive(name: str, value) -> float:
    v = require_real(name, value)
    if not v > 0:
        raise ParameterError(name, value, f"{name} > 0")
    return v


def require_interval(name: str, value, lo: float, hi: float) -> float:
    v = require_real(name, value)
    if not lo <= v <= hi:
        raise ParameterError(name, value, f"{lo} <= {name} <= {hi}")
    return v


def require_int(name: str, value, lo: int, hi: int | None = None) -> int:
    try:
        f = float(value)
    except (TypeError, ValueError):
        raise ParameterError(name, value, "an integer") from None
    if f != int(f):
        raise ParameterError(name, value, "an integer")
    v = int(f)
    if v < lo or (hi is not None and v > hi):
        rng = f"{lo} <= {name}" + (f" <= {hi}" if hi is not None else "")
        raise ParameterError(name, value, f"an integer with {rng}")
    return v
