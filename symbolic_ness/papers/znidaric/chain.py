"""The boundary-driven XX chain: model, generated correlator hierarchy, two-point and four-point correlators in closed form.

Public section of :mod:`symbolic_ness.papers.znidaric` (derivation steps and their checks);
the headline results are re-exported by the package itself.
"""
from ._chain import xx_chain_model as xx_chain_model
from ._chain import xx_local_chain as xx_local_chain
from ._chain import xx_family_chain as xx_family_chain
from ._chain import xx_rates as xx_rates
from ._chain import check_xx_parameters as check_xx_parameters
from ._chain import cd_to_mu as cd_to_mu
from ._chain import mu_to_cd as mu_to_cd
from ._chain import FAMILIES as FAMILIES
from ._chain import FAMILY_SYMBOLS as FAMILY_SYMBOLS
from ._chain import adjoint_generator as adjoint_generator
from ._chain import closed_hierarchy as closed_hierarchy
from ._chain import family_blocks as family_blocks
from ._chain import family_float_matrices as family_float_matrices
from ._chain import pauli_label as pauli_label
from ._xx_hierarchy import hierarchy as hierarchy
from ._xx_hierarchy import solve_hierarchy as solve_hierarchy
from ._xx_hierarchy import seed_strings as seed_strings
from ._two_point import two_point_local_data as two_point_local_data
from ._two_point import two_point_map as two_point_map
from ._two_point import check_two_point_map as check_two_point_map
from ._two_point import bilinear_generator as bilinear_generator
from ._two_point import two_point_fast as two_point_fast
from ._two_point import pauli_from_two_point as pauli_from_two_point
from ._two_point import gamma0_closed_form as gamma0_closed_form
from ._two_point import dephasing_two_point_closed_form as dephasing_two_point_closed_form
from ._two_point import prove_two_point_closed_form as prove_two_point_closed_form
from ._two_point import check_local_data as check_local_data
from ._class_engine import ENGINE_MIN_N as ENGINE_MIN_N
from ._class_engine import support_classes as support_classes
from ._class_engine import engine_solve as engine_solve
from ._class_engine import engine_value as engine_value
from ._class_engine import engine_zz as engine_zz
from ._class_engine import engine_structure as engine_structure
from ._class_engine import dephasing_zz_closed_form as dephasing_zz_closed_form
from ._correlators import XXCorrelators as XXCorrelators
from ._correlators import ness_correlators as ness_correlators
from ._correlators import gamma0_correlators as gamma0_correlators
from ._correlators import zz_dephasing as zz_dephasing
from ._correlators import block_steady_state as block_steady_state

__all__ = [
    "xx_chain_model",
    "xx_local_chain",
    "xx_family_chain",
    "xx_rates",
    "check_xx_parameters",
    "cd_to_mu",
    "mu_to_cd",
    "FAMILIES",
    "FAMILY_SYMBOLS",
    "adjoint_generator",
    "closed_hierarchy",
    "family_blocks",
    "family_float_matrices",
    "pauli_label",
    "hierarchy",
    "solve_hierarchy",
    "seed_strings",
    "two_point_local_data",
    "two_point_map",
    "check_two_point_map",
    "bilinear_generator",
    "two_point_fast",
    "pauli_from_two_point",
    "gamma0_closed_form",
    "dephasing_two_point_closed_form",
    "ENGINE_MIN_N",
    "support_classes",
    "engine_solve",
    "engine_value",
    "engine_zz",
    "engine_structure",
    "dephasing_zz_closed_form",
    "XXCorrelators",
    "ness_correlators",
    "gamma0_correlators",
    "zz_dephasing",
    "block_steady_state",
    "prove_two_point_closed_form",
    "check_local_data",
]
