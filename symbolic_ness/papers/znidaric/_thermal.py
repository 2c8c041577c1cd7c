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

import mpmath as mp
import numpy as np
import sympy as sp

from ..._cache import cached
from ..._errors import CheckFailedError, ParameterError, require_int, require_real
from ...export import bisect_root, lambdify
from ...core import kron, pt_eigenvalues_x_state, sigma_plus, sigma_x, sigma_y, sigma_z
from ._symbols import BETA, MOMENTUM, ONE_MINUS_Z2, PHI, XX_NN, Z_MEAN, ZZ_NN

__all__ = [
    "derive_free_fermion_form", "derive_pair_state", "derive_lambda_min", "derive_threshold",
    "correlators", "lambda_min", "beta_c", "T_c", "critical_curve", "beta_c_large_phi_limit", "pair_state",
    "DPS_MAX", "check_dps", "threshold_scaled_np",
]

DPS_MAX = 300
_GUARD = 10  # guard digits used internally


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
        raise CheckFailedError("operator is not a fermionic quadratic form")
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
    eps = sp.simplify((h_bond[0, 1] * sp.exp(sp.I * MOMENTUM) + h_bond[1, 0] * sp.exp(-sp.I * MOMENTUM)).rewrite(sp.cos))
    # beta*H + phi*M = sum_k (beta*eps(k) + m_site[0,0]*phi) n_k + const  ->  Fermi occupation
    f0 = 1 / (1 + sp.exp(BETA * eps + m_site[0, 0] * PHI))
    # <n> = (1/2pi) int_{-pi}^{pi} f0 = (1/pi) int_0^pi f0 (eps even); G = <c_j^dag c_{j+1}> likewise
    # with cos k. Substitute k -> pi - k (paper's form):
    f = f0.subs(MOMENTUM, sp.pi - MOMENTUM)
    cos_shift = sp.cos(sp.pi - MOMENTUM)  # = -cos k
    F = sp.Symbol("F")  # occupation f(k)
    z_of_F = (m_site[0, 0] * F + m_const) / sp.pi                     # <sigma^z> = 2<n> - 1
    # <sigma^x sigma^x> = xx_h[0,1] G + xx_h[1,0] G^* (pairing terms vanish: [rho_G, N] = 0), G real
    xx_of_F = (xx_h[0, 1] + xx_h[1, 0]) * cos_shift * F / sp.pi
    z_int = sp.expand(z_of_F.subs(F, f))
    xx_int = sp.expand(xx_of_F.subs(F, f))
    z_tanh = -sp.tanh(PHI - 2 * BETA * sp.cos(MOMENTUM)) / sp.pi
    xx_tanh = sp.cos(MOMENTUM) * sp.tanh(PHI - 2 * BETA * sp.cos(MOMENTUM)) / sp.pi
    # The tanh forms equal our integrands (the xx one up to the term cos(k)/pi, whose integral is 0)
    assert sp.simplify((z_int - z_tanh).rewrite(sp.exp)) == 0
    assert sp.simplify((xx_int - xx_tanh + sp.cos(MOMENTUM) / sp.pi).rewrite(sp.exp)) == 0
    # Wick: <n_j n_{j+1}> = nbar^2 - G^2 with nbar = (1+z)/2, G = xx/(xx_h01 + xx_h10)
    nbar = (1 + Z_MEAN) / 2
    G = XX_NN / (xx_h[0, 1] + xx_h[1, 0])
    zz = sp.expand(m_site[0, 0] ** 2 * (nbar ** 2 - G ** 2) + 2 * m_site[0, 0] * m_const * nbar + m_const ** 2)
    return {"h_bond": h_bond, "m_site": m_site, "xx_bond": xx_h, "epsilon": eps, "fermi": f,
            "z_integrand": z_int, "xx_integrand": xx_int, "z_tanh": z_tanh, "xx_tanh": xx_tanh,
            "zz_wick": zz, "z_of_F": z_of_F, "xx_of_F": xx_of_F}


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
    names = {sp.Symbol("r_0z", real=True): Z_MEAN, sp.Symbol("r_z0", real=True): Z_MEAN,
             sp.Symbol("r_xx", real=True): XX_NN, sp.Symbol("r_yy", real=True): XX_NN,
             sp.Symbol("r_zz", real=True): ZZ_NN}
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

    Returns
    -------
    dict
        ``eigenvalues``, ``lambda_min_zz``, ``lambda_min``, ``stable``, ``numerator``.

    Examples
    --------
    >>> derive_lambda_min()["lambda_min"]
    -xx**2/4 + z**2/4 - sqrt(xx**2 + z**2)/2 + 1/4
    """
    rho = derive_pair_state()
    # an X state: closed-form PT spectrum (core; the PT on either qubit has the same spectrum)
    eigs = [sp.simplify(e) for e in pt_eigenvalues_x_state(rho)]
    zz = derive_free_fermion_form()["zz_wick"]
    # the minimum: the root with -sqrt of the 2x2 block (<= (1-zz)/4 since zz <= sqrt(z^2+xx^2));
    # identified as the smallest eigenvalue at sample points of the physical region, checked at all
    samples = [{Z_MEAN: sp.Rational(3, 10), XX_NN: sp.Rational(-1, 5)}, {Z_MEAN: sp.Rational(-7, 10), XX_NN: sp.Rational(1, 10)},
               {Z_MEAN: 0, XX_NN: sp.Rational(-1, 2)}]
    distinct = list(dict.fromkeys(eigs))
    mins = set()
    for pt in samples:
        pt = dict(pt)
        pt[ZZ_NN] = zz.subs(pt)
        vals = [sp.N(e.subs(pt), 30) for e in distinct]
        mins.add(distinct[vals.index(min(vals))])
    assert len(mins) == 1, mins
    lam_zz = mins.pop()
    assert any(isinstance(a, sp.Pow) and a.exp == sp.Rational(1, 2) for a in sp.preorder_traversal(lam_zz))
    lam = sp.expand(lam_zz.subs(ZZ_NN, zz))
    # stable form: rationalise A - 2 sqrt(w), factor A^2 - 4 w over Q(sqrt 2), z^2 -> 1 - q
    w = XX_NN ** 2 + Z_MEAN ** 2
    A = sp.expand(4 * lam + 2 * sp.sqrt(w))
    num = sp.factor(sp.expand(A ** 2 - 4 * w).subs(Z_MEAN ** 2, 1 - ONE_MINUS_Z2), extension=sp.sqrt(2))
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
    w = XX_NN ** 2 + Z_MEAN ** 2
    A = sp.expand(4 * lam + 2 * sp.sqrt(w))
    quartic = sp.expand(A ** 2 - 4 * w)
    fl = sp.factor_list(quartic, extension=sp.sqrt(2))
    factors = [f if sp.Poly(f, XX_NN).LC() > 0 else sp.expand(-f) for f, _ in fl[1]]
    # the factor that vanishes for xx < 0: check at xx = -1/2, z = 0 -> pick the one with negative slope in xx
    fac = [f for f in factors if sp.diff(f, XX_NN).subs({XX_NN: 0, Z_MEAN: 0}) > 0]
    assert len(fac) == 1
    return {"quartic": quartic, "factors": factors, "factor": sp.expand(fac[0])}


def check_dps(dps):
    return require_int("dps", dps, 1, DPS_MAX)


# mpmath evaluators: core.lambdify is numpy-only, the arbitrary-precision path needs sympy's
# "mpmath" printer
@functools.lru_cache(maxsize=None)
def _mp_integrands():
    d = derive_free_fermion_form()
    f = lambdify(d["fermi"], (MOMENTUM, BETA, PHI), backend="mpmath")
    return f


@functools.lru_cache(maxsize=None)
def _mp_lambda_stable():
    st = derive_lambda_min()["stable"]
    return lambdify(st, (XX_NN, Z_MEAN, ONE_MINUS_Z2), backend="mpmath")


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
    return _real_input("beta", beta), _real_input("phi", phi), check_dps(dps)


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
    m = derive_pair_state().subs({Z_MEAN: float(r["z"]), XX_NN: float(r["xx"]), ZZ_NN: float(r["zz"])})
    return np.array(m.evalf(), dtype=float)


def _lambda_from(r):
    return _mp_lambda_stable()(r["xx"], r["z"], r["q"])


def lambda_min(beta, phi, dps: int = 15):
    r"""Minimal eigenvalue of the partial transpose of the nearest-neighbour pair state.

    Evaluated with the cancellation-free form of :func:`derive_lambda_min` (equal to Eq. 4).

    Parameters
    ----------
    beta, phi : number
        Inverse temperature β and chemical potential φ.
    dps : int, default 15
        Working digits.

    Returns
    -------
    mpmath.mpf
        λ_min(β, φ) (the infinite chain); < 0: entangled.

    Examples
    --------
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


def threshold_scaled_np(b, p, nodes=512):
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
    raise CheckFailedError("secant iteration for beta_c did not converge")


def beta_c(phi, dps: int = 15):
    r"""Critical :math:`\beta_c(\phi)>0` with :math:`\lambda_{\min}=0` (entangled iff :math:`|\beta|>\beta_c`).

    Root of the derived threshold factor (:func:`derive_threshold`) divided by
    :math:`4\bar n`: a double-precision bracketing root (Brent root, :func:`~symbolic_ness.export.bisect_root`, on a
    midpoint-rule quadrature) seeds an mpmath secant iteration at ``dps`` + 10
    digits. Even in :math:`\phi`. The value is returned rounded to ``dps`` digits.

    Parameters
    ----------
    phi : number
        Magnetization chemical potential φ.
    dps : int, default 15
        Significant digits of the result.

    Returns
    -------
    mpmath.mpf
        β_c(φ).

    Examples
    --------
    >>> mp.nstr(beta_c(4, dps=15), 10)
    '0.5145573644'
    """
    _, phi, dps = _validate(None, phi, dps)
    p = abs(float(mp.mpf(phi)))
    lo, hi = 0.25, 1.0
    while threshold_scaled_np(hi, p) > 0:
        hi *= 2
        if hi > 64:
            raise CheckFailedError("no sign change of lambda_min found")
    while threshold_scaled_np(lo, p) < 0:
        lo /= 2
    x0 = bisect_root(lambda b: threshold_scaled_np(b, p), lo, hi, 1e-15, rtol=1e-15, method="brent")
    work = dps + _GUARD
    with mp.workdps(work):
        pm = abs(mp.mpf(phi))
        x = _secant(lambda b: _threshold_scaled(b, pm), mp.mpf(x0), mp.mpf(x0) * (1 + mp.mpf(10) ** -9),
                    mp.mpf(10) ** (-(dps + 3)))
    with mp.workdps(dps):
        return +x


def T_c(phi, dps: int = 15):
    """Critical temperature :math:`1/\\beta_c(\\phi)`.

    Parameters
    ----------
    phi : number
        Magnetization chemical potential φ.
    dps : int, default 15
        Significant digits.

    Returns
    -------
    mpmath.mpf
        T_c(φ) = 1/β_c(φ).

    Examples
    --------
    >>> mp.nstr(T_c(4), 10)
    '1.943417915'
    """
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
    dps = check_dps(dps)
    with mp.workdps(dps + _GUARD):
        x = mp.findroot(lambda b: mp.besseli(1, 4 * b) / mp.besseli(0, 4 * b) - 1 / mp.sqrt(2), mp.mpf("0.5"))
    with mp.workdps(dps):
        return +x
