"""CLI start-up (issue 11): ``list`` and ``--help`` import neither sympy nor scipy, a warm
closed-form ``evaluate`` does not derive again (since issue 22 it rebuilds the numpy function
from the cached, re-certified expression, so it imports sympy), and they print exactly what the
eager path (the live catalogue, a cold cache, no cache) prints; the lazy re-exports resolve to
the same objects as before."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import symbolic_ness
import symbolic_ness.app as app

# runs the CLI in a fresh interpreter and reports, on the last stderr line, which heavy
# packages were imported
_WRAPPER = r"""
import json, sys
from symbolic_ness.app import main
rc = main(sys.argv[1:])
sys.stdout.flush()
heavy = sorted({m.split(".")[0] for m in sys.modules} & {"sympy", "scipy", "matplotlib", "flint", "mpmath"})
print("HEAVY " + json.dumps(heavy), file=sys.stderr)
raise SystemExit(rc)
"""

EVAL = ("evaluate", "reset-ising", "negativity", "--set", "g=2.5", "--set", "r=10", "--set", "gamma=1", "--json")


def _run(*args, cache: Path, env=None):
    e = dict(os.environ, SYMBOLIC_NESS_CACHE_DIR=str(cache))
    e.pop("SYMBOLIC_NESS_NO_CACHE", None)
    e.update(env or {})
    res = subprocess.run([sys.executable, "-c", _WRAPPER, *args], capture_output=True, text=True, env=e,
                         timeout=600)
    *err, last = res.stderr.splitlines() or [""]
    assert last.startswith("HEAVY "), res.stderr
    return res.returncode, res.stdout, "\n".join(err), json.loads(last[6:])


def test_stored_catalogue_description_is_current_and_exact():
    stored = app.load_manifest()
    assert stored is not None, "app/catalog_manifest.json is stale: run `make manifest`"
    live = json.loads(json.dumps(app.describe_catalog()))
    assert stored == live
    assert [m["name"] for m in stored["models"]] == list(app.catalog())


def test_list_and_help_import_no_sympy_and_print_the_catalogue(tmp_path):
    rc, out, err, heavy = _run("list", cache=tmp_path)
    assert rc == 0 and not err and heavy == []
    for m in app.describe_catalog()["models"]:
        assert f"  {m['name']}: " in out
        for q in m["quantities"]:
            assert f"    - {q['name']}" in out
    rc, hout, _, heavy = _run("--help", cache=tmp_path)
    assert rc == 0 and heavy == [] and out.strip() in hout and "exit status:" in hout


def test_list_equals_the_live_catalogue_rendering(tmp_path):
    """The manifest path prints byte for byte what the live catalogue prints (the catalogue is
    loaded in this process first, so the in-process CLI renders from it)."""
    import contextlib
    import io
    app.catalog()
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        assert app.main(["list"]) == 0
    _, out, _, _ = _run("list", cache=tmp_path)
    assert out == buf.getvalue()


def test_warm_closed_form_evaluate_gives_the_same_bytes_from_the_certified_expression(tmp_path):
    """Warm: the negativity is regenerated from the cached expression (data, re-certified by a
    modular steady-state check; issue 22: nothing stored is executed, so sympy is imported) and
    prints byte for byte what the cold cache and no cache print."""
    cold = _run(*EVAL, cache=tmp_path)
    entries = sorted(p.name for p in tmp_path.glob("*.json"))
    warm = _run(*EVAL, cache=tmp_path)
    nocache = _run(*EVAL, cache=tmp_path / "other", env={"SYMBOLIC_NESS_NO_CACHE": "1"})
    assert cold[0] == warm[0] == nocache[0] == 0
    assert cold[1] == warm[1] == nocache[1]
    assert not warm[2], warm[2]  # no cache warning: the entry certified
    assert any(n.startswith("numpy-expr-") for n in entries)
    assert sorted(p.name for p in tmp_path.glob("*.json")) == entries  # nothing re-derived or rewritten
    assert "scipy" not in warm[3], warm[3]
    assert json.loads(warm[1])["value"] == pytest.approx(0.03409090909090909, rel=1e-15)
    # other points and the vectorized evaluator agree bit for bit with the derived one
    for g, r in ((0.3, 0.7), (7.0, 2.0), (2.5, 1e-3)):
        args = ("evaluate", "reset-ising", "negativity", "--set", f"g={g}", "--set", f"r={r}", "--json")
        w = _run(*args, cache=tmp_path)
        n = _run(*args, cache=tmp_path / "other", env={"SYMBOLIC_NESS_NO_CACHE": "1"})
        assert w[1] == n[1] and not w[2]


def test_bad_input_stays_one_line_exit_2_without_sympy(tmp_path):
    for args, text in ((("evaluate", "no-model", "negativity"), "'MODEL'"),
                       (("evaluate", "reset-ising", "no-quantity"), "'QUANTITY'"),
                       (("evaluate", "reset-ising", "negativity", "--set", "g=-1", "--set", "r=1"), "'g'"),
                       (("evaluate", "reset-ising", "negativity", "--set", "g=1", "--set", "r=x"), "'r'"),
                       (("evaluate", "reset-ising", "negativity", "--set", "g=1", "--method", "magic"), "'method'")):
        rc, out, err, heavy = _run(*args, cache=tmp_path)
        assert rc == 2 and out == "" and heavy == [], (args, err, heavy)
        assert len(err.splitlines()) == 1 and err.startswith("symbolic-ness: error: ") and text in err


def test_non_unique_point_still_derives_exactly(tmp_path):
    """r = 0: the exact solve runs (sympy imported) and reports the non-unique steady state."""
    rc, out, err, heavy = _run("evaluate", "reset-ising", "negativity", "--set", "g=1", "--set", "r=0",
                               cache=tmp_path)
    assert rc == 3 and "not unique" in err and "null-space dimension 4" in err and "sympy" in heavy  # exit 3 everywhere


def test_lazy_names_resolve_as_before():
    import symbolic_ness.core as core
    import symbolic_ness.engines as engines
    import symbolic_ness.export as export
    for mod in (symbolic_ness, app):
        assert mod.__all__ and set(mod.__all__) <= set(dir(mod))
        for name in mod.__all__:
            assert getattr(mod, name) is not None, name
    assert symbolic_ness.steady_state is core.steady_state and symbolic_ness.Model is core.Model
    assert symbolic_ness.load_model is engines.load_model and symbolic_ness.cache.cached is symbolic_ness.cached
    assert app.latex_document is export.latex_document
    assert symbolic_ness.lambdify is export.lambdify
    ns: dict = {}
    exec("from symbolic_ness import *", ns)
    assert set(symbolic_ness.__all__) <= set(ns)
    with pytest.raises(AttributeError):
        symbolic_ness.no_such_name  # noqa: B018
    with pytest.raises(ImportError):
        exec("from symbolic_ness.app import no_such_name", {})


def test_import_symbolic_ness_is_light():
    code = ("import sys, symbolic_ness, symbolic_ness.app; "
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'sympy', 'scipy', 'numpy'}))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120).stdout
    assert out.strip() == "[]"
