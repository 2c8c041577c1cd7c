"""Property tests (hypothesis): random multi-level models (1-2 sites of dimension 2-4, random
Hermitian H with Gaussian-rational entries, random jump operators) against QuTiP: the exact steady
state (or its non-uniqueness) vs ``qutip.steadystate``/a numeric SVD, and the negativity of the
cut vs the numeric partial transpose."""
from __future__ import annotations

import numpy as np
import qutip
import sympy as sp
from hypothesis import given, note, strategies as st

from symbolic_ness import Jump, Model, negativity, steady_state, to_qutip
from symbolic_ness.core import liouvillian_numeric
from symbolic_ness.algebra import nullspace_numeric

small = st.integers(-3, 3)


@st.composite
def models(draw):
    dims = tuple(draw(st.lists(st.integers(2, 4), min_size=1, max_size=2)))
    if np.prod(dims) > 8:
        dims = dims[:1]
    D = int(np.prod(dims))
    H = sp.zeros(D, D)
    for _ in range(draw(st.integers(1, 4))):
        i, j = draw(st.integers(0, D - 1)), draw(st.integers(0, D - 1))
        c = sp.Rational(draw(small), draw(st.integers(1, 3))) + sp.I * (sp.Rational(draw(small), 2) if i != j else 0)
        H[i, j] += c
        H[j, i] += sp.conjugate(c) if i != j else 0
    jumps = []
    for _ in range(draw(st.integers(1, 3))):
        L = sp.zeros(D, D)
        for _ in range(draw(st.integers(1, 2))):
            L[draw(st.integers(0, D - 1)), draw(st.integers(0, D - 1))] += draw(st.integers(1, 3))
        jumps.append(Jump(L, sp.Rational(draw(st.integers(1, 6)), 2)))
    return Model(len(dims), H, jumps=jumps, dims=dims)


@given(models())
def test_random_multilevel_exact_vs_qutip(m):
    note(f"dims {m.dims}")
    L = liouvillian_numeric(m).toarray()
    _, s = nullspace_numeric(L, 1e-9)
    nullity = int(np.sum(s <= 1e-9 * max(s[0], 1.0))) + (L.shape[1] - len(s))
    ss = steady_state(m)
    assert ss.nullity == nullity
    if not ss.unique:
        return
    rho = np.array(ss.rho.evalf(20).tolist(), dtype=complex)
    H, c_ops, Lq = to_qutip(m)
    assert np.abs(Lq.full() - L).max() < 1e-12
    ref = qutip.steadystate(H, c_ops).full()
    assert np.abs(rho - ref).max() < 1e-9
    if len(m.dims) == 2:
        q = qutip.Qobj(ref, dims=[list(m.dims)] * 2)
        ev = np.linalg.eigvalsh(qutip.partial_transpose(q, [1, 0]).full())
        assert abs(float(negativity(ss.rho, [0], m.dims)) - float(-ev[ev < 0].sum())) < 1e-9
