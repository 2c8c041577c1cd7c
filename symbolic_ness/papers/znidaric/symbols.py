"""The paper's symbols (Γ, γ, μ, c, d, n, β, φ, …) as sympy symbols.

Public section of :mod:`symbolic_ness.papers.znidaric` (derivation steps and their checks);
the headline results are re-exported by the package itself.
"""
from ._symbols import COUPLING as COUPLING
from ._symbols import COUPLING_L as COUPLING_L
from ._symbols import COUPLING_R as COUPLING_R
from ._symbols import MU as MU
from ._symbols import MUBAR as MUBAR
from ._symbols import DRIVE_C as DRIVE_C
from ._symbols import DRIVE_D as DRIVE_D
from ._symbols import DEPHASING as DEPHASING
from ._symbols import LENGTH as LENGTH
from ._symbols import SITE as SITE
from ._symbols import CURRENT as CURRENT
from ._symbols import MAG_FIRST as MAG_FIRST
from ._symbols import MAG_BULK as MAG_BULK
from ._symbols import MAG_LAST as MAG_LAST
from ._symbols import X_SCALE as X_SCALE
from ._symbols import MOMENTUM as MOMENTUM
from ._symbols import BETA as BETA
from ._symbols import PHI as PHI
from ._symbols import Z_MEAN as Z_MEAN
from ._symbols import XX_NN as XX_NN
from ._symbols import ZZ_NN as ZZ_NN
from ._symbols import ONE_MINUS_Z2 as ONE_MINUS_Z2

__all__ = [
    "COUPLING",
    "COUPLING_L",
    "COUPLING_R",
    "MU",
    "MUBAR",
    "DRIVE_C",
    "DRIVE_D",
    "DEPHASING",
    "LENGTH",
    "SITE",
    "CURRENT",
    "MAG_FIRST",
    "MAG_BULK",
    "MAG_LAST",
    "X_SCALE",
    "MOMENTUM",
    "BETA",
    "PHI",
    "Z_MEAN",
    "XX_NN",
    "ZZ_NN",
    "ONE_MINUS_Z2",
]
