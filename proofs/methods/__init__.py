"""The checking methods: each decides bounded claims its own way behind one interface.

Main definitions: the interface every method offers (:mod:`mesaform.proofs.methods.interface`:
``why_not``, ``estimate``, ``decide`` within a budget) and the one place that lists them
(:mod:`mesaform.proofs.methods.registry`); the methods, each registered by its own module:
``enumerate`` (:mod:`mesaform.proofs.methods.enumerate_method`, on
:mod:`mesaform.proofs.methods.enumeration`, in ranges :mod:`mesaform.proofs.methods.ranges`),
``explore`` (:mod:`mesaform.proofs.methods.explore_method`, on
:mod:`mesaform.proofs.methods.exploration`), ``z3``, ``cvc5`` and ``bitwuzla``
(:mod:`mesaform.proofs.methods.solver_methods`, on :mod:`mesaform.proofs.methods.solver_scope`,
:mod:`mesaform.proofs.methods.solver_queries` and :mod:`mesaform.proofs.methods.solver_claims`),
``hypothesis`` (:mod:`mesaform.proofs.methods.hypothesis_method`, strategies for users in
:mod:`mesaform.proofs.methods.strategies`).
"""
