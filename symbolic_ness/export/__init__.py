r"""Export of derived results: numeric evaluators, LaTeX, generated code, QuTiP.

:func:`lambdify` (the package's only lambdify: vectorized numpy, CSE, real roots without
Cardano), :func:`verify` and root brackets; the compiled parametric Liouvillian and batched numeric
steady states (:func:`compile_liouvillian`, :func:`steady_states`, :func:`liouvillian_gap`); LaTeX of models, equations and documents
(:func:`latex_document`); stand-alone evaluators (:func:`generate_code`: python, C, JAX);
conversion to and from QuTiP (:func:`to_qutip`, :func:`from_qutip`). It builds on
:mod:`symbolic_ness.core` and :mod:`symbolic_ness.algebra` and is used by the engines, papers
and the app.
"""

# numeric evaluators (the only lambdify) and checks
from ._numeric import NumericFunction as NumericFunction
from ._numeric import VerifyReport as VerifyReport
from ._numeric import EvaluatorTiming as EvaluatorTiming
from ._numeric import evaluator_timing as evaluator_timing
from ._numeric import bisect_root as bisect_root
from ._numeric import sign_change_brackets as sign_change_brackets
from ._numeric import negative_intervals as negative_intervals
from ._numeric import lambdify as lambdify
from ._numeric import random_points as random_points
from ._numeric import verify as verify

# compiled parametric Liouvillian and batched numeric steady states
from ._compiled import CompiledLiouvillian as CompiledLiouvillian
from ._compiled import compile_liouvillian as compile_liouvillian
from ._compiled import DENSE_MAX as DENSE_MAX
from ._batched import BatchedSteadyStates as BatchedSteadyStates
from ._batched import steady_states as steady_states
from ._batched import LiouvillianGap as LiouvillianGap
from ._batched import liouvillian_gap as liouvillian_gap
from ._batched import batched_partial_trace as batched_partial_trace
from ._batched import batched_partial_transpose as batched_partial_transpose

# LaTeX
from ._latex import equations_latex as equations_latex
from ._latex import latex as latex
from ._latex import matrix_latex as matrix_latex
from ._latex import model_latex as model_latex
from ._latex import spectrum_latex as spectrum_latex
from ._latex import steady_state_latex as steady_state_latex
from ._latex import latex_document as latex_document
from ._latex import latex_pdf as latex_pdf
from ._latex import latex_text as latex_text
from ._latex import paper_equations as paper_equations
from ._latex_break import break_equation as break_equation

# equations as sympy objects (one per side), printed and broken by the package
from ._equation import Equation as Equation
from ._equation import Named as Named
from ._equation import Text as Text
from ._equation import equation_latex as equation_latex
from ._equation import equation_rows as equation_rows
from ._equation import matrix_block as matrix_block
from ._latex import document_equations as document_equations
from ._latex import spectrum_equations as spectrum_equations
from ._latex import exceptional_point_equations as exceptional_point_equations
from ._model_latex import model_equations as model_equations

# generated code
from ._codegen import GeneratedCode as GeneratedCode
from ._codegen import generate_code as generate_code

# QuTiP
from ._qutip import qutip_steady_state as qutip_steady_state
from ._qutip import to_qutip as to_qutip
from ._qutip import from_qutip as from_qutip

__all__ = [
    # numeric evaluators (the only lambdify) and checks
    "NumericFunction",
    "VerifyReport",
    "bisect_root",
    "sign_change_brackets",
    "negative_intervals",
    "lambdify",
    "random_points",
    "verify",
    "EvaluatorTiming",
    "evaluator_timing",
    # compiled parametric Liouvillian and batched numeric steady states
    "CompiledLiouvillian",
    "compile_liouvillian",
    "DENSE_MAX",
    "BatchedSteadyStates",
    "steady_states",
    "LiouvillianGap",
    "liouvillian_gap",
    "batched_partial_trace",
    "batched_partial_transpose",
    # LaTeX
    "equations_latex",
    "latex",
    "matrix_latex",
    "model_latex",
    "spectrum_latex",
    "steady_state_latex",
    "latex_document",
    "latex_pdf",
    "latex_text",
    "paper_equations",
    "break_equation",
    # equations as sympy objects
    "Equation",
    "Named",
    "Text",
    "equation_latex",
    "equation_rows",
    "matrix_block",
    "document_equations",
    "spectrum_equations",
    "exceptional_point_equations",
    "model_equations",
    # generated code
    "GeneratedCode",
    "generate_code",
    # QuTiP
    "qutip_steady_state",
    "to_qutip",
    "from_qutip",
]
