r"""The Liouvillian superoperator, exact (sympy) and numeric (scipy.sparse).

Vectorization is **column stacking**, as in QuTiP:
:math:`\mathrm{vec}(\rho)_{i+dj}=\rho_{ij}` and
:math:`\mathrm{vec}(A\rho B^\dagger)=(\bar B\otimes A)\,\mathrm{vec}(\rho)`.
So :math:`\mathcal L` is a :math:`4^n\times4^n` matrix acting on
:math:`\mathrm{vec}(\rho)`; its rows are the coefficient equations
:math:`\dot C_{s';s}=\sum \mathcal L_{(s';s),(t';t)}C_{t';t}` for
:math:`\rho=\sum C_{s';s}|s'\rangle\langle s|`.

The **Pauli (expectation-value) representation** writes
:math:`\rho=2^{-n}\sum_\mu x_\mu P_\mu` with Pauli strings
:math:`P_\mu=\sigma_{\mu_1}\otimes\dots\otimes\sigma_{\mu_n}`,
:math:`\mu_j\in\{0,x,y,z\}` (index :math:`\sum_j \mu_j 4^{n-1-j}` with
0,x,y,z = 0,1,2,3) and :math:`x_\mu=\langle P_\mu\rangle`. Then
:math:`\dot x=Mx` with :math:`M_{\mu\nu}=2^{-n}\mathrm{tr}(P_\mu\mathcal L(P_\nu))`,
a **real** matrix for real parameters, similar to :math:`\mathcal L`.

**Sites of any dimension.** For a model with ``dims`` other than all 2 the Pauli strings are
replaced by products of the orthogonal Hermitian site bases of
:func:`~symbolic_ness.core._levels.site_basis` (identity, :math:`X_{ab}`, :math:`Y_{ab}`,
unnormalized Gell-Mann diagonals :math:`D_l`; for a qubit site exactly I, X, Y, Z), index
:math:`\sum_j\mu_j\prod_{k>j}d_k^2`. With :math:`x_\mu=\mathrm{tr}(B_\mu\rho)` and
:math:`n_\mu=\mathrm{tr}(B_\mu^2)`: :math:`\rho=\sum_\mu x_\mu B_\mu/n_\mu` and
:math:`M_{\mu\nu}=\mathrm{tr}(B_\mu\mathcal L(B_\nu))/n_\nu`, again real, with the
trace coordinate :math:`x_0=\mathrm{tr}\rho` first.

>>> import sympy as sp
>>> from symbolic_ness import Model, Jump, sigma_z, sigma_minus
>>> k = sp.Symbol("kappa", positive=True)
>>> m = Model(1, sp.zeros(2, 2), jumps=[Jump(sigma_minus(), k)])
>>> liouvillian(m).tolist()
[[-kappa, 0, 0, 0], [0, -kappa/2, 0, 0], [0, 0, -kappa/2, 0], [kappa, 0, 0, 0]]
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Mapping

import sympy as sp

from ._model import Model, _to_numpy
from .._cache import cached

if TYPE_CHECKING:  # scipy is imported by the numeric path only
    import scipy.sparse as sps

__all__ = ["liouvillian", "liouvillian_dok", "pauli_liouvillian", "liouvillian_numeric",
           "coefficient_equations", "pauli_labels", "pauli_basis_matrix", "model_basis", "rational_generator"]


def _sandwich_dok(c, A, B, d, out: dict, memo: dict):
    """Append the terms of c * (conj(B) ⊗ A) to the lists ``out[(row, col)]`` (products memoized:
    the entries repeat a lot)."""
    Ad = A.todok()
    Bd = B.todok()
    for (l, j), b in Bd.items():  # conj(B)[l, j] multiplies block (l, j)
        cb = c * sp.conjugate(b)
        for (i, k), a in Ad.items():
            key = (i + d * l, k + d * j)
            t = memo.get((cb, a))
            if t is None:
                t = memo[(cb, a)] = cb * a
            out.setdefault(key, []).append(t)


_DOK_MEMO: dict = {}  # id(model) -> (model, entries): the few most recent models (models are immutable)


def liouvillian_dok(model: Model) -> dict:
    """Nonzero entries ``{(row, col): expr}`` of the exact Liouvillian (product basis)."""
    hit = _DOK_MEMO.get(id(model))
    if hit is not None and hit[0] is model:
        return dict(hit[1])
    res = _liouvillian_dok(model)
    if len(_DOK_MEMO) >= 8:
        _DOK_MEMO.pop(next(iter(_DOK_MEMO)))
    _DOK_MEMO[id(model)] = (model, res)
    return dict(res)


def _liouvillian_dok(model: Model) -> dict:
    d = model.dim
    out: dict = {}
    memo: dict = {}
    for c, A, B in model.sandwich_terms():
        _sandwich_dok(c, A, B, d, out, memo)
    res = {}
    summed: dict = {}
    for key, terms in out.items():
        k = tuple(terms)
        v = summed.get(k)
        if v is None:
            v = summed[k] = sp.expand(sp.Add(*terms))
        if v != 0:
            res[key] = v
    return res


def liouvillian(model: Model) -> sp.SparseMatrix:
    """Exact :math:`4^n\\times4^n` Liouvillian in the column-stacked product basis.

    vec(L ρ) = 𝓛 vec(ρ), L(ρ) = −i[H, ρ] + f Σ_k κ_k (L_k ρ L_k† − ½{L_k†L_k, ρ}) + resets,
    vec column-stacking: vec(A ρ B†) = (B̄ ⊗ A) vec(ρ), index a + d·b for ``|a⟩⟨b|``.

    Parameters
    ----------
    model : Model
        The open system.

    Returns
    -------
    sympy SparseMatrix
        The exact d² × d² matrix 𝓛 (d = model.dim).

    Examples
    --------
    Spontaneous decay of ``|0⟩`` (``σ− = |1⟩⟨0|``) in a field:

    >>> from symbolic_ness.core import Model, Jump, sigma_minus, sigma_z
    >>> k, w = sp.symbols("kappa omega", positive=True)
    >>> m = Model(1, w * sigma_z() / 2, jumps=[Jump(sigma_minus(), k)])
    >>> liouvillian(m)
    Matrix([
    [-kappa,                  0,                  0, 0],
    [     0, -kappa/2 + I*omega,                  0, 0],
    [     0,                  0, -kappa/2 - I*omega, 0],
    [ kappa,                  0,                  0, 0]])
    """
    d2 = model.dim ** 2
    return sp.SparseMatrix(d2, d2, liouvillian_dok(model))


# ---------------------------------------------------------------- Pauli basis
_P1 = None


def _paulis():
    global _P1
    if _P1 is None:
        from ._operators import sigma_x, sigma_y, sigma_z
        _P1 = [sp.eye(2), sigma_x(), sigma_y(), sigma_z()]
    return _P1


def model_basis(model: Model) -> tuple:
    """``(labels, norms, string_dok)`` of the real operator basis of ``model`` in
    :func:`pauli_liouvillian` order: Pauli strings for qubits (norm :math:`2^n`), products of
    :func:`~symbolic_ness.core._levels.site_basis` operators otherwise; ``string_dok(mu)`` gives
    the nonzero entries of the basis operator ``mu``."""
    if model.is_qubits:
        n = model.n
        return pauli_labels(n), [model.dim] * 4 ** n, lambda mu: _pauli_string_dok(mu, n)
    from ._levels import basis_labels, basis_norms, basis_string_dok
    dims = model.dims
    return basis_labels(dims), basis_norms(dims), lambda mu: basis_string_dok(mu, dims)


def pauli_labels(n) -> list:
    """Labels like ``'IZ'`` of the Pauli strings in :func:`pauli_liouvillian` order (``n`` a list of
    site dimensions: the labels of :func:`~symbolic_ness.core._levels.basis_labels`).

    Parameters
    ----------
    n : int or sequence of int
        Number of qubits, or the site dimensions.

    Returns
    -------
    list of str
        The 4^n labels (site 0 first, I, X, Y, Z per site).

    Examples
    --------
    >>> pauli_labels(2)[:6], pauli_labels([3])[:4]
    (['II', 'IX', 'IY', 'IZ', 'XI', 'XX'], ['I', 'X01', 'Y01', 'X02'])
    """
    if not isinstance(n, int):
        from ._levels import basis_labels
        return basis_labels(tuple(n))
    out = []
    for mu in range(4 ** n):
        s = ""
        for j in range(n):
            s += "IXYZ"[(mu >> (2 * (n - 1 - j))) & 3]
        out.append(s)
    return out


def _pauli_string_dok(mu: int, n: int) -> dict:
    """Nonzero entries {(i, j): value} of the Pauli string P_mu (2^n x 2^n)."""
    from ._pauli_fast import pauli_string_arrays
    d = 2 ** n
    i, j, _, re, im = pauli_string_arrays(n)
    sl = slice(mu * d, (mu + 1) * d)
    return {(a, b): _PHASES[(x, y)] for a, b, x, y in
            zip(i[sl].tolist(), j[sl].tolist(), re[sl].tolist(), im[sl].tolist())}


_PHASES = {(1, 0): sp.Integer(1), (-1, 0): sp.Integer(-1), (0, 1): sp.I, (0, -1): -sp.I}


def pauli_basis_matrix(n: int) -> sp.SparseMatrix:
    """Columns vec(P_mu): maps Pauli coordinates x to vec(rho) = 2^-n T x.

    Parameters
    ----------
    n : int
        Number of qubits.

    Returns
    -------
    sympy SparseMatrix
        T (4^n × 4^n) with column μ = vec(P_μ), so vec(ρ) = 2^(−n) T x for x_μ = ⟨P_μ⟩.

    Examples
    --------
    >>> pauli_basis_matrix(1)
    Matrix([
    [1, 0,  0,  1],
    [0, 1,  I,  0],
    [0, 1, -I,  0],
    [1, 0,  0, -1]])
    """
    d = 2 ** n
    dok = {}
    for mu in range(4 ** n):
        for (i, j), v in _pauli_string_dok(mu, n).items():
            dok[(i + d * j, mu)] = v
    return sp.SparseMatrix(d * d, 4 ** n, dok)


def _gaussian_ring(values: list):
    """``(R, elements)``: the values as polynomials over :math:`\\mathbb Q(i)` in their symbols
    (and conjugates of symbols), or ``None`` when some value is not such a polynomial."""
    from sympy.polys.rings import sring
    uniq = list(dict.fromkeys(values))  # entries repeat a lot: convert each distinct value once
    try:
        R, els = sring(uniq + [sp.I / 2])  # the extra value forces the domain QQ_I
    except (sp.PolynomialError, sp.CoercionFailed, sp.GeneratorsNeeded):
        return None
    if R.domain != sp.QQ_I or not all(g.is_Symbol or (isinstance(g, sp.conjugate) and g.args[0].is_Symbol)
                                      for g in R.symbols):
        return None
    of = dict(zip(uniq, els[:-1]))
    return R, [of[v] for v in values]


def _monomial(R, monom):
    return sp.Mul(*[g ** k for g, k in zip(R.symbols, monom) if k])


def _pauli_transform_flint(keys: list, R, els: list, n: int, basis=None) -> dict:
    r"""``{(mu, nu): expr}`` of :math:`M=2^{-n}T^\dagger\mathcal LT` (``T`` the columns
    vec(P_mu)) with :math:`\mathcal L=\sum_k m_k(p)\,L_k`: for every monomial :math:`m_k` the
    Gaussian-rational matrix :math:`L_k` is scaled to integers and transformed exactly with
    python-flint ``fmpz_mat`` products (real and imaginary parts separately); each entry is then
    the expanded expression :math:`\sum_k (a_k+ib_k)m_k` (what ``sympy.expand`` gives)."""
    from math import lcm

    if basis is None:
        d, N = 2 ** n, 4 ** n
        norms, string_dok = [d] * N, (lambda mu: _pauli_string_dok(mu, n))
    else:
        d, (norms, string_dok) = basis[0], basis[1:]
        N = len(norms)
    D = d * d
    per: dict = {}
    for key, e in zip(keys, els):
        for monom, c in e.terms():
            per.setdefault(monom, {})[key] = c
    T = {}  # (row, mu) -> (re, im): the columns vec(P_mu) (sites of any dimension; qubits: one site at a time)
    if basis is not None:
        for mu in range(N):
            for (i, j), v in string_dok(mu).items():
                re, im = v.as_real_imag()
                T[(i + d * j, mu)] = (int(re), int(im))
    QQ = R.domain.dom
    out: dict = {}
    tmax = max((max(abs(a), abs(b)) for a, b in T.values()), default=1)
    for mi, (monom, ent) in enumerate(per.items()):
        den = 1
        for c in ent.values():
            den = lcm(den, int(QQ.denom(c.x)), int(QQ.denom(c.y)))
        Lr, Li = {}, {}
        for (row, col), c in ent.items():
            if c.x:
                Lr[(row, col)] = int(QQ.numer(c.x)) * (den // int(QQ.denom(c.x)))
            if c.y:
                Li[(row, col)] = int(QQ.numer(c.y)) * (den // int(QQ.denom(c.y)))
        lmax = max((abs(v) for v in (*Lr.values(), *Li.values())), default=0)
        if 4 * lmax * tmax * tmax * D * D >= 2 ** 62:  # int64 could overflow: exact fmpz products
            Yr, Yi = _transform_fmpz(Lr, Li, T or _pauli_T(n), D, N)
        elif basis is None:  # qubits: T is a tensor product of one-site transforms
            from ._pauli_fast import transform_int
            Yr, Yi = transform_int(Lr, Li, n)
        else:
            Yr, Yi = _transform_sparse(Lr, Li, T, D, N)
        for part, Y in ((0, Yr), (1, Yi)):
            for key, v in Y.items():
                out.setdefault(key, []).append((mi, part, v, den))
    # one sympy expression per distinct coefficient list (entries repeat a lot)
    monos = [_monomial(R, monom) for monom in per]
    parts = (1, sp.I)
    made: dict = {}
    res = {}
    for (mu, nu), terms in out.items():
        k = (tuple(terms), norms[nu])
        e = made.get(k)
        if e is None:
            e = made[k] = sp.Add(*[sp.Rational(int(v), den * norms[nu]) * parts[part] * monos[mi]
                                   for mi, part, v, den in terms])
        if e != 0:
            res[(mu, nu)] = e
    return res


def _pauli_T(n: int) -> dict:
    """``{(vec index, mu): (re, im)}`` of the columns vec(P_mu) of ``n`` qubits."""
    from ._pauli_fast import pauli_columns
    return {(int(a), int(m)): (int(x), int(y)) for a, m, x, y in zip(*pauli_columns(n))}


def _coo(dok: dict, part=None) -> tuple:
    """``(rows, cols, vals)`` int64 arrays of a ``{(r, c): int}`` (or ``(re, im)`` part) dict."""
    import numpy as np
    keys = list(dok)
    r = np.array([k[0] for k in keys], dtype=np.int64)
    c = np.array([k[1] for k in keys], dtype=np.int64)
    v = np.array([dok[k] if part is None else dok[k][part] for k in keys], dtype=np.int64)
    nz = v != 0
    return r[nz], c[nz], v[nz]


def _spmm(A: tuple, B: tuple) -> tuple:
    """Sparse product of COO int64 triples (numpy only: join on ``A.col == B.row``, sum per key)."""
    import numpy as np
    ar, ac, av = A
    br, bc, bv = B
    if len(av) == 0 or len(bv) == 0:
        e = np.zeros(0, dtype=np.int64)
        return e, e, e
    o = np.argsort(br, kind="stable")
    br, bc, bv = br[o], bc[o], bv[o]
    lo = np.searchsorted(br, ac, "left")
    cnt = np.searchsorted(br, ac, "right") - lo
    keep = cnt > 0
    ar, av, lo, cnt = ar[keep], av[keep], lo[keep], cnt[keep]
    tot = int(cnt.sum())
    if tot == 0:
        e = np.zeros(0, dtype=np.int64)
        return e, e, e
    rep = np.repeat(np.arange(len(ar)), cnt)
    start = np.repeat(np.cumsum(cnt) - cnt, cnt)
    idx = np.repeat(lo, cnt) + (np.arange(tot) - start)
    rows, cols, vals = ar[rep], bc[idx], av[rep] * bv[idx]
    return _coalesce(rows, cols, vals, int(max(cols.max(), 0)) + 1)


def _add(*terms) -> tuple:
    """Sum of signed COO triples ``(sign, (rows, cols, vals))``."""
    import numpy as np
    rows = np.concatenate([t[1][0] for t in terms])
    cols = np.concatenate([t[1][1] for t in terms])
    vals = np.concatenate([t[0] * t[1][2] for t in terms])
    if len(vals) == 0:
        return rows, cols, vals
    return _coalesce(rows, cols, vals, int(cols.max()) + 1)


def _coalesce(rows, cols, vals, ncol: int) -> tuple:
    """COO triples with equal ``(row, col)`` summed and zero sums dropped (sorted by row, col)."""
    from ._pauli_fast import sum_by_key
    key, sums = sum_by_key(rows * ncol + cols, vals)
    return key // ncol, key % ncol, sums


def _transform_sparse(Lr: dict, Li: dict, T: dict, D: int, N: int) -> tuple:
    r"""``(Yr, Yi)`` as ``{(mu, nu): int}``: real and imaginary parts of :math:`T^\dagger L T`
    with sparse int64 products in numpy (the caller checks that no entry can overflow)."""
    lr, li = _coo(Lr), _coo(Li)
    tr, ti = _coo(T, 0), _coo(T, 1)
    trT, tiT = (tr[1], tr[0], tr[2]), (ti[1], ti[0], ti[2])
    xr = _add((1, _spmm(lr, tr)), (-1, _spmm(li, ti)))
    xi = _add((1, _spmm(lr, ti)), (1, _spmm(li, tr)))
    yr = _add((1, _spmm(trT, xr)), (1, _spmm(tiT, xi)))
    yi = _add((1, _spmm(trT, xi)), (-1, _spmm(tiT, xr)))
    return tuple({(int(a), int(b)): int(v) for a, b, v in zip(*y)} for y in (yr, yi))


def _transform_fmpz(Lr: dict, Li: dict, T: dict, D: int, N: int) -> tuple:
    """:func:`~symbolic_ness.core._pauli_fast.transform_int` with exact dense ``fmpz_mat`` products (any entry size)."""
    import flint
    Tr, Ti = flint.fmpz_mat(D, N), flint.fmpz_mat(D, N)
    for (i, mu), (a, b) in T.items():
        Tr[i, mu], Ti[i, mu] = a, b
    Mr, Mi = flint.fmpz_mat(D, D), flint.fmpz_mat(D, D)
    for (i, j), v in Lr.items():
        Mr[i, j] = v
    for (i, j), v in Li.items():
        Mi[i, j] = v
    Xr, Xi = Mr * Tr - Mi * Ti, Mr * Ti + Mi * Tr
    TrT, TiT = Tr.transpose(), Ti.transpose()
    out = []
    for Y in (TrT * Xr + TiT * Xi, TrT * Xi - TiT * Xr):
        out.append({divmod(k, N): int(v) for k, v in enumerate(Y.entries()) if v})
    return tuple(out)


@cached("pauli_liouvillian")
def pauli_liouvillian(model: Model) -> sp.SparseMatrix:
    r"""Real matrix :math:`M` with :math:`\dot x = Mx`, :math:`x_\mu=\langle P_\mu\rangle`.

    When the entries of :math:`\mathcal L` are polynomials in the parameters over
    :math:`\mathbb Q(i)` (the usual case): one exact integer matrix transform per monomial
    (:func:`_pauli_transform_flint`); otherwise (e.g. radicals in the operators) sympy
    arithmetic entry by entry. Either way every entry is the expanded expression.

    Parameters
    ----------
    model : Model
        The open system. (qubits).

    Returns
    -------
    sympy SparseMatrix
        M (4^n × 4^n, real entries) in the order of :func:`pauli_labels`.

    Examples
    --------
    >>> from symbolic_ness.core import Model, Jump, sigma_minus, sigma_z
    >>> k, w = sp.symbols("kappa omega", positive=True)
    >>> m = Model(1, w * sigma_z() / 2, jumps=[Jump(sigma_minus(), k)])
    >>> pauli_liouvillian(m)  # rows I, X, Y, Z: d⟨Z⟩/dt = −κ(1 + ⟨Z⟩)
    Matrix([
    [     0,        0,        0,      0],
    [     0, -kappa/2,   -omega,      0],
    [     0,    omega, -kappa/2,      0],
    [-kappa,        0,        0, -kappa]])
    """
    return _real_transform(model, liouvillian_dok(model))


@cached("rational_generator")
def rational_generator(model: Model) -> tuple:
    r"""``(M, D)``: the real-basis generator of :math:`\mathcal L` itself (``D = None``), or, when
    the operators carry integer square roots (truncated modes, spins), of the similar
    :math:`\mathcal L'\rho'=D^{-1}\mathcal L(D\rho'D)D^{-1}` with the rationalizing diagonal ``D``
    of :func:`~symbolic_ness.core._congruence.rationalizing_scale` (steady state
    :math:`\rho\propto D\rho'D`; same spectrum).

    Parameters
    ----------
    model : Model
        The open system.

    Returns
    -------
    tuple
        ``(M, D)``: M the exact real-basis generator (sympy), D ``None`` or the tuple of the
        rationalizing diagonal.

    Examples
    --------
    >>> from symbolic_ness.core import Model, Jump, sigma_minus, sigma_z
    >>> k, w = sp.symbols("kappa omega", positive=True)
    >>> m = Model(1, w * sigma_z() / 2, jumps=[Jump(sigma_minus(), k)])
    >>> M, D = rational_generator(m)
    >>> M == pauli_liouvillian(m), D
    (True, None)
    """
    from ._congruence import rationalizing_scale, scaled_dok
    D = rationalizing_scale(model)
    if D is None:
        return pauli_liouvillian(model), None
    return _real_transform(model, scaled_dok(liouvillian_dok(model), D, model.dim)), tuple(D)


def _real_transform(model: Model, L: dict) -> sp.SparseMatrix:
    r"""The real-basis matrix :math:`T^\dagger L T N^{-1}` of the product-basis entries ``L``."""
    n, d = model.n, model.dim
    keys = list(L)
    _, norms, string_dok = model_basis(model)
    N = len(norms)
    ring = _gaussian_ring([L[k] for k in keys])
    if ring is not None:
        basis = None if model.is_qubits else (d, norms, string_dok)
        return sp.SparseMatrix(N, N, _pauli_transform_flint(keys, *ring, n, basis))
    # column-wise: L(P_nu) then project on P_mu: M[mu,nu] = 2^-n sum_{ij} conj(P_mu[i,j]) L(P_nu)[i,j]
    rows_of = {}
    for (row, col), v in L.items():
        rows_of.setdefault(col, []).append((row, v))
    strings = [string_dok(mu) for mu in range(N)]
    # index: vec position -> list of (mu, conj(P_mu) entry)
    proj = {}
    for mu, P in enumerate(strings):
        for (i, j), v in P.items():
            proj.setdefault(i + d * j, []).append((mu, sp.conjugate(v)))
    dok = {}
    for nu, P in enumerate(strings):
        scale = sp.Rational(1, norms[nu])
        acc = {}
        for (i, j), pv in P.items():
            for row, lv in rows_of.get(i + d * j, ()):
                acc[row] = acc.get(row, 0) + lv * pv
        col = {}
        for row, v in acc.items():
            for mu, cv in proj.get(row, ()):
                col[mu] = col.get(mu, 0) + cv * v
        for mu, v in col.items():
            v = sp.expand(v * scale)
            if v != 0:
                dok[(mu, nu)] = v
    return sp.SparseMatrix(N, N, dok)


# ------------------------------------------------------------------- numeric
def liouvillian_numeric(model: Model, values: Mapping | None = None) -> sps.csr_matrix:
    """Numeric sparse Liouvillian (complex, column stacking) at parameter ``values``.

    Parameters
    ----------
    model : Model
        The open system.
    values : mapping or None, default None
        Values of all parameters (checked by :meth:`Model.validate`).

    Returns
    -------
    scipy.sparse.csr_matrix
        The complex d² × d² matrix 𝓛 at ``values``.

    Raises
    ------
    ParameterError
        A value is invalid or missing.

    Examples
    --------
    >>> from symbolic_ness.core import Model, Jump, sigma_minus, sigma_z
    >>> k, w = sp.symbols("kappa omega", positive=True)
    >>> m = Model(1, w * sigma_z() / 2, jumps=[Jump(sigma_minus(), k)])
    >>> complex(liouvillian_numeric(m, {"kappa": 1, "omega": 2}).toarray()[1, 1])
    (-0.5+2j)
    """
    import scipy.sparse as sps

    vals = model.validate(values or {})
    d = model.dim
    if not model.is_qubits:  # sites of any dimension: numeric H and standard-form jumps, then numpy
        return _numeric_from_operators(model, vals)
    total = sps.csr_matrix((d * d, d * d), dtype=complex)
    cache = {}

    def num(M):
        k = id(M)
        if k not in cache:
            cache[k] = sps.csr_matrix(_to_numpy(M, vals))
        return cache[k]

    for c, A, B in model.sandwich_terms():
        cv = complex(sp.N(c.subs(vals)))
        if cv == 0:
            continue
        total = total + cv * sps.kron(num(B).conj(), num(A), format="csr")
    total.eliminate_zeros()
    return total


def _numeric_from_operators(model: Model, vals: Mapping):
    r""":math:`-i(1\otimes H-H^T\otimes1)+\sum_c\bar c\otimes c-\tfrac12(1\otimes c^\dagger c
    +(c^\dagger c)^T\otimes1)` from the numeric operators (rates, normalization and resets absorbed
    in the standard-form jump operators :meth:`Model.qutip_jump_operators`): no sympy products."""
    import scipy.sparse as sps
    d = model.dim
    one = sps.identity(d, dtype=complex, format="csr")
    H = sps.csr_matrix(_to_numpy(model.hamiltonian, vals))
    total = -1j * (sps.kron(one, H) - sps.kron(H.T, one))
    for c in model.qutip_jump_operators(vals):
        C = sps.csr_matrix(c)
        CdC = (C.conj().T @ C).tocsr()
        total = total + sps.kron(C.conj(), C) - 0.5 * (sps.kron(one, CdC) + sps.kron(CdC.T, one))
    total = sps.csr_matrix(total)
    total.eliminate_zeros()
    return total


# ------------------------------------------------------ coefficient equations
def coefficient_symbol(a: int, b: int, n: int) -> sp.Symbol:
    """Symbol :math:`C_{s';s}` for the matrix element :math:`\\langle a|\\rho|b\\rangle`."""
    if not isinstance(n, int):  # site dimensions: one digit (level) per site
        from ._operators import _digits
        sep = "" if max(n) <= 10 else ","
        fa = sep.join(str(x) for x in _digits(a, n))
        fb = sep.join(str(x) for x in _digits(b, n))
        return sp.Symbol(f"C_{{{fa};{fb}}}")
    fa = format(a, f"0{n}b")
    fb = format(b, f"0{n}b")
    return sp.Symbol(f"C_{{{fa};{fb}}}")


def coefficient_equations(model: Model) -> list:
    r"""The :math:`4^n` equations :math:`\dot C_{s';s} = \dots` in the product basis.

    Returns a list of ``sympy.Eq(Derivative(C(t), t), rhs)`` ordered by
    :math:`(s', s)` lexicographically (not by vec index), matching the papers'
    :math:`C_{s_1's_2';s_1s_2}` labelling.

    Parameters
    ----------
    model : Model
        The open system.

    Returns
    -------
    list of sympy Eq
        d C_(s';s)/dt = Σ 𝓛 C, with C_(s';s) the coefficient of ``|s'⟩⟨s|``.

    Examples
    --------
    >>> from symbolic_ness.core import Model, Jump, sigma_minus, sigma_z
    >>> k, w = sp.symbols("kappa omega", positive=True)
    >>> m = Model(1, w * sigma_z() / 2, jumps=[Jump(sigma_minus(), k)])
    >>> coefficient_equations(m)[0]
    Eq(Derivative(C_{0;0}(t), t), -C_{0;0}*kappa)
    """
    n, d = (model.n if model.is_qubits else model.dims), model.dim
    t = sp.Symbol("t", real=True)
    L = liouvillian_dok(model)
    rows = {}
    for (row, col), v in L.items():
        rows.setdefault(row, []).append((col, v))
    eqs = []
    for a in range(d):
        for b in range(d):
            row = a + d * b
            rhs = sp.Add(*[v * coefficient_symbol(col % d, col // d, n) for col, v in sorted(rows.get(row, []))])
            lhs = sp.Derivative(sp.Function(coefficient_symbol(a, b, n).name)(t), t)
            # unevaluated: d/dt of an undefined function is never decidably equal to the rhs
            eqs.append(sp.Eq(lhs, sp.collect(rhs, [coefficient_symbol(a, b, n)]), evaluate=False))
    return eqs
