r"""Exceptional points of a Liouvillian: where eigenvalues merge, and the Jordan structure there.

Let :math:`\chi(\lambda)=\prod_i p_i(\lambda)^{m_i}` be the characteristic polynomial of the
Pauli-basis generator :math:`M` (similar to :math:`\mathcal L`), factored over
:math:`\mathbb Q(\text{parameters})`. Two eigenvalues can only merge where

* a factor has a repeated root, :math:`\operatorname{disc}_\lambda p_i = 0`, or
* two factors share a root, :math:`\operatorname{res}_\lambda(p_i,p_j)=0`.

Each irreducible factor :math:`F` of these discriminants and resultants is a candidate locus
:math:`F=0`. It is discarded only when :math:`F` is *certified* non-zero on the physical domain
(the symbols' assumptions: every monomial sign-definite with one common sign, e.g. a polynomial
with positive coefficients in positive symbols; or the solved parameter certified outside its
range). Otherwise the locus is parametrised — solving :math:`F=0` for a parameter in which it
is linear, :math:`x=\phi(\text{rest})` — and the Jordan structure is computed exactly over
:math:`\mathbb Q(\text{rest})`: on the locus the characteristic polynomial is refactored; for
every factor :math:`q` whose roots merged (a repeated factor, or shared by two generic
factors), Galois conjugacy gives, for each root :math:`\lambda_0` of :math:`q`,

.. math::

    \dim\ker(M-\lambda_0)^k = \dim\ker q(M)^k / \deg q ,

so the geometric multiplicity (:math:`k=1`) and the Jordan blocks (the number of blocks of size
:math:`\ge k` is :math:`d_k-d_{k-1}`) come from exact ranks of :math:`q(M)^k`, without
algebraic extensions. A locus linear in no parameter is handled exactly at an algebraic point:
the other parameters are set to rationals in the domain and the remaining one to a real root
:math:`\alpha` of :math:`F`, with the ranks computed over :math:`\mathbb Q(\alpha)`.
The structure is confirmed numerically at a point on the locus (ranks of
:math:`(\mathcal L-\lambda_0)^k` of the column-stacked Liouvillian by SVD).

Factors with multiplicity :math:`m_i>1` are also checked *generically* (condition ``0``:
everywhere), since a Liouvillian can be non-diagonalizable at every parameter value.

>>> import sympy as sp
>>> from symbolic_ness import Model, Jump, sigma_minus, sigma_x
>>> k, w = sp.symbols("kappa Omega", positive=True)
>>> m = Model(1, w * sigma_x(), jumps=[Jump(sigma_minus(), k)])
>>> [(str(e.condition), str(e.eigenvalue), e.algebraic, e.geometric, e.jordan_blocks)
...  for e in exceptional_points(m)]
[('Omega - kappa/8', '-3*kappa/4', 2, 1, (2,))]
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field

import sympy as sp

from .._cache import cached
from .._errors import ParameterError
from ._jordan import (_blocks, _check, _converter, _jordan, _kernel_dims, _kernel_dims_flint, _merged, _root_exprs,
                      numeric_jordan)
from ._liouvillian import pauli_liouvillian
from ._model import Model
from ..algebra._polys import factor_fmpz_mpoly, factor_list
from ..algebra._positivity import certified_nonzero, symbol_domain
from ._charpoly import LAMBDA, _charpoly_factors
from sympy import latex  # the package printer is sympy's (export._latex.latex); core stays below export

__all__ = ["ExceptionalPoint", "exceptional_points", "exceptional_locus"]



@dataclass(frozen=True)
class ExceptionalPoint:
    r"""An eigenvalue merger of :math:`\mathcal L` on the locus ``condition = 0``.

    ``condition``: sympy expression vanishing on the locus (``x - phi(rest)`` when solved for a
    parameter ``x``; ``0`` for a generic, everywhere-valid structure; the locus polynomial
    otherwise); ``eigenvalue``: the merged eigenvalue on the locus (in the remaining
    parameters, or at the algebraic point); ``algebraic``/``geometric``: multiplicities of
    that eigenvalue (``None`` if unresolved); ``jordan_blocks``: sizes, descending;
    ``numeric_check``: dict with the point, the numeric kernel dimensions and ``agrees``
    (``None`` if no point of the domain was found); ``polynomial``: the irreducible
    discriminant/resultant factor; ``origin``: ``"discriminant"``, ``"resultant"`` or
    ``"generic"``; ``method``: how the structure was computed.

    Attributes
    ----------
    condition : sympy expression
        Vanishes on the locus.
    eigenvalue : sympy expression
        λ_0 on the locus.
    algebraic, geometric : int or None
        Multiplicities of λ_0.
    jordan_blocks : tuple of int or None
        Block sizes, descending.
    numeric_check : dict or None
        Numeric confirmation at a point.
    polynomial : sympy expression, default 0
        The discriminant/resultant factor.
    parameter : Symbol or None, default None
        The parameter solved for (``condition = parameter − solution``).
    solution : sympy expression or None, default None
        φ(rest).
    origin : str, default "discriminant"
        ``"discriminant"``, ``"resultant"`` or ``"generic"``.
    method : str, default "exact on the locus (rational parametrisation)"
        How the structure was computed.
    point : dict
        The algebraic point for loci linear in no parameter.

    Examples
    --------
    Driven decay, H = Ω σx, L = σ−: a second-order exceptional point at Ω = κ/8:

    >>> from symbolic_ness import Model, Jump, sigma_minus, sigma_x
    >>> k, w = sp.symbols("kappa Omega", positive=True)
    >>> m = Model(1, w * sigma_x(), jumps=[Jump(sigma_minus(), k)])
    >>> e = exceptional_points(m)[0]
    >>> e.condition, e.eigenvalue, e.jordan_blocks, e.is_exceptional
    (Omega - kappa/8, -3*kappa/4, (2,), True)
    """

    condition: sp.Expr
    eigenvalue: sp.Expr
    algebraic: int | None
    geometric: int | None
    jordan_blocks: tuple | None
    numeric_check: dict | None
    polynomial: sp.Expr = sp.Integer(0)
    parameter: sp.Symbol | None = None
    solution: sp.Expr | None = None
    origin: str = "discriminant"
    method: str = "exact on the locus (rational parametrisation)"
    point: dict = field(default_factory=dict)

    @property
    def is_exceptional(self) -> bool:
        """True if the eigenvalue is defective there (a Jordan block of size > 1)."""
        return self.geometric is None or self.geometric < self.algebraic

    def condition_latex(self) -> str:
        """``condition = 0`` in LaTeX, printed from ``Eq(condition, 0)`` (``\\text{all parameters}``
        when the condition is identically 0). The displayed equations are
        :func:`symbolic_ness.export.exceptional_point_equations`."""
        if self.condition == 0:
            return r"\text{all parameters}"
        return latex(sp.Eq(self.condition, 0, evaluate=False))

    def as_dict(self) -> dict:
        """JSON-ready summary (strings for expressions)."""
        return {"condition": str(self.condition), "latex": self.condition_latex(),
                "eigenvalue": str(self.eigenvalue), "eigenvalue_latex": latex(self.eigenvalue),
                "algebraic": self.algebraic, "geometric": self.geometric,
                "jordan_blocks": list(self.jordan_blocks) if self.jordan_blocks is not None else None,
                "origin": self.origin, "method": self.method,
                "numeric_check": self.numeric_check}


# ------------------------------------------------------------------ domain and certificates
def _kind(s: sp.Symbol) -> str:
    """Domain of a parameter (:func:`~symbolic_ness.algebra.symbol_domain`) as used here:
    ``"positive"``, ``"nonnegative"`` or ``"real"`` (sign-declared <= 0 symbols count as real)."""
    d = symbol_domain(s)
    return d if d in ("positive", "nonnegative") else "real"


def _normalise(F):
    """Primitive integer polynomial with positive leading coefficient (a canonical key)."""
    F = sp.expand(F)
    gens = sorted(F.free_symbols, key=lambda s: s.name)
    P = sp.Poly(F, *gens)
    _, P = P.clear_denoms(convert=True)
    P = P.primitive()[1]
    if P.LC() < 0:
        P = -P
    return P.as_expr()


# ------------------------------------------------------------------ candidates
def _flint_ops(polys: list, gens: tuple):
    import flint
    ctx = flint.fmpz_mpoly_ctx.get(tuple(f"v{k}" for k in range(len(gens))), "lex")
    out = []
    for p in polys:
        P = sp.Poly(p, *gens)
        _, P = P.clear_denoms(convert=True)
        out.append(ctx.from_dict({tuple(m): int(c) for m, c in P.as_dict().items()}))

    def back(f):
        return sp.Add(*[int(c) * sp.Mul(*[x ** int(e) for x, e in zip(gens, mono)])
                        for mono, c in f.to_dict().items()])
    return out, back


def _candidates(factors: list, params: tuple) -> list:
    """``[(F, origin, (i, j))]``: irreducible discriminant / resultant factors with parameters."""
    gens = (LAMBDA,) + tuple(params)
    polys = [p for p, _ in factors]
    fl, back = _flint_ops(polys, gens)
    found: dict = {}

    def add(fpoly, origin, pair):
        if fpoly == 0:
            return
        for f, _ in factor_fmpz_mpoly(fpoly)[1]:
            if f.is_constant():
                continue
            key = _normalise(back(f))
            found.setdefault(key, (origin, pair))

    for i, p in enumerate(polys):
        if sp.degree(p, LAMBDA) >= 2:
            add(fl[i].discriminant("v0"), "discriminant", (i, i))
    for i in range(len(polys)):
        for j in range(i + 1, len(polys)):
            add(fl[i].resultant(fl[j], "v0"), "resultant", (i, j))
    return sorted(((F, o, pr) for F, (o, pr) in found.items()), key=lambda t: sp.default_sort_key(t[0]))


# ------------------------------------------------------------------ parametrisation
def _solve_linear(F, params: tuple):
    """``(x, phi)`` with ``F = 0 <=> x = phi`` for a parameter in which F is linear, or None.

    Prefers a parameter whose coefficient is a constant (a polynomial solution), then by name.
    """
    best = None
    for x in sorted(F.free_symbols & set(params), key=lambda s: s.name):
        P = sp.Poly(F, x)
        if P.degree() != 1:
            continue
        a, b = P.all_coeffs()
        rank = (0 if a.is_number else 1, x.name)
        if best is None or rank < best[0]:
            best = (rank, x, sp.cancel(-b / a))
    return None if best is None else (best[1], best[2])


def _sign_excludes(x: sp.Symbol, phi) -> bool:
    """True if ``x = phi`` is certified outside the domain of ``x`` for every admissible rest."""
    kd = _kind(x)
    num, den = sp.fraction(sp.cancel(phi))
    nz_num, nz_den = certified_nonzero(num), certified_nonzero(den)
    if kd == "real" or not (nz_num and nz_den):
        return False
    # both sign-definite: phi has a fixed sign
    pt = {s: 1 for s in phi.free_symbols}
    val = phi.subs(pt)
    return bool(val < 0) if kd == "nonnegative" else bool(val <= 0)


def _rational_values(syms, rng: random.Random) -> dict:
    out = {}
    for s in syms:
        v = sp.Rational(rng.randint(1, 13), rng.randint(1, 5))
        if _kind(s) == "real" and rng.random() < 0.3:
            v = -v
        out[s] = v
    return out


def _in_domain(model: Model, values: dict) -> bool:
    try:
        model.validate(values)
    except ParameterError:
        return False
    return all(not (_kind(s) == "positive" and v <= 0) and not (_kind(s) == "nonnegative" and v < 0)
               for s, v in values.items())


# ------------------------------------------------------------------ per locus
def _entries(model, factors, M_dok, N, sub, K, cond, F, x, phi, origin, method, point):
    """Merged eigenvalues and their exact Jordan structure with ``sub`` applied, over ``K``
    (``K = QQ<alpha>``: ``x`` stands for ``alpha``)."""
    out = []
    dok = {}
    for k, v in M_dok.items():
        v = sp.cancel(sp.sympify(v).subs(sub))
        if v != 0:
            dok[k] = v
    algebraic = isinstance(K, sp.polys.domains.AlgebraicField)
    conv = _converter(K, x) if algebraic else None
    blocks = _blocks(dok, N, K, conv) if algebraic else None
    for q, mult, _src in _merged(factors, sub, K, conv):
        if algebraic:
            dims = _kernel_dims(blocks, [K.convert(c) for c in q.rep.to_list()], K, mult * q.degree())
        else:
            dims = _kernel_dims_flint(dok, N, [K.to_sympy(c) for c in q.rep.to_list()], _gens(K),
                                      mult * q.degree())
        per_root = [d // q.degree() for d in dims]
        blocks_q = _jordan(per_root)
        for ev in _root_exprs(q, K, phi if algebraic else None):
            num = _check(model, point, ev, mult, per_root[0], blocks_q) if point else None
            out.append(ExceptionalPoint(cond, ev, mult, per_root[0], blocks_q, num, F, x, phi, origin,
                                        method, {str(k): str(v) for k, v in point.items()}))
    return out


def _gens(K) -> tuple:
    return tuple(K.symbols) if hasattr(K, "symbols") else ()


def _field(syms):
    syms = sorted(syms, key=lambda s: s.name)
    return sp.QQ.frac_field(*syms) if syms else sp.QQ


def _linear_locus(model, factors, M_dok, N, F, origin, x, phi, params, rng):
    if _sign_excludes(x, phi):
        return []  # certified outside the domain
    rest = [s for s in params if s != x]
    point = None
    for _ in range(200):
        vals = _rational_values(rest, rng)
        try:
            xv = phi.subs(vals)
        except ZeroDivisionError:
            continue
        if xv.is_finite is False or sp.fraction(sp.cancel(phi))[1].subs(vals) == 0:
            continue
        vals[x] = xv
        if _in_domain(model, vals):
            point = vals
            break
    if point is None:
        return [ExceptionalPoint(x - phi, sp.nan, None, None, None, None, F, x, phi, origin,
                                 "unresolved: no point of the domain found on the locus")]
    used = set().union(*[sp.sympify(v).free_symbols for v in M_dok.values()]) - {x}
    K = _field(used | (phi.free_symbols))
    return _entries(model, factors, M_dok, N, {x: phi}, K, x - phi, F, x, phi, origin,
                    "exact on the locus (rational parametrisation)", point)


def _algebraic_locus(model, factors, M_dok, N, F, origin, params, rng):
    """Exact structure at an algebraic point: rest rational, one parameter a real root of F."""
    xs = sorted(F.free_symbols & set(params), key=lambda s: (sp.degree(F, s), s.name))
    for x in xs:
        rest = [s for s in params if s != x]
        PF = sp.Poly(F, x, *[s for s in rest if s in F.free_symbols])
        for _ in range(30):
            vals = _rational_values(rest, rng)
            Fx = PF.eval({s: vals[s] for s in PF.gens[1:]}) if len(PF.gens) > 1 else PF
            if Fx.degree() < 1:
                continue
            for f, _m in factor_list(Fx.as_expr())[1]:
                P = sp.Poly(f, x)
                for k, root in enumerate(P.real_roots()):
                    pt = dict(vals)
                    pt[x] = root
                    if not _in_domain(model, pt):
                        continue
                    if P.degree() == 1:
                        K, sub = sp.QQ, dict(pt)
                    else:
                        a = sp.Symbol("alpha")
                        K = sp.QQ.alg_field_from_poly(sp.Poly(f.subs(x, a), a), alias="alpha",
                                                      root_index=_root_index(P, root))
                        sub = dict(vals)
                    method = ("exact at an algebraic point of the locus (" + ", ".join(
                        f"{s} = {v}" for s, v in sorted(pt.items(), key=lambda kv: kv[0].name)) + ")")
                    return _entries(model, factors, M_dok, N, sub, K, F, F, x, root, origin, method, pt)
    return [ExceptionalPoint(F, sp.nan, None, None, None, None, F, None, None, origin,
                             "unresolved: locus not rational in any parameter and no real point found")]


def _root_index(P, root) -> int:
    return [r for r in P.all_roots()].index(root)


def _generic(model, factors, M_dok, N, params) -> list:
    """Defective eigenvalues at generic parameters (factors with multiplicity > 1)."""
    out = []
    K = _field(params)
    for p, m in factors:
        if m < 2:
            continue
        q = sp.Poly(p, LAMBDA, domain=K).monic()
        dims = _kernel_dims_flint(M_dok, N, [K.to_sympy(c) for c in q.rep.to_list()], _gens(K), m * q.degree())
        per_root = [d // q.degree() for d in dims]
        if per_root[0] == m:
            continue
        blocks_q = _jordan(per_root)
        rng = random.Random(7)
        point = next((v for v in (_rational_values(params, rng) for _ in range(100)) if _in_domain(model, v)), None)
        for ev in _root_exprs(q, K):
            num = _check(model, point, ev, m, per_root[0], blocks_q) if point else None
            out.append(ExceptionalPoint(sp.Integer(0), ev, m, per_root[0], blocks_q, num, sp.Integer(0), None, None,
                                        "generic", "exact at generic parameters",
                                        {str(k): str(v) for k, v in (point or {}).items()}))
    return out


def _compute(model: Model) -> list:
    factors = sorted(_charpoly_factors(model), key=lambda kv: sp.default_sort_key(kv[0]))
    params = tuple(model.parameters)
    M = pauli_liouvillian(model)
    if not model.is_qubits:  # square roots of a, S+- removed by a congruence (similar: same spectrum)
        from ._liouvillian import rational_generator
        M = rational_generator(model)[0]
    N = M.shape[0]
    M_dok = dict(M.todok())
    rng = random.Random(2024)
    out = _generic(model, factors, M_dok, N, params)
    if params:
        for F, origin, _pair in _candidates(factors, params):
            if certified_nonzero(F):
                continue
            lin = _solve_linear(F, params)
            if lin is not None:
                out += _linear_locus(model, factors, M_dok, N, F, origin, lin[0], lin[1], params, rng)
            else:
                out += _algebraic_locus(model, factors, M_dok, N, F, origin, params, rng)
    return out


_FIELDS = ("condition", "eigenvalue", "algebraic", "geometric", "jordan_blocks", "numeric_check", "polynomial",
           "parameter", "solution", "origin", "method", "point")


@cached("exceptional-locus-v2")
def _locus_cached(model: Model) -> list:
    rows = []
    for e in _compute(model):
        rows.append({k: (list(getattr(e, k)) if k == "jordan_blocks" and e.jordan_blocks is not None
                         else getattr(e, k)) for k in _FIELDS})
    return rows


def exceptional_locus(model: Model) -> tuple:
    """Every eigenvalue merger of the model's Liouvillian inside the parameter domain
    (defective or not), as :class:`ExceptionalPoint` objects; see the module docstring.

    Candidates: irreducible factors F of disc_λ p_i and res_λ(p_i, p_j) of the factored
    characteristic polynomial Π p_i^(m_i), kept unless certified non-zero on the domain.

    Parameters
    ----------
    model : Model
        The open system.

    Returns
    -------
    tuple of ExceptionalPoint
        All mergers (``is_exceptional`` tells the defective ones).

    Examples
    --------
    >>> from symbolic_ness import Model, Jump, sigma_minus, sigma_x
    >>> k, w = sp.symbols("kappa Omega", positive=True)
    >>> m = Model(1, w * sigma_x(), jumps=[Jump(sigma_minus(), k)])
    >>> [(str(e.condition), e.origin) for e in exceptional_locus(m)]
    [('Omega - kappa/8', 'discriminant')]
    """
    out = []
    for row in _locus_cached(model):
        row = dict(row)
        if row["jordan_blocks"] is not None:
            row["jordan_blocks"] = tuple(int(b) for b in row["jordan_blocks"])
        out.append(ExceptionalPoint(**row))
    return tuple(out)


def exceptional_points(model: Model, include_semisimple: bool = False) -> list:
    """The exceptional points (defective eigenvalue mergers) of the model's Liouvillian.

    With ``include_semisimple=True`` also mergers where the eigenvalue stays semisimple
    (diabolic points). Unresolved loci (structure unknown) are always included.

    Parameters
    ----------
    model : Model
        The open system.
    include_semisimple : bool, default False
        Also return semisimple mergers.

    Returns
    -------
    list of ExceptionalPoint
        Defective mergers (geometric < algebraic multiplicity) and unresolved ones.

    Examples
    --------
    >>> from symbolic_ness import Model, Jump, sigma_minus, sigma_x
    >>> k, w = sp.symbols("kappa Omega", positive=True)
    >>> m = Model(1, w * sigma_x(), jumps=[Jump(sigma_minus(), k)])
    >>> [(e.algebraic, e.geometric) for e in exceptional_points(m)]
    [(2, 1)]
    """
    return [e for e in exceptional_locus(model) if include_semisimple or e.is_exceptional]
