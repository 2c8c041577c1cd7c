r"""Displayed equations as sympy objects: :class:`Equation` (``lhs rel rhs``) and :class:`Named`.

Every equation the package prints is one :class:`Equation` whose two sides are sympy objects;
:func:`equation_rows` prints it with sympy's printer and, when it is wider than a line, breaks
it only at the top-level ``+``/``-`` of its right side. A sub-expression too wide for a line
even then (a long numerator, a big matrix entry) is replaced by a named symbol :math:`P_k`
defined in an extra equation below (``where P_1 = ...``): no string is ever glued around a
printed piece, so a parser reading the rows back gets the expression they came from.

:class:`Named` is a symbol whose name *is* its LaTeX (``\mathcal{N}``, ``\rho_{ss}``,
``\langle\sigma^z_1\sigma^z_2\rangle``), for left sides and quantities without a formula.

>>> import sympy as sp
>>> g, gamma = sp.symbols("g gamma", positive=True)
>>> e = Equation(Named("r_{th}"), (19 + sp.sqrt(985)) * gamma / 12)
>>> e.latex()
'r_{th} = \\frac{\\gamma \\left(19 + \\sqrt{985}\\right)}{12}'
>>> rows = equation_rows(Equation(Named("P"), sp.expand((g + gamma + 1) ** 12)), width=30)
>>> len(rows) > 2 and rows[0].lhs == "P" and all(r.lhs == "" for r in rows[1:] if not r.starts)
True
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sympy as sp
from sympy.printing.latex import LatexPrinter

__all__ = ["Named", "Equation", "Text", "Row", "equation_rows", "equation_latex", "RELATIONS", "matrix_block"]

#: printed relations; ``"<=>"`` joins two statements (sympy relations, ``And``/``Or`` of them)
RELATIONS = {"=": "=", "<": "<", ">": ">", "<=": r"\leq", ">=": r"\geq", "!=": r"\neq", "<=>": r"\iff"}


class Named(sp.Symbol):
    r"""A symbol printed verbatim: its name is its LaTeX (``Named(r"\mathcal{N}")``).

    Parameters
    ----------
    name : str
        The LaTeX of the symbol (also its sympy name).

    Examples
    --------
    >>> sp.latex(Named(r"\mathcal{N}") + 1)
    '\\mathcal{N} + 1'
    """

    def _latex(self, printer):
        return self.name


def _print(expr) -> str:
    if isinstance(expr, sp.MatrixBase):
        return sp.latex(expr, mat_str="pmatrix", mat_delim="")
    return sp.latex(expr)


@dataclass(frozen=True)
class Equation:
    r"""One displayed relation ``lhs rel rhs`` between two sympy objects.

    Parameters
    ----------
    lhs, rhs : sympy objects (expressions or matrices)
    rel : str
        One of ``=``, ``<``, ``>``, ``<=``, ``>=``, ``!=``, or ``<=>`` (equivalence of two
        statements: sympy relations and ``And``/``Or`` of them).
    note : str
        Plain text set after the equation (e.g. ``"multiplicity 4"``); not part of the maths.

    Examples
    --------
    >>> x = sp.Symbol("x")
    >>> Equation(x**2 - 1, 0, "<").latex()
    'x^{2} - 1 < 0'
    """

    lhs: Any
    rhs: Any
    rel: str = "="
    note: str = ""

    def __post_init__(self):
        if self.rel not in RELATIONS:
            raise ValueError(f"rel must be one of {', '.join(RELATIONS)}, not {self.rel!r}")
        object.__setattr__(self, "lhs", sp.sympify(self.lhs))
        object.__setattr__(self, "rhs", sp.sympify(self.rhs))

    def latex(self) -> str:
        """The equation on one line (no breaking)."""
        return f"{_print(self.lhs)} {RELATIONS[self.rel]} {_print(self.rhs)}"


@dataclass(frozen=True)
class Text:
    """A statement in words where a section has no formula (``Text("no closed form")``).

    Attributes
    ----------
    text : str
        The statement, printed as text.

    Examples
    --------
    >>> Text("no closed form").text
    'no closed form'
    """

    text: str


@dataclass(frozen=True)
class Row:
    """One printed row of an ``align``: ``lhs & rhs``; ``starts`` marks the first row of an equation."""

    lhs: str
    rhs: str
    starts: bool
    equation: Equation


def _width(tex: str) -> float:
    from ._latex_break import estimate_width
    return estimate_width(tex)


def _terms(expr) -> list:
    """The top-level terms of ``expr`` in the printer's order (one term if it is not a sum)."""
    if isinstance(expr, sp.Add):
        return LatexPrinter()._as_ordered_terms(expr)
    return [expr]


def _term_tex(term, first: bool) -> str:
    """One term of a sum as the printer sets it inside the sum (sign in front)."""
    if term.could_extract_minus_sign():
        return "- " + sp.latex(-term)
    return sp.latex(term) if first else "+ " + sp.latex(term)


def _name_subexpressions(eq: Equation, width: float, start: int):
    """Replace sub-expressions of ``eq.rhs`` wider than ``width`` (largest sums first) by named
    symbols ``P_k``; returns (new equation, [definitions])."""
    defs = []
    rhs = eq.rhs
    k = start

    def too_wide(node):
        return _width(sp.latex(node)) > width

    for _ in range(12):
        if isinstance(rhs, sp.MatrixBase) or not rhs.free_symbols and not too_wide(rhs):
            break
        terms = _terms(rhs)
        if all(not too_wide(t) for t in terms):
            break
        # the largest Add strictly inside a too-wide term (never the top-level sum itself)
        best = None
        for t in terms:
            if not too_wide(t):
                continue
            for node in sp.preorder_traversal(t):
                if node is t and isinstance(t, sp.Add):
                    continue
                if isinstance(node, sp.Add) and len(node.args) > 1:
                    w = _width(sp.latex(node))
                    if best is None or w > best[0]:
                        best = (w, node)
        if best is None:
            break
        k += 1
        sym = Named(f"P_{{{k}}}")
        rhs = rhs.xreplace({best[1]: sym})
        defs.append(Equation(sym, best[1]))
    return Equation(eq.lhs, rhs, eq.rel, eq.note), defs


def matrix_block(name: str, M) -> list:
    r"""A matrix too wide for a line as a labelled entry list ``name_{ij} = ...`` (1-based),
    one :class:`Equation` per nonzero entry (zero entries are stated in the note of the first).

    Parameters
    ----------
    name : str
        LaTeX of the matrix name (entries are ``name_{ij}``).
    M : sympy Matrix or array_like
        The matrix.

    Returns
    -------
    list of Equation
        ``name_{ij} = M_ij`` for the non-zero entries (1-based indices).

    Examples
    --------
    >>> [e.latex() for e in matrix_block(r"\rho", sp.Matrix([[1, 0], [0, sp.Symbol("x")]]))]
    ['\\rho_{11} = 1', '\\rho_{22} = x']
    """
    M = sp.Matrix(M)
    out = []
    zeros = []
    for i in range(M.rows):
        for j in range(M.cols):
            if M[i, j] == 0:
                zeros.append(f"{i + 1}{j + 1}")
                continue
            out.append(Equation(Named(f"{name}_{{{i + 1}{j + 1}}}"), M[i, j]))
    if zeros and out:
        first = out[0]
        out[0] = Equation(first.lhs, first.rhs, first.rel,
                          f"entries of the {M.rows}x{M.cols} matrix; the others ({', '.join(zeros)}) are 0")
    return out


def _pack(pieces, room):
    rows, cur = [], ""
    for piece in pieces:
        if cur and _width(cur + " " + piece) > room:
            rows.append(cur)
            cur = piece
        else:
            cur = (cur + " " + piece) if cur else piece
    rows.append(cur)
    return rows


def _matrix_width(M) -> float:
    """Width of a ``pmatrix`` in em: its widest entry per column, plus column gaps."""
    return sum(max(_width(sp.latex(M[i, j])) for i in range(M.rows)) + 1.0 for j in range(M.cols)) + 1.0


def _matrix_rows(eq: Equation, width: float, named: list) -> list:
    """A matrix right side: ``pmatrix`` when it fits, else the common denominator in front,
    else the labelled entry list (:func:`matrix_block`)."""
    lhs = _print(eq.lhs)
    rel = RELATIONS[eq.rel]
    M = sp.Matrix(eq.rhs)
    if _width(lhs) + 2 + _matrix_width(M) <= width:
        return [Row(lhs, f"{rel} {_print(M)}", True, eq)]
    den = sp.Integer(1)
    for x in M:
        den = sp.lcm(den, sp.fraction(sp.factor(x))[1])
    if den != 1:
        inner = M.applyfunc(lambda x: sp.factor(sp.cancel(x * den)))
        prod = sp.MatMul(1 / den, inner, evaluate=False)
        tex = sp.latex(prod, mat_str="pmatrix", mat_delim="")
        if _width(lhs) + 2 + _width(sp.latex(1 / den)) + _matrix_width(inner) <= width:
            return [Row(lhs, f"{rel} {tex}", True, Equation(eq.lhs, prod, eq.rel, eq.note))]
    # the matrix of its entries' names, each distinct wide entry named once ((rho)_ij, first place
    # it occurs) and defined below: a physicist's "rho = (a b; b* a)" with a, b given after it
    names, defs = {}, []
    for i in range(M.rows):
        for j in range(M.cols):
            x = M[i, j]
            if x in names or _width(sp.latex(x)) <= 3:
                continue
            names[x] = Named(r"\left(" + lhs + r"\right)_{" + f"{i + 1}{j + 1}" + "}")
            defs.append(Equation(names[x], x))
    short = M.applyfunc(lambda x: names.get(x, x))
    if defs and _width(lhs) + 2 + _matrix_width(short) <= width:
        out = [Row(lhs, f"{rel} {_print(short)}", True, Equation(eq.lhs, short, eq.rel))]
        for k, d in enumerate(defs):
            if k == 0:
                d = Equation(d.lhs, d.rhs, d.rel, "the distinct entries of the matrix above")
            out += equation_rows(d, width, named)
        return out
    out = []
    for k, e in enumerate(matrix_block(r"\left(" + lhs + r"\right)", M)):
        if k == 0:
            e = Equation(e.lhs, e.rhs, e.rel, (e.note or f"entries of the {M.rows}x{M.cols} matrix") +
                         "; the matrix is too wide to print whole")
        out += equation_rows(e, width, named)
    return out


def equation_rows(eq: Equation, width: float = 44.0, _named: list | None = None) -> list:
    r"""The rows (:class:`Row`) of ``eq`` for an ``align``: one row when it fits in ``width`` em,
    else broken only at top-level ``+``/``-`` (of the right side, or of the left side when the
    right side is short, as in ``P = 0``); a sub-expression still too wide becomes a named
    symbol ``P_k`` defined in rows below (an equation of its own). A matrix too wide for a line
    is printed with its common denominator in front, or else as its labelled entries.

    Parameters
    ----------
    eq : Equation
        The equation.
    width : float, default 44.0
        Line width in em (estimated widths of the printed LaTeX).
    _named : list or None, default None
        Internal: named sub-expressions collected across calls.

    Returns
    -------
    list of Row
        ``Row(lhs, rhs, starts, equation)``: the first row of each equation has ``starts=True``.

    Examples
    --------
    A 30-term polynomial broken at its top-level ``+`` signs:

    >>> x = sp.Symbol("x")
    >>> rows = equation_rows(Equation(Named("P"), sp.Add(*[x**k for k in range(30)])), width=20)
    >>> len(rows), rows[0].rhs, rows[1].starts
    (5, '= x^{29} + x^{28} + x^{27} + x^{26} + x^{25} + x^{24} + x^{23}', False)
    """
    named = [] if _named is None else _named
    lhs = _print(eq.lhs)
    rel = RELATIONS[eq.rel]
    if isinstance(eq.rhs, sp.MatrixBase):
        out = _matrix_rows(eq, width, named)
    else:
        rhs_tex = _print(eq.rhs)
        lw = _width(lhs)
        if lw + _width(rhs_tex) <= width:
            out = [Row(lhs, f"{rel} {rhs_tex}", True, eq)]
        elif lw > width / 3 and _width(rhs_tex) <= width / 3:
            # a long left side against a short right side (a polynomial = 0): break the left side
            swapped, defs = _name_subexpressions(Equation(eq.rhs, eq.lhs), width - 4, len(named))
            named.extend(defs)
            eq2 = Equation(swapped.rhs, swapped.lhs, eq.rel, eq.note)
            rows = _pack([_term_tex(t, k == 0) for k, t in enumerate(_terms(eq2.lhs))], width - 4)
            rows[-1] += f" {rel} {rhs_tex}"
            out = [Row("", rows[0], True, eq2)] + [Row("", r"\qquad " + r, False, eq2) for r in rows[1:]]
        else:
            room = max(width - lw - 2, width / 2)
            eq2, defs = _name_subexpressions(eq, room, len(named))
            named.extend(defs)
            rows = _pack([_term_tex(t, k == 0) for k, t in enumerate(_terms(eq2.rhs))], room)
            out = [Row(lhs, f"{rel} {rows[0]}", True, eq2)]
            out += [Row("", r"\qquad " + r, False, eq2) for r in rows[1:]]
        if eq.note:  # words after the equation: on its last row when they fit, else on a row of their own
            note = r"\quad \text{(" + _escape_text(eq.note) + ")}"
            last = out[-1]
            if _width(last.lhs) + _width(last.rhs) + _width(note) <= width:
                out[-1] = Row(last.lhs, f"{last.rhs} {note}", last.starts, last.equation)
            elif _width(note) + 2 <= width:
                out.append(Row("", r"\qquad " + note, False, last.equation))
            else:  # a long note is a paragraph box that LaTeX wraps
                box = r"\quad \text{\parbox[t]{0.8\linewidth}{(" + _escape_text(eq.note) + ")}}"
                out.append(Row("", r"\qquad " + box, False, last.equation))
    if _named is None:
        done = 0
        while done < len(named):
            d = named[done]
            done += 1
            out += equation_rows(d, width, named)
    return out


def _escape_text(s: str) -> str:
    from ._latex_text import latex_text
    return latex_text(s)


def equation_latex(eqs) -> str:
    r"""One or more :class:`Equation` / :class:`Text` (or a LaTeX string, returned as is) as
    display LaTeX: a single equation on one line, several as an ``aligned`` block.

    Parameters
    ----------
    eqs : Equation, sequence of Equation, or str
        What to print.

    Returns
    -------
    str
        LaTeX (notes as ``\text{(...)}``).

    Examples
    --------
    >>> x = sp.Symbol("x")
    >>> equation_latex([Equation(Named("a"), x + 1), Equation(Named("b"), 2 * x)])
    '\\begin{aligned}a &= x + 1 \\\\ b &= 2 x\\end{aligned}'
    """
    if isinstance(eqs, str):
        return eqs
    if isinstance(eqs, (Equation, Text)):
        eqs = [eqs]
    eqs = list(eqs)
    if len(eqs) == 1:
        e = eqs[0]
        if isinstance(e, Text):
            return r"\text{" + _escape_text(e.text) + "}"
        return e.latex() + ((r" \quad \text{(" + _escape_text(e.note) + ")}") if e.note else "")
    lines = []
    for e in eqs:
        if isinstance(e, Text):
            lines.append(r"&\text{" + _escape_text(e.text) + "}")
            continue
        note = (r" \quad \text{(" + _escape_text(e.note) + ")}") if e.note else ""
        lines.append(f"{_print(e.lhs)} &{RELATIONS[e.rel]} {_print(e.rhs)}{note}")
    return r"\begin{aligned}" + r" \\ ".join(lines) + r"\end{aligned}"
