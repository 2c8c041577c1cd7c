r"""Notation of the derived-equations document: every symbol its equations use, defined once.

:data:`NOTATION` is set as a list before the first section of ``derived_equations.tex``;
:data:`INTROS` (by reproduce-section key) is the paragraph under a section title defining the
section's own symbols. tests/app/test_latex_roundtrip.py checks that every free symbol of every
equation is defined in this text, in its block's title or as the left side of an earlier equation.
"""
from __future__ import annotations

__all__ = ["NOTATION", "INTROS"]

NOTATION = [
    (r"\rho_{ss}", r"exact steady state; $(\rho_{ss})_{ij}$ its entries in the basis "
                   r"$|00\rangle, |01\rangle, |10\rangle, |11\rangle$ ($|0\rangle$ has $\sigma^z = +1$)"),
    (r"\rho^{T_A}, \rho^{T_1}", "partial transpose on the first qubit of the pair"),
    (r"\mathcal{N}", r"negativity $\max(0, -\lambda_{\min}(\rho^{T_A}))$ of a two-qubit state"),
    (r"\lambda_k, \mu_k", r"eigenvalues of the Liouvillian $\mathcal{L}$ and of $\rho^{T_A}$"),
    (r"\lambda_{\min}", r"smallest eigenvalue of the partial transpose (the pair is entangled iff $\lambda_{\min} < 0$)"),
    (r"P_k", "abbreviation of a sub-expression too wide for a line, defined right below its first use"),
    (r"i", "the imaginary unit"),
]

_HDB = (r"Rates: $g$ the coupling, $r$ the reset rate, $\gamma$ the dephasing rate (any common unit; "
        r"figures use units of $\gamma$); $x = g/\gamma$, $y = r/\gamma$. ")

INTROS = {
    "hdb-sec2": _HDB + r"$C_{ab;cd}$ is the coefficient of $|ab\rangle\langle cd|$ in $\rho$, "
                       r"$q = g/r$ in the scaling limit, $r_{th}$ the entanglement threshold in $r$.",
    "hdb-exceptional": _HDB + r"$\lambda_{\rm EP}$ is the exceptional (defective) eigenvalue.",
    "hdb-sec3-general": _HDB + r"XYZ model with field: $B$ and $C$ are the field and the XYZ anisotropy "
                               r"rates of the paper's Sec. III, $s \in [0, 1]$ the decay-channel parameter "
                               r"($s = 1/2$ infinite temperature), $\epsilon$ the weight of the maximally mixed "
                               r"state in an imperfect reset.",
    "hdb-sec3-nqubits": _HDB + r"$N$ qubits coupled all to all; $\langle XYZ\rangle_{\rm sym}$ are the "
                               r"permutation-averaged Pauli expectations; $t_N$, $d_N$, $Q_N$ as defined "
                               r"in each block.",
    "xx-sec2-thermal": r"Infinite XX chain in the state $e^{-\beta H - \phi M}/Z$: $\beta$ inverse temperature, "
                       r"$\phi$ chemical potential, $M$ magnetisation, $k$ the fermion momentum; "
                       r"$z$, $xx$, $zz$ stand for $\langle\sigma^z_j\rangle$, "
                       r"$\langle\sigma^x_j\sigma^x_{j+1}\rangle$, $\langle\sigma^z_j\sigma^z_{j+1}\rangle$ "
                       r"and $q = 1 - z^2$.",
    "xx-sec3-boundary": r"Boundary-driven XX chain of $n$ sites: $\Gamma$ the boundary coupling, driving $\mu$ "
                        r"with bias $\bar\mu$, $c = \mu/2 - \bar\mu$ and $d = \mu/2 + \bar\mu$; "
                        r"$t = -\langle\sigma^x_j\sigma^y_{j+1}\rangle$ the spin current, "
                        r"$a_1 = \langle\sigma^z_1\rangle$, $a = \langle\sigma^z_j\rangle$ in the bulk, "
                        r"$a_n = \langle\sigma^z_n\rangle$; $a_j$, $a_k$ the magnetisations of the sites $j < k$ of a pair.",
    "xx-sec3d-dephasing": r"As in the previous section, with dephasing rate $\gamma$; $n$ sites ($n = 2m + 1$ "
                          r"when odd), $X = \Gamma + 1/\Gamma + \gamma(n-2)$, $\gamma_c$ the dephasing "
                          r"threshold, $\Gamma_\pm$ the edges of the $\Gamma$ window, $\Gamma_m$ the coupling "
                          r"where the boundary pair's entanglement ends.",
}
