r"""The symbols of Hartmann–Dür–Briegel, defined once for every HDB module.

Rates and the coupling are positive real symbols, the XYZ couplings and the field real:

=============  ===============================================================
name           meaning
=============  ===============================================================
``g``          coupling (Ising / Heisenberg / overall XYZ scale)
``r``          reset rate
``gamma``      dephasing rate :math:`\gamma` (:math:`\frac\gamma2(\sigma_z\rho\sigma_z-\rho)`)
``jx, jy, jz`` XYZ couplings :math:`j_x, j_y, j_z`; ``hx`` transverse field :math:`h_x`
``B, C, s``    noise channel: inversion decay B, polarization decay C, temperature s
``epsilon``    reset-state mixing :math:`\epsilon`
``x, y, q``    ratios :math:`g/\gamma`, :math:`r/\gamma`, :math:`g/r`
``lambda``     eigenvalue variable of characteristic polynomials
=============  ===============================================================

>>> SYMBOLS["g"], SYMBOLS["jx"], SYMBOLS["gamma"].is_positive
(g, j_x, True)
"""
from __future__ import annotations

import sympy as sp

__all__ = ["SYMBOLS"]

_pos = dict(positive=True)
#: every HDB symbol by name (see the module table)
SYMBOLS = {
    "g": sp.Symbol("g", **_pos), "r": sp.Symbol("r", **_pos), "gamma": sp.Symbol("gamma", **_pos),
    "jx": sp.Symbol("j_x", real=True), "jy": sp.Symbol("j_y", real=True), "jz": sp.Symbol("j_z", real=True),
    "hx": sp.Symbol("h_x", real=True),
    "B": sp.Symbol("B", **_pos), "C": sp.Symbol("C", **_pos), "s": sp.Symbol("s", **_pos),
    "epsilon": sp.Symbol("epsilon", **_pos),
    "x": sp.Symbol("x", **_pos), "y": sp.Symbol("y", **_pos), "q": sp.Symbol("q", **_pos),
    "lambda": sp.Symbol("lambda"),
}
