"""How the CLI (and sweeps, closed forms) find a model: a catalogue name or a model file.

A catalogue name is resolved through the stored catalogue description
(:mod:`~symbolic_ness.app._manifest`): only the provider module that defines the model is
imported, not the whole catalogue; when the stored description is not current (the source
changed since ``make manifest``), or this process has already loaded the catalogue, the
catalogue itself is read as before. Either way the same
:class:`~symbolic_ness.app.CatalogModel` object comes back and every error is the same
:class:`~symbolic_ness.ParameterError`.
"""
from __future__ import annotations

from .._errors import ParameterError

__all__ = ["lookup", "parse_sets", "is_model_file"]


def parse_sets(items) -> dict:
    """``["NAME=VALUE", ...]`` (repeated ``--set``) as ``{NAME: VALUE}`` (strings).

    >>> parse_sets(["g=2.5", " r = 10"])
    {'g': '2.5', 'r': '10'}
    """
    out = {}
    for it in items or []:
        if "=" not in it:
            raise ParameterError("--set", it, "NAME=VALUE")
        k, v = it.split("=", 1)
        out[k.strip()] = v.strip()
    return out


def is_model_file(name: str) -> bool:
    """A CLI model argument that names a model file (ends in ``.toml`` or is an existing file)."""
    from pathlib import Path
    return name.endswith(".toml") or Path(name).is_file()


def _catalogued(model: str):
    from ._manifest import load_manifest
    from ._registry import MODELS
    data = None if MODELS else load_manifest()  # a catalogue already loaded in this process wins
    if data is not None:
        desc = {m["name"]: m for m in data["models"]}
        if model not in desc:
            raise ParameterError("MODEL", model, "one of " + ", ".join(desc))
        from ._catalog import load_model
        m = load_model(model, desc[model]["provider"])
        if m is not None:
            return m
    from ._catalog import catalog
    models = catalog()
    if model not in models:
        raise ParameterError("MODEL", model, "one of " + ", ".join(models))
    return models[model]


def lookup(model: str, quantity: str | None = None):
    """The catalogue entry (or model file, ``*.toml``) ``model``, checking ``quantity`` if given."""
    if is_model_file(model):  # a user's model file (app/_userfile.py)
        from ._userfile import file_model
        m = file_model(model)
        if quantity is not None and quantity not in m.quantities:
            raise ParameterError("QUANTITY", quantity, f"one of {', '.join(m.quantities)} for model file {model}")
        return m
    m = _catalogued(model)
    if quantity is not None and quantity not in m.quantities:
        raise ParameterError("QUANTITY", quantity, f"one of {', '.join(m.quantities)} for model {model}")
    return m
