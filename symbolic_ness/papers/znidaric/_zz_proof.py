r"""Four-point NESS of the dephased XX chain in closed form in n, PROVED for every n >= 8.

The n-symbolic system
---------------------
The polynomial class engine (:func:`~symbolic_ness.papers.znidaric.engine_structure`) writes
the Heisenberg equations of every string of the closed four-point hierarchy of an n-site chain
as identities in the free positions of the string, with coefficients *polynomial in n*
(positions measured from the right end carry n): one representative per shape and gap pattern
(gaps <= 2 explicit, longer gaps generic) gives every equation of every chain with
:math:`n\ge 8` (:data:`~symbolic_ness.papers.znidaric.ENGINE_MIN_N`), because the adjoint
generator is a sum of translates of one bond term and one site term plus the two boundary
terms, and the equation of a string only sees the terms touching its support (locality). The
unknowns are the coefficients :math:`x_u(n,\Gamma,\gamma)` of the polynomial ansatz (degree
<= 2 in the free positions) of the strings with a nonzero value; the equations of the
zero-valued strings linked to them are included (the Hamiltonian part of the generator is
antisymmetric on Pauli strings, dephasing and the diagonal part of the baths keep every letter,
and the only other link, :math:`\sigma^z_{\rm end}R\to R`, is covered because the partner
:math:`\sigma^z_{\rm end}R` of every degree-2 support string R is itself in the support:
:func:`~symbolic_ness.papers.znidaric.engine_coneighbour_check`,
:func:`~symbolic_ness.papers.znidaric.grading_check`; so no other equation involves a nonzero
value). The same system at symbolic drive (c, d) is proved by
:func:`~symbolic_ness.papers.znidaric.prove_zz_cd_engine`.

Closed form and proof (c = d = 1)
---------------------------------
With :math:`D(n,\Gamma,\gamma)=(\Gamma^2+1+\Gamma\gamma(n-2))(\Gamma^2+1+\Gamma\gamma(n-1))^2`
every :math:`D\,x_u` is a polynomial of low degree in :math:`(n,\Gamma,\gamma)`; it is
*obtained* by exact interpolation on a tensor grid of exact solves of the engine system
(:func:`zz_engine_closed_form`) and then *proved*: substituted into every one of the
n-symbolic engine equations, cleared of D, the residual is the zero polynomial in
:math:`\mathbb Q[n,\Gamma,\gamma]` (:func:`prove_zz_engine`). Since :math:`D>0` for
:math:`\Gamma>0,\gamma\ge0,n\ge2`, the ansatz values solve every equation of the closed
hierarchy of every chain with n >= 8, and the hierarchy has exactly one solution (uniqueness:
:func:`~symbolic_ness.papers.znidaric.hierarchy_uniqueness_argument`), which is the NESS.
The pair values :math:`\langle\sigma^z_m\sigma^z_{m+1}\rangle` of the central (even / odd n)
and boundary pairs read off the proved coefficients equal the forms of
:func:`~symbolic_ness.papers.znidaric.zz_closed_form` identically in n
(:func:`prove_zz_closed_form`), which are therefore proved for all n >= 8; n < 8 are compared
exactly one n at a time (:func:`zz_small_n_check`).

>>> pr = prove_zz_engine()          # doctest: +SKIP
>>> pr.proved, pr.n0                # doctest: +SKIP
(True, 8)
"""
from __future__ import annotations

import functools
from fractions import Fraction

import flint
import sympy as sp
from sympy.polys.domains import QQ
from sympy.polys.rings import ring

from ..._cache import cached
from ..._errors import CheckFailedError, ParameterError
from ._proof import ClosedFormProof
from ._class_engine import ENGINE_MIN_N, _free_segments, _monomials, engine_structure
from ._chain import xx_rates
from ._symbols import COUPLING, DEPHASING, LENGTH

__all__ = ["zz_engine_denominator", "zz_engine_closed_form", "prove_zz_engine", "zz_pair_engine_form",
           "prove_zz_closed_form", "zz_small_n_check", "ZZ_PROOF_N0", "SMALL_N", "CD_LISTED", "zz_cd_extension_check"]

#: smallest n for which the n-symbolic engine equations are every equation of the chain
ZZ_PROOF_N0 = ENGINE_MIN_N

# grid degrees of D*x_u in n, Gamma, gamma (the proof, not the grid, certifies the result)
_DEG = (3, 6, 3)
_GRID = (tuple(range(ENGINE_MIN_N, ENGINE_MIN_N + _DEG[0] + 1)), tuple(range(1, _DEG[1] + 2)),
         tuple(range(1, _DEG[2] + 2)))


def zz_engine_denominator():
    r"""The common denominator :math:`D=(\Gamma^2+1+\Gamma\gamma(n-2))(\Gamma^2+1+\Gamma\gamma(n-1))^2`
    of the engine coefficients at c = d = 1 (positive for Γ > 0, γ >= 0, n >= 2).

    >>> zz_engine_denominator().subs({LENGTH: 2, DEPHASING: 0})
    (Gamma**2 + 1)**3
    """
    G, g, n = COUPLING, DEPHASING, LENGTH
    return (G ** 2 + 1 + G * g * (n - 2)) * (G ** 2 + 1 + G * g * (n - 1)) ** 2


def _rates_cd1(G, g, cd=(1, 1)):
    """The chain's rates at the drive point ``cd`` = (c, d) (default c = d = 1: mu = 2, mubar = 0)
    from :func:`xx_rates` (mu = c + d, mubar = (d - c)/2)."""
    c, d = (sp.sympify(v) for v in cd)
    return xx_rates(G, G, c + d, (d - c) / 2, g)


def _fq(c):
    c = Fraction(c)
    return flint.fmpq(c.numerator, c.denominator)


def _family_parts(n: int):
    """The engine system at chain length n split by weight: ``{family: (A_f, b_f)}`` as sparse
    dicts of Fractions (``{(row, unknown): c}``, ``{row: c}``); the system is
    sum_f w_f (A_f x - b_f) = 0."""
    _, _, eqs = engine_structure()
    parts: dict = {}
    for i, e in enumerate(eqs):
        for (fam, u, p), v in e.items():
            if fam not in parts:
                parts[fam] = ({}, {})
            A, b = parts[fam]
            c = Fraction(v) * n ** p
            if u < 0:
                b[i] = b.get(i, 0) - c
            else:
                A[(i, u)] = A.get((i, u), 0) + c
    return parts


def _dense(A: dict, b: dict, rows, nu):
    pos = {r: k for k, r in enumerate(rows)}
    M = flint.fmpq_mat(len(rows), nu)
    for (i, u), c in A.items():
        if i in pos and c:
            M[pos[i], u] = _fq(c)
    v = flint.fmpq_mat(len(rows), 1)
    for i, c in b.items():
        if i in pos and c:
            v[pos[i], 0] = _fq(c)
    return M, v


def _rate_values(G: Fraction, g: Fraction, cd=(1, 1)) -> dict:
    cd = tuple(sp.Rational(Fraction(v).numerator, Fraction(v).denominator) for v in cd)
    return {f: Fraction(int(sp.numer(v)), int(sp.denom(v)))
            for f, v in _rates_cd1(sp.Rational(G.numerator, G.denominator),
                                   sp.Rational(g.numerator, g.denominator), cd).items()}


class _PointSolver:
    """Exact solves of the engine system at one n for many (Gamma, gamma): square subsystem on
    pivot rows (full column rank checked by rref at a generic point), flint matrices."""

    def __init__(self, n: int, cd=(1, 1)):
        parts = _family_parts(n)
        fams = sorted(parts)
        self.cd = cd
        r = _rate_values(Fraction(3), Fraction(2), cd)
        _, unknowns, eqs = engine_structure()
        m, nu = len(eqs), len(unknowns)
        P = 2 ** 61 - 1          # rank mod a prime <= rank over Q: full rank mod P certifies the pivot rows
        rowsA = [[0] * m for _ in range(nu)]      # transpose, mod P
        for f in fams:
            if r[f]:
                for (i, u), c in parts[f][0].items():
                    c = c * r[f]
                    rowsA[u][i] = (rowsA[u][i] + c.numerator * pow(c.denominator, -1, P)) % P
        R, rank = flint.nmod_mat(rowsA, P).rref()
        if rank != nu:
            raise CheckFailedError(f"class engine: rank {rank} < {nu} at n = {n} (mod p)")
        rows, k = [], 0
        for j in range(m):
            if k < rank and int(R[k, j]) != 0:
                rows.append(j)
                k += 1
        self.nu, self.m, self.parts = nu, m, parts
        self.sq = {f: _dense(*parts[f], rows, nu) for f in fams}

    @functools.cached_property
    def full(self):
        return {f: _dense(*self.parts[f], range(self.m), self.nu) for f in sorted(self.parts)}

    def solve(self, G: Fraction, g: Fraction) -> list:
        r = _rate_values(G, g, self.cd)

        def assemble(mats):
            A = b = None
            for f, (Af, bf) in mats.items():
                if r[f]:
                    A = Af * _fq(r[f]) if A is None else A + Af * _fq(r[f])
                    b = bf * _fq(r[f]) if b is None else b + bf * _fq(r[f])
            return A, b
        try:
            x = flint.fmpq_mat.solve(*assemble(self.sq))
        except ZeroDivisionError:        # pivot rows singular at this point: normal equations
            A, b = assemble(self.full)
            At = A.transpose()
            x = (At * A).solve(At * b)
        return [Fraction(int(x[i, 0].p), int(x[i, 0].q)) for i in range(self.nu)]


def _inverse_vandermonde(pts):
    k = len(pts)
    V = flint.fmpq_mat([[_fq(Fraction(p) ** e) for e in range(k)] for p in pts])
    Vi = V.inv()
    return [[Fraction(int(Vi[i, j].p), int(Vi[i, j].q)) for j in range(k)] for i in range(k)]


def _grid_numerators(cd=(1, 1)) -> list:
    r"""Numerators :math:`D\,x_u` (sympy polynomials in n, Γ, γ) of every engine coefficient at the
    drive point ``cd`` = (c, d), by exact tensor-grid interpolation of exact engine solves
    (python-flint) on :data:`_GRID`; nothing is certified here (the proofs do that)."""
    ns, Gs, gs = _GRID

    def Dfun(n, G, g):
        return (G * G + 1 + G * g * (n - 2)) * (G * G + 1 + G * g * (n - 1)) ** 2
    vals = {}
    for n in ns:
        solver = _PointSolver(n, cd)
        for G in Gs:
            for g in gs:
                x = solver.solve(Fraction(G), Fraction(g))
                Dv = Fraction(Dfun(Fraction(n), Fraction(G), Fraction(g)))
                vals[(n, G, g)] = [xi * Dv for xi in x]
    nu = len(next(iter(vals.values())))
    Vn, VG, Vg = (_inverse_vandermonde(p) for p in _GRID)
    out = []
    n_, G_, g_ = LENGTH, COUPLING, DEPHASING
    for u in range(nu):
        # coefficients c[a][b][c] = sum Vn[a][i] VG[b][j] Vg[c][k] f(i, j, k)
        T = [[[vals[(n, G, g)][u] for g in gs] for G in Gs] for n in ns]
        T = [[[sum(Vg[c][k] * T[i][j][k] for k in range(len(gs))) for c in range(len(gs))]
              for j in range(len(Gs))] for i in range(len(ns))]
        T = [[[sum(VG[b][j] * T[i][j][c] for j in range(len(Gs))) for c in range(len(gs))]
              for b in range(len(Gs))] for i in range(len(ns))]
        T = [[[sum(Vn[a][i] * T[i][b][c] for i in range(len(ns))) for c in range(len(gs))]
              for b in range(len(Gs))] for a in range(len(ns))]
        expr = sp.Add(*[sp.Rational(T[a][b][c].numerator, T[a][b][c].denominator) * n_ ** a * G_ ** b * g_ ** c
                        for a in range(len(ns)) for b in range(len(Gs)) for c in range(len(gs)) if T[a][b][c]])
        out.append(expr)
    return out


@functools.lru_cache(maxsize=None)
@cached("xx-zz-engine-closed-n-v1")
def zz_engine_closed_form():
    r"""Numerators :math:`N_u=D\,x_u` (sympy polynomials in n, Γ, γ) of every engine coefficient
    at c = d = 1, by exact tensor-grid interpolation of exact engine solves (python-flint);
    the result is certified by :func:`prove_zz_engine`, not by the grid.
    Returns ``(D, [N_u])`` in the order of the engine unknowns."""
    return zz_engine_denominator(), _grid_numerators((1, 1))


def _nonzero_equations(numerators, denominator, cd) -> list:
    r"""Indices of the n-symbolic engine equations that do NOT vanish identically at
    :math:`x_u=N_u/D` (``numerators``, ``denominator``: sympy polynomials), rates from
    :func:`xx_rates` at the drive point ``cd`` (numbers, or the symbols c, d: then the residuals
    are polynomials of :math:`\mathbb Q[n,\Gamma,\gamma,c,d]`)."""
    from ._symbols import DRIVE_C, DRIVE_D
    syms = (LENGTH, COUPLING, DEPHASING, DRIVE_C, DRIVE_D)
    R, n, *_ = ring(",".join(map(str, syms)), QQ)

    def to_ring(e):
        p = sp.Poly(sp.expand(e), *syms)
        return R({m: QQ(int(sp.numer(c)), int(sp.denom(c))) for m, c in p.terms()}) if not p.is_zero else R(0)

    Np = [to_ring(e) for e in numerators]
    Dp = to_ring(denominator)
    rates = {f: to_ring(v) for f, v in _rates_cd1(COUPLING, DEPHASING, cd).items()}
    _, unknowns, eqs = engine_structure()
    if len(Np) != len(unknowns):
        raise ParameterError("numerators", len(Np), f"{len(unknowns)} polynomials (one per engine unknown)")
    bad = []
    for i, e in enumerate(eqs):
        res = R(0)
        for (fam, u, p), v in e.items():
            fv = Fraction(v)
            c = rates[fam] * QQ(fv.numerator, fv.denominator) * n ** p
            res += c * (Dp if u < 0 else Np[u])
        if res != 0:
            bad.append(i)
    return bad


def prove_zz_engine(numerators=None, denominator=None) -> ClosedFormProof:
    r"""Substitute :math:`x_u=N_u/D` into every n-symbolic engine equation (rates at c = d = 1
    from :func:`xx_rates` with symbolic Γ, γ) and check that :math:`D\cdot` (equation) is the
    zero polynomial of :math:`\mathbb Q[n,\Gamma,\gamma]`. ``numerators``/``denominator``
    default to :func:`zz_engine_closed_form` (pass perturbed ones to see the proof fail)."""
    if numerators is None or denominator is None:
        D0, N0 = zz_engine_closed_form()
        numerators = N0 if numerators is None else numerators
        denominator = D0 if denominator is None else denominator
    bad = _nonzero_equations(numerators, denominator, (1, 1))
    _, _, eqs = engine_structure()
    ok = not bad
    return ClosedFormProof("four-point engine at c = d = 1", ok, ZZ_PROOF_N0, len(eqs), tuple(bad),
                   f"every one of the {len(eqs)} n-symbolic class-engine equations vanishes identically in "
                   f"(n, Gamma, gamma) at x_u = N_u/D: the four-point NESS values hold for every n >= {ZZ_PROOF_N0}"
                   if ok else f"{len(bad)} n-symbolic equations do not vanish: NOT proved")


def _pair_positions(cls):
    """0-indexed (a, a+1) of the pair as expressions in n (valid for n >= 8)."""
    if cls == "central-even":
        a = LENGTH / 2 - 1
    elif cls == "central-odd":
        a = (LENGTH - 1) / 2 - 1
    elif cls == "boundary":
        a = sp.Integer(0)
    else:
        raise ParameterError("cls", cls, "'central-even', 'central-odd' or 'boundary'")
    return a, a + 1


def zz_pair_engine_form(cls: str, numerators=None):
    r""":math:`\langle\sigma^z_a\sigma^z_{a+1}\rangle` of the pair ``cls`` as a rational function of
    :math:`(n,\Gamma,\gamma)` read off the engine coefficients (c = d = 1, n >= 8 of the class)."""
    D, N = zz_engine_closed_form()
    N = N if numerators is None else numerators
    _, unknowns, _ = engine_structure()
    a, b = _pair_positions(cls)
    gaps = (1, 1, None) if cls == "boundary" else (None, 1, None)
    cl = ("ZZ", gaps)
    items = [sp.Integer(-1), a, b, LENGTH]
    return sp.factor(sp.cancel(_engine_value(N, unknowns, cl[0], cl[1], items) / D))


def _engine_value(N, unknowns, letters, gaps, items):
    """Value of the class (letters, gaps) at the positions ``items`` = [-1, p_1, ..., n] under the
    polynomial ansatz with coefficients ``N`` (numerators; divide by the denominator)."""
    idx = {u: i for i, u in enumerate(unknowns)}
    cl = (letters, gaps)
    xs = [items[i] for i in _free_segments(gaps)]
    val = sp.Integer(0)
    for mono in _monomials(len(xs)):
        term = N[idx[(cl, mono)]]
        for x, e in zip(xs, mono):
            term *= x ** e
        val += term
    return val


def prove_zz_closed_form(cls: str, form=None) -> ClosedFormProof:
    r"""Proof that :func:`~symbolic_ness.papers.znidaric.zz_closed_form` (or ``form``) of ``cls``
    equals the proved engine value for every n >= 8 of the class, identically in (n, Γ, γ)."""
    from ._dephasing import zz_closed_form
    eng = prove_zz_engine()
    Z = zz_closed_form(cls) if form is None else sp.sympify(form)
    diff = sp.cancel(sp.together(Z - zz_pair_engine_form(cls)))
    ok = eng.proved and diff == 0
    return ClosedFormProof("zz-" + cls, ok, ZZ_PROOF_N0, eng.equations, () if diff == 0 else (diff,),
                   f"<zz> of the {cls} pair (c = d = 1) equals the proved engine value identically in (n, Gamma, "
                   f"gamma): proved for all n >= {ZZ_PROOF_N0} of the class" if ok else "NOT proved")


#: the n < n0 of each class compared exactly one by one (rational functions of Gamma, gamma); the forms
#: fail at n = 2 (central-even, boundary) and n = 3 (central-odd), where the pair touches both ends
SMALL_N = {"central-even": (4, 6), "central-odd": (5, 7), "boundary": (3, 4, 5, 6, 7)}


def zz_small_n_check(cls: str, n: int) -> bool:
    r"""Exact check, for one n < 8, that the closed form of ``cls`` equals the exact rational
    function of (Γ, γ) derived from the hierarchy of the n-site chain
    (:func:`~symbolic_ness.papers.znidaric.derived_pair_zz`); raises CheckFailedError otherwise."""
    from ._dephasing import _kind, derived_pair_zz, zz_closed_form
    Z = zz_closed_form(cls).subs(LENGTH, int(n))
    ex = derived_pair_zz(int(n), _kind(cls))
    if sp.cancel(sp.together(Z - ex)) != 0:
        raise CheckFailedError(f"zz closed form of {cls} fails at n = {n}")
    return True


#: chain lengths at which the (c + d)^2 extension of <zz> to general drive is spot-checked at rational points
CD_LISTED = {"central-even": (4, 6, 8), "central-odd": (5, 7, 9), "boundary": (3, 4, 5, 6, 8)}

_CD_POINTS = ((1, 1), (0, 1), (1, 0), (Fraction(1, 2), Fraction(1, 3)), (Fraction(-1, 2), Fraction(1, 4)),
              (Fraction(1, 3), Fraction(-2, 3)), (Fraction(-3, 4), Fraction(-1, 5)))


def zz_cd_extension_check(cls: str, n: int) -> bool:
    r"""Exact check, at one n, of the general-drive form
    :math:`\langle\sigma^z\sigma^z\rangle=z_jz_{j+1}+\tfrac{(c+d)^2}{4}K` used by
    :func:`~symbolic_ness.papers.znidaric.pair_lambda_closed_form` (K: connected value at c = d = 1)
    against the exact hierarchy at seven rational (c, d) (two rational (Γ, γ)). An independent
    spot check: the extension is PROVED for all n >= 8 by
    :func:`~symbolic_ness.papers.znidaric.prove_zz_cd_extension` and for n < 8 by
    :func:`~symbolic_ness.papers.znidaric.zz_cd_small_n_check` (provenance ``zz-cd-extension``)."""
    from ._dephasing import _kind, exact_pair_values, pair_substitution
    from ._symbols import DRIVE_C, DRIVE_D
    zl, zr, Z, _ = pair_substitution(cls)
    kind = _kind(cls)
    for G, g in ((Fraction(7, 10), Fraction(1, 20)), (Fraction(13, 5), Fraction(3, 7))):
        for c, d in _CD_POINTS:
            ex = exact_pair_values(int(n), G, g, c, d, kind)[0]
            v = Z.subs({LENGTH: int(n), COUPLING: sp.Rational(G), DEPHASING: sp.Rational(g),
                        DRIVE_C: sp.Rational(c), DRIVE_D: sp.Rational(d)})
            if sp.simplify(v - sp.Rational(ex)) != 0:
                raise CheckFailedError(f"(c + d)^2 extension of <zz> fails for {cls} at n = {n}, c = {c}, d = {d}")
    return True
