r"""LaTeX export of models, equations, steady states, spectra and negativities.

All functions return plain LaTeX strings (no ``$`` delimiters) built with
sympy's printer, so the output is deterministic for a given sympy version.

>>> import sympy as sp
>>> from symbolic_ness import Model, Jump, sigma_minus
>>> k = sp.Symbol("kappa", positive=True)
>>> m = Model(1, sp.zeros(2, 2), jumps=[Jump(sigma_minus(), k, r"\sigma_-")], name="decay")
>>> print(model_latex(m).replace(r" \\ ", chr(10)))
\begin{aligned}\dot{\rho} &= \kappa \mathcal{D}[L_{1}]\rho
L_{1} &= \sigma_{1}^{-}
\mathcal{D}[L]\rho &= L \rho L^{\dagger} - \frac{L^{\dagger} L \rho}{2} - \frac{\rho L^{\dagger} L}{2}\end{aligned}
"""
from __future__ import annotations

import sympy as sp

from ..core._model import Model

__all__ = ["latex", "model_latex", "equations_latex", "matrix_latex", "spectrum_latex",
           "steady_state_latex", "spectrum_equations", "latex_document", "document_equations", "latex_text", "latex_pdf",
           "paper_equations"]


def latex(expr, **kw) -> str:
    """sympy's LaTeX with the package defaults."""
    return sp.latex(expr, **kw)


def model_latex(model: Model) -> str:
    r"""Master equation of ``model`` in LaTeX: the equations of :func:`model_equations`
    (:math:`\dot\rho`, :math:`H`, each :math:`L_k`, the dissipator, each reset) as an
    ``aligned`` block, every side printed from a sympy object."""
    from ._equation import equation_latex
    from ._model_latex import model_equations
    return equation_latex(model_equations(model))


def equations_latex(eqs) -> str:
    r"""A list of ``sympy.Eq`` as an ``aligned`` block, one equation per line (each printed from
    its two sides, see :func:`~symbolic_ness.export.equation_latex`)."""
    from ._equation import Equation, equation_latex
    return equation_latex([Equation(e.lhs, e.rhs) for e in eqs])


def matrix_latex(M) -> str:
    """A matrix as ``pmatrix``."""
    return latex(sp.Matrix(M), mat_str="pmatrix", mat_delim="")


def steady_state_latex(ss) -> str:
    r"""The equation ``rho_ss = matrix`` of an exact :class:`SteadyState`, printed from the matrix."""
    from ._equation import Equation, Named, equation_latex
    if not ss.unique:
        return r"\text{non-unique steady state (null-space dimension " + str(ss.nullity) + ")}"
    return equation_latex(Equation(Named(r"\rho_{\mathrm{ss}}"), ss.rho))


def spectrum_equations(spec, name: str = r"\lambda") -> list:
    r"""Eigenvalues as equations ``\lambda_k = ...`` with the multiplicity in the note; ``spec`` is a
    :class:`Spectrum` or a list of ``(eigenvalue, multiplicity)``.

    >>> [e.latex() for e in spectrum_equations([(0, 1), (-sp.Symbol("r"), 2)])]
    ['\\lambda_{1} = 0', '\\lambda_{2} = - r']
    """
    from ._equation import Equation, Named
    pairs = spec.eigenvalues if hasattr(spec, "eigenvalues") else spec
    return [Equation(Named(f"{name}_{{{k}}}"), ev, note=f"multiplicity {m}") for k, (ev, m) in enumerate(pairs, 1)]


def spectrum_latex(spec) -> str:
    r"""Eigenvalues with multiplicities, one ``\lambda_k = ...`` row each (see :func:`spectrum_equations`)."""
    from ._equation import equation_latex
    return equation_latex(spectrum_equations(spec))


# ------------------------------------------------------------------ the document
from ._latex_text import latex_text  # noqa: E402  (re-exported)


def _strip_display(body: str) -> str:
    b = body.strip()
    for o, c in ((r"\[", r"\]"), ("$$", "$$"), (r"\begin{equation*}", r"\end{equation*}"),
                 (r"\begin{equation}", r"\end{equation}"), (r"\begin{displaymath}", r"\end{displaymath}")):
        if b.startswith(o) and b.endswith(c):
            return b[len(o): len(b) - len(c)].strip()
    if b.startswith("$") and b.endswith("$") and b.count("$") == 2:
        return b[1:-1].strip()
    return b


def _slug(s: str) -> str:
    import re
    return re.sub(r"[^a-z0-9]+", "-", s.lower()).strip("-")[:40] or "eq"


def paper_equations(title: str) -> list:
    r"""Paper equation numbers named in an equation title (such as ``Eq 3``, ``Eqs (5)-(10)``).

    >>> paper_equations("negativity (Eq. 3)"), paper_equations("window (Eqs. 5-10)")
    (['3'], ['5', '10'])
    """
    import re
    m = re.search(r"Eqs?\.?\s*\(?(\d+[a-z]?)\)?(?:\s*(?:-|--|–|and|,)\s*\(?(\d+[a-z]?)\)?)?", title)
    if not m:
        return []
    return [g for g in m.groups() if g]


def _as_equations(body):
    """``body`` of a document entry as a list of Equation/Text, or None for a legacy LaTeX string."""
    from ._equation import Equation, Text
    if isinstance(body, (Equation, Text)):
        return [body]
    if isinstance(body, (list, tuple)) and body and all(isinstance(b, (Equation, Text)) for b in body):
        return list(body)
    if isinstance(body, str):
        return None
    raise TypeError(f"a document entry is an Equation, a list of Equations, a Text or a LaTeX string, "
                    f"not {type(body).__name__}")


def _entries(sections):
    """(section key, section title, [(label, title, body)]) with the document's labels."""
    used = set()
    for sec_title, eqs in sections:
        key = _slug(sec_title)
        while key in used:
            key += "x"
        used.add(key)
        yield key, sec_title, [(f"eq:{key}:{k}", et, body) for k, (et, body) in enumerate(eqs, 1)]


def document_equations(sections, width: float = 44.0) -> list:
    r"""The equations of :func:`latex_document` ``(sections)`` as data: one dict per numbered
    block, ``{"label", "title", "equations": [Equation, ...]}`` in document order, including the
    abbreviations ``P_k`` introduced for sub-expressions too wide for a line. Legacy LaTeX-string
    entries are listed with ``"equations": None``."""
    from ._equation import Equation, equation_rows
    out = []
    for _key, _sec, entries in _entries(sections):
        for label, et, body in entries:
            items = _as_equations(body)
            if items is None:
                out.append({"label": label, "title": et, "equations": None})
                continue
            eqs = []
            for it in items:
                if isinstance(it, Equation):
                    for row in equation_rows(it, width):
                        if row.starts:
                            eqs.append(row.equation)
            out.append({"label": label, "title": et, "equations": eqs})
    return out


def _notation_latex(notation) -> list:
    out = [r"\section*{Notation}", r"\begin{description}"]
    for sym, text in notation:
        out.append(r"\item[$" + sym + "$] " + latex_text(text))
    out.append(r"\end{description}")
    return out


def latex_document(sections, title: str = r"symbolic\_ness: derived closed forms", width: float = 44.0,
                   notation=(), intros=None) -> str:
    r"""A complete, compilable LaTeX document of derived equations.

    ``sections`` is ``[(section_title, [(equation_title, body), ...]), ...]``. A ``body`` is an
    :class:`~symbolic_ness.export.Equation`, a list of them (one numbered block, one row group per
    equation) or a :class:`~symbolic_ness.export.Text`; each equation is printed from its sympy sides
    and broken only at top-level ``+``/``-`` (see :func:`equation_rows`). A plain LaTeX string is
    still accepted (broken by :func:`break_equation`). Every block is numbered and labelled
    ``eq:<section>:<k>``; each section ends with the correspondence of its equations to the
    paper's equations named in the titles (``Eq. 3``), cross-referenced with ``\eqref``.
    ``notation`` is ``[(symbol LaTeX, meaning), ...]`` set as a list before the first section;
    ``intros`` maps a section title to a paragraph (plain text with ``$..$`` math) set under it.

    >>> import sympy as sp
    >>> from symbolic_ness.export import Equation, Named
    >>> x = [sp.Symbol(f"x_{k}") for k in range(60)]
    >>> doc = latex_document([("Demo", [("a sum (Eq. 7)", Equation(Named("S"), sp.Add(*x)))])])
    >>> doc.count(r"\\") > 1, r"\label{eq:demo:1}" in doc, r"\eqref{eq:demo:1}" in doc
    (True, True, True)
    """
    from ._equation import Equation, Text, equation_rows
    from ._latex_break import break_equation

    out = [r"\documentclass[10pt]{article}", r"\usepackage[utf8]{inputenc}", r"\usepackage{amsmath,amssymb}",
           r"\usepackage[a4paper,margin=2cm]{geometry}", r"\allowdisplaybreaks", r"\numberwithin{equation}{section}",
           r"\setlength{\parindent}{0pt}", r"\title{" + title + "}", r"\author{}", r"\date{}", r"\begin{document}", r"\maketitle"]
    if notation:
        out += _notation_latex(notation)
    intros = intros or {}
    for key, sec_title, entries in _entries(sections):
        out.append(r"\section{" + latex_text(sec_title) + "}")
        if sec_title in intros:
            out.append(latex_text(intros[sec_title]))
        refs = []
        for label, et, tex in entries:
            nums = paper_equations(et)
            head = latex_text(et)
            if nums:
                refs.append((label, nums, et))
            out.append(r"\paragraph{" + head + "}")
            items = _as_equations(tex)
            if items is not None:
                texts = [it.text for it in items if isinstance(it, Text)]
                eqs = [it for it in items if isinstance(it, Equation)]
                if texts:
                    out.append(" ".join(latex_text(t) for t in texts))
                if not eqs:
                    out[-1] += r"\refstepcounter{equation}\label{" + label + "}"
                    continue
                rows = [row for e in eqs for row in equation_rows(e, width)]
                if any(r.starts and r.lhs.startswith("P_{") for r in rows):
                    out.append(r"($P_k$ abbreviate sub-expressions too wide for a line; each is defined below "
                               r"its first use.)")
                lines = []
                for i, row in enumerate(rows):
                    end = r" \label{" + label + "}" if i == len(rows) - 1 else r" \notag \\"
                    lines.append(f"{row.lhs} & {row.rhs}{end}")
                out += [r"\begin{align}"] + lines + [r"\end{align}"]
                continue
            body = _strip_display(tex)
            if body.startswith(r"\text{") and body.endswith("}") and body.count(r"\text{") == 1:
                out.append(latex_text(body[len(r"\text{"):-1]) + r"\refstepcounter{equation}\label{" + label + "}")
                continue
            rows = break_equation(body, width) or [("", body)]
            lines = []
            for i, (lhs, rhs) in enumerate(rows):
                end = r" \label{" + label + "}" if i == len(rows) - 1 else r" \notag \\"
                lines.append(f"{lhs} & {rhs}{end}")
            out += [r"\begin{align}"] + lines + [r"\end{align}"]
        if refs:
            out.append(r"\paragraph{Correspondence with the paper.}")
            out.append("; ".join(r"derived \eqref{" + lb + "} $\\leftrightarrow$ paper " +
                                 "--".join(f"Eq.~({n})" for n in nums) for lb, nums, _ in refs) + ".")
    out.append(r"\end{document}")
    return "\n".join(out) + "\n"


def latex_pdf(tex: str, path, runs: int = 2, timeout: float = 300.0):
    """Compile ``tex`` with ``pdflatex`` into ``path`` (a ``.pdf``); returns the path, or None
    when ``pdflatex`` is not installed. Raises :class:`RuntimeError` with the log's first
    error when the compilation fails."""
    import shutil
    import subprocess
    import tempfile
    from pathlib import Path

    exe = shutil.which("pdflatex")
    if exe is None:
        return None
    path = Path(path)
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "doc.tex"
        src.write_text(tex)
        for _ in range(runs):
            proc = subprocess.run([exe, "-interaction=nonstopmode", "-halt-on-error", "doc.tex"], cwd=tmp,
                                  capture_output=True, text=True, timeout=timeout)
            if proc.returncode != 0:
                log = (Path(tmp) / "doc.log").read_text(errors="replace") if (Path(tmp) / "doc.log").exists() else proc.stdout
                err = next((ln for ln in log.splitlines() if ln.startswith("!")), "pdflatex failed")
                raise RuntimeError(f"pdflatex: {err}")
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(Path(tmp) / "doc.pdf", path)
        log_text = (Path(tmp) / "doc.log").read_text(errors="replace")
    path.with_suffix(".log").write_text(log_text)
    return path


def exceptional_point_equations(ep) -> list:
    r"""An :class:`~symbolic_ness.core.ExceptionalPoint` as :class:`Equation` objects:
    ``condition = 0`` and ``lambda_EP = eigenvalue`` (multiplicities and Jordan blocks in the note)."""
    from ._equation import Equation, Named, Text
    if ep.condition == 0:
        cond = [Text("at every parameter value")]
    else:
        cond = [Equation(ep.condition, 0, note="where the eigenvalue is exceptional")]
    if ep.algebraic is None:
        return cond + [Text("structure unresolved (" + ep.method + ")")]
    blocks = ", ".join(str(b) for b in ep.jordan_blocks)
    return cond + [Equation(Named(r"\lambda_{\rm EP}"), ep.eigenvalue,
                            note=f"algebraic multiplicity {ep.algebraic}, geometric {ep.geometric}, "
                                 f"Jordan blocks of sizes {blocks}")]
