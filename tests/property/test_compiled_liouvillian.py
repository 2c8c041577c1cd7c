"""Property tests (hypothesis): the compiled Liouvillian equals ``liouvillian_numeric`` on random
models, and the batched steady state equals the per-point numeric solve (same uniqueness verdict).

Random 1–3-qubit models (``_models.specs``: Pauli-string Hamiltonians, complex hopping, jumps
sigma_-/sigma_+/sigma_z/random local operators, resets to random states) with one symbol ``k``
in a random slot, compiled in the Pauli basis and in the Hermitian matrix-unit basis.
"""
from __future__ import annotations

import numpy as np
from hypothesis import given, note, strategies as st

from _models import build, specs
from symbolic_ness.export import compile_liouvillian, steady_states
from symbolic_ness.core import liouvillian_numeric, steady_state

values = st.floats(0.05, 20.0, allow_nan=False)


@given(spec=specs(symbolic=True, max_jumps=3), k=values, basis=st.sampled_from(["pauli", "hermitian"]))
def test_compiled_liouvillian_equals_liouvillian_numeric(spec, k, basis):
    m = build(spec)
    note(f"model: {spec}")
    c = compile_liouvillian(m, basis=basis, dense_max=st_dense(spec))
    point = {s.name: k for s in m.parameters}
    L = liouvillian_numeric(m, point)
    scale = max(1.0, abs(L).max())
    assert abs(c.liouvillian(point) - L).max() <= 1e-12 * scale
    res = steady_states(c, point)
    ref = steady_state(m, point, method="dense")
    if ref.unique:
        sv = np.linalg.svd(L.toarray() / scale, compute_uv=False)
        assert res.status[0] == 0 or sv[-2] < 1e-6  # agree unless nearly singular
        if res.status[0] == 0:
            assert np.max(np.abs(res.rho[0] - ref.rho)) < 1e-8
    else:  # a non-unique point is never given a value
        assert res.status[0] == 1 and np.isnan(res.rho[0]).all()


def st_dense(spec) -> int:
    """Alternate the dense and the sparse block path (by model size)."""
    return 600 if spec[0] < 3 else 16
