r"""Batched numeric steady states and quantities on a compiled Liouvillian.

:func:`steady_states` solves many parameter points in one call on the
:class:`~symbolic_ness.export.CompiledLiouvillian` :math:`M(p)=\sum_k m_k(p)M_k`:

* the **trace block** :math:`M_b` (the decoupled block holding :math:`\mathrm{tr}\rho`) with one
  of its rows replaced by the trace functional :math:`t` (the rows of :math:`M_b` are dependent:
  :math:`t^TM_b=0`), scaled to the block's norm: :math:`A=M_b+e_r(s\,t-M_b^{(r)})`,
  :math:`Ax=s\,e_r`. :math:`A` is non-singular iff the null space of :math:`M_b` is one-dimensional.
* every **other block** must be non-singular for a unique steady state; it is factorized too
  (no solve).

Blocks up to :data:`~symbolic_ness.export.DENSE_MAX`: stacked dense LU solves over the whole batch
(``numpy.linalg.solve``, LAPACK ``gesv`` in one call); larger blocks: SuperLU
(``scipy.sparse.linalg.splu``) per point with the column ordering (COLAMD) computed at the first
point and reused.

**Status from the same factorization**: each matrix is first divided by its largest entry (so the
test does not depend on units) and solved with a second, fixed random right-hand side :math:`z`
in the same factorization; :math:`\kappa\ge\|A\|_1\|A^{-1}z\|_1/\|z\|_1` (a lower bound of the
condition number, within a small factor of it with high probability) gives ``rcond``
:math:`=1/\kappa` (the minimum over the blocks). A point with ``rcond <= tol`` is **not unique**
(status 1): no value is given (NaN), and its null-space dimension is then measured by an SVD of
the blocks (only at those points). Points outside the model's domain (a positive parameter
:math:`\le0`, a negative rate, a declared interval) have status 2; NaN or infinite values raise
:class:`~symbolic_ness.ParameterError` naming the parameter.

>>> import numpy as np, sympy as sp
>>> from symbolic_ness.core import Model, Jump, sigma_minus, sigma_x, sigma_z
>>> k, g = sp.symbols("kappa g", nonnegative=True)
>>> m = Model(1, g * sigma_x(), jumps=[Jump(sigma_minus(), k)])
>>> res = steady_states(m, {"kappa": [0.0, 1.0, 2.0], "g": 1.0})
>>> res.status.tolist(), res.nullity.tolist()  # kappa = 0: no dissipation, not unique
([1, 0, 0], [2, 1, 1])
>>> z = res.expectation(np.diag([1.0, -1.0]))  # <sigma_z> = -kappa^2 / (kappa^2 + 8 g^2)
>>> bool(np.isnan(z[0])), np.allclose(z[1:], [-1 / 9, -4 / 12])
(True, True)
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

import numpy as np

from ._compiled import CompiledLiouvillian, compile_liouvillian

__all__ = ["BatchedSteadyStates", "steady_states", "LiouvillianGap", "liouvillian_gap", "STATUS",
           "batched_partial_transpose", "batched_partial_trace"]

STATUS = ("ok", "not unique", "outside the domain", "solver failed")
CHUNK = 512  # points per stacked solve (at most)
CHUNK_ENTRIES = 4_000_000  # ... and at most this many matrix entries per stacked block


def _compiled(model_or_compiled) -> CompiledLiouvillian:
    if isinstance(model_or_compiled, CompiledLiouvillian):
        return model_or_compiled
    return compile_liouvillian(model_or_compiled)


# ----------------------------------------------------------------- factorizations
@lru_cache(maxsize=64)
def _probe(n: int) -> np.ndarray:
    """The fixed random right-hand side of the condition estimate (standard normal, seed 0)."""
    z = np.random.default_rng(0).standard_normal(n)
    z.flags.writeable = False
    return z


def _rcond(A_norm1: np.ndarray, y: np.ndarray, z: np.ndarray) -> np.ndarray:
    r"""``1 / (||A||_1 ||A^{-1} z||_1 / ||z||_1)``: the reciprocal of a lower bound of the
    condition number, within a small factor of it with high probability (random ``z``)."""
    with np.errstate(all="ignore"):
        rc = np.abs(z).sum() / (A_norm1 * np.abs(y).sum(axis=-1))
    return np.where(np.isfinite(rc), rc, 0.0)


def _dense_factor(A: np.ndarray, rhs: np.ndarray | None):
    """``(rcond (B,), solution (B, n) or None)`` for the stack ``A`` (already norm-scaled): one
    LU per matrix (LAPACK ``gesv`` over the stacked batch) with two right-hand sides, the
    pinned one and the probe of the condition estimate."""
    B, n, _ = A.shape
    if n == 0:
        return np.ones(B), (np.zeros((B, 0)) if rhs is not None else None)
    z = _probe(n)
    R = np.empty((B, n, 2 if rhs is not None else 1))
    R[:, :, 0] = z
    if rhs is not None:
        R[:, :, 1] = rhs
    norm1 = np.abs(A).sum(axis=1).max(axis=1)
    try:
        X = np.linalg.solve(A, R)
    except np.linalg.LinAlgError:  # an exactly singular matrix in the batch: point by point
        X = np.full_like(R, np.nan)
        for b in range(B):
            try:
                X[b] = np.linalg.solve(A[b], R[b])
            except np.linalg.LinAlgError:
                pass
    rc = _rcond(norm1, X[:, :, 0], z)
    return rc, (X[:, :, 1] if rhs is not None else None)


def _sparse_factor(mats: list, rhs: np.ndarray | None, state: dict):
    """SuperLU per point (the column ordering of the first point reused through ``state``),
    the same two right-hand sides as :func:`_dense_factor`."""
    import scipy.sparse.linalg as spla
    B = len(mats)
    n = mats[0].shape[0]
    z = _probe(n)
    rc = np.zeros(B)
    x = np.full((B, n), np.nan) if rhs is not None else None
    for b, A in enumerate(mats):
        A = A.tocsc()
        norm1 = abs(A).sum(axis=0).max()
        try:
            if "col" not in state:
                lu = spla.splu(A, permc_spec="COLAMD")
                state["col"] = lu.perm_c.copy()
                col = None
            else:
                col = state["col"]
                inv = np.empty(n, dtype=int)
                inv[col] = np.arange(n)
                lu = spla.splu(A[:, inv].tocsc(), permc_spec="NATURAL")
            R = np.stack([z, rhs[b]], axis=1) if rhs is not None else z[:, None]
            Y = lu.solve(R)
            if col is not None:  # solution of A[:, inv] y = r is x[inv] = y
                X = np.empty_like(Y)
                X[inv] = Y
                Y = X
        except RuntimeError:  # exactly singular
            continue
        rc[b] = _rcond(norm1, Y[:, 0], z)
        if rhs is not None:
            x[b] = Y[:, 1]
    return rc, x


# ----------------------------------------------------------------- results
@dataclass
class BatchedSteadyStates:
    r"""Steady states at ``B`` points (arrays over the batch; see the module docstring).

    Attributes
    ----------
    names : parameter names (columns of ``points``).
    points : ``(B, P)`` parameter values.
    rho : ``(B, d, d)`` complex density matrices (NaN where ``status != 0``).
    status : ``(B,)`` codes into :data:`STATUS` (0 ok, 1 not unique, 2 outside the domain).
    message : per point ``""`` or why it has no value.
    nullity : 1 where unique; the null-space dimension (SVD) where not; -1 outside the domain.
    rcond : reciprocal condition estimate of the norm-scaled factorized blocks (their minimum).
    residual : :math:`\|\mathcal L\,\mathrm{vec}\rho\|_2`.
    method : what ran.
    dims : local dimensions (partial transposes and traces).

    Examples
    --------
    >>> import sympy as sp
    >>> from symbolic_ness.core import Model, Jump, sigma_minus, sigma_x
    >>> k, g = sp.symbols("kappa g", positive=True)
    >>> m = Model(1, g * sigma_x(), jumps=[Jump(sigma_minus(), k)])
    >>> res = steady_states(m, {"kappa": [1.0, 2.0], "g": 1.0})
    >>> res.ok.tolist(), res.nullity.tolist(), res.rho.shape
    ([True, True], [1, 1], (2, 2, 2))
    """

    names: tuple
    points: np.ndarray
    rho: np.ndarray
    status: np.ndarray
    message: list
    nullity: np.ndarray
    rcond: np.ndarray
    residual: np.ndarray
    method: str
    dims: tuple

    @property
    def ok(self) -> np.ndarray:
        return self.status == 0

    def _mask(self, v):
        v = np.asarray(v, dtype=float)
        v[~self.ok] = np.nan
        return v

    def expectation(self, op) -> np.ndarray:
        r""":math:`\mathrm{Re}\,\mathrm{tr}(\rho O)` at every point (``op``: ``d × d`` array).

        Parameters
        ----------
        op : array_like
            A d × d operator O.

        Returns
        -------
        numpy.ndarray
            ``(B,)`` values, NaN where ``status != 0``.

        Examples
        --------
        >>> import sympy as sp
        >>> from symbolic_ness.core import Model, Jump, sigma_minus, sigma_x
        >>> k, g = sp.symbols("kappa g", positive=True)
        >>> m = Model(1, g * sigma_x(), jumps=[Jump(sigma_minus(), k)])
        >>> z = steady_states(m, {"kappa": 2.0, "g": 1.0}).expectation(np.diag([1.0, -1.0]))
        >>> z.tolist()  # <σz> = −κ²/(κ² + 8g²)
        [-0.333...]
        """
        op = np.asarray(op, dtype=complex)
        return self._mask(np.real(np.einsum("bij,ji->b", self.rho, op)))

    def purity(self) -> np.ndarray:
        r""":math:`\mathrm{tr}\rho^2=\sum_{ij}|\rho_{ij}|^2`.

        Returns
        -------
        numpy.ndarray
            ``(B,)`` values, NaN where ``status != 0``.

        Examples
        --------
        >>> import sympy as sp
        >>> from symbolic_ness.core import Model, Jump, sigma_minus, embed
        >>> res = steady_states(Model(2, sp.zeros(4, 4), jumps=[Jump(embed(sigma_minus(), i, 2), 1) for i in range(2)]), {})
        >>> res.purity().tolist()
        [1.0]
        """
        return self._mask(np.einsum("bij,bij->b", self.rho, self.rho.conj()).real)

    def reduced(self, keep: Sequence[int]) -> np.ndarray:
        """``(B, d_A, d_A)`` reduced states on the sites ``keep`` (in the order given).

        Parameters
        ----------
        keep : sequence of int
            The sites kept, in the order of the result.

        Returns
        -------
        numpy.ndarray
            ``(B, d_A, d_A)`` stack of tr_rest ρ.

        Examples
        --------
        Two decaying qubits end in ``|11⟩``; each qubit is in ``|1⟩``:

        >>> import sympy as sp
        >>> from symbolic_ness.core import Model, Jump, sigma_minus, embed
        >>> res = steady_states(Model(2, sp.zeros(4, 4), jumps=[Jump(embed(sigma_minus(), i, 2), 1) for i in range(2)]), {})
        >>> res.reduced([1])[0].real.tolist()
        [[0.0, 0.0], [0.0, 1.0]]
        """
        return batched_partial_trace(self.rho, keep, self.dims)

    def pt_eigenvalues(self, sites: Sequence[int], keep: Sequence[int] | None = None) -> np.ndarray:
        """``(B, d)`` ascending eigenvalues of the partial transpose on ``sites`` (of the reduced
        state on ``keep`` when given; ``sites`` then index into ``keep``)."""
        rho, dims = self.rho, self.dims
        if keep is not None:
            rho, dims = self.reduced(keep), tuple(self.dims[k] for k in keep)
        pt = batched_partial_transpose(np.nan_to_num(rho), sites, dims)
        return np.linalg.eigvalsh(pt)

    def negativity(self, sites: Sequence[int], keep: Sequence[int] | None = None) -> np.ndarray:
        r"""Negativity :math:`\sum_{\lambda<0}|\lambda(\rho^{T_A})|` (``sites`` = A).

        Parameters
        ----------
        sites : sequence of int
            Part A (0-indexed; indices into ``keep`` when given).
        keep : sequence of int or None, default None
            Reduce to these sites first.

        Returns
        -------
        numpy.ndarray
            ``(B,)`` values, NaN where ``status != 0``.

        Examples
        --------
        Two independently decaying qubits end in the product state ``|11⟩``:

        >>> import sympy as sp
        >>> from symbolic_ness.core import Model, Jump, sigma_minus, embed
        >>> two = Model(2, sp.zeros(4, 4), jumps=[Jump(embed(sigma_minus(), i, 2), 1) for i in range(2)])
        >>> steady_states(two, {}).negativity([0]).tolist()
        [0.0]
        """
        ev = self.pt_eigenvalues(sites, keep)
        return self._mask(0.0 - np.where(ev < 0, ev, 0.0).sum(axis=1))

    def lambda_min(self, sites: Sequence[int], keep: Sequence[int] | None = None) -> np.ndarray:
        r"""Smallest eigenvalue of :math:`\rho^{T_A}`.

        Parameters
        ----------
        sites : sequence of int
            Part A (0-indexed; indices into ``keep`` when given).
        keep : sequence of int or None, default None
            Reduce to these sites first.

        Returns
        -------
        numpy.ndarray
            ``(B,)`` values, NaN where ``status != 0``.

        Examples
        --------
        >>> import sympy as sp
        >>> from symbolic_ness.core import Model, Jump, sigma_minus, embed
        >>> res = steady_states(Model(2, sp.zeros(4, 4), jumps=[Jump(embed(sigma_minus(), i, 2), 1) for i in range(2)]), {})
        >>> res.lambda_min([0]).tolist()
        [0.0]
        """
        return self._mask(self.pt_eigenvalues(sites, keep)[:, 0])


def batched_partial_transpose(rho: np.ndarray, sites: Sequence[int], dims: Sequence[int]) -> np.ndarray:
    """Partial transpose on ``sites`` of a stack ``(B, d, d)`` (local dimensions ``dims``).

    Parameters
    ----------
    rho : numpy.ndarray
        ``(B, d, d)`` stack of operators.
    sites : sequence of int
        The transposed sites A.
    dims : sequence of int
        Local dimensions (Π dims = d).

    Returns
    -------
    numpy.ndarray
        ``(B, d, d)`` stack of ρ^{T_A}.

    Examples
    --------
    >>> bell = np.zeros((1, 4, 4)); bell[0][np.ix_([0, 3], [0, 3])] = 0.5
    >>> np.linalg.eigvalsh(batched_partial_transpose(bell, [0], (2, 2)))[0].tolist()
    [-0.5, 0.5, 0.5, 0.5]
    """
    n = len(dims)
    B, d = rho.shape[0], rho.shape[1]
    t = rho.reshape((B,) + tuple(dims) * 2)
    perm = list(range(2 * n + 1))
    for s in sites:
        perm[1 + s], perm[1 + n + s] = perm[1 + n + s], perm[1 + s]
    return t.transpose(perm).reshape(B, d, d)


def batched_partial_trace(rho: np.ndarray, keep: Sequence[int], dims: Sequence[int]) -> np.ndarray:
    """Reduced states on ``keep`` of a stack ``(B, d, d)`` (local dimensions ``dims``).

    Parameters
    ----------
    rho : numpy.ndarray
        ``(B, d, d)`` stack of operators.
    keep : sequence of int
        The sites kept, in the order of the result.
    dims : sequence of int
        Local dimensions (Π dims = d).

    Returns
    -------
    numpy.ndarray
        ``(B, d_A, d_A)`` stack of tr_rest ρ.

    Examples
    --------
    >>> bell = np.zeros((1, 4, 4)); bell[0][np.ix_([0, 3], [0, 3])] = 0.5
    >>> batched_partial_trace(bell, [1], (2, 2))[0].tolist()
    [[0.5, 0.0], [0.0, 0.5]]
    """
    n = len(dims)
    keep = list(keep)
    B = rho.shape[0]
    t = rho.reshape((B,) + tuple(dims) * 2)
    letters = "abcdefghijklmnopqrstuvwxyz"
    rows = [letters[i] for i in range(n)]
    cols = [letters[i] if i not in keep else letters[n + i].upper() for i in range(n)]
    out = "Z" + "".join(rows[k] for k in keep) + "".join(cols[k] for k in keep)
    dA = int(np.prod([dims[k] for k in keep]))
    return np.einsum("Z" + "".join(rows) + "".join(cols) + "->" + out, t).reshape(B, dA, dA)


def _nullity_svd(c: CompiledLiouvillian, m_row: np.ndarray, tol: float) -> int:
    """Null-space dimension of :math:`M(p)` at one point: SVD of every block (norm-scaled)."""
    total = 0
    for b, blk in enumerate(c._blocks):
        if blk.size == 0:
            continue
        A = c.block_dense(b, m_row[None, :])[0] if blk.size <= 2000 else None
        if A is None:  # very large block: only the uniqueness verdict is known
            total += 1
            continue
        scale = np.abs(A).max()
        if scale == 0:
            total += blk.size
            continue
        s = np.linalg.svd(A / scale, compute_uv=False)
        total += int(np.sum(s <= tol))
    return total


def _prepare(model, values):
    """``(compiled, points, invalid messages, status, indices of the valid points)``: the points
    checked against the model's domain (status 2 where a value is outside it, else 0)."""
    c = _compiled(model)
    pts = c.points(values)
    msgs = c.invalid(pts)
    status = np.array([2 if m else 0 for m in msgs], dtype=np.int8)
    return c, pts, msgs, status, np.nonzero(status == 0)[0]


def steady_states(model, values, tol: float = 1e-10) -> BatchedSteadyStates:
    """Steady states of ``model`` (a core model or a :class:`CompiledLiouvillian`) at many points.

    ``values``: ``{name: number or array}`` (broadcast together) or a ``(B, P)`` array in the
    order of ``compiled.names``; ``tol``: the ``rcond`` at or below which a point is reported
    not unique. See the module docstring for the method and the status codes.

    Per point the trace block is solved with one row replaced by the trace: (M_b + e_r(s t − M_b^(r))) x = s e_r.

    Parameters
    ----------
    model : Model or CompiledLiouvillian
        The open system (compiled once, memoized).
    values : mapping or array_like
        ``{name: number or array}`` (broadcast together) or a ``(B, P)`` array in the order of
        ``compile_liouvillian(model).names``.
    tol : float, default 1e-10
        Points with rcond ≤ tol are reported not unique.

    Returns
    -------
    BatchedSteadyStates
        States, status, nullity, rcond and residual per point.

    Raises
    ------
    ParameterError
        Missing, unknown or non-finite parameter values.

    Examples
    --------
    >>> import sympy as sp
    >>> from symbolic_ness.core import Model, Jump, sigma_minus, sigma_x
    >>> k, g = sp.symbols("kappa g", positive=True)
    >>> m = Model(1, g * sigma_x(), jumps=[Jump(sigma_minus(), k)])
    >>> res = steady_states(m, {"kappa": [1.0, 2.0], "g": 1.0})
    >>> res.status.tolist(), float(res.residual.max()) < 1e-12
    ([0, 0], True)
    """
    c, pts, msgs, status, good = _prepare(model, values)
    B = len(pts)
    d = c.dim
    rho = np.full((B, d, d), np.nan, dtype=complex)
    rcond = np.full(B, np.nan)
    residual = np.full(B, np.nan)
    nullity = np.where(status == 2, -1, 1).astype(np.int64)
    kinds = set()
    if len(c.trace_blocks) != 1:
        status[good] = 1
        for i in good:
            msgs[i] = f"not unique: the trace is carried by {len(c.trace_blocks)} decoupled blocks"
            nullity[i] = max(len(c.trace_blocks), 2)
        good = good[:0]
    if len(good):
        m = c.monomials(pts[good])
        piv_all = np.empty(len(good))
        res_all = np.empty(len(good))
        x = np.empty((len(good), c._blocks[c.trace_blocks[0]].size))
        nmax = max([b.size for b in c._blocks if b.size <= c.dense_max] + [1])
        chunk = max(1, min(CHUNK, CHUNK_ENTRIES // (nmax * nmax)))
        for s0 in range(0, len(good), chunk):  # chunks: the stacked arrays stay small (in cache)
            sl = slice(s0, s0 + chunk)
            piv_all[sl], x[sl], res_all[sl] = _solve_chunk(c, m[sl], kinds)
        rcond[good] = piv_all
        bad = ~(piv_all > tol) | ~np.all(np.isfinite(x), axis=1)
        idx = c._blocks[c.trace_blocks[0]].idx
        ok = good[~bad]
        if len(ok):
            rho[ok] = c.density(x[~bad], idx)
            residual[ok] = res_all[~bad]
        for j in np.nonzero(bad)[0]:
            i = good[j]
            status[i] = 1
            nullity[i] = max(_nullity_svd(c, m[j], tol), 2)
            msgs[i] = f"not unique: null-space dimension {nullity[i]} (condition estimate 1/{1 / max(piv_all[j], 1e-300):.1e})"
    method = (f"batched {' + '.join(sorted(kinds)) or 'none'} on the trace-pinned block "
              f"({c._blocks[c.trace_blocks[0]].size if c.trace_blocks else 0} of {d * d} coordinates, "
              f"{c.basis} basis) + {len(c.blocks) - 1} other blocks")
    return BatchedSteadyStates(c.names, pts, rho, status, msgs, nullity, rcond, residual, method, c.dims)


def _solve_chunk(c: CompiledLiouvillian, m: np.ndarray, kinds: set):
    """``(rcond, x, residual)`` at the points with coefficient values ``m`` (G, K)."""
    G = len(m)
    piv_all = np.full(G, np.inf)  # smallest rcond over the blocks
    tb = c.trace_blocks[0]
    x = res = None
    for b, blk in enumerate(c._blocks):
        n = blk.size
        is_trace = b == tb
        rhs = None
        if n <= c.dense_max:
            A = c.block_dense(b, m)
            if is_trace:  # row r := s0 t (s0 = the block's largest entry), t.x = 1
                M0 = A.copy()
                r = int(np.nonzero(blk.trace)[0][0])
                s0 = np.abs(A).max(axis=(1, 2))
                s0 = np.where(s0 > 0, s0, 1.0)
                A[:, r, :] = blk.trace[None, :] * s0[:, None]
            scale = np.abs(A).max(axis=(1, 2))
            scale = np.where(scale > 0, scale, 1.0)
            A /= scale[:, None, None]
            if is_trace:
                rhs = np.zeros((G, n))
                rhs[:, r] = s0 / scale
            piv, xb = _dense_factor(A, rhs)
            kinds.add("stacked dense LU")
            if is_trace:
                Mx = np.einsum("bij,bj->bi", M0, np.nan_to_num(xb))
        else:
            mats, r = [], int(np.nonzero(blk.trace)[0][0]) if is_trace else -1
            rhs = np.zeros((G, n)) if is_trace else None
            for g in range(G):
                S = c.block_sparse(b, m[g])
                if is_trace:
                    s0 = max(abs(S).max(), 1e-300)
                    S = S.tolil()
                    S[r, :] = blk.trace * s0
                    S = S.tocsc()
                scale = max(abs(S).max(), 1e-300)
                mats.append((S / scale).tocsc())
                if is_trace:
                    rhs[g, r] = s0 / scale
            piv, xb = _sparse_factor(mats, rhs, {})
            kinds.add("sparse LU (SuperLU, ordering reused)")
            if is_trace:
                Mx = np.stack([c.block_sparse(b, m[g]) @ np.nan_to_num(xb[g]) for g in range(G)])
        piv_all = np.minimum(piv_all, piv)
        if is_trace:
            x = xb
            w = c.W[blk.idx]
            res = np.sqrt(np.einsum("bi,bi->b", Mx * w, Mx))  # ||L vec rho||_2 = ||W^(1/2) M x||_2
    return piv_all, x, res


# ----------------------------------------------------------------- the Liouvillian gap
@dataclass
class LiouvillianGap:
    r"""Slowest nonzero decay rate :math:`\Delta=-\max\{\mathrm{Re}\,\lambda\ne0\}` of the **full**
    generator and the relaxation time :math:`\tau=1/\Delta`, per point (NaN where not unique;
    ``status``: codes into :data:`STATUS`, 3 where the sparse eigenvalue solver failed).

    Attributes
    ----------
    names : tuple of str
        Parameter names.
    points : numpy.ndarray
        ``(B, P)`` parameter values.
    gap : numpy.ndarray
        Δ per point.
    relaxation_time : numpy.ndarray
        τ = 1/Δ.
    status : numpy.ndarray
        Codes into STATUS.
    message : list of str
        Why a point has no value.
    method : str
        What ran.

    Examples
    --------
    >>> import sympy as sp
    >>> from symbolic_ness.core import Model, Jump, sigma_minus, sigma_x
    >>> k, g = sp.symbols("kappa g", positive=True)
    >>> m = Model(1, g * sigma_x(), jumps=[Jump(sigma_minus(), k)])
    >>> r = liouvillian_gap(m, {"kappa": 2.0, "g": [1.0, 0.0]})  # g = 0 is outside g > 0
    >>> r.gap.tolist(), r.status.tolist()  # Δ = κ/2 (the X coherence; the others decay at 3κ/4)
    ([1.0, nan], [0, 2])
    """

    names: tuple
    points: np.ndarray
    gap: np.ndarray
    relaxation_time: np.ndarray
    status: np.ndarray
    message: list
    method: str


def _gap_chunk(c: CompiledLiouvillian, m: np.ndarray, tol: float, sparse_k: int):
    """``(slowest Re lambda != 0, extra zero eigenvalues, failure messages)`` at the points ``m``."""
    G = len(m)
    slow = np.full(G, -np.inf)
    zeros = np.zeros(G, dtype=int)
    failed = [""] * G
    for b, blk in enumerate(c._blocks):
        if blk.size == 0:
            continue
        if blk.size <= c.dense_max:
            A = c.block_dense(b, m)
            scale = np.abs(A).max(axis=(1, 2))
            ev = np.linalg.eigvals(A)
        else:
            import scipy.sparse.linalg as spla
            ev_list, scale = [], np.empty(G)
            k = min(sparse_k, blk.size - 2)
            for g in range(G):
                S = c.block_sparse(b, m[g])
                scale[g] = abs(S).max()
                try:
                    ev_list.append(spla.eigs(S, k=k, sigma=1e-3 * max(scale[g], 1e-300),
                                             return_eigenvectors=False))
                except (RuntimeError, ArithmeticError, spla.ArpackError) as exc:
                    ev_list.append(np.full(k, np.nan + 0j))
                    failed[g] = f"shift-invert eigenvalues of a block of {blk.size} failed: {exc}"[:200]
            ev = np.array(ev_list)
        near0 = np.abs(ev) <= tol * np.where(scale > 0, scale, 1.0)[:, None]
        if c.trace_blocks and b == c.trace_blocks[0]:
            j = np.argmin(np.abs(ev), axis=1)
            near0[np.arange(G), j] = False
            ev = ev.copy()
            ev[np.arange(G), j] = -np.inf
        zeros += near0.sum(axis=1)
        re = np.where(near0, -np.inf, ev.real)
        slow = np.maximum(slow, re.max(axis=1))
    return slow, zeros, failed


def liouvillian_gap(model, values, tol: float = 1e-10, sparse_k: int = 8) -> LiouvillianGap:
    r"""The Liouvillian gap at many points.

    The eigenvalues of :math:`M(p)` are those of its decoupled blocks (all of them: the gap needs
    the whole generator, not only the steady-state block). Dense blocks: all eigenvalues
    (``numpy.linalg.eigvals`` on the stacked batch). Blocks larger than ``dense_max``: the
    ``sparse_k`` eigenvalues nearest 0 (ARPACK shift-invert) — the gap is then the slowest of
    those, exact when the slowest mode is among the ``sparse_k`` eigenvalues of smallest modulus.
    The steady state's eigenvalue 0 (the one nearest 0 in the trace block) is removed; another
    eigenvalue with :math:`|\lambda|\le` ``tol`` :math:`\|M_b\|` means a non-unique steady state
    (status 1, NaN).

    Parameters
    ----------
    model : Model or CompiledLiouvillian
        The open system (compiled once, memoized).
    values : mapping or array_like
        ``{name: number or array}`` (broadcast together) or a ``(B, P)`` array in the order of
        ``compile_liouvillian(model).names``.
    tol : float, default 1e-10
        Relative size below which a second eigenvalue counts as 0 (not unique).
    sparse_k : int, default 8
        Eigenvalues computed per large (sparse) block.

    Returns
    -------
    LiouvillianGap
        Δ = −max{Re λ ≠ 0} and τ = 1/Δ per point.

    Raises
    ------
    ParameterError
        Missing, unknown or non-finite parameter values.

    Examples
    --------
    >>> import sympy as sp
    >>> from symbolic_ness.core import Model, Jump, sigma_minus
    >>> k = sp.Symbol("kappa", positive=True)
    >>> r = liouvillian_gap(Model(1, sp.zeros(2, 2), jumps=[Jump(sigma_minus(), k)]), {"kappa": [1.0, 4.0]})
    >>> r.gap.tolist(), r.relaxation_time.tolist()  # coherences decay at kappa/2
    ([0.5, 2.0], [2.0, 0.5])
    """
    c, pts, msgs, status, good = _prepare(model, values)
    B = len(pts)
    gap = np.full(B, np.nan)
    if len(good):
        m_all = c.monomials(pts[good])
        G = len(good)
        slow = np.full(G, -np.inf)
        zeros = np.zeros(G, dtype=int)
        failed = [""] * G
        nmax = max([blk.size for blk in c._blocks if blk.size <= c.dense_max] + [1])
        chunk = max(1, min(CHUNK, CHUNK_ENTRIES // (nmax * nmax)))
        for s0 in range(0, G, chunk):
            sl = slice(s0, min(s0 + chunk, G))
            slow[sl], zeros[sl], failed[sl] = _gap_chunk(c, m_all[sl], tol, sparse_k)
        bad = np.array([bool(f) for f in failed])
        g_ok = (zeros == 0) & (len(c.trace_blocks) == 1) & ~bad
        gap[good[g_ok]] = -slow[g_ok]
        for j in np.nonzero(~g_ok)[0]:
            if bad[j]:
                status[good[j]], msgs[good[j]] = 3, failed[j]
                continue
            status[good[j]] = 1
            msgs[good[j]] = f"not unique: {zeros[j] + 1} eigenvalues 0 of the Liouvillian"
    with np.errstate(divide="ignore"):
        tau = 1.0 / gap
    method = ("eigenvalues of every decoupled block of the full generator (dense: all; "
              f"> {c.dense_max}: the {sparse_k} nearest 0, shift-invert)")
    return LiouvillianGap(c.names, pts, gap, tau, status, msgs, method)
