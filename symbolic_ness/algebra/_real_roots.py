r"""Exact real roots of integer polynomials in one variable, with python-flint.

Every real root of a set of polynomials is kept as ``(f, k, lo, hi)``: ``f`` an irreducible
primitive ``fmpz_poly`` with positive leading coefficient, ``k`` the index of the root among the
real roots of ``f`` (increasing) and an isolating interval :math:`lo<x<hi` with rational ends
(:math:`f(lo)f(hi)<0`, exactly one root inside; a root of a linear factor is its rational value,
``lo == hi``). Isolation is arb's certified complex root finder (``fmpz_poly.complex_roots``:
real roots have an exactly zero imaginary part), confirmed by exact sign evaluations; roots of
different factors are distinct, so refining by bisection separates every pair. Signs of other
polynomials at a root are exact (a multiple of ``f`` vanishes there; otherwise interval
arithmetic on a refined interval). :func:`root_expr` gives the sympy number (rational, surd for
quadratic or binomial factors, otherwise ``CRootOf``: the same objects as ``Poly.real_roots``).
"""
from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

import sympy as sp

__all__ = ["FlintRoot", "real_roots_of", "sign_at_root", "sign_at", "root_expr", "rational_between"]


@dataclass
class FlintRoot:
    """A real root of the irreducible ``f`` (index ``k`` among its real roots) in ``(lo, hi)``."""

    f: object
    k: int
    lo: Fraction
    hi: Fraction
    tag: object = None

    @property
    def exact(self) -> bool:
        return self.lo == self.hi

    def refine(self):
        """Halve the isolating interval (exact signs)."""
        if self.exact:
            return
        m = (self.lo + self.hi) / 2
        s = sign_at(self.f, m)
        if s == 0:  # (only for a linear f, handled as exact)
            self.lo = self.hi = m
        elif s == sign_at(self.f, self.lo):
            self.lo = m
        else:
            self.hi = m


def _fmpq(x: Fraction):
    import flint
    return flint.fmpq(x.numerator, x.denominator)


def sign_at(g, x: Fraction) -> int:
    """Exact sign of the ``fmpz_poly`` ``g`` at the rational ``x``."""
    v = g(_fmpq(Fraction(x)))
    return (v > 0) - (v < 0)


def _frac(a) -> Fraction:
    m, e = a.man_exp()
    m, e = int(m), int(e)
    return Fraction(m * 2 ** e) if e >= 0 else Fraction(m, 2 ** -e)


def _isolate(f) -> list:
    """Isolating intervals of the real roots of the irreducible ``f`` (degree >= 2), increasing."""
    import flint
    prec = 64
    while True:
        old = flint.ctx.prec
        flint.ctx.prec = prec
        try:
            roots = [c for c, _ in f.complex_roots()]
        finally:
            flint.ctx.prec = old
        out = []
        ok = True
        for c in roots:
            if not c.imag.is_zero():
                im = c.imag
                if _frac(im.mid()) - _frac(im.rad()) <= 0 <= _frac(im.mid()) + _frac(im.rad()):
                    ok = False  # not certified non-real: more precision
                    break
                continue
            r = c.real
            mid, rad = _frac(r.mid()), _frac(r.rad())
            lo, hi = mid - rad, mid + rad
            if lo == hi or sign_at(f, lo) * sign_at(f, hi) >= 0:
                ok = False
                break
            out.append([lo, hi])
        out.sort()
        if ok and all(a[1] < b[0] for a, b in zip(out, out[1:])):
            return out
        prec *= 2


def real_roots_of(polys) -> list:
    """Every real root of the ``fmpz_poly`` in ``polys`` (``[(poly, tag), ...]``), once per
    distinct irreducible factor, sorted increasingly with disjoint isolating intervals; each
    root's ``tag`` is the set of tags of the polynomials it is a root of."""
    factors: dict = {}
    for p, tag in polys:
        if p.degree() < 1:
            continue
        for f, _ in p.factor()[1]:
            if f.degree() < 1:
                continue
            if f.leading_coefficient() < 0:
                f = -f
            key = tuple(int(c) for c in f.coeffs())
            factors.setdefault(key, (f, set()))[1].add(tag)
    roots = []
    for f, tags in factors.values():
        if f.degree() == 1:
            a, b = (int(c) for c in f.coeffs())  # b x + a
            x = Fraction(-a, b)
            roots.append(FlintRoot(f, 0, x, x, frozenset(tags)))
            continue
        for k, (lo, hi) in enumerate(_isolate(f)):
            roots.append(FlintRoot(f, k, lo, hi, frozenset(tags)))
    # separate the intervals of roots of different factors (distinct algebraic numbers)
    while True:
        roots.sort(key=lambda r: (r.lo, r.hi))
        clash = [(a, b) for a, b in zip(roots, roots[1:]) if not a.hi < b.lo and not (a.exact and b.exact and a.lo == b.lo)]
        if not clash:
            break
        for a, b in clash:
            (a if (a.hi - a.lo) >= (b.hi - b.lo) else b).refine()
    return roots


def sign_at_root(g, r: FlintRoot) -> int:
    """Exact sign of the ``fmpz_poly`` ``g`` at the root ``r``."""
    import flint
    if r.exact:
        return sign_at(g, r.lo)
    if g.degree() < 0:
        return 0
    if (flint.fmpq_poly(g.coeffs()) % flint.fmpq_poly(r.f.coeffs())).is_zero():
        return 0
    ag = flint.arb_poly([int(c) for c in g.coeffs()])
    while True:
        bits = 64 + max(1, -(r.hi - r.lo).numerator.bit_length() + (r.hi - r.lo).denominator.bit_length())
        old = flint.ctx.prec
        flint.ctx.prec = bits + g.height_bits() + 64
        try:
            v = ag(flint.arb(_fmpq((r.lo + r.hi) / 2), _fmpq((r.hi - r.lo) / 2)))
            if v > 0:
                return 1
            if v < 0:
                return -1
        finally:
            flint.ctx.prec = old
        for _ in range(8):
            r.refine()


def rational_between(a, b) -> Fraction:
    """A simple rational strictly between ``a`` and ``b`` (each a :class:`FlintRoot`, a
    ``Fraction`` or ``None`` for an infinite end)."""
    lo = None if a is None else (a.hi if isinstance(a, FlintRoot) else Fraction(a))
    hi = None if b is None else (b.lo if isinstance(b, FlintRoot) else Fraction(b))
    if lo is None and hi is None:
        return Fraction(0)
    if lo is None:
        return hi - 1 - abs(hi)
    if hi is None:
        return lo + 1 + abs(lo)
    return (lo + hi) / 2


def root_expr(r: FlintRoot, x: sp.Symbol):
    """The root as a sympy number: rational, radicals for quadratic and binomial factors,
    ``CRootOf`` otherwise (equal to the corresponding entry of ``sp.Poly(f, x).real_roots()``)."""
    if r.exact:
        return sp.Rational(r.lo.numerator, r.lo.denominator)
    cs = [int(c) for c in r.f.coeffs()]
    expr = sp.Add(*[c * x ** j for j, c in enumerate(cs) if c])
    poly = sp.Poly(expr, x, domain="ZZ")
    if poly.degree() == 2 or sum(1 for c in cs if c) == 2:
        return poly.real_roots()[r.k]
    return sp.CRootOf(poly, r.k)
