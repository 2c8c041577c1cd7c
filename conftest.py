"""Every pytest run from this repository (tests, doctests of the package, notebooks) uses its own
cache: at import time — before any test, and before pytest-xdist starts its workers, which
inherit the environment — the disk cache is pointed at a fresh temporary directory unless
``SYMBOLIC_NESS_CACHE_DIR`` already names a directory other than the user's default
(``~/.cache/symbolic_ness``). The suite never reads or writes the user's cache; subprocess CLIs
inherit the same directory."""
from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

USER_CACHE = Path.home() / ".cache" / "symbolic_ness"


def _isolate_cache():
    cur = os.environ.get("SYMBOLIC_NESS_CACHE_DIR")
    if cur and Path(cur).expanduser().resolve() != USER_CACHE.resolve():
        return
    d = tempfile.mkdtemp(prefix="symbolic_ness-test-cache-")
    os.environ["SYMBOLIC_NESS_CACHE_DIR"] = d
    owner = os.getpid()
    atexit.register(lambda: os.getpid() == owner and shutil.rmtree(d, ignore_errors=True))


_isolate_cache()
