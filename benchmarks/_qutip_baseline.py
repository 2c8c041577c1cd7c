"""The QuTiP baseline shared by the permutation-invariant benchmarks: hand-built dense numpy
operators on N qubits (independent of symbolic_ness) and QuTiP's fastest steady state we found
for all-to-all models (ILU-preconditioned GMRES; the default direct solve takes minutes)."""
import time
from functools import reduce

import numpy as np


def embed(op, i, N):
    """``op`` on qubit ``i`` of ``N`` (numpy kron order, qubit 0 leftmost)."""
    return reduce(np.kron, [op if j == i else np.eye(2) for j in range(N)])


def plus_reset_ops(N, r):
    """Jump operators of the reset r(|+><+|_i tr_i rho - rho) on every qubit: sqrt(r)|+><k|, k = 0, 1."""
    plus = np.array([1.0, 1.0]) / np.sqrt(2)
    out = []
    for i in range(N):
        for k in range(2):
            bra = np.zeros(2)
            bra[k] = 1
            out.append(np.sqrt(r) * embed(np.outer(plus, bra), i, N))
    return out


def gmres_steady_state(H, c_ops, N):
    """``(rho as Qobj, seconds)``: qutip.steadystate with iterative-gmres + ILU on CSR operators."""
    import qutip
    dims = [[2] * N, [2] * N]
    Hq = qutip.Qobj(H, dims=dims).to("CSR")
    cq = [qutip.Qobj(c, dims=dims).to("CSR") for c in c_ops]
    t0 = time.perf_counter()
    rho = qutip.steadystate(Hq, cq, method="iterative-gmres", use_precond=True, rtol=1e-14, atol=1e-16)
    return rho, time.perf_counter() - t0
