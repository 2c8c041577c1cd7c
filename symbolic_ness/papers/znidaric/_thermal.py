r"""Grand-canonical (thermal) entanglement of the XX chain (Žnidarič 2012, Sec. II).

Model and conventions
---------------------
.. math::

    H = \sum_j (\sigma^x_j\sigma^x_{j+1} + \sigma^y_j\sigma^y_{j+1}),\qquad
    M = \sum_j \sigma^z_j,\qquad
    \rho_G = e^{-\beta H - \phi M}/Z .

Pauli matrices without the factor 1/2; :math:`|0\rangle` is spin up
(:math:`\sigma^z=+1`). **Sign of** :math:`\langle\sigma^z\rangle`: we follow
:math:`\rho_G\propto e^{-\beta H-\phi M}` (paper Eq. 2) consistently, which gives

.. math::

    \langle\sigma^z_j\rangle = -\frac1\pi\int_0^\pi\tanh(\phi-2\beta\cos k)\,dk,\qquad
    \langle\sigma^x_j\sigma^x_{j+1}\rangle = \frac1\pi\int_0^\pi\cos k\,\tanh(\phi-2\beta\cos k)\,dk,

i.e. :math:`\langle\sigma^z\rangle=-\tanh\phi` at :math:`\beta=0` (as the paper's
":math:`\tanh\phi=-\bar\mu`" requires). The paper's printed Eq. (3) has no minus
sign in front of the first integral (it corresponds to :math:`e^{+\phi M}`, and
its Fig. 3 puts :math:`\phi>0` on the right). Entanglement depends on
:math:`\langle\sigma^z\rangle^2` only, so no entanglement result changes; in our
Fig. 3 the :math:`\phi>0` curves lie at :math:`\langle z\rangle<0`.

Allowed parameters: any real :math:`\beta` (negative temperatures are allowed:
the spectrum is bounded; :math:`\langle\sigma^z\rangle` is even and
:math:`\langle\sigma^x\sigma^x\rangle` odd in :math:`\beta`, so
:math:`\lambda_{\min}` is even in :math:`\beta` and the pair is entangled iff
:math:`|\beta|>\beta_c(\phi)`), any real :math:`\phi`, precision ``dps`` (1..300).

What is derived here (not typed in)
-----------------------------------
1. :func:`derive_free_fermion_form`: the Jordan–Wigner images of the bond
   operators are obtained by a linear fit in the two-site operator space; they give
   the hopping matrix, its Bloch symbol :math:`\varepsilon(k)=4\cos k`, the Fermi
   occupation and the two integrals (rewritten by sympy into the tanh form of Eq. 3).
   Wick's theorem then gives :math:`\langle\sigma^z\sigma^z\rangle=\langle\sigma^z\rangle^2-\langle\sigma^x\sigma^x\rangle^2`.
2. :func:`derive_pair_state`: the nearest-neighbour reduced state from the
   symmetries of :math:`\rho_G` (U(1), real matrix, bond reflection) by solving
   the linear constraints on a general two-qubit Pauli expansion.
3. :func:`derive_lambda_min`: sympy eigenvalues of its partial transpose, the
   minimal one, the threshold :math:`\lambda_{\min}=0` factorised over
   :math:`\mathbb Q(\sqrt2)`, and a cancellation-free product form used numerically.

>>> r = correlators(0.5, 0.0, dps=20)
>>> abs(r["z"]) < 1e-25, mp.nstr(r["xx"], 12)
(True, '-0.405837842566')
>>> mp.nstr(beta_c(0, dps=20), 15)
'0.516195440742913'
"""
from __future__ import annotations

import functools
import math
import time

import mpmath as mp
import numpy as np
import sympy as sp

from ..._cache import cached
from ..._errors import ParameterError, require_int, require_real
from ...core._operators import kron, partial_transpose, sigma_plus, sigma_x, sigma_y, sigma_z

__all__ = [
    "derive_free_fermion_form", "derive_pair_state", "derive_lambda_min", "derive_threshold",
    "correlators", "lambda_min", "beta_c", "T_c", "critical_curve", "beta_c_large_phi_limit",
    "correlators_array", "lambda_min_array", "ground_state_curve", "pair_state",
    "finite_chain_correlators", "correlators_numeric", "beta_c_numeric",
]

# Symbols of the problem (k momentum, beta, phi; z, xx, zz the pair correlators)
k_s = sp.Symbol("k", real=True)
beta_s = sp.Symbol("beta", real=True)
phi_s = sp.Symbol("phi", real=True)
z_s, xx_s, zz_s = sp.symbols("z xx zz", real=True)
q_s = sp.Symbol("q", nonnegative=True)  # q = 1 - z**2 (computed without cancellation)

DPS_MAX = 300
_GUARD = 10  # guard digits used internally


# ---------------------------------------------------------------------------------------------
# 1. free-fermion (Jordan-Wigner) derivation of the integrals
# ---------------------------------------------------------------------------------------------
def _jw_two_site():
    """Jordan–Wigner creation operators on two sites, occupied = spin up = |0>.

    :math:`c_0^\\dagger=\\sigma^+\\otimes1`, :math:`c_1^\\dagger=(-\\sigma^z)\\otimes\\sigma^+`.
    """
    one = sp.eye(2)
    cd = [kron(sigma_plus(), one), kron(-sigma_z(), sigma_plus())]
    c = [m.H for m in cd]
    return cd, c


def _fit_quadratic(op):
    """Write a two-site operator as a fermionic quadratic form.

    ``op = sum_ij h[i,j] c_i^† c_j + D c_0^† c_1^† + D' c_1 c_0 + e``; returns
    ``(h (2x2 Matrix), D, D', e)`` from the (unique) solution of the linear system.
    """
    cd, c = _jw_two_site()
    # anticommutation check {c_i, c_j^dag} = delta_ij
    for i in range(2):
        for j in range(2):
            ac = c[i] * cd[j] + cd[j] * c[i]
            assert ac == (sp.eye(4) if i == j else sp.zeros(4)), "JW operators do not anticommute"
    hs = sp.symbols("h00 h01 h10 h11")
    D, Dp, e = sp.symbols("D Dp e")
    form = (hs[0] * cd[0] * c[0] + hs[1] * cd[0] * c[1] + hs[2] * cd[1] * c[0] + hs[3] * cd[1] * c[1]
            + D * cd[0] * cd[1] + Dp * c[1] * c[0] + e * sp.eye(4))
    sol = sp.solve(list(form - sp.Matrix(op)), [*hs, D, Dp, e], dict=True)
    if len(sol) != 1:
        raise RuntimeError("operator is not a fermionic quadratic form")
    s = sol[0]
    h = sp.Matrix(2, 2, [s.get(x, x) for x in hs])
    return h, s.get(D, D), s.get(Dp, Dp), s.get(e, e)


@cached("xx-thermal-free-fermion-v2")
def derive_free_fermion_form():
    r"""Derive the integrals of Eq. (3) from the Jordan–Wigner form of :math:`H` and :math:`M`.

    Returns a dict of sympy expressions:

    * ``h_bond`` (hopping matrix of one bond), ``m_site`` (:math:`\sigma^z=2n-1`),
      ``xx_bond`` (:math:`\sigma^x\sigma^x` = hopping 1 + pairing terms);
    * ``epsilon`` = Bloch symbol :math:`\sum_r h_{0r}e^{ikr}=4\cos k`;
    * ``fermi`` :math:`f(k)=1/(1+e^{2\phi-4\beta\cos k})` (after :math:`k\to\pi-k`);
    * ``z_integrand``/``xx_integrand``: :math:`\langle\sigma^z\rangle=\int_0^\pi(\cdot)dk`
      and the same for :math:`\langle\sigma^x_j\sigma^x_{j+1}\rangle`;
    * ``z_tanh``/``xx_tanh``: the same integrands rewritten with tanh (Eq. 3 form);
    * ``zz_wick``: :math:`\langle\sigma^z_j\sigma^z_{j+1}\rangle` from Wick's theorem in terms of z, xx;
    * ``z_of_F``/``xx_of_F``: the integrands as functions of the occupation symbol ``F``.

    >>> d = derive_free_fermion_form()
    >>> d["epsilon"]
    4*cos(k)
    >>> d["zz_wick"]
    -xx**2 + z**2
    """
    X, Y, Zm = sigma_x(), sigma_y(), sigma_z()
    h_bond, D, Dp, e0 = _fit_quadratic(kron(X, X) + kron(Y, Y))
    assert D == 0 and Dp == 0 and h_bond[0, 0] == 0 and h_bond[1, 1] == 0
    m_site, _, _, m_const = _fit_quadratic(kron(Zm, sp.eye(2)))       # sigma^z_0 = 2 n_0 - 1
    xx_h, xx_D, xx_Dp, xx_e = _fit_quadratic(kron(X, X))              # sigma^x sigma^x
    # translation-invariant hopping h_{j,j+r}: Bloch symbol eps(k) = sum_r h_{0,r} e^{i k r}
    eps = sp.simplify((h_bond[0, 1] * sp.exp(sp.I * k_s) + h_bond[1, 0] * sp.exp(-sp.I * k_s)).rewrite(sp.cos))
    # beta*H + phi*M = sum_k (beta*eps(k) + m_site[0,0]*phi) n_k + const  ->  Fermi occupation
    f0 = 1 / (1 + sp.exp(beta_s * eps + m_site[0, 0] * phi_s))
    # <n> = (1/2pi) int_{-pi}^{pi} f0 = (1/pi) int_0^pi f0 (eps even); G = <c_j^dag c_{j+1}> likewise
    # with cos k. Substitute k -> pi - k (paper's form):
    f = f0.subs(k_s, sp.pi - k_s)
    cos_shift = sp.cos(sp.pi - k_s)  # = -cos k
    F = sp.Symbol("F")  # occupation f(k)
    z_of_F = (m_site[0, 0] * F + m_const) / sp.pi                     # <sigma^z> = 2<n> - 1
    # <sigma^x sigma^x> = xx_h[0,1] G + xx_h[1,0] G^* (pairing terms vanish: [rho_G, N] = 0), G real
    xx_of_F = (xx_h[0, 1] + xx_h[1, 0]) * cos_shift * F / sp.pi
    z_int = sp.expand(z_of_F.subs(F, f))
    xx_int = sp.expand(xx_of_F.subs(F, f))
    z_tanh = -sp.tanh(phi_s - 2 * beta_s * sp.cos(k_s)) / sp.pi
    xx_tanh = sp.cos(k_s) * sp.tanh(phi_s - 2 * beta_s * sp.cos(k_s)) / sp.pi
    # The tanh forms equal our integrands (the xx one up to the term cos(k)/pi, whose integral is 0)
    assert sp.simplify((z_int - z_tanh).rewrite(sp.exp)) == 0
    assert sp.simplify((xx_int - xx_tanh + sp.cos(k_s) / sp.pi).rewrite(sp.exp)) == 0
    # Wick: <n_j n_{j+1}> = nbar^2 - G^2 with nbar = (1+z)/2, G = xx/(xx_h01 + xx_h10)
    nbar = (1 + z_s) / 2
    G = xx_s / (xx_h[0, 1] + xx_h[1, 0])
    zz = sp.expand(m_site[0, 0] ** 2 * (nbar ** 2 - G ** 2) + 2 * m_site[0, 0] * m_const * nbar + m_const ** 2)
    return {"h_bond": h_bond, "m_site": m_site, "xx_bond": xx_h, "epsilon": eps, "fermi": f,
            "z_integrand": z_int, "xx_integrand": xx_int, "z_tanh": z_tanh, "xx_tanh": xx_tanh,
            "zz_wick": zz, "z_of_F": z_of_F, "xx_of_F": xx_of_F}


# ---------------------------------------------------------------------------------------------
# 2. nearest-neighbour pair state from symmetries, 3. lambda_min of its partial transpose
# ---------------------------------------------------------------------------------------------
@cached("xx-thermal-pair-state-v1")
def derive_pair_state():
    r"""Nearest-neighbour reduced state of :math:`\rho_G` from its symmetries.

    Start from :math:`\rho=\frac14\sum_{a,b}r_{ab}\sigma^a\otimes\sigma^b` with 15 real
    unknowns and impose (i) :math:`[\rho,\sigma^z\otimes1+1\otimes\sigma^z]=0`
    (:math:`[\rho_G,M]=0`), (ii) :math:`\rho` real (H and M are real matrices),
    (iii) :math:`\mathrm{SWAP}\,\rho\,\mathrm{SWAP}=\rho` (reflection about the bond of the
    infinite chain). The remaining unknowns are renamed z, xx, zz.

    >>> derive_pair_state()
    Matrix([
    [z/2 + zz/4 + 1/4,          0,          0,                 0],
    [               0, 1/4 - zz/4,       xx/2,                 0],
    [               0,       xx/2, 1/4 - zz/4,                 0],
    [               0,          0,          0, -z/2 + zz/4 + 1/4]])
    """
    paulis = {"0": sp.eye(2), "x": sigma_x(), "y": sigma_y(), "z": sigma_z()}
    labels = [a + b for a in "0xyz" for b in "0xyz" if a + b != "00"]
    r = {lab: sp.Symbol("r_" + lab, real=True) for lab in labels}
    rho = sp.eye(4) / 4
    for lab in labels:
        rho += r[lab] * kron(paulis[lab[0]], paulis[lab[1]]) / 4
    Mz = kron(sigma_z(), sp.eye(2)) + kron(sp.eye(2), sigma_z())
    swap = sp.Matrix([[1, 0, 0, 0], [0, 0, 1, 0], [0, 1, 0, 0], [0, 0, 0, 1]])
    eqs = list(rho * Mz - Mz * rho) + list(rho - rho.conjugate()) + list(swap * rho * swap - rho)
    eqs = [e for e in (sp.expand(x) for x in eqs) if e != 0]
    eqs = [p for e in eqs for p in (sp.re(e), sp.im(e)) if p != 0]
    sol = sp.solve(eqs, list(r.values()), dict=True)
    assert len(sol) == 1
    red = rho.subs(sol[0])
    free = sorted(red.free_symbols, key=lambda s: s.name)
    names = {sp.Symbol("r_0z", real=True): z_s, sp.Symbol("r_z0", real=True): z_s,
             sp.Symbol("r_xx", real=True): xx_s, sp.Symbol("r_yy", real=True): xx_s,
             sp.Symbol("r_zz", real=True): zz_s}
    assert set(free) <= set(names), free
    return sp.ImmutableMatrix(red.subs(names).applyfunc(sp.expand))


@cached("xx-thermal-lambda-min-v1")
def derive_lambda_min():
    r"""Eigenvalues of the partial transpose of :func:`derive_pair_state` and the minimal one.

    Returns ``{"eigenvalues": [...], "lambda_min_zz": expr(z, xx, zz),
    "lambda_min": expr(z, xx) (Wick zz substituted), "stable": expr(z, xx, q)}``,
    where ``stable`` is the same function written as
    :math:`g_-g_+/[4(1-xx^2+z^2+2\sqrt{xx^2+z^2})]` with :math:`q=1-z^2` (no
    cancellation when :math:`|z|\to1`). The minimum is the ``-sqrt`` root of the
    2x2 block: it is below :math:`(1-zz)/4` because :math:`zz=z^2-xx^2\le|z|\le\sqrt{z^2+xx^2}`.

    >>> derive_lambda_min()["lambda_min"]
    -xx**2/4 + z**2/4 - sqrt(xx**2 + z**2)/2 + 1/4
    """
    rho = derive_pair_state()
    pt = partial_transpose(sp.Matrix(rho), [1], 2)
    ev = pt.eigenvals()
    eigs = []
    for e, m in ev.items():
        eigs += [sp.simplify(e)] * m
    zz = derive_free_fermion_form()["zz_wick"]
    # the minimum: the root with -sqrt of the 2x2 block (<= (1-zz)/4 since zz <= sqrt(z^2+xx^2));
    # identified as the smallest eigenvalue at sample points of the physical region, checked at all
    samples = [{z_s: sp.Rational(3, 10), xx_s: sp.Rational(-1, 5)}, {z_s: sp.Rational(-7, 10), xx_s: sp.Rational(1, 10)},
               {z_s: 0, xx_s: sp.Rational(-1, 2)}]
    distinct = list(dict.fromkeys(eigs))
    mins = set()
    for pt in samples:
        pt = dict(pt)
        pt[zz_s] = zz.subs(pt)
        vals = [sp.N(e.subs(pt), 30) for e in distinct]
        mins.add(distinct[vals.index(min(vals))])
    assert len(mins) == 1, mins
    lam_zz = mins.pop()
    assert any(isinstance(a, sp.Pow) and a.exp == sp.Rational(1, 2) for a in sp.preorder_traversal(lam_zz))
    lam = sp.expand(lam_zz.subs(zz_s, zz))
    # stable form: rationalise A - 2 sqrt(w), factor A^2 - 4 w over Q(sqrt 2), z^2 -> 1 - q
    w = xx_s ** 2 + z_s ** 2
    A = sp.expand(4 * lam + 2 * sp.sqrt(w))
    num = sp.factor(sp.expand(A ** 2 - 4 * w).subs(z_s ** 2, 1 - q_s), extension=sp.sqrt(2))
    stable = num / (4 * (A + 2 * sp.sqrt(w)))
    return {"eigenvalues": eigs, "lambda_min_zz": lam_zz, "lambda_min": lam, "stable": stable,
            "numerator": num}


@cached("xx-thermal-threshold-v1")
def derive_threshold():
    r"""The condition :math:`\lambda_{\min}=0` as factors over :math:`\mathbb Q(\sqrt2)`.

    :math:`1-xx^2+z^2=2\sqrt{xx^2+z^2}` (left side :math:`\ge0`) squared gives a
    quartic in xx that factors into :math:`(xx^2\pm2\sqrt2\,xx+1-z^2)`. For
    :math:`\beta>0` (:math:`xx<0`) only the ``+`` factor can vanish, i.e.
    :math:`(xx+\sqrt2)^2=1+z^2` (the paper's condition).

    >>> derive_threshold()["factor"]
    xx**2 + 2*sqrt(2)*xx - z**2 + 1
    """
    lam = derive_lambda_min()["lambda_min"]
    w = xx_s ** 2 + z_s ** 2
    A = sp.expand(4 * lam + 2 * sp.sqrt(w))
    quartic = sp.expand(A ** 2 - 4 * w)
    fl = sp.factor_list(quartic, extension=sp.sqrt(2))
    factors = [f if sp.Poly(f, xx_s).LC() > 0 else sp.expand(-f) for f, _ in fl[1]]
    # the factor that vanishes for xx < 0: check at xx = -1/2, z = 0 -> pick the one with negative slope in xx
    fac = [f for f in factors if sp.diff(f, xx_s).subs({xx_s: 0, z_s: 0}) > 0]
    assert len(fac) == 1
    return {"quartic": quartic, "factors": factors, "factor": sp.expand(fac[0])}


# ---------------------------------------------------------------------------------------------
# numerics at arbitrary precision
# ---------------------------------------------------------------------------------------------
def _check_dps(dps):
    return require_int("dps", dps, 1, DPS_MAX)


@functools.lru_cache(maxsize=None)
def _mp_integrands():
    d = derive_free_fermion_form()
    f = sp.lambdify((k_s, beta_s, phi_s), d["fermi"], "mpmath")
    return f


@functools.lru_cache(maxsize=None)
def _mp_lambda_stable():
    st = derive_lambda_min()["stable"]
    return sp.lambdify((xx_s, z_s, q_s), st, "mpmath")


def _quad(fn, pts):
    """Gauss-Legendre (fast for these analytic integrands); tanh-sinh if its error estimate is poor."""
    eps = mp.mpf(10) ** (-mp.mp.dps + 3)
    v, e = mp.quad(fn, pts, method="gauss-legendre", error=True)
    if e > eps * max(1, abs(v)):
        v, e = mp.quad(fn, pts, method="tanh-sinh", error=True, maxdegree=12)
    return v, e


def _reduced_integrals(b, p, scaled=False):
    """Integrals at beta = b >= 0, phi = p >= 0 in the current mp precision.

    With ``f0 = f(k=0)`` (the maximum of the Fermi function for b >= 0) and
    ``ft = f/f0`` (O(1), so that the quadrature's absolute tolerance is also a
    relative one when f is tiny at large phi) returns ``(nt, xt, f0, err)`` if
    ``scaled`` else ``(nbar, xx, err)`` with nbar = f0 nt = (1/pi) int_0^pi f dk,
    xx = f0 xt = -(2/pi) int_0^pi cos k f dk.
    """
    f = _mp_integrands()
    f0 = f(mp.mpf(0), b, p)
    pts = [mp.mpf(0), mp.pi]
    if b > 0 and p < 2 * b:  # Fermi point inside (0, pi): split there
        pts = [mp.mpf(0), mp.acos(p / (2 * b)), mp.pi]
    n, e1 = _quad(lambda k: f(k, b, p) / f0, pts)
    x, e2 = _quad(lambda k: mp.cos(k) * f(k, b, p) / f0, pts)
    nt, xt, err = n / mp.pi, -2 * x / mp.pi, (e1 + 2 * e2) / mp.pi
    if scaled:
        return nt, xt, f0, err * f0
    return f0 * nt, f0 * xt, err * f0


def _corr_mp(beta, phi):
    """Correlators in the current precision: dict z, xx, zz, q (= 1 - z^2), error."""
    b, p = abs(mp.mpf(beta)), abs(mp.mpf(phi))
    n, xx_r, err = _reduced_integrals(b, p)
    sb = -1 if beta < 0 else 1
    sp_ = -1 if phi < 0 else 1
    z = sp_ * (2 * n - 1)                  # <sigma^z> (odd in phi)
    xx = sb * xx_r                          # <sigma^x sigma^x> (odd in beta)
    q = 4 * n * (1 - n)                     # 1 - z^2 without cancellation
    zz = z ** 2 - xx ** 2                   # Wick (derive_free_fermion_form()["zz_wick"])
    return {"z": z, "xx": xx, "zz": zz, "q": q, "error": err}


def _real_input(name, v):
    """Validate a real input; decimal strings are kept (converted exactly inside the working precision)."""
    if v is None or isinstance(v, mp.mpf):
        out = v
    elif isinstance(v, str):
        try:
            with mp.workdps(DPS_MAX + _GUARD):
                mp.mpf(v)
        except (TypeError, ValueError):
            raise ParameterError(name, v, "a real number") from None
        out = v
    else:
        out = require_real(name, v)
    if out is not None:
        with mp.workdps(DPS_MAX + _GUARD):
            if not mp.isfinite(mp.mpf(out)):
                raise ParameterError(name, v, "a finite real number")
    return out


def _validate(beta, phi, dps):
    return _real_input("beta", beta), _real_input("phi", phi), _check_dps(dps)


def correlators(beta, phi, dps: int = 15) -> dict:
    r"""Infinite-chain :math:`\langle\sigma^z\rangle`, :math:`\langle\sigma^x_j\sigma^x_{j+1}\rangle`,
    :math:`\langle\sigma^z_j\sigma^z_{j+1}\rangle` to ``dps`` digits (mpmath tanh–sinh).

    Returns ``{"z", "xx", "zz", "q", "error"}`` (mpf; ``q`` = :math:`1-z^2`,
    ``error`` the quadrature error estimate). ``beta``/``phi`` may be decimal strings.

    >>> r = correlators(0, 1, dps=30)
    >>> with mp.workdps(30):
    ...     abs(r["z"] + mp.tanh(1)) < 1e-30, abs(r["xx"]) < 1e-30
    (True, True)
    """
    beta, phi, dps = _validate(beta, phi, dps)
    with mp.workdps(dps + _GUARD):
        r = _corr_mp(mp.mpf(beta), mp.mpf(phi))
    with mp.workdps(dps):
        return {key: +v for key, v in r.items()}


def pair_state(beta, phi, dps: int = 15):
    """The nearest-neighbour pair state (numpy 4x4) of the infinite chain.

    >>> np.allclose(pair_state(0, 0).trace(), 1)
    True
    """
    r = correlators(beta, phi, dps)
    m = derive_pair_state().subs({z_s: float(r["z"]), xx_s: float(r["xx"]), zz_s: float(r["zz"])})
    return np.array(m.evalf(), dtype=float)


def _lambda_from(r):
    return _mp_lambda_stable()(r["xx"], r["z"], r["q"])


def lambda_min(beta, phi, dps: int = 15):
    r"""Minimal eigenvalue of the partial transpose of the nearest-neighbour pair state.

    Evaluated with the cancellation-free form of :func:`derive_lambda_min` (equal to Eq. 4).

    >>> mp.nstr(lambda_min(0, 0), 5)
    '0.25'
    """
    beta, phi, dps = _validate(beta, phi, dps)
    with mp.workdps(dps + _GUARD):
        lam = _lambda_from(_corr_mp(mp.mpf(beta), mp.mpf(phi)))
    with mp.workdps(dps):
        return +lam


def _threshold_scaled(b, p):
    """Vanishing threshold factor / (4 nbar) (nbar > 0): same sign as lambda_min, O(1) at any phi."""
    nt, xt, f0, _ = _reduced_integrals(b, p, scaled=True)
    # g = xx^2 + 2 sqrt2 xx + q with xx = f0 xt, q = 4 nbar (1 - nbar), nbar = f0 nt
    return (f0 * xt ** 2 + 2 * mp.sqrt(2) * xt + 4 * nt * (1 - f0 * nt)) / (4 * nt)


def _threshold_scaled_np(b, p, nodes=512):
    """Double-precision version of :func:`_threshold_scaled` (midpoint rule, scaled integrand)."""
    k = (np.arange(nodes) + 0.5) * np.pi / nodes
    u = 2 * p - 4 * b * np.cos(k)
    u0 = 2 * p - 4 * b
    # ft = f/f0 = (1 + e^{u0}) / (1 + e^{u}), evaluated stably
    ft = np.exp(np.logaddexp(0, u0) - np.logaddexp(0, u))
    f0 = np.exp(-np.logaddexp(0, u0))
    nt = ft.mean()
    xt = -2 * (np.cos(k) * ft).mean()
    return (f0 * xt ** 2 + 2 * np.sqrt(2) * xt + 4 * nt * (1 - f0 * nt)) / (4 * nt)


def _secant(F, x0, x1, tol, maxiter=60):
    """Secant iteration; returns once a step is below ``tol`` (the returned iterate is then
    much more accurate than the step, the convergence being superlinear) or when steps
    start growing (noise level of F reached)."""
    f0, f1 = F(x0), F(x1)
    prev = None
    for _ in range(maxiter):
        if f1 == 0 or f1 == f0:
            return x1
        x2 = x1 - f1 * (x1 - x0) / (f1 - f0)
        step = abs(x2 - x1)
        if prev is not None and step > prev:
            return x1
        x0, f0, x1 = x1, f1, x2
        if step < tol:
            return x1
        f1 = F(x1)
        prev = step
    raise RuntimeError("secant iteration for beta_c did not converge")


def beta_c(phi, dps: int = 15):
    r"""Critical :math:`\beta_c(\phi)>0` with :math:`\lambda_{\min}=0` (entangled iff :math:`|\beta|>\beta_c`).

    Root of the derived threshold factor (:func:`derive_threshold`) divided by
    :math:`4\bar n`: a double-precision bracketing root (scipy ``brentq`` on a
    midpoint-rule quadrature) seeds an mpmath secant iteration at ``dps`` + 10
    digits. Even in :math:`\phi`. The value is returned rounded to ``dps`` digits.

    >>> mp.nstr(beta_c(4, dps=15), 10)
    '0.5145573644'
    """
    from scipy.optimize import brentq
    _, phi, dps = _validate(None, phi, dps)
    p = abs(float(mp.mpf(phi)))
    lo, hi = 0.25, 1.0
    while _threshold_scaled_np(hi, p) > 0:
        hi *= 2
        if hi > 64:
            raise RuntimeError("no sign change of lambda_min found")
    while _threshold_scaled_np(lo, p) < 0:
        lo /= 2
    x0 = brentq(lambda b: _threshold_scaled_np(b, p), lo, hi, xtol=1e-15, rtol=1e-15)
    work = dps + _GUARD
    with mp.workdps(work):
        pm = abs(mp.mpf(phi))
        x = _secant(lambda b: _threshold_scaled(b, pm), mp.mpf(x0), mp.mpf(x0) * (1 + mp.mpf(10) ** -9),
                    mp.mpf(10) ** (-(dps + 3)))
    with mp.workdps(dps):
        return +x


def T_c(phi, dps: int = 15):
    """Critical temperature :math:`1/\\beta_c(\\phi)`."""
    b = beta_c(phi, dps + _GUARD)
    with mp.workdps(dps):
        return 1 / b


def critical_curve(phis, dps: int = 15) -> list:
    """[(phi, beta_c, T_c)] on a grid of phi (the critical curve T_c(phi))."""
    out = []
    for p in phis:
        b = beta_c(p, dps)
        out.append((p, b, 1 / b))
    return out


def beta_c_large_phi_limit(dps: int = 15):
    r""":math:`\lim_{\phi\to\infty}\beta_c`: root of :math:`I_1(4\beta)/I_0(4\beta)=1/\sqrt2`.

    For large :math:`\phi` the occupation is :math:`f\simeq e^{-2\phi}e^{4\beta\cos k}`, so
    :math:`\bar n\simeq e^{-2\phi}I_0(4\beta)`, :math:`xx\simeq-2e^{-2\phi}I_1(4\beta)`,
    :math:`1-z^2\simeq4\bar n`, and the threshold factor
    :math:`xx^2+2\sqrt2\,xx+1-z^2\simeq4e^{-2\phi}[I_0-\sqrt2 I_1]` vanishes at this root.

    >>> mp.nstr(beta_c_large_phi_limit(), 12)
    '0.514553848977'
    """
    dps = _check_dps(dps)
    with mp.workdps(dps + _GUARD):
        x = mp.findroot(lambda b: mp.besseli(1, 4 * b) / mp.besseli(0, 4 * b) - 1 / mp.sqrt(2), mp.mpf("0.5"))
    with mp.workdps(dps):
        return +x


# ---------------------------------------------------------------------------------------------
# vectorized double-precision evaluation (figures)
# ---------------------------------------------------------------------------------------------
def correlators_array(beta, phi, nodes: int | None = None):
    r"""Vectorized (numpy) z, xx for arrays of beta, phi (midpoint rule on the periodic integrand).

    The integrands are even and :math:`2\pi`-periodic, so the midpoint rule converges
    exponentially; ``nodes`` defaults to ``max(256, 40*max|beta|)``.

    >>> z, xx = correlators_array(0.5, 0.0)
    >>> round(float(xx), 12)
    -0.405837842566
    """
    from scipy.special import expit
    beta = np.asarray(beta, dtype=float)
    phi = np.asarray(phi, dtype=float)
    if nodes is None:
        nodes = int(max(256, 40 * float(np.max(np.abs(beta))) if beta.size else 256))
    k = (np.arange(nodes) + 0.5) * np.pi / nodes
    B, P = np.broadcast_arrays(beta, phi)
    u = 2 * P[..., None] - 4 * B[..., None] * np.cos(k)
    f = expit(-u)                                    # 1/(1+e^u)
    n = f.mean(axis=-1)
    xx = -2 * (np.cos(k) * f).mean(axis=-1)
    return 2 * n - 1, xx


@functools.lru_cache(maxsize=None)
def _np_lambda():
    return sp.lambdify((xx_s, z_s), derive_lambda_min()["lambda_min"], "numpy")


def lambda_min_array(beta, phi, nodes: int | None = None):
    """Vectorized lambda_min (double precision) from :func:`correlators_array`."""
    z, xx = correlators_array(beta, phi, nodes)
    return _np_lambda()(xx, z)


def ground_state_curve(kF):
    r""":math:`T=0` limit (Fermi sea with Fermi momentum :math:`k_F`): returns (z, xx).

    :math:`f\to\Theta(k_F-k)` in the derived integrands: :math:`z=2k_F/\pi-1`,
    :math:`xx=-2\sin k_F/\pi` (from sympy integration of the derived integrands).
    """
    zf, xf = _ground_state_exprs()
    kF = np.asarray(kF, dtype=float)
    return zf(kF), xf(kF)


@functools.lru_cache(maxsize=None)
def _ground_state_exprs():
    d = derive_free_fermion_form()
    kF = sp.Symbol("k_F", positive=True)
    F = sp.Symbol("F")
    # T = 0 (beta -> oo at fixed phi/beta): the occupation is 1 on [0, kF] and 0 beyond
    z = sp.integrate(d["z_of_F"].subs(F, 1), (k_s, 0, kF)) + sp.integrate(d["z_of_F"].subs(F, 0), (k_s, kF, sp.pi))
    x = sp.integrate(d["xx_of_F"].subs(F, 1), (k_s, 0, kF)) + sp.integrate(d["xx_of_F"].subs(F, 0), (k_s, kF, sp.pi))
    return sp.lambdify(kF, sp.simplify(z), "numpy"), sp.lambdify(kF, sp.simplify(x), "numpy")


# ---------------------------------------------------------------------------------------------
# double-precision reference path (method="numeric"): scipy quad + numeric PT eigenvalues
# ---------------------------------------------------------------------------------------------
def correlators_numeric(beta, phi) -> dict:
    """z, xx, zz from scipy ``quad`` of the tanh form of Eq. (3) (sign convention above)."""
    from scipy.integrate import quad
    beta = require_real("beta", beta)
    phi = require_real("phi", phi)
    z = -quad(lambda k: math.tanh(phi - 2 * beta * math.cos(k)), 0, math.pi, epsabs=1e-13, epsrel=1e-13, limit=200)[0] / math.pi
    xx = quad(lambda k: math.cos(k) * math.tanh(phi - 2 * beta * math.cos(k)), 0, math.pi,
              epsabs=1e-13, epsrel=1e-13, limit=200)[0] / math.pi
    return {"z": z, "xx": xx, "zz": z * z - xx * xx}


def _pair_numeric(z, xx, zz):
    return np.array([[1 + 2 * z + zz, 0, 0, 0], [0, 1 - zz, 2 * xx, 0],
                     [0, 2 * xx, 1 - zz, 0], [0, 0, 0, 1 - 2 * z + zz]], dtype=float) / 4


def lambda_min_numeric(beta, phi) -> float:
    """Smallest eigenvalue of the numeric partial transpose (numpy) with scipy-quad correlators."""
    r = correlators_numeric(beta, phi)
    rho = _pair_numeric(r["z"], r["xx"], r["zz"])
    return float(np.linalg.eigvalsh(partial_transpose(rho, [1], 2)).min())


def beta_c_numeric(phi) -> float:
    """Baseline: scipy ``brentq`` on :func:`lambda_min_numeric` (double precision)."""
    from scipy.optimize import brentq
    phi = require_real("phi", phi)
    return brentq(lambda b: lambda_min_numeric(b, phi), 0.25, 1.0, xtol=1e-15, rtol=1e-15)


# ---------------------------------------------------------------------------------------------
# finite open chains: free fermions (any n) and exact diagonalisation (n <= 12)
# ---------------------------------------------------------------------------------------------
@functools.lru_cache(maxsize=None)
def _numpy_openblas():
    """numpy's bundled OpenBLAS (ctypes handle) or None."""
    import ctypes
    import glob
    import os
    libdir = os.path.join(os.path.dirname(os.path.dirname(np.__file__)), "numpy.libs")
    for path in glob.glob(os.path.join(libdir, "*openblas*.so*")):
        try:
            lib = ctypes.CDLL(path)
            lib.scipy_openblas_get_num_threads64_.restype = ctypes.c_int
            return lib
        except (OSError, AttributeError):
            continue
    return None


class _single_thread_blas:
    """Best effort: run numpy's OpenBLAS single-threaded (small dense eigh calls are much
    slower multi-threaded on a loaded machine)."""

    def __enter__(self):
        self.lib, self.old = _numpy_openblas(), None
        if self.lib is not None:
            try:
                self.old = self.lib.scipy_openblas_get_num_threads64_()
                self.lib.scipy_openblas_set_num_threads64_(1)
            except AttributeError:
                self.lib = None
        return self

    def __exit__(self, *exc):
        if self.lib is not None and self.old is not None:
            self.lib.scipy_openblas_set_num_threads64_(self.old)
        return False


def _ff_correlation_matrix(n, beta, phi):
    d = derive_free_fermion_form()
    h = np.zeros((n, n))
    t = float(d["h_bond"][0, 1])
    for j in range(n - 1):
        h[j, j + 1] = h[j + 1, j] = t
    A = beta * h + float(d["m_site"][0, 0]) * phi * np.eye(n)
    from scipy.special import expit
    with _single_thread_blas():
        e, V = np.linalg.eigh(A)
        C = (V * expit(-e)) @ V.T          # C_ij = <c_i^dag c_j> (real symmetric)
    return C


def _ed_correlators(n, beta, phi, bond):
    """Exact diagonalisation in magnetisation sectors (no Jordan-Wigner)."""
    import scipy.sparse as sps
    dim = 2 ** n
    idx = np.arange(dim)
    bits = (idx[:, None] >> (n - 1 - np.arange(n))[None, :]) & 1   # bit 0 = spin up
    sz = 1 - 2 * bits                                              # sigma^z eigenvalues
    m = sz.sum(axis=1)
    # hopping part: sigma^x sigma^x + sigma^y sigma^y = 2 (s+ s- + s- s+) flips antiparallel pairs
    rows, cols = [], []
    for j in range(n - 1):
        mask = (1 << (n - 1 - j)) | (1 << (n - 2 - j))
        anti = bits[:, j] != bits[:, j + 1]
        rows.append(idx[anti])
        cols.append(idx[anti] ^ mask)
    H = sps.csr_matrix((2.0 * np.ones(sum(len(r) for r in rows)), (np.concatenate(rows), np.concatenate(cols))),
                       shape=(dim, dim))
    j = bond
    mask = (1 << (n - 1 - j)) | (1 << (n - 2 - j))
    anti = idx[bits[:, j] != bits[:, j + 1]]
    XX = sps.csr_matrix((np.ones(len(anti)), (anti, anti ^ mask)), shape=(dim, dim))  # U(1) part of sx sx
    Zj, Zj1 = sz[:, j].astype(float), sz[:, j + 1].astype(float)
    # Boltzmann weights per sector; shift by the minimum exponent to avoid overflow
    blocks = []
    for mval in np.unique(m):
        sel = idx[m == mval]
        Hs = H[sel][:, sel].toarray()
        with _single_thread_blas():
            e, V = np.linalg.eigh(Hs)
        blocks.append((sel, e, V, mval))
    expo = [-beta * e - phi * mval for sel, e, V, mval in blocks]
    shift = max(x.max() for x in expo)
    Zsum = zt = xt = zzt = 0.0
    for (sel, e, V, mval), ex in zip(blocks, expo):
        w = np.exp(ex - shift)
        P = (V ** 2) @ w                       # diagonal of V diag(w) V^T in the product basis
        rho_s = (V * w) @ V.T
        Zsum += w.sum()
        zt += P @ Zj[sel]
        zzt += P @ (Zj[sel] * Zj1[sel])
        xt += np.sum(rho_s * XX[sel][:, sel].toarray())
    return {"z": zt / Zsum, "xx": xt / Zsum, "zz": zzt / Zsum}


def finite_chain_correlators(n: int, beta, phi, method: str = "free-fermion", bond: int | None = None) -> dict:
    r"""Central-bond correlators of the open chain of ``n`` spins in :math:`\rho_G`.

    ``bond`` (0-indexed, spins ``bond``, ``bond+1``) defaults to the central bond
    ``n//2 - 1``; ``z`` is :math:`\langle\sigma^z_{\rm bond}\rangle`.
    ``method="free-fermion"`` (Jordan–Wigner correlation matrix, any n; zz by Wick)
    or ``"ed"`` (exact diagonalisation in magnetisation sectors, n <= 12).

    >>> r = finite_chain_correlators(8, 0.5, 0.3, method="ed")
    >>> s = finite_chain_correlators(8, 0.5, 0.3)
    >>> all(abs(r[q] - s[q]) < 1e-12 for q in ("z", "xx", "zz"))
    True
    """
    n = require_int("n", n, 2, 12 if method == "ed" else 100000)
    beta = require_real("beta", beta)
    phi = require_real("phi", phi)
    bond = n // 2 - 1 if bond is None else require_int("bond", bond, 0, n - 2)
    if method == "ed":
        with _single_thread_blas():
            return _ed_correlators(n, beta, phi, bond)
    if method != "free-fermion":
        raise ParameterError("method", method, "'free-fermion' or 'ed'")
    C = _ff_correlation_matrix(n, beta, phi)
    j = bond
    z1, z2 = 2 * C[j, j] - 1, 2 * C[j + 1, j + 1] - 1
    G = C[j, j + 1]
    # <sigma^x sigma^x> = 2 Re G; zz = <(2n_j - 1)(2n_{j+1} - 1)> with Wick
    return {"z": z1, "xx": 2 * G, "zz": z1 * z2 - 4 * G * G}


# ---------------------------------------------------------------------------------------------
# catalogue: CLI model and reproduce section
# ---------------------------------------------------------------------------------------------
def _out(x, dps):
    """Float when dps <= 15, else a decimal string with dps significant digits."""
    return float(x) if dps <= 15 else mp.nstr(x, dps)


def _need_beta(p):
    if p.get("beta") is None:
        raise ParameterError("beta", None, "beta must be given (any real number; --set beta=VALUE)")
    return p["beta"]


def _q_correlators(p, method):
    beta = _need_beta(p)
    if method == "numeric":
        return correlators_numeric(beta, p["phi"])
    r = correlators(beta, p["phi"], p["dps"])
    return {key: _out(r[key], p["dps"]) for key in ("z", "xx", "zz")}


def _q_lambda_min(p, method):
    beta = _need_beta(p)
    if method == "numeric":
        return lambda_min_numeric(beta, p["phi"])
    return _out(lambda_min(beta, p["phi"], p["dps"]), p["dps"])


def _q_beta_c(p, method):
    if method == "numeric":
        return beta_c_numeric(p["phi"])
    return _out(beta_c(p["phi"], p["dps"]), p["dps"])


def _q_T_c(p, method):
    if method == "numeric":
        return 1 / beta_c_numeric(p["phi"])
    return _out(T_c(p["phi"], p["dps"]), p["dps"])


def _q_pair_state(p, method):
    beta = _need_beta(p)
    if method == "numeric":
        r = correlators_numeric(beta, p["phi"])
        return _pair_numeric(r["z"], r["xx"], r["zz"]).tolist()
    return pair_state(beta, p["phi"], p["dps"]).tolist()


_TEX_NAMES = {z_s: r"\langle\sigma^z_j\rangle", xx_s: r"\langle\sigma^x_j\sigma^x_{j+1}\rangle",
              zz_s: r"\langle\sigma^z_j\sigma^z_{j+1}\rangle"}


def _tex(expr):
    return sp.latex(expr, symbol_names=_TEX_NAMES)


def _latex_lambda(p=None):
    """Derived lambda_min in terms of the correlators (Eq. 4)."""
    return r"\lambda^{PT}_{\min}=" + _tex(derive_lambda_min()["lambda_min"])


def _latex_integrals(p=None):
    """Derived integrals (Fermi-function form = tanh form, asserted equal in the derivation) and Wick's zz."""
    d = derive_free_fermion_form()
    u = sp.UnevaluatedExpr(phi_s - 2 * beta_s * sp.cos(k_s))
    zt = -sp.Integral(sp.tanh(u), (k_s, 0, sp.pi)) / sp.pi
    xt = sp.Integral(sp.cos(k_s) * sp.tanh(u), (k_s, 0, sp.pi)) / sp.pi
    return (_TEX_NAMES[z_s] + "=" + sp.latex(sp.Integral(d["z_integrand"], (k_s, 0, sp.pi))) + "=" + sp.latex(zt)
            + r",\quad " + _TEX_NAMES[xx_s] + "=" + sp.latex(sp.Integral(d["xx_integrand"], (k_s, 0, sp.pi)))
            + "=" + sp.latex(xt) + r",\quad " + _TEX_NAMES[zz_s] + "=" + _tex(d["zz_wick"]))


def _latex_threshold(p=None):
    """Derived threshold factor (lambda_min = 0 for beta > 0)."""
    return _tex(sp.Eq(derive_threshold()["factor"], 0))


def _derive_steps(p):
    steps = []
    t = time.perf_counter()
    d = derive_free_fermion_form()
    steps.append(("Jordan-Wigner / free fermions",
                  f"h_bond = {d['h_bond'].tolist()}, eps(k) = {d['epsilon']}, f(k) = {d['fermi']}\n"
                  f"<z> = int_0^pi {d['z_integrand']} dk,  <xx> = int_0^pi {d['xx_integrand']} dk\n"
                  f"Wick: <zz> = {d['zz_wick']}", time.perf_counter() - t))
    t = time.perf_counter()
    rho = derive_pair_state()
    steps.append(("pair state from symmetries", str(rho.tolist()), time.perf_counter() - t))
    t = time.perf_counter()
    L = derive_lambda_min()
    steps.append(("partial transpose eigenvalues", f"{L['eigenvalues']}\nlambda_min = {L['lambda_min']}",
                  time.perf_counter() - t))
    t = time.perf_counter()
    th = derive_threshold()
    steps.append(("threshold lambda_min = 0", f"factors over Q(sqrt 2): {th['factors']}; vanishing factor {th['factor']}",
                  time.perf_counter() - t))
    t = time.perf_counter()
    bc = beta_c(p.get("phi", 0.0), p.get("dps", 15))
    steps.append(("beta_c", f"beta_c(phi={p.get('phi', 0.0)}) = {mp.nstr(bc, p.get('dps', 15))}", time.perf_counter() - t))
    return steps


def _register():
    from ...app._registry import CatalogModel, Param, Quantity, ReproduceSection, register_model, register_section

    def _chk_dps(v):
        return _check_dps(v)

    params = [
        Param("beta", "inverse temperature (any real; beta < 0 = negative temperature); not used by beta-c/T-c",
              default=None, kind="real"),
        Param("phi", "chemical potential phi in exp(-beta H - phi M)", default=0.0, kind="real"),
        Param("dps", "decimal digits of the mpmath evaluation (1..300; > 15 returns strings)", default=15,
              kind="int", check=_chk_dps),
    ]
    lam_q = Quantity("lambda-min", "minimal eigenvalue of the partial transpose of the nearest-neighbour pair state",
                     fn=_q_lambda_min, latex=_latex_lambda)
    corr_q = Quantity("correlators", "{'z': <sz_j>, 'xx': <sx_j sx_j+1>, 'zz': <sz_j sz_j+1>} (infinite chain)",
                      fn=_q_correlators, latex=_latex_integrals)
    bc_q = Quantity("beta-c", "critical beta_c(phi) > 0 where lambda-min = 0 (entangled iff |beta| > beta_c)",
                    fn=_q_beta_c, latex=_latex_threshold)
    tc_q = Quantity("T-c", "critical temperature 1/beta_c(phi)", fn=_q_T_c, latex=_latex_threshold)
    ps_q = Quantity("pair-state", "nearest-neighbour 2-spin reduced state (4x4, basis |00>,|01>,|10>,|11>)",
                    fn=_q_pair_state, latex=lambda p: _tex(derive_pair_state()))
    register_model(CatalogModel(
        name="xx-thermal",
        doc="Infinite XX chain in the grand-canonical state exp(-beta H - phi M)/Z (Znidaric 2012, Sec. II)",
        params=params,
        quantities={"lambda-min": lam_q, "correlators": corr_q, "beta-c": bc_q, "T-c": tc_q, "pair-state": ps_q},
        derive=_derive_steps))
    register_section(ReproduceSection(key="xx-sec2-thermal",
                                      title="XX chain: thermal (grand-canonical) entanglement (Znidaric Sec. II)",
                                      run=run_section, order=40))


# ---------------------------------------------------------------------------------------------
# figures and reproduce section
# ---------------------------------------------------------------------------------------------
def figure2(path, phi=0.0):
    """Fig. 2: lambda_min versus T at phi (default 0)."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    T = np.linspace(0.02, 6, 600)
    lam = lambda_min_array(1 / T, phi)
    Tc = float(T_c(phi))
    fig, ax = plt.subplots(figsize=(5, 3.6))
    ax.plot(T, lam, "k-", label=rf"$\phi={phi:g}$")
    ax.axhline(0, color="gray", lw=0.8)
    ax.axvline(Tc, color="r", ls="--", lw=1, label=rf"$T_c={Tc:.4f}$")
    ax.set_xlabel(r"$T=1/\beta$")
    ax.set_ylabel(r"$\lambda^{PT}_{\min}$")
    ax.set_title(r"XX chain, grand-canonical $\rho_{j,j+1}$")
    ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)
    return path


def figure3(path):
    """Fig. 3: iso-T and iso-phi curves in the (<z>, <E> = 2<xx>) plane, NESS line, entangled region."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    fig, ax = plt.subplots(figsize=(6, 4.6))
    # entangled region (lambda_min < 0) inside the physical region (above the T = 0 curve)
    zg = np.linspace(-1, 1, 401)
    Eg = np.linspace(-4 / np.pi, 0, 401)
    Zg, EG = np.meshgrid(zg, Eg)
    lam = _np_lambda()(EG / 2, Zg)
    kF = np.linspace(0, np.pi, 400)
    z0, x0 = ground_state_curve(kF)
    Emin = np.interp(Zg, z0, 2 * x0)
    lam = np.where(EG >= Emin - 1e-12, lam, np.nan)
    ax.contourf(Zg, EG, lam, levels=[-1, 0], colors=["#f4c7c3"], alpha=0.9)
    ax.contour(Zg, EG, lam, levels=[0], colors=["#c0392b"], linewidths=0.8)
    # iso-T curves (solid): parametrised by phi
    phis = np.concatenate([-np.logspace(2, -3, 300), [0], np.logspace(-3, 2, 300)])
    ax.plot(z0, 2 * x0, "k-", lw=1.2)
    for T in (0.5, 1, 2, 4, 8):
        z, xx = correlators_array(1 / T, phis)
        ax.plot(z, 2 * xx, "k-", lw=1)
        i = np.argmin(np.abs(z - 0.1))
        ax.annotate(f"T={T:g}", (z[i], 2 * xx[i]), fontsize=7, xytext=(0, 2), textcoords="offset points")
    ax.annotate("T=0", (0.1, -4 / np.pi * np.cos(0.05 * np.pi)), fontsize=7, xytext=(0, -9), textcoords="offset points")
    # iso-phi curves (dashed): parametrised by beta in [0, inf)
    betas = np.concatenate([[0], np.logspace(-3, 1.5, 300)])
    for phi in (0, 0.25, -0.25, 0.5, -0.5, 1, -1, 2, -2):
        z, xx = correlators_array(betas, phi, nodes=1500)
        ax.plot(z, 2 * xx, "b--", lw=0.8)
        ax.annotate(rf"$\phi={phi:g}$", (z[0], 0), fontsize=6, rotation=90, xytext=(0, 4),
                    textcoords="offset points", ha="center", va="bottom", color="b")
    # NESS line (= T = infinity isotherm): zero energy density
    ax.plot([-1, 1], [0, 0], color="r", lw=3.5, label=r"NESS ($\langle E\rangle=0$, also $T=\infty$)")
    ax.set_xlabel(r"$\langle z\rangle=\langle\sigma^z_j\rangle_G$  (convention $e^{-\beta H-\phi M}$: $\phi>0$ left)")
    ax.set_ylabel(r"$\langle E\rangle=2\langle\sigma^x_j\sigma^x_{j+1}\rangle_G$")
    ax.set_xlim(-1.02, 1.02)
    ax.set_ylim(-4 / np.pi - 0.05, 0.2)
    ax.legend(loc="lower right", fontsize=7)
    ax.set_title(r"iso-$T$ (solid), iso-$\phi$ (dashed); shaded: $\lambda^{PT}_{\min}<0$", fontsize=9)
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)
    return path


def figure_critical_curve(path, phis=None):
    """T_c(phi) (entangled below the curve)."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    phis = np.linspace(0, 6, 25) if phis is None else phis
    curve = critical_curve(phis, dps=15)
    T = [float(c[2]) for c in curve]
    lim = 1 / float(beta_c_large_phi_limit())
    fig, ax = plt.subplots(figsize=(5, 3.4))
    ax.plot(phis, T, "k.-")
    ax.axhline(lim, color="gray", ls=":", label=rf"$\phi\to\infty$: $T_c={lim:.5f}$")
    ax.set_xlabel(r"$\phi$ (curve is even in $\phi$)")
    ax.set_ylabel(r"$T_c(\phi)$")
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)
    return path, curve


def run_section(out, progress):
    """Reproduce Sec. II: beta_c, T_c, Figs. 2-3 and the critical curve."""
    from pathlib import Path
    from ...app._registry import SectionResult
    out = Path(out)
    figdir = out / "figures"
    figdir.mkdir(parents=True, exist_ok=True)
    res = SectionResult()
    progress("deriving integrals, pair state, lambda_min, threshold")
    derive_free_fermion_form()
    derive_lambda_min()
    derive_threshold()
    progress("beta_c(phi) to 30 digits")
    b0 = beta_c(0, dps=30)
    b4 = beta_c(4, dps=30)
    binf = beta_c_large_phi_limit(dps=30)

    def num(name, paper, derived, note):
        d = float(derived)
        res.numbers.append({"name": name, "paper": paper, "derived": mp.nstr(derived, 30) if isinstance(derived, mp.mpf) else d,
                            "rel_error": None if paper is None else abs(d - paper) / abs(paper), "note": note})

    num("beta_c(phi=0)", 0.5162, b0, "root of derived threshold, 30 digits")
    num("T_c(phi=0)", 1.94, 1 / b0, "1/beta_c")
    num("beta_c(phi=4)", 0.5146, b4, "root of derived threshold, 30 digits")
    num("beta_c(phi->inf)", None, binf, "I_1(4b)/I_0(4b) = 1/sqrt(2) (asymptotics of the derived integrals)")
    with mp.workdps(40):
        num("lambda_min at beta_c(0)", None, lambda_min(b0, 0, dps=30), "should vanish")
    progress("finite-chain check (ED n = 10, free fermions n = 200)")
    ed = finite_chain_correlators(10, float(b0), 0.0, method="ed")
    ff = finite_chain_correlators(200, float(b0), 0.0)
    inf = correlators(b0, 0)
    res.extra["finite_chain_at_beta_c"] = {"ed_n10": {k: float(v) for k, v in ed.items()}, "free_fermion_n200": {k: float(v) for k, v in ff.items()},
                                           "infinite": {k: float(inf[k]) for k in ("z", "xx", "zz")}}
    progress("figures")
    res.figures.append(str(figure2(figdir / "xx_fig2.png")))
    res.figures.append(str(figure3(figdir / "xx_fig3.png")))
    p, curve = figure_critical_curve(figdir / "xx_thermal_tc.png")
    res.figures.append(str(p))
    res.extra["T_c_curve"] = [(float(a), float(b), float(c)) for a, b, c in curve]
    res.latex.append(("Thermal correlators (free fermions, sign of $\\langle\\sigma^z\\rangle$ for $e^{-\\beta H-\\phi M}$)",
                      _latex_integrals()))
    res.latex.append(("Nearest-neighbour pair state", r"\rho_{j,j+1}=" + _tex(derive_pair_state())))
    res.latex.append(("Minimal PT eigenvalue (Eq. 4)", _latex_lambda()))
    res.latex.append(("Threshold", _latex_threshold()))
    return res


_register()
