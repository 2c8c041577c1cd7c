r"""The central immutable model object.

A :class:`Model` describes the master equation of ``n`` qubits

.. math::

    \dot\rho = \mathcal L\rho = -i[H,\rho]
      + f\sum_k \kappa_k\Big(L_k\rho L_k^\dagger-\tfrac12\{L_k^\dagger L_k,\rho\}\Big)
      + \sum_i r_i\big(\rho_{\phi,i}\otimes\mathrm{tr}_i\rho-\rho\big),

with :math:`f=1` for ``normalization="standard"`` (QuTiP, Hartmann–Dür–Briegel)
and :math:`f=2` for ``normalization="doubled"`` (Žnidarič's
:math:`\sum_k [L_k\rho,L_k^\dagger]+[L_k,\rho L_k^\dagger]`). Rates
:math:`\kappa_k` multiply the dissipator; a jump operator written
:math:`\sqrt{\kappa}L` in a paper is ``Jump(L, rate=kappa)`` here. The reset
term ``Reset(site, state, rate)`` replaces qubit ``site`` (0-indexed) by the
2×2 density matrix ``state`` at rate ``rate``; it is itself of Lindblad form
with jump operators :math:`\sqrt{r p_m}|\phi_m\rangle\langle k|_i`.

**Sites of any dimension.** ``Model(n, H, ..., dims=(3, 2))`` has sites of the given
dimensions (a three-level atom and a qubit here; ``n = len(dims)``, the Hilbert space has
dimension :math:`\prod_j d_j`); without ``dims`` every site is a qubit, exactly as before.
A reset of a d-level site takes a d×d ``state``. Operators of a d-level site:
:func:`~symbolic_ness.core.transition`, the spin and truncated-mode operators of
:mod:`symbolic_ness.core._levels`, embedded with :func:`~symbolic_ness.core.embed`
``(op, site, dims)``.

Models are immutable and hashable (sympy immutable matrices), so expensive
derived results can be cached keyed by the model.

>>> import sympy as sp
>>> from symbolic_ness import Model, Jump, Reset, sigma_z, embed, projector
>>> g, r, gamma = sp.symbols("g r gamma", positive=True)
>>> H = g * embed(sigma_z(), 0, 2) * embed(sigma_z(), 1, 2)
>>> m = Model(2, H, jumps=[Jump(embed(sigma_z(), i, 2), gamma/2) for i in range(2)],
...           resets=[Reset(i, projector("+"), r) for i in range(2)])
>>> m.parameters
(g, gamma, r)
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Literal, Mapping

import numpy as np
import sympy as sp

from .._errors import ParameterError
from ..algebra._numbers import exact_number, exact_numbers

__all__ = ["Jump", "Reset", "Model"]

Normalization = Literal["standard", "doubled"]


def _imm(m) -> sp.ImmutableSparseMatrix:
    """Immutable sparse copy (floats read as the rationals they print, :func:`exact_number`):
    products and Hermitian conjugates stay cheap for many qubits."""
    return exact_numbers(sp.ImmutableSparseMatrix(m))


def _is_hermitian(m) -> bool:
    dok = m.todok()
    for (i, j), v in dok.items():
        w = dok.get((j, i), 0)
        if sp.simplify(v - sp.conjugate(w)) != 0:
            return False
    return True


def _free(expr_or_matrix) -> set:
    return set(getattr(expr_or_matrix, "free_symbols", set()))


@dataclass(frozen=True)
class Jump:
    """A jump operator ``operator`` (full 2^n × 2^n matrix) with ``rate``.

    Enters the generator as f κ (L ρ L† − ½{L†L, ρ}), f from the model's normalization.

    Parameters
    ----------
    operator : sympy Matrix
        L, the full d×d matrix on all sites (floats become the rationals they print).
    rate : sympy expression, default 1
        κ ≥ 0.
    label : str, default ""
        Free-form name.

    Examples
    --------
    >>> import sympy as sp
    >>> from symbolic_ness.core import Model, Jump, Reset, sigma_minus, sigma_z, projector
    >>> k, w = sp.symbols("kappa omega", positive=True)
    >>> Jump(sigma_minus(), k).rate
    kappa
    """

    operator: sp.ImmutableMatrix
    rate: sp.Expr = sp.Integer(1)
    label: str = ""

    def __post_init__(self):
        object.__setattr__(self, "operator", _imm(self.operator))
        object.__setattr__(self, "rate", sp.sympify(self.rate))


@dataclass(frozen=True)
class Reset:
    """Reset of ``site`` to the one-site density matrix ``state`` (d×d for a d-level site) at ``rate``.

    Enters the generator as r (ρ_φ ⊗ tr_site ρ − ρ).

    Parameters
    ----------
    site : int
        The site (0-indexed).
    state : sympy Matrix
        ρ_φ, a d×d density matrix (Hermitian, trace 1, eigenvalues ≥ 0).
    rate : number or sympy expression
        r ≥ 0.

    Raises
    ------
    ParameterError
        ``state`` is not a density matrix.

    Examples
    --------
    >>> import sympy as sp
    >>> from symbolic_ness.core import Model, Jump, Reset, sigma_minus, sigma_z, projector
    >>> k, w = sp.symbols("kappa omega", positive=True)
    >>> Reset(0, projector("+"), k).state
    Matrix([
    [1/2, 1/2],
    [1/2, 1/2]])
    """

    site: int
    state: sp.ImmutableMatrix
    rate: sp.Expr

    def __post_init__(self):
        object.__setattr__(self, "state", _imm(self.state))
        object.__setattr__(self, "rate", exact_number(self.rate, "rate"))
        _check_density_matrix(self.state, "reset state")


def _check_density_matrix(rho: sp.Matrix, name: str):
    if rho.rows != rho.cols or rho.rows < 2:
        raise ParameterError(name, rho.shape, "a 2x2 density matrix (dxd on a d-level site)")
    if not _is_hermitian(rho):
        k = rho.rows
        raise ParameterError(name, rho.tolist(), f"a Hermitian {k}x{k} matrix with unit trace and eigenvalues >= 0")
    if sp.simplify(rho.trace() - 1) != 0:
        raise ParameterError(name, rho.tolist(), "a density matrix: trace 1")
    if not rho.free_symbols:
        ev = np.linalg.eigvalsh(np.array(rho.evalf(), dtype=complex))
        if ev.min() < -1e-12:
            raise ParameterError(name, rho.tolist(), "a density matrix: eigenvalues >= 0")


@dataclass(frozen=True)
class Model:
    """Immutable description of an open system of ``n`` sites (see module docstring).

    dρ/dt = −i[H, ρ] + f Σ_k κ_k (L_k ρ L_k† − ½{L_k†L_k, ρ}) + Σ_i r_i (ρ_φ,i ⊗ tr_i ρ − ρ),
    f = 1 (``"standard"``) or 2 (``"doubled"``).

    Parameters
    ----------
    n : int
        Number of sites (≥ 1).
    hamiltonian : sympy Matrix
        H, d×d Hermitian (d = Π_j d_j), may contain symbols.
    jumps : iterable of Jump, default ()
        The dissipators.
    resets : iterable of Reset, default ()
        The resets.
    normalization : str, default "standard"
        ``"standard"`` (κ D[L]) or ``"doubled"`` (2κ D[L]).
    name : str, default "model"
        Free-form label used in LaTeX and caches.
    constraints : mapping or tuple, default ()
        ``{symbol: (lo, hi)}`` extra allowed ranges (rates are always required ≥ 0).
    dims : tuple of int, default ()
        Site dimensions ``(d_0, ..., d_(n-1))`` (each ≥ 2); ``()``: all qubits.

    Raises
    ------
    ParameterError
        Wrong shapes, non-Hermitian H, bad normalization or dims.

    Examples
    --------
    >>> import sympy as sp
    >>> from symbolic_ness.core import Model, Jump, Reset, sigma_minus, sigma_z, projector
    >>> k, w = sp.symbols("kappa omega", positive=True)
    >>> m = Model(1, w * sigma_z() / 2, jumps=[Jump(sigma_minus(), k)])
    >>> m.parameters, m.dim, m.factor
    ((kappa, omega), 2, 1)
    """

    n: int
    hamiltonian: sp.ImmutableMatrix
    jumps: tuple = ()
    resets: tuple = ()
    normalization: Normalization = "standard"
    name: str = "model"
    constraints: tuple = field(default=())
    dims: tuple = ()

    def __post_init__(self):
        if not isinstance(self.n, int) or self.n < 1:
            raise ParameterError("n", self.n, "an integer n >= 1")
        object.__setattr__(self, "dims", _check_dims(self.dims, self.n))
        H = _imm(self.hamiltonian)
        d = self.dim
        if H.shape != (d, d):
            what = f"n = {self.n} qubits" if self.is_qubits else f"site dimensions {list(self.dims)}"
            raise ParameterError("hamiltonian", H.shape, f"a {d}x{d} matrix for {what}")
        if not _is_hermitian(H):
            raise ParameterError("hamiltonian", "non-Hermitian matrix", "a Hermitian matrix (H = H^dagger) with real parameters")
        object.__setattr__(self, "hamiltonian", H)
        jumps = tuple(self.jumps)
        for j in jumps:
            if not isinstance(j, Jump):
                raise ParameterError("jumps", j, "Jump(operator, rate) objects")
            if j.operator.shape != (d, d):
                raise ParameterError("jumps", j.operator.shape, f"{d}x{d} operators")
        resets = tuple(self.resets)
        for rs in resets:
            if not isinstance(rs, Reset):
                raise ParameterError("resets", rs, "Reset(site, state, rate) objects")
            if not 0 <= rs.site < self.n:
                raise ParameterError("site", rs.site, f"0 <= site <= {self.n - 1}")
            ds = self.dims[rs.site]
            if rs.state.shape != (ds, ds):
                raise ParameterError("reset state", rs.state.shape,
                                     f"a {ds}x{ds} density matrix (site {rs.site} has dimension {ds})")
        if self.normalization not in ("standard", "doubled"):
            raise ParameterError("normalization", self.normalization, "'standard' or 'doubled'")
        cons = self.constraints
        if isinstance(cons, Mapping):
            cons = tuple(sorted(((sp.sympify(k), tuple(v)) for k, v in cons.items()), key=lambda kv: str(kv[0])))
        object.__setattr__(self, "jumps", jumps)
        object.__setattr__(self, "resets", resets)
        object.__setattr__(self, "constraints", tuple(cons))

    # ------------------------------------------------------------------ info
    @property
    def dim(self) -> int:
        r"""Hilbert-space dimension :math:`\prod_j d_j` (2^n for qubits)."""
        return int(np.prod(self.dims)) if self.dims else 2 ** self.n

    @property
    def is_qubits(self) -> bool:
        """Whether every site is a qubit (the Pauli-string engines apply)."""
        return all(d == 2 for d in self.dims)

    @property
    def factor(self) -> int:
        """Dissipator prefactor f (1 standard, 2 doubled)."""
        return 1 if self.normalization == "standard" else 2

    @property
    def parameters(self) -> tuple:
        """Free symbols of the model, sorted by name."""
        s = _free(self.hamiltonian)
        for j in self.jumps:
            s |= _free(j.operator) | _free(j.rate)
        for rs in self.resets:
            s |= _free(rs.state) | _free(rs.rate)
        return tuple(sorted(s, key=lambda x: x.name))

    def rates(self) -> list:
        """All rate expressions (must be >= 0)."""
        return [j.rate for j in self.jumps] + [rs.rate for rs in self.resets]

    # --------------------------------------------------------- substitution
    def _values(self, values: Mapping) -> dict:
        byname = {p.name: p for p in self.parameters}
        out = {}
        for k, v in dict(values).items():
            key = k if isinstance(k, sp.Symbol) else byname.get(str(k))
            if key is None:
                raise ParameterError(str(k), v, "one of " + ", ".join(sorted(byname)))
            try:
                out[key] = exact_number(v, key.name)
            except (sp.SympifyError, TypeError, ValueError) as exc:
                if isinstance(exc, ParameterError):
                    raise
                raise ParameterError(key.name, v, "a real number") from None
        return out

    def validate(self, values: Mapping) -> dict:
        """Check numeric parameter values; returns ``{symbol: value}``.

        Rates must be >= 0 and the model's ``constraints`` hold. Floats become the rationals
        they print (:func:`~symbolic_ness.algebra.exact_number`; no guessing of "nice" numbers):

        Parameters
        ----------
        values : mapping
            ``{symbol or name: number}`` for some or all parameters.

        Returns
        -------
        dict
            ``{symbol: exact value}``.

        Raises
        ------
        ParameterError
            Unknown name, non-real value, a negative rate, or a violated constraint.

        Examples
        --------
        >>> import sympy as sp
        >>> from symbolic_ness import Model, Jump, sigma_minus
        >>> k = sp.Symbol("kappa", positive=True)
        >>> Model(1, sp.zeros(2, 2), jumps=[Jump(sigma_minus(), k)]).validate({"kappa": 1.4142135623730951})
        {kappa: 14142135623730951/10000000000000000}
        """
        vals = self._values(values)
        for p, v in vals.items():
            if not v.is_real:
                raise ParameterError(p.name, v, "a real number")
            if p.is_nonnegative and v < 0:
                raise ParameterError(p.name, float(v), f"{p.name} >= 0")
        for rate in self.rates():
            rv = rate.subs(vals)
            if rv.is_number and rv < 0:
                name = rate.name if isinstance(rate, sp.Symbol) else str(rate)
                raise ParameterError(name, float(rv), f"rate {rate} >= 0")
        for sym, (lo, hi) in self.constraints:
            v = sp.sympify(sym).subs(vals)
            if v.is_number and ((lo is not None and v < lo) or (hi is not None and v > hi)):
                raise ParameterError(str(sym), float(v), f"{lo} <= {sym} <= {hi}")
        return vals

    def subs(self, values: Mapping) -> "Model":
        """The same model with (some) parameters replaced by exact values.

        Parameters
        ----------
        values : mapping
            ``{symbol or name: number}``, checked by :meth:`validate`.

        Returns
        -------
        Model
            The model with those parameters replaced (same normalization, name, dims).

        Raises
        ------
        ParameterError
            As :meth:`validate`.

        Examples
        --------
        >>> import sympy as sp
        >>> from symbolic_ness.core import Model, Jump, Reset, sigma_minus, sigma_z, projector
        >>> k, w = sp.symbols("kappa omega", positive=True)
        >>> Model(1, w * sigma_z() / 2, jumps=[Jump(sigma_minus(), k)]).subs({"omega": 0.5}).hamiltonian
        Matrix([
        [1/4,    0],
        [  0, -1/4]])
        """
        vals = self.validate(values)
        return Model(
            self.n,
            self.hamiltonian.subs(vals),
            tuple(Jump(j.operator.subs(vals), j.rate.subs(vals), j.label) for j in self.jumps),
            tuple(Reset(rs.site, rs.state.subs(vals), rs.rate.subs(vals)) for rs in self.resets),
            self.normalization,
            self.name,
            tuple((sym, b) for sym, b in self.constraints if sp.sympify(sym) not in vals),  # (checked above)
            self.dims,
        )

    def key(self) -> str:
        """A stable string identifying the model (used as cache key)."""
        n = self.n if self.is_qubits else sp.Tuple(*self.dims)  # qubit keys unchanged
        return sp.srepr((n, self.hamiltonian, tuple((j.operator, j.rate) for j in self.jumps),
                         tuple((sp.Integer(rs.site), rs.state, rs.rate) for rs in self.resets),
                         sp.Symbol(self.normalization)))

    # ----------------------------------------------------- Lindblad terms
    def sandwich_terms(self) -> list:
        r"""The generator as a list of ``(c, A, B)`` meaning :math:`c\,A\rho B^\dagger`.

        Hamiltonian: :math:`-iH\rho + i\rho H`; dissipator:
        :math:`f\kappa(L\rho L^\dagger-\frac12L^\dagger L\rho-\frac12\rho L^\dagger L)`;
        reset: :math:`r\sum_{k,x,y}(\rho_\phi)_{xy}\,|x\rangle\langle k|_i\,\rho\,(|y\rangle\langle k|_i)^\dagger - r\rho`.
        """
        from ._operators import embed

        d = self.dim
        one = sp.ImmutableMatrix(sp.eye(d))
        H = self.hamiltonian
        terms = [(-sp.I, H, one), (sp.I, one, H)]
        for j in self.jumps:
            L = j.operator
            LdL = _imm(L.H * L)
            k = self.factor * j.rate
            terms += [(k, L, L), (-k / 2, LdL, one), (-k / 2, one, LdL)]
        sites = self.n if self.is_qubits else self.dims
        for rs in self.resets:
            ds = self.dims[rs.site]
            for kk in range(ds):
                for x in range(ds):
                    for y in range(ds):
                        c = rs.state[x, y]
                        if c == 0:
                            continue
                        ex = sp.zeros(ds, ds); ex[x, kk] = 1
                        ey = sp.zeros(ds, ds); ey[y, kk] = 1
                        terms.append((rs.rate * c, _imm(embed(ex, rs.site, sites)), _imm(embed(ey, rs.site, sites))))
            terms.append((-rs.rate, one, one))
        return terms

    def qutip_jump_operators(self, values: Mapping | None = None) -> list:
        """Numeric jump operators (numpy) of the whole generator in standard form.

        Each returned ``L`` enters as :math:`L\\rho L^\\dagger-\\frac12\\{L^\\dagger L,\\rho\\}`
        (QuTiP's convention); rates and the normalization factor are absorbed.
        Resets become :math:`\\sqrt{r p_m}|\\phi_m\\rangle\\langle k|_i`.
        """
        from ._operators import embed

        vals = self.validate(values or {})
        ops = []
        for j in self.jumps:
            k = _scalar(self.factor * j.rate, vals)
            ops.append(np.sqrt(k.real) * _to_numpy(j.operator, vals))
        sites = self.n if self.is_qubits else self.dims
        for rs in self.resets:
            r = _scalar(rs.rate, vals).real
            st = _to_numpy(rs.state, vals)
            p, vecs = np.linalg.eigh(st)
            ds = st.shape[0]
            for m in range(ds):
                if p[m] <= 1e-15:
                    continue
                for kk in range(ds):
                    bra = np.zeros(ds); bra[kk] = 1
                    op = np.sqrt(r * p[m]) * np.outer(vecs[:, m], bra)
                    ops.append(embed(op, rs.site, sites))
        return ops


def _check_dims(dims, n: int) -> tuple:
    """``dims`` as a tuple of ``n`` integers >= 2 (``()``: all qubits)."""
    if dims is None or (not isinstance(dims, (str, bytes)) and hasattr(dims, "__len__") and len(dims) == 0):
        return (2,) * n
    try:
        out = tuple(dims)
    except TypeError:
        raise ParameterError("dims", dims, "a list of site dimensions, each an integer >= 2") from None
    for d in out:
        if isinstance(d, bool) or not isinstance(d, (int, np.integer)) or d < 2:
            raise ParameterError("dims", list(out), "a list of site dimensions, each an integer >= 2")
    if len(out) != n:
        raise ParameterError("dims", list(out), f"one dimension per site: {n} entries (n = {n})")
    return tuple(int(d) for d in out)


def _to_numpy(m: sp.MatrixBase, vals: Mapping) -> np.ndarray:
    """Evaluate a sympy matrix at ``vals`` into a complex numpy array (sparse-aware).

    A parameter without a value raises :class:`ParameterError` naming it.
    """
    out = np.zeros(m.shape, dtype=complex)
    for (i, j), v in m.todok().items():
        out[i, j] = _scalar(v, vals)
    return out


def _scalar(v, vals: Mapping) -> complex:
    """``v`` at ``vals`` as a complex number; a parameter without a value raises
    :class:`ParameterError` naming it (never a ``TypeError``)."""
    w = sp.sympify(v)
    if w.free_symbols:  # xreplace: exact symbol -> number replacement (faster than subs)
        w = w.xreplace(dict(vals))
    if w.free_symbols:
        missing = sorted(s.name for s in w.free_symbols)
        raise ParameterError(missing[0], None, "a value for every parameter of a numeric solve "
                             f"(missing: {', '.join(missing)})")
    return complex(sp.N(w))


def symbols_from(names: Iterable[str]) -> tuple:
    """Positive real symbols, the package's default for rates and couplings."""
    return tuple(sp.Symbol(n, positive=True) for n in names)
