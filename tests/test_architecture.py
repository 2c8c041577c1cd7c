"""The package's layering, enforced on the source (issue 8).

Layers ``algebra`` → ``core`` → ``export`` → ``engines`` → ``papers/{hdb,znidaric}`` → ``app``;
imports go one way only (app → papers → engines → export → core → algebra, and
``_errors``/``_cache`` below all); nothing but
``__main__`` imports ``app``; the two papers never import each other; no import cycle;
matplotlib only under ``app/``; each layer's ``__init__`` has a non-empty ``__all__``;
tests, notebooks and benchmarks import public names only; no module over 800 lines.
"""
from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PKG = ROOT / "symbolic_ness"
RANK = {"algebra": 0, "core": 1, "export": 2, "engines": 3, "papers": 4, "app": 5}


def _modname(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _targets(mod: str, is_pkg: bool, node) -> list:
    if isinstance(node, ast.ImportFrom):
        if node.level:
            base = mod.split(".") if is_pkg else mod.split(".")[:-1]
            base = base[: len(base) - (node.level - 1)]
            tgt = ".".join(base + ([node.module] if node.module else []))
        else:
            tgt = node.module or ""
        return [tgt] + [f"{tgt}.{a.name}" for a in node.names]
    return [a.name for a in node.names]


def _layer(mod: str):
    parts = mod.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in RANK else None


def _paper(mod: str):
    parts = mod.split(".")
    return parts[2] if len(parts) > 2 and parts[1] == "papers" else None


MODULES = {}
for _f in sorted(PKG.rglob("*.py")):
    _m = _modname(_f)
    _tree = ast.parse(_f.read_text())
    MODULES[_m] = (_f, {t for n in ast.walk(_tree) if isinstance(n, (ast.Import, ast.ImportFrom))
                        for t in _targets(_m, _f.name == "__init__.py", n)})


def test_layers_exist_with_public_api():
    for d in ("algebra", "core", "export", "engines", "papers/hdb", "papers/znidaric"):
        init = PKG / d / "__init__.py"
        assert init.exists(), d
        tree = ast.parse(init.read_text())
        alls = [n.value for n in tree.body if isinstance(n, ast.Assign)
                and any(getattr(t, "id", "") == "__all__" for t in n.targets)]
        assert alls and isinstance(alls[0], (ast.List, ast.Tuple)) and alls[0].elts, f"{d}: empty __all__"


def test_imports_go_one_way():
    bad = []
    for m, (_, imps) in MODULES.items():
        lm = _layer(m)
        for t in imps:
            if not t.startswith("symbolic_ness."):
                continue
            lt = _layer(t)
            if lt == "app" and lm != "app" and not m.endswith("__main__"):
                bad.append(f"{m} imports app ({t})")
            elif lm and lt and RANK[lt] > RANK[lm]:
                bad.append(f"{m} imports upward {t}")
            elif lm == lt == "papers" and _paper(m) and _paper(t) and _paper(m) != _paper(t):
                bad.append(f"{m} imports the other paper {t}")
            elif lm is None and lt is not None and m not in ("symbolic_ness", "symbolic_ness.__main__"):
                bad.append(f"{m} (below all layers) imports {t}")
    assert not bad, "\n".join(sorted(set(bad)))


def test_no_import_cycles():
    known = set(MODULES)
    edges = {}
    for m, (_, imps) in MODULES.items():
        out = set()
        for t in imps:
            for cand in (t, t.rsplit(".", 1)[0]):
                if cand in known and cand != m and not cand.startswith(m + ".") and not m.startswith(cand + "."):
                    out.add(cand)
        edges[m] = out
    color, cycles = {}, []

    def dfs(u, stack):
        color[u] = 1
        stack.append(u)
        for v in edges[u]:
            if color.get(v) == 1:
                cycles.append(stack[stack.index(v):] + [v])
            elif not color.get(v):
                dfs(v, stack)
        stack.pop()
        color[u] = 2

    for m in edges:
        if not color.get(m):
            dfs(m, [])
    assert not cycles, "import cycles: " + "; ".join(" -> ".join(c) for c in cycles[:3])


def test_matplotlib_only_in_app():
    bad = [m for m, (_, imps) in MODULES.items()
           if any(t.split(".")[0] == "matplotlib" for t in imps) and _layer(m) != "app"]
    assert not bad, bad
    uses = [m for m, (f, _) in MODULES.items() if "matplotlib.use(" in f.read_text()]
    assert not uses, f"library code switches the matplotlib backend: {uses}"


def test_module_size():
    big = [f"{m} ({f.read_text().count(chr(10))} lines)" for m, (f, _) in MODULES.items()
           if f.read_text().count("\n") > 800]
    assert not big, big


_PRIVATE = re.compile(r"^\s*(from|import)\s+symbolic_ness(\.\w+)*\._\w+|^\s*from\s+symbolic_ness(\.\w+)*\s+import\s+.*\b_[a-z]\w*",
                      re.M)


def _consumer_sources():
    for d in ("tests", "benchmarks", "examples"):
        for f in (ROOT / d).rglob("*.py") if (ROOT / d).is_dir() else []:
            if f.resolve() != Path(__file__).resolve():
                yield f, f.read_text()
    for f in (ROOT / "notebooks").rglob("*.ipynb"):
        cells = json.loads(f.read_text()).get("cells", [])
        yield f, "\n".join("".join(c.get("source", "")) for c in cells if c.get("cell_type") == "code")


_CONSUMERS = list(_consumer_sources())


@pytest.mark.parametrize("path,src", _CONSUMERS, ids=[str(p.relative_to(ROOT)) for p, _ in _CONSUMERS])
def test_consumers_import_public_names_only(path, src):
    hits = [m.group(0).strip() for m in _PRIVATE.finditer(src)]
    assert not hits, f"{path.relative_to(ROOT)} imports private names: {hits}"


def test_no_nsimplify_in_the_package():
    users = [m for m, (f, _) in MODULES.items() if "nsimplify" in f.read_text()]
    assert not users, f"results must never be guessed; nsimplify in {users}"
