r"""The exact steady-state engine: modular rank, symmetry sector, certified kernels, rank-drop locus.

:func:`solve_generator` runs the stages for the Pauli-basis generator :math:`M` of a model
and records what ran:

1. ``convert``: :math:`M` as a :class:`~symbolic_ness.algebra._linalg_ring.PolyMatrix` over
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
                                                                :mod:`~symbolic_ness.algebra._pencil`)
   otherwise, or if the pencil's certificate fails              ``exact-interpolate``, then
                                                                ``exact-ring``
   ==========================================================  =============================

   **Scale homogeneity** (``reductions=("homogeneity",)``, the default): before the kernel
   runs on a nullity-1 block, the engine checks that every row of the block is homogeneous
   (:func:`~symbolic_ness.algebra._homogeneity.row_degrees`; true when every symbol is a rate
   or an energy and no fixed number sets an energy scale, e.g. not with a field 1/3 next to a
   symbolic coupling). Then one symbol (:func:`~symbolic_ness.algebra._homogeneity.elimination_choice`)
   is set to 1, the kernel solves in one variable fewer, and the vector is rehomogenized
   exactly (:mod:`~symbolic_ness.algebra._homogeneity` proves this is the primitive null vector;
   no sign or positivity assumption is used). ``record["reductions"]`` says what was used and
   why, ``record["reconstruction"]`` what the kernel did (probes per prime, primes, degrees, terms).

   **Prime check** (``"prime_check"`` in ``reductions``, the default): the pencil kernel runs one
   prime at a time on all workers and, after each, compares one pencil line modulo the next
   prime with the CRT candidate; it starts no further full prime when they agree, and it
   reconstructs the vector divided by its integer content (guessed from exact integer
   adjugates and rational reconstruction) — e.g. 3 primes instead of 4 for the README 4 × 3
   chain (content :math:`2^{18}3^{28}`). Hypotheses only: the exact certificate decides
   (:mod:`~symbolic_ness.algebra._pencil_primes`); ``record["reconstruction"]["prime_check"]``
   says what ran.

   **Variable scaling** (``"scaling"`` in ``reductions``, the default): the pencil kernel
   reconstructs :math:`y\propto x(s\circ p)` for the scaling :math:`p_k\to s_kp_k`,
   :math:`s_k` a product of powers of 2, 3 and the small primes of the block's coefficients,
   that lowers the Leibniz bound of the coefficients
   (:mod:`~symbolic_ness.algebra._scaling`; a fixed number setting an energy scale makes the
   coefficients grow along one direction) and multiplies the terms back while building
   :math:`x` — e.g. 2 primes instead of 3 for the README 4 × 3 chain (field 1/3).
   ``record["reconstruction"]["scaling"]`` says whether it ran, the scales and the bounds.
5. ``certify``: :math:`Mx=0` exactly. Without a symmetry sector, the product of the *full*
   generator with :math:`x`; with one, :math:`\text{sub}\,c=0` on the solved block plus
   :func:`~symbolic_ness.core._symmetry.certify_sector` (:math:`MB=BQ` exactly for the block's
   columns, pivots, decoupling), which proves :math:`M(Bc)=0` without multiplying :math:`M` by
   the expanded vector (``record["certificate"]`` says which). The number of certified
   independent vectors equals the nullity at the random point, which proves the generic
   nullity.
6. ``rank_drop``: irreducible factors of the trace coordinate (factored after deflation,
   :func:`~symbolic_ness.algebra._polys.factor_fmpz_mpoly`), of the row contents divided out of
   the generator and the parameters, each tested at two random points of its zero set modulo a
   prime (a random root in one variable, :func:`_points_on`) for a larger null space; a factor
   on which no point is found is reported in ``rank_drop_note`` (``rank_drop_checked: False``),
   never dropped. When the trace coordinate has more than :data:`RANK_DROP_TERMS` terms the test
   is *deferred* for a large result without congruence (``rank_drop_deferred``:
   :func:`rank_drop_locus` runs when ``SteadyState.rank_drop`` is first read) and *skipped*
   otherwise (the record then says ``rank_drop_checked: False`` and why, ``rank_drop_note``,
   and never claims "no rank drop").

Vectors with more than :data:`LARGE_TERMS` terms in all are returned as
:class:`PolyVectors` (``fmpz_mpoly`` coordinates, converted to sympy only on request) instead
of sympy lists.
"""
from __future__ import annotations

import random
import time

import sympy as sp

from .._errors import CheckFailedError
from ..algebra._interpolate import PRIMES, modular_nullity, nullspace_interpolate, primes_list
from ..algebra._pencil import PencilNotApplicable, nullspace_pencil
from ..algebra._polys import factor_fmpz_mpoly
from ..algebra._linalg import block_split, nullspace_exact, rank_evaluator
from ..algebra._linalg_ring import NotPolynomialError, PolyMatrix, certify_nullvectors, nullspace_ring
from ..algebra._homogeneity import dehomogenize, elimination_choice, rehomogenize, row_degrees
from ._symmetry import certify_sector, detect_symmetries, expand_solution, invariant_basis, reduce_to_sector
from .._log import LOGGER

__all__ = ["solve_generator", "exact_solve_size", "KERNELS", "PolyVectors", "LARGE_TERMS", "REDUCTIONS"]

REDUCTIONS = ("homogeneity", "prime_check", "scaling")  # the engine's optional reductions (all on by default)

KERNELS = {"exact-ring": nullspace_ring, "exact-interpolate": nullspace_interpolate}
LARGE_TERMS = 50_000  # above this many terms in all: no sympy conversion
RANK_DROP_TERMS = 5_000  # trace coordinates with more terms: rank-drop test deferred (large) or skipped
RANK_DROP_SEED = 20240611  # random points of a deferred rank-drop test
PENCIL = "exact-interpolate (pencil)"


class PolyVectors(list):
    """Certified null vectors as lists of ``fmpz_mpoly`` in ``gens`` (sympy only via :meth:`to_sympy`)."""

    def __init__(self, vectors, gens):
        super().__init__(vectors)
        self.gens = tuple(gens)

    def to_sympy(self) -> list:
        from ..algebra._linalg_ring import _to_expr
        return [[_to_expr(e, self.gens) for e in v] for v in self]

    def terms(self) -> int:
        return sum(len(e) for v in self for e in v)


def _kernel(method: str, sub: PolyMatrix, info: dict, reductions=REDUCTIONS):
    """``(vectors, kernel that ran)``; ``exact`` tries the pencil, interpolation, then the ring.

    ``"prime_check" in reductions``: the pencil kernel runs one prime at a time on all workers
    and stops adding primes when one probe on a fresh prime agrees with the CRT candidate (of
    the vector divided by its guessed integer content), :mod:`~symbolic_ness.algebra._pencil_primes`;
    otherwise the previous schedule (primes in parallel, stop when a Garner digit is small).
    """
    if method == "exact-interpolate":
        return nullspace_interpolate(sub, info=info.setdefault("interpolate", {})), method
    if method in KERNELS:
        return KERNELS[method](sub), method
    if not sub.is_constant():
        try:
            return nullspace_pencil(sub, info=info.setdefault("pencil", {}),
                                    prime_check="prime_check" in reductions,
                                    scaling="scaling" in reductions), PENCIL
        except PencilNotApplicable as e:
            info.setdefault("pencil", {})["declined"] = str(e)
        except CheckFailedError as e:
            info.setdefault("pencil", {})["failed"] = str(e)
    try:
        return nullspace_interpolate(sub, info=info.setdefault("interpolate", {})), "exact-interpolate"
    except CheckFailedError:
        return nullspace_ring(sub), "exact-ring"


def _reduced_kernel(method: str, sub: PolyMatrix, info: dict, reductions) -> tuple:
    """:func:`_kernel` for a nullity-1 block, through the scale-homogeneity reduction when it applies.

    The reduction (:mod:`~symbolic_ness.algebra._homogeneity`) is used only when the engine
    proves every row of ``sub`` homogeneous; ``info["reductions"]`` records what was used and
    why (or why not). The caller certifies the restored vector on the full generator.
    """
    rec = info.setdefault("reductions", [])
    if "homogeneity" not in reductions:
        rec.append({"name": "homogeneity", "used": False, "why": "disabled (not in reductions)"})
        return _kernel(method, sub, info, reductions)
    degs = row_degrees(sub) if not sub.is_constant() else None
    if degs is None:
        why = ("constant block" if sub.is_constant() else
               "a row of the solved block mixes total degrees (e.g. a fixed numeric energy scale)")
        rec.append({"name": "homogeneity", "used": False, "why": why})
        return _kernel(method, sub, info, reductions)
    t = time.perf_counter()
    k = elimination_choice(sub)
    red = dehomogenize(sub, k)
    info["timings"]["homogeneity_reduce"] = round(time.perf_counter() - t, 6)
    info["solved_in"] = [str(g) for g in red.gens]
    ys, name = _kernel(method, red, info, reductions)
    t = time.perf_counter()
    xs = [rehomogenize(y, k, sub.gens) for y in ys]
    info["timings"]["homogeneity_restore"] = round(time.perf_counter() - t, 6)
    deg = max((e.total_degree() for e in xs[0] if not e.is_zero()), default=0) if xs else 0
    rec.append({"name": "homogeneity", "used": True, "eliminated": str(sub.gens[k]),
                "why": (f"every row of the {sub.nrows}x{sub.ncols} solved block is homogeneous "
                        f"(row degrees {sorted(set(degs))}): L(lambda p) = lambda L(p) up to row scaling; "
                        f"solved at {sub.gens[k]} = 1 and restored to total degree {deg}"),
                "choice": (f"{sub.gens[k]}: largest a-priori degree bound among the variables "
                           "(non-affine variables first, keeping an affine pencil variable)")})
    return xs, name


def _generator_dok(model) -> tuple:
    """``(dok, N, D)``: the non-zero entries of the real-basis generator of ``model``, its size and
    the congruence that removed square roots (``None`` if none)."""
    from ._liouvillian import rational_generator
    M, D = rational_generator(model)
    return {k: v for k, v in M.todok().items() if v != 0}, M.shape[0], D


def _blocks(pm: PolyMatrix, N: int) -> tuple:
    """``(rng, blocks, nullities)``: the connected blocks of the pattern and their nullities at a
    random point modulo a prime, from the engine's fixed seed (the solve and :func:`exact_solve_size`
    see the same blocks; the solve goes on drawing from ``rng``)."""
    rng = random.Random(12345)
    blocks = block_split(pm.pattern(), N)
    return rng, blocks, [modular_nullity(pm.submatrix(b), rng) for b in blocks]


def _trace_sector(model, dok, pm) -> tuple:
    """``(symmetries, B, P, red, sector)``: the weak symmetries of ``model`` (qubits: signed
    permutations of Pauli strings; other sites: U(1) charges), their invariant basis, the
    generator reduced to it and the block of the reduced matrix that contains the trace coordinate."""
    if model.is_qubits:
        syms = detect_symmetries(dok, model.n) if model.n <= 6 else []
        B, P = invariant_basis(syms, model.n)
    else:  # sites of any dimension: conserved U(1) charges (e.g. Jaynes-Cummings excitations)
        from ._charges import detect_charges
        syms = detect_charges(model)
        B, P = invariant_basis(syms, model.dims)
    red = reduce_to_sector(pm, B, P)
    sector = next(b for b in block_split(red.pattern(), red.nrows) if 0 in b)
    return syms, B, P, red, sector


def exact_solve_size(model) -> int:
    r"""Unknowns of the largest block the exact engine solves for ``model`` (before any kernel runs).

    The same stages as :func:`solve_generator` up to the choice of kernel: the real-basis
    generator (cached on disk), its connected blocks and their nullities at a random point
    modulo a 62-bit prime; for a unique steady state the trace sector of the weak symmetries,
    otherwise the largest block with a null space. Used by the engine choice (a threshold in one
    symbol is solved exactly when this is small) — it costs a few seconds at 5 qubits.

    Parameters
    ----------
    model : Model
        The open system (its parameters are the symbols).

    Returns
    -------
    int
        The number of unknowns; the full dimension :math:`N` when the generator is not
        polynomial in the parameters (square roots, complex numbers: the field kernel).

    Examples
    --------
    >>> import sympy as sp
    >>> from symbolic_ness import Model, Jump, embed, sigma_minus, sigma_x, sigma_z
    >>> g = sp.Symbol("g", positive=True)
    >>> Z, X = [embed(sigma_z(), i, 2) for i in range(2)], [embed(sigma_x(), i, 2) for i in range(2)]
    >>> m = Model(2, g * Z[0] * Z[1] + X[0] + X[1], jumps=[Jump(embed(sigma_minus(), i, 2), 1) for i in range(2)])
    >>> exact_solve_size(m)       # 16 Pauli coordinates; the weak symmetries leave a trace sector of 9
    9
    """
    t = time.perf_counter()
    LOGGER.info("exact engine: sizing the exact solve (generator, blocks, symmetry sector) ...")
    dok, N, _ = _generator_dok(model)
    try:
        pm = PolyMatrix.from_dok(dok, N, gens=model.parameters)
    except NotPolynomialError:
        return N
    _, blocks, nul = _blocks(pm, N)
    if sum(nul) == 1 and 0 in blocks[nul.index(1)]:
        size = len(_trace_sector(model, dok, pm)[4])
    else:
        size = max((len(b) for b, d in zip(blocks, nul) if d), default=N)
    LOGGER.info("exact engine: the exact solve has %d unknowns (sized in %.2f s)", size, time.perf_counter() - t)
    return size


def _primitive_expansion(x: list) -> list:
    """``x = B c`` for a primitive ``c`` made primitive: only the integer content can be common.

    ``B_{P,:}`` is diagonal (:func:`~symbolic_ness.core._symmetry.invariant_basis`), so every
    :math:`c_k` times a non-zero integer is a coordinate of :math:`x`: a polynomial dividing all
    coordinates divides all :math:`c_k`, hence is constant. The result equals
    :func:`~symbolic_ness.algebra._linalg_ring.normalize_vector` ``(x)`` (same sign convention).
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


def solve_generator(model, method: str = "exact", use_symmetry: bool = True,
                    reductions: tuple = REDUCTIONS) -> dict:
    r"""Certified null vectors of the real-basis generator of ``model`` (Pauli strings for qubits,
    the real matrix-unit basis for other sites) and a record of the stages.

    Parameters
    ----------
    model : Model
        The open system; its parameters are the symbols of the vectors.
    method : str
        ``"exact"`` (kernel per block, see the module docstring), ``"exact-interpolate"``,
        ``"exact-ring"`` or ``"exact-field"``.
    use_symmetry : bool
        Solve only the trace sector of the weak symmetries when the nullity is 1.
    reductions : tuple of str
        The optional reductions to try (subset of :data:`REDUCTIONS`; ``()`` = none, the
        previous engine path): ``"homogeneity"`` (scale homogeneity, one symbol fewer) and
        ``"prime_check"`` (pencil primes stopped by one probe on a fresh prime, integer content
        divided out first). The certified vectors do not depend on it.

    Returns
    -------
    dict
        ``vectors`` (sympy lists, or :class:`PolyVectors` above :data:`LARGE_TERMS` terms),
        ``method``, ``nullity``, ``symmetries``, ``rank_drop``, ``timings`` (seconds per stage),
        ``reductions`` (homogeneity: used and why, per solved block) and ``reconstruction``
        (kernel, variables, probes per prime, primes, degrees, terms, and ``prime_check``: used,
        why, probes, content divided).

    Examples
    --------
    >>> import sympy as sp
    >>> from symbolic_ness import Model, Jump, sigma_minus, sigma_x
    >>> g, k = sp.symbols("g kappa", positive=True)
    >>> rec = solve_generator(Model(1, g * sigma_x(), jumps=[Jump(sigma_minus(), k)]))
    >>> rec["nullity"], rec["method"]
    (1, 'exact-interpolate (pencil)')
    >>> rec["reconstruction"]["prime_check"]["used"], rec["reconstruction"]["primes"]
    (True, 1)
    """
    t_all = time.perf_counter()
    timings: dict = {}

    def tick(name, t0):
        timings[name] = round(time.perf_counter() - t0, 6)
        LOGGER.info("exact engine: %s done in %.2f s", name, timings[name])
        return time.perf_counter()

    t = time.perf_counter()
    dok, N, D = _generator_dok(model)  # D: congruence rho = D rho' D removing square roots (or None)
    t = tick("liouvillian", t)
    rec = {"symmetries": [], "rank_drop": [], "timings": timings, "reductions": []}
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
    rng, blocks, nul = _blocks(pm, N)
    total = sum(nul)
    t = tick("rank", t)
    ran = set()
    vectors = []
    sector_certified = False
    if total == 1 and use_symmetry and 0 in blocks[nul.index(1)]:
        syms, B, P, red, sector = _trace_sector(model, dok, pm)
        sub = red.submatrix(sector)
        if modular_nullity(sub, rng) != 1:
            raise CheckFailedError("symmetry sector: nullity of the trace sector is not 1")
        rec["symmetries"] = [s.name for s in syms]
        rec["sector_size"] = len(sector)
        t = tick("symmetry", t)
        cs, k = _reduced_kernel(method, sub, rec, reductions)
        ran.add(k)
        t = tick("solve", t)
        # certificate: sub c = 0 (the kernels certify on their input; a vector restored by the
        # homogeneity reduction is certified here) and the sector argument of certify_sector
        if rec["reductions"] and rec["reductions"][-1].get("used"):
            certify_nullvectors(sub, cs)
        certify_sector(pm, B, P, red, sector)
        rec["certificate"] = ("sector: sub c = 0 exactly on the solved block, M B = B Q exactly for its "
                              "columns, block decoupled (core._symmetry.certify_sector)")
        c = [pm.ctx.from_dict({}) for _ in range(red.ncols)]
        for a, e in zip(sector, cs[0]):
            c[a] = e
        vectors = [_primitive_expansion(expand_solution(B, c, N, pm.ctx))]
        sector_certified = True
    else:
        for b, d in zip(blocks, nul):
            if d == 0:
                continue
            sb = pm.submatrix(b)
            ws, k = (_reduced_kernel(method, sb, rec, reductions) if d == 1
                     else _kernel(method, sb, rec, reductions))
            ran.add(k)
            for w in ws:
                full = [pm.ctx.from_dict({}) for _ in range(N)]
                for a, e in zip(b, w):
                    full[a] = e
                vectors.append(full)
        t = tick("solve", t)
    if not sector_certified:
        certify_nullvectors(pm, vectors)
        rec["certificate"] = "full: M x = 0 exactly on the full generator"
    if len(vectors) != total:
        raise CheckFailedError(f"nullity not confirmed: {len(vectors)} certified null vectors, "
                               f"nullity {total} at a random point")
    t = tick("certify", t)
    large = sum(len(e) for v in vectors for e in v) > LARGE_TERMS
    out = PolyVectors(vectors, pm.gens) if large else pm.to_sympy(vectors)
    t = tick("to_sympy", t)  # (was counted in rank_drop)
    if len(vectors) == 1:
        if len(vectors[0][0]) > RANK_DROP_TERMS and large and D is None:
            rec["rank_drop_deferred"] = True  # SteadyState.rank_drop runs rank_drop_locus on first access
        elif len(vectors[0][0]) > RANK_DROP_TERMS:
            rec["rank_drop_checked"] = False
            rec["rank_drop_note"] = (f"rank drop not checked (trace coordinate has {len(vectors[0][0])} terms; "
                                     "factoring it is skipped)")
        else:
            rec["rank_drop"], untested = _rank_drop(pm, vectors[0][0], rng)
            if untested:
                rec["rank_drop_checked"] = False
                rec["rank_drop_note"] = _untested_note(untested)
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
    rec["reconstruction"] = _report(name, pen, rec.pop("interpolate", {}), rec.pop("solved_in", None),
                                    vectors, pm.gens, rec.get("sector_size"))
    if "certificate" in rec:
        rec["reconstruction"]["certificate"] = rec.pop("certificate")
    return {**rec, "vectors": out, "method": name, "nullity": len(vectors)}


def _report(kernel: str, pen: dict, interp: dict, solved_in, vectors, gens, sector) -> dict:
    """What the reconstruction did: variables, probes (lines) per prime, primes, degrees, terms.

    ``vector`` describes the certified null vector(s) in all symbols (terms, total degree,
    degree per symbol); ``pencil`` / ``interpolation`` the kernel that ran, on the variables
    ``solved_in`` (one fewer than ``symbols`` when the homogeneity reduction was used).
    """
    out = {"kernel": kernel, "symbols": [str(g) for g in gens],
           "solved_in": solved_in if solved_in is not None else [str(g) for g in gens]}
    if sector is not None:
        out["sector_size"] = sector
    if pen.get("kernel") == "pencil" and "primes" in pen:
        per = pen.get("timings", {}).get("per_prime", [])
        out["pencil"] = {"variable": pen["pencil_variable"], "degrees": dict(pen["degrees"]),
                         "total_degree": pen["total_degree"], "mirrored": list(pen.get("mirrored", [])),
                         "lines_per_prime": pen["lines_per_prime"], "primes": pen["primes"],
                         "workers": pen.get("workers", 1), "per_prime_seconds": [dict(x) for x in per],
                         "resumed_primes": pen.get("resumed_primes", 0)}
        out["probes_per_prime"], out["primes"] = pen["lines_per_prime"], pen["primes"]
        out["prime_check"] = _prime_check_report(pen)
        out["scaling"] = _scaling_report(pen.get("scaling", {}))
    elif interp.get("primes"):
        out["interpolation"] = {k: interp[k] for k in ("D", "lines", "evaluations", "primes") if k in interp}
        out["probes_per_prime"] = interp.get("lines", 0) // max(interp["primes"], 1)
        out["primes"] = interp["primes"]
    for key in ("declined", "failed"):
        if key in pen:
            out[f"pencil_{key}"] = pen[key]
    s = len(gens)
    vec = []
    for v in vectors:
        nz = [e for e in v if not e.is_zero()]
        degs = [max((int(e.degrees()[k]) for e in nz), default=0) for k in range(s)]
        vec.append({"terms": sum(len(e) for e in nz),
                    "total_degree": max((int(e.total_degree()) for e in nz), default=0) if s else 0,
                    "degrees": {str(g): d for g, d in zip(gens, degs)}})
    out["vectors"] = vec
    return out


def _scaling_report(sc: dict) -> dict:
    """Whether the pencil kernel reconstructed :math:`x(s\\circ p)` instead of :math:`x`, and why."""
    if not sc or sc.get("why") == "disabled":
        return {"used": False, "why": "disabled (not in reductions)"}
    before, after = sc["bound_bits"]
    if not sc["used"]:
        return {"used": False, "why": (f"no scaling p -> s p (s from 2, 3 and the small primes of the "
                                       f"coefficients) lowers the Leibniz coefficient bound ({before:g} bits) "
                                       "by 16 bits or more")}
    return {"used": True, "scales": dict(sc["scales"]),
            "why": (f"reconstructed x(s p) (Leibniz coefficient bound {before:g} -> {after:g} bits: fewer "
                    "primes) and restored x exactly while building it (algebra._scaling)")}


def _prime_check_report(pen: dict) -> dict:
    """How the pencil kernel decided how many primes to use (``used``, ``why``, probes, content)."""
    if not pen.get("prime_check"):
        return {"used": False, "why": "disabled (not in reductions): primes in parallel batches until a "
                                      "Garner digit is small"}
    chk = pen.get("check", {})
    out = {"used": True, "why": ("one prime at a time on all workers; after each, one pencil line on the "
                                 "next prime is compared with the CRT candidate (no further full prime "
                                 "when it agrees; the exact certificate decides)"),
           "probes": chk.get("probes", 0), "passed": chk.get("passed", 0), "seconds": chk.get("seconds", 0.0)}
    if pen.get("content_divided"):
        c = int(pen["content_divided"])
        out["content_divided_bits"] = c.bit_length()
        out["content_why"] = (f"the vector's integer content (~2^{c.bit_length() - 1}, guessed from exact "
                              "integer adjugates and rational reconstruction) was divided out before the "
                              "CRT: fewer primes")
    return out


def rank_drop_locus(model, trace) -> tuple:
    """``(found, note)``: :func:`_rank_drop` for ``model`` whose certified null vector has the
    trace coordinate ``trace`` (``fmpz_mpoly`` in ``model.parameters``; the generator is rebuilt
    from the model) and the assumption naming the untested factors (``None`` if none). Runs when
    the rank-drop test of a large result was deferred (``rank_drop_deferred`` in the record) and
    ``SteadyState.rank_drop`` is first read."""
    dok, N, _ = _generator_dok(model)
    pm = PolyMatrix.from_dok(dok, N, gens=model.parameters)
    found, untested = _rank_drop(pm, trace, random.Random(RANK_DROP_SEED))
    return tuple(found), (_untested_note(untested) if untested else None)


def _untested_note(untested) -> str:
    """The assumption naming rank-drop candidates on which no point was found."""
    return ("rank drop not tested on " + ", ".join(map(_short, untested))
            + " (no point of it found modulo the test primes)")


def _short(expr) -> str:
    """``str(expr)``, or its size when that is long (a note stays one readable line)."""
    text = str(expr)
    if len(text) <= 200:
        return text
    return f"a factor of total degree {sp.Poly(expr).total_degree()} with {len(sp.Add.make_args(expr))} terms"


def _points_on(f, s: int, p: int, rng, want: int = 2, tries: int = 24) -> list:
    """Up to ``want`` random points modulo ``p`` on the hypersurface ``f = 0``: the other
    variables at random values, the one of lowest positive degree a random root of the
    univariate residue (``nmod_poly.roots``; a random univariate polynomial has a root modulo
    ``p`` with probability about 0.63, so ``tries`` attempts rarely all fail)."""
    from flint import nmod_poly
    degs = [int(d) for d in f.degrees()]
    k = min((j for j in range(s) if degs[j] > 0), key=lambda j: degs[j])
    terms = f.to_dict()
    pts = []
    for _ in range(tries):
        pt = [rng.randrange(1, p) for _ in range(s)]
        co = [0] * (degs[k] + 1)
        for m, c in terms.items():
            t = int(c) % p
            for j, e in enumerate(m):
                if j != k and e:
                    t = t * pow(pt[j], int(e), p) % p
            co[int(m[k])] = (co[int(m[k])] + t) % p
        u = nmod_poly(co, p)
        if u.degree() < 1:
            continue
        roots = [int(r) for r, _ in u.roots()]
        if roots:
            pt[k] = rng.choice(roots)
            pts.append(pt)
            if len(pts) == want:
                break
    return pts


def _rank_drop(pm: PolyMatrix, trace, rng) -> tuple:
    """``(found, untested)``: irreducible factors ``f`` of the trace coordinate, of the row
    contents divided out of the generator (a row that vanishes on ``f = 0``) and the parameters,
    with a larger null space at two random points of ``f = 0`` modulo a prime (one in one
    variable; tested on the generator with its row contents restored,
    :meth:`PolyMatrix.original`), and the factors on which no point was found or that could not
    be factored and did not drop (sympy, reported, never dropped in silence)."""
    s = len(pm.gens)
    if s == 0:  # no parameters: nothing to vary
        return [], []
    cands, unfactored = [], []
    for poly in [trace] + list(pm.contents.values()):
        if poly.is_constant():
            continue
        try:
            new = [f for f, _ in factor_fmpz_mpoly(poly)[1]]
        except OverflowError:  # python-flint 0.9 sort-key overflow on huge coefficients (several
            new = [poly]       # variables): tested unfactored, reported as untested unless it drops
            unfactored.append(poly)
        cands += [f for f in new if all(not (f - c).is_zero() and not (f + c).is_zero() for c in cands)]
    gens = pm.ctx.gens()
    for g in gens:
        if all(not (g - f).is_zero() and not (g + f).is_zero() for f in cands):
            cands.append(g)
    # one variable: the roots of an irreducible factor are conjugate, one point decides; no random
    # choice but the prime: a degree-d factor has a root modulo at least a fraction 1/d of the
    # primes (Chebotarev), tried on up to 32 of them
    primes, want = ([PRIMES[1]], 2) if s > 1 else (primes_list(33)[1:], 1)
    evaluators: dict = {}
    out, untested = [], []
    for f in cands:
        hits, seen = 0, 0
        for p in primes:
            pts = _points_on(f, s, p, rng, want=want - seen, tries=24 if s > 1 else 1)
            if pts and p not in evaluators:
                evaluators[p] = rank_evaluator(pm.original(), p)  # per block (no 4^n x 4^n dense rank)
            for pt in pts:
                seen += 1
                hits += pm.ncols - evaluators[p](pt) > 1
            if seen == want:
                break
        if hits == want:
            out.append(pm.to_sympy([[f]])[0][0])
        elif seen < want or any(f is u for u in unfactored):
            untested.append(pm.to_sympy([[f]])[0][0])
    key = sp.default_sort_key
    return sorted(out, key=key), sorted(untested, key=key)
