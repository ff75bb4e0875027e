"""The checking methods: each decides bounded claims its own way behind one interface.

Main definitions: enumeration (:mod:`proofs.methods.enumeration`, in ranges
:mod:`proofs.methods.ranges`), memoized exploration (:mod:`proofs.methods.exploration`),
Hypothesis (:mod:`proofs.methods.hypothesis_method`, strategies for users in
:mod:`proofs.methods.strategies`) and the SMT solvers (:mod:`proofs.methods.solver_claims`).
"""
