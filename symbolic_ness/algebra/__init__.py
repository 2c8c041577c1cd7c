r"""Exact algebra over :math:`\mathbb Q(\text{parameters})` — the bottom layer.

Exact numbers (:func:`exact_number`: a float is the rational it prints), polynomials and
their real roots (:class:`RealRoot`), sign certificates on a declared parameter domain
(:func:`certify_nonnegative`), and linear algebra: fraction-free and modular null spaces,
evaluation–interpolation with python-flint, the adjugate-pencil kernel, modular
characteristic polynomials. It knows nothing of quantum models: it imports only
:mod:`symbolic_ness._errors` and :mod:`symbolic_ness._cache`.

Layer order (imports go one way): ``app`` → ``papers`` → ``engines`` → ``export`` → ``core`` →
``algebra``.
"""

# exact numbers (a float is the rational it prints)
from ._numbers import exact_number as exact_number
from ._numbers import exact_numbers as exact_numbers

# polynomials and real roots over Q(parameters)
from ._polys import factor as factor
from ._polys import factor_list as factor_list
from ._polys import factor_polynomial as factor_polynomial
from ._polys import factor_fmpz_mpoly as factor_fmpz_mpoly
from ._polys import RealRoot as RealRoot
from ._polys import real_root_numpy as real_root_numpy

# sign certificates on a declared domain
from ._positivity import certified_nonzero as certified_nonzero
from ._positivity import amgm_certificate as amgm_certificate
from ._positivity import certify_nonnegative as certify_nonnegative
from ._positivity import certify_positive as certify_positive
from ._positivity import find_violation as find_violation
from ._positivity import symbol_domain as symbol_domain

# linear algebra over Q and Q(parameters): fraction-free, modular, interpolation
from ._linalg import block_split as block_split
from ._linalg import nullspace_exact as nullspace_exact
from ._linalg import nullspace_numeric as nullspace_numeric
from ._linalg import primitive_vector as primitive_vector
from ._linalg import rank_qq as rank_qq
from ._linalg import solve_exact as solve_exact
from ._linalg import solve_qq as solve_qq
from ._linalg_ring import PolyMatrix as PolyMatrix
from ._linalg_ring import nullspace_ring as nullspace_ring
from ._linalg_ring import certify_nullvectors as certify_nullvectors
from ._interpolate import nullspace_interpolate as nullspace_interpolate
from ._pencil import nullspace_pencil as nullspace_pencil
from ._pencil import PencilNotApplicable as PencilNotApplicable
from ._pencil import pencil_executor as pencil_executor
from ._scaling import Scaling as Scaling
from ._scaling import choose_scaling as choose_scaling
from ._scaling import scaled_matrix as scaled_matrix
from ._charpoly_modular import charpoly_exact as charpoly_exact
from ._homogeneity import row_degrees as row_degrees
from ._homogeneity import elimination_choice as elimination_choice
from ._homogeneity import dehomogenize as dehomogenize
from ._homogeneity import rehomogenize as rehomogenize

__all__ = [
    # exact numbers (a float is the rational it prints)
    "exact_number",
    "exact_numbers",
    # polynomials and real roots over Q(parameters)
    "factor",
    "factor_list",
    "factor_polynomial",
    "factor_fmpz_mpoly",
    "RealRoot",
    "real_root_numpy",
    # sign certificates on a declared domain
    "certified_nonzero",
    "amgm_certificate",
    "certify_nonnegative",
    "certify_positive",
    "find_violation",
    "symbol_domain",
    # linear algebra over Q and Q(parameters): fraction-free, modular, interpolation
    "block_split",
    "nullspace_exact",
    "nullspace_numeric",
    "primitive_vector",
    "rank_qq",
    "solve_exact",
    "solve_qq",
    "PolyMatrix",
    "nullspace_ring",
    "certify_nullvectors",
    "nullspace_interpolate",
    "nullspace_pencil",
    "PencilNotApplicable",
    "pencil_executor",
    "Scaling",
    "choose_scaling",
    "scaled_matrix",
    "charpoly_exact",
    # scale homogeneity: one variable fewer, restored exactly
    "row_degrees",
    "elimination_choice",
    "dehomogenize",
    "rehomogenize",
]
