"""The Coq development (the ``.v`` files beside this module) and its bridge to Python.

Main definitions: which theorems Coq also proves, under which names
(:mod:`proofs.coq.names`), and the generator of the vector checks ``Vectors.v``
(:mod:`proofs.coq.vectors`).
"""
