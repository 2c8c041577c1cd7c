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
>>> from symbolic_ness.core._steady import steady_state
>>> steady_state(m, {"g": 2, "r": 1, "gamma": 1}).rho[0, 3]
3/176
"""
from __future__ import annotations

import functools
import math
import time
from pathlib import Path

import numpy as np
import sympy as sp

from ..._cache import cached
from ..._errors import ParameterError, require_nonnegative, require_real
from ...core._model import Jump, Model, Reset
from ...core._entanglement import pt_eigenvalues
from ...core._operators import embed, partial_trace, projector, sigma_x, sigma_y, sigma_z, kron
from ...app._registry import (CatalogModel, Param, Quantity, ReproduceSection, SectionResult,
                         register_model, register_section)

__all__ = ["G", "R", "GAMMA", "ising_reset_model", "heisenberg_reset_model", "model_for",
           "coefficient_equations_latex", "pt_eigenvalues_structured", "derive_two_qubit",
           "negativity_expr", "scaling_reduction", "ising_geometry", "threshold_intervals",
           "threshold_intervals_numeric", "window_maximum", "cut_analysis", "Evaluator",
           "evaluator", "ridge_lines", "heisenberg_result"]

G = sp.Symbol("g", positive=True)
R = sp.Symbol("r", positive=True)
GAMMA = sp.Symbol("gamma", positive=True)
X = sp.Symbol("x", positive=True)   # g / gamma
Y = sp.Symbol("y", positive=True)   # r / gamma
Q = sp.Symbol("q", positive=True)   # g / r (scaling limit)
LAM = sp.Symbol("lambda")


# ---------------------------------------------------------------- models
def _dephasing_jumps():
    return [Jump(embed(sigma_z(), i, 2), GAMMA / 2, label=f"dephasing {i}") for i in range(2)]


@functools.lru_cache(maxsize=None)
def ising_reset_model() -> Model:
    r"""HDB Eq. (2): :math:`H=g\sigma_z\otimes\sigma_z`, dephasing :math:`\frac\gamma2(\sigma_z\rho\sigma_z-\rho)`, reset to :math:`|+\rangle` at rate r.

    >>> ising_reset_model().name
    'reset-ising'
    """
    H = G * embed(sigma_z(), 0, 2) * embed(sigma_z(), 1, 2)
    return Model(2, H, jumps=_dephasing_jumps(),
                 resets=[Reset(i, projector("+"), R) for i in range(2)], name="reset-ising")


@functools.lru_cache(maxsize=None)
def heisenberg_reset_model(reset: str = "plus") -> Model:
    r"""Heisenberg :math:`H=g\,\vec\sigma^{(1)}\cdot\vec\sigma^{(2)}`, same noise, reset to |+> (``"plus"``) or |0> (``"zero"``).

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


# ------------------------------------------------------ coefficient equations
def coefficient_equations_latex(model: Model) -> str:
    r"""The 16 equations :math:`\dot C_{s_1's_2';s_1s_2}=\dots` (from the core) as a LaTeX ``aligned`` block."""
    from ...core._liouvillian import coefficient_equations

    lines = []
    for eq in coefficient_equations(model):
        name = eq.lhs.args[0].func.__name__
        lines.append(r"\dot " + name + " &= " + sp.latex(eq.rhs))
    return r"\begin{aligned}" + r"\\ ".join(lines) + r"\end{aligned}"


# ------------------------------------------------------------- PT eigenvalues
def _positive_certificate(expr) -> bool:
    """True if ``expr`` = p/q with p, q polynomials with only positive coefficients
    (hence > 0 for positive symbols); a sufficient, exact test."""
    num, den = sp.fraction(sp.cancel(sp.together(expr)))
    ok = True
    for part in (num, den):
        part = sp.expand(part)
        if part.is_number:
            ok &= bool(part > 0)
            continue
        coeffs = sp.Poly(part, *sorted(part.free_symbols, key=lambda s: s.name)).coeffs()
        ok &= all(c > 0 for c in coeffs) and all(s.is_positive for s in part.free_symbols)
    return bool(ok)


def pt_eigenvalues_structured(rho) -> list:
    """Exact PT eigenvalues (qubit 0) of a symbolic two-qubit state; see :func:`symbolic_ness.pt_eigenvalues`.

    >>> pt_eigenvalues_structured(sp.diag(1, 0, 0, 0))
    [(0, 3), (1, 1)]
    """
    return pt_eigenvalues(rho, [0], 2)


def _can_be_negative(ev, syms, samples=300, seed=3) -> bool:
    if _positive_certificate(ev):
        return False
    if ev.is_number:
        return bool(ev < 0)
    rng = np.random.default_rng(seed)
    f = sp.lambdify(syms, ev, "numpy")
    for _ in range(samples):
        v = complex(f(*rng.uniform(0.01, 30, len(syms))))
        if v.real < -1e-14:
            return True
    return False


# ----------------------------------------------------------------- derivation
@cached("hdb2-derivation-v1")
def derive_two_qubit(model: Model) -> dict:
    r"""Steady state, spectrum, PT eigenvalues and negativity of a two-qubit model.

    Returns a dict with ``rho`` (4×4), ``nullity``, ``denominators``,
    ``spectrum`` (list of (eigenvalue, multiplicity)), ``spectrum_factors``,
    ``pt_eigenvalues``, ``negative`` (the PT eigenvalues that can be
    negative for positive parameters; every other one is certified
    positive by :func:`_positive_certificate`), ``certified_positive``,
    ``negativity`` (:math:`\sum\max(0,-\lambda)`) and ``product`` (whether
    :math:`\rho=\rho_A\otimes\rho_B` exactly).
    """
    from ...core._spectrum import liouvillian_spectrum
    from ...core._steady import steady_state

    ss = steady_state(model)
    if not ss.unique:
        raise RuntimeError(f"steady state not unique: null space dimension {ss.nullity}")
    rho = ss.rho
    spec = liouvillian_spectrum(model)
    pts = pt_eigenvalues_structured(rho)
    syms = sorted(rho.free_symbols, key=lambda s: s.name)
    negative, certified = [], []
    for ev, m in pts:
        if _can_be_negative(ev, syms):
            negative.append((ev, m))
        elif _positive_certificate(ev) or (ev.is_number and ev >= 0):
            certified.append((ev, m))
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


def _neg_fraction(model: Model):
    """(P, Qd) with the negative PT eigenvalue = P/Qd, Qd certified positive."""
    d = derive_two_qubit(model)
    if len(d["negative"]) != 1:
        return None
    ev, _ = d["negative"][0]
    P, Qd = sp.fraction(sp.cancel(sp.together(ev)))
    if not _positive_certificate(Qd):
        P, Qd = -P, -Qd
    return sp.expand(P), sp.factor(Qd)


def scaling_reduction(model: Model | None = None) -> dict:
    r"""Show :math:`\mathcal N(g,r,\gamma)=\mathcal N(g/\gamma,r/\gamma,1)`.

    Substitutes :math:`g=\gamma x,\ r=\gamma y` into the negative PT
    eigenvalue and checks (exact ``cancel``) that :math:`\gamma` drops out.
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
@cached("hdb2-geometry-v1")
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
    """
    model = ising_reset_model()
    P, Dn = _neg_fraction(model)
    N = -P / Dn
    out = {"P": P, "D": Dn}
    out["boundary_in_r"] = [sp.factor(c) for c in sp.Poly(P, R).all_coeffs()]
    branches = sp.solve(sp.Eq(P, 0), G)
    branches = sorted(branches, key=lambda e: float(e.subs({R: 100, GAMMA: 1})))
    out["branches"] = branches
    gm, gp = branches[0], branches[-1]
    out["lim_lower"] = sp.limit(gm, R, sp.oo)
    out["lim_upper_ratio"] = sp.limit(gp / R, R, sp.oo)
    out["lim_upper_offset"] = sp.limit(gp - R, R, sp.oo)
    lc = sp.Poly(P, R).LC()
    out["leading_r"] = sp.factor(lc)
    out["leading_r_root"] = sp.solve(lc, G)
    # ridges: numerators of the partial derivatives, keep the factor that changes sign
    def ridge(var):
        num = sp.numer(sp.together(sp.diff(N, var)))
        _, facs = sp.factor_list(num)
        keep = [f for f, _ in facs if f.has(G) and f.has(R) and sp.Poly(f, var).degree() >= 1]
        return sp.expand(sp.Mul(*keep))
    out["ridge_g"] = ridge(G)
    out["ridge_r"] = ridge(R)
    Ninf = sp.factor(sp.limit(N.subs(G, Q * R), R, sp.oo))
    out["N_inf"] = Ninf
    crit = sp.solve(sp.numer(sp.together(sp.diff(Ninf, Q))), Q)
    qs = [c for c in crit if c.is_positive and bool(c < 1)]
    q_star = sp.radsimp(qs[0])
    out["q_star"] = q_star
    out["q_star_is_1_over_1_plus_sqrt3"] = sp.simplify(q_star - 1 / (1 + sp.sqrt(3))) == 0
    out["sup"] = sp.radsimp(sp.simplify(Ninf.subs(Q, q_star)))
    lims = []
    for key in ("ridge_g", "ridge_r"):
        pr = sp.Poly(sp.expand(out[key].subs(G, Q * R)), R)
        lims.append(sp.factor(pr.LC()))
    out["ridge_limits"] = lims
    out["ridge_limit_roots"] = [[sp.radsimp(s) for s in sp.solve(lc_, Q) if s.is_positive] for lc_ in lims]
    return out


def _poly_real_roots(expr, var, lo=None, hi=None):
    """Real roots of a univariate polynomial with exact coefficients, as (exact, float)."""
    p = sp.Poly(sp.nsimplify(sp.expand(expr)), var)
    out = []
    for rt in p.real_roots():
        v = float(sp.N(rt, 30))
        if (lo is None or v > lo) and (hi is None or v < hi):
            out.append((rt, v))
    return out


def _exact_num(v):
    if isinstance(v, (int, sp.Integer, sp.Rational)):
        return sp.Rational(v)
    return sp.nsimplify(float(v), rational=True)


def threshold_intervals(model: Model, g, gamma) -> list:
    r"""Exact r-intervals ``[lo, hi]`` (``hi=None``: unbounded) with :math:`\mathcal N>0` at fixed g, γ.

    Uses the real roots in r of the derived numerators of the PT eigenvalues
    that can be negative; the sign between consecutive roots is tested
    exactly at rational midpoints.
    """
    d = derive_two_qubit(model)
    if not d["negative"]:
        return []
    vals = {G: _exact_num(g), GAMMA: _exact_num(gamma)}
    evs = [sp.cancel(ev.subs(vals)) for ev, _ in d["negative"]]
    cuts = set()
    for ev in evs:
        num, den = sp.fraction(sp.together(ev))
        for e in (num, den):
            if e.has(R):
                for rt, v in _poly_real_roots(e, R, lo=0):
                    cuts.add(sp.nsimplify(rt) if rt.is_rational else rt)
    cuts = sorted(cuts, key=lambda c: float(sp.N(c, 30)))
    pts = [sp.Integer(0)] + cuts
    intervals = []

    def negative_at(rv):
        return any(float(sp.N(ev.subs(R, rv), 30)) < 0 for ev in evs)

    for k, lo in enumerate(pts):
        hi = pts[k + 1] if k + 1 < len(pts) else None
        flo = float(sp.N(lo, 30))
        mid = sp.Rational(str(round((flo + float(sp.N(hi, 30))) / 2, 12))) if hi is not None else sp.nsimplify(flo + max(1.0, flo))
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
    """
    geo = ising_geometry()
    L = sp.Integer(L)
    Pn = geo["P"].subs(GAMMA, 1)
    Dn = geo["D"].subs(GAMMA, 1)
    Nf = sp.lambdify((G, R), -Pn / Dn, "mpmath")
    rg = geo["ridge_g"].subs(GAMMA, 1)
    rr = geo["ridge_r"].subs(GAMMA, 1)
    cands = []
    res = sp.resultant(rg, rr, G)
    interior = []
    for rt, rv in _poly_real_roots(res, R, 0, float(L)):
        cs = [complex(c) for c in sp.Poly(rg.subs(R, rt).evalf(30), G).all_coeffs()]
        for z in np.roots(cs):
            if abs(z.imag) < 1e-9 and 0 < z.real < float(L):
                gv = float(z.real)
                if abs(float(rr.subs({G: gv, R: rv}))) < 1e-6 * (1 + abs(float(rg.subs({G: gv, R: rv})))):
                    interior.append((gv, rv))
    for gv, rv in interior:
        cands.append((float(Nf(gv, rv)), gv, rv, "interior critical point"))
    for gt, gv in _poly_real_roots(rg.subs(R, L), G, 0, float(L)):
        cands.append((float(Nf(gv, float(L))), gt, L, "edge r = L: root of the g-ridge polynomial"))
    for rt, rv in _poly_real_roots(rr.subs(G, L), R, 0, float(L)):
        cands.append((float(Nf(float(L), rv)), L, rt, "edge g = L: root of the r-ridge polynomial"))
    cands.append((max(0.0, float(Nf(float(L), float(L)))), L, L, "corner"))
    best = max(cands, key=lambda c: c[0])
    return {"value": best[0], "g": best[1], "r": best[2], "where": best[3],
            "g_float": float(sp.N(best[1], 20)), "r_float": float(sp.N(best[2], 20)),
            "interior_critical_points": interior}


def cut_analysis(g=sp.Rational(5, 2)) -> dict:
    """Threshold and maximum of N along the cut g = const (γ = 1), exact roots."""
    geo = ising_geometry()
    g = sp.nsimplify(g)
    Pc = sp.expand(geo["P"].subs({G: g, GAMMA: 1}))
    thr = [rt for rt, v in _poly_real_roots(Pc, R, 0)]
    thr_exact = [sp.radsimp(s) for s in sp.solve(Pc, R) if s.is_real and s > 0]
    Nc = -Pc / geo["D"].subs({G: g, GAMMA: 1})
    best = None
    for rt, rv in _poly_real_roots(geo["ridge_r"].subs({G: g, GAMMA: 1}), R, 0):
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
    Nf = sp.lambdify((G, R), (-geo["P"] / geo["D"]).subs(GAMMA, 1), "numpy")

    def line(poly, var, other, grid):
        cs = [sp.lambdify(other, c, "numpy") for c in sp.Poly(poly.subs(GAMMA, 1), var).all_coeffs()]
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
    """What the derivation gives for the Heisenberg model: PT eigenvalues, certificates, product form."""
    d = derive_two_qubit(heisenberg_reset_model(reset))
    return {"rho": d["rho"], "pt_eigenvalues": d["pt_eigenvalues"], "negative": d["negative"],
            "all_certified": len(d["certified_positive"]) == len(d["pt_eigenvalues"]),
            "product": d["product"], "negativity": d["negativity"]}


# ------------------------------------------------------------------ numerics
class Evaluator:
    """Lambdified closed forms of a derived two-qubit model (never cached on disk)."""

    def __init__(self, model: Model):
        from ...core._numeric import NumericFunction

        self.model = model
        self.derivation = d = derive_two_qubit(model)
        self.args = (G, R, GAMMA)
        expr = d["negativity"]
        if len(d["negative"]) == 1 and d["negative"][0][1] == 1:
            # same expression, numerator collected in g with factored coefficients (fewer flops)
            num, den = sp.fraction(d["negative"][0][0])
            expr = sp.Max(0, -sp.collect(sp.expand(num), G, sp.factor) / den)
        # Max(0, x) -> numpy.maximum (sympy's default numpy printer uses a slower amax over a stack)
        fn = sp.lambdify(self.args, expr, modules=[{"Max": np.maximum}, "numpy"], cse=True)
        self.negativity = NumericFunction(expr, self.args, fn)
        self._rho = sp.lambdify(self.args, d["rho"], "numpy", cse=True)

    def rho(self, g, r, gamma):
        return np.array(self._rho(complex(g), complex(r), complex(gamma)), dtype=complex)

    def spectrum(self, g, r, gamma):
        vals = {G: _exact_num(g), R: _exact_num(r), GAMMA: _exact_num(gamma)}
        out = []
        for ev, m in self.derivation["spectrum"]:
            out += [complex(sp.N(ev.subs(vals), 20))] * m
        return _sort_complex(out)


@functools.lru_cache(maxsize=None)
def evaluator(name: str = "reset-ising", reset: str = "plus") -> Evaluator:
    return Evaluator(model_for(name, reset))


def _sort_complex(vals):
    return sorted((complex(v) for v in vals), key=lambda z: (round(z.real, 9), round(z.imag, 9)))


def _values(p):
    return {"g": p["g"], "r": p["r"], "gamma": p["gamma"]}


def _numeric_state(model: Model, p):
    from ...core._steady import steady_state

    ss = steady_state(model, _values(p), method="numeric")
    if not ss.unique:
        raise ParameterError("r", p["r"], f"r > 0 (at these parameters the steady state is not unique: "
                             f"null-space dimension {ss.nullity})")
    return ss.rho


def _numeric_negativity(model, p) -> float:
    from ...core._entanglement import negativity

    return float(negativity(_numeric_state(model, p), [0], 2))


def _numeric_L_of_r(model: Model, g, gamma):
    """Numeric Liouvillian as a function of r at fixed g, gamma, using that L is affine in r
    (L(r) = L(0) + r [L(1) - L(0)]; checked at r = 2)."""
    from ...core._liouvillian import liouvillian_numeric

    L0 = liouvillian_numeric(model, {"g": g, "r": 0, "gamma": gamma}).toarray()
    L1 = liouvillian_numeric(model, {"g": g, "r": 1, "gamma": gamma}).toarray()
    L2 = liouvillian_numeric(model, {"g": g, "r": 2, "gamma": gamma}).toarray()
    dL = L1 - L0
    if np.abs(L2 - (L0 + 2 * dL)).max() > 1e-12 * (1 + np.abs(L2).max()):
        raise RuntimeError("Liouvillian is not affine in r")
    return lambda r: L0 + r * dL


def _svd_state(L, tol=1e-10):
    """Numeric null space by SVD: (rho, nullity, residual)."""
    _, sv, vh = np.linalg.svd(L)
    nullity = int(np.sum(sv <= tol * max(sv[0], 1.0)))
    v = vh[-1].conj()
    rho = v.reshape(4, 4, order="F")
    rho = rho / np.trace(rho)
    rho = (rho + rho.conj().T) / 2
    return rho, nullity, float(np.linalg.norm(L @ rho.reshape(16, order="F")))


def threshold_intervals_numeric(model: Model, g, gamma, rmin=1e-3, rmax_factor=1e4, num=200) -> list:
    """Numeric r-intervals with N > 0: scan of λ_min(ρ^{T_A}) of the numeric (SVD) null space
    on a log grid r ∈ [rmin, rmax_factor]·max(g, γ), then bisection of each sign change."""
    from ...core._entanglement import lambda_min_pt

    s = max(g, gamma, 1e-12)
    Lr = _numeric_L_of_r(model, g, gamma)

    def lam(r):
        rho, nullity, _ = _svd_state(Lr(r))
        if nullity != 1:
            raise ParameterError("r", r, f"r > 0 with a unique steady state (null-space dimension {nullity})")
        return lambda_min_pt(rho)

    grid = np.geomspace(rmin * s, rmax_factor * s, num)
    signs = [lam(r) < -1e-13 for r in grid]

    def bisect(a, b, sa):
        for _ in range(80):
            m = 0.5 * (a + b)
            if (lam(m) < -1e-13) == sa:
                a = m
            else:
                b = m
            if b - a < 1e-13 * b:
                break
        return float(0.5 * (a + b))

    out, start = [], (0.0 if signs[0] else None)
    for k in range(1, len(grid)):
        if signs[k] != signs[k - 1]:
            x = bisect(grid[k - 1], grid[k], signs[k - 1])
            if signs[k]:
                start = x
            else:
                out.append([start, x])
                start = None
    if start is not None:
        out.append([start, None])
    return out


# ----------------------------------------------------------------- catalogue
def _check_g(v):
    v = require_real("g", v)
    if v < 0:
        raise ParameterError("g", v, "g >= 0 (paper convention; N is even in g by the local unitary sigma_x on one qubit)")
    return v


def _params(heis=False):
    ps = [Param("g", "coupling g of the Hamiltonian (>= 0)", kind="real", required=True, check=_check_g),
          Param("r", "reset rate r (>= 0; r = 0 has a non-unique steady state)", kind="real",
                check=lambda v: require_nonnegative("r", v)),
          Param("gamma", "dephasing rate gamma (>= 0)", default=1.0, kind="real",
                check=lambda v: require_nonnegative("gamma", v))]
    if heis:
        ps.append(Param("reset", "reset state: plus (|+>) or zero (|0>)", default="plus", kind="choice",
                        choices=("plus", "zero")))
    return ps


def _need(p, *names):
    for n in names:
        if p.get(n) is None:
            raise ParameterError(n, None, f"a value for {n} (give --set {n}=VALUE)")


def _require_unique(name, p):
    """Report a non-unique steady state (exact null-space dimension at that point)."""
    from ...core._steady import steady_state

    if p["r"] == 0 or p["gamma"] == 0:
        m = model_for(name, p.get("reset", "plus"))
        ss = steady_state(m, {k: _exact_num(v) for k, v in _values(p).items()}, method="exact")
        if not ss.unique:
            which = "r" if p["r"] == 0 else "gamma"
            raise ParameterError(which, p[which], f"{which} > 0: at these parameters the steady state is not "
                                 f"unique (null-space dimension {ss.nullity})")
        return ss
    return None


def _q_negativity(name):
    def fn(p, method):
        _need(p, "g", "r")
        m = model_for(name, p.get("reset", "plus"))
        if method == "numeric":
            return _numeric_negativity(m, p)
        ss = _require_unique(name, p)
        if ss is not None:  # gamma = 0 but unique: exact state at that point
            from ...core._entanglement import negativity
            return float(negativity(ss.rho, [0], 2))
        return float(evaluator(name, p.get("reset", "plus")).negativity(p["g"], p["r"], p["gamma"]))
    return fn


def _q_state(name):
    def fn(p, method):
        _need(p, "g", "r")
        m = model_for(name, p.get("reset", "plus"))
        if method == "numeric":
            rho = _numeric_state(m, p)
        else:
            ss = _require_unique(name, p)
            rho = (np.array(sp.N(ss.rho), dtype=complex) if ss is not None
                   else evaluator(name, p.get("reset", "plus")).rho(p["g"], p["r"], p["gamma"]))
        return [[complex(v) for v in row] for row in np.asarray(rho)]
    return fn


def _q_spectrum(name):
    def fn(p, method):
        _need(p, "g", "r")
        m = model_for(name, p.get("reset", "plus"))
        if method == "numeric":
            from ...core._liouvillian import liouvillian_numeric
            return _sort_complex(np.linalg.eigvals(liouvillian_numeric(m, _values(p)).toarray()))
        return evaluator(name, p.get("reset", "plus")).spectrum(p["g"], p["r"], p["gamma"])
    return fn


def _q_threshold(name):
    def fn(p, method):
        _need(p, "g")
        m = model_for(name, p.get("reset", "plus"))
        if p["gamma"] == 0:
            raise ParameterError("gamma", 0.0, "gamma > 0 for threshold-r")
        if method == "numeric":
            return threshold_intervals_numeric(m, p["g"], p["gamma"])
        return threshold_intervals(m, p["g"], p["gamma"])
    return fn


def _latex_state(name):
    return lambda p: r"\rho_{ss}=" + sp.latex(derive_two_qubit(model_for(name, p.get("reset", "plus")))["rho"])


def _latex_spectrum(name):
    def fn(p):
        d = derive_two_qubit(model_for(name, p.get("reset", "plus")))
        return r"\operatorname{spec}\mathcal L=\left\{" + ",\\ ".join(
            f"{sp.latex(ev)}\\ (\\times{m})" for ev, m in d["spectrum"]) + r"\right\}"
    return fn


def _latex_negativity(name):
    def fn(p):
        d = derive_two_qubit(model_for(name, p.get("reset", "plus")))
        return r"\mathcal N=" + sp.latex(d["negativity"])
    return fn


def _latex_threshold(name):
    def fn(p):
        m = model_for(name, p.get("reset", "plus"))
        frac = _neg_fraction(m)
        if frac is None:
            return r"\mathcal N\equiv0:\ \text{no threshold}"
        P, _ = frac
        return (r"\mathcal N>0\iff " + sp.latex(sp.collect(P, R)) + r"<0")
    return fn


def _derive_steps(name):
    def fn(p):
        from ...core._liouvillian import coefficient_equations, liouvillian

        m = model_for(name, p.get("reset", "plus"))
        steps = []

        def step(title, f):
            t = time.perf_counter()
            text = f()
            steps.append((title, text, time.perf_counter() - t))

        step("Liouvillian (16x16, column stacking)",
             lambda: f"{liouvillian(m).nnz()} nonzero entries; parameters {', '.join(map(str, m.parameters))}")
        step("coefficient equations", lambda: "\n".join(f"d/dt {e.lhs.args[0].func.__name__} = {e.rhs}"
                                                         for e in coefficient_equations(m)))
        from ...core._spectrum import liouvillian_spectrum
        from ...core._steady import steady_state

        d = {}
        step("exact steady state (null space over Q(g,r,gamma), core DomainMatrix)",
             lambda: (lambda ss: f"rho_ss = {ss.rho.tolist()}\nnull-space dimension = {ss.nullity} ({ss.status}); "
                      f"denominators: {list(ss.denominators)}")(steady_state(m)))
        step("spectrum of L (factored characteristic polynomial)",
             lambda: (lambda sp_: "; ".join(f"{ev} (x{mm})" for ev, mm in sp_.eigenvalues) +
                      f"  [total multiplicity {sp_.total}]")(liouvillian_spectrum(m)))
        step("partial-transpose eigenvalues (cleared denominators, charpoly over Z[i][g,r,gamma], flint factor)",
             lambda: "; ".join(f"{ev} (x{mm})" for ev, mm in pt_eigenvalues_structured(steady_state(m).rho)))
        step("sign analysis of the PT eigenvalues",
             lambda: d.update(derive_two_qubit(m)) or
             (f"{len(d['certified_positive'])} certified positive (positive-coefficient polynomials), "
              f"{len(d['negative'])} can be negative: " + "; ".join(str(e) for e, _ in d["negative"])))
        step("negativity", lambda: f"N = {d['negativity']}  (product state: {d['product']})")
        step("reduction to g/gamma, r/gamma",
             lambda: (lambda s: f"gamma cancels: {s['gamma_cancels']}; N(x=g/gamma, y=r/gamma) = {s['reduced']}")(scaling_reduction(m)))
        if name == "reset-ising":
            def geo_text():
                geo = ising_geometry()
                return (f"boundary P = {geo['P']} = 0\nlim_(r->oo) g_-(r) = {geo['lim_lower']}; "
                        f"lim g_+/r = {geo['lim_upper_ratio']}, lim g_+ - r = {geo['lim_upper_offset']}\n"
                        f"scaling limit N_inf(q=g/r) = {geo['N_inf']}; q* = {geo['q_star']}; sup N = {geo['sup']}")
            step("entangled region: boundary, asymptotes, scaling limit", geo_text)
        return steps
    return fn


def _register():
    for name, heis in (("reset-ising", False), ("reset-heisenberg", True)):
        doc = ("HDB Sec. II: two qubits, H = g sz sz, dephasing (gamma/2)(sz rho sz - rho), reset to |+> at rate r"
               if not heis else
               "HDB Sec. II: two qubits, H = g sigma.sigma (Heisenberg), dephasing, reset to |+> or |0> at rate r")
        register_model(CatalogModel(
            name=name, doc=doc, params=_params(heis),
            quantities={
                "negativity": Quantity("negativity", "negativity N = (||rho^T_A||_1 - 1)/2 of the steady state",
                                       fn=_q_negativity(name), latex=_latex_negativity(name)),
                "steady-state": Quantity("steady-state", "4x4 steady state in the basis |00>,|01>,|10>,|11>",
                                         fn=_q_state(name), latex=_latex_state(name)),
                "spectrum": Quantity("spectrum", "all 16 Liouvillian eigenvalues (with multiplicity)",
                                     fn=_q_spectrum(name), latex=_latex_spectrum(name)),
                "threshold-r": Quantity("threshold-r", "r-intervals [lo, hi] (hi=null: unbounded) where N > 0 at given g, gamma",
                                        fn=_q_threshold(name), latex=_latex_threshold(name)),
            },
            derive=_derive_steps(name)))


_register()


# ------------------------------------------------------------ reproduce section
def _rel(paper, derived):
    if paper is None:
        return None
    return abs(derived - paper) / abs(paper) if paper != 0 else abs(derived - paper)


def _num(name, paper, derived, note=""):
    return {"name": name, "paper": paper, "derived": float(derived), "rel_error": _rel(paper, float(derived)), "note": note}


def figure1(path: Path, geo=None, cut=None):
    """HDB Fig. 1: contour plot of N over r, g in [0, 20]γ with boundary, ridge lines, middle line and the inset cut g = 2.5γ."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    geo = geo or ising_geometry()
    cut = cut or cut_analysis()
    ev = evaluator("reset-ising")
    rr, gg = np.meshgrid(np.linspace(0, 20, 401), np.linspace(0, 20, 401))
    NN = np.nan_to_num(ev.negativity(gg, np.maximum(rr, 1e-12), 1.0))
    fig, ax = plt.subplots(figsize=(6.4, 5.4))
    cs = ax.contourf(rr, gg, NN, levels=np.linspace(0, 0.07, 15), cmap="Greys")
    fig.colorbar(cs, ax=ax, label="negativity N")
    Pf = sp.lambdify((G, R), geo["P"].subs(GAMMA, 1), "numpy")
    ax.contour(rr, gg, Pf(gg, rr), levels=[0], colors="red", linewidths=1.2)
    r_up, g_up, g_lo, r_lo = ridge_lines(20.0, 300)
    ax.plot(r_up, g_up, color="white", lw=1.5, label="max over g at fixed r")
    ax.plot(r_lo, g_lo, color="white", lw=1.5, ls="--", label="max over r at fixed g")
    qs = float(geo["q_star"])
    ax.plot([0, 20], [0, 20 * qs], color="tab:blue", lw=1.2, label=r"$g=r/(1+\sqrt{3})$")
    ax.axhline(float(cut["g"]), color="tab:orange", lw=0.8, ls=":")
    ax.set_xlim(0, 20); ax.set_ylim(0, 20)
    ax.set_xlabel(r"$r/\gamma$"); ax.set_ylabel(r"$g/\gamma$")
    ax.set_title("HDB Fig. 1: steady-state negativity (Ising + dephasing + reset)")
    ax.legend(loc="upper left", fontsize=7, facecolor="0.6", framealpha=1.0)
    ins = ax.inset_axes([0.1, 0.47, 0.36, 0.26])
    rc = np.linspace(0, 20, 400)
    ins.plot(rc, np.nan_to_num(ev.negativity(float(cut["g"]), np.maximum(rc, 1e-12), 1.0)), color="k")
    ins.axvline(cut["threshold_float"][0], color="red", lw=0.8)
    ins.set_title(r"cut $g=2.5\gamma$", fontsize=7)
    ins.tick_params(labelsize=6)
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=120)
    plt.close(fig)
    return path


def _run_section(out: Path, progress) -> SectionResult:
    res = SectionResult()
    m = ising_reset_model()
    progress("HDB Sec. II: coefficient equations, exact steady state, spectrum, negativity")
    d = derive_two_qubit(m)
    progress("HDB Sec. II: reduction to g/gamma, r/gamma and geometry of the entangled region")
    sc = scaling_reduction(m)
    geo = ising_geometry()
    progress("HDB Sec. II: window maximum and cut g = 2.5 gamma")
    wm = window_maximum(20)
    cut = cut_analysis()
    # spectrum check vs paper (oracle values: multiplicities {1,2,1,4,4+4})
    mults = sorted(mm for _, mm in d["spectrum"])
    nums = [
        _num("supremum of N (scaling limit g = q* r, r -> oo)", 0.092, float(sp.N(geo["sup"])),
             f"exact {geo['sup']}"),
        _num("max N over 0 <= g, r <= 20 gamma (paper: darkest contour)", 0.068, wm["value"],
             f"at r = {wm['r']}, g = {wm['g']} = {wm['g_float']:.6g} ({wm['where']}; "
             f"{len(wm['interior_critical_points'])} interior critical points)"),
        _num("threshold r on the cut g = 2.5 gamma", None, cut["threshold_float"][0],
             f"exact {cut['threshold'][0]}; paper gives no number (inset)"),
        _num("max N on the cut g = 2.5 gamma", None, cut["max_value"], f"at r = {cut['max_r_float']:.6g}"),
        _num("middle-line slope g/r = 1/(1+sqrt 3)", (math.sqrt(3) - 1) / 2, float(geo["q_star"]),
             f"exact {geo['q_star']}; both ridge polynomials -> roots {geo['ridge_limit_roots']}"),
        _num("supremum as fraction of max 1/2 (paper: ~20%)", 0.2, float(sp.N(2 * geo["sup"])), ""),
        _num("asymptote for large r: g -> (units of gamma)", 1.0, float(geo["lim_lower"].subs(GAMMA, 1)),
             f"lim_(r->oo) g_-(r) = {geo['lim_lower']}"),
        _num("asymptote for large g: lim g/r", 1.0, float(geo["lim_upper_ratio"]),
             f"exact asymptotic line g = r + ({geo['lim_upper_offset']})"),
        _num("number of Liouvillian eigenvalues (with multiplicity)", 16, sum(mults),
             f"multiplicities {mults}; paper {{1,2,1,4,4+4}}"),
        _num("steady-state nullity (r > 0)", 1, d["nullity"], ""),
        _num("gamma cancels in N(gamma x, gamma y, gamma)", 1, 1.0 if sc["gamma_cancels"] else 0.0, "1 = yes"),
    ]
    for rs in ("plus", "zero"):
        hr = heisenberg_result(rs)
        nums.append(_num(f"Heisenberg, reset {rs}: entangled anywhere? (1 = yes)", None,
                         0.0 if (not hr["negative"]) else 1.0,
                         f"product state: {hr['product']}; PT eigenvalues certified >= 0: {hr['all_certified']}"))
    res.numbers = nums
    progress("HDB Sec. II: LaTeX")
    P = geo["P"]
    heis = []
    for rs in ("plus", "zero"):
        hr = heisenberg_result(rs)
        heis.append((f"Heisenberg, reset {rs}: steady state (product: {hr['product']})",
                     r"\rho_{ss}=" + sp.latex(hr["rho"]) + r",\quad \operatorname{spec}\rho^{T_A}=\{" +
                     ", ".join(sp.latex(e) for e, _ in hr["pt_eigenvalues"]) + r"\}\ \Rightarrow\ \mathcal N\equiv 0"))
    res.latex = [
        ("HDB Sec. II: the 16 coefficient equations", r"\[" + coefficient_equations_latex(m) + r"\]"),
        ("HDB Sec. II: exact steady state", r"\rho_{ss}=" + sp.latex(d["rho"])),
        ("HDB Sec. II: Liouvillian spectrum", _latex_spectrum("reset-ising")({})),
        ("HDB Sec. II: partial-transpose eigenvalues",
         r"\operatorname{spec}\rho^{T_A}=\left\{" + ",\\ ".join(sp.latex(e) for e, _ in d["pt_eigenvalues"]) + r"\right\}"),
        ("HDB Sec. II: negativity (Eq. 3)", r"\mathcal N=" + sp.latex(d["negativity"])),
        ("HDB Sec. II: negativity in x=g/\\gamma, y=r/\\gamma", r"\mathcal N=" + sp.latex(sc["reduced"])),
        ("HDB Sec. II: boundary of the entangled region", sp.latex(sp.collect(P, R)) + "=0"),
        ("HDB Sec. II: asymptotes", r"\lim_{r\to\infty}g_-(r)=" + sp.latex(geo["lim_lower"]) +
         r",\quad \lim_{r\to\infty}g_+(r)/r=" + sp.latex(geo["lim_upper_ratio"]) +
         r",\quad \lim_{r\to\infty}(g_+(r)-r)=" + sp.latex(geo["lim_upper_offset"])),
        ("HDB Sec. II: ridge (max over g at fixed r)", sp.latex(geo["ridge_g"]) + "=0"),
        ("HDB Sec. II: ridge (max over r at fixed g)", sp.latex(geo["ridge_r"]) + "=0"),
        ("HDB Sec. II: scaling limit and supremum",
         r"\mathcal N_\infty(q)=" + sp.latex(geo["N_inf"]) + r",\ q^*=" + sp.latex(geo["q_star"]) +
         r",\ \sup\mathcal N=" + sp.latex(geo["sup"])),
        ("HDB Sec. II: threshold on the cut g=2.5\\gamma", r"r_{th}=" + sp.latex(cut["threshold"][0]) + r"\,\gamma"),
    ] + heis
    progress("HDB Sec. II: Fig. 1")
    res.figures = [figure1(Path(out) / "figures" / "hdb_fig1.png", geo, cut)]
    res.extra = {"window_max_location": {"g": wm["g_float"], "r": wm["r_float"]},
                 "cut_max_r": cut["max_r_float"]}
    return res


register_section(ReproduceSection(key="hdb-sec2", title="Hartmann-Dür-Briegel Sec. II: exact two-qubit reset model",
                                  run=_run_section, order=10))
