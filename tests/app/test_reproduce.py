"""The reproduce orchestration: results.json, LaTeX document, figures, failures recorded."""
from __future__ import annotations

import json

from symbolic_ness.app import ReproduceSection, SectionResult, reproduce, sections


def test_reproduce_writes_results_latex_and_records_failures(tmp_path):
    def ok(out, progress):
        progress("computing")
        fig = out / "figures" / "dummy.png"
        fig.write_bytes(b"\x89PNG")
        return SectionResult(numbers=[{"name": "x", "paper": 0.5, "derived": 0.5 + 1e-3j * 0, "rel_error": 0.0, "note": ""}],
                             latex=[("identity", r"x = \frac{1}{2}")], figures=[fig])

    def bad(out, progress):
        raise RuntimeError("boom")

    SECTIONS = sections()
    SECTIONS["test-ok"] = ReproduceSection("test-ok", "Dummy section", ok, order=-2)
    SECTIONS["test-bad"] = ReproduceSection("test-bad", "Failing section", bad, order=-1)
    try:
        rc = reproduce(tmp_path, only=["test-ok", "test-bad"])
    finally:
        SECTIONS.pop("test-ok"); SECTIONS.pop("test-bad")
    assert rc == 1  # a failing section makes the run fail, after the others ran
    res = json.loads((tmp_path / "results.json").read_text())
    assert res["sections"]["test-bad"]["error"] == "RuntimeError: boom"
    assert res["sections"]["test-ok"]["figures"] == ["figures/dummy.png"]
    assert res["numbers"] == [{"section": "test-ok", "name": "x", "paper": 0.5, "derived": [0.5, 0.0],
                               "rel_error": 0.0, "note": ""}]
    tex = (tmp_path / "derived_equations.tex").read_text()
    assert "\\section{Dummy section}" in tex and "x = \\frac{1}{2}" in tex and tex.rstrip().endswith("\\end{document}")
