r"""Majorana grading of the XX-chain generator: why every NESS value is a polynomial in the drive (c, d).

Jordan–Wigner Majoranas (sites 0-indexed here): :math:`\gamma_{2k}=(\prod_{l<k}\sigma^z_l)\sigma^x_k`,
:math:`\gamma_{2k+1}=(\prod_{l<k}\sigma^z_l)\sigma^y_k`. Every Pauli string is, up to a phase, exactly
one Majorana monomial; its *degree* (:func:`majorana_degree`) is read right to left: with
:math:`\pi` the parity of the number of Majoranas on the sites right of k, site k carries
:math:`w_0(P_k)` Majoranas if :math:`\pi=0` and :math:`2-w_0(P_k)` if :math:`\pi=1`
(:math:`w_0`: I 0, X 1, Y 1, Z 2). E.g. :math:`\sigma^z_j\sigma^z_{j+1}` has degree 4, a current
:math:`\sigma^x_j\sigma^y_{j+1}` degree 2.

The adjoint generator is :math:`\sum_f r_f F_f` over the families of
:func:`~symbolic_ness.papers.znidaric.adjoint_generator` with rates
:func:`~symbolic_ness.papers.znidaric.xx_rates`; the left-bath rates are
:math:`\Gamma(1\mp c)` for :math:`\sigma^\pm_1`, the right-bath ones :math:`\Gamma(1\pm d)`, so

.. math:: \mathcal L^\dagger=\underbrace{F_H+\tfrac\gamma2F_{\rm deph}+\Gamma(F_{L+}+F_{L-})+\Gamma(F_{R+}+F_{R-})}_{\mathcal L_0}
          +c\,\Gamma(F_{L-}-F_{L+})+d\,\Gamma(F_{R+}-F_{R-}).

:func:`grading_check` verifies exactly, on every Pauli string of a 5-site chain, that every
family preserves the Majorana parity (the even strings — all the hierarchy uses — form a closed
sector) and, on every even string, that :math:`F_H` preserves the degree (and is antisymmetric on strings), :math:`F_{\rm deph}` is
diagonal, the diagonal parts of :math:`F_{L+}` and :math:`F_{L-}` (and of :math:`F_{R\pm}`) are
equal, and their only off-diagonal action is :math:`\sigma^z_{\rm end}R\mapsto R` (the end letter Z
removed: degree lowered by exactly 2). For every n by locality: a term acting on a window W only
changes the letters in W, and the Majorana count of every site left of W depends on its own
letter and on the parity to its right; the 5-site chain contains every window (bond, end site)
with every right-context parity and every left letter, so the per-window statements — hence the
grading — hold on every chain length.

Consequences (every n, Γ > 0, γ >= 0, all (c, d)):

1. On a closed hierarchy (a set S of non-identity strings closed under every family, e.g.
   :func:`~symbolic_ness.papers.znidaric.closed_hierarchy`), ordered by degree, the matrix of
   :math:`\mathcal L^\dagger` is block lower triangular with (c, d)-independent diagonal blocks
   (those of :math:`\mathcal L_0`): its determinant does not depend on (c, d). At c = d = 1 it is
   nonzero (:func:`~symbolic_ness.papers.znidaric.hierarchy_uniqueness_argument`, step 5), hence
   nonzero for *every* (c, d): the hierarchy has exactly one solution, the NESS values.
2. The constant terms come only from :math:`\sigma^z_{\rm end}\mapsto1` (c- or d-linear), so the
   degree-2 values are linear and the degree-4 values homogeneous quadratic in (c, d) (induction
   on the degree with the invertible diagonal blocks).
3. The even strings of degree 2 and 4 form a closed hierarchy :math:`S_4` (by the grading). A string
   R whose value is nonzero enters the equation of another string of :math:`S_4` only through an
   antisymmetric (Hamiltonian) link — R's own equation then contains that string, and the class
   engine includes it as a neighbour —, a diagonal term, or the bath link
   :math:`\sigma^z_{\rm end}R\to R` from a string of degree deg R + 2 <= 4, i.e. for R of degree
   2. So the class engine's equations are every equation of :math:`S_4` touching a nonzero value
   as soon as the bath partner :math:`\sigma^z_{\rm end}R` of every degree-2 support string R with
   an empty end site is itself in the support (:func:`engine_coneighbour_check`); all other
   equations of :math:`S_4` read 0 = 0 on the ansatz.

>>> majorana_degree(((3, "Z"), (4, "Z"))), majorana_degree(((3, "X"), (4, "Y"))), majorana_degree(((0, "X"), (2, "X")))
(4, 2, 4)
>>> grading_check(4)["strings"]
255
"""
from __future__ import annotations

import functools
import itertools

import sympy as sp

from ..._errors import CheckFailedError
from ._chain import adjoint_generator, xx_rates
from ._symbols import COUPLING, DEPHASING, DRIVE_C, DRIVE_D

__all__ = ["majorana_degree", "grading_check", "engine_coneighbour_check"]

_W0 = {"I": 0, "X": 1, "Y": 1, "Z": 2}


def majorana_degree(string) -> int:
    """Jordan–Wigner Majorana degree of a Pauli string ``((site, letter), ...)`` (0-indexed sites)."""
    letters = dict(string)
    if not letters:
        return 0
    deg, par = 0, 0
    for k in range(max(letters), -1, -1):
        w = _W0[letters.get(k, "I")]
        w = w if par == 0 else 2 - w
        deg += w
        par = (par + w) % 2
    return deg


def _drop(string, site):
    return tuple(x for x in string if x[0] != site)


@functools.lru_cache(maxsize=None)
def grading_check(n: int = 5) -> dict:
    """Exact check of the grading statements (module docstring) on every Pauli string of the
    n-site chain; raises :class:`~symbolic_ness._errors.CheckFailedError` on the first failure.
    Also checks that the rates of :func:`~symbolic_ness.papers.znidaric.xx_rates` split as
    stated (c, d enter only through :math:`\\Gamma c(F_{L-}-F_{L+})`, :math:`\\Gamma d(F_{R+}-F_{R-})`)."""
    n = int(n)
    r = xx_rates(COUPLING, COUPLING, DRIVE_C + DRIVE_D, (DRIVE_D - DRIVE_C) / 2, DEPHASING)
    G = COUPLING
    want = {("L+", "L-"): (2 * G, 2 * G * DRIVE_C), ("R-", "R+"): (2 * G, 2 * G * DRIVE_D)}
    for (a, b), (s, dlt) in want.items():
        if sp.expand(r[a] + r[b] - s) != 0 or sp.expand(r[b] - r[a] - dlt) != 0:
            raise CheckFailedError(f"rates of {a}, {b} are not Gamma (1 -+ drive)")
    if any(sp.sympify(r[f]).free_symbols & {DRIVE_C, DRIVE_D} for f in ("H", "deph")):
        raise CheckFailedError("the drive enters the Hamiltonian or dephasing rate")
    strings = [tuple((i, l) for i, l in enumerate(w) if l != "I") for w in itertools.product("IXYZ", repeat=n)]
    strings = [s for s in strings if s]
    gen = {s: adjoint_generator(n, s) for s in strings}
    ends = {"L": 0, "R": n - 1}
    lowered = 0
    for P in strings:
        g, dP = gen[P], majorana_degree(P)
        if any((majorana_degree(Q) - dP) % 2 for terms in g.values() for Q in terms):
            raise CheckFailedError(f"the generator changes the Majorana parity of {P}")
        if dP % 2:
            continue            # odd sector: closed, never reached from the even seeds
        for Q, v in g.get("H", {}).items():
            if majorana_degree(Q) != dP:
                raise CheckFailedError(f"the bond term changes the degree of {P}")
            if gen[Q].get("H", {}).get(P, 0) != -v:
                raise CheckFailedError(f"the Hamiltonian link {P} -> {Q} is not antisymmetric")
        if set(g.get("deph", {})) - {P}:
            raise CheckFailedError(f"dephasing is not diagonal on {P}")
        for side, site in ends.items():
            fp, fm = g.get(side + "+", {}), g.get(side + "-", {})
            if fp.get(P, 0) != fm.get(P, 0):
                raise CheckFailedError(f"the {side} bath: diagonal parts differ on {P}")
            off = (set(fp) | set(fm)) - {P}
            if not off:
                continue
            Q = _drop(P, site)
            if off != {Q} or dict(P).get(site) != "Z" or majorana_degree(Q) != dP - 2:
                raise CheckFailedError(f"the {side} bath maps {P} to {off}: not Z_end R -> R")
            lowered += 1
    return {"strings": len(strings), "even": sum(1 for s in strings if majorana_degree(s) % 2 == 0),
            "lowering_links": lowered, "n": n}


@functools.lru_cache(maxsize=None)
def engine_coneighbour_check() -> dict:
    r"""Every degree-2 support class of the class engine (:func:`~symbolic_ness.papers.znidaric.support_classes`)
    with an empty first (last) site has its bath partner — the same string with :math:`\sigma^z`
    on that end site — in the support too, and every support class has one Majorana degree
    (2 or 4). Checked on instances of every class on chains of n >= 8 sites with each long gap
    (> 2) set to 3, 4, 11 and 12 (a long gap is empty sites only, each contributing 0 or 2
    Majoranas according to the parity on its right, so two consecutive lengths fix the degree for
    all lengths; the partner's class only sees whether a gap is 2 or longer). Returns
    ``{class: degree}``; raises :class:`~symbolic_ness._errors.CheckFailedError` otherwise."""
    from ._class_engine import ENGINE_MIN_N, _signature, support_classes
    sup = set(support_classes())
    degrees = {}
    for cls in sup:
        letters, gaps = cls
        degs = set()
        for choice in itertools.product(*[(g,) if g is not None else (3, 4, 11, 12) for g in gaps]):
            n = sum(choice) - 1
            if n < ENGINE_MIN_N:
                continue
            pos = list(itertools.accumulate(choice[:-1], initial=-1))[1:]
            string = tuple(zip(pos, letters))
            if _signature(string, n) != cls:
                raise CheckFailedError(f"instance {string} (n = {n}) is not of class {cls}")
            dg = majorana_degree(string)
            degs.add(dg)
            if dg != 2:
                continue            # a degree-4 string's bath partner has degree 6: outside the hierarchy
            for site, partner in ((0, ((0, "Z"),) + string), (n - 1, string + ((n - 1, "Z"),))):
                if site in dict(string):
                    continue
                if _signature(partner, n) not in sup:
                    raise CheckFailedError(f"bath partner {partner} (n = {n}) of the support class {cls} "
                                           "is not in the support")
        if len(degs) != 1 or not degs <= {2, 4}:
            raise CheckFailedError(f"support class {cls} has degrees {degs}")
        degrees[cls] = degs.pop()
    return degrees
