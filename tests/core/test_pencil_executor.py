"""The pencil kernel on a caller's executor (issue 26: "probes ... optionally on Dask workers for
large jobs"): a spawn-context process pool and a Dask LocalCluster give the same certified vector
as the default local workers; the executor is not shut down; bad worker counts are refused."""
from __future__ import annotations

import multiprocessing as mp
from concurrent.futures import ProcessPoolExecutor

import pytest
import sympy as sp

from symbolic_ness import Jump, Model, Reset, embed, pauli_liouvillian, projector, sigma_x, sigma_z
from symbolic_ness.algebra import PolyMatrix, block_split, nullspace_pencil, pencil_executor


def _block():
    """Trace block of a 3-qubit Ising chain, field 1/7 (g, gamma, r symbolic): 110 lines, 2 primes."""
    g, gam, r = sp.symbols("g gamma r", positive=True)
    n, d = 3, 8
    Z = [embed(sigma_z(), i, n) for i in range(n)]
    X = [embed(sigma_x(), i, n) for i in range(n)]
    H = g * (Z[0] * Z[1] + Z[1] * Z[2]) + sp.Rational(1, 7) * sum(X, sp.zeros(d, d))
    m = Model(n, H, jumps=[Jump(Z[i], gam) for i in range(n)],
              resets=[Reset(0, projector("+"), r), Reset(n - 1, projector("+"), r)])
    M = pauli_liouvillian(m)
    pm = PolyMatrix.from_dok({k: v for k, v in M.todok().items() if v != 0}, M.shape[0], gens=m.parameters)
    return pm.submatrix(next(b for b in block_split(pm.pattern(), M.shape[0]) if 0 in b))


def _same(u, v) -> bool:
    return len(u) == len(v) and all((a - b).is_zero() for a, b in zip(u, v))


@pytest.mark.parametrize("workers", [1, 3])
def test_spawned_process_pool_gives_the_same_vector(workers):
    sub = _block()
    ref = nullspace_pencil(sub)
    info = {}
    with ProcessPoolExecutor(2, mp_context=mp.get_context("spawn")) as ex:
        with pencil_executor(ex, workers):
            got = nullspace_pencil(sub, info=info)
        assert ex.submit(abs, -3).result() == 3  # still usable: not shut down by the kernel
    assert _same(got[0], ref[0])
    assert info["executor"] == "ProcessPoolExecutor" and info["workers"] == workers


def test_dask_cluster_gives_the_same_vector():
    distributed = pytest.importorskip("dask.distributed")
    sub = _block()
    ref = nullspace_pencil(sub)
    info = {}
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cl, \
            distributed.Client(cl) as client:
        with pencil_executor(client.get_executor(), 2):
            got = nullspace_pencil(sub, info=info)
    assert _same(got[0], ref[0]) and info["executor"] == "ClientExecutor"


@pytest.mark.parametrize("bad", [0, -1, 1.5, True])
def test_bad_worker_count_is_refused(bad):
    with pytest.raises(ValueError, match="workers must be an integer >= 1"):
        with pencil_executor(None, bad):
            pass
