"""Hypothesis strategies for small random open-qubit models (plain-data specs -> core Model)."""
from __future__ import annotations

import sympy as sp
from hypothesis import strategies as st

from symbolic_ness import Jump, Model, Reset
from symbolic_ness.core import embed, pauli_string, sigma_minus, sigma_plus, sigma_z

R = sp.Rational
K = sp.Symbol("k", positive=True)  # the one symbol of symbolic specs

small = st.tuples(st.integers(-6, 6), st.integers(1, 4))          # p/q, may be 0
rate = st.tuples(st.integers(1, 12), st.integers(1, 4))           # > 0


def _q(pq):
    return R(pq[0], pq[1])


@st.composite
def specs(draw, n=None, symbolic=False, max_jumps=4):
    """A model spec: ``(n, hterms, hop, jumps, resets, symbol_slot)`` of plain data."""
    n = draw(st.integers(1, 3)) if n is None else n
    labels = st.text("IXYZ", min_size=n, max_size=n).filter(lambda s: set(s) != {"I"})
    hterms = tuple(draw(st.lists(st.tuples(labels, small), min_size=0, max_size=3)))
    hop = None
    if n >= 2 and draw(st.booleans()):
        i, j = draw(st.permutations(range(n)))[:2]
        hop = (i, j, draw(small), draw(small))  # (re + i im) s+_i s-_j + h.c.
    kinds = st.sampled_from(["minus", "plus", "z", "local"])
    local = st.tuples(*[st.tuples(small, small)] * 4)
    jumps = tuple(draw(st.lists(st.tuples(kinds, st.integers(0, n - 1), rate, local),
                                min_size=0, max_size=max_jumps)))
    resets = tuple(draw(st.lists(st.tuples(st.integers(0, n - 1), st.tuples(small, small, small),
                                           st.tuples(st.integers(0, 4), st.just(4)), rate),
                                 min_size=0, max_size=2)))
    slot = None
    if symbolic:
        slots = [("h", k) for k in range(len(hterms))] + [("jump", k) for k in range(len(jumps))] + \
                [("reset", k) for k in range(len(resets))]
        slot = draw(st.sampled_from(slots)) if slots else None
    return (n, hterms, hop, jumps, resets, slot)


def _local(kind, entries):
    if kind == "minus":
        return sigma_minus()
    if kind == "plus":
        return sigma_plus()
    if kind == "z":
        return sigma_z()
    return sp.Matrix(2, 2, [_q(a) + sp.I * _q(b) for a, b in entries])


def _reset_state(params, mix):
    """|psi><psi| mixed with I/2: psi = (1 + a i?, b + c i) normalized (rational entries)."""
    a, b, c = (_q(x) for x in params)
    psi = sp.Matrix([1 + a * sp.I, b + c * sp.I])
    pure = psi * psi.H / (psi.H * psi)[0]
    p = R(mix[0], mix[1])
    return sp.simplify((1 - p) * pure + p * sp.eye(2) / 2)


def build(spec) -> Model:
    """The core Model of a spec (the slot of symbolic specs carries the factor ``k``)."""
    n, hterms, hop, jumps, resets, slot = spec
    d = 2 ** n
    H = sp.zeros(d, d)
    for k, (lab, c) in enumerate(hterms):
        H += _q(c) * (K if slot == ("h", k) else 1) * pauli_string(lab)
    if hop is not None:
        i, j, re_, im_ = hop
        A = embed(sigma_plus(), i, n) * embed(sigma_minus(), j, n)
        z = _q(re_) + sp.I * _q(im_)
        H += z * A + sp.conjugate(z) * A.H
    js = []
    for k, (kind, site, rt, entries) in enumerate(jumps):
        js.append(Jump(embed(_local(kind, entries), site, n), _q(rt) * (K if slot == ("jump", k) else 1)))
    rs = []
    for k, (site, params, mix, rt) in enumerate(resets):
        rs.append(Reset(site, _reset_state(params, mix), _q(rt) * (K if slot == ("reset", k) else 1)))
    return Model(n, H, jumps=js, resets=rs)


def bipartitions(n):
    """One side of every bipartition of n qubits (complements give the same negativity)."""
    return [[0], [1], [2]][:n] if n == 3 else ([[0]] if n == 2 else [])
