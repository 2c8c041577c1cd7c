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
  ``sup``, 0.1 s of sympy) recomputed from the certified ``P`` and compared;
* ``hdb-general-no-reset-v2`` (:func:`certify_no_reset`): ``rho`` is the steady state (core
  modular check); at a random point of the domain and one inside the entangled region (30 digits)
  ``lambda`` is a PT eigenvalue and the negativity is the sum of the negative parts of the PT spectrum; ``N_s1`` is :math:`-\lambda(s=1)`;
  :math:`g^*` a critical point of ``N_s1`` with ``N_max`` its value; ``s_c`` a root of
  :math:`\lambda` in s, ``s_c_at_gstar`` its value at :math:`g^*`, ``g_min`` a critical point of
  ``s_c`` with ``s_c_min`` its value.

Stored nowhere (memoized in the process only; sympy steps from certified inputs, < 0.5 s each):
:data:`MEMORY_ONLY`.

>>> sorted(MEMORY_ONLY)[:2]
['hdb-general-threshold-poly-v2', 'hdb-symmetric-closed-forms-v2']
"""
from __future__ import annotations

import sympy as sp

from ..._cache import register_certifier
from ..._errors import CheckFailedError
from ...engines import certify_null_vector, permutation_basis, permutation_generator

__all__ = ["MEMORY_ONLY", "certify_symmetric_symbolic", "certify_imperfect_reset", "certify_no_reset"]

#: cache kinds of this package that are never stored on disk, with the reason
MEMORY_ONLY = {
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


def _close(a, b, what: str) -> None:
    a, b = complex(sp.N(a, 30)), complex(sp.N(b, 30))
    if not abs(a - b) <= 1e-12 * max(1.0, abs(a), abs(b)):
        raise CheckFailedError(f"cache: stored {what} is wrong (numeric check, 30 digits)")


def certify_no_reset(res, args, kwargs) -> None:
    """Certificate of ``hdb-general-no-reset-v2`` (see the module docstring)."""
    import random

    import numpy as np
    from ...core import certify_steady_rho, partial_transpose
    from ._general import SYM, decay_model
    keys = {"rho", "lambda", "negativity", "N_s1", "g_star", "N_max", "s_c", "s_c_at_gstar", "g_min", "s_c_min"}
    if not isinstance(res, dict) or set(res) != keys:
        raise CheckFailedError("cache: malformed no-reset entry")
    g, s = SYM["g"], SYM["s"]
    rho, lam = sp.Matrix(res["rho"]), res["lambda"]
    certify_steady_rho(decay_model(), rho)
    rng = random.SystemRandom()
    gs0 = sp.Rational(round(float(sp.N(res["g_star"], 20)) * 10 ** 6), 10 ** 6)
    s0 = (1 + sp.Rational(round(float(sp.N(res["s_c_at_gstar"], 20)) * 10 ** 6), 10 ** 6)) / 2
    entangled = {g: gs0 * sp.Rational(rng.randrange(900, 1100), 1000), s: s0}  # inside the entangled region
    for pt in ({g: sp.Rational(rng.randrange(1, 4000), 1000), s: sp.Rational(rng.randrange(1, 999), 1000)}, entangled):
        R = np.array(rho.xreplace(pt).evalf(30).tolist(), dtype=complex)
        evs = np.linalg.eigvalsh(np.asarray(partial_transpose(R, [0], 2), dtype=complex))
        tol = 1e-9 * max(1.0, float(np.abs(evs).max()))
        if np.abs(evs - complex(sp.N(lam.xreplace(pt), 30)).real).min() > tol:
            raise CheckFailedError("cache: stored lambda is not a PT eigenvalue (numeric check)")
        if abs(float(sp.N(res["negativity"].xreplace(pt), 30)) - float(np.maximum(0, -evs).sum())) > tol:
            raise CheckFailedError("cache: stored negativity is not the negative part of the PT spectrum")
    if sp.expand(res["N_s1"] + lam.subs(s, 1)) != 0 and sp.cancel(res["N_s1"] + lam.subs(s, 1)) != 0:
        raise CheckFailedError("cache: stored N(s = 1) is not -lambda(s = 1)")
    gs, gm, sc = res["g_star"], res["g_min"], res["s_c"]
    _close(sp.diff(res["N_s1"], g).subs(g, gs), 0, "g_star")
    _close(res["N_s1"].subs(g, gs), res["N_max"], "N_max")
    g0 = sp.Rational(rng.randrange(500, 3000), 1000)
    _close(sp.numer(sp.together(lam)).subs({g: g0, s: sc.subs(g, g0)}), 0, "s_c")
    _close(sc.subs(g, gs), res["s_c_at_gstar"], "s_c_at_gstar")
    _close(sp.diff(sc, g).subs(g, gm), 0, "g_min")
    _close(sc.subs(g, gm), res["s_c_min"], "s_c_min")


register_certifier("hdb-symmetric-symbolic-v2", certify_symmetric_symbolic)
register_certifier("hdb-general-no-reset-v2", certify_no_reset)
register_certifier("hdb-general-imperfect-reset-v3", certify_imperfect_reset)
