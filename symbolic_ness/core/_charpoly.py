r"""Characteristic polynomial of the Liouvillian, factored: the data the spectrum and the
exceptional locus are both read from.

:math:`\det(\lambda - M) = \prod_k f_k(\lambda)^{m_k}` for the real Pauli-basis generator
:math:`M` (similar to :math:`\mathcal L`), block by block: the diagonal blocks of the block
triangular form (strongly connected components, sympy ``DomainMatrix.scc``); small blocks
with sympy's ``charpoly_base``, large blocks with several symbols by certified modular
evaluation–interpolation (:func:`~symbolic_ness.algebra._charpoly_modular.charpoly_exact`: a-priori
degree and coefficient bounds, exact); equal block polynomials are counted once with their
multiplicity and each is factored with python-flint.
"""
from __future__ import annotations

import sympy as sp
from sympy.polys.matrices import DomainMatrix

from .._cache import cached
from ._liouvillian import pauli_liouvillian
from ._model import Model
from ..algebra._polys import factor_list
from .._log import staged

__all__ = ["LAMBDA", "ImplicitRoot"]

LAMBDA = sp.Symbol("lambda")


class ImplicitRoot(sp.Function):
    """The k-th root (sorted by real, then imaginary part at evaluation) of an irreducible factor."""

    nargs = 2


#: blocks at least this large with at least two symbols go through the modular charpoly
MODULAR_MIN_BLOCK = 24


def _block_charpoly(dM, dok: dict, idx: list):
    """Characteristic polynomial (expanded, in LAMBDA) of the principal block ``idx``."""
    from ..algebra._charpoly_modular import charpoly_exact
    from ..algebra._linalg_ring import NotPolynomialError
    pos = {k: a for a, k in enumerate(idx)}
    if len(idx) >= MODULAR_MIN_BLOCK:
        sub = {(pos[i], pos[j]): v for (i, j), v in dok.items() if i in pos and j in pos}
        syms = set()
        for v in sub.values():
            syms |= sp.sympify(v).free_symbols
        if len(syms) >= 2:
            try:
                return charpoly_exact(sub, len(idx), LAMBDA)
            except NotPolynomialError:
                pass
    block = dM.extract(idx, idx)
    dom = block.domain
    coeffs = block.charpoly_base()
    return sp.expand(sp.Add(*[dom.to_sympy(c) * LAMBDA ** (len(coeffs) - 1 - k) for k, c in enumerate(coeffs)]))


@cached("charpoly_factors")
@staged("exact characteristic polynomial", lambda model: {"qubits": model.n})
def _charpoly_factors(model: Model) -> list:
    M = pauli_liouvillian(model)
    if not model.is_qubits:  # square roots of a, S+- removed by a congruence (similar: same spectrum)
        from ._liouvillian import rational_generator
        M = rational_generator(model)[0]
    n = M.shape[0]
    dok = M.todok()
    rows = {}
    for (i, j), v in dok.items():
        rows.setdefault(i, {})[j] = v
    dM = DomainMatrix.from_dict_sympy(n, n, rows)
    # det(lambda - M) = product of the diagonal blocks of the block triangular form
    blocks: dict = {}
    for idx in dM.scc():
        poly = _block_charpoly(dM, dok, idx)
        blocks[poly] = blocks.get(poly, 0) + 1
    merged = {}
    for poly, mult in blocks.items():
        for f, m in factor_list(poly)[1]:
            if not f.has(LAMBDA):
                continue
            key = sp.Poly(f, LAMBDA).monic().as_expr()
            key = sp.expand(sp.cancel(key))
            merged[key] = merged.get(key, 0) + mult * m
    return [(k, m) for k, m in merged.items()]
