"""Resumable pencil primes (issue 26: "batched probes (resumable ...)"): an interrupted exact solve
keeps the residues of its finished primes in the cache folder and the next run reads them; the
result is the same certified vector; a tampered or malformed stored prime never gives a wrong
vector (discarded, recomputed); nothing is written with SYMBOLIC_NESS_NO_CACHE=1; entries are
removed after a certified result."""
from __future__ import annotations

import base64
import importlib
import json

import numpy as np
import pytest
import sympy as sp
from _helpers import ising_reset_chain, same_vector as _same, trace_block

from symbolic_ness import cache as cache_module
from symbolic_ness.algebra import nullspace_pencil

PENCIL = "symbolic_ness.algebra._pencil"  # the kernel module, only as a monkeypatch target


def _block():
    """Trace block of a 3-qubit Ising chain with a field 1/7 (g, gamma, r symbolic): 2 primes
    without the variable scaling (which the kernel calls below turn off)."""
    return trace_block(ising_reset_chain(3, sp.Rational(1, 7)))[1]


def _kernel(sub, **kw):
    return nullspace_pencil(sub, scaling=False, **kw)


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("SYMBOLIC_NESS_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("SYMBOLIC_NESS_NO_CACHE", raising=False)
    monkeypatch.setattr(importlib.import_module(PENCIL), "SAVE_SECONDS", 0.0)  # keep every prime
    return tmp_path


def _entries(folder):
    return sorted(folder.glob("pencil-prime-*.json"))


def _interrupted_run(sub, monkeypatch):
    """Run the kernel until its first prime is stored, then interrupt it (as Ctrl-C would)."""
    pencil = importlib.import_module(PENCIL)
    calls = []

    def stop(*a, **k):
        calls.append(1)
        raise KeyboardInterrupt
    with monkeypatch.context() as mp:
        mp.setattr(pencil, "garner_extend", stop)
        with pytest.raises(KeyboardInterrupt):
            _kernel(sub)
    assert calls


def test_interrupted_solve_resumes_with_the_same_vector(cache, monkeypatch):
    sub = _block()
    ref_info = {}
    ref = _kernel(sub, info=ref_info, resume=False)
    assert ref_info["primes"] >= 2 and not _entries(cache)  # resume=False writes nothing
    _interrupted_run(sub, monkeypatch)
    assert len(_entries(cache)) == 1  # the finished first prime
    info = {}
    got = _kernel(sub, info=info)
    assert info["resumed_primes"] == 1 and info["primes"] == ref_info["primes"]
    assert _same(got[0], ref[0])
    assert not _entries(cache)  # certified: removed


def _stored_entry(folder, monkeypatch):
    """``(block, reference vector, entry path, entry)`` after an interrupted run stored one prime."""
    sub = _block()
    ref = _kernel(sub, resume=False)
    _interrupted_run(sub, monkeypatch)
    (path,) = _entries(folder)
    return sub, ref, path, json.loads(path.read_text())


def test_tampered_stored_prime_never_gives_a_wrong_vector(cache, monkeypatch):
    sub, ref, path, entry = _stored_entry(cache, monkeypatch)
    C = np.frombuffer(base64.b64decode(entry["data"]["residues"]), dtype="<u8").copy()
    C[0] = C[0] - 1 if C[0] > 1 else 2  # still a valid non-zero residue: only the certificate can notice
    entry["data"]["residues"] = base64.b64encode(C.tobytes()).decode("ascii")
    path.write_text(json.dumps(entry))
    info = {}
    got = _kernel(sub, info=info)
    assert _same(got[0], ref[0])
    assert info.get("resume_discarded") is True and not _entries(cache)


def test_malformed_stored_prime_is_refused_and_recomputed(cache, monkeypatch):
    sub, ref, path, entry = _stored_entry(cache, monkeypatch)
    entry["data"]["residues"] = "not base64 !"
    path.write_text(json.dumps(entry))
    info = {}
    with pytest.warns(cache_module.CacheWarning, match="pencil-prime"):
        got = _kernel(sub, info=info)
    assert _same(got[0], ref[0]) and not info.get("resumed_primes")
    assert not _entries(cache)


def test_no_cache_writes_nothing(cache, monkeypatch):
    monkeypatch.setenv("SYMBOLIC_NESS_NO_CACHE", "1")
    sub = _block()
    _interrupted_run(sub, monkeypatch)
    assert not _entries(cache)


def test_storage_cap_keeps_nothing_beyond_it(cache, monkeypatch):
    monkeypatch.setattr(importlib.import_module("symbolic_ness.algebra._checkpoint"), "SAVE_MAX_BYTES", 0)
    _interrupted_run(_block(), monkeypatch)
    assert not _entries(cache)
