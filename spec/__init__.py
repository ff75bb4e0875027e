"""mesaform's typed definitions: the formalism of "Formalizing Mesa Optimizers".

Main definitions, each in its own module:

- :mod:`mesaform.spec.machines` -- ``TM = {0,1}*`` and the pair code for naturals;
- :mod:`mesaform.spec.programs` -- ``Program = Table | Mesa`` with the total ``decode``;
- :mod:`mesaform.spec.results` -- tapes, ``Halted``/``OutOfFuel``, pair-coded input and output;
- :mod:`mesaform.spec.interpreter` -- ``run(t, x, F)`` for tables and mesa-optimizers, and the
  mesa-optimizer's choice rule;
- :mod:`mesaform.spec.objectives` -- ``U : TM -> Q``, ``U_m : TM -/-> Q`` with an explicit
  domain, and world-state objectives, a type that never mixes with either;
- :mod:`mesaform.spec.library` -- the library objectives and ``mesa_objective(m)``;
- :mod:`mesaform.spec.alignment` -- inner alignment, ``U = U_m`` on ``dom(U_m)``;
- :mod:`mesaform.spec.taxonomy`, :mod:`mesaform.spec.taxonomy_agents`, :mod:`mesaform.spec.world`
-- the paper's
  taxonomy and the world-state formalization (mesaform's own);
- :mod:`mesaform.spec.verdicts` -- a bound and its extent, and the four verdicts a checked
  claim ends in;
- :mod:`mesaform.spec.claims` -- the claims a researcher states about ``U`` and ``U_m``;
- :mod:`mesaform.spec.catalogue` -- the named example machines, each under one name;
- :mod:`mesaform.spec.validation` -- the argument checks every public function shares.

``spec`` imports nothing from ``model``, ``proofs`` or ``mesaform``, and neither
``tomllib`` nor ``importlib`` (``tests/test_layers.py``).
"""
