r"""Exact and numeric linear algebra: the one place where null spaces and solves happen.

Every steady-state solver of the package (dense Liouvillians, permutation-invariant
reductions, correlator hierarchies) ends in one of these kernels:

* :func:`block_split` — connected components of a sparsity pattern (independent blocks);
* :func:`nullspace_exact` — null space over :math:`\mathbb{Q}` or the rational-function
  field :math:`\mathbb{Q}(p_1,\dots,p_k)`, block by block, with an exact residual check;
* :func:`solve_exact` — :math:`A X = B` over :math:`\mathbb{Q}` (python-flint) or
  :math:`\mathbb{Q}(p)` (sympy ``DomainMatrix``);
* :func:`rank_qq`, :func:`solve_qq` — python-flint ``fmpq_mat`` on rational entries;
* :func:`nullspace_numeric` — SVD null space with its singular-value gap.

Inputs are sparse dictionaries ``{(i, j): value}`` so that callers never build dense
symbolic matrices. Each exact kernel verifies ``A v = 0`` (or ``A X = B``) exactly
before returning and raises :class:`~symbolic_ness._errors.CheckFailedError` otherwise.

>>> import sympy as sp
>>> a = sp.Symbol("a", positive=True)
>>> nullspace_exact({(0, 0): -a, (0, 1): 1, (1, 0): a, (1, 1): -1}, 2)
[[1, a]]
"""
from __future__ import annotations

from fractions import Fraction
from typing import Mapping, Sequence

import numpy as np
import sympy as sp
from sympy.polys.matrices import DomainMatrix

from .._errors import CheckFailedError

__all__ = ["rank_fraction_free", "block_split", "nullspace_exact", "solve_exact", "rank_qq", "solve_qq", "nullspace_numeric",
           "primitive_vector"]


def block_split(dok: Mapping, N: int) -> list:
    """Index sets of the connected components of the (symmetrized) pattern of ``dok``.

    Indices i, j are in one block when a chain of entries M_ij or M_ji ≠ 0 links them, so
    M is block diagonal after permuting to these blocks.

    Parameters
    ----------
    dok : mapping {(i, j): value}
        The non-zero entries of the matrix.
    N : int
        The matrix size N×N.

    Returns
    -------
    list of list of int
        The blocks, ordered by their smallest index, indices ascending.

    Examples
    --------
    >>> block_split({(0, 1): 1, (2, 2): 1}, 4)
    [[0, 1], [2], [3]]
    """
    parent = list(range(N))  # union-find (scipy-free: the exact path never imports scipy)

    def root(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in dok.keys():
        a, b = root(i), root(j)
        if a != b:
            parent[max(a, b)] = min(a, b)
    # components ordered by their smallest index, indices ascending (as scipy's connected_components)
    label: dict = {}
    blocks: list = []
    for i in range(N):
        c = root(i)
        if c not in label:
            label[c] = len(blocks)
            blocks.append([])
        blocks[label[c]].append(i)
    return blocks



def rank_evaluator(pm, p: int):
    """Function ``point -> rank`` of the square :class:`~symbolic_ness.algebra._linalg_ring.PolyMatrix`
    ``pm`` at an integer point modulo the prime ``p``: the sum of the ranks of the connected blocks of
    its pattern (:func:`block_split`; ``pm`` is block diagonal after a symmetric permutation to them),
    one ``nmod_mat`` evaluator per block instead of one dense ``N x N`` rank.

    >>> from symbolic_ness.algebra._linalg_ring import PolyMatrix
    >>> g = sp.Symbol("g")
    >>> pm = PolyMatrix.from_dok({(0, 0): g, (0, 1): 1, (1, 0): 1, (1, 1): g, (2, 2): g}, 3)
    >>> r = rank_evaluator(pm, 101)
    >>> r([5]), r([1]), r([1]) == pm.evaluator(101)([1]).rank()
    (3, 2, True)
    """
    blocks = [b for b in block_split(pm.pattern(), pm.nrows) if any(i in pm.rows for i in b)]
    ats = [pm.submatrix(b).evaluator(p) for b in blocks]

    def rank(point):
        return sum(at(point).rank() for at in ats)

    return rank


def _sub_rows(dok: Mapping, idx: Sequence[int]) -> dict:
    pos = {i: k for k, i in enumerate(idx)}
    rows: dict = {}
    for (i, j), v in dok.items():
        if i in pos and j in pos and v != 0:
            rows.setdefault(pos[i], {})[pos[j]] = v
    return rows


def primitive_vector(vec: Sequence) -> list:
    """``vec`` divided by the gcd of its non-zero entries (entries cancelled).

    Parameters
    ----------
    vec : sequence of sympy expressions
        Polynomial (or rational) entries.

    Returns
    -------
    list
        vec / gcd(non-zero entries), each entry cancelled (``vec`` itself if all entries are 0).

    Examples
    --------
    >>> x = sp.Symbol("x")
    >>> primitive_vector([2 * x, 4 * x ** 2, 0])
    [1, 2*x, 0]
    """
    nz = [v for v in vec if v != 0]
    if not nz:
        return list(vec)
    g = sp.gcd_list(nz) if len(nz) > 1 else nz[0]
    return [sp.cancel(sp.sympify(v) / g) for v in vec]


def nullspace_exact(dok: Mapping, N: int, split: bool = True, method: str = "field") -> list:
    """Exact basis of the null space of the ``N×N`` matrix ``dok`` (``{(i, j): expr}``).

    ``method``: ``"field"`` (below), ``"ring"`` (fraction-free over :math:`\\mathbb Z[p]`) or
    ``"interpolate"`` (modular evaluation–interpolation); the last two return primitive
    integer-polynomial vectors that passed the exact certificate ``M w = 0``
    (:mod:`symbolic_ness.algebra._interpolate`). All three give the same vectors up to a
    constant factor.

    Entries are rational numbers or rational functions of symbols; the elimination runs
    over :math:`\\mathbb{Q}(\\text{symbols})` (generic values of the symbols: special values
    where the rank drops are the zeros of the pivots). ``split=True`` solves each connected
    block separately. Each returned vector is primitive (:func:`primitive_vector`) and was
    checked exactly: ``M v = 0`` in the field.

    Parameters
    ----------
    dok : mapping {(i, j): value}
        The non-zero entries of the matrix.
    N : int
        The matrix size N×N.
    split : bool, default True
        Solve each connected block (:func:`block_split`) separately.
    method : str, default "field"
        ``"field"``, ``"ring"`` or ``"interpolate"``.

    Returns
    -------
    list of list
        Basis vectors v (length N) with M v = 0, each primitive.

    Raises
    ------
    ParameterError
        ``method`` is not one of the three.
    CheckFailedError
        The exact check M v = 0 failed.

    Examples
    --------
    >>> g = sp.Symbol("g", positive=True)
    >>> nullspace_exact({(0, 0): -g, (0, 1): 1, (1, 0): g, (1, 1): -1}, 2)
    [[1, g]]
    """
    dok = {k: sp.sympify(v) for k, v in dok.items() if v != 0}
    blocks = block_split(dok, N) if split else [list(range(N))]
    if method in ("ring", "interpolate"):
        return _nullspace_poly(dok, N, blocks, method)
    if method != "field":
        from .._errors import ParameterError
        raise ParameterError("method", method, "'field', 'ring' or 'interpolate'")
    basis = []
    for idx in blocks:
        rows = _sub_rows(dok, idx)
        if not rows:  # zero block: every coordinate is a null vector
            for i in idx:
                vec = [sp.Integer(0)] * N
                vec[i] = sp.Integer(1)
                basis.append(vec)
            continue
        F = DomainMatrix.from_dict_sympy(len(idx), len(idx), rows).to_field()
        ns = F.nullspace()
        if ns.shape[0] and not (F * ns.transpose()).is_zero_matrix:
            raise CheckFailedError("exact null space failed its residual check M v = 0")
        for row in ns.to_Matrix().tolist():
            vec = [sp.Integer(0)] * N
            for k, v in enumerate(row):
                vec[idx[k]] = v
            basis.append(vec)
    return [primitive_vector(v) for v in basis]


def _nullspace_poly(dok: Mapping, N: int, blocks, method: str) -> list:
    from ._interpolate import nullspace_interpolate
    from ._linalg_ring import PolyMatrix, nullspace_ring
    fs: set = set()
    for v in dok.values():
        fs |= v.free_symbols
    gens = tuple(sorted(fs, key=lambda s: s.name))
    kernel = nullspace_ring if method == "ring" else nullspace_interpolate
    basis = []
    for idx in blocks:
        pm = PolyMatrix.from_dok(dok, N, idx, gens=gens)
        for w in pm.to_sympy(kernel(pm)):
            vec = [sp.Integer(0)] * N
            for k, v in enumerate(w):
                vec[idx[k]] = v
            basis.append(vec)
    return basis


def solve_exact(A: DomainMatrix, B: DomainMatrix) -> DomainMatrix:
    """Exact solution of the square system ``A X = B`` (``DomainMatrix`` in and out).

    Over :math:`\\mathbb{Q}` the dense python-flint LU is used; over a rational-function
    domain, sympy's fraction-field LU. The result is checked exactly.

    Parameters
    ----------
    A : sympy DomainMatrix
        Square, non-singular, over QQ or a rational-function field.
    B : sympy DomainMatrix
        Right-hand sides (one per column).

    Returns
    -------
    sympy DomainMatrix
        X with A X = B (checked exactly).

    Raises
    ------
    CheckFailedError
        The residual A X − B is not exactly zero.

    Examples
    --------
    >>> from sympy.polys.matrices import DomainMatrix
    >>> A = DomainMatrix.from_Matrix(sp.Matrix([[2, 0], [0, 4]]))
    >>> solve_exact(A, DomainMatrix.from_Matrix(sp.Matrix([1, 1]))).to_Matrix().T
    Matrix([[1/2, 1/4]])
    """
    A, B = A.to_field(), B.to_field()
    X = None
    if str(A.domain) == "QQ":
        try:
            x = A.to_dense().to_dfm().lu_solve(B.to_dense().to_dfm())
            X = DomainMatrix.from_rep(x.to_ddm()).to_sparse()
        except (AttributeError, NotImplementedError, ImportError):
            X = None
    if X is None:
        X = A.lu_solve(B)
    if not (A * X - B).is_zero_matrix:
        raise CheckFailedError("exact solve failed its residual check A X = B")
    return X


def _fmpq(v):
    import flint
    if isinstance(v, flint.fmpq):
        return v
    q = Fraction(v) if not isinstance(v, sp.Basic) else Fraction(int(sp.numer(v)), int(sp.denom(v)))
    return flint.fmpq(q.numerator, q.denominator)


def _fmpq_mat(dok: Mapping, nrows: int, ncols: int):
    import flint
    M = flint.fmpq_mat(nrows, ncols)
    for (i, j), v in dok.items():
        M[i, j] = _fmpq(v)
    return M


def rank_qq(dok: Mapping, nrows: int, ncols: int | None = None) -> int:
    """Exact rank of a rational matrix given as ``{(i, j): Fraction | int | Rational}``.

    Parameters
    ----------
    dok : mapping {(i, j): value}
        The non-zero entries of the matrix.
    nrows : int
        Number of rows.
    ncols : int or None, default None
        Number of columns (``None``: square).

    Returns
    -------
    int
        rank M over Q (python-flint).

    Examples
    --------
    >>> rank_qq({(0, 0): 1, (1, 0): 2}, 2, 1)
    1
    """
    return int(_fmpq_mat(dok, nrows, ncols if ncols is not None else nrows).rank())


def solve_qq(dok: Mapping, rhs: Sequence, N: int) -> list:
    """Exact solution ``x`` (list of :class:`fractions.Fraction`) of the ``N×N`` rational system.

    Raises :class:`CheckFailedError` if the matrix is singular.

    Parameters
    ----------
    dok : mapping {(i, j): value}
        The non-zero entries of the matrix.
    rhs : sequence of rationals
        The right-hand side b.
    N : int
        The matrix size N×N.

    Returns
    -------
    list of Fraction
        x with M x = b (checked exactly).

    Raises
    ------
    CheckFailedError
        M is singular or the check failed.

    Examples
    --------
    >>> solve_qq({(0, 0): 2, (1, 1): 3}, [1, 1], 2)
    [Fraction(1, 2), Fraction(1, 3)]
    """
    import flint
    A = _fmpq_mat(dok, N, N)
    b = flint.fmpq_mat(N, 1, [_fmpq(v) for v in rhs])
    try:
        sol = A.solve(b)
    except ZeroDivisionError:
        raise CheckFailedError("exact rational solve: the matrix is singular") from None
    if A * sol != b:
        raise CheckFailedError("exact rational solve failed its residual check")
    return [Fraction(int(sol[k, 0].p), int(sol[k, 0].q)) for k in range(N)]


def nullspace_numeric(A, tol: float = 1e-10, confirm=None) -> tuple:
    """``(vectors, singular_values)`` of the numeric null space of the dense array ``A``.

    The decision is independent of units: a singular value ``s <= tol * s_max`` counts as zero
    (relative to the largest; ``A`` and ``c A`` have the same null space for every ``c > 0``).
    When a singular value lies in the grey zone between the rounding floor
    (``100 * max(A.shape) * eps * s_max``) and ``100 * tol * s_max``, the numeric verdict is not
    trusted: ``confirm()`` (when given) returns the exact nullity (e.g. a modular rank at the
    rational point the floats print) and the null space is spanned by that many right singular
    vectors of the smallest singular values (``None``: keep the numeric count).
    ``vectors`` has the null vectors as columns.

    Parameters
    ----------
    A : array_like
        A dense (real or complex) matrix.
    tol : float, default 1e-10
        Relative threshold s ≤ tol · s_max for a zero singular value.
    confirm : callable or None, default None
        Called without arguments when a singular value is in the grey zone; returns the exact
        nullity or ``None``.

    Returns
    -------
    tuple
        ``(vectors, singular_values)``: the null vectors as columns and all singular values of A.

    Examples
    --------
    >>> v, s = nullspace_numeric(np.array([[1.0, -1.0], [-1.0, 1.0]]))
    >>> v.shape, round(float(abs(v[0, 0])), 6)
    ((2, 1), 0.707107)
    >>> nullspace_numeric(1e-14 * np.array([[1.0, -1.0], [-1.0, 1.0]]))[0].shape  # any unit
    (2, 1)
    """
    import scipy.linalg as sla  # numeric path only (scipy is not imported by the exact paths)

    A = np.asarray(A)
    _, s, vh = sla.svd(A)
    smax = s[0] if s.size else 0.0
    extra = A.shape[1] - len(s)  # wide matrices: the missing singular values are zero
    if smax == 0.0:
        return vh.conj().T, s
    rel = s / smax
    null_idx = list(np.where(rel <= tol)[0])
    floor = 100 * max(A.shape) * np.finfo(float).eps
    if confirm is not None and np.any((rel > floor) & (rel <= 100 * tol)):
        k = confirm()
        if k is not None:
            k = int(k) - extra
            null_idx = list(range(len(s) - k, len(s))) if k > 0 else []
    idx = null_idx + list(range(len(s), len(s) + extra))
    return vh.conj()[idx].T, s


def rank_fraction_free(rows: list, zero) -> int:
    """Rank over the fraction field of a matrix of python-flint polynomials (Bareiss).

    Fraction-free elimination with row pivoting: every entry after step k is a
    (k+1)-minor of the input, so each division is exact (python-flint raises otherwise).
    """
    A = [list(r) for r in rows]
    m = len(A)
    ncols = len(A[0]) if m else 0
    rank, prev = 0, None
    for c in range(ncols):
        piv = next((i for i in range(rank, m) if A[i][c] != 0), None)
        if piv is None:
            continue
        A[rank], A[piv] = A[piv], A[rank]
        p = A[rank][c]
        for i in range(rank + 1, m):
            a = A[i][c]
            for j in range(c + 1, ncols):
                v = p * A[i][j] - a * A[rank][j]
                A[i][j] = v if prev is None else v / prev
            A[i][c] = zero
        prev = p
        rank += 1
        if rank == m:
            break
    return rank
