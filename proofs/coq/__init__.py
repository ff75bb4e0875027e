"""The Coq development (the ``.v`` files beside this module) and its bridge to Python.

Main definitions: which theorems Coq also proves, under which names
(:mod:`mesaform.proofs.coq.names`), and the generator of the vector checks ``Vectors.v``
(:mod:`mesaform.proofs.coq.vectors`).
"""
