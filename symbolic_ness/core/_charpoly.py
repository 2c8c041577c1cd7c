r"""Characteristic polynomial of the Liouvillian, factored: the data the spectrum and the
exceptional locus are both read from.

:math:`\det(\lambda - M) = \prod_k f_k(\lambda)^{m_k}` for the real Pauli-basis generator
:math:`M` (similar to :math:`\mathcal L`), block by block (sympy
``DomainMatrix.charpoly_factor_blocks``), each block factored with python-flint.
"""
from __future__ import annotations

import sympy as sp
from sympy.polys.matrices import DomainMatrix

from .._cache import cached
from ._liouvillian import pauli_liouvillian
from ._model import Model
from ._polys import factor_list

__all__ = ["LAMBDA", "ImplicitRoot"]

LAMBDA = sp.Symbol("lambda")


class ImplicitRoot(sp.Function):
    """The k-th root (sorted by real, then imaginary part at evaluation) of an irreducible factor."""

    nargs = 2


@cached("charpoly_factors")
def _charpoly_factors(model: Model) -> list:
    M = pauli_liouvillian(model)
    n = M.shape[0]
    dok = M.todok()
    rows = {}
    for (i, j), v in dok.items():
        rows.setdefault(i, {})[j] = v
    dM = DomainMatrix.from_dict_sympy(n, n, rows)
    dom = dM.domain
    merged = {}
    # block characteristic polynomials (sympy), each factored with python-flint
    for coeffs, mult in dM.charpoly_factor_blocks():
        poly = sp.expand(sp.Add(*[dom.to_sympy(c) * LAMBDA ** (len(coeffs) - 1 - k) for k, c in enumerate(coeffs)]))
        for f, m in factor_list(poly)[1]:
            if not f.has(LAMBDA):
                continue
            key = sp.Poly(f, LAMBDA).monic().as_expr()
            key = sp.expand(sp.cancel(key))
            merged[key] = merged.get(key, 0) + mult * m
    return [(k, m) for k, m in merged.items()]


