r"""Operators on sites of any dimension for the restricted parser (model files with ``dims``).

On site ``k`` of dimension ``d`` (0-indexed; level ``a`` in ``0..d-1``):

* ``T<k>(a,b)`` = :math:`|a\rangle\langle b|`;
* ``Sx<k> Sy<k> Sz<k>``, ``Sp<k>`` = :math:`S_+`, ``Sm<k>`` = :math:`S_-` of spin
  :math:`s=(d-1)/2` with level ``a`` :math:`\leftrightarrow m=s-a` (level 0 is the top: for
  :math:`d=2`, ``Sp``/``Sm`` are :math:`\sigma_\pm` and ``Sz`` = :math:`\sigma_z/2`);
* ``a<k>``, ``ad<k>``, ``n<k>``: truncated mode (level ``n`` = Fock state ``n``);
* ``X<k> Y<k> Z<k>``: Paulis, on ``d = 2`` sites only.

An operator is a :class:`LevelSum`: a dictionary from products of matrix units
:math:`\bigotimes_k|a_k\rangle\langle b_k|` (a tuple of ``(site, (a, b))`` sorted by site;
absent sites carry the identity) to sympy coefficients. Products are exact
(:math:`|a\rangle\langle b|c\rangle\langle e|=\delta_{bc}|a\rangle\langle e|`).

>>> op = LevelSum.local(sp.Matrix([[0, 1], [0, 0]]), 1)
>>> (op * op.dagger()).terms
{((1, (0, 0)),): 1}
>>> op.matrix([3, 2]).shape
(6, 6)
"""
from __future__ import annotations

import re
from typing import Mapping

import sympy as sp

from .._errors import ParameterError
from ._termsum import TermSum

__all__ = ["LevelSum", "level_operator", "LEVEL_OPNAME"]

LEVEL_OPNAME = re.compile(r"^(T|Sx|Sy|Sz|Sp|Sm|ad|a|n|X|Y|Z)(\d+)$")


class LevelSum(TermSum):
    """An operator on sites of any dimension (module docstring); same interface as
    :class:`~symbolic_ness.core.PauliSum` where the parser and the model files need it."""

    __slots__ = ()

    @classmethod
    def local(cls, matrix, site: int) -> "LevelSum":
        """A one-site ``d x d`` matrix on ``site`` as matrix units."""
        M = sp.Matrix(matrix)
        return cls({((site, (i, j)),): sp.sympify(v) for (i, j), v in M.todok().items()})

    def __mul__(self, other: "LevelSum") -> "LevelSum":
        out: dict = {}
        for ka, va in self.terms.items():
            for kb, vb in other.terms.items():
                key = _unit_product(ka, kb)
                if key is not None:
                    out[key] = sp.expand(out.get(key, 0) + va * vb)
        return LevelSum(out)

    def dagger(self) -> "LevelSum":
        return LevelSum({tuple((s, (b, a)) for s, (a, b) in k): sp.conjugate(v) for k, v in self.terms.items()})

    def relabel(self, mapping: Mapping) -> "LevelSum":
        out: dict = {}
        for k, v in self.terms.items():
            key = tuple(sorted(((mapping.get(s, s), ab) for s, ab in k), key=lambda t: t[0]))
            out[key] = sp.expand(out.get(key, 0) + v)
        return LevelSum(out)

    def subs(self, values: Mapping) -> "LevelSum":
        return LevelSum({k: sp.expand(v.subs(values)) for k, v in self.terms.items()})

    def matrix(self, dims) -> sp.SparseMatrix:
        """The full matrix on sites of dimensions ``dims`` (an int: that many qubits)."""
        from ._operators import _kron_sparse, site_dims
        dims = site_dims(dims)
        D = 1
        for d in dims:
            D *= d
        total = sp.SparseMatrix(D, D, {})
        for key, c in self.terms.items():
            loc = dict(key)
            facs = []
            for s, d in enumerate(dims):
                if s in loc:
                    a, b = loc[s]
                    if not (0 <= a < d and 0 <= b < d):
                        raise ParameterError("operator", f"level {max(a, b)} on site {s}",
                                             f"levels 0..{d - 1} (site {s} has dimension {d})")
                    m = sp.zeros(d, d)
                    m[a, b] = 1
                    facs.append(m)
                else:
                    facs.append(sp.eye(d))
            for s in loc:
                if not 0 <= s < len(dims):
                    raise ParameterError("site", s, f"an integer 0 <= site <= {len(dims) - 1}")
            M = facs[0]
            for f in facs[1:]:
                M = _kron_sparse(M, f)
            total = total + c * sp.SparseMatrix(M)
        return sp.SparseMatrix(D, D, {k: v for k, v in total.todok().items() if sp.expand(v) != 0})

    def numeric(self, dims, values: Mapping):
        """Dense complex numpy matrix at ``values``."""
        import numpy as np
        M = self.subs(values).matrix(dims)
        out = np.zeros(M.shape, dtype=complex)
        for (i, j), v in M.todok().items():
            out[i, j] = complex(sp.N(v, 20))
        return out


def _unit_product(a: tuple, b: tuple):
    loc = dict(a)
    for s, (c, e) in b:
        if s in loc:
            x, y = loc[s]
            if y != c:
                return None
            loc[s] = (x, e)
        else:
            loc[s] = (c, e)
    return tuple(sorted(loc.items(), key=lambda t: t[0]))


def level_operator(name: str, site: int, dims, levels=None) -> LevelSum:
    """The operator ``name`` (``T``, ``Sx``, ..., ``a``, ``ad``, ``n``, ``X``, ``Y``, ``Z``) on ``site``
    of a model with site dimensions ``dims``; ``levels = (a, b)`` for ``T``. Raises
    :class:`ParameterError` for a site or level out of range or a Pauli on a d > 2 site."""
    from ._levels import create, destroy, number, spin_minus, spin_plus, spin_x, spin_y, spin_z, transition
    from ._operators import pauli
    n = len(dims)
    op = f"{name}{site}" + (f"({levels[0]},{levels[1]})" if levels is not None else "")
    if not 0 <= site < n:
        raise ParameterError("operator", op, f"a site 0 <= k <= {n - 1} (0-indexed, {n} sites: dims = {list(dims)})")
    d = dims[site]
    if name == "T":
        a, b = levels
        if not (0 <= a < d and 0 <= b < d):
            raise ParameterError("operator", op, f"levels 0 <= a, b <= {d - 1} in T{site}(a,b) (site {site} has "
                                 f"dimension {d})")
        return LevelSum.local(transition(a, b, d), site)
    if name in "XYZ":
        if d != 2:
            raise ParameterError("operator", op, f"a Pauli {name} on a d = 2 site only (site {site} has dimension {d}): "
                                 f"use S{name.lower()}{site} (spin), T{site}(a,b) (transition) or a{site}/ad{site} (mode)")
        return LevelSum.local(pauli(name), site)
    table = {"Sx": spin_x, "Sy": spin_y, "Sz": spin_z, "Sp": spin_plus, "Sm": spin_minus,
             "a": destroy, "ad": create, "n": number}
    return LevelSum.local(table[name](d), site)
