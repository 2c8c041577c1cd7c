r"""The symbols of Žnidarič, PRA 85, 012324 — each defined once.

:math:`\Gamma` (symmetric boundary coupling) and :math:`\gamma` (dephasing) are different
symbols with different Python names (:data:`COUPLING`, :data:`DEPHASING`).

=================  ==============  =====================================================
Python name        sympy name      meaning
=================  ==============  =====================================================
``COUPLING``       ``Gamma``       symmetric coupling :math:`\Gamma_L=\Gamma_R=\Gamma` (> 0)
``COUPLING_L``     ``Gamma_L``     left coupling :math:`\Gamma_L`
``COUPLING_R``     ``Gamma_R``     right coupling :math:`\Gamma_R`
``MU``, ``MUBAR``  ``mu, mubar``   driving :math:`\mu`, average bias :math:`\bar\mu`
``DRIVE_C``        ``c``           :math:`c=\mu/2-\bar\mu`
``DRIVE_D``        ``d``           :math:`d=\mu/2+\bar\mu`
``DEPHASING``      ``gamma``       dephasing rate :math:`\gamma` (> 0 where symbolic)
``LENGTH``         ``n``           chain length
``SITE``           ``j``           a site index (1-indexed)
``CURRENT``        ``t``           :math:`t=-\langle\sigma^x_j\sigma^y_{j+1}\rangle`
``MAG_FIRST``      ``a1``          :math:`a_1=\langle\sigma^z_1\rangle`
``MAG_BULK``       ``a``           bulk :math:`a=\langle\sigma^z_j\rangle`
``MAG_LAST``       ``an``          :math:`a_n=\langle\sigma^z_n\rangle`
``X_SCALE``        ``X``           :math:`X=\Gamma+1/\Gamma+\gamma(n-2)`
``MOMENTUM``       ``k``           quasi-momentum (thermal state, Sec. II)
``BETA``, ``PHI``  ``beta, phi``   inverse temperature, chemical potential (Sec. II)
``Z_MEAN``         ``z``           thermal :math:`\langle\sigma^z_j\rangle`
``XX_NN``          ``xx``          thermal :math:`\langle\sigma^x_j\sigma^x_{j+1}\rangle`
``ZZ_NN``          ``zz``          thermal :math:`\langle\sigma^z_j\sigma^z_{j+1}\rangle`
``ONE_MINUS_Z2``   ``q``           :math:`q=1-z^2`
=================  ==============  =====================================================

>>> COUPLING == DEPHASING, COUPLING.name, DEPHASING.name
(False, 'Gamma', 'gamma')
"""
from __future__ import annotations

import sympy as sp

__all__ = ["COUPLING", "COUPLING_L", "COUPLING_R", "MU", "MUBAR", "DRIVE_C", "DRIVE_D", "DEPHASING", "LENGTH",
           "SITE", "CURRENT", "MAG_FIRST", "MAG_BULK", "MAG_LAST", "X_SCALE", "MOMENTUM", "BETA", "PHI",
           "Z_MEAN", "XX_NN", "ZZ_NN", "ONE_MINUS_Z2"]

COUPLING = sp.Symbol("Gamma", positive=True)
COUPLING_L, COUPLING_R = sp.symbols("Gamma_L Gamma_R", positive=True)
MU, MUBAR = sp.symbols("mu mubar", real=True)
DRIVE_C, DRIVE_D = sp.symbols("c d", real=True)
DEPHASING = sp.Symbol("gamma", positive=True)
LENGTH = sp.Symbol("n", integer=True, positive=True)
SITE = sp.Symbol("j", integer=True, positive=True)
CURRENT, MAG_BULK, MAG_FIRST, MAG_LAST = sp.symbols("t a a1 an", real=True)
X_SCALE = sp.Symbol("X", positive=True)
MOMENTUM = sp.Symbol("k", real=True)
BETA = sp.Symbol("beta", real=True)
PHI = sp.Symbol("phi", real=True)
Z_MEAN, XX_NN, ZZ_NN = sp.symbols("z xx zz", real=True)
ONE_MINUS_Z2 = sp.Symbol("q", nonnegative=True)
