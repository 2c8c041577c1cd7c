"""``make docs``: the Sphinx site builds with warnings as errors; notebooks executed, maths offline."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytest.importorskip("sphinx")
pytest.importorskip("myst_nb")


@pytest.mark.slow
def test_docs_build_with_warnings_as_errors(tmp_path):
    out = tmp_path / "html"
    p = subprocess.run([sys.executable, "-m", "sphinx", "-W", "--keep-going", "-q", "-b", "html",
                        str(ROOT / "docs"), str(out)], capture_output=True, text=True, timeout=900, cwd=ROOT)
    assert p.returncode == 0, p.stdout[-3000:] + p.stderr[-3000:]
    for page in ("index", "getting_started", "conventions", "sweeps_and_codegen", "api/algebra", "api/core",
                 "api/export", "api/engines", "api/papers", "api/app", "papers/hdb", "papers/znidaric"):
        assert (out / f"{page}.html").exists(), page
    notebooks = sorted(p.stem for p in (ROOT / "notebooks").glob("*.ipynb"))
    assert notebooks and all((out / "_notebooks" / f"{nb}.html").exists() for nb in notebooks)
    api = (out / "api" / "core.html").read_text()
    assert "symbolic_ness.core.steady_state" in api and "symbolic_ness.export.from_qutip" not in api
    export = (out / "api" / "export.html").read_text()
    assert "symbolic_ness.export.from_qutip" in export and "symbolic_ness.export.steady_states" in export
    assert "symbolic_ness.algebra.nullspace_pencil" in (out / "api" / "algebra.html").read_text()
    assert "symbolic_ness.app.sweep" in (out / "api" / "app.html").read_text()
    # the paper pages list every reproduced number with the derived value
    hdb = (out / "papers" / "hdb.html").read_text()
    assert hdb.count("<tr") > 20 and "0.09150635" in hdb
    # issue 21: offline maths, executed notebooks, grouped public API, wrapping code blocks
    index = (out / "index.html").read_text()
    tut = (out / "_notebooks" / "tutorial_your_model.html").read_text()  # a page with maths loads MathJax
    assert "_static/mathjax/tex-chtml.js" in tut and "cdn.jsdelivr" not in tut and "cdnjs" not in tut
    assert (out / "_static" / "mathjax" / "tex-chtml.js").stat().st_size > 100_000
    assert (out / "_static" / "mathjax" / "output" / "chtml" / "fonts" / "woff-v2").is_dir()
    assert "null-space dimension" in tut and "<img" in tut and "entangled for r/gamma in" in tut
    for group in ("Building a model", "Steady state", "Entanglement", "Sites of any dimension"):
        assert f">{group}<" in api, group
    for group in ("LaTeX", "Batched numerics", "Evaluation and generated code"):
        assert f">{group}<" in export, group
    assert 'id="symbolic_ness.core._' not in api  # no private object documented
    assert "white-space: pre-wrap" in (out / "_static" / "wrap.css").read_text()
    assert "wrap.css" in index
