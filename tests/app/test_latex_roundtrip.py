r"""Every printed equation parses back, with an independent parser, to the expression it came from.

The parser is sympy's Lark LaTeX grammar (``parse_latex(..., backend="lark")``, needs the
``lark`` package): it knows nothing of how the package prints. Before parsing, the only
rewriting is of *names*: a symbol whose printed form the grammar does not read (``\mathcal{N}``,
``C_{00;01}``, ``\Gamma``) is replaced, as a whole, by a fresh placeholder symbol, and
``\left``/``\right`` sizes are dropped. Structure (fractions, brackets, signs, powers, roots,
matrices, where a sum is cut into rows) is read by the parser alone. Equality is checked
exactly at random rational points (with 40 digits where roots make the values irrational).

Covered: the document's HDB Sec. II section and every ``latex`` quantity of the two-qubit
catalogue models (both slow: the Earley grammar takes ~0.2 s a term), a synthetic set of long
sums, fractions and matrices, and the CLI; the old, string-concatenated Eq. (1.12) fails.
"""
from __future__ import annotations

import functools
import json
import random
import re

import pytest
import sympy as sp

import sympy.parsing.latex.lark.latex_parser as lark_parser  # noqa: E402
from symbolic_ness.app import catalog, reproduce  # noqa: E402
from symbolic_ness.export import Equation, Named, equation_rows, latex_document  # noqa: E402

if lark_parser._lark is None:  # pragma: no cover - lark is in the test extra
    raise ImportError("the round-trip test needs the 'lark' package (pip install lark)")

from sympy.core.function import AppliedUndef  # noqa: E402
from sympy.parsing.latex.lark.transformer import TransformToSymPyExpr  # noqa: E402


class _Transformer(TransformToSymPyExpr):
    """Resolve the grammar's ambiguities (``x (y)`` = product or call; ``\\le`` inside ``\\left``)
    towards products: the package never prints an undefined function or a nested relation."""

    allowed: set = set()  # names of the symbols the equation may contain (set before each parse)

    def _ambig(self, items):
        known = [x for x in items if isinstance(x, sp.Basic)
                 and {str(a) for a in x.atoms(sp.Symbol)} <= self.allowed]  # "\\tanh" is not "\\tan h"
        items = known or items
        ok = [x for x in items if isinstance(x, sp.Basic) and not x.atoms(AppliedUndef)
              and not any(isinstance(a, sp.core.relational.Relational) for a in sp.preorder_traversal(x)
                          if a is not x)]
        return (ok or items)[-1]

    def adjacent_expressions(self, tokens):  # always a product (the stock rule reads "d x" as a differential)
        return sp.Mul(tokens[0], tokens[1])


def _grammar() -> str:
    """sympy's grammar with implicit multiplication after any factor (``x^{2} y``, ``\\sqrt{2} x``):
    the stock rule allows it only after a letter, a number, a bracket or a fraction."""
    import pathlib
    import tempfile
    src = pathlib.Path(lark_parser.__file__).with_name("grammar") / "latex.lark"
    text = src.read_text()
    old = re.search(r"adjacent_expressions: \(_one_letter_symbol \| number\) _expression_mul\n(\s+\|[^\n]*\n)+", text)
    assert old, "sympy's LaTeX grammar changed: update the round-trip test"
    # one rule for every product of adjacent factors (the stock alternatives are special cases)
    text = text.replace(old.group(0), "adjacent_expressions: _expression_power _expression_mul\n")
    f = tempfile.NamedTemporaryFile("w", suffix=".lark", delete=False)
    f.write(text)
    f.close()
    return f.name


PARSER = lark_parser.LarkLaTeXParser(transformer=_Transformer, grammar_file=_grammar())
_PRINTED_REL = {"=": "=", "<": "<", ">": ">", "<=": r"\leq", ">=": r"\geq", "!=": r"\neq"}


def _clean(tex: str) -> str:
    """One equation's LaTeX without labels, notes (words after it) and bracket sizes."""
    tex = re.sub(r"\\label\{[^}]*\}", "", tex)
    tex = re.sub(r"\\quad \\text\{\\parbox\[t\]\{[^}]*\}\{\(.*?\)\}\}", "", tex)  # a long note
    tex = re.sub(r"\\quad \\text\{\(.*?\)\}", "", tex)
    tex = re.sub(r"\\pi(?![a-zA-Z])", r"\\mathit{qpi}", tex)  # the grammar has no \pi: a placeholder for it
    for a, b in ((r"\limits", ""), (r"\qquad", " "), (r"\left(", "("), (r"\right)", ")"), (r"\left[", "["), (r"\right]", "]"),
                 (r"\left|", "|"), (r"\right|", "|")):
        tex = tex.replace(a, b)
    return " ".join(tex.split())


_RELS = [r"\leq", r"\geq", r"\neq", "=", "<", ">"]


def _split_top(tex: str, seps) -> list:
    """``tex`` cut at the separators that stand outside every bracket and environment:
    ``[(separator before, piece), ...]`` (the first separator is "")."""
    out, depth, cur, sep, i = [], 0, [], "", 0
    while i < len(tex):
        if tex.startswith(r"\begin{", i):
            depth += 1
        elif tex.startswith(r"\end{", i):
            depth -= 1
        c = tex[i]
        if c == "\\" and i + 1 < len(tex) and tex[i + 1] in "{}":
            cur.append(tex[i:i + 2])
            i += 2
            continue
        if c in "{([":
            depth += 1
        elif c in "})]":
            depth -= 1
        if depth == 0:
            hit = next((s for s in seps if tex.startswith(s, i) and not (s.isalpha())), None)
            if hit is not None and not (hit in "+-" and not "".join(cur).strip() and not out and sep == ""):
                out.append((sep, "".join(cur)))
                cur, sep = [], hit
                i += len(hit)
                continue
        cur.append(c)
        i += 1
    out.append((sep, "".join(cur)))
    return out


@functools.lru_cache(maxsize=None)
def _parse_term(piece: str, allowed: frozenset):
    _Transformer.allowed = set(allowed)
    return _fix_constants(PARSER.doparse(piece))


def _parse_side(tex: str):
    """A side of a relation: its top-level terms parsed one by one (the grammar's ambiguity
    makes whole 100-term sums slow) and added with the signs printed between them."""
    total = 0
    for sep, piece in _split_top(tex, ["+", "-"]):
        piece = piece.strip()
        if not piece:
            if sep == "-" or not sep:
                continue
            raise ValueError(f"empty term in {tex!r}")
        neg = sep == "-"
        if piece.startswith("-"):
            neg, piece = not neg, piece[1:].strip()
        term = _parse_term(piece, frozenset(_Transformer.allowed))
        total = (-term if neg else term) if total == 0 else total + (-term if neg else term)
    return total


def _parse(tex: str):
    """``(lhs, relation, rhs)`` of one equation, each side parsed by the grammar."""
    parts = _split_top(tex, _RELS)
    assert len(parts) == 2, f"not one relation: {tex!r}"
    (_, lhs), (rel, rhs) = parts
    return _parse_side(lhs), rel, _parse_side(rhs)


def _placeholders(tex: str, syms) -> tuple:
    """Rename every symbol the grammar cannot read to ``\\mathit{qq..}``; returns (tex, {symbol: parsed})."""
    mapping = {}
    names = []
    for s in syms:
        t = sp.latex(s)
        try:
            p = PARSER.doparse(t) if not isinstance(s, Named) else None
        except Exception:
            p = None
        if isinstance(p, sp.Symbol):
            mapping[s] = p
        else:
            names.append((t, s))
    for k, (t, s) in enumerate(sorted(names, key=lambda ts: -len(ts[0]))):
        name = "qq" + "".join(chr(97 + int(c)) for c in str(k))  # letters only: the grammar's \mathit{..}
        tex = tex.replace(t, f"\\mathit{{{name}}}")
        mapping[s] = sp.Symbol(name)
    return tex, mapping


def _fix_constants(e):
    """The grammar reads ``i`` and ``e`` as symbols: they are the imaginary unit and Euler's number."""
    if isinstance(e, sp.MatrixBase):
        return e.applyfunc(_fix_constants)
    if not isinstance(e, sp.Basic):
        return e
    return e.xreplace({sp.Symbol("i"): sp.I, sp.Symbol("e"): sp.E, sp.Symbol("qpi"): sp.pi})


def _values_equal(a, b, syms, trials=3) -> bool:
    if isinstance(a, sp.MatrixBase) or isinstance(b, sp.MatrixBase):
        a, b = sp.Matrix(a), sp.Matrix(b)
        return a.shape == b.shape and all(_values_equal(x, y, syms, trials) for x, y in zip(a, b))
    rnd = random.Random(1)
    d = sp.sympify(a) - sp.sympify(b)
    if d == 0:
        return True
    free = sorted(d.free_symbols | sp.sympify(a).free_symbols | sp.sympify(b).free_symbols, key=str)
    for _ in range(trials):
        pt = {s: sp.Rational(rnd.randint(1, 97), rnd.randint(1, 13)) for s in free}
        v = d.xreplace(pt)
        v = sp.nsimplify(0) if v == 0 else v
        if v != 0 and abs(sp.N(v, 40)) > sp.Float("1e-25") * (1 + abs(sp.N(sp.sympify(a).xreplace(pt), 40))):
            return False
    return True


def roundtrip_equal(tex: str, eq: Equation) -> bool:
    """``tex`` (one equation, possibly cut into align rows) read back equals ``eq``."""
    syms = set()
    for side in (eq.lhs, eq.rhs):
        syms |= side.atoms(sp.Symbol) if isinstance(side, (sp.Basic, sp.MatrixBase)) else set()
    body, mapping = _placeholders(tex, syms)
    _Transformer.allowed = {str(v) for v in mapping.values()} | {"qpi", "i", "e"}
    body = _clean(body)
    plhs, prel, prhs = _parse(body)
    if _PRINTED_REL[eq.rel] != prel:
        return False
    lhs, rhs = eq.lhs.xreplace(mapping), eq.rhs.xreplace(mapping)
    if isinstance(rhs, sp.MatMul):
        rhs = rhs.doit()
    return _values_equal(plhs, lhs, syms) and _values_equal(prhs, rhs, syms)


def _blocks(tex: str) -> dict:
    """{label: [equation LaTeX, ...]}: each align block cut into its equations (a row with a
    non-empty left column, or the first row, starts an equation)."""
    out = {}
    for body in re.findall(r"\\begin\{align\}\n(.*?)\n\\end\{align\}", tex, re.S):
        label = re.search(r"\\label\{([^}]+)\}", body).group(1)
        eqs = []
        for row in body.split("\n"):
            left, right = row.split("&", 1)  # the align column
            right = right.replace(r"\notag \\", "") if right.rstrip().endswith(r"\notag \\") else right
            text = left + " " + right
            if not eqs or left.strip() or not right.lstrip().startswith("\\qquad"):
                eqs.append(text)
            else:
                eqs[-1] += " " + text
        out[label] = eqs
    return out


def _load(srepr: str):
    ns = {name: getattr(sp, name) for name in dir(sp) if not name.startswith("_")}
    ns["Named"] = Named
    return eval(srepr, ns)  # noqa: S307 - our own srepr output


def check_document(out) -> int:
    tex = (out / "derived_equations.tex").read_text()
    data = json.loads((out / "derived_equations.json").read_text())
    blocks = _blocks(tex)
    n = 0
    for b in data:
        assert b["equations"] is not None, f"{b['label']} ({b['title']}) is a LaTeX string, not an Equation"
        printed = blocks.get(b["label"], [])
        assert len(printed) == len(b["equations"]), (b["label"], printed)
        for t, e in zip(printed, b["equations"]):
            eq = Equation(_load(e["lhs"]), _load(e["rhs"]), e["rel"])
            assert roundtrip_equal(t, eq), f"{b['label']} ({b['title']}): {t!r} is not {eq}"
            n += 1
    return n


_TOKEN = re.compile(r"\\[a-zA-Z]+|[a-zA-Z]")


def _math_tokens(text: str) -> set:
    """Tokens (commands, single letters) of the inline maths ``$..$`` of ``text``."""
    toks = set()
    for seg in re.findall(r"\$([^$]+)\$", text):
        toks |= set(_TOKEN.findall(seg))
    return toks


def undefined_symbols(out) -> list:
    """Symbols used by an equation of the document whose name (its first LaTeX token: ``g``,
    ``\\gamma``, ``a`` of ``a_{1}``) appears neither in the text before it (notation list,
    section introductions, block titles) nor as the left side of an earlier equation."""
    tex = (out / "derived_equations.tex").read_text()
    data = json.loads((out / "derived_equations.json").read_text())
    text_only = re.sub(r"\\begin\{align\}.*?\\end\{align\}", "", tex, flags=re.S)
    defined_lhs = set()
    bad = []
    for b in data:
        pos = text_only.find(r"\paragraph{", 0)
        title_pos = tex.find(r"\label{" + b["label"] + "}")
        before = re.sub(r"\\begin\{align\}.*?\\end\{align\}", "", tex[:title_pos], flags=re.S)
        known = _math_tokens(before) | defined_lhs
        for e in b["equations"] or []:
            lhs, rhs = _load(e["lhs"]), _load(e["rhs"])
            for sym in sorted((lhs.free_symbols | rhs.free_symbols), key=str):
                first = _TOKEN.findall(sp.latex(sym))[:1]
                if first and first[0] not in known and first[0] not in (r"\left", r"\lim", r"\sup", r"\dot"):
                    bad.append((b["label"], sp.latex(sym)))
            if isinstance(lhs, Named):
                defined_lhs |= set(_TOKEN.findall(lhs.name)[:1])
        del pos
    return sorted(set(bad))


OLD_EQ_1_12 = r"r_{th}=\frac{19}{12} + \frac{\sqrt{985}}{12}\,\gamma"


def test_the_old_string_built_threshold_fails_and_the_new_one_passes():
    gamma = sp.Symbol("gamma", positive=True)
    eq = Equation(Named("r_{th}"), (19 + sp.sqrt(985)) / 12 * gamma)
    assert not roundtrip_equal(OLD_EQ_1_12.replace(r"\,", " "), eq)
    rows = equation_rows(eq)
    assert roundtrip_equal(" ".join(r.lhs + " " + r.rhs for r in rows), eq)


def test_long_sums_matrices_and_abbreviations_round_trip():
    g, r, gamma = sp.symbols("g r gamma", positive=True)
    w = 16.0  # a narrow line: small expressions already need breaking
    cases = [Equation(Named("P"), sp.expand((g + 2 * r + 1) ** 3)),
             Equation(sp.expand((g - r + gamma) ** 3), 0),
             Equation(Named(r"\mathcal{N}"), sp.Max(0, sp.expand((g - r) ** 4) / (g + 2 * gamma))),
             Equation(Named(r"\rho"), sp.Matrix(2, 2, lambda i, j: (g + i * r + j * gamma) ** 2 / (g + r + 1 + i + j)))]
    doc = latex_document([("Synthetic", [(f"case {k}", e) for k, e in enumerate(cases)])], width=w)
    blocks = _blocks(doc)
    for k, e in enumerate(cases):
        rows = equation_rows(e, w)
        printed = blocks[f"eq:synthetic:{k + 1}"]
        starts = [row.equation for row in rows if row.starts]
        assert len(printed) == len(starts) >= 1
        assert all(roundtrip_equal(t, s) for t, s in zip(printed, starts)), (printed, starts)
        assert len(rows) > 1  # each case is wider than the line
    # a matrix too wide for the line stays a matrix, of its entries' names, each defined below it
    assert r"\begin{pmatrix}\left(\rho\right)_{11}" in doc and r"\left(\rho\right)_{22} & =" in doc


@pytest.fixture(scope="module")
def document(tmp_path_factory):
    out = tmp_path_factory.mktemp("doc")
    assert reproduce(out, only=["hdb-sec2"]) == 0
    return out


@pytest.mark.slow
def test_every_symbol_of_the_document_is_defined(document):
    assert undefined_symbols(document) == []


@pytest.mark.slow
def test_every_equation_of_the_document_round_trips(document):
    # the sections whose equations are Equation objects (see the report: the other sections
    # still hand LaTeX strings to the document and are not yet covered)
    assert check_document(document) >= 45


def test_the_latex_cli_prints_the_quantity_equation(cli):
    q = catalog()["reset-ising"].quantities["negativity"]
    p = cli("latex", "reset-ising", "negativity")
    assert p.returncode == 0, p.stderr
    assert roundtrip_equal(p.stdout.strip(), q.latex({}))


# exceptional-points comes from app/_generic.py, which still glues strings (see the report)
_NOT_YET = {"exceptional-points"}


@pytest.mark.slow
@pytest.mark.parametrize("model", ["reset-ising", "reset-heisenberg"])
def test_every_latex_quantity_round_trips(model):
    from symbolic_ness.export import equation_latex
    m = catalog()[model]
    for name, q in m.quantities.items():
        if q.latex is None or name in _NOT_YET:
            continue
        eqs = q.latex({})
        eqs = [eqs] if isinstance(eqs, Equation) else eqs
        assert all(isinstance(e, Equation) for e in eqs), (model, name)
        printed = equation_latex(eqs)
        if len(eqs) == 1:
            assert roundtrip_equal(printed, eqs[0]), (model, name, printed)
        else:
            body = printed.removeprefix(r"\begin{aligned}").removesuffix(r"\end{aligned}")
            rows = [row.replace("&", "", 1) for row in body.split(r" \\ ")]
            assert len(rows) == len(eqs)
            assert all(roundtrip_equal(t, e) for t, e in zip(rows, eqs)), (model, name)


# ------------------------------------------------------------- statements, thresholds, models
def _strip_parens(tex: str) -> str:
    """``tex`` without brackets around the whole of it."""
    t = tex.strip()
    while t.startswith("("):
        depth = 0
        for i, c in enumerate(t):
            depth += (c == "(") - (c == ")")
            if depth == 0:
                break
        if i != len(t) - 1:
            break
        t = t[1:-1].strip()
    return t


def _relation_equal(tex: str, rel, allowed) -> bool:
    """``tex`` (one printed relation) read back equals the sympy relation ``rel`` (placeholders applied)."""
    _Transformer.allowed = allowed
    plhs, prel, prhs = _parse(tex)
    return prel == _PRINTED_REL[rel.rel_op] and _values_equal(plhs, rel.lhs, ()) and _values_equal(prhs, rel.rhs, ())


def _conjuncts(tex: str) -> list:
    return [_strip_parens(p) for _, p in _split_top(_strip_parens(tex), [r"\wedge"])]


def statement_equal(tex: str, eq: Equation) -> bool:
    r"""``tex`` = ``A \iff B`` read back equals ``eq`` (rel ``<=>``): A a relation, B an ``Or`` of
    ``And`` of relations. The connectives are cut at top level; every relation is read by the
    grammar; the disjuncts (and the relations inside each) are matched in any order."""
    syms = eq.lhs.atoms(sp.Symbol) | eq.rhs.atoms(sp.Symbol)
    body, mapping = _placeholders(tex, syms)
    allowed = {str(v) for v in mapping.values()} | {"qpi", "i", "e"}
    parts = _split_top(_clean(body), [r"\iff"])
    if len(parts) != 2 or eq.rel != "<=>":
        return False
    (_, left), (_, right) = parts
    lhs, rhs = eq.lhs.xreplace(mapping), eq.rhs.xreplace(mapping)
    if not _relation_equal(left, lhs, allowed):
        return False
    want = list(rhs.args) if isinstance(rhs, sp.Or) else [rhs]
    want = [list(w.args) if isinstance(w, sp.And) else [w] for w in want]
    got = [_conjuncts(p) for _, p in _split_top(right, [r"\vee"])]
    if len(got) != len(want):
        return False
    for g in got:
        hit = next((w for w in want if len(w) == len(g) and
                    all(any(_relation_equal(t, r, allowed) for r in w) for t in g)), None)
        if hit is None:
            return False
        want.remove(hit)
    return True


def test_a_statement_round_trips_and_a_wrong_edge_fails():
    r = sp.Symbol("r", positive=True)
    a, b = (3 + sp.sqrt(26)) / 2, sp.Rational(7, 3)
    N = Named(r"\mathcal{N}")
    eq = Equation(sp.StrictGreaterThan(N, 0), sp.Or(sp.And(sp.StrictLessThan(b, r, evaluate=False),
                                                          sp.StrictLessThan(r, a, evaluate=False), evaluate=False),
                                                   sp.StrictLessThan(a + 1, r, evaluate=False), evaluate=False), "<=>")
    from symbolic_ness.export import equation_latex
    tex = equation_latex(eq)
    assert r"\iff" in tex and r"\vee" in tex and r"\wedge" in tex
    assert statement_equal(tex, eq)
    # the string-glued form of the same edges (the old Eq. 1.12 defect: a bracket lost) fails
    assert not statement_equal(tex.replace(r"\frac{3}{2} + \frac{\sqrt{26}}{2}", r"\frac{3 + \sqrt{26}}{2} r", 1), eq)
    assert not statement_equal(tex.replace(r"\vee", r"\wedge"), eq)


def _run_main(*argv):
    import contextlib
    import io
    from symbolic_ness.app import main
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        rc = main(list(argv))
    return rc, out.getvalue(), err.getvalue()


def test_the_threshold_latex_of_a_model_file_round_trips():
    from pathlib import Path
    from symbolic_ness import load_model
    from symbolic_ness.engines import threshold
    path = Path(__file__).resolve().parents[2] / "examples" / "hdb_reset_ising.toml"
    rc, out, err = _run_main("latex", str(path), "threshold", "--set", "g=2.5", "--set", "gamma=1", "--set", "scan=r")
    assert rc == 0, err
    res = threshold(load_model(path), "r", {"g": sp.Rational(5, 2), "gamma": 1}, exact_only=True)
    (eq,) = res.equations()
    assert statement_equal(out.strip(), eq)
    # the edge is (19 + sqrt(985))/12 (Hartmann-Duer-Briegel at g = 5/2, gamma = 1; Eq. (1.12) of the
    # document); one interval, unbounded above
    (lo, hi), = res.intervals
    assert hi is None and sp.simplify(lo - (19 + sp.sqrt(985)) / 12) == 0
    assert res.scan.name == "r" and eq.rhs == sp.StrictLessThan(lo, res.scan)


def _model_rows(tex: str) -> list:
    body = tex.removeprefix(r"\begin{aligned}").removesuffix(r"\end{aligned}")
    return [row.replace("&", "", 1) for row in body.split(r" \\ ")]


def _two_qubit_models():
    from symbolic_ness.core import Jump, Model, Reset, embed, kron, projector, sigma_minus, sigma_x, sigma_y, sigma_z
    g, h, k, r, gam = sp.symbols("g h kappa r gamma", positive=True)
    Z0, Z1 = embed(sigma_z(), 0, 2), embed(sigma_z(), 1, 2)
    hdb = Model(2, g * Z0 * Z1, jumps=[Jump(embed(sigma_z(), j, 2), gam / 2) for j in (0, 1)],
                resets=[Reset(j, projector("+"), r) for j in (0, 1)], name="hdb")
    xy = Model(2, g * (kron(sigma_x(), sigma_x()) + kron(sigma_y(), sigma_y())) + h * (Z0 - 2 * Z1),
               jumps=[Jump(embed(sigma_minus(), 0, 2), k), Jump(embed(sigma_minus(), 1, 2).T + sp.I * Z1 / 3, gam)],
               normalization="doubled", name="xy")
    return hdb, xy


def test_model_latex_round_trips():
    from pathlib import Path
    from symbolic_ness import load_model
    from symbolic_ness.core import Jump, Model, destroy, number
    from symbolic_ness.export import model_equations, model_latex
    w, k = sp.symbols("omega kappa", positive=True)
    three_level = Model(1, w * number(3), jumps=[Jump(destroy(3), k)], dims=(3,), name="mode")
    path = Path(__file__).resolve().parents[2] / "examples" / "xxz_two_qubit_driven.toml"
    models = [*_two_qubit_models(), three_level, load_model(path)]
    for m in models:
        eqs = model_equations(m)
        rows = _model_rows(model_latex(m))
        assert len(rows) == len(eqs)
        assert all(roundtrip_equal(t, e) for t, e in zip(rows, eqs)), m.name
    # a changed coefficient or rate is caught
    rows, eqs = _model_rows(model_latex(models[1])), model_equations(models[1])
    assert r"- 2 h \sigma_{2}^{z}" in rows[1] and r"2 \kappa" in rows[0]
    assert not roundtrip_equal(rows[1].replace(r"- 2 h", r"- 3 h"), eqs[1])
    assert not roundtrip_equal(rows[0].replace(r"2 \kappa", r"\kappa"), eqs[0])


def test_model_equations_rebuild_the_model():
    """H and every L_k printed as operator sums are the model's matrices (sigma^a_j rebuilt as
    Kronecker products; the products are in site order)."""
    from symbolic_ness.core import embed, sigma_minus, sigma_plus, sigma_x, sigma_y, sigma_z
    from symbolic_ness.export import model_equations
    single = {"x": sigma_x(), "y": sigma_y(), "z": sigma_z(), "+": sigma_plus(), "-": sigma_minus()}
    for m in _two_qubit_models():
        eqs = {e.lhs.name: e.rhs for e in model_equations(m) if isinstance(e.lhs, Named)}

        def matrix(expr):
            out = sp.zeros(m.dim, m.dim)
            for term in sp.Add.make_args(sp.expand(expr)):
                c, ops = term.args_cnc()
                M = sp.eye(m.dim)
                for op in ops:
                    site, letter = re.fullmatch(r"\\sigma_\{(\d+)\}\^\{(.)\}", op.name).groups()
                    M = M * embed(single[letter], int(site) - 1, m.n)
                out += sp.Mul(*c) * M
            return out

        assert (matrix(eqs["H"]) - m.hamiltonian).applyfunc(sp.expand) == sp.zeros(m.dim, m.dim)
        for j, jump in enumerate(m.jumps, 1):
            assert (matrix(eqs[f"L_{{{j}}}"]) - jump.operator).applyfunc(sp.expand) == sp.zeros(m.dim, m.dim)
        rates = sp.expand(eqs[r"\dot{\rho}"])
        for j, jump in enumerate(m.jumps, 1):
            assert rates.coeff(Named(rf"\mathcal{{D}}[L_{{{j}}}]\rho", commutative=False)) == m.factor * jump.rate


def test_model_latex_of_a_small_model_exactly():
    from symbolic_ness.core import Jump, Model, sigma_minus, sigma_x
    from symbolic_ness.export import model_latex
    h, k = sp.symbols("h kappa", positive=True)
    m = Model(1, h * sigma_x(), jumps=[Jump(sigma_minus(), k)])
    assert model_latex(m) == (
        r"\begin{aligned}\dot{\rho} &= \kappa \mathcal{D}[L_{1}]\rho - i \left[H,\rho\right]"
        r" \\ H &= h \sigma_{1}^{x}"
        r" \\ L_{1} &= \sigma_{1}^{-}"
        r" \\ \mathcal{D}[L]\rho &= L \rho L^{\dagger} - \frac{L^{\dagger} L \rho}{2} - \frac{\rho L^{\dagger} L}{2}"
        r"\end{aligned}")
