r"""Line breaking of long display equations (for :func:`latex_document`).

:func:`break_equation` parses a LaTeX math string into atoms (``\left..\right`` pairs,
fractions, roots, environments, scripts), estimates widths in em and packs the atoms into
rows no wider than ``width`` em, breaking before binary operators and relations, after
``,\quad``-style list separators and at ``\\``. An atom wider than a row is rewritten into an
equivalent breakable form: ``\left(A\right)`` → ``\Bigl(A\Bigr)``,
``\frac{A}{B}`` → ``\frac{1}{B}\Bigl(A\Bigr)`` (or ``\Bigl(A\Bigr)\Big/\Bigl(B\Bigr)``),
``\sqrt{A}`` → ``\Bigl(A\Bigr)^{1/2}``, a matrix → its entries row by row.

>>> rows = break_equation(" + ".join(f"x_{{{k}}}" for k in range(40)) + " = 0", width=20)
>>> len(rows) > 1 and all(lhs == "" for lhs, _ in rows[1:])
True
>>> break_equation(r"a = \frac{1}{2}", width=20)
[('', 'a = \\frac{1}{2}')]
"""
from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["break_equation", "estimate_width"]

_ARG1 = {"text", "textrm", "textit", "textbf", "mathrm", "mathit", "mathbf", "mathcal", "mathbb", "mathsf",
         "mathtt", "mathfrak", "operatorname", "boldsymbol", "hat", "bar", "dot", "ddot", "tilde", "vec",
         "overline", "underline", "widehat", "widetilde", "mbox", "check", "breve"}
_TEXTLIKE = {"text", "textrm", "textit", "textbf", "mbox", "operatorname"}
_BIG = {"big", "Big", "bigg", "Bigg", "bigl", "Bigl", "biggl", "Biggl", "bigr", "Bigr", "biggr", "Biggr",
        "bigm", "Bigm"}
_REL = {"=", "<", ">", r"\le", r"\ge", r"\leq", r"\geq", r"\approx", r"\equiv", r"\iff", r"\Rightarrow",
        r"\Leftrightarrow", r"\to", r"\ne", r"\neq", r"\sim", r"\simeq", r"\propto", r"\mapsto", r"\implies"}
_BIN = {"+", "-", r"\pm", r"\mp", r"\cdot", r"\times", r"\Big/"}
_SPACE = {r"\quad": 1.0, r"\qquad": 2.0, r"\ ": 0.33, r"\,": 0.17, r"\;": 0.28, r"\:": 0.22, r"\!": -0.17}
_OPEN = {"(", "[", r"\{", r"\langle", "|", r"\lvert"}
_MATRIX = {"matrix", "pmatrix", "bmatrix", "Bmatrix", "vmatrix", "Vmatrix", "smallmatrix"}
_ROWS = {"aligned", "align", "align*", "gathered", "split", "alignedat", "multline", "multline*", "gather",
         "gather*"}


@dataclass
class _N:
    """A parsed node: kind in atom | lr | frac | sqrt | env | group; ``script`` = '^{..}_{..}'."""

    kind: str
    tex: str = ""                      # atom text, env body, delimiters "open|close", frac command
    body: list = field(default_factory=list)
    den: list = field(default_factory=list)
    arg: str = ""                      # env name / sqrt index
    script: str = ""
    sw: float = 0.0                    # script width
    w: float = 0.0                     # atom width

    def width(self) -> float:
        k = self.kind
        if k == "atom":
            base = self.w
        elif k == "lr":
            base = _width(self.body) + 0.8
        elif k == "frac":
            f = 0.75 if self.tex == r"\tfrac" else 1.0
            base = f * max(_width(self.body), _width(self.den)) + 0.4
        elif k == "sqrt":
            base = _width(self.body) + 1.2
        elif k == "env":
            base = _env_width(self.arg, self.tex)
        else:
            base = _width(self.body)
        return base + self.sw

    def latex(self) -> str:
        k = self.kind
        if k == "atom":
            s = self.tex
        elif k == "lr":
            o, c = _split_delims(self.tex)
            s = r"\left" + o + " " + _emit(self.body) + r" \right" + c
        elif k == "frac":
            s = self.tex + "{" + _emit(self.body) + "}{" + _emit(self.den) + "}"
        elif k == "sqrt":
            s = r"\sqrt" + (f"[{self.arg}]" if self.arg else "") + "{" + _emit(self.body) + "}"
        elif k == "env":
            s = r"\begin{" + self.arg + "}" + self.tex + r"\end{" + self.arg + "}"
        else:
            s = "{" + _emit(self.body) + "}"
        return s + self.script


def _split_delims(t):
    # delimiters may themselves be "|": stored as open + "\x00" + close
    o, c = t.split("\x00")
    return o, c


def _width(nodes) -> float:
    return sum(n.width() for n in nodes)


def _emit(nodes) -> str:
    return " ".join(n.latex() for n in nodes if not (n.kind == "atom" and n.tex == "&" and not n.script))


def estimate_width(tex: str) -> float:
    """Estimated display width of the LaTeX math ``tex`` in em (10 pt font: 1 em = 10 pt)."""
    return _width(_parse(tex))


def _atom_width(t: str) -> float:
    if t in _SPACE:
        return _SPACE[t]
    if t in _REL:
        return 1.3
    if t in _BIN:
        return 1.2
    if t in (",", ";"):
        return 0.45
    if t in ("(", ")", "[", "]", "|", "/", ".", "!", "'"):
        return 0.4
    if t.isdigit():
        return 0.5 * len(t)
    if len(t) == 1:
        return 0.6
    if t.startswith("\\"):
        name = t[1:]
        if name in ("sum", "prod", "int", "oint", "bigcup", "bigcap"):
            return 1.4
        if name in ("max", "min", "sup", "inf", "lim", "log", "exp", "cos", "sin", "tan", "tanh", "cosh",
                    "sinh", "det", "ln", "arg", "deg", "dim", "ker"):
            return 0.5 * len(name) + 0.3
        if name in ("limits", "nolimits", "displaystyle", "textstyle", "rm", "left", "right"):
            return 0.0
        return 0.8
    return 0.55 * len(t)


def _read_arg(s: str, i: int):
    """One macro argument at ``s[i:]``: a braced group or a single token; returns (text, end)."""
    while i < len(s) and s[i] == " ":
        i += 1
    if i >= len(s):
        return "", i
    if s[i] == "{":
        depth, j = 0, i
        while j < len(s):
            if s[j] == "\\":
                j += 2
                continue
            if s[j] == "{":
                depth += 1
            elif s[j] == "}":
                depth -= 1
                if depth == 0:
                    return s[i + 1:j], j + 1
            j += 1
        return s[i + 1:], len(s)
    return _read_token(s, i)


def _read_token(s: str, i: int):
    """One token at ``s[i]``: a control sequence (``\\name`` or ``\\x``) or one character."""
    if s[i] == "\\":
        j = i + 1
        if j < len(s) and s[j].isalpha():
            while j < len(s) and s[j].isalpha():
                j += 1
        else:
            j += 1
        return s[i:j], j
    return s[i], i + 1


def _read_delim(s: str, i: int):
    while i < len(s) and s[i] == " ":
        i += 1
    return _read_token(s, i)


def _find_end(s: str, i: int, name: str) -> int:
    """Index of the ``\\end{name}`` matching a ``\\begin{name}`` that ended just before ``i``."""
    depth, j = 1, i
    b, e = r"\begin{" + name + "}", r"\end{" + name + "}"
    while j < len(s):
        if s.startswith(b, j):
            depth += 1
            j += len(b)
        elif s.startswith(e, j):
            depth -= 1
            if depth == 0:
                return j
            j += len(e)
        else:
            j += 1
    raise ValueError(f"unbalanced \\begin{{{name}}}")


def _parse(s: str, i: int = 0, stop: str = "", out_end: list | None = None) -> list:
    nodes: list = []
    while i < len(s):
        c = s[i]
        if c.isspace():
            i += 1
            continue
        if c in "^_":
            arg, i = _read_arg(s, i + 1)
            tgt = nodes[-1] if nodes else None
            if tgt is None:
                tgt = _N("atom", "{}")
                nodes.append(tgt)
            tgt.script += c + "{" + arg + "}"
            tgt.sw += 0.7 * max(estimate_width(arg), 0.3)
            continue
        if c == "}" and stop == "}":
            if out_end is not None:
                out_end.append(i + 1)
            return nodes
        if c == "{":
            arg, i = _read_arg(s, i)
            nodes.append(_N("group", body=_parse(arg)))
            continue
        if c == "\\":
            cmd, j = _read_token(s, i)
            name = cmd[1:]
            if cmd == r"\right" and stop == "right":
                d, k = _read_delim(s, j)
                if out_end is not None:
                    out_end += [k, d]
                return nodes
            if cmd == r"\left":
                o, k = _read_delim(s, j)
                end: list = []
                body = _parse(s, k, "right", end)
                if not end:
                    raise ValueError(r"\left without \right")
                i = end[0]
                nodes.append(_N("lr", o + "\x00" + end[1], body=body))
                continue
            if name in ("frac", "dfrac", "tfrac"):
                a, k = _read_arg(s, j)
                b, i = _read_arg(s, k)
                nodes.append(_N("frac", cmd, body=_parse(a), den=_parse(b)))
                continue
            if name == "sqrt":
                idx = ""
                k = j
                while k < len(s) and s[k] == " ":
                    k += 1
                if k < len(s) and s[k] == "[":
                    e = s.index("]", k)
                    idx, k = s[k + 1:e], e + 1
                a, i = _read_arg(s, k)
                nodes.append(_N("sqrt", arg=idx, body=_parse(a)))
                continue
            if name == "begin":
                env, k = _read_arg(s, j)
                e = _find_end(s, k, env)
                nodes.append(_N("env", s[k:e], arg=env))
                i = e + len(r"\end{" + env + "}")
                continue
            if name in _ARG1:
                a, i = _read_arg(s, j)
                w = 0.5 * len(a) if name in _TEXTLIKE else max(estimate_width(a), 0.6)
                nodes.append(_N("atom", cmd + "{" + a + "}", w=w))
                continue
            if name in _BIG:
                d, i = _read_delim(s, j)
                nodes.append(_N("atom", cmd + d, w=0.6))
                continue
            nodes.append(_N("atom", cmd, w=_atom_width(cmd)))
            i = j
            continue
        if c.isdigit():
            j = i
            while j < len(s) and s[j].isdigit():
                j += 1
            nodes.append(_N("atom", s[i:j], w=_atom_width(s[i:j])))
            i = j
            continue
        nodes.append(_N("atom", c, w=_atom_width(c)))
        i += 1
    return nodes


def _env_rows(body: str) -> list:
    """Rows (split at top-level ``\\\\``) and cells (``&``) of an environment body."""
    rows, cur, depth, i = [], "", 0, 0
    cells = []
    while i < len(body):
        if body.startswith(r"\begin{", i):
            depth += 1
        elif body.startswith(r"\end{", i):
            depth -= 1
        c = body[i]
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
        if depth == 0 and body.startswith("\\\\", i):
            cells.append(cur)
            rows.append(cells)
            cells, cur, i = [], "", i + 2
            continue
        if c == "\\" and i + 1 < len(body):
            cur += body[i:i + 2]
            i += 2
            continue
        if depth == 0 and c == "&":
            cells.append(cur)
            cur, i = "", i + 1
            continue
        cur += c
        i += 1
    if cur.strip() or cells:
        cells.append(cur)
        rows.append(cells)
    return [r for r in rows if any(x.strip() for x in r)]


def _env_width(name: str, body: str) -> float:
    rows = _env_rows(body)
    if not rows:
        return 0.0
    if name in _MATRIX:
        ncol = max(len(r) for r in rows)
        return sum(max(estimate_width(r[k]) if k < len(r) else 0 for r in rows) for k in range(ncol)) + ncol + 1
    return max(sum(estimate_width(c) for c in r) for r in rows)


# ----------------------------------------------------------------- breaking
_BREAK = _N("atom", r"\\", w=0.0)


def _is_break(n) -> bool:
    return n.kind == "atom" and n.tex == r"\\" and not n.script


def _value_like(prev) -> bool:
    if prev is None:
        return False
    if prev.kind != "atom":
        return True
    t = prev.tex
    if prev.script:
        return True
    return not (t in _REL or t in _BIN or t in (",", ";", "(", "[", r"\{", "&", r"\\") or t in _SPACE
                or t.startswith((r"\Bigl", r"\bigl", r"\biggl", r"\Biggl")) or t.endswith("(") or t.endswith("["))


def _segments(nodes) -> list:
    """Split at break opportunities; a forced break is its own segment ``None``."""
    segs, cur = [], []
    for k, n in enumerate(nodes):
        if _is_break(n):
            if cur:
                segs.append(cur)
            segs.append(None)
            cur = []
            continue
        t = n.tex if n.kind == "atom" else None
        if t is not None and not n.script and (t in _REL or (t in _BIN and _value_like(cur[-1] if cur else None))):
            if cur:
                segs.append(cur)
            cur = [n]
            continue
        cur.append(n)
        if t in (r"\quad", r"\qquad") or (t in (r"\ ", r"\;") and len(cur) > 1 and cur[-2].tex == ","):
            segs.append(cur)
            cur = []
    if cur:
        segs.append(cur)
    return segs


def _delim(d: str, side: str) -> str:
    if d == ".":
        return ""
    return (r"\Bigl" if side == "l" else r"\Bigr") + d


def _expand(n: _N) -> list | None:
    """An equivalent, breakable sequence for a too-wide node (None: cannot)."""
    k = n.kind
    if k == "lr":
        o, c = _split_delims(n.tex)
        if len(n.body) == 1 and n.body[0].kind == "env" and n.body[0].arg in _MATRIX and not n.script:
            return _expand(n.body[0])
        close = _delim(c, "r") or "{}"
        return ([_N("atom", _delim(o, "l"), w=0.5)] if o != "." else []) + n.body + \
            [_N("atom", close + n.script, w=0.5 + n.sw)]
    if k == "frac":
        wd = _width(n.den)
        if wd <= 12:
            head = _N("atom", r"\frac{1}{" + _emit(n.den) + "}", w=wd + 0.4)
            return [head, _N("atom", r"\Bigl(", w=0.5), *n.body, _N("atom", r"\Bigr)" + n.script, w=0.5 + n.sw)]
        return [_N("atom", r"\Bigl(", w=0.5), *n.body, _N("atom", r"\Bigr)", w=0.5), _N("atom", r"\Big/", w=1.2),
                _N("atom", r"\Bigl(", w=0.5), *n.den, _N("atom", r"\Bigr)" + n.script, w=0.5 + n.sw)]
    if k == "sqrt":
        p = "1/" + (n.arg or "2")
        return [_N("atom", r"\Bigl(", w=0.5), *n.body, _N("atom", r"\Bigr)^{" + p + "}" + n.script, w=1.2 + n.sw)]
    if k == "group":
        if not n.script:
            return list(n.body)
        return [_N("atom", r"\Bigl(", w=0.5), *n.body, _N("atom", r"\Bigr)" + n.script, w=0.5 + n.sw)]
    if k == "env" and n.arg in _MATRIX:
        out = [_N("atom", r"\text{entries:}", w=4.0)]
        for i, row in enumerate(_env_rows(n.tex), 1):
            out.append(_BREAK)
            for j, cell in enumerate(row, 1):
                out += [_N("atom", r"[\,\cdot\,]_{" + f"{i}{j}" + "} =", w=3.3),
                        *_parse(cell), _N("atom", ",", w=0.45), _N("atom", r"\quad", w=1.0)]
            out = out[:-2]
        return out
    if k == "env" and n.arg in _ROWS:
        out = []
        for row in _env_rows(n.tex):
            if out:
                out.append(_BREAK)
            out += _parse(" ".join(row))
        return out
    return None


def _pack(nodes, width: float) -> list:
    """Rows (lists of nodes) no wider than ``width`` where the atoms allow."""
    rows, cur, curw = [], [], 0.0
    queue = list(_segments(nodes))
    while queue:
        seg = queue.pop(0)
        if seg is None:
            if cur:
                rows.append(cur)
            cur, curw = [], 0.0
            continue
        w = _width(seg)
        avail = width if not rows else width - 2.0  # continuation rows start with \qquad
        if curw + w <= avail:
            cur += seg
            curw += w
            continue
        if w > width - 2.0:
            # rewrite the widest expandable node of the segment and split again
            cand = sorted((i for i, n in enumerate(seg) if _expand(n) is not None),
                          key=lambda i: -seg[i].width())
            if cand:
                i = cand[0]
                new = seg[:i] + _expand(seg[i]) + seg[i + 1:]
                queue[:0] = _segments(new)
                continue
        if cur:
            rows.append(cur)
        cur, curw = list(seg), w
    if cur:
        rows.append(cur)
    return rows


def _split_lhs(nodes, width):
    """(lhs, rest) at the first top-level relation when the left side is short."""
    for k, n in enumerate(nodes):
        if n.kind == "atom" and n.tex in _REL and not n.script:
            lhs = nodes[:k]
            if 0 < _width(lhs) <= width / 3:
                return lhs, nodes[k:]
            break
        if _is_break(n):
            break
    return [], nodes


def break_equation(tex: str, width: float = 40.0) -> list:
    r"""The display ``tex`` broken into rows of at most ``width`` em: a list of ``(lhs, rhs_row)``.

    Each pair is one output row ``lhs & rhs_row`` of an ``align`` environment (``lhs`` empty on
    continuation rows). A top-level ``aligned``/``align`` block keeps its rows.

    Parameters
    ----------
    tex : str
        A display equation (LaTeX, e.g. from the package's printer).
    width : float, default 40.0
        Row width in em (estimated).

    Returns
    -------
    list of tuple
        ``(lhs, rhs_row)`` pairs; a display that fits is returned as ``[("", tex)]``.

    Examples
    --------
    >>> break_equation("a = b + c")
    [('', 'a = b + c')]
    >>> rows = break_equation("P = " + " + ".join(f"x^{{{k}}}" for k in range(30)), width=20)
    >>> len(rows), rows[0][0], rows[1][1][:15]
    (5, 'P', '\\qquad + x^{8} ')
    """
    nodes = _parse(tex.strip())
    if not any(_is_break(n) for n in nodes) and not (len(nodes) == 1 and nodes[0].kind == "env"
                                                      and nodes[0].arg in _ROWS) and _width(nodes) <= width:
        return [("", tex.strip())]  # fits: kept verbatim
    logical = []
    if len(nodes) == 1 and nodes[0].kind == "env" and nodes[0].arg in _ROWS:
        for row in _env_rows(nodes[0].tex):
            if len(row) > 1:
                logical.append((_parse(row[0]), _parse(" ".join(row[1:]))))
            else:
                logical.append(_split_lhs(_parse(row[0]), width))
    else:
        cur = []
        for n in nodes + [_BREAK]:
            if _is_break(n):
                if cur:
                    logical.append(_split_lhs(cur, width))
                cur = []
            else:
                cur.append(n)
    out = []
    for lhs, rest in logical:
        lw = _width(lhs)
        rows = _pack(rest, max(width - lw, width / 2))
        for k, r in enumerate(rows):
            body = _emit(r)
            if k:
                body = r"\qquad " + body
            out.append((_emit(lhs) if k == 0 else "", body))
    return out
