r"""Closed forms of the quantities of any explicit model: :func:`closed_form`.

The exact steady state over :math:`\mathbb Q(\text{free parameters})` (core
:func:`~symbolic_ness.core.steady_state`, ``method="exact"``) with the ``fixed`` values
substituted exactly, and the quantity's expression derived from it: the density matrix, the
purity, an expectation value, the certified negativity (core
:func:`~symbolic_ness.core.negativity_result`: PT eigenvalues certified non-negative on the whole
declared domain are dropped, each with its certificate) or the smallest PT eigenvalue of a pair;
``spectrum`` gives the exact :class:`~symbolic_ness.core.Spectrum`. The expression is valid
where the symbols' assumptions hold and none of ``denominators`` vanishes.

Refusals: with ``method="auto"`` a closed form when the exact solve is not the engine
:func:`choose_method` picks (too many free parameters for the size: :class:`~symbolic_ness.ParameterError`);
with ``method="exact"`` only beyond the hard symbolic size limit (:class:`~symbolic_ness.SizeLimitError`;
below it the caller's time budget, e.g. the CLI's ``--timeout``, decides); a negativity
whose characteristic polynomial is too large to certify
(:class:`~symbolic_ness.ClosedFormTooLargeError`), a non-unique generic steady state
(:class:`~symbolic_ness.NonUniqueSteadyStateError`).

>>> import sympy as sp
>>> from symbolic_ness.core import Model, Reset, projector, sigma_z, kron
>>> g, r = sp.symbols("g r", positive=True)
>>> m = Model(2, g * kron(sigma_z(), sigma_z()), resets=[Reset(k, projector("+"), r) for k in (0, 1)])
>>> cf = closed_form(m, "purity", {"g": 1})
>>> cf.args, cf.method, cf.expr.subs(r, 1)
((r,), 'exact', 7/18)
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

import sympy as sp

from .._errors import ParameterError
from ..core import liouvillian_spectrum, negativity_result, partial_trace, pt_eigenvalues, steady_state
from ._point import Point, shape_of, sub_shape, check_sites, choose_method, cut_arg, not_unique, op_text, operator_arg, resolve

__all__ = ["ClosedFormResult", "closed_form", "CLOSED_FORMS", "validity"]

#: quantities with a closed form
CLOSED_FORMS = ("steady-state", "negativity", "log-negativity", "pair-negativity", "lambda-min", "purity",
                "expectation", "spectrum")


@dataclass(frozen=True)
class ClosedFormResult:
    """A closed form: ``expr`` (sympy expression or matrix; a ``Spectrum`` for ``spectrum``) in
    ``args`` (the free symbols, sorted by name), derived by ``method`` from ``model`` (the
    model with the fixed values substituted); valid where ``assumptions`` hold and no
    ``denominators`` vanish; ``certificates``: the PT eigenvalues dropped from a negativity with
    their non-negativity certificate ``(eigenvalue, multiplicity, certificate)``; ``rank_drop``:
    polynomials on whose zero set the steady state may not be unique (the expression does not
    hold there: evaluate point by point).

    Attributes
    ----------
    quantity : str
        The quantity.
    expr : sympy expression, Matrix or Spectrum
        The closed form.
    args : tuple of Symbols
        Its free symbols.
    method : str
        What ran.
    model : Model
        The model with the fixed values substituted.
    assumptions : tuple of str, default ()
        Where it holds.
    denominators : tuple, default ()
        Factors that must not vanish.
    certificates : tuple, default ()
        Dropped PT eigenvalues with their certificates.
    rank_drop : tuple, default ()
        Polynomials whose zeros may make the steady state non-unique.

    Examples
    --------
    Resonance fluorescence, H = ω σx/2, L = σ−: ⟨σz⟩ = −κ²/(κ² + 2ω²):

    >>> from symbolic_ness.core import Model, Jump, sigma_minus, sigma_x
    >>> k, w = sp.symbols("kappa omega", positive=True)
    >>> cf = closed_form(Model(1, w * sigma_x() / 2, jumps=[Jump(sigma_minus(), k)]), "expectation", op="Z0")
    >>> cf.expr, cf.args, cf.denominators
    (-kappa**2/(kappa**2 + 2*omega**2), (kappa, omega), (kappa**2 + 2*omega**2,))
    """

    quantity: str
    expr: Any
    args: tuple
    method: str
    model: Any
    assumptions: tuple = ()
    denominators: tuple = ()
    certificates: tuple = ()
    rank_drop: tuple = ()  # polynomials whose zeros may make the steady state non-unique (core SteadyState.rank_drop)


def _exact_state(pt: Point):
    """``(steady state, model)``: the exact steady state with the values substituted."""
    if pt.method == "auto":  # auto: only where the exact solve is the engine for this size
        eng, reason = choose_method(pt.model, "steady-state", pt.values, pt.method)
        if not eng.startswith("exact"):
            names = sorted(s.name for s in pt.values)
            raise ParameterError("--set", ", ".join(names) or "(none)",
                                 f"more parameter values for a closed form ({reason}), or method='exact'")
    from .._cost import check_exact_closed_form  # exact: no size guess below the hard limit (a time budget decides)
    m = pt.model.subs(pt.values) if pt.values else pt.model
    check_exact_closed_form(pt.model.n, len(m.parameters))
    ss = steady_state(m, method="exact")
    if not ss.unique:
        raise not_unique(pt.model, ss.nullity)
    return ss, m


def closed_form(model, quantity: str, fixed: Mapping | None = None, cut=None, pair=None, op=None,
                N=None, method: str = "auto") -> ClosedFormResult:
    """The closed form of ``quantity`` of ``model`` with the ``fixed`` values substituted.

    Parameters
    ----------
    model : core ``Model`` (a ``PermutationModel`` has no closed form here: refused).
    quantity : one of :data:`CLOSED_FORMS`.
    fixed : ``{name or symbol: value}`` substituted exactly (floats as the rationals they print).
    cut, pair, op : as for :func:`~symbolic_ness.engines.evaluate`.
    method : ``"auto"`` refuses when the exact solve is not the engine :func:`choose_method`
        picks for the free parameters; ``"exact"`` solves exactly anyway.
    N : as for :func:`~symbolic_ness.engines.evaluate` (a permutation model is refused).

    Returns
    -------
    ClosedFormResult
        The expression with its assumptions, denominators and certificates.

    Raises
    ------
    ParameterError
        Unknown quantity or method, or the exact solve is not the chosen engine (``"auto"``).
    SizeLimitError
        Beyond the hard symbolic size limit.
    ClosedFormTooLargeError
        A negativity too large to certify.
    NonUniqueSteadyStateError
        The generic steady state is not unique.

    Examples
    --------
    >>> from symbolic_ness.core import Model, Jump, sigma_minus, sigma_x
    >>> k, w = sp.symbols("kappa omega", positive=True)
    >>> cf = closed_form(Model(1, w * sigma_x() / 2, jumps=[Jump(sigma_minus(), k)]), "expectation", op="Z0")
    >>> cf.method, cf.assumptions[0]
    ('exact', 'generic values of kappa, omega')
    """
    if quantity not in CLOSED_FORMS:
        raise ParameterError("QUANTITY", quantity, "a quantity with a closed form: steady-state, negativity, "
                             "log-negativity, pair-negativity, lambda-min, purity, expectation")
    vals, N = resolve(model, fixed, N)
    if method not in ("auto", "exact"):
        raise ParameterError("method", method, "auto or exact (a closed form is exact)")
    pt = Point(model, vals, method, N)
    if quantity == "spectrum":
        m = pt.explicit()
        given = {s: v for s, v in vals.items() if s in m.parameters}
        if m.n > 2 and len(given) < len(m.parameters):
            raise ParameterError("--set", "", "every parameter value for an exact spectrum of more than 2 qubits")
        m = m.subs(given) if given else m
        return ClosedFormResult(quantity, liouvillian_spectrum(m), tuple(sorted(m.parameters, key=lambda s: s.name)),
                                "exact", m)
    ss, m = _exact_state(pt)
    n = m.n
    certs = ()
    if quantity == "steady-state":
        expr = ss.rho
    elif quantity in ("negativity", "log-negativity"):
        res = negativity_result(sp.Matrix(ss.rho), cut_arg(pt, cut), shape_of(m))
        expr, certs = res.value, res.certified
        if quantity == "log-negativity":
            expr = sp.log(2 * expr + 1, 2)
    elif quantity in ("pair-negativity", "lambda-min"):
        pair = check_sites((0, 1) if pair is None else pair, "pair", n, count=2)
        rho2 = partial_trace(ss.rho, pair, shape_of(m)) if n > 2 else ss.rho
        sub = sub_shape(shape_of(m), pair)
        if quantity == "pair-negativity":
            res = negativity_result(sp.Matrix(rho2), [0], sub)
            expr, certs = res.value, res.certified
        else:
            expr = sp.Min(*[e for e, _ in pt_eigenvalues(rho2, [0], sub)])
    elif quantity == "purity":
        expr = sp.factor((ss.rho * ss.rho).trace())
    else:  # expectation
        o, generic = operator_arg(pt, op, allow_free=True)
        if generic:
            raise ParameterError("op", op_text(op), "site numbers for a closed form")
        expr = sp.factor((ss.rho * o.matrix(shape_of(m))).trace())
    args = tuple(sorted(m.parameters, key=lambda s: s.name))
    return ClosedFormResult(quantity, expr, args, "exact", m, tuple(ss.assumptions), tuple(ss.denominators),
                            tuple(certs), tuple(ss.rank_drop))


def validity(model) -> tuple:
    """Where a closed form derived from the exact steady state of ``model`` holds.

    Parameters
    ----------
    model : Model
        The explicit model the closed form was derived from (``ClosedFormResult.model``).

    Returns
    -------
    (valid_at, exclude)
        ``valid_at(zeros) -> bool``: whether the steady state is unique where the parameters of
        ``zeros`` (``{symbol: value}``, a domain edge such as a positive rate at 0) take those
        values (exact solve there); ``exclude``: the rank-drop locus (polynomials on whose zeros
        the steady state may not be unique). The arguments ``valid_at``/``exclude`` of
        :func:`~symbolic_ness.export.generate_code`.

    Examples
    --------
    >>> from symbolic_ness.core import Model, Reset, projector, sigma_z, kron
    >>> g, r = sp.symbols("g r", positive=True)
    >>> m = Model(2, g * kron(sigma_z(), sigma_z()), resets=[Reset(k, projector("+"), r) for k in (0, 1)])
    >>> valid_at, exclude = validity(m)
    >>> exclude, valid_at({r: 0}), valid_at({g: 0})   # 2 g^2 + r^2 = 0: a rank drop off the real domain
    ((r, 2*g**2 + r**2), False, True)
    """
    def valid_at(zeros) -> bool:
        byname = {s.name: s for s in model.parameters}
        return steady_state(model.subs({byname[z.name]: v for z, v in zeros.items() if z.name in byname})).unique

    return valid_at, tuple(steady_state(model).rank_drop)
