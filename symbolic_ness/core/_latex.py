r"""LaTeX export of models, equations, steady states, spectra and negativities.

All functions return plain LaTeX strings (no ``$`` delimiters) built with
sympy's printer, so the output is deterministic for a given sympy version.

>>> import sympy as sp
>>> from symbolic_ness import Model, Jump, sigma_minus
>>> k = sp.Symbol("kappa", positive=True)
>>> m = Model(1, sp.zeros(2, 2), jumps=[Jump(sigma_minus(), k, r"\sigma_-")], name="decay")
>>> print(model_latex(m))
\dot\rho = \kappa\,\mathcal{D}[\sigma_-]\rho,\qquad \mathcal{D}[L]\rho = L\rho L^\dagger-\tfrac12\{L^\dagger L,\rho\}
"""
from __future__ import annotations

import sympy as sp

from ._model import Model

__all__ = ["latex", "model_latex", "equations_latex", "matrix_latex", "spectrum_latex",
           "steady_state_latex"]


def latex(expr, **kw) -> str:
    """sympy's LaTeX with the package defaults."""
    return sp.latex(expr, **kw)


def model_latex(model: Model) -> str:
    r"""Master equation of ``model`` in LaTeX (Hamiltonian by name if it is zero)."""
    parts = []
    if model.hamiltonian != sp.zeros(model.dim, model.dim):
        parts.append(r"-i[H,\rho]")
    f = "2" if model.factor == 2 else ""
    for j in model.jumps:
        label = j.label or latex(j.operator)
        parts.append(f"{f}{latex(j.rate)}\\,\\mathcal{{D}}[{label}]\\rho")
    for rs in model.resets:
        parts.append(f"{latex(rs.rate)}\\left({latex(rs.state)}_{{{rs.site + 1}}}\\otimes\\mathrm{{tr}}_{{{rs.site + 1}}}\\rho-\\rho\\right)")
    body = " + ".join(parts) if parts else "0"
    return (r"\dot\rho = " + body +
            r",\qquad \mathcal{D}[L]\rho = L\rho L^\dagger-\tfrac12\{L^\dagger L,\rho\}")


def equations_latex(eqs) -> str:
    r"""A list of ``sympy.Eq`` as an ``aligned`` block, one equation per line."""
    lines = [latex(e.lhs) + " &= " + latex(e.rhs) for e in eqs]
    return r"\begin{aligned}" + r" \\ ".join(lines) + r"\end{aligned}"


def matrix_latex(M) -> str:
    """A matrix as ``pmatrix``."""
    return latex(sp.Matrix(M), mat_str="pmatrix", mat_delim="")


def steady_state_latex(ss) -> str:
    r"""``\rho_{ss} = (...)`` of an exact :class:`SteadyState`."""
    if not ss.unique:
        return r"\text{non-unique steady state (null-space dimension " + str(ss.nullity) + ")}"
    return r"\rho_{\mathrm{ss}} = " + matrix_latex(ss.rho)


def spectrum_latex(spec) -> str:
    r"""Eigenvalues with multiplicities: ``\lambda = ... \ (\times m)``."""
    items = [f"{latex(ev)}\\ (\\times {m})" for ev, m in spec.eigenvalues]
    return r"\operatorname{spec}\mathcal{L} = \left\{" + r",\; ".join(items) + r"\right\}"
