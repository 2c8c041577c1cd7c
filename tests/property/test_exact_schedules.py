"""Property tests of the exact engine's prime schedule and fast Pauli-basis transform.

* The pencil kernel with the one-probe prime check (and the integer content divided out) and
  with the previous schedule (``prime_check=False``) returns the same primitive vector on
  random models (hypothesis); ``steady_state`` with the default reductions and with
  ``reductions=()`` gives the same state, equal to the numeric null space at a random point.
* A deliberately wrong candidate (a corrupted CRT digit reported as passing the probe check,
  or a content guess that does not divide the content) is rejected by the exact certificate
  and the kernel still returns the right vector.
* The Pauli-basis generator (built by sparse integer products) equals
  :math:`2^{-n}\\operatorname{tr}(P_\\mu\\mathcal L(P_\\nu))` computed numerically with numpy
  at a random point, on random models.
"""
from __future__ import annotations

import importlib

import numpy as np
import pytest
import sympy as sp
from _helpers import count_certificates, random_qubit_model, same_vector as _same, trace_block
from hypothesis import given, settings, strategies as st

from symbolic_ness import CheckFailedError, liouvillian_numeric, pauli_liouvillian, steady_state
from symbolic_ness.algebra import PencilNotApplicable, nullspace_numeric, nullspace_pencil
from symbolic_ness.core import pauli_labels, pauli_string


PENCIL = "symbolic_ness.algebra._pencil"  # the kernel module, only as a monkeypatch target


_trace_block = trace_block


models = st.tuples(st.integers(0, 10_000), st.integers(1, 3), st.integers(1, 3))


@settings(max_examples=12, deadline=None)
@given(models)
def test_prime_check_schedule_equals_previous_schedule(args):
    seed, n, nsym = args
    model = random_qubit_model(seed, n, nsym, p_symbol=0.75, p_reset=0.5)
    M, sub, blk = _trace_block(model)
    try:
        new_info, old_info = {}, {}
        new = nullspace_pencil(sub, info=new_info)
        old = nullspace_pencil(sub, info=old_info, prime_check=False)
    except PencilNotApplicable:
        return
    assert _same(new[0], old[0])
    assert new_info["primes"] <= old_info["primes"]
    # the vector is the numeric null vector of the block at a random rational point
    rng = np.random.default_rng(seed)
    vals = {p: sp.Rational(int(rng.integers(1, 50)), int(rng.integers(1, 9))) for p in model.parameters}
    A = np.array(M.subs(vals).evalf(), dtype=float)[np.ix_(blk, blk)]
    ns, _ = nullspace_numeric(A, 1e-10)
    x = np.array([float(e.subs(vals)) for e in sub.to_sympy(new)[0]])
    y = ns[:, 0]
    assert np.abs(np.outer(x, y) - np.outer(y, x)).max() <= 1e-9 * np.abs(x).max() * np.abs(y).max()


@settings(max_examples=4, deadline=None)
@given(st.integers(0, 10_000))
def test_steady_state_default_equals_no_reductions(seed):
    model = random_qubit_model(seed, 2, 2, p_symbol=0.75, p_reset=0.5)
    try:
        a = steady_state(model, method="exact")
        b = steady_state(model, method="exact", reductions=())
    except CheckFailedError:  # pragma: no cover - nothing certified either way
        return
    if not a.unique:
        assert not b.unique
        return
    assert sp.simplify(a.rho - b.rho) == sp.zeros(4, 4)


def _big_model():
    """The first random 2-qubit, 3-symbol model whose trace block the pencil kernel solves."""
    for seed in range(40):
        model = random_qubit_model(seed, 2, 3, p_symbol=0.75, p_reset=0.5)
        _, sub, _ = _trace_block(model)
        try:
            info = {}
            ref = nullspace_pencil(sub, info=info, prime_check=False)
        except PencilNotApplicable:
            continue
        return sub, ref
    raise AssertionError("no pencil model found")


def _count_certificates(monkeypatch, certs: list) -> None:
    count_certificates(monkeypatch, importlib.import_module(PENCIL), certs)


def test_wrong_candidate_is_caught_by_the_certificate(monkeypatch):
    pencil_module = importlib.import_module(PENCIL)  # fault injection into the kernel's internals
    sub, ref = _big_model()
    real = pencil_module.checked_candidate
    calls, certs = [], []

    def lying(spec, q, residues, primes, pos, digits, *rest):
        """First call: a corrupted candidate (one digit + 1) reported as passing the probe."""
        calls.append(len(primes))
        if len(calls) == 1:
            bad = [d.copy() for d in digits]
            bad[0][0] += 1
            return True, pos, bad
        return real(spec, q, residues, primes, pos, digits, *rest)

    monkeypatch.setattr(pencil_module, "checked_candidate", lying)
    _count_certificates(monkeypatch, certs)
    got = nullspace_pencil(sub)
    assert _same(got[0], ref[0])
    assert certs[0] == "rejected" and certs[-1] == "certified" and calls[0] == 1


def test_wrong_content_guess_never_gives_a_wrong_vector(monkeypatch):
    primes_module = importlib.import_module(PENCIL + "_primes")  # fault injection
    model = random_qubit_model(12, 3, 3, p_symbol=0.75, p_reset=0.5)
    _, sub, _ = _trace_block(model)
    ref = nullspace_pencil(sub, prime_check=False)
    # a "content" that does not divide the vector's content (a large prime)
    monkeypatch.setattr(primes_module, "value_content", lambda spec, seed, points=3: 2 ** 61 - 1)
    monkeypatch.setattr(primes_module, "content_from_residues", lambda *a, **k: 2 ** 61 - 1)
    monkeypatch.setattr(importlib.import_module(PENCIL), "value_content", lambda spec, seed, points=3: 2 ** 61 - 1)
    info = {}
    got = nullspace_pencil(sub, info=info)
    assert _same(got[0], ref[0])
    assert "content_divided" not in info


@settings(max_examples=10, deadline=None)
@given(models)
def test_pauli_generator_equals_numeric_trace_formula(args):
    seed, n, nsym = args
    model = random_qubit_model(seed, n, nsym, p_symbol=0.75, p_reset=0.5)
    M = pauli_liouvillian(model)
    rng = np.random.default_rng(seed)
    vals = {p: float(rng.uniform(0.3, 2.0)) for p in model.parameters}
    Mnum = np.array(M.subs({p: vals[p] for p in model.parameters}).evalf(), dtype=complex)
    L = liouvillian_numeric(model, {p.name: v for p, v in vals.items()})
    d = 2 ** n
    P = [pauli_string(lab, numeric=True) for lab in pauli_labels(n)]
    ref = np.zeros((4 ** n, 4 ** n), dtype=complex)
    for nu, Pn in enumerate(P):
        out = (L @ Pn.reshape(-1, order="F")).reshape(d, d, order="F")
        for mu, Pm in enumerate(P):
            ref[mu, nu] = np.trace(Pm.conj().T @ out) / d
    assert np.abs(Mnum - ref).max() < 1e-10 * max(1.0, np.abs(ref).max())


if __name__ == "__main__":  # pragma: no cover
    pytest.main([__file__, "-q"])


def test_wrong_degree_bound_in_banded_interpolation_is_caught(monkeypatch):
    """Fault injection: the banded interpolation told a total degree one too small drops true
    coefficients of the top bands; the exact certificate refuses every such reconstruction and
    the kernel raises (the engine then falls back) — it never returns a wrong vector."""
    primes_module = importlib.import_module(PENCIL + "_primes")
    sub, _ = _big_model()
    real = primes_module.banded_interpolate
    seen = []

    def short(idx, X, values, caps, Do, Dtot, *rest):
        seen.append(Dtot)
        return real(idx, X, values, caps, Do, Dtot - 1, *rest)

    certs = []
    monkeypatch.setattr(primes_module, "banded_interpolate", short)
    _count_certificates(monkeypatch, certs)
    try:
        got = nullspace_pencil(sub)
    except CheckFailedError:
        got = None
    assert seen and "certified" not in certs and "rejected" in certs, certs
    assert got is None  # never a wrong vector
