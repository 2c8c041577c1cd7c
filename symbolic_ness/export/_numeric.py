r"""Numerics: lambdified closed forms and cross-checks against numeric null spaces.

:func:`lambdify` turns a derived expression into a vectorized numpy function
(common subexpressions eliminated) that keeps its source expression and
signature. :func:`verify` compares a closed form with a numeric reference at
random parameter points and reports the worst deviation.

>>> import sympy as sp
>>> x, y = sp.symbols("x y", positive=True)
>>> f = lambdify(sp.sqrt(x) * y + sp.Max(0, x - y), (x, y))
>>> f.signature
'(x, y)'
>>> float(f(4.0, 3.0))
7.0
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Mapping, Sequence

import numpy as np
import sympy as sp

from .._errors import ParameterError
from ..algebra._polys import real_root_numpy

__all__ = ["negative_intervals", "NumericFunction", "lambdify", "verify", "VerifyReport", "random_points", "bisect_root",
           "sign_change_brackets", "EvaluatorTiming", "evaluator_timing"]


@dataclass(frozen=True)
class NumericFunction:
    """A vectorized numeric evaluator of ``expr`` in the arguments ``args``.

    Call it with one value (or numpy array, broadcast) per argument, positionally or by name.

    Attributes
    ----------
    expr : sympy expression
        The source expression.
    args : tuple of Symbols
        The arguments, in call order.
    fn : callable
        The compiled evaluator.
    backend : str, default "numpy"
        ``"numpy"``, ``"numpy-complex"`` or ``"mpmath"``.

    Examples
    --------
    >>> x, y = sp.symbols("x y", positive=True)
    >>> f = lambdify(x**2 + y, (x, y))
    >>> f.signature, f([1.0, 2.0], 1.0).tolist(), float(f(y=1.0, x=3.0))
    ('(x, y)', [2.0, 5.0], 10.0)
    """

    expr: sp.Expr
    args: tuple
    fn: Callable
    backend: str = "numpy"

    def __call__(self, *values, **named):
        if named:
            byname = {a.name: a for a in self.args}
            vals = list(values) + [None] * (len(self.args) - len(values))
            for k, v in named.items():
                vals[self.args.index(byname[k])] = v
            values = vals
        if self.backend == "mpmath":
            return self.fn(*values)
        dtype = complex if self.backend == "numpy-complex" else float
        with np.errstate(all="ignore"):
            return self.fn(*[np.asarray(v, dtype=dtype) for v in values])

    @property
    def signature(self) -> str:
        return "(" + ", ".join(a.name for a in self.args) + ")"

    def __repr__(self):
        return f"NumericFunction{self.signature} of {self.expr}"


def _elementwise(ufunc):
    def f(*xs):
        out = xs[0]
        for x in xs[1:]:
            out = ufunc(out, x)
        return out
    return f


def lambdify(expr, args: Sequence[sp.Symbol], cse: bool = True, backend: str = "numpy") -> NumericFunction:
    """Vectorized numpy function of ``expr`` (sympy) in ``args``.

    ``backend="mpmath"`` gives a scalar function in arbitrary precision (mpmath numbers in and
    out; complex intermediates such as Cardano radicals are fine there); ``"numpy-complex"`` is
    the numpy evaluator on complex arrays (real radicals with complex intermediates).

    Parameters
    ----------
    expr : sympy expression
        The closed form (``Max``/``Min``, ``RealRoot`` and ``CRootOf`` are supported).
    args : Symbol or sequence of Symbols
        The arguments, in call order.
    cse : bool, default True
        Eliminate common subexpressions.
    backend : str, default "numpy"
        ``"numpy"``, ``"numpy-complex"`` or ``"mpmath"``.

    Returns
    -------
    NumericFunction
        The evaluator (keeps ``expr`` and ``args``).

    Raises
    ------
    ParameterError
        Unknown ``backend``.

    Examples
    --------
    >>> x = sp.Symbol("x")
    >>> f = lambdify(sp.sqrt(x - 3), x, backend="mpmath")
    >>> import mpmath
    >>> with mpmath.workdps(30):
    ...     print(f(mpmath.mpf(5)))
    1.41421356237309504880168872421
    """
    args = (args,) if isinstance(args, sp.Basic) else tuple(args)
    if backend == "mpmath":
        return NumericFunction(sp.sympify(expr), args, sp.lambdify(args, expr, "mpmath"), "mpmath")
    if backend not in ("numpy", "numpy-complex"):
        raise ParameterError("backend", backend, "'numpy', 'numpy-complex' or 'mpmath'")
    # Max/Min as elementwise ufuncs (sympy's default stacks the arguments for amax: slow)
    # RealRoot (real roots of irreducible cubic/quartic/... factors): vectorized companion-matrix
    # routine, never complex Cardano; CRootOf constants: their value to 20 digits
    ufuncs = {"Max": _elementwise(np.maximum), "Min": _elementwise(np.minimum),
              "RealRoot": real_root_numpy}
    expr = sp.sympify(expr)
    roots = expr.atoms(sp.CRootOf) if hasattr(expr, "atoms") else set()
    if roots:
        expr = expr.xreplace({r: sp.Float(sp.re(r.evalf(25)), 20) for r in roots})
    fn = sp.lambdify(args, expr, modules=[ufuncs, "numpy"], cse=cse)
    return NumericFunction(sp.sympify(expr), args, fn, backend)


def random_points(ranges: Mapping, count: int, seed: int = 0) -> list:
    """``count`` random points, ``ranges = {name_or_symbol: (lo, hi)}``.

    Uniform samples p_k ∈ [lo_k, hi_k) from ``numpy.random.default_rng(seed)``.

    Parameters
    ----------
    ranges : mapping
        ``{name or symbol: (lo, hi)}``.
    count : int
        Number of points.
    seed : int, default 0
        Seed (reproducible points).

    Returns
    -------
    list of dict
        ``[{name or symbol: float}, ...]``.

    Examples
    --------
    >>> pts = random_points({"g": (0.0, 1.0), "r": (2.0, 3.0)}, 3)
    >>> len(pts), all(0 <= p["g"] < 1 and 2 <= p["r"] < 3 for p in pts)
    (3, True)
    """
    rng = np.random.default_rng(seed)
    return [{k: float(rng.uniform(lo, hi)) for k, (lo, hi) in ranges.items()} for _ in range(count)]


@dataclass(frozen=True)
class EvaluatorTiming:
    """What :func:`evaluator_timing` measured (seconds).

    Attributes
    ----------
    signature : str
        The evaluator's argument list, e.g. ``"(g, r)"``.
    points : int
        Points of each timed call.
    lambdify_s, first_call_s, call_s : float
        Seconds to build the evaluator, of its first call and of a second call.

    Examples
    --------
    >>> t = EvaluatorTiming("(x)", 10, 0.01, 0.002, 0.001)
    >>> t.per_point_s
    0.0001
    """

    signature: str
    points: int
    lambdify_s: float
    first_call_s: float
    call_s: float

    @property
    def per_point_s(self) -> float:
        return self.call_s / self.points


def evaluator_timing(expr, args: Sequence[sp.Symbol], ranges: Mapping | None = None, points: int = 10_000,
                     seed: int = 0) -> EvaluatorTiming:
    """Build the numpy evaluator of ``expr`` (:func:`lambdify`) and time it on random points.

    Parameters
    ----------
    expr : sympy expression
        The closed form.
    args : sequence of sympy symbols
        Its arguments, in call order.
    ranges : dict, optional
        ``{symbol: (lo, hi)}`` sampling windows; an argument without one is drawn from
        (0.05, 20) when positive or non-negative, else from (-5, 5).
    points : int
        Number of random points of the timed calls.
    seed : int
        Seed of the points.

    Returns
    -------
    EvaluatorTiming
        The signature and the seconds of building, the first and a second call.

    Examples
    --------
    >>> x = sp.Symbol("x", positive=True)
    >>> t = evaluator_timing(x / (1 + x), [x], points=100)
    >>> t.signature, t.points, t.call_s >= 0
    ('(x)', 100, True)
    """
    import time
    ranges = dict(ranges or {})
    win = {a: tuple(float(b) for b in ranges[a]) if a in ranges else
           ((0.05, 20.0) if (a.is_positive or a.is_nonnegative) else (-5.0, 5.0)) for a in args}
    t0 = time.perf_counter()
    f = lambdify(expr, args)
    t1 = time.perf_counter()
    pts = random_points(win, points, seed=seed)
    cols = [np.array([p[a] for p in pts]) for a in args]
    t2 = time.perf_counter()
    f(*cols)
    t3 = time.perf_counter()
    f(*cols)
    t4 = time.perf_counter()
    return EvaluatorTiming(f.signature, points, t1 - t0, t3 - t2, t4 - t3)


@dataclass(frozen=True)
class VerifyReport:
    """Outcome of :func:`verify`: ``ok`` if ``max_error <= tol`` at every point.

    Attributes
    ----------
    name : str
        What was compared.
    points : int
        Number of points.
    max_error : float
        ``max |closed − numeric|`` over all points and entries.
    tol : float
        The tolerance.
    worst_point : dict
        Where the maximum was reached.
    ok : bool
        ``max_error <= tol``.

    Examples
    --------
    >>> print(VerifyReport("x^2", 5, 2e-16, 1e-9, {}))
    x^2: OK max |closed - numeric| = 2.000e-16 over 5 points (tol 1e-09)
    """

    name: str
    points: int
    max_error: float
    tol: float
    worst_point: dict

    @property
    def ok(self) -> bool:
        return self.max_error <= self.tol

    def __str__(self):
        return (f"{self.name}: {'OK' if self.ok else 'FAILED'} max |closed - numeric| = "
                f"{self.max_error:.3e} over {self.points} points (tol {self.tol:g})")


def verify(name: str, closed: Callable[[dict], object], numeric: Callable[[dict], object],
           points: Sequence[Mapping], tol: float = 1e-9) -> VerifyReport:
    """Compare ``closed(point)`` with ``numeric(point)`` (arrays compared entrywise).

    Reports ``max_p max |closed(p) − numeric(p)|``.

    Parameters
    ----------
    name : str
        A label for the report.
    closed : callable
        ``closed(point) -> number or array``, the closed form.
    numeric : callable
        ``numeric(point) -> number or array``, the reference.
    points : sequence of mappings
        The points (e.g. :func:`random_points`).
    tol : float, default 1e-9
        The tolerance of ``ok``.

    Returns
    -------
    VerifyReport
        The worst deviation and where.

    Examples
    --------
    >>> x = sp.Symbol("x", positive=True)
    >>> f = lambdify(sp.sqrt(x) ** 2, x)
    >>> verify("sqrt(x)^2 = x", lambda p: f(p["x"]), lambda p: p["x"], random_points({"x": (0, 5)}, 20)).ok
    True
    """
    worst, wp = 0.0, {}
    for p in points:
        a = np.asarray(closed(dict(p)), dtype=complex)
        b = np.asarray(numeric(dict(p)), dtype=complex)
        err = float(np.max(np.abs(a - b))) if a.size else 0.0
        if not err <= worst:
            worst, wp = err, dict(p)
    return VerifyReport(name, len(points), worst, tol, wp)


def bisect_root(f: Callable[[float], float], lo: float, hi: float, tol: float = 1e-13,
                maxit: int = 200, *, rtol: float | None = None, method: str = "bisect") -> float:
    r"""A sign change of ``f`` in ``[lo, hi]`` (``f(lo)`` and ``f(hi)`` of opposite sign).

    ``method="bisect"``: plain bisection to ``tol`` (absolute, plus ``rtol`` times the
    midpoint if given); robust where ``f`` is only piecewise smooth.
    ``method="brent"``: Brent's method (scipy ``brentq`` with ``xtol=tol`` and ``rtol``,
    default :math:`4\epsilon`), for smooth ``f`` — the one place the package calls ``brentq``.
    Both raise ``ValueError`` if ``f(lo)`` and ``f(hi)`` have the same sign.

    Parameters
    ----------
    f : callable
        Real function of one float.
    lo, hi : float
        The bracket.
    tol : float, default 1e-13
        Absolute tolerance on the root.
    maxit : int, default 200
        Maximum iterations.
    rtol : float or None, default None
        Relative tolerance (``None``: none for bisection, 4ε for Brent).
    method : str, default "bisect"
        ``"bisect"`` or ``"brent"``.

    Returns
    -------
    float
        x in [lo, hi] with a sign change of f within the tolerance.

    Raises
    ------
    ValueError
        No sign change on [lo, hi], or an unknown ``method``.

    Examples
    --------
    >>> round(bisect_root(lambda x: x * x - 2.0, 0.0, 2.0), 12)
    1.414213562373
    >>> round(bisect_root(lambda x: x * x - 2.0, 0.0, 2.0, 1e-15, method="brent", rtol=1e-15), 14)
    1.41421356237310
    """
    if method == "brent":
        from scipy.optimize import brentq
        return float(brentq(f, lo, hi, xtol=tol, rtol=4 * np.finfo(float).eps if rtol is None else rtol,
                            maxiter=max(int(maxit), 100)))
    if method != "bisect":
        raise ValueError(f"bisect_root: method must be 'bisect' or 'brent', not {method!r}")
    flo, fhi = f(lo), f(hi)
    if flo == 0:
        return lo
    if fhi == 0:
        return hi
    if (flo < 0) == (fhi < 0):
        raise ValueError(f"bisect_root: no sign change on [{lo}, {hi}]")
    for _ in range(maxit):
        mid = 0.5 * (lo + hi)
        fm = f(mid)
        if fm == 0 or hi - lo <= tol + (rtol or 0.0) * abs(mid):
            return mid
        if (fm < 0) == (flo < 0):
            lo, flo = mid, fm
        else:
            hi = mid
    return 0.5 * (lo + hi)


def sign_change_brackets(values: Sequence[float], grid: Sequence[float]) -> list:
    """Adjacent grid intervals ``(grid[k-1], grid[k])`` where ``values`` changes sign.

    Parameters
    ----------
    values : sequence of float
        f on the grid.
    grid : sequence of float
        The grid, increasing.

    Returns
    -------
    list of tuple
        ``(grid[k-1], grid[k])`` where sign(values) changes (0 counts as non-negative).

    Examples
    --------
    >>> sign_change_brackets([1.0, -1.0, -2.0, 3.0], [0.0, 1.0, 2.0, 3.0])
    [(0.0, 1.0), (2.0, 3.0)]
    """
    out = []
    for k in range(1, len(grid)):
        a, b = values[k - 1], values[k]
        if (a < 0) != (b < 0):
            out.append((grid[k - 1], grid[k]))
    return out


def negative_intervals(f: Callable[[float], float], grid: Sequence[float], values: Sequence[float] | None = None,
                       *, tol: float = 0.0, rtol: float = 1e-13, left: float | None = None) -> list:
    r"""Intervals ``[a, b]`` of the scanned range where ``f < 0``: the sign changes of ``values``
    (``f`` on ``grid``, computed if not given; :func:`sign_change_brackets`), each end located by
    :func:`bisect_root` to ``max(tol, rtol * |right end of its bracket|)``. An interval open at
    the left of the grid starts at ``left`` (default ``grid[0]``); one open at the right ends
    in ``None``. Assumes a sign change in every bracket is a single root (the grid resolves them).

    Parameters
    ----------
    f : callable
        Real function of one float.
    grid : sequence of float
        Scan grid, increasing.
    values : sequence of float or None, default None
        f on ``grid`` if already computed.
    tol : float, default 0.0
        Absolute tolerance of the end points.
    rtol : float, default 1e-13
        Relative tolerance of the end points.
    left : float or None, default None
        Start of an interval open at the left (``None``: ``grid[0]``).

    Returns
    -------
    list of list
        ``[a, b]`` with f < 0 on (a, b); ``b`` is ``None`` when still negative at the right end.

    Examples
    --------
    >>> [[round(a, 9), b if b is None else round(b, 9)] for a, b in
    ...  negative_intervals(lambda x: (x - 1) * (x - 2) * (x - 4), [0.5, 1.5, 3.0, 5.0])]
    [[0.5, 1.0], [2.0, 4.0]]
    >>> negative_intervals(lambda x: x - 2.0, [0.0, 1.0, 3.0], left=-1.0, tol=1e-12)
    [[-1.0, 2.0]]
    """
    vals = [f(x) for x in grid] if values is None else values
    out, lo = [], ((grid[0] if left is None else left) if vals[0] < 0 else None)
    for a, b in sign_change_brackets(vals, grid):
        x = float(bisect_root(f, a, b, tol=max(tol, rtol * abs(b))))
        if lo is None:
            lo = x
        else:
            out.append([lo, x])
            lo = None
    if lo is not None:
        out.append([lo, None])
    return out
