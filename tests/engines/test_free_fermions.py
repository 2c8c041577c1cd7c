"""Free-fermion engine on non-paper inputs: Wick vs dense states, generated two-point equations
vs the core null space, Fermi correlation matrix vs exact diagonalisation."""
from __future__ import annotations

import numpy as np
import pytest
import scipy.linalg as sla
import sympy as sp

from symbolic_ness import ParameterError
from symbolic_ness.core import pauli_string, steady_state
from symbolic_ness.engines import (LocalChain, fermi_correlation_matrix, gaussian_expectation, local_chain,
                                   majorana_indices, majorana_product, majorana_string, number_operator_strings,
                                   pfaffian, two_point_equations, two_point_symbols)


def _dense(string, n):
    lab = ["I"] * n
    for s, a in string:
        lab[s] = a
    return pauli_string("".join(lab), numeric=True)


def _majorana_dense(p, n):
    ph, s = majorana_string(p)
    return ph * _dense(s, n)


def test_majorana_algebra():
    n = 3
    W = [_majorana_dense(p, n) for p in range(2 * n)]
    for p in range(2 * n):
        for q in range(2 * n):
            ac = W[p] @ W[q] + W[q] @ W[p]
            assert np.allclose(ac, 2 * np.eye(8) * (p == q))
    rng = np.random.default_rng(1)
    for _ in range(30):
        letters = rng.choice(list("IXYZ"), size=n)
        s = tuple((i, a) for i, a in enumerate(letters) if a != "I")
        S, ph = majorana_indices(s)
        M = np.eye(8, dtype=complex)
        for p in S:
            M = M @ W[p]
        assert np.allclose(ph * M, _dense(s, n))


def test_pfaffian_squared_is_determinant():
    rng = np.random.default_rng(3)
    A = rng.normal(size=(6, 6))
    A = A - A.T
    assert abs(pfaffian(A) ** 2 - np.linalg.det(A)) < 1e-10
    x = sp.symbols("x0:15")
    M = sp.zeros(6, 6)
    k = 0
    for i in range(6):
        for j in range(i + 1, 6):
            M[i, j], M[j, i] = x[k], -x[k]
            k += 1
    assert sp.expand(pfaffian(M) ** 2 - M.det(method="berkowitz")) == 0


def test_wick_on_a_random_gaussian_state():
    """rho ~ exp(-sum A_ij c_i^dag c_j) with random real A (not the paper's chain): every 4- and
    6-Majorana Pauli expectation from Wick equals the dense trace."""
    n = 4
    rng = np.random.default_rng(7)
    A = rng.normal(size=(n, n))
    A = (A + A.T) / 2
    W = [_majorana_dense(p, n) for p in range(2 * n)]
    c = [(W[2 * l] - 1j * W[2 * l + 1]) / 2 for l in range(n)]
    K = sum(A[i, j] * c[i].conj().T @ c[j] for i in range(n) for j in range(n))
    rho = sla.expm(-K)
    rho /= np.trace(rho)
    two = {(p, q): complex(np.trace(rho @ W[p] @ W[q])) for p in range(2 * n) for q in range(p + 1, 2 * n)}
    # the correlation matrix from the engine matches the dense one
    C = fermi_correlation_matrix(A)
    Cd = np.array([[np.trace(rho @ c[i].conj().T @ c[j]) for j in range(n)] for i in range(n)])
    assert np.allclose(C, Cd, atol=1e-12)
    for s in [((0, "Z"), (2, "Z")), ((0, "X"), (1, "Z"), (2, "X")), ((0, "Z"), (1, "Z"), (3, "Z")),
              ((1, "Y"), (2, "X"), (3, "Z")), ((0, "X"), (3, "Y"))]:
        val = complex(gaussian_expectation(s, lambda p, q: two[(p, q)]))
        ref = complex(np.trace(rho @ _dense(s, n)))
        assert abs(val - ref) < 1e-10, (s, val, ref)


def _other_chain(n):
    """Hopping chain with a site-dependent field, loss on site 0 only, gain on the last site,
    dephasing on site 1 (symbolic rates)."""
    a, b, g, h = sp.symbols("a b g h", positive=True)
    H = []
    for j in range(n - 1):
        H += [(1, "XX", (j, j + 1)), (1, "YY", (j, j + 1))]
    H += [(h * (j + 1), "Z", (j,)) for j in range(n)]
    return local_chain(n, H, [(0, "sigma-", a), (n - 1, "sigma+", b), (1, "Z", g)], normalization="doubled"), (a, b, g, h)


def test_generated_two_point_equations_vs_core_null_space():
    n = 4
    ch, syms = _other_chain(n)
    eqs = two_point_equations(ch)
    Cs = two_point_symbols(n)
    pt = dict(zip(syms, (sp.Rational(3, 2), sp.Rational(2, 3), sp.Rational(1, 5), sp.Rational(1, 3))))
    sol = sp.solve([e.subs(pt) for e in eqs], list(Cs), dict=True)
    assert len(sol) == 1
    from tests.engines.test_hierarchy import _core_model
    rho = np.asarray(steady_state(_core_model(ch, pt), method="numeric").require_unique(), dtype=complex)
    for j in range(n):
        for k in range(n):
            ref = sum(complex(c) * np.trace(rho @ _dense(s, n)) for s, c in number_operator_strings(j, k).items())
            assert abs(complex(sol[0][Cs[j, k]]) - ref) < 1e-10


def test_two_point_equations_report_non_quadratic_generators():
    n = 3
    H = [(1, "XX", (0, 1)), (1, "YY", (0, 1)), (1, "ZZ", (1, 2))]
    with pytest.raises(ParameterError, match="bilinear"):
        two_point_equations(local_chain(n, H))
    with pytest.raises(ParameterError, match="number-conserving"):
        two_point_equations(local_chain(2, [(1, "XX", (0, 1))]))       # pairing terms
    # a sigma^+ jump inside the chain is a fermion times a parity string: quartic terms appear
    hop = [(1, "XX", (0, 1)), (1, "YY", (0, 1)), (1, "XX", (1, 2)), (1, "YY", (1, 2))]
    with pytest.raises(ParameterError, match="bilinear"):
        two_point_equations(local_chain(3, hop, [(1, "sigma+", 1)]))


def test_majorana_product_phase():
    assert majorana_product([0, 1]) == (1j, ((0, "Z"),))
    ph, s = majorana_product([1, 2])
    assert ph == 1j and s == ((0, "X"), (1, "X"))
