r"""General drive (c, d): the four-point NESS in closed form in (n, Γ, γ, c, d), PROVED for every n >= 8.

What is proved
--------------
:func:`~symbolic_ness.papers.znidaric.pair_lambda_closed_form` and the limits use

.. math:: \langle\sigma^z_j\sigma^z_{j+1}\rangle=z_jz_{j+1}+\frac{(c+d)^2}{4}K,

K the connected value at c = d = 1 (:func:`~symbolic_ness.papers.znidaric.pair_substitution`).
:func:`prove_zz_cd_extension` proves it for the central-even, central-odd and boundary pairs and
every n >= 8 of the class, identically in :math:`(n,\Gamma,\gamma,c,d)`:

1. *Grading* (:mod:`._cd_grading`, checked exactly on the local terms, every n by locality): the
   drive enters the adjoint generator only through Majorana-degree-lowering bath links, so on
   every closed hierarchy the determinant does not depend on (c, d) and is nonzero (it is at
   c = d = 1, :func:`~symbolic_ness.papers.znidaric.hierarchy_uniqueness_argument`): the hierarchy
   has one solution for every (c, d), its degree-2 values linear and degree-4 values homogeneous
   quadratic in (c, d).
2. *Closed form* (:func:`zz_cd_engine_closed_form`): with the c = d = 1 denominator D, every class-
   engine coefficient is :math:`x_u=N_u/D` with :math:`N_u=cA_u+dE_u` (degree-2 strings) or
   :math:`c^2A_u+cd\,B_u+d^2E_u` (degree-4), the polynomials :math:`A_u,B_u,E_u` in (n, Γ, γ)
   obtained by exact interpolation of exact engine solves at the drive points (1, 0), (0, 1)
   (and (1, 1): :func:`~symbolic_ness.papers.znidaric.zz_engine_closed_form`).
3. *Proof* (:func:`prove_zz_cd_engine`): substituted into every one of the n-symbolic engine
   equations with the rates of :func:`~symbolic_ness.papers.znidaric.xx_rates` at symbolic
   (c, d), D times each equation is the zero polynomial of :math:`\mathbb Q[n,\Gamma,\gamma,c,d]`.
   The engine's equations are every equation of the degree <= 4 hierarchy that touches a
   nonzero value (:func:`~symbolic_ness.papers.znidaric.engine_coneighbour_check`), so with step 1
   the values are the NESS for every n >= 8 and every (c, d).
4. *Pair forms* (:func:`prove_zz_cd_extension`): the pair's :math:`\langle\sigma^z\sigma^z\rangle`,
   :math:`\langle\sigma^z_j\rangle`, :math:`\langle\sigma^z_{j+1}\rangle` read off the proved
   coefficients equal the general-drive form and the two-point forms identically.

n < 8 (:data:`~symbolic_ness.papers.znidaric.SMALL_N`) are exact one by one
(:func:`zz_cd_small_n_check`): the form is a homogeneous quadratic in (c, d) like the NESS value
(step 1), and both agree as rational functions of (Γ, γ) at the three drive points (1, 0),
(0, 1), (1, 1) — so they agree as polynomials in (c, d).

>>> pr = prove_zz_cd_extension("boundary")       # doctest: +SKIP
>>> pr.proved, pr.n0                              # doctest: +SKIP
(True, 8)
"""
from __future__ import annotations

import functools

import sympy as sp

from ..._cache import cached
from ..._errors import CheckFailedError, ParameterError
from ._cd_grading import engine_coneighbour_check, grading_check
from ._class_engine import engine_structure
from ._proof import ClosedFormProof
from ._symbols import COUPLING, DEPHASING, DRIVE_C, DRIVE_D, LENGTH
from ._zz_proof import (SMALL_N, ZZ_PROOF_N0, _engine_value, _grid_numerators, _nonzero_equations, _pair_positions,
                        zz_engine_closed_form)

__all__ = ["zz_cd_engine_closed_form", "prove_zz_cd_engine", "zz_cd_pair_engine_values", "prove_zz_cd_extension",
           "zz_cd_small_n_check", "CD_DRIVE_POINTS"]

#: drive points (c, d) at which the engine is solved; homogeneous forms of degree <= 2 in (c, d)
#: are fixed by their values there
CD_DRIVE_POINTS = ((1, 0), (0, 1), (1, 1))


@functools.lru_cache(maxsize=None)
@cached("xx-zz-cd-engine-closed-n-v1")
def zz_cd_engine_closed_form():
    r"""``(D, [N_u])``: every class-engine coefficient :math:`x_u=N_u/D` as a polynomial
    :math:`N_u` in :math:`(n,\Gamma,\gamma,c,d)` (linear homogeneous in (c, d) for the degree-2
    strings, quadratic homogeneous for the degree-4 ones), D the c = d = 1 denominator. Obtained
    by exact interpolation at the drive points :data:`CD_DRIVE_POINTS`; certified by
    :func:`prove_zz_cd_engine`, not by the interpolation."""
    D, n11 = zz_engine_closed_form()
    n10, n01 = _grid_numerators((1, 0)), _grid_numerators((0, 1))
    degrees = engine_coneighbour_check()
    _, unknowns, _ = engine_structure()
    c, d = DRIVE_C, DRIVE_D
    out = []
    for u, (cl, _) in enumerate(unknowns):
        if degrees[cl] == 2:
            out.append(sp.expand(c * n10[u] + d * n01[u]))
        else:
            out.append(sp.expand(c ** 2 * n10[u] + c * d * (n11[u] - n10[u] - n01[u]) + d ** 2 * n01[u]))
    return D, out


def prove_zz_cd_engine(numerators=None, denominator=None) -> ClosedFormProof:
    r"""Substitute :math:`x_u=N_u/D` (default :func:`zz_cd_engine_closed_form`; pass perturbed ones
    to see the proof fail) into every n-symbolic engine equation with the rates at symbolic
    (c, d); proved iff every :math:`D\cdot` equation is the zero polynomial of
    :math:`\mathbb Q[n,\Gamma,\gamma,c,d]`, the grading holds on the local terms
    (:func:`~symbolic_ness.papers.znidaric.grading_check`) and the engine has every equation
    touching a nonzero value (:func:`~symbolic_ness.papers.znidaric.engine_coneighbour_check`)."""
    if numerators is None and denominator is None:
        return _default_engine_proof()
    return _engine_proof(numerators, denominator)


@functools.lru_cache(maxsize=None)
def _default_engine_proof() -> ClosedFormProof:
    return _engine_proof(*zz_cd_engine_closed_form()[::-1])


def _engine_proof(numerators, denominator) -> ClosedFormProof:
    if numerators is None or denominator is None:
        D0, N0 = zz_cd_engine_closed_form()
        numerators = N0 if numerators is None else numerators
        denominator = D0 if denominator is None else denominator
    grading_check(5)
    engine_coneighbour_check()
    bad = _nonzero_equations(numerators, denominator, (DRIVE_C, DRIVE_D))
    m = len(engine_structure()[2])
    ok = not bad
    return ClosedFormProof("four-point engine at general drive (c, d)", ok, ZZ_PROOF_N0, m, tuple(bad),
                           f"every one of the {m} n-symbolic class-engine equations vanishes identically in "
                           f"(n, Gamma, gamma, c, d) at x_u = N_u/D: the four-point NESS values hold for every "
                           f"n >= {ZZ_PROOF_N0} and every drive" if ok
                           else f"{len(bad)} n-symbolic equations do not vanish: NOT proved")


def zz_cd_pair_engine_values(cls: str, numerators=None):
    r"""``(zz, z_left, z_right)`` of the pair ``cls`` (n >= 8 of the class) as rational functions of
    :math:`(n,\Gamma,\gamma,c,d)` read off the general-drive engine coefficients."""
    D, N = zz_cd_engine_closed_form()
    N = N if numerators is None else numerators
    _, unknowns, _ = engine_structure()
    a, b = _pair_positions(cls)
    if cls == "boundary":
        zz = _engine_value(N, unknowns, "ZZ", (1, 1, None), [-1, a, b, LENGTH])
        zl = _engine_value(N, unknowns, "Z", (1, None), [-1, a, LENGTH])
        zr = _engine_value(N, unknowns, "Z", (2, None), [-1, b, LENGTH])
    else:
        zz = _engine_value(N, unknowns, "ZZ", (None, 1, None), [-1, a, b, LENGTH])
        zl = _engine_value(N, unknowns, "Z", (None, None), [-1, a, LENGTH])
        zr = _engine_value(N, unknowns, "Z", (None, None), [-1, b, LENGTH])
    return tuple(sp.cancel(v / D) for v in (zz, zl, zr))


def _is_zero(e) -> bool:
    return sp.cancel(sp.together(e)) == 0


def prove_zz_cd_extension(cls: str, form=None) -> ClosedFormProof:
    r"""Proof, for every n >= 8 of the class ``cls`` and every (c, d), that the general-drive form
    :math:`z_jz_{j+1}+\frac{(c+d)^2}{4}K` of :func:`~symbolic_ness.papers.znidaric.pair_substitution`
    (or ``form``, an expression in (n, Γ, γ, c, d)) equals the proved engine value identically,
    and that the pair's two-point forms :math:`z_j, z_{j+1}` equal the engine's."""
    from ._dephasing import pair_substitution
    if cls not in SMALL_N:
        raise ParameterError("cls", cls, "'central-even', 'central-odd' or 'boundary'")
    eng = prove_zz_cd_engine()
    zl, zr, Z, _ = pair_substitution(cls)
    Z = Z if form is None else sp.sympify(form)
    zz_e, zl_e, zr_e = zz_cd_pair_engine_values(cls)
    diffs = [e for e in (Z - zz_e, zl - zl_e, zr - zr_e) if not _is_zero(e)]
    ok = eng.proved and not diffs
    return ClosedFormProof("zz-cd-" + cls, ok, ZZ_PROOF_N0, eng.equations, tuple(diffs),
                           f"<zz> = z_j z_(j+1) + (c + d)^2/4 K of the {cls} pair equals the proved general-drive "
                           f"engine value identically in (n, Gamma, gamma, c, d): proved for all n >= {ZZ_PROOF_N0} "
                           "of the class" if ok else "NOT proved")


@cached("xx-deph-pair-zz-cd-v1")
def _derived_pair_zz_cd(n: int, kind: str, c: int, d: int):
    """:math:`\\langle\\sigma^z\\sigma^z\\rangle` of the pair at the drive (c, d) as an exact rational
    function of (Γ, γ) for one n (reconstructed from exact solves of the full pair hierarchy, checked)."""
    from ...engines import rational_reconstruct
    from ._dephasing import exact_pair_values
    first = [True]

    def sample(p):
        v = exact_pair_values(n, p[0], p[1], c, d, kind, verify=first[0])
        first[0] = False
        return v[0]
    return sp.factor(rational_reconstruct(sample, (COUPLING, DEPHASING)).expr)


def zz_cd_small_n_check(cls: str, n: int) -> bool:
    r"""Exact check, for one n < 8, that the general-drive form of ``cls`` is the NESS value for
    every (c, d): the form at this n is a homogeneous quadratic in (c, d) (as the NESS value is,
    :mod:`._cd_grading`) and equals the exact rational function of (Γ, γ) from the pair hierarchy at
    each drive point of :data:`CD_DRIVE_POINTS`; raises CheckFailedError otherwise."""
    from ._dephasing import _kind, derived_pair_zz, pair_substitution
    n = int(n)
    Z = sp.together(pair_substitution(cls)[2].subs(LENGTH, n))
    num, den = sp.fraction(Z)
    if den.free_symbols & {DRIVE_C, DRIVE_D}:
        raise CheckFailedError(f"general-drive form of {cls} at n = {n}: the drive is in the denominator")
    P = sp.Poly(sp.expand(num), DRIVE_C, DRIVE_D)
    if any(sum(m) != 2 for m in P.monoms()):
        raise CheckFailedError(f"general-drive form of {cls} at n = {n} is not homogeneous quadratic in (c, d)")
    kind = _kind(cls)
    for c, d in CD_DRIVE_POINTS:
        ex = derived_pair_zz(n, kind) if (c, d) == (1, 1) else _derived_pair_zz_cd(n, kind, c, d)
        if not _is_zero(Z.subs({DRIVE_C: c, DRIVE_D: d}) - ex):
            raise CheckFailedError(f"general-drive form of {cls} fails at n = {n}, (c, d) = {(c, d)}")
    return True
