"""Papers layer: the physics of the two founding papers, on top of the engines.

:mod:`symbolic_ness.papers.hdb` (Hartmann–Dür–Briegel, PRA 74, 052304) and
:mod:`symbolic_ness.papers.znidaric` (Žnidarič, PRA 85, 012324).
"""
