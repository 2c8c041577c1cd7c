r"""A diagonal congruence that makes a Liouvillian with square-root entries rational.

Truncated modes and spins have square roots in their matrix elements
(:math:`a|n\rangle=\sqrt n|n-1\rangle`, :math:`S_+`), so the Liouvillian is not a matrix over
:math:`\mathbb Q(i)[p]` and the modular/ring kernels would not apply. With a positive diagonal
:math:`D=\mathrm{diag}(D_0,\dots,D_{d-1})`, :math:`D_i^2\in\mathbb Q`, the congruence
:math:`\rho=D\rho' D` maps Hermitian to Hermitian matrices, and

.. math::

    \mathcal L'\rho'=D^{-1}\mathcal L(D\rho'D)D^{-1},\qquad
    \mathcal L'_{(ij),(kl)}=\mathcal L_{(ij),(kl)}\,\frac{D_kD_l}{D_iD_j}

is similar to :math:`\mathcal L` (same spectrum, null space mapped by :math:`D`). Every term
:math:`cA\rho B^\dagger` becomes :math:`c(D^{-1}AD)\rho'(D^{-1}BD)^\dagger`, so :math:`D` is
found from the operators: each non-zero entry :math:`A_{ij}=q\sqrt s` (``q`` in
:math:`\mathbb Q(i)[p]`, ``s`` a square-free integer) asks for
:math:`D_j/D_i\sim\sqrt s` up to rationals, a linear condition over :math:`\mathbb F_2` on the
prime exponents of :math:`D_i^2`, solved along the connected components of the entry graph.
For :math:`a` this gives :math:`D_n^2=n!` and :math:`D^{-1}aD=\sum_n n|n-1\rangle\langle n|`.

>>> import sympy as sp
>>> from symbolic_ness.core import Model, Jump, destroy
>>> k = sp.Symbol("kappa", positive=True)
>>> m = Model(1, sp.zeros(3, 3), jumps=[Jump(destroy(3), k)], dims=(3,))
>>> rationalizing_scale(m)
(1, 1, sqrt(2))
"""
from __future__ import annotations

import sympy as sp

__all__ = ["rationalizing_scale", "scaled_dok"]


def _radical(v):
    """The square-free integer ``s`` with ``v = q sqrt(s)``, ``q`` free of integer square roots,
    or ``None`` when ``v`` mixes radicals (or has others)."""
    v = sp.expand(v)
    out = None
    for t in sp.Add.make_args(v):
        s = 1
        for f in sp.Mul.make_args(t):
            if f.is_Pow and f.base.is_Integer and f.base > 0 and f.exp.is_Rational:
                if f.exp.q == 2:
                    s *= int(f.base) if f.exp.p % 2 else 1
                elif f.exp.q != 1:
                    return None
            elif f.is_Pow and f.base.is_Rational and f.exp.is_Rational and f.exp.q == 2:
                return None
            elif f.is_number and f.has(sp.Pow) and not f.is_Rational and f != sp.I:
                return None
        sf = _squarefree(s)
        if out is None:
            out = sf
        elif out != sf:
            return None
    return 1 if out is None else out


def _squarefree(s: int) -> frozenset:
    return frozenset(p for p, e in sp.factorint(s).items() if e % 2)


def _has_radicals(model) -> bool:
    def rad(M):
        return any(v.has(sp.Pow) and any(a.is_Pow and a.exp.is_Rational and a.exp.q != 1
                                         for a in sp.preorder_traversal(v)) for v in M.values())
    if rad(model.hamiltonian):
        return True
    return any(rad(j.operator) for j in model.jumps) or any(rad(r.state) for r in model.resets)


def rationalizing_scale(model):
    """``(D_0, ..., D_{d-1})`` (exact positive numbers, ``D_0 = 1`` per component) such that every
    operator of the model becomes free of integer square roots under :math:`A\\mapsto D^{-1}AD`;
    ``None`` when the model has no such roots or no such ``D`` exists."""
    if not _has_radicals(model):
        return None
    d = model.dim
    edges: dict = {}
    seen = set()
    for c, A, B in model.sandwich_terms():
        if _radical(c) not in (1, frozenset()):
            return None
        for M in (A, B):
            if id(M) in seen:
                continue
            seen.add(id(M))
            for (i, j), v in M.todok().items():
                if i == j or v == 0:
                    continue
                s = _radical(v)
                if s is None:
                    return None
                edges.setdefault(i, []).append((j, s))
                edges.setdefault(j, []).append((i, s))
    f: dict = {}
    for root in range(d):
        if root in f:
            continue
        f[root] = frozenset()
        stack = [root]
        while stack:
            i = stack.pop()
            for j, s in edges.get(i, ()):
                s = frozenset() if s == 1 else s
                want = f[i] ^ s
                if j in f:
                    if f[j] != want:
                        return None
                else:
                    f[j] = want
                    stack.append(j)
    if all(not v for v in f.values()):
        return None
    return tuple(sp.sqrt(sp.Mul(*sorted(f[i]))) if f[i] else sp.Integer(1) for i in range(d))


def scaled_dok(dok: dict, D, d: int) -> dict:
    r""":math:`\mathcal L'_{(ij),(kl)}=\mathcal L_{(ij),(kl)}D_kD_l/(D_iD_j)` (column stacking:
    row ``i + d j``), expanded; zero entries dropped."""
    out = {}
    for (row, col), v in dok.items():
        i, j = row % d, row // d
        k, l = col % d, col // d
        w = sp.expand(v * D[k] * D[l] / (D[i] * D[j]))
        if w != 0:
            out[(row, col)] = w
    return out
