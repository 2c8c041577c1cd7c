r"""Collective-spin quantities of permutation-symmetric steady states, from the symmetric
coordinates :math:`x(m)` alone (no :math:`2^N` object; any N; exact where the state is).

With :math:`J_\alpha=\tfrac12\sum_i\sigma^\alpha_i`, :math:`s_\alpha=\langle\sigma^\alpha_i\rangle`
(counts :math:`(N-1,e_\alpha)`) and :math:`p_{\alpha\beta}=\langle\sigma^\alpha_i\sigma^\beta_j\rangle`,
:math:`i\ne j` (counts :math:`(N-2,e_\alpha+e_\beta)`, symmetric in :math:`\alpha\beta` because the
state is):

* mean spin :math:`\langle J_\alpha\rangle=\tfrac N2 s_\alpha`;
* symmetrised second moments :math:`\tfrac12\langle\{J_\alpha,J_\beta\}\rangle
  =\tfrac14\big(N\delta_{\alpha\beta}+N(N-1)p_{\alpha\beta}\big)`, covariance
  :math:`C=\tfrac12\langle\{J_\alpha,J_\beta\}\rangle-\langle J_\alpha\rangle\langle J_\beta\rangle`;
* :math:`\langle J_+J_-\rangle=\tfrac N2(1+s_z)+\tfrac{N(N-1)}4(p_{xx}+p_{yy})`
  (:math:`\sigma^+\sigma^-=(1+\sigma^z)/2`, :math:`\sigma^+_i\sigma^-_j\to(p_{xx}+p_{yy})/4`);
  :math:`\kappa\langle J_+J_-\rangle` is the photon emission rate of the collective decay
  :math:`\kappa\mathcal D[J_-]` (superradiant when it grows like :math:`N^2`);
* the Wineland spin-squeezing parameter

  .. math:: \xi^2=\frac{N\,\min_{u\perp\langle\vec J\rangle,\,|u|=1}\mathrm{Var}(u\cdot\vec J)}
     {|\langle\vec J\rangle|^2}

  (:math:`\xi^2<1`: squeezed, useful for Ramsey spectroscopy; 1 for a coherent spin state).
  The minimum is the smaller nonzero eigenvalue of :math:`Q=PCP`,
  :math:`P=1-\hat n\hat n^{T}`, :math:`\hat n=\langle\vec J\rangle/|\langle\vec J\rangle|`:
  :math:`\lambda_{\min}=\big(t-\sqrt{t^2-4e_2}\big)/2` with :math:`t=\mathrm{tr}\,Q` and
  :math:`e_2` the sum of its principal 2×2 minors (rational in :math:`x`, so exact states give
  an exact algebraic :math:`\xi^2`);
* the purity :math:`\mathrm{tr}\rho^2=2^{-N}\sum_m\binom{N}{m_I,m_X,m_Y,m_Z}x(m)^2`
  (:math:`\rho=2^{-N}\sum_PxP`, orthogonal Pauli strings).

>>> import sympy as sp
>>> from symbolic_ness.core import Jump, Model, sigma_minus, sigma_x
>>> from symbolic_ness.engines import PermutationModel, permutation_steady_state
>>> pm = PermutationModel(Model(1, sp.zeros(2, 2), jumps=[Jump(sigma_minus(), 1)]))  # every atom decays to |1>
>>> ss = permutation_steady_state(pm, 4)
>>> collective_emission(ss), spin_squeezing(ss), permutation_purity(ss)   # coherent spin state |11..1>
(0, 1, 1)
"""
from __future__ import annotations

import math

import numpy as np
import sympy as sp

from .._errors import ParameterError
from ._permutation import PermutationSteadyState, permutation_basis
from ._permutation_states import _is_dicke, _require_unique

__all__ = ["spin_moments", "spin_squeezing", "collective_emission", "permutation_purity"]

_AX = {"x": 1, "y": 2, "z": 3}


def _x(ss, counts):
    return ss.x[permutation_basis(ss.N)[1][tuple(counts)]]


def _one(ss, a):
    c = [ss.N - 1, 0, 0, 0]
    c[a] += 1
    return _x(ss, c)


def _two(ss, a, b):
    c = [ss.N - 2, 0, 0, 0]
    c[a] += 1
    c[b] += 1
    return _x(ss, c)


def spin_moments(ss: PermutationSteadyState) -> tuple:
    r"""``(mean, second)``: :math:`\langle J_\alpha\rangle` (3 entries) and the symmetrised second
    moments :math:`\tfrac12\langle\{J_\alpha,J_\beta\}\rangle` (3×3), :math:`\alpha=x,y,z`;
    sympy for exact states, numpy for numeric ones.

    Parameters
    ----------
    ss : PermutationSteadyState
        A unique steady state (exact or numeric) of a permutation-invariant model.

    Returns
    -------
    tuple
        ``(mean, second)``: 3-vector and 3×3 matrix (sympy or numpy).

    Raises
    ------
    NonUniqueSteadyStateError
        The steady state is not unique.

    Examples
    --------
    >>> import sympy as sp
    >>> from symbolic_ness.core import Jump, Model, sigma_minus
    >>> from symbolic_ness.engines import PermutationModel, permutation_steady_state
    >>> ss = permutation_steady_state(PermutationModel(Model(1, sp.zeros(2, 2), jumps=[Jump(sigma_minus(), 1)])), 3)
    >>> mean, second = spin_moments(ss)
    >>> list(mean), second[2, 2], second[0, 0]            # |111>: <J_z> = -3/2, <J_z^2> = 9/4, <J_x^2> = 3/4
    ([0, 0, -3/2], 9/4, 3/4)
    """
    if _is_dicke(ss):
        return ss.spin_moments()
    _require_unique(ss)
    N = ss.N
    exact = ss.exact
    half = sp.Rational(1, 2) if exact else 0.5
    quarter = sp.Rational(1, 4) if exact else 0.25
    mean = [half * N * _one(ss, a) for a in (1, 2, 3)]
    second = [[None] * 3 for _ in range(3)]
    for i, a in enumerate((1, 2, 3)):
        for j, b in enumerate((1, 2, 3)):
            p = _two(ss, a, b) if N >= 2 else 0
            second[i][j] = quarter * (N * (a == b) + N * (N - 1) * p)
    if exact:
        return sp.Matrix(mean), sp.Matrix(second).applyfunc(sp.cancel if ss.parameters else sp.expand)
    return np.array(mean, dtype=float), np.array(second, dtype=float)


def collective_emission(ss: PermutationSteadyState):
    r""":math:`\langle J_+J_-\rangle=\tfrac N2(1+s_z)+\tfrac{N(N-1)}4(p_{xx}+p_{yy})`, :math:`J_\pm=\sum_i\sigma^\pm_i`
    (:math:`\sigma^+=|0\rangle\langle1|`): the superradiant emission rate per unit collective decay rate.

    Parameters
    ----------
    ss : PermutationSteadyState
        A unique steady state (exact or numeric) of a permutation-invariant model.

    Returns
    -------
    sympy expression or float
        ⟨J_+J_−⟩.

    Raises
    ------
    NonUniqueSteadyStateError
        The steady state is not unique.

    Examples
    --------
    >>> import sympy as sp
    >>> from symbolic_ness.core import Jump, Model, sigma_plus
    >>> from symbolic_ness.engines import PermutationModel, permutation_steady_state
    >>> ss = permutation_steady_state(PermutationModel(Model(1, sp.zeros(2, 2), jumps=[Jump(sigma_plus(), 1)])), 5)
    >>> collective_emission(ss)                        # all excited, no correlations: N
    5

    Independently driven decaying atoms (H = σx, κ = 1 per atom) are in a product state with
    Bloch vector (0, 4/9, −1/9): ⟨J_+J_−⟩ = 3/2·(8/9) + 3/2·(16/81) = 44/27 for N = 3:

    >>> import sympy as sp
    >>> from symbolic_ness.core import Jump, Model, sigma_minus, sigma_x
    >>> from symbolic_ness.engines import PermutationModel, permutation_steady_state
    >>> ss = permutation_steady_state(PermutationModel(Model(1, sigma_x(), jumps=[Jump(sigma_minus(), 1)])), 3)
    >>> collective_emission(ss)
    44/27
    """
    if _is_dicke(ss):
        return ss.collective_emission()
    _require_unique(ss)
    N = ss.N
    sz = _one(ss, 3)
    pxy = (_two(ss, 1, 1) + _two(ss, 2, 2)) if N >= 2 else 0
    if ss.exact:
        val = sp.Rational(N, 2) * (1 + sz) + sp.Rational(N * (N - 1), 4) * pxy
        return sp.cancel(val) if ss.parameters else sp.expand(val)
    return float(N / 2 * (1 + sz) + N * (N - 1) / 4 * pxy)


def spin_squeezing(ss: PermutationSteadyState):
    r"""Wineland :math:`\xi^2=N\,\mathrm{Var}(J_{\perp,\min})/|\langle\vec J\rangle|^2` (see the module
    docstring): an exact algebraic number (or expression) for exact states, a float otherwise.
    :class:`ParameterError` when :math:`\langle\vec J\rangle=0` (undefined).

    Parameters
    ----------
    ss : PermutationSteadyState
        A unique steady state (exact or numeric) of a permutation-invariant model.

    Returns
    -------
    sympy expression or float
        ξ².

    Raises
    ------
    ParameterError
        ⟨J⟩ = 0 (ξ² undefined).
    NonUniqueSteadyStateError
        The steady state is not unique.

    Examples
    --------
    A product state with Bloch vector s has ``ξ² = 1/|s|²`` = 81/17 here (no squeezing):

    >>> import sympy as sp
    >>> from symbolic_ness.core import Jump, Model, sigma_minus, sigma_x
    >>> from symbolic_ness.engines import PermutationModel, permutation_steady_state
    >>> ss = permutation_steady_state(PermutationModel(Model(1, sigma_x(), jumps=[Jump(sigma_minus(), 1)])), 3)
    >>> spin_squeezing(ss)
    81/17
    """
    mean, second = spin_moments(ss)
    N = ss.N
    if not ss.exact:
        norm2 = float(mean @ mean)
        if norm2 <= 1e-14 * max(1.0, N * N):
            raise ParameterError("spin-squeezing", "<J> = 0", "a steady state with a nonzero mean spin <J> "
                                 "(xi^2 = N Var(J_perp,min) / |<J>|^2 is undefined)")
        C = second - np.outer(mean, mean)
        plane = np.linalg.svd(mean[None, :] / math.sqrt(norm2))[2][1:]  # orthonormal basis of the plane perp. to <J>
        vals = np.linalg.eigvalsh(plane @ C @ plane.T)
        return float(N * vals[0] / norm2)
    simp = sp.cancel if ss.parameters else sp.expand
    norm2 = simp((mean.T * mean)[0, 0])
    if norm2 == 0:
        raise ParameterError("spin-squeezing", "<J> = 0", "a steady state with a nonzero mean spin <J> "
                             "(xi^2 = N Var(J_perp,min) / |<J>|^2 is undefined)")
    C = second - mean * mean.T
    P = sp.eye(3) - mean * mean.T / norm2
    Q = (P * C * P).applyfunc(simp)
    t = simp(Q.trace())
    e2 = simp(sum(Q[i, i] * Q[j, j] - Q[i, j] * Q[j, i] for i in range(3) for j in range(i + 1, 3)))
    lam = (t - sp.sqrt(simp(t ** 2 - 4 * e2))) / 2
    xi2 = N * lam / norm2
    return sp.radsimp(sp.expand(xi2)) if not ss.parameters else xi2


def permutation_purity(ss: PermutationSteadyState):
    r""":math:`\mathrm{tr}\rho^2=2^{-N}\sum_m\binom{N}{m}x(m)^2` (multinomial weights), any N.

    Parameters
    ----------
    ss : PermutationSteadyState
        A unique steady state (exact or numeric) of a permutation-invariant model.

    Returns
    -------
    sympy expression or float
        tr ρ².

    Raises
    ------
    NonUniqueSteadyStateError
        The steady state is not unique.

    Examples
    --------
    >>> import sympy as sp
    >>> from symbolic_ness.core import Model, Reset
    >>> from symbolic_ness.engines import PermutationModel, permutation_steady_state
    >>> ss = permutation_steady_state(PermutationModel(Model(1, sp.zeros(2, 2), resets=[Reset(0, sp.eye(2) / 2, 1)])), 3)
    >>> permutation_purity(ss)                          # reset to the maximally mixed state: 2^-N
    1/8
    """
    if _is_dicke(ss):
        return ss.purity()
    _require_unique(ss)
    N = ss.N
    basis = permutation_basis(N)[0]
    fN = math.factorial(N)
    w = [fN // (math.factorial(m[0]) * math.factorial(m[1]) * math.factorial(m[2]) * math.factorial(m[3]))
         for m in basis]
    if ss.exact:
        tot = sp.Add(*[wi * xi ** 2 for wi, xi in zip(w, ss.x) if xi != 0]) / sp.Integer(2) ** N
        return sp.cancel(tot) if ss.parameters else sp.expand(tot)
    x = np.asarray(ss.x, dtype=float)
    wf = np.array([float(v) for v in w]) / 2.0 ** N
    return float(np.sum(wf * x * x))
