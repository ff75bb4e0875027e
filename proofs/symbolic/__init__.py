"""The symbolic encodings and the solvers that read them.

Main definitions: the Z3 bit-vector run of a Table (:mod:`mesaform.proofs.symbolic.tables`) and of a
Mesa program's first steps (:mod:`mesaform.proofs.symbolic.mesa`); the Z3 form of each predicate
(:mod:`mesaform.proofs.symbolic.z3_forms`) over typed terms
(:mod:`mesaform.proofs.symbolic.z3_typed`); the
SMT-LIB2 export read by cvc5 (:mod:`mesaform.proofs.symbolic.smt2`) and Bitwuzla
(:mod:`mesaform.proofs.symbolic.bitwuzla_solver`).
"""
