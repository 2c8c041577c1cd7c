"""xx-ness quantities of the pair states and thresholds (Žnidarič Sec. III.A–D): CLI adapters
``fn(params, method)`` on top of :mod:`symbolic_ness.papers.znidaric` (γ = 0 closed forms, the
dephasing closed forms when γ > 0 and n are given)."""
from __future__ import annotations

import sympy as sp

from .._errors import ParameterError, require_int, require_nonnegative, require_positive
from ..export import Equation, Named, bisect_root
from ..core import lambda_min_pt
from ..papers.znidaric import (
    COUPLING,
    boundary_lambda_min,
    bulk_lambda_min,
    c_min_boundary,
    c_min_bulk,
    gamma_c_closed_form,
    gamma_m_limit,
    gamma_min_boundary,
    gamma_window_bulk,
    lambda_min_dephasing,
    ness_correlators,
)
from ..papers.znidaric.symbols import MAG_FIRST, MAG_LAST
from ..papers.znidaric.dephasing import (
    c_min_dephasing,
    d_edge_dephasing,
    gamma_c_dephasing,
    gamma_m_dephasing,
    gamma_window_dephasing,
    lambda_min_any_pair,
    pair_lambda_numeric,
    c_min_of,
    d_edge_of,
)
from ..papers.znidaric.thresholds import (
    d_edge_boundary,
    d_edge_bulk,
    gamma0_pair_lambda,
    numeric_c_min,
    numeric_corner_gamma,
    numeric_d_edge,
    numeric_pair_lambda,
    real_or_none,
    threshold_functions,
    check_pair,
    gamma_c_pair,
    gamma_window_pair,
    c_min_pair,
    d_edge_pair,
    pair_values_float,
)
from ._registry import Param, Quantity
from ._znidaric_common import METHODS, with_auto

__all__ = ["pair_quantities", "symmetric_coupling", "edge_abscissa"]


def _get(p, *names):
    for nm in names:
        if p.get(nm) is not None:
            return p[nm]
    return None


def _chain_params(p):
    """``(n, Gamma_L, Gamma_R, mu, mubar)`` from validated CLI parameters (gamma must be 0 here)."""
    g = p.get("gamma") or 0
    if float(g) != 0:
        raise ParameterError("gamma", g, "gamma = 0 (dephasing is handled by the gamma > 0 quantities)")
    G = p.get("Gamma")
    GL = _get(p, "Gamma_L")
    GR = _get(p, "Gamma_R")
    if GL is None:
        GL = G
    if GR is None:
        GR = G
    if GL is None or GR is None:
        raise ParameterError("Gamma", None, "Gamma > 0 (or Gamma_L and Gamma_R)")
    GL, GR = require_positive("Gamma_L", GL), require_positive("Gamma_R", GR)
    if p.get("mu") is not None and p.get("mubar") is not None:
        mu, mub = float(p["mu"]), float(p["mubar"])
    elif p.get("c") is not None and p.get("d") is not None:
        mu, mub = float(p["c"]) + float(p["d"]), (float(p["d"]) - float(p["c"])) / 2
    else:
        raise ParameterError("c, d", (p.get("c"), p.get("d")), "both c and d (or mu and mubar) given")
    c, d = mu / 2 - mub, mu / 2 + mub
    if abs(c) > 1 + 1e-15 or abs(d) > 1 + 1e-15:
        raise ParameterError("c, d", (c, d), "|c| <= 1 and |d| <= 1")
    n = p.get("n")
    if n is None:
        raise ParameterError("n", None, "an integer n >= 2 (required: which pairs are boundary pairs depends on n)")
    n = int(n)
    if n < 2:
        raise ParameterError("n", n, "n >= 2")
    return n, GL, GR, mu, mub


def _pair_index(p, n):
    j = p.get("pair")
    j = 1 if j is None else j
    if isinstance(j, float) and j != int(j):
        raise ParameterError("pair", j, "an integer 1 <= pair <= n - 1")
    j = int(j)
    if not 1 <= j <= n - 1:
        raise ParameterError("pair", j, f"an integer 1 <= pair <= n - 1 = {n - 1}")
    return j


def lambda_min_value(p, method="exact"):
    r"""Smallest eigenvalue of the partial transpose of :math:`\rho_{j,j+1}` (``pair`` = j)."""
    n, GL, GR, mu, mub = _chain_params(p)
    j = _pair_index(p, n)
    if method == "exact":
        cfn, evfn = gamma0_pair_lambda()
        t, a1, a, an = (float(v) for v in cfn(GL, GR, mu, mub).ravel())

        def z(site):
            return a1 if site == 1 else (an if site == n else a)
        return float(min(evfn(z(j), z(j + 1), t).ravel()))
    if method == "numeric":
        c, d = mu / 2 - mub, mu / 2 + mub
        if n <= 7:
            return float(numeric_pair_lambda(c, d, GL, GR, j, n))
        return lambda_min_pt(ness_correlators(n, GL, GR, mu, mub, 0, exact=False).pair_state(j, j + 1))
    raise ParameterError("method", method, "exact or numeric")


def _symmetric_gamma(p):
    g = p.get("gamma") or 0
    if float(g) != 0:
        raise ParameterError("gamma", g, "gamma = 0 (dephasing is handled by the gamma > 0 quantities)")
    return symmetric_coupling(p)


def symmetric_coupling(p):
    """The symmetric coupling Gamma = Gamma_L = Gamma_R > 0 from CLI parameters."""
    G = p.get("Gamma")
    if G is None:
        GL, GR = p.get("Gamma_L"), p.get("Gamma_R")
        if GL is None or GR is None or float(GL) != float(GR):
            raise ParameterError("Gamma", (GL, GR), "a symmetric coupling Gamma = Gamma_L = Gamma_R > 0")
        G = GL
    return require_positive("Gamma", G)


def _region(p):
    r = p.get("region") or "boundary"
    if r not in ("boundary", "bulk"):
        raise ParameterError("region", r, "boundary or bulk")
    return r


def _n_numeric(p, region):
    """Chain length for the numeric thresholds: at gamma = 0 the pair states of the boundary pair
    (n >= 3) and of a bulk pair (n >= 4) do not depend on n, so n = 4 is used (fast)."""
    n = p.get("n")
    need = 3 if region == "boundary" else 4
    if n is not None and int(n) < need:
        raise ParameterError("n", n, f"n >= {need} for region={region}")
    return 4


def c_min_value(p, method="exact"):
    r""":math:`c_{\min}(\Gamma)` of ``region``; None when the region has no entangled state (:math:`c_{\min}>1`)."""
    _no_pair_at_gamma0(p)
    G, region = _symmetric_gamma(p), _region(p)
    if method == "exact":
        v = real_or_none(threshold_functions()["c-" + region](G))
        return v if v is not None and v <= 1 else None
    if method == "numeric":
        return numeric_c_min(G, region, _n_numeric(p, region))
    raise ParameterError("method", method, "exact or numeric")


def edge_abscissa(p) -> float:
    """The ``c`` at which a lower edge d(c) is asked for (required, in [-1, 1])."""
    c = p.get("c")
    if c is None:
        raise ParameterError("c", None, "c in [-1, 1] (the abscissa of the edge)")
    c = float(c)
    if not -1 <= c <= 1:
        raise ParameterError("c", c, "-1 <= c <= 1")
    return c


def d_edge_value(p, method="exact"):
    r"""Lower edge :math:`d(c,\Gamma)` of the entangled region at the given c (clamped to -1);
    None when c is outside :math:`[c_{\min},1]`."""
    _no_pair_at_gamma0(p)
    G, region = _symmetric_gamma(p), _region(p)
    c = edge_abscissa(p)
    if method == "exact":
        cm = c_min_value({"Gamma": G, "region": region}, "exact")
        if cm is None or c < cm:
            return None
        v = real_or_none(threshold_functions()["d-" + region](c, G))
        return None if v is None else max(-1.0, min(1.0, v))
    if method == "numeric":
        return numeric_d_edge(c, G, region, _n_numeric(p, region))
    raise ParameterError("method", method, "exact or numeric")


def gamma_min_value(p, method="exact"):
    r""":math:`\Gamma_{\min}` of the boundary tongue (Eq. 18)."""
    if _region(p) != "boundary":
        raise ParameterError("region", p.get("region"), "boundary (the bulk has a window: Gamma-window)")
    if method == "exact":
        return float(sp.N(gamma_min_boundary(), 17))
    if method == "numeric":
        return numeric_corner_gamma("boundary", 1e-3, 1.0, _n_numeric(p, "boundary"))
    raise ParameterError("method", method, "exact or numeric")


def gamma_window_value(p, method="exact"):
    r"""Bulk window :math:`[\Gamma_-,\Gamma_+]` (Eq. 23)."""
    _no_pair_at_gamma0(p)
    if _region(p) != "bulk":
        raise ParameterError("region", p.get("region"), "bulk (the boundary tongue has Gamma-min)")
    if method == "exact":
        return [float(sp.N(g, 17)) for g in gamma_window_bulk()]
    if method == "numeric":
        n = _n_numeric(p, "bulk")
        return [numeric_corner_gamma("bulk", 1e-3, 1.0, n), numeric_corner_gamma("bulk", 1.0, 50.0, n)]
    raise ParameterError("method", method, "exact or numeric")


def _latex_lambda(p):
    j = p.get("pair") or 1
    n = p.get("n")
    if j == 1:
        return Equation(Named(r"\lambda_{\min}(\rho_{12}^{T_1})"), boundary_lambda_min())
    if n is not None and j == int(n) - 1:
        return Equation(Named(r"\lambda_{\min}(\rho_{n-1,n}^{T_1})"), boundary_lambda_min().subs(MAG_FIRST, Named("a_n")))
    return Equation(Named(r"\lambda_{\min}(\rho_{j,j+1}^{T_1})"), bulk_lambda_min())


def _latex_cmin(p):
    if p.get("pair") is not None:
        return _latex_pair_form(p, "c-min")
    r = _region(p)
    return Equation(Named(r"c_{\min}(\Gamma)"), c_min_boundary() if r == "boundary" else c_min_bulk())


def _latex_dedge(p):
    if p.get("pair") is not None:
        return _latex_pair_form(p, "d-edge")
    r = _region(p)
    return Equation(Named(r"d(c,\Gamma)"), d_edge_boundary() if r == "boundary" else d_edge_bulk())


def _latex_gmin(p):
    return Equation(Named(r"\Gamma_{\min}"), gamma_min_boundary())


def _latex_window(p):
    if p.get("pair") is not None:
        return _latex_pair_form(p, "Gamma-window")
    lo, hi = gamma_window_bulk()
    return [Equation(Named(r"\Gamma_-"), lo, note="the bulk pair is entangled for Γ_- < Γ < Γ_+"),
            Equation(Named(r"\Gamma_+"), hi)]



def _n_of(p, lo=4):
    n = p.get("n")
    if n is None:
        raise ParameterError("n", None, f"an integer n >= {lo} (chain length)")
    return require_int("n", n, lo)


def _cd_of(p):
    c, d = p.get("c"), p.get("d")
    if c is None or d is None:
        mu, mub = p.get("mu"), p.get("mubar")
        if mu is not None and mub is not None:
            c, d = float(mu) / 2 - float(mub), float(mu) / 2 + float(mub)
    c = 1.0 if c is None else float(c)
    d = 1.0 if d is None else float(d)
    for name, v in (("c", c), ("d", d)):
        if not -1 <= v <= 1:
            raise ParameterError(name, v, f"-1 <= {name} <= 1")
    return c, d


def _dephasing_on(p):
    g = p.get("gamma")
    return g is not None and float(g) != 0


def _lambda_dephasing_value(p, method):
    n = _n_of(p, 4)
    G = symmetric_coupling(p)
    g = require_nonnegative("gamma", p.get("gamma"))
    c, d = _cd_of(p)
    region = p.get("region")
    pair = p.get("pair")
    if region is None:
        region = "boundary" if (pair is None or int(pair) == 1) else "bulk"
        if region == "bulk" and int(pair) != n // 2:
            return lambda_min_any_pair(n, G, g, c, d, int(pair))
    if region not in ("bulk", "boundary"):
        raise ParameterError("region", region, "bulk or boundary")
    if method == "exact":
        return float(lambda_min_dephasing(n, G, g, c, d, region))
    if method == "numeric":
        if n <= 16:     # full closed hierarchy of the pair (independent of the closed forms)
            return pair_lambda_numeric(n, G, g, c, d, region)
        j = n // 2 if region == "bulk" else 1
        return lambda_min_any_pair(n, G, g, c, d, j)
    raise ParameterError("method", method, "exact or numeric")


def _wrap(old_fn, new_fn):
    def fn(p, method):
        if _dephasing_on(p) and p.get("n") is not None:
            return new_fn(p, method)
        if _dephasing_on(p):
            raise ParameterError("n", None, "the chain length n (required with gamma > 0)")
        return old_fn(p, method)
    fn.__doc__ = getattr(new_fn, "__doc__", None)
    return fn


def _pair_of(p, n):
    """The explicit ``pair`` (1-indexed) or None; a given ``pair`` takes precedence over ``region``."""
    if p.get("pair") is None:
        return None
    return check_pair(n, p["pair"])


def _no_pair_at_gamma0(p):
    if p.get("pair") is not None:
        raise ParameterError("pair", p["pair"], "only with gamma > 0 and n (at gamma = 0 use region)")


def _numeric_pair_lambda_fn(n, j, G, g):
    """λ_min(c, d) of pair j from float hierarchy/engine solves (independent of every closed form)."""
    import numpy as np

    def f(c, d):
        c, d = np.broadcast_arrays(np.asarray(c, float), np.asarray(d, float))
        out = np.empty(c.shape)
        for k in np.ndindex(c.shape):
            zz, z1, z2, xy = pair_values_float(n, j, G, g, float(c[k]), float(d[k]))
            out[k] = lambda_min_pt(_u1_state(zz, z1, z2, xy))
        return out
    return f


def _u1_state(zz, z1, z2, xy):
    from ..papers.znidaric.dephasing import pair_state_u1
    return pair_state_u1(zz, z1, z2, xy)


def _pair_domain(n, j):
    return (-1.0, 1.0) if j in (1, n - 1) else (0.0, 1.0)


def _c_min_q(p, method):
    n, G, g = _n_of(p, 4), symmetric_coupling(p), float(p["gamma"])
    j = _pair_of(p, n)
    if j is not None:
        if method == "exact":
            return c_min_pair(n, j, G, g)
        return c_min_of(_numeric_pair_lambda_fn(n, j, G, g), *_pair_domain(n, j))
    return c_min_dephasing(n, G, g, p.get("region") or "bulk")


def _d_edge_q(p, method):
    n, G, g = _n_of(p, 4), symmetric_coupling(p), float(p["gamma"])
    c = edge_abscissa(p)
    j = _pair_of(p, n)
    if j is not None:
        if method == "exact":
            return d_edge_pair(n, j, G, g, c)
        return d_edge_of(_numeric_pair_lambda_fn(n, j, G, g), c, *_pair_domain(n, j))
    return d_edge_dephasing(n, G, g, c, p.get("region") or "bulk")


def _window_q(p, method):
    n, g = _n_of(p, 4), float(p["gamma"])
    j = _pair_of(p, n)
    if j is not None:
        if method == "exact":
            return gamma_window_pair(n, j, g)
        return _numeric_window(n, j, g)
    if (p.get("region") or "bulk") != "bulk":
        raise ParameterError("region", p.get("region"), "bulk (the boundary pair has Gamma-m)")
    return gamma_window_dephasing(n, g, exact=(method == "exact"))


def _numeric_lambda11(n, j, G, g):
    zz, z1, z2, xy = pair_values_float(n, j, G, g, 1.0, 1.0)
    return lambda_min_pt(_u1_state(zz, z1, z2, xy))


def _numeric_window(n, j, g):
    """[Γ-, Γ+] of pair j at c = d = 1 by a Γ scan (0.02..50, log grid) and a Brent root (core bisect_root) on the float λ_min."""
    import numpy as np
    Gs = np.exp(np.linspace(np.log(0.02), np.log(50), 61))
    neg = [float(_numeric_lambda11(n, j, G, g)) < 0 for G in Gs]
    if not any(neg):
        return None
    a = neg.index(True)
    b = len(neg) - 1 - neg[::-1].index(True)
    h = lambda G: _numeric_lambda11(n, j, G, g)  # noqa: E731
    lo = float(bisect_root(h, Gs[a - 1], Gs[a], 1e-14, method="brent")) if a > 0 else float(Gs[0])
    hi = float(bisect_root(h, Gs[b], Gs[b + 1], 1e-14, method="brent")) if b < len(Gs) - 1 else float("inf")
    return [lo, hi]


def _latex_pair_form(p, what):
    r"""Exact per-n form of the REQUESTED pair (``pair`` given, with ``n``): for ``gamma-c`` and
    ``Gamma-window`` :math:`\lambda_{\min}` at c = d = 1 in (Γ, γ) and the polynomial whose positive
    roots are γ_c / Γ±; for ``c-min`` and ``d-edge`` :math:`\lambda_{\min}(c,d)` at the given Γ, γ."""
    from ..papers.znidaric.thresholds import pair_cd_lambda
    from ..papers.znidaric.pairs import pair_threshold_form
    n = _n_of(p, 3)
    j = check_pair(n, p["pair"])
    where = f"n = {n}, pair ({j}, {j + 1})"
    lam_name = Named(r"\lambda_{\min}(\rho^{T_1})")
    if what in ("gamma-c", "Gamma-window"):
        lam, F, how = pair_threshold_form(n, j)
        roots = ("γ_c is its smallest positive root in γ" if what == "gamma-c"
                 else "Γ_± are its positive roots in Γ")
        return [Equation(lam_name, lam, note=f"{where}, c = d = 1"),
                Equation(F, 0, note=f"{roots} ({how})")]
    G = symmetric_coupling(p)
    g = p.get("gamma")
    if g is None:
        raise ParameterError("gamma", g, "a number > 0 (the pair's lambda_min(c, d) is exact at given "
                             "Gamma and gamma > 0)")
    lam, _ = pair_cd_lambda(n, j, G, g)
    return Equation(lam_name, lam, note=f"{where}, Γ = {sp.Rational(str(G))}, γ = {sp.Rational(str(g))}; exact per n")


def _latex_gamma_c(p):
    if p.get("pair") is not None:
        return _latex_pair_form(p, "gamma-c")
    return Equation(Named(r"\gamma_c"), gamma_c_closed_form("even"), note="even n")


def _latex_gamma_m(p):
    return Equation(Named(r"\lim_{n\to\infty}\Gamma_m"), gamma_m_limit()[0],
                    note="Γ_m(γ, n): where the minimum over d of λ_min(ρ_12; c = 1, d) vanishes")


def gamma_c_value(p, method="exact"):
    """γ_c of the pair (default: central) at c = d = 1 (CLI ``gamma-c``; ``n``, ``Gamma``, ``pair``)."""
    n, G = _n_of(p, 4), symmetric_coupling(p)
    j = _pair_of(p, n)
    if j is None:
        return gamma_c_dephasing(n, G, method)
    if method == "exact":
        return gamma_c_pair(n, j, G)
    if method != "numeric":
        raise ParameterError("method", method, "exact or numeric")
    f = lambda g: _numeric_lambda11(n, j, G, g)  # noqa: E731
    if not f(1e-9) < 0:
        return None
    hi = 1.0
    while f(hi) < 0:
        hi *= 2
        if hi > 1e4:
            return float("inf")
    return float(bisect_root(f, 1e-9, hi, 1e-15, rtol=1e-15, method="brent"))


def gamma_m_value(p, method="exact"):
    """Γ_m(γ, n) of the boundary pair (CLI ``Gamma-m``; ``n``, ``gamma``)."""
    n = _n_of(p, 4)
    g = require_positive("gamma", p.get("gamma") if p.get("gamma") is not None else -1)
    if method not in ("exact", "numeric"):
        raise ParameterError("method", method, "exact or numeric")
    return gamma_m_dephasing(n, g)


def pair_quantities() -> dict:
    """The pair and threshold quantities of ``xx-ness`` (γ = 0 closed forms; γ > 0 with n:
    dephasing closed forms), each with methods auto / exact / numeric."""
    pair = Param("pair", "pair index j: spins (j, j+1), 1-indexed", default=1, kind="int")
    region = Param("region", "boundary (rho_12) or bulk (rho_{j,j+1})", default="boundary",
                   kind="choice", choices=("boundary", "bulk"))
    region_bulk = Param("region", "bulk (rho_{j,j+1})", default="bulk", kind="choice", choices=("boundary", "bulk"))
    region_opt = Param("region", "bulk (central pair n/2, n/2+1) or boundary (pair 1, 2); with gamma > 0",
                       default=None, kind="choice", choices=("boundary", "bulk"))

    def neg0(p, method):
        return max(0.0, -lambda_min_value(p, method))

    def neg_deph(p, method):
        return max(0.0, -_lambda_dephasing_value(p, method))

    pair_deph = Param("pair", "pair index j: spins (j, j+1), 1-indexed (gamma > 0; default: central pair / "
                      "region)", default=None, kind="int")
    deph = "; gamma > 0 with n: dephasing closed forms (region=bulk: central pair)"
    deph2 = "; gamma > 0 with n: central pair with dephasing (numeric root finding on the exact closed form)"
    q = {
        "lambda-min": Quantity("lambda-min", "smallest eigenvalue of the partial transpose of the pair "
                               "(pair, pair+1) (gamma = 0: Eqs. 15/20)" + deph,
                               with_auto(_wrap(lambda_min_value, _lambda_dephasing_value)), _latex_lambda, METHODS,
                               (pair, region_opt)),
        "negativity": Quantity("negativity", "negativity max(0, -lambda_min) of the pair (pair, pair+1)" + deph,
                               with_auto(_wrap(neg0, neg_deph)), _latex_lambda, METHODS, (pair, region_opt)),
        "c-min": Quantity("c-min", "start c_min(Gamma) of the entangled region of the pair (region) at "
                          "Gamma_L = Gamma_R = Gamma (Eqs. 16, 22); null if none" + deph2,
                          with_auto(_wrap(c_min_value, _c_min_q)), _latex_cmin, METHODS, (region, pair_deph)),
        "d-edge": Quantity("d-edge", "lower edge d(c, Gamma) of the entangled region at the given c "
                           "(Eqs. 17, 21); null if c < c_min" + deph2,
                           with_auto(_wrap(d_edge_value, _d_edge_q)), _latex_dedge, METHODS, (region, pair_deph)),
        "Gamma-min": Quantity("Gamma-min", "minimal symmetric coupling for an entangled boundary pair (Eq. 18)",
                              with_auto(gamma_min_value), _latex_gmin, METHODS, (region,)),
        "Gamma-window": Quantity("Gamma-window", "[Gamma_-, Gamma_+] with bulk entanglement (Eq. 23)" + deph2,
                                 with_auto(_wrap(gamma_window_value, _window_q)), _latex_window, METHODS,
                                 (region_bulk, pair_deph)),
        "gamma-c": Quantity("gamma-c", "critical dephasing gamma_c(n, Gamma) of the central pair at c = d = 1 "
                            "(Eq. 24, derived); pair: any pair (j, j+1), exact per n", with_auto(gamma_c_value),
                            _latex_gamma_c, METHODS, (pair_deph,)),
        "Gamma-m": Quantity("Gamma-m", "minimal coupling Gamma_m(gamma, n) for an entangled boundary pair "
                            "with dephasing", with_auto(gamma_m_value), _latex_gamma_m, METHODS),
    }
    return q
