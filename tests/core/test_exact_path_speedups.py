"""The fast exact paths give the same results as their definitions.

* ``pauli_liouvillian`` (one exact integer transform per monomial) equals the definition
  :math:`2^{-n}T^\\dagger\\mathcal LT` computed with plain sympy matrices, entry by entry as
  expressions (also for complex symbols and radicals, which take the fallback path);
* ``block_split`` (union-find) equals scipy's ``connected_components`` ordering;
* the spectrum's linear/quadratic roots are exact roots of their factors, agree with numpy,
  and print as before for the HDB Ising model;
* the exact derivation path imports neither scipy nor ``sympy.physics``.
"""
from __future__ import annotations

import os
import random
import subprocess
import sys

import numpy as np
import pytest
import sympy as sp

from symbolic_ness.core import (
    Jump,
    Model,
    Reset,
    embed,
    liouvillian,
    liouvillian_numeric,
    liouvillian_spectrum,
    pauli_basis_matrix,
    pauli_liouvillian,
    projector,
    sigma_minus,
    sigma_plus,
    sigma_x,
    sigma_y,
    sigma_z,
)
from symbolic_ness.algebra import block_split

A, B = sp.symbols("a b", positive=True)
C = sp.Symbol("c", real=True)
Z = sp.Symbol("z")  # complex: conjugate(z) is a separate generator


def _random_model(rng: random.Random, n: int, extra: str = "") -> Model:
    H = sp.zeros(2 ** n)
    for _ in range(3):
        op = rng.choice([sigma_x, sigma_y, sigma_z])()
        H += rng.choice([A, C, 2 * A, sp.Rational(1, 3) * C, 1, A * C]) * embed(op, rng.randrange(n), n)
    if n == 2:
        H += rng.choice([A, C]) * embed(sigma_z(), 0, 2) * embed(sigma_x(), 1, 2)
    jumps = [Jump(embed(rng.choice([sigma_minus, sigma_plus, sigma_z, sigma_x])(), rng.randrange(n), n),
                  rng.choice([A, B, A * B, sp.Rational(1, 2)])) for _ in range(2)]
    if extra == "complex":
        jumps.append(Jump(embed(sigma_minus() + Z * sigma_plus(), 0, n), B))
    if extra == "radical":
        jumps.append(Jump(embed(sigma_minus() + sp.sqrt(2) * sigma_z(), 0, n), A))
    resets = [Reset(0, projector("+"), B)] if rng.random() < 0.4 else []
    return Model(n, H, jumps=jumps, resets=resets)


@pytest.mark.parametrize("seed,n,extra", [(1, 1, ""), (2, 2, ""), (3, 2, ""), (4, 2, "complex"),
                                          (5, 1, "radical"), (6, 2, "radical"), (7, 2, "complex")])
def test_pauli_liouvillian_equals_definition(seed, n, extra, monkeypatch):
    monkeypatch.setenv("SYMBOLIC_NESS_NO_CACHE", "1")
    m = _random_model(random.Random(seed), n, extra)
    T = pauli_basis_matrix(n)
    ref = (T.H * liouvillian(m) * T / 2 ** n).applyfunc(sp.expand)
    got = pauli_liouvillian(m)
    assert got.shape == ref.shape
    assert got.todok() == {k: v for k, v in sp.SparseMatrix(ref).todok().items() if v != 0}


def test_block_split_matches_scipy_components():
    from scipy.sparse import csr_matrix
    from scipy.sparse.csgraph import connected_components
    rng = random.Random(0)
    for _ in range(300):
        N = rng.randint(1, 30)
        dok = {(rng.randrange(N), rng.randrange(N)): 1 for _ in range(rng.randint(0, 40))}
        rows = [k[0] for k in dok] + list(range(N))
        cols = [k[1] for k in dok] + list(range(N))
        nc, lab = connected_components(csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(N, N)), directed=False)
        want = [[] for _ in range(nc)]
        for i, c in enumerate(lab):
            want[c].append(i)
        assert block_split(dok, N) == want


def _ising_pair(k: int) -> Model:
    """Two qubits, H = a ZZ + c Z_k, dephasing / decay / reset (linear and quadratic factors)."""
    Zs = [embed(sigma_z(), i, 2) for i in range(2)]
    return Model(2, A * Zs[0] * Zs[1] + C * Zs[k], jumps=[Jump(Zs[0], B), Jump(embed(sigma_minus(), 1, 2), A)],
                 resets=[Reset(k, projector("+"), B)])


@pytest.mark.parametrize("seed,n", [(11, 1), (16, 1), (0, 2), (1, 2)])
def test_spectrum_roots_exact_and_numeric(seed, n, monkeypatch):
    monkeypatch.setenv("SYMBOLIC_NESS_NO_CACHE", "1")
    m = _random_model(random.Random(seed), n) if n == 1 else _ising_pair(seed)
    spec = liouvillian_spectrum(m)
    assert spec.total == 4 ** n
    lam = next(s for f, _ in spec.factors for s in f.free_symbols if s.name == "lambda")
    for ev, _ in spec.eigenvalues:
        if ev.has(sp.CRootOf) or type(ev).__name__ == "ImplicitRoot" or any(
                not p.exp.is_Integer and p.exp != sp.S.Half for p in ev.atoms(sp.Pow)):
            continue  # exact check for roots of linear and quadratic factors (the normal form)
        assert any(sp.expand(f.subs(lam, ev)) == 0 for f, _ in spec.factors), ev
    vals = {A: sp.Rational(7, 5), B: sp.Rational(3, 4), C: sp.Rational(-2, 3)}
    def srt(z):
        return np.array(sorted(np.asarray(z), key=lambda w: (round(w.real, 7), round(w.imag, 7))))

    ex = srt(spec.numeric(vals))
    num = srt(np.linalg.eigvals(liouvillian_numeric(m, {s.name: float(v) for s, v in vals.items()
                                                                       if s in m.parameters}).toarray()))
    assert np.abs(ex - num).max() < 1e-8


def test_reset_ising_spectrum_printed_form():
    from symbolic_ness.papers.hdb import ising_reset_model
    spec = liouvillian_spectrum(ising_reset_model())
    assert [(str(ev), mm) for ev, mm in spec.eigenvalues] == [
        ("0", 1), ("-2*r", 1), ("-r", 2), ("-2*gamma - 2*r", 4),
        ("-gamma - 3*r/2 - sqrt(-16*g**2 + r**2)/2", 4), ("-gamma - 3*r/2 + sqrt(-16*g**2 + r**2)/2", 4)]


def test_exact_derivation_imports_no_scipy_nor_units(tmp_path):
    code = ("import sys; import symbolic_ness.papers.hdb as T; m = T.ising_reset_model(); "
            "T.derive_two_qubit(m); T.ising_geometry(); "
            "bad = sorted(k for k in sys.modules if k.startswith(('scipy', 'sympy.physics'))); print(bad)")
    env = dict(os.environ, SYMBOLIC_NESS_CACHE_DIR=str(tmp_path))
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]", out.stdout
