"""App layer: the command line, the catalogue of named models, ``reproduce`` and figures.

Nothing below ``app`` imports it (only :mod:`symbolic_ness.__main__` does); matplotlib is
imported only here.
"""
from ._cli import main as main
from ._cli import to_jsonable as to_jsonable
from ._reproduce import reproduce as reproduce

__all__ = ["main", "to_jsonable", "reproduce"]
