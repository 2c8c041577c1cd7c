"""Every public function and class has a numpy-style docstring with a runnable example.

Walks the ``__all__`` of the package and of its layers (``algebra``, ``core``, ``export``,
``engines``) and the headline names of the paper packages. For each public callable defined
in the package: a function needs ``Parameters`` (when it takes arguments), ``Returns`` and
``Examples`` sections; a class needs ``Examples`` and, when it is constructed from
arguments, ``Parameters`` or ``Attributes``. The examples themselves are run by pytest's
``--doctest-modules`` (pyproject ``addopts``), so each one is checked against the code.
Public methods users call (listed in ``METHODS``) follow the function rule.
"""
import importlib
import inspect
import re

import pytest

MODULES = ["symbolic_ness", "symbolic_ness.algebra", "symbolic_ness.core", "symbolic_ness.export",
           "symbolic_ness.engines", "symbolic_ness.papers.hdb", "symbolic_ness.papers.znidaric"]

# public methods users call on result objects (module, class, method)
METHODS = [
    ("symbolic_ness.core", "SteadyState", "expectations_at"),
    ("symbolic_ness.core", "SteadyState", "require_unique"),
    ("symbolic_ness.core", "Model", "subs"),
    ("symbolic_ness.core", "Model", "validate"),
    ("symbolic_ness.core", "Spectrum", "numeric"),
    ("symbolic_ness.export", "CompiledLiouvillian", "matrix"),
    ("symbolic_ness.export", "BatchedSteadyStates", "expectation"),
    ("symbolic_ness.export", "BatchedSteadyStates", "negativity"),
    ("symbolic_ness.export", "BatchedSteadyStates", "lambda_min"),
    ("symbolic_ness.export", "BatchedSteadyStates", "reduced"),
    ("symbolic_ness.export", "BatchedSteadyStates", "purity"),
    ("symbolic_ness.export", "CompiledLiouvillian", "liouvillian"),
    ("symbolic_ness.engines", "Bath", "rates"),
    ("symbolic_ness.engines", "Bath", "occupation_expr"),
    ("symbolic_ness.engines", "Bath", "temperature_expr"),
    ("symbolic_ness.engines", "HierarchySolution", "value"),
    ("symbolic_ness.engines", "Closure", "require_closed"),
    ("symbolic_ness.papers.znidaric", "XXCorrelators", "pair_state"),
]

def _sections(doc):
    """Names of the numpy-style section headers (a title line underlined with dashes)."""
    return set(re.findall(r"^\s*([A-Z][A-Za-z ]+)\n\s*-{3,}\s*$", doc or "", flags=re.M))


def _has_doctest(doc):
    """The ``Examples`` section holds at least one ``>>>`` line (run by ``--doctest-modules``)."""
    m = re.search(r"^\s*Examples\n\s*-{3,}\s*$", doc or "", flags=re.M)
    return bool(m) and ">>>" in doc[m.end():]


def _takes_arguments(func, skip_self=False):
    try:
        params = list(inspect.signature(func).parameters.values())
    except (TypeError, ValueError):
        return True
    if skip_self and params:
        params = params[1:]
    return bool(params)


def _public_objects():
    seen = {}
    for module_name in MODULES:
        module = importlib.import_module(module_name)
        for name in module.__all__:
            obj = getattr(module, name)
            if inspect.ismodule(obj) or not callable(obj):
                continue
            if not getattr(obj, "__module__", "").startswith("symbolic_ness"):
                continue  # a sympy Symbol or other foreign object
            seen.setdefault(name, obj)
    return seen


def _problems(name, obj):
    doc = inspect.getdoc(obj) or ""
    found = _sections(doc)
    missing = []
    if not doc.strip():
        return ["docstring"]
    if inspect.isclass(obj):
        if issubclass(obj, BaseException):
            need = ["Examples"]
        else:
            need = ["Examples"]
            if _takes_arguments(obj) and not found & {"Parameters", "Attributes"}:
                missing.append("Parameters/Attributes")
    else:
        need = ["Returns", "Examples"]
        if _takes_arguments(obj):
            need.append("Parameters")
    missing += [s for s in need if s not in found]
    if "Examples" in found and not _has_doctest(doc):
        missing.append("a >>> example")
    return missing


OBJECTS = _public_objects()


@pytest.mark.parametrize("name", sorted(OBJECTS))
def test_public_docstring(name):
    missing = _problems(name, OBJECTS[name])
    assert not missing, f"{name}: docstring lacks {missing}"


@pytest.mark.parametrize("module_name, cls, method", METHODS)
def test_method_docstring(module_name, cls, method):
    func = getattr(getattr(importlib.import_module(module_name), cls), method)
    doc = inspect.getdoc(func) or ""
    found = _sections(doc)
    need = ["Returns", "Examples"] + (["Parameters"] if _takes_arguments(func, skip_self=True) else [])
    missing = [s for s in need if s not in found]
    if "Examples" in found and not _has_doctest(doc):
        missing.append("a >>> example")
    assert not missing, f"{cls}.{method}: docstring lacks {missing}"
