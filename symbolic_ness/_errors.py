"""Every error the package raises to users, in one place, with its CLI exit status.

==================================  =========  ==============================================
error                               CLI exit   meaning
==================================  =========  ==============================================
(success)                           0
:class:`ParameterError`             2          bad input: names the parameter (or file key)
                                               and the allowed range (also bad command-line
                                               syntax); :class:`ClosedFormTooLargeError` (a
                                               subclass): too many free parameters for a
                                               closed form of that size;
                                               :class:`SizeLimitError` (a subclass): the
                                               a-priori cost estimate exceeds the limit
:class:`TimeBudgetExceeded`         2          the time budget (CLI ``--timeout``) ran out
``MemoryError``                     2          the problem does not fit in memory (one line)
:class:`NonUniqueSteadyStateError`  3          the steady state is not unique (nullity > 1)
:class:`CheckFailedError`           4          a solve or a self-check failed (residual,
                                               certificate, reconstruction)
any other exception                 4          an unexpected failure (a bug): one line, the
                                               traceback with ``SYMBOLIC_NESS_DEBUG=1``
==================================  =========  ==============================================

Two more exceptions are *kernel declines* inside the exact engine, caught there (the engine then
runs another kernel) and never seen by CLI users: :class:`NotPolynomialError` (an entry is not a
rational function over Q of the parameters: the field kernel runs) and
:class:`PencilNotApplicable` (the matrix is outside the adjugate-pencil kernel's scope: the
interpolation kernel runs). A direct caller of those kernels sees them.

Every message is one line, so the CLI prints ``symbolic-ness: error: <message>`` on stderr
and never a traceback. :func:`exit_code` maps an exception to its status.
"""
from __future__ import annotations


class ParameterError(ValueError):
    """A parameter is outside its allowed range.

    Parameters
    ----------
    name : str
        The parameter (or model-file key) that is wrong.
    value : object
        The value given (``None``: the parameter is missing).
    allowed : str
        The allowed range, stated for the user, e.g. ``"r >= 0"``.

    Attributes
    ----------
    name, value, allowed
        As given.

    Examples
    --------
    >>> raise ParameterError("r", -1.0, "r >= 0")
    Traceback (most recent call last):
    ...
    symbolic_ness._errors.ParameterError: parameter 'r' = -1.0 is not allowed; allowed range: r >= 0
    """

    def __init__(self, name: str, value, allowed: str):
        self.name = name
        self.value = value
        self.allowed = allowed
        if value is None:
            msg = f"parameter {name!r} is missing; allowed range: {allowed}"
        else:
            msg = f"parameter {name!r} = {_short(value)} is not allowed; allowed range: {allowed}"
        super().__init__(msg)


def _short(value, limit: int = 80) -> str:
    """``repr(value)`` on one line, cut to ``limit`` characters."""
    r = " ".join(repr(value).split())
    return r if len(r) <= limit else r[:limit - 3] + "..."


EXIT_OK, EXIT_PARAMETER, EXIT_NON_UNIQUE, EXIT_FAILED = 0, 2, 3, 4


def exit_code(exc: BaseException) -> int:
    """CLI exit status of an exception (see the module table).

    >>> exit_code(ParameterError("r", -1, "r >= 0")), exit_code(ZeroDivisionError())
    (2, 4)
    """
    if isinstance(exc, (ParameterError, TimeBudgetExceeded, MemoryError)):
        return EXIT_PARAMETER
    if isinstance(exc, NonUniqueSteadyStateError):
        return EXIT_NON_UNIQUE
    return EXIT_FAILED


class ClosedFormTooLargeError(ParameterError):
    """A closed form was requested in more free parameters than its measured size allows (exit 2,
    like any ParameterError); callers that only *prefer* a closed form (sweeps) catch it and
    evaluate point by point instead.

    Examples
    --------
    >>> issubclass(ClosedFormTooLargeError, ParameterError), exit_code(ClosedFormTooLargeError("r", 3, "<= 2"))
    (True, 2)
    """


class SizeLimitError(ParameterError):
    """A size (qubits, N, grid points, terms, digits, ...) whose a-priori cost estimate is over
    the limit: refused before any work starts (exit 2). The message names the parameter, the
    estimate, the limit and what would work.

    Parameters
    ----------
    name, value, allowed
        As for :class:`ParameterError`.

    Examples
    --------
    >>> raise SizeLimitError("N", 10**12, "N <= 2000 (estimated 1.7e35 coordinates; limit 1e7)")
    Traceback (most recent call last):
    ...
    symbolic_ness._errors.SizeLimitError: parameter 'N' = 1000000000000 is not allowed; allowed range: N <= 2000 (estimated 1.7e35 coordinates; limit 1e7)
    """


class TimeBudgetExceeded(BaseException):
    """The time budget of a command ran out (CLI ``--timeout``; exit 2).

    A ``BaseException`` (like ``KeyboardInterrupt``): library code that catches ``Exception``
    to fall back to another method must not swallow it.

    Examples
    --------
    >>> issubclass(TimeBudgetExceeded, Exception), exit_code(TimeBudgetExceeded())
    (False, 2)
    """


class NonUniqueSteadyStateError(RuntimeError):
    """Raised when a unique steady state is demanded but the null space of L is larger.

    ``nullity`` (when known) is the null-space dimension of the Liouvillian.

    Parameters
    ----------
    message : str
        One line naming the model and the null-space dimension.
    nullity : int or None, default None
        The null-space dimension of L when known.

    Examples
    --------
    >>> err = NonUniqueSteadyStateError("null space of L has dimension 2", nullity=2)
    >>> err.nullity, exit_code(err)
    (2, 3)
    """

    def __init__(self, message: str, nullity: int | None = None):
        self.nullity = nullity
        super().__init__(message)


class CheckFailedError(ArithmeticError):
    """A solve or a self-check failed: a residual above its tolerance, a failed exact
    certificate, a reconstruction that does not verify. Never silently ignored.

    Parameters
    ----------
    message : str
        One line naming the failed check and its numbers.

    Examples
    --------
    >>> raise CheckFailedError("null space residual 1e-3 > 1e-9")
    Traceback (most recent call last):
    ...
    symbolic_ness._errors.CheckFailedError: null space residual 1e-3 > 1e-9
    """


class NotPolynomialError(ValueError):
    """An entry is not a rational function with rational coefficients of the parameters
    (a kernel decline: the exact engine falls back to the field kernel)."""


class PencilNotApplicable(ValueError):
    """The matrix is outside the pencil kernel's scope (nullity != 1, no affine variable,
    constant); a kernel decline: the exact engine falls back to the interpolation kernel.

    Examples
    --------
    >>> issubclass(PencilNotApplicable, ValueError), exit_code(PencilNotApplicable("nullity 2"))
    (True, 4)
    """


def check_residual(name: str, residual: float, tol: float) -> float:
    """Return ``residual`` if it is finite and ``<= tol``, else raise :class:`CheckFailedError`.

    >>> check_residual("test", 1e-14, 1e-10)
    1e-14
    """
    if not (residual == residual) or residual > tol:
        raise CheckFailedError(f"{name}: residual {residual:.3g} exceeds the tolerance {tol:.3g}")
    return residual


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
