r"""Certificates of the HDB paper's cache kinds beyond the two-qubit derivation and the general
exact state / PT characteristic polynomial (which certify themselves in their modules).

* ``hdb-symmetric-symbolic-v2`` (the symmetric steady state of the reset model, symbolic in
  :math:`g,r,\gamma` after restoring :math:`\gamma` by homogeneity): the permutation generator
  with every parameter symbolic annihilates the stored vector at a random point modulo a random
  prime and has the stored nullity there (:func:`~symbolic_ness.engines.certify_null_vector`).

Stored nowhere (memoized in the process only; sympy steps from certified inputs, < 1 s each):
:data:`MEMORY_ONLY`.

>>> sorted(MEMORY_ONLY)[:2]
['hdb-general-imperfect-reset-v3', 'hdb-general-no-reset-v2']
"""
from __future__ import annotations

from ..._cache import register_certifier
from ...engines import certify_null_vector, permutation_basis, permutation_generator

__all__ = ["MEMORY_ONLY", "certify_symmetric_symbolic"]

#: cache kinds of this package that are never stored on disk, with the reason
MEMORY_ONLY = {
    "hdb-general-imperfect-reset-v3": "sympy steps from the certified exact state (< 1 s)",
    "hdb-general-no-reset-v2": "sympy steps from the certified exact state (< 1 s)",
    "hdb-general-threshold-poly-v2": "a Poly of the certified PT characteristic polynomial (< 0.1 s)",
    "hdb2-geometry-v2": "sympy steps from the certified two-qubit derivation (< 0.5 s)",
    "hdb-symmetric-closed-forms-v2": "PT blocks of the certified symmetric state (< 1 s)",
}


def certify_symmetric_symbolic(res, args, kwargs) -> None:
    """Certificate of ``hdb-symmetric-symbolic-v2`` (``_symbolic_x(N)`` -> ``(x, nullity)``)."""
    from ._symmetric import reset_permutation_model
    N = int(args[0] if args else kwargs["N"])
    x, nullity = res
    certify_null_vector(permutation_generator(reset_permutation_model(), N, {}, "exact"),
                        len(permutation_basis(N)[0]), x, nullity)


register_certifier("hdb-symmetric-symbolic-v2", certify_symmetric_symbolic)
