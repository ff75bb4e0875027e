"""The checking methods: each decides bounded claims its own way behind one interface.

Main definitions: enumeration (:mod:`mesaform.proofs.methods.enumeration`, in ranges
:mod:`mesaform.proofs.methods.ranges`), memoized exploration
(:mod:`mesaform.proofs.methods.exploration`),
Hypothesis (:mod:`mesaform.proofs.methods.hypothesis_method`, strategies for users in
:mod:`mesaform.proofs.methods.strategies`) and the SMT solvers
(:mod:`mesaform.proofs.methods.solver_claims`).
"""
