r"""Thresholds of a model file: where in one scanned parameter the steady state is entangled.

``threshold`` returns the intervals ``[lo, hi]`` of the scanned parameter (all others fixed)
where the negativity of the cut (or of a pair) is positive; ``hi`` is ``None`` when the
interval is unbounded. The intervals are OPEN, :math:`lo<s<hi` (as the LaTeX form states): an
edge is a zero of the negativity, an end of the parameter's declared domain, or a point where
the steady state is singular or not unique (e.g. ``[0, hi]`` for a dephasing rate whose
``gamma = 0`` leaves a conserved quantity: entangled for :math:`0<\gamma<hi`, nothing is claimed
at :math:`\gamma=0`).

Exact route (small explicit models): the steady state :math:`\rho(s)` is solved exactly with
the scanned parameter :math:`s` symbolic, and :math:`\lambda_{\min}(\rho^{T_A}(s))` can only
change sign where an eigenvalue of :math:`\rho^{T_A}` crosses zero, i.e. at a real root of
the lowest nonzero coefficient of its characteristic polynomial (a rational function of
:math:`s`), or where :math:`\rho(s)` itself is singular (roots of its denominators). These
finitely many exact algebraic points split the domain; the sign on each piece is read at an
interior rational point. Edges are the exact roots (printed to 15 digits).

Numeric route (anything else): :math:`\lambda_{\min}` on a grid of the scan range, each
sign change bracketed to 1e-10 with :func:`symbolic_ness.core.bisect_root`.
"""
from __future__ import annotations

import mpmath
import numpy as np
import sympy as sp
from sympy.polys.matrices import DomainMatrix

from .._errors import NonUniqueSteadyStateError, ParameterError, check_residual
from ..core import (bisect_root, lambdify, latex, liouvillian, nullspace_numeric, partial_trace, partial_transpose,
                    steady_state)
from ..engines import choose_engine
from ._registry import QuantityValue

__all__ = ["threshold", "threshold_latex"]

GRID = 241
EDGE_TOL = 1e-10


def _print15(x):
    return None if x is None else float(f"{float(sp.N(x, 30)):.15g}")


def _scan(fm, params):
    mf = fm.model_file
    name = params.get("scan")
    if name is None:
        raise ParameterError("scan", None, "the parameter to scan: --set scan=NAME")
    sym = mf.symbol_map.get(name)
    if sym is None or (mf.symmetric and name == mf.sites) or sym.is_integer:
        raise ParameterError("scan", name, "a declared real parameter: " +
                             ", ".join(s.name for s in mf.parameters() if not s.is_integer))
    dom = mf.domain_map[name]
    if sym in mf.bounds_map:
        lo, hi = mf.bounds_map[sym]
    elif dom in ("positive", "nonnegative"):
        lo, hi = sp.Integer(0), None
    else:
        lo, hi = None, None
    rest = {k: v for k, v in params.items() if k != name}
    return name, sym, lo, hi, rest


def _shapes(model, keep):
    """``(shape, sub)``: the core's ``n`` of the model and of the kept sites (qubit counts, or site
    dimensions for files with dims)."""
    if model.is_qubits:
        return model.n, len(keep)
    return tuple(model.dims), tuple(model.dims[k] for k in sorted(keep))


def _target(fm, params, n):
    """``(sites of the state to keep, sites of A inside it)`` for the requested quantity."""
    which = params.get("quantity") or "negativity"
    if which == "pair-negativity":
        pair = fm._sites(params.get("pair", "0,1"), "pair", n, count=2)
        return pair, [0]
    cut = fm._cut(params, n)
    return list(range(n)), cut


# --------------------------------------------------------------------------- exact
def _critical_points(PT, sym, denominators):
    """Exact real roots (sorted) of the lowest nonzero charpoly coefficient of ``PT`` and of
    the steady state's denominators; ``None`` if they cannot be found exactly."""
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
    polys = [sp.numer(sp.together(low)), den] + [sp.sympify(d) for d in denominators]
    factors = set()  # each irreducible factor once: real-root isolation is the costly step
    for p in polys:
        p = sp.expand(p)
        if not p.has(sym):
            continue
        P = sp.Poly(p, sym)
        lc = P.LC()
        P = sp.Poly(sp.expand(P.as_expr() / lc), sym)
        if any(not c.is_rational for c in P.all_coeffs()):
            return None
        for f, _ in sp.factor_list(P.as_expr(), sym)[1]:
            factors.add(sp.Poly(f, sym).monic())
    roots = set()
    for f in factors:
        roots |= set(f.real_roots())
    return sorted(roots, key=lambda r: float(sp.N(r, 30)))


def _exact(fm, params, name, sym, lo, hi, rest):
    mf = fm.model_file
    vals = fm._values(rest)
    model = fm._explicit_model(vals)
    others = [s for s in model.parameters if s != sym]
    given = fm._require(vals, others)
    if sym not in model.parameters:
        raise ParameterError("scan", name, "a parameter that occurs in the model")
    m = model.subs(given)
    ss = steady_state(m, method="exact")
    fm._unique(ss)
    keep, A = _target(fm, params, m.n)
    shape, sub = _shapes(m, keep)
    rho = ss.rho if len(keep) == m.n else partial_trace(ss.rho, keep, shape)
    PT = sp.Matrix(partial_transpose(sp.Matrix(rho), A, sub))
    pts = _critical_points(PT, sym, ss.denominators)
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
        if out and out[-1][1] is not None and out[-1][1] == a:
            v = w(a)
            if v != v or v < -1e-12:  # entangled at the shared point too (or an isolated singular point)
                out[-1][1] = b
                continue
        out.append([a, b])
    return out


# --------------------------------------------------------------------------- numeric
def _numeric(fm, params, name, sym, lo, hi, rest, method):
    rng = params.get("range")
    if rng:
        try:
            a, b = (float(x) for x in str(rng).split(","))
        except ValueError:
            raise ParameterError("range", rng, "lo,hi with lo < hi") from None
    else:
        a = float(lo) if lo is not None else -50.0
        b = float(hi) if hi is not None else (a + 50.0 if lo is not None else 50.0)
    if not a < b or (lo is not None and a < float(lo)) or (hi is not None and b > float(hi)):
        raise ParameterError("range", rng, f"lo,hi with lo < hi inside the domain of {name}")
    which = params.get("quantity") or "negativity"
    ran = []
    fast = _dense_scanner(fm, params, sym, rest, method)

    def w(x: float) -> float:
        if fast is not None:
            ran.append(fast[1])
            return fast[0](x)
        p = dict(rest)
        p[name] = sp.Rational(repr(float(x)))
        st = fm.state("threshold", p, method)
        ran.append(st.method)
        n = st.n
        keep, A = _target(fm, params, n)
        if hasattr(st, "ss") and which != "pair-negativity":  # permutation engine: cut negativity
            return 1e-12 - float(st.cut_negativity(A))
        rho = st.reduced(keep)
        rho = np.array(sp.Matrix(rho).evalf(20).tolist(), dtype=complex) if not isinstance(rho, np.ndarray) else rho
        pt = partial_transpose(rho, A, st.sub(keep))
        return float(np.linalg.eigvalsh((pt + pt.conj().T) / 2)[0])

    # interior grid points (the domain's open ends are avoided: e.g. a rate 0 may be singular)
    grid = np.linspace(a, b, GRID)
    if lo is not None and a == float(lo):
        grid[0] = a + (b - a) * 1e-6
    vals = [w(x) for x in grid]
    out = []
    for k in range(len(grid)):
        neg = vals[k] < 0
        if neg and (k == 0 or not vals[k - 1] < 0):
            start = grid[k] if k == 0 else bisect_root(w, grid[k - 1], grid[k], tol=EDGE_TOL)
            out.append([float(start) if k else a, None])
        if not neg and k > 0 and vals[k - 1] < 0:
            out[-1][1] = float(bisect_root(w, grid[k - 1], grid[k], tol=EDGE_TOL))
    if out and out[-1][1] is None:
        out[-1][1] = b
    return out, (ran[-1] if ran else method) + "-bisection"


def _dense_scanner(fm, params, sym, rest, method):
    """``(w, method)`` with ``w(x)`` = lambda_min of the partial transpose from a dense numeric null
    space of the Liouvillian, whose entries (polynomials in the scanned parameter, others fixed)
    are lambdified once; ``None`` when the model is not a small explicit one."""
    mf = fm.model_file
    vals = fm._values(rest)
    eng, _ = choose_engine(mf, "threshold", vals, method)
    if eng.startswith("permutation"):
        return None
    model = fm._explicit_model(vals)
    if model.n > 5:
        return None
    given = fm._require(vals, [s for s in model.parameters if s != sym])
    L = liouvillian(model.subs(given))
    keys = list(L.todok().items())
    rows = np.array([k[0] for k, _ in keys])
    cols = np.array([k[1] for k, _ in keys])
    f = lambdify([v for _, v in keys], sym)
    D, d = L.shape[0], model.dim
    keep, A = _target(fm, params, model.n)
    shape, sub = _shapes(model, keep)

    def w(x: float) -> float:
        M = np.zeros((D, D), dtype=complex)
        np.add.at(M, (rows, cols), np.asarray(np.broadcast_arrays(*f(float(x))), dtype=complex).ravel()
                  if keys else 0)
        vecs, _ = nullspace_numeric(M, 1e-10)
        if vecs.shape[1] != 1:
            raise NonUniqueSteadyStateError(f"the steady state of {mf.source} is not unique at {sym} = {x}: "
                                            f"null-space dimension {vecs.shape[1]}", nullity=vecs.shape[1])
        rho = vecs[:, 0].reshape(d, d, order="F")
        rho = rho / np.trace(rho)
        check_residual(f"numeric steady state of {mf.source}", float(np.linalg.norm(M @ rho.reshape(D, order="F"))),
                       1e-8 * max(1.0, np.abs(M).max()))
        red = partial_trace(rho, keep, shape) if len(keep) < model.n else rho
        pt = partial_transpose(red, A, sub)
        return float(np.linalg.eigvalsh((pt + pt.conj().T) / 2)[0])

    return w, "numeric"


def threshold(fm, params, method):
    """Intervals ``[[lo, hi], ...]`` of ``params["scan"]`` with the entanglement quantity > 0."""
    name, sym, lo, hi, rest = _scan(fm, params)
    vals = fm._values(rest)
    eng, _ = choose_engine(fm.model_file, "threshold", vals, method)
    if eng.startswith("exact") and not params.get("range"):
        out = _exact(fm, params, name, sym, lo, hi, rest)
        if out is not None:
            return QuantityValue([[_print15(a), _print15(b)] for a, b in out], "exact")
    out, ran = _numeric(fm, params, name, sym, lo, hi, rest, "numeric" if method == "exact" else method)
    return QuantityValue(out, ran)


def threshold_latex(fm, params) -> str:
    """The exact entangled intervals as LaTeX (roots as radicals or ``CRootOf``)."""
    name, sym, lo, hi, rest = _scan(fm, params)
    out = _exact(fm, params, name, sym, lo, hi, rest)
    if out is None:
        raise ParameterError("QUANTITY", "threshold", "a model whose threshold edges are algebraic over Q")
    s = latex(sym)
    inf = r"\infty"
    parts = [f"{latex(a) if a is not None else '-' + inf} < {s} < {latex(b) if b is not None else inf}"
             for a, b in out]
    return r"\mathcal N > 0 \iff " + (r" \;\vee\; ".join(parts) if parts else r"\text{never}")
