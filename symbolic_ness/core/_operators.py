r"""Qubit operators on N sites, embedding, partial trace and partial transpose.

Conventions
-----------
* Computational basis :math:`|0\rangle, |1\rangle` with
  :math:`\sigma_z|s\rangle = (-1)^s|s\rangle`, so :math:`|0\rangle` is spin up
  (:math:`\sigma_z=+1`).
* :math:`\sigma_\pm = (\sigma_x \pm i\sigma_y)/2`, hence
  :math:`\sigma_+ = |0\rangle\langle 1|` raises to :math:`\sigma_z=+1`.
* Sites are 0-indexed in code (site 0 is the leftmost tensor factor); the
  papers' 1-indexed qubit ``i`` is site ``i-1``. The product basis of N qubits
  is :math:`|s_0 s_1\dots s_{N-1}\rangle` with index
  :math:`\sum_j s_j 2^{N-1-j}` (``numpy.kron`` order).
* ``partial_transpose(rho, sites)`` transposes the listed sites:
  :math:`\langle a_A a_B|\rho^{T_A}|b_A b_B\rangle = \langle b_A a_B|\rho|a_A b_B\rangle`.

All functions accept sympy matrices (exact) and numpy arrays (numeric) and
return the same kind.

>>> import sympy as sp
>>> sigma_plus() == (sigma_x() + sp.I*sigma_y())/2
True
>>> embed(sigma_z(), 1, 2) == sp.kronecker_product(sp.eye(2), sigma_z())
True
>>> bell = sp.Matrix([1, 0, 0, 1])/sp.sqrt(2)
>>> partial_trace(bell*bell.T, keep=[0], n=2)
Matrix([
[1/2,   0],
[  0, 1/2]])
"""
from __future__ import annotations

from functools import reduce
from typing import Sequence

import numpy as np
import sympy as sp

from .._errors import ParameterError

__all__ = [
    "sigma_x", "sigma_y", "sigma_z", "sigma_plus", "sigma_minus", "identity",
    "ket", "projector", "embed", "kron", "partial_trace", "partial_transpose",
    "is_numeric", "pauli", "pauli_string", "state_from_paulis", "site_dims",
]

_PAULI_NP = {"I": np.eye(2, dtype=complex), "X": np.array([[0, 1], [1, 0]], dtype=complex),
             "Y": np.array([[0, -1j], [1j, 0]], dtype=complex), "Z": np.diag([1.0, -1.0]).astype(complex)}
_PAULI_SP = {"I": sp.eye(2), "X": sp.Matrix([[0, 1], [1, 0]]), "Y": sp.Matrix([[0, -sp.I], [sp.I, 0]]),
             "Z": sp.Matrix([[1, 0], [0, -1]])}


def pauli(label: str, numeric: bool = False):
    """The one-qubit Pauli matrix ``label`` in ``"IXYZ"`` (sympy, or complex numpy).

    Parameters
    ----------
    label : str
        One of ``"I"``, ``"X"``, ``"Y"``, ``"Z"``.
    numeric : bool, default False
        Return a complex numpy array instead of a sympy Matrix.

    Returns
    -------
    sympy Matrix or numpy.ndarray
        The 2×2 matrix σ_label (σ_I = 1).

    Raises
    ------
    ParameterError
        ``label`` is not one of I, X, Y, Z.

    Examples
    --------
    >>> pauli("Y")
    Matrix([
    [0, -I],
    [I,  0]])
    >>> pauli("Z", numeric=True).real.tolist()
    [[1.0, 0.0], [0.0, -1.0]]
    """
    table = _PAULI_NP if numeric else _PAULI_SP
    if label not in table:
        raise ParameterError("pauli", label, "one of I, X, Y, Z")
    return table[label].copy()


def pauli_string(label: str, numeric: bool = False):
    """Tensor product of Pauli matrices, ``label[k]`` on site ``k`` (e.g. ``"XIZ"``).

    P = σ_{label[0]} ⊗ σ_{label[1]} ⊗ … (site 0 is the leftmost factor).

    Parameters
    ----------
    label : str
        Letters from ``"IXYZ"``, one per site.
    numeric : bool, default False
        Return a complex numpy array instead of a sympy Matrix.

    Returns
    -------
    sympy Matrix or numpy.ndarray
        The 2^n × 2^n matrix P, n = len(label).

    Examples
    --------
    >>> pauli_string("XZ", numeric=True).real.astype(int).tolist()
    [[0, 0, 1, 0], [0, 0, 0, -1], [1, 0, 0, 0], [0, -1, 0, 0]]
    """
    return kron(*[pauli(c, numeric) for c in label])


def state_from_paulis(expectations, n: int, numeric: bool | None = None):
    r"""Density matrix :math:`\rho = 2^{-n}\sum_P \langle P\rangle P` from Pauli expectations.

    ``expectations`` maps Pauli strings of length ``n`` (``"XX"``, ``"ZI"``, …) to
    :math:`\langle P\rangle`; missing strings count as 0 and ``"I"*n`` defaults to 1.
    Exact (sympy) unless ``numeric`` is true or every value is a Python/numpy number.

    Parameters
    ----------
    expectations : mapping {str: number}
        ⟨P⟩ for Pauli strings P of length ``n``.
    n : int
        Number of qubits.
    numeric : bool or None, default None
        Force numeric (numpy) or exact (sympy) output; ``None``: decided from the values.

    Returns
    -------
    sympy Matrix or numpy.ndarray
        The 2^n × 2^n density matrix ρ.

    Raises
    ------
    ParameterError
        A key is not a Pauli string of length ``n``.

    Examples
    --------
    >>> state_from_paulis({"Z": sp.Rational(1, 3)}, 1)
    Matrix([
    [2/3,   0],
    [  0, 1/3]])
    """
    ex = dict(expectations)
    ex.setdefault("I" * n, 1)
    if numeric is None:
        numeric = all(isinstance(v, (int, float, complex, np.number)) and not isinstance(v, bool)
                      for v in ex.values()) and not all(isinstance(v, int) for v in ex.values())
    d = 2 ** n
    rho = np.zeros((d, d), dtype=complex) if numeric else sp.zeros(d, d)
    for lab, v in ex.items():
        if len(lab) != n or any(c not in "IXYZ" for c in lab):
            raise ParameterError("expectations", lab, f"Pauli strings of length {n} over I, X, Y, Z")
        if v != 0:
            rho = rho + v * pauli_string(lab, numeric)
    return rho / d


def sigma_x():
    """Pauli :math:`\\sigma_x` (sympy).

    Returns
    -------
    sympy Matrix
        [[0, 1], [1, 0]].

    Examples
    --------
    >>> sigma_x() * sigma_x() == sp.eye(2)
    True
    """
    return sp.Matrix([[0, 1], [1, 0]])


def sigma_y():
    """Pauli :math:`\\sigma_y` (sympy).

    Returns
    -------
    sympy Matrix
        [[0, −i], [i, 0]].

    Examples
    --------
    >>> sigma_y() == sp.I * (sigma_minus() - sigma_plus())
    True
    """
    return sp.Matrix([[0, -sp.I], [sp.I, 0]])


def sigma_z():
    """Pauli :math:`\\sigma_z` = diag(1, -1) (sympy).

    Returns
    -------
    sympy Matrix
        diag(1, −1): ``|0⟩`` has σz = +1.

    Examples
    --------
    >>> sigma_z() * ket('0') == ket('0')
    True
    """
    return sp.Matrix([[1, 0], [0, -1]])


def sigma_plus():
    """:math:`\\sigma_+=(\\sigma_x+i\\sigma_y)/2=|0\\rangle\\langle1|`.

    Returns
    -------
    sympy Matrix
        [[0, 1], [0, 0]].

    Examples
    --------
    >>> sigma_plus() == (sigma_x() + sp.I * sigma_y()) / 2
    True
    """
    return sp.Matrix([[0, 1], [0, 0]])


def sigma_minus():
    """:math:`\\sigma_-=(\\sigma_x-i\\sigma_y)/2=|1\\rangle\\langle0|`.

    Returns
    -------
    sympy Matrix
        [[0, 0], [1, 0]].

    Examples
    --------
    >>> sigma_minus() * ket('0') == ket('1')
    True
    """
    return sp.Matrix([[0, 0], [1, 0]])


def identity(n: int = 1):
    """Identity on ``n`` qubits (sympy).

    Parameters
    ----------
    n : int, default 1
        Number of qubits.

    Returns
    -------
    sympy Matrix
        The 2^n × 2^n identity.

    Examples
    --------
    >>> identity(2).shape
    (4, 4)
    """
    return sp.eye(2 ** n)


def ket(label: str):
    """Column vector of a product state, e.g. ``ket('0+')``.

    Letters: ``0`` (up), ``1`` (down), ``+``/``-`` (σx eigenstates),
    ``r``/``l`` (σy eigenstates).

    ``|label⟩ = |label[0]⟩ ⊗ |label[1]⟩ ⊗ …`` with ``|±⟩ = (|0⟩ ± |1⟩)/√2``, ``|r/l⟩ = (|0⟩ ± i|1⟩)/√2``.

    Parameters
    ----------
    label : str
        Letters from ``"01+-rl"``, one per qubit.

    Returns
    -------
    sympy Matrix
        The 2^n × 1 column vector.

    Raises
    ------
    ParameterError
        A letter is not one of ``01+-rl``.

    Examples
    --------
    >>> ket("0+").T
    Matrix([[sqrt(2)/2, sqrt(2)/2, 0, 0]])
    """
    s = 1 / sp.sqrt(2)
    one = {
        "0": sp.Matrix([1, 0]), "1": sp.Matrix([0, 1]),
        "+": sp.Matrix([s, s]), "-": sp.Matrix([s, -s]),
        "r": sp.Matrix([s, sp.I * s]), "l": sp.Matrix([s, -sp.I * s]),
    }
    try:
        return kron(*[one[c] for c in label])
    except KeyError:
        raise ParameterError("state", label, "letters from '01+-rl'") from None


def projector(label_or_vec):
    """:math:`|\\psi\\rangle\\langle\\psi|` for a label or a column vector.

    Parameters
    ----------
    label_or_vec : str or sequence
        A :func:`ket` label or the entries of a column vector ψ (not normalized by this function).

    Returns
    -------
    sympy Matrix
        ψ ψ†.

    Examples
    --------
    >>> projector("+")
    Matrix([
    [1/2, 1/2],
    [1/2, 1/2]])
    """
    v = ket(label_or_vec) if isinstance(label_or_vec, str) else sp.Matrix(label_or_vec)
    return v * v.H


def is_numeric(m) -> bool:
    """True if ``m`` is a numpy array (the numeric path), False for sympy input.

    Parameters
    ----------
    m : object
        A matrix.

    Returns
    -------
    bool
        ``isinstance(m, numpy.ndarray)``.

    Examples
    --------
    >>> is_numeric(np.eye(2)), is_numeric(sp.eye(2))
    (True, False)
    """
    return isinstance(m, np.ndarray)


def kron(*ops):
    """Kronecker product (left factor = site 0).

    A ⊗ B ⊗ …; numeric (numpy) if every factor is a numpy array, else sympy.

    Parameters
    ----------
    *ops : sympy Matrix or numpy.ndarray
        The factors, site 0 first.

    Returns
    -------
    sympy Matrix or numpy.ndarray
        The Kronecker product.

    Examples
    --------
    >>> kron(ket("0"), ket("1")).T
    Matrix([[0, 1, 0, 0]])
    """
    if all(is_numeric(o) for o in ops):
        return reduce(np.kron, ops)
    return reduce(_kron_sparse, ops)


def _kron_sparse(a, b):
    """Exact Kronecker product through the nonzero entries (fast for embedded operators)."""
    a, b = sp.Matrix(a), sp.Matrix(b)
    rb, cb = b.shape
    da, db = a.todok(), b.todok()
    out = {}
    for (i, j), x in da.items():
        for (k, l), y in db.items():
            out[(i * rb + k, j * cb + l)] = x * y
    return sp.Matrix(sp.SparseMatrix(a.rows * rb, a.cols * cb, out))


def site_dims(n) -> tuple:
    """The site dimensions of ``n``: an int is ``n`` qubits, a sequence lists each site's dimension.

    Parameters
    ----------
    n : int or sequence of int
        The number of qubits, or the dimension of each site (e.g. ``[3, 2]``).

    Returns
    -------
    tuple of int
        The dimension of each site.

    Raises
    ------
    ParameterError
        ``n < 1``, or a dimension is not an integer ≥ 2.

    Examples
    --------
    >>> site_dims(3), site_dims([3, 2])
    ((2, 2, 2), (3, 2))
    """
    if isinstance(n, (int, np.integer)) and not isinstance(n, bool):
        if n < 1:
            raise ParameterError("n", n, "an integer number of sites >= 1")
        return (2,) * int(n)
    try:
        dims = tuple(n)
    except TypeError:
        raise ParameterError("dims", n, "an integer number of qubits or a list of site dimensions") from None
    if not dims or any(isinstance(d, bool) or not isinstance(d, (int, np.integer)) or d < 2 for d in dims):
        raise ParameterError("dims", list(dims), "a non-empty list of integer site dimensions, each >= 2")
    return tuple(int(d) for d in dims)


def _check_site(site: int, n, name: str = "site"):
    dims = site_dims(n)
    k = len(dims)
    if not (isinstance(site, (int, np.integer)) and 0 <= site < k):
        what = f"n = {k} qubits" if set(dims) == {2} else f"{k} sites"
        raise ParameterError(name, site, f"an integer 0 <= {name} <= {k - 1} (0-indexed, {what})")


def embed(op, site: int, n):
    """Embed a one-site operator at ``site`` (0-indexed) of ``n`` qubits, or of sites with the
    dimensions ``n`` (a sequence, e.g. ``[3, 2]``); ``op`` must be ``d x d`` for that site.

    1 ⊗ … ⊗ op ⊗ … ⊗ 1 with ``op`` in factor ``site``.

    Parameters
    ----------
    op : sympy Matrix or numpy.ndarray
        The d×d one-site operator.
    site : int
        The site (0-indexed).
    n : int or sequence of int
        The number of qubits, or the dimension of each site (e.g. ``[3, 2]``).

    Returns
    -------
    sympy Matrix or numpy.ndarray
        The operator on all sites (numpy if ``op`` is).

    Raises
    ------
    ParameterError
        ``site`` is out of range or ``op`` has the wrong shape.

    Examples
    --------
    >>> embed(sp.Matrix([[0, 1], [0, 0]]), 1, [3, 2]).shape
    (6, 6)
    """
    dims = site_dims(n)
    _check_site(site, dims)
    d = dims[site]
    shape = np.shape(op) if is_numeric(op) else sp.Matrix(op).shape
    if tuple(shape) != (d, d):
        raise ParameterError("operator", tuple(shape), f"a {d}x{d} matrix for site {site} (dimension {d})")
    if is_numeric(op):
        return kron(*[op if j == site else np.eye(dj) for j, dj in enumerate(dims)])
    return kron(*[sp.Matrix(op) if j == site else sp.eye(dj) for j, dj in enumerate(dims)])


def _digits(i: int, dims) -> list:
    out = []
    for d in reversed(dims):
        i, r = divmod(i, d)
        out.append(r)
    return out[::-1]


def _index(digits, dims) -> int:
    i = 0
    for x, d in zip(digits, dims):
        i = i * d + x
    return i


def partial_trace(rho, keep: Sequence[int], n):
    """Reduced density matrix on the sites ``keep`` (in increasing order); ``n`` is the number of
    qubits or the list of site dimensions.

    ρ_keep = Tr_rest ρ.

    Parameters
    ----------
    rho : sympy Matrix or numpy.ndarray
        An operator on all sites.
    keep : sequence of int
        The sites kept (0-indexed; sorted before use).
    n : int or sequence of int
        The number of qubits, or the dimension of each site (e.g. ``[3, 2]``).

    Returns
    -------
    sympy Matrix or numpy.ndarray
        The reduced operator on the kept sites.

    Raises
    ------
    ParameterError
        A site in ``keep`` is out of range.

    Examples
    --------
    >>> bell = projector([1, 0, 0, 1]) / 2
    >>> partial_trace(bell, [0], 2)
    Matrix([
    [1/2,   0],
    [  0, 1/2]])
    """
    keep = sorted(keep)
    dims = site_dims(n)
    for k in keep:
        _check_site(k, dims, "keep")
    n = len(dims)
    if is_numeric(rho):
        t = rho.reshape(list(dims) * 2)
        trace_out = [j for j in range(n) if j not in keep]
        # einsum: contract ket and bra index of traced sites
        letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
        ket_idx = list(letters[:n])
        bra_idx = list(letters[n:2 * n])
        for j in trace_out:
            bra_idx[j] = ket_idx[j]
        out = "".join(ket_idx[j] for j in keep) + "".join(bra_idx[j] for j in keep)
        res = np.einsum("".join(ket_idx) + "".join(bra_idx) + "->" + out, t)
        d = int(np.prod([dims[j] for j in keep]))
        return res.reshape(d, d)
    rho = sp.Matrix(rho)
    if set(dims) != {2}:
        sub = [dims[j] for j in keep]
        d_out = int(np.prod(sub))
        out = sp.zeros(d_out, d_out)
        for (a, b), val in rho.todok().items():
            da, db = _digits(a, dims), _digits(b, dims)
            if any(da[j] != db[j] for j in range(n) if j not in keep):
                continue
            out[_index([da[j] for j in keep], sub), _index([db[j] for j in keep], sub)] += val
        return out
    d_out = 2 ** len(keep)
    out = sp.zeros(d_out, d_out)

    def bits(i):
        return [(i >> (n - 1 - j)) & 1 for j in range(n)]

    for (a, b), val in rho.todok().items():
        ba, bb = bits(a), bits(b)
        if any(ba[j] != bb[j] for j in range(n) if j not in keep):
            continue
        ia = int("".join(str(ba[j]) for j in keep) or "0", 2)
        ib = int("".join(str(bb[j]) for j in keep) or "0", 2)
        out[ia, ib] += val
    return out


def partial_transpose(rho, sites: Sequence[int], n):
    """Partial transpose on ``sites`` (0-indexed) of an operator on ``n`` qubits, or on sites
    with the dimensions ``n`` (a sequence).

    (ρ^{T_A})_{a b} = ρ with the indices of the sites in A exchanged between row and column.

    Parameters
    ----------
    rho : sympy Matrix or numpy.ndarray
        An operator on all sites.
    sites : sequence of int
        The sites A (0-indexed) that are transposed.
    n : int or sequence of int
        The number of qubits, or the dimension of each site (e.g. ``[3, 2]``).

    Returns
    -------
    sympy Matrix or numpy.ndarray
        ρ^{T_A}.

    Raises
    ------
    ParameterError
        A site is out of range.

    Examples
    --------
    >>> partial_transpose(sp.Matrix(6, 6, lambda i, j: 10 * i + j), [0], [2, 3])[0, 3]
    30
    """
    sites = list(sites)
    dims = site_dims(n)
    for s in sites:
        _check_site(s, dims, "sites")
    n = len(dims)
    if is_numeric(rho):
        t = rho.reshape(list(dims) * 2)
        perm = list(range(2 * n))
        for s in sites:
            perm[s], perm[n + s] = perm[n + s], perm[s]
        d = int(np.prod(dims))
        return t.transpose(perm).reshape(d, d)
    rho = sp.Matrix(rho)
    d = int(np.prod(dims))
    out = sp.zeros(d, d)
    if set(dims) != {2}:
        for (a, b), val in rho.todok().items():
            da, db = _digits(a, dims), _digits(b, dims)
            for s in sites:
                da[s], db[s] = db[s], da[s]
            out[_index(da, dims), _index(db, dims)] = val
        return out
    mask = sum(1 << (n - 1 - s) for s in sites)
    for (a, b), val in rho.todok().items():
        # swap the bits of a and b on transposed sites
        na = (a & ~mask) | (b & mask)
        nb = (b & ~mask) | (a & mask)
        out[na, nb] = val
    return out
