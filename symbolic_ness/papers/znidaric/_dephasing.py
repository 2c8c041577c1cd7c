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
   (:func:`~symbolic_ness.papers.znidaric._chain.closed_hierarchy`). Its NESS is supported on
   a small set of strings (found from two generic float solves); the system
   restricted to it is solved in exact rationals (``flint.fmpq_mat``) and the
   **full** closed system is then checked to vanish exactly, which proves the
   restricted solution is the NESS (:func:`exact_pair_values`).
2. **Rational functions of** :math:`(\Gamma,\gamma)` **for one n.** At
   :math:`c=d=1` the value :math:`Z_n=\langle\sigma^z_m\sigma^z_{m+1}\rangle` is
   reconstructed from exact samples as :math:`P/Q` of the smallest total degree
   for which the linear interpolation problem has a one-dimensional solution
   space, then checked at fresh points (:func:`derived_pair_zz`).
3. **Closed form in n.** With the denominator normalized to constant term 1,
   every coefficient of numerator and denominator is interpolated as a
   polynomial in n over a few n of the same class (central even, central odd,
   boundary), and the result is checked exactly against further n
   (:func:`zz_closed_form`). The driving enters only through
   :math:`\langle\sigma^z\sigma^z\rangle_c\propto(c+d)^2` (checked exactly), so
   with the two-point closed form of :mod:`symbolic_ness.papers.znidaric._correlators`
   every pair quantity is a closed form in :math:`(n,\Gamma,\gamma,c,d)`.
4. **Pair state and** :math:`\lambda_{\min}`: the U(1)-invariant pair state has
   PT eigenvalues (core :func:`~symbolic_ness.core._entanglement.pt_eigenvalues`)
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
import random
import time
from fractions import Fraction

import numpy as np
import scipy.optimize as so
import scipy.sparse.linalg as spla
import sympy as sp

from ..._cache import cached
from ..._errors import ParameterError, require_int, require_nonnegative, require_positive

__all__ = ["exact_pair_values", "float_pair_values", "derived_pair_zz", "zz_closed_form",
           "pair_lambda_closed_form", "central_lambda_X", "gamma_c_closed_form",
           "gamma_window_closed_form", "lambda_min_dephasing", "c_min_dephasing",
           "d_edge_dephasing", "gamma_window_dephasing", "gamma_m_dephasing",
           "gamma_c_value", "gamma_m_value", "gamma_m_limit", "thermodynamic_limits"]

GAMMA = sp.Symbol("Gamma", positive=True)
DEPH = sp.Symbol("gamma", positive=True)
NN = sp.Symbol("n", integer=True, positive=True)
XS = sp.Symbol("X", positive=True)
CS, DS = sp.symbols("c d", real=True)

# ------------------------------------------------------------------ exact solver


def _pair_site(n: int, kind: str) -> int:
    """0-indexed left site of the pair: kind 'central' (m = n//2, 1-indexed) or 'boundary'."""
    return n // 2 - 1 if kind == "central" else 0


def _rates(Gamma, gamma, c, d):
    return {"H": 1, "L+": Gamma * (1 - c), "L-": Gamma * (1 + c), "R+": Gamma * (1 + d),
            "R-": Gamma * (1 - d), "deph": gamma / 2}


@functools.lru_cache(maxsize=16)
def _pair_system(n: int, j: int):
    """Closed hierarchy seeded by the pair (j, j+1) (0-indexed) + float blocks + NESS support."""
    from ._chain import chain_terms, closed_hierarchy
    ch = chain_terms(n, 1, 1, 0, 0, 1)
    seeds = [((j, "Z"), (j + 1, "Z")), ((j, "Z"),), ((j + 1, "Z"),), ((j, "X"), (j + 1, "Y"))]
    variables, blocks = closed_hierarchy(ch, seeds)
    N = len(variables)
    from ._chain import family_matrices
    mats, vecs = family_matrices(blocks, N)
    sup = np.zeros(N, bool)
    for pt in ((0.71, 0.13, 0.31, -0.62), (1.13, 0.071, 0.83, 0.21)):
        x = _float_solve(mats, vecs, _rates(*pt))
        sup |= np.abs(x) > 1e-11 * max(1.0, np.abs(x).max())
    return variables, blocks, mats, vecs, np.where(sup)[0]


def _float_solve(mats, vecs, r):
    A = sum(float(r[f]) * mats[f] for f in mats)
    b = sum(float(r[f]) * vecs[f] for f in vecs)
    return spla.spsolve(A.tocsc(), -b)


def float_pair_values(n, Gamma, gamma, c=1.0, d=1.0, kind="central"):
    """Float ⟨σz σz⟩, ⟨σz⟩, ⟨σz⟩, ⟨σx σy⟩ of the pair from the *full* closed hierarchy (sparse LU).

    Independent of every closed form; returns ``(zz, z1, z2, xy, residual)``.

    >>> zz, z1, z2, xy, res = float_pair_values(4, 1.0, 0.05)
    >>> round(float(zz), 12), bool(res < 1e-12)
    (-0.244739756368, True)
    """
    j = _pair_site(n, kind)
    variables, blocks, mats, vecs, _ = _pair_system(int(n), j)
    r = _rates(Gamma, gamma, c, d)
    x = _float_solve(mats, vecs, r)
    A = sum(float(r[f]) * mats[f] for f in mats)
    b = sum(float(r[f]) * vecs[f] for f in vecs)
    return float(x[0]), float(x[1]), float(x[2]), float(x[3]), float(np.linalg.norm(A @ x + b))


def exact_pair_values(n, Gamma, gamma, c=1, d=1, kind="central", verify=True):
    """Exact (``Fraction``) ``(zz, z1, z2, xy)`` of the pair at rational parameters.

    Solves the hierarchy restricted to the NESS support with ``flint.fmpq_mat``;
    with ``verify`` every equation of the full closed system is checked to vanish
    exactly (ArithmeticError otherwise).

    >>> exact_pair_values(6, Fraction(7, 10), Fraction(1, 20))[0]
    Fraction(-3647, 18093)
    """
    import flint
    j = _pair_site(n, kind)
    variables, blocks, mats, vecs, S = _pair_system(int(n), j)
    r = {k: Fraction(v) for k, v in _rates(Fraction(Gamma), Fraction(gamma), Fraction(c), Fraction(d)).items()}
    pos = {int(i): k for k, i in enumerate(S)}
    M = len(S)
    A = flint.fmpq_mat(M, M)
    b = flint.fmpq_mat(M, 1)
    for f, blk in blocks.items():
        rf = r[f]
        if rf == 0:
            continue
        for (i, col), v in blk.items():
            if i not in pos:
                continue
            q = Fraction(v) * rf
            q = flint.fmpq(q.numerator, q.denominator)
            if col < 0:
                b[pos[i], 0] -= q
            elif col in pos:
                A[pos[i], pos[col]] += q
    x = A.solve(b)
    xs = {int(S[k]): Fraction(int(x[k, 0].p), int(x[k, 0].q)) for k in range(M)}
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
            raise ArithmeticError("support-restricted solution does not solve the full hierarchy")
    return tuple(xs.get(i, Fraction(0)) for i in range(4))


# ------------------------------------------------------ rational reconstruction
def _monomials(d):
    return [(i, k - i) for k in range(d + 1) for i in range(k + 1)]


def _reconstruct(sample, gens, dmax=8, extra=4):
    """Smallest-degree P/Q in two variables through exact samples ``sample(point) -> Fraction``.

    Points are drawn deterministically; the degree is raised until the linear
    system for the coefficients has a one-dimensional null space; the result is
    then checked at 3 fresh points. Returns (expr, degree, points_used).
    """
    import flint
    rng = random.Random(12345)
    pts, vals = [], {}

    def more(k):
        while len(pts) < k:
            p = (Fraction(rng.randint(1, 40), rng.randint(1, 20)), Fraction(rng.randint(1, 30), rng.randint(20, 200)))
            if p in vals:
                continue
            vals[p] = sample(p)
            pts.append(p)

    for d in range(dmax + 1):
        ms = _monomials(d)
        m = len(ms)
        need = 2 * m + extra
        more(need)
        A = flint.fmpq_mat(need, 2 * m)
        for r, p in enumerate(pts[:need]):
            for k, (a, e) in enumerate(ms):
                mv = p[0] ** a * p[1] ** e
                w = -vals[p] * mv
                A[r, k] = flint.fmpq(mv.numerator, mv.denominator)
                A[r, m + k] = flint.fmpq(w.numerator, w.denominator)
        R, rank = A.rref()
        if rank == 2 * m:
            continue
        if rank != 2 * m - 1:
            raise ArithmeticError(f"reconstruction: nullity {2 * m - rank} at degree {d}")
        piv = []
        row = 0
        for col in range(2 * m):
            if row < rank and R[row, col] != 0:
                piv.append(col); row += 1
        free = [col for col in range(2 * m) if col not in piv][0]
        v = [sp.Integer(0)] * (2 * m)
        v[free] = sp.Integer(1)
        for i, col in enumerate(piv):
            q = R[i, free]
            v[col] = -sp.Rational(int(q.p), int(q.q))
        x, y = gens
        P = sum(v[k] * x ** a * y ** e for k, (a, e) in enumerate(ms))
        Q = sum(v[m + k] * x ** a * y ** e for k, (a, e) in enumerate(ms))
        expr = sp.cancel(P / Q)
        k0 = len(pts)
        more(k0 + 3)
        for p in pts[k0:]:
            if expr.subs({x: sp.Rational(p[0]), y: sp.Rational(p[1])}) != sp.Rational(vals[p]):
                raise ArithmeticError("reconstruction failed its check points")
        return expr, d, len(pts)
    raise ArithmeticError("reconstruction: degree bound exceeded")


@cached("xx-deph-pair-zz-v1")
def derived_pair_zz(n: int, kind: str):
    r""":math:`\langle\sigma^z\sigma^z\rangle` of the pair at :math:`c=d=1` as an exact rational
    function of :math:`(\Gamma,\gamma)` for one n (reconstructed from exact solves, checked)."""
    first = [True]

    def sample(p):
        v = exact_pair_values(n, p[0], p[1], 1, 1, kind, verify=first[0])
        first[0] = False
        return v[0]

    expr, _, _ = _reconstruct(sample, (GAMMA, DEPH))
    return sp.factor(expr)


#: chain lengths used to interpolate in n, and the lengths checked exactly afterwards
_N_FIT = {"central-even": (4, 6, 8), "central-odd": (5, 7, 9), "boundary": (4, 5, 6, 7)}
_N_CHECK = {"central-even": (10,), "central-odd": (11,), "boundary": (8, 9)}


def _kind(cls):
    return "boundary" if cls == "boundary" else "central"


def _interpolate_in_n(exprs: dict):
    """Interpolate numerator/denominator coefficients (denominator constant term 1) in n."""
    data = {}
    for n, e in exprs.items():
        num, den = sp.fraction(sp.cancel(e))
        pn, pd = sp.Poly(num, GAMMA, DEPH), sp.Poly(den, GAMMA, DEPH)
        c0 = pd.coeff_monomial(1)
        if c0 == 0:
            raise ArithmeticError("denominator without constant term")
        data[n] = ({m: c / c0 for m, c in pn.terms()}, {m: c / c0 for m, c in pd.terms()})
    out = []
    for part in (0, 1):
        monos = set().union(*[set(v[part]) for v in data.values()])
        total = 0
        for m in monos:
            pts = [(n, data[n][part].get(m, 0)) for n in sorted(data)]
            coeff = sp.factor(sp.interpolate(pts, NN))
            total += coeff * GAMMA ** m[0] * DEPH ** m[1]
        out.append(sp.expand(total))
    return out[0] / out[1]


@cached("xx-deph-zz-closed-n-v1")
def zz_closed_form(cls: str):
    r"""Closed form in n of :math:`\langle\sigma^z_m\sigma^z_{m+1}\rangle` at :math:`c=d=1`.

    ``cls``: ``"central-even"``, ``"central-odd"`` (pair :math:`m=\lfloor n/2\rfloor`)
    or ``"boundary"`` (pair 1, 2). Interpolated in n from :func:`derived_pair_zz`
    at the lengths ``_N_FIT[cls]`` and checked exactly (two rational points each)
    at the lengths ``_N_CHECK[cls]``.
    """
    kind = _kind(cls)
    exprs = {n: derived_pair_zz(n, kind) for n in _N_FIT[cls]}
    Z = sp.factor(_interpolate_in_n(exprs))
    for n in _N_CHECK[cls]:
        for p in ((Fraction(7, 10), Fraction(1, 20)), (Fraction(13, 5), Fraction(3, 7))):
            ex = exact_pair_values(n, p[0], p[1], 1, 1, kind)[0]
            if Z.subs({NN: n, GAMMA: sp.Rational(p[0]), DEPH: sp.Rational(p[1])}) != sp.Rational(ex):
                raise ArithmeticError(f"closed form in n fails at n = {n}")
    return Z


# --------------------------------------------------------- pair state closed forms
@cached("xx-deph-two-point-v1")
def _two_point():
    """Two-point closed form in n (from :mod:`._correlators`) at Gamma_L = Gamma_R = Gamma, in c, d."""
    from ._correlators import GAMMA_, GL_, GR_, MU_, MUB_, N_, J_, dephasing_two_point_closed_form
    cf = dephasing_two_point_closed_form()
    sub = {GL_: GAMMA, GR_: GAMMA, MU_: CS + DS, MUB_: (DS - CS) / 2, GAMMA_: DEPH, N_: NN}
    out = {k: sp.factor(v.subs(sub)) for k, v in cf.items() if k in ("t", "z1", "z2", "zn", "z_j")}
    out["z_j"] = sp.factor(out["z_j"].subs(J_, sp.Symbol("j")))
    return out


def _pair_z(cls):
    """(z_left, z_right, t) of the pair as closed forms in (n, Gamma, gamma, c, d)."""
    tp = _two_point()
    jsym = sp.Symbol("j")
    t = tp["t"]
    if cls == "boundary":
        return tp["z1"], tp["z2"], t
    m = NN / 2 if cls == "central-even" else (NN - 1) / 2
    return (sp.factor(tp["z_j"].subs(jsym, m)), sp.factor(tp["z_j"].subs(jsym, m + 1)), t)


@functools.lru_cache(maxsize=None)
def _pt_lambda_generic():
    r"""PT eigenvalues of the generic U(1)-invariant pair state; the one that can be negative."""
    from ...core._entanglement import pt_eigenvalues
    from ...core._operators import sigma_x, sigma_y, sigma_z
    z1, z2, Z, J = sp.symbols("z_1 z_2 Z J", real=True)
    kp, I = sp.kronecker_product, sp.eye(2)
    rho = (kp(I, I) + z1 * kp(sigma_z(), I) + z2 * kp(I, sigma_z()) + Z * kp(sigma_z(), sigma_z())
           + J * (kp(sigma_x(), sigma_y()) - kp(sigma_y(), sigma_x()))) / 4
    try:
        evs = [e for e, _ in pt_eigenvalues(rho, [0], 2)]
    except Exception:   # core pt_eigenvalues can fail on radicals in symbolic input: do it here
        from ...core._operators import partial_transpose
        evs = list(sp.Matrix(partial_transpose(rho, [0], 2)).eigenvals())
    # the candidate for negativity: the one with "- sqrt"
    neg = [e for e in evs if any(isinstance(a, sp.Pow) and a.exp == sp.S.Half for a in sp.preorder_traversal(e))
           and e.subs({z1: 0, z2: 0, Z: 0, J: sp.Rational(1, 2)}) == 0]
    others = [e for e in evs if e != neg[0]]
    return neg[0], (z1, z2, Z, J), others


def _pair_substitution(cls):
    zl, zr, t = _pair_z(cls)
    Z1 = zz_closed_form(cls)
    K = sp.factor(Z1 - (zl * zr).subs({CS: 1, DS: 1}))
    Z = zl * zr + (CS + DS) ** 2 / 4 * K
    return zl, zr, Z, -t


@cached("xx-deph-pair-lambda-v1")
def pair_lambda_closed_form(cls: str):
    r""":math:`\lambda_{\min}` of the pair's partial transpose as a closed form in
    :math:`(n,\Gamma,\gamma,c,d)` (valid for n in the class ``cls``).

    :math:`\langle\sigma^z\sigma^z\rangle=z_1z_2+\frac{(c+d)^2}{4}K` with
    :math:`K` the connected value at :math:`c=d=1` from :func:`zz_closed_form`.
    """
    lam, (z1s, z2s, Zs, Js), _ = _pt_lambda_generic()
    zl, zr, Z, J = _pair_substitution(cls)
    return lam.subs({z1s: zl, z2s: zr, Zs: Z, Js: J})


@cached("xx-deph-central-X-v1")
def central_lambda_X(parity: str = "even"):
    r"""Central-pair :math:`\lambda_{\min}` at :math:`c=d=1` as a function of
    :math:`X=\Gamma+1/\Gamma+\gamma(n-2)` and :math:`\gamma` only.

    Obtained by substituting :math:`n=2+(X-\Gamma-1/\Gamma)/\gamma`; raises if Γ
    does not drop out.
    """
    lam = pair_lambda_closed_form("central-" + parity).subs({CS: 1, DS: 1})
    lamX = sp.simplify(sp.factor(lam.subs(NN, 2 + (XS - GAMMA - 1 / GAMMA) / DEPH)))
    if GAMMA in lamX.free_symbols:
        raise ArithmeticError("Gamma does not drop out: no closed form in X")
    return sp.factor(lamX)


@cached("xx-deph-gamma-c-v1")
def gamma_c_closed_form(parity: str = "even"):
    r"""Critical dephasing :math:`\gamma_c(n,\Gamma)` of the central pair at :math:`c=d=1`:
    solve :math:`\lambda_{\min}(X)=0` for X (the root with X > 2), then for γ."""
    Xc = _critical_X(parity)
    sols = sp.solve(sp.Eq(GAMMA + 1 / GAMMA + DEPH * (NN - 2), Xc), DEPH)
    sols = [sp.simplify(s) for s in sols]
    # pick the branch that is positive for Gamma = 1, n = 10
    good = [s for s in sols if complex(s.subs({GAMMA: 1, NN: 10})).real > 0
            and abs(complex(s.subs({GAMMA: 1, NN: 10})).imag) < 1e-14]
    if len(good) != 1:
        raise ArithmeticError(f"gamma_c: {sols}")
    return sp.simplify(good[0])


@functools.lru_cache(maxsize=None)
def _critical_X(parity):
    """Root X_c > 2 of the numerator of λ_min(X) (λ < 0 iff X < X_c)."""
    lamX = central_lambda_X(parity)
    num = sp.numer(sp.together(lamX))
    roots = sp.solve(num, XS)
    good = [r for r in roots if r.subs(DEPH, sp.Rational(1, 100)).is_real
            and sp.N(r.subs(DEPH, sp.Rational(1, 100))) > 2]
    if len(good) != 1:
        raise ArithmeticError(f"critical X: {roots}")
    return sp.simplify(good[0])


@cached("xx-deph-gamma-window-v1")
def gamma_window_closed_form():
    r"""The coupling window :math:`\Gamma_-<\Gamma<\Gamma_+` (even n, c = d = 1) from
    :math:`X(\Gamma)=X_c`, as ``(Gamma_minus, Gamma_plus)``."""
    Xc = _critical_X("even")
    sols = sp.solve(sp.Eq(GAMMA + 1 / GAMMA + DEPH * (NN - 2), Xc), GAMMA)
    sols = sorted(sols, key=lambda s: float(sp.N(s.subs({DEPH: sp.Rational(1, 100), NN: 6}))))
    return tuple(sp.simplify(s) for s in sols)


# -------------------------------------------------------------- numeric evaluators
def _cls_of(n, region):
    if region == "boundary":
        return "boundary"
    return "central-even" if n % 2 == 0 else "central-odd"


@functools.lru_cache(maxsize=None)
def _lambda_fn(cls):
    """Numeric min of all four PT eigenvalues (the '-sqrt' one is the only one that can be < 0)."""
    lam = pair_lambda_closed_form(cls)
    _, syms, others = _pt_lambda_generic()
    zl, zr, Z, J = _pair_substitution(cls)
    sub = dict(zip(syms, (zl, zr, Z, J)))
    args = (NN, GAMMA, DEPH, CS, DS)
    fns = [sp.lambdify(args, e, "numpy") for e in [lam] + [o.subs(sub) for o in others]]

    def fn(*a):
        out = fns[0](*a)
        for f in fns[1:]:
            out = np.minimum(out, f(*a))
        return out
    return fn


def lambda_min_dephasing(n, Gamma, gamma, c, d, region="bulk"):
    r"""Closed-form :math:`\lambda_{\min}` of the central (``region="bulk"``) or boundary pair.

    Vectorized in ``Gamma, gamma, c, d``. (Example: ``lambda_min_dephasing(6, 1.0, 0.05, 1, 1)``
    = -0.0282828..., equal to :math:`(X^2-2X-1)/(4X(X+\gamma))` with X = 2.2.)
    """
    fn = _lambda_fn(_cls_of(int(n), region))
    with np.errstate(all="ignore"):
        return fn(float(n), np.asarray(Gamma, float), np.asarray(gamma, float),
                  np.asarray(c, float), np.asarray(d, float))


#: a pair counts as entangled when lambda_min < -ENT_TOL (the product corners c = -d = ±1 have
#: lambda_min = 0 exactly, which floats may render as -1e-17)
ENT_TOL = 1e-13


def _dom(region):
    """(c, d) domain searched: the pocket near c = d = 1 (quadrant [0, 1]^2) for the central pair
    (its mirror image near c = d = -1 is equivalent), the full square for the boundary pair."""
    return (0.0, 1.0) if region == "bulk" else (-1.0, 1.0)


def _min_over_d(f, c, lo=-1.0, hi=1.0, grid=81):
    ds = np.linspace(lo, hi, grid)
    vals = f(c, ds)
    k = int(np.argmin(vals))
    a, b = ds[max(k - 1, 0)], ds[min(k + 1, grid - 1)]
    r = so.minimize_scalar(lambda x: float(f(c, x)), bounds=(a, b), method="bounded",
                           options={"xatol": 1e-13})
    return (float(r.fun), float(r.x)) if r.fun < vals[k] else (float(vals[k]), float(ds[k]))


def c_min_dephasing(n, Gamma, gamma, region="bulk"):
    r""":math:`c_{\min}`: the smallest c for which some d gives an entangled pair
    (``brentq`` on the exact closed-form :math:`\lambda_{\min}` minimized over d; the
    central pair is searched in the pocket near c = d = 1). ``None`` if no entangled state."""
    lo, hi = _dom(region)
    f = lambda c, d: lambda_min_dephasing(n, Gamma, gamma, c, d, region)  # noqa: E731
    g = lambda c: _min_over_d(f, c, lo, hi)[0] + ENT_TOL  # noqa: E731
    # fast path: the pocket usually starts on the edge d = 1; accept the root of
    # lambda(c, 1) only if no d gives entanglement just left of it
    f1 = lambda c: float(f(c, 1.0)) + ENT_TOL  # noqa: E731
    if f1(1.0) < 0 < f1(lo):
        c1 = float(so.brentq(f1, lo, 1.0, xtol=1e-14, rtol=1e-14))
        if g(c1 - 1e-9) >= 0:
            return c1
    if g(1.0) >= 0:
        return None
    if g(lo) < 0:
        return lo
    return float(so.brentq(g, lo, 1.0, xtol=1e-14, rtol=1e-14))


def d_edge_dephasing(n, Gamma, gamma, c, region="bulk"):
    r"""Lower edge :math:`d(c)` of the entangled region at fixed c: the smallest d (in the
    searched domain) with :math:`\lambda_{\min}(c,d)<0` (``brentq`` on the exact closed form;
    clamped to the domain). ``None`` when no d gives entanglement at this c."""
    lo, hi = _dom(region)
    f = lambda d: float(lambda_min_dephasing(n, Gamma, gamma, c, d, region)) + ENT_TOL  # noqa: E731
    ds = np.linspace(lo, hi, 801)
    vals = lambda_min_dephasing(n, Gamma, gamma, c, ds, region) + ENT_TOL
    neg = np.where(vals < 0)[0]
    if len(neg) == 0:
        m, dm = _min_over_d(lambda c_, d_: lambda_min_dephasing(n, Gamma, gamma, c_, d_, region), c, lo, hi)
        if m + ENT_TOL >= 0:
            return None
        k = int(np.searchsorted(ds, dm))
        return float(so.brentq(f, ds[max(k - 1, 0)], dm, xtol=1e-14)) if k > 0 else lo
    k = neg[0]
    if k == 0:
        return lo
    return float(so.brentq(f, ds[k - 1], ds[k], xtol=1e-14, rtol=1e-14))


def _min_lambda_cd(n, Gamma, gamma, region, grid=41):
    """Minimum of lambda_min over the searched (c, d) domain (grid + L-BFGS-B polish)."""
    lo, hi = _dom(region)
    cs = np.linspace(lo, hi, grid)
    C, D = np.meshgrid(cs, cs, indexing="ij")
    vals = lambda_min_dephasing(n, Gamma, gamma, C, D, region)
    k = np.unravel_index(np.argmin(vals), vals.shape)
    x0 = np.array([C[k], D[k]])
    r = so.minimize(lambda x: float(lambda_min_dephasing(n, Gamma, gamma, x[0], x[1], region)), x0,
                    bounds=[(lo, hi), (lo, hi)], method="L-BFGS-B", options={"ftol": 1e-15, "gtol": 1e-12})
    if r.fun < vals[k]:
        return float(r.fun), (float(r.x[0]), float(r.x[1]))
    return float(vals[k]), (float(C[k]), float(D[k]))


def gamma_window_dephasing(n, gamma, exact=True):
    r"""[Γ₋, Γ₊] of the central pair. Even n with ``exact``: the derived closed form
    (c = d = 1 is the last entangled state; the tests check this against the full
    (c, d) minimum); otherwise bisection on :math:`\min_{c,d}\lambda_{\min}`. ``None`` if empty."""
    n = int(n)
    if exact and n % 2 == 0:
        lo, hi = gamma_window_closed_form()
        vals = [complex(sp.N(e.subs({NN: n, DEPH: sp.nsimplify(gamma)}), 17)) for e in (lo, hi)]
        if any(abs(v.imag) > 1e-15 for v in vals):
            return None
        return sorted(v.real for v in vals)
    h = lambda G: _min_lambda_cd(n, G, gamma, "bulk")[0] + ENT_TOL  # noqa: E731
    Gs = np.exp(np.linspace(np.log(0.05), np.log(20), 121))
    vals = np.array([float(lambda_min_dephasing(n, G, gamma, 1, 1)) for G in Gs])
    k = int(np.argmin(vals))
    if h(Gs[k]) >= 0:
        return None
    a = next((i for i in range(k, -1, -1) if h(Gs[i]) >= 0), None)
    b = next((i for i in range(k, len(Gs)) if h(Gs[i]) >= 0), None)
    lo = so.brentq(h, Gs[a], Gs[a + 1], xtol=1e-14) if a is not None else Gs[0]
    hi = so.brentq(h, Gs[b - 1], Gs[b], xtol=1e-14) if b is not None else Gs[-1]
    return [float(lo), float(hi)]


def _boundary_h(n, gamma):
    f = lambda c, d, G: lambda_min_dephasing(n, G, gamma, c, d, "boundary")  # noqa: E731
    return lambda G: _min_over_d(lambda c, d: f(c, d, G), 1.0)[0] + ENT_TOL  # noqa: E731


def gamma_m_dephasing(n, gamma, tol=1e-13):
    r""":math:`\Gamma_m(\gamma,n)`: the smallest Γ for which the boundary pair :math:`\rho_{12}`
    is entangled for some (c, d). The tongue contains c = 1, so
    :math:`h(\Gamma)=\min_d\lambda_{\min}(c{=}1,d)` is used (the tests compare with the
    full (c, d) minimum); ``brentq`` on h over Γ (numeric root finding on the exact
    closed form). ``None`` if the pair is never entangled for Γ in [0.02, 50]."""
    h = _boundary_h(n, gamma)
    Gs = np.exp(np.linspace(np.log(0.02), np.log(50), 48))
    hv = np.array([h(G) for G in Gs])
    neg = np.where(hv < 0)[0]
    if len(neg) == 0:
        return None
    k = neg[0]
    if k == 0:
        return float(Gs[0])
    return float(so.brentq(h, Gs[k - 1], Gs[k], xtol=tol, rtol=1e-14))


def gamma_c_value(p, method="exact"):
    """γ_c of the central pair at c = d = 1 (CLI ``gamma-c``; ``n``, ``Gamma``)."""
    n, G = _n_of(p, 4), _gamma_of(p)
    parity = "even" if n % 2 == 0 else "odd"
    if method == "exact":
        v = complex(sp.N(gamma_c_closed_form(parity).subs({NN: n, GAMMA: sp.nsimplify(G)}), 17))
        return v.real if v.real > 0 else None
    if method == "numeric":
        if n <= 16:     # bisection on the full closed hierarchy (independent of the closed forms)
            def f(g):
                return _lambda_dephasing_value({"n": n, "Gamma": G, "gamma": g, "c": 1.0, "d": 1.0,
                                                "region": "bulk"}, "numeric")
        else:
            def f(g):
                return float(lambda_min_dephasing(n, G, g, 1.0, 1.0))
        if f(0.0) >= 0:
            return None
        hi = 1.0
        while f(hi) < 0:
            hi *= 2
        return float(so.brentq(f, 0.0, hi, xtol=1e-15, rtol=1e-15))
    raise ParameterError("method", method, "exact or numeric")


def gamma_m_value(p, method="exact"):
    """Γ_m(γ, n) of the boundary pair (CLI ``Gamma-m``; ``n``, ``gamma``)."""
    n = _n_of(p, 4)
    g = require_positive("gamma", p.get("gamma") if p.get("gamma") is not None else -1)
    if method not in ("exact", "numeric"):
        raise ParameterError("method", method, "exact or numeric")
    return gamma_m_dephasing(n, g)


# ----------------------------------------------------------------- limits
@cached("xx-deph-limits-v1")
def thermodynamic_limits():
    r"""Limits of the closed forms for :math:`n\to\infty` (sympy ``limit``).

    ``gamma_c``: :math:`\lim\gamma_c=0`; ``lambda_central``: :math:`\lim\lambda_{\min}`
    of the central pair at fixed γ > 0 (any c, d: the value is ≥ 0, i.e. no bulk
    entanglement); ``boundary_leading``: the leading term
    :math:`\lim n^2\cdot4\lambda_{\min}(\rho_{12})` at c = 1, whose sign change is
    at Γ = 1 (so :math:`\Gamma_m\to1`).
    """
    gc = gamma_c_closed_form("even")
    lim_gc = sp.limit(gc, NN, sp.oo)
    lam_c = pair_lambda_closed_form("central-even")
    lim_lam = sp.simplify(sp.limit(lam_c, NN, sp.oo))
    lam_b = pair_lambda_closed_form("boundary").subs(CS, 1)
    lead = sp.factor(sp.simplify(sp.limit(4 * NN ** 2 * lam_b, NN, sp.oo)))
    return {"gamma_c": lim_gc, "lambda_central": lim_lam, "boundary_leading": lead}


def gamma_m_limit():
    r"""Derived :math:`\lim_{n\to\infty}\Gamma_m`: the positive Γ where the leading
    coefficient :func:`thermodynamic_limits` ``["boundary_leading"]`` (maximized over d)
    changes sign."""
    lead = thermodynamic_limits()["boundary_leading"]
    num = sp.numer(sp.factor(lead))
    cands = set()
    for fac, _ in sp.factor_list(num)[1]:
        if GAMMA in fac.free_symbols and DS not in fac.free_symbols:
            for r in sp.solve(fac, GAMMA):
                if r.is_positive:
                    cands.add(r)
    return sorted(cands, key=lambda r: float(r))


# ---------------------------------------------------------------- CLI glue
def _n_of(p, lo=4):
    n = p.get("n")
    if n is None:
        raise ParameterError("n", None, f"an integer n >= {lo} (chain length)")
    return require_int("n", n, lo)


def _gamma_of(p):
    from ._boundary_driven import symmetric_coupling
    return symmetric_coupling(p)


def _cd_of(p):
    c, d = p.get("c"), p.get("d")
    if c is None or d is None:
        mu, mub = p.get("mu"), p.get("mubar")
        if mu is not None and mub is not None:
            c, d = float(mu) / 2 - float(mub), float(mu) / 2 + float(mub)
    c = 1.0 if c is None else float(c)
    d = 1.0 if d is None else float(d)
    for name, v in (("c", c), ("d", d)):
        if not -1 <= v <= 1:
            raise ParameterError(name, v, f"-1 <= {name} <= 1")
    return c, d


def _dephasing_on(p):
    g = p.get("gamma")
    return g is not None and float(g) != 0


def _lambda_dephasing_value(p, method):
    n = _n_of(p, 4)
    G = _gamma_of(p)
    g = require_nonnegative("gamma", p.get("gamma"))
    c, d = _cd_of(p)
    region = p.get("region")
    pair = p.get("pair")
    if region is None:
        region = "boundary" if (pair is None or int(pair) == 1) else "bulk"
        if region == "bulk" and int(pair) != n // 2:
            return _lambda_pair_numeric(n, G, g, c, d, int(pair))
    if region not in ("bulk", "boundary"):
        raise ParameterError("region", region, "bulk or boundary")
    if method == "exact":
        return float(lambda_min_dephasing(n, G, g, c, d, region))
    if method == "numeric":
        if n <= 16:     # full closed hierarchy of the pair (independent of the closed forms)
            from ...core._entanglement import lambda_min_pt
            zz, z1, z2, xy, _ = float_pair_values(n, G, g, c, d, "central" if region == "bulk" else "boundary")
            return float(lambda_min_pt(_pair_state(zz, z1, z2, xy)))
        j = n // 2 if region == "bulk" else 1
        return _lambda_pair_numeric(n, G, g, c, d, j)
    raise ParameterError("method", method, "exact or numeric")


def _pair_state(zz, z1, z2, xy):
    """Numeric U(1)-invariant pair state from ⟨σzσz⟩, ⟨σz⟩, ⟨σz⟩, ⟨σxσy⟩ = -⟨σyσx⟩."""
    X = np.array([[0, 1], [1, 0]], complex)
    Y = np.array([[0, -1j], [1j, 0]])
    Z = np.diag([1.0, -1.0]).astype(complex)
    I = np.eye(2)
    return (np.kron(I, I) + z1 * np.kron(Z, I) + z2 * np.kron(I, Z) + zz * np.kron(Z, Z)
            + xy * (np.kron(X, Y) - np.kron(Y, X))) / 4


def _lambda_pair_numeric(n, G, g, c, d, j):
    """λ_min of pair (j, j+1) from the correlators of :mod:`._correlators` (numeric)."""
    from ...core._entanglement import lambda_min_pt
    from ._correlators import ness_correlators
    if not 1 <= j <= n - 1:
        raise ParameterError("pair", j, f"1 <= pair <= n - 1 = {n - 1}")
    r = ness_correlators(n, G, G, c + d, (d - c) / 2, g, exact=False)
    return float(lambda_min_pt(r.pair_state(j, j + 1)))


def _wrap(old_fn, new_fn):
    def fn(p, method):
        if _dephasing_on(p) and p.get("n") is not None:
            return new_fn(p, method)
        if _dephasing_on(p):
            raise ParameterError("n", None, "the chain length n (required with gamma > 0)")
        return old_fn(p, method)
    fn.__doc__ = getattr(new_fn, "__doc__", None)
    return fn


def _c_min_q(p, method):
    n, G, g = _n_of(p, 4), _gamma_of(p), float(p["gamma"])
    return c_min_dephasing(n, G, g, p.get("region") or "bulk")


def _d_edge_q(p, method):
    from ._boundary_driven import edge_abscissa
    n, G, g = _n_of(p, 4), _gamma_of(p), float(p["gamma"])
    c = edge_abscissa(p)
    return d_edge_dephasing(n, G, g, c, p.get("region") or "bulk")


def _window_q(p, method):
    n, g = _n_of(p, 4), float(p["gamma"])
    if (p.get("region") or "bulk") != "bulk":
        raise ParameterError("region", p.get("region"), "bulk (the boundary pair has Gamma-m)")
    return gamma_window_dephasing(n, g, exact=(method == "exact"))


def _latex_gamma_c(p):
    return r"\gamma_c=" + sp.latex(gamma_c_closed_form("even"))


def _latex_gamma_m(p):
    return (r"\Gamma_m(\gamma,n):\ \min_d\lambda_{\min}(\rho_{12};c{=}1,d)=0,\quad"
            r"\lim_{n\to\infty}\Gamma_m=" + sp.latex(gamma_m_limit()[0]))


def register_quantities():
    """Add gamma-c, Gamma-m; route gamma > 0 of lambda-min, negativity, c-min, d-edge,
    Gamma-window to this module (idempotent)."""
    from ...app._registry import MODELS, Param, Quantity
    from . import _boundary_driven, _correlators  # noqa: F401  (register xx-ness and the gamma = 0 quantities)
    m = MODELS.get("xx-ness")
    if m is None:
        return False
    if getattr(m, "_dephasing_registered", False):
        return True
    q = m.quantities
    region_opt = Param("region", "bulk (central pair n/2, n/2+1) or boundary (pair 1, 2); with gamma > 0",
                       default=None, kind="choice", choices=("boundary", "bulk"))
    for name in ("lambda-min", "negativity"):
        if name in q:
            old = q[name]
            if name == "lambda-min":
                new = _lambda_dephasing_value
            else:
                def new(p, method):
                    return max(0.0, -_lambda_dephasing_value(p, method))
            params = tuple(old.params) + (() if any(pp.name == "region" for pp in old.params) else (region_opt,))
            q[name] = Quantity(old.name, old.doc + "; gamma > 0 with n: dephasing closed forms "
                               "(region=bulk: central pair)", _wrap(old.fn, new), old.latex, old.methods, params)
    for name, new in (("c-min", _c_min_q), ("d-edge", _d_edge_q), ("Gamma-window", _window_q)):
        if name in q:
            old = q[name]
            q[name] = Quantity(old.name, old.doc + "; gamma > 0 with n: central pair with dephasing "
                               "(numeric root finding on the exact closed form)", _wrap(old.fn, new),
                               old.latex, old.methods, old.params)
    q["gamma-c"] = Quantity("gamma-c", "critical dephasing gamma_c(n, Gamma) of the central pair at c = d = 1 "
                            "(Eq. 24, derived)", gamma_c_value, _latex_gamma_c)
    q["Gamma-m"] = Quantity("Gamma-m", "minimal coupling Gamma_m(gamma, n) for an entangled boundary pair "
                            "with dephasing", gamma_m_value, _latex_gamma_m)
    m._dephasing_registered = True
    return True



# ------------------------------------------------------------------ figures and section
def window_in_u():
    r"""Γ± as functions of :math:`u=\gamma(n-2)` only: substitute :math:`\gamma=u/(n-2)` and
    check (to 25 digits at four u) that n = 7 and n = 13 give the same function (Fig. 10)."""
    u = sp.Symbol("u", nonnegative=True)
    out = []
    for e in gamma_window_closed_form():
        f = e.subs(DEPH, u / (NN - 2))
        f7, f13 = f.subs(NN, 7), f.subs(NN, 13)
        for uv in (0, sp.Rational(1, 7), sp.Rational(2, 7), sp.Rational(2, 5)):
            if abs(sp.N(f7.subs(u, uv) - f13.subs(u, uv), 30)) > 1e-25:
                raise ArithmeticError("window depends on n beyond gamma (n - 2)")
        out.append(sp.expand(sp.radsimp(f7)))
    return u, tuple(out)


def figure10(path):
    """Fig. 10: the range (25) of couplings with central-pair entanglement in the (γ(n−2), Γ) plane."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    u, (lo, hi) = window_in_u()
    umax = float(sp.N(_critical_X("even") - 2))       # Gamma + 1/Gamma >= 2
    us = np.linspace(0, umax, 400)
    flo = sp.lambdify(u, lo, "numpy")
    fhi = sp.lambdify(u, hi, "numpy")
    with np.errstate(all="ignore"):
        a, b = np.real(flo(us + 0j)), np.real(fhi(us + 0j))
    fig, ax = plt.subplots(figsize=(4.2, 3.4))
    ax.fill_between(us, a, b, color="tab:red", alpha=0.5, lw=0)
    ax.plot(us, a, "k-", lw=1)
    ax.plot(us, b, "k-", lw=1)
    ax.set_xlabel(r"$\gamma\,(n-2)$")
    ax.set_ylabel(r"$\Gamma$")
    ax.set_xlim(0, 0.45)
    ax.set_ylim(0, 2.0)
    ax.text(0.03, 1.0, r"$\Gamma_-<\Gamma<\Gamma_+$", fontsize=9)
    ax.set_title("Fig. 10: central-pair entanglement window", fontsize=9)
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)
    return path


def figure11(path, gammas=None):
    """Fig. 11 (Γ = 1, central pair): 1 − c_min versus γ for n = 6, 10, 16; the region at γ = 0.04."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    fig, (a1, a2) = plt.subplots(1, 2, figsize=(8.4, 3.6))
    data = {}
    for n, col in ((6, "tab:blue"), (10, "tab:green"), (16, "tab:red")):
        gc = gamma_c_value({"n": n, "Gamma": 1.0})
        gs = np.linspace(0.0, min(0.1, gc), 21) if gammas is None else np.asarray(gammas)
        ys = []
        for g in gs:
            cm = c_min_dephasing(n, 1.0, float(g)) if g < gc else 1.0   # c_min = 1 at gamma_c
            ys.append(np.nan if cm is None else 1 - cm)
        data[n] = (list(map(float, gs)), ys)
        a1.plot(gs, ys, "-", color=col, label=f"n={n}")
        a1.axvline(gc, color=col, ls=":", lw=0.8)
    for n in (6, 10):
        cm = c_min_dephasing(n, 1.0, 0.04)
        a1.plot([0.04], [1 - cm], "ko", ms=4)
    a1.set_xlabel(r"$\gamma$")
    a1.set_ylabel(r"$1-c_{\min}$")
    a1.set_xlim(0, 0.1)
    a1.set_ylim(0, 0.5)
    a1.legend(fontsize=8)
    cs = np.linspace(0, 1, 301)
    C, Dd = np.meshgrid(cs, cs, indexing="ij")
    for n, col in ((6, "tab:blue"), (10, "tab:green")):
        lam = lambda_min_dephasing(n, 1.0, 0.04, C, Dd)
        a2.contour(C, Dd, lam, levels=[0.0], colors=[col])
        a2.contourf(C, Dd, lam, levels=[-1, 0.0], colors=[col], alpha=0.25)
    lam0 = lambda_min_dephasing(6, 1.0, 0.0, C, Dd)
    a2.contour(C, Dd, lam0, levels=[0.0], colors=["k"], linestyles=["--"])
    a2.set_xlabel("c")
    a2.set_ylabel("d")
    a2.set_xlim(0, 1)
    a2.set_ylim(0, 1)
    a2.set_title(r"$\gamma=0.04$: n = 6 (blue), 10 (green); $\gamma=0$ dashed", fontsize=9)
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)
    return path, data


def _run_section(out, progress):
    from ...app._registry import SectionResult
    out = __import__("pathlib").Path(out)
    (out / "figures").mkdir(parents=True, exist_ok=True)
    res = SectionResult()
    t0 = time.perf_counter()
    progress("central pair: exact <zz> closed forms in n")
    Zc = zz_closed_form("central-even")
    Zb = zz_closed_form("boundary")
    Zo = zz_closed_form("central-odd")
    progress("central pair: lambda_min(X), gamma_c, Gamma_pm")
    lamX = central_lambda_X("even")
    lamXo = central_lambda_X("odd")
    gc = gamma_c_closed_form("even")
    gco = gamma_c_closed_form("odd")
    lo, hi = gamma_window_closed_form()
    for n, paper in ((6, 0.1036), (10, 0.0518), (16, 0.0296)):
        v = gamma_c_value({"n": n, "Gamma": 1.0})
        res.numbers.append({"name": f"gamma_c(n={n}, Gamma=1)", "paper": paper, "derived": v,
                            "rel_error": abs(v - paper) / paper,
                            "note": "reference value computed from Eq. (24) (not printed in the paper)"})
    progress("boundary pair: Gamma_m(gamma=0.1, n)")
    for n, ref in ((100, 0.935), (1000, 0.995)):
        v = gamma_m_dephasing(n, 0.1)
        res.numbers.append({"name": f"Gamma_m(gamma=0.1, n={n})", "paper": ref, "derived": v,
                            "rel_error": abs(v - ref) / ref,
                            "note": "reference: equation-sheet estimate (paper gives only the limit 1)"})
    progress("thermodynamic limits")
    lim = thermodynamic_limits()
    gml = gamma_m_limit()
    res.numbers.append({"name": "lim_{n->oo} Gamma_m", "paper": 1.0, "derived": float(gml[0]),
                        "rel_error": abs(float(gml[0]) - 1.0), "note": "sympy limit of the closed form"})
    res.numbers.append({"name": "lim_{n->oo} gamma_c", "paper": 0.0, "derived": float(lim["gamma_c"]),
                        "rel_error": None, "note": "sympy limit"})
    res.latex += [
        ("central <zz> at c=d=1, even n", r"\langle\sigma^z_{n/2}\sigma^z_{n/2+1}\rangle=" + sp.latex(Zc)),
        ("central <zz> at c=d=1, odd n", r"\langle\sigma^z_{m}\sigma^z_{m+1}\rangle=" + sp.latex(Zo)),
        ("boundary <zz> at c=d=1", r"\langle\sigma^z_1\sigma^z_2\rangle=" + sp.latex(Zb)),
        ("central lambda_min(X), even n", r"\lambda_{\min}=" + sp.latex(lamX)
         + r",\quad X=\Gamma+1/\Gamma+\gamma(n-2)"),
        ("central lambda_min(X), odd n", r"\lambda_{\min}=" + sp.latex(lamXo)),
        ("gamma_c (Eq. 24)", r"\gamma_c=" + sp.latex(gc)),
        ("gamma_c, odd n", r"\gamma_c=" + sp.latex(gco)),
        ("Gamma window (Eq. 25)", r"\Gamma_\pm=" + sp.latex(lo) + r",\ " + sp.latex(hi)),
        ("limits", r"\lim_{n\to\infty}\gamma_c=" + sp.latex(lim["gamma_c"])
         + r",\quad\lim_{n\to\infty}\lambda_{\min}^{\rm central}=" + sp.latex(lim["lambda_central"])
         + r",\quad\lim_{n\to\infty}4n^2\lambda_{\min}(\rho_{12})|_{c=1}=" + sp.latex(lim["boundary_leading"])),
    ]
    progress("Fig. 10")
    f10 = figure10(out / "figures" / "xx_fig10.png")
    progress("Fig. 11")
    f11, data = figure11(out / "figures" / "xx_fig11.png")
    res.figures += [f10, f11]
    res.extra["fig11_one_minus_cmin"] = {str(k): {"gamma": gs, "one_minus_cmin": [
        None if np.isnan(v) else float(v) for v in vs]} for k, (gs, vs) in data.items()}
    res.extra["seconds"] = time.perf_counter() - t0
    return res


def _register_section():
    from ...app._registry import ReproduceSection, register_section
    register_section(ReproduceSection(key="xx-sec3d-dephasing",
                                      title="XX chain with dephasing (Znidaric Sec. III.D): gamma_c, "
                                            "Gamma window, Gamma_m, Figs. 10-11",
                                      run=_run_section, order=60))


register_quantities()
_register_section()
