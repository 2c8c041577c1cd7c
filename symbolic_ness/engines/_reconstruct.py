r"""Reconstruction of exact rational functions from exact samples.

* :func:`rational_reconstruct` — :math:`P/Q` in any number of variables through an exact
  black box ``sample(point) -> Fraction``: for total degree d = 0, 1, ... the linear system
  :math:`P(x_i) - v_iQ(x_i) = 0` for the coefficients of P and Q (monomials of total degree
  <= d) is solved exactly (python-flint); the first d with a one-dimensional solution space
  gives the function, which is then checked at fresh points.
* :func:`rational_interpolate` — one variable: the lowest-degree rational function through
  given points, checked against all of them (points beyond the degree count are checks).
* :func:`interpolate_coefficients` — a family of rational functions in ``gens`` labelled by
  an integer (e.g. the chain length n): the denominator normalized to constant term 1, each
  coefficient interpolated as a polynomial in the label.

Every result is checked exactly; a failed check raises
:class:`~symbolic_ness._errors.CheckFailedError`.

>>> from fractions import Fraction
>>> x, y = sp.symbols("x y")
>>> r = rational_reconstruct(lambda p: (p[0] + 2 * p[1]) / (1 + p[0] * p[1]), (x, y))
>>> r.expr, r.degree
((x + 2*y)/(x*y + 1), 2)
"""
from __future__ import annotations

import itertools
import random
from dataclasses import dataclass
from fractions import Fraction
from typing import Callable, Mapping, Sequence

import sympy as sp

from .._errors import CheckFailedError

__all__ = ["Reconstruction", "rational_reconstruct", "rational_interpolate", "interpolate_coefficients"]


@dataclass(frozen=True)
class Reconstruction:
    """A reconstructed rational function: ``expr``, total ``degree`` of the ansatz, number of
    exact samples used (``points``) and of independent check points (``checks``).

    Attributes
    ----------
    expr : sympy expression
        P/Q.
    degree : int
        Total degree of the ansatz.
    points : int
        Exact samples used.
    checks : int
        Independent check points.
    method : str, default "exact rational reconstruction"
        What ran.

    Examples
    --------
    >>> x, y = sp.symbols("x y")
    >>> rational_reconstruct(lambda p: (p[0] + 2 * p[1]) / (1 + p[0] * p[1]), (x, y))
    Reconstruction(expr=(x + 2*y)/(x*y + 1), degree=2, points=19, checks=3, method='exact rational reconstruction')
    """

    expr: sp.Expr
    degree: int
    points: int
    checks: int
    method: str = "exact rational reconstruction"


def _monomials(d: int, k: int) -> list:
    """Exponent tuples of total degree <= d in k variables, by degree."""
    out = []
    for tot in range(d + 1):
        for e in itertools.product(range(tot + 1), repeat=k):
            if sum(e) == tot:
                out.append(e)
    return out


def _default_points(k: int, seed: int):
    rng = random.Random(seed)
    if k == 2:       # the historical sampler (two positive parameters)
        def draw():
            return (Fraction(rng.randint(1, 40), rng.randint(1, 20)),
                    Fraction(rng.randint(1, 30), rng.randint(20, 200)))
    else:
        def draw():
            return tuple(Fraction(rng.randint(1, 40), rng.randint(1, 20)) for _ in range(k))
    return draw


def _q(v) -> Fraction:
    if isinstance(v, Fraction):
        return v
    if isinstance(v, int):
        return Fraction(v)
    v = sp.sympify(v)
    if not v.is_Rational:
        raise CheckFailedError(f"reconstruction needs exact rational samples, got {v}")
    return Fraction(int(v.p), int(v.q))


def rational_reconstruct(sample: Callable, gens: Sequence[sp.Symbol], max_degree: int = 8, extra: int = 4,
                         checks: int = 3, seed: int = 12345, draw: Callable | None = None) -> Reconstruction:
    """Smallest total-degree :math:`P/Q` in ``gens`` through ``sample(point)`` (exact).

    ``point`` is a tuple of :class:`fractions.Fraction` (drawn by ``draw()`` or a seeded
    default); the degree is raised until the coefficient system has a one-dimensional null
    space, then the function is checked at ``checks`` fresh points.

    Parameters
    ----------
    sample : callable
        ``sample(point) -> Fraction`` (exact; a float raises).
    gens : sequence of Symbols
        The variables.
    max_degree : int, default 8
        Largest total degree tried.
    extra : int, default 4
        Samples beyond the 2m unknowns per degree.
    checks : int, default 3
        Fresh check points.
    seed : int, default 12345
        Seed of the default point generator.
    draw : callable or None, default None
        ``draw() -> tuple of Fraction``, a custom point generator.

    Returns
    -------
    Reconstruction
        The function, its degree and the numbers of samples and checks.

    Raises
    ------
    CheckFailedError
        Inexact samples, a failed check, or no function up to ``max_degree``.

    Examples
    --------
    >>> x = sp.Symbol("x")
    >>> rational_reconstruct(lambda p: 1 / (1 + p[0]) ** 2, (x,)).expr
    1/(x**2 + 2*x + 1)
    """
    import flint
    gens = tuple(gens)
    k = len(gens)
    draw = draw or _default_points(k, seed)
    pts: list = []
    vals: dict = {}

    def more(m):
        while len(pts) < m:
            p = tuple(draw())
            if p in vals:
                continue
            vals[p] = _q(sample(p))
            pts.append(p)

    for d in range(max_degree + 1):
        ms = _monomials(d, k)
        m = len(ms)
        need = 2 * m + extra
        more(need)
        A = flint.fmpq_mat(need, 2 * m)
        for r, p in enumerate(pts[:need]):
            for c, e in enumerate(ms):
                mv = Fraction(1)
                for x, ee in zip(p, e):
                    mv *= x ** ee
                w = -vals[p] * mv
                A[r, c] = flint.fmpq(mv.numerator, mv.denominator)
                A[r, m + c] = flint.fmpq(w.numerator, w.denominator)
        R, rank = A.rref()
        if rank == 2 * m:
            continue
        if rank != 2 * m - 1:
            raise CheckFailedError(f"rational reconstruction: nullity {2 * m - rank} at degree {d}")
        piv, row = [], 0
        for col in range(2 * m):
            if row < rank and R[row, col] != 0:
                piv.append(col)
                row += 1
        free = [col for col in range(2 * m) if col not in piv][0]
        v = [sp.Integer(0)] * (2 * m)
        v[free] = sp.Integer(1)
        for i, col in enumerate(piv):
            q = R[i, free]
            v[col] = -sp.Rational(int(q.p), int(q.q))
        mon = [sp.Mul(*[g ** ee for g, ee in zip(gens, e)]) for e in ms]
        P = sum(v[c] * mon[c] for c in range(m))
        Q = sum(v[m + c] * mon[c] for c in range(m))
        expr = sp.cancel(P / Q)
        k0 = len(pts)
        more(k0 + checks)
        for p in pts[k0:]:
            if expr.subs(dict(zip(gens, map(sp.Rational, p)))) != sp.Rational(vals[p]):
                raise CheckFailedError("rational reconstruction failed its check points")
        return Reconstruction(expr, d, len(pts), checks)
    raise CheckFailedError(f"rational reconstruction: no rational function of total degree <= {max_degree}")


def rational_interpolate(points: Sequence, symbol: sp.Symbol, fit: int | None = None,
                         max_degree: int | None = None) -> Reconstruction:
    """Lowest-degree rational function of one variable through ``points`` ``[(x, y), ...]``.

    The first ``fit`` points (default: all but 2) determine candidates of increasing total
    degree (numerator degree first); a candidate is accepted only if it matches **every**
    point. A constant sequence gives the constant.

    Parameters
    ----------
    points : sequence of pairs
        ``[(x, y), ...]`` exact values.
    symbol : sympy Symbol
        The variable.
    fit : int or None, default None
        Number of fitting points (``None``: all but 2).
    max_degree : int or None, default None
        Largest total degree (``None``: fit − 1).

    Returns
    -------
    Reconstruction
        The function (factored), its degree and the numbers of fitting and check points.

    Raises
    ------
    CheckFailedError
        ``fit < 1`` or no rational function fits all points.

    Examples
    --------
    >>> n = sp.Symbol("n")
    >>> pts = [(k, sp.Rational(2 * k + 1, k + 3)) for k in range(1, 9)]
    >>> rational_interpolate(pts, n).expr
    (2*n + 1)/(n + 3)
    """
    from sympy.polys.polyfuncs import rational_interpolate as _ri
    pts = [(sp.sympify(x), sp.sympify(y)) for x, y in points]
    fit = len(pts) - 2 if fit is None else fit
    if fit < 1:
        raise CheckFailedError("rational interpolation needs at least one fitting point")
    ys = [y for _, y in pts]
    if all(y == ys[0] for y in ys):
        return Reconstruction(ys[0], 0, fit, len(pts) - fit, "exact rational interpolation")
    top = fit - 1 if max_degree is None else max_degree
    for tot in range(1, top):
        for dn in range(tot + 1):
            try:
                cand = _ri(pts[:fit], dn, X=symbol)
            except (ZeroDivisionError, ValueError):
                continue
            if all(cand.subs(symbol, x) == y for x, y in pts):
                return Reconstruction(sp.factor(cand), tot, fit, len(pts) - fit, "exact rational interpolation")
    raise CheckFailedError("rational interpolation: no rational function fits all the points")


def interpolate_coefficients(exprs: Mapping, gens: Sequence[sp.Symbol], label: sp.Symbol) -> sp.Expr:
    """One rational function of ``gens`` and ``label`` through ``{label_value: expr}``.

    Each expression is written :math:`P/Q` with :math:`Q(0)=1`; every coefficient of P and Q
    is interpolated as a polynomial in ``label`` (Lagrange through all given label values).
    The caller checks the result at further label values (interpolation alone proves nothing).

    Parameters
    ----------
    exprs : mapping
        ``{label_value: rational function of gens}``.
    gens : sequence of Symbols
        The variables of the functions.
    label : sympy Symbol
        The label variable (e.g. n).

    Returns
    -------
    sympy expression
        P(gens, label)/Q(gens, label), exact at the given label values.

    Raises
    ------
    CheckFailedError
        A denominator has no constant term.

    Examples
    --------
    >>> x, n = sp.symbols("x n")
    >>> interpolate_coefficients({2: 1 / (1 + 2 * x), 3: 1 / (1 + 3 * x)}, (x,), n)
    1/(n*x + 1)
    """
    gens = tuple(gens)
    data = {}
    for lv, e in exprs.items():
        num, den = sp.fraction(sp.cancel(e))
        pn, pd = sp.Poly(num, *gens), sp.Poly(den, *gens)
        c0 = pd.coeff_monomial(1)
        if c0 == 0:
            raise CheckFailedError("coefficient interpolation: denominator without constant term")
        data[lv] = ({m: c / c0 for m, c in pn.terms()}, {m: c / c0 for m, c in pd.terms()})
    out = []
    for part in (0, 1):
        monos = set().union(*[set(v[part]) for v in data.values()])
        total = 0
        for m in monos:
            pts = [(lv, data[lv][part].get(m, 0)) for lv in sorted(data)]
            coeff = sp.factor(sp.interpolate(pts, label))
            total += coeff * sp.Mul(*[g ** e for g, e in zip(gens, m)])
        out.append(sp.expand(total))
    return out[0] / out[1]
