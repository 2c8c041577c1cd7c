"""The command line's progress line and time budget.

* :class:`ProgressLine` — a :mod:`logging` handler on the library's ``symbolic_ness`` logger
  (see :mod:`symbolic_ness._log`): silent for the first ``delay`` seconds of a command, then
  the current stage with the elapsed time on stderr — one line rewritten in place on a
  terminal, one line per update otherwise (logs, CI). ``--quiet`` does not install it.
* :func:`time_budget` — ``--timeout SECONDS``: a ``SIGALRM`` timer in the main thread raises
  :class:`~symbolic_ness.TimeBudgetExceeded` (exit 2, one line naming what to change) when the
  budget runs out; should that exception be swallowed, a second timer ends the process with
  the same message and status after a grace period.
"""
from __future__ import annotations

import contextlib
import logging
import os
import signal
import sys
import threading
import time

from .._errors import TimeBudgetExceeded

__all__ = ["ProgressLine", "time_budget", "DEFAULT_TIMEOUT", "BATCH_TIMEOUT", "BATCH_COMMANDS", "timeout_message"]

# seconds; --timeout 0 switches the budget off. A single result (evaluate, latex, codegen,
# lambdify, derive, ...) gets 10 minutes: a user at a terminal learns within minutes that a
# closed form needs fewer free parameters; batch commands (sweep, reproduce) get an hour.
DEFAULT_TIMEOUT = 600.0
BATCH_TIMEOUT = 3600.0
BATCH_COMMANDS = ("sweep", "reproduce")
GRACE = 20.0              # seconds after the budget before the process is ended regardless


def timeout_message(seconds: float) -> str:
    return (f"the time budget of {seconds:g} s ran out (--timeout {seconds:g}); fix: fix more parameters with "
            "--set (fewer free symbols), a smaller size, --method numeric, or a larger --timeout")


class ProgressLine(logging.Handler):
    """Stage messages of the ``symbolic_ness`` logger as a progress line on ``stream``."""

    def __init__(self, stream=None, delay: float = 2.0, interval: float = 1.0):
        super().__init__(logging.INFO)
        self.stream = stream if stream is not None else sys.stderr
        self.delay, self.interval = delay, interval
        self.t0 = time.monotonic()
        try:
            self.tty = self.stream.isatty()
        except (AttributeError, ValueError):
            self.tty = False
        self.current = "working"
        self.shown = False   # anything printed yet (after the delay)
        self.dirty = False   # a tty line to clear at the end
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._tick, daemon=True, name="symbolic-ness-progress")

    def start(self) -> "ProgressLine":
        self._thread.start()
        return self

    def _write(self, text: str):
        try:
            if self.tty:
                self.stream.write("\r\x1b[2K" + text[:200])
                self.dirty = True
            else:
                self.stream.write(text + "\n")
            self.stream.flush()
        except (OSError, ValueError):
            pass

    def _line(self) -> str:
        return f"symbolic-ness: [{time.monotonic() - self.t0:6.1f} s] {self.current}"

    def emit(self, record):
        try:
            msg = record.getMessage()
        except Exception:  # a malformed record must never stop the computation
            return
        with self._lock:
            self.current = msg
            if time.monotonic() - self.t0 >= self.delay:
                self.shown = True
                self._write(self._line())

    def _tick(self):
        while not self._stop.wait(self.interval):
            with self._lock:
                if time.monotonic() - self.t0 < self.delay:
                    continue
                if self.tty or not self.shown:  # a terminal line ticks; a log gets the stage once
                    self.shown = True
                    self._write(self._line())

    def close(self):
        self._stop.set()
        with self._lock:
            if self.dirty:
                try:
                    self.stream.write("\r\x1b[2K")
                    self.stream.flush()
                except (OSError, ValueError):
                    pass
                self.dirty = False
        super().close()


@contextlib.contextmanager
def progress(enabled: bool):
    """Install a :class:`ProgressLine` on the ``symbolic_ness`` logger for the block."""
    if not enabled:
        yield None
        return
    log = logging.getLogger("symbolic_ness")
    try:  # seconds of silence before the first line (default 2)
        delay = float(os.environ.get("SYMBOLIC_NESS_PROGRESS_DELAY", "2"))
    except ValueError:
        delay = 2.0
    h = ProgressLine(delay=delay).start()
    old = log.level
    log.addHandler(h)
    if log.getEffectiveLevel() > logging.INFO:
        log.setLevel(logging.INFO)
    try:
        yield h
    finally:
        log.removeHandler(h)
        log.setLevel(old)
        h.close()


@contextlib.contextmanager
def time_budget(seconds: float | None):
    """Raise :class:`TimeBudgetExceeded` in the main thread after ``seconds`` (``None``/0: off)."""
    usable = (seconds and seconds > 0 and hasattr(signal, "setitimer")
              and threading.current_thread() is threading.main_thread())
    if not usable:
        yield
        return
    fired = []

    def on_alarm(signum, frame):
        if not fired:
            fired.append(time.monotonic())
            signal.setitimer(signal.ITIMER_REAL, GRACE)  # the last resort if this is swallowed
            raise TimeBudgetExceeded(timeout_message(seconds))
        try:  # the exception was swallowed somewhere: end the process with the same outcome
            sys.stderr.write(f"symbolic-ness: error: {timeout_message(seconds)}\n")
            sys.stderr.flush()
        finally:
            os._exit(2)

    old = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, float(seconds))
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)
