r"""Jordan structure of a matrix at an eigenvalue, exactly and numerically.

For a monic irreducible factor :math:`q` of the characteristic polynomial of :math:`M`
(coefficients in a field :math:`K`: :math:`\mathbb Q`, :math:`\mathbb Q(\alpha)` or
:math:`\mathbb Q(\text{parameters})`), Galois conjugacy gives for each root :math:`\lambda_0`

.. math::

    \dim\ker(M-\lambda_0)^k = \dim\ker q(M)^k / \deg q ,

so the Jordan blocks (the number of blocks of size :math:`\ge k` is :math:`d_k-d_{k-1}`)
come from exact ranks of :math:`q(M)^k` — DomainMatrix ranks over :math:`K`
(:func:`_kernel_dims`) or fraction-free ranks of python-flint polynomial matrices over
:math:`\mathbb Q(\text{parameters})` (:func:`_kernel_dims_flint`,
:func:`~symbolic_ness.algebra._linalg.rank_fraction_free`). :func:`numeric_jordan` gives the
same structure from SVD ranks of :math:`(\mathcal L-\lambda_0)^k`.
Used by :mod:`symbolic_ness.core._exceptional` (where eigenvalues merge).

>>> _jordan([1, 2, 3])        # d_k = dim ker (M - lambda0)^k: one 3x3 block
(3,)
>>> _jordan([2, 3])           # blocks 2 and 1
(2, 1)
"""
from __future__ import annotations

import numpy as np
import sympy as sp
from sympy.polys.matrices import DomainMatrix

from ._charpoly import LAMBDA, ImplicitRoot
from ..algebra._linalg import block_split, nullspace_numeric, rank_fraction_free
from ._liouvillian import liouvillian_numeric
from ._model import Model

__all__ = ["numeric_jordan"]


# ------------------------------------------------------------------ exact structure
def _converter(K, x):
    """``expr -> element of K``; for an algebraic field ``QQ<alpha>``, ``expr`` is a polynomial
    in ``x`` with rational coefficients and ``x -> alpha`` (Horner in K)."""
    if not isinstance(K, sp.polys.domains.AlgebraicField):
        return K.from_sympy
    gen = K.from_sympy(K.ext)

    def conv(expr):
        acc = K.zero
        for c in sp.Poly(sp.expand(expr), x).all_coeffs():
            acc = acc * gen + K.from_sympy(sp.Rational(c))
        return acc
    return conv


def _blocks(dok: dict, N: int, K, conv=None) -> list:
    """Connected diagonal blocks of ``dok`` as DomainMatrix over the field ``K``."""
    conv = conv or K.from_sympy
    out = []
    for idx in block_split(dok, N):
        pos = {i: k for k, i in enumerate(idx)}
        rows: dict = {}
        for (i, j), v in dok.items():
            if i in pos and j in pos:
                e = conv(v)
                if e:
                    rows.setdefault(pos[i], {})[pos[j]] = e
        out.append(DomainMatrix(rows, (len(idx), len(idx)), K).to_dense())
    return out


def _kernel_dims(blocks: list, q_coeffs: list, K, target: int) -> list:
    """``[dim ker q(M)^k for k = 1, 2, ...]`` until ``target`` is reached (or it stabilises)."""
    Qs = []
    for B in blocks:
        n = B.shape[0]
        eye = DomainMatrix.eye(n, K).to_dense()
        Q = eye * q_coeffs[0]
        for c in q_coeffs[1:]:
            Q = Q * B + eye * c
        Qs.append(Q)
    dims: list = []
    powers = list(Qs)
    while True:
        d = sum(P.shape[0] - P.rank() for P in powers)
        if dims and d == dims[-1]:
            break
        dims.append(d)
        if d >= target or len(dims) > target:
            break
        powers = [P * Q for P, Q in zip(powers, Qs)]
    return dims


class _Poly:
    """python-flint ``fmpq_mpoly`` conversion for one set of generators (a dummy one if empty)."""

    def __init__(self, gens):
        import flint
        self.gens = tuple(gens)
        names = tuple(s.name for s in self.gens) or ("_z",)
        self.ctx = flint.fmpq_mpoly_ctx.get(names, "lex")
        self.zero = self.ctx.from_dict({})
        self.one = self.ctx.from_dict({(0,) * len(names): 1})
        self._flint = flint

    def poly(self, expr):
        expr = sp.expand(expr)
        if expr == 0:
            return self.zero
        if not self.gens:
            q = sp.Rational(expr)
            return self.one * self._flint.fmpq(int(q.p), int(q.q))
        P = sp.Poly(expr, *self.gens)
        return self.ctx.from_dict({tuple(m): self._flint.fmpq(int(c.p), int(c.q)) for m, c in P.terms()})

    def fraction(self, expr):
        num, den = sp.fraction(sp.cancel(sp.together(expr)))
        return self.poly(num), self.poly(den)


def _lcm(a, b):
    return a * (b / a.gcd(b))


def _matmul(A, B, zero):
    n, m, k = len(A), len(B[0]) if B else 0, len(B)
    out = []
    for i in range(n):
        row = []
        for j in range(m):
            acc = zero
            for t in range(k):
                if not (A[i][t] == 0 or B[t][j] == 0):
                    acc = acc + A[i][t] * B[t][j]
            row.append(acc)
        out.append(row)
    return out


def _kernel_dims_flint(dok: dict, N: int, q_coeffs: list, gens, target: int) -> list:
    """As :func:`_kernel_dims` for entries and ``q`` coefficients in :math:`\\mathbb Q(\\text{gens})`.

    With :math:`B = B'/D` (``B'`` polynomial) and :math:`q=\\sum_k c_k\\lambda^k`,
    :math:`E D^d q(B) = \\sum_k E c_k D^{d-k} B'^k` is a polynomial matrix of the same rank.
    """
    F = _Poly(gens)
    cs = [F.fraction(c) for c in q_coeffs]  # leading first
    E = F.one
    for _, den in cs:
        E = _lcm(E, den)
    Qs = []
    for idx in block_split(dok, N):
        pos = {i: k for k, i in enumerate(idx)}
        fr = {(pos[i], pos[j]): F.fraction(v) for (i, j), v in dok.items() if i in pos and j in pos}
        D = F.one
        for _, den in fr.values():
            D = _lcm(D, den)
        n = len(idx)
        B = [[F.zero] * n for _ in range(n)]
        for (i, j), (num, den) in fr.items():
            B[i][j] = num * (D / den)
        # Horner in B' (leading coefficient first): H_t = H_(t-1) B' + E c_(d-t) D^t
        Q = None
        for k, (num, den) in enumerate(cs):
            c = num * (E / den)
            if Q is None:
                Q = [[c if i == j else F.zero for j in range(n)] for i in range(n)]
            else:
                Q = _matmul(Q, B, F.zero)
                for i in range(n):
                    Q[i][i] = Q[i][i] + c * D ** k
        Qs.append(Q)
    return _powers_dims(Qs, F.zero, target)


def _powers_dims(Qs: list, zero, target: int) -> list:
    dims: list = []
    powers = [[list(r) for r in Q] for Q in Qs]
    while True:
        dk = sum(len(P) - rank_fraction_free(P, zero) for P in powers)
        if dims and dk == dims[-1]:
            break
        dims.append(dk)
        if dk >= target or len(dims) > target:
            break
        powers = [_matmul(P, Q, zero) for P, Q in zip(powers, Qs)]
    return dims


def _jordan(dims_per_root: list) -> tuple:
    """Jordan block sizes from ``d_k = dim ker (M - lambda0)^k``."""
    ge = [dims_per_root[0]] + [dims_per_root[k] - dims_per_root[k - 1] for k in range(1, len(dims_per_root))]
    sizes = []
    for k in range(len(ge)):
        exactly = ge[k] - (ge[k + 1] if k + 1 < len(ge) else 0)
        sizes += [k + 1] * exactly
    return tuple(sorted(sizes, reverse=True))


def _lambda_factors(expr, K, conv=None) -> list:
    """Irreducible monic factors in LAMBDA (coefficients in K) with multiplicities."""
    if conv is None:
        P = sp.Poly(expr, LAMBDA, domain=K)
    else:
        P = sp.Poly.from_list([conv(c) for c in sp.Poly(expr, LAMBDA).all_coeffs()], LAMBDA, domain=K)
    _, fl = P.factor_list()
    return [(f.monic(), m) for f, m in fl if f.degree() > 0]


def _merged(factors: list, sub: dict, K, conv=None) -> list:
    """Factors q of the characteristic polynomial on the locus whose roots merged.

    Returns ``[(q Poly over K, multiplicity per root, sources)]``.
    """
    acc: dict = {}
    for i, (p, m) in enumerate(factors):
        e = sp.expand(sp.Poly(p, LAMBDA).as_expr().subs(sub))
        for q, mq in _lambda_factors(e, K, conv):
            key = tuple(q.rep.to_list())
            ent = acc.setdefault(key, [q, 0, []])
            ent[1] += m * mq
            ent[2].append((i, mq))
    return [(q, mult, src) for q, mult, src in acc.values()
            if len(src) > 1 or any(mq > 1 for _, mq in src)]


def _root_exprs(q, K, gen=None) -> list:
    """Roots of ``q`` as sympy expressions (radicals up to degree 2, else CRootOf / implicit);
    over ``K = QQ<alpha>`` the generator is written as ``gen`` (its explicit value)."""
    if isinstance(K, sp.polys.domains.AlgebraicField):
        root = gen
        coeffs = [sp.Add(*[sp.Rational(a) * root ** (len(c.to_list()) - 1 - i) for i, a in enumerate(c.to_list())])
                  for c in q.rep.to_list()]
    else:
        coeffs = [K.to_sympy(c) for c in q.rep.to_list()]
    expr = sp.Add(*[c * LAMBDA ** (len(coeffs) - 1 - k) for k, c in enumerate(coeffs)])
    if q.degree() == 1:
        return [sp.simplify(sp.solve(expr, LAMBDA)[0])]
    rts = sp.roots(sp.Poly(expr, LAMBDA)) if q.degree() <= 2 else {}
    if sum(rts.values()) == q.degree():
        return [sp.simplify(r) for r in sorted(rts, key=sp.default_sort_key)]
    return [sp.CRootOf(expr, k) if not expr.free_symbols - {LAMBDA} else ImplicitRoot(expr, sp.Integer(k))
            for k in range(q.degree())]


def _numeric_value(ev, point: dict) -> complex:
    """Value of an eigenvalue expression at ``point`` (implicit roots: k-th root by (Re, Im))."""
    if isinstance(ev, ImplicitRoot):
        poly, k = ev.args
        coeffs = [complex(sp.N(c.subs(point), 30)) for c in sp.Poly(poly, LAMBDA).all_coeffs()]
        return complex(sorted(np.roots(coeffs), key=lambda z: (round(z.real, 9), round(z.imag, 9)))[int(k)])
    return complex(sp.N(ev.subs(point), 30))


# ------------------------------------------------------------------ numeric check
def numeric_jordan(model: Model, values: dict, eigenvalue: complex, algebraic: int, tol: float = 1e-8) -> dict:
    r"""Numeric kernel dimensions of :math:`(\mathcal L-\lambda_0)^k` (column-stacked
    Liouvillian, SVD with relative tolerance ``tol``) at ``values``; returns the dims, the
    geometric multiplicity, the Jordan blocks and the singular-value gap.

    d_k = dim ker (𝓛 − λ_0)^k for k = 1, 2, …; the number of Jordan blocks of size ≥ k is
    d_k − d_(k−1).

    Parameters
    ----------
    model : Model
        The open system.
    values : dict
        Parameter values (all parameters).
    eigenvalue : complex
        λ_0.
    algebraic : int
        Algebraic multiplicity of λ_0 (the largest power tried).
    tol : float, default 1e-8
        Relative singular-value tolerance.

    Returns
    -------
    dict
        ``kernel_dims``, ``geometric``, ``jordan_blocks``, ``max_zero_singular_value``,
        ``min_nonzero_singular_value``.

    Examples
    --------
    At the exceptional point Ω = κ/8 of driven decay (λ_0 = −3κ/4):

    >>> import sympy as sp
    >>> from symbolic_ness import Model, Jump, sigma_minus, sigma_x
    >>> k, w = sp.symbols("kappa Omega", positive=True)
    >>> m = Model(1, w * sigma_x(), jumps=[Jump(sigma_minus(), k)])
    >>> r = numeric_jordan(m, {"kappa": 8, "Omega": 1}, -6, 2)
    >>> r["kernel_dims"], r["geometric"], r["jordan_blocks"]
    ([1, 2], 1, [2])
    """
    L = liouvillian_numeric(model, values).toarray()
    A = L - eigenvalue * np.eye(L.shape[0])
    P = np.eye(L.shape[0], dtype=complex)
    dims, gap = [], [0.0, np.inf]
    for _ in range(max(algebraic, 1)):
        P = A @ P
        vecs, s = nullspace_numeric(P, tol=tol)
        scale = float(s[0]) if s.size and s[0] > 0 else 1.0  # relative, as nullspace_numeric
        zero = s[s <= tol * scale]
        nonzero = s[s > tol * scale]
        gap = [max(gap[0], float(zero.max() / scale) if zero.size else 0.0),
               min(gap[1], float(nonzero.min() / scale) if nonzero.size else np.inf)]
        dims.append(int(vecs.shape[1]))
        if dims[-1] == 0 or dims[-1] >= algebraic or (len(dims) > 1 and dims[-1] == dims[-2]):
            break
    return {"kernel_dims": dims, "geometric": dims[0], "jordan_blocks": list(_jordan(dims)),
            "max_zero_singular_value": gap[0], "min_nonzero_singular_value": gap[1]}


def _check(model, point, ev_expr, alg, geo, blocks) -> dict:
    lam0 = _numeric_value(ev_expr, point)
    res = numeric_jordan(model, point, lam0, alg)
    res["point"] = {str(k): str(v) for k, v in point.items()}
    res["eigenvalue"] = [lam0.real, lam0.imag]
    res["agrees"] = bool(res["geometric"] == geo and tuple(res["jordan_blocks"]) == tuple(blocks)
                         and sum(res["jordan_blocks"]) == alg)
    return res
