r"""Pauli-string hierarchy engine: closure of the Heisenberg equations and their exact or
numeric solution, for any :class:`~symbolic_ness.engines.LocalChain`.

For a set of seed observables (Pauli strings), :func:`close_hierarchy` applies the adjoint
generator (:func:`~symbolic_ness.engines.adjoint_action`) breadth-first to every string
found. The hierarchy *closes* when no new string appears within the requested bounds
(``max_strings``, ``max_weight`` = largest support); otherwise the result says so and lists
the offending strings. A closed hierarchy is the linear system

.. math:: \frac{d}{dt}\langle P_r\rangle=\sum_f w_f\Big(\sum_c M^f_{rc}\langle P_c\rangle+b^f_r\Big)=0,

solved by :func:`solve_hierarchy` exactly (core :func:`~symbolic_ness.algebra.solve_qq` over
:math:`\mathbb Q`, :func:`~symbolic_ness.algebra.solve_exact` over :math:`\mathbb Q(\text{params})`)
or in floats (sparse LU, residual checked: :class:`~symbolic_ness._errors.CheckFailedError`).
A singular system (a conserved quantity among the strings: the steady state is not fixed by
the hierarchy) raises :class:`~symbolic_ness._errors.NonUniqueSteadyStateError` with the
nullity.

Example: a qubit decaying at rate :math:`\kappa` and driven by :math:`\Omega\sigma_x`
(standard normalization); the three Bloch components close and
:math:`\langle\sigma_z\rangle = -\kappa^2/(\kappa^2+8\Omega^2)` (:math:`|1\rangle` is down):

>>> import sympy as sp
>>> from symbolic_ness.engines import local_chain, pauli_label
>>> k, W = sp.symbols("kappa Omega", positive=True)
>>> ch = local_chain(1, hamiltonian=[(W, "X", (0,))], jumps=[(0, "sigma-", k)])
>>> cl = close_hierarchy(ch, [((0, "Z"),)])
>>> cl.closed, [pauli_label(s) for s in cl.variables]
(True, ['Z1', 'Y1'])
>>> sol = solve_hierarchy(cl, method="exact")
>>> sp.factor(sol.value(((0, "Z"),))), sol.method, sol.size
(-kappa**2/(8*Omega**2 + kappa**2), 'exact-field', 2)
"""
from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Mapping, Sequence

import numpy as np
import sympy as sp

from .._errors import CheckFailedError, NonUniqueSteadyStateError, ParameterError, check_residual
from ._hierarchy_chain import LocalChain, adjoint_action, pauli_label
from .._log import staged

__all__ = ["Closure", "HierarchySolution", "close_hierarchy", "solve_hierarchy", "family_matrices",
           "hierarchy_equations"]


@dataclass(frozen=True)
class Closure:
    """Outcome of :func:`close_hierarchy`.

    ``variables``: the strings (identity excluded) in discovery order; ``blocks[f]``:
    ``{(row, col): Fraction}`` per family (``col = -1``: constant term); ``closed``: whether
    every generated string is among ``variables``; ``offending``: strings that broke the
    bounds (empty when closed); ``reason``: a sentence.

    Attributes
    ----------
    chain : LocalChain
        The chain.
    seeds : tuple
        The seed strings.
    variables : tuple
        The strings, in discovery order.
    blocks : tuple of dict
        M^f and b^f per family.
    closed : bool, default True
        Whether the hierarchy closed.
    offending : tuple, default ()
        Strings beyond the bounds.
    reason : str, default "closed"
        Why it closed or not.
    size : int
        ``len(variables)``.

    Examples
    --------
    d⟨Z⟩/dt = 2Ω⟨Y⟩ − κ(1 + ⟨Z⟩) (Ω family: column 1; κ family: the constant in column −1):

    >>> from symbolic_ness.engines import local_chain
    >>> k, W = sp.symbols("kappa Omega", positive=True)
    >>> ch = local_chain(1, hamiltonian=[(W, "X", (0,))], jumps=[(0, "sigma-", k)])
    >>> cl = close_hierarchy(ch, [((0, "Z"),)])
    >>> cl.size, cl.blocks
    (2, ({(0, 1): Fraction(2, 1), (1, 0): Fraction(-2, 1)}, {(0, -1): Fraction(-1, 1), (0, 0): Fraction(-1, 1), (1, 1): Fraction(-1, 2)}))
    """

    chain: LocalChain
    seeds: tuple
    variables: tuple
    blocks: tuple = field(repr=False)
    closed: bool = True
    offending: tuple = ()
    reason: str = "closed"

    @property
    def size(self) -> int:
        return len(self.variables)

    @property
    def index(self) -> dict:
        return {s: i for i, s in enumerate(self.variables)}

    def require_closed(self) -> "Closure":
        """``self`` if closed, else :class:`ParameterError` naming the offending strings.

        Returns
        -------
        Closure
            ``self``.

        Raises
        ------
        ParameterError
            Names the offending strings.

        Examples
        --------
        >>> from symbolic_ness.engines import local_chain
        >>> cl = close_hierarchy(local_chain(2, hamiltonian=[(1, "XX", (0, 1))]), [((0, "Y"),)], max_weight=1)
        >>> cl.require_closed()
        Traceback (most recent call last):
        ...
        symbolic_ness._errors.ParameterError: parameter 'seeds' = ['Y1'] is not allowed; allowed range: observables whose hierarchy closes (support larger than max_weight = 1; offending strings: Z1X2)
        """
        if not self.closed:
            labels = ", ".join(pauli_label(s) for s in self.offending[:8])
            raise ParameterError("seeds", [pauli_label(s) for s in self.seeds][:8],
                                 f"observables whose hierarchy closes ({self.reason}; offending strings: {labels})")
        return self


@dataclass(frozen=True)
class HierarchySolution:
    """Steady-state values of the strings of a closed hierarchy.

    ``values``: ``{string: value}`` (sympy exact or float); ``method``: what ran
    (``"exact-qq"``, ``"exact-field"``, ``"numeric-splu"``); ``size``: number of unknowns;
    ``residual``: :math:`\\|Mx+b\\|_\\infty` (0 when exact); ``nullity`` 0 and ``unique``
    True (a singular hierarchy raises instead).

    Attributes
    ----------
    values : dict
        ``{string: value}``.
    method : str
        What ran.
    size : int
        Number of unknowns.
    residual : float
        ‖M x + b‖_∞.
    closed : bool, default True
        Always True.
    nullity : int, default 0
        Always 0.
    unique : bool, default True
        Always True.

    Examples
    --------
    >>> from symbolic_ness.engines import local_chain
    >>> k, W = sp.symbols("kappa Omega", positive=True)
    >>> ch = local_chain(1, hamiltonian=[(W, "X", (0,))], jumps=[(0, "sigma-", k)])
    >>> cl = close_hierarchy(ch, [((0, "Z"),)])
    >>> sol = solve_hierarchy(cl, {"kappa": 1, "Omega": 1})
    >>> sol.values, sol.method
    ({((0, 'Z'),): -1/9, ((0, 'Y'),): 4/9}, 'exact-qq')
    """

    values: dict = field(repr=False)
    method: str
    size: int
    residual: float
    closed: bool = True
    nullity: int = 0
    unique: bool = True

    def value(self, string: tuple):
        """Value of ``string`` (``()`` is 1); ParameterError if it is not a variable.

        Parameters
        ----------
        string : tuple
            A Pauli string of the closed hierarchy (any order of its sites).

        Returns
        -------
        sympy expression or float
            ⟨P⟩ (1 for the identity).

        Raises
        ------
        ParameterError
            Not a variable of the hierarchy.

        Examples
        --------
        >>> from symbolic_ness.engines import local_chain
        >>> k = sp.Symbol("kappa", positive=True)
        >>> sol = solve_hierarchy(close_hierarchy(local_chain(1, jumps=[(0, "sigma-", k)]), [((0, "Z"),)]))
        >>> sol.value(((0, "Z"),)), sol.value(())
        (-1, 1)
        """
        s = tuple(sorted(string))
        if not s:
            return 1 if self.method == "numeric-splu" else sp.Integer(1)
        if s not in self.values:
            raise ParameterError("string", pauli_label(s), "a string of the closed hierarchy")
        return self.values[s]


def close_hierarchy(chain: LocalChain, seeds: Sequence, max_strings: int = 200000,
                    max_weight: int | None = None) -> Closure:
    """Breadth-first closure of the Heisenberg hierarchy generated by ``seeds``.

    A string whose support exceeds ``max_weight`` sites, or any string beyond the first
    ``max_strings``, is *offending*: the closure stops growing there and reports
    ``closed=False`` (its equations are incomplete and cannot be solved).

    Parameters
    ----------
    chain : LocalChain
        The chain.
    seeds : sequence
        Seed Pauli strings ``((site, letter), ...)``.
    max_strings : int, default 200000
        Largest number of strings.
    max_weight : int or None, default None
        Largest support of a string (``None``: unbounded).

    Returns
    -------
    Closure
        The strings and the equations; ``closed`` tells whether they can be solved.

    Examples
    --------
    >>> from symbolic_ness.engines import local_chain
    >>> k, W = sp.symbols("kappa Omega", positive=True)
    >>> ch = local_chain(1, hamiltonian=[(W, "X", (0,))], jumps=[(0, "sigma-", k)])
    >>> cl = close_hierarchy(ch, [((0, "Z"),)])
    >>> cl.closed, cl.reason
    (True, 'closed')
    >>> ch2 = local_chain(2, hamiltonian=[(W, "XX", (0, 1))], jumps=[(0, "Z", k)])
    >>> c2 = close_hierarchy(ch2, [((0, "Y"),)], max_weight=1)
    >>> c2.closed, c2.reason, c2.offending
    (False, 'support larger than max_weight = 1', (((0, 'Z'), (1, 'X')),))
    """
    index: dict = {}
    variables: list = []
    nf = len(chain.families)
    blocks = [dict() for _ in range(nf)]
    offending: list = []
    reasons = set()
    for s in seeds:
        s = tuple(sorted(s))
        if s and s not in index:
            index[s] = len(variables)
            variables.append(s)
    k = 0
    while k < len(variables):
        row = k
        act = adjoint_action(chain, variables[k])
        k += 1
        for f, terms in act.items():
            blk = blocks[f]
            for t, c in terms.items():
                if not t:
                    col = -1
                else:
                    col = index.get(t)
                    if col is None:
                        if max_weight is not None and len(t) > max_weight:
                            reasons.add(f"support larger than max_weight = {max_weight}")
                            offending.append(t)
                            continue
                        if len(variables) >= max_strings:
                            reasons.add(f"more than max_strings = {max_strings} strings")
                            offending.append(t)
                            continue
                        col = index[t] = len(variables)
                        variables.append(t)
                blk[(row, col)] = blk.get((row, col), 0) + c
    offending = tuple(dict.fromkeys(offending))
    closed = not offending
    reason = "closed" if closed else "; ".join(sorted(reasons))
    return Closure(chain, tuple(tuple(sorted(s)) for s in seeds), tuple(variables),
                   tuple({kk: v for kk, v in b.items() if v != 0} for b in blocks), closed, offending, reason)


def hierarchy_equations(closure: Closure, symbols: Mapping | None = None) -> list:
    r"""The equations :math:`\frac{d}{dt}\langle P_r\rangle` as sympy expressions, linear in
    the unknowns ``symbols[string]`` (default: a symbol named after each string, e.g.
    ``X1Y2``) with the chain's weights as coefficients.

    Parameters
    ----------
    closure : Closure
        A closed hierarchy (:func:`close_hierarchy`).
    symbols : mapping or None, default None
        ``{string: Symbol}`` for the unknowns (``None``: symbols named by :func:`pauli_label`).

    Returns
    -------
    list of sympy expressions
        d⟨P_r⟩/dt = Σ_f w_f (Σ_c M^f_rc ⟨P_c⟩ + b^f_r), one per variable.

    Raises
    ------
    ParameterError
        The hierarchy is not closed.

    Examples
    --------
    >>> import sympy as sp
    >>> from symbolic_ness.engines import local_chain
    >>> g = sp.Symbol("g", positive=True)
    >>> cl = close_hierarchy(local_chain(1, jumps=[(0, "Z", g)]), [((0, "X"),)])
    >>> hierarchy_equations(cl)
    [-2*X1*g]
    """
    closure.require_closed()
    if symbols is None:
        symbols = {s: sp.Symbol(pauli_label(s)) for s in closure.variables}
    x = [symbols[s] for s in closure.variables]
    eqs = [sp.Integer(0)] * closure.size
    for w, blk in zip(closure.chain.families, closure.blocks):
        for (r, c), v in blk.items():
            eqs[r] += w * sp.Rational(v.numerator, v.denominator) * (1 if c < 0 else x[c])
    return [sp.expand(e) for e in eqs]


def family_matrices(closure: Closure):
    """Per family, ``(csr matrix, constant vector)`` in floats: the generator is
    ``sum_f w_f * (mats[f] @ x + vecs[f])``.

    Parameters
    ----------
    closure : Closure
        A closed hierarchy (:func:`close_hierarchy`).

    Returns
    -------
    tuple
        ``(mats, vecs)``: scipy CSR matrices M^f and numpy vectors b^f, one per family.

    Examples
    --------
    >>> from symbolic_ness.engines import local_chain
    >>> k, W = sp.symbols("kappa Omega", positive=True)
    >>> ch = local_chain(1, hamiltonian=[(W, "X", (0,))], jumps=[(0, "sigma-", k)])
    >>> cl = close_hierarchy(ch, [((0, "Z"),)])
    >>> mats, vecs = family_matrices(cl)
    >>> mats[1].toarray().tolist(), vecs[1].tolist()  # the kappa family
    ([[-1.0, 0.0], [0.0, -0.5]], [-1.0, 0.0])
    """
    import scipy.sparse as sps  # numeric path only (scipy is not imported by the exact paths)

    N = closure.size
    mats, vecs = [], []
    for blk in closure.blocks:
        rows, cols, vals = [], [], []
        b = np.zeros(N)
        for (r, c), v in blk.items():
            if c < 0:
                b[r] += float(v)
            else:
                rows.append(r)
                cols.append(c)
                vals.append(float(v))
        mats.append(sps.csr_matrix((vals, (rows, cols)), shape=(N, N)))
        vecs.append(b)
    return mats, vecs


def _weights(closure: Closure, values: Mapping | None, exact: bool) -> list:
    sub = {}
    if values:
        byname = {s.name: s for s in closure.chain.symbols}
        for k, v in values.items():
            key = byname.get(k, k) if isinstance(k, str) else k
            if isinstance(v, float):
                v = sp.Rational(repr(v))
            sub[key] = v
    out = []
    for w in closure.chain.families:
        e = sp.sympify(w).subs(sub) if sub else sp.sympify(w)
        if not exact:
            if e.free_symbols:
                raise ParameterError(", ".join(sorted(s.name for s in e.free_symbols)), None,
                                     "a numeric value for every symbol (numeric hierarchy solve)")
            e = float(e)
        out.append(e)
    return out


def _numeric(closure: Closure, w: list, tol: float):
    import scipy.sparse as sps  # numeric path only
    import scipy.sparse.linalg as spla

    N = closure.size
    mats, vecs = family_matrices(closure)
    M = sps.csr_matrix((N, N))
    b = np.zeros(N)
    for wf, Mf, bf in zip(w, mats, vecs):
        if wf != 0:
            M = M + wf * Mf
            b = b + wf * bf
    with np.errstate(all="ignore"):
        import warnings
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            x = spla.spsolve(M.tocsc(), -b) if N else np.zeros(0)
    x = np.atleast_1d(np.asarray(x, dtype=float))
    res = float(np.max(np.abs(M @ x + b))) if N else 0.0
    scale = max(1.0, float(np.max(np.abs(b))) if N else 1.0)
    check_residual("numeric hierarchy solve", res / scale, tol)
    return {s: float(v) for s, v in zip(closure.variables, x)}, res


def _exact(closure: Closure, w: list):
    from ..algebra import nullspace_exact, rank_qq, solve_exact, solve_qq
    N = closure.size
    rational = all(sp.sympify(x).is_Rational for x in w)
    if rational:
        wq = [Fraction(int(sp.sympify(x).p), int(sp.sympify(x).q)) for x in w]
        dok: dict = {}
        rhs = [Fraction(0)] * N
        for wf, blk in zip(wq, closure.blocks):
            if wf == 0:
                continue
            for (r, c), v in blk.items():
                if c < 0:
                    rhs[r] -= wf * v
                else:
                    dok[(r, c)] = dok.get((r, c), 0) + wf * v
        dok = {k: v for k, v in dok.items() if v != 0}
        try:
            x = solve_qq(dok, rhs, N)
        except CheckFailedError:
            rank = rank_qq(dok, N)
            raise NonUniqueSteadyStateError(
                f"the hierarchy of {N} strings is singular (nullity {N - rank}): the seeds do not "
                "fix a unique steady state", nullity=N - rank) from None
        return {s: sp.Rational(v.numerator, v.denominator) for s, v in zip(closure.variables, x)}, "exact-qq"
    from sympy.polys.matrices import DomainMatrix
    from sympy.polys.matrices.exceptions import DMNonInvertibleMatrixError
    rows: dict = {}
    b: dict = {}
    for wf, blk in zip(w, closure.blocks):
        if wf == 0:
            continue
        for (r, c), v in blk.items():
            cc = wf * sp.Rational(v.numerator, v.denominator)
            if c < 0:
                b[r] = b.get(r, 0) - cc
            else:
                rows.setdefault(r, {})[c] = rows.get(r, {}).get(c, 0) + cc
    A = DomainMatrix.from_dict_sympy(N, N, {r: {c: v for c, v in d.items() if v != 0} for r, d in rows.items()})
    B = DomainMatrix.from_dict_sympy(N, 1, {r: {0: v} for r, v in b.items() if v != 0})
    A, B = A.unify(B)
    try:
        X = solve_exact(A, B)
    except (DMNonInvertibleMatrixError, ZeroDivisionError):
        dok = {(r, c): v for r, d in rows.items() for c, v in d.items() if v != 0}
        nullity = len(nullspace_exact(dok, N))
        raise NonUniqueSteadyStateError(
            f"the hierarchy of {N} strings is singular (nullity {nullity}): the seeds do not fix a unique "
            "steady state", nullity=nullity) from None
    Xm = X.to_Matrix()
    return {s: sp.cancel(Xm[i, 0]) for i, s in enumerate(closure.variables)}, "exact-field"


_AUTO_EXACT_MAX = 3000


@staged("correlation hierarchy", lambda closure, *a, **k: {"strings": closure.size})
def solve_hierarchy(closure: Closure, values: Mapping | None = None, method: str = "auto",
                    tol: float = 1e-9) -> HierarchySolution:
    """Solve a closed hierarchy at ``values`` (``{symbol or name: number}``; unset symbols
    stay symbolic for the exact methods).

    ``method``: ``"exact"`` (Q or Q(params)), ``"numeric"`` (sparse LU, relative residual
    ``<= tol`` checked) or ``"auto"`` (exact with symbols left or up to 3000 strings,
    numeric otherwise). The result's ``method`` says what ran.

    Solves Σ_f w_f (M^f x + b^f) = 0.

    Parameters
    ----------
    closure : Closure
        A closed hierarchy (:func:`close_hierarchy`).
    values : mapping or None, default None
        ``{symbol or name: number}``.
    method : str, default "auto"
        ``"auto"``, ``"exact"`` or ``"numeric"``.
    tol : float, default 1e-9
        Relative residual tolerance of the numeric solve.

    Returns
    -------
    HierarchySolution
        The values of all strings.

    Raises
    ------
    ParameterError
        Unknown ``method`` or a hierarchy that is not closed.
    NonUniqueSteadyStateError
        The system is singular.
    CheckFailedError
        The numeric residual exceeds ``tol``.

    Examples
    --------
    ⟨σz⟩ = −κ²/(κ² + 8Ω²) = −1/9 at κ = Ω = 1:

    >>> from symbolic_ness.engines import local_chain
    >>> k, W = sp.symbols("kappa Omega", positive=True)
    >>> ch = local_chain(1, hamiltonian=[(W, "X", (0,))], jumps=[(0, "sigma-", k)])
    >>> cl = close_hierarchy(ch, [((0, "Z"),)])
    >>> sol = solve_hierarchy(cl, {"kappa": 1, "Omega": 1}, method="numeric")
    >>> sol.method, round(sol.value(((0, "Z"),)), 12)
    ('numeric-splu', -0.111111111111)
    """
    if method not in ("auto", "exact", "numeric"):
        raise ParameterError("method", method, "'auto', 'exact' or 'numeric'")
    closure.require_closed()
    if method == "auto":
        w = _weights(closure, values, exact=True)
        symbolic = any(sp.sympify(x).free_symbols for x in w)
        method = "exact" if symbolic or closure.size <= _AUTO_EXACT_MAX else "numeric"
    if method == "numeric":
        vals, res = _numeric(closure, _weights(closure, values, exact=False), tol)
        return HierarchySolution(vals, "numeric-splu", closure.size, res)
    vals, how = _exact(closure, _weights(closure, values, exact=True))
    return HierarchySolution(vals, how, closure.size, 0.0)
