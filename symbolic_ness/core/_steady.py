r"""Steady states: exact (symbolic or exact-rational) and numeric null spaces.

Method as an argument, status in the result: :func:`steady_state` returns a
:class:`SteadyState` carrying the null-space dimension, uniqueness, the
residual :math:`\|\mathcal L\,\mathrm{vec}\rho\|_2` and the assumptions used.
A non-unique steady state is reported (``unique=False``, ``basis`` holds the
null-space states), never silently picked.

Methods
-------
``"exact"``
    Null space of the real Pauli-basis generator :math:`M` (see
    :mod:`symbolic_ness.core._liouvillian`) with sympy's ``DomainMatrix`` over the
    rational-function field of the parameters (python-flint ground types when
    available). Valid for *generic* parameter values: the result lists the
    factored denominators, where the solution may fail.
``"numeric"`` / ``"dense"`` / ``"sparse"``
    Float null space of the column-stacked Liouvillian: SVD (dense) or an LU
    solve with the trace constraint plus shift-invert eigenvalues near 0
    (sparse). ``"numeric"`` picks dense for :math:`4^n\le 1024`.

>>> import sympy as sp
>>> from symbolic_ness import Model, Jump, sigma_minus
>>> k = sp.Symbol("kappa", positive=True)
>>> ss = steady_state(Model(1, sp.zeros(2, 2), jumps=[Jump(sigma_minus(), k)]))
>>> ss.rho, ss.nullity, ss.unique
(Matrix([
[0, 0],
[0, 1]]), 1, True)
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

import numpy as np
import scipy.sparse as sps
import scipy.sparse.linalg as spla
import sympy as sp

from .._cache import cached
from .._errors import NonUniqueSteadyStateError, ParameterError
from ._liouvillian import _pauli_string_dok, liouvillian_numeric, pauli_liouvillian
from ._model import Model
from ._linalg import nullspace_exact, nullspace_numeric
from ._polys import factor, factor_list

__all__ = ["SteadyState", "steady_state", "exact_nullspace", "pauli_to_density"]


@dataclass(frozen=True)
class SteadyState:
    """Result of a steady-state solve.

    Attributes
    ----------
    rho : the steady state (sympy Matrix for exact methods, numpy array for
        numeric), or ``None`` when not unique.
    nullity : dimension of the null space of :math:`\\mathcal L`.
    unique : ``nullity == 1``.
    residual : :math:`\\|\\mathcal L\\,\\mathrm{vec}\\rho\\|_2` (0 exactly for exact methods).
    method : the method used.
    assumptions : human-readable assumptions (e.g. generic parameters).
    denominators : factored denominators of the exact solution (exact only).
    basis : null-space density-matrix basis when not unique.
    expectations : Pauli-string expectation values ``{label: <P>}`` (exact).
    """

    rho: Any
    nullity: int
    unique: bool
    residual: float
    method: str
    assumptions: tuple = ()
    denominators: tuple = ()
    basis: tuple = ()
    expectations: dict = field(default_factory=dict)

    @property
    def status(self) -> str:
        return "unique" if self.unique else f"non-unique (null-space dimension {self.nullity})"

    def require_unique(self):
        """Return ``rho`` or raise :class:`NonUniqueSteadyStateError`."""
        if not self.unique:
            raise NonUniqueSteadyStateError(
                f"steady state is not unique: null space of L has dimension {self.nullity}")
        return self.rho


def pauli_to_density(x, n: int) -> sp.Matrix:
    r""":math:`\rho=2^{-n}\sum_\mu x_\mu P_\mu` as an exact matrix."""
    d = 2 ** n
    re: dict = {}
    im: dict = {}
    for mu, xm in enumerate(x):
        if xm == 0:
            continue
        for (i, j), v in _pauli_string_dok(mu, n).items():
            tgt = re if v.is_real else im
            tgt[(i, j)] = tgt.get((i, j), 0) + (v if v.is_real else v / sp.I) * xm
    rho = sp.zeros(d, d)
    for key in set(re) | set(im):
        rho[key] = _complex_entry(sp.sympify(re.get(key, 0)) / d, sp.sympify(im.get(key, 0)) / d)
    return rho


def _complex_entry(a, b):
    """``a + i b`` for real rational functions a, b, as one factored fraction.

    Factoring is done over the integers on the real and imaginary parts
    separately (python-flint), never over the Gaussian integers.
    """
    a, b = factor(a), factor(b)
    if b == 0 or a == 0:
        return a + sp.I * b
    na, da = sp.fraction(a)
    nb, db = sp.fraction(b)
    den = sp.lcm(da, db)
    pa = sp.expand(na * sp.cancel(den / da))
    pb = sp.expand(nb * sp.cancel(den / db))
    content = sp.gcd(pa, pb)
    num = sp.expand(sp.cancel(pa / content)) + sp.I * sp.expand(sp.cancel(pb / content))
    cc, fc = factor_list(content)
    cd, fd = factor_list(den)
    return sp.Mul(cc / cd, *[f ** m for f, m in fc], num, *[f ** (-m) for f, m in fd])


@cached("exact_nullspace")
def exact_nullspace(model: Model) -> list:
    """Exact null-space basis of the Pauli-basis generator, as lists of expressions.

    Solved block by block (connected components of the sparsity pattern) by
    :func:`~symbolic_ness.core.nullspace_exact`; each basis vector is divided by the
    gcd of its entries.
    """
    M = pauli_liouvillian(model)
    return nullspace_exact(M.todok(), M.shape[0])


@cached("exact_steady_state")
def _exact_unique(model: Model):
    """``(x, rho, denominators)`` of a unique exact steady state (cached on disk)."""
    vec = exact_nullspace(model)[0]
    if vec[0] == 0:
        raise RuntimeError("null vector has zero trace: not a density matrix")
    x = [factor(v / vec[0]) for v in vec]
    dens = set()
    for v in x:
        for f in sp.Mul.make_args(sp.denom(v)):
            base = f.as_base_exp()[0]
            if not base.is_number:
                dens.add(base)
    return x, pauli_to_density(x, model.n), tuple(sorted(dens, key=sp.default_sort_key))


def _exact(model: Model) -> SteadyState:
    basis = exact_nullspace(model)
    n = model.n
    assumptions = ("generic values of " + ", ".join(str(p) for p in model.parameters),
                   "parameter symbols carry their sympy assumptions (rates positive)")
    from ._liouvillian import pauli_labels
    labels = pauli_labels(n)
    if len(basis) != 1:
        states = []
        for vec in basis:
            tr = vec[0]
            states.append(pauli_to_density([v / tr for v in vec], n) if tr != 0 else pauli_to_density(vec, n))
        return SteadyState(None, len(basis), False, 0.0, "exact", assumptions, (), tuple(states))
    x, rho, dens = _exact_unique(model)
    ex = {lab: v for lab, v in zip(labels, x) if v != 0}
    # the residual M x = 0 was verified exactly in the rational-function field
    return SteadyState(sp.Matrix(rho), 1, True, 0.0, "exact", assumptions, tuple(dens), (), ex)


# ------------------------------------------------------------------- numeric
def _numeric(model: Model, values: Mapping, method: str, tol: float) -> SteadyState:
    L = liouvillian_numeric(model, values)
    d = model.dim
    D = d * d
    if method == "numeric":
        method = "dense" if D <= 1024 else "sparse"
    if method == "dense":
        vecs, _ = nullspace_numeric(L.toarray(), tol)
        nullity = vecs.shape[1]
    elif method == "sparse":
        # trace row replacement + LU; nullity from eigenvalues closest to 0
        tr = sps.csr_matrix((np.ones(d), (np.zeros(d, int), np.arange(d) * (d + 1))), shape=(1, D))
        A = sps.vstack([tr, L[1:]]).tocsc()
        b = np.zeros(D, complex); b[0] = 1
        try:
            v = spla.spsolve(A, b)
            ok = np.all(np.isfinite(v))
        except RuntimeError:
            ok = False
        k = min(4, D - 2)
        scale = max(abs(L).sum(axis=0).max(), 1.0)
        try:
            ev = spla.eigs(L.tocsc(), k=k, sigma=1e-9 * scale, return_eigenvectors=False)
            nullity = int(np.sum(np.abs(ev) <= tol * scale))
        except Exception:
            nullity = 1 if ok else 0
        vecs = v.reshape(D, 1) if ok else np.zeros((D, 0))
        if not ok:
            nullity = max(nullity, 2)
    else:
        raise ParameterError("method", method, "'exact', 'numeric', 'dense' or 'sparse'")
    if nullity != 1:
        states = []
        for k in range(vecs.shape[1]):
            r = vecs[:, k].reshape(d, d, order="F")
            t = np.trace(r)
            states.append(r / t if abs(t) > 1e-12 else r)
        return SteadyState(None, nullity, False, float("nan"), method,
                           ("numeric tolerance %g" % tol,), (), tuple(states))
    rho = vecs[:, 0].reshape(d, d, order="F")
    rho = rho / np.trace(rho)
    rho = (rho + rho.conj().T) / 2
    resid = float(np.linalg.norm(L @ rho.reshape(D, order="F")))
    return SteadyState(rho, 1, True, resid, method, ("numeric tolerance %g" % tol,))


def steady_state(model: Model, values: Mapping | None = None, method: str = "exact",
                 tol: float = 1e-10) -> SteadyState:
    """Steady state of ``model`` (optionally at parameter ``values``).

    ``method``: ``"exact"`` (symbolic in the remaining parameters; with all
    parameters given, exact rationals), ``"numeric"``, ``"dense"`` or ``"sparse"``.
    """
    if method == "exact":
        m = model.subs(values) if values else model
        return _exact(m)
    if method in ("numeric", "dense", "sparse"):
        return _numeric(model, values or {}, method, tol)
    raise ParameterError("method", method, "'exact', 'numeric', 'dense' or 'sparse'")
