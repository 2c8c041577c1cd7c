r"""Hartmann–Dür–Briegel Sec. III, two qubits: general noise, XYZ Hamiltonian, imperfect reset.

Model (:math:`\hbar=1`, standard normalization :math:`D[L]\rho=L\rho L^\dagger-\frac12\{L^\dagger L,\rho\}`)

.. math::

    \dot\rho=-i[H,\rho]+\sum_{i=1,2}\Big(Bs\,D[\sigma_+^{(i)}]+B(1-s)\,D[\sigma_-^{(i)}]
      +\tfrac{2C-B}{4}\,D[\sigma_z^{(i)}]\Big)\rho
      +r\sum_{i=1,2}\big(\rho_\phi\otimes_i\mathrm{tr}_i\rho-\rho\big),

    H=g\big(j_x\sigma_x\sigma_x+j_y\sigma_y\sigma_y+j_z\sigma_z\sigma_z
      +h_x(\sigma_x\otimes1+1\otimes\sigma_x)\big),\qquad
    \rho_\phi=(1-\epsilon)|\phi\rangle\langle\phi|+\epsilon\,\mathbb 1/2,

with :math:`\sigma_+=|0\rangle\langle1|` (raises to :math:`\sigma_z=+1`) and
:math:`|\phi\rangle=|+\rangle` (``reset="plus"``) or :math:`|0\rangle` (``reset="zero"``).
The noise channel makes :math:`P_\uparrow=\langle(1+\sigma_z)/2\rangle` relax to
:math:`s` at rate :math:`B` and :math:`\langle\sigma_{x,y}\rangle` decay at rate
:math:`C`; it needs :math:`B,C\ge0`, :math:`C\ge B/2`, :math:`0\le s\le1`.
:math:`B=0,\ C=\gamma` is pure dephasing :math:`\frac\gamma2(\sigma_z\rho\sigma_z-\rho)`.

Reading of the Fig. 2 caption ("C = B/2 and γ = C/4"): :math:`C=B/2` is the edge
of the allowed region (no extra dephasing, the :math:`\sigma_z` rate
:math:`(2C-B)/4` vanishes) and :math:`\gamma=C/4` fixes the unit of rates, so
:math:`C=4\gamma`, :math:`B=8\gamma`, :math:`g=10\gamma` (:data:`FIG2`).

What is derived here (never typed in):

* Fig. 2: the exact steady state as a rational function of :math:`r` (other
  parameters rational), the partial-transpose characteristic polynomial, the
  entanglement thresholds as isolated real roots of :math:`\det\rho^{T_A}(r)`.
* Imperfect reset of the Ising toy model: the negativity with :math:`\epsilon`
  symbolic, :math:`\epsilon_{\max}(g,r)` (a root of a quadratic),
  :math:`\epsilon_{\max}(g)=\max_r` (a root of the discriminant in :math:`r`)
  and its supremum :math:`\lim_{g\to\infty}`.
* No-reset decay channel with :math:`H=g\sigma_x\sigma_x`: the negativity in
  :math:`(g,s)`, its maximum over :math:`g` and the :math:`s` threshold.

>>> import sympy as sp
>>> [j.rate for j in noise_jumps(0, 1, 2, 3, sp.Rational(1, 4))]
[1/2, 3/2, 1]
>>> noise_jumps(0, 1, 2, 0.5, 0.5)
Traceback (most recent call last):
...
symbolic_ness._errors.ParameterError: parameter 'C' = 0.5 is not allowed; allowed range: C >= B/2 = 1 (and C >= 0)
"""
from __future__ import annotations

import functools

import numpy as np
import sympy as sp
from sympy.polys.matrices import DomainMatrix

from ..._cache import cached
from ..._errors import (CheckFailedError, ParameterError, check_residual, require_interval, require_nonnegative,
                        require_real)
from ...core import (
    Jump,
    Model,
    Reset,
    embed,
    lambda_min_pt,
    liouvillian_numeric,
    partial_transpose,
    projector,
    pt_eigenvalues,
    sigma_minus,
    sigma_plus,
    sigma_x,
    sigma_y,
    sigma_z,
    steady_state,
)
from ...export import lambdify
from ...algebra import nullspace_numeric
from ...algebra import certify_nonnegative, exact_number
from ...export import negative_intervals
from ._symbols import SYMBOLS

__all__ = ["noise_jumps", "reset_state", "general_reset_model", "model_from_params", "ising_model", "decay_model",
           "exact_state", "pt_charpoly", "threshold_polynomial", "threshold_intervals", "threshold_intervals_numeric",
           "numeric_lambda_min_of_r", "imperfect_reset_forms", "epsilon_max", "epsilon_max_numeric",
           "no_reset_forms", "fig2_model", "fig2_forms", "negativity_curve", "FIG2"]

R = sp.Rational
LAM = SYMBOLS["lambda"]
SYM = SYMBOLS  # local shorthand (the symbols are defined once, in ``_symbols``)

#: Fig. 2 parameters in units of gamma (reading C = B/2, gamma = C/4).
FIG2 = {"g": 10, "jx": R(7, 10), "jy": R(3, 10), "jz": 1, "hx": R(1, 2), "B": 8, "C": 4}


def _exact(v, name="value"):
    """Exact sympy number (floats become the rational they print, e.g. ``0.7 -> 7/10``)."""
    return exact_number(v, name)


# ---------------------------------------------------------------- the channel
def noise_jumps(site: int, n: int, B, C, s) -> list:
    r"""HDB noise channel on qubit ``site`` of ``n`` as core :class:`Jump` s.

    Rates (standard :math:`D[L]`): :math:`Bs` for :math:`\sigma_+`,
    :math:`B(1-s)` for :math:`\sigma_-`, :math:`(2C-B)/4` for :math:`\sigma_z`.
    Numeric arguments are checked: :math:`B, C\ge0`, :math:`C\ge B/2`,
    :math:`0\le s\le1`. Jumps with rate exactly 0 are omitted.

    >>> gam = sp.Symbol("gamma", positive=True)
    >>> [(j.label, j.rate) for j in noise_jumps(0, 2, 0, gam, sp.Rational(1, 2))]
    [('sigma_z', gamma/2)]
    """
    B, C, s = _exact(B), _exact(C), _exact(s)
    if B.is_number:
        require_nonnegative("B", float(B))
    if C.is_number:
        require_nonnegative("C", float(C))
    if s.is_number:
        require_interval("s", float(s), 0, 1)
    if B.is_number and C.is_number and C < B / 2:
        raise ParameterError("C", float(C), f"C >= B/2 = {float(B) / 2:g} (and C >= 0)")
    out = []
    for op, rate, lab in ((sigma_plus(), B * s, "sigma_+"), (sigma_minus(), B * (1 - s), "sigma_-"),
                          (sigma_z(), (2 * C - B) / 4, "sigma_z")):
        rate = sp.expand(rate)
        if rate != 0:
            out.append(Jump(embed(op, site, n), rate, lab))
    return out


def reset_state(epsilon=0, reset: str = "plus") -> sp.Matrix:
    r""":math:`\rho_\phi=(1-\epsilon)|\phi\rangle\langle\phi|+\epsilon\mathbb 1/2`, :math:`\phi\in\{+,0\}`.

    >>> reset_state(sp.Rational(1, 2), "zero")
    Matrix([
    [3/4,   0],
    [  0, 1/4]])
    """
    eps = _exact(epsilon)
    if eps.is_number:
        require_interval("epsilon", float(eps), 0, 1)
    if reset not in ("plus", "zero"):
        raise ParameterError("reset", reset, "one of plus, zero")
    phi = projector("+" if reset == "plus" else "0")
    return sp.Matrix((1 - eps) * phi + eps * sp.eye(2) / 2).applyfunc(sp.expand)


def general_reset_model(g=SYM["g"], jx=0, jy=0, jz=1, hx=0, B=0, C=1, s=R(1, 2), r=SYM["r"],
                        epsilon=0, reset: str = "plus") -> Model:
    r"""Two qubits: XYZ Hamiltonian in a transverse field, HDB noise per qubit, reset at rate r.

    Arguments may be numbers (floats are made exact: ``0.7 -> 7/10``) or sympy
    symbols. ``r = 0`` gives the model without reset.

    H = g (jx X₀X₁ + jy Y₀Y₁ + jz Z₀Z₁ + hx (X₀ + X₁)); per qubit the noise of :func:`noise_jumps`
    (rates Bs for σ+, B(1 − s) for σ−, (2C − B)/4 for σz); reset to :func:`reset_state` at rate r.

    Parameters
    ----------
    g, jx, jy, jz, hx : number or Symbol, defaults g (symbol), 0, 0, 1, 0
        Coupling and its XYZ weights, transverse field.
    B, C, s : number or Symbol, defaults 0, 1, 1/2
        Noise parameters (B, C ≥ 0, C ≥ B/2, 0 ≤ s ≤ 1).
    r : number or Symbol, default r (symbol)
        Reset rate (≥ 0).
    epsilon : number or Symbol, default 0
        Imperfection of the reset state.
    reset : str, default "plus"
        ``"plus"`` or ``"zero"``.

    Returns
    -------
    Model
        With constraints C − B/2 ≥ 0, 0 ≤ s ≤ 1, 0 ≤ ε ≤ 1 for symbolic values.

    Raises
    ------
    ParameterError
        A numeric value is out of range.

    Examples
    --------
    >>> m = general_reset_model(g=2, r=1)
    >>> m.n, len(m.jumps), len(m.resets)
    (2, 2, 2)
    """
    g, jx, jy, jz, hx, B, C, s, r, eps = map(_exact, (g, jx, jy, jz, hx, B, C, s, r, epsilon))
    for name, v in (("g", g), ("jx", jx), ("jy", jy), ("jz", jz), ("hx", hx)):
        if v.is_number:
            require_real(name, complex(v))
    if r.is_number:
        require_nonnegative("r", float(r))
    X = [embed(sigma_x(), i, 2) for i in range(2)]
    Y = [embed(sigma_y(), i, 2) for i in range(2)]
    Z = [embed(sigma_z(), i, 2) for i in range(2)]
    H = g * (jx * X[0] * X[1] + jy * Y[0] * Y[1] + jz * Z[0] * Z[1] + hx * (X[0] + X[1]))
    H = sp.Matrix(H).applyfunc(sp.expand)
    jumps = noise_jumps(0, 2, B, C, s) + noise_jumps(1, 2, B, C, s)
    rho_phi = reset_state(eps, reset)
    resets = [] if r == 0 else [Reset(i, rho_phi, r) for i in range(2)]
    cons = {}
    if not (B.is_number and C.is_number):
        cons[C - B / 2] = (0, None)
    if not s.is_number:
        cons[s] = (0, 1)
    if not eps.is_number:
        cons[eps] = (0, 1)
    return Model(2, H, jumps, resets, name=f"hdb-general-{reset}", constraints=cons)


def ising_model(g=SYM["g"], gamma=SYM["gamma"], r=SYM["r"], epsilon=SYM["epsilon"]) -> Model:
    r"""Ising toy model :math:`H=g\sigma_z\sigma_z`, dephasing :math:`\gamma` (:math:`B=0,C=\gamma`), reset to a mixed :math:`|+\rangle`."""
    return general_reset_model(g=g, jz=1, B=0, C=gamma, s=R(1, 2), r=r, epsilon=epsilon, reset="plus")


def decay_model(g=SYM["g"], s=SYM["s"], gamma=1) -> Model:
    r"""No reset, :math:`H=g\sigma_x\sigma_x`, :math:`B=2C=2\gamma` (decay channel at :math:`s=1`)."""
    gamma = _exact(gamma)
    return general_reset_model(g=g, jx=1, jy=0, jz=0, hx=0, B=2 * gamma, C=gamma, s=s, r=0)


# ------------------------------------------------------------- PT algebra
def _charpoly_coeffs(M: sp.Matrix) -> list:
    """Characteristic polynomial coefficients of a (symbolic) matrix via DomainMatrix."""
    dM = DomainMatrix.from_Matrix(sp.Matrix(M))
    cp = dM.charpoly()
    return [sp.cancel(sp.expand(dM.domain.to_sympy(c))) for c in cp]


def _certify_state(res, args, kwargs) -> None:
    """Re-certify a cached exact state (core modular certificate)."""
    from ...core import certify_steady_rho
    certify_steady_rho(args[0], res[0])


def _certify_pt_charpoly(res, args, kwargs) -> None:
    """Re-certify a cached PT characteristic polynomial (core modular certificate)."""
    from ...core import certify_pt_charpoly
    certify_pt_charpoly(args[0], res, LAM)


@functools.lru_cache(maxsize=64)
@cached("hdb-general-exact-state", certify=_certify_state)
def exact_state(model: Model) -> tuple:
    """``(rho, denominators)`` of the unique exact steady state (core ``steady_state``, cached on disk)."""
    ss = steady_state(model)
    return ss.require_unique(), tuple(ss.denominators)


@functools.lru_cache(maxsize=64)
@cached("hdb-general-pt-charpoly", certify=_certify_pt_charpoly)
def pt_charpoly(model: Model) -> sp.Expr:
    r"""Characteristic polynomial :math:`\det(\lambda-\rho^{T_A})` of the exact steady state (in ``LAM``)."""
    rho = exact_state(model)[0]
    coeffs = _charpoly_coeffs(partial_transpose(rho, [0], 2))
    return sp.Add(*[c * LAM ** (len(coeffs) - 1 - k) for k, c in enumerate(coeffs)])


@functools.lru_cache(maxsize=64)
@cached("hdb-general-threshold-poly-v2")
def threshold_polynomial(model: Model) -> tuple:
    r"""``(numerator, denominator)`` of :math:`\det\rho^{T_A}` for a model whose only symbol is ``r``
    (of the product of the nonzero PT eigenvalues if the determinant vanishes identically).

    For two qubits :math:`\rho^{T_A}` has at most one negative eigenvalue, so
    the state is entangled iff :math:`\det\rho^{T_A}<0`; entanglement
    thresholds in :math:`r` are positive real roots of the numerator.
    """
    cp = sp.Poly(pt_charpoly(model), LAM)
    # det(lambda - A) = lambda^k q(lambda); q(0) (-1)^(4-k) is the product of the
    # nonzero eigenvalues (k = 0: det A). With at most one negative eigenvalue its
    # sign decides entanglement; k > 0 only for rank-deficient states (e.g. pure).
    for k in range(5):
        ck = sp.cancel(sp.together(cp.coeff_monomial(LAM ** k)))
        if ck != 0:
            break
    num, den = sp.fraction(sp.cancel((-1) ** (4 - k) * ck))
    return sp.factor(num), sp.factor(den)


def model_from_params(p: dict, r=None) -> Model:
    """The catalogue model ``reset-general`` at the CLI parameters ``p`` (``r`` symbolic unless given)."""
    return general_reset_model(g=p["g"], jx=p.get("jx", 0), jy=p.get("jy", 0), jz=p.get("jz", 1),
                               hx=p.get("hx", 0), B=p.get("B", 0), C=p.get("C", 1), s=p.get("s", 0.5),
                               r=SYM["r"] if r is None else r, epsilon=p.get("epsilon", 0),
                               reset=p.get("reset", "plus"))


def threshold_intervals(model: Model, digits: int = 30) -> dict:
    r"""Exact entangled :math:`r`-intervals of ``model`` (only symbol: ``r``).

    Returns ``{"intervals": [[lo, hi|None], ...], "roots": [CRootOf ...],
    "polynomial": numerator of det}``; endpoints are floats of the isolated
    roots evaluated to ``digits`` digits. The sign of :math:`\det\rho^{T_A}` is
    evaluated exactly at a rational point inside each interval.

    Parameters
    ----------
    model : Model
        A two-qubit model whose only symbol is r.
    digits : int, default 30
        Digits of the interval ends.

    Returns
    -------
    dict
        ``intervals``, ``roots`` (exact), ``values`` (Floats), ``polynomial``.

    Raises
    ------
    ParameterError
        The model has other symbols than r.

    Examples
    --------
    The Ising model at g = 2, γ = 1 (B = 0, C = 1): entangled for r > 3/2 + √26/2:

    >>> th = threshold_intervals(general_reset_model(g=2))
    >>> th["roots"], th["intervals"]
    ([3/2 + sqrt(26)/2], [[4.049509756796..., None]])
    """
    r = SYM["r"]
    if model.parameters != (r,):
        raise ParameterError("r", model.parameters, "a model whose only free parameter is r")
    num, den = threshold_polynomial(model)
    det = num / den
    P = sp.Poly(num, r)
    roots = [rt for rt in sp.real_roots(P) if rt > 0] if P.degree() > 0 else []
    roots = sorted(set(roots), key=lambda x: float(x.evalf(digits)))
    vals = [sp.Float(rt.evalf(digits), digits) for rt in roots]
    # rational test points between consecutive roots
    edges = [sp.Integer(0)] + [sp.Rational(v) for v in vals]  # exact value of each 30-digit Float
    tests = [(edges[k] + edges[k + 1]) / 2 for k in range(len(edges) - 1)] + [edges[-1] + 1]
    signs = []
    for t in tests:
        t = sp.Rational(t)
        if den.subs(r, t) == 0:
            t += R(1, 10**6)
        signs.append(sp.sign(det.subs(r, t)))
    bounds = [0.0] + [float(v) for v in vals] + [None]
    out = []
    for k, sg in enumerate(signs):
        if sg < 0:
            lo, hi = bounds[k], bounds[k + 1]
            if out and out[-1][1] == lo:
                out[-1][1] = hi
            else:
                out.append([lo, hi])
    return {"intervals": out, "roots": roots, "values": vals, "polynomial": num}


def threshold_intervals_numeric(p: dict, rmax: float | None = None, points: int = 300,
                                tol: float = 1e-10) -> list:
    """Entangled r-intervals from numeric steady states: log-grid scan plus bisection
    (core :func:`negative_intervals`)."""
    scale = max(abs(float(p["g"])), float(p.get("B", 0)), float(p.get("C", 1)), 1e-3)
    rmax = rmax or 1e4 * scale
    lmin = numeric_lambda_min_of_r(model_from_params(p))

    grid = np.concatenate([[0.0], np.geomspace(1e-4 * scale, rmax, points)])
    vals = [lmin(max(x, 1e-9 * scale)) for x in grid]
    return negative_intervals(lmin, grid, vals, tol=tol, rtol=tol, left=0.0)


def numeric_lambda_min_of_r(model: Model):
    r"""Fast numeric :math:`\lambda_{\min}(\rho^{T_A})` as a function of r.

    :math:`\mathcal L(r)=\mathcal L_0+r\mathcal L_1` is affine in r, so both parts are
    built once; each call takes the SVD null vector of a dense 16x16 matrix and
    checks that the null space is one-dimensional.
    """
    r = SYM["r"]
    L0 = liouvillian_numeric(model, {r: 0}).toarray()
    L1 = liouvillian_numeric(model, {r: 1}).toarray() - L0

    def lmin(rv):
        L = L0 + float(rv) * L1
        vecs, sv = nullspace_numeric(L, 1e-10)
        if vecs.shape[1] != 1:
            raise ParameterError("r", rv, "a value with a unique steady state")
        rho = vecs[:, 0].reshape(4, 4, order="F")
        rho = rho / np.trace(rho)
        rho = (rho + rho.conj().T) / 2
        check_residual("numeric null vector (reset-general)", float(np.linalg.norm(L @ rho.reshape(16, order="F"))),
                       1e-9 * max(1.0, sv[0]))
        return lambda_min_pt(rho)

    return lmin


# ----------------------------------------------------------------- Fig. 2
def fig2_model(s) -> Model:
    """The Fig. 2 model (units gamma, reading B = 8, C = 4, g = 10) with r symbolic."""
    return general_reset_model(**FIG2, s=_exact(s), r=SYM["r"])


def fig2_forms(s) -> dict:
    r"""Exact Fig. 2 ingredients at temperature parameter ``s``: steady state in r, PT charpoly, thresholds.

    Parameters
    ----------
    s : number
        Temperature parameter 0 ≤ s ≤ 1 (Fig. 2 units: B = 8, C = 4, g = 10).

    Returns
    -------
    dict
        ``model``, ``rho``, ``denominators``, ``charpoly`` and the keys of :func:`threshold_intervals`.

    Examples
    --------
    >>> f = fig2_forms(sp.Rational(1, 2))
    >>> f["denominators"], f["intervals"]
    ((r + 4, r**3 + 18*r**2 + 302*r + 1576), [[22.636315922746..., None]])
    """
    m = fig2_model(s)
    rho, dens = exact_state(m)
    th = threshold_intervals(m)
    return {"model": m, "rho": rho, "denominators": dens, "charpoly": pt_charpoly(m), **th}


def negativity_curve(rho_r: sp.Matrix, rs) -> np.ndarray:
    """Negativity of a steady state given as an exact matrix function of r, on a grid of r."""
    f = lambdify(sp.Matrix(rho_r), (SYM["r"],))
    out = []
    for rv in np.asarray(rs, dtype=float):
        out.append(max(0.0, -lambda_min_pt(np.array(f(rv), dtype=complex))))
    return np.array(out)


# -------------------------------------------------------- imperfect reset
@functools.lru_cache(maxsize=64)
@cached("hdb-general-imperfect-reset-v3")
def imperfect_reset_forms() -> dict:
    r"""Ising toy model with :math:`\rho_\phi=(1-\epsilon)|+\rangle\langle+|+\epsilon\mathbb 1/2`.

    Returns (all derived from the exact steady state):

    * ``rho``: the steady state (symbols g, gamma, r, epsilon);
    * ``lambda``: the PT eigenvalue that can be negative;
    * ``P``, ``Q``: :math:`\lambda=-P/Q` with :math:`Q>0`, so entangled iff :math:`P>0`
      (``P`` quadratic in :math:`\epsilon`);
    * ``negativity``: :math:`\max(0,P/Q)`;
    * ``eps_r``: :math:`\epsilon_{\max}(g,r)`, the smaller root of :math:`P=0`;
    * ``disc``: the discriminant of :math:`P` in :math:`r` at :math:`\gamma=1`
      (a polynomial in :math:`\epsilon, g`); :math:`\epsilon_{\max}(g)=\max_r\epsilon_{\max}(g,r)`
      is one of its roots;
    * ``limit_poly``: leading coefficient of ``disc`` in :math:`g`,
      whose root in (0, 1) is :math:`\sup_{g,r}\epsilon_{\max}`;
    * ``sup``: that root.

    Returns
    -------
    dict
        The keys above.

    Examples
    --------
    >>> f = imperfect_reset_forms()
    >>> f["limit_poly"], f["sup"]
    (64*(3*epsilon**2 - 6*epsilon + 1), 1 - sqrt(6)/3)
    """
    g, gam, r, eps = SYM["g"], SYM["gamma"], SYM["r"], SYM["epsilon"]
    # solve in units gamma = 1 (3 symbols: much faster), then restore gamma by
    # homogeneity: the generator is linear in (g, gamma, r), so the steady state
    # depends on g/gamma and r/gamma only.
    m = ising_model(g, 1, r, eps)
    rho1 = steady_state(m).require_unique()
    units = {g: g / gam, r: r / gam}
    rho = rho1.subs(units, simultaneous=True).applyfunc(sp.factor)
    evs = [(sp.factor(ev.subs(units, simultaneous=True)), mult) for ev, mult in pt_eigenvalues(rho1, [0], 2)]
    # every PT eigenvalue but one is certified >= 0 for g, gamma, r > 0, 0 < epsilon < 1
    neg = [(ev, mult) for ev, mult in evs if not certify_nonnegative(ev, {eps: (0, 1)}, closed=False)]
    if len(neg) != 1 or neg[0][1] != 1:
        raise CheckFailedError(f"imperfect reset: expected one uncertified PT eigenvalue, got {neg}")
    lam = sp.factor(neg[0][0])
    num, den = sp.fraction(sp.together(lam))
    P, Q = sp.expand(-num), sp.factor(den)
    # make the leading eps^2 coefficient of P positive and Q manifestly positive
    if sp.Poly(P, eps).LC().subs({g: 1, gam: 1, r: 1}) < 0:
        P, Q = -P, -Q
    a, b, c = sp.Poly(P, eps).all_coeffs()  # P = a eps^2 + b eps + c, a > 0
    dsc = sp.factor(sp.expand(b**2 - 4 * a * c))
    common = sp.gcd_list([a, b])
    roots = [sp.factor(sp.cancel(-b / common)) / 2 / sp.factor(sp.cancel(a / common)) + sg * sp.sqrt(dsc) / (2 * a)
             for sg in (-1, 1)]
    pt = {g: 5, gam: 1, r: 15}
    roots = sorted(roots, key=lambda e: float(sp.re(e.subs(pt))))
    eps_r = sp.together(roots[0])
    P1 = P.subs(gam, 1)
    disc = sp.factor(sp.discriminant(sp.Poly(P1, r)))
    # the factor that carries the maximum: drop constant and monomial factors
    facs = [f for f, _ in sp.factor_list(disc)[1] if f.has(eps) and f.has(g) and sp.Poly(f, eps, g).length() > 1]
    disc_core = sp.Mul(*facs)
    lead = sp.Poly(disc_core, g).LC()
    lead = sp.factor(lead)
    cands = [x for x in sp.real_roots(sp.Poly(lead, eps)) if 0 < x < 1]
    sup = sp.radsimp(max(cands)) if cands else sp.nan
    return {"rho": rho, "lambda": lam, "P": P, "Q": Q, "negativity": sp.Max(0, P / Q),
            "eps_r": eps_r, "disc": disc_core, "limit_poly": lead, "sup": sup}


_EPS_R_FN = []  # in-process only (lambdified callables are never cached on disk)


def _eps_r_numeric(gv: float, rv, gamma: float = 1.0):
    """Smaller root of P(eps)=0 at (g, r) (vectorized in r)."""
    if not _EPS_R_FN:
        f = imperfect_reset_forms()
        _EPS_R_FN.append(lambdify(f["eps_r"], (SYM["g"], SYM["gamma"], SYM["r"])))
    fn = _EPS_R_FN[0]
    with np.errstate(all="ignore"):
        return np.real(fn(gv, gamma, np.asarray(rv, dtype=float)))


def epsilon_max(g, gamma=1, digits: int = 20):
    r"""Largest :math:`\epsilon` allowing steady-state entanglement of the Ising model, maximized over r.

    Derived: :math:`\epsilon_{\max}(g)` is a critical value of the curve
    :math:`P(\epsilon,r)=0`, i.e. a root of the discriminant of :math:`P` in
    :math:`r` (``imperfect_reset_forms()["disc"]`` at :math:`g/\gamma`); the
    root is isolated exactly and the right one is picked by checking that
    :math:`P(\epsilon^*,\cdot)` has a double root :math:`r^*>0` where
    :math:`\epsilon^*` is the smaller :math:`\epsilon`-root. Returns
    ``(eps_max, r_star)`` as floats, or ``(None, None)`` when even
    :math:`\epsilon=0` gives no entanglement (:math:`g\le\gamma`).

    Parameters
    ----------
    g : number
        Coupling.
    gamma : number, default 1
        Dephasing rate.
    digits : int, default 20
        Working precision of the roots.

    Returns
    -------
    tuple
        ``(eps_max, r_star)`` floats, or ``(None, None)``.

    Examples
    --------
    >>> epsilon_max(2)
    (0.0535741595653..., 8.834417836388...)
    """
    gv = _exact(g) / _exact(gamma)
    f = imperfect_reset_forms()
    eps, r = SYM["epsilon"], SYM["r"]
    D = sp.Poly(f["disc"].subs(SYM["g"], gv), eps)
    P1 = f["P"].subs({SYM["gamma"]: 1, SYM["g"]: gv})
    best = None
    for cand in sp.real_roots(D):
        if not 0 < cand < 1:
            continue
        ce = cand.evalf(digits + 10)
        Pr = sp.Poly(P1.subs(eps, ce), r)
        # a double root of P(eps*, r) in r is a (simple) root of dP/dr, a quadratic
        rr = [sp.re(x) for x in Pr.diff(r).nroots(n=digits + 5) if abs(sp.im(x)) < 1e-12 and sp.re(x) > 0]
        for x in rr:
            if abs(Pr.eval(x)) > 1e-8 * (1 + abs(x)) ** 3:
                continue
            e_small = float(_eps_r_numeric(float(gv), float(x)))
            if abs(e_small - float(ce)) < 1e-8 and (best is None or ce > best[0]):
                best = (ce, x)
    if best is None:
        return None, None
    return float(best[0]), float(best[1]) * float(_exact(gamma))


def epsilon_max_numeric(g, gamma=1.0) -> tuple:
    """Cross-check: maximize ``eps_-(g, r)`` over r numerically (bounded scalar search on log r)."""
    from scipy.optimize import minimize_scalar
    gv = float(g) / float(gamma)

    def neg(lr):
        return -float(_eps_r_numeric(gv, np.exp(lr)))

    grid = np.linspace(-5, 12, 400)
    vals = -_eps_r_numeric(gv, np.exp(grid))
    k = int(np.nanargmin(vals))
    res = minimize_scalar(neg, bounds=(grid[max(k - 1, 0)], grid[min(k + 1, len(grid) - 1)]),
                          method="bounded", options={"xatol": 1e-12})
    e = -res.fun
    if not e > 0:
        return None, None
    return e, float(np.exp(res.x)) * float(gamma)


# ----------------------------------------------------------- no reset
@functools.lru_cache(maxsize=64)
@cached("hdb-general-no-reset-v2")
def no_reset_forms() -> dict:
    r"""Decay channel without reset (:math:`\gamma=1`, :math:`B=2`, :math:`C=1`), :math:`H=g\sigma_x\sigma_x`.

    Derived: the steady state in :math:`(g,s)`, the negativity (every PT eigenvalue not
    certified :math:`\ge0` kept), the eigenvalue :math:`\lambda(g,s)` that can be negative for
    :math:`1/2<s\le1` (the others certified :math:`\ge0` there), at :math:`s=1` the maximum of
    :math:`\mathcal N=-\lambda` over :math:`g` (root of :math:`\partial_g\lambda`),
    the threshold :math:`s_c(g)` (root of :math:`\lambda=0` in :math:`s`), its value at the
    optimal :math:`g`, and its minimum over :math:`g`.

    Returns
    -------
    dict
        ``rho``, ``lambda``, ``negativity``, ``N_s1``, ``g_star``, ``N_max``, ``s_c``,
        ``s_c_at_gstar``, ``g_min``, ``s_c_min``.

    Examples
    --------
    At s = 1, 𝒩 = g(2 − g)/(4(g² + 1)) is largest at g* = (√5 − 1)/2:

    >>> f = no_reset_forms()
    >>> f["N_s1"], f["g_star"], f["N_max"], f["s_c_min"]
    (-g*(g - 2)/(4*(g**2 + 1)), -1/2 + sqrt(5)/2, -1/8 + sqrt(5)/8, sqrt(2)/4 + 1/2)
    """
    g, s = SYM["g"], SYM["s"]
    m = decay_model(g, s)
    rho = steady_state(m).require_unique()
    evs = pt_eigenvalues(rho, [0], 2)
    lam1 = [sp.factor(ev) for ev, _ in evs]
    # PT eigenvalues not certified >= 0 for g > 0, 0 < s < 1 (all kept in the negativity)
    cands = [ev for ev in lam1 if not certify_nonnegative(ev, {s: (0, 1)}, closed=False)]
    negativity = sp.Add(*[sp.Max(0, -ev) for ev in cands])
    # on 1/2 < s < 1 (s = (1 + v)/2, 0 < v < 1) all but one are certified >= 0: that one is lambda
    v = sp.Dummy("v", positive=True)
    upper = [ev for ev in cands if not certify_nonnegative(ev.subs(s, (1 + v) / 2), {v: (0, 1)}, closed=False)]
    if len(upper) != 1:
        raise CheckFailedError(f"no reset: expected one uncertified PT eigenvalue on 1/2 < s < 1, got {upper}")
    lam = upper[0]
    N1 = sp.factor(-lam.subs(s, 1))
    crit = [x for x in sp.solve(sp.diff(N1, g), g) if x.is_positive]
    gstar = max(crit, key=lambda x: N1.subs(g, x))
    Nmax = sp.radsimp(sp.simplify(N1.subs(g, gstar)))
    num = sp.numer(sp.together(lam))
    sroots = sp.solve(num, s)
    # threshold above 1/2 (for s < 1/2 the mirror image s -> 1 - s holds)
    sc = [x for x in sroots if 0.5 < float(x.subs(g, gstar)) <= 1]
    sc = sp.simplify(sc[0])
    sc_at_gstar = sp.radsimp(sp.simplify(sc.subs(g, gstar)))
    gcrit = [x for x in sp.solve(sp.diff(sc, g), g) if x.is_positive]
    gmin = gcrit[0]
    sc_min = sp.radsimp(sp.simplify(sc.subs(g, gmin)))
    return {"rho": rho, "lambda": lam, "negativity": negativity, "N_s1": N1, "g_star": gstar, "N_max": Nmax, "s_c": sc,
            "s_c_at_gstar": sc_at_gstar, "g_min": gmin, "s_c_min": sc_min}


