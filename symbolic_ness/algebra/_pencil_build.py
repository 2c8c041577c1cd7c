r"""Assembly of the pencil kernel's vector from its Garner digits (used by :mod:`~symbolic_ness.algebra._pencil`).

* :func:`_build_plan` — everything that depends only on the support (coordinate order, exponent
  tuples, restore factors of a scaled reconstruction, :mod:`~symbolic_ness.algebra._scaling`);
* :func:`_build` — the integer coefficients by the mixed radix (times the restore factors) and
  one ``fmpz_mpoly`` per coordinate;
* :func:`_primitive` — the primitive part with the proof that the polynomial content is constant
  (the mathematics is stated in :mod:`~symbolic_ness.algebra._pencil`).
"""
from __future__ import annotations

import itertools
import random

import numpy as np

from ._linalg_ring import normalize_vector
from ._nmod_array import mixed_radix_values
from ._pencil_primes import _column_parity
from ._scaling import restore_factors

_BOX_FACTOR = 4  # build tables per point of the exponent box only if it has <= this many points per term


class _NoGC:
    """Pause the cyclic garbage collector while millions of tuples and ints are created (they
    hold no cycles; generational passes over them would cost more than the work itself)."""

    def __enter__(self):
        import gc
        self.was = gc.isenabled()
        gc.disable()

    def __exit__(self, *exc):
        import gc
        if self.was:
            gc.enable()


def _build_plan(pos, monos, shape, v, others, weights, sym, s, scales=None) -> dict:
    """Everything of :func:`_build` that depends only on the support ``pos`` (flat positions in
    the ``(monomials, N, Dv + 1)`` residue array): the coordinate order, one exponent tuple per
    term (computed in numpy; odd mirrored columns carry one more factor of the mirrored variable,
    :func:`_column_parity`), the coordinate bounds and, with ``scales``, the restore factor of
    every term. Computed while the workers run the last prime when the support is already known."""
    _, N, ncoef = shape  # flat index = (mono * N + i) * ncoef + e
    with _NoGC():
        i = (pos // ncoef) % N
        order = np.argsort(i, kind="stable")
        pos_s, i_s = pos[order], i[order]
        e = pos_s % ncoef
        mi = pos_s // (ncoef * N)
        E = np.zeros((pos.size, s), dtype=np.int64)
        mono_arr = np.array(monos, dtype=np.int64).reshape(len(monos), len(others))
        for q, (k, w) in enumerate(zip(others, weights)):
            E[:, k] = w * mono_arr[mi, q]
        E[:, v] = e
        for k, sm in zip(others, sym):
            if sm is not None:
                E[:, k] += _column_parity(sm, N, ncoef)[i_s, e]
        dims = tuple(int(d) + 1 for d in E.max(axis=0)) if pos.size else (1,) * s
        box = int(np.prod(dims, dtype=np.float64))
        if box <= _BOX_FACTOR * pos.size:  # exponent tuples: one per point of the box, picked by
            # the flat index of each term (far fewer objects than terms)
            flat = np.ravel_multi_index(tuple(E.T), dims).tolist()
            table = list(itertools.product(*(range(d) for d in dims)))
            keys = list(map(table.__getitem__, flat))
        else:
            keys = list(map(tuple, E.tolist()))
        restore = _restore_index(E, dims, scales) if scales is not None and pos.size else None
    return {"pos": pos, "order": order, "keys": keys, "restore": restore,
            "bounds": np.searchsorted(i_s, np.arange(N + 1)).tolist()}


def _build(plan: dict, digits, primes, ctx):
    r"""fmpz_mpoly coordinates from the Garner digits at the plan's support (``None`` if the vector
    is zero): values by the mixed radix (``fmpz_mat`` products,
    :func:`~symbolic_ness.algebra._nmod_array.mixed_radix_values`), times the restore
    factors when the digits are those of :math:`y\propto x(s\circ p)`
    (:func:`~symbolic_ness.algebra._scaling.restore_factors`: a multiple of :math:`x`), then one
    ``from_dict`` per coordinate."""
    order = plan["order"]
    if order.size == 0:
        return None
    with _NoGC():
        vals = mixed_radix_values([d[order] for d in digits], primes)  # fmpz, in C
        if plan["restore"] is not None:
            comb, idx = plan["restore"]
            from flint import fmpz
            conv = list(comb)  # fmpz factors, converted once each (only those used: the box may be large)
            for j in set(idx):
                conv[j] = fmpz(comb[j])
            vals = [a * conv[j] for a, j in zip(vals, idx)]
        keys, bounds = plan["keys"], plan["bounds"]
        out = [ctx.from_dict(dict(zip(keys[a:b], vals[a:b]))) if a < b else ctx.from_dict({})
               for a, b in zip(bounds[:-1], bounds[1:])]
    if all(x.is_zero() for x in out):
        return None
    return out


def _restore_index(E: np.ndarray, dims: tuple, scales) -> tuple | None:
    r"""``(comb, idx)``: term ``t`` (exponents ``E[t]``, inside the box ``dims``) of the scaled
    reconstruction is multiplied by ``comb[idx[t]]`` :math:`=\prod_k` ``table_k[E[t, k]]`` over the
    scaled variables (:func:`~symbolic_ness.algebra._scaling.restore_factors`,
    :math:`D_k=` ``dims[k] - 1``); ``None`` if no variable is scaled. One factor per point of the
    scaled variables' box when it is small (outer products), else per distinct exponent row."""
    tables = restore_factors(scales, [d - 1 for d in dims])
    ks = [k for k, t in enumerate(tables) if t is not None]
    if not ks:
        return None
    sub = tuple(dims[k] for k in ks)
    if float(np.prod(sub, dtype=np.float64)) <= _BOX_FACTOR * len(E):
        comb = np.array([1], dtype=object)
        for k in ks:
            comb = np.multiply.outer(comb, np.array(tables[k], dtype=object)).reshape(-1)
        return comb.tolist(), np.ravel_multi_index(tuple(E[:, k] for k in ks), sub).tolist()
    rows, inv = np.unique(E[:, ks], axis=0, return_inverse=True)
    comb = []
    for row in rows.tolist():
        f = 1
        for k, a in zip(ks, row):
            f *= tables[k][a]
        comb.append(f)
    return comb, inv.reshape(-1).tolist()


def _primitive(vec: list, gens, ctx) -> list:
    """Primitive part with :func:`normalize_vector`'s sign convention (content proof in the module doc)."""
    from math import gcd
    g = 0
    for e in vec:
        if not e.is_zero():
            g = gcd(g, int(e.content()))
    first = next((e for e in vec if not e.is_zero()), None)
    if first is not None and int(first.leading_coefficient()) < 0:
        g = -g  # the sign convention, applied with the division
    if g != 1:
        vec = [e / g if not e.is_zero() else e for e in vec]
    nzs = [e for e in vec if not e.is_zero()]
    s = len(gens)
    names = [str(x) for x in gens]
    rng = random.Random(99)
    ref = min(nzs, key=lambda e: len(e))
    # a common divisor of all coordinates divides w = sum_i c_i x_i over any subset: gcd(ref, w)
    # at the point bounds the content. Subset: the shortest coordinates and, per variable, the
    # shortest not divisible by it (lowest exponent 0 in its monomial content); all if that fails
    by_len = sorted(range(len(nzs)), key=lambda i: len(nzs[i]))
    low = [[int(d) for d in nzs[i].term_content().degrees()] for i in by_len]
    pick = by_len[:6] + [next((i for i, lo in zip(by_len, low) if lo[k] == 0), by_len[0]) for k in range(s)]
    for subset in (sorted(set(pick)), range(len(nzs))):
        w = nzs[subset[0]]
        for i in subset[1:]:
            w = w + rng.randrange(1, 1 << 20) * nzs[i]
        if _content_is_constant(nzs, ref, w, names, rng):
            return vec
    return normalize_vector(vec)


def _content_is_constant(nzs: list, ref, w, names: list, rng) -> bool:
    """Proof that the polynomial gcd of ``nzs`` is constant, from ``ref`` (one of them) and ``w``
    (a combination of some of them), variable by variable at random integer points (module doc)."""
    s = len(names)
    for k in range(s):
        if all(e.degrees()[k] == 0 for e in nzs):
            continue
        # leading coefficient of ref in variable k must not vanish at the point
        for _ in range(10):
            pt = {names[j]: rng.randrange(2, 1 << 16) for j in range(s) if j != k}
            if ref.subs(pt).degrees()[k] == ref.degrees()[k]:
                break
        else:
            return False
        if ref.subs(pt).gcd(w.subs(pt)).degrees()[k] != 0:
            return False
    return True
