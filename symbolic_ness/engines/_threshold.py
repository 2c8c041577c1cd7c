r"""Entanglement thresholds of any model: where in one scanned parameter the steady state is entangled.

:func:`threshold` returns the OPEN intervals :math:`lo<s<hi` of the scanned parameter :math:`s`
(all others fixed) where the negativity of the cut (or of a pair) is positive; ``hi`` is
``None`` when unbounded. Each edge says how it was found (:attr:`ThresholdResult.edges`):

* ``"exact root"``: a real root of the lowest nonzero coefficient of the characteristic
  polynomial of :math:`\rho^{T_A}(s)` (where an eigenvalue crosses zero);
* ``"non-unique point"``: a root of the exact steady state's denominators or of its rank-drop
  factors (``SteadyState.rank_drop``: the state is singular or not unique there; nothing is
  claimed at that point, and an interval never runs through it);
* ``"domain end"`` / ``"range end"``: an end of the parameter's declared domain or of the
  requested numeric range;
* ``"bisection"``: a sign change of :math:`\lambda_{\min}` bracketed to 1e-10.

Exact route (small explicit models): the steady state :math:`\rho(s)` is solved exactly with
:math:`s` symbolic; :math:`\lambda_{\min}(\rho^{T_A}(s))` can only change sign at the critical
points above, finitely many exact algebraic numbers that split the domain; the sign on each
piece is read at an interior rational point (30 digits).

Numeric route (anything else, or a ``range``): :math:`\lambda_{\min}` on a grid of 241 points,
each sign change bracketed with :func:`symbolic_ness.export.bisect_root`. Worked examples (the
HDB reset pair, exact and numeric) are in :func:`threshold`.
"""
from __future__ import annotations

from dataclasses import dataclass

import mpmath
import numpy as np
import sympy as sp
from sympy.polys.matrices import DomainMatrix

from .._errors import NonUniqueSteadyStateError, ParameterError, check_residual
from ..export import Equation, Named, bisect_root, equation_latex, lambdify
from ..core import partial_trace, partial_transpose, steady_state
from ._threshold_flint import flint_threshold
from ._point import Point, choose_method, cut_arg, not_unique, require, resolve, check_sites, shape_of, sub_shape

__all__ = ["ThresholdResult", "threshold", "threshold_of", "TARGETS"]

GRID = 241
EDGE_TOL = 1e-10
#: entanglement quantities a threshold can be asked for (lambda-min: of a pair's state)
TARGETS = ("negativity", "pair-negativity", "log-negativity", "lambda-min")


@dataclass(frozen=True)
class ThresholdResult:
    r"""Entangled intervals of ``scan``: ``intervals`` ``[(lo, hi), ...]`` (open; exact algebraic
    numbers on the exact route, floats on the numeric one; ``None``: unbounded), ``edges``
    ``[(how lo was found, how hi was found), ...]``, ``method`` (``"exact"`` or
    ``"<solver>-bisection"``), ``scan`` (the symbol) and ``quantity``.

    The steady state is entangled (the quantity positive; for ``"lambda-min"``:
    :math:`\lambda_{\min}(\rho^{T_A})<0`) exactly for ``scan`` inside one of the intervals,
    on the scanned domain or range. :meth:`printed` gives the edges as floats, :meth:`equations`
    / :meth:`latex` the exact statement (exact route only).

    Attributes
    ----------
    scan : sympy Symbol
        The scanned parameter.
    intervals : list of (lo, hi)
        Open intervals in increasing order; sympy algebraic numbers (``"exact"``) or floats;
        ``None`` for an unbounded end.
    edges : list of (str, str)
        How each end was found: ``"exact root"``, ``"non-unique point"``, ``"domain end"``,
        ``"range end"`` or ``"bisection"`` (see the module docstring).
    method : str
        ``"exact"`` or ``"<solver>-bisection"`` (e.g. ``"numeric-bisection"``).
    quantity : str, default "negativity"
        One of :data:`TARGETS`.

    Examples
    --------
    >>> r = sp.Symbol("r", positive=True)
    >>> res = ThresholdResult(r, [(sp.Rational(3, 2) + sp.sqrt(26) / 2, None)],
    ...                       [("exact root", "domain end")], "exact")
    >>> res.printed()
    [[4.04950975679639, None]]
    >>> res.latex()
    '\\mathcal{N} > 0 \\iff \\frac{3}{2} + \\frac{\\sqrt{26}}{2} < r'
    """

    scan: object
    intervals: list
    edges: list
    method: str
    quantity: str = "negativity"

    def printed(self) -> list:
        """``[[lo, hi], ...]`` as floats (exact edges printed to 15 digits), ``None`` unbounded."""
        if self.method != "exact":
            return [list(iv) for iv in self.intervals]
        return [[_print15(a), _print15(b)] for a, b in self.intervals]

    def equations(self) -> list:
        r"""The exact intervals as one :class:`~symbolic_ness.export.Equation`: the statement
        "the quantity is entangled" (:math:`\mathcal N>0`, or :math:`\lambda_{\min}<0`) is
        equivalent (``<=>``) to the ``Or`` of the intervals, each the ``And`` of its two strict
        inequalities (one when the interval is unbounded). Never entangled on the scanned
        domain: :math:`\mathcal N = 0`; entangled on the whole line: :math:`\mathcal N > 0`."""
        if self.method != "exact":
            raise ParameterError("QUANTITY", "threshold", "a model whose threshold edges are algebraic over Q")
        s = self.scan
        name, rel = _TARGET_LATEX[self.quantity]
        q = Named(name)
        if not self.intervals:
            return [Equation(q, 0, "=", note="on the whole scanned domain")]
        parts = []
        for a, b in self.intervals:
            ends = ([] if a is None else [sp.StrictLessThan(a, s, evaluate=False)]) + \
                   ([] if b is None else [sp.StrictLessThan(s, b, evaluate=False)])
            parts.append(sp.And(*ends, evaluate=False) if len(ends) == 2 else ends[0] if ends else None)
        entangled = sp.StrictGreaterThan(q, 0) if rel == ">" else sp.StrictLessThan(q, 0)
        if any(p is None for p in parts):  # (-oo, oo): entangled everywhere
            return [Equation(q, 0, rel)]
        return [Equation(entangled, sp.Or(*parts, evaluate=False) if len(parts) > 1 else parts[0], "<=>")]

    def latex(self) -> str:
        r"""The exact intervals as LaTeX (:meth:`equations` printed by
        :func:`~symbolic_ness.export.equation_latex`; roots as radicals or ``CRootOf``), e.g.
        :math:`\mathcal{N} > 0 \iff a < r`."""
        return equation_latex(self.equations())


#: the printed name of each threshold quantity and the sign of "entangled"
_TARGET_LATEX = {"negativity": (r"\mathcal{N}", ">"), "log-negativity": ("E_{N}", ">"),
                 "pair-negativity": (r"\mathcal{N}_{ij}", ">"), "lambda-min": (r"\lambda_{\min}", "<")}


def _print15(x):
    return None if x is None else float(f"{float(sp.N(x, 30)):.15g}")


# --------------------------------------------------------------------------- the scan
def _scan(pt: Point, scan, domain):
    """``(symbol, lo, hi)``: the scanned parameter and its domain (declared bounds, else
    ``[0, oo)`` for a nonnegative symbol, else the real line)."""
    params = pt.model.parameters
    name = getattr(scan, "name", scan)
    sym = next((p for p in params if p.name == name), None)
    if sym is None or sym.is_integer:
        raise ParameterError("scan", name, "a real parameter of the model: " +
                             ", ".join(p.name for p in params if not p.is_integer))
    bounds = domain if domain is not None else dict(getattr(pt.model, "constraints", ()) or ()).get(sym)
    if bounds is not None:
        lo, hi = (None if b is None else sp.sympify(b) for b in bounds)
    elif sym.is_nonnegative:
        lo, hi = sp.Integer(0), None
    else:
        lo, hi = None, None
    return sym, lo, hi


def _target(pt: Point, quantity, cut, pair, n):
    """``(sites of the state to keep, sites of A inside it)`` for the requested quantity."""
    if quantity in ("pair-negativity", "lambda-min"):
        return check_sites((0, 1) if pair is None else pair, "pair", n, count=2), [0]
    return list(range(n)), cut_arg(pt, cut)


# --------------------------------------------------------------------------- exact
def _critical_points(PT, sym, denominators):
    """``{root: kind}`` of the exact real roots of the lowest nonzero charpoly coefficient of
    ``PT`` (``"exact root"``) and of the steady state's denominators (``"non-unique point"``);
    ``None`` if they cannot be found exactly."""
    # clear the denominators first: PT = P/den with P polynomial in the scanned parameter.
    # The charpoly of P over a polynomial ring is fraction-free (seconds); over the fraction
    # field Q(s) the gcds made it take minutes (3 qubits: 376 s). The real roots of P's
    # lowest nonzero coefficient are those of PT's plus roots of den, added below anyway.
    PT = sp.Matrix(PT)
    den = sp.Integer(1)
    for x in PT:
        den = sp.lcm(den, sp.fraction(sp.cancel(sp.together(x)))[1])
    P = PT.applyfunc(lambda x: sp.expand(sp.cancel(x * den)))
    dm = DomainMatrix.from_Matrix(P)
    K = dm.domain
    coeffs = [K.to_sympy(c) for c in dm.charpoly()]
    low = next((c for c in reversed(coeffs) if c != 0), None)
    polys = [(sp.numer(sp.together(low)), "exact root"), (den, "non-unique point")] + \
        [(sp.sympify(d), "non-unique point") for d in denominators]
    factors = {}  # each irreducible factor once: real-root isolation is the costly step
    for p, kind in polys:
        p = sp.expand(p)
        if not p.has(sym):
            continue
        P = sp.Poly(p, sym)
        lc = P.LC()
        P = sp.Poly(sp.expand(P.as_expr() / lc), sym)
        if any(not c.is_rational for c in P.all_coeffs()):
            return None
        for f, _ in sp.factor_list(P.as_expr(), sym)[1]:
            f = sp.Poly(f, sym).monic()
            factors[f] = kind if factors.get(f) in (None, kind) else "non-unique point"
    roots = {}
    for f, kind in factors.items():
        for r in f.real_roots():
            roots[r] = kind if roots.get(r) in (None, kind) else "non-unique point"
    return dict(sorted(roots.items(), key=lambda kv: float(sp.N(kv[0], 30))))


def _exact(pt: Point, sym, lo, hi, quantity, cut, pair):
    model = pt.model
    if sym not in model.parameters:
        raise ParameterError("scan", sym.name, "a parameter that occurs in the model")
    given = require(pt.values, [s for s in model.parameters if s != sym], "the model")
    m = model.subs(given)
    ss = steady_state(m, method="exact")
    if not ss.unique:
        raise not_unique(model, ss.nullity)
    keep, A = _target(pt, quantity, cut, pair, m.n)
    shape = shape_of(m)  # qubit count, or site dimensions
    fast = flint_threshold(ss, sym, lo, hi, keep, A, shape)  # qubits: no full sympy state
    if fast is not None:
        return fast
    rho = ss.rho if len(keep) == m.n else partial_trace(ss.rho, keep, shape)
    PT = sp.Matrix(partial_transpose(sp.Matrix(rho), A, sub_shape(shape, keep)))
    pts = _critical_points(PT, sym, tuple(ss.denominators) + tuple(ss.rank_drop))
    if pts is None:
        return None
    f = lambdify(PT, sym, backend="mpmath")

    def w(x) -> float:
        with mpmath.workdps(30):
            try:
                M = np.array(mpmath.matrix(f(mpmath.mpf(str(sp.N(x, 30))))).tolist(), dtype=complex)
            except ZeroDivisionError:
                return float("nan")
        if not np.all(np.isfinite(M)):
            return float("nan")
        return float(np.linalg.eigvalsh((M + M.conj().T) / 2)[0])

    inside = [r for r in pts if (lo is None or float(sp.N(r - lo, 30)) > 0) and (hi is None or float(sp.N(hi - r, 30)) > 0)]
    edges = [lo] + inside + [hi]
    kind = lambda e: pts.get(e, "domain end")  # noqa: E731
    segs = []
    for a, b in zip(edges[:-1], edges[1:]):
        if a is None and b is None:
            x = sp.Integer(0)
        elif a is None:
            x = b - 1 - abs(b)
        elif b is None:
            x = a + 1 + abs(a)
        else:
            x = (sp.N(a, 30) + sp.N(b, 30)) / 2
        segs.append((a, b, w(x) < -1e-12))
    out = []
    for a, b, neg in segs:
        if not neg:
            continue
        if out and out[-1][1] is not None and out[-1][1] == a and kind(a) != "non-unique point":
            v = w(a)
            if v != v or v < -1e-12:  # entangled at the shared point too (or an isolated singular point)
                out[-1][1] = b
                continue
        out.append([a, b])
    return [(a, b) for a, b in out], [(kind(a), kind(b)) for a, b in out]


# --------------------------------------------------------------------------- numeric
def _range(scan_range, sym, lo, hi):
    if scan_range is not None and scan_range != "":
        try:
            a, b = (float(x) for x in (str(scan_range).split(",") if isinstance(scan_range, str) else scan_range))
        except (TypeError, ValueError):
            raise ParameterError("range", scan_range, "lo,hi with lo < hi") from None
        if not all(x == x and abs(x) != float("inf") for x in (a, b)):
            raise ParameterError("range", scan_range, "finite lo,hi with lo < hi (a scan needs finite ends)")
    else:
        a = float(lo) if lo is not None else -50.0
        b = float(hi) if hi is not None else (a + 50.0 if lo is not None else 50.0)
    if not a < b or (lo is not None and a < float(lo)) or (hi is not None and b > float(hi)):
        raise ParameterError("range", scan_range, f"lo,hi with lo < hi inside the domain of {sym.name}")
    return a, b


def _numeric(pt: Point, sym, lo, hi, quantity, cut, pair, scan_range, method):
    a, b = _range(scan_range, sym, lo, hi)
    ran = []
    fast = _batched_scanner(pt, sym, quantity, cut, pair, method)
    rest = {k: v for k, v in pt.values.items() if k != sym}

    def w(x: float) -> float:
        if fast is not None:
            ran.append(fast[1])
            return fast[0](x)
        vals = dict(rest)
        vals[sym] = sp.Rational(repr(float(x)))
        p = Point(pt.model, vals, method, pt.N)
        st = p.state("threshold")
        ran.append(st.method)
        n = st.n
        keep, A = _target(pt, quantity, cut, pair, n)
        if hasattr(st, "ss") and quantity not in ("pair-negativity", "lambda-min"):  # permutation: cut negativity
            return 1e-12 - float(st.cut_negativity(A))
        rho = st.reduced(keep)
        rho = np.array(sp.Matrix(rho).evalf(20).tolist(), dtype=complex) if not isinstance(rho, np.ndarray) else rho
        ptm = partial_transpose(rho, A, st.sub(keep))
        return float(np.linalg.eigvalsh((ptm + ptm.conj().T) / 2)[0])

    # interior grid points (the domain's open ends are avoided: e.g. a rate 0 may be singular)
    grid = np.linspace(a, b, GRID)
    if lo is not None and a == float(lo):
        grid[0] = a + (b - a) * 1e-6
    if fast is not None:  # the whole grid in one batched solve
        ran.append(fast[1])
        vals = [float(v) for v in fast[2](grid)]
    else:
        vals = [w(x) for x in grid]
    out, edges = [], []
    end_kind = lambda x: "domain end" if any(e is not None and x == float(e) for e in (lo, hi)) else "range end"  # noqa: E731
    for k in range(len(grid)):
        neg = vals[k] < 0
        if neg and (k == 0 or not vals[k - 1] < 0):
            start = grid[k] if k == 0 else bisect_root(w, grid[k - 1], grid[k], tol=EDGE_TOL)
            out.append([float(start) if k else a, None])
            edges.append(["bisection" if k else end_kind(a), None])
        if not neg and k > 0 and vals[k - 1] < 0:
            out[-1][1] = float(bisect_root(w, grid[k - 1], grid[k], tol=EDGE_TOL))
            edges[-1][1] = "bisection"
    if out and out[-1][1] is None:
        out[-1][1] = b
        edges[-1][1] = end_kind(b)
    return [tuple(x) for x in out], [tuple(e) for e in edges], (ran[-1] if ran else method) + "-bisection"


def _batched_scanner(pt: Point, sym, quantity, cut, pair, method):
    """``(w, method, batch)``: ``w(x)`` = lambda_min of the partial transpose of the numeric steady
    state at ``sym = x`` (others fixed) and ``batch(xs)`` the same on an array, both from the
    batched solver :func:`~symbolic_ness.export.steady_states` (the model compiled once: dense
    LU of the trace block, SuperLU above ``DENSE_MAX``; not unique when the condition estimate
    says so, then the null-space dimension by SVD); ``None`` when the model is not a small
    explicit one."""
    from ..export import compile_liouvillian, steady_states
    rest = {k: v for k, v in pt.values.items() if k != sym}
    eng, _ = choose_method(pt.model, "threshold", rest, method)
    if eng.startswith("permutation"):
        return None
    model = pt.model
    if model.dim > 64:  # (6 qubits: compiled once in ~10 s, then ~70 ms a point)
        return None
    given = require(pt.values, [s for s in model.parameters if s != sym], "the model")
    m = model.subs(given)
    keep, A = _target(pt, quantity, cut, pair, model.n)
    sub = list(keep) if len(keep) < model.n else None

    def batch(xs) -> np.ndarray:
        xs = np.atleast_1d(np.asarray(xs, dtype=float))
        res = steady_states(m, {sym.name: xs})
        bad = np.nonzero(res.status != 0)[0]
        if len(bad):
            k = int(bad[0])
            if res.status[k] == 1:
                raise NonUniqueSteadyStateError(
                    f"the steady state of {pt.label} is not unique at {sym} = {xs[k]}: null-space dimension "
                    f"{int(res.nullity[k])}", nullity=int(res.nullity[k]))
            raise ParameterError(sym.name, float(xs[k]), res.message[k] or "a value where the model is defined")
        # the residual against the Liouvillian's scale (its largest entry at the batch's ends),
        # from the compiled generator the solve used (a bisection point: one end, built once)
        c = compile_liouvillian(m)
        ends = {float(xs.min()), float(xs.max())}
        scale = max(1.0, *(float(abs(c.liouvillian({sym.name: x})).max()) for x in ends))
        for k in range(len(xs)):
            check_residual(f"numeric steady state of {pt.label}", float(res.residual[k]), 1e-8 * scale)
        return res.lambda_min(list(A), sub)

    return (lambda x: float(batch([x])[0])), "numeric", batch


# --------------------------------------------------------------------------- the calls
def threshold_of(pt: Point, scan=None, quantity="negativity", cut=None, pair=None, range=None, domain=None,
                 exact_only: bool = False) -> ThresholdResult:
    """:func:`threshold` on a :class:`~symbolic_ness.engines._quantities.Point` (values checked)."""
    scan_range = range
    if scan is None:
        raise ParameterError("scan", None, "the parameter to scan: scan=NAME")
    quantity = quantity or "negativity"
    if quantity not in TARGETS:
        raise ParameterError("quantity", quantity, "one of " + ", ".join(TARGETS))
    sym, lo, hi = _scan(pt, scan, domain)
    rest = {k: v for k, v in pt.values.items() if k != sym}
    eng, _ = choose_method(pt.model, "threshold", rest, pt.method)
    if exact_only or (eng.startswith("exact") and not scan_range):
        out = _exact(Point(pt.model, rest, pt.method, pt.N), sym, lo, hi, quantity, cut, pair)
        if out is not None:
            return ThresholdResult(sym, out[0], out[1], "exact", quantity)
        if exact_only:
            raise ParameterError("QUANTITY", "threshold", "a model whose threshold edges are algebraic over Q")
    meth = "numeric" if pt.method == "exact" else pt.method
    ivs, edges, ran = _numeric(Point(pt.model, rest, meth, pt.N), sym, lo, hi, quantity, cut, pair, scan_range, meth)
    return ThresholdResult(sym, ivs, edges, ran, quantity)


def threshold(model, scan, fixed=None, quantity: str = "negativity", cut=None, pair=None, range=None,
              method: str = "auto", N=None, domain=None, exact_only: bool = False) -> ThresholdResult:
    r"""Open intervals of the parameter ``scan`` where the steady state of ``model`` is entangled.

    With every other parameter fixed, the steady state :math:`\rho(s)` of the scanned
    parameter :math:`s` is entangled across the cut :math:`A|B` (negativity
    :math:`\mathcal N(s)>0`) exactly where the partial transpose :math:`\rho^{T_A}(s)` has a
    negative eigenvalue, :math:`\lambda_{\min}(\rho^{T_A}(s))<0`. The exact route (no
    ``range``, the exact solve chosen) finds every point where :math:`\lambda_{\min}` can
    change sign as a real root of the lowest nonzero coefficient of
    :math:`\det(\lambda-\rho^{T_A}(s))` or of the steady state's denominators, and reads the
    sign between them; the numeric route scans 241 grid points and bisects each sign change to
    1e-10 (module docstring). Log-negativity is positive where the negativity is.

    Parameters
    ----------
    model : Model or PermutationModel
        The open system (a core ``Model``, or a ``PermutationModel`` with ``N``).
    scan : str or sympy Symbol
        The real parameter scanned. Its domain: ``domain``, else the model's declared
        ``constraints`` for it, else :math:`[0,\infty)` for a nonnegative symbol, else the real line.
    fixed : mapping, optional
        ``{name_or_symbol: value}`` of every other parameter (a value given for ``scan`` is
        ignored). Default ``None``: no values (only a model whose one parameter is ``scan``).
    quantity : str, default "negativity"
        ``"negativity"``/``"log-negativity"`` (of ``cut``), ``"pair-negativity"``/
        ``"lambda-min"`` (of the pair ``pair``).
    cut : list of int or int, optional
        Sites of subsystem A (default ``None``: ``[0]``); permutation models: ``k`` qubits
        versus N - k (default 1).
    pair : (int, int), optional
        The two sites for ``"pair-negativity"``/``"lambda-min"`` (default ``None``: ``(0, 1)``).
    range : (float, float) or str ``"lo,hi"``, optional
        Finite ends of a numeric scan inside the domain; giving it selects the numeric route.
        Default ``None``: the domain, with an infinite end replaced by one 50 from the finite
        end (``[lo, lo + 50]``, ``[-50, hi]``), or ``[-50, 50]`` for the real line.
    method : str, default "auto"
        ``"auto"`` (exact edges when the exact solve is the chosen engine), ``"exact"``,
        ``"numeric"``.
    N : int, optional
        Number of qubits of a permutation model (default ``None``: an explicit model).
    domain : (lo, hi), optional
        The scanned parameter's domain when the model carries no bounds for it (``None`` ends:
        unbounded). Default ``None``.
    exact_only : bool, default False
        Refuse (ParameterError) instead of falling back to the numeric scan when the edges are
        not algebraic over Q.

    Returns
    -------
    ThresholdResult
        The open intervals, how each edge was found and the method that ran.

    Raises
    ------
    ParameterError
        ``scan`` is not a real parameter of the model, a value is missing or out of range, an
        unknown ``quantity``, a bad ``range``/``cut``/``pair``, or ``exact_only`` cannot hold.
    NonUniqueSteadyStateError
        The steady state is not unique (exact route: for generic ``scan``; numeric: at a grid point).

    Examples
    --------
    Two dephased qubits (rate 1/2 each) with an Ising coupling :math:`g Z Z`, each reset to
    :math:`|+\rangle` at rate :math:`r`: at :math:`g = 2` entangled exactly for
    :math:`r > 3/2 + \sqrt{26}/2 \approx 4.0495`.

    >>> import sympy as sp
    >>> from symbolic_ness.core import Model, Jump, Reset, projector, sigma_z, kron, embed
    >>> g, r = sp.Symbol("g", real=True), sp.Symbol("r", positive=True)
    >>> m = Model(2, g * kron(sigma_z(), sigma_z()), jumps=[Jump(embed(sigma_z(), k, 2), sp.Rational(1, 2)) for k in (0, 1)],
    ...           resets=[Reset(k, projector("+"), r) for k in (0, 1)])
    >>> res = threshold(m, "r", {"g": 2})
    >>> res.method, res.intervals, res.edges
    ('exact', [(3/2 + sqrt(26)/2, None)], [('exact root', 'domain end')])

    The numeric scan of ``1 < r < 10`` brackets the same edge:

    >>> res = threshold(m, "r", {"g": 2}, range=(1, 10))
    >>> res.method, [(round(a, 6), b) for a, b in res.intervals], res.edges
    ('numeric-bisection', [(4.04951, 10.0)], [('bisection', 'range end')])
    """
    vals, N = resolve(model, {k: v for k, v in (fixed or {}).items() if getattr(k, "name", k) != getattr(scan, "name", scan)}, N)
    return threshold_of(Point(model, vals, method, N), scan, quantity, cut, pair, range, domain, exact_only)
