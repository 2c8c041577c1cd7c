"""The vectorized Pauli-basis generator and symmetry detection agree with direct references.

* the columns of ``pauli_basis_matrix`` (numpy Pauli tables) are vec of the Kronecker products
  of the sympy Pauli matrices;
* ``pauli_liouvillian`` (one-site-at-a-time integer transform) equals
  :math:`2^{-n}T^\\dagger\\mathcal LT` computed with sympy matrices, on random 3-qubit models;
* ``detect_symmetries`` (numbered entries, numpy tests) returns exactly the symmetries of the
  entry-by-entry symbolic search it replaced (re-implemented here as the reference).
"""
from __future__ import annotations

from itertools import permutations

import sympy as sp
from hypothesis import given, settings

from symbolic_ness.core import (Jump, Model, Reset, detect_symmetries, embed, liouvillian, pauli_basis_matrix,
                                pauli_liouvillian, projector, sigma_minus, sigma_x, sigma_z)

from tests.property._models import build, specs

_P = {"I": sp.eye(2), "X": sp.Matrix([[0, 1], [1, 0]]), "Y": sp.Matrix([[0, -sp.I], [sp.I, 0]]),
      "Z": sp.Matrix([[1, 0], [0, -1]])}


def _label(mu, n):
    return [(mu >> (2 * (n - 1 - j))) & 3 for j in range(n)]


def test_pauli_columns_are_kronecker_products():
    n = 3
    T = pauli_basis_matrix(n)
    for mu in range(4 ** n):
        P = sp.kronecker_product(*[_P["IXYZ"[x]] for x in _label(mu, n)])
        assert T[:, mu] == sp.Matrix(64, 1, lambda a, _: P[a % 8, a // 8])  # column stacking


@settings(max_examples=5, deadline=None)
@given(specs(n=3, symbolic=True))
def test_pauli_generator_equals_sympy_transform(spec):
    m = build(spec)
    T = pauli_basis_matrix(3)
    ref = (T.H * liouvillian(m) * T / 8).applyfunc(sp.expand)
    assert (pauli_liouvillian(m) - ref).applyfunc(sp.expand) == sp.zeros(64, 64)


# ---- the entry-wise reference search (the previous implementation of detect_symmetries)
def _same(a, b):
    return a == b or sp.expand(a - b) == 0


def _signed_ok(dok, perm, signs):
    return all(_same(dok.get((perm[i], perm[j]), 0), signs[i] * signs[j] * v) for (i, j), v in dok.items())


def _u1_ok(dok, axis, n):
    comm = {3: {1: (2, -1), 2: (1, 1)}, 1: {2: (3, -1), 3: (2, 1)}, 2: {3: (1, -1), 1: (3, 1)}}
    K = {}
    for mu in range(4 ** n):
        d = _label(mu, n)
        for j, x in enumerate(d):
            if x and x != axis:
                c, s = comm[axis][x]
                e = list(d)
                e[j] = c
                nu = sum(v * 4 ** (n - 1 - k) for k, v in enumerate(e))
                K[(nu, mu)] = K.get((nu, mu), 0) + s
    a, b = {}, {}
    for (i, k), v in dok.items():
        for (k2, j), w in K.items():
            if k2 == k:
                a[(i, j)] = a.get((i, j), 0) + v * w
    for (i, k), w in K.items():
        for (k2, j), v in dok.items():
            if k2 == k:
                b[(i, j)] = b.get((i, j), 0) + w * v
    return all(_same(a.get(key, 0), b.get(key, 0)) for key in set(a) | set(b))


def _anti(a, mu, n):
    return sum(1 for x, y in zip(a, _label(mu, n)) if x and y and x != y) % 2


def _reference(dok, n):
    names = [f"U(1) sum sigma_{'xyz'[ax - 1]}" for ax in (3, 1, 2) if _u1_ok(dok, ax, n)]
    basis = []
    f2 = {0: 0, 1: 2, 2: 3, 3: 1}
    for mu in range(1, 4 ** n):
        a = _label(mu, n)
        if any(_anti(a, i, n) != _anti(a, j, n) for (i, j) in dok):
            continue
        v = 0
        for x in a:
            v = (v << 2) | f2[x]
        for b in basis:
            v = min(v, v ^ b)
        if v:
            basis.append(v)
            basis.sort(reverse=True)
            names.append("parity " + "".join("IXYZ"[x] for x in a))
    group = {tuple(range(n))}
    for pi in permutations(range(n)):
        if pi in group:
            continue
        for flip in range(4):
            perm, signs = [], []
            for mu in range(4 ** n):
                d = _label(mu, n)
                new = [0] * n
                for j in range(n):
                    new[pi[j]] = d[j]
                perm.append(sum(v * 4 ** (n - 1 - k) for k, v in enumerate(new)))
                signs.append(-1 if flip and sum(1 for x in d if x and x != flip) % 2 else 1)
            if _signed_ok(dok, perm, signs):
                names.append(("reflection" if pi == tuple(range(n - 1, -1, -1)) else f"site permutation {pi}")
                             + ("" if not flip else f" with {'IXYZ'[flip] * n}"))
                group = _close(group | {pi})
                break
    return names


def _close(group):
    group = set(group)
    while True:
        new = {tuple(a[i] for i in b) for a in group for b in group} - group
        if not new:
            return group
        group |= new


@settings(max_examples=5, deadline=None)
@given(specs(n=3, symbolic=True))
def test_detect_symmetries_equals_entrywise_search(spec):
    dok = {k: v for k, v in pauli_liouvillian(build(spec)).todok().items() if v != 0}
    assert [s.name for s in detect_symmetries(dok, 3)] == _reference(dok, 3)


def test_detect_symmetries_chain_with_resets():
    g, k = sp.symbols("g kappa", positive=True)
    n = 3
    Z = [embed(sigma_z(), i, n) for i in range(n)]
    H = g * (Z[0] * Z[1] + Z[1] * Z[2]) + sp.Rational(1, 3) * sum((embed(sigma_x(), i, n) for i in range(n)),
                                                                   sp.zeros(8, 8))
    chain = Model(n, H, jumps=[Jump(Z[i], k) for i in range(n)],
                  resets=[Reset(0, projector("+"), 1), Reset(n - 1, projector("+"), 1)])
    decay = Model(n, H, jumps=[Jump(embed(sigma_minus(), i, n), k) for i in range(n)])
    for m, expect in ((chain, ["parity XXX", "reflection"]), (decay, ["reflection"])):
        dok = {key: v for key, v in pauli_liouvillian(m).todok().items() if v != 0}
        names = [s.name for s in detect_symmetries(dok, n)]
        assert names == _reference(dok, n) == expect
