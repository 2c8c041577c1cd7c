"""Cost before work (issue 21 item 6, issue 22 item 4): absurd sizes are refused up front.

Every catalogue quantity and every model-file quantity is driven with absurd sizes (10^12,
10^6) for every size-like parameter and every method; hostile numbers, expansions and malformed
files too. Each case must end with exit 2 and one clean line on stderr (never a traceback, a
MemoryError or "unexpected"). The cases run in-process inside a few subprocesses whose generous
timeouts are the "finishes" check (no wall-time assertions)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from symbolic_ness.app import catalog

ROOT = Path(__file__).resolve().parents[2]
ABSURD = ("1000000000000", "1000000")
BASE = {"g": "1", "r": "2", "gamma": "1", "beta": "1", "N": "4", "n": "4"}
XX = {"n": "4", "Gamma_L": "1", "Gamma_R": "1", "c": "1", "d": "1"}

DRIVER = r"""
import contextlib, io, json, sys
from symbolic_ness.app import main
for argv in json.loads(sys.stdin.read()):
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        rc = main(argv)
    print(json.dumps({"argv": argv, "rc": rc, "err": err.getvalue()}), flush=True)
"""


def _drive(cases, tmp_path, timeout=600):
    env = dict(os.environ, PYTHONPATH=str(ROOT), SYMBOLIC_NESS_QUIET="1",
               SYMBOLIC_NESS_CACHE_DIR=str(tmp_path / "cache"))
    r = subprocess.run([sys.executable, "-c", DRIVER], input=json.dumps(cases), capture_output=True, text=True,
                       timeout=timeout, env=env, cwd=tmp_path)
    assert r.returncode == 0, r.stderr[-2000:]
    return [json.loads(ln) for ln in r.stdout.splitlines() if ln.startswith("{")]


def _clean_refusals(results):
    bad = []
    for res in results:
        lines = res["err"].strip().splitlines()
        ok = (res["rc"] == 2 and len(lines) == 1 and lines[0].startswith("symbolic-ness: error: ")
              and "unexpected" not in lines[0] and "MemoryError" not in lines[0])
        if not ok:
            bad.append((res["argv"], res["rc"], res["err"][-300:]))
    return bad


def _catalogue_cases():
    cases = []
    for name, m in sorted(catalog().items()):
        for qn, q in m.quantities.items():
            params = {p.name: p for p in list(m.params) + list(q.params)}
            base = XX if name == "xx-ness" else BASE
            sizes = [k for k, p in params.items() if p.kind == "int"]
            for k in sizes:
                for v in ABSURD:
                    for method in q.methods:
                        sets = {kk: vv for kk, vv in base.items() if kk in params}
                        sets[k] = v
                        argv = ["evaluate", name, qn, "--method", method]
                        for kk, vv in sets.items():
                            argv += ["--set", f"{kk}={vv}"]
                        cases.append(argv)
    return cases


def test_catalogue_quantities_refuse_absurd_sizes(tmp_path):
    cases = _catalogue_cases()
    assert len(cases) > 50
    results = _drive(cases, tmp_path)
    assert len(results) == len(cases)
    assert not _clean_refusals(results)


def test_reported_cases(tmp_path):
    cases = [
        ["evaluate", "reset-symmetric", "pair-negativity", "--set", "N=1000000000000", "--set", "g=5",
         "--set", "r=40", "--json"],
        ["evaluate", "xx-ness", "correlators", "--set", "n=100000", "--set", "Gamma_L=1", "--set", "Gamma_R=1",
         "--set", "c=1", "--set", "d=1"],
        ["sweep", "reset-ising", "negativity", "--grid", "g=0:10:1000000000", "--set", "r=1",
         "--out", str(tmp_path / "x.nc")],
        ["sweep", "reset-ising", "negativity", "--grid", "g=0:10:100000", "--grid", "r=1:2:100000",
         "--out", str(tmp_path / "y.nc")],
    ]
    results = _drive(cases, tmp_path)
    assert not _clean_refusals(results)
    assert not (tmp_path / "x.nc").exists()


def _file(tmp_path, name, text):
    p = tmp_path / name
    p.write_text(text) if isinstance(text, str) else p.write_bytes(text)
    return str(p)


PAIR = 'sites = 2\nhamiltonian = "g*Z0*Z1 + X0"\n[parameters]\ng = "real"\n[[jump]]\noperator = "Sm0"\nrate = "{rate}"\n'


def test_model_files_refuse_absurd_sizes_and_hostile_input(tmp_path):
    sym = str(ROOT / "examples" / "all_to_all_symmetric.toml")
    cases = []
    for q in ("steady-state", "negativity", "pair-negativity", "purity", "expectation", "spectrum"):
        for v in ABSURD:
            for method in ("auto", "exact", "numeric"):
                cases.append(["evaluate", sym, q, "--set", f"N={v}", "--set", "J=1", "--set", "h=0.5",
                              "--set", "kappa=1", "--set", "op=Z_i", "--method", method])
    big = _file(tmp_path, "big.toml", PAIR.format(rate="1").replace("sites = 2", "sites = 1000000"))
    expansion = _file(tmp_path, "expansion.toml", PAIR.format(rate="1").replace(
        '"g*Z0*Z1 + X0"', '"(' + " + ".join(f"{a}{k}" for k in range(10) for a in "XYZ") + ')**64"')
        .replace("sites = 2", "sites = 6"))
    jumps = _file(tmp_path, "jumps.toml", PAIR.format(rate="1") + '[[jump]]\noperator = "Sm1"\nrate = "1"\n' * 100_000)
    nine = _file(tmp_path, "nine.toml", PAIR.format(rate="1").replace("sites = 2", "sites = 7"))
    files = [big, expansion, jumps, nine]
    for rate in ("1e999999999", "1e-999999999", "10**10**10", "2**999999999", "1" + "0" * 4400,
                 "g**1000000000"):
        files.append(_file(tmp_path, f"rate{len(files)}.toml", PAIR.format(rate=rate)))
    files.append(_file(tmp_path, "bigint.toml", PAIR.format(rate="1").replace('rate = "1"', "rate = 1" + "0" * 4400)))
    files.append(_file(tmp_path, "jumpint.toml", 'sites = 2\nhamiltonian = "Z0"\njump = [1, 2, 3]\n'))
    files.append(_file(tmp_path, "nested.toml", PAIR.format(rate="1") + "x = " + "[" * 20000 + "]" * 20000 + "\n"))
    files.append(_file(tmp_path, "nested2.toml", PAIR.format(rate="1") + "x = " + "{a=" * 20000 + "1" + "}" * 20000 + "\n"))
    files.append(_file(tmp_path, "latin1.toml", PAIR.format(rate="1").encode() + b"# caf\xe9\n"))
    for f in files:
        cases.append(["evaluate", f, "negativity", "--set", "g=1"])
    # numbers on the command line are bounded too
    pair = _file(tmp_path, "pair.toml", PAIR.format(rate="1"))
    for v in ("1e999999999", "10**10**10", "2**999999999", "1e-999999999"):
        cases.append(["evaluate", pair, "negativity", "--set", f"g={v}"])
    results = _drive(cases, tmp_path)
    assert len(results) == len(cases)
    assert not _clean_refusals(results)
    named = {r["argv"][1]: r["err"] for r in results if len(r["argv"]) > 1}
    assert "sites" in named[big] and "jump" in named[jumps] and "sites" in named[nine]
    assert "line" in named[str(tmp_path / "nested.toml")] and "UTF-8" in named[str(tmp_path / "latin1.toml")]
