r"""Reproduce section: the exceptional point of the HDB Sec. II toy model (beyond the paper).

The spectrum of the Ising reset model contains the pair
:math:`-(3r/2+\gamma)\pm\tfrac12\sqrt{r^2-16g^2}` (each four-fold). At :math:`g=r/4` the two
branches merge; the package derives (:func:`symbolic_ness.core.exceptional_points`) that the
merged eigenvalue has algebraic multiplicity 8 but only 4 eigenvectors — four Jordan blocks
of size 2 — so :math:`\mathcal L` is not diagonalizable there and the relaxation acquires
:math:`t\,e^{\lambda t}` terms. The figure shows the relaxation rates :math:`-\mathrm{Re}\,\lambda`
and the frequencies :math:`|\mathrm{Im}\,\lambda|` against :math:`g/r` on both sides of the
exceptional point, with the spectral gap :math:`\Delta=-\max_{\lambda\ne0}\mathrm{Re}\,\lambda`.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import sympy as sp

from ..core import exceptional_points, liouvillian_spectrum
from ..papers.hdb import ising_reset_model
from ._registry import ReproduceSection, SectionResult
from ._figures import save_figure, unlabeled
from ..export import Equation, Named, exceptional_point_equations

__all__ = ["CATALOG_MODELS", "CATALOG_SECTIONS", "toy_model_exceptional_point", "relaxation_rates"]

CATALOG_MODELS: list = []


def toy_model_exceptional_point():
    """The exceptional point of the HDB toy model on the locus ``g = r/4`` (derived)."""
    model = ising_reset_model()
    syms = {s.name: s for s in model.parameters}
    g, r = syms["g"], syms["r"]
    for e in exceptional_points(model):
        if e.parameter == g and sp.simplify(e.solution - r / 4) == 0:
            return e
    raise RuntimeError("the derived exceptional locus of the HDB toy model has no point at g = r/4")


def relaxation_rates(ratios, gamma_over_r: float = 0.5) -> dict:
    r"""Eigenvalues of :math:`\mathcal L` (exact expressions evaluated) along :math:`g = x r`, :math:`r=1`.

    Returns ``{"ratios", "eigenvalues" (len(ratios) × 16 complex), "gap"}`` with the spectral gap
    :math:`-\max_{\lambda\ne0}\mathrm{Re}\,\lambda` (the zero eigenvalue removed once).
    """
    model = ising_reset_model()
    syms = {s.name: s for s in model.parameters}
    spec = liouvillian_spectrum(model)
    gam = sp.Rational(repr(float(gamma_over_r)))
    eigs, gaps = [], []
    for x in ratios:
        vals = {syms["g"]: sp.Rational(repr(float(x))), syms["r"]: 1, syms["gamma"]: gam}
        ev = np.sort_complex(spec.numeric(vals))
        eigs.append(ev)
        nz = np.delete(ev, np.argmin(np.abs(ev)))
        gaps.append(float(-nz.real.max()))
    return {"ratios": np.asarray(ratios, dtype=float), "eigenvalues": np.array(eigs), "gap": np.array(gaps)}


def figure(path: Path, gamma_over_r: float = 0.5) -> Path:
    """Relaxation rates and frequencies vs g/r around the exceptional point g = r/4."""
    from matplotlib.figure import Figure

    xs = np.linspace(0.0, 0.6, 241)
    data = relaxation_rates(xs, gamma_over_r)
    ev = data["eigenvalues"]
    fig = Figure(figsize=(8.0, 3.4))
    ax1, ax2 = fig.subplots(1, 2)
    for k in range(ev.shape[1]):
        lab = "other eigenvalues of $\\mathcal{L}$" if k == 0 else "_other"
        a1 = ax1.plot(xs, -ev[:, k].real, color="0.75", lw=0.8, label=lab)[0]
        a2 = ax2.plot(xs, np.abs(ev[:, k].imag), color="0.75", lw=0.8, label=lab)[0]
        if k:
            unlabeled(a1, "same mark as the first grey line")
            unlabeled(a2, "same mark as the first grey line")
    # the two branches that merge at the exceptional point, from the exact spectrum
    ep = toy_model_exceptional_point()
    model = ising_reset_model()
    syms = {s.name: s for s in model.parameters}
    g, r, gam = syms["g"], syms["r"], syms["gamma"]
    pair = [ev for ev, _ in liouvillian_spectrum(model).eigenvalues
            if ev != ep.eigenvalue and sp.simplify(ev.subs(g, r / 4) - ep.eigenvalue) == 0]
    gv = sp.Rational(repr(float(gamma_over_r)))
    for k, ev in enumerate(pair):
        vals = np.array([complex(sp.N(ev.subs({g: sp.Rational(repr(float(x))), r: 1, gam: gv}))) for x in xs])
        # short names: the formulas are in the document (derived_equations.tex, this section)
        lab = r"$\lambda_\pm$, the pair merging at the EP" if k == 0 else "_pair"
        b1 = ax1.plot(xs, -vals.real, color="C0", lw=1.5, label=lab)[0]
        b2 = ax2.plot(xs, np.abs(vals.imag), color="C0", lw=1.5, label=lab)[0]
        if k:
            unlabeled(b1, "the second branch of the same pair")
            unlabeled(b2, "the second branch of the same pair")
    ax1.plot(xs, data["gap"], color="C3", lw=2, ls="--", label=r"spectral gap $\Delta$")
    for ax in (ax1, ax2):
        ax.axvline(0.25, color="k", lw=0.8, ls=":", label="exceptional point $g = r/4$")
        ax.set_xlabel("$g/r$ (coupling in units of the reset rate $r$)")
    ax1.set_ylabel(r"$-\mathrm{Re}\,\lambda$ (in units of $r$)")
    ax2.set_ylabel(r"$|\mathrm{Im}\,\lambda|$ (in units of $r$)")
    fig.suptitle(rf"HDB toy model, $\gamma = {gamma_over_r:g}\,r$: exceptional point at $g = r/4$ "
                 rf"({ep.algebraic}-fold eigenvalue, {ep.geometric} eigenvectors)", fontsize=9)
    ax1.legend(fontsize=6, loc="upper left")
    ax2.legend(fontsize=6, loc="upper right")
    save_figure(fig, path, dpi=130)
    return path


def _num(name, derived, note=""):
    return {"name": name, "paper": None, "derived": float(derived), "rel_error": None, "note": note}


def _run(out: Path, progress) -> SectionResult:
    model = ising_reset_model()
    syms = {s.name: s for s in model.parameters}
    r, gamma = syms["r"], syms["gamma"]
    progress("exceptional locus of the HDB toy model")
    ep = toy_model_exceptional_point()
    ratio = sp.simplify(ep.solution / r)
    coeff_r = sp.diff(ep.eigenvalue, r)
    coeff_g = sp.diff(ep.eigenvalue, gamma)
    others = [e for e in exceptional_points(model) if e.condition != ep.condition]
    progress("relaxation rates around g = r/4")
    fig = figure(out / "figures" / "hdb_exceptional_point.png")
    rates = relaxation_rates([0.2, 0.25, 0.3])
    nums = [
        _num("EP location g/r", ratio, "derived: discriminant of the quadratic spectral factor, g = r/4"),
        _num("EP eigenvalue d lambda/d r", coeff_r, "lambda_EP = -(3r/2 + gamma)"),
        _num("EP eigenvalue d lambda/d gamma", coeff_g),
        _num("EP algebraic multiplicity", ep.algebraic),
        _num("EP geometric multiplicity", ep.geometric, "dim ker(L - lambda_EP), exact on the locus"),
        _num("EP number of Jordan blocks", len(ep.jordan_blocks), "blocks " + str(list(ep.jordan_blocks))),
        _num("EP largest Jordan block", max(ep.jordan_blocks)),
        _num("EP numeric check agrees", 1.0 if ep.numeric_check and ep.numeric_check["agrees"] else 0.0,
             "SVD ranks of (L - lambda)^k at " + str((ep.numeric_check or {}).get("point"))),
        _num("other exceptional points of the toy model", len(others)),
    ]
    for x, gap in zip([0.2, 0.25, 0.3], rates["gap"]):
        nums.append(_num(f"spectral gap / r at g/r = {x}, gamma = r/2", gap,
                         "slowest relaxation -max Re lambda over lambda != 0"))
    nonzero = [ev for ev, _ in liouvillian_spectrum(model).eigenvalues if ev != 0]
    tex = [(r"Exceptional point $\lambda_{\rm EP}$ of the HDB Sec. II toy model", exceptional_point_equations(ep)),
           (r"Spectral gap near the exceptional point: $\Delta = \min_{\lambda_k\neq 0}(-\mathrm{Re}\,\lambda_k)$ "
            r"over the nonzero Liouvillian eigenvalues $\lambda_k$",
            [Equation(Named(f"\\lambda_{{{k}}}"), ev) for k, ev in enumerate(nonzero, 1)])]
    return SectionResult(numbers=nums, latex=tex, figures=[fig],
                         extra={"exceptional_point": ep.as_dict(),
                                "gap_curve": {"g_over_r": rates["ratios"].tolist(), "gap": rates["gap"].tolist()}})


CATALOG_SECTIONS = [ReproduceSection(key="hdb-exceptional",
                                     title="Exceptional point of the HDB Sec. II toy model (beyond the paper)",
                                     run=_run, order=11)]
