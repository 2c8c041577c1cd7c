"""Provenance of the closed forms in n and the proofs behind them (for all n >= n0).

Public section of :mod:`symbolic_ness.papers.znidaric` (derivation steps and their checks);
the headline results are re-exported by the package itself.
"""
from ._provenance import STATUSES as STATUSES
from ._provenance import Provenance as Provenance
from ._provenance import provenance as provenance
from ._provenance import provenance_table as provenance_table
from ._provenance import two_point_lyapunov_identity as two_point_lyapunov_identity
from ._provenance import ZZ_N0 as ZZ_N0
from ._zz_proof import ZZ_PROOF_N0 as ZZ_PROOF_N0
from ._zz_proof import SMALL_N as SMALL_N
from ._zz_proof import zz_engine_denominator as zz_engine_denominator
from ._zz_proof import zz_engine_closed_form as zz_engine_closed_form
from ._zz_proof import prove_zz_engine as prove_zz_engine
from ._zz_proof import zz_pair_engine_form as zz_pair_engine_form
from ._zz_proof import prove_zz_closed_form as prove_zz_closed_form
from ._zz_proof import zz_small_n_check as zz_small_n_check
from ._zz_proof import CD_LISTED as CD_LISTED
from ._zz_proof import zz_cd_extension_check as zz_cd_extension_check
from ._uniqueness import ness_uniqueness_steps as ness_uniqueness_steps
from ._uniqueness import hierarchy_uniqueness_argument as hierarchy_uniqueness_argument
from ._cd_grading import majorana_degree as majorana_degree
from ._cd_grading import grading_check as grading_check
from ._cd_grading import engine_coneighbour_check as engine_coneighbour_check
from ._cd_extension import zz_cd_engine_closed_form as zz_cd_engine_closed_form
from ._cd_extension import prove_zz_cd_engine as prove_zz_cd_engine
from ._cd_extension import zz_cd_pair_engine_values as zz_cd_pair_engine_values
from ._cd_extension import prove_zz_cd_extension as prove_zz_cd_extension
from ._cd_extension import zz_cd_small_n_check as zz_cd_small_n_check
from ._cd_extension import CD_DRIVE_POINTS as CD_DRIVE_POINTS
from ._two_point_generated import REP_N as REP_N
from ._two_point_generated import TWO_POINT_N0 as TWO_POINT_N0
from ._two_point_generated import two_point_templates as two_point_templates
from ._two_point_generated import check_templates as check_templates
from ._two_point_generated import two_point_class_entry as two_point_class_entry
from ._two_point_generated import entry_shape as entry_shape
from ._proof import ClosedFormProof as ClosedFormProof

__all__ = [
    "STATUSES",
    "Provenance",
    "provenance",
    "provenance_table",
    "two_point_lyapunov_identity",
    "ZZ_N0",
    "REP_N",
    "TWO_POINT_N0",
    "two_point_templates",
    "check_templates",
    "two_point_class_entry",
    "entry_shape",
    "ClosedFormProof",
    "ZZ_PROOF_N0",
    "SMALL_N",
    "zz_engine_denominator",
    "zz_engine_closed_form",
    "prove_zz_engine",
    "zz_pair_engine_form",
    "prove_zz_closed_form",
    "zz_small_n_check",
    "ness_uniqueness_steps",
    "hierarchy_uniqueness_argument",
    "CD_LISTED",
    "zz_cd_extension_check",
    "majorana_degree",
    "grading_check",
    "engine_coneighbour_check",
    "zz_cd_engine_closed_form",
    "prove_zz_cd_engine",
    "zz_cd_pair_engine_values",
    "prove_zz_cd_extension",
    "zz_cd_small_n_check",
    "CD_DRIVE_POINTS",
]
