r"""Provenance of every closed form in n of the Žnidarič package: how far it is established.

Three statuses (:data:`STATUSES`):

* ``"proved for all n >= n0"`` — the equations were written with n symbolic (a generic bulk row
  plus the finitely many boundary rows), the closed form satisfies them identically in n, and
  the solution is unique;
* ``"exact for listed n"`` — exact (rational-function) agreement with the exact hierarchy at the
  listed chain lengths only (the form in n is an interpolation through some of them);
* ``"numeric"`` — floating-point evidence only.

The lists are read from the code that produces the forms (never typed twice).

Uniqueness of the two-point NESS (used by the two-point entries), for every n and
:math:`\Gamma_L,\Gamma_R>0`, :math:`\gamma\ge0`: the homogeneous map
:math:`\mathcal L(C)=i[h,C]-\{\Lambda,C\}-\delta(C-\operatorname{diag}C)` preserves Hermiticity, so a
complex solution splits into two Hermitian ones; for Hermitian C

.. math:: \operatorname{tr}\big(C\,\mathcal L(C)\big)=-2\sum_b\Lambda_b\sum_k|C_{bk}|^2-\delta\sum_{j\ne k}|C_{jk}|^2

(the commutator term is traceless against C). :math:`\mathcal L(C)=0` forces rows 1 and n of C to
vanish (:math:`\Lambda_1=\Lambda_n=2\Gamma>0`); then entry (1, k) of the equation gives
:math:`h_{12}C_{2k}=0`, and inductively every row vanishes: :math:`C=0`. The identity is checked
exactly (symbolic entries and rates) by :func:`two_point_lyapunov_identity`.

>>> provenance("zz-central-even").status
'exact for listed n'
>>> two_point_lyapunov_identity(4)
True
"""
from __future__ import annotations

import functools
from dataclasses import dataclass

import sympy as sp

from ..._errors import CheckFailedError, ParameterError

__all__ = ["STATUSES", "Provenance", "provenance", "provenance_table", "two_point_lyapunov_identity"]

STATUSES = ("proved for all n >= n0", "exact for listed n", "numeric")


@dataclass(frozen=True)
class Provenance:
    """``status`` (one of :data:`STATUSES`), ``n0`` (for the proved status), ``listed`` (the chain
    lengths of the exact comparisons), ``how`` (one sentence)."""

    name: str
    status: str
    n0: int | None
    listed: tuple
    how: str

    def label(self) -> str:
        """Short human label, e.g. ``proved for all n >= 7`` or ``exact for n = 4, 6, 8, 10``."""
        if self.status == STATUSES[0]:
            return f"proved for all n >= {self.n0}"
        if self.status == STATUSES[1] and not self.listed:
            return "exact per n (each requested n solved exactly; no form in n)"
        if self.status == STATUSES[1]:
            return "exact for n = " + ", ".join(map(str, self.listed))
        return "numeric"

    def as_dict(self) -> dict:
        return {"name": self.name, "status": self.status, "n0": self.n0, "listed": list(self.listed),
                "label": self.label(), "how": self.how}


@functools.lru_cache(maxsize=None)
def _table():
    from ._dephasing import _N_CHECK, _N_FIT
    zz = {cls: tuple(sorted(set(_N_FIT[cls]) | set(_N_CHECK[cls]))) for cls in _N_FIT}
    two_how = ("class equations of the two-point map with n and the row index j symbolic (generic row + "
               "boundary rows, every row of every chain n >= 7), solved exactly; unique by the Lyapunov "
               "identity (any n). The local map equals the generated hierarchy, checked symbolically in the "
               "rates for listed n (check_two_point_map); n < 7 exact one by one in the tests")
    rows = [
        Provenance("two-point-gamma0", STATUSES[0], 7, (), "Eq. 13 at gamma = 0: " + two_how),
        Provenance("two-point-dephasing", STATUSES[0], 7, (), "linear profile and current, gamma > 0: " + two_how),
    ]
    for cls in ("central-even", "central-odd", "boundary"):
        rows.append(Provenance(
            "zz-" + cls, STATUSES[1], None, zz[cls],
            f"<zz> of the {cls} pair at c = d = 1: exact rational function of (Gamma, gamma) per n, coefficients "
            f"interpolated in n through n = {', '.join(map(str, _N_FIT[cls]))} and checked exactly at "
            f"n = {', '.join(map(str, _N_CHECK[cls]))}; NOT proved for other n"))
    ev = zz["central-even"]
    od = zz["central-odd"]
    for name, lst, what in (("lambda-central-X-even", ev, "central lambda_min(X), even n"),
                            ("gamma-c-even", ev, "gamma_c (Eq. 24), even n"),
                            ("gamma-c-odd", od, "gamma_c, odd n"),
                            ("Gamma-window-even", ev, "Gamma_pm (Eq. 25), even n")):
        rows.append(Provenance(name, STATUSES[1], None, lst,
                               f"{what}: follows exactly from the <zz> form of the same class, hence exact for "
                               "the same n; any single n is also exact through the per-n pair path "
                               "(gamma_c_pair, gamma_window_pair)"))
    rows.append(Provenance("thermodynamic-limits", STATUSES[1], None, tuple(sorted(set(ev) | set(zz["boundary"]))),
                           "n -> oo limits of the interpolated closed forms: rely on them beyond the listed n"))
    rows.append(Provenance("off-centre-thresholds", STATUSES[1], None, (),
                           "gamma_c, Gamma_pm, c_min, d(c) of any pair: exact per n (no closed form in n), any "
                           "listed n the user asks for"))
    return {r.name: r for r in rows}


def provenance(name: str) -> Provenance:
    """The :class:`Provenance` of the closed form ``name`` (see :func:`provenance_table`)."""
    t = _table()
    if name not in t:
        raise ParameterError("name", name, ", ".join(t))
    return t[name]


def provenance_table() -> tuple:
    """Every closed form in n with its provenance (tuple of :class:`Provenance`)."""
    return tuple(_table().values())


@functools.lru_cache(maxsize=None)
def two_point_lyapunov_identity(n: int) -> bool:
    r"""Exact check of :math:`\operatorname{tr}(C\mathcal L(C))=-2\sum_b\Lambda_b\sum_k|C_{bk}|^2-\delta\sum_{j\ne k}|C_{jk}|^2`
    for a Hermitian C with symbolic entries and symbolic rates (n sites), :math:`\mathcal L` the
    homogeneous part of :func:`~symbolic_ness.papers.znidaric.two_point_map` (which equals the
    generated hierarchy: :func:`~symbolic_ness.papers.znidaric.check_two_point_map`)."""
    from ._chain import FAMILY_SYMBOLS
    from ._two_point import two_point_local_data, two_point_map
    from ...engines import two_point_symbols
    n = int(n)
    rates = dict(FAMILY_SYMBOLS)
    full = two_point_map(n, rates)
    C = two_point_symbols(n)
    # homogeneous part: drop the gain (constant) terms
    hom = full.applyfunc(lambda e: e - e.subs({s: 0 for s in C.free_symbols}))
    # a Hermitian C: C_kj = conj(C_jk) with real/imag parts as real symbols
    H = sp.zeros(n, n)
    sub = {}
    for j in range(n):
        for k in range(n):
            if j == k:
                a = sp.Symbol(f"a{j}", real=True)
                H[j, k] = a
            elif j < k:
                x, y = sp.Symbol(f"x{j}_{k}", real=True), sp.Symbol(f"y{j}_{k}", real=True)
                H[j, k], H[k, j] = x + sp.I * y, x - sp.I * y
    for j in range(n):
        for k in range(n):
            sub[C[j, k]] = H[j, k]
    LC = hom.subs(sub)
    lhs = sp.expand((H * LC).trace())
    ld = two_point_local_data(rates)
    lam = [0] * n
    lam[0] += ld["lam_L"]
    lam[n - 1] += ld["lam_R"]
    rhs = -2 * sum(lam[b] * sp.expand(H[b, k] * sp.conjugate(H[b, k])) for b in range(n) for k in range(n))
    rhs -= ld["deph"] * sum(sp.expand(H[j, k] * sp.conjugate(H[j, k])) for j in range(n) for k in range(n) if j != k)
    if sp.expand(lhs - rhs) != 0:
        raise CheckFailedError(f"two-point Lyapunov identity fails at n = {n}")
    return True
