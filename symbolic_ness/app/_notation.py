r"""Notation of the derived-equations document: every symbol its equations use, defined once.

:data:`NOTATION` is set as a list before the first section of ``derived_equations.tex``;
:data:`INTROS` holds the paragraph under a section title (what the section's own symbols mean).
tests/app/test_latex_roundtrip.py checks that every free symbol of every equation is defined
here, in its section's introduction, or as the left side of an earlier equation.
"""
from __future__ import annotations

__all__ = ["NOTATION", "INTROS"]

NOTATION = [
    (r"g", "coupling (Ising/XX exchange) of the two-qubit HDB models; a rate, like all rates here"),
    (r"r", "reset rate of the HDB models"),
    (r"\gamma", "dephasing rate (HDB models; XX chain with dephasing)"),
    (r"x, y", r"$x = g/\gamma$ and $y = r/\gamma$ (rates in units of $\gamma$)"),
    (r"\mathcal{N}", r"negativity $\max(0, -\lambda_{\min}(\rho^{T_A}))$ of a two-qubit state"),
    (r"\rho_{ss}", "exact steady state; $(\\rho_{ss})_{ij}$ its entries (basis $|00\\rangle, |01\\rangle, |10\\rangle, |11\\rangle$)"),
    (r"\rho^{T_A}", "partial transpose on the first qubit"),
    (r"\lambda_k, \mu_k", r"eigenvalues of the Liouvillian $\mathcal{L}$ and of $\rho^{T_A}$"),
    (r"P_k", "abbreviation of a sub-expression too wide for a line, defined right below its first use"),
]

INTROS: dict = {}
