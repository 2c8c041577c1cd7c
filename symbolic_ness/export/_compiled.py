r"""The compiled parametric Liouvillian: built once, evaluated at many points without sympy.

:func:`compile_liouvillian` writes the generator of a model as

.. math::

    M(p) = \sum_k m_k(p)\,M_k ,

with constant sparse real matrices :math:`M_k` (scipy.sparse) in a **real operator basis**
:math:`\{G_\mu\}` and the coefficient functions :math:`m_k` (monomials such as
:math:`\Gamma\mu`, or any other parameter dependence, e.g. :math:`\sqrt\kappa`) as one
vectorized numpy function of the parameters (core :func:`~symbolic_ness.export.lambdify`).
Coordinates are :math:`x_\mu=\mathrm{tr}(G_\mu\rho)`, so :math:`\dot x=Mx` with
:math:`M=T^\dagger\mathcal L\,T\,W`, where the columns of :math:`T` are
:math:`\mathrm{vec}(G_\mu)` (column stacking) and :math:`W=\mathrm{diag}(1/\mathrm{tr}\,G_\mu^2)`;
:math:`\mathrm{vec}\rho=TWx` and :math:`\mathcal L=TWMT^\dagger`.

Bases:

* qubit models (:math:`d=2^n`): the Pauli strings, :math:`W=2^{-n}`, :math:`x_\mu=\langle P_\mu\rangle`;
  :math:`M_k` are the exact coefficients of the core's
  :func:`~symbolic_ness.core.pauli_liouvillian` (rounded to float once);
* any other Hilbert dimension :math:`d`: the Hermitian matrix units :math:`E_{ii}`,
  :math:`E_{ij}+E_{ji}`, :math:`-iE_{ij}+iE_{ji}` (:math:`i<j`), built numerically from the exact
  product-basis entries of the model's own matrices (entries below :math:`10^{-14}` of the
  largest, rounding residues of exact cancellations, are set to zero).

For real parameters :math:`M(p)` is real: :math:`\mathcal L` preserves Hermiticity.

The union sparsity pattern of the :math:`M_k` splits into exactly decoupled **blocks**
(:func:`~symbolic_ness.algebra.block_split`; in the Pauli basis every Pauli-string symmetry such
as the parity :math:`\prod_j\sigma^z_j` shows up this way). The *trace block* holds the
coordinates on which :math:`\mathrm{tr}\rho` depends, hence the steady state; the other blocks
have to be non-singular for the steady state to be unique.

Per point: one call of the coefficient function, then :math:`\sum_k m_k M_k` per block (a
matrix product over the whole batch). No sympy, no Kronecker product, no model rebuild.

>>> import sympy as sp
>>> from symbolic_ness.core import Model, Jump, sigma_minus, sigma_x
>>> k, g = sp.symbols("kappa g", positive=True)
>>> c = compile_liouvillian(Model(1, g * sigma_x(), jumps=[Jump(sigma_minus(), k)]))
>>> c.names, c.basis, [len(b) for b in c.blocks]
(('g', 'kappa'), 'pauli', [3, 1])
>>> c.matrix({"g": 1.0, "kappa": 2.0}).toarray().tolist()  # d<I,X,Y,Z>/dt
[[0.0, 0.0, 0.0, 0.0], [0.0, -1.0, 0.0, 0.0], [0.0, 0.0, -1.0, -2.0], [-2.0, 0.0, 2.0, -2.0]]
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping

import numpy as np
import sympy as sp

from .._errors import ParameterError
from ..algebra._linalg import block_split
from ._numeric import lambdify

__all__ = ["CompiledLiouvillian", "compile_liouvillian", "DENSE_MAX"]

DENSE_MAX = 600  # blocks up to this size are stored and solved dense (stacked); larger ones sparse
_ROUND = 1e-14   # relative size of rounding residues set to zero (Hermitian-basis transform only)


def _local_dims(model) -> tuple:
    """Local dimensions of the tensor factors (qubits unless the model says otherwise)."""
    dims = getattr(model, "dims", None)
    if dims:
        return tuple(int(x) for x in dims)
    return (2,) * int(model.n)


def _is_qubit(model) -> bool:
    return all(x == 2 for x in _local_dims(model)) and model.dim == 2 ** len(_local_dims(model))


def _pauli_T(n: int):
    """``(T, W)``: columns vec(P_mu) (column stacking, Pauli order of ``pauli_labels``), W = 2^-n."""
    import scipy.sparse as sps
    P = [np.eye(2), np.array([[0, 1], [1, 0]]), np.array([[0, -1j], [1j, 0]]), np.diag([1.0, -1.0])]
    d = 2 ** n
    cols = []
    for mu in range(4 ** n):
        m = np.ones((1, 1))
        for j in range(n):
            m = np.kron(m, P[(mu >> (2 * (n - 1 - j))) & 3])
        cols.append(m.reshape(-1, order="F"))
    T = sps.csc_matrix(np.array(cols, dtype=complex).T)
    return T, np.full(4 ** n, 1.0 / d)


def _hermitian_T(d: int):
    """``(T, W)`` of the Hermitian matrix units: E_ii, E_ij + E_ji, -i E_ij + i E_ji (i < j)."""
    import scipy.sparse as sps
    rows, cols, vals, w = [], [], [], []
    mu = 0
    for i in range(d):
        for j in range(i, d):
            if i == j:
                rows.append(i + d * i); cols.append(mu); vals.append(1.0); w.append(1.0); mu += 1
                continue
            rows += [i + d * j, j + d * i]; cols += [mu, mu]; vals += [1.0, 1.0]; w.append(0.5); mu += 1
            rows += [i + d * j, j + d * i]; cols += [mu, mu]; vals += [-1j, 1j]; w.append(0.5); mu += 1
    T = sps.csc_matrix((np.array(vals, dtype=complex), (rows, cols)), shape=(d * d, d * d))
    return T, np.array(w)


def _split_terms(dok: Mapping, params: tuple) -> dict:
    """``{f: {(i, j): c}}``: every entry as :math:`\\sum c\\,f(p)` with numbers ``c`` (complex)."""
    real = {sp.conjugate(s): s for s in params}
    out: dict = {}
    for key, v in dok.items():
        v = sp.expand(sp.sympify(v).xreplace(real))
        for term in sp.Add.make_args(v):
            c, f = term.as_independent(*params, as_Add=False) if params else (term, sp.Integer(1))
            cv = complex(c)
            if cv != 0:
                ent = out.setdefault(f, {})
                ent[key] = ent.get(key, 0) + cv
    return out


@dataclass
class _Block:
    idx: np.ndarray          # coordinates of the block
    terms: np.ndarray        # which coefficient functions act on it
    dense: np.ndarray | None  # (K_b, n_b, n_b) coefficient stack (dense blocks)
    pattern: object = None   # CSC pattern (indptr, indices) of sparse blocks
    data: np.ndarray | None = None  # (K_b, nnz) sparse values on the pattern
    trace: np.ndarray | None = None  # trace functional on the block (trace blocks only)

    @property
    def size(self) -> int:
        return len(self.idx)


@dataclass
class CompiledLiouvillian:
    """A model's generator as :math:`M(p)=\\sum_k m_k(p)M_k` (see the module docstring).

    Attributes
    ----------
    names : parameter names, the order of the columns of a point array.
    basis : ``"pauli"`` or ``"hermitian"``.
    dim, dims : Hilbert dimension and local dimensions of the tensor factors.
    functions : the coefficient functions :math:`m_k` (sympy expressions).
    coefficients : the constant matrices :math:`M_k` (scipy.sparse CSR, real or complex).
    blocks : coordinate index arrays of the decoupled blocks; ``trace_blocks`` their positions
        holding the trace.
    T, W : basis matrix (columns vec(G_mu)) and weights: vec(rho) = T W x.

    Examples
    --------
    Driven decay, H = g σx, L = σ−: the Pauli basis splits into the blocks {I, Y, Z} and {X}:

    >>> import sympy as sp
    >>> from symbolic_ness.core import Model, Jump, sigma_minus, sigma_x
    >>> k, g = sp.symbols("kappa g", positive=True)
    >>> c = compile_liouvillian(Model(1, g * sigma_x(), jumps=[Jump(sigma_minus(), k)]))
    >>> c.basis, [b.tolist() for b in c.blocks], c.trace_blocks
    ('pauli', [[0, 2, 3], [1]], [0])
    """

    names: tuple
    symbols: tuple
    basis: str
    dim: int
    dims: tuple
    functions: tuple
    coefficients: list
    blocks: list
    trace_blocks: list
    T: object
    W: np.ndarray
    rates: tuple = ()
    constraints: tuple = ()
    dense_max: int = DENSE_MAX
    _blocks: list = field(default_factory=list, repr=False)
    _fn: object = field(default=None, repr=False)
    _check_fn: object = field(default=None, repr=False)

    # ------------------------------------------------------------ pickling (workers)
    def __getstate__(self):
        d = dict(self.__dict__)
        d["_fn"] = d["_check_fn"] = None  # generated code does not pickle: rebuilt on first use
        return d

    def _function(self):
        if self._fn is None:
            complex_ = any(not (f.is_real or f.is_real is None and not f.has(sp.I)) for f in self.functions)
            self._fn = lambdify(list(self.functions), self.symbols,
                                backend="numpy-complex" if complex_ else "numpy")
        return self._fn

    # ------------------------------------------------------------ points
    def points(self, values) -> np.ndarray:
        """Parameter points as a ``(B, P)`` float array in the order of :attr:`names`.

        ``values``: a mapping ``{name: number or array}`` (broadcast together; every parameter
        needs a value) or a ``(B, P)``/``(P,)`` array. NaN or infinite values raise
        :class:`~symbolic_ness.ParameterError` naming the parameter.
        """
        P = len(self.names)
        if isinstance(values, Mapping):
            byname = {str(k): v for k, v in values.items()}
            extra = sorted(set(byname) - set(self.names))
            if extra:
                raise ParameterError(extra[0], byname[extra[0]], "one of " + ", ".join(self.names) if self.names
                                     else "no parameter (the model has none)")
            missing = [n for n in self.names if n not in byname]
            if missing:
                raise ParameterError(missing[0], None, "a value for every parameter of a numeric solve "
                                     f"(missing: {', '.join(missing)})")
            cols = np.broadcast_arrays(*[np.asarray(byname[n], dtype=float) for n in self.names]) if P else []
            pts = np.stack([np.ravel(c) for c in cols], axis=1) if P else np.zeros((1, 0))
        else:
            pts = np.asarray(values, dtype=float)
            pts = pts.reshape(1, -1) if pts.ndim == 1 else pts
            if pts.ndim != 2 or pts.shape[1] != P:
                raise ParameterError("points", pts.shape, f"an array of shape (B, {P}) ({', '.join(self.names)})")
        bad = ~np.isfinite(pts)
        if bad.any():
            b, j = np.argwhere(bad)[0]
            raise ParameterError(self.names[j], float(pts[b, j]), "a finite real number")
        return pts

    def invalid(self, pts: np.ndarray) -> list:
        """Per point ``""`` or why it is outside the model's domain (sign assumptions of the
        parameters, rates >= 0, declared intervals)."""
        B = len(pts)
        msgs = np.full(B, "", dtype=object)
        for j, s in enumerate(self.symbols):
            col = pts[:, j]
            if s.is_positive:
                bad = col <= 0
                why = f"ParameterError: {s.name} > 0 (a positive parameter)"
            elif s.is_nonnegative:
                bad = col < 0
                why = f"ParameterError: {s.name} >= 0"
            else:
                continue
            if bad.any():
                msgs[bad & (msgs == "")] = why
        checks = self._checks()
        if checks is not None:
            vals = checks[1](*pts.T) if self.names else checks[1]()
            for (kind, expr, lo, hi), v in zip(checks[0], vals):
                v = np.broadcast_to(np.real(v), (B,))
                if kind == "rate":
                    bad = v < 0
                else:
                    bad = np.zeros(B, bool)
                    if lo is not None:
                        bad |= v < float(lo)
                    if hi is not None:
                        bad |= v > float(hi)
                if bad.any():
                    why = (f"ParameterError: rate {expr} >= 0" if kind == "rate"
                           else f"ParameterError: {lo} <= {expr} <= {hi}")
                    msgs[bad & (msgs == "")] = why
        return list(msgs)

    def _checks(self):
        """``(checks, function)``: the rates and constrained expressions, one lambdified function."""
        if self._check_fn is None:
            checks = [("rate", r, None, None) for r in self.rates if r.free_symbols]
            checks += [("range", sp.sympify(sym), lo, hi) for sym, (lo, hi) in self.constraints]
            self._check_fn = (checks, lambdify([c[1] for c in checks], self.symbols)) if checks else ()
        return self._check_fn or None

    def monomials(self, pts: np.ndarray) -> np.ndarray:
        """``(B, K)`` values of the coefficient functions at the points."""
        B = len(pts)
        vals = self._function()(*pts.T) if self.names else self._function()()
        out = np.empty((B, len(self.functions)), dtype=complex if self._fn.backend == "numpy-complex" else float)
        for k, v in enumerate(vals):
            out[:, k] = np.broadcast_to(v, (B,))
        return out

    # ------------------------------------------------------------ matrices
    def block_dense(self, b: int, m: np.ndarray) -> np.ndarray:
        """``(B, n_b, n_b)`` real matrices of block ``b`` at coefficient values ``m`` (B, K)."""
        blk = self._blocks[b]
        mb = m[:, blk.terms]
        n = blk.size
        if blk.dense is not None:
            out = mb @ blk.dense.reshape(len(blk.terms), n * n)
        else:
            import scipy.sparse as sps
            data = mb @ blk.data
            out = np.stack([sps.csc_matrix((dv, blk.pattern[1], blk.pattern[0]), shape=(n, n)).toarray()
                            for dv in data]).reshape(len(m), n * n)
        return np.real(out).reshape(len(m), n, n)

    def block_sparse(self, b: int, m_row: np.ndarray):
        """Block ``b`` at one point (coefficient values ``m_row`` (K,)) as a real CSC matrix."""
        import scipy.sparse as sps
        blk = self._blocks[b]
        n = blk.size
        if blk.data is None:
            return sps.csc_matrix(np.real(np.tensordot(m_row[blk.terms], blk.dense, axes=1)))
        return sps.csc_matrix((np.real(m_row[blk.terms] @ blk.data), blk.pattern[1], blk.pattern[0]), shape=(n, n))

    def matrix(self, values):
        """The full real generator :math:`M(p)` at one point (scipy CSR).

        Parameters
        ----------
        values : mapping or array_like
            One point: ``{name: number}`` or a ``(P,)`` array in the order of ``names``.

        Returns
        -------
        scipy.sparse.csr_matrix
            M(p) = Σ_k m_k(p) M_k, real, in the coordinates x_μ = tr(G_μ ρ).

        Raises
        ------
        ParameterError
            Missing, unknown or non-finite values, or more than one point.

        Examples
        --------
        >>> import sympy as sp
        >>> from symbolic_ness.core import Model, Jump, sigma_minus, sigma_x
        >>> k, g = sp.symbols("kappa g", positive=True)
        >>> c = compile_liouvillian(Model(1, g * sigma_x(), jumps=[Jump(sigma_minus(), k)]))
        >>> c.matrix({"g": 1.0, "kappa": 2.0}).toarray()[3].tolist()  # d<Z>/dt = -κ - κ<Z> + 2g<Y>
        [-2.0, 0.0, 2.0, -2.0]
        """
        import scipy.sparse as sps
        pts = self.points(values)
        if len(pts) != 1:
            raise ParameterError("values", f"{len(pts)} points", "one point")
        m = self.monomials(pts)[0]
        N = self.dim ** 2
        total = sps.csr_matrix((N, N), dtype=complex)
        for c, mk in zip(m, self.coefficients):
            total = total + c * mk
        total = total.real  # M(p) is real: the Liouvillian preserves Hermiticity
        total.eliminate_zeros()
        return total.tocsr()

    def liouvillian(self, values):
        r"""The product-basis (column-stacked) Liouvillian :math:`\mathcal L=TWMT^\dagger` at one
        point (complex CSR), equal to :func:`~symbolic_ness.core.liouvillian_numeric`.

        Parameters
        ----------
        values : mapping or array_like
            One point (as :meth:`matrix`).

        Returns
        -------
        scipy.sparse.csr_matrix
            The complex d² × d² Liouvillian at that point.

        Raises
        ------
        ParameterError
            As :meth:`matrix`.

        Examples
        --------
        >>> import sympy as sp
        >>> from symbolic_ness.core import Model, Jump, sigma_minus, sigma_x, liouvillian_numeric
        >>> k, g = sp.symbols("kappa g", positive=True)
        >>> m = Model(1, g * sigma_x(), jumps=[Jump(sigma_minus(), k)])
        >>> L = compile_liouvillian(m).liouvillian({"g": 1.0, "kappa": 2.0})
        >>> float(abs(L - liouvillian_numeric(m, {"g": 1, "kappa": 2})).max()) < 1e-14
        True
        """
        import scipy.sparse as sps
        M = self.matrix(values)
        return (self.T @ sps.diags(self.W) @ M @ self.T.conj().T).tocsr()

    def density(self, x: np.ndarray, idx: np.ndarray) -> np.ndarray:
        """``(B, d, d)`` density matrices :math:`\\mathrm{vec}\\rho=TWx` from coordinates ``x``
        (B, len(idx)) on the coordinates ``idx`` (the others zero)."""
        d = self.dim
        vec = np.asarray(self.T[:, idx] @ (x * self.W[idx]).T).T
        return vec.reshape(len(x), d, d).transpose(0, 2, 1)


_MEMO: dict = {}


def compile_liouvillian(model, dense_max: int = DENSE_MAX, basis: str = "auto") -> CompiledLiouvillian:
    """Compile ``model`` once into :math:`M(p)=\\sum_k m_k(p)M_k` (see the module docstring).

    Works for any Hilbert dimension: the Pauli basis for qubit models, Hermitian matrix units
    otherwise. The result is memoized per model (the few most recent) and pickles (the
    generated coefficient function is rebuilt on first use in another process).
    ``basis``: ``"auto"`` (Pauli for qubits), ``"pauli"`` or ``"hermitian"``; blocks larger than
    ``dense_max`` are kept sparse.

    Parameters
    ----------
    model : Model
        The open system (any site dimensions).
    dense_max : int, default DENSE_MAX (600)
        Blocks up to this size are stored and solved dense.
    basis : str, default "auto"
        ``"pauli"``, ``"hermitian"`` or ``"auto"``: for qubits the cheaper of the two (smaller
        Σ_b n_b³ over the blocks, Pauli on ties), else Hermitian matrix units.

    Returns
    -------
    CompiledLiouvillian
        The compiled generator.

    Raises
    ------
    ParameterError
        Unknown ``basis``, or ``"pauli"`` for a model that is not made of qubits.

    Examples
    --------
    >>> import sympy as sp
    >>> from symbolic_ness.core import Model, Jump, sigma_minus, sigma_x
    >>> k, g = sp.symbols("kappa g", positive=True)
    >>> c = compile_liouvillian(Model(1, g * sigma_x(), jumps=[Jump(sigma_minus(), k)]))
    >>> c.names, c.dim, len(c.functions)
    (('g', 'kappa'), 2, 2)
    """

    if basis not in ("auto", "pauli", "hermitian"):
        raise ParameterError("basis", basis, "'auto', 'pauli' or 'hermitian'")
    if basis == "pauli" and not _is_qubit(model):
        raise ParameterError("basis", basis, "'hermitian' or 'auto' for a model that is not made of qubits")
    key = (model, dense_max, basis)  # models are immutable and hashable
    hit = _MEMO.get(key)
    if hit is not None:
        return hit
    if basis == "auto":
        # qubits: the basis whose decoupled blocks are cheaper to factorize (sum of n_b^3); the
        # Pauli basis splits Pauli-string symmetries, the matrix units conserved charges
        out = _compile(model, dense_max, "hermitian")
        if _is_qubit(model):
            pauli = _compile(model, dense_max, "pauli")
            if _cost(pauli) <= _cost(out):
                out = pauli
    else:
        out = _compile(model, dense_max, basis)
    if len(_MEMO) >= 8:
        _MEMO.pop(next(iter(_MEMO)))
    _MEMO[key] = out
    return out


def _cost(c: CompiledLiouvillian) -> int:
    return sum(len(b) ** 3 for b in c.blocks)


def _compile(model, dense_max: int, basis: str) -> CompiledLiouvillian:
    import scipy.sparse as sps
    symbols = tuple(model.parameters)
    names = tuple(s.name for s in symbols)
    dims = _local_dims(model)
    d = model.dim
    N = d * d
    if basis == "pauli":
        from ..core._liouvillian import pauli_liouvillian
        basis = "pauli"
        T, W = _pauli_T(len(dims))
        per = _split_terms(pauli_liouvillian(model).todok(), symbols)
        coeffs = []
        for f, ent in per.items():
            r, c = zip(*ent.keys())
            coeffs.append(sps.csr_matrix((np.array(list(ent.values())), (r, c)), shape=(N, N)))
    else:
        from ..core._liouvillian import liouvillian_dok
        basis = "hermitian"
        T, W = _hermitian_T(d)
        per = _split_terms(liouvillian_dok(model), symbols)
        coeffs = []
        TH, TW = T.conj().T.tocsr(), (T @ sps.diags(W)).tocsc()
        for f, ent in per.items():
            r, c = zip(*ent.keys())
            C = sps.csr_matrix((np.array(list(ent.values()), dtype=complex), (r, c)), shape=(N, N))
            Mk = (TH @ C @ TW).tocsr()
            Mk.data[np.abs(Mk.data) <= _ROUND * max(np.abs(Mk.data).max(initial=0.0), 1e-300)] = 0
            Mk.eliminate_zeros()
            coeffs.append(Mk)
    # tr(rho) = sum_mu W_mu tr(G_mu) x_mu
    trace = W * np.real(np.asarray(T[np.arange(d) * (d + 1), :].sum(axis=0)).ravel())
    functions = tuple(per.keys())
    coeffs = [c.real.tocsr() if not np.iscomplexobj(c.data) or not np.abs(c.data.imag).any() else c
              for c in coeffs]
    for c in coeffs:
        c.eliminate_zeros()
    pattern = {}
    for c in coeffs:
        coo = c.tocoo()
        for i, j in zip(coo.row.tolist(), coo.col.tolist()):
            pattern[(i, j)] = 1
    blocks = [np.array(b) for b in block_split(pattern, N)]
    trace_blocks = [k for k, b in enumerate(blocks) if np.any(trace[b] != 0)]
    internal = []
    for k, b in enumerate(blocks):
        sub = [c[b][:, b] for c in coeffs]
        terms = np.array([t for t, s in enumerate(sub) if s.nnz], dtype=int)
        sub = [sub[t] for t in terms]
        n = len(b)
        blk = _Block(b, terms, None, trace=trace[b] if k in trace_blocks else None)
        if n <= dense_max:
            blk.dense = np.stack([s.toarray() for s in sub]) if len(sub) else np.zeros((0, n, n))
        else:
            union = sum((abs(s) for s in sub), sps.csc_matrix((n, n))).tocsc()
            union.sort_indices()
            blk.pattern = (union.indptr.copy(), union.indices.copy())
            ukeys = union.indices.astype(np.int64) + n * np.repeat(np.arange(n), np.diff(union.indptr))
            data = np.zeros((len(sub), union.nnz), dtype=np.result_type(*[x.dtype for x in sub]))
            for t, x in enumerate(sub):
                coo = x.tocoo()
                np.add.at(data[t], np.searchsorted(ukeys, coo.row.astype(np.int64) + n * coo.col), coo.data)
            blk.data = np.array(data)
        internal.append(blk)
    rates = tuple(sp.sympify(r) for r in model.rates()) if hasattr(model, "rates") else ()
    return CompiledLiouvillian(names, symbols, basis, d, dims, functions, coeffs, blocks, trace_blocks, T, W,
                               rates, tuple(getattr(model, "constraints", ())), dense_max, internal)
