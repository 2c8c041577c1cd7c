"""``symbolic-ness reproduce``: run every registered section and write the results.

Writes ``OUT/results.json`` (every paper number next to the derived value and
its relative error), ``OUT/derived_equations.tex`` (a compilable LaTeX document of all
derived equations, long ones broken across lines; see :func:`symbolic_ness.export.latex_document`),
``OUT/derived_equations.json`` (the same equations as sympy ``srepr`` data, block by block),
``OUT/derived_equations.pdf`` when ``pdflatex`` is installed, and ``OUT/figures/*.png``. Progress goes
to stderr.
"""
from __future__ import annotations

import json
import platform
import subprocess
import sys
import time
import traceback
from pathlib import Path

import sympy as sp

from ..export import document_equations, latex_document, latex_pdf
from ._notation import INTROS, NOTATION
from ._json import to_jsonable

__all__ = ["reproduce", "latex_document"]


def reproduce(out: Path, only=None) -> int:
    from . import _catalog
    from ._registry import SECTIONS
    _catalog.load()
    out = Path(out)
    (out / "figures").mkdir(parents=True, exist_ok=True)
    secs = sorted(SECTIONS.values(), key=lambda s: (s.order, s.key))
    if only:
        secs = [s for s in secs if s.key in only]
    results = {"package": "symbolic_ness", "sympy": sp.__version__, "python": platform.python_version(),
               "sections": {}, "numbers": []}
    tex_sections = []
    failed = 0
    t_all = time.perf_counter()
    for k, sec in enumerate(secs, 1):
        def progress(msg, _k=k, _sec=sec):
            print(f"[{_k}/{len(secs)}] {_sec.key}: {msg}", file=sys.stderr, flush=True)
        progress("started")
        t0 = time.perf_counter()
        try:
            res = sec.run(out, progress)
        except Exception as exc:  # record and continue with the other sections
            failed += 1
            tb = traceback.format_exc()
            print(tb, file=sys.stderr)
            results["sections"][sec.key] = {"title": sec.title, "error": f"{type(exc).__name__}: {exc}"}
            continue
        dt = time.perf_counter() - t0
        progress(f"done in {dt:.1f} s ({len(res.numbers)} numbers, {len(res.figures)} figures)")
        nums = to_jsonable(res.numbers)
        results["sections"][sec.key] = {"title": sec.title, "seconds": round(dt, 3), "numbers": nums,
                                        "figures": [str(Path(f).relative_to(out)) if Path(f).is_absolute() and out.resolve() in Path(f).resolve().parents else str(f) for f in res.figures],
                                        "extra": to_jsonable(res.extra)}
        for nrow in nums:
            results["numbers"].append({"section": sec.key, **nrow})
        tex_sections.append((sec.title, list(res.latex)))
    results["seconds"] = round(time.perf_counter() - t_all, 3)
    (out / "results.json").write_text(json.dumps(results, indent=2))
    intros = {sec.title: INTROS[sec.key] for sec in secs if sec.key in INTROS}
    tex = latex_document(tex_sections, notation=NOTATION, intros=intros)
    (out / "derived_equations.tex").write_text(tex)
    # the same equations as sympy data (srepr), block by block in document order: what every
    # printed equation must equal (tests/app/test_latex_roundtrip.py parses the .tex back)
    (out / "derived_equations.json").write_text(json.dumps(
        [{"label": b["label"], "title": b["title"],
          "equations": None if b["equations"] is None else
          [{"lhs": sp.srepr(e.lhs), "rel": e.rel, "rhs": sp.srepr(e.rhs)} for e in b["equations"]]}
         for b in document_equations(tex_sections)], indent=1))
    try:  # the PDF too when pdflatex is installed (two runs: cross-references)
        pdf = latex_pdf(tex, out / "derived_equations.pdf")
    except (RuntimeError, OSError, subprocess.SubprocessError) as exc:
        failed += 1
        pdf = None
        print(f"derived_equations.tex did not compile: {exc}", file=sys.stderr)
    if pdf is not None:
        print(f"wrote {pdf}", file=sys.stderr)
    print(f"wrote {out / 'results.json'}, {out / 'derived_equations.tex'} and {out / 'figures'}/ "
          f"({len(secs) - failed}/{len(secs)} sections ok, {results['seconds']:.1f} s)", file=sys.stderr)
    return 1 if failed else 0
