r"""Thermal baths: a ``[[bath]]`` description turned into labelled jump operators.

A bath on the operator :math:`L` (lowering-type, e.g. ``Sm0``: :math:`\sigma_-` lowers
:math:`H=\tfrac\omega2\sigma_z`, since :math:`|0\rangle` has :math:`\sigma_z=+1`) with rate
:math:`\gamma` and occupation :math:`n` gives, in the **local** master equation, two jumps with
the bath's label:

* Bose–Einstein (``statistics = "bose"``, default): :math:`\gamma(n+1)\,D[L]` and
  :math:`\gamma n\,D[L^\dagger]`, :math:`n\in[0,\infty)`;
* Fermi–Dirac (``statistics = "fermi"``): :math:`\gamma(1-n)\,D[L]` and :math:`\gamma n\,D[L^\dagger]`,
  :math:`n\in[0,1]`.

The occupation is a number or an expression in the declared parameters, or follows from
``temperature`` :math:`T` and ``frequency`` :math:`\omega`:
:math:`n=1/(e^{\omega/T}\mp1)` (exact, in those symbols). The bath temperature used by the
entropy production is :math:`T`, or :math:`T=\omega/\ln(1+1/n)` (Bose) /
:math:`\omega/\ln(1/n-1)` (Fermi) from an occupation and a frequency.

>>> import sympy as sp
>>> from symbolic_ness.core import sigma_minus
>>> k, n = sp.symbols("kappa n", positive=True)
>>> b = Bath(sigma_minus(), k, "hot", occupation=n)
>>> [(j.rate, j.label) for j in bath_jumps(b)]
[(kappa*(n + 1), 'hot'), (kappa*n, 'hot')]
>>> T, w = sp.symbols("T omega", positive=True)
>>> Bath(sigma_minus(), k, "c", temperature=T, frequency=w).occupation_expr()
1/(exp(omega/T) - 1)
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

import sympy as sp

from .._errors import ParameterError
from ..core import Jump, Model

__all__ = ["Bath", "bath_jumps", "with_baths", "bath_temperatures"]


@dataclass(frozen=True)
class Bath:
    """A thermal bath on ``operator`` (a full matrix) with ``rate`` and ``label``; give
    ``occupation``, or ``temperature`` and ``frequency``; ``statistics`` ``"bose"``/``"fermi"``."""

    operator: sp.ImmutableMatrix
    rate: sp.Expr
    label: str
    occupation: sp.Expr | None = None
    temperature: sp.Expr | None = None
    frequency: sp.Expr | None = None
    statistics: str = "bose"

    def __post_init__(self):
        object.__setattr__(self, "operator", sp.ImmutableMatrix(self.operator))
        object.__setattr__(self, "rate", sp.sympify(self.rate))
        if self.statistics not in ("bose", "fermi"):
            raise ParameterError("statistics", self.statistics, '"bose" or "fermi"')
        if (self.occupation is None) == (self.temperature is None):
            raise ParameterError("occupation", self.occupation, "exactly one of occupation or temperature (with frequency)")
        if self.temperature is not None and self.frequency is None:
            raise ParameterError("frequency", None, "the bath frequency (with temperature): n = 1/(exp(frequency/temperature) -+ 1)")
        for key in ("occupation", "temperature", "frequency"):
            v = getattr(self, key)
            if v is not None:
                object.__setattr__(self, key, sp.sympify(v))
        n = self.occupation
        if n is not None and n.is_number:
            hi = 1 if self.statistics == "fermi" else sp.oo
            if not (n.is_real and 0 <= n <= hi):
                rng = "[0, 1] (Fermi)" if self.statistics == "fermi" else "[0, inf) (Bose)"
                raise ParameterError("occupation", float(n) if n.is_real else str(n), f"an occupation in {rng}")
        for key in ("temperature", "frequency"):
            v = getattr(self, key)
            if v is not None and v.is_number and not (v.is_real and v > 0):
                raise ParameterError(key, str(v), f"{key} > 0")

    def occupation_expr(self, frequency=None):
        """The occupation :math:`n` (at ``frequency`` for a temperature bath; default its own)."""
        if self.occupation is not None:
            return self.occupation
        w = self.frequency if frequency is None else sp.sympify(frequency)
        return 1 / (sp.exp(w / self.temperature) + (1 if self.statistics == "fermi" else -1))

    def rates(self):
        """``(rate on L, rate on L^dagger)``: emission and absorption."""
        n = self.occupation_expr()
        emit = self.rate * ((1 - n) if self.statistics == "fermi" else (n + 1))
        return sp.expand(emit) if self.occupation is not None else emit, sp.expand(self.rate * n) if \
            self.occupation is not None else self.rate * n

    def temperature_expr(self):
        """The bath temperature (``None`` without temperature or frequency)."""
        if self.temperature is not None:
            return self.temperature
        if self.frequency is None:
            return None
        n = self.occupation
        ratio = (1 / n - 1) if self.statistics == "fermi" else (1 + 1 / n)
        return self.frequency / sp.log(ratio)


def bath_jumps(bath: Bath) -> tuple:
    """The two labelled jumps of ``bath`` in the local master equation (see the module docstring)."""
    emit, absorb = bath.rates()
    L = bath.operator
    return (Jump(L, emit, bath.label), Jump(sp.ImmutableMatrix(L.H), absorb, bath.label))


def with_baths(model: Model, baths) -> Model:
    """``model`` with the jumps of every bath added (local master equation)."""
    extra = tuple(j for b in baths for j in bath_jumps(b))
    return Model(model.n, model.hamiltonian, model.jumps + extra, model.resets, model.normalization, model.name,
                 model.constraints)


def bath_temperatures(baths, values: Mapping | None = None) -> dict:
    """``{label: T}`` of the baths whose temperature is known (see :meth:`Bath.temperature_expr`),
    with ``values`` substituted."""
    out = {}
    for b in baths:
        T = b.temperature_expr()
        if T is not None:
            out[b.label] = T.subs(values or {})
    return out


# --------------------------------------------------------------------------- model files
BATH_KEYS = ("operator", "rate", "occupation", "temperature", "frequency", "statistics", "label")


def read_bath_tables(tables, symbols: Mapping, bounds: Mapping, where, check_sites) -> tuple:
    """``[[bath]]`` tables of a model file (``[(section, table)]``) read into
    ``(operator PauliSum, rate, label, occupation, temperature, frequency, statistics)`` tuples,
    each checked: a one-line :class:`~symbolic_ness.ParameterError` naming the key for a missing
    operator, an occupation outside [0, inf) (Bose) / [0, 1] (Fermi) on the declared domain,
    a non-positive temperature or frequency, a negative rate."""
    from ..core import PauliSum, certify_nonnegative, certify_positive, parse_expression

    out = []
    for sec, t in tables:
        if "operator" not in t:
            raise ParameterError(where(sec, None), "no operator", 'a [[bath]] with operator = "..." (e.g. "Sm0")')
        op = parse_expression(t["operator"], symbols, key=where(sec, "operator"))
        if not isinstance(op, PauliSum) or not op.sites():
            raise ParameterError(where(sec, "operator"), t["operator"], "an operator acting on at least one site")
        check_sites(op, where(sec, "operator"), "jump")
        stats = t.get("statistics", "bose")
        if stats not in ("bose", "fermi"):
            raise ParameterError(where(sec, "statistics"), stats, '"bose" or "fermi"')
        vals = {}
        for key in ("rate", "occupation", "temperature", "frequency"):
            if key in t:
                vals[key] = parse_expression(str(t[key]), symbols, key=where(sec, key), operators=False)
        rate = vals.get("rate", sp.Integer(1))
        if certify_nonnegative(rate, bounds) is None:
            raise ParameterError(where(sec, "rate"), t.get("rate"), "a rate >= 0 on the whole declared domain")
        if ("occupation" in vals) == ("temperature" in vals):
            raise ParameterError(where(sec, None), "occupation/temperature",
                                 "exactly one of occupation = ... or temperature = ... (with frequency = ...)")
        if "temperature" in vals and "frequency" not in vals:
            raise ParameterError(where(sec, "frequency"), None, "the bath frequency with temperature = ...")
        for key in ("temperature", "frequency"):
            if key in vals and certify_positive(vals[key], bounds) is None:
                raise ParameterError(where(sec, key), t[key], f"{key} > 0 on the whole declared domain")
        n = vals.get("occupation")
        if n is not None:
            rng = "[0, 1] (Fermi)" if stats == "fermi" else "[0, inf) (Bose)"
            ok = certify_nonnegative(n, bounds) is not None and (
                stats == "bose" or certify_nonnegative(1 - n, bounds) is not None)
            if not ok:
                raise ParameterError(where(sec, "occupation"), t["occupation"],
                                     f"an occupation in {rng} on the whole declared domain")
        label = str(t.get("label", f"bath{len(out)}"))
        out.append((op, rate, label, n, vals.get("temperature"), vals.get("frequency"), stats))
    labels = [b[2] for b in out]
    if len(set(labels)) != len(labels):
        raise ParameterError("bath.label", ", ".join(labels), "distinct bath labels")
    return tuple(out)


def file_baths(entries, n: int) -> tuple:
    """:class:`Bath` objects of the tuples of :func:`read_bath_tables` on ``n`` sites."""
    return tuple(Bath(op.matrix(n), rate, label, occupation=occ, temperature=T, frequency=w, statistics=st)
                 for op, rate, label, occ, T, w, st in entries)
