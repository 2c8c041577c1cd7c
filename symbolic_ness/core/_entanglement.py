r"""Entanglement measures: negativity and logarithmic negativity.

Definitions (Vidal–Werner):
:math:`\mathcal N_A(\rho)=(\|\rho^{T_A}\|_1-1)/2=\sum_{\lambda<0}|\lambda(\rho^{T_A})|`,
:math:`E_N=\log_2\|\rho^{T_A}\|_1=\log_2(2\mathcal N+1)`.
The partial transpose acts on the 0-indexed ``sites`` (subsystem A);
:math:`\mathcal N_A=\mathcal N_B`. For two qubits at most one eigenvalue of
:math:`\rho^{T_A}` is negative, so :math:`\mathcal N=\max(0,-\lambda_{\min})`.

Exact closed forms come from the factored characteristic polynomial of
:math:`\rho^{T_A}` (:func:`pt_eigenvalues`); :func:`negativity_closed_form`
keeps the eigenvalues that are negative somewhere in the sampled parameter
region and returns :math:`\sum_k\max(0,-\lambda_k)`.

>>> import sympy as sp
>>> bell = sp.Matrix([1, 0, 0, 1]) / sp.sqrt(2)
>>> negativity(bell * bell.T, [0], 2)
1/2
>>> import numpy as np
>>> float(negativity(np.eye(4) / 4, [0], 2))
0.0
"""
from __future__ import annotations

import random
from typing import Sequence

import numpy as np
import sympy as sp
from sympy.polys.matrices import DomainMatrix

from .._cache import cached
from ._operators import is_numeric, partial_transpose
from ._polys import _flint_factor_terms

LAM = sp.Symbol("lambda")

__all__ = ["negativity", "log_negativity", "pt_eigenvalues", "negativity_closed_form",
           "lambda_min_pt"]


def negativity(rho, sites: Sequence[int], n: int):
    """Negativity of ``rho`` (n qubits) for the bipartition ``sites`` | rest.

    Numeric arrays give a float; sympy matrices without free symbols give an
    exact number (via the exact eigenvalues), with symbols use
    :func:`negativity_closed_form`.
    """
    pt = partial_transpose(rho, sites, n)
    if is_numeric(pt):
        ev = np.linalg.eigvalsh((pt + pt.conj().T) / 2)
        return float(-ev[ev < 0].sum())
    if pt.free_symbols:
        return negativity_closed_form(rho, sites, n)
    total = sp.Integer(0)
    for ev, mult in pt_eigenvalues(rho, sites, n):
        v = complex(sp.N(ev, 30))
        if v.real < 0:
            total += -mult * ev
    return sp.nsimplify(sp.simplify(total)) if total != 0 else sp.Integer(0)


def log_negativity(rho, sites: Sequence[int], n: int):
    """Logarithmic negativity :math:`\\log_2(2\\mathcal N+1)`."""
    N = negativity(rho, sites, n)
    if isinstance(N, float):
        return float(np.log2(2 * N + 1))
    return sp.log(2 * N + 1, 2)


def _flint_factor(terms: dict, nvars: int):
    """Factors (dropping the constant) of ``{monomial: int}`` via :mod:`symbolic_ness.core._polys`."""
    res = _flint_factor_terms(terms, nvars)
    return None if res is None else res[1]


def _split_den(den):
    """Denominator (a product of powers) -> (rational constant, {primitive polynomial base: exponent})."""
    const, powers = sp.Integer(1), {}
    for f in sp.Mul.make_args(den):
        base, e = f.as_base_exp()
        if base.is_number:
            const *= f
            continue
        cont, prim = sp.Poly(base, *sorted(base.free_symbols, key=lambda s: s.name)).primitive()
        lc = prim.LC()
        if lc < 0:
            cont, prim = -cont, -prim
        const *= cont ** e
        key = prim.as_expr()
        powers[key] = powers.get(key, 0) + e
    return const, powers


def _clear_denominators(M):
    """``(d*M, d)`` with d a common multiple of the entries' denominators, built from their
    product form (``Mul`` of powers, bases made primitive) so no polynomial gcds are needed."""
    fracs = [sp.fraction(sp.together(v)) for v in M]
    split = [_split_den(den) for _, den in fracs]
    const, powers = sp.Integer(1), {}
    for c, pw in split:
        const = sp.ilcm(const, sp.numer(c)) if c.is_Rational else const * c
        for b, e in pw.items():
            powers[b] = max(powers.get(b, 0), e)
    d = const * sp.Mul(*[b ** e for b, e in powers.items()])
    out = []
    for (nm, _), (c, pw) in zip(fracs, split):
        rest = sp.Mul(*[b ** (e - pw.get(b, 0)) for b, e in powers.items()])
        out.append(sp.expand(nm * (const / c) * rest))
    return sp.Matrix(M.rows, M.cols, out), d


def _reduce_fraction(num, d):
    """num/d in lowest terms, denominator kept as a product of its (primitive) factors."""
    num = sp.expand(num)
    if not num.is_polynomial(*num.free_symbols):  # radicals (roots of quadratic factors)
        return sp.cancel(num / d)
    const, powers = _split_den(d)
    for b, e in list(powers.items()):
        while e > 0:
            q, rem = sp.div(num, b, *sorted(num.free_symbols | b.free_symbols, key=lambda s: s.name)) if num != 0 else (0, 0)
            if rem != 0:
                break
            num, e = sp.expand(q), e - 1
        powers[b] = e
    c = sp.Rational(const)
    if num.is_number:
        return num / c / sp.Mul(*[b ** e for b, e in powers.items()])
    cont, prim = sp.Poly(num, *sorted(num.free_symbols, key=lambda s: s.name)).primitive()
    c = cont / c
    return sp.Mul(c, prim.as_expr(), *[b ** (-e) for b, e in powers.items() if e])


@cached("pt-eigenvalues-v1")
def _pt_eigenvalues(rho, sites: tuple, n: int) -> list:
    r"""Exact eigenvalues (with multiplicity) of :math:`\rho^{T_A}` (sites ``sites`` of ``n`` qubits).

    Fast route: clear the common denominator :math:`d` of
    :math:`\rho^{T_A}` over :math:`\mathbb Z[i](g,r,\gamma)` (DomainMatrix),
    take the characteristic polynomial of :math:`d\,\rho^{T_A}` over
    :math:`\mathbb Z[i][g,r,\gamma]`, check that it is real (the matrix is
    Hermitian), factor it over :math:`\mathbb Z` (python-flint
    ``fmpz_mpoly.factor``; sympy ``factor_list`` as fallback), solve each
    factor in :math:`\lambda` and divide by :math:`d`.

    """
    pt = sp.Matrix(partial_transpose(sp.Matrix(rho), list(sites), n))
    dim = pt.shape[0]
    ptn, d = _clear_denominators(pt)
    num = DomainMatrix.from_Matrix(ptn)
    if num.domain.is_Field:  # denominators not in factored form: let sympy clear the rest
        den, num = num.clear_denoms(convert=True)
        d = d * den.to_sympy()
    K = num.domain
    coeffs = num.charpoly()
    poly_ring = bool(getattr(K, "is_PolynomialRing", False))
    gens = list(K.symbols) if poly_ring else []
    ground = K.domain if poly_ring else K
    nv = len(gens) + 1
    terms = {}
    for k, c in enumerate(coeffs):
        items = c.terms() if poly_ring else [((), c)]
        for mono, cc in items:
            re_, im_ = sp.sympify(ground.to_sympy(cc)).as_real_imag()
            if im_ != 0:
                raise RuntimeError("characteristic polynomial of the partial transpose is not real")
            if re_ != 0:
                key = (len(coeffs) - 1 - k,) + tuple(mono)
                terms[key] = terms.get(key, 0) + int(re_)
    syms = [LAM] + [sp.sympify(gv) for gv in gens]

    def to_expr(tm):
        return sp.Add(*[c * sp.Mul(*[s ** e for s, e in zip(syms, mono)]) for mono, c in tm.items()])

    facs = _flint_factor(terms, nv)
    if facs is None:
        _, fl = sp.factor_list(to_expr(terms), *syms)
        facs = [(sp.Poly(f, *syms).as_dict(), m) for f, m in fl]
    out = {}
    for tm, mult in facs:
        f = to_expr(tm)
        if not f.has(LAM):
            continue
        pf = sp.Poly(f, LAM)
        if pf.degree() == 1:  # linear factor: root = -a0/a1, no simplification needed
            a1, a0 = pf.all_coeffs()
            rts = {sp.expand(-a0 / a1) if a1.is_number else sp.cancel(-a0 / a1): 1}
        else:
            rts = sp.roots(pf)
        for root, m in rts.items():
            ev = _reduce_fraction(root, d) if d != 1 else root
            out[ev] = out.get(ev, 0) + m * mult
    if sum(out.values()) != dim:
        raise RuntimeError("could not solve the characteristic polynomial of the partial transpose")
    return sorted(out.items(), key=lambda kv: sp.default_sort_key(kv[0]))


def pt_eigenvalues(rho, sites: Sequence[int], n: int) -> list:
    """Exact eigenvalues (with multiplicity) of the partial transpose on ``sites``.

    Denominators are cleared from their factored form (no polynomial gcds),
    the characteristic polynomial of the numerator matrix is computed over
    :math:`\\mathbb Z[i][\\text{params}]`, checked to be real (the partial
    transpose is Hermitian) and factored over :math:`\\mathbb Z` with
    python-flint (``fmpz_mpoly.factor``); each factor is solved in radicals
    and the roots are divided by the common denominator.

    >>> pt_eigenvalues(sp.diag(1, 0, 0, 0), [0], 2)
    [(0, 3), (1, 1)]
    """
    return _pt_eigenvalues(sp.ImmutableMatrix(rho), tuple(sites), n)


def _sample_point(symbols, rng):
    pt = {}
    for s in symbols:
        if s.is_positive or s.is_nonnegative:
            pt[s] = rng.uniform(0.05, 20)
        else:
            pt[s] = rng.uniform(-2, 2)
    return pt


def negativity_closed_form(rho, sites: Sequence[int], n: int, samples: int = 400,
                           sampler=None, seed: int = 1):
    r"""Closed-form :math:`\sum_k \max(0,-\lambda_k)` over the PT eigenvalues that can be negative.

    Whether an eigenvalue can be negative is decided by sampling ``samples``
    parameter points (positive symbols in (0.05, 20), others in (-2, 2), or a
    user ``sampler(rng) -> {symbol: value}``).
    """
    rho = sp.Matrix(rho)
    evs = pt_eigenvalues(rho, sites, n)
    syms = sorted(rho.free_symbols, key=lambda s: s.name)
    rng = random.Random(seed)
    pts = [(sampler or (lambda r: _sample_point(syms, r)))(rng) for _ in range(samples)]
    keep = []
    for ev, mult in evs:
        f = sp.lambdify(syms, ev, "mpmath")
        for p in pts:
            try:
                v = complex(f(*[p[s] for s in syms]))
            except (ZeroDivisionError, ValueError):
                continue
            if v.real < -1e-12:
                keep.append((ev, mult))
                break
    if not keep:
        return sp.Integer(0)
    return sp.Add(*[m * sp.Max(0, -ev) for ev, m in keep])


def lambda_min_pt(rho) -> float:
    """Smallest eigenvalue of the partial transpose (first qubit) of a numeric 2-qubit state."""
    pt = partial_transpose(np.asarray(rho, dtype=complex), [0], 2)
    return float(np.linalg.eigvalsh((pt + pt.conj().T) / 2)[0])
