r"""Export to QuTiP (optional dependency ``qutip``).

:func:`to_qutip` returns ``(H, c_ops, L)`` as QuTiP ``Qobj`` s at numeric
parameter values. QuTiP uses the standard dissipator
:math:`D[c]\rho=c\rho c^\dagger-\frac12\{c^\dagger c,\rho\}`, so each
``c`` absorbs :math:`\sqrt{f\kappa}` (``f`` = 2 for the doubled
normalization) and a reset channel becomes the jump operators
:math:`\sqrt{r p_m}\,|\phi_m\rangle\langle k|_i`. The Liouvillian ``L`` is
QuTiP's own ``liouvillian(H, c_ops)`` (column stacking, like ours), and the
qubit tensor structure is kept (``dims = [[2]*n, [2]*n]``).
"""
from __future__ import annotations

from typing import Mapping

from ._model import Model, _to_numpy

__all__ = ["to_qutip", "qutip_steady_state"]


def _qutip():
    try:
        import qutip
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError("QuTiP export needs the optional dependency: pip install 'symbolic_ness[qutip]'") from exc
    return qutip


def to_qutip(model: Model, values: Mapping | None = None):
    """``(H, c_ops, L)`` as QuTiP objects at parameter ``values``."""
    qt = _qutip()
    vals = model.validate(values or {})
    dims = [[2] * model.n, [2] * model.n]
    H = qt.Qobj(_to_numpy(model.hamiltonian, vals), dims=dims)
    c_ops = [qt.Qobj(c, dims=dims) for c in model.qutip_jump_operators(vals)]
    return H, c_ops, qt.liouvillian(H, c_ops)


def qutip_steady_state(model: Model, values: Mapping | None = None, **kwargs):
    """QuTiP's ``steadystate`` of the exported model as a numpy array."""
    qt = _qutip()
    H, c_ops, _ = to_qutip(model, values)
    return qt.steadystate(H, c_ops, **kwargs).full()
