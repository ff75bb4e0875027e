"""The checker: one claim in, one verdict out (docs/semantics.md#verdicts).

Main definitions:

- :mod:`proofs.checking.check` -- :func:`~proofs.checking.check.check_claim`, a loop over the
  registered methods of :mod:`proofs.methods`, with replay of every counterexample;
- :mod:`proofs.checking.outcome` -- what a method returns before replay;
- :mod:`proofs.checking.replay` -- the reference interpreter's word on a counterexample;
- :mod:`proofs.checking.small_model` -- claims for every ``t``, reduced to a bound;
- :mod:`proofs.checking.report`, :mod:`proofs.checking.checkpoint`,
  :mod:`proofs.checking.cluster` -- reports, resumable checks, checks on a cluster.
"""
