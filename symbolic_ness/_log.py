"""Stage logging of long computations: the ``symbolic_ness`` logger (Python :mod:`logging`).

The heavy stages of the library (exact null-space solves, characteristic polynomials, the
pencil kernel, the correlation hierarchy, the permutation engine) run inside :func:`stage`,
which logs at INFO when the stage starts and when it ends, with its wall time::

    symbolic_ness: exact steady state (256 unknowns, 2 symbols) ...
    symbolic_ness: exact steady state (256 unknowns, 2 symbols) done in 3.21 s

The package installs only a :class:`logging.NullHandler`: a library user sees these lines
with ``logging.basicConfig(level=logging.INFO)`` (or a handler on ``"symbolic_ness"``); the
command line shows them as a progress line on stderr when a command runs for more than about
two seconds (``--quiet`` hides it).

>>> import logging
>>> records = []
>>> class Keep(logging.Handler):
...     def emit(self, record): records.append(record.getMessage())
>>> h = Keep(); LOGGER.addHandler(h); LOGGER.setLevel(logging.INFO)
>>> with stage("demo", size=3):
...     pass
>>> records[0], records[1].startswith("demo (size=3) done in")
('demo (size=3) ...', True)
>>> LOGGER.removeHandler(h); LOGGER.setLevel(logging.NOTSET)
"""
from __future__ import annotations

import contextlib
import logging
import time

__all__ = ["LOGGER", "stage", "staged"]

LOGGER = logging.getLogger("symbolic_ness")
LOGGER.addHandler(logging.NullHandler())


@contextlib.contextmanager
def stage(name: str, logger: logging.Logger | None = None, **sizes):
    """Log ``name`` (with ``sizes`` as ``key=value``) at INFO on entry and with its wall time
    on exit (also when it raises: ``... stopped after 2.1 s (TimeoutError)``)."""
    log = logger or LOGGER
    if not log.isEnabledFor(logging.INFO):
        yield
        return
    label = name + (" (" + ", ".join(f"{k}={v}" for k, v in sizes.items()) + ")" if sizes else "")
    log.info("%s ...", label)
    t0 = time.perf_counter()
    try:
        yield
    except BaseException as exc:
        log.info("%s stopped after %.2f s (%s)", label, time.perf_counter() - t0, type(exc).__name__)
        raise
    log.info("%s done in %.2f s", label, time.perf_counter() - t0)


def staged(name: str, sizes=None):
    """Decorator: run the function inside :func:`stage` (``sizes(*args, **kwargs) -> dict`` adds
    sizes to the label; it must be cheap and its failures are ignored)."""
    import functools

    def deco(fn):
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            if not LOGGER.isEnabledFor(logging.INFO):
                return fn(*args, **kwargs)
            info = {}
            if sizes is not None:
                try:
                    info = sizes(*args, **kwargs)
                except Exception:  # a label never stops a computation
                    info = {}
            with stage(name, **info):
                return fn(*args, **kwargs)
        return wrapper
    return deco
