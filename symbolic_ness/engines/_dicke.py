r"""Numeric steady states of permutation models in the Dicke :math:`(j,m,m')` basis (large N).

The count coordinates of :mod:`~symbolic_ness.engines._permutation` are exact over
:math:`\mathbb Q(\text{params})` but ill-conditioned in double precision beyond N ≈ 60; the
Dicke representation (PIQS's) is well conditioned at any N: the state is
:math:`\bigoplus_j\rho_j\otimes\mathbb 1_{d_j}`, stored as the block weights
:math:`u_j=d_j\rho_j` (:mod:`~symbolic_ness.engines._dicke_basis`). The generator is assembled
from the model's pieces, each a fixed sparse structure times a coefficient of the model:

* one-site terms :math:`c\,A\rho B^\dagger` (core ``Model.sandwich_terms``: Hamiltonian,
  jumps, resets): with an identity on one side a collective product within each block,
  otherwise a local sandwich coupling :math:`j\to j,j\pm1` (formula derived in
  :mod:`~symbolic_ness.engines._dicke_basis`);
* a two-site Hamiltonian :math:`H_2=\sum c_{\beta\gamma}e_\beta\otimes e_\gamma` (exchange
  symmetric): :math:`\sum_{i<k}H_2^{(ik)}=\tfrac12\sum c_{\beta\gamma}(G_\beta G_\gamma-G(e_\beta e_\gamma))`
  with :math:`G(o)=\sum_io_i`, within each block;
* collective jumps :math:`L=\sum_io_i`: :math:`\mathcal D[L]` within each block.

Two-site jumps or resets have no such form here: those models keep the count coordinates
(:func:`dicke_supported`). Solve (:mod:`~symbolic_ness.engines._dicke_solve`): the null vector with
:math:`\sum_j\mathrm{tr}\,u_j=1` by a banded or sparse LU, the structures cached per model;
when every term conserves :math:`m-m'` (e.g. no drive transverse to z) the generator splits
into :math:`2N+1` charge blocks, the state lies in the :math:`m=m'` block (about
:math:`N^2/4` elements) and the others are factorised only to certify uniqueness (block
:math:`-q` is the complex conjugate of block :math:`q`). Quantities: collective moments
:math:`\langle J_\alpha\rangle`, :math:`\tfrac12\langle\{J_\alpha,J_\beta\}\rangle`,
:math:`\langle J_+J_-\rangle` as :math:`\sum_j\mathrm{tr}(A_ju_j)`, the purity
:math:`\sum_j\mathrm{tr}(u_j^2)/d_j`, and the one- and two-qubit reduced states from the
first and second moments (:meth:`DickeSteadyState.marginal`).

>>> import sympy as sp
>>> from symbolic_ness.core import Model, Jump, sigma_minus, sigma_plus
>>> from symbolic_ness.engines import PermutationModel
>>> pm = PermutationModel(Model(1, sp.zeros(2, 2), jumps=[Jump(sigma_plus(), 3)]),
...                       None, (Jump(sigma_minus(), 1),))          # superradiant laser
>>> ss = dicke_steady_state(pm, 30)
>>> ss.method, ss.unique, ss.dim
('dicke', True, 5456)
>>> ss.collective_emission() > 30                                  # above independent emission
True
"""
from __future__ import annotations

import math
import time
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Mapping

import numpy as np
import sympy as sp

from .._errors import NonUniqueSteadyStateError, ParameterError, require_int
from ..export import lambdify
from ._dicke_basis import DICKE_MAX_N, _pattern, collective_matrices, dicke_blocks, dicke_dimension, multiplicity
from ._dicke_solve import solve_dicke
from ._permutation import PermutationModel, PermutationSteadyState, permutation_basis

__all__ = ["DickeSteadyState", "dicke_steady_state", "dicke_supported", "dicke_generator", "DICKE_MAX_N"]


_E = [(0, 0), (0, 1), (1, 0), (1, 1)]  # beta = 2 r + s <-> |r><s|
_CHARGE = (0, 1, -1, 0)  # of G_beta: J+ raises m


def dicke_supported(pm: PermutationModel) -> bool:
    """Whether the Dicke path takes ``pm``: no two-site jumps or resets (a two-site Hamiltonian,
    any one-site model and collective jumps are fine).

    Parameters
    ----------
    pm : PermutationModel
        The model of identical qubits.

    Returns
    -------
    bool
        True when its generator acts block-wise in the Dicke basis as implemented here.

    Examples
    --------
    >>> import sympy as sp
    >>> from symbolic_ness.core import Model, Jump, kron, sigma_minus, sigma_z
    >>> one = Model(1, sp.zeros(2, 2))
    >>> dicke_supported(PermutationModel(one, Model(2, kron(sigma_z(), sigma_z()))))
    True
    >>> dicke_supported(PermutationModel(one, Model(2, sp.zeros(4, 4), jumps=[Jump(kron(sigma_minus(), sigma_minus()), 1)])))
    False
    """
    two = pm.two_site
    return two is None or (not two.jumps and not two.resets)


def _is_eye(M) -> bool:
    return sp.Matrix(M) == sp.eye(2)


@lru_cache(maxsize=32)
def _terms(pm: PermutationModel) -> tuple:
    """``((key, coefficient), ...)``: the generator as structures times sympy coefficients; a key is
    ``("S", (t, t2, s, s2))`` (local sandwich) or ``("P", left, right)`` (collective products)."""
    acc: dict = {}

    def add(key, c):
        acc[key] = acc.get(key, 0) + c

    for c, A, B in pm.one_site.sandwich_terms():
        A, Bd = sp.Matrix(A), sp.Matrix(B).H
        if _is_eye(A) and _is_eye(B):  # c rho on every site: c N rho = c (G00 + G11) rho
            add(("P", (0,), ()), c)
            add(("P", (3,), ()), c)
        elif _is_eye(B):
            for b, (r, s) in enumerate(_E):
                add(("P", (b,), ()), c * A[r, s])
        elif _is_eye(A):
            for b, (r, s) in enumerate(_E):
                add(("P", (), (b,)), c * Bd[r, s])
        else:
            Bc = sp.Matrix(B).conjugate()
            for t in range(2):
                for s in range(2):
                    for t2 in range(2):
                        for s2 in range(2):
                            add(("S", (t, t2, s, s2)), c * A[t, s] * Bc[t2, s2])
    if pm.two_site is not None:
        H2 = sp.Matrix(pm.two_site.hamiltonian)
        corr = sp.zeros(2, 2)
        for b, (r, s) in enumerate(_E):
            for g, (r2, s2) in enumerate(_E):
                cb = (H2[2 * r + r2, 2 * s + s2] + H2[2 * r2 + r, 2 * s2 + s]) / 2  # exchange-symmetrised
                if cb == 0:
                    continue
                add(("P", (b, g), ()), -sp.I * cb / 2)
                add(("P", (), (b, g)), sp.I * cb / 2)
                eb = sp.zeros(2, 2); eb[r, s] = 1
                eg = sp.zeros(2, 2); eg[r2, s2] = 1
                corr += -cb / 2 * eb * eg
        for b, (r, s) in enumerate(_E):
            if corr[r, s] != 0:
                add(("P", (b,), ()), -sp.I * corr[r, s])
                add(("P", (), (b,)), sp.I * corr[r, s])
    f = pm.one_site.factor
    for jump in pm.collective:
        o, k = sp.Matrix(jump.operator), f * sp.sympify(jump.rate)
        for b, (r, s) in enumerate(_E):
            for g, (r2, s2) in enumerate(_E):
                c = o[r, s] * sp.conjugate(o[r2, s2])
                if c == 0:
                    continue
                gT = 2 * s2 + r2
                add(("P", (b,), (gT,)), k * c)
                add(("P", (gT, b), ()), -k * c / 2)
                add(("P", (), (gT, b)), -k * c / 2)
    out = tuple((key, sp.expand(v)) for key, v in sorted(acc.items(), key=lambda kv: repr(kv[0])) if sp.expand(v) != 0)
    return out


def _charge(key) -> int:
    if key[0] == "S":
        t, t2, s, s2 = key[1]
        return (s - t) - (s2 - t2)  # local index 0 is spin up: dm = (s - t), dm' = (s2 - t2)
    return sum(_CHARGE[b] for b in key[1]) + sum(_CHARGE[b] for b in key[2])


@lru_cache(maxsize=16)
def _evaluator(pm: PermutationModel):
    terms = _terms(pm)
    return lambdify([c for _, c in terms], pm.parameters), tuple(k for k, _ in terms)


@lru_cache(maxsize=16)
def _rate_checker(pm: PermutationModel):
    return lambdify([sp.sympify(r) for r in pm.rates()], pm.parameters) if pm.rates() else None


def _resolve(pm: PermutationModel, values: Mapping) -> dict:
    """``pm.resolve(values)``; values already resolved (model symbols to sympy numbers, as
    ``evaluate`` passes them) skip the sympy substitutions: their rates are checked numerically."""
    params = set(pm.parameters)
    if values and all(k in params for k in values) and all(isinstance(v, sp.Number) for v in values.values()) \
            and len(values) == len(params):
        f = _rate_checker(pm)
        if f is not None:
            rates = np.array([complex(r) for r in np.broadcast_arrays(*f(*[float(values[p]) for p in pm.parameters]))])
            bad = np.flatnonzero(rates.real < 0)
            if len(bad):
                return pm.resolve(values)  # raises the one-line error naming the rate
        return dict(values)
    return pm.resolve(values)


def _coefficients(pm: PermutationModel, values: Mapping) -> tuple:
    vals = _resolve(pm, values)
    missing = [p.name for p in pm.parameters if p not in vals]
    if missing:
        raise ParameterError(missing[0], None, "a value for every parameter of the model for a numeric solve "
                             "(missing: " + ", ".join(missing) + ")")
    f, keys = _evaluator(pm)
    try:
        K = np.array([complex(v) for v in f(*[float(vals[p]) for p in pm.parameters])], dtype=complex)
    except TypeError:
        raise ParameterError(pm.parameters[0].name if pm.parameters else "values", dict(values), "numeric values") from None
    scale = max(float(np.abs(K).max(initial=0.0)), 1e-300)
    live = np.abs(K) > 1e-14 * scale
    return vals, tuple(k for k, ok in zip(keys, live) if ok), K[live]


def dicke_generator(pm: PermutationModel, N: int, values: Mapping | None = None):
    r"""The generator :math:`\dot u=Gu` on the Dicke block weights at numeric ``values``
    (scipy CSC matrix, complex; order of :func:`~symbolic_ness.engines.dicke_blocks`).

    Parameters
    ----------
    pm : PermutationModel
        Without two-site jumps or resets (:func:`dicke_supported`).
    N : int
        Number of qubits.
    values : mapping
        A value for every parameter.

    Returns
    -------
    scipy.sparse.csc_matrix
        Trace preserving: the sum of the rows of the diagonal elements vanishes.

    Examples
    --------
    >>> import sympy as sp
    >>> from symbolic_ness.core import Model, Jump, sigma_minus
    >>> G = dicke_generator(PermutationModel(Model(1, sp.zeros(2, 2), jumps=[Jump(sigma_minus(), 1)])), 1)
    >>> G.toarray().real.tolist()        # one qubit: d rho_00/dt = -rho_00, d rho_11/dt = +rho_00
    [[-1.0, 0.0, 0.0, 0.0], [0.0, -0.5, 0.0, 0.0], [0.0, 0.0, -0.5, 0.0], [1.0, 0.0, 0.0, 0.0]]
    """
    N = require_int("N", N, 1)
    _supported(pm)
    _, keys, K = _coefficients(pm, values or {})
    return _assemble(N, keys, K)


def _assemble(N, keys, K):
    import scipy.sparse as sps
    D = dicke_dimension(N)
    if not keys:
        return sps.csc_matrix((D, D), dtype=complex)
    term, vals, pos, uniq = _pattern(N, keys)
    w = K[term] * vals
    data = np.bincount(pos, w.real, len(uniq)) + 1j * np.bincount(pos, w.imag, len(uniq))
    cols, rows = np.divmod(uniq, D)
    indptr = np.searchsorted(cols, np.arange(D + 1))
    return sps.csc_matrix((data, rows, indptr), shape=(D, D))


def _supported(pm):
    if not isinstance(pm, PermutationModel):
        raise ParameterError("pm", type(pm).__name__, "a PermutationModel")
    if not dicke_supported(pm):
        raise ParameterError("two_site", "jumps or resets", "a two-site model with a Hamiltonian only for the Dicke "
                             "path (method 'numeric' of permutation_steady_state takes two-site jumps, N <= 60)")


# ------------------------------------------------------------------ result
@dataclass(frozen=True)
class DickeSteadyState:
    r"""A permutation-invariant steady state in the Dicke basis.

    Attributes
    ----------
    N : int
        Number of qubits.
    blocks : tuple of numpy arrays or None
        :math:`u_j=d_j\rho_j` (complex, :math:`(2j+1)^2`, :math:`m` descending), in the order of
        :func:`~symbolic_ness.engines.dicke_blocks`; ``None`` when not unique.
    method : str
        ``"dicke"``.
    nullity : int
        Null-space dimension of the generator on the permutation-invariant operators.
    unique : bool
    residual : float
        :math:`\max|Gu|`.
    assumptions : tuple of str
    dim : int
        :math:`\binom{N+3}3`.
    values : dict
    seconds : float

    Examples
    --------
    Collective decay and a drive on N = 4 atoms (cooperative resonance fluorescence):

    >>> import sympy as sp
    >>> from symbolic_ness.core import Model, sigma_minus, sigma_x
    >>> from symbolic_ness.core import Jump
    >>> pm = PermutationModel(Model(1, sigma_x() / 2, [Jump(sigma_minus(), sp.Rational(1, 10))]),
    ...                       collective=[Jump(sigma_minus(), 1)])
    >>> ss = dicke_steady_state(pm, 4)
    >>> ss.unique, ss.N, ss.residual < 1e-10
    (True, 4, True)
    """

    N: int
    blocks: object
    method: str
    nullity: int
    unique: bool
    residual: float
    assumptions: tuple
    dim: int
    values: dict = field(default_factory=dict)
    parameters: tuple = ()
    seconds: float = 0.0

    exact = False

    def _need(self):
        if not self.unique:
            raise NonUniqueSteadyStateError(f"steady state not unique for N = {self.N} "
                                            f"(symmetric null-space dimension {self.nullity})", self.nullity)

    def expect(self, fn) -> complex:
        r""":math:`\sum_j\mathrm{tr}(A_ju_j)` for the collective operator given per block by
        ``fn(j2) -> A_j`` (dense array)."""
        self._need()
        return complex(sum(np.sum(fn(j2).T * u) for (j2, _, _), u in zip(dicke_blocks(self.N), self.blocks)))

    def spin_moments(self) -> tuple:
        r"""``(mean, second)``: :math:`\langle J_\alpha\rangle` and :math:`\tfrac12\langle\{J_\alpha,J_\beta\}\rangle`
        (float numpy arrays, :math:`\alpha=x,y,z`).

        Examples
        --------
        >>> import sympy as sp
        >>> from symbolic_ness.core import Model, Jump, sigma_minus
        >>> from symbolic_ness.engines import PermutationModel
        >>> ss = dicke_steady_state(PermutationModel(Model(1, sp.zeros(2, 2), jumps=[Jump(sigma_minus(), 1)])), 3)
        >>> mean, second = ss.spin_moments(); mean.tolist(), second.round(12).tolist()  # |111>
        ([0.0, 0.0, -1.5], [[0.75, 0.0, 0.0], [0.0, 0.75, 0.0], [0.0, 0.0, 2.25]])
        """
        self._need()
        mean, second = np.zeros(3), np.zeros((3, 3))
        for (j2, _, _), u in zip(dicke_blocks(self.N), self.blocks):
            J = _spin_ops(self.N, j2)
            ut = u.T
            for a in range(3):
                mean[a] += np.sum(J[a] * ut).real
                for b in range(a, 3):
                    P = J[a] @ J[b]
                    second[a, b] += 0.5 * np.sum((P + J[b] @ J[a]) * ut).real
        for a in range(3):
            for b in range(a):
                second[a, b] = second[b, a]
        return mean, second

    def collective_emission(self) -> float:
        r""":math:`\langle J_+J_-\rangle=\sum_j\mathrm{tr}(J_+J_-u_j)` (float; one product with
        the cached weights :math:`(J_+J_-)^T_j` of every block)."""
        self._need()
        return float(np.dot(_emission_weights(self.N), np.concatenate([u.ravel() for u in self.blocks])).real)

    def purity(self) -> float:
        r""":math:`\mathrm{tr}\rho^2=\sum_j\mathrm{tr}(u_j^2)/d_j` (float)."""
        self._need()
        return float(sum(np.sum(np.abs(u) ** 2) / multiplicity(self.N, j2)
                         for (j2, _, _), u in zip(dicke_blocks(self.N), self.blocks)))

    def marginal(self, k: int) -> PermutationSteadyState:
        r"""The state of any ``k <= 2`` qubits in count coordinates (numeric), from the moments:
        :math:`\langle\sigma^\alpha\rangle=2\langle J_\alpha\rangle/N` and, for two sites,
        :math:`\langle\sigma^\alpha\sigma^\beta\rangle=(2\langle\{J_\alpha,J_\beta\}\rangle
        -N\delta_{\alpha\beta})/(N(N-1))` (the one-site products :math:`\sigma^\alpha_i\sigma^\beta_i`
        symmetrised leave :math:`\delta_{\alpha\beta}`).

        Examples
        --------
        >>> import sympy as sp
        >>> from symbolic_ness.core import Model, Jump, sigma_minus
        >>> from symbolic_ness.engines import PermutationModel
        >>> ss = dicke_steady_state(PermutationModel(Model(1, sp.zeros(2, 2), jumps=[Jump(sigma_minus(), 1)])), 5)
        >>> ss.marginal(2).x.round(12).tolist()[-1]     # <Z Z> = 1 in |11...1>
        1.0
        """
        self._need()
        N = self.N
        k = require_int("k", k, 1, N)
        if k > 2:
            raise ParameterError("k", k, "k <= 2 qubits for a reduced state of a Dicke-basis steady state (count "
                                 "coordinates, method 'numeric', give any k for N <= 60)")
        mean, second = self.spin_moments()
        basis = permutation_basis(k)[0]
        x = np.zeros(len(basis))
        for i, m in enumerate(basis):
            nz = [a for a in range(1, 4) for _ in range(m[a])]
            if not nz:
                x[i] = 1.0
            elif len(nz) == 1:
                x[i] = 2 * mean[nz[0] - 1] / N
            else:
                a, b = nz[0] - 1, nz[1] - 1
                x[i] = (4 * second[a, b] - N * (a == b)) / (N * (N - 1))
        return PermutationSteadyState(k, x, "numeric", 1, True, self.residual,
                                      self.assumptions + (f"reduced state of {k} of {N} qubits",), len(basis),
                                      self.values, (), self.seconds)


@lru_cache(maxsize=16)
def _emission_weights(N: int) -> np.ndarray:
    """The blocks of :math:`(J_+J_-)^T` flattened in the order of the weights."""
    return np.concatenate([(lambda G: (G[1] @ G[2]).T.ravel())(collective_matrices(N, j2)) for j2, _, _ in dicke_blocks(N)])


@lru_cache(maxsize=256)
def _spin_ops(N: int, j2: int) -> tuple:
    G = collective_matrices(N, j2)
    jp, jm = G[1], G[2]
    jz = (G[0] - G[3]) / 2
    return ((jp + jm) / 2, (jp - jm) / 2j, jz)


@lru_cache(maxsize=4)
def _size_check(N):
    if N > DICKE_MAX_N:
        from .._errors import SizeLimitError
        raise SizeLimitError("N", N, f"N <= {DICKE_MAX_N} for the Dicke-basis numeric solve (C(N+3,3) = "
                             f"{math.comb(N + 3, 3)} unknowns at N = {N}); beyond, no exact-state engine here: "
                             "mean-field or cumulant expansions (not in this package)")


def dicke_steady_state(pm: PermutationModel, N: int, values: Mapping | None = None,
                       tol: float = 1e-10) -> DickeSteadyState:
    r"""Numeric steady state of ``pm`` on ``N`` qubits in the Dicke basis (see the module docstring).

    Parameters
    ----------
    pm : PermutationModel
        One-site model, a two-site Hamiltonian (no two-site jumps or resets) and collective jumps.
    N : int
        Number of qubits, ``1 <= N <=`` :data:`DICKE_MAX_N`.
    values : mapping
        ``{symbol_or_name: number}`` for every parameter.
    tol : float
        Relative pivot threshold below which a (row-equilibrated) block counts as singular.

    Returns
    -------
    DickeSteadyState
        ``unique=False`` with the nullity when the symmetric steady state is not unique
        (collective-only dynamics: one per total spin, :math:`\lfloor N/2\rfloor+1`).

    Examples
    --------
    >>> import sympy as sp
    >>> from symbolic_ness.core import Model, Jump, sigma_minus
    >>> from symbolic_ness.engines import PermutationModel
    >>> pm = PermutationModel(Model(1, sp.Symbol("W", real=True) * sp.Matrix([[0, 1], [1, 0]]) / 2),
    ...                       None, (Jump(sigma_minus(), 1),))   # collective only: J^2 conserved
    >>> ss = dicke_steady_state(pm, 6, {"W": 1})
    >>> ss.unique, ss.nullity
    (False, 4)
    """
    t0 = time.perf_counter()
    _supported(pm)
    N = require_int("N", N, 1)
    _size_check(N)
    vals, keys, K = _coefficients(pm, values or {})
    u, nullity, resid, extra = solve_dicke(N, keys, K, [_charge(k) for k in keys], tol)
    blocks = None
    if u is not None:
        blocks = tuple(u[off:off + s * s].reshape(s, s) for _, off, s in dicke_blocks(N))
    assumptions = ("nullity counted on the permutation-symmetric operators (the full Liouvillian may have further, "
                   "non-symmetric steady states)", f"numeric tolerance {tol:g}") + tuple(extra)
    return DickeSteadyState(N, blocks, "dicke", nullity, nullity == 1, resid, assumptions, dicke_dimension(N), vals,
                            (), time.perf_counter() - t0)
