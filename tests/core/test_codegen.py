"""Generated stand-alone evaluators (numpy, C99, JAX) against the catalogue's ``evaluate``."""
from __future__ import annotations

import ast
import ctypes
import importlib.util
import shutil
import subprocess
import sys

import numpy as np
import pytest
import sympy as sp

from symbolic_ness.app import catalog, closed_form, parse_params
from symbolic_ness.export import generate_code, lambdify
from symbolic_ness import ParameterError

RNG = np.random.default_rng(12)
# random points, most of them inside the entangled region of HDB Fig. 1 (N > 0), some outside
POINTS = np.column_stack([RNG.uniform(0.5, 10, 40), RNG.uniform(0.5, 20, 40), RNG.uniform(0.3, 2.0, 40)])


@pytest.fixture(scope="module")
def negativity_cf():
    return closed_form("reset-ising", "negativity")


def _evaluate(g, r, gamma):
    m = catalog()["reset-ising"]
    return m.quantities["negativity"].fn(parse_params(m, "negativity", {"g": g, "r": r, "gamma": gamma}), "exact")


@pytest.fixture(scope="module")
def reference():
    return np.array([_evaluate(*p) for p in POINTS])


def _close(got, want):
    got, want = np.asarray(got, float), np.asarray(want, float)
    assert np.all(np.abs(got - want) <= 1e-12 * np.abs(want) + 1e-15), np.max(np.abs(got - want))


def _load(path, name):
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_closed_form_arguments_and_entangled_points(negativity_cf, reference):
    assert [a.name for a in negativity_cf.args] == ["g", "r", "gamma"]
    assert (reference > 0).sum() >= 10 and (reference == 0).sum() >= 3  # both regions are tested


def test_python_module_is_standalone_and_matches_evaluate(tmp_path, negativity_cf, reference):
    code = generate_code(negativity_cf.expr, negativity_cf.args, "python", name="negativity", model="reset-ising")
    (path,) = code.write(tmp_path)
    text = path.read_text()
    imported = {a.name.split(".")[0] for node in ast.walk(ast.parse(text)) if isinstance(node, ast.Import)
                for a in node.names} | {node.module.split(".")[0] for node in ast.walk(ast.parse(text))
                                         if isinstance(node, ast.ImportFrom)}
    assert imported == {"numpy"}
    mod = _load(path, "negativity_gen")
    assert "Formula (LaTeX)" in mod.__doc__ and "g > 0" in mod.__doc__ and "reset-ising" in mod.__doc__
    assert "t0 = " in text  # common subexpressions eliminated
    _close(mod.negativity(POINTS[:, 0], POINTS[:, 1], POINTS[:, 2]), reference)  # vectorized
    _close([mod.negativity(*p) for p in POINTS], reference)                      # scalars
    # outside the derivation's domain (g, r, gamma > 0): NaN, never a value
    assert np.isnan(mod.negativity(2.0, 0.0, 1.0)) and np.isnan(mod.negativity(-1.0, 5.0, 1.0))


@pytest.mark.skipif(shutil.which("cc") is None, reason="no C compiler")
def test_c_code_compiles_and_matches_evaluate(tmp_path, negativity_cf, reference):
    code = generate_code(negativity_cf.expr, negativity_cf.args, "c", name="negativity", model="reset-ising")
    code.write(tmp_path)
    assert "double negativity(double g, double r, double gamma);" in code.files["negativity.h"]
    lib = tmp_path / "libnegativity.so"
    subprocess.run(["cc", "-O2", "-std=c99", "-Wall", "-Werror", "-pedantic", "-shared", "-fPIC",
                    "-o", str(lib), str(tmp_path / "negativity.c"), "-lm"], check=True, capture_output=True)
    so = ctypes.CDLL(str(lib))
    so.negativity.restype = ctypes.c_double
    so.negativity.argtypes = [ctypes.c_double] * 3
    _close([so.negativity(*p) for p in POINTS], reference)
    dp = ctypes.POINTER(ctypes.c_double)
    so.negativity_vec.argtypes = [ctypes.c_size_t, dp, dp, dp, dp]
    cols = [np.ascontiguousarray(POINTS[:, k]) for k in range(3)]
    out = np.empty(len(POINTS))
    so.negativity_vec(len(POINTS), *[c.ctypes.data_as(dp) for c in cols], out.ctypes.data_as(dp))
    _close(out, reference)
    assert np.isnan(so.negativity(2.0, 0.0, 1.0))


def test_jax_module_jits_and_differentiates(tmp_path, negativity_cf, reference):
    jax = pytest.importorskip("jax")
    code = generate_code(negativity_cf.expr, negativity_cf.args, "jax", name="negativity")
    (path,) = code.write(tmp_path)
    mod = _load(path, "negativity_jax")
    f = jax.jit(mod.negativity)
    _close(np.asarray(f(POINTS[:, 0], POINTS[:, 1], POINTS[:, 2])), reference)
    # derivative in r against the exact derivative of the closed form at an entangled point
    g, r, gamma = negativity_cf.args
    k = int(np.argmax(reference))
    exact = float(sp.diff(negativity_cf.expr.args[1] if isinstance(negativity_cf.expr, sp.Max) else negativity_cf.expr,
                          r).subs(dict(zip((g, r, gamma), map(sp.Float, POINTS[k])))))
    d = float(jax.grad(mod.negativity, argnums=1)(*map(float, POINTS[k])))
    assert abs(d - exact) <= 1e-10 * abs(exact)


def test_generic_expression_all_languages_agree_with_lambdify(tmp_path):
    x = sp.Symbol("x", positive=True)
    y = sp.Symbol("lambda", real=True)  # a Python keyword as a parameter name
    e = sp.sqrt(x) * sp.Rational(1, 3) + sp.Max(y, x ** 2 - 1) / (1 + x) + sp.Min(0, y) * sp.exp(-x)
    pts = np.column_stack([RNG.uniform(0.1, 3, 25), RNG.uniform(-2, 2, 25)])
    ref = lambdify(e, (x, y))(pts[:, 0], pts[:, 1])
    mod = _load(generate_code(e, (x, y), "python", name="f").write(tmp_path / "py")[0], "f_gen")
    _close(mod.f(pts[:, 0], pts[:, 1]), ref)
    assert mod.ARGS == ("x", "lambda")


def test_bad_requests_are_parameter_errors():
    x = sp.Symbol("x", positive=True)
    with pytest.raises(ParameterError, match="lang"):
        generate_code(x, (x,), "fortran")
    with pytest.raises(ParameterError, match="args"):
        generate_code(x + sp.Symbol("y"), (x,), "python")
    with pytest.raises(ParameterError, match="identifier"):
        generate_code(x, (x,), "c", name="not a name")
    with pytest.raises(ParameterError, match="real closed form"):
        generate_code(sp.I * x, (x,), "c")


def test_cli_codegen_writes_files_and_rejects_quantities_without_closed_form(cli, tmp_path):
    p = cli("codegen", "reset-ising", "negativity", "--lang", "python", "--set", "gamma=1", "--out", tmp_path)
    assert p.returncode == 0, p.stderr
    mod = _load(tmp_path / "negativity.py", "negativity_cli")
    assert mod.ARGS == ("g", "r")  # gamma fixed exactly by --set
    _close(mod.negativity(POINTS[:, 0], POINTS[:, 1]),
           [_evaluate(g, r, 1.0) for g, r, _ in POINTS])
    bad = cli("codegen", "reset-ising", "spectrum", "--lang", "c")
    assert bad.returncode == 2 and "closed form" in bad.stderr and "Traceback" not in bad.stderr


# ------------------------------------------------------------------ refusals (session-4 audit)
def test_codegen_refuses_implicit_roots_with_parameters():
    """A RealRoot with parameter-dependent coefficients has no stand-alone code: a ParameterError
    naming the degree, before any printing (it was an internal printer error)."""
    from symbolic_ness.algebra import RealRoot
    x = sp.Symbol("x", positive=True)
    expr = sp.Max(0, -RealRoot(0, 1, 0, -3 * x, 1))  # smallest root of mu^3 - 3 x mu + 1
    for lang in ("python", "c", "jax"):
        with pytest.raises(ParameterError, match="degree-3"):
            generate_code(expr, (x,), lang, name="f")


def test_codegen_negativity_too_large_is_refused_in_one_line(tmp_path):
    """examples/chiral_dm_pair.toml with kappa and p free: the PT characteristic polynomial is an
    irreducible quartic with 833-term coefficients of degree 60 (it ran > 10 min, then could not
    be printed). The CLI refuses in one line, exit 2, naming the free parameters and what to do."""
    import os
    from pathlib import Path
    example = Path(__file__).resolve().parents[2] / "examples" / "chiral_dm_pair.toml"
    code = "import sys; from symbolic_ness.app import main; sys.exit(main(sys.argv[1:]))"
    env = dict(os.environ, SYMBOLIC_NESS_CACHE_DIR=str(tmp_path / "cache"))
    out = subprocess.run([sys.executable, "-c", code, "codegen", str(example), "negativity", "--set", "D=2.62",
                          "--set", "J=-2.49", "--set", "b=-0.29", "--out", str(tmp_path / "gen")],
                         capture_output=True, text=True, env=env, timeout=240)
    assert out.returncode == 2, out.stderr
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and "kappa, p" in lines[0] and "degree-4" in lines[0]
    assert "fix more parameters" in lines[0] and "point by point" in lines[0]
    assert not (tmp_path / "gen").exists()

