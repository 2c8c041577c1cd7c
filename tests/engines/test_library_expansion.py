"""One expansion of identical qubits to an explicit model (``expand_permutation_model``, also behind
``ModelFile.expand``): collective jumps L = sum_i o_i are kept as one jump each. Before, the
spectrum and the Liouvillian gap of a symmetric model with collective decay were computed without
the collective channel (superradiant laser, N = 2: gap 0.35 instead of 0.85)."""
from __future__ import annotations

import numpy as np
import pytest

from symbolic_ness.core import liouvillian_numeric
from symbolic_ness.engines import evaluate, expand_symmetric, load_model, read_model_file

qutip = pytest.importorskip("qutip")


def _qutip_generator(N, kappa, w, gphi):
    """The superradiant laser written out in QuTiP: collective decay kappa D[J-], pumping w D[s+_i],
    dephasing (gamma_phi/2) D[s_z,i] (standard normalization, sigma_+ = |0><1|)."""
    sm = qutip.Qobj(np.array([[0, 0], [1, 0]]))  # |1><0|: lowers sigma_z = +1 (|0>) to -1 (|1>)
    sz = qutip.sigmaz()

    def site(op, k):
        ops = [qutip.qeye(2)] * N
        ops[k] = op
        return qutip.tensor(ops)
    Jm = sum(site(sm, k) for k in range(N))
    c_ops = [np.sqrt(kappa) * Jm] + [np.sqrt(w) * site(sm.dag(), k) for k in range(N)] + \
        [np.sqrt(gphi / 2) * site(sz, k) for k in range(N)]
    return qutip.liouvillian(0 * site(sz, 0), c_ops).full()


@pytest.mark.parametrize("N", [2, 3])
def test_spectrum_and_gap_of_a_collective_model_keep_the_collective_jump(N):
    path = "examples/superradiant_laser.toml"
    vals = {"kappa": 1.0, "w": 0.5, "gamma_phi": 0.1}
    ref = np.sort_complex(np.round(np.linalg.eigvals(_qutip_generator(N, 1.0, 0.5, 0.1)), 9))
    explicit = expand_symmetric(read_model_file(path), N)
    L = liouvillian_numeric(explicit, {s: vals[s.name] for s in explicit.parameters}).toarray()
    assert np.allclose(np.sort_complex(np.round(np.linalg.eigvals(L), 9)), ref, atol=1e-8)
    spec = evaluate(load_model(path), "spectrum", vals, N=N).value
    assert np.allclose(np.sort_complex(np.round(np.array(spec), 9)), ref, atol=1e-8)
    gap = evaluate(load_model(path), "liouvillian-gap", vals, N=N).value
    assert abs(gap - (-max(z.real for z in ref if abs(z) > 1e-8))) < 1e-9
