r"""Adjugate-pencil kernel: the one-dimensional null space of a parameter matrix with affine entries.

For :math:`A(p)\in\mathbb Z[p_1,\dots,p_s]^{n\times N}` of generic nullity 1, choose
:math:`N-1` rows that are independent at a random point and border them with a constant
integer row :math:`c`: :math:`M=[c;A_{\text{rows}}]`. The cofactors along the border row,
:math:`x=\operatorname{adj}(M)e_0=\det(M)M^{-1}e_0` (signed maximal minors of the kept
rows), do not depend on :math:`c`; :math:`x\in\mathbb Z[p]^N` is a polynomial null vector
(:math:`A_{\text{rows}}x=0`, and the other rows are combinations of the kept rows).

**Pencils.** If every entry has degree :math:`\le 1` in a variable :math:`v`, then along a
line :math:`v=\sigma+s` (the other variables fixed) :math:`M(s)=M_0+sB` and, with
:math:`K=-M_0^{-1}B` and :math:`\chi(\lambda)=\det(\lambda I-K)=\sum_k a_k\lambda^k`,

.. math:: x(s)=\det(M_0)\,\operatorname{adj}(I-sK)\,M_0^{-1}e_0
          =\det(M_0)\sum_{e\ge0}s^e u_{N-1-e},\qquad
          u_{N-1}=y,\ u_{k-1}=Ku_k+a_ky,\ y=M_0^{-1}e_0,

i.e. the whole univariate vector :math:`x(s)` modulo a prime from one solve
:math:`M_0[Z\,|\,y]=[B\,|\,e_0]` (:math:`K=-Z`; the right-hand side is built once per prime
when :math:`B` is constant), one determinant, one characteristic polynomial and
:math:`\deg_v x` matrix–vector products (``nmod_mat``, each copied once into the result).

**Interpolation.** The coefficients of :math:`v^e` are interpolated in the other variables
on a lower set of tensor nodes (:func:`~symbolic_ness.algebra._nmod_array.lowerset_interpolate`)
with degree bounds discovered on random lines (pencils in each affine variable and, when all
entries are jointly affine, along random directions; a-priori row bounds otherwise), the
Taylor shift :math:`s\to v-\sigma` is applied once, and the primes (62-bit, optionally in
two processes) are combined by Garner's mixed-radix CRT with balanced digits (the
symmetric residues). Primes are added until one probe on a fresh prime agrees with the CRT
candidate of the vector or of the vector divided by its guessed integer content
(``prime_check=True``, :mod:`~symbolic_ness.algebra._pencil_primes`; previously: until the
last digit is tiny) or their product exceeds twice the Leibniz bound :math:`\prod_i\sum_j\|A_{ij}\|_1` of the
minors' coefficients; then the vector is made primitive and **certified** by the exact check :math:`Ax=0` in
``fmpz_mpoly`` (:func:`~symbolic_ness.algebra._linalg_ring.certify_nullvectors`). A wrong
degree bound or an unlucky prime can only make the certificate fail (then more primes, and
finally :class:`~symbolic_ness._errors.CheckFailedError`), never return a wrong vector.

**Mirror symmetries** (hypotheses read at two random points; a false one can only fail the
certificate). If :math:`x_i(\dots,-p_q,\dots,\pm v)=\pi_i x_i(\dots,p_q,\dots,v)` with
signs :math:`\pi_i`, every monomial :math:`p_q^bv^e` of :math:`x_i` has a known parity of
:math:`b`, so the coefficients are interpolated in :math:`p_q^2` after dividing the odd
columns by the node :math:`p_q` (half the nodes in :math:`p_q`: half the lines and a
quarter of that interpolation work).

**Primitive part.** The integer content is divided out. The polynomial content :math:`g` is
shown to be constant variable by variable: at an integer point :math:`q` of the other
variables where the leading coefficient in :math:`v` of a non-zero coordinate does not
vanish, :math:`\deg_v g(v,q)=\deg_v g`, and :math:`g(v,q)` divides the univariate gcd of
:math:`x_{\text{ref}}(v,q)` and :math:`w(v,q)`, :math:`w=\sum_ic_ix_i` (random integers
:math:`c_i`; :math:`g` divides every :math:`x_i`, hence :math:`w`); a constant gcd proves
:math:`\deg_vg=0`. Otherwise the full
``fmpz_mpoly`` gcd is divided out (:func:`~symbolic_ness.algebra._linalg_ring.normalize_vector`,
whose sign convention is used in both cases).

The kernel *declines* (:class:`PencilNotApplicable`) matrices of nullity :math:`\ne 1` at a
random point, constant matrices, and matrices with no variable of degree :math:`\le 1` in
every entry. Workers: ``SYMBOLIC_NESS_WORKERS`` (default: up to 2 processes for large
problems, 1 otherwise); the result does not depend on it.

>>> import sympy as sp
>>> a, b = sp.symbols("a b", positive=True)
>>> from symbolic_ness.algebra._linalg_ring import PolyMatrix
>>> pm = PolyMatrix.from_dok({(0, 0): -a, (0, 1): b, (1, 0): a, (1, 1): -b}, 2)
>>> pm.to_sympy(nullspace_pencil(pm))
[[b, a]]
"""
from __future__ import annotations

import contextlib
import contextvars
import os
import sys
import random
import time

import numpy as np

from .._errors import CheckFailedError, PencilNotApplicable
from ._interpolate import PRIMES, primes_list
from ._linalg_ring import PolyMatrix, certify_nullvectors
from ._nmod_array import from_nmod
from ._scaling import choose_scaling, scaled_matrix
from ._pencil_build import _build, _build_plan, _primitive
from ._checkpoint import SAVE_SECONDS, PrimeCheckpoint
from ._pencil_primes import (garner_extend, _line, _lower_set, _Mats, _prime_job, checked_candidate,
                             prime_residues, release_buffers, shared_buffers, value_content)
from .._log import LOGGER, staged

__all__ = ["nullspace_pencil", "PencilNotApplicable", "pencil_executor"]

_FORK_TERMS = 200_000  # from this many terms the certificate runs in a forked child next to the primitive part
_EXECUTOR: contextvars.ContextVar = contextvars.ContextVar("symbolic_ness_pencil_executor", default=None)


@contextlib.contextmanager
def pencil_executor(executor, workers: int):
    r"""Run the pencil kernel's per-prime work on ``executor`` inside the ``with`` block.

    By default the kernel forks up to two local worker processes for large problems
    (``SYMBOLIC_NESS_WORKERS``) and exchanges the probe rows through shared memory. Inside this
    context it uses ``executor`` instead — any :class:`concurrent.futures.Executor` whose
    ``submit``/``map`` pickle their arguments, e.g. a Dask cluster's
    ``client.get_executor()`` or a ``ProcessPoolExecutor`` — with ``workers`` chunks (the lines
    of one prime split in ``workers`` parts, or ``workers`` primes at once when a prime has few
    lines); arrays travel as pickles. The executor is not shut down. The certified result does
    not depend on it (``info["executor"]`` says it ran).

    Parameters
    ----------
    executor : concurrent.futures.Executor
        Where the prime jobs run.
    workers : int
        Number of chunks per stage (>= 1), normally the executor's number of worker processes.

    Returns
    -------
    contextlib.AbstractContextManager
        Yields ``executor``; on exit the kernel's default workers apply again.

    Raises
    ------
    ValueError
        ``workers`` not an integer >= 1.

    Examples
    --------
    >>> from concurrent.futures import ThreadPoolExecutor
    >>> import sympy as sp
    >>> from symbolic_ness.algebra import PolyMatrix
    >>> a, b = sp.symbols("a b", positive=True)
    >>> pm = PolyMatrix.from_dok({(0, 0): -a, (0, 1): b, (1, 0): a, (1, 1): -b}, 2)
    >>> info = {}
    >>> with ThreadPoolExecutor(2) as ex, pencil_executor(ex, 2):
    ...     x = nullspace_pencil(pm, info=info)
    >>> pm.to_sympy(x), info["executor"]
    ([[b, a]], 'ThreadPoolExecutor')
    """
    if not isinstance(workers, int) or isinstance(workers, bool) or workers < 1:
        raise ValueError(f"pencil_executor: workers must be an integer >= 1, got {workers!r}")
    token = _EXECUTOR.set((executor, workers))
    try:
        yield executor
    finally:
        _EXECUTOR.reset(token)


def _mirror_signs(mats: _Mats, s: int, k: int, v, rng):
    """Signs ``pi`` with ``x(sigma q) = pi * x(q)`` at two random points, ``sigma`` flipping variable
    ``k`` (and ``v`` if given), or ``None``. A hypothesis only: the certificate checks the result."""
    p = mats.p
    pi = None
    for _ in range(2):
        pt = [rng.randrange(1, p - 1) for _ in range(s)]
        spt = list(pt)
        spt[k] = p - pt[k]
        if v is not None:
            spt[v] = p - pt[v]
        d = [1 if j == k else 0 for j in range(s)]
        a, b = _line(mats, pt, d, 0, 1), _line(mats, spt, d, 0, 1)
        if a is None or b is None:
            return None
        a, b = a[:, 0], b[:, 0]
        plus, minus = a == b, (a + b) % np.uint64(p) == 0
        if not (plus | minus).all():
            return None
        cur = np.where(plus, 1, -1)
        nz = a != 0
        if pi is not None and (pi[nz] != cur[nz]).any():
            return None
        pi = cur if pi is None else np.where(nz, cur, pi)
    return pi.tolist()


def _degree(cols: np.ndarray) -> int:
    nz = np.nonzero(cols.any(axis=0))[0]
    return int(nz[-1]) if len(nz) else -1


# --------------------------------------------------------------------------- set-up
def _spec_of(pm: PolyMatrix, rows: list, border: list) -> dict:
    monos: dict = {}
    s = len(pm.gens)
    for k, i in enumerate(rows):
        for j, e in pm.rows.get(i, {}).items():
            for m, c in e.to_dict().items():
                monos.setdefault(tuple(int(x) for x in m)[:s], []).append((k + 1, j, int(c)))
    zero = (0,) * s
    monos.setdefault(zero, [])
    monos[zero] = monos[zero] + [(0, j, c) for j, c in enumerate(border)]
    return {"monos": monos, "N": pm.ncols, "s": s}


def _row_bounds(pm: PolyMatrix, rows: list, s: int):
    """Per-variable and total degree bounds of the maximal minors (sum over rows of row maxima)."""
    dv, dt = [0] * s, 0
    aff = [True] * s
    joint = True
    for i in rows:
        rm, rt = [0] * s, 0
        for e in pm.rows.get(i, {}).values():
            for m in e.to_dict():
                m = [int(x) for x in m][:s]
                rt = max(rt, sum(m))
                for k in range(s):
                    rm[k] = max(rm[k], m[k])
                    if m[k] > 1:
                        aff[k] = False
                if sum(m) > 1:
                    joint = False
        dt += rt
        for k in range(s):
            dv[k] += rm[k]
    return dv, dt, aff, joint


def _die_with_parent(parent: int) -> None:
    """Worker-process initializer: the worker never outlives the process that started it.

    A daemon thread checks once a second that the parent is alive and ends the worker if not
    (a worker re-parented to init after a ``kill -9`` of its parent). ``prctl(PR_SET_PDEATHSIG)``
    is not used: it fires when the parent *thread* that forked the worker ends, which would kill
    healthy workers of a pool created from a short-lived thread."""
    import threading
    if os.getppid() != parent:  # the parent died already
        os._exit(1)

    def watch():
        while True:
            time.sleep(1.0)
            if os.getppid() != parent:
                os._exit(1)
    threading.Thread(target=watch, daemon=True, name="symbolic-ness-parent-watch").start()


def _workers(work: int) -> int:
    env = os.environ.get("SYMBOLIC_NESS_WORKERS")
    if env:
        return max(1, int(env))
    return min(2, os.cpu_count() or 1) if work > 2_000_000 else 1


@staged("pencil kernel", lambda pm, *a, **k: {"unknowns": pm.ncols, "symbols": len(pm.gens)})
def nullspace_pencil(pm: PolyMatrix, seed: int = 20240611, max_primes: int = 128,
                     info: dict | None = None, prime_check: bool = True, scaling: bool = True,
                     resume: bool = True) -> list:
    r"""Certified primitive null vector :math:`x\in\mathbb Z[p]^N` of a nullity-1 matrix by adjugate pencils.

    Parameters
    ----------
    pm : PolyMatrix
        The matrix :math:`A(p)` over :math:`\mathbb Z[p_1,\dots,p_s]`, generic nullity 1, some
        variable of degree :math:`\le 1` in every entry.
    seed : int
        Seed of every random choice (the certified result does not depend on it).
    max_primes : int
        At most this many 62-bit primes.
    info : dict, optional
        Receives the pencil variable, degree bounds, lines (probes) per prime, primes, the
        prime-check counters, the content divided out and the stage timings.
    prime_check : bool
        ``True``: one prime at a time on all workers, stop when one probe on a fresh prime
        agrees with the CRT candidate of :math:`x` divided by its guessed integer content
        (:mod:`~symbolic_ness.algebra._pencil_primes`); ``False``: the previous schedule
        (primes in parallel batches until a Garner digit is small). Same result.
    scaling : bool
        ``True``: reconstruct :math:`x(s\circ p)` for the variable scaling :math:`s` that lowers
        the Leibniz coefficient bound (:mod:`~symbolic_ness.algebra._scaling`) and restore
        :math:`x` exactly while building it; ``False``: reconstruct :math:`x` itself. Same result.
    resume : bool
        ``True``: the residues of a prime that took at least
        :data:`~symbolic_ness.algebra._checkpoint.SAVE_SECONDS` are kept in the cache folder until
        the vector is certified, and a later run on the same matrix reads them instead of
        recomputing (:mod:`~symbolic_ness.algebra._checkpoint`; hypotheses only: if the
        certificate fails with resumed primes, they are discarded and the kernel runs again
        without them). ``info["resumed_primes"]`` counts them. Same result.

    Returns
    -------
    list
        ``[x]``, ``x`` a list of ``fmpz_mpoly`` (primitive, sign of
        :func:`~symbolic_ness.algebra._linalg_ring.normalize_vector`), certified :math:`Ax=0`.

    Raises
    ------
    PencilNotApplicable
        Outside the kernel's scope (see the module docstring).
    CheckFailedError
        If no reconstruction passes the exact certificate.

    Examples
    --------
    >>> import sympy as sp
    >>> from symbolic_ness.algebra._linalg_ring import PolyMatrix
    >>> g, k = sp.symbols("g kappa", positive=True)
    >>> pm = PolyMatrix.from_dok({(0, 0): -k, (0, 1): g, (1, 0): k, (1, 1): -g}, 2)
    >>> a, b = nullspace_pencil(pm, prime_check=False), nullspace_pencil(pm)
    >>> pm.to_sympy(b), a == b
    ([[g, kappa]], True)
    """
    info = {} if info is None else info
    try:
        return _nullspace_pencil(pm, seed, max_primes, info, prime_check, scaling, resume)
    except CheckFailedError:
        if not info.get("resumed_primes"):
            raise
    info.clear()  # a resumed prime was wrong (a tampered or stale entry): again without them
    info["resume_discarded"] = True
    return _nullspace_pencil(pm, seed, max_primes, info, prime_check, scaling, False)


def _stored(ck, p: int, spec: dict, nlines: int):
    """``(monomials, C)`` of the prime ``p`` from the checkpoint ``ck`` if it has the shape and the
    monomials of this specification, else ``None`` (a mismatching entry is removed)."""
    if ck is None:
        return None
    got = ck.load(p)
    if got is None:
        return None
    ms, C = got
    want = set(_lower_set(spec["caps"], spec["Do"], spec["weights"]))
    if C.shape != (nlines, spec["N"], spec["Dv"] + 1) or len(ms) != nlines or set(ms) != want:
        ck.discard()
        return None
    return ms, C


def _nullspace_pencil(pm: PolyMatrix, seed: int, max_primes: int, info: dict, prime_check: bool,
                      scaling: bool, resume: bool) -> list:
    """The kernel of :func:`nullspace_pencil` (one run; ``resume``: read and write stored primes)."""
    s, N = len(pm.gens), pm.ncols
    if s == 0 or pm.is_constant():
        raise PencilNotApplicable("constant matrix")
    t_start = time.perf_counter()
    rng = random.Random(seed)
    p0 = PRIMES[0]
    at0 = pm.evaluator(p0)
    A = at0([rng.randrange(1, p0 - 1) for _ in range(s)])
    if N - A.rank() != 1:
        raise PencilNotApplicable("nullity at a random point is not 1")
    R, rank = A.transpose().rref()
    rows, r = [], 0
    Rl = from_nmod(R)
    for c in range(A.nrows()):
        if r < rank and Rl[r, c] != 0:
            rows.append(c)
            r += 1
    if len(rows) != N - 1:
        raise PencilNotApplicable("row selection failed")
    sc = choose_scaling(pm, rows) if scaling else None
    work = scaled_matrix(pm, sc.scales) if sc is not None and sc.used else pm  # reconstructs x(s o p)
    info["scaling"] = ({"used": False, "why": "disabled"} if sc is None else
                       {"used": sc.used, "scales": {str(g): str(x) for g, x in zip(pm.gens, sc.scales)},
                        "bound_bits": [round(sc.before_bits, 1), round(sc.after_bits, 1)]})
    dv, dt, aff, joint = _row_bounds(work, rows, s)
    if not any(aff):
        raise PencilNotApplicable("no variable of degree <= 1 in every entry")
    spec = None
    for _ in range(5):
        border = [rng.randrange(1, 1 << 20) for _ in range(N)]
        spec = _spec_of(work, rows, border)
        mats = _Mats(spec, p0)
        if mats.at([rng.randrange(1, p0 - 1) for _ in range(s)]).rank() == N:
            break
    else:
        raise CheckFailedError("pencil: bordered matrix singular at random points")
    # ---- degree discovery on random lines (max over two lines)
    deg = list(dv)

    def probe(direction):
        """Max degree over two random lines (``None`` if a pencil is singular); one variable:
        one line is the whole polynomial modulo ``p0`` (its degree is the degree unless the
        leading coefficient vanishes modulo ``p0``, which a second line would not change)."""
        best = -1
        for _ in range(2 if s > 1 else 1):
            res = _line(mats, [rng.randrange(1, p0 - 1) for _ in range(s)], direction, rng.randrange(1, p0 - 1), N)
            if res is None:
                return None
            best = max(best, _degree(res))
        return best

    for k in range(s):
        if aff[k]:
            d = probe([1 if j == k else 0 for j in range(s)])
            if d is not None:
                deg[k] = d
    v = max((k for k in range(s) if aff[k]), key=lambda k: (deg[k], -k))
    others = [k for k in range(s) if k != v]
    Dtot = dt
    if joint:
        d = probe([rng.randrange(1, p0 - 1) for _ in range(s)])
        Dtot = d if d is not None else dt
    Do = min(Dtot, sum(deg[k] for k in others))
    if joint and others:
        d = probe([rng.randrange(1, p0 - 1) if k != v else 0 for k in range(s)])
        if d is not None:
            Do = min(Do, d)
    if min(deg) < 0 or Dtot < 0:
        raise CheckFailedError("pencil: zero adjugate column")
    # mirror symmetries x_i(.., -p_q, .., +-v) = pi_i x_i(.., p_q, .., v): interpolate in p_q^2
    sym = []
    for k in others:
        found = None
        if deg[k] > 0:
            for fv in (False, True):
                pi = _mirror_signs(mats, s, k, v if fv else None, rng)
                if pi is not None:
                    found = ([int(x < 0) for x in pi], fv)
                    break
        sym.append(found)
    weights = [2 if sm is not None else 1 for sm in sym]
    caps = [min(deg[k], Do) // w for k, w in zip(others, weights)]
    at_zero = [rng.randrange(1, p0 - 1) if k != v else 0 for k in range(s)]
    spec.update(v=v, others=others, caps=caps, weights=weights, sym=sym, Do=Do, Dv=deg[v], Dtot=Dtot, seed=seed,
                shift0=mats.at(at_zero).rank() == N)  # lines at v = 0 need no Taylor shift
    nlines = len(_lower_set(caps, Do, weights))
    info["lines_at_zero"] = spec["shift0"]
    info.update(kernel="pencil", pencil_variable=str(pm.gens[v]), degrees={str(g): d for g, d in zip(pm.gens, deg)},
                total_degree=Dtot, lines_per_prime=nlines, rows_kept=len(rows),
                mirrored=[str(pm.gens[k]) + (" (with " + str(pm.gens[v]) + ")" if sm[1] else "")
                          for k, sm in zip(others, sym) if sm is not None])
    timings = info.setdefault("timings", {})
    timings["setup"] = round(time.perf_counter() - t_start, 4)
    nw = _workers(nlines * N * N * (deg[v] + 1))
    # coefficient bound of the maximal minors (Leibniz: product of the rows' coefficient 1-norms):
    # once the primes' product exceeds twice it, more primes cannot help a failed certificate
    bits = sum(max(1, sum(abs(int(c)) for e in work.rows.get(i, {}).values() for c in e.coeffs())).bit_length()
               for i in rows)
    enough = min(max_primes, max(2, -(-(bits + 2) // 61)))
    plist = primes_list(enough + 1)  # one more for the last prime check
    info.update(coefficient_bound_bits=bits)
    ctx = pm.ctx
    residues, primes = [], []
    crt = None  # Garner digits of the residues so far (extended by each new prime)
    content = 1
    if prime_check and nlines >= 8:  # a multiple of the vector's integer content, from exact integer
        # adjugates (as costly as a few lines: only worth it when a prime has several lines)
        t = time.perf_counter()
        content = value_content(spec, seed, points=2)
        info["content"] = content
        timings["content"] = round(time.perf_counter() - t, 4)
    ck = PrimeCheckpoint(spec) if resume else None
    pool = None
    key = None
    external = _EXECUTOR.get()
    try:
        if external is not None:  # the caller's executor (pencil_executor): pickled arrays, not shut down
            pool, nw = external
            info["executor"] = type(pool).__name__
        elif nw > 1:
            if prime_check and nlines >= 4 * nw:  # probe rows and coefficients through shared memory
                key = shared_buffers(spec)
            pool = _local_pool(nw)
            if pool is None:  # no fork on this platform: one process
                nw = 1
        info["workers"] = nw
        info["prime_check"] = prime_check
        monos = None
        nxt = 0
        plan = None  # the build plan of the current support (see idle)

        def make_plan(support):
            t = time.perf_counter()
            out = _build_plan(support, monos, residues[0].shape, v, others, weights, sym, s,
                              sc.scales if work is not pm else None)
            timings["build_plan"] = round(timings.get("build_plan", 0) + time.perf_counter() - t, 4)
            return out

        def idle():
            """Runs here while the workers compute a further prime's lines: the build plan of the
            support known so far (a further prime rarely changes it; checked before the build)."""
            nonlocal plan
            if crt is not None and (plan is None or not np.array_equal(plan["pos"], crt[0])):
                plan = make_plan(crt[0])
        while nxt < enough:
            if pool is None and external is None and nw > 1:  # shut down for a forked certificate
                pool = _local_pool(nw)
            # with the check: one prime at a time, its lines and interpolation on all workers
            # (primes in parallel when a prime has too few lines to share)
            one = prime_check and nlines >= 4 * nw
            batch = plist[nxt:min(nxt + (1 if one else nw), enough)]
            nxt += len(batch)
            t = time.perf_counter()
            stored = {p: _stored(ck, p, spec, nlines) for p in batch}  # resumed from an earlier run
            todo = [p for p in batch if stored[p] is None]
            if not todo:
                computed = []
            elif one:
                computed = [prime_residues(spec, todo[0], pool, nw, key, idle=idle)]
            elif pool is not None:
                computed = list(pool.map(_prime_job, [spec] * len(todo), todo))
            else:
                computed = [_prime_job(spec, p) for p in todo]
            fresh = dict(zip(todo, computed))
            results = []
            for p in batch:
                if p in fresh:
                    ms, C, st = fresh[p]
                    if ck is not None and st["lines_s"] + st["interpolate_s"] >= SAVE_SECONDS:
                        ck.save(p, ms, C)
                    results.append(fresh[p])
                else:
                    info["resumed_primes"] = info.get("resumed_primes", 0) + 1
                    LOGGER.info("pencil kernel: prime %d resumed from the cache folder", p)
                    results.append((*stored[p], {"lines": 0, "lines_s": 0.0, "interpolate_s": 0.0}))
            timings["primes_wall"] = round(timings.get("primes_wall", 0) + time.perf_counter() - t, 4)
            for p, (ms, C, st) in zip(batch, results):
                if monos is None:
                    monos = ms
                order = _reorder(monos, ms)
                residues.append(C[order])
                primes.append(p)
                timings.setdefault("per_prime", []).append({k: round(x, 3) for k, x in st.items()})
            t = time.perf_counter()
            pos, digits = crt = garner_extend(crt, residues, primes)
            timings["crt"] = round(timings.get("crt", 0) + time.perf_counter() - t, 4)
            last = np.abs(digits[-1]).max() if digits[-1].size else 0
            stable = last == 0 or len(primes) >= enough
            if prime_check:
                if not stable:
                    ok, pos, digits = checked_candidate(spec, plist[nxt], residues, primes, pos, digits,
                                                        content, monos, seed, info)
                    if not ok:
                        continue
            elif len(primes) < 2 or not (stable or last < (primes[-1] >> 4)):
                continue
            t = time.perf_counter()
            if plan is None or not np.array_equal(plan["pos"], pos):
                plan = make_plan(pos)
            vec = _build(plan, digits, primes, ctx)
            timings["build"] = round(timings.get("build", 0) + time.perf_counter() - t, 4)
            if vec is None:
                continue
            large = sum(len(e) for e in vec) >= _FORK_TERMS
            if large and pool is not None and external is None:
                _close_pool(pool, interrupted=False)  # no worker threads left: the certificate may fork
                pool = None
            try:
                vec = _primitive_certified(pm, vec, ctx, timings, fork=large)
            except CheckFailedError:
                if stable:  # more primes cannot change it: wrong degree bounds or symmetry hypothesis
                    raise
                continue
            info["primes"] = len(primes)
            timings["total"] = round(time.perf_counter() - t_start, 4)
            if ck is not None:
                ck.discard()  # certified: the stored primes are not needed any more
            return [vec]
        raise CheckFailedError("pencil: no reconstruction passed the exact certificate")
    except CheckFailedError:
        if ck is not None and info.get("resumed_primes"):
            ck.discard()  # a resumed prime may be the wrong one: none of them is read again
        raise
    finally:
        if pool is not None and external is None:
            _close_pool(pool, interrupted=sys.exc_info()[0] is not None)
        if key is not None:
            release_buffers(key)


def _local_pool(nw: int):
    """``nw`` forked worker processes (``None`` where fork is not available)."""
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor
    try:
        return ProcessPoolExecutor(nw, mp_context=mp.get_context("fork"), initializer=_die_with_parent,
                                   initargs=(os.getpid(),))
    except ValueError:
        return None


def _primitive_certified(pm: PolyMatrix, vec: list, ctx, timings: dict, fork: bool) -> list:
    r"""The primitive part of ``vec`` once :math:`A\,\text{vec}=0` is certified exactly
    (:func:`~symbolic_ness.algebra._linalg_ring.certify_nullvectors`; the primitive part is a
    null vector iff ``vec`` is). With ``fork`` (a vector of at least :data:`_FORK_TERMS` terms), in
    a process without other threads, the certificate runs in a forked child (it inherits ``vec``; one byte
    back through a pipe) while this process computes the primitive part; a child that dies
    without an answer is replaced by the certificate here. Raises ``CheckFailedError``."""
    import threading
    t = time.perf_counter()
    pid = None
    if fork and hasattr(os, "fork") and threading.active_count() == 1:
        r, w = os.pipe()
        try:
            pid = os.fork()
        except OSError:
            os.close(r)
            os.close(w)
        if pid == 0:  # the child: certify, answer, leave without any clean-up of the parent's state
            status = 1
            try:
                os.close(r)
                try:
                    certify_nullvectors(pm, [vec])
                    answer = b"1"
                except CheckFailedError:
                    answer = b"0"
                os.write(w, answer)
                status = 0
            finally:
                os._exit(status)
    if pid is None:
        out = _primitive(vec, pm.gens, ctx)
        timings["primitive"] = round(timings.get("primitive", 0) + time.perf_counter() - t, 4)
        t = time.perf_counter()
        try:
            certify_nullvectors(pm, [out])
        finally:
            timings["certify"] = round(timings.get("certify", 0) + time.perf_counter() - t, 4)
        return out
    os.close(w)
    timings["certify_forked"] = timings.get("certify_forked", 0) + 1
    answer = b""
    try:
        out = _primitive(vec, pm.gens, ctx)
        timings["primitive"] = round(timings.get("primitive", 0) + time.perf_counter() - t, 4)
        t = time.perf_counter()
        answer = os.read(r, 1)
    except BaseException:
        try:
            os.kill(pid, 9)
        except OSError:
            pass
        raise
    finally:
        os.close(r)
        os.waitpid(pid, 0)
        timings["certify"] = round(timings.get("certify", 0) + time.perf_counter() - t, 4)
    if answer == b"0":
        raise CheckFailedError("certificate: reconstructed vector w does not satisfy A w = 0 exactly")
    if answer != b"1":  # the child died without an answer: certify here
        certify_nullvectors(pm, [out])
    return out


def _close_pool(pool, interrupted: bool) -> None:
    """Shut the worker pool down; when leaving by an exception (a time budget, Ctrl-C) do not
    wait for the running prime jobs: cancel the queued ones and terminate the workers."""
    if not interrupted:
        pool.shutdown()
        return
    procs = list(getattr(pool, "_processes", {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for proc in procs:
        try:
            proc.terminate()
        except (OSError, AttributeError, ValueError):
            pass


def _reorder(ref: list, ms: list):
    if ms is ref or ms == ref:
        return np.arange(len(ref))
    pos = {m: k for k, m in enumerate(ms)}
    return np.array([pos[m] for m in ref], dtype=np.int64)
