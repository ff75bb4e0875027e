"""The checker: one claim in, one verdict out (docs/semantics.md#verdicts).

Main definitions:

- :mod:`mesaform.proofs.checking.check` -- :func:`~mesaform.proofs.checking.check.check_claim`,
  which runs a registered method of :mod:`mesaform.proofs.methods` (or ``auto``'s plan,
  :mod:`mesaform.proofs.checking.auto`) through
  :func:`~mesaform.proofs.checking.attempt.attempt`, with replay of every counterexample;
- :mod:`mesaform.proofs.checking.options`, :mod:`mesaform.proofs.checking.result` -- how a
  claim is checked, and what a checked claim carries;
- :mod:`mesaform.proofs.checking.outcome` -- what a method returns before replay;
- :mod:`mesaform.proofs.checking.replay` -- the reference interpreter's word on a counterexample;
- :mod:`mesaform.proofs.checking.small_model` -- claims for every ``t``, reduced to a bound;
- :mod:`mesaform.proofs.checking.report`, :mod:`mesaform.proofs.checking.checkpoint`,
  :mod:`mesaform.proofs.checking.cluster` -- reports, resumable checks, checks on a cluster.
"""
