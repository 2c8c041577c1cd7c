"""Result object of the n-symbolic proofs of the Žnidarič closed forms."""
from __future__ import annotations

from dataclasses import dataclass

__all__ = ["ClosedFormProof"]


@dataclass(frozen=True)
class ClosedFormProof:
    """Outcome of an n-symbolic proof: ``proved`` (every residual is the zero polynomial),
    ``n0``, ``equations`` (how many n-symbolic equations were checked), ``nonzero`` (indices of
    the equations with a nonzero residual), ``statement`` (one sentence)."""

    name: str
    proved: bool
    n0: int
    equations: int
    nonzero: tuple
    statement: str
