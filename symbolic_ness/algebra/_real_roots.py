r"""Exact real roots of integer polynomials in one variable, with python-flint.

Every real root of a set of polynomials is kept as ``(f, k, lo, hi)``: ``f`` an irreducible
primitive ``fmpz_poly`` with positive leading coefficient, ``k`` the index of the root among the
real roots of ``f`` (increasing; counted when the sympy number is asked for) and an isolating
interval :math:`lo<x<hi` with rational ends (:math:`f(lo)f(hi)<0`, exactly one root inside; a
root of a linear factor is its rational value, ``lo == hi``). Isolation is Descartes' rule of
signs with bisection (Vincent–Collins–Akritas) on the requested interval only, with ``fmpz_poly``
Taylor shifts; roots of different factors are distinct, so refining by bisection separates every
pair. Signs of other polynomials at a root are exact (a multiple of ``f`` vanishes there;
otherwise interval arithmetic on a refined interval). :func:`root_expr` gives the sympy number
(rational, surd for quadratic or binomial factors, otherwise ``CRootOf``: the same objects as
``Poly.real_roots``).
"""
from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

import sympy as sp

__all__ = ["FlintRoot", "real_roots_of", "sign_at_root", "sign_at", "sign_changes", "root_expr", "rational_between"]


@dataclass
class FlintRoot:
    """A real root of the irreducible ``f`` in ``(lo, hi)`` (``k``: its index among the real
    roots of ``f``, counted by :func:`root_expr` when needed)."""

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


def _integer(qp):
    """The primitive integer polynomial with the roots of the ``fmpq_poly`` ``qp``."""
    import flint
    from math import lcm
    cs = [flint.fmpq(c) for c in qp.coeffs()]
    den = lcm(*(int(c.q) for c in cs)) if cs else 1
    p = flint.fmpz_poly([int(c * den) for c in cs])
    g = p.content()
    return flint.fmpz_poly([int(c) // int(g) for c in p.coeffs()]) if int(g) > 1 else p


def sign_changes(cs) -> int:
    """Sign changes of a sequence of numbers (zeros skipped).

    >>> sign_changes([1, 0, -2, -1, 3])
    2
    """
    s = [c > 0 for c in cs if c != 0]
    return sum(1 for a, b in zip(s, s[1:]) if a != b)


def _descartes_01(q) -> int:
    """Sign changes of :math:`(x+1)^d q(1/(x+1))`: a bound (exact when 0 or 1) for the roots of
    ``q`` in :math:`(0,1)`."""
    import flint
    rev = flint.fmpz_poly(list(q.coeffs())[::-1])
    return sign_changes(rev(flint.fmpz_poly([1, 1])).coeffs())


def _unit_roots(q) -> list:
    """Isolating intervals ``(c, k)`` (meaning :math:`(c/2^k,(c+1)/2^k)`) of the roots of the
    squarefree ``q`` in :math:`(0,1)` that is not zero at a dyadic point (Vincent–Collins–Akritas
    bisection with Descartes' rule)."""
    import flint
    out, stack = [], [(q, 0, 0)]
    while stack:
        p, c, k = stack.pop()
        v = _descartes_01(p)
        if v == 0:
            continue
        if v == 1:
            out.append((c, k))
            continue
        d = p.degree()
        cs = [int(x) for x in p.coeffs()]
        left = flint.fmpz_poly([x << (d - i) for i, x in enumerate(cs)])  # 2^d p(x/2)
        right = left(flint.fmpz_poly([1, 1]))
        if right.coeffs() and int(right.coeffs()[0]) == 0:
            raise ArithmeticError("a rational root in an irreducible polynomial of degree >= 2")
        stack += [(right, 2 * c + 1, k + 1), (left, 2 * c, k + 1)]
    return out


def _positive_bound(g) -> int:
    """A power of two above every positive root of the integer polynomial ``g`` (Fujiwara)."""
    cs = [int(x) for x in g.coeffs()]
    d = len(cs) - 1
    lead = abs(cs[d]).bit_length()
    k = 0
    for i in range(d):
        if cs[i]:
            k = max(k, -(-(abs(cs[i]).bit_length() - lead + 2) // (d - i)))
    return 2 ** (k + 1)


def _isolate(f, lo=None, hi=None) -> list:
    """Isolating intervals (rational ends, increasing) of the real roots of the irreducible
    ``f`` (degree >= 2) inside the open interval ``(lo, hi)`` (``None``: infinite)."""
    import flint
    if lo is None and hi is None:
        return _isolate(f, None, Fraction(0)) + _isolate(f, Fraction(0), None)
    if lo is None:  # x = -y: roots of f(-y) in (-hi, oo)
        g = flint.fmpz_poly([(-1) ** i * int(c) for i, c in enumerate(f.coeffs())])
        return sorted((-u, -l) for l, u in _isolate(g, -hi, None))
    F = flint.fmpq_poly([int(c) for c in f.coeffs()])
    if hi is None:  # roots of g(y) = f(lo + y) in (0, B)
        g = _integer(F(flint.fmpq_poly([_fmpq(lo), 1])))
        if sign_changes(g.coeffs()) == 0:
            return []
        width = Fraction(_positive_bound(g))
    else:
        width = hi - lo
    q = _integer(F(flint.fmpq_poly([_fmpq(lo), _fmpq(width)])))  # f(lo + width y), y in (0, 1)
    out = []
    for c, k in _unit_roots(q):
        out.append((lo + width * Fraction(c, 2 ** k), lo + width * Fraction(c + 1, 2 ** k)))
    return sorted(out)


def real_roots_of(polys, lo=None, hi=None) -> list:
    """Every real root in the open interval ``(lo, hi)`` (rational ends, ``None``: infinite) of
    the ``fmpz_poly`` in ``polys`` (``[(poly, tag), ...]``), once per distinct irreducible factor,
    sorted increasingly with disjoint isolating intervals; each root's ``tag`` is the set of tags
    of the polynomials it is a root of."""
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
            if (lo is None or x > lo) and (hi is None or x < hi):
                roots.append(FlintRoot(f, 0, x, x, frozenset(tags)))
            continue
        for a, b in _isolate(f, lo, hi):
            roots.append(FlintRoot(f, None, a, b, frozenset(tags)))
    # separate the intervals of roots of different factors (distinct algebraic numbers)
    while True:
        roots.sort(key=lambda r: (r.lo, r.hi))
        clash = [(a, b) for a, b in zip(roots, roots[1:])
                 if not a.hi < b.lo and not (a.exact and b.exact and a.lo == b.lo)]
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
    if r.k is None:
        r.k = len(_isolate(r.f, None, r.lo))  # real roots of f below this one
    if poly.degree() == 2 or sum(1 for c in cs if c) == 2:
        return poly.real_roots()[r.k]
    return sp.CRootOf(poly, r.k)
