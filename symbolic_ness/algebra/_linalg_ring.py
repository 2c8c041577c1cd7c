r"""Polynomial matrices over :math:`\mathbb Z[p_1,\dots,p_s]`: conversion, evaluation, certificates.

A :class:`PolyMatrix` holds a sparse matrix whose entries are python-flint ``fmpz_mpoly``
polynomials in the parameters. Rows of a rational-function matrix are multiplied by the
lcm of their denominators (this does not change the right null space), so every exact
kernel can work in the *ring* :math:`\mathbb Z[p]` instead of the field
:math:`\mathbb Q(p)`:

* :func:`nullspace_ring` — fraction-free elimination (sympy ``DomainMatrix`` over
  :math:`\mathbb Z[p]`, ``rref_den`` underneath), primitive part at the end;
* :func:`certify_nullvectors` — the exact check :math:`A w = 0` in ``fmpz_mpoly``
  arithmetic that every reconstructed null vector must pass;
* :meth:`PolyMatrix.evaluator` — the matrix at a point modulo a word-size prime
  (python-flint ``nmod_mat``), the building block of the modular methods.

Null vectors are returned *primitive*: integer polynomials without a common factor, with
a positive leading coefficient in the first non-zero entry (:func:`normalize_vector`), so
that every exact method returns literally the same vector.

>>> import sympy as sp
>>> a = sp.Symbol("a", positive=True)
>>> pm = PolyMatrix.from_dok({(0, 0): -a / 2, (0, 1): 1, (1, 0): a, (1, 1): -2}, 2)
>>> [[str(e) for e in v] for v in pm.to_sympy(nullspace_ring(pm))]
[['2', 'a']]
"""
from __future__ import annotations

import math

from dataclasses import dataclass, field
from typing import Mapping, Sequence

import sympy as sp

from .._errors import CheckFailedError, NotPolynomialError

__all__ = ["PolyMatrix", "NotPolynomialError", "nullspace_ring", "certify_nullvectors",
           "normalize_vector", "nullspace_qq_int"]


def _ctx(names: tuple):
    import flint
    return flint.fmpz_mpoly_ctx.get(tuple(names) if names else ("_u",), "lex")


def qq_poly_dict(expr, gens: tuple, nvars: int) -> dict:
    r"""``{exponent tuple: Rational}`` of a polynomial over :math:`\mathbb Q` in ``gens`` (a number:
    the constant monomial of ``nvars`` variables); raises :class:`NotPolynomialError` otherwise."""
    expr = sp.sympify(expr)
    try:
        P = sp.Poly(expr, *gens, domain="QQ") if gens else None
    except (sp.PolynomialError, sp.CoercionFailed, sp.GeneratorsNeeded) as e:
        raise NotPolynomialError(str(e)) from None
    if P is None:
        if not expr.is_Rational:
            raise NotPolynomialError(str(expr))
        return {(0,) * nvars: sp.Rational(expr)} if expr != 0 else {}
    return {tuple(m): sp.Rational(c) for m, c in P.as_dict().items()}


def _to_int_poly(expr, gens, ctx):
    """``(a, b)`` fmpz_mpoly with ``expr = a / b`` (raises :class:`NotPolynomialError`)."""
    expr = sp.sympify(expr)
    if expr.is_Rational:
        return ctx.from_dict({(0,) * ctx.nvars(): int(expr.p)}), ctx.from_dict({(0,) * ctx.nvars(): int(expr.q)})
    if gens:  # fast path: a polynomial with integer coefficients (e.g. an exact null vector entry)
        try:
            P = sp.Poly(expr, *gens, domain="ZZ")
        except (sp.PolynomialError, sp.CoercionFailed, sp.GeneratorsNeeded):
            P = None
        if P is not None:
            return (ctx.from_dict({tuple(m): int(v) for m, v in P.as_dict().items()}),
                    ctx.from_dict({(0,) * ctx.nvars(): 1}))
    num, den = sp.fraction(sp.together(expr))
    out = []
    for part in (num, den):
        d = qq_poly_dict(part, gens, ctx.nvars())
        q = math.lcm(*(int(c.q) for c in d.values())) if d else 1
        out.append((q, {m: int(c * q) for m, c in d.items()}))
    (cn, dn), (cd, dd) = out
    # expr = (dn / cn) / (dd / cd)
    a = ctx.from_dict(dn) * cd
    b = ctx.from_dict(dd) * cn
    if b.is_zero():
        raise NotPolynomialError("zero denominator")
    return a, b


@dataclass
class PolyMatrix:
    """Sparse ``nrows × ncols`` matrix of ``fmpz_mpoly`` entries in ``gens`` (sympy symbols).

    ``rows`` maps a row index to ``{column: fmpz_mpoly}`` (non-zero entries only);
    ``contents`` maps a row index to the polynomial content divided out of that row by
    :meth:`from_dok` (the null space is unchanged for generic parameters, but on the zero set of
    a content the original row vanishes: :meth:`original` restores it for rank tests there).

    Build one with :meth:`from_dok` (denominators cleared row by row, which keeps the null space).

    Attributes
    ----------
    gens : tuple of sympy Symbols
        The polynomial variables p.
    nrows, ncols : int
        The shape.
    rows : dict
        ``{row: {column: fmpz_mpoly}}``, non-zero entries only.
    contents : dict
        ``{row: content}`` divided out by :meth:`from_dok`.
    scales : dict
        ``{row: (g, L)}``: :meth:`from_dok` stored row ``i`` of the input times ``L / g`` (``L``
        the lcm of the row's denominators, ``g`` the gcd of the cleared row, constants included);
        rows not listed are unscaled. :meth:`proportional` undoes the scalings up to one common factor.

    Examples
    --------
    >>> g = sp.Symbol("g")
    >>> pm = PolyMatrix.from_dok({(0, 0): -g, (0, 1): 1, (1, 0): g, (1, 1): -1}, 2)
    >>> pm.nrows, pm.ncols, pm.gens
    (2, 2, (g,))
    """

    gens: tuple
    nrows: int
    ncols: int
    rows: dict
    contents: dict = field(default_factory=dict)
    scales: dict = field(default_factory=dict)

    def original(self) -> "PolyMatrix":
        """The matrix with every divided-out row content multiplied back (same null space for
        generic parameters; the right rank on the zero sets of the contents)."""
        if not self.contents:
            return self
        rows = {i: ({j: e * self.contents[i] for j, e in r.items()} if i in self.contents else r)
                for i, r in self.rows.items()}
        return PolyMatrix(self.gens, self.nrows, self.ncols, rows)

    def proportional(self) -> "PolyMatrix":
        r"""A polynomial matrix equal to :math:`c\,A` for the matrix :math:`A` given to :meth:`from_dok`,
        with one common non-zero factor :math:`c` (the lcm of the rows' denominators): every row
        scaling of :meth:`from_dok` undone. Properties that row scalings break but a common
        factor keeps (an invariant subspace, :func:`~symbolic_ness.core.certify_sector`) are
        checked on it.

        Returns
        -------
        PolyMatrix
            ``self`` when no row was scaled.

        Examples
        --------
        >>> g = sp.Symbol("g")
        >>> pm = PolyMatrix.from_dok({(0, 0): g / 3, (0, 1): sp.Rational(2, 3), (1, 0): 2 * g, (1, 1): 4}, 2)
        >>> def show(m):
        ...     return [[str(m.rows[i][j]) for j in range(2)] for i in range(2)]
        >>> show(pm), show(pm.proportional())       # rows as stored; 3 A (row 0 was times 3, row 1 over 2)
        ([['g', '2'], ['g', '2']], [['g', '2'], ['6*g', '12']])
        """
        if not self.scales:
            return self
        L = None
        for _, den in self.scales.values():
            L = den if L is None else _lcm(L, den)
        rows = {}
        for i, r in self.rows.items():
            if i in self.scales:
                g, den = self.scales[i]
                f = g * _exact_div(L, den)
            else:
                f = L
            rows[i] = {j: e * f for j, e in r.items()}
        return PolyMatrix(self.gens, self.nrows, self.ncols, rows)

    @property
    def ctx(self):
        return _ctx(tuple(g.name for g in self.gens))

    @classmethod
    def from_dok(cls, dok: Mapping, N: int, idx: Sequence[int] | None = None, gens: Sequence | None = None,
                 ncols: int | None = None) -> "PolyMatrix":
        """Rows ``idx`` (default all) and the same columns of ``dok``, denominators cleared row-wise.

        Raises :class:`NotPolynomialError` for entries that are not rational functions with
        rational coefficients of ``gens`` (e.g. square roots, complex numbers).
        """
        if gens is None:
            fs = set()
            for v in dok.values():
                fs |= sp.sympify(v).free_symbols
            gens = tuple(sorted(fs, key=lambda s: s.name))
        gens = tuple(gens)
        ctx = _ctx(tuple(g.name for g in gens))
        if idx is None:
            idx = list(range(N))
        pos = {i: k for k, i in enumerate(idx)}
        raw: dict = {}
        conv: dict = {}  # entries repeat a lot (generators): convert each distinct value once
        for (i, j), v in dok.items():
            if i in pos and j in pos and v != 0:
                ab = conv.get(v)
                if ab is None:
                    ab = conv[v] = _to_int_poly(v, gens, ctx)
                raw.setdefault(pos[i], {})[pos[j]] = ab
        rows, contents, scales = {}, {}, {}
        for i, ent in raw.items():
            L = None
            for a, b in ent.values():
                L = b if L is None else _lcm(L, b)
            row = {j: a * _exact_div(L, b) for j, (a, b) in ent.items()}
            rows[i], g = _primitive_row(row)
            if g is not None and not g.is_constant():
                contents[i] = g
            if g is not None or not L.is_one():
                scales[i] = (g if g is not None else ctx.constant(1), L)
        return cls(gens, len(idx), ncols if ncols is not None else len(idx), rows, contents, scales)

    def nnz(self) -> int:
        return sum(len(r) for r in self.rows.values())

    def is_constant(self) -> bool:
        return all(e.is_constant() for r in self.rows.values() for e in r.values())

    def submatrix(self, idx: Sequence[int]) -> "PolyMatrix":
        """Principal submatrix on the index list ``idx``."""
        pos = {i: k for k, i in enumerate(idx)}
        rows = {}
        for i in idx:
            r = {pos[j]: e for j, e in self.rows.get(i, {}).items() if j in pos}
            if r:
                rows[pos[i]] = r
        return PolyMatrix(self.gens, len(idx), len(idx), rows)

    def pattern(self) -> dict:
        return {(i, j): 1 for i, r in self.rows.items() for j in r}

    def mul_vec(self, w: Sequence) -> list:
        """``A w`` for a vector of fmpz_mpoly (exact)."""
        zero = self.ctx.from_dict({})
        out = []
        for i in range(self.nrows):
            acc = zero
            for j, e in self.rows.get(i, {}).items():
                if not w[j].is_zero():
                    acc = acc + e * w[j]
            out.append(acc)
        return out

    def evaluator(self, p: int):
        """Function ``point -> nmod_mat`` (the matrix at an integer point modulo the prime ``p``).

        :math:`A(t)=\\sum_m t^m A_m` with one constant ``nmod_mat`` :math:`A_m` per monomial
        (built once), so a point costs a few scalar-matrix operations in C.
        """
        import flint
        nc = self.ncols
        per: dict = {}
        for i, r in self.rows.items():
            for j, e in r.items():
                for m, c in e.to_dict().items():
                    c = int(c) % p
                    if c:
                        per.setdefault(tuple(int(x) for x in m), {})[i * nc + j] = c
        mats = []
        for m, ent in per.items():  # sparse: set the non-zero entries of a zero matrix (no dense list)
            A = flint.nmod_mat(self.nrows, nc, p)
            for fi, c in ent.items():
                A[fi // nc, fi % nc] = c
            mats.append((m, A))
        zero = flint.nmod_mat(self.nrows, nc, p)

        def at(point):
            return matrix_at(mats, zero, point, p)

        return at

    def to_sympy(self, vectors: Sequence) -> list:
        """fmpz_mpoly vectors as lists of expanded sympy expressions."""
        return [[_to_expr(e, self.gens) for e in v] for v in vectors]

    def to_domain_matrix(self):
        """sympy ``DomainMatrix`` over ``ZZ[gens]`` (``ZZ`` without parameters)."""
        from sympy.polys.matrices import DomainMatrix
        if not self.gens:
            dom = sp.ZZ
            conv = {i: {j: sp.ZZ(_const(e)) for j, e in r.items()} for i, r in self.rows.items()}
        else:
            dom = sp.ZZ[self.gens]
            R = dom.ring
            conv = {i: {j: R.from_dict({tuple(m): sp.ZZ(int(c)) for m, c in e.to_dict().items()})
                        for j, e in r.items()} for i, r in self.rows.items()}
        return DomainMatrix(conv, (self.nrows, self.ncols), dom)


def matrix_at(mats, zero, point, p: int):
    r""":math:`\sum_m \text{point}^m A_m` modulo ``p`` for ``mats = [(exponent tuple, nmod_mat A_m)]``
    (``zero``: the zero ``nmod_mat`` of the shape): the one evaluation loop behind
    :meth:`PolyMatrix.evaluator` and the pencil kernel's picklable matrices."""
    acc = zero
    for m, A in mats:
        v = 1
        for k, e in enumerate(m):
            if e:
                v = v * pow(point[k], e, p) % p
        acc = acc + A * v if v != 1 else acc + A
    return acc


def _lcm(a, b):
    g = a.gcd(b)
    return _exact_div(a * b, g)


def _exact_div(a, b):
    q, r = divmod(a, b)
    if not r.is_zero():
        raise CheckFailedError("inexact polynomial division")
    return q


def _primitive_row(row: dict) -> tuple:
    """``(row / g, g)``: the row divided by the gcd ``g`` of its entries (the generic null space
    is unchanged); ``g`` is ``None`` when nothing was divided out."""
    g = None
    for e in row.values():
        g = e if g is None else g.gcd(e)
        if g.is_one():
            return row, None
    if g is None or g.is_one() or g.is_zero():
        return row, None
    return {j: _exact_div(e, g) for j, e in row.items()}, g


def _to_expr(e, gens):
    """fmpz_mpoly -> expanded sympy expression, built directly in sympy's canonical form.

    The monomials are distinct, so ``Add``/``Mul`` flattening has nothing to combine; the terms
    are assembled with sympy's own canonical argument order (``_mulsort``/``_addsort``), which
    gives the same (``==``) expression as ``Add(*[c*g**k ...])`` at a fraction of the cost.
    """
    from sympy.core.add import _addsort
    from sympy.core.mul import _mulsort
    d = e.to_dict()
    if not gens:
        return sp.Integer(int(d.get((0,), 0))) if d else sp.Integer(0)
    const = sp.Integer(0)
    terms = []
    for m, c in d.items():
        c = sp.Integer(int(c))
        fs = [g if int(k) == 1 else sp.Pow(g, sp.Integer(int(k))) for g, k in zip(gens, m) if int(k)]
        if not fs:
            const = c
            continue
        _mulsort(fs)
        if c != 1:
            fs.insert(0, c)
        terms.append(sp.Mul._from_args(fs) if len(fs) > 1 else fs[0])
    _addsort(terms)
    if const != 0:
        terms.insert(0, const)
    if not terms:
        return sp.Integer(0)
    return sp.Add._from_args(terms) if len(terms) > 1 else terms[0]


def normalize_vector(w: Sequence) -> list:
    """Primitive part of an fmpz_mpoly vector, sign fixed by the first non-zero entry."""
    g = None
    for e in w:
        if not e.is_zero():
            g = e if g is None else g.gcd(e)
    if g is None:
        raise CheckFailedError("zero null vector")
    first = next(e for e in w if not e.is_zero())
    q = _exact_div(first, g)
    if int(q.leading_coefficient()) < 0:
        g = -g
    if g.is_one():
        return list(w)
    return [_exact_div(e, g) if not e.is_zero() else e for e in w]


def certify_nullvectors(pm: PolyMatrix, vectors: Sequence) -> None:
    """Raise :class:`CheckFailedError` unless every vector is non-zero and ``A w = 0`` exactly.

    Parameters
    ----------
    pm : PolyMatrix
        The matrix A over Z[p].
    vectors : sequence of sequences of fmpz_mpoly
        Candidate null vectors w (in ``pm.ctx``).

    Returns
    -------
    None
        Returns only when every w ≠ 0 and A w = 0 exactly.

    Raises
    ------
    CheckFailedError
        A vector is zero or A w ≠ 0.

    Examples
    --------
    >>> g = sp.Symbol("g")
    >>> pm = PolyMatrix.from_dok({(0, 0): -g, (0, 1): 1, (1, 0): g, (1, 1): -1}, 2)
    >>> certify_nullvectors(pm, nullspace_ring(pm)) is None
    True
    """
    for w in vectors:
        if all(e.is_zero() for e in w):
            raise CheckFailedError("certificate: zero null vector")
        if any(not r.is_zero() for r in pm.mul_vec(w)):
            raise CheckFailedError("certificate: reconstructed vector w does not satisfy A w = 0 exactly")


def nullspace_qq_int(pm: PolyMatrix) -> list:
    """Null space of a constant ``PolyMatrix`` (python-flint ``fmpq_mat`` rref), primitive integer vectors."""
    import flint
    k = pm.nrows
    A = flint.fmpq_mat(k, pm.ncols)
    for i, r in pm.rows.items():
        for j, e in r.items():
            A[i, j] = _const(e)
    R, rank = A.rref()
    pivots, row = [], 0
    for c in range(pm.ncols):
        if row < rank and R[row, c] != 0:
            pivots.append(c)
            row += 1
    free = [c for c in range(pm.ncols) if c not in set(pivots)]
    ctx = pm.ctx
    out = []
    for f in free:
        v = [flint.fmpq(0)] * pm.ncols
        v[f] = flint.fmpq(1)
        for rr, c in enumerate(pivots):
            v[c] = -R[rr, f]
        den = 1
        for x in v:
            den = den * int(x.q) // _gcd(den, int(x.q))
        nv = (0,) * ctx.nvars()
        out.append(normalize_vector([ctx.from_dict({nv: int(x.p) * (den // int(x.q))}) if x != 0 else ctx.from_dict({})
                                     for x in v]))
    certify_nullvectors(pm, out)
    return out


def _const(e) -> int:
    return int(e.to_dict().get((0,) * e.context().nvars(), 0))


def _gcd(a, b):
    while b:
        a, b = b, a % b
    return a


def nullspace_ring(pm: PolyMatrix) -> list:
    """Null space over :math:`\\mathbb Z[p]` by fraction-free elimination; primitive, certified.

    The basis is the reduced-row-echelon one (free coordinates in column order), each vector
    multiplied by the lcm of its denominators and divided by the gcd of its entries.

    Parameters
    ----------
    pm : PolyMatrix
        The matrix A over Z[p].

    Returns
    -------
    list of lists of fmpz_mpoly
        A basis of {w : A w = 0} over Q(p), each vector primitive in Z[p] and certified by
        :func:`certify_nullvectors`.

    Examples
    --------
    >>> g = sp.Symbol("g")
    >>> pm = PolyMatrix.from_dok({(0, 0): -g, (0, 1): 1, (1, 0): g, (1, 1): -1}, 2)
    >>> pm.to_sympy(nullspace_ring(pm))
    [[1, g]]
    """
    if pm.is_constant():
        return nullspace_qq_int(pm)
    D = pm.to_domain_matrix()
    ns = D.nullspace()  # fraction-free over ZZ[p] (rref_den)
    ctx = pm.ctx
    out = []
    row = ns.to_dok()
    for r in range(ns.shape[0]):
        vec = []
        for j in range(pm.ncols):
            el = row.get((r, j))
            if el is None or el == 0:
                vec.append(ctx.from_dict({}))
            else:
                vec.append(ctx.from_dict({tuple(m): int(c) for m, c in el.to_dict().items()}))
        out.append(normalize_vector(vec))
    certify_nullvectors(pm, out)
    return out
