r"""No entanglement beyond nearest neighbours at γ = 0 (Žnidarič Sec. III.C), proved for every
distance r >= 2, every coupling and driving and every chain length: Wick's theorem, a
reduction to r = 2, a log-concavity argument and AM–GM positivity certificates
(:func:`~symbolic_ness.algebra.amgm_certificate`, re-exported as ``positivity_certificate``).
"""
from __future__ import annotations

import sympy as sp

from ..._errors import CheckFailedError
from ...algebra import amgm_certificate as positivity_certificate
from ._pair_states import distance_lambda_min, gamma0_profile
from ._symbols import CURRENT
from ._thresholds import _by_name, _split_sqrt

__all__ = ["nn_theorem"]


def nn_theorem(max_r: int = 4):
    r"""Proof that no pair at distance :math:`r\ge2` is entangled at γ = 0 (any :math:`\Gamma_L,\Gamma_R>0`,
    any :math:`(\mu,\bar\mu)` in the allowed rhombus, any chain length).

    Returns a list of ``(step, statement, evidence)``; raises ``CheckFailedError`` if a step fails.

    1. Wick (:func:`distance_lambda_min`): :math:`4\lambda=1+z_jz_k-\sqrt{(z_j+z_k)^2+4t^{2r}}`
       (derived for r = 2..max_r; the coherence has modulus :math:`|t|^r`). With
       :math:`|z|\le1`, :math:`\lambda\ge0\iff G\equiv(1-z_j^2)(1-z_k^2)-4t^{2r}\ge0`.
    2. Closed form: :math:`z_l=\bar\mu-\tfrac\mu2 s_l`, :math:`t=\tfrac\mu2\tau` with
       :math:`s_l,\tau` functions of :math:`\Gamma_{L,R}`; certified :math:`|s_l|\le1`, :math:`0<\tau\le\tfrac12`,
       so :math:`t^{2r}\le t^4` and it suffices to treat r = 2.
    3. At fixed :math:`m=\mu/2`, :math:`(1-z_j^2)(1-z_k^2)` is a product of four linear functions
       of :math:`p=\bar\mu`, nonnegative on the allowed interval, hence log-concave: the
       minimum of G is on the rhombus edge :math:`|p|=1-|m|`. By :math:`(m,p)\to(-m,-p)` two
       edges suffice; there :math:`G=m^2H(m)` with H a product of nonnegative
       decreasing linear factors minus :math:`4m^2\tau^4`, so :math:`H\ge H(1)=(1-s_j^2)(1-s_k^2)-4\tau^4`.
    4. :math:`(1-s_j^2)(1-s_k^2)-4\tau^4=16\Gamma_L^2\Gamma_R^2\,(P_jP_k-4\Gamma_L^2\Gamma_R^2)/DRIVE_D^4` and
       :math:`P_jP_k-4\Gamma_L^2\Gamma_R^2` has an AM–GM certificate for every site pair type
       (boundary–bulk, boundary–boundary, bulk–bulk, bulk–boundary).

    Parameters
    ----------
    max_r : int, default 4
        Largest distance for which step 1 is derived explicitly.

    Returns
    -------
    list of tuple
        ``(step, statement, evidence)``.

    Raises
    ------
    CheckFailedError
        A step fails.

    Examples
    --------
    >>> [step for step, _, _ in nn_theorem(2)]
    ['1.r=2', '2.s_1', '2.s_bulk', '2.s_n', '2.tau', '3', '4.(1,bulk)', '4.(1,n)', '4.(bulk,bulk)', '4.(bulk,n)']
    """
    steps = []
    zj, zk = sp.symbols("zj zk", real=True)
    for r in range(2, max_r + 1):
        lam = distance_lambda_min(r)
        P, Q = _split_sqrt(lam)
        G = sp.expand(P ** 2 - Q)
        target = sp.expand((1 - zj ** 2) * (1 - zk ** 2) - 4 * CURRENT ** (2 * r))
        if sp.expand(G - target) != 0:
            raise CheckFailedError(f"step 1 failed for r = {r}")
        steps.append((f"1.r={r}", "4*lambda = 1 + zj*zk - sqrt(...); P^2 - Q = (1-zj^2)(1-zk^2) - 4 t^(2r)",
                      sp.factor_terms(lam)))
    cf = gamma0_profile()
    vals = [sp.sympify(cf[k]) for k in ("t", "a1", "a", "an")]
    GL, GR, mu, mub = (_by_name(vals, nm) for nm in ("Gamma_L", "Gamma_R", "mu", "mubar"))
    x, y = sp.symbols("x y", positive=True)
    sub = {GL: x, GR: y}
    t, a1, a, an = (v.subs(sub) for v in vals)
    # linear structure z = mubar - (mu/2) s, t = (mu/2) tau
    s = {}
    for name, z in (("1", a1), ("bulk", a), ("n", an)):
        if sp.simplify(sp.diff(z, mub) - 1) != 0 or sp.simplify(z - z.subs({mu: 0})
                                                               - mu * sp.diff(z, mu)) != 0:
            raise CheckFailedError("z_l is not affine-linear with unit mubar slope")
        s[name] = sp.factor(-2 * sp.diff(z, mu))
    tau = sp.factor(2 * sp.diff(t, mu))
    if sp.simplify(t - mu * tau / 2) != 0:
        raise CheckFailedError("t is not proportional to mu")
    Dn = sp.fraction(sp.together(tau))[1]
    # |s_l| <= 1: (1 - s)(1 + s) numerators have positive coefficients
    for name, sl in s.items():
        for sign in (1, -1):
            num, den = sp.fraction(sp.factor(1 + sign * sl))
            for f in (num, den):
                for fac, _ in sp.factor_list(f)[1]:
                    if any(c < 0 for c in sp.Poly(fac, x, y).coeffs()):
                        raise CheckFailedError(f"|s_{name}| <= 1 not certified")
        steps.append((f"2.s_{name}", f"|s_{name}| <= 1", s[name]))
    num, den = sp.fraction(sp.factor(1 - 2 * tau))
    cert = positivity_certificate(sp.expand(num * sp.sign(sp.Poly(den, x, y).LC())), (x, y))
    if cert is None:
        raise CheckFailedError("tau <= 1/2 not certified")
    steps.append(("2.tau", "0 < tau <= 1/2 (so t^2 <= 1/4 and t^(2r) <= t^4 for r >= 2)", cert))
    # step 3: identity on the rhombus edge with generic s, tau
    m, sj, sk, ta = sp.symbols("m s_j s_k tau", real=True)
    for pe, sgn in ((1 - m, 1), (1 + m, -1)):
        zjv, zkv = pe - m * sj, pe - m * sk
        G = (1 - zjv ** 2) * (1 - zkv ** 2) - 4 * (m * ta) ** 4
        mm = sgn * m
        H = ((1 + sgn * sj) * (1 + sgn * sk) * (2 - mm * (1 + sgn * sj)) * (2 - mm * (1 + sgn * sk))
             - 4 * mm ** 2 * ta ** 4)
        if sp.expand(G - mm ** 2 * H) != 0:
            raise CheckFailedError("step 3 edge identity failed")
        if sp.expand(H.subs(m, sgn) - ((1 - sj ** 2) * (1 - sk ** 2) - 4 * ta ** 4)) != 0:
            raise CheckFailedError("step 3 end-point identity failed")
    steps.append(("3", "min over the rhombus at (m, p) = (+-1, 0): G >= m^4 [(1-s_j^2)(1-s_k^2) - 4 tau^4]",
                  sp.Integer(1)))
    # step 4: certificates for each pair type
    for (nj, nk) in (("1", "bulk"), ("1", "n"), ("bulk", "bulk"), ("bulk", "n")):
        expr = sp.factor((1 - s[nj] ** 2) * (1 - s[nk] ** 2) - 4 * tau ** 4)
        num, den = sp.fraction(expr)
        # strip manifestly positive factors
        core = sp.Integer(1)
        for fac, mult in sp.factor_list(num)[1]:
            if fac.free_symbols and not (fac.is_Symbol or (fac.is_Pow and fac.base.is_Symbol)):
                core *= fac ** mult
        lc = sp.factor_list(num)[0]
        cert = positivity_certificate(sp.expand(core * sp.sign(lc)), (x, y))
        if cert is None:
            raise CheckFailedError(f"step 4 not certified for ({nj}, {nk})")
        steps.append((f"4.({nj},{nk})", "(1-s_j^2)(1-s_k^2) - 4 tau^4 > 0 for Gamma_L, Gamma_R > 0",
                      (sp.factor(core * sp.sign(lc)), cert)))
    return steps
