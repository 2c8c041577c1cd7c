r"""Conserved U(1) charges of a Lindblad generator on sites of any dimension.

A diagonal charge :math:`Q=\sum_j q_j(\hat a_j)` (a function of the level :math:`a_j` of every
site, e.g. the excitation number :math:`a^\dagger a+|e\rangle\langle e|` of Jaynes–Cummings)
generates a weak symmetry :math:`\rho\mapsto e^{-i\varphi Q}\rho e^{i\varphi Q}` exactly when
:math:`\mathcal L` only couples matrix units with equal charge differences:

.. math::

    \mathcal L_{(ij),(kl)}\ne0\ \Rightarrow\ Q_i-Q_j=Q_k-Q_l .

Each non-zero entry of the exact product-basis Liouvillian is one integer linear equation in
the unknowns :math:`q_j(a)`; their rational null space (gauge :math:`q_j(0)=0`, which removes
the constants) is the space of conserved charges, found exactly (python-flint ``rref``).
Every basis charge becomes a :class:`~symbolic_ness.core.Symmetry` of kind ``"u1"`` whose
``generator`` is :math:`\mathcal K\rho=i[Q,\rho]` in the real operator basis
(:func:`~symbolic_ness.core._liouvillian.model_basis`), scaled to integers, for
:func:`~symbolic_ness.core._symmetry.invariant_basis`.

>>> import sympy as sp
>>> from symbolic_ness.core import Model, Jump, embed, destroy, create, sigma_plus, sigma_minus
>>> g, k = sp.symbols("g kappa", positive=True)
>>> dims = (3, 2)
>>> a, sm = embed(destroy(3), 0, dims), embed(sigma_minus(), 1, dims)
>>> H = g * (a.H * sm + sm.H * a)
>>> m = Model(2, H, jumps=[Jump(a, k)], dims=dims)
>>> [(s.name, s.kind) for s in detect_charges(m)]
[('U(1) charge q0=[0, 1, 2] q1=[0, -1]', 'u1')]
"""
from __future__ import annotations

from math import lcm

import sympy as sp

from ._symmetry import Symmetry

__all__ = ["detect_charges", "charge_equations"]


def charge_equations(model) -> list:
    """Distinct integer equations ``{unknown: coefficient}`` on the charges ``q_j(a)``
    (unknown index :math:`\\sum_{k<j}d_k + a`), one per pattern of the Liouvillian's entries."""
    from ._liouvillian import liouvillian_dok
    from ._operators import _digits
    dims = model.dims
    d = model.dim
    off = [sum(dims[:j]) for j in range(len(dims))]
    seen = set()
    eqs = []
    for (row, col) in liouvillian_dok(model):
        i, j = row % d, row // d
        k, l = col % d, col // d
        key = (i, j, k, l)
        if key in seen:
            continue
        seen.add(key)
        e: dict = {}
        for sgn, idx in ((1, i), (-1, j), (-1, k), (1, l)):
            for s, a in enumerate(_digits(idx, dims)):
                u = off[s] + a
                e[u] = e.get(u, 0) + sgn
        e = {u: c for u, c in e.items() if c}
        if e:
            t = tuple(sorted(e.items()))
            if t not in seen:
                seen.add(t)
                eqs.append(e)
    return eqs


def detect_charges(model) -> list:
    """Independent conserved diagonal charges of ``model`` as ``"u1"`` :class:`Symmetry` objects
    (an integer basis of the charge space, gauge ``q_j(0) = 0``).

    Q = Σ_j q_j(â_j) is conserved when every non-zero entry L_(ij),(kl) has Q_i − Q_j = Q_k − Q_l.

    Parameters
    ----------
    model : Model
        The model (sites of any dimension).

    Returns
    -------
    list of Symmetry
        One ``kind="u1"`` symmetry per basis charge (first non-zero value positive), whose
        ``generator`` is K ρ = i[Q, ρ] in the real operator basis; empty if none.

    Examples
    --------
    >>> from symbolic_ness.core import Model, Jump, sigma_minus
    >>> k = sp.Symbol("kappa", positive=True)
    >>> [s.name for s in detect_charges(Model(1, sp.zeros(2, 2), jumps=[Jump(sigma_minus(), k)]))]
    ['U(1) charge q0=[0, 1]']
    """
    import flint
    dims = model.dims
    nun = sum(dims)
    off = [sum(dims[:j]) for j in range(len(dims))]
    eqs = charge_equations(model) + [{o: 1} for o in off]  # gauge q_j(0) = 0
    A = flint.fmpq_mat(len(eqs), nun)
    for r, e in enumerate(eqs):
        for u, c in e.items():
            A[r, u] = c
    R, rank = A.rref()
    piv, row = [], 0
    for c in range(nun):
        if row < rank and R[row, c] != 0:
            piv.append(c)
            row += 1
    free = [c for c in range(nun) if c not in set(piv)]
    out = []
    for f in free:
        q = {f: flint.fmpq(1)}
        for rr, c in enumerate(piv):
            if R[rr, f] != 0:
                q[c] = -R[rr, f]
        den = lcm(*(int(v.q) for v in q.values()))
        vec = [0] * nun
        for u, v in q.items():
            vec[u] = int(v.p) * (den // int(v.q))
        first = next(v for v in vec if v)
        if first < 0:  # sign convention: the first non-zero charge value is positive
            vec = [-v for v in vec]
        per = [vec[off[j]:off[j] + dims[j]] for j in range(len(dims))]
        name = "U(1) charge " + " ".join(f"q{j}={p}" for j, p in enumerate(per))
        out.append(Symmetry(name, "u1", generator=_generator(model, per)))
    return out


def _generator(model, per) -> tuple:
    r""":math:`\mathcal K\rho=i[Q,\rho]` in the real operator basis, integer entries (scaled)."""
    from ._liouvillian import model_basis
    from ._operators import _digits
    dims = model.dims
    _, norms, string_dok = model_basis(model)
    N = len(norms)
    d = model.dim
    Q = [sum(per[s][a] for s, a in enumerate(_digits(i, dims))) for i in range(d)]
    strings = [string_dok(mu) for mu in range(N)]
    proj: dict = {}
    for mu, P in enumerate(strings):
        for key, v in P.items():
            proj.setdefault(key, []).append((mu, sp.conjugate(v)))
    K: dict = {}
    for nu, P in enumerate(strings):
        for (i, j), v in P.items():
            dq = Q[i] - Q[j]
            if dq == 0:
                continue
            w = sp.I * dq * v
            for mu, cv in proj.get((i, j), ()):
                K[(mu, nu)] = K.get((mu, nu), 0) + cv * w / norms[nu]
    K = {key: sp.expand(v) for key, v in K.items()}
    K = {key: v for key, v in K.items() if v != 0}
    if not K:
        return ()
    den = lcm(*(int(sp.Rational(v).q) for v in K.values()))
    return tuple(sorted((key, int(v * den)) for key, v in K.items()))
