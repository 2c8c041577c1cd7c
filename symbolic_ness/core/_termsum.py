"""The common algebra of operator sums ``{term key: coefficient}``: :class:`~symbolic_ness.core.PauliSum`
(qubits, Pauli strings) and the level sums of sites of any dimension (matrix units) share it."""
from __future__ import annotations

from typing import Mapping

import sympy as sp

__all__ = ["TermSum"]


class TermSum:
    """A sum of operator terms: ``terms`` maps a term key to a nonzero sympy coefficient (``()``
    is the identity). Subclasses define what a key is and how two keys multiply."""

    __slots__ = ("terms",)

    def __init__(self, terms: Mapping | None = None):
        self.terms = {k: v for k, v in (terms or {}).items() if v != 0}

    @classmethod
    def scalar(cls, c):
        return cls({(): sp.sympify(c)})

    def __repr__(self):
        return f"{type(self).__name__}({self.terms!r})"

    def __eq__(self, other):
        return type(other) is type(self) and self.terms == other.terms

    def __hash__(self):
        return hash(tuple(sorted(self.terms.items(), key=str)))

    def __add__(self, other):
        out = dict(self.terms)
        for k, v in other.terms.items():
            out[k] = sp.expand(out.get(k, 0) + v)
        return type(self)(out)

    def scale(self, c):
        return type(self)({k: sp.expand(c * v) for k, v in self.terms.items()})

    def sites(self) -> set:
        """The sites the terms act on (a key is a tuple of ``(site, local label)``)."""
        return {s for k in self.terms for s, _ in k}

    @property
    def free_symbols(self) -> set:
        out: set = set()
        for v in self.terms.values():
            out |= v.free_symbols
        return out
