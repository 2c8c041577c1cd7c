r"""Permutation-invariant steady states of N identical qubits with all-to-all pair terms.

Input: a :class:`PermutationModel`, i.e. a one-site core :class:`~symbolic_ness.core.Model`
(Hamiltonian, jumps, resets with any symbols; it acts on *every* site) and an optional
two-site model (summed over *all pairs* :math:`i<j`; it must be exchange symmetric), and
optional collective jumps (below):

.. math::

    \mathcal L=\sum_{k=1}^N\mathcal L_1^{(k)}+\sum_{k<l}\mathcal L_2^{(kl)} .

**Symmetric coordinates.** :math:`\mathcal L` commutes with the qubit permutations, so
the permutation-symmetric operators form an invariant subspace. There every Pauli
expectation depends only on the counts :math:`m=(m_I,m_X,m_Y,m_Z)`, :math:`\sum m=N`, of
its string: :math:`x(m)=\langle P\rangle` for any string :math:`P` with those counts
(:math:`\binom{N+3}{3}` coordinates instead of :math:`4^N`).

**Generator from the local models, not from formulas.** With the real Pauli-basis
generators :math:`M_1` (4×4) and :math:`M_2` (16×16) of the two local models (core
:func:`~symbolic_ness.core.pauli_liouvillian`, :math:`\dot x = Mx`), evaluating
:math:`\mathcal L^\dagger` on one representative string with counts :math:`m` gives

.. math::

    \dot x(m)=\sum_{s,t} m_s\,(M_1)_{st}\,x(m-e_s+e_t)
      +\tfrac12\sum_{s,v,t,u} m_s(m_v-\delta_{sv})\,(M_2)_{(sv),(tu)}\,x(m-e_s-e_v+e_t+e_u)

(:math:`m_s(m_v-\delta_{sv})` ordered site pairs carry the labels :math:`(s,v)`; the
factor 1/2 turns ordered pairs into pairs :math:`k<l`, exact because :math:`M_2` is
exchange symmetric). Row :math:`m=(N,0,0,0)` vanishes (trace preservation); the steady
state is the null vector normalised by :math:`x(N,0,0,0)=1`.

**Collective channels.** ``PermutationModel(..., collective=(Jump(o, kappa), ...))`` adds
jump operators :math:`L=\sum_io_i` (e.g. :math:`J_-`). :math:`L` is permutation invariant, so
:math:`\mathcal D[L]` maps symmetric operators to symmetric operators, and it splits exactly
into a one-site and a pair generator (:func:`collective_generators`):

.. math:: \mathcal D\Big[\sum_io_i\Big]=\sum_i\mathcal D[o_i]
   +\sum_{i<j}\big(\mathcal D[o_i+o_j]-\mathcal D[o_i]-\mathcal D[o_j]\big),

so the count coordinates above carry it unchanged (added to :math:`M_1` and :math:`M_2`). We
keep these coordinates rather than PIQS's Dicke :math:`(j,m,m')` elements: both number
:math:`\binom{N+3}3`, but the count generator is assembled from the 4×4 and 16×16 local
matrices with polynomial entries (no Clebsch–Gordan square roots), so the exact solve stays
over :math:`\mathbb Q(\text{params})` and the symbolic null space stays small (N = 10 with
two symbols: 23 s). Collective-only dynamics conserve the total spin: the symmetric null space
then has one vector per total-spin sector, dimension :math:`\lfloor N/2\rfloor+1`, reported
as not unique. U(1)-symmetric models are solved numerically in charge blocks
(:mod:`~symbolic_ness.engines._permutation_u1`). Size limits per method: :data:`MAX_N` (the
count coordinates are ill-conditioned in double precision beyond N ≈ 60).

Methods (``method=``), reported in the result:

``"exact"``  all parameters given as rationals: rank and bordered solve over
    :math:`\mathbb Q` (python-flint, core :func:`~symbolic_ness.algebra.rank_qq` /
    :func:`~symbolic_ness.algebra.solve_qq`); symbols left: null space over
    :math:`\mathbb Q(\text{params})` (core :func:`~symbolic_ness.algebra.nullspace_exact`, its
    modular evaluation–interpolation kernel, certified by :math:`Mw=0` in exact polynomial
    arithmetic), valid for generic parameter values. Residuals are checked exactly.
``"numeric"``  float64 sparse LU of the generator with the trace row replaced by
    :math:`x(N,0,0,0)=1`; the residual :math:`\max|Mx|` is checked
    (:class:`~symbolic_ness._errors.CheckFailedError` above tolerance).
``"auto"``  exact when symbols are left or the dimension is at most
    :data:`EXACT_AUTO_MAX_DIM`, otherwise numeric.

Floats entering the exact method become the rational they print
(``sympy.Rational(repr(x))``): 0.1 is 1/10, and ``Rational(10**15+1, 10**15)`` stays itself.

A non-unique steady state is reported (``unique=False`` with the nullity), never picked.
The nullity is that of the generator *restricted to the symmetric operators*: the full
Liouvillian may have further, non-symmetric steady states (stated in ``assumptions``).

>>> import sympy as sp
>>> from symbolic_ness.core import Model, Jump, sigma_minus, sigma_x, kron
>>> k = sp.Symbol("kappa", positive=True)
>>> pm = PermutationModel(Model(1, sp.zeros(2, 2), jumps=[Jump(sigma_minus(), k)]),
...                       Model(2, kron(sigma_x(), sigma_x())))
>>> ss = permutation_steady_state(pm, 3, {"kappa": 2})
>>> ss.method, ss.nullity, ss.unique, ss.dim
('exact', 1, True, 20)
"""
from __future__ import annotations

import math
import time
from dataclasses import dataclass, field
from fractions import Fraction
from functools import cached_property, lru_cache
from typing import Mapping

import numpy as np
import sympy as sp

from .._cache import cached
from .._errors import CheckFailedError, NotPolynomialError, ParameterError, check_residual, require_int
from ._permutation_basis import _basis_array, _nonzeros, basis_index, pattern_on, permutation_basis
from ..core import Jump, Model, kron, pauli_liouvillian
from ..algebra import (
    PolyMatrix,
    block_split,
    exact_number,
    exact_numbers,
    nullspace_exact,
    nullspace_interpolate,
    rank_qq,
    solve_qq,
)
from ..export import lambdify
from .._log import staged

__all__ = ["PermutationModel", "PermutationSteadyState", "permutation_steady_state", "permutation_basis",
           "permutation_generator", "label_counts", "collective_generators", "basis_index", "MAX_N", "EXACT_AUTO_MAX_DIM", "NUMERIC_NULLITY_MAX_DIM"]

LABELS = "IXYZ"
#: ``method="auto"`` runs the exact rational solve up to this dimension C(N+3,3) (N <= 12)
EXACT_AUTO_MAX_DIM = 500
#: a singular numeric system has its nullity counted by a dense SVD up to this dimension
NUMERIC_NULLITY_MAX_DIM = 1500


# ------------------------------------------------------------------ the model
@dataclass(frozen=True)
class PermutationModel:
    r"""One-site generator on every site plus an exchange-symmetric two-site generator on every pair.

    ``one_site``: core ``Model`` on 1 qubit (H, jumps, resets, normalization); ``two_site``:
    core ``Model`` on 2 qubits or ``None``; its generator must commute with the swap of the
    two sites (checked exactly, :class:`ParameterError` otherwise). On N qubits (N is given
    to the solver, not here) the generator is
    :math:`\mathcal L=\sum_k\mathcal L_1^{(k)}+\sum_{k<l}\mathcal L_2^{(kl)}
    +\sum_c f\kappa_c\mathcal D[\sum_i o_{c,i}]` (:math:`f` of ``one_site``'s normalization).

    Parameters
    ----------
    one_site : Model
        A core model on 1 qubit, acting on every site.
    two_site : Model or None, default None
        A core model on 2 qubits, acting on every pair :math:`k<l`; ``None``: no pair term.
    collective : tuple of Jump, default ()
        Each ``Jump(o, kappa)`` (``o`` 2×2) is the collective jump :math:`L=\sum_i o_i` at rate
        ``kappa``; floats in it become the rationals they print.

    Attributes
    ----------
    generators : tuple of sympy ImmutableMatrix
        ``(M1, M2)``, the 4×4 and 16×16 Pauli-coordinate generators (:math:`\dot x = Mx`).
    parameters : tuple of Symbol
        The free symbols, sorted by name.

    Examples
    --------
    Decay :math:`L=\sigma^-` on every site: :math:`\dot{\langle Z\rangle}=-\kappa-\kappa\langle Z\rangle`
    (last row of ``M1``, Pauli order I, X, Y, Z).

    >>> import sympy as sp
    >>> from symbolic_ness.core import Model, Jump, sigma_minus, sigma_x, kron
    >>> k = sp.Symbol("kappa", positive=True)
    >>> pm = PermutationModel(Model(1, sp.zeros(2, 2), jumps=[Jump(sigma_minus(), k)]),
    ...                       Model(2, kron(sigma_x(), sigma_x())))
    >>> pm.parameters, pm.generators[0], pm.generators[1].shape
    ((kappa,), Matrix([
    [     0,         0,         0,      0],
    [     0, -kappa/2,         0,      0],
    [     0,         0, -kappa/2,      0],
    [-kappa,         0,         0, -kappa]]), (16, 16))

    A pair term that is not exchange symmetric is refused:

    >>> import sympy as sp
    >>> from symbolic_ness.core import Model, sigma_z, kron
    >>> PermutationModel(Model(1, sp.zeros(2, 2)), Model(2, kron(sigma_z(), sp.eye(2))))
    Traceback (most recent call last):
    ...
    symbolic_ness._errors.ParameterError: parameter 'two_site' = 'generator not symmetric under exchange of the two sites' is not allowed; allowed range: a two-site model whose generator commutes with the swap (e.g. H2 = A(x)B + B(x)A)
    """

    one_site: Model
    two_site: Model | None = None
    collective: tuple = ()

    def __post_init__(self):
        if not isinstance(self.one_site, Model) or self.one_site.n != 1:
            raise ParameterError("one_site", getattr(self.one_site, "n", self.one_site), "a core Model on 1 qubit")
        coll = tuple(self.collective)
        for c in coll:
            if not isinstance(c, Jump) or c.operator.shape != (2, 2):
                raise ParameterError("collective", c, "core Jump objects with a 2x2 (single-site) operator op: "
                                     "one collective jump L = sum_i op_i each")
        # floats become the rationals they print (the cross generator is checked exactly below)
        coll = tuple(Jump(exact_numbers(sp.Matrix(c.operator)), exact_numbers(c.rate), c.label) for c in coll)
        object.__setattr__(self, "collective", coll)
        if self.two_site is not None and (not isinstance(self.two_site, Model) or self.two_site.n != 2):
            raise ParameterError("two_site", getattr(self.two_site, "n", self.two_site),
                                 "a core Model on 2 qubits or None")
        M2 = self.generators[1]
        swap = [4 * (a % 4) + a // 4 for a in range(16)]
        if any(sp.expand(M2[swap[a], swap[b]] - M2[a, b]) != 0 for a in range(16) for b in range(16)):
            raise ParameterError("two_site", "generator not symmetric under exchange of the two sites",
                                 "a two-site model whose generator commutes with the swap (e.g. H2 = A(x)B + B(x)A)")

    @cached_property
    def generators(self) -> tuple:
        """``(M1, M2)``: Pauli-coordinate generators (sympy, 4×4 and 16×16) of the local models,
        each collective jump adding its diagonal part to ``M1`` and its cross part to ``M2``
        (:func:`collective_generators`)."""
        M1 = sp.Matrix(pauli_liouvillian(self.one_site))
        M2 = (sp.Matrix(pauli_liouvillian(self.two_site)) if self.two_site is not None else sp.zeros(16, 16))
        for c in self.collective:
            C1, C2 = collective_generators(c.operator, c.rate, self.one_site.normalization)
            M1, M2 = M1 + C1, M2 + C2
        return sp.ImmutableMatrix(M1.applyfunc(sp.expand)), sp.ImmutableMatrix(M2.applyfunc(sp.expand))

    @cached_property
    def parameters(self) -> tuple:
        """Free symbols of the local models and the collective jumps, sorted by name (computed once:
        the model is immutable)."""
        s = set(self.one_site.parameters) | set(self.two_site.parameters if self.two_site else ())
        for c in self.collective:
            s |= set(c.operator.free_symbols) | set(sp.sympify(c.rate).free_symbols)
        return tuple(sorted(s, key=lambda x: x.name))

    def rates(self) -> list:
        """Every rate of the model (the local models' :meth:`~symbolic_ness.core.Model.rates` and the
        collective jumps'), as sympy expressions; each must be >= 0 at a point.

        Returns
        -------
        list

        Examples
        --------
        >>> import sympy as sp
        >>> from symbolic_ness.core import Model, Jump, sigma_minus
        >>> k = sp.Symbol("kappa", positive=True)
        >>> PermutationModel(Model(1, sp.zeros(2, 2)), None, (Jump(sigma_minus(), k),)).rates()
        [kappa]
        """
        return (self.one_site.rates() + (self.two_site.rates() if self.two_site else [])
                + [c.rate for c in self.collective])

    def key(self) -> str:
        """Stable cache key (the local models' keys and the collective jumps in ``srepr``).

        Returns
        -------
        str

        Examples
        --------
        >>> import sympy as sp
        >>> from symbolic_ness.core import Model
        >>> PermutationModel(Model(1, sp.zeros(2, 2))).key().startswith("PermutationModel(")
        True
        """
        out = "PermutationModel(" + self.one_site.key() + "," + (self.two_site.key() if self.two_site else "None")
        if self.collective:
            out += ",collective=[" + ";".join(f"{sp.srepr(sp.ImmutableMatrix(c.operator))}@{sp.srepr(c.rate)}"
                                              for c in self.collective) + "]"
        return out + ")"

    def resolve(self, values: Mapping | None) -> dict:
        """``{symbol: exact value}`` from ``{symbol_or_name: value}``; rates must be >= 0.

        >>> import sympy as sp
        >>> from symbolic_ness.core import Model, Jump, sigma_z
        >>> gam = sp.Symbol("gamma", positive=True)
        >>> PermutationModel(Model(1, sp.zeros(2, 2), jumps=[Jump(sigma_z(), gam)])).resolve({"gamma": 0.5})
        {gamma: 1/2}
        """
        byname = {p.name: p for p in self.parameters}
        out = {}
        for k, v in dict(values or {}).items():
            key = k if isinstance(k, sp.Symbol) and k in self.parameters else byname.get(getattr(k, "name", str(k)))
            if key is None:
                raise ParameterError(str(k), v, "a parameter of the model: " + (", ".join(sorted(byname)) or "none"))
            ev = exact_number(v, key.name)
            if ev.is_number and ev.is_real is False:
                raise ParameterError(key.name, v, "a real number")
            out[key] = ev
        for rate in self.rates():
            rv = out.get(rate, rate) if isinstance(rate, sp.Symbol) else sp.sympify(rate).subs(out)  # a bare symbol: no subs
            if rv.is_number and rv.is_real and rv < 0:
                name = rate.name if isinstance(rate, sp.Symbol) else str(rate)
                raise ParameterError(name, float(rv), f"a rate {rate} >= 0")
        return out


@lru_cache(maxsize=64)
def _collective_generators(op: sp.ImmutableMatrix, rate, normalization: str) -> tuple:
    eye = sp.eye(2)
    zero = sp.zeros(4, 4)
    a, b = kron(op, eye), kron(eye, op)
    M1 = sp.Matrix(pauli_liouvillian(Model(1, sp.zeros(2, 2), jumps=[Jump(op, rate)], normalization=normalization)))
    both = Model(2, zero, jumps=[Jump(a + b, rate)], normalization=normalization)
    apart = Model(2, zero, jumps=[Jump(a, rate), Jump(b, rate)], normalization=normalization)
    M2 = (sp.Matrix(pauli_liouvillian(both)) - sp.Matrix(pauli_liouvillian(apart))).applyfunc(sp.expand)
    return sp.ImmutableMatrix(M1), sp.ImmutableMatrix(M2)


def collective_generators(op, rate, normalization: str = "standard") -> tuple:
    r"""``(M1, M2)``: the collective dissipator :math:`\kappa\mathcal D[L]`, :math:`L=\sum_i o_i`,
    as one-site plus pair generators in Pauli coordinates.

    .. math:: \mathcal D\Big[\sum_i o_i\Big]=\sum_i\mathcal D[o_i]
       +\sum_{i<j}\big(\mathcal D[o_i+o_j]-\mathcal D[o_i]-\mathcal D[o_j]\big),

    since :math:`\mathcal D[\sum_i o_i]\rho=\sum_{i,j}(o_i\rho o_j^\dagger
    -\tfrac12\{o_j^\dagger o_i,\rho\})` splits into its diagonal :math:`i=j` part and the
    cross terms of every pair, each acting on two sites only. The cross part (``M2``) is
    exchange symmetric but not itself a Lindblad generator.

    Parameters
    ----------
    op : 2x2 matrix
        The single-site operator :math:`o` (e.g. ``sigma_minus()`` for :math:`J_-`).
    rate : number or sympy expression
        The rate :math:`\kappa`.
    normalization : str
        ``"standard"`` (:math:`\kappa\mathcal D[L]`) or ``"doubled"`` (twice that).

    Returns
    -------
    tuple
        ``M1``, 4×4, the diagonal part; ``M2``, 16×16, the cross part of every pair (sympy
        matrices in the real Pauli coordinates of core :func:`~symbolic_ness.core.pauli_liouvillian`).

    Examples
    --------
    >>> from symbolic_ness.core import sigma_minus
    >>> M1, M2 = collective_generators(sigma_minus(), 1)
    >>> M1.shape, M2.shape, M2[0, :].is_zero_matrix       # the identity row: trace preserving
    ((4, 4), (16, 16), True)
    """
    op = sp.ImmutableMatrix(op)
    if op.shape != (2, 2):
        raise ParameterError("operator", op.shape, "a 2x2 single-site operator (L = sum_i op_i)")
    return _collective_generators(op, sp.sympify(rate), normalization)


# ------------------------------------------------------- symmetric structure
@lru_cache(maxsize=64)
def _pattern(N: int, nz1: tuple, nz2: tuple) -> tuple:
    """Sparsity pattern (vectorised over the basis): arrays ``(rows, cols, keys, mult2, multf)``,
    entry value ``mult2/2 * K[key]`` (``multf = mult2/2`` as floats), ``K = concat(M1.flat (16),
    M2.flat (256))``; ``mult2`` is ``2 m_s`` (one-site) or ``m_s (m_v - delta_sv)`` (pairs)."""
    return pattern_on(_basis_array(N), N, nz1, nz2)


@lru_cache(maxsize=64)
def _model_nonzeros(pm: PermutationModel) -> tuple:
    return _nonzeros(*pm.generators)


def _structure(pm: PermutationModel, N: int) -> tuple:
    return _pattern(N, *_model_nonzeros(pm))


@lru_cache(maxsize=32)
def _numeric_K(pm: PermutationModel):
    """Vectorised ``K(params)`` (lambdified once per model and process)."""
    M1, M2 = pm.generators
    return lambdify(list(M1) + list(M2), pm.parameters), pm.parameters


def _float_K(pm: PermutationModel, values: Mapping) -> np.ndarray:
    vals = pm.resolve(values)
    missing = [p.name for p in pm.parameters if p not in vals]
    if missing:
        raise ParameterError(missing[0], None, "a value for every parameter of the model for a numeric solve "
                             "(missing: " + ", ".join(missing) + ")")
    f, params = _numeric_K(pm)
    try:
        K = np.asarray(f(*[float(vals[p]) for p in params]), dtype=complex).reshape(-1)
    except TypeError:
        raise ParameterError(params[0].name if params else "values", dict(values), "numeric values") from None
    if np.abs(K.imag).max(initial=0.0) > 1e-12 * max(1.0, np.abs(K).max(initial=0.0)):
        raise ParameterError("values", dict(values), "values that make the Pauli generator real")
    return K.real


def _exact_K(pm: PermutationModel, subs: Mapping) -> list:
    M1, M2 = pm.generators
    return [sp.expand(sp.sympify(k).xreplace(dict(subs))) if subs else sp.sympify(k) for k in list(M1) + list(M2)]


def permutation_generator(pm: PermutationModel, N: int, values: Mapping | None = None, kind: str = "exact"):
    r"""The generator :math:`\dot x=Mx` on the :math:`\binom{N+3}{3}` symmetric coordinates.

    Parameters
    ----------
    pm : PermutationModel
    N : int
        Number of qubits (>= 1).
    values : mapping, optional
        ``{symbol_or_name: value}``; every parameter for ``kind="float"``, any subset for
        ``kind="exact"`` (the others stay symbolic).
    kind : ``"exact"`` or ``"float"``

    Returns
    -------
    dict or scipy.sparse.csr_matrix
        ``kind="exact"``: ``{(row, col): sympy value}`` (nonzero entries, rows and columns in the
        order of :func:`permutation_basis`); ``kind="float"``: a float CSR matrix.

    Examples
    --------
    >>> import sympy as sp
    >>> from symbolic_ness.core import Model, Jump, sigma_z
    >>> pm = PermutationModel(Model(1, sp.zeros(2, 2), jumps=[Jump(sigma_z(), 1)]))
    >>> permutation_generator(pm, 1)        # d<X>/dt = -2<X>, d<Y>/dt = -2<Y>
    {(1, 1): -2, (2, 2): -2}
    """
    N = require_int("N", N, 1)
    rows, cols, keys, mult, multf = _structure(pm, N)
    D = len(permutation_basis(N)[0])
    if kind == "float":
        import scipy.sparse as sps  # numeric path only (scipy is not imported by the exact paths)

        K = _float_K(pm, values or {})
        M = sps.csr_matrix((K[keys] * multf, (rows, cols)), shape=(D, D))
        M.sum_duplicates()
        M.eliminate_zeros()
        return M
    if kind == "exact":
        K = _exact_K(pm, pm.resolve(values))
        if all(k.is_Rational for k in K):  # numbers: exact Fractions, one sympy conversion per entry
            Kf = [Fraction(int(k.p), int(k.q)) for k in K]
            acc: dict = {}
            for i, j, kk, w in zip(rows.tolist(), cols.tolist(), keys.tolist(), mult.tolist()):
                acc[(i, j)] = acc.get((i, j), 0) + Kf[kk] * w
            return {k: sp.Rational(v.numerator, 2 * v.denominator) for k, v in acc.items() if v != 0}
        out: dict = {}
        for i, j, kk, w in zip(rows.tolist(), cols.tolist(), keys.tolist(), mult.tolist()):
            out.setdefault((i, j), []).append(K[kk] * w)
        out = {k: sp.expand(sp.Add(*v) / 2) for k, v in out.items()}
        return {k: v for k, v in out.items() if v != 0}
    raise ParameterError("kind", kind, "'exact' or 'float'")


# ------------------------------------------------------------------ result
@dataclass(frozen=True)
class PermutationSteadyState:
    """Steady state in the permutation-symmetric space (from :func:`permutation_steady_state`).

    The coordinates are the Pauli expectations :math:`x(m)=\\langle P\\rangle` of any string
    :math:`P` with counts :math:`m=(m_I,m_X,m_Y,m_Z)`; :math:`x(N,0,0,0)=\\mathrm{tr}\\rho=1`.

    Attributes
    ----------
    N : number of qubits.
    x : coordinates :math:`x(m)=\\langle P\\rangle` ordered as :func:`permutation_basis`: a
        float numpy array (``"numeric"``), or a tuple of sympy numbers / expressions
        (``"exact"``); ``None`` when not unique.
    method : ``"exact"`` or ``"numeric"`` (what ran).
    nullity : null-space dimension of the generator on the symmetric space.
    unique : ``nullity == 1``.
    residual : :math:`\\max_m|(Mx)(m)|` (0 for exact: checked exactly).
    assumptions : conditions of validity (generic parameters, symmetric sector, tolerance).
    dim : :math:`\\binom{N+3}{3}`.
    values : the exact parameter values used (``{symbol: value}``).
    parameters : the symbols left in ``x``.
    seconds : wall time of the solve.

    Examples
    --------
    Decay at rate 1 and pumping at rate :math:`g` on each of 2 qubits: a product state with
    :math:`\\langle Z\\rangle=(g-1)/(g+1)` and :math:`\\langle ZZ\\rangle=\\langle Z\\rangle^2`.

    >>> import sympy as sp
    >>> from symbolic_ness.core import Model, Jump, sigma_minus, sigma_plus
    >>> g = sp.Symbol("g", positive=True)
    >>> pm = PermutationModel(Model(1, sp.zeros(2, 2), jumps=[Jump(sigma_minus(), 1), Jump(sigma_plus(), g)]))
    >>> ss = permutation_steady_state(pm, 2, {"g": 3})
    >>> ss.method, ss.unique, ss.dim, ss.expectation("Z"), ss.expectation("ZZ")
    ('exact', True, 10, 1/2, 1/4)

    Collective decay :math:`J_-` alone conserves the total spin: not unique (x is ``None``).

    >>> ss = permutation_steady_state(PermutationModel(Model(1, sp.zeros(2, 2)), None, (Jump(sigma_minus(), 1),)), 2)
    >>> ss.unique, ss.nullity, ss.x
    (False, 2, None)
    """

    N: int
    x: object
    method: str
    nullity: int
    unique: bool
    residual: float
    assumptions: tuple
    dim: int
    values: dict = field(default_factory=dict)
    parameters: tuple = ()
    seconds: float = 0.0

    @property
    def exact(self) -> bool:
        return self.method == "exact"

    def expectation(self, counts):
        """:math:`\\langle P\\rangle` for Pauli counts ``(mI, mX, mY, mZ)`` or a label like ``'XXZ'``
        (missing sites are identities).

        Parameters
        ----------
        counts : tuple of 4 int or str
            Pauli counts summing to N, or a Pauli label of at most N letters.

        Returns
        -------
        sympy expression or float
            The expectation of any Pauli string with these counts (they all agree by symmetry).

        Examples
        --------
        >>> import sympy as sp
        >>> from symbolic_ness.core import Model, Jump, sigma_minus
        >>> ss = permutation_steady_state(PermutationModel(Model(1, sp.zeros(2, 2), jumps=[Jump(sigma_minus(), 1)])), 3)
        >>> ss.expectation("ZZ"), ss.expectation((2, 0, 0, 1))      # |111>: <Z Z> = 1, <Z> = -1
        (1, -1)
        """
        if self.x is None:
            raise ParameterError("steady state", f"nullity {self.nullity}", "a unique steady state")
        if isinstance(counts, str):
            counts = label_counts(counts, self.N)
        return self.x[permutation_basis(self.N)[1][tuple(counts)]]


def label_counts(label: str, N: int) -> tuple:
    """``(mI, mX, mY, mZ)`` of a Pauli label padded with identities to N sites.

    Parameters
    ----------
    label : str
        Letters I, X, Y, Z (case-insensitive), at most N of them.
    N : int
        Number of qubits.

    Returns
    -------
    tuple of int

    Examples
    --------
    >>> label_counts("XZ", 4)
    (2, 1, 0, 1)
    """
    label = label.upper()
    c = [label.count(ch) for ch in "XYZ"]
    if len(label) > N or sum(c) + label.count("I") != len(label):
        raise ParameterError("label", label, f"a Pauli string over I, X, Y, Z of length <= {N}")
    return (N - sum(c), *c)


# ------------------------------------------------------------------ solvers
def _assumptions(method: str, params: tuple, extra=()) -> tuple:
    out = ["nullity counted on the permutation-symmetric operators (the full Liouvillian may have "
           "further, non-symmetric steady states)"]
    if method == "exact" and params:
        out.append("generic values of " + ", ".join(p.name for p in params) +
                   " (exact null space over Q(" + ", ".join(p.name for p in params) + "))")
    return tuple(out) + tuple(extra)


def _solve_numeric(pm, N, values, tol):
    import scipy.sparse as sps  # numeric path only
    import scipy.sparse.linalg as spla

    D = len(permutation_basis(N)[0])
    M = permutation_generator(pm, N, values, "float").tocsr()
    if M.indptr[1] != M.indptr[0]:  # float model entries (e.g. 0.3 - 0.3) may leave rounding-level values
        row0 = M.data[M.indptr[0]:M.indptr[1]]
        if np.abs(row0).max() > 1e-13 * max(float(np.abs(M.data).max()), 1.0):
            raise CheckFailedError("trace row of the permutation generator is not zero (generator not trace preserving)")
        M.data[M.indptr[0]:M.indptr[1]] = 0.0
        M.eliminate_zeros()
    # row 0 (d<I..I>/dt) vanishes: border it with x(N,0,0,0) = 1. The bordered matrix is
    # nonsingular exactly when the symmetric null space is one-dimensional.
    A = (M + sps.csr_matrix(([1.0], ([0], [0])), shape=(D, D))).tocsc()
    b = np.zeros(D); b[0] = 1.0
    nullity, extra = 1, []
    try:
        lu = spla.splu(A)
        x = lu.solve(b)
        piv = np.abs(lu.U.diagonal())
        if not np.all(np.isfinite(x)) or piv.min() <= tol * piv.max():  # relative: units never decide
            nullity = 2
    except RuntimeError:
        x, nullity = None, 2
    if nullity != 1:
        if D <= NUMERIC_NULLITY_MAX_DIM:
            s = np.linalg.svd(M.toarray(), compute_uv=False)
            nullity = int(np.sum(s <= tol * s[0]))
        else:
            extra.append(f"nullity >= 2 is a lower bound (not counted above dimension {NUMERIC_NULLITY_MAX_DIM})")
        return None, nullity, float("nan"), extra
    scale = max(float(np.abs(M.data).max(initial=0.0)), 1.0)
    resid = float(np.abs(M @ x).max(initial=0.0))
    check_residual(f"numeric permutation steady state (N = {N})", resid, 1e-8 * scale)
    return x, 1, resid, extra


def _solve_rational(Md: dict, D: int):
    """Exact rank and solution over Q (python-flint)."""
    if any(i == 0 for (i, _) in Md):
        raise CheckFailedError("trace row of the permutation generator is not zero (generator not trace preserving)")
    fr = {k: Fraction(int(v.p), int(v.q)) for k, v in Md.items()}
    rank = rank_qq(fr, D, D)
    if rank != D - 1:
        return None, D - rank
    A = dict(fr)
    A[(0, 0)] = Fraction(1)
    x = solve_qq(A, [1] + [0] * (D - 1), D)
    res = [Fraction(0)] * D
    for (i, j), v in fr.items():
        res[i] += v * x[j]
    if any(v != 0 for v in res):
        raise CheckFailedError("exact permutation steady state failed its residual check M x = 0")
    return tuple(sp.Rational(q.numerator, q.denominator) for q in x), 1


@cached("permutation-exact-field-v2")
def _solve_field(pm: PermutationModel, N: int, subs: tuple):
    """Null space over Q(params), certified exactly; x normalised by x_0.

    Per connected block of the generator: the modular evaluation–interpolation kernel (core
    :func:`~symbolic_ness.algebra.nullspace_interpolate`, certified by :math:`Mw=0` in exact
    polynomial arithmetic; 300x faster than elimination over Q(params) here: 84 coordinates
    with two symbols 0.4 s instead of 117 s), then :math:`x_i=w_i/w_0` reduced by a
    polynomial gcd in python-flint (sympy's ``cancel`` took 90% of the time). The field
    elimination runs instead when an entry is not a polynomial over Q (e.g. radicals)."""
    Md = permutation_generator(pm, N, dict(subs), "exact")
    D = len(permutation_basis(N)[0])
    try:
        found = []
        for idx in block_split(Md, D):
            if len(idx) == 1 and Md.get((idx[0], idx[0]), 0) == 0:
                found.append((idx, None, None))  # an isolated zero coordinate: a null vector
                continue
            pmx = PolyMatrix.from_dok(Md, D, idx)
            found += [(idx, w, pmx) for w in nullspace_interpolate(pmx)]
        if len(found) != 1:
            return None, len(found)
        idx, w, pmx = found[0]
        if w is None or 0 not in idx:
            raise CheckFailedError("the symmetric null vector has zero trace")
        w0 = w[idx.index(0)]
        x = [sp.Integer(0)] * D
        for k, i in enumerate(idx):
            if w[k] == 0:
                continue
            g = w[k].gcd(w0)
            num, den = pmx.to_sympy([[w[k] / g, w0 / g]])[0]
            x[i] = num / den
        return tuple(x), 1
    except NotPolynomialError:
        pass
    basis = nullspace_exact(Md, D)
    if len(basis) != 1:
        return None, len(basis)
    v = basis[0]
    if v[0] == 0:
        raise CheckFailedError("the symmetric null vector has zero trace")
    return tuple(sp.cancel(c / v[0]) for c in v), 1


_METHODS = ("auto", "exact", "numeric")
#: largest N per method (measured, one core): exact over Q (N = 16: 6.5 s, N = 20: 48 s), exact with symbols
#: left (N = 10 with two symbols: 23 s), numeric sparse LU (N = 60: 39711 coordinates, 14 s;
#: the fill grows like N^6: N = 80 took 164 s). U(1)-symmetric models solve in charge blocks (N = 60
#: in 2 s) but hit the same wall: the count coordinates are ill-conditioned in double precision
#: beyond N ~ 60 (laser, charge-0 block: smallest singular value 9e-7 of 3e3 at N = 40, 1.5e-15
#: of 2e4 at N = 100), so a unique state would be reported as singular; not allowed.
MAX_N = {"exact": 20, "symbolic": 12, "numeric": 60, "numeric-u1": 60}


def _check_size(N: int, method: str, symbolic: bool):
    key = "symbolic" if (method == "exact" and symbolic) else method
    lim = MAX_N[key]
    if N > lim:
        what = {"exact": "the exact rational solve", "symbolic": "the exact solve with symbols left",
                "numeric": "the numeric sparse LU", "numeric-u1": "the numeric solve of a U(1)-symmetric model"}[key]
        from ._dicke_basis import DICKE_MAX_N
        alt = (f"; method 'numeric' works up to N = {MAX_N['numeric']}" if key != "numeric"
               else f"; the Dicke basis (dicke_steady_state; evaluate picks it for purity, expectations, "
                    f"pair-negativity, spin-squeezing and emission-rate) goes to N = {DICKE_MAX_N}")
        from .._errors import SizeLimitError
        raise SizeLimitError("N", N, f"N <= {lim} for {what} (C(N+3,3) = {math.comb(N + 3, 3)} symmetric "
                             f"coordinates at N = {N}){alt}")


@staged("permutation engine", lambda pm, N, *a, **k: {"N": N, "method": k.get("method", a[1] if len(a) > 1 else "auto")})
def permutation_steady_state(pm: PermutationModel, N: int, values: Mapping | None = None,
                             method: str = "auto", tol: float = 1e-10) -> PermutationSteadyState:
    """Steady state of ``pm`` on ``N`` qubits in the count coordinates (see the module docstring
    for the methods; the Dicke-basis numeric path for large N is
    :func:`~symbolic_ness.engines.dicke_steady_state`).

    Parameters
    ----------
    pm : PermutationModel
    N : int
        Number of qubits (limits per method: :data:`MAX_N`).
    values : mapping, optional
        ``{symbol_or_name: value}``; may be partial for ``"exact"`` (the remaining symbols stay
        symbolic, the state is then exact over :math:`\\mathbb Q(\\text{params})`).
    method : ``"auto"``, ``"exact"`` or ``"numeric"``
    tol : float
        Relative pivot / singular-value threshold of the numeric method.

    Returns
    -------
    PermutationSteadyState
        With the method that ran, the nullity (``unique=False`` and ``x=None`` when the
        symmetric null space is not one-dimensional) and the residual.

    Examples
    --------
    >>> import sympy as sp
    >>> from symbolic_ness.core import Model, Jump, sigma_minus, sigma_plus
    >>> g = sp.Symbol("g", positive=True)
    >>> pm = PermutationModel(Model(1, sp.zeros(2, 2), jumps=[Jump(sigma_minus(), 1), Jump(sigma_plus(), g)]))
    >>> ss = permutation_steady_state(pm, 2)          # exact, g left symbolic
    >>> ss.method, ss.unique, sp.factor(ss.expectation("Z"))
    ('exact', True, (g - 1)/(g + 1))
    """
    if not isinstance(pm, PermutationModel):
        raise ParameterError("pm", type(pm).__name__, "a PermutationModel")
    N = require_int("N", N, 1)
    if method not in _METHODS:
        raise ParameterError("method", method, "'auto', 'exact' or 'numeric'")
    t0 = time.perf_counter()
    vals = pm.resolve(values)
    left = tuple(p for p in pm.parameters if p not in vals)
    D = math.comb(N + 3, 3)
    if method == "auto":
        method = "exact" if (left or D <= EXACT_AUTO_MAX_DIM) else "numeric"
    from ._permutation_u1 import solve_u1_numeric, u1_symmetric
    u1 = method == "numeric" and u1_symmetric(pm)
    _check_size(N, "numeric-u1" if u1 else method, bool(left))
    if method == "numeric":
        if u1:
            x, nullity, resid, extra = solve_u1_numeric(pm, N, _float_K(pm, values or {}), tol, NUMERIC_NULLITY_MAX_DIM)
        else:
            x, nullity, resid, extra = _solve_numeric(pm, N, values or {}, tol)
        return PermutationSteadyState(N, x, "numeric", nullity, nullity == 1, resid,
                                      _assumptions("numeric", (), (f"numeric tolerance {tol:g}",) + tuple(extra)),
                                      D, vals, (), time.perf_counter() - t0)
    Md = permutation_generator(pm, N, vals, "exact") if not left else None
    if Md is not None and all(v.is_Rational for v in Md.values()):
        x, nullity = _solve_rational(Md, D)
    else:
        x, nullity = _solve_field(pm, N, tuple(sorted(vals.items(), key=lambda kv: kv[0].name)))
        x = tuple(x) if x is not None else None
    return PermutationSteadyState(N, x, "exact", nullity, nullity == 1, 0.0, _assumptions("exact", left), D,
                                  vals, left, time.perf_counter() - t0)
