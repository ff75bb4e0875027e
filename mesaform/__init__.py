"""mesaform: a typed, executable reference formalization of mesa-optimizers.

The definitions live in :mod:`spec`, the reference interpreter in :mod:`model`, the
checking methods and theorems in :mod:`proofs`; this package holds the command
line, a thin layer over them.
"""

__version__ = "0.1.0"
