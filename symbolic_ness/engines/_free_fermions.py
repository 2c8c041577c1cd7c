r"""Free fermions: Jordan–Wigner Majoranas, Wick's theorem (Pfaffians) and quadratic
correlation matrices, for any chain.

Conventions (0-indexed sites, site 0 leftmost, :math:`|0\rangle` = spin up = occupied):

.. math::

    w_{2l}=Z_0\cdots Z_{l-1}X_l,\qquad w_{2l+1}=Z_0\cdots Z_{l-1}Y_l,\qquad
    c_l=\tfrac12(w_{2l}-iw_{2l+1})=Z_0\cdots Z_{l-1}\sigma^-_l,\qquad
    n_l=c_l^\dagger c_l=\tfrac12(1+Z_l).

* :func:`majorana_string` / :func:`majorana_indices`: a Majorana monomial as a Pauli string
  and back (with the phase);
* :func:`pfaffian` and :func:`gaussian_expectation`: Wick's theorem,
  :math:`\langle w_{p_1}\cdots w_{p_{2k}}\rangle=\mathrm{Pf}[\langle w_{p_a}w_{p_b}\rangle]_{a<b}`
  for a Gaussian state;
* :func:`two_point_equations`: the equations of motion of :math:`C_{jk}=\langle c_j^\dagger c_k\rangle`
  *generated* from a :class:`~symbolic_ness.engines.LocalChain` (the Pauli-string adjoint action
  of :mod:`~symbolic_ness.engines._hierarchy_chain`, re-expressed in the :math:`C` basis; a model
  whose generator leaves the number-conserving quadratic sector is reported);
* :func:`fermi_correlation_matrix`: :math:`C=(1+e^{A})^{-1}` of a quadratic exponent (thermal
  states), one BLAS thread (threadpoolctl).

>>> majorana_string(3)
((1+0j), ((0, 'Z'), (1, 'Y')))
>>> majorana_indices(((0, "Z"),))
((0, 1), -1j)
"""
from __future__ import annotations

from typing import Callable, Sequence

import numpy as np
import sympy as sp

from .._errors import ParameterError
from ._hierarchy_chain import LocalChain, adjoint_action, pauli_mul

__all__ = ["majorana_string", "majorana_product", "majorana_indices", "pfaffian", "gaussian_expectation",
           "two_point_equations", "two_point_symbols", "fermi_correlation_matrix", "number_operator_strings"]


def majorana_string(p: int):
    """``(phase, string)`` of the Jordan–Wigner Majorana :math:`w_p` (phase 1).

    w_2l = Z_0⋯Z_(l−1) X_l, w_(2l+1) = Z_0⋯Z_(l−1) Y_l.

    Parameters
    ----------
    p : int
        Majorana index p ≥ 0 (site l = p // 2).

    Returns
    -------
    tuple
        ``(1+0j, string)``.

    Raises
    ------
    ParameterError
        ``p < 0``.

    Examples
    --------
    >>> majorana_string(2)
    ((1+0j), ((0, 'Z'), (1, 'X')))
    """
    p = int(p)
    if p < 0:
        raise ParameterError("p", p, "a Majorana index p >= 0")
    l, a = divmod(p, 2)
    return 1 + 0j, tuple((i, "Z") for i in range(l)) + ((l, "XY"[a]),)


def majorana_product(indices: Sequence[int]):
    """``(phase, string)`` with :math:`w_{p_1}w_{p_2}\\cdots = \\text{phase}\\cdot\\text{string}`.

    Parameters
    ----------
    indices : sequence of int
        p_1, p_2, ... in the order of the product.

    Returns
    -------
    tuple
        ``(phase, string)``, phase in {±1, ±i}.

    Examples
    --------
    >>> majorana_product([0, 1])          # w_0 w_1 = X Y = i Z
    (1j, ((0, 'Z'),))
    """
    phase, s = 1 + 0j, ()
    for p in indices:
        ph, w = majorana_string(p)
        ph2, s = pauli_mul(s, w)
        phase *= ph * ph2
    return phase, s


def majorana_indices(string: tuple):
    """``(S, phase)`` with ``string`` = phase · :math:`\\prod_{p\\in S}w_p` (S increasing).

    Scanning from the right, the letter on site l fixes which of :math:`w_{2l},w_{2l+1}` occur,
    given the parity of the Majoranas already chosen to its right (each adds a :math:`Z_l`).

    Parameters
    ----------
    string : tuple
        A Pauli string ``((site, letter), ...)``.

    Returns
    -------
    tuple
        ``(S, phase)``: increasing Majorana indices and the phase.

    Raises
    ------
    ParameterError
        Internal Jordan–Wigner mismatch (never expected).

    Examples
    --------
    >>> majorana_indices(((0, "Z"), (1, "X")))   # Z_0 X_1 = w_2
    ((2,), (1+0j))
    """
    d = dict(string)
    n = max(d) + 1 if d else 0
    S: list = []
    table = {0: {"I": (0, 0), "X": (1, 0), "Y": (0, 1), "Z": (1, 1)},
             1: {"Z": (0, 0), "I": (1, 1), "X": (0, 1), "Y": (1, 0)}}
    for l in range(n - 1, -1, -1):
        a, b = table[len(S) % 2][d.get(l, "I")]
        if b:
            S.append(2 * l + 1)
        if a:
            S.append(2 * l)
    S.sort()
    ph, s = majorana_product(S)
    if s != tuple(sorted(string)):
        raise ParameterError("string", string, "a Pauli string (internal Jordan-Wigner mismatch)")
    return tuple(S), 1 / ph


def pfaffian(M):
    """Pfaffian of an antisymmetric matrix (sympy exact by expansion along the first row;
    numpy arrays by the same recursion in floats). Size 0 gives 1.

    Pf(M) = Σ_j (−1)^(j−1) M_0j Pf(M without rows/columns 0, j); Pf(M)² = det M.

    Parameters
    ----------
    M : sympy Matrix or numpy.ndarray
        An antisymmetric 2k × 2k matrix.

    Returns
    -------
    sympy expression or float
        Pf(M) (0 for odd size, 1 for size 0).

    Examples
    --------
    >>> a, b, c, d, e, f = sp.symbols("a b c d e f")
    >>> M = sp.Matrix([[0, a, b, c], [-a, 0, d, e], [-b, -d, 0, f], [-c, -e, -f, 0]])
    >>> pfaffian(M)
    a*f - b*e + c*d
    """
    numeric = isinstance(M, np.ndarray)
    n = M.shape[0]
    if n % 2:
        return 0.0 if numeric else sp.Integer(0)
    if n == 0:
        return 1.0 if numeric else sp.Integer(1)
    total = 0.0 if numeric else sp.Integer(0)
    for j in range(1, n):
        if M[0, j] == 0:
            continue
        keep = [k for k in range(1, n) if k != j]
        sub = M[np.ix_(keep, keep)] if numeric else M.extract(keep, keep)
        total += (-1) ** (j - 1) * M[0, j] * pfaffian(sub)
    return total if numeric else sp.expand(total)


def gaussian_expectation(string: tuple, two_point: Callable[[int, int], object]):
    r""":math:`\langle P\rangle` of a Pauli string in a Gaussian state with Majorana two-point
    function ``two_point(p, q)`` :math:`=\langle w_pw_q\rangle` (called with p < q).

    Parameters
    ----------
    string : tuple
        The Pauli string P.
    two_point : callable
        ``two_point(p, q)`` = ⟨w_p w_q⟩ for p < q.

    Returns
    -------
    sympy expression
        ⟨P⟩ = phase · Pf[⟨w_pa w_pb⟩] (0 for an odd number of Majoranas).

    Examples
    --------
    >>> t = sp.Symbol("t")
    >>> two = lambda p, q: {(1, 2): sp.I * t}.get((p, q), 0)     # <w_1 w_2> = i t
    >>> gaussian_expectation(((0, "X"), (1, "X")), two)          # w_1 w_2 = i X_0 X_1
    t
    """
    S, phase = majorana_indices(tuple(sorted(string)))
    if len(S) % 2:
        return 0
    k = len(S)
    M = sp.zeros(k, k)
    for a in range(k):
        for b in range(a + 1, k):
            v = sp.sympify(two_point(S[a], S[b]))
            M[a, b], M[b, a] = v, -v
    ph = sp.Integer(int(round(phase.real))) + sp.I * int(round(phase.imag))
    return sp.expand(ph * pfaffian(M))


def number_operator_strings(j: int, k: int) -> dict:
    r""":math:`c_j^\dagger c_k` as ``{string: coefficient}`` (sympy Gaussian rationals).

    c_j† c_k = ¼ (w_2j + i w_2j+1)(w_2k − i w_2k+1).

    Parameters
    ----------
    j, k : int
        Sites (0-indexed).

    Returns
    -------
    dict
        ``{string: coefficient}``, zero terms dropped.

    Examples
    --------
    >>> sorted(number_operator_strings(0, 1).items())
    [(((0, 'X'), (1, 'X')), -1/4), (((0, 'X'), (1, 'Y')), I/4), (((0, 'Y'), (1, 'X')), -I/4), (((0, 'Y'), (1, 'Y')), -1/4)]
    """
    out: dict = {}
    for (p, cp) in ((2 * j, sp.Integer(1)), (2 * j + 1, sp.I)):
        for (q, cq) in ((2 * k, sp.Integer(1)), (2 * k + 1, -sp.I)):
            if p == q:  # exact 1/4 (1*1/4 of Python ints would be the float 0.25)
                out[()] = out.get((), 0) + cp * cq / 4
                continue
            ph, s = majorana_product([p, q])
            c = cp * cq * (int(round(ph.real)) + sp.I * int(round(ph.imag))) / 4
            out[s] = out.get(s, 0) + c
    return {s: sp.expand(c) for s, c in out.items() if sp.expand(c) != 0}


def two_point_symbols(n: int) -> sp.Matrix:
    """The n×n matrix of symbols ``C_j_k`` (0-indexed) used by :func:`two_point_equations`.

    Parameters
    ----------
    n : int
        Number of sites.

    Returns
    -------
    sympy Matrix
        ``C[j, k] = Symbol("C_j_k")``.

    Examples
    --------
    >>> two_point_symbols(2)
    Matrix([
    [C_0_0, C_0_1],
    [C_1_0, C_1_1]])
    """
    return sp.Matrix(n, n, lambda j, k: sp.Symbol(f"C_{j}_{k}"))


def two_point_equations(chain: LocalChain) -> sp.Matrix:
    r"""Generated equations :math:`\frac{d}{dt}C_{jk}` of :math:`C_{jk}=\langle c_j^\dagger c_k\rangle`.

    For each (j, k), :math:`\mathcal L^\dagger(c_j^\dagger c_k)` is computed on its Pauli strings
    with the chain's adjoint action and rewritten in the operators :math:`c_l^\dagger c_m` and
    1; a component outside that span (a generator that does not conserve the particle number
    or is not quadratic) raises :class:`ParameterError` naming the string. Returns the n×n
    sympy matrix of right-hand sides in the symbols :func:`two_point_symbols` and the
    chain's weights.

    Parameters
    ----------
    chain : LocalChain
        A particle-number-conserving quadratic chain.

    Returns
    -------
    sympy Matrix
        n × n, entry (j, k) = dC_jk/dt.

    Raises
    ------
    ParameterError
        The generator leaves the span of the c_l† c_m and 1.

    Examples
    --------
    >>> from symbolic_ness.engines import local_chain
    >>> k = sp.Symbol("kappa", positive=True)
    >>> two_point_equations(local_chain(1, jumps=[(0, "sigma-", k)]))     # decay of n_0
    Matrix([[-C_0_0*kappa]])
    """
    n = chain.n
    C = two_point_symbols(n)
    fam = chain.families
    out = sp.zeros(n, n)
    for j in range(n):
        for k in range(n):
            res: dict = {}
            for s, c in number_operator_strings(j, k).items():
                if not s:
                    continue
                for f, terms in adjoint_action(chain, s).items():
                    w = fam[f]
                    for t, v in terms.items():
                        res[t] = res.get(t, 0) + c * w * sp.Rational(v.numerator, v.denominator)
            out[j, k] = _in_c_basis(res, C)
    return out


def _in_c_basis(res: dict, C: sp.Matrix):
    expr = sp.Integer(0)
    groups: dict = {}
    for t, v in res.items():
        v = sp.expand(v)
        if v == 0:
            continue
        if not t:
            expr += v
            continue
        if len(t) == 1 and t[0][1] == "Z":
            l = t[0][0]
            expr += v * (2 * C[l, l] - 1)            # Z_l = 2 n_l - 1
            continue
        (l, a), (m, b) = t[0], t[-1]
        mid = t[1:-1]
        if a == "Z" or b == "Z" or len(mid) != m - l - 1 or any(p != "Z" for _, p in mid):
            raise ParameterError("generator", t, "a number-conserving quadratic generator "
                                 "(this string is not a fermion bilinear)")
        groups.setdefault((l, m), {})[a + b] = v
    for (l, m), g in groups.items():
        xx, yy, xy, yx = (g.get(k, 0) for k in ("XX", "YY", "XY", "YX"))
        if sp.expand(xx - yy) != 0 or sp.expand(xy + yx) != 0:
            raise ParameterError("generator", (l, m), "a number-conserving generator (pairing terms "
                                 "c c or c^dag c^dag appear)")
        # XX + YY = -2 (C_lm + C_ml),  YX - XY = 2 i (C_lm - C_ml)
        expr += xx * (-2) * (C[l, m] + C[m, l]) + yx * 2 * sp.I * (C[l, m] - C[m, l])
    return sp.expand(expr)


def fermi_correlation_matrix(A):
    r""":math:`C=(1+e^{A})^{-1}` for a real symmetric (Hermitian) exponent matrix ``A``:
    the correlation matrix :math:`C_{ij}=\langle c_i^\dagger c_j\rangle` of
    :math:`\rho\propto e^{-\sum_{ij}A_{ij}c_i^\dagger c_j}` (``A`` = β h + shifts); dense
    ``eigh`` with one BLAS thread.

    Parameters
    ----------
    A : array_like
        Real symmetric or Hermitian n × n exponent.

    Returns
    -------
    numpy.ndarray
        C = (1 + e^A)^(−1) (real for real A).

    Examples
    --------
    >>> C = fermi_correlation_matrix(np.zeros((2, 2)))
    >>> C.tolist()
    [[0.5, 0.0], [0.0, 0.5]]

    Occupations 1/(1 + e^a) of the eigenmodes, here a = 0 and log 3:

    >>> fermi_correlation_matrix(np.diag([0.0, np.log(3.0)])).diagonal().tolist()
    [0.5, 0.25]
    """
    from scipy.special import expit
    from threadpoolctl import threadpool_limits
    A = np.asarray(A)
    with threadpool_limits(limits=1, user_api="blas"):
        e, V = np.linalg.eigh(A)
        C = (V * expit(-e)) @ V.conj().T
    return C.real if np.isrealobj(A) else C
