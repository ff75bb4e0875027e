"""mesaform's executable reference: the interpreter and the objects that run.

Main definitions:

- :mod:`model.results` -- tapes, ``Halted``/``OutOfFuel``, pair-coded input and output;
- :mod:`model.interpreter` -- ``run(t, x, F)`` for tables and mesa-optimizers;
- :mod:`model.objectives` -- the library objectives and ``mesa_objective(m)``;
- :mod:`model.standard_format` -- the bbchallenge text format for tables.

``model`` imports ``spec`` and never ``proofs``.
"""
