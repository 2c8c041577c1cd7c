"""The derived-equations document compiles with pdflatex, long equations broken across lines."""
from __future__ import annotations

import re
import shutil

import pytest
import sympy as sp

from symbolic_ness.app import reproduce
from symbolic_ness.export import break_equation, latex_document, latex_pdf

HAVE_TEX = shutil.which("pdflatex") is not None
g, r, gamma = sp.symbols("g r gamma", positive=True)
LONG_POLY = sp.latex(sp.expand((g + 2 * r + 3 * gamma + 1) ** 9))
LONG_FRAC = sp.latex(sp.expand((g + r + gamma) ** 6) / sp.expand((g - r + 2) ** 5))
MATRIX = sp.latex(sp.Matrix(4, 4, lambda i, j: sp.expand((g + i * r + j * gamma) ** 3) / (g + r + 1 + i + j)))
SQRT = sp.latex(sp.sqrt(sp.expand((g + r + gamma + 1) ** 7)) - g)
SECTIONS = [("Synthetic & long: gamma_c, <zz>", [
    ("a long polynomial (Eq. 7)", r"P = " + LONG_POLY),
    ("a long fraction", r"\mathcal N = \max\left(0, " + LONG_FRAC + r"\right)"),
    ("a 4x4 matrix (Eqs. 5-6)", r"\rho = " + MATRIX),
    ("a long root", r"\[ x = " + SQRT + r" \]"),
    ("aligned rows", r"\begin{aligned}a &= " + LONG_POLY + r"\\ b &= 1\end{aligned}"),
    ("text only", r"\text{no closed form}"),
])]


def _overfull(log: str) -> list:
    return [float(x) for x in re.findall(r"Overfull \\hbox \(([\d.]+)pt too wide\)", log)]


def test_rows_are_short_and_every_equation_is_labelled_and_cross_referenced():
    rows = break_equation("P = " + LONG_POLY, width=44)
    assert len(rows) > 5 and rows[0][0] == "P" and all(lhs == "" for lhs, _ in rows[1:])
    doc = latex_document(SECTIONS)
    labels = re.findall(r"\\label\{([^}]+)\}", doc)
    assert len(labels) == len(SECTIONS[0][1]) == len(set(labels))
    assert r"\eqref{" + labels[0] + "}" in doc and "Eq.~(7)" in doc and "Eq.~(5)--Eq.~(6)" in doc
    assert r"\section{Synthetic \& long: gamma\_c, $<$zz$>$}" in doc
    assert doc.count(r"\begin{align}") == 5 and r"\Bigl(" in doc and r"^{1/2}" in doc


@pytest.mark.skipif(not HAVE_TEX, reason="pdflatex not installed")
def test_synthetic_document_compiles_without_overfull_lines(tmp_path):
    pdf = latex_pdf(latex_document(SECTIONS), tmp_path / "doc.pdf")
    assert pdf.exists() and pdf.stat().st_size > 5000
    log = pdf.with_suffix(".log").read_text()
    assert not [w for w in _overfull(log) if w > 20], _overfull(log)
    assert "undefined references" not in log


@pytest.mark.skipif(not HAVE_TEX, reason="pdflatex not installed")
def test_cli_latex_standalone_compiles(cli, tmp_path):
    p = cli("latex", "reset-ising", "negativity", "--standalone")
    assert p.returncode == 0, p.stderr
    assert p.stdout.startswith(r"\documentclass") and p.stdout.rstrip().endswith(r"\end{document}")
    assert latex_pdf(p.stdout, tmp_path / "snippet.pdf").exists()


@pytest.mark.slow
@pytest.mark.skipif(not HAVE_TEX, reason="pdflatex not installed")
def test_reproduce_writes_a_compiled_pdf_of_the_hdb_sections(tmp_path):
    # the HDB sections hold the widest expressions (degree-32 polynomials, 4x4 matrices, N = 4)
    rc = reproduce(tmp_path, only=["hdb-sec2", "hdb-sec3-general", "hdb-sec3-nqubits"])
    assert rc == 0
    tex = (tmp_path / "derived_equations.tex").read_text()
    assert tex.count(r"\label{") >= 25 and r"\eqref{" in tex
    log = (tmp_path / "derived_equations.log").read_text()
    assert (tmp_path / "derived_equations.pdf").stat().st_size > 50_000
    assert not [w for w in _overfull(log) if w > 20], _overfull(log)
