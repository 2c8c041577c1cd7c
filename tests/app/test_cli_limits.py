"""Resource limits end a command in one line, never a traceback: memory exhausted inside a
library call (MemoryError) and the time budget (--timeout) are exit 2 with a message naming
what to change, as the README's exit codes and ``symbolic-ness --help`` say."""
from __future__ import annotations

import contextlib
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from symbolic_ness.app import main
from symbolic_ness.core import Model

ROOT = Path(__file__).resolve().parents[2]
HDB = str(ROOT / "examples" / "hdb_reset_ising.toml")
ARGS = ["evaluate", HDB, "negativity", "--set", "g=2", "--set", "r=3", "--set", "gamma=1", "--quiet"]


def _run(argv):
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        rc = main(argv)
    return rc, out.getvalue(), err.getvalue()


def _documented_code(what: str) -> int:
    """The exit status the README's exit-code list gives for ``what``."""
    text = " ".join((ROOT / "README.md").read_text().split())
    block = text[text.index("**Exit codes.**"):]
    block = block[:block.index("* **", 5) if "* **" in block[5:] else None]
    hit = block.index(what)
    code = block.rfind(";", 0, hit)
    return int(block[code + 1:hit].split()[0])


def _boom(*a, **k):
    raise MemoryError()


def test_memory_error_in_a_library_call_is_one_line_and_exit_2(monkeypatch):
    calls = []

    def boom(self, *a, **k):
        calls.append(1)
        raise MemoryError()

    monkeypatch.setattr(Model, "subs", boom)
    assert _documented_code("memory exhausted") == 2
    rc, out, err = _run(ARGS)
    assert calls, "the patched library call was not reached: choose another"
    assert rc == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith("symbolic-ness: error: out of memory")
    assert "Traceback" not in err and "--set" in err  # says what to change
    rc, out, err = _run(ARGS + ["--json"])
    assert rc == 2 and json.loads(out) == {"error": err.split("error: ", 1)[1].strip(), "exit_status": 2}
    # the --help text lists it under the same exit status
    rc, helptext, _ = _run(["--help"])
    two = helptext[helptext.index("  2  "):helptext.index("  3  ")]
    assert "memory" in two and "--timeout" in two


def test_memory_error_in_a_subprocess_is_one_line_and_exit_2():
    code = ("import sys\nfrom symbolic_ness.core import Model\n"
            "def boom(self, *a, **k):\n    raise MemoryError()\n"
            "Model.subs = boom\nfrom symbolic_ness.app import main\n"
            f"sys.argv = ['symbolic-ness'] + {ARGS!r}\nsys.exit(main())\n")
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, env=env, cwd=ROOT)
    assert r.returncode == 2, r.stderr
    assert r.stdout == "" and r.stderr.count("\n") == 1 and "out of memory" in r.stderr
    assert "Traceback" not in r.stderr


def test_a_closed_form_past_its_time_budget_is_one_line_exit_2():
    # chiral_dm_pair with all five parameters free runs past a minute (README, time budget)
    import time
    env = dict(os.environ, PYTHONPATH=str(ROOT), SYMBOLIC_NESS_NO_CACHE="1")
    t0 = time.monotonic()
    r = subprocess.run([sys.executable, "-m", "symbolic_ness", "latex", "examples/chiral_dm_pair.toml", "negativity",
                        "--timeout", "1.5", "--quiet"], capture_output=True, text=True, timeout=120, env=env, cwd=ROOT)
    assert r.returncode == 2, r.stderr
    assert r.stdout == "" and r.stderr.count("\n") == 1 and "Traceback" not in r.stderr
    assert "time budget of 1.5 s ran out" in r.stderr and "--timeout" in r.stderr and "--set" in r.stderr
    assert time.monotonic() - t0 < 60  # ends soon after the budget (workers included)


@pytest.mark.parametrize("command,default", [("latex", 600), ("evaluate", 600), ("codegen", 600),
                                             ("derive", 600), ("lambdify", 600), ("sweep", 3600)])
def test_the_default_time_budget_is_the_documented_one(command, default):
    rc, helptext, _ = _run([command, "--help"])
    assert rc == 0 and f"(default {default}; 0: none)" in " ".join(helptext.split())
    readme = " ".join((ROOT / "README.md").read_text().split())
    assert "`--timeout SECONDS` (default 600 s for a single result" in readme
    assert "3600 s for `sweep` and `reproduce`" in readme
