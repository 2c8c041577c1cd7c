r"""Hartmann–Dür–Briegel Sec. II: the exact two-qubit reset model.

Model (HDB Eq. (2), :math:`\hbar=1`, standard Lindblad normalization)

.. math::

    \dot\rho=-i[H,\rho]+\sum_{i=1,2}\Big\{\frac{\gamma}{2}\big(\sigma_z^{(i)}\rho\,\sigma_z^{(i)}-\rho\big)
      +r\big(|\psi\rangle_i\langle\psi|\otimes\mathrm{tr}_i\rho-\rho\big)\Big\},

with :math:`H_I=g\,\sigma_z\otimes\sigma_z` (Ising, reset state
:math:`|\psi\rangle=|+\rangle`) or :math:`H_H=g\,\vec\sigma\cdot\vec\sigma`
(Heisenberg, reset to :math:`|+\rangle` or :math:`|0\rangle`). In the
package's terms: ``Jump(σz_i, rate=γ/2)`` (standard normalization) and
``Reset(i, |ψ><ψ|, r)``. Basis :math:`|00\rangle,|01\rangle,|10\rangle,|11\rangle`
with :math:`\sigma_z|0\rangle=+|0\rangle`; the partial transpose is taken on
qubit 0 and :math:`\mathcal N=(\|\rho^{T_A}\|_1-1)/2`.

Everything below is *derived* by the package: the coefficient equations and
the steady state come from the core (exact null space over
:math:`\mathbb Q(g,r,\gamma)`), the spectrum from the factored characteristic
polynomial, the negativity from the factored characteristic polynomial of
:math:`\rho^{T_A}` (:func:`pt_eigenvalues_structured`), and the geometry of
the entangled region (boundary, asymptotes, ridges, scaling limit,
supremum, window maximum, thresholds) by sympy from the derived numerator.

>>> m = ising_reset_model()
>>> m.parameters
(g, gamma, r)
>>> from symbolic_ness.core import steady_state
>>> steady_state(m, {"g": 2, "r": 1, "gamma": 1}).rho[0, 3]
3/176
"""
from __future__ import annotations

import functools

import numpy as np
import sympy as sp

from ..._cache import cached
from ..._errors import CheckFailedError, NonUniqueSteadyStateError, ParameterError, check_residual
from ...core import (
    Jump,
    Model,
    Reset,
    coefficient_equations,
    embed,
    kron,
    lambda_min_pt,
    liouvillian_numeric,
    liouvillian_spectrum,
    partial_trace,
    projector,
    pt_eigenvalues,
    sigma_x,
    sigma_y,
    sigma_z,
    steady_state,
)
from ...export import lambdify, latex
from ...algebra import nullspace_numeric
from ...algebra import certify_nonnegative, certify_positive, exact_number
from ...export import negative_intervals
from ._symbols import SYMBOLS

__all__ = ["ising_reset_model", "heisenberg_reset_model", "model_for", "build_two_qubit_model",
           "coefficient_equations_latex", "coefficient_equation_objects", "pt_eigenvalues_structured", "derive_two_qubit",
           "negativity_expr", "negative_fraction", "scaling_reduction", "ising_geometry", "two_qubit_threshold_intervals",
           "two_qubit_threshold_intervals_numeric", "window_maximum", "cut_analysis", "Evaluator",
           "evaluator", "ridge_lines", "heisenberg_result", "poly_real_roots", "numeric_state", "sort_complex"]

G, R, GAMMA = SYMBOLS["g"], SYMBOLS["r"], SYMBOLS["gamma"]
X, Y, Q = SYMBOLS["x"], SYMBOLS["y"], SYMBOLS["q"]   # g/gamma, r/gamma, g/r (scaling limit)


# ---------------------------------------------------------------- models
def _dephasing_jumps():
    return [Jump(embed(sigma_z(), i, 2), GAMMA / 2, label=f"dephasing {i}") for i in range(2)]


@functools.lru_cache(maxsize=None)
def ising_reset_model() -> Model:
    r"""HDB Eq. (2): :math:`H=g\sigma_z\otimes\sigma_z`, dephasing :math:`\frac\gamma2(\sigma_z\rho\sigma_z-\rho)`, reset to :math:`|+\rangle` at rate r.

    Returns
    -------
    Model
        Two qubits in the symbols g, r, γ of :data:`SYMBOLS` (standard normalization).

    Examples
    --------
    >>> ising_reset_model().name
    'reset-ising'

    >>> m = ising_reset_model()
    >>> m.parameters, [j.rate for j in m.jumps], [rs.rate for rs in m.resets]
    ((g, gamma, r), [gamma/2, gamma/2], [r, r])
    """
    H = G * embed(sigma_z(), 0, 2) * embed(sigma_z(), 1, 2)
    return Model(2, H, jumps=_dephasing_jumps(),
                 resets=[Reset(i, projector("+"), R) for i in range(2)], name="reset-ising")


@functools.lru_cache(maxsize=None)
def heisenberg_reset_model(reset: str = "plus") -> Model:
    r"""Heisenberg :math:`H=g\,\vec\sigma^{(1)}\cdot\vec\sigma^{(2)}`, same noise, reset to :math:`|+\rangle` (``"plus"``) or :math:`|0\rangle` (``"zero"``).

    Parameters
    ----------
    reset : str, default "plus"
        ``"plus"`` or ``"zero"`` (else ParameterError).

    Returns
    -------
    Model
        Two qubits in g, r, γ.

    Examples
    --------
    >>> heisenberg_reset_model("zero").resets[0].state
    Matrix([
    [1, 0],
    [0, 0]])
    """
    if reset not in ("plus", "zero"):
        raise ParameterError("reset", reset, "one of plus, zero")
    H = G * sum((embed(s(), 0, 2) * embed(s(), 1, 2) for s in (sigma_x, sigma_y, sigma_z)), sp.zeros(4, 4))
    st = projector("+" if reset == "plus" else "0")
    return Model(2, H, jumps=_dephasing_jumps(),
                 resets=[Reset(i, st, R) for i in range(2)], name=f"reset-heisenberg-{reset}")


def model_for(name: str, reset: str = "plus") -> Model:
    """The sympy model behind catalogue entry ``name``."""
    if name == "reset-ising":
        return ising_reset_model()
    return heisenberg_reset_model(reset)


def build_two_qubit_model(name: str, params: dict) -> Model:
    """The catalogue model ``name`` with the numbers in ``params`` substituted exactly
    (``g``, ``r``, ``gamma``; floats read as the decimal they print); the others stay symbols.

    >>> build_two_qubit_model("reset-ising", {"g": 2.5}).parameters
    (gamma, r)
    """
    m = model_for(name, params.get("reset", "plus"))
    vals = {SYMBOLS[k]: exact_number(params[k], k) for k in ("g", "r", "gamma") if params.get(k) is not None}
    return m.subs(vals) if vals else m


# ------------------------------------------------------ coefficient equations
def _dotted(name: str) -> str:
    r"""``C_{00;01}`` -> ``\dot{C}_{00;01}`` (the dot on the letter, not on the subscript)."""
    head, _, tail = name.partition("_")
    return r"\dot{" + head + "}" + ("_" + tail if tail else "")


def coefficient_equation_objects(model: Model) -> list:
    r"""The 16 equations :math:`\dot C_{s_1's_2';s_1s_2}=\dots` (from the core) as
    :class:`~symbolic_ness.export.Equation` objects."""
    from ...export import Equation, Named
    return [Equation(Named(_dotted(eq.lhs.args[0].func.__name__)), eq.rhs) for eq in coefficient_equations(model)]


def coefficient_equations_latex(model: Model) -> str:
    r"""The 16 equations :math:`\dot C_{s_1's_2';s_1s_2}=\dots` as a LaTeX ``aligned`` block."""
    from ...export import equation_latex
    return equation_latex(coefficient_equation_objects(model))


# ------------------------------------------------------------- PT eigenvalues
def pt_eigenvalues_structured(rho) -> list:
    """Exact PT eigenvalues (qubit 0) of a symbolic two-qubit state; see :func:`symbolic_ness.pt_eigenvalues`.

    >>> pt_eigenvalues_structured(sp.diag(1, 0, 0, 0))
    [(0, 3), (1, 1)]
    """
    return list(_pt_eigenvalues_memo(sp.ImmutableMatrix(rho)))


@functools.lru_cache(maxsize=16)
def _pt_eigenvalues_memo(rho: sp.ImmutableMatrix) -> tuple:
    """In-process memo (the derivation and the CLI's derive steps ask for the same state)."""
    return tuple(pt_eigenvalues(rho, [0], 2))


# ----------------------------------------------------------------- derivation
def _certify_derivation(d, args, kwargs) -> None:
    """Re-certify a derivation record read from the cache (core modular certificates): the
    steady state, the negativity formula, the spectrum factors and eigenvalues, the PT eigenvalues."""
    from ...core import (certify_charpoly_factors, certify_eigenvalues, certify_negativity_expr,
                         certify_pt_eigenvalues, certify_steady_rho)
    model = args[0]
    if d["nullity"] != 1:
        raise CheckFailedError("cache: derivation record of a non-unique steady state")
    certify_steady_rho(model, d["rho"])
    certify_negativity_expr(model, d["negativity"], model.parameters)
    certify_charpoly_factors(d["spectrum_factors"], (model,), {})
    certify_eigenvalues(d["spectrum"], (tuple(d["spectrum_factors"]),), {})
    certify_pt_eigenvalues(model, list(d["negative"]) + list(d["certified_positive"]))
    if sorted(map(str, d["pt_eigenvalues"])) != sorted(map(str, list(d["negative"]) + list(d["certified_positive"]))):
        raise CheckFailedError("cache: PT eigenvalue lists of the derivation record disagree")


@cached("hdb2-derivation-v2", certify=_certify_derivation)
def derive_two_qubit(model: Model) -> dict:
    r"""Steady state, spectrum, PT eigenvalues and negativity of a two-qubit model.

    Parameters
    ----------
    model : Model
        A two-qubit model with a unique generic steady state (else NonUniqueSteadyStateError).

    Returns
    -------
    dict
        ``rho`` (4×4), ``nullity``, ``denominators``, ``spectrum`` (list of (eigenvalue,
        multiplicity)), ``spectrum_factors``, ``pt_eigenvalues``, ``certified_positive`` (the PT
        eigenvalues certified non-negative for all positive parameters,
        :func:`~symbolic_ness.algebra.certify_nonnegative`), ``negative`` (every other PT
        eigenvalue: none is dropped without a certificate), ``negativity``
        (:math:`\sum\max(0,-\lambda)` over ``negative``) and ``product`` (whether
        :math:`\rho=\rho_A\otimes\rho_B` exactly).

    Examples
    --------
    >>> d = derive_two_qubit(ising_reset_model())
    >>> len(d["negative"]), d["nullity"], d["product"], d["denominators"]
    (1, 1, False, [gamma + r, 4*g**2 + gamma**2 + 3*gamma*r + 2*r**2])
    """
    ss = steady_state(model)
    if not ss.unique:
        raise NonUniqueSteadyStateError(f"steady state not unique: null space dimension {ss.nullity}", ss.nullity)
    rho = ss.rho
    spec = liouvillian_spectrum(model)
    pts = pt_eigenvalues_structured(rho)
    negative, certified = [], []
    for ev, m in pts:
        (certified if certify_nonnegative(ev) else negative).append((ev, m))
    Nexpr = sp.Add(*[m * sp.Max(0, -ev) for ev, m in negative]) if negative else sp.Integer(0)
    rA = partial_trace(rho, [0], 2)
    rB = partial_trace(rho, [1], 2)
    product = all(sp.cancel(v) == 0 for v in (rho - kron(rA, rB)))
    return {"rho": sp.ImmutableMatrix(rho), "nullity": ss.nullity,
            "denominators": list(ss.denominators),
            "spectrum": [(ev, m) for ev, m in spec.eigenvalues],
            "spectrum_factors": [(f, m) for f, m in spec.factors],
            "pt_eigenvalues": list(pts), "negative": negative, "certified_positive": certified,
            "negativity": Nexpr, "product": bool(product)}


def negativity_expr(model: Model | None = None):
    r"""The derived closed-form negativity (sympy), e.g. for the Ising model

    :math:`\mathcal N=\max\{0,-P/[4(\gamma+r)(4g^2+\gamma^2+3\gamma r+2r^2)]\}`.
    """
    return derive_two_qubit(model or ising_reset_model())["negativity"]


def negative_fraction(model: Model):
    """``(P, D)`` with the only uncertified PT eigenvalue ``= P/D`` and ``D`` certified positive
    (``None`` if there is no such single eigenvalue)."""
    d = derive_two_qubit(model)
    if len(d["negative"]) != 1:
        return None
    ev, _ = d["negative"][0]
    P, Qd = sp.fraction(sp.cancel(sp.together(ev)))
    if not certify_positive(Qd):
        P, Qd = -P, -Qd
    if not certify_positive(Qd):
        return None
    return sp.expand(P), sp.factor(Qd)


def scaling_reduction(model: Model | None = None) -> dict:
    r"""Show :math:`\mathcal N(g,r,\gamma)=\mathcal N(g/\gamma,r/\gamma,1)`.

    Substitutes :math:`g=\gamma x,\ r=\gamma y` into the negative PT
    eigenvalue and checks (exact ``cancel``) that :math:`\gamma` drops out.

    Parameters
    ----------
    model : Model or None, default None
        The model (``None``: :func:`ising_reset_model`).

    Returns
    -------
    dict
        ``gamma_cancels`` (bool) and ``reduced`` 𝒩(x, y, 1), x = g/γ, y = r/γ.

    Examples
    --------
    >>> scaling_reduction()["gamma_cancels"]
    True
    """
    model = model or ising_reset_model()
    d = derive_two_qubit(model)
    out = []
    ok = True
    for ev, _ in d["negative"]:
        scaled = sp.cancel(ev.subs({G: GAMMA * X, R: GAMMA * Y}, simultaneous=True))
        reduced = sp.cancel(ev.subs({G: X, R: Y, GAMMA: 1}, simultaneous=True))
        ok &= sp.cancel(scaled - reduced) == 0 and GAMMA not in scaled.free_symbols
        out.append(sp.factor(reduced))
    N = sp.Add(*[sp.Max(0, -e) for e in out]) if out else sp.Integer(0)
    return {"gamma_cancels": bool(ok), "reduced": N}


# ----------------------------------------------------------------- geometry
def _lc_in_r(expr):
    """Leading coefficient in r of a polynomial expression (an expression in the other symbols)."""
    return sp.Poly(sp.expand(expr), R).LC()


def _simple_linear_root(expr, var):
    """The root of ``expr`` if it is a polynomial of degree exactly 1 in ``var``, else ``None``."""
    p = sp.Poly(sp.expand(expr), var)
    if p.degree() != 1:
        return None
    c1, c0 = p.all_coeffs()
    return sp.factor(sp.cancel(-c0 / c1))


def _solve_poly(expr, var) -> list:
    """Roots of the polynomial ``expr`` in ``var`` allowed by ``var``'s assumptions, sorted as
    ``sympy.solve`` sorts them: radicals from ``sympy.roots`` when they are complete (multiplicities
    adding up to the degree), else ``sympy.solve`` itself. No ``simplify`` pass."""
    from sympy.core.assumptions import check_assumptions
    p = sp.Poly(expr, var)
    rts = sp.roots(p)
    if sum(rts.values()) != p.degree():
        return sp.solve(expr, var)
    return sorted((r for r in rts if check_assumptions(r, var) is not False), key=sp.default_sort_key)


def _limit_at_infinity(expr, var):
    """:math:`\\lim_{var\\to\\infty}` of a rational function of ``var`` from the leading
    coefficients of its reduced numerator and denominator (``sympy.limit`` when the numerator's
    degree is higher: the sign of the divergence needs it)."""
    num, den = sp.fraction(sp.cancel(expr))
    pn, pd = sp.Poly(num, var), sp.Poly(den, var)
    if pn.degree() > pd.degree():
        return sp.limit(expr, var, sp.oo)
    return pn.LC() / pd.LC() if pn.degree() == pd.degree() else sp.Integer(0)


def _is_zero(expr) -> bool:
    """Exact zero test: rationalised and expanded (``simplify`` only if that does not give 0)."""
    return sp.expand(sp.radsimp(expr)) == 0 or sp.simplify(expr) == 0


def _branch_asymptotes(P, gm, gp):
    r"""``(lim g_-, lim g_+/r, lim (g_+ - r))`` for :math:`r\to\infty` from the Newton polygon of
    :math:`P(g,r)` (quadratic in g), or ``None`` when the argument does not apply.

    With :math:`s=1/r`: a bounded branch has its limit among the roots of the leading coefficient
    of P in r; a *simple* root :math:`\lambda` gives exactly one such branch (implicit function
    theorem for :math:`r^{-\deg}P` at :math:`s=0`). Likewise :math:`g=\mu r`: a simple non-zero root
    :math:`\mu_1` of the leading coefficient of :math:`P(\mu r,r)` gives one branch with
    :math:`g/r\to\mu_1`, and :math:`g=\mu_1r+\delta` its offset (a simple root of the leading
    coefficient of :math:`P(\mu_1r+\delta,r)`). The quadratic has exactly these two branches; which
    of ``gm``, ``gp`` is which is read at large r (P is homogeneous, so gamma = 1 is no restriction).
    """
    if sp.Poly(P, G).degree() != 2 or not sp.Poly(P, G, R, GAMMA).is_homogeneous:
        return None
    lam = _simple_linear_root(_lc_in_r(P), G)
    mu = sp.Symbol("mu_")
    F = sp.Poly(_lc_in_r(P.subs(G, mu * R)), mu)
    if F.degree() != 2 or F.eval(0) != 0:
        return None
    mu1 = _simple_linear_root(sp.quo(F, sp.Poly(mu, mu)).as_expr(), mu)
    if lam is None or mu1 is None or not mu1.is_positive:
        return None
    dl = sp.Symbol("delta_")
    off = _simple_linear_root(_lc_in_r(P.subs(G, mu1 * R + dl)), dl)
    if off is None:
        return None
    # identify the bounded branch (gm) and the growing one (gp) at r = 10^8, gamma = 1
    at = {R: sp.Integer(10) ** 8, GAMMA: 1}
    vm, vp = (complex(sp.N(e.subs(at), 50)) for e in (gm, gp))
    lam1 = complex(sp.N(lam.subs(at), 50))
    if not (abs(vm - lam1) < 1e-3 and abs(vp / 1e8 - complex(mu1)) < 1e-3):
        return None
    return lam, mu1, off


@cached("hdb2-geometry-v2")
def ising_geometry() -> dict:
    r"""Exact geometry of the entangled region of the Ising reset model.

    With the derived negative PT eigenvalue :math:`\lambda_-=P/D`
    (:math:`D>0` certified), :math:`\mathcal N=\max(0,-P/D)`:

    * ``boundary``: :math:`P(g,r,\gamma)=0`; ``boundary_in_r``: coefficients in r;
      ``branches``: :math:`g_\pm(r)` solving P = 0.
    * asymptotes: ``lim_r g_-(r)`` (→ γ), ``lim g_+/r`` (→ 1) and ``lim g_+ - r``;
      ``leading_r``: leading coefficient of P in r (its root g = γ).
    * ridges: ``ridge_g`` numerator of ∂N/∂g (max over g at fixed r),
      ``ridge_r`` numerator of ∂N/∂r (max over r at fixed g).
    * scaling limit :math:`g=qr,\ r\to\infty`: ``N_inf(q)``, optimal ``q_star``,
      ``sup`` = N_inf(q_star); ``ridge_limits``: leading coefficients of the ridge
      polynomials at g = q r (their positive roots are q_star).

    Returns
    -------
    dict
        ``P``, ``D`` and the keys above.

    Examples
    --------
    >>> geo = ising_geometry()
    >>> geo["lim_lower"], geo["lim_upper_ratio"], geo["leading_r"], geo["q_star"], geo["sup"]
    (gamma, 1, -4*(g - gamma), -1/2 + sqrt(3)/2, -1/8 + sqrt(3)/8)
    """
    model = ising_reset_model()
    P, Dn = negative_fraction(model)
    N = -P / Dn
    out = {"P": P, "D": Dn}
    out["boundary_in_r"] = [sp.factor(c) for c in sp.Poly(P, R).all_coeffs()]
    # all roots of P in g (sympy roots of the polynomial; complete: multiplicities add up to the degree)
    rts = sp.roots(sp.Poly(P, G))
    branches = list(rts) if sum(rts.values()) == sp.degree(P, G) else sp.solve(sp.Eq(P, 0), G)
    branches = sorted(branches, key=lambda e: float(e.subs({R: 100, GAMMA: 1})))
    out["branches"] = branches
    gm, gp = branches[0], branches[-1]
    fast = _branch_asymptotes(P, gm, gp)
    if fast is not None:
        out["lim_lower"], out["lim_upper_ratio"], out["lim_upper_offset"] = fast
    else:
        out["lim_lower"] = sp.limit(gm, R, sp.oo)
        out["lim_upper_ratio"] = sp.limit(gp / R, R, sp.oo)
        out["lim_upper_offset"] = sp.limit(gp - R, R, sp.oo)
    lc = sp.Poly(P, R).LC()
    out["leading_r"] = sp.factor(lc)
    out["leading_r_root"] = _solve_poly(lc, G)
    # ridges: numerators of the partial derivatives, keep the factor that changes sign.
    # d(-P/D)/dv = -(P_v D - P D_v)/D^2, reduced (polynomial arithmetic, no rational-expression diff)
    gens = (G, GAMMA, R)
    Pp, Dp = sp.Poly(P, *gens), sp.Poly(Dn, *gens)

    def ridge(var):
        num = Pp.diff(var) * Dp - Pp * Dp.diff(var)
        num = num.quo(num.gcd(Dp * Dp))
        _, facs = sp.factor_list(num.as_expr())
        keep = [f for f, _ in facs if f.has(G) and f.has(R) and sp.Poly(f, var).degree() >= 1]
        return sp.expand(sp.Mul(*keep))
    out["ridge_g"] = ridge(G)
    out["ridge_r"] = ridge(R)
    Ninf = sp.factor(_limit_at_infinity(N.subs(G, Q * R), R))
    out["N_inf"] = Ninf
    crit = _solve_poly(sp.numer(sp.together(sp.diff(Ninf, Q))), Q)
    qs = [c for c in crit if c.is_positive and bool(c < 1)]
    q_star = sp.radsimp(qs[0])
    out["q_star"] = q_star
    out["q_star_is_1_over_1_plus_sqrt3"] = _is_zero(q_star - 1 / (1 + sp.sqrt(3)))
    out["sup"] = sp.expand(sp.radsimp(Ninf.subs(Q, q_star)))  # exact: rationalised denominator
    lims = []
    for key in ("ridge_g", "ridge_r"):
        pr = sp.Poly(sp.expand(out[key].subs(G, Q * R)), R)
        lims.append(sp.factor(pr.LC()))
    out["ridge_limits"] = lims
    out["ridge_limit_roots"] = [[sp.radsimp(s) for s in _solve_poly(lc_, Q) if s.is_positive] for lc_ in lims]
    return out


def poly_real_roots(expr, var, lo=None, hi=None) -> list:
    """Real roots ``(exact, float)`` in ``(lo, hi)`` of a univariate polynomial, isolated exactly
    (float coefficients become the rational they print; ``CheckFailedError`` if not exact).

    >>> v = sp.Symbol("v")
    >>> poly_real_roots(v**2 - 2, v, 0)
    [(sqrt(2), 1.4142135623730951)]
    """
    expr = sp.sympify(expr)
    expr = expr.xreplace({f: exact_number(float(f)) for f in expr.atoms(sp.Float)})
    p = sp.Poly(sp.expand(expr), var)
    if not p.domain.is_Exact:
        raise CheckFailedError(f"poly_real_roots: inexact coefficients ({p.domain})")
    out = []
    for rt in p.real_roots():
        v = float(sp.N(rt, 30))
        if (lo is None or v > lo) and (hi is None or v < hi):
            out.append((rt, v))
    return out


def two_qubit_threshold_intervals(model: Model, g, gamma) -> list:
    r"""Exact r-intervals ``[lo, hi]`` (``hi=None``: unbounded) with :math:`\mathcal N>0` at fixed g, γ.

    Uses the real roots in r of the derived numerators of the PT eigenvalues
    that can be negative; the sign between consecutive roots is tested
    exactly at rational midpoints.

    Parameters
    ----------
    model : Model
        A two-qubit model in g, r, γ.
    g, gamma : number
        Fixed values (exact: a float is the rational it prints).

    Returns
    -------
    list of list
        ``[lo, hi]`` floats (``hi`` ``None``: unbounded).

    Examples
    --------
    >>> two_qubit_threshold_intervals(ising_reset_model(), 2.5, 1)  # r > (19 + √985)/12
    [[4.198725804412..., None]]
    """
    d = derive_two_qubit(model)
    if not d["negative"]:
        return []
    vals = {G: exact_number(g, "g"), GAMMA: exact_number(gamma, "gamma")}
    evs = [sp.cancel(ev.subs(vals)) for ev, _ in d["negative"]]
    cuts = set()
    for ev in evs:
        num, den = sp.fraction(sp.together(ev))
        for e in (num, den):
            if e.has(R):
                for rt, v in poly_real_roots(e, R, lo=0):
                    cuts.add(rt)
    cuts = sorted(cuts, key=lambda c: float(sp.N(c, 30)))
    pts = [sp.Integer(0)] + cuts
    intervals = []

    def negative_at(rv):
        return any(float(sp.N(ev.subs(R, rv), 30)) < 0 for ev in evs)

    for k, lo in enumerate(pts):
        hi = pts[k + 1] if k + 1 < len(pts) else None
        flo = float(sp.N(lo, 30))
        mid = sp.Rational(str(round((flo + float(sp.N(hi, 30))) / 2, 12))) if hi is not None else exact_number(flo + max(1.0, flo))
        if negative_at(mid):
            item = [flo, None if hi is None else float(sp.N(hi, 30))]
            if intervals and intervals[-1][1] == item[0]:
                intervals[-1][1] = item[1]
            else:
                intervals.append(item)
    return intervals


def window_maximum(L=20) -> dict:
    r"""Maximum of :math:`\mathcal N` over :math:`0\le g,r\le L` (γ = 1), exactly located.

    Candidates: interior critical points (common roots of the two ridge
    polynomials, via their resultant in g), the edges r = L (roots of the
    g-ridge polynomial) and g = L (roots of the r-ridge polynomial).

    Parameters
    ----------
    L : number, default 20
        Side of the window.

    Returns
    -------
    dict
        ``value``, exact ``g`` and ``r``, ``where``, their floats, ``interior_critical_points``.

    Examples
    --------
    >>> w = window_maximum()
    >>> round(w["value"], 9), w["g"], w["r"], w["where"]
    (0.068050937, -205/21 + sqrt(547801)/42, 20, 'edge r = L: root of the g-ridge polynomial')
    """
    geo = ising_geometry()
    L = sp.Integer(L)
    Pn = geo["P"].subs(GAMMA, 1)
    Dn = geo["D"].subs(GAMMA, 1)
    Nf = lambdify(-Pn / Dn, (G, R))
    rg = geo["ridge_g"].subs(GAMMA, 1)
    rr = geo["ridge_r"].subs(GAMMA, 1)
    cands = []
    res = sp.resultant(rg, rr, G)
    interior = []
    for rt, rv in poly_real_roots(res, R, 0, float(L)):
        cs = [complex(c) for c in sp.Poly(rg.subs(R, rt).evalf(30), G).all_coeffs()]
        for z in np.roots(cs):
            if abs(z.imag) < 1e-9 and 0 < z.real < float(L):
                gv = float(z.real)
                if abs(float(rr.subs({G: gv, R: rv}))) < 1e-6 * (1 + abs(float(rg.subs({G: gv, R: rv})))):
                    interior.append((gv, rv))
    for gv, rv in interior:
        cands.append((float(Nf(gv, rv)), gv, rv, "interior critical point"))
    for gt, gv in poly_real_roots(rg.subs(R, L), G, 0, float(L)):
        cands.append((float(Nf(gv, float(L))), gt, L, "edge r = L: root of the g-ridge polynomial"))
    for rt, rv in poly_real_roots(rr.subs(G, L), R, 0, float(L)):
        cands.append((float(Nf(float(L), rv)), L, rt, "edge g = L: root of the r-ridge polynomial"))
    cands.append((max(0.0, float(Nf(float(L), float(L)))), L, L, "corner"))
    best = max(cands, key=lambda c: c[0])
    return {"value": best[0], "g": best[1], "r": best[2], "where": best[3],
            "g_float": float(sp.N(best[1], 20)), "r_float": float(sp.N(best[2], 20)),
            "interior_critical_points": interior}


def cut_analysis(g=sp.Rational(5, 2)) -> dict:
    """Threshold and maximum of N along the cut g = const (γ = 1), exact roots.

    Parameters
    ----------
    g : number, default 5/2
        The cut.

    Returns
    -------
    dict
        ``boundary_poly``, exact ``threshold`` roots, ``max_value``, ``max_r``, ``N_cut``, floats.

    Examples
    --------
    >>> c = cut_analysis()
    >>> c["boundary_poly"], c["threshold"], round(c["max_r_float"], 9)
    (-6*r**2 + 19*r + 26, [19/12 + sqrt(985)/12], 10.258689585)
    """
    geo = ising_geometry()
    g = exact_number(g, "g")
    Pc = sp.expand(geo["P"].subs({G: g, GAMMA: 1}))
    thr = [rt for rt, v in poly_real_roots(Pc, R, 0)]
    thr_exact = [sp.radsimp(s) for s in sp.solve(Pc, R) if s.is_real and s > 0]
    Nc = -Pc / geo["D"].subs({G: g, GAMMA: 1})
    best = None
    for rt, rv in poly_real_roots(geo["ridge_r"].subs({G: g, GAMMA: 1}), R, 0):
        val = float(sp.N(Nc.subs(R, rt), 20))
        if best is None or val > best[0]:
            best = (val, rt, rv)
    return {"g": g, "boundary_poly": Pc, "threshold": thr_exact or thr,
            "threshold_float": [float(sp.N(t, 20)) for t in (thr_exact or thr)],
            "max_value": best[0], "max_r": best[1], "max_r_float": best[2], "N_cut": Nc}


def ridge_lines(rmax=20.0, num=400):
    """Numeric ridge lines (γ = 1) from the exact ridge polynomials.

    Returns ``(r_upper, g_upper, g_lower, r_lower)``: the maximum over g at
    fixed r (``g_upper(r_upper)``) and the maximum over r at fixed g
    (``r_lower(g_lower)``), roots of the polynomials by ``numpy.roots``.
    """
    geo = ising_geometry()
    Nf = lambdify((-geo["P"] / geo["D"]).subs(GAMMA, 1), (G, R))

    def line(poly, var, other, grid):
        cs = [lambdify(c, (other,)) for c in sp.Poly(poly.subs(GAMMA, 1), var).all_coeffs()]
        xs, ys = [], []
        for t in grid:
            roots = np.roots([complex(c(t)) for c in cs])
            best = None
            for z in roots:
                if abs(z.imag) > 1e-9 or z.real <= 0:
                    continue
                gv, rv = (z.real, t) if var == G else (t, z.real)
                n = Nf(gv, rv)
                if n > 0 and (best is None or n > best[0]):
                    best = (n, z.real)
            if best is not None:
                xs.append(t)
                ys.append(best[1])
        return np.array(xs), np.array(ys)

    r_up, g_up = line(geo["ridge_g"], G, R, np.linspace(0.05, rmax, num))
    g_lo, r_lo = line(geo["ridge_r"], R, G, np.linspace(1.0001, rmax, num))
    return r_up, g_up, g_lo, r_lo


def heisenberg_result(reset: str) -> dict:
    """What the derivation gives for the Heisenberg model: PT eigenvalues, certificates, product form.

    Parameters
    ----------
    reset : str
        ``"plus"`` or ``"zero"``.

    Returns
    -------
    dict
        ``rho``, ``pt_eigenvalues``, ``negative``, ``all_certified``, ``product``, ``negativity``.

    Examples
    --------
    >>> h = heisenberg_result("zero")  # every PT eigenvalue certified >= 0
    >>> h["all_certified"], h["product"], h["negativity"]
    (True, True, 0)
    """
    d = derive_two_qubit(heisenberg_reset_model(reset))
    return {"rho": d["rho"], "pt_eigenvalues": d["pt_eigenvalues"], "negative": d["negative"],
            "all_certified": len(d["certified_positive"]) == len(d["pt_eigenvalues"]),
            "product": d["product"], "negativity": d["negativity"]}


# ------------------------------------------------------------------ numerics
class Evaluator:
    """Lambdified closed forms of a derived two-qubit model (core :func:`lambdify`; never cached on disk)."""

    def __init__(self, model: Model):
        self.model = model
        self.derivation = d = derive_two_qubit(model)
        self.args = (G, R, GAMMA)
        expr = d["negativity"]
        if len(d["negative"]) == 1 and d["negative"][0][1] == 1:
            # same expression, numerator collected in g with factored coefficients (fewer flops)
            num, den = sp.fraction(d["negative"][0][0])
            expr = sp.Max(0, -sp.collect(sp.expand(num), G, sp.factor) / den)
        self.negativity = lambdify(expr, self.args)
        self._rho = lambdify(d["rho"], self.args)

    def rho(self, g, r, gamma):
        return np.array(self._rho(g, r, gamma), dtype=complex)

    def spectrum(self, g, r, gamma):
        vals = {G: exact_number(g, "g"), R: exact_number(r, "r"), GAMMA: exact_number(gamma, "gamma")}
        out = []
        for ev, m in self.derivation["spectrum"]:
            out += [complex(sp.N(ev.subs(vals), 20))] * m
        return sort_complex(out)


@functools.lru_cache(maxsize=None)
def evaluator(name: str = "reset-ising", reset: str = "plus") -> Evaluator:
    """Lambdified closed forms (negativity, ρ, spectrum) of a catalogue two-qubit model, memoized.

    Parameters
    ----------
    name, reset : str, default "reset-ising", "plus"
        ``"reset-ising"``, else the Heisenberg model with that reset state.

    Returns
    -------
    Evaluator
        ``negativity(g, r, gamma)`` (vectorized), ``rho(...)``, ``spectrum(...)``.

    Examples
    --------
    >>> round(float(evaluator().negativity(2.5, 10.0, 1.0)), 12)  # = 3/88
    0.034090909091
    """
    return Evaluator(model_for(name, reset))


def sort_complex(vals) -> list:
    """Complex numbers sorted by (real, imaginary) part, rounded to 9 digits for the order."""
    return sorted((complex(v) for v in vals), key=lambda z: (round(z.real, 9), round(z.imag, 9)))


def _values(p):
    return {"g": p["g"], "r": p["r"], "gamma": p["gamma"]}


def numeric_state(model: Model, p: dict):
    """Numeric steady state (core dense null space) at ``p`` (``g``, ``r``, ``gamma``), residual checked."""
    ss = steady_state(model, _values(p), method="numeric")
    if not ss.unique:
        raise NonUniqueSteadyStateError(f"the steady state is not unique at r = {p['r']}, g = {p['g']}, "
                                        f"gamma = {p['gamma']} (null-space dimension {ss.nullity})", ss.nullity)
    check_residual("numeric two-qubit steady state", ss.residual,
                   1e-9 * max(1.0, abs(p["g"]), abs(p["r"]), abs(p["gamma"])))
    return ss.rho


def _numeric_L_of_r(model: Model, g, gamma):
    """Numeric Liouvillian as a function of r at fixed g, gamma, using that L is affine in r
    (L(r) = L(0) + r [L(1) - L(0)]; checked at r = 2)."""
    L0 = liouvillian_numeric(model, {"g": g, "r": 0, "gamma": gamma}).toarray()
    L1 = liouvillian_numeric(model, {"g": g, "r": 1, "gamma": gamma}).toarray()
    L2 = liouvillian_numeric(model, {"g": g, "r": 2, "gamma": gamma}).toarray()
    dL = L1 - L0
    if np.abs(L2 - (L0 + 2 * dL)).max() > 1e-12 * (1 + np.abs(L2).max()):
        raise CheckFailedError("Liouvillian is not affine in r")
    return lambda r: L0 + r * dL


def _svd_state(L, tol=1e-10):
    """Numeric null space (core SVD kernel): (rho, nullity); the residual is checked."""
    vecs, sv = nullspace_numeric(L, tol)
    nullity = vecs.shape[1]
    if nullity != 1:
        return None, nullity
    rho = vecs[:, 0].reshape(4, 4, order="F")
    rho = rho / np.trace(rho)
    rho = (rho + rho.conj().T) / 2
    check_residual("numeric two-qubit null vector", float(np.linalg.norm(L @ rho.reshape(16, order="F"))),
                   1e-9 * max(1.0, sv[0]))
    return rho, 1


def two_qubit_threshold_intervals_numeric(model: Model, g, gamma, rmin=1e-3, rmax_factor=1e4, num=200) -> list:
    """Numeric r-intervals with N > 0: scan of λ_min(ρ^{T_A}) of the numeric (SVD) null space
    on a log grid r ∈ [rmin, rmax_factor]·max(g, γ), then bisection of each sign change (core :func:`negative_intervals`)."""
    s = max(g, gamma, 1e-12)
    Lr = _numeric_L_of_r(model, g, gamma)

    def lam(r):  # < 0 exactly where lambda_min < -1e-13
        rho, nullity = _svd_state(Lr(r))
        if nullity != 1:
            raise ParameterError("r", r, f"r > 0 with a unique steady state (null-space dimension {nullity})")
        return lambda_min_pt(rho) + 1e-13

    grid = np.geomspace(rmin * s, rmax_factor * s, num)
    vals = [lam(r) for r in grid]
    return negative_intervals(lam, grid, vals, tol=0.0, rtol=1e-13, left=0.0)
