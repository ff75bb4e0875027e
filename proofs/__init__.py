"""mesaform's checking methods and theorems.

``proofs`` imports ``spec`` and ``model``; nothing imports ``proofs`` but the CLI.
"""
