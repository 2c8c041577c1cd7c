r"""XX chain with dephasing (Žnidarič, PRA 85, 012324, Sec. III.D): pair entanglement and thresholds.

Conventions: :mod:`symbolic_ness.papers.znidaric._chain` (doubled dissipator, dephasing
:math:`L_j=\sqrt{\gamma/2}\,\sigma^z_j`, sites 1-indexed in all outputs,
:math:`c=\mu/2-\bar\mu`, :math:`d=\mu/2+\bar\mu`), symmetric coupling
:math:`\Gamma_L=\Gamma_R=\Gamma`. "Central pair" = spins :math:`(m, m+1)` with
:math:`m=\lfloor n/2\rfloor`; "boundary pair" = spins (1, 2).

How the closed forms are obtained (derived, not typed in)
---------------------------------------------------------
1. **Exact pair correlators for one n.** The Heisenberg hierarchy seeded with
   :math:`\sigma^z_m\sigma^z_{m+1}`, :math:`\sigma^z_m`, :math:`\sigma^z_{m+1}`,
   :math:`\sigma^x_m\sigma^y_{m+1}` closes
   (hierarchy engine, :func:`~symbolic_ness.papers.znidaric.closed_hierarchy`). Its NESS is supported on
   a small set of strings (found from two generic float solves); the system
   restricted to it is solved in exact rationals (core :func:`~symbolic_ness.algebra.solve_qq`) and the
   **full** closed system is then checked to vanish exactly, which proves the
   restricted solution is the NESS (:func:`exact_pair_values`).
2. **Rational functions of** :math:`(\Gamma,\gamma)` **for one n.** At
   :math:`c=d=1` the value :math:`Z_n=\langle\sigma^z_m\sigma^z_{m+1}\rangle` is
   reconstructed from exact samples as :math:`P/Q` of the smallest total degree
   for which the linear interpolation problem has a one-dimensional solution
   space, then checked at fresh points (:func:`derived_pair_zz`, engine
   :func:`~symbolic_ness.engines.rational_reconstruct`).
3. **Closed form in n.** With the denominator normalized to constant term 1,
   every coefficient of numerator and denominator is interpolated as a
   polynomial in n (engine :func:`~symbolic_ness.engines.interpolate_coefficients`) over a few n of the same class (central even, central odd,
   boundary), and the result is checked exactly against further n
   (:func:`zz_closed_form`). The interpolation only *finds* the form: it is then PROVED for all
   n >= 8 (identical, in (n, Γ, γ), to the value of the class-engine coefficients in closed form,
   which satisfy every n-symbolic engine equation identically;
   :func:`~symbolic_ness.papers.znidaric.prove_zz_closed_form`, uniqueness:
   :func:`~symbolic_ness.papers.znidaric.hierarchy_uniqueness_argument`), and n < 8 are exact
   one by one (:func:`~symbolic_ness.papers.znidaric.zz_small_n_check`). The driving enters only through
   :math:`\langle\sigma^z\sigma^z\rangle_c\propto(c+d)^2` (PROVED for all n >= 8 of each class,
   identically in (c, d): :func:`~symbolic_ness.papers.znidaric.prove_zz_cd_extension`; n < 8 exact
   one by one as polynomials in (c, d), :func:`~symbolic_ness.papers.znidaric.zz_cd_small_n_check`), so
   with the two-point closed form :func:`~symbolic_ness.papers.znidaric.dephasing_two_point_closed_form`
   every pair quantity is a closed form in :math:`(n,\Gamma,\gamma,c,d)`.
4. **Pair state and** :math:`\lambda_{\min}`: the U(1)-invariant pair state has
   PT eigenvalues (core :func:`~symbolic_ness.core.pt_eigenvalues`)
   :math:`\tfrac14\big[1+Z-\sqrt{(z_1+z_2)^2+4J^2}\big]` etc.
   Substituting :math:`n=2+(X-\Gamma-1/\Gamma)/\gamma` into the central-pair
   :math:`\lambda_{\min}` at :math:`c=d=1` makes :math:`\Gamma` drop out (even n):

   .. math:: \lambda_{\min}=\frac{X^2-2X-1}{4X(X+\gamma)},\qquad X=\Gamma+\frac1\Gamma+\gamma(n-2),

   hence :math:`\gamma_c` (Eq. 24) and :math:`\Gamma_\pm` (Eq. 25) by ``solve``.

Example (exact central-pair values of a 4-site chain at Γ = 1, γ = 1/10, c = d = 1;
the derived closed forms are cached on disk, see :func:`central_lambda_X`, which gives
:math:`(X^2-2X-1)/(4X(X+\gamma))`):

>>> zz, z1, z2, xy = exact_pair_values(4, 1, Fraction(1, 10))
>>> zz, z1, z2, xy
(Fraction(-61, 253), Fraction(-1, 23), Fraction(1, 23), Fraction(-10, 23))
>>> X = 2 + Fraction(2, 10); t = -xy        # X = Gamma + 1/Gamma + gamma (n - 2), t = 1/(X + gamma)
>>> (1 + zz - 2 * t) / 4 == (X**2 - 2*X - 1) / (4 * X * (X + Fraction(1, 10)))
True
"""
from __future__ import annotations

import functools
from fractions import Fraction

import numpy as np
import scipy.sparse.linalg as spla
import sympy as sp

from ..._cache import cached
from ..._errors import CheckFailedError, ParameterError, check_residual
from ...core import kron, partial_transpose, pauli, pt_eigenvalues
from ...algebra import solve_qq
from ...engines import interpolate_coefficients, rational_reconstruct
from ._chain import closed_hierarchy, family_blocks, family_float_matrices
from ._symbols import (COUPLING, COUPLING_L, COUPLING_R, DEPHASING, DRIVE_C, DRIVE_D, LENGTH, MU, MUBAR, SITE,
                       X_SCALE)
from ._two_point import dephasing_two_point_closed_form

__all__ = ["exact_pair_values", "float_pair_values", "derived_pair_zz", "zz_closed_form",
           "pair_lambda_closed_form", "pt_lambda_generic", "pair_substitution", "central_lambda_X",
           "critical_X", "gamma_c_closed_form", "gamma_window_closed_form", "thermodynamic_limits",
           "gamma_m_limit", "window_in_u"]


def _pair_site(n: int, kind: str, pair=None) -> int:
    """0-indexed left site of the pair: ``pair`` (1-indexed) if given, else kind 'central'
    (m = n//2, 1-indexed) or 'boundary'."""
    if pair is not None:
        if not 1 <= int(pair) <= n - 1:
            raise ParameterError("pair", pair, f"1 <= pair <= n - 1 = {n - 1}")
        return int(pair) - 1
    return n // 2 - 1 if kind == "central" else 0


def _rates(Gamma, gamma, c, d):
    return {"H": 1, "L+": Gamma * (1 - c), "L-": Gamma * (1 + c), "R+": Gamma * (1 + d),
            "R-": Gamma * (1 - d), "deph": gamma / 2}


@functools.lru_cache(maxsize=16)
def _pair_system(n: int, j: int):
    """Closed hierarchy seeded by the pair (j, j+1) (0-indexed) + float blocks + NESS support."""
    seeds = (((j, "Z"), (j + 1, "Z")), ((j, "Z"),), ((j + 1, "Z"),), ((j, "X"), (j + 1, "Y")))
    cl = closed_hierarchy(n, seeds)
    variables, blocks = cl.variables, family_blocks(cl)
    N = len(variables)
    mats, vecs = family_float_matrices(cl)
    sup = np.zeros(N, bool)
    for pt in ((0.71, 0.13, 0.31, -0.62), (1.13, 0.071, 0.83, 0.21)):
        x = _float_solve(mats, vecs, _rates(*pt))
        sup |= np.abs(x) > 1e-11 * max(1.0, np.abs(x).max())
    return variables, blocks, mats, vecs, np.where(sup)[0]


def _float_solve(mats, vecs, r):
    A = sum(float(r[f]) * mats[f] for f in mats)
    b = sum(float(r[f]) * vecs[f] for f in vecs)
    x = spla.spsolve(A.tocsc(), -b)
    check_residual("pair hierarchy solve", float(np.max(np.abs(A @ x + b))), 1e-9 * max(1.0, float(np.abs(b).max())))
    return x


def float_pair_values(n, Gamma, gamma, c=1.0, d=1.0, kind="central", pair=None):
    """Float ⟨σz σz⟩, ⟨σz⟩, ⟨σz⟩, ⟨σx σy⟩ of the pair from the *full* closed hierarchy (sparse LU).

    Independent of every closed form; returns ``(zz, z1, z2, xy, residual)``. ``pair`` (1-indexed
    left spin, any 1 <= pair <= n - 1) overrides ``kind``.

    >>> zz, z1, z2, xy, res = float_pair_values(4, 1.0, 0.05)
    >>> round(float(zz), 12), bool(res < 1e-12)
    (-0.244739756368, True)
    """
    j = _pair_site(int(n), kind, pair)
    variables, blocks, mats, vecs, _ = _pair_system(int(n), j)
    r = _rates(Gamma, gamma, c, d)
    x = _float_solve(mats, vecs, r)
    A = sum(float(r[f]) * mats[f] for f in mats)
    b = sum(float(r[f]) * vecs[f] for f in vecs)
    return float(x[0]), float(x[1]), float(x[2]), float(x[3]), float(np.linalg.norm(A @ x + b))


def exact_pair_values(n, Gamma, gamma, c=1, d=1, kind="central", verify=True, pair=None):
    """Exact (``Fraction``) ``(zz, z1, z2, xy)`` of the pair at rational parameters.

    Solves the hierarchy restricted to the NESS support with core :func:`~symbolic_ness.algebra.solve_qq`;
    with ``verify`` every equation of the full closed system is checked to vanish
    exactly (CheckFailedError otherwise). ``pair`` (1-indexed left spin) overrides ``kind``.

    >>> exact_pair_values(6, Fraction(7, 10), Fraction(1, 20))[0]
    Fraction(-3647, 18093)
    """
    j = _pair_site(int(n), kind, pair)
    variables, blocks, mats, vecs, S = _pair_system(int(n), j)
    r = {k: Fraction(v) for k, v in _rates(Fraction(Gamma), Fraction(gamma), Fraction(c), Fraction(d)).items()}
    pos = {int(i): k for k, i in enumerate(S)}
    M = len(S)
    A: dict = {}
    rhs = [Fraction(0)] * M
    for f, blk in blocks.items():
        rf = r[f]
        if rf == 0:
            continue
        for (i, col), v in blk.items():
            if i not in pos:
                continue
            q = Fraction(v) * rf
            if col < 0:
                rhs[pos[i]] -= q
            elif col in pos:
                A[(pos[i], pos[col])] = A.get((pos[i], pos[col]), 0) + q
    x = solve_qq({k: v for k, v in A.items() if v != 0}, rhs, M)
    xs = {int(S[k]): x[k] for k in range(M)}
    if verify:
        res = {}
        for f, blk in blocks.items():
            rf = r[f]
            if rf == 0:
                continue
            for (i, col), v in blk.items():
                w = Fraction(v) * rf * (1 if col < 0 else xs.get(col, 0))
                if w:
                    res[i] = res.get(i, 0) + w
        if any(v != 0 for v in res.values()):
            raise CheckFailedError("support-restricted solution does not solve the full hierarchy")
    return tuple(xs.get(i, Fraction(0)) for i in range(4))


@cached("xx-deph-pair-zz-v1")
def derived_pair_zz(n: int, kind: str):
    r""":math:`\langle\sigma^z\sigma^z\rangle` of the pair at :math:`c=d=1` as an exact rational
    function of :math:`(\Gamma,\gamma)` for one n (reconstructed from exact solves, checked)."""
    first = [True]

    def sample(p):
        v = exact_pair_values(n, p[0], p[1], 1, 1, kind, verify=first[0])
        first[0] = False
        return v[0]

    return sp.factor(rational_reconstruct(sample, (COUPLING, DEPHASING)).expr)


_N_FIT = {"central-even": (4, 6, 8), "central-odd": (5, 7, 9), "boundary": (4, 5, 6, 7)}


_N_CHECK = {"central-even": (10,), "central-odd": (11,), "boundary": (8, 9)}


def _kind(cls):
    return "boundary" if cls == "boundary" else "central"


@cached("xx-deph-zz-closed-n-v1")
def zz_closed_form(cls: str):
    r"""Closed form in n of :math:`\langle\sigma^z_m\sigma^z_{m+1}\rangle` at :math:`c=d=1`.

    ``cls``: ``"central-even"``, ``"central-odd"`` (pair :math:`m=\lfloor n/2\rfloor`)
    or ``"boundary"`` (pair 1, 2). Interpolated in n from :func:`derived_pair_zz`
    at the lengths ``_N_FIT[cls]`` and checked exactly (two rational points each)
    at the lengths ``_N_CHECK[cls]``; proved for every n >= 8 by
    :func:`~symbolic_ness.papers.znidaric.prove_zz_closed_form` (provenance table).

    Parameters
    ----------
    cls : str
        ``"central-even"``, ``"central-odd"`` or ``"boundary"``.

    Returns
    -------
    sympy expression
        ⟨σz_m σz_(m+1)⟩ in Γ, γ and n.

    Examples
    --------
    >>> zz_closed_form("central-even")
    -Gamma*(Gamma**2*gamma + Gamma*gamma**2*n - 2*Gamma*gamma**2 + Gamma + gamma)/((Gamma**2 + Gamma*gamma*n - 2*Gamma*gamma + 1)*(Gamma**2 + Gamma*gamma*n - Gamma*gamma + 1))
    """
    kind = _kind(cls)
    exprs = {n: derived_pair_zz(n, kind) for n in _N_FIT[cls]}
    Z = sp.factor(interpolate_coefficients(exprs, (COUPLING, DEPHASING), LENGTH))
    for n in _N_CHECK[cls]:
        for p in ((Fraction(7, 10), Fraction(1, 20)), (Fraction(13, 5), Fraction(3, 7))):
            ex = exact_pair_values(n, p[0], p[1], 1, 1, kind)[0]
            if Z.subs({LENGTH: n, COUPLING: sp.Rational(p[0]), DEPHASING: sp.Rational(p[1])}) != sp.Rational(ex):
                raise CheckFailedError(f"closed form in n fails at n = {n}")
    return Z


@cached("xx-deph-two-point-v1")
def _two_point():
    """Two-point closed form in n (from :mod:`._correlators`) at Gamma_L = Gamma_R = Gamma, in c, d."""
    cf = dephasing_two_point_closed_form()
    sub = {COUPLING_L: COUPLING, COUPLING_R: COUPLING, MU: DRIVE_C + DRIVE_D, MUBAR: (DRIVE_D - DRIVE_C) / 2}
    out = {k: sp.factor(v.subs(sub)) for k, v in cf.items() if k in ("t", "z1", "z2", "zn", "z_j")}
    out["z_j"] = sp.factor(out["z_j"].subs(SITE, sp.Symbol("j")))
    return out


def _pair_z(cls):
    """(z_left, z_right, t) of the pair as closed forms in (n, Gamma, gamma, c, d)."""
    tp = _two_point()
    jsym = sp.Symbol("j")
    t = tp["t"]
    if cls == "boundary":
        return tp["z1"], tp["z2"], t
    m = LENGTH / 2 if cls == "central-even" else (LENGTH - 1) / 2
    return (sp.factor(tp["z_j"].subs(jsym, m)), sp.factor(tp["z_j"].subs(jsym, m + 1)), t)


@functools.lru_cache(maxsize=None)
def pt_lambda_generic():
    r"""PT eigenvalues of the generic U(1)-invariant pair state; the one that can be negative."""
    z1, z2, Z, J = sp.symbols("z_1 z_2 Z J", real=True)
    P = {k: pauli(k) for k in "IXYZ"}
    rho = (kron(P["I"], P["I"]) + z1 * kron(P["Z"], P["I"]) + z2 * kron(P["I"], P["Z"]) + Z * kron(P["Z"], P["Z"])
           + J * (kron(P["X"], P["Y"]) - kron(P["Y"], P["X"]))) / 4
    try:
        evs = [e for e, _ in pt_eigenvalues(rho, [0], 2)]
    except Exception:   # core pt_eigenvalues can fail on radicals in symbolic input: do it here
        evs = list(sp.Matrix(partial_transpose(rho, [0], 2)).eigenvals())
    # the candidate for negativity: the one with "- sqrt"
    neg = [e for e in evs if any(isinstance(a, sp.Pow) and a.exp == sp.S.Half for a in sp.preorder_traversal(e))
           and e.subs({z1: 0, z2: 0, Z: 0, J: sp.Rational(1, 2)}) == 0]
    others = [e for e in evs if e != neg[0]]
    return neg[0], (z1, z2, Z, J), others


def pair_substitution(cls):
    zl, zr, t = _pair_z(cls)
    Z1 = zz_closed_form(cls)
    K = sp.factor(Z1 - (zl * zr).subs({DRIVE_C: 1, DRIVE_D: 1}))
    Z = zl * zr + (DRIVE_C + DRIVE_D) ** 2 / 4 * K
    return zl, zr, Z, -t


@cached("xx-deph-pair-lambda-v1")
def pair_lambda_closed_form(cls: str):
    r""":math:`\lambda_{\min}` of the pair's partial transpose as a closed form in
    :math:`(n,\Gamma,\gamma,c,d)` (valid for n in the class ``cls``).

    :math:`\langle\sigma^z\sigma^z\rangle=z_1z_2+\frac{(c+d)^2}{4}K` with
    :math:`K` the connected value at :math:`c=d=1` from :func:`zz_closed_form`.
    """
    lam, (z1s, z2s, Zs, Js), _ = pt_lambda_generic()
    zl, zr, Z, J = pair_substitution(cls)
    return lam.subs({z1s: zl, z2s: zr, Zs: Z, Js: J})


@cached("xx-deph-central-X-v1")
def central_lambda_X(parity: str = "even"):
    r"""Central-pair :math:`\lambda_{\min}` at :math:`c=d=1` as a function of
    :math:`X=\Gamma+1/\Gamma+\gamma(n-2)` and :math:`\gamma` only.

    Obtained by substituting :math:`n=2+(X-\Gamma-1/\Gamma)/\gamma`; raises if Γ
    does not drop out.

    Parameters
    ----------
    parity : str, default "even"
        Parity of n.

    Returns
    -------
    sympy expression
        λ_min(X, γ).

    Raises
    ------
    CheckFailedError
        Γ does not drop out.

    Examples
    --------
    >>> central_lambda_X("even")
    (X**2 - 2*X - 1)/(4*X*(X + gamma))
    """
    lam = pair_lambda_closed_form("central-" + parity).subs({DRIVE_C: 1, DRIVE_D: 1})
    lamX = sp.simplify(sp.factor(lam.subs(LENGTH, 2 + (X_SCALE - COUPLING - 1 / COUPLING) / DEPHASING)))
    if COUPLING in lamX.free_symbols:
        raise CheckFailedError("Gamma does not drop out: no closed form in X")
    return sp.factor(lamX)


@cached("xx-deph-gamma-c-v1")
def gamma_c_closed_form(parity: str = "even"):
    r"""Critical dephasing :math:`\gamma_c(n,\Gamma)` of the central pair at :math:`c=d=1`:
    solve :math:`\lambda_{\min}(X)=0` for X (the root with X > 2), then for γ.

    Parameters
    ----------
    parity : str, default "even"
        Parity of n.

    Returns
    -------
    sympy expression
        γ_c(n, Γ).

    Examples
    --------
    >>> gamma_c_closed_form("even")
    (-Gamma**2 + Gamma + sqrt(2)*Gamma - 1)/(Gamma*(n - 2))
    """
    Xc = critical_X(parity)
    sols = sp.solve(sp.Eq(COUPLING + 1 / COUPLING + DEPHASING * (LENGTH - 2), Xc), DEPHASING)
    sols = [sp.simplify(s) for s in sols]
    # pick the branch that is positive for Gamma = 1, n = 10
    good = [s for s in sols if complex(s.subs({COUPLING: 1, LENGTH: 10})).real > 0
            and abs(complex(s.subs({COUPLING: 1, LENGTH: 10})).imag) < 1e-14]
    if len(good) != 1:
        raise CheckFailedError(f"gamma_c: {sols}")
    return sp.simplify(good[0])


@functools.lru_cache(maxsize=None)
def critical_X(parity):
    """Root X_c > 2 of the numerator of λ_min(X) (λ < 0 iff X < X_c)."""
    lamX = central_lambda_X(parity)
    num = sp.numer(sp.together(lamX))
    roots = sp.solve(num, X_SCALE)
    good = [r for r in roots if r.subs(DEPHASING, sp.Rational(1, 100)).is_real
            and sp.N(r.subs(DEPHASING, sp.Rational(1, 100))) > 2]
    if len(good) != 1:
        raise CheckFailedError(f"critical X: {roots}")
    return sp.simplify(good[0])


@cached("xx-deph-gamma-window-v1")
def gamma_window_closed_form():
    r"""The coupling window :math:`\Gamma_-<\Gamma<\Gamma_+` (even n, c = d = 1) from
    :math:`X(\Gamma)=X_c`, as ``(Gamma_minus, Gamma_plus)``.

    Returns
    -------
    tuple
        ``(Gamma_minus, Gamma_plus)`` in γ and n.

    Examples
    --------
    >>> gm, gp = gamma_window_closed_form()
    >>> sorted(s.name for s in gm.free_symbols)
    ['gamma', 'n']
    """
    Xc = critical_X("even")
    sols = sp.solve(sp.Eq(COUPLING + 1 / COUPLING + DEPHASING * (LENGTH - 2), Xc), COUPLING)
    sols = sorted(sols, key=lambda s: float(sp.N(s.subs({DEPHASING: sp.Rational(1, 100), LENGTH: 6}))))
    return tuple(sp.simplify(s) for s in sols)


@cached("xx-deph-limits-v1")
def thermodynamic_limits():
    r"""Limits of the closed forms for :math:`n\to\infty` (sympy ``limit``).

    ``gamma_c``: :math:`\lim\gamma_c=0`; ``lambda_central``: :math:`\lim\lambda_{\min}`
    of the central pair at fixed γ > 0 (any c, d: the value is ≥ 0, i.e. no bulk
    entanglement); ``boundary_leading``: the leading term
    :math:`\lim n^2\cdot4\lambda_{\min}(\rho_{12})` at c = 1, whose sign change is
    at Γ = 1 (so :math:`\Gamma_m\to1`).

    Returns
    -------
    dict
        ``gamma_c``, ``lambda_central``, ``boundary_leading``.

    Examples
    --------
    The derivation takes about 15 s on a cold cache (not run by the doctests):

    >>> thermodynamic_limits()["boundary_leading"]  # doctest: +SKIP
    -(Gamma - 1)*(Gamma + 1)*(d + 1)**2/(4*Gamma**2*gamma**2)
    """
    gc = gamma_c_closed_form("even")
    lim_gc = sp.limit(gc, LENGTH, sp.oo)
    lam_c = pair_lambda_closed_form("central-even")
    lim_lam = sp.simplify(sp.limit(lam_c, LENGTH, sp.oo))
    lam_b = pair_lambda_closed_form("boundary").subs(DRIVE_C, 1)
    lead = sp.factor(sp.simplify(sp.limit(4 * LENGTH ** 2 * lam_b, LENGTH, sp.oo)))
    return {"gamma_c": lim_gc, "lambda_central": lim_lam, "boundary_leading": lead}


def gamma_m_limit():
    r"""Derived :math:`\lim_{n\to\infty}\Gamma_m`: the positive Γ where the leading
    coefficient :func:`thermodynamic_limits` ``["boundary_leading"]`` (maximized over d)
    changes sign.

    Returns
    -------
    list
        The positive roots (``[1]``).

    Examples
    --------
    Needs :func:`thermodynamic_limits` (about 15 s on a cold cache; not run by the doctests):

    >>> gamma_m_limit()  # doctest: +SKIP
    [1]
    """
    lead = thermodynamic_limits()["boundary_leading"]
    num = sp.numer(sp.factor(lead))
    cands = set()
    for fac, _ in sp.factor_list(num)[1]:
        if COUPLING in fac.free_symbols and DRIVE_D not in fac.free_symbols:
            for r in sp.solve(fac, COUPLING):
                if r.is_positive:
                    cands.add(r)
    return sorted(cands, key=lambda r: float(r))


def window_in_u():
    r"""Γ± as functions of :math:`u=\gamma(n-2)` only: substitute :math:`\gamma=u/(n-2)` and
    check (to 25 digits at four u) that n = 7 and n = 13 give the same function (Fig. 10)."""
    u = sp.Symbol("u", nonnegative=True)
    out = []
    for e in gamma_window_closed_form():
        f = e.subs(DEPHASING, u / (LENGTH - 2))
        f7, f13 = f.subs(LENGTH, 7), f.subs(LENGTH, 13)
        for uv in (0, sp.Rational(1, 7), sp.Rational(2, 7), sp.Rational(2, 5)):
            if abs(sp.N(f7.subs(u, uv) - f13.subs(u, uv), 30)) > 1e-25:
                raise CheckFailedError("window depends on n beyond gamma (n - 2)")
        out.append(sp.expand(sp.radsimp(f7)))
    return u, tuple(out)
