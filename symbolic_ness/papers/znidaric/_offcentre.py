r"""Off-centre pairs of the dephased XX chain (beyond Žnidarič Sec. III.D): thresholds of any pair.

The paper gives :math:`\gamma_c` (Eq. 24) and :math:`\Gamma_\pm` (Eq. 25) for the central pair only
and remarks that :math:`\gamma_c` "weakly increases away from the centre". Here every pair
:math:`(j,j+1)`, :math:`1\le j\le n-1` (1-indexed), of any n is treated exactly:

1. **Exact pair values for one n** (:func:`pair_values_exact`): :math:`\langle\sigma^z_j\sigma^z_{j+1}\rangle`,
   :math:`\langle\sigma^z_j\rangle`, :math:`\langle\sigma^z_{j+1}\rangle`, :math:`\langle\sigma^x_j\sigma^y_{j+1}\rangle`
   at rational parameters — the pair's closed hierarchy solved over :math:`\mathbb Q` and checked
   on the full closed system (n < 8, :func:`~symbolic_ness.papers.znidaric.exact_pair_values`), or
   the polynomial class engine solved over :math:`\mathbb Q` (n >= 8,
   :func:`~symbolic_ness.papers.znidaric.engine_solve`, consistent full-rank system).
2. **Rational functions of one parameter** (:func:`pair_functions`): with the other parameter
   fixed (rational) and :math:`c=d=1`, the four values are reconstructed exactly as rational
   functions of :math:`\gamma` (or of :math:`\Gamma`) and checked at fresh points (engine
   :func:`~symbolic_ness.engines.rational_reconstruct`).
3. **Exact entangled set** (:func:`entangled_intervals`): the U(1)-invariant pair state has
   :math:`4\lambda_{\min}=1+Z-\sqrt{(z_j+z_{j+1})^2+4J^2}`, so :math:`\lambda_{\min}<0` iff
   :math:`1+Z<0` or :math:`F=(1+Z)^2-(z_j+z_{j+1})^2-4J^2<0`. The positive real roots of the
   numerator of F (exact real-root isolation, ``CRootOf``) cut :math:`(0,\infty)` into intervals
   whose sign is decided by exact rational arithmetic at a rational point inside each.
   :math:`\gamma_c` is the end of the entangled interval starting at :math:`\gamma=0`
   (:func:`gamma_c_pair`); :math:`\Gamma_\pm` the ends of the entangled Γ-interval
   (:func:`gamma_window_pair`).
4. **Region in (c, d)** (:func:`pair_cd_lambda`): at fixed rational :math:`(\Gamma,\gamma)` the
   four values are polynomials of total degree <= 2 in :math:`(c,d)` (the driving enters the
   hierarchy only through its inhomogeneous, lower-order terms); they are interpolated exactly
   from 6 points and checked at 3 more, giving :math:`\lambda_{\min}(c,d)` in closed form, on
   which :math:`c_{\min}` and :math:`d(c)` are found by root finding
   (:func:`c_min_pair`, :func:`d_edge_pair`).

Symmetry used only as a test: at :math:`c=d=1` the reflection :math:`j\to n-j` with a spin flip
maps pair j to pair n - j, so :math:`\gamma_c(j)=\gamma_c(n-j)`.

>>> round(gamma_c_pair(4, 2, 1), 12)       # central pair of n = 4 at Gamma = 1: (sqrt(2) - 1)/2
0.207106781187
>>> gamma_c_pair(4, 1, 1)                  # the boundary pair stays entangled for every gamma
inf
"""
from __future__ import annotations

import functools
from fractions import Fraction

import numpy as np
import scipy.optimize as so
import sympy as sp

from ..._errors import CheckFailedError, ParameterError
from ...export import lambdify
from ...algebra import solve_qq
from ...engines import rational_reconstruct
from ._class_engine import ENGINE_MIN_N, engine_solve, engine_value
from ._dephasing import exact_pair_values, float_pair_values, pt_lambda_generic
from ._symbols import COUPLING, DEPHASING, DRIVE_C, DRIVE_D

__all__ = ["pair_values_exact", "pair_values_float", "pair_functions", "entangled_intervals", "gamma_c_pair",
           "gamma_window_pair", "pair_cd_lambda", "c_min_pair", "d_edge_pair", "gamma_c_profile",
           "check_pair"]


def _Q(x) -> Fraction:
    """A float becomes the rational it prints; exact input stays exact."""
    if isinstance(x, float):
        return Fraction(repr(x))
    if isinstance(x, sp.Basic):
        return Fraction(int(sp.numer(x)), int(sp.denom(x)))
    return Fraction(x)


def check_pair(n, pair) -> int:
    """Validated 1-indexed pair index (ParameterError otherwise)."""
    if pair is None or isinstance(pair, bool) or (isinstance(pair, float) and pair != int(pair)):
        raise ParameterError("pair", pair, f"an integer 1 <= pair <= n - 1 = {int(n) - 1}")
    j = int(pair)
    if not 1 <= j <= int(n) - 1:
        raise ParameterError("pair", pair, f"an integer 1 <= pair <= n - 1 = {int(n) - 1}")
    return j


@functools.lru_cache(maxsize=1024)
def _engine_point(n, G, g, c, d):
    R = sp.Rational
    coeffs, _ = engine_solve(n, R(G.numerator, G.denominator), R(G.numerator, G.denominator),
                             R((c + d).numerator, (c + d).denominator), R(((d - c) / 2).numerator,
                                                                          ((d - c) / 2).denominator),
                             R(g.numerator, g.denominator), exact=True)
    return coeffs


def pair_values_exact(n, pair, Gamma, gamma, c=1, d=1):
    r"""Exact ``(zz, z_j, z_{j+1}, xy)`` (``Fraction``) of the pair (j, j+1), j = ``pair`` (1-indexed),
    at rational :math:`(\Gamma,\gamma,c,d)`, :math:`\gamma>0` (closed pair hierarchy for n < 8, class
    engine for n >= 8).

    >>> pair_values_exact(5, 1, Fraction(7, 10), Fraction(1, 20))[0]
    Fraction(-9667, 51997)
    """
    n, j = int(n), check_pair(n, pair)
    G, g, c, d = (_Q(x) for x in (Gamma, gamma, c, d))
    if g <= 0:
        raise ParameterError("gamma", gamma, "gamma > 0 for the exact pair values")
    if n < ENGINE_MIN_N:
        return exact_pair_values(n, G, g, c, d, pair=j)
    co = _engine_point(n, G, g, c, d)
    j0 = j - 1
    strings = (((j0, "Z"), (j0 + 1, "Z")), ((j0, "Z"),), ((j0 + 1, "Z"),), ((j0, "X"), (j0 + 1, "Y")))
    return tuple(_Q(sp.sympify(engine_value(co, s, n))) for s in strings)


def pair_values_float(n, pair, Gamma, gamma, c=1.0, d=1.0):
    """Float ``(zz, z_j, z_{j+1}, xy)`` (full closed pair hierarchy for n < 8, class engine in floats
    for n >= 8); independent of every closed form and reconstruction."""
    n, j = int(n), check_pair(n, pair)
    if n < ENGINE_MIN_N:
        return float_pair_values(n, Gamma, gamma, c, d, pair=j)[:4]
    co, _ = engine_solve(n, float(Gamma), float(Gamma), float(c + d), float((d - c) / 2), float(gamma))
    j0 = j - 1
    strings = (((j0, "Z"), (j0 + 1, "Z")), ((j0, "Z"),), ((j0 + 1, "Z"),), ((j0, "X"), (j0 + 1, "Y")))
    return tuple(float(engine_value(co, s, n)) for s in strings)


_VARS = {"gamma": DEPHASING, "Gamma": COUPLING}


@functools.lru_cache(maxsize=256)
def pair_functions(n, pair, var: str, fixed):
    r"""``(Z, z_j, z_{j+1}, J)`` of the pair at :math:`c=d=1` as exact rational functions of
    ``var`` (``"gamma"``: :data:`DEPHASING`, with :math:`\Gamma` = ``fixed``; ``"Gamma"``:
    :data:`COUPLING`, with :math:`\gamma` = ``fixed``), reconstructed from exact solves and
    checked at fresh points; :math:`J=\langle\sigma^x_j\sigma^y_{j+1}\rangle`."""
    if var not in _VARS:
        raise ParameterError("var", var, "gamma or Gamma")
    sym = _VARS[var]
    fixed = _Q(fixed)
    memo: dict = {}

    def vals(x):
        if x not in memo:
            memo[x] = (pair_values_exact(n, pair, fixed, x) if var == "gamma"
                       else pair_values_exact(n, pair, x, fixed))
        return memo[x]

    return tuple(sp.factor(rational_reconstruct(lambda p, k=k: vals(p[0])[k], (sym,), max_degree=16).expr)
                 for k in range(4))


def _between(a, b):
    """A rational strictly between the real algebraic numbers a < b (b may be oo)."""
    if b is sp.oo:
        return sp.Rational(int(sp.floor(sp.N(a, 30))) + 1) if a != 0 else sp.Integer(1)
    lo, hi = sp.N(a, 40), sp.N(b, 40)
    m = sp.Rational(str(sp.N((lo + hi) / 2, 40)))
    if not (sp.Rational(str(lo)) < m < sp.Rational(str(hi))):
        raise CheckFailedError("roots too close to separate at 40 digits")
    return m


def entangled_intervals(fns, sym):
    r"""The set :math:`\{x>0:\lambda_{\min}(x)<0\}` of a pair with values ``fns = (Z, z_j, z_{j+1}, J)``
    (rational functions of ``sym``) as a list of ``(lo, hi)`` (exact algebraic ends, ``oo`` allowed).

    Exact: the zeros of :math:`\lambda_{\min}` are among the roots of the numerator of
    :math:`F=(1+Z)^2-(z_j+z_{j+1})^2-4J^2` (real-root isolation over :math:`\mathbb Q`); the sign
    of :math:`\lambda_{\min}` in each gap is decided at a rational point in exact arithmetic.
    Raises if a value has a pole at positive x.

    >>> x = sp.Symbol("x")
    >>> entangled_intervals((x - 1, sp.S(0), sp.S(0), sp.S(0)), x)      # 4 lambda = x - |0| ... < 0 iff x < 0
    []
    """
    Z, z1, z2, J = fns
    for f in fns:
        den = sp.denom(sp.together(f))
        if den.has(sym) and any(r > 0 for r in sp.Poly(den, sym).real_roots()):
            raise CheckFailedError("pair value has a pole at positive parameter")
    A = 1 + Z
    S = (z1 + z2) ** 2 + 4 * J ** 2
    num = sp.numer(sp.together(A ** 2 - S))
    num = sp.expand(num)
    if num == 0:
        raise CheckFailedError("lambda_min vanishes identically")
    roots = sorted({r for r in sp.Poly(num, sym).real_roots() if r > 0}, key=lambda r: float(sp.N(r, 30)))
    cuts = [sp.Integer(0)] + roots + [sp.oo]

    def entangled(x):
        a, s = A.subs(sym, x), S.subs(sym, x)
        return bool(a < 0 or a * a < s)

    out = []
    for lo, hi in zip(cuts[:-1], cuts[1:]):
        if entangled(_between(lo, hi)):
            if out and out[-1][1] == lo:
                out[-1] = (out[-1][0], hi)      # a double root inside the entangled set
            else:
                out.append((lo, hi))
    return out


def _f(x) -> float:
    return float(sp.N(x, 20))


def gamma_c_pair(n, pair, Gamma) -> float | None:
    r"""Critical dephasing of the pair (j, j+1) at :math:`c=d=1`: the end of the entangled
    γ-interval that starts at :math:`\gamma=0` (exact algebraic number, returned as float);
    ``None`` if the pair is separable already for small :math:`\gamma>0`, ``inf`` if it stays
    entangled for every :math:`\gamma` (the boundary pairs: :math:`\lambda_{\min}\to0^-`)."""
    fns = pair_functions(int(n), check_pair(n, pair), "gamma", _Q(Gamma))
    iv = entangled_intervals(fns, DEPHASING)
    if not iv or iv[0][0] != 0:
        return None
    if iv[0][1] is sp.oo:
        return float("inf")
    return _f(iv[0][1])


def gamma_window_pair(n, pair, gamma):
    r"""The coupling window :math:`[\Gamma_-,\Gamma_+]` of the pair (j, j+1) at :math:`c=d=1` and
    dephasing :math:`\gamma`: the ends of the (unique) entangled Γ-interval, exact; ``None`` if
    the pair is never entangled; :math:`\Gamma_+=` ``inf`` for the boundary pairs (entangled for
    all :math:`\Gamma>\Gamma_m`); CheckFailedError if the set is not one interval."""
    fns = pair_functions(int(n), check_pair(n, pair), "Gamma", _Q(gamma))
    iv = entangled_intervals(fns, COUPLING)
    if not iv:
        return None
    if len(iv) != 1:
        raise CheckFailedError(f"entangled couplings are not one interval: {iv}")
    return [_f(iv[0][0]), float("inf") if iv[0][1] is sp.oo else _f(iv[0][1])]


@functools.lru_cache(maxsize=64)
def _cd_values(n, pair, G, g):
    """Exact (Z, z_j, z_{j+1}, J) as polynomials of total degree <= 2 in (c, d)."""
    c, d = DRIVE_C, DRIVE_D
    mons = [sp.Integer(1), c, d, c * c, c * d, d * d]
    fit = [(1, 1), (0, 1), (1, 0), (0, 0), (Fraction(1, 2), 1), (1, Fraction(-1, 3))]
    chk = [(Fraction(-2, 5), Fraction(3, 7)), (Fraction(1, 3), Fraction(1, 4)), (-1, -1)]
    vals = {p: pair_values_exact(n, pair, G, g, *p) for p in fit + chk}
    A = {}
    for r, (cv, dv) in enumerate(fit):
        for k, m in enumerate(mons):
            v = Fraction(str(m.subs({c: sp.Rational(str(cv)), d: sp.Rational(str(dv))})))
            if v:
                A[(r, k)] = v
    out = []
    for q in range(4):
        coef = solve_qq(A, [vals[p][q] for p in fit], 6)
        poly = sum(sp.Rational(co.numerator, co.denominator) * m for co, m in zip(coef, mons))
        for p in chk:
            if poly.subs({c: sp.Rational(str(p[0])), d: sp.Rational(str(p[1]))}) != sp.Rational(
                    vals[p][q].numerator, vals[p][q].denominator):
                raise CheckFailedError("pair values are not quadratic in (c, d)")
        out.append(sp.expand(poly))
    return tuple(out)


def pair_cd_lambda(n, pair, Gamma, gamma):
    r"""Closed form :math:`\lambda_{\min}(c,d)` of the pair (j, j+1) at fixed :math:`(\Gamma,\gamma)`
    (rational) and a vectorized evaluator ``f(c, d)`` of the smallest of the four PT eigenvalues.
    Returns ``(expr, f)``."""
    vals = _cd_values(int(n), check_pair(n, pair), _Q(Gamma), _Q(gamma))
    lam, syms, others = pt_lambda_generic()
    z1s, z2s, Zs, Js = syms
    sub = {z1s: vals[1], z2s: vals[2], Zs: vals[0], Js: vals[3]}
    fns = [lambdify(e.subs(sub), (DRIVE_C, DRIVE_D)) for e in [lam] + list(others)]

    def f(cc, dd):
        with np.errstate(all="ignore"):
            out = fns[0](cc, dd)
            for g_ in fns[1:]:
                out = np.minimum(out, g_(cc, dd))
        return out
    return lam.subs(sub), f


def _domain(n, pair):
    """(c, d) domain searched: the full square for the boundary pairs (1, 2) and (n-1, n), the pocket
    near c = d = 1 (quadrant [0, 1]^2) for every other pair."""
    return (-1.0, 1.0) if pair in (1, int(n) - 1) else (0.0, 1.0)


def c_min_pair(n, pair, Gamma, gamma):
    r""":math:`c_{\min}` of the pair (j, j+1): the smallest c in the searched domain with an entangled
    state for some d (root finding on the exact :func:`pair_cd_lambda`); ``None`` if none."""
    from ._dephasing_numerics import c_min_of
    _, f = pair_cd_lambda(n, pair, Gamma, gamma)
    return c_min_of(f, *_domain(n, pair))


def d_edge_pair(n, pair, Gamma, gamma, c):
    r"""Lower edge :math:`d(c)` of the entangled region of the pair (j, j+1) at fixed c (root finding on
    the exact :func:`pair_cd_lambda`); ``None`` if no d gives entanglement."""
    from ._dephasing_numerics import d_edge_of
    _, f = pair_cd_lambda(n, pair, Gamma, gamma)
    return d_edge_of(f, c, *_domain(n, pair))


def gamma_c_profile(n, Gamma=1):
    r"""The profile :math:`j\mapsto\gamma_c(j)`, :math:`j=1,\dots,n-1` (exact, :func:`gamma_c_pair`)."""
    return [gamma_c_pair(n, j, Gamma) for j in range(1, int(n))]
