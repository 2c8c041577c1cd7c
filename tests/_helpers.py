"""Helpers shared by test modules (numeric references, random models): ``from _helpers import ...``."""
from __future__ import annotations


def trace_pinned_null_vector(L, d: int, idx=None, dense: bool = False):
    """Independent numeric oracle for the steady state (it uses none of the package's solvers):
    ``vec(rho)`` (column stacking, ``rho`` d×d) with ``L vec(rho) = 0`` and ``tr rho = 1``, found
    by replacing the first row of ``L`` — or of its block on the vec indices ``idx`` — by the trace
    row and solving (``dense``: numpy LU, else scipy ``spsolve``). Returns the full ``d*d`` vector;
    callers check ``‖L v‖`` with their own tolerance."""
    import numpy as np
    import scipy.sparse as sps
    import scipy.sparse.linalg as spla

    L = sps.csr_matrix(L)
    idx = np.arange(d * d) if idx is None else np.asarray(idx)
    Ls = L if len(idx) == d * d and np.array_equal(idx, np.arange(d * d)) else L[idx][:, idx]
    trace_row = sps.csr_matrix(np.isin(idx, np.arange(d) * (d + 1)).astype(complex))
    A = sps.vstack([trace_row, Ls[1:]])
    b = np.zeros(len(idx), complex)
    b[0] = 1
    v = np.zeros(d * d, complex)
    v[idx] = np.linalg.solve(A.toarray(), b) if dense else spla.spsolve(A.tocsc(), b)
    return v


def random_qubit_model(seed: int, n: int, nsym: int, p_symbol: float = 0.7, p_reset: float = 0.4):
    """A random model for the exact-engine tests: 1-3 Pauli-string Hamiltonian terms, 1..2n jumps
    (sigma-, sigma+, sigma_z, sigma_x on random sites), with probability ``p_reset`` one reset to
    |0>, |1> or |+>; every coefficient is one of the ``nsym`` symbols a, b, c, d (probability
    ``p_symbol``) or a small rational, and every symbol appears (a decay on site 0 is added for a
    symbol not drawn)."""
    import random

    import sympy as sp

    from symbolic_ness import Jump, Model, Reset, embed, projector, sigma_minus, sigma_plus, sigma_x, sigma_y, sigma_z
    rng = random.Random(seed)
    syms = sp.symbols("a b c d", positive=True)[:nsym]
    ops = [sigma_x, sigma_y, sigma_z]

    def coef(i):
        return syms[i % nsym] if rng.random() < p_symbol else sp.Rational(rng.randint(1, 5), rng.randint(1, 3))
    d = 2 ** n
    H = sp.zeros(d, d)
    for t in range(rng.randint(1, 3)):
        P = sp.eye(d)
        for site in rng.sample(range(n), rng.randint(1, n)):
            P = P * embed(rng.choice(ops)(), site, n)
        H += coef(t) * P
    jumps = []
    for t in range(rng.randint(1, 2 * n)):
        op = rng.choice([sigma_minus, sigma_plus, sigma_z, sigma_x])()
        jumps.append(Jump(embed(op, rng.randrange(n), n), coef(t + 1)))
    resets = []
    if rng.random() < p_reset:
        resets.append(Reset(rng.randrange(n), projector(rng.choice("01+")), coef(3)))
    used = set(H.free_symbols).union(*[j.rate.free_symbols for j in jumps], *[r.rate.free_symbols for r in resets])
    jumps += [Jump(embed(sigma_minus(), 0, n), s) for s in syms if s not in used]
    return Model(n, H, jumps=jumps, resets=resets)


def ising_reset_chain(n: int, field, dephasing=None, rate=None):
    """Ising chain g Z_i Z_{i+1} + field sum_i X_i, Z dephasing at rate ``dephasing`` on every site
    (default the symbol gamma; 0: none), resets to |+> at rate ``rate`` on both ends (default the
    symbol r); g symbolic, ``field`` a number or a symbol — the README exact-engine chain is
    n = 4, field 1/3. Shared by the tests and the benchmarks (``benchmarks/_timing.py``)."""
    import sympy as sp

    from symbolic_ness import Jump, Model, Reset, embed, projector, sigma_x, sigma_z
    g, gam, r = sp.symbols("g gamma r", positive=True)
    dephasing = gam if dephasing is None else dephasing
    rate = r if rate is None else rate
    d = 2 ** n
    Z = [embed(sigma_z(), i, n) for i in range(n)]
    X = [embed(sigma_x(), i, n) for i in range(n)]
    H = g * sum((Z[i] * Z[i + 1] for i in range(n - 1)), sp.zeros(d, d)) + field * sum(X, sp.zeros(d, d))
    return Model(n, H, jumps=[Jump(Z[i], dephasing) for i in range(n)] if dephasing != 0 else [],
                 resets=[Reset(0, projector("+"), rate), Reset(n - 1, projector("+"), rate)])


def trace_block(model):
    """``(M, sub, blk)``: the Pauli-basis generator of ``model``, its connected block holding the
    trace coordinate as a ``PolyMatrix`` and the block's indices (what the exact kernels solve)."""
    from symbolic_ness import pauli_liouvillian
    from symbolic_ness.algebra import PolyMatrix, block_split
    M = pauli_liouvillian(model)
    dok = {k: v for k, v in M.todok().items() if v != 0}
    pm = PolyMatrix.from_dok(dok, M.shape[0], gens=model.parameters)
    blk = next(b for b in block_split(pm.pattern(), M.shape[0]) if 0 in b)
    return M, pm.submatrix(blk), blk


def count_certificates(monkeypatch, module, certs: list) -> None:
    """Record each exact certificate run by ``module`` (its ``certify_nullvectors``) in ``certs``
    as "certified" or "rejected" (fault-injection tests)."""
    from symbolic_ness import CheckFailedError
    real = module.certify_nullvectors

    def counting(pm, vecs):
        try:
            real(pm, vecs)
        except CheckFailedError:
            certs.append("rejected")
            raise
        certs.append("certified")

    monkeypatch.setattr(module, "certify_nullvectors", counting)


def same_vector(u, v) -> bool:
    """Two fmpz_mpoly vectors are equal entry by entry."""
    return len(u) == len(v) and all((a - b).is_zero() for a, b in zip(u, v))
