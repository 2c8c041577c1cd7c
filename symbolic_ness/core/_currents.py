r"""Heat currents of labelled dissipators and the entropy production rate.

Conventions
-----------
* The heat current of the dissipators labelled ``label`` (every :class:`~symbolic_ness.core.Jump`
  with that ``label``; a jump without a label is ``"jump<k>"``, a reset ``"reset<k>"``) is
  :math:`J_\ell=\mathrm{Tr}[H\,\mathcal D_\ell(\rho)]=\mathrm{Tr}[\mathcal D_\ell^\dagger(H)\rho]`,
  :math:`\mathcal D_\ell=f\sum_{k\in\ell}\kappa_k D[L_k]` with the model's normalization factor
  :math:`f` and the *full* Hamiltonian :math:`H`. **Sign: positive = energy flowing into the
  system** from that bath.
* Zero sum: :math:`\frac{d}{dt}\mathrm{Tr}[H\rho]=\sum_\ell J_\ell` (the commutator part does
  not change the energy), so in a steady state :math:`\sum_\ell J_\ell=0` exactly;
  :func:`heat_currents` checks it (exactly for exact states).
* Entropy production rate (second law for baths at temperatures :math:`T_\ell`,
  :math:`k_B=1`): :math:`\sigma=-\sum_\ell J_\ell/T_\ell\ge0`.
* Particle or spin currents: the same continuity argument with :math:`N` (e.g.
  :math:`\sum_i\sigma^z_i/2`) in place of :math:`H`: ``heat_current(model, rho, label,
  observable=N)`` is :math:`\mathrm{Tr}[N\mathcal D_\ell(\rho)]`.

>>> import sympy as sp
>>> from symbolic_ness import Model, Jump, sigma_minus, sigma_plus, sigma_z, steady_state
>>> k, n = sp.symbols("kappa n", positive=True)
>>> m = Model(1, sigma_z() / 2, jumps=[Jump(sigma_minus(), k * (n + 1), "bath"), Jump(sigma_plus(), k * n, "bath")])
>>> rho = steady_state(m).rho
>>> heat_current(m, rho, "bath")
0
>>> hot = sp.diag(1, 0)                           # the excited state |0>: energy flows out
>>> heat_current(m, hot, "bath")
-kappa*(n + 1)
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

import numpy as np
import sympy as sp

from .._errors import ParameterError
from ._model import Model
from ._operators import is_numeric

__all__ = ["HeatCurrents", "current_labels", "dissipator_adjoint", "heat_current", "heat_currents",
           "entropy_production"]


def _labels(model: Model) -> list:
    """``[(label, [jump indices], [reset indices])]`` in order of first appearance."""
    out: dict = {}
    for k, j in enumerate(model.jumps):
        out.setdefault(j.label or f"jump{k}", ([], []))[0].append(k)
    for k, _ in enumerate(model.resets):
        out.setdefault(f"reset{k}", ([], []))[1].append(k)
    return [(lab, js, rs) for lab, (js, rs) in out.items()]


def current_labels(model: Model) -> list:
    """The dissipator labels of ``model`` (jumps grouped by ``label``; unlabelled jumps are
    ``"jump<k>"``, resets ``"reset<k>"``).

    Parameters
    ----------
    model : Model
        The open system.

    Returns
    -------
    list of str
        One label per group of dissipators, in order of first appearance.

    Examples
    --------
    >>> from symbolic_ness import Model, Jump, sigma_minus
    >>> current_labels(Model(1, sp.zeros(2, 2), jumps=[Jump(sigma_minus(), 1, "cold"), Jump(sigma_minus(), 2)]))
    ['cold', 'jump1']
    """
    return [lab for lab, _, _ in _labels(model)]


def _find(model: Model, label: str):
    for lab, js, rs in _labels(model):
        if lab == label:
            return js, rs
    raise ParameterError("bath", label, "a dissipator label of the model: " + ", ".join(current_labels(model)))


def dissipator_adjoint(model: Model, label: str, observable=None) -> sp.Matrix:
    r""":math:`\mathcal D_\ell^\dagger(X)=f\sum_k\kappa_k(L_k^\dagger XL_k-\tfrac12\{L_k^\dagger L_k,X\})`
    over the jumps labelled ``label`` (``X`` = the Hamiltonian unless ``observable`` is given),
    exact. Resets: :math:`r(\mathrm{tr}_i[\rho_\phi X]\otimes\ldots-X)` in the Heisenberg picture.

    Parameters
    ----------
    model : Model
        The open system.
    label : str
        A label of :func:`current_labels`.
    observable : sympy Matrix or None, default None
        X (``None``: the Hamiltonian).

    Returns
    -------
    sympy Matrix
        𝒟_ℓ†(X), entries expanded.

    Raises
    ------
    ParameterError
        Unknown ``label`` (the message lists the model's labels).

    Examples
    --------
    Decay of a two-level system of splitting ω: 𝒟†(H) = −κω ``|0⟩⟨0|``:

    >>> from symbolic_ness import Model, Jump, sigma_minus, sigma_z, projector
    >>> k, w = sp.symbols("kappa omega", positive=True)
    >>> m = Model(1, w * sigma_z() / 2, jumps=[Jump(sigma_minus(), k, "bath")])
    >>> dissipator_adjoint(m, "bath")
    Matrix([
    [-kappa*omega, 0],
    [           0, 0]])
    """
    js, rs = _find(model, label)
    X = sp.Matrix(model.hamiltonian if observable is None else observable)
    part = Model(model.n, sp.zeros(model.dim, model.dim), jumps=[model.jumps[k] for k in js],
                 resets=[model.resets[k] for k in rs], normalization=model.normalization)
    out = sp.zeros(*X.shape)
    for c, A, B in part.sandwich_terms():  # c A rho B^dagger  ->  Heisenberg picture c B^dagger X A
        if c != 0:
            out += c * (sp.Matrix(B).H * X * sp.Matrix(A))
    return out.applyfunc(sp.expand)


def _trace_product(A, rho):
    """Tr[A rho] (exact: sparse over the nonzero entries of A; numeric: numpy)."""
    if is_numeric(rho):
        An = np.array(A.evalf().tolist(), dtype=complex) if not is_numeric(A) else A
        return complex(np.trace(An @ rho))
    R = sp.Matrix(rho)
    return sp.Add(*[v * R[j, i] for (i, j), v in sp.Matrix(A).todok().items()])


def _clean(v, numeric):
    if numeric:
        c = complex(v)
        return c.real if abs(c.imag) <= 1e-10 * max(1.0, abs(c.real)) else c
    from ..algebra._polys import factor
    v = sp.expand(v) if not v.free_symbols else v
    if v.free_symbols:
        v = factor(v)
    return sp.re(v) if v.is_number and sp.im(v) == 0 else v


def heat_current(model: Model, rho, label: str, observable=None):
    r"""Heat current :math:`J_\ell=\mathrm{Tr}[H\mathcal D_\ell(\rho)]` into the system from the
    dissipators labelled ``label`` (positive = into the system; ``observable`` replaces ``H``
    for particle/spin currents). Exact for an exact ``rho`` (a factored rational function),
    a float for a numeric one. An unknown label lists the model's labels (ParameterError).

    Parameters
    ----------
    model : Model
        The open system.
    rho : sympy Matrix or numpy array
        A state (usually the steady state).
    label : str
        A label of :func:`current_labels`.
    observable : sympy Matrix or None, default None
        Replaces H (particle or spin currents).

    Returns
    -------
    sympy expression or float
        J_ℓ = Tr[X 𝒟_ℓ(ρ)] = Tr[𝒟_ℓ†(X) ρ].

    Raises
    ------
    ParameterError
        Unknown ``label``, or a numeric ``rho`` with a symbolic model.

    Examples
    --------
    The excited state loses energy ω at rate κ into the bath:

    >>> from symbolic_ness import Model, Jump, sigma_minus, sigma_z, projector
    >>> k, w = sp.symbols("kappa omega", positive=True)
    >>> m = Model(1, w * sigma_z() / 2, jumps=[Jump(sigma_minus(), k, "bath")])
    >>> heat_current(m, projector("0"), "bath")
    -kappa*omega
    """
    A = dissipator_adjoint(model, label, observable)
    if is_numeric(rho):
        vals = {}
        An = np.array(A.subs(vals).evalf().tolist(), dtype=complex) if not A.free_symbols else None
        if An is None:
            raise ParameterError("rho", "numeric", "an exact state, or a model whose parameters all have values "
                                 "(model.subs(values))")
        return _clean(np.trace(An @ np.asarray(rho)), True)
    return _clean(_trace_product(A, rho), False)


@dataclass(frozen=True)
class HeatCurrents:
    """Heat currents of every dissipator label, their sum and whether it vanishes.

    ``currents``: ``{label: J}``; ``total``: :math:`\\sum J` (exactly 0 in a steady state);
    ``zero_sum``: ``True`` when the sum is exactly zero (exact input) or below ``tol``
    relative to the largest current (numeric input).

    Attributes
    ----------
    currents : dict
        ``{label: J}``.
    total : sympy expression or float
        Σ J.
    zero_sum : bool
        Whether the sum vanishes.
    method : str
        ``"exact"`` or ``"numeric"``.

    Examples
    --------
    >>> from symbolic_ness import Model, Jump, sigma_minus, sigma_z, projector
    >>> k, w = sp.symbols("kappa omega", positive=True)
    >>> m = Model(1, w * sigma_z() / 2, jumps=[Jump(sigma_minus(), k, "bath")])
    >>> heat_currents(m, projector("0"))
    HeatCurrents(currents={'bath': -kappa*omega}, total=-kappa*omega, zero_sum=False, method='exact')
    """

    currents: dict
    total: Any
    zero_sum: bool
    method: str


def heat_currents(model: Model, rho, tol: float = 1e-9) -> HeatCurrents:
    """Every label's heat current (:func:`heat_current`) and the zero-sum check.

    Parameters
    ----------
    model : Model
        The open system.
    rho : sympy Matrix or numpy array
        A state; in the steady state Σ_ℓ J_ℓ = 0.
    tol : float, default 1e-9
        Relative tolerance of the zero-sum check for numeric input.

    Returns
    -------
    HeatCurrents
        The currents, their sum and the check.

    Examples
    --------
    >>> import sympy as sp
    >>> from symbolic_ness import Model, Jump, embed, sigma_minus, sigma_plus, sigma_z, steady_state
    >>> g = sp.Symbol("g", positive=True)
    >>> Sm0, Sm1 = embed(sigma_minus(), 0, 2), embed(sigma_minus(), 1, 2)
    >>> H = (embed(sigma_z(), 0, 2) + embed(sigma_z(), 1, 2)) / 2 + g * (Sm0.H * Sm1 + Sm1.H * Sm0)
    >>> m = Model(2, H, jumps=[Jump(Sm0, 2, "hot"), Jump(Sm0.H, 1, "hot"), Jump(Sm1, 1, "cold")])
    >>> hc = heat_currents(m, steady_state(m).rho)
    >>> hc.currents["hot"], hc.zero_sum
    (g**2/(4*g**2 + 3), True)
    """
    numeric = is_numeric(rho)
    cur = {lab: heat_current(model, rho, lab) for lab in current_labels(model)}
    total = sum(cur.values()) if cur else 0
    if numeric:
        scale = max([1.0] + [abs(v) for v in cur.values()])
        return HeatCurrents(cur, total, bool(abs(total) <= tol * scale), "numeric")
    from ..algebra._polys import cancel
    total = sp.Add(*cur.values())
    zero = (cancel(total)[0] == 0) if total.free_symbols else sp.simplify(total) == 0
    return HeatCurrents(cur, sp.Integer(0) if zero else total, bool(zero), "exact")


def entropy_production(currents: Mapping, temperatures: Mapping):
    r"""Entropy production rate :math:`\sigma=-\sum_\ell J_\ell/T_\ell` (:math:`k_B=1`; the
    second law says :math:`\sigma\ge0` in a steady state) of the currents ``{label: J}``
    (into the system) from baths at ``{label: T}``; every current needs a temperature.

    Parameters
    ----------
    currents : mapping or HeatCurrents
        ``{label: J}`` into the system.
    temperatures : mapping
        ``{label: T}``.

    Returns
    -------
    float or sympy expression
        σ (float if all currents are floats).

    Raises
    ------
    ParameterError
        A non-zero current has no temperature.

    Examples
    --------
    >>> entropy_production({"hot": 3, "cold": -3}, {"hot": 2, "cold": 1})
    3/2
    """
    cur = dict(currents.currents if isinstance(currents, HeatCurrents) else currents)
    missing = [lab for lab, J in cur.items() if lab not in temperatures and J != 0]
    if missing:
        raise ParameterError("temperature", ", ".join(missing), "a temperature for every bath with a nonzero current "
                             "(give temperature, or occupation and frequency, in its [[bath]])")
    terms = [-sp.sympify(J) / sp.sympify(temperatures[lab]) for lab, J in cur.items() if lab in temperatures]
    if all(isinstance(J, (float, complex)) for J in cur.values()):
        return float(sum(complex(t).real for t in terms))
    return sp.Add(*terms)
