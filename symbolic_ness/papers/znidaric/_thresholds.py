r"""Entanglement thresholds of the boundary-driven XX chain at γ = 0, derived
(Žnidarič Sec. III.A–C, Eqs. 16–18, 21–23).

Symmetric coupling :math:`\Gamma_L=\Gamma_R=\Gamma` (:data:`COUPLING`), coordinates
:math:`c=\mu/2-\bar\mu`, :math:`d=\mu/2+\bar\mu` (:data:`DRIVE_C`, :data:`DRIVE_D`; square
:math:`|c|,|d|\le1`). ``region="boundary"`` is :math:`\rho_{12}`, ``region="bulk"`` a pair
:math:`\rho_{j,j+1}`, :math:`2\le j\le n-2`. The entangled region of the boundary pair near
:math:`c=d=1` is the "tongue": it starts at :math:`c_{\min}(\Gamma)` on the edge :math:`d=1`
and is bounded from below by :math:`d(c,\Gamma)`. Every closed form is produced by sympy
(discriminants, factorization over :math:`\mathbb Q(\Gamma,\sqrt{8+\Gamma^2})` and
:math:`\mathbb Q(\sqrt2)`, resultants, ``solve``); the paper's formulas are test oracles only.

>>> round(float(gamma_min_boundary()), 6)
0.510578
>>> [round(float(g), 5) for g in gamma_window_bulk()]
[0.53101, 1.8832]
"""
from __future__ import annotations

from functools import lru_cache

import numpy as np
import sympy as sp

from ..._cache import cached
from ..._errors import CheckFailedError
from ...export import lambdify
from ...core import pt_eigenvalues_x_state
from ._pair_states import (boundary_lambda_min, bulk_lambda_min, distance_pair_correlators, gamma0_profile,
                           pair_state_from_correlators)
from ._symbols import COUPLING, CURRENT, DRIVE_C, DRIVE_D, MAG_BULK, MAG_FIRST, MAG_LAST

__all__ = ["symmetric_substitution", "boundary_edge_polynomial", "c_min_boundary", "d_edge_boundary",
           "gamma_min_boundary", "largest_tongue", "bulk_edge_polynomial", "d_edge_bulk", "c_min_bulk",
           "gamma_window_bulk", "boundary_no_interior_vertical_tangent", "bulk_no_interior_vertical_tangent",
           "lambdify_lambda", "threshold_functions", "real_or_none", "gamma0_pair_lambda"]


def _by_name(exprs, name):
    for e in exprs:
        for s in e.free_symbols:
            if s.name == name:
                return s
    return None


@cached("xx-bd-symmetric")
def symmetric_substitution():
    r"""``{t, a, a1, an}`` of the γ = 0 NESS at :math:`\Gamma_L=\Gamma_R=\Gamma`, :math:`\mu=c+d`, :math:`\bar\mu=(d-c)/2`.

    Taken from the derived closed form of :mod:`symbolic_ness.papers.znidaric._correlators`.
    """
    cf = gamma0_profile()
    vals = [sp.sympify(cf[k]) for k in ("t", "a1", "a", "an")]
    sub = {}
    for name, val in (("Gamma_L", COUPLING), ("Gamma_R", COUPLING), ("mu", DRIVE_C + DRIVE_D), ("mubar", (DRIVE_D - DRIVE_C) / 2)):
        s = _by_name(vals, name)
        if s is not None:
            sub[s] = val
    t, a1, a, an = (sp.factor(sp.cancel(v.subs(sub))) for v in vals)
    return {CURRENT: t, MAG_FIRST: a1, MAG_BULK: a, MAG_LAST: an}


def _split_sqrt(lam):
    """``4*lam = P - k*sqrt(Q)`` -> ``(P, k**2 * Q)`` (the zero set of lam is ``P**2 = k**2 Q``, P >= 0)."""
    e = sp.expand(4 * lam)
    P, R = sp.Integer(0), sp.Integer(0)
    for term in sp.Add.make_args(e):
        if any(isinstance(f, sp.Pow) and f.exp == sp.Rational(1, 2) for f in sp.Mul.make_args(term)):
            R += term
        else:
            P += term
    return P, sp.expand(R ** 2)


def _primitive_numerator(expr, gens):
    num, _ = sp.fraction(sp.together(expr))
    _, prim = sp.Poly(sp.expand(num), *gens).primitive()
    return prim.as_expr()


@cached("xx-bd-boundary-F")
def boundary_edge_polynomial():
    r"""Polynomial :math:`F(c,d,\Gamma)` whose zero set contains the edge of the entangled
    region of :math:`\rho_{12}` (squared-out :math:`\lambda_{\min}=0`; :math:`F<0` iff entangled).
    """
    P, Q = _split_sqrt(boundary_lambda_min())
    sub = symmetric_substitution()
    return _primitive_numerator((P ** 2 - Q).subs(sub), (DRIVE_C, DRIVE_D, COUPLING))


def _quadratic_roots(q, x):
    p = sp.Poly(q, x)
    if p.degree() != 2:
        raise CheckFailedError(f"expected a quadratic in {x}, got degree {p.degree()}")
    a2, a1, a0 = p.all_coeffs()
    disc = sp.factor(a1 ** 2 - 4 * a2 * a0)
    return [(-a1 - sp.sqrt(disc)) / (2 * a2), (-a1 + sp.sqrt(disc)) / (2 * a2)], disc


def _choose(cands, test):
    """The unique candidate expression passing ``test(expr)``."""
    ok = [e for e in cands if test(e)]
    if len(ok) != 1:
        raise CheckFailedError(f"branch selection found {len(ok)} candidates")
    return ok[0]


def _num(e, vals):
    v = complex(sp.N(e.subs(vals), 30))
    return v.real if abs(v.imag) < 1e-20 else float("nan")


@cached("xx-bd-boundary-cmin")
def c_min_boundary():
    r"""Tongue start :math:`c_{\min}(\Gamma)` of the boundary pair (Eq. 16), derived.

    Steps: (i) vertical tangents of :math:`F=0` are the roots in :math:`c` of the
    discriminant :math:`\mathrm{disc}_d F`; its factors other than :math:`(c\pm1)^2` are
    upward parabolas negative at :math:`c=\pm1`, so there is no vertical tangent
    inside the square and the leftmost point of the tongue lies on its edge
    :math:`d=1`; (ii) :math:`F(c,1,\Gamma)=(c+1)^2\,q(c,\Gamma)` with :math:`q` quadratic;
    (iii) the root of :math:`q` inside the square is :math:`c_{\min}`.

    Returns
    -------
    sympy expression
        c_min(Γ) (Γ_L = Γ_R = Γ).

    Examples
    --------
    >>> c_min_boundary()
    (4*Gamma**4 - 2*Gamma**3*sqrt(Gamma**2 + 8) + 8*Gamma**2 - 2*Gamma*sqrt(Gamma**2 + 8) + 3)/(2*Gamma**4 + 2*Gamma**2 + 1)
    """
    q = _tongue_quadratic()
    roots, _ = _quadratic_roots(q, DRIVE_C)
    g1 = {COUPLING: 1}
    r = _choose(roots, lambda e: -1 < _num(e, g1) < 1)
    return sp.radsimp(sp.simplify(r))


@cached("xx-bd-boundary-q")
def _tongue_quadratic():
    F = boundary_edge_polynomial()
    fl = sp.factor_list(F.subs(DRIVE_D, 1))[1]
    qs = [f for f, m in fl if sp.Poly(f, DRIVE_C).degree() == 2 and f.has(COUPLING)]
    if len(qs) != 1:
        raise CheckFailedError("unexpected factorization of F(c, 1, Gamma)")
    return qs[0]


def boundary_no_interior_vertical_tangent():
    r"""Evidence for step (i) of :func:`c_min_boundary`: the discriminant factors and their
    values at :math:`c=\pm1` (each non-trivial factor is an upward parabola in c, <= 0 at c = ±1)."""
    F = boundary_edge_polynomial()
    disc = sp.factor(sp.discriminant(F, DRIVE_D))
    out = []
    for f, m in sp.factor_list(disc)[1]:
        if not f.has(DRIVE_C) or sp.Poly(f, DRIVE_C).degree() < 2:
            continue
        lead = sp.factor(sp.Poly(f, DRIVE_C).LC())
        out.append((f, lead, sp.factor(f.subs(DRIVE_C, 1)), sp.factor(f.subs(DRIVE_C, -1))))
    return out


def _sqrt_reduce(num, den, s, S):
    """Write ``num/den`` (polynomials in s with s**2 = S) as ``u0 + u1*s`` with u0, u1 free of s."""
    rel = sp.Poly(s ** 2 - S, s)

    def red(p):
        r = sp.Poly(sp.expand(p), s).rem(rel)
        cs = r.all_coeffs()
        return (cs[-1], cs[-2] if len(cs) > 1 else sp.Integer(0))

    n0, n1 = red(num)
    d0, d1 = red(den)
    den2 = sp.expand(d0 ** 2 - d1 ** 2 * S)
    u0 = sp.factor(sp.cancel((n0 * d0 - n1 * d1 * S) / den2))
    u1 = sp.factor(sp.cancel((n1 * d0 - n0 * d1) / den2))
    return u0, u1


@cached("xx-bd-boundary-dedge")
def d_edge_boundary():
    r"""Lower edge :math:`d(c,\Gamma)` of the boundary tongue (Eq. 17), derived.

    :math:`F` is quartic in :math:`d`; with the rational parametrization
    :math:`\Gamma=(8-k^2)/(2k)`, :math:`\sqrt{8+\Gamma^2}=(8+k^2)/(2k)` it factors over
    :math:`\mathbb Q(c,k)` into two quadratics, i.e. over :math:`\mathbb Q(c,\Gamma,\sqrt{8+\Gamma^2})`.
    The lower edge is the root of one of them, mapped back with :math:`k=\sqrt{8+\Gamma^2}-\Gamma`
    and written as :math:`u_0+u_1\sqrt{8+\Gamma^2}+\sqrt{v_0+v_1\sqrt{8+\Gamma^2}}`.
    """
    F = boundary_edge_polynomial()
    k = sp.Symbol("k", positive=True)
    s = sp.sqrt(8 + COUPLING ** 2)
    sS = sp.Symbol("s", positive=True)
    PF = sp.Poly(F, COUPLING)
    deg = PF.degree()
    Fk = sp.expand(sum(cf * (8 - k ** 2) ** e[0] * (2 * k) ** (deg - e[0]) for e, cf in PF.terms()))
    quads = [f for f, m in sp.factor_list(Fk)[1] if f.has(DRIVE_D) and sp.Poly(f, DRIVE_D).degree() == 2]
    if len(quads) != 2:
        raise CheckFailedError("F did not split into two quadratics in d")
    cands = []
    kback = sS - COUPLING
    for qd in quads:
        p = sp.Poly(qd, DRIVE_D)
        a2, a1, a0 = [sp.expand(x) for x in p.all_coeffs()]
        # 1/k = (s + Gamma)/8: clear k from denominators by multiplying with k powers
        S2 = 8 + COUPLING ** 2

        def back(e):
            pe = sp.Poly(e, k)
            return sp.expand(sum(cf * kback ** ex[0] for ex, cf in pe.terms()))

        m0, m1 = _sqrt_reduce(-back(a1), 2 * back(a2), sS, S2)
        v0, v1 = _sqrt_reduce(back(sp.expand(a1 ** 2 - 4 * a2 * a0)), 4 * back(sp.expand(a2 ** 2)), sS, S2)
        for sign in (-1, 1):
            cands.append((m0 + m1 * sS + sign * sp.sqrt(v0 + v1 * sS)).subs(sS, s))
    f = lambdify_lambda("boundary")

    def is_lower_edge(e):
        fe = lambdify(e, (DRIVE_C, COUPLING), backend="mpmath")     # mpmath: complex intermediates
        for g in (0.8, 1.0, 2.0):
            cm = float(sp.N(c_min_boundary().subs(COUPLING, g)))
            for cc in np.linspace(cm, 1, 7)[1:-1]:
                try:
                    dv = complex(fe(cc, g))
                except (ValueError, ZeroDivisionError):
                    return False
                if abs(dv.imag) > 1e-9 or not -1 <= dv.real <= 1:
                    return False
                dv = dv.real
                if not (f(cc, dv + 1e-6, g) < 0 and (dv - 1e-6 < -1 or f(cc, dv - 1e-6, g) > 0)):
                    return False
        return True

    return _choose(cands, is_lower_edge)


@cached("xx-bd-gamma-min")
def gamma_min_boundary():
    r""":math:`\Gamma_{\min}` (Eq. 18): the real positive root of :math:`q(1,\Gamma)=0`, i.e.
    :math:`c_{\min}(\Gamma)=1`, solved by radicals (a cubic in :math:`\Gamma^2`).

    Returns
    -------
    sympy expression
        Γ_min in radicals.

    Examples
    --------
    >>> sp.N(gamma_min_boundary(), 12)
    0.510577960161
    """
    q1 = sp.factor(_tongue_quadratic().subs(DRIVE_C, 1))
    x = sp.Symbol("x", positive=True)
    poly = None
    for f, m in sp.factor_list(q1)[1]:
        if f.has(COUPLING):
            poly = f
    px = sp.Poly(poly, COUPLING)
    if any(mon[0] % 2 for mon in px.monoms()):
        raise CheckFailedError("expected a polynomial in Gamma**2")
    cubic = sp.expand(poly.subs(COUPLING, sp.sqrt(x)))
    sols = [r for r in sp.solve(cubic, x) if r.is_real and r.is_positive]
    if len(sols) != 1:
        sols = [sp.re(r) for r in sp.solve(cubic, x)            # radicals with complex intermediates
                if abs(sp.im(sp.N(r, 50))) < 1e-40 and sp.N(sp.re(r)) > 0]
    if len(sols) != 1:
        raise CheckFailedError("Gamma_min: no unique positive root")
    return sp.sqrt(sp.simplify(sols[0]))


def _extremum_roots(q, var) -> list:
    r"""``[(factor, real root)]`` in ``var`` of the irreducible factors of the resultant of
    :math:`q` and :math:`\partial_\Gamma q` with the other of (c, Γ) eliminated."""
    other = DRIVE_C if var == COUPLING else COUPLING
    res = sp.factor(sp.resultant(q, sp.diff(q, COUPLING), other))
    return [(f, r) for f, _ in sp.factor_list(res)[1] if f.has(var) for r in sp.Poly(f, var).real_roots()]


@cached("xx-bd-largest")
def largest_tongue():
    r"""Γ where the tongue is largest: :math:`\min_\Gamma c_{\min}(\Gamma)`.

    Extremum condition :math:`q=\partial_\Gamma q=0` (implicit differentiation of
    :math:`q(c_{\min}(\Gamma),\Gamma)=0`), eliminated with the resultant in c.
    Returns ``(poly_in_Gamma, Gamma_star (CRootOf), c_at_star (CRootOf/expr))``.

    Returns
    -------
    tuple
        ``(poly_in_Gamma, Gamma_star, c_at_star)``.

    Examples
    --------
    >>> poly, g_star, c_star = largest_tongue()
    >>> sp.N(g_star, 10), sp.N(c_star, 10)
    (1.088733988, 0.5955740003)
    """
    q = _tongue_quadratic()
    best = None
    for f, r in _extremum_roots(q, COUPLING):
        if float(r) <= 0:
            continue
        cv = float(sp.N(c_min_boundary().subs(COUPLING, r)))
        if -1 < cv < 1 and (best is None or cv < best[2]):
            best = (f, r, cv)
    f, r, _ = best
    # c at the optimum: eliminate Gamma instead -> minimal polynomial of c*
    cstar = None
    for _, rc in _extremum_roots(q, DRIVE_C):
        if abs(float(rc) - best[2]) < 1e-9:
            cstar = rc
    return f, r, cstar


@cached("xx-bd-bulk-F")
def bulk_edge_polynomial():
    r"""The factor of the squared-out bulk condition that bounds the pocket near :math:`c=d=1`.

    :math:`(1+a^2-t^2)^2-4(a^2+t^2)` factors over :math:`\mathbb Q(\sqrt2)` into
    :math:`(a^2-t^2+2\sqrt2t-1)(a^2-t^2-2\sqrt2t-1)`; for :math:`t>0` only the first can vanish
    with :math:`1+a^2-t^2\ge0`... the factor is picked numerically (the one vanishing on the pocket edge).
    Returns the factor in (a, t) and its symmetric-coupling numerator in (c, d, Gamma).
    """
    P, Q = _split_sqrt(bulk_lambda_min())
    fl = sp.factor_list(sp.expand(P ** 2 - Q), extension=sp.sqrt(2))[1]
    sub = symmetric_substitution()
    f = lambdify_lambda("bulk")
    for fac, m in fl:
        if not fac.has(CURRENT):
            continue
        G = _primitive_numerator(fac.subs(sub), (DRIVE_C, DRIVE_D, COUPLING))
        # the pocket edge of Gamma = 1 at c = 1 is between the entangled corner and the rest
        roots = [r for r in sp.Poly(G.subs({COUPLING: 1, DRIVE_C: 1}), DRIVE_D).nroots() if abs(sp.im(r)) < 1e-12]
        for r in roots:
            r = float(sp.re(r))
            if -1 < r < 1 and f(1.0, r + 1e-6, 1.0) < 0 < f(1.0, r - 1e-6, 1.0):
                return sp.factor(fac), G
    raise CheckFailedError("no factor bounds the bulk pocket")


@cached("xx-bd-bulk-dedge")
def d_edge_bulk():
    r"""Lower edge :math:`d(c,\Gamma)` of the bulk pocket (Eq. 21): root of a quadratic in d."""
    _, G = bulk_edge_polynomial()
    roots, disc = _quadratic_roots(G, DRIVE_D)
    f = lambdify_lambda("bulk")

    def ok(e):
        fe = lambdify(e, (DRIVE_C, COUPLING), backend="mpmath")     # mpmath: complex intermediates
        for g in (0.7, 1.0, 1.5):
            cm = float(sp.N(c_min_bulk_raw().subs(COUPLING, g)))
            for cc in np.linspace(cm, 1, 6)[1:]:
                dv = complex(fe(cc, g))
                if abs(dv.imag) > 1e-9:
                    return False
                dv = dv.real
                if not (-1 - 1e-9 <= dv <= 1 + 1e-9 and f(cc, min(dv + 1e-6, 1), g) < 0):
                    return False
                if dv - 1e-6 > -1 and not f(cc, dv - 1e-6, g) > 0:
                    return False
        return True

    return sp.collect(_choose([sp.simplify(r) for r in roots], ok), sp.sqrt(2))


@cached("xx-bd-bulk-cmin-raw")
def c_min_bulk_raw():
    _, G = bulk_edge_polynomial()
    roots, _ = _quadratic_roots(G.subs(DRIVE_D, 1), DRIVE_C)
    g1 = {COUPLING: 1}
    return _choose(roots, lambda e: -1 < _num(e, g1) < 1)


@cached("xx-bd-bulk-cmin")
def c_min_bulk():
    r"""Pocket start :math:`c_{\min}(\Gamma)` of the bulk pair (Eq. 22): the edge meets :math:`d=1`
    (no vertical tangent inside the square, :func:`bulk_no_interior_vertical_tangent`).

    The square root collapses, :math:`\sqrt{\dots}=\Gamma^2-\sqrt2\Gamma+1`, found by
    ``sqrtdenest``/``factor`` over :math:`\mathbb Q(\sqrt2)`.

    Returns
    -------
    sympy expression
        c_min^bulk(Γ).

    Examples
    --------
    >>> c_min_bulk()
    3*(Gamma**4 - 4*sqrt(2)*Gamma**3/3 + 7*Gamma**2/3 - 4*sqrt(2)*Gamma/3 + 1)/((Gamma**2 - Gamma + 1)*(Gamma**2 + Gamma + 1))
    """
    r = c_min_bulk_raw()

    def den(e):
        if isinstance(e, sp.Pow) and e.exp == sp.Rational(1, 2):
            inner = sp.factor(e.base, extension=sp.sqrt(2))
            out = sp.powdenest(sp.sqrt(inner), force=True)
            return out
        return e

    r = r.replace(lambda e: isinstance(e, sp.Pow) and e.exp == sp.Rational(1, 2), den)
    r = r.replace(lambda e: isinstance(e, sp.Abs), lambda e: e.args[0]
                  if _num(e.args[0], {COUPLING: 1}) > 0 else -e.args[0])
    return sp.factor(sp.simplify(r), extension=sp.sqrt(2))


def bulk_no_interior_vertical_tangent():
    r"""Why the bulk pocket starts on the edge d = 1: the edge quadratic in d has discriminant
    :math:`\propto f(c)`, an upward parabola in c with vertex :math:`c_v=\sqrt2(\Gamma^2+1)/\Gamma\ge2\sqrt2>1`
    and :math:`f(1)=(\Gamma^2-\sqrt2\Gamma+1)^2>0`, so :math:`f>0` on :math:`[-1,1]`: no vertical
    tangent in the square. Returns ``(f, c_v, factor(f(1)))``."""
    _, G = bulk_edge_polynomial()
    disc = sp.factor(sp.discriminant(G, DRIVE_D), extension=sp.sqrt(2))
    fs = [f for f, m in sp.factor_list(disc, extension=sp.sqrt(2))[1] if f.has(DRIVE_C)]
    if len(fs) != 1 or sp.Poly(fs[0], DRIVE_C).degree() != 2:
        raise CheckFailedError("unexpected bulk discriminant")
    f = fs[0]
    a2, a1, _ = sp.Poly(f, DRIVE_C).all_coeffs()
    if a2.could_extract_minus_sign():
        f, a2, a1 = -f, -a2, -a1
    return f, sp.simplify(-a1 / (2 * a2)), sp.factor(f.subs(DRIVE_C, 1), extension=sp.sqrt(2))


@cached("xx-bd-bulk-window")
def gamma_window_bulk():
    r"""Bulk Γ window (Eq. 23): the positive roots of :math:`c_{\min}^{\rm bulk}(\Gamma)=1`, as radicals.

    Returns
    -------
    tuple
        ``(Gamma_minus, Gamma_plus)`` in radicals.

    Examples
    --------
    >>> [sp.N(x, 10) for x in gamma_window_bulk()]
    [0.5310100565, 1.883203506]
    """
    num = sp.fraction(sp.together(c_min_bulk() - 1))[0]
    sols = sorted({sp.radsimp(s) for s in sp.solve(num, COUPLING) if s.is_real and s.is_positive},
                  key=lambda e: float(e))
    if len(sols) != 2:
        raise CheckFailedError(f"bulk window: expected 2 roots, got {sols}")
    return tuple(sp.simplify(s) for s in sols)


@lru_cache(maxsize=None)
def lambdify_lambda(region: str):
    r"""Vectorized :math:`\lambda_{\min}(c,d,\Gamma)` of the boundary or bulk pair (closed form)."""
    lam = boundary_lambda_min() if region == "boundary" else bulk_lambda_min()
    sub = symmetric_substitution()
    return lambdify(lam.subs(sub), (DRIVE_C, DRIVE_D, COUPLING))


@lru_cache(maxsize=None)
def gamma0_pair_lambda():
    """Evaluators (core lambdify): (t, a1, a, an)(Gamma_L, Gamma_R, mu, mubar) and the four PT
    eigenvalues of a nearest-neighbour pair (zj, zk, t) at gamma = 0."""
    cf = gamma0_profile()
    vals = [sp.sympify(cf[k]) for k in ("t", "a1", "a", "an")]
    args = [_by_name(vals, nm) or sp.Symbol(nm) for nm in ("Gamma_L", "Gamma_R", "mu", "mubar")]
    cfn = lambdify(sp.Matrix(vals), args)
    nn = distance_pair_correlators(1)
    zj, zk = sp.symbols("zj zk", real=True)
    rho = pair_state_from_correlators(nn["z1"], nn["z2"], nn["xx"], nn["xy"], nn["zz"])
    evs = pt_eigenvalues_x_state(rho)
    evfn = lambdify(sp.Matrix(evs), (zj, zk, CURRENT))
    return cfn, evfn


@lru_cache(maxsize=None)
def threshold_functions():
    """mpmath evaluators of c_min and d(c) for both regions (complex intermediates of the radicals
    need mpmath; core.lambdify is numpy-only)."""
    cb = lambdify(c_min_boundary(), COUPLING, backend="mpmath")
    cu = lambdify(c_min_bulk(), COUPLING, backend="mpmath")
    db = lambdify(d_edge_boundary(), (DRIVE_C, COUPLING), backend="mpmath")
    du = lambdify(d_edge_bulk(), (DRIVE_C, COUPLING), backend="mpmath")
    return {"c-boundary": cb, "c-bulk": cu, "d-boundary": db, "d-bulk": du}


def real_or_none(v):
    v = complex(v)
    if abs(v.imag) > 1e-12 * max(1, abs(v.real)):
        return None
    return v.real
