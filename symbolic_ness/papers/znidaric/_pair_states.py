r"""Pair states and :math:`\lambda_{\min}` of the boundary-driven XX chain at γ = 0
(Žnidarič, PRA 85, 012324, Sec. III.A–B, Eqs. 14–15, 19–20) and pairs at distance r (Wick).

Sites :math:`j=1..n` (1-indexed); the pair state is
:math:`\rho_{jk}=\tfrac14\sum_{\alpha,\beta}\langle\sigma^\alpha_j\sigma^\beta_k\rangle\sigma^\alpha\otimes\sigma^\beta`
(basis :math:`|00\rangle,|01\rangle,|10\rangle,|11\rangle`, :math:`|0\rangle` = spin up). The γ = 0
correlators (:func:`~symbolic_ness.papers.znidaric.gamma0_closed_form`) are
:math:`t=-\langle\sigma^x_j\sigma^y_{j+1}\rangle` (:data:`CURRENT`), :math:`a_1` (:data:`MAG_FIRST`),
:math:`a` (:data:`MAG_BULK`), :math:`a_n` (:data:`MAG_LAST`).

>>> lam = boundary_lambda_min()          # Eq. (15), derived
>>> sorted(str(s) for s in lam.free_symbols)
['a', 'a1', 't']
"""
from __future__ import annotations

import itertools
from functools import lru_cache

import sympy as sp

from ..._cache import cached
from ..._errors import CheckFailedError, ParameterError
from ...core import kron, pauli, pt_eigenvalues_x_state
from ...engines import gaussian_expectation, majorana_product
from ._symbols import CURRENT, MAG_BULK, MAG_FIRST

__all__ = ["general_pair_state", "u1_pair_state", "pair_state_from_correlators",
           "gamma0_profile", "boundary_pair_state", "bulk_pair_state", "boundary_lambda_min", "bulk_lambda_min",
           "distance_pair_correlators", "distance_lambda_min"]

_PAULI = {"0": pauli("I"), "x": pauli("X"), "y": pauli("Y"), "z": pauli("Z")}


def general_pair_state():
    r"""The general two-qubit state :math:`\frac14\sum\langle\sigma^\alpha\sigma^\beta\rangle\sigma^\alpha\otimes\sigma^\beta`.

    Returns ``(rho, symbols)`` with ``symbols[(alpha, beta)]`` the 15 correlator
    symbols ``s_xy`` etc. (``s_z0`` = :math:`\langle\sigma^z_j\rangle`).

    >>> rho, s = general_pair_state()
    >>> rho.trace(), len(s)
    (1, 15)
    """
    syms = {}
    rho = sp.eye(4) / 4
    for al, be in itertools.product("0xyz", repeat=2):
        if al == be == "0":
            continue
        s = syms[(al, be)] = sp.Symbol(f"s_{al}{be}", real=True)
        rho += s * kron(_PAULI[al], _PAULI[be]) / 4
    return rho, syms


@lru_cache(maxsize=None)
def u1_pair_state():
    r"""Impose the U(1) symmetry of the NESS on the general pair state.

    The XX Hamiltonian conserves :math:`M=\sum_j\sigma^z_j` and every jump
    operator changes it by a fixed amount, so the (unique) NESS commutes with
    :math:`M`; then every reduced state commutes with :math:`\sigma^z_j+\sigma^z_k`.
    Solving :math:`[\rho,\sigma^z\otimes1+1\otimes\sigma^z]=0` leaves five
    correlators: :math:`z_j, z_k, \langle xx\rangle=\langle yy\rangle,
    \langle xy\rangle=-\langle yx\rangle, \langle zz\rangle`.

    Returns ``(rho, solution)`` (``solution``: the eliminated symbols).

    >>> rho, sol = u1_pair_state()
    >>> sorted(str(s) for s in rho.free_symbols)
    ['s_0z', 's_xx', 's_xy', 's_z0', 's_zz']
    """
    rho, s = general_pair_state()
    Mz = kron(_PAULI["z"], sp.eye(2)) + kron(sp.eye(2), _PAULI["z"])
    eqs = [e for e in (rho * Mz - Mz * rho) if e != 0]
    keep = {("z", "0"), ("0", "z"), ("x", "x"), ("x", "y"), ("z", "z")}
    unknowns = [v for k, v in s.items() if k not in keep]
    sol = sp.solve(eqs, unknowns, dict=True)[0]
    return rho.subs(sol).applyfunc(sp.expand), sol


def pair_state_from_correlators(z1, z2, xx, xy, zz):
    r"""U(1)-symmetric pair state from :math:`\langle\sigma^z_j\rangle,\langle\sigma^z_k\rangle,
    \langle\sigma^x_j\sigma^x_k\rangle,\langle\sigma^x_j\sigma^y_k\rangle,\langle\sigma^z_j\sigma^z_k\rangle`.

    >>> pair_state_from_correlators(0, 0, 0, 0, 0) == sp.eye(4) / 4
    True
    """
    rho, _ = u1_pair_state()
    g = {sp.Symbol("s_z0", real=True): z1, sp.Symbol("s_0z", real=True): z2,
         sp.Symbol("s_xx", real=True): xx, sp.Symbol("s_xy", real=True): xy,
         sp.Symbol("s_zz", real=True): zz}
    return rho.subs(g)


@cached("xx-bd-gamma0-closed-form")
def _gamma0_profile_cached():
    from ._two_point import gamma0_closed_form
    cf = gamma0_closed_form()
    return {k: sp.sympify(cf[k]) for k in ("t", "a1", "a", "an")}


def gamma0_profile():
    """The derived gamma = 0 closed form ``{t, a1, a, an}`` of
    :func:`~symbolic_ness.papers.znidaric.gamma0_closed_form` (symbols Gamma_L, Gamma_R, mu, mubar),
    disk-cached."""
    return _gamma0_profile_cached()


def boundary_pair_state():
    r"""The boundary pair :math:`\rho_{12}` (structure of Eq. 14) in the symbols ``t, a1, a``.

    Inputs: :math:`\langle\sigma^z_1\rangle=a_1`, :math:`\langle\sigma^z_2\rangle=a`,
    :math:`\langle\sigma^x_1\sigma^x_2\rangle=0`, :math:`\langle\sigma^x_1\sigma^y_2\rangle=-t`,
    :math:`\langle\sigma^z_1\sigma^z_2\rangle=a_1a-t^2` (the γ = 0 NESS correlators).
    """
    return pair_state_from_correlators(MAG_FIRST, MAG_BULK, 0, -CURRENT, MAG_FIRST * MAG_BULK - CURRENT ** 2)


def bulk_pair_state():
    r"""Bulk pair :math:`\rho_{j,j+1}` (Eq. 19 structure): both :math:`\langle\sigma^z\rangle=a`."""
    return pair_state_from_correlators(MAG_BULK, MAG_BULK, 0, -CURRENT, MAG_BULK * MAG_BULK - CURRENT ** 2)


@cached("xx-bd-boundary-lambda")
def boundary_lambda_min():
    r"""Derived :math:`\lambda_{\min}` of :math:`\rho_{12}^{T_1}` (Eq. 15).

    Returns
    -------
    sympy expression
        λ_min in the end magnetization a1, the bulk a and the current t.

    Examples
    --------
    >>> boundary_lambda_min()
    (a*a1 - t**2 - sqrt(a**2 + 2*a*a1 + a1**2 + 4*t**2) + 1)/4
    """
    return sp.factor_terms(pt_eigenvalues_x_state(boundary_pair_state())[0])


@cached("xx-bd-bulk-lambda")
def bulk_lambda_min():
    r"""Derived :math:`\lambda_{\min}` of :math:`\rho_{j,j+1}^{T_1}` (Eq. 20).

    Returns
    -------
    sympy expression
        λ_min = (1 + a² − t² − 2√(a² + t²))/4.

    Examples
    --------
    >>> bulk_lambda_min()
    (a**2 - t**2 - 2*sqrt(a**2 + t**2) + 1)/4
    """
    return sp.factor_terms(pt_eigenvalues_x_state(bulk_pair_state())[0])


@cached("xx-bd-distance-correlators-v2")
def distance_pair_correlators(r: int):
    r"""Spin correlators of the pair :math:`(j, j+r)` at γ = 0 by Wick's theorem.

    At γ = 0 the Lindbladian is quadratic in Jordan–Wigner fermions with linear jump
    operators, so the NESS is Gaussian. The Majorana two-point functions of the block
    :math:`j..j+r` (engine :func:`~symbolic_ness.engines.majorana_product`) are the string
    correlators :math:`\langle Z_l\rangle=a_l`, :math:`\langle X_lY_{l+1}\rangle=-t`,
    :math:`\langle Y_lX_{l+1}\rangle=t`, all longer strings 0 (the fermionic two-point function is
    tridiagonal); the pair operators follow from :func:`~symbolic_ness.engines.gaussian_expectation`
    (Pfaffians). End magnetizations ``zj``, ``zk``, ``a`` inside. Returns
    ``{"z1","z2","xx","yy","xy","yx","zz"}``.

    >>> c = distance_pair_correlators(2)
    >>> c["xx"], c["yy"], c["xy"]
    (-t**2, -t**2, 0)
    """
    r = int(r)
    if r < 1:
        raise ParameterError("r", r, "r >= 1")
    m = r + 1
    zj, zk = sp.symbols("zj zk", real=True)
    zvals = [zj] + [MAG_BULK] * (m - 2) + [zk]

    def E(string):
        if len(string) == 1 and string[0][1] == "Z":
            return zvals[string[0][0]]
        if len(string) == 2 and string[1][0] == string[0][0] + 1:
            return {"XY": -CURRENT, "YX": CURRENT}.get(string[0][1] + string[1][1], sp.Integer(0))
        return sp.Integer(0)

    def two_point(p, q):               # <w_p w_q> = phase * <string>
        ph, s = majorana_product([p, q])
        return (int(round(ph.real)) + sp.I * int(round(ph.imag))) * E(s)

    out = {}
    for key, (al, be) in {"z1": ("Z", None), "z2": (None, "Z"), "xx": ("X", "X"), "yy": ("Y", "Y"),
                          "xy": ("X", "Y"), "yx": ("Y", "X"), "zz": ("Z", "Z")}.items():
        string = tuple(p for p in ((0, al), (r, be)) if p[1] is not None)
        out[key] = sp.expand(gaussian_expectation(string, two_point))
    return out


@cached("xx-bd-distance-lambda")
def distance_lambda_min(r: int):
    r"""Derived :math:`\lambda_{\min}` of the pair :math:`(j, j+r)` at γ = 0 (end magnetizations ``zj``, ``zk``).

    For r = 2 and bulk sites this is :math:`\tfrac14(1+a^2-2\sqrt{a^2+t^4})`.

    Parameters
    ----------
    r : int
        Distance k − j ≥ 2.

    Returns
    -------
    sympy expression
        λ_min in ``zj``, ``zk`` and t.

    Examples
    --------
    >>> distance_lambda_min(2)
    (zj*zk - sqrt(4*t**4 + zj**2 + 2*zj*zk + zk**2) + 1)/4
    """
    c = distance_pair_correlators(r)
    if sp.expand(c["yy"] - c["xx"]) != 0 or sp.expand(c["yx"] + c["xy"]) != 0:
        raise CheckFailedError("pair state is not U(1) symmetric")
    rho = pair_state_from_correlators(c["z1"], c["z2"], c["xx"], c["xy"], c["zz"])
    return sp.factor_terms(pt_eigenvalues_x_state(rho)[0])
