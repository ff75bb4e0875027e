"""mesaform's typed definitions: the formalism of "Formalizing Mesa Optimizers".

Main definitions, each in its own module:

- :mod:`spec.machines` -- ``TM = {0,1}*`` and the pair code for naturals;
- :mod:`spec.programs` -- ``Program = Table | Mesa`` with the total ``decode``;
- :mod:`spec.results` -- tapes, ``Halted``/``OutOfFuel``, pair-coded input and output;
- :mod:`spec.interpreter` -- ``run(t, x, F)`` for tables and mesa-optimizers, and the
  mesa-optimizer's choice rule;
- :mod:`spec.objectives` -- ``U : TM -> Q``, ``U_m : TM -/-> Q`` with an explicit
  domain, and world-state objectives, a type that never mixes with either;
- :mod:`spec.library` -- the library objectives and ``mesa_objective(m)``;
- :mod:`spec.alignment` -- inner alignment, ``U = U_m`` on ``dom(U_m)``;
- :mod:`spec.verdicts` -- the four verdicts a checked claim ends in;
- :mod:`spec.claims` -- the claims a researcher states about ``U`` and ``U_m``;
- :mod:`spec.validation` -- the argument checks every public function shares.

``spec`` imports nothing from ``model`` or ``proofs``.
"""
