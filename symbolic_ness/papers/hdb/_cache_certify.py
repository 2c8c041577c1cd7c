r"""Certificates of the HDB paper's cache kinds beyond the two-qubit derivation and the general
exact state / PT characteristic polynomial (which certify themselves in their modules).

* ``hdb-symmetric-symbolic-v2`` (the symmetric steady state of the reset model, symbolic in
  :math:`g,r,\gamma` after restoring :math:`\gamma` by homogeneity): the permutation generator
  with every parameter symbolic annihilates the stored vector at a random point modulo a random
  prime and has the stored nullity there (:func:`~symbolic_ness.engines.certify_null_vector`);
* ``hdb-general-imperfect-reset-v3`` (:func:`certify_imperfect_reset`): ``rho`` is the steady
  state (core modular check), ``lambda = -P/Q`` modulo a random prime, ``lambda`` is an
  eigenvalue of the partial transpose and the smallest one where that is negative (two random
  points of the domain, numerically), ``negativity = Max(0, P/Q)``, ``eps_r`` the smaller root of
  :math:`P` in :math:`\epsilon` (30 digits), and the discriminant tail (``disc``, ``limit_poly``,
  ``sup``, 0.1 s of sympy) recomputed from the certified ``P`` and compared.

Stored nowhere (memoized in the process only; sympy steps from certified inputs, < 0.5 s each):
:data:`MEMORY_ONLY`.

>>> sorted(MEMORY_ONLY)[:2]
['hdb-general-no-reset-v2', 'hdb-general-threshold-poly-v2']
"""
from __future__ import annotations

import sympy as sp

from ..._cache import register_certifier
from ..._errors import CheckFailedError
from ...engines import certify_null_vector, permutation_basis, permutation_generator

__all__ = ["MEMORY_ONLY", "certify_symmetric_symbolic", "certify_imperfect_reset"]

#: cache kinds of this package that are never stored on disk, with the reason
MEMORY_ONLY = {
    "hdb-general-no-reset-v2": "sympy steps from the certified exact state (< 1 s)",
    "hdb-general-threshold-poly-v2": "a Poly of the certified PT characteristic polynomial (< 0.1 s)",
    "hdb2-geometry-v2": "sympy steps from the certified two-qubit derivation (< 0.5 s)",
    "hdb-symmetric-closed-forms-v2": "PT blocks of the certified symmetric state (< 1 s)",
}


def certify_symmetric_symbolic(res, args, kwargs) -> None:
    """Certificate of ``hdb-symmetric-symbolic-v2`` (``_symbolic_x(N)`` -> ``(x, nullity)``)."""
    from ._symmetric import reset_permutation_model
    N = int(args[0] if args else kwargs["N"])
    x, nullity = res
    certify_null_vector(permutation_generator(reset_permutation_model(), N, {}, "exact"),
                        len(permutation_basis(N)[0]), x, nullity)


def _tail(P):
    """``(disc, limit_poly, sup)`` from ``P`` as :func:`imperfect_reset_forms` derives them."""
    from ._general import SYM
    g, gam, r, eps = SYM["g"], SYM["gamma"], SYM["r"], SYM["epsilon"]
    disc = sp.factor(sp.discriminant(sp.Poly(P.subs(gam, 1), r)))
    facs = [f for f, _ in sp.factor_list(disc)[1] if f.has(eps) and f.has(g) and sp.Poly(f, eps, g).length() > 1]
    core = sp.Mul(*facs)
    lead = sp.factor(sp.Poly(core, g).LC())
    cands = [x for x in sp.real_roots(sp.Poly(lead, eps)) if 0 < x < 1]
    return core, lead, (sp.radsimp(max(cands)) if cands else sp.nan)


def certify_imperfect_reset(res, args, kwargs) -> None:
    """Certificate of ``hdb-general-imperfect-reset-v3`` (see the module docstring)."""
    import random

    import numpy as np
    from ...core import ModP, certify_steady_rho, partial_transpose
    from ._general import SYM, ising_model
    keys = {"rho", "lambda", "P", "Q", "negativity", "eps_r", "disc", "limit_poly", "sup"}
    if not isinstance(res, dict) or set(res) != keys:
        raise CheckFailedError("cache: malformed imperfect-reset entry")
    g, gam, r, eps = SYM["g"], SYM["gamma"], SYM["r"], SYM["epsilon"]
    rho, lam, P, Q = sp.Matrix(res["rho"]), res["lambda"], res["P"], res["Q"]
    certify_steady_rho(ising_model(), rho)
    m, rng = ModP(), random.SystemRandom()
    pt = {s: sp.Integer(rng.randrange(1, 2 ** 20)) for s in (g, gam, r, eps)}
    q = m.at(Q, pt)
    if not q or (m.at(lam, pt) + m.at(P, pt) * pow(q, -1, m.p)) % m.p:
        raise CheckFailedError("cache: stored lambda is not -P/Q (modular check)")
    if res["negativity"] != sp.Max(0, P / Q):
        raise CheckFailedError("cache: stored negativity is not Max(0, P/Q)")
    for _ in range(2):
        pt = {g: sp.Rational(rng.randrange(1, 4000), 1000), gam: sp.Rational(rng.randrange(200, 2000), 1000),
              r: sp.Rational(rng.randrange(1, 20000), 1000), eps: sp.Rational(rng.randrange(1, 999), 1000)}
        R = np.array(rho.xreplace(pt).evalf(30).tolist(), dtype=complex)
        evs = np.linalg.eigvalsh(np.asarray(partial_transpose(R, [0], 2), dtype=complex))
        lv = float(lam.xreplace(pt))
        tol = 1e-9 * max(1.0, float(np.abs(evs).max()))
        if np.abs(evs - lv).min() > tol or (evs.min() < -tol and abs(evs.min() - lv) > tol):
            raise CheckFailedError("cache: stored lambda is not the (negative) PT eigenvalue (numeric check)")
        a, b, c = (complex(sp.N(x.xreplace(pt), 30)) for x in sp.Poly(P, eps).all_coeffs())
        roots = sorted(np.roots([a, b, c]), key=lambda z: z.real)
        er = complex(sp.N(res["eps_r"].xreplace(pt), 30))
        scale = 1e-9 * max(1.0, abs(roots[0]), abs(roots[1]))
        real = abs(roots[0].imag) <= scale
        if (abs(er - roots[0]) if real else min(abs(er - z) for z in roots)) > scale:
            raise CheckFailedError("cache: stored eps_r is not the smaller root of P (numeric check)")
    if _tail(P) != (res["disc"], res["limit_poly"], res["sup"]):
        raise CheckFailedError("cache: stored discriminant, limit polynomial or supremum differ from P's")


register_certifier("hdb-symmetric-symbolic-v2", certify_symmetric_symbolic)
register_certifier("hdb-general-imperfect-reset-v3", certify_imperfect_reset)
