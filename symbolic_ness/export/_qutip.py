r"""QuTiP in both directions (optional dependency ``qutip``).

:func:`from_qutip` imports a QuTiP model ``(H, c_ops)`` as an exact :class:`Model`: every
float entry becomes the rational it prints (``sympy.Rational(repr(x))``), so the exact
steady state, its nullity and the negativity of a user's QuTiP model follow from the core.

:func:`to_qutip` returns ``(H, c_ops, L)`` as QuTiP ``Qobj`` s at numeric
parameter values. QuTiP uses the standard dissipator
:math:`D[c]\rho=c\rho c^\dagger-\frac12\{c^\dagger c,\rho\}`, so each
``c`` absorbs :math:`\sqrt{f\kappa}` (``f`` = 2 for the doubled
normalization) and a reset channel becomes the jump operators
:math:`\sqrt{r p_m}\,|\phi_m\rangle\langle k|_i`. The Liouvillian ``L`` is
QuTiP's own ``liouvillian(H, c_ops)`` (column stacking, like ours), and the
tensor structure is kept (``dims = [[2]*n, [2]*n]`` for qubits, ``[list(model.dims)] * 2``
for sites of any dimension: qutrits, spins, truncated modes).

:func:`from_qutip` reads the site dimensions from the Qobj's ``dims`` (``tensor(destroy(4),
qeye(2))`` is a mode of dimension 4 and a qubit); a plain array of dimension :math:`2^n` is
:math:`n` qubits, any other dimension one site (or pass ``dims=``).
"""
from __future__ import annotations

from typing import Mapping, Sequence

import numpy as np
import sympy as sp

from .._errors import ParameterError
from ..core._model import Jump, Model, Reset, _to_numpy

__all__ = ["to_qutip", "qutip_steady_state", "from_qutip"]


def _qutip():
    try:
        import qutip
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError("QuTiP export needs the optional dependency: pip install 'symbolic_ness[qutip]'") from exc
    return qutip


def to_qutip(model: Model, values: Mapping | None = None):
    """``(H, c_ops, L)`` as QuTiP objects at parameter ``values``.

    Each jump becomes c = √(f κ) L and each reset the operators ``√(r p_m) |φ_m⟩⟨k|_i``, so QuTiP's
    −i[H, ρ] + Σ_c D[c] ρ is the model's generator.

    Parameters
    ----------
    model : Model
        The open system.
    values : mapping or None, default None
        Values of all parameters (checked by :meth:`Model.validate`).

    Returns
    -------
    tuple
        ``(H, c_ops, L)``: ``qutip.Qobj`` Hamiltonian, list of collapse operators and the
        Liouvillian superoperator.

    Raises
    ------
    ParameterError
        A value is invalid or missing.

    Examples
    --------
    >>> from symbolic_ness.core import Model, Jump, sigma_minus, sigma_x
    >>> k, g = sp.symbols("kappa g", positive=True)
    >>> m = Model(1, g * sigma_x(), jumps=[Jump(sigma_minus(), k)])
    >>> H, c_ops, L = to_qutip(m, {"kappa": 2, "g": 1})
    >>> H.full().real.tolist(), len(c_ops), L.shape
    ([[0.0, 1.0], [1.0, 0.0]], 1, (4, 4))
    """
    qt = _qutip()
    vals = model.validate(values or {})
    dims = [list(model.dims), list(model.dims)]
    H = qt.Qobj(_to_numpy(model.hamiltonian, vals), dims=dims)
    c_ops = [qt.Qobj(c, dims=dims) for c in model.qutip_jump_operators(vals)]
    return H, c_ops, qt.liouvillian(H, c_ops)


def qutip_steady_state(model: Model, values: Mapping | None = None, **kwargs):
    """QuTiP's ``steadystate`` of the exported model as a numpy array.

    Parameters
    ----------
    model : Model
        The open system.
    values : mapping or None, default None
        Values of all parameters (checked by :meth:`Model.validate`).
    **kwargs
        Passed to ``qutip.steadystate``.

    Returns
    -------
    numpy.ndarray
        The d × d density matrix.

    Examples
    --------
    >>> from symbolic_ness.core import Model, Jump, sigma_minus, sigma_x
    >>> k, g = sp.symbols("kappa g", positive=True)
    >>> m = Model(1, g * sigma_x(), jumps=[Jump(sigma_minus(), k)])
    >>> rho = qutip_steady_state(m, {"kappa": 2, "g": 1})
    >>> round(float(rho[0, 0].real), 9)  # (1 + <σz>)/2 with <σz> = −κ²/(κ² + 8g²)
    0.333333333
    """
    qt = _qutip()
    H, c_ops, _ = to_qutip(model, values)
    return qt.steadystate(H, c_ops, **kwargs).full()


def _exact_number(z, name: str):
    """A float/complex as an exact sympy number: each part the rational it prints."""
    z = complex(z)
    if not (np.isfinite(z.real) and np.isfinite(z.imag)):
        raise ParameterError(name, z, "finite numbers")
    re = sp.Rational(repr(z.real)) if z.real != 0 else sp.Integer(0)
    im = sp.Rational(repr(z.imag)) if z.imag != 0 else sp.Integer(0)
    return re + sp.I * im


def _exact_matrix(op, name: str, dim: int | None = None) -> sp.ImmutableSparseMatrix:
    if hasattr(op, "full"):
        arr = np.asarray(op.full())
    elif isinstance(op, sp.MatrixBase):
        return sp.ImmutableSparseMatrix(op)
    else:
        arr = np.asarray(op)
    if arr.ndim != 2 or arr.shape[0] != arr.shape[1] or (dim is not None and arr.shape[0] != dim):
        want = f"a {dim}x{dim} operator" if dim else "a square operator"
        raise ParameterError(name, getattr(arr, "shape", None), want)
    rows, cols = np.nonzero(arr)
    entries = {(int(i), int(j)): _exact_number(arr[i, j], name) for i, j in zip(rows, cols)}
    return sp.ImmutableSparseMatrix(arr.shape[0], arr.shape[1], entries)


def _site_dims(H, d: int, dims):
    """The site dimensions: ``dims`` if given, else the Qobj's, else qubits (2^n) or one site."""
    if dims is None and hasattr(H, "dims"):
        dd = H.dims[0]
        if all(isinstance(x, (int, np.integer)) for x in dd):
            dims = [int(x) for x in dd]
    if dims is None:
        n = d.bit_length() - 1
        return (2,) * n if d >= 2 and 2 ** n == d else (d,)
    dims = tuple(dims)
    if any(isinstance(x, bool) or not isinstance(x, (int, np.integer)) or x < 2 for x in dims) \
            or int(np.prod(dims)) != d:
        raise ParameterError("dims", list(dims), f"site dimensions (each >= 2) with product {d}")
    return tuple(int(x) for x in dims)


def from_qutip(H, c_ops: Sequence = (), rates: Sequence | None = None, resets: Sequence = (),
               name: str = "from_qutip", dims: Sequence | None = None) -> Model:
    r"""An exact :class:`Model` from QuTiP's ``H`` and collapse operators ``c_ops``.

    QuTiP's master equation is :math:`\dot\rho=-i[H,\rho]+\sum_k D[c_k]\rho` with the standard
    dissipator, so each ``c_k`` becomes ``Jump(c_k, rate=1)``; with ``rates`` given,
    ``c_ops`` are the bare operators :math:`L_k` and ``Jump(L_k, rate=rates[k])`` (this keeps
    rates exact: ``sqrt(0.1)*sigmam()`` is a float whose square is not exactly 0.1).
    ``resets`` are :class:`Reset` objects or ``(site, state, rate)`` with a 2×2 ``state``
    (Qobj or array; divided by its exact trace, which rounding may have moved off 1). Every number enters as the rational it prints (``Rational(repr(x))``);
    Sites of any dimension: from the Qobj's ``dims`` or the ``dims`` argument (a reset's state
    is then ``d x d`` for its site).

    Parameters
    ----------
    H : qutip.Qobj or array_like
        The Hamiltonian.
    c_ops : sequence, default ()
        Collapse operators (Qobj or arrays).
    rates : sequence or None, default None
        Rates κ_k of bare operators ``c_ops`` (``None``: every rate is 1).
    resets : sequence, default ()
        :class:`Reset` objects or ``(site, state, rate)`` tuples.
    name : str, default "from_qutip"
        The model's name.
    dims : sequence of int or None, default None
        Site dimensions (``None``: from the Qobj, else qubits).

    Returns
    -------
    Model
        The exact model (numbers as the rationals they print).

    Raises
    ------
    ParameterError
        Wrong shapes, a negative or non-real rate, or a bad reset.

    Examples
    --------
    >>> import qutip
    >>> m = from_qutip(0.5 * qutip.sigmaz(), [qutip.sigmam()], rates=[0.1])
    >>> m.n, m.jumps[0].rate, m.hamiltonian[0, 0]
    (1, 1/10, 1/2)
    >>> m = from_qutip(qutip.num(3), [qutip.destroy(3)])
    >>> m.dims, m.jumps[0].operator[1, 2]  # sqrt(2) as the float prints
    ((3,), 14142135623730951/10000000000000000)
    """
    Hm = _exact_matrix(H, "H")
    d = Hm.shape[0]
    if d < 2:
        raise ParameterError("H", Hm.shape, "an operator on sites of dimension >= 2")
    sdims = _site_dims(H, d, dims)
    n = len(sdims)
    c_ops = list(c_ops or [])
    if rates is not None and len(rates) != len(c_ops):
        raise ParameterError("rates", len(rates), f"one rate per collapse operator ({len(c_ops)})")
    jumps = []
    for k, c in enumerate(c_ops):
        op = _exact_matrix(c, f"c_ops[{k}]", d)
        rate = sp.Integer(1)
        if rates is not None:
            rate = _exact_number(rates[k], f"rates[{k}]")
            if rate.is_real is not True or rate < 0:
                raise ParameterError(f"rates[{k}]", rates[k], "a real rate >= 0")
        jumps.append(Jump(op, rate, f"c_{{{k}}}"))
    rs = []
    for k, r in enumerate(resets or []):
        if isinstance(r, Reset):
            rs.append(r)
            continue
        try:
            site, state, rate = r
        except (TypeError, ValueError):
            raise ParameterError(f"resets[{k}]", r, "Reset(...) or (site, dxd state, rate)") from None
        rate = _exact_number(rate, f"resets[{k}] rate")
        if not (isinstance(site, (int, np.integer)) and 0 <= site < n):
            raise ParameterError(f"resets[{k}] site", site, f"a site 0 <= site <= {n - 1}")
        st = _exact_matrix(state, f"resets[{k}] state", sdims[int(site)])
        tr = st.trace()
        if tr == 0:
            raise ParameterError(f"resets[{k}] state", state, "a 2x2 density matrix (trace 1)")
        # a float state (e.g. ket2dm of a normalized ket) has trace 1 only to rounding: divide
        # by its exact trace, the one normalization that keeps it a density matrix exactly
        rs.append(Reset(int(site), st / tr, rate))
    return Model(n, Hm, jumps, rs, "standard", name, dims=sdims)
