"""Cheap re-certificates of cache entries read from disk (the cache folder is untrusted).

Each function ``certify_<kind>(result, args, kwargs)`` checks a decoded entry of one cache kind
against a fresh computation at a random point and raises :class:`CheckFailedError` when the
entry is wrong (the cache then discards it and recomputes, with a warning). Exact checks run
modulo a random prime :math:`p\\equiv 1 \\pmod 4` (so :math:`i` is a residue) at random integer
parameter values; by the Schwartz–Zippel lemma a wrong rational function passes with
probability at most about degree / :math:`2^{20}` per check, fresh at every load.

* ``exact_solve``: every stored null vector satisfies :math:`M v = 0` for the generator the
  engine solves (the certified Pauli generator for qubits, the congruent real-basis one
  otherwise), the vectors are independent and their number is the nullity of :math:`M` at the
  point (rank modulo :math:`p`, block by block);
* ``exact_steady_state2``: :math:`x = v / v_0` and :math:`\\rho = \\sum_\\mu x_\\mu B_\\mu/\\mathrm{tr}(B_\\mu^2)`
  at the point (:math:`B_\\mu` Pauli strings for qubits);
* ``pauli_liouvillian``: :math:`\\mathcal L\\,T c = T M c` for a random vector :math:`c` (any site dimensions);
* ``charpoly_factors``: :math:`\\prod f_k(\\lambda_0)^{m_k} = \\det(\\lambda_0-\\mathcal L)` at the point;
* ``pt-factors-v2``: :math:`\\det(\\mu-\\rho^{T_A}) \\propto \\prod G_k(\\mu)^{m_k}` (two values of :math:`\\mu`);
* ``spectrum-eigenvalues``: every eigenvalue, evaluated at a random real point, is a root of a
  stored factor, with the right total multiplicity;
* ``exceptional-locus-v2``: the loci are the discriminant/resultant factors not certified
  non-zero, and on each the kernel dimensions of :math:`(M-\\lambda_0)^k` at a random point are
  those of the stored Jordan blocks (:func:`certify_exceptional_locus`).

:class:`NotCertifiable` (e.g. algebraic entries): such a value is neither stored nor accepted.
"""
from __future__ import annotations

import random

import sympy as sp

from .._cache import NotCertifiable, register_certifier
from .._errors import CheckFailedError

__all__ = ["NotCertifiable", "certify_exact_solve", "certify_exact_unique", "certify_pauli_liouvillian",
           "certify_charpoly_factors", "certify_pt_factors", "certify_eigenvalues", "certify_negativity_expr",
           "certify_steady_rho", "certify_pt_eigenvalues", "certify_pt_charpoly", "ModP",
           "certify_exceptional_locus", "MEMORY_ONLY"]

#: core cache kinds that are never stored on disk (memoized in the process only), with the reason
MEMORY_ONLY = {"rational_generator": "one congruence of the Liouvillian (as cheap as rebuilding it)"}

_RNG = random.SystemRandom()
LAMBDA = sp.Symbol("lambda")  # the variable of the cached characteristic-polynomial factors


class ModP:
    """Arithmetic modulo a fresh random prime :math:`p \\equiv 1 \\pmod 4` (:math:`2^{60}<p<2^{61}`)
    with a square root :math:`i` of :math:`-1`: the field in which cache certificates evaluate
    stored Gaussian-rational functions at a random point.

    Parameters
    ----------
    None : a new prime and :math:`i` are drawn (``random.SystemRandom``) for every instance.

    Returns
    -------
    ModP
        with ``p`` (the prime), ``i`` (:math:`i^2\\equiv-1`), ``of(v)`` (a Gaussian rational
        modulo ``p``) and ``at(e, point)`` (a rational function at ``point`` modulo ``p``, one
        walk over the expression tree).

    Examples
    --------
    >>> m = ModP()
    >>> m.of(sp.Rational(1, 3) + 2 * sp.I) == (pow(3, -1, m.p) + 2 * m.i) % m.p
    True
    >>> x = sp.Symbol("x")
    >>> m.at((x ** 2 + 1) / (x - 1), {x: sp.Integer(3)}) == 5
    True
    """

    def __init__(self):
        while True:
            p = sp.randprime(2 ** 60, 2 ** 61)
            if p % 4 == 1:
                break
        while True:
            i = pow(_RNG.randrange(2, p - 1), (p - 1) // 4, p)
            if i * i % p == p - 1:
                break
        self.p, self.i = p, i

    def of(self, v) -> int:
        """``v`` (a Gaussian rational) modulo ``p``."""
        v = sp.sympify(v)
        if v.is_Rational:
            return v.p * pow(v.q, -1, self.p) % self.p
        if v.free_symbols:
            raise CheckFailedError(f"cache: unexpected symbols {sorted(map(str, v.free_symbols))} in an entry")
        re, im = v.as_real_imag()
        if not (re.is_Rational and im.is_Rational):
            raise NotCertifiable("not a Gaussian rational at the test point")
        return (self.of(re) + self.i * self.of(im)) % self.p

    def at(self, e, point: dict) -> int:
        """``e`` (a rational function of the symbols of ``point`` with Gaussian-rational
        coefficients) at ``point`` modulo ``p``: one walk over the expression tree in machine
        integers (no sympy substitution). A vanishing denominator raises :class:`CheckFailedError`;
        a node that is not ``+``, ``*``, an integer power, a number, ``I`` or a symbol of
        ``point`` falls back to sympy (:class:`NotCertifiable` if not a Gaussian rational)."""
        p = self.p
        items = tuple(point.items())
        cached = getattr(self, "_residues", None)
        if cached is None or cached[0] != items:
            cached = self._residues = (items, {s: self.of(v) for s, v in items})  # per-point residues
        sub = cached[1]
        memo: dict = {}
        i = self.i

        def ev(x):
            r = memo.get(x)
            if r is not None:
                return r
            if x.is_Integer:
                r = int(x) % p
            elif x.is_Rational:
                if x.q % p == 0:
                    raise CheckFailedError("cache: a rational with a denominator divisible by the test prime")
                r = x.p * pow(x.q, -1, p) % p
            elif x.is_Symbol:
                r = sub.get(x)
                if r is None:
                    raise CheckFailedError(f"cache: unexpected symbol {x} in an entry")
            elif x is sp.I:
                r = i
            elif x.is_Add:
                r = 0
                for a in x.args:
                    r += ev(a)
                r %= p
            elif x.is_Mul:
                r = 1
                for a in x.args:
                    r = r * ev(a) % p
            elif x.is_Pow and x.exp.is_Integer:
                b, k = ev(x.base), int(x.exp)
                if k < 0:
                    if not b:
                        raise CheckFailedError("cache: a denominator of the entry vanishes at the test point")
                    b, k = pow(b, -1, p), -k
                r = pow(b, k, p)
            else:
                r = self.of(x.xreplace(point))
            memo[x] = r
            return r

        return ev(sp.sympify(e))


def _point(symbols) -> dict:
    return {s: sp.Integer(_RNG.randrange(1, 2 ** 20)) for s in symbols}


def _rank(rows: dict, idx: list, m: ModP) -> int:
    import flint
    pos = {k: a for a, k in enumerate(idx)}
    A = flint.nmod_mat(len(idx), len(idx), m.p)
    for (r, c), v in rows.items():
        if r in pos and c in pos:
            A[pos[r], pos[c]] = v
    return A.rank()


def _det(rows: dict, idx: list, lam: int, m: ModP) -> int:
    import flint
    pos = {k: a for a, k in enumerate(idx)}
    A = flint.nmod_mat(len(idx), len(idx), m.p)
    for (r, c), v in rows.items():
        if r in pos and c in pos:
            A[pos[r], pos[c]] = -v % m.p
    for k in range(len(idx)):
        A[k, k] = (int(A[k, k]) + lam) % m.p
    return int(A.det())


def _liouvillian_mod(model, point: dict, m: ModP) -> dict:
    from ._liouvillian import liouvillian_dok
    out = {}
    for key, e in liouvillian_dok(model).items():
        v = m.at(e, point)
        if v:
            out[key] = v
    return out


def _basis_mod(model, m: ModP) -> tuple:
    """``(operators, norms)``: the real operator basis of ``model`` (Pauli strings for qubits,
    :mod:`~symbolic_ness.core._levels` products otherwise) modulo ``p``, with
    :math:`\\mathrm{tr}(B_\\mu^2)`."""
    from ._liouvillian import model_basis
    _, norms, string_dok = model_basis(model)
    return [{k: m.of(v) for k, v in string_dok(mu).items()} for mu in range(len(norms))], [int(v) for v in norms]


def _generator_rows(model, pt: dict, m: ModP) -> tuple:
    """``(rows, N, D)``: the generator the exact engine solves (:func:`rational_generator`: the Pauli
    generator for qubits, the congruent real-basis one otherwise) at ``pt`` modulo ``p``, and its
    congruence ``D`` (or ``None``)."""
    from ._liouvillian import rational_generator
    M, D = rational_generator(model)
    rows = {}
    for key, e in M.todok().items():
        v = m.at(e, pt)
        if v:
            rows[key] = v
    return rows, M.shape[0], D


def _vec_of(coords: list, paulis: list, d: int, p: int) -> dict:
    """vec of :math:`\\sum_\\mu c_\\mu P_\\mu` (column stacking) modulo ``p``."""
    out: dict = {}
    for c, P in zip(coords, paulis):
        if c:
            for (i, j), s in P.items():
                k = i + d * j
                out[k] = (out.get(k, 0) + c * s) % p
    return out


def _apply(rows: dict, vec: dict, p: int) -> dict:
    out: dict = {}
    for (r, c), v in rows.items():
        x = vec.get(c)
        if x:
            out[r] = (out.get(r, 0) + v * x) % p
    return {k: v for k, v in out.items() if v}


def _model(args):
    if not args:
        raise NotCertifiable("no model argument")
    return args[0]


def certify_exact_solve(rec, args, kwargs) -> None:
    """Certificate of an ``exact_solve`` record (see the module docstring)."""
    import flint
    from ..algebra._linalg import block_split
    model = _model(args)
    vectors = rec["vectors"]
    m = ModP()
    pt = _point(model.parameters)
    M, N, D = _generator_rows(model, pt, m)
    if (None if D is None else tuple(D)) != (None if rec.get("congruence") is None else tuple(rec["congruence"])):
        raise CheckFailedError("cache: stored congruence differs from the model's")
    vals = []
    for v in vectors:
        if len(v) != N:
            raise CheckFailedError("cache: null vector of the wrong length")
        vals.append([m.at(x, pt) for x in v])
        if _apply(M, dict(enumerate(vals[-1])), m.p):
            raise CheckFailedError("cache: a stored null vector is not in the null space (modular check)")
    if vals:
        V = flint.nmod_mat(len(vals), N, m.p)
        for a, row in enumerate(vals):
            for b, x in enumerate(row):
                if x:
                    V[a, b] = x
        if V.rank() != len(vals):
            raise CheckFailedError("cache: stored null vectors are dependent")
    nullity = sum(len(b) - _rank(M, b, m) for b in block_split(M, N))
    if nullity != len(vals):
        raise CheckFailedError(f"cache: {len(vals)} stored null vectors, nullity {nullity} at a random point")


def certify_exact_unique(res, args, kwargs) -> None:
    r"""Certificate of an ``exact_steady_state2`` entry ``(x, rho, denominators)`` of ``(model, vec)``:
    :math:`x=v/v_0` and :math:`\rho=\sum_\mu x_\mu B_\mu/\mathrm{tr}(B_\mu^2)` at a random point."""
    model, vec = args[0], args[1]
    x, rho = res[0], res[1]
    d = model.dim
    m = ModP()
    pt = _point(model.parameters)
    v = [m.at(e, pt) for e in vec]
    if not v[0] or len(x) != len(v):
        raise CheckFailedError("cache: steady-state entry has the wrong shape or a zero trace")
    xs = [m.at(e, pt) for e in x]
    if any(a * v[0] % m.p != b for a, b in zip(xs, v)):
        raise CheckFailedError("cache: stored coordinates are not the normalised null vector")
    basis, norms = _basis_mod(model, m)
    if len(norms) != len(xs):
        raise CheckFailedError("cache: steady-state coordinates of the wrong length")
    want = _vec_of([a * pow(k, -1, m.p) % m.p for a, k in zip(xs, norms)], basis, d, m.p)
    R = sp.Matrix(rho)
    if R.shape != (d, d):
        raise CheckFailedError("cache: density matrix of the wrong size")
    for i in range(d):
        for j in range(d):
            if m.at(R[i, j], pt) != want.get(i + d * j, 0):
                raise CheckFailedError("cache: stored density matrix differs from its coordinates")


def certify_pauli_liouvillian(M, args, kwargs) -> None:
    """Certificate of a ``pauli_liouvillian`` entry: :math:`\\mathcal L T c = T M c`."""
    model = _model(args)
    d = model.dim
    N = d * d
    M = sp.SparseMatrix(M)
    if M.shape != (N, N):
        raise CheckFailedError("cache: Pauli generator of the wrong size")
    m = ModP()
    pt = _point(model.parameters)
    L = _liouvillian_mod(model, pt, m)
    paulis, norms = _basis_mod(model, m)
    inv = [pow(k, -1, m.p) for k in norms]  # x_mu = tr(B_mu rho), rho = sum_mu x_mu B_mu / tr(B_mu^2)
    c = [_RNG.randrange(m.p) for _ in range(N)]
    Mc = [0] * N
    for (r, k), e in M.todok().items():
        Mc[r] = (Mc[r] + m.at(e, pt) * c[k]) % m.p
    lhs = _apply(L, _vec_of([a * b % m.p for a, b in zip(c, inv)], paulis, d, m.p), m.p)
    rhs = {k: v for k, v in _vec_of([a * b % m.p for a, b in zip(Mc, inv)], paulis, d, m.p).items() if v}
    if lhs != rhs:
        raise CheckFailedError("cache: stored Pauli generator differs from the Liouvillian (modular check)")


def certify_charpoly_factors(factors, args, kwargs) -> None:
    r"""Certificate of ``charpoly_factors``: :math:`\prod f^m(\lambda_0) = \det(\lambda_0-\mathcal L)`.

    Parameters
    ----------
    factors : sequence
        ``(f(LAMBDA), m)`` pairs as stored.
    args : tuple
        The cached call's arguments, ``(model,)``.
    kwargs : dict
        Its keyword arguments (unused).

    Returns
    -------
    None
        Returns only when the check passes.

    Raises
    ------
    CheckFailedError
        The stored entry is wrong.

    Examples
    --------
    >>> from symbolic_ness.core import Model, Jump, sigma_minus, liouvillian_spectrum
    >>> k = sp.Symbol("kappa", positive=True)
    >>> m = Model(1, sp.zeros(2, 2), jumps=[Jump(sigma_minus(), k)])
    >>> certify_charpoly_factors(liouvillian_spectrum(m).factors, (m,), {}) is None
    True
    >>> certify_charpoly_factors([(LAMBDA, 2), (LAMBDA + k, 2)], (m,), {})
    Traceback (most recent call last):
    ...
    symbolic_ness._errors.CheckFailedError: cache: stored characteristic polynomial factors are wrong (modular check)
    """
    from ..algebra._linalg import block_split
    model = _model(args)
    N = model.dim ** 2
    if sum(sp.degree(f, LAMBDA) * mult for f, mult in factors) != N:
        raise CheckFailedError("cache: characteristic polynomial factors of the wrong degree")
    m = ModP()
    pt = _point(model.parameters)
    L = _liouvillian_mod(model, pt, m)
    lam = _RNG.randrange(m.p)
    det = 1
    for b in block_split(L, N):
        det = det * _det(L, b, lam, m) % m.p
    prod = 1
    pt[LAMBDA] = sp.Integer(lam)
    for f, mult in factors:
        prod = prod * pow(m.at(f, pt), int(mult), m.p) % m.p
    if prod != det:
        raise CheckFailedError("cache: stored characteristic polynomial factors are wrong (modular check)")


def certify_pt_factors(out, args, kwargs) -> None:
    r"""Certificate of ``pt-factors-v2``: :math:`\det(\mu-\rho^{T_A})\propto\prod G^m` at two :math:`\mu`."""
    pt_mat, dim = sp.Matrix(args[0]), int(args[1])
    if sum((len(c) - 1) * mult for c, mult in out) != dim or pt_mat.shape != (dim, dim):
        raise CheckFailedError("cache: partial-transpose factors of the wrong degree")
    m = ModP()
    point = _point(pt_mat.free_symbols)
    rows = {}
    for (i, j), e in pt_mat.todok().items():
        v = m.at(e, point)
        if v:
            rows[(i, j)] = v
    mus = [_RNG.randrange(m.p) for _ in range(2)]
    dets = [_det(rows, list(range(dim)), mu, m) for mu in mus]
    prods = []
    for mu in mus:
        prod = 1
        for coeffs, mult in out:
            val = 0
            for c in coeffs:
                val = (val * mu + m.at(c, point)) % m.p
            prod = prod * pow(val, int(mult), m.p) % m.p
        prods.append(prod)
    if not prods[1] or dets[0] * prods[1] % m.p != dets[1] * prods[0] % m.p:
        raise CheckFailedError("cache: stored partial-transpose factors are wrong (modular check)")


def certify_eigenvalues(eigs, args, kwargs) -> None:
    """Certificate of ``spectrum-eigenvalues``: each eigenvalue is a root of a stored factor at a
    random real point (30 digits) and the multiplicities add up to the degree.

    Parameters
    ----------
    eigs : sequence
        ``(eigenvalue, multiplicity)`` pairs as stored.
    args : tuple
        ``(factors,)``: the characteristic-polynomial factors they come from.
    kwargs : dict
        Unused.

    Returns
    -------
    None
        Returns only when the check passes.

    Raises
    ------
    CheckFailedError
        The stored entry is wrong.

    Examples
    --------
    >>> from symbolic_ness.core import Model, Jump, sigma_minus, liouvillian_spectrum
    >>> k = sp.Symbol("kappa", positive=True)
    >>> m = Model(1, sp.zeros(2, 2), jumps=[Jump(sigma_minus(), k)])
    >>> factors = tuple(liouvillian_spectrum(m).factors)
    >>> certify_eigenvalues([(0, 1), (-k, 1), (-k / 2, 2)], (factors,), {}) is None
    True
    >>> certify_eigenvalues([(0, 1), (-2 * k, 1), (-k / 2, 2)], (factors,), {})
    Traceback (most recent call last):
    ...
    symbolic_ness._errors.CheckFailedError: cache: a stored eigenvalue is not a root of the characteristic polynomial
    """
    factors = args[0]
    if sum(mult for _, mult in eigs) != sum(sp.degree(f, LAMBDA) * mult for f, mult in factors):
        raise CheckFailedError("cache: eigenvalue multiplicities do not add up to the degree")
    syms = set()
    for f, _ in factors:
        syms |= f.free_symbols - {LAMBDA}
    pt = {s: sp.Rational(_RNG.randrange(500, 2000), 1000) for s in syms}
    fs = [sp.Poly(f.xreplace(pt), LAMBDA) for f, _ in factors]
    for ev, _ in eigs:
        z = complex(sp.sympify(ev).xreplace(pt).evalf(30))
        ok = False
        for P in fs:
            cs = [complex(c) for c in P.all_coeffs()]
            val, scale = 0j, 0.0
            for c in cs:
                val = val * z + c
                scale = scale * abs(z) + abs(c)
            if abs(val) <= 1e-9 * max(scale, 1e-300):
                ok = True
                break
        if not ok:
            raise CheckFailedError("cache: a stored eigenvalue is not a root of the characteristic polynomial")


def certify_negativity_expr(model, expr, args) -> None:
    r"""Certificate of a cached negativity expression of ``model`` (PT on qubit 0) in ``args``:
    ``expr`` is ``0`` or :math:`\sum_k m_k \max(0, X_k)` with rational functions :math:`X_k`, and
    at a random point modulo a random prime the Liouvillian has nullity 1 and every
    :math:`-X_k` is an eigenvalue of the partial transpose of the steady state,
    :math:`\det(\rho^{T_A} + X_k) = 0` (a wrong formula passes with negligible probability).
    A stored ``0`` (no negative eigenvalue) is not re-checked here.

    Parameters
    ----------
    model : Model
        The model whose steady state the negativity is of.
    expr : sympy expression
        ``0`` or Σ_k m_k Max(0, X_k).
    args : sequence of Symbols
        The variables of ``expr`` (given random values too).

    Returns
    -------
    None
        Returns only when the check passes.

    Raises
    ------
    CheckFailedError
        The stored entry is wrong.

    Examples
    --------
    Two independently decaying qubits: the steady state ``|11⟩`` has no negative PT eigenvalue:

    >>> from symbolic_ness.core import Model, Jump, sigma_minus, embed
    >>> k = sp.Symbol("kappa", positive=True)
    >>> m2 = Model(2, sp.zeros(4, 4), jumps=[Jump(embed(sigma_minus(), i, 2), k) for i in range(2)])
    >>> certify_negativity_expr(m2, sp.Max(0, k - 1), (k,))
    Traceback (most recent call last):
    ...
    symbolic_ness._errors.CheckFailedError: cache: a negativity term is not minus an eigenvalue of the partial transpose
    """
    expr = sp.sympify(expr)
    if expr == 0:
        return
    terms = []
    for t in sp.Add.make_args(expr):
        c, rest = t.as_coeff_Mul()
        if not (c.is_Integer and c > 0 and isinstance(rest, sp.Max) and len(rest.args) == 2 and 0 in rest.args):
            raise CheckFailedError("cache: negativity expression is not a sum of m*Max(0, X)")
        terms.append(next(a for a in rest.args if a != 0))
    m = ModP()
    pt = _point(model.parameters)
    for a in args:
        pt.setdefault(a, sp.Integer(_RNG.randrange(1, 2 ** 20)))
    rho, d = _steady_mod(model, pt, m)
    pt_rho = _pt_first(rho, d)
    for x in terms:
        if _pt_det(pt_rho, m.p - m.at(x, pt), m):
            raise CheckFailedError("cache: a negativity term is not minus an eigenvalue of the partial transpose")


def _pt_first(rho: list, d: int) -> list:
    """Partial transpose on qubit 0 (the most significant bit) of a ``d x d`` array."""
    h = d // 2
    return [[rho[(j // h) * h + i % h][(i // h) * h + j % h] for j in range(d)] for i in range(d)]


def _pt_det(pt_rho: list, ev: int, m: ModP) -> int:
    r""":math:`\det(\rho^{T_A} - \lambda)` modulo ``p``."""
    import flint
    d = len(pt_rho)
    M = flint.nmod_mat(d, d, m.p)
    for i in range(d):
        for j in range(d):
            M[i, j] = (pt_rho[i][j] - (ev if i == j else 0)) % m.p
    return int(M.det())


def certify_pt_eigenvalues(model, eigenvalues) -> None:
    r"""Certificate of stored eigenvalues ``[(lambda, multiplicity)]`` of the partial transpose
    (qubit 0) of the steady state of ``model``: the multiplicities add up to the dimension and
    every eigenvalue that is rational at a random point is a root of
    :math:`\det(\rho^{T_A}-\lambda)` there, modulo a random prime (radicals are not checked).

    Parameters
    ----------
    model : Model
        The model.
    eigenvalues : sequence
        ``(eigenvalue, multiplicity)`` pairs of ρ^{T_0}.

    Returns
    -------
    None
        Returns only when the check passes.

    Raises
    ------
    CheckFailedError
        The stored entry is wrong.

    Examples
    --------
    >>> from symbolic_ness.core import Model, Jump, sigma_minus, embed
    >>> k = sp.Symbol("kappa", positive=True)
    >>> m2 = Model(2, sp.zeros(4, 4), jumps=[Jump(embed(sigma_minus(), i, 2), k) for i in range(2)])
    >>> certify_pt_eigenvalues(m2, [(0, 3), (1, 1)]) is None
    True
    """
    if sum(int(k) for _, k in eigenvalues) != model.dim:
        raise CheckFailedError("cache: partial-transpose eigenvalue multiplicities do not add up")
    m = ModP()
    pt = _point(model.parameters)
    rho, d = _steady_mod(model, pt, m)
    pt_rho = _pt_first(rho, d)
    for ev, _ in eigenvalues:
        try:
            v = m.at(ev, pt)
        except NotCertifiable:
            continue
        if _pt_det(pt_rho, v, m):
            raise CheckFailedError("cache: a stored eigenvalue is not an eigenvalue of the partial transpose")


for _kind, _fn in (("exact_solve", certify_exact_solve), ("exact_steady_state2", certify_exact_unique),
                   ("pauli_liouvillian", certify_pauli_liouvillian), ("charpoly_factors", certify_charpoly_factors),
                   ("pt-factors-v2", certify_pt_factors), ("spectrum-eigenvalues", certify_eigenvalues)):
    register_certifier(_kind, _fn)


def _steady_mod(model, pt: dict, m: ModP):
    """``(rho mod p as rows, d)`` of the unique steady state at ``pt`` (modular null space);
    :class:`NotCertifiable` when the null space there is not one-dimensional."""
    import flint
    d = model.dim
    D = d * d
    L = _liouvillian_mod(model, pt, m)
    A = flint.nmod_mat(D, D, m.p)
    for (r, c), v in L.items():
        A[r, c] = v
    X, nullity = A.nullspace()
    if nullity != 1:
        raise NotCertifiable("steady state not unique at the test point")
    vec = [int(X[k, 0]) for k in range(D)]
    tr = sum(vec[i + d * i] for i in range(d)) % m.p
    if not tr:
        raise NotCertifiable("null vector with zero trace at the test point")
    inv = pow(tr, -1, m.p)
    return [[vec[i + d * j] * inv % m.p for j in range(d)] for i in range(d)], d


def certify_steady_rho(model, rho) -> None:
    """Certificate of a stored exact steady state ``rho`` of ``model``: at a random point modulo
    a random prime the Liouvillian has nullity 1 and ``rho`` equals its trace-one null vector.

    Parameters
    ----------
    model : Model
        The model.
    rho : sympy Matrix
        The stored steady state.

    Returns
    -------
    None
        Returns only when the check passes.

    Raises
    ------
    CheckFailedError
        The stored entry is wrong.

    Examples
    --------
    >>> from symbolic_ness.core import Model, Jump, sigma_minus, liouvillian_spectrum
    >>> k = sp.Symbol("kappa", positive=True)
    >>> m = Model(1, sp.zeros(2, 2), jumps=[Jump(sigma_minus(), k)])
    >>> from symbolic_ness.core import projector
    >>> certify_steady_rho(m, projector("1")) is None
    True
    >>> certify_steady_rho(m, projector("0"))
    Traceback (most recent call last):
    ...
    symbolic_ness._errors.CheckFailedError: cache: stored density matrix is not the steady state (modular check)
    """
    m = ModP()
    pt = _point(model.parameters)
    want, d = _steady_mod(model, pt, m)
    R = sp.Matrix(rho)
    if R.shape != (d, d):
        raise CheckFailedError("cache: density matrix of the wrong size")
    for i in range(d):
        for j in range(d):
            if m.at(R[i, j], pt) != want[i][j]:
                raise CheckFailedError("cache: stored density matrix is not the steady state (modular check)")


def certify_pt_charpoly(model, poly, lam) -> None:
    r"""Certificate of a stored :math:`\det(\lambda-\rho^{T_A})` (partial transpose on qubit 0 of
    the steady state of ``model``, a polynomial in ``lam``): equal at a random :math:`\lambda_0`
    and a random point modulo a random prime.

    Parameters
    ----------
    model : Model
        The model.
    poly : sympy expression
        The stored det(λ − ρ^{T_0}).
    lam : sympy Symbol
        Its variable λ.

    Returns
    -------
    None
        Returns only when the check passes.

    Raises
    ------
    CheckFailedError
        The stored entry is wrong.

    Examples
    --------
    >>> from symbolic_ness.core import Model, Jump, sigma_minus, embed
    >>> k = sp.Symbol("kappa", positive=True)
    >>> m2 = Model(2, sp.zeros(4, 4), jumps=[Jump(embed(sigma_minus(), i, 2), k) for i in range(2)])
    >>> mu = sp.Symbol("mu")
    >>> certify_pt_charpoly(m2, mu**3 * (mu - 1), mu) is None
    True
    """
    m = ModP()
    pt = _point(model.parameters)
    rho, d = _steady_mod(model, pt, m)
    if sp.degree(poly, lam) != d:
        raise CheckFailedError("cache: partial-transpose characteristic polynomial of the wrong degree")
    lam0 = _RNG.randrange(m.p)
    want = _pt_det(_pt_first(rho, d), lam0, m) * (1 if d % 2 == 0 else m.p - 1) % m.p  # det(l - A) = (-1)^d det(A - l)
    pt[lam] = sp.Integer(lam0)
    if m.at(poly, pt) != want:
        raise CheckFailedError("cache: stored partial-transpose characteristic polynomial is wrong (modular check)")


def _generator_mod(model, pt: dict, m: ModP):
    """The generator the exceptional locus is computed from (Pauli basis for qubits, the
    rational congruent one otherwise) at ``pt`` modulo ``p``, as an ``nmod_mat``."""
    import flint
    from ._liouvillian import pauli_liouvillian, rational_generator
    M = pauli_liouvillian(model) if model.is_qubits else rational_generator(model)[0]
    N = M.shape[0]
    A = flint.nmod_mat(N, N, m.p)
    for (r, c), e in M.todok().items():
        A[r, c] = m.at(e, pt)
    return A, N


def _kernel_dims_mod(A, N: int, ev: int, kmax: int, p: int) -> list:
    r""":math:`\dim\ker(A-\lambda)^k` for :math:`k=1..k_{\max}` modulo ``p``."""
    import flint
    B = flint.nmod_mat(A)
    for k in range(N):
        B[k, k] = (int(B[k, k]) - ev) % p
    P, out = flint.nmod_mat(N, N, p), []
    for k in range(N):
        P[k, k] = 1
    for _ in range(kmax):
        P = P * B
        out.append(N - P.rank())
    return out


def certify_exceptional_locus(rows, args, kwargs) -> None:
    r"""Certificate of an ``exceptional-locus-v2`` entry (rows of :class:`ExceptionalPoint` fields)
    of ``model = args[0]``, modulo a random prime:

    * every discriminant/resultant factor of the (certified) characteristic-polynomial factors
      that is not certified non-zero has a row, unless its linear solution is certified outside
      the domain; every row's polynomial is such a factor;
    * a row on a rationally parametrised locus :math:`x=\phi(\text{rest})`: the condition is
      :math:`x-\phi`, :math:`F(\phi)=0`, and at a random point of the rest (``x`` set to
      :math:`\phi`) the kernel dimensions of :math:`(M-\lambda_0)^k` are those of the stored
      Jordan blocks (geometric = number of blocks, algebraic = their sum); a generic row the same
      at a random point of every parameter.

    Rows at an algebraic point, with an irrational eigenvalue or unresolved make the entry
    :class:`NotCertifiable` (such a locus is not stored). A row deleted among several rows of the
    same locus is not detected (the per-locus presence is)."""
    from ..algebra._positivity import certified_nonzero
    from ._charpoly import _charpoly_factors
    from ._exceptional import _candidates, _sign_excludes, _solve_linear
    model = _model(args)
    params = tuple(model.parameters)
    if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
        raise CheckFailedError("cache: malformed exceptional-locus entry")
    factors = sorted(_charpoly_factors(model), key=lambda kv: sp.default_sort_key(kv[0]))
    want = {}
    if params:
        for F, _origin, _pair in _candidates(factors, params):
            if certified_nonzero(F):
                continue
            lin = _solve_linear(F, params)
            want[F] = not (lin is not None and _sign_excludes(*lin))
    have = {r.get("polynomial") for r in rows if r.get("origin") != "generic"}
    if not have <= set(want) or {F for F, needed in want.items() if needed} - have:
        raise CheckFailedError("cache: the stored loci are not the discriminant/resultant factors of the spectrum")
    m = ModP()
    for r in rows:
        if r.get("algebraic") is None or not str(r.get("method", "")).startswith(("exact on the locus", "exact at generic")):
            raise NotCertifiable("a locus at an algebraic point or unresolved")
        blocks = [int(b) for b in r["jordan_blocks"]]
        if int(r["geometric"]) != len(blocks) or int(r["algebraic"]) != sum(blocks) or blocks != sorted(blocks, reverse=True):
            raise CheckFailedError("cache: multiplicities inconsistent with the Jordan blocks")
        pt = _point(params)
        if r.get("origin") == "generic":
            if r["condition"] != 0:
                raise CheckFailedError("cache: a generic structure with a condition")
        else:
            x, phi = r["parameter"], r["solution"]
            if x not in params or sp.expand(r["condition"] - (x - phi)) != 0:
                raise CheckFailedError("cache: locus condition is not x - phi")
            del pt[x]
            pt[x] = sp.Integer(m.at(phi, pt))
            if m.at(r["polynomial"], pt):
                raise CheckFailedError("cache: the locus does not solve its polynomial (modular check)")
        A, N = _generator_mod(model, pt, m)
        ev = m.at(r["eigenvalue"], pt)
        dims = _kernel_dims_mod(A, N, ev, max(blocks) + 1, m.p)
        if dims != [sum(min(b, k) for b in blocks) for k in range(1, max(blocks) + 2)]:
            raise CheckFailedError("cache: stored Jordan structure differs at a random point of the locus (modular check)")


register_certifier("exceptional-locus-v2", certify_exceptional_locus)
