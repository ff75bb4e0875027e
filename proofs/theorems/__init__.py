"""The theorem collections of ``mesaform prove`` and their prover.

Main definitions: :class:`~proofs.theorems.theorem.Theorem` (statement, kind, scope); the
collections about alignment (:mod:`proofs.theorems.alignment`), the paper's taxonomy
(:mod:`proofs.theorems.taxonomy`), world states (:mod:`proofs.theorems.world`), the
semantics of tables (:mod:`proofs.theorems.semantics`) and of Mesa programs
(:mod:`proofs.theorems.mesa`); the registry and prover (:mod:`proofs.theorems.prover`).
"""
