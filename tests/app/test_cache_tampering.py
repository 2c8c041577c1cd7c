"""The cache is data, re-certified on every hit (issue 22).

Each tamper kind an attacker with write access to the cache folder could try — code in a string
(the old ``srepr``/numpy-source formats and the new tree), a changed number in an exact entry, a
changed numpy formula, a FIFO / device / link / oversized file in place of an entry — runs the
real CLI on the tampered folder and asserts that no code ran (a marker file is not created), that
the command finishes with the right value, and that the refusal is reported. Plus: ``cache clear``
never removes foreign files, an empty HOME never puts the cache at ``/``, partial writes never
survive, and nothing in the package evaluates, executes or compiles text.
"""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import pytest

from symbolic_ness import cache

PKG = Path(cache.__file__).resolve().parent
EVAL = ("evaluate", "reset-ising", "negativity", "--set", "g=2.5", "--set", "r=10", "--set", "gamma=1", "--json")
RIGHT = float(Fraction(3, 88))


def _run(cache_dir: Path, *args, env=None, timeout=300):
    e = dict(os.environ, SYMBOLIC_NESS_CACHE_DIR=str(cache_dir))
    e.pop("SYMBOLIC_NESS_NO_CACHE", None)
    e.update(env or {})
    return subprocess.run([sys.executable, "-m", "symbolic_ness", *args], capture_output=True, text=True,
                          env=e, timeout=timeout)


def _value(res) -> float:
    assert res.returncode == 0, res.stderr
    return json.loads(res.stdout)["value"]


@pytest.fixture(scope="module")
def warm(tmp_path_factory):
    """A cache folder after one cold ``evaluate`` (copied per test)."""
    d = tmp_path_factory.mktemp("warm")
    assert _value(_run(d, *EVAL)) == pytest.approx(RIGHT, rel=1e-15)
    return d


def _copy(src: Path, dst: Path) -> Path:
    dst.mkdir(exist_ok=True)
    for f in src.iterdir():
        (dst / f.name).write_bytes(f.read_bytes())
    return dst


def _entry(d: Path, kind: str) -> Path:
    (f,) = [f for f in d.glob(f"{kind}-*.json") if re.fullmatch(rf"{re.escape(kind)}-[0-9a-f]{{32}}\.json", f.name)]
    return f


def _bump(tree, inside: str | None = None, done=None):
    """Change the first integer (|v| >= 2) of the data tree (below the dict key ``inside``)."""
    done = done if done is not None else [False]
    if done[0]:
        return
    if isinstance(tree, dict):
        if inside is None and tree.get("s") == "Integer" and abs(int(tree["v"], 16)) >= 2:
            tree["v"] = format(int(tree["v"], 16) + 1, "x")
            done[0] = True
            return
        if inside is None and tree.get("s") == "Rational":
            tree["q"] = format(int(tree["q"], 16) * 2, "x")
            done[0] = True
            return
        if tree.get("t") == "dict":
            for k, v in tree["v"]:
                if inside is None or k.get("v") == inside:
                    _bump(v, None, done)
            return
        for v in tree.values():
            _bump(v, inside, done)
    elif isinstance(tree, list):
        for v in tree:
            _bump(v, inside, done)


def _tamper(f: Path, inside: str | None = None) -> None:
    obj = json.loads(f.read_text())
    before = json.dumps(obj["data"])
    _bump(obj["data"], inside)
    assert json.dumps(obj["data"]) != before
    f.write_text(json.dumps(obj))


def test_changed_numbers_in_exact_entries_are_refused_and_recomputed(warm, tmp_path):
    """One changed integer in each certified kind (the issue's "0.0339 instead of 3/88"): every
    kind is detected by its own certificate, with a warning, and the right value comes back."""
    d = _copy(warm, tmp_path / "c")
    kinds = {"exact_solve": "vectors", "exact_steady_state2": None, "pt-factors-v2": None,
             "charpoly_factors": None, "pauli_liouvillian": None, "numpy-expr": "expr",
             "hdb2-derivation-v2": "rho"}
    for kind, inside in kinds.items():
        _tamper(_entry(d, kind), inside)
    res = _run(d, *EVAL)
    assert _value(res) == pytest.approx(RIGHT, rel=1e-15)
    refused = {k for _, k in re.findall(r"entry ([a-z_0-9-]+)-[0-9a-f]{32}\.json \(([^)]+)\) refused", res.stderr)}
    assert refused == set(kinds), res.stderr
    again = _run(d, *EVAL)  # the recomputed entries were written back and certify
    assert _value(again) == pytest.approx(RIGHT, rel=1e-15) and "refused" not in again.stderr


# ------------------------------------------------------------------ every kind re-certified
_PAPERS = ("import sympy as sp\n"
           "from symbolic_ness import Jump, Model, sigma_minus, sigma_x\n"
           "from symbolic_ness.core import exceptional_locus\n"
           "from symbolic_ness.papers.hdb.symmetric import symbolic_steady_state\n"
           "from symbolic_ness.papers.hdb.general import imperfect_reset_forms, no_reset_forms\n"
           "from symbolic_ness.papers.znidaric import dephasing as zd, thresholds as zt\n"
           "k, w = sp.symbols('kappa Omega', positive=True)\n"
           "m = Model(1, w * sigma_x(), jumps=[Jump(sigma_minus(), k)])\n"
           "print([(sp.srepr(e.condition), sp.srepr(e.eigenvalue), e.jordan_blocks) for e in exceptional_locus(m)])\n"
           "print(sp.srepr(symbolic_steady_state(2).x))\n"
           "print(sorted((k, sp.srepr(v)) for k, v in imperfect_reset_forms().items()))\n"
           "print(sorted((k, sp.srepr(v)) for k, v in no_reset_forms().items()))\n"
           "print(sp.srepr(zd.derived_pair_zz(4, 'central')))\n"
           "print(sp.srepr(zt.d_edge_boundary()), sp.srepr(zt.d_edge_bulk()), sp.srepr(zt.c_min_bulk()))\n")

#: newly certified kinds exercised end to end here, with the data key to tamper inside (None: the
#: first number). The kinds that take long to derive are tampered where the systems tests derive
#: them anyway: the class-engine forms (tests/systems/test_xx_n_symbolic.py), the closed form in n
#: and the n -> oo limits (test_xx_dephasing.py), the general-drive pair values (test_xx_cd_extension.py)
_NEW_KINDS = {"exceptional-locus-v2": "eigenvalue", "hdb-symmetric-symbolic-v2": None, "hdb-general-imperfect-reset-v3": "P",
              "hdb-general-no-reset-v2": "g_min",
              "permutation-exact-field-v2": None, "xx-deph-pair-zz-v1": None, "xx-bd-boundary-dedge": None,
              "xx-bd-bulk-dedge": None, "xx-bd-bulk-cmin": None}


def _py(cache_dir: Path, code: str):
    e = dict(os.environ, SYMBOLIC_NESS_CACHE_DIR=str(cache_dir))
    e.pop("SYMBOLIC_NESS_NO_CACHE", None)
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=e, timeout=600)


@pytest.fixture(scope="module")
def papers_tampered(tmp_path_factory):
    """One cold run of the papers' derivations, then one number changed in every entry of every
    kind of :data:`_NEW_KINDS` and a second run on the tampered folder: ``(cold, warm)``."""
    d = tmp_path_factory.mktemp("papers")
    cold = _py(d, _PAPERS)
    assert cold.returncode == 0 and "CacheWarning" not in cold.stderr, cold.stderr
    for kind, inside in _NEW_KINDS.items():
        files = [f for f in d.glob(f"{kind}-*.json") if re.fullmatch(rf"{re.escape(kind)}-[0-9a-f]{{32}}\.json", f.name)]
        assert files, kind
        for f in files:
            _tamper(f, inside)
    return cold, _py(d, _PAPERS)


@pytest.mark.parametrize("kind", sorted(_NEW_KINDS))
def test_every_newly_certified_kind_refuses_a_changed_number(papers_tampered, kind):
    """A changed number in an entry of ``kind`` is refused by its certificate, with a warning, and
    the right value comes back (the whole output equals the cold run's)."""
    cold, warm = papers_tampered
    assert warm.returncode == 0 and warm.stdout == cold.stdout, warm.stderr
    assert f"({kind}) refused" in warm.stderr, warm.stderr


def test_modular_evaluation_equals_sympy_substitution():
    """The certificates' evaluator (one tree walk in machine integers) agrees with sympy's exact
    substitution reduced modulo the prime, on random Gaussian-rational functions; a vanishing
    denominator is a refusal, a radical is not certifiable."""
    import random

    import sympy as sp
    from symbolic_ness import CheckFailedError
    from symbolic_ness.core import ModP
    rng = random.Random(22)
    xs = sp.symbols("a b c", positive=True)
    atoms = list(xs) + [sp.I, sp.Rational(3, 7), sp.Integer(-2)]

    def rand(depth):
        if depth == 0:
            return rng.choice(atoms)
        op = rng.randrange(4)
        a, b = rand(depth - 1), rand(depth - 1)
        return (a + b, a * b, a ** rng.choice((2, 3, -1)), a - sp.Rational(rng.randrange(1, 9), 5) * b)[op]

    m = ModP()
    for _ in range(60):
        e = rand(4)
        pt = {x: sp.Rational(rng.randrange(1, 10 ** 6), rng.randrange(1, 10 ** 3)) for x in xs}
        try:
            want = m.of(e.xreplace(pt))
        except ZeroDivisionError:
            continue
        if e.xreplace(pt).has(sp.zoo, sp.nan):
            continue
        assert m.at(e, pt) == want, e
    with pytest.raises(CheckFailedError):
        m.at(1 / (xs[0] - 1), {xs[0]: sp.Integer(1), xs[1]: sp.Integer(1), xs[2]: sp.Integer(1)})
    with pytest.raises(cache.NotCertifiable):
        m.at(sp.sqrt(xs[0]), {xs[0]: sp.Integer(2)})


#: cache kinds without a certificate: memoized in the process only, never read from or written to
#: the disk (README, "Cache trust model"); a new @cached kind must get a certificate or join this list
_MEMORY_ONLY = {
    "rational_generator",
    "hdb-general-threshold-poly-v2", "hdb2-geometry-v2", "hdb-symmetric-closed-forms-v2",
    "xx-provenance-proofs-v2", "xx-engine-structure-v1", "xx-support-classes-v1", "xx-deph-two-point-v1",
    "xx-bd-gamma0-closed-form", "xx-deph-pair-lambda-v1", "xx-deph-central-X-v1", "xx-deph-gamma-c-v1",
    "xx-deph-gamma-window-v1", "xx-bd-symmetric", "xx-bd-boundary-F", "xx-bd-boundary-q",
    "xx-bd-boundary-cmin", "xx-bd-gamma-min", "xx-bd-largest", "xx-bd-bulk-F", "xx-bd-bulk-cmin-raw",
    "xx-bd-bulk-window", "xx-bd-boundary-lambda", "xx-bd-bulk-lambda", "xx-bd-distance-correlators-v2",
    "xx-bd-distance-lambda", "xx-thermal-free-fermion-v2", "xx-thermal-pair-state-v1",
    "xx-thermal-lambda-min-v1", "xx-thermal-threshold-v1",
}


def test_every_cache_kind_is_certified_or_memory_only():
    """No kind is trusted from the disk without a certificate: every ``@cached`` kind of the package
    has one in the one table, or is in the documented memory-only list (and then never touches the
    disk: test_kinds_without_a_certificate_never_touch_the_disk)."""
    import symbolic_ness.app  # noqa: F401 - imports every layer, which registers the certificates
    import symbolic_ness.papers.hdb  # noqa: F401
    import symbolic_ness.papers.znidaric  # noqa: F401
    kinds = set()
    for f in PKG.rglob("*.py"):
        # decorators in the code (a ``>>> @cached(...)`` docstring example registers a test-only kind)
        kinds |= set(re.findall(r'^\s*@cached\("([^"]+)"', f.read_text(), flags=re.M))
    certified = set(cache.certified_kinds())
    assert kinds - certified == _MEMORY_ONLY, (kinds - certified) ^ _MEMORY_ONLY
    assert not certified & _MEMORY_ONLY


_GENERAL = ("import sympy as sp\n"
            "from symbolic_ness.papers.hdb.general import exact_state, ising_model, pt_charpoly\n"
            "m = ising_model(g=2, gamma=1, epsilon=sp.Rational(1, 10))\n"
            "print(sp.srepr(sp.Matrix(exact_state(m)[0]))); print(sp.srepr(sp.expand(pt_charpoly(m))))\n")


def test_changed_numbers_in_the_general_hdb_entries_are_refused(tmp_path):
    """The papers' exact state and PT characteristic polynomial (certified by the core's modular
    certificates): a changed number is detected and the right expressions come back."""
    def run():
        e = dict(os.environ, SYMBOLIC_NESS_CACHE_DIR=str(tmp_path))
        e.pop("SYMBOLIC_NESS_NO_CACHE", None)
        return subprocess.run([sys.executable, "-c", _GENERAL], capture_output=True, text=True, env=e, timeout=300)
    cold = run()
    assert cold.returncode == 0, cold.stderr
    for kind in ("hdb-general-exact-state", "hdb-general-pt-charpoly"):
        _tamper(_entry(tmp_path, kind))
    warm = run()
    assert warm.returncode == 0 and warm.stdout == cold.stdout
    for kind in ("hdb-general-exact-state", "hdb-general-pt-charpoly"):
        assert f"({kind}) refused" in warm.stderr, (kind, warm.stderr)


def test_changed_numpy_formula_never_runs_and_is_refused(warm, tmp_path):
    d = _copy(warm, tmp_path / "f")
    f = _entry(d, "numpy-expr")
    obj = json.loads(f.read_text())
    # "even 0.5": replace the whole formula by the constant 1/2 inside Max(0, .)
    obj["data"]["v"] = [[k, ({"s": "Max", "a": [{"s": "Integer", "v": "0"}, {"s": "Rational", "p": "1", "q": "2"}]}
                             if k["v"] == "expr" else v)] for k, v in obj["data"]["v"]]
    f.write_text(json.dumps(obj))
    res = _run(d, *EVAL)
    assert _value(res) == pytest.approx(RIGHT, rel=1e-15) and "(numpy-expr) refused" in res.stderr


def test_code_in_a_string_never_runs(warm, tmp_path):
    d = _copy(warm, tmp_path / "code")
    marker = tmp_path / "PWNED"
    payload = f"__import__('pathlib').Path({str(marker)!r}).touch()"
    # the old formats: an srepr string and numpy source, with and without the new header
    old = _entry(d, "exact_solve")
    old.write_text(json.dumps({"t": "sym", "v": payload}))
    steady = _entry(d, "exact_steady_state2")
    steady.write_text(json.dumps({"symbolic_ness_cache": 1, "kind": "exact_steady_state2",
                                  "data": {"t": "sym", "v": payload}}))
    num = _entry(d, "numpy-expr")
    obj = json.loads(num.read_text())
    obj["data"]["v"] = [[k, ({"s": "__import__", "a": [{"t": "py", "v": "os"}]} if k["v"] == "expr" else v)]
                        for k, v in obj["data"]["v"]]
    num.write_text(json.dumps(obj))
    (d / ("numpy-code-" + "0" * 32 + ".json")).write_text(json.dumps(
        {"key": "hdb2/reset-ising/plus/negativity", "function": "f", "backend": "numpy", "names": {},
         "source": f"def f(g, r, gamma):\n    {payload}\n    return 0.5\n"}))
    _entry(d, "hdb2-derivation-v2").unlink()  # derive again: the core entries are read
    pt = _entry(d, "pt-factors-v2")  # a Symbol whose *name* is code stays a name (and is refused)
    pt.write_text(pt.read_text().replace('"n": "g"', f'"n": {json.dumps(payload)}'))
    assert payload in pt.read_text()
    res = _run(d, *EVAL)
    assert _value(res) == pytest.approx(RIGHT, rel=1e-15)
    assert not marker.exists()
    for kind in ("exact_solve", "exact_steady_state2", "numpy-expr", "pt-factors-v2"):
        assert f"({kind}) refused" in res.stderr, (kind, res.stderr)


def test_fifo_device_link_and_oversized_entries_never_hang_or_read(warm, tmp_path):
    d = _copy(warm, tmp_path / "special")
    _entry(d, "hdb2-derivation-v2").unlink()  # derive again: the core entries are read
    os.mkfifo(_swap(d, "exact_solve"))                      # a FIFO: reading it would hang
    os.symlink("/dev/zero", _swap(d, "exact_steady_state2"))  # a link to a device: 10 GB of zeros
    pt = _swap(d, "pt-factors-v2")
    try:
        os.mknod(pt, 0o600 | __import__("stat").S_IFCHR, os.makedev(1, 5))  # /dev/zero itself
    except (PermissionError, OSError):
        os.symlink(str(warm / _entry(warm, "pt-factors-v2").name), pt)  # a link to a valid entry
    big = _swap(d, "numpy-expr")
    with open(big, "wb") as f:
        f.truncate(400 * 2 ** 20)  # sparse 400 MB: above the 256 MB cap, never read
    res = _run(d, *EVAL, timeout=120)
    assert _value(res) == pytest.approx(RIGHT, rel=1e-15)
    for kind in ("exact_solve", "exact_steady_state2", "pt-factors-v2", "numpy-expr"):
        assert f"({kind}) refused" in res.stderr, (kind, res.stderr)
    assert "not a regular file" in res.stderr and "larger than" in res.stderr


def _swap(d: Path, kind: str) -> Path:
    f = _entry(d, kind)
    f.unlink()
    return f


def _check_square(res, args, kwargs):
    if res != args[0] ** 2:
        raise ValueError("not the square")


def test_kinds_without_a_certificate_never_touch_the_disk(tmp_path, monkeypatch):
    """There is no owner-based trust: a kind without a certificate is memoized in the process
    only (nothing written, a planted entry never read, however private the folder); with a
    certificate in the one table it is stored, and a tampered entry is refused and recomputed."""
    import sympy as sp
    monkeypatch.setenv("SYMBOLIC_NESS_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("SYMBOLIC_NESS_NO_CACHE", raising=False)
    os.chmod(tmp_path, 0o700)
    calls = []

    def square(x):
        calls.append(x)
        return x ** 2

    x = sp.Symbol("x")
    assert cache.certifier("test-uncertified") is None
    assert cache.cached("test-uncertified")(square)(x) == x ** 2 and len(calls) == 1
    assert not list(tmp_path.glob("test-uncertified-*.json"))
    certified = cache.cached("test-certified", certify=_check_square)(square)
    assert cache.certifier("test-certified") is _check_square and "test-certified" in cache.certified_kinds()
    assert certified(x) == x ** 2 and len(calls) == 2
    f = next(tmp_path.glob("test-certified-*.json"))
    f.write_text(f.read_text().replace('"v": "2"', '"v": "3"'))  # x**3: tampered in a private folder
    again = cache.cached("test-certified")(square)  # a new process: nothing memoized
    with pytest.warns(cache.CacheWarning, match="not the square"):
        assert again(x) == x ** 2
    assert len(calls) == 3
    assert cache.cached("test-certified")(square)(x) == x ** 2 and len(calls) == 3  # the rewritten entry certifies


def test_a_fresh_value_its_certificate_cannot_check_is_not_stored(tmp_path, monkeypatch):
    import sympy as sp
    monkeypatch.setenv("SYMBOLIC_NESS_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("SYMBOLIC_NESS_NO_CACHE", raising=False)

    def cannot(res, args, kwargs):
        raise cache.NotCertifiable("algebraic")

    assert cache.cached("test-notcert", certify=cannot)(lambda x: sp.sqrt(x))(sp.Integer(2)) == sp.sqrt(2)
    assert not list(tmp_path.glob("test-notcert-*.json"))


# ------------------------------------------------------------------ housekeeping
def test_cache_clear_removes_only_the_package_files(tmp_path, monkeypatch):
    monkeypatch.setenv("SYMBOLIC_NESS_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("SYMBOLIC_NESS_NO_CACHE", raising=False)
    calls = []

    @cache.cached("test-clear", certify=lambda res, args, kwargs: None)
    def f(x):
        calls.append(x)
        return x + 1

    assert f(1) == 2 and (tmp_path / cache.MARKER).is_file()
    ours = list(tmp_path.glob("test-clear-*.json"))
    assert len(ours) == 1 and ours[0].read_text().startswith(cache.HEADER)
    foreign = {"notes.json": "{}", "results-" + "a" * 32 + ".json": '{"mine": 1}', "README.txt": "x",
               ".symbolic_ness-x.tmpx": "y"}
    for name, text in foreign.items():
        (tmp_path / name).write_text(text)
    (tmp_path / ("dir-" + "b" * 32 + ".json")).mkdir()  # a directory named like an entry
    (tmp_path / "link.json").symlink_to(ours[0])
    (tmp_path / (".symbolic_ness-leftover.tmp")).write_text("half")  # a partial write of an old crash
    assert cache.clear_cache() == 2
    assert not ours[0].exists() and not (tmp_path / ".symbolic_ness-leftover.tmp").exists()
    for name, text in foreign.items():
        assert (tmp_path / name).read_text() == text
    assert (tmp_path / ("dir-" + "b" * 32 + ".json")).is_dir() and (tmp_path / "link.json").is_symlink()
    # the CLI: exit 0, same rule
    res = _run(tmp_path, "cache", "clear")
    assert res.returncode == 0 and "removed 0 cache entries" in res.stdout, res.stderr


def test_cache_clear_in_an_unmarked_folder_removes_nothing(tmp_path):
    proj = tmp_path / "project"
    proj.mkdir()
    (proj / "data.json").write_text('{"t": "py", "v": 1}')
    (proj / ("x-" + "c" * 32 + ".json")).write_text(cache.HEADER + "}")
    res = _run(proj, "cache", "clear")
    assert res.returncode == 0 and "removed 0" in res.stdout
    assert sorted(p.name for p in proj.iterdir()) == ["data.json", "x-" + "c" * 32 + ".json"]


def test_empty_or_root_home_falls_back_to_a_temporary_folder(tmp_path):
    code = ("import warnings\nfrom symbolic_ness import cache as c\n"
            "with warnings.catch_warnings(record=True) as w:\n"
            "    warnings.simplefilter('always')\n"
            "    d = c.cache_dir()\n"
            "print(d); print(len([x for x in w if issubclass(x.category, c.CacheWarning)]))")
    for home in ("", "/"):
        env = {k: v for k, v in os.environ.items() if k != "SYMBOLIC_NESS_CACHE_DIR"}
        env["HOME"] = home
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                             timeout=60).stdout.split()
        d = Path(out[0])
        assert d.is_absolute() and d != Path("/") and not str(d).startswith("/.cache"), out
        assert str(d).startswith(__import__("tempfile").gettempdir()) and out[1] == "1"


def test_partial_writes_never_survive(tmp_path, monkeypatch):
    target = tmp_path / ("k-" + "d" * 32 + ".json")

    def boom(*a, **k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError):
        cache.write_entry(target, "x" * 1000)
    assert not target.exists() and not list(tmp_path.glob("*.tmp"))
    monkeypatch.undo()
    cache.write_entry(target, "y")
    assert target.read_text() == "y" and not list(tmp_path.glob("*.tmp"))


# ------------------------------------------------------------------ no eval of text
_CALLS = {"eval", "exec", "compile", "__import__", "literal_eval", "parse_expr", "sympify", "S"}
_NAMES = {"pickle", "marshal", "dill", "shelve"}


def _forbidden(source: str):
    """``(line, text)`` of every call of a code-running builtin (``eval(``, ``exec(``,
    ``compile(``, ``__import__(``) and every pickle-like module in the code tokens (strings and
    comments are not code; attribute calls such as ``re.compile`` / ``F.eval`` and ``def eval``
    are not those builtins). ``sympify``/``S`` calls must not take stored text: they are listed
    only when called on a string literal."""
    import io
    import tokenize
    toks = [t for t in tokenize.generate_tokens(io.StringIO(source).readline)
            if t.type not in (tokenize.COMMENT, tokenize.NL, tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT)]
    out = []
    for k, t in enumerate(toks):
        if t.type != tokenize.NAME:
            continue
        prev = toks[k - 1] if k else None
        nxt = toks[k + 1] if k + 1 < len(toks) else None
        attr_or_def = prev is not None and (prev.string == "." or prev.string == "def")
        if t.string in _NAMES and not attr_or_def:
            out.append((t.start[0], t.line.strip()))
        elif t.string in _CALLS and nxt is not None and nxt.string == "(" and not attr_or_def:
            arg = toks[k + 2] if k + 2 < len(toks) else None
            if t.string in ("sympify", "S") and (arg is None or arg.type != tokenize.STRING):
                continue
            out.append((t.start[0], t.line.strip()))
    return out


def test_no_eval_exec_or_compile_anywhere_in_the_package():
    """No ``eval(``, ``exec(``, ``compile(``, ``__import__(`` nor pickle/marshal in the package's
    code: nothing stored or typed by a user is ever run as code (the cache is data, model files
    go through the restricted parser)."""
    hits = [f"{f.relative_to(PKG)}:{line}: {text}" for f in sorted(PKG.rglob("*.py"))
            for line, text in _forbidden(f.read_text())]
    assert not hits, "\n".join(hits)


def test_the_source_scan_finds_what_it_forbids():
    src = "import pickle\nx = eval('1')\nexec(code)\ncompile(s, 'f', 'exec')\n__import__('os')\n"
    assert [line for line, _ in _forbidden(src)] == [1, 2, 3, 4, 5]
    assert _forbidden("re.compile('x')\nF.eval(0)\ndef eval(cls):\n    pass\ns = 'eval(1)'  # exec(\n") == []
