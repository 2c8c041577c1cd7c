"""Exact confirmation of a numeric null-space dimension (issue 22: units must not decide).

A numeric rank decision whose singular values sit in the grey zone between rounding and the
tolerance (e.g. rates :math:`10^{6}` and :math:`10^{-6}` in one model: true singular values
:math:`10^{-12}\\,\\sigma_{\\max}` next to rounding at :math:`10^{-17}\\,\\sigma_{\\max}`) is
settled exactly: the Liouvillian at the rational point the floats print
(:func:`~symbolic_ness.algebra.exact_number`) has nullity at most its nullity modulo any prime
(:math:`\\operatorname{rank}_p \\le \\operatorname{rank}_{\\mathbb Q}`), so a modular nullity 1
*certifies* a unique steady state (a trace-preserving generator always has nullity
:math:`\\ge 1`); a larger modular nullity, seen for two random primes
:math:`p \\equiv 1 \\pmod 4` (so :math:`i` is a residue), equals the exact one unless both
primes divide the same minor (probability :math:`< 10^{-15}`).

>>> import sympy as sp
>>> from symbolic_ness import Jump, Model, sigma_minus
>>> k = sp.Symbol("kappa", positive=True)
>>> exact_nullity_at(Model(1, sp.zeros(2, 2), jumps=[Jump(sigma_minus(), k)]), {"kappa": 1e-300})
1
"""
from __future__ import annotations

from typing import Mapping

from .._cache import NotCertifiable
from .._errors import ParameterError
from ._cache_certify import ModP, _liouvillian_mod, _rank

__all__ = ["exact_nullity_at", "MAX_DIM"]

MAX_DIM = 4096  # vec dimension above which no exact confirmation is attempted


def exact_nullity_at(model, values: Mapping) -> int | None:
    """Exact nullity of the Liouvillian of ``model`` at ``values`` (floats as the rationals they
    print), block by block modulo two random primes; ``None`` when the entries are not Gaussian
    rationals at that point (e.g. radicals in the operators) or the dimension exceeds
    :data:`MAX_DIM`."""
    from ..algebra._linalg import block_split
    D = model.dim ** 2
    if D > MAX_DIM:
        return None
    try:
        pt = model.validate(values)
    except (ParameterError, TypeError, ValueError):
        return None
    if any(s not in pt for s in model.parameters):
        return None
    best = None
    for _ in range(2):
        m = ModP()
        try:
            L = _liouvillian_mod(model, pt, m)
        except (NotCertifiable, ZeroDivisionError, ValueError):
            return None
        k = sum(len(b) - _rank(L, b, m) for b in block_split(L, D))
        best = k if best is None else min(best, k)
        if best <= 1:
            break
    return best
