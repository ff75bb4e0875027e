"""The theorem collections of ``mesaform prove`` and their prover.

Main definitions: :class:`~mesaform.proofs.theorems.theorem.Theorem` (statement, kind, scope); the
collections about alignment (:mod:`mesaform.proofs.theorems.alignment`), the paper's taxonomy
(:mod:`mesaform.proofs.theorems.taxonomy`), world states (:mod:`mesaform.proofs.theorems.world`),
the
semantics of tables (:mod:`mesaform.proofs.theorems.semantics`) and of Mesa programs
(:mod:`mesaform.proofs.theorems.mesa`); the registry and prover
(:mod:`mesaform.proofs.theorems.prover`).
"""
