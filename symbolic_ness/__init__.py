r"""symbolic_ness: exact non-equilibrium steady states of open quantum systems.

Pipeline (one module per stage around the immutable :class:`Model`):
model → :func:`liouvillian` → :func:`steady_state` → :func:`negativity` /
:func:`liouvillian_spectrum` → LaTeX export / :func:`lambdify` and
:func:`verify`. Paper-specific models live in :mod:`symbolic_ness.papers.hdb`
(Hartmann–Dür–Briegel) and :mod:`symbolic_ness.papers.znidaric` (Žnidarič).

Conventions: column-stacking vectorization (as QuTiP);
:math:`\sigma_\pm=(\sigma_x\pm i\sigma_y)/2`; :math:`|0\rangle` is
:math:`\sigma_z=+1`; sites 0-indexed in code; dissipator normalization
``"standard"`` (:math:`D[L]`) or ``"doubled"`` (:math:`2D[L]`, Žnidarič).
"""
from ._errors import CheckFailedError, NonUniqueSteadyStateError, ParameterError
from .core import (embed, identity, ket, kron, partial_trace, partial_transpose,
                   projector, sigma_minus, sigma_plus, sigma_x, sigma_y, sigma_z)
from .core import Jump, Model, Reset
from .core import (coefficient_equations, liouvillian, liouvillian_numeric,
                   pauli_labels, pauli_liouvillian)
from .core import SteadyState, exact_nullspace, steady_state
from .core import Spectrum, liouvillian_spectrum
from .core import ExceptionalPoint, exceptional_locus, exceptional_points
from .core import (lambda_min_pt, log_negativity, negativity, negativity_closed_form,
                   pt_eigenvalues, pt_eigenvalues_x_state, NegativityResult, negativity_result, pt_factors)
from .core import RealRoot, certify_nonnegative, certify_positive, exact_number, find_violation
from .core import NumericFunction, VerifyReport, lambdify, random_points, verify
from .core import (equations_latex, latex, matrix_latex, model_latex, spectrum_latex,
                   steady_state_latex)
from .core import from_qutip, qutip_steady_state, to_qutip
from .core import GeneratedCode, generate_code, latex_document
from .engines import (PermutationModel, permutation_density_matrix, permutation_negativity,
                      permutation_reduced_state, permutation_steady_state)
from .engines import load_model, read_model_file
from ._cache import cache_dir, cache_enabled, cache_info, cached, clear_cache, code_hash
from . import _cache as cache  # the cache module (keys, version, code hash), public for tests and tools

__version__ = "0.1.0"

__all__ = [
    "ParameterError", "NonUniqueSteadyStateError", "CheckFailedError",
    "sigma_x", "sigma_y", "sigma_z", "sigma_plus", "sigma_minus", "identity", "ket", "projector",
    "embed", "kron", "partial_trace", "partial_transpose",
    "Model", "Jump", "Reset",
    "liouvillian", "pauli_liouvillian", "liouvillian_numeric", "coefficient_equations", "pauli_labels",
    "SteadyState", "steady_state", "exact_nullspace",
    "Spectrum", "liouvillian_spectrum", "ExceptionalPoint", "exceptional_points", "exceptional_locus",
    "negativity", "log_negativity", "negativity_closed_form", "pt_eigenvalues", "pt_eigenvalues_x_state", "lambda_min_pt",
    "NegativityResult", "negativity_result", "pt_factors", "RealRoot", "certify_nonnegative", "certify_positive", "find_violation",
    "exact_number",
    "NumericFunction", "VerifyReport", "lambdify", "verify", "random_points",
    "latex", "model_latex", "equations_latex", "matrix_latex", "spectrum_latex", "steady_state_latex",
    "to_qutip", "qutip_steady_state", "from_qutip",
    "GeneratedCode", "generate_code", "latex_document",
    "PermutationModel", "permutation_steady_state", "permutation_reduced_state", "permutation_density_matrix",
    "permutation_negativity",
    "cache", "cached", "cache_dir", "cache_enabled", "cache_info", "clear_cache", "code_hash",
    "load_model", "read_model_file",
]
