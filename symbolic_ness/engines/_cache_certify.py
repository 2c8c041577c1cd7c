r"""Certificates of the engines' cache kinds (registered in the cache's one table).

``permutation-exact-field-v2`` (the exact symmetric steady state over :math:`\mathbb Q(\text{params})`
of :func:`~symbolic_ness.engines.permutation_steady_state`): at a random point modulo a random
prime the permutation generator :math:`M` (rebuilt from the model) annihilates the stored
:math:`x` (normalised, :math:`x_0=1`) and has rank :math:`D-\text{nullity}`
(:func:`certify_null_vector`, also used by the papers' symmetric kinds).

>>> import sympy as sp
>>> g = sp.Symbol("g", positive=True)
>>> certify_null_vector({(1, 0): g, (1, 1): -g}, 2, (sp.Integer(1), sp.Integer(1)), 1)
"""
from __future__ import annotations

import random

import sympy as sp

from .._cache import register_certifier
from .._errors import CheckFailedError
from ..core import ModP

__all__ = ["certify_null_vector", "certify_permutation_field"]

_RNG = random.SystemRandom()


def certify_null_vector(Md: dict, D: int, x, nullity: int) -> None:
    r"""Check, modulo a random prime at a random point of its symbols, that the ``D x D`` generator
    ``Md`` (dict ``{(row, col): sympy expression}``) has nullity ``nullity`` and, when ``x`` is not
    ``None``, that :math:`Mx=0` with :math:`x_0=1`; raises :class:`CheckFailedError` otherwise.

    Parameters
    ----------
    Md : dict
        Sparse generator, entries rational functions of its parameters.
    D : int
        Dimension.
    x : sequence or None
        A stored null vector normalised by its first coordinate (``None``: not unique).
    nullity : int
        The stored null-space dimension.

    Returns
    -------
    None

    Examples
    --------
    >>> certify_null_vector({(0, 0): sp.Integer(-1)}, 2, None, 1)
    >>> certify_null_vector({(0, 0): sp.Integer(-1)}, 2, None, 2)
    Traceback (most recent call last):
    ...
    symbolic_ness._errors.CheckFailedError: cache: stored null-space dimension 2, 1 at a random point
    """
    import flint
    m = ModP()
    syms = set()
    for v in Md.values():
        syms |= sp.sympify(v).free_symbols
    pt = {s: sp.Integer(_RNG.randrange(1, 2 ** 20)) for s in syms}
    A = flint.nmod_mat(D, D, m.p)
    for (r, c), v in Md.items():
        A[r, c] = m.at(v, pt)
    rank = A.rank()
    if D - rank != int(nullity):
        raise CheckFailedError(f"cache: stored null-space dimension {int(nullity)}, {D - rank} at a random point")
    if x is None:
        return
    if len(x) != D or m.at(x[0], pt) != 1:
        raise CheckFailedError("cache: stored null vector of the wrong length or not normalised")
    xv = [m.at(v, pt) for v in x]
    out = [0] * D
    for (r, c), v in Md.items():
        out[r] = (out[r] + int(A[r, c]) * xv[c]) % m.p
    if any(out):
        raise CheckFailedError("cache: stored vector is not in the null space (modular check)")


def certify_permutation_field(res, args, kwargs) -> None:
    """Certificate of ``permutation-exact-field-v2`` (``_solve_field(pm, N, subs)`` ->
    ``(x, nullity)``)."""
    from ._permutation import permutation_basis, permutation_generator
    pm, N, subs = args
    x, nullity = res
    Md = permutation_generator(pm, N, dict(subs), "exact")
    certify_null_vector(Md, len(permutation_basis(N)[0]), x, nullity)


register_certifier("permutation-exact-field-v2", certify_permutation_field)
