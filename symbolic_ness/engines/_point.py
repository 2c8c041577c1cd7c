"""Models with checked values, the solver choice and the steady state each quantity reads.

The machinery behind :func:`symbolic_ness.engines.evaluate`, :func:`~symbolic_ness.engines.threshold`
and :func:`~symbolic_ness.engines.closed_form`: a :class:`Point` is a core ``Model`` or a
``PermutationModel`` with exact values (and ``N``); :meth:`Point.state` solves its unique
steady state with the engine :func:`choose_method` picks.
"""
from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any, Mapping

import numpy as np
import sympy as sp

from .._errors import NonUniqueSteadyStateError, ParameterError, check_residual
from ..core import (Jump, Model, PauliSum, Reset, embed, kron, negativity, parse_expression, partial_trace,
                    partial_transpose, pt_eigenvalues, sigma_x, sigma_y, sigma_z, steady_state)
from ._engine_rule import METHODS, explicit_engine
from ._dicke import dicke_steady_state, dicke_supported
from ._permutation import PermutationModel, permutation_steady_state
from ._permutation_states import (FULL_STATE_MAX_N, permutation_density_matrix, permutation_negativity,
                                  permutation_reduced_state)

__all__ = ["Point", "resolve", "require", "choose_method", "DICKE_FROM_N", "DICKE_QUANTITIES", "expand_permutation_model", "negativity_of",
           "not_unique", "check_sites", "check_bipartition", "cut_arg", "operator_arg", "op_text", "MAX_DENSE_N"]

MAX_DENSE_N = FULL_STATE_MAX_N
#: the numeric engine for a symmetric model switches to the Dicke basis above this N (measured CPU
#: time per point, N = 16: cooperative fluorescence 3.9 ms Dicke / 7.2 ms count coordinates, laser
#: 3.6 / 41 ms; the count coordinates stop at N = 60 and keep the small-N quantities of any k qubits)
DICKE_FROM_N = 12
#: quantities the Dicke path gives (collective moments and 1-2 qubit marginals)
DICKE_QUANTITIES = ("purity", "expectation", "pair-negativity", "lambda-min", "spin-squeezing", "emission-rate")


# --------------------------------------------------------------------------- models and values
def _is_perm(model) -> bool:
    return isinstance(model, PermutationModel)


def _check_model(model):
    if not isinstance(model, (Model, PermutationModel)):
        raise ParameterError("model", type(model).__name__, "a core Model or a PermutationModel (load_model)")


def _size(model, values: Mapping, N):
    """``(values, N)`` of a permutation model: ``N`` from the keyword or from the value of the
    model's integer parameter; that parameter (if the coefficients use it) gets ``N``."""
    ints = [p for p in model.parameters if p.is_integer]
    vals = dict(values or {})
    if N is None:
        given = [k for k in vals if getattr(k, "name", str(k)) in {p.name for p in ints}]
        if len(given) == 1:
            N = vals[given[0]]
    if N is None:
        raise ParameterError("N", None, "the number of qubits of the permutation model: N=... (an integer >= 2)")
    try:
        N = int(N)
    except (TypeError, ValueError):
        raise ParameterError("N", N, "an integer number of qubits N >= 2") from None
    if N < 2:
        raise ParameterError("N", N, "an integer number of qubits N >= 2")
    for p in ints:
        if p not in vals and p.name not in vals:
            vals[p] = N
    return vals, N


def resolve(model, values: Mapping | None, N=None) -> tuple:
    """``({symbol: exact value}, N)``: values checked against the model (names or symbols;
    floats become the rationals they print); ``N`` is ``None`` for an explicit model."""
    _check_model(model)
    if _is_perm(model):
        vals, N = _size(model, values, N)
        return model.resolve(vals), N
    return model.validate(values or {}), None


def require(values: dict, symbols, what: str) -> dict:
    """The values of ``symbols`` (every one must be given)."""
    missing = [s.name for s in symbols if s not in values]
    if missing:
        raise ParameterError(missing[0], None, f"a value for every parameter of {what} (missing: {', '.join(missing)})")
    return {s: values[s] for s in symbols}


def choose_method(model, quantity: str, values: Mapping | None = None, method: str = "auto", N=None) -> tuple:
    """``(method, reason)``: the solver that runs for ``quantity`` of ``model`` at ``values``.

    A permutation model uses the permutation-invariant engine: ``"permutation-exact"`` when
    requested, else numeric — in the Dicke basis (``"permutation-dicke"``,
    :func:`~symbolic_ness.engines.dicke_steady_state`) for ``N >`` :data:`DICKE_FROM_N` when the
    quantity needs at most two-qubit marginals (:data:`DICKE_QUANTITIES`) and the model has no
    two-site jumps, in the count coordinates (``"permutation-numeric"``) otherwise; an explicit
    model the exact solve over
    :math:`\\mathbb Q(\\text{free parameters})` when the Liouvillian is small and few symbols
    stay free, else the numeric null space (:func:`explicit_engine`).

    Parameters
    ----------
    model : Model or PermutationModel
        The model.
    quantity : str
        The quantity asked for (e.g. ``"steady-state"``).
    values : mapping or None, default None
        ``{name or symbol: value}`` of the parameters given (the others stay free).
    method : str, default "auto"
        ``"auto"``, ``"exact"`` or ``"numeric"``.

    Returns
    -------
    tuple of str
        ``(method, reason)``.

    Raises
    ------
    ParameterError
        Not a model, or an unknown ``method``.

    Examples
    --------
    >>> import sympy as sp
    >>> from symbolic_ness.core import Model, sigma_z
    >>> choose_method(Model(1, sp.Symbol("h", real=True) * sigma_z()), "steady-state", {})[0]
    'exact'
    """
    _check_model(model)
    if method not in METHODS:
        raise ParameterError("method", method, "auto, exact or numeric")
    if quantity in ("liouvillian-gap", "relaxation-time"):
        return "numeric", "the gap is numeric: eigenvalues of every decoupled block of the full generator"
    if _is_perm(model):
        m = "numeric" if method == "auto" else method
        if m == "numeric" and N is not None and int(N) > DICKE_FROM_N and quantity in DICKE_QUANTITIES \
                and dicke_supported(model):
            return ("permutation-dicke", f"symmetric model (identical qubits), N = {N} > {DICKE_FROM_N}: Dicke-basis "
                    "(j, m, m') numeric solve (well conditioned at large N; quantities from collective moments)")
        return (f"permutation-{m}", "symmetric model (identical qubits): the permutation-invariant engine "
                "(cost polynomial in N)")
    names = {getattr(k, "name", str(k)) for k in (values or {})}
    free = [s.name for s in model.parameters if s.name not in names]
    if not getattr(model, "is_qubits", True):  # sites of any dimension: sizes from the dims
        from ._modelfile_levels import choose_levels_engine
        return choose_levels_engine(tuple(model.dims), quantity, [s for s in model.parameters if s.name not in names],
                                    method)
    eng = explicit_engine(model.n, free, quantity, method)
    if quantity == "threshold" and method == "auto" and eng[0] == "numeric" and len(free) <= 1:
        return _threshold_engine(model, values or {}, eng)
    return eng


#: a threshold in one symbol is solved exactly on 4 qubits, and on 5 when the block the exact
#: engine solves has at most this many unknowns (the 5-site Ising chain with resets: a trace
#: sector of 272, 3 s exact vs > 5 min for the numeric scan; a 5-qubit model without weak
#: symmetries, 1024 unknowns, could take many minutes exactly)
EXACT_THRESHOLD_MAX_UNKNOWNS = 400


def _threshold_engine(model, values, numeric: tuple) -> tuple:
    """``("exact", why)`` for a one-symbol threshold on 4 qubits, or on 5 qubits whose exact solve
    block is small (:func:`~symbolic_ness.core.exact_solve_size` of the model at ``values``);
    otherwise the numeric choice ``numeric``."""
    from ..core import exact_solve_size
    n = model.n
    if n <= 4:
        return "exact", (f"exact threshold in one symbol: certified null vector (4^{n} = {4 ** n} unknowns before "
                         "symmetry sectors), exact reduced state and exact real roots")
    size = exact_solve_size(model.subs(values) if values else model)
    if size <= EXACT_THRESHOLD_MAX_UNKNOWNS:
        return "exact", (f"exact threshold in one symbol: the exact engine solves a block of {size} unknowns "
                         f"(<= {EXACT_THRESHOLD_MAX_UNKNOWNS}; weak symmetries), exact reduced state and real roots")
    return numeric[0], numeric[1] + f" (the exact block has {size} > {EXACT_THRESHOLD_MAX_UNKNOWNS} unknowns)"


def shape_of(model):
    """The ``n`` argument of the core functions: the number of qubits, or the site dimensions."""
    return model.n if getattr(model, "is_qubits", True) else tuple(model.dims)


def sub_shape(shape, sites):
    """The shape of the reduced state on ``sites`` (a qubit count or the kept site dimensions)."""
    return len(sites) if isinstance(shape, int) else tuple(shape[s] for s in sorted(sites))


def expand_permutation_model(pm: PermutationModel, N: int, name: str | None = None,
                             constraints: dict | None = None) -> Model:
    """The explicit ``N``-qubit core :class:`~symbolic_ness.core.Model` of a permutation model:
    the one-site model on every site, the two-site model on every pair :math:`i<j`, each
    collective jump :math:`L = \\sum_i o_i` as one jump (``name``, ``constraints``: of the
    returned model; default name ``<one-site name>-N<N>``).

    H_N = Σ_i h_i + Σ_(i<j) h_ij, jumps L_i and L_ij on every site and pair, resets on every site.

    Parameters
    ----------
    pm : PermutationModel
        The permutation-invariant model.
    N : int
        Number of qubits (at most ``FULL_STATE_MAX_N``).

    Returns
    -------
    Model
        The explicit model.

    Raises
    ------
    ParameterError
        ``N`` too large, or resets in the two-site model.

    Examples
    --------
    >>> import sympy as sp
    >>> from symbolic_ness.core import Model, Jump, sigma_minus, sigma_x, kron
    >>> pm = PermutationModel(Model(1, sp.zeros(2, 2), jumps=[Jump(sigma_minus(), 1)]),
    ...                       Model(2, kron(sigma_x(), sigma_x())))
    >>> m = expand_permutation_model(pm, 3); m.n, len(m.jumps)
    (3, 3)
    """
    if N > MAX_DENSE_N:
        raise ParameterError("N", N, f"N <= {MAX_DENSE_N} for an explicit expansion")
    one, two = pm.one_site, pm.two_site
    H = sp.zeros(2 ** N, 2 ** N)
    for s in range(N):
        H += embed(one.hamiltonian, s, N)
    jumps = [Jump(embed(j.operator, s, N), j.rate, f"{j.label}@{s}") for j in one.jumps for s in range(N)]
    if two is not None:
        if two.resets:
            raise ParameterError("two_site", "resets", "one-site resets (in the one-site model)")
        for a, b in itertools.combinations(range(N), 2):
            H += _embed_pair(two.hamiltonian, a, b, N)
        jumps += [Jump(_embed_pair(j.operator, a, b, N), j.rate, f"{j.label}@{a},{b}") for j in two.jumps
                  for a, b in itertools.combinations(range(N), 2)]
    jumps += [Jump(sum((embed(c.operator, s, N) for s in range(1, N)), embed(c.operator, 0, N)), c.rate, c.label)
              for c in pm.collective]
    resets = [Reset(s, r.state, r.rate) for r in one.resets for s in range(N)]
    return Model(N, H, jumps=tuple(jumps), resets=tuple(resets), normalization=one.normalization,
                 name=name or f"{one.name}-N{N}", constraints=dict(constraints or {}))


def _embed_pair(M4, a: int, b: int, N: int):
    """A two-qubit operator on sites ``a < b`` of ``N`` (through its Pauli expansion)."""
    paulis = [sp.eye(2), sigma_x(), sigma_y(), sigma_z()]
    M4 = sp.Matrix(M4)
    out = sp.zeros(2 ** N, 2 ** N)
    for p, q in itertools.product(range(4), repeat=2):
        c = sp.expand((kron(paulis[p], paulis[q]).H * M4).trace() / 4)
        if c != 0:
            out += c * embed(paulis[p], a, N) * embed(paulis[q], b, N)
    return out


# --------------------------------------------------------------------------- steady states
def _real(v, numeric: bool = False):
    """A real quantity (negativity, expectation of a Hermitian operator): an exact value whose
    radicals only look complex (casus irreducibilis) or a numeric value with a rounding-level
    imaginary part becomes real; a genuinely complex value is returned unchanged. ``numeric``:
    an exact number without symbols becomes a float (evaluated to 30 digits) even when real;
    an expression with symbols is returned as it is."""
    if isinstance(v, sp.Basic):
        if v.free_symbols or (v.is_real and not numeric):
            return v
        c = complex(sp.N(v, 30))
        return float(c.real) if abs(c.imag) <= 1e-20 * max(1.0, abs(c.real)) else c
    c = complex(v)
    return float(c.real) if abs(c.imag) <= 1e-12 * max(1.0, abs(c.real)) else c


def _np(rho, digits: int = 20) -> np.ndarray:
    """A density matrix as a complex numpy array (an exact one evaluated to ``digits`` digits)."""
    if isinstance(rho, np.ndarray):
        return rho.astype(complex)
    return np.array(sp.Matrix(rho).evalf(digits).tolist(), dtype=complex)


@dataclass
class _Dense:
    """A unique steady state as a full density matrix (exact sympy or numeric numpy)."""

    rho: object
    n: int
    method: str
    shape: object = None  # site dimensions (sites of any dimension), else None: n qubits

    def full(self):
        return self.rho

    def sub(self, sites):
        """The shape of the reduced state on ``sites``."""
        return sub_shape(self.shape or self.n, sites)

    def reduced(self, sites):
        return partial_trace(self.rho, sorted(sites), self.shape or self.n) if len(sites) < self.n else self.rho

    def cut_negativity(self, cut):
        return negativity_of(self.rho, cut, self.shape or self.n)


@dataclass
class _Perm:
    """A unique steady state of the permutation-invariant engine."""

    ss: object
    n: int
    method: str

    def sub(self, sites):
        return len(sites)

    def full(self):
        if self.n > MAX_DENSE_N:
            raise ParameterError("N", self.n, f"N <= {MAX_DENSE_N} for a full 2^N density matrix")
        return permutation_density_matrix(self.ss)

    def reduced(self, sites):
        return permutation_reduced_state(self.ss, len(sites))

    def cut_negativity(self, cut):
        return permutation_negativity(self.ss, len(cut))


def negativity_of(rho, sites, n):
    """Negativity of ``rho`` for ``sites`` | rest: exact through the core when the state is exact
    (PT eigenvalues in radicals), else from the numeric eigenvalues."""
    if isinstance(rho, np.ndarray):
        return negativity(rho, list(sites), n)
    try:
        return negativity(sp.Matrix(rho), list(sites), n)
    except RuntimeError:  # characteristic polynomial not solvable in radicals: numeric eigenvalues
        return negativity(_np(rho), list(sites), n)


def not_unique(model, nullity: int) -> NonUniqueSteadyStateError:
    return NonUniqueSteadyStateError(
        f"the steady state of {getattr(model, 'name', None) or 'the model'} is not unique at these parameter values: "
        f"null-space dimension {nullity}", nullity=nullity)


@dataclass
class Point:
    """A model with checked values and the requested method (what each quantity function gets)."""

    model: Any
    values: dict
    method: str
    N: int | None = None
    residual: float | None = None  # of the last steady state solved

    @property
    def symmetric(self) -> bool:
        return _is_perm(self.model)

    @property
    def n(self) -> int:
        return self.N if self.symmetric else self.model.n

    @property
    def label(self) -> str:
        m = self.model.one_site if self.symmetric else self.model
        return m.name or "the model"

    def explicit(self) -> Model:
        """The explicit model (a permutation model expanded to its N qubits)."""
        return expand_permutation_model(self.model, self.N) if self.symmetric else self.model

    def engine(self, quantity: str) -> tuple:
        return choose_method(self.model, quantity, self.values, self.method, self.N)

    def state(self, quantity: str):
        """The unique steady state (``_Dense`` or ``_Perm``); NonUniqueSteadyStateError otherwise."""
        eng, _ = self.engine(quantity)
        if eng.startswith("permutation"):
            rest = require(self.values, self.model.parameters, "the model")
            if eng == "permutation-dicke":
                ss = dicke_steady_state(self.model, self.N, values=rest)
            else:
                ss = permutation_steady_state(self.model, self.N, values=rest, method=eng.split("-", 1)[1])
            if not ss.unique:
                raise not_unique(self.model.one_site, ss.nullity)
            ran = ss.method if str(ss.method).startswith("permutation") else f"permutation-{ss.method}"
            self.residual = ss.residual
            return _Perm(ss, self.N, ran)
        model = self.model
        base = eng.split("-")[0]
        sv = require(self.values, model.parameters, "the model")
        ss = steady_state(model, sv, method=base)
        if not ss.unique:
            raise not_unique(model, ss.nullity)
        if base == "numeric":
            scale = max([1.0] + [abs(float(v)) for v in sv.values()])
            check_residual(f"numeric steady state of {self.label}", ss.residual, 1e-8 * scale)
        self.residual = 0.0 if base == "exact" else ss.residual
        return _Dense(ss.rho, model.n, eng, None if getattr(model, "is_qubits", True) else tuple(model.dims))


# --------------------------------------------------------------------------- arguments
def check_sites(sites, key: str, n: int, count=None, shown=None) -> list:
    """Distinct site numbers in 0..n-1 (``count`` of them, or not all of them); ``shown``: the
    value named in the error (default: ``sites``).

    Parameters
    ----------
    sites : int or sequence of int
        The sites given.
    key : str
        The parameter name used in errors.
    n : int
        Number of sites.
    count : int or None, default None
        Required number of sites (``None``: any, but not all).
    shown : object, default None
        The value shown in errors (``None``: ``sites``).

    Returns
    -------
    list of int
        The sites.

    Raises
    ------
    ParameterError
        Not integers, repeated, out of range, wrong count or all sites.

    Examples
    --------
    >>> check_sites((0, 2), "sites", 3), check_sites(1, "sites", 3)
    ([0, 2], [1])
    >>> check_sites((0, 1, 2), "sites", 3)
    Traceback (most recent call last):
    ...
    symbolic_ness._errors.ParameterError: parameter 'sites' = (0, 1, 2) is not allowed; allowed range: distinct sites (not all of them) in 0..2
    """
    shown = sites if shown is None else shown
    try:
        sites = [int(s) for s in ([sites] if isinstance(sites, (int, np.integer)) else sites)]
    except (TypeError, ValueError):
        raise ParameterError(key, shown, "site numbers, e.g. (0, 1)") from None
    if not sites or len(set(sites)) != len(sites) or any(not 0 <= s < n for s in sites) \
            or (count is not None and len(sites) != count) or len(sites) >= n and count is None:
        what = f"{count} distinct sites" if count else "distinct sites (not all of them)"
        raise ParameterError(key, shown, f"{what} in 0..{n - 1}")
    return sites


def check_bipartition(k, n: int) -> int:
    """A bipartition of ``n`` identical qubits: ``k`` of them versus the other ``n - k``.

    Parameters
    ----------
    k : int
        Size of part A.
    n : int
        Number of qubits.

    Returns
    -------
    int
        k, with 1 ≤ k ≤ n − 1.

    Raises
    ------
    ParameterError
        ``k`` is not an integer in 1..n − 1.

    Examples
    --------
    >>> check_bipartition(2, 4)
    2
    >>> check_bipartition(4, 4)
    Traceback (most recent call last):
    ...
    symbolic_ness._errors.ParameterError: parameter 'cut' = 4 is not allowed; allowed range: an integer 1 <= k <= 3 (k qubits versus N - k)
    """
    try:
        k = int(k)
    except (TypeError, ValueError):
        raise ParameterError("cut", k, f"an integer 1 <= k <= {n - 1}") from None
    if not 1 <= k <= n - 1:
        raise ParameterError("cut", k, f"an integer 1 <= k <= {n - 1} (k qubits versus N - k)")
    return k


def cut_arg(pt: Point, cut) -> list:
    """The sites of subsystem A: explicit models a list of sites (default ``[0]``), permutation
    models ``k`` qubits versus N - k (default 1; any ``k`` sites by symmetry)."""
    n = pt.n
    if pt.symmetric:
        return list(range(check_bipartition(1 if cut is None else (len(cut) if isinstance(cut, (list, tuple)) else cut), n)))
    return check_sites([0] if cut is None else cut, "cut", n)


def operator_arg(pt: Point, op, allow_free: bool = False) -> tuple:
    """``(PauliSum with the values substituted, generic)``; ``generic``: symmetric sums over
    sites ``_i`` and pairs ``_i _j``; parameters without a value only with ``allow_free``."""
    if op is None:
        raise ParameterError("op", None, 'an operator expression, e.g. op="X0*Z1"')
    if isinstance(op, str):
        text = op
        symbols = {p.name: p for p in pt.model.parameters}
        dims = None if getattr(pt.model, "is_qubits", True) or pt.symmetric else tuple(pt.model.dims)
        op = parse_expression(text, symbols, key="op", generic_sites=pt.symmetric and ("_i" in text or "_j" in text),
                              dims=dims)
    if isinstance(op, sp.Basic):  # a number: the identity times it
        if getattr(pt.model, "is_qubits", True) or pt.symmetric:
            op = PauliSum.scalar(op)
        else:
            from ._modelfile_levels import level_scalar
            op = level_scalar(op)
    op = op.subs(pt.values)
    if op.free_symbols and not allow_free:
        raise ParameterError("op", op_text(op), "an operator whose parameters all have values")
    return op, any(isinstance(s, str) for s in op.sites())


def op_text(op) -> str:
    """A Pauli sum written as it is typed, e.g. ``X0*Z5 + 1/2*Y1`` (for messages).

    >>> op_text(PauliSum({((0, "X"), (5, "Z")): 1, ((1, "Y"),): sp.Rational(1, 2)}))
    'X0*Z5 + 1/2*Y1'
    """
    if isinstance(op, str):
        return op
    parts = []
    for key, c in op.terms.items():
        lab = "*".join(f"{p}{s}" if isinstance(s, int) else f"{p}_{s}" for s, p in key)
        parts.append(lab if c == 1 and lab else f"{c}*{lab}" if lab else str(c))
    return " + ".join(parts) or "0"


def _trace(rho, op, m):
    """tr(rho op) on a reduced state of shape ``m`` (qubit count or site dimensions)."""
    if isinstance(rho, np.ndarray):
        return complex(np.trace(rho @ op.numeric(m, {})))
    return sp.expand((sp.Matrix(rho) * op.matrix(m)).trace())
