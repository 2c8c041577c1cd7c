"""Disk cache, exact LaTeX strings and the CLI's generic behaviour."""
from __future__ import annotations

import json

import sympy as sp

from symbolic_ness import Jump, Model, liouvillian_spectrum, model_latex, sigma_minus, spectrum_latex, steady_state_latex, steady_state
from symbolic_ness import cache

k = sp.Symbol("kappa", positive=True)


def decay():
    return Model(1, sp.zeros(2, 2), jumps=[Jump(sigma_minus(), k, r"\sigma_-")], name="decay")


def test_cache_roundtrip_and_disable(tmp_path, monkeypatch):
    monkeypatch.setenv("SYMBOLIC_NESS_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("SYMBOLIC_NESS_NO_CACHE", raising=False)
    calls = []

    def check(res, args, kwargs):  # only a kind with a certificate is stored (issue 22)
        if res["value"] != sp.Matrix([[args[1] ** 2, k]]):
            raise ValueError("not the square")

    @cache.cached("test-square", certify=check)
    def square(m, x):
        calls.append(x)
        return {"value": sp.Matrix([[x ** 2, k]]), "list": [x, (x, 1)]}

    m = decay()
    first = square(m, sp.Symbol("y"))
    second = square(m, sp.Symbol("y"))
    assert first == second and len(calls) == 1
    files = list(tmp_path.glob("test-square-*.json"))
    assert len(files) == 1 and sp.__version__ in json.dumps(sp.__version__)
    # keyed by sympy version: a different version string gives another file
    monkeypatch.setattr(sp, "__version__", "0.0-test")
    square(m, sp.Symbol("y"))
    assert len(list(tmp_path.glob("test-square-*.json"))) == 2 and len(calls) == 2
    # keyed by the package version and the hash of the deriving code
    monkeypatch.setattr(cache, "package_version", lambda: "0.0.0-test")
    square(m, sp.Symbol("y"))
    assert len(list(tmp_path.glob("test-square-*.json"))) == 3 and len(calls) == 3
    monkeypatch.setattr(cache, "code_hash", lambda module: "edited-code")
    square(m, sp.Symbol("y"))
    assert len(list(tmp_path.glob("test-square-*.json"))) == 4 and len(calls) == 4
    monkeypatch.setenv("SYMBOLIC_NESS_NO_CACHE", "1")
    square(m, sp.Symbol("y"))
    assert len(calls) == 5
    assert cache.clear_cache() == 4 and not list(tmp_path.glob("*.json"))


def test_code_hash_covers_the_module_and_core():
    h = cache.code_hash("symbolic_ness.core._entanglement")
    assert len(h) == 16 and h == cache.code_hash("symbolic_ness.core._entanglement")
    assert cache.code_hash("symbolic_ness.papers.hdb._two_qubit") != h  # its own directory too


def _snapshot(d):
    return {str(f): f.stat().st_mtime_ns for f in d.rglob("*")} if d.exists() else None


def test_suite_never_touches_the_user_cache(cli, tmp_path):
    from pathlib import Path
    user = Path.home() / ".cache" / "symbolic_ness"
    assert cache.cache_dir().resolve() != user.resolve()
    before = _snapshot(user)
    info = cli("cache", "info")  # subprocesses inherit the suite's temporary cache directory
    assert info.returncode == 0 and str(cache.cache_dir()) in info.stdout
    # a derivation writes to the configured directory only; clear empties it
    env = {"SYMBOLIC_NESS_CACHE_DIR": str(tmp_path)}
    assert cli("evaluate", "reset-ising", "steady-state", "--set", "g=2", "--set", "r=3", env=env).returncode == 0
    assert list(tmp_path.glob("*.json"))
    cleared = cli("cache", "clear", env=env)
    assert cleared.returncode == 0 and "removed" in cleared.stdout and not list(tmp_path.glob("*.json"))
    assert _snapshot(user) == before


def test_latex_exact_strings():
    m = decay()
    assert model_latex(m) == (r"\begin{aligned}\dot{\rho} &= \kappa \mathcal{D}[L_{1}]\rho \\ "
                              r"L_{1} &= \sigma_{1}^{-} \\ "
                              r"\mathcal{D}[L]\rho &= L \rho L^{\dagger} - \frac{L^{\dagger} L \rho}{2} "
                              r"- \frac{\rho L^{\dagger} L}{2}\end{aligned}")
    assert spectrum_latex(liouvillian_spectrum(m)) == (
        r"\begin{aligned}\lambda_{1} &= 0 \quad \text{(multiplicity 1)} \\ "
        r"\lambda_{2} &= - \kappa \quad \text{(multiplicity 1)} \\ "
        r"\lambda_{3} &= - \frac{\kappa}{2} \quad \text{(multiplicity 2)}\end{aligned}")
    assert steady_state_latex(steady_state(m)) == r"\rho_{\mathrm{ss}} = \begin{pmatrix}0 & 0\\0 & 1\end{pmatrix}"


def test_cli_help_lists_models_and_bad_model(cli):
    res = cli("--help")
    assert res.returncode == 0
    for name in ("reset-ising", "xx-ness", "xx-thermal"):
        assert name in res.stdout
    bad = cli("evaluate", "no-such-model", "negativity")
    assert bad.returncode == 2 and "MODEL" in bad.stderr and "Traceback" not in bad.stderr
