r"""The closed Heisenberg hierarchy of the XX chain and its solution (engine on the family chain).

The hierarchy engine (:func:`~symbolic_ness.engines.close_hierarchy`) applied to
:func:`~symbolic_ness.papers.znidaric.xx_family_chain`: starting from :math:`\sigma^z_j`,
:math:`\sigma^{x,y}_j\sigma^{x,y}_{j+1}` (and :math:`\sigma^z_j\sigma^z_k`) the set of generated
strings closes: the two-point sector on the :math:`2n^2-n` quadratic Majorana strings, the
four-point sector on the quartic ones. The structure does not depend on the rates; the engine's
:func:`~symbolic_ness.engines.solve_hierarchy` solves it exactly (Q or Q(params)) or in floats
(residual checked).

>>> v = hierarchy(5, four_point=False).variables
>>> len(v) == 2 * 5**2 - 5          # quadratic Majorana strings: closed
True
"""
from __future__ import annotations

import functools
import time

import sympy as sp

from ...engines import solve_hierarchy as _engine_solve
from ._chain import FAMILY_SYMBOLS, check_xx_parameters, closed_hierarchy, xx_rates

__all__ = ["hierarchy", "solve_hierarchy", "seed_strings"]


def seed_strings(n: int, four_point: bool = True) -> list:
    """Seeds: every sigma^z_j, the nearest-neighbour x/y pairs and (four_point) all z_j z_k."""
    seeds = [((j, "Z"),) for j in range(n)]
    seeds += [((j, a), (j + 1, b)) for j in range(n - 1) for a in "XY" for b in "XY"]
    if four_point:
        seeds += [((j, "Z"), (k, "Z")) for j in range(n) for k in range(j + 1, n)]
    return seeds


@functools.lru_cache(maxsize=32)
def hierarchy(n: int, four_point: bool = True, extra: tuple = ()):
    r"""Closed Heisenberg hierarchy of the n-site chain (an engine
    :class:`~symbolic_ness.engines.Closure`; structure only, rates are family symbols)."""
    return closed_hierarchy(int(n), tuple(seed_strings(int(n), four_point)) + tuple(extra))


def solve_hierarchy(n, Gamma_L, Gamma_R, mu, mubar, gamma=0, exact=False, four_point=True, extra=()):
    """Solve the closed hierarchy; returns ``({string: value}, status)``.

    ``exact``: exact rationals (or rational functions of symbolic inputs); else floats with
    the residual checked (:class:`~symbolic_ness._errors.CheckFailedError`).
    """
    t0 = time.perf_counter()
    check_xx_parameters(n, Gamma_L, Gamma_R, mu, mubar, gamma)
    rates = xx_rates(Gamma_L, Gamma_R, mu, mubar, gamma)
    cl = hierarchy(int(n), four_point, tuple(extra))
    t1 = time.perf_counter()
    values = {FAMILY_SYMBOLS[f]: (v if exact else float(v)) for f, v in rates.items()}
    sol = _engine_solve(cl, values, method="exact" if exact else "numeric")
    status = {"method": "exact hierarchy closure" if exact else "hierarchy closure (sparse LU)",
              "engine_method": sol.method, "unknowns": sol.size, "residual": float(sol.residual),
              "seconds": time.perf_counter() - t0, "closure_seconds": t1 - t0}
    vals = sol.values
    if exact:
        vals = {s: sp.sympify(v) for s, v in vals.items()}
    return vals, status
