r"""Steady states: exact (symbolic or exact-rational) and numeric null spaces.

Method as an argument, status in the result: :func:`steady_state` returns a
:class:`SteadyState` carrying the null-space dimension, uniqueness, the
residual :math:`\|\mathcal L\,\mathrm{vec}\rho\|_2` and the assumptions used.
A non-unique steady state is reported (``unique=False``, ``basis`` holds the
null-space states), never silently picked.

Methods
-------
All exact methods solve :math:`Mx=0` for the real Pauli-basis generator :math:`M` (see
:mod:`symbolic_ness.core._liouvillian`), valid for *generic* parameter values (the result
lists the factored denominators and the rank-drop locus).

``"exact-field"``
    sympy ``DomainMatrix.nullspace`` over the rational-function field, block by block
    (the original kernel).
``"exact-ring"``
    fraction-free elimination over :math:`\mathbb Z[p]`, primitive part, exact certificate.
``"exact-interpolate"``
    null spaces at random points modulo 62-bit primes, rational and multivariate
    interpolation, rational reconstruction, exact certificate
    (:mod:`symbolic_ness.algebra._interpolate`).
``"exact"``
    nullity read at a random modular point; for a unique steady state the weak symmetries
    are detected (:mod:`symbolic_ness.core._symmetry`) and only the trace sector is
    solved; the interpolation kernel (ring as fallback, field for non-polynomial entries).
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
import sympy as sp

from .._cache import cached
from .._errors import NonUniqueSteadyStateError, ParameterError
from ._liouvillian import _pauli_string_dok, liouvillian_numeric, model_basis, pauli_liouvillian
from ._model import Model
from ..algebra._linalg import nullspace_numeric
from ..algebra._linalg_ring import NotPolynomialError, _ctx, _lcm, _to_expr, _to_int_poly
from ..algebra._polys import factor, factor_list
from ._factored import dens_of, flint_factored, safe_factor, trace_factors
from .._log import staged

__all__ = ["SteadyState", "steady_state", "exact_nullspace", "pauli_to_density"]


@dataclass(frozen=True)
class SteadyState:
    """Result of a steady-state solve.

    Exact unique results are *lazy*: ``rho``, ``expectations`` and ``denominators`` are
    computed (sympy conversion, factoring) on first access, from the certified polynomial null
    vector; :meth:`expectations_at` evaluates the expectation values at parameter values
    without building sympy expressions. Constructing ``SteadyState(...)`` directly is unchanged.

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
    symmetries : weak symmetries used to reduce the exact solve to the trace sector.
    timings : seconds per stage of the exact solve (``liouvillian``, ``convert``, ``rank``,
        ``symmetry``, ``homogeneity_reduce``, ``solve``, ``homogeneity_restore``, ``certify``,
        ``to_sympy`` (the certified vector as sympy expressions), ``rank_drop``, ``total``; as first computed;
        ``pencil_*`` entries when the adjugate-pencil kernel ran: its stages, CPU seconds of the
        lines and interpolation over all primes, primes, lines per prime, workers).
    rank_drop : polynomials :math:`f` (from the denominators and the parameters) on whose
        zero set the null space is larger (seen at random points of :math:`f=0`). For a large
        (``fmpz_mpoly``) result whose trace coordinate has more than ``RANK_DROP_TERMS`` terms it
        is computed on first access (the 4 x 3 chain: ~1 s), and a factor that could not be
        tested then adds an assumption "rank drop not tested on ...". Empty *and* an
        assumption "rank drop not checked (...)" when a small result's trace coordinate was too
        large to factor — then nothing is claimed about rank drops.
    reductions : what the exact engine did to shrink the solve, one dict per solved block:
        ``{"name": "homogeneity", "used": bool, "why": str, ...}`` (when used also the
        ``eliminated`` symbol and the reason for the ``choice``). Scale homogeneity is used
        only when the engine proves every row of the solved block homogeneous (all symbols
        rates or energies, no fixed numeric energy scale); see
        :mod:`symbolic_ness.algebra._homogeneity`. ``steady_state(..., reductions=())``
        disables it (same certified result).
    reconstruction : what the exact kernel did (exact only): ``kernel``, ``symbols``,
        ``solved_in`` (the variables actually interpolated; one fewer with the homogeneity
        reduction), ``sector_size``, ``probes_per_prime`` (lines), ``primes``, the kernel's
        record (``pencil``: variable, degrees, total degree, mirrored symbols, lines per prime,
        primes, workers, seconds per prime; or ``interpolation``: degree, lines, evaluations,
        primes) and ``vectors``: terms, total degree and degree per symbol of the certified
        null vector(s). Seconds per stage are in ``timings``.

    Examples
    --------
    A driven decaying qubit (resonance fluorescence), H = ω σx/2, L = σ−:

    >>> from symbolic_ness.core import Model, Jump, sigma_minus, sigma_x
    >>> k, w = sp.symbols("kappa omega", positive=True)
    >>> ss = steady_state(Model(1, w * sigma_x() / 2, jumps=[Jump(sigma_minus(), k)]))
    >>> ss.unique, ss.nullity, ss.residual, ss.expectations["Z"]
    (True, 1, 0.0, -kappa**2/(kappa**2 + 2*omega**2))
    """

    rho: Any
    nullity: int
    unique: bool
    residual: float
    method: str
    assumptions: tuple = ()
    denominators: tuple = field(default_factory=tuple)  # no class attribute: lazy via __getattr__
    basis: tuple = ()
    expectations: dict = field(default_factory=dict)
    symmetries: tuple = ()
    timings: dict = field(default_factory=dict)
    rank_drop: tuple = field(default_factory=tuple)  # lazy for large results (see denominators)
    reductions: tuple = ()
    reconstruction: dict = field(default_factory=dict)

    def __getattr__(self, name):
        # only reached when normal lookup fails: the lazy exact fields before their first access
        d = self.__dict__
        if name == "denominators" and d.get("_dens") is not None:  # alone (no rho): large results
            object.__setattr__(self, "denominators", d["_dens"]())
            return self.denominators
        if name == "rank_drop" and d.get("_rank") is not None:  # deferred test of a large result
            found, note = d["_rank"]()
            object.__setattr__(self, "rank_drop", found)
            object.__setattr__(self, "_rank", None)
            if note:
                object.__setattr__(self, "assumptions", tuple(self.assumptions) + (note,))
            return found
        if name in _LAZY_FIELDS and d.get("_lazy") is not None:
            vals = d["_lazy"]()
            for k, v in vals.items():
                object.__setattr__(self, k, v)
            object.__setattr__(self, "_dens", None)
            object.__setattr__(self, "_lazy", None)
            return vals[name]
        raise AttributeError(f"{type(self).__name__!s} has no attribute {name!r}")

    def __getstate__(self):  # pickling computes the lazy fields (the thunk and fmpz_mpoly do not pickle)
        for k in _LAZY_FIELDS + ("rank_drop",):
            getattr(self, k)
        d = dict(self.__dict__)
        d.pop("_rank", None)
        d.pop("_lazy", None)
        d.pop("_dens", None)
        d.pop("_poly", None)
        d.pop("_vec", None)
        return d

    def expectations_at(self, values: Mapping) -> dict:
        r"""``{Pauli label: <P>}`` (floats) at parameter ``values`` (name or symbol -> number).

        Exact results only: :math:`\langle P_\mu\rangle=x_\mu/x_0` evaluated exactly at the
        rationals the values print (python-flint when the certified polynomial vector is kept,
        else sympy), then rounded to float. Zero expectations are omitted, as in ``expectations``.

        Parameters
        ----------
        values : mapping
            ``{name or symbol: number}`` for every parameter.

        Returns
        -------
        dict
            ``{label: float}`` of the non-zero ⟨P⟩.

        Raises
        ------
        ParameterError
            A value is missing, the state is not unique, or the result is numeric.

        Examples
        --------
        >>> from symbolic_ness.core import Model, Jump, sigma_minus, sigma_x
        >>> k, w = sp.symbols("kappa omega", positive=True)
        >>> ss = steady_state(Model(1, w * sigma_x() / 2, jumps=[Jump(sigma_minus(), k)]))
        >>> ss.expectations_at({"kappa": 1, "omega": 1})  # <Y> = 2κω/(κ²+2ω²), <Z> = −κ²/(κ²+2ω²)
        {'I': 1.0, 'Y': 0.666..., 'Z': -0.333...}
        """
        from fractions import Fraction
        poly = self.__dict__.get("_poly")
        if poly is None:
            ex = self.expectations
            if not ex and not self.unique:
                raise ParameterError("values", "non-unique steady state", "a unique exact steady state")
            if isinstance(self.rho, np.ndarray):
                raise ParameterError("method", self.method, "an exact method")
            subs = {}
            for k, v in values.items():
                for sym in set().union(*[sp.sympify(e).free_symbols for e in ex.values()]):
                    if sym.name == str(k):
                        subs[sym] = sp.Rational(repr(v)) if isinstance(v, float) else sp.Rational(v)
            return {lab: float(sp.sympify(e).subs(subs)) for lab, e in ex.items()}
        gens, labels, w = poly
        byname = {str(k): v for k, v in values.items()}
        missing = [str(g) for g in gens if str(g) not in byname]
        if missing:
            raise ParameterError(missing[0], "missing", "a value for every parameter")
        q = [Fraction(repr(byname[str(g)])) if isinstance(byname[str(g)], float) else Fraction(str(byname[str(g)]))
             for g in gens]
        x0 = _eval_fraction(w[0], q)
        return {lab: float(_eval_fraction(e, q) / x0) for lab, e in zip(labels, w) if not e.is_zero()}

    @property
    def status(self) -> str:
        return "unique" if self.unique else f"non-unique (null-space dimension {self.nullity})"

    def require_unique(self):
        """Return ``rho`` or raise :class:`NonUniqueSteadyStateError`.

        Returns
        -------
        sympy Matrix or numpy.ndarray
            ``rho`` of a unique steady state.

        Raises
        ------
        NonUniqueSteadyStateError
            ``nullity > 1``.

        Examples
        --------
        >>> from symbolic_ness.core import Model, Jump, sigma_z
        >>> ss = steady_state(Model(1, sp.zeros(2, 2), jumps=[Jump(sigma_z(), 1)]))  # pure dephasing
        >>> ss.status
        'non-unique (null-space dimension 2)'
        >>> ss.require_unique()
        Traceback (most recent call last):
        ...
        symbolic_ness._errors.NonUniqueSteadyStateError: steady state is not unique: null space of L has dimension 2
        """
        if not self.unique:
            raise NonUniqueSteadyStateError(
                f"steady state is not unique: null space of L has dimension {self.nullity}")
        return self.rho


_LAZY_FIELDS = ("rho", "expectations", "denominators")


def _lazy_steady_state(thunk, poly=None, vec=None, dens=None, rank=None, **fields) -> SteadyState:
    """A unique exact :class:`SteadyState` whose lazy fields come from ``thunk()`` on first access
    (``poly``: ``(gens, labels, fmpz_mpoly vector)``; ``vec``: ``(gens, labels, sympy vector)``,
    read by :func:`~symbolic_ness.core._reduced.reduced_pauli_poly`; ``dens``: a cheaper thunk of
    ``denominators`` alone, used when it is read before ``rho`` and ``expectations``; ``rank``:
    a deferred rank-drop test, ``() -> (factors, note or None)``)."""
    ss = SteadyState(None, **fields)
    for k in _LAZY_FIELDS:
        object.__delattr__(ss, k)
    object.__setattr__(ss, "_lazy", thunk)
    object.__setattr__(ss, "_dens", dens)
    if rank is not None:
        object.__delattr__(ss, "rank_drop")
        object.__setattr__(ss, "_rank", rank)
    if poly is not None:
        object.__setattr__(ss, "_poly", poly)
    if vec is not None:
        object.__setattr__(ss, "_vec", vec)
    return ss


def _eval_fraction(e, q):
    """Exact value of the fmpz_mpoly ``e`` at the rational point ``q`` (list of Fractions)."""
    import flint
    from fractions import Fraction
    from math import lcm
    d = lcm(*(x.denominator for x in q)) if q else 1
    hctx = flint.fmpz_mpoly_ctx.get(("_h",), "lex")
    h = hctx.gens()[0]
    # e(n/d) = sum_m c_m n^m d^-|m| = U(1/d) with U(h) = e(n_1 h, ..., n_s h)
    U = e.compose(*[int(x * d) * h for x in q], ctx=hctx)
    return sum((Fraction(int(c), d ** int(m[0])) for m, c in U.to_dict().items()), Fraction(0))


def pauli_to_density(x, n) -> sp.Matrix:
    r""":math:`\rho=2^{-n}\sum_\mu x_\mu P_\mu` as an exact matrix (``n`` a list of site
    dimensions: :math:`\rho=\sum_\mu x_\mu B_\mu/\mathrm{tr}(B_\mu^2)` in the real operator basis
    of :mod:`symbolic_ness.core._levels`)."""
    if isinstance(n, int) or set(n) == {2}:
        n = n if isinstance(n, int) else len(n)
        d = 2 ** n
        string_dok, scale = (lambda mu: _pauli_string_dok(mu, n)), (lambda mu: 1)
    else:
        from ._levels import basis_norms, basis_string_dok
        dims = tuple(n)
        d = int(np.prod(dims))
        norms = basis_norms(dims)
        string_dok, scale = (lambda mu: basis_string_dok(mu, dims)), (lambda mu: sp.Rational(d, norms[mu]))
    re: dict = {}
    im: dict = {}
    for mu, xm in enumerate(x):
        if xm == 0:
            continue
        sc = scale(mu)
        for (i, j), v in string_dok(mu).items():
            tgt = re if v.is_real else im
            tgt[(i, j)] = tgt.get((i, j), 0) + (v if v.is_real else v / sp.I) * xm * sc
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


def exact_nullspace(model: Model, method: str = "exact", reductions=None) -> list:
    """Exact null-space basis of the Pauli-basis generator, as lists of expressions.

    ``method``: ``"exact"`` (certified ring/interpolation kernels, see :func:`steady_state`),
    ``"exact-field"``, ``"exact-ring"`` or ``"exact-interpolate"``. Every vector is primitive
    (no common polynomial factor; for the field path divided by the gcd of its entries).
    Without symmetry reduction: the whole null space, block by block.

    Solves M x = 0, ẋ = M x the real Pauli-basis generator, x_μ = ⟨P_μ⟩ up to normalization.

    Parameters
    ----------
    model : Model
        The open system.
    method : str, default "exact"
        ``"exact"``, ``"exact-field"``, ``"exact-ring"`` or ``"exact-interpolate"``.
    reductions : None, str or tuple of str, default None
        Engine reductions to try (``None``: all, ``()``: none).

    Returns
    -------
    list of list
        Basis vectors (sympy expressions, in :func:`~symbolic_ness.core.pauli_labels` order),
        generic in the parameters.

    Raises
    ------
    ParameterError
        Unknown ``method`` or ``reductions``.

    Examples
    --------
    >>> from symbolic_ness.core import Model, Jump, sigma_minus, sigma_x
    >>> k, w = sp.symbols("kappa omega", positive=True)
    >>> exact_nullspace(Model(1, w * sigma_x() / 2, jumps=[Jump(sigma_minus(), k)]))  # I, X, Y, Z
    [[kappa**2 + 2*omega**2, 0, 2*kappa*omega, -kappa**2]]
    """
    vecs = _exact_solve(model, _EXACT_ALIAS.get(method, method), False, _reductions(reductions))["vectors"]
    return vecs.to_sympy() if hasattr(vecs, "to_sympy") else list(vecs)


_EXACT_ALIAS = {"exact": "exact", "exact-field": "exact-field", "exact-ring": "exact-ring",
                "exact-interpolate": "exact-interpolate"}


def _reductions(reductions) -> tuple:
    """The engine reductions to try: ``None`` = all (:data:`REDUCTIONS`), else a subset (``()`` = none)."""
    from ._exact_engine import REDUCTIONS
    if reductions is None:
        return REDUCTIONS
    if isinstance(reductions, str):
        reductions = (reductions,)
    bad = [r for r in reductions if r not in REDUCTIONS]
    if bad:
        raise ParameterError("reductions", bad[0], "None (all) or a subset of " + ", ".join(map(repr, REDUCTIONS)))
    return tuple(sorted(set(reductions)))


@cached("exact_solve")
def _exact_solve(model: Model, method: str, use_symmetry: bool = True, reductions: tuple = ("homogeneity",)) -> dict:
    """Null vectors of the Pauli-basis generator plus the record of how they were found."""
    from ._exact_engine import solve_generator
    return solve_generator(model, method, use_symmetry, reductions)


@cached("exact_steady_state2")
def _exact_unique(model: Model, vec: tuple):
    """``(x, rho, denominators)`` of a unique exact steady state (cached on disk)."""
    if vec[0] == 0:
        raise RuntimeError("null vector has zero trace: not a density matrix")
    try:
        return _unique_flint(model, vec)
    except NotPolynomialError:
        pass
    x = [factor(v / vec[0]) for v in vec]
    return x, pauli_to_density(x, model.n if model.is_qubits else model.dims), dens_of(x)


def _unique_flint(model: Model, vec):
    """Normalised Pauli coordinates and density matrix with python-flint gcds and factorisations."""
    gens = model.parameters
    ctx = _ctx(tuple(g.name for g in gens))
    pairs = [_to_int_poly(v, gens, ctx) for v in vec]
    L = None
    for _, b in pairs:
        L = b if L is None else _lcm(L, b)
    return _unique_poly(model, [a * (L / b) for a, b in pairs])


def _unique_poly(model: Model, w: list):
    """``(x, rho, denominators)`` from the polynomial null vector ``w`` (fmpz_mpoly, ``w[0]`` = trace)."""
    gens = model.parameters
    ctx = _ctx(tuple(g.name for g in gens))
    x = [flint_factored(wm, w[0], gens) for wm in w]
    d = model.dim
    _, norms, string_dok = model_basis(model)
    big = _lcm_int(norms)  # rho = sum_mu w_mu B_mu (big / n_mu) / (big w_0); qubits: big = n_mu = 2^n
    re: dict = {}
    im: dict = {}
    for mu, wm in enumerate(w):
        if wm.is_zero():
            continue
        k = big // norms[mu]
        for (i, j), v in string_dok(mu).items():
            if v.is_real:
                re[(i, j)] = re.get((i, j), 0) + int(v) * k * wm
            else:
                im[(i, j)] = im.get((i, j), 0) + int(v / sp.I) * k * wm
    D = w[0] * big
    zero = ctx.from_dict({})
    rho = sp.zeros(d, d)
    for key in set(re) | set(im):
        a, b = re.get(key, zero), im.get(key, zero)
        a = a if not isinstance(a, int) else zero
        b = b if not isinstance(b, int) else zero
        if a.is_zero() or b.is_zero():
            rho[key] = flint_factored(a, D, gens) + sp.I * flint_factored(b, D, gens)
            continue
        G = a.gcd(b).gcd(D)
        pa, pb, den = a / G, b / G, D / G
        content = pa.gcd(pb)
        cc, fc = safe_factor(content)
        cd, fd = safe_factor(den)
        num = _to_expr(pa / content, gens) + sp.I * _to_expr(pb / content, gens)
        rho[key] = sp.Mul(sp.Rational(int(cc), int(cd)), *[_to_expr(f, gens) ** int(m) for f, m in fc], num,
                          *[_to_expr(f, gens) ** (-int(m)) for f, m in fd])
    return x, rho, dens_of(x)


def _lcm_int(values) -> int:
    from math import lcm
    return lcm(*set(int(v) for v in values))


def _exact(model: Model, method: str, reductions: tuple = ("homogeneity",)) -> SteadyState:
    rec = _exact_solve(model, method, True, reductions)
    basis = rec["vectors"]
    n = model.n
    assumptions = ("generic values of " + ", ".join(str(p) for p in model.parameters),
                   "parameter symbols carry their sympy assumptions (rates positive)")
    extra = dict(symmetries=tuple(rec["symmetries"]), timings=dict(rec["timings"]),
                 rank_drop=tuple(rec["rank_drop"]), reductions=tuple(rec.get("reductions", ())),
                 reconstruction=dict(rec.get("reconstruction", {})))
    labels = model_basis(model)[0]
    shape = n if model.is_qubits else model.dims
    if rec.get("congruence") is not None:  # square roots removed by rho = D rho' D: map back
        if hasattr(basis, "to_sympy"):
            basis = basis.to_sympy()
        states = congruent_states(model, basis, rec["congruence"])
        if len(basis) != 1:
            return SteadyState(None, len(basis), False, 0.0, rec["method"], assumptions, (),
                               tuple(r for _, r, _ in states), **extra)
        x, rho, dens = states[0]
        assumptions = assumptions + ("solved for rho' = D^-1 rho D^-1 with D = diag" + str(tuple(rec["congruence"]))
                                     + " (removes the square roots of the operators)",)
        return SteadyState(rho, 1, True, 0.0, rec["method"], assumptions, dens, (),
                           {lab: v for lab, v in zip(labels, x) if v != 0}, **extra)
    if len(basis) != 1:
        if hasattr(basis, "to_sympy"):
            basis = basis.to_sympy()
        states = []
        for vec in basis:
            tr = vec[0]
            states.append(pauli_to_density([v / tr for v in vec], shape) if tr != 0 else pauli_to_density(vec, shape))
        return SteadyState(None, len(basis), False, 0.0, rec["method"], assumptions, (), tuple(states), **extra)
    if not rec.get("rank_drop_checked", True):
        assumptions = assumptions + (rec["rank_drop_note"],)
    poly = None
    if hasattr(basis, "to_sympy"):  # large certified vector: stays fmpz_mpoly until needed
        w = list(basis[0])
        if w[0].is_zero():
            raise RuntimeError("null vector has zero trace: not a density matrix")
        poly = (tuple(model.parameters), tuple(labels), w)

        memo: list = []

        def dens_thunk():  # factors of the trace: each is left in some x_mu / x_0 (x is primitive;
            if not memo:  # the entries' own factorizations may overflow in python-flint)
                memo.append(trace_factors(w[0], model.parameters))
            return memo[0]

        def thunk():
            x, rho, _ = _unique_poly(model, w)
            return {"rho": sp.Matrix(rho), "denominators": dens_thunk(),
                    "expectations": {lab: v for lab, v in zip(labels, x) if v != 0}}
    else:
        vec = tuple(basis[0])
        if vec[0] == 0:
            raise RuntimeError("null vector has zero trace: not a density matrix")

        def thunk():
            x, rho, dens = _exact_unique(model, vec)
            return {"rho": sp.Matrix(rho), "denominators": tuple(dens),
                    "expectations": {lab: v for lab, v in zip(labels, x) if v != 0}}
    # the residual M x = 0 was verified exactly (polynomial certificate or field check)
    small = None if poly else (tuple(model.parameters), tuple(labels), vec)
    rank = None
    if poly and rec.get("rank_drop_deferred"):
        def rank():  # the engine's rank-drop test on the trace, run when rank_drop is first read
            from ._exact_engine import rank_drop_locus
            return rank_drop_locus(model, w[0])
    return _lazy_steady_state(thunk, poly, small, dens_thunk if poly else None, rank, nullity=1, unique=True, residual=0.0, method=rec["method"],
                              assumptions=assumptions, basis=(), **extra)


def congruent_states(model, vectors, D) -> list:
    r"""``[(x, rho, denominators)]``: for every (polynomial) null vector of :math:`\mathcal L'`
    (real-basis coordinates of :math:`\rho'`), :math:`\rho=D\rho'D/\mathrm{tr}(D\rho'D)` with
    exact entries (a radical constant times a factored rational function, python-flint
    arithmetic), its real-basis expectations :math:`x_\mu=\mathrm{tr}(B_\mu\rho)` and the
    factored denominators."""
    from math import gcd, lcm
    from ..algebra._linalg_ring import _lcm
    _, norms, string_dok = model_basis(model)
    d = model.dim
    gens = model.parameters
    ctx = _ctx(tuple(g.name for g in gens))
    zero = ctx.from_dict({})
    P = [int(sp.Integer(x) ** 2) if x.is_Integer else int(x ** 2) for x in D]  # D_i^2 (square-free integers)
    big = lcm(*set(norms))
    out = []
    for vec in vectors:
        pairs = [_to_int_poly(v, gens, ctx) for v in vec]
        L = None
        for _, b in pairs:
            L = b if L is None else _lcm(L, b)
        w = [a_ * (L / b) for a_, b in pairs]
        re: dict = {}
        im: dict = {}
        for mu, wm in enumerate(w):  # big * rho' = sum_mu w_mu B_mu (big / n_mu)
            if wm.is_zero():
                continue
            k = big // norms[mu]
            for (i, j), v in string_dok(mu).items():
                if v.is_real:
                    re[(i, j)] = re.get((i, j), zero) + int(v) * k * wm
                else:
                    im[(i, j)] = im.get((i, j), zero) + int(v / sp.I) * k * wm
        T = zero
        for i in range(d):
            if (i, i) in re:
                T = T + P[i] * re[(i, i)]
        if T.is_zero():
            raise RuntimeError("null vector has zero trace: not a density matrix")

        def rad(i, j):
            g = gcd(P[i], P[j])
            return g, P[i] * P[j] // (g * g)  # D_i D_j = g sqrt(c)

        rho = sp.zeros(d, d)
        for key in set(re) | set(im):
            i, j = key
            g, c = rad(i, j)
            a_, b_ = re.get(key, zero), im.get(key, zero)
            val = flint_factored(g * a_, T, gens) + sp.I * flint_factored(g * b_, T, gens)
            rho[key] = sp.sqrt(c) * val if c != 1 else val
        x = []
        for mu in range(len(norms)):
            parts: dict = {}
            for (i, j), b in string_dok(mu).items():
                br, bi = (int(z) for z in b.as_real_imag())
                g, c = rad(i, j)
                a_, b_ = re.get((i, j), zero), im.get((i, j), zero)
                parts[c] = parts.get(c, zero) + g * (br * a_ + bi * b_)
            x.append(sp.Add(*[(sp.sqrt(c) if c != 1 else 1) * flint_factored(pc, T, gens)
                              for c, pc in sorted(parts.items()) if not pc.is_zero()]))
        out.append((x, rho, dens_of(x)))
    return out


# ------------------------------------------------------------------- numeric
def _numeric(model: Model, values: Mapping, method: str, tol: float) -> SteadyState:
    import scipy.sparse as sps  # numeric path only (the exact paths never import scipy)
    import scipy.sparse.linalg as spla

    L = liouvillian_numeric(model, values)
    d = model.dim
    D = d * d
    if method == "numeric":
        method = "dense" if D <= 1024 else "sparse"
    # units never decide: the rank is decided on L / max|L_ij| with a relative tolerance, and a
    # grey-zone decision is confirmed exactly at the rational point the floats print
    Lmax = float(abs(L).max()) if L.nnz else 0.0
    Ls = L / Lmax if Lmax > 0 else L
    confirm = _exact_confirmation(model, values)
    if method == "dense" and not model.is_qubits:  # nullity from singular values, the state by LU
        vecs, nullity = _dense_lu(model, Ls, tol)
    elif method == "dense":
        vecs, _ = nullspace_numeric(Ls.toarray(), tol, confirm=confirm)
        nullity = vecs.shape[1]
    elif method == "sparse":
        # trace row replacement + LU; nullity from eigenvalues closest to 0
        tr = sps.csr_matrix((np.ones(d), (np.zeros(d, int), np.arange(d) * (d + 1))), shape=(1, D))
        A = sps.vstack([tr, Ls[1:]]).tocsc()
        b = np.zeros(D, complex); b[0] = 1
        try:
            v = spla.spsolve(A, b)
            ok = np.all(np.isfinite(v))
        except RuntimeError:
            ok = False
        k = min(4, D - 2)
        scale = float(abs(Ls).sum(axis=0).max()) or 1.0
        try:
            ev = np.abs(spla.eigs(Ls.tocsc(), k=k, sigma=1e-9 * scale, return_eigenvectors=False)) / scale
            nullity = int(np.sum(ev <= tol))
            if np.any((ev > 100 * D * np.finfo(float).eps) & (ev <= 100 * tol)):
                exact = confirm()
                nullity = nullity if exact is None else exact
        except Exception:
            nullity = 1 if ok else 0
        vecs = v.reshape(D, 1) if ok else np.zeros((D, 0))
        if not ok:
            nullity = max(nullity, 2)
    else:
        raise ParameterError("method", method, ", ".join(repr(x) for x in _METHODS))
    notes = ("numeric tolerance %g (relative to max|L_ij|)" % tol,)
    if confirm.used is not None:
        notes += (f"grey-zone rank decision confirmed exactly: nullity {confirm.used} at the rational point "
                  "(modular rank)",)
    if nullity != 1:
        states = []
        for k in range(vecs.shape[1]):
            r = vecs[:, k].reshape(d, d, order="F")
            t = np.trace(r)
            states.append(r / t if abs(t) > 1e-12 else r)
        return SteadyState(None, nullity, False, float("nan"), method, notes, (), tuple(states))
    rho = vecs[:, 0].reshape(d, d, order="F")
    rho = rho / np.trace(rho)
    rho = (rho + rho.conj().T) / 2
    resid = float(np.linalg.norm(L @ rho.reshape(D, order="F")))
    return SteadyState(rho, 1, True, resid, method, notes)


def _exact_confirmation(model: Model, values: Mapping):
    """``confirm()`` for :func:`nullspace_numeric`: the exact nullity at the rational point
    (``confirm.used`` records the answer for the assumptions)."""
    def confirm():
        from ._rank_confirm import exact_nullity_at
        confirm.used = exact_nullity_at(model, values)
        return confirm.used
    confirm.used = None
    return confirm


def _dense_lu(model: Model, L, tol: float):
    r"""``(vectors, nullity)`` for sites of any dimension, in the real operator basis: the real
    generator :math:`M=T^\dagger\mathcal LTN^{-1}` (numeric, similar to :math:`\mathcal L`), its
    nullity from the singular values (real SVD, no singular vectors), for nullity 1 the state from an
    LU solve of :math:`Mx=0` with :math:`x_0=\mathrm{tr}\rho=1` in place of the zero trace row;
    otherwise the complex SVD null space of :math:`\mathcal L`."""
    import scipy.linalg as sla
    from ._levels import basis_numeric
    T, norms = basis_numeric(tuple(model.dims))
    M = np.asarray((T.conj().T @ (L @ T)).todense()).real / norms[None, :]
    s = sla.svdvals(M)
    nullity = int(np.sum(s <= tol * max(s[0] if s.size else 0.0, 1.0)))
    if nullity != 1:
        vecs, _ = nullspace_numeric(L.toarray(), tol)
        return vecs, vecs.shape[1]
    M[0, :] = 0
    M[0, 0] = 1
    b = np.zeros(M.shape[0])
    b[0] = 1
    x = sla.solve(M, b)
    return np.asarray(T @ (x / norms)).reshape(-1, 1), 1


_METHODS = ("exact", "exact-field", "exact-ring", "exact-interpolate", "auto", "numeric", "dense", "sparse")


@staged("steady state", lambda model, values=None, method="exact", *a, **k: {"qubits": model.n, "method": method})
def steady_state(model: Model, values: Mapping | None = None, method: str = "exact",
                 tol: float = 1e-10, reductions=None) -> SteadyState:
    r"""Steady state :math:`\rho_{ss}` of ``model``: :math:`\mathcal{L}\rho_{ss} = 0`, :math:`\mathrm{tr}\,\rho_{ss} = 1`.

    Parameters
    ----------
    model : Model
        The Lindblad model (parameters may stay symbolic).
    values : mapping, optional
        Parameter values ``{symbol or name: number}`` substituted first (exactly: a float is
        the rational it prints).
    method : str, default ``"exact"``
        The library's default is ``"exact"`` (certified exact null space, kernel chosen
        automatically); the CLI's default ``auto`` passes ``"auto"`` (exact when parameters
        remain symbolic or the system has at most 256 Liouvillian rows, numeric otherwise).
        Others: ``"exact-field"``, ``"exact-ring"``, ``"exact-interpolate"``, ``"numeric"``,
        ``"dense"``, ``"sparse"``.
    tol : float
        Relative tolerance of the numeric rank decisions (on the Liouvillian scaled by its largest
        entry: units never decide).
    reductions : tuple, optional
        Exact methods: ``None`` = every engine reduction the engine can prove applicable
        (``("homogeneity", "prime_check", "scaling")``: scale homogeneity; one probe on a fresh
        prime decides when to stop adding primes; a variable scaling that lowers the coefficient
        bound), ``()`` = none (the previous engine path); ``result.reductions`` says which were used and
        why. The certified result does not depend on it.

    Returns
    -------
    SteadyState
        ``rho`` (a sympy Matrix, or numpy array for numeric methods), ``method`` (what ran),
        ``nullity`` (null-space dimension), ``unique`` and the residual. A non-unique steady
        state is reported (``unique`` False), never picked.

    Examples
    --------
    Decay :math:`\sigma^-` at rate :math:`\kappa` drives the qubit to :math:`|1\rangle`
    (:math:`\sigma^z = -1`; convention :math:`\sigma^+ = |0\rangle\langle 1|`):

    >>> import sympy as sp
    >>> from symbolic_ness import Model, Jump, sigma_minus
    >>> k = sp.Symbol("kappa", positive=True)
    >>> ss = steady_state(Model(1, sp.zeros(2, 2), jumps=[Jump(sigma_minus(), k)]))
    >>> ss.rho, ss.unique, ss.method.startswith("exact")
    (Matrix([
    [0, 0],
    [0, 1]]), True, True)
    """
    red = _reductions(reductions)
    if method == "auto":
        m = model.subs(values) if values else model
        method = "exact" if (m.parameters or model.dim ** 2 <= 256) else "numeric"
        if method == "exact":
            return _exact(m, "exact", red)
    if method in _EXACT_ALIAS:
        m = model.subs(values) if values else model
        return _exact(m, method, red)
    if method in ("numeric", "dense", "sparse"):
        return _numeric(model, values or {}, method, tol)
    raise ParameterError("method", method, ", ".join(repr(x) for x in _METHODS))
