"""Hartmann, Dür, Briegel, PRA 74, 052304 (2006): steady-state entanglement by resets."""

__all__ = ["ising_reset_model"]

from ._two_qubit import ising_reset_model as ising_reset_model
