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

Names are re-exported lazily (PEP 562): ``import symbolic_ness`` and the command line import
sympy/scipy only when a name that needs them is first used; every name below is importable as
before (``from symbolic_ness import steady_state``) and listed by ``dir(symbolic_ness)``.
"""
import importlib

from ._errors import (CheckFailedError, ClosedFormTooLargeError, NonUniqueSteadyStateError, ParameterError,
                      SizeLimitError, TimeBudgetExceeded)

__version__ = "0.1.0"

# public name -> module it is re-exported from, imported on first access (one name per line)
_EXPORTS = {
    "sigma_x": ".core",
    "sigma_y": ".core",
    "sigma_z": ".core",
    "sigma_plus": ".core",
    "sigma_minus": ".core",
    "identity": ".core",
    "ket": ".core",
    "projector": ".core",
    "embed": ".core",
    "kron": ".core",
    "partial_trace": ".core",
    "partial_transpose": ".core",
    "site_dims": ".core",
    "transition": ".core",
    "spin_x": ".core",
    "spin_y": ".core",
    "spin_z": ".core",
    "spin_plus": ".core",
    "spin_minus": ".core",
    "destroy": ".core",
    "create": ".core",
    "number": ".core",
    "Model": ".core",
    "Jump": ".core",
    "Reset": ".core",
    "liouvillian": ".core",
    "pauli_liouvillian": ".core",
    "liouvillian_numeric": ".core",
    "coefficient_equations": ".core",
    "pauli_labels": ".core",
    "SteadyState": ".core",
    "steady_state": ".core",
    "exact_nullspace": ".core",
    "Spectrum": ".core",
    "liouvillian_spectrum": ".core",
    "ExceptionalPoint": ".core",
    "exceptional_points": ".core",
    "exceptional_locus": ".core",
    "negativity": ".core",
    "log_negativity": ".core",
    "negativity_closed_form": ".core",
    "pt_eigenvalues": ".core",
    "pt_eigenvalues_x_state": ".core",
    "lambda_min_pt": ".core",
    "NegativityResult": ".core",
    "negativity_result": ".core",
    "pt_factors": ".core",
    "RealRoot": ".algebra",
    "certify_nonnegative": ".algebra",
    "certify_positive": ".algebra",
    "find_violation": ".algebra",
    "exact_number": ".algebra",
    "NumericFunction": ".export",
    "VerifyReport": ".export",
    "lambdify": ".export",
    "verify": ".export",
    "random_points": ".export",
    "latex": ".export",
    "model_latex": ".export",
    "equations_latex": ".export",
    "matrix_latex": ".export",
    "spectrum_latex": ".export",
    "steady_state_latex": ".export",
    "to_qutip": ".export",
    "qutip_steady_state": ".export",
    "from_qutip": ".export",
    "GeneratedCode": ".export",
    "generate_code": ".export",
    "latex_document": ".export",
    "concurrence": ".core",
    "concurrence_result": ".core",
    "ConcurrenceResult": ".core",
    "entropy": ".core",
    "mutual_information": ".core",
    "fidelity": ".core",
    "heat_current": ".core",
    "heat_currents": ".core",
    "HeatCurrents": ".core",
    "entropy_production": ".core",
    "current_labels": ".core",
    "Bath": ".engines",
    "bath_jumps": ".engines",
    "with_baths": ".engines",
    "bath_temperatures": ".engines",
    "PermutationModel": ".engines",
    "permutation_steady_state": ".engines",
    "permutation_reduced_state": ".engines",
    "permutation_density_matrix": ".engines",
    "permutation_negativity": ".engines",
    "cached": "._cache",
    "cache_dir": "._cache",
    "cache_enabled": "._cache",
    "cache_info": "._cache",
    "clear_cache": "._cache",
    "code_hash": "._cache",
    "load_model": ".engines",
    "read_model_file": ".engines",
    # one library call per question on any model
    "evaluate": ".engines",
    "QuantityResult": ".engines",
    "threshold": ".engines",
    "ThresholdResult": ".engines",
    "closed_form": ".engines",
    "ClosedFormResult": ".engines",
    "choose_method": ".engines",
    "sweep": ".engines",
}
_MODULES = {"cache": "._cache",  # the cache module (keys, version, code hash), public for tests and tools
            "algebra": ".algebra", "core": ".core", "export": ".export", "engines": ".engines"}

__all__ = ["ParameterError", "NonUniqueSteadyStateError", "CheckFailedError", "ClosedFormTooLargeError",
           "SizeLimitError", "TimeBudgetExceeded", *_EXPORTS, "cache"]


def __getattr__(name):
    if name in _EXPORTS:
        value = getattr(importlib.import_module(_EXPORTS[name], __name__), name)
    elif name in _MODULES:
        value = importlib.import_module(_MODULES[name], __name__)
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__():
    return sorted(set(globals()) | set(__all__) | set(_MODULES))
