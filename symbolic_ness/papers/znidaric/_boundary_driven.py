r"""Pair states, entanglement thresholds and the non-nearest-neighbour theorem of the
boundary-driven XX chain without dephasing (Žnidarič, PRA 85, 012324, Sec. III.A–C).

Conventions
-----------
Sites :math:`j=1..n` (1-indexed, as in the paper). ``pair = j`` means the spins
:math:`(j, j+1)`. Pauli operators without the factor ½; the pair state of two
spins is

.. math:: \rho_{jk}=\tfrac14\sum_{\alpha,\beta\in\{0,x,y,z\}}
          \langle\sigma^\alpha_j\sigma^\beta_k\rangle\,\sigma^\alpha\otimes\sigma^\beta

(two-qubit basis :math:`|00\rangle,|01\rangle,|10\rangle,|11\rangle`, :math:`|0\rangle` = spin up).
The NESS correlators at :math:`\gamma=0` are (from :mod:`symbolic_ness.papers.znidaric._correlators`)
:math:`t=-\langle\sigma^x_j\sigma^y_{j+1}\rangle`, :math:`a_1=\langle\sigma^z_1\rangle`,
:math:`a=\langle\sigma^z_{2..n-1}\rangle`, :math:`a_n=\langle\sigma^z_n\rangle`.
:math:`\lambda_{\min}` denotes the eigenvalue of the partial transpose (on the
first spin) that can become negative; the pair is entangled iff it is < 0.

Thresholds are for symmetric coupling :math:`\Gamma_L=\Gamma_R=\Gamma` in the
coordinates :math:`c=\mu/2-\bar\mu`, :math:`d=\mu/2+\bar\mu` (square :math:`|c|,|d|\le1`).
``region="boundary"`` is the pair :math:`\rho_{12}`, ``region="bulk"`` a pair
:math:`\rho_{j,j+1}` with :math:`2\le j\le n-2`. The entangled region of the
boundary pair near :math:`c=d=1` is the "tongue": it starts at :math:`c_{\min}(\Gamma)`
on the edge :math:`d=1` and is bounded from below by :math:`d(c,\Gamma)`.

Every closed form here is produced by sympy from the correlators (U(1)
reduction of the general pair state, partial-transpose spectrum, discriminants,
factorization over :math:`\mathbb Q(\Gamma,\sqrt{8+\Gamma^2})` and
:math:`\mathbb Q(\sqrt2)`, resultants, ``solve``); the paper's formulas are only
used as test oracles.

>>> lam = boundary_lambda_min()          # Eq. (15), derived
>>> sorted(str(s) for s in lam.free_symbols)
['a', 'a1', 't']
>>> round(float(gamma_min_boundary()), 6)
0.510578
>>> [round(float(g), 5) for g in gamma_window_bulk()]
[0.53101, 1.8832]
"""
from __future__ import annotations

import itertools
import time
from functools import lru_cache

import numpy as np
import scipy.sparse.linalg as spla
import sympy as sp

from ..._cache import cached
from ..._errors import ParameterError
from ...core._operators import partial_transpose, sigma_x, sigma_y, sigma_z

__all__ = [
    "T", "A", "A1", "AN", "C", "D", "GAMMA",
    "general_pair_state", "u1_pair_state", "pair_state_from_correlators", "pt_eigenvalues_x_state",
    "boundary_pair_state", "bulk_pair_state", "boundary_lambda_min", "bulk_lambda_min",
    "distance_pair_correlators", "distance_lambda_min", "symmetric_substitution",
    "boundary_edge_polynomial", "c_min_boundary", "d_edge_boundary", "gamma_min_boundary",
    "largest_tongue", "bulk_edge_polynomial", "d_edge_bulk", "c_min_bulk", "gamma_window_bulk",
    "nn_theorem", "positivity_certificate", "boundary_no_interior_vertical_tangent",
    "bulk_no_interior_vertical_tangent", "numeric_pair_lambda", "numeric_lambda_cd", "numeric_c_min",
    "numeric_d_edge", "numeric_corner_gamma", "lambdify_lambda", "make_figures", "register_quantities",
]

# symbols of the generic correlators and of the threshold problem
T, A, A1, AN = sp.symbols("t a a1 an", real=True)
C, D = sp.symbols("c d", real=True)
GAMMA = sp.Symbol("Gamma", positive=True)
_PAULI = {"0": sp.eye(2), "x": sigma_x(), "y": sigma_y(), "z": sigma_z()}


# ============================================================== pair states
def general_pair_state():
    r"""The general two-qubit state :math:`\frac14\sum\langle\sigma^\alpha\sigma^\beta\rangle\sigma^\alpha\otimes\sigma^\beta`.

    Returns ``(rho, symbols)`` with ``symbols[(alpha, beta)]`` the 15 correlator
    symbols ``s_xy`` etc. (``s_z0`` = :math:`\langle\sigma^z_j\rangle`).

    >>> rho, s = general_pair_state()
    >>> rho.trace(), len(s)
    (1, 15)
    """
    syms = {}
    rho = sp.eye(4) / 4
    for al, be in itertools.product("0xyz", repeat=2):
        if al == be == "0":
            continue
        s = syms[(al, be)] = sp.Symbol(f"s_{al}{be}", real=True)
        rho += s * sp.kronecker_product(_PAULI[al], _PAULI[be]) / 4
    return rho, syms


@lru_cache(maxsize=None)
def u1_pair_state():
    r"""Impose the U(1) symmetry of the NESS on the general pair state.

    The XX Hamiltonian conserves :math:`M=\sum_j\sigma^z_j` and every jump
    operator changes it by a fixed amount, so the (unique) NESS commutes with
    :math:`M`; then every reduced state commutes with :math:`\sigma^z_j+\sigma^z_k`.
    Solving :math:`[\rho,\sigma^z\otimes1+1\otimes\sigma^z]=0` leaves five
    correlators: :math:`z_j, z_k, \langle xx\rangle=\langle yy\rangle,
    \langle xy\rangle=-\langle yx\rangle, \langle zz\rangle`.

    Returns ``(rho, solution)`` (``solution``: the eliminated symbols).

    >>> rho, sol = u1_pair_state()
    >>> sorted(str(s) for s in rho.free_symbols)
    ['s_0z', 's_xx', 's_xy', 's_z0', 's_zz']
    """
    rho, s = general_pair_state()
    Mz = sp.kronecker_product(_PAULI["z"], sp.eye(2)) + sp.kronecker_product(sp.eye(2), _PAULI["z"])
    eqs = [e for e in (rho * Mz - Mz * rho) if e != 0]
    keep = {("z", "0"), ("0", "z"), ("x", "x"), ("x", "y"), ("z", "z")}
    unknowns = [v for k, v in s.items() if k not in keep]
    sol = sp.solve(eqs, unknowns, dict=True)[0]
    return rho.subs(sol).applyfunc(sp.expand), sol


def pair_state_from_correlators(z1, z2, xx, xy, zz):
    r"""U(1)-symmetric pair state from :math:`\langle\sigma^z_j\rangle,\langle\sigma^z_k\rangle,
    \langle\sigma^x_j\sigma^x_k\rangle,\langle\sigma^x_j\sigma^y_k\rangle,\langle\sigma^z_j\sigma^z_k\rangle`.

    >>> pair_state_from_correlators(0, 0, 0, 0, 0) == sp.eye(4) / 4
    True
    """
    rho, _ = u1_pair_state()
    g = {sp.Symbol("s_z0", real=True): z1, sp.Symbol("s_0z", real=True): z2,
         sp.Symbol("s_xx", real=True): xx, sp.Symbol("s_xy", real=True): xy,
         sp.Symbol("s_zz", real=True): zz}
    return rho.subs(g)


def pt_eigenvalues_x_state(rho):
    r"""Eigenvalues of the partial transpose (first spin) of an X-shaped two-qubit state.

    The partial transpose of an X state is again an X state; its spectrum is
    that of the blocks :math:`\{|00\rangle,|11\rangle\}` and :math:`\{|01\rangle,|10\rangle\}`:
    :math:`\tfrac{p+q}2\pm\sqrt{(\tfrac{p-q}2)^2+|w|^2}`. Returns the list of
    four eigenvalues; entry 0 is the minus branch of the :math:`\{00,11\}` block, the
    one that can be negative when the coherence of :math:`\rho` sits in :math:`\{01,10\}`
    (as for the XX NESS pairs).

    >>> bell = sp.Matrix([[1,0,0,1],[0,0,0,0],[0,0,0,0],[1,0,0,1]]) / 2
    >>> sorted(pt_eigenvalues_x_state(bell))
    [-1/2, 1/2, 1/2, 1/2]
    """
    rho = sp.Matrix(rho)
    for i, j in itertools.product(range(4), repeat=2):
        if i != j and i + j != 3 and rho[i, j] != 0:
            raise ValueError("not an X state")
    pt = partial_transpose(rho, [0], 2)
    out = []
    for i, j in ((0, 3), (1, 2)):
        p, q, w = pt[i, i], pt[j, j], pt[i, j]
        mod2 = sp.expand(w * sp.conjugate(w))
        r = sp.sqrt(sp.expand(((p - q) / 2) ** 2 + mod2))
        out += [sp.simplify((p + q) / 2 - r), sp.simplify((p + q) / 2 + r)]
    return out


@cached("xx-bd-gamma0-closed-form")
def _xx_cf_cached():
    from . import _correlators
    cf = _correlators.gamma0_closed_form()
    return {k: sp.sympify(cf[k]) for k in ("t", "a1", "a", "an")}


def _xx_cf():
    """The derived gamma = 0 closed form ``{t, a1, a, an}`` of
    :func:`symbolic_ness.papers.znidaric._correlators.gamma0_closed_form` (symbols Gamma_L, Gamma_R, mu, mubar),
    disk-cached."""
    return _xx_cf_cached()


def boundary_pair_state():
    r"""The boundary pair :math:`\rho_{12}` (structure of Eq. 14) in the symbols ``t, a1, a``.

    Inputs: :math:`\langle\sigma^z_1\rangle=a_1`, :math:`\langle\sigma^z_2\rangle=a`,
    :math:`\langle\sigma^x_1\sigma^x_2\rangle=0`, :math:`\langle\sigma^x_1\sigma^y_2\rangle=-t`,
    :math:`\langle\sigma^z_1\sigma^z_2\rangle=a_1a-t^2` (the γ = 0 NESS correlators).
    """
    return pair_state_from_correlators(A1, A, 0, -T, A1 * A - T ** 2)


def bulk_pair_state():
    r"""Bulk pair :math:`\rho_{j,j+1}` (Eq. 19 structure): both :math:`\langle\sigma^z\rangle=a`."""
    return pair_state_from_correlators(A, A, 0, -T, A * A - T ** 2)


@cached("xx-bd-boundary-lambda")
def boundary_lambda_min():
    r"""Derived :math:`\lambda_{\min}` of :math:`\rho_{12}^{T_1}` (Eq. 15)."""
    return sp.factor_terms(pt_eigenvalues_x_state(boundary_pair_state())[0])


@cached("xx-bd-bulk-lambda")
def bulk_lambda_min():
    r"""Derived :math:`\lambda_{\min}` of :math:`\rho_{j,j+1}^{T_1}` (Eq. 20)."""
    return sp.factor_terms(pt_eigenvalues_x_state(bulk_pair_state())[0])


# ---------------------------------------------------- non-nearest neighbours
def _majoranas(m):
    r"""Jordan–Wigner Majoranas :math:`w_{2l}=Z_0\cdots Z_{l-1}X_l`, :math:`w_{2l+1}=Z_0\cdots Z_{l-1}Y_l` (numpy)."""
    I, X, Y, Z = (np.eye(2), np.array([[0, 1], [1, 0]]), np.array([[0, -1j], [1j, 0]]),
                  np.diag([1.0, -1.0]))
    out = []
    for l in range(m):
        for P in (X, Y):
            ops = [Z] * l + [P] + [I] * (m - l - 1)
            M = ops[0]
            for o in ops[1:]:
                M = np.kron(M, o)
            out.append(M)
    return out


def _pauli_string_of(M, m):
    """Write the numpy matrix M = phase * (Pauli string) and return (phase, string)."""
    I, X, Y, Z = (np.eye(2), np.array([[0, 1], [1, 0]]), np.array([[0, -1j], [1j, 0]]),
                  np.diag([1.0, -1.0]))
    P = {"I": I, "X": X, "Y": Y, "Z": Z}
    for labels in itertools.product("IXYZ", repeat=m):
        S = P[labels[0]]
        for lab in labels[1:]:
            S = np.kron(S, P[lab])
        ph = np.trace(S.conj().T @ M) / 2 ** m
        if abs(ph) > 1e-12:
            return complex(ph), "".join(labels)
    raise ValueError("zero operator")


def _pfaffian(M):
    n = M.shape[0]
    if n == 0:
        return sp.Integer(1)
    total = sp.Integer(0)
    for j in range(1, n):
        if M[0, j] == 0:
            continue
        keep = [k for k in range(1, n) if k != j]
        total += (-1) ** (j - 1) * M[0, j] * _pfaffian(M.extract(keep, keep))
    return sp.expand(total)


@cached("xx-bd-distance-correlators")
def distance_pair_correlators(r: int):
    r"""Spin correlators of the pair :math:`(j, j+r)` at γ = 0 by Wick's theorem.

    At γ = 0 the Lindbladian is quadratic in Jordan–Wigner fermions with linear
    jump operators, so the NESS is Gaussian. The Majorana two-point functions of
    the block :math:`j..j+r` are the string correlators: :math:`\langle Z_l\rangle=a_l`,
    :math:`\langle X_lY_{l+1}\rangle=-t`, :math:`\langle Y_lX_{l+1}\rangle=t`, all longer
    strings 0 (the fermionic two-point function is tridiagonal; checked against
    the closed hierarchy and the full null space in the tests). Generic site
    magnetizations ``a_j`` (symbol ``zj``) and ``a_k`` (symbol ``zk``) at the
    ends, ``a`` inside. Returns ``{"z1","z2","xx","yy","xy","yx","zz"}``.

    >>> c = distance_pair_correlators(2)
    >>> c["xx"], c["yy"], c["xy"]
    (-t**2, -t**2, 0)
    """
    r = int(r)
    if r < 1:
        raise ParameterError("r", r, "r >= 1")
    m = r + 1
    zj, zk = sp.symbols("zj zk", real=True)
    zvals = [zj] + [A] * (m - 2) + [zk]

    def E(string):
        nz = [(i, p) for i, p in enumerate(string) if p != "I"]
        if not nz:
            return sp.Integer(1)
        if len(nz) == 1 and nz[0][1] == "Z":
            return zvals[nz[0][0]]
        if len(nz) == 2 and nz[1][0] == nz[0][0] + 1:
            pq = nz[0][1] + nz[1][1]
            return {"XY": -T, "YX": T}.get(pq, sp.Integer(0))
        return sp.Integer(0)

    w = _majoranas(m)
    cov = sp.zeros(2 * m, 2 * m)
    for p in range(2 * m):
        for q in range(p + 1, 2 * m):
            ph, s = _pauli_string_of(w[p] @ w[q], m)
            val = sp.nsimplify(ph.real) + sp.I * sp.nsimplify(ph.imag)
            cov[p, q] = val * E(s)
            cov[q, p] = -cov[p, q]
    # expand the pair operator in Majorana monomials and apply Wick
    I2, X, Y, Z = (np.eye(2), np.array([[0, 1], [1, 0]]), np.array([[0, -1j], [1j, 0]]),
                   np.diag([1.0, -1.0]))
    P = {"x": X, "y": Y, "z": Z, "0": I2}

    def pair_op(al, be):
        ops = [P[al]] + [I2] * (m - 2) + [P[be]]
        M = ops[0]
        for o in ops[1:]:
            M = np.kron(M, o)
        return M

    monos = []
    for k in range(0, 2 * m + 1, 2):
        for S in itertools.combinations(range(2 * m), k):
            W = np.eye(2 ** m, dtype=complex)
            for p in S:
                W = W @ w[p]
            monos.append((S, W))
    out = {}
    for key, (al, be) in {"z1": ("z", "0"), "z2": ("0", "z"), "xx": ("x", "x"), "yy": ("y", "y"),
                          "xy": ("x", "y"), "yx": ("y", "x"), "zz": ("z", "z")}.items():
        O = pair_op(al, be)
        val = sp.Integer(0)
        for S, W in monos:
            coef = np.trace(W.conj().T @ O) / 2 ** m
            if abs(coef) < 1e-12:
                continue
            cf = sp.nsimplify(round(coef.real, 12)) + sp.I * sp.nsimplify(round(coef.imag, 12))
            val += cf * _pfaffian(cov.extract(list(S), list(S)))
        out[key] = sp.expand(val)
    return out


@cached("xx-bd-distance-lambda")
def distance_lambda_min(r: int):
    r"""Derived :math:`\lambda_{\min}` of the pair :math:`(j, j+r)` at γ = 0 (end magnetizations ``zj``, ``zk``).

    For r = 2 and bulk sites this is :math:`\tfrac14(1+a^2-2\sqrt{a^2+t^4})`.
    """
    c = distance_pair_correlators(r)
    if sp.expand(c["yy"] - c["xx"]) != 0 or sp.expand(c["yx"] + c["xy"]) != 0:
        raise ArithmeticError("pair state is not U(1) symmetric")
    rho = pair_state_from_correlators(c["z1"], c["z2"], c["xx"], c["xy"], c["zz"])
    return sp.factor_terms(pt_eigenvalues_x_state(rho)[0])


# ============================================================== thresholds
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
    cf = _xx_cf()
    vals = [sp.sympify(cf[k]) for k in ("t", "a1", "a", "an")]
    sub = {}
    for name, val in (("Gamma_L", GAMMA), ("Gamma_R", GAMMA), ("mu", C + D), ("mubar", (D - C) / 2)):
        s = _by_name(vals, name)
        if s is not None:
            sub[s] = val
    t, a1, a, an = (sp.factor(sp.cancel(v.subs(sub))) for v in vals)
    return {T: t, A1: a1, A: a, AN: an}


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
    return _primitive_numerator((P ** 2 - Q).subs(sub), (C, D, GAMMA))


def _quadratic_roots(q, x):
    p = sp.Poly(q, x)
    if p.degree() != 2:
        raise ArithmeticError(f"expected a quadratic in {x}, got degree {p.degree()}")
    a2, a1, a0 = p.all_coeffs()
    disc = sp.factor(a1 ** 2 - 4 * a2 * a0)
    return [(-a1 - sp.sqrt(disc)) / (2 * a2), (-a1 + sp.sqrt(disc)) / (2 * a2)], disc


def _choose(cands, test):
    """The unique candidate expression passing ``test(expr)``."""
    ok = [e for e in cands if test(e)]
    if len(ok) != 1:
        raise ArithmeticError(f"branch selection found {len(ok)} candidates")
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
    """
    q = _tongue_quadratic()
    roots, _ = _quadratic_roots(q, C)
    g1 = {GAMMA: 1}
    r = _choose(roots, lambda e: -1 < _num(e, g1) < 1)
    return sp.radsimp(sp.simplify(r))


@cached("xx-bd-boundary-q")
def _tongue_quadratic():
    F = boundary_edge_polynomial()
    fl = sp.factor_list(F.subs(D, 1))[1]
    qs = [f for f, m in fl if sp.Poly(f, C).degree() == 2 and f.has(GAMMA)]
    if len(qs) != 1:
        raise ArithmeticError("unexpected factorization of F(c, 1, Gamma)")
    return qs[0]


def boundary_no_interior_vertical_tangent():
    r"""Evidence for step (i) of :func:`c_min_boundary`: the discriminant factors and their
    values at :math:`c=\pm1` (each non-trivial factor is an upward parabola in c, <= 0 at c = ±1)."""
    F = boundary_edge_polynomial()
    disc = sp.factor(sp.discriminant(F, D))
    out = []
    for f, m in sp.factor_list(disc)[1]:
        if not f.has(C) or sp.Poly(f, C).degree() < 2:
            continue
        lead = sp.factor(sp.Poly(f, C).LC())
        out.append((f, lead, sp.factor(f.subs(C, 1)), sp.factor(f.subs(C, -1))))
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
    s = sp.sqrt(8 + GAMMA ** 2)
    sS = sp.Symbol("s", positive=True)
    PF = sp.Poly(F, GAMMA)
    deg = PF.degree()
    Fk = sp.expand(sum(cf * (8 - k ** 2) ** e[0] * (2 * k) ** (deg - e[0]) for e, cf in PF.terms()))
    quads = [f for f, m in sp.factor_list(Fk)[1] if f.has(D) and sp.Poly(f, D).degree() == 2]
    if len(quads) != 2:
        raise ArithmeticError("F did not split into two quadratics in d")
    cands = []
    kback = sS - GAMMA
    for qd in quads:
        p = sp.Poly(qd, D)
        a2, a1, a0 = [sp.expand(x) for x in p.all_coeffs()]
        # 1/k = (s + Gamma)/8: clear k from denominators by multiplying with k powers
        S2 = 8 + GAMMA ** 2

        def back(e):
            pe = sp.Poly(e, k)
            return sp.expand(sum(cf * kback ** ex[0] for ex, cf in pe.terms()))

        m0, m1 = _sqrt_reduce(-back(a1), 2 * back(a2), sS, S2)
        v0, v1 = _sqrt_reduce(back(sp.expand(a1 ** 2 - 4 * a2 * a0)), 4 * back(sp.expand(a2 ** 2)), sS, S2)
        for sign in (-1, 1):
            cands.append((m0 + m1 * sS + sign * sp.sqrt(v0 + v1 * sS)).subs(sS, s))
    f = lambdify_lambda("boundary")

    def is_lower_edge(e):
        fe = sp.lambdify((C, GAMMA), e, "mpmath")
        for g in (0.8, 1.0, 2.0):
            cm = float(sp.N(c_min_boundary().subs(GAMMA, g)))
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
    :math:`c_{\min}(\Gamma)=1`, solved by radicals (a cubic in :math:`\Gamma^2`)."""
    q1 = sp.factor(_tongue_quadratic().subs(C, 1))
    x = sp.Symbol("x", positive=True)
    poly = None
    for f, m in sp.factor_list(q1)[1]:
        if f.has(GAMMA):
            poly = f
    px = sp.Poly(poly, GAMMA)
    if any(mon[0] % 2 for mon in px.monoms()):
        raise ArithmeticError("expected a polynomial in Gamma**2")
    cubic = sp.expand(poly.subs(GAMMA, sp.sqrt(x)))
    sols = [r for r in sp.solve(cubic, x) if r.is_real and r.is_positive]
    if len(sols) != 1:
        sols = [sp.re(sp.nsimplify(r)) for r in sp.solve(cubic, x)
                if abs(sp.im(sp.N(r))) < 1e-15 and sp.N(sp.re(r)) > 0]
    if len(sols) != 1:
        raise ArithmeticError("Gamma_min: no unique positive root")
    return sp.sqrt(sp.simplify(sols[0]))


@cached("xx-bd-largest")
def largest_tongue():
    r"""Γ where the tongue is largest: :math:`\min_\Gamma c_{\min}(\Gamma)`.

    Extremum condition :math:`q=\partial_\Gamma q=0` (implicit differentiation of
    :math:`q(c_{\min}(\Gamma),\Gamma)=0`), eliminated with the resultant in c.
    Returns ``(poly_in_Gamma, Gamma_star (CRootOf), c_at_star (CRootOf/expr))``.
    """
    q = _tongue_quadratic()
    res = sp.factor(sp.resultant(q, sp.diff(q, GAMMA), C))
    best = None
    for f, m in sp.factor_list(res)[1]:
        if not f.has(GAMMA):
            continue
        for r in sp.Poly(f, GAMMA).real_roots():
            g = float(r)
            if g <= 0:
                continue
            cv = float(sp.N(c_min_boundary().subs(GAMMA, r)))
            if -1 < cv < 1 and (best is None or cv < best[2]):
                best = (f, r, cv)
    f, r, _ = best
    # c at the optimum: eliminate Gamma instead -> minimal polynomial of c*
    resc = sp.factor(sp.resultant(q, sp.diff(q, GAMMA), GAMMA))
    cstar = None
    for fc, m in sp.factor_list(resc)[1]:
        if not fc.has(C):
            continue
        for rc in sp.Poly(fc, C).real_roots():
            if abs(float(rc) - best[2]) < 1e-9:
                cstar = rc
    return f, r, cstar


# -------------------------------------------------------------------- bulk
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
        if not fac.has(T):
            continue
        G = _primitive_numerator(fac.subs(sub), (C, D, GAMMA))
        # the pocket edge of Gamma = 1 at c = 1 is between the entangled corner and the rest
        roots = [r for r in sp.Poly(G.subs({GAMMA: 1, C: 1}), D).nroots() if abs(sp.im(r)) < 1e-12]
        for r in roots:
            r = float(sp.re(r))
            if -1 < r < 1 and f(1.0, r + 1e-6, 1.0) < 0 < f(1.0, r - 1e-6, 1.0):
                return sp.factor(fac), G
    raise ArithmeticError("no factor bounds the bulk pocket")


@cached("xx-bd-bulk-dedge")
def d_edge_bulk():
    r"""Lower edge :math:`d(c,\Gamma)` of the bulk pocket (Eq. 21): root of a quadratic in d."""
    _, G = bulk_edge_polynomial()
    roots, disc = _quadratic_roots(G, D)
    f = lambdify_lambda("bulk")

    def ok(e):
        fe = sp.lambdify((C, GAMMA), e, "mpmath")
        for g in (0.7, 1.0, 1.5):
            cm = float(sp.N(c_min_bulk_raw().subs(GAMMA, g)))
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
    roots, _ = _quadratic_roots(G.subs(D, 1), C)
    g1 = {GAMMA: 1}
    return _choose(roots, lambda e: -1 < _num(e, g1) < 1)


@cached("xx-bd-bulk-cmin")
def c_min_bulk():
    r"""Pocket start :math:`c_{\min}(\Gamma)` of the bulk pair (Eq. 22): the edge meets :math:`d=1`
    (no vertical tangent inside the square, :func:`bulk_no_interior_vertical_tangent`).

    The square root collapses, :math:`\sqrt{\dots}=\Gamma^2-\sqrt2\Gamma+1`, found by
    ``sqrtdenest``/``factor`` over :math:`\mathbb Q(\sqrt2)`.
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
                  if _num(e.args[0], {GAMMA: 1}) > 0 else -e.args[0])
    return sp.factor(sp.simplify(r), extension=sp.sqrt(2))


def bulk_no_interior_vertical_tangent():
    r"""Why the bulk pocket starts on the edge d = 1: the edge quadratic in d has discriminant
    :math:`\propto f(c)`, an upward parabola in c with vertex :math:`c_v=\sqrt2(\Gamma^2+1)/\Gamma\ge2\sqrt2>1`
    and :math:`f(1)=(\Gamma^2-\sqrt2\Gamma+1)^2>0`, so :math:`f>0` on :math:`[-1,1]`: no vertical
    tangent in the square. Returns ``(f, c_v, factor(f(1)))``."""
    _, G = bulk_edge_polynomial()
    disc = sp.factor(sp.discriminant(G, D), extension=sp.sqrt(2))
    fs = [f for f, m in sp.factor_list(disc, extension=sp.sqrt(2))[1] if f.has(C)]
    if len(fs) != 1 or sp.Poly(fs[0], C).degree() != 2:
        raise ArithmeticError("unexpected bulk discriminant")
    f = fs[0]
    a2, a1, _ = sp.Poly(f, C).all_coeffs()
    if a2.could_extract_minus_sign():
        f, a2, a1 = -f, -a2, -a1
    return f, sp.simplify(-a1 / (2 * a2)), sp.factor(f.subs(C, 1), extension=sp.sqrt(2))


@cached("xx-bd-bulk-window")
def gamma_window_bulk():
    r"""Bulk Γ window (Eq. 23): the positive roots of :math:`c_{\min}^{\rm bulk}(\Gamma)=1`, as radicals."""
    num = sp.fraction(sp.together(c_min_bulk() - 1))[0]
    sols = sorted({sp.radsimp(s) for s in sp.solve(num, GAMMA) if s.is_real and s.is_positive},
                  key=lambda e: float(e))
    if len(sols) != 2:
        raise ArithmeticError(f"bulk window: expected 2 roots, got {sols}")
    return tuple(sp.simplify(s) for s in sols)


# ------------------------------------------------------------ numeric forms
@lru_cache(maxsize=None)
def lambdify_lambda(region: str):
    r"""Vectorized :math:`\lambda_{\min}(c,d,\Gamma)` of the boundary or bulk pair (closed form)."""
    lam = boundary_lambda_min() if region == "boundary" else bulk_lambda_min()
    sub = symmetric_substitution()
    fn = sp.lambdify((C, D, GAMMA), lam.subs(sub), "numpy")

    def f(c, d, g):
        with np.errstate(all="ignore"):
            return fn(np.asarray(c, float), np.asarray(d, float), np.asarray(g, float))
    return f


# ------------------------------------------- numeric lambda (hierarchy, batched)
@lru_cache(maxsize=16)
def _numeric_system(n: int):
    """Dense family matrices of the closed Heisenberg hierarchy (from ``_correlators.hierarchy``)."""
    from ._chain import chain_terms
    from ._correlators import hierarchy
    variables, blocks = hierarchy(n, True)
    N = len(variables)
    index = {v: i for i, v in enumerate(variables)}
    from ._chain import family_matrices
    mats, vecs = family_matrices(blocks, N)
    GL, GR, c, d = sp.symbols("GL GR c d")
    mu, mub = c + d, (d - c) / 2
    ch = chain_terms(n, GL, GR, mu, mub, 0)
    rates = {f: sp.lambdify((GL, GR, c, d), sp.expand(r), "numpy") for f, r in ch.rates}
    return index, mats, vecs, rates


_P2 = {"I": np.eye(2), "X": np.array([[0, 1], [1, 0]], complex),
       "Y": np.array([[0, -1j], [1j, 0]]), "Z": np.diag([1.0, -1.0]).astype(complex)}


_LABELS16 = [(a, b) for a in "IXYZ" for b in "IXYZ"]
_KRON16 = np.array([np.kron(_P2[a], _P2[b]) for a, b in _LABELS16])
_EPS = 1e-12  # lambda < -_EPS counts as entangled in the numeric bisections


def numeric_pair_lambda(c, d, Gamma_L, Gamma_R, j: int, n: int):
    r"""Smallest partial-transpose eigenvalue of the pair (j, j+1), numerically and batched.

    Solves the closed Heisenberg hierarchy :math:`M x+b=0` of the n-site chain
    (float LU, many parameter points at once), builds the pair state from the
    Pauli correlators and diagonalizes its partial transpose (``numpy.linalg.eigvalsh``).
    Independent of every closed form. ``c, d, Gamma_*`` broadcast to a common shape.
    """
    from ._chain import FAMILIES
    index, mats, vecs, rates = _numeric_system(int(n))
    c, d, GL, GR = np.broadcast_arrays(*(np.asarray(x, float) for x in (c, d, Gamma_L, Gamma_R)))
    shape = c.shape
    c, d, GL, GR = (x.ravel() for x in (c, d, GL, GR))
    K, N = c.size, len(index)
    # per-point sparse LU (SuperLU): avoids multithreaded dense BLAS on tiny systems
    fams = [f for f in FAMILIES if f != "deph"]
    r = {f: np.broadcast_to(np.asarray(rates[f](GL, GR, c, d), float), (K,)) for f in fams}
    if N <= 80:  # small: batched dense solve
        M = sum(r[f][:, None, None] * mats[f].toarray()[None] for f in fams)
        b = sum(r[f][:, None] * vecs[f][None] for f in fams)
        x = np.linalg.solve(M, -b[..., None])[..., 0]
    else:
        x = np.empty((K, N))
        for kk in range(K):
            M = sum(r[f][kk] * mats[f] for f in fams)
            b = sum(r[f][kk] * vecs[f] for f in fams)
            x[kk] = spla.spsolve(M.tocsc(), -b)
    j0 = j - 1

    def val(string):
        i = index.get(tuple(sorted(string)))
        return np.zeros(K) if i is None else x[:, i]

    coeffs = np.ones((K, 16))
    for m, (a, bb) in enumerate(_LABELS16):
        if a == bb == "I":
            continue
        s = tuple(p for p in ((j0, a), (j0 + 1, bb)) if p[1] != "I")
        coeffs[:, m] = val(s)
    rho = np.einsum("km,mij->kij", coeffs, _KRON16)
    rho /= 4
    pt = rho.reshape(K, 2, 2, 2, 2).transpose(0, 3, 2, 1, 4).reshape(K, 4, 4)
    ev = np.linalg.eigvalsh((pt + np.conj(np.swapaxes(pt, 1, 2))) / 2)
    return ev[:, 0].reshape(shape)


def _region_pair(region: str, n: int):
    if region == "boundary":
        if n < 3:
            raise ParameterError("n", n, "n >= 3 for the boundary pair (1, 2) next to a bulk spin")
        return 1
    if n < 4:
        raise ParameterError("n", n, "n >= 4 for a bulk pair (2, 3)")
    return 2


def numeric_lambda_cd(c, d, Gamma, region: str, n: int = 4):
    """:func:`numeric_pair_lambda` at symmetric coupling for ``region``."""
    return numeric_pair_lambda(c, d, Gamma, Gamma, _region_pair(region, n), n)


def _bisect(f, lo, hi, tol=1e-13, maxit=200):
    """Root of f between lo, hi with f(lo), f(hi) of opposite sign (plain bisection)."""
    flo = f(lo) < -_EPS
    if flo == (f(hi) < -_EPS):
        raise ArithmeticError("bisection bracket without a sign change")
    for _ in range(maxit):
        mid = 0.5 * (lo + hi)
        fm = f(mid) < -_EPS
        if fm == flo:
            lo = mid
        else:
            hi = mid
        if hi - lo < tol:
            break
    return 0.5 * (lo + hi)


def _min_over_d(lam, c, Gamma, grid=81):
    """min over d in [-1, 1] of lam(c, d, Gamma): grid + golden refinement."""
    ds = np.linspace(-1, 1, grid)
    v = lam(np.full_like(ds, c), ds, Gamma)
    i = int(np.argmin(v))
    lo, hi = ds[max(i - 1, 0)], ds[min(i + 1, grid - 1)]
    g = (np.sqrt(5) - 1) / 2
    for _ in range(32):
        x1, x2 = hi - g * (hi - lo), lo + g * (hi - lo)
        f = lam(np.array([c, c]), np.array([x1, x2]), Gamma)
        if f[0] < f[1]:
            hi = x2
        else:
            lo = x1
    m = 0.5 * (lo + hi)
    return float(min(v[i], lam(np.array([c]), np.array([m]), Gamma)[0]))


def numeric_c_min(Gamma, region: str, n: int = 4, tol=1e-11):
    r"""Numeric tongue/pocket start: bisection in c of :math:`\min_d\lambda_{\min}(c,d)` (numeric
    hierarchy λ). Returns None if :math:`\min_d\lambda(1,d)\ge0` (no entanglement for c ≤ 1)."""
    lam = lambda c, d, g: numeric_lambda_cd(c, d, g, region, n)  # noqa: E731
    f = lambda c: _min_over_d(lam, c, Gamma)  # noqa: E731
    if not f(1.0) < -_EPS:
        return None
    return _bisect(f, 0.0, 1.0, tol)


def numeric_d_edge(c, Gamma, region: str, n: int = 4, tol=1e-13):
    r"""Numeric lower edge: bisection in d of :math:`\lambda_{\min}(c,d)` between the entangled
    top edge d = 1 and d = -1 (returns -1 if entangled at d = -1, None if not entangled at d = 1).

    Near the product-state corner c = 1, d = -1 the eigenvalue vanishes like :math:`(1+d)^2`,
    so an edge at d = -1 is resolved only to about 1e-5 there."""
    lam = lambda d: float(numeric_lambda_cd(c, d, Gamma, region, n))  # noqa: E731
    if not lam(1.0) < -_EPS:
        return None
    if lam(-1.0) < -_EPS:
        return -1.0
    return _bisect(lam, -1.0, 1.0, tol)


def numeric_corner_gamma(region: str, lo: float, hi: float, n: int = 4, tol=1e-11):
    r"""Bisection in Γ of :math:`\min_d\lambda_{\min}(c=1,d,\Gamma)` (the tongue/pocket shrinks to c = 1)."""
    lam = lambda c, d, g: numeric_lambda_cd(c, d, g, region, n)  # noqa: E731
    return _bisect(lambda g: _min_over_d(lam, 1.0, g), lo, hi, tol)


# ============================================================ CLI quantities
@lru_cache(maxsize=None)
def _closed_form_numeric():
    """Lambdified (t, a1, a, an)(Gamma_L, Gamma_R, mu, mubar) and the NN PT eigenvalues (zj, zk, t)."""
    cf = _xx_cf()
    vals = [sp.sympify(cf[k]) for k in ("t", "a1", "a", "an")]
    args = [_by_name(vals, nm) or sp.Symbol(nm) for nm in ("Gamma_L", "Gamma_R", "mu", "mubar")]
    cfn = sp.lambdify(args, vals, "math")
    nn = distance_pair_correlators(1)
    zj, zk = sp.symbols("zj zk", real=True)
    rho = pair_state_from_correlators(nn["z1"], nn["z2"], nn["xx"], nn["xy"], nn["zz"])
    evs = pt_eigenvalues_x_state(rho)
    evfn = sp.lambdify((zj, zk, T), evs, "math")
    return cfn, evfn


def _get(p, *names):
    for nm in names:
        if p.get(nm) is not None:
            return p[nm]
    return None


def _chain_params(p):
    """``(n, Gamma_L, Gamma_R, mu, mubar)`` from validated CLI parameters (gamma must be 0 here)."""
    from ..._errors import require_positive
    g = p.get("gamma") or 0
    if float(g) != 0:
        raise ParameterError("gamma", g, "gamma = 0 (dephasing is handled by the gamma > 0 quantities)")
    G = p.get("Gamma")
    GL = _get(p, "Gamma_L")
    GR = _get(p, "Gamma_R")
    if GL is None:
        GL = G
    if GR is None:
        GR = G
    if GL is None or GR is None:
        raise ParameterError("Gamma", None, "Gamma > 0 (or Gamma_L and Gamma_R)")
    GL, GR = require_positive("Gamma_L", GL), require_positive("Gamma_R", GR)
    if p.get("mu") is not None and p.get("mubar") is not None:
        mu, mub = float(p["mu"]), float(p["mubar"])
    elif p.get("c") is not None and p.get("d") is not None:
        mu, mub = float(p["c"]) + float(p["d"]), (float(p["d"]) - float(p["c"])) / 2
    else:
        raise ParameterError("c, d", (p.get("c"), p.get("d")), "both c and d (or mu and mubar) given")
    c, d = mu / 2 - mub, mu / 2 + mub
    if abs(c) > 1 + 1e-15 or abs(d) > 1 + 1e-15:
        raise ParameterError("c, d", (c, d), "|c| <= 1 and |d| <= 1")
    n = p.get("n")
    if n is None:
        raise ParameterError("n", None, "an integer n >= 2 (required: which pairs are boundary pairs depends on n)")
    n = int(n)
    if n < 2:
        raise ParameterError("n", n, "n >= 2")
    return n, GL, GR, mu, mub


def _pair_index(p, n):
    j = p.get("pair")
    j = 1 if j is None else j
    if isinstance(j, float) and j != int(j):
        raise ParameterError("pair", j, "an integer 1 <= pair <= n - 1")
    j = int(j)
    if not 1 <= j <= n - 1:
        raise ParameterError("pair", j, f"an integer 1 <= pair <= n - 1 = {n - 1}")
    return j


def lambda_min_value(p, method="exact"):
    r"""Smallest eigenvalue of the partial transpose of :math:`\rho_{j,j+1}` (``pair`` = j)."""
    n, GL, GR, mu, mub = _chain_params(p)
    j = _pair_index(p, n)
    if method == "exact":
        cfn, evfn = _closed_form_numeric()
        t, a1, a, an = cfn(GL, GR, mu, mub)

        def z(site):
            return a1 if site == 1 else (an if site == n else a)
        return float(min(evfn(z(j), z(j + 1), t)))
    if method == "numeric":
        c, d = mu / 2 - mub, mu / 2 + mub
        if n <= 7:
            return float(numeric_pair_lambda(c, d, GL, GR, j, n))
        from ...core._entanglement import lambda_min_pt
        from ._correlators import ness_correlators
        return lambda_min_pt(ness_correlators(n, GL, GR, mu, mub, 0, exact=False).pair_state(j, j + 1))
    raise ParameterError("method", method, "exact or numeric")


def _symmetric_gamma(p):
    g = p.get("gamma") or 0
    if float(g) != 0:
        raise ParameterError("gamma", g, "gamma = 0 (dephasing is handled by the gamma > 0 quantities)")
    return symmetric_coupling(p)


def symmetric_coupling(p):
    """The symmetric coupling Gamma = Gamma_L = Gamma_R > 0 from CLI parameters."""
    from ..._errors import require_positive
    G = p.get("Gamma")
    if G is None:
        GL, GR = p.get("Gamma_L"), p.get("Gamma_R")
        if GL is None or GR is None or float(GL) != float(GR):
            raise ParameterError("Gamma", (GL, GR), "a symmetric coupling Gamma = Gamma_L = Gamma_R > 0")
        G = GL
    return require_positive("Gamma", G)


def _region(p):
    r = p.get("region") or "boundary"
    if r not in ("boundary", "bulk"):
        raise ParameterError("region", r, "boundary or bulk")
    return r


def _n_numeric(p, region):
    """Chain length for the numeric thresholds: at gamma = 0 the pair states of the boundary pair
    (n >= 3) and of a bulk pair (n >= 4) do not depend on n, so n = 4 is used (fast)."""
    n = p.get("n")
    need = 3 if region == "boundary" else 4
    if n is not None and int(n) < need:
        raise ParameterError("n", n, f"n >= {need} for region={region}")
    return 4


@lru_cache(maxsize=None)
def _threshold_fns():
    cb = sp.lambdify(GAMMA, c_min_boundary(), "mpmath")
    cu = sp.lambdify(GAMMA, c_min_bulk(), "mpmath")
    db = sp.lambdify((C, GAMMA), d_edge_boundary(), "mpmath")
    du = sp.lambdify((C, GAMMA), d_edge_bulk(), "mpmath")
    return {"c-boundary": cb, "c-bulk": cu, "d-boundary": db, "d-bulk": du}


def _real_mp(v):
    v = complex(v)
    if abs(v.imag) > 1e-12 * max(1, abs(v.real)):
        return None
    return v.real


def c_min_value(p, method="exact"):
    r""":math:`c_{\min}(\Gamma)` of ``region``; None when the region has no entangled state (:math:`c_{\min}>1`)."""
    G, region = _symmetric_gamma(p), _region(p)
    if method == "exact":
        v = _real_mp(_threshold_fns()["c-" + region](G))
        return v if v is not None and v <= 1 else None
    if method == "numeric":
        return numeric_c_min(G, region, _n_numeric(p, region))
    raise ParameterError("method", method, "exact or numeric")


def edge_abscissa(p) -> float:
    """The ``c`` at which a lower edge d(c) is asked for (required, in [-1, 1])."""
    c = p.get("c")
    if c is None:
        raise ParameterError("c", None, "c in [-1, 1] (the abscissa of the edge)")
    c = float(c)
    if not -1 <= c <= 1:
        raise ParameterError("c", c, "-1 <= c <= 1")
    return c


def d_edge_value(p, method="exact"):
    r"""Lower edge :math:`d(c,\Gamma)` of the entangled region at the given c (clamped to -1);
    None when c is outside :math:`[c_{\min},1]`."""
    G, region = _symmetric_gamma(p), _region(p)
    c = edge_abscissa(p)
    if method == "exact":
        cm = c_min_value({"Gamma": G, "region": region}, "exact")
        if cm is None or c < cm:
            return None
        v = _real_mp(_threshold_fns()["d-" + region](c, G))
        return None if v is None else max(-1.0, min(1.0, v))
    if method == "numeric":
        return numeric_d_edge(c, G, region, _n_numeric(p, region))
    raise ParameterError("method", method, "exact or numeric")


def gamma_min_value(p, method="exact"):
    r""":math:`\Gamma_{\min}` of the boundary tongue (Eq. 18)."""
    if _region(p) != "boundary":
        raise ParameterError("region", p.get("region"), "boundary (the bulk has a window: Gamma-window)")
    if method == "exact":
        return float(sp.N(gamma_min_boundary(), 17))
    if method == "numeric":
        return numeric_corner_gamma("boundary", 1e-3, 1.0, _n_numeric(p, "boundary"))
    raise ParameterError("method", method, "exact or numeric")


def gamma_window_value(p, method="exact"):
    r"""Bulk window :math:`[\Gamma_-,\Gamma_+]` (Eq. 23)."""
    if _region(p) != "bulk":
        raise ParameterError("region", p.get("region"), "bulk (the boundary tongue has Gamma-min)")
    if method == "exact":
        return [float(sp.N(g, 17)) for g in gamma_window_bulk()]
    if method == "numeric":
        n = _n_numeric(p, "bulk")
        return [numeric_corner_gamma("bulk", 1e-3, 1.0, n), numeric_corner_gamma("bulk", 1.0, 50.0, n)]
    raise ParameterError("method", method, "exact or numeric")


def _latex_lambda(p):
    j = p.get("pair") or 1
    n = p.get("n")
    if j == 1:
        return r"\lambda_{\min}(\rho_{12}^{T_1})=" + sp.latex(boundary_lambda_min())
    if n is not None and j == int(n) - 1:
        return (r"\lambda_{\min}(\rho_{n-1,n}^{T_1})="
                + sp.latex(boundary_lambda_min().subs(A1, AN)))
    return r"\lambda_{\min}(\rho_{j,j+1}^{T_1})=" + sp.latex(bulk_lambda_min())


def _latex_cmin(p):
    r = _region(p)
    return r"c_{\min}(\Gamma)=" + sp.latex(c_min_boundary() if r == "boundary" else c_min_bulk())


def _latex_dedge(p):
    r = _region(p)
    return r"d(c,\Gamma)=" + sp.latex(d_edge_boundary() if r == "boundary" else d_edge_bulk())


def _latex_gmin(p):
    return r"\Gamma_{\min}=" + sp.latex(gamma_min_boundary())


def _latex_window(p):
    lo, hi = gamma_window_bulk()
    return sp.latex(lo) + r"<\Gamma<" + sp.latex(hi)


def register_quantities():
    """Add the pair and threshold quantities to ``MODELS["xx-ness"]`` (idempotent)."""
    from ...app._registry import MODELS, Param, Quantity
    from . import _correlators  # noqa: F401  (registers xx-ness)
    m = MODELS.get("xx-ness")
    if m is None:
        return False
    pair = Param("pair", "pair index j: spins (j, j+1), 1-indexed", default=1, kind="int")
    region = Param("region", "boundary (rho_12) or bulk (rho_{j,j+1})", default="boundary",
                   kind="choice", choices=("boundary", "bulk"))
    region_bulk = Param("region", "bulk (rho_{j,j+1})", default="bulk", kind="choice",
                        choices=("boundary", "bulk"))

    def neg(p, method):
        return max(0.0, -lambda_min_value(p, method))

    q = {
        "lambda-min": Quantity("lambda-min", "smallest eigenvalue of the partial transpose of the pair "
                               "(pair, pair+1) (gamma = 0: Eqs. 15/20)", lambda_min_value,
                               _latex_lambda, params=(pair,)),
        "negativity": Quantity("negativity", "negativity max(0, -lambda_min) of the pair (pair, pair+1)",
                               neg, _latex_lambda, params=(pair,)),
        "c-min": Quantity("c-min", "start c_min(Gamma) of the entangled region of the pair (region) at "
                          "Gamma_L = Gamma_R = Gamma (Eqs. 16, 22); null if none", c_min_value,
                          _latex_cmin, params=(region,)),
        "d-edge": Quantity("d-edge", "lower edge d(c, Gamma) of the entangled region at the given c "
                           "(Eqs. 17, 21); null if c < c_min", d_edge_value, _latex_dedge,
                           params=(region,)),
        "Gamma-min": Quantity("Gamma-min", "minimal symmetric coupling for an entangled boundary pair "
                              "(Eq. 18)", gamma_min_value, _latex_gmin, params=(region,)),
        "Gamma-window": Quantity("Gamma-window", "[Gamma_-, Gamma_+] with bulk entanglement (Eq. 23)",
                                 gamma_window_value, _latex_window, params=(region_bulk,)),
    }
    for name, quant in q.items():
        m.quantities[name] = quant
    return True


# ================================================= non-nearest-neighbour theorem
def positivity_certificate(F, gens):
    r"""Certificate that the polynomial ``F`` is positive on the open positive orthant.

    Greedy AM–GM search: every negative term :math:`-cM` is cancelled against two
    positive terms :math:`M_1=gA^2`, :math:`M_2=gB^2` with :math:`M=gAB`, using
    :math:`\tfrac c2 g(A-B)^2=\tfrac c2M_1-cM+\tfrac c2M_2`. Returns
    ``(remainder, squares)`` with ``F == remainder + sum(k*g*(A-B)**2)`` checked by
    expansion and ``remainder`` a polynomial with nonnegative coefficients (so
    ``F >= 0``, and ``F > 0`` if ``remainder != 0``); ``None`` if the search fails.

    >>> x, y = sp.symbols("x y", positive=True)
    >>> F = 1 + x**3*y + x*y**3 - 2*x**2*y**2
    >>> rem, sq = positivity_certificate(F, (x, y))
    >>> rem, len(sq), sp.expand(rem + sum(k*g*(u - w)**2 for k, g, u, w in sq) - F)
    (1, 1, 0)
    """
    P = sp.Poly(sp.expand(F), *gens)
    terms = {m: sp.nsimplify(c) for m, c in P.terms()}
    squares = []

    def mon(e):
        return sp.Mul(*[g ** k for g, k in zip(gens, e)])

    for mono in sorted([m for m, c in terms.items() if c < 0]):
        need = -terms[mono]
        for m1 in sorted(terms):
            if need == 0:
                break
            if terms[m1] <= 0 or m1 == mono:
                continue
            m2 = tuple(2 * e - e1 for e, e1 in zip(mono, m1))
            if any(e < 0 for e in m2) or m2 == m1 or terms.get(m2, 0) <= 0:
                continue
            g = tuple(min(a, b) for a, b in zip(m1, m2))
            A2 = [a - b for a, b in zip(m1, g)]
            B2 = [a - b for a, b in zip(m2, g)]
            if any(e % 2 for e in A2 + B2):
                continue
            amount = min(need, 2 * terms[m1], 2 * terms[m2])
            terms[m1] -= amount / 2
            terms[m2] -= amount / 2
            terms[mono] += amount
            need -= amount
            squares.append((amount / 2, mon(g), mon([e // 2 for e in A2]), mon([e // 2 for e in B2])))
        if need != 0:
            return None
    rem = sp.Add(*[c * mon(m) for m, c in terms.items() if c != 0])
    if any(c < 0 for c in terms.values()):
        return None
    check = sp.expand(F - rem - sp.Add(*[k * g * (a - b) ** 2 for k, g, a, b in squares]))
    if check != 0:
        raise ArithmeticError("certificate identity failed")
    return rem, squares


def nn_theorem(max_r: int = 4):
    r"""Proof that no pair at distance :math:`r\ge2` is entangled at γ = 0 (any :math:`\Gamma_L,\Gamma_R>0`,
    any :math:`(\mu,\bar\mu)` in the allowed rhombus, any chain length).

    Returns a list of ``(step, statement, evidence)``; raises ``ArithmeticError`` if a step fails.

    1. Wick (:func:`distance_lambda_min`): :math:`4\lambda=1+z_jz_k-\sqrt{(z_j+z_k)^2+4t^{2r}}`
       (derived for r = 2..max_r; the coherence has modulus :math:`|t|^r`). With
       :math:`|z|\le1`, :math:`\lambda\ge0\iff G\equiv(1-z_j^2)(1-z_k^2)-4t^{2r}\ge0`.
    2. Closed form: :math:`z_l=\bar\mu-\tfrac\mu2 s_l`, :math:`t=\tfrac\mu2\tau` with
       :math:`s_l,\tau` functions of :math:`\Gamma_{L,R}`; certified :math:`|s_l|\le1`, :math:`0<\tau\le\tfrac12`,
       so :math:`t^{2r}\le t^4` and it suffices to treat r = 2.
    3. At fixed :math:`m=\mu/2`, :math:`(1-z_j^2)(1-z_k^2)` is a product of four linear functions
       of :math:`p=\bar\mu`, nonnegative on the allowed interval, hence log-concave: the
       minimum of G is on the rhombus edge :math:`|p|=1-|m|`. By :math:`(m,p)\to(-m,-p)` two
       edges suffice; there :math:`G=m^2H(m)` with H a product of nonnegative
       decreasing linear factors minus :math:`4m^2\tau^4`, so :math:`H\ge H(1)=(1-s_j^2)(1-s_k^2)-4\tau^4`.
    4. :math:`(1-s_j^2)(1-s_k^2)-4\tau^4=16\Gamma_L^2\Gamma_R^2\,(P_jP_k-4\Gamma_L^2\Gamma_R^2)/D^4` and
       :math:`P_jP_k-4\Gamma_L^2\Gamma_R^2` has an AM–GM certificate for every site pair type
       (boundary–bulk, boundary–boundary, bulk–bulk, bulk–boundary).
    """
    steps = []
    zj, zk = sp.symbols("zj zk", real=True)
    for r in range(2, max_r + 1):
        lam = distance_lambda_min(r)
        P, Q = _split_sqrt(lam)
        G = sp.expand(P ** 2 - Q)
        target = sp.expand((1 - zj ** 2) * (1 - zk ** 2) - 4 * T ** (2 * r))
        if sp.expand(G - target) != 0:
            raise ArithmeticError(f"step 1 failed for r = {r}")
        steps.append((f"1.r={r}", "4*lambda = 1 + zj*zk - sqrt(...); P^2 - Q = (1-zj^2)(1-zk^2) - 4 t^(2r)",
                      sp.factor_terms(lam)))
    cf = _xx_cf()
    vals = [sp.sympify(cf[k]) for k in ("t", "a1", "a", "an")]
    GL, GR, mu, mub = (_by_name(vals, nm) for nm in ("Gamma_L", "Gamma_R", "mu", "mubar"))
    x, y = sp.symbols("x y", positive=True)
    sub = {GL: x, GR: y}
    t, a1, a, an = (v.subs(sub) for v in vals)
    # linear structure z = mubar - (mu/2) s, t = (mu/2) tau
    s = {}
    for name, z in (("1", a1), ("bulk", a), ("n", an)):
        if sp.simplify(sp.diff(z, mub) - 1) != 0 or sp.simplify(z - z.subs({mu: 0})
                                                               - mu * sp.diff(z, mu)) != 0:
            raise ArithmeticError("z_l is not affine-linear with unit mubar slope")
        s[name] = sp.factor(-2 * sp.diff(z, mu))
    tau = sp.factor(2 * sp.diff(t, mu))
    if sp.simplify(t - mu * tau / 2) != 0:
        raise ArithmeticError("t is not proportional to mu")
    Dn = sp.fraction(sp.together(tau))[1]
    # |s_l| <= 1: (1 - s)(1 + s) numerators have positive coefficients
    for name, sl in s.items():
        for sign in (1, -1):
            num, den = sp.fraction(sp.factor(1 + sign * sl))
            for f in (num, den):
                for fac, _ in sp.factor_list(f)[1]:
                    if any(c < 0 for c in sp.Poly(fac, x, y).coeffs()):
                        raise ArithmeticError(f"|s_{name}| <= 1 not certified")
        steps.append((f"2.s_{name}", f"|s_{name}| <= 1", s[name]))
    num, den = sp.fraction(sp.factor(1 - 2 * tau))
    cert = positivity_certificate(sp.expand(num * sp.sign(sp.Poly(den, x, y).LC())), (x, y))
    if cert is None:
        raise ArithmeticError("tau <= 1/2 not certified")
    steps.append(("2.tau", "0 < tau <= 1/2 (so t^2 <= 1/4 and t^(2r) <= t^4 for r >= 2)", cert))
    # step 3: identity on the rhombus edge with generic s, tau
    m, sj, sk, ta = sp.symbols("m s_j s_k tau", real=True)
    for pe, sgn in ((1 - m, 1), (1 + m, -1)):
        zjv, zkv = pe - m * sj, pe - m * sk
        G = (1 - zjv ** 2) * (1 - zkv ** 2) - 4 * (m * ta) ** 4
        mm = sgn * m
        H = ((1 + sgn * sj) * (1 + sgn * sk) * (2 - mm * (1 + sgn * sj)) * (2 - mm * (1 + sgn * sk))
             - 4 * mm ** 2 * ta ** 4)
        if sp.expand(G - mm ** 2 * H) != 0:
            raise ArithmeticError("step 3 edge identity failed")
        if sp.expand(H.subs(m, sgn) - ((1 - sj ** 2) * (1 - sk ** 2) - 4 * ta ** 4)) != 0:
            raise ArithmeticError("step 3 end-point identity failed")
    steps.append(("3", "min over the rhombus at (m, p) = (+-1, 0): G >= m^4 [(1-s_j^2)(1-s_k^2) - 4 tau^4]",
                  sp.Integer(1)))
    # step 4: certificates for each pair type
    for (nj, nk) in (("1", "bulk"), ("1", "n"), ("bulk", "bulk"), ("bulk", "n")):
        expr = sp.factor((1 - s[nj] ** 2) * (1 - s[nk] ** 2) - 4 * tau ** 4)
        num, den = sp.fraction(expr)
        # strip manifestly positive factors
        core = sp.Integer(1)
        for fac, mult in sp.factor_list(num)[1]:
            if fac.free_symbols and not (fac.is_Symbol or (fac.is_Pow and fac.base.is_Symbol)):
                core *= fac ** mult
        lc = sp.factor_list(num)[0]
        cert = positivity_certificate(sp.expand(core * sp.sign(lc)), (x, y))
        if cert is None:
            raise ArithmeticError(f"step 4 not certified for ({nj}, {nk})")
        steps.append((f"4.({nj},{nk})", "(1-s_j^2)(1-s_k^2) - 4 tau^4 > 0 for Gamma_L, Gamma_R > 0",
                      (sp.factor(core * sp.sign(lc)), cert)))
    return steps


# ================================================================== figures
def _grid(N=401):
    cs = np.linspace(-1, 1, N)
    Cg, Dg = np.meshgrid(cs, cs)
    return cs, Cg, Dg


def _sym_numeric():
    sub = symmetric_substitution()
    return {k.name: sp.lambdify((C, D, GAMMA), v, "numpy") for k, v in sub.items()}


def _plot_cd(ax, g, N=401, edges=True):
    cs, Cg, Dg = _grid(N)
    lb = lambdify_lambda("boundary")(Cg, Dg, g)
    lu = lambdify_lambda("bulk")(Cg, Dg, g)
    ax.contourf(Cg, Dg, (lb < 0).astype(float), levels=[0.5, 1.5], colors=["tab:blue"], alpha=0.45)
    ax.contourf(Cg, Dg, (lu < 0).astype(float), levels=[0.5, 1.5], colors=["tab:red"], alpha=0.6)
    if edges:
        f = _threshold_fns()
        cm = _real_mp(f["c-boundary"](g))
        if cm is not None and cm < 1:
            cc = np.linspace(cm, 1, 200)
            dd = [max(-1.0, _real_mp(f["d-boundary"](x, g)) or np.nan) for x in cc]
            ax.plot(cc, dd, "b-", lw=1.2, label=r"$d(c,\Gamma)$ boundary (derived)")
            ax.plot(-cc, -np.array(dd), "b-", lw=1.2)
        cu = _real_mp(f["c-bulk"](g))
        if cu is not None and cu < 1:
            cc = np.linspace(cu, 1, 200)
            dd = [_real_mp(f["d-bulk"](x, g)) for x in cc]
            ax.plot(cc, dd, "r-", lw=1.2, label="bulk pocket edge (derived)")
    ax.set_xlabel("$c$")
    ax.set_ylabel("$d$")
    ax.set_xlim(-1, 1)
    ax.set_ylim(-1, 1)
    ax.set_aspect("equal")


def _plot_umu(ax, g, N=401):
    cs, Cg, Dg = _grid(N)
    s = _sym_numeric()
    u = g * s["t"](Cg, Dg, g)
    mub = (Dg - Cg) / 2
    lb = lambdify_lambda("boundary")(Cg, Dg, g)
    lu = lambdify_lambda("bulk")(Cg, Dg, g)
    ax.scatter(u[lb < 0], mub[lb < 0], s=1, c="tab:blue", alpha=0.4, label=r"$\rho_{12}$ entangled")
    ax.scatter(u[lu < 0], mub[lu < 0], s=1, c="tab:red", alpha=0.6, label=r"$\rho_{j,j+1}$ entangled")
    ax.set_xlabel(r"$u=\Gamma t$")
    ax.set_ylabel(r"$\bar\mu$")


def make_figures(out, progress=lambda s: None):
    """Figs. 1, 4–9 of the paper (PNG in ``out/figures``); returns the paths."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fdir = out / "figures"
    fdir.mkdir(parents=True, exist_ok=True)
    paths = []

    def save(fig, name):
        p = fdir / f"{name}.png"
        fig.tight_layout()
        fig.savefig(p, dpi=110)
        plt.close(fig)
        paths.append(p)

    # Fig. 1: bulk <z> vs <zz>
    progress("Fig. 1")
    fig, ax = plt.subplots(figsize=(5, 4))
    z = np.linspace(-1, 1, 401)
    ax.plot(z, z ** 2, "k-", lw=2, label=r"equilibrium $T=\infty$: $\langle zz\rangle=\langle z\rangle^2$")
    s = _sym_numeric()
    for mu in (0.5, 1.0, 1.5, 2.0):
        mub = np.linspace(-(1 - mu / 2), 1 - mu / 2, 201)
        cc, dd = mu / 2 - mub, mu / 2 + mub
        a = s["a"](cc, dd, 1.0)
        t = s["t"](cc, dd, 1.0)
        ax.plot(a, a ** 2 - t ** 2, lw=1.2, label=rf"NESS $\Gamma=1$, $\mu={mu}$")
    Z, ZZ = np.meshgrid(np.linspace(-1, 1, 401), np.linspace(-0.3, 1, 401))
    t2 = Z ** 2 - ZZ
    lam = np.where(t2 >= 0, (1 + Z ** 2 - t2 - 2 * np.sqrt(np.abs(Z ** 2 + t2))) / 4, np.nan)
    ax.contourf(Z, ZZ, (lam < 0).astype(float), levels=[0.5, 1.5], colors=["tab:red"], alpha=0.25)
    ax.set_xlabel(r"$\langle\sigma^z_j\rangle$")
    ax.set_ylabel(r"$\langle\sigma^z_j\sigma^z_{j+1}\rangle$")
    ax.set_title("bulk NN pair (red: entangled, Eq. 20)", fontsize=9)
    ax.legend(fontsize=6)
    save(fig, "xx_fig1")

    for name, g in (("xx_fig4", 2.0), ("xx_fig7", 1.0)):
        progress(f"{name} (Gamma = {g})")
        fig, axs = plt.subplots(1, 2, figsize=(9, 4))
        _plot_cd(axs[0], g)
        axs[0].set_title(rf"$\Gamma_L=\Gamma_R={g:g}$: blue $\rho_{{12}}$, red bulk", fontsize=9)
        axs[0].legend(fontsize=6, loc="lower left")
        _plot_umu(axs[1], g)
        axs[1].legend(fontsize=6, markerscale=5)
        save(fig, name)

    progress("Fig. 5")
    fig, axs = plt.subplots(1, 2, figsize=(9, 4))
    f = _threshold_fns()
    gmin = float(sp.N(gamma_min_boundary()))
    gs = np.linspace(gmin, 5, 300)
    cms = [_real_mp(f["c-boundary"](g)) for g in gs]
    axs[0].plot(gs, cms, "b-")
    _, gstar, cstar = largest_tongue()
    axs[0].plot([float(gstar)], [float(cstar)], "ko", label=rf"largest tongue $\Gamma={float(gstar):.5f}$")
    axs[0].axvline(gmin, color="gray", ls=":", label=rf"$\Gamma_{{\min}}={gmin:.5f}$")
    axs[0].set_xlabel(r"$\Gamma$")
    axs[0].set_ylabel(r"$c_{\min}(\Gamma)$ (boundary pair)")
    axs[0].legend(fontsize=7)
    for g in (0.55, 0.7, 1.0, float(gstar), 2.0, 4.0):
        cm = _real_mp(f["c-boundary"](g))
        cc = np.linspace(cm, 1, 150)
        dd = [max(-1.0, _real_mp(f["d-boundary"](x, g)) or np.nan) for x in cc]
        axs[1].plot(np.r_[cc, cc[::-1]], np.r_[dd, np.ones_like(cc)], lw=1, label=rf"$\Gamma={g:.3g}$")
    axs[1].set_xlabel("$c$")
    axs[1].set_ylabel("$d$")
    axs[1].set_title("boundary tongues (derived edges)", fontsize=9)
    axs[1].legend(fontsize=6)
    save(fig, "xx_fig5")

    progress("Fig. 6")
    fig, ax = plt.subplots(figsize=(5, 4))
    g = 1.088
    cs, Cg, Dg = _grid(301)
    a = s["a"](Cg, Dg, g)
    t = s["t"](Cg, Dg, g)
    zz = a ** 2 - t ** 2
    lb = lambdify_lambda("boundary")(Cg, Dg, g)
    ax.scatter(a.ravel(), zz.ravel(), s=0.3, c="0.8")
    ax.scatter(a[lb < 0], zz[lb < 0], s=0.6, c="tab:blue", label=r"$\rho_{12}$ entangled")
    ax.plot(z, z ** 2, "k-", lw=1)
    ax.set_xlabel(r"$\langle\sigma^z\rangle$ (bulk)")
    ax.set_ylabel(r"$\langle\sigma^z\sigma^z\rangle$ (bulk)")
    ax.set_title(r"$\Gamma=1.088$: entanglement smile", fontsize=9)
    ax.legend(fontsize=7, markerscale=8)
    save(fig, "xx_fig6")

    progress("Fig. 8")
    fig, ax = plt.subplots(figsize=(5, 4))
    lo, hi = (float(x) for x in gamma_window_bulk())
    gs = np.linspace(0.3, 2.6, 400)
    cu = np.array([_real_mp(f["c-bulk"](g)) for g in gs], float)
    ax.plot(gs, cu, "r-", label=r"bulk $c_{\min}(\Gamma)$ (derived)")
    ax.axhline(1, color="k", lw=0.8)
    for v in (lo, hi):
        ax.axvline(v, color="gray", ls=":")
    ax.set_title(rf"bulk entanglement for ${lo:.5f}<\Gamma<{hi:.5f}$", fontsize=9)
    ax.set_xlabel(r"$\Gamma$")
    ax.set_ylabel(r"$c_{\min}$")
    ax.set_ylim(0.4, 1.6)
    ax.legend(fontsize=7)
    save(fig, "xx_fig8")

    progress("Fig. 9")
    fig, axs = plt.subplots(1, 2, figsize=(9, 4))
    for ax, g in zip(axs, (1.0, 1.5)):
        cs = np.linspace(0.4, 1, 301)
        Cg, Dg = np.meshgrid(cs, cs)
        lu = lambdify_lambda("bulk")(Cg, Dg, g)
        ax.contourf(Cg, Dg, (lu < 0).astype(float), levels=[0.5, 1.5], colors=["tab:red"], alpha=0.5)
        cm = _real_mp(f["c-bulk"](g))
        cc = np.linspace(cm, 1, 200)
        ax.plot(cc, [_real_mp(f["d-bulk"](x, g)) for x in cc], "k-", lw=1, label="derived edge (Eq. 21)")
        ax.set_title(rf"bulk pocket, $\Gamma={g:g}$, $c_{{\min}}={cm:.4f}$", fontsize=9)
        ax.set_xlabel("$c$")
        ax.set_ylabel("$d$")
        ax.set_aspect("equal")
        ax.legend(fontsize=7)
    save(fig, "xx_fig9")
    return paths


# ================================================================== section
def _run_section(out, progress):
    from ...app._registry import SectionResult
    numbers, latex = [], []

    def num(name, paper, derived, note=""):
        rel = None if paper is None else abs(derived - paper) / abs(paper)
        numbers.append({"name": name, "paper": paper, "derived": derived, "rel_error": rel, "note": note})

    t0 = time.perf_counter()
    progress("pair states and lambda_min")
    latex.append((r"$\lambda_{\min}$ of $\rho_{12}^{T_1}$ (Eq. 15)", sp.latex(boundary_lambda_min())))
    latex.append((r"$\lambda_{\min}$ of $\rho_{j,j+1}^{T_1}$ (Eq. 20)", sp.latex(bulk_lambda_min())))
    latex.append((r"$\lambda_{\min}$ of a distance-2 pair", sp.latex(distance_lambda_min(2))))
    progress("boundary thresholds")
    gmin = gamma_min_boundary()
    num("Gamma_min (boundary pair, Eq. 18)", 0.51058, float(sp.N(gmin)), "paper quotes ~0.511")
    _, gstar, cstar = largest_tongue()
    num("Gamma of the largest tongue", 1.08873, float(gstar), "root of a degree-12 polynomial")
    num("c_min at the largest tongue", 0.59557, float(cstar))
    latex.append((r"$c_{\min}(\Gamma)$, boundary (Eq. 16)", sp.latex(c_min_boundary())))
    latex.append((r"$d(c,\Gamma)$, boundary lower edge (Eq. 17)", sp.latex(d_edge_boundary())))
    latex.append((r"$\Gamma_{\min}$ (Eq. 18)", sp.latex(gmin)))
    f, _, _ = largest_tongue()
    latex.append((r"largest tongue: $\Gamma$ is a root of", sp.latex(f) + "=0"))
    progress("bulk thresholds")
    lo, hi = gamma_window_bulk()
    num("Gamma_- (bulk window, Eq. 23)", 0.531, float(lo))
    num("Gamma_+ (bulk window, Eq. 23)", 1.883, float(hi))
    num("bulk c_min at Gamma = 1 (Eq. 22)", 0.5621, float(sp.N(c_min_bulk().subs(GAMMA, 1))))
    latex.append((r"$d(c,\Gamma)$, bulk pocket edge (Eq. 21)", sp.latex(d_edge_bulk())))
    latex.append((r"$c_{\min}(\Gamma)$, bulk (Eq. 22)", sp.latex(c_min_bulk())))
    latex.append((r"bulk window (Eq. 23)", sp.latex(lo) + r"<\Gamma<" + sp.latex(hi)))
    progress("non-nearest-neighbour theorem")
    steps = nn_theorem(3)
    progress("figures")
    figs = make_figures(out, progress)
    return SectionResult(numbers=numbers, latex=latex, figures=[str(p) for p in figs],
                         extra={"nn_theorem_steps": [s[0] for s in steps],
                                "seconds": time.perf_counter() - t0})


def _register():
    from ...app._registry import ReproduceSection, register_section
    register_quantities()
    register_section(ReproduceSection(key="xx-sec3-boundary",
                                      title="XX chain without dephasing: pair states and thresholds "
                                            "(Znidaric Sec. III.A-C, Figs. 1, 4-9)",
                                      run=_run_section, order=50))


_register()
