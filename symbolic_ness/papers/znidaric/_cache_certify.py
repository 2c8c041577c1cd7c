r"""Certificates of the Žnidarič paper's cache kinds (registered in the cache's one table).

The cache folder is untrusted (see :mod:`symbolic_ness._cache`): every entry read from it is
re-checked once per process, cheaply, against an independent computation at a random point,
and a kind with no cheap check is not stored on disk at all (memoized in the process only).

Certified kinds (all checks fresh at every load; exact ones modulo a random prime
:math:`p\approx2^{60}` with :class:`~symbolic_ness.core.ModP`):

* ``xx-deph-pair-zz-v1`` / ``xx-deph-pair-zz-cd-v1`` (:math:`\langle\sigma^z\sigma^z\rangle` of a
  pair as a rational function of :math:`(\Gamma,\gamma)` for one n): equals the exact solve of the
  full pair hierarchy (:func:`~symbolic_ness.papers.znidaric.exact_pair_values`) at random
  rational :math:`(\Gamma,\gamma)`;
* ``xx-deph-zz-closed-n-v1`` (the closed form in :math:`(n,\Gamma,\gamma)`): the same at a random
  length of the class in :math:`4\le n\le11` and random rational :math:`(\Gamma,\gamma)`;
* ``xx-zz-engine-closed-n-v1`` / ``xx-zz-cd-engine-closed-n-v1`` (the class-engine coefficients
  :math:`x_u=N_u/D`): every one of the n-symbolic engine equations holds modulo :math:`p` at a
  random point :math:`(n,\Gamma,\gamma[,c,d])` and :math:`D\ne0` there (the n-symbolic proof,
  evaluated at one random point);
* ``xx-deph-limits-v1`` (limits :math:`n\to\infty`): each stored limit equals the closed form it
  is the limit of at :math:`n=10^{12}` to :math:`10^{-6}` (50 digits) at a random point;
* ``xx-bd-boundary-dedge``, ``xx-bd-bulk-dedge``, ``xx-bd-bulk-cmin`` (radical edges of the
  entangled regions): the stored edge is a root of the edge polynomial it was solved from at a
  random point (50 digits, residual below :math:`10^{-30}` of the terms).

Kinds stored nowhere (memoized in the process only; no cheap check, or cheap to recompute from
certified inputs): :data:`MEMORY_ONLY`.

>>> sorted(CERTIFIED)[:2]
['xx-bd-boundary-dedge', 'xx-bd-bulk-cmin']
"""
from __future__ import annotations

import random
from fractions import Fraction

import sympy as sp

from ..._cache import register_certifier
from ..._errors import CheckFailedError
from ...core import ModP
from ._symbols import COUPLING, DEPHASING, DRIVE_C, DRIVE_D, LENGTH

__all__ = ["CERTIFIED", "MEMORY_ONLY"]

_RNG = random.SystemRandom()

#: cache kinds of this package that are never stored on disk, with the reason
MEMORY_ONLY = {
    "xx-provenance-proofs-v2": "a proof verdict has no check cheaper than the proof (re-proved in each process)",
    "xx-engine-structure-v1": "the engine equations are the certificate's own reference (rebuilt, ~1.5 s)",
    "xx-support-classes-v1": "input of the engine structure (one float solve)",
    "xx-deph-two-point-v1": "a substitution into the two-point closed form (< 1 s)",
    "xx-bd-gamma0-closed-form": "the gamma = 0 closed form (< 1 s)",
    "xx-deph-pair-lambda-v1": "sympy steps from certified inputs (< 0.3 s)",
    "xx-deph-central-X-v1": "sympy steps from certified inputs (< 0.3 s)",
    "xx-deph-gamma-c-v1": "sympy steps from certified inputs (< 0.3 s)",
    "xx-deph-gamma-window-v1": "sympy steps from certified inputs (< 0.3 s)",
    "xx-bd-symmetric": "sympy steps from certified inputs (< 0.3 s)",
    "xx-bd-boundary-F": "sympy steps from certified inputs (< 0.3 s)",
    "xx-bd-boundary-q": "sympy steps from certified inputs (< 0.3 s)",
    "xx-bd-boundary-cmin": "sympy steps from certified inputs (< 0.3 s)",
    "xx-bd-gamma-min": "sympy steps from certified inputs (< 0.3 s)",
    "xx-bd-largest": "sympy steps from certified inputs (< 0.3 s)",
    "xx-bd-bulk-F": "sympy steps from certified inputs (< 0.3 s)",
    "xx-bd-bulk-cmin-raw": "sympy steps from certified inputs (< 0.3 s)",
    "xx-bd-bulk-window": "sympy steps from certified inputs (< 0.3 s)",
    "xx-bd-boundary-lambda": "a PT eigenvalue of a symbolic pair state (< 0.3 s)",
    "xx-bd-bulk-lambda": "a PT eigenvalue of a symbolic pair state (< 0.3 s)",
    "xx-bd-distance-correlators-v2": "Wick's theorem on a short block (< 0.1 s)",
    "xx-bd-distance-lambda": "a PT eigenvalue of a symbolic pair state (< 0.3 s)",
    "xx-thermal-free-fermion-v2": "sympy derivation (< 0.3 s)",
    "xx-thermal-pair-state-v1": "sympy derivation (< 0.3 s)",
    "xx-thermal-lambda-min-v1": "sympy derivation (< 0.3 s)",
    "xx-thermal-threshold-v1": "sympy derivation (< 0.3 s)",
}


def _q(lo: int = 1, bits: int = 16) -> Fraction:
    """A random positive rational with a numerator of ``bits`` bits and a small denominator."""
    return Fraction(_RNG.randrange(lo, 2 ** bits), _RNG.randrange(1, 2 ** 8))


def _arg(args, kwargs, k: int, name: str, default=None):
    if len(args) > k:
        return args[k]
    return kwargs.get(name, default)


def _rat(x: Fraction) -> sp.Rational:
    return sp.Rational(x.numerator, x.denominator)


def _pair_check(expr, n: int, kind: str, c, d, extra=None) -> None:
    """``expr`` (in Γ, γ and the symbols of ``extra``) equals the exact pair solve at a random
    rational point, modulo a random prime."""
    from ._dephasing import exact_pair_values
    m = ModP()
    G, g = _q(), _q()
    zz = exact_pair_values(int(n), G, g, c, d, kind)[0]
    pt = {COUPLING: _rat(G), DEPHASING: _rat(g), **(extra or {})}
    if m.at(expr, pt) != m.of(_rat(Fraction(zz))):
        raise CheckFailedError("cache: stored pair correlator differs from the exact pair solve at a random point")


def certify_pair_zz(res, args, kwargs) -> None:
    """Certificate of ``xx-deph-pair-zz-v1`` (``derived_pair_zz(n, kind)``, c = d = 1)."""
    _pair_check(res, _arg(args, kwargs, 0, "n"), _arg(args, kwargs, 1, "kind"), 1, 1)


def certify_pair_zz_cd(res, args, kwargs) -> None:
    """Certificate of ``xx-deph-pair-zz-cd-v1`` (``_derived_pair_zz_cd(n, kind, c, d)``)."""
    _pair_check(res, _arg(args, kwargs, 0, "n"), _arg(args, kwargs, 1, "kind"),
                _arg(args, kwargs, 2, "c"), _arg(args, kwargs, 3, "d"))


def certify_zz_closed_n(res, args, kwargs) -> None:
    """Certificate of ``xx-deph-zz-closed-n-v1`` (``zz_closed_form(cls)``): a random length of
    the class (4 <= n <= 11) and random (Γ, γ)."""
    from ._dephasing import _kind
    cls = _arg(args, kwargs, 0, "cls")
    ns = {"central-even": (4, 6, 8, 10), "central-odd": (5, 7, 9, 11), "boundary": (4, 5, 6, 7, 8, 9)}[cls]
    n = _RNG.choice(ns)
    _pair_check(res, n, _kind(cls), 1, 1, {LENGTH: sp.Integer(n)})


def _engine_check(res, symbolic_drive: bool) -> None:
    from ._class_engine import engine_structure
    from ._zz_proof import _rates_cd1
    D, N = res
    _, unknowns, eqs = engine_structure()
    if len(N) != len(unknowns):
        raise CheckFailedError("cache: wrong number of engine coefficients")
    m = ModP()
    p = m.p
    pt = {LENGTH: sp.Integer(_RNG.randrange(8, 2 ** 20)), COUPLING: _rat(_q()), DEPHASING: _rat(_q())}
    cd = (1, 1)
    if symbolic_drive:
        pt.update({DRIVE_C: _rat(_q()), DRIVE_D: _rat(_q())})
        cd = (DRIVE_C, DRIVE_D)
    Dv = m.at(D, pt)
    if not Dv:
        raise CheckFailedError("cache: engine denominator vanishes at a random point")
    Nv = [m.at(e, pt) for e in N]
    rates = {f: m.at(v, pt) for f, v in _rates_cd1(COUPLING, DEPHASING, cd).items()}
    nv = m.of(pt[LENGTH])
    npow: dict = {}
    for e in eqs:
        r = 0
        for (fam, u, pw), v in e.items():
            f = Fraction(v)
            if pw not in npow:
                npow[pw] = pow(nv, pw, p)
            r += rates[fam] * (f.numerator * pow(f.denominator, -1, p)) % p * npow[pw] * (Dv if u < 0 else Nv[u])
        if r % p:
            raise CheckFailedError("cache: stored engine coefficients violate an engine equation (modular check)")


def certify_engine_closed_n(res, args, kwargs) -> None:
    """Certificate of ``xx-zz-engine-closed-n-v1`` (c = d = 1)."""
    _engine_check(res, False)


def certify_engine_cd_closed_n(res, args, kwargs) -> None:
    """Certificate of ``xx-zz-cd-engine-closed-n-v1`` (symbolic drive)."""
    _engine_check(res, True)


def _n50(e, pt) -> complex:
    v = sp.N(sp.sympify(e).xreplace(pt), 50)
    if v.free_symbols:
        raise CheckFailedError(f"cache: unexpected symbols {sorted(map(str, v.free_symbols))} in an entry")
    return complex(v)


def certify_limits(res, args, kwargs) -> None:
    r"""Certificate of ``xx-deph-limits-v1``: each limit against its closed form at :math:`n=10^{12}`."""
    from ._dephasing import gamma_c_closed_form, pair_lambda_closed_form
    if not isinstance(res, dict) or set(res) != {"gamma_c", "lambda_central", "boundary_leading"}:
        raise CheckFailedError("cache: malformed limits entry")
    big = sp.Integer(10) ** 12
    pt = {COUPLING: sp.Rational(_RNG.randrange(500, 2000), 1000), DEPHASING: sp.Rational(_RNG.randrange(50, 1000), 1000),
          DRIVE_C: sp.Rational(_RNG.randrange(-900, 900), 1000), DRIVE_D: sp.Rational(_RNG.randrange(-900, 900), 1000)}
    ptn = {**pt, LENGTH: big}
    lam_b = pair_lambda_closed_form("boundary").subs(DRIVE_C, 1)
    for key, finite in (("gamma_c", gamma_c_closed_form("even")), ("lambda_central", pair_lambda_closed_form("central-even")),
                        ("boundary_leading", 4 * LENGTH ** 2 * lam_b)):
        a, b = _n50(res[key], pt), _n50(finite, ptn)
        if not abs(a - b) <= 1e-6 * max(1.0, abs(a)):
            raise CheckFailedError(f"cache: stored limit {key} differs from its closed form at n = 10^12")


def _root_check(poly, pt: dict, what: str) -> None:
    """``poly`` (expanded) vanishes at ``pt`` to 1e-30 of the size of its terms (50 digits)."""
    tot, scale = 0, 0.0
    for t in sp.Add.make_args(sp.expand(poly)):
        v = sp.N(t.xreplace(pt), 50)
        if v.free_symbols:
            raise CheckFailedError(f"cache: unexpected symbols in {what}")
        tot += v
        scale += abs(complex(v))
    if not abs(complex(sp.N(tot, 50))) <= 1e-30 * max(scale, 1e-300):
        raise CheckFailedError(f"cache: stored {what} is not a root of its edge polynomial at a random point")


def _edge_point():
    return {DRIVE_C: sp.Rational(_RNG.randrange(-900, 900), 1000), COUPLING: sp.Rational(_RNG.randrange(700, 1800), 1000)}


def certify_d_edge_boundary(res, args, kwargs) -> None:
    r"""Certificate of ``xx-bd-boundary-dedge``: :math:`F(c, d(c,\Gamma), \Gamma) = 0`."""
    from ._thresholds import boundary_edge_polynomial
    pt = _edge_point()
    d = sp.N(sp.sympify(res).xreplace(pt), 60)
    _root_check(boundary_edge_polynomial(), {**pt, DRIVE_D: d}, "boundary edge d(c, Gamma)")


def certify_d_edge_bulk(res, args, kwargs) -> None:
    r"""Certificate of ``xx-bd-bulk-dedge``: :math:`G(c, d(c,\Gamma), \Gamma) = 0`."""
    from ._thresholds import bulk_edge_polynomial
    pt = _edge_point()
    d = sp.N(sp.sympify(res).xreplace(pt), 60)
    _root_check(bulk_edge_polynomial()[1], {**pt, DRIVE_D: d}, "bulk edge d(c, Gamma)")


def certify_c_min_bulk(res, args, kwargs) -> None:
    r"""Certificate of ``xx-bd-bulk-cmin``: :math:`G(c_{\min}(\Gamma), 1, \Gamma) = 0`."""
    from ._thresholds import bulk_edge_polynomial
    pt = {COUPLING: sp.Rational(_RNG.randrange(600, 1800), 1000)}
    c = sp.N(sp.sympify(res).xreplace(pt), 60)
    _root_check(bulk_edge_polynomial()[1], {**pt, DRIVE_C: c, DRIVE_D: sp.Integer(1)}, "bulk c_min(Gamma)")


#: the certified kinds of this package and their certificates
CERTIFIED = {
    "xx-deph-pair-zz-v1": certify_pair_zz,
    "xx-deph-pair-zz-cd-v1": certify_pair_zz_cd,
    "xx-deph-zz-closed-n-v1": certify_zz_closed_n,
    "xx-zz-engine-closed-n-v1": certify_engine_closed_n,
    "xx-zz-cd-engine-closed-n-v1": certify_engine_cd_closed_n,
    "xx-deph-limits-v1": certify_limits,
    "xx-bd-boundary-dedge": certify_d_edge_boundary,
    "xx-bd-bulk-dedge": certify_d_edge_bulk,
    "xx-bd-bulk-cmin": certify_c_min_bulk,
}

for _kind_name, _fn in CERTIFIED.items():
    register_certifier(_kind_name, _fn)
