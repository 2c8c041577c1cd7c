"""The catalogue's description (names, docs, parameters, quantities) without importing it.

``symbolic-ness list``, ``--help`` and the model lookup of ``evaluate`` need only the names,
docs and parameters of the catalogued models, and which provider module defines each; importing
every provider module (and with it sympy, scipy and both papers) takes over a second. The
description is therefore stored in ``catalog_manifest.json`` next to this module, **generated
from the live catalogue** (:func:`describe_catalog`; the provider modules stay the one source of
truth) by :func:`write_manifest` (``make manifest``), together with ``source_digest("app")``, a
hash of every ``.py`` file of ``app/`` (where every model, parameter and quantity is declared).
:func:`load_manifest` returns the stored description only while that digest is current: after
any change of an app module it returns ``None`` and the callers read the live catalogue instead
(slower, never stale). A test checks that the stored file is current and equal, entry for entry,
to the live catalogue (so a description built from a value outside ``app/`` cannot drift either).
"""
from __future__ import annotations

import functools
import json
from pathlib import Path

__all__ = ["MANIFEST", "source_digest", "describe_model", "describe_catalog", "load_manifest",
           "write_manifest", "catalog_help"]

_PKG = Path(__file__).resolve().parents[1]
MANIFEST = Path(__file__).resolve().parent / "catalog_manifest.json"


@functools.lru_cache(maxsize=None)
def source_digest(*parts: str) -> str:
    """SHA-256 (16 hex digits) of the package version and of every ``.py`` file (relative path
    and content) of the package, or of its sub-packages ``parts`` (e.g. ``"app"``): any change
    of that code changes it (about 3 ms for the whole package).

    >>> source_digest() != source_digest("app")
    True
    """
    from .. import __version__
    from .._cache import files_digest
    files = [f for d in ([_PKG / p for p in parts] or [_PKG]) for f in d.rglob("*.py")]
    return files_digest(files, __version__.encode() + b"\0" + "/".join(parts).encode() + b"\0")


def _param(p) -> dict:
    return {"name": p.name, "doc": p.doc, "default": p.default, "kind": p.kind,
            "choices": list(p.choices), "required": bool(p.required)}


def describe_model(m, provider: str | None = None) -> dict:
    """JSON description of a :class:`~symbolic_ness.app.CatalogModel` (what ``list`` shows and
    what the lookup needs: names, docs, parameters, quantities, methods)."""
    return {"name": m.name, "doc": m.doc, "provider": provider,
            "params": [_param(p) for p in m.params],
            "quantities": [{"name": q.name, "doc": q.doc, "methods": list(q.methods),
                            "latex": q.latex is not None, "params": [_param(p) for p in q.params]}
                           for q in m.quantities.values()],
            "derive": m.derive is not None, "build": m.build is not None}


def describe_catalog() -> dict:
    """The live catalogue's description (imports every provider module)."""
    from ._catalog import PROVIDERS, catalog, provider_of
    models = catalog()
    return {"digest": source_digest("app"), "providers": list(PROVIDERS),
            "models": [describe_model(m, provider_of(name)) for name, m in models.items()]}


def load_manifest() -> dict | None:
    """The stored description if it was generated from the current source, else ``None``."""
    try:
        data = json.loads(MANIFEST.read_text())
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and data.get("digest") == source_digest("app") else None


def write_manifest(path: Path | None = None) -> Path:
    """Regenerate the stored description from the live catalogue (``make manifest``)."""
    path = Path(path) if path is not None else MANIFEST
    path.write_text(json.dumps(describe_catalog(), indent=1, ensure_ascii=False) + "\n")
    return path


def _models() -> list:
    from ._registry import MODELS
    data = None if MODELS else load_manifest()  # a catalogue already loaded in this process wins
    return data["models"] if data is not None else [describe_model(m) for m in _live().values()]


def _live() -> dict:
    from ._catalog import catalog
    return catalog()


def catalog_help(models: list | None = None) -> str:
    """The text of ``symbolic-ness list`` (and the ``--help`` epilog) from model descriptions
    (default: the catalogue if this process has loaded it, else the stored description if
    current, else the live catalogue)."""
    models = _models() if models is None else models
    lines = ["models, quantities and parameters:"]
    for m in models:
        lines.append(f"  {m['name']}: {m['doc'].splitlines()[0] if m['doc'] else ''}")
        ps = ", ".join(f"{p['name']}" + (f"={p['default']}" if p['default'] is not None else "") +
                       (f" ({'|'.join(p['choices'])})" if p['choices'] else "") for p in m["params"])
        lines.append(f"    parameters: {ps}")
        for q in m["quantities"]:
            extra = (" [" + ", ".join(p['name'] + (f"={p['default']}" if p['default'] is not None else "")
                                      for p in q["params"]) + "]") if q["params"] else ""
            lines.append(f"    - {q['name']}{extra}: {q['doc'].splitlines()[0] if q['doc'] else ''}")
    return "\n".join(lines)


if __name__ == "__main__":  # python -m symbolic_ness.app._manifest: regenerate the stored file
    print(write_manifest())
