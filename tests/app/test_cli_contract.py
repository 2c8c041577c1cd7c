"""The command line's contract (issue 21 item 2, issue 22 item 5): --version, --json on every
sub-command, one exit status per outcome whatever the path, a closed pipe ends quietly, help
text for every argument, a time budget (--timeout) with a one-line refusal, a progress line
(--quiet hides it), no size-based refusal of a closed form the library finishes, a repeated
--set and an unknown --out extension are errors, a file can never shadow a catalogue name."""
from __future__ import annotations

import contextlib
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import symbolic_ness
from symbolic_ness.app import main

ROOT = Path(__file__).resolve().parents[2]
XXZ = str(ROOT / "examples" / "xxz_two_qubit_driven.toml")


def _run(argv):
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        rc = main(argv)
    return rc, out.getvalue(), err.getvalue()


def _cli(args, timeout=120, **kw):
    env = dict(os.environ, PYTHONPATH=str(ROOT), **kw.pop("env", {}))
    return subprocess.run([sys.executable, "-m", "symbolic_ness", *args], capture_output=True, text=True,
                          timeout=timeout, env=env, cwd=kw.pop("cwd", ROOT), **kw)


def test_version():
    rc, out, _ = _run(["--version"])
    assert rc == 0 and symbolic_ness.__version__ in out


@pytest.mark.parametrize("argv", [
    ["list"],
    ["derive", "reset-ising"],
    ["latex", "reset-ising", "negativity"],
    ["codegen", "reset-ising", "negativity", "--lang", "c"],
    ["evaluate", "reset-ising", "negativity", "--set", "g=2", "--set", "r=5"],
    ["cache", "info"],
])
def test_json_on_every_subcommand(argv):
    rc, out, err = _run(argv + ["--json", "--quiet"])
    assert rc == 0, err
    data = json.loads(out)  # exactly one JSON document on stdout
    assert isinstance(data, dict) and data
    if argv[0] == "latex":
        assert data["latex"].startswith(r"\mathcal{N}")
    if argv[0] == "codegen":
        assert "double negativity(double g" in data["code"]
    if argv[0] == "derive":
        assert data["steps"] and {"title", "text", "seconds"} <= set(data["steps"][0])
    if argv[0] == "list":
        assert any(m["name"] == "reset-ising" for m in data["models"])


def test_json_sweep_and_unknown_out_extension(tmp_path):
    out = tmp_path / "s.nc"
    rc, text, err = _run(["sweep", "reset-ising", "negativity", "--grid", "g=0.5:2:3", "--set", "r=3",
                          "--out", str(out), "--workers", "1", "--json", "--quiet"])
    assert rc == 0, err
    data = json.loads(text)
    assert data["out"] == str(out) and data["points"] == 3 and out.exists()
    bad = tmp_path / "s.txt"
    rc, _, err = _run(["sweep", "reset-ising", "negativity", "--grid", "g=0.5:2:3", "--set", "r=3",
                       "--out", str(bad), "--workers", "1", "--quiet"])
    assert rc == 2 and "--out" in err and not bad.exists()


def test_json_error_object():
    rc, out, err = _run(["evaluate", "no-such-model", "negativity", "--json"])
    assert rc == 2 and json.loads(out)["exit_status"] == 2 and err.count("\n") == 1


@pytest.mark.parametrize("method", ["auto", "exact", "numeric"])
def test_non_unique_is_exit_3_through_the_catalogue(method):
    rc, _, err = _run(["evaluate", "reset-ising", "negativity", "--set", "r=0", "--set", "g=1",
                       "--method", method, "--quiet"])
    assert rc == 3, err
    assert "not unique" in err and "not allowed" not in err


def test_non_unique_json_reports_nullity():
    rc, out, _ = _run(["evaluate", "reset-general", "negativity", "--set", "r=0", "--set", "g=1", "--json",
                       "--quiet"])
    assert rc == 3
    assert json.loads(out)["unique"] is False


def test_repeated_set_is_an_error():
    rc, _, err = _run(["evaluate", "reset-ising", "negativity", "--set", "g=1", "--set", "g=2.5", "--set", "r=1"])
    assert rc == 2 and "each NAME once" in err


def test_negative_zero_prints_as_zero():
    rc, out, _ = _run(["evaluate", "reset-ising", "negativity", "--set", "g=1", "--set", "r=2", "--json", "--quiet"])
    assert rc == 0 and '"value": 0.0' in out and "-0.0" not in out


def test_closed_pipe_is_quiet():
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    p = subprocess.Popen([sys.executable, "-m", "symbolic_ness", "derive", "reset-ising", "--quiet"],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=ROOT)
    p.stdout.close()  # the reader went away (`| head` after its lines)
    err = p.stderr.read().decode()
    rc = p.wait(120)
    assert rc in (0, 141), err
    assert "please report" not in err and "Traceback" not in err


def test_help_text_for_every_argument():
    commands = ["evaluate", "latex", "derive", "lambdify", "codegen", "sweep", "list", "cache", "reproduce"]
    for cmd in commands:
        rc, out, _ = _run([cmd, "--help"])
        assert rc == 0
        for section in ("positional arguments:", "options:"):
            if section not in out:
                continue
            body = out.split(section, 1)[1].split("\n\n", 1)[0].splitlines()
            entries = []
            for line in body:
                if re.match(r"^  \S", line):
                    entries.append([line])
                elif entries:
                    entries[-1].append(line)
            for e in entries:
                words = " ".join(e).split()
                # "NAME  help text": at least one word of help after the argument's own tokens
                assert len(words) >= 2 and not all(w.startswith("-") or w.isupper() or w.startswith("{")
                                                   or w.endswith(",") for w in words[1:]), (cmd, e)


def test_catalogue_name_is_never_shadowed_by_a_file(tmp_path, monkeypatch):
    (tmp_path / "reset-ising").write_text("this is not TOML [[[")
    (tmp_path / "mymodel").write_text("sites = 2\n")
    monkeypatch.chdir(tmp_path)
    rc, out, err = _run(["evaluate", "reset-ising", "negativity", "--set", "g=2", "--set", "r=5", "--quiet"])
    assert rc == 0, err
    rc, _, err = _run(["evaluate", "./reset-ising", "negativity", "--quiet"])
    assert rc == 2 and "TOML" in err  # with a path separator it is the file
    rc, _, err = _run(["evaluate", "mymodel", "negativity", "--quiet"])
    assert rc == 2 and "./mymodel" in err  # ambiguous: an error naming the fix


def test_closed_form_of_a_five_parameter_file_is_not_refused():
    # refused before as "16 unknowns with 5 free symbols is too large" although the library finishes
    rc, out, err = _run(["latex", XXZ, "negativity", "--quiet"])
    assert rc == 0, err
    assert out.startswith(r"\mathcal{N}") and "kappa" in out


def test_timeout_is_a_one_line_refusal(tmp_path):
    # a command with a minute of work (the d = 3 Jaynes-Cummings negativity in closed form): the
    # budget always runs out first (the previous command, a steady state with parameters missing,
    # raced the 0.05 s budget against its own quick refusal and lost once on a fresh clone)
    jc = str(ROOT / "examples" / "jaynes_cummings_pumped.toml")
    r = _cli(["latex", jc, "negativity", "--timeout", "0.05"],
             env={"SYMBOLIC_NESS_NO_CACHE": "1", "SYMBOLIC_NESS_CACHE_DIR": str(tmp_path)})
    assert r.returncode == 2, r.stderr
    assert "time budget" in r.stderr and "--timeout" in r.stderr and r.stderr.count("\n") == 1


def test_progress_line_and_quiet(tmp_path):
    env = {"SYMBOLIC_NESS_NO_CACHE": "1", "SYMBOLIC_NESS_CACHE_DIR": str(tmp_path),
           "SYMBOLIC_NESS_PROGRESS_DELAY": "0", "SYMBOLIC_NESS_QUIET": "0"}
    r = _cli(["evaluate", XXZ, "negativity", "--set", "J=1", "--set", "Delta=0.5", "--set", "h=0.3",
              "--set", "kappa=1", "--set", "p=0.2"], env=env)
    assert r.returncode == 0, r.stderr
    lines = r.stderr.splitlines()
    assert any("steady state" in ln and "done in" in ln for ln in lines), r.stderr
    assert all(ln.startswith("symbolic-ness: [") for ln in lines)  # one line per update (not a terminal)
    q = _cli(["evaluate", XXZ, "negativity", "--set", "J=1", "--set", "Delta=0.5", "--set", "h=0.3",
              "--set", "kappa=1", "--set", "p=0.2", "--quiet"], env=env)
    assert q.returncode == 0 and q.stderr == "" and q.stdout == r.stdout


def test_library_logs_stage_timings(caplog):
    import logging
    m = symbolic_ness.load_model('sites = 2\nhamiltonian = "g*Z0*Z1 + X0"\n[parameters]\ng = "real"\n'
                                 '[[jump]]\noperator = "Sm0"\nrate = "1"\n[[jump]]\noperator = "Sm1"\nrate = "1"\n')
    with caplog.at_level(logging.INFO, logger="symbolic_ness"):
        symbolic_ness.steady_state(m)
    msgs = [r.getMessage() for r in caplog.records if r.name == "symbolic_ness"]
    assert any(m.startswith("steady state") and "done in" in m for m in msgs), msgs


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="process groups and SIGINT")
def test_ctrl_c_during_a_dask_sweep_is_one_line_and_130(tmp_path):
    import signal
    import time
    env = dict(os.environ, PYTHONPATH=str(ROOT), SYMBOLIC_NESS_QUIET="1", SYMBOLIC_NESS_CACHE_DIR=str(tmp_path))
    p = subprocess.Popen([sys.executable, "-m", "symbolic_ness", "sweep", "reset-symmetric", "pair-negativity",
                          "--grid", "r=1:50:400", "--set", "N=12", "--set", "g=5", "--method", "numeric",
                          "--workers", "2", "--out", str(tmp_path / "c.nc")],
                         env=env, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, start_new_session=True)
    try:
        seen = b""
        t0 = time.monotonic()
        while b"points" not in seen and time.monotonic() - t0 < 240:  # the cluster is computing
            chunk = p.stderr.read1(256)
            if not chunk:
                break
            seen += chunk
        os.killpg(p.pid, signal.SIGINT)  # Ctrl-C reaches the whole foreground process group
        err = (seen + p.stderr.read()).decode()
        rc = p.wait(120)
    finally:
        if p.poll() is None:
            os.killpg(p.pid, signal.SIGKILL)
    assert rc == 130, err
    assert "Traceback" not in err and "distributed" not in err, err
    assert err.rstrip().endswith("symbolic-ness: error: interrupted"), err


def test_threshold_range_with_inf_is_one_line():
    f = str(ROOT / "examples" / "hdb_reset_ising.toml")
    rc, _, err = _run(["evaluate", f, "threshold", "--set", "g=1", "--set", "gamma=1", "--set", "scan=r",
                       "--set", "range=0,inf", "--quiet"])
    assert rc == 2 and err.count("\n") == 1 and "finite" in err, err
