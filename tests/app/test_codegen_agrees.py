"""Generated code equals ``evaluate`` everywhere it is defined (issue 21 item 5).

The generated C (compiled with the system C compiler when there is one) and Python evaluators
of a catalogued closed form are compared with ``symbolic-ness evaluate`` on a grid that includes
the domain edges (g = 0, gamma = 0, r = 0): where ``evaluate`` gives a value the generated code
gives the same value (before: NaN at g = 0, a removable edge of the closed form); where the
steady state is not unique (``evaluate`` exits 3) the generated code returns NaN. The JAX module
changes no global JAX setting; ``RealRoot`` takes real roots only."""
from __future__ import annotations

import ast
import contextlib
import ctypes
import importlib.util
import io
import itertools
import json
import math
import shutil
import subprocess

import numpy as np
import pytest
import sympy as sp

from symbolic_ness import RealRoot, lambdify
from symbolic_ness.app import main

GRID = {"g": (0.0, 0.7, 2.0), "r": (0.0, 0.4, 3.0), "gamma": (0.0, 1.0, 2.5)}


def _run(argv):
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        rc = main(argv)
    return rc, out.getvalue(), err.getvalue()


def _evaluate(model, g, r, gamma):
    rc, out, err = _run(["evaluate", model, "negativity", "--set", f"g={g}", "--set", f"r={r}",
                         "--set", f"gamma={gamma}", "--json", "--quiet"])
    if rc == 3:
        return math.nan  # not unique: evaluate gives no value
    assert rc == 0, err
    return json.loads(out)["value"]


def _python_module(path):
    spec = importlib.util.spec_from_file_location(path.stem + "_generated", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _c_function(d, name):
    cc = shutil.which("gcc") or shutil.which("cc")
    if cc is None:
        return None
    lib = d / f"lib{name}.so"
    subprocess.run([cc, "-O1", "-std=c99", "-shared", "-fPIC", "-o", str(lib), str(d / f"{name}.c"), "-lm"],
                   check=True, capture_output=True)
    f = getattr(ctypes.CDLL(str(lib)), name)
    f.restype = ctypes.c_double
    f.argtypes = [ctypes.c_double] * 3
    return f


def _same(a, b):
    if math.isnan(a) or math.isnan(b):
        return math.isnan(a) and math.isnan(b)
    return abs(a - b) <= 1e-12 * max(1.0, abs(a), abs(b))


@pytest.mark.parametrize("model", ["reset-ising", "reset-heisenberg"])
def test_generated_code_equals_evaluate_on_a_grid_with_edges(model, tmp_path):
    for lang in ("python", "c"):
        rc, _, err = _run(["codegen", model, "negativity", "--lang", lang, "--out", str(tmp_path / lang),
                           "--quiet"])
        assert rc == 0, err
    py = _python_module(tmp_path / "python" / "negativity.py").negativity
    c = _c_function(tmp_path / "c", "negativity")
    points = list(itertools.product(GRID["g"], GRID["r"], GRID["gamma"]))
    bad = []
    for g, r, gamma in points:
        ref = _evaluate(model, g, r, gamma)
        got = [float(py(g, r, gamma))] + ([c(g, r, gamma)] if c is not None else [])
        if not all(_same(ref, v) for v in got):
            bad.append(((g, r, gamma), ref, got))
    assert not bad, bad
    # the vectorized python evaluator agrees with its scalar calls
    g, r, gamma = (np.array(v) for v in zip(*points))
    vec = py(g, r, gamma)
    assert all(_same(float(v), float(py(*p))) for v, p in zip(vec, points))


def test_jax_module_changes_no_global_setting(tmp_path):
    rc, _, err = _run(["codegen", "reset-ising", "negativity", "--lang", "jax", "--out", str(tmp_path), "--quiet"])
    assert rc == 0, err
    src = (tmp_path / "negativity.py").read_text()
    tree = ast.parse(src)
    calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and "config" in ast.unparse(n.func)]
    assert not calls, [ast.unparse(c) for c in calls]
    assert "jax_enable_x64" in ast.get_docstring(tree)  # says how to enable 64-bit floats


def test_real_root_never_takes_the_real_part_of_a_complex_root():
    x = sp.Symbol("x", positive=True)
    # x^3 - 1 has one real root, 1; the complex pair has real part -1/2
    assert float(RealRoot(0, sp.Float(1.0), 0, 0, -1)) == pytest.approx(1.0, abs=1e-14)
    assert RealRoot(1, sp.Float(1.0), 0, 0, -1) is sp.nan
    f = lambdify(RealRoot(0, 1, 0, 0, -x), (x,))
    assert np.allclose(f(np.array([1.0, 8.0, 27.0])), [1.0, 2.0, 3.0], rtol=1e-12)
    g = lambdify(RealRoot(1, 1, 0, 0, -x), (x,))
    assert np.isnan(g(np.array([1.0, 8.0]))).all()
    # a double root stays real (its numeric imaginary part is ~sqrt(eps), not zero)
    h = lambdify(RealRoot(0, 1, -2 * x, x ** 2), (x,))
    assert np.allclose(h(np.array([1.0, 3.0])), [1.0, 3.0], rtol=1e-7)
