r"""Resumable pencil primes: the residues of a prime that took long are kept as cache entries.

The pencil kernel (:mod:`~symbolic_ness.algebra._pencil`) reconstructs a vector from its images
modulo primes :math:`p_1,p_2,\dots`; each image (``C[k, i, e]`` modulo :math:`p`, for the
monomials of the sampling grid) is a pure function of the kernel's specification (bordered
matrix, degree bounds, mirrors, seed) and of :math:`p`. A prime whose lines and interpolation
took at least :data:`SAVE_SECONDS` is written to the cache folder as an entry of kind
``pencil-prime`` (the package header, the specification key, the prime, the monomials, a bit
mask of the non-zero residues and those residues, both base64, little-endian ``uint64``), at
most :data:`SAVE_MAX_BYTES` per specification; a later run of the same kernel on the same
specification (after Ctrl-C, a time budget, a crash) reads them instead of recomputing.

Trust (the cache folder is untrusted, README "Exactness and errors"): an entry is plain data —
decoded with ``json`` and ``numpy.frombuffer``, never evaluated or unpickled — checked for its
kind, key, prime, shape and range (every residue below :math:`p`), and used only as a hypothesis:
the reconstructed vector is certified exactly (:math:`Ax=0` in polynomial arithmetic) as without
resuming. A tampered entry can therefore only fail the certificate; the kernel then discards
every entry of this specification and runs again without them. Entries are removed after a
certified result, and ``symbolic-ness cache clear`` removes them like any entry. Nothing is read
or written with ``SYMBOLIC_NESS_NO_CACHE=1``. The key includes the package version and the hash
of the deriving code (:func:`~symbolic_ness._cache.code_hash`).

>>> import numpy as np
>>> import os, tempfile
>>> old = os.environ.get("SYMBOLIC_NESS_CACHE_DIR")
>>> tmp = tempfile.TemporaryDirectory()
>>> os.environ["SYMBOLIC_NESS_CACHE_DIR"] = tmp.name
>>> spec = {"N": 2, "s": 1, "monos": {(0,): [(0, 0, 1)], (1,): [(1, 1, -3)]}, "seed": 7}
>>> ck = PrimeCheckpoint(spec)
>>> C = np.arange(12, dtype=np.uint64).reshape(3, 2, 2)
>>> ck.save(101, [(0,), (1,), (2,)], C)
>>> monos, D = PrimeCheckpoint(spec).load(101)
>>> monos, bool((D == C).all()), PrimeCheckpoint(spec).load(103)
([(0,), (1,), (2,)], True, None)
>>> ck.discard(); PrimeCheckpoint(spec).load(101) is None
True
>>> if old is None:
...     del os.environ["SYMBOLIC_NESS_CACHE_DIR"]
... else:
...     os.environ["SYMBOLIC_NESS_CACHE_DIR"] = old
>>> tmp.cleanup()
"""
from __future__ import annotations

import base64
import hashlib
import os
import stat

import numpy as np

from .._cache import cache_dir, cache_enabled, code_hash, entry_text, package_version, read_entry, refuse, write_entry

__all__ = ["PrimeCheckpoint", "SAVE_SECONDS", "SAVE_MAX_BYTES", "KIND"]

KIND = "pencil-prime"
SAVE_SECONDS = 2.0  # a prime whose lines and interpolation took at least this long is kept
SAVE_MAX_BYTES = 512 * 2 ** 20  # stored residues per specification (further primes are not kept)


def _spec_key(spec: dict) -> str:
    """SHA-256 of everything the residues of a prime depend on (and of the code and version)."""
    parts = [package_version(), code_hash(__name__)]
    for name in sorted(spec):
        val = spec[name]
        if name == "monos":
            val = sorted((tuple(m), tuple(map(tuple, ents))) for m, ents in val.items())
        parts.append(f"{name}={val!r}")
    return hashlib.sha256("|".join(parts).encode()).hexdigest()


class PrimeCheckpoint:
    """Stored residues of the primes of one pencil specification.

    Parameters
    ----------
    spec : dict
        The kernel's specification (every entry enters the key).

    Attributes
    ----------
    enabled : bool
        ``False`` with ``SYMBOLIC_NESS_NO_CACHE=1`` (nothing read or written).
    key : str
        The specification key.

    Examples
    --------
    >>> PrimeCheckpoint({"N": 1, "s": 1, "monos": {}}).key == PrimeCheckpoint({"s": 1, "N": 1, "monos": {}}).key
    True
    """

    def __init__(self, spec: dict):
        self.enabled = cache_enabled()
        self.key = _spec_key(spec)
        self._paths: set = set()
        self._bytes = 0

    def _path(self, p: int):
        h = hashlib.sha256(f"{self.key}|{p}".encode()).hexdigest()[:32]
        return cache_dir() / f"{KIND}-{h}.json"

    def load(self, p: int):
        """``(monomials, C)`` stored for the prime ``p``, or ``None`` (none, disabled, or refused:
        a malformed entry is removed with a :class:`~symbolic_ness._cache.CacheWarning`)."""
        if not self.enabled:
            return None
        path = self._path(p)
        try:
            data = read_entry(path, KIND)
            if data is None:
                return None
            if data.get("key") != self.key or data.get("p") != p:
                raise ValueError("another specification or prime")
            shape = tuple(int(x) for x in data["shape"])
            monos = [tuple(int(a) for a in m) for m in data["monos"]]
            if len(shape) != 3 or shape[0] != len(monos):
                raise ValueError("shape does not match the monomials")
            size = shape[0] * shape[1] * shape[2]
            mask = np.unpackbits(np.frombuffer(base64.b64decode(data["mask"].encode("ascii"), validate=True),
                                               dtype=np.uint8), count=size).astype(bool)
            vals = np.frombuffer(base64.b64decode(data["residues"].encode("ascii"), validate=True), dtype="<u8")
            if vals.size != int(mask.sum()):
                raise ValueError("mask and residues disagree")
            C = np.zeros(size, dtype=np.uint64)
            C[mask] = vals
            C = C.reshape(shape)
            if vals.size and int(vals.max()) >= p:
                raise ValueError("a residue is not below the prime")
        except Exception as e:  # noqa: BLE001 - anything wrong with the entry: refuse and recompute
            refuse(path, KIND, e)
            return None
        self._paths.add(path)
        return monos, C

    def save(self, p: int, monos: list, C: np.ndarray) -> None:
        """Store the residues of the prime ``p`` (silently skipped when the folder is not writable)."""
        if not self.enabled:
            return
        flat = np.ascontiguousarray(C, dtype="<u8").reshape(-1)
        mask = flat != 0
        vals = flat[mask]
        if self._bytes + 8 * vals.size + mask.size // 8 > SAVE_MAX_BYTES:
            return
        data = {"key": self.key, "p": int(p), "shape": list(C.shape), "monos": [list(map(int, m)) for m in monos],
                "mask": base64.b64encode(np.packbits(mask).tobytes()).decode("ascii"),
                "residues": base64.b64encode(vals.tobytes()).decode("ascii")}
        path = self._path(p)
        try:
            write_entry(path, entry_text(KIND, data))
        except OSError:
            return
        self._bytes += 8 * vals.size + mask.size // 8
        self._paths.add(path)

    def discard(self) -> None:
        """Remove every entry this object read or wrote."""
        for path in self._paths:
            try:
                if stat.S_ISREG(os.lstat(path).st_mode):
                    os.unlink(path)
            except OSError:
                pass
        self._paths.clear()
