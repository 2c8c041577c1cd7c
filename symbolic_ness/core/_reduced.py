r"""Reduced states of exact steady states without the full density matrix.

For :math:`n` qubits :math:`\rho=2^{-n}\sum_P\langle P\rangle P` over Pauli strings :math:`P`;
tracing out every site outside :math:`K` keeps exactly the strings that are the identity outside
:math:`K`: :math:`\rho_K=2^{-|K|}\sum_{Q}\langle I\otimes Q\rangle\,Q`. A unique exact steady
state keeps its certified polynomial null vector :math:`w` (:math:`\langle P\rangle=w_P/w_0`),
so :math:`\rho_K` needs :math:`4^{|K|}` of its coordinates and one common denominator, never the
:math:`2^n\times 2^n` sympy matrix.
"""
from __future__ import annotations

from typing import Sequence

import sympy as sp

from .._errors import ParameterError
from ._operators import partial_trace, site_dims
from ..algebra._linalg_ring import _ctx, _lcm, _to_int_poly

__all__ = ["reduced_steady_state", "reduced_pauli_poly"]


def _pauli_source(ss):
    """``(gens, labels, entry(mu) -> (num, den) fmpz_mpoly)`` of a lazy exact result, or ``None``."""
    poly = ss.__dict__.get("_poly")
    if poly is not None:
        gens, labels, w = poly
        one = w[0].context().from_dict({(0,) * w[0].context().nvars(): 1})
        return gens, labels, lambda mu: (w[mu], one)
    vec = ss.__dict__.get("_vec")
    if vec is not None:
        gens, labels, v = vec
        ctx = _ctx(tuple(g.name for g in gens))
        return gens, labels, lambda mu: _to_int_poly(v[mu], gens, ctx)
    return None


def _full_index(red: str, keep: Sequence[int], n: int) -> int:
    mu = 0
    for c, j in zip(red, keep):
        mu |= "IXYZ".index(c) << (2 * (n - 1 - j))
    return mu


def reduced_pauli_poly(ss, sites: Sequence[int], n, primitive: bool = False):
    r"""Reduced Pauli coordinates of a lazy exact steady state as polynomials.

    ``(gens, labels, nums)`` with :math:`\langle Q\rangle=\mathrm{nums}[Q]/\mathrm{nums}[0]` for
    the :math:`4^{|K|}` Pauli strings ``labels`` on the kept sites (increasing order; ``labels[0]``
    the identity, so ``nums[0]`` is the common denominator, the trace coordinate), python-flint
    ``fmpz_mpoly`` in ``gens``. ``primitive``: everything divided by the gcd of *all* coordinates of
    the full null vector, so the zeros of ``nums[0]`` are exactly the zeros of the steady state's
    denominators. ``None`` when the result keeps no polynomial vector (numeric, non-unique, a
    congruence solve, sites of dimension > 2): use :func:`reduced_steady_state`'s fallback then.
    """
    if not _qubits(n):
        return None
    src = _pauli_source(ss)
    if src is None:
        return None
    gens, labels, entry = src
    n = n if isinstance(n, int) else len(n)
    if len(labels) != 4 ** n or len(labels[0]) != n:
        raise ParameterError("n", n, f"the number of qubits of the steady state ({len(labels[0])})")
    keep = _check_keep(sites, n)
    k = len(keep)
    red = [_label(r, k) for r in range(4 ** k)]
    pairs = [entry(_full_index(r, keep, n)) for r in red]
    L = None
    for _, b in pairs:
        L = b if L is None else _lcm(L, b)
    nums = [a * (L / b) for a, b in pairs]
    if primitive:
        G = nums[0]
        for e in nums[1:]:
            G = G.gcd(e)
        mu = 0
        while G.total_degree() > 0 and mu < len(labels):  # common factor of the whole vector
            a, b = entry(mu)
            G = G.gcd(a * (L / b))
            mu += 1
        if G.total_degree() > 0:
            nums = [e / G for e in nums]
    return tuple(gens), red, nums


def _label(r: int, k: int) -> str:
    return "".join("IXYZ"[(r >> (2 * (k - 1 - j))) & 3] for j in range(k))


def _qubits(n) -> bool:
    return isinstance(n, int) or set(site_dims(n)) == {2}


def _check_keep(sites, n: int) -> list:
    keep = sorted(set(int(s) for s in sites))
    if not keep or keep[0] < 0 or keep[-1] >= n or len(keep) != len(list(sites)):
        raise ParameterError("sites", list(sites), f"distinct sites in 0..{n - 1}")
    return keep


def reduced_steady_state(ss, sites: Sequence[int], n) -> sp.Matrix:
    r"""Exact reduced density matrix :math:`\rho_K=\mathrm{Tr}_{\bar K}\,\rho_{ss}` of a steady state.

    For qubits :math:`\rho_K=2^{-|K|}\sum_Q\langle Q\rangle Q` over the Pauli strings :math:`Q` on
    the kept sites :math:`K`, :math:`\langle Q\rangle=w_Q/w_0` read from the certified polynomial
    null vector :math:`w` of a lazy exact result (the full :math:`2^n\times2^n` sympy matrix is
    never built). Other results (numeric, sites of dimension > 2, a congruence solve)
    go through :func:`~symbolic_ness.core.partial_trace` of ``ss.rho``.

    Parameters
    ----------
    ss : SteadyState
        A unique steady state (exact or numeric).
    sites : sequence of int
        The kept sites (0-indexed; the result is ordered by increasing site).
    n : int or sequence of int
        Number of qubits, or the site dimensions (as for ``partial_trace``).

    Returns
    -------
    sympy Matrix or numpy.ndarray
        The :math:`2^{|K|}\times 2^{|K|}` reduced state (entries as factored rational functions
        on the exact route).

    Raises
    ------
    ParameterError
        A site out of range or repeated, or ``n`` not the steady state's size.
    NonUniqueSteadyStateError
        The steady state is not unique.

    Examples
    --------
    Two qubits with decay :math:`\kappa` on site 0 and a drive :math:`\Omega X` on site 1 with
    decay 1: the reduced state of site 0 is :math:`|1\rangle\langle 1|`.

    >>> from symbolic_ness.core import Model, Jump, steady_state, embed, sigma_minus, sigma_x
    >>> k, w = sp.symbols("kappa Omega", positive=True)
    >>> m = Model(2, w * embed(sigma_x(), 1, 2), jumps=[Jump(embed(sigma_minus(), 0, 2), k),
    ...                                                 Jump(embed(sigma_minus(), 1, 2), 1)])
    >>> ss = steady_state(m)
    >>> reduced_steady_state(ss, [0], 2)
    Matrix([
    [0, 0],
    [0, 1]])
    >>> reduced_steady_state(ss, [1], 2) == sp.simplify(partial_trace(ss.rho, [1], 2))
    True
    """
    got = reduced_pauli_poly(ss, sites, n)
    if got is None:
        rho = ss.require_unique()
        return partial_trace(rho, list(sites), n) if len(set(sites)) < len(site_dims(n)) else rho
    from ._factored import flint_factored
    from ._steady import pauli_to_density
    gens, labels, nums = got
    x = [flint_factored(e, nums[0], list(gens)) for e in nums]
    return pauli_to_density(x, len(labels[0]))
