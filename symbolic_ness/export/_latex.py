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
    r"""sympy's LaTeX of ``expr``: the printer every LaTeX function of the package uses.

    Exactly :func:`sympy.latex` (``mode="plain"``, no ``$`` delimiters); keyword arguments are
    passed through unchanged.

    Parameters
    ----------
    expr : sympy object or anything :func:`sympy.latex` accepts
        The expression, matrix, relation, ...
    **kw
        Printer settings of :func:`sympy.latex` (e.g. ``fold_short_frac=True``).

    Returns
    -------
    str
        The LaTeX (no delimiters).

    Examples
    --------
    >>> x = sp.Symbol("x")
    >>> latex(sp.sqrt(x) / 2)
    '\\frac{\\sqrt{x}}{2}'
    >>> latex(x**2 / 2, fold_short_frac=True)
    'x^{2} / 2'
    """
    return sp.latex(expr, **kw)


def model_latex(model: Model) -> str:
    r"""Master equation of ``model`` in LaTeX: the equations of :func:`model_equations`
    (:math:`\dot\rho`, :math:`H`, each :math:`L_k`, the dissipator, each reset) as an
    ``aligned`` block, every side printed from a sympy object.

    The printed master equation is

    .. math::

        \dot\rho = -i[H,\rho] + f\sum_k \kappa_k \mathcal D[L_k]\rho
        + \sum_j r_j \mathcal R_j\rho, \qquad
        \mathcal D[L]\rho = L\rho L^\dagger - \tfrac12 L^\dagger L\rho - \tfrac12\rho L^\dagger L,
        \qquad \mathcal R_j\rho = \phi_j\otimes\mathrm{tr}_j\rho - \rho,

    with :math:`f = 1` for the ``standard`` and :math:`f = 2` for the ``doubled``
    normalization (the factor multiplies each printed rate). Terms that are absent (a zero
    Hamiltonian, no jumps, no resets) are left out. For qubits :math:`H` and the jumps are sums
    of Pauli strings or :math:`\sigma^\pm_j` (sites 1-based); other sites print matrices.

    Parameters
    ----------
    model : Model
        The open system.

    Returns
    -------
    str
        ``\begin{aligned} ... \end{aligned}``, one equation per row (no ``$`` delimiters).

    Examples
    --------
    Driven decay, :math:`H = \Omega\sigma^x`, :math:`L = \sigma^-` at rate :math:`\kappa`:

    >>> from symbolic_ness import Model, Jump, sigma_minus, sigma_x
    >>> k, w = sp.symbols("kappa Omega", positive=True)
    >>> m = Model(1, w * sigma_x(), jumps=[Jump(sigma_minus(), k)])
    >>> print(model_latex(m).replace(r" \\ ", chr(10)))
    \begin{aligned}\dot{\rho} &= \kappa \mathcal{D}[L_{1}]\rho - i \left[H,\rho\right]
    H &= \Omega \sigma_{1}^{x}
    L_{1} &= \sigma_{1}^{-}
    \mathcal{D}[L]\rho &= L \rho L^{\dagger} - \frac{L^{\dagger} L \rho}{2} - \frac{\rho L^{\dagger} L}{2}\end{aligned}
    """
    from ._equation import equation_latex
    from ._model_latex import model_equations
    return equation_latex(model_equations(model))


def equations_latex(eqs) -> str:
    r"""A list of ``sympy.Eq`` as an ``aligned`` block, one equation per line (each printed from
    its two sides, see :func:`~symbolic_ness.export.equation_latex`).

    Each equation is printed as ``lhs &= rhs`` from its two sides. A single equation is printed
    on one line, without the ``aligned`` environment.

    Parameters
    ----------
    eqs : iterable of sympy.Eq
        Objects with ``lhs`` and ``rhs`` attributes.

    Returns
    -------
    str
        ``\begin{aligned}lhs_1 &= rhs_1 \\ ...\end{aligned}`` (one equation: ``lhs = rhs``).

    Examples
    --------
    >>> x, y = sp.symbols("x y")
    >>> equations_latex([sp.Eq(x**2, 2), sp.Eq(y, x + 1)])
    '\\begin{aligned}x^{2} &= 2 \\\\ y &= x + 1\\end{aligned}'
    >>> equations_latex([sp.Eq(y, x / 2)])
    'y = \\frac{x}{2}'
    """
    from ._equation import Equation, equation_latex
    return equation_latex([Equation(e.lhs, e.rhs) for e in eqs])


def matrix_latex(M) -> str:
    r"""A matrix as a ``pmatrix`` (sympy's printer, entries exact).

    Parameters
    ----------
    M : sympy Matrix or nested list
        Anything :class:`sympy.Matrix` accepts.

    Returns
    -------
    str
        ``\begin{pmatrix} ... \end{pmatrix}``, rows separated by ``\\``, entries by ``&``.

    Examples
    --------
    >>> x = sp.Symbol("x")
    >>> matrix_latex([[1, x], [0, sp.Rational(1, 2)]])
    '\\begin{pmatrix}1 & x\\\\0 & \\frac{1}{2}\\end{pmatrix}'
    """
    return latex(sp.Matrix(M), mat_str="pmatrix", mat_delim="")


def steady_state_latex(ss) -> str:
    r"""The equation :math:`\rho_{\mathrm{ss}} = (\dots)` of an exact :class:`SteadyState`,
    printed from its density matrix (a ``pmatrix``, basis order :math:`|0\rangle, |1\rangle,
    \dots` with :math:`\sigma^z|0\rangle = |0\rangle`).

    A non-unique steady state is not printed as a matrix (none is picked): the result is the
    text ``non-unique steady state (null-space dimension d)``.

    Parameters
    ----------
    ss : SteadyState
        From :func:`~symbolic_ness.core.steady_state`.

    Returns
    -------
    str
        ``\rho_{\mathrm{ss}} = \begin{pmatrix}...\end{pmatrix}``, or a ``\text{...}`` when
        the steady state is not unique.

    Examples
    --------
    Driven decay (:math:`H = \Omega\sigma^x`, :math:`L = \sigma^-`):
    :math:`\rho_{00} = 4\Omega^2/(8\Omega^2+\kappa^2)`.

    >>> from symbolic_ness import Model, Jump, sigma_minus, sigma_x, sigma_z, steady_state
    >>> k, w = sp.symbols("kappa Omega", positive=True)
    >>> ss = steady_state(Model(1, w * sigma_x(), jumps=[Jump(sigma_minus(), k)]))
    >>> print(steady_state_latex(ss).replace(r"\\", chr(10)))
    \rho_{\mathrm{ss}} = \begin{pmatrix}\frac{4 \Omega^{2}}{8 \Omega^{2} + \kappa^{2}} & - \frac{2 i \Omega \kappa}{8 \Omega^{2} + \kappa^{2}}
    \frac{2 i \Omega \kappa}{8 \Omega^{2} + \kappa^{2}} & \frac{4 \Omega^{2} + \kappa^{2}}{8 \Omega^{2} + \kappa^{2}}\end{pmatrix}

    Pure dephasing keeps every diagonal state:

    >>> steady_state_latex(steady_state(Model(1, sp.zeros(2, 2), jumps=[Jump(sigma_z(), k)])))
    '\\text{non-unique steady state (null-space dimension 2)}'
    """
    from ._equation import Equation, Named, equation_latex
    if not ss.unique:
        return r"\text{non-unique steady state (null-space dimension " + str(ss.nullity) + ")}"
    return equation_latex(Equation(Named(r"\rho_{\mathrm{ss}}"), ss.rho))


def spectrum_equations(spec, name: str = r"\lambda") -> list:
    r"""Eigenvalues as equations ``\lambda_k = ...`` with the multiplicity in the note; ``spec`` is a
    :class:`Spectrum` or a list of ``(eigenvalue, multiplicity)``.

    The eigenvalues are numbered from 1 in the order given (a :class:`Spectrum` lists them
    sorted canonically; its :attr:`~symbolic_ness.core.Spectrum.eigenvalues` are built on
    first access). Each equation's note is ``"multiplicity m"``.

    Parameters
    ----------
    spec : Spectrum or list of (expr, int)
        The eigenvalues of :math:`\mathcal L` with multiplicities.
    name : str, default ``r"\lambda"``
        LaTeX of the eigenvalue symbol; the k-th is ``name_{k}``.

    Returns
    -------
    list of Equation
        One :class:`~symbolic_ness.export.Equation` per distinct eigenvalue.

    Examples
    --------
    >>> [e.latex() for e in spectrum_equations([(0, 1), (-sp.Symbol("r"), 2)])]
    ['\\lambda_{1} = 0', '\\lambda_{2} = - r']
    >>> [(e.latex(), e.note) for e in spectrum_equations([(-sp.Symbol("r"), 3)], name=r"\mu")]
    [('\\mu_{1} = - r', 'multiplicity 3')]
    """
    from ._equation import Equation, Named
    pairs = spec.eigenvalues if hasattr(spec, "eigenvalues") else spec
    return [Equation(Named(f"{name}_{{{k}}}"), ev, note=f"multiplicity {m}") for k, (ev, m) in enumerate(pairs, 1)]


def spectrum_latex(spec) -> str:
    r"""Eigenvalues with multiplicities, one ``\lambda_k = ...`` row each (see :func:`spectrum_equations`).

    Parameters
    ----------
    spec : Spectrum or list of (expr, int)
        The eigenvalues of :math:`\mathcal L` with multiplicities.

    Returns
    -------
    str
        An ``aligned`` block, rows ``\lambda_k &= ... \quad \text{(multiplicity m)}`` (a
        single eigenvalue: one line, no ``aligned``).

    Examples
    --------
    Amplitude damping :math:`L = \sigma^-` at rate :math:`\kappa`: eigenvalues
    :math:`0, -\kappa, -\kappa/2` (twice).

    >>> from symbolic_ness import Model, Jump, sigma_minus, liouvillian_spectrum
    >>> k = sp.Symbol("kappa", positive=True)
    >>> spec = liouvillian_spectrum(Model(1, sp.zeros(2, 2), jumps=[Jump(sigma_minus(), k)]))
    >>> print(spectrum_latex(spec).replace(r" \\ ", chr(10)))
    \begin{aligned}\lambda_{1} &= 0 \quad \text{(multiplicity 1)}
    \lambda_{2} &= - \kappa \quad \text{(multiplicity 1)}
    \lambda_{3} &= - \frac{\kappa}{2} \quad \text{(multiplicity 2)}\end{aligned}
    """
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

    The first ``Eq``/``Eqs`` (optional ``.``, optional parentheses) followed by a number (with an
    optional letter, ``4a``) is read; a second number joined by ``-``, ``--``, ``–``, ``and`` or
    ``,`` is the end of a range or a second equation. :func:`latex_document` uses these numbers
    for its "Correspondence with the paper" paragraph.

    Parameters
    ----------
    title : str
        An equation title.

    Returns
    -------
    list of str
        The one or two numbers as written (``[]`` when the title names no equation).

    Examples
    --------
    >>> paper_equations("negativity (Eq. 3)"), paper_equations("window (Eqs. 5-10)")
    (['3'], ['5', '10'])
    >>> paper_equations("currents (Eqs (4a) and (4b))"), paper_equations("no number")
    (['4a', '4b'], [])
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
    entries are listed with ``"equations": None``.

    The labels are those of the document, ``eq:<section slug>:<k>`` (k from 1 in each
    section); a :class:`~symbolic_ness.export.Text` entry has no equations (``[]``).

    Parameters
    ----------
    sections : list of (str, list of (str, body))
        As for :func:`latex_document`.
    width : float, default 44.0
        Line width (in the units of :func:`equation_rows`) beyond which sub-expressions are
        named ``P_k``; the same value as given to :func:`latex_document`.

    Returns
    -------
    list of dict
        ``{"label": str, "title": str, "equations": list of Equation or None}``.

    Examples
    --------
    >>> from symbolic_ness.export import Equation, Named, Text
    >>> x = sp.Symbol("x")
    >>> blocks = document_equations([("Demo", [("a sum (Eq. 7)", Equation(Named("S"), x + 1)),
    ...                                        ("words", Text("no closed form")),
    ...                                        ("legacy", r"\[ a = b \]")])])
    >>> [(b["label"], b["equations"]) for b in blocks]
    [('eq:demo:1', [Equation(lhs=S, rhs=x + 1, rel='=', note='')]), ('eq:demo:2', []), ('eq:demo:3', None)]
    """
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

    The preamble is ``article`` (10pt) with ``amsmath``, ``amssymb``, ``geometry`` (A4, 2 cm
    margins), ``\allowdisplaybreaks`` and equations numbered per section. Section and
    equation titles, notation meanings and intros are set by :func:`latex_text` (``$..$`` math
    kept, specials escaped); the ``title`` argument is set verbatim.

    Parameters
    ----------
    sections : list of (str, list of (str, body))
        Section titles with their titled equation entries.
    title : str, default ``r"symbolic\_ness: derived closed forms"``
        The document title (LaTeX, set verbatim).
    width : float, default 44.0
        Line width (in the units of :func:`equation_rows`) at which equations are broken.
    notation : sequence of (str, str), default ()
        ``(symbol LaTeX, meaning)`` pairs for a "Notation" list; empty: no list.
    intros : dict or None, default None
        ``{section title: paragraph}``.

    Returns
    -------
    str
        The ``.tex`` source, ending with ``\end{document}`` and a newline (compile it with
        :func:`latex_pdf`).

    Raises
    ------
    TypeError
        An entry body is not an Equation, a list of Equations, a Text or a string.

    Examples
    --------
    >>> import sympy as sp
    >>> from symbolic_ness.export import Equation, Named
    >>> x = sp.Symbol("x")
    >>> doc = latex_document([("Demo", [("unit (Eq. 2)", Equation(Named("S"), x + 1))])],
    ...                      title="Demo", notation=[("x", "a real number")])
    >>> print(doc[doc.index(r"\section*"):])
    \section*{Notation}
    \begin{description}
    \item[$x$] a real number
    \end{description}
    \section{Demo}
    \paragraph{unit (Eq. 2)}
    \begin{align}
    S & = x + 1 \label{eq:demo:1}
    \end{align}
    \paragraph{Correspondence with the paper.}
    derived \eqref{eq:demo:1} $\leftrightarrow$ paper Eq.~(2).
    \end{document}
    <BLANKLINE>

    A sum too long for a line is broken over several rows:

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
    r"""Compile ``tex`` with ``pdflatex`` into ``path`` (a ``.pdf``); returns the path, or None
    when ``pdflatex`` is not installed. Raises :class:`RuntimeError` with the log's first
    error when the compilation fails.

    ``pdflatex -interaction=nonstopmode -halt-on-error`` runs ``runs`` times in a temporary
    folder (two runs resolve the ``\eqref`` cross-references). The PDF is copied to ``path``
    (its parent folders are created) and the log of the last run is written next to it, with
    the suffix ``.log``.

    Parameters
    ----------
    tex : str
        A complete LaTeX document (e.g. from :func:`latex_document`).
    path : str or pathlib.Path
        Where to write the PDF.
    runs : int, default 2
        Number of ``pdflatex`` passes.
    timeout : float, default 300.0
        Seconds allowed for each pass (:class:`subprocess.TimeoutExpired` beyond).

    Returns
    -------
    pathlib.Path or None
        ``path``, or ``None`` when ``pdflatex`` is not on the ``PATH`` (nothing is written).

    Raises
    ------
    RuntimeError
        ``pdflatex: <first "!" line of the log>`` when a pass fails.

    Examples
    --------
    Needs ``pdflatex`` (hence skipped in the doctests):

    >>> import tempfile
    >>> from pathlib import Path
    >>> from symbolic_ness.export import Equation, Named
    >>> tex = latex_document([("Demo", [("a line", Equation(Named("S"), sp.Symbol("x") + 1))])])
    >>> out = Path(tempfile.mkdtemp()) / "demo.pdf"  # doctest: +SKIP
    >>> pdf = latex_pdf(tex, out)  # doctest: +SKIP
    >>> pdf == out, pdf.read_bytes()[:5], sorted(f.name for f in out.parent.iterdir())  # doctest: +SKIP
    (True, b'%PDF-', ['demo.log', 'demo.pdf'])
    >>> latex_pdf(r"\documentclass{article}\begin{document}\undefined\end{document}", out)  # doctest: +SKIP
    Traceback (most recent call last):
    ...
    RuntimeError: pdflatex: ! Undefined control sequence.
    """
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
    ``condition = 0`` and ``lambda_EP = eigenvalue`` (multiplicities and Jordan blocks in the note).

    The locus :math:`c(\theta) = 0` of the parameters :math:`\theta` where eigenvalues of
    :math:`\mathcal L` merge, and the merged eigenvalue :math:`\lambda_{\rm EP}` there. A
    condition identically 0 (a structure valid at every parameter value) becomes the text "at
    every parameter value"; an unresolved structure (``algebraic`` is ``None``) becomes the
    text "structure unresolved (<method>)" instead of the eigenvalue equation.

    Parameters
    ----------
    ep : ExceptionalPoint
        From :func:`~symbolic_ness.core.exceptional_points` or a spectrum's
        ``exceptional_locus``.

    Returns
    -------
    list of Equation or Text
        Two items: the condition, then the eigenvalue (or the unresolved text).

    Examples
    --------
    Driven decay (:math:`H = \Omega\sigma^x`, :math:`L = \sigma^-`): a second-order
    exceptional point at :math:`\Omega = \kappa/8` with :math:`\lambda_{\rm EP} = -3\kappa/4`.

    >>> from symbolic_ness import Model, Jump, sigma_minus, sigma_x, exceptional_points
    >>> k, w = sp.symbols("kappa Omega", positive=True)
    >>> ep = exceptional_points(Model(1, w * sigma_x(), jumps=[Jump(sigma_minus(), k)]))[0]
    >>> for e in exceptional_point_equations(ep):
    ...     print(e.latex(), "|", e.note)
    \Omega - \frac{\kappa}{8} = 0 | where the eigenvalue is exceptional
    \lambda_{\rm EP} = - \frac{3 \kappa}{4} | algebraic multiplicity 2, geometric 1, Jordan blocks of sizes 2
    """
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
