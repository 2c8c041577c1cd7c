r"""Density matrices and entanglement of permutation-symmetric steady states.

From the symmetric coordinates :math:`x(m)` of a
:class:`~symbolic_ness.engines.PermutationSteadyState`:

* the :math:`k`-qubit reduced state: its coordinates are
  :math:`x_k(m_I,m_X,m_Y,m_Z)=x(m_I+N-k,m_X,m_Y,m_Z)` (tracing out a site keeps only
  the strings with an identity there), and a symmetric state is rebuilt from its
  coordinates element by element: :math:`\rho_{ij}=c(n)` depends only on the counts
  :math:`n=(n_{00},n_{01},n_{10},n_{11})` of the per-site index pairs :math:`(i_s,j_s)`,

  .. math:: c(n)=2^{-k}\sum_{a,b,p,q}\binom{n_{00}}{a}\binom{n_{11}}{b}\binom{n_{01}}{p}
     \binom{n_{10}}{q}(-1)^b(-i)^p i^q\,x_k(n_{00}-a+n_{11}-b,\;n_{01}-p+n_{10}-q,\;p+q,\;a+b)

  (:math:`a`/:math:`b` sites carry :math:`\sigma_z` among the 00/11 pairs, :math:`p`/:math:`q`
  carry :math:`\sigma_y` among the 01/10 pairs, the rest :math:`\mathbb 1` or :math:`\sigma_x`);
* the full :math:`2^N` matrix (:math:`k=N`, small N only);
* the negativity of :math:`k` qubits versus the other :math:`N-k` (any :math:`k` of them, by
  symmetry) and its average over all bipartitions.

>>> import sympy as sp
>>> from symbolic_ness.core import Model, Jump, sigma_minus, sigma_x, kron
>>> from symbolic_ness.engines import PermutationModel, permutation_steady_state
>>> pm = PermutationModel(Model(1, sp.zeros(2, 2), jumps=[Jump(sigma_minus(), 1)]),
...                       Model(2, kron(sigma_x(), sigma_x())))
>>> ss = permutation_steady_state(pm, 3)
>>> permutation_reduced_state(ss, 1).trace()
1
"""
from __future__ import annotations

import math
from dataclasses import replace
from typing import Sequence

import numpy as np
import sympy as sp

from .._errors import CheckFailedError, NonUniqueSteadyStateError, ParameterError, require_int
from ..core import negativity, partial_transpose
from ._permutation import PermutationSteadyState, permutation_basis

__all__ = ["permutation_marginal", "permutation_reduced_state", "permutation_density_matrix", "permutation_negativity",
           "permutation_average_negativity", "bipartition_weights", "FULL_STATE_MAX_N", "EXACT_STATE_MAX_N"]

#: largest N for which the full 2^N density matrix is built (numeric)
FULL_STATE_MAX_N = 10
#: largest number of qubits of an exact (sympy) density matrix
EXACT_STATE_MAX_N = 6


def _is_dicke(ss) -> bool:
    from ._dicke import DickeSteadyState
    return isinstance(ss, DickeSteadyState)


def _require_unique(ss: PermutationSteadyState):
    if _is_dicke(ss):
        ss._need()
        return
    if not isinstance(ss, PermutationSteadyState):
        raise ParameterError("ss", type(ss).__name__, "a PermutationSteadyState")
    if not ss.unique:
        raise NonUniqueSteadyStateError(f"steady state not unique for N = {ss.N} "
                                        f"(symmetric null-space dimension {ss.nullity})", ss.nullity)


def _method(ss, method):
    if method is None:
        return "exact" if ss.exact else "numeric"
    if method not in ("exact", "numeric"):
        raise ParameterError("method", method, "None, 'exact' or 'numeric'")
    if method == "exact" and not ss.exact:
        raise ParameterError("method", method, "'numeric' for a numeric steady state")
    return method


def _coefficients(x: Sequence, k: int, exact: bool) -> dict:
    """``c(n)`` for every ``n = (n00, n01, n10, n11)`` with sum k, from the k-site coordinates ``x``."""
    idx = permutation_basis(k)[1]
    one_i = sp.I if exact else 1j
    binom = math.comb
    out = {}
    for n00 in range(k + 1):
        for n01 in range(k + 1 - n00):
            for n10 in range(k + 1 - n00 - n01):
                n11 = k - n00 - n01 - n10
                tot = 0
                for a in range(n00 + 1):
                    for b in range(n11 + 1):
                        wab = binom(n00, a) * binom(n11, b) * (-1) ** b
                        for p in range(n01 + 1):
                            for q in range(n10 + 1):
                                w = wab * binom(n01, p) * binom(n10, q) * (-one_i) ** p * one_i ** q
                                tot += w * x[idx[(n00 - a + n11 - b, n01 - p + n10 - q, p + q, a + b)]]
                c = tot / 2 ** k
                # numbers simplify by themselves; symbolic entries stay an (unexpanded) exact sum
                out[(n00, n01, n10, n11)] = sp.expand(c) if exact and sp.sympify(c).is_number else c
    return out


def _counts_grid(k: int):
    d = 2 ** k
    i = np.arange(d)[:, None]
    j = np.arange(d)[None, :]
    n01 = np.zeros((d, d), np.int64); n10 = np.zeros((d, d), np.int64); n11 = np.zeros((d, d), np.int64)
    for s in range(k):
        bi, bj = (i >> s) & 1, (j >> s) & 1
        n01 += (1 - bi) * bj
        n10 += bi * (1 - bj)
        n11 += bi * bj
    return k - n01 - n10 - n11, n01, n10, n11


def _matrix(x: Sequence, k: int, exact_in: bool, method: str):
    c = _coefficients(x, k, exact_in)
    n00, n01, n10, n11 = _counts_grid(k)
    d = 2 ** k
    if method == "exact":
        return sp.Matrix(d, d, lambda a, b: c[(int(n00[a, b]), int(n01[a, b]), int(n10[a, b]), int(n11[a, b]))])
    lut = np.zeros((k + 1,) * 4, complex)
    for key, v in c.items():
        lut[key] = complex(sp.N(v, 20)) if exact_in else complex(v)
    return lut[n00, n01, n10, n11]


def permutation_marginal(ss: PermutationSteadyState, k: int) -> PermutationSteadyState:
    r"""The reduced state of any ``k`` of the ``N`` qubits as a ``k``-qubit symmetric state
    (coordinates :math:`x_k(m)=x(m_I+N-k,m_X,m_Y,m_Z)`; method and status carried over).

    Its :func:`permutation_negativity` is the negativity of a bipartition of the ``k`` qubits,
    e.g. ``permutation_negativity(permutation_marginal(ss, 2), 1)`` for a pair. A Dicke-basis
    state (:func:`~symbolic_ness.engines.dicke_steady_state`) gives ``k <= 2`` from its moments.

    Parameters
    ----------
    ss : PermutationSteadyState or DickeSteadyState
        A unique steady state.
    k : int
        ``1 <= k <= N``.

    Returns
    -------
    PermutationSteadyState
        On ``k`` qubits.

    Examples
    --------
    >>> import sympy as sp
    >>> from symbolic_ness.core import Model, Jump, sigma_minus, sigma_x, kron
    >>> from symbolic_ness.engines import PermutationModel, permutation_steady_state
    >>> pm = PermutationModel(Model(1, sp.zeros(2, 2), jumps=[Jump(sigma_minus(), 1)]),
    ...                       Model(2, kron(sigma_x(), sigma_x())))
    >>> ss = permutation_steady_state(pm, 3)
    >>> m = permutation_marginal(ss, 2); m.N, m.dim
    (2, 10)
    """
    if _is_dicke(ss):
        return ss.marginal(k)
    _require_unique(ss)
    k = require_int("k", k, 1, ss.N)
    idx = permutation_basis(ss.N)[1]
    basis = permutation_basis(k)[0]
    xk = [ss.x[idx[(m[0] + ss.N - k, m[1], m[2], m[3])]] for m in basis]
    xk = tuple(xk) if ss.exact else np.array(xk, dtype=float)
    return replace(ss, N=k, x=xk, dim=len(basis),
                   assumptions=ss.assumptions + (f"reduced state of {k} of {ss.N} qubits",))


def permutation_reduced_state(ss: PermutationSteadyState, k: int, method: str | None = None):
    r"""Reduced density matrix of any ``k`` qubits (``1 <= k <= N``), :math:`2^k\times2^k`.

    Exact (sympy) for exact states, a complex numpy array for numeric ones (or with
    ``method="numeric"``). No :math:`2^N` object is built.

    Parameters
    ----------
    ss : PermutationSteadyState or DickeSteadyState
    k : int
        ``1 <= k <= N`` (``k <= 2`` for a Dicke-basis state).
    method : None, ``"exact"`` or ``"numeric"``
        ``None``: exact for exact states.

    Returns
    -------
    sympy.Matrix or numpy.ndarray
        :math:`2^k\\times2^k`, trace 1.

    Examples
    --------
    >>> import sympy as sp
    >>> from symbolic_ness.core import Model, Jump, sigma_minus, sigma_x, kron
    >>> from symbolic_ness.engines import PermutationModel, permutation_steady_state
    >>> pm = PermutationModel(Model(1, sp.zeros(2, 2), jumps=[Jump(sigma_minus(), 1)]),
    ...                       Model(2, kron(sigma_x(), sigma_x())))
    >>> ss = permutation_steady_state(pm, 3)
    >>> permutation_reduced_state(ss, 1).trace()
    1
    """
    _require_unique(ss)
    k = require_int("k", k, 1, ss.N)
    method = _method(ss, method)
    if method == "exact" and k > EXACT_STATE_MAX_N:
        raise ParameterError("k", k, f"k <= {EXACT_STATE_MAX_N} for an exact reduced state (use method='numeric')")
    if method == "numeric" and k > FULL_STATE_MAX_N:
        raise ParameterError("k", k, f"k <= {FULL_STATE_MAX_N} for an explicit reduced state")
    return _matrix(permutation_marginal(ss, k).x, k, ss.exact, method)


def permutation_density_matrix(ss: PermutationSteadyState, method: str | None = None):
    r"""The full :math:`2^N\times2^N` steady state (``N <= FULL_STATE_MAX_N``; exact sympy matrix
    for exact states with ``N <= EXACT_STATE_MAX_N``, else :class:`ParameterError`).

    Parameters
    ----------
    ss : PermutationSteadyState
    method : None, ``"exact"`` or ``"numeric"``

    Returns
    -------
    sympy.Matrix or numpy.ndarray

    Examples
    --------
    >>> import sympy as sp
    >>> from symbolic_ness.core import Model, Jump, sigma_minus, sigma_x, kron
    >>> from symbolic_ness.engines import PermutationModel, permutation_steady_state
    >>> pm = PermutationModel(Model(1, sp.zeros(2, 2), jumps=[Jump(sigma_minus(), 1)]),
    ...                       Model(2, kron(sigma_x(), sigma_x())))
    >>> ss = permutation_steady_state(pm, 3)
    >>> permutation_density_matrix(ss).shape
    (8, 8)
    """
    _require_unique(ss)
    method = _method(ss, method)
    lim = EXACT_STATE_MAX_N if method == "exact" else FULL_STATE_MAX_N
    if ss.N > lim:
        raise ParameterError("N", ss.N, f"N <= {lim} for the full 2^N density matrix" +
                             (" (method='numeric' allows N <= %d)" % FULL_STATE_MAX_N if method == "exact" else ""))
    return permutation_reduced_state(ss, ss.N, method)


def permutation_negativity(ss: PermutationSteadyState, k: int, method: str | None = None, rho=None):
    r"""Negativity of ``k`` qubits versus the other ``N - k`` (``1 <= k <= N-1``).

    :math:`\mathcal N=\sum_{\lambda<0}|\lambda(\rho^{T_A})|`, with the partial transpose
    on :math:`\min(k,N-k)` qubits (:math:`\mathcal N_A=\mathcal N_B`). Numeric states (or
    ``method="numeric"``): float eigenvalues of the full matrix. Exact states: the core
    :func:`~symbolic_ness.core.negativity` of the exact matrix (exact number, or closed
    form when symbols are left). ``rho``: the full matrix if already built.

    Parameters
    ----------
    ss : PermutationSteadyState
        ``N >= 2``, at most :data:`FULL_STATE_MAX_N` qubits.
    k : int
        ``1 <= k <= N - 1``.
    method : None, ``"exact"`` or ``"numeric"``
    rho : matrix, optional

    Returns
    -------
    sympy expression or float

    Examples
    --------
    >>> import sympy as sp
    >>> from symbolic_ness.core import Model, Jump, sigma_minus, sigma_x, kron
    >>> from symbolic_ness.engines import PermutationModel, permutation_steady_state
    >>> pm = PermutationModel(Model(1, sp.zeros(2, 2), jumps=[Jump(sigma_minus(), 1)]),
    ...                       Model(2, kron(sigma_x(), sigma_x())))
    >>> ss = permutation_steady_state(pm, 3)
    >>> float(permutation_negativity(ss, 1, "numeric")) > 0
    True
    """
    _require_unique(ss)
    N = ss.N
    if N < 2:
        raise ParameterError("N", N, "N >= 2 for a bipartition")
    k = require_int("k", k, 1, N - 1)
    method = _method(ss, method)
    if rho is None:
        rho = permutation_density_matrix(ss, method)
    sites = list(range(min(k, N - k)))
    if method == "exact":
        rho = sp.Matrix(rho)
        return negativity(rho, sites, N)
    rho = np.asarray(rho, dtype=complex)
    pt = partial_transpose(rho, sites, N)
    ev = np.linalg.eigvalsh((pt + pt.conj().T) / 2)
    return float(-ev[ev < 0].sum()) + 0.0  # no "-0.0" for a separable state


def bipartition_weights(N: int) -> dict:
    r"""Number of bipartitions with :math:`\min(|A|,|B|)=k`: :math:`\binom Nk` for
    :math:`k<N/2`, :math:`\binom{N}{N/2}/2`; total :math:`2^{N-1}-1`.

    Parameters
    ----------
    N : int
        ``N >= 2``.

    Returns
    -------
    dict
        ``{k: count}``.

    Examples
    --------
    >>> bipartition_weights(4)
    {1: 4, 2: 3}
    """
    N = require_int("N", N, 2)
    w = {}
    for k in range(1, N // 2 + 1):
        w[k] = math.comb(N, k) if 2 * k < N else math.comb(N, k) // 2
    return w


def permutation_average_negativity(ss: PermutationSteadyState, per_k: bool = False):
    r"""Negativity averaged over all :math:`2^{N-1}-1` bipartitions (float; ``per_k=True``
    also returns ``{k: negativity}``).

    Parameters
    ----------
    ss : PermutationSteadyState
        At most :data:`FULL_STATE_MAX_N` qubits.
    per_k : bool

    Returns
    -------
    float or (float, dict)

    Examples
    --------
    >>> import sympy as sp
    >>> from symbolic_ness.core import Model, Jump, sigma_minus, sigma_x, kron
    >>> from symbolic_ness.engines import PermutationModel, permutation_steady_state
    >>> pm = PermutationModel(Model(1, sp.zeros(2, 2), jumps=[Jump(sigma_minus(), 1)]),
    ...                       Model(2, kron(sigma_x(), sigma_x())))
    >>> ss = permutation_steady_state(pm, 3)
    >>> avg, per = permutation_average_negativity(ss, per_k=True)
    >>> list(per) == [1] and abs(avg - per[1]) < 1e-15         # N = 3: every cut is 1 | 2
    True
    """
    _require_unique(ss)
    rho = permutation_density_matrix(ss, "numeric")
    w = bipartition_weights(ss.N)
    vals = {k: permutation_negativity(ss, k, "numeric", rho) for k in w}
    avg = sum(w[k] * vals[k] for k in w) / (2 ** (ss.N - 1) - 1)
    return (avg, vals) if per_k else avg
