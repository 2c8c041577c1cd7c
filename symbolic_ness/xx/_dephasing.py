"""Placeholder: filled in by its owner (see symbolic_ness/_catalog.py)."""
