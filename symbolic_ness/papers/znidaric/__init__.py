"""Žnidarič, PRA 85, 012324 (2012): entanglement in XX-chain steady states."""

__all__ = ["xx_chain_model"]

from ._chain import xx_chain_model as xx_chain_model
