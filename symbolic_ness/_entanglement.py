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
from typing import Mapping, Sequence

import numpy as np
import sympy as sp
from sympy.polys.matrices import DomainMatrix

from ._operators import is_numeric, partial_transpose

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


def pt_eigenvalues(rho, sites: Sequence[int], n: int) -> list:
    """Exact eigenvalues (with multiplicity) of the partial transpose.

    Denominators are cleared first (:math:`\\rho^{T_A}=P/D` with polynomial
    :math:`P`), the characteristic polynomial of :math:`P` is computed over the
    Gaussian-integer polynomial ring (its coefficients are real because
    :math:`\\rho^{T_A}` is Hermitian) and factored over :math:`\\mathbb Z`
    (python-flint); eigenvalues are the roots divided by :math:`D`.
    """
    pt = sp.Matrix(partial_transpose(sp.Matrix(rho), sites, n))
    lam = sp.Symbol("lambda")
    dM = DomainMatrix.from_Matrix(pt)
    if dM.domain.is_Field and not dM.domain.is_Numerical:
        den, num = dM.clear_denoms(convert=True)
        den = den.to_sympy() if hasattr(den, 'to_sympy') else num.domain.to_sympy(den)
    else:
        den, num = sp.Integer(1), dM
    den = sp.expand(sp.sympify(den))
    dom = num.domain
    coeffs = [sp.expand(dom.to_sympy(c)) for c in num.charpoly()]
    poly = sp.Add(*[c * lam ** (len(coeffs) - 1 - k) for k, c in enumerate(coeffs)])
    gens = sorted(poly.free_symbols - {lam}, key=lambda x: x.name)
    if poly.has(sp.I):  # not Hermitian: factor over the Gaussian rationals
        factors = sp.factor_list(poly, lam, *gens, gaussian=True)[1]
    else:
        factors = [(f.as_expr(), m) for f, m in sp.Poly(poly, lam, *gens).factor_list()[1]]
    out = {}
    for f, mult in factors:
        if not f.has(lam):
            continue
        for r, m in sp.roots(sp.Poly(f, lam)).items():
            r = sp.factor(sp.cancel(r / den)) if den != 1 else sp.factor(r)
            out[r] = out.get(r, 0) + m * mult
    return list(out.items())


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
