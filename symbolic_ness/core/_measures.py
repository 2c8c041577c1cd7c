r"""Correlation measures of a state: concurrence, von Neumann entropy, mutual information, fidelity.

Definitions and conventions
---------------------------
* **Concurrence** (Wootters, PRL 80, 2245 (1998)) of a two-qubit state:
  :math:`C(\rho)=\max(0,\lambda_1-\lambda_2-\lambda_3-\lambda_4)`, the :math:`\lambda_k`
  (decreasing) the square roots of the eigenvalues :math:`\mu_k\ge0` of
  :math:`R=\rho\tilde\rho`, :math:`\tilde\rho=(\sigma_y\otimes\sigma_y)\rho^*(\sigma_y\otimes\sigma_y)`.
  Since :math:`\max_k(2\lambda_k-S)=2\lambda_1-S` with :math:`S=\sum_k\lambda_k`, the closed
  form needs no ordering of the roots: :math:`C=\max(0,\,2\lambda_k-S\ \text{for every } k)`.
* **Von Neumann entropy in bits**: :math:`S(\rho)=-\sum_k\mu_k\log_2\mu_k` (:math:`0\log0=0`);
  of a reduced state when ``sites`` are given (partial trace over the others).
* **Mutual information** of a cut :math:`A|B` (B the complement of A unless given):
  :math:`I(A{:}B)=S(\rho_A)+S(\rho_B)-S(\rho_{AB})`, in bits.
* **Fidelity with a pure state**: :math:`F=\langle\psi|\rho|\psi\rangle` (the squared,
  Jozsa convention; QuTiP's ``fidelity`` is :math:`\sqrt F`).

**Exact closed forms** (exact input; the same machinery as
:func:`~symbolic_ness.core.negativity`): the characteristic polynomial of :math:`R` (or of
:math:`\rho` for entropies) is computed over :math:`\mathbb Z[i][\text{params}]` and factored
exactly with python-flint (:func:`~symbolic_ness.core.pt_factors`'s kernel). A linear factor
gives a rational function, a quadratic factor :math:`\mu^2-p\mu+q` (roots
:math:`\mu_\pm\ge0`) the square-root pair :math:`\sqrt{\mu_+}\pm\sqrt{\mu_-}
=\sqrt{p\pm2\sqrt q}` (no nested ordering of radicals), a factor of degree :math:`\ge3`
:class:`~symbolic_ness.algebra.RealRoot`. A candidate :math:`2\lambda_k-S` is dropped only with a
certificate valid on the whole domain: its factor has multiplicity :math:`\ge2` (then
:math:`S\ge2\lambda_k`), it is the smaller root of its quadratic (dominated by the larger),
or :math:`\lambda_k=0`. :func:`concurrence_result` lists the kept and dropped candidates.

Sites are 0-indexed qubits (``n`` of them); a reduced state is taken with
:func:`~symbolic_ness.core.partial_trace`.

>>> import sympy as sp
>>> bell = sp.Matrix([1, 0, 0, 1]) / sp.sqrt(2)
>>> concurrence(bell * bell.T)
1
>>> entropy(bell * bell.T), entropy(bell * bell.T, sites=[0], n=2)
(0, 1)
>>> mutual_information(bell * bell.T, [0], 2)
2
>>> p = sp.Symbol("p", positive=True)
>>> werner = p * bell * bell.T + (1 - p) * sp.eye(4) / 4
>>> sp.simplify(concurrence(werner).subs(p, sp.Rational(2, 3)))
1/2
>>> fidelity(werner, bell)
(3*p + 1)/4
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Sequence

import numpy as np
import sympy as sp

from .._errors import ParameterError
from ._entanglement import _pt_factors, _roots_ascending
from ..algebra._numbers import exact_numbers
from ._operators import is_numeric, partial_trace
from ..algebra._polys import RealRoot, cancel, factor

__all__ = ["concurrence", "concurrence_result", "ConcurrenceResult", "entropy", "mutual_information",
           "fidelity", "spectrum_factors"]

_YY = sp.Matrix([[0, 0, 0, -1], [0, 0, 1, 0], [0, 1, 0, 0], [-1, 0, 0, 0]])


# ------------------------------------------------------------------ helpers
def _exact(rho) -> sp.ImmutableMatrix:
    return exact_numbers(sp.ImmutableMatrix(rho))


def _qubits(dim: int, what: str) -> int:
    n = int(round(np.log2(dim))) if dim > 0 else 0
    if 2 ** n != dim:
        raise ParameterError(what, dim, "a state of qubits (dimension 2^n)")
    return n


def _reduced(rho, sites, n):
    """``rho`` reduced to ``sites`` of ``n`` qubits (all sites: ``rho`` itself)."""
    dim = (np.asarray(rho).shape if is_numeric(rho) else sp.Matrix(rho).shape)[0]
    n = _qubits(dim, "rho") if n is None else int(n)
    if 2 ** n != dim:
        raise ParameterError("n", n, f"the number of qubits of a {dim}x{dim} state ({_qubits(dim, 'rho')})")
    if sites is None:
        return rho, n
    sites = sorted(int(s) for s in sites)
    if len(set(sites)) != len(sites) or any(not 0 <= s < n for s in sites):
        raise ParameterError("sites", sites, f"distinct sites in 0..{n - 1}")
    if len(sites) == n:
        return rho, n
    return partial_trace(rho if is_numeric(rho) else sp.Matrix(rho), sites, n), len(sites)


def spectrum_factors(matrix) -> list:
    r"""``[(coefficients (a_m, ..., a_0), multiplicity)]``: the characteristic polynomial of an
    exact matrix with real eigenvalues, factored exactly (irreducible :math:`G(\mu)`; the same
    kernel as :func:`~symbolic_ness.core.pt_factors`).

    Parameters
    ----------
    matrix : sympy Matrix or array_like
        A square matrix with real eigenvalues (Hermitian), exact entries.

    Returns
    -------
    list
        ``[((a_m, ..., a_0), multiplicity), ...]``, det(μ − A) = Π G_k(μ)^(m_k) up to a constant.

    Examples
    --------
    >>> spectrum_factors(sp.diag(1, 0, 0, 0))
    [((1, -1), 1), ((1, 0), 3)]
    """
    M = _exact(matrix)
    return _pt_factors(M, M.shape[0])


def _xlog2x(mu):
    """:math:`\\mu\\log_2\\mu` with :math:`0\\log0=0` (exact)."""
    mu = sp.sympify(mu)
    if mu.is_zero:
        return sp.Integer(0)
    if mu.is_number or mu.is_positive:
        return mu * sp.log(mu) / sp.log(2)
    return sp.Piecewise((0, sp.Eq(mu, 0)), (mu * sp.log(mu) / sp.log(2), True))


def _simplify_number(v):
    """Exact numbers (no symbols) in a canonical form: rational logs combine (log2 of a power
    of two becomes an integer)."""
    if getattr(v, "is_number", False) and not v.has(RealRoot, sp.CRootOf) and sp.count_ops(v) < 200 \
            and max((len(str(a)) for a in v.atoms(sp.Rational)), default=0) < 200:
        return sp.simplify(sp.expand_log(v, force=True))
    return v


# ------------------------------------------------------------------ entropy
def entropy(rho, sites: Sequence[int] | None = None, n: int | None = None):
    r"""Von Neumann entropy :math:`-\sum_k\mu_k\log_2\mu_k` **in bits** of ``rho`` or of its
    reduced state on ``sites`` (0-indexed qubits of ``n``).

    Numeric input gives a float; exact input the exact value (eigenvalues from the exactly
    factored characteristic polynomial: rational functions, radicals, ``RealRoot``).

    Parameters
    ----------
    rho : sympy Matrix or numpy array
        A state, exact (symbols allowed) or numeric.
    sites : sequence of int or None, default None
        Reduce to these sites first (``None``: the whole state).
    n : int or None, default None
        Number of qubits (``None``: from the dimension).

    Returns
    -------
    float or sympy expression
        S(ρ) in bits.

    Examples
    --------
    >>> entropy(np.eye(4) / 4)
    2.0
    >>> entropy(sp.diag(sp.Rational(1, 2), sp.Rational(1, 2), 0, 0), sites=[0], n=2)
    0

    The reduced state of a Bell pair carries one bit:

    >>> bell = sp.Matrix([[1, 0, 0, 1], [0] * 4, [0] * 4, [1, 0, 0, 1]]) / 2
    >>> entropy(bell, [0], 2)
    1
    """
    red, _ = _reduced(rho, sites, n)
    if is_numeric(red):
        ev = np.linalg.eigvalsh((np.asarray(red) + np.asarray(red).conj().T) / 2)
        ev = ev[ev > 1e-15]
        return float(-(ev * np.log2(ev)).sum()) + 0.0
    total = sp.Integer(0)
    for coeffs, mult in spectrum_factors(red):
        for mu in _roots_ascending(coeffs):
            total -= mult * _xlog2x(mu)
    return _simplify_number(total)


def mutual_information(rho, cut: Sequence[int], n: int | None = None, other: Sequence[int] | None = None):
    r"""Mutual information :math:`I(A{:}B)=S(A)+S(B)-S(AB)` in bits, ``A = cut`` (0-indexed
    qubits), ``B = other`` (default: every other site); ``S(AB)`` is the entropy of the state
    reduced to :math:`A\cup B`.

    Parameters
    ----------
    rho : sympy Matrix or numpy array
        A state, exact (symbols allowed) or numeric.
    cut : sequence of int
        Part A.
    n : int or None, default None
        Number of qubits (``None``: from the dimension).
    other : sequence of int or None, default None
        Part B (``None``: all sites not in A).

    Returns
    -------
    float or sympy expression
        I(A:B) in bits.

    Raises
    ------
    ParameterError
        A and B are empty, overlap or name sites out of range.

    Examples
    --------
    >>> mutual_information(np.kron(np.diag([0.5, 0.5]), np.diag([1.0, 0.0])), [0], 2)
    0.0

    >>> bell = sp.Matrix([[1, 0, 0, 1], [0] * 4, [0] * 4, [1, 0, 0, 1]]) / 2
    >>> mutual_information(bell, [0], 2)
    2
    """
    dim = (np.asarray(rho).shape if is_numeric(rho) else sp.Matrix(rho).shape)[0]
    n = _qubits(dim, "rho") if n is None else int(n)
    A = sorted(int(s) for s in cut)
    B = sorted(int(s) for s in other) if other is not None else [s for s in range(n) if s not in A]
    if not A or not B or set(A) & set(B) or any(not 0 <= s < n for s in A + B):
        raise ParameterError("cut", ",".join(map(str, A)), f"two disjoint non-empty sets of sites in 0..{n - 1}")
    AB = sorted(A + B)
    v = entropy(rho, A, n) + entropy(rho, B, n) - entropy(rho, AB, n)
    return float(v) if is_numeric(rho) else _simplify_number(v)


def fidelity(rho, psi):
    r"""Fidelity :math:`F=\langle\psi|\rho|\psi\rangle` of ``rho`` with the pure state ``psi``
    (a column vector, normalized here, or a label of :func:`~symbolic_ness.core.ket` such as
    ``"01"``). Squared convention (QuTiP's ``fidelity`` is :math:`\sqrt F`).

    Parameters
    ----------
    rho : sympy Matrix or numpy array
        A state.
    psi : str or column vector
        A :func:`~symbolic_ness.core.ket` label or the vector ψ (normalized here).

    Returns
    -------
    float or sympy expression
        ``F = ⟨ψ|ρ|ψ⟩ / ⟨ψ|ψ⟩``.

    Raises
    ------
    ParameterError
        ``psi`` has the wrong dimension.

    Examples
    --------
    >>> fidelity(sp.diag(sp.Rational(3, 4), sp.Rational(1, 4)), "+")
    1/2
    """
    from ._operators import ket
    if isinstance(psi, str):
        psi = ket(psi)
    if is_numeric(rho):
        v = np.asarray(psi, dtype=complex).reshape(-1)
        if v.shape[0] != np.asarray(rho).shape[0]:
            raise ParameterError("psi", v.shape[0], f"a vector of dimension {np.asarray(rho).shape[0]}")
        v = v / np.linalg.norm(v)
        return float(np.real(v.conj() @ np.asarray(rho) @ v))
    v = sp.Matrix(psi)
    R = sp.Matrix(rho)
    if v.shape != (R.shape[0], 1):
        raise ParameterError("psi", v.shape, f"a column vector of dimension {R.shape[0]}")
    norm2 = sp.expand((v.H * v)[0, 0])
    val = sp.expand((v.H * R * v)[0, 0]) / norm2
    return sp.factor(val) if R.free_symbols else sp.simplify(val)


# ------------------------------------------------------------------ concurrence
@dataclass(frozen=True)
class ConcurrenceResult:
    r"""Concurrence with its provenance.

    * ``value``: float (numeric input), exact number, or the closed form
      :math:`\max(0, 2\lambda_k-S, \dots)` over the ``kept`` candidates.
    * ``kept``: the candidates :math:`2\lambda_k-S` that may be the positive maximum.
    * ``dropped``: ``((candidate root, reason), ...)`` certified never to be the maximum.
    * ``factors``: the exactly factored characteristic polynomial of :math:`\rho\tilde\rho`.
    * ``method``: ``"numeric"`` or ``"exact"``.

    Attributes
    ----------
    value : float, sympy number or expression
        C.
    kept : tuple
        Candidates 2λ_k − S.
    dropped : tuple
        ``(candidate, reason)``.
    factors : tuple
        Factored characteristic polynomial of ρ ρ̃.
    method : str
        ``"numeric"`` or ``"exact"``.

    Examples
    --------
    >>> bell = sp.Matrix([[1, 0, 0, 1], [0] * 4, [0] * 4, [1, 0, 0, 1]]) / 2
    >>> concurrence_result(bell).value
    1
    """

    value: Any
    kept: tuple
    dropped: tuple
    factors: tuple
    method: str


def _rho_blocks(R: sp.Matrix):
    """Connected components of the nonzero pattern of the 4x4 state ``R`` when the set of blocks
    is invariant under i -> 3 - i (the action of sigma_y x sigma_y), else ``None``."""
    from ..algebra._linalg import block_split
    dok = {k: v for k, v in R.todok().items() if v != 0}
    blocks = [tuple(sorted(b)) for b in block_split(dok, 4)]
    bset = set(blocks)
    if all(tuple(sorted(3 - i for i in b)) in bset for b in blocks):
        return blocks
    return None


def _wootters_factors(R: sp.Matrix) -> list:
    r"""``[(kind, data, multiplicity)]``: the spectrum of :math:`R\tilde R` as exact factors.

    When the blocks of the state are mapped onto blocks by :math:`i\mapsto3-i` (X states and
    every state built from them), :math:`R\tilde R` is block diagonal with blocks
    :math:`R_b S R^*_{b'} S` (:math:`b'` the image of :math:`b`): a 1x1 block gives
    ``("lin", mu)``, a 2x2 block ``("quad", (p, sqrt q))`` with :math:`p` its trace and
    :math:`\sqrt q=\sqrt{\det R_b\det R_{b'}}` (principal minors of a positive semidefinite
    matrix: non-negative; for :math:`b'=b` simply :math:`\det R_b`). Otherwise (or for larger
    blocks) the exactly factored characteristic polynomial, ``("poly", coeffs)``.
    """
    tilde = _YY * R.conjugate() * _YY
    blocks = _rho_blocks(R)
    out: list = []

    def add(kind, data):
        for k, (k2, d2, m2) in enumerate(out):
            if k2 == kind and all(x == y or _is_zero(x - y) for x, y in zip(data, d2)):
                out[k] = (k2, d2, m2 + 1)
                return
        out.append((kind, data, 1))

    if blocks is not None and max(len(b) for b in blocks) <= 2:
        for b in blocks:
            bp = tuple(sorted(3 - i for i in b))
            Rb = R.extract(list(b), list(b))
            prod = Rb * tilde.extract(list(b), list(b))
            if len(b) == 1:
                add("lin", (prod[0, 0],))
            else:
                Rbp = R.extract(list(bp), list(bp))
                d1 = Rb.det(method="berkowitz")
                rq = d1 if bp == b else sp.sqrt(d1 * Rbp.det(method="berkowitz"))
                add("quad", (prod.trace(), rq))
        return out
    for coeffs, mult in spectrum_factors(sp.expand(R * tilde)):
        for _ in range(mult):
            add("poly", tuple(coeffs))
    return out


def _is_zero(x) -> bool:
    """Exact zero test of a rational function (numerator after cancellation)."""
    x = sp.sympify(x)
    if not x.free_symbols:
        return sp.simplify(x) == 0
    return cancel(x)[0] == 0


#: arguments of square roots are factored (python-flint) up to this many free symbols; with more,
#: sympy's ``together`` on the sums of products of steady-state entries took minutes (5 symbols: 86 s)
FACTOR_MAX_SYMBOLS = 3


def _sqrt(x):
    r"""Square root of a quantity that is :math:`\ge0` on the whole domain (a root of
    :math:`R`, :math:`p\pm2\sqrt q`): symbolic arguments are left as built (no expansion of large
    sums) inside ``Max(0, .)``, so rounding near 0 in a generated evaluator never gives NaN."""
    x = sp.sympify(x)
    if not x.free_symbols:
        return sp.sqrt(sp.radsimp(x))
    if len(x.free_symbols) <= FACTOR_MAX_SYMBOLS and x.is_rational_function():
        x = factor(x)  # compact evaluators (thermal machine, 3 symbols: 2.4 s; its evaluator 1.6 us -> 80 ns per point)
    return sp.sqrt(sp.Max(0, x))


def _factor_lambdas(kind, data):
    r"""``(top, total, lower)`` for one factor: :math:`\lambda` of its largest root,
    :math:`\sum\lambda` over its roots, and the other :math:`\lambda` s."""
    if kind == "lin":
        lam = _sqrt(data[0])
        return lam, lam, []
    if kind == "quad":  # mu^2 - p mu + q, roots mu_+ >= mu_- >= 0: sqrt(mu_+) +- sqrt(mu_-) = sqrt(p +- 2 sqrt q)
        p, rq = data
        s_plus, s_minus = _sqrt(p + 2 * rq), _sqrt(p - 2 * rq)
        return (s_plus + s_minus) / 2, s_plus, [(s_plus - s_minus) / 2]
    coeffs = data
    m = len(coeffs) - 1
    if m == 1:
        lam = _sqrt(-coeffs[1] / coeffs[0])
        return lam, lam, []
    if m == 2:
        a2, a1, a0 = coeffs
        return _factor_lambdas("quad", (-a1 / a2, _sqrt(a0 / a2)))
    roots = [sp.sqrt(RealRoot(k, *coeffs)) for k in range(m)]
    return roots[-1], sp.Add(*roots), roots[:-1]


def concurrence_result(rho, pair: Sequence[int] | None = None, n: int | None = None) -> ConcurrenceResult:
    r"""Concurrence of a two-qubit state (or of the pair ``pair`` of ``n`` qubits), with the
    certificate of every dropped candidate (see the module docstring).

    C = max(0, λ_1 − λ_2 − λ_3 − λ_4), λ_k the decreasing square roots of the eigenvalues of
    ρ ρ̃, ρ̃ = (σy ⊗ σy) ρ* (σy ⊗ σy).

    Parameters
    ----------
    rho : sympy Matrix or numpy array
        A state, exact (symbols allowed) or numeric.
    pair : sequence of two int or None, default None
        Reduce to these two qubits first (``None``: ``rho`` is a two-qubit state).
    n : int or None, default None
        Number of qubits (``None``: from the dimension).

    Returns
    -------
    ConcurrenceResult
        The value with the kept and dropped candidates.

    Raises
    ------
    ParameterError
        ``pair`` is not two distinct sites or the state is not a pair of qubits.

    Examples
    --------
    >>> res = concurrence_result(sp.diag(1, 0, 0, 0))
    >>> res.value, res.method
    (0, 'exact')

    Werner state: C = max(0, (3p − 1)/2) for p ≤ 1:

    >>> bell = sp.Matrix([[1, 0, 0, 1], [0] * 4, [0] * 4, [1, 0, 0, 1]]) / 2
    >>> p = sp.Symbol("p", positive=True)
    >>> concurrence_result(p * bell + (1 - p) * sp.eye(4) / 4).value
    Max(0, p - Abs(p - 1)/2)
    """
    if pair is not None:
        if len(pair) != 2 or pair[0] == pair[1]:
            raise ParameterError("pair", pair, "two distinct qubit sites i,j")
    rho2, m = _reduced(rho, pair, n)
    if m != 2:
        raise ParameterError("pair", pair, "a pair of qubits (concurrence is defined for two qubits: give pair=i,j)")
    if is_numeric(rho2):
        r = np.asarray(rho2, dtype=complex)
        r = (r + r.conj().T) / 2
        yy = np.asarray(_YY, dtype=float)
        w, v = np.linalg.eigh(r)
        sq = (v * np.sqrt(np.clip(w, 0, None))) @ v.conj().T
        lam = np.sqrt(np.clip(np.linalg.eigvalsh(sq @ yy @ r.conj() @ yy @ sq), 0, None))[::-1]
        val = float(max(0.0, lam[0] - lam[1:].sum()))
        return ConcurrenceResult(val, (), (), (), "numeric")
    factors = _wootters_factors(sp.Matrix(_exact(rho2)))
    tops, total, dropped = [], [], []
    for kind, data, mult in factors:
        top, tot, lower = _factor_lambdas(kind, data)
        total.append(mult * tot)
        for lam in lower:
            dropped.append((lam, "the smaller root of its factor (dominated by the larger)"))
        if top == 0:
            dropped.append((top, "lambda = 0"))
        elif mult >= 2:
            dropped.append((top, f"multiplicity {mult} >= 2: S >= 2 lambda"))
        else:
            tops.append(top)
    S = sp.Add(*total)
    kept = tuple(2 * t - S for t in tops)
    value = sp.Max(0, *kept) if kept else sp.Integer(0)
    if value.is_number and not value.has(RealRoot):
        value = sp.simplify(sp.radsimp(value))
    return ConcurrenceResult(value, kept, tuple(dropped), tuple(factors), "exact")


def concurrence(rho, pair: Sequence[int] | None = None, n: int | None = None):
    r"""Wootters concurrence of a two-qubit state, or of the reduced state of ``pair`` (two
    0-indexed qubits of ``n``). Numeric input: a float; exact input: an exact number or the
    certified closed form (:func:`concurrence_result`).

    Parameters
    ----------
    rho : sympy Matrix or numpy array
        A state, exact (symbols allowed) or numeric.
    pair : sequence of two int or None, default None
        Reduce to these two qubits first.
    n : int or None, default None
        Number of qubits (``None``: from the dimension).

    Returns
    -------
    float or sympy expression
        C ∈ [0, 1].

    Raises
    ------
    ParameterError
        As :func:`concurrence_result`.

    Examples
    --------
    >>> float(concurrence(np.eye(4) / 4))
    0.0
    """
    return concurrence_result(rho, pair, n).value
