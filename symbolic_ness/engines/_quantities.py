r"""One library call per question on any model: :func:`evaluate`.

``evaluate(model, quantity, values, method="auto", **options)`` works on an explicit core
:class:`~symbolic_ness.core.Model` and on a :class:`~symbolic_ness.engines.PermutationModel`
(``N`` identical qubits: pass ``N=``), e.g. as returned by
:func:`~symbolic_ness.engines.load_model` for a model file. The solver is chosen by
:func:`choose_method` and reported in the :class:`QuantityResult` (``method`` is what ran).

Quantities (:data:`QUANTITIES`, name → function; a new quantity is one entry there):

============================  ===================================================================
``steady-state``              :math:`\rho_{ss}` (sympy matrix when exact, numpy array when numeric)
``purity``                    :math:`\mathrm{tr}\rho^2`
``negativity``                :math:`\mathcal N` of ``cut`` (sites of A; symmetric: ``k`` qubits vs N-k)
``log-negativity``            :math:`\log_2(2\mathcal N+1)`
``pair-negativity``           :math:`\mathcal N` of the reduced two-qubit state of ``pair=(i, j)``
``lambda-min``                smallest eigenvalue of that pair state's partial transpose
``expectation``               :math:`\langle O\rangle` for ``op`` (PauliSum or text such as ``"X0*Z1"``;
                              symmetric: ``Z_i`` sums over sites, ``Z_i*Z_j`` over pairs)
``spectrum``                  Liouvillian eigenvalues (complex, sorted by decreasing real part)
``exceptional-points``        exceptional points of the Liouvillian (parameters without a value
                              stay symbolic), as dicts
``threshold``                 intervals of ``scan`` where the state is entangled (see
                              :func:`symbolic_ness.engines.threshold`)
============================  ===================================================================

A steady state that is not unique is reported (``unique=False``, ``nullity``, ``value=None``),
never picked.

>>> import sympy as sp
>>> from symbolic_ness.core import Model, Jump, Reset, projector, sigma_z, kron
>>> g, r = sp.symbols("g r", positive=True)
>>> m = Model(2, g * kron(sigma_z(), sigma_z()), resets=[Reset(k, projector("+"), r) for k in (0, 1)])
>>> res = evaluate(m, "negativity", {"g": 1, "r": 1})
>>> res.method, res.unique, res.value
('exact', True, 1/10)
"""
from __future__ import annotations

import inspect
import itertools
import math
from dataclasses import dataclass
from typing import Any, Callable, Mapping

import numpy as np
import sympy as sp

from .._errors import NonUniqueSteadyStateError, ParameterError, check_residual
from ..core import (Jump, Model, PauliSum, Reset, embed, kron, liouvillian_numeric, liouvillian_spectrum, negativity,
                    parse_expression, partial_trace, partial_transpose, pt_eigenvalues, sigma_x, sigma_y, sigma_z,
                    steady_state)
from ._engine_rule import METHODS, explicit_engine
from ._permutation import PermutationModel, permutation_steady_state
from ._permutation_states import (FULL_STATE_MAX_N, permutation_density_matrix, permutation_negativity,
                                  permutation_reduced_state)

__all__ = ["QuantityResult", "evaluate", "choose_method", "QUANTITIES", "expand_permutation_model",
           "quantity_names", "liouvillian_blocks"]

MAX_DENSE_N = FULL_STATE_MAX_N


@dataclass(frozen=True)
class QuantityResult:
    """What :func:`evaluate` returns.

    ``value``: the quantity (``None`` when the steady state is not unique); ``method``: the
    solver that ran (e.g. ``"exact"``, ``"numeric"``, ``"permutation-numeric"``,
    ``"numeric-bisection"``); ``nullity``/``unique``: dimension of the Liouvillian's null
    space and whether the steady state is unique (``None`` for quantities that solve no steady
    state: ``spectrum``, ``exceptional-points``); ``reason``: why this solver was chosen;
    ``residual``: max-norm residual of a numeric steady state (0 when exact).
    """

    quantity: str
    value: Any
    method: str
    nullity: int | None = 1
    unique: bool | None = True
    reason: str = ""
    residual: float | None = None


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


def choose_method(model, quantity: str, values: Mapping | None = None, method: str = "auto") -> tuple:
    """``(method, reason)``: the solver that runs for ``quantity`` of ``model`` at ``values``.

    A permutation model uses the permutation-invariant engine (``"permutation-numeric"`` unless
    ``"exact"`` is requested); an explicit model the exact solve over
    :math:`\\mathbb Q(\\text{free parameters})` when the Liouvillian is small and few symbols
    stay free, else the numeric null space (:func:`explicit_engine`).

    >>> import sympy as sp
    >>> from symbolic_ness.core import Model, sigma_z
    >>> choose_method(Model(1, sp.Symbol("h", real=True) * sigma_z()), "steady-state", {})[0]
    'exact'
    """
    _check_model(model)
    if method not in METHODS:
        raise ParameterError("method", method, "auto, exact or numeric")
    if _is_perm(model):
        m = "numeric" if method == "auto" else method
        return (f"permutation-{m}", "symmetric model (identical qubits): the permutation-invariant engine "
                "(cost polynomial in N)")
    names = {getattr(k, "name", str(k)) for k in (values or {})}
    free = [s.name for s in model.parameters if s.name not in names]
    return explicit_engine(model.n, free, quantity, method)


def expand_permutation_model(pm: PermutationModel, N: int) -> Model:
    """The explicit ``N``-qubit core :class:`~symbolic_ness.core.Model` of a permutation model:
    the one-site model on every site, the two-site model on every pair :math:`i<j`.

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
    resets = [Reset(s, r.state, r.rate) for r in one.resets for s in range(N)]
    return Model(N, H, jumps=tuple(jumps), resets=tuple(resets), normalization=one.normalization,
                 name=f"{one.name}-N{N}")


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
def _num(v):
    """A scalar (sympy or numpy) as a Python float/complex."""
    c = complex(sp.N(v, 20)) if isinstance(v, sp.Basic) else complex(v)
    return c.real if abs(c.imag) <= 1e-13 * max(1.0, abs(c.real)) else c


def _real(v):
    """A real quantity (negativity, expectation of a Hermitian operator): an exact value whose
    radicals only look complex (casus irreducibilis) or a numeric value with a rounding-level
    imaginary part becomes real; a genuinely complex value is returned unchanged."""
    if isinstance(v, sp.Basic):
        if v.is_real:
            return v
        c = complex(sp.N(v, 30))
        return float(c.real) if abs(c.imag) <= 1e-20 * max(1.0, abs(c.real)) else c
    c = complex(v)
    return float(c.real) if abs(c.imag) <= 1e-12 * max(1.0, abs(c.real)) else c


def _np(rho) -> np.ndarray:
    if isinstance(rho, np.ndarray):
        return rho.astype(complex)
    return np.array(sp.Matrix(rho).evalf(20).tolist(), dtype=complex)


@dataclass
class _Dense:
    """A unique steady state as a full density matrix (exact sympy or numeric numpy)."""

    rho: object
    n: int
    method: str

    def full(self):
        return self.rho

    def reduced(self, sites):
        return partial_trace(self.rho, sorted(sites), self.n) if len(sites) < self.n else self.rho

    def cut_negativity(self, cut):
        return negativity_of(self.rho, cut, self.n)


@dataclass
class _Perm:
    """A unique steady state of the permutation-invariant engine."""

    ss: object
    n: int
    method: str

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


def lambda_min_of(rho2):
    """Smallest eigenvalue of the partial transpose (first qubit) of a two-qubit state."""
    if isinstance(rho2, np.ndarray):
        pt = partial_transpose(rho2, [0], 2)
        return float(np.linalg.eigvalsh((pt + pt.conj().T) / 2)[0])
    evs = pt_eigenvalues(sp.Matrix(rho2), [0], 2)
    vals = [(_num(e).real if isinstance(_num(e), complex) else _num(e), e) for e, _ in evs]
    return min(vals, key=lambda t: t[0])[1]


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
        return choose_method(self.model, quantity, self.values, self.method)

    def state(self, quantity: str):
        """The unique steady state (``_Dense`` or ``_Perm``); NonUniqueSteadyStateError otherwise."""
        eng, _ = self.engine(quantity)
        if eng.startswith("permutation"):
            rest = require(self.values, self.model.parameters, "the model")
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
        return _Dense(ss.rho, model.n, eng)


# --------------------------------------------------------------------------- arguments
def sites_arg(sites, key: str, n: int, count=None) -> list:
    """Distinct site numbers in 0..n-1 (``count`` of them, or not all of them)."""
    try:
        sites = [int(s) for s in ([sites] if isinstance(sites, (int, np.integer)) else sites)]
    except (TypeError, ValueError):
        raise ParameterError(key, sites, "site numbers, e.g. (0, 1)") from None
    if not sites or len(set(sites)) != len(sites) or any(not 0 <= s < n for s in sites) \
            or (count is not None and len(sites) != count) or len(sites) >= n and count is None:
        what = f"{count} distinct sites" if count else "distinct sites (not all of them)"
        raise ParameterError(key, sites, f"{what} in 0..{n - 1}")
    return sites


def cut_arg(pt: Point, cut) -> list:
    """The sites of subsystem A: explicit models a list of sites (default ``[0]``), permutation
    models ``k`` qubits versus N - k (default 1; any ``k`` sites by symmetry)."""
    n = pt.n
    if pt.symmetric:
        k = 1 if cut is None else (len(cut) if isinstance(cut, (list, tuple)) else cut)
        try:
            k = int(k)
        except (TypeError, ValueError):
            raise ParameterError("cut", cut, f"an integer 1 <= k <= {n - 1}") from None
        if not 1 <= k <= n - 1:
            raise ParameterError("cut", k, f"an integer 1 <= k <= {n - 1} (k qubits versus N - k)")
        return list(range(k))
    return sites_arg([0] if cut is None else cut, "cut", n)


def operator_arg(pt: Point, op, allow_free: bool = False) -> tuple:
    """``(PauliSum with the values substituted, generic)``; ``generic``: symmetric sums over
    sites ``_i`` and pairs ``_i _j``; parameters without a value only with ``allow_free``."""
    if op is None:
        raise ParameterError("op", None, 'an operator expression, e.g. op="X0*Z1"')
    if isinstance(op, str):
        text = op
        symbols = {p.name: p for p in pt.model.parameters}
        op = parse_expression(text, symbols, key="op", generic_sites=pt.symmetric and ("_i" in text or "_j" in text))
    op = op if isinstance(op, PauliSum) else PauliSum.scalar(op)
    op = op.subs(pt.values)
    if op.free_symbols and not allow_free:
        raise ParameterError("op", str(op), "an operator whose parameters all have values")
    return op, any(isinstance(s, str) for s in op.sites())


def _trace(rho, op: PauliSum, m: int):
    if isinstance(rho, np.ndarray):
        return complex(np.trace(rho @ op.numeric(m, {})))
    return sp.expand((sp.Matrix(rho) * op.matrix(m)).trace())


# --------------------------------------------------------------------------- the quantities
def q_steady_state(pt: Point):
    st = pt.state("steady-state")
    return st.full(), st.method


def q_purity(pt: Point):
    st = pt.state("purity")
    rho = st.full()
    v = float(np.real(np.trace(rho @ rho))) if isinstance(rho, np.ndarray) else sp.expand((rho * rho).trace())
    return v, st.method


def q_negativity(pt: Point, cut=None, log: bool = False):
    cut = cut_arg(pt, cut)
    st = pt.state("negativity")
    v = _real(st.cut_negativity(cut))
    if log:
        v = math.log2(2 * float(v) + 1) if not isinstance(v, sp.Basic) else sp.log(2 * v + 1, 2)
    return v, st.method


def q_log_negativity(pt: Point, cut=None):
    return q_negativity(pt, cut, log=True)


def _pair(pt: Point, pair, what: str):
    pair = sites_arg((0, 1) if pair is None else pair, "pair", pt.n, count=2)
    st = pt.state("pair-negativity")
    rho2 = st.reduced(pair)
    v = negativity_of(rho2, [0], 2) if what == "negativity" else lambda_min_of(rho2)
    return _real(v), st.method


def q_pair_negativity(pt: Point, pair=None):
    return _pair(pt, pair, "negativity")


def q_lambda_min(pt: Point, pair=None):
    return _pair(pt, pair, "lambda-min")


def q_expectation(pt: Point, op=None):
    n = pt.n
    op, generic = operator_arg(pt, op)
    st = pt.state("expectation")
    total = 0
    if generic:  # symmetric: _i summed over sites, _i _j over pairs i < j
        one = PauliSum({k: c for k, c in op.terms.items() if not any(s == "j" for s, _ in k)})
        two = PauliSum({k: c for k, c in op.terms.items() if any(s == "j" for s, _ in k)})
        for part, m, count in ((one, 1, n), (two, 2, math.comb(n, 2))):
            for key, c in part.terms.items():
                if not key:
                    total += c * count
                    continue
                term = PauliSum({key: c}).relabel({"i": 0, "j": 1})
                total += count * _trace(st.reduced(list(range(m))), term, m)
    else:
        sites = sorted(op.sites())
        if any(s >= n for s in sites):
            raise ParameterError("op", str(op), f"sites 0..{n - 1}")
        if not sites:
            total = op.terms.get((), 0)
        else:
            m = len(sites)
            red = st.reduced(sites)
            total = _trace(red, op.relabel({s: k for k, s in enumerate(sites)}), m)
    return _real(total), st.method


def q_spectrum(pt: Point):
    model = pt.explicit()
    eng, _ = pt.engine("spectrum")
    sv = require(pt.values, model.parameters, "the model")
    if eng.startswith("exact") and model.n <= 3:
        ev = liouvillian_spectrum(model.subs(sv)).numeric({})
        ran = "exact"
    else:
        L = liouvillian_numeric(model, sv).toarray()
        ev = np.linalg.eigvals(L)
        ran = "numeric"
    ev = sorted((complex(z) for z in ev), key=lambda z: (-round(z.real, 10), round(z.imag, 10)))
    return ev, ran


def q_exceptional_points(pt: Point):
    """The exceptional points (core :func:`~symbolic_ness.core.exceptional_points`) of the
    explicit model with the given values substituted, as JSON-ready dicts."""
    from ..core import exceptional_points
    model = pt.explicit()
    given = {s: v for s, v in pt.values.items() if s in model.parameters}
    out = []
    for e in exceptional_points(model.subs(given) if given else model):
        d = e.as_dict()
        num = d.pop("numeric_check")
        d["numeric_check"] = None if num is None else {
            "point": num["point"], "geometric": num["geometric"], "jordan_blocks": num["jordan_blocks"],
            "agrees": num["agrees"]}
        out.append(d)
    return out, "exact"


def q_threshold(pt: Point, **options):
    from ._threshold import threshold_of
    res = threshold_of(pt, **options)
    return res.printed(), res.method


#: name -> function(point, **options) -> (value, method that ran). A new quantity is one entry.
QUANTITIES: dict = {
    "steady-state": q_steady_state,
    "purity": q_purity,
    "negativity": q_negativity,
    "log-negativity": q_log_negativity,
    "pair-negativity": q_pair_negativity,
    "lambda-min": q_lambda_min,
    "expectation": q_expectation,
    "spectrum": q_spectrum,
    "exceptional-points": q_exceptional_points,
    "threshold": q_threshold,
}
#: quantities that solve no steady state (their result has nullity/unique None)
_NO_STATE = {"spectrum", "exceptional-points"}


def liouvillian_blocks(model: Model) -> tuple:
    """``(4^n, block sizes in decreasing order)``: the Pauli-basis Liouvillian of ``model`` and the
    sizes of its decoupled blocks (connected components of its pattern).

    >>> import sympy as sp
    >>> from symbolic_ness.core import Model, sigma_z
    >>> liouvillian_blocks(Model(1, sp.Symbol("h", real=True) * sigma_z()))
    (4, [2, 1, 1])
    """
    from ..core import block_split, pauli_liouvillian
    M = pauli_liouvillian(model)
    blocks = block_split(M.todok(), M.shape[0])
    return M.shape[0], sorted((len(b) for b in blocks), reverse=True)


def quantity_names() -> tuple:
    """The quantities :func:`evaluate` offers."""
    return tuple(QUANTITIES)


def _options(fn: Callable, quantity: str, options: dict) -> dict:
    params = inspect.signature(fn).parameters
    if any(p.kind == p.VAR_KEYWORD for p in params.values()):
        return options
    allowed = [k for k in params if k != "pt" and k != "log"]
    bad = [k for k in options if k not in allowed]
    if bad:
        raise ParameterError(bad[0], options[bad[0]], f"an option of {quantity}: " + (", ".join(allowed) or "none"))
    return options


def evaluate(model, quantity: str, values: Mapping | None = None, method: str = "auto", N=None,
             **options) -> QuantityResult:
    """Evaluate ``quantity`` of ``model`` at ``values`` (``{symbol or name: value}``).

    Parameters
    ----------
    model : core ``Model`` or ``PermutationModel`` (e.g. from ``load_model``).
    quantity : one of :data:`QUANTITIES` (see the module docstring).
    values : parameter values; every parameter needs one, except for ``exceptional-points``
        (the others stay symbolic) and the scanned parameter of ``threshold``.
    method : ``"auto"`` (the cheapest correct solver, see :func:`choose_method`), ``"exact"``
        or ``"numeric"``.
    N : number of qubits of a permutation model (or the value of its integer parameter).
    options : the quantity's options: ``cut`` (negativity, log-negativity), ``pair``
        (pair-negativity, lambda-min), ``op`` (expectation), and those of
        :func:`~symbolic_ness.engines.threshold`.

    Returns
    -------
    QuantityResult with the value, the method that ran, nullity and uniqueness.
    """
    fn = QUANTITIES.get(quantity)
    if fn is None:
        raise ParameterError("quantity", quantity, "one of " + ", ".join(QUANTITIES))
    vals, N = resolve(model, values, N)
    pt = Point(model, vals, method, N)
    eng, reason = choose_method(model, quantity, vals, method)
    options = _options(fn, quantity, options)
    try:
        value, ran = fn(pt, **options)
    except NonUniqueSteadyStateError as exc:
        return QuantityResult(quantity, None, eng, exc.nullity, False, reason)
    if quantity in _NO_STATE:
        return QuantityResult(quantity, value, ran, None, None, reason)
    return QuantityResult(quantity, value, ran, 1, True, reason, pt.residual)
