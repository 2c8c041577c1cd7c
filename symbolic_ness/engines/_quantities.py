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
``liouvillian-gap``           slowest nonzero decay rate of the generator (numeric, all blocks)
``relaxation-time``           1 / (Liouvillian gap) (numeric)
============================  ===================================================================

A steady state that is not unique is reported (``unique=False``, ``nullity``, ``value=None``),
never picked.

>>> import sympy as sp
>>> from symbolic_ness.core import Model, Jump, Reset, projector, sigma_z, kron
>>> g, r = sp.symbols("g r", positive=True)
>>> m = Model(2, g * kron(sigma_z(), sigma_z()), resets=[Reset(k, projector("+"), r) for k in (0, 1)])
>>> res = evaluate(m, "negativity", {"g": 1, "r": 4})
>>> res.method, res.unique, res.value
('exact', True, 1/12)
"""
from __future__ import annotations

import functools
import inspect
import math
from dataclasses import dataclass
from typing import Any, Callable, Mapping

import numpy as np
import sympy as sp

from .._errors import NonUniqueSteadyStateError, ParameterError
from ..core import Model, PauliSum, lambda_min_pt, liouvillian_numeric, liouvillian_spectrum
from ._point import (Point, _Perm, _np, _real, _trace, choose_method, cut_arg, op_text, negativity_of, operator_arg,
                     require, resolve, check_sites)
from ._threshold import threshold_of

__all__ = ["QuantityResult", "evaluate", "QUANTITIES", "quantity_names", "liouvillian_blocks"]

@dataclass(frozen=True)
class QuantityResult:
    """What :func:`evaluate` returns.

    ``value``: the quantity (``None`` when the steady state is not unique); ``method``: the
    solver that ran (e.g. ``"exact"``, ``"numeric"``, ``"permutation-numeric"``,
    ``"numeric-bisection"``); ``nullity``/``unique``: dimension of the Liouvillian's null
    space and whether the steady state is unique (``None`` for quantities that solve no steady
    state: ``spectrum``, ``exceptional-points``); ``reason``: why this solver was chosen;
    ``residual``: max-norm residual of a numeric steady state (0 when exact).

    Attributes
    ----------
    quantity : str
        The quantity asked for.
    value : object
        Its value, or ``None``.
    method : str
        What ran.
    nullity : int or None, default 1
        Null-space dimension of L.
    unique : bool or None, default True
        Whether the steady state is unique.
    reason : str, default ""
        Why this solver.
    residual : float or None, default None
        Residual of a numeric steady state.

    Examples
    --------
    Pure dephasing leaves every diagonal state steady: reported, never picked:

    >>> from symbolic_ness.core import Model, Jump, sigma_z
    >>> evaluate(Model(1, sp.zeros(2, 2), jumps=[Jump(sigma_z(), 1)]), "steady-state", {})
    QuantityResult(quantity='steady-state', value=None, method='exact', nullity=2, unique=False, reason='exact null space over Q: 4^1 = 4 unknowns', residual=None)
    """

    quantity: str
    value: Any
    method: str
    nullity: int | None = 1
    unique: bool | None = True
    reason: str = ""
    residual: float | None = None


# --------------------------------------------------------------------------- the quantities
def q_steady_state(pt: Point):
    st = pt.state("steady-state")
    return st.full(), st.method


def q_purity(pt: Point):
    st = pt.state("purity")
    if isinstance(st, _Perm):  # from the symmetric coordinates: any N
        from ._spin import permutation_purity
        return _real(permutation_purity(st.ss)), st.method
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
    pair = check_sites((0, 1) if pair is None else pair, "pair", pt.n, count=2)
    st = pt.state("pair-negativity")
    rho2 = st.reduced(pair)
    sub = st.sub(pair)  # 2 for a qubit pair, (d_i, d_j) for sites of any dimension
    v = negativity_of(rho2, [0], sub) if what == "negativity" else lambda_min_pt(rho2 if isinstance(rho2, np.ndarray) else sp.Matrix(rho2), [0], sub)
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
            raise ParameterError("op", op_text(op), f"sites 0..{n - 1}")
        if not sites:
            total = op.terms.get((), 0)
        else:
            m = st.sub(sites)
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
    res = threshold_of(pt, **options)
    return res.printed(), res.method


def _gap(pt: Point, which: str):
    """The slowest nonzero decay rate of the whole generator (numeric, every block; every parameter
    needs a value) or its inverse (:func:`~symbolic_ness.export.liouvillian_gap`)."""
    from ..export import compile_liouvillian, liouvillian_gap
    model = pt.explicit()
    sv = require(pt.values, model.parameters, "the model (the gap is numeric)")
    c = compile_liouvillian(model)
    r = liouvillian_gap(c, {s.name: float(v) for s, v in sv.items()})
    if r.status[0] == 2:
        raise ParameterError("point", {s.name: v for s, v in sv.items()}, r.message[0].split(": ", 1)[-1])
    if r.status[0] == 1:
        raise NonUniqueSteadyStateError(r.message[0], nullity=None)
    return float(r.gap[0] if which == "gap" else r.relaxation_time[0]), "numeric"


def q_liouvillian_gap(pt: Point):
    r"""Liouvillian gap :math:`-\max\{\mathrm{Re}\,\lambda : \lambda \ne 0\}` (numeric)."""
    return _gap(pt, "gap")


def q_relaxation_time(pt: Point):
    """Relaxation time: 1 / (Liouvillian gap) (numeric)."""
    return _gap(pt, "tau")


#: name -> function(point, **options) -> (value, method that ran). A new quantity is one entry.
def _collective(pt: Point, name: str, fn):
    st = pt.state(name)
    if not isinstance(st, _Perm):
        raise ParameterError("quantity", name, "a symmetric model (PermutationModel, symmetric = true in a file)")
    return _real(fn(st.ss)), st.method


def q_spin_squeezing(pt: Point):
    r"""Wineland :math:`\xi^2 = N\,\min_{u\perp\langle J\rangle}\mathrm{Var}(u\cdot J)/|\langle J\rangle|^2`
    (:func:`~symbolic_ness.engines.spin_squeezing`)."""
    from ._spin import spin_squeezing
    return _collective(pt, "spin-squeezing", spin_squeezing)


def q_emission_rate(pt: Point):
    r""":math:`\langle J_+J_-\rangle` (:func:`~symbolic_ness.engines.collective_emission`)."""
    from ._spin import collective_emission
    return _collective(pt, "emission-rate", collective_emission)


# ------------------------------------------------------------------ correlation measures, currents
def _numbers(rho):
    """An exact matrix without symbols as 30-digit floats (entropies of exact states: logs of
    algebraic numbers, evaluated); numeric or symbolic matrices unchanged."""
    if isinstance(rho, np.ndarray) or sp.Matrix(rho).free_symbols:
        return rho
    return _np(rho, 30)


def _value(v):
    """A value without symbols as a float (30-digit evaluation of an exact one)."""
    return _real(v, numeric=True) if isinstance(v, sp.Basic) else v


def q_concurrence(pt: Point, pair=None):
    """Wootters concurrence of a qubit pair's reduced state (core :func:`~symbolic_ness.core.concurrence`)."""
    from ..core import concurrence
    pair = check_sites((0, 1) if pair is None else pair, "pair", pt.n, count=2)
    st = pt.state("concurrence")
    return _value(concurrence(_numbers(st.reduced(pair)))), st.method


def q_entropy(pt: Point, sites=None):
    """von Neumann entropy in bits of the state, or of the reduced state of ``sites``."""
    from ..core import entropy
    st = pt.state("entropy")
    if sites in (None, "", "all"):
        return _value(entropy(_numbers(st.full()))), st.method
    if isinstance(sites, str):
        txt = sites.replace(" ", "")
        if not txt.replace(",", "").isdigit():
            raise ParameterError("sites", sites, f"distinct sites in 0..{pt.n - 1}, e.g. 0,1 (default: the whole state)")
        sites = [int(x) for x in txt.split(",") if x != ""]
    sites = check_sites(list(sites), "sites", pt.n)
    return _value(entropy(_numbers(st.reduced(sorted(sites))))), st.method


def q_mutual_information(pt: Point, cut=None):
    """S(A) + S(B) - S(AB) in bits, A = ``cut``, B the rest."""
    from ..core import mutual_information
    if pt.symmetric:
        raise ParameterError("model", "symmetric", "an explicit model for mutual information")
    cut = cut_arg(pt, cut)
    st = pt.state("mutual-information")
    return _value(mutual_information(_numbers(st.full()), cut, pt.n)), st.method


def q_fidelity(pt: Point, state=None):
    """<psi|rho|psi> with a product state given by its label (``"01"``, ``"+0"``; letters 0 1 + - r l)."""
    from ..core import fidelity
    lab = str(state or "")
    if len(lab) != pt.n or any(c not in "01+-rl" for c in lab):
        raise ParameterError("state", lab, f"a product-state label of {pt.n} letters from 0 1 + - r l, e.g. {'0' * pt.n}")
    st = pt.state("fidelity")
    return _value(fidelity(_numbers(st.full()), lab)), st.method


def _currents(pt: Point, name: str):
    from ..core import heat_currents
    if pt.symmetric:
        raise ParameterError("model", "symmetric", "an explicit model (sites = <int>) for heat currents")
    mm = pt.model.subs(pt.values) if pt.values else pt.model
    st = pt.state(name)
    return heat_currents(mm, st.full()), st, mm


def q_heat_current(pt: Point, bath=None):
    """Tr[H D_bath(rho)]: energy per unit time into the system from the dissipators labelled ``bath``."""
    from ..core import current_labels
    if pt.symmetric:
        raise ParameterError("model", "symmetric", "an explicit model (sites = <int>) for heat currents")
    labels = current_labels(pt.model)
    if bath not in labels:
        raise ParameterError("bath", bath, "a bath/dissipator label of the model: " + ", ".join(labels))
    hc, st, _ = _currents(pt, "heat-current")
    return _value(hc.currents[bath]), st.method


def q_entropy_production(pt: Point, temperatures=None):
    """-sum_k J_k/T_k over the baths with a temperature (``temperatures``: ``{label: T}``)."""
    from ..core import entropy_production
    if not temperatures:
        raise ParameterError("temperatures", temperatures, "{bath label: temperature} of at least one bath")
    hc, st, _ = _currents(pt, "entropy-production")
    return _value(entropy_production(hc, temperatures)), st.method


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
    "spin-squeezing": q_spin_squeezing,
    "concurrence": q_concurrence,
    "entropy": q_entropy,
    "mutual-information": q_mutual_information,
    "fidelity": q_fidelity,
    "heat-current": q_heat_current,
    "entropy-production": q_entropy_production,
    "emission-rate": q_emission_rate,
    "liouvillian-gap": q_liouvillian_gap,
    "relaxation-time": q_relaxation_time,
}
#: quantities that solve no steady state (their result has nullity/unique None)
_NO_STATE = {"spectrum", "exceptional-points", "liouvillian-gap", "relaxation-time"}


def liouvillian_blocks(model: Model) -> tuple:
    """``(4^n, block sizes in decreasing order)``: the Pauli-basis Liouvillian of ``model`` and the
    sizes of its decoupled blocks (connected components of its pattern).

    Parameters
    ----------
    model : Model
        A qubit model.

    Returns
    -------
    tuple
        ``(4^n, [block sizes, decreasing])``.

    Examples
    --------
    >>> import sympy as sp
    >>> from symbolic_ness.core import Model, sigma_z
    >>> liouvillian_blocks(Model(1, sp.Symbol("h", real=True) * sigma_z()))
    (4, [2, 1, 1])
    """
    from ..algebra import block_split
    from ..core import pauli_liouvillian
    M = pauli_liouvillian(model)
    blocks = block_split(M.todok(), M.shape[0])
    return M.shape[0], sorted((len(b) for b in blocks), reverse=True)


def quantity_names() -> tuple:
    """The quantities :func:`evaluate` offers."""
    return tuple(QUANTITIES)


@functools.lru_cache(maxsize=None)
def _allowed(fn: Callable):
    """The option names of a quantity's function (``None``: any)."""
    params = inspect.signature(fn).parameters
    if any(p.kind == p.VAR_KEYWORD for p in params.values()):
        return None
    return tuple(k for k in params if k != "pt" and k != "log")


def _options(fn: Callable, quantity: str, options: dict) -> dict:
    allowed = _allowed(fn)
    if allowed is None:
        return options
    bad = [k for k in options if k not in allowed]
    if bad:
        raise ParameterError(bad[0], options[bad[0]], f"an option of {quantity}: " + (", ".join(allowed) or "none"))
    return options


def evaluate(model, quantity: str, /, values: Mapping | None = None, method: str = "auto", N=None,
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
        :func:`~symbolic_ness.engines.threshold` (``scan``, ``quantity``, ``cut``, ``pair``,
        ``range``, ``domain``; ``model`` and ``quantity`` of ``evaluate`` are positional).

    Returns
    -------
    QuantityResult with the value, the method that ran, nullity and uniqueness.

    Raises
    ------
    ParameterError
        Unknown quantity, bad options or parameter values.

    Examples
    --------
    >>> from symbolic_ness.core import Model, Reset, projector, sigma_z, kron
    >>> g, r = sp.symbols("g r", positive=True)
    >>> m = Model(2, g * kron(sigma_z(), sigma_z()), resets=[Reset(k, projector("+"), r) for k in (0, 1)])
    >>> res = evaluate(m, "purity", {"g": 1, "r": 4})
    >>> res.value, res.method, res.nullity
    (281/324, 'exact', 1)
    """
    fn = QUANTITIES.get(quantity)
    if fn is None:
        raise ParameterError("quantity", quantity, "one of " + ", ".join(QUANTITIES))
    vals, N = resolve(model, values, N)
    pt = Point(model, vals, method, N)
    eng, reason = choose_method(model, quantity, vals, method, N)
    options = _options(fn, quantity, options)
    try:
        value, ran = fn(pt, **options)
    except NonUniqueSteadyStateError as exc:
        return QuantityResult(quantity, None, eng, exc.nullity, False, reason)
    if quantity in _NO_STATE:
        return QuantityResult(quantity, value, ran, None, None, reason)
    return QuantityResult(quantity, value, ran, 1, True, reason, pt.residual)
