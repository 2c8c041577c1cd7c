r"""Exact forms of ANY pair (j, j+1) of the dephased XX chain at c = d = 1, per n.

:math:`\langle\sigma^z_j\sigma^z_{j+1}\rangle` of pair j is read off the four-point class-engine
coefficients in closed form (:func:`~symbolic_ness.papers.znidaric.zz_engine_closed_form`,
proved for all n >= 8 by :func:`~symbolic_ness.papers.znidaric.prove_zz_engine`) for n >= 8, and
reconstructed exactly as a rational function of (Γ, γ) from the exact per-n hierarchy for
n < 8. :math:`\langle\sigma^z_j\rangle`, :math:`\langle\sigma^z_{j+1}\rangle` and the current come
from the two-point closed form (proved for n >= 7, exact one by one for n = 3..6). The
U(1)-invariant pair state then gives
:math:`4\lambda_{\min}=1+Z-\sqrt{(z_j+z_{j+1})^2+4J^2}`; for :math:`1+Z\ge0` it is negative iff
:math:`F=(1+Z)^2-(z_j+z_{j+1})^2-4J^2<0`, so :math:`\gamma_c` and :math:`\Gamma_\pm` of the pair are
roots of the numerator of F (:func:`pair_threshold_form`).

>>> lam, F, how = pair_threshold_form(10, 5)     # central pair of n = 10
>>> how
'proved for all n >= 8 (engine closed form); two-point form proved for n >= 7 (exact one by one at n = 3..6)'
"""
from __future__ import annotations

import functools
from fractions import Fraction

import sympy as sp

from ..._errors import ParameterError
from ...engines import rational_reconstruct
from ._class_engine import _free_segments, _monomials, _signature, engine_structure
from ._symbols import COUPLING, COUPLING_L, COUPLING_R, DEPHASING, LENGTH, MU, MUBAR, SITE

__all__ = ["zz_pair_form", "pair_threshold_form"]


def _check(n, pair):
    if isinstance(n, bool) or int(n) != n or int(n) < 3:
        raise ParameterError("n", n, "an integer n >= 3 (chain length)")
    n = int(n)
    if isinstance(pair, bool) or int(pair) != pair or not 1 <= int(pair) <= n - 1:
        raise ParameterError("pair", pair, f"an integer 1 <= pair <= n - 1 = {n - 1}")
    return n, int(pair)


@functools.lru_cache(maxsize=None)
def zz_pair_form(n: int, pair: int):
    r""":math:`\langle\sigma^z_j\sigma^z_{j+1}\rangle` (j = ``pair``, 1-indexed) at c = d = 1 as an exact
    rational function of (Γ, γ) for this n; returns ``(expr, how)``."""
    n, j = _check(n, pair)
    if n >= 8:
        from ._zz_proof import zz_engine_closed_form
        D, N = zz_engine_closed_form()
        _, unknowns, _ = engine_structure()
        idx = {u: i for i, u in enumerate(unknowns)}
        a = j - 1
        cl = _signature(((a, "Z"), (a + 1, "Z")), n)
        items = [-1, a, a + 1, n]
        xs = [items[i] for i in _free_segments(cl[1])]
        val = sp.Integer(0)
        for mono in _monomials(len(xs)):
            term = N[idx[(cl, mono)]].subs(LENGTH, n)
            for x, e in zip(xs, mono):
                term *= sp.Integer(x) ** e
            val += term
        return sp.factor(sp.cancel(val / D.subs(LENGTH, n))), "proved for all n >= 8 (engine closed form)"
    from ._dephasing import exact_pair_values

    def sample(p):
        return exact_pair_values(n, Fraction(p[0]), Fraction(p[1]), 1, 1, pair=j)[0]
    expr = rational_reconstruct(sample, (COUPLING, DEPHASING)).expr
    return sp.factor(expr), f"exact for n = {n} (rational reconstruction of the exact hierarchy, checked)"


@functools.lru_cache(maxsize=None)
def pair_threshold_form(n: int, pair: int):
    r"""``(lambda_min, F, how)`` of pair j at c = d = 1 for this n: :math:`\lambda_{\min}` of the
    partial transpose as an explicit function of (Γ, γ), and the polynomial F (numerator of
    :math:`(1+Z)^2-(z_j+z_{j+1})^2-4J^2`) whose positive roots are :math:`\gamma_c` (in γ) and
    :math:`\Gamma_\pm` (in Γ)."""
    from ._dephasing import pt_lambda_generic
    from ._two_point import dephasing_two_point_closed_form
    n, j = _check(n, pair)
    Z, how = zz_pair_form(n, j)
    cf = dephasing_two_point_closed_form()
    sub = {COUPLING_L: COUPLING, COUPLING_R: COUPLING, MU: 2, MUBAR: 0, LENGTH: n}

    def z(site):
        e = cf["z1"] if site == 1 else cf["zn"] if site == n else cf["z_j"].subs(SITE, site)
        return sp.factor(e.subs(sub))
    zl, zr = z(j), z(j + 1)
    J = sp.factor(-cf["t"].subs(sub))
    lam, (z1s, z2s, Zs, Js), _ = pt_lambda_generic()
    lam = lam.subs({z1s: zl, z2s: zr, Zs: Z, Js: J})
    F = sp.factor(sp.numer(sp.together((1 + Z) ** 2 - (zl + zr) ** 2 - 4 * J ** 2)))
    return lam, F, how + "; two-point form proved for n >= 7 (exact one by one at n = 3..6)"
