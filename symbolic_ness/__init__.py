"""symbolic_ness: exact steady states of open quantum systems and their entanglement."""
from ._errors import ParameterError, NonUniqueSteadyStateError
from ._operators import (sigma_x, sigma_y, sigma_z, sigma_plus, sigma_minus, identity, ket,
                         projector, embed, kron, partial_trace, partial_transpose)
from ._model import Model, Jump, Reset
from ._liouvillian import (liouvillian, pauli_liouvillian, liouvillian_numeric,
                           coefficient_equations, pauli_labels)
