r"""The exact steady-state engine: modular rank, symmetry sector, certified kernels, rank-drop locus.

:func:`solve_generator` runs the stages for the Pauli-basis generator :math:`M` of a model
and records what ran:

1. ``convert``: :math:`M` as a :class:`~symbolic_ness.core._linalg_ring.PolyMatrix` over
   :math:`\mathbb Z[p]` (rows with cleared denominators); entries that are not rational
   functions (square roots, complex numbers) send the solve to the field kernel.
2. ``rank``: connected blocks of the sparsity pattern (Pauli-diagonal symmetries such as
   :math:`\prod_j\sigma^x_j` split :math:`M` this way) and their nullities at a random
   point modulo a 62-bit prime — upper bounds of the generic nullities; blocks of nullity 0
   need no solve.
3. ``symmetry`` (unique steady state only): weak symmetries
   (:func:`~symbolic_ness.core._symmetry.detect_symmetries`) and the invariant sector
   :math:`x=Bc`; only the block of the reduced matrix that contains the trace coordinate
   is solved.
4. ``solve`` with ``exact-interpolate``, ``exact-ring`` or ``exact-field``; for
   ``method="exact"`` the kernel is chosen per block:

   ==========================================================  =============================
   block                                                        kernel (``result.method``)
   ==========================================================  =============================
   entries not rational functions (roots, complex numbers)      ``exact-field``
   constant block                                               rational rref (``exact-interpolate``)
   nullity 1 and a variable of degree :math:`\le1` in every    adjugate pencils
   entry (e.g. all rates and couplings enter linearly)          (``exact-interpolate (pencil)``,
                                                                :mod:`~symbolic_ness.core._pencil`)
   otherwise, or if the pencil's certificate fails              ``exact-interpolate``, then
                                                                ``exact-ring``
   ==========================================================  =============================

5. ``certify``: :math:`Mx=0` exactly on the *full* generator. The number of certified
   independent vectors equals the nullity at the random point, which proves the generic
   nullity.
6. ``rank_drop``: factors of the trace coordinate and the parameters, tested at random
   points of their zero sets for a larger null space — *skipped* when the trace coordinate
   has more than :data:`RANK_DROP_TERMS` terms (factoring it would dominate); the record then says
   ``rank_drop_checked: False`` and why (``rank_drop_note``), and never claims "no rank drop".

Vectors with more than :data:`LARGE_TERMS` terms in all are returned as
:class:`PolyVectors` (``fmpz_mpoly`` coordinates, converted to sympy only on request) instead
of sympy lists.
"""
from __future__ import annotations

import random
import time

import sympy as sp

from .._errors import CheckFailedError
from ._interpolate import PRIMES, modular_nullity, nullspace_interpolate
from ._pencil import PencilNotApplicable, nullspace_pencil
from ._linalg import block_split, nullspace_exact
from ._linalg_ring import NotPolynomialError, PolyMatrix, certify_nullvectors, nullspace_ring
from ._symmetry import detect_symmetries, expand_solution, invariant_basis, reduce_to_sector

__all__ = ["solve_generator", "KERNELS", "PolyVectors", "LARGE_TERMS"]

KERNELS = {"exact-ring": nullspace_ring, "exact-interpolate": nullspace_interpolate}
LARGE_TERMS = 50_000  # above this many terms in all: no sympy conversion
RANK_DROP_TERMS = 5_000  # trace coordinates with more terms are not factored for the rank-drop locus
PENCIL = "exact-interpolate (pencil)"


class PolyVectors(list):
    """Certified null vectors as lists of ``fmpz_mpoly`` in ``gens`` (sympy only via :meth:`to_sympy`)."""

    def __init__(self, vectors, gens):
        super().__init__(vectors)
        self.gens = tuple(gens)

    def to_sympy(self) -> list:
        from ._linalg_ring import _to_expr
        return [[_to_expr(e, self.gens) for e in v] for v in self]

    def terms(self) -> int:
        return sum(len(e) for v in self for e in v)


def _kernel(method: str, sub: PolyMatrix, info: dict):
    """``(vectors, kernel that ran)``; ``exact`` tries the pencil, interpolation, then the ring."""
    if method in KERNELS:
        return KERNELS[method](sub), method
    if not sub.is_constant():
        try:
            return nullspace_pencil(sub, info=info.setdefault("pencil", {})), PENCIL
        except PencilNotApplicable as e:
            info.setdefault("pencil", {})["declined"] = str(e)
        except CheckFailedError as e:
            info.setdefault("pencil", {})["failed"] = str(e)
    try:
        return nullspace_interpolate(sub), "exact-interpolate"
    except CheckFailedError:
        return nullspace_ring(sub), "exact-ring"


def _primitive_expansion(x: list) -> list:
    """``x = B c`` for a primitive ``c`` made primitive: only the integer content can be common.

    ``B_{P,:}`` is diagonal (:func:`~symbolic_ness.core._symmetry.invariant_basis`), so every
    :math:`c_k` times a non-zero integer is a coordinate of :math:`x`: a polynomial dividing all
    coordinates divides all :math:`c_k`, hence is constant. The result equals
    :func:`~symbolic_ness.core._linalg_ring.normalize_vector` ``(x)`` (same sign convention).
    """
    from math import gcd
    g = 0
    for e in x:
        if not e.is_zero():
            g = gcd(g, int(e.content()))
    first = next(e for e in x if not e.is_zero())
    if int(first.leading_coefficient()) < 0:
        g = -g
    if g == 1:
        return list(x)
    return [e / g if not e.is_zero() else e for e in x]


def solve_generator(model, method: str = "exact", use_symmetry: bool = True) -> dict:
    """Certified null vectors of the Pauli-basis generator of ``model`` and a record of the stages."""
    from ._liouvillian import rational_generator
    t_all = time.perf_counter()
    timings: dict = {}

    def tick(name, t0):
        timings[name] = round(time.perf_counter() - t0, 6)
        return time.perf_counter()

    t = time.perf_counter()
    M, D = rational_generator(model)  # D: congruence rho = D rho' D removing square roots (or None)
    dok = {k: v for k, v in M.todok().items() if v != 0}
    N = M.shape[0]
    t = tick("liouvillian", t)
    rec = {"symmetries": [], "rank_drop": [], "timings": timings}
    if D is not None:
        rec["congruence"] = D
    if method == "exact-field":
        vecs = nullspace_exact(dok, N)
        t = tick("solve", t)
        timings["total"] = round(time.perf_counter() - t_all, 6)
        return {**rec, "vectors": vecs, "method": "exact-field", "nullity": len(vecs)}
    try:
        pm = PolyMatrix.from_dok(dok, N, gens=model.parameters)
    except NotPolynomialError:
        vecs = nullspace_exact(dok, N)
        tick("solve", t)
        timings["total"] = round(time.perf_counter() - t_all, 6)
        return {**rec, "vectors": vecs, "method": "exact-field", "nullity": len(vecs)}
    t = tick("convert", t)
    rng = random.Random(12345)
    blocks = block_split(pm.pattern(), N)
    nul = [modular_nullity(pm.submatrix(b), rng) for b in blocks]
    total = sum(nul)
    t = tick("rank", t)
    ran = set()
    vectors = []
    if total == 1 and use_symmetry and 0 in blocks[nul.index(1)]:
        if model.is_qubits:
            syms = detect_symmetries(dok, model.n) if model.n <= 6 else []
            B, P = invariant_basis(syms, model.n)
        else:  # sites of any dimension: conserved U(1) charges (e.g. Jaynes-Cummings excitations)
            from ._charges import detect_charges
            syms = detect_charges(model)
            B, P = invariant_basis(syms, model.dims)
        red = reduce_to_sector(pm, B, P)
        sector = next(b for b in block_split(red.pattern(), red.nrows) if 0 in b)
        sub = red.submatrix(sector)
        if modular_nullity(sub, rng) != 1:
            raise CheckFailedError("symmetry sector: nullity of the trace sector is not 1")
        rec["symmetries"] = [s.name for s in syms]
        rec["sector_size"] = len(sector)
        t = tick("symmetry", t)
        cs, k = _kernel(method, sub, rec)
        ran.add(k)
        t = tick("solve", t)
        c = [pm.ctx.from_dict({}) for _ in range(red.ncols)]
        for a, e in zip(sector, cs[0]):
            c[a] = e
        vectors = [_primitive_expansion(expand_solution(B, c, N, pm.ctx))]
    else:
        for b, d in zip(blocks, nul):
            if d == 0:
                continue
            ws, k = _kernel(method, pm.submatrix(b), rec)
            ran.add(k)
            for w in ws:
                full = [pm.ctx.from_dict({}) for _ in range(N)]
                for a, e in zip(b, w):
                    full[a] = e
                vectors.append(full)
        t = tick("solve", t)
    certify_nullvectors(pm, vectors)
    if len(vectors) != total:
        raise CheckFailedError(f"nullity not confirmed: {len(vectors)} certified null vectors, "
                               f"nullity {total} at a random point")
    t = tick("certify", t)
    large = sum(len(e) for v in vectors for e in v) > LARGE_TERMS
    out = PolyVectors(vectors, pm.gens) if large else pm.to_sympy(vectors)
    if len(vectors) == 1:
        if len(vectors[0][0]) > RANK_DROP_TERMS:
            rec["rank_drop_checked"] = False
            rec["rank_drop_note"] = (f"rank drop not checked (trace coordinate has {len(vectors[0][0])} terms; "
                                     "factoring it is skipped)")
        else:
            rec["rank_drop"] = _rank_drop(pm, vectors[0][0], rng)
            t = tick("rank_drop", t)
    timings["total"] = round(time.perf_counter() - t_all, 6)
    pen = rec.pop("pencil", {})
    if "timings" in pen:  # flat numeric entries: pencil_<stage> seconds, lines and primes
        for key, val in pen["timings"].items():
            if isinstance(val, (int, float)):
                timings[f"pencil_{key}"] = val
        per = pen["timings"].get("per_prime", [])
        timings["pencil_lines_cpu"] = round(sum(x["lines_s"] for x in per), 4)
        timings["pencil_interpolate_cpu"] = round(sum(x["interpolate_s"] for x in per), 4)
        timings["pencil_primes"] = pen.get("primes", 0)
        timings["pencil_lines_per_prime"] = pen.get("lines_per_prime", 0)
        timings["pencil_workers"] = pen.get("workers", 1)
    name = ran.pop() if len(ran) == 1 else ("exact-interpolate" if not ran else "+".join(sorted(ran)))
    return {**rec, "vectors": out, "method": name, "nullity": len(vectors)}


def _rank_drop(pm: PolyMatrix, trace, rng) -> list:
    """Factors ``f`` of the trace coordinate, and the parameters, with a larger null space on ``f = 0``."""
    cands = []
    if not trace.is_constant():
        try:
            _, facs = trace.factor()
            cands += [f for f, _ in facs]
        except OverflowError:  # python-flint 0.9 sort-key overflow on huge coefficients
            cands.append(trace)
    gens = pm.ctx.gens()
    for g in gens:
        if all(not (g - f).is_zero() and not (g + f).is_zero() for f in cands):
            cands.append(g)
    p = PRIMES[1]
    at = pm.evaluator(p)
    out = []
    s = len(pm.gens)
    for f in cands:
        degs = f.degrees()
        v = next((k for k in range(s) if degs[k] == 1), None)
        if v is None:
            continue
        hits = 0
        for _ in range(2):
            pt = [rng.randrange(1, p) for _ in range(s)]
            # f = a * x_v + c with a, c free of x_v: solve modulo p
            pt[v] = 0
            c = int(f(*pt)) % p
            pt[v] = 1
            a = (int(f(*pt)) - c) % p
            if a == 0:
                continue
            pt[v] = (-c) * pow(a, -1, p) % p
            if pm.ncols - at(pt).rank() > 1:
                hits += 1
        if hits == 2:
            out.append(pm.to_sympy([[f]])[0][0])
    return sorted(out, key=sp.default_sort_key)
