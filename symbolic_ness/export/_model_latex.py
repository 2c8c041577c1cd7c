r"""A model's master equation as :class:`~symbolic_ness.export.Equation` objects.

:func:`model_equations` states the master equation of a :class:`~symbolic_ness.core.Model`
with named superoperator terms and then defines every name by an equation whose two sides are
sympy objects: the Hamiltonian :math:`H=\sum_P c_P P` over Pauli strings (sites of other
dimensions: :math:`H` as a matrix), each jump :math:`L_k` over Pauli strings or
:math:`\sigma^\pm_j`/:math:`\sigma^z_j` (whichever needs fewer terms), the dissipator and
each reset. The operators are non-commuting symbols, so a product is printed in site order
after its coefficient.

The coefficients are exact: :math:`c_P=\mathrm{tr}(D_P M)` with :math:`D_P` the dual basis
(:math:`P/2` per site for Pauli letters; :math:`\sigma^\mp_j` for :math:`\sigma^\pm_j`).

>>> import sympy as sp
>>> from symbolic_ness.core import Model, Jump, sigma_minus, sigma_z, sigma_x, kron, embed
>>> g, k = sp.symbols("g kappa", positive=True)
>>> m = Model(2, g * kron(sigma_z(), sigma_z()) + embed(sigma_x(), 1, 2), jumps=[Jump(embed(sigma_minus(), 0, 2), k)])
>>> for e in model_equations(m):
...     print(e.latex())
\dot{\rho} = \kappa \mathcal{D}[L_{1}]\rho - i \left[H,\rho\right]
H = g \sigma_{1}^{z} \sigma_{2}^{z} + \sigma_{2}^{x}
L_{1} = \sigma_{1}^{-}
\mathcal{D}[L]\rho = L \rho L^{\dagger} - \frac{L^{\dagger} L \rho}{2} - \frac{\rho L^{\dagger} L}{2}
"""
from __future__ import annotations

from itertools import product

import sympy as sp

from ._equation import Equation, Named

__all__ = ["model_equations", "operator_sum"]

_HALF = sp.Rational(1, 2)
# per-site dual weights: {(i, j): [(letter, tr-weight D[j, i])]} for the entry M[i, j]
_PAULI = {(0, 0): [("I", _HALF), ("z", _HALF)], (1, 1): [("I", _HALF), ("z", -_HALF)],
          (0, 1): [("x", _HALF), ("y", sp.I / 2)], (1, 0): [("x", _HALF), ("y", -sp.I / 2)]}
_LADDER = {(0, 0): [("I", _HALF), ("z", _HALF)], (1, 1): [("I", _HALF), ("z", -_HALF)],
           (0, 1): [("+", sp.Integer(1))], (1, 0): [("-", sp.Integer(1))]}


def _site_op(site: int, letter: str):
    return Named(rf"\sigma_{{{site + 1}}}^{{{letter}}}", commutative=False)


def _coefficients(M, n: int, table: dict) -> dict:
    """``{(letter per site): coefficient}`` of the 2^n matrix ``M`` in the product basis of ``table``."""
    out = {}
    for (i, j), v in sp.SparseMatrix(M).todok().items():
        per_site = [table[((i >> (n - 1 - s)) & 1, (j >> (n - 1 - s)) & 1)] for s in range(n)]
        for choice in product(*per_site):
            w = v
            for _, c in choice:
                w = w * c
            key = tuple(lab for lab, _ in choice)
            out[key] = out.get(key, 0) + w
    return {k: c for k, c in ((k, sp.expand(c)) for k, c in out.items()) if c != 0}


def _as_sum(coeffs: dict):
    terms = []
    for key in sorted(coeffs, key=lambda k: [(s, lab) for s, lab in enumerate(k) if lab != "I"]):
        ops = [_site_op(s, lab) for s, lab in enumerate(key) if lab != "I"]
        terms.append(sp.factor_terms(coeffs[key]) * sp.Mul(*ops))
    return sp.Add(*terms)


def operator_sum(M, n: int, ladder: bool = False):
    r"""The 2^n matrix ``M`` as a sum of coefficient times Pauli strings (non-commuting symbols
    :math:`\sigma^a_j`, sites 1-based); ``ladder=True`` uses :math:`\sigma^+_j,\sigma^-_j,\sigma^z_j`
    instead of :math:`\sigma^x_j,\sigma^y_j,\sigma^z_j`. The identity is the coefficient alone.

    >>> from symbolic_ness.core import sigma_minus
    >>> operator_sum(sigma_minus(), 1), operator_sum(sigma_minus(), 1, ladder=True)
    (\sigma_{1}^{x}/2 - I*\sigma_{1}^{y}/2, \sigma_{1}^{-})
    """
    return _as_sum(_coefficients(M, n, _LADDER if ladder else _PAULI))


def _jump_rhs(M, n: int):
    """A qubit jump in whichever basis (Pauli, or ladder) has fewer terms (ties: Pauli)."""
    pauli, ladder = _coefficients(M, n, _PAULI), _coefficients(M, n, _LADDER)
    return _as_sum(ladder if len(ladder) < len(pauli) else pauli)


def model_equations(model) -> list:
    r"""The master equation of ``model`` and the definition of each of its parts, as
    :class:`Equation` objects: :math:`\dot\rho = -i[H,\rho] + f\sum_k\kappa_k\mathcal D[L_k]\rho
    + \sum_j r_j\mathcal R_j\rho`, then :math:`H = \dots`, :math:`L_k = \dots`, the dissipator
    :math:`\mathcal D[L]\rho`, and for each reset :math:`\mathcal R_j\rho` and its state
    :math:`\phi_j` (sites 1-based, as in papers; :math:`f = 2` for the ``doubled`` normalization).

    Parameters
    ----------
    model : Model
        The model (qubits: H and the jumps as sums of Pauli strings / σ±; other sites: matrices).

    Returns
    -------
    list of Equation
        The master equation first, then one definition per part; print them with
        :func:`equation_latex` (that is :func:`model_latex`).

    Examples
    --------
    >>> from symbolic_ness.core import Jump, Model, sigma_minus, sigma_z
    >>> g = sp.Symbol("g", positive=True)
    >>> eqs = model_equations(Model(1, g * sigma_z(), [Jump(sigma_minus(), 1)]))
    >>> [e.latex() for e in eqs[1:3]]
    ['H = g \\sigma_{1}^{z}', 'L_{1} = \\sigma_{1}^{-}']
    """
    qubits = model.is_qubits
    n = model.n
    rho = Named(r"\rho", commutative=False)
    rhs = sp.Integer(0)
    defs = []
    H = model.hamiltonian
    if H != sp.zeros(model.dim, model.dim):
        rhs += -sp.I * Named(r"\left[H,\rho\right]", commutative=False)
        defs.append(Equation(Named("H"), operator_sum(H, n) if qubits else sp.Matrix(H)))
    for k, j in enumerate(model.jumps, 1):
        rhs += model.factor * j.rate * Named(rf"\mathcal{{D}}[L_{{{k}}}]\rho", commutative=False)
        defs.append(Equation(Named(f"L_{{{k}}}"), _jump_rhs(j.operator, n) if qubits else sp.Matrix(j.operator)))
    if model.jumps:
        L = Named("L", commutative=False)
        Ld = Named(r"L^{\dagger}", commutative=False)
        defs.append(Equation(Named(r"\mathcal{D}[L]\rho"), L * rho * Ld - Ld * L * rho / 2 - rho * Ld * L / 2))
    for rs in model.resets:
        s = rs.site + 1
        rhs += rs.rate * Named(rf"\mathcal{{R}}_{{{s}}}\rho", commutative=False)
        defs.append(Equation(Named(rf"\mathcal{{R}}_{{{s}}}\rho"),
                             Named(rf"\phi_{{{s}}}\otimes\mathrm{{tr}}_{{{s}}}\rho", commutative=False) - rho))
        defs.append(Equation(Named(rf"\phi_{{{s}}}"), sp.Matrix(rs.state)))
    return [Equation(Named(r"\dot{\rho}"), rhs)] + defs
