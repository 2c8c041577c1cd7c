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

    A name given twice is an error (not "the last one wins"):

    >>> parse_sets(["g=1", "g=2.5"])
    Traceback (most recent call last):
    ...
    symbolic_ness._errors.ParameterError: parameter '--set' = 'g=2.5' is not allowed; allowed range: each NAME once (g is already set to 1)
    """
    out = {}
    for it in items or []:
        if "=" not in it:
            raise ParameterError("--set", it, "NAME=VALUE")
        k, v = it.split("=", 1)
        k = k.strip()
        if k in out:
            raise ParameterError("--set", it, f"each NAME once ({k} is already set to {out[k]})")
        out[k] = v.strip()
    return out


def is_model_file(name: str) -> bool:
    """A CLI model argument that names a model file: it ends in ``.toml`` or has a directory
    part (``./reset-ising``, ``models/x``). Any other name is a catalogue name, so a file in the
    working folder can never shadow a catalogue model.

    >>> is_model_file("reset-ising"), is_model_file("./reset-ising"), is_model_file("m.toml")
    (False, True, True)
    """
    import os
    return name.endswith(".toml") or "/" in name or os.sep in name or bool(os.altsep and os.altsep in name)


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
    try:
        m = _catalogued(model)
    except ParameterError as exc:
        from pathlib import Path
        if exc.name == "MODEL" and Path(model).exists():  # the ambiguity is an error, never a guess
            raise ParameterError("MODEL", model, f"a catalogue name; for the file {model} in this folder "
                                 f"write ./{model}") from None
        raise
    if quantity is not None and quantity not in m.quantities:
        raise ParameterError("QUANTITY", quantity, f"one of {', '.join(m.quantities)} for model {model}")
    return m
