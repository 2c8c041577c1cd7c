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

__all__ = ["Bath", "bath_jumps", "with_baths", "bath_temperatures", "file_bath_objects"]


@dataclass(frozen=True)
class Bath:
    """A thermal bath on ``operator`` (a full matrix) with ``rate`` and ``label``; give
    ``occupation``, or ``temperature`` and ``frequency``; ``statistics`` ``"bose"``/``"fermi"``.

    Attributes
    ----------
    operator : sympy ImmutableMatrix
        L (lowering-type), the full matrix.
    rate : sympy expression
        γ.
    label : str
        The bath's label (shared by its jumps).
    occupation : sympy expression or None, default None
        n.
    temperature, frequency : sympy expression or None, default None
        T and ω, n = 1/(e^(ω/T) ∓ 1).
    statistics : str, default "bose"
        ``"bose"`` or ``"fermi"``.
    form : str, default "local"
        ``"local"`` or ``"global"`` (secular, in the eigenbasis of H).

    Raises
    ------
    ParameterError
        Bad statistics or form, not exactly one of occupation/temperature, a temperature without
        frequency (local form), or values out of range.

    Examples
    --------
    >>> from symbolic_ness.core import Model, sigma_minus, sigma_z, steady_state
    >>> k, n, w = sp.symbols("kappa n omega", positive=True)
    >>> Bath(sigma_minus(), k, "hot", occupation=n).rates()
    (kappa*(n + 1), kappa*n)
    """

    operator: sp.ImmutableMatrix
    rate: sp.Expr
    label: str
    occupation: sp.Expr | None = None
    temperature: sp.Expr | None = None
    frequency: sp.Expr | None = None
    statistics: str = "bose"
    form: str = "local"

    def __post_init__(self):
        if self.form not in ("local", "global"):
            raise ParameterError("form", self.form, '"local" or "global"')
        object.__setattr__(self, "operator", sp.ImmutableMatrix(self.operator))
        object.__setattr__(self, "rate", sp.sympify(self.rate))
        if self.statistics not in ("bose", "fermi"):
            raise ParameterError("statistics", self.statistics, '"bose" or "fermi"')
        if (self.occupation is None) == (self.temperature is None):
            raise ParameterError("occupation", self.occupation, "exactly one of occupation or temperature (with frequency)")
        if self.temperature is not None and self.frequency is None and self.form == "local":
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
        """The occupation :math:`n` (at ``frequency`` for a temperature bath; default its own).

        n = 1/(e^(ω/T) ∓ 1) (Bose −, Fermi +), or the fixed occupation.

        Parameters
        ----------
        frequency : sympy expression or None, default None
            ω (``None``: the bath's own).

        Returns
        -------
        sympy expression
            n.

        Examples
        --------
        >>> from symbolic_ness.core import sigma_minus
        >>> k, T, w = sp.symbols("kappa T omega", positive=True)
        >>> b = Bath(sigma_minus(), k, "c", temperature=T, frequency=w)
        >>> b.occupation_expr(), b.occupation_expr(2 * w)
        (1/(exp(omega/T) - 1), 1/(exp(2*omega/T) - 1))
        """
        if self.occupation is not None:
            return self.occupation
        w = self.frequency if frequency is None else sp.sympify(frequency)
        return 1 / (sp.exp(w / self.temperature) + (1 if self.statistics == "fermi" else -1))

    def rates(self):
        """``(rate on L, rate on L^dagger)``: emission and absorption.

        Bose: (γ(n + 1), γn); Fermi: (γ(1 − n), γn).

        Returns
        -------
        tuple
            ``(emission, absorption)`` rates.

        Examples
        --------
        >>> from symbolic_ness.core import sigma_minus
        >>> n = sp.Symbol("n", positive=True)
        >>> Bath(sigma_minus(), 1, "f", occupation=n, statistics="fermi").rates()
        (1 - n, n)
        """
        n = self.occupation_expr()
        emit = self.rate * ((1 - n) if self.statistics == "fermi" else (n + 1))
        return emit, self.rate * n

    def temperature_expr(self):
        """The bath temperature (``None`` without temperature or frequency).

        T, or from an occupation and a frequency T = ω/ln(1 + 1/n) (Bose), ω/ln(1/n − 1) (Fermi).

        Returns
        -------
        sympy expression or None
            T.

        Examples
        --------
        >>> from symbolic_ness.core import sigma_minus
        >>> n, w = sp.symbols("n omega", positive=True)
        >>> Bath(sigma_minus(), 1, "h", occupation=n, frequency=w).temperature_expr()
        omega/log(1 + 1/n)
        """
        if self.temperature is not None:
            return self.temperature
        if self.frequency is None:
            return None
        n = self.occupation
        ratio = (1 / n - 1) if self.statistics == "fermi" else (1 + 1 / n)
        return self.frequency / sp.log(ratio)


def bath_jumps(bath: Bath, hamiltonian=None, bounds: Mapping | None = None) -> tuple:
    r"""The labelled jumps of ``bath``: local form, the two jumps of the module docstring; global
    form (``bath.form == "global"``, needs ``hamiltonian``), for every Bohr frequency
    :math:`\omega` of :math:`L` the secular component
    :math:`L(\omega)=\sum_{\epsilon'-\epsilon=\omega}\Pi_\epsilon L\Pi_{\epsilon'}` in the exact eigenbasis
    of :math:`H` with rates :math:`\gamma(n(\omega)+1)` and :math:`\gamma n(\omega)` on its adjoint
    (:math:`n(\omega)` from the temperature; a fixed ``occupation`` is used at every frequency).
    Every :math:`\omega` must be certified :math:`>0` on the domain (``bounds`` and the symbols'
    assumptions): a lowering-type operator; otherwise, or when the spectrum of :math:`H` has an
    irreducible factor of degree :math:`\ge3`, a one-line ParameterError.

    Parameters
    ----------
    bath : Bath
        The bath.
    hamiltonian : sympy Matrix or None, default None
        H (needed for the global form).
    bounds : mapping or None, default None
        Intervals of the parameters for the certificates ω > 0.

    Returns
    -------
    tuple of Jump
        The jumps, all labelled ``bath.label``.

    Raises
    ------
    ParameterError
        Global form without H, a Bohr frequency not certified > 0, or a spectrum of H that is not
        explicit.

    Examples
    --------
    >>> from symbolic_ness.core import Model, sigma_minus, sigma_z, steady_state
    >>> k, n, w = sp.symbols("kappa n omega", positive=True)
    >>> [(j.rate, j.operator[0, 1]) for j in bath_jumps(Bath(sigma_minus(), k, "g", occupation=n, form="global"), w * sigma_z() / 2)]
    [(kappa*(n + 1), 0), (kappa*n, 1)]
    """
    L = bath.operator
    if bath.form == "local":
        emit, absorb = bath.rates()
        return (Jump(L, emit, bath.label), Jump(sp.ImmutableMatrix(L.H), absorb, bath.label))
    if hamiltonian is None:
        raise ParameterError("form", "global", "a Hamiltonian for the global form (bath_jumps(bath, H))")
    out = []
    for w, Lw in _bohr_components(sp.Matrix(L), sp.Matrix(hamiltonian), bath.label, bounds or {}):
        n = bath.occupation_expr(w)
        emit = bath.rate * ((1 - n) if bath.statistics == "fermi" else (n + 1))
        out += [Jump(Lw, emit, bath.label), Jump(sp.ImmutableMatrix(Lw.H), bath.rate * n, bath.label)]
    return tuple(out)


def _eigenspaces(H: sp.Matrix) -> list:
    """``[(energy, projector)]`` of the exact spectrum of ``H`` (block by block; equal energies
    merged), or a ParameterError when a block's characteristic polynomial has an irreducible
    factor of degree >= 3."""
    from ..algebra import block_split
    dim = H.shape[0]
    dok = {k: v for k, v in H.todok().items() if v != 0}
    lam = sp.Symbol("lambda_H")  # a Symbol: charpoly(...).as_expr() keeps it (a Dummy is replaced)
    spaces: list = []
    for block in block_split(dok, dim):
        idx = sorted(block)
        B = H.extract(idx, idx)
        _, facs = sp.factor_list(B.charpoly(lam).as_expr(), lam)
        for f, _ in facs:
            if not f.has(lam):
                continue
            deg = sp.degree(f, lam)
            if deg > 2:
                raise ParameterError("form", "global", f"a Hamiltonian whose spectrum is solved exactly (a {len(idx)}x"
                                     f"{len(idx)} block has an irreducible degree-{deg} factor): use the local form")
            for E in sp.solve(f, lam):
                vecs = (B - E * sp.eye(len(idx))).applyfunc(sp.simplify).nullspace(simplify=True)
                vecs = sp.GramSchmidt(vecs, orthonormal=True) if vecs else []
                P = sp.zeros(dim, dim)
                for v in vecs:
                    full = sp.zeros(dim, 1)
                    for k, i in enumerate(idx):
                        full[i] = v[k]
                    P += full * full.H
                for k, (E2, P2) in enumerate(spaces):
                    if sp.simplify(E - E2) == 0:
                        spaces[k] = (E2, P2 + P)
                        break
                else:
                    spaces.append((E, P))
    return [(E, P.applyfunc(sp.simplify)) for E, P in spaces]


def _bohr_components(L: sp.Matrix, H: sp.Matrix, label: str, bounds: Mapping) -> list:
    from ..algebra import certify_positive
    spaces = _eigenspaces(H)
    comps: list = []
    for Ea, Pa in spaces:
        for Eb, Pb in spaces:
            C = (Pa * L * Pb).applyfunc(sp.simplify)
            if C.is_zero_matrix:
                continue
            w = sp.simplify(Eb - Ea)
            if certify_positive(w, bounds) is None:
                raise ParameterError(f"bath {label!r} operator", "not lowering-type",
                                     f"a lowering-type operator for form = \"global\" (a Bohr component has frequency "
                                     f"{w}, not certified > 0 on the declared domain)")
            for k, (w2, C2) in enumerate(comps):
                if sp.simplify(w - w2) == 0:
                    comps[k] = (w2, C2 + C)
                    break
            else:
                comps.append((w, C))
    return [(w, sp.ImmutableMatrix(C.applyfunc(sp.simplify))) for w, C in comps]


def with_baths(model: Model, baths, bounds: Mapping | None = None) -> Model:
    """``model`` with the jumps of every bath added (:func:`bath_jumps`, local or global form).

    Parameters
    ----------
    model : Model
        The model.
    baths : iterable of Bath
        The baths.
    bounds : mapping or None, default None
        As for :func:`bath_jumps`.

    Returns
    -------
    Model
        The model with the bath jumps appended.

    Examples
    --------
    A qubit in a thermal bath of occupation n: ⟨σz⟩ = −1/(2n + 1):

    >>> from symbolic_ness.core import Model, sigma_minus, sigma_z, steady_state
    >>> k, n, w = sp.symbols("kappa n omega", positive=True)
    >>> m = with_baths(Model(1, w * sigma_z() / 2), [Bath(sigma_minus(), k, "hot", occupation=n)])
    >>> steady_state(m).expectations["Z"]
    -1/(2*n + 1)
    """
    extra = tuple(j for b in baths for j in bath_jumps(b, model.hamiltonian, bounds))
    return Model(model.n, model.hamiltonian, model.jumps + extra, model.resets, model.normalization, model.name,
                 model.constraints, dims=model.dims)


def bath_temperatures(baths, values: Mapping | None = None) -> dict:
    """``{label: T}`` of the baths whose temperature is known (see :meth:`Bath.temperature_expr`),
    with ``values`` substituted.

    Parameters
    ----------
    baths : iterable of Bath
        The baths.
    values : mapping or None, default None
        Parameter values substituted.

    Returns
    -------
    dict
        ``{label: T}``.

    Examples
    --------
    >>> from symbolic_ness.core import Model, sigma_minus, sigma_z, steady_state
    >>> k, n, w = sp.symbols("kappa n omega", positive=True)
    >>> T = sp.Symbol("T", positive=True)
    >>> bath_temperatures([Bath(sigma_minus(), k, "hot", temperature=T, frequency=w),
    ...                    Bath(sigma_minus(), k, "cold", occupation=n, frequency=w)])
    {'hot': T, 'cold': omega/log(1 + 1/n)}
    """
    out = {}
    for b in baths:
        T = b.temperature_expr()
        if T is not None:
            out[b.label] = T.subs(values or {})
    return out


# --------------------------------------------------------------------------- model files
BATH_KEYS = ("operator", "rate", "occupation", "temperature", "frequency", "statistics", "label", "form")


def read_bath_tables(tables, symbols: Mapping, bounds: Mapping, where, check_sites) -> tuple:
    """``[[bath]]`` tables of a model file (``[(section, table)]``) read into
    ``(operator PauliSum, rate, label, occupation, temperature, frequency, statistics)`` tuples,
    each checked: a one-line :class:`~symbolic_ness.ParameterError` naming the key for a missing
    operator, an occupation outside [0, inf) (Bose) / [0, 1] (Fermi) on the declared domain,
    a non-positive temperature or frequency, a negative rate."""
    from ..core import PauliSum, parse_expression
    from ..algebra import certify_nonnegative, certify_positive

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
        form = t.get("form", "local")
        if form not in ("local", "global"):
            raise ParameterError(where(sec, "form"), form, '"local" or "global"')
        if "temperature" in vals and "frequency" not in vals and form == "local":
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
        out.append((op, rate, label, n, vals.get("temperature"), vals.get("frequency"), stats, form))
    labels = [b[2] for b in out]
    if len(set(labels)) != len(labels):
        raise ParameterError("bath.label", ", ".join(labels), "distinct bath labels")
    return tuple(out)


def file_baths(entries, n: int) -> tuple:
    """:class:`Bath` objects of the tuples of :func:`read_bath_tables` on ``n`` sites."""
    return tuple(Bath(op.matrix(n), rate, label, occupation=occ, temperature=T, frequency=w, statistics=st, form=fm)
                 for op, rate, label, occ, T, w, st, fm in entries)


def file_bath_objects(model_file, n: int) -> tuple:
    r"""The :class:`Bath` objects of a model file's ``[[bath]]`` tables on ``n`` sites.

    Parameters
    ----------
    model_file : ModelFile
        A file from :func:`~symbolic_ness.engines.read_model_file`.
    n : int
        Number of sites.

    Returns
    -------
    tuple of Bath
        One per ``[[bath]]`` table.

    Examples
    --------
    >>> from symbolic_ness.engines import read_model_file
    >>> mf = read_model_file('sites = 1\nhamiltonian = "Z0"\n[[bath]]\noperator = "Sm0"\noccupation = "1/2"\nlabel = "b"')
    >>> [(b.label, b.rate, b.occupation) for b in file_bath_objects(mf, 1)]
    [('b', 1, 1/2)]
    """
    return file_baths(getattr(model_file, "baths", ()), n)
