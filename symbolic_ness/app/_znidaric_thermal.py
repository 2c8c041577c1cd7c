"""Catalogue provider: Žnidarič Sec. II, the thermal XX chain (model ``xx-thermal``, section
``xx-sec2-thermal`` with Figs. 2, 3 and the critical curve)."""
from __future__ import annotations

import time
from pathlib import Path

import mpmath as mp
import numpy as np
import sympy as sp

from .._errors import ParameterError
from ..export import Equation, Named
from ..papers.znidaric import BETA, PHI, T_c, beta_c, beta_c_numeric, derive_lambda_min, lambda_min
from ..papers.znidaric.symbols import MOMENTUM, XX_NN, Z_MEAN, ZZ_NN
from ..papers.znidaric.thermal import (
    beta_c_large_phi_limit,
    check_dps,
    correlators,
    correlators_array,
    correlators_numeric,
    critical_curve,
    derive_free_fermion_form,
    derive_pair_state,
    derive_threshold,
    finite_chain_correlators,
    ground_state_curve,
    lambda_min_array,
    lambda_min_function,
    lambda_min_numeric,
    pair_state,
    pair_state_numeric,
)
from ._registry import CatalogModel, Param, Quantity, ReproduceSection, SectionResult
from ._znidaric_common import METHODS, with_auto
from ._figures import save_figure, unlabeled

__all__ = ["CATALOG_MODELS", "CATALOG_SECTIONS"]


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
        return pair_state_numeric(r["z"], r["xx"], r["zz"]).tolist()
    return pair_state(beta, p["phi"], p["dps"]).tolist()


_TEX_NAMES = {Z_MEAN: r"\langle\sigma^z_j\rangle", XX_NN: r"\langle\sigma^x_j\sigma^x_{j+1}\rangle",
              ZZ_NN: r"\langle\sigma^z_j\sigma^z_{j+1}\rangle"}


def _named(expr):
    """``expr`` with the correlator symbols as their printed names (``<sigma^z_j>``, ...)."""
    return expr.xreplace({s: Named(t) for s, t in _TEX_NAMES.items()})


def _latex_lambda(p=None):
    """Derived lambda_min in terms of the correlators (Eq. 4)."""
    return Equation(Named(r"\lambda^{PT}_{\min}"), _named(derive_lambda_min()["lambda_min"]))


def _latex_integrals(p=None):
    """Derived integrals (Fermi-function form = tanh form, asserted equal in the derivation) and Wick's zz."""
    d = derive_free_fermion_form()
    zt = -sp.Integral(sp.tanh(PHI - 2 * BETA * sp.cos(MOMENTUM)), (MOMENTUM, 0, sp.pi)) / sp.pi
    xt = sp.Integral(sp.cos(MOMENTUM) * sp.tanh(PHI - 2 * BETA * sp.cos(MOMENTUM)), (MOMENTUM, 0, sp.pi)) / sp.pi
    z, xx = Named(_TEX_NAMES[Z_MEAN]), Named(_TEX_NAMES[XX_NN])
    return [Equation(z, sp.Integral(d["z_integrand"], (MOMENTUM, 0, sp.pi))), Equation(z, zt),
            Equation(xx, sp.Integral(d["xx_integrand"], (MOMENTUM, 0, sp.pi))), Equation(xx, xt),
            Equation(Named(_TEX_NAMES[ZZ_NN]), _named(d["zz_wick"]), note="Wick's theorem")]


def _latex_pair_state(p=None):
    """The nearest-neighbour pair state in terms of the correlators."""
    return Equation(Named(r"\rho_{j,j+1}"), _named(derive_pair_state()))


def _latex_threshold(p=None):
    """Derived threshold factor (lambda_min = 0 for beta > 0)."""
    return Equation(_named(derive_threshold()["factor"]), 0)



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


def figure2(path, phi=0.0):
    """Fig. 2: lambda_min versus T at phi (default 0)."""
    import matplotlib.pyplot as plt
    T = np.linspace(0.02, 6, 600)
    lam = lambda_min_array(1 / T, phi)
    Tc = float(T_c(phi))
    fig, ax = plt.subplots(figsize=(5, 3.6))
    ax.plot(T, lam, "k-", label=rf"$\lambda^{{PT}}_{{\min}}$ at $\phi={phi:g}$")
    unlabeled(ax.axhline(0, color="gray", lw=0.8), "the zero line (axis guide)")
    ax.axvline(Tc, color="r", ls="--", lw=1, label=rf"critical temperature $T_c={Tc:.4f}$")
    ax.set_xlabel(r"temperature $T=1/\beta$ (units of the hopping)")
    ax.set_ylabel(r"$\lambda^{PT}_{\min}$")
    ax.set_title(r"XX chain, grand-canonical $\rho_{j,j+1}$")
    ax.legend()
    save_figure(fig, path, dpi=120)
    return path


def figure3(path):
    """Fig. 3: iso-T and iso-phi curves in the (<z>, <E> = 2<xx>) plane, NESS line, entangled region."""
    import matplotlib.pyplot as plt
    fig, ax = plt.subplots(figsize=(6, 4.6))
    # entangled region (lambda_min < 0) inside the physical region (above the T = 0 curve)
    zg = np.linspace(-1, 1, 401)
    Eg = np.linspace(-4 / np.pi, 0, 401)
    Zg, EG = np.meshgrid(zg, Eg)
    lam = lambda_min_function()(EG / 2, Zg)
    kF = np.linspace(0, np.pi, 400)
    z0, x0 = ground_state_curve(kF)
    Emin = np.interp(Zg, z0, 2 * x0)
    lam = np.where(EG >= Emin - 1e-12, lam, np.nan)
    unlabeled(ax.contourf(Zg, EG, lam, levels=[-1, 0], colors=["#f4c7c3"], alpha=0.9), "legend proxy patch")
    unlabeled(ax.contour(Zg, EG, lam, levels=[0], colors=["#c0392b"], linewidths=0.8), "edge of the shading")
    # iso-T curves (solid): parametrised by phi
    phis = np.concatenate([-np.logspace(2, -3, 300), [0], np.logspace(-3, 2, 300)])
    ax.plot(z0, 2 * x0, "k-", lw=1.2, label="iso-$T$ curves (solid, $T$ annotated; $T=0$ the lowest)")
    for T in (0.5, 1, 2, 4, 8):
        z, xx = correlators_array(1 / T, phis)
        unlabeled(ax.plot(z, 2 * xx, "k-", lw=1)[0], "an iso-T curve, annotated with its T")
        i = np.argmin(np.abs(z - 0.1))
        ax.annotate(f"T={T:g}", (z[i], 2 * xx[i]), fontsize=7, xytext=(0, 2), textcoords="offset points")
    ax.annotate("T=0", (0.1, -4 / np.pi * np.cos(0.05 * np.pi)), fontsize=7, xytext=(0, -9), textcoords="offset points")
    # iso-phi curves (dashed): parametrised by beta in [0, inf)
    betas = np.concatenate([[0], np.logspace(-3, 1.5, 300)])
    for k, phi in enumerate((0, 0.25, -0.25, 0.5, -0.5, 1, -1, 2, -2)):
        z, xx = correlators_array(betas, phi, nodes=1500)
        ln = ax.plot(z, 2 * xx, "b--", lw=0.8, label=r"iso-$\phi$ curves (dashed, $\phi$ annotated)" if k == 0 else "_phi")[0]
        if k:
            unlabeled(ln, "an iso-phi curve, annotated with its phi")
        ax.annotate(rf"$\phi={phi:g}$", (z[0], 0), fontsize=6, rotation=90, xytext=(0, 4),
                    textcoords="offset points", ha="center", va="bottom", color="b")
    # NESS line (= T = infinity isotherm): zero energy density
    ax.plot([-1, 1], [0, 0], color="r", lw=3.5, label=r"NESS ($\langle E\rangle=0$, also $T=\infty$)")
    ax.set_xlabel(r"$\langle z\rangle=\langle\sigma^z_j\rangle_G$  (convention $e^{-\beta H-\phi M}$: $\phi>0$ left)")
    ax.set_ylabel(r"$\langle E\rangle=2\langle\sigma^x_j\sigma^x_{j+1}\rangle_G$")
    ax.set_xlim(-1.02, 1.02)
    ax.set_ylim(-4 / np.pi - 0.05, 0.2)
    from matplotlib.patches import Patch
    handles, _ = ax.get_legend_handles_labels()
    handles.append(Patch(color="#f4c7c3", label=r"entangled: $\lambda^{PT}_{\min}<0$"))
    ax.legend(handles=handles, loc="lower right", fontsize=7)
    ax.set_title(r"iso-$T$ (solid), iso-$\phi$ (dashed); shaded: $\lambda^{PT}_{\min}<0$", fontsize=9)
    save_figure(fig, path, dpi=120)
    return path


def figure_critical_curve(path, phis=None):
    """T_c(phi) (entangled below the curve)."""
    import matplotlib.pyplot as plt
    phis = np.linspace(0, 6, 25) if phis is None else phis
    curve = critical_curve(phis, dps=15)
    T = [float(c[2]) for c in curve]
    lim = 1 / float(beta_c_large_phi_limit())
    fig, ax = plt.subplots(figsize=(5, 3.4))
    ax.plot(phis, T, "k.-", label=r"$T_c(\phi)$ (dots: computed points; entangled below)")
    ax.axhline(lim, color="gray", ls=":", label=rf"$\phi\to\infty$: $T_c={lim:.5f}$")
    ax.set_xlabel(r"chemical potential $\phi$ (curve is even in $\phi$)")
    ax.set_ylabel(r"$T_c(\phi)$ (units of the hopping)")
    ax.legend(fontsize=8)
    save_figure(fig, path, dpi=120)
    return path, curve


def _run_section(out, progress):
    """Reproduce Sec. II: beta_c, T_c, Figs. 2-3 and the critical curve."""
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
    res.latex.append((r"Thermal correlators of the state $e^{-\beta H-\phi M}/Z$ (free fermions of momentum $k$; "
                      r"$\beta$ inverse temperature, $\phi$ chemical potential, $M$ magnetisation)", _latex_integrals()))
    res.latex.append((r"Nearest-neighbour pair state $\rho_{j,j+1}$",
                      Equation(Named(r"\rho_{j,j+1}"), _named(derive_pair_state()))))
    res.latex.append((r"Minimal eigenvalue $\lambda^{PT}_{\min}$ of the pair's partial transpose (Eq. 4)", _latex_lambda()))
    res.latex.append((r"Threshold: $\lambda^{PT}_{\min} = 0$ at $\beta_c$ where", _latex_threshold()))
    return res


_PARAMS = [
    Param("beta", "inverse temperature (any real; beta < 0 = negative temperature); not used by beta-c/T-c",
          default=None, kind="real"),
    Param("phi", "chemical potential phi in exp(-beta H - phi M)", default=0.0, kind="real"),
    Param("dps", "decimal digits of the mpmath evaluation (1..300; > 15 returns strings)", default=15,
          kind="int", check=check_dps),
]

CATALOG_MODELS = [CatalogModel(
    name="xx-thermal",
    doc="Infinite XX chain in the grand-canonical state exp(-beta H - phi M)/Z (Znidaric 2012, Sec. II)",
    params=_PARAMS,
    quantities={
        "lambda-min": Quantity("lambda-min", "minimal eigenvalue of the partial transpose of the nearest-neighbour "
                               "pair state", fn=with_auto(_q_lambda_min), latex=_latex_lambda, methods=METHODS),
        "correlators": Quantity("correlators", "{'z': <sz_j>, 'xx': <sx_j sx_j+1>, 'zz': <sz_j sz_j+1>} (infinite chain)",
                                fn=with_auto(_q_correlators), latex=_latex_integrals, methods=METHODS),
        "beta-c": Quantity("beta-c", "critical beta_c(phi) > 0 where lambda-min = 0 (entangled iff |beta| > beta_c)",
                           fn=with_auto(_q_beta_c), latex=_latex_threshold, methods=METHODS),
        "T-c": Quantity("T-c", "critical temperature 1/beta_c(phi)", fn=with_auto(_q_T_c), latex=_latex_threshold,
                        methods=METHODS),
        "pair-state": Quantity("pair-state", "nearest-neighbour 2-spin reduced state (4x4, basis |00>,|01>,|10>,|11>)",
                               fn=with_auto(_q_pair_state), latex=_latex_pair_state, methods=METHODS),
    },
    derive=_derive_steps)]

CATALOG_SECTIONS = [ReproduceSection(key="xx-sec2-thermal",
                                     title="XX chain: thermal (grand-canonical) entanglement (Znidaric Sec. II)",
                                     run=_run_section, order=40)]
