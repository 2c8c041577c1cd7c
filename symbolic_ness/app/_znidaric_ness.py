"""Catalogue provider: the boundary-driven XX chain ``xx-ness`` (Žnidarič Eqs. 5–10), one
:class:`CatalogModel` with every quantity: correlators, steady state, pair entanglement and
thresholds (γ = 0 and with dephasing)."""
from __future__ import annotations

import time

import numpy as np
import sympy as sp

from .._errors import ParameterError, require_int, require_interval, require_nonnegative, require_positive
from ..export import Equation, Named
from ..core import steady_state
from ..papers.znidaric.chain import (
    ENGINE_MIN_N,
    block_steady_state,
    check_two_point_map,
    dephasing_two_point_closed_form,
    engine_solve,
    engine_structure,
    gamma0_correlators,
    hierarchy,
    support_classes,
)
from ..papers.znidaric import XXCorrelators, gamma0_closed_form, ness_correlators, xx_chain_model
from ._registry import CatalogModel, Param, Quantity
from ._znidaric_common import METHODS, with_auto
from ._znidaric_ness_quantities import pair_quantities

__all__ = ["CATALOG_MODELS", "CATALOG_SECTIONS", "resolve_params", "correlators_for"]


def resolve_params(p: dict) -> dict:
    r"""Resolve the ``xx-ness`` CLI parameters (validate hook of the catalogue model).

    * couplings: ``Gamma`` sets both :math:`\Gamma_L=\Gamma_R`; otherwise
      ``Gamma_L``/``Gamma_R`` (each defaults to ``Gamma``, or to 1 if nothing given).
      ``Gamma`` together with a different ``Gamma_L``/``Gamma_R`` is an error.
    * driving: either (``mu``, ``mubar``) or (``c``, ``d``) with
      :math:`c=\mu/2-\bar\mu`, :math:`d=\mu/2+\bar\mu`. Defaults: ``c = d = 1``
      (:math:`\mu=2,\bar\mu=0`, maximal driving) when none is given; a missing
      ``mubar`` (or ``mu``) is 0; a missing ``c`` or ``d`` is 1. Mixing both
      pairs is allowed only if consistent.
    * ``gamma`` >= 0 (default 0); ``n`` integer >= 2 (needed by n-dependent quantities).

    Adds the resolved ``Gamma_L, Gamma_R, mu, mubar, c, d, gamma`` to the dict.

    >>> q = resolve_params({"n": 4, "Gamma": 2.0, "c": 0.5, "d": 1.0})
    >>> q["Gamma_L"], q["Gamma_R"], q["mu"], q["mubar"]
    (2.0, 2.0, 1.5, 0.25)
    """
    p = dict(p)
    G, GLv, GRv = p.get("Gamma"), p.get("Gamma_L"), p.get("Gamma_R")
    if G is not None:
        for name, v in (("Gamma_L", GLv), ("Gamma_R", GRv)):
            if v is not None and abs(v - G) > 1e-15:
                raise ParameterError(name, v, f"equal to Gamma = {G} when Gamma is given (or omit Gamma)")
        GLv = GRv = G
    else:
        GLv = 1.0 if GLv is None else GLv
        GRv = 1.0 if GRv is None else GRv
    has_mu = p.get("mu") is not None or p.get("mubar") is not None
    has_cd = p.get("c") is not None or p.get("d") is not None
    if has_mu:
        mu = p.get("mu") if p.get("mu") is not None else 0.0
        mb = p.get("mubar") if p.get("mubar") is not None else 0.0
        c, d = mu / 2 - mb, mu / 2 + mb
        if has_cd:
            for name, given, val in (("c", p.get("c"), c), ("d", p.get("d"), d)):
                if given is not None and abs(given - val) > 1e-12:
                    raise ParameterError(name, given, f"consistent with mu, mubar ({name} = {val}) or give only one pair")
    else:
        c = p.get("c") if p.get("c") is not None else 1.0
        d = p.get("d") if p.get("d") is not None else 1.0
        mu, mb = c + d, (d - c) / 2
    gamma = p.get("gamma") if p.get("gamma") is not None else 0.0
    n = p.get("n")
    for name, v in (("Gamma_L", GLv), ("Gamma_R", GRv)):
        if not v > 0:
            raise ParameterError(name, v, f"{name} > 0")
    if not gamma >= 0:
        raise ParameterError("gamma", gamma, "gamma >= 0")
    if abs(c) > 1 + 1e-15 or abs(d) > 1 + 1e-15:
        raise ParameterError("mu, mubar" if has_mu else "c, d", (mu, mb) if has_mu else (c, d),
                             f"|c| <= 1 and |d| <= 1 (c = mu/2 - mubar = {c:g}, d = mu/2 + mubar = {d:g}); "
                             "i.e. 1 ± mu/2 ± mubar >= 0")
    if n is not None and (int(n) != n or n < 2):
        raise ParameterError("n", n, "an integer n >= 2")
    if n is not None and n > MAX_N:  # cost before work: every path builds O(n)..O(n^2) objects
        from .._errors import SizeLimitError
        raise SizeLimitError("n", n, f"n <= {MAX_N} for the xx-ness quantities (the fermionic and class-engine "
                             "solves build n- to n^2-sized objects; fix: a smaller n — at gamma = 0 the boundary "
                             "and bulk pair quantities do not depend on n beyond n = 4)")
    p.update({"Gamma_L": float(GLv), "Gamma_R": float(GRv), "mu": float(mu), "mubar": float(mb),
              "c": float(c), "d": float(d), "gamma": float(gamma)})
    return p


def _need_n(p):
    if p.get("n") is None:
        raise ParameterError("n", None, "an integer n >= 2 (required for this quantity)")
    return int(p["n"])


def _args(p):
    return (_need_n(p), p["Gamma_L"], p["Gamma_R"], p["mu"], p["mubar"], p["gamma"])


def correlators_for(p: dict, method: str = "exact") -> XXCorrelators:
    """Correlators for resolved CLI parameters (floats out; exact solve when method='exact').

    ``exact``: hierarchy closure in exact rationals (n < 8), the derived
    Eq. 13 closed form (gamma = 0), or the exact class engine (n >= 8, gamma > 0);
    ``numeric``: floats (hierarchy for n < 8 with dephasing, fermionic fast
    path at gamma = 0, class engine otherwise).
    """
    n, GL, GR, mu, mb, g = _args(p)
    if method == "exact":
        if n < ENGINE_MIN_N:
            r = ness_correlators(n, GL, GR, mu, mb, g, exact=True)
        elif g == 0:
            r = gamma0_correlators(n, GL, GR, mu, mb)
        else:
            r = ness_correlators(n, GL, GR, mu, mb, g, exact=False, method="engine")
        return r
    return ness_correlators(n, GL, GR, mu, mb, g, exact=False)


MAX_N = 10_000           # chain length of every xx-ness quantity
CORRELATORS_MAX_N = 1000  # the zz output is an n x n matrix


def _q_correlators(p, method):
    if p.get("n") is not None and p["n"] > CORRELATORS_MAX_N:
        from .._errors import SizeLimitError
        raise SizeLimitError("n", p["n"], f"n <= {CORRELATORS_MAX_N} for correlators (the zz output is an n x n "
                             f"matrix: {float(p['n']) ** 2:.3g} entries; fix: a smaller n)")
    r = correlators_for(p, method)
    return {"z": [float(v) for v in r.z], "xy": [float(v) for v in r.xy], "xx": [float(v) for v in r.xx],
            "zz": [[float(v) for v in row] for row in r.zz]}


STEADY_STATE_MAX_N = 7   # n = 8: the 12870-dim block LU takes > 5 min here


def _q_steady_state(p, method):
    n, GL, GR, mu, mb, g = _args(p)
    if n > STEADY_STATE_MAX_N:
        raise ParameterError("n", n, f"n <= {STEADY_STATE_MAX_N} for the full 2^n x 2^n steady state")
    m = xx_chain_model(n, sp.Rational(repr(GL)), sp.Rational(repr(GR)), sp.Rational(repr(mu)),
                       sp.Rational(repr(mb)), sp.Rational(repr(g)))
    if method == "exact" and n <= 3:
        return steady_state(m, method="exact").require_unique()
    if n <= 4:
        return steady_state(m, method="numeric").require_unique()
    return block_steady_state(m)[0]


def _latex_correlators(p):
    """Closed forms of the NESS correlators: ``t`` (the spin current) and ``a_j = <sigma^z_j>``."""
    t = Named("t")
    if p.get("gamma", 0) == 0:
        cf = gamma0_closed_form()
        aj, ak, aj1 = Named("a_j"), Named("a_k"), Named("a_{j+1}")
        return [Equation(t, cf["t"], note="t = -<σ^x_j σ^y_(j+1)>, the spin current"),
                Equation(Named("a_1"), cf["a1"], note="a_j = <σ^z_j>; the first site"),
                Equation(Named("a"), cf["a"], note="a_j for 2 ≤ j ≤ n-1"),
                Equation(Named("a_n"), cf["an"], note="the last site"),
                Equation(Named(r"\langle\sigma^z_j\sigma^z_k\rangle"), aj * ak, note="k > j+1"),
                Equation(Named(r"\langle\sigma^z_j\sigma^z_{j+1}\rangle"), aj * aj1 - t ** 2)]
    cf = dephasing_two_point_closed_form()
    return [Equation(t, cf["t"], note="t = -<σ^x_j σ^y_(j+1)>, the spin current"),
            Equation(Named(r"\langle\sigma^z_1\rangle"), cf["z1"]),
            Equation(Named(r"\langle\sigma^z_j\rangle"), cf["z_j"], note="2 ≤ j ≤ n-1"),
            Equation(Named(r"\langle\sigma^z_n\rangle"), cf["zn"])]


def _derive(p):
    steps = []
    t0 = time.perf_counter()
    v2 = hierarchy(5, four_point=False).variables
    v4 = hierarchy(5, four_point=True).variables
    steps.append(("hierarchy closure (n = 5)",
                  f"Heisenberg generator on Pauli strings: the two-point sector closes on {len(v2)} = 2n^2-n "
                  f"quadratic Majorana strings; with all sigma^z_j sigma^z_k seeds the closure has {len(v4)} strings.",
                  time.perf_counter() - t0))
    t0 = time.perf_counter()
    check_two_point_map(5)
    steps.append(("two-point map = generated hierarchy (n = 5, symbolic rates)",
                  "i[h,C] - {Lambda,C} - 4 gamma (C - diag C) + P equals the Heisenberg equations of "
                  "c_j^dag c_k generated from the chain, entry by entry as polynomials", time.perf_counter() - t0))
    t0 = time.perf_counter()
    cf = gamma0_closed_form()
    steps.append(("gamma = 0, any n (Eq. 13 derived)",
                  "\n".join(f"{k} = {cf[k]}" for k in ("t", "a1", "a", "an")) +
                  "\n<z_j z_k> = a_j a_k - t^2 delta_{j+1,k} (Wick, Gaussian NESS)", time.perf_counter() - t0))
    t0 = time.perf_counter()
    cf = dephasing_two_point_closed_form()
    steps.append(("gamma > 0, two-point closed form in n",
                  "\n".join(f"{k} = {cf[k]}" for k in ("t", "z1", "z_j", "zn")), time.perf_counter() - t0))
    t0 = time.perf_counter()
    classes, unknowns, eqs = engine_structure()
    steps.append(("four-point class engine",
                  f"{len(classes)} shape classes with nonzero NESS value, {len(unknowns)} polynomial coefficients, "
                  f"{len(eqs)} local identities (valid for n >= {ENGINE_MIN_N}).", time.perf_counter() - t0))
    from ..papers.znidaric import provenance_table
    steps.append(("provenance of the closed forms in n",
                  "\n".join(f"{r.name}: {r.label()} -- {r.how}" for r in provenance_table()), 0.0))
    return steps


def _params():
    return [
        Param("n", "chain length (integer >= 2)", kind="int", check=lambda v: require_int("n", v, 2)),
        Param("Gamma", "symmetric coupling Gamma_L = Gamma_R (> 0)", check=lambda v: require_positive("Gamma", v)),
        Param("Gamma_L", "left coupling (> 0; default Gamma or 1)", check=lambda v: require_positive("Gamma_L", v)),
        Param("Gamma_R", "right coupling (> 0; default Gamma or 1)", check=lambda v: require_positive("Gamma_R", v)),
        Param("mu", "driving mu (with mubar; |mu/2 -+ mubar| <= 1)", check=lambda v: require_interval("mu", v, -2, 2)),
        Param("mubar", "average magnetization bias mubar", check=lambda v: require_interval("mubar", v, -1, 1)),
        Param("c", "c = mu/2 - mubar in [-1, 1] (default 1 when neither mu nor mubar is given)",
              check=lambda v: require_interval("c", v, -1, 1)),
        Param("d", "d = mu/2 + mubar in [-1, 1] (default 1)", check=lambda v: require_interval("d", v, -1, 1)),
        Param("gamma", "dephasing rate (>= 0, default 0)", default=0.0, check=lambda v: require_nonnegative("gamma", v)),
    ]


def _build(p):
    """Core Model of the chain at the resolved parameters (n required, small n)."""
    n = _need_n(p)
    return xx_chain_model(n, *(sp.Rational(repr(float(p[k]))) for k in ("Gamma_L", "Gamma_R", "mu", "mubar", "gamma")))


_QUANTITIES = {
    "correlators": Quantity(
        "correlators", "{z: <σz_j>, xy: <σx_j σy_j+1>, xx: <σx_j σx_j+1>, zz: n×n <σz_j σz_k>} (needs n)",
        fn=with_auto(_q_correlators), latex=_latex_correlators, methods=METHODS),
    "steady-state": Quantity(
        "steady-state", f"full 2^n density matrix from the core Lindblad null space (n <= {STEADY_STATE_MAX_N})",
        fn=with_auto(_q_steady_state), methods=METHODS),
}
_QUANTITIES.update(pair_quantities())

CATALOG_MODELS = [CatalogModel(
    name="xx-ness",
    doc="Boundary-driven XX chain (Znidaric PRA 85, 012324, Eqs. 5-10), exact NESS for any n, optional dephasing",
    params=_params(),
    quantities=_QUANTITIES,
    derive=_derive,
    validate=resolve_params,
    build=_build)]

CATALOG_SECTIONS: list = []
