"""Sphinx configuration of the symbolic_ness documentation (``make docs``).

Notebooks are executed by myst-nb during the build (their outputs and figures are shown); the
test suite executes them too (nbmake). MathJax is served from the site (``_static/mathjax``,
from the ``mathjax`` npm package): the pages work offline. The per-paper pages of reproduced numbers are generated from
``results/results.json`` (after ``make reproduce``) or, without it, from the pinned numbers of
the test suite (``tests/app/data/pinned_results.json``).
"""
from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

import symbolic_ness  # noqa: E402

project = "symbolic_ness"
author = "symbolic_ness developers"
copyright = "symbolic_ness developers"
release = version = symbolic_ness.__version__

extensions = ["sphinx.ext.autodoc", "sphinx.ext.autosummary", "sphinx.ext.napoleon", "sphinx.ext.mathjax",
              "myst_nb"]
source_suffix = {".rst": "restructuredtext", ".md": "myst-nb", ".ipynb": "myst-nb"}
exclude_patterns = ["_build", "**.ipynb_checkpoints", "_vendor"]
autosummary_generate = False
autodoc_default_options = {"members": True, "imported-members": True, "undoc-members": False}
autodoc_typehints = "none"
napoleon_numpy_docstring = True
napoleon_google_docstring = False
napoleon_use_ivar = True
# the notebooks are stored without outputs and executed by the docs build (outputs, figures and
# LaTeX shown on their pages); an error in a notebook fails the build
nb_execution_mode = "force"
nb_execution_timeout = 900
nb_execution_raise_on_error = True
nb_execution_show_tb = True
myst_enable_extensions = ["dollarmath", "amsmath"]
html_theme = "alabaster"
html_static_path = ["_static"]
html_css_files = ["wrap.css"]  # code blocks wrap instead of being cut off
html_title = "symbolic_ness"
# docstrings of the whole package are rendered; their cross-references are best effort
nitpicky = False
suppress_warnings = ["myst.header", "ref.python"]  # ambiguous short names in docstrings


def _copy_notebooks():
    dst = HERE / "_notebooks"
    dst.mkdir(exist_ok=True)
    for nb in sorted((ROOT / "notebooks").glob("*.ipynb")):
        if not (dst / nb.name).exists() or (dst / nb.name).read_bytes() != nb.read_bytes():
            shutil.copyfile(nb, dst / nb.name)


PAPERS = {"hdb": ("Hartmann, Dür, Briegel, PRA 74, 052304 (2006)", ("hdb-",)),
          "znidaric": ("Žnidarič, PRA 85, 012324 (2012)", ("xx-",))}


def _fmt(v) -> str:
    if v is None:
        return "–"
    if isinstance(v, list) and len(v) == 2 and all(isinstance(x, (int, float)) for x in v):
        return f"{v[0]:.10g} {'+' if v[1] >= 0 else '-'} {abs(v[1]):.3g}i"
    if isinstance(v, float):
        return f"{v:.10g}"
    return str(v).replace("|", "\\|")


def _paper_pages():
    res = ROOT / "results" / "results.json"
    src = res if res.exists() else ROOT / "tests" / "app" / "data" / "pinned_results.json"
    data = json.loads(src.read_text())
    titles = {k: v.get("title", k) for k, v in data.get("sections", {}).items()}
    for key, (cite, prefixes) in PAPERS.items():
        rows = [r for r in data.get("numbers", []) if str(r.get("section", "")).startswith(prefixes)]
        out = [f"# {cite}: reproduced numbers", "",
               f"Every number of `make reproduce` for this paper: the paper's value (– where the paper "
               f"gives none), the value derived by the package, and the relative difference. Source: "
               f"`{src.relative_to(ROOT)}`.", ""]
        for sec in dict.fromkeys(r["section"] for r in rows):
            out += [f"## {titles.get(sec, sec)}", "", "| quantity | paper | derived | rel. difference | note |",
                    "|---|---|---|---|---|"]
            for r in rows:
                if r["section"] == sec:
                    out.append(f"| {_fmt(r.get('name'))} | {_fmt(r.get('paper'))} | {_fmt(r.get('derived'))} | "
                               f"{_fmt(r.get('rel_error'))} | {_fmt(r.get('note') or '')} |")
            out.append("")
        page = HERE / "papers" / f"{key}.md"
        page.parent.mkdir(parents=True, exist_ok=True)
        text = "\n".join(out) + "\n"
        if not page.exists() or page.read_text() != text:
            page.write_text(text)


MATHJAX_VERSION = "3.2.2"
MATHJAX_FILES = ("tex-chtml.js", "output/chtml/fonts/woff-v2", "input/tex/extensions")


def _vendor_mathjax() -> None:
    """Serve MathJax from the site itself (the pages work offline): MathJax's ``tex-chtml``
    component, its fonts and TeX extensions are copied into ``_static/mathjax`` from the
    ``mathjax`` npm package, installed once with ``npm`` into ``docs/_vendor`` (kept between
    builds, ignored by git). Without npm and without a previous install the build stops here."""
    import subprocess
    dst = HERE / "_static" / "mathjax"
    if (dst / "tex-chtml.js").exists():
        return
    src = HERE / "_vendor" / "node_modules" / "mathjax" / "es5"
    if not (src / "tex-chtml.js").exists():
        npm = shutil.which("npm")
        if npm is None:
            raise RuntimeError("the docs serve MathJax locally: install Node.js/npm once (then `make docs` "
                               f"runs `npm install mathjax@{MATHJAX_VERSION}` into docs/_vendor)")
        (HERE / "_vendor").mkdir(exist_ok=True)
        subprocess.run([npm, "install", "--no-audit", "--no-fund", "--prefix", str(HERE / "_vendor"),
                        f"mathjax@{MATHJAX_VERSION}"], check=True, capture_output=True, timeout=600)
    for rel in MATHJAX_FILES:
        s, d = src / rel, dst / rel
        d.parent.mkdir(parents=True, exist_ok=True)
        if s.is_dir():
            shutil.copytree(s, d, dirs_exist_ok=True)
        else:
            shutil.copyfile(s, d)


mathjax_path = "mathjax/tex-chtml.js"  # relative to _static: no CDN

def _api_pages():
    sys.path.insert(0, str(HERE))
    from _api_groups import APP, CORE, page
    pages = {
        "algebra": page("symbolic_ness.algebra", "Algebra: exact arithmetic over Q(parameters)",
                        "The bottom layer (knows no physics): exact numbers, polynomials and real roots, sign "
                        "certificates, exact and modular linear algebra. Only public names.", CORE),
        "core": page("symbolic_ness.core", "Core: the pipeline on an explicit model",
                     "Grouped by pipeline stage: model → Liouvillian → steady state → spectrum / negativity. "
                     "Evaluators, code and LaTeX are in :doc:`export`, the exact arithmetic in :doc:`algebra`. "
                     "Only public names.", CORE),
        "export": page("symbolic_ness.export", "Export: evaluators, batched numerics, LaTeX, code, QuTiP",
                       "What leaves the exact world. Only public names.", CORE),
        "app": page("symbolic_ness.app", "App: command line, catalogue, reproduce, sweeps",
                    "Grouped by task. Only public names.", APP),
    }
    for name, text in pages.items():
        p = HERE / "api" / f"{name}.rst"
        if not p.exists() or p.read_text() != text:
            p.write_text(text)


_vendor_mathjax()
_api_pages()
_copy_notebooks()
_paper_pages()
