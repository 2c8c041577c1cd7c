"""Reproduce section ``xx-sec3-boundary`` (Žnidarič Sec. III.A–C, Figs. 1, 4–9): derived thresholds
at γ = 0, the non-nearest-neighbour theorem and the figures (matplotlib only here)."""
from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import sympy as sp

from ..export import Equation, Named, lambdify
from ..papers.znidaric import (
    COUPLING,
    DRIVE_C,
    DRIVE_D,
    boundary_lambda_min,
    bulk_lambda_min,
    c_min_boundary,
    c_min_bulk,
    distance_lambda_min,
    gamma_min_boundary,
    gamma_window_bulk,
    largest_tongue,
    nn_theorem,
)
from ..papers.znidaric.thresholds import (
    d_edge_boundary,
    d_edge_bulk,
    lambdify_lambda,
    real_or_none,
    symmetric_substitution,
    threshold_functions,
)
from ._registry import ReproduceSection, SectionResult
from ._figures import save_figure, unlabeled

__all__ = ["CATALOG_MODELS", "CATALOG_SECTIONS", "xx_boundary_figures"]


def _grid(N=401):
    cs = np.linspace(-1, 1, N)
    Cg, Dg = np.meshgrid(cs, cs)
    return cs, Cg, Dg


def _sym_numeric():
    sub = symmetric_substitution()
    return {k.name: lambdify(v, (DRIVE_C, DRIVE_D, COUPLING)) for k, v in sub.items()}


def _plot_cd(ax, g, N=401, edges=True):
    cs, Cg, Dg = _grid(N)
    lb = lambdify_lambda("boundary")(Cg, Dg, g)
    lu = lambdify_lambda("bulk")(Cg, Dg, g)
    unlabeled(ax.contourf(Cg, Dg, (lb < 0).astype(float), levels=[0.5, 1.5], colors=["tab:blue"], alpha=0.45),
              "legend proxy patch")
    unlabeled(ax.contourf(Cg, Dg, (lu < 0).astype(float), levels=[0.5, 1.5], colors=["tab:red"], alpha=0.6),
              "legend proxy patch")
    if edges:
        f = threshold_functions()
        cm = real_or_none(f["c-boundary"](g))
        if cm is not None and cm < 1:
            cc = np.linspace(cm, 1, 200)
            dd = [max(-1.0, real_or_none(f["d-boundary"](x, g)) or np.nan) for x in cc]
            ax.plot(cc, dd, "b-", lw=1.2, label=r"$d(c,\Gamma)$ boundary (derived)")
            unlabeled(ax.plot(-cc, -np.array(dd), "b-", lw=1.2)[0], "mirror image of the boundary edge")
        cu = real_or_none(f["c-bulk"](g))
        if cu is not None and cu < 1:
            cc = np.linspace(cu, 1, 200)
            dd = [real_or_none(f["d-bulk"](x, g)) for x in cc]
            ax.plot(cc, dd, "r-", lw=1.2, label="bulk pocket edge (derived)")
    ax.set_xlabel(r"drive $c=\mu/2-\bar\mu$")
    ax.set_ylabel(r"drive $d=\mu/2+\bar\mu$")
    ax.set_xlim(-1, 1)
    ax.set_ylim(-1, 1)
    ax.set_aspect("equal")
    from matplotlib.patches import Patch
    handles, _ = ax.get_legend_handles_labels()
    handles += [Patch(color="tab:blue", alpha=0.45, label=r"$\rho_{12}$ entangled"),
                Patch(color="tab:red", alpha=0.6, label=r"bulk $\rho_{j,j+1}$ entangled")]
    ax.legend(handles=handles, fontsize=6, loc="lower left")


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


def xx_boundary_figures(out, progress=lambda s: None, N: int = 401):
    """Figs. 1, 4–9 of the paper (PNG in ``out/figures``); returns the paths. ``N``: points per
    axis of the drive grids and shadings (a coarse ``N`` draws the same marks quickly, for tests)."""
    import matplotlib.pyplot as plt

    fdir = Path(out) / "figures"
    fdir.mkdir(parents=True, exist_ok=True)
    paths = []

    def save(fig, name):
        p = fdir / f"{name}.png"
        save_figure(fig, p, dpi=110)
        paths.append(p)

    # Fig. 1: bulk <z> vs <zz>
    progress("Fig. 1")
    fig, ax = plt.subplots(figsize=(5, 4))
    z = np.linspace(-1, 1, N)
    ax.plot(z, z ** 2, "k-", lw=2, label=r"equilibrium at $T=\infty$: $\langle zz\rangle=\langle z\rangle^2$")
    s = _sym_numeric()
    for mu in (0.5, 1.0, 1.5, 2.0):
        mub = np.linspace(-(1 - mu / 2), 1 - mu / 2, (N + 1) // 2)
        cc, dd = mu / 2 - mub, mu / 2 + mub
        a = s["a"](cc, dd, 1.0)
        t = s["t"](cc, dd, 1.0)
        # mu = 2 (c = d = 1) is a single state: drawn as a marker, not as an invisible one-point line
        ax.plot(a, a ** 2 - t ** 2, lw=1.2, marker="o" if mub.size and np.ptp(mub) == 0 else None,
                ms=5, label=rf"NESS $\Gamma=1$, $\mu={mu}$" + (" (a single state)" if np.ptp(mub) == 0 else ""))
    Z, ZZ = np.meshgrid(np.linspace(-1, 1, N), np.linspace(-0.3, 1, N))
    t2 = Z ** 2 - ZZ
    lam = np.where(t2 >= 0, (1 + Z ** 2 - t2 - 2 * np.sqrt(np.abs(Z ** 2 + t2))) / 4, np.nan)
    unlabeled(ax.contourf(Z, ZZ, (lam < 0).astype(float), levels=[0.5, 1.5], colors=["tab:red"], alpha=0.25),
              "in the legend through a proxy patch")
    ax.set_xlabel(r"$\langle\sigma^z_j\rangle$")
    ax.set_ylabel(r"$\langle\sigma^z_j\sigma^z_{j+1}\rangle$")
    ax.set_title(r"bulk NN pair (red shading: entangled, Eq. 20); $\Gamma$ = boundary coupling", fontsize=8)
    from matplotlib.patches import Patch
    handles, _ = ax.get_legend_handles_labels()
    handles.append(Patch(color="tab:red", alpha=0.25, label=r"entangled pair ($\lambda_{\min}<0$)"))
    ax.legend(handles=handles, fontsize=6, loc="upper center")
    save(fig, "xx_fig1")

    for name, g in (("xx_fig4", 2.0), ("xx_fig7", 1.0)):
        progress(f"{name} (Gamma = {g})")
        fig, axs = plt.subplots(1, 2, figsize=(9, 4))
        _plot_cd(axs[0], g, N)
        axs[0].set_title(rf"$\Gamma_L=\Gamma_R={g:g}$: blue $\rho_{{12}}$, red bulk", fontsize=9)
        _plot_umu(axs[1], g, N)
        axs[1].legend(fontsize=6, markerscale=5)
        save(fig, name)

    progress("Fig. 5")
    fig, axs = plt.subplots(1, 2, figsize=(9, 4))
    f = threshold_functions()
    gmin = float(sp.N(gamma_min_boundary()))
    gs = np.linspace(gmin, 5, 300)
    cms = [real_or_none(f["c-boundary"](g)) for g in gs]
    axs[0].plot(gs, cms, "b-", label=r"$c_{\min}(\Gamma)$, boundary pair (Eq. 16)")
    _, gstar, cstar = largest_tongue()
    axs[0].plot([float(gstar)], [float(cstar)], "ko", label=rf"largest tongue $\Gamma={float(gstar):.5f}$")
    axs[0].axvline(gmin, color="gray", ls=":", label=rf"$\Gamma_{{\min}}={gmin:.5f}$")
    axs[0].set_xlabel(r"boundary coupling $\Gamma$ (units of the hopping)")
    axs[0].set_ylabel(r"$c_{\min}(\Gamma)$ (boundary pair)")
    axs[0].legend(fontsize=7)
    for g in (0.55, 0.7, 1.0, float(gstar), 2.0, 4.0):
        cm = real_or_none(f["c-boundary"](g))
        cc = np.linspace(cm, 1, 150)
        dd = [max(-1.0, real_or_none(f["d-boundary"](x, g)) or np.nan) for x in cc]
        axs[1].plot(np.r_[cc, cc[::-1]], np.r_[dd, np.ones_like(cc)], lw=1, label=rf"$\Gamma={g:.3g}$")
    axs[1].set_xlabel(r"drive $c$")
    axs[1].set_ylabel(r"drive $d$")
    axs[1].set_title("boundary tongues (derived edges)", fontsize=9)
    axs[1].legend(fontsize=6)
    save(fig, "xx_fig5")

    progress("Fig. 6")
    fig, ax = plt.subplots(figsize=(5, 4))
    g = 1.088
    cs, Cg, Dg = _grid(min(N, 301))
    a = s["a"](Cg, Dg, g)
    t = s["t"](Cg, Dg, g)
    zz = a ** 2 - t ** 2
    lb = lambdify_lambda("boundary")(Cg, Dg, g)
    ax.scatter(a.ravel(), zz.ravel(), s=0.3, c="0.8", label=r"all drives $(c, d)$")
    ax.scatter(a[lb < 0], zz[lb < 0], s=0.6, c="tab:blue", label=r"$\rho_{12}$ entangled")
    ax.plot(z, z ** 2, "k-", lw=1, label=r"equilibrium $\langle zz\rangle=\langle z\rangle^2$")
    ax.set_xlabel(r"$\langle\sigma^z\rangle$ (bulk)")
    ax.set_ylabel(r"$\langle\sigma^z\sigma^z\rangle$ (bulk)")
    ax.set_title(r"$\Gamma=1.088$: entanglement smile", fontsize=9)
    ax.legend(fontsize=7, markerscale=8)
    save(fig, "xx_fig6")

    progress("Fig. 8")
    fig, ax = plt.subplots(figsize=(5, 4))
    lo, hi = (float(x) for x in gamma_window_bulk())
    gs = np.linspace(0.3, 2.6, 400)
    cu = np.array([real_or_none(f["c-bulk"](g)) for g in gs], float)
    ax.plot(gs, cu, "r-", label=r"bulk $c_{\min}(\Gamma)$ (derived)")
    unlabeled(ax.axhline(1, color="k", lw=0.8), "c = 1, the largest drive (axis guide)")
    for k, v in enumerate((lo, hi)):
        ax.axvline(v, color="gray", ls=":", label=r"window edges $\Gamma_\pm$ (Eq. 23)" if k == 0 else "_edge")
        if k:
            unlabeled(ax.lines[-1], "second window edge, same mark")
    ax.set_title(rf"bulk entanglement for ${lo:.5f}<\Gamma<{hi:.5f}$", fontsize=9)
    ax.set_xlabel(r"boundary coupling $\Gamma$ (units of the hopping)")
    ax.set_ylabel(r"$c_{\min}$")
    ax.set_ylim(0.4, 1.6)
    ax.legend(fontsize=7)
    save(fig, "xx_fig8")

    progress("Fig. 9")
    fig, axs = plt.subplots(1, 2, figsize=(9, 4))
    for ax, g in zip(axs, (1.0, 1.5)):
        cs = np.linspace(0.4, 1, min(N, 301))
        Cg, Dg = np.meshgrid(cs, cs)
        lu = lambdify_lambda("bulk")(Cg, Dg, g)
        unlabeled(ax.contourf(Cg, Dg, (lu < 0).astype(float), levels=[0.5, 1.5], colors=["tab:red"], alpha=0.5),
                  "legend proxy patch")
        ax.fill([], [], color="tab:red", alpha=0.5, label=r"bulk $\rho_{j,j+1}$ entangled")
        cm = real_or_none(f["c-bulk"](g))
        cc = np.linspace(cm, 1, 200)
        ax.plot(cc, [real_or_none(f["d-bulk"](x, g)) for x in cc], "k-", lw=1, label="derived edge (Eq. 21)")
        ax.set_title(rf"bulk pocket, $\Gamma={g:g}$, $c_{{\min}}={cm:.4f}$", fontsize=9)
        ax.set_xlabel("$c$")
        ax.set_ylabel("$d$")
        ax.set_aspect("equal")
        ax.legend(fontsize=7)
    save(fig, "xx_fig9")
    return paths


def _site_magnetisations(expr):
    """The pair's magnetisations ``zj``, ``zk`` (sympy names) printed as :math:`a_j`, :math:`a_k`
    (not as the products z·j, z·k)."""
    names = {"zj": Named("a_j"), "zk": Named("a_k")}
    return expr.xreplace({s: names[s.name] for s in expr.free_symbols if s.name in names})


def _run_section(out, progress):
    numbers, eqs = [], []

    def num(name, paper, derived, note=""):
        rel = None if paper is None else abs(derived - paper) / abs(paper)
        numbers.append({"name": name, "paper": paper, "derived": derived, "rel_error": rel, "note": note})

    t0 = time.perf_counter()
    progress("pair states and lambda_min")
    eqs.append((r"$\lambda_{\min}$ of $\rho_{12}^{T_1}$ (Eq. 15)",
                Equation(Named(r"\lambda_{\min}(\rho_{12}^{T_1})"), boundary_lambda_min())))
    eqs.append((r"$\lambda_{\min}$ of $\rho_{j,j+1}^{T_1}$ (Eq. 20)",
                Equation(Named(r"\lambda_{\min}(\rho_{j,j+1}^{T_1})"), bulk_lambda_min())))
    eqs.append((r"$\lambda_{\min}$ of a distance-2 pair",
                Equation(Named(r"\lambda_{\min}(\rho_{j,k}^{T_1})"), _site_magnetisations(distance_lambda_min(2)),
                         note="k = j + 2")))
    progress("boundary thresholds")
    gmin = gamma_min_boundary()
    num("Gamma_min (boundary pair, Eq. 18)", 0.51058, float(sp.N(gmin)), "paper quotes ~0.511")
    _, gstar, cstar = largest_tongue()
    num("Gamma of the largest tongue", 1.08873, float(gstar), "root of a degree-12 polynomial")
    num("c_min at the largest tongue", 0.59557, float(cstar))
    eqs.append((r"$c_{\min}(\Gamma)$, boundary (Eq. 16)", Equation(Named(r"c_{\min}(\Gamma)"), c_min_boundary())))
    eqs.append((r"$d(c,\Gamma)$, boundary lower edge (Eq. 17)", Equation(Named(r"d(c,\Gamma)"), d_edge_boundary())))
    eqs.append((r"$\Gamma_{\min}$ (Eq. 18)", Equation(Named(r"\Gamma_{\min}"), gmin)))
    f, _, _ = largest_tongue()
    eqs.append((r"largest tongue: $\Gamma$ is a root of", Equation(f, 0)))
    progress("bulk thresholds")
    lo, hi = gamma_window_bulk()
    num("Gamma_- (bulk window, Eq. 23)", 0.531, float(lo))
    num("Gamma_+ (bulk window, Eq. 23)", 1.883, float(hi))
    num("bulk c_min at Gamma = 1 (Eq. 22)", 0.5621, float(sp.N(c_min_bulk().subs(COUPLING, 1))))
    eqs.append((r"$d(c,\Gamma)$, bulk pocket edge (Eq. 21)", Equation(Named(r"d(c,\Gamma)"), d_edge_bulk())))
    eqs.append((r"$c_{\min}(\Gamma)$, bulk (Eq. 22)", Equation(Named(r"c_{\min}(\Gamma)"), c_min_bulk())))
    eqs.append((r"bulk window $\Gamma_- < \Gamma < \Gamma_+$ (Eq. 23)",
                [Equation(Named(r"\Gamma_-"), lo), Equation(Named(r"\Gamma_+"), hi)]))
    progress("non-nearest-neighbour theorem")
    steps = nn_theorem(3)
    progress("figures")
    figs = xx_boundary_figures(out, progress)
    return SectionResult(numbers=numbers, latex=eqs, figures=[str(p) for p in figs],
                         extra={"nn_theorem_steps": [s[0] for s in steps],
                                "seconds": time.perf_counter() - t0})


CATALOG_MODELS: list = []
CATALOG_SECTIONS = [ReproduceSection(key="xx-sec3-boundary",
                                     title="XX chain without dephasing: pair states and thresholds "
                                           "(Znidaric Sec. III.A-C, Figs. 1, 4-9)",
                                     run=_run_section, order=50)]
