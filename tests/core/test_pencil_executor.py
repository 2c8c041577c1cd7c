"""The pencil kernel on a caller's executor (issue 26: "probes ... optionally on Dask workers for
large jobs"): a spawn-context process pool and a Dask LocalCluster give the same certified vector
as the default local workers; the executor is not shut down; bad worker counts are refused."""
from __future__ import annotations

import multiprocessing as mp
from concurrent.futures import ProcessPoolExecutor

import pytest
import sympy as sp
from _helpers import ising_reset_chain, same_vector as _same, trace_block

from symbolic_ness.algebra import nullspace_pencil, pencil_executor


def _block():
    """Trace block of a 3-qubit Ising chain, field 1/7 (g, gamma, r symbolic): 110 lines, 2 primes."""
    return trace_block(ising_reset_chain(3, sp.Rational(1, 7)))[1]


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
