"""Catalogue entry ``reset-general``, the reproduce section ``hdb-sec3-general`` and the
figures of HDB Sec. III for two qubits (Fig. 2, eps_max) on :mod:`symbolic_ness.papers.hdb`."""
from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import sympy as sp

from .._errors import ParameterError, check_residual, require_interval, require_nonnegative, require_real
from ..export import Equation, Named, Text
from ..core import lambda_min_pt, liouvillian_numeric, liouvillian_spectrum, negativity, steady_state
from ..papers.hdb.general import (
    FIG2,
    epsilon_max_numeric,
    model_from_params,
    negativity_curve,
    threshold_intervals_numeric,
    threshold_polynomial,
)
from ..papers.hdb import (
    SYMBOLS,
    epsilon_max,
    fig2_forms,
    general_reset_model,
    imperfect_reset_forms,
    no_reset_forms,
    threshold_intervals,
)
from ._registry import CatalogModel, Param, Quantity, ReproduceSection, SectionResult, with_auto
from ._figures import save_figure

__all__ = ["CATALOG_MODELS", "CATALOG_SECTIONS"]

SYM = SYMBOLS
R = sp.Rational
_METHODS = ("auto", "exact", "numeric")


def _require(p: dict, name: str):
    if p.get(name) is None:
        raise ParameterError(name, None, f"{name} must be given (--set {name}=VALUE)")
    return p[name]


def _values_exact(p: dict) -> Model:
    _require(p, "g")
    _require(p, "r")
    return model_from_params(p, r=p["r"])


def _check_unique(ss, p):
    if not ss.unique:
        from .._errors import NonUniqueSteadyStateError
        raise NonUniqueSteadyStateError(f"the steady state is not unique at r = {p.get('r')}, B = {p.get('B', 0)} "
                                        f"(null-space dimension {ss.nullity}); it is unique for r > 0 or B > 0",
                                        ss.nullity)
    return ss.rho


def _numeric_state(p):
    _require(p, "g"), _require(p, "r")
    m = model_from_params(p)
    ss = steady_state(m, {SYM["r"]: p["r"]}, method="numeric")
    rho = _check_unique(ss, p)
    check_residual("numeric steady state (reset-general)", ss.residual, 1e-9 * max(1.0, abs(p["g"]), p["r"],
                                                                                     p.get("B", 0), p.get("C", 1)))
    return rho


@with_auto
def _q_negativity(p, method):
    if method == "exact":
        m = _values_exact(p)
        rho = _check_unique(steady_state(m), p)
        return float(negativity(rho, [0], 2))
    return max(0.0, -lambda_min_pt(_numeric_state(p)))


@with_auto
def _q_state(p, method):
    if method == "exact":
        m = _values_exact(p)
        rho = _check_unique(steady_state(m), p)
        return np.array(rho.evalf(20).tolist(), dtype=complex)
    return _numeric_state(p)


@with_auto
def _q_spectrum(p, method):
    m = _values_exact(p)
    if method == "exact":
        out = []
        for poly, mult in liouvillian_spectrum(m).factors:
            for x in sp.Poly(poly, *sorted(poly.free_symbols, key=lambda v: v.name)).nroots(n=20, maxsteps=200):
                out += [complex(x)] * mult
    else:
        out = list(np.linalg.eigvals(liouvillian_numeric(m).toarray()))
    return sorted(out, key=lambda z: (-round(z.real, 9), round(z.imag, 9)))


@with_auto
def _q_threshold(p, method):
    _require(p, "g")
    if method == "exact":
        return threshold_intervals(model_from_params(p))["intervals"]
    return threshold_intervals_numeric(p)


def _eps_params(p):
    for name, want in (("jx", 0), ("jy", 0), ("hx", 0), ("B", 0)):
        if float(p.get(name, 0)) != want:
            raise ParameterError(name, p[name], f"{name} = {want} for epsilon-max (Ising model with dephasing)")
    if p.get("reset", "plus") != "plus":
        raise ParameterError("reset", p["reset"], "plus for epsilon-max (a reset to |0> never entangles)")
    gv = abs(float(_require(p, "g")) * float(p.get("jz", 1)))
    gamma = p.get("gamma") if p.get("gamma") is not None else p.get("C", 1)
    if not float(gamma) > 0:
        raise ParameterError("gamma", gamma, "gamma > 0")
    return gv, float(gamma)


@with_auto
def _q_eps_max(p, method):
    gv, gamma = _eps_params(p)
    e, _ = (epsilon_max(gv, gamma) if method == "exact" else epsilon_max_numeric(gv, gamma))
    return e


_N = Named(r"\mathcal{N}")


def _latex_negativity(p):
    f = imperfect_reset_forms()
    eqs = [Equation(_N, sp.Max(0, sp.factor(f["P"]) / f["Q"]),
                    note="Ising coupling g, B = 0, C = γ, reset to |+> mixed with weight ε of 1/2")]
    if p and any(float(p.get(k, d)) != d for k, d in (("jx", 0), ("jy", 0), ("hx", 0), ("B", 0))) and p.get("g") is not None:
        num, _ = threshold_polynomial(model_from_params(p))
        eqs = [Equation(sp.factor(num), 0, note="the sign of det of the partial transpose is the sign of the "
                                                "left side; entangled where it is negative")]
    return eqs


def _latex_eps(p):
    f = imperfect_reset_forms()
    return [Equation(Named(r"\epsilon_{\max}(g,r)"), f["eps_r"]),
            Equation(Named(r"\sup_{g,r}\epsilon_{\max}"), f["sup"])]


def _latex_threshold(p):
    if p.get("g") is None:
        return [Text("the thresholds are the positive real roots in r of det of the partial transpose "
                     "(set g for the polynomial); entangled where it is negative")]
    num, _ = threshold_polynomial(model_from_params(p))
    return Equation(sp.factor(num), 0, note="numerator of det of the partial transpose in r")


def _latex_state(p):
    f = imperfect_reset_forms()
    return Equation(Named(r"\rho_{ss}(\epsilon)"), f["rho"])


def _check_C(p):
    B, C = p.get("B", 0), p.get("C", 1)
    if B is not None and C is not None and C < B / 2:
        raise ParameterError("C", C, f"C >= B/2 = {B / 2:g}")
    return p


def _derive(p):
    p = dict(p)
    p.setdefault("g", 10)
    steps = []
    t0 = time.perf_counter()
    m = model_from_params(p)
    steps.append(("model", f"H = {sp.sstr(m.hamiltonian)}\njumps: " + ", ".join(f"{j.label}@{j.rate}" for j in m.jumps)
                  + f"\nreset: rate r to {sp.sstr(m.resets[0].state) if m.resets else 'none'}", time.perf_counter() - t0))
    t0 = time.perf_counter()
    ss = steady_state(m)
    steps.append(("exact steady state in r (other parameters rational)",
                  "denominators: " + ", ".join(sp.sstr(d) for d in ss.denominators) + "\n"
                  + "\n".join(f"<{k}> = {sp.sstr(v)}" for k, v in ss.expectations.items()), time.perf_counter() - t0))
    t0 = time.perf_counter()
    th = threshold_intervals(m)
    steps.append(("threshold polynomial det(rho^T_A) numerator in r",
                  sp.sstr(sp.factor(th["polynomial"])) + "\npositive roots: "
                  + ", ".join(sp.sstr(v) for v in th["values"]) + f"\nentangled r-intervals: {th['intervals']}",
                  time.perf_counter() - t0))
    return steps


def _nonneg(name):
    return lambda v: require_nonnegative(name, v)


def _unit(name):
    return lambda v: require_interval(name, v, 0, 1)


_PARAMS = [
    Param("g", "overall coupling g (H = g(jx XX + jy YY + jz ZZ + hx(X1 + X2)))", kind="real", required=True,
          check=lambda v: require_real("g", v)),
    Param("jx", "XX coupling", default=0.0), Param("jy", "YY coupling", default=0.0),
    Param("jz", "ZZ coupling", default=1.0), Param("hx", "transverse field (sigma_x on both qubits)", default=0.0),
    Param("B", "inversion decay rate B >= 0", default=0.0, check=_nonneg("B")),
    Param("C", "polarization decay rate C >= B/2", default=1.0, check=_nonneg("C")),
    Param("s", "temperature parameter s = <(1+sigma_z)/2>_inf, 0 <= s <= 1", default=0.5, check=_unit("s")),
    Param("r", "reset rate r >= 0", kind="real", required=True, check=_nonneg("r")),
    Param("epsilon", "reset-state mixing, rho_phi = (1-eps)|phi><phi| + eps/2, 0 <= eps <= 1", default=0.0,
          check=_unit("epsilon")),
    Param("reset", "reset state phi: plus (|+>) or zero (|0>)", default="plus", kind="choice", choices=("plus", "zero")),
]

def _build(p):
    """Explicit core model: the numbers in ``p`` substituted (exactly), the rest symbols."""
    kw = {k: SYM[k] for k in ("g", "jx", "jy", "jz", "hx", "B", "C", "s", "r", "epsilon")}
    for k in kw:
        if p.get(k) is not None:
            kw[k] = p[k]
    return general_reset_model(**kw, reset=p.get("reset", "plus"))


CATALOG_MODELS = [CatalogModel(
    name="reset-general",
    doc=("HDB Sec. III two-qubit reset model: XYZ + transverse field, noise (B, C, s) per qubit "
         "(rates Bs sigma+, B(1-s) sigma-, (2C-B)/4 sigma_z), reset at rate r to a mixed |+> or |0>."),
    params=_PARAMS,
    quantities={
        "negativity": Quantity("negativity", "negativity of the steady state (exact: exact rational state, "
                               "isolated PT eigenvalue)", _q_negativity, _latex_negativity, methods=_METHODS),
        "steady-state": Quantity("steady-state", "steady-state density matrix (basis 00, 01, 10, 11)", _q_state,
                                 _latex_state, methods=_METHODS),
        "spectrum": Quantity("spectrum", "Liouvillian eigenvalues (exact: factored charpoly, roots to 20 digits)",
                             _q_spectrum, None, methods=_METHODS),
        "threshold-r": Quantity("threshold-r", "entangled r-intervals [lo, hi] (hi null = unbounded); r is ignored. "
                                "exact: roots of det(rho^T_A)(r)", _q_threshold, _latex_threshold, methods=_METHODS),
        "epsilon-max": Quantity(
            "epsilon-max", "largest reset-state mixing eps allowing entanglement, maximized over r, for the "
            "Ising model (uses g*jz and gamma, default gamma = C; needs jx = jy = hx = B = 0, reset = plus; "
            "r, s, epsilon ignored); null if g <= gamma", _q_eps_max, _latex_eps, methods=_METHODS,
            params=(Param("gamma", "dephasing rate gamma (defaults to C)", default=None,
                          check=_nonneg("gamma")),)),
    },
    derive=_derive,
    validate=_check_C,
    build=_build,
)]


# -------------------------------------------------------------- reproduce
def hdb_fig2(path, rs, curves) -> Path:
    """Fig. 2: the negativity along ``rs`` (r in units of gamma) for the reset noise at zero
    (``curves["0"]``, s = 0) and infinite temperature (``curves["1/2"]``, s = 1/2)."""
    from matplotlib.figure import Figure
    fig = Figure(figsize=(5, 3.4))
    ax = fig.subplots()
    ax.plot(rs, curves["0"], label=r"$s = 0$ (zero temperature, $T = 0$)")
    ax.plot(rs, curves["1/2"], label=r"$s = 1/2$ (infinite temperature, $T = \infty$)")
    ax.set_xlabel(r"$r/\gamma$")
    ax.set_ylabel("negativity")
    ax.set_title(r"XYZ in a field, $g=10\gamma$, $B=8\gamma$, $C=4\gamma$")
    ax.legend()
    return save_figure(fig, path, dpi=120)


def _run_section(out: Path, progress) -> SectionResult:
    figdir = Path(out) / "figures"
    figdir.mkdir(parents=True, exist_ok=True)
    numbers, tex, figures, extra = [], [], [], {}

    progress("Fig. 2: exact steady states in r for s = 0 and s = 1/2 (B = 8, C = 4, g = 10, units gamma)")
    rs = np.linspace(0.0, 120.0, 481)
    rs[0] = 1e-6
    curves, ths = {}, {}
    for sv, lab, paper in ((0, "0", 8.5), (R(1, 2), "1/2", 23.0)):
        f = fig2_forms(sv)
        curves[lab] = negativity_curve(f["rho"], rs)
        r_exact = f["values"][0]
        p = dict(FIG2, s=float(sv))
        p = {k: float(v) for k, v in p.items()}
        r_bis = threshold_intervals_numeric(p, rmax=200.0, points=60)[0][0]
        ths[lab] = float(r_exact)
        numbers.append({"name": f"Fig. 2 entanglement threshold r/gamma, s = {lab}", "paper": paper,
                        "derived": float(r_exact), "rel_error": abs(float(r_exact) - paper) / paper,
                        "note": ("reference-sheet reading (C = B/2 = 4 gamma, B = 8 gamma, g = 10 gamma), not printed "
                                 f"in the paper; exact root of det(rho^T_A)(r), numeric bisection {r_bis:.10f}")})
        tex.append((f"Fig. 2 threshold polynomial ($s = {lab}$): numerator in $r$ of $\\det\\rho^{{T_A}}$; "
                    f"the threshold $r_c \\approx {sp.N(r_exact, 12)}\\,\\gamma$ is its smallest positive root",
                    Equation(sp.factor(f["polynomial"]), 0)))
    p2 = hdb_fig2(figdir / "hdb_fig2.png", rs, curves)
    figures.append(p2)
    extra["fig2"] = {"thresholds": ths, "max_negativity": {k: float(v.max()) for k, v in curves.items()},
                     "reading": "C = B/2 and gamma = C/4: B = 8 gamma, C = 4 gamma, g = 10 gamma"}

    progress("imperfect reset: negativity with epsilon symbolic, eps_max(g, r), max over r, sup")
    f = imperfect_reset_forms()
    tex.append((r"Imperfect reset (reset state $(1-\epsilon)|+\rangle\langle+| + \epsilon\,\mathbb{1}/2$), "
                r"Ising model: negativity", Equation(_N, sp.Max(0, sp.factor(f["P"]) / f["Q"]))))
    tex.append((r"Imperfect reset: largest $\epsilon$ with entanglement, $\epsilon_{\max}(g,r)$",
                Equation(Named(r"\epsilon_{\max}(g,r)"), f["eps_r"])))
    tex.append((r"Imperfect reset: $\sup_{g,r}\epsilon_{\max}$ (root of the leading coefficient in $g$ of the "
                rf"$r$-discriminant; $\approx {float(f['sup']):.6f}$)",
                Equation(Named(r"\sup_{g,r}\epsilon_{\max}"), f["sup"])))
    gs = np.concatenate([np.linspace(1.05, 10, 40), np.geomspace(10.5, 1000, 30)])
    em = np.array([epsilon_max(float(x))[0] for x in gs])
    from matplotlib.figure import Figure
    fig = Figure(figsize=(5, 3.4))
    ax = fig.subplots()
    ax.semilogx(gs, em, label=r"$\epsilon_{\max}(g)$ (max over $r$)")
    ax.axhline(float(f["sup"]), ls="--", color="gray", label=r"$1-\sqrt{2/3}$ (sup)")
    ax.set_xlabel(r"$g/\gamma$")
    ax.set_ylabel(r"largest $\epsilon$ with entanglement")
    ax.legend()
    pe = save_figure(fig, figdir / "hdb_eps_max.png", dpi=120)
    figures.append(pe)
    numbers.append({"name": "sup over g, r of eps_max (imperfect reset, Ising)", "paper": None,
                    "derived": float(f["sup"]), "rel_error": None,
                    "note": f"exact {sp.sstr(f['sup'])}; eps_max(g=1000 gamma) = {em[-1]:.6f}"})
    extra["eps_max"] = {"g": gs.tolist(), "eps_max": em.tolist(), "sup": float(f["sup"])}

    progress("no reset, decay channel s = 1, B = 2C = 2 gamma, H = g XX")
    nr = no_reset_forms()
    numbers.append({"name": "no-reset max negativity (s = 1)", "paper": 0.154, "derived": float(nr["N_max"]),
                    "rel_error": abs(float(nr["N_max"]) - 0.154) / 0.154,
                    "note": f"exact {sp.sstr(nr['N_max'])} at g = {sp.sstr(nr['g_star'])} gamma; paper value from the "
                            "reference sheet's check"})
    numbers.append({"name": "no-reset optimal g/gamma", "paper": 0.6, "derived": float(nr["g_star"]),
                    "rel_error": abs(float(nr["g_star"]) - 0.6) / 0.6, "note": "reference sheet: g ~ 0.6 gamma"})
    numbers.append({"name": "no-reset s threshold at optimal g", "paper": None, "derived": float(nr["s_c_at_gstar"]),
                    "rel_error": None, "note": f"exact {sp.sstr(nr['s_c_at_gstar'])}; min over g: "
                                              f"{sp.sstr(nr['s_c_min'])} = {float(nr['s_c_min']):.6f}"})
    tex.append(("No reset: negativity (decay channel $s = 1$)", Equation(_N, sp.Max(0, nr["N_s1"]))))
    tex.append(("No reset: threshold $s_c(g)$ of the decay-channel parameter $s$",
                [Equation(Named("s_c(g)"), nr["s_c"]), Equation(Named(r"\min_g s_c"), nr["s_c_min"])]))
    return SectionResult(numbers=numbers, latex=tex, figures=figures, extra=extra)


CATALOG_SECTIONS = [ReproduceSection(key="hdb-sec3-general",
                                  title="HDB Sec. III: general noise, XYZ (Fig. 2), imperfect reset, no reset",
                                  run=_run_section, order=20)]
